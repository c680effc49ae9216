//! The mock interview (`xcdrill interview`): which open questions to ask,
//! which follow-up a missed concept draws, how the interviewer puts it, and
//! the verdict. The debrief built from the answers is `session::debrief`.
//!
//! Every choice comes from the session's seed (ChaCha8, as `select`): the same
//! content, seed and answers give the same interview. Pure: it takes and
//! returns values and never does IO.

use std::collections::{BTreeMap, HashSet};

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::select::{Presented, present};
use crate::bank::question::Concept;
use crate::bank::{Catalog, Kind, Question};
use crate::grade::{Grade, Outcome};

/// The open question an interview starts with when its topic is asked.
pub const OPENING_QUESTION: &str = "interview.prerequisites";

/// How many open questions an interview asks without `--questions`.
pub const DEFAULT_QUESTIONS: usize = 5;

/// The most follow-ups one answer draws.
pub const MAX_FOLLOWUPS: usize = 2;

/// The recall questions of an interview, in the order asked: the opening
/// question first when its topic is among `topics` (or no topics are given),
/// then the others taken a topic at a time in turn, so that `count` questions
/// spread over as many topics as there are. Which question of a topic, and the
/// order of the topics, come from `seed`.
pub fn choose(catalog: &Catalog, topics: &[String], count: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let in_topic =
        |question: &Question| topics.is_empty() || topics.iter().any(|t| **t == *question.topic);
    let mut opening = None;
    let mut by_topic: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (idx, question) in catalog.questions().iter().enumerate() {
        if !matches!(question.kind, Kind::Recall(_)) || !in_topic(question) {
            continue;
        }
        if question.id() == OPENING_QUESTION {
            opening = Some(idx);
        } else {
            by_topic.entry(&question.topic).or_default().push(idx);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_topic.into_values().collect();
    groups.shuffle(&mut rng);
    for group in &mut groups {
        group.shuffle(&mut rng);
    }
    // The opening question's topic waits its turn until the others have had one.
    if let Some(opening_idx) = opening {
        let topic = &catalog.questions()[opening_idx].topic;
        if let Some(position) = groups.iter().position(|group| {
            group
                .first()
                .is_some_and(|&idx| catalog.questions()[idx].topic == *topic)
        }) {
            let group = groups.remove(position);
            groups.push(group);
        }
    }
    let mut chosen: Vec<usize> = opening.into_iter().collect();
    let longest = groups.iter().map(Vec::len).max().unwrap_or(0);
    for round in 0..longest {
        chosen.extend(groups.iter().filter_map(|group| group.get(round)));
    }
    chosen.truncate(count);
    chosen
}

/// A follow-up question: the concept of the open question it follows up on,
/// and the question put to the learner with its options shuffled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followup {
    pub concept_idx: usize,
    pub presented: Presented,
}

/// The follow-ups an answer to `main` draws: for the concepts it missed or
/// contradicted, most important first (required ones, then contradicted
/// before missed, then by weight, then in rubric order), at most
/// [`MAX_FOLLOWUPS`]. A concept's own `followup` questions come first; else a
/// question citing one of its `facts`, of the quickest kind there is (a
/// choice or true/false, then a short answer, then an order question; never
/// another open question or one on an org), picked by the seed
/// (`seed` and `number`, the open question's place in the interview). None is
/// the open question itself or in `asked` (already put to the learner).
pub fn followups(
    catalog: &Catalog,
    main_idx: usize,
    outcomes: &[Outcome],
    asked: &HashSet<usize>,
    seed: u64,
    number: usize,
) -> Vec<Followup> {
    let Kind::Recall(recall) = &catalog.questions()[main_idx].kind else {
        return Vec::new();
    };
    let mut rng =
        ChaCha8Rng::seed_from_u64(seed ^ (number as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut gaps: Vec<(usize, &Concept, bool)> = recall
        .concepts
        .iter()
        .zip(outcomes)
        .enumerate()
        .filter(|(_, (_, outcome))| !outcome.is_found())
        .map(|(idx, (concept, outcome))| {
            (idx, concept, matches!(outcome, Outcome::Contradicted(_)))
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.1.required
            .cmp(&a.1.required)
            .then(b.2.cmp(&a.2))
            .then(b.1.weight.total_cmp(&a.1.weight))
            .then(a.0.cmp(&b.0))
    });
    let mut taken: HashSet<usize> = asked.clone();
    taken.insert(main_idx);
    let mut chosen = Vec::new();
    for (concept_idx, concept, _) in gaps {
        if chosen.len() == MAX_FOLLOWUPS {
            break;
        }
        let Some(question_idx) = followup_for(catalog, concept, &taken, &mut rng) else {
            continue;
        };
        taken.insert(question_idx);
        let presented = present(&catalog.questions()[question_idx], question_idx, &mut rng);
        chosen.push(Followup {
            concept_idx,
            presented,
        });
    }
    chosen
}

/// The question that follows up on `concept`, if any is left.
fn followup_for(
    catalog: &Catalog,
    concept: &Concept,
    taken: &HashSet<usize>,
    rng: &mut ChaCha8Rng,
) -> Option<usize> {
    let named = concept
        .backing
        .followups
        .iter()
        .filter_map(|id| catalog.question_idx(id))
        .find(|idx| !taken.contains(idx));
    if named.is_some() {
        return named;
    }
    let citing: Vec<(usize, u8)> = catalog
        .questions()
        .iter()
        .enumerate()
        .filter(|(idx, _)| !taken.contains(idx))
        .filter(|(_, question)| {
            question
                .facts
                .iter()
                .any(|fact| concept.backing.facts.iter().any(|wanted| wanted == &**fact))
        })
        .filter_map(|(idx, question)| quickness(question).map(|rank| (idx, rank)))
        .collect();
    let best = citing.iter().map(|&(_, rank)| rank).min()?;
    let quickest: Vec<usize> = citing
        .into_iter()
        .filter(|&(_, rank)| rank == best)
        .map(|(idx, _)| idx)
        .collect();
    quickest.get(rng.random_range(0..quickest.len())).copied()
}

/// How quick a question is to answer out loud, lower is quicker; `None` for
/// kinds that are no follow-up (another open question, or one asked on an
/// org: a scenario or diagnose question).
fn quickness(question: &Question) -> Option<u8> {
    match question.kind {
        Kind::Choice(_) | Kind::TrueFalse(_) => Some(0),
        Kind::Short(_) => Some(1),
        Kind::Order(_) => Some(2),
        Kind::Recall(_) | Kind::Scenario(_) | Kind::Diagnose(_) => None,
    }
}

/// How the interviewer introduces a follow-up on the concept named `concept`:
/// one of a few wordings, the same one for the same seed and place.
pub fn introduce(concept: &str, seed: u64, number: usize, followup_number: usize) -> String {
    const TEMPLATES: [&str; 4] = [
        "You didn't mention {}. Let me ask you about that.",
        "Your answer left out one point: {}. A quick question on that:",
        "One thing I didn't hear: {}. Let me check:",
        "Something you could have added: {}. Let me put it another way.",
    ];
    let pick = (seed as usize)
        .wrapping_add(number.wrapping_mul(3))
        .wrapping_add(followup_number)
        % TEMPLATES.len();
    TEMPLATES[pick].replace("{}", concept)
}

/// How the interviewer introduces a follow-up on a concept the answer got
/// wrong rather than left out.
pub fn challenge(concept: &str) -> String {
    format!("Hold on: {concept}. What you said there doesn't hold; let me check.")
}

/// One question put to the learner and what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub presented: Presented,
    /// The answer in the grader's terms; `None` when skipped.
    pub answer: Option<String>,
    /// `None` when skipped.
    pub grade: Option<Grade>,
    pub seconds: f64,
}

impl Asked {
    pub fn score(&self) -> f64 {
        self.grade.as_ref().map_or(0.0, |grade| grade.score)
    }

    pub fn passed(&self) -> bool {
        self.grade.as_ref().is_some_and(|grade| grade.passed)
    }
}

/// An open question's answer, what the grader found in it concept by concept,
/// and its follow-ups with their answers.
#[derive(Debug, Clone, PartialEq)]
pub struct MainAnswer {
    pub asked: Asked,
    /// One outcome a rubric concept, in rubric order; empty when skipped.
    pub outcomes: Vec<Outcome>,
    /// (the concept followed up on, the follow-up asked).
    pub followups: Vec<(usize, Asked)>,
}

/// The interviewer's overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Strong,
    Acceptable,
    NeedsWork,
}

/// The mean score a strong interview's open answers reach at least.
pub const STRONG_MEAN: f64 = 0.85;

impl Verdict {
    /// The verdict over the interview's planned open questions (`n_planned`,
    /// those not reached count as failed):
    ///
    /// - **strong**: every open answer passed, their mean score is at least
    ///   85%, and every follow-up was answered right;
    /// - **acceptable**: at least half the open answers passed, and at least
    ///   half the follow-ups were answered right (or none was needed);
    /// - **needs work**: anything less.
    pub fn of(answers: &[MainAnswer], n_planned: usize) -> Verdict {
        let n_planned = n_planned.max(answers.len());
        if n_planned == 0 {
            return Verdict::NeedsWork;
        }
        let n_passed = answers
            .iter()
            .filter(|answer| answer.asked.passed())
            .count();
        let mean = answers
            .iter()
            .fold(0.0, |total, answer| total + answer.asked.score())
            / n_planned as f64;
        let followups: Vec<&Asked> = answers
            .iter()
            .flat_map(|answer| answer.followups.iter().map(|(_, asked)| asked))
            .collect();
        let n_followups_right = followups.iter().filter(|asked| asked.passed()).count();
        if n_passed == n_planned
            && mean + 1e-9 >= STRONG_MEAN
            && n_followups_right == followups.len()
        {
            Verdict::Strong
        } else if n_passed * 2 >= n_planned && n_followups_right * 2 >= followups.len() {
            Verdict::Acceptable
        } else {
            Verdict::NeedsWork
        }
    }

    /// The word in result files: `strong`, `acceptable` or `needs work`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Acceptable => "acceptable",
            Verdict::NeedsWork => "needs work",
        }
    }

    /// What the interviewer says.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Strong => {
                "Strong. You covered what I'd expect from someone who has done this, and you held up when I pushed on the details."
            }
            Verdict::Acceptable => {
                "Acceptable. The core is there, but I had to draw some of it out of you; tighten the gaps below and you'll sound sure of it."
            }
            Verdict::NeedsWork => {
                "Needs work. Too much of the answer was missing or wrong for me to trust it in a real org yet; study the gaps below and try again."
            }
        }
    }
}
