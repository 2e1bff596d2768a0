//! Span invariants: every span of every fixture slices the source at char boundaries and
//! lies inside its parent; blocks of the stream are in order, do not overlap, and cover
//! every non-blank line; CRLF and BOM input give the same structure; output is deterministic.

use avtale::blocks::{self, RawBlock};
use avtale::model::{Block, Document, Section, Span};
use proptest::prelude::*;

use crate::util;

fn assert_slices(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} out of bounds ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not on char boundaries"
    );
    let line =
        1 + text[..span.start].matches('\n').count() + text[..span.start].matches('\r').count()
            - text[..span.start].matches("\r\n").count();
    assert_eq!(span.line, line, "{what}: span {span:?} has the wrong line");
}

/// Every span in the JSON of a document, with a path naming where it sits.
fn all_spans(value: &serde_json::Value, path: &str, out: &mut Vec<(String, Span)>) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e), Some(l)) = (map.get("start"), map.get("end"), map.get("line"))
                && let (Some(start), Some(end), Some(line)) = (s.as_u64(), e.as_u64(), l.as_u64())
            {
                out.push((
                    path.to_owned(),
                    Span {
                        start: start as usize,
                        end: end as usize,
                        line: line as usize,
                    },
                ));
                return;
            }
            for (k, v) in map {
                all_spans(v, &format!("{path}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                all_spans(v, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn check_section_nesting(section: &Section) {
    for block in &section.blocks {
        assert!(
            section.span.contains(&block.span()),
            "section {} should contain its block {:?}",
            section.id,
            block.span()
        );
        if let Block::List { items, span, .. } | Block::Obligations { items, span, .. } = block {
            for item in items {
                assert!(
                    span.contains(&item.span),
                    "list at {span:?} should contain its item {:?}",
                    item.span
                );
            }
        }
    }
    let spans: Vec<Span> = section.blocks.iter().map(Block::span).collect();
    assert_in_order(&spans, &format!("blocks of section {}", section.id));
    for sub in &section.sections {
        assert!(
            section.span.contains(&sub.span),
            "section {} should contain sub-section {}",
            section.id,
            sub.id
        );
        check_section_nesting(sub);
    }
}

fn assert_in_order(spans: &[Span], what: &str) {
    for pair in spans.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "{what}: {:?} and {:?} overlap or are out of order",
            pair[0],
            pair[1]
        );
    }
}

/// The stream's blocks are in order and, with blank lines, cover every line of the input.
fn check_stream(text: &str) {
    let (layout, _) = avtale::layout::detect(text);
    let lines = avtale::lines::classify(text, layout);
    let furniture = blocks::FurnitureVerdicts::new(&lines);
    let stream = blocks::build(text, &lines, &furniture, layout);
    let spans: Vec<Span> = stream.blocks.iter().map(|b: &RawBlock| b.span).collect();
    for span in &spans {
        assert_slices(text, *span, "stream block");
    }
    assert_in_order(&spans, "stream blocks");
    for line in lines.iter().filter(|l| !l.is_blank()) {
        assert!(
            spans.iter().any(|s| s.contains(&line.span())),
            "line {} ({:?}) is covered by no block",
            line.span().line,
            line.span().slice(text)
        );
    }
}

fn check_document(text: &str, doc: &Document) {
    let value = serde_json::to_value(doc).expect("serializes");
    let mut spans = Vec::new();
    all_spans(&value, "", &mut spans);
    for (path, span) in spans {
        assert_slices(text, span, &path);
    }
    let roots: Vec<Span> = doc.sections.iter().map(|s| s.span).collect();
    assert_in_order(&roots, "top-level sections");
    doc.sections.iter().for_each(check_section_nesting);
}

#[test]
fn every_span_of_every_fixture_slices_the_source_inside_its_parent() {
    for path in util::fixture_paths() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let doc = avtale::parse_str(&text, "fixture");
        check_document(&text, &doc);
        check_stream(&text);
    }
}

#[test]
fn crlf_and_bom_input_give_the_same_structure() {
    for path in util::fixture_paths() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let lf = avtale::parse_str(&text, "x.txt");
        let crlf_text = text.replace('\n', "\r\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(crlf_text.as_bytes());
        let crlf = avtale::parse_bytes("x.txt", &bom, 1 << 20).expect("decodes");
        check_document(&crlf_text, &crlf);
        let outline = |d: &Document| avtale::outline::render(d);
        assert_eq!(
            outline(&lf),
            outline(&crlf),
            "{}: CRLF + BOM should not change the structure",
            path.display()
        );
        assert_eq!(lf.title.map(|t| t.text), crlf.title.map(|t| t.text));
    }
}

#[test]
fn parsing_twice_gives_byte_identical_json() {
    for path in util::fixture_paths() {
        let bytes = std::fs::read(&path).expect("readable");
        let once = serde_json::to_vec(&avtale::parse_bytes("x", &bytes, 1 << 20).expect("decodes"))
            .expect("json");
        let twice =
            serde_json::to_vec(&avtale::parse_bytes("x", &bytes, 1 << 20).expect("decodes"))
                .expect("json");
        assert_eq!(
            once,
            twice,
            "{} should parse deterministically",
            path.display()
        );
    }
}

/// Lines of all fixtures, the raw material of generated documents.
fn fixture_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for path in util::fixture_paths() {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        lines.extend(text.lines().map(str::to_owned));
    }
    lines.extend(
        [
            "",
            " \u{a0} ",
            "---",
            "## **Overskrift**",
            "Sekretariat:",
            "  • punkt",
            "- ",
            "•",
            "\r",
            "\u{ad}",
        ]
        .map(str::to_owned),
    );
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn spans_hold_for_any_mix_of_real_lines(picks in prop::collection::vec(any::<prop::sample::Index>(), 0..80), crlf in any::<bool>()) {
        let pool = fixture_lines();
        let ending = if crlf { "\r\n" } else { "\n" };
        let text: String = picks.iter().map(|i| format!("{}{ending}", pool[i.index(pool.len())])).collect();
        check_stream(&text);
        check_document(&text, &avtale::parse_str(&text, "generated.txt"));
    }

    #[test]
    fn spans_hold_for_arbitrary_text(text in "(?s).{0,400}") {
        check_stream(&text);
        check_document(&text, &avtale::parse_str(&text, "arbitrary.txt"));
    }
}
