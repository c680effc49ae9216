//! Reading a file named on the command line, or standard input for `-`, with
//! a size limit: the one reader of `grade --answer-file`, `import`, `report`
//! and `sandbox --script`. A named file must be a regular file (a FIFO or a
//! folder is refused before anything waits on it).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::Error;
use crate::bank::load::{self, ReadError};

/// What was read: at most the limit's bytes, and whether there was more.
pub(super) struct Input {
    /// The name shown in messages: the path, or `standard input`.
    pub shown: String,
    bytes: Vec<u8>,
    /// Whether the input is longer than the limit (its first `limit` bytes
    /// are kept).
    pub over_limit: bool,
}

/// Reads `path` (`-`: standard input), at most `limit` bytes of it.
pub(super) fn read(path: &Path, limit: u64) -> Result<Input, Error> {
    let is_stdin = path.as_os_str() == "-";
    let shown = if is_stdin {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if is_stdin {
        io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
    } else {
        load::regular_file(path)?;
        File::open(path).and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
    };
    read.map_err(|source| ReadError {
        path: shown.clone(),
        source,
    })?;
    let over_limit = bytes.len() as u64 > limit;
    bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Input {
        shown,
        bytes,
        over_limit,
    })
}

impl Input {
    /// The text; input that is not UTF-8 is an error.
    pub fn text(self) -> Result<String, Error> {
        let shown = self.shown;
        String::from_utf8(self.bytes).map_err(|_| not_utf8(shown))
    }

    /// The text, where a cut at the limit may have split the last character:
    /// that character is dropped.
    pub fn text_cut(self) -> Result<String, Error> {
        match String::from_utf8(self.bytes) {
            Ok(text) => Ok(text),
            Err(error) if self.over_limit && error.utf8_error().error_len().is_none() => {
                let valid = error.utf8_error().valid_up_to();
                let mut bytes = error.into_bytes();
                bytes.truncate(valid);
                Ok(String::from_utf8(bytes).unwrap_or_default())
            }
            Err(_) => Err(not_utf8(self.shown)),
        }
    }
}

fn not_utf8(shown: String) -> Error {
    Error::Read(ReadError {
        path: shown,
        source: io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"),
    })
}
