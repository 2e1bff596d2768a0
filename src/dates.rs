//! Running text → Norwegian date, period and duration mentions, with byte spans.
//!
//! The finder reads bokmål (and nynorsk where it costs nothing) as written in
//! agreements and press releases:
//!
//! | written                                  | value                        | precision |
//! |------------------------------------------|------------------------------|-----------|
//! | `19.9.2006`, `01.09.2006`, `2019-10-23`  | `2006-09-19`                 | day       |
//! | `1.9.06` (flagged: two-digit year)       | `2006-09-01`                 | day       |
//! | `23. oktober 2019`, `1. jan. 2020`       | `2019-10-23`                 | day       |
//! | `utgangen av 2020`                       | `2020-12-31`                 | day       |
//! | `september 2010`                         | `2010-09`                    | month     |
//! | `2009`                                   | `2009`                       | year      |
//! | `2019-2023`, `2005 – 2008`, `2019/2020`  | `2019` … `2023`              | year      |
//! | `fra 1. januar 2020 til 31. desember 2023` | `2020-01-01` … `2023-12-31` | day       |
//! | `tre måneders`, `4-årige`, `to uker`     | `P3M`, `P4Y`, `P2W`          | duration  |
//!
//! It does not read `10.000 nye årsverk`, `kl. 12.00`, section numbers
//! (`6.1`, `3.2.1`), phone numbers (`22 24 90 90`) or amounts (`2000 kroner`).
//! Roles (signed, period, deadline, …) come from context and are the
//! extractors' business (`crate::extract::dates`); the finder only says what
//! an expression means and where it stands.
//!
//! ```
//! use avtale::dates::{find, Value};
//! let text = "Avtalen gjelder til 31. desember 2023. Oppsigelse skal gis med minst tre måneders varsel.";
//! let found: Vec<String> = find(text).iter().map(|m| m.value.to_string()).collect();
//! assert_eq!(found, ["2023-12-31", "P3M"]);
//! ```

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use crate::lexicon::time::{self, Unit};
use crate::model::{DateMention, DateRole, DateValue, Precision};
use crate::span::LineIndex;
use crate::swar::{self, ONES};
use crate::text::is_space;

/// A calendar date at the precision the text gives: a year, a month or a day.
///
/// Ordering is chronological, a year sorting before its first month and a
/// month before its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, four digits.
    pub year: i16,
    /// The month, 1–12, when the text names one.
    pub month: Option<i8>,
    /// The day of the month, when the text names one (always with a month).
    pub day: Option<i8>,
}

impl Date {
    /// A year on its own.
    pub fn year(year: i16) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A month of a year, or `None` for a month outside 1–12.
    pub fn month(year: i16, month: i8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A calendar day, or `None` when the day does not exist (31 February).
    ///
    /// ```
    /// use avtale::dates::Date;
    /// assert!(Date::day(2024, 2, 29).is_some());
    /// assert!(Date::day(2023, 2, 29).is_none());
    /// ```
    pub fn day(year: i16, month: i8, day: i8) -> Option<Self> {
        jiff::civil::Date::new(year, month, day).ok().map(|_| Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The last day of the year or month this date names (`utgangen av 2020` → 2020-12-31);
    /// a day stays itself.
    pub fn last_day(self) -> Self {
        match (self.month, self.day) {
            (_, Some(_)) => self,
            (Some(month), None) => jiff::civil::Date::new(self.year, month, 1)
                .map(|d| Self {
                    day: Some(d.last_of_month().day()),
                    ..self
                })
                .unwrap_or(self),
            (None, _) => Self {
                month: Some(12),
                day: Some(31),
                ..self
            },
        }
    }

    /// The date as a model value (ISO 8601 at its precision).
    pub fn to_value(&self) -> DateValue {
        DateValue {
            value: self.to_string(),
            precision: self.precision(),
        }
    }
}

impl Date {
    /// Writes the date as [`Display`](fmt::Display) does into `buf` and returns its length,
    /// when its year has four digits (0–9999) and its month and day two (0–99), as every
    /// date read has: digit by digit, without the formatting machinery, which costs more
    /// than the date. `None` for other values.
    fn write_iso(&self, buf: &mut [u8; 10]) -> Option<usize> {
        let digit = |n: u16| b"0123456789"[usize::from(n % 10)];
        let year = u16::try_from(self.year).ok().filter(|&y| y < 10_000)?;
        buf[..4].copy_from_slice(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        let mut len = 4;
        for part in self.month.into_iter().chain(self.month.and(self.day)) {
            let part = u16::try_from(part).ok().filter(|&p| p < 100)?;
            buf[len..len + 3].copy_from_slice(&[b'-', digit(part / 10), digit(part)]);
            len += 3;
        }
        Some(len)
    }
}

impl fmt::Display for Date {
    /// ISO 8601 at the date's precision: `2006-09-19`, `2010-09`, `2028`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0; 10];
        if let Some(len) = self.write_iso(&mut buf) {
            return f.write_str(std::str::from_utf8(&buf[..len]).unwrap_or_default());
        }
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

/// A length of time: an amount of one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
}

impl fmt::Display for Duration {
    /// ISO 8601: `P3M`, `P4Y`, `P2W`, `P30D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}{}", self.amount, self.unit.designator())
    }
}

/// What an expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A single date at some precision.
    Date(Date),
    /// A period from `start` to `end` (inclusive, as Norwegian writes `2019-2023`).
    Range {
        /// The first year, month or day.
        start: Date,
        /// The last year, month or day.
        end: Date,
    },
    /// A length of time.
    Duration(Duration),
}

impl fmt::Display for Value {
    /// `2006-09-19`, `2019..2023`, `P3M`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Date(d) => d.fmt(f),
            Value::Range { start, end } => write!(f, "{start}..{end}"),
            Value::Duration(d) => d.fmt(f),
        }
    }
}

