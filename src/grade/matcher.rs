//! Finding rubric phrases in a free-text answer, for recall grading.
//!
//! The answer is read once into [`AnswerWords`]: its words folded, with `a`,
//! `an` and `the` dropped, stemmed (`normalize::push_stem`), each with its clause,
//! and its distinct words kept once each in a small vocabulary bucketed by
//! length. A phrase is then read the same way, and each of its words is looked up
//! in the vocabulary (equal, or within the typo allowance), so that the edit
//! distance is computed once per pair of distinct words, never per position;
//! a [`Matcher`] remembers the words it has looked up, since rubrics repeat
//! their key words from phrase to phrase.
//!
//! A phrase matches where its words appear in order in one clause, with at most
//! [`MAX_GAP`] other words between neighbours. The search keeps the set of token
//! positions where the phrase read so far can end (a frontier), so its cost is
//! bounded by phrase length × frontier size × gap, whatever the input.

use std::ops::Range;

use super::normalize::{self, Fold};

/// At most this many extra words may stand between two words of a phrase:
/// "linked to an account" matches "linked directly to their account".
pub const MAX_GAP: usize = 2;

/// Words longer than this share the last length bucket.
const MAX_BUCKET: usize = 32;

/// An answer's words, stemmed, with a vocabulary of its distinct words.
#[derive(Debug, Default)]
pub struct AnswerWords {
    /// Every distinct stem, back to back; words refer to ranges of it.
    arena: String,
    vocab: Vec<VocabWord>,
    /// Vocabulary ids by the word's length in characters.
    by_len: Vec<Vec<u32>>,
    tokens: Vec<Token>,
    /// `positions[offsets[id]..offsets[id + 1]]`: the token positions of word `id`.
    offsets: Vec<u32>,
    positions: Vec<u32>,
}

/// One distinct word of the answer.
#[derive(Debug, Clone)]
struct VocabWord {
    range: Range<u32>,
    /// Which letters occur (one bit each), for rejecting most pairs of words
    /// before computing an edit distance: each edit changes at most two bits.
    letters: u32,
}

/// One word of the answer where it occurs.
#[derive(Debug, Clone)]
struct Token {
    word: u32,
    clause: u32,
    span: Range<usize>,
}

