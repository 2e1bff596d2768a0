//! Raw source slice → words and sentences with byte offsets, for the phrase recognisers.
//!
//! The recognisers match on words but must report spans into the raw text,
//! so every word keeps the offsets of its letters (punctuation around it
//! excluded) relative to the slice it was cut from.

use std::borrow::Cow;
use std::ops::Range;

use crate::swar::{self, ONES};
use crate::text;

/// `s.to_lowercase()`, borrowing `s` when lowercasing would not change it (most words
/// of running text), so that matching a word in lower case allocates only for capitals.
///
/// ```
/// use avtale::extract::words::lowercase;
/// assert!(matches!(lowercase("på"), std::borrow::Cow::Borrowed("på")));
/// assert_eq!(lowercase("Ærlig KS"), "ærlig ks");
/// for c in '\u{80}'..='\u{ff}' {
///     let s = c.to_string();
///     let borrowed = matches!(lowercase(&s), std::borrow::Cow::Borrowed(_));
///     assert_eq!(borrowed, s.to_lowercase() == s, "{c:?}");
/// }
/// ```
pub fn lowercase(s: &str) -> Cow<'_, str> {
    // Most words are ASCII without capitals: a test of a few bytes at a time decides them.
    let bytes = s.as_bytes();
    if !has_capital_or_non_ascii(bytes) {
        return Cow::Borrowed(s);
    }
    let plain = bytes
        .iter()
        .position(|&b| !b.is_ascii() || b.is_ascii_uppercase())
        .unwrap_or(bytes.len());
    let Some(&first) = bytes.get(plain) else {
        return Cow::Borrowed(s);
    };
    if first.is_ascii() {
        // An ASCII capital: the string changes. For ASCII text `to_lowercase` is the ASCII mapping.
        return Cow::Owned(if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            text::lowercase(s)
        });
    }
    // A character maps to itself alone, or the string changes (`Σ` never does: its
    // lowercase is `σ` or `ς`, so the context rule of `to_lowercase` is kept).
    let unchanged = s.get(plain..).unwrap_or("").chars().all(|c| {
        if c.is_ascii() {
            return !c.is_ascii_uppercase();
        }
        // Latin-1 (æ, ø, å, é): only the capitals À–Þ (bar ×) change.
        if c <= '\u{ff}' {
            return !text::is_latin1_capital(c);
        }
        text::lowercases_to_itself(c)
    });
    if unchanged {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(text::lowercase(s))
    }
}

/// Whether `bytes` hold a byte outside ASCII or an ASCII capital (`A`–`Z`), tested four or
/// eight bytes at a time (a word is read in two overlapping loads).
fn has_capital_or_non_ascii(bytes: &[u8]) -> bool {
    /// The test on eight bytes: bit 7 of a byte is set when the byte is outside ASCII, or
    /// when adding `0x3f` sets it (the byte is at least `A`) and adding `0x25` does not (it
    /// is at most `Z`). An addition carries into the next byte only from a byte outside
    /// ASCII, which makes the answer yes anyway.
    fn flagged(x: u64) -> bool {
        let at_least_a = x.wrapping_add(0x3f * ONES);
        let above_z = x.wrapping_add(0x25 * ONES);
        (x | (at_least_a & !above_z)) & (0x80 * ONES) != 0
    }
    let word = |at: usize| swar::load(bytes, at).unwrap_or(0);
    let half = |at: usize| -> u64 {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    match bytes.len() {
        0..4 => bytes
            .iter()
            .any(|&b| !b.is_ascii() || b.is_ascii_uppercase()),
        n @ 4..8 => flagged(half(0) | (half(n - 4) << 32)),
        n => (0..n - 8).step_by(8).any(|at| flagged(word(at))) || flagged(word(n - 8)),
    }
}

/// A word of running text: letters, digits and inner hyphens/dots, with its offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word without surrounding punctuation (`hjemme-reformen`, `St.15`).
    pub text: &'a str,
    /// Byte offset of the word's first byte in the slice.
    pub start: usize,
    /// Byte offset one past the word's last byte in the slice.
    pub end: usize,
    /// The punctuation directly after the word (`.`, `,`, `:`), or `None`.
    pub punct: Option<char>,
    /// Whether the word starts a sentence (first word, or after `.`, `!`, `?`, or `:` before a capital).
    pub sentence_start: bool,
}

