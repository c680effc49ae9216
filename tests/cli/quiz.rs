//! `xcdrill quiz` driven by piped stdin on the fixture bank, with the clock
//! frozen: transcripts are pinned with snapshots, results checked field by field.

use crate::harness::{Run, Workspace, assert_line};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");
const NOW: &str = "2026-11-27T09:00:00Z";

/// `xcdrill quiz ARGS` on the fixture bank at [`NOW`], as user `tester`.
fn quiz(workspace: &Workspace, args: &[&str], stdin: &str) -> Run {
    quiz_at(workspace, NOW, args, stdin)
}

fn quiz_at(workspace: &Workspace, now: &str, args: &[&str], stdin: &str) -> Run {
    let mut full = vec!["--content", FIXTURE, "quiz"];
    full.extend_from_slice(args);
    workspace.run_with(&full, stdin, &[("XCDRILL_NOW", now), ("USER", "tester")])
}

/// The ids of the questions asked, in order, read from a `--json` result.
fn asked_ids(run: &Run) -> Vec<String> {
    run.json()["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|question| question["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_practice_session_teaches_after_each_answer() {
    let run = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "6"],
        "a\n:more\n:hint\nDigital Experiance\na contact, linked to an account\ntrue\n:score\nc a b\ncontact\n",
    );
    run.succeeds();
    insta::assert_snapshot!("practice_seed_7", run.stdout);
}

#[test]
fn a_wrong_short_answer_names_the_right_one_once() {
    // Question 2 of seed 7 is a short one (`Digital Experiences`).
    let run = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "2"],
        "a\nno idea\n",
    );
    run.succeeds();
    let (_, second) = run
        .stdout
        .split_once("Question 2/2")
        .expect("two questions");
    let (second, _) = second.split_once("Summary").expect("a summary");
    assert!(
        second.contains("not accepted; the answer is `Digital Experiences`"),
        "{second}"
    );
    assert!(!second.contains("Right answer:"), "{second}");
}

#[test]
fn an_exam_refuses_a_file_holding_another_learners_result() {
    let workspace = Workspace::new();
    let exam = |name: &str| {
        quiz(
            &workspace,
            &[
                "--mode", "exam", "--seed", "11", "--count", "1", "--name", name, "--output",
                "ana.json",
            ],
            "c b a\n",
        )
    };
    exam("Ana").succeeds();
    let before = std::fs::read_to_string(workspace.path("ana.json")).expect("Ana's result");
    exam("Eve").fails_with(
        2,
        "error: `ana.json` holds the exam result of Ana; nothing was asked: give each learner a file of their own, or remove this one first\n",
    );
    assert_eq!(
        std::fs::read_to_string(workspace.path("ana.json")).expect("still there"),
        before,
        "Ana's result was changed"
    );
    // A file named `-` is read as a file, not as standard input (which holds
    // the answers).
    std::fs::copy(workspace.path("ana.json"), workspace.path("-")).expect("copy");
    quiz(
        &workspace,
        &["--mode", "exam", "--seed", "11", "--count", "1", "--name", "Eve", "--output", "-"],
        "c b a\n",
    )
    .fails_with(
        2,
        "error: `-` holds the exam result of Ana; nothing was asked: give each learner a file of their own, or remove this one first\n",
    );
    // Ana retaking her exam replaces her own result, with a note.
    let retake = exam("Ana");
    retake.succeeds();
    assert_line(
        &retake.stdout,
        "Note: ana.json exists and will be replaced by this session's result.",
    );
}

