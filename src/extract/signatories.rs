//! Signature lines → signatories: name, title as written, and the organisation signed for.
//!
//! Layouts read (each line may also hold two signatures side by side in
//! space-padded columns, names on one line and titles on the next):
//!
//! ```text
//! Bent Høie                 name line, then title line
//! Helseminister
//!
//! Mette Gundersen           name, title, organisation on three lines
//! Nestleder
//! KS
//!
//! Helseminister Bent Høie   title before name on one line
//! Leder KS Gunn Marit Helgesen      → title "Leder", organisation KS
//!
//! Manifestpartnerne som signerte det nye manifestet i dag var:
//! leder Utdanningsforbundet Helga Hjetland      a list of signers after a lead-in
//! ```
//!
//! Place-and-date lines ("Oslo, 19.9.2006") are skipped: the signing extractor reads them.

use std::collections::{BTreeMap, BTreeSet};

use crate::blocks::{BlockKind, is_signing_for};
use crate::diagnostic::{Code, Diagnostic};
use crate::lexicon::bodies::Body;
use crate::lexicon::titles;
use crate::span::{LineIndex, Span, raw_lines};
use crate::text::{is_blank, lowercase, normalize};

use super::Context;
use super::parties::{Cores, Lowered, Token, looks_like_body, scan_mentions, tokenize};
use super::reach::Reach;

/// The organisation a signatory signed for, as named in the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Org {
    /// A body the registry knows.
    Known(&'static Body),
    /// A name that looks like an organisation but is not in the registry.
    Unknown(String),
}

/// A signature read from the lines, before its party is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// Full name, normalized.
    pub name: String,
    /// Title as written, without the organisation.
    pub title: Option<String>,
    /// The organisation named with the signature, if any.
    pub org: Option<Org>,
    /// Span of the organisation's name (the signature's span when none is named).
    pub org_span: Span,
    /// Span of the whole signature (name to last title or organisation line).
    pub span: Span,
}

/// The signatures of a document: every `Signature` block of the stream, and every
/// list of signers after a lead-in ("... som signerte ... var:"), in document order.
/// A signature line that yields no signature becomes an `unclear-signature` warning.
pub fn find(cx: &Context<'_>, index: &LineIndex) -> (Vec<Signed>, Vec<Diagnostic>) {
    let mut found: Vec<Signed> = Vec::new();
    // The spans kept so far, per name (see `keep`).
    let mut kept: BTreeMap<String, BTreeSet<(usize, usize)>> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let groups = signature_areas(cx)
        .into_iter()
        .chain(signer_lists(cx.text, index));
    for group in groups {
        let signed = read_lines(cx.text, &group, index);
        let reach = Reach::new(signed.iter().map(|s| (s.span.start, s.span.end)));
        for line in group.iter().filter(|l| is_signature_line(l.slice(cx.text))) {
            if !reach.overlaps(line.start, line.end) {
                diagnostics.push(Diagnostic::new(
                    Code::UnclearSignature,
                    format!(
                        "signature line \"{}\" names no person",
                        normalize(line.slice(cx.text))
                    ),
                    Some(*line),
                ));
            }
        }
        for s in signed {
            // The same signature read twice (a signer list inside a signature area). Spans
            // alone do not tell: signatures side by side in columns interleave their bytes.
            if keep(&mut kept, &s.name, s.span.start, s.span.end) {
                found.push(s);
            }
        }
    }
    found.sort_by_key(|s| s.span.start);
    (found, diagnostics)
}

/// Whether a signature of `name` at `start..end` overlaps none kept before (then it is kept
/// too). The kept spans of a name overlap one another nowhere, so the last one starting
/// before `end` also ends last among them and is the only one that can overlap.
fn keep(
    kept: &mut BTreeMap<String, BTreeSet<(usize, usize)>>,
    name: &str,
    start: usize,
    end: usize,
) -> bool {
    let spans = kept.entry(name.to_owned()).or_default();
    let overlapped = spans
        .range(..(end, 0))
        .next_back()
        .is_some_and(|&(_, e)| start < e);
    if !overlapped {
        spans.insert((start, end));
    }
    !overlapped
}

