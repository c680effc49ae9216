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

use std::cell::RefCell;
use std::ops::Range;

use super::normalize::{self, Fold};
use super::phrase::Phrase;
use super::polarity;
pub use super::synonyms::Synonyms;
use super::words;

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
    /// Clauses with at least one word, and those of them that assert something
    /// (a verb, a function word, `=` or an arrow): an answer whose clauses
    /// mostly assert nothing is a bare list of terms.
    n_clauses: u32,
    n_asserting_clauses: u32,
    /// Buffers used while reading, kept with the answer so that a spare one
    /// reads the next answer without allocating.
    scratch: ReadScratch,
}

/// What [`AnswerWords::new`] works in besides the answer it builds.
#[derive(Debug, Default)]
struct ReadScratch {
    stem: String,
    cues: polarity::Words,
    counts: Vec<u8>,
    negated: Vec<bool>,
    next: Vec<u32>,
}

thread_local! {
    /// Answers read before on this thread and dropped, kept for their buffers:
    /// `lint` reads tens of thousands of short answers (each question's key and
    /// its mutants), and allocating every buffer anew took a fifth of its time.
    static SPARE: RefCell<Vec<AnswerWords>> = const { RefCell::new(Vec::new()) };
}

/// At most this many spare answers are kept per thread; a grade holds two at
/// once (lint's mutants read the model answer, then each mutant).
const MAX_SPARE: usize = 4;

/// Spare buffers larger than this (bytes of stems, or words) are not kept, so
/// a pasted page does not stay in memory.
const MAX_SPARE_ARENA: usize = 4 * 1024;
const MAX_SPARE_WORDS: usize = 1024;

impl Drop for AnswerWords {
    fn drop(&mut self) {
        // An answer without buffers (one taken for the pool leaves such) has
        // nothing worth keeping.
        if self.by_len.is_empty()
            || self.arena.capacity() > MAX_SPARE_ARENA
            || self.tokens.capacity() > MAX_SPARE_WORDS
        {
            return;
        }
        // At the thread's end the pool is gone: the buffers are freed instead.
        let _ = SPARE.try_with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut()
                && pool.len() < MAX_SPARE
            {
                pool.push(std::mem::take(self));
            }
        });
    }
}

/// One distinct word of the answer.
#[derive(Debug, Clone)]
struct VocabWord {
    range: Range<u32>,
    /// Which letters occur (one bit each), for rejecting most pairs of words
    /// before computing an edit distance: each edit changes at most two bits.
    letters: u32,
    /// A negation cue or a function word: never a misspelling of a rubric's
    /// word (`never` is not `sever`).
    exact_only: bool,
}

/// One word of the answer where it occurs.
#[derive(Debug, Clone)]
struct Token {
    word: u32,
    clause: u32,
    sentence: u32,
    /// Inside a negation's scope (`polarity`).
    negated: bool,
    /// The word's own polarity cue, as read in place.
    cue: polarity::Cue,
    /// `which`, `who` or `that`: a clause starting with it is about the word
    /// before it.
    relative: bool,
    /// `it`, `they`, `this`, ...: a sentence starting with it is about
    /// something named before.
    pronoun: bool,
    span: Range<usize>,
}

/// A match of a phrase in an answer: its first and last token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub first: u32,
    pub last: u32,
    /// Whether the answer reads the phrase's claim the other way round: the
    /// match stands inside a negation and the phrase does not, or the reverse.
    pub flipped: bool,
}

