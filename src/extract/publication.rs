//! Page metadata lines → `Publication`; quote attributions → the `speaker` and `role` of `Quote` blocks;
//! a text cut off mid-sentence → a `truncated-text` diagnostic.
//!
//! ```text
//! Utgiver: Helse- og omsorgsdepartementet            → publisher
//! Publisert under: Regjeringen Stoltenberg II        → government
//! Historisk arkiv                                    → archived
//! Publisert: 04.01.2023                              → published 2023-01-04
//! – Avtalene skal ..., sier helse- og omsorgsminister Jonas Gahr Støre.
//!                      ^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^^^^^^^
//!                      verb role                      speaker
//! – Vi er glade, sier Støre.                          → speaker "Jonas Gahr Støre" when an
//!                                                       earlier quote or sentence names him in full
//! ```

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::blocks::BlockKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::{bodies, cues, titles};
use crate::model::{Block, DateValue, Document, Precision, Publication, Section, Span};

/// Fills `doc.publication` from metadata lines, and the speakers of quotes.
pub fn extract(cx: &Context<'_>, doc: &mut Document) {
    let (publication, unread) = publication(cx, doc.title.as_ref().map(|t| t.span));
    doc.publication = publication;
    for (text, span) in unread {
        doc.diagnostics.push(Diagnostic::new(
            Code::Noise,
            format!(
                "kept page metadata out of the body; no publication field read from it: {text:?}"
            ),
            Some(span),
        ));
    }
    let mut cut = Vec::new();
    // The attribution line of each quote block, by span (the first block with a span decides),
    // looked up once per quote instead of a walk over the whole block stream. Only the spans
    // of quote blocks are asked about: the other blocks are passed over unless they share one.
    let quote_spans: BTreeSet<Span> = cx
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Quote { .. }))
        .map(|b| b.span)
        .collect();
    let mut attributions: BTreeMap<Span, Option<&str>> = BTreeMap::new();
    for b in cx.blocks.iter().filter(|b| quote_spans.contains(&b.span)) {
        attributions.entry(b.span).or_insert(match &b.kind {
            BlockKind::Quote { attribution, .. } => attribution.as_ref().map(|a| a.text.as_str()),
            _ => None,
        });
    }
    for section in &mut doc.sections {
        attribute_quotes(cx, &attributions, section, &mut cut);
    }
    complete_surnames(cx.text, &mut doc.sections);
    for span in cut {
        doc.diagnostics.push(Diagnostic::new(
            Code::TruncatedText,
            "the text ends inside this quote's attribution; the speaker's name is cut off and left out",
            Some(span),
        ));
    }
    if let Some(span) = cut_off_paragraph(cx) {
        doc.diagnostics.push(Diagnostic::new(
            Code::TruncatedText,
            "the text ends mid-sentence: its last line has no closing punctuation",
            Some(span),
        ));
    }
}

/// Whether a quote runs to the very end of the text without closing its sentence:
/// the file was cut off inside it (`..., seier Gr`).
fn is_cut_off(text: &str, span: Span) -> bool {
    let rest = text.get(span.end..).unwrap_or("");
    let raw = span.slice(text).trim_end();
    crate::text::is_blank(rest) && !raw.ends_with(['.', '!', '?', '»', '"', '”'])
}

/// The span of the last line when the text was cut off inside its last paragraph: the
/// block stream ends with a paragraph (no heading, list, quote, signature or page furniture
/// after it) whose last line ends without closing punctuation (`... og KS øn`). Web pages
/// saved with a length limit end like this; a heading, list item or signature ends without
/// punctuation on purpose and is never read as cut.
fn cut_off_paragraph(cx: &Context<'_>) -> Option<Span> {
    let last = cx.blocks.last()?;
    if !matches!(last.kind, BlockKind::Paragraph { .. }) {
        return None;
    }
    let raw = last
        .span
        .slice(cx.text)
        .trim_end_matches(crate::text::is_space);
    let closed = raw
        .trim_end_matches(['*', '_'])
        .ends_with(['.', '!', '?', ':', ';', '»', '"', '”', ')', '…']);
    if closed {
        return None;
    }
    let line_start = raw.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = raw[line_start..].trim_start_matches(crate::text::is_space);
    if is_footer_line(line) {
        return None;
    }
    let start = last.span.start + raw.len() - line.len();
    let index = crate::span::LineIndex::new(cx.text);
    Some(index.span(start, last.span.start + raw.len()))
}

