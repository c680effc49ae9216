//! A file named on the command line or in content that could not be read at
//! all: the loader's, the result and export readers' and the org file
//! reader's one error for it (exit status 2).

use std::io;

use thiserror::Error;

/// A path that could not be read at all.
#[derive(Debug, Error)]
#[error("cannot read `{path}`")]
pub struct ReadError {
    pub path: String,
    #[source]
    pub source: io::Error,
}
