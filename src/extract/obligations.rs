//! Model `List` blocks with an actor lead-in, and committing sentences → `Obligations` blocks.
//!
//! A lead-in binds a party when it opens with the party and goes straight on
//! with a binding verb:
//!
//! ```text
//! Partene vil i fellesskap bidra til      → joint, the agreement's parties, vil
//! ^^^^^^^ ^^^ ^^^^^^^^^^^^
//! actor   verb joint marker
//! Regjeringen og KS skal                  → joint, [regjeringen, ks], skal
//! KS vil                                  → [ks], vil
//! Regjeringen og KS mener at ... bør ha:  → stays a list (the verb after the actor does not bind)
//! ```
//!
//! A sentence of running text that opens the same way ("KS vil i sine
//! organer ...", "Partene i den nye avtalen forplikter seg til ...") becomes a
//! one-item obligations block without lead-in, in place of the sentence; a second
//! main clause that commits another party (`..., og KS forplikter seg til ...`)
//! becomes an item of its own.
//!
//! "Partene" are the agreement's own parties: the government, not the ministries
//! acting for it; "Departementene" are the ministries among the parties.

use std::collections::BTreeSet;

use super::Context;
use super::dates::Prose;
use super::words::{Word, lowercase, sentence_words, word_before, words};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::{bodies, cues};
use crate::model::{Actor, Block, Document, Item, Modality, Party, PartyKind, Section};
use crate::span::{LineIndex, Span};
use crate::text::normalize;

/// Who a phrase names as the committing side, before resolution to party ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorName {
    /// "Partene": all parties of the agreement.
    AllParties,
    /// "Departementet": the one ministry among the parties.
    Ministry,
    /// "Departementene": every ministry among the parties.
    Ministries,
    /// A body of the registry, by id.
    Body(&'static str),
}

/// A parsed commitment opening: who, which verb, and whether explicitly joint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    /// The committing side(s), in the order written.
    pub actors: Vec<ActorName>,
    /// The binding verb.
    pub modality: Modality,
    /// Whether the phrase says the parties act together ("i fellesskap").
    pub joint_marker: bool,
}

/// Parses the opening of a lead-in or sentence: `Partene vil i fellesskap bidra til`,
/// `Regjeringen og KS skal`, `Kommunal- og moderniseringsdepartementet og KS skal`, `KS vil`.
///
/// Returns `None` when the words before the first binding verb are not all
/// parties, or when a non-binding verb comes first (`Regjeringen og KS mener ...`).
///
/// ```
/// use avtale::extract::obligations::{scan_commitment, ActorName};
/// use avtale::model::Modality;
/// let c = scan_commitment("Partene vil i fellesskap bidra til").unwrap();
/// assert_eq!((c.actors, c.modality, c.joint_marker), (vec![ActorName::AllParties], Modality::Vil, true));
/// assert!(scan_commitment("Partene er enige om at").is_none());
/// assert!(scan_commitment("Det legges særlig vekt på:").is_none());
/// ```
pub fn scan_commitment(phrase: &str) -> Option<Commitment> {
    // Most sentences bind nobody: rule them out before splitting them into words.
    if !cues::may_hold_modal(phrase) {
        return None;
    }
    let ws = words(phrase);
    let opening = opening_of(&ws)?;
    let joint_marker = has_joint_marker(phrase.get(opening.verb_end..).unwrap_or(""));
    Some(opening.with_joint_marker(joint_marker))
}

/// The opening of a commitment: who and which verb, without the joint marker after it.
struct Opening {
    /// The committing side(s), in the order written.
    actors: Vec<ActorName>,
    /// The binding verb.
    modality: Modality,
    /// The offset one past the verb's last byte, where [`has_joint_marker`] reads on.
    verb_end: usize,
}

impl Opening {
    /// The commitment this opening makes, joint marker told.
    fn with_joint_marker(self, joint_marker: bool) -> Commitment {
        Commitment {
            actors: self.actors,
            modality: self.modality,
            joint_marker,
        }
    }
}

