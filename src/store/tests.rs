//! The store through its public API, on temporary files: refusals that leave
//! the file alone, concurrent writers, scheduling, import and hash changes.

use std::path::Path;

use super::*;
use crate::session::rating::Rating;

const T0: i64 = 1_790_000_000;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    (dir, store)
}

fn answer(question_id: &str, at: i64, mode: Mode, rating: Rating, session: &str) -> Review {
    Review::from(Answer {
        question_id: question_id.to_string(),
        content_hash: "hash-1".to_string(),
        reviewed_at: at,
        mode,
        score: if rating == Rating::Again { 0.25 } else { 1.0 },
        rating,
        seconds: 12.5,
        hints: 0,
        session: session.to_string(),
    })
}

#[track_caller]
fn check_refused_unchanged(path: &Path, expected: &str) {
    let before = std::fs::read(path).unwrap();
    let error = Store::open(path)
        .expect_err("the store is refused")
        .to_string();
    assert!(error.contains(expected), "{error}");
    assert!(error.contains(&format!("`{}`", path.display())), "{error}");
    assert!(error.contains("left unchanged"), "{error}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file's bytes changed"
    );
}

#[test]
fn a_corrupt_store_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(
        &path,
        b"these are not the bytes of an SQLite database, not at all.\n".repeat(100),
    )
    .unwrap();
    check_refused_unchanged(&path, "is not a readable xcdrill progress store");
}

#[test]
fn a_damaged_store_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let mut store = Store::open(&path).unwrap();
        store
            .record(&answer("a", T0, Mode::Review, Rating::Good, "s"))
            .unwrap();
    }
    // Keep the header, wreck the schema page.
    let mut bytes = std::fs::read(&path).unwrap();
    for byte in bytes.iter_mut().skip(100).take(3000) {
        *byte = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    check_refused_unchanged(&path, "is not a readable xcdrill progress store");
}

#[test]
fn a_store_from_a_newer_schema_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch("CREATE TABLE review (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    check_refused_unchanged(
        &path,
        &format!("store schema 99, this version knows up to {SCHEMA_VERSION}"),
    );
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection.execute_batch("CREATE TABLE notes (x);").unwrap();
    }
    check_refused_unchanged(&path, "not one xcdrill made");
}

#[test]
fn reopening_keeps_everything_and_creates_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    let review = answer("setup.order", T0, Mode::Review, Rating::Good, "s");
    Store::open_in(&nested).unwrap().record(&review).unwrap();
    let store = Store::open_in(&nested).unwrap();
    assert_eq!(store.reviews().unwrap(), vec![review]);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let n_each = 200;
    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for idx in 0..n_each {
                    let question = format!("q{}", idx % 7);
                    let review = answer(
                        &question,
                        T0 + idx,
                        Mode::Review,
                        Rating::Good,
                        &writer.to_string(),
                    );
                    store.record(&review).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.reviews().unwrap().len(), 2 * n_each as usize);
}

#[test]
fn recorded_grades_schedule_and_cram_does_not() {
    let (_dir, mut store) = temp_store();
    store
        .record(&answer("q", T0, Mode::Review, Rating::Good, "s"))
        .unwrap();
    let first = store.schedule_of("q").unwrap().unwrap();
    assert_eq!(store.due(first.due_at - 1, 10).unwrap(), vec![]);
    let due = store.due(first.due_at, 10).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].question_id, "q");

    store
        .record(&answer("q", first.due_at, Mode::Cram, Rating::Again, "s"))
        .unwrap();
    assert_eq!(store.schedule_of("q").unwrap().unwrap(), first);

    store
        .record(&answer("q", first.due_at, Mode::Review, Rating::Good, "s"))
        .unwrap();
    let second = store.schedule_of("q").unwrap().unwrap();
    assert!(second.interval_days > first.interval_days);
    store
        .record(&answer("q", second.due_at, Mode::Drill, Rating::Again, "s"))
        .unwrap();
    let third = store.schedule_of("q").unwrap().unwrap();
    assert!(third.interval_days < second.interval_days);
}

#[test]
fn cram_only_questions_stay_new() {
    let (_dir, mut store) = temp_store();
    store
        .record(&answer("q", T0, Mode::Cram, Rating::Good, "s"))
        .unwrap();
    assert!(store.known_questions().unwrap().is_empty());
    assert_eq!(store.schedule_of("q").unwrap(), None);
    assert_eq!(store.state_of("q").unwrap().unwrap().last_score, Some(1.0));
}

