//! Extracted facts and genre cues → `Kind` (agreement, press release, unknown), with a
//! diagnostic when the evidence is weak or split.
//!
//! Each genre collects points from independent cues; no single phrase decides.
//!
//! | agreement                                   | press release                               |
//! |---------------------------------------------|---------------------------------------------|
//! | title opens with an agreement noun (+3)     | attributed quotes (+2 each, at most +6)     |
//! | subtitle "mellom ..." / "Avtale mellom" (+2)| publication metadata (+3)                   |
//! | obligation lists with a lead-in (+2, ≤ +4)  | signed "i dag" / on a weekday (+4)          |
//! | signatories (+3), signing line (+1)         | signed, past tense (+1)                     |
//! | "Partene er enige", "Avtalen gjelder" (+1 each, ≤ +3) | "Les avtalen ..." link (+2)       |
//!
//! Landing-page labels ("Rapporter og planer") and meeting-paper cues
//! ("vedlegg", "vil bli undertegnet") count for `unknown`.

use super::Context;
use super::words::words;
use crate::blocks::BlockKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::cues;
use crate::model::{Block, Document, Kind, Section};
use crate::text::normalize;

/// Points below which neither genre is claimed.
const MIN_SCORE: u32 = 3;

/// The points each genre collected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Evidence that the text is an agreement.
    pub agreement: u32,
    /// Evidence that the text is a press release or news item.
    pub press_release: u32,
    /// Evidence that the text is neither (landing page, meeting paper).
    pub unknown: u32,
}

/// Sets `doc.kind` from the scores; adds `uncertain-kind` when they are close or weak.
pub fn detect(cx: &Context<'_>, doc: &mut Document) {
    let s = score(cx, doc);
    let (best, kind, other) = if s.agreement >= s.press_release {
        (s.agreement, Kind::Agreement, s.press_release)
    } else {
        (s.press_release, Kind::PressRelease, s.agreement)
    };
    let message = format!(
        "genre scores: agreement {}, press release {}, unknown {}",
        s.agreement, s.press_release, s.unknown
    );
    doc.kind = if best < MIN_SCORE || s.unknown >= best || best == other {
        Kind::Unknown
    } else {
        kind
    };
    let close = best.abs_diff(other) <= 1 && best > 0;
    let weak = doc.kind == Kind::Unknown && best > 0;
    if close || weak {
        doc.diagnostics
            .push(Diagnostic::new(Code::UncertainKind, message, None));
    }
}

/// Scores the genre cues of a parsed document.
pub fn score(cx: &Context<'_>, doc: &Document) -> Scores {
    let mut s = Scores::default();
    let lower = cx.text.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");

    // Agreement: its own title and subtitle name it, it binds parties, it is signed.
    if let Some(title) = &doc.title {
        let first = words(&title.text)
            .first()
            .map(super::words::Word::lower)
            .unwrap_or_default();
        if first == "avtale" || cues::AGREEMENT_TITLE_NOUNS.contains(&first.as_str()) {
            s.agreement += 3;
        }
    }
    if let Some(sub) = &doc.subtitle {
        let sub = sub.text.to_lowercase();
        if sub.starts_with("mellom") || sub.starts_with("avtale mellom") {
            s.agreement += 2;
        }
    }
    let mut lists = 0;
    let mut quotes = (0, 0);
    for section in &doc.sections {
        count_blocks(section, &mut lists, &mut quotes);
    }
    s.agreement += (2 * lists).min(4);
    if !doc.signatories.is_empty() {
        s.agreement += 3;
    }
    if doc.signing.is_some() {
        s.agreement += 1;
    }
    s.agreement += (cues::AGREEMENT_TEXT_CUES
        .iter()
        .filter(|c| contains_phrase(&lower, c))
        .count() as u32)
        .min(3);

    // Press release: quotes, page metadata, a signing reported in the past tense.
    s.press_release += (2 * quotes.0 + quotes.1).min(6);
    if doc
        .publication
        .as_ref()
        .is_some_and(|p| p.publisher.is_some() || p.government.is_some() || p.published.is_some())
    {
        s.press_release += 3;
    }
    let (today, past) = signing_reports(&lower);
    s.press_release += if today { 4 } else { 0 } + u32::from(past);
    let links_to_agreement = cx.blocks.iter().any(|b| match &b.kind {
        BlockKind::Noise { text, .. } | BlockKind::Paragraph { text } => {
            let t = text.to_lowercase();
            t.starts_with("les ") && t.contains("avtale") && t.len() < 250
        }
        _ => false,
    });
    if links_to_agreement {
        s.press_release += 2;
    }

    // Neither: a landing page's type label above the title, or meeting-paper wording.
    let labels = labels_above_title(cx, doc);
    if labels
        .iter()
        .any(|l| cues::LANDING_PAGE_LABELS.contains(&l.as_str()))
    {
        s.unknown += 4;
    }
    if labels
        .iter()
        .any(|l| cues::PRESS_RELEASE_LABELS.contains(&l.as_str()))
    {
        s.press_release += 3;
    }
    s.unknown += cues::MEETING_PAPER_CUES
        .iter()
        .filter(|c| contains_phrase(&lower, c))
        .count() as u32;
    s
}

