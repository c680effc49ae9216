//! One test per validation rule, each through [`check`]: a bank's TOML in, the
//! exact `path:line:col: message` of every problem out.

use std::sync::Arc;

use super::check as check_content;
use super::load::{ContentFile, ContentFiles};
use crate::diagnostic::Severity;
use crate::model::Kind;

const FACTS: &str = r#"format_version = 1

[[fact]]
id = "chain.contact"
statement = "A user comes from a contact."
source = "seed: Quick interview answer"

[[fact]]
id = "chain.account"
statement = "The contact is linked to an account."
source = "D5.1"
confidence = "H"
"#;

/// A valid question to build broken ones from.
const GOOD: &str = r#"format_version = 1

[[question]]
id = "setup.first"
kind = "choice"
topic = "setup"
prompt = "What comes first?"
choices = ["Enable Digital Experiences", "Create a contact"]
correct = [1]
explanation = "Digital Experiences comes first."
facts = ["chain.contact"]
"#;

/// Loads `bank` (as `bank.toml`) with the facts above and compares every
/// problem, rendered `path:line:col: severity: message`, with `expected`.
#[track_caller]
fn check(bank: &str, expected: &[&str]) {
    let loaded = check_content(&ContentFiles::from_texts(&[
        ("bank.toml", bank),
        ("facts.toml", FACTS),
    ]));
    let actual: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let severity = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "{}: {severity}: {}",
                diagnostic.location(),
                diagnostic.message
            )
        })
        .collect();
    assert_eq!(actual, expected, "\nbank:\n{bank}");
}

fn replace(old: &str, new: &str) -> String {
    assert!(GOOD.contains(old), "GOOD has no `{old}`");
    GOOD.replacen(old, new, 1)
}

#[test]
fn a_valid_bank_has_no_problems() {
    check(GOOD, &[]);
    let loaded = check_content(&ContentFiles::from_texts(&[
        ("bank.toml", GOOD),
        ("facts.toml", FACTS),
    ]));
    let question = loaded.catalog.question("setup.first").unwrap();
    assert_eq!(question.origin.to_string(), "bank.toml:3:1");
    let Kind::Choice(choice) = &question.kind else {
        panic!("not a choice")
    };
    assert_eq!(choice.correct, vec![0]);
    assert!(!choice.multiple);
}

#[test]
fn toml_syntax_errors_point_at_the_fault() {
    check(
        "format_version = 1\n[[question]\n",
        &["bank.toml:2:12: error: unclosed array table, expected `]`"],
    );
}

#[test]
fn unknown_keys_are_named_with_a_suggestion() {
    check(
        &replace("prompt =", "promt ="),
        &["bank.toml:7:1: error: unknown field `promt`"],
    );
    let loaded = check_content(&ContentFiles::from_texts(&[(
        "bank.toml",
        &replace("prompt =", "promt ="),
    )]));
    let hint = loaded.diagnostics[0].hint.clone().unwrap();
    assert_eq!(hint, "did you mean `prompt`?");
}

#[test]
fn unknown_top_level_keys_are_errors() {
    check(
        &format!("{GOOD}\n[[questions]]\nid = \"x.y\"\n"),
        &["bank.toml:13:3: error: unknown top-level key `questions`"],
    );
}

#[test]
fn wrong_types_are_errors() {
    check(
        &replace("correct = [1]", "correct = \"a\""),
        &["bank.toml:9:11: error: wrong type: the string \"a\" where a list (`[...]`) is expected"],
    );
}

#[test]
fn missing_fields_point_at_the_question() {
    check(
        &replace("explanation = \"Digital Experiences comes first.\"\n", ""),
        &["bank.toml:3:1: error: question is missing `explanation`"],
    );
}

#[test]
fn missing_format_version_is_an_error() {
    check(
        &GOOD.replace("format_version = 1\n", ""),
        &["bank.toml:1:1: error: missing `format_version`"],
    );
    check(
        &GOOD.replace("format_version = 1", "format_version = 2"),
        &["bank.toml:1:18: error: unsupported `format_version`"],
    );
}

