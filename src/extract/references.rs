//! Block stream → `Reference`s: white papers, NOUs, propositions, named plans,
//! strategies and reforms, and other agreements named in the text or in link lines.
//!
//! Recognisers, in the order they claim text:
//!
//! ```text
//! Meld. St.15 (2017-2018) Leve hele livet - En ...   → white_paper 15, 2017-2018, "Leve hele livet"
//! i Nasjonal helse- og samhandlingsplan har          → plan   (capitalized opener mid-sentence)
//! målene i Bo trygt hjemme-reformen og               → reform (hyphenated name)
//! digitaliseringsstrategien for offentleg sektor som → plan   (definite compound + qualifier)
//! strategien På vei til egen bolig.                  → plan   (appositive title)
//! oppfølging av barnevernsreforma.                   → reform (definite compound reform)
//! bygger på Omsorgsplan 2015 og Kompetanseløftet 2015 → plan, other (name and year)
//! på Kompetanse for fremtidens barnehage – revidert strategi ... → plan (title before a dash)
//! Samarbeidsavtale om boligsosialt arbeid            → agreement (title noun + "om")
//! partenes erklæring fra 3. desember 2003            → agreement (dated instrument)
//! Lenkeblokk Icon Samarbeidsavtale om Helsefellesskap → agreement (link line; text and span
//!                                                       leave the link words out)
//! ```
//!
//! The document's own title is never a reference to another work, nor is a
//! link whose year range is the title's (the agreement's own pdf).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::Context;
use super::dates::Prose;
use super::words::{Word, lowercase, word_around, words};
use crate::blocks::{BlockKind, NoiseKind};
use crate::lexicon::cues::{self, REFERENCE_PREFIXES};
use crate::model::{Document, Reference, ReferenceKind, Span};
use crate::span::LineIndex;
use crate::text::{ends_with_last_byte_first, normalize};

/// The regex of each reference prefix (prefix, number, optional `(session)`), compiled the
/// first time its literal is met: most texts name no proposition or NOU.
static NUMBERED: [OnceLock<Option<Regex>>; REFERENCE_PREFIXES.len()] =
    [const { OnceLock::new() }; REFERENCE_PREFIXES.len()];

/// The regex of the reference prefix `i` (see [`NUMBERED`]).
fn numbered_regex(i: usize) -> Option<&'static Regex> {
    let p = REFERENCE_PREFIXES.get(i)?;
    NUMBERED
        .get(i)?
        .get_or_init(|| {
            Regex::new(&format!(
                r"{}\s*({})(?:\s*\(\s*(\d{{4}})\s*[-–/]\s*(\d{{4}})\s*\))?",
                p.pattern, p.number
            ))
            .ok()
        })
        .as_ref()
}

/// One search for the literals the reference prefixes start with ([`literal_prefix`]), run
/// once over a document's text ([`TextScan`]) rather than once per slice and prefix; with
/// the prefix of each pattern.
static NUMBERED_LITERALS: LazyLock<(Option<aho_corasick::packed::Searcher>, Vec<usize>)> =
    LazyLock::new(|| {
        let (prefixes, literals): (Vec<usize>, Vec<String>) = REFERENCE_PREFIXES
            .iter()
            .enumerate()
            .map(|(i, p)| (i, literal_prefix(p.pattern)))
            .filter(|(_, l)| !l.is_empty())
            .unzip();
        let searcher = aho_corasick::packed::Config::new()
            .builder()
            .extend(literals)
            .build();
        (searcher, prefixes)
    });

/// The literal text every match of a regex pattern starts with (`Meld\.\s*St\.` →
/// `Meld.`), conservatively: empty when the pattern has an alternation, and a
/// character made optional by a quantifier is left out.
fn literal_prefix(pattern: &str) -> String {
    let mut out = String::new();
    if pattern.contains('|') {
        return out;
    }
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n.is_ascii_punctuation() => out.push(n),
                _ => break,
            },
            c if c.is_alphanumeric() || c == ' ' => out.push(c),
            '?' | '*' | '{' => {
                out.pop();
                break;
            }
            _ => break,
        }
    }
    out
}

/// A full date after "fra": `fra 3. oktober 2001`.
static FROM_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*fra\s+\d{1,2}\.\s*\p{Ll}+\s+\d{4}").ok());

/// A year range: `2006-2009`, `2006–2009`.
static YEAR_RANGE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})\s*[-–]\s*(\d{4})\b").ok());

/// Collects references from the block stream, one per distinct work, in order of first mention
/// (`prose`: the running text as the date extractor read it, for its lowercase copy).
pub fn extract(cx: &Context<'_>, index: &LineIndex, prose: &Prose<'_>, doc: &mut Document) {
    let own_title = doc.title.as_ref().map(|t| key(&t.text));
    let own_spans: Vec<Span> = doc
        .title
        .iter()
        .chain(doc.subtitle.iter())
        .map(|t| t.span)
        .collect();
    let own_period = doc.title.as_ref().and_then(|t| year_range(&t.text));
    let mut found = Found::default();
    let mut scan = TextScan::new(cx.text, prose.folded(), prose.lowercase().is_some());
    for block in cx.blocks {
        if own_spans
            .iter()
            .any(|s| s.contains(&block.span) || block.span.contains(s))
        {
            continue;
        }
        let raw = block.span.slice(cx.text);
        match &block.kind {
            BlockKind::Noise {
                reason: NoiseKind::Link,
                text,
            } => {
                found.push_link(
                    text,
                    link_title_span(cx.text, block.span, index),
                    own_period.as_deref(),
                );
            }
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => {
                if found.push_link_like(
                    text,
                    || link_title_span(cx.text, block.span, index),
                    own_period.as_deref(),
                ) {
                    continue;
                }
                if matches!(block.kind, BlockKind::Heading { .. }) {
                    found.push_heading(text, block.span);
                }
                scan_running_text(raw, block.span.start, index, &mut scan, &mut found);
            }
            BlockKind::List { lead_in, items } => {
                for piece in lead_in.iter().chain(items) {
                    scan_running_text(
                        piece.span.slice(cx.text),
                        piece.span.start,
                        index,
                        &mut scan,
                        &mut found,
                    );
                }
            }
            BlockKind::Quote { body, .. } => {
                scan_running_text(
                    body.span.slice(cx.text),
                    body.span.start,
                    index,
                    &mut scan,
                    &mut found,
                );
            }
            _ => {}
        }
    }
    doc.references = found
        .refs
        .into_iter()
        .filter(|(k, _)| Some(k) != own_title.as_ref())
        .map(|(_, r)| r)
        .collect();
}

/// References found so far, with their dedup keys and the raw spans they claim.
#[derive(Debug, Default)]
struct Found {
    refs: Vec<(String, Reference)>,
    /// Position in `refs` of each key: a long text finds hundreds of references.
    index: BTreeMap<String, usize>,
    /// Claimed byte ranges, ordered by start.
    claimed: BTreeSet<(usize, usize)>,
    /// The longest claimed range: a range starting further back cannot reach a position.
    longest: usize,
}

impl Found {
    /// Claims the raw byte range `start..end`.
    fn claim(&mut self, start: usize, end: usize) {
        self.claimed.insert((start, end));
        self.longest = self.longest.max(end.saturating_sub(start));
    }

    /// Adds a reference unless the same work is known already; fills a missing title.
    fn push(&mut self, r: Reference) {
        self.claim(r.span.start, r.span.end);
        let k = match (r.kind, &r.number) {
            (
                ReferenceKind::WhitePaper | ReferenceKind::Nou | ReferenceKind::Proposition,
                Some(n),
            ) => {
                format!("{:?} {} {}", r.kind, n, r.session.as_deref().unwrap_or(""))
            }
            _ => key(&r.text),
        };
        if let Some((_, known)) = self.index.get(&k).and_then(|&at| self.refs.get_mut(at)) {
            if known.title.is_none() {
                known.title = r.title;
            }
            if known.session.is_none() {
                known.session = r.session;
            }
            return;
        }
        if !k.is_empty() {
            self.index.insert(k.clone(), self.refs.len());
            self.refs.push((k, r));
        }
    }

    /// Whether an absolute byte range overlaps text already claimed by a reference.
    fn is_claimed(&self, start: usize, end: usize) -> bool {
        // A range `s..e` overlaps when `s < end && start < e`. Those starting after `start`
        // need only `s < end`; those starting at or before it end at most `longest` later.
        let later = start.saturating_add(1)..end;
        if !later.is_empty()
            && self
                .claimed
                .range((later.start, 0)..(later.end, 0))
                .next()
                .is_some()
        {
            return true;
        }
        let from = start.saturating_sub(self.longest);
        self.claimed
            .range((from, 0)..=(start, usize::MAX))
            .any(|&(s, e)| start < e && s < end)
    }

