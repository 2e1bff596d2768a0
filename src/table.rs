//! Document → flat rows (obligations, signatories, dates, references, sections) for tables.
//!
//! The JSON tree suits programs that want everything; analysts want one row
//! per fact, with the columns they filter and join on. Every row starts with
//! the same three columns, so rows of different tables and documents join:
//!
//! | column          | meaning                                                        |
//! |-----------------|----------------------------------------------------------------|
//! | `source_name`   | `source.name` of the document                                  |
//! | `source_sha256` | `source.sha256`: the join key between tables and the JSON      |
//! | `section_id`    | `id` of the innermost section the fact lies in; null outside   |
//!
//! The column sets ([`TableKind::columns`]) are part of the public contract:
//! columns are only ever added at the end, never renamed or reordered.
//!
//! ```
//! use avtale::table::{rows, TableKind};
//! let doc = avtale::parse_str("Avtale om kvalitet\n\nBakgrunn\n\nTekst.\n", "a.txt");
//! let sections = rows(TableKind::Sections, &doc);
//! assert_eq!(TableKind::Sections.columns()[..3], ["source_name", "source_sha256", "section_id"]);
//! assert!(sections.iter().all(|row| row.source_name() == "a.txt"));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::{Block, DateRole, Document, Modality, Precision, ReferenceKind, Section, Span};

/// Which table to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// One row per obligation item ([`ObligationRow`]).
    Obligations,
    /// One row per signatory ([`SignatoryRow`]).
    Signatories,
    /// One row per date mention ([`DateRow`]).
    Dates,
    /// One row per reference ([`ReferenceRow`]).
    References,
    /// One row per section, sub-sections included ([`SectionRow`]).
    Sections,
}

impl TableKind {
    /// Every table, in the order the docs list them.
    pub const ALL: [TableKind; 5] = [
        TableKind::Obligations,
        TableKind::Signatories,
        TableKind::Dates,
        TableKind::References,
        TableKind::Sections,
    ];

    /// The names accepted on the command line, in the order of [`TableKind::ALL`].
    pub const NAMES: [&'static str; 5] = [
        "obligations",
        "signatories",
        "dates",
        "references",
        "sections",
    ];

    /// The table's name: `obligations`, `signatories`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Obligations => Self::NAMES[0],
            TableKind::Signatories => Self::NAMES[1],
            TableKind::Dates => Self::NAMES[2],
            TableKind::References => Self::NAMES[3],
            TableKind::Sections => Self::NAMES[4],
        }
    }

    /// The column names, in output order: the header row of the CSV and the
    /// keys of every JSON Lines row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Obligations => &[
                "source_name",
                "source_sha256",
                "section_id",
                "block",
                "actors",
                "joint",
                "modality",
                "lead_in",
                "item",
                "item_text",
                "item_start",
                "item_end",
                "item_line",
            ],
            TableKind::Signatories => &[
                "source_name",
                "source_sha256",
                "section_id",
                "index",
                "name",
                "title",
                "party",
                "start",
                "end",
                "line",
            ],
            TableKind::Dates => &[
                "source_name",
                "source_sha256",
                "section_id",
                "index",
                "role",
                "value",
                "precision",
                "end_value",
                "text",
                "start",
                "end",
                "line",
            ],
            TableKind::References => &[
                "source_name",
                "source_sha256",
                "section_id",
                "index",
                "kind",
                "text",
                "number",
                "session",
                "title",
                "start",
                "end",
                "line",
            ],
            TableKind::Sections => &[
                "source_name",
                "source_sha256",
                "section_id",
                "parent_id",
                "level",
                "heading",
                "blocks",
                "obligation_items",
                "start",
                "end",
                "line",
            ],
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TableKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TableKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown table {s:?}; expected one of {}",
                    TableKind::NAMES.join(", ")
                )
            })
    }
}