#[test]
fn duplicate_question_ids_point_at_both_places() {
    let second = GOOD.replace("format_version = 1\n", "");
    let loaded = check_content(&ContentFiles::from_texts(&[
        ("a.toml", GOOD),
        ("b.toml", &format!("format_version = 1\n{second}")),
        ("facts.toml", FACTS),
    ]));
    let errors: Vec<_> = loaded.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].location(), "b.toml:4:6");
    assert_eq!(errors[0].message, "duplicate question id `setup.first`");
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("first defined at a.toml:4:6")
    );
    assert_eq!(loaded.catalog.questions().len(), 1);
}

#[test]
fn duplicate_fact_ids_are_errors() {
    let loaded = check_content(&ContentFiles::from_texts(&[
        ("facts.toml", FACTS),
        ("more.toml", FACTS),
    ]));
    let messages: Vec<_> = loaded
        .errors()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "more.toml:4:6: duplicate fact id `chain.contact`",
            "more.toml:9:6: duplicate fact id `chain.account`"
        ]
    );
}

#[test]
fn unknown_fact_ids_are_errors() {
    check(
        &replace(
            "facts = [\"chain.contact\"]",
            "facts = [\"chain.contacts\"]",
        ),
        &["bank.toml:11:10: error: unknown fact id `chain.contacts`"],
    );
}

#[test]
fn a_choice_answer_out_of_range_is_an_error() {
    check(
        &replace("correct = [1]", "correct = [3]"),
        &["bank.toml:9:12: error: `correct` names choice 3, but there are 2 choices"],
    );
}

#[test]
fn a_choice_question_needs_a_right_answer() {
    check(
        &replace("correct = [1]", "correct = []"),
        &["bank.toml:9:11: error: choice question has no right answer: `correct` is empty"],
    );
    check(
        &replace("correct = [1]\n", ""),
        &["bank.toml:3:1: error: choice question has no right answer: `correct` is missing"],
    );
}

#[test]
fn a_choice_question_needs_two_choices() {
    check(
        &replace(
            "[\"Enable Digital Experiences\", \"Create a contact\"]",
            "[\"Enable Digital Experiences\"]",
        ),
        &["bank.toml:8:11: error: `choices` has 1 entries; at least 2 are needed"],
    );
}

#[test]
fn duplicate_items_are_errors() {
    check(
        &replace("\"Create a contact\"", "\"enable digital experiences \""),
        &["bank.toml:8:42: error: duplicate entry `enable digital experiences ` in `choices`"],
    );
}

#[test]
fn an_order_question_needs_two_items() {
    let bank = replace("kind = \"choice\"", "kind = \"order\"").replace(
        "choices = [\"Enable Digital Experiences\", \"Create a contact\"]\ncorrect = [1]",
        "items = [\"only one\"]",
    );
    check(
        &bank,
        &["bank.toml:8:9: error: `items` has 1 entries; at least 2 are needed"],
    );
}

#[test]
fn a_recall_question_needs_concepts_with_phrases() {
    let recall = replace("kind = \"choice\"", "kind = \"recall\"").replace(
        "choices = [\"Enable Digital Experiences\", \"Create a contact\"]\ncorrect = [1]",
        "model_answer = \"From a contact.\"",
    );
    check(
        &recall,
        &["bank.toml:3:1: error: recall question has no concepts"],
    );
    let no_phrases = format!("{recall}\n[[question.concept]]\nname = \"contact\"\n");
    check(
        &no_phrases,
        &["bank.toml:12:1: error: concept has no phrases"],
    );
    let good =
        format!("{recall}\n[[question.concept]]\nname = \"contact\"\nphrases = [\"contact\"]\n");
    check(&good, &[]);
}

