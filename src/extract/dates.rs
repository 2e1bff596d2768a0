//! Body blocks (raw lines until the block stream exists) → `doc.dates`: every date,
//! period and duration, with the role its sentence gives it.
//!
//! Roles are read from cues next to the expression, never from its position in
//! one file:
//!
//! | cue                                                         | role           |
//! |-------------------------------------------------------------|----------------|
//! | `Meld. St. 15 (2017-2018)`                                  | session        |
//! | a line opening with `Publisert`                             | published      |
//! | `Oslo, 19.9.2006` alone on its line; `signert … 7. desember 2020` | signed   |
//! | `i perioden 2019-2023`, `planperioden`, `gjelder … fra 2026-2029`, a range closing the title | period |
//! | `tre i kraft 1. januar 2008`, `gjelder fra 1.1.2016`        | valid_from     |
//! | `gjelder til 31. desember 2023`, `frem til`, `til og med`   | valid_until    |
//! | `innen utgangen av 2020`, `senest`                          | deadline       |
//! | `tre måneders varsel`, `oppsigelse`                         | notice_period  |
//! | other lengths (`i foreløpig fire år`, `4-årige`)            | duration       |
//!
//! A period or expiry whose clause says it belongs to an earlier agreement
//! (`videreføring av en avtale for perioden 2005 – 2008`, `Det ble inngått …
//! for perioden 2011-2015`, `Den foregående …`) stays `mentioned`.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use super::Context;
use super::signing::{PlaceLine, place_line};
use super::words::{trim_end_by, trim_start_by};
use crate::blocks::BlockKind;
use crate::dates::{self, Mention, Value};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::time;
use crate::model::{DateRole, Document, Precision};
use crate::span::{LineIndex, raw_lines};
use crate::swar::{self, ONES};
use crate::text::{is_blank, is_space};

/// A mention with its role and the sentence it was read from, for the term and signing extractors.
#[derive(Debug, Clone)]
pub struct Found {
    /// The expression and its value.
    pub mention: Mention,
    /// Its role in context.
    pub role: DateRole,
    /// Byte range of its sentence in the document.
    pub sentence: Range<usize>,
    /// The place-and-date line it stands on, when it is one (`Oslo, 19.9.2006`).
    pub place_line: Option<PlaceLine>,
}

/// The running text as the date and term extractors read it: its units, split into
/// sentences where a reader asks, and the whole text lowercased once.
#[derive(Debug)]
pub struct Prose<'a> {
    /// The decoded text.
    text: &'a str,
    /// `text` lowercased character by character, at the same byte offsets.
    lower: String,
    /// Whether a slice of `lower` is what [`lower`] makes of the same slice of `text`:
    /// true unless the text has a character whose lowercase differs in length, a final
    /// sigma, or one that changes without being upper case (titlecase letters).
    exact: bool,
    /// The units of the body ([`units`]), in order.
    units: Vec<Range<usize>>,
}

impl<'a> Prose<'a> {
    /// Finds the units of `cx` and lowercases the text.
    pub fn new(cx: &Context<'a>) -> Self {
        let text = cx.text;
        let (lower, exact) = lowercase_at_offsets(text);
        Self {
            text,
            lower,
            exact,
            units: units(cx),
        }
    }

    /// The sentences of the units `may_hold` lets through, in order. A sentence lies inside
    /// its unit, so a test that a range holds something (a digit, a cue) that rules a unit
    /// out rules out each of its sentences: most units need not be split at all.
    pub fn sentences_where(&self, may_hold: impl Fn(&Range<usize>) -> bool) -> Vec<Range<usize>> {
        let mut sentences = Vec::new();
        for unit in self.units.iter().filter(|u| may_hold(u)) {
            push_sentences(&mut sentences, self.text, unit.clone());
        }
        sentences
    }

    /// The decoded text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The whole text lowercased character by character, at the offsets of the text, when
    /// that is exact (every character lowercases alone, to one character of its length).
    pub fn lowercase(&self) -> Option<&str> {
        self.exact.then_some(self.lower.as_str())
    }

    /// The text with its ASCII letters lowercased, at the text's byte offsets, exact or not:
    /// other characters are lowercased only where that keeps their length (`Æ` → `æ`), so a
    /// slice of it stands for the same slice of the text, as a search ignoring ASCII case
    /// (or more) needs.
    pub fn folded(&self) -> &str {
        &self.lower
    }

    /// A slice of the text lowercased, borrowed from the lowercased text when exact.
    pub fn lower(&self, range: Range<usize>) -> Cow<'_, str> {
        match self.lower.get(range.clone()) {
            Some(l) if self.exact => Cow::Borrowed(l),
            _ => lower(self.text, range),
        }
    }
}

