//! The rules of C2 through one helper: an org file, a script, and the result of
//! each command ("ok" or its code). One test per code, then the effects, the
//! order of checks and `check`'s fixes.

use super::*;

/// An org where most things are in place, to break one at a time: an older org
/// whose admin allowed standard external profiles.
const BASE: &str = r#"
[settings]
digital_experiences = true
standard_external_profiles = true
partner_roles = 3

[[license]]
name = "Partner Community"
seats = 1

[[license]]
name = "Customer Community"
seats = 2

[[profile]]
name = "Acme Partner"
license = "Partner Community"

[[site]]
name = "Partner Hub"
template = "Partner Central"
status = "active"
members = ["Acme Partner", "Customer Community User"]

[[site]]
name = "Draft Site"
template = "Build Your Own"

[[internal_user]]
name = "Dana Owner"
role = "VP Sales"

[[internal_user]]
name = "Rolf Noroll"

[[account]]
name = "Acme Reseller"
owner = "Dana Owner"
partner = true

[[account]]
name = "Globex"
owner = "Dana Owner"

[[account]]
name = "Nobody Inc"
owner = "Rolf Noroll"
partner = true

[[account]]
name = "Ravi Kumar"
owner = "Dana Owner"
person = true

[[contact]]
name = "Priya Shah"
account = "Acme Reseller"
email = "priya@acme.example"

[[contact]]
name = "Gus Grey"
account = "Globex"
email = "gus@globex.example"

[[contact]]
name = "No Mail"
account = "Acme Reseller"

[[contact]]
name = "Loner"
email = "loner@example.com"

[[contact]]
name = "Nora North"
account = "Nobody Inc"
email = "nora@nobody.example"
"#;

fn org(org_toml: &str) -> Org {
    load("test.toml", org_toml).unwrap_or_else(|diagnostics| {
        let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        panic!("test org does not load:\n{}", rendered.join("\n"))
    })
}

/// Runs `script` on the org and compares each command's result: "ok" or its code.
#[track_caller]
fn check(org_toml: &str, script: &str, expected_codes: &[&str]) -> Org {
    let mut org = org(org_toml);
    let results: Vec<&str> = org
        .run_script(script)
        .iter()
        .map(|step| step.outcome.code().map_or("ok", Code::as_str))
        .collect();
    assert_eq!(results, expected_codes, "script:\n{script}");
    org
}

const PARTNER_PRIYA: &str = "enable partner user \"Priya Shah\" profile \"Acme Partner\"";

#[test]
fn parse_error() {
    check(
        BASE,
        "enabel digital experiences\nshow sites",
        &["PARSE_ERROR", "ok"],
    );
}

#[test]
fn not_found() {
    check(
        BASE,
        "login Nobody site \"Partner Hub\"\nactivate site Nowhere\nadd licenses Gold 1\nadd member Ghost to site \"Partner Hub\"\ncreate account X owner Ghost\nassign role R to \"Priya Shah\"",
        &["NOT_FOUND"; 6],
    );
}

#[test]
fn already_exists() {
    check(
        BASE,
        "create site \"partner hub\" template \"Help Center\"\ncreate contact \"PRIYA SHAH\"\ncreate internal user \"Dana Owner\"\ncreate account Globex owner \"Dana Owner\"\ncreate account \"Priya Shah\" owner \"Dana Owner\" person",
        &["ALREADY_EXISTS"; 5],
    );
}

#[test]
fn dx_irreversible_only_while_on() {
    check(BASE, "disable digital experiences", &["DX_IRREVERSIBLE"]);
    check(
        "",
        "disable digital experiences\nenable digital experiences\nenable digital experiences\ndisable digital experiences",
        &["ok", "ok", "ok", "DX_IRREVERSIBLE"],
    );
}

