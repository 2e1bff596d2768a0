//! Classified lines → one typed block stream (`RawBlock`) shared by all layouts, with spans.
//!
//! The stream keeps everything the source holds, noise included, so that
//! nothing is ever silently lost: body blocks (headings, paragraphs, lists,
//! quotes) go on to the section tree; metadata, signature groups and noise
//! go to the extractors and to `info` diagnostics.

use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::{bodies, cues, web};
use crate::lines::{Line, LineKind};
use crate::markdown;
use crate::model::Layout;
use crate::span::{LineIndex, Span};
use crate::text::{count_words_up_to, has_at_least_words, has_at_most_words, lowercase, normalize};

/// A block of the source, in document order, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it stands in the source (from its first to its last content byte).
    pub span: Span,
}

/// The kinds of blocks every layout is read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading: `## **Tjenestene**`, a bare short line (`Bakgrunn`), a numbered
    /// line (`6.1 Kommunal- og regionaldepartementet`) or a label (`Sekretariat:`).
    Heading {
        /// Normalized heading text (a label's final colon removed).
        text: String,
        /// Nesting level within the document: 1 for top level.
        level: u32,
        /// True for a label heading ending in a colon (`Sekretariat:`).
        label: bool,
        /// True for a numbered heading (`6.1 ...`, `§ 3 ...`); its level is the number's depth.
        numbered: bool,
    },
    /// Running text; hard-wrapped lines joined.
    Paragraph {
        /// Normalized text.
        text: String,
    },
    /// A list, with the line that introduces it when there is one.
    List {
        /// The lead-in line ("Partene vil i fellesskap bidra til", "Det legges særlig vekt på:").
        lead_in: Option<Piece>,
        /// The items, bullets stripped.
        items: Vec<Piece>,
    },
    /// Quoted speech: `– ..., sier Vestre.`, or a pull quote followed by an attribution line.
    Quote {
        /// The quoted words without the leading dash, attribution included when it is inline.
        body: Piece,
        /// A separate attribution line ("Gunn Marit Helgesen, styreleder i KS").
        attribution: Option<Piece>,
    },
    /// A horizontal rule (`---`).
    Rule,
    /// A page metadata line: "Historisk arkiv", "Publisert under: ...", "Utgiver: ...".
    Metadata {
        /// Normalized text of the line.
        text: String,
    },
    /// A group of short lines that signs the agreement: name, title, organisation;
    /// or a place-and-date line ("Oslo, 19.9.2006").
    Signature {
        /// The group's lines, in order.
        lines: Vec<Piece>,
    },
    /// Web-page furniture dropped from the body (link blocks, share buttons, captions).
    Noise {
        /// Why it counts as noise.
        reason: NoiseKind,
        /// Normalized text of the noise, for extractors that read link titles.
        text: String,
    },
}

/// A normalized piece of text with its span (a list item, a lead-in, a signature line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Normalized text.
    pub text: String,
    /// Span of the raw source (bullets excluded).
    pub span: Span,
}

/// Why a line counts as noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoiseKind {
    /// A link line: "Lenkeblokk Icon ...", "Les avtalen her (pdf)", "Lenke til ...".
    Link,
    /// Share and follow buttons: "Del", "Følg ... på Facebook".
    Share,
    /// An image-gallery counter or caption: "1 / 6" and the caption under it.
    Caption,
    /// Other page furniture ("No results found", "Dette innholdet er mer enn 5 år gammelt").
    Furniture,
    /// A repeat of the document title further down the page.
    RepeatedTitle,
    /// A page number of a PDF dump: `2`, `- 2 -`, `Side 1 av 4`.
    PageNumber,
    /// A paragraph printed twice in a row on a web page (a lead or a caption repeated).
    RepeatedParagraph,
}

/// The block stream of a document and what the reader doubted.
#[derive(Debug, Clone, Default)]
pub struct Stream {
    /// All blocks in document order.
    pub blocks: Vec<RawBlock>,
    /// Noise reports and unplaced lines.
    pub diagnostics: Vec<Diagnostic>,
}

/// Groups classified lines into blocks: the markdown layout through pulldown-cmark,
/// plain and web text line by line; then pairs lists with their lead-ins, joins
/// pull quotes with their attribution lines, and marks the signature area.
/// `furniture` keeps the verdicts layout detection worked out on the same lines.
pub fn build(text: &str, lines: &[Line], furniture: &FurnitureVerdicts, layout: Layout) -> Stream {
    build_indexed(text, lines, furniture, layout, &LineIndex::new(text))
}

/// [`build`] with the line index of `text` built already: [`crate::parse`] builds one
/// for the markdown reader and the extractors together.
pub fn build_indexed(
    text: &str,
    lines: &[Line],
    furniture: &FurnitureVerdicts,
    layout: Layout,
    index: &LineIndex,
) -> Stream {
    let mut blocks = match layout {
        Layout::Markdown => markdown::read(text, lines, furniture, index),
        Layout::Plain | Layout::Web => PlainReader::new(text, lines, furniture, layout).read(),
    };
    join_broken_paragraphs(text, &mut blocks);
    attach_attributions(text, &mut blocks);
    mark_signatures(text, lines, &mut blocks);
    mark_repeats(&mut blocks);
    let mut diagnostics = Vec::new();
    for block in &blocks {
        if let BlockKind::Noise { reason, text } = &block.kind {
            diagnostics.push(Diagnostic::new(
                Code::Noise,
                format!("dropped {} from the body: {text:?}", reason.describe()),
                Some(block.span),
            ));
        }
    }
    diagnostics.extend(unplaced_lines(text, lines, &blocks));
    Stream {
        blocks,
        diagnostics,
    }
}

impl NoiseKind {
    /// A short English description for diagnostics.
    pub fn describe(self) -> &'static str {
        match self {
            NoiseKind::Link => "a link line",
            NoiseKind::Share => "a share or follow button",
            NoiseKind::Caption => "an image caption",
            NoiseKind::Furniture => "page furniture",
            NoiseKind::RepeatedTitle => "a repeat of the title",
            NoiseKind::PageNumber => "a page number",
            NoiseKind::RepeatedParagraph => "a repeat of the paragraph above",
        }
    }
}

/// Turns a paragraph of three or more words that repeats the paragraph or image caption
/// right before it word for word into noise: web pages print a lead or a caption twice,
/// and reading it twice would count its facts twice. Share buttons and other noise
/// between the two do not separate them.
fn mark_repeats(blocks: &mut [RawBlock]) {
    // The block a paragraph is compared with, by index: no text is copied to keep it.
    let mut previous: Option<usize> = None;
    for i in 0..blocks.len() {
        let (before, rest) = blocks.split_at_mut(i);
        let block = &mut rest[0];
        match &mut block.kind {
            BlockKind::Paragraph { text } => {
                let repeated = previous.and_then(|p| repeatable_text(&before[p].kind))
                    == Some(text.as_str())
                    && has_at_least_words(text, 3);
                if repeated {
                    block.kind = BlockKind::Noise {
                        reason: NoiseKind::RepeatedParagraph,
                        text: std::mem::take(text),
                    };
                } else {
                    previous = Some(i);
                }
            }
            BlockKind::Noise {
                reason: NoiseKind::Caption,
                ..
            } => previous = Some(i),
            BlockKind::Noise { .. } => {}
            _ => previous = None,
        }
    }
}

/// The text a later paragraph is compared with in [`mark_repeats`]: a paragraph's or
/// an image caption's.
fn repeatable_text(kind: &BlockKind) -> Option<&str> {
    match kind {
        BlockKind::Paragraph { text }
        | BlockKind::Noise {
            reason: NoiseKind::Caption,
            text,
        } => Some(text),
        _ => None,
    }
}

impl Piece {
    /// A piece for the raw source slice `span`, normalized.
    pub fn new(text: &str, span: Span) -> Self {
        Self {
            text: normalize(span.slice(text)),
            span,
        }
    }
}

/// Whether a block belongs to the body (heading, paragraph, list, quote), not to the
/// page around it (metadata, noise, rules, signatures).
pub fn is_body(kind: &BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Heading { .. }
            | BlockKind::Paragraph { .. }
            | BlockKind::List { .. }
            | BlockKind::Quote { .. }
    )
}

impl RawBlock {
    /// The normalized text of a paragraph or heading, if it is one.
    pub fn prose(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// The span from the start of `first` to the end of `last`.
pub(crate) fn join(first: Span, last: Span) -> Span {
    Span {
        start: first.start,
        end: last.end.max(first.end),
        line: first.line,
    }
}

// ---------------------------------------------------------------------------
// Line-level cues shared by both readers.

/// What a line of page furniture is, before its text is normalized into a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Furniture {
    /// A page metadata line ([`BlockKind::Metadata`]).
    Metadata,
    /// Noise dropped from the body ([`BlockKind::Noise`]).
    Noise(NoiseKind),
}

impl Furniture {
    /// The block for the furniture line `line`, its text normalized.
    pub(crate) fn block(self, line: &str) -> BlockKind {
        let text = normalize(line);
        match self {
            Furniture::Metadata => BlockKind::Metadata { text },
            Furniture::Noise(reason) => BlockKind::Noise { reason, text },
        }
    }
}

/// Whether each line of a document is page furniture (metadata, links, share
/// buttons, captions, page numbers) when it stands below the top of the page:
/// worked out on first use and kept, since layout detection and the readers
/// ask about the same lines, some of them more than once.
#[derive(Debug)]
pub struct FurnitureVerdicts {
    /// By line number − 1.
    verdicts: Vec<OnceCell<Option<Furniture>>>,
}

impl FurnitureVerdicts {
    /// Room for the verdicts of `lines`, none worked out yet.
    pub fn new(lines: &[Line]) -> Self {
        Self {
            verdicts: vec![OnceCell::new(); lines.len()],
        }
    }

