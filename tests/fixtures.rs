//! One JSON snapshot and one outline snapshot per fixture (driven by a glob, so a new
//! fixture file adds its tests), each JSON validated against the published schema.

#[test]
fn every_fixture_parses_to_a_schema_valid_snapshot_and_outline() {
    insta::glob!("../fixtures", "*.txt", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        let doc = crate::util::parse_fixture(name);
        let value = serde_json::to_value(&doc).expect("serializes");
        let violations = avtale::schema::validate(&value);
        assert!(
            violations.is_empty(),
            "{name}: schema violations: {violations:?}"
        );
        insta::assert_json_snapshot!("json", value);
        insta::assert_snapshot!("outline", avtale::outline::render(&doc));
    });
}
