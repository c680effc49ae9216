//! Scenario and diagnose questions in banks: the org files they name, their
//! validated model, and the checks that run them on the simulated org (their
//! TOML shapes, `RawOrg` and `RawGoal`, are in `schema`).
//!
//! A question's org is a file of the content folder's `orgs/` (`org =
//! "orgs/partner-basic.toml"`) or an inline `[question.org]` table in the org
//! file format (FORMAT.md, Org files and the command language). Org files are read once per content folder
//! ([`OrgFiles`]); an inline org is built where it stands, so its problems point
//! into the bank file. The goal is `[question.goal]`:
//!
//! ```toml
//! [question.goal]
//! contact = "Priya Shah"
//! as = "partner"            # or "customer"; with `site`
//! site = "Partner Hub"
//! # or, instead of `as` and `site`: license = "Customer Community Plus"
//! ```
//!
//! Checking a scenario runs its reference `solution` (it must reach the goal
//! with no failed command) and each `wrong` solution (none may reach it); a
//! diagnose question must have at least one blocker, since its key is whatever
//! `check` computes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;

use super::load::ContentFiles;
use super::schema::{RawAvoid, RawGoal, RawOrg, Text, TextList};
use crate::diagnostic::Diagnostic;
use crate::model::question::Kind;
use crate::model::scenario::{Avoid, Diagnose, Scenario, Setup, normalized};
use crate::org::{self, Goal, License, Org, UserKind};
use crate::suggest::did_you_mean;

/// The org files of the active content, each read and validated once.
#[derive(Debug, Default)]
pub struct OrgFiles {
    /// By content folder and path relative to it; `None` when the file has errors.
    orgs: HashMap<(usize, String), Option<Arc<Org>>>,
}

impl OrgFiles {
    /// Reads every org file of `files`; their problems go to `diagnostics`.
    pub fn load(files: &ContentFiles, diagnostics: &mut Vec<Diagnostic>) -> OrgFiles {
        let mut orgs = HashMap::new();
        for file in &files.orgs {
            let org = match org::load(&file.path, &file.text) {
                Ok(org) => Some(Arc::new(org)),
                Err(problems) => {
                    diagnostics.extend(problems);
                    None
                }
            };
            orgs.insert((file.root, file.relative.clone()), org);
        }
        OrgFiles { orgs }
    }

    /// The org files of one content folder.
    pub fn scope(&self, root: usize) -> OrgScope<'_> {
        OrgScope {
            files: Some(self),
            root,
        }
    }
}

/// The org files a bank may name: those of its own content folder.
#[derive(Debug, Clone, Copy)]
pub struct OrgScope<'a> {
    files: Option<&'a OrgFiles>,
    root: usize,
}

impl OrgScope<'_> {
    /// No org files at all.
    pub const NONE: OrgScope<'static> = OrgScope {
        files: None,
        root: 0,
    };

    /// The folder's org at `relative`: `Err(false)` when there is none, `Err(true)`
    /// when it has errors (reported with the file).
    fn get(&self, relative: &str) -> Result<Arc<Org>, bool> {
        let relative = relative.trim_start_matches("./");
        let found = self
            .files
            .and_then(|files| files.orgs.get(&(self.root, relative.to_string())));
        match found {
            Some(Some(org)) => Ok(Arc::clone(org)),
            Some(None) => Err(true),
            None => Err(false),
        }
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.files
            .into_iter()
            .flat_map(|files| files.orgs.keys())
            .filter(move |(root, _)| *root == self.root)
            .map(|(_, relative)| relative.as_str())
    }
}

/// The scenario and diagnose fields of a `[[question]]`, taken out of it.
#[derive(Debug, Default)]
pub struct RawScenario {
    pub org: Option<Spanned<RawOrg>>,
    pub goal: Option<Box<Spanned<RawGoal>>>,
    pub solution: Option<Text>,
    pub wrong: Option<TextList>,
    pub avoid: Option<Spanned<Vec<Spanned<RawAvoid>>>>,
}

/// Where a problem goes: a span of the text the question was read from, a
/// message and a hint.
pub type Report<'r> = dyn FnMut(Range<usize>, String, String) + 'r;

