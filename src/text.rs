//! Raw source text → normalized values for reading, and slugs for ids.
//!
//! Normalization is applied to values only, never to spans: markdown emphasis
//! markers and leading bullets are stripped, runs of white space (NBSP and
//! other Unicode spaces included) collapse to one space, soft hyphens go.

use crate::swar::{self, ONES};

/// Normalizes a raw source fragment for reading.
///
/// ```
/// use avtale::text::normalize;
/// assert_eq!(normalize("## **Tjenestene**"), "Tjenestene");
/// assert_eq!(normalize("  •\u{a0} elektronisk\u{ad}samhandling  "), "elektronisksamhandling");
/// // A word hyphenated at a line break is joined; a hyphen before "og" is kept.
/// assert_eq!(normalize("*den kommunale* helse-\ntjenesten"), "den kommunale helsetjenesten");
/// assert_eq!(normalize("Helse-\nog omsorgsdepartementet"), "Helse- og omsorgsdepartementet");
/// // The quote marks of a quoted e-mail go with the line breaks.
/// assert_eq!(normalize("Avtalen gjelder\n> > fra 2023."), "Avtalen gjelder fra 2023.");
/// ```
pub fn normalize(raw: &str) -> String {
    let body = strip_line_marks(trim_space(raw));
    if !needs_work(body) {
        // Most lines of running text have nothing to strip or collapse: one copy.
        return body.to_owned();
    }
    normalize_by_chars(body)
}

/// [`normalize`]'s work on a body already trimmed and stripped of its line marks,
/// character by character but for the runs [`copied_run`] copies as they are.
fn normalize_by_chars(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut pending_space = false;
    let mut prev = ' ';
    let mut at = 0;
    while let Some(rest) = body.get(at..).filter(|rest| !rest.is_empty()) {
        let run = copied_run(rest.as_bytes());
        if let Some(copied) = rest.get(..run).filter(|r| !r.is_empty()) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(copied);
            prev = copied.chars().next_back().unwrap_or(prev);
            at += run;
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next().unwrap_or(' ');
        let after = at + c.len_utf8();
        if c == '-'
            && let Some(resume) = hyphenated_break(body, at, &out)
        {
            at = resume;
            prev = c;
            continue;
        }
        at = after;
        if is_space(c) {
            // The quote marks of a quoted e-mail line (`\n> `) go with the line break.
            if c == '\n' {
                let rest = &body[at..];
                at += rest
                    .find(|n: char| n != '>' && !is_space(n))
                    .unwrap_or(rest.len());
            }
            pending_space = !out.is_empty();
            prev = c;
            continue;
        }
        let invisible = matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}');
        // Emphasis markers: `*` anywhere (agreements never use it literally),
        // `_` only at a word edge so that `snake_case` survives.
        let emphasis =
            c == '*' || (c == '_' && !(prev.is_alphanumeric() && next.is_alphanumeric()));
        prev = c;
        if invisible || emphasis {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The length of the run at the start of `rest` that [`normalize`] copies as it is:
/// bytes [`needs_work_at`] cannot say yes to and that are not a hyphen, and single
/// spaces between two such bytes (a space that ends or starts the run, or stands
/// before a hyphen, is left to the character loop). It ends on a character boundary,
/// since every byte that ends it is ASCII or starts a character.
fn copied_run(rest: &[u8]) -> usize {
    let plain = |b: u8| !MAY_NEED_WORK[usize::from(b)] && b != b'-';
    let mut len = 0;
    while let Some(&b) = rest.get(len) {
        let inner_space = b == b' ' && len > 0 && rest.get(len + 1).is_some_and(|&n| plain(n));
        if !plain(b) && !inner_space {
            break;
        }
        len += 1;
    }
    len
}

/// Where a word hyphenated at a line break goes on (`kommune-` / `sektoren`), when the
/// hyphen at byte `at` of `s` is one: it ends a line, follows two lower-case letters of
/// `done` (the output so far), and the next line goes on in lower case with something
/// else than a conjunction (`Helse-` / `og omsorgsdepartementet` keeps its hyphen).
fn hyphenated_break(s: &str, at: usize, done: &str) -> Option<usize> {
    let mut before = done.chars().rev();
    let word_before = before.next().is_some_and(char::is_lowercase)
        && before.next().is_some_and(char::is_alphabetic);
    let rest = s.get(at + 1..)?;
    let after_space = rest.trim_start_matches([' ', '\t']);
    let next_line = after_space
        .strip_prefix("\r\n")
        .or_else(|| after_space.strip_prefix('\n'))?;
    let word_start = next_line.trim_start_matches(is_space);
    let word: &str = word_start
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let goes_on = word.chars().next().is_some_and(char::is_lowercase)
        && !matches!(word, "og" | "eller" | "samt" | "enn");
    (word_before && goes_on).then(|| s.len() - word_start.len())
}

/// The bytes [`needs_work_at`] can say yes to, whatever follows them; all
/// others (letters, digits, most punctuation) are passed over at one lookup each.
static MAY_NEED_WORK: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let mut next = 0;
        while next < 256 && !table[c] {
            table[c] = needs_work_at(c as u8, Some(next as u8));
            next += 1;
        }
        table[c] |= needs_work_at(c as u8, None);
        c += 1;
    }
    table
};

