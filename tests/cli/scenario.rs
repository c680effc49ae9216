//! Scenario and diagnose questions from the command line: `grade` in both
//! output forms, a piped quiz answering both kinds, `quiz --generated`, and
//! `lint` running reference and wrong solutions.

use crate::harness::{Run, Workspace};

const NOW: &str = "2026-11-27T09:00:00Z";

const FACTS: &str = r#"format_version = 1

[[fact]]
id = "chain.owner-role"
statement = "The account owner must hold a role."
source = "D6.3"
confidence = "H"
"#;

/// An older org whose admin allowed standard external profiles.
const ORG: &str = r#"[settings]
digital_experiences = true
standard_external_profiles = true

[[license]]
name = "Customer Community"
seats = 5

[[site]]
name = "Help"
template = "Help Center"
status = "active"
members = ["Customer Community User"]

[[internal_user]]
name = "Dana"

[[account]]
name = "Acme"
owner = "Dana"

[[contact]]
name = "Priya"
account = "Acme"
email = "priya@acme.example"
"#;

const BANK: &str = r#"format_version = 1

[[question]]
id = "drill.fix"
kind = "scenario"
topic = "fix"
prompt = "Get Priya logging in to Help."
org = "orgs/acme.toml"
solution = "assign role Boss to Dana; enable customer user Priya profile \"Customer Community User\""
wrong = ["enable customer user Priya profile \"Customer Community User\""]
explanation = "The owner needs a role first."
facts = ["chain.owner-role"]

[question.goal]
contact = "Priya"
as = "customer"
site = "Help"

[[question]]
id = "drill.why"
kind = "diagnose"
topic = "why"
prompt = "What blocks Priya?"
org = "orgs/acme.toml"
explanation = "The owner has no role and Priya has no user."
facts = ["chain.owner-role"]

[question.goal]
contact = "Priya"
as = "customer"
site = "Help"
"#;

fn workspace() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("bank/facts.toml", FACTS);
    workspace.write("bank/drill.toml", BANK);
    workspace.write("bank/orgs/acme.toml", ORG);
    workspace
}

fn run(workspace: &Workspace, args: &[&str], stdin: &str) -> Run {
    workspace.run_with(args, stdin, &[("XCDRILL_NOW", NOW), ("USER", "tester")])
}

#[test]
fn grade_runs_a_scenario_answer_on_the_org() {
    let workspace = workspace();
    let right =
        "assign role Boss to Dana; enable customer user Priya profile \"Customer Community User\"";
    let run = workspace.run(&["--content", "bank", "grade", "drill.fix", "--answer", right]);
    run.succeeds().stdout_is(
        "drill.fix (scenario): 100% passed\ngoal reached: `Priya` can log in to `Help` as a customer user\n",
    );
    let run = workspace.run(&[
        "--content",
        "bank",
        "grade",
        "drill.fix",
        "--answer",
        "enable customer user Priya profile \"Customer Community User\"",
        "--json",
    ]);
    let json = run.fails_with(1, "").json();
    assert_eq!(json["id"], "drill.fix");
    assert_eq!(json["kind"], "scenario");
    assert_eq!(json["score"], 0.0);
    assert_eq!(json["passed"], false);
    assert_eq!(
        json["missed"],
        serde_json::json!(["OWNER_NO_ROLE", "NO_EXTERNAL_USER"])
    );
    assert_eq!(
        json["feedback"],
        "goal not reached: `Priya` can log in to `Help` as a customer user\n\
         still blocking: OWNER_NO_ROLE (fix: `assign role \"Sales Manager\" to \"Dana\"`); \
         NO_EXTERNAL_USER (fix: `enable customer user \"Priya\" profile \"Customer Community User\"`)\n\
         1 failed command (−10% each): `enable customer user Priya profile \"Customer Community User\"` \
         fails with OWNER_NO_ROLE: `Dana`, owner of account `Acme`, has no role \
         (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to \"Dana\"`)\n\
         a reference solution: `assign role Boss to Dana; enable customer user Priya profile \"Customer Community User\"`"
    );
}

#[test]
fn grade_scores_a_diagnose_answer_by_f1() {
    let workspace = workspace();
    let run = workspace.run(&["--content", "bank", "grade", "drill.why", "--answer", "i n"]);
    run.succeeds().stdout_is(
        "drill.why (diagnose): 100% passed\n\
         you named OWNER_NO_ROLE, NO_EXTERNAL_USER\n\
         what blocks it: OWNER_NO_ROLE (fix: `assign role \"Sales Manager\" to \"Dana\"`); \
         NO_EXTERNAL_USER (fix: `enable customer user \"Priya\" profile \"Customer Community User\"`)\n",
    );
    let run = workspace.run(&[
        "--content",
        "bank",
        "grade",
        "drill.why",
        "--answer",
        "owner_no_role",
        "--json",
    ]);
    let json = run.fails_with(1, "").json();
    assert_eq!(json["kind"], "diagnose");
    assert_eq!(json["score"], 0.66);
    assert_eq!(json["missed"], serde_json::json!(["NO_EXTERNAL_USER"]));
}

