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

/// The longest `id`, `question_id`, `content_hash` or `session`, in bytes.
pub const MAX_FIELD_BYTES: usize = 256;
/// The most seconds one answer may take: a year.
pub const MAX_SECONDS: f64 = 31_536_000.0;
/// The most hints one answer may have used.
pub const MAX_HINTS: u32 = 1_000;

impl Review {
    /// What makes this review one no quiz could have recorded, if anything.
    /// (Whether its question exists or its time has come is for the caller,
    /// who knows the content and the clock.)
    pub fn problem(&self) -> Option<String> {
        let fields = [
            ("id", &self.id),
            ("question_id", &self.question_id),
            ("content_hash", &self.content_hash),
            ("session", &self.session),
        ];
        for (name, value) in &fields[..2] {
            if value.trim().is_empty() {
                return Some(format!("its `{name}` is empty"));
            }
        }
        if let Some((name, _)) = fields
            .iter()
            .find(|(_, value)| value.len() > MAX_FIELD_BYTES)
        {
            return Some(format!(
                "its `{name}` is longer than {MAX_FIELD_BYTES} bytes"
            ));
        }
        if !(0.0..=1.0).contains(&self.score) {
            return Some("its `score` is not between 0 and 1".to_string());
        }
        if !self.seconds.is_finite() || !(0.0..=MAX_SECONDS).contains(&self.seconds) {
            return Some(format!(
                "its `seconds` is not a time between 0 and {MAX_SECONDS} (a year)"
            ));
        }
        if self.hints > MAX_HINTS {
            return Some(format!("its `hints` is over {MAX_HINTS}"));
        }
        if self.reviewed_at < 0 {
            return Some("its `reviewed_at` is before 1970".to_string());
        }
        None
    }

    /// The id of the `n`th repeat (from 1) of a review equal in every field to
    /// this one: a hash of its id and `n`, so it is the same on every machine.
    pub fn repeat_id(&self, n: u32) -> String {
        let mut hasher = Fnv64::new();
        hasher.write_str(&self.id);
        hasher.write_str("repeat");
        hasher.write_str(&n.to_string());
        hasher.hex()
    }

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

/// A hash of every field: the same answer recorded on two machines has one id.
/// Two answers equal in every field (the same question answered the same way in
/// the same second) get the repeat ids [`Review::repeat_id`] when recorded.
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
