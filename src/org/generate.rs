//! Generated practice: from a seed, a random org that is one to four blockers
//! away from a login goal, verified by the model before it is returned.
//!
//! A generated org starts from a solved state (the contact can log in) and then
//! breaks a few things at random: the site, its membership, the user, and what
//! enabling the user needs. `check` then lists the blockers; an org is kept only
//! when there are one to four, each has a fix, and running the fixes reaches the
//! goal. The same seed always gives the same org (ChaCha8, a named algorithm).
//!
//! A generated org is a new org: standard external profiles stay blocked, so a
//! user with a cloned custom profile needs nothing more, and a user with a
//! standard profile always has the setting among its blockers.

use std::borrow::Cow;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::goal::Goal;
use super::id::Entity;
use super::outcome::Blocker;
use super::parse::parse_command;
use super::state::{
    Account, Contact, ExternalUser, InternalUser, License, Org, Profile, ProfileId, Site,
    SiteStatus, UserKind,
};

/// A generated scenario: the org, the goal, and what blocks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub org: Org,
    pub goal: Goal,
    /// One to four blockers, each with a fix.
    pub blockers: Vec<Blocker>,
}

pub(super) const ACCOUNTS: &[&str] = &[
    "Acme Reseller",
    "Globex Partners",
    "Initech",
    "Umbrella Supply",
    "Stark Distribution",
    "Wayne Retail",
];
pub(super) const PEOPLE: &[&str] = &[
    "Priya Shah",
    "Marco Rossi",
    "Aiko Tanaka",
    "Lena Novak",
    "Sam Okafor",
    "Ines Duarte",
    "Tom Becker",
    "Zara Khan",
];
pub(super) const OWNERS: &[&str] = &["Dana Owner", "Luis Ortega", "Mei Chen", "Oskar Berg"];
const INTERNAL_ROLES: &[&str] = &["VP Sales", "Channel Manager", "Account Executive"];
pub(super) const CUSTOMER_SITES: &[&str] = &["Customer Care", "Help Hub", "Support Portal"];
pub(super) const PARTNER_SITES: &[&str] = &["Partner Hub", "Channel Portal", "Reseller Central"];

/// Attempts before falling back to a fixed one-blocker scenario.
const MAX_ATTEMPTS: usize = 64;

/// A verified scenario for `seed`.
pub fn generate(seed: u64) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for _ in 0..MAX_ATTEMPTS {
        let (org, goal) = candidate(&mut rng);
        if let Some(generated) = verified(org, goal) {
            return generated;
        }
    }
    fallback()
}

/// Keeps a candidate only when it is one to four fixable blockers from its goal,
/// and running the fixes as text reaches the goal.
fn verified(org: Org, goal: Goal) -> Option<Generated> {
    let blockers = goal.blockers(&org).ok()?;
    if !(1..=4).contains(&blockers.len()) {
        return None;
    }
    let mut solved = org.clone();
    for blocker in &blockers {
        let command = parse_command(blocker.fix.as_deref()?).ok()?;
        solved.apply(&command).ok()?;
    }
    goal.holds(&solved).then_some(Generated {
        org,
        goal,
        blockers,
    })
}

fn pick<'a>(rng: &mut ChaCha8Rng, names: &[&'a str]) -> &'a str {
    names[rng.random_range(0..names.len())]
}

/// A solved org for a random goal, then broken in a few random ways.
fn candidate(rng: &mut ChaCha8Rng) -> (Org, Goal) {
    let kind = if rng.random_bool(0.5) {
        UserKind::Partner
    } else {
        UserKind::Customer
    };
    let license = match kind {
        UserKind::Partner => License::PartnerCommunity,
        UserKind::Customer if rng.random_bool(0.5) => License::CustomerCommunityPlus,
        UserKind::Customer => License::CustomerCommunity,
    };
    let mut org = Org::new();
    org.settings.digital_experiences = true;
    org.settings.partner_roles = rng.random_range(1..=3);
    org.settings.customer_roles = rng.random_range(1..=3);

    let owner_name = pick(rng, OWNERS);
    let owner = org.internal_users.push(InternalUser {
        name: owner_name.to_string(),
        role: Some(pick(rng, INTERNAL_ROLES).to_string()),
    });
    if rng.random_bool(0.5) {
        let other = OWNERS
            .iter()
            .find(|name| **name != owner_name)
            .copied()
            .unwrap_or("Ops Admin");
        org.internal_users.push(InternalUser {
            name: other.to_string(),
            role: None,
        });
    }

    let contact_name = pick(rng, PEOPLE);
    let person = kind == UserKind::Customer && rng.random_bool(0.3);
    let account_name = if person {
        contact_name
    } else {
        pick(rng, ACCOUNTS)
    };
    let account = org.accounts.push(Account {
        name: account_name.to_string(),
        owner,
        person,
        partner: kind == UserKind::Partner,
        customer_roles: 0,
        partner_roles: 0,
    });
    let contact = org.contacts.push(Contact {
        name: contact_name.to_string(),
        account: Some(account),
        email: Some(super::names::placeholder_email(contact_name)),
    });
    if !person && rng.random_bool(0.5) {
        let colleague = PEOPLE
            .iter()
            .find(|name| **name != contact_name)
            .copied()
            .unwrap_or("Alex Doe");
        org.contacts.push(Contact {
            name: colleague.to_string(),
            account: Some(account),
            email: None,
        });
    }

    let custom_profile = rng.random_bool(0.5);
    let profile = if custom_profile {
        let word = if kind == UserKind::Partner {
            "Partner"
        } else {
            "Customer"
        };
        org.profiles.push(Profile {
            name: Cow::Owned(format!(
                "{} {word} Profile",
                account_name.split(' ').next().unwrap_or(account_name)
            )),
            license,
            standard: false,
        })
    } else {
        org.standard_profile(license)
    };
    let seats = org.seats_mut(license);
    seats.used_elsewhere = rng.random_range(0..=3);
    seats.total = seats.used_elsewhere + rng.random_range(1..=4);

    let sites = if kind == UserKind::Partner {
        PARTNER_SITES
    } else {
        CUSTOMER_SITES
    };
    let site_name = pick(rng, sites);
    org.sites.push(Site {
        name: site_name.to_string(),
        template: kind.default_template(),
        status: SiteStatus::Active,
        members: vec![profile],
    });
    org.external_users.push(ExternalUser {
        contact,
        profile,
        active: true,
    });
    org.create_account_roles(account, license);

    break_things(rng, &mut org, kind, profile);
    let goal = Goal::Login {
        contact: contact_name.to_string(),
        kind,
        site: site_name.to_string(),
    };
    (org, goal)
}

