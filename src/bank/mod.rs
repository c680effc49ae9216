//! Question banks: the TOML schema (`schema`), reading files (`load`), parsing
//! (`parse`), the validation pass (`validate`) and the validated model
//! (`question`, `fact`, `catalog`, `texts`).
//!
//! Large banks are cut at their entries (`split`) and read entry by entry
//! (`quick` for plain entries, toml for the rest) on both cores (`parallel`), as
//! `pipeline` schedules, so that loading stays within the budgets of BENCHMARKS.md; the
//! result is always what reading each file whole gives (`cut_tests`,
//! `proptests`).
//!
//! `bank` never touches the terminal; only `load` reads files. Loading is two
//! steps so that callers choose what to do with problems: [`check`] returns the
//! catalog of everything valid together with every diagnostic, and
//! [`Loaded::into_catalog`] refuses content with errors.

pub mod backing;
pub mod catalog;
pub mod derived;
pub mod fact;
pub mod lexicon;
pub mod limits;
pub mod load;
mod parallel;
pub mod parse;
mod pipeline;
pub mod question;
mod quick;
mod scan;
pub mod scenario;
pub mod schema;
pub mod split;
pub mod texts;
pub mod validate;

#[cfg(test)]
mod cut_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod tests;

pub use catalog::Catalog;
pub use fact::Fact;
pub use load::{ContentFile, ContentFiles};
pub use question::{Diagnose, Kind, Question, Scenario};
pub use texts::Texts;

use crate::diagnostic::{Diagnostic, Severity};

/// The result of checking content: what is valid, and every problem found.
#[derive(Debug)]
pub struct Loaded {
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// The catalog, or the errors when there are any.
    pub fn into_catalog(self) -> Result<Catalog, Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self
                .diagnostics
                .into_iter()
                .filter(|diagnostic| diagnostic.severity == Severity::Error)
                .collect())
        } else {
            Ok(self.catalog)
        }
    }
}

/// Parses and validates every bank of `files`, collecting every problem.
///
/// Large files are read entry by entry on up to two threads (the machines
/// xcdrill targets have two cores); `pipeline` keeps the result and the order of
/// diagnostics independent of the threads and of how files were cut.
pub fn check(files: &ContentFiles) -> Loaded {
    pipeline::check(files)
}
