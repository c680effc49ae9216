//! Choosing a session's questions and the order their options are shown in,
//! all from one seed.
//!
//! The generator is ChaCha8, a named algorithm, so a cohort's exam stays the same
//! exam across xcdrill versions: same content and seed, same questions, same
//! order, same shuffles.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::model::{Catalog, Kind, Question};

/// A question as it is put to the learner: which one, and the bank indices of
/// its choices or items in the order they are shown (empty for other kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    pub question_idx: usize,
    pub shown: Vec<usize>,
}

/// What to pick from.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these topics; empty means all.
    pub topics: Vec<String>,
    /// How many questions at most.
    pub count: usize,
    pub seed: u64,
    /// Question ids to put first, in this order (due reviews); the rest follow
    /// in seeded order.
    pub first: Vec<String>,
    /// Question ids to leave out unless nothing else is left.
    pub exclude: Vec<String>,
}

/// The questions of a session, each with its shuffled options.
pub fn select(catalog: &Catalog, selection: &Selection) -> Vec<Presented> {
    let mut rng = ChaCha8Rng::seed_from_u64(selection.seed);
    let in_topic = |question: &Question| {
        selection.topics.is_empty()
            || selection
                .topics
                .iter()
                .any(|topic| **topic == *question.topic)
    };
    let mut pool: Vec<usize> = catalog
        .questions()
        .iter()
        .enumerate()
        .filter(|(_, question)| in_topic(question))
        .filter(|(_, question)| !selection.first.iter().any(|id| id == question.id()))
        .filter(|(_, question)| !selection.exclude.iter().any(|id| id == question.id()))
        .map(|(idx, _)| idx)
        .collect();
    pool.shuffle(&mut rng);
    let firsts = selection
        .first
        .iter()
        .filter_map(|id| {
            catalog
                .questions()
                .iter()
                .position(|question| question.id() == id)
        })
        .filter(|&idx| in_topic(&catalog.questions()[idx]));
    let mut chosen: Vec<usize> = firsts.chain(pool).take(selection.count).collect();
    if chosen.is_empty() && !selection.exclude.is_empty() {
        let fallback = Selection {
            exclude: Vec::new(),
            ..selection.clone()
        };
        return select(catalog, &fallback);
    }
    chosen.dedup();
    chosen
        .into_iter()
        .map(|question_idx| present(&catalog.questions()[question_idx], question_idx, &mut rng))
        .collect()
}

/// Shuffles a question's choices or items for showing.
pub fn present(question: &Question, question_idx: usize, rng: &mut ChaCha8Rng) -> Presented {
    let n_options = match &question.kind {
        Kind::Choice(choice) => choice.choices.len(),
        Kind::Order(order) => order.items.len(),
        _ => 0,
    };
    let mut shown: Vec<usize> = (0..n_options).collect();
    shown.shuffle(rng);
    // An order question shown already in order would give itself away.
    if matches!(question.kind, Kind::Order(_))
        && n_options > 1
        && shown.windows(2).all(|pair| pair[0] < pair[1])
    {
        shown.swap(0, 1);
    }
    Presented {
        question_idx,
        shown,
    }
}

/// The same question with its options shown in a new order, for a drill that
/// asks it again: a missed question must not be answerable from the letter
/// remembered. Seeded by the session's `seed` and the `round` it comes back
/// in; the order differs from the last one whenever there are two options or
/// more, and never shows every option in bank order (an order question's key).
pub fn reshuffle(presented: &Presented, seed: u64, round: u64) -> Presented {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ round.rotate_left(32));
    let in_bank_order = |shown: &[usize]| shown.windows(2).all(|pair| pair[0] < pair[1]);
    let mut shown = presented.shown.clone();
    let mut fallback = None;
    for _ in 0..16 {
        shown.shuffle(&mut rng);
        if shown != presented.shown {
            if !in_bank_order(&shown) {
                return Presented {
                    question_idx: presented.question_idx,
                    shown,
                };
            }
            fallback.get_or_insert_with(|| shown.clone());
        }
    }
    Presented {
        question_idx: presented.question_idx,
        // Two options: the only other order; none or one: nothing to change.
        shown: fallback.unwrap_or_else(|| presented.shown.clone()),
    }
}

/// The letter shown for the option at display position `idx` (`a`, `b`, ...).
pub fn letter(idx: usize) -> char {
    char::from(b'a' + (idx % 26) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reshuffle_is_seeded_and_never_the_last_order() {
        let presented = Presented {
            question_idx: 3,
            shown: vec![2, 0, 3, 1],
        };
        for round in 0..50 {
            let again = reshuffle(&presented, 7, round);
            assert_eq!(again, reshuffle(&presented, 7, round), "seeded");
            assert_ne!(again.shown, presented.shown);
            assert_ne!(again.shown, [0, 1, 2, 3]);
            let mut sorted = again.shown.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, [0, 1, 2, 3]);
        }
        let two = Presented {
            question_idx: 0,
            shown: vec![0, 1],
        };
        assert_eq!(reshuffle(&two, 7, 1).shown, [1, 0]);
    }
}