impl AnswerWords {
    pub fn new(text: &str) -> AnswerWords {
        let mut answer = AnswerWords {
            arena: String::with_capacity(text.len()),
            vocab: Vec::with_capacity(text.len() / 8),
            by_len: vec![Vec::new(); MAX_BUCKET + 1],
            tokens: Vec::with_capacity(text.len() / 4),
            ..AnswerWords::default()
        };
        let mut stem = String::new();
        normalize::scan(text, Fold::ALL, |word, span, clause| {
            if normalize::is_stop_word(word) {
                return;
            }
            stem.clear();
            normalize::push_stem(word, &mut stem);
            let id = answer.intern(&stem);
            answer.tokens.push(Token {
                word: id,
                clause,
                span,
            });
        });
        answer.index_positions();
        answer
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The vocabulary id of `stem`, adding it when new.
    fn intern(&mut self, stem: &str) -> u32 {
        let n_chars = normalize::n_chars(stem);
        let bucket = n_chars.min(MAX_BUCKET);
        let letters = letter_bits(stem);
        if let Some(&id) = self.by_len[bucket]
            .iter()
            .find(|&&id| self.vocab[id as usize].letters == letters && self.text_of(id) == stem)
        {
            return id;
        }
        let id = self.vocab.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.push_str(stem);
        self.vocab.push(VocabWord {
            range: start..self.arena.len() as u32,
            letters,
        });
        self.by_len[bucket].push(id);
        id
    }

    fn text_of(&self, id: u32) -> &str {
        let range = &self.vocab[id as usize].range;
        &self.arena[range.start as usize..range.end as usize]
    }

    /// Builds `offsets` and `positions` from the tokens (a counting sort).
    fn index_positions(&mut self) {
        let mut offsets = vec![0_u32; self.vocab.len() + 1];
        for token in &self.tokens {
            offsets[token.word as usize + 1] += 1;
        }
        for idx in 1..offsets.len() {
            offsets[idx] += offsets[idx - 1];
        }
        let mut next = offsets.clone();
        let mut positions = vec![0_u32; self.tokens.len()];
        for (position, token) in self.tokens.iter().enumerate() {
            let slot = &mut next[token.word as usize];
            positions[*slot as usize] = position as u32;
            *slot += 1;
        }
        self.offsets = offsets;
        self.positions = positions;
    }

    fn positions_of(&self, id: u32) -> &[u32] {
        let start = self.offsets[id as usize] as usize;
        let end = self.offsets[id as usize + 1] as usize;
        &self.positions[start..end]
    }

    /// Pushes onto `out` every vocabulary id that counts as `stem`: equal, or
    /// within the typo allowance.
    fn lookup(&self, stem: &str, letters: u32, out: &mut Vec<u32>) {
        let n_chars = normalize::n_chars(stem);
        let has_digit = normalize::has_digit(stem);
        let reach = normalize::typo_allowance(MAX_BUCKET);
        let lowest = n_chars.saturating_sub(reach).min(MAX_BUCKET);
        let highest = (n_chars + reach).min(MAX_BUCKET);
        for bucket_len in lowest..=highest {
            // Lengths in the last bucket vary, so only the other buckets can be
            // skipped by length alone.
            let length_gap = n_chars.abs_diff(bucket_len);
            let allowance = if has_digit {
                0
            } else {
                recall_allowance(n_chars.min(bucket_len))
            };
            if length_gap > allowance && bucket_len < MAX_BUCKET {
                continue;
            }
            for &id in &self.by_len[bucket_len] {
                // Cheapest tests first: most words differ in their letters.
                let differing_letters =
                    (letters ^ self.vocab[id as usize].letters).count_ones() as usize;
                let counts = if differing_letters == 0 && self.text_of(id) == stem {
                    true
                } else {
                    allowance > 0
                        && differing_letters <= 2 * allowance
                        && normalize::within_edits(stem, self.text_of(id), allowance)
                };
                if counts {
                    out.push(id);
                }
            }
        }
    }
}

/// The typo allowance of recall matching: the short-answer scale
/// (`normalize::typo_allowance`) measured on a stem one character shorter, so
/// stems of four letters must be exact. In a long answer, short words one edit
/// apart are usually different words (`user` and `used`, `role` and `rule`,
/// `seat` and `sent`).
fn recall_allowance(n_chars: usize) -> usize {
    normalize::typo_allowance(n_chars.saturating_sub(1))
}

/// One bit per letter `a`..`z`, one for digits, a few for other ASCII, and one
/// for every non-ASCII character (all its bytes set that bit), so that one edit
/// still changes at most two bits.
fn letter_bits(word: &str) -> u32 {
    word.bytes().fold(0, |bits, byte| {
        let bit = match byte {
            b'a'..=b'z' => u32::from(byte - b'a'),
            b'0'..=b'9' => 26,
            0x80.. => 31,
            _ => 27 + u32::from(byte) % 4,
        };
        bits | 1 << bit
    })
}

/// The phrase words already looked up in one answer, with the vocabulary ids
/// that count for each: rubrics repeat their key words ("contact", "account")
/// in many phrases, and each is looked up once per grade.
#[derive(Debug, Default)]
struct Lookups {
    words: Vec<LookedUp>,
    /// The looked-up stems, back to back.
    text: String,
    /// The vocabulary ids of every looked-up stem, back to back.
    ids: Vec<u32>,
}

#[derive(Debug)]
struct LookedUp {
    text: Range<usize>,
    letters: u32,
    ids: Range<usize>,
}

impl Lookups {
    /// Where the ids that count for `stem` lie in `self.ids`.
    fn ids_of(&mut self, answer: &AnswerWords, stem: &str) -> Range<usize> {
        let letters = letter_bits(stem);
        let known = self
            .words
            .iter()
            .find(|word| word.letters == letters && &self.text[word.text.clone()] == stem);
        if let Some(word) = known {
            return word.ids.clone();
        }
        let text_start = self.text.len();
        self.text.push_str(stem);
        let ids_start = self.ids.len();
        answer.lookup(stem, letters, &mut self.ids);
        let ids = ids_start..self.ids.len();
        self.words.push(LookedUp {
            text: text_start..self.text.len(),
            letters,
            ids: ids.clone(),
        });
        ids
    }
}

/// Finds phrases in one answer, reusing its buffers from phrase to phrase.
#[derive(Debug)]
pub struct Matcher<'a> {
    answer: &'a AnswerWords,
    lookups: Lookups,
    /// The stem of the phrase word being read.
    stem: String,
    /// The buffer `normalize::scan_with` folds words into.
    word_buffer: String,
    /// For each word of the phrase: where the vocabulary ids that count for it
    /// lie in `lookups.ids`, and whether a clause break of the phrase itself
    /// comes before it (then the answer may break there too).
    phrase_words: Vec<(Range<usize>, bool)>,
    frontier: Vec<(u32, u32)>,
    next: Vec<(u32, u32)>,
}

