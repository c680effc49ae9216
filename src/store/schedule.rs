//! Scheduling state derived from the review log with FSRS: replaying a
//! question's entries in time order gives its stability, difficulty and due
//! date. Cram answers are skipped; a reset marker starts the question over.
//! The FSRS parameters are the store's personal ones when saved
//! (`parameters.rs`), FSRS's defaults otherwise. Pure: no SQLite, no clock.

use fsrs::{FSRS, MemoryState};

use super::error::StoreError;
use super::parameters::DECAY;
use super::review::{Mode, Review};
use crate::session::rating::Rating;

/// The probability of recall FSRS schedules for.
pub const DESIRED_RETENTION: f32 = 0.9;

/// Seconds in a day: intervals are whole days from the moment of the review.
pub const DAY_SECONDS: i64 = 86_400;

/// The longest interval given, in days (about ten years).
const MAX_INTERVAL_DAYS: i64 = 3_650;

/// The FSRS schedule of one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// FSRS stability: days until recall probability falls to 90%.
    pub stability: f32,
    /// FSRS difficulty, 1..=10.
    pub difficulty: f32,
    /// The last review that moved this schedule, unix seconds.
    pub last_reviewed_at: i64,
    /// When the question is next due, unix seconds.
    pub due_at: i64,
    /// `due_at - last_reviewed_at` in days, at least 1.
    pub interval_days: i64,
    /// Reviews that moved the schedule since the last reset.
    pub reviews: u32,
    /// The decay of the forgetting curve (FSRS parameter w20) of the
    /// parameters that computed this schedule: retrievability follows it.
    pub decay: f32,
}

/// Everything derived from one question's log entries.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionState {
    pub question_id: String,
    /// The content hash of the latest entry (an answer of any mode, or a reset).
    pub content_hash: String,
    /// The time of the latest entry, unix seconds.
    pub last_at: i64,
    /// The score of the latest answer of any mode since the last reset.
    pub last_score: Option<f64>,
    /// Answers of any mode since the last reset.
    pub answers: u32,
    /// `None` until a scheduling answer (not cram) since the last reset.
    pub schedule: Option<Schedule>,
}

impl QuestionState {
    /// The question's mastery at `now`, 0..=1: the latest score times the FSRS
    /// probability of still recalling it (the latest score alone when only
    /// cram answers exist), 0 when never answered.
    pub fn mastery(&self, now: i64) -> f64 {
        let score = self.last_score.unwrap_or(0.0);
        match &self.schedule {
            Some(schedule) => score * retrievability(schedule, now),
            None => score,
        }
    }
}

/// The questions answered since any reset, with their mastery at `now`,
/// weakest first (ties by id). Cram mode's "weakest questions" are the front of
/// this list, less ids the content no longer has.
pub fn weakest_first(states: &[QuestionState], now: i64) -> Vec<(&QuestionState, f64)> {
    let mut weakest: Vec<(&QuestionState, f64)> = states
        .iter()
        .filter(|state| state.last_score.is_some())
        .map(|state| (state, state.mastery(now)))
        .collect();
    weakest.sort_by(|(a, a_mastery), (b, b_mastery)| {
        a_mastery
            .total_cmp(b_mastery)
            .then_with(|| a.question_id.cmp(&b.question_id))
    });
    weakest
}

/// The FSRS probability, 0..=1, of recalling a question at `now`.
pub fn retrievability(schedule: &Schedule, now: i64) -> f64 {
    let elapsed = (now - schedule.last_reviewed_at).max(0) as f32 / DAY_SECONDS as f32;
    let memory = MemoryState {
        stability: schedule.stability,
        difficulty: schedule.difficulty,
    };
    let recall = fsrs::current_retrievability(memory, elapsed, schedule.decay);
    if recall.is_finite() {
        f64::from(recall.clamp(0.0, 1.0))
    } else {
        0.0
    }
}

/// Applies log entries to question states with one set of FSRS parameters.
#[derive(Debug, Clone)]
pub struct Scheduler {
    fsrs: FSRS,
    decay: f32,
}