/// Validates a scenario (`is_scenario`) or diagnose question's fields and runs
/// them on the org. `span` is the question's table, for missing fields.
pub fn check_scenario(
    raw: RawScenario,
    is_scenario: bool,
    orgs: OrgScope<'_>,
    span: &Range<usize>,
    report: &mut Report<'_>,
) -> Option<Kind> {
    let kind = if is_scenario { "scenario" } else { "diagnose" };
    let org = org_of(raw.org, orgs, span, kind, report);
    let goal = match raw.goal {
        Some(goal) => goal_of(*goal, report),
        None => {
            report(
                span.clone(),
                format!("{kind} question is missing `[question.goal]`"),
                "add `[question.goal]` with `contact` and either `as` and `site`, or `license`"
                    .to_string(),
            );
            None
        }
    };
    let solution = if is_scenario {
        solution_of(raw.solution, span, report)
    } else {
        None
    };
    let (org, (goal, goal_span)) = (org?, goal?);
    let setup = Setup { org, goal };
    let blockers = match setup.goal.blockers(&setup.org) {
        Ok(blockers) => blockers,
        Err(failure) => {
            report(
                goal_span,
                format!("goal names a contact the org lacks: {}", failure.message),
                "name a `[[contact]]` (or a person account) of the org".to_string(),
            );
            return None;
        }
    };
    if !is_scenario {
        if blockers.is_empty() {
            report(
                goal_span,
                format!(
                    "nothing blocks the goal: {}, so the question has no answer",
                    setup.goal.describe()
                ),
                "break something in the org, e.g. take the account owner's role away".to_string(),
            );
            return None;
        }
        return Some(Kind::Diagnose(Box::new(Diagnose { setup })));
    }
    if setup.goal.holds(&setup.org) {
        report(
            goal_span,
            format!(
                "the goal already holds before any command: {}",
                setup.goal.describe()
            ),
            "a scenario needs something to fix; break something in the org".to_string(),
        );
        return None;
    }
    let solution = solution?;
    let mut ok = true;
    if let Some(problem) = solution_problem(&setup, solution.get_ref()) {
        report(
            solution.span(),
            format!("the reference solution does not reach the goal: {problem}"),
            "fix the solution or the org; `xcdrill sandbox --org` helps try it".to_string(),
        );
        ok = false;
    }
    let wrong = raw.wrong.map(Spanned::into_inner).unwrap_or_default();
    ok &= wrong_solutions_fail(&setup, &wrong, report);
    let avoid = avoid_of(raw.avoid, report);
    if let Some(avoid) = &avoid
        && let Some(way) = avoided_by(&setup, solution.get_ref(), avoid)
    {
        report(
            solution.span(),
            format!(
                "the reference solution takes a way it avoids: `{}`",
                way.command
            ),
            "the reference solution must be the right way; change it or the `avoid` entry"
                .to_string(),
        );
        ok = false;
    }
    let avoid = avoid?;
    ok.then(|| {
        Kind::Scenario(Box::new(Scenario {
            setup,
            solution: solution.into_inner(),
            wrong: wrong.into_iter().map(Spanned::into_inner).collect(),
            avoid,
        }))
    })
}

/// A scenario's `[[question.avoid]]` entries, each with a command, a score
/// from 0 to below 1, and a reason.
fn avoid_of(
    raw: Option<Spanned<Vec<Spanned<RawAvoid>>>>,
    report: &mut Report<'_>,
) -> Option<Vec<Avoid>> {
    let mut ok = true;
    let mut avoid = Vec::new();
    for entry in raw.map(Spanned::into_inner).unwrap_or_default() {
        let span = entry.span();
        let RawAvoid {
            command,
            score,
            why,
        } = entry.into_inner();
        let command = command.map(|text| normalized(text.get_ref()));
        let why = why.map(|text| text.get_ref().trim().to_string());
        let mut score_reported = false;
        let score = match score {
            Some(score) if (0.0..1.0).contains(score.get_ref()) => Some(*score.get_ref()),
            Some(score) => {
                report(
                    score.span(),
                    "an avoided way's `score` must be from 0 to below 1".to_string(),
                    "give the most such a solution earns, e.g. `score = 0.4`".to_string(),
                );
                score_reported = true;
                None
            }
            None => None,
        };
        match (command, score, why) {
            (Some(command), Some(score), Some(why)) if !command.is_empty() && !why.is_empty() => {
                avoid.push(Avoid {
                    command,
                    score,
                    why,
                });
            }
            _ if score_reported => ok = false,
            _ => {
                report(
                    span,
                    "an `[[question.avoid]]` needs `command`, `score` and `why`".to_string(),
                    "e.g. `command = \"disable user\"`, `score = 0.4`, `why = \"...\"`".to_string(),
                );
                ok = false;
            }
        }
    }
    ok.then_some(avoid)
}

/// The first avoided way that running `solution` takes, if any.
fn avoided_by<'a>(setup: &Setup, solution: &str, avoid: &'a [Avoid]) -> Option<&'a Avoid> {
    let mut org = (*setup.org).clone();
    let outcomes = org.run_script(solution);
    outcomes
        .iter()
        .filter(|outcome| outcome.outcome.is_ok())
        .find_map(|outcome| {
            avoid
                .iter()
                .find(|way| way.matches(&outcome.outcome.command_text))
        })
}

/// A scenario's `solution`: present and not blank.
fn solution_of(value: Option<Text>, span: &Range<usize>, report: &mut Report<'_>) -> Option<Text> {
    match value {
        Some(text) if !text.get_ref().trim().is_empty() => Some(text),
        Some(text) => {
            report(
                text.span(),
                "`solution` is empty".to_string(),
                "write the commands that reach the goal".to_string(),
            );
            None
        }
        None => {
            report(
                span.clone(),
                "scenario question is missing `solution`".to_string(),
                "add `solution = \"command; command\"`: the reference solution".to_string(),
            );
            None
        }
    }
}

