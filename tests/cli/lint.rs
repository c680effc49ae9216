//! `xcdrill lint`: exit statuses, human output and the JSON shape of C4.

use crate::harness::{Workspace, assert_line};

const FACTS: &str = "format_version = 1\n\n[[fact]]\nid = \"t.fact\"\nstatement = \"A fact.\"\nsource = \"seed: Quick interview answer\"\n\n[[fact]]\nid = \"t.unused\"\nstatement = \"Another fact.\"\nsource = \"D5.3\"\nconfidence = \"H\"\n";

const GOOD: &str = "format_version = 1\n\n[[question]]\nid = \"t.one\"\nkind = \"truefalse\"\ntopic = \"setup\"\nprompt = \"Digital Experiences can be disabled once enabled.\"\nanswer = false\nexplanation = \"It is irreversible.\"\nfacts = [\"t.fact\"]\n";

fn bank_with(bank: &str) -> Workspace {
    let workspace = Workspace::new();
    workspace.write("banks/facts.toml", FACTS);
    workspace.write("banks/bank.toml", bank);
    workspace
}

#[test]
fn the_embedded_content_lints_clean() {
    let run = Workspace::new().run(&["lint", "--coverage"]);
    run.succeeds();
    assert!(run.stdout.contains(": 0 errors"), "{}", run.stdout);
}

#[test]
fn a_clean_folder_exits_0_and_summarises() {
    bank_with(GOOD)
        .run(&["lint", "banks"])
        .succeeds()
        .stdout_is("1 question and 2 facts in 2 files: 0 errors, 0 warnings\n");
}

#[test]
fn errors_exit_1_with_location_snippet_and_hint() {
    let run = bank_with(&GOOD.replace("answer = false", "answr = false")).run(&["lint", "banks"]);
    run.fails_with(1, "").stdout_is(
        "error: unknown field `answr`\n \
         --> banks/bank.toml:8:1\n  |\n8 | answr = false\n  | ^^^^^\n  \
         = hint: did you mean `answer`?\n\n\
         0 questions and 2 facts in 2 files: 1 error, 0 warnings\n",
    );
}

#[test]
fn a_single_file_is_linted_with_the_facts_beside_it() {
    bank_with(GOOD)
        .run(&["lint", "banks/bank.toml"])
        .succeeds()
        .stdout_is("1 question and 2 facts in 2 files: 0 errors, 0 warnings\n");
}

#[test]
fn a_missing_path_exits_2() {
    let workspace = Workspace::new();
    workspace
        .run(&["lint", "no-such-folder"])
        .fails_with(
            2,
            &format!(
                "error: cannot read `no-such-folder`\ncaused by: {}\n",
                workspace.read_error("no-such-folder")
            ),
        )
        .stdout_is("");
}

#[test]
fn lint_of_an_empty_folder_says_there_is_nothing_to_check() {
    let workspace = Workspace::new();
    std::fs::create_dir(workspace.path("empty")).expect("mkdir");
    for args in [&["lint", "empty"][..], &["--content", "empty", "list"][..]] {
        workspace
            .run(args)
            .fails_with(
                2,
                "error: cannot read `empty`\ncaused by: there is nothing to check: the folder has no `*.toml` bank files\n",
            )
            .stdout_is("");
    }
}

#[test]
fn json_has_the_shape_of_c4() {
    let run = bank_with(&GOOD.replace("t.fact\"]", "t.nope\"]")).run(&[
        "lint",
        "banks",
        "--json",
        "--coverage",
    ]);
    run.fails_with(1, "");
    let json = run.json();
    assert_eq!(json["questions"], 0);
    let error = &json["errors"][0];
    assert_eq!(error["file"], "banks/bank.toml");
    assert_eq!(error["line"], 10);
    assert_eq!(error["column"], 10);
    assert_eq!(error["message"], "unknown fact id `t.nope`");
    // Beyond C4, what the text output shows too.
    assert_eq!(error["severity"], "error");
    assert_eq!(
        error["hint"],
        "cite the id of a [[fact]] in a file of the banks being read (`facts.toml` beside them, say)"
    );
    assert!(json["warnings"].as_array().unwrap().is_empty());
    assert_eq!(
        json["uncovered_facts"],
        serde_json::json!(["t.fact", "t.unused"])
    );
}

#[test]
fn json_without_coverage_has_no_uncovered_facts_key() {
    let json = bank_with(GOOD).run(&["lint", "banks", "--json"]).json();
    assert_eq!(json["questions"], 1);
    assert!(json.get("uncovered_facts").is_none());
}

#[test]
fn binary_and_non_utf8_files_are_named_not_fatal() {
    let workspace = bank_with(GOOD);
    workspace.write("banks/junk.toml", [0xff, 0xfe, 0x00, 0x41]);
    workspace
        .run(&["lint", "banks"])
        .fails_with(1, "")
        .stdout_is(
            "error: file is not valid UTF-8\n \
             --> banks/junk.toml:1:1\n  \
             = hint: save the bank as UTF-8 text; is this a binary file?\n\n\
             1 question and 2 facts in 2 files: 1 error, 0 warnings\n",
        );
}

#[test]
fn help_describes_the_exit_statuses() {
    let run = Workspace::new().run(&["lint", "--help"]);
    run.succeeds();
    assert_line(
        &run.stdout,
        "Exit status: 0 clean (warnings allowed), 1 errors found, 2 a path can't be read.",
    );
}

#[test]
fn lint_of_every_bank_file_named_one_by_one_is_clean() {
    let mut paths: Vec<String> = std::fs::read_dir(crate::harness::content_dir())
        .expect("content folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| path.display().to_string())
        .collect();
    paths.sort();
    let mut args = vec!["lint"];
    args.extend(paths.iter().map(String::as_str));
    args.push(crate::harness::content_dir().to_str().expect("utf-8 path"));
    let run = Workspace::new().run(&args);
    run.succeeds();
    assert!(
        run.stdout.contains(": 0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_warnings_keep_their_severity_and_hint() {
    let bank = GOOD.replace("facts = [\"t.fact\"]", "facts = [\"t.fact\", \"t.fact\"]");
    let run = bank_with(&bank).run(&["lint", "banks", "--json"]);
    run.succeeds();
    let json = run.json();
    let warnings = json["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{json}");
    assert_eq!(warnings[0]["severity"], "warning");
    assert!(
        warnings[0]["hint"]
            .as_str()
            .is_some_and(|hint| !hint.is_empty()),
        "{json}"
    );
}
