//! `avtale convert` on real archives in temp dirs: every good file converted, every bad one
//! reported, nothing partial, nothing outside `--out`, same bytes whatever `--jobs` (issue 6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::util::{self, Dir};

/// The fixture whose twins are made in other encodings: it has `–` and `“”`,
/// which only windows-1252 of the legacy encodings can hold.
const TWIN: &str = "2019-helsefellesskap.txt";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(util::root().join("fixtures").join(name)).expect("fixture exists")
}

fn windows_1252(utf8: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(utf8).expect("fixture is UTF-8");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(
        !unmappable,
        "the twin fixture must be encodable in windows-1252"
    );
    bytes.into_owned()
}

fn utf16le_with_bom(utf8: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(utf8).expect("fixture is UTF-8");
    [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

fn crlf(utf8: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(utf8).expect("fixture is UTF-8");
    text.replace("\r\n", "\n")
        .replace('\n', "\r\n")
        .into_bytes()
}

/// Runs `avtale` with path arguments.
fn convert(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    util::avtale()
        .arg("convert")
        .args(args.iter().map(|a| AsRef::<std::ffi::OsStr>::as_ref(*a)))
        .output()
        .expect("avtale runs")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted, with its bytes.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("readable file");
                files.insert(
                    path.strip_prefix(dir).expect("under dir").to_path_buf(),
                    bytes,
                );
            }
        }
    }
    files
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("output is JSON")
}

/// A document without what legitimately differs between encodings of the
/// same text: its `source` and the diagnostics about guessing the encoding.
fn facts(doc: &Value) -> Value {
    let mut doc = doc.clone();
    if let Some(obj) = doc.as_object_mut() {
        obj.remove("source");
        if let Some(Value::Array(diagnostics)) = obj.get_mut("diagnostics") {
            diagnostics.retain(|d| {
                !matches!(
                    d["code"].as_str(),
                    Some("guessed-encoding" | "suspect-encoding")
                )
            });
        }
    }
    doc
}

