//! Document → a short indented text outline (headings, lists with their lead-ins, quotes,
//! signatories) that a person can review against the source in a minute.
//!
//! Used by the outline snapshots beside every fixture's JSON snapshot.

use std::fmt::Write;

use crate::model::{Block, Document, Section};

/// Renders the outline of a document.
///
/// ```
/// let doc = avtale::parse_str("Avtale om noe\n\nBakgrunn\n\nKS vil\n\n- gjøre noe\n", "x.txt");
/// let outline = avtale::outline::render(&doc);
/// assert!(outline.contains("# Bakgrunn"));
/// ```
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "layout: {:?}, kind: {:?}", doc.source.layout, doc.kind);
    if let Some(title) = &doc.title {
        let _ = writeln!(out, "title: {}", title.text);
    }
    if let Some(subtitle) = &doc.subtitle {
        let _ = writeln!(out, "subtitle: {}", subtitle.text);
    }
    for section in &doc.sections {
        render_section(&mut out, section, 0);
    }
    for s in &doc.signatories {
        let _ = writeln!(
            out,
            "signatory: {} / {} / {}",
            s.name,
            s.title.as_deref().unwrap_or("-"),
            s.party.as_deref().unwrap_or("-")
        );
    }
    let mut codes: Vec<&str> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.dedup();
    for code in codes {
        let n = doc
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == code)
            .count();
        let _ = writeln!(out, "diagnostic: {code} x{n}");
    }
    out
}

fn render_section(out: &mut String, section: &Section, depth: usize) {
    let pad = "  ".repeat(depth);
    match &section.heading {
        Some(h) => {
            let _ = writeln!(
                out,
                "{pad}{} {h}  [{}]",
                "#".repeat(section.level as usize),
                section.id
            );
        }
        None => {
            let _ = writeln!(out, "{pad}(lead)  [{}]", section.id);
        }
    }
    let mut paragraphs = 0;
    for block in &section.blocks {
        if matches!(block, Block::Paragraph { .. }) {
            paragraphs += 1;
            continue;
        }
        flush_paragraphs(out, &pad, &mut paragraphs);
        match block {
            Block::List { lead_in, items, .. } => {
                let _ = writeln!(
                    out,
                    "{pad}  list ({} items), lead-in: {}",
                    items.len(),
                    quoted(lead_in.as_deref())
                );
            }
            Block::Obligations {
                actor,
                modality,
                lead_in,
                items,
                ..
            } => {
                let who = if actor.joint {
                    format!("joint [{}]", actor.parties.join(", "))
                } else {
                    actor.parties.join(", ")
                };
                let modality = serde_json::to_string(modality).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{pad}  obligations {who} {modality} ({} items), lead-in: {}",
                    items.len(),
                    quoted(lead_in.as_deref())
                );
            }
            Block::Quote { speaker, text, .. } => {
                let first: Vec<&str> = text.split_whitespace().take(6).collect();
                let _ = writeln!(
                    out,
                    "{pad}  quote by {}: {} ...",
                    speaker.as_deref().unwrap_or("?"),
                    first.join(" ")
                );
            }
            Block::Paragraph { .. } => {}
        }
    }
    flush_paragraphs(out, &pad, &mut paragraphs);
    for sub in &section.sections {
        render_section(out, sub, depth + 1);
    }
}

fn flush_paragraphs(out: &mut String, pad: &str, n: &mut usize) {
    if *n > 0 {
        let _ = writeln!(
            out,
            "{pad}  {n} paragraph{}",
            if *n == 1 { "" } else { "s" }
        );
        *n = 0;
    }
}

fn quoted(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_owned(), |s| format!("{s:?}"))
}
