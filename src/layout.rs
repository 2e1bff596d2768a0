//! Decoded text → `Layout` (markdown, plain, web), scored from cues in the text.
//!
//! Each line votes: markdown headings, rules and emphasis for markdown;
//! page metadata, link blocks, share buttons, `•` bullets and attributed
//! quotes for web (a PDF dump's page numbers do not vote); bare heading
//! lines between blank lines for plain. The
//! file name is never consulted. A wrong guess degrades gracefully: the
//! plain and web readers share their cues, and markdown text read as plain
//! still yields paragraphs and lists.

use crate::blocks::{Furniture, FurnitureVerdicts, NoiseKind, has_inline_attribution};
use crate::diagnostic::{Code, Diagnostic};
use crate::lines::{Line, LineKind, classify};
use crate::model::Layout;
use crate::text::has_at_most_words;

/// How many leading bytes are enough to tell the layout.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Detects the layout of `text`; a diagnostic says when no cue was found.
///
/// ```
/// use avtale::{layout::detect, model::Layout};
/// assert_eq!(detect("## Tittel\n\n## **Tjenestene**\n\n- punkt\n").0, Layout::Markdown);
/// assert_eq!(detect("Historisk arkiv\n\nTittel\n\nUtgiver: KS\n").0, Layout::Web);
/// assert_eq!(detect("Tittel\n\nBakgrunn\n\nAvtalen er inngått.\n").0, Layout::Plain);
/// ```
pub fn detect(text: &str) -> (Layout, Option<Diagnostic>) {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let lines = classify(sample, Layout::Markdown);
    detect_lines(sample, &lines, &FurnitureVerdicts::new(&lines))
}

/// Detects the layout from lines already classified as markdown
/// (`classify(text, Layout::Markdown)`), so that [`crate::parse`] classifies
/// each line once. The lines that start in the first 64 KiB vote; `furniture`
/// keeps the verdicts worked out here for the readers.
pub fn detect_lines(
    text: &str,
    lines: &[Line],
    furniture: &FurnitureVerdicts,
) -> (Layout, Option<Diagnostic>) {
    let sampled = lines.partition_point(|l| l.span().start < SAMPLE_BYTES);
    let sample = &lines[..sampled];
    let (mut markdown, mut web, mut plain) = (0u32, 0u32, 0u32);
    for (i, line) in sample.iter().enumerate() {
        let raw = line.span().slice(text);
        let body = line.body().slice(text);
        match line.kind {
            LineKind::AtxHeading { .. } => markdown += 3,
            LineKind::Rule if raw.starts_with("---") || raw.starts_with("***") => markdown += 2,
            LineKind::Bullet { marker: '•' } => web += 1,
            LineKind::Bullet {
                marker: '-' | '–'
            } if has_inline_attribution(body) => web += 2,
            _ => {}
        }
        if raw.ends_with("  ")
            || (raw.starts_with('*') && raw.ends_with('*') && raw.len() > 2)
            || raw.contains("**")
        {
            markdown += 1;
        }
        if matches!(line.kind, LineKind::Text | LineKind::Numbered { .. }) {
            // Page numbers are furniture of PDF dumps, not of web pages.
            if furniture
                .of(text, line)
                .is_some_and(|f| f != Furniture::Noise(NoiseKind::PageNumber))
            {
                web += 2;
            }
            let blank_around =
                |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(Line::is_blank);
            if blank_around(i.checked_sub(1))
                && blank_around(Some(i + 1))
                && !body.ends_with('.')
                && has_at_most_words(body, 8)
            {
                plain += 1;
            }
        }
    }
    let layout = if markdown >= 3 && markdown >= web {
        Layout::Markdown
    } else if web >= 2 {
        Layout::Web
    } else {
        Layout::Plain
    };
    let diagnostic =
        (markdown + web + plain == 0 && !sample.iter().all(Line::is_blank)).then(|| {
            Diagnostic::new(
                Code::UnknownLayout,
                "no layout cue found (no headings, metadata or lists); read as plain text",
                None,
            )
        });
    (layout, diagnostic)
}
