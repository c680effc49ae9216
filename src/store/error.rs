//! Why the progress store could not be opened or used. Every message names the
//! store file; the refusals say what to do and that the file was left as it was.

use std::io;

use thiserror::Error;

/// A failure of the progress store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot create the data dir `{path}`")]
    CreateDir {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error(
        "`{path}` is not a readable xcdrill progress store ({detail}); it was left unchanged: \
         restore it from a backup, or move it aside to start with empty progress"
    )]
    Corrupt { path: String, detail: String },

    #[error(
        "`{path}` was written by a newer xcdrill (store schema {found}, this version knows up to \
         {supported}); it was left unchanged: upgrade xcdrill, or use another `--data-dir`"
    )]
    Newer {
        path: String,
        found: i64,
        supported: i64,
    },

    #[error(
        "cannot put the progress store `{path}` in WAL mode (it stays in `{mode}`); \
         use a data dir on a local disk (`--data-dir`)"
    )]
    NoWal { path: String, mode: String },

    #[error("cannot create the progress store `{path}`")]
    CreateStore {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error("cannot read `{path}`")]
    Unreadable {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error("cannot copy the progress store `{path}` to read it")]
    Snapshot {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error(
        "`{wal}` beside the progress store `{path}` is not this store's WAL ({detail}); \
         SQLite would merge it into the store, so xcdrill has written to neither: if the store \
         was restored from a backup, move `{wal}` aside"
    )]
    ForeignWal {
        path: String,
        wal: String,
        detail: String,
    },

    #[error(
        "a rollback journal `{journal}` lies beside the progress store `{path}`; xcdrill never \
         leaves one and SQLite would roll it into the store, so xcdrill has written to neither: \
         move it aside"
    )]
    ForeignJournal { path: String, journal: String },

    #[error("cannot write the progress store `{path}`: {reason}")]
    ReadOnly { path: String, reason: String },

    #[error("the progress store `{path}` failed")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error("cannot schedule question `{question_id}`: {message}")]
    Schedule {
        question_id: String,
        message: String,
    },

    #[error("cannot optimise the FSRS parameters: {message}")]
    Optimize { message: String },

    #[error("review `{id}` is invalid: {message}")]
    InvalidReview { id: String, message: String },
}

impl StoreError {
    /// Wraps a SQLite failure on the store at `path`: damage to the file becomes
    /// [`StoreError::Corrupt`], anything else [`StoreError::Sqlite`].
    pub(crate) fn sqlite(path: &str, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase, ReadOnly};
        match source.sqlite_error_code() {
            Some(ReadOnly) => StoreError::ReadOnly {
                path: path.to_string(),
                reason: source.to_string(),
            },
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Corrupt {
                path: path.to_string(),
                detail: source.to_string(),
            },
            _ => StoreError::Sqlite {
                path: path.to_string(),
                source,
            },
        }
    }
}
