//! The loaded content: every valid question and fact, indexed by id.
//!
//! Questions are indexed by the hash of their id in a sorted list rather than a
//! map of id copies: a large bank's index then costs 12 bytes a question and no
//! allocation per question.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::fact::Fact;
use super::question::Question;
use crate::hash::Fnv64;

/// Every question and fact of the active content.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    questions: Vec<Question>,
    facts: Vec<Fact>,
    /// (hash of the id, index in `questions`), sorted.
    question_idx: Vec<(u64, u32)>,
    hasher: RandomState,
    fact_idx: HashMap<String, usize>,
}

impl Catalog {
    /// Builds a catalog; ids are expected unique (validation drops duplicates).
    pub fn new(questions: Vec<Question>, facts: Vec<Fact>) -> Catalog {
        let hasher = RandomState::new();
        // `MAX_QUESTIONS` keeps indices far below `u32::MAX`.
        let mut question_idx: Vec<(u64, u32)> = questions
            .iter()
            .enumerate()
            .map(|(idx, question)| (hasher.hash_one(question.id()), idx as u32))
            .collect();
        question_idx.sort_unstable();
        Catalog::with_index(questions, facts, hasher, question_idx)
    }

    /// A catalog whose id index was built while loading: `(hash of the id by
    /// `hasher`, index in `questions`)` for every question, sorted.
    pub(crate) fn with_index(
        questions: Vec<Question>,
        facts: Vec<Fact>,
        hasher: RandomState,
        question_idx: Vec<(u64, u32)>,
    ) -> Catalog {
        debug_assert_eq!(question_idx.len(), questions.len());
        debug_assert!(question_idx.is_sorted());
        let fact_idx = facts
            .iter()
            .enumerate()
            .map(|(idx, fact)| (fact.id.clone(), idx))
            .collect();
        Catalog {
            questions,
            facts,
            question_idx,
            hasher,
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

    /// The question with this id; with several (which validation prevents), the
    /// last one, as a map built from the list would keep.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_idx(id).map(|idx| &self.questions[idx])
    }

    /// The index in [`Catalog::questions`] of the question with this id.
    pub fn question_idx(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        let first = self
            .question_idx
            .partition_point(|&(other, _)| other < hash);
        self.question_idx[first..]
            .iter()
            .take_while(|&&(other, _)| other == hash)
            .map(|&(_, idx)| idx as usize)
            .filter(|&idx| {
                self.questions
                    .get(idx)
                    .is_some_and(|question| question.id() == id)
            })
            .last()
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.fact_idx.get(id).map(|&idx| &self.facts[idx])
    }

    /// Topics with their number of questions, sorted by topic.
    pub fn topics(&self) -> BTreeMap<&str, usize> {
        let mut topics = BTreeMap::new();
        for question in &self.questions {
            *topics.entry(&*question.topic).or_insert(0) += 1;
        }
        topics
    }

    /// Facts that no question cites, in definition order.
    pub fn uncovered_facts(&self) -> Vec<&Fact> {
        let cited: std::collections::HashSet<&str> = self
            .questions
            .iter()
            .flat_map(|question| question.facts.iter().map(|fact| &**fact))
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
        ids.sort_by(|a, b| a.id().cmp(b.id()));
        let mut hasher = Fnv64::new();
        for question in ids {
            hasher.write_str(&question.content_hash());
        }
        hasher.hex()
    }
}
