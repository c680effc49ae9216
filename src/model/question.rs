//! The validated question model: what the rest of xcdrill works with once a bank
//! has been parsed and checked.
//!
//! Everything here is plain data with no serde, and no spans but a concept
//! backing's (checked across banks after loading): `bank::schema` holds
//! the TOML shapes, `bank::validate` turns them into these types. Indices are
//! 0-based in memory; banks and answers speak 1-based.
//!
//! Texts are stored compactly (`Box<str>`, packed [`Texts`], topics and fact ids
//! shared as `Arc<str>`, a question's own texts as ranges of its bank file
//! when they stand in it word for word): a loaded bank of 50,000 questions must
//! fit in less memory than three times its files (BENCHMARKS.md).

use std::ops::Range;
use std::sync::Arc;

use super::derived::Derived;
use super::lexicon::Lexicon;
pub use super::scenario::{Diagnose, Scenario, Setup};
use super::texts::Texts;
use crate::hash::Fnv64;

/// Score at or above which a question counts as passed, unless its bank sets `pass`.
pub const DEFAULT_PASS: f64 = 0.7;

/// The start of every generated question's id (`quiz --generated`); reserved,
/// so a bank's question can never be taken for a generated one.
pub const GENERATED_PREFIX: &str = "generated.";

/// One validated question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Id, prompt, explanation, "going deeper" and hint, packed; read them with
    /// the methods of those names.
    pub texts: QuestionTexts,
    /// Topic the question belongs to (`setup`, `hierarchy`, ...); shared by the
    /// questions of a bank, as a large bank has many questions and few topics.
    pub topic: Arc<str>,
    /// Ids of the facts (from `facts.toml`) the question tests; shared with
    /// every question citing the same fact.
    pub facts: Box<[Arc<str>]>,
    /// How hard the question is meant to be.
    pub difficulty: Difficulty,
    /// Free-form labels.
    pub tags: Texts,
    /// Pass mark for this question, 0..=1.
    pub pass: f64,
    /// The kind of answer and its key.
    pub kind: Kind,
    /// Where the question was defined, for messages.
    pub origin: Origin,
}

/// The free texts of a question: id, prompt, explanation, "going deeper" and
/// hint. Where the bank file holds them word for word (no escapes), they are
/// ranges of the file's text, which the question shares instead of copying;
/// otherwise they are packed in one allocation. A large bank so loads in far
/// less memory than its files (BENCHMARKS.md).
#[derive(Clone)]
pub struct QuestionTexts(Repr);

#[derive(Clone)]
enum Repr {
    Packed(Texts),
    InFile {
        file: Arc<String>,
        /// Where the first text starts in `file`.
        base: u32,
        /// Each text's offset from `base` and length; (0, 0) when absent.
        parts: [(u16, u16); 5],
    },
}

impl QuestionTexts {
    /// `deeper` and `hint` are absent or not blank (validation sees to it).
    pub fn new(
        id: &str,
        prompt: &str,
        explanation: &str,
        deeper: Option<&str>,
        hint: Option<&str>,
    ) -> QuestionTexts {
        // An absent optional text is stored empty: present ones never are.
        let texts = [
            id,
            prompt,
            explanation,
            deeper.unwrap_or(""),
            hint.unwrap_or(""),
        ];
        QuestionTexts(Repr::Packed(Texts::pack(texts)))
    }

    /// The texts as [`new`](Self::new) takes them, each with the byte range
    /// of `file` where it may stand word for word: kept as ranges of `file`
    /// when every present text does, else packed.
    pub fn in_file(
        file: &Arc<String>,
        parts: [(Option<&str>, Option<Range<usize>>); 5],
    ) -> QuestionTexts {
        let packed = || {
            let text = |idx: usize| parts[idx].0.unwrap_or("");
            QuestionTexts::new(text(0), text(1), text(2), parts[3].0, parts[4].0)
        };
        let present = || {
            parts
                .iter()
                .filter(|(text, _)| text.is_some_and(|text| !text.is_empty()))
        };
        let Some(base) = present()
            .map(|(_, at)| at.as_ref().map_or(0, |at| at.start))
            .min()
        else {
            return packed();
        };
        let Ok(base_u32) = u32::try_from(base) else {
            return packed();
        };
        let mut located = [(0_u16, 0_u16); 5];
        for (slot, (text, at)) in located.iter_mut().zip(&parts) {
            let Some(text) = text.filter(|text| !text.is_empty()) else {
                continue;
            };
            let found = at.as_ref().and_then(|at| {
                let verbatim = file.get(at.clone()) == Some(text);
                let offset = u16::try_from(at.start.checked_sub(base)?).ok()?;
                let len = u16::try_from(at.len()).ok()?;
                verbatim.then_some((offset, len))
            });
            match found {
                Some(found) => *slot = found,
                None => return packed(),
            }
        }
        QuestionTexts(Repr::InFile {
            file: Arc::clone(file),
            base: base_u32,
            parts: located,
        })
    }

