//! Raw bytes → UTF-8 text plus the detected encoding; refuses binary and oversized input.
//!
//! Order of decisions:
//!
//! 1. size limit (`--max-bytes`);
//! 2. byte-order mark: UTF-8, UTF-16LE, UTF-16BE;
//! 3. NUL bytes: binary (or UTF-16 that lost its BOM, said so in the error);
//! 4. valid UTF-8;
//! 5. mixed files: valid UTF-8 letters next to stray legacy bytes, read piece
//!    by piece (UTF-8 where it is valid, windows-1252 elsewhere);
//! 6. a legacy single-byte encoding: chardetng picks the script (with the
//!    Norwegian TLD as hint; skipped when every non-ASCII byte is a letter or
//!    sign Norwegian windows-1252 text uses), then, for Western text, this module chooses
//!    between windows-1252, ISO-8859-1, ISO-8859-15 and Mac Roman, which
//!    chardetng does not tell apart.
//!
//! Every decoded text is finally checked for control characters, so binary
//! data that happens to decode (an image behind a BOM, random bytes read as
//! windows-1252) is refused rather than parsed. A guessed encoding gives a
//! `guessed-encoding` diagnostic; an unusual or doubtful one (Mac Roman,
//! mixed, non-Western) also gives `suspect-encoding`.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

use encoding_rs::{Encoding, ISO_8859_15, MACINTOSH, WINDOWS_1252};

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::swar::{self, ONES};

/// The default `--max-bytes`: 64 MiB, far beyond any real agreement text.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as UTF-8, BOM removed, line endings untouched.
    pub text: String,
    /// Lowercase label of the encoding used ("utf-8", "utf-16le", "windows-1252",
    /// "iso-8859-1", "iso-8859-15", "macintosh", ...).
    pub encoding: &'static str,
    /// Notes on how the encoding was chosen (no spans: they concern the whole file).
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `bytes` read from `path` (used only in error messages).
///
/// # Errors
/// [`Error::TooLarge`] beyond `max_bytes`, [`Error::Binary`] for data that is
/// not text, [`Error::Decode`] when a BOM-declared encoding is malformed.
///
/// # Example
/// ```
/// use avtale::decode::decode;
/// let d = decode(b"Oslo, 19.9.2006", "x.txt".as_ref(), 1024)?;
/// assert_eq!((d.text.as_str(), d.encoding), ("Oslo, 19.9.2006", "utf-8"));
/// // Only æ, ø, å: ISO-8859-1 and windows-1252 read these bytes alike; the narrower one is named.
/// let d = decode(b"Bj\xf8rn \xc5se Gr\xf8tting og Kj\xe6re venner", "y.txt".as_ref(), 1024)?;
/// assert_eq!((d.text.as_str(), d.encoding), ("Bjørn Åse Grøtting og Kjære venner", "iso-8859-1"));
/// // A dash in 0x80–0x9F exists only in windows-1252.
/// let d = decode(b"2019\x962023 for b\xe5de parter", "z.txt".as_ref(), 1024)?;
/// assert_eq!((d.text.as_str(), d.encoding), ("2019–2023 for både parter", "windows-1252"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode(bytes: &[u8], path: &Path, max_bytes: u64) -> Result<Decoded, Error> {
    let len = bytes.len() as u64;
    if len > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            bytes: len,
            limit: max_bytes,
        });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(Error::Decode {
                path: path.to_owned(),
                reason: format!("malformed {} after its byte-order mark", encoding.name()),
            });
        }
        check_text(&text, path)?;
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: label(encoding),
            diagnostics: Vec::new(),
        });
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(Error::Binary {
            path: path.to_owned(),
            reason: nul_reason(bytes, offset),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_text(text, path)?;
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "utf-8",
            diagnostics: Vec::new(),
        });
    }
    let decoded = decode_mixed(bytes).unwrap_or_else(|| decode_legacy(bytes));
    check_text(&decoded.text, path)?;
    Ok(decoded)
}

/// Explains a NUL byte; UTF-16 without a BOM has one in every other byte,
/// and saying so tells the user how to fix the file.
fn nul_reason(bytes: &[u8], offset: usize) -> String {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    // ASCII-heavy UTF-16 has a NUL in (nearly) every high byte.
    if half >= 8 && (even_nuls * 10 >= half * 9 || odd_nuls * 10 >= half * 9) {
        format!(
            "NUL byte at offset {offset}; it looks like UTF-16 without a byte-order mark (save it with a BOM or as UTF-8)"
        )
    } else {
        format!("NUL byte at offset {offset}")
    }
}

