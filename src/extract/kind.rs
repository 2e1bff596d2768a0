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

use memchr::memmem;

use super::Context;
use super::dates::Prose;
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
pub fn detect(cx: &Context<'_>, prose: &Prose<'_>, doc: &mut Document) {
    let s = score(cx, prose, doc);
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

/// Scores the genre cues of a parsed document (`prose`: its running text, as the date
/// extractor read it).
pub fn score(cx: &Context<'_>, prose: &Prose<'_>, doc: &Document) -> Scores {
    let mut s = Scores::default();
    // Cue phrases are read on the text lowercased, with a run of white space standing for the
    // space of a phrase. The date extractor's lowercase copy serves when it lowercased the text
    // character by character; otherwise (a final sigma, a letter whose lowercase differs in
    // length) the text is folded here.
    let folded;
    let lower = match prose.lowercase() {
        Some(lower) => lower,
        None => {
            folded = fold(cx.text);
            folded.as_str()
        }
    };
    let cues_found = scan_cues(lower);

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
    let (today, past) = signing_reports(lower, &cues_found.verbs);
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

/// Which cue table a phrase of [`PHRASES`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    /// [`cues::AGREEMENT_TEXT_CUES`].
    Agreement,
    /// [`cues::MEETING_PAPER_CUES`].
    MeetingPaper,
}

/// The cue phrases counted at word starts, with their tables.
const PHRASES: [(Table, &[&str]); 2] = [
    (Table::Agreement, cues::AGREEMENT_TEXT_CUES),
    (Table::MeetingPaper, cues::MEETING_PAPER_CUES),
];

/// Every cue phrase with its table, in table order.
fn phrases() -> impl Iterator<Item = (Table, &'static str)> {
    PHRASES
        .iter()
        .flat_map(|&(table, phrases)| phrases.iter().map(move |&p| (table, p)))
}

/// Words of the cue phrases that running text is full of (`Partene vil ...`, `avtalen`): a
/// phrase is searched for by another of its words, its anchor ([`anchor_of`]).
const EVERYDAY_WORDS: &[&str] = &[
    "partene", "partane", "avtalen", "er", "med", "kalt", "vil", "bli",
];

/// The index of the word a phrase (its `words`) is searched for by: its first word that is
/// not one of the [`EVERYDAY_WORDS`], else its first.
fn anchor_of(words: &[&str]) -> usize {
    words
        .iter()
        .position(|w| !EVERYDAY_WORDS.contains(w))
        .unwrap_or(0)
}

/// The words every cue [`scan_cues`] looks for: the anchors of the cue phrases and the
/// signing verbs, one search for them all, and per word what it may anchor.
struct Anchors {
    /// Leftmost-longest search for the words (a packed SIMD search: the words are few and
    /// none shorter than three bytes).
    search: aho_corasick::packed::Searcher,
    /// Per word of the search: the phrases (indices into [`phrases`]) whose anchor is a
    /// prefix of it, and whether a signing verb is.
    begins: Vec<(Vec<usize>, bool)>,
    /// Per phrase of [`phrases`]: its words, split once rather than at every hit, and the
    /// index of its anchor among them.
    phrase_words: Vec<(Vec<&'static str>, usize)>,
}

/// [`Anchors`], built once.
///
/// The words are all letters, so a match never covers the character before a word start:
/// a leftmost, non-overlapping search reports a match at every word start where one of the
/// words begins (a match that began earlier would end with a letter right before it), and
/// the longest word there, which every other word beginning there is a prefix of. A phrase
/// counts only at a word start, and its anchor then starts a word too (white space is
/// before it), so no overlapping search is needed: each phrase is read around each match
/// of its anchor at a word start.
static ANCHORS: LazyLock<Option<Anchors>> = LazyLock::new(|| {
    let phrase_words: Vec<(Vec<&'static str>, usize)> = phrases()
        .map(|(_, p)| {
            let words: Vec<&str> = p.split(' ').collect();
            let anchor = anchor_of(&words);
            (words, anchor)
        })
        .collect();
    let anchor = |(words, k): &(Vec<&'static str>, usize)| words.get(*k).copied().unwrap_or("");
    let mut words: Vec<&str> = phrase_words
        .iter()
        .map(anchor)
        .chain(cues::SIGNED_VERBS.iter().copied())
        .collect();
    words.sort_unstable();
    words.dedup();
    let begins = words
        .iter()
        .map(|w| {
            let phrases = phrase_words
                .iter()
                .enumerate()
                .filter(|(_, p)| w.starts_with(anchor(p)))
                .map(|(i, _)| i)
                .collect();
            (phrases, cues::SIGNED_VERBS.iter().any(|v| w.starts_with(v)))
        })
        .collect();
    let mut config = aho_corasick::packed::Config::new();
    config.match_kind(aho_corasick::packed::MatchKind::LeftmostLongest);
    // Fat Teddy (16 buckets) where the machine has it: in slim Teddy's 8 buckets the words
    // share fingerprints, and their false candidates cost more than fat's halved stride.
    let build = |config: &aho_corasick::packed::Config| config.builder().extend(&words).build();
    let search = build(config.clone().only_teddy_fat(Some(true))).or_else(|| build(&config))?;
    Some(Anchors {
        search,
        begins,
        phrase_words,
    })
});

/// What one pass of [`ANCHORS`] over the lowercased text found.
#[derive(Debug, Default)]
struct Cues {
    /// Per phrase of [`phrases`]: whether it occurs at a word start.
    found: Vec<bool>,
    /// Word starts of signing verbs, in order: they locate the sentences [`signing_reports`] reads.
    verbs: Vec<usize>,
}

impl Cues {
    /// How many phrases of one cue table occur at a word start.
    fn count(&self, table: Table) -> u32 {
        phrases()
            .zip(&self.found)
            .filter(|&((t, _), &f)| f && t == table)
            .count() as u32
    }
}

/// Finds the cue phrases and signing verbs at word starts of a lowercase text, in which
/// a run of white space stands for one space (the text [`fold`] makes, or a lowercase copy
/// of the text at its own offsets).
fn scan_cues(lower: &str) -> Cues {
    let mut cues = Cues {
        found: vec![false; phrases().count()],
        verbs: Vec::new(),
    };
    let Some(anchors) = &*ANCHORS else {
        return cues;
    };
    for m in anchors.search.find_iter(lower) {
        let at = m.start();
        let Some((phrases, verb)) = anchors.begins.get(m.pattern().as_usize()) else {
            continue;
        };
        if !at_word_start(lower, at) {
            continue;
        }
        let (head, rest) = (lower.get(..at).unwrap_or(""), lower.get(at..).unwrap_or(""));
        for &i in phrases {
            if let (Some(found), Some((words, k))) =
                (cues.found.get_mut(i), anchors.phrase_words.get(i))
            {
                let (before, from) = words.split_at(*k);
                *found = *found
                    || (words_at(rest, from.iter().copied())
                        && words_end(head, before)
                            .is_some_and(|start| at_word_start(lower, start)));
            }
        }
        if *verb {
            cues.verbs.push(at);
        }
    }
    cues
}

/// Whether `text` opens with `phrase`, a run of white space standing for each of its spaces.
fn phrase_at(text: &str, phrase: &str) -> bool {
    words_at(text, phrase.split(' '))
}

/// Whether `text` opens with `words`, a run of white space between each two (a phrase's
/// words, see [`phrase_at`]).
fn words_at<'p>(text: &str, words: impl IntoIterator<Item = &'p str>) -> bool {
    let mut rest = text;
    for (k, word) in words.into_iter().enumerate() {
        if k > 0 {
            let after = rest.trim_start_matches(char::is_whitespace);
            if after.len() == rest.len() {
                return false;
            }
            rest = after;
        }
        match rest.strip_prefix(word) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    true
}

/// Where `words` start when `text` closes with them and a run of white space after each
/// (the words before a phrase's anchor, read back from it; see [`words_at`]).
fn words_end(text: &str, words: &[&str]) -> Option<usize> {
    let mut head = text;
    for word in words.iter().rev() {
        let before = head.trim_end_matches(char::is_whitespace);
        if before.len() == head.len() {
            return None;
        }
        head = before.strip_suffix(word)?;
    }
    Some(head.len())
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

/// A phrase and the searcher for its first word, built once.
struct Phrase {
    /// The phrase, its words separated by one space.
    text: &'static str,
    /// Finds the first word of the phrase.
    first: memmem::Finder<'static>,
}

impl Phrase {
    /// The phrase `text`, its first word's searcher built.
    fn new(text: &'static str) -> Self {
        let first = text.split(' ').next().unwrap_or(text);
        Phrase {
            text,
            first: memmem::Finder::new(first),
        }
    }

    /// Whether the phrase occurs in `text` at a word start, a run of white space standing for
    /// each of its spaces. Its first word is all letters, so no occurrence of it at a word start
    /// overlaps an earlier one, and non-overlapping matches find them all (found by `memmem`,
    /// as `match_indices` finds them, but by SIMD: `i` of `i dag` is everywhere).
    fn is_in(&self, text: &str) -> bool {
        self.first
            .find_iter(text.as_bytes())
            .any(|at| at_word_start(text, at) && phrase_at(text.get(at..).unwrap_or(""), self.text))
    }
}

/// [`cues::TODAY`], each phrase's searcher built once.
static TODAY: LazyLock<Vec<Phrase>> =
    LazyLock::new(|| cues::TODAY.iter().copied().map(Phrase::new).collect());

/// Whether a signing is reported as happening today (`undertegnet i dag`, `signerte ... i dag`),
/// and whether one is reported in the past tense at all (`har signert`, `blei signert`).
///
/// Sentences are the pieces of the folded text between `". "` (in `lower`, a point followed
/// by white space and more text, see [`ends_sentence`]); only those holding a signing verb
/// are read (`verbs`: word starts of the verbs, in order). A sentence without one reports
/// nothing, and every verb [`sentence_reports`] reads starts a word.
fn signing_reports(lower: &str, verbs: &[usize]) -> (bool, bool) {
    let mut today = false;
    let mut past = false;
    let mut read_to = 0;
    for &at in verbs {
        if at < read_to {
            // In the sentence read last.
            continue;
        }
        // The sentence starts after the last sentence end before the verb; the sentence read
        // last ends at or after `read_to`, so the search need not look further back.
        let before = lower.get(read_to..at).unwrap_or("");
        let start = memchr::memrchr_iter(b'.', before.as_bytes())
            .map(|i| read_to + i)
            .find(|&i| ends_sentence(lower, i))
            .map_or(read_to, |i| i + 1);
        let after = lower.get(at..).unwrap_or("");
        let end = memchr::memchr_iter(b'.', after.as_bytes())
            .map(|i| at + i)
            .find(|&i| ends_sentence(lower, i))
            .unwrap_or(lower.len());
        let (t, p) = sentence_reports(lower.get(start..end).unwrap_or(""));
        today |= t;
        past |= p;
        read_to = end;
    }
    (today, past)
}

/// Whether the point at byte `at` of `lower` ends a sentence of [`signing_reports`]: white
/// space follows it, and more than white space (the folded text is trimmed).
fn ends_sentence(lower: &str, at: usize) -> bool {
    let rest = lower.get(at + 1..).unwrap_or("");
    let after = rest.trim_start_matches(char::is_whitespace);
    after.len() < rest.len() && !after.is_empty()
}

/// The length in bytes of the shortest of [`cues::SIGNED_VERBS`].
const SHORTEST_SIGNED_VERB: usize = {
    let mut shortest = usize::MAX;
    let mut i = 0;
    while i < cues::SIGNED_VERBS.len() {
        if cues::SIGNED_VERBS[i].len() < shortest {
            shortest = cues::SIGNED_VERBS[i].len();
        }
        i += 1;
    }
    shortest
};

/// [`signing_reports`] for one sentence (a run of white space standing for a space).
fn sentence_reports(sentence: &str) -> (bool, bool) {
    let mut prev = "";
    let mut past = false;
    for w in sentence.split_whitespace() {
        // Trimming only shortens a word: one shorter than every verb (most are) is none.
        if w.len() >= SHORTEST_SIGNED_VERB {
            let word = w.trim_matches(|c: char| !c.is_alphanumeric());
            // "vil bli undertegnet", "skal signere" are plans, not reports.
            if cues::SIGNED_VERBS.contains(&word) && !cues::FUTURE_AUXILIARIES.contains(&prev) {
                past = true;
                break;
            }
        }
        prev = w;
    }
    let today = past && TODAY.iter().any(|t| t.is_in(sentence));
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

    proptest::proptest! {
        #[test]
        fn phrases_are_found_as_match_indices_finds_them(text in "(i|dag|går|fredag|gi|x|é|æ| |\n|[.]|\u{a0})*") {
            for phrase in cues::TODAY {
                let first = phrase.split(' ').next().unwrap_or(phrase);
                let plain = text.match_indices(first).any(|(at, _)| {
                    at_word_start(&text, at) && phrase_at(&text[at..], phrase)
                });
                proptest::prop_assert_eq!(Phrase::new(phrase).is_in(&text), plain, "{:?} {:?}", text, phrase);
            }
        }
    }

    #[test]
    fn phrases_match_at_word_starts() {
        let phrase = Phrase::new("avtalen gjelder");
        assert!(phrase.is_in("nå: avtalen gjelder til 2023"));
        assert!(!phrase.is_in("samarbeidsavtalen gjelder i fire år"));
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
        // The same on the text lowercased at its own offsets, white space runs and all.
        let lower = "partene er\n enige. avtalen\u{a0}gjelder til 2023; samarbeidsavtalen omfatter";
        assert_eq!(scan_cues(lower).count(Table::Agreement), 3);
    }

    #[test]
    fn cue_words_are_letters() {
        // The searches for first words and verbs rely on it (see `ANCHORS`, `Phrase::is_in`).
        let words = phrases()
            .map(|(_, p)| p)
            .chain(cues::SIGNED_VERBS.iter().copied())
            .chain(cues::TODAY.iter().copied())
            .flat_map(|p| p.split(' '));
        for w in words {
            assert!(!w.is_empty() && w.chars().all(char::is_alphabetic), "{w:?}");
        }
    }

    /// What `score` reads from a folded text, by the plain definitions: a phrase counts
    /// when it occurs at a word start; a signing verb not after an auxiliary is reported in
    /// its `". "`-sentence, today when the sentence has a word of the day at a word start.
    fn by_definition(folded: &str) -> (Vec<bool>, (bool, bool)) {
        let at_start = |s: &str, p: &str| s.match_indices(p).any(|(at, _)| at_word_start(s, at));
        let found = phrases().map(|(_, p)| at_start(folded, p)).collect();
        let mut reports = (false, false);
        for sentence in folded.split(". ") {
            let ws: Vec<&str> = sentence.split_whitespace().collect();
            for (i, w) in ws.iter().enumerate() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                let prev = if i > 0 { ws[i - 1] } else { "" };
                if cues::SIGNED_VERBS.contains(&w) && !cues::FUTURE_AUXILIARIES.contains(&prev) {
                    reports.1 = true;
                    reports.0 |= cues::TODAY.iter().any(|t| at_start(sentence, t));
                }
            }
        }
        (found, reports)
    }

    proptest::proptest! {
        #[test]
        fn cues_are_read_as_defined_on_the_folded_text(
            text in "((Partene|partene|er|enige|uenige|avtalen|Avtalen|gjelder|gjeld|omfatter|forankret|formålet|med|heretter|kalt|vil|bli|undertegnet|UNDERTEGNET|signert|signerte|usignert|i|dag|går|tirsdag|vedlegg|samarbeidsavtalen|x|ΣΑ)[ \n\u{a0}\u{2003}.,«»]{0,3}){0,14}"
        ) {
            let folded = fold(&text);
            let expected = by_definition(&folded);
            // Both texts `score` may scan: the folded one, and (without a final sigma) the
            // lowercase copy at the text's own offsets.
            let mut lowers = vec![folded];
            if !text.contains('Σ') {
                lowers.push(text.to_lowercase());
            }
            for lower in &lowers {
                let cues = scan_cues(lower);
                let got = (cues.found.clone(), signing_reports(lower, &cues.verbs));
                proptest::prop_assert_eq!(&got, &expected, "{:?}", lower);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_lowercases_and_collapses_white_space(text in "(?s).{0,40}|[ A-Za-zÆØÅæøåΣ\u{a0}\u{2003}\t\n.]{0,40}") {
            let expected = text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(fold(&text), expected);
        }
    }
}
