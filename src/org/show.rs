//! `show`: the org as text. Accounts are drawn as a tree of their contacts and
//! each contact's external user, since that Account → Contact → User chain is
//! what the trainer teaches.

use std::fmt::Write;

use super::command::Listing;
use super::id::with_ids;
use super::state::{ContactId, ExternalUserId, License, Org};

impl Org {
    /// The listing `show` prints.
    pub fn show(&self, listing: Listing) -> String {
        let mut out = String::new();
        match listing {
            Listing::Org => {
                self.write_settings(&mut out);
                for section in [
                    Listing::Licenses,
                    Listing::Sites,
                    Listing::Users,
                    Listing::Accounts,
                    Listing::Roles,
                ] {
                    out.push('\n');
                    self.write_section(&mut out, section);
                }
            }
            other => self.write_section(&mut out, other),
        }
        out.truncate(out.trim_end().len());
        out
    }

    fn write_section(&self, out: &mut String, listing: Listing) {
        match listing {
            Listing::Org => self.write_settings(out),
            Listing::Sites => self.write_sites(out),
            Listing::Accounts => self.write_accounts(out),
            Listing::Contacts => self.write_contacts(out),
            Listing::Users => self.write_users(out),
            Listing::Licenses => self.write_licenses(out),
            Listing::Roles => self.write_roles(out),
        }
    }

    fn write_settings(&self, out: &mut String) {
        let settings = &self.settings;
        let on_off = |on: bool| if on { "on" } else { "off" };
        let _ = writeln!(out, "settings");
        let _ = writeln!(
            out,
            "  digital experiences: {}",
            on_off(settings.digital_experiences)
        );
        let _ = writeln!(
            out,
            "  standard external profiles: {}",
            on_off(settings.standard_external_profiles)
        );
        let _ = writeln!(
            out,
            "  roles per account: {} partner, {} customer",
            settings.partner_roles, settings.customer_roles
        );
    }

    fn write_licenses(&self, out: &mut String) {
        let _ = writeln!(out, "licenses");
        for license in License::ALL {
            let seats = self.seats(license);
            if seats.total == 0 && seats.used_elsewhere == 0 {
                let _ = writeln!(out, "  {}: none", license.name());
            } else {
                let _ = writeln!(
                    out,
                    "  {}: {} of {} seats in use",
                    license.name(),
                    self.seats_used(license),
                    seats.total
                );
            }
        }
    }

    fn write_sites(&self, out: &mut String) {
        let _ = writeln!(out, "sites");
        if self.sites.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for site in &self.sites {
            let members: Vec<&str> = site
                .members
                .iter()
                .map(|&profile| self.profiles[profile].name.as_ref())
                .collect();
            let members = if members.is_empty() {
                "no member profiles".to_string()
            } else {
                format!("members: {}", members.join(", "))
            };
            let _ = writeln!(
                out,
                "  {} ({}, {}); {members}",
                site.name,
                site.template.name(),
                site.status.name()
            );
        }
    }

    fn write_users(&self, out: &mut String) {
        let _ = writeln!(out, "internal users");
        if self.internal_users.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for user in &self.internal_users {
            let role = user
                .role
                .as_deref()
                .map_or("no role".to_string(), |role| format!("role {role}"));
            let _ = writeln!(out, "  {} ({role})", user.name);
        }
        let _ = writeln!(out, "external users");
        if self.external_users.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for (user, external) in with_ids(&self.external_users) {
            let contact = &self.contacts[external.contact];
            let _ = writeln!(out, "  {}: {}", contact.name, self.describe_user(user));
        }
    }

    /// "Partner Community User, active, role Acme Partner User".
    fn describe_user(&self, user: ExternalUserId) -> String {
        let external = &self.external_users[user];
        let mut text = format!(
            "{}, {}",
            self.profiles[external.profile].name,
            if external.active {
                "active"
            } else {
                "inactive"
            }
        );
        if let Some(role) = self.user_role(user) {
            let _ = write!(text, ", role {role}");
        }
        text
    }

    fn describe_contact(&self, contact: ContactId) -> String {
        let contact = &self.contacts[contact];
        match &contact.email {
            Some(email) => format!("{} <{email}>", contact.name),
            None => format!("{} (no email)", contact.name),
        }
    }

    fn write_accounts(&self, out: &mut String) {
        let _ = writeln!(out, "accounts");
        if self.accounts.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for (account_id, account) in with_ids(&self.accounts) {
            let kind = match (account.person, account.partner) {
                (true, _) => "person account",
                (false, true) => "partner account",
                (false, false) => "business account",
            };
            let owner = &self.internal_users[account.owner].name;
            let _ = writeln!(out, "  {} ({kind}, owner {owner})", account.name);
            let contacts: Vec<ContactId> = with_ids(&self.contacts)
                .filter(|(_, contact)| contact.account == Some(account_id))
                .map(|(contact, _)| contact)
                .collect();
            for (position, &contact) in contacts.iter().enumerate() {
                let last = position + 1 == contacts.len();
                let (branch, indent) = if last {
                    ("└─", "   ")
                } else {
                    ("├─", "│  ")
                };
                let _ = writeln!(out, "  {branch} {}", self.describe_contact(contact));
                if let Some(user) = self.user_of_contact(contact) {
                    let _ = writeln!(out, "  {indent}└─ user: {}", self.describe_user(user));
                }
            }
        }
        let private: Vec<ContactId> = with_ids(&self.contacts)
            .filter(|(_, contact)| contact.account.is_none())
            .map(|(contact, _)| contact)
            .collect();
        if !private.is_empty() {
            let _ = writeln!(out, "private contacts (no account)");
            for contact in private {
                let _ = writeln!(out, "  {}", self.describe_contact(contact));
            }
        }
    }

    fn write_contacts(&self, out: &mut String) {
        let _ = writeln!(out, "contacts");
        if self.contacts.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for (contact, entry) in with_ids(&self.contacts) {
            let account = match entry.account {
                Some(account) => format!("account {}", self.accounts[account].name),
                None => "private".to_string(),
            };
            let user = match self.user_of_contact(contact) {
                Some(user) => format!("user: {}", self.describe_user(user)),
                None => "no user".to_string(),
            };
            let _ = writeln!(
                out,
                "  {}; {account}; {user}",
                self.describe_contact(contact)
            );
        }
    }

    fn write_roles(&self, out: &mut String) {
        let _ = writeln!(out, "roles");
        let mut any = false;
        // A role held by several users is one role: listed once, with them all.
        let mut held: Vec<(&str, Vec<&str>)> = Vec::new();
        for user in &self.internal_users {
            if let Some(role) = &user.role {
                match held.iter_mut().find(|(name, _)| *name == role.as_str()) {
                    Some((_, holders)) => holders.push(&user.name),
                    None => held.push((role, vec![&user.name])),
                }
            }
        }
        for (role, holders) in held {
            any = true;
            let _ = writeln!(out, "  {role} (held by {})", holders.join(", "));
        }
        for (account, _) in with_ids(&self.accounts) {
            for role in self.account_roles(account) {
                any = true;
                let _ = writeln!(out, "  {role} (account role)");
            }
        }
        if !any {
            let _ = writeln!(out, "  (none)");
        }
    }
}