/// Reads a file that mixes UTF-8 with a legacy encoding, as happens when
/// UTF-8 paragraphs are pasted into an old windows-1252 document: valid UTF-8
/// runs stay UTF-8, the stray bytes between them are read as windows-1252.
///
/// Returns `None` when the file holds no UTF-8 characters at all (a plain
/// legacy file), or when its few "UTF-8" sequences decode to characters no
/// Norwegian text holds: those are legacy bytes that form UTF-8 by chance.
fn decode_mixed(bytes: &[u8]) -> Option<Decoded> {
    // A plain legacy file is told first without cutting it into pieces: no lead byte in it
    // is followed by a continuation byte, as every UTF-8 character outside ASCII is.
    if !may_hold_utf8_char(bytes) {
        return None;
    }
    // Counted first: a plain legacy file (no UTF-8 character) is not decoded here at all.
    let (mut utf8_chars, mut legacy_bytes, mut implausible) = (0usize, 0usize, 0usize);
    for (valid, invalid) in utf8_pieces(bytes) {
        if !valid.is_ascii() {
            for c in valid.chars().filter(|c| !c.is_ascii()) {
                utf8_chars += 1;
                implausible += usize::from(!is_plausible_western(c));
            }
        }
        legacy_bytes += invalid.len();
    }
    // A few "UTF-8" characters no Norwegian text holds, among many legacy
    // bytes, are a legacy file; a UTF-8 text in any script with a few stray
    // bytes is still a UTF-8 text.
    if utf8_chars == 0 || (implausible > 0 && utf8_chars < 4 * legacy_bytes) {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for (valid, invalid) in utf8_pieces(bytes) {
        text.push_str(valid);
        if !invalid.is_empty() {
            let (legacy, _, _) = WINDOWS_1252.decode(invalid);
            text.push_str(&legacy);
        }
    }
    let (encoding, other) = if utf8_chars >= legacy_bytes {
        ("utf-8", "windows-1252")
    } else {
        ("windows-1252", "utf-8")
    };
    Some(Decoded {
        text,
        encoding,
        diagnostics: vec![
            Diagnostic::new(
                Code::GuessedEncoding,
                format!(
                    "not valid UTF-8 and no byte-order mark; read mostly as {encoding}, partly as {other}"
                ),
                None,
            ),
            Diagnostic::new(
                Code::SuspectEncoding,
                format!(
                    "mixed encodings: {utf8_chars} character(s) were UTF-8 and {legacy_bytes} byte(s) were not; \
                     those bytes were read as windows-1252"
                ),
                None,
            ),
        ],
    })
}

/// Whether a byte of `bytes` from 0xC0 on is followed by a continuation byte
/// (0b10xx_xxxx): the shape of every UTF-8 character outside ASCII. Without one,
/// [`utf8_pieces`] finds no such character. Only the non-ASCII bytes are looked at.
fn may_hold_utf8_char(bytes: &[u8]) -> bool {
    non_ascii_positions(bytes)
        .any(|at| bytes[at] >= 0xc0 && bytes.get(at + 1).is_some_and(|&b| b & 0xc0 == 0x80))
}

/// `bytes` cut into pieces: each run of valid UTF-8 with the invalid sequence after it
/// (empty after the last run).
fn utf8_pieces(bytes: &[u8]) -> impl Iterator<Item = (&str, &[u8])> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest.take()?;
        let (valid, invalid) = match std::str::from_utf8(current) {
            Ok(valid) => (valid, &[][..]),
            Err(err) => {
                let (valid, after) = current.split_at(err.valid_up_to());
                // `valid_up_to` promises this prefix is UTF-8; decode it without a second check failing.
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let bad = err.error_len().unwrap_or(after.len());
                (valid, after.get(..bad).unwrap_or(after))
            }
        };
        if !invalid.is_empty() {
            rest = current.get(valid.len() + invalid.len()..);
        }
        Some((valid, invalid))
    })
}

/// Characters a Norwegian text written in a Western encoding can hold
/// outside ASCII: Latin-1 and Latin Extended-A letters and signs, and the
/// typographic punctuation and currency signs of the General Punctuation and
/// Currency blocks.
fn is_plausible_western(c: char) -> bool {
    matches!(c, '\u{a0}'..='\u{24f}' | '\u{2000}'..='\u{20cf}' | '\u{2122}')
}