/// Whether `s` holds anything `normalize` changes: emphasis marks, white space other
/// than single ASCII spaces, NBSP and other Unicode spaces, soft hyphens, zero-width
/// characters. A byte scan, so that the common case costs no char decoding: blocks of
/// [`BLOCK`] bytes by [`block_may_need_work`], the last one ending at the text's end and
/// overlapping the one before, a text shorter than a block filled up with a letter; only
/// a block it flags is tested byte by byte.
fn needs_work(s: &str) -> bool {
    let b = s.as_bytes();
    let flagged = |at: usize, block: &[u8; BLOCK + 1]| {
        block_may_need_work(block) && (at..at + BLOCK).any(|i| needs_work_in(b, i))
    };
    // The block at `at` with the byte after it, which the block's last byte is tested
    // with; at the text's end a letter stands for it.
    let padded = |at: usize| {
        let mut block = [b'a'; BLOCK + 1];
        let end = b.len().min(at + BLOCK);
        block[..end - at].copy_from_slice(&b[at..end]);
        block
    };
    let Some(last) = b.len().checked_sub(BLOCK) else {
        return flagged(0, &padded(0));
    };
    (0..b.len())
        .step_by(BLOCK)
        .map(|at| at.min(last))
        .any(|at| match b[at..].first_chunk() {
            Some(block) => flagged(at, block),
            None => flagged(at, &padded(at)),
        })
}

/// How many bytes [`block_may_need_work`] tests at once.
const BLOCK: usize = 32;

/// Whether one of the first [`BLOCK`] bytes of `block` may start something [`normalize`]
/// changes (the last byte of `block` is only the next byte of the one before it). Flags
/// every byte [`needs_work_at`] can say yes to (a space only before a space), and a few
/// others: the control bytes below `\t` and every lead byte `0xE_`; by comparisons of
/// each byte that the compiler turns into SIMD instructions over the whole block.
fn block_may_need_work(block: &[u8; BLOCK + 1]) -> bool {
    let mut flags = 0u8;
    // Indexes into the array, so that the compiler knows the trip count: no loop for
    // a remainder around the SIMD compares.
    for i in 0..BLOCK {
        let (c, n) = (block[i], block[i + 1]);
        let flagged = (c < 0x0e)
            | (c == b'*')
            | (c == b'_')
            | (c == 0xc2)
            | (c & 0xf0 == 0xe0)
            | ((c == b' ') & (n == b' '));
        flags |= u8::from(flagged);
    }
    flags != 0
}

/// Bit 7 set in the zero bytes of `x`: exactly at the lowest such byte, maybe also
/// above it (a borrow runs on only past one). Zero when there is none.
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & (ONES * 0x80)
}

/// Whether the byte at `i` of `b` starts something [`normalize`] changes: the byte and
/// the one after it by [`needs_work_at`]; for `0xE2`, the lead byte of the General
/// Punctuation block, the third byte too, so that dashes, quotation marks, bullets and
/// ellipses (`–`, `“`, `•`, `…`), which running text holds often and [`normalize`] keeps,
/// do not send a text to the character loop.
fn needs_work_in(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| {
        MAY_NEED_WORK[usize::from(c)]
            && needs_work_at(c, b.get(i + 1).copied())
            && (c != 0xE2 || changes_punctuation(b.get(i + 1..i + 3)))
    })
}

