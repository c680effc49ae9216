//! "Nothing lost, nothing crashes": the progress store and output files under
//! foreign WAL files, repeated answers, outputs that name the store, unwritable
//! outputs, many processes at once, read-only stores and bad imports. Each test
//! is named after what broke.
//!
//! Tests run as root in CI, where `chmod` does not stop a write. xcdrill treats
//! a store file or data dir whose permission bits allow no writing as read-only
//! on purpose (root included), so `chmod a-w` exercises the read-only path here
//! as it would for any user.

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use xcdrill::session::rating::Rating;
use xcdrill::store::{Answer, Mode, Review, Store};

use super::harness::{Run, Workspace};

use super::progress::{BANK, NOW};

fn workspace() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("bank/questions.toml", BANK);
    workspace
}

/// Runs `xcdrill --content bank ARGS` at [`NOW`] with `stdin`.
fn run(workspace: &Workspace, args: &[&str], stdin: &str) -> Run {
    let mut all = vec!["--content", "bank"];
    all.extend_from_slice(args);
    workspace.run_with(
        &all,
        stdin,
        &[("XCDRILL_NOW", &NOW.to_string()), ("TZ", "UTC")],
    )
}

fn review(question_id: &str, at: i64, session: &str) -> Review {
    Review::from(Answer {
        question_id: question_id.to_string(),
        content_hash: "hash-1".to_string(),
        reviewed_at: at,
        mode: Mode::Review,
        score: 1.0,
        rating: Rating::Good,
        seconds: 4.0,
        hints: 0,
        session: session.to_string(),
    })
}

/// The store and its companions, as (name, bytes if present).
fn store_files(data: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let name = format!("progress.sqlite3{suffix}");
            let bytes = std::fs::read(data.join(&name)).ok();
            (name, bytes)
        })
        .collect()
}

/// A data dir `name` holding a closed store with `n` reviews.
fn closed_store(workspace: &Workspace, name: &str, n: i64) -> PathBuf {
    let data = workspace.path(name);
    let mut store = Store::open_in(&data).expect("store opens");
    for idx in 0..n {
        store
            .record(&review("alpha.one", NOW - 1000 + idx, name))
            .expect("recorded");
    }
    data
}

/// Copies the `-wal` of a store still open in this process beside the store in
/// `data`: what restoring a backup over an old store leaves behind.
fn plant_foreign_wal(workspace: &Workspace, data: &Path) {
    let other = workspace.path("other");
    let mut store = Store::open_in(&other).expect("store opens");
    for idx in 0..3 {
        store
            .record(&review("alpha.two", NOW - 500 + idx, "other"))
            .expect("recorded");
    }
    std::fs::copy(
        other.join("progress.sqlite3-wal"),
        data.join("progress.sqlite3-wal"),
    )
    .expect("the open store has a WAL");
    drop(store);
}

#[test]
fn a_foreign_wal_is_refused_by_every_command_and_no_byte_changes() {
    let workspace = workspace();
    let data = closed_store(&workspace, "data", 2);
    plant_foreign_wal(&workspace, &data);
    workspace.write("import.json", "[]");
    let before = store_files(&data);
    let (wal, store) = (
        data.join("progress.sqlite3-wal"),
        data.join("progress.sqlite3"),
    );
    // Not "left unchanged": that is the advice for a corrupt store.
    let refusal = format!(
        "error: `{wal}` beside the progress store `{store}` is not this store's WAL \
         (it was written for another database); SQLite would merge it into the store, \
         so xcdrill has written to neither: if the store was restored from a backup, \
         move `{wal}` aside\n",
        wal = wal.display(),
        store = store.display()
    );
    for args in [
        &["stats", "--json"][..],
        &["export"],
        &["export", "--format", "csv"],
        &["import", "import.json"],
        &["quiz", "--count", "1"],
    ] {
        run(&workspace, args, "t\n")
            .fails_with(2, &refusal)
            .stdout_is("");
        assert_eq!(store_files(&data), before, "{args:?} changed the store");
    }
}

