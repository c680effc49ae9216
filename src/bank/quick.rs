//! A fast reader for the plain `[[question]]` entries that make up nearly all of
//! a bank, straight into the raw schema, without building toml's document tree.
//!
//! Profiling the loader showed TOML parsing as most of its time. This reader
//! only recognises text whose reading by toml is known exactly, and gives up
//! (returns `None`) on anything else, so that `bank::parse` reads the chunk with
//! toml as before. It accepts one entry: its `[[question]]` header line, then
//! lines that are blank, a comment, a `[[question.concept]]` header, or
//! `key = value` with a bare key of the schema, not seen before in the table,
//! and a value of the field's type: a basic string without escapes or control
//! characters, a single-line array of such strings (no trailing comma), a
//! single-line array of small decimal integers, `true` or `false`. Escapes,
//! literal and multi-line strings, floats, inline tables, dotted or quoted keys,
//! other headers, unknown or repeated keys, wrong types and strings over the size
//! limit all make it give up, which leaves every diagnostic to toml.
//!
//! Spans are the ones toml gives (relative to the chunk): a table's is its header
//! (`[[question]]`), a string's includes its quotes, an array's its brackets, and
//! an array of tables' is its first header. `bank::cut_tests` and
//! `bank::proptests` check that the result never differs from toml's.

use std::ops::Range;

use toml::Spanned;

use super::limits::MAX_STRING_BYTES;
use super::scan::{find_newline, find_string_end};
use super::schema::{RawConcept, RawQuestion, Text, TextList};

/// Reads a chunk that holds one `[[question]]`, or gives up.
pub fn read_question(text: &str) -> Option<(RawQuestion, Range<usize>)> {
    let mut lines = Lines { text, pos: 0 };
    let (start, line) = lines.next()?;
    let span = header_span(start, line, "question")?;
    let mut question = RawQuestion::default();
    let mut concepts: Option<(Range<usize>, Vec<Spanned<RawConcept>>)> = None;
    // The concept whose table the next keys belong to, once a concept header
    // has been met.
    let mut concept: Option<(Range<usize>, RawConcept)> = None;
    while let Some((start, line)) = lines.next() {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let line_start = start + (line.len() - trimmed.len());
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            comment_ok(trimmed).then_some(())?;
            continue;
        }
        if trimmed.starts_with('[') {
            let concept_span = header_span(line_start, trimmed, "question.concept")?;
            if question.concept.is_some() {
                return None;
            }
            let list = concepts.get_or_insert_with(|| (concept_span.clone(), Vec::new()));
            if let Some((span, done)) = concept.take() {
                list.1.push(Spanned::new(span, done));
            }
            concept = Some((concept_span, RawConcept::default()));
            continue;
        }
        let (key, value) = key_value(line_start, trimmed)?;
        match &mut concept {
            Some((_, concept)) => set_concept_field(concept, key, value)?,
            None => set_question_field(&mut question, key, value)?,
        }
    }
    if let Some((span, done)) = concept.take()
        && let Some(list) = &mut concepts
    {
        list.1.push(Spanned::new(span, done));
    }
    if let Some((span, list)) = concepts {
        question.concept = Some(Spanned::new(span, list));
    }
    Some((question, span))
}

/// The lines of a chunk with their offsets, without their line breaks. A
/// carriage return anywhere else stays in the line, where nothing accepts it.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let start = self.pos;
        let line = match find_newline(rest.as_bytes(), 0) {
            Some(end) => {
                self.pos += end + 1;
                // Only a carriage return before a line feed is a line break.
                let line = &rest[..end];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                self.pos += rest.len();
                rest
            }
        };
        Some((start, line))
    }
}

/// The span of a `[[name]]` header line starting at `start` (blanks allowed
/// around the name), followed by nothing or a comment.
fn header_span(start: usize, line: &str, name: &str) -> Option<Range<usize>> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = line[indent..].strip_prefix("[[")?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix(name)?;
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix("]]")?;
    let end = line.len() - rest.len();
    rest_ok(rest).then_some(start + indent..start + end)
}

/// What may follow a value or header: blanks, then nothing or a comment.
fn rest_ok(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || (rest.starts_with('#') && comment_ok(rest))
}

/// TOML allows no control characters in comments but tab.
fn comment_ok(comment: &str) -> bool {
    comment
        .bytes()
        .all(|byte| byte == b'\t' || (byte >= 0x20 && byte != 0x7f))
}