/// The same without spans, which count CR bytes and so differ for CRLF twins.
fn without_spans(value: &Value) -> Value {
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !k.ends_with("span"))
            .map(|(k, v)| (k.clone(), without_spans(v)))
            .collect(),
        Value::Array(items) => items.iter().map(without_spans).collect(),
        other => other.clone(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn an_archive_of_good_and_bad_files_converts_the_good_and_reports_the_bad() {
    let dir = Dir::new();
    let utf8 = fixture(TWIN);
    let inputs: BTreeMap<&str, Vec<u8>> = BTreeMap::from([
        ("archive/good/2019-helsefellesskap.txt", utf8.clone()),
        (
            "archive/good/2006-kvalitetsavtale.md.txt",
            fixture("2006-kvalitetsavtale.md.txt"),
        ),
        ("archive/encodings/cp1252.txt", windows_1252(&utf8)),
        ("archive/encodings/utf16.txt", utf16le_with_bom(&utf8)),
        ("archive/encodings/crlf.txt", crlf(&utf8)),
        ("archive/empty.txt", Vec::new()),
        (
            "archive/broken/scan.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec(),
        ),
        (
            "archive/broken/huge.txt",
            "Avtale om alt. ".repeat(20_000).into_bytes(),
        ),
    ]);
    for (rel, bytes) in &inputs {
        dir.write(rel, bytes);
    }
    let (archive, out, report) = (
        dir.path().join("archive"),
        dir.path().join("out"),
        dir.path().join("report.json"),
    );
    let run = convert(&[
        &archive,
        &"--out",
        &out,
        &"--report",
        &report,
        &"--max-bytes",
        &"100000",
        &"--jobs",
        &"2",
    ]);
    let err = stderr(&run);

    assert_eq!(
        run.status.code(),
        Some(1),
        "a failed file makes exit code 1: {err}"
    );
    assert!(
        err.contains("broken/scan.png: not a text file"),
        "the binary file is reported with its reason: {err}"
    );
    assert!(
        err.contains("broken/huge.txt: 300000 bytes is more than the limit"),
        "the large file too: {err}"
    );
    assert!(
        err.contains("6 converted") && err.contains("2 failed"),
        "the summary counts both: {err}"
    );

    let written = files_under(&out);
    let expected = [
        "empty.json",
        "encodings/cp1252.json",
        "encodings/crlf.json",
        "encodings/utf16.json",
        "good/2006-kvalitetsavtale.md.json",
        "good/2019-helsefellesskap.json",
    ];
    assert_eq!(
        written
            .keys()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>(),
        expected,
        "one JSON per good file, mirroring the layout, nothing for bad files, no temp files"
    );
    for (path, bytes) in &written {
        let violations = avtale::schema::validate(&json(bytes));
        assert!(
            violations.is_empty(),
            "{} is schema-valid: {violations:?}",
            path.display()
        );
    }

    let doc = |rel: &str| json(&written[Path::new(rel)]);
    for (rel, input, encoding) in [
        (
            "good/2019-helsefellesskap.json",
            "archive/good/2019-helsefellesskap.txt",
            "utf-8",
        ),
        (
            "encodings/cp1252.json",
            "archive/encodings/cp1252.txt",
            "windows-1252",
        ),
        (
            "encodings/utf16.json",
            "archive/encodings/utf16.txt",
            "utf-16le",
        ),
        ("encodings/crlf.json", "archive/encodings/crlf.txt", "utf-8"),
        ("empty.json", "archive/empty.txt", "utf-8"),
    ] {
        let source = &doc(rel)["source"];
        let bytes = &inputs[input];
        assert_eq!(
            source["encoding"], encoding,
            "{rel} records how it was decoded"
        );
        assert_eq!(source["bytes"], bytes.len(), "{rel} records the raw size");
        assert_eq!(
            source["sha256"],
            sha256_hex(bytes),
            "{rel} records the hash of the raw bytes"
        );
        assert_eq!(
            source["name"],
            dir.path().join(input).display().to_string(),
            "{rel} records the path"
        );
    }
    let codes = |rel: &str| -> Vec<String> {
        doc(rel)["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["code"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(
        codes("empty.json").contains(&"empty-document".to_owned()),
        "the empty file says so"
    );
    assert!(
        codes("encodings/cp1252.json").contains(&"guessed-encoding".to_owned()),
        "a guess is a diagnostic"
    );

    let original = doc("good/2019-helsefellesskap.json");
    assert_eq!(
        facts(&doc("encodings/cp1252.json")),
        facts(&original),
        "the windows-1252 twin has the same facts"
    );
    assert_eq!(
        facts(&doc("encodings/utf16.json")),
        facts(&original),
        "the UTF-16 twin has the same facts"
    );
    assert_eq!(
        without_spans(&facts(&doc("encodings/crlf.json"))),
        without_spans(&facts(&original)),
        "the CRLF twin has the same facts, spans aside"
    );

    let report = json(&std::fs::read(&report).expect("the report is written"));
    assert_eq!(report["totals"]["converted"], 6);
    assert_eq!(report["totals"]["failed"], 2);
    let kinds: BTreeMap<String, String> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| f["status"] == "failed")
        .map(|f| {
            (
                f["input"]
                    .as_str()
                    .unwrap_or("")
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_owned(),
                f["error"]["kind"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("huge.txt".to_owned(), "\"too-large\"".to_owned()),
            ("scan.png".to_owned(), "\"binary\"".to_owned())
        ])
    );
    assert!(
        report["totals"]["diagnostics"]["empty-document"] == 1,
        "diagnostics are counted by code: {report}"
    );
}

#[test]
fn jobs_1_and_jobs_2_write_byte_identical_outputs() {
    let dir = Dir::new();
    for path in util::fixture_paths() {
        let name = path
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).expect("fixture");
        dir.write(&format!("in/utf8/{name}"), &bytes);
        dir.write(&format!("in/cp1252/{name}"), windows_1252(&bytes));
    }
    dir.write("in/empty.txt", "");
    let input = dir.path().join("in");
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("out{jobs}"));
        let jsonl = dir.path().join(format!("all{jobs}.jsonl"));
        let run = convert(&[&input, &"--out", &out, &"--jobs", &jobs]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let run = convert(&[&input, &"--jsonl", &jsonl, &"--jobs", &jobs]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        outputs.push((
            files_under(&out),
            std::fs::read(&jsonl).expect("jsonl written"),
        ));
    }
    assert_eq!(
        outputs[0].0.len(),
        2 * util::fixture_paths().len() + 1,
        "every input has its output"
    );
    assert!(
        outputs[0].0 == outputs[1].0,
        "--out trees are byte-identical for --jobs 1 and 2"
    );
    assert!(
        outputs[0].1 == outputs[1].1,
        "--jsonl streams are byte-identical for --jobs 1 and 2"
    );
}

#[test]
fn names_like_dot_dot_slash_etc_cannot_write_outside_out() {
    let dir = Dir::new();
    let text = fixture("2008-pm-barnevern.txt");
    // File names that are climbing paths on Windows (one found by the walk,
    // one named directly, which hidden-name skipping does not apply to), and a
    // command-line path that climbs.
    dir.write("tree/sub\\..\\..\\..\\etc\\x.txt", &text);
    let named = dir.write("tree/..\\..\\etc\\x.txt", &text);
    dir.write("tree/sub/x.txt", &text);
    let climbing = dir.path().join("tree/sub/../../tree/sub/x.txt");
    let before = files_under(dir.path());
    let out = dir.path().join("work/out");
    let run = convert(&[&dir.path().join("tree"), &named, &climbing, &"--out", &out]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let after = files_under(dir.path());
    let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(new.len(), 4, "all four inputs were written: {new:?}");
    for path in &new {
        assert!(
            path.starts_with("work/out"),
            "{} was written outside --out",
            path.display()
        );
    }
    assert!(
        !dir.path().join("etc").exists() && !dir.path().join("work/etc").exists(),
        "no etc/ anywhere"
    );
}

#[test]
fn up_to_date_outputs_are_skipped_unless_forced() {
    let dir = Dir::new();
    dir.write("in/a.txt", fixture("2008-pm-barnevern.txt"));
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let first = convert(&[&input, &"--out", &out]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let written = std::fs::metadata(out.join("a.json"))
        .and_then(|m| m.modified())
        .expect("output exists");

    let second = convert(&[&input, &"--out", &out]);
    assert!(
        stderr(&second).contains("0 converted, 1 up to date"),
        "{}",
        stderr(&second)
    );
    let again = std::fs::metadata(out.join("a.json"))
        .and_then(|m| m.modified())
        .expect("output exists");
    assert_eq!(written, again, "a skipped output is not rewritten");

    let forced = convert(&[&input, &"--out", &out, &"--force"]);
    assert!(
        stderr(&forced).contains("1 converted"),
        "{}",
        stderr(&forced)
    );
}

#[test]
fn fail_fast_starts_no_file_after_the_first_failure() {
    let dir = Dir::new();
    dir.write("in/a-binary.txt", b"\0\0\0\0");
    dir.write("in/b.txt", fixture("2008-pm-barnevern.txt"));
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let run = convert(&[&input, &"--out", &out, &"--jobs", &"1", &"--fail-fast"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("1 not attempted"), "{}", stderr(&run));
    assert!(!out.join("b.json").exists(), "b.txt was not started");
}

#[test]
fn jsonl_on_stdout_holds_one_valid_document_per_good_file_in_order() {
    let dir = Dir::new();
    dir.write("in/1.txt", fixture("2008-pm-barnevern.txt"));
    dir.write("in/2.bin", b"\0binary");
    dir.write("in/3.txt", fixture("2015-pm-kommunal-helse-omsorg.txt"));
    let run = convert(&[&dir.path().join("in"), &"--jsonl", &"-", &"--quiet"]);
    assert_eq!(run.status.code(), Some(1));
    let names: Vec<String> = String::from_utf8(run.stdout.clone())
        .expect("UTF-8 JSON")
        .lines()
        .map(|line| {
            let doc: Value = serde_json::from_str(line).expect("each line is JSON");
            assert!(
                avtale::schema::validate(&doc).is_empty(),
                "each line is schema-valid"
            );
            doc["source"]["name"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(names, ["1.txt", "3.txt"]);
    let err = stderr(&run);
    assert!(
        err.contains("2.bin: not a text file") && !err.contains("converted"),
        "--quiet keeps only failures: {err}"
    );
}

#[test]
fn glob_selects_files_and_symlinks_are_not_followed_by_default() {
    let dir = Dir::new();
    dir.write("in/a.txt", fixture("2008-pm-barnevern.txt"));
    dir.write("in/notes.md", "# Notater\n");
    let outside = dir.write("elsewhere/b.txt", fixture("2008-pm-barnevern.txt"));
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, dir.path().join("in/link.txt")).expect("symlink");
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let run = convert(&[&input, &"--out", &out, &"--glob", &"*.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        files_under(&out)
            .keys()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>(),
        ["a.json"]
    );
    #[cfg(unix)]
    {
        let followed = dir.path().join("followed");
        let run = convert(&[
            &input,
            &"--out",
            &followed,
            &"--glob",
            &"*.txt",
            &"--follow",
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert!(
            followed.join("link.json").exists(),
            "--follow converts the linked file"
        );
    }
}

#[test]
fn help_explains_outputs_exit_codes_and_gives_examples() {
    let run = util::run(&["convert", "--help"], b"");
    let help = String::from_utf8_lossy(&run.stdout);
    for needle in [
        "--out <DIR>",
        "--jsonl <FILE|->",
        "--jobs",
        "Exit codes:",
        "Examples:",
        "avtale convert archive/",
    ] {
        assert!(help.contains(needle), "--help mentions {needle}:\n{help}");
    }
    let run = util::run(&["convert", "x.txt"], b"");
    assert_eq!(run.status.code(), Some(2), "--out or --jsonl is required");
}

/// Writes `copies` copies of every fixture under `in/NN/` in `dir`: a batch long enough
/// to be interrupted in the middle.
fn write_fixture_copies(dir: &Dir, copies: usize) {
    for copy in 0..copies {
        for path in util::fixture_paths() {
            let name = path.file_name().expect("file name").to_string_lossy();
            let bytes = std::fs::read(&path).expect("fixture");
            dir.write(&format!("in/{copy:02}/{name}"), bytes);
        }
    }
}

/// Kills `child` as soon as `ready` holds (or after 30 s), and reaps it.
fn kill_when(mut child: std::process::Child, ready: impl Fn() -> bool) {
    let started = std::time::Instant::now();
    while !ready() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("kill");
    child.wait().expect("reaped");
}

#[test]
fn an_interrupted_run_leaves_only_complete_outputs() {
    let dir = Dir::new();
    write_fixture_copies(&dir, 40);
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    let child = util::avtale()
        .arg("convert")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "2"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("avtale runs");
    // Kill it as soon as it has written something, in the middle of the batch.
    let first_dir = out.join("00");
    kill_when(child, || {
        std::fs::read_dir(&first_dir).is_ok_and(|mut d| d.next().is_some())
    });
    let written = files_under(&out);
    eprintln!(
        "killed after {} of {} outputs",
        written.len(),
        40 * util::fixture_paths().len()
    );
    for (path, bytes) in &written {
        let name = path.file_name().expect("file name").to_string_lossy();
        if name.starts_with(".avtale-") {
            continue; // a temporary file, hidden, never a .json
        }
        assert!(
            name.ends_with(".json"),
            "only complete outputs carry their final name: {}",
            path.display()
        );
        let doc: Value = serde_json::from_slice(bytes)
            .unwrap_or_else(|e| panic!("{} is complete JSON: {e}", path.display()));
        assert!(
            doc["source"]["sha256"].is_string(),
            "{} is a whole document",
            path.display()
        );
    }
}

/// The `files` entries of a `--report`, as (input name, status).
fn report_entries(report: &Value) -> Vec<(String, String)> {
    report["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .map(|f| {
            (
                f["input"].as_str().expect("input").to_owned(),
                f["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_report_lists_every_input_in_order_even_when_some_fail() {
    let dir = Dir::new();
    let good = fixture("2008-pm-barnevern.txt");
    let mut expected = Vec::new();
    let missing = dir.path().join("missing.txt");
    expected.push((missing.display().to_string(), "failed"));
    // Enough files for both workers to finish out of order; every fifth one fails.
    for n in 0..60 {
        let rel = format!("in/{:02}/{n:03}.txt", n / 10);
        let (bytes, status) = match n % 5 {
            0 => (b"\0\x01binary".to_vec(), "failed"),
            3 => (fixture(TWIN), "converted"),
            _ => (good.clone(), "converted"),
        };
        let path = dir.write(&rel, bytes);
        expected.push((path.display().to_string(), status));
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("in/00/001.txt"),
        dir.path().join("in/link.txt"),
    )
    .expect("symlink");
    let given = dir.write("given.txt", &good);
    expected.push((given.display().to_string(), "converted"));
    let (jsonl, report) = (dir.path().join("all.jsonl"), dir.path().join("report.json"));
    let run = convert(&[
        &missing,
        &dir.path().join("in"),
        &given,
        &"--jsonl",
        &jsonl,
        &"--report",
        &report,
        &"--jobs",
        &"2",
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = json(&std::fs::read(&report).expect("the report is written"));
    let entries = report_entries(&report);
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(input, status)| (input, status.to_owned()))
        .collect();
    assert_eq!(entries, expected, "every input, in input order");
    let converted: Vec<String> = std::fs::read_to_string(&jsonl)
        .expect("JSON Lines")
        .lines()
        .map(|line| {
            json(line.as_bytes())["source"]["name"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let converted_in_report: Vec<String> = entries
        .iter()
        .filter(|(_, status)| status == "converted")
        .map(|(input, _)| input.clone())
        .collect();
    assert_eq!(
        converted, converted_in_report,
        "the same order as the JSON Lines"
    );
    assert_eq!(report["totals"]["files"], 62);
    assert_eq!(report["totals"]["converted"], 49);
    assert_eq!(report["totals"]["failed"], 13);
    let first_error = &report["files"][0]["error"];
    assert_eq!(first_error["kind"], "io", "{first_error}");
    #[cfg(unix)]
    assert_eq!(
        report["ignored"][0]["path"],
        dir.path().join("in/link.txt").display().to_string()
    );
    assert!(report["timing"]["seconds"].is_number());
}

#[test]
fn the_report_lists_files_not_attempted_after_fail_fast() {
    let dir = Dir::new();
    dir.write("in/a.txt", fixture("2008-pm-barnevern.txt"));
    dir.write("in/b-binary.txt", b"\0\0\0\0");
    dir.write("in/c.txt", fixture("2008-pm-barnevern.txt"));
    let (out, report) = (dir.path().join("out"), dir.path().join("report.json"));
    let run = convert(&[
        &dir.path().join("in"),
        &"--out",
        &out,
        &"--report",
        &report,
        &"--jobs",
        &"1",
        &"--fail-fast",
    ]);
    assert_eq!(run.status.code(), Some(1));
    let report = json(&std::fs::read(&report).expect("the report is written"));
    let statuses: Vec<String> = report_entries(&report)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(statuses, ["converted", "failed", "not-attempted"]);
    assert_eq!(
        report["files"][0]["output"],
        out.join("a.json").display().to_string()
    );
    assert_eq!(report["totals"]["not_attempted"], 1);
}

#[test]
fn a_report_that_cannot_be_written_stops_the_batch_before_it_starts() {
    let dir = Dir::new();
    dir.write("in/a.txt", fixture("2008-pm-barnevern.txt"));
    let out = dir.path().join("out");
    let report = dir.path().join("no/such/dir/report.json");
    let run = convert(&[&dir.path().join("in"), &"--out", &out, &"--report", &report]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("cannot write the report"),
        "{}",
        stderr(&run)
    );
    assert!(!out.join("a.json").exists(), "nothing converted");
}

#[test]
fn an_interrupted_run_leaves_the_previous_report_whole() {
    let dir = Dir::new();
    write_fixture_copies(&dir, 40);
    let report = dir.write("report.json", b"{\"previous\": true}\n");
    let jsonl = dir.path().join("all.jsonl");
    let child = util::avtale()
        .arg("convert")
        .arg(dir.path().join("in"))
        .arg("--jsonl")
        .arg(&jsonl)
        .arg("--report")
        .arg(&report)
        .args(["--jobs", "2"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("avtale runs");
    // Kill it once the report has entries in its temporary file, mid-batch.
    kill_when(child, || {
        std::fs::read_dir(dir.path()).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name().to_string_lossy().starts_with(".avtale-")
                    && e.metadata().is_ok_and(|m| m.len() > 1000)
            })
        })
    });
    assert_eq!(
        std::fs::read(&report).expect("still there"),
        b"{\"previous\": true}\n",
        "the report is replaced only when complete"
    );
    assert!(!jsonl.exists(), "the JSON Lines too");
}