/// The lines of each signature area: consecutive `Signature` blocks (rules between them
/// allowed) read as one group, so that a "For regjeringen" line standing apart from the
/// names under it still says whom they sign for.
fn signature_areas(cx: &Context<'_>) -> Vec<Vec<Span>> {
    let mut areas: Vec<Vec<Span>> = Vec::new();
    let mut open = false;
    for block in cx.blocks {
        match &block.kind {
            BlockKind::Signature { lines } => {
                let spans = lines.iter().map(|p| p.span);
                match areas.last_mut() {
                    Some(area) if open => area.extend(spans),
                    _ => areas.push(spans.collect()),
                }
                open = true;
            }
            BlockKind::Rule => {}
            _ => open = false,
        }
    }
    areas
}

/// The lines after each lead-in that introduces a list of signers, up to the next blank line.
fn signer_lists(text: &str, index: &LineIndex) -> Vec<Vec<Span>> {
    let mut groups = Vec::new();
    let bytes = text.as_bytes();
    // Normalizing and lowercasing never make a colon: only the lines holding one can open a
    // list, so the text is searched for colons rather than read line by line.
    let mut from = 0;
    while let Some(colon) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b':', rest))
        .map(|k| from + k)
    {
        let (start, end) = line_around(bytes, colon);
        from = end;
        let line = text.get(start..end).unwrap_or("");
        // Normalizing deletes no letter or digit, and lowercasing makes no colon: a line
        // with one after its last colon cannot end in a colon once normalized.
        let after_colon = line.rsplit_once(':').map_or("", |(_, after)| after);
        if after_colon.chars().any(char::is_alphanumeric) {
            continue;
        }
        let norm = lowercase(&normalize(line));
        let opens = norm.ends_with(':')
            && norm
                .split(' ')
                .any(|w| titles::SIGNER_LIST_CUES.contains(&w));
        if !opens {
            continue;
        }
        // The list: the lines after this one, up to a blank line.
        let after = end + line_break_len(bytes, end);
        let mut group = Vec::new();
        from = text.len();
        for line in raw_lines(text.get(after..).unwrap_or("")) {
            if is_blank(line.text) {
                from = after + line.end();
                break;
            }
            group.push(index.span(after + line.start, after + line.end()));
        }
        groups.push(group);
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// The line (as [`raw_lines`] cuts lines: at `\n`, `\r` or `\r\n`) holding byte `at`:
/// its start and end, without the line break.
fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let start =
        memchr::memrchr2(b'\n', b'\r', bytes.get(..at).unwrap_or_default()).map_or(0, |k| k + 1);
    let end = memchr::memchr2(b'\n', b'\r', bytes.get(at..).unwrap_or_default())
        .map_or(bytes.len(), |k| at + k);
    (start, end)
}

/// The length of the line break at byte `at` (0 at the end of the text).
fn line_break_len(bytes: &[u8], at: usize) -> usize {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(_), _) => 1,
        (None, _) => 0,
    }
}

/// What one cell (a line, or one column of a line) says.
#[derive(Debug, Default, Clone)]
struct Cell {
    name: Option<(String, Span)>,
    title: Option<(String, Span)>,
    org: Option<(Org, Span)>,
    /// A signing-for line (`For regjeringen`, `For KS`): its organisation is the one of
    /// every signature below it in its column, up to the next such line.
    header: bool,
}