/// A date, period or duration expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// What it means.
    pub value: Value,
    /// Byte range of the expression in the text that was searched.
    pub span: Range<usize>,
    /// Whether a two-digit year was expanded (`31.12.07` → 2007).
    pub two_digit_year: bool,
}

impl Mention {
    /// The first date of the mention (the start of a range), if it is not a duration.
    pub fn start_date(&self) -> Option<Date> {
        match self.value {
            Value::Date(d) | Value::Range { start: d, .. } => Some(d),
            Value::Duration(_) => None,
        }
    }

    /// Turns the mention into a model `DateMention` with `role`, given the full text
    /// its span indexes and that text's line index.
    pub fn to_model(&self, role: DateRole, text: &str, lines: &LineIndex) -> DateMention {
        let (value, precision, end) = match self.value {
            Value::Date(d) => (d.to_string(), d.precision(), None),
            Value::Range { start, end } => {
                (start.to_string(), start.precision(), Some(end.to_value()))
            }
            Value::Duration(d) => (d.to_string(), Precision::Duration, None),
        };
        DateMention {
            role,
            value,
            precision,
            end,
            text: text.get(self.span.clone()).unwrap_or("").to_owned(),
            span: lines.span(self.span.start, self.span.end),
        }
    }
}

/// Finds every date, period and duration expression in `text`, in order, without overlaps.
///
/// Spans are byte offsets into `text`.
///
/// ```
/// use avtale::dates::find;
/// let m = find("Oslo, 19.9.2006");
/// assert_eq!(m[0].value.to_string(), "2006-09-19");
/// assert_eq!(m[0].span, 6..15);
/// assert!(find("10.000 nye årsverk, kl. 12.00, punkt 6.1").is_empty());
/// ```
pub fn find(text: &str) -> Vec<Mention> {
    let scan = Scan {
        text,
        toks: tokenize(text),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.toks.len() {
        match scan.may_start(i).then(|| scan.expression(i)).flatten() {
            Some((value, next, two_digit_year)) => {
                let span = scan.toks[i].start..scan.toks[next - 1].end;
                out.push(Mention {
                    value,
                    span,
                    two_digit_year,
                });
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Finds the expressions in the slice `range` of `text`, with spans into the whole of `text`
/// (for reading one paragraph of a document). An out-of-bounds range finds nothing.
///
/// ```
/// let text = "Bakgrunn\n\nAvtalen gjelder til og med 2028.";
/// let m = avtale::dates::find_in(text, 10..text.len());
/// assert_eq!(&text[m[0].span.clone()], "2028");
/// ```
pub fn find_in(text: &str, range: Range<usize>) -> Vec<Mention> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut found = find(slice);
    for m in &mut found {
        m.span = m.span.start + range.start..m.span.end + range.start;
    }
    found
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of ASCII digits.
    Num,
    /// A run of letters.
    Word,
    /// Any other single character.
    Punct,
}

/// What separates a token from the one before it. An expression may not cross a blank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// Nothing: `19.9.2006` is five tight tokens.
    Tight,
    /// Spaces, possibly one line break.
    Space,
    /// A blank line or more.
    Break,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    gap: Gap,
}

/// Whether a word ends in `årig` or `årige` (`fireårig`, `treårige`). The last byte is
/// tested first: the test runs for every word, and most end otherwise.
fn ends_in_arig(raw: &[u8]) -> bool {
    if !matches!(raw.last(), Some(b'e' | b'g')) {
        return false;
    }
    let stem = raw.strip_suffix(b"e").unwrap_or(raw);
    stem.last() == Some(&b'g') && stem.ends_with("årig".as_bytes())
}

/// Splits text into digit runs, letter runs and single other characters, recording the gaps.
fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5);
    let (mut i, mut breaks, mut spaced) = (0, 0u8, false);
    while let Some(&b) = bytes.get(i) {
        let start = i;
        // Spaces are most of what lies between tokens: skip them without decoding.
        if b == b' ' {
            i += 1;
            spaced = true;
            continue;
        }
        let kind = if b.is_ascii_digit() {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            Kind::Num
        } else if b.is_ascii_alphabetic()
            || (b >= 0x80 && char_at(text, i).is_some_and(char::is_alphabetic))
        {
            // ASCII letters eight at a time; decode a char only for æ, ø, å and the like.
            loop {
                i += ascii_letter_prefix(bytes, i);
                match bytes.get(i) {
                    Some(b) if b.is_ascii_alphabetic() => i += 1,
                    Some(&b) if b >= 0x80 => match char_at(text, i).filter(|c| c.is_alphabetic()) {
                        Some(c) => i += c.len_utf8(),
                        None => break,
                    },
                    _ => break,
                }
            }
            Kind::Word
        } else {
            let c = if b < 0x80 {
                char::from(b)
            } else {
                char_at(text, i).unwrap_or(' ')
            };
            i += c.len_utf8().max(1);
            if c == '\n' || (c == '\r' && bytes.get(i) != Some(&b'\n')) {
                breaks = breaks.saturating_add(1);
                spaced = true;
                continue;
            }
            if is_space(c) || c == '\u{feff}' {
                spaced = true;
                continue;
            }
            Kind::Punct
        };
        let gap = match (breaks, spaced) {
            (2.., _) => Gap::Break,
            (_, true) => Gap::Space,
            _ => Gap::Tight,
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            gap,
        });
        (breaks, spaced) = (0, false);
    }
    toks
}

