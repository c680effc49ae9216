//! Turning a grade into an FSRS rating: Again, Hard, Good or Easy, from the
//! score, the hints used and the time taken. Pure; `docs/progress.md` documents
//! the mapping for learners.
//!
//! ```
//! use xcdrill::session::rating::{rating, Rating};
//! assert_eq!(rating(0.5, 0, 10.0, 0.7), Rating::Again);
//! assert_eq!(rating(0.8, 0, 10.0, 0.7), Rating::Hard);
//! assert_eq!(rating(1.0, 1, 10.0, 0.7), Rating::Hard);
//! assert_eq!(rating(0.9, 0, 10.0, 0.7), Rating::Good);
//! assert_eq!(rating(1.0, 0, 10.0, 0.7), Rating::Easy);
//! assert_eq!(rating(1.0, 0, 60.0, 0.7), Rating::Good);
//! ```

use serde::{Deserialize, Serialize};

/// At or above this score (and the pass mark) a grade is at least Good.
pub const GOOD_SCORE: f64 = 0.85;

/// A perfect score answered within this many seconds, with no hint, is Easy.
pub const EASY_SECONDS: f64 = 20.0;

/// A score at or above this counts as perfect (scores are floats).
const PERFECT_SCORE: f64 = 0.999;

/// How well a question was recalled, as FSRS understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Forgotten: the score was below the pass mark.
    Again = 1,
    /// Recalled with effort: a low pass, or a hint was needed.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled perfectly and quickly.
    Easy = 4,
}

impl Rating {
    /// Every rating, from Again to Easy.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The FSRS grade number, 1 (Again) to 4 (Easy).
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The rating of an FSRS grade number, if it is one.
    pub fn from_number(number: i64) -> Option<Rating> {
        Rating::ALL
            .into_iter()
            .find(|rating| i64::from(rating.number()) == number)
    }

    /// The lowercase name: `again`, `hard`, `good` or `easy`.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating named `name` (as [`Rating::name`] writes it).
    pub fn parse(name: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.name() == name)
    }
}

/// The rating of a grade: `score` in 0..=1, the hints shown, the seconds taken
/// and the question's pass mark.
///
/// - below `pass` (or not a number): Again;
/// - passed with a hint, or below [`GOOD_SCORE`]: Hard (a hint caps at Hard);
/// - perfect within [`EASY_SECONDS`]: Easy;
/// - otherwise Good.
pub fn rating(score: f64, hints_used: u32, seconds: f64, pass: f64) -> Rating {
    if score.is_nan() || score < pass {
        return Rating::Again;
    }
    if hints_used > 0 || score < GOOD_SCORE {
        return Rating::Hard;
    }
    let quick = seconds.is_finite() && (0.0..=EASY_SECONDS).contains(&seconds);
    if score >= PERFECT_SCORE && quick {
        Rating::Easy
    } else {
        Rating::Good
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(score: f64, hints: u32, seconds: f64, pass: f64, expected: Rating) {
        assert_eq!(rating(score, hints, seconds, pass), expected);
    }

    #[test]
    fn below_the_pass_mark_is_again_even_with_a_hint() {
        check(0.0, 0, 5.0, 0.7, Rating::Again);
        check(0.69, 2, 5.0, 0.7, Rating::Again);
        check(f64::NAN, 0, 5.0, 0.7, Rating::Again);
    }

    #[test]
    fn a_low_pass_or_a_hint_is_hard() {
        check(0.7, 0, 5.0, 0.7, Rating::Hard);
        check(0.84, 0, 5.0, 0.7, Rating::Hard);
        check(1.0, 1, 5.0, 0.7, Rating::Hard);
    }

    #[test]
    fn a_perfect_quick_answer_is_easy_and_a_slow_one_good() {
        check(0.85, 0, 5.0, 0.7, Rating::Good);
        check(1.0, 0, EASY_SECONDS, 0.7, Rating::Easy);
        check(1.0, 0, EASY_SECONDS + 0.1, 0.7, Rating::Good);
        check(1.0, 0, f64::INFINITY, 0.7, Rating::Good);
    }

    #[test]
    fn a_high_pass_mark_skips_hard() {
        check(0.9, 0, 30.0, 0.9, Rating::Good);
        check(0.89, 0, 30.0, 0.9, Rating::Again);
    }

    #[test]
    fn numbers_and_names_round_trip() {
        for rating in Rating::ALL {
            assert_eq!(
                Rating::from_number(i64::from(rating.number())),
                Some(rating)
            );
            assert_eq!(Rating::parse(rating.name()), Some(rating));
        }
        assert_eq!(Rating::from_number(0), None);
    }
}
