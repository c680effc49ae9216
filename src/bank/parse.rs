//! Reading one bank file's text into the raw schema, collecting every problem.
//!
//! Files are read in chunks (`bank::split`): the preamble with [`parse_preamble`],
//! then each `[[fact]]` or `[[question]]` with [`parse_chunk`] (unless
//! `bank::quick` already read it), so only one entry's TOML tree is alive at a
//! time. Spans in a chunk's raw values are relative to the chunk's start;
//! diagnostics made here are already shifted to the whole file. Whenever chunks
//! could read differently from the whole file (a chunk that does not parse, a
//! preamble that defines `fact` or `question`, a chunk that defines anything but
//! its own one entry), these return [`Fallback`] and the file is read whole with
//! [`parse_bank`], the exact way: diagnostics never depend on how a file was cut.
//!
//! Either way each entry is read on its own, so an unknown key or a wrong type in
//! one question is reported and the others are still read and checked.

use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use std::sync::Arc;

use super::lexicon::{LEXICON_KEYS, LexiconReader};
use super::limits::{MAX_FILE_BYTES, MAX_STRING_BYTES};
use super::schema::{RawFact, RawQuestion};
use super::split::{Chunk, Table};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::model::lexicon::Lexicon;
use crate::suggest::did_you_mean;

/// The bank format this version of xcdrill reads.
pub const FORMAT_VERSION: i64 = 1;

/// The keys a bank file may have at its top level.
const TOP_LEVEL_KEYS: &[&str] = &[
    "format_version",
    "synonyms",
    "confusable",
    "fact",
    "question",
];

/// Deeper than this, a value is refused rather than walked.
const MAX_DEPTH: usize = 16;

/// What one file held, each entry with the span of its table.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// The file's `synonyms` and `confusable` groups.
    pub lexicon: Arc<Lexicon>,
    pub facts: Vec<(RawFact, Range<usize>)>,
    pub questions: Vec<(RawQuestion, Range<usize>)>,
}

/// Parses one bank file. Problems go to `diagnostics`; whatever could be read is
/// returned, so one bad question does not hide the others.
pub fn parse_bank(source: &SourceText<'_>, diagnostics: &mut Vec<Diagnostic>) -> ParsedFile {
    let mut parsed = ParsedFile::default();
    if !file_is_readable(source, diagnostics) {
        return parsed;
    }
    let text = source.text;
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(error) => {
            diagnostics.push(toml_error(source, 0, &error, 0..0, "fix the TOML syntax"));
            return parsed;
        }
    };
    let root_span = root.span();
    let mut format_seen = false;
    let mut lexicon = LexiconReader::default();
    for (key, value) in root.into_inner() {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "format_version" => {
                format_seen = true;
                check_format_version(source, 0, &value, diagnostics);
            }
            name if LEXICON_KEYS.contains(&name) => {
                lexicon.read(source, 0, name, value, diagnostics);
            }
            "fact" => read_tables(
                source,
                key_span,
                value,
                "fact",
                diagnostics,
                &mut parsed.facts,
            ),
            "question" => read_tables(
                source,
                key_span,
                value,
                "question",
                diagnostics,
                &mut parsed.questions,
            ),
            other => diagnostics.push(unknown_key(source, key_span, other)),
        }
    }
    if !format_seen {
        diagnostics.push(missing_version(source, root_span.start));
    }
    parsed.lexicon = lexicon.finish();
    parsed
}

/// What a file's preamble (the text before its first entry) said.
#[derive(Debug, Default)]
pub struct Preamble {
    /// The file's `synonyms` and `confusable` groups.
    pub lexicon: Arc<Lexicon>,
    /// Problems with its keys, in the order the whole-file reading reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The error when it has no `format_version`, reported after all the others.
    pub missing_version: Option<Diagnostic>,
}

/// The file cannot be read in chunks exactly; read it whole with [`parse_bank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fallback;

