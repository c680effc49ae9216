//! Order questions: the bank lists the items in the right order, and the answer
//! is the 1-based numbers of the items in the learner's order (`2 1 3 4`).
//!
//! The score is the share of item pairs in the right relative order (Kendall's
//! tau mapped to 0..1): the bank's order scores 1, one swap of neighbours among
//! seven items 20/21, the reversed list 0. An answer that is not a permutation of
//! the numbers (missing, repeated, out of range, not a number) scores 0 with a
//! message naming exactly what is wrong.
//!
//! Some items need others before them (`Order::before`: a site can't be
//! activated before it exists). An answer that breaks any of these hard
//! dependencies fails whatever its share of pairs: its score is capped at
//! [`BROKEN_DEPENDENCY_CAP`], and the feedback names each broken dependency.

use super::list::{self, Entry};
use super::{Mark, quote};
use crate::model::question::Order;

/// At most this many numbers or entries are named per problem.
const MAX_NAMED: usize = 5;

/// The highest score of an answer that breaks a hard dependency. The grader is
/// not given the question's pass mark, so this is the default pass mark (0.7)
/// less 0.2: below any usual pass mark, with the pairs still showing how close
/// the rest of the order was.
pub const BROKEN_DEPENDENCY_CAP: f64 = 0.5;

/// An answer's entries, read as item numbers.
struct Reading<'a> {
    n_entries: usize,
    sequence: Vec<usize>,
    not_numbers: Vec<&'a str>,
    out_of_range: Vec<&'a str>,
    /// How often each item was named.
    n_seen: Vec<usize>,
}

impl Reading<'_> {
    fn read<'a>(order: &Order, answer: &'a str) -> Reading<'a> {
        let n_items = order.items.len();
        let mut reading = Reading {
            n_entries: 0,
            sequence: Vec::new(),
            not_numbers: Vec::new(),
            out_of_range: Vec::new(),
            n_seen: vec![0; n_items],
        };
        for entry in list::entries(answer) {
            reading.n_entries += 1;
            match list::read(entry) {
                Entry::Index(idx) if idx < n_items as u64 => {
                    let idx = idx as usize;
                    reading.n_seen[idx] += 1;
                    reading.sequence.push(idx);
                }
                Entry::Index(_) => reading.out_of_range.push(entry),
                Entry::Letter(_) | Entry::Junk => reading.not_numbers.push(entry),
            }
        }
        reading
    }

    /// Whether the answer names every item once and nothing else.
    fn is_order(&self) -> bool {
        self.n_entries > 0
            && self.not_numbers.is_empty()
            && self.out_of_range.is_empty()
            && self.n_seen.iter().all(|&seen| seen == 1)
    }
}

/// How an order (every item once) compares with the bank's.
struct Placed {
    n_concordant: usize,
    n_pairs: usize,
    /// Where the answer put each item.
    position: Vec<usize>,
    /// The hard dependencies it breaks, as (item needed, item needing it).
    broken: Vec<(usize, usize)>,
}

impl Placed {
    fn new(order: &Order, sequence: &[usize]) -> Placed {
        let n_items = order.items.len();
        let n_pairs = n_items * n_items.saturating_sub(1) / 2;
        let n_concordant: usize = (0..sequence.len())
            .map(|first| {
                sequence[first + 1..]
                    .iter()
                    .filter(|&&later| later > sequence[first])
                    .count()
            })
            .sum();
        let mut position = vec![0_usize; n_items];
        for (at, &idx) in sequence.iter().enumerate() {
            position[idx] = at;
        }
        let broken = order
            .before
            .iter()
            .map(|&(first, then)| (usize::from(first), usize::from(then)))
            .filter(|&(first, then)| {
                first < n_items && then < n_items && position[first] > position[then]
            })
            .collect();
        Placed {
            n_concordant,
            n_pairs,
            position,
            broken,
        }
    }

    /// The share of pairs in the right relative order, capped when a
    /// dependency is broken.
    fn score(&self) -> f64 {
        let pairs = if self.n_pairs == 0 {
            1.0
        } else {
            self.n_concordant as f64 / self.n_pairs as f64
        };
        if self.broken.is_empty() {
            pairs
        } else {
            pairs.min(BROKEN_DEPENDENCY_CAP)
        }
    }
}

/// The score [`grade`] gives, without writing its feedback (`lint` scores
/// every key).
pub fn score(order: &Order, answer: &str) -> f64 {
    let reading = Reading::read(order, answer);
    if reading.is_order() {
        Placed::new(order, &reading.sequence).score()
    } else {
        0.0
    }
}

