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

use std::sync::LazyLock;

use aho_corasick::Span;
use aho_corasick::packed::{Config, Searcher};

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

/// The readers of the lowercase text whose needles [`Needles`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The unit stems that seed the date search ([`dates::UNIT_STEMS`]).
    DateStems,
    /// The pieces of the term cues ([`term::cue_pieces`]).
    TermCues,
}

/// Every reader's needles, with the reader and the needle's index among the reader's.
fn all_needles() -> Vec<(Reader, usize, &'static str)> {
    let stems = dates::UNIT_STEMS
        .into_iter()
        .enumerate()
        .map(|(i, stem)| (Reader::DateStems, i, stem));
    let pieces = term::cue_pieces()
        .enumerate()
        .map(|(i, piece)| (Reader::TermCues, i, piece));
    stems.chain(pieces).collect()
}

/// One packed (Teddy) search for [`all_needles`], and per pattern its reader and index.
struct NeedleSearch {
    /// The search; pattern `k` is needle `needles[k]`.
    searcher: Searcher,
    /// Per pattern: its reader and its index among the reader's needles.
    needles: Vec<(Reader, usize)>,
}

/// The search, built once; `None` without a packed searcher.
static SEARCH: LazyLock<Option<NeedleSearch>> = LazyLock::new(|| {
    let (needles, patterns): (Vec<(Reader, usize)>, Vec<&str>) = all_needles()
        .into_iter()
        .map(|(reader, i, needle)| ((reader, i), needle))
        .unzip();
    let searcher = Config::new().builder().extend(patterns).build()?;
    Some(NeedleSearch { searcher, needles })
});

/// One occurrence of a needle: start and end byte, reader, and index among its needles.
type Hit = (usize, usize, Reader, usize);

/// Where the date stems and the term cue pieces occur in the lowercase text, found by one
/// search instead of one per reader. (Measured on 6 MB of text: the two readers' own
/// searches took 16.4 M instructions, the shared one ~14 M with its hits; adding the
/// reference triggers or kind's anchors made it cost more than their own searches, since a
/// search's cost is mostly its candidates and matches, which add up, not its pass.)
///
/// Every occurrence of every needle is found: the search is resumed one byte after the
/// start of each match, not at its end, so it reports every start where a needle occurs,
/// and no needle is a prefix of another (test `no_needle_is_a_prefix_of_another`), so one
/// needle at most occurs there (`uke` and `evaluer` do overlap in `ukevaluer`, `mnd` and
/// `dag` in `mndag`). A reader's own leftmost-first search of its needles alone would
/// report the leftmost occurrence of one of them, then the leftmost one starting at or
/// after its end, and so on: [`Needles::of`] keeps the reader's occurrences that way, so
/// each reader is handed what its own search found (test
/// `each_reader_gets_what_its_own_search_finds`).
#[derive(Debug, Default)]
pub(crate) struct Needles {
    /// Every occurrence, by start; `None` when not searched for.
    hits: Option<Vec<Hit>>,
}

impl Needles {
    /// Finds the needles in `lower`; nothing without a packed search.
    pub(crate) fn find(lower: &str) -> Self {
        let hits = SEARCH.as_ref().map(|search| {
            let bytes = lower.as_bytes();
            let mut hits = Vec::new();
            let mut from = 0;
            while let Some(m) = search
                .searcher
                .find_in(bytes, Span::from(from..bytes.len()))
            {
                if let Some(&(reader, i)) = search.needles.get(m.pattern().as_usize()) {
                    hits.push((m.start(), m.end(), reader, i));
                }
                from = m.start() + 1;
            }
            hits
        });
        Self { hits }
    }

    /// The occurrences of `reader`'s needles (start, end, index among its needles) that a
    /// leftmost-first search of its needles alone reports, in order: each the first to start
    /// at or after the end of the one before. `None` when they were not searched for.
    pub(crate) fn of(
        &self,
        reader: Reader,
    ) -> Option<impl Iterator<Item = (usize, usize, usize)> + '_> {
        let mut kept_end = 0;
        let hits = self
            .hits
            .as_ref()?
            .iter()
            .filter(move |&&(start, end, r, _)| {
                let kept = r == reader && start >= kept_end;
                if kept {
                    kept_end = end;
                }
                kept
            });
        Some(hits.map(|&(start, end, _, i)| (start, end, i)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_needle_is_a_prefix_of_another() {
        let needles = all_needles();
        for (i, (_, _, a)) in needles.iter().enumerate() {
            for (j, (_, _, b)) in needles.iter().enumerate() {
                assert!(i == j || !b.starts_with(a), "{a:?} opens {b:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn each_reader_gets_what_its_own_search_finds(
            text in "(mndag|mndøgn|ukevaluer|dag|døgn|uke|vek|mån|mnd|år|evaluer|opp|avbryte |a|e|n|æ| |[.]){0,16}",
        ) {
            let needles = Needles::find(&text);
            for reader in [Reader::DateStems, Reader::TermCues] {
                let own = all_needles()
                    .into_iter()
                    .filter(|(r, _, _)| *r == reader)
                    .map(|(_, _, needle)| needle);
                let search = Config::new().builder().extend(own).build().expect("a packed search");
                let expected: Vec<(usize, usize, usize)> = search
                    .find_iter(text.as_bytes())
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect();
                let got: Option<Vec<_>> = needles.of(reader).map(Iterator::collect);
                proptest::prop_assert_eq!(got, Some(expected), "{:?}", reader);
            }
        }
    }
}