    /// Whether the body of `line` is page furniture below the top of the page.
    /// Kept by line number: a line's body must not change between calls
    /// ([`crate::lines::for_layout`] changes only markdown headings, which
    /// layout detection does not ask about).
    pub(crate) fn of(&self, text: &str, line: &Line) -> Option<Furniture> {
        let verdict = || furniture(line.body().slice(text), false);
        match line
            .span()
            .line
            .checked_sub(1)
            .and_then(|i| self.verdicts.get(i))
        {
            Some(slot) => *slot.get_or_init(verdict),
            None => verdict(),
        }
    }
}

/// Classifies one line as page furniture: metadata, link, share button, caption counter.
/// `at_top` is true before the first body block: a bare body name there is a publisher label.
pub(crate) fn furniture(line: &str, at_top: bool) -> Option<Furniture> {
    if (line.len() > SHORT_LINE && !has_edge_cue(line)) || !(at_top || may_be_furniture(line)) {
        return None;
    }
    furniture_unfiltered(line, at_top)
}

/// [`furniture`] without its prefilters ([`has_edge_cue`], [`may_be_furniture`]).
fn furniture_unfiltered(line: &str, at_top: bool) -> Option<Furniture> {
    let text = normalize(line);
    let lower = lowercase(&text);
    let lower = lower.trim_end_matches(['.', ' ']);
    // The date patterns start with a digit: most lines are ruled out without a regex.
    let starts_with_digit = lower.chars().next().is_some_and(char::is_numeric);
    if is_metadata_field(lower)
        || is_metadata_row(lower)
        || (starts_with_digit && ends_like_time_of_day(lower) && DATE_TIME.is_match(lower))
        || (at_top && starts_with_digit && DATE_ONLY.is_match(lower))
        || (at_top && is_body_label(&text))
    {
        return Some(Furniture::Metadata);
    }
    if starts_with_any(lower, web::ARCHIVE_NOTICES) || web::FURNITURE_LINES.contains(&lower) {
        return Some(Furniture::Noise(NoiseKind::Furniture));
    }
    if web::SHARE_LINES.contains(&lower)
        || (starts_with_any(lower, web::SHARE_PREFIXES) && names_social_network(lower))
    {
        return Some(Furniture::Noise(NoiseKind::Share));
    }
    let ends_sentence = text.ends_with(['.', '!', '?']);
    if (starts_with_any(lower, web::LINK_PREFIXES) && !ends_sentence) || ends_as_link(lower) {
        return Some(Furniture::Noise(NoiseKind::Link));
    }
    if text.contains('/') && GALLERY_COUNTER.is_match(&text) {
        return Some(Furniture::Noise(NoiseKind::Caption));
    }
    if lower.chars().any(char::is_numeric) && PAGE_NUMBER.is_match(lower) {
        return Some(Furniture::Noise(NoiseKind::PageNumber));
    }
    if is_breadcrumb(&text) {
        return Some(Furniture::Noise(NoiseKind::Furniture));
    }
    None
}

/// One metadata field: `Utgiver: ...`, `Historisk arkiv`, `Publisert 8. april 2024`.
fn is_metadata_field(lower: &str) -> bool {
    web::METADATA_LINES.contains(&lower)
        || starts_with_any(lower, web::METADATA_PREFIXES)
        || (starts_with_any(lower, web::DATED_FIELD_WORDS) && DATED_FIELD.is_match(lower))
}

/// A row of metadata fields separated by bars: `Pressemelding | Nr.: 112/2007 | Dato: 20.09.2007`.
fn is_metadata_row(lower: &str) -> bool {
    let mut fields = lower.split('|').map(str::trim);
    lower.contains('|') && fields.all(|f| f.is_empty() || is_metadata_field(f))
}

/// A breadcrumb trail: `Forside / Fagområder / Helse og omsorg`, three or more short
/// capitalised steps.
fn is_breadcrumb(text: &str) -> bool {
    // Every step separator holds one of these; most lines hold none.
    // A byte test: `›` and `»` end in 0xBA and 0xBB (a few other characters too,
    // which the split below rules out).
    let bytes = text.as_bytes();
    if memchr::memchr2(b'/', b'>', bytes).is_none() && memchr::memchr2(0xBA, 0xBB, bytes).is_none()
    {
        return false;
    }
    let steps: Vec<&str> = BREADCRUMB_STEP.split(text).collect();
    steps.len() >= 3
        && steps.iter().all(|s| {
            (1..=5).contains(&word_count(s))
                && starts_uppercase_or_digit(s)
                && !s.ends_with(['.', ',', ':'])
        })
}

static BREADCRUMB_STEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r" (?:/|>|›|») ").expect("valid regex"));

/// A date, numeric or with the month's name: `12.01.2022`, `8. april 2024`.
const DATE: &str = r"\d{1,2}\.\s*(?:\d{1,2}\.\s*\d{2,4}|\p{L}+\.?\s+\d{4})";

/// A date with a time of day, alone on its line (a newsroom's dateline): `12.01.2022 10:15`.
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^{DATE},?\s+(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}}$")).expect("valid regex")
});

/// Whether `lower` ends as [`DATE_TIME`] must: `:` or `.` and two digits. Most documents
/// hold no such line, and the regex is then never compiled (~5 M instructions).
fn ends_like_time_of_day(lower: &str) -> bool {
    ends_in_two_digits(lower) && matches!(lower.chars().rev().nth(2), Some(':' | '.'))
}

/// Whether `text` ends in two digits by [`char::is_numeric`], which takes in every `\d`
/// (a test checks every char): a cheap test before a regex that ends in `\d{2}$`.
fn ends_in_two_digits(text: &str) -> bool {
    let mut last = text.chars().rev();
    last.next().is_some_and(char::is_numeric) && last.next().is_some_and(char::is_numeric)
}

/// A date alone on its line; above the body it dates the page.
static DATE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{DATE}$")).expect("valid regex"));

/// A date after a publishing word without a colon: `Publisert 8. april 2024`, `Sist oppdatert 9.4.2024`.
static DATED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{})\s+{DATE}(?:,?\s+(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}})?$",
        web::DATED_FIELD_WORDS.join("|")
    ))
    .expect("valid regex")
});

/// A page number of a PDF dump: `2`, `- 2 -`, `Side 1 av 4`, `side 3`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:side|s\.|page)\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:av|/|of)\s*\d{1,3})?$")
        .expect("valid regex")
});

/// Lines that only separate the steps of a breadcrumb set one per line (not `>` or `|`:
/// an empty quoted line of an e-mail, a table's edge).
const CRUMB_SEPARATORS: &[&str] = &["·", "/", "›"];

/// The longest line that reads as an unbulleted list item under a colon lead-in.
const SHORT_ITEM: usize = 80;

/// Lines longer than this can only be furniture through a cue at their start
/// or end: every whole-line table entry, body name and gallery counter is shorter.
const SHORT_LINE: usize = 96;

/// Whether a long line starts or ends like furniture, judged on bounded
/// slices so that paragraphs are not normalized and lowercased whole.
fn has_edge_cue(line: &str) -> bool {
    let mut head_end = line.len().min(64);
    while !line.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut tail_start = line.len().saturating_sub(32);
    while !line.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let head = &line[..head_end];
    if EDGE_CUE_STARTS.may_start(head) {
        let head = normalized_lowercase(head);
        if EDGE_CUE_PREFIXES
            .iter()
            .any(|table| starts_with_any(&head, table))
        {
            return true;
        }
    }
    // Every link ending holds a `(`, which neither normalizing nor lowercasing makes.
    let tail = &line[tail_start..];
    if !tail.contains('(') {
        return false;
    }
    let tail = normalized_lowercase(tail);
    let tail = tail.trim_end_matches(['.', ' ']);
    ends_as_link(tail)
}

/// Whether `text` starts with an entry of `table`. The first bytes are compared
/// before the entries: most lines share no first byte with any entry.
fn starts_with_any(text: &str, table: &[&str]) -> bool {
    let first = text.as_bytes().first();
    table
        .iter()
        .any(|p| p.as_bytes().first().is_none_or(|b| first == Some(b)) && text.starts_with(p))
}

/// Whether a lowercased line ends like a link: `(pdf)`, `(egen artikkel)`, `(pdf`.
/// Every entry of [`web::LINK_SUFFIXES`] ends in `)`, so most lines are passed at one test.
fn ends_as_link(lower: &str) -> bool {
    (lower.ends_with(')') && web::LINK_SUFFIXES.iter().any(|s| lower.ends_with(s)))
        || lower.ends_with("(pdf")
}

// What `ends_as_link` relies on, checked when the crate is built.
const _: () = {
    let mut i = 0;
    while i < web::LINK_SUFFIXES.len() {
        let suffix = web::LINK_SUFFIXES[i].as_bytes();
        assert!(!suffix.is_empty() && suffix[suffix.len() - 1] == b')');
        i += 1;
    }
};