/// `text` lowercased character by character at its own byte offsets, and whether that is
/// exact (see [`Prose::lowercase`]): every ASCII letter is lowercased, and every other
/// character whose lowercase is one character of the same length (`Æ` → `æ`); the others
/// (a final sigma, the Kelvin sign, `İ`) stay as they are and make it inexact.
pub(crate) fn lowercase_at_offsets(text: &str) -> (String, bool) {
    let mut lower = text.to_owned();
    lower.make_ascii_lowercase();
    let mut exact = true;
    // Only the (few) other characters are decoded: each search jumps to the next byte
    // outside ASCII, which starts a character.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = next_non_ascii(bytes, from) {
        // `ß`–`ÿ` (`C3 9F`–`C3 BF`: æ, ø, å, é) lowercase to themselves.
        if bytes[at] == 0xC3 && bytes.get(at + 1).is_some_and(|&b| b >= 0x9F) {
            from = at + 2;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
            break;
        };
        from = at + c.len_utf8();
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x == c => {}
            (Some(x), None) if c.is_uppercase() && c != 'Σ' && x.len_utf8() == c.len_utf8() => {
                let mut buf = [0; 4];
                lower.replace_range(at..at + c.len_utf8(), x.encode_utf8(&mut buf));
            }
            _ => exact = false,
        }
    }
    (lower, exact)
}

/// The offset of the first byte outside ASCII from `from` on, searched eight bytes at a time.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    const HIGH: u64 = ONES * 0x80;
    while let Some(x) = swar::load(bytes, from) {
        if x & HIGH != 0 {
            return Some(from + (x & HIGH).trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    let tail = bytes.get(from..)?;
    tail.iter().position(|b| !b.is_ascii()).map(|i| from + i)
}

/// Finds the dates of the body, assigns roles, fills `doc.dates` (two-digit years get an
/// info diagnostic) and returns the mentions for the term and signing extractors.
pub fn extract(
    cx: &Context<'_>,
    lines: &LineIndex,
    prose: &Prose<'_>,
    doc: &mut Document,
) -> Vec<Found> {
    let titles = title_area(cx, doc);
    let seeds = Seeds::new(prose);
    let mut found: Vec<Found> = Vec::new();
    for sentence in &prose.sentences_where(|unit| seeds.may_hold(unit)) {
        if !seeds.may_hold(sentence) {
            continue;
        }
        for mention in dates::find_in(cx.text, sentence.clone()) {
            let place_line = match mention.value {
                Value::Date(d) if d.precision() == Precision::Day => {
                    place_line(cx.text, mention.span.clone())
                }
                _ => None,
            };
            let role = role(prose, &mention, sentence, &titles, place_line.is_some());
            found.push(Found {
                mention,
                role,
                sentence: sentence.clone(),
                place_line,
            });
        }
    }
    // Blocks may nest (a quote inside a list item): keep one mention per span.
    found.sort_by_key(|f| (f.mention.span.start, f.mention.span.end));
    found.dedup_by_key(|f| f.mention.span.clone());
    for f in &found {
        let model = f.mention.to_model(f.role, cx.text, lines);
        if f.mention.two_digit_year {
            doc.diagnostics.push(Diagnostic::new(
                Code::TwoDigitYear,
                format!(
                    "read the two-digit year in `{}` as {}",
                    model.text, model.value
                ),
                Some(model.span),
            ));
        }
        doc.dates.push(model);
    }
    found
}

/// Pieces of the lowercase unit words (`time::UNIT_WORDS`): every one holds one of them.
const UNIT_STEMS: [&str; 7] = ["dag", "døgn", "uke", "vek", "mån", "mnd", "år"];

/// Where a date, period or duration may be: the ASCII digits that may belong to a date
/// ([`holds_date_digits`]), and the [`UNIT_STEMS`] that start a word or begin `årig`, in the
/// lowercase copy of the text, so that a sentence without one is not searched.
///
/// Every expression `dates::find` reads holds four ASCII digits in a row (a year, which every
/// date but `1.9.06` has), a digit, a point and a digit (`1.9.06`), a unit word (`tre
/// måneder`, `12 måneder`, `4-årige`), which begins with its stem, or a compound ending in
/// `årig`/`årige` (`fireårig`). The
/// copy is the text lowercased character by character at its own offsets, so a word of a
/// sentence lowercases to the copy's slice of its range, and digits and `å` stay as they
/// are. The stems are found by one non-overlapping search for all of them, which reports
/// every occurrence of every stem but the `d` of `mnd` read as the first letter of `dag` or
/// `døgn` (`mndag`): no other stem overlaps itself or another. That `d` follows a letter and
/// is no `å`, so it would not be kept anyway (test `one_search_seeds_as_a_search_per_stem`).
///
/// A unit word is a whole word to `dates::find` (a run of letters, `char::is_alphabetic`),
/// and so is the adjective after `4-`; the `årig`/`årige` ending a compound runs to the
/// compound's end. So a stem seeds only when the letters running on from it make one of
/// [`time::UNIT_WORDS`] or [`time::UNIT_ADJECTIVES`] (`året`, `dagens`, `uken` do not), or
/// when the range asked about cuts that run short.
///
/// The stems are gathered for the whole text; the digits are looked for in each sentence
/// asked about (most of the text's digits are never looked at).
struct Seeds<'t>(Option<(&'t [u8], Vec<Stem>)>);