/// Reads the preamble `span` of a file cut by `bank::split`.
pub fn parse_preamble(source: &SourceText<'_>, span: Range<usize>) -> Result<Preamble, Fallback> {
    let base = span.start;
    let text = source.text.get(span).ok_or(Fallback)?;
    let root = DeTable::parse(text).map_err(|_| Fallback)?;
    let root_start = root.span().start + base;
    let mut preamble = Preamble::default();
    let mut format_seen = false;
    let mut lexicon = LexiconReader::default();
    for (key, value) in root.into_inner() {
        let key_span = shift(key.span(), base);
        match key.get_ref().as_ref() {
            name if LEXICON_KEYS.contains(&name) => {
                lexicon.read(source, base, name, value, &mut preamble.diagnostics);
            }
            // The chunks would define it a second time: only the whole file
            // reports that the way TOML does.
            "fact" | "question" => return Err(Fallback),
            "format_version" => {
                format_seen = true;
                check_format_version(source, base, &value, &mut preamble.diagnostics);
            }
            other => preamble
                .diagnostics
                .push(unknown_key(source, key_span, other)),
        }
    }
    if !format_seen {
        preamble.missing_version = Some(missing_version(source, root_start));
    }
    preamble.lexicon = lexicon.finish();
    Ok(preamble)
}

/// Reads the one entry of `chunk`. Problems with the entry go to `diagnostics`
/// and give `Ok(None)`; the entry's spans, and the span returned with it, are
/// relative to the chunk's start.
pub fn parse_chunk<T: DeserializeOwned>(
    source: &SourceText<'_>,
    chunk: &Chunk,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<(T, Range<usize>)>, Fallback> {
    let base = chunk.span.start;
    let text = source.text.get(chunk.span.clone()).ok_or(Fallback)?;
    let root = DeTable::parse(text).map_err(|_| Fallback)?.into_inner();
    let mut keys = root.into_iter();
    let (Some((key, value)), None) = (keys.next(), keys.next()) else {
        return Err(Fallback);
    };
    if key.get_ref().as_ref() != chunk.table.key() {
        return Err(Fallback);
    }
    let DeValue::Array(entries) = value.into_inner() else {
        return Err(Fallback);
    };
    let mut entries = entries.into_iter();
    let (Some(entry), None) = (entries.next(), entries.next()) else {
        return Err(Fallback);
    };
    let name = match chunk.table {
        Table::Fact => "fact",
        Table::Question => "question",
    };
    Ok(read_entry(source, base, entry, name, diagnostics))
}

fn unknown_key(source: &SourceText<'_>, key_span: Range<usize>, key: &str) -> Diagnostic {
    let suggestion = did_you_mean(key, TOP_LEVEL_KEYS.iter().copied());
    source.error(
        key_span,
        format!("unknown top-level key `{key}`"),
        hint_or(
            suggestion,
            "a bank has `format_version`, `synonyms`, `confusable`, [[fact]] and [[question]] tables",
        ),
    )
}

fn missing_version(source: &SourceText<'_>, offset: usize) -> Diagnostic {
    source.error(
        offset..offset,
        "missing `format_version`",
        "put `format_version = 1` on the first line",
    )
}

/// The checks of a whole file before its TOML is read: size, binary content,
/// emptiness. Returns whether the file may be parsed.
pub fn file_is_readable(source: &SourceText<'_>, diagnostics: &mut Vec<Diagnostic>) -> bool {
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
        return false;
    }
    if let Some(offset) = text.find('\0') {
        diagnostics.push(source.error(
            offset..offset + 1,
            "bank file contains a NUL byte; it looks like a binary file, not TOML",
            "a bank is a UTF-8 TOML text file",
        ));
        return false;
    }
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::file(
            &source.path,
            "bank file is empty",
            "start it with `format_version = 1`, then add [[question]] tables",
        ));
        return false;
    }
    true
}

