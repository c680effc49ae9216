//! The rules: applying one [`Command`] to an [`Org`].
//!
//! Each command runs its checks in C2's order and stops at the first that fails,
//! before changing anything, so a failed command leaves the org as it was.
//! Repeating a command whose effect already holds succeeds and changes nothing.

use super::code::Code;
use super::command::Command;
use super::lookup::{ensure_new, license_named};
use super::named::Lookup;
use super::outcome::{Failure, Reply};
use super::state::{
    Account, AccountId, Contact, ExternalUser, InternalUser, License, Org, ProfileId, Site,
    SiteStatus, Template, UserKind,
};
use crate::text::plural;

/// An org holds at most this many sites, whatever their status.
pub const MAX_SITES: usize = 100;

/// Salesforce's message when a standard external profile is not allowed.
pub const STANDARD_PROFILE_MESSAGE: &str = "To create or update users for this profile, go to Setup > Digital Experiences > Settings and select Allow using standard external profiles for self-registration, user creation, and login.";

/// Salesforce's message when a user can't reach a site.
pub const NOT_MEMBER_MESSAGE: &str = "Looks like this portal user is not a member of an experience or your experience is down. Ask your Salesforce admin or channel manager for help.";

impl Org {
    /// Applies one command: its effect and a reply, or the first failing check's
    /// code with nothing changed.
    pub fn apply(&mut self, command: &Command) -> Result<Reply, Failure> {
        let message = match command {
            Command::EnableDigitalExperiences => self.enable_digital_experiences(),
            Command::DisableDigitalExperiences => self.disable_digital_experiences()?,
            Command::CreateSite { name, template } => self.create_site(name, template)?,
            Command::ActivateSite { site } => self.set_site_status(site, SiteStatus::Active)?,
            Command::DeactivateSite { site } => self.set_site_status(site, SiteStatus::Inactive)?,
            Command::AddMember { profile, site } => self.add_member(profile, site)?,
            Command::CreateInternalUser { name, role } => {
                self.create_internal_user(name, role.as_deref())?
            }
            Command::AssignRole { role, user } => self.assign_role(role, user)?,
            Command::CreateAccount {
                name,
                owner,
                person,
            } => self.create_account(name, owner, *person)?,
            Command::CreateContact {
                name,
                account,
                email,
            } => self.create_contact(name, account.as_deref(), email.as_deref())?,
            Command::SetContactAccount { contact, account } => {
                self.set_contact_account(contact, account)?
            }
            Command::SetContactEmail { contact, email } => {
                self.set_contact_email(contact, email)?
            }
            Command::EnablePartnerAccount { account } => self.enable_partner_account(account)?,
            Command::AddLicenses { license, count } => self.add_licenses(license, *count)?,
            Command::SetStandardExternalProfiles { on } => self.set_standard_external_profiles(*on),
            Command::EnableUser {
                kind,
                contact,
                profile,
                email,
            } => self.enable_user(*kind, contact, profile, email.as_deref())?,
            Command::DeactivateUser { contact } => self.deactivate_user(contact)?,
            Command::ActivateUser { contact } => self.activate_user(contact)?,
            Command::DisableUser { contact } => self.disable_user(contact)?,
            Command::Login { contact, site } => self.login(contact, site)?,
            Command::Check {
                contact,
                kind,
                site,
            } => return self.check(contact, *kind, site),
            Command::Show(listing) => self.show(*listing),
        };
        Ok(Reply::message(message))
    }

    fn enable_digital_experiences(&mut self) -> String {
        if self.settings.digital_experiences {
            "Digital Experiences is already enabled".to_string()
        } else {
            self.settings.digital_experiences = true;
            "enabled Digital Experiences (this can't be undone)".to_string()
        }
    }

    fn disable_digital_experiences(&self) -> Result<String, Failure> {
        if self.settings.digital_experiences {
            return Err(Failure::new(
                Code::DxIrreversible,
                "Digital Experiences can't be disabled once it is enabled",
            ));
        }
        Ok("Digital Experiences is already off".to_string())
    }

