//! `avtale check FILE...`: text files → their diagnostics as miette reports with source snippets.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use avtale::decode::DEFAULT_MAX_BYTES;
use avtale::diagnostic::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

pub const AFTER_HELP: &str = "\
Shows what the parser could not place or doubted, with the source lines, the
stable diagnostic code and a hint. Warnings need a person's look; notes are
informational (dropped web-page noise, guessed encodings). A summary line per
file ends the output.

Exit codes: 0 checked (warnings allowed unless --strict), 1 some file could
not be read or decoded, or --strict and some file has a warning.

Examples:
  avtale check new-agreement.txt
  avtale check --strict fixtures/*.txt";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Exit 1 when any file has a warning.
    #[arg(long)]
    strict: bool,
    /// Show warnings only, not informational notes.
    #[arg(long)]
    warnings_only: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    // Always render with the coloured theme: anstream strips the styles when
    // stdout is no terminal or NO_COLOR is set, as for `avtale show`.
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode()).with_context_lines(1);
    let mut out = anstream::stdout().lock();
    let (mut failed, mut warned) = (0, 0);
    for path in &args.files {
        let Some((name, bytes)) = super::parse::read_or_report(path) else {
            failed += 1;
            continue;
        };
        // parse_bytes returns the document only; the snippets need the decoded
        // text its spans index into, so decode again (deterministic, and cheap
        // next to a person reading the report).
        let decoded = avtale::decode::decode(&bytes, Path::new(&name), args.max_bytes);
        let (doc, text) = match (avtale::parse_bytes(&name, &bytes, args.max_bytes), decoded) {
            (Ok(doc), Ok(decoded)) => (doc, decoded.text),
            (Err(err), _) | (_, Err(err)) => {
                eprintln!("avtale: {err}");
                failed += 1;
                continue;
            }
        };
        let text: Arc<str> = text.into();
        let shown = doc
            .diagnostics
            .iter()
            .filter(|d| !args.warnings_only || d.severity == Severity::Warning);
        for diagnostic in shown {
            writeln!(out, "{}", render(&handler, &name, &text, diagnostic))?;
        }
        let warnings = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let notes = doc.diagnostics.len() - warnings;
        writeln!(out, "{name}: {warnings} warning(s), {notes} note(s)")?;
        if warnings > 0 {
            warned += 1;
        }
    }
    out.flush()?;
    Ok(super::exit_code(if args.strict {
        failed + warned
    } else {
        failed
    }))
}

/// Renders one diagnostic with the source it points into; a plain line if miette cannot.
fn render(
    handler: &GraphicalReportHandler,
    name: &str,
    text: &Arc<str>,
    diagnostic: &Diagnostic,
) -> String {
    let report = miette::Report::new(report(diagnostic, text))
        .with_source_code(NamedSource::new(name, Arc::clone(text)));
    let mut rendered = String::new();
    if handler
        .render_report(&mut rendered, report.as_ref())
        .is_err()
    {
        rendered = format!("{name}: {}: {}\n", diagnostic.code, diagnostic.message);
    }
    rendered
}

/// A diagnostic as a miette report: message, stable code, severity, help and a labelled span.
fn report(diagnostic: &Diagnostic, text: &str) -> MietteDiagnostic {
    let severity = match diagnostic.severity {
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut report = MietteDiagnostic::new(diagnostic.message.clone())
        .with_code(diagnostic.code.as_str())
        .with_severity(severity)
        .with_help(diagnostic.code.help());
    // A span off char boundaries would make miette misrender; the span
    // invariant tests rule it out, but a report is no place to panic.
    if let Some(span) = diagnostic
        .span
        .filter(|s| text.get(s.start..s.end).is_some())
    {
        report = report.with_label(LabeledSpan::at(
            span.start..span.end,
            diagnostic.code.as_str(),
        ));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use avtale::diagnostic::Code;
    use avtale::span::Span;

    #[test]
    fn a_diagnostic_shows_its_source_line_code_and_help() {
        let text: Arc<str> = Arc::from("Tittel\n\nen linje uten plass\n");
        let diagnostic = Diagnostic::new(
            Code::UnplacedLine,
            "this line is in no block",
            Some(Span {
                start: 8,
                end: 27,
                line: 3,
            }),
        );
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_context_lines(1);
        let rendered = render(&handler, "a.txt", &text, &diagnostic);
        for expected in [
            "unplaced-line",
            "this line is in no block",
            Code::UnplacedLine.help(),
            "[a.txt:3:1]",
            "3 │ en linje uten plass",
        ] {
            assert!(
                rendered.contains(expected),
                "the report should show {expected:?}:\n{rendered}"
            );
        }
    }

    #[test]
    fn a_span_off_the_text_still_renders_without_a_snippet() {
        let text: Arc<str> = Arc::from("kort");
        let diagnostic = Diagnostic::new(
            Code::TruncatedText,
            "cut off",
            Some(Span {
                start: 2,
                end: 99,
                line: 1,
            }),
        );
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor());
        assert!(render(&handler, "b.txt", &text, &diagnostic).contains("truncated-text"));
    }
}
