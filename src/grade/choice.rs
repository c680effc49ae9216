//! Choice questions, single and multi-select. The answer names choices by letter
//! or 1-based number in bank order (`b`, `a, c`, `2 3`).
//!
//! An answer that is one choice's own text (`Manage External Users`, case and
//! surrounding space aside; more than three characters, so letters stay
//! letters) names that choice.
//!
//! A single choice is right or wrong. A multi-select earns (right picks − wrong
//! picks) / number of right choices, never below 0. An entry that names no choice
//! scores 0 with a message saying which entry and how to answer.

use super::list::{self, Entry};
use super::{Mark, quote};
use crate::model::question::Choice;
use crate::text::plural;

/// At most this many unreadable entries are named in feedback.
const MAX_PROBLEMS_SHOWN: usize = 3;

pub fn grade(choice: &Choice, answer: &str) -> Mark {
    match named_choice(choice, answer) {
        // A choice's text is read as its letter, once: letters are not texts.
        Some(idx) => grade_letters(choice, &(idx + 1).to_string()),
        None => grade_letters(choice, answer),
    }
}

/// The score [`grade`] gives, without writing its feedback (`lint` scores
/// every key).
pub fn score(choice: &Choice, answer: &str) -> f64 {
    let picks = match named_choice(choice, answer) {
        Some(idx) => vec![idx],
        None => {
            let mut n_problems = 0;
            let picks = picks(choice, answer, |_| n_problems += 1);
            if n_problems > 0 {
                return 0.0;
            }
            picks
        }
    };
    if picks.is_empty() {
        return 0.0;
    }
    if !choice.multiple {
        return if picks.len() == 1 && choice.correct.contains(&picks[0]) {
            1.0
        } else {
            0.0
        };
    }
    multiple_score(choice, &picks)
}

/// The choice whose own text the whole answer is, if any.
fn named_choice(choice: &Choice, answer: &str) -> Option<usize> {
    choice
        .choices
        .iter()
        .position(|text| text.trim().eq_ignore_ascii_case(answer.trim()))
        // Letters and numbers stay letters and numbers (`b`, `2 3`).
        .filter(|_| answer.trim().chars().count() > 3)
}

/// The choices an answer of letters or numbers picks, each once, in the order
/// given; each entry that names no choice goes to `problem`.
fn picks<'a>(choice: &Choice, answer: &'a str, mut problem: impl FnMut(Problem<'a>)) -> Vec<usize> {
    let n_choices = choice.choices.len();
    let mut picks: Vec<usize> = Vec::new();
    for entry in list::entries(answer) {
        let idx = match list::read(entry) {
            Entry::Index(idx) | Entry::Letter(idx) if idx < n_choices as u64 => idx as usize,
            Entry::Index(_) | Entry::Letter(_) => {
                problem(Problem::NoSuchChoice(entry));
                continue;
            }
            Entry::Junk => {
                problem(Problem::NotAChoice(entry));
                continue;
            }
        };
        if !picks.contains(&idx) {
            picks.push(idx);
        }
    }
    picks
}

