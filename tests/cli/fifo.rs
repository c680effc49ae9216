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
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "error: cannot read `pipe`\ncaused by: it is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        run.stderr
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
    let run = workspace.run_with_stdin(&["sandbox", "--script", "-"], "show licenses\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn grade_answer_file_fifo_is_refused_not_waited_on() {
    let workspace = workspace();
    check_refused(&workspace.run(&["grade", "setup.order", "--answer-file", "pipe"]));
}

#[test]
fn report_of_a_fifo_is_refused_not_waited_on() {
    check_refused(&workspace().run(&["report", "pipe"]));
}

#[test]
fn a_folder_where_a_file_belongs_is_named() {
    let workspace = Workspace::new();
    std::fs::create_dir(workspace.path("dir")).expect("mkdir");
    let run = workspace.run(&["sandbox", "--org", "dir", "--script", "-"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot read `dir`\ncaused by: it is a folder, not a regular file"),
        "{}",
        run.stderr
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
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr
                .contains("it is a named pipe with nothing reading it"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stdout.contains("1/"), "{args:?}: {}", run.stdout);
    }
}
