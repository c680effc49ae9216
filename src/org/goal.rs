//! Goals a scenario asks the learner to reach, tested against an org.

use super::check::Wanted;
use super::outcome::{Blocker, Failure};
use super::state::{License, Org, UserKind};

/// What must hold at the end of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Goal {
    /// The contact can log in to the site as a user of this kind.
    Login {
        contact: String,
        kind: UserKind,
        site: String,
    },
    /// The contact has an active external user of this license.
    ActiveUser { contact: String, license: License },
}

impl Goal {
    /// Whether the goal holds in `org`.
    pub fn holds(&self, org: &Org) -> bool {
        match self {
            Goal::Login {
                contact,
                kind,
                site,
            } => {
                org.login(contact, site).is_ok()
                    && active_license(org, contact).is_some_and(|license| license.kind() == *kind)
            }
            Goal::ActiveUser { contact, license } => active_license(org, contact) == Some(*license),
        }
    }

    /// What still stands between `org` and the goal, as `check` lists it.
    /// Fails with `NOT_FOUND` when the contact does not exist.
    pub fn blockers(&self, org: &Org) -> Result<Vec<Blocker>, Failure> {
        match self {
            Goal::Login {
                contact,
                kind,
                site,
            } => org.blockers(contact, Wanted::Kind(*kind), Some(site)),
            Goal::ActiveUser { contact, license } => {
                org.blockers(contact, Wanted::License(*license), None)
            }
        }
    }

    /// The goal in words, e.g. "`Priya Shah` can log in to `Partner Hub` as a partner user".
    pub fn describe(&self) -> String {
        match self {
            Goal::Login {
                contact,
                kind,
                site,
            } => format!(
                "`{contact}` can log in to `{site}` as a {} user",
                kind.name()
            ),
            Goal::ActiveUser { contact, license } => {
                format!("`{contact}` has an active {} user", license.name())
            }
        }
    }
}

/// The license of the contact's user, if it has an active one.
fn active_license(org: &Org, contact: &str) -> Option<License> {
    let user = org.user_of_contact(org.find_contact(contact)?)?;
    org.external_users()[user]
        .active
        .then(|| org.user_license(user))
}