#[test]
fn dx_not_enabled() {
    check(
        "[[internal_user]]\nname = \"Dana\"\nrole = \"R\"\n[[account]]\nname = \"A\"\nowner = \"Dana\"\n[[contact]]\nname = \"C\"\naccount = \"A\"",
        "create site S template \"Help Center\"\nenable partner account A\nenable customer user C profile \"Customer Community User\"\nenable partner user Ghost profile Nope",
        &["DX_NOT_ENABLED"; 4],
    );
}

#[test]
fn unknown_template() {
    check(
        BASE,
        "create site New template \"Partner Centrl\"",
        &["UNKNOWN_TEMPLATE"],
    );
}

#[test]
fn site_limit() {
    let script: Vec<String> = (0..99)
        .map(|n| format!("create site s{n} template \"Help Center\""))
        .collect();
    let mut expected = vec!["ok"; 98];
    expected.push("SITE_LIMIT");
    // BASE has two sites, so the 99th created here is the 101st.
    check(BASE, &script.join("\n"), &expected);
}

#[test]
fn person_account_not_partner() {
    check(
        BASE,
        "enable partner account \"Ravi Kumar\"",
        &["PERSON_ACCOUNT_NOT_PARTNER"],
    );
}

#[test]
fn contact_no_account() {
    check(
        BASE,
        "enable customer user Loner profile \"Customer Community User\"",
        &["CONTACT_NO_ACCOUNT"],
    );
}

#[test]
fn user_exists_for_contact() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\n{PARTNER_PRIYA}\ndeactivate user \"Priya Shah\"\n{PARTNER_PRIYA}"
        ),
        &[
            "ok",
            "USER_EXISTS_FOR_CONTACT",
            "ok",
            "USER_EXISTS_FOR_CONTACT",
        ],
    );
}

#[test]
fn profile_license_mismatch() {
    check(
        BASE,
        "enable customer user \"Priya Shah\" profile \"Acme Partner\"\nenable partner user \"Priya Shah\" profile \"Customer Community User\"",
        &["PROFILE_LICENSE_MISMATCH"; 2],
    );
}

#[test]
fn account_not_partner() {
    check(
        BASE,
        "enable partner user \"Gus Grey\" profile \"Acme Partner\"\nenable partner user \"Ravi Kumar\" profile \"Acme Partner\"",
        &["ACCOUNT_NOT_PARTNER"; 2],
    );
}

#[test]
fn owner_no_role() {
    check(
        BASE,
        "enable partner user \"Nora North\" profile \"Acme Partner\"\nassign role \"Channel Manager\" to \"Rolf Noroll\"\nenable partner user \"Nora North\" profile \"Acme Partner\"",
        &["OWNER_NO_ROLE", "ok", "ok"],
    );
}

#[test]
fn no_license() {
    check(
        BASE,
        "enable customer user \"Gus Grey\" profile \"Customer Community Plus User\"\nadd licenses \"customer community plus\" 1\nenable customer user \"Gus Grey\" profile \"Customer Community Plus User\"",
        &["NO_LICENSE", "ok", "ok"],
    );
}

#[test]
fn license_limit_exceeded_on_enable_and_activate() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\nenable partner user \"No Mail\" profile \"Acme Partner\" email n@a.example\ndeactivate user \"Priya Shah\"\nenable partner user \"No Mail\" profile \"Acme Partner\" email n@a.example\nactivate user \"Priya Shah\""
        ),
        &[
            "ok",
            "LICENSE_LIMIT_EXCEEDED",
            "ok",
            "ok",
            "LICENSE_LIMIT_EXCEEDED",
        ],
    );
}

#[test]
fn email_required_unless_given() {
    let org = check(
        BASE,
        "enable partner user \"No Mail\" profile \"Acme Partner\"\nenable partner user \"No Mail\" profile \"Acme Partner\" email nm@acme.example",
        &["EMAIL_REQUIRED", "ok"],
    );
    let contact = org.find_contact("No Mail").unwrap();
    assert_eq!(
        org.contacts()[contact].email,
        None,
        "the contact's own email does not change"
    );
}

