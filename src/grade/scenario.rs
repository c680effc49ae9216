//! Scenario questions: the answer is commands of the org language (FORMAT.md,
//! Org files and the command language), run on a clone of the question's org.
//!
//! Full credit when the goal holds at the end and every command succeeded. Each
//! failed command costs [`FAILED_COMMAND_PENALTY`]; a line that is not a command
//! of the language (`PARSE_ERROR`) is a typo, costs nothing and changes nothing,
//! and the feedback says it was ignored. While the goal holds the score never drops below [`GOAL_FLOOR`]: reaching
//! the goal by trial and error still passes with up to three failures. When the
//! goal does not hold the score is 0, and the feedback names what still blocks
//! it (the model's `check`, with fixes) and the commands that failed.

use super::Mark;
use super::diagnose::describe_blockers;
use crate::model::question::Scenario;
use crate::org::Code;
use crate::text::plural;

/// What each failed command costs.
pub const FAILED_COMMAND_PENALTY: f64 = 0.1;

/// The least a solution that reaches the goal scores.
pub const GOAL_FLOOR: f64 = 0.5;

/// At most this many failed commands are named in feedback.
const MAX_FAILURES_SHOWN: usize = 3;

/// Commands written one a line, joined with `; ` as a one-line answer is.
pub fn one_line(commands: &str) -> String {
    commands
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn key(scenario: &Scenario) -> String {
    scenario.solution.clone()
}

pub fn grade(scenario: &Scenario, answer: &str) -> Mark {
    let setup = &scenario.setup;
    let mut org = (*setup.org).clone();
    let outcomes = org.run_script(answer);
    if outcomes.is_empty() {
        let blockers = setup.goal.blockers(&org).unwrap_or_default();
        return Mark::new(
            0.0,
            format!(
                "no commands given; what blocks the goal: {}",
                describe_blockers(&blockers)
            ),
            blockers
                .iter()
                .map(|blocker| blocker.code.as_str().to_string())
                .collect(),
        );
    }
    let mut typos = Vec::new();
    let mut failures = Vec::new();
    for outcome in outcomes.iter().filter(|outcome| !outcome.outcome.is_ok()) {
        let described = outcome.outcome.summary();
        if outcome.outcome.code() == Some(Code::ParseError) {
            typos.push(described);
        } else {
            failures.push(described);
        }
    }
    let mut lines = Vec::new();
    let (score, missed) = if setup.goal.holds(&org) {
        let mut score = (1.0 - FAILED_COMMAND_PENALTY * failures.len() as f64).max(GOAL_FLOOR);
        lines.push(format!("goal reached: {}", setup.goal.describe()));
        // Reaching the goal the wrong way is capped, and told why.
        let wrong_way = outcomes
            .iter()
            .filter(|outcome| outcome.outcome.is_ok())
            .find_map(|outcome| {
                scenario
                    .avoid
                    .iter()
                    .find(|way| way.matches(&outcome.outcome.command_text))
            });
        if let Some(way) = wrong_way {
            score = score.min(way.score);
            lines.push(format!(
                "but the wrong way (`{}`): {}",
                way.command, way.why
            ));
        }
        (score, Vec::new())
    } else {
        let blockers = setup.goal.blockers(&org).unwrap_or_default();
        lines.push(format!("goal not reached: {}", setup.goal.describe()));
        lines.push(format!("still blocking: {}", describe_blockers(&blockers)));
        let missed = blockers
            .iter()
            .map(|blocker| blocker.code.as_str().to_string())
            .collect();
        (0.0, missed)
    };
    if !failures.is_empty() {
        let n_failed = failures.len();
        lines.push(format!(
            "{n_failed} failed command{} (−{}% each): {}",
            plural(n_failed),
            (FAILED_COMMAND_PENALTY * 100.0).round(),
            shown(failures)
        ));
    }
    if !typos.is_empty() {
        lines.push(format!(
            "ignored, not commands (typos cost nothing): {}",
            shown(typos)
        ));
    }
    if score < 1.0 {
        lines.push(format!(
            "a reference solution: `{}`",
            one_line(&scenario.solution)
        ));
    }
    Mark::new(score, lines.join("\n"), missed)
}

/// The first [`MAX_FAILURES_SHOWN`] of `failures`, and how many more there are.
fn shown(failures: Vec<String>) -> String {
    let n_failed = failures.len();
    let mut shown: Vec<String> = failures.into_iter().take(MAX_FAILURES_SHOWN).collect();
    if n_failed > MAX_FAILURES_SHOWN {
        shown.push(format!("and {} more", n_failed - MAX_FAILURES_SHOWN));
    }
    shown.join("; ")
}