impl Word<'_> {
    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word is written in capitals only (`KS`, `BLD`), digits allowed.
    pub fn is_all_caps(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    /// The word in lower case.
    pub fn lower(&self) -> String {
        text::lowercase(self.text)
    }

    /// Whether a clause ends after this word (any punctuation but a hyphen).
    pub fn ends_clause(&self) -> bool {
        self.punct.is_some()
    }
}

/// Characters stripped from the edges of a word.
fn is_edge_punct(c: char) -> bool {
    !(c.is_alphanumeric() || c == '-' || c == '\u{ad}')
}

/// Whether a token begins and ends with an ASCII letter or digit or a Latin-1 letter
/// (`æ`, `Ø`, `å`, `é`), and so is its own core: no punctuation to trim at either edge (most
/// words of running text, `på` and `Østlandet` among them). Told by the bytes, without
/// decoding a character.
pub(crate) fn is_plain(token: &str) -> bool {
    let opens = match token.as_bytes() {
        [first, ..] if first.is_ascii_alphanumeric() => true,
        [0xc3, second, ..] => is_latin1_letter_tail(*second),
        _ => false,
    };
    let closes = match token.as_bytes() {
        [.., last] if last.is_ascii_alphanumeric() => true,
        [.., 0xc3, last] => is_latin1_letter_tail(*last),
        _ => false,
    };
    opens && closes
}

/// A token that is a plain word (see [`is_plain`]) and one ASCII mark the edge trims strip
/// (`avtalen.`, `KS,`, `2020)`): the word and the mark. Told without the trims.
fn plain_and_mark(token: &str) -> Option<(&str, &str)> {
    let (&last, _) = token.as_bytes().split_last()?;
    if !last.is_ascii() || !is_edge_punct(char::from(last)) {
        return None;
    }
    let cut = token.len() - 1;
    let word = token.get(..cut)?;
    is_plain(word).then(|| (word, token.get(cut..).unwrap_or("")))
}

/// Whether the continuation byte after a lead byte `C3` (the characters U+00C0–U+00FF)
/// makes a letter: all of them but `×` (`C3 97`) and `÷` (`C3 B7`).
pub(crate) fn is_latin1_letter_tail(byte: u8) -> bool {
    byte != 0x97 && byte != 0xb7
}

/// `s.trim_start_matches(strip)`, with ASCII characters decided by the byte: only
/// from the first non-ASCII character on are characters decoded.
pub(crate) fn trim_start_by(s: &str, strip: impl Fn(char) -> bool) -> &str {
    let ascii = s
        .bytes()
        .take_while(|&b| b.is_ascii() && strip(char::from(b)))
        .count();
    let rest = s.get(ascii..).unwrap_or("");
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest.trim_start_matches(strip)
    } else {
        rest
    }
}

/// `s.trim_end_matches(strip)`, with ASCII characters decided by the byte: only
/// from the last non-ASCII character back are characters decoded.
pub(crate) fn trim_end_by(s: &str, strip: impl Fn(char) -> bool) -> &str {
    // A plain loop: the runs are short, and `rev().take_while().count()` is compiled into a
    // call per use.
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while let Some(&b) = end.checked_sub(1).and_then(|last| bytes.get(last))
        && b.is_ascii()
        && strip(char::from(b))
    {
        end -= 1;
    }
    let rest = s.get(..end).unwrap_or("");
    if rest.as_bytes().last().is_some_and(|b| !b.is_ascii()) {
        rest.trim_end_matches(strip)
    } else {
        rest
    }
}

