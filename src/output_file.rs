//! Files a command writes for the user (`quiz --output`, `export --output`):
//! checked before any work, written whole or not at all. Every command that
//! writes an output file goes through [`OutputFile`].
//!
//! - [`OutputFile::check`] runs first: it refuses the progress store and its
//!   companions (`-wal`, `-shm`, `-journal`), compared as files (canonical path,
//!   or same device and inode), not as strings; a folder; a file or folder whose
//!   permission bits deny writing (also for root); and a folder where no file
//!   can be created (found by creating and removing a temporary file there), so
//!   a quiz never runs to an end it cannot save.
//! - [`OutputFile::write`] writes a temporary file in the same folder, syncs
//!   it to disk, renames it over the target and syncs the folder: a full disk
//!   or a crash leaves the old file (or none), never a short one. A symbolic
//!   link is followed and its target replaced. A device or pipe
//!   (`/dev/stdout`) is written in place, as there is nothing to replace.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// Where an output goes, checked.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// The path as the user gave it, for messages.
    given: PathBuf,
    /// The file that will be replaced or created (symbolic links resolved).
    target: PathBuf,
    /// A device, pipe or socket: written in place.
    special: bool,
    /// Whether a file is there already (it will be replaced).
    exists: bool,
}

impl OutputFile {
    /// Checks that `path` can be written and is not the progress store at
    /// `store` (or one of its companion files). Creates nothing that stays.
    pub fn check(path: &Path, store: Option<&Path>) -> Result<OutputFile, Error> {
        let unwritable = |source| Error::Write {
            path: path.display().to_string(),
            source,
        };
        let folder_of = |path: &Path| {
            path.parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        };
        let (target, special, exists) = match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                return Err(unwritable(io::Error::other("it is a folder")));
            }
            // A device or pipe (`/dev/stdout`) is written where it is; its
            // link may not resolve to a path at all. A named pipe nobody reads
            // would wait forever, so it is refused now.
            Ok(metadata) if !metadata.is_file() => {
                if fifo_without_reader(path, &metadata) {
                    return Err(unwritable(io::Error::other(
                        "it is a named pipe with nothing reading it",
                    )));
                }
                (path.to_path_buf(), true, true)
            }
            Ok(metadata) => {
                let target = std::fs::canonicalize(path).map_err(unwritable)?;
                let special = false;
                if metadata.permissions().readonly() {
                    return Err(unwritable(io::Error::new(
                        io::ErrorKind::PermissionDenied,
                        "it is read-only",
                    )));
                }
                (target, special, true)
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let folder = folder_of(path);
                let folder = std::fs::canonicalize(&folder).map_err(|_| {
                    unwritable(io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("no folder `{}`", folder.display()),
                    ))
                })?;
                let name = path
                    .file_name()
                    .ok_or_else(|| unwritable(io::Error::other("it does not name a file")))?;
                (folder.join(name), false, false)
            }
            Err(error) => return Err(unwritable(error)),
        };
        if let Some(store) = store {
            refuse_store(path, &target, store)?;
        }
        if !special {
            // As for the store, permission bits that deny writing are
            // respected also by root, who could write anyway.
            let folder = folder_of(&target);
            if std::fs::metadata(&folder).is_ok_and(|metadata| metadata.permissions().readonly()) {
                return Err(unwritable(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("its folder `{}` is read-only", folder.display()),
                )));
            }
            // The rename needs a new file in the target's folder: try one now.
            tempfile::Builder::new()
                .prefix(".xcdrill-check-")
                .tempfile_in(folder_of(&target))
                .map_err(unwritable)?;
        }
        Ok(OutputFile {
            given: path.to_path_buf(),
            target,
            special,
            exists,
        })
    }

    /// Whether a file is there already and will be replaced.
    pub fn exists(&self) -> bool {
        self.exists
    }

    /// Whether `path` names the file this output would replace (compared as
    /// files, like the store).
    pub fn replaces(&self, path: &Path) -> bool {
        !self.special
            && self.exists
            && (std::fs::canonicalize(path).is_ok_and(|path| path == self.target)
                || same_file(path, &self.target))
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Writes `bytes` as the whole new content: all of it or, on failure,
    /// nothing (the old file stays).
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        let failed = |source| Error::Write {
            path: self.given.display().to_string(),
            source,
        };
        if self.special {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&self.target)
                .map_err(failed)?;
            return file
                .write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(failed);
        }
        let folder = self.target.parent().unwrap_or(Path::new(".")).to_path_buf();
        write_atomically(&folder, &self.target, |file| file.write_all(bytes)).map_err(failed)
    }
}

