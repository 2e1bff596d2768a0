//! Registry of Norwegian public bodies and organisations: canonical names, ids, kinds, aliases.
//!
//! # Ids and names of renamed bodies
//!
//! Ministries are renamed and reshaped with almost every government. The
//! registry keeps one entry per *current* ministry; its `id` is the slug of
//! the current name and never changes, so that a pipeline can join a 2016
//! agreement of "Kommunal- og moderniseringsdepartementet" with a 2024 one of
//! "Kommunal- og distriktsdepartementet" (both `kommunal-og-distriktsdepartementet`).
//!
//! The *name* a party carries is the one the text's own era used, because
//! that is what a reader of the text (and a citation of it) expects:
//!
//! - a former full name (`former_names`) is kept as written, spelled as the
//!   registry spells it: a 2016 text naming "Kommunal- og
//!   moderniseringsdepartementet" yields that name, and a misspelling such as
//!   "Kommunal- og distriksdepartementet" is corrected to the name it is
//!   closest to;
//! - a ministry abbreviation (`abbreviations`) is kept as written ("BLD",
//!   "AID") when the text never spells the name out, because an abbreviation
//!   does not tell which of a ministry's names was meant ("BLD" stood for
//!   "Barne- og likestillingsdepartementet" and for "Barne-, likestillings- og
//!   inkluderingsdepartementet"); guessing the era would put words in the text;
//! - any other alias ("regjeringa", "staten", "Kommunenes sentralforbund",
//!   "Udir") is shown under the body's canonical `name`: these are spelling
//!   variants or expansions of a name that never changed ("KS").

use std::collections::BTreeMap;
use std::sync::LazyLock;

use memchr::memmem;

use crate::model::PartyKind;
use crate::text::lowercase;

use super::word_table::WordTable;

/// A body the registry knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    /// Stable slug id ("regjeringen", "ks", "helse-og-omsorgsdepartementet").
    pub id: &'static str,
    /// Canonical short name ("Regjeringen", "KS"); for a ministry its current name.
    pub name: &'static str,
    /// What kind of body it is.
    pub kind: PartyKind,
    /// Other names and spellings it goes by ("Kommunenes sentralforbund", "regjeringa", "Udir"),
    /// shown under the canonical `name`. Written as a text would write them: the case of
    /// an alias decides how strictly it is matched (see [`Spelling::accepts_case`]).
    pub aliases: &'static [&'static str],
    /// Earlier official names, as spelled ("Kommunal- og moderniseringsdepartementet"),
    /// kept as the party name when a text uses them.
    pub former_names: &'static [&'static str],
    /// Abbreviations of a renamed body, as spelled ("HOD", "BLD"); matched only in
    /// upper case and kept as written when a text names the body by nothing longer.
    pub abbreviations: &'static [&'static str],
}

/// How a name found in a text relates to its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// An abbreviation of a renamed body ("BLD"): shown as written.
    Abbreviation,
    /// The canonical name, a former name or an alias: shown as [`Resolved::name`].
    Full,
}

/// A name resolved against the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The body.
    pub body: &'static Body,
    /// The name a party should carry for this form (see the module docs).
    pub name: &'static str,
    /// What kind of name matched.
    pub form: Form,
    /// True when the name matched only approximately (a misspelt ministry name).
    pub fuzzy: bool,
}

/// Shorthand for a ministry entry.
const fn ministry(
    id: &'static str,
    name: &'static str,
    former_names: &'static [&'static str],
    abbreviations: &'static [&'static str],
    aliases: &'static [&'static str],
) -> Body {
    Body {
        id,
        name,
        kind: PartyKind::Ministry,
        aliases,
        former_names,
        abbreviations,
    }
}

/// Shorthand for a body that was never renamed: only aliases.
const fn body(
    id: &'static str,
    name: &'static str,
    kind: PartyKind,
    aliases: &'static [&'static str],
) -> Body {
    Body {
        id,
        name,
        kind,
        aliases,
        former_names: &[],
        abbreviations: &[],
    }
}

