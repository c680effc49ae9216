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

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};
use toml::Spanned;

use crate::org::OrgFile;

/// A spanned string.
pub type Text = Spanned<String>;
/// A spanned list of spanned strings.
pub type TextList = Spanned<Vec<Text>>;
/// A spanned list of spanned lists of spanned integers (`[[1, 3], [2, 3]]`).
pub type PairList = Spanned<Vec<Spanned<Vec<Spanned<i64>>>>>;

/// One `[[fact]]`: a statement the trainer teaches, with where it comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Dotted id, unique across all banks (`chain.contact-needs-account`).
    #[schemars(with = "Option<String>")]
    pub id: Option<Text>,
    /// The fact in one line.
    #[schemars(with = "Option<String>")]
    pub statement: Option<Text>,
    /// `seed: <section>` or a source row such as `D5.3` (docs/SOURCES.md).
    #[schemars(with = "Option<String>")]
    pub source: Option<Text>,
    /// For source-row facts: `H`, `M` or `L`, as docs/SOURCES.md rates the row.
    #[schemars(with = "Option<String>")]
    pub confidence: Option<Text>,
}

/// One `[[question]]`. Which of the kind-specific fields apply depends on `kind`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Dotted id, unique across all banks (`setup.order`).
    #[schemars(with = "Option<String>")]
    pub id: Option<Text>,
    /// `choice`, `truefalse`, `short`, `order`, `recall`, `scenario` or `diagnose`.
    #[schemars(with = "Option<String>")]
    pub kind: Option<Text>,
    /// The topic, a lowercase word (`setup`, `hierarchy`, `partner`, ...).
    #[schemars(with = "Option<String>")]
    pub topic: Option<Text>,
    /// The question as asked.
    #[schemars(with = "Option<String>")]
    pub prompt: Option<Text>,
    /// Shown after answering: why the right answer is right.
    #[schemars(with = "Option<String>")]
    pub explanation: Option<Text>,
    /// Ids of the facts the question tests; at least one.
    #[schemars(with = "Option<Vec<String>>")]
    pub facts: Option<TextList>,
    /// `easy`, `medium` (default) or `hard`.
    #[schemars(with = "Option<String>")]
    pub difficulty: Option<Text>,
    /// Free-form labels.
    #[schemars(with = "Option<Vec<String>>")]
    pub tags: Option<TextList>,
    /// "Going deeper": where the source rows extend or correct the reference answer.
    #[schemars(with = "Option<String>")]
    pub deeper: Option<Text>,
    /// Shown on `:hint`; default: the explanation's first sentence.
    #[schemars(with = "Option<String>")]
    pub hint: Option<Text>,
    /// Pass mark from 0 to 1; default 0.7.
    #[schemars(with = "Option<f64>")]
    pub pass: Option<Spanned<f64>>,

    /// choice: the options, in bank order.
    #[schemars(with = "Option<Vec<String>>")]
    pub choices: Option<TextList>,
    /// choice: 1-based numbers of the right options.
    #[schemars(with = "Option<Vec<i64>>")]
    pub correct: Option<Spanned<Vec<Spanned<i64>>>>,
    /// choice: select all that apply; default true when `correct` has several.
    #[schemars(with = "Option<bool>")]
    pub multiple: Option<Spanned<bool>>,

    /// truefalse: whether the prompt's statement is true.
    #[schemars(with = "Option<bool>")]
    pub answer: Option<Spanned<bool>>,

    /// short: the accepted answers; the first is shown as the right one.
    #[schemars(with = "Option<Vec<String>>")]
    pub accept: Option<TextList>,
    /// short: ignore letter case (default true).
    #[schemars(with = "Option<bool>")]
    pub fold_case: Option<Spanned<bool>>,
    /// short: ignore accents (default true).
    #[schemars(with = "Option<bool>")]
    pub fold_accents: Option<Spanned<bool>>,
    /// short: ignore punctuation and spacing (default true).
    #[schemars(with = "Option<bool>")]
    pub fold_punctuation: Option<Spanned<bool>>,
    /// short: forgive typos scaled to word length, never in numbers (default true).
    #[schemars(with = "Option<bool>")]
    pub typos: Option<Spanned<bool>>,

    /// order: the items, listed in the right order.
    #[schemars(with = "Option<Vec<String>>")]
    pub items: Option<TextList>,
    /// order: hard dependencies, pairs of 1-based item numbers: `[[1, 3]]` says
    /// item 1 must come before item 3. Breaking one fails the answer.
    #[schemars(with = "Option<Vec<Vec<i64>>>")]
    pub before: Option<PairList>,

    /// recall: the answer a strong candidate would give.
    #[schemars(with = "Option<String>")]
    pub model_answer: Option<Text>,
    /// recall: the rubric, one `[[question.concept]]` each.
    #[schemars(with = "Option<Vec<RawConcept>>")]
    pub concept: Option<Spanned<Vec<Spanned<RawConcept>>>>,

    /// scenario and diagnose: an org file under `orgs/`, or an inline `[question.org]`.
    #[schemars(with = "Option<RawOrg>")]
    pub org: Option<Spanned<RawOrg>>,
    /// scenario and diagnose: `[question.goal]`, what must hold at the end.
    // Boxed: most questions have none, and raw questions are many.
    #[schemars(with = "Option<RawGoal>")]
    pub goal: Option<Box<Spanned<RawGoal>>>,
    /// scenario: the reference solution, commands separated by newlines or `;`.
    #[schemars(with = "Option<String>")]
    pub solution: Option<Text>,
    /// scenario: known-wrong solutions, none of which may reach the goal.
    #[schemars(with = "Option<Vec<String>>")]
    pub wrong: Option<TextList>,
    /// scenario: commands that reach the goal the wrong way, each capping the
    /// score; one `[[question.avoid]]` each.
    #[schemars(with = "Option<Vec<RawAvoid>>")]
    pub avoid: Option<Spanned<Vec<Spanned<RawAvoid>>>>,
}

