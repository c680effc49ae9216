//! Each kind's own fields: lists of distinct entries, a choice question's
//! right answers, a short answer's folding, an order question's dependencies.

use std::ops::Range;

use toml::Spanned;

use super::Checker;
use crate::bank::limits::MAX_OPTIONS;
use crate::bank::schema::{PairList, RawQuestion, TextList};
use crate::model::question::{Choice, Folding, Short};
use crate::model::texts::Texts;

/// The right choice's length and the longest wrong choice's, in characters
/// (trimmed), when the right one gives itself away by length: it is the longest
/// choice, at least 1.25 times and at least 12 characters longer than every wrong
/// one. The absolute margin keeps short labels (`Active`, `Preview`) quiet.
fn length_give_away(choices: &Texts, right: usize) -> Option<(usize, usize)> {
    let length = |text: &str| text.trim().chars().count();
    let right_len = length(choices.get(right)?);
    let wrong_len = choices
        .iter()
        .enumerate()
        .filter(|&(idx, _)| idx != right)
        .map(|(_, text)| length(text))
        .max()?;
    (right_len * 4 >= wrong_len * 5 && right_len >= wrong_len + 12)
        .then_some((right_len, wrong_len))
}

impl Checker<'_, '_> {
    /// A list of distinct, non-blank strings with at least `min` entries.
    pub(super) fn list(
        &mut self,
        value: Option<TextList>,
        field: &str,
        min: usize,
        span: &Range<usize>,
    ) -> Option<Texts> {
        let Some(list) = value else {
            self.error(
                span.clone(),
                format!("question is missing `{field}`"),
                format!("add `{field} = [\"...\", \"...\"]`"),
            );
            return None;
        };
        let list_span = list.span();
        let entries = list.into_inner();
        let mut ok = true;
        if entries.len() < min {
            self.error(
                list_span.clone(),
                format!(
                    "`{field}` has {} entries; at least {min} are needed",
                    entries.len()
                ),
                format!("add more {field}"),
            );
            ok = false;
        }
        // The quiz letters choices and items a to z.
        if matches!(field, "choices" | "items") && entries.len() > MAX_OPTIONS {
            self.error(
                list_span.clone(),
                format!(
                    "`{field}` has {} entries; at most {MAX_OPTIONS} can be lettered",
                    entries.len()
                ),
                format!("keep at most {MAX_OPTIONS} {field}"),
            );
            ok = false;
        }
        for (idx, entry) in entries.iter().enumerate() {
            let text = entry.get_ref().trim();
            if text.is_empty() {
                self.error(
                    entry.span(),
                    format!("empty entry in `{field}`"),
                    "write the text or remove the entry",
                );
                ok = false;
            } else if entries[..idx]
                .iter()
                .any(|earlier| same_folded(earlier.get_ref().trim(), text))
            {
                self.error(
                    entry.span(),
                    format!("duplicate entry `{}` in `{field}`", entry.get_ref()),
                    "each entry must be different",
                );
                ok = false;
            }
        }
        ok.then(|| Texts::pack(entries.iter().map(|entry| entry.get_ref().as_str())))
    }

