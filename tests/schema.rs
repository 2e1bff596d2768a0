//! The committed schema is exactly the one generated from `src/model.rs`, and it compiles.

use crate::util;

#[test]
fn committed_schema_matches_the_model() {
    let committed = std::fs::read_to_string(util::root().join(avtale::schema::SCHEMA_PATH))
        .expect("schema file exists");
    let generated = avtale::schema::generate_pretty();
    assert!(
        committed == generated,
        "{} is out of date with src/model.rs; regenerate it with:\n\n    {}\n",
        avtale::schema::SCHEMA_PATH,
        avtale::schema::REGENERATE_COMMAND
    );
}

#[test]
fn schema_declares_draft_2020_12_id_title_and_version() {
    let schema = avtale::schema::generate();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], avtale::schema::SCHEMA_ID);
    assert!(
        schema["title"]
            .as_str()
            .is_some_and(|t| t.contains(avtale::model::SCHEMA_VERSION))
    );
}

#[test]
fn validate_names_the_json_pointer_of_a_broken_field() {
    let mut doc =
        serde_json::to_value(avtale::parse_str("Avtale om noe\n", "x.txt")).expect("serializes");
    doc["source"]["layout"] = "pdf".into();
    let violations = avtale::schema::validate(&doc);
    assert!(
        violations.iter().any(|v| v.pointer == "/source/layout"),
        "should name /source/layout: {violations:?}"
    );
}

#[test]
fn validate_points_inside_optional_fields_and_tagged_blocks() {
    let text = "Avtale om noe\n\nBakgrunn\n\nPartene er enige.\n";
    let mut doc = serde_json::to_value(avtale::parse_str(text, "x.txt")).expect("serializes");
    doc["title"]["span"]["start"] = "a".into();
    doc["sections"][0]["blocks"][0]["type"] = "table".into();
    let violations = avtale::schema::validate(&doc);
    let pointers: Vec<&str> = violations.iter().map(|v| v.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/sections/0/blocks/0/type", "/title/span/start"],
        "{violations:?}"
    );
    assert!(
        violations[0]
            .message
            .contains(r#""table" is not one of "paragraph""#),
        "an unknown block type names the allowed ones: {violations:?}"
    );
}

#[test]
fn cli_validate_rejects_a_hand_broken_document_with_its_pointer() {
    let mut doc =
        serde_json::to_value(avtale::parse_str("Avtale om noe\n", "x.txt")).expect("serializes");
    doc["kind"] = 7.into();
    let out = util::run(&["validate", "-"], doc.to_string().as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "invalid input exits 1: {stderr}"
    );
    assert!(
        stderr.contains("-:1: /kind:"),
        "message names file, line and pointer: {stderr}"
    );
}

#[test]
fn cli_parse_of_all_fixtures_validates_as_json_lines() {
    let mut args = vec!["parse".to_owned()];
    args.extend(
        util::fixture_paths()
            .iter()
            .map(|p| p.display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let parsed = util::run(&args, b"");
    assert_eq!(
        parsed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let lines = parsed.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(
        lines,
        util::fixture_paths().len(),
        "one JSON line per fixture"
    );
    let checked = util::run(&["validate", "-"], &parsed.stdout);
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}
