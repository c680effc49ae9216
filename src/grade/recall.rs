//! Recall questions: a free-text answer graded for what it claims, against a
//! rubric of concepts.
//!
//! A concept's phrases (and its `together` word sets) are found in the answer
//! by `matcher`: normalised, stemmed words, typos and the bank's synonyms
//! forgiven, never across clause punctuation. Each match is then read as a
//! claim:
//!
//! - inside a negation's scope (`polarity`: "a contact isn't required", "never
//!   unlinks") it denies the concept: the concept is contradicted;
//! - made of the wrong subject (the concept's `subject` is `deactivate`, and the
//!   nearest term of its `confusable` group before the match in its clause, or
//!   else the first one of its sentence, or the one just before a clause that
//!   starts with `which`, `who` or `that`, is `disable`) it is said of something else:
//!   the concept is contradicted, unless another match says it of the right
//!   subject;
//! - a `contradicts` phrase found plainly contradicts the concept, and found
//!   negated ("a contact is not optional") affirms it.
//!
//! The score is the earned share of the concepts' weights, less
//! [`CONTRADICTION_COST`] times the weight of each contradicted concept. A
//! required concept missed or contradicted caps the score just below the pass
//! mark; an answer that only lists terms (`AnswerWords::is_bare_list`) is capped
//! at [`BARE_LIST_CAP`] and never passes. Feedback names the concepts found,
//! missed and contradicted with the words that decided, and shows the model
//! answer.

use super::matcher::{AnswerWords, Found, Matcher, Synonyms};
use super::phrase::Phrase;
use super::{Mark, quote};
use crate::model::lexicon::Lexicon;
use crate::model::question::{Concept, Recall};

/// How far below the pass mark an answer missing a required concept is capped:
/// just below, so that it fails however much else it names.
pub const REQUIRED_CAP_BELOW_PASS: f64 = 0.01;

/// What a contradicted concept costs, as a share of its weight, on top of the
/// credit it does not earn: a wrong claim is worse than a silence.
pub const CONTRADICTION_COST: f64 = 0.75;

/// The most a bare list of terms can score.
pub const BARE_LIST_CAP: f64 = 0.5;

/// Why a concept was contradicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contradiction {
    /// A phrase of the concept inside a negation, or a `contradicts` phrase:
    /// the words that matched.
    Denied(String),
    /// The claim was made of another term of the subject's group: the words
    /// that matched, and the term they were said of.
    WrongSubject { written: String, said_of: String },
}

/// What an answer earned for one concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The words that earned it.
    Found(String),
    Missed,
    Contradicted(Contradiction),
}

impl Outcome {
    pub fn is_found(&self) -> bool {
        matches!(self, Outcome::Found(_))
    }
}

/// The stems a lexicon's synonyms derive, made once per bank file.
pub fn synonyms_of(lexicon: &Lexicon) -> &Synonyms {
    lexicon
        .derived
        .get_or_init(|| {
            Synonyms::new(
                lexicon
                    .synonyms
                    .iter()
                    .map(|group| group.iter().map(|word| &**word)),
            )
            .with_known(lexicon.confusable.iter().flatten().map(|term| &**term))
        })
        .unwrap_or_else(|| empty_synonyms())
}

fn empty_synonyms() -> &'static Synonyms {
    static EMPTY: std::sync::OnceLock<Synonyms> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Synonyms::default)
}

/// A rubric read into phrases, once per load (kept in `Recall::derived`).
#[derive(Debug, Default)]
pub struct Rubric {
    pub concepts: Vec<ConceptPhrases>,
    /// The terms of each `confusable` group of the lexicon.
    pub terms: Vec<Vec<Phrase>>,
}

/// One concept's phrases, word sets and contradicting phrases, read.
#[derive(Debug, Default)]
pub struct ConceptPhrases {
    pub phrases: Vec<Phrase>,
    pub together: Vec<Phrase>,
    pub contradicts: Vec<Phrase>,
}

impl ConceptPhrases {
    fn new(concept: &Concept) -> ConceptPhrases {
        let read = |texts: &crate::model::texts::Texts| texts.iter().map(Phrase::new).collect();
        ConceptPhrases {
            phrases: read(&concept.phrases),
            together: read(&concept.together),
            contradicts: read(&concept.contradicts),
        }
    }
}

