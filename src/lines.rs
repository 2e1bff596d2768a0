//! Decoded text → one classified [`Line`] per physical line (`LineKind` with spans).
//!
//! A line is classified on its own shape only; what it means in context (a
//! heading, a lead-in, a quote, a signature) is decided by `blocks.rs`.

use crate::lexicon::time;
use crate::model::Layout;
use crate::span::{LineIndex, LineStarts, RawLine, Span, raw_lines};
use crate::text::is_space;

/// What a physical line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but white space (NBSP included).
    Blank,
    /// A markdown ATX heading: `## **Tjenestene**`.
    AtxHeading {
        /// Number of `#` marks.
        level: u32,
    },
    /// A thematic break: `---`, `***`, `___`.
    Rule,
    /// A bulleted line: `- item`, `  • item`, `* item`, `– item`, `-        quote`; or an
    /// enumerated item: `a) item`, `(2) item`, `1. item in lower case` (marker `)` or `.`).
    Bullet {
        /// The bullet character.
        marker: char,
    },
    /// A numbered line: `1. Formålet med avtalen`, `6.1 Kommunal- ...`, `§ 3 Varighet`.
    Numbered {
        /// Number of components: `6.1` → 2, `§ 3` → 1.
        depth: u32,
    },
    /// Any other line of text.
    Text,
}

/// One classified physical line.
///
/// A document has one per physical line, blank lines included, kept until
/// its blocks are built: the record is 24 bytes (offsets as `u32`, the line
/// number once, the body's end shared with the line's), not two [`Span`]s.
/// Texts beyond 4 GiB have their offsets clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// What the line looks like.
    pub kind: LineKind,
    start: u32,
    end: u32,
    body_start: u32,
    number: u32,
}

impl Line {
    /// The whole line's content, without its line ending, leading and trailing white space trimmed.
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
            line: self.number as usize,
        }
    }

    /// The content after any bullet, heading mark or number: what a value is read from.
    pub fn body(&self) -> Span {
        Span {
            start: self.body_start as usize,
            ..self.span()
        }
    }

    /// Whether the line holds only white space.
    pub fn is_blank(&self) -> bool {
        self.kind == LineKind::Blank
    }

    fn new(kind: LineKind, span: Span, body_start: usize) -> Self {
        // Offsets beyond 4 GiB are clamped; no agreement text comes near.
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Line {
            kind,
            start: narrow(span.start),
            end: narrow(span.end),
            body_start: narrow(body_start),
            number: narrow(span.line),
        }
    }
}

/// Classifies every physical line of `text`.
///
/// ```
/// use avtale::lines::{classify, LineKind};
/// let lines = classify("## Tittel\n\n  • punkt\n6.1 Kommunal\n---\n", avtale::model::Layout::Markdown);
/// let kinds: Vec<_> = lines.iter().map(|l| l.kind).collect();
/// assert_eq!(kinds, [LineKind::AtxHeading { level: 2 }, LineKind::Blank, LineKind::Bullet { marker: '•' },
///                    LineKind::Numbered { depth: 2 }, LineKind::Rule]);
/// ```
pub fn classify(text: &str, layout: Layout) -> Vec<Line> {
    raw_lines(text)
        .map(|raw| classify_line(raw, layout))
        .collect()
}

/// [`classify`], and the text's line index built from the same pass over its lines.
pub(crate) fn classify_indexed(text: &str, layout: Layout) -> (Vec<Line>, LineIndex) {
    let mut starts = LineStarts::default();
    let lines = raw_lines(text)
        .inspect(|raw| starts.record(raw))
        .map(|raw| classify_line(raw, layout))
        .collect();
    (lines, starts.into_index(text))
}

/// Classifies one physical line.
fn classify_line(raw: RawLine<'_>, layout: Layout) -> Line {
    // Most lines start and end with a printable ASCII byte: nothing to trim there.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic() && b != b'>');
    let trimmed_start = if plain(raw.text.as_bytes().first()) {
        raw.text
    } else {
        let trimmed = raw
            .text
            .trim_start_matches(|c: char| is_space(c) || c == '\u{feff}');
        // The quote marks of a quoted e-mail (`> `, `>> `) are no part of the line.
        trimmed.trim_start_matches(|c: char| is_space(c) || c == '>')
    };
    let start = raw.start + (raw.text.len() - trimmed_start.len());
    let content = if plain(trimmed_start.as_bytes().last()) {
        trimmed_start
    } else {
        trimmed_start.trim_end_matches(is_space)
    };
    let span = Span {
        start,
        end: start + content.len(),
        line: raw.number,
    };
    if content.is_empty() {
        let empty = Span {
            end: raw.start,
            start: raw.start,
            line: raw.number,
        };
        return Line::new(LineKind::Blank, empty, raw.start);
    }
    let (kind, skip) = shape(content, layout);
    // `content` opens with no white space: only a body after marks is trimmed.
    let body_text = if skip == 0 {
        content
    } else {
        content[skip..].trim_start_matches(is_space)
    };
    Line::new(kind, span, span.end - body_text.len())
}