#[test]
fn the_embedded_scenarios_grade_from_the_command_line() {
    let workspace = Workspace::new();
    let run = workspace.run(&[
        "grade",
        "scenarios.person-account-reactivate",
        "--answer",
        "activate user \"Lena Novak\"",
        "--json",
    ]);
    assert_eq!(run.succeeds().json()["score"], 1.0);
    let run = workspace.run(&[
        "grade",
        "scenarios.customer-what-blocks",
        "--answer",
        "k l n",
    ]);
    run.succeeds();
}

#[test]
fn a_piped_quiz_takes_commands_on_one_line_and_codes_or_letters() {
    let run = run(
        &workspace(),
        &["--content", "bank", "quiz", "--seed", "1", "--count", "2"],
        "i, NO_EXTERNAL_USER\nassign role Boss to Dana; enable customer user Priya profile \"Customer Community User\"\n",
    );
    run.succeeds();
    insta::assert_snapshot!("scenario_quiz_seed_1", run.stdout);
}

#[test]
fn generated_questions_follow_the_seed() {
    let workspace = workspace();
    let args = [
        "--content",
        "bank",
        "quiz",
        "--seed",
        "4",
        "--count",
        "1",
        "--generated",
        "2",
        "--json",
    ];
    // The authored question comes first and is skipped; both generated ones are answered.
    let answers = "\nshow\na\n";
    let first = run(&workspace, &args, answers);
    let second = run(&workspace, &args, answers);
    first.succeeds();
    assert_eq!(first.stderr, second.stderr);
    let ids: Vec<String> = first.json()["questions"]
        .as_array()
        .map(|questions| {
            questions
                .iter()
                .map(|question| question["id"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids[1..], ["generated.4-1", "generated.4-2"], "{ids:?}");
    let questions = first.json()["questions"].clone();
    assert_eq!(questions[1]["kind"], "scenario");
    assert_eq!(questions[1]["answer"], "show");
    assert_eq!(questions[2]["kind"], "diagnose");
    assert_eq!(questions[2]["answer"], "a");
    assert!(
        first.stderr.contains("Generated practice"),
        "{}",
        first.stderr
    );
    let other = run(
        &workspace,
        &[
            "--content",
            "bank",
            "quiz",
            "--seed",
            "5",
            "--count",
            "1",
            "--generated",
            "2",
            "--json",
        ],
        "",
    );
    assert_ne!(first.stderr, other.stderr);
    // Generated questions are not recorded in the progress store.
    let stats = workspace.run(&["--content", "bank", "stats", "--json"]);
    assert_eq!(stats.json()["reviews"], 0, "{}", stats.stdout);
}

#[test]
fn lint_runs_reference_and_wrong_solutions() {
    let workspace = workspace();
    let broken = BANK
        .replace("assign role Boss to Dana; enable", "enable")
        .replace(
            "wrong = [\"enable",
            "wrong = [\"assign role Boss to Dana; enable",
        );
    workspace.write("bank/drill.toml", broken);
    workspace
        .run(&["lint", "bank"])
        .fails_with(1, "")
        .stdout_is(&format!(
            "error: the reference solution does not reach the goal: \
             `enable customer user Priya profile \"Customer Community User\"` fails with \
             OWNER_NO_ROLE: `Dana`, owner of account `Acme`, has no role \
             (\"Portal Account Owner has No Role\"); give the owner a role (`assign role ROLE to \"Dana\"`)\n \
             --> bank/drill.toml:9:12\n  |\n\
             9 | solution = \"enable customer user Priya profile \\\"Customer Community User\\\"\"\n  \
             |            {}\n  \
             = hint: fix the solution or the org; `xcdrill sandbox --org` helps try it\n\n\
             error: this wrong solution reaches the goal\n  \
             --> bank/drill.toml:10:10\n   |\n\
             10 | wrong = [\"assign role Boss to Dana; enable customer user Priya profile \\\"Customer Community User\\\"\"]\n   \
             |          {}\n   \
             = hint: a wrong solution must leave the goal unmet; move it to `solution` or change it\n\n\
             1 question and 1 fact in 2 files: 2 errors, 0 warnings\n",
            "^".repeat(64),
            "^".repeat(90)
        ));
}

#[test]
fn diagnose_codes_are_listed_once_a_session_and_on_codes() {
    let run = Workspace::new().run_with(
        &[
            "quiz",
            "--topic",
            "scenarios",
            "--seed",
            "3",
            "--count",
            "2",
        ],
        "\n:codes\n\n",
        &[("XCDRILL_NOW", "2026-11-27T09:00:00Z")],
    );
    run.succeeds();
    let list = "The codes `check` reports:";
    assert_eq!(run.stdout.matches(list).count(), 2, "{}", run.stdout);
    let (_, second) = run
        .stdout
        .split_once("Question 2/2")
        .expect("two questions");
    let (asked, _) = second.split_once("> :codes").expect(":codes typed");
    assert!(!asked.contains(list), "{}", run.stdout);
    assert!(asked.contains(":codes lists them"), "{}", run.stdout);
}
