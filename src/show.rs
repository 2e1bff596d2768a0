//! Document → a human-readable page: who agreed to what, when, and who promised what.
//!
//! The JSON is for machines; this view is for a person checking a parse
//! against the text. It leads with the title, kind, parties, term, signing
//! and signatories, then groups the obligations by actor (in order of first
//! appearance) with their items, and ends with a count of diagnostics.
//!
//! [`render`] styles with ANSI codes only when asked: the CLI asks, and
//! writes through `anstream`, which drops the codes when stdout is not a
//! terminal or `NO_COLOR` is set.
//!
//! ```
//! let doc = avtale::parse_str("Avtale om kvalitet\n\nPartene er enige.\n", "a.txt");
//! let page = avtale::show::render(&doc, false);
//! assert!(page.contains("Obligations"));
//! assert!(!page.contains('\u{1b}'), "plain output has no escape codes");
//! ```

use std::fmt::Write;

use owo_colors::{OwoColorize, Style};

use crate::model::{Block, Document, Evaluation, Item, Kind, Modality, Party, Severity};
use crate::table::walk;

/// Renders the document as a page of text; `colour` adds ANSI styles.
pub fn render(doc: &Document, colour: bool) -> String {
    let mut page = Page {
        out: String::new(),
        colour,
    };
    page.header(doc);
    page.parties(doc);
    page.term(doc);
    page.signing(doc);
    page.obligations(doc);
    page.diagnostics(doc);
    page.out
}

/// The page being written, and whether to style it.
struct Page {
    out: String,
    colour: bool,
}

/// The commitments of one actor: the same parties, acting jointly or not.
struct ActorGroup<'d> {
    parties: &'d [String],
    joint: bool,
    commitments: Vec<Commitment<'d>>,
}

/// An obligations block, borrowed from the tree, with the section it stands in.
struct Commitment<'d> {
    section: &'d str,
    modality: Modality,
    lead_in: Option<&'d str>,
    line: usize,
    items: &'d [Item],
}

impl Page {
    fn paint(&self, text: &str, style: Style) -> String {
        if self.colour {
            text.style(style).to_string()
        } else {
            text.to_owned()
        }
    }

