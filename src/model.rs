//! The typed v1 document: the single source of truth for avtale's JSON and its schema.
//!
//! Every type derives `Serialize`, `Deserialize` and `JsonSchema`; the doc
//! comments become the schema's descriptions. `schema/avtale-1.schema.json`
//! is generated from these types (`cargo run -- schema > schema/avtale-1.schema.json`)
//! and a test fails when the two drift apart.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::output::{JsonWriter, ToJson, member_key, struct_to_json, unit_enums_to_json};
pub use crate::span::Span;

/// The semver of the JSON contract; see `schema/` and `CHANGELOG.md`.
pub const SCHEMA_VERSION: &str = "1.0.0";

/// One parsed agreement text or press release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Semver of the schema this document follows: always "1.0.0" for v1.
    #[schemars(extend("const" = "1.0.0"))]
    pub schema_version: String,
    /// Where the text came from.
    pub source: Source,
    /// The genre of the text.
    pub kind: Kind,
    /// The document's own title line.
    pub title: Option<Text>,
    /// A subtitle, e.g. the italic line under the title.
    pub subtitle: Option<Text>,
    /// The parties to the agreement(s) the text is about, in order of first mention.
    pub parties: Vec<Party>,
    /// Place and date of signing.
    pub signing: Option<Signing>,
    /// Who signed, in document order.
    pub signatories: Vec<Signatory>,
    /// Validity period, expiry, notice and evaluation.
    pub term: Term,
    /// Every date, period and duration expression found, with its role, in document order.
    pub dates: Vec<DateMention>,
    /// The body, as a tree of sections in document order.
    pub sections: Vec<Section>,
    /// White papers, NOUs, propositions, plans, reforms and other agreements named in the text.
    pub references: Vec<Reference>,
    /// Press-release metadata of scraped web pages.
    pub publication: Option<Publication>,
    /// What the parser could not place, or doubted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// An empty document for `source`: nothing extracted yet, `kind` unknown.
    pub fn empty(source: Source) -> Self {
        Self {
            schema_version: SCHEMA_VERSION.to_owned(),
            source,
            kind: Kind::Unknown,
            title: None,
            subtitle: None,
            parties: Vec::new(),
            signing: None,
            signatories: Vec::new(),
            term: Term::default(),
            dates: Vec::new(),
            sections: Vec::new(),
            references: Vec::new(),
            publication: None,
            diagnostics: Vec::new(),
        }
    }
}

/// Where the text came from and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file name as given on the command line, or "-" for standard input.
    pub name: String,
    /// Lowercase hex SHA-256 of the raw input bytes.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size of the raw input in bytes.
    pub bytes: u64,
    /// The detected text encoding, as a WHATWG label ("utf-8", "windows-1252", "utf-16le", ...).
    pub encoding: String,
    /// The detected input style.
    pub layout: Layout,
}

/// The input style of a text, detected from cues in the text, never from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Markdown-ish export: `## Heading`, `- items`, `---` rules.
    Markdown,
    /// Plain text with bare heading lines.
    Plain,
    /// A scraped web page (regjeringen.no, ks.no, newsrooms): metadata lines, bullets, quotes, link noise.
    Web,
}

/// The genre of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The text of an agreement itself.
    Agreement,
    /// A press release or news item about an agreement.
    PressRelease,
    /// Neither could be told (landing pages, meeting papers, ...).
    Unknown,
}

/// A normalized text value with the span of its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The text, normalized for reading (emphasis, bullets and soft hyphens removed, white space collapsed).
    pub text: String,
    /// Where it stands in the source.
    pub span: Span,
}

/// A party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable slug: "regjeringen", "ks", "helse-og-omsorgsdepartementet".
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// Canonical short name: "Regjeringen", "KS"; a ministry's name as the text's era spelled
    /// it ("Kommunal- og moderniseringsdepartementet"), or its abbreviation ("BLD") when the
    /// text never spells it out. The `id` is the same across renames.
    pub name: String,
    /// What kind of body it is.
    pub kind: PartyKind,
    /// Party ids this party acts through (the government acting through named ministries).
    pub represented_by: Vec<String>,
    /// Span of the first mention.
    pub span: Span,
}