/// The registry. Order is irrelevant; every name and alias must be unique across entries
/// (a unit test checks this).
pub const BODIES: &[Body] = &[
    body(
        "regjeringen",
        "Regjeringen",
        PartyKind::Government,
        &["regjeringen", "regjeringa", "staten", "den norske stat"],
    ),
    body(
        "ks",
        "KS",
        PartyKind::MunicipalSector,
        &[
            "Kommunenes sentralforbund",
            "Kommunesektorens organisasjon",
            "Kommunesektorens interesse- og arbeidsgiverorganisasjon",
            "KS – Kommunesektorens organisasjon",
        ],
    ),
    // ---- Ministries, as of 2025, with the names their portfolios had before.
    ministry(
        "arbeids-og-inkluderingsdepartementet",
        "Arbeids- og inkluderingsdepartementet",
        // AID existed 2006–2009 and again from 2022; AD 2010–2013, ASD 2014–2021, AAD 2002–2005.
        &[
            "Arbeids- og sosialdepartementet",
            "Arbeidsdepartementet",
            "Arbeids- og administrasjonsdepartementet",
        ],
        &["AID", "ASD", "AD", "AAD"],
        &[],
    ),
    ministry(
        "barne-og-familiedepartementet",
        "Barne- og familiedepartementet",
        // BFD until 2005 and from 2019; BLD 2006–2009 and 2018–2019; BLID 2010–2017.
        &[
            "Barne- og likestillingsdepartementet",
            "Barne-, likestillings- og inkluderingsdepartementet",
        ],
        &["BFD", "BLD", "BLID"],
        &[],
    ),
    ministry(
        "digitaliserings-og-forvaltningsdepartementet",
        "Digitaliserings- og forvaltningsdepartementet",
        // The administration portfolio: MOD 2004–2005, FAD 2006–2013 (from 2014 in KMD, from 2024 DFD).
        &[
            "Fornyings-, administrasjons- og kirkedepartementet",
            "Fornyings- og administrasjonsdepartementet",
            "Moderniseringsdepartementet",
        ],
        &["DFD", "FAD", "FAKD", "MOD"],
        &[],
    ),
    ministry(
        "energidepartementet",
        "Energidepartementet",
        &["Olje- og energidepartementet"],
        &["ED", "OED"],
        &[],
    ),
    ministry(
        "finansdepartementet",
        "Finansdepartementet",
        &[],
        &["FIN"],
        &[],
    ),
    ministry(
        "forsvarsdepartementet",
        "Forsvarsdepartementet",
        &[],
        &["FD"],
        &[],
    ),
    ministry(
        "helse-og-omsorgsdepartementet",
        "Helse- og omsorgsdepartementet",
        &["Helsedepartementet", "Sosial- og helsedepartementet"],
        &["HOD", "HD", "SHD"],
        &[],
    ),
    ministry(
        "justis-og-beredskapsdepartementet",
        "Justis- og beredskapsdepartementet",
        &["Justis- og politidepartementet", "Justisdepartementet"],
        &["JD", "JBD"],
        &[],
    ),
    ministry(
        "klima-og-miljodepartementet",
        "Klima- og miljødepartementet",
        &["Miljøverndepartementet"],
        &["KLD", "MD"],
        &[],
    ),
    ministry(
        "kommunal-og-distriktsdepartementet",
        "Kommunal- og distriktsdepartementet",
        // KRD 1998–2013, KMD 2014–2021, KDD from 2022.
        &[
            "Kommunal- og moderniseringsdepartementet",
            "Kommunal- og regionaldepartementet",
        ],
        &["KDD", "KMD", "KRD"],
        &[],
    ),
    ministry(
        "kultur-og-likestillingsdepartementet",
        "Kultur- og likestillingsdepartementet",
        &["Kulturdepartementet", "Kultur- og kirkedepartementet"],
        &["KUD", "KKD"],
        &[],
    ),
    ministry(
        "kunnskapsdepartementet",
        "Kunnskapsdepartementet",
        &[
            "Utdannings- og forskningsdepartementet",
            "Kirke-, utdannings- og forskningsdepartementet",
        ],
        &["KD", "UFD", "KUF"],
        &[],
    ),
    ministry(
        "landbruks-og-matdepartementet",
        "Landbruks- og matdepartementet",
        &["Landbruksdepartementet"],
        &["LMD", "LD"],
        &[],
    ),
    ministry(
        "naerings-og-fiskeridepartementet",
        "Nærings- og fiskeridepartementet",
        &[
            "Nærings- og handelsdepartementet",
            "Fiskeri- og kystdepartementet",
            "Fiskeridepartementet",
        ],
        &["NFD", "NHD", "FKD"],
        &[],
    ),
    ministry(
        "samferdselsdepartementet",
        "Samferdselsdepartementet",
        &[],
        &["SD"],
        &[],
    ),
    ministry(
        "utenriksdepartementet",
        "Utenriksdepartementet",
        &[],
        &["UD"],
        &[],
    ),
    ministry(
        "statsministerens-kontor",
        "Statsministerens kontor",
        &[],
        &["SMK"],
        &[],
    ),
    // ---- Directorates and agencies.
    Body {
        id: "helsedirektoratet",
        name: "Helsedirektoratet",
        kind: PartyKind::Agency,
        aliases: &["Hdir"],
        // Sosial- og helsedirektoratet until 2008.
        former_names: &["Sosial- og helsedirektoratet"],
        abbreviations: &["SHdir"],
    },
    body(
        "utdanningsdirektoratet",
        "Utdanningsdirektoratet",
        PartyKind::Agency,
        &["Udir"],
    ),
    body(
        "integrerings-og-mangfoldsdirektoratet",
        "Integrerings- og mangfoldsdirektoratet",
        PartyKind::Agency,
        &["IMDi"],
    ),
    body(
        "utlendingsdirektoratet",
        "Utlendingsdirektoratet",
        PartyKind::Agency,
        &["UDI"],
    ),
    body(
        "barne-ungdoms-og-familiedirektoratet",
        "Barne-, ungdoms- og familiedirektoratet",
        PartyKind::Agency,
        &["Bufdir", "Bufetat"],
    ),
    body(
        "digitaliseringsdirektoratet",
        "Digitaliseringsdirektoratet",
        PartyKind::Agency,
        &["Digdir", "Difi", "Direktoratet for forvaltning og IKT"],
    ),
    body(
        "arbeids-og-velferdsdirektoratet",
        "Arbeids- og velferdsdirektoratet",
        PartyKind::Agency,
        &[
            "NAV",
            "Nav",
            "Arbeids- og velferdsetaten",
            "Arbeids- og velferdsforvaltningen",
        ],
    ),
    body(
        "direktoratet-for-e-helse",
        "Direktoratet for e-helse",
        PartyKind::Agency,
        &["Ehelse"],
    ),
    body(
        "folkehelseinstituttet",
        "Folkehelseinstituttet",
        PartyKind::Agency,
        &["FHI"],
    ),
    body(
        "statens-helsetilsyn",
        "Statens helsetilsyn",
        PartyKind::Agency,
        &["Helsetilsynet"],
    ),
    body(
        "husbanken",
        "Husbanken",
        PartyKind::Agency,
        &["Den Norske Stats Husbank"],
    ),
    body(
        "statsforvalteren",
        "Statsforvalteren",
        PartyKind::Agency,
        &[
            "statsforvaltaren",
            "fylkesmannen",
            "fylkesmennene",
            "statsforvalterne",
        ],
    ),
    // ---- Health trusts.
    body(
        "regionale-helseforetak",
        "Regionale helseforetak",
        PartyKind::HealthTrust,
        &["de regionale helseforetakene", "regionale helseforetakene"],
    ),
    body(
        "helse-sor-ost",
        "Helse Sør-Øst",
        PartyKind::HealthTrust,
        &["Helse Sør-Øst RHF"],
    ),
    body(
        "helse-vest",
        "Helse Vest",
        PartyKind::HealthTrust,
        &["Helse Vest RHF"],
    ),
    body(
        "helse-midt-norge",
        "Helse Midt-Norge",
        PartyKind::HealthTrust,
        &["Helse Midt-Norge RHF"],
    ),
    body(
        "helse-nord",
        "Helse Nord",
        PartyKind::HealthTrust,
        &["Helse Nord RHF"],
    ),
    // ---- Employers' organisations, unions and others that sign tripartite agreements.
    body(
        "nho",
        "NHO",
        PartyKind::Other,
        &["Næringslivets Hovedorganisasjon"],
    ),
    body(
        "lo",
        "LO",
        PartyKind::Other,
        &["Landsorganisasjonen i Norge", "Landsorganisasjonen"],
    ),
    body(
        "ys",
        "YS",
        PartyKind::Other,
        &["Yrkesorganisasjonenes Sentralforbund"],
    ),
    body("unio", "Unio", PartyKind::Other, &[]),
    body("akademikerne", "Akademikerne", PartyKind::Other, &[]),
    body(
        "virke",
        "Virke",
        PartyKind::Other,
        &["Hovedorganisasjonen Virke"],
    ),
    body(
        "hsh",
        "HSH",
        PartyKind::Other,
        &["Handels- og Servicenæringens Hovedorganisasjon"],
    ),
    body(
        "spekter",
        "Spekter",
        PartyKind::Other,
        &["Arbeidsgiverforeningen Spekter"],
    ),
    body(
        "navo",
        "NAVO",
        PartyKind::Other,
        &["Arbeidsgiverforeningen NAVO"],
    ),
    body(
        "utdanningsforbundet",
        "Utdanningsforbundet",
        PartyKind::Other,
        &[],
    ),
    body("fagforbundet", "Fagforbundet", PartyKind::Other, &[]),
    body(
        "skolenes-landsforbund",
        "Skolenes landsforbund",
        PartyKind::Other,
        &[],
    ),
    body(
        "foreldreutvalget-for-grunnopplaeringen",
        "Foreldreutvalget for grunnopplæringen",
        PartyKind::Other,
        &["FUG"],
    ),
    body(
        "fellesorganisasjonen",
        "Fellesorganisasjonen",
        PartyKind::Other,
        &[],
    ),
    body(
        "norsk-sykepleierforbund",
        "Norsk Sykepleierforbund",
        PartyKind::Other,
        &["NSF"],
    ),
    body(
        "legeforeningen",
        "Den norske legeforening",
        PartyKind::Other,
        &["Legeforeningen"],
    ),
    body(
        "maskinentreprenorenes-forbund",
        "Maskinentreprenørenes Forbund",
        PartyKind::Other,
        &["MEF"],
    ),
    body(
        "norges-rederiforbund",
        "Norges Rederiforbund",
        PartyKind::Other,
        &["Rederiforbundet"],
    ),
    body(
        "frivillighet-norge",
        "Frivillighet Norge",
        PartyKind::Other,
        &[],
    ),
];