/// Breaks the solved org in random ways; `verified` decides whether the result
/// is a good exercise.
fn break_things(rng: &mut ChaCha8Rng, org: &mut Org, kind: UserKind, profile: ProfileId) {
    let license = org.profiles[profile].license;
    match rng.random_range(0..4) {
        0 => {
            org.sites.clear();
        }
        1 => {
            org.sites[0].status = if rng.random_bool(0.5) {
                SiteStatus::Preview
            } else {
                SiteStatus::Inactive
            }
        }
        _ => {}
    }
    if !org.sites.is_empty() && rng.random_bool(0.35) {
        org.sites[0].members.clear();
    }
    match rng.random_range(0..3) {
        0 => {
            org.external_users[0].active = false;
            if rng.random_bool(0.3) {
                let seats = org.seats_mut(license);
                seats.used_elsewhere = seats.total;
            }
        }
        1 => {
            org.external_users.clear();
            org.accounts[0].customer_roles = 0;
            org.accounts[0].partner_roles = 0;
            break_enabling(rng, org, kind, license);
        }
        _ => {}
    }
}

/// Breaks what enabling the contact's user needs.
fn break_enabling(rng: &mut ChaCha8Rng, org: &mut Org, kind: UserKind, license: License) {
    if rng.random_bool(0.4) {
        org.internal_users[0].role = None;
    }
    if kind == UserKind::Partner && rng.random_bool(0.4) {
        org.accounts[0].partner = false;
    }
    if rng.random_bool(0.3) {
        org.contacts[0].email = None;
    }
    if rng.random_bool(0.3) {
        let seats = org.seats_mut(license);
        if rng.random_bool(0.5) {
            *seats = Default::default();
        } else {
            seats.used_elsewhere = seats.total;
        }
    }
    if rng.random_bool(0.2) && org.internal_users[0].role.is_some() {
        // The contact already holds a user of the other kind.
        let other = match kind {
            UserKind::Partner => License::CustomerCommunity,
            UserKind::Customer => License::PartnerCommunity,
        };
        if other == License::PartnerCommunity && org.accounts[0].person {
            return;
        }
        if other == License::PartnerCommunity {
            org.accounts[0].partner = true;
        }
        let seats = org.seats_mut(other);
        seats.total = seats.total.max(1);
        let profile = org.standard_profile(other);
        // The goal's contact and its account are the first of each.
        org.external_users.push(ExternalUser {
            contact: Contact::id(0),
            profile,
            active: true,
        });
        org.create_account_roles(Account::id(0), other);
    }
}

/// A fixed one-blocker scenario (a site still in preview), should every attempt fail.
fn fallback() -> Generated {
    let mut org = Org::new();
    let script = "enable digital experiences; set standard external profiles on; add licenses \"Customer Community\" 1; \
        create internal user \"Dana Owner\" role \"VP Sales\"; create account \"Acme\" owner \"Dana Owner\"; \
        create contact \"Priya Shah\" account \"Acme\" email \"priya@acme.example\"; \
        create site \"Help Hub\" template \"Customer Service\"; \
        add member \"Customer Community User\" to site \"Help Hub\"; \
        enable customer user \"Priya Shah\" profile \"Customer Community User\"";
    org.run_line(script);
    let goal = Goal::Login {
        contact: "Priya Shah".to_string(),
        kind: UserKind::Customer,
        site: "Help Hub".to_string(),
    };
    let blockers = goal.blockers(&org).unwrap_or_default();
    Generated {
        org,
        goal,
        blockers,
    }
}
