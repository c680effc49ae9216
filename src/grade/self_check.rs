//! The lint check that every question's own key grades full marks: the right
//! choices, `true`/`false`, every accepted short answer and the items in bank
//! order must grade 1.0, a recall model answer at least
//! [`RECALL_KEY_MIN_SCORE`]; an empty answer must grade 0; and each recall phrase
//! must, on its own, earn its concept. A bank whose key its own grader rejects
//! fails `lint`, so no such question can ship.

use super::mutation;
use super::recall;
use super::{grade, key_answers, percent, quote, reaches_pass, score};
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Kind, Question};

/// The least a recall question's model answer must grade: a model answer need not
/// use every phrase of the rubric, but it must name nearly everything.
pub const RECALL_KEY_MIN_SCORE: f64 = 0.95;

/// One way a question's key fails its own grader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub message: String,
    /// What the author can do about it, in one line.
    pub hint: String,
}

/// Every way `question`'s key fails its own grader; empty when it is sound.
pub fn self_check(question: &Question) -> Vec<KeyProblem> {
    let mut problems = Vec::new();
    let (least, hint) = match &question.kind {
        Kind::Recall(_) => (
            RECALL_KEY_MIN_SCORE,
            "make the model answer name every concept, or add the words it uses to the concepts' phrases",
        ),
        Kind::Short(_) => (
            1.0,
            "an accepted answer must keep some letters or digits once punctuation is folded",
        ),
        _ => (1.0, "the answer key and the grader disagree; check the key"),
    };
    for key in key_answers(question) {
        if score(question, &key) + 1e-9 >= least {
            continue;
        }
        let graded = grade(question, &key);
        {
            let missing = if graded.missed.is_empty() {
                String::new()
            } else {
                format!(" (missed: {})", graded.missed.join(", "))
            };
            problems.push(KeyProblem {
                message: format!(
                    "the question's own answer {} grades {}%, not {}%{missing}",
                    quote(&key),
                    percent(graded.score),
                    percent(least)
                ),
                hint: hint.to_string(),
            });
        }
    }
    let empty = score(question, "");
    if empty > 0.0 {
        problems.push(KeyProblem {
            message: format!("an empty answer grades {}%, not 0%", percent(empty)),
            hint: "the grader must give nothing for no answer; check the key".to_string(),
        });
    }
    if let Kind::Recall(rubric) = &question.kind {
        for (concept, phrase) in recall::phrases_that_earn_nothing(rubric) {
            problems.push(KeyProblem {
                message: format!(
                    "phrase {} of concept `{concept}` does not earn the concept on its own",
                    quote(phrase),
                ),
                hint: "a phrase of only `a`, `an` and `the`, or one that a contradicting phrase also matches, can never count".to_string(),
            });
        }
    }
    if let Kind::Recall(rubric) = &question.kind {
        for mutant in mutation::mutants(rubric) {
            let mutant_score = score(question, &mutant.answer);
            if reaches_pass(question, mutant_score) {
                // The whole answer, not a cut: what was changed may be
                // anywhere in it, and the author may paste it into `grade`.
                problems.push(KeyProblem {
                    message: format!(
                        "the model answer with {} still passes ({}%): `{}`",
                        mutant.what,
                        percent(mutant_score),
                        mutant.answer
                    ),
                    hint: mutant.kind.hint().to_string(),
                });
            }
        }
    }
    problems
}

/// [`self_check`] over every question of `catalog`, as errors located at each
/// question's definition, for `lint`.
pub fn key_diagnostics(catalog: &Catalog) -> Vec<Diagnostic> {
    // Mutation tests grade every recall question several times, and lint has
    // a time budget: runs of questions are checked on both cores, taken from
    // a queue so that a core busy elsewhere does fewer.
    const QUESTIONS_PER_TASK: usize = 256;
    let questions = catalog.questions();
    let tasks: Vec<&[Question]> = questions.chunks(QUESTIONS_PER_TASK).collect();
    let parallel = tasks.len() > 1;
    crate::parallel::run(tasks, parallel, diagnostics_of)
        .into_iter()
        .flatten()
        .collect()
}

fn diagnostics_of(questions: &[Question]) -> Vec<Diagnostic> {
    questions
        .iter()
        .flat_map(|question| {
            self_check(question).into_iter().map(|problem| {
                Diagnostic::at(
                    &question.origin.path,
                    question.origin.line,
                    question.origin.column,
                    format!("question `{}`: {}", question.id(), problem.message),
                    problem.hint,
                )
            })
        })
        .collect()
}
