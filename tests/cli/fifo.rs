//! A FIFO (or any other file that is not a regular file or folder) named on
//! the command line is refused with exit status 2 instead of waiting forever
//! for a writer. Standard input (`-`) may still be a pipe.

use crate::harness::{Run, Workspace, make_fifo};

/// A workspace with a FIFO at `pipe`.
fn workspace() -> Workspace {
    let workspace = Workspace::new();
    make_fifo(&workspace.path("pipe"));
    workspace
}

#[track_caller]
fn check_refused(run: &Run) {
    run.fails_with(
        2,
        "error: cannot read `pipe`\ncaused by: it is a FIFO (named pipe), not a regular file\n",
    );
}

#[test]
fn lint_of_a_fifo_is_refused_not_waited_on() {
    check_refused(&workspace().run(&["lint", "pipe"]));
}

#[test]
fn content_fifo_is_refused_not_waited_on() {
    check_refused(&workspace().run(&["--content", "pipe", "list"]));
}

#[test]
fn sandbox_org_and_script_fifos_are_refused_not_waited_on() {
    let workspace = workspace();
    check_refused(&workspace.run(&["sandbox", "--org", "pipe", "--script", "-"]));
    check_refused(&workspace.run(&["sandbox", "--script", "pipe"]));
    // Standard input may be a pipe: that is what `-` is for.
    workspace
        .run_with_stdin(&["sandbox", "--script", "-"], "show licenses\n")
        .succeeds();
}

#[test]
fn grade_answer_file_fifo_is_refused_not_waited_on() {
    let workspace = workspace();
    check_refused(&workspace.run(&["grade", "setup.order", "--answer-file", "pipe"]));
}

#[test]
fn report_of_a_fifo_is_refused_not_waited_on() {
    workspace().run(&["report", "pipe"]).fails_with(
        2,
        "error: cannot read `pipe`\ncaused by: it is a FIFO (named pipe), not a regular file\n\
         error: 1 of 1 result file has problems (above); nothing was reported\n",
    );
}

#[test]
fn a_folder_where_a_file_belongs_is_named() {
    let workspace = Workspace::new();
    std::fs::create_dir(workspace.path("dir")).expect("mkdir");
    let run = workspace.run(&["sandbox", "--org", "dir", "--script", "-"]);
    run.fails_with(
        2,
        "error: cannot read `dir`\ncaused by: it is a folder, not a regular file\n",
    );
}

#[test]
fn an_output_fifo_nobody_reads_is_refused_before_the_first_question() {
    let workspace = workspace();
    for args in [
        &["quiz", "--seed", "1", "--output", "pipe"][..],
        &["export", "--output", "pipe"][..],
    ] {
        let run = workspace.run_with_stdin(args, "a\n");
        run.fails_with(
            2,
            "error: cannot write `pipe`\ncaused by: it is a named pipe with nothing reading it\n",
        )
        .stdout_is("");
    }
}
