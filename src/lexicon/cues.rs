//! Vocabulary of commitments, references, quotes and genre cues (bokmål and nynorsk).
//!
//! The recognisers in `extract::obligations`, `extract::references`,
//! `extract::publication` and `extract::kind` look these words up; adding a
//! word here is all it takes to teach them a new spelling.

use std::sync::LazyLock;

use crate::model::{Modality, ReferenceKind};

/// Verbs that bind a party, lowercase: `KS vil`, `Departementet skal`, `Partene forplikter seg`.
/// Bokmål and nynorsk share `vil`, `skal`, `bør`, `må`; nynorsk adds `lyt`.
pub const MODALS: &[(&str, Modality)] = &[
    ("vil", Modality::Vil),
    ("skal", Modality::Skal),
    ("bør", Modality::Bor),
    ("må", Modality::Ma),
    ("lyt", Modality::Ma),
    ("forplikter", Modality::Forplikter),
    ("forpliktar", Modality::Forplikter),
];

/// Looks up a binding verb: `"skal"` → `Skal`.
pub fn modality(word: &str) -> Option<Modality> {
    MODALS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, m)| m)
}

/// The binding verbs, searched for in text with its ASCII letters lowercased, which ignores
/// ASCII case as [`modality`] does (the verbs are written in lower case). A packed SIMD
/// search: the verbs are few and none is shorter than three bytes.
static MODAL_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
    aho_corasick::packed::Config::new()
        .builder()
        .extend(MODALS.iter().map(|(w, _)| w))
        .build()
});

/// Whether `text` may hold a word that [`modality`] accepts: one of the verbs, ignoring
/// ASCII case, with no letter, digit or hyphen right before or after it (what the word
/// splitters strip from a word's edges). False means no word of `text` is a binding verb,
/// so a sentence can be ruled out without splitting it into words.
pub fn may_hold_modal(text: &str) -> bool {
    may_hold_modal_in(text, &text.to_ascii_lowercase())
}

/// [`may_hold_modal`] of `text`, searched in `folded`: `text` with its ASCII letters
/// lowercased, at the same byte offsets, other characters lowercased or not (a slice of
/// [`crate::extract::dates::Prose::folded`], which spares a copy per paragraph).
pub fn may_hold_modal_in(text: &str, folded: &str) -> bool {
    modal_starts_in(text, folded).is_none_or(|mut starts| starts.next().is_some())
}

/// The offsets in `text` (searched in `folded`, as [`may_hold_modal_in`] does) where a verb
/// may stand as a word: every word [`modality`] accepts starts at one of them. `None` when
/// the search could not be built (any word may then be a verb).
pub fn modal_starts_in<'a>(
    text: &'a str,
    folded: &'a str,
) -> Option<impl Iterator<Item = usize> + 'a> {
    let search = MODAL_SEARCH.as_ref()?;
    let inner = |c: char| c.is_alphanumeric() || c == '-' || c == '\u{ad}';
    // Only the non-overlapping matches are seen, and that is enough: two occurrences that
    // overlap (`vilyt`) are both inside a run of letters, and no verb begins another, so a
    // verb standing as a word of its own is always among the matches. A verb matched only
    // through a lowercased character outside ASCII (`MÅ`) is no verb to [`modality`]: the
    // match must equal the text ignoring ASCII case.
    let standing = search.find_iter(folded).filter(move |m| {
        let word = text.as_bytes().get(m.start()..m.end());
        let verb = folded.as_bytes().get(m.start()..m.end());
        let before = text.get(..m.start()).and_then(|b| b.chars().next_back());
        let after = text.get(m.end()..).and_then(|a| a.chars().next());
        word.zip(verb)
            .is_some_and(|(w, v)| w.eq_ignore_ascii_case(v))
            && !before.is_some_and(inner)
            && !after.is_some_and(inner)
    });
    Some(standing.map(|m| m.start()))
}

/// Words that stand for all parties of the agreement: `Partene vil i fellesskap ...`.
pub const ALL_PARTIES: &[&str] = &["partene", "partane", "avtalepartene", "avtalepartane"];

