//! Web-page furniture of regjeringen.no, ks.no and newsroom pages: metadata labels,
//! page-type labels, link and share lines, archive notices.
//!
//! The reader (`blocks.rs`) matches lines against these tables; the tables are
//! lowercase and compared with a lowercased, whitespace-collapsed line.

/// Metadata line prefixes, each with the key it fills: `Utgiver: Helse- og omsorgsdepartementet`.
pub const METADATA_PREFIXES: &[&str] = &[
    "utgiver:",
    "publisert under:",
    "publisert:",
    "sist oppdatert:",
    "oppdatert:",
    "dato:",
    "pressemelding nr:",
    "pressemelding nr.",
    "nr:",
    "nr.:",
    "skrevet av:",
    "forfatter:",
    "kilde:",
];

/// Words that put a date on a page without a colon: `Publisert 8. april 2024`,
/// `Sist oppdatert 9. april 2024` (the date must follow).
pub const DATED_FIELD_WORDS: &[&str] = &[
    "publisert",
    "sist oppdatert",
    "oppdatert",
    "sist endret",
    "endret",
    "dato",
    "publisert dato",
];

/// Whole lines that are page metadata on their own.
pub const METADATA_LINES: &[&str] = &[
    "historisk arkiv",
    "pressemelding",
    "pressemeldinger",
    "nyhet",
    "nyheter",
    "nyhetsartikkel",
    "aktuelt",
    "artikkel",
    "tale/artikkel",
    "rapporter og planer",
    "dokumenter",
    "dokumentarkiv",
    "avtaler",
    "veiledninger og brosjyrer",
    "høring",
    "høringer",
    "brev",
    "innhold",
];

/// Archive and cookie notices that stand as a line of their own (matched as prefixes).
pub const ARCHIVE_NOTICES: &[&str] = &[
    "dette innholdet er mer enn",
    "denne artikkelen er mer enn",
    "dette innhaldet er meir enn",
    // Cookie banners.
    "vi bruker informasjonskapsler",
    "vi bruker cookies",
    "vi nyttar informasjonskapslar",
    "dette nettstedet bruker informasjonskapsler",
];

/// Lines that are share and follow buttons (matched exactly).
pub const SHARE_LINES: &[&str] = &[
    "del",
    "del på facebook",
    "del på twitter",
    "del på linkedin",
    "skriv ut",
    "tips en venn",
    "del artikkelen",
    "del siden",
    "del på e-post",
    "del på epost",
    "send på e-post",
];

/// Prefixes of share and follow footers: `Følg Helse- og omsorgsdepartementet på Facebook`.
pub const SHARE_PREFIXES: &[&str] = &["følg ", "del på ", "del denne"];

/// Prefixes of link lines: `Lenkeblokk Icon ...`, `Les avtalen her`, `Lenke til ...`.
pub const LINK_PREFIXES: &[&str] = &[
    "lenkeblokk",
    "les ",
    "lenke til ",
    "last ned ",
    "se også ",
    "les mer",
    "gå til ",
];

/// Endings of link lines: `IA-avtalen 2006-2009 med tillegg (pdf)`.
pub const LINK_SUFFIXES: &[&str] = &[
    "(pdf)",
    "(egen artikkel)",
    "(word)",
    "(docx)",
    "(ekstern lenke)",
    "(ekstern side)",
    "(pdf, ekstern)",
];

/// Other page furniture (matched exactly): search widgets, cookie banners, menus.
pub const FURNITURE_LINES: &[&str] = &[
    "no results found",
    "ingen treff",
    "til toppen",
    "meny",
    "søk",
    "hovedmeny",
    "del denne siden",
    "vis mer",
    "vis flere",
    "hopp til hovedinnhold",
    "hopp til innhold",
    "du er her",
    "du er her:",
    "forside",
    "godta alle",
    "bare nødvendige",
    "kun nødvendige",
    "avvis alle",
    "regjeringen.no",
];