#[test]
fn empty_prompts_are_errors() {
    check(
        &replace("\"What comes first?\"", "\"  \""),
        &["bank.toml:7:10: error: `prompt` is empty"],
    );
}

#[test]
fn fields_of_another_kind_are_errors() {
    check(
        &replace("correct = [1]", "correct = [1]\nitems = [\"a\", \"b\"]"),
        &["bank.toml:10:9: error: `items` does not apply to a `choice` question"],
    );
}

#[test]
fn unknown_kinds_get_a_suggestion() {
    check(
        &replace("\"choice\"", "\"chioce\""),
        &["bank.toml:5:8: error: unknown kind `chioce`"],
    );
}

#[test]
fn invalid_ids_topics_and_pass_marks_are_errors() {
    check(
        &replace("\"setup.first\"", "\"Setup First\""),
        &["bank.toml:4:6: error: `Setup First` is not a valid id"],
    );
    check(
        &replace("topic = \"setup\"", "topic = \"Set up\""),
        &["bank.toml:6:9: error: `Set up` is not a valid topic"],
    );
    check(
        &replace("facts =", "pass = 1.5\nfacts ="),
        &["bank.toml:11:8: error: pass mark 1.5 is outside 0 to 1"],
    );
}

#[test]
fn fact_sources_and_confidences_are_checked() {
    let bad = FACTS.replace("source = \"D5.1\"", "source = \"DOMAIN\"");
    let loaded = check_content(&ContentFiles::from_texts(&[("facts.toml", &bad)]));
    let messages: Vec<_> = loaded
        .errors()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(messages, ["facts.toml:11:10: `DOMAIN` is not a source"]);
    let unrated = FACTS.replace("confidence = \"H\"\n", "");
    let loaded = check_content(&ContentFiles::from_texts(&[("facts.toml", &unrated)]));
    let warnings: Vec<_> = loaded.warnings().map(|d| d.message.clone()).collect();
    assert_eq!(
        warnings,
        ["fact `chain.account` cites a source row but has no `confidence`"]
    );
}

#[test]
fn suspicious_but_legal_content_gets_warnings() {
    check(
        &replace(
            "facts = [\"chain.contact\"]",
            "facts = [\"chain.contact\", \"chain.contact\"]",
        ),
        &["bank.toml:11:27: warning: fact `chain.contact` is cited twice"],
    );
    check(
        &replace("correct = [1]", "correct = [1, 2]"),
        &["bank.toml:9:11: warning: every choice is marked right"],
    );
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let two_bad = format!(
        "{}\n{}",
        replace("correct = [1]", "correct = [9]"),
        GOOD.replace("format_version = 1\n", "")
            .replace("setup.first", "setup.second")
            .replace("prompt =", "promt =")
    );
    let loaded = check_content(&ContentFiles::from_texts(&[
        ("bank.toml", &two_bad),
        ("other.toml", "format_version = 1\n[[question]]\nid = 3\n"),
        ("facts.toml", FACTS),
    ]));
    let locations: Vec<String> = loaded.errors().map(|d| d.location()).collect();
    assert_eq!(
        locations,
        ["bank.toml:9:12", "bank.toml:18:1", "other.toml:3:6"]
    );
}

#[test]
fn binary_empty_and_nul_files_are_named() {
    check("", &["bank.toml: error: bank file is empty"]);
    check(
        "format_version = 1\n\0\0",
        &[
            "bank.toml:2:1: error: bank file contains a NUL byte; it looks like a binary file, not TOML",
        ],
    );
}

#[test]
fn oversized_strings_and_deep_nesting_are_refused() {
    let long = "x".repeat(super::limits::MAX_STRING_BYTES + 1);
    check(
        &replace("\"What comes first?\"", &format!("\"{long}\"")),
        &["bank.toml:7:10: error: string of 16385 bytes, over the limit of 16384 (16 KiB)"],
    );
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    check(
        &replace("facts =", &format!("tags = {deep}\nfacts =")),
        &["bank.toml:11:24: error: value nested more than 16 levels deep"],
    );
}

