//! Org files (FORMAT.md, Org files and the command language): TOML read into serde types, then validated in one
//! pass that reports every problem with `path:line:col`; and [`to_toml`], which
//! writes an org back so that loading it gives the same org.
//!
//! ```toml
//! [settings]
//! digital_experiences = true
//!
//! [[license]]
//! name = "Partner Community"
//! seats = 5
//!
//! [[internal_user]]
//! name = "Dana Owner"
//! role = "VP Sales"
//!
//! [[account]]
//! name = "Acme Reseller"
//! owner = "Dana Owner"
//! partner = true
//!
//! [[contact]]
//! name = "Priya Shah"
//! account = "Acme Reseller"
//! ```

use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::apply::MAX_SITES;
use super::names::same_name;
use super::state::{
    Account, Contact, ExternalUser, InternalUser, License, Org, Profile, Site, SiteStatus,
    Template, UserKind,
};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::suggest::closest;

/// An org file as written. Every key but the required ones has a default.
///
/// Banks read one inline (`[question.org]`) through serde, then build it with
/// [`build`], so that problems point into the bank file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgFile {
    /// Org-wide settings.
    #[serde(default)]
    settings: SettingsFile,
    /// The user licenses the org has bought.
    #[serde(default)]
    #[schemars(with = "Vec<LicenseFile>")]
    license: Vec<Spanned<LicenseFile>>,
    /// Custom profiles; the six standard external profiles always exist.
    #[serde(default)]
    #[schemars(with = "Vec<ProfileFile>")]
    profile: Vec<Spanned<ProfileFile>>,
    /// Experience Cloud sites; at most 100.
    #[serde(default)]
    #[schemars(with = "Vec<SiteFile>")]
    site: Vec<Spanned<SiteFile>>,
    /// Internal (employee) users, who own accounts.
    #[serde(default)]
    #[schemars(with = "Vec<InternalUserFile>")]
    internal_user: Vec<Spanned<InternalUserFile>>,
    /// Business and person accounts.
    #[serde(default)]
    #[schemars(with = "Vec<AccountFile>")]
    account: Vec<Spanned<AccountFile>>,
    /// Contacts, each of an account or private.
    #[serde(default)]
    #[schemars(with = "Vec<ContactFile>")]
    contact: Vec<Spanned<ContactFile>>,
    /// External users already enabled from contacts.
    #[serde(default)]
    #[schemars(with = "Vec<ExternalUserFile>")]
    external_user: Vec<Spanned<ExternalUserFile>>,
}

/// `[settings]`: org-wide settings.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    /// Digital Experiences on; default false; can't be turned off once on.
    #[serde(default)]
    digital_experiences: bool,
    /// "Allow using standard external profiles for self-registration, user
    /// creation, and login"; default false, as in a new org.
    #[serde(default)]
    standard_external_profiles: bool,
    /// Partner roles per partner account, 1..=3, default 1.
    #[schemars(with = "Option<i64>")]
    partner_roles: Option<Spanned<i64>>,
    /// Customer roles per account, 1..=3, default 1.
    #[schemars(with = "Option<i64>")]
    customer_roles: Option<Spanned<i64>>,
}

/// One `[[license]]`: a user license and its seats.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LicenseFile {
    /// The license's name.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// Total seats.
    #[schemars(with = "i64")]
    seats: Spanned<i64>,
    /// Seats held by users not listed in the file; default 0.
    #[schemars(with = "Option<i64>")]
    used: Option<Spanned<i64>>,
}

/// One `[[profile]]`: a custom profile.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    /// The profile's name, unique among profiles.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The license it goes with.
    #[schemars(with = "String")]
    license: Spanned<String>,
}

/// One `[[site]]`: an Experience Cloud site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    /// The site's name.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The template it was built from.
    #[schemars(with = "String")]
    template: Spanned<String>,
    /// `preview` (default), `active` or `inactive`.
    #[schemars(with = "Option<String>")]
    status: Option<Spanned<String>>,
    /// Member profiles; default none.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    members: Vec<Spanned<String>>,
}

