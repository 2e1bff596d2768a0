//! `avtale show FILE...`: documents → a readable page each, coloured on a terminal.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use avtale::decode::DEFAULT_MAX_BYTES;

pub const AFTER_HELP: &str = "\
Prints title, kind, parties, term, signing, signatories and the obligations
grouped by actor, with the section and line each commitment stands on.
Colour is used on a terminal only; NO_COLOR=1 turns it off, CLICOLOR_FORCE=1
forces it.

Examples:
  avtale show fixtures/2019-helsefellesskap.txt
  avtale parse --compact fixtures/*.txt > docs.jsonl && avtale show --from-json docs.jsonl | less -R";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to parse (or, with --from-json, JSON documents / JSON Lines); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read already converted documents (`avtale parse` output) instead of parsing text.
    #[arg(long)]
    from_json: bool,
    /// Refuse text inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    // anstream strips the styles when stdout is no terminal or NO_COLOR is set.
    let mut out = anstream::stdout().lock();
    let reader = super::input::Reader {
        from_json: args.from_json,
        max_bytes: args.max_bytes,
    };
    let mut first = true;
    let failed = reader.for_each(&args.files, |doc| {
        if !std::mem::take(&mut first) {
            out.write_all(b"\n")?;
        }
        out.write_all(avtale::show::render(&doc, true).as_bytes())
    })?;
    out.flush()?;
    Ok(super::exit_code(failed))
}