/// One spelling of one body, ready for matching word by word.
#[derive(Debug)]
pub struct Spelling {
    /// The body it names.
    pub body: &'static Body,
    /// The spelling as the registry writes it.
    pub text: &'static str,
    /// Its words, lowercased, punctuation stripped (`["barne-", "likestillings-", "og", ...]`).
    pub words: Vec<String>,
    /// What kind of name it is.
    pub form: Form,
    /// The name a party gets when the text uses this spelling.
    pub shown: &'static str,
    /// How the first letter must be cased in the text (see [`Spelling::accepts_case`]).
    case: CaseRule,
}

/// How strictly the case of a spelling must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case ("regjeringen", "Kommunenes Sentralforbund", long names).
    Any,
    /// The first letter must be upper case: short one-word names that are also common
    /// words ("Virke", "Spekter", "Unio").
    Capital,
    /// Exactly as spelled, bar all-upper-case text: abbreviations ("KS", "BLD", "IMDi").
    Exact,
}

impl Spelling {
    /// Whether the words of `name`, lowercased, are this spelling's words (`match_words(name)
    /// == self.words`): compared word by word as the name is split, without lowercased
    /// copies, up to the first word that differs (most often the second).
    fn spelt_by(&self, name: &str) -> bool {
        let mut cores = match_word_cores(name);
        self.words
            .iter()
            .all(|word| cores.next().is_some_and(|core| lowercases_to(core, word)))
            && cores.next().is_none()
    }