impl<'a> Matcher<'a> {
    pub fn new(answer: &'a AnswerWords) -> Matcher<'a> {
        Matcher {
            answer,
            lookups: Lookups::default(),
            stem: String::new(),
            word_buffer: String::new(),
            phrase_words: Vec::new(),
            frontier: Vec::new(),
            next: Vec::new(),
        }
    }

    /// The byte range of the answer where `phrase` first matches, if it does.
    /// A phrase of nothing but `a`, `an` and `the` never matches.
    pub fn find(&mut self, phrase: &str) -> Option<Range<usize>> {
        if self.answer.is_empty() || !self.read_phrase(phrase) {
            return None;
        }
        self.search()
    }

    /// Reads `phrase` into `phrase_words`, looking each word up as it comes.
    /// False when the phrase has no words, or as soon as one of its words
    /// occurs nowhere in the answer: the rest is then not stemmed or looked up.
    fn read_phrase(&mut self, phrase: &str) -> bool {
        self.phrase_words.clear();
        let answer = self.answer;
        let (stem, phrase_words, lookups) =
            (&mut self.stem, &mut self.phrase_words, &mut self.lookups);
        let mut can_match = true;
        let mut last_clause = 0;
        normalize::scan_with(
            phrase,
            Fold::ALL,
            &mut self.word_buffer,
            |word, _, clause| {
                if !can_match || normalize::is_stop_word(word) {
                    return;
                }
                stem.clear();
                normalize::push_stem(word, stem);
                let ids = lookups.ids_of(answer, stem);
                can_match = !ids.is_empty();
                phrase_words.push((ids, clause != last_clause));
                last_clause = clause;
            },
        );
        can_match && !self.phrase_words.is_empty()
    }

    /// Walks the phrase word by word, keeping (first token, last token) of every
    /// partial match still alive.
    fn search(&mut self) -> Option<Range<usize>> {
        let answer = self.answer;
        let tokens = &answer.tokens;
        self.frontier.clear();
        for &id in &self.lookups.ids[self.phrase_words[0].0.clone()] {
            self.frontier.extend(
                answer
                    .positions_of(id)
                    .iter()
                    .map(|&position| (position, position)),
            );
        }
        for word_idx in 1..self.phrase_words.len() {
            if self.frontier.is_empty() {
                return None;
            }
            let (ids, may_cross) = &self.phrase_words[word_idx];
            let (set, may_cross) = (&self.lookups.ids[ids.clone()], *may_cross);
            self.next.clear();
            for &(first, last) in &self.frontier {
                let clause = tokens[last as usize].clause;
                let after = last as usize + 1;
                for (position, token) in tokens.iter().enumerate().skip(after).take(MAX_GAP + 1) {
                    if token.clause != clause && !may_cross {
                        break;
                    }
                    if set.contains(&token.word) {
                        self.next.push((first, position as u32));
                    }
                }
            }
            // Several partial matches ending at one token continue alike.
            self.next
                .sort_unstable_by_key(|&(first, last)| (last, first));
            self.next.dedup_by_key(|&mut (_, last)| last);
            std::mem::swap(&mut self.frontier, &mut self.next);
        }
        let &(first, last) = self.frontier.iter().min()?;
        Some(tokens[first as usize].span.start..tokens[last as usize].span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(answer: &str, phrase: &str) -> Option<String> {
        let words = AnswerWords::new(answer);
        let mut matcher = Matcher::new(&words);
        matcher.find(phrase).map(|span| answer[span].to_string())
    }

    #[test]
    fn phrases_match_in_order_with_small_gaps() {
        assert_eq!(
            found("It is linked to an Account.", "linked to the account").as_deref(),
            Some("linked to an Account")
        );
        assert_eq!(
            found("linked directly to their account", "linked to account").as_deref(),
            Some("linked directly to their account")
        );
        assert_eq!(
            found(
                "linked in some way or other to account",
                "linked to account"
            ),
            None
        );
        assert_eq!(found("account linked to", "linked to account"), None);
    }

    #[test]
    fn phrases_never_cross_clause_punctuation_unless_they_have_it() {
        assert_eq!(found("a contact, not an account", "contact account"), None);
        assert_eq!(found("a contact (account)", "contact account"), None);
        assert_eq!(
            found("a contact, then an account", "contact, then account").as_deref(),
            Some("contact, then an account")
        );
    }

    #[test]
    fn forms_and_typos_match() {
        assert!(found("enough licenses", "license").is_some());
        assert!(found("enabling partner users", "enabled partner user").is_some());
        assert!(found("the acount and conatct", "account contact").is_some());
        assert!(found("the D5.8 row", "D5.3").is_none());
        assert!(found("you used a contact", "user").is_none());
        assert!(found("assign a rule", "role").is_none());
        assert!(found("the experainces", "experiences").is_some());
        assert!(found("пользователь", "пользавател").is_some());
        assert!(found("the the the", "the").is_none());
    }
}
