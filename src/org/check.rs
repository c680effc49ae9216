//! Diagnosis: every blocker between now and a goal, each with a fix in the
//! command language, in C2's order.
//!
//! `check` reasons on a scratch copy of the org: each blocker it finds is fixed
//! there (by running the fix) before the next check, so it lists what would
//! still block once the earlier fixes were applied. A blocker no command can
//! remove has no fix, and the checks that depend on it are skipped.

use super::apply::MAX_SITES;
use super::code::Code;
use super::command::Command;
use super::named::Lookup;
use super::names::placeholder_email;
use super::outcome::{Blocker, Failure, Reply};
use super::state::{ContactId, ExternalUserId, License, Org, ProfileId, SiteStatus, UserKind};

/// The role `check` suggests for an account owner who has none.
pub const PLACEHOLDER_OWNER_ROLE: &str = "Sales Manager";

/// Which external user a diagnosis aims for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wanted {
    /// Any user of this kind (`check … as KIND`).
    Kind(UserKind),
    /// A user of exactly this license.
    License(License),
}

impl Wanted {
    fn accepts(self, license: License) -> bool {
        match self {
            Wanted::Kind(kind) => license.kind() == kind,
            Wanted::License(wanted) => license == wanted,
        }
    }

    fn default_license(self) -> License {
        match self {
            Wanted::Kind(kind) => kind.default_license(),
            Wanted::License(license) => license,
        }
    }
}

impl Org {
    /// `check CONTACT as KIND site SITE`: every blocker between now and a
    /// successful `login` as a KIND user. Fails with `NOT_FOUND` only when the
    /// contact does not exist.
    pub fn check(&self, contact: &str, kind: UserKind, site: &str) -> Result<Reply, Failure> {
        let blockers = self.blockers(contact, Wanted::Kind(kind), Some(site))?;
        let contact = &self.contacts[self.contacts.named(contact)?].name;
        let message = match blockers.len() {
            0 => format!(
                "nothing blocks `{contact}` from logging in to `{site}` as a {} user",
                kind.name()
            ),
            1 => format!(
                "1 blocker before `{contact}` can log in to `{site}` as a {} user",
                kind.name()
            ),
            n => format!(
                "{n} blockers before `{contact}` can log in to `{site}` as a {} user",
                kind.name()
            ),
        };
        Ok(Reply {
            message,
            blockers: Some(blockers),
        })
    }

    /// The blockers between now and the contact having an active user that
    /// `wanted` accepts and, with a site, logging in to it.
    pub(super) fn blockers(
        &self,
        contact: &str,
        wanted: Wanted,
        site: Option<&str>,
    ) -> Result<Vec<Blocker>, Failure> {
        let contact = self.contacts.named(contact)?;
        let mut scratch = Diagnosis {
            org: self.clone(),
            blockers: Vec::new(),
        };
        scratch.run(contact, wanted, site);
        Ok(scratch.blockers)
    }
}

/// A scratch org and the blockers found so far.
struct Diagnosis {
    org: Org,
    blockers: Vec<Blocker>,
}

impl Diagnosis {
    /// Records a blocker and applies its fix to the scratch org.
    fn block(&mut self, code: Code, fix: Option<Command>) {
        if let Some(command) = &fix {
            let applied = self.org.apply(command);
            // After a blocker with no fix, later fixes may fail; before one, none may.
            let unfixable = self.blockers.iter().any(|blocker| blocker.fix.is_none());
            debug_assert!(
                applied.is_ok() || unfixable,
                "fix `{command}` failed: {applied:?}"
            );
        }
        self.blockers.push(Blocker {
            code,
            fix: fix.map(|command| command.to_string()),
        });
    }

    fn run(&mut self, contact: ContactId, wanted: Wanted, site: Option<&str>) {
        let contact_name = self.org.contacts[contact].name.clone();
        let existing = self.org.user_of_contact(contact);
        let kept_user = existing.filter(|&user| wanted.accepts(self.org.user_license(user)));
        let profile = match kept_user {
            Some(user) => self.org.external_users[user].profile,
            None => self.org.standard_profile(wanted.default_license()),
        };
        let profile_name = self.org.profiles[profile].name.to_string();
        let license = self.org.profiles[profile].license;
        let kind = license.kind();

        if !self.org.settings.digital_experiences {
            self.block(Code::DxNotEnabled, Some(Command::EnableDigitalExperiences));
        }
        if let Some(site_name) = site {
            self.check_site(site_name, kind, profile, &profile_name);
        }
        match kept_user {
            Some(user) => {
                let active = self.org.external_users[user].active;
                if !active && !self.org.has_free_seat(license) {
                    self.add_seats(Code::LicenseLimitExceeded, license);
                }
                if site.is_some() && !self.org.profile_allowed(profile) {
                    self.allow_standard_profiles();
                }
                if !active {
                    let fix = Command::ActivateUser {
                        contact: contact_name,
                    };
                    self.block(Code::UserInactive, Some(fix));
                }
            }
            None => {
                self.check_enabling(contact, existing, kind, license, profile);
                let fix = Command::EnableUser {
                    kind,
                    contact: contact_name,
                    profile: profile_name,
                    email: None,
                };
                self.block(Code::NoExternalUser, Some(fix));
            }
        }
    }