#[test]
fn an_exam_gives_no_feedback_until_the_end_and_writes_a_result_file() {
    let workspace = Workspace::new();
    let run = quiz(
        &workspace,
        &[
            "--mode", "exam", "--seed", "11", "--count", "3", "--pass", "50", "--name", "Ana",
            "--output", "ana.json",
        ],
        "c b a\nDigital Experiences\nno idea\n",
    );
    run.succeeds();
    // A whole line: `NOT PASSED (pass mark 50%)` holds these words too.
    assert_line(&run.stdout, "PASSED (pass mark 50%)");
    let (questions, summary) = run.stdout.split_once("Summary").expect("a summary");
    assert!(
        !questions.contains("Why:"),
        "exam showed feedback:\n{}",
        run.stdout
    );
    assert!(
        summary.contains("Your answer:") && summary.contains("Why:"),
        "the exam's review shows the learner's answer and why:\n{}",
        run.stdout
    );
    insta::assert_snapshot!("exam_seed_11", run.stdout);
    let text = std::fs::read_to_string(workspace.path("ana.json")).expect("result file written");
    let result: serde_json::Value = serde_json::from_str(&text).expect("result is JSON");
    assert_eq!(result["seed"], 11);
    assert_eq!(result["mode"], "exam");
    assert_eq!(result["name"], "Ana");
    assert_eq!(result["started"], NOW);
    assert_eq!(result["ended"], NOW);
    assert_eq!(result["content_hash"].as_str().map(str::len), Some(16));
    let questions = result["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 3);
    for question in questions {
        for key in [
            "id", "topic", "kind", "answer", "score", "passed", "seconds",
        ] {
            assert!(question.get(key).is_some(), "missing `{key}` in {question}");
        }
    }
}

#[test]
fn json_puts_the_result_alone_on_stdout() {
    let run = quiz(
        &Workspace::new(),
        &["--seed", "3", "--count", "2", "--json"],
        "a\n",
    );
    let result = run.succeeds().json();
    assert_eq!(result["mode"], "practice");
    assert_eq!(result["name"], "tester");
    let questions = result["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 2);
    assert_eq!(
        questions[1]["answer"],
        serde_json::Value::Null,
        "the unanswered question is listed"
    );
    assert!(
        run.stderr.contains("Summary"),
        "the transcript goes to stderr"
    );
}

#[test]
fn the_same_seed_gives_the_same_session_and_another_seed_another() {
    let workspace = Workspace::new();
    let first = quiz(&workspace, &["--seed", "5", "--count", "6", "--json"], "");
    let again = quiz(&workspace, &["--seed", "5", "--count", "6", "--json"], "");
    let other = quiz(&workspace, &["--seed", "6", "--count", "6", "--json"], "");
    assert_eq!(first.stderr, again.stderr, "same seed, same transcript");
    assert_eq!(asked_ids(&first), asked_ids(&again));
    assert_ne!(
        asked_ids(&first),
        asked_ids(&other),
        "another seed, another order"
    );
}

#[test]
fn a_drill_brings_a_missed_question_back() {
    let workspace = Workspace::new();
    let run = quiz(
        &workspace,
        &["--mode", "drill", "--topic", "accounts", "--seed", "2"],
        "false\nfalse\na contact linked to an account\ntrue\n",
    );
    run.succeeds();
    let headers = run.stdout.matches("· accounts ·").count();
    assert_eq!(
        headers, 4,
        "two questions, the missed ones asked again:\n{}",
        run.stdout
    );
    insta::assert_snapshot!("drill_seed_2", run.stdout);
}

#[test]
fn a_drill_asks_a_missed_question_again_with_its_options_reshuffled() {
    let run = quiz(
        &Workspace::new(),
        &[
            "--mode", "drill", "--topic", "setup", "--seed", "3", "--count", "3",
        ],
        "wrong\nb\na\nwrong\nb\n",
    );
    run.succeeds();
    let options_of = |asking: &str| -> Vec<String> {
        asking
            .lines()
            .skip_while(|line| !line.starts_with("Which of these must exist"))
            .filter(|line| line.starts_with("  ") && line.get(3..5) == Some(") "))
            .map(str::to_string)
            .collect()
    };
    let askings: Vec<&str> = run
        .stdout
        .split("\nQuestion ")
        .map(|asking| asking.split("\n> ").next().unwrap_or_default())
        .filter(|asking| asking.contains("Which of these must exist"))
        .collect();
    assert!(askings.len() >= 2, "{}", run.stdout);
    let (first, again) = (options_of(askings[0]), options_of(askings[1]));
    assert_eq!(first.len(), 4, "{}", run.stdout);
    assert_ne!(first, again, "the same letters again:\n{}", run.stdout);
}

#[test]
fn a_drill_needs_a_topic_and_topics_must_exist() {
    let workspace = Workspace::new();
    quiz(&workspace, &["--mode", "drill"], "").fails_with(
        2,
        "error: a drill needs at least one `--topic`; `xcdrill list` shows them\n",
    );
    quiz(&workspace, &["--topic", "acounts"], "")
        .fails_with(2, "error: no topic `acounts`; did you mean `accounts`?\n");
}

#[test]
fn piped_input_that_is_not_an_answer_skips_that_question_only() {
    let run = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "2", "--json"],
        ":nonsense\nz\nDigital Experiences\n",
    );
    run.succeeds();
    assert_line(
        &run.stderr,
        "Unknown command `:nonsense`; :help lists them.",
    );
    assert_line(
        &run.stderr,
        "`z` is not offered; answer with letters a to c",
    );
    let result = run.json();
    let questions = result["questions"].as_array().unwrap();
    assert_eq!(
        questions[0]["answer"],
        serde_json::Value::Null,
        "the bad line skipped question 1"
    );
    assert_eq!(
        questions[1]["answer"], "Digital Experiences",
        "the next line went to question 2"
    );
    assert_eq!(questions[1]["passed"], true);
}