fn terms_of(lexicon: &Lexicon) -> Vec<Vec<Phrase>> {
    lexicon
        .confusable
        .iter()
        .map(|group| group.iter().map(|term| Phrase::new(term)).collect())
        .collect()
}

/// `recall`'s rubric read into phrases, once per load.
pub fn rubric_of(recall: &Recall) -> &Rubric {
    static EMPTY: std::sync::OnceLock<Rubric> = std::sync::OnceLock::new();
    recall
        .derived
        .get_or_init(|| Rubric {
            concepts: recall.concepts.iter().map(ConceptPhrases::new).collect(),
            terms: terms_of(&recall.lexicon),
        })
        .unwrap_or_else(|| EMPTY.get_or_init(Rubric::default))
}

/// The outcome of every concept of the rubric, in rubric order, and whether the
/// answer is a bare list of terms.
pub fn assess(recall: &Recall, answer: &str) -> (Vec<Outcome>, bool) {
    assess_quoting(recall, answer, true)
}

/// [`assess`], with the learner's words kept for feedback (`quote`) or not
/// (scores alone, for `lint`).
fn assess_quoting(recall: &Recall, answer: &str, quote: bool) -> (Vec<Outcome>, bool) {
    let words = AnswerWords::new(answer);
    let synonyms = synonyms_of(&recall.lexicon);
    let rubric = rubric_of(recall);
    let mut reader = Reader {
        matcher: Matcher::new(&words, synonyms),
        lexicon: &recall.lexicon,
        terms: &rubric.terms,
        text: answer,
        quote,
        subjects: Vec::new(),
        matches: Vec::new(),
    };
    let outcomes = recall
        .concepts
        .iter()
        .zip(&rubric.concepts)
        .map(|(concept, phrases)| reader.outcome(concept, phrases))
        .collect();
    (outcomes, words.is_bare_list())
}

/// For `lint`: the phrases of `recall` (concept name and phrase) that do not
/// earn their own concept when written alone as an answer.
pub fn phrases_that_earn_nothing(recall: &Recall) -> Vec<(&str, &str)> {
    let rubric = rubric_of(recall);
    let synonyms = synonyms_of(&recall.lexicon);
    let mut failing = Vec::new();
    for (concept, read) in recall.concepts.iter().zip(&rubric.concepts) {
        for phrase in &concept.phrases {
            let words = AnswerWords::new(phrase);
            let mut reader = Reader {
                matcher: Matcher::new(&words, synonyms),
                lexicon: &recall.lexicon,
                terms: &rubric.terms,
                text: phrase,
                quote: false,
                subjects: Vec::new(),
                matches: Vec::new(),
            };
            if !reader.outcome(concept, read).is_found() {
                failing.push((&*concept.name, phrase));
            }
        }
    }
    failing
}

/// Reads one answer's claims, concept by concept.
struct Reader<'a> {
    matcher: Matcher<'a>,
    lexicon: &'a Lexicon,
    /// The lexicon's confusable terms, read.
    terms: &'a [Vec<Phrase>],
    text: &'a str,
    /// Whether outcomes keep the learner's words (for feedback).
    quote: bool,
    /// Per confusable group, once needed: where its terms occur, as (token
    /// position, term index), in answer order.
    subjects: Vec<Option<Vec<(u32, usize)>>>,
    /// The matches of the concept being read (a buffer kept between concepts).
    matches: Vec<Found>,
}