/// One `[[internal_user]]`: an employee user.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct InternalUserFile {
    /// The user's name.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The user's role; omitted: no role.
    role: Option<String>,
}

/// One `[[account]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AccountFile {
    /// The account's name.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// Its owner, an `internal_user`.
    #[schemars(with = "String")]
    owner: Spanned<String>,
    /// A person account is its own contact (same name); default false.
    #[serde(default)]
    person: bool,
    /// Enabled as a partner account; default false.
    #[schemars(with = "Option<bool>")]
    partner: Option<Spanned<bool>>,
}

/// One `[[contact]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ContactFile {
    /// The contact's name.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The account it belongs to; omitted: a private contact.
    #[schemars(with = "Option<String>")]
    account: Option<Spanned<String>>,
    /// Omitted: no email.
    email: Option<String>,
}

/// One `[[external_user]]`: a user enabled from a contact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ExternalUserFile {
    /// The contact it was enabled from.
    #[schemars(with = "String")]
    contact: Spanned<String>,
    /// Its profile, standard or custom.
    #[schemars(with = "String")]
    profile: Spanned<String>,
    /// Default true.
    #[serde(default = "yes")]
    active: bool,
}

fn yes() -> bool {
    true
}

/// A problem in an org file: a byte span of the text the file was read from,
/// what is wrong, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Reads and validates an org file. `path` is how messages name it. Every
/// problem is returned, each located by `path:line:col`.
pub fn load(path: &str, text: &str) -> Result<Org, Vec<Diagnostic>> {
    let source = SourceText::new(Arc::from(path), text);
    let file = read(&source)?;
    build(file).map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| source.error(problem.span, problem.message, problem.hint))
            .collect()
    })
}

/// The hint for problems with an org file's shape.
const SHAPE_HINT: &str = "an org file has [settings] and [[license]], [[profile]], [[site]], [[internal_user]], [[account]], [[contact]], [[external_user]] tables";

/// The top-level keys of an org file.
const TABLES: &[&str] = &[
    "settings",
    "license",
    "profile",
    "site",
    "internal_user",
    "account",
    "contact",
    "external_user",
];

/// Reads the file's tables one entry at a time, so an unknown key or a missing
/// field in one entry is reported together with those of every other entry.
fn read(source: &SourceText<'_>) -> Result<OrgFile, Vec<Diagnostic>> {
    let root =
        DeTable::parse(source.text).map_err(|error| vec![toml_problem(source, &error, 0..0)])?;
    let mut file = OrgFile::default();
    let mut errors = Vec::new();
    for (key, value) in root.into_inner() {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "settings" => {
                let span = value.span();
                match SettingsFile::deserialize(ValueDeserializer::from(value)) {
                    Ok(settings) => file.settings = settings,
                    Err(error) => errors.push(toml_problem(source, &error, span)),
                }
            }
            "license" => entries(source, key_span, value, &mut file.license, &mut errors),
            "profile" => entries(source, key_span, value, &mut file.profile, &mut errors),
            "site" => entries(source, key_span, value, &mut file.site, &mut errors),
            "internal_user" => entries(
                source,
                key_span,
                value,
                &mut file.internal_user,
                &mut errors,
            ),
            "account" => entries(source, key_span, value, &mut file.account, &mut errors),
            "contact" => entries(source, key_span, value, &mut file.contact, &mut errors),
            "external_user" => entries(
                source,
                key_span,
                value,
                &mut file.external_user,
                &mut errors,
            ),
            other => {
                let hint = match closest(other, TABLES.iter().copied()) {
                    Some(table) => format!("did you mean `{table}`?"),
                    None => SHAPE_HINT.to_string(),
                };
                errors.push(source.error(key_span, format!("unknown key `{other}`"), hint));
            }
        }
    }
    if errors.is_empty() {
        Ok(file)
    } else {
        // The tables come back by key, not in file order.
        errors.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
        Err(errors)
    }
}

