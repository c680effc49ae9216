//! Finding named things for the rules: a missing name is a `NOT_FOUND` failure
//! with a "did you mean", a taken one an `ALREADY_EXISTS` failure.

use super::code::Code;
use super::outcome::Failure;
use super::state::{License, Org};
use crate::suggest::closest;

impl Org {
    pub(super) fn site_named(&self, name: &str) -> Result<usize, Failure> {
        self.find_site(name).ok_or_else(|| {
            not_found(
                "site",
                name,
                self.sites.iter().map(|site| site.name.as_str()),
            )
        })
    }

    pub(super) fn profile_named(&self, name: &str) -> Result<usize, Failure> {
        self.find_profile(name).ok_or_else(|| {
            not_found(
                "profile",
                name,
                self.profiles.iter().map(|profile| profile.name.as_ref()),
            )
        })
    }

    pub(super) fn internal_user_named(&self, name: &str) -> Result<usize, Failure> {
        self.find_internal_user(name).ok_or_else(|| {
            let mut failure = not_found(
                "internal user",
                name,
                self.internal_users.iter().map(|user| user.name.as_str()),
            );
            if self.find_contact(name).is_some() {
                failure.message.push_str(&format!(
                    "; `{name}` is a contact, and external users get their roles from their account"
                ));
            }
            failure
        })
    }

    pub(super) fn account_named(&self, name: &str) -> Result<usize, Failure> {
        self.find_account(name).ok_or_else(|| {
            not_found(
                "account",
                name,
                self.accounts.iter().map(|account| account.name.as_str()),
            )
        })
    }

    pub(super) fn contact_named(&self, name: &str) -> Result<usize, Failure> {
        self.find_contact(name).ok_or_else(|| {
            not_found(
                "contact",
                name,
                self.contacts.iter().map(|contact| contact.name.as_str()),
            )
        })
    }

    /// The external user of a contact, or `NO_EXTERNAL_USER`.
    pub(super) fn user_of_contact_named(&self, contact: usize) -> Result<usize, Failure> {
        self.user_of_contact(contact).ok_or_else(|| {
            Failure::new(
                Code::NoExternalUser,
                format!(
                    "contact `{}` has no external user; enable one with `enable customer user` or `enable partner user`",
                    self.contacts[contact].name
                ),
            )
        })
    }
}

/// The license named `name`, or `NOT_FOUND` listing the three.
pub(super) fn license_named(name: &str) -> Result<License, Failure> {
    License::from_name(name).ok_or_else(|| {
        not_found(
            "license",
            name,
            License::ALL.iter().map(|license| license.name()),
        )
    })
}

/// `NOT_FOUND`: "no site named `X`; did you mean `Y`?".
fn not_found<'a>(what: &str, name: &str, candidates: impl Iterator<Item = &'a str>) -> Failure {
    let mut message = format!("no {what} named `{name}`");
    if let Some(candidate) = closest(name, candidates) {
        message.push_str(&format!("; did you mean `{candidate}`?"));
    }
    Failure::new(Code::NotFound, message)
}

/// `ALREADY_EXISTS` unless `found` is `None`.
pub(super) fn ensure_new(what: &str, name: &str, found: Option<usize>) -> Result<(), Failure> {
    match found {
        Some(_) => Err(Failure::new(
            Code::AlreadyExists,
            format!("a {what} named `{name}` already exists"),
        )),
        None => Ok(()),
    }
}
