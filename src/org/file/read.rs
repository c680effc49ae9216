//! Reading an org file's TOML into its shape, one entry at a time, so that
//! every entry's unknown keys and missing fields are reported together.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::shape::{OrgFile, SettingsFile};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::suggest::closest;

/// The hint for problems with an org file's shape.
const SHAPE_HINT: &str = "an org file has [settings] and [[license]], [[profile]], [[site]], [[internal_user]], [[account]], [[contact]], [[external_user]] tables";

/// The top-level keys of an org file.
const TABLES: &[&str] = &[
    "settings",
    "license",
    "profile",
    "site",
    "internal_user",
    "account",
    "contact",
    "external_user",
];

/// Reads the file's tables one entry at a time, so an unknown key or a missing
/// field in one entry is reported together with those of every other entry.
pub(super) fn read(source: &SourceText<'_>) -> Result<OrgFile, Vec<Diagnostic>> {
    let root =
        DeTable::parse(source.text).map_err(|error| vec![toml_problem(source, &error, 0..0)])?;
    let mut file = OrgFile::default();
    let mut errors = Vec::new();
    for (key, value) in root.into_inner() {
        let key_span = key.span();
        match key.get_ref().as_ref() {
            "settings" => {
                let span = value.span();
                match SettingsFile::deserialize(ValueDeserializer::from(value)) {
                    Ok(settings) => file.settings = settings,
                    Err(error) => errors.push(toml_problem(source, &error, span)),
                }
            }
            "license" => entries(source, key_span, value, &mut file.license, &mut errors),
            "profile" => entries(source, key_span, value, &mut file.profile, &mut errors),
            "site" => entries(source, key_span, value, &mut file.site, &mut errors),
            "internal_user" => entries(
                source,
                key_span,
                value,
                &mut file.internal_user,
                &mut errors,
            ),
            "account" => entries(source, key_span, value, &mut file.account, &mut errors),
            "contact" => entries(source, key_span, value, &mut file.contact, &mut errors),
            "external_user" => entries(
                source,
                key_span,
                value,
                &mut file.external_user,
                &mut errors,
            ),
            other => {
                let hint = match closest(other, TABLES.iter().copied()) {
                    Some(table) => format!("did you mean `{table}`?"),
                    None => SHAPE_HINT.to_string(),
                };
                errors.push(source.error(key_span, format!("unknown key `{other}`"), hint));
            }
        }
    }
    if errors.is_empty() {
        Ok(file)
    } else {
        // The tables come back by key, not in file order.
        errors.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
        Err(errors)
    }
}

/// Reads each entry of an array of tables on its own.
fn entries<'de, T: Deserialize<'de>>(
    source: &SourceText<'_>,
    key_span: Range<usize>,
    value: Spanned<DeValue<'de>>,
    out: &mut Vec<Spanned<T>>,
    errors: &mut Vec<Diagnostic>,
) {
    let DeValue::Array(items) = value.into_inner() else {
        errors.push(source.error(
            key_span,
            "expected an array of tables".to_string(),
            SHAPE_HINT,
        ));
        return;
    };
    for item in items {
        let span = item.span();
        match T::deserialize(ValueDeserializer::from(item)) {
            Ok(entry) => out.push(Spanned::new(span, entry)),
            Err(error) => errors.push(toml_problem(source, &error, span)),
        }
    }
}

fn toml_problem(
    source: &SourceText<'_>,
    error: &toml::de::Error,
    fallback: Range<usize>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let message = error.message().trim().trim_end_matches('.').to_string();
    source.error(span, message, SHAPE_HINT)
}