/// A stem [`Seeds`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stem {
    /// Its offset in the text.
    at: usize,
    /// The end of the run of letters it starts.
    word_end: usize,
    /// Whether that run, lowercased, is a unit word or a unit adjective.
    unit: bool,
}

impl<'t> Seeds<'t> {
    /// Finds the stem seeds; without an exact lowercase copy (or the stem search) every
    /// sentence may hold a date.
    fn new(prose: &'t Prose<'_>) -> Self {
        /// One packed search for all the stems, built once.
        static STEMS: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(UNIT_STEMS)
                .build()
        });
        let (Some(lower), Some(stems)) = (prose.lowercase(), STEMS.as_ref()) else {
            return Self(None);
        };
        let bytes = lower.as_bytes();
        let text = prose.text();
        let seeds = stems
            .find_iter(bytes)
            .map(|m| m.start())
            .filter(|&at| may_open_unit_word(lower, at))
            .map(|at| {
                let word_end = letters_end(text, at);
                let word = lower.get(at..word_end).unwrap_or("");
                let unit = time::lookup(time::UNIT_WORDS, word).is_some()
                    || time::lookup(time::UNIT_ADJECTIVES, word).is_some();
                Stem { at, word_end, unit }
            })
            .collect();
        Self(Some((bytes, seeds)))
    }

    /// Whether a seed lies inside the range: a stem of a unit word (or of letters the range
    /// cuts short), or digits of the copy that may belong to a date.
    fn may_hold(&self, range: &Range<usize>) -> bool {
        self.0.as_ref().is_none_or(|(lower, stems)| {
            let first = stems.partition_point(|s| s.at < range.start);
            stems
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .take_while(|s| s.at < range.end)
                .any(|s| s.unit || s.word_end > range.end)
                || lower.get(range.clone()).is_some_and(holds_date_digits)
        })
    }
}

/// The end of the run of letters (`char::is_alphabetic`, as `dates::find` cuts words) that
/// starts at byte `at` of `text`.
fn letters_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i)
}

/// Whether a stem found at byte `at` of the lowercase text may open a unit word: it starts
/// a word, or begins `årig` (a stem inside a word, as in `når`, `bruke`, `bidrag`, starts
/// none).
fn may_open_unit_word(lower: &str, at: usize) -> bool {
    let starts_word = !lower
        .get(..at)
        .and_then(|head| head.chars().next_back())
        .is_some_and(char::is_alphabetic);
    starts_word
        || lower
            .as_bytes()
            .get(at..)
            .is_some_and(|b| b.starts_with("årig".as_bytes()))
}

/// Whether `bytes` hold an ASCII digit, tested eight bytes at a time.
pub(super) fn holds_digit(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    words.by_ref().any(|w| {
        w.try_into()
            .is_ok_and(|w| digit_mask(u64::from_le_bytes(w)) != 0)
    }) || words.remainder().iter().any(u8::is_ascii_digit)
}

/// Whether `bytes` hold four ASCII digits in a row, or an ASCII digit, a point and an ASCII
/// digit: the digits of every date, period or duration but those beside a unit word (see
/// [`Seeds`]). Each run of digits is read once, found eight bytes at a time.
fn holds_date_digits(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(start) = next_digit(bytes, from) {
        let run = bytes
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = start + run;
        if run >= 4
            || (bytes.get(after) == Some(&b'.')
                && bytes.get(after + 1).is_some_and(u8::is_ascii_digit))
        {
            return true;
        }
        from = after;
    }
    false
}

