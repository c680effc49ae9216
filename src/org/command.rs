//! The commands of the org's command language (FORMAT.md, Org files
//! and the command language), as values.
//! [`parse`](super::parse) turns text into a [`Command`]; `Display` writes one
//! back as canonical text, which is how `check` writes its fixes.

use std::fmt;

use super::names::quoted;
use super::state::UserKind;

/// One command of the language. Names are kept as typed; the rules look them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    EnableDigitalExperiences,
    DisableDigitalExperiences,
    CreateSite {
        name: String,
        template: String,
    },
    ActivateSite {
        site: String,
    },
    DeactivateSite {
        site: String,
    },
    AddMember {
        profile: String,
        site: String,
    },
    CreateInternalUser {
        name: String,
        role: Option<String>,
    },
    AssignRole {
        role: String,
        user: String,
    },
    CreateAccount {
        name: String,
        owner: String,
        person: bool,
    },
    CreateContact {
        name: String,
        account: Option<String>,
        email: Option<String>,
    },
    SetContactAccount {
        contact: String,
        account: String,
    },
    SetContactEmail {
        contact: String,
        email: String,
    },
    EnablePartnerAccount {
        account: String,
    },
    AddLicenses {
        license: String,
        count: u32,
    },
    SetStandardExternalProfiles {
        on: bool,
    },
    EnableUser {
        kind: UserKind,
        contact: String,
        profile: String,
        email: Option<String>,
    },
    DeactivateUser {
        contact: String,
    },
    ActivateUser {
        contact: String,
    },
    DisableUser {
        contact: String,
    },
    Login {
        contact: String,
        site: String,
    },
    Check {
        contact: String,
        kind: UserKind,
        site: String,
    },
    Show(Listing),
}

/// What `show` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    #[default]
    Org,
    Sites,
    Accounts,
    Contacts,
    Users,
    Licenses,
    Roles,
}

impl Listing {
    pub const ALL: [Listing; 7] = [
        Listing::Org,
        Listing::Sites,
        Listing::Accounts,
        Listing::Contacts,
        Listing::Users,
        Listing::Licenses,
        Listing::Roles,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            Listing::Org => "org",
            Listing::Sites => "sites",
            Listing::Accounts => "accounts",
            Listing::Contacts => "contacts",
            Listing::Users => "users",
            Listing::Licenses => "licenses",
            Listing::Roles => "roles",
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |name: &str| quoted(name);
        match self {
            Command::EnableDigitalExperiences => write!(f, "enable digital experiences"),
            Command::DisableDigitalExperiences => write!(f, "disable digital experiences"),
            Command::CreateSite { name, template } => {
                write!(f, "create site {} template {}", q(name), q(template))
            }
            Command::ActivateSite { site } => write!(f, "activate site {}", q(site)),
            Command::DeactivateSite { site } => write!(f, "deactivate site {}", q(site)),
            Command::AddMember { profile, site } => {
                write!(f, "add member {} to site {}", q(profile), q(site))
            }
            Command::CreateInternalUser { name, role } => {
                write!(f, "create internal user {}", q(name))?;
                if let Some(role) = role {
                    write!(f, " role {}", q(role))?;
                }
                Ok(())
            }
            Command::AssignRole { role, user } => {
                write!(f, "assign role {} to {}", q(role), q(user))
            }
            Command::CreateAccount {
                name,
                owner,
                person,
            } => {
                write!(f, "create account {} owner {}", q(name), q(owner))?;
                if *person {
                    write!(f, " person")?;
                }
                Ok(())
            }
            Command::CreateContact {
                name,
                account,
                email,
            } => {
                write!(f, "create contact {}", q(name))?;
                if let Some(account) = account {
                    write!(f, " account {}", q(account))?;
                }
                if let Some(email) = email {
                    write!(f, " email {}", q(email))?;
                }
                Ok(())
            }
            Command::SetContactAccount { contact, account } => {
                write!(f, "set contact {} account {}", q(contact), q(account))
            }
            Command::SetContactEmail { contact, email } => {
                write!(f, "set contact {} email {}", q(contact), q(email))
            }
            Command::EnablePartnerAccount { account } => {
                write!(f, "enable partner account {}", q(account))
            }
            Command::AddLicenses { license, count } => {
                write!(f, "add licenses {} {count}", q(license))
            }
            Command::SetStandardExternalProfiles { on } => {
                write!(
                    f,
                    "set standard external profiles {}",
                    if *on { "on" } else { "off" }
                )
            }
            Command::EnableUser {
                kind,
                contact,
                profile,
                email,
            } => {
                write!(
                    f,
                    "enable {} user {} profile {}",
                    kind.name(),
                    q(contact),
                    q(profile)
                )?;
                if let Some(email) = email {
                    write!(f, " email {}", q(email))?;
                }
                Ok(())
            }
            Command::DeactivateUser { contact } => write!(f, "deactivate user {}", q(contact)),
            Command::ActivateUser { contact } => write!(f, "activate user {}", q(contact)),
            Command::DisableUser { contact } => write!(f, "disable user {}", q(contact)),
            Command::Login { contact, site } => write!(f, "login {} site {}", q(contact), q(site)),
            Command::Check {
                contact,
                kind,
                site,
            } => {
                write!(
                    f,
                    "check {} as {} site {}",
                    q(contact),
                    kind.name(),
                    q(site)
                )
            }
            Command::Show(listing) => write!(f, "show {}", listing.keyword()),
        }
    }
}
