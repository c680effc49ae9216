//! Scores and pass marks, and the one rule that prints them.
//!
//! A [`Score`] is a fraction 0..=1: a grade, a session's mean, a topic's
//! mastery. It prints as a whole percent rounded down, everywhere (the quiz,
//! `grade`, `stats`, `report`), so that a score below a pass mark never prints
//! as reaching it: 0.6667 is 66%, and against a pass mark of 67% it fails on
//! every screen and in every file. A [`PassMark`] is on the same scale; it is
//! given in whole percent (`quiz --pass 80`, a result file's `pass_percent`),
//! and [`PassMark::passes`] is the one verdict, made from the exact score.
//!
//! ```
//! use xcdrill::score::{PassMark, Score};
//! let score = Score::new(2.0 / 3.0);
//! assert_eq!(score.to_string(), "66%");
//! let mark = PassMark::from_percent(67.0).unwrap();
//! assert!(!mark.passes(score));
//! assert!(PassMark::from_percent(66.0).unwrap().passes(score));
//! ```

use std::fmt;

/// A score 0..=1; NaN and values outside are clamped when made.
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd)]
pub struct Score(f64);

/// Room for a score computed as a sum of fractions (0.29 is 0.28999…), so it
/// is not pushed below the percent or the pass mark it exactly reaches.
const EPSILON: f64 = 1e-6;

impl Score {
    pub const ZERO: Score = Score(0.0);

    pub fn new(value: f64) -> Score {
        if value.is_nan() {
            Score(0.0)
        } else {
            // `+ 0.0` turns a negative zero into 0, so nothing prints "-0%".
            Score(value.clamp(0.0, 1.0) + 0.0)
        }
    }

    /// The exact fraction, 0..=1.
    pub fn value(self) -> f64 {
        self.0
    }

    /// The whole percent shown for it: rounded down.
    pub fn percent(self) -> u32 {
        (self.0 * 100.0 + EPSILON).floor() as u32
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent())
    }
}

/// The least score that passes an exam, a whole percent 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PassMark(u8);

impl PassMark {
    /// The pass mark of an exam without `--pass`, the same as a question's.
    pub const DEFAULT: PassMark = PassMark(70);

    /// `percent` as a pass mark; `None` unless it is a whole number 0..=100.
    pub fn from_percent(percent: f64) -> Option<PassMark> {
        let whole = (0.0..=100.0).contains(&percent) && percent.fract() == 0.0;
        whole.then_some(PassMark(percent as u8))
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    /// Whether `score` reaches the mark: the verdict, from the exact score.
    pub fn passes(self, score: Score) -> bool {
        score.0 * 100.0 + EPSILON >= f64::from(self.0)
    }
}

impl fmt::Display for PassMark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(value: f64, shown: &str) {
        assert_eq!(Score::new(value).to_string(), shown, "{value}");
    }

    #[test]
    fn scores_print_rounded_down() {
        check(2.0 / 3.0, "66%");
        check(0.699_999, "69%");
        check(0.29, "29%");
        check(0.1 + 0.2, "30%");
        check(1.0, "100%");
        check(0.0, "0%");
        check(-0.0, "0%");
        check(f64::NAN, "0%");
        check(7.0, "100%");
        check(-1.0, "0%");
    }

    /// With whole pass marks and scores rounded down, the shown percent
    /// reaches the mark exactly when the verdict is a pass.
    #[test]
    fn the_shown_percent_and_the_verdict_never_disagree() {
        for mark in 0..=100u8 {
            let pass_mark = PassMark::from_percent(f64::from(mark)).unwrap();
            for thousandths in 0..=1000 {
                let score = Score::new(f64::from(thousandths) / 1000.0);
                assert_eq!(
                    pass_mark.passes(score),
                    score.percent() >= u32::from(mark),
                    "{score:?} against {pass_mark}"
                );
            }
        }
        let two_of_three = Score::new(2.0 / 3.0);
        assert!(!PassMark::from_percent(67.0).unwrap().passes(two_of_three));
        assert!(PassMark::DEFAULT.passes(Score::new(0.7)));
        assert!(PassMark::DEFAULT.passes(Score::new(0.1 * 7.0)));
        assert!(!PassMark::DEFAULT.passes(Score::new(0.699_999)));
    }

    #[test]
    fn pass_marks_are_whole_percents() {
        assert_eq!(
            PassMark::from_percent(80.0).map(PassMark::percent),
            Some(80)
        );
        assert_eq!(PassMark::from_percent(72.5), None);
        assert_eq!(PassMark::from_percent(101.0), None);
        assert_eq!(PassMark::from_percent(-1.0), None);
        assert_eq!(PassMark::from_percent(f64::NAN), None);
        assert_eq!(PassMark::DEFAULT.to_string(), "70%");
    }
}
