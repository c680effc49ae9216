//! The setting of scenario and diagnose questions: an org and the goal that
//! must hold in it, and the ways of reaching it that cap a scenario's score.

use std::sync::Arc;

use crate::org::{Goal, Org};

/// An org and what must hold in it: the setting of a scenario or diagnose question.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The org as the question starts; shared by questions naming the same file.
    pub org: Arc<Org>,
    pub goal: Goal,
}

/// Reach the goal by running commands on the org.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub setup: Setup,
    /// The reference solution: commands separated by newlines or `;`.
    pub solution: String,
    /// Known-wrong solutions, none of which reaches the goal.
    pub wrong: Vec<String>,
    /// Ways of reaching the goal that cap the score.
    pub avoid: Vec<Avoid>,
}

/// A way of reaching a scenario's goal that a careful admin would not take
/// (disable and re-enable where reactivating was right).
#[derive(Debug, Clone, PartialEq)]
pub struct Avoid {
    /// The command's start, lowercase, single-spaced (`disable user`).
    pub command: String,
    /// The most a solution that ran it scores.
    pub score: f64,
    /// Why, shown in feedback.
    pub why: String,
}

impl Avoid {
    /// Whether `command_text` (a command that ran) is this way.
    pub fn matches(&self, command_text: &str) -> bool {
        normalized(command_text).starts_with(&self.command)
    }
}

/// Lowercase, words single-spaced.
pub(crate) fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Name what blocks the goal; the key is what `check` computes.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnose {
    pub setup: Setup,
}
