//! Block stream → title, subtitle and the nested section tree with unique slug ids.
//!
//! The title is the first body block when it is a single line without a full
//! stop (metadata and noise above it are skipped); a subtitle is an
//! emphasized line under it, a line that continues it in lower case
//! ("mellom KS, ... (2022-2025)"), or a line naming the parties ("Avtale
//! mellom X og Y"). Headings then open sections: markdown by
//! `#` count, numbered headings by the depth of their number, bare headings
//! at the top level (or under the current numbered heading), label headings
//! ("Sekretariat:") one level under the heading before them. Levels are
//! relative: the shallowest heading of a document is level 1.

use std::collections::{BTreeMap, BTreeSet};

use crate::blocks::{self, BlockKind, NoiseKind, RawBlock, join};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Block, Item, Section, Text};
use crate::span::Span;
use crate::text::{lowercase, slugify};

/// Title, subtitle and sections of a document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The document's own title line.
    pub title: Option<Text>,
    /// The line under the title, when it reads as a subtitle.
    pub subtitle: Option<Text>,
    /// The section tree.
    pub sections: Vec<Section>,
    /// Doubts, e.g. a missing title, or a repeated title dropped from the body.
    pub diagnostics: Vec<Diagnostic>,
}

/// The id of the untitled section before the first heading.
pub const LEAD_ID: &str = "lead";

/// Builds the outline from the block stream.
pub fn build(text: &str, blocks: &[RawBlock]) -> Outline {
    let mut outline = Outline::default();
    let body: Vec<&RawBlock> = blocks.iter().filter(|b| blocks::is_body(&b.kind)).collect();
    let mut rest = body.as_slice();
    if let Some((first, after)) = rest.split_first()
        && let Some(title) = title_of(text, first)
    {
        outline.title = Some(title);
        rest = after;
        if let Some((second, after)) = rest.split_first()
            && let Some(subtitle) = subtitle_of(text, second)
        {
            outline.subtitle = Some(subtitle);
            rest = after;
        }
    }
    if outline.title.is_none() && !body.is_empty() {
        outline.diagnostics.push(Diagnostic::new(
            Code::MissingTitle,
            "the text does not open with a title line",
            body.first().map(|b| b.span),
        ));
    }
    let mut tree = TreeBuilder::new(rest);
    for block in rest {
        if let Some(title) = &outline.title
            && block.prose().is_some_and(|p| same_text(p, &title.text))
        {
            outline.diagnostics.push(Diagnostic::new(
                Code::Noise,
                format!(
                    "dropped {} from the body",
                    NoiseKind::RepeatedTitle.describe()
                ),
                Some(block.span),
            ));
            continue;
        }
        tree.add(block);
    }
    outline.sections = tree.finish();
    outline
}

/// Whether two normalized texts say the same, ignoring case and dash style.
fn same_text(a: &str, b: &str) -> bool {
    // Compared char by char: no allocation, and most blocks differ from the title at once.
    fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
            .flat_map(char::to_lowercase)
    }
    fold(a).eq(fold(b))
}

/// Whether a heading is written in capitals (`OPPFØLGING OG EVALUERING`).
fn is_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// The title: a heading, or a one-line paragraph without a full stop.
fn title_of(text: &str, block: &RawBlock) -> Option<Text> {
    let title = block.prose()?;
    let one_line = !block.span.slice(text).contains(['\n', '\r']);
    let sentence = title.ends_with(['.', '!', '?', ':']);
    let is_heading = matches!(block.kind, BlockKind::Heading { .. });
    (!title.is_empty() && (is_heading || (one_line && !sentence && title.chars().count() <= 250)))
        .then(|| Text {
            text: title.to_owned(),
            span: block.span,
        })
}

/// A subtitle: an emphasized line (`*Avtale mellom ...*`), a line continuing the title in
/// lower case (`mellom KS, ... (2022-2025)`, hard-wrapped over up to three lines), or a
/// heading-shaped line that names the parties (`Avtale mellom Kommunal- og
/// distriktsdepartementet og KS`, `**mellom Kunnskapsdepartementet og KS**`).
fn subtitle_of(text: &str, block: &RawBlock) -> Option<Text> {
    let raw = block.span.slice(text);
    let lines = raw.lines().count();
    let continues =
        |value: &str| value.chars().next().is_some_and(char::is_lowercase) && !value.ends_with('.');
    let accepted = match &block.kind {
        BlockKind::Paragraph { text: value } => {
            let emphasized = (raw.starts_with('*') && raw.ends_with('*'))
                || (raw.starts_with('_') && raw.ends_with('_'));
            (lines == 1 && emphasized) || (lines <= 3 && continues(value))
        }
        BlockKind::Heading {
            text: value,
            numbered: false,
            label: false,
            ..
        } => continues(value) || names_parties(value),
        _ => false,
    };
    let (BlockKind::Paragraph { text: value } | BlockKind::Heading { text: value, .. }) =
        &block.kind
    else {
        return None;
    };
    accepted.then(|| Text {
        text: value.clone(),
        span: block.span,
    })
}

/// Whether a line says between whom an agreement is made: `Avtale mellom X og Y`,
/// `Samarbeidsavtale mellom X og Y`.
fn names_parties(value: &str) -> bool {
    let mut words = value.split_whitespace();
    let first = lowercase(words.next().unwrap_or(""));
    first.ends_with("avtale") && words.next() == Some("mellom") && value.contains(" og ")
}

