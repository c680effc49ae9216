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
use crate::grade::{Grade, Outcome};
use crate::model::question::Concept;
use crate::model::{Catalog, Kind, Question};

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
/// another open question or one on an org) and citing at most two facts if
/// it can (a broad question would give the whole answer away), picked by the
/// seed (`seed` and `number`, the open question's place in the interview). None is
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
    // Quickest first; among those, questions about a fact or two before
    // broad ones that would give a whole answer away.
    let citing: Vec<(usize, (u8, usize))> = catalog
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
        .filter_map(|(idx, question)| {
            quickness(question).map(|rank| (idx, (rank, question.facts.len().min(3))))
        })
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

/// How the interviewer introduces a follow-up on a concept the answer left
/// out: one of a few wordings, the same one for the same seed and place. The
/// concept is not named: the follow-up asks about it, and naming it would
/// give the answer away (the debrief names it).
pub fn introduce(seed: u64, number: usize, followup_number: usize) -> &'static str {
    const TEMPLATES: [&str; 4] = [
        "Your answer left something out. Let me ask you about it.",
        "There's a point I didn't hear. A quick question on it:",
        "Let me check something you didn't cover:",
        "One more thing you could have said. A quick question:",
    ];
    let pick = (seed as usize)
        .wrapping_add(number.wrapping_mul(3))
        .wrapping_add(followup_number)
        % TEMPLATES.len();
    TEMPLATES[pick]
}

/// How the interviewer introduces a follow-up on a concept the answer got
/// wrong rather than left out (also without naming the right claim).
pub const CHALLENGE: &str = "Hold on: something you said there doesn't hold. Let me check:";

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{self, ContentFiles};

    /// Facts `f.a` and `f.b`; open questions in topics `interview`, `t`, `u`
    /// and `v` (`t.open` with three concepts: `A` required on `f.a`, `B` of
    /// weight 2 on `f.b`, `C` naming its follow-up `t.named`); and quick
    /// questions citing the facts.
    const BANK: &str = r#"format_version = 1
[[fact]]
id = "f.a"
statement = "A."
source = "seed: Quick interview answer"
[[fact]]
id = "f.b"
statement = "B."
source = "seed: Quick interview answer"

[[question]]
id = "t.open"
kind = "recall"
topic = "t"
prompt = "Open?"
model_answer = "alpha beta gamma"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
facts = ["f.a"]
phrases = ["alpha"]
required = true
[[question.concept]]
name = "B"
facts = ["f.b"]
phrases = ["beta"]
weight = 2
[[question.concept]]
name = "C"
followup = ["t.named"]
phrases = ["gamma"]

[[question]]
id = "interview.prerequisites"
kind = "recall"
topic = "interview"
prompt = "Prerequisites?"
model_answer = "alpha"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
facts = ["f.a"]
phrases = ["alpha"]

[[question]]
id = "u.open"
kind = "recall"
topic = "u"
prompt = "U?"
model_answer = "alpha"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
phrases = ["alpha"]

[[question]]
id = "v.open"
kind = "recall"
topic = "v"
prompt = "V?"
model_answer = "alpha"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
phrases = ["alpha"]

[[question]]
id = "t.order-a"
kind = "order"
topic = "t"
prompt = "Order?"
items = ["one", "two"]
explanation = "x"
facts = ["f.a"]

[[question]]
id = "t.tf-a"
kind = "truefalse"
topic = "t"
prompt = "True?"
answer = true
explanation = "x"
facts = ["f.a"]

[[question]]
id = "t.short-b"
kind = "short"
topic = "t"
prompt = "Short?"
accept = ["beta"]
explanation = "x"
facts = ["f.b"]