#[test]
fn a_late_arriving_old_review_is_replayed_in_time_order() {
    let (_dir, mut store) = temp_store();
    let early = answer("q", T0, Mode::Review, Rating::Again, "a");
    let late = answer("q", T0 + 3 * DAY_SECONDS, Mode::Review, Rating::Good, "b");
    store.record(&late).unwrap();
    store.record(&early).unwrap();
    let (_other_dir, mut in_order) = temp_store();
    in_order.record(&early).unwrap();
    in_order.record(&late).unwrap();
    assert_eq!(
        store.schedule_of("q").unwrap(),
        in_order.schedule_of("q").unwrap()
    );
}

#[test]
fn export_then_import_round_trips_and_importing_twice_adds_nothing() {
    let (_dir, mut source) = temp_store();
    for idx in 0..5 {
        source
            .record(&answer(
                "q",
                T0 + idx * DAY_SECONDS,
                Mode::Review,
                Rating::Good,
                "s",
            ))
            .unwrap();
    }
    source.reset_question("r", "hash-2", T0, "s").unwrap();
    let exported = source.reviews().unwrap();
    let json = serde_json::to_string(&exported).unwrap();
    let parsed: Vec<Review> = serde_json::from_str(&json).unwrap();

    let (_other_dir, mut target) = temp_store();
    target.record(&exported[0]).unwrap();
    assert_eq!(
        target.import(&parsed).unwrap(),
        ImportSummary {
            added: 5,
            skipped: 1
        }
    );
    assert_eq!(
        target.import(&parsed).unwrap(),
        ImportSummary {
            added: 0,
            skipped: 6
        }
    );
    assert_eq!(target.reviews().unwrap(), exported);
    assert_eq!(
        target.question_states().unwrap(),
        source.question_states().unwrap()
    );
}

#[test]
fn an_invalid_import_writes_nothing() {
    let (_dir, mut store) = temp_store();
    let good = answer("q", T0, Mode::Review, Rating::Good, "s");
    let mut bad = answer("q", T0 + 1, Mode::Review, Rating::Good, "s");
    bad.score = 7.0;
    let error = store.import(&[good, bad.clone()]).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "review `{}` is invalid: its `score` is not between 0 and 1",
            bad.id
        )
    );
    assert!(store.reviews().unwrap().is_empty());
}

#[test]
fn changed_hashes_are_flagged_until_reset_or_answered_again() {
    let (_dir, mut store) = temp_store();
    store
        .record(&answer("q", T0, Mode::Review, Rating::Good, "s"))
        .unwrap();
    let current = [("q", "hash-2"), ("never", "hash-9")];
    let changed = store.changed_hashes(&current).unwrap();
    assert_eq!(
        changed,
        vec![HashChange {
            question_id: "q".to_string(),
            reviewed_hash: "hash-1".to_string(),
            current_hash: "hash-2".to_string(),
        }]
    );
    store.reset_question("q", "hash-2", T0 + 10, "s").unwrap();
    assert!(store.changed_hashes(&current).unwrap().is_empty());
    assert!(!store.known_questions().unwrap().contains("q"));
    // The log keeps the old review and the marker.
    assert_eq!(store.reviews().unwrap().len(), 2);
    assert_eq!(store.answer_times().unwrap(), vec![T0]);
}

#[test]
fn the_same_answer_recorded_twice_in_one_second_is_two_rows() {
    // A drill asks a question again at once; with a frozen clock (or a fast
    // learner) the second answer equals the first in every field, and used
    // to be dropped as "already recorded".
    let (_dir, mut store) = temp_store();
    let review = answer("q", T0, Mode::Drill, Rating::Again, "s");
    store.record(&review).unwrap();
    store.record(&review).unwrap();
    store.record(&review).unwrap();
    let stored = store.reviews().unwrap();
    let ids: Vec<&str> = stored.iter().map(|review| review.id.as_str()).collect();
    assert_eq!(
        ids,
        [review.id.clone(), review.repeat_id(1), review.repeat_id(2)]
    );
    assert_eq!(store.state_of("q").unwrap().unwrap().answers, 3);
    // The export imports elsewhere with the same ids, and twice adds nothing.
    let (_other_dir, mut other) = temp_store();
    assert_eq!(other.import(&stored).unwrap().added, 3);
    assert_eq!(other.import(&stored).unwrap().added, 0);
}