/// Whether the General Punctuation character `0xE2` followed by `rest` (its two other
/// bytes) is one [`normalize`] changes: U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
/// (white space by [`is_space`]) and U+200B (zero-width space). A character cut short
/// counts as changed.
fn changes_punctuation(rest: Option<&[u8]>) -> bool {
    match rest {
        Some(&[second, third]) => matches!(
            (second, third),
            (0x80, 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
        ),
        _ => true,
    }
}

/// Whether byte `c`, followed by `next`, may start something [`normalize`] changes:
/// exactly so but for `0xE2`, which [`needs_work_in`] tests further.
const fn needs_work_at(c: u8, next: Option<u8>) -> bool {
    match c {
        b'*' | b'_' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
        b' ' => matches!(next, Some(b' ')),
        // U+0085, U+00A0 (NBSP), U+00AD (soft hyphen)
        0xC2 => matches!(next, Some(0x85 | 0xA0 | 0xAD)),
        // U+1680; U+2000..U+206F (Unicode spaces, zero-width space, U+202F); U+3000; U+FEFF
        0xE1 => matches!(next, Some(0x9A)),
        0xE2 => matches!(next, Some(0x80 | 0x81)),
        0xE3 => matches!(next, Some(0x80)),
        0xEF => matches!(next, Some(0xBB)),
        _ => false,
    }
}

/// `s` without white space at either end; most texts start and end with a printable ASCII
/// byte, which is tested first.
fn trim_space(s: &str) -> &str {
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(s.as_bytes().first()) && graphic(s.as_bytes().last()) {
        s
    } else {
        s.trim_matches(is_space)
    }
}

/// Strips leading markdown heading marks (`## `), bullets (`- `, `• `, `* `, `– `)
/// and block-quote marks from a single line, returning the rest.
fn strip_line_marks(s: &str) -> &str {
    // Every mark starts with one of these bytes (`•` and `–` with 0xE2).
    if !s
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'#' | b'-' | b'*' | b'>' | 0xe2))
    {
        return s;
    }
    let mut s = s;
    let t = s.trim_start_matches('#');
    if t.len() != s.len() && t.starts_with(is_space) {
        s = t.trim_start_matches(is_space);
    }
    for bullet in ["- ", "• ", "•\u{a0}", "* ", "– ", "> "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            return rest.trim_start_matches(is_space);
        }
    }
    s
}

/// `s` lowercased, exactly as [`str::to_lowercase`] does, without its per-character
/// table search for the letters of this genre: ASCII is lowercased in one pass and
/// Latin-1 capitals (Æ, Ø, Å, É) by their second byte; other characters are looked
/// up one by one, and a text where one of them changes (`Σ`, whose lowercase depends
/// on its neighbours, among them) is left to [`str::to_lowercase`] whole.
///
/// ```
/// use avtale::text::lowercase;
/// assert_eq!(lowercase("Ærlig KS – Øst"), "ærlig ks – øst");
/// assert_eq!(lowercase("ΟΔΟΣ İ"), "ΟΔΟΣ İ".to_lowercase());
/// ```
pub fn lowercase(s: &str) -> String {
    let mut out = s.to_owned();
    out.make_ascii_lowercase();
    if s.is_ascii() {
        return out;
    }
    let mut at = 0;
    while let Some(found) = s.as_bytes()[at..].iter().position(|&b| !b.is_ascii()) {
        let lead = at + found;
        let Some(c) = s[lead..].chars().next() else {
            break;
        };
        at = lead + c.len_utf8();
        if is_latin1_capital(c) {
            // À–Þ (bar ×) lowercase to the character 0x20 further on, of the same length.
            let lower = char::from_u32(u32::from(c) + 0x20).unwrap_or(c);
            out.replace_range(lead..at, lower.encode_utf8(&mut [0; 4]));
        } else if c > '\u{ff}' && !lowercases_to_itself(c) {
            return s.to_lowercase();
        }
    }
    out
}

/// Whether `c` is a Latin-1 capital (À–Þ, bar ×): the only characters of U+0080–U+00FF
/// that lowercasing changes.
pub(crate) fn is_latin1_capital(c: char) -> bool {
    ('\u{c0}'..='\u{de}').contains(&c) && c != '\u{d7}'
}

/// Whether `c`, lowercased on its own, is `c` alone (`Σ` is not: it becomes `σ`).
pub(crate) fn lowercases_to_itself(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// White space as this genre uses it: ASCII, NBSP, and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
}