    fn add_member(&mut self, profile: &str, site: &str) -> Result<String, Failure> {
        let profile = self.profiles.named(profile)?;
        let site = self.sites.named(site)?;
        let (profile_name, site_name) = (&self.profiles[profile].name, &self.sites[site].name);
        if self.sites[site].members.contains(&profile) {
            return Ok(format!(
                "profile `{profile_name}` is already a member of site `{site_name}`"
            ));
        }
        let message =
            format!("added profile `{profile_name}` to the members of site `{site_name}`");
        self.sites[site].members.push(profile);
        Ok(message)
    }

    fn create_internal_user(&mut self, name: &str, role: Option<&str>) -> Result<String, Failure> {
        ensure_new("user", name, self.find_internal_user(name))?;
        self.internal_users.push(InternalUser {
            name: name.to_string(),
            role: role.map(str::to_string),
        });
        Ok(match role {
            Some(role) => format!("created internal user `{name}` with role `{role}`"),
            None => format!("created internal user `{name}` with no role"),
        })
    }

    fn assign_role(&mut self, role: &str, user: &str) -> Result<String, Failure> {
        let user = self.internal_user_named(user)?;
        let user = &mut self.internal_users[user];
        user.role = Some(role.to_string());
        Ok(format!("`{}` now has role `{role}`", user.name))
    }

    fn set_contact_email(&mut self, contact: &str, email: &str) -> Result<String, Failure> {
        let contact = self.contacts.named(contact)?;
        let contact = &mut self.contacts[contact];
        contact.email = Some(email.to_string());
        Ok(format!(
            "contact `{}` now has email `{email}`",
            contact.name
        ))
    }

    fn enable_partner_account(&mut self, account: &str) -> Result<String, Failure> {
        self.require_digital_experiences()?;
        let account = self.accounts.named(account)?;
        let account = &mut self.accounts[account];
        if account.person {
            return Err(Failure::new(
                Code::PersonAccountNotPartner,
                format!(
                    "`{}` is a person account, and a person account can never be a partner account",
                    account.name
                ),
            ));
        }
        if account.partner {
            Ok(format!("`{}` is already a partner account", account.name))
        } else {
            account.partner = true;
            Ok(format!("`{}` is now a partner account", account.name))
        }
    }

    fn add_licenses(&mut self, license: &str, count: u32) -> Result<String, Failure> {
        let license = license_named(license)?;
        let seats = self.seats_mut(license);
        // The total stops at the type's maximum; say how many were really added
        // rather than the count asked for.
        let added = count.min(u32::MAX - seats.total);
        seats.total += added;
        let total = seats.total;
        Ok(format!(
            "added {added} {} seat{}; {} of {total} now in use",
            license.name(),
            plural(added),
            self.seats_used(license),
        ))
    }

    fn set_standard_external_profiles(&mut self, on: bool) -> String {
        self.settings.standard_external_profiles = on;
        format!(
            "standard external profiles are now {}",
            if on { "allowed" } else { "blocked" }
        )
    }

    fn deactivate_user(&mut self, contact: &str) -> Result<String, Failure> {
        let user = self.user_of_contact_named(self.contacts.named(contact)?)?;
        let name = &self.contacts[self.external_users[user].contact].name;
        if !self.external_users[user].active {
            return Ok(format!("the user of `{name}` is already inactive"));
        }
        let message = format!(
            "deactivated the user of `{name}`; its seat is free and it keeps its contact link"
        );
        self.external_users[user].active = false;
        Ok(message)
    }

    fn activate_user(&mut self, contact: &str) -> Result<String, Failure> {
        let user = self.user_of_contact_named(self.contacts.named(contact)?)?;
        let name = &self.contacts[self.external_users[user].contact].name;
        if self.external_users[user].active {
            return Ok(format!("the user of `{name}` is already active"));
        }
        self.require_free_seat(self.user_license(user))?;
        let message = format!("activated the user of `{name}`");
        self.external_users[user].active = true;
        Ok(message)
    }

