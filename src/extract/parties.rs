//! Text and signatories → the parties of the agreement(s) the text is about.
//!
//! A body named somewhere in a text is not yet a party: agreements mention
//! directorates, the county governor and health trusts that only help. A
//! body becomes a party through a *cue*, a construction that says who made
//! the agreement:
//!
//! | cue | example |
//! |---|---|
//! | `mellom` after an agreement noun, or opening a line | `Avtale mellom regjeringen og KS om ...`, `mellom KS, ... og Kommunal- og distriktsdepartementet (2022-2025)` |
//! | `med` after an agreement noun | `Ny samarbeidsavtale med KS` |
//! | `av` after a signing participle | `Samfunnskontrakten er undertegnet av Kunnskapsdepartementet, ..., YS og KS.` |
//! | `representert ved`, `ved`, `v/` | `staten, representert ved ...`, `regjeringen ved Helse- og omsorgsdepartementet, ...` |
//! | a subject list before a signing verb | `Det er ... og KS som har signert samarbeidsavtalen.` |
//! | a signing verb before its subjects | `Nå inngår KS og staten en avtale` |
//! | `Partene ... er` | `Partene i denne avtalen er KS og Kunnskapsdepartementet.` |
//! | `heretter kalt partene` | `... mellom regjeringen og kommunesektoren, representert ved KS, heretter kalt partene.` |
//! | signatories | `Leder KS Gunn Marit Helgesen` |
//!
//! A weaker cue, a pair of bodies as the subject of a finite verb (`BLD og KS
//! er enige om`, `Kommunal- og moderniseringsdepartementet og KS skal`), adds
//! the other body only when one of the two is already a party, so that the
//! helpers named in an agreement's body (`Helsedirektoratet og fylkesmannen
//! vil ...`) stay out.
//!
//! Who represents whom: in `X, representert ved Y` the representatives `Y`
//! are the parties and `X` (`staten`, `kommunesektoren`) is the role they
//! sign in; `X` becomes a party only when another cue names it. When the
//! government is a party, the ministries acting for it are its `represented_by`.
//!
//! Persons are never parties by themselves: `Helse- og omsorgsminister Bent
//! Høie og styreleder i KS ... undertegnet` yields KS (named) but not the
//! minister's side; a minister in a signature yields the government.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;
use std::sync::LazyLock;

use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::bodies::{self, Body, Form, Spelling};
use crate::lexicon::titles::{self, WordClass};
use crate::lexicon::word_table::WordTable;
use crate::model::{Document, Party, PartyKind, Signatory};
use crate::span::{LineIndex, Span};
use crate::swar::{self, ONES};
use crate::text::{is_space, normalize, slugify};

use super::Context;
use super::signatories;
use super::words::{is_latin1_letter_tail, lowercase, trim_end_by, trim_start_by};

/// A word of the text: its lowercase form, where its core (the word without the
/// punctuation around it) lies, and what surrounds it.
///
/// Tokens are made for every word of every document, so a token owns nothing: its
/// lowercase form borrows the text (most words have no capitals), the text lowercased in
/// ASCII or a buffer of the few forms outside ASCII; its core, read less often, is found
/// in the text by its offsets (see [`Cores`]), and the punctuation after it is kept as the
/// few facts the readers ask about. Offsets fit in `u32`: see [`TOKENIZED_LEN`].
#[derive(Debug, Clone)]
pub(crate) struct Token<'t> {
    /// The core, lowercased.
    lower: &'t str,
    /// Byte offset of the core in the document.
    start: u32,
    /// Byte offset one past the core.
    end: u32,
    /// What the core, the punctuation after it and the white space before it are like
    /// ([`Token::ENDS_SENTENCE`], ..., [`Token::PARA_START`]).
    marks: u8,
}

/// What the cores of a text's tokens are read through: the text they were cut from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cores<'t> {
    /// The text the tokens were cut from, `base` bytes into the document.
    text: &'t str,
    /// The offset of `text` in the document (the tokens' offsets are the document's).
    base: usize,
}

/// The buffers [`tokenize`] writes the lowercase forms of a text to, for its tokens to
/// borrow.
#[derive(Debug, Default)]
pub(crate) struct Lowered {
    /// The text lowercased in ASCII: the lowercase form of a word whose only capitals are
    /// ASCII lies in it at the word's own offset.
    ascii: String,
    /// The lowercase forms of words with capitals outside ASCII.
    other: String,
}

impl<'t> Token<'t> {
    /// The word without surrounding punctuation ("Helse-", "KS", "v/").
    pub fn core(&self, cores: Cores<'t>) -> &'t str {
        let at = |offset: u32| (offset as usize).wrapping_sub(cores.base);
        cores.text.get(at(self.start)..at(self.end)).unwrap_or("")
    }

    /// The core, lowercased.
    pub fn lower(&self) -> &'t str {
        self.lower
    }

    /// Byte offset of the core in the text.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset one past the core.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Whether the token opens a line.
    pub fn line_start(&self) -> bool {
        self.marks & Self::LINE_START != 0
    }

    /// Whether a blank line precedes the token (a new paragraph).
    pub fn para_start(&self) -> bool {
        self.marks & Self::PARA_START != 0
    }

    /// `.`, `:`, `!` or `?` in the punctuation after the core.
    const ENDS_SENTENCE: u8 = 1;
    /// `,` in the punctuation after the core.
    const COMMA: u8 = 1 << 1;
    /// The punctuation after the core starts with `:`.
    const COLON_FIRST: u8 = 1 << 2;
    /// The punctuation after the core starts with `)`.
    const BRACKET_FIRST: u8 = 1 << 3;
    /// The core starts with an upper-case letter.
    const CAPITALISED: u8 = 1 << 4;
    /// The core holds an ASCII digit.
    const DIGIT: u8 = 1 << 5;
    /// The token opens a line.
    const LINE_START: u8 = 1 << 6;
    /// A blank line precedes the token (a new paragraph).
    const PARA_START: u8 = 1 << 7;

    /// Whether the token ends a sentence or a clause that introduces something (`.`, `:`, `!`, `?`).
    pub fn ends_sentence(&self) -> bool {
        self.marks & Self::ENDS_SENTENCE != 0
    }

    /// Whether a comma follows the token.
    pub fn has_comma(&self) -> bool {
        self.marks & Self::COMMA != 0
    }

    /// Whether a colon directly follows the core (`Navn:`).
    pub fn colon_after(&self) -> bool {
        self.marks & Self::COLON_FIRST != 0
    }

    /// Whether a closing bracket directly follows the core (`(HOD)`).
    pub fn bracket_after(&self) -> bool {
        self.marks & Self::BRACKET_FIRST != 0
    }

    /// Whether the core starts with an upper-case letter.
    pub fn capitalised(&self) -> bool {
        self.marks & Self::CAPITALISED != 0
    }

    /// Whether the token holds a digit (years, dates, counters).
    pub fn has_digit(&self) -> bool {
        self.marks & Self::DIGIT != 0
    }

    /// Whether the core ends in a hyphen, as the first part of a compound does ("Helse-").
    pub fn compound_part(&self) -> bool {
        // Read from the lowercase form, which ends in a hyphen exactly when the core does:
        // no character but the hyphen lowercases to one (a unit test checks them all).
        self.lower.as_bytes().last() == Some(&b'-')
    }
}

/// How far into a document words are tokenized: token offsets are `u32`. Far beyond any
/// text this crate reads (64 MiB by default).
const TOKENIZED_LEN: usize = u32::MAX as usize;

/// Splits `text` into tokens with the document's offsets (`base` is the offset of `text`
/// in the document), up to [`TOKENIZED_LEN`] bytes into the document. `v/` ("ved") glued
/// to the next word becomes a token of its own. The lowercase forms that differ from
/// their words are written to `lowered`, which the tokens borrow; their cores are read
/// through the [`Cores`] returned with them.
pub(crate) fn tokenize<'t>(
    text: &'t str,
    base: usize,
    lowered: &'t mut Lowered,
) -> (Vec<Token<'t>>, Cores<'t>) {
    let mut len = text.len().min(TOKENIZED_LEN.saturating_sub(base));
    while !text.is_char_boundary(len) {
        len -= 1;
    }
    let text = text.get(..len).unwrap_or("");
    let Lowered { ascii, other } = lowered;
    // The text lowercased in ASCII, in one pass: the lowercase forms of ASCII words with
    // capitals are read from it at their own offsets, not copied one by one.
    ascii.clear();
    ascii.push_str(text);
    ascii.make_ascii_lowercase();
    other.clear();
    let mut cut = Cut {
        text,
        base,
        tokens: Vec::with_capacity(text.len() / 6),
        ascii,
        other,
        recased: Vec::new(),
    };
    // Words and the newlines before them: blank lines made only of spaces still count as
    // paragraph breaks, since every '\n' between two words is counted. The first word
    // opens a line and a paragraph, as if two newlines came before it.
    let mut newlines = 2usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        // White space up to the next word.
        while let Some(&b) = bytes.get(i) {
            let facts = BYTE_FACTS[usize::from(b)];
            if facts & ByteFacts::SPACE != 0 {
                i += 1;
            } else if facts & ByteFacts::NEWLINE != 0 {
                newlines += 1;
                i += 1;
            } else if facts & ByteFacts::DECODE != 0
                && let Some(len) = separator_at(text, i)
            {
                i += len;
            } else {
                break;
            }
        }
        if i >= bytes.len() {
            break;
        }
        // The word, up to the next white space, and what its bytes are.
        let s = i;
        // Most words open with a run of printable ASCII: its bytes are read at once.
        let (run, mut seen) = plain_ascii_run(bytes, i).unwrap_or_default();
        i += run;
        while let Some(&b) = bytes.get(i) {
            let facts = BYTE_FACTS[usize::from(b)];
            // One test for the bytes of most words: none ends a word or may.
            if facts & ByteFacts::MAY_END_WORD != 0
                && (facts & ByteFacts::DECODE == 0 || separator_at(text, i).is_some())
            {
                break;
            }
            seen |= facts;
            i += 1;
        }
        let lead = (u8::from(newlines > 0) * Token::LINE_START)
            | (u8::from(newlines > 1) * Token::PARA_START);
        cut.push_word((s, i), seen, lead);
        newlines = 0;
    }
    cut.finish()
}

