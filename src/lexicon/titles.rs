//! Words around parties and signatories: person titles, body head nouns, agreement
//! nouns, signing verbs, and the words that end an enumeration of bodies.

use std::sync::LazyLock;

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
    TITLE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// Whether a title is a government minister's: it ends in "minister" or names a statsråd.
///
/// ```
/// use avtale::lexicon::titles::is_minister;
/// assert!(is_minister("Eldre- og folkehelseminister"));
/// assert!(is_minister("statsråd"));
/// assert!(!is_minister("Leder"));
/// ```
pub fn is_minister(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
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

/// [`LIST_TERMINATORS`] by length in bytes: a word is compared with the few of its length.
static LIST_TERMINATORS_BY_LEN: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_len: Vec<Vec<&'static str>> = Vec::new();
    for &word in LIST_TERMINATORS {
        if by_len.len() <= word.len() {
            by_len.resize_with(word.len() + 1, Vec::new);
        }
        if let Some(same_len) = by_len.get_mut(word.len()) {
            same_len.push(word);
        }
    }
    by_len
});

/// Whether a lowercase word is one of [`LIST_TERMINATORS`].
///
/// ```
/// use avtale::lexicon::titles::is_list_terminator;
/// assert!(is_list_terminator("undertegnet") && is_list_terminator("om"));
/// assert!(!is_list_terminator("ks") && !is_list_terminator(""));
/// ```
pub fn is_list_terminator(word: &str) -> bool {
    LIST_TERMINATORS_BY_LEN
        .get(word.len())
        .is_some_and(|same_len| same_len.contains(&word))
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