/// The cache is rebuilt from the log alone: a wrong state is corrected, a
/// missing one comes back and one the log does not imply goes.
#[test]
fn rebuilding_states_replays_the_log_over_a_damaged_cache() {
    let (_dir, mut store) = temp_store();
    for (idx, rating) in [Rating::Good, Rating::Again, Rating::Easy]
        .into_iter()
        .enumerate()
    {
        store
            .record(&answer(
                "q",
                T0 + idx as i64 * DAY_SECONDS,
                Mode::Review,
                rating,
                "s",
            ))
            .unwrap();
    }
    store
        .record(&answer("other", T0, Mode::Review, Rating::Good, "s"))
        .unwrap();
    let before = store.question_states().unwrap();
    assert_eq!(before.len(), 2);
    store
        .connection
        .execute_batch(
            "UPDATE question_state SET answers = 99, due_at = 0 WHERE question_id = 'q';
             DELETE FROM question_state WHERE question_id = 'other';
             INSERT INTO question_state (question_id, content_hash, last_at, answers)
                 VALUES ('stale', 'h', 0, 1);",
        )
        .unwrap();
    assert_ne!(store.question_states().unwrap(), before);
    store.rebuild_states().unwrap();
    assert_eq!(store.question_states().unwrap(), before);
}

/// The store's files (store, `-wal`, `-shm`, `-journal`) as bytes if present.
fn files(path: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| std::fs::read(companion(path, suffix)).ok())
        .collect()
}

/// Opening `path` for writing and for reading is refused with `expected`, and
/// no file of the store changes.
#[track_caller]
fn check_wal_refused(path: &Path, expected: &str) {
    let before = files(path);
    for opened in [Store::open(path), Store::open_read_only(path)] {
        let error = opened.expect_err("the store is refused").to_string();
        assert!(error.contains(expected), "{error}");
        assert!(error.contains("-wal`"), "{error}");
    }
    assert!(before[1].is_some(), "the test planted a WAL");
    assert_eq!(files(path), before, "a file changed");
}

/// A store at `dir` with one review, and the bytes of its `-wal` while a
/// second review is still only in the WAL.
fn store_with_wal(dir: &Path, session: &str) -> Vec<u8> {
    let mut store = Store::open_in(dir).unwrap();
    store
        .record(&answer("a", T0, Mode::Review, Rating::Good, session))
        .unwrap();
    let wal = std::fs::read(companion(&dir.join(FILE_NAME), "-wal")).unwrap();
    drop(store);
    wal
}

#[test]
fn another_stores_wal_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let wal = store_with_wal(&dir.path().join("other"), "other");
    store_with_wal(dir.path(), "mine");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(companion(&path, "-wal"), wal).unwrap();
    check_wal_refused(&path, "it was written for another database");
}

#[test]
fn an_older_copy_of_the_store_under_its_newer_wal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let path = live.join(FILE_NAME);
    let mut store = Store::open(&path).unwrap();
    store
        .record(&answer("a", T0, Mode::Review, Rating::Good, "s"))
        .unwrap();
    let backup = dir.path().join("backup");
    std::fs::create_dir(&backup).unwrap();
    // The backup: the store file alone, before the WAL reached it.
    std::fs::copy(&path, backup.join(FILE_NAME)).unwrap();
    let checkpoint = rusqlite::Connection::open(&path).unwrap();
    checkpoint
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    store
        .record(&answer("b", T0, Mode::Review, Rating::Good, "s"))
        .unwrap();
    std::fs::copy(
        companion(&path, "-wal"),
        companion(&backup.join(FILE_NAME), "-wal"),
    )
    .unwrap();
    check_wal_refused(
        &backup.join(FILE_NAME),
        "does not continue the store's saved state",
    );
}

