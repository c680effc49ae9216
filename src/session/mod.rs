//! Sessions: choosing questions from a seed (`select`), reading the learner's
//! input in the grader's terms (`input`), the session's state and drill rule
//! (`flow`), generated practice questions (`generated`), the result file
//! shape (`result`), and the mock interview (`interview`, `debrief`). Pure: it takes and returns
//! values and never does IO.

pub mod debrief;
pub mod flow;
pub mod generated;
pub mod input;
pub mod interview;
pub mod mode;
pub mod rating;
pub mod result;
pub mod select;

pub use flow::{Attempt, Session};
pub use mode::Mode;
pub use select::{Presented, Selection, select};
