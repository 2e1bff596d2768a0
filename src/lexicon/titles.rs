//! Words around parties and signatories: person titles, body head nouns, agreement
//! nouns, signing verbs, and the words that end an enumeration of bodies.

use crate::text::{ends_with_last_byte_first, lowercase};

/// Suffixes of a person's title: `Helseminister`, `styreleder`, `styreleiar`, `Nestleder`,
/// `fylkesordfører`, `generalsekretær`, `statsråd`.
pub const TITLE_SUFFIXES: &[&str] = &[
    "minister",
    "ministeren",
    "statsråd",
    "statsråden",
    "leder",
    "lederen",
    "leiar",
    "leiaren",
    "direktør",
    "direktøren",
    "ordfører",
    "ordføreren",
    "ordførar",
    "sekretær",
    "president",
    "presidenten",
    "rådmann",
    "sjef",
    "sjefen",
];

/// Words that qualify a title without being one: `administrerende direktør`, `fungerende leder`.
pub const TITLE_MODIFIERS: &[&str] = &[
    "administrerende",
    "adm",
    "fungerende",
    "konstituert",
    "daglig",
    "første",
    "andre",
    "assisterende",
];

/// Whether a lowercase word is a person's title (`helseminister`, `leder`, `styreleiar`).
///
/// ```
/// use avtale::lexicon::titles::is_person_title;
/// assert!(is_person_title("helse- og omsorgsminister"));
/// assert!(is_person_title("styreleiar"));
/// assert!(!is_person_title("kommunesektoren"));
/// ```
pub fn is_person_title(lower: &str) -> bool {
    TITLE_ENDS.end(lower)
}

/// A list of suffixes, with a bitmap of their last two bytes: the lists are asked about
/// often, and most words end in two bytes that no suffix ends in, ruled out by one bit.
#[derive(Debug)]
struct Suffixes {
    list: &'static [&'static str],
    /// One bit per [`Suffixes::key`] of the suffixes' last two bytes.
    last_two: [u64; 64],
}

impl Suffixes {
    /// The bitmap of `list`, whose suffixes have two bytes at least (checked at build time).
    const fn new(list: &'static [&'static str]) -> Self {
        let mut last_two = [0; 64];
        let mut i = 0;
        while i < list.len() {
            let bytes = list[i].as_bytes();
            assert!(bytes.len() >= 2, "a suffix of two bytes at least");
            let key = Self::key(bytes[bytes.len() - 2], bytes[bytes.len() - 1]);
            last_two[key / 64] |= 1 << (key % 64);
            i += 1;
        }
        Self { list, last_two }
    }

    /// The bit of two last bytes: six low bits of each.
    const fn key(before_last: u8, last: u8) -> usize {
        ((before_last & 63) as usize) << 6 | (last & 63) as usize
    }

    /// Whether `word` ends with one of the suffixes: only a word whose last two bytes end one
    /// of them is compared (the last byte first, see [`ends_with_last_byte_first`]).
    fn end(&self, word: &str) -> bool {
        let [.., before_last, last] = word.as_bytes() else {
            // Shorter than every suffix.
            return false;
        };
        let key = Self::key(*before_last, *last);
        self.last_two
            .get(key / 64)
            .is_some_and(|bits| bits & (1 << (key % 64)) != 0)
            && self.list.iter().any(|s| ends_with_last_byte_first(word, s))
    }
}

/// [`TITLE_SUFFIXES`] by their last two bytes.
static TITLE_ENDS: Suffixes = Suffixes::new(TITLE_SUFFIXES);

/// Whether a title is a government minister's: it ends in "minister" or names a statsråd.
///
/// ```
/// use avtale::lexicon::titles::is_minister;
/// assert!(is_minister("Eldre- og folkehelseminister"));
/// assert!(is_minister("statsråd"));
/// assert!(!is_minister("Leder"));
/// ```
pub fn is_minister(title: &str) -> bool {
    let lower = lowercase(title.trim());
    ["minister", "ministeren", "statsråd", "statsråden"]
        .iter()
        .any(|s| lower.ends_with(s))
}

/// Head nouns that end the name of an organisation: `Norges Rederiforbund`,
/// `Maskinentreprenørenes Forbund`, `Foreldreutvalget for grunnopplæringen` (via `utvalget`).
pub const BODY_HEADS: &[&str] = &[
    "forbund",
    "forbundet",
    "forening",
    "foreningen",
    "organisasjon",
    "organisasjonen",
    "departementet",
    "direktoratet",
    "etaten",
    "tilsynet",
    "rådet",
    "utvalget",
    "instituttet",
    "senteret",
    "selskap",
    "selskapet",
    "kommune",
    "helseforetak",
    "universitet",
    "universitetet",
    "unionen",
    "stiftelsen",
    "nemnda",
];

