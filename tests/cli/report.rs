//! `xcdrill report` on hostile result files: absurd fields, numbers out of
//! range, future times, unknown or repeated ids, oversized files and FIFOs
//! are refused with the file and entry named, never a panic.

use serde_json::{Value, json};

use crate::harness::{Run, Workspace};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");
const NOW: &str = "2026-11-27T12:00:00Z";

/// A result file of one learner with entries (id, score) of topic `t`.
fn result_file(name: &str, entries: &[(&str, f64)]) -> Value {
    let questions: Vec<Value> = entries
        .iter()
        .map(|&(id, score)| {
            json!({"id": id, "topic": "t", "kind": "choice", "answer": "a", "score": score,
                   "passed": score >= 0.7, "seconds": 30.0})
        })
        .collect();
    json!({
        "format": 1, "seed": 3, "mode": "exam", "content_hash": "c0ffee", "name": name,
        "started": "2026-11-27T09:00:00Z", "ended": "2026-11-27T09:10:00Z",
        "pass_percent": 70.0, "score": 0.5, "passed": false, "questions": questions,
    })
}

/// `xcdrill report ARGS` at [`NOW`].
fn report(workspace: &Workspace, args: &[&str]) -> Run {
    let mut full = vec!["report"];
    full.extend_from_slice(args);
    workspace.run_with(&full, "", &[("XCDRILL_NOW", NOW)])
}

#[test]
fn report_of_a_65536_character_name_or_id_is_refused_with_the_entry_not_a_panic() {
    let workspace = Workspace::new();
    let long = "n".repeat(65_536);
    let file = result_file(&long, &[("q.one", 1.0), (&long, 0.0)]);
    workspace.write("huge.json", file.to_string());
    let run = report(&workspace, &["huge.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: huge.json: its `name` is 65536 bytes, over the limit of 16384"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("huge.json: entry 2 (`nnnn"),
        "the entry is named: {}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn report_of_long_names_within_the_limits_cuts_them_for_reading() {
    let workspace = Workspace::new();
    let name = "é".repeat(5_000);
    workspace.write(
        "long.json",
        result_file(&name, &[("q.one", 1.0)]).to_string(),
    );
    for format in ["table", "markdown"] {
        let run = report(&workspace, &["long.json", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("éé…"), "{}", run.stdout);
        assert!(!run.stdout.contains(&name), "{format} is cut");
    }
    let csv = report(&workspace, &["long.json", "--format", "csv"]);
    assert!(csv.stdout.contains(&name), "CSV keeps the data whole");
}

#[test]
fn quiz_name_over_200_characters_is_a_usage_error() {
    let workspace = Workspace::new();
    let long = "n".repeat(65_536);
    let run = workspace.run(&["--content", FIXTURE, "quiz", "--name", &long]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the name is 65536 characters; at most 200 fit in a result file"),
        "{}",
        run.stderr
    );
    let fits = "n".repeat(200);
    let run = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--count",
            "1",
            "--name",
            &fits,
            "--output",
            "r.json",
        ],
        "a\n",
        &[("XCDRILL_NOW", NOW)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = workspace.run_with(
        &["--content", FIXTURE, "report", "r.json"],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    assert_eq!(
        run.code, 0,
        "what quiz writes, report reads: {}",
        run.stderr
    );
}

#[test]
fn report_refuses_future_times_duplicate_ids_and_numbers_out_of_range_per_entry() {
    let workspace = Workspace::new();
    let mut file = result_file("ann", &[("q.one", 1.0), ("q.two", 7.0), ("q.one", 0.0)]);
    file["ended"] = json!("2027-01-01T00:00:00Z");
    file["questions"][1]["seconds"] = json!(-4.0);
    workspace.write("ann.json", file.to_string());
    workspace.write(
        "bob.json",
        result_file("bob", &[("q.one", 1.0)]).to_string(),
    );
    let run = report(&workspace, &["bob.json", "ann.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for expected in [
        "ann.json: its `ended` time 2027-01-01T00:00:00Z is in the future (now is 2026-11-27T12:00:00Z)",
        "ann.json: entry 2 (`q.two`): its score 7 is outside 0 to 1",
        "ann.json: entry 2 (`q.two`): its time -4 seconds is negative or over a week",
        "ann.json: entry 3 (`q.one`): the question is listed again (first at entry 1)",
        "error: 1 of 2 result files has problems (above); nothing was reported",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("bob.json"), "{}", run.stderr);
}

#[test]
fn report_refuses_ids_the_content_it_names_does_not_have() {
    let workspace = Workspace::new();
    let exam = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--count",
            "2",
            "--output",
            "r.json",
        ],
        "a\na\n",
        &[("XCDRILL_NOW", NOW)],
    );
    assert_eq!(exam.code, 0, "{}", exam.stderr);
    let text = std::fs::read_to_string(workspace.path("r.json")).expect("result written");
    let mut file: Value = serde_json::from_str(&text).expect("json");
    file["questions"][1]["id"] = json!("no.such.question");
    workspace.write("r.json", file.to_string());
    let run = workspace.run_with(
        &["--content", FIXTURE, "report", "r.json"],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "r.json: entry 2 (`no.such.question`): no question of the content it names has this id"
        ),
        "{}",
        run.stderr
    );
    // With other content active the ids can't be judged: it says so.
    let other = report(&workspace, &["r.json"]);
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(
        other.stderr.contains("question ids were not checked"),
        "{}",
        other.stderr
    );
}

#[test]
fn report_refuses_a_file_over_64_mib_and_a_fifo() {
    let workspace = Workspace::new();
    let big = std::fs::File::create(workspace.path("big.json")).expect("create");
    big.set_len(65 * 1024 * 1024).expect("a sparse file");
    let run = report(&workspace, &["big.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("over the limit of 67108864 (64 MiB)"),
        "{}",
        run.stderr
    );
    let fifo = workspace.path("fifo.json");
    crate::harness::make_fifo(&fifo);
    let run = report(&workspace, &["fifo.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "cannot read `fifo.json`\ncaused by: it is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn report_refuses_the_same_session_given_twice() {
    let workspace = Workspace::new();
    let file = result_file("ann", &[("q.one", 1.0)]).to_string();
    workspace.write("ann.json", &file);
    workspace.write("copy.json", &file);
    let run = report(&workspace, &["ann.json", "copy.json", "ann.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: copy.json: it is the same session as `ann.json` (learner, seed, content and times); give each once"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: 2 of 3 result files have problems"),
        "{}",
        run.stderr
    );
}