/// One obligation item: the block's actor, modality and lead-in repeated on each of its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObligationRow {
    /// `source.name`.
    pub source_name: String,
    /// `source.sha256`.
    pub source_sha256: String,
    /// The section that holds the obligations block.
    pub section_id: Option<String>,
    /// 1-based number of the obligations block in the document, in document order;
    /// rows with the same `block` share actor, modality and lead-in.
    pub block: usize,
    /// The committing party ids, joined with `;` ("regjeringen;ks").
    pub actors: String,
    /// Whether the parties commit together.
    pub joint: bool,
    /// The binding verb: `vil`, `skal`, `bør`, `må` or `forplikter`.
    pub modality: Modality,
    /// The block's lead-in, normalized; null for a sentence in running text.
    pub lead_in: Option<String>,
    /// 1-based number of the item within its block.
    pub item: usize,
    /// The item's normalized text.
    pub item_text: String,
    /// Byte offset where the item starts in the decoded source.
    pub item_start: usize,
    /// Byte offset one past the item's end.
    pub item_end: usize,
    /// 1-based line of the item's start.
    pub item_line: usize,
}

/// One signatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatoryRow {
    /// `source.name`.
    pub source_name: String,
    /// `source.sha256`.
    pub source_sha256: String,
    /// The section the signature lies in, if any.
    pub section_id: Option<String>,
    /// 1-based position among the document's signatories.
    pub index: usize,
    /// Full name, as written.
    pub name: String,
    /// Title, as written.
    pub title: Option<String>,
    /// Id of the party signed for.
    pub party: Option<String>,
    /// Byte offset where the signature starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// 1-based line of its start.
    pub line: usize,
}

/// One date, period or duration mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateRow {
    /// `source.name`.
    pub source_name: String,
    /// `source.sha256`.
    pub source_sha256: String,
    /// The section the mention lies in, if any.
    pub section_id: Option<String>,
    /// 1-based position among the document's date mentions.
    pub index: usize,
    /// What the date means: `signed`, `period`, `valid_from`, ...
    pub role: DateRole,
    /// ISO 8601 value at its precision, or a duration.
    pub value: String,
    /// `day`, `month`, `year` or `duration`.
    pub precision: Precision,
    /// The end of a range, ISO 8601; null for single dates.
    pub end_value: Option<String>,
    /// The expression as written.
    pub text: String,
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// 1-based line of its start.
    pub line: usize,
}

/// One reference to a white paper, NOU, plan, reform or other work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceRow {
    /// `source.name`.
    pub source_name: String,
    /// `source.sha256`.
    pub source_sha256: String,
    /// The section of the first mention, if any.
    pub section_id: Option<String>,
    /// 1-based position among the document's references.
    pub index: usize,
    /// `white_paper`, `nou`, `proposition`, `plan`, `reform`, `agreement` or `other`.
    pub kind: ReferenceKind,
    /// The reference as written, normalized.
    pub text: String,
    /// Its number, when it has one.
    pub number: Option<String>,
    /// Its parliamentary session, when given.
    pub session: Option<String>,
    /// The work's title, when named.
    pub title: Option<String>,
    /// Byte offset where the first mention starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// 1-based line of its start.
    pub line: usize,
}

/// One section of the tree, in document order (pre-order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionRow {
    /// `source.name`.
    pub source_name: String,
    /// `source.sha256`.
    pub source_sha256: String,
    /// The section's own id (never null in this table).
    pub section_id: Option<String>,
    /// Id of the enclosing section; null at the top level.
    pub parent_id: Option<String>,
    /// Nesting depth, 1 at the top level.
    pub level: u32,
    /// The normalized heading; null for the untitled lead section.
    pub heading: Option<String>,
    /// Number of the section's own blocks (sub-sections not counted).
    pub blocks: usize,
    /// Number of obligation items in the section's own blocks.
    pub obligation_items: usize,
    /// Byte offset where the section starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// 1-based line of its start.
    pub line: usize,
}

/// A row of any table; serializes as the row itself (no tag), so a JSON
/// Lines row has exactly the keys of [`TableKind::columns`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// A row of the obligations table.
    Obligation(ObligationRow),
    /// A row of the signatories table.
    Signatory(SignatoryRow),
    /// A row of the dates table.
    Date(DateRow),
    /// A row of the references table.
    Reference(ReferenceRow),
    /// A row of the sections table.
    Section(SectionRow),
}

impl Row {
    /// The `source_name` column.
    pub fn source_name(&self) -> &str {
        match self {
            Row::Obligation(r) => &r.source_name,
            Row::Signatory(r) => &r.source_name,
            Row::Date(r) => &r.source_name,
            Row::Reference(r) => &r.source_name,
            Row::Section(r) => &r.source_name,
        }
    }
}

