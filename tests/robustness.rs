//! Never panic, always schema-valid: arbitrary bytes, mixes of real fixture lines, pathological
//! inputs built by repetition (issue 6). Crashes found by `fuzz/` become named tests at the end.

use std::sync::OnceLock;

use avtale::decode::DEFAULT_MAX_BYTES;
use proptest::prelude::*;

use crate::util;

/// Decodes and parses `bytes` as `avtale convert` does. Refusing the input
/// (binary, malformed) is fine; if a document comes out, it must be
/// schema-valid. (Span invariants over arbitrary text are `tests/spans.rs`'s.)
fn check(bytes: &[u8]) {
    let Ok(doc) = avtale::parse_bytes("input.txt", bytes, DEFAULT_MAX_BYTES) else {
        return;
    };
    let value = serde_json::to_value(&doc).expect("a document serializes");
    let violations = avtale::schema::validate(&value);
    assert!(violations.is_empty(), "schema violations: {violations:?}");
}

/// The blocks of the document's top-level sections, in order.
fn blocks(doc: &avtale::model::Document) -> impl Iterator<Item = &avtale::model::Block> {
    doc.sections.iter().flat_map(|s| &s.blocks)
}

/// The texts of the paragraphs of the document's top-level sections.
fn paragraphs(doc: &avtale::model::Document) -> Vec<&str> {
    blocks(doc)
        .filter_map(|b| match b {
            avtale::model::Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Every line of every fixture, line ending included.
fn fixture_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        util::fixture_paths()
            .iter()
            .flat_map(|p| {
                let text = std::fs::read_to_string(p).expect("fixtures are UTF-8");
                text.split_inclusive('\n')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

/// How a generated text is turned into bytes: the encodings and line endings archives use.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
    Utf16LeBom,
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xef\xbb\xbf", text.as_bytes()].concat(),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
        Encoding::Utf16LeBom => [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
    }
}

/// A mix of real fixture lines, each maybe prefixed with markup, joined with one kind of line ending.
fn fixture_mix() -> impl Strategy<Value = Vec<u8>> {
    let line = (
        0..fixture_lines().len(),
        prop::sample::select(vec!["", "", "", "# ", "## ", "- ", "* ", "> ", "1. ", "**"]),
    );
    let encoding = prop::sample::select(vec![
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Windows1252,
        Encoding::Utf16LeBom,
    ]);
    (
        prop::collection::vec(line, 0..80),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        encoding,
    )
        .prop_map(|(picks, ending, encoding)| {
            let text: String = picks
                .into_iter()
                .map(|(i, prefix)| {
                    format!(
                        "{prefix}{}{ending}",
                        fixture_lines()[i].trim_end_matches(['\r', '\n'])
                    )
                })
                .collect();
            encode(&text, encoding)
        })
}

/// 96 cases per property keeps `cargo test` fast (fuzz/ searches deeper);
/// `PROPTEST_CASES=100000 cargo test robustness` runs a long search.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_text_with_markup_characters_never_panics(text in "[#*>\\-–•·0-9a-zA-ZæøåÆØÅ .:;,()\"«»\n\r\t\u{a0}\u{ad}]{0,600}") {
        check(text.as_bytes());
    }

    #[test]
    fn arbitrary_mixes_of_fixture_lines_never_panic(bytes in fixture_mix()) {
        check(&bytes);
    }
}

#[test]
fn ten_thousand_bullets() {
    let text: String = (0..10_000)
        .map(|i| format!("- Kommunen skal følge opp tiltak nummer {i}.\n"))
        .collect();
    check(text.as_bytes());
}

/// A speaker named by surname only is completed from the names before the quote; with
/// thousands of such quotes this once re-read all the text before each one (a 200 KB page
/// took six minutes). Every short-named speaker here has one full name before it.
#[test]
fn thousands_of_quotes_by_surname() {
    let mut text = String::from("Ny avtale\n\nRegjeringen og KS har inngått en avtale.\n\n");
    for i in 0..3_000 {
        text.push_str(&format!(
            "Styreleder i KS, Halvdan Vestre, er fornøyd {i}.\n\n– Bra {i}, sier Vestre.\n\n"
        ));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "quotes.txt");
    let speakers: Vec<Option<String>> = blocks(&doc)
        .filter_map(|b| match b {
            avtale::model::Block::Quote { speaker, .. } => Some(speaker.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(speakers.len(), 3_000);
    assert!(
        speakers
            .iter()
            .all(|s| s.as_deref() == Some("Halvdan Vestre"))
    );
}

/// A capitalised letter-only name for `i` (signature lines hold no digits): `Aaaaa`, `Baaaa`, …
fn letter_name(i: usize) -> String {
    const LETTERS: &[u8] = b"abdefghijklmnoprstuv";
    let mut n = i;
    let mut out = String::new();
    for _ in 0..5 {
        out.push(char::from(LETTERS[n % LETTERS.len()]));
        n /= LETTERS.len();
    }
    let mut chars = out.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Thousands of signature blocks in one signature area: each signature was once checked
/// against every signature kept before it, and each line against every signature of the area.
#[test]
fn thousands_of_signatures() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..2_000 {
        let (a, b) = (letter_name(i), letter_name(i + 1));
        text.push_str(&format!("\nFor {a}kommune\n\n{a} {b}\nordfører\n\n"));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "signatures.txt");
    assert_eq!(doc.signatories.len(), 2_000);
    assert_eq!(
        doc.signatories[1_999].name,
        format!("{} {}", letter_name(1_999), letter_name(2_000))
    );
    assert!(
        doc.signatories
            .iter()
            .all(|s| s.title.as_deref() == Some("ordfører"))
    );
}

/// Thousands of unknown parties named by `mellom … og …`: each party's first mention was
/// once searched for among all mentions of the page.
#[test]
fn thousands_of_unknown_parties() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..1_500 {
        let (a, b) = (letter_name(i), letter_name(i + 7));
        text.push_str(&format!(
            "Avtale mellom {a}direktoratet og {b}forbundet om samarbeid.\n\n"
        ));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "parties.txt");
    assert_eq!(doc.parties.len(), 2 + 2 * 1_500);
    assert!(
        doc.parties
            .iter()
            .any(|p| p.name == format!("{}direktoratet", letter_name(1_499)))
    );
}

/// Thousands of distinct unknown directorates, each named twice: reported once per name
/// (the names reported were once kept in a list searched for every mention).
#[test]
fn thousands_of_unknown_directorates() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..2_000 {
        let a = letter_name(i);
        text.push_str(&format!(
            "{a}direktoratet skal bidra. {a}direktoratet skal delta.\n\n"
        ));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "bodies.txt");
    let unknown = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == avtale::diagnostic::Code::UnknownBody)
        .count();
    assert_eq!(unknown, 2_000);
}

/// Thousands of day dates: whether each lies in a page metadata line was once asked of
/// every block of the page.
#[test]
fn thousands_of_dates() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..4_000 {
        text.push_str(&format!(
            "Møtet {}. januar {} var godt.\n\n",
            i % 28 + 1,
            1990 + i % 30
        ));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "dates.txt");
    assert_eq!(doc.dates.len(), 4_000);
    assert_eq!(doc.dates[3_999].text, "24. januar 1999");
}

/// Thousands of one-line paragraphs in one run (no blank lines between, here split by lone
/// carriage returns): the short lines after each were once counted ahead to the run's end.
#[test]
fn thousands_of_one_line_paragraphs_in_one_run() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..5_000 {
        text.push_str(&format!("{}.\r", letter_name(i)));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "run.txt");
    let paragraphs = paragraphs(&doc);
    assert_eq!(paragraphs.len(), 5_000);
    assert_eq!(paragraphs[4_999], format!("{}.", letter_name(4_999)));
}

