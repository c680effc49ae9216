//! What running a command gives back: a [`Reply`] on success, a [`Failure`] with
//! its [`Code`] otherwise, and `check`'s [`Blocker`]s.

use std::fmt;

use super::code::Code;

/// A command that failed: its code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: Code,
    pub message: String,
}

impl Failure {
    pub fn new(code: Code, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// One thing standing between a contact and a successful login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    pub code: Code,
    /// A command that removes it, or `None` where no command can.
    pub fix: Option<String>,
}

/// A command that succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// What happened, or `show`'s listing.
    pub message: String,
    /// `check`'s findings; `None` for every other command.
    pub blockers: Option<Vec<Blocker>>,
}

impl Reply {
    pub fn message(message: impl Into<String>) -> Reply {
        Reply {
            message: message.into(),
            blockers: None,
        }
    }
}

/// One command of a line, as written, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub command_text: String,
    pub result: Result<Reply, Failure>,
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }

    /// Whether the command succeeded because what it does already held
    /// (`enable digital experiences` twice): `apply` then changes nothing
    /// and its reply says so with "already", as no other success does.
    pub fn found_it_so(&self) -> bool {
        self.result
            .as_ref()
            .is_ok_and(|reply| reply.message.contains("already"))
    }

    /// The failure's code, if the command failed.
    pub fn code(&self) -> Option<Code> {
        self.result.as_ref().err().map(|failure| failure.code)
    }
    /// `` `command` fails with CODE: message `` (or `` `command` succeeds ``),
    /// as feedback and content checks name a command.
    pub fn summary(&self) -> String {
        match &self.result {
            Ok(_) => format!("`{}` succeeds", self.command_text),
            Err(failure) => format!(
                "`{}` fails with {}: {}",
                self.command_text, failure.code, failure.message
            ),
        }
    }
}
