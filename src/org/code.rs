//! The codes a simulated-org command fails with (FORMAT.md, Org files and
//! the command language). The codes are
//! the contract that tests, JSON output and diagnose questions rely on; the
//! messages that go with them are free text.

use std::fmt;

/// Why a command failed, or what blocks a login in `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    ParseError,
    NotFound,
    AlreadyExists,
    DxIrreversible,
    DxNotEnabled,
    UnknownTemplate,
    SiteLimit,
    PersonAccountNotPartner,
    ContactNoAccount,
    UserExistsForContact,
    ProfileLicenseMismatch,
    AccountNotPartner,
    OwnerNoRole,
    NoLicense,
    LicenseLimitExceeded,
    EmailRequired,
    StandardProfileBlocked,
    NoExternalUser,
    UserInactive,
    SiteNotActive,
    NotSiteMember,
    PersonAccountContact,
}

impl Code {
    /// Every code, in the order of C2's table.
    pub const ALL: [Code; 22] = [
        Code::ParseError,
        Code::NotFound,
        Code::AlreadyExists,
        Code::DxIrreversible,
        Code::DxNotEnabled,
        Code::UnknownTemplate,
        Code::SiteLimit,
        Code::PersonAccountNotPartner,
        Code::ContactNoAccount,
        Code::UserExistsForContact,
        Code::ProfileLicenseMismatch,
        Code::AccountNotPartner,
        Code::OwnerNoRole,
        Code::NoLicense,
        Code::LicenseLimitExceeded,
        Code::EmailRequired,
        Code::StandardProfileBlocked,
        Code::NoExternalUser,
        Code::UserInactive,
        Code::SiteNotActive,
        Code::NotSiteMember,
        Code::PersonAccountContact,
    ];

    /// The codes `check` can report, in C2's order of checks: the fixed,
    /// lettered list a diagnose question offers (`a` is `DX_NOT_ENABLED`).
    pub const DIAGNOSABLE: [Code; 15] = [
        Code::DxNotEnabled,
        Code::NotFound,
        Code::SiteNotActive,
        Code::NotSiteMember,
        Code::ContactNoAccount,
        Code::PersonAccountNotPartner,
        Code::UserExistsForContact,
        Code::AccountNotPartner,
        Code::OwnerNoRole,
        Code::NoLicense,
        Code::LicenseLimitExceeded,
        Code::EmailRequired,
        Code::StandardProfileBlocked,
        Code::NoExternalUser,
        Code::UserInactive,
    ];

    /// The code as C2 spells it, e.g. `OWNER_NO_ROLE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ParseError => "PARSE_ERROR",
            Code::NotFound => "NOT_FOUND",
            Code::AlreadyExists => "ALREADY_EXISTS",
            Code::DxIrreversible => "DX_IRREVERSIBLE",
            Code::DxNotEnabled => "DX_NOT_ENABLED",
            Code::UnknownTemplate => "UNKNOWN_TEMPLATE",
            Code::SiteLimit => "SITE_LIMIT",
            Code::PersonAccountNotPartner => "PERSON_ACCOUNT_NOT_PARTNER",
            Code::ContactNoAccount => "CONTACT_NO_ACCOUNT",
            Code::UserExistsForContact => "USER_EXISTS_FOR_CONTACT",
            Code::ProfileLicenseMismatch => "PROFILE_LICENSE_MISMATCH",
            Code::AccountNotPartner => "ACCOUNT_NOT_PARTNER",
            Code::OwnerNoRole => "OWNER_NO_ROLE",
            Code::NoLicense => "NO_LICENSE",
            Code::LicenseLimitExceeded => "LICENSE_LIMIT_EXCEEDED",
            Code::EmailRequired => "EMAIL_REQUIRED",
            Code::StandardProfileBlocked => "STANDARD_PROFILE_BLOCKED",
            Code::NoExternalUser => "NO_EXTERNAL_USER",
            Code::UserInactive => "USER_INACTIVE",
            Code::SiteNotActive => "SITE_NOT_ACTIVE",
            Code::NotSiteMember => "NOT_SITE_MEMBER",
            Code::PersonAccountContact => "PERSON_ACCOUNT_CONTACT",
        }
    }

    /// What the code means, in a line (C2's "when" column), for feedback and
    /// lettered choices in diagnose questions.
    pub fn summary(self) -> &'static str {
        match self {
            Code::ParseError => "the line is not a command of the language",
            Code::NotFound => {
                "a named site, profile, user, account, contact or license does not exist"
            }
            Code::AlreadyExists => "the name of the new site, user, account or contact is taken",
            Code::DxIrreversible => "Digital Experiences can't be turned off once on",
            Code::DxNotEnabled => "Digital Experiences is not enabled",
            Code::UnknownTemplate => "the site template is not one of the known templates",
            Code::SiteLimit => "the org already has 100 sites",
            Code::PersonAccountNotPartner => "a person account can't be a partner account",
            Code::ContactNoAccount => "the contact is private: it has no account",
            Code::UserExistsForContact => "the contact already has an external user",
            Code::ProfileLicenseMismatch => {
                "the profile's license does not match the kind of user being enabled"
            }
            Code::AccountNotPartner => "the contact's account is not enabled as a partner account",
            Code::OwnerNoRole => "the account owner has no role",
            Code::NoLicense => "the org has no seats of the profile's license",
            Code::LicenseLimitExceeded => "every seat of the license is taken",
            Code::EmailRequired => "the contact has no email and none was given",
            Code::StandardProfileBlocked => {
                "standard external profiles are not allowed in this org"
            }
            Code::NoExternalUser => "the contact has no external user",
            Code::UserInactive => "the contact's user is deactivated",
            Code::SiteNotActive => "the site is in preview or inactive",
            Code::NotSiteMember => "the user's profile is not a member of the site",
            Code::PersonAccountContact => {
                "a person account's contact can't move, and a person account has no other contacts"
            }
        }
    }

    /// The code named `text` (case-insensitive), for answers that list codes.
    pub fn from_name(text: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|code| code.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_name() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(&code.as_str().to_lowercase()), Some(code));
        }
        assert_eq!(Code::OwnerNoRole.as_str(), "OWNER_NO_ROLE");
        assert_eq!(Code::from_name("NOPE"), None);
        assert_eq!(Code::OwnerNoRole.summary(), "the account owner has no role");
    }
}
