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
    let mut out = Vec::new();
    for error in validator().iter_errors(value) {
        push_violations(&error, &mut out);
    }
    out
}

/// Adds the violations one error stands for. An optional field is an `anyOf`
/// of its type and `null`, a block a `oneOf` of variants told apart by their
/// `type` tag; when a value fails, the useful message is the one inside the
/// alternative it was meant to match (`/title/span/start` is not an integer),
/// not "`/title` is not valid under any of the schemas".
fn push_violations(error: &jsonschema::ValidationError<'_>, out: &mut Vec<Violation>) {
    use jsonschema::error::ValidationErrorKind;
    let (ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context }) =
        error.kind()
    else {
        out.push(Violation {
            pointer: error.instance_path().to_string(),
            message: error.to_string(),
        });
        return;
    };
    let depth = |e: &jsonschema::ValidationError<'_>| e.instance_path().as_str().len();
    let is_constant = |e: &jsonschema::ValidationError<'_>| {
        matches!(e.kind(), ValidationErrorKind::Constant { .. })
    };
    // A branch whose constant (a tag, an enumeration value) differs is another variant.
    let meant = context
        .iter()
        .filter(|branch| !branch.is_empty() && !branch.iter().any(is_constant))
        .max_by_key(|branch| branch.iter().map(depth).max().unwrap_or(0))
        .filter(|branch| branch.iter().any(|e| depth(e) > depth(error)));
    if let Some(branch) = meant {
        branch.iter().for_each(|e| push_violations(e, out));
        return;
    }
    // Every branch wants another constant at one place: name the allowed values there.
    let constants: Vec<_> = context
        .iter()
        .flatten()
        .filter(|e| is_constant(e))
        .collect();
    if let Some(first) = constants.first()
        && constants.len() == context.len()
        && constants
            .iter()
            .all(|e| e.instance_path() == first.instance_path())
    {
        let allowed: Vec<String> = constants
            .iter()
            .filter_map(|e| match e.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    Some(expected_value.to_string())
                }
                _ => None,
            })
            .collect();
        out.push(Violation {
            pointer: first.instance_path().to_string(),
            message: format!("{} is not one of {}", first.instance(), allowed.join(", ")),
        });
        return;
    }
    // Each alternative failed on the value itself: say why each did.
    let mut reasons: Vec<String> = context.iter().flatten().map(ToString::to_string).collect();
    reasons.dedup();
    let message = if reasons.is_empty() {
        error.to_string()
    } else {
        format!("no alternative fits: {}", reasons.join("; or "))
    };
    out.push(Violation {
        pointer: error.instance_path().to_string(),
        message,
    });
}
