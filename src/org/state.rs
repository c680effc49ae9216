//! The state of a simulated org: settings, licenses, profiles, sites, internal
//! users, accounts, contacts and external users, with the account roles that
//! enabling creates.
//!
//! Entities refer to each other by typed index into the org's lists (`id`);
//! nothing is ever removed except a disabled external user, which nothing else
//! points at, so the ids stay valid. The fields are private so that only the rules change them;
//! readers get slices and lookups. Cloning an org is a handful of small vectors.

use std::borrow::Cow;

use super::id::{Entity, entity_ids, with_ids};
use super::named::{HasName, Lookup, Named, Table};
use super::names::same_name;

/// An Experience Cloud user license.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum License {
    CustomerCommunity,
    CustomerCommunityPlus,
    PartnerCommunity,
}

impl License {
    pub const ALL: [License; 3] = [
        License::CustomerCommunity,
        License::CustomerCommunityPlus,
        License::PartnerCommunity,
    ];

    pub fn name(self) -> &'static str {
        match self {
            License::CustomerCommunity => "Customer Community",
            License::CustomerCommunityPlus => "Customer Community Plus",
            License::PartnerCommunity => "Partner Community",
        }
    }

    pub fn from_name(name: &str) -> Option<License> {
        License::ALL
            .into_iter()
            .find(|license| same_name(license.name(), name))
    }

    /// Which enable command the license goes with.
    pub fn kind(self) -> UserKind {
        match self {
            License::PartnerCommunity => UserKind::Partner,
            License::CustomerCommunity | License::CustomerCommunityPlus => UserKind::Customer,
        }
    }

    /// Whether users of this license get an account role (CC users do not).
    pub fn has_roles(self) -> bool {
        self != License::CustomerCommunity
    }

    /// The standard profile that is not the login variant, e.g. "Partner Community User".
    pub fn standard_profile(self) -> &'static str {
        match self {
            License::CustomerCommunity => "Customer Community User",
            License::CustomerCommunityPlus => "Customer Community Plus User",
            License::PartnerCommunity => "Partner Community User",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Customer (Customer Community and Customer Community Plus) or partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserKind {
    Customer,
    Partner,
}

impl UserKind {
    pub const ALL: [UserKind; 2] = [UserKind::Customer, UserKind::Partner];

    pub fn name(self) -> &'static str {
        match self {
            UserKind::Customer => "customer",
            UserKind::Partner => "partner",
        }
    }

    /// `customer` or `partner`, in any case.
    pub fn from_name(name: &str) -> Option<UserKind> {
        [UserKind::Customer, UserKind::Partner]
            .into_iter()
            .find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The profile `check` reasons about when the contact has no user of this kind.
    pub fn default_license(self) -> License {
        match self {
            UserKind::Customer => License::CustomerCommunity,
            UserKind::Partner => License::PartnerCommunity,
        }
    }

    /// The template `check` suggests when the site does not exist.
    pub fn default_template(self) -> Template {
        match self {
            UserKind::Customer => Template::CustomerService,
            UserKind::Partner => Template::PartnerCentral,
        }
    }
}

/// An Experience Cloud site template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    CustomerService,
    PartnerCentral,
    CustomerAccountPortal,
    HelpCenter,
    BuildYourOwn,
    BuildYourOwnLwr,
    MicrositeLwr,
}

impl Template {
    pub const ALL: [Template; 7] = [
        Template::CustomerService,
        Template::PartnerCentral,
        Template::CustomerAccountPortal,
        Template::HelpCenter,
        Template::BuildYourOwn,
        Template::BuildYourOwnLwr,
        Template::MicrositeLwr,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::CustomerService => "Customer Service",
            Template::PartnerCentral => "Partner Central",
            Template::CustomerAccountPortal => "Customer Account Portal",
            Template::HelpCenter => "Help Center",
            Template::BuildYourOwn => "Build Your Own",
            Template::BuildYourOwnLwr => "Build Your Own (LWR)",
            Template::MicrositeLwr => "Microsite (LWR)",
        }
    }

    pub fn from_name(name: &str) -> Option<Template> {
        Template::ALL
            .into_iter()
            .find(|template| same_name(template.name(), name))
    }
}

/// A site's status; a new site starts in preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SiteStatus {
    #[default]
    Preview,
    Active,
    Inactive,
}