/// The opening of the phrase whose words are `ws`: its actors and first binding verb (see
/// [`scan_commitment`]).
fn opening_of(ws: &[Word<'_>]) -> Option<Opening> {
    // The verb must follow the actor directly: nothing but names, "og" and commas before it,
    // so the search for it ends at the first word with other punctuation after it.
    let mut found = None;
    for (i, w) in ws.iter().enumerate() {
        if let Some(modality) = cues::modality(w.text) {
            found = Some((i, w, modality));
            break;
        }
        if w.punct.is_some_and(|c| c != ',') {
            return None;
        }
    }
    let (verb_at, verb, modality) = found?;
    if verb_at == 0 {
        return None;
    }
    let mut actors = Vec::new();
    if names_the_agreement(&ws[..verb_at]) {
        actors.push(ActorName::AllParties);
    } else {
        read_actor_names(&ws[..verb_at], &mut actors)?;
    }
    Some(Opening {
        actors,
        modality,
        verb_end: verb.end,
    })
}

/// Whether the text after a commitment's verb holds one of [`cues::JOINT_MARKERS`] as whole
/// words, in any case: "helsefellesskap" does not say "i fellesskap".
fn has_joint_marker(after_verb: &str) -> bool {
    let rest = lowercase(after_verb);
    // Read word by word, each with the one before it: a marker has one or two words
    // (test `joint_markers_have_one_or_two_words`).
    let mut previous = "";
    for word in rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if ends_joint_marker(previous, word) {
            return true;
        }
        previous = word;
    }
    false
}

/// Whether `word`, after `previous`, completes one of [`cues::JOINT_MARKERS`].
fn ends_joint_marker(previous: &str, word: &str) -> bool {
    cues::JOINT_MARKERS.iter().any(|m| match m.split_once(' ') {
        Some((first, last)) => last == word && first == previous,
        None => *m == word,
    })
}

/// Reads the actor words before the verb: names separated by commas and "og"
/// (`Regjeringen og KS`, `Kommunal- og moderniseringsdepartementet og KS`).
fn read_actor_names(ws: &[Word<'_>], actors: &mut Vec<ActorName>) -> Option<()> {
    // The words of the name being read are `ws[from..]` up to the current word.
    let mut from = 0;
    for (i, w) in ws.iter().enumerate() {
        // "og" separates two actors unless it joins a hyphenated compound ("Kommunal- og ...").
        let joins_compound = i > 0 && ws[i - 1].text.ends_with('-');
        if w.text == "og" && !joins_compound {
            actors.push(resolve_words(ws.get(from..i)?)?);
            from = i + 1;
            continue;
        }
        if w.punct == Some(',') {
            actors.push(resolve_words(ws.get(from..=i)?)?);
            from = i + 1;
        }
    }
    actors.push(resolve_words(ws.get(from..)?)?);
    Some(())
}

/// [`resolve_name`] of the words of a name joined by spaces; a one-word name (most
/// names asked about) is not copied.
fn resolve_words(name: &[Word<'_>]) -> Option<ActorName> {
    match name {
        [word] => resolve_name(word.text),
        _ => {
            let mut joined = String::new();
            for (k, w) in name.iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(w.text);
            }
            resolve_name(&joined)
        }
    }
}

/// Whether the words before the verb are "Partene" with a qualifier naming the agreement:
/// `Partene i den nye samfunnskontrakten`, `Partene bak avtalen` (at most four words after it).
fn names_the_agreement(ws: &[Word<'_>]) -> bool {
    let [first, preposition, .., last] = ws else {
        return false;
    };
    ws.len() <= 6
        && lowercase_is_one_of(first.text, cues::ALL_PARTIES)
        && cues::PARTIES_QUALIFIERS.contains(&preposition.text)
        && {
            let last = lowercase(last.text);
            cues::AGREEMENT_NOUNS.iter().any(|n| last.ends_with(n))
        }
}

/// Resolves one actor name: "Partene", "Departementet", or a body of the registry.
fn resolve_name(name: &str) -> Option<ActorName> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return None;
    }
    if lowercase_is_one_of(trimmed, cues::ALL_PARTIES) {
        return Some(ActorName::AllParties);
    }
    if lowercase_is_one_of(trimmed, cues::MINISTRY_ANAPHORA) {
        return Some(ActorName::Ministry);
    }
    if lowercase_is_one_of(trimmed, cues::MINISTRIES_ANAPHORA) {
        return Some(ActorName::Ministries);
    }
    bodies::lookup(name).map(|b| ActorName::Body(b.id))
}