/// What kind of body a party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// The government as a whole (regjeringen, staten).
    Government,
    /// A ministry (departement).
    Ministry,
    /// The municipal sector: KS, municipalities, counties.
    MunicipalSector,
    /// A health trust or regional health trust.
    HealthTrust,
    /// A directorate, agency or state administrator (statsforvalteren).
    Agency,
    /// Anything else: unions, employers' organisations, NGOs.
    Other,
}

/// Place and date of signing: "Oslo, 19.9.2006".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signing {
    /// The place, as written ("Oslo").
    pub place: Option<String>,
    /// The date of signing.
    pub date: Option<DateValue>,
    /// Span of the place-and-date line or phrase.
    pub span: Span,
}

/// A person who signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Full name, as written.
    pub name: String,
    /// Title as written, without the organisation ("Helse- og omsorgsminister", "Leder").
    pub title: Option<String>,
    /// Id of the party the person signed for, when it can be told.
    pub party: Option<String>,
    /// Span of the signature (name and title lines).
    pub span: Span,
}

/// A date at the precision the text gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateValue {
    /// ISO 8601 at the given precision: "2006-09-19", "2010-09", "2028".
    #[schemars(regex(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$"))]
    pub value: String,
    /// How precise the value is.
    pub precision: Precision,
}

/// The precision of a date value.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A calendar day: "2006-09-19".
    Day,
    /// A month: "2010-09".
    Month,
    /// A year: "2028".
    Year,
    /// Not a point in time but a length: the value is an ISO 8601 duration ("P3M").
    Duration,
}

/// The validity terms of the agreement. All fields are null when the text does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// First year or day of the agreement period ("2019-2023" → 2019).
    pub start: Option<DateValue>,
    /// Last year or day of the agreement period ("2019-2023" → 2023).
    pub end: Option<DateValue>,
    /// The period's length when stated as one, ISO 8601 ("i foreløpig fire år" → "P4Y").
    #[schemars(regex(pattern = r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"))]
    pub duration: Option<String>,
    /// Explicit expiry ("til 31. desember 2023", "frem til september 2010", "til og med 2028").
    pub valid_until: Option<DateValue>,
    /// Notice period for termination, ISO 8601 ("minst tre måneders varsel" → "P3M").
    #[schemars(regex(pattern = r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"))]
    pub notice_period: Option<String>,
    /// How often the parties evaluate the agreement.
    pub evaluation: Option<Evaluation>,
    /// The termination clause ("... til én av partene ønsker å si den opp").
    pub termination: Option<Text>,
    /// Span of the sentence or paragraph the term facts came from (the first one).
    pub span: Option<Span>,
}

/// How often an agreement is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    /// Every year ("evalueres årlig").
    Annual,
    /// Regularly, without a stated cadence ("jevnlig", "løpende").
    Regular,
}

/// A date, period or duration expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateMention {
    /// What the date means in its context.
    pub role: DateRole,
    /// ISO 8601 value: a date at its precision ("2019", "2006-09-19"), or a duration ("P3M").
    pub value: String,
    /// The precision of `value` (`duration` when it is a length of time).
    pub precision: Precision,
    /// The end of a range ("2019-2023" → 2023); null for single dates.
    pub end: Option<DateValue>,
    /// The expression exactly as written.
    pub text: String,
    /// Where it stands in the source.
    pub span: Span,
}

/// What a date means in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// The date of signing ("Oslo, 19.9.2006", "undertegnet ...").
    Signed,
    /// The agreement period ("2019-2023", "i perioden 2020-2023").
    Period,
    /// The start of validity ("gjelder fra 1.1.2016", "tre i kraft 1. januar 2008").
    ValidFrom,
    /// An explicit expiry ("gjelder til 31. desember 2023").
    ValidUntil,
    /// A deadline for an action ("innen utgangen av 2020").
    Deadline,
    /// When the text was published ("Publisert: 04.01.2023").
    Published,
    /// A parliamentary session inside a reference ("Meld. St. 15 (2017-2018)").
    Session,
    /// A notice period ("tre måneders varsel").
    NoticePeriod,
    /// Any other length of time ("i foreløpig fire år", "4-årige").
    Duration,
    /// Any other date.
    Mentioned,
}