    fn disable_user(&mut self, contact: &str) -> Result<String, Failure> {
        let contact = self.contacts.named(contact)?;
        let user = self.user_of_contact_named(contact)?;
        self.external_users.remove(user);
        Ok(format!(
            "disabled the user of `{}`: it lost its contact link for good, and the contact can be enabled again as a new user",
            self.contacts[contact].name
        ))
    }

    fn require_digital_experiences(&self) -> Result<(), Failure> {
        if self.settings.digital_experiences {
            Ok(())
        } else {
            Err(Failure::new(
                Code::DxNotEnabled,
                "Digital Experiences is not enabled; run `enable digital experiences` first",
            ))
        }
    }

    /// `LICENSE_LIMIT_EXCEEDED` when every seat of `license` is taken.
    fn require_free_seat(&self, license: License) -> Result<(), Failure> {
        if self.has_free_seat(license) {
            return Ok(());
        }
        Err(Failure::new(
            Code::LicenseLimitExceeded,
            format!(
                "all {} {} seats are in use (\"License Limit Exceeded\"); add seats or deactivate a user",
                self.seats(license).total,
                license.name()
            ),
        ))
    }

    fn create_site(&mut self, name: &str, template: &str) -> Result<String, Failure> {
        self.require_digital_experiences()?;
        ensure_new("site", name, self.find_site(name))?;
        let Some(template) = Template::from_name(template) else {
            let names: Vec<&str> = Template::ALL
                .iter()
                .map(|template| template.name())
                .collect();
            let mut message = format!("there is no site template `{template}`");
            if let Some(candidate) = crate::suggest::closest(template, names.iter().copied()) {
                message.push_str(&format!("; did you mean `{candidate}`?"));
            } else {
                message.push_str(&format!("; the templates are {}", names.join(", ")));
            }
            return Err(Failure::new(Code::UnknownTemplate, message));
        };
        if self.sites.len() >= MAX_SITES {
            return Err(Failure::new(
                Code::SiteLimit,
                format!("an org can hold at most {MAX_SITES} sites, whatever their status"),
            ));
        }
        self.sites.push(Site {
            name: name.to_string(),
            template,
            status: SiteStatus::Preview,
            members: Vec::new(),
        });
        Ok(format!(
            "created site `{name}` from template {}; it starts in preview",
            template.name()
        ))
    }

    fn set_site_status(&mut self, site: &str, status: SiteStatus) -> Result<String, Failure> {
        let site = self.sites.named(site)?;
        let site = &mut self.sites[site];
        if site.status == status {
            return Ok(format!("site `{}` is already {}", site.name, status.name()));
        }
        site.status = status;
        Ok(format!("site `{}` is now {}", site.name, status.name()))
    }

    fn create_account(&mut self, name: &str, owner: &str, person: bool) -> Result<String, Failure> {
        let owner = self.internal_user_named(owner)?;
        ensure_new("account", name, self.find_account(name))?;
        if person {
            ensure_new("contact", name, self.find_contact(name))?;
        }
        let account = self.accounts.push(Account {
            name: name.to_string(),
            owner,
            person,
            partner: false,
            customer_roles: 0,
            partner_roles: 0,
        });
        let owner_name = &self.internal_users[owner].name;
        if person {
            self.contacts.push(Contact {
                name: name.to_string(),
                account: Some(account),
                email: None,
            });
            Ok(format!(
                "created person account `{name}` owned by `{owner_name}`; it is its own contact"
            ))
        } else {
            Ok(format!("created account `{name}` owned by `{owner_name}`"))
        }
    }

    fn create_contact(
        &mut self,
        name: &str,
        account: Option<&str>,
        email: Option<&str>,
    ) -> Result<String, Failure> {
        let account = account
            .map(|account| self.accounts.named(account))
            .transpose()?;
        ensure_new("contact", name, self.find_contact(name))?;
        if let Some(account) = account {
            self.refuse_person_account(account)?;
        }
        self.contacts.push(Contact {
            name: name.to_string(),
            account,
            email: email.map(str::to_string),
        });
        Ok(match account {
            Some(account) => format!(
                "created contact `{name}` on account `{}`",
                self.accounts[account].name
            ),
            None => format!("created private contact `{name}` (no account)"),
        })
    }