/// The tables of prefixes that make a long line furniture (see [`has_edge_cue`]).
const EDGE_CUE_PREFIXES: [&[&str]; 4] = [
    web::METADATA_PREFIXES,
    web::ARCHIVE_NOTICES,
    web::SHARE_PREFIXES,
    web::LINK_PREFIXES,
];

/// The first letters of every entry of [`EDGE_CUE_PREFIXES`].
static EDGE_CUE_STARTS: LazyLock<EntryStarts> =
    LazyLock::new(|| EntryStarts::of(&EDGE_CUE_PREFIXES));

/// The tables [`furniture`] matches a line against besides [`EDGE_CUE_PREFIXES`]: whole
/// lines, and the dated-field words.
const WHOLE_LINE_TABLES: [&[&str]; 4] = [
    web::METADATA_LINES,
    web::DATED_FIELD_WORDS,
    web::FURNITURE_LINES,
    web::SHARE_LINES,
];

/// The first letters of every entry of [`EDGE_CUE_PREFIXES`] and [`WHOLE_LINE_TABLES`].
static FURNITURE_STARTS: LazyLock<EntryStarts> =
    LazyLock::new(|| EntryStarts::of(&[EDGE_CUE_PREFIXES, WHOLE_LINE_TABLES].concat()));

/// How many leading letters of a line are compared with the entries' (see [`EntryStarts`]):
/// two let through a third of all short lines (`de`, `fo`, `in`, `ti` open many), four
/// about a tenth.
const KEY_LETTERS: usize = 4;

/// The [`first_letters`] of the entries of some tables: a line whose normalized,
/// lowercased form starts with an entry has the entry's letters as its own first letters.
#[derive(Debug)]
struct EntryStarts {
    /// The [`letter_key`] of every entry, sorted, without repeats.
    keys: Vec<u128>,
    /// The [`letter_pair`] of every entry (the top half of its key), sorted, without repeats.
    pairs: Vec<u64>,
    /// The pairs of ASCII letters among `pairs`: bit `b` of `ascii_pairs[a]` for the
    /// letters `a` and `b` counted from `'a'`.
    ascii_pairs: [u32; 26],
}

impl EntryStarts {
    /// The first letters of every entry of `tables`.
    fn of(tables: &[&[&str]]) -> Self {
        let mut keys: Vec<u128> = tables
            .iter()
            .flat_map(|table| table.iter())
            .map(|entry| letter_key(entry))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut pairs: Vec<u64> = keys.iter().map(|&key| (key >> 64) as u64).collect();
        pairs.dedup();
        let mut ascii_pairs = [0; 26];
        for &pair in &pairs {
            if let Some((first, second)) = ascii_letter_indices(pair) {
                ascii_pairs[first] |= 1 << second;
            }
        }
        Self {
            keys,
            pairs,
            ascii_pairs,
        }
    }

    /// Whether some entry's first two letters are `pair`'s: by [`Self::ascii_pairs`] for
    /// two ASCII letters, as most are, else by a binary search.
    fn has_pair(&self, pair: u64) -> bool {
        match ascii_letter_indices(pair) {
            Some((first, second)) => self.ascii_pairs[first] & (1 << second) != 0,
            None => self.pairs.binary_search(&pair).is_ok(),
        }
    }

    /// Whether the first letters of `text` start with an entry's, up to that entry's
    /// last letter or the [`KEY_LETTERS`]th (every entry has two, a test checks it).
    fn may_start(&self, text: &str) -> bool {
        // A text can only start an entry whose first two letters are its own (every entry
        // has two): most lines are ruled out by them, before four letters are read.
        if !self.has_pair(letter_pair(text)) {
            return false;
        }
        let key = letter_key(text);
        // An entry whose letters start `key`'s sorts at or before it, and so does every
        // entry between the two: all share `key`'s first two letters (the top 64 bits).
        let end = self.keys.partition_point(|&k| k <= key);
        self.keys[..end]
            .iter()
            .rev()
            .take_while(|&&k| k >> 64 == key >> 64)
            .any(|&k| {
                // The lanes past the entry's last letter are zero; compare the others.
                let past_last = k.trailing_zeros() / 32 * 32;
                key & u128::MAX.checked_shl(past_last).unwrap_or(0) == k
            })
    }
}

/// The [`first_letters`] of `text` as one number, the first letter in the top 32 bits:
/// numbers compare as the letters do, and the first `n` letters are a mask away.
fn letter_key(text: &str) -> u128 {
    first_letters::<KEY_LETTERS>(text)
        .iter()
        .fold(0, |key, &c| (key << 32) | u128::from(u32::from(c)))
}

/// The first two [`first_letters`] of `text` as one number, the first in the top 32 bits:
/// the top half of its [`letter_key`].
fn letter_pair(text: &str) -> u64 {
    let [first, second] = first_letters(text);
    (u64::from(u32::from(first)) << 32) | u64::from(u32::from(second))
}

/// The letters of a [`letter_pair`] counted from `'a'` when both are ASCII letters.
fn ascii_letter_indices(pair: u64) -> Option<(usize, usize)> {
    let index = |letter: u64| {
        let index = letter.wrapping_sub(u64::from(b'a'));
        (index < 26).then_some(index as usize)
    };
    Some((index(pair >> 32)?, index(pair & u64::from(u32::MAX))?))
}

/// Whether `line` can be furniture below the top of the page: its first letters
/// start an entry of a table [`furniture`] uses ([`EntryStarts::may_start`]), or it
/// holds a character one of the other tests needs: a digit (dates, counters, page
/// numbers), `|` (metadata rows), `/` (counters, breadcrumbs), `(` or `)` (link endings),
/// `>`, `›` or `»` (breadcrumbs). Normalizing and lowercasing add none of these.
fn may_be_furniture(line: &str) -> bool {
    FURNITURE_STARTS.may_start(line) || holds_furniture_char(line)
}

/// Whether `line` holds a digit (any numeric character) or one of `| / ( ) > › »`.
/// Tested by blocks of [`FLAG_BLOCK`] bytes ([`may_hold_furniture_char`]); in a block it
/// flags, ASCII is tested by its byte, other characters decoded, but for Latin-1 letters
/// (lead byte `0xC3`: U+00C0–U+00FF, where no character is numeric) and continuation bytes.
fn holds_furniture_char(line: &str) -> bool {
    let bytes = line.as_bytes();
    let holds_at = |i: usize| {
        let b = bytes[i];
        if b.is_ascii() {
            b.is_ascii_digit() || matches!(b, b'|' | b'/' | b'(' | b')' | b'>')
        } else {
            b != 0xC3
                && b & 0xC0 != 0x80
                && line
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| matches!(c, '›' | '»') || c.is_numeric())
        }
    };
    let Some(last) = bytes.len().checked_sub(FLAG_BLOCK) else {
        // A short line: one block, filled up with a letter.
        let mut block = [b'a'; FLAG_BLOCK];
        block[..bytes.len()].copy_from_slice(bytes);
        return may_hold_furniture_char(&block) && (0..bytes.len()).any(holds_at);
    };
    // Blocks from the start; the last one ends at the line's end and may overlap the one before.
    (0..bytes.len())
        .step_by(FLAG_BLOCK)
        .map(|at| at.min(last))
        .any(|at| {
            bytes[at..]
                .first_chunk()
                .is_some_and(may_hold_furniture_char)
                && (at..at + FLAG_BLOCK).any(holds_at)
        })
}

/// How many bytes [`may_hold_furniture_char`] tests at once.
const FLAG_BLOCK: usize = 32;

/// Whether a byte of `block` may belong to a character [`holds_furniture_char`] looks
/// for: an ASCII digit, `| / ( ) >`, or a lead byte other than `0xC3`. Comparisons of
/// each byte, which the compiler turns into SIMD instructions over the whole block.
fn may_hold_furniture_char(block: &[u8; FLAG_BLOCK]) -> bool {
    let mut flags = 0u8;
    for &b in block {
        let flagged = b.is_ascii_digit()
            | (b == b'|')
            | (b == b'/')
            | (b == b'(')
            | (b == b')')
            | (b == b'>')
            | ((b >= 0xC0) & (b != 0xC3));
        flags |= u8::from(flagged);
    }
    flags != 0
}

/// The first `N` letters of `text` (at most [`KEY_LETTERS`] are asked for), lowercased, whatever stands before and
/// between them; `'\0'` for a letter that is missing or lowercases to more than one
/// character. Normalizing deletes and collapses only marks and white space, never a
/// letter, so a line whose normalized form starts with a table entry has that entry's
/// first letters.
fn first_letters<const N: usize>(text: &str) -> [char; N] {
    let mut letters = ['\0'; N];
    let mut found = 0;
    let mut rest = text;
    while found < N
        && let Some(&b) = rest.as_bytes().first()
    {
        // ASCII, as most of it is, by its byte; other characters decoded.
        let (letter, len) = if b.is_ascii() {
            let letter = b
                .is_ascii_alphabetic()
                .then(|| char::from(b.to_ascii_lowercase()));
            (letter, 1)
        } else {
            let Some(c) = rest.chars().next() else { break };
            let letter = c.is_alphabetic().then(|| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => '\0',
                }
            });
            (letter, c.len_utf8())
        };
        if let Some(letter) = letter {
            letters[found] = letter;
            found += 1;
        }
        rest = &rest[len..];
    }
    letters
}