/// Whether a line is a page footer that ends without punctuation by nature: a labelled
/// field (`Kontakt: Kommunikasjonsenheten, tlf. 22 24 60 00`), a phone number, or a postal
/// address (`Haakon VIIs gate 9, 0161 Oslo`).
fn is_footer_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    let labelled = line
        .split_once(':')
        .is_some_and(|(label, _)| label.split_whitespace().count() <= 3);
    let words: Vec<&str> = line.split_whitespace().collect();
    let postal = words.windows(2).next_back().is_some_and(|w| {
        w[0].len() == 4
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && w[1].starts_with(char::is_uppercase)
    });
    labelled || postal || cues::CONTACT_CUES.iter().any(|c| lower.contains(c))
}

/// Reads the metadata lines, and the fields of a bar-separated row one by one
/// (`Pressemelding | Nr.: 112/2007 | Dato: 20.09.2007`); a bare body name above the title is
/// the publisher when no "Utgiver:" line says otherwise (newsroom pages put the sender
/// there). Also returns the metadata lines no field was read from (`Rapporter og planer`),
/// which would otherwise leave the document without a trace.
fn publication(
    cx: &Context<'_>,
    title: Option<Span>,
) -> (Option<Publication>, Vec<(String, Span)>) {
    let mut publication: Option<Publication> = None;
    let mut label_publisher: Option<(String, Span)> = None;
    let mut unread = Vec::new();
    for block in cx.blocks {
        let above_title = title.is_some_and(|t| block.span.end <= t.start);
        let text = match &block.kind {
            BlockKind::Metadata { text } => text,
            BlockKind::Heading { text, .. }
            | BlockKind::Paragraph { text }
            | BlockKind::Noise { text, .. }
                if above_title =>
            {
                if label_publisher.is_none() && is_body_name(text) {
                    label_publisher = Some((text.clone(), block.span));
                }
                continue;
            }
            _ => continue,
        };
        let p = publication.get_or_insert(Publication {
            publisher: None,
            government: None,
            archived: false,
            published: None,
            span: block.span,
        });
        let mut read = false;
        for text in text.split('|').map(str::trim) {
            read |= if let Some(v) = field(text, &["Utgiver", "Utgitt av"]) {
                p.publisher.get_or_insert(v);
                true
            } else if let Some(v) = field(text, &["Publisert under"]) {
                p.government.get_or_insert(v);
                true
            } else if let Some(v) =
                field(text, &["Publisert", "Dato", "Sist oppdatert"]).or_else(|| dated_line(text))
            {
                if p.published.is_none() {
                    p.published = page_date(&v);
                }
                true
            } else if text.eq_ignore_ascii_case("Historisk arkiv") {
                p.archived = true;
                true
            } else if is_body_name(text) && above_title {
                p.publisher.get_or_insert_with(|| text.to_owned());
                true
            } else {
                false
            };
        }
        if !read {
            unread.push((text.clone(), block.span));
        }
    }
    if let Some((name, span)) = label_publisher {
        let p = publication.get_or_insert(Publication {
            publisher: None,
            government: None,
            archived: false,
            published: None,
            span,
        });
        p.publisher.get_or_insert(name);
    }
    // Other metadata lines alone ("Dette innholdet er mer enn 5 år gammelt") make no publication.
    let publication = publication.filter(|p| {
        p.publisher.is_some() || p.government.is_some() || p.archived || p.published.is_some()
    });
    (publication, unread)
}

/// The value of a `Label: value` line for any of the labels.
fn field(text: &str, labels: &[&str]) -> Option<String> {
    labels.iter().find_map(|l| {
        let rest = text.strip_prefix(l)?.trim_start().strip_prefix(':')?.trim();
        (!rest.is_empty()).then(|| rest.to_owned())
    })
}

/// Whether a short line is just the name of a public body (`KS`, `Kunnskapsdepartementet`).
fn is_body_name(text: &str) -> bool {
    let t = text.trim();
    t.split_whitespace().count() <= 6
        && (bodies::lookup(t).is_some()
            || (t.ends_with("departementet") && t.chars().next().is_some_and(char::is_uppercase)))
}

/// The date of a dated line without a colon: `Publisert 8. april 2024`, `Sist oppdatert
/// 9.4.2024`, or a newsroom's bare dateline `12.01.2022 10:15`.
fn dated_line(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let rest = ["publisert", "sist oppdatert", "oppdatert", "dato"]
        .iter()
        .find_map(|l| lower.strip_prefix(l))
        .map_or(text, |rest| &text[text.len() - rest.len()..])
        .trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
        .then(|| rest.to_owned())
}

