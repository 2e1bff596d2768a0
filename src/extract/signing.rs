//! Dates of signing → `doc.signing`: place and date from a line such as `Oslo, 19.9.2006`
//! or `Oslo 23. oktober 2019`, or the date of a sentence that says the agreement was
//! signed (`Han blei signert … 7. desember 2020`).
//!
//! A report that gives the day of signing without a year (`undertegnet i Oslo torsdag
//! 20. september`) takes the year from its page's own date (`Dato: 20.09.2007`), when that
//! puts the signing on or before the page's date; a warning says so. The place of a
//! signing sentence is the name after `i` right behind the signing verb (`undertegnet i Oslo`).
//!
//! Signatories are read elsewhere (`extract::people`); this stage only fills place and date.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::dates::{Found, Prose, clip, holds_digit, line_start};
use super::reach::Reach;
use super::words::words;
use crate::blocks::BlockKind;
use crate::dates::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::{bodies, cues, time};
use crate::model::{DateMention, DateRole, Document, Precision, Signing};
use crate::span::LineIndex;
use crate::text::{is_space, normalize};

/// A day and a month's name: `20. september` (whether a year follows is checked after).
static DAY_MONTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let months: Vec<&str> = time::MONTHS.iter().map(|(m, _)| *m).collect();
    Regex::new(&format!(r"(?i)\b(\d{{1,2}})\.\s*({})\b", months.join("|"))).ok()
});

/// A line that holds nothing but an optional place and a date: `Oslo, 19.9.2006`,
/// `Oslo 23. oktober 2019`, `Bergen, den 1. mars 2020`, `Sted/dato: Oslo, 1. juli 2021`.
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
    // Both breaks are ASCII: found by byte, each at a character boundary.
    let line_end = match memchr::memchr2(b'\n', b'\r', tail.as_bytes()) {
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
    // A form label before the place: `Sted/dato: Oslo, 1. juli 2021`.
    let label = time::PLACE_DATE_LABELS
        .iter()
        .find(|l| {
            before[lead..]
                .get(..l.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(l))
        })
        .map_or(0, |l| {
            let rest = &before[lead + l.len()..];
            l.len() + rest.len() - rest.trim_start_matches(is_space).len()
        });
    let lead = lead + label;
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
pub fn extract(
    cx: &Context<'_>,
    lines: &LineIndex,
    prose: &Prose<'_>,
    found: &[Found],
    doc: &mut Document,
) {
    let signed = |f: &&Found| f.role == DateRole::Signed;
    let Some(f) = found
        .iter()
        .filter(signed)
        .find(|f| f.place_line.is_some())
        .or_else(|| found.iter().find(signed))
    else {
        yearless_signing(cx, prose, found, lines, doc);
        return;
    };
    let Some(date) = f.mention.start_date() else {
        return;
    };
    let (place, span) = match &f.place_line {
        Some(p) => (cx.text.get(p.place.clone()).map(normalize), p.line.clone()),
        None => (place_in_sentence(cx.text, &f.sentence), f.sentence.clone()),
    };
    doc.signing = Some(Signing {
        place,
        date: Some(date.to_value()),
        span: lines.span(span.start, span.end),
    });
}

/// The page's own date: a publication date, or a day in a page metadata line
/// (`Pressemelding | Nr.: 112/2007 | Dato: 20.09.2007`).
fn page_date(cx: &Context<'_>, found: &[Found]) -> Option<Date> {
    let day = |f: &&Found| {
        f.mention
            .start_date()
            .filter(|d| d.precision() == Precision::Day)
    };
    let header = Reach::new(
        cx.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Metadata { .. }))
            .map(|b| (b.span.start, b.span.end)),
    );
    let in_header = |f: &&Found| header.holds(f.mention.span.start, f.mention.span.end);
    found
        .iter()
        .filter(|f| f.role == DateRole::Published)
        .chain(found.iter().filter(in_header))
        .find_map(|f| day(&f))
}

