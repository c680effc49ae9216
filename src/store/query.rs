//! Reading scheduling state: what is due, what has been seen, whose content
//! changed, and the per-question states and review times `stats` summarises.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use serde::Serialize;

use super::error::StoreError;
use super::schedule::{QuestionState, Schedule};
use super::state::{self, STATE_COLUMNS};
use super::{Store, sqlite_error};

/// A question due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueQuestion {
    pub question_id: String,
    /// Unix seconds; at or before the `now` asked about.
    pub due_at: i64,
    /// The content hash of the question's latest review.
    pub content_hash_last: String,
}

/// A question whose content hash differs from the one of its latest review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HashChange {
    pub question_id: String,
    /// The hash the learner's progress was made on.
    pub reviewed_hash: String,
    /// The hash the content has now.
    pub current_hash: String,
}

impl Store {
    /// Scheduled questions due at `now` (unix seconds), most overdue first (ties
    /// by id), at most `limit`. May name questions the content no longer has;
    /// the caller skips those.
    pub fn due(&self, now: i64, limit: usize) -> Result<Vec<DueQuestion>, StoreError> {
        let sqlite = sqlite_error(&self.path);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT question_id, due_at, content_hash FROM question_state \
                 WHERE due_at <= ?1 ORDER BY due_at, question_id LIMIT ?2",
            )
            .map_err(&sqlite)?;
        let rows = statement
            .query_map(params![now, limit], |row| {
                Ok(DueQuestion {
                    question_id: row.get(0)?,
                    due_at: row.get(1)?,
                    content_hash_last: row.get(2)?,
                })
            })
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// The FSRS schedule of one question; `None` if it has never been reviewed
    /// outside cram (or was reset since).
    pub fn schedule_of(&self, question_id: &str) -> Result<Option<Schedule>, StoreError> {
        Ok(self.state_of(question_id)?.and_then(|state| state.schedule))
    }

    /// Everything the log implies about one question; `None` if it has no entries.
    pub fn state_of(&self, question_id: &str) -> Result<Option<QuestionState>, StoreError> {
        state::load(&self.connection, question_id, self.scheduler.decay())
            .map_err(sqlite_error(&self.path))
    }

    /// Ids of questions with a schedule. Review mode treats every other question
    /// of the content as new.
    pub fn known_questions(&self) -> Result<HashSet<String>, StoreError> {
        let sqlite = sqlite_error(&self.path);
        let mut statement = self
            .connection
            .prepare_cached("SELECT question_id FROM question_state WHERE due_at IS NOT NULL")
            .map_err(&sqlite)?;
        let rows = statement.query_map([], |row| row.get(0)).map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// Of `questions` (id, current content hash), those answered before with a
    /// different hash, in the given order. Questions never answered, or reset
    /// since, are not flagged.
    pub fn changed_hashes(
        &self,
        questions: &[(&str, &str)],
    ) -> Result<Vec<HashChange>, StoreError> {
        let states: HashMap<String, QuestionState> = self
            .question_states()?
            .into_iter()
            .map(|state| (state.question_id.clone(), state))
            .collect();
        Ok(questions
            .iter()
            .filter_map(|&(question_id, current)| {
                let state = states.get(question_id)?;
                (state.last_score.is_some() && state.content_hash != current).then(|| HashChange {
                    question_id: question_id.to_string(),
                    reviewed_hash: state.content_hash.clone(),
                    current_hash: current.to_string(),
                })
            })
            .collect())
    }

    /// The state of every question with log entries, by id.
    pub fn question_states(&self) -> Result<Vec<QuestionState>, StoreError> {
        let sqlite = sqlite_error(&self.path);
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT {STATE_COLUMNS} FROM question_state ORDER BY question_id"
            ))
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([], |row| state::state_from_row(row, self.scheduler.decay()))
            .map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }

    /// The time (unix seconds) of every answer in the log, oldest first; reset
    /// markers are not answers.
    pub fn answer_times(&self) -> Result<Vec<i64>, StoreError> {
        let sqlite = sqlite_error(&self.path);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT reviewed_at FROM review WHERE mode <> 'reset' ORDER BY reviewed_at",
            )
            .map_err(&sqlite)?;
        let rows = statement.query_map([], |row| row.get(0)).map_err(&sqlite)?;
        rows.collect::<Result<_, _>>().map_err(&sqlite)
    }
}