/// Decodes a file in one legacy single-byte encoding.
fn decode_legacy(bytes: &[u8]) -> Decoded {
    if is_norwegian_windows_1252(bytes) {
        return decode_western(bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Norwegian archives: the Norwegian TLD makes windows-1252 chardetng's
    // expectation, so other scripts must win on evidence.
    let guess = detector.guess(Some(b"no"), chardetng::Utf8Detection::Deny);
    if guess != WINDOWS_1252 {
        // chardetng does not know Mac Roman; Norwegian Mac Roman text can look
        // like some other script to it, so Mac Roman gets its own chance.
        if single_byte_score(bytes, &MAC_ROMAN_CLASSES)
            > score(&guess.decode_without_bom_handling(bytes).0)
        {
            return mac_roman(bytes);
        }
        let (text, _, had_errors) = guess.decode(bytes);
        let mut decoded = Decoded::guessed(
            text,
            label(guess),
            "the most likely script by character statistics",
        );
        decoded.diagnostics.push(Diagnostic::new(
            Code::SuspectEncoding,
            format!(
                "the bytes fit no Western encoding well; {} was the best guess{}, some characters may be wrong",
                label(guess),
                if had_errors { " and some bytes are invalid in it" } else { "" }
            ),
            None,
        ));
        return decoded;
    }
    decode_western(bytes)
}

/// Whether every non-ASCII byte is one that Norwegian text in windows-1252
/// (or ISO-8859-1) uses: æ ø å Æ Ø Å, é è ü ö ä Ä Ö É, « », §, °, NBSP, and
/// the dashes, curly quotes, bullet and ellipsis of 0x85 and 0x91–0x97.
/// chardetng, given the Norwegian TLD, only confirms windows-1252 for such
/// bytes, at a fraction of the speed of this scan. Bytes where windows-1252
/// and ISO-8859-15 differ (€ ¤ ¦ ¨ ´ ¸ ¼ ½ ¾), the Mac Roman letters and the
/// positions windows-1252 leaves undefined are not in the set, so those files
/// still go to chardetng and the full choice.
fn is_norwegian_windows_1252(bytes: &[u8]) -> bool {
    static NORWEGIAN: [bool; 256] = {
        let mut table = [false; 256];
        let bytes: [u8; 27] = [
            0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0xA0, 0xA7, 0xAB, 0xB0, 0xBB, 0xC4,
            0xC5, 0xC6, 0xC9, 0xD6, 0xD8, 0xE4, 0xE5, 0xE6, 0xE8, 0xE9, 0xF6, 0xF8, 0xFC,
        ];
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        table
    };
    let ascii_letter = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let mut letters = 0usize;
    for i in non_ascii_positions(bytes) {
        let b = bytes[i];
        if !NORWEGIAN[usize::from(b)] {
            return false;
        }
        if b >= 0xc0 {
            // A letter stands in a word, an ASCII letter beside it; only `å` is a word alone.
            let in_word = ascii_letter(i.checked_sub(1)) || ascii_letter(Some(i + 1));
            let alone = matches!(b, 0xc5 | 0xe5)
                && i.checked_sub(1)
                    .and_then(|p| bytes.get(p))
                    .is_none_or(u8::is_ascii)
                && bytes.get(i + 1).is_none_or(u8::is_ascii);
            if !(in_word || alone) {
                return false;
            }
            letters += 1;
        }
    }
    // Punctuation alone does not show a Norwegian text.
    letters > 0
}

/// Chooses among the Western single-byte encodings chardetng lumps together.
///
/// - Mac Roman when it reads the letters better (`f¿r` in windows-1252 is
///   `før` in Mac Roman);
/// - windows-1252 when any byte is in 0x80–0x9F: only windows-1252 gives those
///   bytes printable meaning (– — “ ” ‘ ’ € …); in ISO-8859 they are controls;
/// - ISO-8859-15 when the eight bytes where it differs from ISO-8859-1 read
///   better as its letters and euro sign (`¤ 100` → `€ 100`);
/// - ISO-8859-1 otherwise: the narrowest name for the bytes, which windows-1252
///   would read the same way.
fn decode_western(bytes: &[u8]) -> Decoded {
    if single_byte_score(bytes, &MAC_ROMAN_CLASSES)
        > single_byte_score(bytes, &WINDOWS_1252_CLASSES)
    {
        return mac_roman(bytes);
    }
    let (latin, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    if bytes.iter().any(|b| (0x80..=0x9f).contains(b)) {
        return Decoded::guessed(
            latin,
            "windows-1252",
            "bytes in 0x80–0x9F are printable only in windows-1252",
        );
    }
    let (iso15, _) = ISO_8859_15.decode_without_bom_handling(bytes);
    if iso_8859_15_evidence(&iso15) > iso_8859_15_evidence(&latin) {
        return Decoded::guessed(
            iso15,
            "iso-8859-15",
            "its euro sign or letters (€ Š š Ž ž Œ œ Ÿ) fit the text",
        );
    }
    Decoded::guessed(
        latin,
        "iso-8859-1",
        "no byte in 0x80–0x9F, so windows-1252 reads it the same way",
    )
}

impl Decoded {
    /// A text decoded as a guessed `encoding`, with the `guessed-encoding`
    /// diagnostic that says why.
    fn guessed(text: Cow<'_, str>, encoding: &'static str, why: &str) -> Self {
        Decoded {
            text: text.into_owned(),
            encoding,
            diagnostics: vec![guessed(encoding, why)],
        }
    }
}

fn mac_roman(bytes: &[u8]) -> Decoded {
    let (text, _) = MACINTOSH.decode_without_bom_handling(bytes);
    let mut decoded = Decoded::guessed(
        text,
        "macintosh",
        "its letters fit the text better than windows-1252's",
    );
    decoded.diagnostics.push(Diagnostic::new(
        Code::SuspectEncoding,
        "the file looks like Mac Roman, an old Macintosh encoding; check æ, ø and å and convert it to UTF-8",
        None,
    ));
    decoded
}

/// The `guessed-encoding` diagnostic, with the reason for the choice.
fn guessed(encoding: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::GuessedEncoding,
        format!("not valid UTF-8 and no byte-order mark; decoded as {encoding} ({why})"),
        None,
    )
}

/// How well a decoding reads as text: non-ASCII letters inside words count
/// for it; control characters, replacement characters and symbols wedged
/// between two letters (`f¿r`, `v¾re`) count three times against it.
fn score(text: &str) -> i64 {
    score_of(non_ascii_with_neighbours(text))
}

/// [`score`] of `bytes` read in the single-byte encoding whose [`ByteClasses`] are
/// `classes`: read from the bytes, without decoding the text.
fn single_byte_score(bytes: &[u8], classes: &ByteClasses) -> i64 {
    let class_at = |at: usize| bytes.get(at).map_or(CharClass::SPACE, |&b| classes.of(b));
    non_ascii_positions(bytes)
        .map(|at| {
            let prev = at.checked_sub(1).map_or(CharClass::SPACE, class_at);
            class_score(prev, class_at(at), class_at(at + 1))
        })
        .sum()
}

/// What [`score_of`] asks of a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharClass {
    /// [`is_letter`].
    letter: bool,
    /// A control or the replacement character.
    unreadable: bool,
    /// [`is_word_internal_sign`].
    internal_sign: bool,
}

impl CharClass {
    /// The class of the space [`score`] takes for a missing neighbour.
    const SPACE: Self = Self {
        letter: false,
        unreadable: false,
        internal_sign: false,
    };

    /// The class of `c`.
    fn of(c: char) -> Self {
        Self {
            letter: is_letter(c),
            unreadable: c.is_control() || c == '\u{fffd}',
            internal_sign: is_word_internal_sign(c),
        }
    }
}

/// The [`CharClass`] of every byte read in one single-byte encoding that maps every byte
/// to one character and the ASCII bytes to themselves (windows-1252, Mac Roman): worked
/// out once, so that scoring a byte is a lookup, not a character test.
#[derive(Debug)]
struct ByteClasses([CharClass; 256]);

impl ByteClasses {
    /// The classes of the 256 bytes read in `encoding`.
    fn new(encoding: &'static Encoding) -> Self {
        let every_byte: [u8; 256] = std::array::from_fn(|b| b as u8);
        let (decoded, _) = encoding.decode_without_bom_handling(&every_byte);
        let mut chars = decoded.chars();
        Self(std::array::from_fn(|_| {
            CharClass::of(chars.next().unwrap_or('\u{fffd}'))
        }))
    }

    /// The class of the character `byte` stands for.
    fn of(&self, byte: u8) -> CharClass {
        self.0[usize::from(byte)]
    }
}

/// The [`ByteClasses`] of Mac Roman.
static MAC_ROMAN_CLASSES: LazyLock<ByteClasses> = LazyLock::new(|| ByteClasses::new(MACINTOSH));

/// The [`ByteClasses`] of windows-1252.
static WINDOWS_1252_CLASSES: LazyLock<ByteClasses> =
    LazyLock::new(|| ByteClasses::new(WINDOWS_1252));

/// The positions of the non-ASCII bytes of `bytes`, in order: eight bytes at a time,
/// the positions read from the high bits of the word ([`high_bytes`]), so that an ASCII
/// word costs one test and a non-ASCII byte no test of its own; the last bytes one by one.
fn non_ascii_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let whole_words = bytes.len() / 8;
    (0..whole_words)
        .flat_map(move |n| {
            let high = swar::load(bytes, n * 8).map_or(0, |word| word & (ONES * 0x80));
            high_bytes(high).map(move |i| n * 8 + i)
        })
        .chain((whole_words * 8..bytes.len()).filter(move |&at| !bytes[at].is_ascii()))
}

