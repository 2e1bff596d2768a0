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

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

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
    let lower = fold(cx.text);
    let cues_found = scan_cues(&lower);

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
    s.agreement += cues_found.count(Table::Agreement).min(3);

    // Press release: quotes, page metadata, a signing reported in the past tense.
    s.press_release += (2 * quotes.0 + quotes.1).min(6);
    if doc
        .publication
        .as_ref()
        .is_some_and(|p| p.publisher.is_some() || p.government.is_some() || p.published.is_some())
    {
        s.press_release += 3;
    }
    let (today, past) = signing_reports(&lower, &cues_found.verbs);
    s.press_release += if today { 4 } else { 0 } + u32::from(past);
    let links_to_agreement = cx.blocks.iter().any(|b| match &b.kind {
        BlockKind::Noise { text, .. } | BlockKind::Paragraph { text } => {
            // No other character lowercases to `l`, `e`, `s` or a space: test the
            // ASCII head before lowercasing the (rare) candidates.
            text.get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("les "))
                && {
                    let t = text.to_lowercase();
                    t.contains("avtale") && t.len() < 250
                }
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
    s.unknown += cues_found.count(Table::MeetingPaper);
    s
}

/// The text lowercased, its white space runs collapsed to one space and trimmed
/// (`split_whitespace` then `join(" ")`), so that a cue phrase matches across a line break.
///
/// One pass, character by character: `str::to_lowercase` maps every character on its
/// own except `Σ` (final sigma looks at the letters around it, never beyond the word),
/// so a word holding a `Σ` is lowercased again as a whole.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // The word being read: its start in `text` and in `out`, and whether it holds a `Σ`.
    let mut word: Option<(usize, usize, bool)> = None;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // ASCII decides by the byte; only other characters are decoded.
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            text.get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or(('\0', 1), |c| (c, c.len_utf8()))
        };
        if c.is_whitespace() {
            if let Some(read) = word.take() {
                end_word(&mut out, text, read, at);
            }
        } else {
            let (_, _, sigma) = word.get_or_insert_with(|| {
                if !out.is_empty() {
                    out.push(' ');
                }
                (at, out.len(), false)
            });
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if c == 'Σ' {
                *sigma = true;
            } else {
                out.extend(c.to_lowercase());
            }
        }
        at += len;
    }
    if let Some(read) = word {
        end_word(&mut out, text, read, text.len());
    }
    out
}

/// Ends the word `text[start..end]` of [`fold`], written to `out` from `out_start`: a word
/// holding a `Σ` is written again, lowercased as a whole.
fn end_word(
    out: &mut String,
    text: &str,
    (start, out_start, sigma): (usize, usize, bool),
    end: usize,
) {
    if sigma {
        out.truncate(out_start);
        out.push_str(&text.get(start..end).unwrap_or("").to_lowercase());
    }
}

/// Which cue table a pattern of [`PATTERNS`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    /// [`cues::AGREEMENT_TEXT_CUES`], counted at word starts.
    Agreement,
    /// [`cues::MEETING_PAPER_CUES`], counted at word starts.
    MeetingPaper,
    /// [`cues::SIGNED_VERBS`], anywhere: they locate the sentences [`signing_reports`] reads.
    Signed,
}

/// One automaton over the phrases of every cue table, with the table of each pattern,
/// so that a text is scanned once instead of once per phrase.
static PATTERNS: LazyLock<(Option<AhoCorasick>, Vec<Table>)> = LazyLock::new(|| {
    let tables = [
        (Table::Agreement, cues::AGREEMENT_TEXT_CUES),
        (Table::MeetingPaper, cues::MEETING_PAPER_CUES),
        (Table::Signed, cues::SIGNED_VERBS),
    ];
    let mut patterns = Vec::new();
    let mut ids = Vec::new();
    for (table, phrases) in tables {
        for p in phrases {
            patterns.push(*p);
            ids.push(table);
        }
    }
    (AhoCorasick::new(&patterns).ok(), ids)
});

/// What one pass of [`PATTERNS`] over the folded text found.
#[derive(Debug, Default)]
struct Cues {
    /// Per pattern: whether it occurs at a word start.
    found: Vec<bool>,
    /// Start offsets of signing verbs, anywhere, in order.
    verbs: Vec<usize>,
}

