//! Phrase-level case files: `tests/cases/*.txt`, each split into `--- name ---` sections
//! holding an input, a line with a single `.`, and the expected JSON.
//!
//! ```text
//! --- written date with a day ---
//! Oslo 23. oktober 2019
//! .
//! [{"role": "signed", "value": "2019-10-23", "precision": "day", "end": null, "text": "23. oktober 2019"}]
//! ```
//!
//! The file's stem picks what the input is run through (see [`render`]). Adding a case
//! means adding text. To fill in the expectations of new cases, run
//! `AVTALE_BLESS_CASES=1 cargo test cases` and review the diff line by line.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::root;

/// One case of a case file.
struct Case {
    name: String,
    input: String,
    expected: String,
}

/// A case being read: its name, input lines, and expected lines once the `.` line was seen.
struct Draft<'s> {
    name: &'s str,
    input: Vec<&'s str>,
    expected: Option<Vec<&'s str>>,
}

impl Draft<'_> {
    fn finish(self) -> Case {
        Case {
            name: self.name.to_owned(),
            input: self.input.join("\n"),
            expected: self
                .expected
                .unwrap_or_default()
                .join("\n")
                .trim()
                .to_owned(),
        }
    }
}

/// Splits a case file into its cases.
fn parse_cases(source: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Option<Draft<'_>> = None;
    for line in source.lines() {
        if let Some(name) = line
            .strip_prefix("--- ")
            .and_then(|l| l.strip_suffix(" ---"))
        {
            cases.extend(current.take().map(Draft::finish));
            current = Some(Draft {
                name,
                input: Vec::new(),
                expected: None,
            });
        } else if let Some(draft) = current.as_mut() {
            match draft.expected.as_mut() {
                Some(expected) => expected.push(line),
                None if line == "." => draft.expected = Some(Vec::new()),
                None => draft.input.push(line),
            }
        }
    }
    cases.extend(current.map(Draft::finish));
    cases
}

/// Runs an input through the stage the case file is about.
///
/// - `dates`: the whole parser; the document's `dates` without spans.
/// - `term`: the whole parser; `term` (start, end, duration, valid_until, notice_period,
///   evaluation, termination text) and `signing` (place, date).
fn render(kind: &str, input: &str) -> Value {
    let doc = avtale::parse_str(input, "case.txt");
    match kind {
        "dates" => doc
            .dates
            .iter()
            .map(|d| {
                assert_eq!(
                    &input[d.span.start..d.span.end],
                    d.text,
                    "the span of `{}` slices its text",
                    d.text
                );
                json!({
                    "role": d.role,
                    "value": d.value,
                    "precision": d.precision,
                    "end": d.end.as_ref().map(|e| &e.value),
                    "text": d.text,
                })
            })
            .collect(),
        "term" => {
            let t = &doc.term;
            let value = |d: &Option<avtale::model::DateValue>| d.as_ref().map(|d| d.value.clone());
            json!({
                "start": value(&t.start),
                "end": value(&t.end),
                "duration": t.duration,
                "valid_until": value(&t.valid_until),
                "notice_period": t.notice_period,
                "evaluation": t.evaluation,
                "termination": t.termination.as_ref().map(|x| &x.text),
                "signed_place": doc.signing.as_ref().and_then(|s| s.place.clone()),
                "signed_date": doc.signing.as_ref().and_then(|s| value(&s.date)),
            })
        }
        other => panic!("no renderer for case file `{other}.txt`: add one to tests/cases.rs"),
    }
}

/// Formats a result the way case files write it: one line per list item.
fn format(value: &Value) -> String {
    match value {
        Value::Array(items) if !items.is_empty() => {
            let lines: Vec<String> = items.iter().map(|v| format!("  {v}")).collect();
            format!("[\n{}\n]", lines.join(",\n"))
        }
        other => other.to_string(),
    }
}

fn run_file(path: &Path) -> Vec<String> {
    let kind = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 case file name");
    let source = std::fs::read_to_string(path).expect("case file readable");
    let bless = std::env::var_os("AVTALE_BLESS_CASES").is_some();
    let mut failures = Vec::new();
    let mut blessed = String::new();
    for case in parse_cases(&source) {
        let got = render(kind, &case.input);
        let expected: Option<Value> = serde_json::from_str(&case.expected).ok();
        if expected.as_ref() != Some(&got) {
            failures.push(format!(
                "{kind}.txt: case `{}`\ninput: {}\nwant:  {}\ngot:   {}",
                case.name,
                case.input,
                case.expected,
                format(&got)
            ));
        }
        blessed.push_str(&format!(
            "--- {} ---\n{}\n.\n{}\n\n",
            case.name,
            case.input,
            format(&got)
        ));
    }
    if bless {
        std::fs::write(path, blessed.trim_end().to_owned() + "\n").expect("case file writable");
        return Vec::new();
    }
    failures
}

#[test]
fn every_case_file_holds() {
    let dir = root().join("tests").join("cases");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let failures: Vec<String> = paths.iter().flat_map(|p| run_file(p)).collect();
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_date_cases_are_many_and_named_uniquely() {
    let source =
        std::fs::read_to_string(root().join("tests/cases/dates.txt")).expect("dates.txt readable");
    let cases = parse_cases(&source);
    assert!(
        cases.len() >= 120,
        "dates.txt should hold at least 120 cases, has {}",
        cases.len()
    );
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(
        before,
        names.len(),
        "case names in dates.txt should be unique"
    );
}