/// A run of thousands of breadcrumb steps and then thousands of one-line paragraphs: each
/// paragraph once re-read every block of its run to learn whether the run had body yet.
#[test]
fn furniture_then_thousands_of_paragraphs_in_one_run() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..3_000 {
        text.push_str(&format!("{}\n·\n", letter_name(i)));
    }
    for i in 0..3_000 {
        text.push_str(&format!("{} er bra.\n", letter_name(i)));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "crumbs.txt");
    let paragraphs = paragraphs(&doc);
    assert!(paragraphs.len() >= 2_999);
    assert!(paragraphs.iter().all(|p| p.ends_with(" er bra.")));
    assert_eq!(
        paragraphs.last().copied(),
        Some(format!("{} er bra.", letter_name(2_999)).as_str())
    );
}

/// Hundreds of parties and hundreds of `Partene vil:` lists: every list binds every party
/// (the output grows as their product), but each list once also asked every party about
/// every other, and searched its growing list of ids for each id.
#[test]
fn hundreds_of_parties_bound_by_hundreds_of_lists() {
    let mut text = String::from("Avtale mellom regjeringen og KS om kvalitet\n\n");
    for i in 0..300 {
        let (a, b) = (letter_name(i), letter_name(i + 7));
        text.push_str(&format!(
            "Avtale mellom {a}direktoratet og {b}forbundet om samarbeid.\n\n"
        ));
    }
    for i in 0..300 {
        text.push_str(&format!(
            "Partene vil:\n- styrke {}\n\n",
            letter_name(i).to_lowercase()
        ));
    }
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "obligations.txt");
    let actors: Vec<usize> = blocks(&doc)
        .filter_map(|b| match b {
            avtale::model::Block::Obligations { actor, .. } => Some(actor.parties.len()),
            _ => None,
        })
        .collect();
    assert_eq!(actors.len(), 300);
    assert!(
        actors
            .iter()
            .all(|&n| n == doc.parties.len() && n == 2 + 2 * 300)
    );
}