/// The offset of the first ASCII digit of `bytes` from `from` on, searched eight bytes at a time.
fn next_digit(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(x) = swar::load(bytes, from) {
        let digits = digit_mask(x);
        if digits != 0 {
            return Some(from + digits.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    let tail = bytes.get(from..)?;
    tail.iter().position(u8::is_ascii_digit).map(|i| from + i)
}

/// The high bit of every byte of `x` that is an ASCII digit (`0x30..=0x39`): per byte, the
/// high bit of `0xB9 − low7` is set for `low7 ≤ 0x39`, that of `low7 + 0x50` for
/// `low7 ≥ 0x30`, and `!x` keeps bytes below `0x80`; no byte borrows or carries into the next.
fn digit_mask(x: u64) -> u64 {
    let low7 = x & (ONES * 0x7F);
    (ONES * 0xB9 - low7) & !x & (low7 + ONES * 0x50) & (ONES * 0x80)
}

/// The ranges of running text to read: body blocks (noise and rules skipped) once the
/// block stream exists, else every non-blank raw line.
fn units(cx: &Context<'_>) -> Vec<Range<usize>> {
    if cx.blocks.is_empty() {
        return raw_lines(cx.text)
            .filter(|l| !is_blank(l.text))
            .map(|l| l.start..l.end())
            .collect();
    }
    let mut out = Vec::new();
    for block in cx.blocks {
        let s = block.span;
        match &block.kind {
            BlockKind::Heading { .. }
            | BlockKind::Paragraph { .. }
            | BlockKind::Metadata { .. } => out.push(s.start..s.end),
            BlockKind::List { lead_in, items } => {
                out.extend(
                    lead_in
                        .iter()
                        .chain(items)
                        .map(|p| p.span.start..p.span.end),
                );
            }
            BlockKind::Quote { body, attribution } => {
                out.extend(
                    std::iter::once(body)
                        .chain(attribution)
                        .map(|p| p.span.start..p.span.end),
                );
            }
            BlockKind::Signature { lines } => {
                out.extend(lines.iter().map(|p| p.span.start..p.span.end));
            }
            BlockKind::Rule | BlockKind::Noise { .. } => {}
        }
    }
    out
}

/// Splits a unit into sentences, pushed onto `out` as trimmed byte ranges into `text`: a
/// `.`, `!` or `?` followed by space and a capital, a digit-free dash or a quote mark ends
/// one, except after an abbreviation (`Meld. St. 15`, `bl. a.`).
fn push_sentences(out: &mut Vec<Range<usize>>, text: &str, unit: Range<usize>) {
    let Some(s) = text.get(unit.clone()) else {
        return;
    };
    let mut start = 0;
    // The sentence marks are ASCII: found by byte, each at a character boundary.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', s.as_bytes()) {
        let rest = s.get(i + 1..).unwrap_or("");
        // Most marks are followed by a letter, a digit or punctuation: no white space to skip,
        // so no sentence ends there (the first byte tells when it is ASCII).
        if rest.as_bytes().first().is_none_or(|&b| is_ascii_kept(b)) {
            continue;
        }
        let after = trim_start_by(rest, is_space);
        if after.len() == rest.len() || after.is_empty() {
            continue;
        }
        let opens = after
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || matches!(n, '-' | '–' | '«' | '"' | '•'));
        if !opens {
            continue;
        }
        let word_before = word_before(s.get(..i).unwrap_or(""));
        // A point after a one- or two-digit number is an ordinal (`7. Desember 2020`);
        // lowercasing keeps ASCII digits and makes no others.
        let ordinal =
            (1..=2).contains(&word_before.len()) && word_before.bytes().all(|b| b.is_ascii_digit());
        if !ordinal && !is_abbreviation(word_before) {
            push_trimmed(out, s, start..i + 1, unit.start);
            start = s.len() - after.len();
        }
    }
    push_trimmed(out, s, start..s.len(), unit.start);
}

/// The run of alphanumeric characters that ends `head` (the word before a sentence mark).
/// Read by byte while the bytes are ASCII, where `char::is_alphanumeric` is
/// `u8::is_ascii_alphanumeric`; a non-ASCII byte sends the head to the character test.
fn word_before(head: &str) -> &str {
    let bytes = head.as_bytes();
    let mut start = bytes.len();
    while let Some(&b) = start.checked_sub(1).and_then(|j| bytes.get(j)) {
        if !b.is_ascii() {
            return head
                .get(trim_end_by(head, char::is_alphanumeric).len()..)
                .unwrap_or("");
        }
        if !b.is_ascii_alphanumeric() {
            break;
        }
        start -= 1;
    }
    head.get(start..).unwrap_or("")
}

/// Whether `word` is one of [`time::ABBREVIATIONS`] in any case.
fn is_abbreviation(word: &str) -> bool {
    /// The length of the longest abbreviation: an ASCII word longer is none of them.
    static LONGEST: LazyLock<usize> = LazyLock::new(|| {
        time::ABBREVIATIONS
            .iter()
            .map(|a| a.len())
            .max()
            .unwrap_or(0)
    });
    // The abbreviations are lowercase ASCII: an ASCII word is compared without lowercasing.
    if word.is_ascii() {
        word.len() <= *LONGEST
            && time::ABBREVIATIONS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(word))
    } else {
        time::ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

/// Whether byte `b` is an ASCII character other than white space (nothing to trim there).
fn is_ascii_kept(b: u8) -> bool {
    b.is_ascii() && !is_space(char::from(b))
}

/// Pushes `range` of `s`, trimmed of white space and offset by `base`, unless it is blank.
fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, range: Range<usize>, base: usize) {
    // Almost every piece opens and closes with an ASCII character other than white space:
    // nothing to trim, and the two edge bytes tell. ASCII edges also put both ends of the
    // range on character boundaries, so the bytes are read without `str::get`'s checks.
    if let Some(bytes) = s.as_bytes().get(range.clone())
        && bytes.first().is_some_and(|&b| is_ascii_kept(b))
        && bytes.last().is_some_and(|&b| is_ascii_kept(b))
    {
        out.push(base + range.start..base + range.end);
        return;
    }
    let Some(piece) = s.get(range.clone()) else {
        return;
    };
    let trimmed = trim_start_by(piece, is_space);
    let lead = piece.len() - trimmed.len();
    let body = trim_end_by(trimmed, is_space);
    if !body.is_empty() {
        out.push(base + range.start + lead..base + range.start + lead + body.len());
    }
}

/// The title area: the title and subtitle spans when the section builder found them, plus
/// the leading lines of the text up to the first line that reads as a sentence (so that a
/// period in `mellom KS, … (2022-2025)` under the title counts). Link lines (`Les …`) are
/// skipped; a quote or bullet ends the area.
fn title_area(cx: &Context<'_>, doc: &Document) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = doc
        .title
        .iter()
        .chain(&doc.subtitle)
        .map(|t| t.span.start..t.span.end)
        .collect();
    for line in raw_lines(cx.text).filter(|l| !is_blank(l.text)).take(4) {
        let t = line
            .text
            .trim_matches(|c: char| is_space(c) || matches!(c, '*' | '_' | '#'));
        let first = t
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(first.as_str(), "les" | "lenke" | "lenkeblokk") {
            continue;
        }
        if t.starts_with(['-', '–', '•', '>']) || t.len() > 250 || t.ends_with(['.', '!', '?', ':'])
        {
            break;
        }
        out.push(line.start..line.end());
    }
    out
}

/// Lowercases a slice of `text`, borrowing when it has no capitals.
pub(super) fn lower(text: &str, range: Range<usize>) -> Cow<'_, str> {
    let s = text.get(range).unwrap_or("");
    if s.chars().any(char::is_uppercase) {
        s.to_lowercase().into()
    } else {
        s.into()
    }
}

