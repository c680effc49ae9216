//! The follow-ups recall concepts name (`followup` of a `[[question.concept]]`)
//! must be questions of the loaded banks, and not the question itself. This is
//! checked once everything is loaded, because a follow-up may be a question of
//! any bank. The rest of what stands behind a concept is checked while its
//! entry is read: its ids are valid (`validate::recall`), its facts exist
//! (`validate::check_fact_refs`), and a required concept names a fact or a
//! follow-up, so that an interview can follow up on an answer that misses it
//! (`session::interview`).

use std::ops::Range;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::catalog::Catalog;
use crate::model::question::Question;
use crate::suggest::did_you_mean;

/// A follow-up a concept names, with where it is written, waiting for every
/// question to be known.
#[derive(Debug)]
pub struct Followup {
    /// The bank file, as an index into the sources.
    pub file: usize,
    /// The id of the question whose concept names it.
    pub question: String,
    pub id: String,
    pub span: Range<usize>,
}

/// Every problem with `followups`, located in `sources` (the bank files).
pub fn check(
    catalog: &Catalog,
    followups: &[Followup],
    sources: &[SourceText<'_>],
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for followup in followups {
        let Some(source) = sources.get(followup.file) else {
            continue;
        };
        let span = followup.span.clone();
        if followup.id == followup.question {
            diagnostics.push(source.error(
                span,
                format!(
                    "a follow-up of `{}` can't be the question itself",
                    followup.id
                ),
                "name another question that tests the concept",
            ));
        } else if catalog.question(&followup.id).is_none() {
            let known = catalog.questions().iter().map(Question::id);
            diagnostics.push(source.error(
                span,
                format!("unknown question id `{}`", followup.id),
                or_suggestion(
                    did_you_mean(&followup.id, known),
                    "name a question of the loaded banks (`xcdrill list`)",
                ),
            ));
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
    fn a_follow_up_may_be_a_question_of_another_bank() {
        let other = r#"format_version = 1
[[question]]
id = "u.tf"
kind = "truefalse"
topic = "u"
prompt = "True?"
answer = true
explanation = "x"
facts = ["f.a"]
"#;
        let bank = BANK
            .replace(
                r#"followup = ["t.open", "t.tf", "t.gone"]"#,
                r#"followup = ["u.tf", "u.gone"]"#,
            )
            .replace(r#""f.a", "f.nope""#, r#""f.a""#);
        let loaded = bank::check(&ContentFiles::from_texts(&[
            ("t.toml", &bank),
            ("u.toml", other),
        ]));
        let errors: Vec<(String, String)> = loaded
            .errors()
            .map(|error| (error.location(), error.message.clone()))
            .collect();
        assert_eq!(
            errors,
            [(
                "t.toml:17:21".to_string(),
                "unknown question id `u.gone`".to_string()
            )]
        );
        let Some(question) = loaded.catalog.question("t.open") else {
            panic!("t.open is loaded");
        };
        let crate::model::question::Kind::Recall(recall) = &question.kind else {
            panic!("t.open is a recall question");
        };
        assert_eq!(recall.concepts[0].backing.followups, ["u.tf", "u.gone"]);
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
