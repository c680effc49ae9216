//! `xcdrill interview` driven by piped stdin on the interview fixture bank,
//! with the clock frozen: transcripts are pinned with snapshots, the result
//! object and the store checked field by field.

use crate::harness::{Run, Workspace, assert_line};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/interview");
const NOW: &str = "2026-11-27T09:00:00Z";

/// Answers that name every concept of the fixture's open questions, in the
/// order seeds 3 and 7 ask them.
const MODEL_ANSWERS: &str = "\
The user is enabled from a contact linked to an account, and the org needs a free license seat.
The account owner must have a role.
The site must be Active, and the user's profile must be a member of the site.
";

/// `xcdrill interview ARGS` on the fixture bank at [`NOW`], as user `tester`.
/// The bank is copied into the workspace and named by a relative path, which
/// the study plan's commands repeat.
fn interview(workspace: &Workspace, args: &[&str], stdin: &str) -> Run {
    for file in ["facts.toml", "interview.toml"] {
        let text = std::fs::read_to_string(format!("{FIXTURE}/{file}")).expect("fixture");
        workspace.write(&format!("bank/{file}"), text);
    }
    let mut full = vec!["--content", "bank", "interview"];
    full.extend_from_slice(args);
    workspace.run_with(&full, stdin, &[("XCDRILL_NOW", NOW), ("USER", "tester")])
}

/// The ids asked, open questions and follow-ups, in order, from a `--json` result.
fn asked_ids(run: &Run) -> Vec<String> {
    let result = run.json();
    let mut ids = Vec::new();
    for question in result["questions"].as_array().expect("questions") {
        ids.push(question["id"].as_str().unwrap_or_default().to_string());
        for followup in question["followups"].as_array().expect("followups") {
            ids.push(followup["id"].as_str().unwrap_or_default().to_string());
        }
    }
    ids
}

#[test]
fn weak_answers_draw_follow_ups_and_the_debrief_names_the_gaps() {
    // The first answer names a contact but no seat, and its follow-up on the
    // seat is answered wrong; the second denies the owner's role, and the
    // third names nothing, so each of its two concepts draws a follow-up.
    let run = interview(
        &Workspace::new(),
        &["--seed", "7"],
        "You need a contact.\na\nThe owner has no role.\nfalse\nI don't know.\nInactive\nc\n",
    );
    run.succeeds();
    assert_line(&run.stdout, "Follow-up 1.1 · interview · choice");
    assert!(
        !run.stdout.contains("Model answer")
            || run.stdout.find("Model answer") > run.stdout.find("Debrief"),
        "no feedback before the debrief:\n{}",
        run.stdout
    );
    insta::assert_snapshot!("interview_weak_seed_7", run.stdout);
}

#[test]
fn model_answers_draw_no_follow_ups() {
    let run = interview(&Workspace::new(), &["--seed", "7"], MODEL_ANSWERS);
    run.succeeds();
    assert!(!run.stdout.contains("Follow-up"), "{}", run.stdout);
    assert_line(&run.stdout, "Verdict: strong");
    insta::assert_snapshot!("interview_model_seed_7", run.stdout);
}

#[test]
fn the_interview_opens_with_the_classic_and_spreads_over_topics() {
    let run = interview(&Workspace::new(), &["--seed", "3", "--json"], MODEL_ANSWERS);
    run.succeeds();
    let ids = asked_ids(&run);
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert_eq!(ids[0], "interview.prerequisites");
    let mut topics: Vec<&str> = ids
        .iter()
        .map(|id| id.split('.').next().unwrap_or(""))
        .collect();
    topics.sort_unstable();
    assert_eq!(topics, ["interview", "roles", "sites"]);
    // A topic without the classic opens with one of its own.
    let sites = interview(
        &Workspace::new(),
        &["--seed", "3", "--topic", "sites", "--json"],
        "",
    );
    assert_eq!(asked_ids(&sites), ["sites.login"]);
}