/// The last `n` words of a lowercase string, in order.
pub(super) fn last_words(s: &str, n: usize) -> Vec<&str> {
    let mut words = Vec::with_capacity(n);
    let mut head = s;
    // From the end: past the characters between words, then over the word (ASCII decided
    // by the byte).
    while words.len() < n {
        let through_word = trim_end_by(head, |c| !c.is_alphanumeric());
        let before_word = trim_end_by(through_word, char::is_alphanumeric);
        let Some(word) = through_word
            .get(before_word.len()..)
            .filter(|w| !w.is_empty())
        else {
            break;
        };
        words.push(word);
        head = before_word;
    }
    words.reverse();
    words
}

/// Whether the words end with the cue sequence.
pub(super) fn ends_with_cue(words: &[&str], cue: &[&str]) -> bool {
    words.ends_with(cue)
}

/// Whether `s` contains any of the substrings.
pub(super) fn contains_any(s: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| s.contains(c))
}

/// The clause before a position: the text after the last comma, semicolon, colon, parenthesis
/// or clause-joining `og`/`men`/`mens` (so that `… for perioden 2005 – 2008 og gjelder fram til
/// 1.september 2010` reads the expiry in its own clause).
pub(super) fn clause(before: &str) -> &str {
    // The one-character separators are ASCII: the last of them is found by byte.
    let bytes = before.as_bytes();
    let marks = memchr::memrchr3(b',', b';', b':', bytes).max(memchr::memrchr(b'(', bytes));
    let after_mark = before.get(marks.map_or(0, |i| i + 1)..).unwrap_or(before);
    // A joining word holds none of the marks, so one that cuts further lies after the last.
    // No two of them start one byte apart, so the one that starts last also ends last.
    let joined = memchr::memrchr_iter(b' ', after_mark.as_bytes()).find_map(|i| {
        let rest = after_mark.get(i..)?;
        [" og ", " men ", " mens "]
            .iter()
            .find(|sep| rest.starts_with(*sep))
            .map(|sep| i + sep.len())
    });
    after_mark.get(joined.unwrap_or(0)..).unwrap_or(after_mark)
}

/// A cue table with one packed search for all its cues, built on first use: whether a text
/// holds any of its substrings, as [`contains_any`] tells, in one pass over the text (a
/// leftmost search finds a match wherever any cue occurs) instead of one per cue.
struct CueSet {
    /// The substrings.
    cues: &'static [&'static str],
    /// The search for all of them; `None` where no packed search can be built.
    search: OnceLock<Option<aho_corasick::packed::Searcher>>,
}

impl CueSet {
    /// The set of `cues`.
    const fn new(cues: &'static [&'static str]) -> Self {
        Self {
            cues,
            search: OnceLock::new(),
        }
    }

    /// Whether `s` contains any of the cues.
    fn in_text(&self, s: &str) -> bool {
        let search = self.search.get_or_init(|| {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(self.cues)
                .build()
        });
        match search {
            Some(search) => search.find(s).is_some(),
            None => contains_any(s, self.cues),
        }
    }
}

