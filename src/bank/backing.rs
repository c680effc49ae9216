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

use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::catalog::Catalog;
use crate::model::question::{Kind, Question};
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
                let span = backing.concept_span.clone();
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

#[cfg(test)]
mod tests {
    use crate::bank::{self, ContentFiles};
    use crate::diagnostic::Severity;

    const BANK: &str = r#"format_version = 1
[[fact]]
id = "f.a"
statement = "A."
source = "seed: Quick interview answer"
[[question]]
id = "t.open"
kind = "recall"
topic = "t"
prompt = "Open?"
model_answer = "alpha beta"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
facts = ["f.a", "f.nope"]
followup = ["t.open", "t.tf", "t.gone"]
phrases = ["alpha"]
required = true
[[question.concept]]
name = "B"
phrases = ["beta"]
required = true
[[question.concept]]
name = "C"
phrases = ["gamma"]
[[question]]
id = "t.tf"
kind = "truefalse"
topic = "t"
prompt = "True?"
answer = true
explanation = "x"
facts = ["f.a"]
"#;

    #[test]
    fn unknown_ids_are_errors_and_a_required_concept_naming_nothing_a_warning() {
        let loaded = bank::check(&ContentFiles::from_texts(&[("t.toml", BANK)]));
        let problems: Vec<(Severity, String, String)> = loaded
            .diagnostics
            .iter()
            .map(|diagnostic| {
                (
                    diagnostic.severity,
                    diagnostic.location(),
                    diagnostic.message.clone(),
                )
            })
            .collect();
        let expected = [
            (Severity::Error, "t.toml:16:17", "unknown fact id `f.nope`"),
            (
                Severity::Error,
                "t.toml:17:13",
                "a follow-up of `t.open` can't be the question itself",
            ),
            (
                Severity::Error,
                "t.toml:17:31",
                "unknown question id `t.gone`",
            ),
            (
                Severity::Warning,
                "t.toml:20:1",
                "required concept `B` names no fact or follow-up",
            ),
        ];
        let expected: Vec<(Severity, String, String)> = expected
            .iter()
            .map(|(severity, at, message)| (*severity, at.to_string(), message.to_string()))
            .collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn ids_that_are_no_ids_are_refused_where_they_are_written() {
        let bank = BANK.replace(r#"facts = ["f.a", "f.nope"]"#, r#"facts = ["F A"]"#);
        let loaded = bank::check(&ContentFiles::from_texts(&[("t.toml", &bank)]));
        let first = loaded.errors().next().expect("an error");
        assert_eq!(first.message, "`F A` is not a valid fact id");
        assert_eq!(first.location(), "t.toml:16:10");
    }
}
