//! `model.rs` types → the published JSON Schema (draft 2020-12), and JSON documents → violations.
//!
//! The schema is generated with schemars and committed as
//! `schema/avtale-1.schema.json`; a test fails when they drift. Validation
//! uses the committed file embedded at compile time, so the binary checks
//! against exactly what is published.

use std::sync::OnceLock;

use crate::model::{Document, SCHEMA_VERSION};

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "urn:avtale:schema:document:1";

/// Path of the committed schema, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/avtale-1.schema.json";

/// The command that regenerates the committed schema.
pub const REGENERATE_COMMAND: &str = "cargo run --quiet -- schema > schema/avtale-1.schema.json";

/// The committed schema, embedded at compile time.
pub const PUBLISHED_SCHEMA: &str = include_str!("../schema/avtale-1.schema.json");

/// Generates the JSON Schema of [`Document`] from the Rust types.
///
/// # Example
/// ```
/// let schema = avtale::schema::generate();
/// assert_eq!(schema["$id"], avtale::schema::SCHEMA_ID);
/// ```
pub fn generate() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), SCHEMA_ID.into());
        obj.insert(
            "title".into(),
            format!("avtale document, schema {SCHEMA_VERSION}").into(),
        );
        obj.insert("x-schema-version".into(), SCHEMA_VERSION.into());
    }
    schema
}

/// The generated schema as pretty JSON with a final newline, exactly as committed.
pub fn generate_pretty() -> String {
    let mut s = serde_json::to_string_pretty(&generate()).unwrap_or_default();
    s.push('\n');
    s
}

/// One way a JSON value breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value ("" for the root).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(PUBLISHED_SCHEMA)
            .expect("the embedded schema is valid JSON (checked by tests)");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the embedded schema compiles (checked by tests)")
    })
}

/// Validates a JSON value against the published schema, returning every violation.
///
/// # Example
/// ```
/// let broken = serde_json::json!({"schema_version": "1.0.0"});
/// let violations = avtale::schema::validate(&broken);
/// assert!(!violations.is_empty());
/// ```
pub fn validate(value: &serde_json::Value) -> Vec<Violation> {
    validator()
        .iter_errors(value)
        .map(|e| Violation {
            pointer: e.instance_path().to_string(),
            message: e.to_string(),
        })
        .collect()
}