/// A signing sentence whose date has no year (`Avtalen ble undertegnet i Oslo torsdag
/// 20. september.`), dated by the page: fills `doc.signing`, adds the date to `doc.dates`
/// and warns that the year was inferred. Nothing when the page has no date, the verb is
/// not a report of a signing (`vil bli undertegnet`), or the day would fall after the page's date.
fn yearless_signing(
    cx: &Context<'_>,
    prose: &Prose<'_>,
    found: &[Found],
    lines: &LineIndex,
    doc: &mut Document,
) {
    let Some(page) = page_date(cx, found) else {
        return;
    };
    let Some(day_month) = DAY_MONTH.as_ref() else {
        return;
    };
    // The day is read as ASCII digits (`parse` takes no others, though `\d` matches them):
    // a unit or sentence without one dates nothing, and is not split or searched.
    let has_digit = |r: &Range<usize>| cx.text.as_bytes().get(r.clone()).is_some_and(holds_digit);
    for sentence in prose.sentences_where(has_digit) {
        let Some(s) = cx
            .text
            .get(sentence.clone())
            .filter(|_| has_digit(&sentence))
        else {
            continue;
        };
        // The regex first: most sentences name no day and need no word split.
        if !day_month.is_match(s)
            || signing_verb(s).is_none()
            || super::dates::contains_any(&s.to_lowercase(), time::EARLIER_SIGNING_CUES)
        {
            continue;
        }
        for caps in day_month.captures_iter(s) {
            let (Some(all), Some(d), Some(m)) = (caps.get(0), caps.get(1), caps.get(2)) else {
                continue;
            };
            let rest = s[all.end()..].trim_start_matches(is_space);
            let head = s[..all.start()].to_lowercase();
            let before = super::dates::last_words(&head, 1);
            let has_year = rest.starts_with(|c: char| c.is_ascii_digit());
            if has_year
                || matches!(
                    before.as_slice(),
                    ["fra" | "frå" | "til" | "siden" | "sidan"]
                )
            {
                continue;
            }
            let month = time::lookup(time::MONTHS, &m.as_str().to_lowercase());
            let (Some(month), Ok(day)) = (month, d.as_str().parse::<i8>()) else {
                continue;
            };
            let Some(date) = Date::day(page.year, month as i8, day).filter(|date| *date <= page)
            else {
                continue;
            };
            let span = lines.span(sentence.start + all.start(), sentence.start + all.end());
            doc.signing = Some(Signing {
                place: place_in_sentence(cx.text, &sentence),
                date: Some(date.to_value()),
                span: lines.span(sentence.start, sentence.end),
            });
            let at = doc.dates.partition_point(|m| m.span.start < span.start);
            doc.dates.insert(
                at,
                DateMention {
                    role: DateRole::Signed,
                    value: date.to_string(),
                    precision: Precision::Day,
                    end: None,
                    text: all.as_str().to_owned(),
                    span,
                },
            );
            doc.diagnostics.push(Diagnostic::new(
                Code::AmbiguousDate,
                format!(
                    "the signing date `{}` has no year; read as {date}, in the year of the page's date {page}",
                    all.as_str()
                ),
                Some(span),
            ));
            return;
        }
    }
}

/// The word index of a verb that reports a signing in the past (`undertegnet`, `signerte`),
/// not a plan (`vil bli undertegnet`).
fn signing_verb(sentence: &str) -> Option<usize> {
    let ws = words(sentence);
    ws.iter().enumerate().position(|(i, w)| {
        cues::SIGNED_VERBS.contains(&w.lower().as_str())
            && !i
                .checked_sub(1)
                .is_some_and(|p| cues::FUTURE_AUXILIARIES.contains(&ws[p].lower().as_str()))
    })
}

/// The place of a signing sentence: one to three capitalized words after `i` right behind
/// the signing verb (`undertegnet i Oslo torsdag` → `Oslo`); not a body (`i KS`), not `i dag`.
fn place_in_sentence(text: &str, sentence: &Range<usize>) -> Option<String> {
    let s = text.get(sentence.clone())?;
    let ws = words(s);
    let verb = signing_verb(s)?;
    if ws.get(verb)?.ends_clause() || ws.get(verb + 1)?.text != "i" {
        return None;
    }
    let name: Vec<&str> = ws[verb + 2..]
        .iter()
        .take(3)
        .take_while(|w| {
            w.is_capitalized() && !w.is_all_caps() && w.text.chars().all(char::is_alphabetic)
        })
        .scan(false, |ended, w| {
            let take = !*ended;
            *ended = w.ends_clause();
            take.then_some(w.text)
        })
        .collect();
    let place = name.join(" ");
    (!place.is_empty() && bodies::lookup(&place).is_none()).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_only_in_ascii_digits() {
        // `\d` matches other digits too, which `parse` refuses: `yearless_signing` passes
        // over sentences without an ASCII digit.
        let caps = DAY_MONTH
            .as_ref()
            .and_then(|re| re.captures("undertegnet \u{662}. september"));
        assert!(caps.is_some_and(|c| c[1].parse::<i8>().is_err()));
    }
}
