//! Org files (FORMAT.md, Org files and the command language): TOML read into
//! serde types (`shape`, `read`), then validated in one pass that reports every
//! problem with `path:line:col` (`build`); and [`to_toml`] (`write`), which
//! writes an org back so that loading it gives the same org.
//!
//! ```toml
//! [settings]
//! digital_experiences = true
//!
//! [[license]]
//! name = "Partner Community"
//! seats = 5
//!
//! [[internal_user]]
//! name = "Dana Owner"
//! role = "VP Sales"
//!
//! [[account]]
//! name = "Acme Reseller"
//! owner = "Dana Owner"
//! partner = true
//!
//! [[contact]]
//! name = "Priya Shah"
//! account = "Acme Reseller"
//! ```

mod build;
mod read;
mod shape;
mod write;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::Arc;

pub use build::build;
pub use shape::OrgFile;
pub use write::to_toml;

use super::state::Org;
use crate::diagnostic::{Diagnostic, SourceText};

/// A problem in an org file: a byte span of the text the file was read from,
/// what is wrong, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Reads and validates an org file. `path` is how messages name it. Every
/// problem is returned, each located by `path:line:col`.
pub fn load(path: &str, text: &str) -> Result<Org, Vec<Diagnostic>> {
    let source = SourceText::new(Arc::from(path), text);
    let file = read::read(&source)?;
    build(file).map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| source.error(problem.span, problem.message, problem.hint))
            .collect()
    })
}
