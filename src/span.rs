//! Text offsets → `Span { start, end, line }`, backed by a [`LineIndex`] built once per document.
//!
//! Spans are byte offsets into the decoded UTF-8 text, never into a rewritten
//! copy, so `&text[span.start..span.end]` is always the exact source slice.
//! CR, LF and CRLF all end a line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A byte range into the decoded source text, with the 1-based line of its start.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Span {
    /// Byte offset of the first byte (inclusive).
    pub start: usize,
    /// Byte offset one past the last byte (exclusive).
    pub end: usize,
    /// 1-based line number of `start`.
    pub line: usize,
}

impl Span {
    /// The source slice this span points at, or `""` when it is out of bounds
    /// or not on char boundaries (which the span invariant tests rule out).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Byte length of the span.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

crate::output::struct_to_json!(Span { start, end, line });

/// Maps byte offsets to 1-based line numbers; built once per document.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `starts[0] == 0`. Four bytes
    /// a line: a document of blank lines has millions (offsets beyond 4 GiB
    /// are clamped; no agreement text comes near).
    starts: Vec<u32>,
    len: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text`, treating `\n`, `\r\n` and a lone `\r` as line ends.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut push_end = |i: usize| starts.push(narrow(i + 1));
        if memchr::memchr(b'\r', bytes).is_none() {
            // Only `\n` ends a line: the one-byte search is cheaper a line than the two-byte one.
            memchr::memchr_iter(b'\n', bytes).for_each(&mut push_end);
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    push_end(i);
                }
            }
        }
        Self {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line that contains byte `offset` (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset.min(self.len)).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// A span over `start..end` with its line number filled in.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: self.line_of(start),
        }
    }

    /// Number of lines (a trailing line ending does not open a new line with content,
    /// but is still counted, as editors do).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// A byte offset as a [`LineIndex`] keeps it: clamped to `u32::MAX`.
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The line starts of a text, recorded while its [`raw_lines`] are read, so
/// that its [`LineIndex`] needs no second pass over the text.
#[derive(Debug, Default)]
pub(crate) struct LineStarts(Vec<u32>);

impl LineStarts {
    /// Records the start of the next line `raw_lines` yielded.
    pub(crate) fn record(&mut self, line: &RawLine<'_>) {
        self.0.push(narrow(line.start));
    }

    /// The index of `text`, all of whose raw lines were recorded in order:
    /// the same as [`LineIndex::new`]`(text)`.
    pub(crate) fn into_index(self, text: &str) -> LineIndex {
        let mut starts = self.0;
        // `raw_lines` yields no line after a final line end, nor for an empty
        // text; the index counts that (empty) line.
        if text.is_empty() || text.ends_with(['\n', '\r']) {
            starts.push(narrow(text.len()));
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }
}

/// One physical line of the source: its content span (without the line ending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine<'t> {
    /// The line's content, without its line ending.
    pub text: &'t str,
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// 1-based line number.
    pub number: usize,
}

impl RawLine<'_> {
    /// Byte offset one past the last content byte.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Splits `text` into lines on `\n`, `\r\n` or a lone `\r`, keeping exact offsets.
///
/// ```
/// let lines: Vec<_> = avtale::span::raw_lines("a\r\nb\rc").map(|l| l.text).collect();
/// assert_eq!(lines, ["a", "b", "c"]);
/// ```
pub fn raw_lines(text: &str) -> impl Iterator<Item = RawLine<'_>> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        pos = end;
        if pos < bytes.len() {
            pos += if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        number += 1;
        Some(RawLine {
            text: &text[start..end],
            start,
            number,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_all_line_endings() {
        let text = "a\nb\r\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(2), 2);
        assert_eq!(idx.line_of(5), 3);
        assert_eq!(idx.line_of(7), 4);
        let lines: Vec<_> = raw_lines(text)
            .map(|l| (l.number, l.start, l.text))
            .collect();
        assert_eq!(lines, [(1, 0, "a"), (2, 2, "b"), (3, 5, "c"), (4, 7, "d")]);
    }

    #[test]
    fn line_index_without_carriage_returns_starts_after_each_newline() {
        let text = "\n\nab\ncdefghij\nklmnopqrstuvwxyz\n\u{e5}\n\n x\n\u{a0}\nend\n";
        for cut in 0..=text.len() {
            let Some(text) = text.get(..cut) else {
                continue;
            };
            let idx = LineIndex::new(text);
            let mut expected = vec![0];
            expected.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1));
            assert_eq!(idx.starts, expected, "{text:?}");
        }
    }

    /// The index built from the recorded starts of `text`'s raw lines.
    fn recorded_index(text: &str) -> LineIndex {
        let mut starts = LineStarts::default();
        raw_lines(text).for_each(|line| starts.record(&line));
        starts.into_index(text)
    }

    #[test]
    fn recorded_line_starts_index_like_a_second_pass() {
        for text in [
            "", "a", "\n", "\r", "\r\n", "a\n", "a\r\n", "a\r", "\n\r", "\r\r\n\n",
        ] {
            let index = recorded_index(text);
            assert_eq!(index.starts, LineIndex::new(text).starts, "{text:?}");
            assert_eq!(index.len, text.len());
        }
    }

    #[test]
    fn recorded_line_starts_index_the_fixtures_like_a_second_pass() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in std::fs::read_dir(fixtures).expect("fixtures") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
            assert_eq!(recorded_index(&text).starts, LineIndex::new(&text).starts);
        }
    }

    proptest::proptest! {
        #[test]
        fn recorded_line_starts_index_mixed_line_ends_like_a_second_pass(
            text in "[a\u{e5} \r\n]{0,60}",
        ) {
            let index = recorded_index(&text);
            proptest::prop_assert_eq!(&index.starts, &LineIndex::new(&text).starts);
            proptest::prop_assert_eq!(index.len, text.len());
        }
    }
}
