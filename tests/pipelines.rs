//! Pipelines and people (issue 8): flat tables, the streaming mapper, the DuckDB
//! proof, `show`, `check`, completions and the man page.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use avtale::model::{Actor, Block, Document, Item, Modality, Section, Source, Span};
use avtale::table::TableKind;

use crate::util::{self, Dir};

/// The documented column sets, spelled out so that a change to one is a
/// deliberate change to this test (the README promises they are stable).
const COLUMNS: [(&str, &str); 5] = [
    (
        "obligations",
        "source_name,source_sha256,section_id,block,actors,joint,modality,lead_in,item,item_text,item_start,item_end,item_line",
    ),
    (
        "signatories",
        "source_name,source_sha256,section_id,index,name,title,party,start,end,line",
    ),
    (
        "dates",
        "source_name,source_sha256,section_id,index,role,value,precision,end_value,text,start,end,line",
    ),
    (
        "references",
        "source_name,source_sha256,section_id,index,kind,text,number,session,title,start,end,line",
    ),
    (
        "sections",
        "source_name,source_sha256,section_id,parent_id,level,heading,blocks,obligation_items,start,end,line",
    ),
];

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "avtale failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn fixture_args() -> Vec<String> {
    util::fixture_paths()
        .iter()
        .map(|p| format!("fixtures/{}", p.file_name().unwrap().to_string_lossy()))
        .collect()
}

/// Parses all fixtures into one JSON Lines string, as `avtale parse --compact` does.
fn fixtures_jsonl() -> String {
    let mut args = vec!["parse".to_owned(), "--compact".to_owned()];
    args.extend(fixture_args());
    stdout(&util::avtale().args(&args).output().expect("avtale runs"))
}

// ---------------------------------------------------------------- synthetic documents

