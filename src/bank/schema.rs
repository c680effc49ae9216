//! The TOML shapes of bank format 1, as serde reads them.
//!
//! Every field is optional here on purpose: a missing field is reported by
//! `bank::validate` with the question's location, together with every other
//! problem of the file, instead of stopping at the first one. Values keep their
//! spans (`toml::Spanned`) so that each problem points at its line and column.
//!
//! A bank file looks like this (FORMAT.md documents every field):
//!
//! ```toml
//! format_version = 1
//!
//! [[fact]]
//! id = "chain.contact-needs-account"
//! statement = "An external user is enabled from a contact that is linked to an account."
//! source = "seed: Quick answer"
//!
//! [[question]]
//! id = "setup.first-step"
//! kind = "choice"
//! topic = "setup"
//! prompt = "What is the first thing to do in Setup?"
//! choices = ["Enable Digital Experiences", "Create a contact", "Buy licenses"]
//! correct = [1]
//! explanation = "Nothing else in Experience Cloud exists until Digital Experiences is on."
//! facts = ["setup.enable-dx"]
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::scenario::{RawGoal, RawOrg};

/// A spanned string.
pub type Text = Spanned<String>;
/// A spanned list of spanned strings.
pub type TextList = Spanned<Vec<Text>>;
/// A spanned list of spanned lists of spanned integers (`[[1, 3], [2, 3]]`).
pub type PairList = Spanned<Vec<Spanned<Vec<Spanned<i64>>>>>;

/// One `[[fact]]`: a statement the trainer teaches, with where it comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Dotted id, unique across all banks (`chain.contact-needs-account`).
    pub id: Option<Text>,
    /// The fact in one line.
    pub statement: Option<Text>,
    /// `seed: <section>` or a source row such as `D5.3` (docs/SOURCES.md).
    pub source: Option<Text>,
    /// For source-row facts: `H`, `M` or `L`, as docs/SOURCES.md rates the row.
    pub confidence: Option<Text>,
}

/// One `[[question]]`. Which of the kind-specific fields apply depends on `kind`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Dotted id, unique across all banks (`setup.order`).
    pub id: Option<Text>,
    /// `choice`, `truefalse`, `short`, `order`, `recall`, `scenario` or `diagnose`.
    pub kind: Option<Text>,
    /// The topic, a lowercase word (`setup`, `hierarchy`, `partner`, ...).
    pub topic: Option<Text>,
    /// The question as asked.
    pub prompt: Option<Text>,
    /// Shown after answering: why the right answer is right.
    pub explanation: Option<Text>,
    /// Ids of the facts the question tests; at least one.
    pub facts: Option<TextList>,
    /// `easy`, `medium` (default) or `hard`.
    pub difficulty: Option<Text>,
    /// Free-form labels.
    pub tags: Option<TextList>,
    /// "Going deeper": where the source rows extend or correct the reference answer.
    pub deeper: Option<Text>,
    /// Shown on `:hint`; default: the explanation's first sentence.
    pub hint: Option<Text>,
    /// Pass mark from 0 to 1; default 0.7.
    pub pass: Option<Spanned<f64>>,

    /// choice: the options, in bank order.
    pub choices: Option<TextList>,
    /// choice: 1-based numbers of the right options.
    pub correct: Option<Spanned<Vec<Spanned<i64>>>>,
    /// choice: select all that apply; default true when `correct` has several.
    pub multiple: Option<Spanned<bool>>,

    /// truefalse: whether the prompt's statement is true.
    pub answer: Option<Spanned<bool>>,

    /// short: the accepted answers; the first is shown as the right one.
    pub accept: Option<TextList>,
    /// short: ignore letter case (default true).
    pub fold_case: Option<Spanned<bool>>,
    /// short: ignore accents (default true).
    pub fold_accents: Option<Spanned<bool>>,
    /// short: ignore punctuation and spacing (default true).
    pub fold_punctuation: Option<Spanned<bool>>,
    /// short: forgive typos scaled to word length, never in numbers (default true).
    pub typos: Option<Spanned<bool>>,

    /// order: the items, listed in the right order.
    pub items: Option<TextList>,
    /// order: hard dependencies, pairs of 1-based item numbers: `[[1, 3]]` says
    /// item 1 must come before item 3. Breaking one fails the answer.
    pub before: Option<PairList>,

    /// recall: the answer a strong candidate would give.
    pub model_answer: Option<Text>,
    /// recall: the rubric, one `[[question.concept]]` each.
    pub concept: Option<Spanned<Vec<Spanned<RawConcept>>>>,

    /// scenario and diagnose: an org file under `orgs/`, or an inline `[question.org]`.
    pub org: Option<Spanned<RawOrg>>,
    /// scenario and diagnose: `[question.goal]`, what must hold at the end
    /// (boxed: most questions have none, and raw questions are many).
    pub goal: Option<Box<Spanned<RawGoal>>>,
    /// scenario: the reference solution, commands separated by newlines or `;`.
    pub solution: Option<Text>,
    /// scenario: known-wrong solutions, none of which may reach the goal.
    pub wrong: Option<TextList>,
    /// scenario: commands that reach the goal the wrong way, each capping the
    /// score; one `[[question.avoid]]` each.
    pub avoid: Option<Spanned<Vec<Spanned<RawAvoid>>>>,
}

/// One `[[question.avoid]]` of a scenario: a way of reaching the goal that a
/// careful admin would not take.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAvoid {
    /// The command that marks the wrong way, as it starts (`disable user`).
    pub command: Option<Text>,
    /// The most a solution using it scores, from 0 to below 1.
    pub score: Option<Spanned<f64>>,
    /// Why it is the wrong way, shown in feedback.
    pub why: Option<Text>,
}

/// One `[[question.concept]]` of a recall rubric.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    /// Short name shown in feedback.
    pub name: Option<Text>,
    /// Phrases that count for the concept; any one is enough.
    pub phrases: Option<TextList>,
    /// Phrases that contradict it and cancel its credit.
    pub contradicts: Option<TextList>,
    /// Word sets that count for it when all their words stand in one clause,
    /// in any order.
    pub together: Option<TextList>,
    /// A term of the bank's `confusable` groups the claim is about.
    pub subject: Option<Text>,
    /// Relative weight, greater than 0 (default 1).
    pub weight: Option<Spanned<f64>>,
    /// Missing it caps the score below the pass mark (default false).
    pub required: Option<Spanned<bool>>,
}

/// Names of the fields each kind may use, beyond the common ones.
pub fn kind_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "choice" => &["choices", "correct", "multiple"],
        "truefalse" => &["answer"],
        "short" => &[
            "accept",
            "fold_case",
            "fold_accents",
            "fold_punctuation",
            "typos",
        ],
        "order" => &["items", "before"],
        "recall" => &["model_answer", "concept"],
        "scenario" => &["org", "goal", "solution", "wrong", "avoid"],
        "diagnose" => &["org", "goal"],
        _ => &[],
    }
}
