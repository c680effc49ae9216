//! The shape of an org file as written: serde types, every key but the
//! required ones with a default, and spans kept for locating problems.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// An org file as written. Every key but the required ones has a default.
///
/// Banks read one inline (`[question.org]`) through serde, then build it with
/// [`build`], so that problems point into the bank file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    /// Org-wide settings.
    #[serde(default)]
    pub(super) settings: SettingsFile,
    /// The user licenses the org has bought.
    #[serde(default)]
    #[schemars(with = "Vec<LicenseFile>")]
    pub(super) license: Vec<Spanned<LicenseFile>>,
    /// Custom profiles; the six standard external profiles always exist.
    #[serde(default)]
    #[schemars(with = "Vec<ProfileFile>")]
    pub(super) profile: Vec<Spanned<ProfileFile>>,
    /// Experience Cloud sites; at most 100.
    #[serde(default)]
    #[schemars(with = "Vec<SiteFile>")]
    pub(super) site: Vec<Spanned<SiteFile>>,
    /// Internal (employee) users, who own accounts.
    #[serde(default)]
    #[schemars(with = "Vec<InternalUserFile>")]
    pub(super) internal_user: Vec<Spanned<InternalUserFile>>,
    /// Business and person accounts.
    #[serde(default)]
    #[schemars(with = "Vec<AccountFile>")]
    pub(super) account: Vec<Spanned<AccountFile>>,
    /// Contacts, each of an account or private.
    #[serde(default)]
    #[schemars(with = "Vec<ContactFile>")]
    pub(super) contact: Vec<Spanned<ContactFile>>,
    /// External users already enabled from contacts.
    #[serde(default)]
    #[schemars(with = "Vec<ExternalUserFile>")]
    pub(super) external_user: Vec<Spanned<ExternalUserFile>>,
}

/// `[settings]`: org-wide settings.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct SettingsFile {
    /// Digital Experiences on; default false; can't be turned off once on.
    #[serde(default)]
    pub(super) digital_experiences: bool,
    /// "Allow using standard external profiles for self-registration, user
    /// creation, and login"; default false, as in a new org.
    #[serde(default)]
    pub(super) standard_external_profiles: bool,
    /// Partner roles per partner account, 1..=3, default 1.
    #[schemars(with = "Option<i64>")]
    pub(super) partner_roles: Option<Spanned<i64>>,
    /// Customer roles per account, 1..=3, default 1.
    #[schemars(with = "Option<i64>")]
    pub(super) customer_roles: Option<Spanned<i64>>,
}

/// One `[[license]]`: a user license and its seats.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct LicenseFile {
    /// The license's name.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// Total seats.
    #[schemars(with = "i64")]
    pub(super) seats: Spanned<i64>,
    /// Seats held by users not listed in the file; default 0.
    #[schemars(with = "Option<i64>")]
    pub(super) used: Option<Spanned<i64>>,
}

/// One `[[profile]]`: a custom profile.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ProfileFile {
    /// The profile's name, unique among profiles.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// The license it goes with.
    #[schemars(with = "String")]
    pub(super) license: Spanned<String>,
}

/// One `[[site]]`: an Experience Cloud site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct SiteFile {
    /// The site's name.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// The template it was built from.
    #[schemars(with = "String")]
    pub(super) template: Spanned<String>,
    /// `preview` (default), `active` or `inactive`.
    #[schemars(with = "Option<String>")]
    pub(super) status: Option<Spanned<String>>,
    /// Member profiles; default none.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) members: Vec<Spanned<String>>,
}

/// One `[[internal_user]]`: an employee user.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct InternalUserFile {
    /// The user's name.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// The user's role; omitted: no role.
    pub(super) role: Option<String>,
}

/// One `[[account]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct AccountFile {
    /// The account's name.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// Its owner, an `internal_user`.
    #[schemars(with = "String")]
    pub(super) owner: Spanned<String>,
    /// A person account is its own contact (same name); default false.
    #[serde(default)]
    pub(super) person: bool,
    /// Enabled as a partner account; default false.
    #[schemars(with = "Option<bool>")]
    pub(super) partner: Option<Spanned<bool>>,
}

/// One `[[contact]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ContactFile {
    /// The contact's name.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// The account it belongs to; omitted: a private contact.
    #[schemars(with = "Option<String>")]
    pub(super) account: Option<Spanned<String>>,
    /// Omitted: no email.
    pub(super) email: Option<String>,
}

/// One `[[external_user]]`: a user enabled from a contact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ExternalUserFile {
    /// The contact it was enabled from.
    #[schemars(with = "String")]
    pub(super) contact: Spanned<String>,
    /// Its profile, standard or custom.
    #[schemars(with = "String")]
    pub(super) profile: Spanned<String>,
    /// Default true.
    #[serde(default = "yes")]
    pub(super) active: bool,
}

fn yes() -> bool {
    true
}