impl Reader<'_> {
    fn outcome(&mut self, concept: &Concept, read: &ConceptPhrases) -> Outcome {
        let mut affirmed: Option<Found> = None;
        for contradiction in &read.contradicts {
            let matches = self.matcher.find_all(contradiction);
            if let Some(found) = matches.iter().find(|found| !found.flipped).copied() {
                return Outcome::Contradicted(Contradiction::Denied(self.written(&found)));
            }
            affirmed = affirmed.or_else(|| matches.first().copied());
        }
        if let Some(found) = affirmed {
            return Outcome::Found(self.written(&found));
        }
        let mut matches = std::mem::take(&mut self.matches);
        matches.clear();
        for (idx, phrase) in read.phrases.iter().chain(&read.together).enumerate() {
            let found = if idx < read.phrases.len() {
                self.matcher.find_all(phrase)
            } else {
                self.matcher.find_together(phrase)
            };
            // Without a subject to check, the first plain claim decides.
            if concept.subject.is_none()
                && let Some(plain) = found.iter().find(|found| !found.flipped).copied()
            {
                self.matches = matches;
                return Outcome::Found(self.written(&plain));
            }
            matches.extend_from_slice(found);
        }
        // A claim said plainly of the right subject (or of no telling which)
        // earns the concept; only when none is, a denial or a claim of the
        // wrong subject contradicts it.
        let mut denied: Option<Found> = None;
        let mut wrong_subject: Option<(Found, usize)> = None;
        let mut outcome = None;
        for found in &matches {
            if found.flipped {
                denied.get_or_insert(*found);
                continue;
            }
            match self.wrong_subject(concept, found, &matches) {
                Some(said_of) => {
                    wrong_subject.get_or_insert((*found, said_of));
                }
                None => {
                    outcome = Some(Outcome::Found(self.written(found)));
                    break;
                }
            }
        }
        let outcome = outcome.unwrap_or_else(|| match (denied, wrong_subject) {
            (Some(found), _) => {
                let (first, last) = self
                    .matcher
                    .answer()
                    .with_its_negation(found.first, found.last);
                let widened = Found {
                    first,
                    last,
                    ..found
                };
                Outcome::Contradicted(Contradiction::Denied(self.written(&widened)))
            }
            (None, Some((found, said_of))) => {
                let said_of = concept
                    .subject
                    .and_then(|(group, _)| self.lexicon.confusable.get(group))
                    .and_then(|terms| terms.get(said_of))
                    .map_or_else(String::new, |term| term.to_string());
                Outcome::Contradicted(Contradiction::WrongSubject {
                    written: self.written(&found),
                    said_of,
                })
            }
            (None, None) => Outcome::Missed,
        });
        self.matches = matches;
        outcome
    }

    /// The answer's words of a match, on one line.
    fn written(&self, found: &Found) -> String {
        if !self.quote {
            return String::new();
        }
        let text = self
            .matcher
            .answer()
            .text_between(self.text, found.first, found.last);
        let mut written = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !written.is_empty() {
                written.push(' ');
            }
            written.push_str(word);
        }
        written
    }

    /// The other term of the concept's subject group that `found` is said of,
    /// if it is said of one: the nearest term at or before the match in its
    /// clause, else the first term of its sentence before it.
    fn wrong_subject(
        &mut self,
        concept: &Concept,
        found: &Found,
        matches: &[Found],
    ) -> Option<usize> {
        let (group, term) = concept.subject?;
        let answer = self.matcher.answer();
        if self.subjects.len() <= group {
            self.subjects.resize(group + 1, None);
        }
        if self.subjects[group].is_none() {
            let terms = self.terms.get(group)?;
            let mut occurrences = Vec::new();
            for (term_idx, term) in terms.iter().enumerate() {
                for occurrence in self.matcher.find_all(term) {
                    occurrences.push((occurrence.first, term_idx));
                }
            }
            occurrences.sort_unstable();
            self.subjects[group] = Some(occurrences);
        }
        // A term that begins or ends another match of the concept is part of a
        // name the rubric knows ("Manage External Account"), not who the claim
        // is about; one in a match's gap ("enable the Contact as a partner")
        // still counts.
        let counts = |&&(position, _): &&(u32, usize)| {
            !matches
                .iter()
                .any(|other| other != found && (other.first == position || other.last == position))
        };
        let occurrences = self.subjects[group].as_deref()?;
        let clause = answer.clause_of(found.first);
        let sentence = answer.sentence_of(found.first);
        let before = occurrences
            .iter()
            .filter(counts)
            .take_while(|(position, _)| *position <= found.first);
        // A term in the match's own gaps counts ("enable the Contact as a
        // partner"); one its last word matched ("linked to an account") is
        // what the claim is about, not who makes it.
        let in_clause = occurrences
            .iter()
            .filter(counts)
            .take_while(|(position, _)| *position < found.last || *position == found.first)
            .filter(|(position, _)| answer.clause_of(*position) == clause)
            .last();
        let mut in_sentence =
            before.filter(|(position, _)| answer.sentence_of(*position) == sentence);
        // "…, then use Manage External User on the contact": the concept's own
        // term later in the match's clause says whom the claim is about; no
        // term of an earlier clause is judged against it.
        let own_term_after = || {
            occurrences
                .iter()
                .filter(counts)
                .any(|&(position, said_of)| {
                    position > found.last && said_of == term && answer.clause_of(position) == clause
                })
        };
        let said_of = match in_clause {
            // "The user who owns the account has no role" is said of the
            // owner: a relative clause can name the concept's own term.
            Some(&(position, said_of))
                if said_of != term
                    && self
                        .lexicon
                        .confusable
                        .get(group)
                        .and_then(|terms| terms.get(term))
                        .is_some_and(|own| answer.is_agent_by_relative_clause(position, own)) =>
            {
                return None;
            }
            Some(&(_, said_of)) => said_of,
            None if own_term_after() => return None,
            // "..., which is the bridge": said of the term just before.
            None if answer.clause_is_relative(found.first) => in_sentence.last()?.1,
            // "It deactivates them and ...": the sentence is about something
            // named before it, so nobody is judged.
            None if answer.sentence_starts_with_pronoun(found.first) => return None,
            None => {
                // Else the sentence's subject, its first term, when the term
                // nearest the match agrees; when they differ the reading is
                // ambiguous, and no subject is judged.
                let first = in_sentence.next()?.1;
                let nearest = in_sentence.last().map_or(first, |&(_, term)| term);
                if first != nearest {
                    return None;
                }
                first
            }
        };
        (said_of != term).then_some(said_of)
    }
}

