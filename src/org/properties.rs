//! Property tests over random orgs (from the generator) and random command
//! sequences: `check`'s fixes reach the login, failed commands change nothing,
//! org files round-trip, and no input makes the parser panic.

use proptest::prelude::*;
use proptest::sample::select;

use super::generate::{ACCOUNTS, CUSTOMER_SITES, OWNERS, PARTNER_SITES, PEOPLE};
use super::id::with_ids;
use super::*;

/// Command texts over the names generated orgs use, plus some that never exist.
fn command_texts(with_disable: bool) -> Vec<String> {
    let contacts: Vec<&str> = PEOPLE.iter().copied().chain(["Ghost"]).collect();
    let sites: Vec<&str> = CUSTOMER_SITES
        .iter()
        .chain(PARTNER_SITES)
        .copied()
        .chain(["Nowhere"])
        .collect();
    let accounts: Vec<&str> = ACCOUNTS.iter().copied().chain(["Priya Shah"]).collect();
    let profiles = [
        "Customer Community User",
        "Customer Community Plus User",
        "Partner Community User",
        "Partner Community Login User",
        "Acme Partner Profile",
        "Priya Customer Profile",
    ];
    let mut texts = vec![
        "enable digital experiences".to_string(),
        "disable digital experiences".to_string(),
        "set standard external profiles on".to_string(),
        "set standard external profiles off".to_string(),
        "show".to_string(),
    ];
    for license in License::ALL {
        texts.push(format!("add licenses \"{}\" 1", license.name()));
    }
    for owner in OWNERS {
        texts.push(format!("assign role \"Boss\" to \"{owner}\""));
        texts.push(format!("create internal user \"{owner}\""));
    }
    for account in &accounts {
        texts.push(format!("enable partner account \"{account}\""));
        texts.push(format!(
            "create account \"{account}\" owner \"{}\"",
            OWNERS[0]
        ));
        texts.push(format!(
            "create account \"{account}\" owner \"{}\" person",
            OWNERS[1]
        ));
    }
    for site in &sites {
        texts.push(format!(
            "create site \"{site}\" template \"Partner Central\""
        ));
        texts.push(format!("activate site \"{site}\""));
        texts.push(format!("deactivate site \"{site}\""));
        for profile in profiles {
            texts.push(format!("add member \"{profile}\" to site \"{site}\""));
        }
    }
    for contact in &contacts {
        texts.push(format!(
            "create contact \"{contact}\" account \"{}\"",
            ACCOUNTS[0]
        ));
        texts.push(format!("create contact \"{contact}\""));
        texts.push(format!("set contact \"{contact}\" email x@example.com"));
        texts.push(format!(
            "set contact \"{contact}\" account \"{}\"",
            ACCOUNTS[1]
        ));
        texts.push(format!("deactivate user \"{contact}\""));
        texts.push(format!("activate user \"{contact}\""));
        if with_disable {
            texts.push(format!("disable user \"{contact}\""));
        }
        for profile in profiles {
            texts.push(format!(
                "enable customer user \"{contact}\" profile \"{profile}\""
            ));
            texts.push(format!(
                "enable partner user \"{contact}\" profile \"{profile}\" email p@example.com"
            ));
        }
        for site in &sites {
            texts.push(format!("login \"{contact}\" site \"{site}\""));
        }
    }
    texts
}

/// A generated org after some random commands.
fn random_org(with_disable: bool) -> impl Strategy<Value = Org> {
    (
        any::<u64>(),
        prop::collection::vec(select(command_texts(with_disable)), 0..12),
    )
        .prop_map(|(seed, commands)| {
            let mut org = generate(seed).org;
            for command in commands {
                org.run_line(&command);
            }
            org
        })
}

/// Whether an account keeps roles that none of its users holds: left behind by a
/// user who was disabled or moved away, which an org file can't say.
fn roles_left_behind(org: &Org) -> bool {
    with_ids(org.accounts()).any(|(account_id, account)| {
        let holds = |license: License| {
            with_ids(org.external_users()).any(|(user_id, user)| {
                org.contacts()[user.contact].account == Some(account_id)
                    && org.user_license(user_id) == license
            })
        };
        (account.customer_roles > 0 && !holds(License::CustomerCommunityPlus))
            || (account.partner_roles > 0 && !holds(License::PartnerCommunity))
    })
}

fn kinds() -> impl Strategy<Value = UserKind> {
    prop_oneof![Just(UserKind::Customer), Just(UserKind::Partner)]
}