#[test]
fn standard_profile_blocked_on_enable_and_login() {
    check(
        BASE,
        "enable customer user \"Gus Grey\" profile \"Customer Community User\"\nset standard external profiles off\nlogin \"Gus Grey\" site \"Partner Hub\"\nenable customer user \"No Mail\" profile \"Customer Community User\" email a@b.c",
        &[
            "ok",
            "ok",
            "STANDARD_PROFILE_BLOCKED",
            "STANDARD_PROFILE_BLOCKED",
        ],
    );
}

/// BASE as a new org: the setting left at its default.
fn new_org() -> String {
    BASE.replace("standard_external_profiles = true\n", "")
}

#[test]
fn a_new_org_blocks_standard_profiles_on_enable_and_login() {
    let org_toml = format!(
        "{}\n[[external_user]]\ncontact = \"Gus Grey\"\nprofile = \"Customer Community User\"\n",
        new_org()
    );
    let org = check(
        &org_toml,
        &format!(
            "enable customer user \"No Mail\" profile \"Customer Community User\" email n@acme.example\nlogin \"Gus Grey\" site \"Partner Hub\"\n{PARTNER_PRIYA}\nlogin \"Priya Shah\" site \"Partner Hub\""
        ),
        &[
            "STANDARD_PROFILE_BLOCKED",
            "STANDARD_PROFILE_BLOCKED",
            "ok",
            "ok",
        ],
    );
    assert!(!org.settings().standard_external_profiles);
}

#[test]
fn an_empty_org_blocks_standard_profiles_until_the_setting_is_on() {
    assert!(!Org::new().settings().standard_external_profiles);
    let setup = "enable digital experiences\nadd licenses \"Customer Community\" 1\ncreate internal user Dana role Boss\ncreate account Acme owner Dana\ncreate contact Cara account Acme email cara@acme.example";
    let enable = "enable customer user Cara profile \"Customer Community Login User\"";
    check(
        "",
        &format!("{setup}\n{enable}\nset standard external profiles on\n{enable}"),
        &[
            "ok",
            "ok",
            "ok",
            "ok",
            "ok",
            "STANDARD_PROFILE_BLOCKED",
            "ok",
            "ok",
        ],
    );
}

#[test]
fn check_lists_the_blocked_setting_in_a_new_org() {
    let org = org(&new_org());
    assert_eq!(
        blockers(&org, "check \"Gus Grey\" as customer site \"Partner Hub\""),
        [
            pair(
                "STANDARD_PROFILE_BLOCKED",
                Some("set standard external profiles on")
            ),
            pair(
                "NO_EXTERNAL_USER",
                Some("enable customer user \"Gus Grey\" profile \"Customer Community User\"")
            ),
        ]
    );
}

#[test]
fn no_external_user() {
    check(
        BASE,
        "login \"Priya Shah\" site \"Partner Hub\"\ndeactivate user \"Priya Shah\"\nactivate user \"Priya Shah\"\ndisable user \"Priya Shah\"",
        &["NO_EXTERNAL_USER"; 4],
    );
}

#[test]
fn user_inactive() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\ndeactivate user \"Priya Shah\"\nlogin \"Priya Shah\" site \"Partner Hub\""
        ),
        &["ok", "ok", "USER_INACTIVE"],
    );
}

#[test]
fn site_not_active() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\nlogin \"Priya Shah\" site \"Draft Site\"\nactivate site \"Draft Site\"\ndeactivate site \"Draft Site\"\nlogin \"Priya Shah\" site \"Draft Site\""
        ),
        &["ok", "SITE_NOT_ACTIVE", "ok", "ok", "SITE_NOT_ACTIVE"],
    );
}

#[test]
fn not_site_member() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\nactivate site \"Draft Site\"\nlogin \"Priya Shah\" site \"Draft Site\"\nadd member \"Acme Partner\" to site \"Draft Site\"\nlogin \"Priya Shah\" site \"Draft Site\""
        ),
        &["ok", "ok", "NOT_SITE_MEMBER", "ok", "ok"],
    );
}