impl Scheduler {
    /// A scheduler with these FSRS-6 parameters (21 numbers: FSRS's
    /// `DEFAULT_PARAMETERS`, or personal ones from [`super::optimize`]).
    pub fn new(parameters: &[f32]) -> Result<Scheduler, StoreError> {
        let invalid = |message: String| StoreError::Schedule {
            question_id: String::new(),
            message,
        };
        let decay = match parameters.get(DECAY) {
            Some(&decay) if parameters.len() == fsrs::DEFAULT_PARAMETERS.len() => decay,
            _ => {
                return Err(invalid(format!(
                    "{} FSRS parameters given, {} expected",
                    parameters.len(),
                    fsrs::DEFAULT_PARAMETERS.len()
                )));
            }
        };
        let fsrs = FSRS::new(parameters).map_err(|error| invalid(error.to_string()))?;
        Ok(Scheduler { fsrs, decay })
    }

    /// The decay of this scheduler's forgetting curve (w20).
    pub fn decay(&self) -> f32 {
        self.decay
    }

    /// The state after `review`, given the state of every earlier entry of the
    /// same question (`None` for its first entry). Entries must come in
    /// (time, insertion) order; see [`Scheduler::replay`].
    pub fn apply(
        &self,
        state: Option<QuestionState>,
        review: &Review,
    ) -> Result<QuestionState, StoreError> {
        let (last_score, answers, schedule) = match (&state, review.mode) {
            (_, Mode::Reset) => (None, 0, None),
            (Some(state), mode) => {
                let schedule = if mode.schedules() {
                    Some(self.step(state.schedule.as_ref(), review)?)
                } else {
                    state.schedule
                };
                (
                    Some(review.score),
                    state.answers.saturating_add(1),
                    schedule,
                )
            }
            (None, mode) => {
                let schedule = if mode.schedules() {
                    Some(self.step(None, review)?)
                } else {
                    None
                };
                (Some(review.score), 1, schedule)
            }
        };
        Ok(QuestionState {
            question_id: review.question_id.clone(),
            content_hash: review.content_hash.clone(),
            last_at: review.reviewed_at,
            last_score,
            answers,
            schedule,
        })
    }

    /// The state after all of one question's `reviews`, sorted here by time
    /// (ties keep their given order); `None` for no reviews.
    pub fn replay(&self, reviews: &[Review]) -> Result<Option<QuestionState>, StoreError> {
        let mut ordered: Vec<&Review> = reviews.iter().collect();
        ordered.sort_by_key(|review| review.reviewed_at);
        let mut state = None;
        for review in ordered {
            state = Some(self.apply(state, review)?);
        }
        Ok(state)
    }

    /// One FSRS step from `previous` with the review's rating.
    fn step(&self, previous: Option<&Schedule>, review: &Review) -> Result<Schedule, StoreError> {
        let days_elapsed = previous.map_or(0, |schedule| {
            let days = (review.reviewed_at - schedule.last_reviewed_at).div_euclid(DAY_SECONDS);
            u32::try_from(days.max(0)).unwrap_or(u32::MAX)
        });
        let memory = previous.map(|schedule| MemoryState {
            stability: schedule.stability,
            difficulty: schedule.difficulty,
        });
        let next = self
            .fsrs
            .next_states(memory, DESIRED_RETENTION, days_elapsed)
            .map_err(|error| StoreError::Schedule {
                question_id: review.question_id.clone(),
                message: error.to_string(),
            })?;
        let item = match review.rating {
            Rating::Again => next.again,
            Rating::Hard => next.hard,
            Rating::Good => next.good,
            Rating::Easy => next.easy,
        };
        let interval_days = if item.interval.is_finite() {
            (item.interval.round() as i64).clamp(1, MAX_INTERVAL_DAYS)
        } else {
            1
        };
        Ok(Schedule {
            stability: item.memory.stability,
            difficulty: item.memory.difficulty,
            last_reviewed_at: review.reviewed_at,
            due_at: review
                .reviewed_at
                .saturating_add(interval_days * DAY_SECONDS),
            interval_days,
            reviews: previous.map_or(1, |schedule| schedule.reviews.saturating_add(1)),
            decay: self.decay,
        })
    }
}

