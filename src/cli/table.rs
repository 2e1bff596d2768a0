//! `avtale table KIND INPUT...`: documents → one flat table (CSV or JSON Lines) on stdout.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use avtale::decode::DEFAULT_MAX_BYTES;
use avtale::table::{TableKind, rows};
use clap::builder::{PossibleValuesParser, TypedValueParser};

pub const AFTER_HELP: &str = "\
Tables and their columns (stable; new columns are only ever appended):
  obligations  source_name source_sha256 section_id block actors joint modality
               lead_in item item_text item_start item_end item_line
  signatories  source_name source_sha256 section_id index name title party
               start end line
  dates        source_name source_sha256 section_id index role value precision
               end_value text start end line
  references   source_name source_sha256 section_id index kind text number
               session title start end line
  sections     source_name source_sha256 section_id parent_id level heading
               blocks obligation_items start end line

`actors` joins party ids with `;`. Offsets are bytes into the decoded text.
CSV has a header row (also when there are no rows); null is an empty field.
JSON Lines rows have the same keys in the same order; null is null.

Examples:
  avtale table obligations fixtures/*.txt > obligations.csv
  avtale parse --compact fixtures/*.txt > docs.jsonl
  avtale table dates --from-json docs.jsonl --format jsonl";

/// Output format of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// One JSON object per row.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The table to build.
    #[arg(value_name = "KIND", value_parser = PossibleValuesParser::new(TableKind::NAMES).try_map(|s| s.parse::<TableKind>()))]
    kind: TableKind,
    /// Text files to parse (or, with --from-json, JSON documents / JSON Lines); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Read already converted documents (`avtale parse` output) instead of parsing text.
    #[arg(long)]
    from_json: bool,
    /// Refuse text inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let out = io::BufWriter::new(io::stdout().lock());
    let reader = super::input::Reader {
        from_json: args.from_json,
        max_bytes: args.max_bytes,
    };
    let failed = match args.format {
        Format::Csv => {
            let mut csv = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            // Written by hand so that an empty table still has its header.
            csv.write_record(args.kind.columns())?;
            let failed = reader.for_each(&args.inputs, |doc| {
                rows(args.kind, &doc)
                    .iter()
                    .try_for_each(|row| csv.serialize(row))
                    .map_err(io::Error::from)
            })?;
            csv.flush()?;
            failed
        }
        Format::Jsonl => {
            let mut out = out;
            let failed = reader.for_each(&args.inputs, |doc| {
                for row in rows(args.kind, &doc) {
                    serde_json::to_writer(&mut out, &row)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            })?;
            out.flush()?;
            failed
        }
    };
    Ok(super::exit_code(failed))
}