/// An obligations block of a synthetic document: section id, actor ids, joint, lead-in, items.
type BlockSpec<'a> = (&'a str, &'a [&'a str], bool, &'a str, &'a [&'a str]);

/// A document built by hand with obligations in nested sections, so the table
/// and DuckDB tests have non-trivial numbers whatever the extractors find.
/// A section id with a `/` becomes a sub-section of the section before it.
fn synthetic(name: &str, text: &str, blocks: &[BlockSpec<'_>]) -> Document {
    let span_of = |needle: &str| {
        let start = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the synthetic text"));
        let line = 1 + text[..start].matches('\n').count();
        Span {
            start,
            end: start + needle.len(),
            line,
        }
    };
    let mut doc = Document::empty(Source::describe(name, text.as_bytes(), "utf-8"));
    let whole = Span {
        start: 0,
        end: text.len(),
        line: 1,
    };
    for (section_id, parties, joint, lead_in, items) in blocks {
        let block = Block::Obligations {
            actor: Actor {
                parties: parties.iter().map(|p| (*p).to_owned()).collect(),
                joint: *joint,
            },
            modality: Modality::Skal,
            lead_in: Some((*lead_in).to_owned()),
            lead_in_span: Some(span_of(lead_in)),
            items: items
                .iter()
                .map(|item| Item {
                    text: (*item).to_owned(),
                    span: span_of(item),
                })
                .collect(),
            span: span_of(lead_in),
        };
        let level = 1 + section_id.matches('/').count() as u32;
        let section = Section {
            id: (*section_id).to_owned(),
            heading: Some((*section_id).to_owned()),
            heading_span: None,
            level,
            span: whole,
            blocks: vec![block],
            sections: Vec::new(),
        };
        match doc.sections.last_mut() {
            Some(parent) if level == 2 => parent.sections.push(section),
            _ => doc.sections.push(section),
        }
    }
    doc
}

/// Two documents: `regjeringen;ks` commits 5 items over 2 documents, `ks` 2 items
/// in 1, and an obligations block without a named actor 1 item in 1.
fn synthetic_jsonl() -> String {
    let first = "Avtale om samarbeid\n\nPartene skal:\n- styrke samarbeidet, \"raskt\" og godt\n- følge opp tiltakene\n\
                 - evaluere avtalen årlig\n\nKS skal:\n- informere kommunene\n- gi råd\n\nDet skal:\n- rapporteres\n";
    let second =
        "Avtale om planer\n\nRegjeringen og KS skal:\n- ha to møter i året\n- lage en plan\n";
    let docs = [
        synthetic(
            "synthetic-1.txt",
            first,
            &[
                (
                    "innsats",
                    &["regjeringen", "ks"],
                    true,
                    "Partene skal:",
                    &[
                        "styrke samarbeidet, \"raskt\" og godt",
                        "følge opp tiltakene",
                        "evaluere avtalen årlig",
                    ],
                ),
                (
                    "ks",
                    &["ks"],
                    false,
                    "KS skal:",
                    &["informere kommunene", "gi råd"],
                ),
                ("ks/rapport", &[], false, "Det skal:", &["rapporteres"]),
            ],
        ),
        synthetic(
            "synthetic-2.txt",
            second,
            &[(
                "planer",
                &["regjeringen", "ks"],
                true,
                "Regjeringen og KS skal:",
                &["ha to møter i året", "lage en plan"],
            )],
        ),
    ];
    docs.iter()
        .map(|d| serde_json::to_string(d).expect("serializes") + "\n")
        .collect()
}

// ---------------------------------------------------------------- tables

#[test]
fn every_table_has_its_documented_header_even_when_empty() {
    let dir = Dir::new();
    let empty = dir.write("empty.txt", "Tittel\n");
    for (kind, header) in COLUMNS {
        let kind_columns = kind
            .parse::<TableKind>()
            .expect("documented table")
            .columns()
            .join(",");
        assert_eq!(
            kind_columns, header,
            "TableKind::columns() of {kind} should match the documented set"
        );
        let out = stdout(
            &util::avtale()
                .args(["table", kind])
                .arg(&empty)
                .output()
                .expect("runs"),
        );
        assert_eq!(
            out.lines().next(),
            Some(header),
            "the CSV of {kind} should start with its header row"
        );
    }
}

#[test]
fn jsonl_rows_have_exactly_the_documented_keys() {
    let dir = Dir::new();
    let docs = dir.write("docs.jsonl", synthetic_jsonl());
    for (kind, header) in COLUMNS {
        let out = util::avtale()
            .args(["table", kind, "--from-json", "--format", "jsonl"])
            .arg(&docs)
            .output();
        for line in stdout(&out.expect("runs")).lines() {
            let row: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).expect("a JSON object");
            let mut keys: Vec<&str> = row.keys().map(String::as_str).collect();
            let mut expected: Vec<&str> = header.split(',').collect();
            keys.sort_unstable();
            expected.sort_unstable();
            assert_eq!(
                keys, expected,
                "a {kind} JSON Lines row should have the documented keys"
            );
        }
    }
}

#[test]
fn obligations_csv_has_one_quoted_row_per_item() {
    let dir = Dir::new();
    let docs = dir.write("docs.jsonl", synthetic_jsonl());
    let out = stdout(
        &util::avtale()
            .args(["table", "obligations", "--from-json"])
            .arg(&docs)
            .output()
            .expect("runs"),
    );
    let mut csv = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = csv.records().collect::<Result<_, _>>().expect("valid CSV");
    assert_eq!(
        rows.len(),
        8,
        "one row per obligation item of the two synthetic documents"
    );
    let first = &rows[0];
    assert_eq!(&first[0], "synthetic-1.txt");
    assert_eq!(
        (&first[2], &first[3], &first[4], &first[5], &first[6]),
        ("innsats", "1", "regjeringen;ks", "true", "skal")
    );
    assert_eq!(
        &first[9], "styrke samarbeidet, \"raskt\" og godt",
        "commas and quotes survive CSV quoting"
    );
    let text = "Avtale om samarbeid\n\nPartene skal:\n- ";
    assert_eq!(
        (&first[10], &first[12]),
        (text.len().to_string().as_str(), "4"),
        "item span start and line"
    );
    let unnamed = rows
        .iter()
        .find(|r| &r[2] == "ks/rapport")
        .expect("the sub-section's row");
    assert_eq!(
        (&unnamed[3], &unnamed[4]),
        ("3", ""),
        "third block of the document, no named actor"
    );
}

#[test]
fn tables_from_text_equal_tables_from_converted_json() {
    let dir = Dir::new();
    let docs = dir.write("fixtures.jsonl", fixtures_jsonl());
    for (kind, _) in COLUMNS {
        let from_text = stdout(
            &util::avtale()
                .arg("table")
                .arg(kind)
                .args(fixture_args())
                .output()
                .expect("runs"),
        );
        let from_json = util::avtale()
            .args(["table", kind, "--from-json"])
            .arg(&docs)
            .output()
            .expect("runs");
        assert_eq!(
            from_text,
            stdout(&from_json),
            "the {kind} table should not depend on the input form"
        );
    }
}

#[test]
fn a_bad_input_is_reported_and_the_others_still_tabled() {
    let dir = Dir::new();
    let good = dir.write("good.jsonl", synthetic_jsonl());
    let bad = dir.write("bad.json", "{\"not\": \"a document\"}");
    let out = util::avtale()
        .args(["table", "obligations", "--from-json"])
        .arg(&bad)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "a bad input fails the run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json: not an avtale document"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        1 + 8,
        "header and the good input's rows"
    );
}