/// The day a page was published, from the text after its label: `04.01.2023` → `2023-01-04`,
/// `8. april 2024 kl. 10:15` → `2024-04-08` (day precision only).
fn page_date(s: &str) -> Option<DateValue> {
    let first = s.split_whitespace().next()?;
    if let Ok(date) = jiff::civil::Date::strptime("%d.%m.%Y", first) {
        return Some(DateValue {
            value: date.to_string(),
            precision: Precision::Day,
        });
    }
    let mention = crate::dates::find(s).into_iter().next()?;
    let date = mention
        .start_date()
        .filter(|d| d.precision() == Precision::Day)?;
    (mention.span.start == 0).then(|| date.to_value())
}

/// Fills speaker and role of every quote of a section, and turns dash paragraphs with an
/// attribution (`-  Barn og unge ..., sa statsminister Jens Stoltenberg.`) into quotes.
fn attribute_quotes(
    cx: &Context<'_>,
    attributions: &BTreeMap<Span, Option<&str>>,
    section: &mut Section,
    cut: &mut Vec<Span>,
) {
    for block in &mut section.blocks {
        match block {
            Block::Quote {
                speaker,
                role,
                text,
                span,
            } if speaker.is_none() && role.is_none() => {
                let line = attributions.get(span).copied().flatten();
                let q = read_quote(text, line);
                // A name cut off by the end of the file ("seier Gr") is not a name.
                let truncated = line.is_none() && q.speaker.is_some() && is_cut_off(cx.text, *span);
                if truncated {
                    cut.push(*span);
                }
                *speaker = q.speaker.filter(|_| !truncated);
                *role = q.role;
                *text = q.text;
            }
            Block::Paragraph { text, span } if starts_with_quote_mark(text) => {
                let q = read_quote(text, None);
                if q.speaker.is_some() || q.role.is_some() {
                    *block = Block::Quote {
                        speaker: q.speaker,
                        role: q.role,
                        text: q.text,
                        span: *span,
                    };
                }
            }
            _ => {}
        }
    }
    for sub in &mut section.sections {
        attribute_quotes(cx, attributions, sub, cut);
    }
}

/// Completes a speaker named by surname only (`..., sier Helleland.`) with the full name
/// written earlier in the document: the speaker of an earlier quote (`seier
/// digitaliseringsminister Linda Hofstad Helleland`) or a name in running text set off
/// by a title or a comma (`Styreleder i KS, Halvdan Skard, er fornøyd`). A surname that
/// ends no earlier full name, or more than one, is left as written.
///
/// Linear in the text: each surname's mentions are found once, and each is read once
/// its context lies before the quote (a page of a thousand `– ..., sier Vestre.` used to
/// rescan everything before every quote).
fn complete_surnames(text: &str, sections: &mut [Section]) {
    let mut quotes = Vec::new();
    collect_speakers(sections, &mut quotes);
    quotes.sort_by_key(|(span, _)| span.start);
    // Full names of earlier speakers, by their last word.
    let mut earlier: BTreeMap<String, Agreement> = BTreeMap::new();
    let mut in_text: BTreeMap<String, SurnameMentions> = BTreeMap::new();
    for (span, speaker) in quotes {
        let Some(name) = speaker.as_deref() else {
            continue;
        };
        if let Some((_, last)) = name.rsplit_once(' ') {
            earlier.entry(last.to_owned()).or_default().add(name);
            continue;
        }
        let mut found = earlier.get(name).cloned().unwrap_or_default();
        in_text
            .entry(name.to_owned())
            .or_insert_with(|| SurnameMentions::new(text, name))
            .names_before(text, span.start, &mut found);
        if let Agreement::One(full) = found {
            *speaker = Some(full);
        }
    }
}

/// The speakers of all quotes of the sections, with the quotes' spans.
fn collect_speakers<'d>(
    sections: &'d mut [Section],
    out: &mut Vec<(Span, &'d mut Option<String>)>,
) {
    for section in sections {
        for block in &mut section.blocks {
            if let Block::Quote { speaker, span, .. } = block {
                out.push((*span, speaker));
            }
        }
        collect_speakers(&mut section.sections, out);
    }
}

/// The full names found for one surname: the speaker is completed only when all agree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Agreement {
    /// No full name found.
    #[default]
    None,
    /// One full name, found once or more.
    One(String),
    /// Two different full names.
    Many,
}