    fn get(&self, idx: usize) -> &str {
        match &self.0 {
            Repr::Packed(texts) => texts.get(idx).unwrap_or(""),
            Repr::InFile { file, base, parts } => {
                let Some(&(offset, len)) = parts.get(idx) else {
                    return "";
                };
                let start = *base as usize + usize::from(offset);
                file.get(start..start + usize::from(len)).unwrap_or("")
            }
        }
    }

    fn optional(&self, idx: usize) -> Option<&str> {
        Some(self.get(idx)).filter(|text| !text.is_empty())
    }

    fn all(&self) -> [&str; 5] {
        [0, 1, 2, 3, 4].map(|idx| self.get(idx))
    }
}

impl PartialEq for QuestionTexts {
    fn eq(&self, other: &QuestionTexts) -> bool {
        self.all() == other.all()
    }
}

impl Eq for QuestionTexts {}

impl std::fmt::Debug for QuestionTexts {
    /// The texts, not the file they may be in.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("QuestionTexts").field(&self.all()).finish()
    }
}

/// Where a question was defined: `content/setup.toml:12:1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: Arc<str>,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

impl Question {
    /// Dotted id, unique across every loaded bank (`setup.order`).
    pub fn id(&self) -> &str {
        self.texts.get(0)
    }

    /// The question as asked.
    pub fn prompt(&self) -> &str {
        self.texts.get(1)
    }

    /// Shown after answering: why the right answer is right.
    pub fn explanation(&self) -> &str {
        self.texts.get(2)
    }

    /// "Going deeper": where the source rows extend or correct the reference answer.
    pub fn deeper(&self) -> Option<&str> {
        self.texts.optional(3)
    }

    /// The bank's own hint; when absent the first sentence of the explanation
    /// serves (see [`Question::hint_text`]).
    pub fn hint(&self) -> Option<&str> {
        self.texts.optional(4)
    }

    /// The name of the question's kind as written in banks.
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }

    /// A stable hash of what the learner sees and what is graded: prompt,
    /// explanation and answer key. Progress on a question whose hash changed is
    /// flagged, not silently kept or reset.
    pub fn content_hash(&self) -> String {
        let mut hasher = Fnv64::new();
        for field in [self.id(), self.prompt(), self.explanation()] {
            hasher.write_str(field);
        }
        hasher.write_str(self.kind_name());
        hasher.write_str(&self.pass.to_string());
        match &self.kind {
            Kind::Choice(choice) => {
                choice
                    .choices
                    .iter()
                    .for_each(|text| hasher.write_str(text));
                choice
                    .correct
                    .iter()
                    .for_each(|idx| hasher.write_str(&idx.to_string()));
                hasher.write_str(if choice.multiple {
                    "multiple"
                } else {
                    "single"
                });
            }
            Kind::TrueFalse(truefalse) => hasher.write_str(&truefalse.answer.to_string()),
            Kind::Short(short) => {
                short.accept.iter().for_each(|text| hasher.write_str(text));
                let folding = short.folding;
                for switch in [
                    folding.case,
                    folding.accents,
                    folding.punctuation,
                    folding.typos,
                ] {
                    hasher.write_str(&switch.to_string());
                }
            }
            Kind::Order(order) => {
                order.items.iter().for_each(|text| hasher.write_str(text));
                for (first, then) in &order.before {
                    hasher.write_str(&format!("{first}<{then}"));
                }
            }
            Kind::Scenario(scenario) => {
                hash_setup(&mut hasher, &scenario.setup);
                hasher.write_str(&scenario.solution);
                scenario
                    .wrong
                    .iter()
                    .for_each(|text| hasher.write_str(text));
                for way in &scenario.avoid {
                    hasher.write_str(&format!("avoid {} {} {}", way.command, way.score, way.why));
                }
            }
            Kind::Diagnose(diagnose) => hash_setup(&mut hasher, &diagnose.setup),
            Kind::Recall(recall) => {
                hasher.write_str(&recall.model_answer);
                for concept in &recall.concepts {
                    hasher.write_str(&concept.name);
                    concept
                        .phrases
                        .iter()
                        .for_each(|text| hasher.write_str(text));
                    hasher.write_str("/");
                    concept
                        .contradicts
                        .iter()
                        .for_each(|text| hasher.write_str(text));
                    hasher.write_str("/");
                    concept
                        .together
                        .iter()
                        .for_each(|text| hasher.write_str(text));
                    if let Some((group, term)) = concept.subject {
                        hasher.write_str(&format!("subject {group}.{term}"));
                    }
                    hasher.write_str(&concept.weight.to_string());
                    hasher.write_str(&concept.required.to_string());
                }
                for group in recall
                    .lexicon
                    .synonyms
                    .iter()
                    .chain(&recall.lexicon.confusable)
                {
                    group.iter().for_each(|word| hasher.write_str(word));
                    hasher.write_str("/");
                }
            }
        }
        hasher.hex()
    }

    /// The hint shown on `:hint`: the bank's own, else the explanation's first sentence.
    pub fn hint_text(&self) -> &str {
        match self.hint() {
            Some(hint) => hint,
            None => first_sentence(self.explanation()),
        }
    }
}

