//! Reading one bank file's text into the raw schema, collecting every problem.
//!
//! The file is parsed once into toml's spanned document tree; each `[[fact]]` and
//! `[[question]]` is then read on its own, so an unknown key or a wrong type in one
//! question is reported and the others are still read and checked.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::limits::{MAX_FILE_BYTES, MAX_STRING_BYTES};
use super::schema::{RawFact, RawQuestion};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::suggest::did_you_mean;

/// The bank format this version of xcdrill reads.
pub const FORMAT_VERSION: i64 = 1;

/// The keys a bank file may have at its top level.
const TOP_LEVEL_KEYS: &[&str] = &["format_version", "fact", "question"];

/// Deeper than this, a value is refused rather than walked.
const MAX_DEPTH: usize = 16;

/// What one file held, each entry with the span of its table.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub facts: Vec<(RawFact, Range<usize>)>,
    pub questions: Vec<(RawQuestion, Range<usize>)>,
}

/// Parses one bank file. Problems go to `diagnostics`; whatever could be read is
/// returned, so one bad question does not hide the others.
pub fn parse_bank(source: &SourceText<'_>, diagnostics: &mut Vec<Diagnostic>) -> ParsedFile {
    let mut parsed = ParsedFile::default();
    let text = source.text;
    if text.len() > MAX_FILE_BYTES {
        diagnostics.push(Diagnostic::file(
            &source.path,
            format!(
                "bank file is {} bytes, over the limit of {MAX_FILE_BYTES} (8 MiB)",
                text.len()
            ),
            "split the bank into several files",
        ));
        return parsed;
    }
    if let Some(offset) = text.find('\0') {
        diagnostics.push(source.error(
            offset..offset + 1,
            "bank file contains a NUL byte; it looks like a binary file, not TOML",
            "a bank is a UTF-8 TOML text file",
        ));
        return parsed;
    }
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::file(
            &source.path,
            "bank file is empty",
            "start it with `format_version = 1`, then add [[question]] tables",
        ));
        return parsed;
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(error) => {
            diagnostics.push(toml_error(source, &error, 0..0, "fix the TOML syntax"));
            return parsed;
        }
    };
    let root_span = root.span();
    let mut format_seen = false;
    for (key, value) in root.into_inner() {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "format_version" => {
                format_seen = true;
                check_format_version(source, &value, diagnostics);
            }
            "fact" => read_tables(source, key_span, value, "fact", diagnostics, &mut parsed.facts),
            "question" => read_tables(
                source,
                key_span,
                value,
                "question",
                diagnostics,
                &mut parsed.questions,
            ),
            other => {
                let suggestion = did_you_mean(other, TOP_LEVEL_KEYS.iter().copied());
                diagnostics.push(source.error(
                    key_span,
                    format!("unknown top-level key `{other}`"),
                    hint_or(
                        suggestion,
                        "a bank has `format_version`, [[fact]] and [[question]] tables",
                    ),
                ));
            }
        }
    }
    if !format_seen {
        diagnostics.push(source.error(
            root_span.start..root_span.start,
            "missing `format_version`",
            "put `format_version = 1` on the first line",
        ));
    }
    parsed
}

fn check_format_version(
    source: &SourceText<'_>,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let version = value
        .get_ref()
        .as_integer()
        .and_then(|integer| i64::from_str_radix(integer.as_str(), integer.radix()).ok());
    if version != Some(FORMAT_VERSION) {
        diagnostics.push(source.error(
            value.span(),
            "unsupported `format_version`",
            format!("this xcdrill reads `format_version = {FORMAT_VERSION}`"),
        ));
    }
}

/// Reads an array of tables (`[[fact]]` or `[[question]]`) entry by entry.
fn read_tables<'de, T: Deserialize<'de>>(
    source: &SourceText<'_>,
    key_span: Range<usize>,
    value: Spanned<DeValue<'de>>,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
    out: &mut Vec<(T, Range<usize>)>,
) {
    let DeValue::Array(entries) = value.into_inner() else {
        diagnostics.push(source.error(
            key_span,
            format!("`{name}` must be an array of tables"),
            format!("write each entry under its own [[{name}]] header"),
        ));
        return;
    };
    for entry in entries {
        let entry_span = entry.span();
        if !entry.get_ref().is_table() {
            diagnostics.push(source.error(
                entry_span,
                format!("each `{name}` entry must be a table"),
                format!("write each entry under its own [[{name}]] header"),
            ));
            continue;
        }
        if !value_within_limits(source, &entry, 0, diagnostics) {
            continue;
        }
        match T::deserialize(ValueDeserializer::from(entry)) {
            Ok(raw) => out.push((raw, entry_span)),
            Err(error) => diagnostics.push(toml_error(
                source,
                &error,
                entry_span,
                &format!("see FORMAT.md for the fields of a [[{name}]]"),
            )),
        }
    }
}

/// Refuses strings over the size limit and values nested too deep. Returns
/// whether the value may be read.
fn value_within_limits(
    source: &SourceText<'_>,
    value: &Spanned<DeValue<'_>>,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if depth > MAX_DEPTH {
        diagnostics.push(source.error(
            value.span(),
            format!("value nested more than {MAX_DEPTH} levels deep"),
            "banks need at most three levels; flatten this value",
        ));
        return false;
    }
    match value.get_ref() {
        DeValue::String(text) if text.len() > MAX_STRING_BYTES => {
            diagnostics.push(source.error(
                value.span(),
                format!(
                    "string of {} bytes, over the limit of {MAX_STRING_BYTES} (16 KiB)",
                    text.len()
                ),
                "shorten it; a prompt or explanation should fit on a screen",
            ));
            false
        }
        DeValue::Array(items) => items
            .iter()
            .all(|item| value_within_limits(source, item, depth + 1, diagnostics)),
        DeValue::Table(table) => table
            .values()
            .all(|item| value_within_limits(source, item, depth + 1, diagnostics)),
        _ => true,
    }
}

/// Turns a toml error into a located diagnostic; errors without a span point at
/// `fallback` (the entry being read).
fn toml_error(
    source: &SourceText<'_>,
    error: &toml::de::Error,
    fallback: Range<usize>,
    hint: &str,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let message = error.message().trim().trim_end_matches('.').to_string();
    let (message, hint) = explain_serde_message(message, hint);
    source.error(span, message, hint)
}

/// Rewords serde's messages into xcdrill's voice and adds a near-miss suggestion
/// for unknown fields.
fn explain_serde_message(message: String, hint: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        let expected: Vec<&str> = rest
            .split("expected ")
            .nth(1)
            .map(|list| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let suggestion = did_you_mean(&field, expected.iter().copied());
        return (format!("unknown field `{field}`"), hint_or(suggestion, hint));
    }
    (message, hint.to_string())
}

fn hint_or(suggestion: String, fallback: &str) -> String {
    if suggestion.is_empty() {
        fallback.to_string()
    } else {
        suggestion
    }
}