/// Org-file-shaped text: real tables and keys, a few names, and some junk.
const ORG_FILE_TEXT: &str = concat!(
    "(\\[settings\\]\n|\\[\\[(license|profile|site|internal_user|account|contact|external_user)\\]\\]\n",
    "|(name|seats|used|license|template|status|owner|account|contact|profile|email|role) = ",
    "\"(A|B|Partner Community|Customer Community|Partner Central|Partner Community User|active|x@y)\"\n",
    "|(seats|used|partner_roles) = -?[0-9]{1,2}\n",
    "|(digital_experiences|standard_external_profiles|person|partner|active) = (true|false)\n",
    "|members = \\[\"(Partner Community User|A)\"\\]\n",
    "|[a-z =\\[\\]\"]{0,10}\n){0,30}"
);

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn applying_checks_fixes_in_order_makes_login_succeed(
        org in random_org(true),
        contact_idx in any::<prop::sample::Index>(),
        site_idx in any::<prop::sample::Index>(),
        kind in kinds(),
    ) {
        prop_assume!(!org.contacts().is_empty());
        let contact = org.contacts()[contact_idx.index(org.contacts().len())].name.clone();
        let mut sites: Vec<String> = org.sites().iter().map(|site| site.name.clone()).collect();
        sites.push("Brand New Site".to_string());
        let site = sites[site_idx.index(sites.len())].clone();
        let goal = Goal::Login { contact: contact.clone(), kind, site: site.clone() };
        let blockers = goal.blockers(&org);
        prop_assert!(blockers.is_ok(), "check failed for an existing contact: {:?}", blockers);
        let blockers = blockers.unwrap_or_default();
        prop_assume!(blockers.iter().all(|blocker| blocker.fix.is_some()));
        let mut fixed = org.clone();
        for blocker in &blockers {
            let fix = blocker.fix.as_deref().unwrap_or_default();
            let outcomes = fixed.run_line(fix);
            prop_assert!(outcomes.iter().all(Outcome::is_ok), "fix `{}` failed: {:?}", fix, outcomes);
        }
        let login = fixed.run_line(&format!("login {} site {}", quoted(&contact), quoted(&site)));
        prop_assert!(login[0].is_ok(), "login failed after the fixes {:?}: {:?}", blockers, login);
        prop_assert!(goal.holds(&fixed));
        prop_assert_eq!(goal.holds(&org), blockers.is_empty());
    }

    #[test]
    fn a_failed_command_leaves_the_org_unchanged(
        org in random_org(true),
        commands in prop::collection::vec(select(command_texts(true)), 1..20),
    ) {
        let mut org = org;
        for command in commands {
            let before = org.clone();
            let outcomes = org.run_line(&command);
            if !outcomes[0].is_ok() {
                prop_assert_eq!(&org, &before, "`{}` failed but changed the org", command);
            }
        }
    }

    #[test]
    fn saving_then_loading_gives_the_same_org(org in random_org(false)) {
        prop_assume!(!roles_left_behind(&org));
        let text = to_toml(&org);
        let loaded = load("saved.toml", &text);
        prop_assert!(loaded.is_ok(), "saved org does not load: {:?}\n{}", loaded.err(), text);
        prop_assert_eq!(loaded.ok(), Some(org));
    }

    #[test]
    fn generated_orgs_are_one_to_four_fixable_blockers_from_their_goal(seed in any::<u64>()) {
        let generated = generate(seed);
        prop_assert!((1..=4).contains(&generated.blockers.len()));
        prop_assert!(!generated.goal.holds(&generated.org));
        prop_assert_eq!(generate(seed), generated.clone(), "the same seed gives the same org");
        let mut org = generated.org.clone();
        for blocker in &generated.blockers {
            prop_assert!(org.run_line(blocker.fix.as_deref().unwrap_or("")).iter().all(Outcome::is_ok));
        }
        prop_assert!(generated.goal.holds(&org));
    }

    #[test]
    fn generated_orgs_are_new_orgs_that_block_standard_profiles(seed in any::<u64>()) {
        let generated = generate(seed);
        prop_assert!(!generated.org.settings().standard_external_profiles);
        let first_user = generated.org.external_users().first();
        if first_user.is_some_and(|user| generated.org.profiles()[user.profile].standard) {
            let blocked = generated.blockers.iter().any(|blocker| blocker.code == Code::StandardProfileBlocked);
            prop_assert!(blocked, "a standard-profile user in a new org is blocked: {:?}", generated.blockers);
        }
    }

    #[test]
    fn no_string_makes_the_parser_panic(line in "\\PC*") {
        let _ = parse_line(&line);
        let _ = Org::new().run_line(&line);
    }

    #[test]
    fn no_org_file_text_makes_the_loader_panic(text in ORG_FILE_TEXT) {
        if let Ok(org) = load("fuzz.toml", &text) {
            prop_assert_eq!(load("saved.toml", &to_toml(&org)), Ok(org));
        }
    }

    #[test]
    fn no_mix_of_keywords_quotes_and_separators_makes_the_parser_panic(
        words in prop::collection::vec(select(["enable", "user", "site", "\"", "\\\"", ";", "#", "a b", "\"x y\"", "0", "4294967296", "profile", "partner", "customer", "as", "show", "", "é"].as_slice()), 0..12),
    ) {
        let line = words.join(" ");
        let _ = parse_line(&line);
        let _ = generate(7).org.run_line(&line);
    }
}
