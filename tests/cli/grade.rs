//! `xcdrill grade`: human output and the JSON of C3, exit statuses 0 (passed),
//! 1 (not passed) and 2 (unknown id, unreadable answer), answers from a file or
//! standard input; and `lint` refusing a question whose key its grader rejects.

use crate::harness::{Run, Workspace};

const FACTS: &str = r#"format_version = 1

[[fact]]
id = "chain.contact-needs-account"
statement = "An external user is enabled from a contact that is linked to an account."
source = "seed: Quick interview answer"
"#;

const BANK: &str = r#"format_version = 1

[[question]]
id = "setup.order"
kind = "order"
topic = "setup"
prompt = "Put the steps in order."
explanation = "Nothing exists before Digital Experiences is on."
facts = ["chain.contact-needs-account"]
items = ["Enable Digital Experiences", "Create the site", "Create a contact", "Enable the user"]

[[question]]
id = "setup.first"
kind = "choice"
topic = "setup"
prompt = "What comes first?"
explanation = "Digital Experiences."
facts = ["chain.contact-needs-account"]
choices = ["Create a contact", "Enable Digital Experiences", "Buy licenses"]
correct = [2]

[[question]]
id = "interview.prerequisites"
kind = "recall"
topic = "interview"
prompt = "Is there any prerequisite to create a community user?"
explanation = "A contact linked to an account."
facts = ["chain.contact-needs-account"]
model_answer = "Yes: the user is enabled from a contact linked to an account."

[[question.concept]]
name = "enabled from a contact"
phrases = ["contact"]
contradicts = ["no contact", "don't need a contact"]
required = true

[[question.concept]]
name = "linked to an account"
phrases = ["account"]
"#;

fn workspace() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("bank/facts.toml", FACTS);
    workspace.write("bank/drill.toml", BANK);
    workspace
}

fn grade(workspace: &Workspace, args: &[&str]) -> Run {
    let mut all = vec!["--content", "bank", "grade"];
    all.extend_from_slice(args);
    workspace.run(&all)
}

#[test]
fn a_passed_answer_prints_percent_and_verdict_and_exits_0() {
    let run = grade(&workspace(), &["setup.order", "--answer", "1 2 4 3"]);
    run.succeeds().stdout_is(
        "setup.order (order): 83% passed\n5 of 6 pairs in the right relative order; the right order is:\n\
         1. Enable Digital Experiences\n2. Create the site\n3. Create a contact\n4. Enable the user\n",
    );
}

#[test]
fn json_is_exactly_the_c3_object() {
    let run = grade(&workspace(), &["setup.first", "--answer", "B", "--json"]);
    run.succeeds();
    assert_eq!(
        run.json(),
        serde_json::json!({
            "id": "setup.first",
            "kind": "choice",
            "score": 1.0,
            "passed": true,
            "feedback": "right: b) Enable Digital Experiences",
            "missed": [],
        })
    );
}

#[test]
fn an_answer_below_pass_exits_1_and_names_what_was_missed() {
    let workspace = workspace();
    let answer = "You don't need a contact, only an account.";
    let run = grade(
        &workspace,
        &["interview.prerequisites", "--answer", answer, "--json"],
    );
    run.fails_with(1, "");
    let json = run.json();
    assert_eq!(json["kind"], "recall");
    assert_eq!(json["score"], 0.12);
    assert_eq!(json["passed"], false);
    assert_eq!(
        json["missed"],
        serde_json::json!(["enabled from a contact"])
    );
    assert_eq!(
        json["feedback"],
        "found: linked to an account\n\
         wrong: enabled from a contact (required): you said `don't need a contact`\n\
         model answer: Yes: the user is enabled from a contact linked to an account."
    );

    let human = grade(&workspace, &["interview.prerequisites", "--answer", answer]);
    human.fails_with(1, "");
    human.stdout_is(
        "interview.prerequisites (recall): 12% failed\n\
         found: linked to an account\n\
         wrong: enabled from a contact (required): you said `don't need a contact`\n\
         model answer: Yes: the user is enabled from a contact linked to an account.\n",
    );
}

