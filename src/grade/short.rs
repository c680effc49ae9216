//! Short typed answers, compared with each accepted answer after folding what
//! the question's `Folding` switches say: case, accents, punctuation and
//! spacing (on by default). With typos forgiven (also the default), each word may
//! be off by the allowance of `normalize::typo_allowance`; words with digits
//! must match exactly. A short answer is right or wrong: there is no partial
//! credit for half a name.

use super::normalize::{self, Fold};
use super::{Mark, quote};
use crate::bank::question::{Folding, Short};

/// How an answer compares with one accepted answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Exact,
    WithTypos,
    None,
}

pub fn grade(short: &Short, answer: &str) -> Mark {
    let shown = short.accept.first().unwrap_or("");
    let given = words(answer, short.folding);
    if given.is_empty() {
        return Mark::new(
            0.0,
            format!("no answer given; the answer is {}", quote(shown)),
            vec![shown.to_string()],
        );
    }
    let mut typo_match: Option<&str> = None;
    for accepted in &short.accept {
        match compare(&given, &words(accepted, short.folding), short.folding) {
            Match::Exact => {
                return Mark::new(1.0, format!("right: {}", quote(accepted)), Vec::new());
            }
            Match::WithTypos => {
                typo_match.get_or_insert(accepted);
            }
            Match::None => {}
        }
    }
    match typo_match {
        Some(accepted) => Mark::new(
            1.0,
            format!(
                "right, allowing for spelling: it is written {}",
                quote(accepted)
            ),
            Vec::new(),
        ),
        None => Mark::new(
            0.0,
            format!("not accepted; the answer is {}", quote(shown)),
            vec![shown.to_string()],
        ),
    }
}

/// The words compared: with punctuation folded, the words of `normalize::scan`;
/// without, the text split at white space, punctuation kept.
fn words(text: &str, folding: Folding) -> Vec<String> {
    let fold = Fold {
        case: folding.case,
        accents: folding.accents,
    };
    if folding.punctuation {
        let mut words = Vec::new();
        normalize::scan(text, fold, |word, _, _| words.push(word.to_string()));
        words
    } else {
        text.split_whitespace()
            .map(|word| normalize::fold_word(word, fold))
            .collect()
    }
}

fn compare(given: &[String], expected: &[String], folding: Folding) -> Match {
    if expected.is_empty() {
        return Match::None;
    }
    if given == expected {
        return Match::Exact;
    }
    // Folded spacing: `log in`, `log-in` and `login` are one answer.
    let joined = folding
        .punctuation
        .then(|| (given.concat(), expected.concat()));
    if let Some((given_joined, expected_joined)) = &joined
        && given_joined == expected_joined
    {
        return Match::Exact;
    }
    if !folding.typos {
        return Match::None;
    }
    let word_by_word = given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .all(|(given_word, expected_word)| close_enough(given_word, expected_word));
    let joined_with_typos = joined.is_some_and(|(given_joined, expected_joined)| {
        close_enough(&given_joined, &expected_joined)
    });
    if word_by_word || joined_with_typos {
        Match::WithTypos
    } else {
        Match::None
    }
}

/// Whether two words are the same up to a typo. A difference only in case or
/// accents, where the question keeps them, is a real difference, not a typo.
fn close_enough(given: &str, expected: &str) -> bool {
    if given == expected {
        return true;
    }
    if normalize::fold_word(given, Fold::ALL) == normalize::fold_word(expected, Fold::ALL) {
        return false;
    }
    normalize::same_word_with_typos(given, expected)
}