/// Whether `word` in lower case is one of `anaphora` ([`cues::ALL_PARTIES`] and the like),
/// told without lowercasing it: their words are ASCII in lower case without `k`, and the
/// only character outside ASCII whose lowercase is ASCII is the Kelvin sign (`k`), so only
/// an ASCII word can lowercase to one of them (test `anaphora_are_told_without_lowercasing`).
fn lowercase_is_one_of(word: &str, anaphora: &[&str]) -> bool {
    anaphora.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// The parties of a document as commitments name them, gathered once per document rather
/// than for every commitment.
struct PartyRoles<'a> {
    /// Every party, for [`binds_a_party`].
    all: &'a [Party],
    /// The ids of the agreement's own parties ("Partene"), see [`principal_parties`], each once.
    principal: Vec<&'a str>,
    /// The ids of the ministries among the parties ("Departementet", "Departementene"), each once.
    ministries: Vec<&'a str>,
}

impl<'a> PartyRoles<'a> {
    /// The roles of `parties`.
    fn new(parties: &'a [Party]) -> Self {
        let ministries = parties
            .iter()
            .filter(|p| p.kind == PartyKind::Ministry)
            .map(|p| p.id.as_str());
        Self {
            all: parties,
            principal: first_of_each(principal_parties(parties)),
            ministries: first_of_each(ministries),
        }
    }
}

/// The ids in their order, each kept at its first occurrence only.
fn first_of_each<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    /// Up to this many ids kept, a new one is compared with each of them; past it, a set of
    /// the ids seen answers ("Partene" on a page of thousands of parties gives thousands of
    /// ids, and a search of the kept ids per id was quadratic).
    const FEW: usize = 16;
    let mut kept: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for id in ids {
        let new = if kept.len() < FEW {
            !kept.contains(&id)
        } else {
            if seen.is_empty() {
                seen.extend(kept.iter().copied());
            }
            seen.insert(id)
        };
        if new {
            kept.push(id);
        }
    }
    kept
}

/// The agreement's own parties: those no other party acts through. A ministry never
/// stands beside the government as a party of its own: when the government is a party,
/// its ministries sign and act for it, named as its representatives or not.
fn principal_parties(parties: &[Party]) -> Vec<&str> {
    let government = parties.iter().any(|p| p.kind == PartyKind::Government);
    // Gathered once: asking every party about every other was quadratic per commitment.
    let represented: BTreeSet<&str> = parties
        .iter()
        .flat_map(|q| q.represented_by.iter().map(String::as_str))
        .collect();
    parties
        .iter()
        .filter(|p| !represented.contains(p.id.as_str()))
        .filter(|p| !(government && p.kind == PartyKind::Ministry))
        .map(|p| p.id.as_str())
        .collect()
}

/// Turns a parsed commitment into an actor of party ids; `None` when a
/// "Departementet" cannot be told apart among several ministries.
fn resolve_actor(c: &Commitment, parties: &PartyRoles<'_>) -> Option<Actor> {
    let mut found: Vec<&[&str]> = Vec::with_capacity(c.actors.len());
    for a in &c.actors {
        found.push(match a {
            ActorName::AllParties => &parties.principal,
            ActorName::Ministry => match parties.ministries.as_slice() {
                [one] => std::slice::from_ref(one),
                _ => return None,
            },
            ActorName::Ministries => match parties.ministries.as_slice() {
                [] => return None,
                all => all,
            },
            ActorName::Body(id) => std::slice::from_ref(id),
        });
    }
    // Each list holds an id once: only the ids of several actors can repeat.
    let ids: Vec<String> = match found.as_slice() {
        [one] => one.iter().map(|id| (*id).to_owned()).collect(),
        all => first_of_each(all.iter().flat_map(|ids| ids.iter().copied()))
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    // Joint only when more than one party is bound: "KS vil i fellesskap med ..." binds KS alone.
    let joint = ids.len() > 1
        && (c.joint_marker || c.actors.len() > 1 || c.actors.contains(&ActorName::AllParties));
    Some(Actor {
        parties: ids,
        joint,
    })
}

/// Whether the joint marker can change what [`resolve_actor`] makes of `actors`: only a lone
/// "Departementene" binds several parties without saying by itself whether jointly. Several
/// actors, or "Partene", are joint anyway; a body or "Departementet" binds one party.
fn joint_marker_matters(actors: &[ActorName]) -> bool {
    matches!(actors, [ActorName::Ministries])
}

/// Whether every named body among `actors` is one of the document's parties, so that a
/// sentence about a third body ("Helsedirektoratet vil ...") is not read as a commitment.
fn binds_a_party(actors: &[ActorName], parties: &[Party]) -> bool {
    actors.iter().all(|a| match a {
        ActorName::Body(id) => parties
            .iter()
            .any(|p| p.id == *id || p.represented_by.iter().any(|r| r == id)),
        ActorName::AllParties | ActorName::Ministry | ActorName::Ministries => true,
    })
}

/// The document's text as the rewrite reads it.
#[derive(Clone, Copy)]
struct Source<'a> {
    /// The decoded text; spans index into it.
    text: &'a str,
    /// `text` with its ASCII letters lowercased at the same offsets ([`Prose::folded`]).
    folded: &'a str,
    /// The line index of `text`.
    index: &'a LineIndex,
}

