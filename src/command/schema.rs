//! `xcdrill schema bank|org`: the JSON Schema of bank or org files (`json_schema`).

use std::io::Write;

use crate::bank::json_schema;
use crate::cli::SchemaKind;
use crate::{Error, Status};

pub fn run(which: SchemaKind) -> Result<Status, Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text(which).as_bytes())?;
    Ok(Status::Success)
}

/// The schema as printed and as committed under `schemas/`: pretty JSON and a
/// final newline.
pub fn text(which: SchemaKind) -> String {
    let schema = match which {
        SchemaKind::Bank => json_schema::bank(),
        SchemaKind::Org => json_schema::org(),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    text.push('\n');
    text
}
