//! Raw bytes → UTF-8 text plus the detected encoding; refuses binary and oversized input.
//!
//! Order of decisions: size limit, byte-order mark (UTF-8, UTF-16LE/BE),
//! NUL bytes and control characters (binary), valid UTF-8, and finally a
//! statistical guess among legacy single-byte encodings (chardetng), which
//! is reported as a `guessed-encoding` diagnostic.

use std::path::Path;

use encoding_rs::Encoding;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;

/// The default `--max-bytes`: 64 MiB, far beyond any real agreement text.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as UTF-8, BOM removed, line endings untouched.
    pub text: String,
    /// WHATWG label of the encoding used ("utf-8", "utf-16le", "windows-1252", ...).
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
/// let d = avtale::decode::decode(b"Oslo, 19.9.2006", "x.txt".as_ref(), 1024)?;
/// assert_eq!((d.text.as_str(), d.encoding), ("Oslo, 19.9.2006", "utf-8"));
/// let d = avtale::decode::decode(b"Bj\xf8rn \xc5se Gr\xf8tting og Kj\xe6re venner", "y.txt".as_ref(), 1024)?;
/// assert_eq!((d.text.as_str(), d.encoding), ("Bjørn Åse Grøtting og Kjære venner", "windows-1252"));
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
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
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
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_owned(),
            reason: format!("NUL byte at offset {offset}"),
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
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Norwegian archives: a Norwegian TLD hint steers chardetng towards the
    // Western encodings these files use.
    let encoding = detector.guess(Some(b"no"), chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    check_text(&text, path)?;
    let mut diagnostics = vec![Diagnostic::new(
        Code::GuessedEncoding,
        format!(
            "not valid UTF-8 and no byte-order mark; decoded as {}",
            label(encoding)
        ),
        None,
    )];
    if had_errors || !is_western(encoding) {
        diagnostics.push(Diagnostic::new(
            Code::SuspectEncoding,
            format!(
                "the bytes fit no common Norwegian encoding well; {} was the best guess, some characters may be wrong",
                label(encoding)
            ),
            None,
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: label(encoding),
        diagnostics,
    })
}

/// WHATWG names are upper-case for some encodings; the model uses lowercase labels.
fn label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        "ISO-8859-15" => "iso-8859-15",
        "ISO-8859-2" => "iso-8859-2",
        "macintosh" => "macintosh",
        "IBM866" => "ibm866",
        other => other,
    }
}

fn is_western(encoding: &'static Encoding) -> bool {
    matches!(
        encoding.name(),
        "windows-1252" | "ISO-8859-15" | "ISO-8859-2" | "windows-1250"
    )
}

/// Refuses decoded text that is mostly control characters: binary data
/// that happened to decode (e.g. an image behind a UTF-16 BOM).
fn check_text(text: &str, path: &Path) -> Result<(), Error> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
            control += 1;
        }
    }
    if total > 0 && control * 10 > total {
        return Err(Error::Binary {
            path: path.to_owned(),
            reason: format!("{control} of the first {total} characters are control characters"),
        });
    }
    Ok(())
}