#[test]
fn person_account_contact() {
    check(
        BASE,
        "set contact \"Ravi Kumar\" account Globex\ncreate contact Extra account \"Ravi Kumar\"\nset contact \"Gus Grey\" account \"Ravi Kumar\"",
        &["PERSON_ACCOUNT_CONTACT"; 3],
    );
}

#[test]
fn a_person_accounts_own_contact_may_stay_on_it() {
    let org = check(
        BASE,
        "set contact \"Ravi Kumar\" account \"ravi kumar\"",
        &["ok"],
    );
    assert_eq!(org, self::org(BASE), "staying put changes nothing");
}

#[test]
fn a_contact_moves_with_its_user_and_the_user_takes_the_new_accounts_role() {
    let org = check(
        BASE,
        "add licenses \"Customer Community Plus\" 1\nenable customer user \"Gus Grey\" profile \"Customer Community Plus User\"\nset contact \"Gus Grey\" account \"Acme Reseller\"",
        &["ok"; 3],
    );
    let acme = org.find_account("Acme Reseller").unwrap();
    assert_eq!(org.account_roles(acme), ["Acme Reseller Customer User"]);
    let user = org
        .user_of_contact(org.find_contact("Gus Grey").unwrap())
        .unwrap();
    assert_eq!(
        org.user_role(user).as_deref(),
        Some("Acme Reseller Customer User")
    );
    assert!(org.external_users()[user].active);
}

#[test]
fn a_moved_partner_user_creates_the_new_accounts_roles_even_when_inactive() {
    let org = check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\ndeactivate user \"Priya Shah\"\nassign role Boss to \"Rolf Noroll\"\nset contact \"Priya Shah\" account \"Nobody Inc\""
        ),
        &["ok"; 4],
    );
    let nobody = org.find_account("Nobody Inc").unwrap();
    assert_eq!(org.account_roles(nobody).len(), 3);
    let user = org
        .user_of_contact(org.find_contact("Priya Shah").unwrap())
        .unwrap();
    assert_eq!(
        org.user_role(user).as_deref(),
        Some("Nobody Inc Partner User")
    );
    assert!(!org.external_users()[user].active);
}

#[test]
fn a_customer_community_user_moves_and_still_has_no_role() {
    let org = check(
        BASE,
        "enable customer user \"Gus Grey\" profile \"Customer Community User\"\nset contact \"Gus Grey\" account \"Acme Reseller\"",
        &["ok"; 2],
    );
    let acme = org.find_account("Acme Reseller").unwrap();
    assert!(org.account_roles(acme).is_empty());
}

#[test]
fn a_partner_user_moves_only_to_a_partner_account() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\nset contact \"Priya Shah\" account Globex\nenable partner account Globex\nset contact \"Priya Shah\" account Globex\nlogin \"Priya Shah\" site \"Partner Hub\""
        ),
        &["ok", "ACCOUNT_NOT_PARTNER", "ok", "ok", "ok"],
    );
}

#[test]
fn moving_checks_run_in_c2_order() {
    // NOT_FOUND first (contact, then account), ALREADY_EXISTS next for a new
    // contact, then the command's own codes in the table's order.
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\nset contact Ghost account \"Ravi Kumar\"\nset contact \"Ravi Kumar\" account Ghost\nset contact \"Priya Shah\" account \"Ravi Kumar\"\ncreate contact Extra account Ghost\ncreate contact \"Gus Grey\" account \"Ravi Kumar\"\ncreate contact \"Ravi Kumar\" account Globex"
        ),
        &[
            "ok",
            "NOT_FOUND",
            "NOT_FOUND",
            "ACCOUNT_NOT_PARTNER",
            "NOT_FOUND",
            "ALREADY_EXISTS",
            "ALREADY_EXISTS",
        ],
    );
    let org_toml = format!(
        "{BASE}\n[[external_user]]\ncontact = \"Ravi Kumar\"\nprofile = \"Customer Community User\"\n[[contact]]\nname = \"Ravi Kumar\"\nemail = \"ravi@example.com\"\n"
    );
    check(
        &org_toml,
        "set contact \"Ravi Kumar\" account \"Acme Reseller\"",
        &["PERSON_ACCOUNT_CONTACT"],
    );
}

