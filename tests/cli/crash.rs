//! Killing xcdrill mid-session loses nothing that was answered: each answer is
//! committed before the next question appears.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::harness::Workspace;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");

#[test]
fn kill_9_between_answers_keeps_every_answer_given() {
    let workspace = Workspace::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"))
        .args(["--content", FIXTURE, "quiz", "--seed", "7", "--count", "5"])
        .env("XCDRILL_DATA_DIR", workspace.path("data"))
        .env("XCDRILL_NOW", "2026-11-27T09:00:00Z")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn xcdrill");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdin.write_all(b"a\nb\n").expect("answer two questions");
    stdin.flush().expect("flush");
    // The third question appears only after the second answer is committed.
    let mut line = String::new();
    loop {
        line.clear();
        let n = stdout.read_line(&mut line).expect("read transcript");
        assert!(n > 0, "xcdrill ended before the third question");
        if line.starts_with("Question 3/5") {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");

    let export = workspace.run(&["export", "--format", "json"]);
    export.succeeds();
    let reviews = export.json();
    let reviews = reviews.as_array().expect("an array of reviews");
    assert_eq!(
        reviews.len(),
        2,
        "both answers survived the kill: {reviews:?}"
    );
    assert!(reviews.iter().all(|review| review["mode"] == "practice"));
}
