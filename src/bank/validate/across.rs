//! The checks across entries, run in file order after each entry's own:
//! duplicate fact and question ids, citations of unknown facts, and the topics
//! the questions share.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::fact::Fact;
use crate::model::question::Question;
use crate::suggest::did_you_mean;

/// The facts kept so far, in file order, with where each id was first defined.
#[derive(Debug, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
    origins: HashMap<String, String>,
}

impl Facts {
    /// Keeps `fact` (defined in `source` with its id at `id_span`) unless its id
    /// was defined before, which is an error.
    pub fn add(
        &mut self,
        fact: Fact,
        id_span: Range<usize>,
        source: &SourceText<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if let Some(first) = self.origins.get(&fact.id) {
            diagnostics.push(source.error(
                id_span,
                format!("duplicate fact id `{}`", fact.id),
                format!("first defined at {first}; fact ids must be unique"),
            ));
        } else {
            self.origins
                .insert(fact.id.clone(), source.origin(id_span.start));
            self.facts.push(fact);
        }
    }

    /// The ids of the kept facts, for checking what questions cite.
    pub fn ids(&self) -> FactIds<'_> {
        FactIds {
            known: self
                .facts
                .iter()
                .map(|fact| (fact.id.as_str(), Arc::from(fact.id.as_str())))
                .collect(),
            facts: &self.facts,
        }
    }
}

/// Every fact id, for looking up citations from any thread; questions share the
/// one copy of each id kept here.
#[derive(Debug)]
pub struct FactIds<'a> {
    known: HashMap<&'a str, Arc<str>>,
    /// In definition order, so that suggestions do not depend on hashing.
    facts: &'a [Fact],
}

/// The topics met so far, so that the questions of a topic share one copy.
#[derive(Debug, Default)]
pub struct Topics(Vec<Arc<str>>);

impl Topics {
    /// Banks have a handful of topics; past this many, new ones are not kept
    /// (each question then has its own copy), so a search never gets long.
    const MAX_KEPT: usize = 64;

    pub(super) fn intern(&mut self, topic: String) -> Arc<str> {
        if let Some(known) = self.0.iter().find(|known| ***known == *topic) {
            return Arc::clone(known);
        }
        let topic: Arc<str> = Arc::from(topic);
        if self.0.len() < Self::MAX_KEPT {
            self.0.push(Arc::clone(&topic));
        }
        topic
    }
}

/// What to do about a fact id that no bank defines.
const CITE_A_FACT: &str =
    "cite the id of a [[fact]] in a file of the banks being read (`facts.toml` beside them, say)";

/// Reports each fact of `refs` (ids with where they are cited) that no bank
/// defines: a concept's facts, or those of a question that failed other
/// checks (`Checker::take_failed_fact_refs`).
pub fn report_unknown_facts(
    refs: &[(String, Range<usize>)],
    fact_ids: &FactIds<'_>,
    source: &SourceText<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (fact_id, span) in refs {
        if !fact_ids.known.contains_key(fact_id.as_str()) {
            diagnostics.push(fact_ids.unknown(source, fact_id, span, CITE_A_FACT));
        }
    }
}

/// Reports every fact `checked` or one of its concepts cites that no bank
/// defines; returns whether the question may be kept (a concept's unknown fact
/// does not keep it out), and when it may, fills in its facts.
pub fn check_fact_refs(
    checked: &mut CheckedQuestion,
    fact_ids: &FactIds<'_>,
    source: &SourceText<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    let mut facts = Vec::with_capacity(checked.fact_refs.len());
    for (fact_id, span) in &checked.fact_refs {
        if let Some(known) = fact_ids.known.get(fact_id.as_str()) {
            facts.push(Arc::clone(known));
        } else {
            ok = false;
            diagnostics.push(fact_ids.unknown(source, fact_id, span, CITE_A_FACT));
        }
    }
    // A concept naming an unknown fact keeps its question: the fact only
    // backs interview follow-ups.
    report_unknown_facts(&checked.concept_facts, fact_ids, source, diagnostics);
    if ok {
        checked.question.facts = facts.into_boxed_slice();
    }
    ok
}

impl FactIds<'_> {
    /// The error for `fact_id`, which no bank defines, written at `span`: the
    /// hint is the closest known id, else `otherwise`.
    fn unknown(
        &self,
        source: &SourceText<'_>,
        fact_id: &str,
        span: &Range<usize>,
        otherwise: &str,
    ) -> Diagnostic {
        let known = self.facts.iter().map(|fact| fact.id.as_str());
        let suggestion = did_you_mean(fact_id, known);
        source.error(
            span.clone(),
            format!("unknown fact id `{fact_id}`"),
            if suggestion.is_empty() {
                otherwise.to_string()
            } else {
                suggestion
            },
        )
    }
}

/// The error for a question id defined a second time; `first` is where the
/// first definition is (`path:line:col`).
pub fn duplicate_question(
    source: &SourceText<'_>,
    id: &str,
    id_span: Range<usize>,
    first: &str,
) -> Diagnostic {
    source.error(
        id_span,
        format!("duplicate question id `{id}`"),
        format!("first defined at {first}; question ids must be unique across all banks"),
    )
}

/// A question that passed its own checks, waiting for the checks across files;
/// its `facts` are filled in by [`check_fact_refs`]. Spans here are offsets into
/// the whole file.
#[derive(Debug)]
pub struct CheckedQuestion {
    pub question: Question,
    /// The question's id, also in `question`, kept for the checks across files.
    pub id: String,
    pub id_span: Range<usize>,
    /// The facts cited, each once, with where.
    pub fact_refs: Vec<(String, Range<usize>)>,
    /// The facts its recall concepts name, with where (`facts` of a
    /// `[[question.concept]]`).
    pub concept_facts: Vec<(String, Range<usize>)>,
    /// The follow-up questions its recall concepts name, with where: checked
    /// once every bank is loaded (`bank::backing`).
    pub followups: Vec<(String, Range<usize>)>,
}
