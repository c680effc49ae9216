//! The loaded content: every valid question and fact, indexed by id.

use std::collections::{BTreeMap, HashMap};

use super::fact::Fact;
use super::question::Question;
use crate::hash::Fnv64;

/// Every question and fact of the active content.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    questions: Vec<Question>,
    facts: Vec<Fact>,
    question_idx: HashMap<String, usize>,
    fact_idx: HashMap<String, usize>,
}

impl Catalog {
    /// Builds a catalog; ids are expected unique (validation drops duplicates).
    pub fn new(questions: Vec<Question>, facts: Vec<Fact>) -> Catalog {
        let question_idx = questions
            .iter()
            .enumerate()
            .map(|(idx, question)| (question.id.clone(), idx))
            .collect();
        let fact_idx = facts
            .iter()
            .enumerate()
            .map(|(idx, fact)| (fact.id.clone(), idx))
            .collect();
        Catalog {
            questions,
            facts,
            question_idx,
            fact_idx,
        }
    }

    /// Questions in load order (files sorted by name, questions as written).
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_idx.get(id).map(|&idx| &self.questions[idx])
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.fact_idx.get(id).map(|&idx| &self.facts[idx])
    }

    /// Topics with their number of questions, sorted by topic.
    pub fn topics(&self) -> BTreeMap<&str, usize> {
        let mut topics = BTreeMap::new();
        for question in &self.questions {
            *topics.entry(question.topic.as_str()).or_insert(0) += 1;
        }
        topics
    }

    /// Facts that no question cites, in definition order.
    pub fn uncovered_facts(&self) -> Vec<&Fact> {
        let cited: std::collections::HashSet<&str> = self
            .questions
            .iter()
            .flat_map(|question| question.facts.iter().map(String::as_str))
            .collect();
        self.facts
            .iter()
            .filter(|fact| !cited.contains(fact.id.as_str()))
            .collect()
    }

    /// A hash of all questions' content hashes, in id order: two sessions with the
    /// same content hash asked the same questions.
    pub fn content_hash(&self) -> String {
        let mut ids: Vec<&Question> = self.questions.iter().collect();
        ids.sort_by(|a, b| a.id.cmp(&b.id));
        let mut hasher = Fnv64::new();
        for question in ids {
            hasher.write_str(&question.content_hash());
        }
        hasher.hex()
    }
}