impl Cues {
    /// How many phrases of one cue table occur at a word start.
    fn count(&self, table: Table) -> u32 {
        PATTERNS
            .1
            .iter()
            .zip(&self.found)
            .filter(|&(&t, &f)| f && t == table)
            .count() as u32
    }
}

/// Runs [`PATTERNS`] over a folded text.
fn scan_cues(lower: &str) -> Cues {
    let (automaton, ids) = &*PATTERNS;
    let mut cues = Cues {
        found: vec![false; ids.len()],
        verbs: Vec::new(),
    };
    let Some(automaton) = automaton else {
        return cues;
    };
    // Overlapping: a phrase inside another ("avtalen gjeld" in "avtalen gjelder") counts too.
    for m in automaton.find_overlapping_iter(lower) {
        let id = m.pattern().as_usize();
        if ids.get(id) == Some(&Table::Signed) {
            cues.verbs.push(m.start());
        }
        if at_word_start(lower, m.start())
            && let Some(f) = cues.found.get_mut(id)
        {
            *f = true;
        }
    }
    cues
}

/// Whether byte `at` of `text` starts a word (nothing alphanumeric right before it).
fn at_word_start(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric())
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
    text.match_indices(phrase)
        .any(|(at, _)| at_word_start(text, at))
}

/// Whether a signing is reported as happening today (`undertegnet i dag`, `signerte ... i dag`),
/// and whether one is reported in the past tense at all (`har signert`, `blei signert`).
///
/// Sentences are the pieces between `". "`; only those holding a signing verb are read
/// (`verbs`: where [`scan_cues`] found one, in order).
fn signing_reports(lower: &str, verbs: &[usize]) -> (bool, bool) {
    let mut today = false;
    let mut past = false;
    let mut read_to = None;
    for &at in verbs {
        // A verb is all letters, so it lies inside one sentence; `". "` never overlaps itself,
        // so the nearest one on each side bounds the sentence as `split(". ")` does.
        let start = lower
            .get(..at)
            .and_then(|b| b.rfind(". "))
            .map_or(0, |i| i + 2);
        if read_to.is_some_and(|end| start < end) {
            continue;
        }
        let end = lower
            .get(at..)
            .and_then(|a| a.find(". "))
            .map_or(lower.len(), |i| at + i);
        let (t, p) = sentence_reports(lower.get(start..end).unwrap_or(""));
        today |= t;
        past |= p;
        read_to = Some(end);
    }
    (today, past)
}

/// [`signing_reports`] for one sentence.
fn sentence_reports(sentence: &str) -> (bool, bool) {
    let mut today = false;
    let mut past = false;
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
        .map(normalize)
        // Lowercasing shrinks a line to no less than a third of its bytes (`K` → `k`):
        // longer lines cannot become labels.
        .filter(|l| !l.is_empty() && l.len() < 3 * 40)
        .map(|l| l.to_lowercase())
        .filter(|l| !l.is_empty() && l.len() < 40)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folds a text and reads its signing reports, as `score` does.
    fn reports(text: &str) -> (bool, bool) {
        let lower = fold(text);
        signing_reports(&lower, &scan_cues(&lower).verbs)
    }

    #[test]
    fn signing_reported_today_is_news() {
        assert_eq!(
            reports("helse- og omsorgsminister bent høie undertegnet i dag en avtale"),
            (true, true)
        );
        assert_eq!(
            reports("avtalene vil bli undertegnet på konsultasjonsmøtet"),
            (false, false)
        );
        assert_eq!(
            reports("regjeringen og partene i arbeidslivet har signert en ny samfunnskontrakt"),
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

    #[test]
    fn cue_phrases_count_once_and_only_at_word_starts() {
        let lower = fold(
            "Partene er\n enige. Avtalen gjelder til 2023; avtalen gjelder. Samarbeidsavtalen omfatter",
        );
        let cues = scan_cues(&lower);
        assert_eq!(cues.count(Table::Agreement), 3, "{lower}");
        assert_eq!(cues.count(Table::MeetingPaper), 0);
        assert_eq!(
            reports("Avtalen ble signert. Den vil bli undertegnet i dag. KS signerte i går."),
            (true, true)
        );
    }

    proptest::proptest! {
        #[test]
        fn fold_lowercases_and_collapses_white_space(text in "(?s).{0,40}|[ A-Za-zÆØÅæøåΣ\u{a0}\u{2003}\t\n.]{0,40}") {
            let expected = text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(fold(&text), expected);
        }
    }
}