#[test]
fn the_same_seed_and_answers_give_the_same_interview() {
    let stdin = "contact\n\nnothing\n\n\nrole\n";
    let first = interview(&Workspace::new(), &["--seed", "21"], stdin);
    let again = interview(&Workspace::new(), &["--seed", "21"], stdin);
    first.succeeds();
    assert_eq!(first.stdout, again.stdout);
    let other = interview(&Workspace::new(), &["--seed", "22"], stdin);
    assert_ne!(
        first.stdout, other.stdout,
        "another seed, another interview"
    );
}

#[test]
fn json_puts_the_result_alone_on_stdout_in_the_documented_shape() {
    let workspace = Workspace::new();
    let run = interview(
        &workspace,
        &[
            "--seed", "7", "--name", "Ana", "--json", "--output", "ana.json",
        ],
        "You need a contact.\na\nThe account owner must have a role.\n",
    );
    run.succeeds();
    assert!(
        run.stderr.contains("Debrief"),
        "the transcript goes to stderr"
    );
    let result = run.json();
    let keys: Vec<&str> = result
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "mode",
        "seed",
        "content",
        "name",
        "questions",
        "gaps",
        "study",
        "verdict",
    ];
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted_keys, expected, "exactly the documented keys");
    assert_eq!(result["mode"], "interview");
    assert_eq!(result["seed"], 7);
    assert_eq!(result["name"], "Ana");
    assert_eq!(result["content"].as_str().map(str::len), Some(16));
    assert_eq!(result["verdict"], "needs work");
    let first = &result["questions"][0];
    assert_eq!(first["id"], "interview.prerequisites");
    assert_eq!(first["missed"], serde_json::json!(["a free license seat"]));
    assert_eq!(first["contradicted"], serde_json::json!([]));
    assert_eq!(first["seconds"], 0);
    assert_eq!(
        first["followups"],
        serde_json::json!([{"id": "interview.seats", "score": 0.0, "passed": false}])
    );
    assert_eq!(
        result["questions"][1],
        serde_json::json!({
            "id": "roles.owner", "score": 1.0, "passed": true, "missed": [],
            "contradicted": [], "seconds": 0, "followups": []
        }),
        "a model answer draws no follow-up"
    );
    assert_eq!(
        result["questions"][2],
        serde_json::json!({
            "id": "sites.login", "score": 0.0, "passed": false, "missed": [],
            "contradicted": [], "seconds": 0, "followups": []
        }),
        "a question not reached is listed with nothing found"
    );
    assert_eq!(result["gaps"], serde_json::json!(["fix.seats"]));
    assert_eq!(
        result["study"],
        serde_json::json!([
            "xcdrill --content bank quiz --mode drill --topic interview",
            "xcdrill --content bank grade interview.prerequisites --answer-file -"
        ])
    );
    let written = std::fs::read_to_string(workspace.path("ana.json")).expect("result file");
    let written: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(written, result, "--output writes the same object");
}

