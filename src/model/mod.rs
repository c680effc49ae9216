//! The validated content model: what grading, sessions, the REPL and reports
//! work with once `bank` has read and checked the files. Plain data, no IO, no
//! serde and no positions in files but a question's `Origin`: `question`
//! (`Question`, `Kind` and each kind's key),
//! `scenario` (an org and its goal), `fact`, `lexicon` (a file's word groups),
//! `texts` (packed strings), `catalog` (everything valid, indexed by id) and
//! `derived` (the slot where `grade` keeps what it derives from content once).

pub mod catalog;
pub mod derived;
pub mod fact;
pub mod lexicon;
pub mod question;
pub mod scenario;
pub mod texts;

pub use catalog::Catalog;
pub use fact::Fact;
pub use question::{Diagnose, Kind, Question, Scenario};
pub use texts::Texts;