/// Reads signatures from signature lines (given as spans into `text`).
///
/// ```
/// use avtale::extract::signatories::read_lines;
/// use avtale::span::LineIndex;
/// let text = "Bent Høie\nHelseminister\n";
/// let index = LineIndex::new(text);
/// let lines = [index.span(0, 10), index.span(11, 24)];
/// let signed = read_lines(text, &lines, &index);
/// assert_eq!(signed[0].name, "Bent Høie");
/// assert_eq!(signed[0].title.as_deref(), Some("Helseminister"));
/// ```
pub fn read_lines(text: &str, lines: &[Span], index: &LineIndex) -> Vec<Signed> {
    // Split every line into cells at runs of three or more spaces (or a tab).
    let rows: Vec<Vec<(usize, Span)>> = lines
        .iter()
        .filter(|s| is_signature_line(s.slice(text)))
        .map(|s| cells(text, *s, index))
        .filter(|r| !r.is_empty())
        .collect();
    let widest = rows
        .iter()
        .max_by_key(|r| r.len())
        .cloned()
        .unwrap_or_default();
    let columns: Vec<usize> = widest.iter().map(|(col, _)| *col).collect();
    // Every cell read once into its column's bucket, in row order: reading all cells once
    // per column, each time scanning the columns, was cubic on a signature table of
    // thousands of columns.
    let mut buckets: Vec<Vec<_>> = vec![Vec::new(); columns.len().max(1)];
    for row in &rows {
        for (col, span) in row {
            let c = nearest_column(&columns, *col);
            if let Some(bucket) = buckets.get_mut(c) {
                bucket.push(read_cell(text, *span, index));
            }
        }
    }
    let mut out = Vec::new();
    for parsed in &buckets {
        out.extend(assemble(parsed, index));
    }
    out.sort_by_key(|s| s.span.start);
    out
}

/// The index of the column nearest to `col` (the first of two as near); 0 when there is none.
/// Cells come left to right, so the columns of the widest row ascend and a binary search
/// finds the two candidates; columns out of order (never seen) are scanned.
fn nearest_column(columns: &[usize], col: usize) -> usize {
    if !columns.is_sorted() {
        return columns
            .iter()
            .enumerate()
            .min_by_key(|(_, start)| start.abs_diff(col))
            .map_or(0, |(k, _)| k);
    }
    // The first column at or after `col`, and the one before it; among equal columns the
    // first is the one `min_by_key` would give.
    let after = columns.partition_point(|&c| c < col);
    match (after.checked_sub(1), columns.get(after)) {
        (Some(before), Some(&next)) => {
            let back = columns[..=before].partition_point(|&c| c < columns[before]);
            if col.abs_diff(columns[before]) <= next.abs_diff(col) {
                back
            } else {
                after
            }
        }
        (Some(before), None) => columns[..=before].partition_point(|&c| c < columns[before]),
        (None, _) => 0,
    }
}

/// Whether a line can be part of a signature: not blank, not a rule or a table's
/// delimiter row (`|---|---|`), no digits (place-and-date lines), not a lead-in
/// ending in a colon (but `For regjeringen:` is a signing-for line).
fn is_signature_line(raw: &str) -> bool {
    let t = raw.trim_matches(|c: char| c.is_whitespace());
    !t.is_empty()
        && !t
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' ' | '|' | ':'))
        && !t.chars().any(|c| c.is_ascii_digit())
        && (!t.ends_with(':') || is_signing_for(t))
}