    /// Moves a contact, and its external user with it: the user takes the new
    /// account's role as if enabled there. A person account's contact stays put.
    fn set_contact_account(&mut self, contact: &str, account: &str) -> Result<String, Failure> {
        let contact = self.contacts.named(contact)?;
        let account = self.accounts.named(account)?;
        let (contact_name, account_name) =
            (&self.contacts[contact].name, &self.accounts[account].name);
        if self.contacts[contact].account == Some(account) {
            return Ok(format!(
                "contact `{contact_name}` is already on account `{account_name}`"
            ));
        }
        let user = self.user_of_contact(contact);
        let license = user.map(|user| self.user_license(user));
        if license.is_some_and(|license| license.kind() == UserKind::Partner)
            && !self.accounts[account].partner
        {
            return Err(Failure::new(
                Code::AccountNotPartner,
                format!(
                    "`{contact_name}` has a partner user, and account `{account_name}` is not a partner account; enable it as one first"
                ),
            ));
        }
        if self.is_person_contact(contact) {
            return Err(Failure::new(
                Code::PersonAccountContact,
                format!(
                    "`{contact_name}` is a person account's own contact, so it can't move to another account"
                ),
            ));
        }
        self.refuse_person_account(account)?;
        self.contacts[contact].account = Some(account);
        let mut message = format!(
            "contact `{}` is now on account `{}`",
            self.contacts[contact].name, self.accounts[account].name
        );
        if let (Some(user), Some(license)) = (user, license) {
            self.create_account_roles(account, license);
            message.push_str("; its user moved with it");
            if let Some(role) = self.user_role(user) {
                message.push_str(&format!(", with role `{role}`"));
            }
        }
        Ok(message)
    }

    /// `PERSON_ACCOUNT_CONTACT`: a person account has one contact, itself.
    fn refuse_person_account(&self, account: AccountId) -> Result<(), Failure> {
        if self.accounts[account].person {
            return Err(Failure::new(
                Code::PersonAccountContact,
                format!(
                    "`{}` is a person account: its only contact is itself",
                    self.accounts[account].name
                ),
            ));
        }
        Ok(())
    }

    fn enable_user(
        &mut self,
        kind: UserKind,
        contact_name: &str,
        profile_name: &str,
        email: Option<&str>,
    ) -> Result<String, Failure> {
        self.require_digital_experiences()?;
        let contact = self.contacts.named(contact_name)?;
        let profile = self.profiles.named(profile_name)?;
        let contact_name = &self.contacts[contact].name;
        let Some(account) = self.contacts[contact].account else {
            return Err(Failure::new(
                Code::ContactNoAccount,
                format!(
                    "contact `{contact_name}` is private (it has no account); only a contact on an account can be enabled, so put it on its account first (`set contact NAME account ACCOUNT`)"
                ),
            ));
        };
        if let Some(user) = self.user_of_contact(contact) {
            let (state, keep) = if self.external_users[user].active {
                ("an active", "use it")
            } else {
                ("an inactive", "activate it")
            };
            return Err(Failure::new(
                Code::UserExistsForContact,
                format!(
                    "portal user already exists for contact `{contact_name}` ({state} {} user); {keep}, or disable it to enable a new one",
                    self.user_license(user).name()
                ),
            ));
        }
        let license = self.profiles[profile].license;
        if license.kind() != kind {
            let right = license.kind().name();
            return Err(Failure::new(
                Code::ProfileLicenseMismatch,
                format!(
                    "profile `{}` has the {} license, which goes with `enable {right} user`",
                    self.profiles[profile].name,
                    license.name()
                ),
            ));
        }
        let account_name = &self.accounts[account].name;
        if kind == UserKind::Partner && !self.accounts[account].partner {
            return Err(Failure::new(
                Code::AccountNotPartner,
                format!(
                    "account `{account_name}` is not a partner account; enable it as one first"
                ),
            ));
        }
        if !self.owner_has_role(account) {
            let owner = &self.internal_users[self.accounts[account].owner].name;
            return Err(Failure::new(
                Code::OwnerNoRole,
                format!(
                    "`{owner}`, owner of account `{account_name}`, has no role (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to {}`)",
                    super::names::quoted(owner)
                ),
            ));
        }
        if self.seats(license).total == 0 {
            return Err(Failure::new(
                Code::NoLicense,
                format!(
                    "the org has no {} licenses; add some with `add licenses`",
                    license.name()
                ),
            ));
        }
        self.require_free_seat(license)?;
        if email.is_none() && self.contacts[contact].email.is_none() {
            return Err(Failure::new(
                Code::EmailRequired,
                format!(
                    "contact `{contact_name}` has no email, and a user needs one; give `email` or set it on the contact"
                ),
            ));
        }
        if !self.profile_allowed(profile) {
            return Err(self.standard_profile_blocked(profile));
        }
        let user = self.external_users.push(ExternalUser {
            contact,
            profile,
            active: true,
        });
        self.create_account_roles(account, license);
        let role = match self.user_role(user) {
            Some(role) => format!(" with role `{role}`"),
            None => String::new(),
        };
        Ok(format!(
            "enabled `{}` as a {} user (profile `{}`){role}; it holds a {} seat",
            self.contacts[contact].name,
            kind.name(),
            self.profiles[profile].name,
            license.name()
        ))
    }