// ---------------------------------------------------------------- streaming

#[test]
fn streaming_10_000_lines_keeps_order_and_survives_a_broken_line() {
    const DOCS: usize = 10_000;
    const BROKEN_AT: usize = DOCS / 2; // 1-based input line of the broken record
    let mut input = String::new();
    for i in 0..DOCS {
        if i + 1 == BROKEN_AT {
            input.push_str("{\"name\": \"broken\", \"text\": \"cut off here\n");
        }
        let text = format!(
            "Avtale mellom regjeringen og KS om tiltak {i}\n\nPartene vil:\n- følge opp punkt {i}\n"
        );
        input
            .push_str(&serde_json::json!({ "name": format!("doc-{i}"), "text": text }).to_string());
        input.push('\n');
    }
    let mut child = util::avtale()
        .args(["parse", "--input-jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("avtale runs");
    // Write from a thread: the child answers line by line, so a writer that
    // waits for all input to be taken would deadlock on a full stdout pipe.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut next_doc = 0;
    let mut errors = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let value: serde_json::Value =
            serde_json::from_str(&line.expect("UTF-8 line")).expect("every line is JSON");
        if let Some(error) = value.get("error") {
            errors.push((n + 1, value["line"].as_u64(), error.clone()));
            continue;
        }
        assert_eq!(
            value["source"]["name"],
            format!("doc-{next_doc}"),
            "output line {} is out of order",
            n + 1
        );
        next_doc += 1;
    }
    writer
        .join()
        .expect("writer thread")
        .expect("stdin written");
    let status = child.wait().expect("avtale exits");
    assert!(status.success(), "an error record does not fail the stream");
    assert_eq!(next_doc, DOCS, "no document is lost");
    assert_eq!(errors.len(), 1, "exactly one error record: {errors:?}");
    let (output_line, reported_line, _) = &errors[0];
    assert_eq!(
        (*output_line, *reported_line),
        (BROKEN_AT, Some(BROKEN_AT as u64)),
        "on its own line, naming it"
    );
}

#[test]
fn streaming_refuses_bad_records_one_by_one() {
    let big = "x".repeat(200);
    let input = format!(
        "{}\n\n[1, 2]\n{{\"name\": \"n\"}}\n{}\n",
        serde_json::json!({"name": "ok.txt", "text": "Avtale om x\n"}),
        serde_json::json!({"name": "big.txt", "text": big}),
    );
    let out = util::run(
        &["parse", "--max-bytes", "100", "--input-jsonl", "-"],
        input.as_bytes(),
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5, "one output line per input line");
    assert_eq!(lines[0]["source"]["name"], "ok.txt");
    for (i, line) in lines.iter().enumerate().skip(1) {
        assert_eq!(
            line["line"],
            i + 1,
            "error record {i} names its input line: {line}"
        );
        assert!(line["error"].is_string());
    }
    assert_eq!(
        lines[4]["name"], "big.txt",
        "a record refused after reading names itself"
    );
}

// ---------------------------------------------------------------- DuckDB

/// Runs `tests/duckdb_check.py` on a JSON Lines file and the obligations table built from it;
/// returns its JSON summary, or `None` when DuckDB is not installed outside CI.
fn duckdb_check(jsonl: &str) -> Option<serde_json::Value> {
    let has_duckdb = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_duckdb {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the duckdb Python module is missing: `.ci/run` must run `python3 -m pip install duckdb`"
        );
        eprintln!(
            "SKIPPED DuckDB proof: the duckdb Python module is missing (python3 -m pip install duckdb)"
        );
        return None;
    }
    let dir = Dir::new();
    let docs = dir.write("docs.jsonl", jsonl);
    let csv = util::avtale()
        .args(["table", "obligations", "--from-json"])
        .arg(&docs)
        .output()
        .expect("runs");
    let csv = dir.write("obligations.csv", stdout(&csv));
    let script = util::root().join("tests/duckdb_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(&docs)
        .arg(&csv)
        .output()
        .expect("python3 runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "DuckDB disagrees with the JSON:\n{printed}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = printed.lines().last().expect("a summary line");
    Some(serde_json::from_str(summary).expect("the summary is JSON"))
}

#[test]
fn duckdb_counts_obligation_items_per_actor_as_the_json_does() {
    // Synthetic documents first: the numbers are known, so the agreement is not vacuous.
    let Some(summary) = duckdb_check(&synthetic_jsonl()) else {
        return;
    };
    let expected = serde_json::json!({"": [1, 1], "ks": [2, 1], "regjeringen;ks": [5, 2]});
    assert_eq!(
        summary["actors"], expected,
        "items and documents per actor of the synthetic documents"
    );
    // Then every fixture together with them: whatever the extractors find, the
    // table in DuckDB and the JSON must count the same.
    let all = fixtures_jsonl() + &synthetic_jsonl();
    let summary = duckdb_check(&all).expect("DuckDB was there a moment ago");
    assert_eq!(
        summary["documents"],
        util::fixture_paths().len() + 2,
        "every document loaded"
    );
}

// ---------------------------------------------------------------- show

#[test]
fn show_plain_output_per_fixture() {
    insta::glob!("../fixtures", "*.txt", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 file name");
        let doc = util::parse_fixture(name);
        insta::assert_snapshot!("show", avtale::show::render(&doc, false));
    });
}

#[test]
fn show_is_plain_when_piped_or_no_color_and_coloured_when_forced() {
    let file = "fixtures/2019-helsefellesskap.txt";
    let expected = avtale::show::render(&util::parse_fixture("2019-helsefellesskap.txt"), false);
    let piped = stdout(&util::avtale().args(["show", file]).output().expect("runs"));
    // The fixture loader names the document by file name, the CLI by the path given.
    assert_eq!(
        piped,
        expected.replace("2019-helsefellesskap.txt", file),
        "piped output is the plain page"
    );
    let forced = stdout(
        &util::avtale()
            .args(["show", file])
            .env("CLICOLOR_FORCE", "1")
            .output()
            .expect("runs"),
    );
    assert!(
        forced.contains('\u{1b}'),
        "CLICOLOR_FORCE=1 colours even through a pipe"
    );
    let no_color = util::avtale()
        .args(["show", file])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output();
    assert!(
        !stdout(&no_color.expect("runs")).contains('\u{1b}'),
        "NO_COLOR wins over CLICOLOR_FORCE"
    );
}

#[test]
fn show_reads_converted_json_too() {
    let dir = Dir::new();
    let docs = dir.write("docs.jsonl", synthetic_jsonl());
    let page = stdout(
        &util::avtale()
            .args(["show", "--from-json"])
            .arg(&docs)
            .output()
            .expect("runs"),
    );
    assert!(
        page.contains("regjeringen + ks (jointly)  3 item(s)"),
        "{page}"
    );
    assert!(
        page.contains("      - styrke samarbeidet, \"raskt\" og godt"),
        "{page}"
    );
}

// ---------------------------------------------------------------- check

#[test]
fn check_strict_fails_exactly_when_a_file_has_a_warning() {
    let dir = Dir::new();
    // windows-1252 bytes: decoding them is a guess, noted but not warned about.
    let latin1 = dir.write(
        "latin1.txt",
        b"Avtale om samarbeid\n\nPartene er enige om \xe5 styrke arbeidet.\n",
    );
    let mut files: Vec<std::path::PathBuf> = util::fixture_paths();
    files.push(dir.write("blank.txt", "  \n\n"));
    files.push(latin1.clone());
    for file in files {
        let bytes = std::fs::read(&file).expect("readable");
        let name = file.display().to_string();
        let doc =
            avtale::parse_bytes(&name, &bytes, avtale::decode::DEFAULT_MAX_BYTES).expect("decodes");
        let warnings = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == avtale::model::Severity::Warning)
            .count();
        let lax = util::avtale()
            .arg("check")
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(
            lax.status.code(),
            Some(0),
            "{name}: check without --strict succeeds"
        );
        let report = String::from_utf8_lossy(&lax.stdout);
        assert!(
            report.contains(&format!("{warnings} warning(s)")),
            "{name}: summary line missing:\n{report}"
        );
        for diagnostic in &doc.diagnostics {
            assert!(
                report.contains(diagnostic.code.as_str()),
                "{name}: the report shows code {}",
                diagnostic.code
            );
            assert!(
                report.contains(diagnostic.code.help()),
                "{name}: the report shows the help of {}",
                diagnostic.code
            );
        }
        let strict = util::avtale()
            .args(["check", "--strict"])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(
            strict.status.code(),
            Some(i32::from(warnings > 0)),
            "{name}: --strict exits 1 iff a warning"
        );
    }
    let report = stdout(
        &util::avtale()
            .arg("check")
            .arg(&latin1)
            .output()
            .expect("runs"),
    );
    assert!(
        report.contains("guessed-encoding"),
        "the encoding guess is shown:\n{report}"
    );
}

#[test]
fn check_reports_an_unreadable_file_and_goes_on() {
    let out = util::avtale()
        .args([
            "check",
            "no/such/file.txt",
            "fixtures/2019-helsefellesskap.txt",
        ])
        .output();
    let out = out.expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("fixtures/2019-helsefellesskap.txt: "));
}

// ---------------------------------------------------------------- completions, man, version

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(
            &util::avtale()
                .args(["completions", shell])
                .output()
                .expect("runs"),
        );
        assert!(
            script.contains("avtale") && script.contains("table"),
            "{shell} completions name the commands"
        );
    }
    let man = stdout(&util::avtale().arg("man").output().expect("runs"));
    assert!(man.contains(".TH avtale 1"), "a roff man page");
    let dir = Dir::new();
    let out = util::avtale()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .expect("runs");
    stdout(&out);
    assert!(
        dir.path().join("avtale-table.1").exists(),
        "one page per command"
    );
}

#[test]
fn version_names_the_schema_version() {
    let version = stdout(&util::avtale().arg("--version").output().expect("runs"));
    assert!(
        version.contains(&format!("schema {}", avtale::model::SCHEMA_VERSION)),
        "{version}"
    );
}
