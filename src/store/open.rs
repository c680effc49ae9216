//! Opening the store file, for writing or for reading only.
//!
//! Before SQLite opens anything, the files beside the store are checked: a
//! `-wal` that is not this store's (`wal.rs`) or a rollback `-journal` (which
//! xcdrill never leaves) is refused, since SQLite would merge either into the
//! store on opening it.
//!
//! - For writing ([`connect`]): a store or data dir whose permission bits allow
//!   no writing is [`StoreError::ReadOnly`], decided from the bits so root is
//!   treated like everyone else. A new store is built under a temporary name
//!   and linked into place, so a process never sees a half-made store and
//!   several processes creating it at once never race on `journal_mode`. Then
//!   the busy timeout comes first, the checks read, and migrations run in one
//!   `BEGIN IMMEDIATE` transaction. A refused store is closed without a
//!   checkpoint, so its bytes stay as they were.
//! - For reading ([`snapshot`]): the store and its WAL are copied into a
//!   private temporary folder and the copy is opened, so nothing SQLite does on
//!   opening (WAL recovery, `-shm`, checkpoints) touches the user's files, and a
//!   read-only store or folder reads like any other.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::schema::{self, SCHEMA_VERSION};
use super::wal::{self, Verdict, companion};

/// How long a writer waits for another process holding the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Attempts at copying a store that a writer changes meanwhile.
const SNAPSHOT_ATTEMPTS: usize = 8;

/// An open, migrated connection.
pub(super) struct Opened {
    pub connection: Connection,
    /// Whether a migration ran (the derived state is then rebuilt).
    pub migrated: bool,
    /// The store's identity, stamped by every write (see `wal.rs`).
    pub identity: u32,
    /// The private copy a read-only store was opened from.
    pub snapshot: Option<tempfile::TempDir>,
}

/// Refuses companions SQLite would merge into the store on opening it;
/// returns what the WAL holds otherwise.
fn refuse_foreign_companions(path: &Path) -> Result<Verdict, StoreError> {
    let display = path.display().to_string();
    let wal_path = companion(path, "-wal");
    let unreadable = |source: io::Error| StoreError::Unreadable {
        path: wal_path.display().to_string(),
        source,
    };
    let verdict = wal::inspect(path).map_err(unreadable)?;
    if let Verdict::Foreign(detail) = verdict {
        return Err(StoreError::ForeignWal {
            path: display,
            wal: wal_path.display().to_string(),
            detail,
        });
    }
    let journal = companion(path, "-journal");
    if std::fs::metadata(&journal).is_ok_and(|metadata| metadata.len() > 0) {
        return Err(StoreError::ForeignJournal {
            path: display,
            journal: journal.display().to_string(),
        });
    }
    Ok(verdict)
}

/// Runs the checks of [`refuse_unusable`] before the store is opened for
/// writing, since a refused store opened for writing would get `-wal` and
/// `-shm` files. With no WAL to replay the file is read as `immutable` (SQLite
/// then creates and locks nothing); a store that reads as damaged that way,
/// or one with a WAL, is checked through a private copy instead.
fn refuse_unusable_unopened(path: &Path, verdict: &Verdict) -> Result<(), StoreError> {
    let display = path.display().to_string();
    if *verdict == Verdict::Nothing {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(immutable_uri(path), flags)
            .map_err(|error| StoreError::sqlite(&display, error))?;
        match refuse_unusable(&connection, &display) {
            // A writer may have rewritten the file under an immutable read:
            // only a copy taken with care says it is damaged.
            Err(StoreError::Corrupt { .. }) => {}
            checked => return checked,
        }
    }
    snapshot(path).map(|_| ())
}

/// An SQLite URI that opens `path` read-only and `immutable`.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().into_owned().into_bytes();
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// Why the store at `path` must not be written, from permission bits.
fn read_only_reason(path: &Path) -> Option<&'static str> {
    if std::fs::metadata(path).is_ok_and(|metadata| metadata.permissions().readonly()) {
        return Some("its file is read-only");
    }
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if std::fs::metadata(folder).is_ok_and(|metadata| metadata.permissions().readonly()) {
        return Some("its folder is read-only");
    }
    None
}

/// Opens the store at `path` for writing, creating it when missing and
/// migrating an older schema.
pub(super) fn connect(path: &Path) -> Result<Opened, StoreError> {
    let display = path.display().to_string();
    let sqlite = |error| StoreError::sqlite(&display, error);
    let verdict = refuse_foreign_companions(path)?;
    if path.exists() {
        refuse_unusable_unopened(path, &verdict)?;
    }
    let read_only = |reason: &str| StoreError::ReadOnly {
        path: display.clone(),
        reason: reason.to_string(),
    };
    if let Some(reason) = read_only_reason(path) {
        return Err(read_only(reason));
    }
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|source| match source.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            read_only("its folder can't be created here")
        }
        _ => StoreError::CreateDir {
            path: folder.display().to_string(),
            source,
        },
    })?;
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !path.exists() && !create(path, folder)? {
        // This file system cannot link: create in place, as SQLite does.
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut connection = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    // The busy timeout before anything that takes a lock.
    connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    // Until the store is accepted, closing must not checkpoint anything into it.
    connection
        .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(sqlite)?;
    if connection.is_readonly(rusqlite::MAIN_DB).map_err(sqlite)? {
        return Err(read_only("SQLite could open it for reading only"));
    }
    refuse_unusable(&connection, &display)?;
    set_wal(&connection, &display)?;
    let (migrated, identity) = schema::migrate(&mut connection, &display)?;
    connection
        .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
        .map_err(sqlite)?;
    Ok(Opened {
        connection,
        migrated,
        identity,
        snapshot: None,
    })
}