pub fn grade(order: &Order, answer: &str) -> Mark {
    let n_items = order.items.len();
    let reading = Reading::read(order, answer);
    // The right order and the item list are written out only for an answer
    // that needs them.
    let all_items = || order.items.iter().map(str::to_string).collect();
    if reading.n_entries == 0 {
        return Mark::new(
            0.0,
            format!("no answer given; the right order is:\n{}", numbered(order)),
            all_items(),
        );
    }
    if !reading.is_order() {
        return Mark::new(
            0.0,
            format!(
                "not an order of the {n_items} items: {}; write each number from 1 to {n_items} once, in your order; the right order is:\n{}",
                problems(&reading, n_items).join("; "),
                numbered(order)
            ),
            all_items(),
        );
    }
    let placed = Placed::new(order, &reading.sequence);
    let (n_concordant, n_pairs) = (placed.n_concordant, placed.n_pairs);
    let pairs = || format!("{n_concordant} of {n_pairs} pairs in the right relative order");
    if !placed.broken.is_empty() {
        let mut involved: Vec<usize> = placed
            .broken
            .iter()
            .flat_map(|&(first, then)| [first, then])
            .collect();
        involved.sort_unstable();
        involved.dedup();
        let needs: Vec<String> = placed
            .broken
            .iter()
            .map(|&(first, then)| {
                format!(
                    "{} must come before {}",
                    quote(order.items.get(first).unwrap_or("")),
                    quote(order.items.get(then).unwrap_or(""))
                )
            })
            .collect();
        return Mark::new(
            placed.score(),
            format!(
                "a dependency is broken: {}; {}; the right order is:\n{}",
                needs.join("; "),
                pairs(),
                numbered(order)
            ),
            item_lines(order, &involved),
        );
    }
    let misplaced: Vec<usize> = (0..n_items)
        .filter(|&idx| placed.position[idx] != idx)
        .collect();
    if misplaced.is_empty() {
        return Mark::new(1.0, "right order", Vec::new());
    }
    Mark::new(
        placed.score(),
        format!("{}; the right order is:\n{}", pairs(), numbered(order)),
        item_lines(order, &misplaced),
    )
}

