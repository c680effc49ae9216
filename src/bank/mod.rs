//! Question banks: the TOML schema (`schema`), reading files (`load`), parsing
//! (`parse`), the validation pass (`validate`) and the validated model
//! (`question`, `fact`, `catalog`).
//!
//! `bank` never touches the terminal; only `load` reads files. Loading is two
//! steps so that callers choose what to do with problems: [`check`] returns the
//! catalog of everything valid together with every diagnostic, and
//! [`Loaded::into_catalog`] refuses content with errors.

pub mod catalog;
pub mod fact;
pub mod limits;
pub mod load;
pub mod parse;
pub mod question;
pub mod scenario;
pub mod schema;
pub mod validate;

#[cfg(test)]
mod tests;

use std::thread;

pub use catalog::Catalog;
pub use fact::Fact;
pub use load::{ContentFile, ContentFiles};
pub use question::{Diagnose, Kind, Question, Scenario};

use crate::diagnostic::{Diagnostic, Severity, SourceText};
use parse::{ParsedFile, parse_bank};
use scenario::OrgFiles;
use validate::{FileParse, validate};

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
/// Files are parsed on up to two threads (the machines xcdrill targets have two
/// cores); validation across files runs after, in file order, so the result and
/// the order of diagnostics do not depend on the threads.
pub fn check(files: &ContentFiles) -> Loaded {
    let mut diagnostics = files.diagnostics.clone();
    let sources: Vec<SourceText<'_>> = files
        .banks
        .iter()
        .map(|file| SourceText::new(file.path.clone(), &file.text))
        .collect();
    let parsed = parse_all(&sources);
    let mut file_parses = Vec::with_capacity(sources.len());
    for ((source, (parsed, file_diagnostics)), file) in
        sources.into_iter().zip(parsed).zip(&files.banks)
    {
        diagnostics.extend(file_diagnostics);
        file_parses.push(FileParse {
            source,
            parsed,
            root: file.root,
        });
    }
    let orgs = OrgFiles::load(files, &mut diagnostics);
    let catalog = validate(file_parses, &orgs, &mut diagnostics);
    // Report in reading order: by file as listed, then by position.
    let file_order: std::collections::HashMap<&str, usize> = files
        .banks
        .iter()
        .chain(&files.orgs)
        .enumerate()
        .map(|(idx, file)| (&*file.path, idx))
        .collect();
    diagnostics.sort_by_key(|diagnostic| {
        let file_idx = file_order
            .get(&*diagnostic.path)
            .copied()
            .unwrap_or(usize::MAX);
        (file_idx, diagnostic.line, diagnostic.column)
    });
    Loaded {
        catalog,
        diagnostics,
    }
}

fn parse_all(sources: &[SourceText<'_>]) -> Vec<(ParsedFile, Vec<Diagnostic>)> {
    let parse_one = |source: &SourceText<'_>| {
        let mut diagnostics = Vec::new();
        let parsed = parse_bank(source, &mut diagnostics);
        (parsed, diagnostics)
    };
    let total_bytes: usize = sources.iter().map(|source| source.text.len()).sum();
    // Threads pay off only for large content; the embedded banks parse faster
    // than a thread starts.
    if sources.len() < 2 || total_bytes < 1 << 20 {
        return sources.iter().map(parse_one).collect();
    }
    let split = split_by_size(sources);
    let (first, second) = sources.split_at(split);
    thread::scope(|scope| {
        let handle = scope.spawn(|| second.iter().map(parse_one).collect::<Vec<_>>());
        let mut results: Vec<_> = first.iter().map(parse_one).collect();
        match handle.join() {
            Ok(rest) => results.extend(rest),
            // A panic in the parser thread is a bug; parse the rest here instead
            // of losing the files.
            Err(_) => results.extend(second.iter().map(parse_one)),
        }
        results
    })
}

/// The index that splits the files into two halves of about equal size.
fn split_by_size(sources: &[SourceText<'_>]) -> usize {
    let total: usize = sources.iter().map(|source| source.text.len()).sum();
    let mut running = 0;
    for (idx, source) in sources.iter().enumerate() {
        running += source.text.len();
        if running * 2 >= total {
            return (idx + 1).min(sources.len() - 1);
        }
    }
    sources.len() / 2
}