impl Agreement {
    /// Counts one more full name.
    fn add(&mut self, name: &str) {
        match self {
            Agreement::None => *self = Agreement::One(name.to_owned()),
            Agreement::One(one) if one != name => *self = Agreement::Many,
            Agreement::One(_) | Agreement::Many => {}
        }
    }

    /// Counts all the names of `other`.
    fn add_all(&mut self, other: &Agreement) {
        match other {
            Agreement::None => {}
            Agreement::One(name) => self.add(name),
            Agreement::Many => *self = Agreement::Many,
        }
    }
}

/// The mentions of one surname in the text, read as the quotes move forward.
///
/// A mention counts for a quote when it lies in the text before the quote. What
/// [`name_at`] reads after a mention (a letter, or `, ` and the next word) may run past
/// the quote's start; a mention is *settled* once all it reads lies before the quote,
/// and from then on its name is the one read in the whole text. The few mentions not
/// yet settled are read again, cut at the quote, for each quote.
#[derive(Debug)]
struct SurnameMentions {
    /// The surname.
    surname: String,
    /// Every mention: its start, the end of what [`name_at`] reads, and the name read
    /// in the whole text; by start.
    mentions: Vec<(usize, usize, Option<String>)>,
    /// The mentions before this index lie before the last quote seen.
    taken: usize,
    /// Indices of the mentions taken but not yet settled.
    pending: Vec<usize>,
    /// The names of the settled mentions.
    settled: Agreement,
}

impl SurnameMentions {
    /// Finds and reads every mention of `surname` in `text`.
    fn new(text: &str, surname: &str) -> Self {
        let mentions = text
            .match_indices(surname)
            .map(|(at, _)| {
                let read_to = read_until(text, at + surname.len());
                (at, read_to, name_at(text, at, surname))
            })
            .collect();
        Self {
            surname: surname.to_owned(),
            mentions,
            taken: 0,
            pending: Vec::new(),
            settled: Agreement::None,
        }
    }

    /// Adds to `found` the names of the mentions in `text[..limit]`, as [`name_at`] reads
    /// them in that text. `limit` must not decrease from one call to the next.
    fn names_before(&mut self, text: &str, limit: usize, found: &mut Agreement) {
        let Some(before) = text.get(..limit) else {
            return;
        };
        while let Some(&(at, _, _)) = self.mentions.get(self.taken) {
            if at + self.surname.len() > limit {
                break;
            }
            self.pending.push(self.taken);
            self.taken += 1;
        }
        let (mentions, settled) = (&self.mentions, &mut self.settled);
        self.pending.retain(|&i| {
            let (_, read_to, name) = &mentions[i];
            if *read_to > limit {
                return true;
            }
            if let Some(name) = name {
                settled.add(name);
            }
            false
        });
        found.add_all(&self.settled);
        for &i in &self.pending {
            if let Some(name) = name_at(before, self.mentions[i].0, &self.surname) {
                found.add(&name);
            }
        }
    }
}

/// The end of what [`name_at`] reads after a surname ending at `end`: the next
/// character when it is a letter or digit; after `, `, the next word; else nothing.
fn read_until(text: &str, end: usize) -> usize {
    let after = text.get(end..).unwrap_or("");
    if let Some(c) = after.chars().next().filter(|c| c.is_alphanumeric()) {
        return end + c.len_utf8();
    }
    let Some(rest) = after.strip_prefix(", ") else {
        return end;
    };
    let word_start = rest.len() - rest.trim_start().len();
    let word = &rest[word_start..];
    let word_len = word.find(char::is_whitespace).unwrap_or(word.len());
    end + 2 + word_start + word_len
}

/// The full name ending in the mention of `surname` at `at` in `text`, when the mention
/// is set off as a person's name: after a title (`digitaliseringsminister Linda Hofstad
/// Helleland`), after a comma (`Styreleder i KS, Halvdan Skard`), or before a comma and
/// a title (`Halvdan Skard, styreleder i KS`).
fn name_at(text: &str, at: usize, surname: &str) -> Option<String> {
    let after = text.get(at + surname.len()..).unwrap_or("");
    if after.starts_with(char::is_alphanumeric) {
        return None;
    }
    // The surname follows a space; only the four words before it are read (three given
    // names and the word before them).
    let mut words = text.get(..at).unwrap_or("").rsplit(' ');
    if words.next() != Some("") {
        return None;
    }
    let mut given: Vec<&str> = Vec::new();
    let mut preceding = "";
    for w in words {
        if given.len() == 3 || !is_given_name(w) {
            preceding = w;
            break;
        }
        given.push(w);
    }
    if given.is_empty() {
        return None;
    }
    given.reverse();
    let next_word = after
        .strip_prefix(", ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("");
    let set_off = preceding.ends_with(',')
        || titles::is_person_title(&preceding.to_lowercase())
        || titles::is_person_title(&next_word.trim_end_matches(',').to_lowercase());
    set_off.then(|| format!("{} {surname}", given.join(" ")))
}

/// Whether a word can be a given or middle name: a name word with nothing around it.
fn is_given_name(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-') && is_name_word(w)
}

/// Whether a paragraph opens like quoted speech: a dash or a guillemet.
fn starts_with_quote_mark(text: &str) -> bool {
    text.starts_with(['–', '—', '«']) || text.starts_with("- ")
}

/// A quote read apart: the words, and who said them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteParts {
    /// The quoted words, without dash, guillemets and attribution.
    pub text: String,
    /// The speaker's name as written ("Gunn Marit Helgesen", "Vestre").
    pub speaker: Option<String>,
    /// The speaker's role as written ("styreleder i KS").
    pub role: Option<String>,
}

