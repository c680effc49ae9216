//! The command line as a new user meets it: the bare command takes the quiz's
//! options, help shows a command's own options before the global ones, the
//! manual covers every subcommand, and generated scripts survive a reader
//! that stops early.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::harness::Workspace;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");

#[test]
fn the_bare_command_is_a_quiz_with_the_quiz_options() {
    let workspace = Workspace::new();
    let bare = workspace.run_with_stdin(
        &["--content", FIXTURE, "--count", "2", "--seed", "4"],
        "\n\n",
    );
    let quiz = workspace.run_with_stdin(
        &["--content", FIXTURE, "quiz", "--count", "2", "--seed", "4"],
        "\n\n",
    );
    bare.succeeds();
    assert_eq!(
        bare.stdout.lines().next(),
        Some("xcdrill · practice · 2 questions · content f457aa77 · seed 4"),
        "{}",
        bare.stdout
    );
    assert_eq!(bare.stdout, quiz.stdout);
}

#[test]
fn a_quiz_option_before_another_subcommand_is_a_usage_error() {
    let run = Workspace::new().run(&["--count", "3", "list"]);
    run.fails_with(
        2,
        "error: `--count` is a quiz option: write it after `xcdrill quiz`, or leave out `list`\n\n\
         Usage: xcdrill [OPTIONS] [COMMAND]\n\n\
         For more information, try '--help'.\n",
    );
    // Global options still go anywhere.
    Workspace::new()
        .run(&["--content", FIXTURE, "list", "--topic", "setup"])
        .succeeds();
}

#[test]
fn help_shows_the_commands_own_options_then_the_global_ones() {
    let workspace = Workspace::new();
    let run = workspace.run_with(&["report", "--help"], "", &[("COLUMNS", "100")]);
    run.succeeds();
    insta::assert_snapshot!("report_help", run.stdout);
    let run = workspace.run_with(&["--help"], "", &[("COLUMNS", "100")]);
    insta::assert_snapshot!("top_level_help", run.stdout);
}

#[test]
fn the_data_dir_comes_from_its_variable_and_an_empty_one_is_unset() {
    let workspace = Workspace::new();
    let run = workspace.run_with(
        &["quiz", "--count", "1", "--seed", "1"],
        "\n",
        &[(
            "XCDRILL_DATA_DIR",
            workspace.path("elsewhere").to_str().expect("utf-8"),
        )],
    );
    run.succeeds();
    assert!(workspace.path("elsewhere/progress.sqlite3").exists());
    // Empty means unset: the platform's data dir (here under XDG_DATA_HOME).
    if cfg!(target_os = "linux") {
        let xdg = workspace.path("xdg");
        let run = workspace.run_with(
            &["quiz", "--count", "1", "--seed", "1"],
            "\n",
            &[
                ("XCDRILL_DATA_DIR", ""),
                ("XDG_DATA_HOME", xdg.to_str().expect("utf-8")),
            ],
        );
        run.succeeds();
        assert!(xdg.join("xcdrill/progress.sqlite3").exists());
    }
}

#[test]
fn the_manual_has_every_subcommand_exit_status_and_environment() {
    let run = Workspace::new().run(&["man"]);
    run.succeeds();
    let headings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with(".SH"))
        .collect();
    assert_eq!(
        headings,
        [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH \"QUIZ OPTIONS\"",
            ".SH \"GLOBAL OPTIONS\"",
            ".SH SUBCOMMANDS",
            ".SH EXTRA",
            ".SH \"XCDRILL QUIZ\"",
            ".SH \"XCDRILL INTERVIEW\"",
            ".SH \"XCDRILL LINT\"",
            ".SH \"XCDRILL LIST\"",
            ".SH \"XCDRILL STATS\"",
            ".SH \"XCDRILL EXPORT\"",
            ".SH \"XCDRILL IMPORT\"",
            ".SH \"XCDRILL REPORT\"",
            ".SH \"XCDRILL SANDBOX\"",
            ".SH \"XCDRILL GRADE\"",
            ".SH \"XCDRILL SCHEMA\"",
            ".SH \"XCDRILL NEW\"",
            ".SH \"XCDRILL NEW BANK\"",
            ".SH \"XCDRILL COMPLETIONS\"",
            ".SH \"XCDRILL MAN\"",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH VERSION",
        ]
    );
    for variable in ["XCDRILL_DATA_DIR", "XCDRILL_NOW", "NO_COLOR"] {
        assert!(
            run.stdout.contains(&format!("\\fB{variable}\\fR\n")),
            "{variable}"
        );
    }
}

#[test]
fn completions_offer_the_contents_topics_and_question_ids() {
    let run = Workspace::new().run(&["--content", FIXTURE, "completions", "bash"]);
    run.succeeds();
    // `grade ID` and `--topic` complete from the fixture bank.
    assert!(run.stdout.contains("fixture.first-step"), "no ids");
    assert!(run.stdout.contains("accounts setup"), "no topics");
}

/// Each generator, its output read by nobody: exit 0, nothing on stderr.
#[test]
fn completions_and_man_into_a_closed_pipe_end_quietly() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
    ] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn xcdrill");
        // Close the reading end before anything is read, as `head -1` does.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("stderr read");
        let status = child.wait().expect("exits");
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}