/// [`normalize`]d and lowercased; in place when the text is ASCII, as most is.
fn normalized_lowercase(raw: &str) -> String {
    let mut text = normalize(raw);
    if text.is_ascii() {
        text.make_ascii_lowercase();
        text
    } else {
        lowercase(&text)
    }
}

static GALLERY_COUNTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3} ?/ ?\d{1,3}$").expect("valid regex"));

fn names_social_network(lower: &str) -> bool {
    [
        "facebook",
        "twitter",
        "linkedin",
        "instagram",
        "youtube",
        "flickr",
        " x",
        "rss",
    ]
    .iter()
    .any(|n| lower.contains(n))
}

/// A line that is only the name of a body ("Kunnskapsdepartementet", "KS"): a
/// publisher or department label above a web page's title.
fn is_body_label(text: &str) -> bool {
    let single_word = !text.contains(' ');
    bodies::lookup(text).is_some() || (single_word && lowercase(text).ends_with("departementet"))
}

/// Whether a line reads as an attribution: `Gunn Marit Helgesen, styreleder i KS`:
/// two to four capitalised name words, a comma and a space, a role in lower case of
/// three to 81 characters, and no other comma (the line's only comma ends the name).
/// The same test as the regex `^\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+){1,3}, \p{Ll}[^,]{2,80}$`
/// (a proptest compares them), piece by piece: that regex costs ~17 M instructions to
/// compile, its two pieces ~5 M.
pub(crate) fn is_attribution(line: &str) -> bool {
    if line.ends_with(['.', ':', '!', '?']) {
        return false;
    }
    let Some((name, role)) = line.split_once(',') else {
        return false;
    };
    let Some(role) = role.strip_prefix(' ') else {
        return false;
    };
    let mut role_chars = role.chars();
    let role_starts_lowercase = role_chars.next().is_some_and(|c| {
        if c.is_ascii() {
            c.is_ascii_lowercase()
        } else {
            LOWERCASE_START.is_match(role)
        }
    });
    role_starts_lowercase
        && !role.contains(',')
        && (2..=80).contains(&role_chars.count())
        && (2..=4).contains(&name.split(' ').count())
        && name.split(' ').all(|word| NAME_WORD.is_match(word))
}

/// One word of an attribution's name: `Helgesen`, `Anne-Lise`, `O'Brien`, `St.`.
static NAME_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}.'-]+$").expect("valid regex"));

/// A text that starts with a lower-case letter (`\p{Ll}`, not [`char::is_lowercase`]).
static LOWERCASE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Ll}").expect("valid regex"));

/// Whether `text` holds an inline quote attribution ([`INLINE_ATTRIBUTION`]): `..., sier
/// Vestre.`. The regex runs only where a `,`, `-` or `–` stands before an `s`, `u` or `f`,
/// white space between (`\s*` is [`char::is_whitespace`]: both are Unicode's `White_Space`):
/// every verb it looks for starts so, and most dash items and headings hold no such place.
pub(crate) fn has_inline_attribution(text: &str) -> bool {
    let verb_after = |i: usize| {
        let mark_len = if text.as_bytes()[i] == 0xE2 {
            '–'.len_utf8()
        } else {
            1
        };
        text.get(i..)
            .filter(|rest| rest.starts_with([',', '-', '–']))
            .and_then(|rest| rest.get(mark_len..))
            .is_some_and(|rest| {
                rest.trim_start_matches(char::is_whitespace)
                    .starts_with(['s', 'u', 'f'])
            })
    };
    memchr::memchr3_iter(b',', b'-', 0xE2, text.as_bytes()).any(verb_after)
        && INLINE_ATTRIBUTION.is_match(text)
}

/// An inline quote attribution: `..., sier Vestre.`, `..., sa Halvdan Skard ...`, `..., seier ...`.
static INLINE_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:,|–|-)\s*(?:sier|sa|seier|sei|uttaler|uttalte|understreker|forteller|skriver)\s+\S",
    )
    .expect("valid regex")
});

fn word_count(text: &str) -> usize {
    count_words_up_to(text, usize::MAX)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['»', '"', '”', ')', ' '])
        .ends_with(['.', '!', '?'])
}

/// Whether a line stops where no phrase can end: on a conjunction, a preposition,
/// a comma or a hyphen (`Arbeids- og`).
fn ends_open(text: &str) -> bool {
    const OPEN_WORDS: &[&str] = &[
        "og", "eller", "i", "på", "av", "for", "til", "med", "om", "ved", "som", "at", "en", "et",
        "den", "det", "de", "fra", "mellom",
    ];
    let last = text.rsplit(' ').next().unwrap_or("");
    text.ends_with([',', '-']) || OPEN_WORDS.contains(&lowercase(last).as_str())
}

fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

fn starts_uppercase_or_digit(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Reads a line that stands on its own as a heading: a label ending in a colon
/// (`Sekretariat:`, up to seven words), or a short line without sentence
/// punctuation (`Formålet med avtalen`, `Hva betyr avtalen for kommunene?`).
fn heading(text: &str) -> Option<BlockKind> {
    heading_shaped(text, 12, 100)
}

/// Reads a line as a heading when it has at most `max_words` words and `max_chars`
/// characters (see [`heading`]).
fn heading_shaped(text: &str, max_words: usize, max_chars: usize) -> Option<BlockKind> {
    if !starts_uppercase_or_digit(text) {
        return None;
    }
    // `Partene er enige om følgende:` announces what follows: a lead-in, not a label.
    let label = text.ends_with(':') && has_at_most_words(text, 7) && !announces_a_list(text);
    let question = text.ends_with('?') && has_at_most_words(text, 10);
    let bare = !text.ends_with(['.', '!', '?', ',', ';', ':']);
    // Words and characters are counted only for a line that ends like a heading.
    let short = || has_at_most_words(text, max_words) && text.chars().count() <= max_chars;
    // The shape first: the attribution regexes only for a line shaped like a heading.
    if !(label || ((bare || question) && short()))
        || is_attribution(text)
        || has_inline_attribution(text)
    {
        return None;
    }
    // A label heading's final colon is not part of its text.
    let text = if label {
        text.trim_end_matches([':', ' '])
    } else {
        text
    };
    Some(BlockKind::Heading {
        text: text.to_owned(),
        level: 1,
        label,
        numbered: false,
    })
}

/// Whether a colon line announces what follows: an announcing word is its last word or
/// the one before (`om følgende:`, `på følgende områder:`).
fn announces_a_list(text: &str) -> bool {
    text.trim_end_matches([':', ' '])
        .rsplit(' ')
        .take(2)
        .any(|word| cues::ANNOUNCING_WORDS.contains(&lowercase(word).as_str()))
}

/// Whether a short line holds a binding verb (`vil`, `skal`, `bør`, `må`): `KS vil`.
fn binds_someone(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        matches!(
            lowercase(w).as_str(),
            "vil" | "skal" | "bør" | "må" | "skal:" | "vil:"
        )
    })
}

/// Whether a single line can be a lead-in of a following list without a colon:
/// `KS vil`, `Partene vil i fellesskap bidra til`.
fn is_short_lead_in(text: &str) -> bool {
    has_at_most_words(text, 12) && !text.ends_with(['.', '!', '?', ';', ','])
}

// ---------------------------------------------------------------------------
// The plain and web reader.

/// Reads plain and web text: runs of non-blank lines, classified line by line.
struct PlainReader<'a> {
    text: &'a str,
    lines: &'a [Line],
    furniture: &'a FurnitureVerdicts,
    layout: Layout,
    blocks: Vec<RawBlock>,
    /// Set once a body block (heading, paragraph, list, quote) has been read.
    seen_body: bool,
    /// The blocks of the current run before this index are known not to be body blocks
    /// (see [`PlainReader::opens_run`]); the run's first block index when it begins.
    run_scanned: usize,
    /// The list read last from numbered lines, as (block index, number of its last item):
    /// a numbered line alone in the next run with the next number goes on with it.
    numbered_list: Option<(usize, u32)>,
}

impl<'a> PlainReader<'a> {
    fn new(
        text: &'a str,
        lines: &'a [Line],
        furniture: &'a FurnitureVerdicts,
        layout: Layout,
    ) -> Self {
        Self {
            text,
            lines,
            furniture,
            layout,
            blocks: Vec::new(),
            seen_body: false,
            run_scanned: 0,
            numbered_list: None,
        }
    }

    fn read(mut self) -> Vec<RawBlock> {
        let runs: Vec<&[Line]> = self
            .lines
            .split(Line::is_blank)
            .filter(|run| !run.is_empty())
            .collect();
        for (i, run) in runs.iter().enumerate() {
            let next = runs.get(i + 1).map(|r| r[0]);
            self.read_run(run, next);
        }
        self.blocks
    }

