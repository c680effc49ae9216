//! Order questions: the bank lists the items in the right order, and the answer
//! is the 1-based numbers of the items in the learner's order (`2 1 3 4`).
//!
//! The score is the share of item pairs in the right relative order (Kendall's
//! tau mapped to 0..1): the bank's order scores 1, one swap of neighbours among
//! seven items 20/21, the reversed list 0. An answer that is not a permutation of
//! the numbers (missing, repeated, out of range, not a number) scores 0 with a
//! message naming exactly what is wrong.

use super::list::{self, Entry};
use super::{Mark, quote};
use crate::bank::question::Order;

/// At most this many numbers or entries are named per problem.
const MAX_NAMED: usize = 5;

pub fn grade(order: &Order, answer: &str) -> Mark {
    let n_items = order.items.len();
    let mut sequence: Vec<usize> = Vec::new();
    let mut not_numbers: Vec<&str> = Vec::new();
    let mut out_of_range: Vec<&str> = Vec::new();
    let mut n_seen = vec![0_usize; n_items];
    let mut n_entries = 0;
    for entry in list::entries(answer) {
        n_entries += 1;
        match list::read(entry) {
            Entry::Index(idx) if idx < n_items as u64 => {
                let idx = idx as usize;
                n_seen[idx] += 1;
                sequence.push(idx);
            }
            Entry::Index(_) => out_of_range.push(entry),
            Entry::Letter(_) | Entry::Junk => not_numbers.push(entry),
        }
    }
    let right_order = numbered(order);
    let all_items: Vec<String> = order.items.iter().map(str::to_string).collect();
    if n_entries == 0 {
        return Mark::new(
            0.0,
            format!("no answer given; the right order is:\n{right_order}"),
            all_items,
        );
    }
    let repeated: Vec<usize> = (0..n_items).filter(|&idx| n_seen[idx] > 1).collect();
    let missing: Vec<usize> = (0..n_items).filter(|&idx| n_seen[idx] == 0).collect();
    let mut problems = Vec::new();
    if !not_numbers.is_empty() {
        let quoted: Vec<String> = not_numbers.iter().map(|entry| quote(entry)).collect();
        let verb = if quoted.len() == 1 {
            "is not a number"
        } else {
            "are not numbers"
        };
        problems.push(format!("{} {verb}", join(&quoted)));
    }
    if !out_of_range.is_empty() {
        let quoted: Vec<String> = out_of_range.iter().map(|entry| quote(entry)).collect();
        problems.push(format!(
            "there is no item {} (the items are 1 to {n_items})",
            join(&quoted)
        ));
    }
    if !repeated.is_empty() {
        problems.push(format!("{} listed more than once", items_phrase(&repeated)));
    }
    if !missing.is_empty() {
        problems.push(format!("{} missing", items_phrase(&missing)));
    }
    if !problems.is_empty() {
        return Mark::new(
            0.0,
            format!(
                "not an order of the {n_items} items: {}; write each number from 1 to {n_items} once, in your order; the right order is:\n{right_order}",
                problems.join("; ")
            ),
            all_items,
        );
    }
    let n_pairs = n_items * n_items.saturating_sub(1) / 2;
    let n_concordant: usize = (0..sequence.len())
        .map(|first| {
            sequence[first + 1..]
                .iter()
                .filter(|&&later| later > sequence[first])
                .count()
        })
        .sum();
    let mut misplaced: Vec<usize> = sequence
        .iter()
        .enumerate()
        .filter(|&(position, &idx)| position != idx)
        .map(|(_, &idx)| idx)
        .collect();
    misplaced.sort_unstable();
    let missed: Vec<String> = misplaced
        .iter()
        .map(|&idx| format!("{}. {}", idx + 1, order.items.get(idx).unwrap_or("")))
        .collect();
    if missed.is_empty() {
        return Mark::new(1.0, "right order", Vec::new());
    }
    let score = if n_pairs == 0 {
        1.0
    } else {
        n_concordant as f64 / n_pairs as f64
    };
    Mark::new(
        score,
        format!(
            "{n_concordant} of {n_pairs} pairs in the right relative order; the right order is:\n{right_order}"
        ),
        missed,
    )
}

/// The bank's order as an answer: `1 2 3 ...`.
pub fn key(order: &Order) -> String {
    (1..=order.items.len())
        .map(|number| number.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The items, one a line: `1. Enable Digital Experiences`.
fn numbered(order: &Order) -> String {
    order
        .items
        .iter()
        .enumerate()
        .map(|(idx, item)| format!("{}. {item}", idx + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `item 3 is`, `items 3 and 5 are`.
fn items_phrase(indices: &[usize]) -> String {
    let numbers: Vec<String> = indices.iter().map(|idx| (idx + 1).to_string()).collect();
    if numbers.len() == 1 {
        format!("item {} is", numbers[0])
    } else {
        format!("items {} are", join(&numbers))
    }
}

/// `a`, `a and b`, `a, b and c`, `a, b, c, d, e and 3 more`.
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        _ if parts.len() > MAX_NAMED => {
            format!(
                "{} and {} more",
                parts[..MAX_NAMED].join(", "),
                parts.len() - MAX_NAMED
            )
        }
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