/// Whether a lowercase word ends in one of the [`BODY_HEADS`] (`rederiforbund`, `utvalget`).
///
/// ```
/// use avtale::lexicon::titles::has_body_head;
/// assert!(has_body_head("rederiforbund") && has_body_head("foreldreutvalget"));
/// assert!(!has_body_head("kommunene") && !has_body_head(""));
/// ```
pub fn has_body_head(lower: &str) -> bool {
    BODY_HEAD_ENDS.end(lower)
}

/// [`BODY_HEADS`] by their last two bytes.
static BODY_HEAD_ENDS: Suffixes = Suffixes::new(BODY_HEADS);

/// First words that mark the name of a state or national body: `Statens vegvesen`,
/// `Norges forskningsråd`, `Norsk Barnehageforbund`.
pub const BODY_PREFIXES: &[&str] = &[
    "statens",
    "norges",
    "norsk",
    "norske",
    "nasjonalt",
    "nasjonal",
];

/// Endings of agreement nouns, before `mellom`/`med`: `Avtale`, `samarbeidsavtalen`,
/// `rammeavtalen`, `Samfunnskontrakten`, `manifestet`, nynorsk `avtala`.
pub const AGREEMENT_NOUNS: &[&str] = &[
    "avtale",
    "avtalen",
    "avtaler",
    "avtalene",
    "avtala",
    "avtalar",
    "avtalane",
    "kontrakt",
    "kontrakten",
    "kontrakta",
    "manifest",
    "manifestet",
    "erklæring",
    "erklæringen",
    "erklæringa",
];

/// Whether a lowercase word ends in one of the [`AGREEMENT_NOUNS`] (`samarbeidsavtalen`).
///
/// ```
/// use avtale::lexicon::titles::ends_in_agreement_noun;
/// assert!(ends_in_agreement_noun("samarbeidsavtalen") && ends_in_agreement_noun("avtala"));
/// assert!(!ends_in_agreement_noun("regjeringen"));
/// ```
pub fn ends_in_agreement_noun(lower: &str) -> bool {
    AGREEMENT_NOUN_ENDS.end(lower)
}

/// [`AGREEMENT_NOUNS`] by their last two bytes.
static AGREEMENT_NOUN_ENDS: Suffixes = Suffixes::new(AGREEMENT_NOUNS);

/// Field labels of a signature form (`Navn: Bent Høie`, `Tittel: styreleder`,
/// `Signatur: ____`), lower case: the value after the colon is what is read.
pub const FORM_LABELS: &[&str] = &[
    "navn",
    "namn",
    "tittel",
    "stilling",
    "signatur",
    "underskrift",
];

/// Participles of signing and making an agreement: `er undertegnet av`, `inngått mellom`.
pub const SIGNING_PARTICIPLES: &[&str] = &[
    "signert",
    "undertegnet",
    "underteikna",
    "underskrevet",
    "inngått",
    "inngåtte",
    "fremforhandlet",
];

/// Finite signing verbs: `KS og ... signerte`, `Nå inngår KS og staten en avtale`.
pub const SIGNING_VERBS: &[&str] = &[
    "signerte",
    "signerer",
    "undertegnet",
    "undertegner",
    "underteikna",
    "underteiknar",
    "underskrev",
    "inngikk",
    "inngår",
];

/// Words that may open the object after a verb-first signing clause: `inngår KS og staten en avtale`.
pub const AGREEMENT_OPENERS: &[&str] = &[
    "en", "ei", "et", "ny", "nye", "to", "tre", "flere", "ein", "eit",
];

/// Finite verbs after a pair of bodies that acts together: `BLD og KS er enige`,
/// `KS og AID vil`, `skal regjeringen og KS styrke`.
pub const FINITE_VERBS: &[&str] = &[
    "er",
    "har",
    "skal",
    "vil",
    "bør",
    "må",
    "kan",
    "deler",
    "ønsker",
    "mener",
    "anbefaler",
    "samarbeider",
    "inngår",
    "signerer",
    "undertegner",
    "blir",
    "ble",
];

/// Modal verbs that may stand before a pair of bodies in an inverted clause:
/// `Nå skal regjeringen og KS styrke samarbeidet`.
pub const MODAL_VERBS: &[&str] = &["skal", "vil", "bør", "må", "kan"];