    /// Whether any casing of this name is acceptable ([`Spelling::accepts_case`] is then
    /// true whatever it is given): a caller may skip cutting the text's spelling.
    pub fn accepts_any_case(&self) -> bool {
        self.case == CaseRule::Any
    }

    /// Whether `found`, the text's spelling of this name, is cased acceptably.
    pub fn accepts_case(&self, found: &str) -> bool {
        match self.case {
            CaseRule::Any => true,
            CaseRule::Capital => found.chars().next().is_some_and(char::is_uppercase),
            CaseRule::Exact => {
                // The letters and digits of both, compared as they come (no copies).
                let core = || found.chars().filter(|c| c.is_alphanumeric());
                let want = || self.text.chars().filter(|c| c.is_alphanumeric());
                core().eq(want()) || core().eq(want().flat_map(char::to_uppercase))
            }
        }
    }
}

/// Whether [`lowercase`] makes `word` into `lower` (itself lowercase): an ASCII word is
/// compared ignoring ASCII case, which is all its lowercasing changes.
fn lowercases_to(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        lowercase(word) == lower
    }
}

/// The case rule a spelling implies: one-word abbreviations ("KS", "IMDi") are exact,
/// short capitalised one-word names ("Virke", "Udir") need their capital, and the rest
/// (lowercase names such as "staten", long and multi-word names) match in any case.
fn case_rule(text: &str, word_count: usize) -> CaseRule {
    let capitals = text.chars().filter(|c| c.is_uppercase()).count();
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    match () {
        _ if word_count == 1 && capitals >= 2 => CaseRule::Exact,
        _ if word_count == 1 && capitalised && text.chars().count() < 14 => CaseRule::Capital,
        _ => CaseRule::Any,
    }
}

/// Splits a name into lowercase words for matching, dropping punctuation but keeping
/// the hyphen of a compound part ("Barne-," → "barne-").
pub fn match_words(name: &str) -> Vec<String> {
    match_word_cores(name).map(lowercase).collect()
}

/// The words of [`match_words`], not yet lowercased.
fn match_word_cores(name: &str) -> impl Iterator<Item = &str> {
    name.split(crate::text::is_space)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/')
                .trim_start_matches('-')
        })
        .filter(|w| !w.is_empty())
}

/// Every spelling of every body, indexed by first word.
pub static SPELLINGS: LazyLock<BTreeMap<String, Vec<Spelling>>> = LazyLock::new(|| {
    let mut map: BTreeMap<String, Vec<Spelling>> = BTreeMap::new();
    for b in BODIES {
        let mut push = |text: &'static str, form: Form, shown: &'static str| {
            let words = match_words(text);
            if let Some(first) = words.first().cloned() {
                let case = case_rule(text, words.len());
                map.entry(first).or_default().push(Spelling {
                    body: b,
                    text,
                    words,
                    form,
                    shown,
                    case,
                });
            }
        };
        push(b.name, Form::Full, b.name);
        for former in b.former_names {
            push(former, Form::Full, former);
        }
        for abbr in b.abbreviations {
            push(abbr, Form::Abbreviation, abbr);
        }
        for alias in b.aliases {
            push(alias, Form::Full, b.name);
        }
    }
    // Longest spellings first, so that a scan takes the longest name that fits.
    for list in map.values_mut() {
        list.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then(a.text.cmp(b.text)));
    }
    map
});

/// [`SPELLINGS`] by first word, for [`spellings_from`]: a scan looks up every word of a
/// text, most of which open no spelling.
static FIRST_WORDS: LazyLock<WordTable<&'static [Spelling]>> = LazyLock::new(|| {
    WordTable::new(
        SPELLINGS
            .iter()
            .map(|(first, list)| (first.as_str(), list.as_slice())),
        // Keys of a map are unique: nothing to merge.
        |known, _| known,
    )
});