/// Reads a quote's text and its attribution, inline or on a separate line.
///
/// ```
/// use avtale::extract::publication::read_quote;
/// let q = read_quote("– Avtalene skal bidra til bedre samarbeid, sier helse- og omsorgsminister Jonas Gahr Støre.", None);
/// assert_eq!(q.text, "Avtalene skal bidra til bedre samarbeid");
/// assert_eq!((q.speaker.as_deref(), q.role.as_deref()), (Some("Jonas Gahr Støre"), Some("helse- og omsorgsminister")));
/// let q = read_quote("For å sikre mer samarbeid ...", Some("Gunn Marit Helgesen, styreleder i KS"));
/// assert_eq!((q.speaker.as_deref(), q.role.as_deref()), (Some("Gunn Marit Helgesen"), Some("styreleder i KS")));
/// ```
pub fn read_quote(text: &str, attribution_line: Option<&str>) -> QuoteParts {
    let body = text
        .trim_start_matches(['–', '—', '-', ' ', '\u{a0}'])
        .trim();
    let (words, phrase) = match split_inline_attribution(body) {
        Some((quote, phrase)) => (quote, Some(phrase)),
        None => (body, attribution_line),
    };
    let words = words
        .trim()
        .trim_start_matches('«')
        .trim_end_matches([',', ' '])
        .trim_end_matches('»')
        .trim_end_matches(',');
    let (speaker, role) = phrase.map(parse_attribution).unwrap_or_default();
    QuoteParts {
        text: words.trim().to_owned(),
        speaker,
        role,
    }
}

/// What may stand between a quote and its verb (`, sier`, `» sier`, `?» sier`); each ends in a space.
const SEPARATORS: [&str; 7] = [", ", "» ", "», ", "? ", "! ", "?» ", "!» "];

/// The byte before the closing space of every [`SEPARATORS`] entry: `,`, `?`, `!`, and the
/// last byte of `»` (test `separators_end_in_a_listed_byte`).
const SEPARATOR_LAST_BYTES: [u8; 4] = [b',', b'?', b'!', 0xbb];

/// Splits `"..., sier Vestre."` into the quoted words and the attribution phrase (`Vestre`).
///
/// Every separator-and-verb pair (`, sier `) is read at its last occurrence; the last pair
/// whose attribution closes the quote wins. Each pair holds a space and then the verb and a
/// space, so the last occurrences of all pairs are found in one pass over the spaces that
/// follow a separator's mark.
fn split_inline_attribution(body: &str) -> Option<(&str, &str)> {
    let verbs = cues::QUOTE_VERBS;
    // Per verb and separator: the start of its last occurrence.
    let mut last: Vec<Option<usize>> = vec![None; verbs.len() * SEPARATORS.len()];
    let bytes = body.as_bytes();
    // A separator ends in a mark byte and a space: only spaces after one are read. Each
    // separator's slots are written from one mark byte, so within a slot positions still
    // rise when the marks are found in two searches.
    let [comma, question, exclamation, guillemet] = SEPARATOR_LAST_BYTES;
    let spaces = memchr::memchr3_iter(comma, question, exclamation, bytes)
        .chain(memchr::memchr_iter(guillemet, bytes))
        .map(|mark| mark + 1)
        .filter(|&space| bytes.get(space) == Some(&b' '));
    for space in spaces {
        let (head, after) = body.split_at(space + 1);
        let first = after.as_bytes().first();
        for (v, verb) in verbs.iter().enumerate() {
            // The first byte by hand: most words start no verb, and a call to compare costs more.
            if verb.as_bytes().first() != first
                || !after
                    .strip_prefix(verb)
                    .is_some_and(|rest| rest.starts_with(' '))
            {
                continue;
            }
            for (k, sep) in SEPARATORS.iter().enumerate() {
                if head.ends_with(sep)
                    && let Some(slot) = last.get_mut(v * SEPARATORS.len() + k)
                {
                    *slot = Some(head.len() - sep.len());
                }
            }
        }
    }
    let mut best: Option<(usize, usize)> = None;
    for (v, verb) in verbs.iter().enumerate() {
        for (k, sep) in SEPARATORS.iter().enumerate() {
            let Some(at) = last.get(v * SEPARATORS.len() + k).copied().flatten() else {
                continue;
            };
            let phrase_at = at + sep.len() + verb.len() + 1;
            // The attribution closes the quote: no sentence may follow it.
            let tail = body.get(phrase_at..).unwrap_or("");
            let closes = !tail.trim_end_matches(['.', ' ']).contains(". ")
                && tail.split_whitespace().count() <= 14;
            if closes && best.is_none_or(|(b, _)| at > b) {
                best = Some((
                    at + sep.trim_end_matches(' ').trim_end_matches([',']).len(),
                    phrase_at,
                ));
            }
        }
    }
    let (quote_end, phrase_at) = best?;
    Some((body.get(..quote_end)?, body.get(phrase_at..)?))
}