[[question]]
id = "t.named"
kind = "truefalse"
topic = "t"
prompt = "Named?"
answer = true
explanation = "x"
facts = ["f.b"]
"#;

    fn catalog() -> Catalog {
        bank::check(&ContentFiles::from_texts(&[("t.toml", BANK)]))
            .into_catalog()
            .expect("valid bank")
    }

    fn ids(catalog: &Catalog, indices: impl IntoIterator<Item = usize>) -> Vec<&str> {
        indices
            .into_iter()
            .map(|idx| catalog.questions()[idx].id())
            .collect()
    }

    /// The follow-ups `t.open` draws when its concepts come out as
    /// `outcomes`, with `asked` already asked.
    #[track_caller]
    fn check_followups(outcomes: &[Outcome], asked: &[&str], expected: &[(&str, &str)]) {
        let catalog = catalog();
        let main = catalog.question_idx("t.open").unwrap();
        let asked: HashSet<usize> = asked
            .iter()
            .filter_map(|id| catalog.question_idx(id))
            .collect();
        let Kind::Recall(recall) = &catalog.questions()[main].kind else {
            unreachable!()
        };
        let drawn: Vec<(&str, &str)> = followups(&catalog, main, outcomes, &asked, 7, 1)
            .iter()
            .map(|followup| {
                (
                    &*recall.concepts[followup.concept_idx].name,
                    catalog.questions()[followup.presented.question_idx].id(),
                )
            })
            .collect();
        assert_eq!(drawn, expected);
    }

    const MISSED: Outcome = Outcome::Missed;

    fn found() -> Outcome {
        Outcome::Found("words".to_string())
    }

    #[test]
    fn the_classic_opens_and_the_rest_spread_over_topics() {
        let catalog = catalog();
        let plan = choose(&catalog, &[], 4, 1);
        let plan_ids = ids(&catalog, plan.clone());
        assert_eq!(plan_ids[0], OPENING_QUESTION);
        let mut topics: Vec<&str> = plan
            .iter()
            .map(|&idx| &*catalog.questions()[idx].topic)
            .collect();
        topics.sort_unstable();
        assert_eq!(topics, ["interview", "t", "u", "v"], "{plan_ids:?}");
        assert_eq!(choose(&catalog, &[], 4, 1), plan, "same seed, same plan");
        let orders: HashSet<Vec<usize>> =
            (0..20).map(|seed| choose(&catalog, &[], 4, seed)).collect();
        assert!(orders.len() > 1, "the seed orders the topics");
        let only_u = choose(&catalog, &["u".to_string()], 5, 1);
        assert_eq!(
            ids(&catalog, only_u),
            ["u.open"],
            "no classic outside its topic"
        );
    }

    #[test]
    fn missed_concepts_draw_the_quickest_question_on_their_facts_most_important_first() {
        // A is required; B weighs more than C; at most two follow-ups; a
        // true/false question is quicker than a short answer.
        check_followups(
            &[MISSED, MISSED, MISSED],
            &[],
            &[("A", "t.tf-a"), ("B", "t.named")],
        );
        // A question already asked is not asked again: the slower one serves.
        check_followups(
            &[MISSED, found(), found()],
            &["t.tf-a"],
            &[("A", "t.order-a")],
        );
        // A concept's own follow-up comes before the questions on its facts.
        check_followups(&[found(), found(), MISSED], &[], &[("C", "t.named")]);
        // A complete answer draws none, and a concept with nothing left none.
        check_followups(&[found(), found(), found()], &[], &[]);
        check_followups(&[MISSED, found(), found()], &["t.tf-a", "t.order-a"], &[]);
    }

    #[test]
    fn a_contradicted_concept_comes_before_a_missed_one_of_equal_rank() {
        let wrong = Outcome::Contradicted(crate::grade::Contradiction::Denied("no".into()));
        check_followups(
            &[found(), MISSED, wrong],
            &[],
            &[("C", "t.named"), ("B", "t.short-b")],
        );
    }

    fn answer(score: f64, passed: bool, followups: &[bool]) -> MainAnswer {
        let asked = |score: f64, passed: bool| Asked {
            presented: Presented {
                question_idx: 0,
                shown: Vec::new(),
            },
            answer: Some("x".to_string()),
            grade: Some(Grade {
                score,
                passed,
                feedback: String::new(),
                missed: Vec::new(),
            }),
            seconds: 1.0,
        };
        MainAnswer {
            asked: asked(score, passed),
            outcomes: Vec::new(),
            followups: followups
                .iter()
                .map(|&right| (0, asked(if right { 1.0 } else { 0.0 }, right)))
                .collect(),
        }
    }

    #[test]
    fn the_verdict_follows_the_documented_rule() {
        let strong = [answer(1.0, true, &[]), answer(0.8, true, &[true])];
        assert_eq!(Verdict::of(&strong, 2), Verdict::Strong);
        // One wrong follow-up, a planned question not reached, or a mean
        // under 85% is no longer strong.
        let followup_wrong = [answer(1.0, true, &[]), answer(0.8, true, &[true, false])];
        assert_eq!(Verdict::of(&followup_wrong, 2), Verdict::Acceptable);
        assert_eq!(Verdict::of(&strong, 3), Verdict::Acceptable);
        let lower = [answer(0.75, true, &[]), answer(0.8, true, &[])];
        assert_eq!(Verdict::of(&lower, 2), Verdict::Acceptable);
        // Half the answers and half the follow-ups: acceptable; less: needs work.
        let half = [answer(1.0, true, &[]), answer(0.2, false, &[true, false])];
        assert_eq!(Verdict::of(&half, 2), Verdict::Acceptable);
        let followups_short = [answer(1.0, true, &[]), answer(0.2, false, &[false, false])];
        assert_eq!(Verdict::of(&followups_short, 2), Verdict::NeedsWork);
        let answers_short = [answer(1.0, true, &[]), answer(0.2, false, &[])];
        assert_eq!(Verdict::of(&answers_short, 3), Verdict::NeedsWork);
        assert_eq!(Verdict::of(&[], 0), Verdict::NeedsWork);
    }

    #[test]
    fn the_interviewer_varies_the_wording_by_seed_and_place() {
        assert_eq!(introduce(7, 1, 0), introduce(7, 1, 0));
        let wordings: HashSet<&str> = (0..4).map(|n| introduce(7, n, 0)).collect();
        assert_eq!(wordings.len(), 4);
    }
}