/// An org as its file text and the goal in words: what a scenario's learner sees.
fn hash_setup(hasher: &mut Fnv64, setup: &Setup) {
    hasher.write_str(&crate::org::to_toml(&setup.org));
    hasher.write_str(&setup.goal.describe());
}

/// The first sentence of a text: up to and including the first `.`, `!` or `?`
/// that is followed by white space or the end.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((idx, ch)) = chars.next() {
        if matches!(ch, '.' | '!' | '?') {
            match chars.peek() {
                None => return text,
                Some((_, next)) if next.is_whitespace() => return &text[..idx + ch.len_utf8()],
                Some(_) => {}
            }
        }
    }
    text
}

/// How hard a question is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Difficulty {
    Easy,
    #[default]
    Medium,
    Hard,
}

impl Difficulty {
    /// Every difficulty, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// The name as written in banks.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    /// Parses a bank's `difficulty` value.
    pub fn parse(text: &str) -> Option<Difficulty> {
        match text {
            "easy" => Some(Difficulty::Easy),
            "medium" => Some(Difficulty::Medium),
            "hard" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

/// The kind of a question with its answer key.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Choice(Choice),
    TrueFalse(TrueFalse),
    Short(Short),
    Order(Order),
    Recall(Recall),
    /// Boxed, so that the rare scenario does not make every question larger.
    Scenario(Box<Scenario>),
    Diagnose(Box<Diagnose>),
}

impl Kind {
    /// The name as written in banks (`kind = "choice"`).
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Choice(_) => "choice",
            Kind::TrueFalse(_) => "truefalse",
            Kind::Short(_) => "short",
            Kind::Order(_) => "order",
            Kind::Recall(_) => "recall",
            Kind::Scenario(_) => "scenario",
            Kind::Diagnose(_) => "diagnose",
        }
    }
}

/// One right answer, or several for multi-select.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The options, in bank order.
    pub choices: Texts,
    /// 0-based indices of the right options, sorted, no duplicates.
    pub correct: Vec<usize>,
    /// Select-all-that-apply: partial credit, several picks allowed.
    pub multiple: bool,
}

/// A statement that is true or false.
#[derive(Debug, Clone, PartialEq)]
pub struct TrueFalse {
    pub answer: bool,
}

/// A short typed answer compared with a list of accepted answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Short {
    /// Accepted answers; the first is the one shown as the right answer.
    pub accept: Texts,
    /// What is folded before comparing.
    pub folding: Folding,
}

/// Switches for what a short answer's comparison ignores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    /// Ignore letter case.
    pub case: bool,
    /// Ignore accents (`é` is `e`).
    pub accents: bool,
    /// Ignore punctuation and runs of white space.
    pub punctuation: bool,
    /// Forgive typos by an edit distance scaled to word length (never in numbers).
    pub typos: bool,
}