/// Turns lines classified for markdown into lines classified for `layout`:
/// outside markdown, `## Tittel` is a line of text like any other, as
/// [`classify`] reads it for that layout. `parse` classifies each line once,
/// as markdown, before the layout is known.
///
/// ```
/// use avtale::{lines::{classify, for_layout}, model::Layout};
/// let text = "## Tittel\n- punkt\n";
/// let mut lines = classify(text, Layout::Markdown);
/// for_layout(&mut lines, Layout::Web);
/// assert_eq!(lines, classify(text, Layout::Web));
/// ```
pub fn for_layout(lines: &mut [Line], layout: Layout) {
    if layout == Layout::Markdown {
        return;
    }
    for line in lines {
        if let LineKind::AtxHeading { .. } = line.kind {
            // No plain-text shape starts with `#`: not a rule, bullet, enumeration or number.
            line.kind = LineKind::Text;
            line.body_start = line.start;
        }
    }
}

/// The shape of a trimmed, non-blank line, and how many bytes of marks precede its body.
fn shape(line: &str, layout: Layout) -> (LineKind, usize) {
    if opens_only_text(line) {
        return (LineKind::Text, 0);
    }
    shape_by_tests(line, layout)
}

/// [`shape`] by trying each shape in turn.
fn shape_by_tests(line: &str, layout: Layout) -> (LineKind, usize) {
    if is_rule(line) {
        return (LineKind::Rule, line.len());
    }
    if layout == Layout::Markdown
        && let Some(level) = atx_level(line)
    {
        return (LineKind::AtxHeading { level }, level as usize);
    }
    if let Some(marker) = bullet_marker(line) {
        return (LineKind::Bullet { marker }, marker.len_utf8());
    }
    if let Some((marker, len)) = enumeration(line) {
        return (LineKind::Bullet { marker }, len);
    }
    if let Some((depth, len)) = scan_number(line) {
        return (LineKind::Numbered { depth }, len);
    }
    (LineKind::Text, 0)
}

/// Whether `line` opens with a byte no other shape opens with: a capital ASCII letter but
/// the roman digits `I`, `V`, `X` ([`scan_number`]), or the lead byte `0xC3` of the Latin-1
/// letters (`Æ`, `ø`, ...). Most lines of running text do; [`shape`] tries no other test.
fn opens_only_text(line: &str) -> bool {
    line.as_bytes()
        .first()
        .is_some_and(|&b| (b.is_ascii_uppercase() && !matches!(b, b'I' | b'V' | b'X')) || b == 0xc3)
}

/// `---`, `***`, `___` (three or more, spaces allowed between), nothing else on the line.
fn is_rule(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    // The shape test first: it stops at the first other character (a bullet's text).
    matches!(first, '-' | '*' | '_')
        && line.chars().all(|c| c == first || c == ' ' || c == '\t')
        && line.chars().filter(|&c| c == first).count() >= 3
}

/// `## Heading` → 2 (one to six marks followed by a space).
fn atx_level(line: &str) -> Option<u32> {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[marks..];
    ((1..=6).contains(&marks) && (rest.is_empty() || rest.starts_with(is_space)))
        .then_some(marks as u32)
}

/// The bullet of `- item`, `• item`, `* item`, `– item`, `· item`, `▪ item` (the mark must be
/// followed by white space; `-5 %` and `*uthevet*` are not bullets).
fn bullet_marker(line: &str) -> Option<char> {
    let mut chars = line.chars();
    let marker = chars.next()?;
    let next = chars.next();
    let is_marker = matches!(
        marker,
        '-' | '•' | '*' | '–' | '·' | '▪' | '◦' | '‣' | '○' | '■'
    );
    (is_marker && next.is_some_and(is_space)).then_some(marker)
}