/// Words that cannot be part of an enumeration of bodies and so end one:
/// `Avtale mellom regjeringen og KS om ...`, `... og KS er enige`.
pub const LIST_TERMINATORS: &[&str] = &[
    "om",
    "er",
    "har",
    "hadde",
    "skal",
    "vil",
    "kan",
    "må",
    "bør",
    "ble",
    "blei",
    "blir",
    "var",
    "gjennom",
    "til",
    "når",
    "at",
    "der",
    "fra",
    "etter",
    "under",
    "signerte",
    "signert",
    "undertegnet",
    "underteikna",
    "underskrev",
    "inngikk",
    "inngår",
    "inngått",
    "fremforhandlet",
    "enige",
    "einige",
    "deler",
    "ønsker",
    "mener",
    "anbefaler",
    "samarbeider",
    "heretter",
    "gjelder",
    "sier",
    "seier",
    "sa",
];

/// Words that open a list of parties, under conditions the party reader tests: `mellom`,
/// `med`, `av`, `representert` (`ved`), `er` (`Partene i avtalen er ...`).
pub const PARTY_CUES: &[&str] = &["mellom", "med", "av", "representert", "er"];

/// Which of the word lists above a lowercase word is on, as bits: the party reader asks
/// this of every word of a text, so it is looked up once per word (from [`classed_words`])
/// instead of searching each list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClass(u8);

impl WordClass {
    /// On [`LIST_TERMINATORS`].
    pub const LIST_TERMINATOR: Self = Self(1);
    /// On [`SIGNING_VERBS`].
    pub const SIGNING_VERB: Self = Self(1 << 1);
    /// On [`SIGNING_PARTICIPLES`].
    pub const SIGNING_PARTICIPLE: Self = Self(1 << 2);
    /// On [`AGREEMENT_OPENERS`].
    pub const AGREEMENT_OPENER: Self = Self(1 << 3);
    /// On [`FINITE_VERBS`].
    pub const FINITE_VERB: Self = Self(1 << 4);
    /// On [`MODAL_VERBS`].
    pub const MODAL_VERB: Self = Self(1 << 5);
    /// On [`PARTY_CUES`].
    pub const PARTY_CUE: Self = Self(1 << 6);

    /// Whether the word is on the list `list` stands for.
    pub fn is(self, list: Self) -> bool {
        self.0 & list.0 != 0
    }
    /// The lists of both.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// Every word of the lists [`WordClass`] names, with one of its classes (a word on two
/// lists comes twice): the party reader looks them up with its other words.
///
/// ```
/// use avtale::lexicon::titles::{classed_words, WordClass};
/// let classes = |w: &str| {
///     classed_words().filter(|&(word, _)| word == w).fold(WordClass::default(), |a, (_, c)| a.union(c))
/// };
/// let c = classes("undertegnet");
/// assert!(c.is(WordClass::SIGNING_VERB) && c.is(WordClass::SIGNING_PARTICIPLE));
/// assert!(!c.is(WordClass::MODAL_VERB) && classes("ks") == WordClass::default());
/// ```
pub fn classed_words() -> impl Iterator<Item = (&'static str, WordClass)> {
    let lists = [
        (LIST_TERMINATORS, WordClass::LIST_TERMINATOR),
        (SIGNING_VERBS, WordClass::SIGNING_VERB),
        (SIGNING_PARTICIPLES, WordClass::SIGNING_PARTICIPLE),
        (AGREEMENT_OPENERS, WordClass::AGREEMENT_OPENER),
        (FINITE_VERBS, WordClass::FINITE_VERB),
        (MODAL_VERBS, WordClass::MODAL_VERB),
        (PARTY_CUES, WordClass::PARTY_CUE),
    ];
    lists
        .into_iter()
        .flat_map(|(list, class)| list.iter().map(move |&word| (word, class)))
}

/// Words that mark a line introducing a list of signatories:
/// `Manifestpartnerne som signerte det nye manifestet i dag var:`.
pub const SIGNER_LIST_CUES: &[&str] = &[
    "signerte",
    "undertegnet",
    "underteikna",
    "underskrev",
    "signatarer",
    "underskrivere",
    "undertegnede",
];

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn suffix_bitmaps_rule_out_only_words_without_a_suffix(
            list in 0usize..3,
            pick in 0usize..100,
            cut in 0usize..4,
            head in "[a-zæøå -]{0,6}",
        ) {
            let lists = [
                (&TITLE_ENDS, TITLE_SUFFIXES),
                (&BODY_HEAD_ENDS, BODY_HEADS),
                (&AGREEMENT_NOUN_ENDS, AGREEMENT_NOUNS),
            ];
            let (ends, suffixes) = lists[list];
            let suffix = suffixes[pick % suffixes.len()];
            // A suffix cut at its front (or the suffix whole, where a cut splits a character):
            // words near a suffix and words ending in one.
            let tail = suffix.get(cut..).unwrap_or(suffix);
            for word in [format!("{head}{tail}"), head.clone()] {
                proptest::prop_assert_eq!(
                    ends.end(&word),
                    suffixes.iter().any(|s| word.ends_with(s)),
                    "{}",
                    word
                );
            }
        }
    }
}