impl AnswerWords {
    pub fn new(text: &str) -> AnswerWords {
        let mut answer = AnswerWords::spare();
        let mut scratch = std::mem::take(&mut answer.scratch);
        let ReadScratch { stem, cues, .. } = &mut scratch;
        let mut sentence = 0;
        let mut previous_end = 0;
        // The last clause seen to have a word, and whether it asserts.
        let mut clause_state: Option<(u32, bool)> = None;
        let mut in_quote = false;
        normalize::scan(text, Fold::ALL, |word, span, clause| {
            let gap = text.get(previous_end..span.start).unwrap_or("");
            previous_end = span.end;
            in_quote = quote_state(gap, in_quote);
            // Byte tests: `→` is the only multi-byte mark looked for, and its
            // last byte (0x92) occurs in no ASCII text.
            if gap
                .bytes()
                .any(|byte| matches!(byte, b'.' | b'!' | b'?' | b'\n'))
            {
                sentence += 1;
            }
            let relation = gap.bytes().any(|byte| matches!(byte, b'=' | b'>')) || gap.contains('→');
            if normalize::is_stop_word(word) {
                return;
            }
            let class = words::class(word);
            let function_word = class.asserts;
            let asserts = relation || function_word;
            match &mut clause_state {
                Some((current, asserting)) if *current == clause => *asserting |= asserts,
                _ => {
                    if let Some((_, asserting)) = clause_state {
                        answer.count_clause(asserting);
                    }
                    clause_state = Some((clause, asserts));
                }
            }
            // A quotation names something ('Portal Account Owner has No
            // Role'); its negations deny nothing.
            let cue = cues.push(
                word,
                polarity::Word {
                    cue: if in_quote {
                        polarity::Cue::None
                    } else {
                        class.cue
                    },
                    clause,
                    sentence,
                    role: class.role,
                    determiner: class.determiner,
                },
            );
            stem.clear();
            normalize::push_stem(word, stem);
            let exact_only = cue != polarity::Cue::None || function_word;
            let id = answer.intern(stem, exact_only);
            answer.tokens.push(Token {
                word: id,
                clause,
                sentence,
                negated: false,
                cue,
                relative: class.relative,
                pronoun: class.pronoun_start,
                span,
            });
        });
        if let Some((_, asserting)) = clause_state {
            answer.count_clause(asserting);
        }
        // Most answers to most rubrics have a negation; the ones without skip
        // the reading.
        if scratch
            .cues
            .words
            .iter()
            .any(|word| word.cue != polarity::Cue::None)
        {
            polarity::negations(
                &scratch.cues.words,
                &mut scratch.counts,
                &mut scratch.negated,
            );
            for (token, &negated) in answer.tokens.iter_mut().zip(&scratch.negated) {
                token.negated = negated;
            }
        }
        answer.index_positions(&mut scratch.next);
        answer.scratch = scratch;
        answer
    }

    /// An answer with no words, from this thread's spares when there is one:
    /// its buffers emptied, their room kept.
    fn spare() -> AnswerWords {
        let spare = SPARE
            .try_with(|pool| pool.try_borrow_mut().ok().and_then(|mut pool| pool.pop()))
            .ok()
            .flatten();
        let Some(mut answer) = spare else {
            let mut answer = AnswerWords::default();
            answer.by_len = vec![Vec::new(); MAX_BUCKET + 1];
            return answer;
        };
        answer.arena.clear();
        answer.vocab.clear();
        answer.by_len.iter_mut().for_each(Vec::clear);
        answer.tokens.clear();
        answer.n_clauses = 0;
        answer.n_asserting_clauses = 0;
        answer.scratch.stem.clear();
        answer.scratch.cues.clear();
        answer
    }

    fn count_clause(&mut self, asserting: bool) {
        self.n_clauses += 1;
        self.n_asserting_clauses += u32::from(asserting);
    }

    /// Whether the answer only lists terms: fewer than a third of its clauses
    /// assert anything.
    pub fn is_bare_list(&self) -> bool {
        self.n_clauses > 0 && self.n_asserting_clauses * 3 < self.n_clauses
    }