/// A section under construction, with the raw level that decides nesting.
struct Open {
    raw_level: u32,
    label: bool,
    section: Section,
}

/// Builds the tree with a stack of open sections.
struct TreeBuilder {
    /// The shallowest raw level among non-label headings: it becomes level 1.
    base: u32,
    /// Depth of the last numbered heading: bare headings nest under it.
    numbered_depth: Option<u32>,
    stack: Vec<Open>,
    roots: Vec<Section>,
    lead: Option<Section>,
    ids: BTreeSet<String>,
    /// Per slug base, the next suffix to try (1: the bare base): a heading
    /// repeated a thousand times costs one probe each, not a thousand.
    next_suffix: BTreeMap<String, usize>,
}

impl TreeBuilder {
    fn new(blocks: &[&RawBlock]) -> Self {
        let base = blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading {
                    level,
                    label: false,
                    ..
                } => Some(level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        Self {
            base,
            numbered_depth: None,
            stack: Vec::new(),
            roots: Vec::new(),
            lead: None,
            ids: BTreeSet::new(),
            next_suffix: BTreeMap::new(),
        }
    }

    fn add(&mut self, block: &RawBlock) {
        if let BlockKind::Heading {
            text: heading,
            level,
            label,
            numbered,
        } = &block.kind
        {
            let raw_level = if *label {
                // One level under the nearest real heading, so that labels are siblings.
                self.stack
                    .iter()
                    .rev()
                    .find(|o| !o.label)
                    .map_or(self.base, |o| o.raw_level + 1)
            } else if *numbered {
                self.numbered_depth = Some(*level);
                *level
            } else if let Some(depth) = self
                .numbered_depth
                .filter(|_| *level <= self.base && !is_capitals(heading))
            {
                // A plain heading under a numbered one belongs to it ("6.1 ..." / "Samarbeidsavtale om ...");
                // a heading in capitals stands at the top whatever came before.
                depth + 1
            } else {
                *level
            };
            while self
                .stack
                .last()
                .is_some_and(|top| top.raw_level >= raw_level)
            {
                self.close();
            }
            let parent = self.stack.last().map(|o| o.section.id.clone());
            let id = self.unique_id(parent.as_deref(), heading);
            let section = Section {
                id,
                heading: Some(heading.clone()),
                heading_span: Some(block.span),
                level: self.stack.len() as u32 + 1,
                span: block.span,
                blocks: Vec::new(),
                sections: Vec::new(),
            };
            self.stack.push(Open {
                raw_level,
                label: *label,
                section,
            });
            return;
        }
        let Some(content) = to_model(block) else {
            return;
        };
        let target = match self.stack.last_mut() {
            Some(open) => &mut open.section,
            None => self.lead.get_or_insert_with(|| Section {
                id: LEAD_ID.to_owned(),
                heading: None,
                heading_span: None,
                level: 1,
                span: block.span,
                blocks: Vec::new(),
                sections: Vec::new(),
            }),
        };
        target.span = join(target.span, block.span);
        target.blocks.push(content);
    }

    fn unique_id(&mut self, parent: Option<&str>, heading: &str) -> String {
        let slug = match slugify(heading) {
            s if s.is_empty() => "section".to_owned(),
            s => s,
        };
        let base = match parent {
            Some(p) => format!("{p}/{slug}"),
            None => slug,
        };
        // Ids are never freed, so every suffix below the stored one is still taken.
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            if id != LEAD_ID && !self.ids.contains(&id) {
                self.next_suffix.insert(base, n);
                self.ids.insert(id.clone());
                return id;
            }
        }
    }

    /// Closes the innermost open section into its parent (or the roots).
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        let section = open.section;
        match self.stack.last_mut() {
            Some(parent) => {
                parent.section.span = join(parent.section.span, section.span);
                parent.section.sections.push(section);
            }
            None => self.roots.push(section),
        }
    }

    fn finish(mut self) -> Vec<Section> {
        while !self.stack.is_empty() {
            self.close();
        }
        let mut sections = Vec::with_capacity(self.roots.len() + 1);
        sections.extend(self.lead);
        sections.extend(self.roots);
        sections
    }
}

/// Turns a body block into a model block (headings are handled by the tree).
fn to_model(block: &RawBlock) -> Option<Block> {
    let span: Span = block.span;
    Some(match &block.kind {
        BlockKind::Paragraph { text } => Block::Paragraph {
            text: text.clone(),
            span,
        },
        BlockKind::List { lead_in, items } => Block::List {
            lead_in: lead_in.as_ref().map(|l| l.text.clone()),
            lead_in_span: lead_in.as_ref().map(|l| l.span),
            items: items
                .iter()
                .map(|i| Item {
                    text: i.text.clone(),
                    span: i.span,
                })
                .collect(),
            span,
        },
        // Speakers are filled in by the quote extractor, which reads the attribution.
        BlockKind::Quote { body, .. } => Block::Quote {
            speaker: None,
            role: None,
            text: body.text.clone(),
            span,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn repeated_headings_get_the_next_free_number() {
        let text = "Avtale om noe\n\nBakgrunn\n\nPartene er enige om dette.\n\nBakgrunn 2\n\nPartene er enige.\n\n\
                    Bakgrunn\n\nPartene er enige.\n\nBakgrunn\n\nPartene er enige.\n";
        let doc = crate::parse_str(text, "a.txt");
        let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["bakgrunn", "bakgrunn-2", "bakgrunn-3", "bakgrunn-4"]);
    }
}
