//! A bank file's lexicon: the word groups its recall rubrics share
//! (`synonyms`, `confusable`), as `bank::lexicon` reads them.

use std::sync::{Arc, OnceLock};

use super::derived::Derived;

/// The word groups of one bank file. Empty when the file declares none.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Groups of single words that count as one another.
    pub synonyms: Box<[Box<[Box<str>]>]>,
    /// Groups of terms (a word or a phrase) that must not be confused.
    pub confusable: Box<[Box<[Box<str>]>]>,
    /// What the grader derives from the groups once (their stems).
    pub derived: Derived,
}

impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.synonyms == other.synonyms && self.confusable == other.confusable
    }
}

impl Lexicon {
    /// The shared empty lexicon of files that declare none.
    pub fn empty() -> Arc<Lexicon> {
        static EMPTY: OnceLock<Arc<Lexicon>> = OnceLock::new();
        Arc::clone(EMPTY.get_or_init(|| Arc::new(Lexicon::default())))
    }

    pub fn is_empty(&self) -> bool {
        self.synonyms.is_empty() && self.confusable.is_empty()
    }

    /// Where `term` stands in the confusable groups: (group, index in group),
    /// compared ignoring case.
    pub fn subject(&self, term: &str) -> Option<(usize, usize)> {
        let term = term.trim();
        self.confusable
            .iter()
            .enumerate()
            .find_map(|(group_idx, group)| {
                group
                    .iter()
                    .position(|entry| entry.eq_ignore_ascii_case(term))
                    .map(|idx| (group_idx, idx))
            })
    }
}