    fn slice(&self, span: Span) -> &'a str {
        span.slice(self.text)
    }

    /// Whether the body of `line` is page furniture where it stands: before the
    /// first body block a body name line is a publisher label.
    fn furniture(&self, line: &Line) -> Option<Furniture> {
        if self.seen_body {
            self.furniture.of(self.text, line)
        } else {
            furniture(self.slice(line.body()), true)
        }
    }

    /// Whether the body of `line` is page furniture below the top of the page.
    fn is_furniture(&self, line: &Line) -> bool {
        self.furniture.of(self.text, line).is_some()
    }

    fn push(&mut self, kind: BlockKind, span: Span) {
        self.seen_body |= is_body(&kind);
        self.blocks.push(RawBlock { kind, span });
    }

    /// Reads one run of consecutive non-blank lines; `next` is the first line of the next run.
    fn read_run(&mut self, run: &[Line], next: Option<Line>) {
        self.run_scanned = self.blocks.len();
        let mut i = 0;
        while i < run.len() {
            let line = run[i];
            if let Some(furniture) = self.furniture(&line) {
                let is_counter = furniture == Furniture::Noise(NoiseKind::Caption);
                self.push(furniture.block(self.slice(line.body())), line.span());
                i += 1;
                // The line under a gallery counter ("1 / 6") is the image's caption.
                if is_counter && i < run.len() && !matches!(run[i].kind, LineKind::Bullet { .. }) {
                    let caption = normalize(self.slice(run[i].span()));
                    self.push(
                        BlockKind::Noise {
                            reason: NoiseKind::Caption,
                            text: caption,
                        },
                        run[i].span(),
                    );
                    i += 1;
                }
                continue;
            }
            // A breadcrumb split over lines (`Forside` / `·` / `Aktuelt` / `·` / ...): a lone
            // separator and the short steps next to one are furniture.
            let separator = |k: usize| {
                run.get(k)
                    .is_some_and(|l| CRUMB_SEPARATORS.contains(&self.slice(l.span())))
            };
            let body = self.slice(line.body());
            if line.kind == LineKind::Text
                && body.len() <= SHORT_ITEM
                && (separator(i) || separator(i + 1) || i.checked_sub(1).is_some_and(separator))
            {
                let text = normalize(body);
                self.push(
                    BlockKind::Noise {
                        reason: NoiseKind::Furniture,
                        text,
                    },
                    line.span(),
                );
                i += 1;
                continue;
            }
            i = match line.kind {
                LineKind::Bullet { .. } => self.read_bullets(run, i),
                LineKind::Rule => {
                    self.push(BlockKind::Rule, line.span());
                    i + 1
                }
                // A numbered line alone in its run, shaped as a heading, heads the text
                // under it even after a colon line (`Partene er enige om følgende:` /
                // `1. Bakgrunn` / text) — unless the next run goes on with the next
                // number: items set apart by blank lines (`1. Likeverdig` / `2. Felles`).
                LineKind::Numbered { .. }
                    if self.follows_colon(run, i)
                        && !(run.len() == 1
                            && next.is_some_and(|n| !self.numbering_goes_on(line, n))
                            && self.is_numbered_heading(line)) =>
                {
                    self.read_numbered_items(run, i)
                }
                LineKind::Numbered { .. } if i == 0 && self.continues_numbered_list(line) => {
                    self.read_numbered_items(run, i)
                }
                LineKind::Numbered { depth } if self.is_numbered_heading(line) => {
                    let text = normalize(self.slice(line.span()));
                    self.push(
                        BlockKind::Heading {
                            text,
                            level: depth,
                            label: false,
                            numbered: true,
                        },
                        line.span(),
                    );
                    i + 1
                }
                _ if run.len() == 1 => {
                    self.read_single(line, next);
                    i + 1
                }
                _ => self.read_text(run, i),
            };
        }
    }

    /// Whether the line before `run[i]` ends with a colon: the line above it in the run,
    /// or, at the start of a run, the paragraph read last.
    fn follows_colon(&self, run: &[Line], i: usize) -> bool {
        match i.checked_sub(1) {
            Some(k) => self.slice(run[k].span()).ends_with(':'),
            None => {
                matches!(self.blocks.last(), Some(RawBlock { kind: BlockKind::Paragraph { text }, .. }) if text.ends_with(':'))
            }
        }
    }

    /// Reads numbered lines under a colon lead-in as the items of a list, not as headings:
    /// `Partene er enige om følgende:` / `1. Kommunene ...` / `2. Staten ...`.
    fn read_numbered_items(&mut self, run: &[Line], i: usize) -> usize {
        let mut items: Vec<Piece> = Vec::new();
        let mut j = i;
        while let Some(l) = run.get(j) {
            match l.kind {
                LineKind::Numbered { .. } | LineKind::Bullet { marker: '.' } => {
                    items.push(Piece::new(self.text, l.body()));
                }
                // A wrapped item continues on a line in lower case.
                LineKind::Text if starts_lowercase(self.slice(l.span())) => {
                    if let Some(last) = items.last_mut() {
                        *last = Piece::new(self.text, join(last.span, l.span()));
                    }
                }
                _ => break,
            }
            j += 1;
        }
        self.push_list(items, join(run[i].span(), run[j - 1].span()));
        let last_number = run[i..j]
            .iter()
            .rev()
            .find(|l| matches!(l.kind, LineKind::Numbered { .. }))
            .and_then(|l| self.number(*l));
        self.numbered_list = last_number.map(|n| (self.blocks.len() - 1, n));
        j
    }

    /// The number a numbered line starts with (`3` of `3. Felles planlegging`, of `3)`),
    /// when it is a plain number: not `§ 3`, not `6.1`.
    fn number(&self, line: Line) -> Option<u32> {
        let marker = self.text.get(line.span().start..line.body().start)?.trim();
        let digits = marker.trim_end_matches(['.', ')']);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    /// Whether `next` is a numbered line carrying the number after `line`'s.
    fn numbering_goes_on(&self, line: Line, next: Line) -> bool {
        matches!(next.kind, LineKind::Numbered { .. })
            && self
                .number(line)
                .zip(self.number(next))
                .is_some_and(|(a, b)| a.checked_add(1) == Some(b))
    }

    /// Whether `line` carries the number after the last item of the numbered list read
    /// right before it.
    fn continues_numbered_list(&self, line: Line) -> bool {
        self.numbered_list.is_some_and(|(block, last)| {
            block + 1 == self.blocks.len() && self.number(line) == last.checked_add(1)
        })
    }

    fn is_numbered_heading(&self, line: Line) -> bool {
        let body = self.slice(line.body());
        has_at_most_words(body, 12) && !ends_sentence(body) && !body.ends_with(',')
    }

    /// Reads a single-line run: a heading, a label heading, or a one-line paragraph.
    fn read_single(&mut self, line: Line, next: Option<Line>) {
        let text = normalize(self.slice(line.span()));
        let next_is_bullet = next.is_some_and(|n| matches!(n.kind, LineKind::Bullet { .. }));
        // A line with nothing after it heads nothing; a line right above a list is its lead-in.
        let kind = (next.is_some() && !next_is_bullet)
            .then(|| heading(&text))
            .flatten()
            .unwrap_or(BlockKind::Paragraph { text });
        self.push(kind, line.span());
    }

    /// Whether no body block has been read in the current run yet (page furniture only).
    ///
    /// The scan resumes where the last one stopped, so that a run of thousands of lines
    /// is scanned once, not once per line. The blocks it passed stay as they are: the only
    /// block ever popped is a lead-in paragraph, a body block, which ends the scan.
    fn opens_run(&mut self) -> bool {
        while let Some(b) = self.blocks.get(self.run_scanned)
            && !is_body(&b.kind)
        {
            self.run_scanned += 1;
        }
        self.run_scanned >= self.blocks.len()
    }

    /// Reads text lines from `run[i]`: an unbulleted list under a colon lead-in, or a
    /// paragraph of joined hard-wrapped lines. Returns the index after what was read.
    fn read_text(&mut self, run: &[Line], i: usize) -> usize {
        let first = self.slice(run[i].span());
        // A heading with its text right under it, without a blank line between (page
        // furniture above it in the same run is no text):
        // a short first line above a long line that starts a sentence, or above the
        // lead-in of a list (`Partenes forpliktelser` / `Regjeringen vil:` / `– ...`).
        let opens_run = self.opens_run();
        // On a web page paragraphs are often one line each, without blank lines between.
        let after_sentence =
            self.layout == Layout::Web && i > 0 && ends_sentence(self.slice(run[i - 1].span()));
        if (opens_run || after_sentence)
            && let Some(next) = run.get(i + 1).filter(|n| n.kind == LineKind::Text)
            && let next_text = self.slice(next.span())
            && starts_uppercase_or_digit(next_text)
            && ((word_count(next_text) >= 8 && word_count(first) * 2 < word_count(next_text))
                || (next_text.ends_with(':')
                    && !ends_open(first)
                    && run.get(i + 2).is_some_and(|l| {
                        matches!(l.kind, LineKind::Bullet { .. } | LineKind::Numbered { .. })
                            || self.slice(l.span()).chars().count() <= SHORT_ITEM
                    })))
            && let Some(kind) = heading(&normalize(first))
        {
            self.push(kind, run[i].span());
            return i + 1;
        }
        // A title hard-wrapped over two or three lines at the top of the document:
        // the whole run, without sentence punctuation (`Samarbeidsavtale om bosetting
        // av flyktninger og etablering av` / `integreringsmottak`).
        if !self.seen_body && opens_run && (2..=3).contains(&(run.len() - i)) {
            let span = join(run[i].span(), run[run.len() - 1].span());
            let title = normalize(self.slice(span));
            let wrapped = run[i..]
                .iter()
                .all(|l| l.kind == LineKind::Text && !self.is_furniture(l))
                && run[i..run.len() - 1]
                    .iter()
                    .all(|l| !ends_sentence(self.slice(l.span())));
            if wrapped
                && !title.ends_with([',', ';', ':'])
                && let Some(kind) = heading_shaped(&title, 30, 200)
            {
                self.push(kind, span);
                return run.len();
            }
        }
        // "Manifestpartnerne som signerte ... var:" followed by short unbulleted lines.
        // Counted only under a colon line, where the list takes every line counted: counting
        // ahead from every line of a long run of one-line paragraphs was quadratic.
        let short_lines = if first.ends_with(':') {
            run[i + 1..]
                .iter()
                .take_while(|l| {
                    l.kind == LineKind::Text && self.slice(l.span()).chars().count() <= SHORT_ITEM
                })
                .count()
        } else {
            0
        };
        if short_lines >= 2 {
            let items = run[i + 1..=i + short_lines]
                .iter()
                .map(|l| Piece::new(self.text, l.span()))
                .collect();
            let lead_in = Piece::new(self.text, run[i].span());
            let span = join(run[i].span(), run[i + short_lines].span());
            self.push(
                BlockKind::List {
                    lead_in: Some(lead_in),
                    items,
                },
                span,
            );
            return i + 1 + short_lines;
        }
        let mut end = i;
        while end + 1 < run.len() {
            let (current, following) = (self.slice(run[end].span()), run[end + 1]);
            let following_text = self.slice(following.span());
            let continues = following.kind == LineKind::Text
                && !self.is_furniture(&following)
                && (!ends_sentence(current) || starts_lowercase(following_text))
                && !current.ends_with(':');
            if !continues {
                break;
            }
            end += 1;
        }
        let span = join(run[i].span(), run[end].span());
        // A colon line right above a bulleted list stays a paragraph here; `push_list` makes it the lead-in.
        let text = normalize(self.slice(span));
        self.push(BlockKind::Paragraph { text }, span);
        end + 1
    }

    /// Reads bulleted lines from `run[i]`: list items, or a quote when the dash introduces speech.
    fn read_bullets(&mut self, run: &[Line], i: usize) -> usize {
        let mut items: Vec<Piece> = Vec::new();
        let mut j = i;
        while j < run.len() {
            let l = run[j];
            match l.kind {
                LineKind::Bullet { .. } => {
                    let dash = self.dash_item(run, j);
                    if let Some((body, true)) = dash {
                        // A quote ends the list before it, or is read alone.
                        if j > i {
                            break;
                        }
                        let end = self.wrapped_end(run, i);
                        self.push(
                            BlockKind::Quote {
                                body,
                                attribution: None,
                            },
                            join(l.span(), run[end].span()),
                        );
                        return end + 1;
                    }
                    // A dash item on one line was normalized by the quote test already.
                    let item = dash.map(|(piece, _)| piece).filter(|p| p.span == l.body());
                    items.push(item.unwrap_or_else(|| Piece::new(self.text, l.body())));
                }
                // A wrapped item continues on a line without a bullet that starts in lower case.
                LineKind::Text if !items.is_empty() && starts_lowercase(self.slice(l.span())) => {
                    if let Some(last) = items.last_mut() {
                        *last = Piece::new(self.text, join(last.span, l.span()));
                    }
                }
                _ => break,
            }
            j += 1;
        }
        let span = join(run[i].span(), run[j - 1].span());
        self.push_list(items, span);
        j
    }

    /// A dash line `run[i]` normalized from its body to the end of its wrapped sentence,
    /// and whether it is quoted speech rather than a list item: it carries an attribution
    /// (", sier Vestre.") on it or on the lines it is wrapped over, or, on a web page, it is
    /// a whole sentence that no lead-in introduces. `None` for other bullets.
    fn dash_item(&self, run: &[Line], i: usize) -> Option<(Piece, bool)> {
        let line = run[i];
        let LineKind::Bullet {
            marker: '-' | '–'
        } = line.kind
        else {
            return None;
        };
        let body = self.slice(line.body());
        // The attribution may stand on a wrapped line: `– Kommunane skal ... Med` /
        // `denne avtalen ..., seier kommunalministeren.`
        let wrapped = Piece::new(
            self.text,
            join(line.body(), run[self.wrapped_end(run, i)].span()),
        );
        let quote = has_inline_attribution(&wrapped.text)
            || (self.layout == Layout::Web
                && !self.in_list_context(line)
                && has_at_least_words(body, 6)
                && ends_sentence(body));
        Some((wrapped, quote))
    }

    /// The index of the last line of the dash line `run[i]` hard-wrapped over the
    /// unmarked lines under it, up to the end of its sentence.
    fn wrapped_end(&self, run: &[Line], i: usize) -> usize {
        let mut end = i;
        while end + 1 < run.len()
            && run[end + 1].kind == LineKind::Text
            && !ends_sentence(self.slice(run[end].span()))
        {
            end += 1;
        }
        end
    }

    /// Whether the block just before `line` introduces or continues a list.
    fn in_list_context(&self, line: Line) -> bool {
        let previous_line = self.lines[..line.span().line.saturating_sub(1)]
            .iter()
            .rev()
            .find(|l| !l.is_blank());
        if previous_line.is_some_and(|p| self.slice(p.span()).ends_with(':')) {
            return true;
        }
        match self.blocks.last().map(|b| &b.kind) {
            Some(BlockKind::List { .. }) => true,
            Some(BlockKind::Paragraph { text }) => is_short_lead_in(text) || text.ends_with(':'),
            _ => false,
        }
    }

    /// Pushes a list, merging it with a list right before it, or taking the paragraph
    /// right before it as its lead-in.
    fn push_list(&mut self, items: Vec<Piece>, span: Span) {
        self.seen_body = true;
        push_list(&mut self.blocks, items, span);
    }
}

