//! Finding and reading content files: the embedded banks, or `--content` folders
//! and `lint` paths on disk. This is the only place in `bank` that does IO.
//!
//! A content folder holds bank files (`*.toml` directly in it) and org files for
//! scenario questions (`orgs/*.toml`). Each folder is listed once; org files are
//! looked up by their path relative to the folder of the bank that names them.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::limits::MAX_FILE_BYTES;
use crate::diagnostic::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/embedded_content.rs"));

/// The folder of org files inside a content folder.
pub const ORGS_DIR: &str = "orgs";

/// The bank that holds the facts, looked for beside a bank file given alone.
pub const FACTS_FILE: &str = "facts.toml";

/// One content file's text.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// The path shown in messages (`content/setup.toml`, `my-banks/x.toml`).
    pub path: Arc<str>,
    /// Which content folder the file belongs to (index into the roots).
    pub root: usize,
    /// The path relative to its content folder, with `/` separators.
    pub relative: String,
    /// Shared with the questions whose texts stand in it word for word
    /// (`QuestionTexts::in_file`), so the catalog need not copy them.
    pub text: Arc<String>,
}

/// The files of the active content: banks, and org files that banks may name.
#[derive(Debug, Clone, Default)]
pub struct ContentFiles {
    pub banks: Vec<ContentFile>,
    pub orgs: Vec<ContentFile>,
    /// Problems with individual files (too large, not UTF-8); the rest still load.
    pub diagnostics: Vec<Diagnostic>,
}

impl ContentFiles {
    /// Banks given as (path, text) pairs, all in one content folder and with
    /// no org files: content that never touched a disk (tests, benchmarks,
    /// fuzzing).
    pub fn from_texts(banks: &[(&str, &str)]) -> ContentFiles {
        ContentFiles {
            banks: banks
                .iter()
                .map(|&(path, text)| ContentFile {
                    path: Arc::from(path),
                    root: 0,
                    relative: path.to_string(),
                    text: Arc::new(text.to_string()),
                })
                .collect(),
            ..ContentFiles::default()
        }
    }

    /// The org file `relative` of content folder `root`, if it was found.
    pub fn org(&self, root: usize, relative: &str) -> Option<&ContentFile> {
        self.orgs
            .iter()
            .find(|file| file.root == root && file.relative == relative)
    }
}

pub use crate::read_error::ReadError;

/// The banks compiled into the binary.
pub fn embedded() -> ContentFiles {
    let mut files = ContentFiles::default();
    for &(relative, text) in EMBEDDED {
        let file = ContentFile {
            path: Arc::from(format!("content/{relative}")),
            root: 0,
            relative: relative.to_string(),
            text: Arc::new(text.to_string()),
        };
        if relative.starts_with(&format!("{ORGS_DIR}/")) {
            files.orgs.push(file);
        } else if !relative.contains('/') {
            files.banks.push(file);
        }
    }
    files
}

/// Reads content from disk: each path is a content folder, or a single bank file
/// (read with the `facts.toml` and `orgs/` beside it).
///
/// Paths may overlap (`lint content/*.toml`, or a folder and a file in it):
/// each file is read once, and each folder's `orgs/` once, so nothing is
/// reported as a duplicate of itself.
pub fn from_paths(paths: &[PathBuf]) -> Result<ContentFiles, ReadError> {
    let (to_read, stopped) = files_to_read(paths);
    // Large banks come in several files, read on both cores: most of the
    // time goes to the memory a file's text is read into.
    let parallel = to_read.len() > 1;
    let read = crate::parallel::run(to_read, parallel, |file| {
        let mut diagnostics = Vec::new();
        let read = read_file(&file.path, &file.dir, file.root, &mut diagnostics);
        (read, diagnostics, file.is_org)
    });
    // Problems come in the order one file after the other would meet them: a
    // file that can't be read before a path that can't be listed.
    let mut files = ContentFiles::default();
    for (file, diagnostics, is_org) in read {
        files.diagnostics.extend(diagnostics);
        match file? {
            Some(file) if is_org => files.orgs.push(file),
            Some(file) => files.banks.push(file),
            None => {}
        }
    }
    match stopped {
        Some(error) => Err(error),
        None => Ok(files),
    }
}

/// A file [`from_paths`] reads: its path, its content folder and that
/// folder's index among the roots, and whether it is an org file.
struct ToRead {
    path: PathBuf,
    dir: PathBuf,
    root: usize,
    is_org: bool,
}

/// The content folder of `path` and the bank files it names: every `*.toml`
/// file of a folder, or a file and the `facts.toml` beside it.
fn list_path(path: &Path) -> Result<(PathBuf, Vec<PathBuf>), ReadError> {
    let metadata = fs::metadata(path).map_err(|source| read_error(path, source))?;
    if metadata.is_dir() {
        let banks = toml_files(path)?;
        if banks.is_empty() {
            // "0 errors" would read as a clean bill of health.
            return Err(read_error(
                path,
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "there is nothing to check: the folder has no `*.toml` bank files",
                ),
            ));
        }
        return Ok((path.to_path_buf(), banks));
    }
    regular_file(path)?;
    let dir = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut banks = vec![path.to_path_buf()];
    let facts = dir.join(FACTS_FILE);
    let is_facts = path.file_name().is_some_and(|name| name == FACTS_FILE);
    if !is_facts && facts.is_file() {
        banks.push(facts);
    }
    Ok((dir, banks))
}