/// The cells of one line: (column of the cell, span of the cell). Columns are char
/// columns in space-padded text; in a table row (`| Bent Høie | Gunn Marit Helgesen |`,
/// signature tables of markdown exports) they are the cells' positions.
fn cells(text: &str, line: Span, index: &LineIndex) -> Vec<(usize, Span)> {
    let raw = line.slice(text);
    if raw.trim_start().starts_with('|') {
        let mut out = Vec::new();
        let mut offset = 0;
        for (k, part) in raw.split('|').enumerate() {
            let lead = part.len() - part.trim_start().len();
            let body = part.trim();
            if !body.is_empty() {
                let start = line.start + offset + lead;
                out.push((k, index.span(start, start + body.len())));
            }
            offset += part.len() + 1;
        }
        return out;
    }
    let mut out = Vec::new();
    let mut cell_start: Option<usize> = None;
    let mut last_end = 0usize;
    let mut spaces = 0usize;
    for (i, c) in raw.char_indices() {
        if c == ' ' || c == '\u{a0}' || c == '\t' {
            spaces += if c == '\t' { 3 } else { 1 };
            continue;
        }
        if let Some(s) = cell_start {
            if spaces >= 3 {
                out.push((s, last_end));
                cell_start = Some(i);
            }
        } else {
            cell_start = Some(i);
        }
        spaces = 0;
        last_end = i + c.len_utf8();
    }
    if let Some(s) = cell_start {
        out.push((s, last_end));
    }
    out.into_iter()
        .map(|(s, e)| {
            (
                raw.get(..s).map_or(0, |p| p.chars().count()),
                index.span(line.start + s, line.start + e),
            )
        })
        .collect()
}

/// Reads one cell: `Bent Høie`, `Helseminister`, `KS`, `Leder KS Gunn Marit Helgesen`,
/// `leder Skolenes landsforbund, Stein Grøtting`, `Gunn Marit Helgesen, styreleder i KS`,
/// form fields (`Navn: Bent Høie`), or a signing-for line `For regjeringen`.
fn read_cell(text: &str, span: Span, index: &LineIndex) -> Cell {
    let mut lowered = Lowered::default();
    let (tokens, cores) = tokenize(span.slice(text), span.start, &mut lowered);
    // A form field: the value after its label (`Navn: Bent Høie`, `Tittel: styreleder`).
    let tokens = match tokens.split_first() {
        Some((label, value))
            if label.colon_after() && titles::FORM_LABELS.contains(&label.lower()) =>
        {
            value
        }
        _ => &tokens[..],
    };
    // A name, a comma and a title: the title (and organisation) are read after the comma.
    if let Some(comma) = tokens.iter().position(Token::has_comma) {
        let (person, rest) = tokens.split_at(comma + 1);
        if is_person_name(person, cores) && title_end(rest) > 0 {
            return Cell {
                name: Some(piece(text, person, index)),
                ..read_tokens(text, cores, rest, index)
            };
        }
    }
    if let Some((first, rest)) = tokens.split_first()
        && first.lower() == "for"
    {
        let signs_for = read_tokens(text, cores, rest, index);
        if signs_for.name.is_none() && signs_for.title.is_none() && signs_for.org.is_some() {
            return Cell {
                header: true,
                ..signs_for
            };
        }
    }
    read_tokens(text, cores, tokens, index)
}