    /// `login CONTACT site SITE`: checks only; logging in changes nothing.
    pub(super) fn login(&self, contact: &str, site: &str) -> Result<String, Failure> {
        let contact = self.contacts.named(contact)?;
        let site = self.sites.named(site)?;
        let user = self.user_of_contact_named(contact)?;
        let (contact, site) = (&self.contacts[contact], &self.sites[site]);
        let profile = self.external_users[user].profile;
        if !self.external_users[user].active {
            return Err(Failure::new(
                Code::UserInactive,
                format!(
                    "the user of `{}` is deactivated; activate it first",
                    contact.name
                ),
            ));
        }
        match site.status {
            SiteStatus::Active => {}
            SiteStatus::Preview => {
                return Err(Failure::new(
                    Code::SiteNotActive,
                    format!(
                        "site `{}` is in preview; users can log in only once it is active",
                        site.name
                    ),
                ));
            }
            SiteStatus::Inactive => {
                return Err(Failure::new(
                    Code::SiteNotActive,
                    format!(
                        "site `{}` is inactive, so users get the Service Not Available page",
                        site.name
                    ),
                ));
            }
        }
        if !site.members.contains(&profile) {
            return Err(Failure::new(
                Code::NotSiteMember,
                format!(
                    "profile `{}` is not a member of site `{}` (\"{NOT_MEMBER_MESSAGE}\")",
                    self.profiles[profile].name, site.name
                ),
            ));
        }
        if !self.profile_allowed(profile) {
            return Err(self.standard_profile_blocked(profile));
        }
        Ok(format!(
            "`{}` logged in to site `{}`",
            contact.name, site.name
        ))
    }

    fn standard_profile_blocked(&self, profile: ProfileId) -> Failure {
        Failure::new(
            Code::StandardProfileBlocked,
            format!(
                "`{}` is a standard external profile, and they are not allowed (\"{STANDARD_PROFILE_MESSAGE}\")",
                self.profiles[profile].name
            ),
        )
    }

    /// Whether an account's owner has a role.
    pub(super) fn owner_has_role(&self, account: AccountId) -> bool {
        self.internal_users[self.accounts[account].owner]
            .role
            .is_some()
    }

    /// Whether users may be created with, or log in with, a profile.
    pub(super) fn profile_allowed(&self, profile: ProfileId) -> bool {
        !self.profiles[profile].standard || self.settings.standard_external_profiles
    }
}
