//! Markdown-layout text → blocks, via pulldown-cmark's offset iterator.
//!
//! Spans come from pulldown-cmark's byte ranges (trimmed of trailing white
//! space), never from searching the text again. Headings keep their `#`
//! count as level; paragraphs go through the same furniture and quote cues
//! as the plain reader; lists are paired with their lead-in paragraphs.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{
    BlockKind, Furniture, FurnitureVerdicts, Piece, RawBlock, furniture, has_inline_attribution,
    push_list,
};
use crate::lines::Line;
use crate::span::{LineIndex, Span};
use crate::text::{has_at_most_words, is_space, normalize};

/// Reads markdown text into raw blocks; `verdicts` keeps the furniture verdicts of `lines`,
/// `index` is the line index of `text`.
pub fn read(
    text: &str,
    lines: &[Line],
    verdicts: &FurnitureVerdicts,
    index: &LineIndex,
) -> Vec<RawBlock> {
    let span_of = |range: std::ops::Range<usize>| {
        let raw = text.get(range.clone()).unwrap_or("");
        // Most blocks start and end with a printable ASCII byte: nothing to trim there.
        let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
        let trimmed = if graphic(raw.as_bytes().last()) {
            raw
        } else {
            trim_space_end(raw)
        };
        let lead = if graphic(trimmed.as_bytes().first()) {
            0
        } else {
            trimmed.len() - trimmed.trim_start_matches(is_space).len()
        };
        index.span(range.start + lead, range.start + trimmed.len())
    };
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut list_depth = 0usize;
    // Set once a heading or paragraph is read: a body name line above it is a publisher label.
    let mut seen_body = false;
    // Each item: its whole span (bullet included) and its body without the bullet.
    let mut items: Vec<(Span, Piece)> = Vec::new();
    let mut list_start: Option<Span> = None;
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => {
                if list_depth == 0 {
                    list_start = Some(span_of(range));
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    let span = list_start.take().unwrap_or_else(|| span_of(range));
                    let span = items
                        .last()
                        .map_or(span, |(last, _)| crate::blocks::join(span, *last));
                    push_items(&mut blocks, std::mem::take(&mut items), span);
                }
            }
            // Nested items are folded into their top-level item's text.
            Event::Start(Tag::Item) if list_depth == 1 => {
                let span = span_of(range);
                let body = item_body(text, span, lines);
                items.push((span, Piece::new(text, body)));
            }
            _ if list_depth > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                seen_body = true;
                let span = span_of(range);
                let text = normalize(span.slice(text));
                blocks.push(RawBlock {
                    kind: BlockKind::Heading {
                        text,
                        level: level as u32,
                        label: false,
                        numbered: false,
                    },
                    span,
                });
            }
            Event::Start(Tag::Paragraph) => {
                let span = span_of(range);
                let raw = span.slice(text);
                // By bytes: a char pattern decodes every character of the paragraph.
                let kind = if memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_some() {
                    None
                } else {
                    let furniture = if seen_body {
                        line_furniture(text, lines, verdicts, span)
                    } else {
                        furniture(raw, true)
                    };
                    furniture
                        .map(|f| f.block(raw))
                        .or_else(|| bold_heading(raw))
                };
                let kind = kind.unwrap_or_else(|| BlockKind::Paragraph {
                    text: normalize(raw),
                });
                seen_body |= crate::blocks::is_body(&kind);
                blocks.push(RawBlock { kind, span });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)) => {
                let span = span_of(range);
                blocks.push(RawBlock {
                    kind: BlockKind::Paragraph {
                        text: normalize(span.slice(text)),
                    },
                    span,
                });
            }
            Event::Rule => blocks.push(RawBlock {
                kind: BlockKind::Rule,
                span: span_of(range),
            }),
            _ => {}
        }
    }
    blocks
}

/// `raw` without the white space ([`is_space`]) at its end. ASCII white space goes by its
/// bytes (`\t`, `\n`, `\x0C`, `\r` and the space); then, unless the text now ends with
/// another ASCII byte, any other white space (`\x0B`, U+00A0...) by characters.
fn trim_space_end(raw: &str) -> &str {
    let ascii_trimmed = raw.trim_ascii_end();
    match ascii_trimmed.as_bytes().last() {
        Some(&b) if b.is_ascii() && b != b'\x0B' => ascii_trimmed,
        _ => ascii_trimmed.trim_end_matches(is_space),
    }
}

/// Whether the one-line paragraph `span` is page furniture below the top of the
/// page: the verdict kept for its line when the paragraph is that line's body.
fn line_furniture(
    text: &str,
    lines: &[Line],
    verdicts: &FurnitureVerdicts,
    span: Span,
) -> Option<Furniture> {
    match lines.get(span.line.saturating_sub(1)) {
        Some(line) if line.body() == span => verdicts.of(text, line),
        _ => furniture(span.slice(text), false),
    }
}

/// Level given to a paragraph that is all bold (`**Tjenestene**`): below any `#` heading,
/// so that a document mixing both nests bold lines under `#` headings. Levels are made
/// relative when the section tree is built.
const BOLD_HEADING_LEVEL: u32 = 7;

/// A one-line paragraph in bold, used as a heading by many exports: `**Tjenestene**`.
fn bold_heading(raw: &str) -> Option<BlockKind> {
    let inner = raw
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .or_else(|| raw.strip_prefix("__").and_then(|r| r.strip_suffix("__")))?;
    let text = normalize(inner);
    let short = has_at_most_words(&text, 12) && !text.ends_with('.');
    (short && !inner.contains("**") && !text.is_empty()).then(|| {
        let label = text.ends_with(':');
        let text = text.trim_end_matches(':').trim_end().to_owned();
        BlockKind::Heading {
            text,
            level: BOLD_HEADING_LEVEL,
            label,
            numbered: false,
        }
    })
}

/// The span of a list item without its bullet (`- `, `* `, `1. `).
fn item_body(text: &str, span: Span, lines: &[Line]) -> Span {
    let line = lines
        .get(span.line.saturating_sub(1))
        .filter(|l| l.span().start <= span.start && span.start <= l.span().end);
    match line {
        Some(l) if l.body().start >= span.start && l.body().start <= span.end => Span {
            start: l.body().start,
            ..span
        },
        _ => {
            let raw = span.slice(text);
            let skip = raw.find(is_space).map_or(0, |i| i + 1);
            Span {
                start: span.start + skip,
                ..span
            }
        }
    }
}

/// Pushes list items; items that are really quotes (`- ..., sier Vestre.`) become quotes.
fn push_items(blocks: &mut Vec<RawBlock>, items: Vec<(Span, Piece)>, span: Span) {
    if !items.is_empty() && items.iter().all(|(_, i)| has_inline_attribution(&i.text)) {
        for (span, body) in items {
            let kind = BlockKind::Quote {
                body,
                attribution: None,
            };
            blocks.push(RawBlock { kind, span });
        }
        return;
    }
    push_list(
        blocks,
        items.into_iter().map(|(_, piece)| piece).collect(),
        span,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn trim_space_end_trims_what_is_space_holds(
            text in "[a .\t\n\r\x0B\x0C\u{a0}\u{202f}\u{2007}\u{2028}\u{85}é\u{1f}]{0,8}",
        ) {
            proptest::prop_assert_eq!(trim_space_end(&text), text.trim_end_matches(is_space));
        }
    }
}