/// The score of a set of outcomes, and which caps applied.
struct Scored {
    score: f64,
    required_contradicted: bool,
    /// The cap that applied for a required concept, if one did.
    required_cap: Option<f64>,
    /// The cap that applied for a bare list, if one did.
    list_cap: Option<f64>,
}

fn score_of(recall: &Recall, pass: f64, outcomes: &[Outcome], bare_list: bool) -> Scored {
    let concepts = || recall.concepts.iter().zip(outcomes);
    let total_weight: f64 = recall.concepts.iter().map(|concept| concept.weight).sum();
    let earned: f64 = concepts()
        .filter(|(_, outcome)| outcome.is_found())
        .map(|(concept, _)| concept.weight)
        .sum();
    let lost: f64 = concepts()
        .filter(|(_, outcome)| matches!(outcome, Outcome::Contradicted(_)))
        .map(|(concept, _)| concept.weight * CONTRADICTION_COST)
        .sum();
    let mut score = if total_weight > 0.0 {
        ((earned - lost) / total_weight).max(0.0)
    } else {
        0.0
    };
    let required_missing =
        concepts().any(|(concept, outcome)| concept.required && *outcome == Outcome::Missed);
    let required_contradicted = concepts()
        .any(|(concept, outcome)| concept.required && matches!(outcome, Outcome::Contradicted(_)));
    let cap = (pass - REQUIRED_CAP_BELOW_PASS).max(0.0);
    let mut required_cap = None;
    if (required_missing || required_contradicted) && score > cap {
        score = cap;
        required_cap = Some(cap);
    }
    let list_cap = BARE_LIST_CAP.min(cap);
    let mut applied_list_cap = None;
    if bare_list && score > list_cap {
        score = list_cap;
        applied_list_cap = Some(list_cap);
    }
    Scored {
        score,
        required_contradicted,
        required_cap,
        list_cap: applied_list_cap,
    }
}

/// The score alone, without feedback: what `lint` needs of the many answers
/// it tries.
pub fn score(recall: &Recall, pass: f64, answer: &str) -> f64 {
    let (outcomes, bare_list) = assess_quoting(recall, answer, false);
    score_of(recall, pass, &outcomes, bare_list).score
}

