//! Why a session's loop stopped before its end: the terminal failed, or the
//! caller's recorder could not keep an answer. `repl` knows nothing of the
//! store or of the command's errors; `command` turns these back into them.

use std::io;

use thiserror::Error;

/// What a recorder's failure carries: the caller's own error.
pub type RecordError = Box<dyn std::error::Error + Send + Sync>;

/// A session loop that could not go on.
#[derive(Debug, Error)]
pub enum LoopError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error("cannot record the answer")]
    Record(#[source] RecordError),
}