/// The lanes of `high` (a word with at most bit 7 of each byte set) whose bit 7 is set,
/// lowest first.
fn high_bytes(mut high: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let lane = (high != 0).then(|| high.trailing_zeros() as usize / 8)?;
        high &= high - 1;
        Some(lane)
    })
}

/// The score of the non-ASCII characters of a text, each with its neighbours.
fn score_of(non_ascii: impl Iterator<Item = (char, char, char)>) -> i64 {
    non_ascii
        .map(|(prev, c, next)| {
            class_score(CharClass::of(prev), CharClass::of(c), CharClass::of(next))
        })
        .sum()
}

/// The score of one non-ASCII character `c` between `prev` and `next`, by their classes.
fn class_score(prev: CharClass, c: CharClass, next: CharClass) -> i64 {
    if c.unreadable {
        -3
    } else if c.letter {
        i64::from(prev.letter || next.letter)
    } else if prev.letter && next.letter && !c.internal_sign {
        -3
    } else {
        0
    }
}

/// [`char::is_alphabetic`], with the Latin-1 letters (`ª`, `µ`, `º`, À–ÿ bar × and ÷)
/// told without its table search: most letters of a Western text are there.
fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{ff}' => {
            c.is_ascii_alphabetic()
                || matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ')
        }
        _ => c.is_alphabetic(),
    }
}