/// A section of the body, with its blocks and sub-sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique within the document: a slug path such as "tjenestene" or "prinsipper/sekretariat".
    pub id: String,
    /// The heading, normalized ("Sekretariat:" → "Sekretariat"); null for the untitled lead section.
    pub heading: Option<String>,
    /// Span of the heading line; null for the untitled lead section.
    pub heading_span: Option<Span>,
    /// Nesting depth: 1 for top-level sections.
    #[schemars(range(min = 1))]
    pub level: u32,
    /// Span from the heading (or first block) to the end of the section's last content.
    pub span: Span,
    /// The section's own content, in document order.
    pub blocks: Vec<Block>,
    /// Sub-sections, in document order.
    pub sections: Vec<Section>,
}

/// A unit of body content, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of running text (hard-wrapped lines joined).
    Paragraph {
        /// The paragraph's normalized text.
        text: String,
        /// Where it stands in the source.
        span: Span,
    },
    /// A list with no bound actor.
    List {
        /// The line that introduces the list, normalized, if any ("Det legges særlig vekt på:").
        lead_in: Option<String>,
        /// Span of the lead-in line.
        lead_in_span: Option<Span>,
        /// The list items in order.
        items: Vec<Item>,
        /// Span of the list (lead-in included when there is one).
        span: Span,
    },
    /// A commitment: a list or sentence in which a party binds itself.
    Obligations {
        /// Who commits.
        actor: Actor,
        /// The verb that binds.
        modality: Modality,
        /// The lead-in exactly as written, normalized ("Partene vil i fellesskap bidra til"); null for a sentence in running text.
        lead_in: Option<String>,
        /// Span of the lead-in.
        lead_in_span: Option<Span>,
        /// What is committed to: the list items, or the one sentence.
        items: Vec<Item>,
        /// Span of the whole block.
        span: Span,
    },
    /// Quoted speech ("– ..., sier Vestre.") or a pull quote with an attribution line.
    Quote {
        /// Who speaks, as named in the attribution ("Gunn Marit Helgesen", "Vestre").
        speaker: Option<String>,
        /// The speaker's role, as written ("styreleder i KS", "helse- og omsorgsminister").
        role: Option<String>,
        /// The quoted words, without dash and attribution.
        text: String,
        /// Span of the quote, attribution included.
        span: Span,
    },
}

impl Block {
    /// The span of the block, whatever its type.
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph { span, .. }
            | Block::List { span, .. }
            | Block::Obligations { span, .. }
            | Block::Quote { span, .. } => *span,
        }
    }
}

/// Who commits in an obligations block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Ids of the committing parties.
    pub parties: Vec<String>,
    /// True when the parties commit together ("Partene vil i fellesskap", "Regjeringen og KS skal").
    pub joint: bool,
}

/// The verb that binds an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Modality {
    /// "vil": intends to.
    #[serde(rename = "vil")]
    Vil,
    /// "skal": shall.
    #[serde(rename = "skal")]
    Skal,
    /// "bør": should.
    #[serde(rename = "bør")]
    Bor,
    /// "må": must.
    #[serde(rename = "må")]
    Ma,
    /// "forplikter seg": commits itself.
    #[serde(rename = "forplikter")]
    Forplikter,
}

/// One item of a list or obligations block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's normalized text, without bullet.
    pub text: String,
    /// Where it stands in the source (bullet excluded).
    pub span: Span,
}

/// A work named in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// What kind of work it is.
    pub kind: ReferenceKind,
    /// The reference as written, normalized ("Meld. St. 15 (2017-2018)").
    pub text: String,
    /// The number, when it has one ("15").
    pub number: Option<String>,
    /// The parliamentary session, when given ("2017-2018").
    pub session: Option<String>,
    /// The work's title, when the text names it ("Leve hele livet").
    pub title: Option<String>,
    /// Span of the first mention.
    pub span: Span,
}