/// A quiz killed with SIGKILL after its first answer: its WAL holds it.
fn crashed_session(workspace: &Workspace) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("xcdrill"))
        .args(["--content", "bank", "quiz", "--seed", "3", "--count", "2"])
        .current_dir(workspace.dir.path())
        .env("XCDRILL_DATA_DIR", workspace.path("data"))
        .env("XCDRILL_NOW", NOW.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn xcdrill");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    use std::io::{BufRead, Write};
    stdin.write_all(b"t\n").expect("answer");
    stdin.flush().expect("flush");
    // The second question appears only after the first answer is committed.
    for line in std::io::BufReader::new(stdout).lines() {
        if line.expect("transcript").starts_with("Question 2/2") {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
}

#[test]
fn read_only_commands_never_change_the_store_or_its_wal() {
    let workspace = workspace();
    crashed_session(&workspace);
    let data = workspace.path("data");
    let before = store_files(&data);
    assert!(before[1].1.is_some(), "the killed session left its WAL");
    let stats = run(&workspace, &["stats", "--json"], "");
    assert_eq!(
        stats.succeeds().json()["reviews"],
        1,
        "the WAL's answer is read"
    );
    for args in [&["export"][..], &["export", "--format", "csv"], &["list"]] {
        run(&workspace, args, "").succeeds();
    }
    assert_eq!(store_files(&data), before);
    // A missing store is not created by a command that only reads.
    let fresh = workspace.path("fresh");
    let stats = run(
        &workspace,
        &["--data-dir", fresh.to_str().expect("utf-8"), "stats"],
        "",
    );
    stats.succeeds();
    assert!(!fresh.exists(), "stats created the data dir");
}

#[test]
fn drill_answers_in_the_same_second_are_each_recorded() {
    let workspace = workspace();
    let answers = "f\n".repeat(30) + &"t\n".repeat(30);
    let drill = run(
        &workspace,
        &["quiz", "--mode", "drill", "--topic", "alpha", "--seed", "1"],
        &answers,
    );
    drill.succeeds();
    let graded = drill
        .stdout
        .lines()
        .filter(|line| line.starts_with("Right · ") || line.starts_with("Wrong · "))
        .count();
    assert!(graded > 20, "{}", drill.stdout);
    let exported = run(&workspace, &["export"], "").json();
    assert_eq!(exported.as_array().map(Vec::len), Some(graded));
    // Importing the export again adds nothing: every id is distinct and stable.
    workspace.write("again.json", exported.to_string());
    run(&workspace, &["import", "again.json"], "")
        .succeeds()
        .stdout_is(&format!(
            "imported 0 reviews from `again.json`; skipped {graded} already present\n"
        ));
}

// Unix: symlinks, permission bits and /proc.
#[cfg(unix)]
#[test]
fn an_output_naming_the_store_or_a_companion_is_refused() {
    let workspace = workspace();
    let data = closed_store(&workspace, "data", 1);
    std::os::unix::fs::symlink(data.join("progress.sqlite3"), workspace.path("link.json"))
        .expect("symlink");
    let before = store_files(&data);
    let store = data.join("progress.sqlite3");
    for (output, what) in [
        ("data/progress.sqlite3", ""),
        ("./data/../data/progress.sqlite3", ""),
        ("link.json", ""),
        ("data/progress.sqlite3-wal", "the `-wal` file of "),
        ("data/progress.sqlite3-shm", "the `-shm` file of "),
        ("data/progress.sqlite3-journal", "the `-journal` file of "),
    ] {
        let refusal = format!(
            "error: `{output}` is {what}the progress store `{}`; nothing was written: \
             choose another output file\n",
            store.display()
        );
        for args in [
            &["export", "--output", output][..],
            &["quiz", "--count", "1", "--output", output],
        ] {
            run(&workspace, args, "t\n")
                .fails_with(2, &refusal)
                .stdout_is("");
            assert_eq!(store_files(&data), before, "{args:?}");
        }
    }
}

// Unix: symlinks, permission bits and /proc.
#[cfg(unix)]
#[test]
fn an_unwritable_output_is_refused_before_the_first_question() {
    let workspace = workspace();
    std::fs::create_dir(workspace.path("folder")).expect("folder");
    // Read-only by permission bits, which xcdrill respects also as root.
    std::fs::create_dir(workspace.path("locked")).expect("folder");
    make_read_only(&workspace.path("locked"));
    make_read_only(&workspace.write("kept.json", "kept"));
    let locked = format!(
        "its folder `{}` is read-only",
        workspace.path("locked").display()
    );
    for (output, cause) in [
        ("folder", "it is a folder"),
        ("/proc/version", "it is read-only"),
        ("missing/result.json", "no folder `missing`"),
        ("locked/result.json", &locked),
        ("kept.json", "it is read-only"),
    ] {
        let refusal = format!("error: cannot write `{output}`\ncaused by: {cause}\n");
        run(
            &workspace,
            &["quiz", "--count", "1", "--output", output],
            "t\n",
        )
        .fails_with(2, &refusal)
        .stdout_is("");
        run(&workspace, &["export", "--output", output], "")
            .fails_with(2, &refusal)
            .stdout_is("");
    }
    // A result file replaces the old one whole, and nothing is left beside it.
    workspace.write("result.json", "old");
    let quiz = run(
        &workspace,
        &["quiz", "--count", "1", "--output", "result.json"],
        "t\n",
    );
    quiz.succeeds();
    let written = std::fs::read_to_string(workspace.path("result.json")).expect("result");
    assert!(
        written.starts_with('{') && written.ends_with("}\n"),
        "{written}"
    );
    let names: Vec<_> = std::fs::read_dir(workspace.dir.path())
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    // bank, data, folder, locked, kept.json, result.json
    assert_eq!(names.len(), 6, "{names:?}");
}

#[test]
fn many_processes_opening_a_new_store_at_once_all_wait_and_succeed() {
    let workspace = workspace();
    // Sixteen processes on a new store, fifteen times: before the fix, four
    // runs of this test in five had a process fail at once with "database is
    // locked" (two processes switching a new file to WAL mode; the loser's
    // lock upgrade inside its read transaction skips the busy handler).
    for round in 0..15 {
        let data = format!("data{round}");
        let n_processes = 16;
        for idx in 0..n_processes {
            let reviews = vec![review("alpha.one", NOW - 100, &format!("{round}-{idx}"))];
            workspace.write(
                &format!("r{round}-{idx}.json"),
                serde_json::to_string(&reviews).expect("json"),
            );
        }
        let children: Vec<_> = (0..n_processes)
            .map(|idx| {
                Command::new(assert_cmd::cargo::cargo_bin("xcdrill"))
                    .args([
                        "--content",
                        "bank",
                        "--data-dir",
                        &data,
                        "import",
                        &format!("r{round}-{idx}.json"),
                    ])
                    .current_dir(workspace.dir.path())
                    .env("XCDRILL_NOW", NOW.to_string())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("ran");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let exported = run(&workspace, &["--data-dir", &data, "export"], "").json();
        assert_eq!(exported.as_array().map(Vec::len), Some(n_processes));
    }
}

/// Takes write permission away from `path` (see the module doc about root).
#[cfg(unix)]
fn make_read_only(path: &Path) {
    let mut permissions = std::fs::metadata(path).expect("exists").permissions();
    permissions.set_mode(permissions.mode() & !0o222);
    std::fs::set_permissions(path, permissions).expect("chmod");
}

#[cfg(unix)]
#[track_caller]
fn check_read_only_use(workspace: &Workspace, data: &Path, what: &str) {
    let before = store_files(data);
    let stats = run(workspace, &["stats", "--json"], "");
    assert_eq!(stats.succeeds().json()["reviews"], 2);
    run(workspace, &["export"], "").succeeds();
    let store = data.join("progress.sqlite3");
    let quiz = run(workspace, &["quiz", "--count", "2"], "t\nf\n");
    assert!(
        quiz.succeeds().stdout.contains("Question 2/2"),
        "{}",
        quiz.stdout
    );
    // One warning, once.
    assert_eq!(
        quiz.stderr,
        format!(
            "warning: the progress store `{}` can't be written ({what} is read-only); \
             this session's answers are not recorded\n",
            store.display()
        )
    );
    workspace.write("more.json", "[]");
    run(workspace, &["import", "more.json"], "")
        .fails_with(
            2,
            &format!(
                "error: cannot write the progress store `{}`: {what} is read-only\n",
                store.display()
            ),
        )
        .stdout_is("");
    assert_eq!(store_files(data), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_read_and_practised_without_recording() {
    let workspace = workspace();
    let data = closed_store(&workspace, "data", 2);
    make_read_only(&data.join("progress.sqlite3"));
    check_read_only_use(&workspace, &data, "its file");
}

#[cfg(unix)]
#[test]
fn a_store_in_a_read_only_folder_is_read_and_practised_without_recording() {
    let workspace = workspace();
    let data = closed_store(&workspace, "data", 2);
    make_read_only(&data);
    check_read_only_use(&workspace, &data, "its folder");
    // So the temporary folder can be removed when tests run as a user.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn import_refuses_bad_entries_naming_each_and_writes_nothing() {
    let workspace = workspace();
    let good = review("alpha.one", NOW - 60, "s");
    let mut future = review("alpha.one", NOW + 86_400, "s");
    future.id = "future".to_string();
    let mut unknown = review("no.such.question", NOW - 60, "s");
    unknown.id = "unknown".to_string();
    let duplicate = good.clone();
    let mut seconds = review("alpha.two", NOW - 60, "s");
    seconds.id = "seconds".to_string();
    seconds.seconds = 1e12;
    let mut hints = serde_json::to_value(review("alpha.two", NOW - 70, "s")).expect("json");
    hints["id"] = "hints".into();
    hints["hints"] = 99_999.into();
    let entries = serde_json::json!([good, future, unknown, duplicate, seconds, hints]);
    workspace.write("bad.json", entries.to_string());
    run(&workspace, &["import", "bad.json"], "")
        .fails_with(
            2,
            &format!(
                "error: `bad.json` is not a valid review export: \
                 5 of its 6 entries are refused, so nothing was imported:\n  \
                 entry 2 (`future`): its `reviewed_at` ({}) is in the future\n  \
                 entry 3 (`unknown`): there is no question `no.such.question` in the active \
                 content (import with the `--content` it was answered with)\n  \
                 entry 4 (`{}`): its `id` is a duplicate of an earlier entry's\n  \
                 entry 5 (`seconds`): its `seconds` is not a time between 0 and 31536000 (a year)\n  \
                 entry 6 (`hints`): its `hints` is over 1000\n",
                NOW + 86_400,
                good.id
            ),
        )
        .stdout_is("");
    let exported = run(&workspace, &["export"], "").json();
    assert_eq!(exported.as_array().map(Vec::len), Some(0));

    let huge = workspace.path("huge.json");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(65 * 1024 * 1024).expect("sparse file");
    run(&workspace, &["import", "huge.json"], "")
        .fails_with(
            2,
            "error: `huge.json` is not a valid review export: \
             it is larger than 64 MiB; split it, or import it in parts\n",
        )
        .stdout_is("");
}
