//! Block stream and section tree → the facts of the document, by extractors run in a fixed order.

pub mod dates;
pub mod kind;
pub mod obligations;
pub mod parties;
pub mod publication;
pub mod reach;
pub mod references;
pub mod signatories;
pub mod signing;
pub mod term;
pub mod words;

use crate::blocks::RawBlock;
use crate::model::{Document, Layout};
use crate::span::LineIndex;

/// What every extractor reads: the decoded text and its block stream.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The decoded source text; spans index into it.
    pub text: &'a str,
    /// The detected layout.
    pub layout: Layout,
    /// The block stream, noise and signatures included.
    pub blocks: &'a [RawBlock],
}

/// Runs all extractors over the document, in a fixed order.
pub fn run(cx: &Context<'_>, doc: &mut Document) {
    run_indexed(cx, &LineIndex::new(cx.text), doc);
}

/// [`run`] with the line index of `cx.text` built already ([`crate::parse`] shares it
/// with the markdown reader); one index serves every extractor that reports spans.
pub fn run_indexed(cx: &Context<'_>, lines: &LineIndex, doc: &mut Document) {
    // Parties first: the other extractors resolve actors against them.
    parties::extract(cx, lines, doc);
    // The date and term extractors read the same sentences, lowercased once; the copy
    // serves every extractor that searches the lowercased text.
    let prose = dates::Prose::new(cx);
    let found = dates::extract(cx, lines, &prose, doc);
    term::extract(cx, lines, &prose, &found, doc);
    signing::extract(cx, lines, &prose, &found, doc);
    // Obligations resolve "Partene" to the parties, so they run after the parties extractor.
    // Both search the text with its ASCII letters lowercased: the copy the date extractor made.
    obligations::extract(cx, lines, &prose, doc);
    references::extract(cx, lines, &prose, doc);
    publication::extract(cx, doc);
    // Kind weighs everything the others found, so it runs last.
    kind::detect(cx, &prose, doc);
}