/// What keeps an answer from being an order of the items, each a phrase.
fn problems(reading: &Reading<'_>, n_items: usize) -> Vec<String> {
    let repeated: Vec<usize> = (0..n_items)
        .filter(|&idx| reading.n_seen[idx] > 1)
        .collect();
    let missing: Vec<usize> = (0..n_items)
        .filter(|&idx| reading.n_seen[idx] == 0)
        .collect();
    let quoted =
        |entries: &[&str]| -> Vec<String> { entries.iter().map(|entry| quote(entry)).collect() };
    let mut problems = Vec::new();
    if !reading.not_numbers.is_empty() {
        let quoted = quoted(&reading.not_numbers);
        let verb = if quoted.len() == 1 {
            "is not a number"
        } else {
            "are not numbers"
        };
        problems.push(format!("{} {verb}", join(&quoted)));
    }
    if !reading.out_of_range.is_empty() {
        let quoted = quoted(&reading.out_of_range);
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
    problems
}

/// The items at `indices` as the bank numbers them: `3. Enable the community`.
fn item_lines(order: &Order, indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .map(|&idx| format!("{}. {}", idx + 1, order.items.get(idx).unwrap_or("")))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::texts::Texts;

    /// `roles.hierarchy-order`: User lowest, every role under the owner's.
    const ROLES: [&str; 4] = ["User", "Manager", "Executive", "Owner's role"];
    const ROLES_BEFORE: [(u16, u16); 5] = [(1, 2), (1, 3), (1, 4), (2, 4), (3, 4)];

    const GO_LIVE: [&str; 4] = [
        "Enable Digital Experiences",
        "Create the site (Setup → All Sites → New); it starts in Preview",
        "Set the site's status to Active",
        "Existing members receive their welcome email",
    ];

    /// Grades `answer` to `items` with the 1-based dependencies `before`, and
    /// checks the score's range, the feedback's fragments and the missed items.
    #[track_caller]
    fn check(
        items: &[&str],
        before: &[(u16, u16)],
        answer: &str,
        score: (f64, f64),
        feedback: &[&str],
        missed: &[&str],
    ) {
        let order = Order {
            items: Texts::pack(items.iter().copied()),
            before: before
                .iter()
                .map(|&(first, then)| (first - 1, then - 1))
                .collect(),
        };
        let mark = grade(&order, answer);
        assert!(
            (score.0..=score.1).contains(&mark.score),
            "{answer:?}: score {} not in {score:?}; {}",
            mark.score,
            mark.feedback
        );
        for fragment in feedback {
            assert!(
                mark.feedback.contains(fragment),
                "{answer:?}: feedback {:?} lacks {fragment:?}",
                mark.feedback
            );
        }
        assert_eq!(mark.missed, missed, "{answer:?}");
    }

    const SEVEN: [&str; 7] = ["one", "two", "three", "four", "five", "six", "seven"];
    const SETUP_BEFORE: [(u16, u16); 7] = [(1, 2), (2, 3), (1, 6), (1, 7), (4, 7), (5, 7), (6, 7)];

    #[test]
    fn the_bank_order_scores_full_marks() {
        check(
            &GO_LIVE,
            &[(1, 2), (2, 3), (3, 4)],
            "1 2 3 4",
            (1.0, 1.0),
            &["right order"],
            &[],
        );
        check(
            &SEVEN,
            &SETUP_BEFORE,
            "1 2 3 4 5 6 7",
            (1.0, 1.0),
            &["right order"],
            &[],
        );
    }

    #[test]
    fn a_swap_of_independent_neighbours_keeps_kendall_credit() {
        let twenty_of_21 = 20.0 / 21.0;
        check(
            &SEVEN,
            &SETUP_BEFORE,
            "1 2 3 5 4 6 7",
            (twenty_of_21, twenty_of_21),
            &["20 of 21 pairs in the right relative order"],
            &["4. four", "5. five"],
        );
        // Without dependencies, any order is pairs only.
        check(
            &SEVEN,
            &[],
            "1 3 2 4 5 6 7",
            (twenty_of_21, twenty_of_21),
            &["20 of 21"],
            &["2. two", "3. three"],
        );
        check(
            &ROLES,
            &ROLES_BEFORE,
            "1 3 2 4",
            (5.0 / 6.0, 5.0 / 6.0),
            &["5 of 6"],
            &["2. Manager", "3. Executive"],
        );
    }

    #[test]
    fn a_broken_dependency_fails_and_is_named() {
        check(
            &GO_LIVE,
            &[(1, 2), (2, 3), (3, 4)],
            "1 3 2 4",
            (BROKEN_DEPENDENCY_CAP, BROKEN_DEPENDENCY_CAP),
            &[
                "a dependency is broken: `Create the site (Setup → All Sites → Ne…` must come before `Set the site's status to Active`",
                "5 of 6 pairs",
                "the right order is:\n1. Enable Digital Experiences",
            ],
            &[
                "2. Create the site (Setup → All Sites → New); it starts in Preview",
                "3. Set the site's status to Active",
            ],
        );
        check(
            &SEVEN,
            &SETUP_BEFORE,
            "1 3 2 4 5 6 7",
            (0.5, 0.5),
            &["`two` must come before `three`"],
            &["2. two", "3. three"],
        );
        check(
            &ROLES,
            &ROLES_BEFORE,
            "1 2 4 3",
            (0.5, 0.5),
            &["`Executive` must come before `Owner's role`"],
            &["3. Executive", "4. Owner's role"],
        );
    }

    #[test]
    fn every_broken_dependency_is_named_and_low_scores_stay_low() {
        check(
            &GO_LIVE[..3],
            &[(1, 2), (2, 3)],
            "3 2 1",
            (0.0, 0.0),
            &[
                "`Enable Digital Experiences` must come before `Create the site",
                "`Create the site (Setup → All Sites → Ne…` must come before `Set the site's status",
                "0 of 3 pairs",
            ],
            &[
                "1. Enable Digital Experiences",
                "2. Create the site (Setup → All Sites → New); it starts in Preview",
                "3. Set the site's status to Active",
            ],
        );
        // Only the dependency that is broken is named.
        check(
            &SEVEN,
            &SETUP_BEFORE,
            "1 2 3 4 5 7 6",
            (0.5, 0.5),
            &["`six` must come before `seven`"],
            &["6. six", "7. seven"],
        );
    }

    #[test]
    fn answers_that_are_not_orders_still_score_zero() {
        check(
            &GO_LIVE,
            &[(1, 2)],
            "1 2 3",
            (0.0, 0.0),
            &["item 4 is missing"],
            &GO_LIVE,
        );
        check(
            &GO_LIVE,
            &[(1, 2)],
            "2 1 1 x",
            (0.0, 0.0),
            &["`x` is not a number", "item 1 is listed more than once"],
            &GO_LIVE,
        );
    }
}
