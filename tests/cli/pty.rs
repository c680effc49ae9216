//! The one pseudo-terminal test: a person answers a question, presses Ctrl-C on
//! the next (a skip), then Ctrl-D, and sees the summary.

use std::process::Command;

use crate::harness::Workspace;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");

#[test]
fn answer_then_ctrl_c_skips_then_ctrl_d_ends_with_the_summary() {
    let workspace = Workspace::new();
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"));
    command
        .args(["--content", FIXTURE, "quiz", "--seed", "7", "--count", "3"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XCDRILL_NOW", "2026-11-27T09:00:00Z")
        .env("XCDRILL_DATA_DIR", workspace.path("data"));
    let mut session =
        rexpect::session::spawn_command(command, Some(10_000)).expect("spawn in a pty");
    session.exp_string("Question 1/3").expect("first question");
    session.exp_string("answer> ").expect("a prompt");
    session.send_line("a").expect("type an answer");
    session
        .exp_string("Question 2/3")
        .expect("second question after feedback");
    session.exp_string("answer> ").expect("a prompt");
    session.send_control('c').expect("Ctrl-C");
    session
        .exp_string("Skipped.")
        .expect("Ctrl-C on an empty line skips");
    session.exp_string("Question 3/3").expect("third question");
    session.exp_string("answer> ").expect("a prompt");
    session.send_control('d').expect("Ctrl-D");
    session
        .exp_string("Summary")
        .expect("the summary after Ctrl-D");
    session
        .exp_string("(not reached)")
        .expect("the question left is listed");
    session.exp_eof().expect("the program ends");
    assert!(
        workspace.path("data/quiz_history.txt").exists(),
        "history is kept in the data dir"
    );
}
