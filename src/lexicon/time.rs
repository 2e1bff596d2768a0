//! Time vocabulary: month names (bokmål and nynorsk share them), number words,
//! time units, and the cue words that give a date its role in a sentence.
//!
//! Every table is lowercase; recognisers fold case before they look a word up.
//! The recognisers live in `crate::dates` (the finder) and `crate::extract`
//! (the roles); only the words are here.

/// A unit of a length of time, as ISO 8601 writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// `D`: dag, dager, døgn.
    Day,
    /// `W`: uke, uker, veke, veker.
    Week,
    /// `M`: måned, måneder, månad, mnd.
    Month,
    /// `Y`: år, års.
    Year,
}

impl Unit {
    /// The ISO 8601 designator of the unit (`Y`, `M`, `W`, `D`).
    pub fn designator(self) -> char {
        match self {
            Unit::Day => 'D',
            Unit::Week => 'W',
            Unit::Month => 'M',
            Unit::Year => 'Y',
        }
    }
}

/// Month names and their numbers: full names, which stand alone (`september 2010`).
pub const MONTHS: &[(&str, u8)] = &[
    ("januar", 1),
    ("februar", 2),
    ("mars", 3),
    ("april", 4),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("desember", 12),
];

/// Month abbreviations. They count only with a point (`1. jan. 2020`, `jan. 2020`) or
/// after a day number (`1. jan 2020`): bare `jul` is Christmas and `mar` a verb stem.
pub const MONTH_ABBREVIATIONS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("febr", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
    ("des", 12),
];

/// Nouns an ordinal number stands before in running text (`2. halvår`, `1. trinn`,
/// `3. ledd`): a hard-wrapped line that starts with one continues a sentence, it is not
/// an item of a numbered list.
pub const ORDINAL_NOUNS: &[&str] = &[
    "halvår",
    "halvåret",
    "kvartal",
    "kvartalet",
    "tertial",
    "tertialet",
    "trinn",
    "klasse",
    "klassetrinn",
    "ledd",
    "gang",
    "gong",
    "plass",
    "utgave",
    "utgåve",
    "versjon",
    "runde",
];

/// Number words from one to twelve and the round tens, bokmål and nynorsk.
/// `en`/`ei`/`ett` double as articles, which is harmless before a unit (`en måned`).
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("en", 1),
    ("én", 1),
    ("ei", 1),
    ("ett", 1),
    ("ein", 1),
    ("éin", 1),
    ("eit", 1),
    ("eitt", 1),
    ("to", 2),
    ("tre", 3),
    ("fire", 4),
    ("fem", 5),
    ("seks", 6),
    ("sju", 7),
    ("syv", 7),
    ("åtte", 8),
    ("ni", 9),
    ("ti", 10),
    ("elleve", 11),
    ("tolv", 12),
    ("tjue", 20),
    ("tyve", 20),
    ("tretti", 30),
    ("tredve", 30),
    ("førti", 40),
    ("femti", 50),
    ("seksti", 60),
    ("sytti", 70),
    ("åtti", 80),
    ("nitti", 90),
];

/// Unit nouns after a number (`tre måneders varsel`, `to uker`, `fire år`).
pub const UNIT_WORDS: &[(&str, Unit)] = &[
    ("dag", Unit::Day),
    ("dager", Unit::Day),
    ("dagers", Unit::Day),
    ("dagar", Unit::Day),
    ("dagars", Unit::Day),
    ("døgn", Unit::Day),
    ("uke", Unit::Week),
    ("uker", Unit::Week),
    ("ukers", Unit::Week),
    ("veke", Unit::Week),
    ("veker", Unit::Week),
    ("vekers", Unit::Week),
    ("måned", Unit::Month),
    ("måneder", Unit::Month),
    ("måneders", Unit::Month),
    ("månad", Unit::Month),
    ("månader", Unit::Month),
    ("månaders", Unit::Month),
    ("mnd", Unit::Month),
    ("år", Unit::Year),
    ("års", Unit::Year),
];

