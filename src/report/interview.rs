//! Interview results (`xcdrill interview --output FILE`) in the cohort report:
//! what such a file must hold (every problem located by entry, as
//! `report::check` does for exams) and one row a learner: the verdict, how
//! many open answers and follow-ups were right, and the gaps. Pure.

use serde::Serialize;

use super::check::{MAX_NAME_CHARS, Problem};
use crate::model::texts::MAX_TEXT_BYTES as MAX_STRING_BYTES;
use crate::session::debrief::{INTERVIEW_MODE, InterviewResult};
use crate::session::interview::Verdict;

/// Every problem of `result`; empty when it can be reported on.
pub fn check(result: &InterviewResult) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut file = |message: String| {
        problems.push(Problem {
            entry: None,
            message,
        });
    };
    if result.mode != INTERVIEW_MODE {
        file(format!("its mode `{}` is not `interview`", result.mode));
    }
    if ![Verdict::Strong, Verdict::Acceptable, Verdict::NeedsWork]
        .iter()
        .any(|verdict| verdict.name() == result.verdict)
    {
        file(format!(
            "its verdict `{}` is not `strong`, `acceptable` or `needs work`",
            crate::text::shorten(&result.verdict, 60)
        ));
    }
    if result.name.chars().count() > MAX_NAME_CHARS {
        file(format!("its name is over {MAX_NAME_CHARS} characters"));
    }
    let texts = [&result.content, &result.name]
        .into_iter()
        .chain(&result.gaps)
        .chain(&result.study);
    if texts.clone().any(|text| text.len() > MAX_STRING_BYTES) {
        file(format!(
            "a text is over the limit of {MAX_STRING_BYTES} bytes"
        ));
    }
    for (idx, question) in result.questions.iter().enumerate() {
        let mut entry = |message: String| {
            problems.push(Problem {
                entry: Some((idx + 1, crate::text::shorten(&question.id, 60))),
                message,
            });
        };
        let scores = std::iter::once((&question.id, question.score)).chain(
            question
                .followups
                .iter()
                .map(|followup| (&followup.id, followup.score)),
        );
        for (id, score) in scores {
            if !(0.0..=1.0).contains(&score) {
                entry(format!(
                    "the score {score} of `{}` is outside 0 to 1",
                    crate::text::shorten(id, 60)
                ));
            }
        }
        let texts = std::iter::once(&question.id)
            .chain(&question.missed)
            .chain(&question.contradicted)
            .chain(question.followups.iter().map(|followup| &followup.id));
        if texts.clone().any(|text| text.len() > MAX_STRING_BYTES) {
            entry(format!(
                "a text is over the limit of {MAX_STRING_BYTES} bytes"
            ));
        }
    }
    problems
}

/// One learner's interview in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewRow {
    pub name: String,
    /// The result file it came from.
    pub file: String,
    pub seed: u64,
    pub verdict: String,
    /// Open answers passed, and open questions planned.
    pub passed: usize,
    pub questions: usize,
    /// Follow-ups answered right, and follow-ups asked.
    pub followups_passed: usize,
    pub followups: usize,
    /// The fact ids behind what the answers missed.
    pub gaps: Vec<String>,
}

impl InterviewRow {
    /// The row of `result`, read from `file`.
    pub fn new(file: &str, result: &InterviewResult) -> InterviewRow {
        let followups = result
            .questions
            .iter()
            .flat_map(|question| &question.followups);
        InterviewRow {
            name: result.name.clone(),
            file: file.to_string(),
            seed: result.seed,
            verdict: result.verdict.clone(),
            passed: result
                .questions
                .iter()
                .filter(|question| question.passed)
                .count(),
            questions: result.questions.len(),
            followups_passed: followups.clone().filter(|followup| followup.passed).count(),
            followups: followups.count(),
            gaps: result.gaps.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::debrief::{FollowupEntry, QuestionEntry};

    fn result() -> InterviewResult {
        InterviewResult {
            mode: "interview".to_string(),
            seed: 7,
            content: "c0ffee".to_string(),
            name: "ann".to_string(),
            questions: vec![QuestionEntry {
                id: "interview.prerequisites".to_string(),
                score: 0.5,
                passed: false,
                missed: vec!["available license seats".to_string()],
                contradicted: Vec::new(),
                seconds: 40,
                followups: vec![FollowupEntry {
                    id: "licenses.seats-full".to_string(),
                    score: 1.0,
                    passed: true,
                }],
            }],
            gaps: vec!["prereq.license-seats".to_string()],
            study: vec!["xcdrill quiz --mode drill --topic interview".to_string()],
            verdict: "needs work".to_string(),
        }
    }

    #[track_caller]
    fn check_messages(result: &InterviewResult, expected: &[&str]) {
        let problems: Vec<String> = check(result).iter().map(ToString::to_string).collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn a_sound_interview_has_no_problems_and_one_row() {
        let result = result();
        check_messages(&result, &[]);
        let row = InterviewRow::new("ann.json", &result);
        assert_eq!(
            (
                row.passed,
                row.questions,
                row.followups_passed,
                row.followups
            ),
            (0, 1, 1, 1)
        );
        assert_eq!(row.gaps, ["prereq.license-seats"]);
    }

    #[test]
    fn unknown_verdicts_and_scores_out_of_range_are_refused() {
        let mut result = result();
        result.verdict = "great".to_string();
        result.questions[0].followups[0].score = 2.0;
        check_messages(
            &result,
            &[
                "its verdict `great` is not `strong`, `acceptable` or `needs work`",
                "entry 1 (`interview.prerequisites`): the score 2 of `licenses.seats-full` is outside 0 to 1",
            ],
        );
    }
}