    /// A link block (`Lenkeblokk Icon ...`, `Les avtalen mellom ...`, `... (pdf)`): a reference
    /// when the linked title names an agreement-like work. `span` is the title's, link words
    /// left out (see [`link_title_span`]).
    fn push_link(&mut self, text: &str, span: Span, own_period: Option<&str>) {
        let title = strip_link(text);
        if let Some(kind) = link_work_kind(title) {
            // The agreement's own pdf carries the title's period: not another work.
            if own_period.is_some() && year_range(title).as_deref() == own_period {
                return;
            }
            self.push(Reference {
                kind,
                text: title.to_owned(),
                number: None,
                session: None,
                title: None,
                span,
            });
        }
    }

    /// A paragraph or heading that reads as a link line (the layout left it in the body).
    fn push_link_like(
        &mut self,
        text: &str,
        span: impl FnOnce() -> Span,
        own_period: Option<&str>,
    ) -> bool {
        let looks_like_link = text.len() < 250
            && !text.trim_end_matches('.').contains(". ")
            && (cues::LINK_PREFIXES.iter().any(|p| text.starts_with(p))
                || cues::LINK_SUFFIXES.iter().any(|s| text.ends_with(s)));
        if looks_like_link {
            self.push_link(text, span(), own_period);
        }
        looks_like_link
    }

    /// A heading that is an agreement's title: `Samarbeidsavtale om boligsosialt arbeid`.
    fn push_heading(&mut self, text: &str, span: Span) {
        let ws = words(text);
        let is_title = ws
            .first()
            .is_some_and(|w| w.is_capitalized() && is_title_noun(&lowercase(w.text)))
            && ws
                .get(1)
                .is_some_and(|w| cues::AGREEMENT_QUALIFIERS.contains(&w.text));
        if is_title {
            self.push(Reference {
                kind: ReferenceKind::Agreement,
                text: text.to_owned(),
                number: None,
                session: None,
                title: None,
                span,
            });
        }
    }
}

/// The index of the first of `matches` (sorted by start) that starts at or after `at`, as
/// `partition_point` finds it: stepping forward from `hint` when every match before it
/// starts before `at` (the slices are searched in text order, so the next slice's first
/// match is mostly the one after the last slice's), else by binary search.
fn first_starting_from(matches: &[(usize, usize)], at: usize, hint: usize) -> usize {
    match matches.split_at_checked(hint) {
        Some((before, after)) if before.last().is_none_or(|&(s, _)| s < at) => {
            hint + after.iter().take_while(|&&(s, _)| s < at).count()
        }
        _ => matches.partition_point(|&(s, _)| s < at),
    }
}

/// Runs the running-text recognisers over a raw slice starting at byte `base` of the text
/// `scan` was made of.
fn scan_running_text(
    raw: &str,
    base: usize,
    index: &LineIndex,
    scan: &mut TextScan,
    found: &mut Found,
) {
    scan_numbered(raw, base, index, scan, found);
    // The word recognisers fire only at or near a trigger word: most slices have none and
    // are not split into words at all.
    scan.find_triggers(raw, base);
    if !scan.triggers.is_empty() {
        let ws = words(raw);
        for i in scan.candidates(&ws) {
            scan_word(raw, base, index, &ws, i, found);
        }
    }
}

/// Runs the word recognisers at the word `ws[i]` of `raw` (which starts at byte `base`) and
/// keeps what they find.
fn scan_word(
    raw: &str,
    base: usize,
    index: &LineIndex,
    ws: &[Word<'_>],
    i: usize,
    found: &mut Found,
) {
    // Both word recognisers test the word's ending in lower case: lowercase it once.
    let lower = lowercase(ws[i].text);
    let recognised = scan_named_work(raw, ws, i, &lower)
        .or_else(|| scan_agreement(raw, ws, i, &lower))
        .or_else(|| scan_dated_name(ws, i));
    let Some((kind, from, to, title)) = recognised else {
        return;
    };
    // A year in brackets closing the name keeps its closing bracket: `(2016–2020)`.
    let bracketed = raw.get(..ws[to].start).is_some_and(|s| s.ends_with('('))
        && raw.get(ws[to].end..).is_some_and(|s| s.starts_with(')'));
    let last = ws[to].end + usize::from(bracketed);
    let (start, end) = (base + ws[from].start, base + last);
    if found.is_claimed(start, end) {
        return;
    }
    let text = normalize(raw.get(ws[from].start..last).unwrap_or(""));
    found.push(Reference {
        kind,
        text,
        number: None,
        session: None,
        title,
        span: index.span(start, end),
    });
}

/// What a word can set off in [`scan_running_text`]: a work word (`planen`, `reform`) is
/// where [`scan_named_work`] starts and what [`scan_dated_name`] looks for up to three words
/// away; an agreement word is where [`scan_agreement`] starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// A word whose lower case ends in one of [`cues::WORK_SUFFIXES`].
    Work,
    /// A word ending in one of [`cues::AGREEMENT_NOUNS`] that may title an agreement or
    /// be dated by a `fra` phrase.
    Agreement,
}

/// The characters outside ASCII whose lower case is a letter of the trigger endings
/// ([`cues::WORK_SUFFIXES`], [`cues::AGREEMENT_NOUNS`]) other than the letter itself, with
/// that letter: `Æ` (æ) and the Kelvin sign (k). The test `folding_letters_are_complete`
/// checks the list against every character.
const FOLDING_TO_ENDING_LETTERS: &[(char, char)] = &[('æ', '\u{c6}'), ('k', '\u{212a}')];

/// The trigger endings as searched for in a text with its ASCII letters lowercased: each
/// ending that holds no shorter one (a token holding `planen` holds `plan`), in every
/// spelling with [`FOLDING_TO_ENDING_LETTERS`] (`erklÆring`).
fn trigger_patterns() -> Vec<String> {
    let endings: Vec<&str> = cues::WORK_SUFFIXES
        .iter()
        .map(|&(s, _)| s)
        .chain(cues::AGREEMENT_NOUNS.iter().copied())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for e in &endings {
        if endings.iter().any(|o| o != e && e.contains(o)) {
            continue;
        }
        let mut spellings = vec![String::new()];
        for c in e.chars() {
            let folding = FOLDING_TO_ENDING_LETTERS.iter().find(|&&(l, _)| l == c);
            spellings = spellings
                .into_iter()
                .flat_map(|s| {
                    std::iter::once(c)
                        .chain(folding.map(|&(_, f)| f))
                        .map(move |c| format!("{s}{c}"))
                })
                .collect();
        }
        out.extend(spellings);
    }
    out
}

/// The [`trigger_patterns`] that can occur in `folded`: all of them, or when the copy is an
/// exact lowercase of the text (see [`Prose::lowercase`]) those that are their own
/// lowercase. Every character of an exact copy is its own lowercase (the others are
/// lowercased, or make the copy inexact), so `erklÆring` and the Kelvin-sign spellings never
/// match there, and a search without patterns that never match reports the same matches
/// (test `an_exact_copy_needs_no_other_spelling`); eight patterns instead of thirteen leave
/// the search's eight buckets fewer false candidates.
fn searched_triggers(exact: bool) -> Vec<String> {
    trigger_patterns()
        .into_iter()
        .filter(|p| !exact || p.to_lowercase() == *p)
        .collect()
}

/// One search for the [`searched_triggers`] of an inexact copy and one for those of an exact
/// copy (packed SIMD searches: the patterns are few and none shorter than three bytes).
static TRIGGER_SEARCHES: LazyLock<[Option<aho_corasick::packed::Searcher>; 2]> =
    LazyLock::new(|| {
        [false, true].map(|exact| {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(searched_triggers(exact))
                .build()
        })
    });

/// The literals the recognisers start from, found once in the whole text of a document:
/// the trigger endings of the word recognisers and the literals of the reference prefixes,
/// the endings in a copy of the text with its ASCII letters lowercased at the same offsets.
/// Each slice then looks up the matches inside it instead of searching itself.
///
/// Why no reference is lost: each word recogniser needs a word whose lower case ends in a
/// trigger ending ([`named_work`] and [`scan_agreement`] at the word itself,
/// [`scan_dated_name`] at most three words away). `to_lowercase` maps each character on
/// its own (`Σ` aside, which lowers to no ending letter); no character lowers to several
/// characters the last of which is an ending letter, and those lowering to one ending
/// letter are the letter, its ASCII capital and [`FOLDING_TO_ENDING_LETTERS`]. So such a
/// word, with its ASCII letters lowercased (and other characters lowercased or not, where
/// that keeps their length: `Æ` → `æ`), ends in one of the [`trigger_patterns`], and
/// the search reports a match inside its white-space token: a match it skips overlaps one
/// it reports, and no pattern holds white space. A slice's token is the part of a text
/// token inside it, so the same holds for a slice, unless a reported match crosses the
/// slice's edge; then every word of the slice is tested. Each token with a match is tested
/// exactly, on the word [`words`] cuts from it.
#[derive(Debug, Default)]
struct TextScan {
    /// The trigger matches in the text (start, end), in order; `None` without the search.
    matches: Option<Vec<(usize, usize)>>,
    /// The matches of the prefix literals in the text (start, end, prefix), in order; `None`
    /// without the search.
    literals: Option<Vec<(usize, usize, usize)>>,
    /// The trigger words of the slice last searched: start offset in the slice and what
    /// they trigger, in text order.
    triggers: Vec<(usize, Trigger)>,
    /// The index of the first match after the slice last searched, where the next slice's
    /// matches are looked for first ([`first_starting_from`]).
    next_match: usize,
}