/// A signature table of thousands of columns (`For X   For Y   …` / names / titles): every
/// cell was once read against every column once per column.
#[test]
fn signature_table_of_thousands_of_columns() {
    let columns = 1_500;
    let row =
        |cell: &dyn Fn(usize) -> String| (0..columns).map(cell).collect::<Vec<_>>().join("   ");
    let text = format!(
        "Avtale mellom regjeringen og KS om kvalitet\n\nOslo, 1. mai 2020\n\n{}\n\n{}\n{}\n",
        row(&|i| format!("For {}kommune", letter_name(i))),
        row(&|i| format!("{} {}", letter_name(i), letter_name(i + 1))),
        row(&|_| "ordfører".to_owned()),
    );
    check(text.as_bytes());
    let doc = avtale::parse_str(&text, "table.txt");
    assert_eq!(doc.signatories.len(), columns);
    let names: std::collections::BTreeSet<&str> =
        doc.signatories.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), columns);
    assert!(
        doc.signatories
            .iter()
            .any(|s| s.name == format!("{} {}", letter_name(1_499), letter_name(1_500)))
    );
}

#[test]
fn one_ten_megabyte_line() {
    let text =
        "Partene er enige om å styrke kvaliteten i tjenestene. ".repeat(10 * 1024 * 1024 / 55 + 1);
    assert!(text.len() >= 10 * 1024 * 1024 && !text.contains('\n'));
    check(text.as_bytes());
}

#[test]
fn deep_heading_nesting() {
    let mut text: String = (1..=2_000)
        .map(|depth| {
            format!(
                "{} Overskrift på nivå {depth}\n\nTekst.\n",
                "#".repeat(depth)
            )
        })
        .collect();
    text.push_str(&"#".repeat(100_000));
    check(text.as_bytes());
}

#[test]
fn lone_carriage_returns() {
    let text =
        "Avtale mellom regjeringen og KS\r\rBakgrunn\rPartene er enige.\r- KS skal\r\r\r\n\r"
            .repeat(2_000);
    check(text.as_bytes());
    check(&[b'\r'; 100_000]);
}

#[test]
fn blank_and_separator_floods() {
    check("\n".repeat(100_000).as_bytes());
    check("-".repeat(1024 * 1024).as_bytes());
    check("\u{a0}\n".repeat(50_000).as_bytes());
}

#[test]
fn empty_and_blank_inputs_are_valid_documents_that_say_so() {
    for bytes in [&b""[..], b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xff\xfe"] {
        let doc = avtale::parse_bytes("empty.txt", bytes, DEFAULT_MAX_BYTES)
            .expect("empty input is text");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == avtale::diagnostic::Code::EmptyDocument),
            "{bytes:?} gives an empty-document diagnostic"
        );
        check(bytes);
    }
}
