//! Rubric mutation tests, for `lint`: adversarial answers made from a recall
//! question's own model answer, each of which must fail its grader. A rubric
//! that passes one of them rewards words, not claims.
//!
//! - **negated**: each required concept's words in the model answer preceded by
//!   `not` (every concept at once when none is required);
//! - **swapped**: for each `confusable` group with two or more terms in the model
//!   answer, the first two exchanged everywhere;
//! - **listed**: each concept's shortest phrase or word set that asserts
//!   nothing, joined by commas (a concept whose every phrase makes a claim
//!   is left out; none is made when every concept's are).

use std::ops::Range;

use super::matcher::{AnswerWords, Matcher};
use super::phrase::Phrase;
use super::polarity;
use super::recall::{rubric_of, synonyms_of};
use super::words;
use crate::model::question::Recall;

/// One adversarial answer and what was done to make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// What was changed, for the lint message ("required concept `x` negated").
    pub what: String,
    pub kind: MutantKind,
    pub answer: String,
}

/// How a mutant was made, which says what an author can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MutantKind {
    Negated,
    Swapped,
    Listed,
}

impl MutantKind {
    /// What to change in the rubric when a mutant of this kind passes.
    pub fn hint(self) -> &'static str {
        match self {
            MutantKind::Negated => {
                "the concept still counts when its claim is denied: give it phrases that state the claim (a phrase that is itself negative, like `isn't on the layout`, matches the denial too), or list the denied wording in `contradicts`"
            }
            MutantKind::Swapped => {
                "give the concept a `subject` from that `confusable` group, so that its claim counts only of the right term"
            }
            MutantKind::Listed => {
                "make the ideas that answer the question `required`, with phrases that make a claim, so that naming terms is not enough"
            }
        }
    }
}

/// Every mutant of `recall`'s model answer.
pub fn mutants(recall: &Recall) -> Vec<Mutant> {
    let model = &*recall.model_answer;
    let words = AnswerWords::new(model);
    let synonyms = synonyms_of(&recall.lexicon);
    let rubric = rubric_of(recall);
    let mut matcher = Matcher::new(&words, synonyms);
    let mut out = Vec::new();

    let concepts = || recall.concepts.iter().zip(&rubric.concepts);
    let negate_all = !recall.concepts.iter().any(|concept| concept.required);
    let targets: Vec<_> = concepts()
        .filter(|(concept, _)| negate_all || concept.required)
        .collect();
    let mut all_spans = Vec::new();
    for (concept, read) in &targets {
        let spans = concept_spans(&mut matcher, &read.phrases);
        if spans.is_empty() {
            continue;
        }
        if negate_all {
            all_spans.extend(spans);
        } else {
            out.push(Mutant {
                what: format!("required concept `{}` negated", concept.name),
                kind: MutantKind::Negated,
                answer: negate(model, &spans),
            });
        }
    }
    if negate_all && !all_spans.is_empty() {
        out.push(Mutant {
            what: "every concept negated".to_string(),
            kind: MutantKind::Negated,
            answer: negate(model, &all_spans),
        });
    }

    for (group, terms) in recall.lexicon.confusable.iter().zip(&rubric.terms) {
        let present: Vec<(usize, Vec<Range<usize>>)> = terms
            .iter()
            .enumerate()
            .map(|(idx, term)| (idx, term_spans(&mut matcher, term)))
            .filter(|(_, spans)| !spans.is_empty())
            .collect();
        let [(first, first_spans), (second, second_spans), ..] = present.as_slice() else {
            continue;
        };
        let mut replacements: Vec<(Range<usize>, &str)> = first_spans
            .iter()
            .map(|span| (span.clone(), &*group[*second]))
            .chain(
                second_spans
                    .iter()
                    .map(|span| (span.clone(), &*group[*first])),
            )
            .collect();
        replacements.sort_by_key(|(span, _)| span.start);
        out.push(Mutant {
            what: format!("`{}` and `{}` swapped", group[*first], group[*second]),
            kind: MutantKind::Swapped,
            answer: replace(model, &replacements),
        });
    }

    // Each concept's shortest phrase or word set that asserts nothing on its
    // own, as a learner listing terms would write it. A concept whose every
    // phrase makes a claim ("site must be active") has no term to list:
    // writing its phrase is making the claim.
    let listed: Vec<&str> = recall
        .concepts
        .iter()
        .filter_map(|concept| {
            concept
                .phrases
                .iter()
                .chain(concept.together.iter())
                .filter(|phrase| !phrase.split_whitespace().any(words::asserts))
                .min_by_key(|phrase| phrase.len())
        })
        .collect();
    if !listed.is_empty() {
        out.push(Mutant {
            what: "the concepts' phrases listed bare".to_string(),
            kind: MutantKind::Listed,
            answer: listed.join(", "),
        });
    }
    out
}

/// Where to negate a concept: the first word of its matches, as byte ranges,
/// leaving out those an earlier negation already reaches.
fn concept_spans(matcher: &mut Matcher<'_>, phrases: &[Phrase]) -> Vec<Range<usize>> {
    let answer = matcher.answer();
    let mut starts: Vec<u32> = Vec::new();
    for phrase in phrases {
        starts.extend(matcher.find_all(phrase).iter().map(|found| found.first));
    }
    // A match whose first word an earlier `not` already reaches gets none of
    // its own: two would cancel.
    starts.sort_unstable();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut last_negated: Option<(u32, u32)> = None;
    for first in starts {
        let clause = answer.clause_of(first);
        if let Some((negated_clause, negated_at)) = last_negated
            && negated_clause == clause
            && (first as usize) < negated_at as usize + polarity::PRE_WINDOW
        {
            continue;
        }
        last_negated = Some((clause, first));
        spans.push(answer.span_of(first));
    }
    spans
}

/// Every place `term` occurs, as byte ranges.
fn term_spans(matcher: &mut Matcher<'_>, term: &Phrase) -> Vec<Range<usize>> {
    let answer = matcher.answer();
    let found = matcher.find_all(term).to_vec();
    found
        .iter()
        .map(|found| answer.span_of(found.first).start..answer.span_of(found.last).end)
        .collect()
}

/// `text` with each claim whose first word is `spans[..]` negated: a negation
/// there (`not already has a user`) is dropped, else `not` is put before it.
fn negate(text: &str, spans: &[Range<usize>]) -> String {
    let mut spans = spans.to_vec();
    spans.sort_by_key(|span| span.start);
    spans.dedup();
    let mut out = String::with_capacity(text.len() + spans.len() * 4);
    let mut done = 0;
    for span in spans {
        if span.start < done {
            continue;
        }
        out.push_str(&text[done..span.start]);
        let word = text[span.clone()].to_lowercase();
        if matches!(
            words::class(&word).cue,
            polarity::Cue::Before | polarity::Cue::Both
        ) {
            done = span.end;
        } else {
            out.push_str("not ");
            done = span.start;
        }
    }
    out.push_str(&text[done..]);
    out
}

/// `text` with each span replaced; overlapping spans after the first are skipped.
fn replace(text: &str, replacements: &[(Range<usize>, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (span, with) in replacements {
        if span.start < done {
            continue;
        }
        out.push_str(&text[done..span.start]);
        out.push_str(with);
        done = span.end;
    }
    out.push_str(&text[done..]);
    out
}
