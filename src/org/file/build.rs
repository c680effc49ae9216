//! Validating an org file's shape and building its org, collecting every
//! problem with the span it is about.

use std::ops::Range;

use toml::Spanned;

use super::Problem;
use super::shape::{
    AccountFile, ContactFile, ExternalUserFile, LicenseFile, OrgFile, ProfileFile, SettingsFile,
    SiteFile,
};
use crate::org::apply::MAX_SITES;
use crate::org::id::Entity;
use crate::org::names::same_name;
use crate::org::state::{
    Account, Contact, ExternalUser, InternalUser, License, Org, Profile, Site, SiteStatus,
    Template, UserKind,
};
use crate::suggest::closest;

/// Validates a parsed org file and builds its org, or returns every problem,
/// located by spans of the text the file was read from.
pub fn build(file: OrgFile) -> Result<Org, Vec<Problem>> {
    let mut builder = Builder {
        org: Org::new(),
        problems: Vec::new(),
        licenses_seen: [false; 3],
    };
    builder.build(file);
    if builder.problems.is_empty() {
        Ok(builder.org)
    } else {
        Err(builder.problems)
    }
}

/// Reports `name` as unknown, suggesting the closest of `known`. A free
/// function, so callers can pass the problem list and an iterator over the
/// org's names at once (disjoint fields of the builder).
fn unknown<'k>(
    problems: &mut Vec<Problem>,
    what: &str,
    name: &Spanned<String>,
    known: impl Iterator<Item = &'k str>,
    hint: &str,
) {
    let hint = match closest(name.get_ref(), known) {
        Some(candidate) => format!("did you mean `{candidate}`?"),
        None => hint.to_string(),
    };
    problems.push(Problem {
        span: name.span(),
        message: format!("unknown {what} `{}`", name.get_ref()),
        hint,
    });
}

/// Builds an org from a parsed file, collecting every problem.
struct Builder {
    org: Org,
    problems: Vec<Problem>,
    /// Which licenses have had their [[license]] entry.
    licenses_seen: [bool; 3],
}

impl Builder {
    fn error(&mut self, span: Range<usize>, message: String, hint: &str) {
        self.problems.push(Problem {
            span,
            message,
            hint: hint.to_string(),
        });
    }

    fn duplicate(&mut self, what: &str, name: &Spanned<String>) {
        self.error(
            name.span(),
            format!("duplicate {what} name `{}`", name.get_ref()),
            "names are unique per kind, ignoring case",
        );
    }

    fn build(&mut self, file: OrgFile) {
        self.settings(&file.settings);
        for license in &file.license {
            self.license(license.get_ref());
        }
        for profile in &file.profile {
            self.profile(profile.get_ref());
        }
        for (idx, site) in file.site.iter().enumerate() {
            self.site(site, idx);
        }
        for user in &file.internal_user {
            let user = user.get_ref();
            if self.org.find_internal_user(user.name.get_ref()).is_some() {
                self.duplicate("internal user", &user.name);
                continue;
            }
            self.org.internal_users.push(InternalUser {
                name: user.name.get_ref().clone(),
                role: user.role.clone(),
            });
        }
        for account in &file.account {
            self.account(account.get_ref());
        }
        let mut described = vec![false; self.org.accounts.len()];
        for contact in &file.contact {
            self.contact(contact.get_ref(), &mut described);
        }
        // A person account with no [[contact]] entry still has its contact.
        for (account, described) in described.into_iter().enumerate() {
            let account = Account::id(account);
            if self.org.accounts[account].person && !described {
                self.org.contacts.push(Contact {
                    name: self.org.accounts[account].name.clone(),
                    account: Some(account),
                    email: None,
                });
            }
        }
        for user in &file.external_user {
            self.external_user(user);
        }
        self.seats_in_use(&file.license, &file.external_user);
    }

    fn settings(&mut self, settings: &SettingsFile) {
        self.org.settings.digital_experiences = settings.digital_experiences;
        self.org.settings.standard_external_profiles = settings.standard_external_profiles;
        for (value, key) in [
            (&settings.partner_roles, "partner_roles"),
            (&settings.customer_roles, "customer_roles"),
        ] {
            let Some(value) = value else { continue };
            match u8::try_from(*value.get_ref()) {
                Ok(count @ 1..=3) => match key {
                    "partner_roles" => self.org.settings.partner_roles = count,
                    _ => self.org.settings.customer_roles = count,
                },
                _ => self.error(
                    value.span(),
                    format!("`{key}` must be 1, 2 or 3, not {}", value.get_ref()),
                    "roles per account: User, then Manager, then Executive",
                ),
            }
        }
    }

