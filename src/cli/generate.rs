//! `avtale completions SHELL` and `avtale man`: the command definitions → shell completions and man pages.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write one page per command (avtale.1, avtale-parse.1, ...) into this directory
    /// instead of printing avtale.1 to stdout.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut super::Cli::command(), "avtale", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> io::Result<ExitCode> {
    let command = super::Cli::command();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            clap_mangen::generate_to(command, dir)?;
        }
        None => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