pub fn grade(recall: &Recall, pass: f64, answer: &str) -> Mark {
    let (outcomes, bare_list) = assess(recall, answer);
    let concepts = || recall.concepts.iter().zip(&outcomes);
    let Scored {
        score,
        required_contradicted,
        required_cap,
        list_cap,
    } = score_of(recall, pass, &outcomes, bare_list);
    // Written straight into one string: recall grading has a time budget, and
    // the feedback is a fair share of its work.
    let mut feedback = String::with_capacity(256 + recall.model_answer.len());
    if answer.trim().is_empty() {
        feedback.push_str("no answer given\n");
    }
    push_section(
        &mut feedback,
        "found: ",
        "; ",
        concepts(),
        |out, concept, outcome| {
            let Outcome::Found(written) = outcome else {
                return false;
            };
            out.push_str(&concept.name);
            // The words that earned it, unless the name already says them.
            if !contains_ignoring_ascii_case(&concept.name, written) {
                out.push_str(" (");
                out.push_str(&quote(written));
                out.push(')');
            }
            true
        },
    );
    push_section(
        &mut feedback,
        "missed: ",
        "; ",
        concepts(),
        |out, concept, outcome| {
            let shown = *outcome == Outcome::Missed;
            if shown {
                out.push_str(&concept.name);
                out.push_str(required_note(concept));
            }
            shown
        },
    );
    push_section(
        &mut feedback,
        "wrong: ",
        "; ",
        concepts(),
        |out, concept, outcome| {
            let Outcome::Contradicted(contradiction) = outcome else {
                return false;
            };
            out.push_str(&concept.name);
            out.push_str(required_note(concept));
            out.push_str(": you said ");
            match contradiction {
                Contradiction::Denied(written) => out.push_str(&quote(written)),
                Contradiction::WrongSubject { written, said_of } => {
                    out.push_str(&quote(written));
                    out.push_str(" of `");
                    out.push_str(said_of);
                    out.push('`');
                }
            }
            true
        },
    );
    if let Some(cap) = required_cap {
        let why = if required_contradicted {
            "a required concept is contradicted"
        } else {
            "a required concept is missing"
        };
        feedback.push_str(&format!(
            "{why}, so the score is capped at {}%\n",
            super::percent(cap)
        ));
    }
    if let Some(list_cap) = list_cap {
        feedback.push_str(&format!(
            "the answer lists terms without saying what they do, so the score is capped at {}%; say it in sentences\n",
            super::percent(list_cap)
        ));
    }
    feedback.push_str("model answer: ");
    feedback.push_str(&recall.model_answer);
    let missed = concepts()
        .filter(|(_, outcome)| !outcome.is_found())
        .map(|(concept, _)| concept.name.to_string())
        .collect();
    Mark::new(score, feedback, missed)
}

/// Whether `text` contains `part`, ASCII letters compared without case.
fn contains_ignoring_ascii_case(text: &str, part: &str) -> bool {
    part.is_empty()
        || text
            .as_bytes()
            .windows(part.len())
            .any(|window| window.eq_ignore_ascii_case(part.as_bytes()))
}

fn required_note(concept: &Concept) -> &'static str {
    if concept.required { " (required)" } else { "" }
}

/// Appends one line, `label` then what `write_item` writes for each concept it
/// selects (it returns whether it wrote one), joined by `separator`; nothing at
/// all when it selects none.
fn push_section<'r>(
    feedback: &mut String,
    label: &str,
    separator: &str,
    concepts: impl Iterator<Item = (&'r Concept, &'r Outcome)>,
    write_item: impl Fn(&mut String, &Concept, &Outcome) -> bool,
) {
    let line_start = feedback.len();
    feedback.push_str(label);
    let mut n_items = 0;
    for (concept, outcome) in concepts {
        let item_start = feedback.len();
        if n_items > 0 {
            feedback.push_str(separator);
        }
        if write_item(feedback, concept, outcome) {
            n_items += 1;
        } else {
            feedback.truncate(item_start);
        }
    }
    if n_items == 0 {
        feedback.truncate(line_start);
    } else {
        feedback.push('\n');
    }
}
