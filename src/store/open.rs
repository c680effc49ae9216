//! Opening the store file: creating the data dir, refusing a corrupt file or
//! one from a newer schema before anything is written to it, then WAL mode, a
//! busy timeout and migrations.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::schema::{self, SCHEMA_VERSION};

/// How long a writer waits for another process holding the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open, migrated connection, and whether a migration ran.
pub(super) fn connect(path: &Path) -> Result<(Connection, bool), StoreError> {
    let display = path.display().to_string();
    let sqlite = |error| StoreError::sqlite(&display, error);
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
            path: parent.display().to_string(),
            source,
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut connection = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    refuse_unusable(&connection, &display)?;
    let mode: String = connection
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NoWal {
            path: display,
            mode,
        });
    }
    // In WAL mode NORMAL loses nothing when the process dies, only on power
    // loss, and keeps a commit well under a millisecond.
    connection
        .pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite)?;
    let migrated = schema::migrate(&mut connection, &display)?;
    Ok((connection, migrated))
}

/// Reads (never writes) the header and schema: a file that is not SQLite, is
/// damaged, is another program's database or is from a newer schema is refused.
fn refuse_unusable(connection: &Connection, path: &str) -> Result<(), StoreError> {
    let sqlite = |error| StoreError::sqlite(path, error);
    // One read transaction, so the version and the schema are read from the
    // same snapshot: another process creating the store between the two reads
    // must not make a new store look like a foreign database.
    let snapshot = connection.unchecked_transaction().map_err(sqlite)?;
    let found = schema::version(&snapshot).map_err(sqlite)?;
    let n_objects: i64 = snapshot
        .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
        .map_err(sqlite)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == 0 && n_objects > 0 {
        return Err(StoreError::Corrupt {
            path: path.to_string(),
            detail: "it is an SQLite database, but not one xcdrill made".to_string(),
        });
    }
    let n_tables: i64 = if found > 0 {
        snapshot
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' \
                 AND name IN ('review', 'question_state')",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite)?
    } else {
        2
    };
    snapshot.commit().map_err(sqlite)?;
    if n_tables != 2 {
        return Err(StoreError::Corrupt {
            path: path.to_string(),
            detail: "its tables are missing".to_string(),
        });
    }
    Ok(())
}