/// Adjective endings glued to a number: `4-årige`, `fireårig`, `3-måneders`.
pub const UNIT_ADJECTIVES: &[(&str, Unit)] = &[
    ("årig", Unit::Year),
    ("årige", Unit::Year),
    ("års", Unit::Year),
    ("måneders", Unit::Month),
    ("månaders", Unit::Month),
    ("ukers", Unit::Week),
    ("vekers", Unit::Week),
    ("dagers", Unit::Day),
];

/// Nouns that make a four-digit number a quantity, not a year (`2000 kroner`).
pub const QUANTITY_WORDS: &[&str] = &[
    "kr",
    "kroner",
    "mill",
    "millioner",
    "milliarder",
    "mrd",
    "prosent",
    "personer",
    "elever",
    "ansatte",
    "årsverk",
    "stillinger",
    "plasser",
    "kommuner",
    "innbyggere",
    "innbyggjarar",
    "pasienter",
    "barn",
    "timer",
    "meter",
    "km",
    "tonn",
    "deltakere",
    "lærlinger",
    "flyktninger",
    "asylsøkere",
    "boliger",
];

/// Words before a four-digit number that make it something else than a year
/// (`kl. 2015`, `tlf. 2222`, `Postboks 2000`, `nr. 2010`).
pub const NOT_YEAR_BEFORE: &[&str] = &[
    "kl", "tlf", "telefon", "postboks", "pb", "nr", "side", "s", "kapittel", "punkt",
];

/// Words that, before an expression, put it in force from a date (`tre i kraft 1. januar 2008`).
/// Matched against the last words before the date.
pub const VALID_FROM_CUES: &[&[&str]] = &[
    &["i", "kraft"],
    &["fra", "og", "med"],
    &["frå", "og", "med"],
    &["med", "virkning", "fra"],
    &["gjelder", "fra"],
    &["gjeld", "frå"],
    &["gjeld", "fra"],
];

/// Words before a date that make it an expiry (`gjelder til`, `frem til`, `til og med`, `varer ut`,
/// `fra signering og ut 2025`, `fra signering og til 31. desember 2024`, nynorsk `gjeld ut 2025`).
pub const VALID_UNTIL_CUES: &[&[&str]] = &[
    &["til", "og", "med"],
    &["og", "til"],
    &["gjeld", "ut"],
    &["frem", "til"],
    &["fram", "til"],
    &["gjelder", "til"],
    &["gjeld", "til"],
    &["varer", "til"],
    &["løper", "til"],
    &["varer", "ut"],
    &["går", "ut"],
    &["gjelder", "ut"],
    &["og", "ut"],
    &["utløper"],
];

/// Words before a date that make it a deadline (`innen utgangen av 2020`, `senest 1. mars`).
pub const DEADLINE_CUES: &[&str] = &["innen", "innan", "senest", "seinast", "frist"];

/// Words that open an "end of" expression folded into the date (`utgangen av 2020` → 2020-12-31).
pub const END_OF: &[&str] = &["utgangen", "utgongen"];

/// Endings of a period noun just before a range (`i perioden`, `planperioden`,
/// `femårsperioden`, nynorsk `perioda`).
pub const PERIOD_NOUNS: &[&str] = &["perioden", "periode", "perioda", "periodene"];

/// Verbs of validity before a range (`Avtalen gjelder 2020-2023`, `gjelder i fire år, fra 2026-2029`).
pub const VALIDITY_WORDS: &[&str] = &["gjelder", "gjeld", "gjelde", "varer", "vare"];

/// Substrings that show a sentence is about the agreement itself (a prerequisite for a
/// period, expiry or term duration read from running text).
pub const AGREEMENT_CUES: &[&str] = &[
    "avtale",
    "gjeld",
    "partene",
    "partane",
    "samarbeid",
    "kontrakt",
    "manifest",
    "arbeide",
];

