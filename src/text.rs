//! Raw source text → normalized values for reading, and slugs for ids.
//!
//! Normalization is applied to values only, never to spans: markdown emphasis
//! markers and leading bullets are stripped, runs of white space (NBSP and
//! other Unicode spaces included) collapse to one space, soft hyphens go.

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
    let body = strip_line_marks(raw.trim_matches(is_space));
    if !needs_work(body) {
        // Most lines of running text have nothing to strip or collapse: one copy.
        return body.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut chars = body.char_indices().peekable();
    let mut prev = ' ';
    let mut skip_to = 0;
    while let Some((at, c)) = chars.next() {
        if at < skip_to {
            continue;
        }
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        if c == '-'
            && let Some(resume) = hyphenated_break(body, at, &out)
        {
            skip_to = resume;
            prev = c;
            continue;
        }
        if is_space(c) {
            // The quote marks of a quoted e-mail line (`\n> `) go with the line break.
            if c == '\n' {
                while chars.next_if(|&(_, n)| n == '>' || is_space(n)).is_some() {}
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

/// Whether `s` holds anything `normalize` changes: emphasis marks, white space other
/// than single ASCII spaces, NBSP and other Unicode spaces, soft hyphens, zero-width
/// characters. A byte scan, so that the common case costs no char decoding.
fn needs_work(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        let next = b.get(i + 1).copied();
        match c {
            b'*' | b'_' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
            b' ' => next == Some(b' '),
            // U+0085, U+00A0 (NBSP), U+00AD (soft hyphen)
            0xC2 => matches!(next, Some(0x85 | 0xA0 | 0xAD)),
            // U+1680; U+2000..U+206F (Unicode spaces, zero-width space, U+202F); U+3000; U+FEFF
            0xE1 => next == Some(0x9A),
            0xE2 => matches!(next, Some(0x80 | 0x81)),
            0xE3 => next == Some(0x80),
            0xEF => next == Some(0xBB),
            _ => false,
        }
    })
}

/// Strips leading markdown heading marks (`## `), bullets (`- `, `• `, `* `, `– `)
/// and block-quote marks from a single line, returning the rest.
fn strip_line_marks(s: &str) -> &str {
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

/// White space as this genre uses it: ASCII, NBSP, and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
}

/// Whether a line holds nothing but white space (NBSP included).
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| is_space(c) || c == '\u{feff}')
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
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
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
        if mapped == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(mapped);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