/// One `[[question.avoid]]` of a scenario: a way of reaching the goal that a
/// careful admin would not take.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAvoid {
    /// The command that marks the wrong way, as it starts (`disable user`).
    #[schemars(with = "Option<String>")]
    pub command: Option<Text>,
    /// The most a solution using it scores, from 0 to below 1.
    #[schemars(with = "Option<f64>")]
    pub score: Option<Spanned<f64>>,
    /// Why it is the wrong way, shown in feedback.
    #[schemars(with = "Option<String>")]
    pub why: Option<Text>,
}

/// `org = ...` in a bank: the path of an org file, or the org itself.
#[derive(Debug)]
pub enum RawOrg {
    /// A path relative to the content folder (`orgs/partner-basic.toml`).
    File(String),
    /// An inline `[question.org]` table.
    Inline(Box<OrgFile>),
}

impl<'de> Deserialize<'de> for RawOrg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawOrg, D::Error> {
        struct OrgVisitor;

        impl<'de> Visitor<'de> for OrgVisitor {
            type Value = RawOrg;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the path of an org file or a [question.org] table")
            }

            fn visit_str<E: de::Error>(self, path: &str) -> Result<RawOrg, E> {
                Ok(RawOrg::File(path.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawOrg, A::Error> {
                OrgFile::deserialize(MapAccessDeserializer::new(map))
                    .map(|file| RawOrg::Inline(Box::new(file)))
            }
        }

        deserializer.deserialize_any(OrgVisitor)
    }
}

impl JsonSchema for RawOrg {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawOrg".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inline = generator.subschema_for::<OrgFile>();
        json_schema!({
            "anyOf": [
                {
                    "type": "string",
                    "description": "The path of an org file, relative to the content folder.",
                    "examples": ["orgs/partner-basic.toml"]
                },
                inline
            ]
        })
    }
}

/// `[question.goal]`: what must hold at the end.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    /// The contact the goal is about.
    #[schemars(with = "Option<String>")]
    pub contact: Option<Text>,
    /// `customer` or `partner`: the contact can log in to `site` as that kind.
    #[serde(rename = "as")]
    #[schemars(with = "Option<String>")]
    pub kind: Option<Text>,
    /// The site to log in to; with `as`.
    #[schemars(with = "Option<String>")]
    pub site: Option<Text>,
    /// Instead of `as` and `site`: the contact has an active user of this license.
    #[schemars(with = "Option<String>")]
    pub license: Option<Text>,
}

/// One `[[question.concept]]` of a recall rubric.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    /// Short name shown in feedback.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// Phrases that count for the concept; any one is enough.
    #[schemars(with = "Option<Vec<String>>")]
    pub phrases: Option<TextList>,
    /// Phrases that contradict it and cancel its credit.
    #[schemars(with = "Option<Vec<String>>")]
    pub contradicts: Option<TextList>,
    /// Word sets that count for it when all their words stand in one clause,
    /// in any order.
    #[schemars(with = "Option<Vec<String>>")]
    pub together: Option<TextList>,
    /// A term of the bank's `confusable` groups the claim is about.
    #[schemars(with = "Option<String>")]
    pub subject: Option<Text>,
    /// Relative weight, greater than 0 (default 1).
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    /// Missing it caps the score below the pass mark (default false).
    #[schemars(with = "Option<bool>")]
    pub required: Option<Spanned<bool>>,
    /// Ids of the facts behind the concept: when an interview answer misses it,
    /// the follow-up is a question that tests one of them.
    #[schemars(with = "Option<Vec<String>>")]
    pub facts: Option<TextList>,
    /// Ids of questions that test the concept, asked first as interview
    /// follow-ups when an answer misses it.
    #[schemars(with = "Option<Vec<String>>")]
    pub followup: Option<TextList>,
}