    pub(super) fn choice(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Choice> {
        let choices = self.list(raw.choices.take(), "choices", 2, span);
        let Some(correct) = raw.correct.take() else {
            self.error(
                span.clone(),
                "choice question has no right answer: `correct` is missing",
                "add `correct = [1]` with the 1-based number of the right choice",
            );
            return None;
        };
        let correct_span = correct.span();
        let n_choices = choices.as_ref().map_or(usize::MAX, Texts::len);
        let mut indices = Vec::with_capacity(correct.get_ref().len());
        for number in correct.into_inner() {
            let value = *number.get_ref();
            if value < 1 || value as u64 > n_choices as u64 {
                self.error(
                    number.span(),
                    format!("`correct` names choice {value}, but there are {n_choices} choices"),
                    "number the choices from 1, in bank order",
                );
                return None;
            }
            let idx = (value - 1) as usize;
            if indices.contains(&idx) {
                self.error(
                    number.span(),
                    format!("choice {value} is listed twice in `correct`"),
                    "list each right choice once",
                );
                return None;
            }
            indices.push(idx);
        }
        if indices.is_empty() {
            self.error(
                correct_span,
                "choice question has no right answer: `correct` is empty",
                "add the 1-based number of at least one right choice",
            );
            return None;
        }
        indices.sort_unstable();
        let multiple = match raw.multiple.take() {
            Some(flag) if !*flag.get_ref() && indices.len() > 1 => {
                self.error(
                    flag.span(),
                    "`multiple = false` but `correct` lists several choices",
                    "remove `multiple`, or keep one right choice",
                );
                return None;
            }
            Some(flag) => flag.into_inner(),
            None => indices.len() > 1,
        };
        let choices = choices?;
        if indices.len() == choices.len() {
            self.warn(
                correct_span.clone(),
                "every choice is marked right",
                "a question where nothing is wrong teaches little; add a distractor",
            );
        }
        if let [right] = indices[..]
            && !multiple
            && let Some((right_len, wrong_len)) = length_give_away(&choices, right)
        {
            self.warn(
                correct_span,
                format!(
                    "the right choice stands out by length: {right_len} characters, \
                     the longest wrong one {wrong_len}"
                ),
                "a learner can pick the longest choice without knowing why; \
                 shorten it or give the distractors the same detail",
            );
        }
        Some(Choice {
            choices,
            correct: indices,
            multiple,
        })
    }

    pub(super) fn short(&mut self, raw: &mut RawQuestion, span: &Range<usize>) -> Option<Short> {
        let accept = self.list(raw.accept.take(), "accept", 1, span)?;
        let flag = |value: Option<Spanned<bool>>| value.is_none_or(Spanned::into_inner);
        Some(Short {
            accept,
            folding: Folding {
                case: flag(raw.fold_case.take()),
                accents: flag(raw.fold_accents.take()),
                punctuation: flag(raw.fold_punctuation.take()),
                typos: flag(raw.typos.take()),
            },
        })
    }

    /// An order question's hard dependencies, 0-based; every pair names two
    /// different items, and together they leave the bank's order possible.
    pub(super) fn before(
        &mut self,
        raw: Option<PairList>,
        n_items: usize,
    ) -> Option<Box<[(u16, u16)]>> {
        let Some(raw) = raw else {
            return Some(Box::default());
        };
        let mut pairs = Vec::new();
        let mut ok = true;
        for pair in raw.into_inner() {
            let pair_span = pair.span();
            let numbers = pair.into_inner();
            let [first, then] = numbers.as_slice() else {
                self.error(
                    pair_span,
                    "a dependency is a pair of item numbers",
                    "write `[1, 3]`: item 1 must come before item 3",
                );
                ok = false;
                continue;
            };
            let mut index = |number: &Spanned<i64>| {
                let value = *number.get_ref();
                if (1..=n_items as i64).contains(&value) {
                    Some((value - 1) as u16)
                } else {
                    self.error(
                        number.span(),
                        format!("there is no item {value}"),
                        format!("items are numbered 1 to {n_items}, in bank order"),
                    );
                    None
                }
            };
            let (Some(first_idx), Some(then_idx)) = (index(first), index(then)) else {
                ok = false;
                continue;
            };
            if first_idx == then_idx {
                self.error(
                    pair_span,
                    "an item can't depend on itself",
                    "name two different items, the earlier first: `[1, 3]` says item 1 must come before item 3",
                );
                ok = false;
                continue;
            }
            if first_idx > then_idx {
                self.error(
                    pair_span,
                    "a dependency must follow the bank's order",
                    "the items are listed in the right order, so write the earlier item first",
                );
                ok = false;
                continue;
            }
            pairs.push((first_idx, then_idx));
        }
        ok.then(|| pairs.into_boxed_slice())
    }
}

/// Whether two trimmed entries are the same ignoring case, as their lowercase
/// forms compare; ASCII text, the usual case, is compared without allocating.
fn same_folded(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::same_folded;

    #[test]
    fn entries_fold_case_like_their_lowercase_forms() {
        assert!(same_folded("Create a Contact", "create a contact"));
        assert!(!same_folded("a lead", "a leads"));
        // The Kelvin sign lowercases to an ASCII `k`.
        assert!(same_folded("\u{212A}elvin", "kelvin"));
        assert!(same_folded("ÉTÉ", "été"));
    }
}