#[test]
fn hostile_input_is_shown_inert_and_nothing_breaks() {
    let huge = "x".repeat(1 << 20);
    let stdin = format!("\u{1b}[2J\u{1b}]0;pwned\u{7}\n{huge}\n\u{0}\u{1}\u{fffd}junk\n");
    let mut bytes = stdin.into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let workspace = Workspace::new();
    let output = workspace
        .command(&["--content", FIXTURE, "quiz", "--seed", "4", "--count", "4"])
        .env("XCDRILL_NOW", NOW)
        .write_stdin(bytes)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !stdout.contains('\u{1b}'),
        "an escape sequence reached the terminal"
    );
    assert!(!stdout.contains('\u{7}'));
    assert!(stdout.contains("Summary"));
    assert!(stdout.len() < 100_000, "the 1 MB line was echoed whole");
}

#[test]
fn quitting_early_lists_what_was_not_reached() {
    let run = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "3"],
        "a\n:quit\n",
    );
    run.succeeds();
    assert_eq!(
        run.stdout.matches("(not reached)").count(),
        2,
        "{}",
        run.stdout
    );
    assert_line(
        &run.stdout,
        "Score: 0% over 1 question asked (1 answered; 2 not reached) · time 0s",
    );
    // Nothing asked: no score to give, not "0% over 0 questions".
    let none = quiz(&Workspace::new(), &["--seed", "7", "--count", "3"], "");
    assert_line(
        &none.succeeds().stdout,
        "No question was asked, so there is no score; 3 not reached · time 0s",
    );
}

#[test]
fn practice_ended_early_scores_what_was_answered_and_an_exam_counts_the_rest() {
    let practice = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "5", "--json"],
        "c
Digital Experiences
",
    );
    assert_line(
        &practice.succeeds().stderr,
        "Score: 100% over 2 questions asked (2 answered; 3 not reached) · time 0s",
    );
    assert_eq!(practice.json()["score"], 1.0);
    let exam = quiz(
        &Workspace::new(),
        &["--mode", "exam", "--seed", "7", "--count", "5", "--json"],
        "c
Digital Experiences
",
    );
    // The line is wrapped after its `·`; the time follows on the next line.
    assert!(
        exam.succeeds().stderr.contains(
            "\nScore: 40% over 5 questions (2 answered; 3 not reached, counted as unanswered) ·\n"
        ),
        "{}",
        exam.stderr
    );
    assert_eq!(exam.json()["score"], 0.4);
    // The questions left are listed as not answered (in an exam one may have
    // been on screen when it ended); practice lists them as not reached.
    let left = |run: &Run, label: &str| {
        run.stderr
            .lines()
            .filter(|line| line.trim_start().starts_with("- ") && line.contains(label))
            .count()
    };
    assert_eq!(left(&exam, "(not answered)"), 3, "{}", exam.stderr);
    assert_eq!(left(&practice, "(not reached)"), 3, "{}", practice.stderr);
}

#[test]
fn verbose_feedback_shows_going_deeper_and_the_facts_at_once() {
    let short = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "1"],
        "a
",
    );
    assert!(!short.stdout.contains("Fact:"), "{}", short.stdout);
    assert_line(&short.succeeds().stdout, "  (:more for the fact)");
    let verbose = quiz(
        &Workspace::new(),
        &["--seed", "7", "--count", "1", "--verbose"],
        "a
",
    );
    assert!(
        verbose
            .stdout
            .contains("Fact: Digital Experiences must be enabled first."),
        "{}",
        verbose.stdout
    );
    assert!(!verbose.stdout.contains(":more for"), "{}", verbose.stdout);
}

#[test]
fn review_brings_back_what_is_due_before_anything_new() {
    let workspace = Workspace::new();
    let practice = quiz_at(
        &workspace,
        NOW,
        &["--seed", "7", "--count", "2", "--json"],
        "a\nDigital Experiences\n",
    );
    let answered = asked_ids(&practice);
    let later = "2026-12-30T09:00:00Z";
    let review = quiz_at(
        &workspace,
        later,
        &["--mode", "review", "--count", "4", "--seed", "1", "--json"],
        "",
    );
    review.succeeds();
    let asked = asked_ids(&review);
    let mut due: Vec<&String> = asked.iter().take(2).collect();
    due.sort();
    let mut expected: Vec<&String> = answered.iter().collect();
    expected.sort();
    assert_eq!(
        due, expected,
        "the two reviewed questions come first:\n{}",
        review.stderr
    );
    assert_eq!(asked.len(), 4);
}