/// An org where Priya needs her account owner's role and her user to log in to Help.
pub(crate) const SCENARIO_ORG: &str = r#"
[question.goal]
contact = "Priya"
as = "customer"
site = "Help"

[question.org]
settings = { digital_experiences = true, standard_external_profiles = true }

[[question.org.license]]
name = "Customer Community"
seats = 5

[[question.org.site]]
name = "Help"
template = "Help Center"
status = "active"
members = ["Customer Community User"]

[[question.org.internal_user]]
name = "Dana"

[[question.org.account]]
name = "Acme"
owner = "Dana"

[[question.org.contact]]
name = "Priya"
account = "Acme"
email = "priya@acme.example""#;

/// A valid scenario on an inline org: Priya needs her owner's role and her user.
fn scenario() -> String {
    format!(
        r#"format_version = 1

[[question]]
id = "scenarios.one"
kind = "scenario"
topic = "scenarios"
prompt = "Get Priya in."
solution = "assign role Boss to Dana; enable customer user Priya profile \"Customer Community User\""
wrong = ["enable customer user Priya profile \"Customer Community User\""]
explanation = "The owner needs a role."
facts = ["chain.contact"]
{SCENARIO_ORG}
"#
    )
}

fn scenario_with(old: &str, new: &str) -> String {
    let scenario = scenario();
    assert!(scenario.contains(old), "the scenario has no `{old}`");
    scenario.replacen(old, new, 1)
}

#[test]
fn a_sound_scenario_and_diagnose_load() {
    check(&scenario(), &[]);
    let diagnose = scenario_with("kind = \"scenario\"", "kind = \"diagnose\"")
        .replace("solution = \"assign role Boss to Dana; enable customer user Priya profile \\\"Customer Community User\\\"\"\n", "")
        .replace("wrong = [\"enable customer user Priya profile \\\"Customer Community User\\\"\"]\n", "");
    check(&diagnose, &[]);
}

#[test]
fn a_reference_solution_that_misses_the_goal_is_an_error() {
    check(
        &scenario_with("assign role Boss to Dana; ", ""),
        &[
            "bank.toml:8:12: error: the reference solution does not reach the goal: `enable customer user Priya profile \"Customer Community User\"` fails with OWNER_NO_ROLE: `Dana`, owner of account `Acme`, has no role (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to \"Dana\"`)",
        ],
    );
    check(
        &scenario_with(
            "; enable customer user Priya profile \\\"Customer Community User\\\"\"",
            "\"",
        ),
        &[
            "bank.toml:8:12: error: the reference solution does not reach the goal: still blocked by NO_EXTERNAL_USER",
        ],
    );
}

#[test]
fn a_wrong_solution_that_reaches_the_goal_is_an_error() {
    check(
        &scenario_with(
            "wrong = [\"enable",
            "wrong = [\"assign role Boss to Dana; bogus; enable",
        ),
        &["bank.toml:9:10: error: this wrong solution reaches the goal"],
    );
}

#[test]
fn a_diagnose_question_with_nothing_blocking_is_an_error() {
    let solved = scenario_with("kind = \"scenario\"", "kind = \"diagnose\"")
        .replace("solution = \"assign role Boss to Dana; enable customer user Priya profile \\\"Customer Community User\\\"\"\n", "")
        .replace("wrong = [\"enable customer user Priya profile \\\"Customer Community User\\\"\"]\n", "")
        .replace("name = \"Dana\"\n", "name = \"Dana\"\nrole = \"Boss\"\n")
        + "\n[[question.org.external_user]]\ncontact = \"Priya\"\nprofile = \"Customer Community User\"\n";
    check(
        &solved,
        &[
            "bank.toml:11:1: error: nothing blocks the goal: `Priya` can log in to `Help` as a customer user, so the question has no answer",
        ],
    );
}