#[test]
fn enabling_checks_run_in_c2_order() {
    // Off DX beats a missing contact; a missing contact beats a private one; and so on.
    let no_dx = "[[contact]]\nname = \"Loner\"";
    check(
        no_dx,
        "enable customer user Ghost profile Nope",
        &["DX_NOT_ENABLED"],
    );
    check(
        BASE,
        "enable customer user Ghost profile Nope\nenable customer user Loner profile Nope",
        &["NOT_FOUND"; 2],
    );
    check(
        BASE,
        "enable partner user Loner profile \"Customer Community User\"",
        &["CONTACT_NO_ACCOUNT"],
    );
    check(
        BASE,
        &format!("{PARTNER_PRIYA}\nenable customer user \"Priya Shah\" profile \"Acme Partner\""),
        &["ok", "USER_EXISTS_FOR_CONTACT"],
    );
    check(
        BASE,
        "enable customer user \"Nora North\" profile \"Acme Partner\"",
        &["PROFILE_LICENSE_MISMATCH"],
    );
    let everything_wrong = r#"
[settings]
digital_experiences = true
[[internal_user]]
name = "Rolf"
[[account]]
name = "Plain"
owner = "Rolf"
[[contact]]
name = "Cara"
account = "Plain"
"#;
    let fixes = [
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "ACCOUNT_NOT_PARTNER",
            "enable partner account Plain",
        ),
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "OWNER_NO_ROLE",
            "assign role Boss to Rolf",
        ),
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "NO_LICENSE",
            "add licenses \"Partner Community\" 1",
        ),
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "EMAIL_REQUIRED",
            "set contact Cara email c@plain.example",
        ),
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "STANDARD_PROFILE_BLOCKED",
            "set standard external profiles on",
        ),
        (
            "enable partner user Cara profile \"Partner Community User\"",
            "ok",
            "show",
        ),
    ];
    let mut script = String::new();
    let mut expected = Vec::new();
    for (command, code, fix) in fixes {
        script.push_str(&format!("{command}\n{fix}\n"));
        expected.extend([code, "ok"]);
    }
    check(everything_wrong, &script, &expected);
}

#[test]
fn login_checks_run_in_c2_order() {
    let org_toml = format!(
        "{BASE}\n[[external_user]]\ncontact = \"Gus Grey\"\nprofile = \"Customer Community Login User\"\nactive = false\n"
    );
    check(&org_toml, "login Ghost site \"Draft Site\"", &["NOT_FOUND"]);
    check(
        &org_toml,
        "login Loner site \"Draft Site\"",
        &["NO_EXTERNAL_USER"],
    );
    check(
        &org_toml,
        "set standard external profiles off\nlogin \"Gus Grey\" site \"Draft Site\"",
        &["ok", "USER_INACTIVE"],
    );
    check(
        &org_toml,
        "set standard external profiles off\nactivate user \"Gus Grey\"\nlogin \"Gus Grey\" site \"Draft Site\"\nactivate site \"Draft Site\"\nlogin \"Gus Grey\" site \"Draft Site\"\nadd member \"Customer Community Login User\" to site \"Draft Site\"\nlogin \"Gus Grey\" site \"Draft Site\"\nset standard external profiles on\nlogin \"Gus Grey\" site \"Draft Site\"",
        &[
            "ok",
            "ok",
            "SITE_NOT_ACTIVE",
            "ok",
            "NOT_SITE_MEMBER",
            "ok",
            "STANDARD_PROFILE_BLOCKED",
            "ok",
            "ok",
        ],
    );
}

