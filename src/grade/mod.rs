//! Temporary stand-in replaced by the graders' branch on merge.

use crate::bank::Question;

#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub score: f64,
    pub passed: bool,
    pub feedback: String,
    pub missed: Vec<String>,
}

pub fn grade(question: &Question, answer: &str) -> Grade {
    let _ = (question, answer);
    Grade {
        score: 0.0,
        passed: false,
        feedback: String::new(),
        missed: Vec::new(),
    }
}
