//! Dates of signing → `doc.signing`: place and date from a line such as `Oslo, 19.9.2006`
//! or `Oslo 23. oktober 2019`, or the date of a sentence that says the agreement was
//! signed (`Han blei signert … 7. desember 2020`).
//!
//! Signatories are read elsewhere (`extract::people`); this stage only fills place and date.

use std::ops::Range;

use super::Context;
use super::dates::{Found, clip, line_start};
use crate::model::{DateRole, Document, Signing};
use crate::span::LineIndex;
use crate::text::{is_space, normalize};

/// A line that holds nothing but an optional place and a date: `Oslo, 19.9.2006`,
/// `Oslo 23. oktober 2019`, `Bergen, den 1. mars 2020`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceLine {
    /// Byte range of the place name in the document.
    pub place: Range<usize>,
    /// Byte range of the whole line, trimmed.
    pub line: Range<usize>,
}

/// Reads the place-and-date line around the date at `date` in `text`, if the line is one.
///
/// ```text
/// **Oslo, den 19. september 2006**
///   ^^^^       ^^^^^^^^^^^^^^^^^ date
///   place
/// ```
/// The place is one to four words, capitalised but for short joiners (`Mo i Rana`); nothing but closing marks may follow the date.
pub(super) fn place_line(text: &str, date: Range<usize>) -> Option<PlaceLine> {
    let line_start = line_start(text, date.start)?;
    // A dateline is short: look for its end only within reach of the date.
    let reach = clip(text, &(date.end..text.len()), &(date.end..date.end));
    let tail = text.get(reach.clone())?;
    let line_end = match tail.find(['\n', '\r']) {
        Some(i) => date.end + i,
        None if reach.end == text.len() => text.len(),
        None => return None,
    };
    let after = text.get(date.end..line_end)?;
    if !after
        .chars()
        .all(|c| is_space(c) || matches!(c, '.' | '*' | '_'))
    {
        return None;
    }
    let before = text.get(line_start..date.start)?;
    let lead = before.len()
        - before
            .trim_start_matches(|c: char| is_space(c) || matches!(c, '*' | '_' | '#'))
            .len();
    let mut place = before[lead..].trim_end_matches(is_space);
    if let Some(p) = place
        .strip_suffix("den")
        .or_else(|| place.strip_suffix("Den"))
        && p.ends_with(|c: char| is_space(c) || c == ',')
    {
        place = p.trim_end_matches(is_space);
    }
    let place = place.trim_end_matches(',').trim_end_matches(is_space);
    let words: Vec<&str> = place.split(is_space).filter(|w| !w.is_empty()).collect();
    // Capitalised words, with short lower-case joiners inside (`Mo i Rana`).
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let shaped = words.iter().enumerate().all(|(k, w)| {
        let inner = k > 0 && k + 1 < words.len();
        w.chars().all(|c| c.is_alphabetic() || c == '-')
            && (capital(w) || (inner && w.chars().count() <= 3))
    });
    // An all-caps line of several words is a shouted sentence (`MØTET VAR`), not a place.
    let shouting = words.len() > 1 && !place.chars().any(char::is_lowercase);
    if words.is_empty() || words.len() > 4 || !shaped || shouting || place.len() > 40 {
        return None;
    }
    let start = line_start + lead;
    let trimmed_end = line_end
        - (after.len()
            - after
                .trim_end_matches(|c: char| is_space(c) || matches!(c, '*' | '_'))
                .len());
    Some(PlaceLine {
        place: start..start + place.len(),
        line: start..trimmed_end,
    })
}

/// Fills `doc.signing` from the mentions with role `signed`: a place-and-date line wins over a
/// date of signing in running text.
pub fn extract(cx: &Context<'_>, found: &[Found], doc: &mut Document) {
    let signed = |f: &&Found| f.role == DateRole::Signed;
    let Some(f) = found
        .iter()
        .filter(signed)
        .find(|f| f.place_line.is_some())
        .or_else(|| found.iter().find(signed))
    else {
        return;
    };
    let Some(date) = f.mention.start_date() else {
        return;
    };
    let lines = LineIndex::new(cx.text);
    let (place, span) = match &f.place_line {
        Some(p) => (cx.text.get(p.place.clone()).map(normalize), p.line.clone()),
        None => (None, f.sentence.clone()),
    };
    doc.signing = Some(Signing {
        place,
        date: Some(date.to_value()),
        span: lines.span(span.start, span.end),
    });
}