#[test]
fn seats_are_taken_by_enabling_and_freed_by_deactivating_or_disabling() {
    let mut org = check(BASE, PARTNER_PRIYA, &["ok"]);
    assert_eq!(org.seats_used(License::PartnerCommunity), 1);
    org.run_line("deactivate user \"Priya Shah\"");
    assert_eq!(org.seats_used(License::PartnerCommunity), 0);
    org.run_line("activate user \"Priya Shah\"");
    assert_eq!(org.seats_used(License::PartnerCommunity), 1);
    org.run_line("disable user \"Priya Shah\"");
    assert_eq!(org.seats_used(License::PartnerCommunity), 0);
}

#[test]
fn the_first_partner_user_creates_the_account_roles_up_to_the_setting() {
    let org = check(BASE, PARTNER_PRIYA, &["ok"]);
    let account = org.find_account("Acme Reseller").unwrap();
    assert_eq!(
        org.account_roles(account),
        [
            "Acme Reseller Partner User",
            "Acme Reseller Partner Manager",
            "Acme Reseller Partner Executive"
        ]
    );
    let user = org
        .user_of_contact(org.find_contact("Priya Shah").unwrap())
        .unwrap();
    assert_eq!(
        org.user_role(user).as_deref(),
        Some("Acme Reseller Partner User")
    );
}

#[test]
fn customer_plus_users_get_customer_roles_and_customer_community_users_none() {
    let org = check(
        BASE,
        "add licenses \"Customer Community Plus\" 1\nenable customer user \"Gus Grey\" profile \"Customer Community Plus User\"\nenable customer user \"Ravi Kumar\" profile \"Customer Community User\" email ravi@example.com",
        &["ok", "ok", "ok"],
    );
    let globex = org.find_account("Globex").unwrap();
    assert_eq!(org.account_roles(globex), ["Globex Customer User"]);
    let ravi = org.find_account("Ravi Kumar").unwrap();
    assert!(org.account_roles(ravi).is_empty());
    let user = org
        .user_of_contact(org.find_contact("Ravi Kumar").unwrap())
        .unwrap();
    assert_eq!(org.user_role(user), None);
}

#[test]
fn deactivate_keeps_the_link_and_disable_breaks_it_for_good() {
    check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\ndeactivate user \"Priya Shah\"\n{PARTNER_PRIYA}\nactivate user \"Priya Shah\"\ndisable user \"Priya Shah\"\nactivate user \"Priya Shah\"\n{PARTNER_PRIYA}\nlogin \"Priya Shah\" site \"Partner Hub\""
        ),
        &[
            "ok",
            "ok",
            "USER_EXISTS_FOR_CONTACT",
            "ok",
            "ok",
            "NO_EXTERNAL_USER",
            "ok",
            "ok",
        ],
    );
}

#[test]
fn repeating_a_command_whose_effect_holds_changes_nothing() {
    let mut org = check(
        BASE,
        "enable partner account \"Acme Reseller\"\nadd member \"Acme Partner\" to site \"Partner Hub\"\nactivate site \"Partner Hub\"",
        &["ok"; 3],
    );
    let before = org.clone();
    for line in [
        "enable digital experiences",
        "enable partner account \"Acme Reseller\"",
        "add member \"acme partner\" to site \"Partner Hub\"",
        "activate site \"Partner Hub\"",
    ] {
        assert!(org.run_line(line).iter().all(Outcome::is_ok));
        assert_eq!(org, before, "`{line}` changed the org");
    }
}

#[test]
fn a_failed_command_changes_nothing() {
    let mut org = org(BASE);
    let before = org.clone();
    for line in [
        "enable partner user \"Nora North\" profile \"Acme Partner\"",
        "create site X template Nope",
        "set contact \"Ravi Kumar\" account Globex",
        "disable digital experiences",
    ] {
        assert!(!org.run_line(line)[0].is_ok());
        assert_eq!(org, before);
    }
}

#[test]
fn names_match_ignoring_case_and_print_as_defined() {
    let mut org = org(BASE);
    let outcomes = org.run_line("enable PARTNER user \"priya shah\" profile \"ACME PARTNER\"");
    let reply = outcomes[0].result.as_ref().unwrap();
    assert!(reply.message.contains("`Priya Shah`"), "{}", reply.message);
}