/// Whether `word` ends with `suffix`, the last bytes compared first: most words asked
/// about end otherwise, and one byte costs less than a slice comparison.
///
/// ```
/// use avtale::text::ends_with_last_byte_first;
/// assert!(ends_with_last_byte_first("samarbeidsavtalen", "avtalen"));
/// assert!(!ends_with_last_byte_first("avtale", "avtalen"));
/// ```
pub fn ends_with_last_byte_first(word: &str, suffix: &str) -> bool {
    suffix
        .as_bytes()
        .last()
        .is_none_or(|last| word.as_bytes().last() == Some(last))
        && word.ends_with(suffix)
}

/// Whether a line holds nothing but white space (NBSP included).
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| is_space(c) || c == '\u{feff}')
}

/// Whether `text` has at most `n` words (runs of non-white-space). Counting
/// stops after word `n + 1`: a long paragraph is not counted to its end; a text
/// shorter than `2n` bytes is not counted at all (a word takes a byte and the white
/// space after it another, so `len` bytes hold at most `(len + 1) / 2` words).
///
/// ```
/// use avtale::text::has_at_most_words;
/// assert!(has_at_most_words("KS vil", 2));
/// assert!(!has_at_most_words("Partene vil i fellesskap", 3));
/// ```
pub fn has_at_most_words(text: &str, n: usize) -> bool {
    text.len().div_ceil(2) <= n || count_words_up_to(text, n.saturating_add(1)) <= n
}

/// Whether `text` has at least `n` words; counting stops at word `n`.
///
/// ```
/// assert!(avtale::text::has_at_least_words("Partene er enige", 3));
/// assert!(!avtale::text::has_at_least_words("KS vil", 3));
/// ```
pub fn has_at_least_words(text: &str, n: usize) -> bool {
    count_words_up_to(text, n) == n
}

/// How many words (runs of non-white-space, as [`str::split_whitespace`] splits them)
/// `text` has, counted up to `limit`. Eight bytes at a time where they hold no lead byte
/// of a white-space character outside ASCII (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000); such a character is decoded on its own.
///
/// ```
/// use avtale::text::count_words_up_to;
/// assert_eq!(count_words_up_to(" KS\u{a0}vil  bidra\n", usize::MAX), 3);
/// assert_eq!(count_words_up_to("Partene vil i fellesskap", 2), 2);
/// ```
pub fn count_words_up_to(text: &str, limit: usize) -> usize {
    const HIGH: u64 = ONES * 0x80;
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut at) = (0, false, 0);
    while count < limit
        && let Some(&b) = bytes.get(at)
    {
        if let Some(word) = swar::load(bytes, at).filter(|&w| unicode_space_leads(w) == 0) {
            let space = ascii_spaces(word);
            // A word starts at a byte that is no space after one that is.
            let after_space = (space << 8) | (u64::from(!in_word) << 7);
            count += (!space & HIGH & after_space).count_ones() as usize;
            in_word = space >> 63 == 0;
            at += 8;
            continue;
        }
        let (space, len) = match b {
            b' ' | b'\t'..=b'\r' => (true, 1),
            0xc2 | 0xe1 | 0xe2 | 0xe3 => text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            _ => (false, 1),
        };
        count += usize::from(!space && !in_word);
        in_word = !space;
        at += len;
    }
    count.min(limit)
}

/// Bit 7 of each byte of `word` set where the byte is ASCII white space (` `, `\t`–`\r`),
/// clear elsewhere. Exact per byte: no addition carries out of a byte.
fn ascii_spaces(word: u64) -> u64 {
    const HIGH: u64 = ONES * 0x80;
    let low = word & (ONES * 0x7f);
    // Bit 7 set where the low seven bits are at least `n`.
    let at_least = |n: u64| (low + ONES * (0x80 - n)) & HIGH;
    let not_space = ((low ^ (ONES * u64::from(b' '))) + ONES * 0x7f) & HIGH;
    let controls = at_least(u64::from(b'\t')) & !at_least(u64::from(b'\r') + 1);
    !word & HIGH & (!not_space | controls)
}

/// Non-zero when `word` may hold the lead byte of a white-space character outside ASCII:
/// `0xC2` or any of `0xE0`–`0xEF` (never a miss, sometimes a false alarm).
fn unicode_space_leads(word: u64) -> u64 {
    zero_bytes(word ^ (ONES * 0xc2)) | zero_bytes((word ^ (ONES * 0xe0)) & (ONES * 0xf0))
}