/// Whether every `wrong` entry is written and leaves the goal unmet.
fn wrong_solutions_fail(setup: &Setup, wrong: &[Text], report: &mut Report<'_>) -> bool {
    let mut ok = true;
    for entry in wrong {
        if entry.get_ref().trim().is_empty() {
            report(
                entry.span(),
                "empty entry in `wrong`".to_string(),
                "write the wrong solution or remove the entry".to_string(),
            );
            ok = false;
            continue;
        }
        let mut org = (*setup.org).clone();
        org.run_script(entry.get_ref());
        if setup.goal.holds(&org) {
            report(
                entry.span(),
                "this wrong solution reaches the goal".to_string(),
                "a wrong solution must leave the goal unmet; move it to `solution` or change it"
                    .to_string(),
            );
            ok = false;
        }
    }
    ok
}

/// Why `solution` fails to reach the goal, or `None` when it reaches it with
/// no failed command.
fn solution_problem(setup: &Setup, solution: &str) -> Option<String> {
    let mut org = (*setup.org).clone();
    let outcomes = org.run_script(solution);
    if let Some(failed) = outcomes.iter().find(|outcome| !outcome.outcome.is_ok()) {
        return Some(failed.outcome.summary());
    }
    if setup.goal.holds(&org) {
        return None;
    }
    let remaining = setup
        .goal
        .blockers(&org)
        .unwrap_or_default()
        .iter()
        .map(|blocker| blocker.code.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Some(format!("still blocked by {remaining}"))
}

fn org_of(
    raw: Option<Spanned<RawOrg>>,
    orgs: OrgScope<'_>,
    span: &Range<usize>,
    kind: &str,
    report: &mut Report<'_>,
) -> Option<Arc<Org>> {
    let Some(raw) = raw else {
        report(
            span.clone(),
            format!("{kind} question is missing `org`"),
            "add `org = \"orgs/<file>.toml\"` or an inline [question.org] table".to_string(),
        );
        return None;
    };
    let org_span = raw.span();
    match raw.into_inner() {
        RawOrg::File(path) => match orgs.get(&path) {
            Ok(org) => Some(org),
            Err(true) => {
                report(
                    org_span,
                    format!("org file `{path}` has errors"),
                    "fix the org file; its errors are listed with it".to_string(),
                );
                None
            }
            Err(false) => {
                let suggestion = did_you_mean(&path, orgs.names());
                report(
                    org_span,
                    format!("no org file `{path}` in this content folder"),
                    if suggestion.is_empty() {
                        "name a file of the content folder's `orgs/`, e.g. `orgs/partner-basic.toml`"
                            .to_string()
                    } else {
                        suggestion
                    },
                );
                None
            }
        },
        RawOrg::Inline(file) => match org::build(*file) {
            Ok(org) => Some(Arc::new(org)),
            Err(problems) => {
                for problem in problems {
                    report(problem.span, problem.message, problem.hint);
                }
                None
            }
        },
    }
}

fn goal_of(raw: Spanned<RawGoal>, report: &mut Report<'_>) -> Option<(Goal, Range<usize>)> {
    let goal_span = raw.span();
    let raw = raw.into_inner();
    let Some(contact) = raw.contact else {
        report(
            goal_span,
            "goal is missing `contact`".to_string(),
            "add `contact = \"...\"`: who the goal is about".to_string(),
        );
        return None;
    };
    let contact = contact.into_inner();
    match (raw.kind, raw.site, raw.license) {
        (Some(kind), Some(site), None) => match UserKind::from_name(kind.get_ref()) {
            Some(kind) => Some((
                Goal::Login {
                    contact,
                    kind,
                    site: site.into_inner(),
                },
                goal_span,
            )),
            None => {
                report(
                    kind.span(),
                    format!("unknown user kind `{}`", kind.get_ref()),
                    "use `as = \"customer\"` or `as = \"partner\"`".to_string(),
                );
                None
            }
        },
        (None, None, Some(license)) => match License::from_name(license.get_ref()) {
            Some(license) => Some((Goal::ActiveUser { contact, license }, goal_span)),
            None => {
                let names = License::ALL.iter().map(|license| license.name());
                let suggestion = did_you_mean(license.get_ref(), names);
                report(
                    license.span(),
                    format!("unknown license `{}`", license.get_ref()),
                    if suggestion.is_empty() {
                        "licenses are Customer Community, Customer Community Plus and Partner Community".to_string()
                    } else {
                        suggestion
                    },
                );
                None
            }
        },
        _ => {
            report(
                goal_span,
                "goal needs either `as` and `site`, or `license`".to_string(),
                "`as = \"partner\"` with `site = \"...\"`: the contact logs in; `license = \"...\"`: the contact has an active user of it".to_string(),
            );
            None
        }
    }
}
