//! Personal FSRS parameters, optimised from the store's own review log as
//! Anki does: each question's scheduling reviews since its last reset, in time
//! order, become FSRS training items (the rating, and whole days since the
//! question's previous scheduling review, counted as `schedule.rs` counts
//! them), and `fsrs::compute_parameters` fits the 21 parameters to them.
//! Then [`Store::use_parameters`] saves them and replays every schedule with
//! them in one transaction.

use std::collections::BTreeMap;

use fsrs::{ComputeParametersInput, FSRSError, FSRSItem, FSRSReview};
use serde::Serialize;

use super::error::StoreError;
use super::parameters::{self, N_PARAMETERS, Parameters};
use super::review::{Mode, Review};
use super::schedule::{DAY_SECONDS, Scheduler};
use super::state;
use super::{Store, begin_write, sqlite_error};

/// The fewest reviews worth optimising from: reviews made a day or more
/// after the question's previous one (what FSRS learns from; same-day
/// repeats only shape the history). Below 64, `fsrs` itself fits only the
/// four initial stabilities; below this, xcdrill keeps the defaults.
pub const MIN_REVIEWS: usize = 64;

/// What the log offers FSRS's optimiser.
#[derive(Debug, Clone, Default)]
pub struct TrainingSet {
    /// One item per usable review: the question's history up to and
    /// including it, ordered by the time of that review.
    items: Vec<FSRSItem>,
    /// The question (its index) of each item.
    question_of: Vec<i64>,
    /// Usable reviews: scheduling reviews a day or more after the
    /// question's previous scheduling review since its last reset.
    pub reviews: usize,
    /// Questions with at least one usable review.
    pub questions: usize,
}

impl TrainingSet {
    /// The training items of `log` (every entry of every question, in any
    /// order): per question, the entries after its last reset that move a
    /// schedule (not cram), in (time, given) order.
    pub fn from_log(log: &[Review]) -> TrainingSet {
        let mut by_question: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
        for review in log {
            by_question
                .entry(&review.question_id)
                .or_default()
                .push(review);
        }
        let mut timed: Vec<(i64, i64, FSRSItem)> = Vec::new();
        let mut questions = 0;
        for (index, reviews) in by_question.values_mut().enumerate() {
            reviews.sort_by_key(|review| review.reviewed_at);
            let since_reset = reviews
                .iter()
                .rposition(|review| review.mode == Mode::Reset)
                .map_or(&reviews[..], |reset| &reviews[reset + 1..]);
            let mut history: Vec<FSRSReview> = Vec::new();
            let mut previous_at = None;
            let mut usable = false;
            for review in since_reset.iter().filter(|review| review.mode.schedules()) {
                let delta_t = previous_at.map_or(0, |previous: i64| {
                    let days = (review.reviewed_at - previous).div_euclid(DAY_SECONDS);
                    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
                });
                history.push(FSRSReview {
                    rating: u32::from(review.rating.number()),
                    delta_t,
                });
                previous_at = Some(review.reviewed_at);
                if history.len() > 1 && delta_t > 0 {
                    usable = true;
                    let item = FSRSItem {
                        reviews: history.clone(),
                    };
                    timed.push((review.reviewed_at, index as i64, item));
                }
            }
            questions += usize::from(usable);
        }
        // Stable: items of one time keep their question order.
        timed.sort_by_key(|(at, _, _)| *at);
        let reviews = timed.len();
        let (question_of, items) = timed
            .into_iter()
            .map(|(_, index, item)| (index, item))
            .unzip();
        TrainingSet {
            items,
            question_of,
            reviews,
            questions,
        }
    }

    /// Whether there are at least [`MIN_REVIEWS`] usable reviews.
    pub fn is_enough(&self) -> bool {
        self.reviews >= MIN_REVIEWS
    }

    /// Runs FSRS's optimiser over the items: personal parameters, or `None`
    /// when there is too little to learn from (under [`MIN_REVIEWS`], FSRS
    /// finding not enough data, or FSRS keeping its defaults). Pure and
    /// deterministic (FSRS seeds its own shuffles); it may take a while on a
    /// long log.
    pub fn optimize(&self) -> Result<Option<Vec<f32>>, StoreError> {
        if !self.is_enough() {
            return Ok(None);
        }
        let input = ComputeParametersInput {
            train_set: self.items.clone(),
            card_ids: Some(self.question_of.clone()),
            ..ComputeParametersInput::default()
        };
        let values = match fsrs::compute_parameters(input) {
            Ok(values) => values,
            Err(FSRSError::NotEnoughData) => return Ok(None),
            Err(error) => {
                return Err(StoreError::Optimize {
                    message: error.to_string(),
                });
            }
        };
        if values.len() != N_PARAMETERS || values.iter().any(|value| !value.is_finite()) {
            return Err(StoreError::Optimize {
                message: format!("FSRS gave {} parameters, not 21 numbers", values.len()),
            });
        }
        if values == fsrs::DEFAULT_PARAMETERS {
            return Ok(None);
        }
        Ok(Some(values))
    }
}

/// What changing the parameters did to the schedules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rescheduled {
    /// Questions with a schedule.
    pub scheduled: usize,
    /// Of those, the ones whose due date moved.
    pub moved: usize,
    /// Of those, the ones due earlier than before.
    pub earlier: usize,
    /// Of those, the ones due later than before.
    pub later: usize,
}

impl Store {
    /// The FSRS parameters every schedule of this store is computed with.
    pub fn parameters(&self) -> &Parameters {
        &self.parameters
    }