/// How many of the eight bytes from `at` on are printable ASCII (`!`–DEL), counted up to
/// the first byte that is not, with their [`ByteFacts`] OR-ed; `None` when fewer than
/// eight are left. None of these bytes ends a word.
fn plain_ascii_run(bytes: &[u8], at: usize) -> Option<(usize, u8)> {
    let x = swar::load(bytes, at)?;
    let high = ONES * 0x80;
    let flags = swar::unprintable(x);
    // Bit 7 of each byte before the first flagged one.
    let run = !flags & flags.wrapping_sub(1) & high;
    // Bit 7 of each byte of the run in `lo..=hi`: adding `0x80 - lo` sets it when the
    // byte is at least `lo`, adding `0x7f - hi` when it is above `hi`. Bytes of the run
    // are ASCII: their additions carry into no other byte.
    let within = |lo: u8, hi: u8| {
        let at_least = x.wrapping_add(ONES * u64::from(0x80 - lo));
        let above = x.wrapping_add(ONES * u64::from(0x7f - hi));
        at_least & !above & run
    };
    let lowercase = within(b'a', b'z');
    let mut facts = if lowercase != 0 { ByteFacts::ALNUM } else { 0 };
    // Capitals, digits or punctuation: most runs are lowercase letters only.
    if run & !lowercase != 0 {
        if within(b'A', b'Z') != 0 {
            facts |= ByteFacts::UPPER | ByteFacts::ALNUM;
        }
        if within(b'0', b'9') != 0 {
            facts |= ByteFacts::DIGIT | ByteFacts::ALNUM;
        }
    }
    Some(((flags.trailing_zeros() / 8) as usize, facts))
}

/// What a byte of UTF-8 text is to [`tokenize`], as bits of [`BYTE_FACTS`]: where words
/// end, and what a word's bytes tell about it (OR-ed over the word while it is read).
struct ByteFacts;

impl ByteFacts {
    /// ASCII white space other than a newline.
    const SPACE: u8 = 1;
    /// `\n`.
    const NEWLINE: u8 = 1 << 1;
    /// The first byte of a character that may separate words ([`is_space`] or U+FEFF):
    /// the character is decoded to tell. Every other byte outside ASCII (continuation
    /// bytes, æ, ø, å, «, –) is part of a word.
    const DECODE: u8 = 1 << 2;
    /// An ASCII capital.
    const UPPER: u8 = 1 << 3;
    /// An ASCII digit.
    const DIGIT: u8 = 1 << 4;
    /// A byte outside ASCII.
    const NON_ASCII: u8 = 1 << 5;
    /// A byte outside ASCII that may belong to a character lowercasing changes: any but
    /// the lead bytes C2 and C3 and the continuation bytes of lowercase Latin-1 letters
    /// (C3 9F–BF: ß, æ, ø, å, é, ...) and of × (C3 97). A word without it and without
    /// [`ByteFacts::UPPER`] is its own lowercase form.
    const CASED: u8 = 1 << 6;
    /// An ASCII letter or digit: a word that begins and ends with one is its own core
    /// (as [`super::words::is_plain`] tells).
    const ALNUM: u8 = 1 << 7;
    /// What may end a word: white space, or a character that may be.
    const MAY_END_WORD: u8 = Self::SPACE | Self::NEWLINE | Self::DECODE;
}

/// [`ByteFacts`] by byte. ASCII white space is what `char::is_whitespace` says it is;
/// outside ASCII, U+0085 and U+00A0 start with C2, U+1680 with E1, U+2000–U+205F with
/// E2, U+3000 with E3, U+FEFF with EF (unit tests check both against [`is_space`]).
static BYTE_FACTS: [u8; 256] = {
    let mut facts = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        facts[b] = if byte.is_ascii_uppercase() {
            ByteFacts::UPPER | ByteFacts::ALNUM
        } else if byte.is_ascii_digit() {
            ByteFacts::DIGIT | ByteFacts::ALNUM
        } else if byte.is_ascii_lowercase() {
            ByteFacts::ALNUM
        } else if byte == b'\n' {
            ByteFacts::NEWLINE
        } else if byte.is_ascii_whitespace() || byte == 0x0b {
            ByteFacts::SPACE
        } else if byte == 0xc2 {
            ByteFacts::NON_ASCII | ByteFacts::DECODE
        } else if matches!(byte, 0xe1 | 0xe2 | 0xe3 | 0xef) {
            ByteFacts::NON_ASCII | ByteFacts::DECODE | ByteFacts::CASED
        } else if matches!(byte, 0x97 | 0x9f..=0xbf | 0xc3) {
            ByteFacts::NON_ASCII
        } else if !byte.is_ascii() {
            ByteFacts::NON_ASCII | ByteFacts::CASED
        } else {
            0
        };
        b += 1;
    }
    facts
};

/// The [`ByteFacts`] of `bytes`, OR-ed.
fn facts_of(bytes: &[u8]) -> u8 {
    bytes
        .iter()
        .fold(0, |facts, &b| facts | BYTE_FACTS[usize::from(b)])
}

/// `c.is_alphanumeric()`, with Latin-1 letters (æ, ø, å, é: the edges of many Norwegian
/// words) decided without a search of the Unicode tables.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        // À–ÿ are letters, bar the signs × and ÷.
        '\u{c0}'..='\u{ff}' => c != '\u{d7}' && c != '\u{f7}',
        _ => c.is_alphanumeric(),
    }
}

/// The length of the separator ([`is_space`] or U+FEFF) at byte `i` of `text`, if one is there.
fn separator_at(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    (is_space(c) || c == '\u{feff}').then(|| c.len_utf8())
}

/// The length of a word's core when the word ends in ASCII punctuation after an ASCII
/// character the core keeps (a letter, a digit, `-` or `/`); `None` when a character
/// outside ASCII comes first from the end (it is decoded to tell).
fn ascii_core_len(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let kept = bytes
        .iter()
        .rposition(|&b| !b.is_ascii() || b.is_ascii_alphanumeric() || b == b'-' || b == b'/')?;
    bytes.get(kept)?.is_ascii().then_some(kept + 1)
}

/// Whether `word` ends in a letter of Latin-1 (À–ÿ bar × and ÷: "å", "ø", "é"), a
/// character [`is_alphanumeric`] keeps in a core.
fn ends_in_latin1_letter(word: &str) -> bool {
    matches!(
        word.as_bytes(),
        [.., 0xc3, last] if is_latin1_letter_tail(*last)
    )
}

/// Whether `word` opens with a letter or digit of ASCII or Latin-1 (À–ÿ bar × and ÷), a
/// character [`is_alphanumeric`] keeps in a core, and if so whether it is a capital.
fn opening_letter(word: &str) -> Option<bool> {
    match word.as_bytes() {
        [b, ..] if b.is_ascii_alphanumeric() => Some(b.is_ascii_uppercase()),
        // C3 80–BF is À–ÿ; its capitals are À–Þ (C3 80–9E).
        [0xc3, b, ..] if is_latin1_letter_tail(*b) => Some(*b <= 0x9e),
        _ => None,
    }
}

/// A word's core as [`cut_core`] finds it.
#[derive(Debug, PartialEq, Eq)]
struct Core<'t> {
    /// Byte offset of the core in the word.
    at: usize,
    /// The word without the punctuation around it.
    core: &'t str,
    /// The core's [`ByteFacts`].
    facts: u8,
    /// What the punctuation after the core and its first letter say ([`Token::ENDS_SENTENCE`], ...).
    marks: u8,
}

impl<'t> Core<'t> {
    /// The empty core at the end of a word of punctuation alone.
    fn nothing_kept(word: &'t str) -> Self {
        Core {
            at: word.len(),
            core: word.get(word.len()..).unwrap_or_default(),
            facts: 0,
            marks: 0,
        }
    }

    /// The core `word[..cut]` of a word that opens with a letter or digit (`capital`: a
    /// capital), followed by the ASCII punctuation `word[cut..]`, which adds no facts.
    fn opening_prefix(word: &'t str, cut: usize, capital: bool, facts: u8) -> Option<Self> {
        let (core, trail) = word.split_at_checked(cut)?;
        let capitalised = if capital { Token::CAPITALISED } else { 0 };
        Some(Core {
            at: 0,
            core,
            facts,
            marks: trail_marks(trail) | capitalised,
        })
    }
}

/// The core of a word (`facts`: its [`ByteFacts`]) that has punctuation or a character
/// outside ASCII at an edge: the word without leading non-alphanumerics and without
/// trailing ones bar `-` and `/`, as [`cut_core_by_chars`] cuts it. Only the edges are
/// read, and the common shapes by their bytes.
fn cut_core(word: &str, facts: u8) -> Core<'_> {
    // ASCII punctuation alone ("-", "##", "---"): nothing is kept.
    if facts & (ByteFacts::ALNUM | ByteFacts::NON_ASCII) == 0 {
        return Core::nothing_kept(word);
    }
    // The commonest shape first: an ASCII letter or digit at both ends of the core and one
    // ASCII punctuation mark after it ("ord,", "2020.", "KS)"), as the next case cuts it.
    if let [first, .., before, last] = word.as_bytes()
        && first.is_ascii_alphanumeric()
        && before.is_ascii_alphanumeric()
        && last.is_ascii_punctuation()
        && !matches!(last, b'-' | b'/')
        && let Some(core) =
            Core::opening_prefix(word, word.len() - 1, first.is_ascii_uppercase(), facts)
    {
        return core;
    }
    // Most other such words open with a letter or digit ("ord,", "2020).", "år,", "Østby.")
    // and end in a Latin-1 letter ("på", "også", "år") or in ASCII punctuation after a
    // character the core keeps: cut by their bytes. The punctuation cut off adds no facts
    // (it is ASCII, no letter, digit or white space), so the core has the word's facts.
    if let Some(capital) = opening_letter(word) {
        let cut = if ends_in_latin1_letter(word) {
            Some(word.len())
        } else {
            ascii_core_len(word)
        };
        if let Some(core) = cut.and_then(|cut| Core::opening_prefix(word, cut, capital, facts)) {
            return core;
        }
    }
    // A dash or a bullet alone (list items, ranges: most of the words left here).
    if matches!(word, "–" | "•") {
        return Core::nothing_kept(word);
    }
    cut_core_by_chars(word)
}