/// WAL mode (a no-op on every store but one being built) and its sync level.
fn set_wal(connection: &Connection, display: &str) -> Result<(), StoreError> {
    let sqlite = |error| StoreError::sqlite(display, error);
    let mode: String = connection
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::NoWal {
            path: display.to_string(),
            mode,
        });
    }
    // In WAL mode NORMAL loses nothing when the process dies, only on power
    // loss, and keeps a commit well under a millisecond.
    connection
        .pragma_update(None, "synchronous", "NORMAL")
        .map_err(sqlite)
}

/// Builds a new, migrated WAL-mode store under a temporary name in `folder`
/// and links it to `path` unless another process linked one first. Returns
/// false when the file system cannot link (nothing was created then).
fn create(path: &Path, folder: &Path) -> Result<bool, StoreError> {
    let display = path.display().to_string();
    let sqlite = |error| StoreError::sqlite(&display, error);
    let io_error = |source| StoreError::CreateStore {
        path: display.clone(),
        source,
    };
    let temporary = tempfile::Builder::new()
        .prefix(".progress-new-")
        .tempfile_in(folder)
        .map_err(io_error)?
        .into_temp_path();
    set_default_permissions(&temporary).map_err(io_error)?;
    {
        let mut connection = Connection::open(&temporary).map_err(sqlite)?;
        set_wal(&connection, &display)?;
        schema::migrate(&mut connection, &display)?;
        // Closing the only connection checkpoints and removes its WAL.
        connection.close().map_err(|(_, error)| sqlite(error))?;
    }
    let linked = match std::fs::hard_link(&temporary, path) {
        Ok(()) => true,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => true,
        Err(_) => false,
    };
    temporary.close().map_err(io_error)?;
    Ok(linked)
}

#[cfg(unix)]
fn set_default_permissions(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_: &Path) -> io::Result<()> {
    Ok(())
}

/// What identifies the state of the store's files: the database header and
/// the WAL header (a checkpoint rewrites the first, a WAL reset the second).
fn fingerprint(path: &Path) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    (
        wal::read_prefix(path, 100).ok().flatten(),
        wal::read_prefix(&companion(path, "-wal"), 32)
            .ok()
            .flatten(),
    )
}

/// Opens the store at `path` for reading only, through a private copy; a
/// missing store reads as an empty one and is not created.
pub(super) fn snapshot(path: &Path) -> Result<Opened, StoreError> {
    let display = path.display().to_string();
    let sqlite = |error| StoreError::sqlite(&display, error);
    if !path.exists() {
        let mut connection = Connection::open_in_memory().map_err(sqlite)?;
        let (_, identity) = schema::migrate(&mut connection, &display)?;
        return Ok(Opened {
            connection,
            migrated: false,
            identity,
            snapshot: None,
        });
    }
    refuse_foreign_companions(path)?;
    let copy_error = |source| StoreError::Snapshot {
        path: display.clone(),
        source,
    };
    let folder = tempfile::Builder::new()
        .prefix("xcdrill-store-")
        .tempdir()
        .map_err(copy_error)?;
    let copy = folder.path().join(super::FILE_NAME);
    let copy_wal: PathBuf = companion(&copy, "-wal");
    for _ in 0..SNAPSHOT_ATTEMPTS {
        let before = fingerprint(path);
        std::fs::copy(path, &copy).map_err(copy_error)?;
        let _ = std::fs::remove_file(&copy_wal);
        match std::fs::copy(companion(path, "-wal"), &copy_wal) {
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(copy_error(error)),
        }
        // Unchanged headers: no checkpoint wrote the store and no WAL reset
        // happened while copying, so the copy's WAL completes its database.
        if fingerprint(path) == before {
            break;
        }
    }
    let mut connection = Connection::open(&copy).map_err(sqlite)?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    refuse_unusable(&connection, &display)?;
    // An older schema is migrated in the copy only.
    let (migrated, identity) = schema::migrate(&mut connection, &display)?;
    Ok(Opened {
        connection,
        migrated,
        identity,
        snapshot: Some(folder),
    })
}

/// Reads (never writes) the header and schema: a file that is not SQLite, is
/// damaged, is another program's database or is from a newer schema is refused.
fn refuse_unusable(connection: &Connection, path: &str) -> Result<(), StoreError> {
    let sqlite = |error| StoreError::sqlite(path, error);
    // One read transaction, so the version and the schema are read from the
    // same snapshot.
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
    let expected = schema::tables(found);
    let n_tables: i64 = if found > 0 {
        let names = expected
            .iter()
            .map(|name| format!("'{name}'"))
            .collect::<Vec<_>>()
            .join(", ");
        snapshot
            .query_row(
                &format!(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({names})"
                ),
                [],
                |row| row.get(0),
            )
            .map_err(sqlite)?
    } else {
        expected.len() as i64
    };
    snapshot.commit().map_err(sqlite)?;
    if n_tables != expected.len() as i64 {
        return Err(StoreError::Corrupt {
            path: path.to_string(),
            detail: "its tables are missing".to_string(),
        });
    }
    Ok(())
}
