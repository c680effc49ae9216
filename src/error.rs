//! The errors that end a command, and the exit status each one means.

use std::io;

use thiserror::Error;

use crate::bank::load::ReadError;
use crate::diagnostic::Diagnostic;

/// Why a command could not do its work. Every variant exits with status 2
/// (usage error or unreadable input); a check that ran and failed is not an
/// error but a [`crate::Status::Failed`].
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ReadError),

    /// Content that does not validate; the diagnostics are printed first.
    #[error("the content has {} error{}; run `xcdrill lint` to see them all", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Content(Vec<Diagnostic>),

    #[error("{0}")]
    Usage(String),

    #[error(transparent)]
    Store(#[from] crate::store::StoreError),

    /// A file that was read but does not hold what it should.
    #[error("`{path}` is not a valid {what}: {message}")]
    Invalid {
        path: String,
        what: &'static str,
        message: String,
    },

    #[error("cannot write `{path}`")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error("cannot write to the terminal")]
    Output(#[from] io::Error),
}

impl Error {
    /// Whether this is only a closed pipe (`xcdrill list | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(error) if error.kind() == io::ErrorKind::BrokenPipe)
    }
}