/// Words that stand for the one ministry of the agreement: `Departementet skal ...`.
pub const MINISTRY_ANAPHORA: &[&str] = &["departementet"];

/// Words that stand for all ministries among the parties: `Departementene vil ...`.
pub const MINISTRIES_ANAPHORA: &[&str] = &["departementene", "departementa"];

/// Prepositions that tie a qualifier naming the agreement to "Partene":
/// `Partene i den nye samfunnskontrakten forplikter seg til ...`, `Partene bak avtalen vil ...`.
pub const PARTIES_QUALIFIERS: &[&str] = &["i", "til", "bak"];

/// Conjunctions that, after a comma, open a second main clause that may commit
/// another party: `..., og KS forplikter seg til ...`.
pub const CLAUSE_CONJUNCTIONS: &[&str] = &["og", "men"];

/// Phrases after the verb that make a commitment explicitly joint: `Partene vil i fellesskap`.
pub const JOINT_MARKERS: &[&str] = &[
    "i fellesskap",
    "i felleskap",
    "sammen",
    "saman",
    "i lag",
    "felles",
];

/// Verbs that attribute quoted speech: `..., sier Vestre.`, `sa Halvdan Skard`, nynorsk `seier`.
pub const QUOTE_VERBS: &[&str] = &[
    "sier",
    "sa",
    "seier",
    "sei",
    "uttalte",
    "uttaler",
    "understreker",
    "påpeker",
];

/// Words that end a speaker's name in an attribution and start an adverbial:
/// `sa Halvdan Skard ved signeringen tirsdag`.
pub const ATTRIBUTION_TAIL_WORDS: &[&str] =
    &["ved", "under", "på", "etter", "da", "i", "til", "om", "før"];

/// A reference prefix: its canonical spelling, a regex for the spellings met in the
/// wild (`Meld. St.15`, `St.meld. nr. 25`), and the regex of its number.
#[derive(Debug, Clone, Copy)]
pub struct ReferencePrefix {
    /// What the prefix names.
    pub kind: ReferenceKind,
    /// How the reference is written back out: `Meld. St.`.
    pub canonical: &'static str,
    /// Regex for the prefix as written.
    pub pattern: &'static str,
    /// Regex for the number after it: `15`, `2020: 15`, `1 S`.
    pub number: &'static str,
}

/// White papers, official reports and propositions: `Meld. St. 15 (2017-2018)`,
/// `St.meld. nr. 25 (2005-2006)`, `NOU 2020: 15`, `Prop. 1 S (2019-2020)`, `Ot.prp. nr. 10 (2007-2008)`.
pub const REFERENCE_PREFIXES: &[ReferencePrefix] = &[
    ReferencePrefix {
        kind: ReferenceKind::WhitePaper,
        canonical: "Meld. St.",
        pattern: r"Meld\.\s*St\.",
        number: r"\d+",
    },
    ReferencePrefix {
        kind: ReferenceKind::WhitePaper,
        canonical: "St.meld. nr.",
        pattern: r"St\.\s?meld\.\s*nr\.",
        number: r"\d+",
    },
    ReferencePrefix {
        kind: ReferenceKind::Nou,
        canonical: "NOU",
        pattern: r"NOU",
        number: r"\d{4}\s*:\s*\d+",
    },
    ReferencePrefix {
        kind: ReferenceKind::Proposition,
        canonical: "Prop.",
        pattern: r"Prop\.",
        number: r"\d+\s*(?:LS|L|S)?",
    },
    ReferencePrefix {
        kind: ReferenceKind::Proposition,
        canonical: "Ot.prp. nr.",
        pattern: r"Ot\.\s?prp\.\s*nr\.",
        number: r"\d+",
    },
];

/// Endings of named plans, strategies and reforms, indefinite and definite (bokmål `-en`,
/// nynorsk and feminine `-a`): `Nasjonal helse- og samhandlingsplan`,
/// `digitaliseringsstrategien`, `Bo trygt hjemme-reformen`, `barnevernsreforma`.
pub const WORK_SUFFIXES: &[(&str, ReferenceKind)] = &[
    ("planen", ReferenceKind::Plan),
    ("plan", ReferenceKind::Plan),
    ("strategien", ReferenceKind::Plan),
    ("strategi", ReferenceKind::Plan),
    ("reformen", ReferenceKind::Reform),
    ("reforma", ReferenceKind::Reform),
    ("reform", ReferenceKind::Reform),
];