/// How many of the eight bytes from `i` on are ASCII letters, counted up to the first that
/// is not; 0 when fewer than eight are left.
fn ascii_letter_prefix(bytes: &[u8], i: usize) -> usize {
    let Some(x) = swar::load(bytes, i) else {
        return 0;
    };
    // Setting bit 5 folds `A`–`Z` onto `a`–`z` (and nothing else onto them). Per byte, the
    // high bit of `low7 + 0x1F` is set for `low7 ≥ a`, that of `low7 + 0x05` for `low7 > z`,
    // and `!x` keeps bytes below `0x80`; no byte carries into the next.
    let low7 = (x | (ONES * 0x20)) & (ONES * 0x7F);
    let letters = (low7 + ONES * 0x1F) & !(low7 + ONES * 0x05) & !x & (ONES * 0x80);
    ((!letters & (ONES * 0x80)).trailing_zeros() / 8) as usize
}

/// The char starting at byte `i`, if `i` is a char boundary inside `text`.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// A parsed expression: its value, the index of the token after it, and the two-digit-year flag.
type Parsed = (Value, usize, bool);

/// A parsed date: the date, the index of the token after it, and the two-digit-year flag.
type ParsedDate = (Date, usize, bool);

/// The tokens of a text and the small `parse_*` recognisers over them.
struct Scan<'t> {
    text: &'t str,
    toks: Vec<Tok>,
}