#[test]
fn not_found_suggests_a_close_name() {
    let mut org = org(BASE);
    let outcome = &org.run_line("activate site \"Partner Hbu\"")[0];
    let failure = outcome.result.as_ref().unwrap_err();
    assert_eq!(
        failure.message,
        "no site named `Partner Hbu`; did you mean `Partner Hub`?"
    );
}

#[test]
fn two_commands_on_a_line_are_two_outcomes() {
    let mut org = org(BASE);
    let outcomes = org.run_script("# setup\n\nshow licenses; login Ghost site X\n");
    let lines: Vec<(usize, &str)> = outcomes
        .iter()
        .map(|step| (step.line, step.outcome.command_text.as_str()))
        .collect();
    assert_eq!(lines, [(3, "show licenses"), (3, "login Ghost site X")]);
}

/// The blockers `check` lists, as (code, fix) pairs.
#[track_caller]
fn blockers(org: &Org, command: &str) -> Vec<(String, Option<String>)> {
    let mut scratch = org.clone();
    let outcomes = scratch.run_line(command);
    let reply = outcomes[0]
        .result
        .as_ref()
        .unwrap_or_else(|failure| panic!("{failure}"));
    reply
        .blockers
        .as_ref()
        .expect("check gives blockers")
        .iter()
        .map(|blocker| (blocker.code.as_str().to_string(), blocker.fix.clone()))
        .collect()
}

fn pair(code: &str, fix: Option<&str>) -> (String, Option<String>) {
    (code.to_string(), fix.map(str::to_string))
}