/// Words that close a line announcing what follows (`Partene er enige om følgende:`), or
/// stand before its last word (`på følgende områder:`), so that the line is a lead-in and
/// not a label heading.
pub const ANNOUNCING_WORDS: &[&str] = &["følgende", "fylgjande", "følgjande", "nedenfor"];

/// Question words that open a heading rather than a list's lead-in (`Hva avtalen omfatter`).
pub const QUESTION_WORDS: &[&str] = &[
    "hva", "hvordan", "hvorfor", "hvem", "hvilke", "kva", "korleis", "kvifor", "kven",
];

/// Prepositions that, after "og", open a second complement of the verb, so that a title
/// ends before them: `bygger på Meld. St. 19 Tid for lek og læring og på Kompetanse ...`.
pub const COMPLEMENT_PREPOSITIONS: &[&str] = &["på", "i", "til", "av", "med", "om", "for"];

/// Prepositions that open a second qualifier; a plan's qualifier ends before them:
/// `rammeplanen for barnehagen i lys av ...` is no title `... barnehagen i lys`.
pub const QUALIFIER_PREPOSITIONS: &[&str] = &["i", "for", "om", "fra", "mot", "etter", "under"];

/// Nouns naming an agreement-like instrument, as word endings (lowercase):
/// `Samarbeidsavtale`, `IA-avtalen`, `Manifestet`, `erklæring`.
pub const AGREEMENT_NOUNS: &[&str] = &[
    "avtale",
    "avtalen",
    "avtala",
    "kontrakt",
    "kontrakten",
    "manifest",
    "manifestet",
    "erklæring",
    "erklæringen",
    "erklæringa",
];

/// Compound agreement nouns whose indefinite, capitalized form is a title
/// (`Samarbeidsavtale om boligsosialt arbeid`); a bare `Avtale om ...` heading is a topic label.
pub const AGREEMENT_TITLE_NOUNS: &[&str] = &[
    "samarbeidsavtale",
    "intensjonsavtale",
    "rammeavtale",
    "utviklingsavtale",
];

/// Words after an agreement noun that make it a named work: `avtalen mellom ...`, `Manifestet mot mobbing`.
pub const AGREEMENT_QUALIFIERS: &[&str] = &["om", "mellom", "mot", "for", "med"];

/// Prefixes of link lines on web pages, before the linked title.
pub const LINK_PREFIXES: &[&str] = &["Lenkeblokk Icon ", "Lenke til ", "Les "];

/// Suffixes of link lines: `Samarbeidsavtale ... (pdf)`, `(egen artikkel)`.
pub const LINK_SUFFIXES: &[&str] = &["(pdf)", "(PDF)", "(egen artikkel)"];

/// Words that end a title phrase in running text: verbs and relative pronouns.
pub const PHRASE_STOP_WORDS: &[&str] = &[
    "som", "og", "der", "at", "er", "var", "ble", "blei", "blir", "har", "hadde", "skal", "vil",
    "kan", "må", "la", "gjelder", "gjeld", "til", "på", "av", "med", "å", "sin", "sine", "sitt",
];

/// Statements of agreement that mark the text of an agreement (lowercase, matched at word starts).
pub const AGREEMENT_TEXT_CUES: &[&str] = &[
    "partene er enige",
    "partane er einige",
    "avtalen gjelder",
    "avtalen gjeld",
    "avtalen er forankret",
    "formålet med avtalen",
    "heretter kalt partene",
    "avtalen er inngått",
    "avtalen omfatter",
];

/// Signing verbs in a news report's past tense (lowercase): `undertegnet i dag`, `signerte`.
pub const SIGNED_VERBS: &[&str] = &[
    "undertegnet",
    "undertegna",
    "signerte",
    "signert",
    "underskrev",
    "underskrevet",
];

/// Words before a signing verb that make it a plan, not a report (`vil bli undertegnet`).
pub const FUTURE_AUXILIARIES: &[&str] = &["bli", "blir", "vil", "skal", "å", "kan"];