impl SiteStatus {
    pub const ALL: [SiteStatus; 3] = [
        SiteStatus::Preview,
        SiteStatus::Active,
        SiteStatus::Inactive,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SiteStatus::Preview => "preview",
            SiteStatus::Active => "active",
            SiteStatus::Inactive => "inactive",
        }
    }
}

/// Org-wide settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Digital Experiences; can't be turned off once on.
    pub digital_experiences: bool,
    /// "Allow using standard external profiles for self-registration, user creation, and login";
    /// off in a new org, so external users need a cloned custom profile or this turned on.
    pub standard_external_profiles: bool,
    /// Roles created per partner account, 1..=3.
    pub partner_roles: u8,
    /// Roles created per customer (CC+) account, 1..=3.
    pub customer_roles: u8,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            digital_experiences: false,
            standard_external_profiles: false,
            partner_roles: 1,
            customer_roles: 1,
        }
    }
}

/// The seats of one license.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seats {
    pub total: u32,
    /// Seats held by users the org does not list (the file's `used`).
    pub used_elsewhere: u32,
}

/// A profile: one of the six standard ones or a custom one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: Cow<'static, str>,
    pub license: License,
    pub standard: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub name: String,
    pub template: Template,
    pub status: SiteStatus,
    /// Member profiles.
    pub members: Vec<ProfileId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalUser {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    /// The owning internal user.
    pub owner: InternalUserId,
    /// A person account is its own contact, of the same name.
    pub person: bool,
    pub partner: bool,
    /// How many `<Account> Customer …` roles exist (0 until the first CC+ user).
    pub customer_roles: u8,
    /// How many `<Account> Partner …` roles exist (0 until the first partner user).
    pub partner_roles: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    /// The account; `None` is a private contact.
    pub account: Option<AccountId>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalUser {
    /// The contact; a disabled user is removed, so every user has one.
    pub contact: ContactId,
    pub profile: ProfileId,
    pub active: bool,
}

impl HasName for Profile {
    fn name(&self) -> &str {
        &self.name
    }
}

impl HasName for Site {
    fn name(&self) -> &str {
        &self.name
    }
}

impl HasName for InternalUser {
    fn name(&self) -> &str {
        &self.name
    }
}

impl HasName for Account {
    fn name(&self) -> &str {
        &self.name
    }
}

impl HasName for Contact {
    fn name(&self) -> &str {
        &self.name
    }
}

entity_ids! {
    /// A site of the org.
    SiteId for Site, "site";
    /// A profile, standard or custom.
    ProfileId for Profile, "profile";
    /// An internal (employee) user.
    InternalUserId for InternalUser, "internal user";
    /// An account.
    AccountId for Account, "account";
    /// A contact.
    ContactId for Contact, "contact";
    /// An external user. Disabling one removes it and moves the later ones up,
    /// so these are never kept: nothing refers to an external user.
    ExternalUserId for ExternalUser, "external user";
}

/// The levels of account roles, lowest first.
pub const ROLE_LEVELS: [&str; 3] = ["User", "Manager", "Executive"];

/// A simulated Salesforce org.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub(super) settings: Settings,
    pub(super) seats: [Seats; 3],
    pub(super) profiles: Table<Profile>,
    pub(super) sites: Table<Site>,
    pub(super) internal_users: Named<InternalUser>,
    pub(super) accounts: Named<Account>,
    pub(super) contacts: Named<Contact>,
    pub(super) external_users: Table<ExternalUser>,
}

impl Default for Org {
    fn default() -> Org {
        Org::new()
    }
}

