//! Command definitions (clap derive) and dispatch to one module per command.

mod check;
mod convert;
mod generate;
mod input;
mod parse;
mod show;
mod table;
mod validate;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code when some input failed.
pub const EXIT_FAILED: u8 = 1;

const AFTER_HELP: &str = "\
Exit codes:
  0  every input succeeded
  1  some input failed (unreadable, not text, invalid JSON or schema violations)
  2  usage error

Examples:
  avtale parse fixtures/2006-kvalitetsavtale.md.txt
  avtale parse --compact fixtures/*.txt | avtale validate -
  avtale schema > avtale-1.schema.json
  avtale table obligations fixtures/*.txt > obligations.csv
  avtale show fixtures/2019-helsefellesskap.txt";

/// Turn Norwegian agreement texts (regjeringen–KS avtaler) into typed, schema-validated JSON.
#[derive(Debug, Parser)]
#[command(name = "avtale", version = version(), about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn version() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), " (schema ", "1.0.0", ")")
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse text files into v1 JSON documents (one per file; several files give JSON Lines).
    #[command(after_help = parse::AFTER_HELP)]
    Parse(parse::Args),
    /// Convert files and whole directories in parallel: one JSON file each under --out, or JSON Lines.
    #[command(after_help = convert::AFTER_HELP)]
    Convert(convert::Args),
    /// Validate JSON documents or JSON Lines streams against the published schema.
    #[command(after_help = validate::AFTER_HELP)]
    Validate(validate::Args),
    /// Print the published JSON Schema (draft 2020-12) of the v1 document.
    #[command(after_help = "Example:\n  avtale schema > avtale-1.schema.json")]
    Schema,
    /// Build a flat table (obligations, signatories, dates, references, sections) as CSV or JSON Lines.
    #[command(after_help = table::AFTER_HELP)]
    Table(table::Args),
    /// Show documents as readable pages: parties, term, signing, obligations by actor.
    #[command(after_help = show::AFTER_HELP)]
    Show(show::Args),
    /// Show what the parser could not place or doubted, with source snippets and hints.
    #[command(after_help = check::AFTER_HELP)]
    Check(check::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Example:\n  avtale completions bash > /etc/bash_completion.d/avtale")]
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --dir.
    #[command(after_help = "Example:\n  avtale man | man -l -\n  avtale man --dir target/man")]
    Man(generate::ManArgs),
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> io::Result<ExitCode> {
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Schema => {
            use io::Write;
            io::stdout()
                .lock()
                .write_all(avtale::schema::generate_pretty().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Table(args) => table::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Completions(args) => generate::completions(&args),
        Command::Man(args) => generate::man(&args),
    }
}

/// Whether an error is a closed stdout, which is not a failure of avtale's.
pub fn is_broken_pipe(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe
}

/// The exit code for a run in which `failed` inputs failed.
pub fn exit_code(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    }
}