/// [`cut_core`] by decoding the characters at the word's edges.
fn cut_core_by_chars(word: &str) -> Core<'_> {
    let body = trim_start_by(word, |c| !is_alphanumeric(c));
    let core = trim_end_by(body, |c| !is_alphanumeric(c) && c != '-' && c != '/');
    let trail = body.get(core.len()..).unwrap_or("");
    let mut marks = trail_marks(trail);
    if core.chars().next().is_some_and(char::is_uppercase) {
        marks |= Token::CAPITALISED;
    }
    Core {
        at: word.len() - body.len(),
        core,
        facts: facts_of(core.as_bytes()),
        marks,
    }
}

/// What the punctuation after a word's core says ([`Token::ENDS_SENTENCE`], ...).
fn trail_marks(trail: &str) -> u8 {
    let mut marks = 0;
    for b in trail.bytes() {
        match b {
            b'.' | b':' | b'!' | b'?' => marks |= Token::ENDS_SENTENCE,
            b',' => marks |= Token::COMMA,
            _ => {}
        }
    }
    match trail.as_bytes().first() {
        Some(b':') => marks |= Token::COLON_FIRST,
        Some(b')') => marks |= Token::BRACKET_FIRST,
        _ => {}
    }
    marks
}

/// The state of [`tokenize`]: the tokens so far and the lowercase forms written for them.
struct Cut<'t> {
    text: &'t str,
    base: usize,
    tokens: Vec<Token<'t>>,
    /// `text` lowercased in ASCII.
    ascii: &'t str,
    /// The lowercase forms of the words with capitals outside ASCII.
    other: &'t mut String,
    /// (token index, start and end of its lowercase form in `other`) of the tokens whose
    /// lowercase form is written to `other`, filled in by [`Cut::finish`].
    recased: Vec<(usize, usize, usize)>,
}

impl<'t> Cut<'t> {
    /// Pushes the tokens of the word `text[s..e]` (`facts`: its [`ByteFacts`]): "v/"
    /// ("ved") glued to the next word ("v/arbeids-") becomes a token of its own. The line
    /// and paragraph marks of the white space before the word (`lead`:
    /// [`Token::LINE_START`], [`Token::PARA_START`]) go to the first.
    fn push_word(&mut self, (s, e): (usize, usize), facts: u8, lead: u8) {
        let bytes = self.text.as_bytes();
        // The slash first: it rules out almost every word in one test.
        let glued_ved = e - s > 2
            && bytes.get(s + 1) == Some(&b'/')
            && bytes.get(s).is_some_and(|b| b.eq_ignore_ascii_case(&b'v'));
        if glued_ved {
            let ved = facts_of(bytes.get(s..s + 2).unwrap_or_default());
            let rest = facts_of(bytes.get(s + 2..e).unwrap_or_default());
            self.push_piece((s, s + 2), ved, lead);
            self.push_piece((s + 2, e), rest, 0);
        } else {
            self.push_piece((s, e), facts, lead);
        }
    }

    /// Pushes the token of `text[s..e]` (`facts`: its [`ByteFacts`]): its core without the
    /// punctuation around it (leading non-alphanumerics; trailing ones bar `-` and `/`).
    // Called for every word: inlined into the tokenizer's loop (a plain `#[inline]` is not
    // followed with several codegen units), the rarer trims kept out of it.
    #[inline(always)]
    fn push_piece(&mut self, (s, e): (usize, usize), facts: u8, lead: u8) {
        let Some(piece) = self.text.get(s..e) else {
            return;
        };
        // Most words are plain, beginning and ending with an ASCII letter or digit: their
        // own core, with the piece's facts.
        let edge = |b: Option<u8>| b.map_or(0, |b| BYTE_FACTS[usize::from(b)]);
        let (first, last) = (edge(piece.bytes().next()), edge(piece.bytes().next_back()));
        if first & last & ByteFacts::ALNUM != 0 {
            let capitalised = first & ByteFacts::UPPER != 0;
            let marks = if capitalised { Token::CAPITALISED } else { 0 };
            self.push_core(s, piece, facts, marks | lead);
        } else {
            self.push_trimmed(s, piece, facts, lead);
        }
    }

    /// [`Cut::push_piece`] for a word with punctuation or a character outside ASCII at an
    /// edge (`piece` at byte `s`; `facts`: its [`ByteFacts`]; `lead`: as for
    /// [`Cut::push_word`]).
    #[inline(never)]
    fn push_trimmed(&mut self, s: usize, piece: &'t str, facts: u8, lead: u8) {
        let cut = cut_core(piece, facts);
        self.push_core(s + cut.at, cut.core, cut.facts, cut.marks | lead);
    }

    /// Pushes the token of `core` at byte `at` of the text (`facts`: its [`ByteFacts`];
    /// `marks`: what the punctuation after it, its first letter and the white space
    /// before it say).
    #[inline(always)]
    fn push_core(&mut self, at: usize, core: &'t str, facts: u8, mut marks: u8) {
        if facts & ByteFacts::DIGIT != 0 {
            marks |= Token::DIGIT;
        }
        let lower = if facts & (ByteFacts::UPPER | ByteFacts::CASED) == 0 {
            // No capitals, in ASCII or Latin-1 ("første", "på"): nothing to change.
            core
        } else if facts & ByteFacts::NON_ASCII == 0 {
            self.ascii.get(at..at + core.len()).unwrap_or("")
        } else {
            self.lowercase(core)
        };
        // Offsets below `TOKENIZED_LEN` fit in `u32`.
        let start = self.base + at;
        self.tokens.push(Token {
            lower,
            start: start as u32,
            end: (start + core.len()) as u32,
            marks,
        });
    }

    /// The lowercase form of a core with characters outside ASCII: the core itself, or
    /// written to `other` and filled in by [`Cut::finish`].
    #[inline(never)]
    fn lowercase(&mut self, core: &'t str) -> &'t str {
        match lowercase(core) {
            Cow::Borrowed(same) => same,
            Cow::Owned(lower) => {
                let from = self.other.len();
                self.other.push_str(&lower);
                let to = self.other.len();
                self.recased.push((self.tokens.len(), from, to));
                ""
            }
        }
    }

    /// The tokens, with the lowercase forms written to `other` filled in, and what their
    /// cores are read through.
    fn finish(self) -> (Vec<Token<'t>>, Cores<'t>) {
        let Cut {
            text,
            base,
            mut tokens,
            other,
            recased,
            ..
        } = self;
        // Nothing is written any more: the buffer can be lent for as long as the text.
        let other: &'t String = other;
        for (k, from, to) in recased {
            if let Some(t) = tokens.get_mut(k) {
                t.lower = other.get(from..to).unwrap_or("");
            }
        }
        (tokens, Cores { text, base })
    }
}

/// Whether words name an organisation, known or not: capitalised, no person's title,
/// and ending in a body noun ("Norges Rederiforbund"), opening with a state or national
/// prefix ("Statens vegvesen"), or a lone acronym ("MEF").
pub(crate) fn looks_like_body<'t>(words: &[Token<'t>], cores: Cores<'t>) -> bool {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if !first.capitalised() {
        return false;
    }
    let acronym = words.len() == 1
        && (2..=6).contains(&first.core(cores).chars().count())
        && first.core(cores).chars().all(char::is_uppercase);
    let prefixed = words.len() >= 2 && titles::BODY_PREFIXES.contains(&first.lower());
    // The shape first: it reads one or two words, the person titles every word.
    let shaped = acronym || prefixed || titles::has_body_head(last.lower());
    shaped && !words.iter().any(|t| titles::is_person_title(t.lower()))
}

/// A body named in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    /// The body, or `None` for a name that looks like a ministry but is not in the registry.
    pub body: Option<&'static Body>,
    /// The name a party gets from this mention.
    pub shown: &'static str,
    /// What kind of name matched.
    pub form: Form,
    /// First token of the mention.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Byte offsets of the mention in the text.
    pub start: usize,
    /// One past the mention's last byte.
    pub end: usize,
}

/// Finds every body the registry knows in `tokens`, longest name first, plus misspelt
/// ministry names (edit distance ≤ 2) and unknown ones (`body: None`).
pub(crate) fn scan_mentions<'t>(tokens: &[Token<'t>], cores: Cores<'t>) -> Vec<Mention> {
    let mut scan = MentionScan::default();
    for (i, t) in tokens.iter().enumerate() {
        scan.step(tokens, cores, i, || bodies::spellings_from(t.lower()));
    }
    scan.found
}

/// A scan for mentions ([`scan_mentions`]), fed the tokens in order: the reader feeds it
/// while it looks every token up in its lexicon, in the same pass.
#[derive(Default)]
struct MentionScan {
    /// The mentions found so far.
    found: Vec<Mention>,
    /// Approximate matching is costly; a text repeats its names, so each is tried once.
    cache: BTreeMap<String, Option<bodies::Resolved>>,
    /// The first token after the mentions found: the first where a mention may start.
    next: usize,
}

