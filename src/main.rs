//! The `avtale` command line: thin glue from clap arguments to the library.
//!
//! Exit codes: 0 everything succeeded, 1 some input failed (unreadable,
//! undecodable or invalid), 2 usage error. JSON goes to stdout, diagnostics
//! and errors to stderr. A closed stdout (e.g. `| head`) counts as success.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// The allocator: glibc's malloc took ~8 % of a batch's CPU time in small allocations and
/// frees; mimalloc's thread-local free lists take about a third of that (PROFILE.md, round 7).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("avtale: {err}");
            ExitCode::from(cli::EXIT_FAILED)
        }
    }
}