/// Pushes a list onto `blocks`: continues a list right before it, or takes the
/// block right before it as its lead-in (see [`lead_in_text`]).
pub(crate) fn push_list(blocks: &mut Vec<RawBlock>, mut items: Vec<Piece>, span: Span) {
    // A bare question-word line above a list heads it (`Hva avtalen omfatter`): a heading.
    if let Some(last) = blocks.last_mut()
        && let BlockKind::Paragraph { text } = &last.kind
        && !text.ends_with(':')
        && is_short_lead_in(text)
        && text
            .split(' ')
            .next()
            .is_some_and(|w| cues::QUESTION_WORDS.contains(&lowercase(w).as_str()))
        && let Some(kind) = heading(text)
    {
        last.kind = kind;
    }
    if let Some(RawBlock {
        kind: BlockKind::List {
            items: previous, ..
        },
        span: previous_span,
    }) = blocks.last_mut()
    {
        previous.append(&mut items);
        *previous_span = join(*previous_span, span);
        return;
    }
    let lead_in = blocks.last_mut().and_then(|block| {
        let lead_span = block.span;
        lead_in_text(&mut block.kind).map(|text| Piece {
            text: std::mem::take(text),
            span: lead_span,
        })
    });
    let span = match &lead_in {
        Some(lead_in) => {
            blocks.pop();
            join(lead_in.span, span)
        }
        None => span,
    };
    blocks.push(RawBlock {
        kind: BlockKind::List { lead_in, items },
        span,
    });
}