impl TextScan {
    /// Searches `folded` (`text` with its ASCII letters lowercased at the same offsets, see
    /// [`Prose::folded`]) for the trigger endings and `text` for the prefix literals.
    fn new(text: &str, folded: &str, exact: bool) -> TextScan {
        let [inexact_search, exact_search] = &*TRIGGER_SEARCHES;
        let search = if exact { exact_search } else { inexact_search };
        let matches = search.as_ref().map(|search| {
            search
                .find_iter(folded)
                .map(|m| (m.start(), m.end()))
                .collect()
        });
        let (searcher, prefixes) = &*NUMBERED_LITERALS;
        let literals = searcher.as_ref().map(|searcher| {
            searcher
                .find_iter(text)
                .filter_map(|m| {
                    let prefix = *prefixes.get(m.pattern().as_usize())?;
                    Some((m.start(), m.end(), prefix))
                })
                .collect()
        });
        TextScan {
            matches,
            literals,
            triggers: Vec::new(),
            next_match: 0,
        }
    }

    /// Which reference prefixes the slice `raw` at byte `base` may hold: those whose
    /// literal lies in it, and those without a literal (all, without the search).
    fn numbered_candidates(&self, raw: &str, base: usize) -> [bool; REFERENCE_PREFIXES.len()] {
        let Some(literals) = &self.literals else {
            return [true; REFERENCE_PREFIXES.len()];
        };
        let mut present = [true; REFERENCE_PREFIXES.len()];
        for &i in &NUMBERED_LITERALS.1 {
            present[i] = false;
        }
        // No literal overlaps another (test `numbered_literals_never_overlap`), so the
        // search's non-overlapping matches miss none of them.
        let end = base + raw.len();
        let from = literals.partition_point(|&(s, _, _)| s < base);
        for &(_, e, i) in literals[from..].iter().take_while(|&&(s, _, _)| s < end) {
            if e <= end {
                present[i] = true;
            }
        }
        present
    }

    /// Finds the trigger words of the slice `raw` at byte `base` into `self.triggers`.
    fn find_triggers(&mut self, raw: &str, base: usize) {
        self.triggers.clear();
        let end = base + raw.len();
        let inside = self.matches.as_ref().and_then(|matches| {
            let from = first_starting_from(matches, base, self.next_match);
            let to = first_starting_from(matches, end, from);
            self.next_match = to;
            let crosses_start = from > 0 && matches[from - 1].1 > base;
            let crosses_end = to > from && matches[to - 1].1 > end;
            (!crosses_start && !crosses_end).then(|| &matches[from..to])
        });
        let Some(inside) = inside else {
            // No search, or a match across the slice's edge: every word is tested, as if
            // each were a work word.
            self.triggers
                .extend(words(raw).iter().map(|w| (w.start, Trigger::Work)));
            return;
        };
        let mut token_end = 0;
        for &(s, e) in inside {
            let (s, e) = (s - base, e - base);
            if s < token_end {
                continue;
            }
            let (word, end) = word_around(raw, s, e);
            token_end = end;
            if let Some((start, text)) = word
                && let Some(trigger) = trigger(raw, start, text)
            {
                self.triggers.push((start, trigger));
            }
        }
    }

    /// The indices of the words of `ws` (the words of the slice last searched) at which a
    /// recogniser may fire, in order: each agreement word, and every word up to three words
    /// from a work word.
    fn candidates(&self, ws: &[Word<'_>]) -> impl Iterator<Item = usize> + use<> {
        let mut candidate = vec![false; ws.len()];
        for &(start, trigger) in &self.triggers {
            let Ok(i) = ws.binary_search_by_key(&start, |w| w.start) else {
                // Not a word of `ws` after all: test every word rather than risk a miss.
                candidate.fill(true);
                break;
            };
            let reach = match trigger {
                Trigger::Work => 3,
                Trigger::Agreement => 0,
            };
            let last = (i + reach).min(ws.len() - 1);
            candidate[i.saturating_sub(reach)..=last].fill(true);
        }
        candidate
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| c.then_some(i))
    }
}

/// What the word `text` at byte `start` of `raw` may trigger: exactly the words at which
/// [`named_work`] and [`scan_agreement`] get past their first tests, and those
/// [`scan_dated_name`] looks for.
fn trigger(raw: &str, start: usize, text: &str) -> Option<Trigger> {
    let lower = lowercase(text);
    if work_suffix(&lower).is_some() {
        return Some(Trigger::Work);
    }
    // `scan_agreement` reads a title (capitalized) or a date after `fra` (`FROM_DATE`): most
    // agreement words are neither, and these two tests cost less than the noun test.
    let capitalized = is_capitalized(text);
    let dated = raw
        .get(start + text.len()..)
        .is_some_and(may_open_from_date);
    if !(capitalized || dated) || !is_agreement_noun(&lower) {
        return None;
    }
    let titled = capitalized && (is_title_noun(&lower) || is_definite_title_noun(&lower));
    (titled || dated).then_some(Trigger::Agreement)
}

/// Whether [`FROM_DATE`] may match at the start of `after`: it opens with white space
/// (`\s`, Unicode's as `char::is_whitespace`) and `fra`.
fn may_open_from_date(after: &str) -> bool {
    after
        .trim_start_matches(char::is_whitespace)
        .starts_with("fra")
}

