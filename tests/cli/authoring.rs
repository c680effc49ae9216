//! Authors' tools: `xcdrill schema` and `xcdrill new bank`.

use std::path::Path;

use crate::harness::{Workspace, content_dir};

/// The committed `schemas/WHICH.schema.json` is what `xcdrill schema WHICH` prints.
#[track_caller]
fn check_committed_schema(which: &str) {
    let run = Workspace::new().run(&["schema", which]);
    run.succeeds();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schemas/{which}.schema.json"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "`schemas/{which}.schema.json` differs from what `xcdrill schema {which}` prints; \
         run `cargo run -- schema {which} > schemas/{which}.schema.json`"
    );
}

#[test]
fn the_committed_bank_schema_is_up_to_date() {
    check_committed_schema("bank");
}

#[test]
fn the_committed_org_schema_is_up_to_date() {
    check_committed_schema("org");
}

#[test]
fn every_content_file_names_its_schema_on_its_first_line() {
    let folders = [
        (
            content_dir().to_path_buf(),
            "#:schema ../schemas/bank.schema.json",
        ),
        (
            content_dir().join("orgs"),
            "#:schema ../../schemas/org.schema.json",
        ),
    ];
    for (folder, directive) in folders {
        for entry in std::fs::read_dir(&folder).expect("content folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let text = std::fs::read_to_string(&path).expect("content file");
                assert_eq!(text.lines().next(), Some(directive), "{}", path.display());
            }
        }
    }
}

#[test]
fn new_bank_writes_a_starter_that_lints_clean() {
    let workspace = Workspace::new();
    workspace.run(&["new", "bank", "starter.toml"]).succeeds();
    workspace
        .run(&["lint", "starter.toml"])
        .succeeds()
        .stdout_is("7 questions and 1 fact in 1 file: 0 errors, 0 warnings\n");
}

#[test]
fn new_bank_refuses_to_overwrite_a_file() {
    let workspace = Workspace::new();
    workspace.write("mine.toml", "# mine\n");
    let run = workspace.run(&["new", "bank", "mine.toml"]);
    run.fails_with(
        2,
        "error: `mine.toml` already exists; choose another name or remove it first\n",
    );
    let kept = std::fs::read_to_string(workspace.path("mine.toml")).expect("file");
    assert_eq!(kept, "# mine\n");
}
