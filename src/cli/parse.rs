//! `avtale parse`: files or stdin → JSON documents on stdout.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use avtale::decode::DEFAULT_MAX_BYTES;

pub const AFTER_HELP: &str = "\
One file prints one pretty JSON document; several files print JSON Lines
(one compact document per line, in the order given). A file that cannot be
read or decoded is reported on stderr and the others go on (exit code 1).

Examples:
  avtale parse fixtures/2019-helsefellesskap.txt
  avtale parse --compact fixtures/* > documents.jsonl
  cat agreement.txt | avtale parse -";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to parse; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print each document on one line (JSON Lines), even for a single file.
    #[arg(long)]
    compact: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let compact = args.compact || args.files.len() > 1;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = 0;
    for path in &args.files {
        let (name, bytes) = match read_input(path) {
            Ok(read) => read,
            Err(err) => {
                eprintln!("avtale: {}: cannot read: {err}", path.display());
                failed += 1;
                continue;
            }
        };
        match avtale::parse_bytes(&name, &bytes, args.max_bytes) {
            Ok(doc) => {
                if compact {
                    serde_json::to_writer(&mut out, &doc)?;
                } else {
                    serde_json::to_writer_pretty(&mut out, &doc)?;
                }
                out.write_all(b"\n")?;
            }
            Err(err) => {
                eprintln!("avtale: {err}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// Reads a file, or standard input for `-`; returns the name to record and the bytes.
fn read_input(path: &PathBuf) -> io::Result<(String, Vec<u8>)> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(("-".to_owned(), bytes));
    }
    bytes = std::fs::read(path)?;
    Ok((path.display().to_string(), bytes))
}
