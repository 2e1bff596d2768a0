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
    let sample = sample_of(text);
    let lines = classify(sample, Layout::Markdown);
    detect_lines(sample, &lines, &FurnitureVerdicts::new(&lines))
}

/// The first [`SAMPLE_BYTES`] of `text`, cut at a character boundary.
fn sample_of(text: &str) -> &str {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the layout from lines already classified as markdown
/// (`classify(text, Layout::Markdown)`), so that [`crate::parse`] classifies
/// each line once. The lines that start in the first 64 KiB vote; `furniture`
/// keeps the verdicts worked out here for the readers.
///
/// The votes that cost a test (a line of page furniture, an attributed dash bullet:
/// two for web each) are cast last, and only while they can still change the layout
/// (`Tally::is_decided`): a web page is told by its first furniture lines, and most
/// markdown documents by their headings.
pub fn detect_lines(
    text: &str,
    lines: &[Line],
    furniture: &FurnitureVerdicts,
) -> (Layout, Option<Diagnostic>) {
    let sampled = lines.partition_point(|l| l.span().start < SAMPLE_BYTES);
    let sample = &lines[..sampled];
    let mut tally = Tally::default();
    for i in 0..sampled {
        tally.count_free_votes(text, lines, i);
    }
    // Furniture verdicts first: the readers ask for them again, the dash bullets' are lost.
    let furniture_votes = sample
        .iter()
        .filter(|line| asks_furniture(line))
        .map(|line| furniture_vote(text, furniture, line));
    let quote_votes = sample
        .iter()
        .filter(|line| is_dash_bullet(line))
        .map(|line| quote_vote(text, line));
    for vote in furniture_votes.chain(quote_votes) {
        if tally.is_decided() {
            break;
        }
        tally.cast(vote);
    }
    tally.layout(sample)
}

/// The layout votes of a sample of lines.
#[derive(Debug, Default)]
struct Tally {
    markdown: u32,
    web: u32,
    plain: u32,
    /// Votes not cast yet, two for web each when they are yes.
    open: u32,
}

impl Tally {
    /// Counts the votes of `lines[i]` that need no test of furniture or attribution, and
    /// its open vote when it has one.
    fn count_free_votes(&mut self, text: &str, lines: &[Line], i: usize) {
        let line = &lines[i];
        // A blank line casts no vote: its text is empty.
        if line.is_blank() {
            return;
        }
        let raw = line.span().slice(text);
        match line.kind {
            LineKind::AtxHeading { .. } => self.markdown += 3,
            LineKind::Rule if raw.starts_with("---") || raw.starts_with("***") => {
                self.markdown += 2;
            }
            LineKind::Bullet { marker: '•' } => self.web += 1,
            _ => {}
        }
        if raw.ends_with("  ")
            || (raw.starts_with('*') && raw.ends_with('*') && raw.len() > 2)
            || has_double_star(raw)
        {
            self.markdown += 1;
        }
        if is_dash_bullet(line) {
            self.open += 1;
        }
        if asks_furniture(line) {
            self.open += 1;
            let blank_around =
                |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(Line::is_blank);
            if blank_around(i.checked_sub(1)) && blank_around(Some(i + 1)) {
                let body = line.body().slice(text);
                if !body.ends_with('.') && has_at_most_words(body, 8) {
                    self.plain += 1;
                }
            }
        }
    }

    /// Casts one open vote.
    fn cast(&mut self, yes: bool) {
        self.open -= 1;
        if yes {
            self.web += 2;
        }
    }

    /// Whether the open votes can no longer change [`Tally::layout`]: markdown wins
    /// even if they all say web, or web has won already (they only add to it).
    fn is_decided(&self) -> bool {
        if self.markdown >= 3 {
            self.web + 2 * self.open <= self.markdown || self.web > self.markdown
        } else {
            self.web >= 2
        }
    }

    /// The layout the votes give, and a diagnostic when no line voted. Exact once every
    /// vote is cast or [`Tally::is_decided`]: then markdown ≥ 3 or web ≥ 2, and no
    /// diagnostic is due either way.
    fn layout(&self, sample: &[Line]) -> (Layout, Option<Diagnostic>) {
        let layout = if self.markdown >= 3 && self.markdown >= self.web {
            Layout::Markdown
        } else if self.web >= 2 {
            Layout::Web
        } else {
            Layout::Plain
        };
        let no_cue = self.markdown + self.web + self.plain == 0;
        let diagnostic = (no_cue && !sample.iter().all(Line::is_blank)).then(|| {
            Diagnostic::new(
                Code::UnknownLayout,
                "no layout cue found (no headings, metadata or lists); read as plain text",
                None,
            )
        });
        (layout, diagnostic)
    }
}

/// Whether `line` votes web when it is page furniture (other than a page number).
fn asks_furniture(line: &Line) -> bool {
    matches!(line.kind, LineKind::Text | LineKind::Numbered { .. })
}

/// The open vote of a line that [`asks_furniture`]: page numbers are furniture of PDF
/// dumps, not of web pages.
fn furniture_vote(text: &str, furniture: &FurnitureVerdicts, line: &Line) -> bool {
    furniture
        .of(text, line)
        .is_some_and(|f| f != Furniture::Noise(NoiseKind::PageNumber))
}

/// The open vote of a dash bullet: whether it carries an inline attribution.
fn quote_vote(text: &str, line: &Line) -> bool {
    has_inline_attribution(line.body().slice(text))
}

/// Whether `line` is a dash bullet, which votes web when it carries an inline attribution.
fn is_dash_bullet(line: &Line) -> bool {
    matches!(
        line.kind,
        LineKind::Bullet {
            marker: '-' | '–'
        }
    )
}

/// Whether `line` holds `**`: found from its `*` bytes, which most lines lack (a
/// substring search sets up a searcher for every line).
fn has_double_star(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'*', bytes).any(|i| bytes.get(i + 1) == Some(&b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`detect`] with every open vote cast, none skipped.
    fn detect_casting_every_vote(text: &str) -> (Layout, Option<Diagnostic>) {
        let text = sample_of(text);
        let lines = classify(text, Layout::Markdown);
        let furniture = FurnitureVerdicts::new(&lines);
        let mut tally = Tally::default();
        for i in 0..lines.len() {
            tally.count_free_votes(text, &lines, i);
        }
        for line in &lines {
            if asks_furniture(line) {
                tally.cast(furniture_vote(text, &furniture, line));
            }
            if is_dash_bullet(line) {
                tally.cast(quote_vote(text, line));
            }
        }
        assert_eq!(tally.open, 0);
        tally.layout(&lines)
    }

    /// Lines of every kind that votes: headings, rules, emphasis, bullets (attributed or
    /// not), page furniture and page numbers, short lines and running text.
    const LINES: &[&str] = &[
        "",
        "## Bakgrunn",
        "---",
        "**Tjenestene**",
        "Linje med to mellomrom  ",
        "• punkt",
        "- punkt i en liste",
        "– Dette er viktig, sier Vestre.",
        "- Vi gleder oss, uttaler KS.",
        "Del",
        "Publisert: 22.01.2023",
        "Følg KS på Facebook",
        "1 / 6",
        "Side 2 av 4",
        "Historisk arkiv",
        "Bakgrunn",
        "Partene er enige om at avtalen skal gjelde fra 2023 og følges opp årlig.",
        "1. Innledning",
    ];

    proptest::proptest! {
        #[test]
        fn has_double_star_is_contains(line in r"[a* ø]{0,12}") {
            proptest::prop_assert_eq!(has_double_star(&line), line.contains("**"));
        }

        #[test]
        fn skipped_votes_never_change_the_layout(
            picks in proptest::collection::vec(0..LINES.len(), 0..40),
        ) {
            let text: String = picks.iter().map(|&k| format!("{}\n", LINES[k])).collect();
            proptest::prop_assert_eq!(detect(&text), detect_casting_every_vote(&text), "{:?}", text);
        }
    }

    #[test]
    fn skipped_votes_never_change_the_layout_of_the_fixtures() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in std::fs::read_dir(fixtures).expect("fixtures") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
            assert_eq!(detect(&text), detect_casting_every_vote(&text));
        }
    }
}
