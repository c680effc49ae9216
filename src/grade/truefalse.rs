//! True/false questions: the answer is `true`, `false`, `t`, `f`, `yes` or `no`,
//! in any case, and is right or wrong.

use super::{Mark, quote};
use crate::model::question::TrueFalse;

pub fn grade(truefalse: &TrueFalse, answer: &str) -> Mark {
    let right = key(truefalse);
    let trimmed = answer.trim().trim_end_matches(['.', '!']);
    if trimmed.is_empty() {
        return Mark::new(
            0.0,
            format!("no answer given; the statement is {right}"),
            vec![right],
        );
    }
    let Some(given) = read(trimmed) else {
        return Mark::new(
            0.0,
            format!(
                "{} is not true or false; answer `true` or `false` (or t, f, yes, no); the statement is {right}",
                quote(trimmed)
            ),
            vec![right],
        );
    };
    if given == truefalse.answer {
        Mark::new(1.0, format!("right: the statement is {right}"), Vec::new())
    } else {
        Mark::new(0.0, format!("wrong: the statement is {right}"), vec![right])
    }
}

/// `true` or `false`, as the right answer is written.
pub fn key(truefalse: &TrueFalse) -> String {
    truefalse.answer.to_string()
}

fn read(answer: &str) -> Option<bool> {
    const TRUE: &[&str] = &["true", "t", "yes"];
    const FALSE: &[&str] = &["false", "f", "no"];
    if TRUE.iter().any(|word| answer.eq_ignore_ascii_case(word)) {
        Some(true)
    } else if FALSE.iter().any(|word| answer.eq_ignore_ascii_case(word)) {
        Some(false)
    } else {
        None
    }
}
