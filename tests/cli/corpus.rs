//! The grading corpora (`tests/fixtures/grading/`): learner answers with a fair
//! interviewer's verdicts. On each, the graders must agree on at least 95% of
//! them (verdict and score band) and pass at most one answer the interviewer
//! failed.

use std::collections::BTreeMap;

use serde::Deserialize;
use xcdrill::bank::{self, load};
use xcdrill::grade::grade;

const CORPUS: &str = include_str!("../fixtures/grading/corpus.toml");
/// Answers by a second reviewer who never saw the rubrics.
const SECOND_CORPUS: &str = include_str!("../fixtures/grading/corpus-2.toml");

#[derive(Debug, Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    answer: String,
    passed: bool,
    min: f64,
    max: f64,
    #[allow(dead_code)]
    why: String,
}

#[test]
fn the_graders_agree_with_the_interviewer() {
    check(CORPUS);
}

#[test]
fn the_graders_agree_with_the_interviewer_on_answers_written_blind() {
    check(SECOND_CORPUS);
}

/// Grades every case of `corpus`, prints the agreement per type, and fails
/// below 95% agreement or with more than one wrong answer passed.
#[track_caller]
fn check(corpus: &str) {
    let corpus: Corpus = toml::from_str(corpus).expect("the corpus is valid TOML");
    let catalog = bank::check(&load::embedded()).catalog;
    let mut per_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut wrong_passes = 0;
    for case in &corpus.case {
        let question = catalog
            .question(&case.id)
            .unwrap_or_else(|| panic!("corpus names unknown question `{}`", case.id));
        let graded = grade(question, &case.answer);
        let agrees = graded.passed == case.passed
            && (case.min - 1e-9..=case.max + 1e-9).contains(&graded.score);
        let tally = per_type.entry(&case.kind).or_default();
        tally.1 += 1;
        if agrees {
            tally.0 += 1;
        } else {
            disagreements.push(format!(
                "{} {}: want passed={} in [{}, {}], got passed={} score {:.2}",
                case.id, case.kind, case.passed, case.min, case.max, graded.passed, graded.score
            ));
        }
        if graded.passed && !case.passed {
            wrong_passes += 1;
        }
    }
    let n_agree: usize = per_type.values().map(|(agree, _)| agree).sum();
    let n_cases = corpus.case.len();
    println!("corpus agreement: {n_agree}/{n_cases}, wrong answers passed: {wrong_passes}");
    for (kind, (agree, total)) in &per_type {
        println!("  {kind:24} {agree}/{total}");
    }
    for line in &disagreements {
        println!("  disagrees: {line}");
    }
    assert!(n_cases >= 100, "the corpus lost cases: {n_cases}");
    assert!(
        n_agree * 100 >= n_cases * 95,
        "agreement {n_agree}/{n_cases} is below 95%:\n{}",
        disagreements.join("\n")
    );
    assert!(
        wrong_passes <= 1,
        "{wrong_passes} answers the interviewer failed were passed:\n{}",
        disagreements.join("\n")
    );
}