impl MentionScan {
    /// Reads token `i` of `tokens` (after tokens `0..i`): the longest registry spelling
    /// among those its word opens (`openings`, asked only where a mention may start), else
    /// a ministry-like name ending there.
    fn step<'t>(
        &mut self,
        tokens: &[Token<'t>],
        cores: Cores<'t>,
        i: usize,
        openings: impl FnOnce() -> Option<&'static [Spelling]>,
    ) {
        if i < self.next {
            return;
        }
        match openings().and_then(|list| exact_at(tokens, cores, i, list)) {
            Some(m) => {
                self.next = m.last;
                self.found.push(m);
            }
            None => {
                if tokens.get(i).is_some_and(may_end_approximate)
                    && let Some(m) = approximate_at(tokens, cores, i, &self.found, &mut self.cache)
                {
                    self.found.push(m);
                }
                self.next = i + 1;
            }
        }
    }
}

/// The longest registry spelling that starts at token `i`, among those of `list` (the
/// spellings its word opens).
fn exact_at<'t>(
    tokens: &[Token<'t>],
    cores: Cores<'t>,
    i: usize,
    list: &'static [Spelling],
) -> Option<Mention> {
    list.iter().find_map(|s| {
        let n = s.words.len();
        let window = tokens.get(i..i + n)?;
        // The first word is the one that opened `list`. (A range of indices: iterator
        // adapters such as `zip` and `skip` are calls of their own unless inlined.)
        let same =
            (1..n).all(|k| window.get(k).map(Token::lower) == s.words.get(k).map(String::as_str));
        // A name never runs across a sentence end or a paragraph break.
        let unbroken = || {
            (1..n).all(|k| {
                window
                    .get(k)
                    .is_some_and(|t| !t.para_start() && !window[k - 1].ends_sentence())
            })
        };
        // Most spellings take any case: the core is cut only for those that do not.
        let cased = || s.accepts_any_case() || s.accepts_case(tokens[i].core(cores));
        (same && unbroken() && cased()).then(|| Mention {
            body: Some(s.body),
            shown: s.shown,
            form: s.form,
            first: i,
            last: i + n,
            start: tokens[i].start(),
            end: window[n - 1].end(),
        })
    })
}

/// Whether token `t` may end a ministry-like name for [`approximate_at`]: it holds a fuzzy
/// stem and does not end in 's' (genitives, "Helse- og omsorgsdepartementets områder",
/// are not names of parties). Asked of nearly every token, so the cheapest tests first
/// (most words are shorter than a stem, end in 's' or hold no stem), kept apart from the
/// rare rest.
#[inline]
fn may_end_approximate(t: &Token<'_>) -> bool {
    let lower = t.lower();
    lower.len() >= bodies::FUZZY_STEM_LEN
        && lower.as_bytes().last() != Some(&b's')
        && bodies::holds_fuzzy_stem(lower)
}

/// A ministry-like name ending at token `i` ("Kommunal- og distriksdepartementet") that
/// no exact spelling matched: resolved approximately, or reported as unknown. The name
/// does not reach back into the mentions `found` before it. Token `i` has passed
/// [`may_end_approximate`].
fn approximate_at<'t>(
    tokens: &[Token<'t>],
    cores: Cores<'t>,
    i: usize,
    found: &[Mention],
    cache: &mut BTreeMap<String, Option<bodies::Resolved>>,
) -> Option<Mention> {
    let t = &tokens[i];
    // "Departementet" alone refers back to a ministry named elsewhere.
    let generic = ["departementet", "departementa", "direktoratet"].contains(&t.lower());
    if generic {
        return None;
    }
    // Walk back over compound parts: "Barne-, likestillings- og inkluderingsdepartementet".
    let mut j = i;
    // A name has a handful of compound parts; the bound keeps odd input linear.
    let floor = found.last().map_or(0, |m| m.last).max(i.saturating_sub(12));
    loop {
        if j >= floor + 2 && tokens[j - 1].lower() == "og" && tokens[j - 2].compound_part() {
            j -= 2;
        } else if j > floor && tokens[j - 1].compound_part() && tokens[j - 1].has_comma() {
            j -= 1;
        } else {
            break;
        }
    }
    if !tokens[j].capitalised() {
        return None;
    }
    let name: Vec<&str> = tokens[j..=i].iter().map(|t| t.core(cores)).collect();
    let name = name.join(" ");
    let resolved = *cache
        .entry(name)
        .or_insert_with_key(|n| bodies::resolve_fuzzy(n));
    Some(Mention {
        body: resolved.map(|r| r.body),
        shown: resolved.map_or("", |r| r.name),
        form: resolved.map_or(Form::Full, |r| r.form),
        first: j,
        last: i + 1,
        start: tokens[j].start(),
        end: t.end(),
    })
}

/// One element of an enumeration ("KS", "regjeringen ved X og Y", "Norges Rederiforbund").
#[derive(Debug, Default)]
struct Item {
    /// Index into the mentions of the body the item names, if any.
    mention: Option<usize>,
    /// Token range of an unknown body's name.
    unknown: Option<(usize, usize)>,
    /// Token range of a capitalised name that is neither known nor shaped like a body's.
    doubtful: Option<(usize, usize)>,
    /// Who the item is represented by (`ved`, `v/`, `representert ved`).
    reps: Vec<Item>,
}

/// What the reader looks up for every word, found with one look-up: the lists it is on
/// and the registry spellings it opens.
#[derive(Debug, Clone, Copy, Default)]
struct Lexeme {
    class: WordClass,
    spellings: Option<&'static [Spelling]>,
}

/// The words of the class lists and the first words of the registry's spellings.
static LEXICON: LazyLock<WordTable<Lexeme>> = LazyLock::new(|| {
    let classed = titles::classed_words().map(|(word, class)| {
        let spellings = None;
        (word, Lexeme { class, spellings })
    });
    let opening = bodies::SPELLINGS.iter().map(|(first, list)| {
        let spellings = Some(list.as_slice());
        let class = WordClass::default();
        (first.as_str(), Lexeme { class, spellings })
    });
    WordTable::new(classed.chain(opening), |a, b| Lexeme {
        class: a.class.union(b.class),
        spellings: a.spellings.or(b.spellings),
    })
});

/// What the reader knows of one token beyond the token itself, kept in one record so
/// that one vector, filled in one pass, holds it for every token: the word lists it is
/// on (from its [`Lexeme`]), and the mention it starts or lies in. (The spellings it
/// opens are read once, by the scan for mentions in the same pass.)
#[derive(Debug, Clone, Copy)]
struct Word {
    /// The word lists the token is on: the cues ask again and again.
    class: WordClass,
    /// One past the index of the mention starting at the token (`None`: no mention does).
    mention: Option<NonZeroU32>,
    /// Whether the token lies inside a mention, after its first token.
    inner: bool,
}

impl From<Lexeme> for Word {
    fn from(Lexeme { class, .. }: Lexeme) -> Self {
        Word {
            class,
            mention: None,
            inner: false,
        }
    }
}

/// The reader of one document: tokens, mentions, and where each mention starts.
struct Reader<'t> {
    text: &'t str,
    tokens: Vec<Token<'t>>,
    /// What the tokens' cores are read through.
    cores: Cores<'t>,
    /// What the reader knows of each token, by token index.
    words: Vec<Word>,
    mentions: Vec<Mention>,
}

/// The next hard stop and the next signing word, for [`Reader::may_reach_signing`].
#[derive(Default)]
struct SigningAhead {
    stop: Ahead,
    signing: Ahead,
}

/// The first token at or after a position that passes a test, for positions that grow
/// but for steps back of a token or two (the subject list after `Det er` starts two
/// tokens on): each token is tested about once.
#[derive(Default)]
struct Ahead {
    /// No token in `base..found` passes.
    base: usize,
    /// The first token at or after `base` that passes (the token count when none does);
    /// `None` before the first question.
    found: Option<usize>,
}

impl Ahead {
    /// The first token at or after `from`, among `n`, that passes `test` (`n` when none).
    fn first_from(&mut self, from: usize, n: usize, test: impl Fn(usize) -> bool) -> usize {
        let from = from.min(n);
        let found = match self.found {
            Some(found) if (self.base..=found).contains(&from) => return found,
            Some(found) if from < self.base => {
                (from..self.base).find(|&k| test(k)).unwrap_or(found)
            }
            _ => (from..n).find(|&k| test(k)).unwrap_or(n),
        };
        self.base = from;
        self.found = Some(found);
        found
    }
}

/// A party candidate found through a cue.
#[derive(Debug, Clone)]
enum Found {
    /// A registry body, by mention index.
    Known(usize),
    /// An unknown body: its name and token range.
    Unknown(String, usize, usize),
    /// A capitalised name where a party is named, neither known nor shaped like a
    /// body's name ("Statens vegvesen"): reported, not kept.
    Doubtful(String, usize, usize),
}

impl<'t> Reader<'t> {
    /// Reads `text`; the lowercase forms of its capitalised words are written to `lowered`.
    fn new(text: &'t str, lowered: &'t mut Lowered) -> Self {
        let (tokens, cores) = tokenize(text, 0, lowered);
        // Dereferenced once: the table is asked about every token.
        let lexicon: &WordTable<Lexeme> = &LEXICON;
        // Every token looked up, and the mentions scanned for, in one pass.
        let mut words: Vec<Word> = Vec::with_capacity(tokens.len());
        let mut scan = MentionScan::default();
        for (i, t) in tokens.iter().enumerate() {
            let lexeme = lexicon.get(t.lower()).unwrap_or_default();
            scan.step(&tokens, cores, i, || lexeme.spellings);
            words.push(Word::from(lexeme));
        }
        let mentions = scan.found;
        for (k, m) in mentions.iter().enumerate() {
            let Some(words) = words.get_mut(m.first..m.last) else {
                continue;
            };
            if let Some((first, inner)) = words.split_first_mut() {
                first.mention = u32::try_from(k + 1).ok().and_then(NonZeroU32::new);
                for w in inner {
                    w.inner = true;
                }
            }
        }
        Self {
            text,
            tokens,
            cores,
            words,
            mentions,
        }
    }