/// The mark of an enumerated list item and its byte length: `a) `, `b) `, `1) `, `(2) `,
/// `(c) `, `ii) `, `(iv) ` (marker `)`), or `1. `, `a. ` before a word in lower case (marker
/// `.`). A day before a month (`3. oktober 2001`) or an ordinal before its noun (`2. halvår`)
/// is running text, and `1. Innledning` is a section number.
fn enumeration(line: &str) -> Option<(char, usize)> {
    /// Lower-case roman numerals of more than one letter (`i`, `v`, `x` are letters already).
    const ROMAN: &[&[u8]] = &[b"ii", b"iii", b"iv", b"vi", b"vii", b"viii", b"ix"];
    let bytes = line.as_bytes();
    let open = usize::from(bytes.first() == Some(&b'('));
    let label = &bytes[open..];
    let digits = label.iter().take_while(|b| b.is_ascii_digit()).count();
    let letters = label.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let roman = digits == 0 && ROMAN.contains(&&label[..letters]);
    let letter = digits == 0 && letters == 1;
    let n = if roman || letter { letters } else { digits };
    if !(1..=4).contains(&n) || (n > 2 && !roman) {
        return None;
    }
    let mark = open + n;
    let after = |len: usize| line.get(len..).filter(|rest| rest.starts_with(is_space));
    match bytes.get(mark) {
        Some(b')') => after(mark + 1).map(|_| (')', mark + 1)),
        Some(b'.') if open == 0 && !roman => {
            let rest = after(mark + 1)?.trim_start_matches(is_space);
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let lower = word.chars().next().is_some_and(char::is_lowercase);
            // A letter before an abbreviation is one too: `m. fl.`, `f. eks.`.
            let abbreviation = letter && rest[word.len()..].starts_with('.');
            let running_text = abbreviation
                || time::MONTHS.iter().any(|(m, _)| *m == word)
                || time::MONTH_ABBREVIATIONS.iter().any(|(m, _)| *m == word)
                || time::ORDINAL_NOUNS.contains(&word.as_str());
            (lower && !running_text).then_some(('.', mark + 1))
        }
        _ => None,
    }
}