    /// The words of the answer from token `first` to token `last`, as written.
    pub fn text_between<'t>(&self, text: &'t str, first: u32, last: u32) -> &'t str {
        let (Some(first), Some(last)) = (
            self.tokens.get(first as usize),
            self.tokens.get(last as usize),
        ) else {
            return "";
        };
        text.get(first.span.start..last.span.end).unwrap_or("")
    }

    /// The stretch of a denied match widened to the negation that denies it,
    /// for quoting: back to a cue before it in its clause, or on to a cue after
    /// it ("contact isn't really required").
    pub fn with_its_negation(&self, first: u32, last: u32) -> (u32, u32) {
        let clause = self.clause_of(first);
        let in_clause = |position: &usize| {
            self.tokens
                .get(*position)
                .is_some_and(|token| token.clause == clause)
        };
        let first_idx = first as usize;
        let last_idx = last as usize;
        let before = (first_idx.saturating_sub(polarity::PRE_WINDOW)..first_idx)
            .rev()
            .take_while(in_clause)
            .find(|&idx| {
                matches!(
                    self.tokens[idx].cue,
                    polarity::Cue::Before | polarity::Cue::Both | polarity::Cue::Without
                )
            });
        let after = (last_idx + 1..=last_idx + polarity::POST_WINDOW)
            .take_while(in_clause)
            .find(|&idx| {
                matches!(
                    self.tokens[idx].cue,
                    polarity::Cue::After | polarity::Cue::Need | polarity::Cue::Both
                )
            });
        (
            before.map_or(first, |idx| idx as u32),
            after.map_or(last, |idx| idx as u32),
        )
    }

    /// The span of token `position`.
    pub fn span_of(&self, position: u32) -> Range<usize> {
        self.tokens
            .get(position as usize)
            .map_or(0..0, |token| token.span.clone())
    }

    pub fn clause_of(&self, position: u32) -> u32 {
        self.tokens
            .get(position as usize)
            .map_or(0, |token| token.clause)
    }

    /// Whether the clause of token `position` starts with `which`, `who` or
    /// `that`.
    pub fn clause_is_relative(&self, position: u32) -> bool {
        let Some(token) = self.tokens.get(position as usize) else {
            return false;
        };
        let mut first = position as usize;
        while first > 0 && self.tokens[first - 1].clause == token.clause {
            first -= 1;
        }
        self.tokens[first].relative
    }

    /// Whether the sentence of token `position` starts with a pronoun
    /// (`it`, `they`, `this`, ...).
    pub fn sentence_starts_with_pronoun(&self, position: u32) -> bool {
        let Some(token) = self.tokens.get(position as usize) else {
            return false;
        };
        let mut first = position as usize;
        while first > 0 && self.tokens[first - 1].sentence == token.sentence {
            first -= 1;
        }
        self.tokens[first].pronoun
    }

    /// Whether token `position` is followed by a relative clause whose verb
    /// makes it an `agent` ("the user who owns the account" is an owner):
    /// `who`, `which` or `that`, then within two words one whose stem and
    /// `er` or `r` make `agent`'s stem.
    pub fn is_agent_by_relative_clause(&self, position: u32, agent: &str) -> bool {
        let idx = position as usize;
        let Some(token) = self.tokens.get(idx) else {
            return false;
        };
        let mut after = self.tokens[idx + 1..]
            .iter()
            .take_while(|next| next.clause == token.clause);
        if !after.next().is_some_and(|next| next.relative) {
            return false;
        }
        let mut agent_stem = String::new();
        normalize::push_stem(agent, &mut agent_stem);
        after.take(2).any(|word| {
            let stem = self.text_of(word.word);
            agent_stem
                .strip_prefix(stem)
                .is_some_and(|suffix| matches!(suffix, "er" | "r"))
        })
    }

    pub fn sentence_of(&self, position: u32) -> u32 {
        self.tokens
            .get(position as usize)
            .map_or(0, |token| token.sentence)
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The vocabulary id of `stem`, adding it when new.
    fn intern(&mut self, stem: &str, exact_only: bool) -> u32 {
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
            exact_only,
        });
        self.by_len[bucket].push(id);
        id
    }

    fn text_of(&self, id: u32) -> &str {
        let range = &self.vocab[id as usize].range;
        &self.arena[range.start as usize..range.end as usize]
    }

    /// Builds `offsets` and `positions` from the tokens (a counting sort).
    /// `next` is a buffer for the counting.
    fn index_positions(&mut self, next: &mut Vec<u32>) {
        let offsets = &mut self.offsets;
        offsets.clear();
        offsets.resize(self.vocab.len() + 1, 0);
        for token in &self.tokens {
            offsets[token.word as usize + 1] += 1;
        }
        for idx in 1..offsets.len() {
            offsets[idx] += offsets[idx - 1];
        }
        next.clear();
        next.extend_from_slice(offsets);
        self.positions.clear();
        self.positions.resize(self.tokens.len(), 0);
        for (position, token) in self.tokens.iter().enumerate() {
            let slot = &mut next[token.word as usize];
            self.positions[*slot as usize] = position as u32;
            *slot += 1;
        }
    }

    fn positions_of(&self, id: u32) -> &[u32] {
        let start = self.offsets[id as usize] as usize;
        let end = self.offsets[id as usize + 1] as usize;
        &self.positions[start..end]
    }

    /// Pushes onto `out` every vocabulary id that counts as `stem`: equal, or
    /// within the typo allowance.
    fn lookup(&self, stem: &str, letters: u32, known: &[String], out: &mut Vec<u32>) {
        let n_chars = normalize::n_chars(stem);
        let has_digit = normalize::has_digit(stem);
        let reach = normalize::typo_allowance(MAX_BUCKET);
        let lowest = n_chars.saturating_sub(reach).min(MAX_BUCKET);
        let highest = (n_chars + reach).min(MAX_BUCKET);
        for bucket_len in lowest..=highest {
            // Lengths in the last bucket vary, so only the other buckets can be
            // skipped by length alone.
            let length_gap = n_chars.abs_diff(bucket_len);
            // The phrase word's length sets the allowance: a misspelling may
            // drop a letter ("actve" for "active").
            let allowance = if has_digit {
                0
            } else {
                recall_allowance(n_chars)
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
                        && !self.vocab[id as usize].exact_only
                        && differing_letters <= 2 * allowance
                        && !known.iter().any(|word| word == self.text_of(id))
                        && normalize::within_edits(stem, self.text_of(id), allowance)
                };
                if counts {
                    out.push(id);
                }
            }
        }
    }
}