// The cue tables [`role`] reads per mention.
/// [`time::EARLIER_AGREEMENT_CUES`].
static EARLIER_AGREEMENT: CueSet = CueSet::new(time::EARLIER_AGREEMENT_CUES);
/// [`time::AGREEMENT_CUES`].
static AGREEMENT: CueSet = CueSet::new(time::AGREEMENT_CUES);
/// [`time::NOTICE_CUES`].
static NOTICE: CueSet = CueSet::new(time::NOTICE_CUES);
/// [`time::SIGNING_VERBS`].
static SIGNING: CueSet = CueSet::new(time::SIGNING_VERBS);
/// [`time::EARLIER_SIGNING_CUES`].
static EARLIER_SIGNING: CueSet = CueSet::new(time::EARLIER_SIGNING_CUES);

/// Whether a sentence is about an earlier agreement, judged on the clause before the date.
pub(super) fn about_earlier_agreement(clause: &str) -> bool {
    EARLIER_AGREEMENT.in_text(clause)
}

/// The role of a mention in its sentence.
fn role(
    prose: &Prose<'_>,
    m: &Mention,
    sentence: &Range<usize>,
    titles: &[Range<usize>],
    on_place_line: bool,
) -> DateRole {
    let text = prose.text;
    let near = clip(text, sentence, &m.span);
    let before = prose.lower(near.start..m.span.start);
    let after = prose.lower(m.span.end..near.end);
    let whole = prose.lower(near);
    let mut words = last_words(&before, 5);
    // The article before a day (`fra den 1. juli 2021`, `til den 31. mai`) stands between the
    // cue and the date: the cue is read past it.
    if words.last() == Some(&"den") {
        words.pop();
    }
    if words.len() > 4 {
        words.remove(0);
    }
    let last = words.last().copied().unwrap_or("");

    if let Value::Duration(_) = m.value {
        let next = last_words(&after, 8).into_iter().next().unwrap_or("");
        let termish = matches!(last, "i" | "foreløpig" | "for");
        let notice = next.starts_with("varsel")
            || next.starts_with("oppsigelse")
            || next.starts_with("oppseiing")
            || next.starts_with("forhåndsvars")
            || last.starts_with("oppsigelsestid")
            || last.starts_with("oppseiingstid")
            || (!termish && NOTICE.in_text(&whole));
        return if notice {
            DateRole::NoticePeriod
        } else {
            DateRole::Duration
        };
    }
    if is_session(m, &before) {
        return DateRole::Session;
    }
    if is_published_line(prose, m.span.start) {
        return DateRole::Published;
    }
    if on_place_line {
        return DateRole::Signed;
    }
    let clause = clause(&before);
    // Searched only on the paths that read it.
    let of_this_agreement = || !about_earlier_agreement(clause) && AGREEMENT.in_text(&whole);
    let closes_title = titles
        .iter()
        .any(|t| t.start <= m.span.start && m.span.end <= t.end)
        && closes_line(text, m.span.end);
    if let Value::Range { .. } = m.value {
        if closes_title {
            return DateRole::Period;
        }
        // `i perioden 2019-2023`, and `Avtaleperioden er 2022–2025`.
        let noun_at = |k: usize| time::PERIOD_NOUNS.iter().any(|p| words[k].ends_with(p));
        let n = words.len();
        let period_noun = (n >= 1 && noun_at(n - 1))
            || (n >= 2 && matches!(last, "er" | "blir") && noun_at(n - 2));
        let validity = matches!(last, "fra" | "frå") || time::VALIDITY_WORDS.contains(&last);
        let validity_for = words.len() >= 2
            && last == "for"
            && time::VALIDITY_WORDS.contains(&words[words.len() - 2]);
        return if (period_noun || validity || validity_for) && of_this_agreement() {
            DateRole::Period
        } else {
            DateRole::Mentioned
        };
    }
    if time::DEADLINE_CUES.contains(&last) {
        return DateRole::Deadline;
    }
    if of_this_agreement() {
        if time::VALID_FROM_CUES
            .iter()
            .any(|c| ends_with_cue(&words, c))
            || (last == "fra" && clause.contains("gjeld"))
        {
            return DateRole::ValidFrom;
        }
        if time::VALID_UNTIL_CUES
            .iter()
            .any(|c| ends_with_cue(&words, c))
        {
            return DateRole::ValidUntil;
        }
        if time::PERIOD_NOUNS.iter().any(|p| last.ends_with(p)) {
            return DateRole::Period;
        }
    }
    let day = m
        .start_date()
        .is_some_and(|d| d.precision() == Precision::Day);
    if day
        && SIGNING.in_text(&whole)
        && !EARLIER_SIGNING.in_text(clause)
        && !matches!(last, "fra" | "frå" | "til" | "siden" | "sidan")
    {
        return DateRole::Signed;
    }
    DateRole::Mentioned
}

/// A range of consecutive years in parentheses after a reference number: `Meld. St. 15 (2017-2018)`.
fn is_session(m: &Mention, before: &str) -> bool {
    let Value::Range { start, end } = m.value else {
        return false;
    };
    let Some(head) = before.trim_end_matches(is_space).strip_suffix('(') else {
        return false;
    };
    let words = last_words(head, 4);
    // The number may be followed by a series letter: `Prop. 1 S (2019–2020)`.
    let numbered = words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()));
    start.month.is_none()
        && end.year - start.year == 1
        && numbered
        && words.iter().any(|w| time::SESSION_PREFIXES.contains(w))
}