/// Splits a raw slice into words, keeping offsets.
///
/// ```
/// use avtale::extract::words::words;
/// let w = words("I Bo trygt hjemme-reformen, sier hun.");
/// assert_eq!(w.iter().map(|w| w.text).collect::<Vec<_>>(), ["I", "Bo", "trygt", "hjemme-reformen", "sier", "hun"]);
/// assert_eq!(w[3].punct, Some(','));
/// assert!(w[0].sentence_start && !w[1].sentence_start);
/// ```
pub fn words(raw: &str) -> Vec<Word<'_>> {
    // Room for the words up front: with its space, a word of running text averages over six bytes.
    let mut out: Vec<Word<'_>> = Vec::with_capacity(raw.len() / 5 + 1);
    let mut sentence_start = true;
    for (start, token) in split_space(raw) {
        // Most tokens are plain words: nothing to trim.
        let (lead, trimmed, tail) = if is_plain(token) {
            (0, token, "")
        } else if let Some((word, mark)) = plain_and_mark(token) {
            (0, word, mark)
        } else {
            let core = trim_start_by(token, is_edge_punct);
            let trimmed = trim_end_by(core, is_edge_punct);
            if trimmed.is_empty() {
                // A lone dash or bullet: it separates, and a lone sentence mark ends a sentence.
                if token.contains(['.', '!', '?']) {
                    sentence_start = true;
                }
                if let Some(last) = out.last_mut() {
                    last.punct = last
                        .punct
                        .or_else(|| token.chars().find(|&c| c != '-' && c != '–'));
                }
                continue;
            }
            (token.len() - core.len(), trimmed, &core[trimmed.len()..])
        };
        let punct = tail
            .chars()
            .find(|&c| !matches!(c, ')' | '»' | '"' | '*' | '_'));
        let w_start = start + lead;
        // A colon introduces what follows ("områder som: mat og måltider, ..."); only a
        // capital after it opens a new sentence.
        let after_colon = out.last().is_some_and(|w| w.punct == Some(':'));
        if after_colon && trimmed.chars().next().is_some_and(char::is_lowercase) {
            sentence_start = false;
        }
        out.push(Word {
            text: trimmed,
            start: w_start,
            end: w_start + trimmed.len(),
            punct,
            sentence_start,
        });
        // "3. oktober", "1.9. 2006": a dot after a day or month number is part of the date.
        // A year or a longer number ("i 2009. Arbeidet ...") does end the sentence.
        let ends_number = || {
            let trailing_digits = trimmed
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count();
            (1..=2).contains(&trailing_digits) && tail.starts_with('.')
        };
        sentence_start = matches!(punct, Some('.' | '!' | '?' | ':'))
            && !ends_number()
            && !is_abbreviation(trimmed);
    }
    out
}

/// The word [`words`] cuts from the white-space token holding the bytes `at..to` of `raw`
/// (a stretch without white space), as `(start, text)`, and the byte offset where that token
/// ends; the word is `None` when the token is punctuation only. Lets a caller that found a
/// literal in `raw` read the word around it without splitting all of `raw` into words.
///
/// ```
/// use avtale::extract::words::{word_around, words};
/// let raw = "i «Bo trygt hjemme-reformen», og";
/// let at = raw.find("reform").unwrap();
/// let (word, token_end) = word_around(raw, at, at + 6);
/// let w = words(raw)[3];
/// assert_eq!(word, Some((w.start, w.text)));
/// assert_eq!(&raw[token_end..], " og");
/// ```
pub fn word_around(raw: &str, at: usize, to: usize) -> (Option<(usize, &str)>, usize) {
    let token_start = token_start(raw, at);
    let token_end = token_end(raw, to);
    let token = raw.get(token_start..token_end).unwrap_or("");
    let core = trim_start_by(token, is_edge_punct);
    let trimmed = trim_end_by(core, is_edge_punct);
    let start = token_start + token.len() - core.len();
    ((!trimmed.is_empty()).then_some((start, trimmed)), token_end)
}

