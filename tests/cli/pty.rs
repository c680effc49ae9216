//! The pseudo-terminal tests: a person answers a question, presses Ctrl-C on
//! the next (it clears the line, then asks before a skip), then Ctrl-D, and
//! sees the summary; a scenario's `org> ` completes like the sandbox; a signal at a prompt
//! leaves the terminal as it was; an exam's time limit ends it at a prompt.

use std::process::Command;

use crate::harness::Workspace;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");

#[test]
fn answer_then_ctrl_c_skips_then_ctrl_d_ends_with_the_summary() {
    let workspace = Workspace::new();
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"));
    command
        .args(["--content", FIXTURE, "quiz", "--seed", "7", "--count", "4"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XCDRILL_NOW", "2026-11-27T09:00:00Z")
        .env("XCDRILL_DATA_DIR", workspace.path("data"));
    let mut session =
        rexpect::session::spawn_command(command, Some(10_000)).expect("spawn in a pty");
    session.exp_string("Question 1/4").expect("first question");
    session.exp_string("answer> ").expect("a prompt");
    session.send_line("a").expect("type an answer");
    session
        .exp_string("Question 2/4")
        .expect("second question after feedback");
    session.exp_string("answer> ").expect("a prompt");
    // Ctrl-C clears a half-typed line; on the empty line it asks first, and
    // only `y` skips.
    session.send("half typed").expect("type");
    session.flush().expect("flush");
    session.exp_string("half typed").expect("echoed");
    session.send_control('c').expect("Ctrl-C");
    session.send_line("zz").expect("type on the cleared line");
    session
        .exp_string("not accepted; the answer is")
        .expect("the line was cleared and `zz` answered, not the question skipped");
    session.exp_string("Question 3/4").expect("third question");
    session.exp_string("answer> ").expect("a prompt");
    session.send_control('c').expect("Ctrl-C");
    session
        .exp_string("skip this question? [y/N]")
        .expect("Ctrl-C on an empty line asks");
    session.send_control('c').expect("Ctrl-C");
    session
        .exp_string("Not skipped; back to the question.")
        .expect("a second Ctrl-C does not skip");
    session.exp_string("answer> ").expect("the prompt again");
    session.send_control('c').expect("Ctrl-C");
    session
        .exp_string("skip this question? [y/N]")
        .expect("asked again");
    session.send_line("y").expect("yes");
    session.exp_string("Skipped.").expect("then it skips");
    session.exp_string("Question 4/4").expect("fourth question");
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

/// The terminal's settings as the pty has them now: (line editing, Ctrl-C
/// and Ctrl-\ as signals). Both are on in a normal terminal and off in raw
/// mode. (Echo would say the same, but rexpect starts the pty without it.)
fn line_editing_and_signals(session: &rexpect::session::PtySession) -> (bool, bool) {
    use nix::sys::termios::{LocalFlags, tcgetattr};
    let pty = session.process().get_file_handle().expect("the pty");
    let flags = tcgetattr(&pty).expect("termios of the pty").local_flags;
    (
        flags.contains(LocalFlags::ICANON),
        flags.contains(LocalFlags::ISIG),
    )
}

/// A quiz at its first prompt in a pty, on the fixture bank.
fn quiz_at_a_prompt(workspace: &Workspace, args: &[&str]) -> rexpect::session::PtySession {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"));
    command
        .args(["--content", FIXTURE, "quiz", "--seed", "7"])
        .args(args)
        .current_dir(workspace.dir.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XCDRILL_NOW", "2026-11-27T09:00:00Z")
        .env("XCDRILL_DATA_DIR", workspace.path("data"));
    let mut session =
        rexpect::session::spawn_command(command, Some(10_000)).expect("spawn in a pty");
    session.exp_string("Question 1/").expect("first question");
    session.exp_string("answer> ").expect("a prompt");
    session
}

#[test]
fn sigterm_sighup_or_sigquit_at_a_prompt_leaves_the_terminal_as_it_was() {
    use nix::sys::signal::Signal;
    use nix::sys::wait::WaitStatus;
    for signal in [Signal::SIGTERM, Signal::SIGHUP, Signal::SIGQUIT] {
        let workspace = Workspace::new();
        let mut session = quiz_at_a_prompt(&workspace, &["--count", "3"]);
        session.send_line("a").expect("an answer");
        session
            .exp_string("Question 2/3")
            .expect("the next question");
        session.exp_string("answer> ").expect("a prompt");
        assert_eq!(
            line_editing_and_signals(&session),
            (false, false),
            "rustyline reads in raw mode"
        );
        session.process_mut().signal(signal).expect("signal sent");
        let status = session.process().wait().expect("the program ends");
        assert!(
            matches!(status, WaitStatus::Signaled(_, ended_by, _) if ended_by == signal),
            "{signal}: ends by the same signal (128 + its number to a shell): {status:?}"
        );
        assert_eq!(
            line_editing_and_signals(&session),
            (true, true),
            "{signal}: line editing and signals are back"
        );
        let stats = workspace.run(&["--content", FIXTURE, "stats", "--json"]);
        assert_eq!(
            stats.json()["reviews"],
            1,
            "{signal}: the answer given is kept"
        );
    }
}

#[test]
fn an_exam_ends_at_its_time_limit_while_the_learner_sits_at_a_prompt() {
    let workspace = Workspace::new();
    // 0.02 minutes: 1.2 seconds, counted from the frozen clock's start.
    let mut session = quiz_at_a_prompt(
        &workspace,
        &[
            "--mode", "exam", "--count", "3", "--time", "0.02", "--output", "r.json",
        ],
    );
    session.send("a").expect("typing, not submitted");
    session
        .exp_string("Time is up.")
        .expect("the prompt gives up at the limit");
    session.exp_string("Summary").expect("the summary");
    session
        .exp_string("Result written")
        .expect("the result file");
    session.exp_eof().expect("the program ends");
    let result: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(workspace.path("r.json")).expect("result written"),
    )
    .expect("json");
    let questions = result["questions"].as_array().expect("questions");
    assert_eq!(questions.len(), 3, "every question is listed");
    assert!(
        questions
            .iter()
            .all(|question| question["answer"].is_null()),
        "text typed but not submitted is no answer: {result}"
    );
}

#[test]
fn the_scenario_prompt_completes_commands_names_and_colon_words() {
    let workspace = Workspace::new();
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"));
    command
        .args([
            "quiz",
            "--topic",
            "scenarios",
            "--seed",
            "1",
            "--count",
            "1",
        ])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("XCDRILL_NOW", "2026-11-27T09:00:00Z")
        .env("XCDRILL_DATA_DIR", workspace.path("data"));
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(10_000))
        .strip_ansi_escape_codes(true);
    let mut session = rexpect::session::spawn_with_options(command, options).expect("pty spawns");
    session
        .exp_string("a typo costs nothing")
        .expect("the intro says what costs");
    session.exp_string("org> ").expect("the org prompt");
    session.send("set st\t").expect("send");
    session.flush().expect("flush");
    session
        .exp_string("standard ")
        .expect("a keyword completed");
    session.send_control('c').expect("clear the line");
    session.send("enable customer user Za\t").expect("send");
    session.flush().expect("flush");
    session
        .exp_string("\"Zara Khan\" ")
        .expect("a name in the org completed");
    session.send_control('c').expect("clear the line");
    session.send(":sh\t").expect("send");
    session.flush().expect("flush");
    session.exp_string(":show").expect("a `:` word completed");
    session.send_line("").expect("enter");
    session
        .exp_string("Zara Khan (person account")
        .expect("the org shown");
    session.send_control('d').expect("Ctrl-D");
    session.exp_string("Summary").expect("the session ends");
    session.exp_eof().expect("the program ends");
}