/// Whether the line holding byte `at` opens with a publication cue (`Publisert: 04.01.2023`).
fn is_published_line(prose: &Prose<'_>, at: usize) -> bool {
    let Some(line_start) = line_start(prose.text, at) else {
        return false;
    };
    let line = prose.lower(line_start..at);
    let line = line.trim_start_matches(|c: char| !c.is_alphabetic());
    time::PUBLISHED_CUES.iter().any(|c| line.starts_with(c))
}

/// Whether nothing but closing marks (`)`, emphasis, a point) follows `at` on its line.
fn closes_line(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    // Stops at the first character that is neither a closing mark nor a line end.
    for c in rest.chars() {
        if c == '\n' || c == '\r' {
            return true;
        }
        if !(is_space(c) || matches!(c, ')' | ']' | '*' | '_' | '.')) {
            return false;
        }
    }
    true
}

/// Cue words sit next to an expression. Reading at most this many bytes on either side
/// keeps role assignment linear on a text that is one endless sentence or line.
pub(super) const REACH: usize = 400;

/// The part of `range` within [`REACH`] bytes of `around`, on char boundaries.
pub(super) fn clip(text: &str, range: &Range<usize>, around: &Range<usize>) -> Range<usize> {
    let mut start = range.start.max(around.start.saturating_sub(REACH));
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range
        .end
        .min(around.end.saturating_add(REACH))
        .min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    start.min(around.start)..end.max(around.end)
}