#[test]
fn inline_org_problems_point_into_the_bank() {
    check(
        &scenario_with("template = \"Help Center\"", "template = \"Help Centre\"")
            .replace("owner = \"Dana\"", "owner = \"Danna\""),
        &[
            "bank.toml:27:12: error: unknown site template `Help Centre`",
            "bank.toml:36:9: error: unknown internal user `Danna`",
            "bank.toml:40:11: error: unknown account `Acme`",
        ],
    );
    check(
        &scenario_with("seats = 5", "seets = 5"),
        &["bank.toml:23:1: error: unknown field `seets`"],
    );
}

#[test]
fn goals_and_org_files_are_checked() {
    check(
        &scenario_with("contact = \"Priya\"\nas", "contact = \"Nobody\"\nas"),
        &["bank.toml:13:1: error: goal names a contact the org lacks: no contact named `Nobody`"],
    );
    check(
        &scenario_with("as = \"customer\"", "as = \"reseller\""),
        &["bank.toml:15:6: error: unknown user kind `reseller`"],
    );
    let from_file = "format_version = 1\n\n[[question]]\nid = \"scenarios.file\"\nkind = \"diagnose\"\ntopic = \"scenarios\"\nprompt = \"What blocks?\"\nexplanation = \"Things.\"\nfacts = [\"chain.contact\"]\norg = \"orgs/missing.toml\"\n\n[question.goal]\ncontact = \"Priya\"\nlicense = \"Customer Community\"\n";
    check(
        from_file,
        &["bank.toml:10:7: error: no org file `orgs/missing.toml` in this content folder"],
    );
}

#[test]
fn org_files_are_read_once_and_their_errors_located_in_them() {
    let bank = "format_version = 1\n\n[[question]]\nid = \"scenarios.file\"\nkind = \"diagnose\"\ntopic = \"scenarios\"\nprompt = \"What blocks?\"\nexplanation = \"Things.\"\nfacts = [\"chain.contact\"]\norg = \"orgs/acme.toml\"\n\n[question.goal]\ncontact = \"Priya\"\nlicense = \"Customer Community\"\n";
    let org_file = |text: &str| ContentFile {
        path: Arc::from("orgs/acme.toml"),
        root: 0,
        relative: "orgs/acme.toml".to_string(),
        text: Arc::new(text.to_string()),
    };
    let mut content = ContentFiles::from_texts(&[("bank.toml", bank), ("facts.toml", FACTS)]);
    content.orgs.push(org_file(
        "[[internal_user]]\nname = \"Dana\"\n[[account]]\nname = \"Acme\"\nowner = \"Dana\"\n[[contact]]\nname = \"Priya\"\naccount = \"Acme\"\n",
    ));
    let loaded = check_content(&content);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    assert!(matches!(
        loaded.catalog.questions()[0].kind,
        Kind::Diagnose(_)
    ));
    content.orgs[0] = org_file("[[account]]\nname = \"Acme\"\nowner = \"Nobody\"\n");
    let problems: Vec<String> = check_content(&content)
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{}: {}", diagnostic.location(), diagnostic.message))
        .collect();
    assert_eq!(
        problems,
        [
            "bank.toml:10:7: org file `orgs/acme.toml` has errors",
            "orgs/acme.toml:3:9: unknown internal user `Nobody`",
        ]
    );
}

#[test]
fn the_generated_prefix_is_reserved_for_generated_questions() {
    check(
        &replace("\"setup.first\"", "\"generated.first\""),
        &["bank.toml:4:6: error: `generated.first` uses a reserved prefix"],
    );
}

#[test]
fn more_than_26_choices_cannot_be_lettered() {
    let choices: Vec<String> = (1..=27).map(|n| format!("\"option {n}\"")).collect();
    check(
        &replace(
            "[\"Enable Digital Experiences\", \"Create a contact\"]",
            &format!("[{}]", choices.join(", ")),
        ),
        &["bank.toml:8:11: error: `choices` has 27 entries; at most 26 can be lettered"],
    );
}