#[test]
fn cram_is_recorded_but_says_it_moves_no_schedule() {
    let workspace = Workspace::new();
    let run = quiz_at(
        &workspace,
        NOW,
        &[
            "--mode", "cram", "--topic", "accounts", "--seed", "3", "--count", "1",
        ],
        "true\n",
    );
    run.succeeds();
    assert_line(
        &run.stdout,
        "Cram: answers are recorded for your stats, but no review schedule moves.",
    );
    let export = workspace.run(&["export", "--format", "json"]).json();
    assert_eq!(export[0]["mode"], "cram");
    let stats = workspace.run(&["stats", "--json"]).json();
    assert_eq!(stats["due"], 0, "cram scheduled nothing: {stats}");
}

#[test]
fn a_question_whose_content_changed_is_flagged_not_silently_reset() {
    let workspace = Workspace::new();
    for file in ["facts.toml", "quiz.toml"] {
        let text = std::fs::read_to_string(format!("{FIXTURE}/{file}")).expect("fixture");
        workspace.write(&format!("bank/{file}"), text);
    }
    let bank = workspace.path("bank");
    let bank = bank.to_str().expect("utf-8 path");
    let args = [
        "--content",
        bank,
        "quiz",
        "--topic",
        "accounts",
        "--seed",
        "1",
        "--count",
        "2",
    ];
    let first = workspace.run_with(
        &args,
        "a contact on an account\ntrue\n",
        &[("XCDRILL_NOW", NOW)],
    );
    first.succeeds();
    let quiz = workspace.path("bank/quiz.toml");
    let text = std::fs::read_to_string(&quiz).expect("bank");
    let changed = text.replace(
        "The owner of the account must have a role",
        "The account's owner must hold a role",
    );
    assert_ne!(text, changed);
    std::fs::write(&quiz, changed).expect("edit bank");
    let later = "2026-11-28T09:00:00Z";
    let second = workspace.run_with(&args, "", &[("XCDRILL_NOW", later)]);
    second.succeeds();
    // Only the changed question is named, before the first question.
    let (before, _) = second
        .stdout
        .split_once("\nQuestion 1/2")
        .expect("a first question");
    assert!(
        before.ends_with(
            "\nQuestion `fixture.owner-role` changed since you last reviewed it.\n\
             Its progress is kept; your next answer counts for the new version.\n"
        ),
        "{}",
        second.stdout
    );
    assert_eq!(
        second.stdout.matches("changed since").count(),
        1,
        "{}",
        second.stdout
    );
    let export = workspace.run(&["export", "--format", "json"]).json();
    assert_eq!(
        export.as_array().map(Vec::len),
        Some(2),
        "nothing was reset or added"
    );
}

/// A pipe that stays open with nothing more to read used to hold an exam past
/// its limit for as long as it stayed open.
#[test]
fn an_exam_ends_at_its_time_limit_while_the_pipe_gives_nothing() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    let workspace = Workspace::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"))
        .args([
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--seed",
            "7",
        ])
        .args(["--count", "3", "--time", "0.02", "--output", "r.json"])
        .current_dir(workspace.dir.path())
        .env("XCDRILL_DATA_DIR", workspace.path("data"))
        .env("XCDRILL_NOW", NOW)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("xcdrill runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"a\n").expect("one answer");
    // The pipe stays open; the program must end on its own. Should it not,
    // it is killed after a minute so the test fails instead of hanging.
    let pid = child.id();
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if finished.recv_timeout(std::time::Duration::from_secs(60))
            == Err(mpsc::RecvTimeoutError::Timeout)
        {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        }
    });
    let mut transcript = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut transcript)
        .expect("output");
    let status = child.wait().expect("exit status");
    let _ = done.send(());
    let _ = watchdog.join();
    drop(stdin);
    assert_eq!(status.code(), Some(0), "{transcript}");
    assert!(transcript.contains("Time is up."), "{transcript}");
    let result: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace.path("r.json")).expect("result written"),
    )
    .expect("json");
    let answered: Vec<&serde_json::Value> = result["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|question| !question["answer"].is_null())
        .collect();
    assert_eq!(answered.len(), 1, "the answer given is kept: {result}");
}

#[test]
fn the_summary_ends_with_what_to_do_next_as_commands() {
    let workspace = Workspace::new();
    let first = quiz(
        &workspace,
        &["--seed", "7", "--count", "2"],
        "a\nDigital Experiences\n",
    );
    assert!(
        first.stdout.contains(
            "your weakest topic was setup:\n    xcdrill quiz --mode drill --topic setup\n"
        ),
        "{}",
        first.stdout
    );
    let later = quiz_at(&workspace, "2026-12-30T09:00:00Z", &["--seed", "7"], "");
    assert!(
        later
            .stdout
            .contains("2 reviews are due now:\n    xcdrill quiz --mode review\n"),
        "{}",
        later.stdout
    );
}