/// The files `paths` name, in order, each once; and the error that stopped
/// the listing (a path that can't be listed, or a folder without banks), if
/// one did: the files listed before it are still to be read first.
fn files_to_read(paths: &[PathBuf]) -> (Vec<ToRead>, Option<ReadError>) {
    let mut to_read = Vec::new();
    let mut seen_banks: HashSet<PathBuf> = HashSet::new();
    let mut root_dirs: Vec<PathBuf> = Vec::new();
    for path in paths {
        let listed = list_path(path);
        let (dir, bank_paths) = match listed {
            Ok(listed) => listed,
            Err(error) => return (to_read, Some(error)),
        };
        let canonical_dir = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        let (root, new_root) = match root_dirs.iter().position(|seen| *seen == canonical_dir) {
            Some(root) => (root, false),
            None => {
                root_dirs.push(canonical_dir);
                (root_dirs.len() - 1, true)
            }
        };
        for bank in bank_paths {
            let canonical = fs::canonicalize(&bank).unwrap_or_else(|_| bank.clone());
            if seen_banks.insert(canonical) {
                to_read.push(ToRead {
                    path: bank,
                    dir: dir.clone(),
                    root,
                    is_org: false,
                });
            }
        }
        let orgs_dir = dir.join(ORGS_DIR);
        if new_root && orgs_dir.is_dir() {
            match toml_files(&orgs_dir) {
                Ok(orgs) => to_read.extend(orgs.into_iter().map(|org| ToRead {
                    path: org,
                    dir: dir.clone(),
                    root,
                    is_org: true,
                })),
                Err(error) => return (to_read, Some(error)),
            }
        }
    }
    (to_read, None)
}

/// The metadata of `path` if it is a regular file (or a link to one). Anything
/// else named on the command line is refused: reading a FIFO or a device
/// could wait forever or never end, and a folder is not a file.
pub fn regular_file(path: &Path) -> Result<fs::Metadata, ReadError> {
    let metadata = fs::metadata(path).map_err(|source| read_error(path, source))?;
    if metadata.is_file() {
        return Ok(metadata);
    }
    let what = if metadata.is_dir() {
        "a folder"
    } else {
        special_file_kind(&metadata.file_type())
    };
    Err(read_error(
        path,
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {what}, not a regular file"),
        ),
    ))
}

#[cfg(unix)]
fn special_file_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// The `*.toml` files directly in `dir`, sorted by name.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let entries = fs::read_dir(dir).map_err(|source| read_error(dir, source))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| read_error(dir, source))?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "toml") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Reads one file; a file too large or not UTF-8 becomes a diagnostic, so the
/// rest of the content still loads and `lint` reports it with the others.
fn read_file(
    path: &Path,
    root_dir: &Path,
    root: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<ContentFile>, ReadError> {
    let display: Arc<str> = Arc::from(path.display().to_string());
    let metadata = fs::metadata(path).map_err(|source| read_error(path, source))?;
    if metadata.len() > MAX_FILE_BYTES as u64 {
        diagnostics.push(Diagnostic::file(
            &display,
            format!(
                "file is {} bytes, over the limit of {MAX_FILE_BYTES} (8 MiB)",
                metadata.len()
            ),
            "split the bank into several files",
        ));
        return Ok(None);
    }
    let bytes = fs::read(path).map_err(|source| read_error(path, source))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            diagnostics.push(Diagnostic {
                line,
                column,
                ..Diagnostic::file(
                    &display,
                    "file is not valid UTF-8",
                    "save the bank as UTF-8 text; is this a binary file?",
                )
            });
            return Ok(None);
        }
    };
    let relative = path
        .strip_prefix(root_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(Some(ContentFile {
        path: display,
        root,
        relative,
        text: Arc::new(text),
    }))
}

fn read_error(path: &Path, source: io::Error) -> ReadError {
    ReadError {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("a folder")).expect("temp folder writable");
        fs::write(path, text).expect("temp folder writable");
    }

    #[test]
    fn files_come_in_the_order_named_each_once_with_their_orgs() {
        let dir = tempfile::tempdir().expect("temp folder");
        let first = dir.path().join("first");
        let second = dir.path().join("second");
        write(&first.join("b.toml"), "b");
        write(&first.join("a.toml"), "a");
        write(&first.join("orgs/acme.toml"), "org");
        write(&second.join("c.toml"), "c");
        let paths = [second.clone(), first.clone(), first.join("a.toml")];
        let files = from_paths(&paths).expect("readable");
        let texts: Vec<&str> = files.banks.iter().map(|file| file.text.as_str()).collect();
        assert_eq!(texts, ["c", "a", "b"]);
        let roots: Vec<usize> = files.banks.iter().map(|file| file.root).collect();
        assert_eq!(roots, [0, 1, 1]);
        assert_eq!(files.orgs.len(), 1);
        assert_eq!(files.orgs[0].relative, "orgs/acme.toml");
    }

    #[test]
    fn a_path_that_cant_be_listed_is_reported_after_the_files_before_it() {
        let dir = tempfile::tempdir().expect("temp folder");
        write(&dir.path().join("ok/a.toml"), "a");
        let empty = dir.path().join("empty");
        fs::create_dir_all(&empty).expect("temp folder writable");
        let error = from_paths(&[dir.path().join("ok"), empty.clone()]).expect_err("empty");
        assert_eq!(error.path, empty.display().to_string());
        assert_eq!(error.source.kind(), io::ErrorKind::NotFound);
    }

    /// A file that can't be read comes before a later path that can't be
    /// listed, as when files were read one after the other.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unreadable_file_is_reported_before_a_later_missing_path() {
        // `/proc/self/mem` is a regular file whose reading fails, even for root.
        let unreadable = PathBuf::from("/proc/self/mem");
        let dir = tempfile::tempdir().expect("temp folder");
        let missing = dir.path().join("missing.toml");
        let error = from_paths(&[unreadable, missing]).expect_err("unreadable");
        assert_eq!(error.path, "/proc/self/mem");
    }
}
