//! Recall questions: a free-text answer graded against a rubric of concepts.
//!
//! A concept is earned when any of its phrases is found in the answer
//! (`matcher`: normalised, stemmed words in order, small gaps, typos forgiven,
//! never across clause punctuation), unless one of its contradicting phrases is
//! found too ("you don't need a contact" never earns "contact"). The score is the
//! earned share of the concepts' weights. Missing a `required` concept caps the
//! score at [`REQUIRED_CAP_BELOW_PASS`] below the pass mark. Feedback lists the
//! concepts found, missed and contradicted, and shows the model answer.

use super::matcher::{AnswerWords, Matcher};
use super::{Mark, quote};
use crate::bank::question::{Concept, Recall};

/// How far below the pass mark an answer missing a required concept is capped:
/// just below, so that it fails however much else it names.
pub const REQUIRED_CAP_BELOW_PASS: f64 = 0.01;

/// What an answer earned for one concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Found,
    Missed,
    /// A contradicting phrase was found: the answer's words that matched it.
    Contradicted(String),
}

/// The outcome of every concept of the rubric, in rubric order.
pub fn assess(recall: &Recall, answer: &str) -> Vec<Outcome> {
    let words = AnswerWords::new(answer);
    let mut matcher = Matcher::new(&words);
    recall
        .concepts
        .iter()
        .map(|concept| outcome(concept, answer, &mut matcher))
        .collect()
}

/// The outcome of one concept alone.
pub fn assess_concept(concept: &Concept, answer: &str) -> Outcome {
    let words = AnswerWords::new(answer);
    outcome(concept, answer, &mut Matcher::new(&words))
}

/// A contradiction found anywhere cancels the concept, so those are looked for
/// first.
fn outcome(concept: &Concept, answer: &str, matcher: &mut Matcher<'_>) -> Outcome {
    for contradiction in &concept.contradicts {
        if let Some(span) = matcher.find(contradiction) {
            let written = answer.get(span).unwrap_or("");
            return Outcome::Contradicted(written.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if concept
        .phrases
        .iter()
        .any(|phrase| matcher.find(phrase).is_some())
    {
        Outcome::Found
    } else {
        Outcome::Missed
    }
}

pub fn grade(recall: &Recall, pass: f64, answer: &str) -> Mark {
    let outcomes = assess(recall, answer);
    let concepts = || recall.concepts.iter().zip(&outcomes);
    let total_weight: f64 = recall.concepts.iter().map(|concept| concept.weight).sum();
    let earned: f64 = concepts()
        .filter(|(_, outcome)| **outcome == Outcome::Found)
        .map(|(concept, _)| concept.weight)
        .sum();
    let mut score = if total_weight > 0.0 {
        earned / total_weight
    } else {
        0.0
    };
    let required_missing =
        concepts().any(|(concept, outcome)| concept.required && *outcome != Outcome::Found);
    // Written straight into one string: recall grading has a time budget, and
    // the feedback is a fair share of its work.
    let mut feedback = String::with_capacity(256 + recall.model_answer.len());
    if answer.trim().is_empty() {
        feedback.push_str("no answer given\n");
    }
    push_section(
        &mut feedback,
        "found: ",
        ", ",
        concepts(),
        |out, concept, outcome| {
            let shown = *outcome == Outcome::Found;
            if shown {
                out.push_str(&concept.name);
            }
            shown
        },
    );
    push_section(
        &mut feedback,
        "missed: ",
        ", ",
        concepts(),
        |out, concept, outcome| {
            let shown = *outcome == Outcome::Missed;
            if shown {
                out.push_str(&concept.name);
                out.push_str(required_note(concept));
            }
            shown
        },
    );
    push_section(
        &mut feedback,
        "contradicted: ",
        "; ",
        concepts(),
        |out, concept, outcome| {
            let Outcome::Contradicted(written) = outcome else {
                return false;
            };
            out.push_str(&concept.name);
            out.push_str(required_note(concept));
            out.push_str(": you wrote ");
            out.push_str(&quote(written));
            true
        },
    );
    let cap = (pass - REQUIRED_CAP_BELOW_PASS).max(0.0);
    if required_missing && score > cap {
        score = cap;
        feedback.push_str(&format!(
            "a required concept is missing, so the score is capped at {}%\n",
            super::percent(cap)
        ));
    }
    feedback.push_str("model answer: ");
    feedback.push_str(&recall.model_answer);
    let missed = concepts()
        .filter(|(_, outcome)| **outcome != Outcome::Found)
        .map(|(concept, _)| concept.name.to_string())
        .collect();
    Mark::new(score, feedback, missed)
}

fn required_note(concept: &Concept) -> &'static str {
    if concept.required { " (required)" } else { "" }
}

/// Appends one line, `label` then what `write_item` writes for each concept it
/// selects (it returns whether it wrote one), joined by `separator`; nothing at
/// all when it selects none.
fn push_section<'r>(
    feedback: &mut String,
    label: &str,
    separator: &str,
    concepts: impl Iterator<Item = (&'r Concept, &'r Outcome)>,
    write_item: impl Fn(&mut String, &Concept, &Outcome) -> bool,
) {
    let line_start = feedback.len();
    feedback.push_str(label);
    let mut n_items = 0;
    for (concept, outcome) in concepts {
        let item_start = feedback.len();
        if n_items > 0 {
            feedback.push_str(separator);
        }
        if write_item(feedback, concept, outcome) {
            n_items += 1;
        } else {
            feedback.truncate(item_start);
        }
    }
    if n_items == 0 {
        feedback.truncate(line_start);
    } else {
        feedback.push('\n');
    }
}
