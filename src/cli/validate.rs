//! `avtale validate`: JSON documents or JSON Lines → schema violations with file, line and pointer.

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

pub const AFTER_HELP: &str = "\
Each input may hold one JSON document (pretty or compact) or a JSON Lines
stream. Every violation is printed as FILE:LINE: POINTER: MESSAGE, where LINE
is the line of the stream that holds the document. Exits 1 when anything is
invalid.

Examples:
  avtale validate out/agreement.json
  avtale parse --compact fixtures/*.txt | avtale validate -";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON or JSON Lines files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let mut invalid = 0usize;
    let mut checked = 0usize;
    let mut unreadable = 0usize;
    for path in &args.files {
        let name = path.display().to_string();
        let mut input = String::new();
        let read = if name == "-" {
            io::stdin().lock().read_to_string(&mut input).map(|_| ())
        } else {
            std::fs::read_to_string(path).map(|s| input = s)
        };
        if let Err(err) = read {
            eprintln!("avtale: {name}: cannot read: {err}");
            unreadable += 1;
            continue;
        }
        for (line, value) in documents(&input) {
            checked += 1;
            let value = match value {
                Ok(value) => value,
                Err(err) => {
                    eprintln!("{name}:{line}: not JSON: {err}");
                    invalid += 1;
                    continue;
                }
            };
            let violations = avtale::schema::validate(&value);
            if !violations.is_empty() {
                invalid += 1;
            }
            for v in violations {
                let pointer = if v.pointer.is_empty() {
                    "/"
                } else {
                    v.pointer.as_str()
                };
                eprintln!("{name}:{line}: {pointer}: {}", v.message);
            }
        }
    }
    let unread = match unreadable {
        0 => String::new(),
        n => format!("; {n} file(s) could not be read"),
    };
    eprintln!("avtale: {checked} document(s) checked, {invalid} invalid{unread}");
    Ok(super::exit_code(invalid + unreadable))
}

/// Splits input into documents with the 1-based line each starts on: a whole
/// pretty-printed document, or one document per non-blank line (JSON Lines).
fn documents(input: &str) -> Vec<(usize, Result<serde_json::Value, serde_json::Error>)> {
    let mut stream = serde_json::Deserializer::from_str(input).into_iter::<serde_json::Value>();
    let mut out = Vec::new();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(result) => {
                let skipped = input[start..].len() - input[start..].trim_start().len();
                let line = 1 + input[..start + skipped].matches('\n').count();
                let failed = result.is_err();
                out.push((line, result));
                if failed {
                    break;
                }
            }
        }
    }
    out
}