/// The rows of table `kind` for one document, in document order.
pub fn rows(kind: TableKind, doc: &Document) -> Vec<Row> {
    let name = || doc.source.name.clone();
    let sha = || doc.source.sha256.clone();
    let section_at = |span: &Span| innermost_section(&doc.sections, span).map(str::to_owned);
    match kind {
        TableKind::Obligations => {
            let mut out = Vec::new();
            let mut block_no = 0;
            for (section, _) in walk(&doc.sections) {
                for block in &section.blocks {
                    let Block::Obligations {
                        actor,
                        modality,
                        lead_in,
                        items,
                        ..
                    } = block
                    else {
                        continue;
                    };
                    block_no += 1;
                    out.extend(items.iter().enumerate().map(|(i, item)| {
                        Row::Obligation(ObligationRow {
                            source_name: name(),
                            source_sha256: sha(),
                            section_id: Some(section.id.clone()),
                            block: block_no,
                            actors: actor.parties.join(";"),
                            joint: actor.joint,
                            modality: *modality,
                            lead_in: lead_in.clone(),
                            item: i + 1,
                            item_text: item.text.clone(),
                            item_start: item.span.start,
                            item_end: item.span.end,
                            item_line: item.span.line,
                        })
                    }));
                }
            }
            out
        }
        TableKind::Signatories => (doc.signatories.iter().enumerate())
            .map(|(i, s)| {
                Row::Signatory(SignatoryRow {
                    source_name: name(),
                    source_sha256: sha(),
                    section_id: section_at(&s.span),
                    index: i + 1,
                    name: s.name.clone(),
                    title: s.title.clone(),
                    party: s.party.clone(),
                    start: s.span.start,
                    end: s.span.end,
                    line: s.span.line,
                })
            })
            .collect(),
        TableKind::Dates => (doc.dates.iter().enumerate())
            .map(|(i, d)| {
                Row::Date(DateRow {
                    source_name: name(),
                    source_sha256: sha(),
                    section_id: section_at(&d.span),
                    index: i + 1,
                    role: d.role,
                    value: d.value.clone(),
                    precision: d.precision,
                    end_value: d.end.as_ref().map(|e| e.value.clone()),
                    text: d.text.clone(),
                    start: d.span.start,
                    end: d.span.end,
                    line: d.span.line,
                })
            })
            .collect(),
        TableKind::References => (doc.references.iter().enumerate())
            .map(|(i, r)| {
                Row::Reference(ReferenceRow {
                    source_name: name(),
                    source_sha256: sha(),
                    section_id: section_at(&r.span),
                    index: i + 1,
                    kind: r.kind,
                    text: r.text.clone(),
                    number: r.number.clone(),
                    session: r.session.clone(),
                    title: r.title.clone(),
                    start: r.span.start,
                    end: r.span.end,
                    line: r.span.line,
                })
            })
            .collect(),
        TableKind::Sections => walk(&doc.sections)
            .map(|(s, parent)| {
                Row::Section(SectionRow {
                    source_name: name(),
                    source_sha256: sha(),
                    section_id: Some(s.id.clone()),
                    parent_id: parent.map(|p| p.id.clone()),
                    level: s.level,
                    heading: s.heading.clone(),
                    blocks: s.blocks.len(),
                    obligation_items: s.blocks.iter().map(obligation_items).sum(),
                    start: s.span.start,
                    end: s.span.end,
                    line: s.span.line,
                })
            })
            .collect(),
    }
}

/// The number of obligation items in a block: its items if it is an obligations block, else 0.
pub fn obligation_items(block: &Block) -> usize {
    match block {
        Block::Obligations { items, .. } => items.len(),
        _ => 0,
    }
}

/// Every section of the tree in document order (pre-order), each with its parent.
pub fn walk(sections: &[Section]) -> impl Iterator<Item = (&Section, Option<&Section>)> {
    // An explicit stack instead of recursion: a pathological input may nest deeply.
    let mut stack: Vec<(&Section, Option<&Section>)> =
        sections.iter().rev().map(|s| (s, None)).collect();
    std::iter::from_fn(move || {
        let (section, parent) = stack.pop()?;
        stack.extend(
            section
                .sections
                .iter()
                .rev()
                .map(|child| (child, Some(section))),
        );
        Some((section, parent))
    })
}

