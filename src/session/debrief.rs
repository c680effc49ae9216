//! The interview's debrief as data: the gaps as facts, the study plan as
//! commands, and the result object that `interview --json` prints and
//! `--output` writes (FORMAT.md, Result files). The terminal rendering is
//! `repl::interview`.
//!
//! The result's shape is a contract (`report` reads it back): fields are only
//! ever added.

use serde::{Deserialize, Serialize};

use super::interview::{MainAnswer, Verdict};
use crate::grade::Outcome;
use crate::model::{Catalog, Kind};

/// The `mode` of every interview result.
pub const INTERVIEW_MODE: &str = "interview";

/// One interview, as written by `interview --json` and `--output`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewResult {
    /// Always `interview`.
    pub mode: String,
    /// The seed that chose the questions and follow-ups.
    pub seed: u64,
    /// The catalog's content hash: equal hashes mean the same questions.
    pub content: String,
    /// The learner (`--name`, default the OS user).
    pub name: String,
    /// One entry an open question, in the order asked; those not reached
    /// score 0 with nothing missed.
    pub questions: Vec<QuestionEntry>,
    /// The ids of the facts behind what the answers missed or got wrong.
    pub gaps: Vec<String>,
    /// Commands to study the gaps with.
    pub study: Vec<String>,
    /// `strong`, `acceptable` or `needs work`.
    pub verdict: String,
}

/// One open question of an interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionEntry {
    pub id: String,
    pub score: f64,
    pub passed: bool,
    /// Names of the concepts the answer left out.
    pub missed: Vec<String>,
    /// Names of the concepts the answer got wrong.
    pub contradicted: Vec<String>,
    /// Whole seconds spent on the answer.
    pub seconds: u64,
    pub followups: Vec<FollowupEntry>,
}

/// One follow-up question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowupEntry {
    pub id: String,
    pub score: f64,
    pub passed: bool,
}

/// What the interview knows besides the answers, for its result.
pub struct Header<'a> {
    pub seed: u64,
    pub content_hash: &'a str,
    pub name: &'a str,
    /// How the study plan's commands start: `xcdrill`, with the interview's
    /// `--content` folders when it had any.
    pub program: &'a str,
}

/// The result of an interview: `answers` to the open questions asked, then
/// `unreached` (catalog indices of the planned ones not reached).
pub fn result(
    catalog: &Catalog,
    header: &Header<'_>,
    answers: &[MainAnswer],
    unreached: &[usize],
) -> InterviewResult {
    let questions = catalog.questions();
    let mut entries: Vec<QuestionEntry> = answers
        .iter()
        .map(|answer| {
            let question = &questions[answer.asked.presented.question_idx];
            let (missed, contradicted) = concept_names(question, &answer.outcomes);
            QuestionEntry {
                id: question.id().to_string(),
                score: answer.asked.score(),
                passed: answer.asked.passed(),
                missed,
                contradicted,
                seconds: whole_seconds(answer.asked.seconds),
                followups: answer
                    .followups
                    .iter()
                    .map(|(_, asked)| FollowupEntry {
                        id: questions[asked.presented.question_idx].id().to_string(),
                        score: asked.score(),
                        passed: asked.passed(),
                    })
                    .collect(),
            }
        })
        .collect();
    entries.extend(unreached.iter().map(|&idx| QuestionEntry {
        id: questions[idx].id().to_string(),
        score: 0.0,
        passed: false,
        missed: Vec::new(),
        contradicted: Vec::new(),
        seconds: 0,
        followups: Vec::new(),
    }));
    InterviewResult {
        mode: INTERVIEW_MODE.to_string(),
        seed: header.seed,
        content: header.content_hash.to_string(),
        name: header.name.to_string(),
        questions: entries,
        gaps: gaps(catalog, answers),
        study: study(catalog, answers, header.program),
        verdict: Verdict::of(answers, answers.len() + unreached.len())
            .name()
            .to_string(),
    }
}

fn whole_seconds(seconds: f64) -> u64 {
    if seconds.is_finite() {
        seconds.max(0.0).round() as u64
    } else {
        0
    }
}

/// The names of the concepts an answer missed, and of those it got wrong.
pub fn concept_names(
    question: &crate::model::Question,
    outcomes: &[Outcome],
) -> (Vec<String>, Vec<String>) {
    let Kind::Recall(recall) = &question.kind else {
        return (Vec::new(), Vec::new());
    };
    let mut missed = Vec::new();
    let mut contradicted = Vec::new();
    for (concept, outcome) in recall.concepts.iter().zip(outcomes) {
        match outcome {
            Outcome::Found(_) => {}
            Outcome::Missed => missed.push(concept.name.to_string()),
            Outcome::Contradicted(_) => contradicted.push(concept.name.to_string()),
        }
    }
    (missed, contradicted)
}

/// The facts behind what the answers missed or got wrong, each once, in the
/// order met: a concept's `facts`, else the facts of its `followup`
/// questions; for an open question that was skipped, the facts it cites.
pub fn gaps(catalog: &Catalog, answers: &[MainAnswer]) -> Vec<String> {
    let mut gaps: Vec<String> = Vec::new();
    let mut add = |fact: &str| {
        if !gaps.iter().any(|known| known == fact) {
            gaps.push(fact.to_string());
        }
    };
    for answer in answers {
        let question = &catalog.questions()[answer.asked.presented.question_idx];
        if answer.asked.grade.is_none() {
            question.facts.iter().for_each(|fact| add(fact));
            continue;
        }
        let Kind::Recall(recall) = &question.kind else {
            continue;
        };
        for (concept, outcome) in recall.concepts.iter().zip(&answer.outcomes) {
            if outcome.is_found() {
                continue;
            }
            concept.backing.facts.iter().for_each(&mut add);
            if concept.backing.facts.is_empty() {
                for followup in concept.backing.followups.iter() {
                    if let Some(followup) = catalog.question(followup) {
                        followup.facts.iter().for_each(|fact| add(fact));
                    }
                }
            }
        }
    }
    gaps
}

/// The study plan: a drill of each topic where an open answer or a
/// follow-up fell short, then each open question not passed, to answer again
/// and have graded.
pub fn study(catalog: &Catalog, answers: &[MainAnswer], program: &str) -> Vec<String> {
    let questions = catalog.questions();
    let mut topics: Vec<&str> = Vec::new();
    let mut weak: Vec<&str> = Vec::new();
    for answer in answers {
        let question = &questions[answer.asked.presented.question_idx];
        let followups_missed = answer
            .followups
            .iter()
            .filter(|(_, asked)| !asked.passed())
            .map(|(_, asked)| &questions[asked.presented.question_idx]);
        let short: Vec<&crate::model::Question> = (!answer.asked.passed())
            .then_some(question)
            .into_iter()
            .chain(followups_missed)
            .collect();
        for topic in short.iter().map(|question| &*question.topic) {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        if !answer.asked.passed() {
            weak.push(question.id());
        }
    }
    let drills = topics
        .into_iter()
        .map(|topic| format!("{program} quiz --mode drill --topic {topic}"));
    let answers_again = weak
        .into_iter()
        .map(|id| format!("{program} grade {id} --answer-file -"));
    drills.chain(answers_again).collect()
}