/// The last word [`words`] cuts from `raw` before the white-space token holding byte `at`
/// (`None` when there is none): the word before a word starting at `at`.
///
/// ```
/// use avtale::extract::words::{word_before, words};
/// let raw = "Regjeringen og KS – «vil";
/// let at = raw.find("vil").unwrap();
/// assert_eq!(word_before(raw, at), Some("KS"));
/// let w = words(raw);
/// assert_eq!(w[w.len() - 2].text, "KS");
/// assert_eq!(word_before(raw, 0), None);
/// ```
pub fn word_before(raw: &str, at: usize) -> Option<&str> {
    raw.get(..at)?;
    // The tokens before the one holding `at` are read back, each found by a scan back over
    // the white space before it and then over its own bytes (proptest
    // `the_word_before_is_the_last_word_of_the_tokens_before`).
    let mut end = token_start(raw, at);
    while end > 0 {
        let token_end = spaces_start(raw, end);
        let start = token_start(raw, token_end);
        let token = raw.get(start..token_end)?;
        let word = trim_end_by(trim_start_by(token, is_edge_punct), is_edge_punct);
        if !word.is_empty() {
            return Some(word);
        }
        end = start;
    }
    None
}

/// Abbreviations whose dot does not end a sentence (`bl.a.`, `f.eks.`, `nr.`, `St.`).
fn is_abbreviation(word: &str) -> bool {
    matches!(
        lowercase(word).as_ref(),
        "bl.a"
            | "f.eks"
            | "nr"
            | "st"
            | "meld"
            | "prop"
            | "jf"
            | "dvs"
            | "mv"
            | "ca"
            | "pkt"
            | "kap"
            | "bl"
            | "a"
            | "ot.prp"
            | "st.meld"
    )
}

/// Splits at white space (NBSP included), yielding each token with its offset.
fn split_space(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = skip_spaces(raw, at);
        at = token_end(raw, start);
        (at > start).then(|| (start, raw.get(start..at).unwrap_or("")))
    })
}