/// The temporary-file, sync, rename, sync-folder sequence; `fill` writes the
/// content. On any failure the temporary file is removed and `target` is as
/// it was.
/// Whether `path` is a FIFO with no reader: opening it to write without
/// blocking fails then (ENXIO), where a blocking open would wait for ever.
#[cfg(unix)]
fn fifo_without_reader(path: &Path, metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    metadata.file_type().is_fifo()
        && std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .is_err()
}

#[cfg(not(unix))]
fn fifo_without_reader(_: &Path, _: &std::fs::Metadata) -> bool {
    false
}

fn write_atomically(
    folder: &Path,
    target: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let mut temporary = tempfile::Builder::new()
        .prefix(".xcdrill-")
        .tempfile_in(folder)?;
    fill(temporary.as_file_mut())?;
    temporary.as_file().sync_all()?;
    match std::fs::metadata(target) {
        Ok(metadata) => temporary
            .as_file()
            .set_permissions(metadata.permissions())?,
        Err(_) => new_file_permissions(temporary.as_file())?,
    }
    temporary.persist(target).map_err(|error| error.error)?;
    // The rename itself reaches the disk with the folder; not every
    // platform can open a folder to sync it, which loses only that.
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A temporary file is private (0600); a new output file is not.
#[cfg(unix)]
fn new_file_permissions(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(_: &std::fs::File) -> io::Result<()> {
    Ok(())
}

/// Refuses an output that is the store at `store` or one of its companions.
fn refuse_store(given: &Path, target: &Path, store: &Path) -> Result<(), Error> {
    let store_folder = store
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(store_folder) = std::fs::canonicalize(store_folder) else {
        // No data dir yet: nothing of the store exists to overwrite.
        return Ok(());
    };
    let Some(store_name) = store.file_name() else {
        return Ok(());
    };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = store_name.to_os_string();
        name.push(suffix);
        let file: PathBuf = store_folder.join(&name);
        if file == target || same_file(&file, target) {
            return Err(Error::Refused(format!(
                "`{}` is {}the progress store `{}`; nothing was written: choose another output file",
                given.display(),
                if suffix.is_empty() {
                    String::new()
                } else {
                    format!("the `{suffix}` file of ")
                },
                store.display()
            )));
        }
    }
    Ok(())
}

/// Whether two existing paths are the same file (hard links included).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `old` to `result.json` (if any), then `fill` through
    /// [`write_atomically`], and checks the outcome and that the folder then
    /// holds only `result.json` with `expected`.
    #[track_caller]
    fn check(
        old: Option<&str>,
        fill: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
        succeeds: bool,
        expected: Option<&str>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("result.json");
        if let Some(old) = old {
            std::fs::write(&target, old).unwrap();
        }
        assert_eq!(
            write_atomically(dir.path(), &target, fill).is_ok(),
            succeeds
        );
        assert_eq!(std::fs::read_to_string(&target).ok().as_deref(), expected);
        let n_files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(
            n_files,
            usize::from(expected.is_some()),
            "a temporary file is left"
        );
    }

    fn disk_full(file: &mut std::fs::File) -> io::Result<()> {
        file.write_all(b"{\"half\": ")?;
        Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    }

    #[test]
    fn a_full_disk_leaves_the_old_result_or_none_never_a_short_one() {
        check(Some("old result"), disk_full, false, Some("old result"));
        check(None, disk_full, false, None);
    }

    #[test]
    fn a_write_replaces_the_old_file_whole() {
        check(
            Some("old"),
            |file| file.write_all(b"new"),
            true,
            Some("new"),
        );
        check(None, |file| file.write_all(b"new"), true, Some("new"));
    }
}
