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
    let total_weight: f64 = recall.concepts.iter().map(|concept| concept.weight).sum();
    let earned: f64 = recall
        .concepts
        .iter()
        .zip(&outcomes)
        .filter(|(_, outcome)| **outcome == Outcome::Found)
        .map(|(concept, _)| concept.weight)
        .sum();
    let mut score = if total_weight > 0.0 {
        earned / total_weight
    } else {
        0.0
    };
    let mut found = Vec::new();
    let mut missed = Vec::new();
    let mut missed_shown = Vec::new();
    let mut contradicted = Vec::new();
    let mut required_missing = false;
    for (concept, outcome) in recall.concepts.iter().zip(&outcomes) {
        if *outcome != Outcome::Found && concept.required {
            required_missing = true;
        }
        let required_note = if concept.required { " (required)" } else { "" };
        match outcome {
            Outcome::Found => found.push(concept.name.clone()),
            Outcome::Missed => {
                missed_shown.push(format!("{}{required_note}", concept.name));
                missed.push(concept.name.clone());
            }
            Outcome::Contradicted(written) => {
                contradicted.push(format!(
                    "{}{required_note}: you wrote {}",
                    concept.name,
                    quote(written)
                ));
                missed.push(concept.name.clone());
            }
        }
    }
    let mut lines = Vec::new();
    if answer.trim().is_empty() {
        lines.push("no answer given".to_string());
    }
    if !found.is_empty() {
        lines.push(format!("found: {}", found.join(", ")));
    }
    if !missed_shown.is_empty() {
        lines.push(format!("missed: {}", missed_shown.join(", ")));
    }
    if !contradicted.is_empty() {
        lines.push(format!("contradicted: {}", contradicted.join("; ")));
    }
    let cap = (pass - REQUIRED_CAP_BELOW_PASS).max(0.0);
    if required_missing && score > cap {
        score = cap;
        lines.push(format!(
            "a required concept is missing, so the score is capped at {}%",
            super::percent(cap)
        ));
    }
    lines.push(format!("model answer: {}", recall.model_answer));
    Mark::new(score, lines.join("\n"), missed)
}