#[test]
fn the_stores_own_wal_after_a_crash_is_read_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let path = live.join(FILE_NAME);
    let mut store = Store::open(&path).unwrap();
    for idx in 0..3 {
        store
            .record(&answer("a", T0 + idx, Mode::Review, Rating::Good, "s"))
            .unwrap();
    }
    // What a SIGKILL leaves: the store file and its WAL, copied while open.
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).unwrap();
    for suffix in ["", "-wal"] {
        std::fs::copy(
            companion(&path, suffix),
            companion(&crashed.join(FILE_NAME), suffix),
        )
        .unwrap();
    }
    let crashed = crashed.join(FILE_NAME);
    let before = files(&crashed);
    assert_eq!(
        Store::open_read_only(&crashed)
            .unwrap()
            .reviews()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(files(&crashed), before, "reading changed a file");
    assert_eq!(Store::open(&crashed).unwrap().reviews().unwrap().len(), 3);
}

#[test]
fn a_read_only_open_creates_nothing_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join(FILE_NAME);
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.reviews().unwrap().is_empty());
    let error = store
        .record(&answer("a", T0, Mode::Review, Rating::Good, "s"))
        .unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly { .. }), "{error}");
    assert!(!dir.path().join("data").exists());
}

#[cfg(unix)]
#[test]
fn a_store_whose_permissions_deny_writing_opens_read_only_only() {
    // Decided from the permission bits, so this holds when tests run as root
    // (for whom chmod would not stop a write).
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    store_with_wal(dir.path(), "s");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly { .. }), "{error}");
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .reviews()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_version_1_store_is_migrated_keeping_its_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let review = answer("a", T0, Mode::Review, Rating::Good, "s");
    {
        let mut store = Store::open(&path).unwrap();
        store.record(&review).unwrap();
    }
    {
        // Back to what version 1 wrote: no identity, no parameters table,
        // user_version 1.
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch(
                "DROP TABLE fsrs_parameters; PRAGMA application_id = 0; PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.reviews().unwrap(), vec![review]);
    let connection = rusqlite::Connection::open(&path).unwrap();
    let (version, identity): (i64, i64) = connection
        .query_row(
            "SELECT * FROM pragma_user_version, pragma_application_id",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_ne!(identity, 0);
}

#[test]
fn a_newer_wal_mode_store_is_refused_without_creating_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; CREATE TABLE review (x); PRAGMA user_version = 99;",
            )
            .unwrap();
    }
    let before = files(&path);
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::Newer { .. }), "{error}");
    // Compared by presence and length: a failure should not print 4 KiB pages.
    let shape = |files: Vec<Option<Vec<u8>>>| -> Vec<Option<usize>> {
        files
            .iter()
            .map(|file| file.as_ref().map(Vec::len))
            .collect()
    };
    assert_eq!(shape(files(&path)), shape(before.clone()));
    assert!(files(&path) == before, "the store's bytes changed");
}

#[test]
fn a_rollback_journal_beside_the_store_is_refused_and_nothing_changes() {
    // SQLite would roll a hot journal back into the store on opening it.
    let dir = tempfile::tempdir().unwrap();
    store_with_wal(dir.path(), "s");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(companion(&path, "-journal"), vec![0xd9; 512]).unwrap();
    let before = files(&path);
    for opened in [Store::open(&path), Store::open_read_only(&path)] {
        let error = opened.unwrap_err();
        assert!(
            matches!(error, StoreError::ForeignJournal { .. }),
            "{error}"
        );
    }
    assert!(files(&path) == before, "a file changed");
}

#[test]
fn opening_while_another_process_writes_never_sees_a_foreign_wal() {
    // The writer's WAL grows, is checkpointed (every 1000 pages) and reset
    // while others open the store: the WAL check and the private copy must
    // take that for what it is, and a reader never sees reviews disappear.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    Store::open(&path).unwrap();
    let n_reviews = 800;
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut store = Store::open(&path).unwrap();
            for idx in 0..n_reviews {
                let question = format!("q{}", idx % 50);
                store
                    .record(&answer(
                        &question,
                        T0 + idx,
                        Mode::Review,
                        Rating::Good,
                        "w",
                    ))
                    .unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        for read_only in [true, false] {
            let (path, done) = (&path, &done);
            scope.spawn(move || {
                let mut seen = 0;
                while !done.load(std::sync::atomic::Ordering::SeqCst) {
                    let store = if read_only {
                        Store::open_read_only(path)
                    } else {
                        Store::open(path)
                    };
                    let n = store.unwrap().reviews().unwrap().len();
                    assert!(n >= seen, "{n} reviews after {seen}");
                    seen = n;
                }
            });
        }
    });
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .reviews()
            .unwrap()
            .len(),
        n_reviews as usize
    );
}
