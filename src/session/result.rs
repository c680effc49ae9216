//! A finished (or stopped) session as written by `quiz --json` and
//! `quiz --mode exam --output FILE`, and read back by `report` (C4).
//!
//! The shape is a contract: result files from one cohort are collected and
//! reported on together, so fields are only ever added.

use serde::{Deserialize, Serialize};

use crate::score::{PassMark, Score};

/// The version of the result file shape; `report` refuses newer ones.
pub const RESULT_FORMAT: u32 = 1;

/// One session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionResult {
    /// Always [`RESULT_FORMAT`] when written by this version.
    pub format: u32,
    /// The seed that picked and shuffled the questions; pass it back with `--seed`.
    pub seed: u64,
    /// `practice`, `exam`, `review`, `drill` or `cram`.
    pub mode: String,
    /// The catalog's content hash: equal hashes mean the same questions.
    pub content_hash: String,
    /// The learner (`--name`, default the OS user).
    pub name: String,
    /// RFC 3339 UTC, e.g. `2026-11-27T09:30:00Z`.
    pub started: String,
    pub ended: String,
    /// The exam's pass mark, a whole percent, when one applies.
    pub pass_percent: Option<f64>,
    /// Mean score, 0..=1: an exam's over every question set (those not
    /// reached count 0), other modes' over the questions asked.
    pub score: f64,
    /// [`PassMark::passes`] for the session's score and its pass mark (the
    /// default pass mark outside exams).
    pub passed: bool,
    /// One entry a question, in the order asked.
    pub questions: Vec<QuestionResult>,
}

impl SessionResult {
    /// The session's score; a number out of range (a file edited by hand,
    /// which `report::check` refuses) is clamped.
    pub fn score(&self) -> Score {
        Score::new(self.score)
    }

    /// The exam's pass mark; `None` when there is none or it is not a whole
    /// percent (`report::check` refuses that).
    pub fn pass_mark(&self) -> Option<PassMark> {
        self.pass_percent.and_then(PassMark::from_percent)
    }
}

/// One question of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub topic: String,
    pub kind: String,
    /// The answer as given, in the grader's terms (choices as bank letters);
    /// `null` when skipped or not reached.
    pub answer: Option<String>,
    pub score: f64,
    pub passed: bool,
    /// Seconds spent on the question.
    pub seconds: f64,
    /// Hints shown before answering (added after format 1's first files, so
    /// files without it read as 0).
    #[serde(default)]
    pub hints: u32,
}