// The loader reads the top level key by key (`bank::parse`); this type only
// describes it, for the JSON Schema (`xcdrill schema bank`).
/// A bank file: its format, its lexicon, its facts and its questions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "xcdrill bank file, format 1")]
#[expect(
    dead_code,
    reason = "never built: schemars reads its shape for `xcdrill schema bank`"
)]
pub struct RawBank {
    /// The bank format; this version of xcdrill reads 1.
    pub format_version: i64,
    /// Words that count as one another in rubric phrases: groups of one word each.
    pub synonyms: Option<Vec<Vec<String>>>,
    /// Terms a learner may mix up; a concept names one as its `subject`.
    pub confusable: Option<Vec<Vec<String>>>,
    /// The facts the questions test.
    pub fact: Option<Vec<RawFact>>,
    /// The questions.
    pub question: Option<Vec<RawQuestion>>,
}

/// The fields every `[[fact]]` must have (`bank::validate` reports each missing one).
pub const FACT_REQUIRED: &[&str] = &["id", "statement", "source"];

/// The fields every `[[question]]` must have, whatever its kind.
pub const QUESTION_REQUIRED: &[&str] = &["id", "kind", "topic", "prompt", "explanation", "facts"];

/// The fields every `[[question.concept]]` must have.
pub const CONCEPT_REQUIRED: &[&str] = &["name", "phrases"];

/// The fields every `[[question.avoid]]` must have.
pub const AVOID_REQUIRED: &[&str] = &["command", "score", "why"];

/// The fields `[question.goal]` must have.
pub const GOAL_REQUIRED: &[&str] = &["contact"];

/// A kind of question as banks write it: its name, the fields only it may use
/// beyond the common ones, and which of those it requires.
#[derive(Debug)]
pub struct KindShape {
    pub name: &'static str,
    pub fields: &'static [&'static str],
    pub required: &'static [&'static str],
}

/// Every kind, in the order FORMAT.md documents them: the one list that kind
/// names, the per-kind fields validation allows and requires, and the JSON
/// Schema follow.
pub const KINDS: &[KindShape] = &[
    KindShape {
        name: "choice",
        fields: &["choices", "correct", "multiple"],
        required: &["choices", "correct"],
    },
    KindShape {
        name: "truefalse",
        fields: &["answer"],
        required: &["answer"],
    },
    KindShape {
        name: "short",
        fields: &[
            "accept",
            "fold_case",
            "fold_accents",
            "fold_punctuation",
            "typos",
        ],
        required: &["accept"],
    },
    KindShape {
        name: "order",
        fields: &["items", "before"],
        required: &["items"],
    },
    KindShape {
        name: "recall",
        fields: &["model_answer", "concept"],
        required: &["model_answer", "concept"],
    },
    KindShape {
        name: "scenario",
        fields: &["org", "goal", "solution", "wrong", "avoid"],
        required: &["org", "goal", "solution"],
    },
    KindShape {
        name: "diagnose",
        fields: &["org", "goal"],
        required: &["org", "goal"],
    },
];

/// The names of [`KINDS`], in order.
pub const KIND_NAMES: &[&str] = &kind_names();

const fn kind_names() -> [&'static str; KINDS.len()] {
    let mut names = [""; KINDS.len()];
    let mut idx = 0;
    while idx < KINDS.len() {
        names[idx] = KINDS[idx].name;
        idx += 1;
    }
    names
}

fn kind_shape(kind: &str) -> Option<&'static KindShape> {
    KINDS.iter().find(|shape| shape.name == kind)
}

/// The fields of [`kind_fields`] that `bank::validate` requires of each kind.
pub fn kind_required(kind: &str) -> &'static [&'static str] {
    kind_shape(kind).map_or(&[], |shape| shape.required)
}

/// Names of the fields each kind may use, beyond the common ones.
pub fn kind_fields(kind: &str) -> &'static [&'static str] {
    kind_shape(kind).map_or(&[], |shape| shape.fields)
}
