//! The validation pass: raw schema values in, validated
//! [`Question`](crate::model::Question)s and [`Fact`](crate::model::Fact)s out,
//! with every problem of every file collected on the way.
//!
//! Each fact and question is first checked on its own by a [`Checker`], which can
//! run on any thread as soon as its entry is parsed, so the raw values never pile
//! up. The checks that need other entries run after, in file order: [`Facts`]
//! refuses duplicate fact ids, [`check_fact_refs`] flags citations of unknown facts
//! and `bank::pipeline` refuses duplicate question ids. A question with an error
//! is left out of the catalog; the run still reports all other problems.
//!
//! The checks are split by what they look at: `entry` reads the fields every
//! question and fact has, `kinds` each kind's own fields (choices, lists, order
//! dependencies), `recall` a recall question's rubric, and `across` the checks
//! that need other entries.

mod across;
mod entry;
mod kinds;
mod recall;

use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

pub use across::{
    CheckedQuestion, FactIds, Facts, Topics, check_fact_refs, duplicate_question,
    report_unknown_facts,
};

use super::scenario::OrgScope;
use super::schema::Text;
use crate::diagnostic::{Anchor, Diagnostic, SourceText};
use crate::model::lexicon::Lexicon;
use crate::model::question::GENERATED_PREFIX;

/// Checks of one entry on its own. Raw values' spans are relative to `base`, the
/// offset in the file of the text they were parsed from; when that text is a
/// chunk of the file (`bank::split`), `base` starts line `base_line`.
pub struct Checker<'s, 'd> {
    source: &'s SourceText<'s>,
    base: usize,
    base_line: Option<usize>,
    diagnostics: &'d mut Vec<Diagnostic>,
    n_errors: usize,
    /// The org files scenario and diagnose questions may name.
    orgs: OrgScope<'s>,
    /// The file's synonyms and confusable terms.
    lexicon: Arc<Lexicon>,
    /// The whole text of the file, for questions to share their texts with.
    file: Option<Arc<String>>,
    /// The facts and follow-ups named by the concepts of the question being
    /// checked, with where (spans in the file), for the checks across banks.
    concept_refs: ConceptRefs,
    /// The facts cited by questions that failed their checks, with where:
    /// an unknown one is reported too, so one run shows every error.
    failed_fact_refs: Vec<(String, Range<usize>)>,
}

/// What a question's concepts name, checked once the facts (and, for
/// follow-ups, every question) are known.
#[derive(Debug, Default)]
pub struct ConceptRefs {
    pub facts: Vec<(String, Range<usize>)>,
    pub followups: Vec<(String, Range<usize>)>,
}

impl<'s, 'd> Checker<'s, 'd> {
    pub fn new(
        source: &'s SourceText<'s>,
        base: usize,
        base_line: Option<usize>,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Checker<'s, 'd> {
        Checker {
            source,
            base,
            base_line,
            diagnostics,
            n_errors: 0,
            orgs: OrgScope::NONE,
            lexicon: Lexicon::empty(),
            file: None,
            concept_refs: ConceptRefs::default(),
            failed_fact_refs: Vec::new(),
        }
    }

    /// The facts cited by the questions that failed since the last call
    /// ([`report_unknown_facts`] reports the unknown ones).
    pub fn take_failed_fact_refs(&mut self) -> Vec<(String, Range<usize>)> {
        std::mem::take(&mut self.failed_fact_refs)
    }

    /// The checker, with the org files its bank's scenario and diagnose
    /// questions may name (none unless given).
    pub fn with_orgs(self, orgs: OrgScope<'s>) -> Checker<'s, 'd> {
        Checker { orgs, ..self }
    }

    /// The lexicon of the file the questions come from.
    pub fn with_lexicon(self, lexicon: Arc<Lexicon>) -> Checker<'s, 'd> {
        Checker { lexicon, ..self }
    }

    /// The whole text of the file (the one `source` is), for questions to
    /// keep their texts in rather than copies (`QuestionTexts::in_file`).
    pub fn with_file(self, file: Arc<String>) -> Checker<'s, 'd> {
        Checker {
            file: Some(file),
            ..self
        }
    }

    fn shift(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// Line and column of a (relative) offset. An entry starts on its chunk's
    /// first line, so this counts from the chunk instead of indexing the file.
    fn locate(&self, offset: usize) -> (usize, usize) {
        self.source.locate_from(self.anchor(), self.base + offset)
    }

    /// Where the entry starts, when its line is known.
    fn anchor(&self) -> Option<Anchor> {
        self.base_line.map(|line| Anchor {
            offset: self.base,
            line,
        })
    }
}

impl Checker<'_, '_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.n_errors += 1;
        let diagnostic = self.diagnostic(span, message, hint);
        self.diagnostics.push(diagnostic);
    }

    fn warn(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let diagnostic = self.diagnostic(span, message, hint).warning();
        self.diagnostics.push(diagnostic);
    }

    /// A diagnostic at a (relative) span, located from the entry's first line
    /// when it is known, without indexing the whole file.
    fn diagnostic(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        self.source
            .error_from(self.anchor(), self.shift(span), message, hint)
    }

    /// A required string: present and not blank.
    fn required(
        &mut self,
        value: Option<Text>,
        field: &str,
        table: &str,
        span: &Range<usize>,
    ) -> Option<Spanned<String>> {
        match value {
            None => {
                self.error(
                    span.clone(),
                    format!("{table} is missing `{field}`"),
                    format!("add `{field} = \"...\"` to this {table}"),
                );
                None
            }
            Some(text) if text.get_ref().trim().is_empty() => {
                self.error(
                    text.span(),
                    format!("`{field}` is empty"),
                    format!("write the {field}"),
                );
                None
            }
            Some(text) => Some(text),
        }
    }

    fn id(&mut self, value: Option<Text>, table: &str, span: &Range<usize>) -> Option<Text> {
        let id = self.required(value, "id", table, span)?;
        if !is_valid_id(id.get_ref()) {
            self.error(
                id.span(),
                format!("`{}` is not a valid id", id.get_ref()),
                "use dotted lowercase words, like `setup.order` or `roles.first-user`",
            );
            return None;
        }
        if id.get_ref().starts_with(GENERATED_PREFIX) {
            self.error(
                id.span(),
                format!("`{}` uses a reserved prefix", id.get_ref()),
                "`generated.` is reserved for `quiz --generated`; pick another first word",
            );
            return None;
        }
        Some(id)
    }

    fn error_count(&self) -> usize {
        self.n_errors
    }
}

/// Dotted lowercase words: `setup.order`, `roles.first-user`.
pub fn is_valid_id(id: &str) -> bool {
    let mut n_parts = 0;
    for part in id.split('.') {
        n_parts += 1;
        let mut chars = part.chars();
        let first_ok = chars
            .next()
            .is_some_and(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit());
        if !first_ok
            || !chars
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
        {
            return false;
        }
    }
    n_parts >= 2 && id.len() <= 100
}

/// One lowercase word, hyphens allowed: `setup`, `site-login`.
fn is_valid_topic(topic: &str) -> bool {
    !topic.is_empty()
        && topic.len() <= 40
        && topic
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}
