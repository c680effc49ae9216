//! A bank's lexicon: the word groups its recall rubrics share, declared once at
//! the top of a bank file, before its first entry.
//!
//! ```toml
//! format_version = 1
//! # Words that mean the same here; any one matches a rubric phrase written
//! # with another (one word each).
//! synonyms = [["organisation", "organization", "company", "business", "firm"]]
//! # Terms a learner may confuse. A concept names one as its `subject`; a claim
//! # made of another term of its group contradicts it ("disabling keeps the
//! # link" when the concept is about deactivating).
//! confusable = [["deactivate", "disable"], ["account", "contact", "user"]]
//! ```
//!
//! Both are read with their spans and checked here: every group has at least
//! two entries, no entry is empty, a synonym is one word, and no entry is in
//! two groups of the same list. The lexicon applies to the questions of its own
//! file only.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::derived::Derived;
use crate::model::lexicon::Lexicon;

/// The top-level keys of a bank file that make its lexicon.
pub const LEXICON_KEYS: &[&str] = &["synonyms", "confusable"];

/// Reads the lexicon keys met at a file's top level, checking each group.
#[derive(Debug, Default)]
pub struct LexiconReader {
    synonyms: Vec<Box<[Box<str>]>>,
    confusable: Vec<Box<[Box<str>]>>,
}

type Groups = Spanned<Vec<Spanned<Vec<Spanned<String>>>>>;

impl LexiconReader {
    /// Reads `key = value` (one of [`LEXICON_KEYS`]); `value`'s spans are
    /// relative to `base`.
    pub fn read(
        &mut self,
        source: &SourceText<'_>,
        base: usize,
        key: &str,
        value: Spanned<DeValue<'_>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let value_span = shift(value.span(), base);
        let groups = match Groups::deserialize(ValueDeserializer::from(value)) {
            Ok(groups) => groups,
            Err(_) => {
                diagnostics.push(source.error(
                    value_span,
                    format!("`{key}` must be a list of lists of strings"),
                    format!("write `{key} = [[\"first\", \"second\"]]`, one inner list a group"),
                ));
                return;
            }
        };
        let one_word = key == "synonyms";
        let mut seen: Vec<String> = Vec::new();
        let mut read_groups = Vec::new();
        for group in groups.into_inner() {
            let group_span = shift(group.span(), base);
            let entries = group.into_inner();
            if entries.len() < 2 {
                diagnostics.push(source.error(
                    group_span,
                    format!("a `{key}` group needs at least two entries"),
                    "list the words that belong together, or remove the group",
                ));
                continue;
            }
            let mut ok = true;
            for entry in &entries {
                let span = shift(entry.span(), base);
                let text = entry.get_ref().trim();
                let problem = if text.is_empty() {
                    Some((
                        "empty entry",
                        "write a word or remove the entry".to_string(),
                    ))
                } else if one_word && text.split_whitespace().count() > 1 {
                    Some((
                        "a synonym is one word",
                        "write phrases of several words in the rubric's `phrases` instead"
                            .to_string(),
                    ))
                } else if seen.iter().any(|known| known.eq_ignore_ascii_case(text)) {
                    Some((
                        "entry already in another group",
                        format!("`{text}` may stand in one `{key}` group only"),
                    ))
                } else {
                    None
                };
                if let Some((message, hint)) = problem {
                    diagnostics.push(source.error(span, message, hint));
                    ok = false;
                } else {
                    seen.push(text.to_string());
                }
            }
            if ok {
                read_groups.push(
                    entries
                        .iter()
                        .map(|entry| Box::from(entry.get_ref().trim()))
                        .collect(),
                );
            }
        }
        if one_word {
            self.synonyms = read_groups;
        } else {
            self.confusable = read_groups;
        }
    }

    pub fn finish(self) -> Arc<Lexicon> {
        if self.synonyms.is_empty() && self.confusable.is_empty() {
            return Lexicon::empty();
        }
        Arc::new(Lexicon {
            synonyms: self.synonyms.into_boxed_slice(),
            confusable: self.confusable.into_boxed_slice(),
            derived: Derived::default(),
        })
    }
}

fn shift(span: Range<usize>, base: usize) -> Range<usize> {
    span.start + base..span.end + base
}