/// Reads the tokens of one cell (their cores read through `cores`): an optional title, organisation
/// and person's name.
fn read_tokens<'t>(text: &str, cores: Cores<'t>, tokens: &[Token<'t>], index: &LineIndex) -> Cell {
    let mentions = scan_mentions(tokens, cores);
    let mut cell = Cell::default();
    let mut k = title_end(tokens);
    if k > 0 {
        cell.title = Some(piece(text, &tokens[..k], index));
    }
    // "styreleder i KS", "leiar for KS"
    if k > 0
        && matches!(tokens.get(k).map(Token::lower), Some("i" | "for"))
        && mentions.iter().any(|m| m.first == k + 1)
    {
        k += 1;
    }
    if let Some(m) = mentions.iter().find(|m| m.first == k && m.body.is_some()) {
        if let Some(body) = m.body {
            cell.org = Some((Org::Known(body), index.span(m.start, m.end)));
        }
        k = m.last;
    }
    let rest = tokens.get(k..).unwrap_or(&[]);
    if rest.is_empty() {
        return cell;
    }
    // An organisation named after the person: "Gunn Marit Helgesen for KS".
    let org_after = mentions.iter().find(|m| m.first > k && m.body.is_some());
    let name_part: &[Token<'t>] = match org_after {
        Some(m) if cell.org.is_none() => {
            if let Some(body) = m.body {
                cell.org = Some((Org::Known(body), index.span(m.start, m.end)));
            }
            let cut = m.first - k;
            let mut part = &rest[..cut];
            while part
                .last()
                .is_some_and(|t| matches!(t.lower(), "i" | "for"))
            {
                part = &part[..part.len() - 1];
            }
            part
        }
        _ => rest,
    };
    // An unknown organisation before the name: the name is the trailing run of
    // capitalised words; a comma, when there is one, marks the border.
    let head = name_part
        .iter()
        .rposition(|t| titles::has_body_head(t.lower()));
    let split = name_part
        .iter()
        .position(Token::has_comma)
        .map(|p| p + 1)
        .unwrap_or_else(|| {
            let run = name_part
                .iter()
                .rev()
                .take_while(|t| t.capitalised())
                .count()
                .min(4);
            match head {
                _ if cell.org.is_some() => 0,
                Some(h) => h + 1,
                None if run < name_part.len() => name_part.len() - run,
                None => 0,
            }
        });
    let (org_part, person) = name_part.split_at(split.min(name_part.len()));
    if !org_part.is_empty() && cell.org.is_none() {
        let (name, sp) = piece(text, org_part, index);
        let name = name.trim_end_matches(',').to_owned();
        if looks_like_body(org_part, cores) {
            cell.org = Some((Org::Unknown(name), sp));
        }
    }
    if is_person_name(person, cores) {
        cell.name = Some(piece(text, person, index));
    } else if cell.org.is_none() && cell.title.is_none() && looks_like_body(person, cores) {
        let (name, sp) = piece(text, person, index);
        cell.org = Some((Org::Unknown(name), sp));
    }
    cell
}

/// The number of leading tokens that form a title: `Helseminister`, `Leder`,
/// `Helse- og omsorgsminister`, `administrerende direktør`.
fn title_end(tokens: &[Token<'_>]) -> usize {
    let mut k = 0;
    let mut seen_title = false;
    while k < tokens.len() {
        let t = &tokens[k];
        let lower = t.lower();
        if titles::is_person_title(lower) {
            seen_title = true;
            k += 1;
        } else if titles::TITLE_MODIFIERS.contains(&lower.trim_end_matches('.')) {
            k += 1;
        } else if t.compound_part()
            && tokens.get(k + 1).is_some_and(|o| o.lower() == "og")
            && tokens
                .get(k + 2)
                .is_some_and(|w| titles::is_person_title(w.lower()))
        {
            k += 2;
        } else {
            break;
        }
        if t.has_comma() {
            break;
        }
    }
    if seen_title { k } else { 0 }
}

/// Whether tokens form a person's name: two to five capitalised words, no title words.
fn is_person_name<'t>(tokens: &[Token<'t>], cores: Cores<'t>) -> bool {
    (2..=5).contains(&tokens.len())
        && tokens.iter().all(|t| {
            t.capitalised()
                && t.core(cores)
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !titles::is_person_title(t.lower())
        })
        && !looks_like_body(tokens, cores)
}

/// The normalized text and span of a run of tokens.
fn piece(text: &str, tokens: &[Token<'_>], index: &LineIndex) -> (String, Span) {
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => (
            normalize(text.get(a.start()..b.end()).unwrap_or("")),
            index.span(a.start(), b.end()),
        ),
        _ => (String::new(), index.span(0, 0)),
    }
}