/// Words that date a report to the day it was written: `undertegnet i dag`.
pub const TODAY: &[&str] = &[
    "i dag", "i går", "tirsdag", "mandag", "onsdag", "torsdag", "fredag",
];

/// Page-type labels of regjeringen.no landing pages that introduce a document
/// rather than being one (`Rapporter og planer` above the title).
pub const LANDING_PAGE_LABELS: &[&str] = &[
    "rapporter og planer",
    "veiledninger og brosjyrer",
    "dokumenter",
    "høringer",
    "høring",
    "meldinger og proposisjoner",
    "lover og regler",
];

/// Words of a contact footer, which ends without punctuation (lowercase, matched anywhere):
/// `tlf. 22 24 60 00`, `e-post: ...`.
pub const CONTACT_CUES: &[&str] = &["tlf.", "tlf:", "telefon", "e-post", "epost", "mobil:"];

/// Page-type labels that announce a press release.
pub const PRESS_RELEASE_LABELS: &[&str] = &["pressemelding", "nyhet", "pressemeldinger", "nyheter"];

/// Cues of meeting papers and other working documents (lowercase).
pub const MEETING_PAPER_CUES: &[&str] = &[
    "vedlegg",
    "konsultasjonsmøtet",
    "saksframlegg",
    "dagsorden",
    "vil bli undertegnet",
];

/// Articles and determiners: a capitalized one mid-phrase (`- En kvalitetsreform`) opens no name.
pub const DETERMINERS: &[&str] = &[
    "en", "ei", "et", "eit", "ein", "den", "det", "de", "denne", "dette", "disse", "i", "og",
];

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_modal_word_is_never_ruled_out(text in "[a-zA-ZåøæÅØ ,.:\\-\u{ad}«»()]{0,30}|(vil|Skal|BØR|må|lyt|x|-)([ ,.\\-\u{ad}«]{0,2}(vil|Skal|BØR|må|lyt|x|-)){0,5}") {
            let has = crate::extract::words::words(&text)
                .iter()
                .any(|w| modality(w.text).is_some());
            proptest::prop_assert!(!has || may_hold_modal(&text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_search_sees_every_verb_standing_alone(text in "([a-zA-ZåøæÅØ]{0,3}|vil|Skal|BØR|bør|må|MÅ|Må|lyt|\u{212a}|\u{130}|forplikter|forpliktar|[ ,.\\-\u{ad}«])*") {
            let inner = |c: char| c.is_alphanumeric() || c == '-' || c == '\u{ad}';
            let folded = text.to_ascii_lowercase();
            let naive = MODALS.iter().any(|(w, _)| {
                folded.match_indices(w).any(|(at, _)| {
                    !text[..at].chars().next_back().is_some_and(inner)
                        && !text[at + w.len()..].chars().next().is_some_and(inner)
                })
            });
            proptest::prop_assert_eq!(may_hold_modal(&text), naive, "{:?}", text);
            // Searched in the text lowercased at its offsets (`Å` → `å`, Kelvin sign kept),
            // as the obligations extractor does, it tells the same.
            let (lower, _) = crate::extract::dates::lowercase_at_offsets(&text);
            proptest::prop_assert_eq!(may_hold_modal_in(&text, &lower), naive, "{:?}", text);
            // Every word `modality` accepts starts where `modal_starts_in` says a verb may.
            let starts: Vec<usize> = modal_starts_in(&text, &lower).into_iter().flatten().collect();
            for w in crate::extract::words::words(&text) {
                if modality(w.text).is_some() {
                    proptest::prop_assert!(starts.contains(&w.start), "{:?} at {}", text, w.start);
                }
            }
        }
    }

    #[test]
    fn no_verb_begins_another() {
        for (a, _) in MODALS {
            for (b, _) in MODALS {
                assert!(a == b || !b.starts_with(a), "{a} {b}");
            }
        }
    }

    #[test]
    fn words_inside_other_words_are_not_modals() {
        assert!(!may_hold_modal("Vilkårene for skalaen er mål"));
        assert!(may_hold_modal("Partene vil, og KS må."));
    }
}
