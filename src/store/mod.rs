//! The progress store: one SQLite file in the data dir holding the append-only
//! review log, and the FSRS scheduling state derived from it. Only this module
//! touches SQLite, and it knows nothing about questions beyond ids and content
//! hashes. It never reads the clock: every time comes in from the caller.
//! Schedules use the personal FSRS parameters saved by
//! [`Store::use_parameters`] (fitted with [`TrainingSet::optimize`]), else
//! FSRS's defaults.
//!
//! How the quiz uses it:
//!
//! ```
//! use xcdrill::session::rating::{rating, Rating};
//! use xcdrill::store::{Answer, Mode, Review, Store};
//!
//! # let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(&dir.path().join(xcdrill::store::FILE_NAME))?;
//! let now = 1_790_000_000; // unix seconds, from the command layer's clock
//! // Before the session: flag questions whose content changed since last time.
//! let changed = store.changed_hashes(&[("setup.order", "hash-2")])?;
//! assert!(changed.is_empty());
//! // Review mode: due questions first, then new ones (not in `known_questions`).
//! let due = store.due(now, 20)?;
//! let known = store.known_questions()?;
//! assert!(due.is_empty() && !known.contains("setup.order"));
//! // After each answer, before the next question: record it (one transaction).
//! store.record(&Review::from(Answer {
//!     question_id: "setup.order".into(),
//!     content_hash: "hash-2".into(),
//!     reviewed_at: now,
//!     mode: Mode::Review, // Mode::Cram records without moving the schedule
//!     score: 0.9,
//!     rating: rating(0.9, 0, 12.0, 0.7),
//!     seconds: 12.0,
//!     hints: 0,
//!     session: "42".into(),
//! }))?;
//! let schedule = store.schedule_of("setup.order")?.expect("scheduled");
//! assert!(schedule.due_at > now);
//! # Ok::<(), xcdrill::store::StoreError>(())
//! ```

mod error;
mod log;
mod open;
mod optimize;
mod parameters;
mod query;
mod review;
mod schedule;
mod schema;
mod state;
mod wal;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use error::StoreError;
pub use log::ImportSummary;
pub use open::BUSY_TIMEOUT;
pub use optimize::{MIN_REVIEWS, Rescheduled, TrainingSet};
pub use parameters::{N_PARAMETERS, ParameterSource, Parameters};
pub use query::{DueQuestion, HashChange};
pub use review::{Answer, Mode, Review};
pub use schedule::{
    DAY_SECONDS, DESIRED_RETENTION, QuestionState, Schedule, retrievability, weakest_first,
};
pub use schema::SCHEMA_VERSION;
pub use wal::companion;

/// The store's file name inside the data dir.
pub const FILE_NAME: &str = "progress.sqlite3";

/// An open progress store. Each process (or thread) opens its own; SQLite's WAL
/// mode and a busy timeout let several write at once.
#[derive(Debug)]
pub struct Store {
    // Declared first so it closes before the snapshot folder is removed.
    connection: Connection,
    path: PathBuf,
    /// Computes every schedule, with `parameters`.
    scheduler: schedule::Scheduler,
    /// The FSRS parameters in use: the saved personal ones, or the defaults.
    parameters: Parameters,
    /// The identity every write stamps; `None` when opened read-only.
    write_identity: Option<u32>,
    /// The private copy a read-only store reads from.
    _snapshot: Option<tempfile::TempDir>,
}

impl Store {
    /// Opens the store at `path` for reading and writing, creating it (and its
    /// folder) when missing and migrating an older schema. A damaged file,
    /// another program's database or a newer schema is refused with
    /// [`StoreError::Corrupt`] or [`StoreError::Newer`] and left byte for byte
    /// as it was; a `-wal` or `-journal` beside it that is not its own is
    /// refused before anything is opened; a store or folder that can't be
    /// written is [`StoreError::ReadOnly`] before anything is opened.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::from_opened(path, open::connect(path)?)
    }

    /// Opens the store at `path` for reading only. Its files are never
    /// changed, not even by SQLite's WAL recovery: a private copy is read.
    /// A missing store reads as empty and is not created. Writing to it fails
    /// with [`StoreError::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let mut store = Store::from_opened(path, open::snapshot(path)?)?;
        store.write_identity = None;
        Ok(store)
    }

    fn from_opened(path: &Path, opened: open::Opened) -> Result<Store, StoreError> {
        let parameters = parameters::load(&opened.connection, &path.display().to_string())?;
        let scheduler =
            schedule::Scheduler::new(&parameters.values).map_err(|error| StoreError::Corrupt {
                path: path.display().to_string(),
                detail: format!("its saved FSRS parameters are unusable ({error})"),
            })?;
        let mut store = Store {
            connection: opened.connection,
            path: path.to_path_buf(),
            scheduler,
            parameters,
            write_identity: Some(opened.identity),
            _snapshot: opened.snapshot,
        };
        if opened.migrated {
            store.rebuild_states()?;
        }
        Ok(store)
    }

    /// Opens `FILE_NAME` in the data dir `dir`.
    pub fn open_in(dir: &Path) -> Result<Store, StoreError> {
        Store::open(&dir.join(FILE_NAME))
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this store records (false when opened read-only).
    pub fn is_writable(&self) -> bool {
        self.write_identity.is_some()
    }
}

/// Starts a write transaction on a store's connection: `BEGIN IMMEDIATE` (it
/// waits for other writers instead of failing on a lock upgrade), stamping the
/// store's identity into page 1 so the WAL shows whose it is (`wal.rs`).
/// `write_identity` is `None` for a store opened read-only.
fn begin_write<'c>(
    connection: &'c mut Connection,
    path: &Path,
    write_identity: Option<u32>,
) -> Result<Transaction<'c>, StoreError> {
    let Some(identity) = write_identity else {
        return Err(StoreError::ReadOnly {
            path: path.display().to_string(),
            reason: "it was opened for reading only".to_string(),
        });
    };
    let sqlite = sqlite_error(path);
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&sqlite)?;
    schema::stamp(&transaction, identity).map_err(&sqlite)?;
    Ok(transaction)
}

/// Turns SQLite failures on the store at `path` into [`StoreError`]s.
fn sqlite_error(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::sqlite(&path.display().to_string(), source)
}

#[cfg(test)]
mod parameter_tests;
#[cfg(test)]
mod tests;
