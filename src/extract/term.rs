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
use std::sync::LazyLock;

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

    let cues = SentenceCues::new(prose);
    for sentence in &prose.sentences_where(|unit| cues.may_hold_any(unit)) {
        if term.evaluation.is_none() && cues.holds(Cue::Evaluation, sentence) {
            let s = prose.lower(sentence.clone());
            if contains_any(&s, time::ANNUAL_WORDS) {
                term.evaluation = Some(Evaluation::Annual);
            } else if contains_any(&s, time::REGULAR_WORDS) {
                term.evaluation = Some(Evaluation::Regular);
            }
            if term.evaluation.is_some() {
                sources.push(sentence.clone());
            }
        }
        if term.termination.is_none() && cues.holds(Cue::Termination, sentence) {
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

/// The two cues a sentence is tested for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// [`time::EVALUATION_STEM`].
    Evaluation,
    /// Any of [`time::TERMINATION_CUES`].
    Termination,
}

/// Pieces several cues hold (`si opp`, `oppsigelse`; `avbryte avtalen`): such cues are found
/// through one search for the piece, each occurrence checked for the whole cue around it.
const SHARED_PIECES: [&str; 2] = ["opp", "avbryte "];

/// The cues holding one piece, each with the offset of the piece in it.
type CuesAround = Vec<(usize, &'static str, Cue)>;

/// The pieces searched for (a cue's [`SHARED_PIECES`] entry, or the cue itself), each with
/// the cues it finds, built once.
static CUE_PIECES: LazyLock<Vec<(&'static str, CuesAround)>> = LazyLock::new(|| {
    let cues = std::iter::once((time::EVALUATION_STEM, Cue::Evaluation)).chain(
        time::TERMINATION_CUES
            .iter()
            .map(|&c| (c, Cue::Termination)),
    );
    let mut pieces: Vec<(&'static str, CuesAround)> = Vec::new();
    for (cue, which) in cues {
        let piece = SHARED_PIECES
            .into_iter()
            .find(|p| cue.contains(p))
            .unwrap_or(cue);
        let around = (cue.find(piece).unwrap_or(0), cue, which);
        match pieces.iter_mut().find(|(p, _)| *p == piece) {
            Some((_, cues)) => cues.push(around),
            None => pieces.push((piece, vec![around])),
        }
    }
    pieces
});

/// One search for all [`CUE_PIECES`] (a packed SIMD search; pattern `i` is piece `i`). No
/// piece overlaps another or itself (test `cue_pieces_never_overlap`), so the search's
/// non-overlapping matches are every occurrence of every piece.
static CUE_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
    aho_corasick::packed::Config::new()
        .builder()
        .extend(CUE_PIECES.iter().map(|(piece, _)| piece))
        .build()
});

/// Every occurrence (start and end byte) of a cue in `lower`, overlapping ones included,
/// by start; `None` without the packed search.
fn cue_hits(lower: &str) -> Option<Vec<(usize, usize, Cue)>> {
    let search = CUE_SEARCH.as_ref()?;
    let bytes = lower.as_bytes();
    let mut hits = Vec::new();
    for m in search.find_iter(bytes) {
        let Some((_, cues)) = CUE_PIECES.get(m.pattern().as_usize()) else {
            continue;
        };
        for &(offset, cue, which) in cues {
            let Some(start) = m.start().checked_sub(offset) else {
                continue;
            };
            let end = start + cue.len();
            if bytes.get(start..end) == Some(cue.as_bytes()) {
                hits.push((start, end, which));
            }
        }
    }
    hits.sort_unstable_by_key(|&(start, end, _)| (start, end));
    Some(hits)
}

/// Where the cues occur in the lowercased text: every sentence is tested by its range
/// instead of being searched once per cue.
struct SentenceCues<'p> {
    /// The running text.
    prose: &'p Prose<'p>,
    /// Every occurrence (start and end byte) of a cue in the lowercased text, by start;
    /// `None` when the text has no lowercase copy at its own offsets, or without the search.
    hits: Option<Vec<(usize, usize, Cue)>>,
}