/// A value as read, with its span.
enum Value<'a> {
    Text(Spanned<&'a str>),
    Texts(Spanned<Vec<Spanned<&'a str>>>),
    Integers(Spanned<Vec<Spanned<i64>>>),
    Bool(Spanned<bool>),
}

/// `key = value` and the rest of the line, `line` starting at `start`.
fn key_value(start: usize, line: &str) -> Option<(&str, Value<'_>)> {
    let key_len = line
        .bytes()
        .take_while(|&byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
        .count();
    let key = &line[..key_len];
    let rest = line[key_len..].trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('=')?.trim_start_matches([' ', '\t']);
    if key.is_empty() {
        return None;
    }
    let value_start = start + (line.len() - rest.len());
    let (value, rest) = value(value_start, rest)?;
    rest_ok(rest).then_some((key, value))
}

/// A value at the start of `text` (at offset `start`) and the text after it.
fn value(start: usize, text: &str) -> Option<(Value<'_>, &str)> {
    if text.starts_with('"') {
        let (string, rest) = string(start, text)?;
        return Some((Value::Text(string), rest));
    }
    if let Some(rest) = text.strip_prefix('[') {
        return array(start, rest);
    }
    for (word, flag) in [("true", true), ("false", false)] {
        if let Some(rest) = text.strip_prefix(word)
            && ends_value(rest)
        {
            let span = start..start + word.len();
            return Some((Value::Bool(Spanned::new(span, flag)), rest));
        }
    }
    None
}

/// Whether `rest`, after a bare value, ends it as TOML would.
fn ends_value(rest: &str) -> bool {
    matches!(
        rest.bytes().next(),
        None | Some(b' ' | b'\t' | b'#' | b',' | b']')
    )
}

/// A basic string without escapes at the start of `text` (at `start`).
fn string(start: usize, text: &str) -> Option<(Spanned<&str>, &str)> {
    let body = text.strip_prefix('"')?;
    let len = find_string_end(body.as_bytes(), 0)?;
    if body.as_bytes().get(len) != Some(&b'"') || len > MAX_STRING_BYTES {
        return None;
    }
    let span = start..start + len + 2;
    Some((Spanned::new(span, &body[..len]), &body[len + 1..]))
}

/// A single-line array after its `[` (at `start`): of strings or of integers.
fn array(start: usize, mut rest: &str) -> Option<(Value<'_>, &str)> {
    let mut texts = Vec::new();
    let mut integers = Vec::new();
    let offset = |rest: &str, whole_len: usize| start + 1 + (whole_len - rest.len());
    let whole_len = rest.len();
    rest = rest.trim_start_matches([' ', '\t']);
    if let Some(after) = rest.strip_prefix(']') {
        let span = start..offset(after, whole_len);
        return Some((Value::Texts(Spanned::new(span, Vec::new())), after));
    }
    loop {
        let at = offset(rest, whole_len);
        if rest.starts_with('"') && integers.is_empty() {
            let (item, after) = string(at, rest)?;
            texts.push(item);
            rest = after;
        } else if texts.is_empty() {
            let (item, after) = integer(at, rest)?;
            integers.push(item);
            rest = after;
        } else {
            return None;
        }
        rest = rest.trim_start_matches([' ', '\t']);
        if let Some(after) = rest.strip_prefix(']') {
            let span = start..offset(after, whole_len);
            let value = if integers.is_empty() {
                Value::Texts(Spanned::new(span, texts))
            } else {
                Value::Integers(Spanned::new(span, integers))
            };
            return Some((value, after));
        }
        rest = rest.strip_prefix(',')?.trim_start_matches([' ', '\t']);
        // A trailing comma or a line break inside the array: leave it to toml.
        if rest.starts_with(']') || rest.is_empty() {
            return None;
        }
    }
}

/// `0` or a decimal integer without sign, underscores or leading zeros.
fn integer(start: usize, text: &str) -> Option<(Spanned<i64>, &str)> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    let digits = &text[..len];
    if len == 0 || len > 18 || (len > 1 && digits.starts_with('0')) || !ends_value(&text[len..]) {
        return None;
    }
    let number = digits.parse().ok()?;
    Some((Spanned::new(start..start + len, number), &text[len..]))
}

fn owned(text: Spanned<&str>) -> Text {
    let span = text.span();
    Spanned::new(span, text.into_inner().to_string())
}

fn owned_list(list: Spanned<Vec<Spanned<&str>>>) -> TextList {
    let span = list.span();
    Spanned::new(span, list.into_inner().into_iter().map(owned).collect())
}

/// Sets a field that is still unset, from a value of its type.
fn put<T>(field: &mut Option<T>, value: T) -> Option<()> {
    if field.is_some() {
        return None;
    }
    *field = Some(value);
    Some(())
}

fn set_question_field(question: &mut RawQuestion, key: &str, value: Value<'_>) -> Option<()> {
    match (key, value) {
        ("id", Value::Text(text)) => put(&mut question.id, owned(text)),
        ("kind", Value::Text(text)) => put(&mut question.kind, owned(text)),
        ("topic", Value::Text(text)) => put(&mut question.topic, owned(text)),
        ("prompt", Value::Text(text)) => put(&mut question.prompt, owned(text)),
        ("explanation", Value::Text(text)) => put(&mut question.explanation, owned(text)),
        ("difficulty", Value::Text(text)) => put(&mut question.difficulty, owned(text)),
        ("deeper", Value::Text(text)) => put(&mut question.deeper, owned(text)),
        ("hint", Value::Text(text)) => put(&mut question.hint, owned(text)),
        ("model_answer", Value::Text(text)) => put(&mut question.model_answer, owned(text)),
        ("facts", Value::Texts(list)) => put(&mut question.facts, owned_list(list)),
        ("tags", Value::Texts(list)) => put(&mut question.tags, owned_list(list)),
        ("choices", Value::Texts(list)) => put(&mut question.choices, owned_list(list)),
        ("accept", Value::Texts(list)) => put(&mut question.accept, owned_list(list)),
        ("items", Value::Texts(list)) => put(&mut question.items, owned_list(list)),
        ("correct", Value::Integers(list)) => put(&mut question.correct, list),
        // An empty array reads as strings above; it is as good a list of numbers.
        ("correct", Value::Texts(list)) if list.get_ref().is_empty() => {
            put(&mut question.correct, Spanned::new(list.span(), Vec::new()))
        }
        ("multiple", Value::Bool(flag)) => put(&mut question.multiple, flag),
        ("answer", Value::Bool(flag)) => put(&mut question.answer, flag),
        ("fold_case", Value::Bool(flag)) => put(&mut question.fold_case, flag),
        ("fold_accents", Value::Bool(flag)) => put(&mut question.fold_accents, flag),
        ("fold_punctuation", Value::Bool(flag)) => put(&mut question.fold_punctuation, flag),
        ("typos", Value::Bool(flag)) => put(&mut question.typos, flag),
        _ => None,
    }
}

fn set_concept_field(concept: &mut RawConcept, key: &str, value: Value<'_>) -> Option<()> {
    match (key, value) {
        ("name", Value::Text(text)) => put(&mut concept.name, owned(text)),
        ("phrases", Value::Texts(list)) => put(&mut concept.phrases, owned_list(list)),
        ("contradicts", Value::Texts(list)) => put(&mut concept.contradicts, owned_list(list)),
        ("together", Value::Texts(list)) => put(&mut concept.together, owned_list(list)),
        ("subject", Value::Text(text)) => put(&mut concept.subject, owned(text)),
        ("required", Value::Bool(flag)) => put(&mut concept.required, flag),
        ("facts", Value::Texts(list)) => put(&mut concept.facts, owned_list(list)),
        ("followup", Value::Texts(list)) => put(&mut concept.followup, owned_list(list)),
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::bank::cut_tests::BANK;
    use crate::bank::parse::{Fallback, parse_chunk};
    use crate::bank::split::{Table, split};
    use crate::diagnostic::SourceText;

    /// Reads every question chunk of `text` both ways; asserts that whatever
    /// this reader accepts, toml reads the same way, spans included. Returns how
    /// many chunks it accepted.
    pub(in crate::bank) fn agree(text: &str) -> usize {
        let source = SourceText::new("q.toml".into(), text);
        let mut n_read = 0;
        let split = split(text);
        let questions = split
            .chunks
            .iter()
            .filter(|chunk| chunk.table == Table::Question);
        for chunk in questions {
            let Some(quick) = read_question(&text[chunk.span.clone()]) else {
                continue;
            };
            let mut diagnostics = Vec::new();
            let toml = parse_chunk::<RawQuestion>(&source, chunk, &mut diagnostics);
            let quick: Result<_, Fallback> = Ok(Some(quick));
            assert_eq!(format!("{quick:?}"), format!("{toml:?}"), "{text}");
            assert!(diagnostics.is_empty());
            n_read += 1;
        }
        n_read
    }

    /// Fields of plain types (strings, booleans, lists of them or of integers)
    /// that this reader leaves to toml on purpose: a scenario question always
    /// has a `[question.goal]` table, which sends it to toml anyway.
    const LEFT_TO_TOML: &[&str] = &["solution", "wrong"];

    /// A value of the type a field's JSON Schema gives, when it is one this
    /// reader could read.
    fn sample(property: &serde_json::Value) -> Option<&'static str> {
        let types = |value: &serde_json::Value| -> Vec<String> {
            match value.get("type") {
                Some(serde_json::Value::String(name)) => vec![name.clone()],
                Some(serde_json::Value::Array(names)) => names
                    .iter()
                    .filter_map(|name| name.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let own = types(property);
        let has = |types: &[String], name: &str| types.iter().any(|found| found == name);
        if has(&own, "string") {
            Some("\"x\"")
        } else if has(&own, "boolean") {
            Some("true")
        } else if has(&own, "array") {
            let items = types(&property["items"]);
            if has(&items, "string") {
                Some("[\"x\"]")
            } else if has(&items, "integer") {
                Some("[1]")
            } else {
                None
            }
        } else {
            None
        }
    }

    /// The schema's list of fields and this reader's are kept apart (the
    /// reader sets struct fields by name); this keeps them from drifting.
    #[test]
    fn every_plain_field_of_the_schema_is_read_here_unless_left_on_purpose() {
        let tables = [
            (
                serde_json::to_value(schemars::schema_for!(RawQuestion)),
                "[[question]]\n",
            ),
            (
                serde_json::to_value(schemars::schema_for!(RawConcept)),
                "[[question]]\n[[question.concept]]\n",
            ),
        ];
        let mut left_seen = Vec::new();
        for (schema, header) in tables {
            let schema = schema.unwrap();
            let properties = schema["properties"].as_object().unwrap();
            for (field, property) in properties {
                let Some(value) = sample(property) else {
                    continue;
                };
                let text = format!("{header}{field} = {value}\n");
                let left = LEFT_TO_TOML.contains(&field.as_str());
                if left {
                    left_seen.push(field.clone());
                }
                assert_eq!(read_question(&text).is_some(), !left, "{text}");
            }
        }
        assert_eq!(left_seen, LEFT_TO_TOML);
    }

    const PLAIN: &str = "[[question]] # first\r\nid = \"a.b\"\n  kind=\"choice\"\t# the kind\nchoices = [ \"x\",\"y\" ]\ncorrect = [1, 20]\nmultiple = false\ntags = []\nprompt = \"été \t\"\n# a comment\n\n";

    #[test]
    fn plain_questions_read_as_toml_reads_them() {
        // The second question has a multi-line prompt: toml reads it.
        assert_eq!(agree(BANK), 2);
        assert_eq!(agree(PLAIN), 1);
        let recall = "[[question]]\nid = \"a.b\"\n\n[[question.concept]]\nname = \"n\"\nphrases = [\"p\", \"q\"]\nrequired = true\n[[ question.concept ]] # two\ncontradicts = []\n";
        assert_eq!(agree(recall), 1);
        assert_eq!(agree("[[question]]"), 1);
        // Any character but controls may be in strings and comments.
        let unicode = "[[question]]\nid = \"a\u{85}\u{a0}\u{2028}\u{feff}\u{10ffff}\" # c\u{85}\n";
        assert_eq!(agree(unicode), 1);
    }

    #[test]
    fn anything_else_is_left_to_toml() {
        for change in [
            ("\"a.b\"", "\"a\\u0062\""),
            ("\"a.b\"", "'a.b'"),
            ("\"a.b\"", "\"\"\"a.b\"\"\""),
            ("\"a.b\"", "3"),
            ("\"a.b\"", "\"a.b\" x"),
            ("\"a.b\"", "\"a\u{1}b\""),
            ("id =", "id.x ="),
            ("id =", "\"id\" ="),
            ("id =", "promt ="),
            ("kind=", "id="),
            ("[1, 20]", "[1, 20,]"),
            ("[1, 20]", "[1,\n20]"),
            ("[1, 20]", "[01]"),
            ("[1, 20]", "[+1]"),
            ("[1, 20]", "[1.5]"),
            ("[1, 20]", "[1, \"a\"]"),
            ("[1, 20]", "[[1]]"),
            ("[1, 20]", "{ a = 1 }"),
            ("[ \"x\",\"y\" ]", "[1]"),
            ("false", "falsey"),
            ("false", "0"),
            ("# a comment", "# a \u{7f} comment"),
            ("# a comment", "# a \u{1} comment"),
            ("\"a.b\"", "\"a.b\"\u{a0}"),
            ("id =", "id\u{a0}="),
            ("id =", "\u{feff}id ="),
            ("\r\n", "\r"),
            ("tags = []", "[question.x]"),
            ("tags = []", "[[question.concept]]\nweight = 2"),
            ("tags = []", "[[question.concept]]\nid = \"a\""),
            ("[[question]]", "[[questions]]"),
            ("[[question]]", "[question]"),
        ] {
            let (old, new) = change;
            assert!(PLAIN.contains(old), "{old}");
            let text = PLAIN.replacen(old, new, 1);
            assert!(read_question(&text).is_none(), "{text}");
        }
        let long = format!(
            "[[question]]\nprompt = \"{}\"\n",
            "x".repeat(MAX_STRING_BYTES + 1)
        );
        assert!(read_question(&long).is_none());
    }
}