#[test]
fn an_empty_answer_grades_0_and_is_not_a_usage_error() {
    let run = grade(&workspace(), &["setup.first", "--answer", "", "--json"]);
    run.fails_with(1, "");
    assert_eq!(run.json()["score"], 0.0);
}

#[test]
fn answers_are_read_from_a_file_or_standard_input() {
    let workspace = workspace();
    workspace.write("answer.txt", "A contact\nlinked to an account.\n");
    grade(
        &workspace,
        &["interview.prerequisites", "--answer-file", "answer.txt"],
    )
    .succeeds();
    let mut args = vec![
        "--content",
        "bank",
        "grade",
        "setup.order",
        "--answer-file",
        "-",
        "--json",
    ];
    let from_stdin = workspace.run_with_stdin(&args, "1, 2, 3, 4\n");
    assert_eq!(from_stdin.succeeds().json()["score"], 1.0);
    args[5] = "missing.txt";
    workspace.run(&args).fails_with(
        2,
        &format!(
            "error: cannot read `missing.txt`\ncaused by: {}\n",
            workspace.read_error("missing.txt")
        ),
    );
    workspace.write("binary.txt", [0xff, 0xfe, 0x00, 0x41]);
    args[5] = "binary.txt";
    workspace.run(&args).fails_with(
        2,
        "error: cannot read `binary.txt`\ncaused by: it is not UTF-8 text\n",
    );
}

#[test]
fn an_unknown_id_exits_2_with_a_suggestion() {
    let run = grade(&workspace(), &["setup.ordr", "--answer", "1 2 3 4"]);
    run.fails_with(
        2,
        "error: no question `setup.ordr`; did you mean `setup.order`?\n",
    )
    .stdout_is("");
}

#[test]
fn an_answer_is_required_once() {
    let workspace = workspace();
    grade(&workspace, &["setup.order"]).fails_with(
        2,
        "error: the following required arguments were not provided:\n  \
         <--answer <TEXT>|--answer-file <FILE>>\n\n\
         Usage: xcdrill grade <--answer <TEXT>|--answer-file <FILE>> <ID>\n\n\
         For more information, try '--help'.\n",
    );
    grade(
        &workspace,
        &["setup.order", "--answer", "1", "--answer-file", "-"],
    )
    .fails_with(
        2,
        "error: the argument '--answer <TEXT>' cannot be used with '--answer-file <FILE>'\n\n\
         Usage: xcdrill grade <--answer <TEXT>|--answer-file <FILE>> <ID>\n\n\
         For more information, try '--help'.\n",
    );
}

#[test]
fn hostile_answers_are_printed_inert() {
    let answer = "no \u{1b}[31mcontact\u{7}, \u{1b}]0;title\u{7} account";
    let run = grade(
        &workspace(),
        &["interview.prerequisites", "--answer", answer],
    );
    run.fails_with(1, "");
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "{:?}",
        run.stdout
    );
    assert!(
        run.stdout.contains("you said `no \u{241b}[31mcontact`"),
        "{}",
        run.stdout
    );
}

#[test]
fn lint_rejects_a_question_whose_key_its_grader_rejects() {
    let workspace = workspace();
    workspace.write(
        "bank/broken.toml",
        r#"format_version = 1

[[question]]
id = "broken.recall"
kind = "recall"
topic = "interview"
prompt = "Why?"
explanation = "Because."
facts = ["chain.contact-needs-account"]
model_answer = "Because of the contact."

[[question.concept]]
name = "contact"
phrases = ["contact"]

[[question.concept]]
name = "account"
phrases = ["account"]
"#,
    );
    let run = workspace.run(&["lint", "bank", "--json"]);
    run.fails_with(1, "");
    let errors = &run.json()["errors"];
    assert_eq!(errors.as_array().map(Vec::len), Some(1), "{errors}");
    assert_eq!(errors[0]["line"], 3);
    assert_eq!(errors[0]["column"], 1);
    assert_eq!(
        errors[0]["message"],
        "question `broken.recall`: the question's own answer `Because of the contact.` grades 50%, not 95% (missed: account)"
    );
    assert!(
        errors[0]["file"]
            .as_str()
            .is_some_and(|file| file.ends_with("broken.toml"))
    );
}
