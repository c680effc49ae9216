//! The errors that end a command, and the exit status each one means. Each
//! kind of failure has its own variant, so callers and tests can match on
//! what went wrong; `lib.rs` prints them in one place.

use std::io;

use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::read_error::ReadError;
use crate::repl::stop::LoopError;

/// Why a command could not do its work. Every variant exits with status 2
/// (usage error or unreadable input); a check that ran and failed is not an
/// error but a [`crate::Status::Failed`].
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ReadError),

    /// Content that does not validate; the diagnostics are printed first.
    /// `lint` is the command that lists them all (with the content's paths).
    #[error("the content has {} error{}; run `{lint}` to see them all", .diagnostics.len(), crate::text::plural(.diagnostics.len()))]
    Content {
        diagnostics: Vec<Diagnostic>,
        lint: String,
    },

    /// Options that can't be used as given; the message says which and why.
    #[error("{0}")]
    Usage(String),

    /// A topic or a question id the content does not have.
    #[error("no {what} `{name}`; {hint}")]
    Unknown {
        what: &'static str,
        name: String,
        /// The nearest names, or where to find them.
        hint: String,
    },

    /// The options leave no question to ask.
    #[error("no {what} to ask; check `--topic`")]
    NothingToAsk { what: &'static str },

    /// The environment can't give what the command needs (a data dir, a
    /// readable `XCDRILL_NOW`).
    #[error("{0}")]
    Environment(String),

    #[error(transparent)]
    Store(#[from] crate::store::StoreError),

    /// A file that was read but does not hold what it should.
    #[error("`{path}` is not a valid {what}: {message}")]
    Invalid {
        path: String,
        what: &'static str,
        message: String,
    },

    /// Result files with problems (printed above): `report` reports nothing.
    #[error("{invalid} of {files} result file{} {} problems (above); nothing was reported", crate::text::plural(*.files), if *.invalid == 1 { "has" } else { "have" })]
    Results { invalid: usize, files: usize },

    /// A file that must not be written: it exists, or it is the progress store.
    #[error("{0}")]
    Refused(String),

    #[error("cannot write `{path}`")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },

    /// The line editor could not start on this terminal.
    #[error("cannot read from the terminal")]
    Terminal(#[source] io::Error),

    /// A JSON result could not be written to standard output.
    #[error("cannot write the JSON result")]
    Json(#[source] serde_json::Error),

    #[error("cannot write to the terminal")]
    Output(#[from] io::Error),
}

impl From<LoopError> for Error {
    /// A recorder's failure is the command's own error, given back; the
    /// terminal's is [`Error::Output`].
    fn from(error: LoopError) -> Error {
        match error {
            LoopError::Io(error) => Error::Output(error),
            LoopError::Record(error) => match error.downcast::<Error>() {
                Ok(error) => *error,
                Err(other) => Error::Output(io::Error::other(other)),
            },
        }
    }
}

impl Error {
    /// Writes `error: …` and a `caused by: …` line for each cause, as the
    /// program prints the error that ends it (`report` prints one a file).
    pub fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        crate::output::styled(out, crate::output::ERROR, "error")?;
        writeln!(out, ": {self}")?;
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            writeln!(out, "caused by: {cause}")?;
            source = cause.source();
        }
        Ok(())
    }

    /// Whether this is only a closed pipe (`xcdrill list | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Output(error) => error.kind() == io::ErrorKind::BrokenPipe,
            Error::Json(error) => error.io_error_kind() == Some(io::ErrorKind::BrokenPipe),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(error: Error, message: &str) {
        assert_eq!(error.to_string(), message);
    }

    #[test]
    fn each_kind_says_what_went_wrong() {
        check(
            Error::Unknown {
                what: "topic",
                name: "setpu".into(),
                hint: "did you mean `setup`?".into(),
            },
            "no topic `setpu`; did you mean `setup`?",
        );
        check(
            Error::NothingToAsk { what: "questions" },
            "no questions to ask; check `--topic`",
        );
        check(
            Error::Results {
                invalid: 1,
                files: 1,
            },
            "1 of 1 result file has problems (above); nothing was reported",
        );
        check(
            Error::Results {
                invalid: 2,
                files: 3,
            },
            "2 of 3 result files have problems (above); nothing was reported",
        );
        check(
            Error::Terminal(io::Error::other("not a tty")),
            "cannot read from the terminal",
        );
    }

    #[test]
    fn only_a_closed_pipe_is_quiet() {
        let closed = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(Error::Output(closed()).is_broken_pipe());
        assert!(Error::Json(serde_json::Error::io(closed())).is_broken_pipe());
        assert!(!Error::Terminal(closed()).is_broken_pipe());
        assert!(!Error::Output(io::Error::from(io::ErrorKind::PermissionDenied)).is_broken_pipe());
    }

    #[test]
    fn a_recorders_own_error_comes_back_from_the_loop() {
        let recorded = LoopError::Record(Box::new(Error::Environment("no data dir".into())));
        assert!(
            matches!(Error::from(recorded), Error::Environment(message) if message == "no data dir")
        );
        let closed = LoopError::Io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(Error::from(closed).is_broken_pipe());
    }
}