/// The spellings whose first word is `word` (lowercase), longest first, as in [`SPELLINGS`].
///
/// ```
/// use avtale::lexicon::bodies::spellings_from;
/// assert!(spellings_from("ks").is_some_and(|s| s.iter().any(|s| s.body.id == "ks")));
/// assert!(spellings_from("og").is_none());
/// ```
#[inline]
pub fn spellings_from(word: &str) -> Option<&'static [Spelling]> {
    FIRST_WORDS.get(word)
}

/// Looks a name up by canonical name, former name, abbreviation or alias, ignoring case
/// (except for ministry abbreviations, which must be upper case) and surrounding white
/// space; a long ministry or directorate name with a typo (edit distance ≤ 2) still resolves.
///
/// ```
/// use avtale::lexicon::bodies::lookup;
/// assert_eq!(lookup("Kommunenes Sentralforbund").map(|b| b.id), Some("ks"));
/// assert_eq!(lookup("regjeringen").map(|b| b.name), Some("Regjeringen"));
/// assert_eq!(lookup("KMD").map(|b| b.id), Some("kommunal-og-distriktsdepartementet"));
/// assert_eq!(lookup("Kommunal- og distriksdepartementet").map(|b| b.id), Some("kommunal-og-distriktsdepartementet"));
/// ```
pub fn lookup(name: &str) -> Option<&'static Body> {
    resolve(name).map(|r| r.body)
}

/// Resolves a whole name to its body and the name a party should carry
/// (see the module docs for which name that is).
///
/// ```
/// use avtale::lexicon::bodies::{resolve, Form};
/// let r = resolve("Kommunal- og moderniseringsdepartementet").unwrap();
/// assert_eq!((r.body.id, r.name), ("kommunal-og-distriktsdepartementet", "Kommunal- og moderniseringsdepartementet"));
/// let r = resolve("BLD").unwrap();
/// assert_eq!((r.body.id, r.name, r.form), ("barne-og-familiedepartementet", "BLD", Form::Abbreviation));
/// assert_eq!(resolve("Kommunenes sentralforbund").unwrap().name, "KS");
/// ```
pub fn resolve(name: &str) -> Option<Resolved> {
    resolve_exact(name).or_else(|| {
        // Most names are too short for a fuzzy match or hold no fuzzy stem: test that on
        // the name and the lowercased name (which holds every word of the key
        // `resolve_fuzzy` tests) before building that key.
        (!too_short_for_fuzzy(name) && holds_fuzzy_stem(&lowercase(name)))
            .then(|| resolve_fuzzy(&match_words(name).join(" ")))
            .flatten()
    })
}

/// Whether `name` cannot make a key of the 15 characters [`resolve_fuzzy`] needs: it has
/// fewer than 15 bytes, all Latin-1 characters (no lead byte from 0xC4 on), whose lowercase
/// has as many characters; the key holds at most as many.
fn too_short_for_fuzzy(name: &str) -> bool {
    name.len() < 15 && name.bytes().all(|b| b < 0xC4)
}

/// Resolves a name spelt exactly as the registry has it (case-insensitive,
/// abbreviations in upper case only); no approximate matching.
fn resolve_exact(name: &str) -> Option<Resolved> {
    // Most names asked about open no spelling: the first word decides that before the
    // others are lowercased.
    let mut cores = match_word_cores(name);
    let list = spellings_opened_by(cores.next()?)?;
    // Every spelling of the list has the name's first word as its own (the key of
    // `SPELLINGS`): a one-word name (most names asked about) is matched by the spellings
    // of one word, without lowercasing its words into a list.
    let one_word = cores.next().is_none();
    // Ministry abbreviations are short and collide with words ("AD", "MD"): only their
    // upper-case spelling counts. Everything else ignores case.
    let exact = list.iter().find(|s| {
        (if one_word {
            s.words.len() == 1
        } else {
            s.spelt_by(name)
        }) && (s.form != Form::Abbreviation || s.accepts_case(name.trim()))
    });
    if let Some(s) = exact {
        return Some(Resolved {
            body: s.body,
            name: s.shown,
            form: s.form,
            fuzzy: false,
        });
    }
    None
}

/// The spellings `word`, as written, opens: [`spellings_from`] its lowercase. A short ASCII
/// word (most words asked about) is lowercased on the stack.
fn spellings_opened_by(word: &str) -> Option<&'static [Spelling]> {
    let mut buffer = [0; 32];
    match buffer.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            FIRST_WORDS.get_bytes(lower)
        }
        _ => spellings_from(&lowercase(word)),
    }
}

/// The last word of every spelling of [`SPELLINGS`], lowercase, for [`may_end_name`].
static LAST_WORDS: LazyLock<WordTable<()>> = LazyLock::new(|| {
    WordTable::new(
        SPELLINGS
            .values()
            .flatten()
            .filter_map(|s| s.words.last())
            .map(|last| (last.as_str(), ())),
        |known, _| known,
    )
});

/// Whether `word`, a word of running text, may be the last word of a name [`lookup`] resolves
/// exactly (false: no name ending with it does): its core as [`match_words`] cuts it,
/// lowercased, ends a spelling; a word without a core may end any name. A misspelt name
/// ([`resolve_fuzzy`]) can end with any word: see [`may_resolve_fuzzily_in`].
pub fn may_end_name(word: &str) -> bool {
    match_word_cores(word)
        .last()
        .is_none_or(|core| LAST_WORDS.get(&lowercase(core)).is_some())
}