/// Inside a write transaction, takes up the parameters saved now: another
/// process may have optimised since this store was opened, and a state must
/// be computed with the parameters the rest of the cache was rebuilt with.
pub(super) fn refresh(
    connection: &rusqlite::Connection,
    path: &std::path::Path,
    parameters: &mut super::parameters::Parameters,
    scheduler: &mut Scheduler,
) -> Result<(), StoreError> {
    let saved = super::parameters::load(connection, &path.display().to_string())?;
    if saved != *parameters {
        *scheduler = Scheduler::new(&saved.values)?;
        *parameters = saved;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::review::Answer;

    fn answer(at_day: i64, mode: Mode, rating: Rating) -> Review {
        Review::from(Answer {
            question_id: "setup.order".to_string(),
            content_hash: "h1".to_string(),
            reviewed_at: 1_700_000_000 + at_day * DAY_SECONDS,
            mode,
            score: if rating == Rating::Again { 0.2 } else { 1.0 },
            rating,
            seconds: 30.0,
            hints: 0,
            session: "s".to_string(),
        })
    }

    /// Reviews each time the question falls due, returning the intervals given.
    fn intervals(ratings: &[Rating]) -> Vec<i64> {
        let scheduler = Scheduler::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
        let mut state: Option<QuestionState> = None;
        let mut day = 0;
        let mut intervals = Vec::new();
        for &rating in ratings {
            let next = scheduler
                .apply(state, &answer(day, Mode::Review, rating))
                .unwrap();
            let schedule = next.schedule.unwrap();
            intervals.push(schedule.interval_days);
            day += schedule.interval_days;
            state = Some(next);
        }
        intervals
    }

    #[test]
    fn a_run_of_good_grades_lengthens_intervals() {
        let intervals = intervals(&[Rating::Good; 5]);
        assert!(
            intervals.windows(2).all(|pair| pair[1] > pair[0]),
            "{intervals:?}"
        );
    }

    #[test]
    fn again_shortens_the_interval() {
        let intervals = intervals(&[Rating::Good, Rating::Good, Rating::Good, Rating::Again]);
        assert!(intervals[3] < intervals[2], "{intervals:?}");
    }

    #[test]
    fn cram_answers_change_no_schedule_but_update_the_score() {
        let scheduler = Scheduler::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
        let first = answer(0, Mode::Review, Rating::Good);
        let cram = answer(1, Mode::Cram, Rating::Again);
        let without = scheduler
            .replay(std::slice::from_ref(&first))
            .unwrap()
            .unwrap();
        let with = scheduler.replay(&[first, cram]).unwrap().unwrap();
        assert_eq!(with.schedule, without.schedule);
        assert_eq!(with.last_score, Some(0.2));
        assert_eq!(with.answers, 2);
    }

    #[test]
    fn a_reset_starts_the_question_over() {
        let scheduler = Scheduler::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
        let reset = Review::reset("setup.order", "h2", 1_700_000_000 + DAY_SECONDS, "s");
        let state = scheduler
            .replay(&[answer(0, Mode::Review, Rating::Good), reset])
            .unwrap()
            .unwrap();
        assert_eq!(state.schedule, None);
        assert_eq!(state.last_score, None);
        assert_eq!(state.content_hash, "h2");
        assert_eq!(state.mastery(1_700_000_000), 0.0);
    }

    #[test]
    fn replay_orders_by_time() {
        let scheduler = Scheduler::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
        let early = answer(0, Mode::Review, Rating::Good);
        let late = answer(3, Mode::Review, Rating::Again);
        let forwards = scheduler.replay(&[early.clone(), late.clone()]).unwrap();
        let backwards = scheduler.replay(&[late, early]).unwrap();
        assert_eq!(forwards, backwards);
    }
}
