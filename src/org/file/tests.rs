use super::{load, to_toml};
use crate::org::state::{License, Org, SiteStatus, Template};

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
        &["3:1 unknown field `templat`, expected one of `name`, `template`, `status`, `members`"],
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
        org.account_roles(org.find_account("A").unwrap()),
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
    assert!(org.is_person_contact(org.find_contact("Ravi").unwrap()));
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