/// Whether an ASCII byte is white space: `char::is_whitespace` on ASCII is tab, line
/// feed, vertical tab, form feed, carriage return and space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The offset of the first character from byte `at` on that is not white space; the end of
/// `raw` when there is none. ASCII is decided by the byte, without decoding.
fn skip_spaces(raw: &str, mut at: usize) -> usize {
    let bytes = raw.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            if !is_ascii_space(b) {
                break;
            }
            at += 1;
        } else {
            match raw.get(at..).and_then(|r| r.chars().next()) {
                Some(c) if crate::text::is_space(c) => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at.min(raw.len())
}

/// The offset where the run of white space ending at byte `at` starts (`at` when the
/// character before it is no white space; 0 when the run reaches the start of `raw`, or `at`
/// is past the end or inside a character).
fn spaces_start(raw: &str, at: usize) -> usize {
    run_start::<true>(raw, at)
}

/// The offset of the first white-space character from byte `at` on; the end of `raw` when
/// there is none. Printable ASCII is passed over eight bytes at a time, and only the
/// characters outside ASCII are decoded.
#[inline]
fn token_end(raw: &str, mut at: usize) -> usize {
    let bytes = raw.as_bytes();
    loop {
        at += plain_ascii_prefix(bytes, at);
        let Some(&b) = bytes.get(at) else {
            return raw.len();
        };
        if b.is_ascii() {
            if is_ascii_space(b) {
                return at;
            }
            at += 1;
        } else {
            match raw.get(at..).and_then(|r| r.chars().next()) {
                Some(c) if crate::text::is_space(c) => return at,
                Some(c) => at += c.len_utf8(),
                None => return raw.len(),
            }
        }
    }
}

/// The offset after the last white-space character before byte `at` (0 when there is none,
/// or `at` is past the end or inside a character): where the token holding `at` starts.
fn token_start(raw: &str, at: usize) -> usize {
    run_start::<false>(raw, at)
}

/// Where the run of characters ending at byte `at` that are all white space (`SPACES`) or
/// all not starts: 0 when the run reaches the start of `raw`, or `at` is past the end or
/// inside a character. ASCII is decided by the byte, and only the characters outside ASCII
/// are decoded. (A constant parameter: each scan is compiled with its own test.)
fn run_start<const SPACES: bool>(raw: &str, mut at: usize) -> usize {
    let bytes = raw.as_bytes();
    if at > raw.len() {
        return 0;
    }
    while let Some(&b) = at.checked_sub(1).and_then(|i| bytes.get(i)) {
        let (space, len) = if b.is_ascii() {
            (is_ascii_space(b), 1)
        } else {
            match raw.get(..at).and_then(|head| head.chars().next_back()) {
                Some(c) => (crate::text::is_space(c), c.len_utf8()),
                None => return 0,
            }
        };
        if space != SPACES {
            return at;
        }
        at -= len;
    }
    0
}

/// How many of the eight bytes from `at` on are printable ASCII other than space
/// (`!`–`DEL`), counted up to the first byte that is not; 0 when fewer than eight are left.
fn plain_ascii_prefix(bytes: &[u8], at: usize) -> usize {
    let Some(x) = swar::load(bytes, at) else {
        return 0;
    };
    (swar::unprintable(x).trailing_zeros() / 8) as usize
}

/// Splits a raw slice into sentences, as `(start, end)` byte ranges trimmed of white space.
///
/// ```
/// use avtale::extract::words::sentences;
/// let raw = "KS vil bidra, bl.a. med kurs. Regjeringen vil i 2020 følge opp.";
/// let s: Vec<&str> = sentences(raw).into_iter().map(|(a, b)| &raw[a..b]).collect();
/// assert_eq!(s, ["KS vil bidra, bl.a. med kurs.", "Regjeringen vil i 2020 følge opp."]);
/// ```
pub fn sentences(raw: &str) -> Vec<(usize, usize)> {
    sentence_words(raw, &words(raw))
        .into_iter()
        .map(|(start, end, _)| (start, end))
        .collect()
}

/// The sentences of `raw` as [`sentences`] cuts them, given the [`words`] of `raw`, each
/// with the range of `ws` it holds: a caller that has the words need not cut them again.
///
/// The words [`words`] cuts from a sentence's own slice are those of its range, with the same
/// text, offsets shifted by the sentence start and the same `punct` but for the last word
/// (a dash or quote after the sentence's end is no longer seen); only the first word's
/// `sentence_start` may differ.
pub fn sentence_words(raw: &str, ws: &[Word<'_>]) -> Vec<(usize, usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (i, w) in ws.iter().enumerate() {
        if w.sentence_start || start.is_none() {
            if let (Some((s, first)), Some(prev)) =
                (start, i.checked_sub(1).and_then(|p| ws.get(p)))
            {
                out.push((s, sentence_end(raw, prev.end), first..i));
            }
            start = Some((sentence_begin(raw, w.start), i));
        }
    }
    if let (Some((s, first)), Some(last)) = (start, ws.last()) {
        out.push((s, sentence_end(raw, last.end), first..ws.len()));
    }
    out
}

/// Moves a sentence start back over an opening quote mark or emphasis marker.
fn sentence_begin(raw: &str, at: usize) -> usize {
    let before = raw.get(..at).unwrap_or("");
    let marks = before.len() - before.trim_end_matches(['«', '"', '*', '_', '(']).len();
    at - marks
}

/// Moves a sentence end forward over its closing punctuation.
fn sentence_end(raw: &str, at: usize) -> usize {
    let after = raw.get(at..).unwrap_or("");
    let len = after.len()
        - after
            .trim_start_matches(|c: char| !c.is_alphanumeric() && !crate::text::is_space(c))
            .len();
    // Do not swallow an opening mark of the next sentence or a dash of a new line item.
    let tail = &after[..len];
    let keep = tail.find(['«', '–', '-']).unwrap_or(len);
    at + keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_abbreviations_do_not_end_sentences() {
        let ws = words("fra 3. oktober 2001 og Meld. St. 15 (2017-2018) Leve");
        assert!(ws.iter().all(|w| !w.sentence_start || w.text == "fra"));
    }

    #[test]
    fn a_year_at_the_end_of_a_sentence_ends_it() {
        let raw = "innen utgangen av 2020. Regjeringen vil innrette sin styring. KS vil bidra.";
        let s: Vec<&str> = sentences(raw)
            .into_iter()
            .map(|(a, b)| &raw[a..b])
            .collect();
        assert_eq!(
            s,
            [
                "innen utgangen av 2020.",
                "Regjeringen vil innrette sin styring.",
                "KS vil bidra."
            ]
        );
    }

    #[test]
    fn a_colon_before_a_lower_case_word_does_not_end_the_sentence() {
        let raw =
            "Partene vil bidra på områder som: mat og måltider. Avtalen skal bidra: Det er bra.";
        let s: Vec<&str> = sentences(raw)
            .into_iter()
            .map(|(a, b)| &raw[a..b])
            .collect();
        assert_eq!(
            s,
            [
                "Partene vil bidra på områder som: mat og måltider.",
                "Avtalen skal bidra:",
                "Det er bra."
            ]
        );
    }

    #[test]
    fn a_plain_token_is_its_own_core() {
        for c in (' '..='\u{17f}').chain(['«', '»', '–', '”', '\u{ad}', '\u{2013}']) {
            for token in [
                format!("{c}"),
                format!("{c}ab"),
                format!("ab{c}"),
                format!("{c}a{c}"),
            ] {
                let core = trim_end_by(trim_start_by(&token, is_edge_punct), is_edge_punct);
                if is_plain(&token) {
                    assert_eq!(core, token, "{c:?}");
                }
                let latin1_letter = ('\u{c0}'..='\u{ff}').contains(&c) && c.is_alphabetic();
                if c.is_ascii_alphanumeric() || latin1_letter {
                    assert!(is_plain(&token), "{c:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn a_word_and_a_mark_are_cut_as_the_trims_cut_them(token in "[a-zæøÅ0-9«»().,:;!?\"*_×-]{1,5}") {
            if let Some((word, mark)) = plain_and_mark(&token) {
                let core = trim_start_by(&token, is_edge_punct);
                proptest::prop_assert_eq!(core, token.as_str());
                let trimmed = trim_end_by(core, is_edge_punct);
                proptest::prop_assert_eq!((word, mark), (trimmed, &core[trimmed.len()..]));
            }
        }
    }

    #[test]
    fn byte_trims_match_the_std_trims() {
        let edge = |c: char| !c.is_alphanumeric() && c != '-';
        for s in [
            "",
            "«KS»,",
            "..æ..",
            "ø",
            "(Ærlig)!",
            "--",
            "a\u{ad}.",
            "»”x”«",
            "€1€",
        ] {
            assert_eq!(trim_start_by(s, edge), s.trim_start_matches(edge), "{s:?}");
            assert_eq!(trim_end_by(s, edge), s.trim_end_matches(edge), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_trims_match_the_std_trims_on_any_text(s in "[a-z0-9 .,()«»æÆ\u{a0}\u{ad}\u{2013}-]{0,24}") {
            for strip in [char::is_alphanumeric, |c: char| !c.is_alphanumeric()] {
                proptest::prop_assert_eq!(trim_start_by(&s, strip), s.trim_start_matches(strip));
                proptest::prop_assert_eq!(trim_end_by(&s, strip), s.trim_end_matches(strip));
            }
        }
    }

    #[test]
    fn the_byte_test_sees_every_byte_at_every_place() {
        for b in 0..=u8::MAX {
            for len in 1..=17 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = !b.is_ascii() || b.is_ascii_uppercase();
                    assert_eq!(has_capital_or_non_ascii(&bytes), expected, "{b} {len} {at}");
                }
            }
        }
    }

    #[test]
    fn the_plain_prefix_stops_at_the_first_other_byte() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                let plain = (b'!'..0x80).contains(&b);
                let expected = if plain { 8 } else { at };
                assert_eq!(plain_ascii_prefix(&bytes, 0), expected, "{b} {at}");
            }
        }
        assert_eq!(
            plain_ascii_prefix(b"abcdefg", 0),
            0,
            "fewer than eight bytes"
        );
    }

    #[test]
    fn ascii_spaces_are_the_whitespace_of_char() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let at = skip_spaces(&c.to_string(), 0);
            assert_eq!(at == 1, crate::text::is_space(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_test_finds_capitals_and_non_ascii(s in "[\\x00-\\x7f]{0,20}|\\PC{0,12}") {
            let slow = s.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase());
            proptest::prop_assert_eq!(has_capital_or_non_ascii(s.as_bytes()), slow, "{:?}", s);
        }

        #[test]
        fn lowercase_is_to_lowercase(s in "\\PC{0,12}|[a-zA-ZæøåÆØÅΣσ. -]{0,12}") {
            let lower = lowercase(&s);
            proptest::prop_assert_eq!(lower.as_ref(), s.to_lowercase());
        }

        #[test]
        fn a_sentence_cut_alone_has_the_words_of_its_range(
            raw in "([A-Za-zæøÆ0-9]{1,6}|[.,:;!?«»\"()–-]{1,2}|\u{a0}| {1,2}|\n){0,40}",
        ) {
            // The sentence, and each clause from one of its words to its end (obligations).
            let ws = words(&raw);
            for (start, end, range) in sentence_words(&raw, &ws) {
                let tails = range.clone().map(|k| (ws[k].start, k));
                for (from, first) in std::iter::once((start, range.start)).chain(tails) {
                    let own = words(&raw[from..end]);
                    let shared = &ws[first..range.end];
                    proptest::prop_assert_eq!(own.len(), shared.len(), "{:?}", raw);
                    for (k, (a, b)) in own.iter().zip(shared).enumerate() {
                        proptest::prop_assert_eq!(a.text, b.text, "{:?}", raw);
                        proptest::prop_assert_eq!(from + a.start, b.start, "{:?}", raw);
                        if k + 1 < own.len() {
                            proptest::prop_assert_eq!(a.punct, b.punct, "{:?}", raw);
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_bounded_by_white_space(
            raw in "([a-zæ.«]{1,3}|\u{a0}|\u{2003}| |\n|\u{b}){0,12}",
            at in 0usize..40,
        ) {
            let at = (0..=at.min(raw.len())).rev().find(|&i| raw.is_char_boundary(i)).unwrap_or(0);
            let start = raw[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| crate::text::is_space(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            proptest::prop_assert_eq!(token_start(&raw, at), start, "{:?} {}", raw, at);
            let end = at + raw[at..].find(crate::text::is_space).unwrap_or(raw.len() - at);
            proptest::prop_assert_eq!(token_end(&raw, at), end, "{:?} {}", raw, at);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_before_is_the_last_word_of_the_tokens_before(
            raw in "([a-zæ.,«»–]{1,3}|\u{a0}|\u{2003}| |\n|\u{b}){0,12}",
            at in 0usize..40,
        ) {
            let plain = raw.get(..at).and_then(|head| {
                head.get(..token_start(&raw, at))?
                    .split(crate::text::is_space)
                    .rev()
                    .map(|token| trim_end_by(trim_start_by(token, is_edge_punct), is_edge_punct))
                    .find(|word| !word.is_empty())
            });
            proptest::prop_assert_eq!(word_before(&raw, at), plain, "{:?} {}", raw, at);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for s in ["", " ", "– ", "...", "«»", "a\u{a0}b", "æ.ø", "(pdf)"] {
            let _ = words(s);
            let _ = sentences(s);
        }
    }
}
