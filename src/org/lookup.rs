//! Finding named things for the rules: a missing name is a `NOT_FOUND` failure
//! with a "did you mean" (`Lookup::named`, one way for every kind), a taken one
//! an `ALREADY_EXISTS` failure.

use super::code::Code;
use super::named::{Lookup, not_found};
use super::outcome::Failure;
use super::state::{ContactId, ExternalUserId, InternalUserId, License, Org};

impl Org {
    /// An internal user by name; when the name is a contact's, the failure says
    /// where external users' roles come from.
    pub(super) fn internal_user_named(&self, name: &str) -> Result<InternalUserId, Failure> {
        self.internal_users.named(name).map_err(|mut failure| {
            if self.find_contact(name).is_some() {
                failure.message.push_str(&format!(
                    "; `{name}` is a contact, and external users get their roles from their account"
                ));
            }
            failure
        })
    }

    /// The external user of a contact, or `NO_EXTERNAL_USER`.
    pub(super) fn user_of_contact_named(
        &self,
        contact: ContactId,
    ) -> Result<ExternalUserId, Failure> {
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

/// `ALREADY_EXISTS` unless `found` is `None`.
pub(super) fn ensure_new<I>(what: &str, name: &str, found: Option<I>) -> Result<(), Failure> {
    match found {
        Some(_) => Err(Failure::new(
            Code::AlreadyExists,
            format!("a {what} named `{name}` already exists"),
        )),
        None => Ok(()),
    }
}