/// Reads each entry of an array of tables on its own.
fn entries<'de, T: Deserialize<'de>>(
    source: &SourceText<'_>,
    key_span: Range<usize>,
    value: Spanned<DeValue<'de>>,
    out: &mut Vec<Spanned<T>>,
    errors: &mut Vec<Diagnostic>,
) {
    let DeValue::Array(items) = value.into_inner() else {
        errors.push(source.error(
            key_span,
            "expected an array of tables".to_string(),
            SHAPE_HINT,
        ));
        return;
    };
    for item in items {
        let span = item.span();
        match T::deserialize(ValueDeserializer::from(item)) {
            Ok(entry) => out.push(Spanned::new(span, entry)),
            Err(error) => errors.push(toml_problem(source, &error, span)),
        }
    }
}

fn toml_problem(
    source: &SourceText<'_>,
    error: &toml::de::Error,
    fallback: Range<usize>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let message = error.message().trim().trim_end_matches('.').to_string();
    source.error(span, message, SHAPE_HINT)
}

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
            && !described[person]
        {
            described[person] = true;
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

/// Writes `org` as an org file that loads back to the same org.
///
/// Roles left behind on an account whose users were all disabled or moved away
/// are the one thing the format can't say; they are not written.
pub fn to_toml(org: &Org) -> String {
    let mut out = String::new();
    let settings = org.settings();
    let _ = writeln!(out, "[settings]");
    let _ = writeln!(
        out,
        "digital_experiences = {}",
        settings.digital_experiences
    );
    let _ = writeln!(
        out,
        "standard_external_profiles = {}",
        settings.standard_external_profiles
    );
    let _ = writeln!(out, "partner_roles = {}", settings.partner_roles);
    let _ = writeln!(out, "customer_roles = {}", settings.customer_roles);
    for license in License::ALL {
        let seats = org.seats(license);
        if seats.total == 0 && seats.used_elsewhere == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "\n[[license]]\nname = {}\nseats = {}",
            string(license.name()),
            seats.total
        );
        if seats.used_elsewhere > 0 {
            let _ = writeln!(out, "used = {}", seats.used_elsewhere);
        }
    }
    for profile in org.profiles().iter().filter(|profile| !profile.standard) {
        let _ = writeln!(
            out,
            "\n[[profile]]\nname = {}\nlicense = {}",
            string(&profile.name),
            string(profile.license.name())
        );
    }
    for site in org.sites() {
        let members: Vec<String> = site
            .members
            .iter()
            .map(|&profile| string(&org.profiles()[profile].name))
            .collect();
        let _ = writeln!(
            out,
            "\n[[site]]\nname = {}\ntemplate = {}\nstatus = {}\nmembers = [{}]",
            string(&site.name),
            string(site.template.name()),
            string(site.status.name()),
            members.join(", ")
        );
    }
    for user in org.internal_users() {
        let _ = writeln!(out, "\n[[internal_user]]\nname = {}", string(&user.name));
        if let Some(role) = &user.role {
            let _ = writeln!(out, "role = {}", string(role));
        }
    }
    for account in org.accounts() {
        let _ = writeln!(
            out,
            "\n[[account]]\nname = {}\nowner = {}\nperson = {}\npartner = {}",
            string(&account.name),
            string(&org.internal_users()[account.owner].name),
            account.person,
            account.partner
        );
    }
    for contact in org.contacts() {
        let _ = writeln!(out, "\n[[contact]]\nname = {}", string(&contact.name));
        if let Some(account) = contact.account {
            let _ = writeln!(out, "account = {}", string(&org.accounts()[account].name));
        }
        if let Some(email) = &contact.email {
            let _ = writeln!(out, "email = {}", string(email));
        }
    }
    for user in org.external_users() {
        let _ = writeln!(
            out,
            "\n[[external_user]]\ncontact = {}\nprofile = {}\nactive = {}",
            string(&org.contacts()[user.contact].name),
            string(&org.profiles()[user.profile].name),
            user.active
        );
    }
    out
}