fn check_format_version(
    source: &SourceText<'_>,
    base: usize,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let version = value
        .get_ref()
        .as_integer()
        .and_then(|integer| i64::from_str_radix(integer.as_str(), integer.radix()).ok());
    if version != Some(FORMAT_VERSION) {
        diagnostics.push(source.error(
            shift(value.span(), base),
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
        if let Some(read) = read_entry(source, 0, entry, name, diagnostics) {
            out.push(read);
        }
    }
}

/// Reads one entry of an array of tables; its spans, and the span returned with
/// it, are relative to `base`.
fn read_entry<'de, T: Deserialize<'de>>(
    source: &SourceText<'_>,
    base: usize,
    entry: Spanned<DeValue<'de>>,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(T, Range<usize>)> {
    let entry_span = entry.span();
    if !entry.get_ref().is_table() {
        diagnostics.push(source.error(
            shift(entry_span, base),
            format!("each `{name}` entry must be a table"),
            format!("write each entry under its own [[{name}]] header"),
        ));
        return None;
    }
    if !value_within_limits(source, base, &entry, 0, diagnostics) {
        return None;
    }
    match T::deserialize(ValueDeserializer::from(entry)) {
        Ok(raw) => Some((raw, entry_span)),
        Err(error) => {
            diagnostics.push(toml_error(
                source,
                base,
                &error,
                entry_span,
                &format!("see FORMAT.md for the fields of a [[{name}]]"),
            ));
            None
        }
    }
}

/// Refuses strings over the size limit and values nested too deep. Returns
/// whether the value may be read. `value`'s spans are relative to `base`.
fn value_within_limits(
    source: &SourceText<'_>,
    base: usize,
    value: &Spanned<DeValue<'_>>,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if depth > MAX_DEPTH {
        diagnostics.push(source.error(
            shift(value.span(), base),
            format!("value nested more than {MAX_DEPTH} levels deep"),
            "banks need at most three levels; flatten this value",
        ));
        return false;
    }
    match value.get_ref() {
        DeValue::String(text) if text.len() > MAX_STRING_BYTES => {
            diagnostics.push(source.error(
                shift(value.span(), base),
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
            .all(|item| value_within_limits(source, base, item, depth + 1, diagnostics)),
        DeValue::Table(table) => table
            .values()
            .all(|item| value_within_limits(source, base, item, depth + 1, diagnostics)),
        _ => true,
    }
}

/// Turns a toml error into a located diagnostic; errors without a span point at
/// `fallback` (the entry being read). Both spans are relative to `base`.
fn toml_error(
    source: &SourceText<'_>,
    base: usize,
    error: &toml::de::Error,
    fallback: Range<usize>,
    hint: &str,
) -> Diagnostic {
    let span = shift(error.span().unwrap_or(fallback), base);
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
        return (
            format!("unknown field `{field}`"),
            hint_or(suggestion, hint),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return (
            format!(
                "wrong type: {} where {} is expected",
                found_in_words(found),
                expected_in_words(expected)
            ),
            hint.to_string(),
        );
    }
    (message, hint.to_string())
}

/// serde's name of a value that was found (`integer `1``, `string "2"`,
/// `sequence`) in the words of a bank's author.
fn found_in_words(found: &str) -> String {
    const NAMES: [(&str, &str); 6] = [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("string ", "the string "),
        ("boolean ", ""),
        ("sequence", "a list"),
        ("map", "a table"),
    ];
    NAMES
        .iter()
        .find_map(|(serde, words)| {
            found
                .strip_prefix(serde)
                .map(|value| format!("{words}{value}"))
        })
        .unwrap_or_else(|| found.to_string())
}

/// serde's name of the type a field takes (`i64`, `a sequence`) in the
/// words of a bank's author.
fn expected_in_words(expected: &str) -> &str {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number",
        "f32" | "f64" => "a number",
        "a sequence" => "a list (`[...]`)",
        "a boolean" => "`true` or `false`",
        "a map" => "a table",
        other => other,
    }
}

fn shift(span: Range<usize>, base: usize) -> Range<usize> {
    span.start + base..span.end + base
}

fn hint_or(suggestion: String, fallback: &str) -> String {
    if suggestion.is_empty() {
        fallback.to_string()
    } else {
        suggestion
    }
}