/// Turns lists with an actor lead-in, and committing sentences, into obligations blocks
/// (`prose`: the running text as the date extractor read it, for its lowercase copy).
pub fn extract(cx: &Context<'_>, index: &LineIndex, prose: &Prose<'_>, doc: &mut Document) {
    let source = Source {
        text: cx.text,
        folded: prose.folded(),
        index,
    };
    // The sections are rewritten against the parties borrowed beside them, not a copy.
    let parties = PartyRoles::new(&doc.parties);
    for section in &mut doc.sections {
        rewrite_section(source, &parties, section, &mut doc.diagnostics);
    }
}

/// Rewrites the blocks of one section and its sub-sections.
fn rewrite_section(
    source: Source<'_>,
    parties: &PartyRoles<'_>,
    section: &mut Section,
    diags: &mut Vec<Diagnostic>,
) {
    let blocks = std::mem::take(&mut section.blocks);
    for block in blocks {
        match block {
            Block::List {
                lead_in: Some(lead_in),
                lead_in_span,
                items,
                span,
            } => {
                match scan_commitment(&lead_in).map(|c| (resolve_actor(&c, parties), c.modality)) {
                    Some((Some(actor), modality)) => {
                        section.blocks.push(Block::Obligations {
                            actor,
                            modality,
                            lead_in: Some(lead_in),
                            lead_in_span,
                            items,
                            span,
                        });
                    }
                    unresolved => {
                        if unresolved.is_some() {
                            diags.push(Diagnostic::new(
                                Code::UnknownBody,
                                format!("lead-in \"{lead_in}\" binds \"departementet\" or \"departementene\", but the parties name no ministry it can stand for; kept as a list"),
                                lead_in_span,
                            ));
                        }
                        section.blocks.push(Block::List {
                            lead_in: Some(lead_in),
                            lead_in_span,
                            items,
                            span,
                        });
                    }
                }
            }
            Block::Paragraph { text: para, span } => {
                split_commitments(source, parties, para, span, &mut section.blocks);
            }
            other => section.blocks.push(other),
        }
    }
    for sub in &mut section.sections {
        rewrite_section(source, parties, sub, diags);
    }
}

/// Splits a paragraph at the sentences that commit a party: each such sentence becomes a
/// one-item obligations block, the sentences between stay paragraphs, so that sibling
/// blocks never overlap and every sentence is kept once. A paragraph without a
/// commitment is kept as it was.
fn split_commitments(
    source: Source<'_>,
    parties: &PartyRoles<'_>,
    para: String,
    span: Span,
    out: &mut Vec<Block>,
) {
    let Source {
        text,
        folded,
        index,
    } = source;
    let raw = span.slice(text);
    // A committing sentence holds a binding verb right after an actor's name, and so does
    // its paragraph: most paragraphs have none and are kept without being split into words.
    if !may_commit(raw, span.slice(folded)) {
        out.push(Block::Paragraph { text: para, span });
        return;
    }
    // The paragraph is cut into words once; each sentence and clause reads its share.
    let ws = words(raw);
    let commitments: Vec<(usize, usize, Actor, Modality)> = sentence_words(raw, &ws)
        .into_iter()
        .flat_map(|(start, end, range)| {
            committing_clauses(raw, start, end, ws.get(range).unwrap_or(&[]), parties)
        })
        .collect();
    if commitments.is_empty() {
        out.push(Block::Paragraph { text: para, span });
        return;
    }
    let mut rest = 0;
    let push_paragraph = |out: &mut Vec<Block>, from: usize, to: usize| {
        let piece = raw.get(from..to).unwrap_or("");
        let lead = piece.len() - piece.trim_start_matches(crate::text::is_space).len();
        let mut trimmed = piece.trim_matches(crate::text::is_space);
        // The joint before a committing clause (", og") belongs to neither side.
        for conjunction in cues::CLAUSE_CONJUNCTIONS {
            if let Some(head) = trimmed.strip_suffix(conjunction)
                && let Some(head) = head
                    .trim_end_matches(crate::text::is_space)
                    .strip_suffix(',')
            {
                trimmed = head.trim_end_matches(crate::text::is_space);
            }
        }
        let joint = trimmed.trim_matches(|c: char| !c.is_alphanumeric());
        if !joint.is_empty() && !cues::CLAUSE_CONJUNCTIONS.contains(&joint) {
            let start = span.start + from + lead;
            out.push(Block::Paragraph {
                text: normalize(trimmed),
                span: index.span(start, start + trimmed.len()),
            });
        }
    };
    for (start, end, actor, modality) in commitments {
        push_paragraph(out, rest, start);
        let item_span = index.span(span.start + start, span.start + end);
        let item = Item {
            text: normalize(raw.get(start..end).unwrap_or("")),
            span: item_span,
        };
        out.push(Block::Obligations {
            actor,
            modality,
            lead_in: None,
            lead_in_span: None,
            items: vec![item],
            span: item_span,
        });
        rest = end;
    }
    push_paragraph(out, rest, raw.len());
}