/// Whether the word after `gap` stands inside a quotation, given whether the
/// word before it did. A quote mark closes an open quotation; one that the
/// word follows directly (`'Portal`, `"Enable`) opens one. Apostrophes inside
/// words (`don't`) never reach a gap.
fn quote_state(gap: &str, mut in_quote: bool) -> bool {
    let mut chars = gap.chars().peekable();
    while let Some(ch) = chars.next() {
        let quote = matches!(ch, '\'' | '"' | '‘' | '’' | '“' | '”');
        if !quote {
            continue;
        }
        if in_quote {
            in_quote = false;
        } else if chars.peek().is_none_or(|next| !next.is_whitespace()) {
            in_quote = true;
        }
    }
    in_quote
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
    fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
        self.ids.clear();
    }

    /// Where the ids that count for `stem` (or any of its synonyms) lie in
    /// `self.ids`.
    fn ids_of(&mut self, answer: &AnswerWords, synonyms: &Synonyms, stem: &str) -> Range<usize> {
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
        answer.lookup(stem, letters, &synonyms.known, &mut self.ids);
        if let Some(group) = synonyms.group_of(stem) {
            for member in group.iter().filter(|member| *member != stem) {
                answer.lookup(member, letter_bits(member), &synonyms.known, &mut self.ids);
            }
        }
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
    synonyms: &'a Synonyms,
    lookups: Lookups,
    /// For each word of the phrase: where the vocabulary ids that count for it
    /// lie in `lookups.ids`, and whether a clause break of the phrase itself
    /// comes before it (then the answer may break there too).
    phrase_words: Vec<(Range<usize>, bool)>,
    frontier: Vec<(u32, u32)>,
    next: Vec<(u32, u32)>,
    found: Vec<Found>,
}

