//! README.md's example session is what the built binary prints: the block's
//! first line is the command (`$ printf '…' | xcdrill …`), run here as shown
//! on a fresh data dir, and the rest of the block must be its output.
//!
//! When the content or the quiz's wording changes, run
//! `UPDATE_README=1 cargo test --test cli readme` to write the new transcript
//! into README.md, and read the change before committing it.

use std::path::Path;

use crate::harness::Workspace;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// The heading the example block follows.
const SECTION: &str = "## A short session\n";

/// The example block of `readme`: its byte range (the text between the
/// fences), the piped input and the arguments of its command.
fn example(readme: &str) -> (std::ops::Range<usize>, String, Vec<String>) {
    let section = readme.find(SECTION).expect("README has a short session");
    let open = "```text\n";
    let start = section + readme[section..].find(open).expect("a text block") + open.len();
    let end = start + readme[start..].find("```\n").expect("the block ends");
    let command = readme[start..end].lines().next().expect("a command line");
    let rest = command
        .strip_prefix("$ printf '")
        .expect("the block starts with `$ printf '…' | xcdrill …`");
    let (input, args) = rest
        .split_once("' | xcdrill ")
        .expect("printf's text is piped into xcdrill");
    (
        start..end,
        input.replace("\\n", "\n"),
        args.split_whitespace().map(str::to_string).collect(),
    )
}

#[test]
fn the_readme_example_session_is_what_xcdrill_prints() {
    let readme = std::fs::read_to_string(README).expect("README.md");
    let (range, input, args) = example(&readme);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = Workspace::new().run_with(&args, &input, &[("XCDRILL_NOW", "2026-11-27T09:00:00Z")]);
    run.succeeds();
    let command = readme[range.clone()].lines().next().unwrap_or_default();
    let expected = format!("{command}\n{}", run.stdout);
    if std::env::var_os("UPDATE_README").is_some() {
        let mut updated = readme.clone();
        updated.replace_range(range, &expected);
        std::fs::write(Path::new(README), updated).expect("README.md written");
        return;
    }
    assert!(
        readme[range] == expected,
        "README.md's example session is not what xcdrill prints; run `UPDATE_README=1 cargo test --test cli readme` and read the change. It prints:\n{expected}"
    );
}
