//! A rubric phrase read once into what matching needs: its words' stems (the
//! stop words `a`, `an`, `the` left out), where the phrase itself crosses a
//! clause break, and its own polarity at its first and last word. Rubrics are
//! read into phrases once per load (`recall`), so grading an answer only looks
//! the stems up.

use super::normalize::{self, Fold};
use super::polarity;
use super::words;

/// One phrase of a rubric, or a word set of `together`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Phrase {
    /// Each word's stem, and whether a clause break of the phrase comes
    /// before it (then the answer may break there too).
    pub words: Box<[(Box<str>, bool)]>,
    /// Whether the phrase's own first and last words stand in a negation
    /// ("no external user yet" is negative at `external`).
    pub first_negated: bool,
    pub last_negated: bool,
}

impl Phrase {
    pub fn new(text: &str) -> Phrase {
        let mut stems: Vec<(Box<str>, bool)> = Vec::new();
        let mut cues = polarity::Words::default();
        let mut last_clause = 0;
        let mut stem = String::new();
        normalize::scan(text, Fold::ALL, |word, _, clause| {
            if normalize::is_stop_word(word) {
                return;
            }
            let class = words::class(word);
            cues.push(
                word,
                polarity::Word {
                    cue: class.cue,
                    clause,
                    sentence: 0,
                    role: class.role,
                    determiner: class.determiner,
                },
            );
            stem.clear();
            normalize::push_stem(word, &mut stem);
            stems.push((stem.as_str().into(), clause != last_clause));
            last_clause = clause;
        });
        let mut negated = Vec::new();
        polarity::negations(&cues.words, &mut Vec::new(), &mut negated);
        Phrase {
            words: stems.into_boxed_slice(),
            first_negated: negated.first().copied().unwrap_or(false),
            last_negated: negated.last().copied().unwrap_or(false),
        }
    }

    /// Whether it has no word to match (only `a`, `an` and `the`).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