/// Substrings, in the clause before a period or expiry, that put it on an earlier agreement
/// ("videreføring av en avtale for perioden 2005 – 2008", "Det ble inngått ... for perioden").
pub const EARLIER_AGREEMENT_CUES: &[&str] = &[
    "tidligere",
    "tidlegare",
    "foregående",
    "forrige",
    "førre",
    "videreføring av",
    "vidareføring av",
    "gjeldende avtale",
    "gjeldande avtale",
    "dagens avtale",
    "erstatter",
    "erstattet",
    "ble inngått",
    "blei inngått",
    "vart inngått",
];

/// Substrings, before a date of signing, that put the signing on an earlier text
/// ("Det første manifestet ble signert ...").
pub const EARLIER_SIGNING_CUES: &[&str] = &[
    "tidligere",
    "tidlegare",
    "foregående",
    "forrige",
    "førre",
    "første",
    "fyrste",
    "gjeldende avtale",
    "dagens avtale",
];

/// Substrings of verbs of signing (`signert`, `undertegnet`, `underskrevet`, nynorsk `underteikna`).
pub const SIGNING_VERBS: &[&str] = &[
    "signer",
    "undertegn",
    "underteikn",
    "underskr",
    "skrev under",
    "skreiv under",
];

/// Substrings that make a length of time a notice period (`tre måneders varsel`, `oppsigelsestid`).
pub const NOTICE_CUES: &[&str] = &[
    "varsel",
    "oppsigelse",
    "oppseiing",
    "si den opp",
    "si opp",
    "sies opp",
    "seiast opp",
];

/// Substrings of a termination clause (`til én av partene ønsker å si den opp`, `avbryte samarbeidet`).
pub const TERMINATION_CUES: &[&str] = &[
    "si den opp",
    "si opp",
    "sies opp",
    "seie opp",
    "oppsigelse",
    "oppseiing",
    "avbryte samarbeidet",
    "avbryte avtalen",
];

/// The stem of "to evaluate" (`evalueres`, `evaluering`, nynorsk `evaluerast`).
pub const EVALUATION_STEM: &str = "evaluer";

/// Cadence words of a yearly evaluation.
pub const ANNUAL_WORDS: &[&str] = &[
    "årlig",
    "årleg",
    "hvert år",
    "kvart år",
    "en gang i året",
    "ein gong i året",
];

/// Cadence words of a regular evaluation without a stated interval.
pub const REGULAR_WORDS: &[&str] = &["jevnlig", "jamleg", "løpende", "fortløpende", "regelmessig"];

/// Form labels before a place-and-date line (`Sted/dato: Oslo, 1. juli 2021`), lower case.
pub const PLACE_DATE_LABELS: &[&str] = &[
    "sted/dato:",
    "sted og dato:",
    "sted, dato:",
    "stad/dato:",
    "stad og dato:",
    "dato/sted:",
];

/// Line openings of a publication date (`Publisert: 04.01.2023`).
pub const PUBLISHED_CUES: &[&str] = &["publisert", "publisering", "publiseringsdato"];

/// Reference prefixes before a parliamentary session in parentheses (`Meld. St. 15 (2017-2018)`).
pub const SESSION_PREFIXES: &[&str] = &["meld", "st", "prop", "innst", "prp", "ot", "nou", "dok"];

/// Looks a lowercase word up in a table of `(word, value)` pairs.
///
/// ```
/// use avtale::lexicon::time::{lookup, MONTHS};
/// assert_eq!(lookup(MONTHS, "oktober"), Some(10));
/// assert_eq!(lookup(MONTHS, "okt"), None);
/// ```
pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// Abbreviations whose point does not end a sentence (`Meld. St. 15`, `bl. a. Oslo`).
pub const ABBREVIATIONS: &[&str] = &[
    "meld", "st", "bl", "a", "jf", "jfr", "nr", "ca", "kl", "mv", "m", "fl", "dvs", "pkt", "evt",
    "ev", "inkl", "ref", "f", "eks", "o", "s", "prop", "tlf", "mill", "mrd", "kr", "dr", "prof",
    "v", "innst", "ot", "prp", "dok", "sml",
];