    fn heading(&mut self, title: &str) {
        let title = self.paint(title, Style::new().bold().underline());
        let _ = write!(self.out, "\n{title}\n");
    }

    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{:indent$}{text}", "");
    }

    fn none(&mut self) {
        let dim = self.paint("(none found)", Style::new().dimmed());
        self.line(2, &dim);
    }

    fn header(&mut self, doc: &Document) {
        let title = match &doc.title {
            Some(t) => self.paint(&t.text, Style::new().bold()),
            None => self.paint("(no title found)", Style::new().bold().dimmed()),
        };
        self.line(0, &title);
        if let Some(subtitle) = &doc.subtitle {
            let subtitle = self.paint(&subtitle.text, Style::new().italic());
            self.line(0, &subtitle);
        }
        let kind = match doc.kind {
            Kind::Agreement => "agreement",
            Kind::PressRelease => "press release",
            Kind::Unknown => "unknown kind",
        };
        let meta = format!(
            "{kind} · {} · {}",
            doc.source.name,
            short_hash(&doc.source.sha256)
        );
        let meta = self.paint(&meta, Style::new().dimmed());
        self.line(0, &meta);
    }

    fn parties(&mut self, doc: &Document) {
        self.heading("Parties");
        if doc.parties.is_empty() {
            self.none();
        }
        for party in &doc.parties {
            let name = self.paint(&party.name, Style::new().bold().cyan());
            let kind = serde_json::to_value(party.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let tag = self.paint(
                &format!("[{} · {}]", party.id, kind.replace('_', " ")),
                Style::new().dimmed(),
            );
            let mut line = format!("{name}  {tag}");
            if !party.represented_by.is_empty() {
                let through: Vec<&str> = party
                    .represented_by
                    .iter()
                    .map(|id| party_name(&doc.parties, id))
                    .collect();
                let _ = write!(line, "  through {}", through.join(", "));
            }
            self.line(2, &line);
        }
    }

    fn term(&mut self, doc: &Document) {
        self.heading("Term");
        let term = &doc.term;
        let mut facts = Vec::new();
        match (&term.start, &term.end) {
            (Some(start), Some(end)) => facts.push(format!("period {}–{}", start.value, end.value)),
            (Some(start), None) => facts.push(format!("from {}", start.value)),
            (None, Some(end)) => facts.push(format!("period ends {}", end.value)),
            (None, None) => {}
        }
        facts.extend(
            term.duration
                .as_deref()
                .map(|d| format!("for {}", human_duration(d))),
        );
        facts.extend(
            term.valid_until
                .as_ref()
                .map(|d| format!("valid until {}", d.value)),
        );
        facts.extend(
            term.notice_period
                .as_deref()
                .map(|d| format!("{} notice", human_duration(d))),
        );
        facts.extend(term.evaluation.map(|e| match e {
            Evaluation::Annual => "evaluated every year".to_owned(),
            Evaluation::Regular => "evaluated regularly".to_owned(),
        }));
        if facts.is_empty() && term.termination.is_none() {
            self.none();
        }
        if !facts.is_empty() {
            self.line(2, &facts.join(" · "));
        }
        if let Some(termination) = &term.termination {
            self.line(2, &format!("termination: {}", termination.text));
        }
    }

    fn signing(&mut self, doc: &Document) {
        self.heading("Signing");
        match &doc.signing {
            Some(signing) => {
                let when = signing.date.as_ref().map(|d| d.value.as_str());
                let parts: Vec<&str> = signing.place.as_deref().into_iter().chain(when).collect();
                self.line(2, &parts.join(", "));
            }
            None if doc.signatories.is_empty() => self.none(),
            None => self.line(2, "place and date not stated"),
        }
        for signatory in &doc.signatories {
            let mut line = self.paint(&signatory.name, Style::new().bold());
            if let Some(title) = &signatory.title {
                let _ = write!(line, ", {title}");
            }
            if let Some(party) = &signatory.party {
                let _ = write!(line, "  for {}", party_name(&doc.parties, party));
            }
            self.line(2, &format!("signed by {line}"));
        }
    }

    fn obligations(&mut self, doc: &Document) {
        self.heading("Obligations");
        // Group by actor (the party ids and whether they act jointly), keeping
        // the order in which each actor first commits: a Vec, not a map, so the
        // page reads in document order and is deterministic.
        let mut groups: Vec<ActorGroup<'_>> = Vec::new();
        for (section, _) in walk(&doc.sections) {
            for block in &section.blocks {
                let Block::Obligations {
                    actor,
                    modality,
                    lead_in,
                    items,
                    span,
                    ..
                } = block
                else {
                    continue;
                };
                let commitment = Commitment {
                    section: &section.id,
                    modality: *modality,
                    lead_in: lead_in.as_deref(),
                    line: span.line,
                    items,
                };
                match groups
                    .iter_mut()
                    .find(|g| g.parties == actor.parties.as_slice() && g.joint == actor.joint)
                {
                    Some(group) => group.commitments.push(commitment),
                    None => groups.push(ActorGroup {
                        parties: &actor.parties,
                        joint: actor.joint,
                        commitments: vec![commitment],
                    }),
                }
            }
        }
        if groups.is_empty() {
            self.none();
        }
        for ActorGroup {
            parties,
            joint,
            commitments,
        } in &groups
        {
            let names: Vec<&str> = parties
                .iter()
                .map(|id| party_name(&doc.parties, id))
                .collect();
            let mut actor = if names.is_empty() {
                "(unnamed actor)".to_owned()
            } else {
                names.join(" + ")
            };
            if *joint {
                actor.push_str(" (jointly)");
            }
            let count: usize = commitments.iter().map(|c| c.items.len()).sum();
            let actor = self.paint(&actor, Style::new().bold().cyan());
            self.line(2, &format!("{actor}  {count} item(s)"));
            for c in commitments {
                let verb = self.paint(modality_word(c.modality), Style::new().yellow());
                let place = self.paint(
                    &format!("[{} · line {}]", c.section, c.line),
                    Style::new().dimmed(),
                );
                let lead_in = c.lead_in.unwrap_or("(in running text)");
                self.line(4, &format!("{verb}: {lead_in}  {place}"));
                for item in c.items {
                    self.line(6, &format!("- {}", item.text));
                }
            }
        }
    }

    fn diagnostics(&mut self, doc: &Document) {
        let warnings = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let infos = doc.diagnostics.len() - warnings;
        let summary = format!(
            "{warnings} warning(s), {infos} note(s); `avtale check {}` shows them",
            doc.source.name
        );
        let style = if warnings > 0 {
            Style::new().yellow()
        } else {
            Style::new().dimmed()
        };
        let summary = self.paint(&summary, style);
        self.out.push('\n');
        self.line(0, &summary);
    }
}