/// A matcher's buffers, kept between matchers on one thread like the answers'
/// (`SPARE`).
#[derive(Debug, Default)]
struct MatcherBuffers {
    lookups: Lookups,
    phrase_words: Vec<(Range<usize>, bool)>,
    frontier: Vec<(u32, u32)>,
    next: Vec<(u32, u32)>,
    found: Vec<Found>,
}

thread_local! {
    static SPARE_MATCHER: RefCell<Option<MatcherBuffers>> = const { RefCell::new(None) };
}

impl Drop for Matcher<'_> {
    fn drop(&mut self) {
        let most_matches = self
            .frontier
            .capacity()
            .max(self.next.capacity())
            .max(self.found.capacity());
        if self.lookups.text.capacity() > MAX_SPARE_ARENA || most_matches > MAX_SPARE_WORDS {
            return;
        }
        let buffers = MatcherBuffers {
            lookups: std::mem::take(&mut self.lookups),
            phrase_words: std::mem::take(&mut self.phrase_words),
            frontier: std::mem::take(&mut self.frontier),
            next: std::mem::take(&mut self.next),
            found: std::mem::take(&mut self.found),
        };
        let _ = SPARE_MATCHER.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut() {
                *spare = Some(buffers);
            }
        });
    }
}

impl<'a> Matcher<'a> {
    pub fn new(answer: &'a AnswerWords, synonyms: &'a Synonyms) -> Matcher<'a> {
        let MatcherBuffers {
            mut lookups,
            phrase_words,
            frontier,
            next,
            found,
        } = SPARE_MATCHER
            .try_with(|spare| {
                spare
                    .try_borrow_mut()
                    .ok()
                    .and_then(|mut spare| spare.take())
            })
            .ok()
            .flatten()
            .unwrap_or_default();
        lookups.clear();
        Matcher {
            answer,
            synonyms,
            lookups,
            phrase_words,
            frontier,
            next,
            found,
        }
    }

    pub fn answer(&self) -> &'a AnswerWords {
        self.answer
    }

    /// The byte range of the answer where `phrase` first matches, if it does,
    /// whatever its polarity. A phrase of nothing but `a`, `an` and `the` never
    /// matches.
    #[cfg(test)]
    pub fn find(&mut self, phrase: &str) -> Option<Range<usize>> {
        let first = *self
            .find_all(&Phrase::new(phrase))
            .iter()
            .min_by_key(|found| (found.first, found.last))?;
        Some(self.answer.span_of(first.first).start..self.answer.span_of(first.last).end)
    }

    /// Every match of `phrase` (one per token it can end at).
    pub fn find_all(&mut self, phrase: &Phrase) -> &[Found] {
        self.found.clear();
        if self.answer.is_empty() || !self.read_phrase(phrase) {
            return &self.found;
        }
        self.search(phrase);
        &self.found
    }

    /// Every place where all the words of `words` stand in one clause, in any
    /// order: one match per clause, from its earliest to its latest word.
    pub fn find_together(&mut self, words: &Phrase) -> &[Found] {
        self.found.clear();
        if self.answer.is_empty() || !self.read_phrase(words) {
            return &self.found;
        }
        let answer = self.answer;
        let tokens = &answer.tokens;
        let first_ids = &self.lookups.ids[self.phrase_words[0].0.clone()];
        let mut starts: Vec<u32> = first_ids
            .iter()
            .flat_map(|&id| answer.positions_of(id).iter().copied())
            .collect();
        starts.sort_unstable();
        let mut last_clause = None;
        for start in starts {
            let clause = tokens[start as usize].clause;
            if last_clause == Some(clause) {
                continue;
            }
            last_clause = Some(clause);
            // The clause's tokens: tokens are in order, so a clause is a run.
            let mut from = start as usize;
            while from > 0 && tokens[from - 1].clause == clause {
                from -= 1;
            }
            let mut to = start as usize;
            while to + 1 < tokens.len() && tokens[to + 1].clause == clause {
                to += 1;
            }
            let mut first = u32::MAX;
            let mut last = 0;
            let all = self.phrase_words.iter().all(|(ids, _)| {
                let set = &self.lookups.ids[ids.clone()];
                match (from..=to).find(|&position| set.contains(&tokens[position].word)) {
                    Some(position) => {
                        first = first.min(position as u32);
                        last = last.max(position as u32);
                        true
                    }
                    None => false,
                }
            });
            if all {
                // As for phrases, a negation at either end of the set's
                // stretch denies it ("a contact not linked to an account").
                let flipped = tokens[first as usize].negated != words.first_negated
                    || tokens[last as usize].negated != words.last_negated;
                self.found.push(Found {
                    first,
                    last,
                    flipped,
                });
            }
        }
        &self.found
    }

    /// Looks each word of `phrase` up, into `phrase_words`. False when the
    /// phrase has no words, or as soon as one of its words occurs nowhere in
    /// the answer: the rest is then not looked up.
    fn read_phrase(&mut self, phrase: &Phrase) -> bool {
        self.phrase_words.clear();
        if phrase.is_empty() {
            return false;
        }
        for (stem, crosses) in &phrase.words {
            let ids = self.lookups.ids_of(self.answer, self.synonyms, stem);
            if ids.is_empty() {
                return false;
            }
            self.phrase_words.push((ids, *crosses));
        }
        true
    }

    /// Walks the phrase word by word, keeping (first token, last token) of every
    /// partial match still alive, then records every complete one.
    fn search(&mut self, phrase: &Phrase) {
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
                return;
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
        // The claim reads the other way when the answer's polarity differs
        // from the phrase's at either end: at its start ("not linked to an
        // account") or at its head word ("a contact with no account can't be
        // enabled" against "... can be enabled").
        let (first_negated, last_negated) = (phrase.first_negated, phrase.last_negated);
        self.found
            .extend(self.frontier.iter().map(|&(first, last)| Found {
                first,
                last,
                flipped: tokens[first as usize].negated != first_negated
                    || tokens[last as usize].negated != last_negated,
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(answer: &str, phrase: &str) -> Option<String> {
        let words = AnswerWords::new(answer);
        let synonyms = Synonyms::default();
        let mut matcher = Matcher::new(&words, &synonyms);
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
    fn negations_inside_a_quotation_deny_nothing() {
        let negated = |text: &str| -> Vec<bool> {
            AnswerWords::new(text)
                .tokens
                .iter()
                .map(|token| token.negated)
                .collect()
        };
        assert_eq!(
            negated("it fails with 'Owner has No Role' here"),
            [false, false, false, false, false, false, false, false]
        );
        assert_eq!(negated("owner has no role"), [false, false, false, true]);
        assert_eq!(
            negated("the user's role, not the owner's"),
            [false, false, false, true]
        );
    }

    #[test]
    fn a_spare_answer_reads_like_a_new_one() {
        fn read(text: &str) -> String {
            let words = AnswerWords::new(text);
            format!(
                "{:?} {:?} {:?} {:?} {:?} {} {}",
                words.arena,
                words.tokens,
                words.by_len,
                words.offsets,
                words.positions,
                words.n_clauses,
                words.n_asserting_clauses
            )
        }
        let later = "the contact isn't required, the account owner needs a role";
        let on_a_new_thread = std::thread::scope(|scope| {
            scope
                .spawn(|| read(later))
                .join()
                .expect("reading does not panic")
        });
        // Spares of longer answers, with negations and other words, first.
        read("a contact never without an account; not only the user, but the profile too");
        read("");
        assert_eq!(read(later), on_a_new_thread);
        assert_eq!(read(later), on_a_new_thread);
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