/// Whether a word starts with an upper-case letter (as [`Word::is_capitalized`]).
fn is_capitalized(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a lowercase word ends in one of the agreement nouns (`samarbeidsavtalen`, `erklæring`).
fn is_agreement_noun(lower: &str) -> bool {
    cues::AGREEMENT_NOUNS
        .iter()
        .any(|n| ends_with_last_byte_first(lower, n))
}

/// Whether a lowercase word is a definite compound of `avtalen` (`ia-avtalen`), which
/// titles an agreement when it stands capitalized mid-sentence before `om`.
fn is_definite_title_noun(lower: &str) -> bool {
    lower.len() > "avtalen".len() && lower.ends_with("avtalen")
}

/// White papers, NOUs and propositions: `Meld. St. 15 (2017-2018) Leve hele livet`.
fn scan_numbered(raw: &str, base: usize, index: &LineIndex, scan: &TextScan, found: &mut Found) {
    let candidates = scan.numbered_candidates(raw, base);
    for (i, prefix) in REFERENCE_PREFIXES.iter().enumerate() {
        if !candidates[i] {
            continue;
        }
        let Some(re) = numbered_regex(i) else {
            continue;
        };
        for caps in re.captures_iter(raw) {
            let (Some(all), Some(number)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let number = number
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let session = caps
                .get(2)
                .zip(caps.get(3))
                .map(|(a, b)| format!("{}-{}", a.as_str(), b.as_str()));
            let text = match &session {
                Some(s) => format!("{} {} ({})", prefix.canonical, number, s),
                None => format!("{} {}", prefix.canonical, number),
            };
            let title = raw.get(all.end()..).and_then(work_title);
            let span = index.span(base + all.start(), base + all.end());
            // The title belongs to this reference: no other recogniser may read a plan or reform in it.
            let claimed_to = base + all.end() + title.as_ref().map_or(0, |t| t.1);
            found.push(Reference {
                kind: prefix.kind,
                text,
                number: Some(number),
                session,
                title: title.map(|t| t.0),
                span,
            });
            found.claim(span.start, claimed_to);
        }
    }
}

/// The title written after a numbered reference, and the bytes it spans in `after`:
/// `Leve hele livet - En kvalitetsreform for eldre.` → `Leve hele livet` (a subtitle after a
/// spaced dash is dropped from the value but still claimed).
fn work_title(after: &str) -> Option<(String, usize)> {
    let rest = after.trim_start_matches(crate::text::is_space);
    let skipped = after.len() - rest.len();
    if let Some(quoted) = rest.strip_prefix('«') {
        let inner = quoted.split('»').next().unwrap_or("");
        let title = normalize(inner);
        return (!title.is_empty()).then_some((title, skipped + '«'.len_utf8() + inner.len()));
    }
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let end = rest
        .find(['.', ',', ';', ':', '\n', '(', '\r'])
        .unwrap_or(rest.len());
    let phrase = rest.get(..end)?;
    let phrase = phrase.split(" som ").next().unwrap_or(phrase);
    // "... Tid for lek og læring og på Kompetanse ...": "og på" goes on with another work.
    let phrase = cues::COMPLEMENT_PREPOSITIONS
        .iter()
        .filter_map(|p| phrase.find(&format!(" og {p} ")))
        .min()
        .and_then(|cut| phrase.get(..cut))
        .unwrap_or(phrase);
    // "... Leve hele livet og Nasjonal helse- og sykehusplan 2020–2023": "og" and a
    // capitalized name holding a work word go on with another work.
    let phrase = phrase
        .match_indices(" og ")
        .map(|(cut, og)| (cut, &phrase[cut + og.len()..]))
        .find(|(_, next)| {
            next.starts_with(char::is_uppercase)
                && next.split(' ').take(4).any(|w| work_suffix(w).is_some())
        })
        .and_then(|(cut, _)| phrase.get(..cut))
        .unwrap_or(phrase);
    let main = [" - ", " – "]
        .iter()
        .fold(phrase, |p, dash| p.split(dash).next().unwrap_or(p));
    let title = normalize(main);
    (!title.is_empty() && title.split(' ').count() <= 12).then_some((title, skipped + phrase.len()))
}

/// A programme named by a compound and its year, in an enumeration with a plan or strategy
/// named the same way: `Demensplan 2015 og Kompetanseløftet 2015`. Alone, a capitalized
/// word before a year is as often an event (`Arendalsuka 2021`) as a work.
fn scan_dated_name(
    ws: &[Word<'_>],
    i: usize,
) -> Option<(ReferenceKind, usize, usize, Option<String>)> {
    let w = ws.get(i)?;
    let next = ws.get(i + 1)?;
    let named = w.is_capitalized()
        && !w.is_all_caps()
        && !w.sentence_start
        && !w.ends_clause()
        && w.text.chars().all(char::is_alphabetic)
        && crate::lexicon::bodies::lookup(w.text).is_none()
        && is_year(next.text);
    // "<Work> <year> og <name> <year>", "<Work> <year>, <name> <year>", or the other way round.
    let dated_work = |j: usize| {
        ws.get(j)
            .is_some_and(|x| x.is_capitalized() && work_suffix(&lowercase(x.text)).is_some())
            && ws.get(j + 1).is_some_and(|y| is_year(y.text))
    };
    let after_work =
        (i >= 3 && ws[i - 1].text == "og" && !ws[i - 2].ends_clause() && dated_work(i - 3))
            || (i >= 2 && ws[i - 1].punct == Some(',') && dated_work(i - 2));
    let before_work =
        (!next.ends_clause() && ws.get(i + 2).is_some_and(|o| o.text == "og") && dated_work(i + 3))
            || (next.punct == Some(',') && dated_work(i + 2));
    (named && (after_work || before_work)).then_some((ReferenceKind::Other, i, i + 1, None))
}

/// The bytes that end a [`cues::WORK_SUFFIXES`] entry, by value.
const WORK_SUFFIX_LAST_BYTES: [bool; 256] = {
    let mut last = [false; 256];
    let mut i = 0;
    while i < cues::WORK_SUFFIXES.len() {
        let suffix = cues::WORK_SUFFIXES[i].0.as_bytes();
        last[suffix[suffix.len() - 1] as usize] = true;
        i += 1;
    }
    last
};

/// Which of the work suffixes a word, given in lower case, ends in, with the length of
/// the stem before it.
fn work_suffix(lower: &str) -> Option<(ReferenceKind, bool, usize)> {
    // Most words asked about end otherwise (`avtale`): their last byte rules out every
    // suffix at once.
    if !WORK_SUFFIX_LAST_BYTES[usize::from(*lower.as_bytes().last()?)] {
        return None;
    }
    cues::WORK_SUFFIXES
        .iter()
        .find(|(s, _)| ends_with_last_byte_first(lower, s))
        .map(|&(s, kind)| (kind, is_definite_suffix(s), lower.len() - s.len()))
}

/// Whether a work suffix is a definite form: `planen`, `strategien`, `reformen`, nynorsk `reforma`.
fn is_definite_suffix(suffix: &str) -> bool {
    suffix.ends_with("en") || suffix.ends_with('a')
}

/// Whether a word is a year or a range of years: `2015`, `2019–2025`.
fn is_year(word: &str) -> bool {
    let mut parts = word.split(['-', '–']);
    let year = |p: Option<&str>| {
        p.is_some_and(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")))
            && p.is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
    };
    year(parts.next()) && parts.next().is_none_or(|p| year(Some(p))) && parts.next().is_none()
}

/// Named plans, strategies and reforms: returns the kind, the first and last word, and a
/// title. A year right after the name belongs to it: `Omsorgsplan 2015`,
/// `Digitaliseringsstrategien for offentlig sektor 2019–2025`. `lower` is `ws[i]` in lower case.
fn scan_named_work(
    raw: &str,
    ws: &[Word<'_>],
    i: usize,
    lower: &str,
) -> Option<(ReferenceKind, usize, usize, Option<String>)> {
    let (kind, from, to, title) = named_work(raw, ws, i, lower)?;
    let dated = !ws[to].ends_clause() && ws.get(to + 1).is_some_and(|n| is_year(n.text));
    Some((kind, from, if dated { to + 1 } else { to }, title))
}

/// The name of a plan, strategy or reform around the work word `ws[i]` (see [`scan_named_work`]).
fn named_work(
    raw: &str,
    ws: &[Word<'_>],
    i: usize,
    lower: &str,
) -> Option<(ReferenceKind, usize, usize, Option<String>)> {
    let w = ws.get(i)?;
    let (kind, definite, stem) = work_suffix(lower)?;
    let midsentence_cap = |j: usize| {
        ws.get(j)
            .is_some_and(|p| p.is_capitalized() && !p.is_all_caps() && !p.sentence_start)
    };
    if let Some(found) = subtitled_work(raw, ws, i, kind) {
        return Some(found);
    }
    let hyphenated = w.text.get(..stem).is_some_and(|s| s.ends_with('-'));
    // Hyphenated name: "Bo trygt hjemme-reformen", back to a capitalized word mid-sentence.
    if stem > 0 && hyphenated {
        for back in 1..=4 {
            let j = i.checked_sub(back)?;
            if ws[j].ends_clause() {
                break;
            }
            if midsentence_cap(j) {
                return Some((kind, j, i, None));
            }
        }
    }
    // Coordinated compound with a capitalized opener: "Nasjonal helse- og samhandlingsplan".
    if stem > 0 {
        let mut j = i;
        while j >= 2 && ws[j - 1].text == "og" && ws[j - 2].text.ends_with('-') {
            j -= 2;
        }
        if let Some(opener) = j.checked_sub(1)
            && midsentence_cap(opener)
            && !ws[opener].ends_clause()
            && crate::lexicon::bodies::lookup(ws[opener].text).is_none()
            && !cues::DETERMINERS.contains(&lowercase(ws[opener].text).as_ref())
        {
            return Some((kind, opener, i, None));
        }
    }
    let compound = stem >= 3 && !hyphenated;
    let dated = !w.ends_clause() && ws.get(i + 1).is_some_and(|n| is_year(n.text));
    // A compound named with its year: "Omsorgsplan 2015" (the year is added by the caller).
    if compound && w.is_capitalized() && dated {
        return Some((kind, i, i, None));
    }
    // A definite compound reform names one reform: "barnevernsreforma", "tillitsreformen"
    // (a qualifier after it, read below, makes the name longer).
    let reform =
        (compound && definite && kind == ReferenceKind::Reform).then_some((kind, i, i, None));
    // A capitalized indefinite name with a qualifier closed by a year: "Handlingsplan for
    // digital samhandling 2021–2024", "Strategi for ... 2020–2025".
    if !definite
        && !hyphenated
        && w.is_capitalized()
        && let Some((last, true)) = qualifier_end(ws, i)
    {
        return Some((kind, i, last, None));
    }
    if !definite || w.ends_clause() {
        return reform;
    }
    let Some(next) = ws.get(i + 1) else {
        return reform;
    };
    // Appositive title: "strategien På vei til egen bolig".
    if next.is_capitalized()
        && !next.is_all_caps()
        && crate::lexicon::bodies::lookup(next.text).is_none()
    {
        let last = phrase_end(ws, i + 1, 8, true, |t| t == "som");
        if last > i + 1 {
            let title = normalize(raw.get(next.start..ws[last].end).unwrap_or(""));
            return Some((kind, i, last, Some(title)));
        }
    }
    // Definite compound with a qualifier: "digitaliseringsstrategien for offentleg sektor";
    // capitalized only when a year closes the name ("Digitaliseringsstrategien for offentlig
    // sektor 2019–2025"). The qualifier ends before a second preposition, and a lone
    // definite noun ("rammeplanen for barnehagen") describes rather than names, unless a
    // year closes it ("Opptrappingsplanen for rusfeltet (2016–2020)").
    if stem >= 3
        && let Some((last, closed_by_year)) = qualifier_end(ws, i)
    {
        let described = last == i + 2 && is_definite_noun(ws[last].text) && !closed_by_year;
        if !described && (!w.is_capitalized() || closed_by_year) {
            return Some((kind, i, last, None));
        }
    }
    reform
}

/// The last word of the qualifier after the work word `ws[i]` (`for offentleg sektor`, up to
/// three words, ending before a second preposition), and whether a year follows it.
fn qualifier_end(ws: &[Word<'_>], i: usize) -> Option<(usize, bool)> {
    let next = ws.get(i + 1)?;
    if ws[i].ends_clause() || !matches!(next.text, "for" | "i" | "om") || next.ends_clause() {
        return None;
    }
    let closed_by_year =
        |last: usize| !ws[last].ends_clause() && ws.get(last + 1).is_some_and(|n| is_year(n.text));
    let stop = |t: &str, og: bool| {
        (cues::PHRASE_STOP_WORDS.contains(&t) && (og || t != "og"))
            || cues::QUALIFIER_PREPOSITIONS.contains(&t)
    };
    // A year closing the name vouches for an "og" inside it: "for barn og unge 2021–2024".
    let with_og = phrase_end(ws, i + 2, 5, false, |t| stop(t, false));
    if with_og >= i + 2 && closed_by_year(with_og) {
        return Some((with_og, true));
    }
    let last = phrase_end(ws, i + 2, 3, false, |t| stop(t, true));
    (last >= i + 2).then(|| (last, closed_by_year(last)))
}

/// Whether a lowercase word has a definite noun ending: `barnehagen`, `sektoren`, `kommunene`.
fn is_definite_noun(word: &str) -> bool {
    ["en", "et", "a", "ene", "ane"]
        .iter()
        .any(|e| word.ends_with(e))
        && !word.chars().next().is_some_and(char::is_uppercase)
}

/// A work with its main title before a spaced dash and the work word after it:
/// `Kompetanse for fremtidens barnehage – revidert strategi for kompetanse og rekruttering`
/// → the title `Kompetanse for fremtidens barnehage`. The work word `ws[i]` stands right
/// after the dash or after one modifier (`revidert`, `nasjonal`, `En`); the title runs back
/// from the dash to its furthest capitalized word, without crossing punctuation, a verb or
/// a preposition that links it to the sentence (`bygger på`).
fn subtitled_work(
    raw: &str,
    ws: &[Word<'_>],
    i: usize,
    kind: ReferenceKind,
) -> Option<(ReferenceKind, usize, usize, Option<String>)> {
    let after_dash = |k: usize| {
        k > 0
            && raw
                .get(ws[k - 1].end..ws[k].start)
                .is_some_and(|gap| [" – ", " - ", " — "].iter().any(|d| gap.contains(d)))
    };
    let first =
        (i.saturating_sub(1)..=i).find(|&k| after_dash(k) && (k == i || !ws[k].ends_clause()))?;
    let last = first.checked_sub(1)?;
    let mut opener = None;
    for j in (last.saturating_sub(9)..=last).rev() {
        let x = &ws[j];
        if j < last && x.ends_clause() {
            break;
        }
        let linking = cues::PHRASE_STOP_WORDS.contains(&x.text) && x.text != "og";
        let og_before_preposition = x.text == "og"
            && ws
                .get(j + 1)
                .is_some_and(|n| cues::COMPLEMENT_PREPOSITIONS.contains(&n.text));
        if linking || og_before_preposition {
            break;
        }
        if x.is_capitalized()
            && !x.is_all_caps()
            && crate::lexicon::bodies::lookup(x.text).is_none()
        {
            opener = Some(j);
        }
        if x.sentence_start {
            break;
        }
    }
    let opener = opener?;
    let title = normalize(raw.get(ws[opener].start..ws[last].end)?);
    Some((kind, opener, last, Some(title)))
}

/// The last word of a title phrase starting at `from`: at most `max` words, ending at
/// punctuation, a word `stop` accepts (after the first), or (unless `caps`) a capitalized
/// word. Returns `from - 1` when empty.
fn phrase_end(
    ws: &[Word<'_>],
    from: usize,
    max: usize,
    caps: bool,
    stop: impl Fn(&str) -> bool,
) -> usize {
    let mut last = from.wrapping_sub(1);
    for (j, w) in ws.iter().enumerate().skip(from).take(max) {
        let stop = stop(w.text) && j > from;
        if stop || (!caps && w.is_capitalized()) || !w.text.chars().any(char::is_alphabetic) {
            break;
        }
        last = j;
        if w.ends_clause() {
            break;
        }
    }
    last
}

/// Other agreements in running text: `Samarbeidsavtale om X`, `Intensjonsavtalen om X fra 3. oktober 2001`,
/// `partenes erklæring fra 3. desember 2003`. `lower` is `ws[i]` in lower case.
fn scan_agreement(
    raw: &str,
    ws: &[Word<'_>],
    i: usize,
    lower: &str,
) -> Option<(ReferenceKind, usize, usize, Option<String>)> {
    let w = ws.get(i)?;
    if !is_agreement_noun(lower) {
        return None;
    }
    // A dated instrument: "erklæring fra 3. desember 2003".
    if !w.ends_clause()
        && let Some(date_end) = from_date_end(raw, w.end, ws, i + 1)
    {
        let from = match i.checked_sub(1) {
            Some(g)
                if ws[g].text.ends_with('s') && !ws[g].is_capitalized() && !ws[g].ends_clause() =>
            {
                g
            }
            _ => i,
        };
        return Some((ReferenceKind::Agreement, from, date_end, None));
    }
    // A title: capitalized indefinite compound anywhere, or capitalized definite mid-sentence, then "om".
    let indefinite_title = w.is_capitalized() && is_title_noun(lower);
    let definite_title = w.is_capitalized() && !w.sentence_start && is_definite_title_noun(lower);
    let next = ws.get(i + 1)?;
    if !(indefinite_title || definite_title) || next.text != "om" || w.ends_clause() {
        return None;
    }
    // The "om" phrase: its first word may be capitalized ("om Helsefellesskap"), later ones not.
    let mut last = i + 1;
    for (j, x) in ws.iter().enumerate().skip(i + 2).take(12) {
        if j > i + 2
            && (x.is_capitalized() || cues::PHRASE_STOP_WORDS.contains(&x.text) && x.text != "og")
        {
            break;
        }
        if x.text == "fra"
            && let Some(date_end) = from_date_end(raw, ws[j - 1].end, ws, j)
        {
            last = date_end;
            break;
        }
        last = j;
        if x.ends_clause() {
            break;
        }
    }
    // "og" cannot end a title.
    while last > i + 1 && ws[last].text == "og" {
        last -= 1;
    }
    (last > i + 1).then_some((ReferenceKind::Agreement, i, last, None))
}

/// When `fra <day>. <month> <year>` follows byte `at`, the index of its year word.
fn from_date_end(raw: &str, at: usize, ws: &[Word<'_>], next: usize) -> Option<usize> {
    let after = raw.get(at..)?;
    // Most agreement words are followed by something else: spare the regex.
    if !may_open_from_date(after) {
        return None;
    }
    let end = at
        + match scan_from_date(after) {
            Some(found) => found?,
            None => FROM_DATE.as_ref()?.find(after)?.end(),
        };
    ws.iter()
        .enumerate()
        .skip(next)
        .find(|(_, w)| w.end == end)
        .map(|(j, _)| j)
}

/// [`FROM_DATE`]'s match read by hand, its end: `Some(found)` where every character that
/// decides it is ASCII or of a known class, `None` where one is not (then only the regex knows).
fn scan_from_date(after: &str) -> Option<Option<usize>> {
    let Some(rest) = after
        .trim_start_matches(char::is_whitespace)
        .strip_prefix("fra")
    else {
        return Some(None);
    };
    let Some(rest) = skip_some_white_space(rest) else {
        return Some(None);
    };
    let day = leading_digits(rest, 2)?;
    let Some(rest) = rest[day..].strip_prefix('.').filter(|_| day > 0) else {
        return Some(None);
    };
    let rest = rest.trim_start_matches(char::is_whitespace);
    // `\p{Ll}+`: ASCII and Latin-1 lower-case letters are known, other letters are not.
    let mut month = 0;
    for c in rest.chars() {
        if is_latin1_lowercase(c) {
            month += c.len_utf8();
        } else if c.is_ascii() || c.is_whitespace() {
            break;
        } else {
            return None;
        }
    }
    let Some(rest) = skip_some_white_space(&rest[month..]).filter(|_| month > 0) else {
        return Some(None);
    };
    let year = leading_digits(rest, 4)?;
    Some((year == 4).then(|| after.len() - rest.len() + 4))
}

/// Whether `c` is a lower-case letter (`\p{Ll}`) of ASCII or Latin-1 (`a`–`z`, `ß`–`ÿ` but `÷`).
fn is_latin1_lowercase(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{df}'..='\u{ff}').contains(&c) && c != '\u{f7}')
}

/// `text` after its leading white space (`\s+`), if it has some.
fn skip_some_white_space(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(char::is_whitespace);
    (rest.len() < text.len()).then_some(rest)
}

/// How many of the first `most` characters of `text` are ASCII digits, in a row; `None` where
/// a non-ASCII character comes first, which `\d` may count (`٣`).
fn leading_digits(text: &str, most: usize) -> Option<usize> {
    for (i, c) in text.chars().take(most).enumerate() {
        if !c.is_ascii_digit() {
            return c.is_ascii().then_some(i);
        }
    }
    Some(text.len().min(most))
}

/// Whether a lowercase word is a compound agreement noun that titles a work (`samarbeidsavtale`).
fn is_title_noun(lower: &str) -> bool {
    cues::AGREEMENT_TITLE_NOUNS.contains(&lower)
}

/// The span of a link line's title in the source: [`strip_link`] on the raw slice, so that
/// `Lenkeblokk Icon`, `Les` and `(pdf)` stay out of the reference's span as they stay out of
/// its text. The whole span when nothing is left.
fn link_title_span(text: &str, span: Span, index: &LineIndex) -> Span {
    let raw = span.slice(text);
    let edge = |c: char| crate::text::is_space(c) || matches!(c, '*' | '_');
    let mut start = raw.len() - raw.trim_start_matches(edge).len();
    for p in cues::LINK_PREFIXES {
        if let Some(len) = prefix_words_len(raw.get(start..).unwrap_or(""), p) {
            start += len;
            break;
        }
    }
    let mut end = raw.trim_end_matches(edge).len().max(start);
    for s in cues::LINK_SUFFIXES {
        if raw.get(start..end).is_some_and(|t| t.ends_with(s)) {
            end = start + raw[start..end - s.len()].trim_end_matches(edge).len();
        }
    }
    if end <= start {
        return span;
    }
    index.span(span.start + start, span.start + end)
}

/// The length of `prefix` (words ending in a space) at the start of `s`, with the white space
/// after each word as written (a line break or two spaces count as the one space).
fn prefix_words_len(s: &str, prefix: &str) -> Option<usize> {
    let mut at = 0;
    for word in prefix.split_whitespace() {
        let rest = s.get(at..)?.strip_prefix(word)?;
        let spaces = rest.len() - rest.trim_start_matches(crate::text::is_space).len();
        if spaces == 0 {
            return None;
        }
        at += word.len() + spaces;
    }
    Some(at)
}

/// Strips link furniture: `Lenkeblokk Icon X` → `X`, `Les X` → `X`, `X (pdf)` → `X`.
fn strip_link(text: &str) -> &str {
    let mut t = text.trim();
    for p in cues::LINK_PREFIXES {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest.trim();
            break;
        }
    }
    for s in cues::LINK_SUFFIXES {
        if let Some(rest) = t.strip_suffix(s) {
            t = rest.trim();
        }
    }
    t
}

/// The kind of work a link title names, if it names one: an agreement-like noun followed
/// by a qualifier (`avtalen mellom ...`, `Manifestet mot mobbing`, `Samarbeidsavtale KS og AID ...`).
fn link_work_kind(title: &str) -> Option<ReferenceKind> {
    let ws = words(title);
    ws.iter().enumerate().find_map(|(i, w)| {
        let noun = is_agreement_noun(&lowercase(w.text));
        let next = ws.get(i + 1)?;
        let qualified = cues::AGREEMENT_QUALIFIERS.contains(&next.text)
            || next.is_capitalized()
            || year_range(next.text).is_some();
        (noun && qualified).then_some(ReferenceKind::Agreement)
    })
}

/// The first year range of a text, dash unified: `2006–2009` → `2006-2009`.
fn year_range(text: &str) -> Option<String> {
    let (first, second) = match scan_year_range(text) {
        Some(found) => found?,
        None => {
            let caps = YEAR_RANGE.as_ref()?.captures(text)?;
            (caps.get(1)?.as_str(), caps.get(2)?.as_str())
        }
    };
    Some(format!("{first}-{second}"))
}

/// [`YEAR_RANGE`]'s first match read by hand, its two years: `Some(found)` where every
/// character that decides it is ASCII or of a known class, `None` where one is not (then only
/// the regex knows). Matches start in the order of their dashes, so the first dash with a year
/// on either side holds the leftmost match.
fn scan_year_range(text: &str) -> Option<Option<(&str, &str)>> {
    // Byte 0xe2 leads `–` and other characters (`’`, `…`).
    for dash in memchr::memchr2_iter(b'-', 0xe2, text.as_bytes()) {
        let Some(after) = text[dash..].strip_prefix(['-', '–']) else {
            continue;
        };
        let before = text[..dash].trim_end_matches(char::is_whitespace);
        let after = after.trim_start_matches(char::is_whitespace);
        if opens_with_year(before.chars().rev())? && opens_with_year(after.chars())? {
            return Some(Some((&before[before.len() - 4..], &after[..4])));
        }
    }
    Some(None)
}

/// Whether `chars`, read away from a dash, open with a year that ends at a word boundary:
/// four `\d` and no word character next. `None` where a character's class is not known.
fn opens_with_year(mut chars: impl Iterator<Item = char>) -> Option<bool> {
    for _ in 0..4 {
        match chars.next() {
            Some(c) if c.is_ascii_digit() => {}
            // `\d` holds decimal digits of other scripts (`٣`).
            Some(c) if !c.is_ascii() => return None,
            _ => return Some(false),
        }
    }
    Some(!chars.next().map_or(Some(false), is_word_character)?)
}

/// Whether `c` is a word character to `\b` (`\w`: letters, marks, decimal digits, connector
/// punctuation), where that is known without Unicode's tables: ASCII, white space, common
/// punctuation and the letters of the Latin blocks. `None` for the rest.
fn is_word_character(c: char) -> Option<bool> {
    const PUNCTUATION: &[char] = &['–', '—', '«', '»', '“', '”', '‘', '’', '…', '§'];
    if c.is_ascii() {
        Some(c.is_ascii_alphanumeric() || c == '_')
    } else if c.is_whitespace() || PUNCTUATION.contains(&c) {
        Some(false)
    } else {
        (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic()).then_some(true)
    }
}

/// The definite [`cues::WORK_SUFFIXES`] in their order, each with its indefinite form
/// (`planen` → `plan`, `ordninga` → `ordning`).
static DEFINITE_SUFFIXES: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| {
    cues::WORK_SUFFIXES
        .iter()
        .filter_map(|&(s, _)| {
            let indefinite = s.strip_suffix("en").or_else(|| s.strip_suffix('a'))?;
            Some((s, indefinite))
        })
        .collect()
});

/// The dedup key of a work: lower case, dashes unified, a leading article and definite endings dropped.
fn key(text: &str) -> String {
    let mut lower = crate::text::lowercase(&normalize(text));
    // Most keys hold no long dash: two byte searches spare them the copy `replace` makes.
    if lower.contains('–') || lower.contains('—') {
        lower = lower.replace(['–', '—'], "-");
    }
    let lower = lower.trim_end_matches(['.', ':', ',', ';']);
    let lower = ["den ", "det ", "de "]
        .iter()
        .fold(lower, |s, a| s.strip_prefix(a).unwrap_or(s));
    let mut out = String::with_capacity(lower.len());
    for (i, w) in lower.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // A word that ends as no definite suffix does (in `en` or `a`) is kept as it is.
        let definite = is_definite_suffix(w)
            .then(|| {
                DEFINITE_SUFFIXES
                    .iter()
                    .find_map(|&(s, indefinite)| Some((w.strip_suffix(s)?, indefinite)))
            })
            .flatten();
        match definite {
            Some((stem, indefinite)) => {
                out.push_str(stem);
                out.push_str(indefinite);
            }
            None => out.push_str(w),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn work_suffixes_are_found_as_a_test_of_each_finds_them(
            word in "(plan|en|strategi|reform|a|avtale|m|i|n|e|æ|x){0,4}",
        ) {
            let plain = cues::WORK_SUFFIXES
                .iter()
                .find(|(s, _)| word.ends_with(s))
                .map(|&(s, kind)| (kind, is_definite_suffix(s), word.len() - s.len()));
            proptest::prop_assert_eq!(work_suffix(&word), plain);
        }
    }

    /// The first match of [`YEAR_RANGE`], as [`year_range`] read it before its scanner.
    fn year_range_by_regex(text: &str) -> Option<String> {
        let caps = YEAR_RANGE.as_ref()?.captures(text)?;
        Some(format!(
            "{}-{}",
            caps.get(1)?.as_str(),
            caps.get(2)?.as_str()
        ))
    }

    #[test]
    fn known_word_classes_are_the_regex_classes() {
        let word = Regex::new(r"^\w$").unwrap();
        for c in ('\0'..='\u{24f}')
            .chain('\u{2000}'..='\u{206f}')
            .chain(['\u{1680}', '\u{3000}'])
        {
            if let Some(known) = is_word_character(c) {
                assert_eq!(known, word.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn year_ranges_are_the_regex_matches(
            picks in proptest::collection::vec((0usize..6, 0usize..16), 0..12),
        ) {
            // Mostly years, dashes and spaces, now and then a character of another class.
            const PIECES: &[&str] = &["2006", "1999", "-", "–", " "];
            const OTHERS: &[&str] = &[
                "12", "7", "—", "\u{a0}", "\u{2009}", "a", "_", "ø", "Æ", "²", "٣٣٣٣", "\u{301}",
                "\u{200d}", "(", "«", "\n",
            ];
            let text: String = picks
                .iter()
                .map(|&(p, o)| PIECES.get(p).unwrap_or(&OTHERS[o]))
                .copied()
                .collect();
            proptest::prop_assert_eq!(year_range(&text), year_range_by_regex(&text), "{:?}", text);
        }
    }

    #[test]
    fn latin1_lowercase_letters_are_the_regex_class() {
        let lowercase = Regex::new(r"^\p{Ll}$").unwrap();
        for c in '\0'..='\u{ff}' {
            let known = is_latin1_lowercase(c);
            assert_eq!(
                known,
                lowercase.is_match(c.encode_utf8(&mut [0; 4])) && c != 'µ',
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn from_dates_are_the_regex_matches(picks in proptest::collection::vec(0usize..8, 10)) {
            // A date after `fra` piece by piece, each piece mostly as the regex wants it.
            const SLOTS: &[&[&str]] = &[
                &["", " ", "\u{a0}", "\n", "x", "\u{2009}"],
                &["fra", "fra", "fra", "fra", "Fra", "fr"],
                &[" ", "  ", "\u{a0}", "\u{2009}", "", ","],
                &["3", "12", "7", "09", "123", "", "٣", "1٣"],
                &[".", ".", ".", ".", ",", ""],
                &["", " ", "\u{a0}", "", "\n", "A"],
                &["oktober", "mai", "ørn", "ßÿ", "Mai", "ā", "µ", "÷"],
                &[" ", "  ", "\u{a0}", "\u{2009}", "", "x", "ā"],
                &["2001", "1999", "2001", "20011", "200", "٣٣٣٣", "199٣", ""],
                &["", ".", "x", "٣", " ", "1"],
            ];
            let text: String = SLOTS
                .iter()
                .zip(&picks)
                .map(|(slot, &p)| slot[p % slot.len()])
                .collect();
            let by_regex = FROM_DATE.as_ref().and_then(|r| r.find(&text)).map(|m| m.end());
            let found = scan_from_date(&text).unwrap_or(by_regex);
            proptest::prop_assert_eq!(found, by_regex, "{:?}", text);
        }
    }

    /// The [`TextScan`] of `text`, searched in its lowercase copy as [`extract`] does.
    fn scan_of(text: &str) -> TextScan {
        let (folded, exact) = crate::extract::dates::lowercase_at_offsets(text);
        TextScan::new(text, &folded, exact)
    }

    /// Runs the running-text recognisers on one sentence.
    fn refs(s: &str) -> Vec<(ReferenceKind, String, Option<String>)> {
        let mut found = Found::default();
        scan_running_text(s, 0, &LineIndex::new(s), &mut scan_of(s), &mut found);
        found
            .refs
            .into_iter()
            .map(|(_, r)| (r.kind, r.text, r.title))
            .collect()
    }

    #[test]
    fn white_papers_with_and_without_space() {
        let got = refs(
            "om gjennomføring av Meld. St.15 (2017-2018) Leve hele livet - En kvalitetsreform for eldre. Og Meld. St. 15 (2017-2018).",
        );
        assert_eq!(
            got,
            [(
                ReferenceKind::WhitePaper,
                "Meld. St. 15 (2017-2018)".into(),
                Some("Leve hele livet".into())
            )]
        );
        let got = refs("jf. St.meld. nr. 25 (2005-2006) Mestring, muligheter og mening.");
        assert_eq!(got[0].1, "St.meld. nr. 25 (2005-2006)");
    }

    #[test]
    fn named_plans_and_reforms() {
        let texts: Vec<String> = [
            "I Nasjonal helse- og samhandlingsplan har regjeringen pekt på",
            "Regjeringen vil i den kommende Nasjonale helse- og sykehusplanen i tråd med dette",
            "skal understøtte målene i Bo trygt hjemme-reformen og bidra",
            "er ein oppfølging av digitaliseringsstrategien for offentleg sektor som regjeringa la fram",
            "skal bygge på målene for tillitsreformen i offentlig sektor.",
            "jf. resultatmålene i den nasjonale strategien På vei til egen bolig.",
        ]
        .iter()
        .flat_map(|s| refs(s))
        .map(|r| r.1)
        .collect();
        assert_eq!(
            texts,
            [
                "Nasjonal helse- og samhandlingsplan",
                "Nasjonale helse- og sykehusplanen",
                "Bo trygt hjemme-reformen",
                "digitaliseringsstrategien for offentleg sektor",
                "tillitsreformen i offentlig sektor",
                "strategien På vei til egen bolig",
            ]
        );
    }

    #[test]
    fn generic_plans_are_not_references() {
        assert!(refs("gjennom en kompetanse- og rekrutteringsplan, handlingsplan for demensomsorg og handlingsplan for eldre").is_empty());
        assert!(refs("Nye meldinger og strategier som fremlegges i planperioden").is_empty());
        assert!(
            refs("vurdere endringer i rammeplanen for barnehagen i lys av erfaringene").is_empty()
        );
        assert!(refs("Beredskapsplanen i kommunen skal oppdateres.").is_empty());
        assert!(refs("Reformen tok til å gjelde i 2022, og reforma blir evaluert.").is_empty());
        assert!(refs("Møtet i Bergen 2015 og Avtalen 2016 gjaldt andre saker.").is_empty());
        assert!(
            refs("Møtet i Arendalsuka 2021 ble godt besøkt.").is_empty(),
            "a name before a year is a work only among works"
        );
    }

    #[test]
    fn works_named_with_a_year_or_a_subtitle() {
        let got = refs(
            "Avtalen bygger på Omsorgsplan 2015. Planen omfatter Demensplan 2015 og Kompetanseløftet 2015.",
        );
        let texts: Vec<&str> = got.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Omsorgsplan 2015",
                "Demensplan 2015",
                "Kompetanseløftet 2015"
            ]
        );
        assert_eq!(
            refs("Handlingsplanen for digital kompetanse 2021–2024 ligger til grunn.")[0].1,
            "Handlingsplanen for digital kompetanse 2021–2024"
        );
        assert_eq!(
            refs("Avtalen bygger på Handlingsplan for digital samhandling 2021–2024.")[0].1,
            "Handlingsplan for digital samhandling 2021–2024"
        );
        assert_eq!(
            refs("Avtalen byggjer på Opptrappingsplan for barn og unge 2021–2024.")[0].1,
            "Opptrappingsplan for barn og unge 2021–2024"
        );
        assert_eq!(
            refs("Planen omfatter Kompetanseløftet 2020, Demensplan 2020 og mer.")[0].1,
            "Kompetanseløftet 2020"
        );
        assert_eq!(
            refs("Avtalen bygger på Meld. St. 6 (2019–2020) Tett på og på Trygg og god skole – nasjonal strategi for skolemiljø.")
                .into_iter()
                .map(|r| (r.1, r.2))
                .collect::<Vec<_>>(),
            [
                ("Meld. St. 6 (2019-2020)".into(), Some("Tett på".into())),
                ("Trygg og god skole".into(), Some("Trygg og god skole".into()))
            ]
        );
        assert_eq!(
            refs("Opptrappingsplanen for rusfeltet (2016–2020) ble lagt fram i 2016.")[0].1,
            "Opptrappingsplanen for rusfeltet (2016–2020)"
        );
        assert_eq!(
            refs("Avtalen følger opp Meld. St. 15 (2017–2018) Leve hele livet og Nasjonal helse- og sykehusplan 2020–2023.")
                .into_iter()
                .map(|r| (r.1, r.2))
                .collect::<Vec<_>>(),
            [
                ("Meld. St. 15 (2017-2018)".into(), Some("Leve hele livet".into())),
                ("Nasjonal helse- og sykehusplan 2020–2023".into(), None)
            ]
        );
        let got = refs(
            "Partane følgjer opp barnevernsreforma. Barnevernsreforma tok til å gjelde i 2022.",
        );
        assert_eq!(
            got,
            [(ReferenceKind::Reform, "barnevernsreforma".into(), None)],
            "definite and sentence-initial forms are one reform"
        );
    }

    #[test]
    fn link_spans_leave_the_link_words_out() {
        for (raw, title) in [
            (
                "Lenkeblokk Icon Samarbeidsavtale om helsefellesskap",
                "Samarbeidsavtale om helsefellesskap",
            ),
            (
                "Les  avtalen mellom KS og departementet",
                "avtalen mellom KS og departementet",
            ),
            (
                "Samarbeidsavtale KS og AID 2023-2026 (pdf)  ",
                "Samarbeidsavtale KS og AID 2023-2026",
            ),
            ("Lenke til Manifestet mot mobbing", "Manifestet mot mobbing"),
        ] {
            let text = format!("Tittel\n\n{raw}\n");
            let index = LineIndex::new(&text);
            let span = index.span(8, 8 + raw.len());
            assert_eq!(link_title_span(&text, span, &index).slice(&text), title);
        }
    }

    #[test]
    fn agreements_in_running_text() {
        let got = refs(
            "Avtalen har erstattet Intensjonsavtalen om et mer inkluderende arbeidsliv fra 3. oktober 2001 og partenes erklæring fra 3. desember 2003 om videreføring av denne.",
        );
        let texts: Vec<&str> = got.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Intensjonsavtalen om et mer inkluderende arbeidsliv fra 3. oktober 2001",
                "partenes erklæring fra 3. desember 2003"
            ]
        );
        let got = refs(
            "Samarbeidsavtale om Landbruks- og næringsutvikling i kommunesektoren KS og Landbruks- og matdepartementet har hatt",
        );
        assert_eq!(
            got[0].1,
            "Samarbeidsavtale om Landbruks- og næringsutvikling i kommunesektoren"
        );
        assert!(
            refs("Samarbeidsavtalen om helsefellesskap er nå fornyet.").is_empty(),
            "a definite noun opening a sentence is not a title"
        );
        assert!(
            refs("har siden 2005 hatt en samarbeidsavtale om tiltak for å forebygge").is_empty()
        );
    }

    #[test]
    fn link_titles() {
        assert_eq!(
            link_work_kind(strip_link(
                "Lenkeblokk Icon Samarbeidsavtale om Helsefellesskap"
            )),
            Some(ReferenceKind::Agreement)
        );
        assert_eq!(
            link_work_kind(strip_link(
                "Les avtalen mellom KS og Helse- og omsorgsdepartementet"
            )),
            Some(ReferenceKind::Agreement)
        );
        assert_eq!(
            link_work_kind(strip_link(
                "Samarbeidsavtale KS og AID 2023-2026 Partnerskapet i NAV (pdf)"
            )),
            Some(ReferenceKind::Agreement)
        );
        assert_eq!(
            link_work_kind(strip_link("Lenke til Manifestet mot mobbing")),
            Some(ReferenceKind::Agreement)
        );
        assert_eq!(link_work_kind(strip_link("Les avtalen her(pdf)")), None);
        assert_eq!(
            link_work_kind(strip_link("Les innlegget til Bent Høie")),
            None
        );
        assert_eq!(
            link_work_kind(strip_link("Lenkeblokk Icon Samarbeidsavtalen")),
            None
        );
        assert_eq!(link_work_kind(strip_link("Tillegg til IA-avtalen")), None);
    }

    #[test]
    fn folding_letters_are_complete() {
        let letters: BTreeSet<char> = cues::WORK_SUFFIXES
            .iter()
            .map(|&(s, _)| s)
            .chain(cues::AGREEMENT_NOUNS.iter().copied())
            .flat_map(str::chars)
            .collect();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            let Some(&last) = lower.last() else {
                continue;
            };
            if !letters.contains(&last) || c.is_ascii() || c == last {
                continue;
            }
            assert_eq!(lower.len(), 1, "{c:?} lowers to several characters");
            assert!(
                FOLDING_TO_ENDING_LETTERS.contains(&(last, c)),
                "{c:?} lowers to {last:?}"
            );
        }
        let patterns = trigger_patterns();
        assert!(
            patterns.contains(&"erkl\u{c6}ring".to_owned()),
            "{patterns:?}"
        );
        assert!(
            patterns.contains(&"\u{212a}ontrakt".to_owned()),
            "{patterns:?}"
        );
        assert!(!patterns.contains(&"planen".to_owned()), "{patterns:?}");
        assert!(patterns.iter().all(|p| p.len() >= 3), "{patterns:?}");
    }

    /// The references found in the slices of `text` cut at `cuts`: with the document's
    /// [`TextScan`], or (`every_word`) testing every word and every prefix of each slice.
    fn refs_in_slices(
        text: &str,
        cuts: &[usize],
        every_word: bool,
    ) -> Vec<(ReferenceKind, String, Option<String>)> {
        let mut found = Found::default();
        let index = LineIndex::new(text);
        let mut scan = scan_of(text);
        let ends = cuts.iter().copied().chain([text.len()]);
        let starts = std::iter::once(0).chain(cuts.iter().copied());
        for (a, b) in starts.zip(ends) {
            let raw = &text[a..b];
            if every_word {
                scan_numbered(raw, a, &index, &TextScan::default(), &mut found);
                let ws = words(raw);
                for i in 0..ws.len() {
                    scan_word(raw, a, &index, &ws, i, &mut found);
                }
            } else {
                scan_running_text(raw, a, &index, &mut scan, &mut found);
            }
        }
        found
            .refs
            .into_iter()
            .map(|(_, r)| (r.kind, r.text, r.title))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn trigger_words_find_what_every_word_finds(
            picks in proptest::collection::vec(0usize..48, 0..30),
            cuts in proptest::collection::vec(0usize..400, 0..4),
        ) {
            const VOCABULARY: &[&str] = &[
                "Omsorgsplan", "2015", "og", "Demensplan", "Kompetanseløftet", "2020,", "om",
                "Samarbeidsavtale", "IA-avtalen", "erklæring", "fra", "3.", "oktober", "2001",
                "ERKLÆRING", "Strategien", "På", "vei", "–", "Bo", "trygt", "hjemme-reformen",
                "barnevernsreforma.", "for", "offentleg", "sektor", "Nasjonal", "helse-",
                "sykehusplan", "2020–2023", "(2016–2020)", "KS", "Arendalsuka", "i", "partenes",
                "\u{212a}ontrakt", "erklÆringen", "PLANEN", "Handlingsplan", "kommunene.",
                "Meld. St.", "15", "(2017-2018)", "NOU 2020: 15",
                "Demensplan 2015 og Kompetanseløftet 2015", "Arendalsuka 2021, Omsorgsplan 2015",
                "manifestrategien", "reformanifestet",
            ];
            let text = picks.iter().map(|&p| VOCABULARY[p]).collect::<Vec<_>>().join(" ");
            // Slices cut anywhere, even inside a word, as a block's span may.
            let mut cuts: Vec<usize> = cuts
                .iter()
                .filter_map(|&c| (c < text.len() && text.is_char_boundary(c)).then_some(c))
                .filter(|&c| c > 0)
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            proptest::prop_assert_eq!(
                refs_in_slices(&text, &cuts, false),
                refs_in_slices(&text, &cuts, true),
                "{} {:?}", text, cuts
            );
        }
    }

    #[test]
    fn numbered_literals_never_overlap() {
        let literals: Vec<String> = REFERENCE_PREFIXES
            .iter()
            .map(|p| literal_prefix(p.pattern))
            .filter(|l| !l.is_empty())
            .collect();
        for a in &literals {
            for b in &literals {
                let overlap = (1..a.len()).any(|k| a.get(k..).is_some_and(|t| b.starts_with(t)))
                    || (a != b && a.contains(b.as_str()));
                assert!(!overlap, "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn literal_prefixes_are_necessary() {
        assert_eq!(literal_prefix(r"Meld\.\s*St\."), "Meld.");
        assert_eq!(literal_prefix(r"St\.\s?meld\."), "St.");
        assert_eq!(literal_prefix(r"NOU"), "NOU");
        assert_eq!(literal_prefix(r"Prop?\."), "Pro");
        assert_eq!(literal_prefix(r"NOU|Prop"), "");
        assert_eq!(literal_prefix(r"\d+"), "");
    }

    proptest::proptest! {
        #[test]
        fn an_exact_copy_needs_no_other_spelling(
            text in "(plan|Avtale|avtala|kontrakt|\u{212a}ontrakt|KONTRAKT|erklæring|ERKLÆRING|erkl\u{c6}ring|Σ|ς|é|x| ){0,12}",
        ) {
            let (folded, exact) = crate::extract::dates::lowercase_at_offsets(&text);
            let [Some(all), Some(own)] = &*TRIGGER_SEARCHES else {
                panic!("no packed search");
            };
            let matches = |search: &aho_corasick::packed::Searcher| -> Vec<(usize, usize)> {
                search.find_iter(folded.as_bytes()).map(|m| (m.start(), m.end())).collect()
            };
            if exact {
                proptest::prop_assert_eq!(matches(own), matches(all), "{:?}", text);
            }
        }

        #[test]
        fn a_hinted_search_finds_what_a_binary_search_finds(
            starts in proptest::collection::vec(0usize..60, 0..12),
            at in 0usize..70,
            hint in 0usize..14,
        ) {
            let mut matches: Vec<(usize, usize)> = starts.iter().map(|&s| (s, s + 3)).collect();
            matches.sort_unstable();
            proptest::prop_assert_eq!(
                first_starting_from(&matches, at, hint),
                matches.partition_point(|&(s, _)| s < at)
            );
        }

        #[test]
        fn claimed_ranges_overlap_as_a_scan_says(
            ranges in proptest::collection::vec((0usize..60, 0usize..20), 0..12),
            start in 0usize..80,
            len in 0usize..20,
        ) {
            let mut found = Found::default();
            for &(s, l) in &ranges {
                found.claim(s, s + l);
            }
            let end = start + len;
            let scan = ranges.iter().any(|&(s, l)| start < s + l && s < end);
            proptest::prop_assert_eq!(found.is_claimed(start, end), scan);
        }
    }

    #[test]
    fn keys_merge_definite_and_indefinite_forms() {
        assert_eq!(
            key("Nasjonale helse- og sykehusplanen"),
            key("Nasjonale helse- og sykehusplan")
        );
        assert_ne!(
            key("Bo trygt hjemme-reformen"),
            key("Samarbeidsavtale om bo trygt hjemme reformen")
        );
    }
}
