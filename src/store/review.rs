//! One entry of the review log: an answer to a question (or a reset marker),
//! with the identity that `import` merges by.

use serde::{Deserialize, Serialize};

use crate::hash::Fnv64;
use crate::session::rating::Rating;

/// The session mode an entry was recorded in. Every mode but [`Mode::Cram`]
/// moves the question's schedule; [`Mode::Reset`] marks where a learner chose
/// to start a question's progress over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Practice,
    Exam,
    Review,
    Drill,
    /// Practice that never moves a schedule.
    Cram,
    /// Not an answer: the question's progress starts over from here.
    Reset,
}

impl Mode {
    pub const ALL: [Mode; 6] = [
        Mode::Practice,
        Mode::Exam,
        Mode::Review,
        Mode::Drill,
        Mode::Cram,
        Mode::Reset,
    ];

    /// The lowercase name, as stored and exported.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
            Mode::Review => "review",
            Mode::Drill => "drill",
            Mode::Cram => "cram",
            Mode::Reset => "reset",
        }
    }

    /// The mode named `name` (as [`Mode::name`] writes it).
    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// Whether an answer in this mode moves the question's FSRS schedule.
    pub fn schedules(self) -> bool {
        !matches!(self, Mode::Cram | Mode::Reset)
    }

    /// Whether entries of this mode are answers (everything but a reset marker).
    pub fn is_answer(self) -> bool {
        self != Mode::Reset
    }
}

/// What the quiz knows when a question has been answered; [`Review::from`]
/// adds the identity.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub question_id: String,
    /// The question's content hash when it was asked (`Question::content_hash`).
    pub content_hash: String,
    /// Unix seconds, from the caller's clock (the store never reads one).
    pub reviewed_at: i64,
    pub mode: Mode,
    /// The grade, 0..=1.
    pub score: f64,
    pub rating: Rating,
    /// Seconds spent on the question.
    pub seconds: f64,
    pub hints: u32,
    /// The session's seed or id, so answers of one session stay distinct.
    pub session: String,
}

/// One entry of the append-only review log, as stored, exported and imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The review's identity: 16 hex digits hashed from the other fields.
    /// `import` skips a review whose id the store already has.
    pub id: String,
    pub question_id: String,
    pub content_hash: String,
    /// Unix seconds.
    pub reviewed_at: i64,
    pub mode: Mode,
    pub score: f64,
    pub rating: Rating,
    pub seconds: f64,
    pub hints: u32,
    pub session: String,
}

impl From<Answer> for Review {
    fn from(answer: Answer) -> Review {
        let id = identity(&answer);
        let Answer {
            question_id,
            content_hash,
            reviewed_at,
            mode,
            score,
            rating,
            seconds,
            hints,
            session,
        } = answer;
        Review {
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
        }
    }
}

impl Review {
    /// A reset marker: from `at` on, `question_id` counts as never reviewed,
    /// and `content_hash` becomes its last seen hash.
    pub fn reset(question_id: &str, content_hash: &str, at: i64, session: &str) -> Review {
        Review::from(Answer {
            question_id: question_id.to_string(),
            content_hash: content_hash.to_string(),
            reviewed_at: at,
            mode: Mode::Reset,
            score: 0.0,
            rating: Rating::Again,
            seconds: 0.0,
            hints: 0,
            session: session.to_string(),
        })
    }
}

/// A hash of every field: the same answer recorded on two machines has one id,
/// two answers differ in at least one field (a repeat of the same question in
/// one session within the same second, with the same score and time, would
/// count once).
fn identity(answer: &Answer) -> String {
    let mut hasher = Fnv64::new();
    hasher.write_str(&answer.question_id);
    hasher.write_str(&answer.content_hash);
    hasher.write_str(&answer.reviewed_at.to_string());
    hasher.write_str(answer.mode.name());
    hasher.write_str(&answer.score.to_bits().to_string());
    hasher.write_str(answer.rating.name());
    hasher.write_str(&answer.seconds.to_bits().to_string());
    hasher.write_str(&answer.hints.to_string());
    hasher.write_str(&answer.session);
    hasher.hex()
}
