//! JSON Schemas (draft-07) for bank files and org files, for authors' editors
//! (Taplo, Even Better TOML) and for CI's Taplo check of `content/`.
//!
//! The shapes come from the raw serde types (`bank::schema`, `org`'s
//! `OrgFile`) through `schemars`, so every key, its type, its doc
//! comment and `deny_unknown_fields` follow the code that reads the files.
//! [`bank`] and [`org`] then add what serde does not know: the required fields
//! (all raw bank fields are optional so that the validator can report every
//! missing one), the per-kind rules of `schema::kind_fields` and
//! `schema::kind_required`, the allowed values, and examples. The committed
//! `schemas/*.schema.json` are checked against these functions by a test.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

use crate::bank::parse::FORMAT_VERSION;
use crate::bank::schema::KIND_NAMES;
use crate::bank::schema::{
    AVOID_REQUIRED, CONCEPT_REQUIRED, FACT_REQUIRED, GOAL_REQUIRED, QUESTION_REQUIRED, RawBank,
    kind_fields, kind_required,
};
use crate::model::fact::Confidence;
use crate::model::question::Difficulty;
use crate::org::{License, OrgFile, SiteStatus, Template, UserKind};

/// The schema of a bank file, as `xcdrill schema bank` prints it.
pub fn bank() -> Value {
    let mut schema = generate::<RawBank>();
    let definitions = definitions(&mut schema);

    let fact = object(definitions, "RawFact");
    require(fact, FACT_REQUIRED);
    enumerate(fact, "confidence", Confidence::ALL.map(Confidence::letter));
    property(fact, "source")["pattern"] = json!(r"^(seed:\s*\S.*|D[0-9]+(\.[0-9]+)?)$");
    example(fact, "id", "chain.contact-needs-account");
    example(fact, "source", "seed: Quick answer");

    let question = object(definitions, "RawQuestion");
    require(question, QUESTION_REQUIRED);
    enumerate(question, "kind", KIND_NAMES.iter().copied());
    enumerate(
        question,
        "difficulty",
        Difficulty::ALL.map(Difficulty::name),
    );
    property(question, "pass")["minimum"] = json!(0);
    property(question, "pass")["maximum"] = json!(1);
    property(question, "facts")["minItems"] = json!(1);
    example(question, "id", "setup.first-step");
    example(question, "topic", "setup");
    question.insert("allOf".into(), Value::Array(kind_rules()));

    let concept = object(definitions, "RawConcept");
    require(concept, CONCEPT_REQUIRED);
    property(concept, "weight")["exclusiveMinimum"] = json!(0);

    let avoid = object(definitions, "RawAvoid");
    require(avoid, AVOID_REQUIRED);
    property(avoid, "score")["minimum"] = json!(0);
    property(avoid, "score")["exclusiveMaximum"] = json!(1);
    example(avoid, "command", "disable user");

    let goal = object(definitions, "RawGoal");
    require(goal, GOAL_REQUIRED);
    enumerate(goal, "as", UserKind::ALL.map(UserKind::name));
    enumerate(goal, "license", License::ALL.map(License::name));

    org_rules(definitions);
    let root = schema
        .as_object_mut()
        .expect("a generated schema is an object");
    property(root, "format_version")["const"] = json!(FORMAT_VERSION);
    schema
}

/// The schema of an org file, as `xcdrill schema org` prints it.
pub fn org() -> Value {
    let mut schema = generate::<OrgFile>();
    let root = schema
        .as_object_mut()
        .expect("a generated schema is an object");
    root.insert("title".into(), json!("xcdrill org file"));
    org_rules(definitions(&mut schema));
    schema
}

/// `if kind == X then required [...]`, and the other kinds' fields refused, for
/// each kind.
fn kind_rules() -> Vec<Value> {
    let all_kind_fields: Vec<&str> = KIND_NAMES
        .iter()
        .flat_map(|kind| kind_fields(kind).iter().copied())
        .collect();
    KIND_NAMES
        .iter()
        .map(|kind| {
            let own = kind_fields(kind);
            let mut refused = Map::new();
            for field in &all_kind_fields {
                if !own.contains(field) {
                    refused.insert((*field).to_string(), Value::Bool(false));
                }
            }
            json!({
                "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
                "then": { "required": kind_required(kind), "properties": refused },
            })
        })
        .collect()
}

/// The allowed values and ranges of org files, whole or inline in a bank.
fn org_rules(definitions: &mut Map<String, Value>) {
    let license_names = License::ALL.map(License::name);
    enumerate(object(definitions, "LicenseFile"), "name", license_names);
    enumerate(object(definitions, "ProfileFile"), "license", license_names);
    let site = object(definitions, "SiteFile");
    enumerate(site, "template", Template::ALL.map(Template::name));
    enumerate(site, "status", SiteStatus::ALL.map(SiteStatus::name));
    let settings = object(definitions, "SettingsFile");
    for roles in ["partner_roles", "customer_roles"] {
        property(settings, roles)["minimum"] = json!(1);
        property(settings, roles)["maximum"] = json!(3);
    }
    let license = object(definitions, "LicenseFile");
    property(license, "seats")["minimum"] = json!(0);
    property(license, "used")["minimum"] = json!(0);
}

/// The draft-07 schema of `T`, without the `null`s that `Option` adds: TOML has
/// no null, and an absent key is what `Option` means.
fn generate<T: JsonSchema>() -> Value {
    let schema: Schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    strip_null(&mut value);
    value
}

fn strip_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|kind| kind != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("anyOf") {
                options.retain(|option| option != &json!({ "type": "null" }));
                if options.len() == 1 {
                    let only = options.remove(0);
                    map.remove("anyOf");
                    if let Value::Object(only) = only {
                        map.extend(only);
                    }
                }
            }
            map.values_mut().for_each(strip_null);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

fn definitions(schema: &mut Value) -> &mut Map<String, Value> {
    schema["definitions"]
        .as_object_mut()
        .expect("the raw types have definitions")
}

fn object<'a>(definitions: &'a mut Map<String, Value>, name: &str) -> &'a mut Map<String, Value> {
    definitions
        .get_mut(name)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no definition `{name}`"))
}

fn property<'a>(object: &'a mut Map<String, Value>, name: &str) -> &'a mut Value {
    object
        .get_mut("properties")
        .and_then(|properties| properties.get_mut(name))
        .unwrap_or_else(|| panic!("no property `{name}`"))
}

fn require(object: &mut Map<String, Value>, fields: &[&str]) {
    object.insert("required".into(), json!(fields));
}

fn enumerate<'a>(
    object: &mut Map<String, Value>,
    name: &str,
    values: impl IntoIterator<Item = &'a str>,
) {
    let values: Vec<&str> = values.into_iter().collect();
    property(object, name)["enum"] = json!(values);
}

fn example(object: &mut Map<String, Value>, name: &str, value: &str) {
    property(object, name)["examples"] = json!([value]);
}