/// Turns a heading into an id slug: lowercase ASCII letters and digits joined by `-`,
/// with æ/ø/å transliterated so ids stay readable.
///
/// ```
/// assert_eq!(avtale::text::slugify("Personell, kompetanse og ledelse"), "personell-kompetanse-og-ledelse");
/// assert_eq!(avtale::text::slugify("Økt samordning:"), "okt-samordning");
/// assert_eq!(avtale::text::slugify("Formål"), "formal");
/// ```
pub fn slugify(s: &str) -> String {
    // Every byte pushed is ASCII: the slug is built as bytes.
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII is lowercased on its own: `char::to_lowercase`'s iterator costs more.
        if let Some(&slug_byte) = ASCII_SLUG_BYTES.get(usize::from(b)) {
            if slug_byte == 0 {
                push_slug_dash(&mut out);
            } else {
                out.push(slug_byte);
            }
            at += 1;
            continue;
        }
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        c.to_lowercase()
            .for_each(|lower| push_slug_char(&mut out, lower));
        at += c.len_utf8();
    }
    while out.last() == Some(&b'-') {
        out.pop();
    }
    String::from_utf8(out).expect("a slug is ASCII")
}

/// What [`slugify`] makes of each ASCII byte: an ASCII letter lowercased, a digit kept,
/// 0 for any other byte (a `-`).
const ASCII_SLUG_BYTES: [u8; 128] = {
    let mut table = [0; 128];
    let mut b: u8 = 0;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Appends the lowercase character `c` to a slug: kept, transliterated, or one `-`.
fn push_slug_char(out: &mut Vec<u8>, c: char) {
    let mapped: &[u8] = match c {
        'æ' => b"ae",
        'ø' | 'ö' => b"o",
        'å' | 'á' | 'à' | 'ä' => b"a",
        'é' | 'è' | 'ê' => b"e",
        'ü' => b"u",
        c if c.is_ascii_alphanumeric() => {
            out.push(c as u8);
            return;
        }
        _ => {
            push_slug_dash(out);
            return;
        }
    };
    out.extend_from_slice(mapped);
}

/// Appends one `-` to a slug, unless it is empty or ends in one already.
fn push_slug_dash(out: &mut Vec<u8>) {
    if out.last().is_some_and(|&b| b != b'-') {
        out.push(b'-');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`slugify`] char by char, as it was written before it went by bytes.
    fn slugify_by_chars(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            let mapped = match c {
                'æ' => "ae",
                'ø' | 'ö' => "o",
                'å' | 'á' | 'à' | 'ä' => "a",
                'é' | 'è' | 'ê' => "e",
                'ü' => "u",
                c if c.is_ascii_alphanumeric() => {
                    out.push(c);
                    continue;
                }
                _ => "-",
            };
            if mapped != "-" {
                out.push_str(mapped);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn slugify_by_bytes_is_slugify_by_chars(
            heading in proptest::prop_oneof![
                r"[A-Za-z0-9 ,.:/()\-ÆØÅæøåÉéèÜüÖöÄä\u{212a}\u{130}\u{a0}–§]{0,24}",
                "\\PC{0,16}",
            ],
        ) {
            proptest::prop_assert_eq!(slugify(&heading), slugify_by_chars(&heading));
        }

        #[test]
        fn the_last_byte_test_ends_as_ends_with_does(word in "[abæ]{0,6}", suffix in "[abæ]{0,3}") {
            proptest::prop_assert_eq!(
                ends_with_last_byte_first(&word, &suffix),
                word.ends_with(&suffix)
            );
        }
    }

    #[test]
    fn lowercase_is_to_lowercase_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("A{c}b {c}Æ{c}");
            assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
        }
        for s in ["ΟΔΟΣ", "ΟΔΟΣ ΚΑΙ", "Σ", "AΣB", "İstanbul Øst"] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    #[test]
    fn the_block_test_flags_every_byte_pair_the_byte_test_does() {
        for c in 0..=u8::MAX {
            for n in 0..=u8::MAX {
                for at in [0, BLOCK - 1] {
                    let mut block = [b'a'; BLOCK + 1];
                    (block[at], block[at + 1]) = (c, n);
                    if needs_work_at(c, Some(n)) {
                        assert!(block_may_need_work(&block), "{c:#x} {n:#x} at {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn needs_work_is_the_byte_test_at_every_position() {
        let by_byte = |s: &str| (0..s.len()).any(|i| needs_work_in(s.as_bytes(), i));
        let marks = [
            "*", "_", "\t", "\n", "\r", "\u{b}", "\u{c}", "  ", " ", "\u{a0}", "\u{ad}", "\u{85}",
            "\u{200b}", "\u{2003}", "\u{3000}", "\u{feff}", "\u{1680}", "æ", "€", "\u{1}", "«",
            "–", "“", "…", "\u{2028}", "\u{202f}", "\u{205f}", "\u{2060}",
        ];
        // Up to two blocks and a word or two: every path of the scan, a mark anywhere.
        let letters = "abcdefghijklmnopqrstuvwxyz".repeat(4);
        for len in 0..BLOCK * 2 + 20 {
            let plain = letters[..len].to_owned();
            for at in 0..=len {
                for mark in marks {
                    let s = format!("{}{mark}{}", &plain[..at], &plain[at..]);
                    assert_eq!(needs_work(&s), by_byte(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn a_text_that_needs_no_work_is_kept_by_the_character_loop() {
        // Every character, alone, between letters, between spaces and at the end.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!("a {c} b"),
                format!("ab{c}"),
            ] {
                let body = strip_line_marks(trim_space(&s));
                if !needs_work(body) {
                    assert_eq!(normalize_by_chars(body), body, "{c:?} in {s:?}");
                }
            }
        }
    }

    #[test]
    fn word_counts_are_split_whitespace_counts() {
        let texts = [
            "",
            " ",
            "KS vil",
            " KS\u{a0}vil  bidra\n",
            "a\u{2003}b\u{3000}c\u{85}d\u{1680}e\u{2028}f\u{202f}g\u{205f}h\u{b}i",
            "«Vi» – sier «de»\u{ad}x \u{feff} \u{200b}",
            "æ ø å\tÆØÅ\r\n",
        ];
        // Longer texts from pieces chosen by a fixed pseudo-random sequence.
        let pieces = [
            "a", " ", "  ", "\t", "\n", "\u{b}", "\u{a0}", "\u{2003}", "–", "æø", "«", "\u{1c}",
        ];
        let mut seed = 7u32;
        let mut generated = Vec::new();
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            generated.push(text);
        }
        for text in texts
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            let all = text.split_whitespace().count();
            assert_eq!(count_words_up_to(text, usize::MAX), all, "{text:?}");
            for n in 0..=all + 1 {
                assert_eq!(has_at_most_words(text, n), all <= n, "{text:?} {n}");
                assert_eq!(has_at_least_words(text, n), all >= n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn normalize_strips_marks_and_collapses_space() {
        assert_eq!(normalize("Sylvia Brustad  "), "Sylvia Brustad");
        assert_eq!(normalize("-        For å øke"), "For å øke");
        assert_eq!(
            normalize("  • elektronisk samhandling"),
            "elektronisk samhandling"
        );
        assert_eq!(normalize("__Sekretariat__:"), "Sekretariat:");
        assert_eq!(
            normalize("Meld. St.15 (2017-2018)"),
            "Meld. St.15 (2017-2018)"
        );
        assert_eq!(normalize("snake_case"), "snake_case");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn words_hyphenated_at_line_breaks_are_joined() {
        assert_eq!(
            normalize("styrke samarbeidet med kommune-\r\n  sektoren om"),
            "styrke samarbeidet med kommunesektoren om"
        );
        assert_eq!(normalize("folkehelse-  \nprofiler"), "folkehelseprofiler");
        // A conjunction after the break: the hyphen belongs to a shared compound.
        assert_eq!(
            normalize("Arbeids-\neller sosialkontor"),
            "Arbeids- eller sosialkontor"
        );
        // Not a word break: a capital or one letter before the hyphen, a capital after it,
        // or no line break.
        assert_eq!(normalize("KS-\nleder"), "KS- leder");
        assert_eq!(normalize("e-\npost"), "e- post");
        assert_eq!(normalize("nord-\nNorge"), "nord- Norge");
        assert_eq!(normalize("helse- og omsorg"), "helse- og omsorg");
    }

    #[test]
    fn slugify_never_returns_dashes_at_the_edges() {
        assert_eq!(slugify("  -- Bakgrunn --"), "bakgrunn");
        assert_eq!(
            slugify("6.1 Kommunal- og regionaldepartementet"),
            "6-1-kommunal-og-regionaldepartementet"
        );
        assert_eq!(slugify("§§§"), "");
    }
}
