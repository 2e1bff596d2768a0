//! Dated mentions and running text → `doc.term`: the agreement period, its length,
//! explicit expiry, notice period, evaluation cadence and termination clause.
//!
//! ```text
//! Avtalen gjelder for planperioden 2020-2023.             → start 2020, end 2023
//! Avtalen gjelder til 31. desember 2023 eller til én av   → valid_until 2023-12-31,
//!   partene ønsker å si den opp.                             termination (this sentence)
//! Oppsigelse skal gis med minst tre måneders varsel.      → notice_period P3M
//! … i foreløpig fire år, frem til september 2010.         → duration P4Y, valid_until 2010-09
//! Arbeidet skal evalueres årlig av partene …              → evaluation annual
//! ```

use std::ops::Range;

use super::Context;
use super::dates::{Found, Prose, about_earlier_agreement, clause, clip, contains_any, last_words};
use crate::dates::Value;
use crate::lexicon::time;
use crate::model::{DateRole, Document, Evaluation, Text};
use crate::span::LineIndex;
use crate::text::normalize;

/// Fills `doc.term` from the role-tagged mentions and the sentences of the body.
pub fn extract(
    cx: &Context<'_>,
    lines: &LineIndex,
    prose: &Prose<'_>,
    found: &[Found],
    doc: &mut Document,
) {
    let term = &mut doc.term;
    let mut sources: Vec<Range<usize>> = Vec::new();
    let first = |role: DateRole| found.iter().find(|f| f.role == role);

    if let Some(f) = first(DateRole::Period).or_else(|| first(DateRole::ValidFrom)) {
        match f.mention.value {
            Value::Range { start, end } => {
                term.start = Some(start.to_value());
                term.end = Some(end.to_value());
                // `gjelder fra 1. januar 2020 til 31. desember 2023` states the expiry in words;
                // a bare `2019-2023` does not.
                let text = cx.text.get(f.mention.span.clone()).unwrap_or("");
                if text.split(crate::text::is_space).any(|w| w == "til") {
                    term.valid_until = Some(end.to_value());
                }
            }
            Value::Date(d) => term.start = Some(d.to_value()),
            Value::Duration(_) => {}
        }
        sources.push(f.sentence.clone());
    }
    // An explicit expiry sentence wins over the end of a `fra … til …` period.
    if let Some((f, Value::Date(d))) = first(DateRole::ValidUntil).map(|f| (f, f.mention.value)) {
        term.valid_until = Some(d.to_value());
        sources.push(f.sentence.clone());
    }
    if let Some((f, Value::Duration(d))) =
        first(DateRole::NoticePeriod).map(|f| (f, f.mention.value))
    {
        term.notice_period = Some(d.to_string());
        sources.push(f.sentence.clone());
    }
    if let Some((f, d)) = found
        .iter()
        .filter(|f| f.role == DateRole::Duration)
        .find_map(|f| match f.mention.value {
            Value::Duration(d) if is_term_length(prose, f) => Some((f, d)),
            _ => None,
        })
    {
        term.duration = Some(d.to_string());
        sources.push(f.sentence.clone());
    }

    for sentence in &prose.sentences {
        let s = prose.lower(sentence.clone());
        if term.evaluation.is_none() && s.contains(time::EVALUATION_STEM) {
            if contains_any(&s, time::ANNUAL_WORDS) {
                term.evaluation = Some(Evaluation::Annual);
            } else if contains_any(&s, time::REGULAR_WORDS) {
                term.evaluation = Some(Evaluation::Regular);
            }
            if term.evaluation.is_some() {
                sources.push(sentence.clone());
            }
        }
        if term.termination.is_none() && contains_any(&s, time::TERMINATION_CUES) {
            let raw = cx.text.get(sentence.clone()).unwrap_or("");
            term.termination = Some(Text {
                text: normalize(raw),
                span: lines.span(sentence.start, sentence.end),
            });
            sources.push(sentence.clone());
        }
    }
    term.span = sources
        .iter()
        .min_by_key(|r| r.start)
        .map(|r| lines.span(r.start, r.end));
}

/// Whether a length of time is the agreement's own: `i foreløpig fire år`, `gjelder i fire år`,
/// in a sentence about the agreement that is not about an earlier one.
fn is_term_length(prose: &Prose<'_>, f: &Found) -> bool {
    let near = clip(prose.text(), &f.sentence, &f.mention.span);
    let before = prose.lower(near.start..f.mention.span.start);
    let whole = prose.lower(near);
    let last = last_words(&before, 1);
    matches!(last.first().copied(), Some("i" | "foreløpig" | "for"))
        && contains_any(&whole, time::AGREEMENT_CUES)
        && !about_earlier_agreement(clause(&before))
        // `med mulighet for forlengelse i to år` is an option, not the agreement's length.
        && !clause(&before).contains("forleng")
}
