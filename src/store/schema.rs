//! The store's tables and their migrations, versioned by `PRAGMA user_version`.
//!
//! Version 1:
//!
//! - `review`: the append-only log, one row per [`Review`](super::Review) in
//!   insertion order (`seq`), unique by `id`;
//! - `question_state`: a cache of what the log implies for each question
//!   (latest hash and score, FSRS schedule), rebuilt from the log whenever in
//!   doubt. The log is the truth.
//!
//! Version 2 adds no table: it gives the store an identity, a random
//! `PRAGMA application_id` that every write stamps into page 1, so a `-wal`
//! file can be told apart from another database's (`wal.rs`). A version-1
//! xcdrill does not stamp, so it must not write a version-2 store.
//!
//! Version 3 adds `fsrs_parameters`: at most one row, the personal FSRS
//! parameters `stats --optimize` fitted to the log (a JSON array of 21
//! numbers, when and from how many reviews of how many questions); no row
//! means FSRS's defaults. The cached states are computed with them, so a
//! version-2 xcdrill, which knows only the defaults, must not write a
//! version-3 store; it refuses it as newer.

use rusqlite::Connection;

use super::error::StoreError;

/// The newest schema this build reads and writes.
pub const SCHEMA_VERSION: i64 = 3;

/// `MIGRATIONS[n]` takes a store from version `n` to `n + 1`.
const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    r"
CREATE TABLE review (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    question_id  TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    reviewed_at  INTEGER NOT NULL,
    mode         TEXT    NOT NULL,
    score        REAL    NOT NULL,
    rating       INTEGER NOT NULL,
    seconds      REAL    NOT NULL,
    hints        INTEGER NOT NULL,
    session      TEXT    NOT NULL
);
CREATE INDEX review_by_question ON review (question_id, reviewed_at, seq);
CREATE INDEX review_by_time ON review (reviewed_at);
CREATE TABLE question_state (
    question_id      TEXT    PRIMARY KEY,
    content_hash     TEXT    NOT NULL,
    last_at          INTEGER NOT NULL,
    last_score       REAL,
    answers          INTEGER NOT NULL,
    stability        REAL,
    difficulty       REAL,
    last_reviewed_at INTEGER,
    due_at           INTEGER,
    interval_days    INTEGER,
    reviews          INTEGER
);
CREATE INDEX question_state_by_due ON question_state (due_at);
",
    "",
    r"
CREATE TABLE fsrs_parameters (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    parameters   TEXT    NOT NULL,
    optimized_at INTEGER NOT NULL,
    reviews      INTEGER NOT NULL,
    questions    INTEGER NOT NULL
);
",
];

/// The tables a store of schema `version` has.
pub(super) fn tables(version: i64) -> &'static [&'static str] {
    if version >= 3 {
        &["review", "question_state", "fsrs_parameters"]
    } else {
        &["review", "question_state"]
    }
}

/// The schema version the file at hand says it has.
pub(super) fn version(connection: &Connection) -> rusqlite::Result<i64> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings the store up to [`SCHEMA_VERSION`] in one `BEGIN IMMEDIATE`
/// transaction (so a second process opening the same new store waits, then
/// finds it migrated), and gives it an identity if it has none. Returns whether
/// a migration ran, and the identity.
pub(super) fn migrate(connection: &mut Connection, path: &str) -> Result<(bool, u32), StoreError> {
    let sqlite = |error| StoreError::sqlite(path, error);
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    let found = version(&transaction).map_err(sqlite)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let from = usize::try_from(found).unwrap_or(0);
    for migration in MIGRATIONS.iter().skip(from) {
        if !migration.is_empty() {
            transaction.execute_batch(migration).map_err(sqlite)?;
        }
    }
    if from < MIGRATIONS.len() {
        transaction
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(sqlite)?;
    }
    let mut identity = identity_of(&transaction).map_err(sqlite)?;
    if identity == 0 {
        identity = new_identity();
        stamp(&transaction, identity).map_err(sqlite)?;
    }
    transaction.commit().map_err(sqlite)?;
    Ok((from < MIGRATIONS.len(), identity))
}

/// The store's identity (0: none yet).
fn identity_of(connection: &Connection) -> rusqlite::Result<u32> {
    let stored: i64 = connection.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    // SQLite keeps the four bytes as a signed number.
    Ok(stored as i32 as u32)
}

/// Writes the identity into page 1; inside a write transaction this also puts
/// page 1, with its change counter, into the transaction.
pub(super) fn stamp(connection: &Connection, identity: u32) -> rusqlite::Result<()> {
    connection.pragma_update(None, "application_id", identity as i32)
}

/// A random, non-zero identity from the OS's randomness (std's hasher keys).
fn new_identity() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    (hasher.finish() as u32).max(1)
}