/// Counts obligation lists with a lead-in, and quotes with and without a speaker.
fn count_blocks(section: &Section, lists: &mut u32, quotes: &mut (u32, u32)) {
    for b in &section.blocks {
        match b {
            Block::Obligations {
                lead_in: Some(_), ..
            } => *lists += 1,
            Block::Quote {
                speaker: Some(_), ..
            } => quotes.0 += 1,
            Block::Quote { role, .. } => quotes.1 += u32::from(role.is_some()),
            _ => {}
        }
    }
    for sub in &section.sections {
        count_blocks(sub, lists, quotes);
    }
}

/// Whether `phrase` occurs in `text` starting at a word boundary.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether a signing is reported as happening today (`undertegnet i dag`, `signerte ... i dag`),
/// and whether one is reported in the past tense at all (`har signert`, `blei signert`).
fn signing_reports(lower: &str) -> (bool, bool) {
    let mut today = false;
    let mut past = false;
    for sentence in lower.split(". ") {
        let ws: Vec<&str> = sentence.split_whitespace().collect();
        for (i, w) in ws.iter().enumerate() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !cues::SIGNED_VERBS.contains(&w) {
                continue;
            }
            let prev = i
                .checked_sub(1)
                .and_then(|p| ws.get(p))
                .copied()
                .unwrap_or("");
            // "vil bli undertegnet", "skal signere" are plans, not reports.
            if cues::FUTURE_AUXILIARIES.contains(&prev) {
                continue;
            }
            past = true;
            today |= cues::TODAY.iter().any(|t| contains_phrase(sentence, t));
        }
    }
    (today, past)
}

/// Short lines above the title (page-type labels), normalized and lowercase.
fn labels_above_title(cx: &Context<'_>, doc: &Document) -> Vec<String> {
    let Some(title) = &doc.title else {
        return Vec::new();
    };
    let before = cx.text.get(..title.span.start).unwrap_or("");
    before
        .lines()
        .map(|l| normalize(l).to_lowercase())
        .filter(|l| !l.is_empty() && l.len() < 40)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_reported_today_is_news() {
        assert_eq!(
            signing_reports("helse- og omsorgsminister bent høie undertegnet i dag en avtale"),
            (true, true)
        );
        assert_eq!(
            signing_reports("avtalene vil bli undertegnet på konsultasjonsmøtet"),
            (false, false)
        );
        assert_eq!(
            signing_reports(
                "regjeringen og partene i arbeidslivet har signert en ny samfunnskontrakt"
            ),
            (false, true)
        );
    }

    #[test]
    fn phrases_match_at_word_starts() {
        assert!(contains_phrase(
            "nå: avtalen gjelder til 2023",
            "avtalen gjelder"
        ));
        assert!(!contains_phrase(
            "samarbeidsavtalen gjelder i fire år",
            "avtalen gjelder"
        ));
    }
}