    fn license(&mut self, license_file: &LicenseFile) {
        let Some(license) = License::from_name(license_file.name.get_ref()) else {
            let names = License::ALL.iter().map(|license| license.name());
            unknown(
                &mut self.problems,
                "license",
                &license_file.name,
                names,
                "licenses are Customer Community, Customer Community Plus and Partner Community",
            );
            return;
        };
        let seen = &mut self.licenses_seen[license as usize];
        if std::mem::replace(seen, true) {
            self.duplicate("license", &license_file.name);
            return;
        }
        let seats = self.count(&license_file.seats, "seats");
        let used = license_file
            .used
            .as_ref()
            .map_or(0, |used| self.count(used, "used"));
        let entry = self.org.seats_mut(license);
        entry.total = seats;
        entry.used_elsewhere = used;
    }

    /// A seat count: a whole number from 0.
    fn count(&mut self, value: &Spanned<i64>, key: &str) -> u32 {
        u32::try_from(*value.get_ref()).unwrap_or_else(|_| {
            self.error(
                value.span(),
                format!(
                    "`{key}` must be a whole number from 0 to {}, not {}",
                    u32::MAX,
                    value.get_ref()
                ),
                "seats are counted in whole users",
            );
            0
        })
    }

    fn profile(&mut self, profile: &ProfileFile) {
        if self.org.find_profile(profile.name.get_ref()).is_some() {
            self.duplicate("profile", &profile.name);
            return;
        }
        let Some(license) = License::from_name(profile.license.get_ref()) else {
            let names = License::ALL.iter().map(|license| license.name());
            unknown(
                &mut self.problems,
                "license",
                &profile.license,
                names,
                "licenses are Customer Community, Customer Community Plus and Partner Community",
            );
            return;
        };
        self.org.profiles.push(Profile {
            name: profile.name.get_ref().clone().into(),
            license,
            standard: false,
        });
    }

    fn site(&mut self, site_entry: &Spanned<SiteFile>, idx: usize) {
        let site = site_entry.get_ref();
        if !self.org.settings.digital_experiences {
            self.error(
                site.name.span(),
                format!(
                    "site `{}` needs Digital Experiences, which is off",
                    site.name.get_ref()
                ),
                "set `digital_experiences = true` under [settings]",
            );
        }
        if idx == MAX_SITES {
            self.error(
                site.name.span(),
                format!("more than {MAX_SITES} sites"),
                "an org can hold at most 100 sites, whatever their status",
            );
        }
        if self.org.find_site(site.name.get_ref()).is_some() {
            self.duplicate("site", &site.name);
            return;
        }
        let Some(template) = Template::from_name(site.template.get_ref()) else {
            let names = Template::ALL.iter().map(|template| template.name());
            unknown(
                &mut self.problems,
                "site template",
                &site.template,
                names,
                "see FORMAT.md, Org files and the command language, for the templates",
            );
            return;
        };
        let status = match &site.status {
            None => SiteStatus::Preview,
            Some(status) => match [
                SiteStatus::Preview,
                SiteStatus::Active,
                SiteStatus::Inactive,
            ]
            .into_iter()
            .find(|known| same_name(known.name(), status.get_ref()))
            {
                Some(known) => known,
                None => {
                    unknown(
                        &mut self.problems,
                        "site status",
                        status,
                        ["preview", "active", "inactive"].into_iter(),
                        "a status is preview, active or inactive",
                    );
                    return;
                }
            },
        };
        let mut members = Vec::new();
        for member in &site.members {
            match self.org.find_profile(member.get_ref()) {
                Some(profile) if !members.contains(&profile) => members.push(profile),
                Some(_) => {}
                None => {
                    unknown(
                        &mut self.problems,
                        "profile",
                        member,
                        self.org.profiles.iter().map(|profile| &*profile.name),
                        "member profiles are standard or [[profile]] profiles",
                    );
                }
            }
        }
        self.org.sites.push(Site {
            name: site.name.get_ref().clone(),
            template,
            status,
            members,
        });
    }

    fn account(&mut self, account: &AccountFile) {
        if self.org.find_account(account.name.get_ref()).is_some() {
            self.duplicate("account", &account.name);
            return;
        }
        let partner = account
            .partner
            .as_ref()
            .is_some_and(|partner| *partner.get_ref());
        if account.person
            && partner
            && let Some(flag) = &account.partner
        {
            self.error(
                flag.span(),
                format!(
                    "person account `{}` is marked partner",
                    account.name.get_ref()
                ),
                "a person account can never be a partner account",
            );
        }
        let Some(owner) = self.org.find_internal_user(account.owner.get_ref()) else {
            unknown(
                &mut self.problems,
                "internal user",
                &account.owner,
                self.org.internal_users.iter().map(|user| &*user.name),
                "an owner is an [[internal_user]]",
            );
            return;
        };
        self.org.accounts.push(Account {
            name: account.name.get_ref().clone(),
            owner,
            person: account.person,
            partner: partner && !account.person,
            customer_roles: 0,
            partner_roles: 0,
        });
    }