/// Whether a sentence or clause of the paragraph `raw` (`folded`: its lowercase copy, see
/// [`Source::folded`]) may commit a party. [`opening_of`] needs a binding verb right after
/// the last word of an actor's name: false when no verb of `raw` follows a word that can end
/// one, and no name of `raw` can resolve through a misspelling (which may end with any word).
fn may_commit(raw: &str, folded: &str) -> bool {
    let Some(verbs) = cues::modal_starts_in(raw, folded) else {
        return true;
    };
    let mut after_a_word = false;
    for at in verbs {
        match word_before(raw, at) {
            Some(word) if may_end_actor(word) => return true,
            Some(_) => after_a_word = true,
            None => {}
        }
    }
    after_a_word && bodies::may_resolve_fuzzily_in(raw, folded)
}

/// Whether `word` may be the last word of the actors [`opening_of`] reads before a verb:
/// "Partene" or another anaphor, the end of a name [`bodies::lookup`] resolves exactly, or a
/// noun naming the agreement (`Partene bak avtalen`, see [`names_the_agreement`]).
fn may_end_actor(word: &str) -> bool {
    [
        cues::ALL_PARTIES,
        cues::MINISTRY_ANAPHORA,
        cues::MINISTRIES_ANAPHORA,
    ]
    .iter()
    .any(|anaphora| lowercase_is_one_of(word, anaphora))
        || bodies::may_end_name(word)
        || {
            let lower = lowercase(word);
            cues::AGREEMENT_NOUNS.iter().any(|n| lower.ends_with(n))
        }
}