    /// Whether no enumeration runs past token `k`: a terminator neither inside a mention
    /// nor in brackets. [`Reader::enumeration`] tests every token it steps onto for a
    /// terminator, bar the inner tokens of a mention it jumps over and a bracketed
    /// abbreviation after one; the joiners it steps over without that test ("og", "ved",
    /// "v/", "representert ved") are no terminators. So from any token up to such a
    /// stop, an enumeration ends at the stop at the latest.
    fn is_hard_stop(&self, k: usize) -> bool {
        self.is_terminator(k)
            && !self.words.get(k).is_some_and(|w| w.inner)
            && !self.is_bracketed(k)
    }

    /// Whether token `k` is a signing verb or participle.
    fn is_signing_word(&self, k: usize) -> bool {
        let class = self.class(k);
        class.is(WordClass::SIGNING_VERB) || class.is(WordClass::SIGNING_PARTICIPLE)
    }

    /// Whether an enumeration from token `from` may be followed by a signing verb phrase:
    /// it ends at the first hard stop at or after `from` at the latest, and the phrase
    /// after it ends in a signing word at most two tokens on. When not, the subject list
    /// before a signing verb need not be read (whatever it holds would be dropped).
    fn may_reach_signing(&self, from: usize, ahead: &mut SigningAhead) -> bool {
        let n = self.tokens.len();
        let stop = ahead.stop.first_from(from, n, |k| self.is_hard_stop(k));
        let signing = ahead
            .signing
            .first_from(from, n, |k| self.is_signing_word(k));
        signing < n && signing <= stop + 2
    }

    /// The word lists token `i` is on (none past the end).
    fn class(&self, i: usize) -> WordClass {
        self.words.get(i).map(|w| w.class).unwrap_or_default()
    }

    /// The index of the mention starting at token `i`, if any.
    fn mention_at(&self, i: usize) -> Option<usize> {
        let mention = self.words.get(i)?.mention?;
        Some(mention.get() as usize - 1)
    }

    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower())
    }

    /// Whether token `i` separates two items: "og" (not the "og" of "Helse- og omsorg..."), "ved", "v/".
    fn is_joiner(&self, i: usize) -> bool {
        let w = self.lower(i);
        (w == "og" && i > 0 && !self.tokens[i - 1].compound_part()) || w == "ved" || w == "v/"
    }

    /// Whether token `i` cannot belong to an enumeration of bodies: a verb, "om", a year.
    fn is_terminator(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return true;
        };
        t.has_digit() || self.class(i).is(WordClass::LIST_TERMINATOR)
    }

    /// Parses an enumeration of bodies starting at token `i`:
    /// `KS, Arbeids- og inkluderingsdepartementet ... og Kommunal- og distriktsdepartementet`,
    /// `regjeringen ved X, Y og Z`, `arbeidsgiverorganisasjonene ved NHO, HSH, KS`.
    /// The items go to `items` (cleared first: a caller reuses one vector for the many
    /// enumerations tried); returns the token after the enumeration.
    fn enumeration(&self, items: &mut Vec<Item>, mut i: usize, depth: u8) -> usize {
        items.clear();
        let n = self.tokens.len();
        // No agreement has more than a few dozen parties; the bound keeps odd input linear.
        while i < n && depth < 8 && items.len() < 40 {
            if (!items.is_empty() && self.tokens[i].para_start())
                || self.is_terminator(i)
                || self.is_joiner(i)
            {
                break;
            }
            let mut item = Item::default();
            let mut j = i;
            if let Some(k) = self
                .mention_at(i)
                .filter(|&k| self.mentions[k].body.is_some())
            {
                item.mention = Some(k);
                j = self.mentions[k].last;
                // An abbreviation in brackets after the name: "Helse- og omsorgsdepartementet (HOD)".
                if j < n && !self.tokens[j - 1].has_comma() && self.is_bracketed(j) {
                    j += 1;
                }
                // A short relative descriptor may follow: "staten som arbeidsgiver".
                let mut skipped = 0;
                while j < n
                    && (skipped > 0 || self.lower(j) == "som")
                    && skipped < 3
                    && !self.tokens[j - 1].ends_sentence()
                    && !self.tokens[j - 1].has_comma()
                    && !self.is_joiner(j)
                    && !self.is_terminator(j)
                    && !self.tokens[j].capitalised()
                    && !self.tokens[j].para_start()
                {
                    j += 1;
                    skipped += 1;
                }
            } else {
                while j < n && j - i < 8 {
                    if j > i
                        && (self.is_joiner(j)
                            || self.is_terminator(j)
                            || self.tokens[j].para_start()
                            || self.tokens[j - 1].ends_sentence()
                            || self.tokens[j - 1].has_comma())
                    {
                        break;
                    }
                    j += 1;
                }
                let inner = (i..j).find_map(|t| {
                    self.mention_at(t)
                        .filter(|&k| self.mentions[k].body.is_some())
                });
                match inner {
                    Some(k) => item.mention = Some(k),
                    None if self.looks_like_body(i, j) => item.unknown = Some((i, j)),
                    None if self.is_doubtful(i, j) => item.doubtful = Some((i, j)),
                    None => {}
                }
            }
            i = j;
            let last = &self.tokens[j - 1];
            if last.ends_sentence() || i >= n {
                items.push(item);
                break;
            }
            if last.has_comma() {
                if self.lower(i) == "representert" && self.lower(i + 1) == "ved" {
                    i = self.enumeration(&mut item.reps, i + 2, depth + 1);
                } else if self.lower(i) == "og" {
                    i += 1;
                }
                items.push(item);
                continue;
            }
            match self.lower(i) {
                "ved" | "v/" => {
                    i = self.enumeration(&mut item.reps, i + 1, depth + 1);
                    items.push(item);
                    // The representation list may end the whole enumeration or hand back a joiner.
                    if self.lower(i) == "og" && i > 0 && !self.tokens[i - 1].compound_part() {
                        i += 1;
                    } else if !self
                        .tokens
                        .get(i.wrapping_sub(1))
                        .is_some_and(Token::has_comma)
                    {
                        break;
                    }
                }
                "og" if self.is_joiner(i) => {
                    items.push(item);
                    i += 1;
                }
                _ => {
                    items.push(item);
                    break;
                }
            }
        }
        i
    }

    /// Whether tokens `i..j` name an organisation the registry does not know.
    fn looks_like_body(&self, i: usize, j: usize) -> bool {
        self.tokens
            .get(i..j)
            .is_some_and(|words| looks_like_body(words, self.cores))
    }

    /// Whether tokens `i..j` look like a proper name that may be an unknown body: capitalised
    /// mid-sentence, no person's title, and not shaped like a person's name (all words
    /// capitalised). Such a name is reported, not made a party.
    fn is_doubtful(&self, i: usize, j: usize) -> bool {
        let Some(words) = self.tokens.get(i..j) else {
            return false;
        };
        let sentence_initial =
            i == 0 || self.tokens[i].line_start() || self.tokens[i - 1].ends_sentence();
        let person_like = words.len() >= 2 && words.iter().all(Token::capitalised);
        words.first().is_some_and(Token::capitalised)
            && !sentence_initial
            && !person_like
            && !words
                .iter()
                .any(|t| titles::is_person_title(t.lower()) || t.has_digit())
    }

    /// Whether token `i` (before "mellom"/"med") closes an agreement noun or a signing participle.
    fn is_agreement_word(&self, i: usize) -> bool {
        let w = self.lower(i);
        titles::ends_in_agreement_noun(w) || self.class(i).is(WordClass::SIGNING_PARTICIPLE)
    }

    /// Whether the "mellom" at token `i` names the parties of an agreement: it opens a
    /// line, follows an agreement noun or participle (`Avtale mellom`, `inngått mellom`),
    /// or follows `<agreement noun> om <topic>` (`rammeavtalen om samhandling ... mellom`).
    fn mellom_names_parties(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if t.line_start() || i == 0 {
            return true;
        }
        if self.tokens[i - 1].ends_sentence() {
            return true;
        }
        if self.is_agreement_word(i - 1) {
            return true;
        }
        // "<avtale> om <up to eight words without a verb> mellom"
        let mut k = i - 1;
        while k > 0 && i - k <= 8 && !self.tokens[k - 1].ends_sentence() {
            if self.is_terminator(k) && self.lower(k) != "om" {
                return false;
            }
            if self.lower(k) == "om" {
                return self.is_agreement_word(k - 1);
            }
            k -= 1;
        }
        false
    }

    /// Whether token `i` is a word in brackets without digits: "(HOD)", "(KrF)".
    fn is_bracketed(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let start = t.start();
        let opened = || start > 0 && self.text.get(start - 1..start) == Some("(");
        t.bracket_after() && !t.has_digit() && opened()
    }

    /// Whether the clause before the "er" at token `i` is the subject "partene" /
    /// "avtalens parter" of a definition: `Partene i denne avtalen er KS og ...`.
    fn names_the_parties_before(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0
            && i - k < 5
            && !self.tokens[k - 1].ends_sentence()
            && !self.tokens[k].line_start()
        {
            k -= 1;
        }
        let starts_sentence =
            k == 0 || self.tokens[k].line_start() || self.tokens[k - 1].ends_sentence();
        starts_sentence
            && (k..i).any(|t| {
                matches!(
                    self.lower(t),
                    "partene" | "parter" | "avtalepartene" | "partar"
                )
            })
    }

    /// Whether tokens from `i` say "heretter kalt partene" (or "benevnt"/"omtalt som").
    fn defines_partene(&self, i: usize) -> bool {
        self.lower(i) == "heretter"
            && (1..=3).any(|k| self.lower(i + k).trim_end_matches('«') == "partene")
    }

    /// Whether a signing verb phrase starts at token `i` ("har signert", "undertegnet",
    /// "som har inngått"); returns its length.
    fn signing_verb_at(&self, i: usize) -> Option<usize> {
        let skip = usize::from(self.lower(i) == "som");
        let aux = usize::from(matches!(self.lower(i + skip), "har" | "hadde"));
        let verb = self.class(i + skip + aux);
        let finite = verb.is(WordClass::SIGNING_VERB);
        let participle = aux == 1 && verb.is(WordClass::SIGNING_PARTICIPLE);
        (finite || participle).then_some(skip + aux + 1)
    }

    /// Runs every strong cue; returns what they found and the government's representatives.
    fn strong_cues(&self) -> (Vec<Found>, Vec<usize>) {
        let mut found = Vec::new();
        let mut represented = Vec::new();
        let mut consumed = 0usize;
        // The items of the enumeration tried last.
        let mut items = Vec::new();
        let mut ahead = SigningAhead::default();
        // Whether the token before the current one ends a sentence.
        let mut after_sentence_end = false;
        for (i, t) in self.tokens.iter().enumerate() {
            let sentence_start = i == 0 || t.line_start() || after_sentence_end;
            after_sentence_end = t.ends_sentence();
            let class = self.class(i);
            let signing_verb = class.is(WordClass::SIGNING_VERB);
            // Every cue below needs a cue word, a signing verb, a sentence start or a mention
            // at the token: most tokens have none and are passed over at once.
            let may_cue = sentence_start
                || signing_verb
                || class.is(WordClass::PARTY_CUE)
                || self.mention_at(i).is_some();
            if i < consumed || !may_cue {
                continue;
            }
            let w = t.lower();
            // The words of `titles::PARTY_CUES`, told by their class before their letters.
            let cue = match w {
                _ if !class.is(WordClass::PARTY_CUE) => None,
                "mellom" => Some(i + 1),
                "med" if i > 0 && self.is_agreement_word(i - 1) => Some(i + 1),
                "av" if i > 0 && self.class(i - 1).is(WordClass::SIGNING_PARTICIPLE) => Some(i + 1),
                "representert" if self.lower(i + 1) == "ved" => Some(i + 2),
                // "Partene i avtalen er KS og ...", "Avtalens parter er ..."
                "er" if self.names_the_parties_before(i) => Some(i + 1),
                _ => None,
            };
            let list_from = cue.or_else(|| (signing_verb && !sentence_start).then_some(i + 1));
            if let Some(from) = list_from {
                let next = self.enumeration(&mut items, from, 0);
                let accepted = match w {
                    "mellom" => self.mellom_names_parties(i) || self.defines_partene(next),
                    // "inngår KS og staten en avtale": the subjects follow the verb.
                    _ if signing_verb => {
                        self.class(next).is(WordClass::AGREEMENT_OPENER)
                            || self.is_agreement_word(next)
                    }
                    _ => true,
                };
                if accepted && !items.is_empty() {
                    self.collect(&items, &mut found, &mut represented);
                    consumed = next;
                    continue;
                }
            }
            // A subject list at the start of a sentence, before a signing verb:
            // "Regjeringen og partene i arbeidslivet har signert", "Det er A, B og KS som har signert".
            if sentence_start {
                let from = i + if w == "det" && self.lower(i + 1) == "er" {
                    2
                } else {
                    usize::from(w == "nå")
                };
                if self.may_reach_signing(from, &mut ahead) {
                    let next = self.enumeration(&mut items, from, 0);
                    if !items.is_empty() && self.signing_verb_at(next).is_some() {
                        self.collect(&items, &mut found, &mut represented);
                        consumed = next;
                    }
                }
            }
            // A government mention followed by "ved"/"v/" outside any list: "staten ved X".
            if let Some(k) = self.mention_at(i) {
                let m = &self.mentions[k];
                if m.body.is_some_and(|b| b.kind == PartyKind::Government)
                    && matches!(self.lower(m.last), "ved" | "v/")
                {
                    let next = self.enumeration(&mut items, m.last + 1, 1);
                    self.collect(&items, &mut found, &mut represented);
                    represented.extend(self.ministries(&items));
                    consumed = next;
                }
            }
        }
        (found, represented)
    }

    /// Mention indices of the ministries among `items` (direct children only).
    fn ministries(&self, items: &[Item]) -> Vec<usize> {
        items
            .iter()
            .filter_map(|it| it.mention)
            .filter(|&k| {
                self.mentions[k]
                    .body
                    .is_some_and(|b| b.kind == PartyKind::Ministry)
            })
            .collect()
    }

    /// Flattens an enumeration into parties. A representative list makes its members
    /// parties; the represented item itself counts only when it is not a mere role
    /// ("staten, representert ved ..." → the ministries).
    fn collect(&self, items: &[Item], found: &mut Vec<Found>, represented: &mut Vec<usize>) {
        for item in items {
            let role_only = !item.reps.is_empty() && self.is_role(item);
            if !role_only {
                if let Some(k) = item.mention {
                    found.push(Found::Known(k));
                    if self.mentions[k]
                        .body
                        .is_some_and(|b| b.kind == PartyKind::Government)
                    {
                        represented.extend(self.ministries(&item.reps));
                    }
                } else if let Some((a, b)) = item.unknown {
                    found.push(Found::Unknown(normalize(self.slice(a, b)), a, b));
                } else if let Some((a, b)) = item.doubtful {
                    found.push(Found::Doubtful(normalize(self.slice(a, b)), a, b));
                }
            }
            self.collect(&item.reps, found, represented);
        }
    }

    /// Whether an item names a role rather than a party: "staten" (but not "regjeringen")
    /// or a generic noun ("kommunesektoren") — followed by who fills it.
    fn is_role(&self, item: &Item) -> bool {
        match item.mention {
            Some(k) => self.lower(self.mentions[k].first) == "staten",
            None => true,
        }
    }

    /// The raw text of tokens `a..b`.
    fn slice(&self, a: usize, b: usize) -> &'t str {
        let (Some(first), Some(last)) = (self.tokens.get(a), self.tokens.get(b.saturating_sub(1)))
        else {
            return "";
        };
        self.text.get(first.start()..last.end()).unwrap_or("")
    }

    /// Pairs of bodies as the subject of a finite verb: "BLD og KS er enige",
    /// "skal regjeringen og KS styrke". Returns mention index pairs.
    fn weak_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (k, a) in self.mentions.iter().enumerate() {
            if a.body.is_none()
                || self.lower(a.last) != "og"
                || self.tokens[a.last - 1].ends_sentence()
            {
                continue;
            }
            let Some(b_idx) = self.mention_at(a.last + 1) else {
                continue;
            };
            let b = &self.mentions[b_idx];
            if b.body.is_none() {
                continue;
            }
            let verb_after = !self.tokens[b.last - 1].ends_sentence()
                && self.class(b.last).is(WordClass::FINITE_VERB);
            let verb_before = a.first > 0 && self.class(a.first - 1).is(WordClass::MODAL_VERB);
            if verb_after || verb_before {
                pairs.push((k, b_idx));
            }
        }
        pairs
    }
}

