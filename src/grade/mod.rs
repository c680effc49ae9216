//! Grading: turning a question and the learner's answer text into a [`Grade`]
//! (a score from 0 to 1, whether it passed, feedback, and the parts missed).
//!
//! Pure: no IO of any kind, and no input makes it panic. Each answer kind has its
//! own file (`choice`, `truefalse`, `short`, `order`, `recall`) exposing
//! `grade(key, answer) -> Mark` and `key(..) -> String`, the answer that must earn
//! full marks; [`grade`] dispatches to them and decides `passed` from the
//! question's pass mark. Shared pieces: `normalize` (folding, words, stems,
//! typo allowance), `list` (answers written as lists like `a, c` or `2 1 3`),
//! `matcher` (finding rubric phrases in a free-text answer) and `self_check`
//! (the lint check that every question's own key grades full marks).
//!
//! Scenario and diagnose answers (`scenario`, `diagnose`) are graded by running
//! them on the simulated org (`org`), which is pure too.

mod choice;
mod diagnose;
mod list;
mod matcher;
mod mutation;
mod normalize;
mod order;
mod phrase;
mod polarity;
mod recall;
mod scenario;
mod self_check;
mod short;
mod synonyms;
mod truefalse;
mod words;

#[cfg(test)]
mod tests;

use crate::model::{Kind, Question};

pub use diagnose::{Named, describe_blockers, read_codes};
pub use recall::{Contradiction, Outcome};
pub use scenario::{FAILED_COMMAND_PENALTY, GOAL_FLOOR, one_line};
pub use self_check::{KeyProblem, key_diagnostics, self_check};

/// Answers longer than this are graded on their first 16 KiB only (the same
/// limit a bank string has), so a pasted book costs no more than a long answer.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// Scores within this of the pass mark count as reaching it, so that sums of
/// weights such as 0.1 + 0.6 are not failed by floating-point rounding.
const SCORE_EPSILON: f64 = 1e-9;

/// The result of grading one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    /// From 0 (nothing right) to 1 (full marks).
    pub score: f64,
    /// Whether the score reached the question's pass mark.
    pub passed: bool,
    /// What was right and wrong, and the right answer; may span several lines.
    pub feedback: String,
    /// The parts of the right answer the learner missed: right choices not
    /// picked, items out of place, rubric concepts not named.
    pub missed: Vec<String>,
}

/// What a kind's grader returns; [`grade`] adds `passed`.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    score: f64,
    feedback: String,
    missed: Vec<String>,
}

impl Mark {
    fn new(score: f64, feedback: impl Into<String>, missed: Vec<String>) -> Mark {
        Mark {
            score,
            feedback: feedback.into(),
            missed,
        }
    }
}

/// Grades `answer` to `question`. An empty answer grades 0; it is not an error.
pub fn grade(question: &Question, answer: &str) -> Grade {
    let (answer, truncated) = cap(answer);
    let mark = match &question.kind {
        Kind::Choice(choice) => choice::grade(choice, answer),
        Kind::TrueFalse(truefalse) => truefalse::grade(truefalse, answer),
        Kind::Short(short) => short::grade(short, answer),
        Kind::Order(order) => order::grade(order, answer),
        Kind::Recall(recall) => recall::grade(recall, question.pass, answer),
        Kind::Scenario(scenario) => scenario::grade(scenario, answer),
        Kind::Diagnose(diagnose) => diagnose::grade(diagnose, answer),
    };
    let score = if mark.score.is_finite() {
        mark.score.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut feedback = mark.feedback;
    if truncated {
        feedback.push_str(&format!(
            "\n(only the first {MAX_ANSWER_BYTES} bytes of the answer were graded)"
        ));
    }
    Grade {
        score,
        passed: reaches_pass(question, score),
        feedback,
        missed: mark.missed,
    }
}

/// Each concept's outcome for a recall answer, in rubric order: what the
/// interview's follow-ups and debrief are built on.
pub fn concept_outcomes(recall: &crate::model::question::Recall, answer: &str) -> Vec<Outcome> {
    let (answer, _) = cap(answer);
    recall::assess(recall, answer).0
}

/// The score `grade` would give, without its feedback: `lint` scores every
/// question's key and each recall question's mutants, and writing feedback
/// cost more than grading.
pub fn score(question: &Question, answer: &str) -> f64 {
    let (answer, _) = cap(answer);
    let score = match &question.kind {
        Kind::Recall(recall) => recall::score(recall, question.pass, answer),
        Kind::Choice(choice) => choice::score(choice, answer),
        Kind::Order(order) => order::score(order, answer),
        _ => grade(question, answer).score,
    };
    if score.is_finite() {
        score.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Whether `score` reaches `question`'s pass mark, as `grade` decides it.
pub fn reaches_pass(question: &Question, score: f64) -> bool {
    score + SCORE_EPSILON >= question.pass
}

/// The answers that must earn full marks: the right choices' letters, `true` or
/// `false`, every accepted short answer, the items in bank order (`1 2 3 ...`),
/// the recall model answer, a scenario's reference solution, the codes of a
/// diagnose question's blockers.
pub fn key_answers(question: &Question) -> Vec<String> {
    match &question.kind {
        Kind::Choice(choice) => vec![choice::key(choice)],
        Kind::TrueFalse(truefalse) => vec![truefalse::key(truefalse)],
        Kind::Short(short) => short.accept.iter().map(str::to_string).collect(),
        Kind::Order(order) => vec![order::key(order)],
        Kind::Recall(recall) => vec![recall.model_answer.to_string()],
        Kind::Scenario(scenario) => vec![scenario::key(scenario)],
        Kind::Diagnose(diagnose) => vec![diagnose::key(diagnose)],
    }
}

/// `score` as the whole percent shown for it ([`crate::score::Score`]'s one
/// rule: rounded down, so 0.699 is 69%, not 70%).
pub fn percent(score: f64) -> u32 {
    crate::score::Score::new(score).percent()
}

/// The first [`MAX_ANSWER_BYTES`] of `answer`, cut at a character boundary, and
/// whether anything was cut.
fn cap(answer: &str) -> (&str, bool) {
    if answer.len() <= MAX_ANSWER_BYTES {
        return (answer, false);
    }
    let mut end = MAX_ANSWER_BYTES;
    while !answer.is_char_boundary(end) {
        end -= 1;
    }
    (&answer[..end], true)
}

/// The longest text feedback quotes whole; a longer one is cut with `…`.
pub const MAX_QUOTE_CHARS: usize = 40;

/// Learner text quoted in feedback, shortened so that a pasted page does not
/// become a page of feedback.
fn quote(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTE_CHARS {
        format!("`{text}`")
    } else {
        let cut: String = text.chars().take(MAX_QUOTE_CHARS - 1).collect();
        format!("`{cut}…`")
    }
}