#[test]
fn check_lists_every_blocker_with_its_fix_in_order() {
    let org = org(r#"
[[internal_user]]
name = "Rolf"
[[account]]
name = "Plain"
owner = "Rolf"
[[contact]]
name = "Cara Lee"
account = "Plain"
"#);
    assert_eq!(
        blockers(&org, "check \"cara lee\" as partner site \"New Hub\""),
        [
            pair("DX_NOT_ENABLED", Some("enable digital experiences")),
            pair(
                "NOT_FOUND",
                Some("create site \"New Hub\" template \"Partner Central\"")
            ),
            pair("SITE_NOT_ACTIVE", Some("activate site \"New Hub\"")),
            pair(
                "NOT_SITE_MEMBER",
                Some("add member \"Partner Community User\" to site \"New Hub\"")
            ),
            pair(
                "ACCOUNT_NOT_PARTNER",
                Some("enable partner account \"Plain\"")
            ),
            pair(
                "OWNER_NO_ROLE",
                Some("assign role \"Sales Manager\" to \"Rolf\"")
            ),
            pair("NO_LICENSE", Some("add licenses \"Partner Community\" 1")),
            pair(
                "EMAIL_REQUIRED",
                Some("set contact \"Cara Lee\" email \"cara.lee@example.com\"")
            ),
            pair(
                "STANDARD_PROFILE_BLOCKED",
                Some("set standard external profiles on")
            ),
            pair(
                "NO_EXTERNAL_USER",
                Some("enable partner user \"Cara Lee\" profile \"Partner Community User\"")
            ),
        ]
    );
    let mut fixed = org.clone();
    for (_, fix) in blockers(&org, "check \"cara lee\" as partner site \"New Hub\"") {
        assert!(fixed.run_line(&fix.unwrap()).iter().all(Outcome::is_ok));
    }
    assert!(fixed.run_line("login \"Cara Lee\" site \"New Hub\"")[0].is_ok());
    assert!(blockers(&fixed, "check \"Cara Lee\" as partner site \"New Hub\"").is_empty());
}

#[test]
fn check_gives_null_fixes_where_no_command_helps() {
    let org = org(BASE);
    assert_eq!(
        blockers(&org, "check Loner as customer site \"Partner Hub\"")[0],
        pair("CONTACT_NO_ACCOUNT", None)
    );
    let ravi = blockers(&org, "check \"Ravi Kumar\" as partner site \"Partner Hub\"");
    assert_eq!(
        ravi[0],
        pair(
            "NOT_SITE_MEMBER",
            Some("add member \"Partner Community User\" to site \"Partner Hub\"")
        )
    );
    assert_eq!(ravi[1], pair("PERSON_ACCOUNT_NOT_PARTNER", None));
}

#[test]
fn check_reasons_about_the_contacts_own_user() {
    let org = check(
        BASE,
        &format!(
            "{PARTNER_PRIYA}\ndeactivate user \"Priya Shah\"\nset standard external profiles off"
        ),
        &["ok"; 3],
    );
    // Same kind: keep the user (custom profile, so the setting is no blocker) and activate it.
    assert_eq!(
        blockers(&org, "check \"Priya Shah\" as partner site \"Partner Hub\""),
        [pair("USER_INACTIVE", Some("activate user \"Priya Shah\""))]
    );
    // The other kind: disable it and enable a customer user.
    assert_eq!(
        blockers(
            &org,
            "check \"Priya Shah\" as customer site \"Partner Hub\""
        ),
        [
            pair(
                "USER_EXISTS_FOR_CONTACT",
                Some("disable user \"Priya Shah\"")
            ),
            pair(
                "STANDARD_PROFILE_BLOCKED",
                Some("set standard external profiles on")
            ),
            pair(
                "NO_EXTERNAL_USER",
                Some("enable customer user \"Priya Shah\" profile \"Customer Community User\"")
            ),
        ]
    );
}

#[test]
fn check_fails_only_for_a_missing_contact() {
    check(
        BASE,
        "check Ghost as partner site Nowhere\ncheck \"Priya Shah\" as partner site Nowhere",
        &["NOT_FOUND", "ok"],
    );
}

#[test]
fn goals_hold_only_when_reached() {
    let mut org = org(BASE);
    let login = Goal::Login {
        contact: "Priya Shah".into(),
        kind: UserKind::Partner,
        site: "Partner Hub".into(),
    };
    let active = Goal::ActiveUser {
        contact: "Priya Shah".into(),
        license: License::PartnerCommunity,
    };
    assert!(!login.holds(&org) && !active.holds(&org));
    assert_eq!(active.blockers(&org).unwrap().len(), 1);
    org.run_line(PARTNER_PRIYA);
    assert!(login.holds(&org) && active.holds(&org));
    let as_customer = Goal::Login {
        contact: "Priya Shah".into(),
        kind: UserKind::Customer,
        site: "Partner Hub".into(),
    };
    assert!(
        !as_customer.holds(&org),
        "a partner user does not reach a customer goal"
    );
}

#[test]
fn show_draws_accounts_contacts_and_users_as_a_tree() {
    let mut org = org(BASE);
    org.run_line(PARTNER_PRIYA);
    let listing = org.show(Listing::Accounts);
    assert!(listing.contains("  Acme Reseller (partner account, owner Dana Owner)\n  ├─ Priya Shah <priya@acme.example>\n  │  └─ user: Acme Partner, active, role Acme Reseller Partner User\n  └─ No Mail (no email)"), "{listing}");
    assert!(
        listing.contains("private contacts (no account)\n  Loner <loner@example.com>"),
        "{listing}"
    );
    let everything = org.show(Listing::Org);
    assert!(
        everything.starts_with("settings\n  digital experiences: on"),
        "{everything}"
    );
    assert!(
        everything.contains("Partner Community: 1 of 1 seats in use"),
        "{everything}"
    );
}

#[test]
fn a_role_held_by_several_users_is_shown_once() {
    let mut org = org(BASE);
    org.run_line("create internal user \"Boss\" role \"CEO\"");
    org.run_line("create internal user \"Deputy\" role \"CEO\"");
    let everything = org.show(Listing::Org);
    assert_eq!(
        everything
            .lines()
            .filter(|line| line.trim_start().starts_with("CEO (held by"))
            .collect::<Vec<_>>(),
        ["  CEO (held by Boss, Deputy)"],
        "{everything}"
    );
}