/// Every non-ASCII character with the one before and after it (a space at
/// either end). Only the bytes that start a non-ASCII character (`0b11xx_xxxx`)
/// are decoded, with their neighbours: the ASCII bulk of the text is skipped.
fn non_ascii_with_neighbours(text: &str) -> impl Iterator<Item = (char, char, char)> + '_ {
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b >= 0xC0)
        .filter_map(move |(at, _)| {
            let c = char_at(at)?;
            let prev = text.get(..at).and_then(|before| before.chars().next_back());
            let next = char_at(at + c.len_utf8());
            Some((prev.unwrap_or(' '), c, next.unwrap_or(' ')))
        })
}

/// Signs that do stand between two letters in real text.
fn is_word_internal_sign(c: char) -> bool {
    // NBSP, soft hyphen, middle dot, hyphens and dashes, apostrophes.
    matches!(
        c,
        '\u{a0}' | '\u{ad}' | '\u{b7}' | '\u{2010}'..='\u{2015}' | '\u{2018}' | '\u{2019}'
    )
}

/// Counts the places where ISO-8859-15's eight own characters make sense:
/// `€` next to a digit or a space, and its letters next to a letter. Applied
/// to the ISO-8859-1 reading of the same bytes, it counts `¤ ¦ ¨ ´ ¸ ¼ ½ ¾`
/// used the way ISO-8859-1 intends (fractions after digits, accents alone).
fn iso_8859_15_evidence(text: &str) -> usize {
    non_ascii_with_neighbours(text)
        .filter(|&(prev, c, next)| match c {
            '€' => prev.is_ascii_digit() || next.is_ascii_digit() || prev == ' ' || next == ' ',
            'Š' | 'š' | 'Ž' | 'ž' | 'Œ' | 'œ' | 'Ÿ' => is_letter(prev) || is_letter(next),
            '¼' | '½' | '¾' => prev.is_ascii_digit() || next.is_ascii_digit(),
            '¦' | '¨' | '´' | '¸' => !is_letter(prev) && !is_letter(next),
            _ => false,
        })
        .count()
}

/// The model records lowercase labels; encoding_rs names some encodings in upper case.
fn label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "ISO-8859-2" => "iso-8859-2",
        "ISO-8859-4" => "iso-8859-4",
        "ISO-8859-5" => "iso-8859-5",
        "ISO-8859-6" => "iso-8859-6",
        "ISO-8859-7" => "iso-8859-7",
        "ISO-8859-8" => "iso-8859-8",
        "ISO-8859-13" => "iso-8859-13",
        "ISO-8859-15" => "iso-8859-15",
        "IBM866" => "ibm866",
        "KOI8-U" => "koi8-u",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "Big5" => "big5",
        "GBK" => "gbk",
        // windows-125x, macintosh, x-mac-cyrillic, koi8-r, ... are lowercase already.
        other => other,
    }
}