/// The canonical name of party `id`, or the id itself when the document does not list it.
fn party_name<'d>(parties: &'d [Party], id: &'d str) -> &'d str {
    parties
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.name.as_str())
}

/// The modality as the Norwegian verb the text uses.
fn modality_word(modality: Modality) -> &'static str {
    match modality {
        Modality::Vil => "vil",
        Modality::Skal => "skal",
        Modality::Bor => "bør",
        Modality::Ma => "må",
        Modality::Forplikter => "forplikter seg",
    }
}

/// An ISO 8601 duration in words: `P3M` → "3 months", `P1Y6M` → "1 year 6 months";
/// anything else is returned as written.
fn human_duration(iso: &str) -> String {
    let Some(mut rest) = iso.strip_prefix('P').filter(|r| !r.is_empty()) else {
        return iso.to_owned();
    };
    let mut words = Vec::new();
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (number, unit) = (
            rest.get(..digits).unwrap_or(""),
            rest.get(digits..=digits).unwrap_or(""),
        );
        let name = match unit {
            "Y" => "year",
            "M" => "month",
            "W" => "week",
            "D" => "day",
            _ => return iso.to_owned(),
        };
        if number.is_empty() {
            return iso.to_owned();
        }
        words.push(format!(
            "{number} {name}{}",
            if number == "1" { "" } else { "s" }
        ));
        rest = rest.get(digits + 1..).unwrap_or("");
    }
    words.join(" ")
}

/// The first 12 hex digits of a hash: enough to tell documents apart on screen.
fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, PartyKind, Section, Source, Span};

    fn sample() -> Document {
        let span = Span {
            start: 0,
            end: 1,
            line: 1,
        };
        let mut doc = Document::empty(Source::describe("s.txt", b"x", "utf-8"));
        doc.parties = ["regjeringen", "ks"]
            .map(|id| Party {
                id: id.into(),
                name: id.to_uppercase(),
                kind: PartyKind::Other,
                represented_by: vec![],
                span,
            })
            .into();
        let block = |parties: &[&str], joint, text: &str| Block::Obligations {
            actor: Actor {
                parties: parties.iter().map(|p| (*p).to_owned()).collect(),
                joint,
            },
            modality: Modality::Skal,
            lead_in: Some("lead".into()),
            lead_in_span: None,
            items: vec![Item {
                text: text.into(),
                span,
            }],
            span,
        };
        let blocks = vec![
            block(&["ks"], false, "first"),
            block(&["regjeringen", "ks"], true, "second"),
            block(&["ks"], false, "third"),
        ];
        doc.sections = vec![Section {
            id: "s".into(),
            heading: None,
            heading_span: None,
            level: 1,
            span,
            blocks,
            sections: vec![],
        }];
        doc
    }

    #[test]
    fn obligations_are_grouped_by_actor_in_order_of_first_commitment() {
        let page = render(&sample(), false);
        let ks = page
            .find("KS  2 item(s)")
            .expect("KS group with both its items");
        let joint = page
            .find("REGJERINGEN + KS (jointly)  1 item(s)")
            .expect("joint group");
        assert!(
            ks < joint,
            "KS commits first, so its group comes first:\n{page}"
        );
        let (first, third) = (page.find("- first"), page.find("- third"));
        assert!(
            first < third && third < Some(joint),
            "KS's items stay together:\n{page}"
        );
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(human_duration("P3M"), "3 months");
        assert_eq!(human_duration("P1Y6M"), "1 year 6 months");
        assert_eq!(human_duration("P2W"), "2 weeks");
        for odd in ["P", "PT3H", "P3", "3M", "PM"] {
            assert_eq!(human_duration(odd), odd, "{odd} is shown as written");
        }
    }

    #[test]
    fn colour_adds_escape_codes_and_plain_has_none() {
        assert!(render(&sample(), true).contains('\u{1b}'));
        assert!(!render(&sample(), false).contains('\u{1b}'));
    }
}