    /// The training items of the whole log (see [`TrainingSet::from_log`]).
    pub fn training_set(&self) -> Result<TrainingSet, StoreError> {
        Ok(TrainingSet::from_log(&self.reviews()?))
    }

    /// Saves `parameters` (FSRS's defaults remove any saved ones) and
    /// replays every question's schedule with them, in one transaction;
    /// from then on every schedule this store computes uses them. Returns
    /// how the due dates moved.
    pub fn use_parameters(&mut self, parameters: Parameters) -> Result<Rescheduled, StoreError> {
        let scheduler = Scheduler::new(&parameters.values)?;
        let sqlite = sqlite_error(&self.path);
        let before: BTreeMap<String, i64> = self
            .question_states()?
            .into_iter()
            .filter_map(|state| Some((state.question_id, state.schedule?.due_at)))
            .collect();
        let transaction = begin_write(&mut self.connection, &self.path, self.write_identity)?;
        parameters::save(&transaction, &parameters).map_err(&sqlite)?;
        let states = state::rebuild(&transaction, &self.path, &scheduler)?;
        transaction.commit().map_err(&sqlite)?;
        self.scheduler = scheduler;
        self.parameters = parameters;
        let mut rescheduled = Rescheduled::default();
        for state in &states {
            let Some(schedule) = &state.schedule else {
                continue;
            };
            rescheduled.scheduled += 1;
            match before.get(&state.question_id) {
                Some(&due) if due == schedule.due_at => {}
                Some(&due) => {
                    rescheduled.moved += 1;
                    if schedule.due_at < due {
                        rescheduled.earlier += 1;
                    } else {
                        rescheduled.later += 1;
                    }
                }
                // Not scheduled before: the log grew meanwhile.
                None => {}
            }
        }
        Ok(rescheduled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::rating::Rating;
    use crate::store::review::Answer;

    const T0: i64 = 1_790_000_000;

    fn entry(question_id: &str, at: i64, mode: Mode, rating: Rating) -> Review {
        Review::from(Answer {
            question_id: question_id.to_string(),
            content_hash: "h".to_string(),
            reviewed_at: at,
            mode,
            score: 1.0,
            rating,
            seconds: 5.0,
            hints: 0,
            session: "s".to_string(),
        })
    }

    fn check(log: &[Review], expected: &[&[(u32, u32)]], reviews: usize, questions: usize) {
        let set = TrainingSet::from_log(log);
        let items: Vec<Vec<(u32, u32)>> = set
            .items
            .iter()
            .map(|item| {
                item.reviews
                    .iter()
                    .map(|review| (review.rating, review.delta_t))
                    .collect()
            })
            .collect();
        let expected: Vec<Vec<(u32, u32)>> = expected.iter().map(|item| item.to_vec()).collect();
        assert_eq!(items, expected);
        assert_eq!((set.reviews, set.questions), (reviews, questions));
        assert_eq!(set.question_of.len(), set.items.len());
    }

    #[test]
    fn items_are_each_questions_scheduling_history_in_whole_days() {
        let day = DAY_SECONDS;
        let log = [
            // Given out of order: the history is by time.
            entry("a", T0 + 3600 + 3 * day, Mode::Review, Rating::Good),
            entry("a", T0, Mode::Practice, Rating::Good),
            // Same day: in the history with 0 days, not an item of its own.
            entry("a", T0 + 3600, Mode::Drill, Rating::Again),
            // Cram never schedules: not in the history.
            entry("a", T0 + 2 * day, Mode::Cram, Rating::Easy),
            // 23 hours after the last: 0 whole days, as the replay counts.
            entry(
                "a",
                T0 + 3600 + 3 * day + 23 * 3600,
                Mode::Exam,
                Rating::Hard,
            ),
            // 25 hours after the last: 1 day.
            entry("a", T0 + 3600 + 5 * day, Mode::Review, Rating::Easy),
            entry("b", T0 + day, Mode::Review, Rating::Again),
        ];
        check(
            &log,
            &[
                &[(3, 0), (1, 0), (3, 3)],
                &[(3, 0), (1, 0), (3, 3), (2, 0), (4, 1)],
            ],
            2,
            1,
        );
    }

    #[test]
    fn a_reset_drops_the_history_before_it() {
        let day = DAY_SECONDS;
        let log = [
            entry("a", T0, Mode::Review, Rating::Good),
            entry("a", T0 + 2 * day, Mode::Review, Rating::Good),
            Review::reset("a", "h2", T0 + 3 * day, "s"),
            entry("a", T0 + 4 * day, Mode::Review, Rating::Again),
            entry("a", T0 + 9 * day, Mode::Review, Rating::Good),
            entry("b", T0, Mode::Review, Rating::Good),
            entry("b", T0 + 5 * day, Mode::Review, Rating::Hard),
        ];
        // Ordered by the time of each item's last review.
        check(&log, &[&[(3, 0), (2, 5)], &[(1, 0), (3, 5)]], 2, 2);
    }

    #[test]
    fn too_few_reviews_are_not_sent_to_fsrs() {
        let log: Vec<Review> = (0..10)
            .map(|day| entry("a", T0 + day * DAY_SECONDS, Mode::Review, Rating::Good))
            .collect();
        let set = TrainingSet::from_log(&log);
        assert_eq!(set.reviews, 9);
        assert!(!set.is_enough());
        assert_eq!(set.optimize().unwrap(), None);
        assert_eq!(TrainingSet::from_log(&[]).optimize().unwrap(), None);
    }
}