/// Refuses decoded text that is mostly control characters: binary data
/// that happened to decode (e.g. an image behind a UTF-16 BOM).
fn check_text(text: &str, path: &Path) -> Result<(), Error> {
    let sample = sample_of(text);
    let control = count_controls(sample);
    // Most texts hold no control character: their characters need no counting.
    if control > 0 {
        let total = sample.iter().filter(|&&b| b & 0xc0 != 0x80).count();
        if control * 10 > total {
            return Err(Error::Binary {
                path: path.to_owned(),
                reason: format!("{control} of the first {total} characters are control characters"),
            });
        }
    }
    Ok(())
}

/// The UTF-8 bytes of the first 64K characters of `text`, which [`check_text`] weighs.
/// A character starts at every byte that is not a continuation byte (0b10xx_xxxx).
fn sample_of(text: &str) -> &[u8] {
    const SAMPLE_CHARS: usize = 64 * 1024;
    if text.len() <= SAMPLE_CHARS {
        return text.as_bytes();
    }
    let end = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    &text.as_bytes()[..end]
}

/// Counts the control and replacement characters of the UTF-8 `sample` (line ends, tabs
/// and form feeds are text): the control characters (Cc) are the bytes below 0x20 and
/// 0x7f, and U+0080–U+009F (0xC2 0x80–0x9F); U+FFFD is 0xEF 0xBF 0xBD.
fn count_controls(sample: &[u8]) -> usize {
    let ascii_controls = if has_ascii_control(sample) {
        // Counted in chunks of 240 bytes (a whole number of SIMD vectors) into `u8`
        // sums, which the compiler turns into SIMD compares.
        sample
            .chunks(240)
            .map(|chunk| {
                let controls = chunk
                    .iter()
                    .fold(0u8, |n, &b| n + u8::from(is_text_control(b)));
                usize::from(controls)
            })
            .sum()
    } else {
        0
    };
    let other = memchr::memchr2_iter(0xc2, 0xef, sample)
        .filter(|&i| match sample.get(i + 1..) {
            Some([0x80..=0x9f, ..]) => sample[i] == 0xc2,
            Some([0xbf, 0xbd, ..]) => sample[i] == 0xef,
            _ => false,
        })
        .count();
    ascii_controls + other
}

/// Whether `sample` holds a byte [`is_text_control`] says yes to: a test of 32 bytes at a
/// time that the compiler turns into SIMD compares, so that a text without control
/// characters, as most are, is passed over without counting.
fn has_ascii_control(sample: &[u8]) -> bool {
    let mut blocks = sample.chunks_exact(32);
    let found = blocks.any(|block| {
        let flags = block
            .iter()
            .fold(0u8, |flags, &b| flags | u8::from(is_text_control(b)));
        flags != 0
    });
    found || blocks.remainder().iter().any(|&b| is_text_control(b))
}