/// What kind of work a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// A white paper: "Meld. St.", "St.meld.".
    WhitePaper,
    /// A Norwegian Official Report: "NOU 2020: 15".
    Nou,
    /// A proposition to the Storting: "Prop. 1 S".
    Proposition,
    /// A named plan or strategy ("Nasjonal helse- og samhandlingsplan").
    Plan,
    /// A named reform ("Bo trygt hjemme-reformen").
    Reform,
    /// Another agreement ("Samarbeidsavtale om ...").
    Agreement,
    /// Anything else.
    Other,
}

/// Metadata of a published web page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Who published it ("Utgiver: Helse- og omsorgsdepartementet").
    pub publisher: Option<String>,
    /// The government it was published under ("Publisert under: Regjeringen Stoltenberg II").
    pub government: Option<String>,
    /// Whether the page is marked as archived ("Historisk arkiv").
    pub archived: bool,
    /// The publication date ("Publisert: 04.01.2023").
    pub published: Option<DateValue>,
    /// Span of the first metadata line.
    pub span: Span,
}

// The JSON of the model, written by hand: the same bytes as the derived `Serialize` with
// serde_json (tests in `output.rs` compare the two on every fixture and every block type).
// A serde attribute that changes a field's JSON (`rename`, `skip_serializing_if`, `flatten`)
// must be mirrored here; the lists follow the declaration order of the fields.

unit_enums_to_json!(
    Layout,
    Kind,
    PartyKind,
    Precision,
    Evaluation,
    DateRole,
    Modality,
    ReferenceKind,
    Severity,
    Code,
);

struct_to_json!(Document {
    schema_version,
    source,
    kind,
    title,
    subtitle,
    parties,
    signing,
    signatories,
    term,
    dates,
    sections,
    references,
    publication,
    diagnostics,
});
struct_to_json!(Source {
    name,
    sha256,
    bytes,
    encoding,
    layout,
});
struct_to_json!(Text { text, span });
struct_to_json!(Party {
    id,
    name,
    kind,
    represented_by,
    span,
});
struct_to_json!(Signing { place, date, span });
struct_to_json!(Signatory {
    name,
    title,
    party,
    span,
});
struct_to_json!(DateValue { value, precision });
struct_to_json!(Term {
    start,
    end,
    duration,
    valid_until,
    notice_period,
    evaluation,
    termination,
    span,
});
struct_to_json!(DateMention {
    role,
    value,
    precision,
    end,
    text,
    span,
});
struct_to_json!(Section {
    id,
    heading,
    heading_span,
    level,
    span,
    blocks,
    sections,
});
struct_to_json!(Actor { parties, joint });
struct_to_json!(Item { text, span });
struct_to_json!(Reference {
    kind,
    text,
    number,
    session,
    title,
    span,
});
struct_to_json!(Publication {
    publisher,
    government,
    archived,
    published,
    span,
});
struct_to_json!(Diagnostic {
    severity,
    code,
    message,
    span,
});

/// The members of a variant of an internally tagged enum, as the derive writes them:
/// `"type": tag` first, then the fields under their own names.
macro_rules! tagged_members {
    ($object:ident, $tag:literal, $($field:ident),*) => {{
        $object.field(member_key!("type"), $tag);
        $($object.field(member_key!(stringify!($field)), $field);)*
    }};
}

impl ToJson for Block {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.object(|o| match self {
            Block::Paragraph { text, span } => tagged_members!(o, "paragraph", text, span),
            Block::List {
                lead_in,
                lead_in_span,
                items,
                span,
            } => tagged_members!(o, "list", lead_in, lead_in_span, items, span),
            Block::Obligations {
                actor,
                modality,
                lead_in,
                lead_in_span,
                items,
                span,
            } => tagged_members!(
                o,
                "obligations",
                actor,
                modality,
                lead_in,
                lead_in_span,
                items,
                span
            ),
            Block::Quote {
                speaker,
                role,
                text,
                span,
            } => tagged_members!(o, "quote", speaker, role, text, span),
        });
    }
}