/// The id of the deepest section whose span contains `span`.
fn innermost_section<'d>(sections: &'d [Section], span: &Span) -> Option<&'d str> {
    let mut level = sections;
    let mut found = None;
    while let Some(section) = level.iter().find(|s| s.span.contains(span)) {
        found = Some(section.id.as_str());
        level = &section.sections;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Item, Source};

    fn span(start: usize, end: usize, line: usize) -> Span {
        Span { start, end, line }
    }

    fn section(
        id: &str,
        level: u32,
        whole: Span,
        blocks: Vec<Block>,
        sections: Vec<Section>,
    ) -> Section {
        Section {
            id: id.to_owned(),
            heading: Some(id.to_owned()),
            heading_span: None,
            level,
            span: whole,
            blocks,
            sections,
        }
    }

    fn sample() -> Document {
        let mut doc = Document::empty(Source::describe("s.txt", b"x", "utf-8"));
        let obligations = Block::Obligations {
            actor: Actor {
                parties: vec!["regjeringen".into(), "ks".into()],
                joint: true,
            },
            modality: Modality::Vil,
            lead_in: Some("Partene vil".into()),
            lead_in_span: Some(span(20, 31, 3)),
            items: vec![
                Item {
                    text: "samarbeide".into(),
                    span: span(32, 42, 4),
                },
                Item {
                    text: "evaluere".into(),
                    span: span(43, 51, 5),
                },
            ],
            span: span(20, 51, 3),
        };
        let child = section("a/b", 2, span(15, 60, 2), vec![obligations], vec![]);
        doc.sections = vec![
            section("a", 1, span(0, 60, 1), vec![], vec![child]),
            section("c", 1, span(61, 90, 7), vec![], vec![]),
        ];
        doc
    }

    #[test]
    fn every_row_serializes_to_exactly_the_documented_columns_in_order() {
        let doc = sample();
        for kind in [TableKind::Obligations, TableKind::Sections] {
            for row in rows(kind, &doc) {
                // The csv crate writes the header from the struct's fields, in declaration order.
                let mut csv = csv::Writer::from_writer(Vec::new());
                csv.serialize(&row).expect("serializes");
                let bytes = csv.into_inner().expect("flushes");
                let header = String::from_utf8_lossy(&bytes)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                assert_eq!(
                    header,
                    kind.columns().join(","),
                    "{kind} rows should have the documented columns"
                );
            }
        }
    }

    #[test]
    fn obligation_rows_repeat_the_block_on_each_item_and_name_the_section() {
        let rows = rows(TableKind::Obligations, &sample());
        assert_eq!(rows.len(), 2, "one row per item");
        let Row::Obligation(first) = &rows[0] else {
            panic!("obligation row expected")
        };
        assert_eq!(
            (
                first.section_id.as_deref(),
                first.actors.as_str(),
                first.joint
            ),
            (Some("a/b"), "regjeringen;ks", true)
        );
        assert_eq!(
            (
                first.item,
                first.item_start,
                first.item_end,
                first.item_line
            ),
            (1, 32, 42, 4)
        );
    }

    #[test]
    fn sections_come_in_pre_order_with_their_parents() {
        let ids: Vec<(Option<String>, Option<String>)> = rows(TableKind::Sections, &sample())
            .into_iter()
            .map(|row| match row {
                Row::Section(s) => (s.section_id, s.parent_id),
                other => panic!("section row expected, got {other:?}"),
            })
            .collect();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            ids,
            [
                (some("a"), None),
                (some("a/b"), some("a")),
                (some("c"), None)
            ]
        );
    }

    #[test]
    fn spans_are_placed_in_the_innermost_section() {
        let doc = sample();
        assert_eq!(
            innermost_section(&doc.sections, &span(40, 45, 4)),
            Some("a/b")
        );
        assert_eq!(innermost_section(&doc.sections, &span(2, 5, 1)), Some("a"));
        assert_eq!(innermost_section(&doc.sections, &span(95, 99, 9)), None);
    }

    #[test]
    fn table_names_round_trip() {
        for kind in TableKind::ALL {
            assert_eq!(kind.as_str().parse::<TableKind>(), Ok(kind));
        }
        assert!("obligation".parse::<TableKind>().is_err());
    }
}
