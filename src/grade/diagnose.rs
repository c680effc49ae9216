//! Diagnose questions: the learner names what blocks the goal, by code
//! (`OWNER_NO_ROLE`, any case, `-` for `_`, a near miss forgiven) or by the
//! letter of the fixed list of codes `check` can report (`org::Code::DIAGNOSABLE`,
//! `a` is `DX_NOT_ENABLED`). The key is whatever `check` computes on the
//! question's org; the score is the F1 of the named set against it.

use super::{Mark, quote};
use crate::model::question::Diagnose;
use crate::org::{Blocker, Code};
use crate::suggest::closest;

/// What an answer named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// The codes named, each once, in the order named.
    pub codes: Vec<Code>,
    /// Words read as the code they nearly spell: (word, code).
    pub corrected: Vec<(String, Code)>,
    /// Words that name no code.
    pub unknown: Vec<String>,
}

/// Reads the codes and letters of an answer such as `b, OWNER_NO_ROLE`.
pub fn read_codes(answer: &str) -> Named {
    let mut named = Named::default();
    for word in answer
        .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';'))
        .map(|word| word.trim_matches(|ch: char| matches!(ch, '(' | ')' | '.' | '`' | '"')))
        .filter(|word| !word.is_empty())
    {
        let code = match code_of(word) {
            Some(code) => code,
            None => match near_code(word) {
                Some(code) => {
                    named.corrected.push((word.to_string(), code));
                    code
                }
                None => {
                    named.unknown.push(word.to_string());
                    continue;
                }
            },
        };
        if !named.codes.contains(&code) {
            named.codes.push(code);
        }
    }
    named
}

/// A letter of the list, or a code's exact name.
fn code_of(word: &str) -> Option<Code> {
    let mut chars = word.chars();
    if let (Some(only), None) = (chars.next(), chars.next())
        && only.is_ascii_alphabetic()
    {
        let idx = (only.to_ascii_lowercase() as usize).wrapping_sub('a' as usize);
        return Code::DIAGNOSABLE.get(idx).copied();
    }
    Code::from_name(&word.replace('-', "_"))
}

/// The diagnosable code a misspelt word most likely means. Only words written
/// like codes (with `_` or `-`) are read so, so that `owner` is not a code.
fn near_code(word: &str) -> Option<Code> {
    if word.chars().count() < 6 || !word.contains(['_', '-']) {
        return None;
    }
    let spelled = word.replace('-', "_").to_uppercase();
    let names = Code::DIAGNOSABLE.map(Code::as_str);
    let name = closest(&spelled, names)?;
    Code::from_name(name)
}

/// The key: the codes of the blockers `check` computes, in its order.
pub fn key(diagnose: &Diagnose) -> String {
    blockers(diagnose)
        .iter()
        .map(|blocker| blocker.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn blockers(diagnose: &Diagnose) -> Vec<Blocker> {
    diagnose
        .setup
        .goal
        .blockers(&diagnose.setup.org)
        .unwrap_or_default()
}

pub fn grade(diagnose: &Diagnose, answer: &str) -> Mark {
    let key = blockers(diagnose);
    let key_codes: Vec<Code> = key.iter().map(|blocker| blocker.code).collect();
    let named = read_codes(answer);
    let n_right = named
        .codes
        .iter()
        .filter(|code| key_codes.contains(code))
        .count();
    let score = if named.codes.is_empty() || key_codes.is_empty() {
        0.0
    } else {
        let precision = n_right as f64 / named.codes.len() as f64;
        let recall = n_right as f64 / key_codes.len() as f64;
        if n_right == 0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    };
    let mut lines = Vec::new();
    if named.codes.is_empty() {
        lines.push("no blocker named".to_string());
    } else {
        let names: Vec<&str> = named.codes.iter().map(|code| code.as_str()).collect();
        lines.push(format!("you named {}", names.join(", ")));
    }
    for (word, code) in &named.corrected {
        lines.push(format!("read {} as {code}", quote(word)));
    }
    if !named.unknown.is_empty() {
        let words: Vec<String> = named.unknown.iter().map(|word| quote(word)).collect();
        lines.push(format!(
            "not a code or a letter of the list: {}",
            words.join(", ")
        ));
    }
    let extra: Vec<&str> = named
        .codes
        .iter()
        .filter(|code| !key_codes.contains(code))
        .map(|code| code.as_str())
        .collect();
    if !extra.is_empty() {
        lines.push(format!("not blocking here: {}", extra.join(", ")));
    }
    lines.push(format!("what blocks it: {}", describe_blockers(&key)));
    let missed = key_codes
        .iter()
        .filter(|code| !named.codes.contains(code))
        .map(|code| code.as_str().to_string())
        .collect();
    Mark::new(score, lines.join("\n"), missed)
}

/// `OWNER_NO_ROLE (fix: assign role "Sales Manager" to "Dana Owner"); …`, or
/// `nothing` for no blocker.
pub fn describe_blockers(blockers: &[Blocker]) -> String {
    if blockers.is_empty() {
        return "nothing".to_string();
    }
    blockers
        .iter()
        .map(|blocker| match &blocker.fix {
            Some(fix) => format!("{} (fix: `{fix}`)", blocker.code),
            None => format!("{} (no fix `check` can choose for you)", blocker.code),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
