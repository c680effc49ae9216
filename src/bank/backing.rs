//! What stands behind recall concepts, checked across banks: the ids a
//! `[[question.concept]]` names in `facts` and `followup` must exist, a
//! follow-up can't be the question itself, and every required concept should
//! name at least one, so that an interview can follow up on an answer that
//! misses it (`session::interview`).
//!
//! It runs once everything is loaded, because a follow-up may be a question
//! of any bank. Unknown ids are errors, like unknown fact ids anywhere; a
//! required concept that names nothing is a warning: the content still works,
//! the interview just has nothing to ask about it.

use super::catalog::Catalog;
use super::question::{Kind, Question};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::suggest::did_you_mean;

/// Every problem with the concepts' facts and follow-ups in `catalog`, located
/// in `sources` (the bank files the questions come from).
pub fn check(catalog: &Catalog, sources: &[SourceText<'_>]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for question in catalog.questions() {
        let Kind::Recall(recall) = &question.kind else {
            continue;
        };
        let Some(source) = sources
            .iter()
            .find(|source| source.path == question.origin.path)
        else {
            continue;
        };
        for concept in &recall.concepts {
            let backing = &concept.backing;
            let mut spans = backing.spans.iter().cloned();
            for fact_id in backing.facts.iter() {
                let span = spans.next().unwrap_or_default();
                if catalog.fact(fact_id).is_none() {
                    let known = catalog.facts().iter().map(|fact| fact.id.as_str());
                    diagnostics.push(source.error(
                        span,
                        format!("unknown fact id `{fact_id}`"),
                        or_suggestion(
                            did_you_mean(fact_id, known),
                            "name a fact defined by a [[fact]] (content/facts.toml)",
                        ),
                    ));
                }
            }
            for followup_id in backing.followups.iter() {
                let span = spans.next().unwrap_or_default();
                if followup_id == question.id() {
                    diagnostics.push(source.error(
                        span,
                        format!("a follow-up of `{followup_id}` can't be the question itself"),
                        "name another question that tests the concept",
                    ));
                } else if catalog.question(followup_id).is_none() {
                    let known = catalog.questions().iter().map(Question::id);
                    diagnostics.push(source.error(
                        span,
                        format!("unknown question id `{followup_id}`"),
                        or_suggestion(
                            did_you_mean(followup_id, known),
                            "name a question of the loaded banks (`xcdrill list`)",
                        ),
                    ));
                }
            }
            if concept.required && backing.is_empty() {
                let span = spans.next().unwrap_or_default();
                diagnostics.push(
                    source
                        .error(
                            span,
                            format!(
                                "required concept `{}` names no fact or follow-up",
                                concept.name
                            ),
                            "add `facts = [\"...\"]` (the facts behind it) or `followup = [\"question.id\"]`, so an interview can follow up when an answer misses it",
                        )
                        .warning(),
                );
            }
        }
    }
    diagnostics
}

fn or_suggestion(suggestion: String, otherwise: &str) -> String {
    if suggestion.is_empty() {
        otherwise.to_string()
    } else {
        suggestion
    }
}