/// Scans a section number at the start of a line: `1. `, `6.1 `, `6.1.2. `, `§ 3 `.
/// Returns the depth and the number's byte length. Dates (`19.9.2006`) and
/// amounts (`10.000 nye`) are not section numbers.
fn scan_number(line: &str) -> Option<(u32, usize)> {
    let bytes = line.as_bytes();
    if let Some(rest) = line.strip_prefix('§') {
        let digits = rest.trim_start_matches(is_space);
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        let after = &digits[n..];
        let end = line.len() - after.len();
        return (n > 0 && after.starts_with(is_space)).then_some((1, end));
    }
    // Roman numerals: "II. Formål".
    let roman = bytes
        .iter()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    if (1..=4).contains(&roman) && bytes.get(roman) == Some(&b'.') {
        let rest = &line[roman + 1..];
        let word = rest.trim_start_matches(is_space);
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        return (rest.starts_with(is_space) && starts_upper).then_some((1, roman + 1));
    }
    let mut i = 0;
    let mut depth = 0;
    loop {
        let n = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 || n > 2 {
            return None;
        }
        i += n;
        depth += 1;
        match bytes.get(i) {
            Some(b'.') => {
                i += 1;
                if bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                break;
            }
            Some(b' ' | b'\t') if depth > 1 => break,
            _ => return None,
        }
    }
    let rest = &line[i..];
    // Must be followed by white space and then a capital letter: "1. Innledning", not "3. oktober".
    let word = rest.trim_start_matches(is_space);
    let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
    (rest.starts_with(is_space) && starts_upper && depth <= 4).then_some((depth, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify(line, Layout::Plain)[0].kind
    }

    proptest::proptest! {
        #[test]
        fn a_line_that_opens_only_text_has_no_other_shape(
            line in r"[A-HJ-UWYZÆØÅÉæøåé][a-zA-Z0-9IVX.)(§ \-*#–•]{0,12}",
        ) {
            proptest::prop_assert!(opens_only_text(&line));
            for layout in [Layout::Markdown, Layout::Plain] {
                proptest::prop_assert_eq!(shape_by_tests(&line, layout), (LineKind::Text, 0));
            }
        }
    }

    #[test]
    fn every_line_opening_with_a_latin_1_letter_or_capital_opens_only_text() {
        let tails = [
            "",
            " ",
            ". Formål",
            ". a",
            ") a",
            "1. Abc",
            "-",
            " - a",
            "** a",
            "# a",
        ];
        let capitals = ('A'..='Z').filter(|c| !matches!(c, 'I' | 'V' | 'X'));
        let latin_1 = ('\u{c0}'..='\u{ff}').filter(|c| c.to_string().as_bytes()[0] == 0xc3);
        for first in capitals.chain(latin_1) {
            for tail in tails {
                let line = format!("{first}{tail}");
                assert!(opens_only_text(&line), "{line:?}");
                for layout in [Layout::Markdown, Layout::Plain] {
                    assert_eq!(
                        shape_by_tests(&line, layout),
                        (LineKind::Text, 0),
                        "{line:?}"
                    );
                }
            }
        }
        for line in [
            "I. Formål",
            "V. Varighet",
            "X) a",
            "a) b",
            "1. Abc",
            "§ 3 A",
            "- a",
            "# a",
        ] {
            assert!(!opens_only_text(line), "{line:?}");
        }
    }

    #[test]
    fn numbers_are_told_from_dates_and_amounts() {
        assert_eq!(kind("1. Innledning"), LineKind::Numbered { depth: 1 });
        assert_eq!(
            kind("6.2 Landbruks- og matdepartementet"),
            LineKind::Numbered { depth: 2 }
        );
        assert_eq!(kind("§ 3 Varighet"), LineKind::Numbered { depth: 1 });
        assert_eq!(kind("19.9.2006"), LineKind::Text);
        assert_eq!(kind("10.000 nye årsverk"), LineKind::Text);
        assert_eq!(kind("3. oktober 2001"), LineKind::Text);
        assert_eq!(kind("2019 Oslo"), LineKind::Text);
        assert_eq!(
            kind("IV. Varighet og oppsigelse"),
            LineKind::Numbered { depth: 1 }
        );
        assert_eq!(kind("I"), LineKind::Text);
        assert_eq!(kind("VIL du vite mer"), LineKind::Text);
    }

    #[test]
    fn bullets_rules_and_blank_lines() {
        assert_eq!(
            kind("  •\u{a0}elektronisk samhandling"),
            LineKind::Bullet { marker: '•' }
        );
        assert_eq!(kind("-        For å øke"), LineKind::Bullet { marker: '-' });
        assert_eq!(kind("*uthevet*"), LineKind::Text);
        assert_eq!(kind("---"), LineKind::Rule);
        assert_eq!(kind(" \u{a0} "), LineKind::Blank);
        assert_eq!(kind("#hashtag"), LineKind::Text);
    }

    #[test]
    fn enumerated_items_are_told_from_dates_ordinals_and_section_numbers() {
        let item = |marker| LineKind::Bullet { marker };
        assert_eq!(kind("a) økt andel ansatte med fagutdanning"), item(')'));
        assert_eq!(kind("(2) bidra til erfaringsdeling"), item(')'));
        assert_eq!(kind("1) Ny barnevernslov"), item(')'));
        assert_eq!(kind("1. videreutvikle ordningen"), item('.'));
        assert_eq!(kind("1. Innledning"), LineKind::Numbered { depth: 1 });
        assert_eq!(kind("3. oktober 2001 ble avtalen inngått"), LineKind::Text);
        assert_eq!(kind("2. halvår 2024 skal partene"), LineKind::Text);
        assert_eq!(kind("ab) ikke en liste"), LineKind::Text);
        assert_eq!(kind("a)"), LineKind::Text);
        assert_eq!(kind("(KS) er partene"), LineKind::Text);
        assert_eq!(kind("ii) gi Helsedirektoratet i oppdrag"), item(')'));
        assert_eq!(kind("(iv) rapportere årlig"), item(')'));
        assert_eq!(kind("vil) ikke en liste"), LineKind::Text);
        assert_eq!(kind("a. utbetale et tilskudd"), item('.'));
        assert_eq!(kind("A. Formål"), LineKind::Text);
        assert_eq!(kind("b. januar"), LineKind::Text);
        assert_eq!(kind("m. fl. har deltatt"), LineKind::Text);
        let line = classify("b)  redusert deltid", Layout::Plain)[0];
        assert_eq!(line.body().slice("b)  redusert deltid"), "redusert deltid");
    }

    #[test]
    fn markdown_lines_adapt_to_the_other_layouts() {
        let text =
            "## Tittel\n#\n####### sju\n#hashtag\n  # Innrykk  \n- punkt\n1. Innledning\n\n---\n";
        for layout in [Layout::Plain, Layout::Web, Layout::Markdown] {
            let mut lines = classify(text, Layout::Markdown);
            for_layout(&mut lines, layout);
            assert_eq!(lines, classify(text, layout), "{layout:?}");
        }
    }

    #[test]
    fn a_line_record_stays_small() {
        // One per physical line of the document: see `Line`.
        assert_eq!(std::mem::size_of::<Line>(), 24);
    }

    #[test]
    fn body_skips_marks_but_span_keeps_them() {
        let text = "  - punkt en  \r\n";
        let line = classify(text, Layout::Plain)[0];
        assert_eq!(line.span().slice(text), "- punkt en");
        assert_eq!(line.body().slice(text), "punkt en");
    }
}