impl Scan<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The bytes of token `i` (empty past the end): for tests that need no characters.
    fn bytes(&self, i: usize) -> &[u8] {
        self.tok(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or(&[])
    }

    fn src(&self, i: usize) -> &str {
        self.tok(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The value and digit count of a digit run (at most nine digits, so it fits).
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Num)?;
        let digits = t.end - t.start;
        if digits > 9 {
            return None;
        }
        // ASCII digits only: the value is folded from the bytes.
        let n = self
            .bytes(i)
            .iter()
            .fold(0, |n, &b| n * 10 + u32::from(b - b'0'));
        Some((n, digits))
    }

    /// A digit run of exactly `digits` digits, glued to the token before it.
    fn tight_num(&self, i: usize, digits: &[usize]) -> Option<u32> {
        let (n, d) = self.num(i)?;
        (self.gap(i) == Gap::Tight && digits.contains(&d)).then_some(n)
    }

    fn gap(&self, i: usize) -> Gap {
        self.tok(i).map_or(Gap::Break, |t| t.gap)
    }

    fn punct(&self, i: usize, set: &[char]) -> bool {
        if !self.tok(i).is_some_and(|t| t.kind == Kind::Punct) {
            return false;
        }
        // A punctuation token is one character: an ASCII one is its byte.
        match self.bytes(i) {
            [b] if b.is_ascii() => set.contains(&char::from(*b)),
            _ => self.src(i).chars().next().is_some_and(|c| set.contains(&c)),
        }
    }

    fn tight_punct(&self, i: usize, set: &[char]) -> bool {
        self.gap(i) == Gap::Tight && self.punct(i, set)
    }

    /// The word at `i`, lowercased only when it has capitals (most words have none).
    fn word(&self, i: usize) -> Option<std::borrow::Cow<'_, str>> {
        let t = self.tok(i).filter(|t| t.kind == Kind::Word)?;
        let w = self.text.get(t.start..t.end)?;
        Some(if w.chars().any(char::is_uppercase) {
            w.to_lowercase().into()
        } else {
            w.into()
        })
    }

    /// Whether the word at `i` is `av` in any case: `word(i) == "av"` without lowercasing,
    /// since no letters but `A`, `a`, `V` and `v` lowercase to `a` or `v`.
    fn is_av(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word)
            && self.bytes(i).eq_ignore_ascii_case(b"av")
    }

    /// The word before token `i`, skipping one point (`kl. 2015` → `kl`).
    fn word_before(&self, i: usize) -> Option<std::borrow::Cow<'_, str>> {
        let j = i.checked_sub(1)?;
        if self.punct(j, &['.']) {
            self.word(j.checked_sub(1)?)
        } else {
            self.word(j)
        }
    }

    /// Whether the expression ending before token `i` runs on into a longer number
    /// (`10.000`, `2019.5`, `12,5`): then it was never a date.
    fn runs_on(&self, i: usize) -> bool {
        let glued = self.gap(i) == Gap::Tight;
        glued
            && (self.tok(i).is_some_and(|t| t.kind != Kind::Punct)
                || (self.punct(i, &['.', ',', ':'])
                    && self
                        .tight_num(i + 1, &[1, 2, 3, 4, 5, 6, 7, 8, 9])
                        .is_some()))
    }

    /// Whether token `i` is glued to a number or a number separator before it (`1.2.`, `3,`).
    fn glued_before(&self, i: usize, set: &[char]) -> bool {
        self.gap(i) == Gap::Tight
            && i.checked_sub(1).is_some_and(|j| {
                self.tok(j).is_some_and(|t| t.kind == Kind::Num) || self.punct(j, set)
            })
    }

    /// Whether an expression may start at token `i`: a cheap necessary condition of
    /// [`Scan::expression`], tested first because most tokens start none. A number may
    /// start one; a word only as the first word of `utgangen av`, a month name before a
    /// number (`september 2010`, `jan. 2020`), a compound (`fireårig`), or a number word
    /// before a word that may be a unit ([`may_be_unit`]).
    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        if t.kind != Kind::Word {
            return t.kind == Kind::Num;
        }
        let len = t.end - t.start;
        let raw = self.bytes(i);
        if len <= 16 && ends_in_arig(raw) {
            return true;
        }
        let month_shaped = (3..=9).contains(&len);
        match self.tok(i + 1).map(|t| t.kind) {
            Some(Kind::Num) => month_shaped,
            Some(Kind::Punct) => {
                month_shaped
                    && self.punct(i + 1, &['.'])
                    && self.tok(i + 2).is_some_and(|t| t.kind == Kind::Num)
            }
            Some(Kind::Word) => {
                self.is_av(i + 1)
                    || (len <= 6 && self.gap(i + 1) == Gap::Space && may_be_unit(self.bytes(i + 1)))
            }
            None => false,
        }
    }

    /// Any expression at token `i`: a date or range first, then a duration.
    fn expression(&self, i: usize) -> Option<Parsed> {
        if let Some((start, j, two)) = self.parse_date(i) {
            return Some(match self.parse_range_end(i, start, j) {
                Some((end, k, two_end)) => (Value::Range { start, end }, k, two || two_end),
                None => (Value::Date(start), j, two),
            });
        }
        self.parse_duration(i)
            .map(|(d, j)| (Value::Duration(d), j, false))
    }

    /// Parses the second half of a range whose first date ends before token `j`:
    /// `2019-2023`, `2005 – 2008`, `1.1.2016- 1.1.2019`, `2019/2020`, and after `fra`,
    /// `2020 til 2023`.
    fn parse_range_end(&self, i: usize, start: Date, j: usize) -> Option<ParsedDate> {
        let fits = |end: Date| end > start && end.year - start.year <= 30;
        if self.punct(j, &['-', '–', '—'])
            && self.gap(j) != Gap::Break
            && self.gap(j + 1) != Gap::Break
            && let Some(p) = self.parse_date(j + 1).filter(|p| fits(p.0))
        {
            return Some(p);
        }
        // A school or session year: `2019/2020`, only for consecutive years.
        if start.month.is_none()
            && self.tight_punct(j, &['/'])
            && let Some(y) = self.tight_num(j + 1, &[4])
        {
            let end = Date::year(y as i16);
            let consecutive = end.year == start.year + 1 && !self.runs_on(j + 2);
            return consecutive.then_some((end, j + 2, false));
        }
        let after_fra = i
            .checked_sub(1)
            .and_then(|h| self.word(h))
            .is_some_and(|w| w == "fra" || w == "frå");
        if after_fra && self.word(j).is_some_and(|w| w == "til") && self.gap(j + 1) != Gap::Break {
            return self.parse_date(j + 1).filter(|p| fits(p.0));
        }
        None
    }

    /// Parses a date, folding a leading `utgangen av` into its last day.
    ///
    /// ```text
    /// innen utgangen av 2020
    ///       ^^^^^^^^^^^^^^^^ 2020-12-31 (day)
    /// ```
    fn parse_date(&self, i: usize) -> Option<ParsedDate> {
        // "av" first: it is tested without lowercasing, and most words are not before one.
        if self.is_av(i + 1)
            && self
                .word(i)
                .is_some_and(|w| time::END_OF.contains(&w.as_ref()))
        {
            let (date, j, two) = self
                .parse_plain_date(i + 2)
                .filter(|_| self.gap(i + 2) != Gap::Break)?;
            return Some((date.last_day(), j, two));
        }
        self.parse_plain_date(i)
    }

    /// Parses one date at token `i`: numeric, ISO, written, month-and-year, or a year alone.
    fn parse_plain_date(&self, i: usize) -> Option<ParsedDate> {
        let tok = self.tok(i)?;
        if tok.kind == Kind::Word {
            // Cheap shape test before any lookup: a month name is 3–9 bytes and a number
            // follows it, or its abbreviation point does.
            let number_next = |j: usize| self.tok(j).is_some_and(|t| t.kind == Kind::Num);
            let shaped = (3..=9).contains(&(tok.end - tok.start))
                && (number_next(i + 1) || (self.punct(i + 1, &['.']) && number_next(i + 2)));
            return if shaped {
                self.parse_month_year(i, false)
            } else {
                None
            };
        }
        let (n, digits) = self.num(i)?;
        // The day rules need a number that is not itself the tail of a number (`1.2.3`).
        let free = !self.glued_before(i, &['.', ',', ':', '/']);
        if free && digits <= 2 && self.tight_punct(i + 1, &['.']) {
            // `19.9.2006`, `01.09.2006`, `1.9.06`
            if let (Some(month), true) = (
                self.tight_num(i + 2, &[1, 2]),
                self.tight_punct(i + 3, &['.']),
            ) {
                if let Some(year) = self.tight_num(i + 4, &[2, 4]) {
                    let two = self.num(i + 4).is_some_and(|(_, d)| d == 2);
                    let year = if two {
                        expand_two_digit_year(year)
                    } else {
                        year
                    };
                    if (1900..=2100).contains(&year) && !self.runs_on(i + 5) {
                        return Date::day(year as i16, month as i8, n as i8)
                            .map(|d| (d, i + 5, two));
                    }
                }
                return None;
            }
            // `23. oktober 2019`, `1.september 2010`, `1. jan. 2020`
            if self.gap(i + 2) != Gap::Break
                && let Some((month, j)) = self.month_name(i + 2, true)
            {
                let year = self
                    .num(j)
                    .filter(|&(_, d)| d == 4 && self.gap(j) == Gap::Space)?
                    .0;
                if self.runs_on(j + 1) {
                    return None;
                }
                return Date::day(year as i16, month as i8, n as i8).map(|d| (d, j + 1, false));
            }
            return None;
        }
        if digits != 4 || !(1900..=2100).contains(&n) {
            return None;
        }
        // ISO `2019-10-23`.
        if self.tight_punct(i + 1, &['-'])
            && self.tight_punct(i + 3, &['-'])
            && let (Some(m), Some(d)) = (self.tight_num(i + 2, &[2]), self.tight_num(i + 4, &[2]))
        {
            if free && !self.runs_on(i + 5) {
                return Date::day(n as i16, m as i8, d as i8).map(|date| (date, i + 5, false));
            }
            return None;
        }
        self.is_year(i)
            .then_some((Date::year(n as i16), i + 1, false))
    }

    /// Parses `september 2010` or `jan. 2020` (an abbreviation needs its point unless
    /// `after_day`).
    fn parse_month_year(&self, i: usize, after_day: bool) -> Option<ParsedDate> {
        // `30. februar 2020`: the day failed the calendar, so the month may not stand alone.
        let after_day_number = i
            .checked_sub(2)
            .is_some_and(|h| self.punct(h + 1, &['.']) && self.num(h).is_some_and(|(_, d)| d <= 2));
        if !after_day && after_day_number {
            return None;
        }
        let (month, j) = self.month_name(i, after_day)?;
        let (year, digits) = self.num(j)?;
        if digits != 4
            || self.gap(j) != Gap::Space
            || self.runs_on(j + 1)
            || !(1900..=2100).contains(&year)
        {
            return None;
        }
        Date::month(year as i16, month as i8).map(|d| (d, j + 1, false))
    }

    /// A month name at `i` and the index after it (and after an abbreviation's point).
    fn month_name(&self, i: usize, abbreviation_ok: bool) -> Option<(u8, usize)> {
        let w = self.word(i)?;
        if w.len() > 9 {
            return None;
        }
        if let Some(m) = time::lookup(time::MONTHS, &w) {
            return Some((m, i + 1));
        }
        let m = time::lookup(time::MONTH_ABBREVIATIONS, &w)?;
        if self.tight_punct(i + 1, &['.']) {
            Some((m, i + 2))
        } else {
            abbreviation_ok.then_some((m, i + 1))
        }
    }

    /// Whether the four-digit number at `i` reads as a year, not an amount, a phone
    /// number group, a time or a part of a longer number.
    fn is_year(&self, i: usize) -> bool {
        if self.glued_before(i, &['.', ',', ':', '/', '+']) || self.runs_on(i + 1) {
            return false;
        }
        // Groups of digits separated by spaces are phone numbers or amounts: `+47 2224 9090`.
        let group_before = i
            .checked_sub(1)
            .is_some_and(|h| self.num(h).is_some() && self.gap(i) == Gap::Space);
        let group_after = self.num(i + 1).is_some() && self.gap(i + 1) == Gap::Space;
        if group_before || group_after || self.punct(i + 1, &['%']) {
            return false;
        }
        if self
            .word(i + 1)
            .is_some_and(|w| time::QUANTITY_WORDS.contains(&w.as_ref()))
        {
            return false;
        }
        // After a month name the year belonged to a date that failed the calendar (`30. februar 2020`).
        !self.word_before(i).is_some_and(|w| {
            time::NOT_YEAR_BEFORE.contains(&w.as_ref()) || time::lookup(time::MONTHS, &w).is_some()
        })
    }

    /// Parses a length of time: `tre måneders`, `12 måneder`, `to uker`, `4-årige`, `fireårig`.
    fn parse_duration(&self, i: usize) -> Option<(Duration, usize)> {
        let tok = self.tok(i)?;
        match tok.kind {
            Kind::Num => {
                let (n, digits) = self.num(i)?;
                if digits > 3 || n == 0 || self.glued_before(i, &['.', ',']) {
                    return None;
                }
                // `4-årige`
                if self.tight_punct(i + 1, &['-']) && self.gap(i + 2) == Gap::Tight {
                    let unit = self
                        .word(i + 2)
                        .and_then(|w| time::lookup(time::UNIT_ADJECTIVES, &w))?;
                    return Some((Duration { amount: n, unit }, i + 3));
                }
                self.unit_after(i)
                    .map(|unit| (Duration { amount: n, unit }, i + 2))
            }
            Kind::Word => {
                let len = tok.end - tok.start;
                // Cheap shape tests first: a number word is at most six bytes and a unit
                // word follows it; a compound (`fireårig`) ends in `årig` or `årige`.
                let raw = self.src(i);
                let compound = ends_in_arig(raw.as_bytes());
                let next_is_word = self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word);
                if !((compound && len <= 16) || (len <= 6 && next_is_word)) {
                    return None;
                }
                if !compound {
                    // The unit's first-letter filter rejects most word pairs before any lookup.
                    let unit = self.unit_after(i)?;
                    let n = time::lookup(time::NUMBER_WORDS, &self.word(i)?)?;
                    return Some((Duration { amount: n, unit }, i + 2));
                }
                let w = self.word(i)?;
                // `fireårig`, `treårige`: a number word glued to an adjective ending.
                time::NUMBER_WORDS.iter().find_map(|&(number, n)| {
                    let rest = w.strip_prefix(number)?;
                    let unit =
                        time::lookup(time::UNIT_ADJECTIVES, rest).filter(|u| *u == Unit::Year)?;
                    Some((Duration { amount: n, unit }, i + 1))
                })
            }
            Kind::Punct => None,
        }
    }

    /// The unit word after a number at `i` (`tre måneders`), if there is one.
    fn unit_after(&self, i: usize) -> Option<Unit> {
        if self.gap(i + 1) != Gap::Space {
            return None;
        }
        // Cheap first-letter filter: unit words start with d, u, v, m or å.
        let first = match self.src(i + 1).chars().next()? {
            c if c.is_ascii() => c.to_ascii_lowercase(),
            c => c.to_lowercase().next()?,
        };
        if !matches!(first, 'd' | 'u' | 'v' | 'm' | 'å') {
            return None;
        }
        let unit = self
            .word(i + 1)
            .and_then(|w| time::lookup(time::UNIT_WORDS, &w))?;
        // `2 år.5`? no: a unit glued to more digits is not a unit.
        (!self.runs_on(i + 2) || self.punct(i + 2, &['.', ','])).then_some(unit)
    }
}