impl Default for Folding {
    fn default() -> Folding {
        Folding {
            case: true,
            accents: true,
            punctuation: true,
            typos: true,
        }
    }
}

/// Items to put in order; the bank lists them in the right order.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub items: Texts,
    /// Hard dependencies, 0-based: in each `(first, then)`, item `first` must
    /// come before item `then`; an answer that breaks one fails.
    pub before: Box<[(u16, u16)]>,
}

/// A free-text answer graded against a rubric of concepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Recall {
    /// The answer a strong candidate would give; shown after answering.
    pub model_answer: Box<str>,
    /// The concepts the grade looks for.
    pub concepts: Box<[Concept]>,
    /// The synonyms and confusable terms of the question's bank file.
    pub lexicon: Arc<Lexicon>,
    /// The rubric as the grader reads it, derived on first use.
    pub derived: Derived,
}

/// One idea a recall answer should name.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Short name shown in feedback ("linked to an account").
    pub name: Box<str>,
    /// Phrases that count for the concept; any one is enough.
    pub phrases: Texts,
    /// Phrases that contradict the concept and cancel its credit.
    pub contradicts: Texts,
    /// Sets of words that count for the concept when all of them stand in one
    /// clause, in any order (`"owner role"`).
    pub together: Texts,
    /// What the concept's claim is about: (group, term) in the lexicon's
    /// `confusable` groups. A claim made of another term of that group
    /// contradicts the concept.
    pub subject: Option<(usize, usize)>,
    /// Relative weight, greater than 0.
    pub weight: f64,
    /// Missing a required concept caps the score below the pass mark.
    pub required: bool,
    /// The facts and questions behind the concept, for interview follow-ups;
    /// not graded, so not part of the content hash.
    pub backing: Backing,
}

/// What stands behind a recall concept: the facts it rests on and the
/// questions that test it. An interview answer that misses the concept is
/// followed up with one of those questions (`session::interview`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backing {
    /// Ids of facts (`[[fact]]`); the follow-up is a question citing one.
    pub facts: Texts,
    /// Ids of questions to ask as follow-ups, tried before the facts'.
    pub followups: Texts,
}

impl Backing {
    /// Whether the concept names no fact and no follow-up.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.followups.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_word_for_word_in_the_file_are_shared_and_others_copied() {
        let file = Arc::new(
            "id = \"a.b\"\nprompt = \"Why?\"\nexplanation = \"Esc\\\"aped\"\nhint = \"Look.\"\n"
                .to_string(),
        );
        let at = |text: &str| {
            let start = file.find(text).expect("in the file");
            Some(start..start + text.len())
        };
        let shared = QuestionTexts::in_file(
            &file,
            [
                (Some("a.b"), at("a.b")),
                (Some("Why?"), at("Why?")),
                (Some("Look."), at("Look.")),
                (None, None),
                (Some("Look."), at("Look.")),
            ],
        );
        assert!(matches!(shared.0, Repr::InFile { .. }));
        assert_eq!(shared.all(), ["a.b", "Why?", "Look.", "", "Look."]);
        assert_eq!(shared.optional(3), None);
        assert_eq!(
            shared,
            QuestionTexts::new("a.b", "Why?", "Look.", None, Some("Look."))
        );
        // The explanation as read has no backslash: it is not in the file as
        // it reads, so everything is copied.
        let copied = QuestionTexts::in_file(
            &file,
            [
                (Some("a.b"), at("a.b")),
                (Some("Why?"), at("Why?")),
                (Some("Esc\"aped"), at("Esc\\\"aped")),
                (None, None),
                (None, None),
            ],
        );
        assert!(matches!(copied.0, Repr::Packed(_)));
        assert_eq!(copied.all()[2], "Esc\"aped");
        // Out of the file's bounds, or too far apart for the compact ranges.
        let outside = QuestionTexts::in_file(
            &file,
            [
                (Some("a.b"), Some(500..503)),
                (Some("Why?"), at("Why?")),
                (Some("x"), Some(200_000..200_001)),
                (None, None),
                (None, None),
            ],
        );
        assert!(matches!(outside.0, Repr::Packed(_)));
        assert_eq!(outside.all(), ["a.b", "Why?", "x", "", ""]);
        assert!(format!("{shared:?}").contains("Why?"));
        assert!(!format!("{shared:?}").contains("prompt ="));
    }
}