#[test]
fn the_store_holds_every_graded_answer_open_and_follow_up() {
    let workspace = Workspace::new();
    // Six graded answers: three open ones and three follow-ups; the empty
    // line passes on the fourth follow-up, which is then no answer.
    let run = interview(
        &workspace,
        &["--seed", "7"],
        "You need a contact.\nb\nI don't know.\ntrue\nNo idea.\nActive\n\n",
    );
    run.succeeds();
    let export = workspace.run_with(
        &["--content", "bank", "export"],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    export.succeeds();
    let reviews = export.json();
    let ids: Vec<&str> = reviews
        .as_array()
        .expect("reviews")
        .iter()
        .map(|review| review["question_id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        ids,
        [
            "interview.prerequisites",
            "interview.seats",
            "roles.owner",
            "roles.owner-tf",
            "sites.login",
            "sites.status"
        ]
    );
    for review in reviews.as_array().into_iter().flatten() {
        assert_eq!(review["session"], "interview-7", "{review}");
    }
}

#[test]
fn report_lists_each_interview_with_its_verdict_and_gaps() {
    let workspace = Workspace::new();
    for (name, stdin) in [("ana", MODEL_ANSWERS), ("bob", "contact\n")] {
        let run = interview(
            &workspace,
            &[
                "--seed",
                "7",
                "--name",
                name,
                "--output",
                &format!("{name}.json"),
            ],
            stdin,
        );
        run.succeeds();
    }
    let report = workspace.run_with(
        &["--content", "bank", "report", "ana.json", "bob.json"],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    report.succeeds();
    insta::assert_snapshot!("interview_report", report.stdout);
    let json = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "report",
            "ana.json",
            "bob.json",
            "--format",
            "json",
        ],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    let interviews = &json.json()["interviews"];
    assert_eq!(interviews[0]["verdict"], "strong");
    assert_eq!(interviews[1]["verdict"], "needs work");
    assert_eq!(interviews[1]["gaps"], serde_json::json!(["fix.seats"]));
}

#[test]
fn the_html_report_has_a_row_per_interview_with_its_verdict_and_gaps() {
    let workspace = Workspace::new();
    interview(
        &workspace,
        &["--seed", "7", "--name", "bob", "--output", "bob.json"],
        "contact\n",
    )
    .succeeds();
    let report = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "report",
            "bob.json",
            "--format",
            "html",
        ],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    report.succeeds();
    assert_eq!(report.stderr, "", "interviews are on the page: no warning");
    let row = report
        .stdout
        .lines()
        .find(|line| line.starts_with("<tr><th scope=\"row\">bob</th>"))
        .expect("a row for bob");
    assert_eq!(
        row,
        "<tr><th scope=\"row\">bob</th><td>needs work</td><td class=\"num\">0 of 3</td><td class=\"num\">0 of 0</td><td><code>fix.seats</code></td></tr>"
    );
}

#[test]
fn report_counts_an_interview_given_twice_once_with_a_warning() {
    let workspace = Workspace::new();
    let run = interview(
        &workspace,
        &["--seed", "7", "--name", "ana", "--output", "ana.json"],
        "contact\n",
    );
    run.succeeds();
    let text = std::fs::read_to_string(workspace.path("ana.json")).expect("result written");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    workspace.write(
        "copy.json",
        serde_json::to_string_pretty(&value).expect("json"),
    );
    let report = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "report",
            "ana.json",
            "copy.json",
            "ana.json",
            "--format",
            "json",
        ],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    report.succeeds();
    assert_eq!(
        report.stderr.lines().collect::<Vec<_>>(),
        [
            "warning: `copy.json` is the same session as `ana.json` (learner, seed, content and answers); it is counted once",
            "warning: `ana.json` is given more than once; it is counted once",
        ]
    );
    let interviews = report.json()["interviews"]
        .as_array()
        .expect("interviews")
        .len();
    assert_eq!(interviews, 1);
}

/// The one pseudo-terminal run: a person answers out loud over two lines,
/// hears a follow-up, quits with `:quit` and sees the debrief.
#[test]
#[cfg(unix)]
fn in_a_terminal_an_answer_then_quit_ends_with_the_debrief() {
    let workspace = Workspace::new();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("xcdrill"));
    command
        .args(["--content", FIXTURE, "interview", "--seed", "7"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XCDRILL_NOW", NOW)
        .env("XCDRILL_DATA_DIR", workspace.path("data"));
    let mut session =
        rexpect::session::spawn_command(command, Some(10_000)).expect("spawn in a pty");
    session.exp_string("Question 1/3").expect("first question");
    session.exp_string("answer> ").expect("a prompt");
    session.send_line("You need a contact").expect("type");
    session.exp_string("... ").expect("the answer may go on");
    session.send_line("on an account.").expect("type");
    session.exp_string("... ").expect("the answer may go on");
    session.send_line("").expect("an empty line ends it");
    session.exp_string("(took 0s)").expect("the time taken");
    session
        .exp_string("Follow-up 1.1")
        .expect("a follow-up on the seat");
    session.exp_string("answer> ").expect("a prompt");
    session.send_line(":quit").expect("quit");
    session.exp_string("Debrief").expect("the debrief");
    session
        .exp_string("Verdict: needs work")
        .expect("the verdict");
    session
        .exp_string("roles.owner (not reached)")
        .expect("what was not reached");
    session.exp_eof().expect("the program ends");
}
