//! A recall question's rubric: its model answer and concepts, each with its
//! phrases, and the terms of the file's lexicon a concept may be about.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use super::{Checker, is_valid_id};
use crate::bank::schema::{RawConcept, RawQuestion, TextList};
use crate::model::derived::Derived;
use crate::model::question::{Backing, Concept, Recall};
use crate::model::texts::Texts;
use crate::suggest::did_you_mean;

impl Checker<'_, '_> {
    pub(super) fn recall(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Recall> {
        let model_answer = self.required(
            raw.model_answer.take(),
            "model_answer",
            "recall question",
            span,
        );
        let Some(concepts) = raw.concept.take() else {
            self.error(
                span.clone(),
                "recall question has no concepts",
                "add a rubric: one [[question.concept]] per idea the answer should name",
            );
            return None;
        };
        let concepts_span = concepts.span();
        let raw_concepts = concepts.into_inner();
        if raw_concepts.is_empty() {
            self.error(
                concepts_span,
                "recall question has no concepts",
                "add at least one [[question.concept]]",
            );
            return None;
        }
        let mut checked = Vec::new();
        let mut phrase_owner: HashMap<String, String> = HashMap::new();
        for concept in raw_concepts {
            let concept_span = concept.span();
            if let Some(concept) = self.concept(concept.into_inner(), &concept_span) {
                for phrase in concept.phrases.iter() {
                    let key = phrase.trim().to_lowercase();
                    if let Some(owner) = phrase_owner.get(&key) {
                        self.warn(
                            concept_span.clone(),
                            format!(
                                "phrase `{phrase}` counts for both `{owner}` and `{}`",
                                concept.name
                            ),
                            "a phrase should earn one concept; make it more specific",
                        );
                    } else {
                        phrase_owner.insert(key, concept.name.to_string());
                    }
                }
                checked.push(concept);
            }
        }
        Some(Recall {
            model_answer: model_answer?.into_inner().into_boxed_str(),
            concepts: checked.into_boxed_slice(),
            lexicon: Arc::clone(&self.lexicon),
            derived: Derived::default(),
        })
    }

    fn concept(&mut self, raw: RawConcept, span: &Range<usize>) -> Option<Concept> {
        let name = self.required(raw.name, "name", "concept", span);
        let phrases = match raw.phrases {
            Some(list) if list.get_ref().is_empty() => {
                self.error(
                    list.span(),
                    "concept has no phrases",
                    "add the phrases that count for it",
                );
                None
            }
            Some(list) => Some(list),
            None => {
                self.error(
                    span.clone(),
                    "concept has no phrases",
                    "add `phrases = [\"...\"]`: the words that count for it",
                );
                None
            }
        };
        let phrases = self.phrase_list(phrases?)?;
        let contradicts = match raw.contradicts {
            Some(list) => self.phrase_list(list)?,
            None => Texts::default(),
        };
        let together = match raw.together {
            Some(list) => self.phrase_list(list)?,
            None => Texts::default(),
        };
        let subject = match raw.subject {
            Some(term) => match self.lexicon.subject(term.get_ref()) {
                Some(found) => Some(found),
                None => {
                    let terms = self.lexicon.confusable.iter().flatten().map(|term| &**term);
                    let suggestion = did_you_mean(term.get_ref(), terms);
                    self.error(
                        term.span(),
                        format!("`{}` is not a term of the bank's `confusable` groups", term.get_ref()),
                        if suggestion.is_empty() {
                            "declare it at the top of the file: `confusable = [[\"deactivate\", \"disable\"]]`".to_string()
                        } else {
                            suggestion
                        },
                    );
                    return None;
                }
            },
            None => None,
        };
        let weight = match raw.weight {
            Some(weight) if !(*weight.get_ref() > 0.0 && weight.get_ref().is_finite()) => {
                self.error(
                    weight.span(),
                    "concept weight must be greater than 0",
                    "use a weight such as 1 or 2",
                );
                return None;
            }
            Some(weight) => weight.into_inner(),
            None => 1.0,
        };
        let required = raw.required.is_some_and(Spanned::into_inner);
        let name = name?.into_inner();
        let backing = self.backing(raw.facts, raw.followup, span, (&name, required))?;
        Some(Concept {
            name: name.into_boxed_str(),
            phrases,
            contradicts,
            together,
            subject,
            weight,
            required,
            backing,
        })
    }

    /// A concept's `facts` and `followup` ids, each a valid id. Whether they
    /// exist is checked across banks (`validate::check_fact_refs` once the facts
    /// are known, `bank::backing` once every question is), where they were
    /// written kept for that in `concept_refs`. A required concept that names
    /// neither gets a warning: an interview can't follow up on it.
    fn backing(
        &mut self,
        facts: Option<TextList>,
        followups: Option<TextList>,
        concept_span: &Range<usize>,
        concept: (&str, bool),
    ) -> Option<Backing> {
        let mut ok = true;
        let mut refs = std::mem::take(&mut self.concept_refs);
        let mut ids =
            |list: Option<TextList>, what: &str, refs: &mut Vec<(String, Range<usize>)>| {
                let entries = list.map(Spanned::into_inner).unwrap_or_default();
                for entry in &entries {
                    if !is_valid_id(entry.get_ref()) {
                        self.error(
                            entry.span(),
                            format!("`{}` is not a valid {what} id", entry.get_ref()),
                            "ids are dotted lowercase words, like `chain.contact-needs-account`",
                        );
                        ok = false;
                    }
                    refs.push((entry.get_ref().clone(), self.shift(entry.span())));
                }
                Texts::pack(entries.iter().map(|entry| entry.get_ref().as_str()))
            };
        let facts = ids(facts, "fact", &mut refs.facts);
        let followups = ids(followups, "question", &mut refs.followups);
        self.concept_refs = refs;
        let backing = Backing { facts, followups };
        let (name, required) = concept;
        if ok && required && backing.is_empty() {
            self.warn(
                concept_span.clone(),
                format!("required concept `{name}` names no fact or follow-up"),
                "add `facts = [\"...\"]` (the facts behind it) or `followup = [\"question.id\"]`, so an interview can follow up when an answer misses it",
            );
        }
        ok.then_some(backing)
    }

    fn phrase_list(&mut self, list: TextList) -> Option<Texts> {
        let phrases = list.into_inner();
        for phrase in &phrases {
            if phrase.get_ref().trim().is_empty() {
                self.error(
                    phrase.span(),
                    "empty phrase",
                    "write the phrase or remove it",
                );
                return None;
            }
        }
        Some(Texts::pack(
            phrases.iter().map(|phrase| phrase.get_ref().as_str()),
        ))
    }
}