/// The text of a block that introduces the list right after it: a paragraph
/// that ends with a colon or is a short line without a full stop (`KS vil`), or
/// a bold line in a markdown export that is a label or binds someone ("**KS vil**").
fn lead_in_text(kind: &mut BlockKind) -> Option<&mut String> {
    match kind {
        BlockKind::Paragraph { text } if text.ends_with(':') || is_short_lead_in(text) => {
            Some(text)
        }
        BlockKind::Heading {
            text,
            label,
            numbered: false,
            ..
        } if *label || binds_someone(text) => Some(text),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Passes over the block stream shared by all layouts.

/// Joins a paragraph that a page break or PDF dump split across blank lines:
/// a block that does not end a sentence followed by a paragraph in lower case
/// (`Kommunal- og` / `regionaldepartementet vil signere ...`).
fn join_broken_paragraphs(text: &str, blocks: &mut Vec<RawBlock>) {
    let mut i = 1;
    while i < blocks.len() {
        let continues = matches!(&blocks[i].kind, BlockKind::Paragraph { text } if starts_lowercase(text))
            && match &blocks[i - 1].kind {
                BlockKind::Paragraph { text } => !ends_sentence(text) && !text.ends_with(':'),
                // A title or heading is followed by lower-case lines on purpose ("mellom KS og ...");
                // only one that stops on a conjunction or preposition was cut.
                BlockKind::Heading {
                    text,
                    numbered: false,
                    label: false,
                    ..
                } => ends_open(text),
                _ => false,
            };
        if continues {
            let span = join(blocks[i - 1].span, blocks[i].span);
            blocks[i - 1] = RawBlock {
                kind: BlockKind::Paragraph {
                    text: normalize(span.slice(text)),
                },
                span,
            };
            blocks.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Joins a pull quote with the attribution line under it:
/// `For å sikre ... departement` + `Gunn Marit Helgesen, styreleder i KS`. A signing-for
/// line (`For KS:`) above a `Name, title` line quotes nobody: that is a signature.
fn attach_attributions(text: &str, blocks: &mut Vec<RawBlock>) {
    let mut i = 1;
    while i < blocks.len() {
        let is_attribution_line = matches!(&blocks[i].kind, BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } if is_attribution(text))
            && !blocks[i].span.slice(text).contains('\n');
        if !is_attribution_line {
            i += 1;
            continue;
        }
        let attribution = Piece::new(text, blocks[i].span);
        let (before, after) = blocks.split_at_mut(i);
        let quoted = &mut before[i - 1];
        let merged = match &mut quoted.kind {
            BlockKind::Quote {
                attribution: slot @ None,
                ..
            } => {
                *slot = Some(attribution);
                true
            }
            BlockKind::Paragraph { text: said } | BlockKind::Heading { text: said, .. }
                if !is_signing_for(said) =>
            {
                let body = Piece::new(text, quoted.span);
                quoted.kind = BlockKind::Quote {
                    body,
                    attribution: Some(attribution),
                };
                true
            }
            _ => false,
        };
        if merged {
            quoted.span = join(quoted.span, after[0].span);
            blocks.remove(i);
        } else {
            i += 1;
        }
    }
}

/// A place-and-date line: `Oslo, 19.9.2006`, `Oslo 23. oktober 2019`, `Bergen, den 1. mars 2021`,
/// `Sted/dato: Oslo, 1. juli 2021`.
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:st[ae]d\s*(?:/|,|og)\s*dato:\s*|dato/sted:\s*)?\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?,?\s+(?:den\s+)?\d{1,2}\.\s*(?:\d{1,2}\.\s*\d{2,4}|\p{L}+\.?\s+\d{4})$")
        .expect("valid regex")
});

/// Whether `text` is a place-and-date line ([`PLACE_DATE`]); its year ends it, so most
/// paragraphs are passed at one test.
fn is_place_date(text: &str) -> bool {
    ends_in_two_digits(text) && PLACE_DATE.is_match(text)
}

/// Marks the signature area: a place-and-date line and the short blocks after it, or
/// trailing groups of short lines that start with a person's name.
fn mark_signatures(text: &str, lines: &[Line], blocks: &mut [RawBlock]) {
    let place_date = blocks
        .iter()
        .rposition(|b| is_place_date(b.prose().unwrap_or_default()));
    let start = match place_date {
        Some(i) => i,
        None => {
            // Without a place-and-date line: the trailing run of name groups.
            let mut start = blocks.len();
            while start > 0
                && (is_signature_group(text, lines, &blocks[start - 1])
                    || blocks[start - 1].kind == BlockKind::Rule)
            {
                start -= 1;
            }
            let groups = blocks[start..]
                .iter()
                .filter(|b| b.kind != BlockKind::Rule)
                .count();
            let multi_line = blocks[start..]
                .iter()
                .any(|b| lines_in(lines, b.span).count() >= 2);
            if groups == 0 || !multi_line {
                return;
            }
            start
        }
    };
    for (k, block) in blocks[start..].iter_mut().enumerate() {
        let fits =
            k == 0 || block.kind == BlockKind::Rule || is_signature_group(text, lines, block);
        if !fits {
            break;
        }
        if block.kind != BlockKind::Rule {
            let pieces = lines_in(lines, block.span)
                .map(|l| Piece::new(text, l.span()))
                .collect();
            block.kind = BlockKind::Signature { lines: pieces };
        }
    }
}

/// The non-blank lines inside `span`.
fn lines_in(lines: &[Line], span: Span) -> impl Iterator<Item = &Line> {
    let first = span.line.saturating_sub(1);
    lines[first.min(lines.len())..]
        .iter()
        .take_while(move |l| l.span().start < span.end)
        .filter(|l| !l.is_blank())
}

/// A block that can be part of a signature: one to four lines of short columns without
/// sentence punctuation, the first or second of them a name or a signing-for line (`For KS`).
fn is_signature_group(text: &str, lines: &[Line], block: &RawBlock) -> bool {
    if block.prose().is_none() && !matches!(block.kind, BlockKind::Signature { .. }) {
        return false;
    }
    let group: Vec<&str> = lines_in(lines, block.span)
        .map(|l| l.span().slice(text))
        .collect();
    (1..=4).contains(&group.len())
        && group.iter().all(|l| {
            // A line ending in a rule to sign on (`Signatur: ______`) is a form field.
            let fill_in = l.trim_end().ends_with("__");
            cells_are_short(l)
                && (is_signing_for(l)
                    || fill_in
                    || !normalize(l).ends_with(['.', ':', ';', '?', '!']))
        })
        && group
            .iter()
            .take(2)
            .any(|l| has_name(l) || is_signing_for(l))
}

/// Whether every column of a line (space-padded or a table cell) holds at most eight words.
fn cells_are_short(line: &str) -> bool {
    column_cells(line).all(|cell| has_at_most_words(cell, 8))
}

/// Whether a line only says whom the signatures under it sign for: `For regjeringen`,
/// `For KS:`, `For Kommunesektorens organisasjon (KS)`, `På vegne av KS`, several side by
/// side in space-padded columns or table cells (`| For KS |`).
pub(crate) fn is_signing_for(line: &str) -> bool {
    let mut cells = column_cells(line)
        .map(|c| c.trim().trim_end_matches(':').trim_end())
        .filter(|c| !c.is_empty())
        .peekable();
    cells.peek().is_some()
        && cells.all(|c| {
            ["For ", "På vegne av ", "på vegne av "]
                .iter()
                .find_map(|prefix| c.strip_prefix(prefix))
                .is_some_and(|body| {
                    // The name, or the abbreviation in brackets after it.
                    let (name, abbreviation) = match body.split_once(" (") {
                        Some((name, rest)) => (name, rest.strip_suffix(')')),
                        None => (body, None),
                    };
                    bodies::lookup(name).is_some()
                        || abbreviation.and_then(bodies::lookup).is_some()
                })
        })
}

/// The cells of a line: the pieces between its column gaps, empty ones included, as a
/// regex split on the gaps gives them (the last piece always comes, "" after a final gap).
fn column_cells(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let text = rest?;
        let (cell, after) = match next_column_gap(text) {
            Some((start, end)) => (&text[..start], Some(&text[end..])),
            None => (text, None),
        };
        rest = after;
        Some(cell)
    })
}

/// The byte range of the first column gap of `text`: a run of three or more spaces or
/// no-break spaces (the whole run), a tab, a table bar; as the regex
/// `[ \u{a0}]{3,}|\t|\|` finds it (leftmost, the run taken whole).
fn next_column_gap(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut run_start, mut run_chars, mut at) = (0, 0, 0);
    while let Some(&b) = bytes.get(at) {
        // U+00A0 is 0xC2 0xA0 in UTF-8; 0xA0 never starts a character.
        let space_len = match (b, bytes.get(at + 1)) {
            (b' ', _) => 1,
            (0xc2, Some(0xa0)) => 2,
            _ => 0,
        };
        if space_len > 0 {
            if run_chars == 0 {
                run_start = at;
            }
            run_chars += 1;
            at += space_len;
            continue;
        }
        if run_chars >= 3 {
            return Some((run_start, at));
        }
        run_chars = 0;
        if matches!(b, b'\t' | b'|') {
            return Some((at, at + 1));
        }
        at += 1;
    }
    (run_chars >= 3).then_some((run_start, bytes.len()))
}

/// Whether a line contains at least two consecutive capitalized words (`Bent Høie`,
/// `Bent Høie, helseminister`).
fn has_name(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    words.windows(2).any(|w| {
        w.iter().all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        })
    })
}