/// Whether a name cut from `text` (`folded`: `text` with its ASCII letters lowercased at the
/// same offsets) may resolve through [`resolve_fuzzy`]: only a name whose lowercase holds one
/// of the [`FUZZY_STEMS`] does. The stems are ASCII letters, and the only characters outside
/// ASCII that lowercase to one are the Kelvin sign (`k`) and `İ` (`i` and a combining dot,
/// which no stem letter follows), so the stem is in `folded` unless a Kelvin sign is in `text`.
///
/// `text` is a paragraph or more, so each stem is found by one substring search rather
/// than [`holds_fuzzy_stem`]'s test at every byte (proptest
/// `a_paragraph_s_stems_are_its_words_stems`).
pub fn may_resolve_fuzzily_in(text: &str, folded: &str) -> bool {
    /// A prebuilt search for each stem.
    static STEMS: LazyLock<Vec<memmem::Finder<'static>>> =
        LazyLock::new(|| FUZZY_STEMS.iter().map(memmem::Finder::new).collect());
    STEMS
        .iter()
        .any(|stem| stem.find(folded.as_bytes()).is_some())
        || text.contains('\u{212a}')
}

/// Stems of names long and regular enough to be matched approximately.
pub const FUZZY_STEMS: &[&str] = &["departem", "direktor"];

/// Whether a lowercase word or name holds one of the [`FUZZY_STEMS`].
///
/// ```
/// use avtale::lexicon::bodies::holds_fuzzy_stem;
/// assert!(holds_fuzzy_stem("kunnskapsdepartementet") && holds_fuzzy_stem("helsedirektoratet"));
/// assert!(!holds_fuzzy_stem("kommunene") && !holds_fuzzy_stem(""));
/// ```
// Asked of most words of a text by the party scanner, in another module: worth inlining.
#[inline]
pub fn holds_fuzzy_stem(lower: &str) -> bool {
    // The haystacks are words and names, a few bytes long: a plain scan comparing first
    // bytes beats setting up a substring search per call, and a word shorter than a stem
    // (most words) is not scanned at all.
    let bytes = lower.as_bytes();
    if bytes.len() < FUZZY_STEM_LEN {
        return false;
    }
    // Every stem starts with `d` (checked below at build time): windows are compared only
    // there.
    bytes
        .windows(FUZZY_STEM_LEN)
        .any(|w| w.first() == Some(&b'd') && FUZZY_STEMS.iter().any(|stem| stem.as_bytes() == w))
}

/// The length of every one of the [`FUZZY_STEMS`].
pub(crate) const FUZZY_STEM_LEN: usize = 8;

// `holds_fuzzy_stem` compares windows of `FUZZY_STEM_LEN` bytes that start with `d`.
const _: () = {
    let mut i = 0;
    while i < FUZZY_STEMS.len() {
        let stem = FUZZY_STEMS[i].as_bytes();
        assert!(stem.len() == FUZZY_STEM_LEN && stem[0] == b'd');
        i += 1;
    }
};

/// The spellings approximate matching compares with: full names of 15 characters or
/// more, each with its words joined by spaces as characters, in the order of [`SPELLINGS`].
static FUZZY_CANDIDATES: LazyLock<Vec<(&'static Spelling, Vec<char>)>> = LazyLock::new(|| {
    SPELLINGS
        .values()
        .flatten()
        .filter(|s| s.form == Form::Full && s.text.chars().count() >= 15)
        .map(|s| (s, s.words.join(" ").chars().collect()))
        .collect()
});

/// The largest edit distance [`resolve_fuzzy`] accepts.
const FUZZY_LIMIT: usize = 2;

/// Resolves a misspelt long name ("Kommunal- og distriksdepartementet") to the full
/// name it is closest to, when that is within edit distance 2 and unambiguous.
pub fn resolve_fuzzy(name: &str) -> Option<Resolved> {
    let joined = match_words(name).join(" ");
    let key: Vec<char> = joined.chars().collect();
    // Names are short; the bound keeps the quadratic edit distance cheap on odd input.
    if !(15..=90).contains(&key.len()) || !holds_fuzzy_stem(&joined) {
        return None;
    }
    let mut best: Option<(usize, &Spelling)> = None;
    let mut tied = false;
    for (s, spelt) in FUZZY_CANDIDATES.iter() {
        // The edit distance is at least the difference in length: skip the
        // quadratic computation for spellings that cannot be within the limit.
        if spelt.len().abs_diff(key.len()) > FUZZY_LIMIT {
            continue;
        }
        // Distances past the limit all count as one more than it: such a best match is
        // rejected below whatever its exact distance, and a match within the limit
        // replaces it.
        let d = edit_distance_within(&key, spelt, FUZZY_LIMIT);
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, b)) if d == bd => tied |= b.body.id != s.body.id || b.shown != s.shown,
            _ => {
                best = Some((d, s));
                tied = false;
            }
        }
    }
    match best {
        Some((d, s)) if d <= FUZZY_LIMIT && !tied => Some(Resolved {
            body: s.body,
            name: s.shown,
            form: s.form,
            fuzzy: true,
        }),
        _ => None,
    }
}