/// A recall question to give lexicon fields to.
const RECALL_BANK: &str = r#"
[[question]]
id = "life.diff"
kind = "recall"
topic = "lifecycle"
prompt = "Deactivate or disable?"
explanation = "Because."
facts = ["chain.contact"]
model_answer = "Deactivating keeps the link."

[[question.concept]]
name = "deactivating keeps the link"
subject = "deactivate"
phrases = ["keeps the link"]
together = ["link kept"]
"#;

#[test]
fn a_lexicon_declares_synonyms_and_confusable_terms() {
    check(
        &format!(
            "format_version = 1\nsynonyms = [[\"organization\", \"organisation\"]]\nconfusable = [[\"deactivate\", \"disable\"]]\n{RECALL_BANK}"
        ),
        &[],
    );
}

#[test]
fn a_subject_must_be_a_confusable_term_of_the_bank() {
    check(
        &format!(
            "format_version = 1\nconfusable = [[\"deactivated\", \"disable\"]]\n{RECALL_BANK}"
        ),
        &["bank.toml:15:11: error: `deactivate` is not a term of the bank's `confusable` groups"],
    );
    check(
        &format!("format_version = 1\n{RECALL_BANK}"),
        &["bank.toml:14:11: error: `deactivate` is not a term of the bank's `confusable` groups"],
    );
}

#[test]
fn lexicon_groups_are_checked_entry_by_entry() {
    check(
        "format_version = 1\nsynonyms = [[\"one\"], [\"two words\", \"three\"], [\"org\", \"Org\"]]\nconfusable = \"deactivate\"\n",
        &[
            "bank.toml:2:13: error: a `synonyms` group needs at least two entries",
            "bank.toml:2:23: error: a synonym is one word",
            "bank.toml:2:54: error: entry already in another group",
            "bank.toml:3:14: error: `confusable` must be a list of lists of strings",
        ],
    );
}

#[test]
fn order_dependencies_name_two_items_in_bank_order() {
    let order = |before: &str| {
        format!(
            "format_version = 1\n\n[[question]]\nid = \"setup.steps\"\nkind = \"order\"\ntopic = \"setup\"\nprompt = \"Order them.\"\nexplanation = \"Because.\"\nfacts = [\"chain.contact\"]\nitems = [\"A\", \"B\", \"C\"]\nbefore = {before}\n"
        )
    };
    check(&order("[[1, 2], [2, 3]]"), &[]);
    check(
        &order("[[1], [0, 2], [3, 1], [2, 4], [2, 2]]"),
        &[
            "bank.toml:11:11: error: a dependency is a pair of item numbers",
            "bank.toml:11:17: error: there is no item 0",
            "bank.toml:11:24: error: a dependency must follow the bank's order",
            "bank.toml:11:36: error: there is no item 4",
            "bank.toml:11:40: error: an item can't depend on itself",
        ],
    );
    check(
        &GOOD.replace("correct = [1]", "correct = [1]\nbefore = [[1, 2]]"),
        &["bank.toml:10:10: error: `before` does not apply to a `choice` question"],
    );
}

#[test]
fn a_right_choice_much_longer_than_every_wrong_one_is_a_warning() {
    check(
        &replace(
            "\"Enable Digital Experiences\"",
            "\"Enable Digital Experiences in Setup, then save the settings page\"",
        ),
        &[
            "bank.toml:9:11: warning: the right choice stands out by length: 64 characters, the longest wrong one 16",
        ],
    );
}

