//! The `question_state` cache: reading and writing the derived state of each
//! question, and rebuilding it from the log.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::error::StoreError;
use super::review::{Mode, Review};
use super::schedule::{QuestionState, Schedule, Scheduler};
use super::{Store, begin_write, sqlite_error};
use crate::session::rating::Rating;

pub(super) const STATE_COLUMNS: &str = "question_id, content_hash, last_at, last_score, answers, \
     stability, difficulty, last_reviewed_at, due_at, interval_days, reviews";

const REVIEW_COLUMNS: &str =
    "id, question_id, content_hash, reviewed_at, mode, score, rating, seconds, hints, session";

/// A `question_state` row selected with [`STATE_COLUMNS`], cached by a
/// scheduler whose forgetting curve has this `decay`.
pub(super) fn state_from_row(row: &Row<'_>, decay: f32) -> rusqlite::Result<QuestionState> {
    let stability: Option<f64> = row.get(5)?;
    let difficulty: Option<f64> = row.get(6)?;
    let last_reviewed_at: Option<i64> = row.get(7)?;
    let due_at: Option<i64> = row.get(8)?;
    let interval_days: Option<i64> = row.get(9)?;
    let reviews: Option<u32> = row.get(10)?;
    let schedule = match (
        stability,
        difficulty,
        last_reviewed_at,
        due_at,
        interval_days,
        reviews,
    ) {
        (
            Some(stability),
            Some(difficulty),
            Some(last),
            Some(due),
            Some(interval),
            Some(reviews),
        ) => Some(Schedule {
            stability: stability as f32,
            difficulty: difficulty as f32,
            last_reviewed_at: last,
            due_at: due,
            interval_days: interval,
            reviews,
            decay,
        }),
        _ => None,
    };
    Ok(QuestionState {
        question_id: row.get(0)?,
        content_hash: row.get(1)?,
        last_at: row.get(2)?,
        last_score: row.get(3)?,
        answers: row.get(4)?,
        schedule,
    })
}

/// The cached state of one question.
pub(super) fn load(
    connection: &Connection,
    question_id: &str,
    decay: f32,
) -> rusqlite::Result<Option<QuestionState>> {
    connection
        .query_row(
            &format!("SELECT {STATE_COLUMNS} FROM question_state WHERE question_id = ?1"),
            [question_id],
            |row| state_from_row(row, decay),
        )
        .optional()
}

/// Replaces the cached state of `state.question_id`.
pub(super) fn save(connection: &Connection, state: &QuestionState) -> rusqlite::Result<()> {
    let schedule = state.schedule.as_ref();
    connection.execute(
        &format!("INSERT OR REPLACE INTO question_state ({STATE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            state.question_id,
            state.content_hash,
            state.last_at,
            state.last_score,
            state.answers,
            schedule.map(|s| f64::from(s.stability)),
            schedule.map(|s| f64::from(s.difficulty)),
            schedule.map(|s| s.last_reviewed_at),
            schedule.map(|s| s.due_at),
            schedule.map(|s| s.interval_days),
            schedule.map(|s| s.reviews),
        ],
    )?;
    Ok(())
}

/// Whether the log has a review with this id.
pub(super) fn has_id(connection: &Connection, id: &str) -> rusqlite::Result<bool> {
    connection
        .query_row("SELECT 1 FROM review WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
}

/// Inserts `review` into the log unless its id is there; returns whether it was new.
pub(super) fn append(connection: &Connection, review: &Review) -> rusqlite::Result<bool> {
    let inserted = connection.execute(
        &format!("INSERT OR IGNORE INTO review ({REVIEW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            review.id,
            review.question_id,
            review.content_hash,
            review.reviewed_at,
            review.mode.name(),
            review.score,
            review.rating.number(),
            review.seconds,
            review.hints,
            review.session,
        ],
    )?;
    Ok(inserted == 1)
}

/// Log rows matching `where_clause` (empty for all), oldest first, ties in the order recorded.
pub(super) fn select_reviews(
    connection: &Connection,
    path: &std::path::Path,
    where_clause: &str,
    parameters: impl rusqlite::Params,
) -> Result<Vec<Review>, StoreError> {
    let sqlite = sqlite_error(path);
    let sql =
        format!("SELECT {REVIEW_COLUMNS} FROM review {where_clause} ORDER BY reviewed_at, seq");
    let mut statement = connection.prepare_cached(&sql).map_err(&sqlite)?;
    let rows = statement
        .query_map(parameters, |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, f64>(5)?,
                row.get::<_, i64>(6)?,
                row.get::<_, f64>(7)?,
                row.get::<_, u32>(8)?,
                row.get::<_, String>(9)?,
            ))
        })
        .map_err(&sqlite)?;
    let mut reviews = Vec::new();
    for row in rows {
        let (
            id,
            question_id,
            content_hash,
            reviewed_at,
            mode,
            score,
            rating,
            seconds,
            hints,
            session,
        ) = row.map_err(&sqlite)?;
        let corrupt = |detail: String| StoreError::Corrupt {
            path: path.display().to_string(),
            detail,
        };
        let mode = Mode::parse(&mode)
            .ok_or_else(|| corrupt(format!("review `{id}` has an unknown mode `{mode}`")))?;
        let rating = Rating::from_number(rating)
            .ok_or_else(|| corrupt(format!("review `{id}` has an unknown rating {rating}")))?;
        reviews.push(Review {
            id,
            question_id,
            content_hash,
            reviewed_at,
            mode,
            score,
            rating,
            seconds,
            hints,
            session,
        });
    }
    Ok(reviews)
}

/// Recomputes one question's cached state from its log entries.
pub(super) fn replay_question(
    connection: &Connection,
    path: &std::path::Path,
    scheduler: &Scheduler,
    question_id: &str,
) -> Result<(), StoreError> {
    let reviews = select_reviews(connection, path, "WHERE question_id = ?1", [question_id])?;
    if let Some(state) = scheduler.replay(&reviews)? {
        save(connection, &state).map_err(sqlite_error(path))?;
    }
    Ok(())
}

impl Store {
    /// Recomputes every question's cached state from the log, in one
    /// transaction. Run after migrations; safe to run at any time.
    pub fn rebuild_states(&mut self) -> Result<(), StoreError> {
        let sqlite = sqlite_error(&self.path);
        let transaction = begin_write(&mut self.connection, &self.path, self.write_identity)?;
        super::schedule::refresh(
            &transaction,
            &self.path,
            &mut self.parameters,
            &mut self.scheduler,
        )?;
        rebuild(&transaction, &self.path, &self.scheduler)?;
        transaction.commit().map_err(&sqlite)?;
        Ok(())
    }
}

/// Replaces every cached state with the log replayed by `scheduler`, inside
/// the caller's write transaction; returns the new states.
pub(super) fn rebuild(
    transaction: &Connection,
    path: &std::path::Path,
    scheduler: &Scheduler,
) -> Result<Vec<QuestionState>, StoreError> {
    let sqlite = sqlite_error(path);
    transaction
        .execute("DELETE FROM question_state", [])
        .map_err(&sqlite)?;
    let reviews = select_reviews(transaction, path, "", [])?;
    let mut by_question: std::collections::BTreeMap<&str, Vec<Review>> = Default::default();
    for review in &reviews {
        by_question
            .entry(&review.question_id)
            .or_default()
            .push(review.clone());
    }
    let mut states = Vec::with_capacity(by_question.len());
    for question_reviews in by_question.values() {
        if let Some(state) = scheduler.replay(question_reviews)? {
            save(transaction, &state).map_err(&sqlite)?;
            states.push(state);
        }
    }
    Ok(states)
}
