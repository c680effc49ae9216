//! Turning what the learner typed at the quiz prompt into an answer in the
//! grader's terms (C3: choices as bank letters, order as 1-based bank indices).
//!
//! The quiz shows options shuffled and lettered; the grader knows bank order.
//! Input that cannot be an answer (a letter not offered, an order that is not a
//! permutation) is refused with a message so the learner can try again: a
//! typo never becomes a wrong grade.

use super::select::{Presented, letter};
use crate::grade::read_codes;
use crate::model::{Kind, Question};
use crate::org::Code;

/// The answer for the grader, or why the input is not an answer.
pub fn to_grader_answer(
    question: &Question,
    presented: &Presented,
    input: &str,
) -> Result<String, String> {
    let input = input.trim();
    match &question.kind {
        Kind::Choice(choice) => {
            // A choice's own text names it, as the grader reads it.
            if input.chars().count() > 3
                && let Some(idx) = choice
                    .choices
                    .iter()
                    .position(|text| text.trim().eq_ignore_ascii_case(input))
            {
                return Ok(letter(idx).to_string());
            }
            let last = letter(presented.shown.len().saturating_sub(1));
            let how = if choice.multiple {
                format!("answer with letters a to {last}, e.g. `a` or `a c`")
            } else {
                format!("answer with one letter, a to {last}")
            };
            let picks = letters(input, presented.shown.len(), &how)?;
            if picks.is_empty() {
                return Err("type the letter of your answer".to_string());
            }
            if !choice.multiple && picks.len() > 1 {
                return Err("pick one letter only".to_string());
            }
            let mut bank: Vec<usize> = picks
                .iter()
                .map(|&shown_idx| presented.shown[shown_idx])
                .collect();
            bank.sort_unstable();
            bank.dedup();
            Ok(bank
                .iter()
                .map(|&idx| letter(idx).to_string())
                .collect::<Vec<_>>()
                .join(","))
        }
        Kind::Order(_) => {
            let n_items = presented.shown.len();
            let how = format!(
                "answer with the letters a to {} in your order, e.g. `b a`",
                letter(n_items.saturating_sub(1))
            );
            let picks = letters(input, n_items, &how)?;
            let mut seen = vec![false; n_items];
            for &pick in &picks {
                if std::mem::replace(&mut seen[pick], true) {
                    return Err(format!(
                        "`{}` is listed twice; use each letter once",
                        letter(pick)
                    ));
                }
            }
            if picks.len() != n_items {
                let missing: Vec<String> = (0..n_items)
                    .filter(|&idx| !seen[idx])
                    .map(|idx| format!("`{}`", letter(idx)))
                    .collect();
                return Err(format!(
                    "put all {n_items} letters in order; missing {}",
                    missing.join(", ")
                ));
            }
            Ok(picks
                .iter()
                .map(|&shown_idx| (presented.shown[shown_idx] + 1).to_string())
                .collect::<Vec<_>>()
                .join(" "))
        }
        Kind::TrueFalse(_) => match input.to_lowercase().as_str() {
            "true" | "t" | "yes" | "y" => Ok("true".to_string()),
            "false" | "f" | "no" | "n" => Ok("false".to_string()),
            _ => Err("answer `true` or `false` (or t / f)".to_string()),
        },
        Kind::Short(_) | Kind::Recall(_) | Kind::Scenario(_) => Ok(input.to_string()),
        Kind::Diagnose(_) => {
            let named = read_codes(input);
            let last = letter(Code::DIAGNOSABLE.len() - 1);
            if let Some(word) = named.unknown.first() {
                return Err(format!(
                    "`{word}` is not a code or a letter of the list; answer with letters a to {last} or codes, e.g. `b i` or `OWNER_NO_ROLE`"
                ));
            }
            if named.codes.is_empty() {
                return Err(format!(
                    "name every blocker by letter (a to {last}) or by code"
                ));
            }
            Ok(input.to_string())
        }
    }
}