/// Reports every non-blank line that no block covers.
fn unplaced_lines(text: &str, lines: &[Line], blocks: &[RawBlock]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut sorted: Vec<Span> = blocks.iter().map(|b| b.span).collect();
    sorted.sort_by_key(|s| s.start);
    let mut k = 0;
    for line in lines.iter().filter(|l| !l.is_blank()) {
        while k < sorted.len() && sorted[k].end < line.span().end {
            k += 1;
        }
        let inside = sorted
            .get(k)
            .is_some_and(|s| s.start <= line.span().start && line.span().end <= s.end);
        if !inside {
            let shown: String = line.span().slice(text).chars().take(60).collect();
            out.push(Diagnostic::new(
                Code::UnplacedLine,
                format!(
                    "line {} was not placed in any block: {shown:?}",
                    line.span().line
                ),
                Some(line.span()),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Strategy as _;

    #[test]
    fn every_regex_digit_is_numeric() {
        // `ends_in_two_digits` stands in front of regexes that end in `\d{2}$`.
        let digit = Regex::new(r"^\d$").expect("valid regex");
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert!(
                !digit.is_match(c.encode_utf8(&mut buf)) || c.is_numeric(),
                "{c:?}"
            );
        }
        assert!(ends_like_time_of_day("12.01.2022 10:15"));
        assert!(ends_like_time_of_day("8. april 2024, kl. 9.30"));
        assert!(!ends_like_time_of_day("12.01.2022"));
        assert!(is_place_date("Oslo, 19.9.2006") && !is_place_date("Oslo, 19.9.2006."));
    }

    proptest::proptest! {
        /// `column_cells` splits a line as the regex of its column gaps does.
        #[test]
        fn column_cells_are_the_regex_split(
            line in proptest::prop_oneof![
                r"[ \u{a0}\t|aé\u{2003}]{0,14}",
                r"(?:[A-Za-zøå:]{0,6}(?: {1,4}|\u{a0}{1,3}|\t|\|| \u{a0} ))*[A-Za-z ]{0,3}",
            ],
        ) {
            let column_gap = Regex::new(r"[ \u{a0}]{3,}|\t|\|").expect("valid regex");
            proptest::prop_assert_eq!(
                column_cells(&line).collect::<Vec<_>>(),
                column_gap.split(&line).collect::<Vec<_>>(),
                "{:?}", line
            );
        }
    }

    proptest::proptest! {
        /// `has_inline_attribution` is its regex.
        #[test]
        fn has_inline_attribution_is_the_regex(
            text in proptest::prop_oneof![
                r"[a-zø ]{0,6}[,–\-—’]?[ \u{a0}\n]{0,2}(?:sier|sa|seier|sei|uttaler|uttalte|understreker|forteller|skriver|si|fort|u)?[ \n]{0,2}[A-Zx.]{0,3}",
                r"[,–\-—’ sauftier\u{a0}xA]{0,16}",
            ],
        ) {
            proptest::prop_assert_eq!(has_inline_attribution(&text), INLINE_ATTRIBUTION.is_match(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        /// `is_attribution` is the one regex it was written from.
        #[test]
        fn is_attribution_is_the_regex(
            line in proptest::prop_oneof![
                r"[AÅ][bøA.'\-]{1,3}(?: [AÅǅ][bøA.'\-]{1,3}){1,3}, [bßø][bß ªx.\n]{1,81}",
                r"[AÅǅⅠb][bøªA.'\-]{0,3}(?: [AÅǅb][bøA.'\-]{0,3}){0,4}, [bßøªA,][bß ªx.\n]{0,84}[.:!?a,]?",
                r"(?:[AÅbøªǅⅠ.'\-]{0,4} ){0,5}[AÅbøªǅⅠ.'\-]{0,4}(?:, ?| ,|,,)?[bßªAø x.\n,]{0,84}[.:!?a]?",
            ],
        ) {
            static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+){1,3}, \p{Ll}[^,]{2,80}$")
                    .expect("valid regex")
            });
            let plain = !line.ends_with(['.', ':', '!', '?']) && PLAIN.is_match(&line);
            proptest::prop_assert_eq!(is_attribution(&line), plain, "{:?}", line);
        }
    }

    #[test]
    fn attributions_and_near_misses() {
        let role = "x".repeat(80);
        for (line, expected) in [
            ("Gunn Marit Helgesen, styreleder i KS", true),
            ("Ørjan Åsen, ordfører", true),
            ("Anne-Lise O'Brien St. Hansen, øverste leder", true),
            ("Gunn Marit Helgesen, Styreleder i KS", false),
            ("Gunn, styreleder", false),
            ("A B C D E, styreleder", false),
            ("Gunn  Helgesen, styreleder", false),
            ("Gunn Helgesen,styreleder", false),
            ("Gunn Helgesen, le", false),
            ("Gunn Helgesen, leder, KS", false),
            ("Gunn Helgesen, leder.", false),
        ] {
            assert_eq!(is_attribution(line), expected, "{line:?}");
        }
        assert!(is_attribution(&format!("Gunn Helgesen, l{role}")));
        assert!(!is_attribution(&format!("Gunn Helgesen, l{role}x")));
    }

    #[test]
    fn every_furniture_entry_has_two_letters() {
        // `may_be_furniture` compares a line's first two letters with the entries'.
        let tables = EDGE_CUE_PREFIXES.iter().chain(&WHOLE_LINE_TABLES);
        for entry in tables.flat_map(|table| table.iter()) {
            let letters = first_letters::<KEY_LETTERS>(entry);
            assert!(!letters[..2].contains(&'\0'), "{entry:?}");
            assert_eq!(letter_key(entry) >> 96, u128::from(u32::from(letters[0])));
        }
    }

    /// The entries of every table [`furniture`] compares a line's start with.
    fn furniture_entries() -> Vec<&'static str> {
        let tables = EDGE_CUE_PREFIXES.iter().chain(&WHOLE_LINE_TABLES);
        tables.flat_map(|table| table.iter().copied()).collect()
    }

    proptest::proptest! {
        #[test]
        fn the_prefilters_pass_every_furniture_line(
            marks in proptest::sample::select(&["", "- ", "**", "## ", "• ", "_", " ", "\u{a0}", "«"][..]),
            head in proptest::prop_oneof![
                proptest::sample::select(furniture_entries()).prop_map(str::to_owned),
                (proptest::sample::select(furniture_entries()), 1..6usize)
                    .prop_map(|(e, n)| e.chars().take(n).collect()),
                "[A-Za-zÆØÅæøå]{1,8}",
            ],
            case in 0..3u8,
            tail in "[a-zæøå0-9 .:()|/-]{0,24}",
            filler in "( [a-zø]{1,9}){0,14}",
        ) {
            let head = match case {
                0 => head,
                1 => head.chars().take(1).flat_map(char::to_uppercase).chain(head.chars().skip(1)).collect(),
                _ => head.to_uppercase(),
            };
            let line = format!("{marks}{head}{tail}{filler}");
            proptest::prop_assert_eq!(furniture(&line, false), furniture_unfiltered(&line, false), "{:?}", line);
        }
    }

    #[test]
    fn holds_furniture_char_tests_every_character_as_it_should() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let expected = matches!(c, '|' | '/' | '(' | ')' | '>' | '›' | '»') || c.is_numeric();
            let line = c.encode_utf8(&mut buf);
            assert_eq!(holds_furniture_char(line), expected, "{c:?}");
            // In a line of whole blocks and a last one that overlaps the one before.
            let long = format!("{}{line}{}", "x".repeat(40), "y".repeat(30));
            assert_eq!(holds_furniture_char(&long), expected, "{c:?}");
        }
        // One such character anywhere in lines of every length up to three blocks and more.
        let letters = "abcdefghijklmnopqrstuvwxyzæøå".repeat(4);
        for len in 0..FLAG_BLOCK * 3 + 8 {
            let plain: String = letters.chars().take(len).collect();
            assert!(!holds_furniture_char(&plain), "{plain:?}");
            for (at, _) in plain.char_indices().chain([(plain.len(), ' ')]) {
                for mark in ["7", "|", "/", "(", ")", ">", "›", "»", "½", "٣"] {
                    let line = format!("{}{mark}{}", &plain[..at], &plain[at..]);
                    assert!(holds_furniture_char(&line), "{line:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn first_letters_are_the_first_alphabetic_chars_lowercased(text in "[a-zA-ZÆØÅæøå İΣ1.,\\-–«»\u{a0}\u{307}]{0,10}") {
            let mut letters = text.chars().filter(|c| c.is_alphabetic()).map(|c| {
                let lower: Vec<char> = c.to_lowercase().collect();
                if lower.len() == 1 { lower[0] } else { '\0' }
            });
            let expected: [char; KEY_LETTERS] = std::array::from_fn(|_| letters.next().unwrap_or('\0'));
            proptest::prop_assert_eq!(first_letters(&text), expected);
        }

        #[test]
        fn may_start_finds_every_entry_whose_letters_start_the_text(
            text in proptest::prop_oneof![
                proptest::sample::select(furniture_entries()).prop_map(str::to_owned),
                (proptest::sample::select(furniture_entries()), 1..6usize, "[a-zø ]{0,4}")
                    .prop_map(|(e, n, tail)| e.chars().take(n).chain(tail.chars()).collect()),
                "[a-zø ]{0,6}",
            ],
        ) {
            let letters = first_letters::<KEY_LETTERS>(&text);
            let expected = furniture_entries().iter().any(|entry| {
                let entry = first_letters::<KEY_LETTERS>(entry);
                let n = entry.iter().take_while(|&&c| c != '\0').count();
                letters[..n] == entry[..n]
            });
            proptest::prop_assert_eq!(u128::from(letter_pair(&text)), letter_key(&text) >> 64);
            proptest::prop_assert_eq!(FURNITURE_STARTS.may_start(&text), expected, "{:?}", text);
        }
    }

    #[test]
    fn has_pair_agrees_with_searching_the_pairs() {
        let letters = ('a'..='z').chain(['\0', '`', '{', 'æ', 'ø', 'å', 'é', 'ß']);
        let letters: Vec<char> = letters.chain(('A'..='Z').take(3)).collect();
        for starts in [&*FURNITURE_STARTS, &*EDGE_CUE_STARTS] {
            for &first in &letters {
                for &second in &letters {
                    let pair = (u64::from(u32::from(first)) << 32) | u64::from(u32::from(second));
                    let searched = starts.pairs.binary_search(&pair).is_ok();
                    assert_eq!(starts.has_pair(pair), searched, "{first:?}{second:?}");
                }
            }
        }
    }

    #[test]
    fn furniture_lines_pass_the_prefilter() {
        for line in [
            "Del på Facebook",
            "**Historisk arkiv**",
            "- Les avtalen her (pdf)",
            "1 / 6",
            "Side 2 av 4",
            "Forside › Aktuelt › Nyheter",
            "Pressemelding | Nr.: 112/2007",
        ] {
            assert!(may_be_furniture(line), "{line:?}");
            assert!(furniture(line, false).is_some(), "{line:?}");
        }
        assert!(!may_be_furniture("Partene er enige om følgende tiltak"));
    }
}