/// A TOML basic string.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if ch.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `line:col message` of every problem in an org file.
    #[track_caller]
    fn check_errors(text: &str, expected: &[&str]) {
        let problems: Vec<String> = match load("org.toml", text) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics
                .iter()
                .map(|diagnostic| {
                    format!(
                        "{}:{} {}",
                        diagnostic.line, diagnostic.column, diagnostic.message
                    )
                })
                .collect(),
        };
        assert_eq!(problems, expected);
    }

    #[test]
    fn an_empty_file_is_an_empty_org() {
        assert_eq!(load("empty.toml", ""), Ok(Org::new()));
    }

    #[test]
    fn optional_keys_take_their_defaults() {
        let org = load(
            "org.toml",
            "[settings]\ndigital_experiences = true\n[[site]]\nname = \"S\"\ntemplate = \"help center\"\n[[license]]\nname = \"Customer Community\"\nseats = 1\n[[internal_user]]\nname = \"D\"\n[[account]]\nname = \"A\"\nowner = \"D\"\n[[contact]]\nname = \"C\"\naccount = \"A\"\n[[external_user]]\ncontact = \"C\"\nprofile = \"Customer Community User\"\n",
        )
        .unwrap();
        assert_eq!(org.sites()[0].status, SiteStatus::Preview);
        assert_eq!(org.sites()[0].template, Template::HelpCenter);
        assert!(org.sites()[0].members.is_empty());
        assert!(org.external_users()[0].active);
        assert_eq!(org.seats_used(License::CustomerCommunity), 1);
        assert!(!org.settings().standard_external_profiles);
        assert_eq!(org.contacts()[0].email, None);
    }

    #[test]
    fn unknown_keys_are_located() {
        check_errors(
            "[[site]]\nname = \"S\"\ntemplat = \"x\"\n",
            &[
                "3:1 unknown field `templat`, expected one of `name`, `template`, `status`, `members`",
            ],
        );
    }

    #[test]
    fn every_entry_with_an_unknown_key_or_missing_field_is_reported() {
        check_errors(
            "[[site]]\nname = \"S\"\ntemplat = \"x\"\n\n[[account]]\nname = \"A\"\n\n[[contact]]\nname = \"C\"\nmail = \"c@x\"\n\n[widgets]\n",
            &[
                "3:1 unknown field `templat`, expected one of `name`, `template`, `status`, `members`",
                "5:1 missing field `owner`",
                "10:1 unknown field `mail`, expected one of `name`, `account`, `email`",
                "12:2 unknown key `widgets`",
            ],
        );
    }

    #[test]
    fn every_semantic_error_is_reported_with_its_location() {
        let text = r#"[settings]
partner_roles = 4

[[license]]
name = "Gold"
seats = 1

[[license]]
name = "Partner Community"
seats = 1
used = 1

[[site]]
name = "S"
template = "Partner Centrl"

[[internal_user]]
name = "Dana"

[[internal_user]]
name = "dana"

[[account]]
name = "P"
owner = "Dana"
person = true
partner = true

[[account]]
name = "B"
owner = "Nobody"

[[contact]]
name = "Private"

[[contact]]
name = "private"

[[external_user]]
contact = "Private"
profile = "Partner Community User"
"#;
        check_errors(
            text,
            &[
                "2:17 `partner_roles` must be 1, 2 or 3, not 4",
                "5:8 unknown license `Gold`",
                "14:8 site `S` needs Digital Experiences, which is off",
                "15:12 unknown site template `Partner Centrl`",
                "21:8 duplicate internal user name `dana`",
                "27:11 person account `P` is marked partner",
                "31:9 unknown internal user `Nobody`",
                "37:8 duplicate contact name `private`",
                "40:11 external user `Private` needs Digital Experiences, which is off",
                "40:11 external user of private contact `Private`",
            ],
        );
    }

    #[test]
    fn seats_in_use_over_seats_and_second_users_are_errors() {
        let text = "[settings]\ndigital_experiences = true\n[[license]]\nname = \"Customer Community\"\nseats = 1\n[[internal_user]]\nname = \"D\"\n[[account]]\nname = \"A\"\nowner = \"D\"\n[[contact]]\nname = \"C\"\naccount = \"A\"\n[[contact]]\nname = \"E\"\naccount = \"A\"\n[[external_user]]\ncontact = \"C\"\nprofile = \"Customer Community User\"\n[[external_user]]\ncontact = \"C\"\nprofile = \"Customer Community User\"\n[[external_user]]\ncontact = \"E\"\nprofile = \"Customer Community User\"\n";
        check_errors(
            text,
            &[
                "21:11 contact `C` already has an external user",
                "5:9 2 Customer Community seats in use (`used` plus active external users), but only 1 exist",
            ],
        );
    }

    #[test]
    fn more_than_a_hundred_sites_is_an_error() {
        let mut text = "[settings]\ndigital_experiences = true\n".to_string();
        for n in 0..101 {
            text.push_str(&format!(
                "[[site]]\nname = \"s{n}\"\ntemplate = \"Help Center\"\n"
            ));
        }
        let problems = load("org.toml", &text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "more than 100 sites");
        assert_eq!(problems[0].location(), "org.toml:304:8");
    }

    #[test]
    fn file_users_get_their_account_roles() {
        let text = "[settings]\ndigital_experiences = true\npartner_roles = 2\n[[license]]\nname = \"Partner Community\"\nseats = 1\n[[internal_user]]\nname = \"D\"\nrole = \"R\"\n[[account]]\nname = \"A\"\nowner = \"D\"\npartner = true\n[[contact]]\nname = \"C\"\naccount = \"A\"\n[[external_user]]\ncontact = \"C\"\nprofile = \"Partner Community Login User\"\nactive = false\n";
        let org = load("org.toml", text).unwrap();
        assert_eq!(
            org.account_roles(0),
            ["A Partner User", "A Partner Manager"]
        );
        assert_eq!(org.seats_used(License::PartnerCommunity), 0);
    }

    #[test]
    fn a_person_accounts_contact_may_carry_its_email() {
        let text = "[[internal_user]]\nname = \"D\"\n[[account]]\nname = \"Ravi\"\nowner = \"D\"\nperson = true\n[[contact]]\nname = \"ravi\"\nemail = \"ravi@example.com\"\n";
        let org = load("org.toml", text).unwrap();
        assert_eq!(org.contacts().len(), 1);
        assert_eq!(org.contacts()[0].name, "Ravi");
        assert_eq!(org.contacts()[0].email.as_deref(), Some("ravi@example.com"));
        assert!(org.is_person_contact(0));
    }

    #[test]
    fn saving_writes_the_standard_profile_setting_either_way() {
        for on in [false, true] {
            let mut org = Org::new();
            org.settings.standard_external_profiles = on;
            let text = to_toml(&org);
            assert!(
                text.contains(&format!("standard_external_profiles = {on}\n")),
                "{text}"
            );
            assert_eq!(load("saved.toml", &text), Ok(org));
        }
    }

    #[test]
    fn saving_keeps_odd_names_and_order() {
        let mut org = Org::new();
        org.run_script("enable digital experiences\ncreate internal user \"Q \\\"quote\\\" \\\\ back\"\ncreate contact Early\ncreate account \"Per Son\" owner \"Q \\\"quote\\\" \\\\ back\" person\ncreate contact Late email \"tab\there\"");
        assert_eq!(org.contacts().len(), 3);
        assert_eq!(load("saved.toml", &to_toml(&org)), Ok(org));
    }
}