/// An answer in the grader's terms put back as the learner saw it: choices
/// by their shown letters in the order shown, an order as the shown letters in
/// the learner's order; other kinds as given.
pub fn shown_answer(question: &Question, presented: &Presented, answer: &str) -> String {
    let shown_position = |bank_idx: usize| presented.shown.iter().position(|&idx| idx == bank_idx);
    match &question.kind {
        Kind::Choice(choice) => {
            let mut positions: Vec<usize> = answer
                .split(',')
                .filter_map(|token| token.trim().chars().next())
                .filter_map(|ch| (ch as usize).checked_sub('a' as usize))
                .filter_map(shown_position)
                .collect();
            positions.sort_unstable();
            positions
                .iter()
                .map(|&shown_idx| {
                    let bank_idx = presented.shown[shown_idx];
                    format!(
                        "{}) {}",
                        letter(shown_idx),
                        choice.choices.get(bank_idx).unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        Kind::Order(_) => answer
            .split_whitespace()
            .filter_map(|number| number.parse::<usize>().ok()?.checked_sub(1))
            .filter_map(shown_position)
            .map(|shown_idx| letter(shown_idx).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        _ => answer.to_string(),
    }
}

/// Display positions named by letters (`a c`, `a,c`, `ac`) among `n` options.
/// A word that is not made of offered letters is refused whole, so `contact`
/// gets "not a letter" rather than a complaint about its second character.
/// `how` says how to answer, for a word that is not made of letters.
fn letters(input: &str, n_options: usize, how: &str) -> Result<Vec<usize>, String> {
    let last = letter(n_options.saturating_sub(1));
    let mut picks = Vec::new();
    for token in input
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|token| !token.is_empty())
    {
        let mut token_picks = Vec::new();
        for ch in token.chars() {
            let lower = ch.to_ascii_lowercase();
            let idx = (lower as u32).wrapping_sub('a' as u32) as usize;
            if !lower.is_ascii_lowercase() || idx >= n_options {
                let token = crate::text::shorten(token, 20);
                let message = if token.chars().count() == 1 {
                    format!("`{token}` is not offered; answer with letters a to {last}")
                } else {
                    format!("`{token}` is not a letter; {how}")
                };
                return Err(message);
            }
            token_picks.push(idx);
        }
        picks.extend(token_picks);
    }
    Ok(picks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{self, ContentFiles};
    use crate::model::Catalog;

    const BANK: &str = r#"format_version = 1
[[fact]]
id = "t.fact"
statement = "A fact."
source = "seed: Quick interview answer"
[[question]]
id = "t.many"
kind = "choice"
topic = "t"
prompt = "Which?"
choices = ["A contact", "An account", "A lead", "A campaign"]
correct = [1, 2]
explanation = "Both."
facts = ["t.fact"]
[[question]]
id = "t.order"
kind = "order"
topic = "t"
prompt = "In order?"
items = ["One", "Two", "Three"]
explanation = "Counting."
facts = ["t.fact"]
[[question]]
id = "t.one"
kind = "choice"
topic = "t"
prompt = "Which one?"
choices = ["A contact", "A lead"]
correct = [1]
explanation = "The first."
facts = ["t.fact"]
"#;

    fn catalog() -> Catalog {
        bank::check(&ContentFiles::from_texts(&[("t.toml", BANK)]))
            .into_catalog()
            .expect("valid bank")
    }

    #[track_caller]
    fn check(question_idx: usize, shown: &[usize], typed: &str, expected: &str) {
        let catalog = catalog();
        let question = &catalog.questions()[question_idx];
        let presented = Presented {
            question_idx,
            shown: shown.to_vec(),
        };
        let answer = to_grader_answer(question, &presented, typed).expect("an answer");
        assert_eq!(shown_answer(question, &presented, &answer), expected);
    }

    #[test]
    fn an_answer_is_shown_back_in_the_letters_seen_in_the_order_shown() {
        // Shown: a) A lead, b) A contact, c) A campaign, d) An account.
        check(0, &[2, 0, 3, 1], "d b", "b) A contact; d) An account");
        check(0, &[2, 0, 3, 1], "a", "a) A lead");
        // Shown: a) Three, b) One, c) Two; typed in the learner's order.
        check(1, &[2, 0, 1], "c a b", "c a b");
        // A choice's own text is that choice, whatever letter it was shown at.
        check(0, &[2, 0, 3, 1], "an account", "d) An account");
    }

    #[test]
    fn a_word_that_is_not_letters_is_told_how_this_question_is_answered() {
        let catalog = catalog();
        let refused = |idx: usize, typed: &str| {
            let question = &catalog.questions()[idx];
            let presented = Presented {
                question_idx: idx,
                shown: (0..question_options(question)).collect(),
            };
            to_grader_answer(question, &presented, typed).expect_err("refused")
        };
        assert_eq!(
            refused(0, "zz"),
            "`zz` is not a letter; answer with letters a to d, e.g. `a` or `a c`"
        );
        assert_eq!(
            refused(1, "zz"),
            "`zz` is not a letter; answer with the letters a to c in your order, e.g. `b a`"
        );
        assert_eq!(
            refused(2, "zz"),
            "`zz` is not a letter; answer with one letter, a to b"
        );
    }

    fn question_options(question: &Question) -> usize {
        match &question.kind {
            Kind::Choice(choice) => choice.choices.len(),
            Kind::Order(order) => order.items.len(),
            _ => 0,
        }
    }
}