/// Levenshtein distance between `a` and `b` when it is at most `limit`, else `limit + 1`.
/// One row of memory, every entry capped at `limit + 1`. Only the band of cells within
/// `limit` of the diagonal is computed: a cell `(i, j)` is at least `|i - j|`, so those
/// outside the band are all past the limit. The computation stops once every entry of a
/// row exceeds `limit` (the row minimum never decreases from one row to the next).
fn edit_distance_within(a: &[char], b: &[char], limit: usize) -> usize {
    let over = limit + 1;
    if a.len().abs_diff(b.len()) > limit {
        return over;
    }
    let mut row: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    for (i, ca) in a.iter().enumerate() {
        // Row `i + 1`: the cells of columns `first + 1 ..= last` are computed; column
        // `first` is the edge of the matrix (`i + 1`) or outside the band.
        let first = i.saturating_sub(limit);
        let last = (i + limit + 1).min(b.len());
        let mut diag = row[first];
        row[first] = if first == 0 { (i + 1).min(over) } else { over };
        let mut smallest = row[first];
        for j in first..last {
            // `row[j + 1]` holds the row above: computed, or (right of its band) `over`.
            let next = (diag + usize::from(*ca != b[j]))
                .min(row[j] + 1)
                .min(row[j + 1] + 1)
                .min(over);
            diag = row[j + 1];
            row[j + 1] = next;
            smallest = smallest.min(next);
        }
        if smallest > limit {
            return over;
        }
    }
    row[b.len()]
}

