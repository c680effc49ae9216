//! Writing to the review log: recording one answer, marking a reset, importing
//! another store's export. Each call is one transaction that appends to the log
//! and updates the derived state of the questions it touched.

use std::collections::BTreeSet;

use serde::Serialize;

use super::error::StoreError;
use super::review::Review;
use super::schedule;
use super::state::{self, select_reviews};
use super::{Store, begin_write, sqlite_error};

/// What an [`Store::import`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ImportSummary {
    /// Reviews new to this store.
    pub added: usize,
    /// Reviews whose id the store already had.
    pub skipped: usize,
}

impl Store {
    /// Appends `review` to the log and updates its question's schedule, in one
    /// committed transaction: once this returns, a crash loses nothing. Every
    /// call adds a row: a review whose id is already stored (the same question
    /// answered the same way in the same second, as a drill or a frozen clock
    /// makes) is stored under its next repeat id ([`Review::repeat_id`]), so
    /// its ids stay the same wherever it is exported and imported.
    pub fn record(&mut self, review: &Review) -> Result<(), StoreError> {
        validate(review)?;
        let sqlite = sqlite_error(&self.path);
        let transaction = begin_write(&mut self.connection, &self.path, self.write_identity)?;
        schedule::refresh(
            &transaction,
            &self.path,
            &mut self.parameters,
            &mut self.scheduler,
        )?;
        let mut stored = review.clone();
        let mut repeat = 0;
        while state::has_id(&transaction, &stored.id).map_err(&sqlite)? {
            repeat += 1;
            stored.id = review.repeat_id(repeat);
        }
        let review = &stored;
        if state::append(&transaction, review).map_err(&sqlite)? {
            let previous = state::load(&transaction, &review.question_id, self.scheduler.decay())
                .map_err(&sqlite)?;
            match previous {
                // Later than everything before it: one FSRS step.
                Some(previous) if review.reviewed_at < previous.last_at => {
                    state::replay_question(
                        &transaction,
                        &self.path,
                        &self.scheduler,
                        &review.question_id,
                    )?;
                }
                previous => {
                    let next = self.scheduler.apply(previous, review)?;
                    state::save(&transaction, &next).map_err(&sqlite)?;
                }
            }
        }
        transaction.commit().map_err(&sqlite)?;
        Ok(())
    }

    /// Starts `question_id`'s progress over from `at`: appends a reset marker
    /// (mode `reset`) carrying the question's current `content_hash`, so it is
    /// new again for review and no longer flagged as changed. Earlier reviews
    /// stay in the log (and in exports) but no longer count for scheduling or
    /// mastery. Returns the marker.
    pub fn reset_question(
        &mut self,
        question_id: &str,
        content_hash: &str,
        at: i64,
        session: &str,
    ) -> Result<Review, StoreError> {
        let marker = Review::reset(question_id, content_hash, at, session);
        self.record(&marker)?;
        Ok(marker)
    }

    /// The whole log, oldest first (ties in the order recorded), for export.
    pub fn reviews(&self) -> Result<Vec<Review>, StoreError> {
        select_reviews(&self.connection, &self.path, "", [])
    }

    /// Merges `reviews` (another store's export) by review id, in one
    /// transaction: reviews already present are skipped, so importing the same
    /// file twice adds nothing. Invalid reviews are refused before anything is
    /// written.
    pub fn import(&mut self, reviews: &[Review]) -> Result<ImportSummary, StoreError> {
        for review in reviews {
            validate(review)?;
        }
        let sqlite = sqlite_error(&self.path);
        let transaction = begin_write(&mut self.connection, &self.path, self.write_identity)?;
        schedule::refresh(
            &transaction,
            &self.path,
            &mut self.parameters,
            &mut self.scheduler,
        )?;
        let mut summary = ImportSummary::default();
        let mut touched = BTreeSet::new();
        for review in reviews {
            if state::append(&transaction, review).map_err(&sqlite)? {
                summary.added += 1;
                touched.insert(review.question_id.as_str());
            } else {
                summary.skipped += 1;
            }
        }
        for question_id in touched {
            state::replay_question(&transaction, &self.path, &self.scheduler, question_id)?;
        }
        transaction.commit().map_err(&sqlite)?;
        Ok(summary)
    }
}

/// Refuses a review no quiz could have recorded.
fn validate(review: &Review) -> Result<(), StoreError> {
    match review.problem() {
        Some(message) => Err(StoreError::InvalidReview {
            id: review.id.clone(),
            message,
        }),
        None => Ok(()),
    }
}
