//! A bank's synonym groups read into stems once per load: a rubric phrase word
//! stemming to one member of a group is looked up in an answer as every
//! member. The bank's own terms (its `confusable` words) are kept too: an
//! answer word that is one of them is that word, never a misspelling of
//! another ("deactivating" is not a typo of "reactivate").

use super::normalize::{self, Fold};

/// Synonym groups as stems, and the stems of the bank's own terms.
#[derive(Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    pub(super) known: Vec<String>,
}

impl Synonyms {
    /// The stems of `groups` (single words).
    pub fn new<'w>(
        groups: impl IntoIterator<Item = impl IntoIterator<Item = &'w str>>,
    ) -> Synonyms {
        let groups = groups
            .into_iter()
            .map(|group| {
                let mut stems = Vec::new();
                for word in group {
                    push_stems(word, &mut stems);
                }
                stems
            })
            .collect();
        Synonyms {
            groups,
            known: Vec::new(),
        }
    }

    /// The same, knowing the words of `terms` as words of their own.
    pub fn with_known<'w>(mut self, terms: impl IntoIterator<Item = &'w str>) -> Synonyms {
        for term in terms {
            push_stems(term, &mut self.known);
        }
        self
    }

    /// The group `stem` belongs to, if any.
    pub(super) fn group_of(&self, stem: &str) -> Option<&[String]> {
        self.groups
            .iter()
            .find(|group| group.iter().any(|member| member == stem))
            .map(Vec::as_slice)
    }
}

/// Adds the stem of each word of `text` to `stems`, each once.
fn push_stems(text: &str, stems: &mut Vec<String>) {
    normalize::scan(text, Fold::ALL, |folded, _, _| {
        let mut stem = String::new();
        normalize::push_stem(folded, &mut stem);
        if !stems.contains(&stem) {
            stems.push(stem);
        }
    });
}