/// The parties found so far, keyed by id, with the spans of unknown bodies.
struct PartySet<'a> {
    index: &'a LineIndex,
    /// Keyed by id: a registry body's id is borrowed (it is added again and again), an
    /// unknown body's is its own.
    parties: BTreeMap<Cow<'static, str>, Party>,
    /// The registry bodies added, by address: the cues add the same few bodies again and
    /// again, and a short list of pointers tells them apart faster than the map's string
    /// keys do. The list holds distinct bodies of the registry, so it is never longer.
    known: Vec<&'static Body>,
    diagnostics: Vec<Diagnostic>,
}

impl PartySet<'_> {
    fn has(&self, id: &str) -> bool {
        self.parties.contains_key(id)
    }

    /// Adds a registry body; name and span are settled later from its mentions.
    fn add_known(&mut self, body: &'static Body) {
        if self.known.iter().any(|&known| std::ptr::eq(known, body)) {
            return;
        }
        self.known.push(body);
        self.parties
            .entry(Cow::Borrowed(body.id))
            .or_insert_with(|| Party {
                id: body.id.to_owned(),
                name: body.name.to_owned(),
                kind: body.kind,
                represented_by: Vec::new(),
                span: self.index.span(0, 0),
            });
    }

    /// Adds a body the registry does not know, with an `unknown-body` warning; returns its id.
    fn add_unknown(&mut self, name: &str, span: Span, how: &str) -> Option<String> {
        let id = slugify(name);
        if id.is_empty() {
            return None;
        }
        if !self.has(&id) {
            let party = Party {
                id: id.clone(),
                name: name.to_owned(),
                kind: kind_of_unknown(name),
                represented_by: Vec::new(),
                span,
            };
            self.parties.insert(Cow::Owned(id.clone()), party);
            self.diagnostics.push(Diagnostic::new(
                Code::UnknownBody,
                format!("\"{name}\" {how} but is not in the registry of bodies"),
                Some(span),
            ));
        }
        Some(id)
    }
}