/// Whether byte `b` is an ASCII control character that is no text: below 0x20 but
/// `\t`, `\n`, form feed and `\r`, or 0x7F. Written as ranges the compiler compares
/// in SIMD lanes: below 0x09, 0x0B, 0x0E–0x1F, 0x7F.
fn is_text_control(b: u8) -> bool {
    (b < 0x09) | (b == 0x0b) | (b.wrapping_sub(0x0e) < 0x12) | (b == 0x7f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_controls_are_the_ascii_controls_but_tab_line_ends_and_form_feed() {
        for b in 0..=u8::MAX {
            let expected = b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r');
            assert_eq!(is_text_control(b), expected, "{b:#x}");
            // Found anywhere in a text of a few blocks, and counted.
            for at in [0, 31, 32, 70, 99] {
                let mut text = vec![b'a'; 100];
                text[at] = b;
                assert_eq!(has_ascii_control(&text), expected, "{b:#x} at {at}");
                assert_eq!(
                    count_controls(&text),
                    usize::from(expected),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    const NORWEGIAN: &str = "Avtale mellom regjeringen og KS om kvalitet i førskolen. \
        Partene er enige om å styrke kompetansen. Kjære alle: «Vi skal være til stede», sa Ørjan Åsen.";

    fn decode_ok(bytes: &[u8]) -> Decoded {
        decode(bytes, Path::new("t.txt"), DEFAULT_MAX_BYTES).expect("decodes")
    }

    fn codes(d: &Decoded) -> Vec<Code> {
        d.diagnostics.iter().map(|d| d.code).collect()
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "test text must be encodable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn utf8_with_and_without_bom_is_certain() {
        for bytes in [
            NORWEGIAN.as_bytes().to_vec(),
            [b"\xef\xbb\xbf", NORWEGIAN.as_bytes()].concat(),
        ] {
            let d = decode_ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding), (NORWEGIAN, "utf-8"));
            assert!(
                d.diagnostics.is_empty(),
                "no guess was made: {:?}",
                d.diagnostics
            );
        }
    }

    #[test]
    fn utf16_with_bom_in_both_byte_orders() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(NORWEGIAN.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(NORWEGIAN.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            (decode_ok(&le).text.as_str(), decode_ok(&le).encoding),
            (NORWEGIAN, "utf-16le")
        );
        assert_eq!(
            (decode_ok(&be).text.as_str(), decode_ok(&be).encoding),
            (NORWEGIAN, "utf-16be")
        );
    }

    #[test]
    fn windows_1252_is_chosen_when_its_punctuation_is_used() {
        let text = format!("{NORWEGIAN} Perioden 2019–2023 – “gjennomført”.");
        let d = decode_ok(&encoded(WINDOWS_1252, &text));
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (text.as_str(), "windows-1252")
        );
        assert_eq!(
            codes(&d),
            [Code::GuessedEncoding],
            "a guess, but not a suspect one"
        );
    }

    #[test]
    fn latin_letters_alone_are_named_iso_8859_1() {
        let d = decode_ok(&encoded(WINDOWS_1252, NORWEGIAN));
        assert_eq!((d.text.as_str(), d.encoding), (NORWEGIAN, "iso-8859-1"));
        assert_eq!(codes(&d), [Code::GuessedEncoding]);
    }

    #[test]
    fn a_euro_sign_makes_it_iso_8859_15() {
        let text = format!("{NORWEGIAN} Tilskuddet er € 100 000 per kommune.");
        let d = decode_ok(&encoded(ISO_8859_15, &text));
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (text.as_str(), "iso-8859-15")
        );
    }

    #[test]
    fn a_fraction_after_a_digit_stays_iso_8859_1() {
        let text = format!("{NORWEGIAN} Det gjelder 2½ årsverk.");
        let d = decode_ok(&encoded(WINDOWS_1252, &text));
        assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), "iso-8859-1"));
    }

    proptest::proptest! {
        /// `non_ascii_positions` finds what a byte-by-byte test finds.
        #[test]
        fn non_ascii_positions_are_the_bytewise_ones(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![4 => 0x20u8..0x7f, 1 => proptest::num::u8::ANY],
                0..80,
            ),
        ) {
            let bytewise: Vec<usize> = (0..bytes.len()).filter(|&at| !bytes[at].is_ascii()).collect();
            proptest::prop_assert_eq!(non_ascii_positions(&bytes).collect::<Vec<_>>(), bytewise);
        }

        #[test]
        fn a_text_that_may_hold_no_utf8_char_holds_none(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => 0x20u8..0x7f,
                    1 => proptest::sample::select(vec![0x80u8, 0x93, 0xa5, 0xbf, 0xc3, 0xc5, 0xe2, 0xe6, 0xf0, 0xf8]),
                    1 => proptest::num::u8::ANY,
                ],
                0..40,
            ),
        ) {
            let utf8_chars: usize = utf8_pieces(&bytes)
                .map(|(valid, _)| valid.chars().filter(|c| !c.is_ascii()).count())
                .sum();
            if !may_hold_utf8_char(&bytes) {
                proptest::prop_assert_eq!(utf8_chars, 0);
            }
        }
    }

    #[test]
    fn single_byte_score_is_the_score_of_the_decoded_text() {
        let every_byte: Vec<u8> = (0..=255).collect();
        let samples = [
            every_byte.as_slice(),
            b"\xe6rlig \x8a \xbe n\xf8kkel \xbf\xcf \x80 100\xe5",
            b"\x81\x8d",
            b"",
            b"\xe9",
        ];
        for bytes in samples {
            for (encoding, classes) in [
                (WINDOWS_1252, &*WINDOWS_1252_CLASSES),
                (MACINTOSH, &*MAC_ROMAN_CLASSES),
            ] {
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                assert_eq!(single_byte_score(bytes, classes), score(&text), "{bytes:?}");
            }
        }
    }

    #[test]
    fn mac_roman_is_read_and_flagged() {
        let d = decode_ok(&encoded(MACINTOSH, NORWEGIAN));
        assert_eq!((d.text.as_str(), d.encoding), (NORWEGIAN, "macintosh"));
        assert_eq!(codes(&d), [Code::GuessedEncoding, Code::SuspectEncoding]);
    }

    #[test]
    fn mixed_utf8_and_windows_1252_keeps_both_and_is_flagged() {
        let bytes = [
            NORWEGIAN.as_bytes(),
            b" Tilf\xf8yd senere: m\xe5l og \x96 tiltak.",
        ]
        .concat();
        let d = decode_ok(&bytes);
        assert_eq!(
            d.text,
            format!("{NORWEGIAN} Tilføyd senere: mål og – tiltak.")
        );
        assert_eq!(d.encoding, "utf-8", "most non-ASCII characters were UTF-8");
        assert_eq!(codes(&d), [Code::GuessedEncoding, Code::SuspectEncoding]);
    }

    #[test]
    fn utf8_in_another_script_with_a_stray_byte_stays_utf8() {
        let text = "Соглашение между правительством и муниципалитетами";
        let d = decode_ok(&[text.as_bytes(), b" \xff"].concat());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            (format!("{text} ÿ").as_str(), "utf-8")
        );
        assert_eq!(codes(&d), [Code::GuessedEncoding, Code::SuspectEncoding]);
    }

    #[test]
    fn legacy_bytes_that_form_utf8_by_chance_are_not_mixed() {
        // In windows-1252, "Ø" + NBSP is D8 A0, which is valid UTF-8 (an
        // Arabic letter): no Norwegian text holds that, so the whole file is
        // windows-1252.
        let bytes = b"\xd8\xa0ystein m\xf8ter \x93alle\x94";
        let d = decode_ok(bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Ø\u{a0}ystein møter “alle”", "windows-1252")
        );
    }

    #[test]
    fn nul_bytes_are_binary_and_bomless_utf16_is_named() {
        let err = decode(b"PK\x03\x04\x00\x00", Path::new("a.docx"), 1024).expect_err("binary");
        assert!(matches!(err, Error::Binary { .. }), "{err}");
        let utf16: Vec<u8> = NORWEGIAN
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = decode(&utf16, Path::new("b.txt"), 1024).expect_err("binary");
        assert!(
            err.to_string().contains("UTF-16 without a byte-order mark"),
            "{err}"
        );
    }

    #[test]
    fn control_heavy_text_is_binary() {
        let bytes: Vec<u8> = (1u8..=255).cycle().take(4096).collect();
        let err = decode(&bytes, Path::new("r.bin"), 1 << 20).expect_err("binary");
        assert!(matches!(err, Error::Binary { .. }), "{err}");
    }

    #[test]
    fn the_size_limit_is_checked_first() {
        let err = decode(b"\0\0\0\0", Path::new("big.txt"), 3).expect_err("too large");
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    bytes: 4,
                    limit: 3,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn malformed_utf16_after_a_bom_is_a_decode_error() {
        // A lone high surrogate.
        let err =
            decode(b"\xff\xfeA\x00\x00\xd8", Path::new("s.txt"), 1024).expect_err("malformed");
        assert!(matches!(err, Error::Decode { .. }), "{err}");
    }

    #[test]
    fn empty_input_is_empty_utf8_text() {
        let d = decode_ok(b"");
        assert_eq!((d.text.as_str(), d.encoding), ("", "utf-8"));
    }

    #[test]
    fn norwegian_windows_1252_skips_the_detector_only_when_it_reads_as_norwegian() {
        let text = format!("{NORWEGIAN} Perioden 2019–2023 – “gjennomført” § 3, 20 °C … å se.");
        assert!(is_norwegian_windows_1252(&encoded(WINDOWS_1252, &text)));
        // Letters outside words, punctuation without letters, and bytes where
        // the Western encodings differ go to chardetng.
        assert!(!is_norwegian_windows_1252(b"\xd8\xd8 og \xe6"));
        assert!(!is_norwegian_windows_1252(b"Qwerty (\x93\xa7 the"));
        assert!(!is_norwegian_windows_1252(b"f\xf8r \xa4 100"));
        assert!(!is_norwegian_windows_1252(&encoded(MACINTOSH, NORWEGIAN)));
    }

    #[test]
    fn cyrillic_is_decoded_but_suspect() {
        let text = "Соглашение между правительством и муниципалитетами о качестве услуг";
        let d = decode_ok(&encoded(encoding_rs::WINDOWS_1251, text));
        assert_eq!((d.text.as_str(), d.encoding), (text, "windows-1251"));
        assert_eq!(codes(&d), [Code::GuessedEncoding, Code::SuspectEncoding]);
    }
}