impl<'p> SentenceCues<'p> {
    /// Finds every occurrence of the cues, overlapping ones included, in one search for the
    /// [`CUE_PIECES`]: each occurrence of a cue holds its piece at the piece's offset.
    fn new(prose: &'p Prose<'p>) -> Self {
        let hits = prose.lowercase().and_then(cue_hits);
        Self { prose, hits }
    }

    /// Whether a sentence inside `range` may contain a cue: whether an occurrence of either
    /// starts inside it (one binary search, for the units of the text).
    fn may_hold_any(&self, range: &Range<usize>) -> bool {
        let Some(hits) = &self.hits else {
            return self.holds(Cue::Evaluation, range) || self.holds(Cue::Termination, range);
        };
        let first = hits.partition_point(|&(start, _, _)| start < range.start);
        hits.get(first)
            .is_some_and(|&(start, _, _)| start < range.end)
    }

    /// Whether the lowercased sentence contains the cue: whether an occurrence lies within
    /// its range (the same test as a search in the slice, since the copy keeps the offsets).
    fn holds(&self, cue: Cue, sentence: &Range<usize>) -> bool {
        let Some(hits) = &self.hits else {
            let s = self.prose.lower(sentence.clone());
            return match cue {
                Cue::Evaluation => s.contains(time::EVALUATION_STEM),
                Cue::Termination => contains_any(&s, time::TERMINATION_CUES),
            };
        };
        let first = hits.partition_point(|&(start, _, _)| start < sentence.start);
        hits.get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&(start, _, _)| start < sentence.end)
            .any(|&(_, end, which)| which == cue && end <= sentence.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_pieces_never_overlap() {
        for (a, _) in CUE_PIECES.iter() {
            for (b, _) in CUE_PIECES.iter() {
                assert!(a == b || !a.contains(b), "{a:?} holds {b:?}");
                for cut in 1..a.len().min(b.len()) {
                    assert!(!b.starts_with(&a[a.len() - cut..]), "{a:?} runs into {b:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn every_occurrence_of_every_cue_is_a_hit(
            text in "(si|den|sies|seie| |opp|oppsigelse|oppseiing|avbryte|samarbeidet|avtalen|evaluer|s|e|æ)*",
        ) {
            let mut naive = Vec::new();
            let cues = std::iter::once((time::EVALUATION_STEM, Cue::Evaluation))
                .chain(time::TERMINATION_CUES.iter().map(|&c| (c, Cue::Termination)));
            for (cue, which) in cues {
                naive.extend(
                    (0..text.len())
                        .filter(|&at| text.as_bytes()[at..].starts_with(cue.as_bytes()))
                        .map(|at| (at, at + cue.len(), which)),
                );
            }
            naive.sort_unstable_by_key(|&(start, end, _)| (start, end));
            proptest::prop_assert_eq!(cue_hits(&text), Some(naive));
        }

        #[test]
        fn units_without_a_hit_hold_no_sentence_with_a_cue(
            text in "(Si|den|opp|oppsigelse|Avtalen|evaluer|x|[.] |\n|é|Æ|Σ)*",
        ) {
            let cx = Context { text: &text, layout: crate::model::Layout::Plain, blocks: &[] };
            let prose = Prose::new(&cx);
            let cues = SentenceCues::new(&prose);
            let with_cue = |s: &Range<usize>| cues.holds(Cue::Evaluation, s) || cues.holds(Cue::Termination, s);
            let mut read = prose.sentences_where(|unit| cues.may_hold_any(unit));
            read.retain(with_cue);
            let mut all = prose.sentences_where(|_| true);
            all.retain(with_cue);
            proptest::prop_assert_eq!(read, all, "{:?}", text);
        }
    }
}