    fn check_site(
        &mut self,
        site_name: &str,
        kind: UserKind,
        profile: ProfileId,
        profile_name: &str,
    ) {
        let site = match self.org.find_site(site_name) {
            Some(site) => site,
            None => {
                // At the site limit nothing can make room: no command deletes a site.
                let fix = (self.org.sites.len() < MAX_SITES).then(|| Command::CreateSite {
                    name: site_name.to_string(),
                    template: kind.default_template().name().to_string(),
                });
                self.block(Code::NotFound, fix);
                match self.org.find_site(site_name) {
                    Some(site) => site,
                    None => return,
                }
            }
        };
        let site_name = self.org.sites[site].name.clone();
        if self.org.sites[site].status != SiteStatus::Active {
            let fix = Command::ActivateSite {
                site: site_name.clone(),
            };
            self.block(Code::SiteNotActive, Some(fix));
        }
        if !self.org.sites[site].members.contains(&profile) {
            let fix = Command::AddMember {
                profile: profile_name.to_string(),
                site: site_name,
            };
            self.block(Code::NotSiteMember, Some(fix));
        }
    }

    /// What stands in the way of enabling a new user, in C2's order.
    fn check_enabling(
        &mut self,
        contact: ContactId,
        existing: Option<ExternalUserId>,
        kind: UserKind,
        license: License,
        profile: ProfileId,
    ) {
        let contact_name = self.org.contacts[contact].name.clone();
        let account = self.org.contacts[contact].account;
        if account.is_none() {
            self.block(Code::ContactNoAccount, None);
        }
        let person = account.is_some_and(|account| self.org.accounts[account].person);
        if kind == UserKind::Partner && person {
            self.block(Code::PersonAccountNotPartner, None);
        }
        if existing.is_some() {
            let fix = Command::DisableUser {
                contact: contact_name.clone(),
            };
            self.block(Code::UserExistsForContact, Some(fix));
        }
        if let Some(account) = account {
            let account_name = self.org.accounts[account].name.clone();
            if kind == UserKind::Partner && !person && !self.org.accounts[account].partner {
                let fix = Command::EnablePartnerAccount {
                    account: account_name,
                };
                self.block(Code::AccountNotPartner, Some(fix));
            }
            if !self.org.owner_has_role(account) {
                let owner = self.org.accounts[account].owner;
                let fix = Command::AssignRole {
                    role: PLACEHOLDER_OWNER_ROLE.to_string(),
                    user: self.org.internal_users[owner].name.clone(),
                };
                self.block(Code::OwnerNoRole, Some(fix));
            }
        }
        if self.org.seats(license).total == 0 {
            self.add_seats(Code::NoLicense, license);
        } else if !self.org.has_free_seat(license) {
            self.add_seats(Code::LicenseLimitExceeded, license);
        }
        if self.org.contacts[contact].email.is_none() {
            let fix = Command::SetContactEmail {
                email: placeholder_email(&contact_name),
                contact: contact_name,
            };
            self.block(Code::EmailRequired, Some(fix));
        }
        if !self.org.profile_allowed(profile) {
            self.allow_standard_profiles();
        }
    }

    /// Adds just enough seats for one more active user.
    fn add_seats(&mut self, code: Code, license: License) {
        let total = u64::from(self.org.seats(license).total);
        let missing = (self.org.seats_used(license) + 1).saturating_sub(total);
        let fix = Command::AddLicenses {
            license: license.name().to_string(),
            count: u32::try_from(missing.max(1)).unwrap_or(u32::MAX),
        };
        self.block(code, Some(fix));
    }

    fn allow_standard_profiles(&mut self) {
        let fix = Command::SetStandardExternalProfiles { on: true };
        self.block(Code::StandardProfileBlocked, Some(fix));
    }
}
