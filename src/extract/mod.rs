//! Block stream and section tree → the facts of the document, by extractors run in a fixed order.

pub mod dates;
pub mod parties;
pub mod signatories;
pub mod signing;
pub mod term;

use crate::blocks::RawBlock;
use crate::model::{Document, Layout};

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
    // Parties first: the other extractors resolve actors against them.
    parties::extract(cx, doc);
    let found = dates::extract(cx, doc);
    term::extract(cx, &found, doc);
    signing::extract(cx, &found, doc);
}
