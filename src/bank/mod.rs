//! Question banks: the TOML schema (`schema`), reading files (`load`), parsing
//! (`parse`), the validation pass (`validate`) and the validated model
//! (`question`, `fact`, `catalog`, `texts`).
//!
//! Large banks are cut at their entries (`split`) and read entry by entry
//! (`quick` for plain entries, toml for the rest) on both cores (`crate::parallel`), as
//! `pipeline` schedules, so that loading stays within the budgets of BENCHMARKS.md; the
//! result is always what reading each file whole gives (`cut_tests`,
//! `proptests`).
//!
//! `bank` never touches the terminal; only `load` reads files. Loading is two
//! steps so that callers choose what to do with problems: [`check`] returns the
//! catalog of everything valid together with every diagnostic, and
//! [`Loaded::into_catalog`] refuses content with errors.

mod backing;
pub mod json_schema;
mod lexicon;
mod limits;
pub mod load;
mod parse;
mod pipeline;
mod quick;
mod scan;
mod scenario;
mod schema;
mod split;
mod validate;

#[cfg(test)]
mod cut_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod tests;

pub use load::{ContentFile, ContentFiles};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Catalog;

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