impl Org {
    /// An empty org: default settings, no seats, the six standard profiles.
    pub fn new() -> Org {
        let profiles = License::ALL
            .into_iter()
            .flat_map(|license| {
                let user = license.standard_profile();
                let login = match license {
                    License::CustomerCommunity => "Customer Community Login User",
                    License::CustomerCommunityPlus => "Customer Community Plus Login User",
                    License::PartnerCommunity => "Partner Community Login User",
                };
                [user, login].map(|name| Profile {
                    name: Cow::Borrowed(name),
                    license,
                    standard: true,
                })
            })
            .collect();
        Org {
            settings: Settings::default(),
            seats: [Seats::default(); 3],
            profiles,
            sites: Table::new(),
            internal_users: Named::new(),
            accounts: Named::new(),
            contacts: Named::new(),
            external_users: Table::new(),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }
    pub fn internal_users(&self) -> &[InternalUser] {
        &self.internal_users
    }
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }
    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }
    pub fn external_users(&self) -> &[ExternalUser] {
        &self.external_users
    }

    pub fn seats(&self, license: License) -> Seats {
        self.seats[license.index()]
    }

    pub(super) fn seats_mut(&mut self, license: License) -> &mut Seats {
        &mut self.seats[license.index()]
    }

    /// Seats taken: those held elsewhere plus this org's active users of the license.
    pub fn seats_used(&self, license: License) -> u64 {
        let active = self
            .external_users
            .iter()
            .filter(|user| user.active && self.profiles[user.profile].license == license)
            .count() as u64;
        u64::from(self.seats(license).used_elsewhere) + active
    }

    pub fn has_free_seat(&self, license: License) -> bool {
        self.seats_used(license) < u64::from(self.seats(license).total)
    }

    pub fn find_site(&self, name: &str) -> Option<SiteId> {
        self.sites.find(name)
    }
    pub fn find_profile(&self, name: &str) -> Option<ProfileId> {
        self.profiles.find(name)
    }
    pub fn find_internal_user(&self, name: &str) -> Option<InternalUserId> {
        self.internal_users.find(name)
    }
    pub fn find_account(&self, name: &str) -> Option<AccountId> {
        self.accounts.find(name)
    }
    pub fn find_contact(&self, name: &str) -> Option<ContactId> {
        self.contacts.find(name)
    }

    /// A license's standard user profile, which its users get unless told
    /// otherwise: [`Org::new`] makes the six standard profiles first, each
    /// license's user profile and then its login profile.
    pub fn standard_profile(&self, license: License) -> ProfileId {
        Profile::id(2 * license.index())
    }

    /// The external user linked to a contact, if any.
    pub fn user_of_contact(&self, contact: ContactId) -> Option<ExternalUserId> {
        with_ids(&self.external_users)
            .find(|(_, user)| user.contact == contact)
            .map(|(id, _)| id)
    }

    /// The license of an external user.
    pub fn user_license(&self, user: ExternalUserId) -> License {
        self.profiles[self.external_users[user].profile].license
    }

    /// Whether a contact is a person account's own contact.
    pub fn is_person_contact(&self, contact: ContactId) -> bool {
        let contact = &self.contacts[contact];
        contact.account.is_some_and(|account| {
            let account = &self.accounts[account];
            account.person && same_name(&account.name, &contact.name)
        })
    }

    /// The roles of an account, lowest first within each kind.
    pub fn account_roles(&self, account: AccountId) -> Vec<String> {
        let account = &self.accounts[account];
        let customer = ROLE_LEVELS
            .iter()
            .take(usize::from(account.customer_roles))
            .map(|level| format!("{} Customer {level}", account.name));
        let partner = ROLE_LEVELS
            .iter()
            .take(usize::from(account.partner_roles))
            .map(|level| format!("{} Partner {level}", account.name));
        customer.chain(partner).collect()
    }

    /// The role an external user holds: the lowest of its account's roles of its
    /// license, or none for Customer Community users.
    pub fn user_role(&self, user: ExternalUserId) -> Option<String> {
        let license = self.user_license(user);
        if !license.has_roles() {
            return None;
        }
        let account = self.contacts[self.external_users[user].contact].account?;
        let account = &self.accounts[account];
        let (created, word) = match license.kind() {
            UserKind::Partner => (account.partner_roles, "Partner"),
            UserKind::Customer => (account.customer_roles, "Customer"),
        };
        (created > 0).then(|| format!("{} {word} {}", account.name, ROLE_LEVELS[0]))
    }

    /// Creates an account's roles for a license when its first such user arrives.
    pub(super) fn create_account_roles(&mut self, account: AccountId, license: License) {
        let settings = self.settings;
        let account = &mut self.accounts[account];
        match license {
            License::CustomerCommunity => {}
            License::CustomerCommunityPlus if account.customer_roles == 0 => {
                account.customer_roles = settings.customer_roles;
            }
            License::PartnerCommunity if account.partner_roles == 0 => {
                account.partner_roles = settings.partner_roles;
            }
            License::CustomerCommunityPlus | License::PartnerCommunity => {}
        }
    }
}