/// Groups cells into signatures: a name opens one; a title or organisation joins the
/// signature above it, or waits for the name below it when it comes first.
fn assemble(cells: &[Cell], index: &LineIndex) -> Vec<Signed> {
    let mut out = Vec::new();
    let mut current: Option<Cell> = None;
    let mut bounds: Option<(usize, usize)> = None;
    // The organisation of the last signing-for line ("For KS") above.
    let mut header: Option<(Org, Span)> = None;
    let flush = |cur: &mut Option<Cell>,
                 bounds: &mut Option<(usize, usize)>,
                 header: &Option<(Org, Span)>,
                 out: &mut Vec<Signed>| {
        let (Some(c), Some((s, e))) = (cur.take(), bounds.take()) else {
            return;
        };
        let Some((name, _)) = c.name else { return };
        let span = index.span(s, e);
        let (org, org_span) = match c.org.or_else(|| header.clone()) {
            Some((o, sp)) => (Some(o), sp),
            None => (None, span),
        };
        out.push(Signed {
            name,
            title: c.title.map(|t| t.0),
            org,
            org_span,
            span,
        });
    };
    for cell in cells {
        if cell.header {
            flush(&mut current, &mut bounds, &header, &mut out);
            header.clone_from(&cell.org);
            continue;
        }
        let spans = [
            cell.name.as_ref().map(|n| n.1),
            cell.title.as_ref().map(|t| t.1),
            cell.org.as_ref().map(|o| o.1),
        ];
        let (lo, hi) = spans.iter().flatten().fold((usize::MAX, 0), |(lo, hi), s| {
            (lo.min(s.start), hi.max(s.end))
        });
        if lo == usize::MAX {
            continue;
        }
        let fits = current.as_ref().is_some_and(|c| {
            if cell.name.is_some() {
                c.name.is_none()
            } else {
                (cell.title.is_none() || c.title.is_none())
                    && (cell.org.is_none() || c.org.is_none())
            }
        });
        if !fits {
            flush(&mut current, &mut bounds, &header, &mut out);
        }
        let c = current.get_or_insert_with(Cell::default);
        if c.name.is_none() {
            c.name.clone_from(&cell.name);
        }
        if c.title.is_none() {
            c.title.clone_from(&cell.title);
        }
        if c.org.is_none() {
            c.org.clone_from(&cell.org);
        }
        let b = bounds.get_or_insert((lo, hi));
        *b = (b.0.min(lo), b.1.max(hi));
    }
    flush(&mut current, &mut bounds, &header, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_lists_run_from_a_lead_in_to_a_blank_line() {
        let text = "Frist: 1. mai\r\nDisse signerte avtalen:\r\nA Hansen\rB Olsen\n  \nKS: ja\nDe undertegnede er:\nC Berg";
        let index = LineIndex::new(text);
        let at = |name: &str| {
            let start = text.find(name).unwrap_or_default();
            (start, start + name.len())
        };
        let groups: Vec<Vec<(usize, usize)>> = signer_lists(text, &index)
            .iter()
            .map(|g| g.iter().map(|s| (s.start, s.end)).collect())
            .collect();
        assert_eq!(
            groups,
            [vec![at("A Hansen"), at("B Olsen")], vec![at("C Berg")]]
        );
    }

    proptest::proptest! {
        /// `nearest_column` agrees with scanning all columns for the first nearest.
        #[test]
        fn nearest_column_agrees_with_a_scan(
            mut columns in proptest::collection::vec(0usize..40, 0..8),
            sorted in proptest::bool::ANY,
            col in 0usize..50,
        ) {
            if sorted {
                columns.sort_unstable();
            }
            let scan = columns
                .iter()
                .enumerate()
                .min_by_key(|(_, start)| start.abs_diff(col))
                .map_or(0, |(k, _)| k);
            proptest::prop_assert_eq!(nearest_column(&columns, col), scan);
        }

        /// `keep` agrees with searching every signature kept before for one of the same
        /// name whose span overlaps.
        #[test]
        fn keep_agrees_with_a_search_of_all_kept(
            signatures in proptest::collection::vec((0usize..3, 0usize..40, 0usize..12), 0..30)
        ) {
            let mut kept = BTreeMap::new();
            let mut all: Vec<(String, usize, usize)> = Vec::new();
            for (name, start, len) in signatures {
                let (name, end) = (name.to_string(), start + len);
                let linear = !all.iter().any(|(n, s, e)| *n == name && *s < end && start < *e);
                proptest::prop_assert_eq!(keep(&mut kept, &name, start, end), linear);
                if linear {
                    all.push((name, start, end));
                }
            }
        }
    }

    /// Reads every line of `text` as one signature group.
    fn read(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let index = LineIndex::new(text);
        let lines: Vec<Span> = raw_lines(text)
            .map(|l| index.span(l.start, l.end()))
            .collect();
        read_lines(text, &lines, &index)
            .into_iter()
            .map(|s| {
                let org = s.org.map(|o| match o {
                    Org::Known(b) => b.id.to_owned(),
                    Org::Unknown(n) => n,
                });
                (s.name, s.title, org)
            })
            .collect()
    }

    fn sig(
        name: &str,
        title: Option<&str>,
        org: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            name.to_owned(),
            title.map(str::to_owned),
            org.map(str::to_owned),
        )
    }

    #[test]
    fn name_line_then_title_line() {
        assert_eq!(
            read("Bent Høie\nHelseminister\n"),
            [sig("Bent Høie", Some("Helseminister"), None)]
        );
    }

    #[test]
    fn markdown_hard_breaks_and_title_with_organisation() {
        let text = "Oslo, 19.9.2006\n\n---\n\nSylvia Brustad  \nHelse- og omsorgsminister\n\n---\n\nHalvdan Skard  \nLeder KS\n";
        assert_eq!(
            read(text),
            [
                sig("Sylvia Brustad", Some("Helse- og omsorgsminister"), None),
                sig("Halvdan Skard", Some("Leder"), Some("ks"))
            ]
        );
    }

    #[test]
    fn name_title_and_organisation_on_three_lines() {
        let text =
            "Åse Michaelsen\nEldre- og folkehelseminister\n\n\n\nMette Gundersen\nNestleder\nKS\n";
        assert_eq!(
            read(text),
            [
                sig("Åse Michaelsen", Some("Eldre- og folkehelseminister"), None),
                sig("Mette Gundersen", Some("Nestleder"), Some("ks"))
            ]
        );
    }

    #[test]
    fn name_and_title_on_one_line_under_a_signing_for_line() {
        let text = "For KS:\nGunn Marit Helgesen, styreleder\n\nFor regjeringen:\nBent Høie, helse- og omsorgsminister\n";
        assert_eq!(
            read(text),
            vec![
                sig("Gunn Marit Helgesen", Some("styreleder"), Some("ks")),
                sig(
                    "Bent Høie",
                    Some("helse- og omsorgsminister"),
                    Some("regjeringen")
                ),
            ]
        );
    }

    #[test]
    fn signature_form_fields_in_columns() {
        let text = format!(
            "{:<40}{}\n{:<40}{}\n{:<40}{}\n{:<40}{}\n",
            "For regjeringen",
            "For KS",
            "Signatur: ______________",
            "Signatur: ______________",
            "Navn: Bent Høie",
            "Navn: Bjørn Arild Gram",
            "Tittel: helse- og omsorgsminister",
            "Tittel: styreleder"
        );
        assert_eq!(
            read(&text),
            [
                sig(
                    "Bent Høie",
                    Some("helse- og omsorgsminister"),
                    Some("regjeringen")
                ),
                sig("Bjørn Arild Gram", Some("styreleder"), Some("ks")),
            ]
        );
    }

    #[test]
    fn title_before_name_on_one_line() {
        let text =
            "Oslo 23. oktober 2019\n\nHelseminister Bent Høie\n\nLeder KS Gunn Marit Helgesen\n";
        assert_eq!(
            read(text),
            [
                sig("Bent Høie", Some("Helseminister"), None),
                sig("Gunn Marit Helgesen", Some("Leder"), Some("ks"))
            ]
        );
    }

    #[test]
    fn two_signatures_side_by_side_in_columns() {
        let text = "Bent Høie                      Gunn Marit Helgesen\nHelseminister                  Leder KS\n";
        assert_eq!(
            read(text),
            [
                sig("Bent Høie", Some("Helseminister"), None),
                sig("Gunn Marit Helgesen", Some("Leder"), Some("ks"))
            ]
        );
        let three = format!(
            "{:<40}{:<25}{}\n{:<40}{:<25}{}\n{:<65}{}\n",
            "Kjersti Stenseng",
            "Emilie Mehl",
            "Bjørn Arild Gram",
            "Arbeids- og inkluderingsminister",
            "Justisminister",
            "Styreleder",
            "",
            "KS"
        );
        let got = read(&three);
        assert_eq!(got.len(), 3, "three columns give three signatures: {got:?}");
        assert_eq!(
            got[2],
            sig("Bjørn Arild Gram", Some("Styreleder"), Some("ks"))
        );
    }

    #[test]
    fn organisation_lines_above_the_names() {
        let text = format!(
            "{:<35}{}\n{:<35}{}\n{:<35}{}\n",
            "For regjeringen",
            "For KS",
            "Bent Høie",
            "Gunn Marit Helgesen",
            "helseminister",
            "styreleder"
        );
        assert_eq!(
            read(&text),
            [
                sig("Bent Høie", Some("helseminister"), Some("regjeringen")),
                sig("Gunn Marit Helgesen", Some("styreleder"), Some("ks"))
            ]
        );
    }

    #[test]
    fn signing_for_lines_apply_to_every_signature_below_them_in_their_column() {
        let text = format!(
            "{:<35}{}\n{:<35}{}\n{:<35}{}\n{}\n{}\n{}\n{}\n",
            "For regjeringen",
            "For KS",
            "Monica Mæland",
            "Bjørn Arild Gram",
            "justisminister",
            "styreleder",
            "Nikolai Astrup",
            "kommunalminister",
            "For Kunnskapsdepartementet",
            "Tonje Brenna"
        );
        assert_eq!(
            read(&text),
            [
                sig("Monica Mæland", Some("justisminister"), Some("regjeringen")),
                sig("Bjørn Arild Gram", Some("styreleder"), Some("ks")),
                sig(
                    "Nikolai Astrup",
                    Some("kommunalminister"),
                    Some("regjeringen")
                ),
                sig("Tonje Brenna", None, Some("kunnskapsdepartementet")),
            ]
        );
    }

    #[test]
    fn table_rows_are_read_cell_by_cell() {
        let text = "| For regjeringen | For KS |\n|---|---|\n| Jan Tore Sanner | Gunn Marit Helgesen |\n| kunnskapsminister | styreleder |\n";
        assert_eq!(
            read(text),
            [
                sig(
                    "Jan Tore Sanner",
                    Some("kunnskapsminister"),
                    Some("regjeringen")
                ),
                sig("Gunn Marit Helgesen", Some("styreleder"), Some("ks")),
            ]
        );
    }

    #[test]
    fn list_lines_with_title_organisation_and_name() {
        let text = "statsminister Jens Stoltenberg\nleder Utdanningsforbundet Helga Hjetland\n\
                    leder Kommunenes sentralforbund Halvdan Skard\nleder Skolenes landsforbund, Stein Grøtting.\n\
                    leder Norsk Barnehageforbund Ola Nordmann\n";
        assert_eq!(
            read(text),
            [
                sig("Jens Stoltenberg", Some("statsminister"), None),
                sig("Helga Hjetland", Some("leder"), Some("utdanningsforbundet")),
                sig("Halvdan Skard", Some("leder"), Some("ks")),
                sig(
                    "Stein Grøtting",
                    Some("leder"),
                    Some("skolenes-landsforbund")
                ),
                sig(
                    "Ola Nordmann",
                    Some("leder"),
                    Some("Norsk Barnehageforbund")
                ),
            ]
        );
    }

    #[test]
    fn place_and_date_lines_and_rules_are_skipped() {
        assert_eq!(read("Oslo, 19.9.2006\n---\n"), []);
    }
}