/// Splits an attribution phrase into speaker and role:
/// `styreleder i KS, Gunn Marit Helgesen` → (Gunn Marit Helgesen, styreleder i KS);
/// `Nikolai Astrup, kommunal- og moderniseringsminister (H)` → (Nikolai Astrup, kommunal- og moderniseringsminister);
/// `statsministeren og kunnskapsministeren` → (none, the phrase).
fn parse_attribution(phrase: &str) -> (Option<String>, Option<String>) {
    let phrase = strip_party_tags(phrase.trim().trim_end_matches(['.', ' ']));
    if let Some((a, b)) = phrase.split_once(", ") {
        let (a, b) = (a.trim(), b.trim());
        if is_name(a) {
            return (Some(a.to_owned()), non_empty(b));
        }
        if is_name(b) {
            return (Some(b.to_owned()), non_empty(a));
        }
    }
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    // Whether each token is a name word, told once: the search for the name's first word and
    // the run read from it ask about the same tokens (a registry lookup each).
    let name_words: Vec<bool> = tokens.iter().map(|t| is_name_word(t)).collect();
    // The name is the first run of name words not governed by a preposition of the role
    // ("leder i Fagforbundet Jan Davidsen" keeps "Fagforbundet" in the role).
    let first = name_words.iter().enumerate().position(|(i, &name_word)| {
        name_word
            && !(i > 0
                && matches!(tokens[i - 1], "i" | "for" | "ved" | "til")
                && name_words.get(i + 1).is_some_and(|&next| next))
    });
    let Some(first) = first else {
        return (None, non_empty(&phrase));
    };
    let len = tokens[first..]
        .iter()
        .zip(&name_words[first..])
        .take_while(|&(t, &name_word)| name_word && !cues::ATTRIBUTION_TAIL_WORDS.contains(t))
        .count();
    let speaker = tokens[first..first + len].join(" ");
    let role = tokens[..first].join(" ");
    (non_empty(&speaker), non_empty(&role))
}