/// The committing clauses of the sentence `raw[start..end]`, whose words are `ws` (offsets
/// into `raw`, see [`sentence_words`]), as byte ranges of `raw` with their actors: the
/// sentence is cut where a main clause after `, og`, `, men` or `;` commits a party
/// (`Departementet vil signere avtalen, og KS forplikter seg til å gjøre den kjent.` → two
/// clauses, the joint `, og` in neither), and the clauses that commit a party are returned
/// (none when no clause does).
///
/// The words of a clause are a tail of `ws`: as those its own slice would be cut into, but
/// for the last word's `punct`, which neither the clause cuts nor [`opening_of`] (it
/// reads the words before the verb) look at.
fn committing_clauses(
    raw: &str,
    start: usize,
    end: usize,
    ws: &[Word<'_>],
    parties: &PartyRoles<'_>,
) -> Vec<(usize, usize, Actor, Modality)> {
    let commits = |clause: &[Word<'_>]| -> Option<(Actor, Modality)> {
        let opening = opening_of(clause)?;
        if !binds_a_party(&opening.actors, parties.all) {
            return None;
        }
        // The joint marker only now, and only where it tells: most openings name no party
        // of the document, and nearly all others are joint or not by their actors alone.
        let joint_marker = joint_marker_matters(&opening.actors)
            && has_joint_marker(raw.get(opening.verb_end..end).unwrap_or(""));
        let c = opening.with_joint_marker(joint_marker);
        Some((resolve_actor(&c, parties)?, c.modality))
    };
    let mut out = Vec::new();
    let mut current = commits(ws).map(|(actor, modality)| (start, actor, modality));
    for (i, w) in ws.iter().enumerate() {
        let next = match w.punct {
            Some(',')
                if ws
                    .get(i + 1)
                    .is_some_and(|n| cues::CLAUSE_CONJUNCTIONS.contains(&n.text)) =>
            {
                i + 2
            }
            Some(';') => i + 1,
            _ => continue,
        };
        let (Some(next_word), Some(clause)) = (ws.get(next), ws.get(next..)) else {
            continue;
        };
        if let Some((actor, modality)) = commits(clause) {
            let before = current.replace((next_word.start, actor, modality));
            out.extend(before.map(|(from, a, m)| (from, w.end, a, m)));
        }
    }
    out.extend(current.map(|(from, a, m)| (from, end, a, m)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(id: &str, kind: PartyKind, represented_by: &[&str]) -> Party {
        Party {
            id: id.into(),
            name: id.into(),
            kind,
            represented_by: represented_by.iter().map(|s| (*s).to_owned()).collect(),
            span: crate::span::Span {
                start: 0,
                end: 0,
                line: 1,
            },
        }
    }

    #[test]
    fn actors_resolve_to_party_ids() {
        let parties = [
            party("regjeringen", PartyKind::Government, &[]),
            party("ks", PartyKind::MunicipalSector, &[]),
        ];
        let actor = |s: &str| {
            scan_commitment(s).and_then(|c| resolve_actor(&c, &PartyRoles::new(&parties)))
        };
        assert_eq!(
            actor("KS vil"),
            Some(Actor {
                parties: vec!["ks".into()],
                joint: false
            })
        );
        assert_eq!(
            actor("Regjeringen vil"),
            Some(Actor {
                parties: vec!["regjeringen".into()],
                joint: false
            })
        );
        let joint = Some(Actor {
            parties: vec!["regjeringen".into(), "ks".into()],
            joint: true,
        });
        assert_eq!(actor("Regjeringen og KS skal"), joint);
        assert_eq!(actor("Partene vil i fellesskap bidra til"), joint);
        assert_eq!(
            actor("Departementet skal"),
            None,
            "no ministry among the parties"
        );
    }

    #[test]
    fn lead_ins_that_bind_no_party_are_not_commitments() {
        for s in [
            "Regjeringen og KS mener at helsefellesskapene bør ha et særlig fokus på å utvikle gode tjenester for:",
            "Partene er enige om at utfordringene skal møtes ut fra lokale variasjoner og behov, men mener likevel at viktige strategier for å møte framtidens omsorgsutfordringer er:",
            "Det legges særlig vekt på:",
            "Avtalen regulerer følgende områder:",
            "Avtalen vil bli fulgt opp gjennom jevnlig kontaktmøter.",
        ] {
            assert!(scan_commitment(s).is_none(), "{s}");
        }
    }

    #[test]
    fn parties_with_a_qualifier_naming_the_agreement_commit() {
        for s in [
            "Partene i den nye avtalen forplikter seg til å møtes årlig.",
            "Partane i samarbeidsavtalen skal møtast to gonger i året.",
            "Partene bak kontrakten vil evaluere tiltakene.",
        ] {
            let c = scan_commitment(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(c.actors, [ActorName::AllParties], "{s}");
        }
        let c = scan_commitment("KS forplikter seg til å gjøre avtalen kjent.").unwrap();
        assert_eq!(
            (c.actors, c.modality),
            (vec![ActorName::Body("ks")], Modality::Forplikter)
        );
        assert!(
            scan_commitment("Partene i arbeidslivet vil delta.").is_none(),
            "a qualifier that names no agreement is not the parties of this one"
        );
    }

    #[test]
    fn the_parties_are_the_government_not_its_ministries() {
        let parties = [
            party("ks", PartyKind::MunicipalSector, &[]),
            party("regjeringen", PartyKind::Government, &[]),
            party(
                "kommunal-og-distriktsdepartementet",
                PartyKind::Ministry,
                &[],
            ),
        ];
        let c = scan_commitment("Partene skal også vurdere hvordan forsøk kan brukes.").unwrap();
        assert_eq!(
            resolve_actor(&c, &PartyRoles::new(&parties)),
            Some(Actor {
                parties: vec!["ks".into(), "regjeringen".into()],
                joint: true
            })
        );
    }

    #[test]
    fn the_ministries_are_every_ministry_among_the_parties() {
        let parties = [
            party(
                "justis-og-beredskapsdepartementet",
                PartyKind::Ministry,
                &[],
            ),
            party(
                "kommunal-og-distriktsdepartementet",
                PartyKind::Ministry,
                &[],
            ),
            party("ks", PartyKind::MunicipalSector, &[]),
        ];
        let c = scan_commitment("Departementene vil").unwrap();
        assert_eq!(
            resolve_actor(&c, &PartyRoles::new(&parties)),
            Some(Actor {
                parties: vec![
                    "justis-og-beredskapsdepartementet".into(),
                    "kommunal-og-distriktsdepartementet".into()
                ],
                joint: false
            })
        );
        assert_eq!(
            resolve_actor(&c, &PartyRoles::new(&parties[2..])),
            None,
            "no ministry among the parties"
        );
    }

    proptest::proptest! {
        #[test]
        fn each_id_is_kept_at_its_first_occurrence(ids in proptest::collection::vec("[a-z]{1,2}", 0..60)) {
            let mut plain: Vec<&str> = Vec::new();
            for id in &ids {
                if !plain.contains(&id.as_str()) {
                    plain.push(id);
                }
            }
            proptest::prop_assert_eq!(first_of_each(ids.iter().map(String::as_str)), plain);
        }
    }

    /// The blocks `split_commitments` makes of the whole of `text` as one paragraph.
    fn split_whole(text: &str, parties: &[Party]) -> Vec<Block> {
        let index = LineIndex::new(text);
        let (folded, _) = crate::extract::dates::lowercase_at_offsets(text);
        let source = Source {
            text,
            folded: &folded,
            index: &index,
        };
        let mut out = Vec::new();
        split_commitments(
            source,
            &PartyRoles::new(parties),
            text.into(),
            index.span(0, text.len()),
            &mut out,
        );
        out
    }

    proptest::proptest! {
        #[test]
        fn a_paragraph_ruled_out_opens_no_commitment(raw in "(Partene|partane|Departementet|departementene|KS|Ks|Regjeringen|regjeringa|Kommunal-|og|moderniseringsdepartementet|Kommunal- og distriksdepartementet|Helsedire\u{212a}toratet|Helsedirektoratet|helsedirektorat|i|bak|avtalen|samfunnskontrakten|mener|at|seg|til|vil|skal|må|MÅ|bør|forplikter|[ ,.;:«»\u{ad}\u{a0}–-]| )*") {
            let (folded, _) = crate::extract::dates::lowercase_at_offsets(&raw);
            let ws = words(&raw);
            if !may_commit(&raw, &folded) {
                for i in 0..ws.len() {
                    let tail = ws.get(i..).unwrap_or(&[]);
                    proptest::prop_assert!(opening_of(tail).is_none(), "{:?} from word {}", raw, i);
                }
            }
        }
    }

    #[test]
    fn a_misspelt_name_may_commit_whatever_its_last_word() {
        for raw in [
            "Helsedire\u{212a}toratet vil",
            "Kommunal- og distriksdepartementet vil",
        ] {
            let (folded, _) = crate::extract::dates::lowercase_at_offsets(raw);
            assert!(opening_of(&words(raw)).is_some(), "{raw}");
            assert!(may_commit(raw, &folded), "{raw}");
        }
        let raw = "Rådet mener at det vil";
        let (folded, _) = crate::extract::dates::lowercase_at_offsets(raw);
        assert!(!may_commit(raw, &folded));
    }

    #[test]
    fn a_second_main_clause_commits_its_own_party() {
        let parties = [
            party("ks", PartyKind::MunicipalSector, &[]),
            party("helse-og-omsorgsdepartementet", PartyKind::Ministry, &[]),
        ];
        let text = "Avtalen er fornyet. Departementet vil koordinere oppfølgingen for regjeringen, og KS forplikter seg til å gjøre avtalen kjent. Den gjelder i tre år.";
        let out = split_whole(text, &parties);
        let got: Vec<(Vec<String>, String)> = out
            .iter()
            .map(|b| match b {
                Block::Obligations { actor, items, .. } => {
                    (actor.parties.clone(), items[0].span.slice(text).to_owned())
                }
                Block::Paragraph { span, .. } => (Vec::new(), span.slice(text).to_owned()),
                _ => (Vec::new(), String::new()),
            })
            .collect();
        assert_eq!(
            got,
            [
                (vec![], "Avtalen er fornyet.".into()),
                (
                    vec!["helse-og-omsorgsdepartementet".into()],
                    "Departementet vil koordinere oppfølgingen for regjeringen".into()
                ),
                (
                    vec!["ks".into()],
                    "KS forplikter seg til å gjøre avtalen kjent.".into()
                ),
                (vec![], "Den gjelder i tre år.".into()),
            ]
        );
        // A clause that commits no party stays running text before the one that does.
        let text = "Helsedirektoratet vil lage en veileder, og KS vil spre den til kommunene.";
        let out = split_whole(text, &parties);
        assert!(
            matches!(out.as_slice(), [Block::Paragraph { text: p, .. }, Block::Obligations { items, .. }]
                if p == "Helsedirektoratet vil lage en veileder" && items[0].text == "KS vil spre den til kommunene."),
            "{out:?}"
        );
        // A comma and "og" inside one party's commitment do not cut it.
        let text = "KS vil bidra til kompetanse, og til rekruttering.";
        let out = split_whole(text, &parties);
        assert!(
            matches!(out.as_slice(), [Block::Obligations { items, .. }] if items[0].text == text)
        );
    }

    #[test]
    fn the_joint_marker_matters_only_where_told() {
        let parties = [
            party("regjeringen", PartyKind::Government, &[]),
            party("ks", PartyKind::MunicipalSector, &[]),
            party("bfd", PartyKind::Ministry, &[]),
            party("kd", PartyKind::Ministry, &[]),
        ];
        let lists = [
            vec![ActorName::AllParties],
            vec![ActorName::Ministry],
            vec![ActorName::Ministries],
            vec![ActorName::Body("ks")],
            vec![ActorName::Body("ks"), ActorName::Body("regjeringen")],
            vec![ActorName::Ministries, ActorName::Body("ks")],
            vec![ActorName::Body("ks"), ActorName::Body("ks")],
        ];
        for actors in lists {
            for parties in [&parties[..], &parties[..3], &parties[1..2]] {
                let resolve = |joint_marker| {
                    let c = Commitment {
                        actors: actors.clone(),
                        modality: Modality::Vil,
                        joint_marker,
                    };
                    resolve_actor(&c, &PartyRoles::new(parties))
                };
                if !joint_marker_matters(&actors) {
                    assert_eq!(resolve(true), resolve(false), "{actors:?}");
                }
            }
        }
    }

    #[test]
    fn joint_markers_have_one_or_two_words() {
        for m in cues::JOINT_MARKERS {
            assert!((1..=2).contains(&m.split(' ').count()), "{m}");
            assert!(m.split(' ').all(|w| !w.is_empty()), "{m}");
        }
        assert!(has_joint_marker(" i Fellesskap med KS"));
        assert!(has_joint_marker(" til, i lag."));
        assert!(!has_joint_marker(" i helsefellesskap"));
        assert!(
            !has_joint_marker(" i, og lag"),
            "the words must follow each other"
        );
    }

    #[test]
    fn anaphora_are_told_without_lowercasing() {
        for list in [
            cues::ALL_PARTIES,
            cues::MINISTRY_ANAPHORA,
            cues::MINISTRIES_ANAPHORA,
        ] {
            for a in list {
                assert!(
                    a.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'),
                    "{a}"
                );
            }
        }
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let ascii = c.to_lowercase().all(|l| l.is_ascii());
            assert_eq!(ascii, c.is_ascii() || c == '\u{212a}', "{c:?}");
        }
        for word in [
            "Partene",
            "PARTANE",
            "Departementet",
            "departementa",
            "Departementene\u{212a}",
            "partene ",
            "Pártene",
            "",
        ] {
            for list in [cues::ALL_PARTIES, cues::MINISTRIES_ANAPHORA] {
                assert_eq!(
                    lowercase_is_one_of(word, list),
                    list.contains(&lowercase(word).as_ref()),
                    "{word:?}"
                );
            }
        }
    }

    #[test]
    fn the_ministry_anaphor_needs_one_ministry() {
        let parties = [
            party("ks", PartyKind::MunicipalSector, &[]),
            party("bfd", PartyKind::Ministry, &[]),
        ];
        let c = scan_commitment("Departementet skal").unwrap();
        assert_eq!(
            resolve_actor(&c, &PartyRoles::new(&parties))
                .unwrap()
                .parties,
            ["bfd"]
        );
    }
}