#[test]
fn a_right_choice_close_in_length_or_one_of_several_is_no_warning() {
    // 26 characters against 16 is 1.6 times, but only 10 more: short labels stay quiet.
    check(GOOD, &[]);
    // 80 characters against 68 is 12 more, but under 1.25 times.
    check(
        &replace(
            "[\"Enable Digital Experiences\", \"Create a contact\"]",
            "[\"Enable Digital Experiences under Setup, Digital Experiences, Settings, then Save\", \
             \"Create a contact linked to an account, then enable its customer user\"]",
        ),
        &[],
    );
    // Select-all-that-apply questions are not judged by length.
    check(
        &replace(
            "[\"Enable Digital Experiences\", \"Create a contact\"]",
            "[\"Enable Digital Experiences in Setup, then save the settings page\", \"Create a contact\", \"Buy seats\"]",
        )
        .replace("correct = [1]", "correct = [1, 2]"),
        &[],
    );
}

#[test]
fn avoided_ways_of_a_scenario_are_checked() {
    let with = |avoid: &str| format!("{}\n[[question.avoid]]\n{avoid}\n", scenario());
    check(
        &with("command = \"disable user\"\nscore = 0.4\nwhy = \"Reactivate instead.\""),
        &[],
    );
    check(
        &with("command = \"Assign  Role\"\nscore = 0.4\nwhy = \"x\""),
        &["bank.toml:8:12: error: the reference solution takes a way it avoids: `assign role`"],
    );
    check(
        &with("command = \"disable user\"\nscore = 1.5\nwhy = \"x\""),
        &["bank.toml:45:9: error: an avoided way's `score` must be from 0 to below 1"],
    );
    check(
        &with("command = \"disable user\"\nscore = 0.4"),
        &["bank.toml:43:1: error: an `[[question.avoid]]` needs `command`, `score` and `why`"],
    );
}

/// The required-field lists that the JSON Schema is built from
/// (`schema::QUESTION_REQUIRED`, `kind_required`, `FACT_REQUIRED`) are the
/// validator's: taking any one of them out of the starter bank's clean
/// questions is an error, and taking out any other key is not.
#[test]
fn the_schemas_required_fields_are_the_validators() {
    use super::schema::{FACT_REQUIRED, QUESTION_REQUIRED, kind_fields, kind_required};

    let starter: toml::Table = toml::from_str(include_str!("../command/starter_bank.toml"))
        .expect("the starter bank parses");
    let n_errors = |bank: &toml::Table| {
        let text = toml::to_string(bank).expect("a table serializes");
        check_content(&ContentFiles::from_texts(&[("bank.toml", &text)]))
            .errors()
            .count()
    };
    assert_eq!(n_errors(&starter), 0);
    let mut kinds_seen = Vec::new();
    for (table, required_of) in [("question", true), ("fact", false)] {
        let n_entries = starter[table].as_array().expect("an array of tables").len();
        for entry_idx in 0..n_entries {
            let entry = starter[table][entry_idx].as_table().expect("a table");
            let kind = entry
                .get("kind")
                .and_then(|kind| kind.as_str())
                .unwrap_or("");
            let required: Vec<&str> = if required_of {
                kinds_seen.push(kind.to_string());
                QUESTION_REQUIRED
                    .iter()
                    .chain(kind_required(kind))
                    .copied()
                    .collect()
            } else {
                FACT_REQUIRED.to_vec()
            };
            for field in kind_required(kind) {
                assert!(kind_fields(kind).contains(field), "{kind}: `{field}`");
                assert!(
                    entry.contains_key(*field),
                    "the starter's {kind} has no `{field}`"
                );
            }
            for key in entry.keys() {
                let mut bank = starter.clone();
                let entries = bank[table].as_array_mut().expect("an array of tables");
                let entry = entries[entry_idx].as_table_mut().expect("a table");
                entry.remove(key);
                let is_error = n_errors(&bank) > 0;
                assert_eq!(
                    is_error,
                    required.contains(&key.as_str()),
                    "{table} {entry_idx} ({kind}) without `{key}`"
                );
            }
        }
    }
    assert_eq!(kinds_seen, crate::bank::schema::KIND_NAMES);
}
