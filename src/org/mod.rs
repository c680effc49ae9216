//! The simulated Salesforce org (FORMAT.md, Org files and the
//! command language): its state, the command language,
//! the rules with their codes, diagnosis (`check`), goals, org files and
//! generated practice orgs.
//!
//! `org` never does IO: it turns text into values and values into text. Callers
//! (the sandbox, scenario grading, `lint`) read files and print. The usual entry
//! point is [`Org::run_line`], which parses a line and applies each command in
//! turn; a failed command changes nothing, so grading can count failures and
//! still test the [`Goal`] at the end.
//!
//! Scenario grading runs a learner's text on a clone of the question's org
//! ([`Org::run_script`]), counts the outcomes that are not [`Outcome::is_ok`],
//! tests the [`Goal`] with [`Goal::holds`], and takes feedback from
//! [`Goal::blockers`]; diagnose questions compare a learner's [`Code`]s with the
//! codes of [`Goal::blockers`]. Org files load with [`load`] (every problem as a
//! located `Diagnostic`) and save with [`to_toml`]; [`generate`] makes a verified
//! practice scenario from a seed.
//!
//! ```
//! use xcdrill::org::Org;
//!
//! let mut org = Org::new();
//! let outcomes = org.run_line("enable digital experiences; create site Hub template \"Help Center\"");
//! assert!(outcomes.iter().all(|outcome| outcome.is_ok()));
//! ```

mod apply;
mod check;
mod code;
mod command;
mod file;
mod generate;
mod goal;
mod id;
mod lookup;
mod named;
mod names;
mod outcome;
mod parse;
mod show;
mod state;

pub use apply::{MAX_SITES, NOT_MEMBER_MESSAGE, STANDARD_PROFILE_MESSAGE};
pub use check::PLACEHOLDER_OWNER_ROLE;
pub use code::Code;
pub use command::{Command, Listing};
pub use file::{OrgFile, Problem, build, load, to_toml};
pub use generate::{Generated, generate};
pub use goal::Goal;
pub use names::{quoted, same_name};
pub use outcome::{Blocker, Failure, Outcome, Reply};
pub use parse::{
    FIRST_WORDS, ParseError, Piece, Slot, Wanted, parse_command, parse_line, wanted_after,
};
pub use state::{
    Account, AccountId, Contact, ContactId, ExternalUser, ExternalUserId, InternalUser,
    InternalUserId, License, Org, Profile, ProfileId, ROLE_LEVELS, Seats, Settings, Site, SiteId,
    SiteStatus, Template, UserKind,
};

/// One command of a script, with the 1-based line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptOutcome {
    pub line: usize,
    pub outcome: Outcome,
}

impl Org {
    /// Runs every command on one line, in order. A line that is not a command
    /// gives a `PARSE_ERROR` outcome; blank lines and comments give nothing.
    pub fn run_line(&mut self, line: &str) -> Vec<Outcome> {
        parse_line(line)
            .into_iter()
            .map(|piece| Outcome {
                command_text: piece.text.to_string(),
                result: piece
                    .command
                    .map_err(|error| Failure::new(Code::ParseError, error.message))
                    .and_then(|command| self.apply(&command)),
            })
            .collect()
    }

    /// Runs a whole script, line by line.
    pub fn run_script(&mut self, script: &str) -> Vec<ScriptOutcome> {
        script
            .lines()
            .enumerate()
            .flat_map(|(idx, line)| {
                self.run_line(line)
                    .into_iter()
                    .map(move |outcome| ScriptOutcome {
                        line: idx + 1,
                        outcome,
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