    fn contact(&mut self, contact: &ContactFile, described: &mut [bool]) {
        let name = contact.name.get_ref();
        let named_account = match &contact.account {
            None => None,
            Some(account) => match self.org.find_account(account.get_ref()) {
                Some(found) => Some(found),
                None => {
                    unknown(
                        &mut self.problems,
                        "account",
                        account,
                        self.org.accounts.iter().map(|account| &*account.name),
                        "an account is an [[account]]",
                    );
                    return;
                }
            },
        };
        // A [[contact]] named like a person account describes that account's own contact.
        let person_account = self
            .org
            .find_account(name)
            .filter(|&account| self.org.accounts[account].person);
        if let Some(person) = person_account
            && named_account.is_none_or(|account| account == person)
            && !described[person.index()]
        {
            described[person.index()] = true;
            self.org.contacts.push(Contact {
                name: self.org.accounts[person].name.clone(),
                account: Some(person),
                email: contact.email.clone(),
            });
            return;
        }
        if person_account.is_some() || self.org.find_contact(name).is_some() {
            self.duplicate("contact", &contact.name);
            return;
        }
        if let (Some(account), Some(account_name)) = (named_account, &contact.account)
            && self.org.accounts[account].person
        {
            self.error(
                account_name.span(),
                format!(
                    "`{}` is a person account, whose only contact is itself",
                    account_name.get_ref()
                ),
                "put the contact on a business account",
            );
            return;
        }
        self.org.contacts.push(Contact {
            name: name.clone(),
            account: named_account,
            email: contact.email.clone(),
        });
    }

    fn external_user(&mut self, entry: &Spanned<ExternalUserFile>) {
        let user = entry.get_ref();
        let Some(contact) = self.org.find_contact(user.contact.get_ref()) else {
            unknown(
                &mut self.problems,
                "contact",
                &user.contact,
                self.org.contacts.iter().map(|contact| &*contact.name),
                "an external user's contact is a [[contact]] or a person account",
            );
            return;
        };
        let Some(profile) = self.org.find_profile(user.profile.get_ref()) else {
            unknown(
                &mut self.problems,
                "profile",
                &user.profile,
                self.org.profiles.iter().map(|profile| &*profile.name),
                "profiles are the six standard ones or a [[profile]]",
            );
            return;
        };
        let contact_name = user.contact.get_ref();
        if !self.org.settings.digital_experiences {
            self.error(
                user.contact.span(),
                format!("external user `{contact_name}` needs Digital Experiences, which is off"),
                "set `digital_experiences = true` under [settings]",
            );
        }
        let Some(account) = self.org.contacts[contact].account else {
            self.error(
                user.contact.span(),
                format!("external user of private contact `{contact_name}`"),
                "only a contact on an account can have an external user",
            );
            return;
        };
        if self.org.user_of_contact(contact).is_some() {
            self.error(
                user.contact.span(),
                format!("contact `{contact_name}` already has an external user"),
                "a contact has at most one external user",
            );
            return;
        }
        let license = self.org.profiles[profile].license;
        if license.kind() == UserKind::Partner && !self.org.accounts[account].partner {
            self.error(
                user.profile.span(),
                format!(
                    "partner user `{contact_name}` is on `{}`, which is not a partner account",
                    self.org.accounts[account].name
                ),
                "mark the account `partner = true`, or give the user a customer profile",
            );
            return;
        }
        self.org.external_users.push(ExternalUser {
            contact,
            profile,
            active: user.active,
        });
        self.org.create_account_roles(account, license);
    }

    /// More seats in use (`used` plus active users) than a license has.
    fn seats_in_use(
        &mut self,
        licenses: &[Spanned<LicenseFile>],
        users: &[Spanned<ExternalUserFile>],
    ) {
        for license in License::ALL {
            let used = self.org.seats_used(license);
            let total = self.org.seats(license).total;
            if used <= u64::from(total) {
                continue;
            }
            let entry = licenses
                .iter()
                .find(|entry| same_name(entry.get_ref().name.get_ref(), license.name()))
                .map(|entry| entry.get_ref().seats.span());
            let span = entry
                .or_else(|| users.first().map(|user| user.get_ref().profile.span()))
                .unwrap_or(0..0);
            self.error(
                span,
                format!("{used} {} seats in use (`used` plus active external users), but only {total} exist", license.name()),
                "raise `seats`, lower `used`, or mark users `active = false`",
            );
        }
    }
}