/// The ministry a minister's title points to: "barne- og familieminister" →
/// Barne- og familiedepartementet, "kunnskapsminister" → Kunnskapsdepartementet.
/// Titles without a ministry of their own ("eldre- og folkehelseminister",
/// "statsminister") give `None`.
///
/// ```
/// use avtale::lexicon::bodies::ministry_of_minister;
/// assert_eq!(ministry_of_minister("Helse- og omsorgsminister").map(|r| r.body.id), Some("helse-og-omsorgsdepartementet"));
/// assert_eq!(ministry_of_minister("statsminister"), None);
/// ```
pub fn ministry_of_minister(title: &str) -> Option<Resolved> {
    let stem = title
        .trim()
        .strip_suffix("minister")
        .or_else(|| title.trim().strip_suffix("ministeren"))?;
    if stem.is_empty() || stem.eq_ignore_ascii_case("stats") {
        return None;
    }
    // Exact only: a fuzzy match would be filtered out below anyway.
    resolve_exact(&format!("{stem}departementet"))
        .filter(|r| r.body.kind == PartyKind::Ministry && !r.fuzzy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_names_one_body() {
        let mut seen: BTreeMap<Vec<String>, &str> = BTreeMap::new();
        for s in SPELLINGS.values().flatten() {
            if let Some(other) = seen.insert(s.words.clone(), s.body.id) {
                assert_eq!(other, s.body.id, "spelling {:?} names two bodies", s.text);
            }
        }
    }

    #[test]
    fn ids_are_slugs_of_canonical_names_for_ministries() {
        for b in BODIES.iter().filter(|b| b.kind == PartyKind::Ministry) {
            assert_eq!(
                b.id,
                crate::text::slugify(b.name),
                "ministry id should be the slug of its name"
            );
        }
    }

    #[test]
    fn former_names_and_abbreviations_resolve_to_the_current_ministry() {
        let cases = [
            (
                "Arbeids- og inkluderingsdepartementet",
                "arbeids-og-inkluderingsdepartementet",
                "Arbeids- og inkluderingsdepartementet",
            ),
            (
                "Arbeids- og sosialdepartementet",
                "arbeids-og-inkluderingsdepartementet",
                "Arbeids- og sosialdepartementet",
            ),
            ("AID", "arbeids-og-inkluderingsdepartementet", "AID"),
            (
                "Barne- og likestillingsdepartementet",
                "barne-og-familiedepartementet",
                "Barne- og likestillingsdepartementet",
            ),
            ("HOD", "helse-og-omsorgsdepartementet", "HOD"),
            (
                "Justisdepartementet",
                "justis-og-beredskapsdepartementet",
                "Justisdepartementet",
            ),
            (
                "Kommunal- og regionaldepartementet",
                "kommunal-og-distriktsdepartementet",
                "Kommunal- og regionaldepartementet",
            ),
            (
                "Sosial- og helsedirektoratet",
                "helsedirektoratet",
                "Sosial- og helsedirektoratet",
            ),
            ("fylkesmannen", "statsforvalteren", "Statsforvalteren"),
            ("staten", "regjeringen", "Regjeringen"),
        ];
        for (name, id, shown) in cases {
            let r = resolve(name).unwrap_or_else(|| panic!("{name} should resolve"));
            assert_eq!((r.body.id, r.name), (id, shown), "{name}");
        }
    }

    #[test]
    fn first_words_open_the_spellings_of_their_lowercase() {
        let long = "Kommunalog".repeat(4);
        for word in [
            "KS",
            "Regjeringen",
            "REGJERINGEN",
            "Øst",
            "Nasjonale",
            "",
            &long,
        ] {
            assert_eq!(
                spellings_opened_by(word).map(<[Spelling]>::as_ptr),
                spellings_from(&lowercase(word)).map(<[Spelling]>::as_ptr),
                "{word}"
            );
        }
    }

    #[test]
    fn fuzzy_matching_is_for_long_names_only() {
        assert_eq!(
            resolve("Kommunal- og distriksdepartementet").map(|r| r.name),
            Some("Kommunal- og distriktsdepartementet")
        );
        assert_eq!(
            resolve("Helse- og omsorgsdepartemenet").map(|r| r.body.id),
            Some("helse-og-omsorgsdepartementet")
        );
        assert_eq!(resolve("KX"), None);
        assert_eq!(
            resolve("Ad"),
            None,
            "ministry abbreviations only in upper case"
        );
        assert_eq!(
            resolve("ks").map(|r| r.body.id),
            Some("ks"),
            "canonical names in any case"
        );
        assert_eq!(resolve("Kirkedepartementet"), None);
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 3),
            3
        );
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 2),
            3,
            "past the limit"
        );
        assert_eq!(
            edit_distance_within(&chars("departement"), &chars("departemnet"), 2),
            2
        );
    }

    #[test]
    fn every_spelling_opens_with_its_key() {
        for (first, list) in SPELLINGS.iter() {
            for s in list {
                assert_eq!(s.words.first(), Some(first), "{}", s.text);
            }
        }
        // And so a one-word name resolves as it would by comparing its words.
        for s in SPELLINGS.values().flatten() {
            for name in [
                s.text.to_owned(),
                s.text.to_lowercase(),
                s.text.to_uppercase(),
            ] {
                let words = match_words(&name);
                let general = spellings_from(words.first().map_or("", String::as_str))
                    .and_then(|list| {
                        list.iter().find(|s| {
                            s.words == words
                                && (s.form != Form::Abbreviation || s.accepts_case(name.trim()))
                        })
                    })
                    .map(|s| (s.body.id, s.shown));
                assert_eq!(
                    resolve_exact(&name).map(|r| (r.body.id, r.name)),
                    general,
                    "{name}"
                );
            }
        }
    }

    /// The full Levenshtein distance, every cell of the matrix.
    fn edit_distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut diag = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let next = (diag + usize::from(ca != cb))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                diag = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }

    /// [`resolve_exact`] as first written: every word of the name lowercased into a list
    /// and compared with the spellings' lists.
    fn resolve_exact_by_lists(name: &str) -> Option<Resolved> {
        let words = match_words(name);
        let list = spellings_from(words.first()?)?;
        let s = list.iter().find(|s| {
            s.words == words && (s.form != Form::Abbreviation || s.accepts_case(name.trim()))
        })?;
        Some(Resolved {
            body: s.body,
            name: s.shown,
            form: s.form,
            fuzzy: false,
        })
    }

    /// The case of a name's word as a test writes it: as the registry has it, upper or lower.
    fn recased(word: &str, case: u8) -> String {
        match case {
            0 => word.to_owned(),
            1 => word.to_uppercase(),
            _ => word.to_lowercase(),
        }
    }

    proptest::proptest! {
        #[test]
        fn names_are_matched_word_by_word_as_by_lists(
            spelling in 0usize..1000,
            kept in 1usize..6,
            case in 0u8..3,
            more in proptest::collection::vec((0usize..1000, 0u8..3), 0..3),
            sep in proptest::sample::select(vec![" ", "  ", "\u{a0}", ", ", " - ", "\t"]),
        ) {
            let spellings: Vec<&Spelling> = SPELLINGS.values().flatten().collect();
            let words: Vec<&str> = spellings.iter().flat_map(|s| s.text.split(' ')).collect();
            let start = spellings[spelling % spellings.len()].text.split(' ').take(kept);
            let added = more.iter().map(|&(k, c)| recased(words[k % words.len()], c));
            let name: Vec<String> = start.map(|w| recased(w, case)).chain(added).collect();
            let name = name.join(sep);
            proptest::prop_assert_eq!(resolve_exact(&name), resolve_exact_by_lists(&name), "{}", name);
        }

        #[test]
        fn the_banded_distance_is_the_full_one_capped(
            a in "[abcø]{0,12}",
            b in "[abcø]{0,12}",
            limit in 0usize..4,
        ) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(
                edit_distance_within(&a, &b, limit),
                edit_distance(&a, &b).min(limit + 1)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_paragraph_s_stems_are_its_words_stems(raw in "(departem|Departem|DEPARTEM|direktor|direktO|direk|\u{212a}|dep|d|[a-zæøÅ ,.-]{0,6})*") {
            let (folded, _) = crate::extract::dates::lowercase_at_offsets(&raw);
            proptest::prop_assert_eq!(
                may_resolve_fuzzily_in(&raw, &folded),
                holds_fuzzy_stem(&folded) || raw.contains('\u{212a}')
            );
        }
    }
}