/// Fills `doc.parties` and `doc.signatories`, with diagnostics for unknown bodies.
pub fn extract(cx: &Context<'_>, index: &LineIndex, doc: &mut Document) {
    let mut lowered = Lowered::default();
    let reader = Reader::new(cx.text, &mut lowered);
    let mut set = PartySet {
        index,
        parties: BTreeMap::new(),
        known: Vec::new(),
        diagnostics: Vec::new(),
    };

    let (found, represented) = reader.strong_cues();
    for f in &found {
        match f {
            Found::Known(k) => {
                if let Some(b) = reader.mentions[*k].body {
                    set.add_known(b);
                }
            }
            Found::Unknown(name, a, b) => {
                let span = index.span(reader.tokens[*a].start(), reader.tokens[b - 1].end());
                set.add_unknown(name, span, "is named as a party");
            }
            Found::Doubtful(name, a, b) => set.diagnostics.push(Diagnostic::new(
                Code::UnknownBody,
                format!("\"{name}\" stands where a party is named but is not in the registry of bodies; left out"),
                Some(index.span(reader.tokens[*a].start(), reader.tokens[b - 1].end())),
            )),
        }
    }
    // Weak cues, to a fixpoint: a pair joins when one of its bodies is a party.
    let pairs: Vec<(&Body, &Body)> = reader
        .weak_pairs()
        .into_iter()
        .filter_map(|(a, b)| Some((reader.mentions[a].body?, reader.mentions[b].body?)))
        .collect();
    loop {
        let before = set.parties.len();
        for &(a, b) in &pairs {
            if set.has(a.id) {
                set.add_known(b);
            } else if set.has(b.id) {
                set.add_known(a);
            }
        }
        if set.parties.len() == before {
            break;
        }
    }
    let (signed, unclear) = signatories::find(cx, index);
    doc.signatories = resolve_signatories(signed, &mut set);
    doc.diagnostics.extend(unclear);

    // Names and first-mention spans from the mentions; the government's representatives.
    // Each body's first mention and first full-form mention, found in one pass: a search
    // of all mentions per party was quadratic on pages naming thousands of unknown parties.
    // Mentions with a body name registry bodies, a few dozen at most: a list searched
    // from the front holds them (a text names a handful, most often the first ones).
    let mut firsts: Vec<(&str, &Mention, Option<&Mention>)> = Vec::new();
    for m in &reader.mentions {
        let Some(body) = m.body else {
            continue;
        };
        let full = (m.form == Form::Full).then_some(m);
        match firsts.iter_mut().find(|(id, ..)| *id == body.id) {
            Some((_, _, first_full)) => *first_full = first_full.or(full),
            None => firsts.push((body.id, m, full)),
        }
    }
    for p in set.parties.values_mut() {
        let Some(&(_, first, full)) = firsts.iter().find(|(id, ..)| *id == p.id) else {
            continue;
        };
        p.span = index.span(first.start, first.end);
        p.name = match full {
            Some(m) => m.shown.to_owned(),
            // Only ever abbreviated: keep the abbreviation as written (see lexicon::bodies).
            None => normalize(cx.text.get(first.start..first.end).unwrap_or(first.shown)),
        };
    }
    if let Some(government) = set
        .parties
        .values_mut()
        .find(|p| p.kind == PartyKind::Government)
    {
        for body in represented.iter().filter_map(|&k| reader.mentions[k].body) {
            if !government.represented_by.iter().any(|r| r == body.id) {
                government.represented_by.push(body.id.to_owned());
            }
        }
    }
    let mut parties: Vec<Party> = set.parties.into_values().collect();
    parties.sort_by_key(|p| (p.span.start, p.span.end));
    doc.parties = parties;
    doc.diagnostics.append(&mut set.diagnostics);

    // Ministry-like names nobody could resolve, once per name.
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for m in reader.mentions.iter().filter(|m| m.body.is_none()) {
        let name = normalize(cx.text.get(m.start..m.end).unwrap_or(""));
        if !reported.contains(&name) {
            doc.diagnostics.push(Diagnostic::new(
                Code::UnknownBody,
                format!("\"{name}\" looks like the name of a ministry or directorate but is not in the registry"),
                Some(index.span(m.start, m.end)),
            ));
            reported.insert(name);
        }
    }
}

/// Gives every signatory its party id, and makes that party a party of the document.
///
/// A named organisation decides; otherwise a minister ("Helseminister", "statsråd")
/// signs for the government, or, when the government is not a party but the
/// minister's own ministry is, for that ministry.
fn resolve_signatories(signed: Vec<signatories::Signed>, set: &mut PartySet<'_>) -> Vec<Signatory> {
    let government_is_party = set.has("regjeringen");
    let mut out = Vec::with_capacity(signed.len());
    for s in signed {
        let party = match &s.org {
            Some(signatories::Org::Known(body)) => {
                set.add_known(body);
                Some(body.id.to_owned())
            }
            Some(signatories::Org::Unknown(name)) => {
                set.add_unknown(name, s.org_span, "signs as an organisation")
            }
            None if s.title.as_deref().is_some_and(titles::is_minister) => {
                let own = s
                    .title
                    .as_deref()
                    .and_then(bodies::ministry_of_minister)
                    .map(|r| r.body);
                let body = match own {
                    Some(m) if !government_is_party && set.has(m.id) => Some(m),
                    _ => bodies::BODIES
                        .iter()
                        .find(|b| b.kind == PartyKind::Government),
                };
                body.map(|b| {
                    set.add_known(b);
                    b.id.to_owned()
                })
            }
            None => None,
        };
        out.push(Signatory {
            name: s.name,
            title: s.title,
            party,
            span: s.span,
        });
    }
    out
}

