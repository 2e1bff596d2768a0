//! avtale: Norwegian agreement texts → typed, schema-validated JSON.
//!
//! The government (regjeringen and its ministries) and KS sign agreements
//! ("Avtale mellom regjeringen og KS om ..."). avtale reads their texts in
//! any of the archive layouts (markdown exports, plain text, scraped web
//! pages) and returns a [`model::Document`]: sections, parties, signatories,
//! signing, term, dates, references and, above all, obligations.
//!
//! ```text
//!  bytes ──decode──▶ text ──layout──▶ Layout
//!                      │
//!                      ├─lines──▶ [Line] ──blocks──▶ [RawBlock] ──sections──▶ title + [Section]
//!                      │                                   │
//!                      └──────────────────────────── extract ──▶ parties, signing, term,
//!                                                              dates, obligations, references,
//!                                                              quotes, publication, kind
//! ```
//!
//! # Example
//! ```
//! let text = "Avtale mellom regjeringen og KS om kvalitet\n\nBakgrunn\n\nPartene er enige.\n";
//! let doc = avtale::parse_str(text, "avtale.txt");
//! assert_eq!(doc.title.unwrap().text, "Avtale mellom regjeringen og KS om kvalitet");
//! assert_eq!(doc.sections.iter().filter_map(|s| s.heading.as_deref()).collect::<Vec<_>>(), ["Bakgrunn"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Documentation is part of the product: every public item says what it is.
#![deny(missing_docs)]
// Parsing untrusted archives: no unsafe anywhere.
#![forbid(unsafe_code)]
// Every public type can be printed while debugging a batch.
#![warn(missing_debug_implementations)]

pub mod batch;
pub mod blocks;
pub mod dates;
pub mod decode;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod layout;
pub mod lexicon;
pub mod lines;
pub mod markdown;
pub mod model;
pub mod outline;
pub mod output;
pub mod schema;
pub mod sections;
pub mod show;
pub mod span;
mod swar;
pub mod table;
pub mod text;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::Error;
pub use model::Document;

use model::{Layout, Source};

/// Parses decoded text into a document. Never fails: doubts become diagnostics.
///
/// `source` carries the name, hash, size and encoding of the input; its
/// `layout` is replaced by the one detected from the text.
pub fn parse(text: &str, mut source: Source) -> Document {
    if text::is_blank(text) {
        // An empty export is still a document: valid JSON that says it is empty.
        let mut doc = Document::empty(source);
        let message = "the input holds no text (empty or white space only)";
        doc.diagnostics.push(diagnostic::Diagnostic::new(
            diagnostic::Code::EmptyDocument,
            message,
            None,
        ));
        return doc;
    }
    // Lines are classified once, as markdown, and serve layout detection too;
    // the same pass indexes them for the markdown reader and the extractors.
    let (mut lines, index) = lines::classify_indexed(text, Layout::Markdown);
    let furniture = blocks::FurnitureVerdicts::new(&lines);
    let (layout, layout_diagnostic) = layout::detect_lines(text, &lines, &furniture);
    lines::for_layout(&mut lines, layout);
    source.layout = layout;
    let mut doc = Document::empty(source);
    doc.diagnostics.extend(layout_diagnostic);
    let stream = blocks::build_indexed(text, &lines, &furniture, layout, &index);
    let outline = sections::build(text, &stream.blocks);
    doc.title = outline.title;
    doc.subtitle = outline.subtitle;
    doc.sections = outline.sections;
    doc.diagnostics.extend(stream.diagnostics);
    doc.diagnostics.extend(outline.diagnostics);
    extract::run_indexed(
        &extract::Context {
            text,
            layout,
            blocks: &stream.blocks,
        },
        &index,
        &mut doc,
    );
    doc
}

/// Parses a UTF-8 string given in memory, as if read from a file called `name`.
pub fn parse_str(text: &str, name: &str) -> Document {
    parse(text, Source::describe(name, text.as_bytes(), "utf-8"))
}

/// Decodes raw bytes and parses them.
///
/// # Errors
/// Only decoding and limits fail: see [`decode::decode`].
pub fn parse_bytes(name: &str, bytes: &[u8], max_bytes: u64) -> Result<Document, Error> {
    let decoded = decode::decode(bytes, Path::new(name), max_bytes)?;
    let mut doc = parse(
        &decoded.text,
        Source::describe(name, bytes, decoded.encoding),
    );
    doc.diagnostics.splice(0..0, decoded.diagnostics);
    Ok(doc)
}

impl Source {
    /// Describes raw input bytes: name, SHA-256, size and encoding; the layout
    /// is a placeholder that [`parse`] replaces with the detected one.
    pub fn describe(name: &str, raw: &[u8], encoding: &str) -> Self {
        let digest = Sha256::digest(raw);
        let mut sha256 = String::with_capacity(64);
        for byte in digest {
            use std::fmt::Write;
            let _ = write!(sha256, "{byte:02x}");
        }
        Source {
            name: name.to_owned(),
            sha256,
            bytes: raw.len() as u64,
            encoding: encoding.to_owned(),
            layout: Layout::Plain,
        }
    }
}
