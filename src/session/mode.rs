//! The kinds of session and what each one does differently.

/// How a session runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Feedback after each answer (the default).
    Practice,
    /// No feedback until the end; optional time limit and pass mark.
    Exam,
    /// Due questions first, then new ones (needs the progress store).
    Review,
    /// One or more topics; a missed question comes back until answered right.
    Drill,
    /// Practise anything without moving any schedule.
    Cram,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
            Mode::Review => "review",
            Mode::Drill => "drill",
            Mode::Cram => "cram",
        }
    }

    /// Whether feedback follows each answer (everything but exams).
    pub fn shows_feedback(self) -> bool {
        self != Mode::Exam
    }

    /// How many questions a session asks when `--count` is not given.
    pub fn default_count(self) -> usize {
        match self {
            Mode::Exam => 20,
            Mode::Drill => 12,
            Mode::Practice | Mode::Review | Mode::Cram => 10,
        }
    }
}