/// The start of the line holding byte `at`, if it lies within [`REACH`] bytes
/// (a longer line is running text, not a dateline).
pub(super) fn line_start(text: &str, at: usize) -> Option<usize> {
    let window = clip(text, &(0..at), &(at..at));
    let head = text.get(window.start..at)?;
    // Both breaks are ASCII: found by byte, each at a character boundary.
    match memchr::memrchr2(b'\n', b'\r', head.as_bytes()) {
        Some(i) => Some(window.start + i + 1),
        None => (window.start == 0).then_some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_endless_line_of_dates_stays_linear() {
        // 20 000 mentions in one sentence: reading the whole sentence for each would be
        // quadratic (gigabytes of lowercasing); the bounded reach keeps it instant.
        let text =
            "Avtalen gjelder til 2019 og Oslo 1.1.2016 og tre måneders varsel ".repeat(7_000);
        let doc = crate::parse_str(&text, "endless.txt");
        assert_eq!(
            doc.dates.len(),
            21_000,
            "every date of the endless line should be found"
        );
        assert!(
            doc.signing.is_none(),
            "a date inside an endless line is not a dateline"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_cue_set_finds_what_a_search_per_cue_finds(
            s in "(tidligere|førre|gjeldende|dagens| avtale|ble|inngått|signer|undertegn|skrev|under|varsel|si|opp|den|partene|gjeld|e|r| |x|æ){0,12}",
        ) {
            for set in [&EARLIER_AGREEMENT, &AGREEMENT, &NOTICE, &SIGNING, &EARLIER_SIGNING] {
                proptest::prop_assert_eq!(set.in_text(&s), contains_any(&s, set.cues), "{:?}", s);
            }
        }

        #[test]
        fn last_words_are_the_last_alphanumeric_runs(s in "[a-zæø0-9 .,()\u{a0}\u{2013}]{0,40}", n in 0usize..9) {
            let mut expected: Vec<&str> = s
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(n)
                .collect();
            expected.reverse();
            proptest::prop_assert_eq!(last_words(&s, n), expected);
        }
    }

    #[test]
    fn every_unit_word_holds_a_stem() {
        for (w, _) in time::UNIT_WORDS {
            assert!(UNIT_STEMS.iter().any(|s| w.contains(s)), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_digit_mask_marks_the_ascii_digits(chunk: [u8; 8]) {
            let marked = digit_mask(u64::from_le_bytes(chunk)).to_le_bytes();
            for (m, b) in marked.iter().zip(chunk) {
                proptest::prop_assert_eq!(*m == 0x80, b.is_ascii_digit(), "{:?}", chunk);
            }
        }

        #[test]
        fn a_digit_is_found_where_the_bytes_hold_one(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..24),
            text in "[0-9a-zæ ]{0,40}",
        ) {
            proptest::prop_assert_eq!(holds_digit(&bytes), bytes.iter().any(u8::is_ascii_digit), "{:?}", bytes);
            let ascii_digit = text.bytes().any(|b| b.is_ascii_digit());
            proptest::prop_assert_eq!(holds_digit(text.as_bytes()), ascii_digit, "{:?}", text);
        }

        #[test]
        fn date_digits_are_found_as_a_plain_scan_finds_them(
            bytes in proptest::collection::vec(proptest::sample::select(b"0123456789.a \xc3\xa5".to_vec()), 0..40),
        ) {
            let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
            let expected = (0..bytes.len()).any(|i| {
                (i..i + 4).all(digit) || (digit(i) && bytes.get(i + 1) == Some(&b'.') && digit(i + 2))
            });
            proptest::prop_assert_eq!(holds_date_digits(&bytes), expected, "{:?}", bytes);
        }

        #[test]
        fn a_sentence_without_seeds_holds_no_date(
            text in "((tre|to|fire|Fire|en|måneder|MÅNEDER|Uker|ukers|uken|år|År|året|årsmøte|dager|Dagens|fireårig|treårige|årige|utgangen|av|september|jan|x|1|12|123|06|2020|2019|19|når|bruke|Bidrag|mnd|é)[ .,/\n\\-–]{0,2}){0,14}"
        ) {
            let cx = Context { text: &text, layout: crate::model::Layout::Plain, blocks: &[] };
            let prose = Prose::new(&cx);
            let seeds = Seeds::new(&prose);
            let all = prose.sentences_where(|_| true);
            for sentence in &all {
                if !seeds.may_hold(sentence) {
                    proptest::prop_assert!(dates::find_in(&text, sentence.clone()).is_empty(), "{:?}", &text[sentence.clone()]);
                }
            }
            // Units without a seed hold no sentence with one.
            let seeded = |s: &Range<usize>| seeds.may_hold(s);
            let mut read = prose.sentences_where(|unit| seeds.may_hold(unit));
            read.retain(seeded);
            let mut expected = all;
            expected.retain(seeded);
            proptest::prop_assert_eq!(read, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_before_is_the_trailing_alphanumeric_run(head in "[ a.Z9\u{a0}é²ß-]{0,12}") {
            let plain = head.trim_end_matches(char::is_alphanumeric);
            proptest::prop_assert_eq!(word_before(&head), &head[plain.len()..]);
        }

        #[test]
        fn pieces_are_trimmed_as_trim_matches_does(
            s in "[ a.\t\n\u{b}\u{a0}\u{2007}é]{0,12}",
            a in 0usize..30,
            b in 0usize..30,
            base in 0usize..5,
        ) {
            let (a, b) = (a.min(b).min(s.len()), b.max(a).min(s.len()));
            let mut got = Vec::new();
            push_trimmed(&mut got, &s, a..b, base);
            let expected: Vec<Range<usize>> = s
                .get(a..b)
                .map(|piece| (piece, piece.trim_matches(is_space)))
                .filter(|(_, t)| !t.is_empty())
                .map(|(piece, t)| {
                    let lead = piece.len() - piece.trim_start_matches(is_space).len();
                    base + a + lead..base + a + lead + t.len()
                })
                .into_iter()
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn one_search_seeds_as_a_search_per_stem(
            text in "((mndag|mndøgn|mnd|dag|døgn|uke|bruke|vek|mån|år|fireårig|når|a|n|Å|é|1)[ .]{0,1}){0,12}"
        ) {
            let cx = Context { text: &text, layout: crate::model::Layout::Plain, blocks: &[] };
            let prose = Prose::new(&cx);
            let lower = prose.lowercase().unwrap_or_default();
            let mut expected = Vec::new();
            for stem in UNIT_STEMS {
                expected.extend(
                    lower
                        .match_indices(stem)
                        .map(|(at, _)| at)
                        .filter(|&at| may_open_unit_word(lower, at)),
                );
            }
            expected.sort();
            let found = Seeds::new(&prose).0.map(|(_, stems)| stems.iter().map(|s| s.at).collect());
            proptest::prop_assert_eq!(found, Some(expected));
        }
    }

    #[test]
    fn abbreviations_are_lowercase_ascii() {
        // `sentences` compares ASCII words with them without lowercasing.
        for a in time::ABBREVIATIONS {
            assert!(a.bytes().all(|b| b.is_ascii_lowercase()), "{a}");
        }
    }

    #[test]
    fn sentences_do_not_break_after_ordinals_or_abbreviations() {
        let text = "Møtet var 7. Desember 2020. Se Meld. St. 15 om saken. Neste setning.";
        let mut sentences = Vec::new();
        push_sentences(&mut sentences, text, 0..text.len());
        let got: Vec<&str> = sentences.into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            got,
            [
                "Møtet var 7. Desember 2020.",
                "Se Meld. St. 15 om saken.",
                "Neste setning."
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn prose_lowercases_as_lower_does(text in "[a-zA-ZæøåÆØÅΣİǅ .\n]{0,40}", a in 0usize..40, b in 0usize..40) {
            let cx = Context { text: &text, layout: crate::model::Layout::Plain, blocks: &[] };
            let prose = Prose::new(&cx);
            let (a, b) = (a.min(b).min(text.len()), b.max(a).min(text.len()));
            if text.is_char_boundary(a) && text.is_char_boundary(b) {
                proptest::prop_assert_eq!(prose.lower(a..b), lower(&text, a..b));
            }
        }
    }
}