/// Drops a party tag after a name or title: `Kjell Ingolf Ropstad (KrF)` → `Kjell Ingolf Ropstad`.
fn strip_party_tags(s: &str) -> String {
    s.split_whitespace()
        .filter(|t| !(t.starts_with('(') && t.ends_with(')') && t.len() <= 8))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Some` of a trimmed, non-empty string.
fn non_empty(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches(',');
    (!t.is_empty()).then(|| t.to_owned())
}

/// Whether a phrase is a person's name: one to five name words.
fn is_name(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=5).contains(&n) && s.split_whitespace().all(is_name_word) && bodies::lookup(s).is_none()
}

/// Whether a word can be part of a person's name: capitalized, not all capitals (`KS`),
/// not a body (`Fagforbundet`, `...departementet`).
fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let mut chars = w.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase);
    let has_lower = w.chars().any(char::is_lowercase);
    capitalized && has_lower && !w.ends_with("departementet") && bodies::lookup(w).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full names of the surname's mentions in `before`, each read in `before` alone:
    /// what `complete_surnames` is meant to find before a quote.
    fn names_in_text(before: &str, surname: &str) -> Vec<String> {
        before
            .match_indices(surname)
            .filter_map(|(at, _)| name_at(before, at, surname))
            .collect()
    }

    /// What the names found in `before` come to.
    fn agreement(names: &[String]) -> Agreement {
        let mut found = Agreement::None;
        names.iter().for_each(|n| found.add(n));
        found
    }

    proptest::proptest! {
        #[test]
        fn mentions_read_as_quotes_move_forward_agree_with_reading_each_text_before(
            text in "(Kari |Ola Per |minister |leder, |Vestre|, |,  |leder |x|\\.| |\n|Ø)*",
            cuts in proptest::collection::vec(0usize..200, 1..8),
        ) {
            let mut limits: Vec<usize> = cuts
                .into_iter()
                .map(|c| {
                    let mut at = c.min(text.len());
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                })
                .collect();
            limits.sort_unstable();
            let mut mentions = SurnameMentions::new(&text, "Vestre");
            for limit in limits {
                let mut found = Agreement::None;
                mentions.names_before(&text, limit, &mut found);
                proptest::prop_assert_eq!(
                    found,
                    agreement(&names_in_text(&text[..limit], "Vestre")),
                    "text {:?} cut at {}", text, limit
                );
            }
        }
    }

    /// `split_inline_attribution` as defined: each separator-and-verb needle searched from the end.
    fn split_by_rfind(body: &str) -> Option<(&str, &str)> {
        let mut best: Option<(usize, usize)> = None;
        for verb in cues::QUOTE_VERBS {
            for sep in SEPARATORS {
                let needle = format!("{sep}{verb} ");
                if let Some(at) = body.rfind(&needle) {
                    let phrase_at = at + needle.len();
                    let tail = &body[phrase_at..];
                    let closes = !tail.trim_end_matches(['.', ' ']).contains(". ")
                        && tail.split_whitespace().count() <= 14;
                    if closes && best.is_none_or(|(b, _)| at > b) {
                        best = Some((
                            at + sep.trim_end_matches(' ').trim_end_matches([',']).len(),
                            phrase_at,
                        ));
                    }
                }
            }
        }
        let (quote_end, phrase_at) = best?;
        Some((body.get(..quote_end)?, body.get(phrase_at..)?))
    }

    #[test]
    fn separators_end_in_a_listed_byte() {
        for sep in SEPARATORS {
            let bytes = sep.as_bytes();
            assert!(bytes.ends_with(b" "), "{sep:?}");
            assert!(
                SEPARATOR_LAST_BYTES.contains(&bytes[bytes.len() - 2]),
                "{sep:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn inline_attribution_is_split_as_defined(
            body in "((sier|sa|seier|sei|uttalte|påpeker|Vestre|Støre|x|\\.|,|»|\\?|!)[ ]{0,2}){0,16}"
        ) {
            proptest::prop_assert_eq!(split_inline_attribution(&body), split_by_rfind(&body));
        }
    }

    fn who(text: &str, line: Option<&str>) -> (Option<String>, Option<String>, String) {
        let q = read_quote(text, line);
        (q.speaker, q.role, q.text)
    }

    #[test]
    fn inline_attributions() {
        let cases = [
            (
                "– Jeg er glad, sier styreleder i KS, Gunn Marit Helgesen.",
                Some("Gunn Marit Helgesen"),
                Some("styreleder i KS"),
            ),
            ("– Målet er mer, sier Vestre.", Some("Vestre"), None),
            (
                "- Dette bør vekke interesse, sa Halvdan Skard ved signeringen tirsdag.",
                Some("Halvdan Skard"),
                None,
            ),
            (
                "- Difor er eg glad, seier barne- og familieminister Kjell Ingolf Ropstad (KrF).",
                Some("Kjell Ingolf Ropstad"),
                Some("barne- og familieminister"),
            ),
            (
                "– Med denne avtalen, sier Nikolai Astrup, kommunal- og moderniseringsminister (H).",
                Some("Nikolai Astrup"),
                Some("kommunal- og moderniseringsminister"),
            ),
            (
                "-  Det er de voksnes ansvar, sier statsministeren og kunnskapsministeren.",
                None,
                Some("statsministeren og kunnskapsministeren"),
            ),
            (
                "- Kommunene har ansvar. Derfor er det viktig, sier styreleder i KS Gunn Marit Helgesen.",
                Some("Gunn Marit Helgesen"),
                Some("styreleder i KS"),
            ),
            ("«Dette er bra», sier Vestre.", Some("Vestre"), None),
        ];
        for (text, speaker, role) in cases {
            let (s, r, _) = who(text, None);
            assert_eq!((s.as_deref(), r.as_deref()), (speaker, role), "{text}");
        }
        assert_eq!(who("– Målet er mer, sier Vestre.", None).2, "Målet er mer");
        assert_eq!(who("«Dette er bra», sier Vestre.", None).2, "Dette er bra");
    }

    #[test]
    fn attribution_lines() {
        let (s, r, t) = who(
            "- Barnevernet er avhengig av tilliten.",
            Some("Bjørn Arild Gram, styreleder i KS"),
        );
        assert_eq!(
            (s.as_deref(), r.as_deref(), t.as_str()),
            (
                Some("Bjørn Arild Gram"),
                Some("styreleder i KS"),
                "Barnevernet er avhengig av tilliten."
            )
        );
    }

    #[test]
    fn surnames_take_the_full_name_written_earlier() {
        assert_eq!(
            names_in_text(
                "Det seier digitaliseringsminister Linda Hofstad Helleland. Også Helleland",
                "Helleland"
            ),
            ["Linda Hofstad Helleland"]
        );
        assert_eq!(
            names_in_text("Styreleder i KS, Halvdan Skard, er fornøyd.", "Skard"),
            ["Halvdan Skard"]
        );
        assert_eq!(
            names_in_text("Halvdan Skard, styreleder i KS, er fornøyd.", "Skard"),
            ["Halvdan Skard"]
        );
        assert!(
            names_in_text("Ifølge Skard er avtalen god. Skardsen kom.", "Skard").is_empty(),
            "a capitalized word opening a sentence is not a given name"
        );
        let doc = crate::parse_str(
            "Ny avtale\n\nRegjeringen og KS har inngått en avtale om tillit.\n\n– Dette er en god dag, sier kommunalminister Kari Nordmann.\n\n– Vi gleder oss til samarbeidet, sier Nordmann.\n",
            "q.txt",
        );
        let speakers: Vec<Option<String>> = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Quote { speaker, .. } => Some(speaker.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            speakers,
            [Some("Kari Nordmann".into()), Some("Kari Nordmann".into())]
        );
    }

    #[test]
    fn a_text_cut_mid_sentence_is_reported_with_its_last_line() {
        let cut = |text: &str| -> Option<String> {
            let doc = crate::parse_str(text, "cut.txt");
            doc.diagnostics
                .iter()
                .find(|d| d.code == Code::TruncatedText)
                .and_then(|d| d.span)
                .map(|s| s.slice(text).to_owned())
        };
        assert_eq!(
            cut("Ny avtale om bosetting\n\nAvtalen gjelder i tre år.\n\nPartene skal møtes to ganger i\nåret og KS skal invit").as_deref(),
            Some("året og KS skal invit")
        );
        for whole in [
            "Ny avtale\n\nAvtalen gjelder i tre år.\n",
            "Ny avtale\n\nAvtalen gjelder i tre år.\n\nKontakt: Kommunikasjonsenheten, tlf. 22 24 60 00\n",
            "Ny avtale\n\nAvtalen gjelder i tre år.\n\nKS\nHaakon VIIs gate 9, 0161 Oslo\n",
            "Ny avtale\n\nPartene vil:\n\n- styrke samarbeidet\n- møtes årlig\n",
        ] {
            assert_eq!(cut(whole), None, "{whole}");
        }
    }

    #[test]
    fn publication_fields() {
        assert_eq!(
            field("Utgiver: Helse- og omsorgsdepartementet", &["Utgiver"]).as_deref(),
            Some("Helse- og omsorgsdepartementet")
        );
        assert_eq!(
            field(
                "Publisert under: Regjeringen Stoltenberg II",
                &["Publisert under"]
            )
            .as_deref(),
            Some("Regjeringen Stoltenberg II")
        );
        assert_eq!(
            page_date("04.01.2023").map(|d| d.value).as_deref(),
            Some("2023-01-04")
        );
        assert_eq!(
            dated_line("Publisert 8. april 2024")
                .and_then(|v| page_date(&v))
                .map(|d| d.value)
                .as_deref(),
            Some("2024-04-08")
        );
        assert_eq!(
            dated_line("12.01.2022 10:15")
                .and_then(|v| page_date(&v))
                .map(|d| d.value)
                .as_deref(),
            Some("2022-01-12")
        );
        assert_eq!(page_date("ukjent"), None);
        assert_eq!(dated_line("Rapporter og planer"), None);
    }
}