/// Whether a word may lowercase to one of [`time::UNIT_WORDS`], judged on its first two
/// bytes: when both are ASCII they are the unit's first two letters in some case (`da`,
/// `uk`, `ve`, `mn`); a word with another character there always passes.
fn may_be_unit(word: &[u8]) -> bool {
    /// The first two letters of the unit words that begin with two ASCII letters.
    static ASCII_HEADS: LazyLock<Vec<[u8; 2]>> = LazyLock::new(|| {
        let mut heads: Vec<[u8; 2]> = time::UNIT_WORDS
            .iter()
            .filter_map(|(w, _)| match w.as_bytes() {
                [a, b, ..] if a.is_ascii() && b.is_ascii() => Some([*a, *b]),
                _ => None,
            })
            .collect();
        heads.sort_unstable();
        heads.dedup();
        heads
    });
    match word {
        [a, b, ..] if a.is_ascii() && b.is_ascii() => {
            ASCII_HEADS.contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
        }
        [_, _, ..] => true,
        _ => false,
    }
}

/// Expands a two-digit year: `07` → 2007, `98` → 1998 (agreements span 1970–2069).
fn expand_two_digit_year(yy: u32) -> u32 {
    if yy < 70 { 2000 + yy } else { 1900 + yy }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arig_compounds_end_in_arig_or_arige() {
        for w in [
            "fireårig",
            "treårige",
            "årig",
            "årige",
            "tre",
            "årigen",
            "åri",
            "g",
            "e",
            "",
        ] {
            let expected = w.ends_with("årig") || w.ends_with("årige");
            assert_eq!(ends_in_arig(w.as_bytes()), expected, "{w}");
        }
    }

    fn values(text: &str) -> Vec<String> {
        find(text)
            .iter()
            .map(|m| format!("{} {:?}", m.value, &text[m.span.clone()]))
            .collect()
    }

    #[test]
    fn reads_the_seed_expressions() {
        insta::assert_debug_snapshot!(values("Oslo, 19.9.2006. Oslo 23. oktober 2019, i foreløpig fire år, frem til september 2010."), @r#"
        [
            "2006-09-19 \"19.9.2006\"",
            "2019-10-23 \"23. oktober 2019\"",
            "P4Y \"fire år\"",
            "2010-09 \"september 2010\"",
        ]
        "#);
    }

    #[test]
    fn every_unit_word_may_be_a_unit_in_any_case() {
        for (w, _) in time::UNIT_WORDS {
            let capital: String = w
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(w.chars().skip(1))
                .collect();
            for form in [w.to_string(), w.to_uppercase(), capital] {
                assert!(may_be_unit(form.as_bytes()), "{form}");
            }
        }
        assert!(!may_be_unit(b"med") && !may_be_unit(b"Under") && !may_be_unit(b"d"));
    }

    #[test]
    fn the_letter_prefix_stops_at_the_first_other_byte() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut bytes = [b'q'; 8];
                bytes[at] = b;
                let expected = if b.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(ascii_letter_prefix(&bytes, 0), expected, "{b} {at}");
            }
        }
        assert_eq!(
            ascii_letter_prefix(b"abcdefg", 0),
            0,
            "fewer than eight bytes"
        );
    }

    #[test]
    fn calendar_is_validated() {
        assert!(find("31.2.2019").is_empty(), "31 February does not exist");
        assert!(find("30. februar 2020").is_empty());
        assert_eq!(values("29.2.2024"), ["2024-02-29 \"29.2.2024\""]);
    }

    proptest::proptest! {
        #[test]
        fn dates_are_written_as_the_formatting_machinery_writes_them(
            year: i16,
            month: Option<i8>,
            day: Option<i8>,
            usual in proptest::bool::ANY,
        ) {
            // Half the cases in the range the digit-by-digit path writes.
            let (year, month, day) = if usual {
                (year.rem_euclid(10_000), month.map(|m| m.rem_euclid(100)), day.map(|d| d.rem_euclid(100)))
            } else {
                (year, month, day)
            };
            let date = Date { year, month, day };
            let mut plain = format!("{year:04}");
            if let Some(month) = month {
                plain += &format!("-{month:02}");
                if let Some(day) = day {
                    plain += &format!("-{day:02}");
                }
            }
            proptest::prop_assert_eq!(date.to_string(), plain);
        }

        #[test]
        fn spans_slice_the_text_on_char_boundaries(text in "[0-9 .,:/–\\-a-zæøåA-Z\u{a0}\u{ad}\n]{0,64}") {
            for m in find(&text) {
                proptest::prop_assert!(text.get(m.span.clone()).is_some(), "span {:?} of {:?}", m.span, text);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for text in [
            "",
            "1.",
            "1.1.",
            "utgangen av",
            "fra 2020 til",
            "2019-",
            "4-",
            "é1.ø",
            "\u{ad}2020\u{ad}",
        ] {
            let _ = find(text);
        }
    }
}