/// An entry of an answer that names no choice.
enum Problem<'a> {
    NoSuchChoice(&'a str),
    NotAChoice(&'a str),
}

/// A multi-select's score: (right picks − wrong picks) / right choices, never
/// below 0.
fn multiple_score(choice: &Choice, picks: &[usize]) -> f64 {
    let n_right = picks
        .iter()
        .filter(|idx| choice.correct.contains(idx))
        .count();
    let n_wrong = picks.len() - n_right;
    ((n_right as f64 - n_wrong as f64) / choice.correct.len() as f64).max(0.0)
}

/// [`grade`] of an answer of letters or numbers.
fn grade_letters(choice: &Choice, answer: &str) -> Mark {
    let mut problems: Vec<String> = Vec::new();
    let picks = picks(choice, answer, |problem| {
        problems.push(match problem {
            Problem::NoSuchChoice(entry) => format!("there is no choice {}", quote(entry)),
            Problem::NotAChoice(entry) => format!("{} is not a choice", quote(entry)),
        });
    });
    let n_choices = choice.choices.len();
    let right_texts: Vec<String> = choice
        .correct
        .iter()
        .filter_map(|&idx| choice.choices.get(idx).map(str::to_string))
        .collect();
    let right_list = labels(choice, &choice.correct);
    if !problems.is_empty() {
        let n_problems = problems.len();
        problems.truncate(MAX_PROBLEMS_SHOWN);
        if n_problems > MAX_PROBLEMS_SHOWN {
            problems.push(format!("{} more", n_problems - MAX_PROBLEMS_SHOWN));
        }
        return Mark::new(
            0.0,
            format!(
                "{}; answer with {}; the right answer is {right_list}",
                problems.join("; "),
                how_to_answer(n_choices, choice.multiple)
            ),
            right_texts,
        );
    }
    if picks.is_empty() {
        return Mark::new(
            0.0,
            format!("no answer given; the right answer is {right_list}"),
            right_texts,
        );
    }
    if !choice.multiple {
        return single(choice, &picks, right_list, right_texts);
    }
    let n_right = picks
        .iter()
        .filter(|idx| choice.correct.contains(idx))
        .count();
    let wrong: Vec<usize> = picks
        .iter()
        .copied()
        .filter(|idx| !choice.correct.contains(idx))
        .collect();
    let n_correct = choice.correct.len();
    let score = multiple_score(choice, &picks);
    let missed: Vec<String> = choice
        .correct
        .iter()
        .filter(|idx| !picks.contains(idx))
        .filter_map(|&idx| choice.choices.get(idx).map(str::to_string))
        .collect();
    if n_right == n_correct && wrong.is_empty() {
        return Mark::new(1.0, format!("right: {right_list}"), missed);
    }
    let wrong_part = if wrong.is_empty() {
        String::new()
    } else {
        format!(
            "; wrong pick{}: {}",
            plural(wrong.len()),
            labels(choice, &wrong)
        )
    };
    Mark::new(
        score,
        format!(
            "{n_right} of {n_correct} right choices picked{wrong_part}; the right choices are {right_list}"
        ),
        missed,
    )
}

fn single(choice: &Choice, picks: &[usize], right_list: String, right_texts: Vec<String>) -> Mark {
    if picks.len() > 1 {
        return Mark::new(
            0.0,
            format!(
                "pick one choice, not {}; the right answer is {right_list}",
                picks.len()
            ),
            right_texts,
        );
    }
    if choice.correct.contains(&picks[0]) {
        Mark::new(1.0, format!("right: {right_list}"), Vec::new())
    } else {
        Mark::new(
            0.0,
            format!(
                "wrong: you picked {}; the right answer is {right_list}",
                labels(choice, picks)
            ),
            right_texts,
        )
    }
}

/// The right choices as an answer: `a, c` (numbers past 26 choices).
pub fn key(choice: &Choice) -> String {
    choice
        .correct
        .iter()
        .map(|&idx| name(idx))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a choice is named in answers: its letter, or its number past `z`.
fn name(idx: usize) -> String {
    match u8::try_from(idx) {
        Ok(small) if small < 26 => char::from(b'a' + small).to_string(),
        _ => (idx + 1).to_string(),
    }
}

/// Choices as shown in feedback: `a) Enable Digital Experiences, c) ...`.
fn labels(choice: &Choice, indices: &[usize]) -> String {
    indices
        .iter()
        .map(|&idx| format!("{}) {}", name(idx), choice.choices.get(idx).unwrap_or("")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn how_to_answer(n_choices: usize, multiple: bool) -> String {
    let what = if multiple {
        "letters or numbers separated by commas"
    } else {
        "one letter or number"
    };
    if n_choices <= 26 {
        format!(
            "{what} (a to {} or 1 to {n_choices})",
            name(n_choices.saturating_sub(1))
        )
    } else {
        format!("{what} (1 to {n_choices})")
    }
}