/// The kind of an unknown body, from its head noun.
fn kind_of_unknown(name: &str) -> PartyKind {
    let lower = crate::text::lowercase(name);
    if lower.ends_with("departementet") || lower.ends_with("departement") {
        PartyKind::Ministry
    } else if ["direktoratet", "etaten", "tilsynet", "direktorat"]
        .iter()
        .any(|h| lower.ends_with(h))
    {
        PartyKind::Agency
    } else if lower.contains("helseforetak") || lower.ends_with(" hf") || lower.ends_with(" rhf") {
        PartyKind::HealthTrust
    } else if lower.ends_with("kommune") || lower.ends_with("fylkeskommune") {
        PartyKind::MunicipalSector
    } else {
        PartyKind::Other
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Document;

    fn parse(text: &str) -> Document {
        crate::parse_str(text, "test.txt")
    }

    fn ids(text: &str) -> Vec<String> {
        parse(text).parties.into_iter().map(|p| p.id).collect()
    }

    #[test]
    fn title_names_the_parties() {
        assert_eq!(
            ids("Avtale mellom regjeringen og KS om kvalitet\n\nPartene er enige.\n"),
            ["regjeringen", "ks"]
        );
    }

    #[test]
    fn the_consultation_arrangement_is_not_an_agreement_between_its_members() {
        let text = "Samarbeid om noe\n\nAvtalen er forankret i konsultasjonsordningen mellom regjeringen og kommunesektoren, representert ved KS.\n";
        assert_eq!(
            ids(text),
            ["ks"],
            "KS represents the municipal sector; the government is not named as a party"
        );
        let defined = "Avtalen er forankret i konsultasjonsordningen mellom regjeringen og kommunesektoren, \
                       representert ved KS, heretter kalt partene.\n";
        assert_eq!(
            ids(defined),
            ["regjeringen", "ks"],
            "\"heretter kalt partene\" defines the parties"
        );
    }

    #[test]
    fn definitions_and_bracketed_abbreviations() {
        let text = "Partene i denne avtalen er KS og Kunnskapsdepartementet.\n";
        assert_eq!(ids(text), ["ks", "kunnskapsdepartementet"]);
        let text = "Avtale mellom Helse- og omsorgsdepartementet (HOD) og KS om legevakt\n";
        assert_eq!(ids(text), ["helse-og-omsorgsdepartementet", "ks"]);
        let text = "Vi er enige. Partene er glade for avtalen.\n";
        assert!(ids(text).is_empty(), "no body follows \"Partene er\"");
    }

    #[test]
    fn helpers_named_in_the_body_are_not_parties() {
        let text = "Avtale mellom regjeringen og KS om eldre\n\nHelsedirektoratet og fylkesmannen vil bidra i arbeidet.\n";
        assert_eq!(ids(text), ["regjeringen", "ks"]);
        let joined = "Ny samarbeidsavtale med KS\n\nBLD og KS er enige om et nytt organ.\n";
        assert_eq!(
            ids(joined),
            ["ks", "barne-og-familiedepartementet"],
            "a pair with a party joins"
        );
    }

    #[test]
    fn signing_clauses_name_parties_but_persons_do_not() {
        let text = "Det er KS og Justis- og beredskapsdepartementet som har signert avtalen.\n";
        assert_eq!(ids(text), ["ks", "justis-og-beredskapsdepartementet"]);
        let persons = "Avtalen ble signert av barne- og familieminister Kari Nordmann og styreleder Ola Nordmann for KS.\n";
        assert_eq!(
            ids(persons),
            ["ks"],
            "a minister in running text is a person, not a party"
        );
    }

    #[test]
    fn unknown_bodies_in_a_party_list_are_kept_with_a_warning() {
        let doc = parse("Samfunnskontrakten er undertegnet av KS og Norsk Barnehageforbund.\n");
        let ids: Vec<&str> = doc.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ks", "norsk-barnehageforbund"]);
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == crate::diagnostic::Code::UnknownBody)
        );
    }

    #[test]
    fn other_proper_names_in_a_party_list_are_reported_not_kept() {
        let doc = parse("Avtalen er undertegnet av KS og Statens vegvesen og Sametinget.\n");
        let ids: Vec<&str> = doc.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            ["ks", "statens-vegvesen"],
            "\"Statens\" marks a state body"
        );
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.message.contains("Sametinget")),
            "{:?}",
            doc.diagnostics
        );
    }

    #[test]
    fn a_ministry_name_not_in_the_registry_is_reported() {
        let doc = parse("Avtale mellom KS og Romfartsdepartementet om raketter\n");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == crate::diagnostic::Code::UnknownBody
                    && d.message.contains("Romfartsdepartementet")),
            "{:?}",
            doc.diagnostics
        );
    }

    #[test]
    fn is_alphanumeric_is_chars() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn byte_facts_agree_with_is_space() {
        use super::{BYTE_FACTS, ByteFacts};
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let separates = crate::text::is_space(c) || c == '\u{feff}';
            let mut utf8 = [0; 4];
            let facts = BYTE_FACTS[usize::from(c.encode_utf8(&mut utf8).as_bytes()[0])];
            let role = facts & (ByteFacts::SPACE | ByteFacts::NEWLINE | ByteFacts::DECODE);
            let expected = match c {
                '\n' => ByteFacts::NEWLINE,
                _ if c.is_ascii() && separates => ByteFacts::SPACE,
                _ if c.is_ascii() => 0,
                _ if separates => ByteFacts::DECODE,
                _ => role,
            };
            assert_eq!(role, expected, "{c:?}");
            if c.is_ascii() {
                let b = c as u8;
                assert_eq!(
                    facts & ByteFacts::UPPER != 0,
                    b.is_ascii_uppercase(),
                    "{c:?}"
                );
                assert_eq!(facts & ByteFacts::DIGIT != 0, b.is_ascii_digit(), "{c:?}");
                assert_eq!(facts & ByteFacts::NON_ASCII, 0, "{c:?}");
                assert_eq!(
                    facts & ByteFacts::ALNUM != 0,
                    b.is_ascii_alphanumeric(),
                    "{c:?}"
                );
            }
        }
        let outside = BYTE_FACTS.get(0x80..).unwrap_or_default();
        assert!(outside.iter().all(|&f| f & ByteFacts::NON_ASCII != 0));
        let continuation = BYTE_FACTS.get(0x80..0xc0).unwrap_or_default();
        assert!(
            continuation
                .iter()
                .all(|&f| f & !ByteFacts::CASED == ByteFacts::NON_ASCII)
        );
    }

    #[test]
    fn opening_letters_are_alphanumeric() {
        use super::{is_alphanumeric, opening_letter};
        for c in ('\0'..='\u{7ff}').chain(['«', '–', '\u{feff}']) {
            let word = format!("{c}ord");
            let expected = match c {
                '\0'..='\u{7f}' | '\u{c0}'..='\u{ff}' => {
                    is_alphanumeric(c).then(|| c.is_uppercase())
                }
                // Left to the cut by characters.
                _ => None,
            };
            assert_eq!(opening_letter(&word), expected, "{c:?}");
        }
    }

    /// Characters of every kind the edges of a word may hold: ASCII letters, digits and
    /// punctuation, Latin-1 letters of both cases, × and ÷, other letters and marks.
    const EDGE_CHARS: &[char] = &[
        'a', 'Z', '7', '.', ',', ':', ')', '(', '-', '/', '#', '*', '«', '»', '–', '•', 'å', 'Ø',
        'é', 'ß', 'ÿ', 'À', 'Þ', '×', '÷', 'ł', 'Σ', '\u{301}', '’', '²',
    ];

    /// The dashes and bullets `cut_core` passes over by their bytes, alone and with more.
    #[test]
    fn dashes_and_bullets_are_cut_as_by_chars() {
        for word in ["–", "•", "—", "–a", "•.", "a–", "––", "-–"] {
            let facts = super::facts_of(word.as_bytes());
            assert_eq!(
                super::cut_core(word, facts),
                super::cut_core_by_chars(word),
                "{word:?}"
            );
        }
    }

    proptest::proptest! {
        /// `cut_core` cuts every word as `cut_core_by_chars` does.
        #[test]
        fn cores_by_bytes_are_cores_by_chars(
            chars in proptest::collection::vec(proptest::sample::select(EDGE_CHARS), 1..6)
        ) {
            let word: String = chars.into_iter().collect();
            let facts = super::facts_of(word.as_bytes());
            proptest::prop_assert_eq!(
                super::cut_core(&word, facts),
                super::cut_core_by_chars(&word),
                "{:?}",
                word
            );
        }
    }

    /// `titles::PARTY_CUES` lists every word of the `match` in `strong_cues` that runs
    /// only for words of that class: a word missing there would never reach its arm. Read
    /// from this file's source, so that an arm added later is checked too.
    #[test]
    fn party_cues_list_every_cue_word_of_strong_cues() {
        let source = include_str!("parties.rs");
        let gate = "_ if !class.is(WordClass::PARTY_CUE) => None,";
        let arms = source
            .split_once(gate)
            .and_then(|(_, rest)| rest.split_once("_ => None,"))
            .map_or("", |(arms, _)| arms);
        let words: Vec<&str> = arms
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix('"')?.split_once('"'))
            .map(|(word, _)| word)
            .collect();
        assert!(words.len() >= 5, "the match was not found: {words:?}");
        for word in words {
            assert!(
                crate::lexicon::titles::PARTY_CUES.contains(&word),
                "{word} is matched in strong_cues but not in titles::PARTY_CUES"
            );
        }
    }

    #[test]
    fn latin1_letter_ends_are_alphanumeric() {
        use super::{ends_in_latin1_letter, is_alphanumeric};
        for c in ('\u{80}'..='\u{7ff}').chain(['a', '1', '.', '«', '–']) {
            let word = format!("ord{c}");
            let latin1 = ('\u{c0}'..='\u{ff}').contains(&c);
            assert_eq!(
                ends_in_latin1_letter(&word),
                latin1 && is_alphanumeric(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn ascii_runs_have_the_facts_of_their_bytes() {
        use super::{facts_of, plain_ascii_run};
        let printable: Vec<u8> = (b'!'..=0x7f).collect();
        for (k, &filler) in printable.iter().enumerate() {
            for stop in [b' ', b'\n', b'\t', 0, 0x1f, 0x80, 0xc3, 0xff] {
                for len in 0..=8 {
                    let mut chunk: Vec<u8> = (0..len)
                        .map(|j| printable[(k + 13 * j) % printable.len()])
                        .collect();
                    chunk.push(stop);
                    chunk.resize(8, filler);
                    let n = chunk
                        .iter()
                        .position(|c| !(b'!'..=0x7f).contains(c))
                        .unwrap_or(8);
                    let facts = facts_of(chunk.get(..n).unwrap_or_default());
                    assert_eq!(plain_ascii_run(&chunk, 0), Some((n, facts)), "{chunk:?}");
                }
            }
        }
        assert_eq!(plain_ascii_run(b"Aa1", 0), None);
    }

    #[test]
    fn characters_without_case_facts_are_their_own_lowercase() {
        use super::{ByteFacts, facts_of};
        for c in (0x80..=0x10_ffff).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let facts = facts_of(c.encode_utf8(&mut utf8).as_bytes());
            if facts & (ByteFacts::UPPER | ByteFacts::CASED) == 0 {
                assert!(c.to_lowercase().eq([c]), "{c:?}");
            }
        }
        for c in ['æ', 'ø', 'å', 'é', 'ß', '«', '»', '\u{a0}'] {
            let mut utf8 = [0; 4];
            let facts = facts_of(c.encode_utf8(&mut utf8).as_bytes());
            assert_eq!(facts & ByteFacts::CASED, 0, "{c:?}");
        }
    }

    /// Words and phrases that steer enumerations: joiners, terminators, signing verb
    /// phrases, mentions that span a terminator or a sentence end, bracketed words after
    /// a mention, digits, sentence and paragraph ends.
    const ENUMERATION_PIECES: &[&str] = &[
        "og",
        "ved",
        "v/",
        "representert ved",
        "som har signert",
        "har signert",
        "hadde underskrevet",
        "signerte",
        "signerer",
        "inngår",
        "inngåtte",
        "er",
        "om",
        "Det er",
        "Nå",
        "KS",
        "KS,",
        "KS.",
        "staten",
        "regjeringen",
        "Helse- og 2020-, omsorgsdepartementet",
        "Barne-, likestill1ngs- og inkluderingsdepartementet",
        "KS (om)",
        "Helse-. og omsorgsdepartementet",
        "Kommunal- og distriksdepartementet",
        "(HOD)",
        "(om)",
        "(2020)",
        "avtalen",
        "Norsk Forbund",
        "Statens vegvesen,",
        "X",
        "y.",
        "\n",
        "\n\n",
    ];

    proptest::proptest! {
        /// An enumeration never ends past the first hard stop at or after its start, and
        /// `may_reach_signing` holds wherever a subject list would be followed by a
        /// signing verb phrase, asked in order or alone.
        #[test]
        fn signing_lists_end_within_reach(
            words in proptest::collection::vec(proptest::sample::select(ENUMERATION_PIECES), 0..40)
        ) {
            let text = words.join(" ");
            let mut lowered = super::Lowered::default();
            let reader = super::Reader::new(&text, &mut lowered);
            let n = reader.tokens.len();
            let mut ahead = super::SigningAhead::default();
            let mut items = Vec::new();
            for from in (0..=n + 2).flat_map(|i| [i + 2, i, i + 1]) {
                let next = reader.enumeration(&mut items, from, 0);
                let stop = (from..n).find(|&k| reader.is_hard_stop(k)).unwrap_or(n);
                proptest::prop_assert!(next <= stop.max(from), "{text:?} from {from}: {next} > {stop}");
                let signs = !items.is_empty() && reader.signing_verb_at(next).is_some();
                let alone = reader.may_reach_signing(from, &mut super::SigningAhead::default());
                let in_order = reader.may_reach_signing(from, &mut ahead);
                proptest::prop_assert_eq!(alone, in_order, "{:?} from {}", text, from);
                proptest::prop_assert!(!signs || alone, "{:?} from {}", text, from);
            }
        }
    }

    /// `Token::compound_part` reads the lowercase form: only a hyphen lowercases to a
    /// string that ends in one.
    #[test]
    fn only_a_hyphen_lowercases_to_a_hyphen_at_the_end() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(lower.ends_with('-'), c == '-', "{c:?}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "mellom",
            "v/",
            ", og ,",
            "representert ved",
            "Det er",
            "KS og",
            "inngår KS og",
        ] {
            let _ = parse(text);
        }
        let long = "Helse- og ".repeat(20_000)
            + "departementet "
            + &"mellom KS, ".repeat(20_000)
            + &"Det er KS og ".repeat(20_000);
        // Repetitive input: its speed is measured by the pathological benches, not here.
        let mut lowered = super::Lowered::default();
        let reader = super::Reader::new(&long, &mut lowered);
        let _ = (reader.strong_cues(), reader.weak_pairs());
    }
}
