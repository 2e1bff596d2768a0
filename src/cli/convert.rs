//! `avtale convert`: files and directories → one JSON file each under `--out`, or one JSON Lines stream.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use avtale::batch::{self, Config, FileReport, Sink, Status, Summary};
use avtale::decode::DEFAULT_MAX_BYTES;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub const AFTER_HELP: &str = "\
Directories are read recursively in file-name order; hidden entries (.name)
are skipped, symbolic links inside them are passed over unless --follow, and
--glob selects among the files found in them (matched against the path below
the directory and against the file name). Files named directly are always read.

With --out, each input becomes DIR/REL.json, where REL is its path below the
directory given (or its file name), extension replaced; inputs that would
share a name keep their extension (a.txt.json, a.md.json). Output paths can
never leave DIR. Every file gets its name only once it is complete (written
unnamed and linked, or written to a temporary file and renamed), so an
interrupted run leaves no half-written output; an output that already
holds the same bytes is kept (its time renewed). Outputs newer than their
input (and than avtale itself) are skipped unless --force.

With --jsonl, documents are written as JSON Lines in input order (to FILE,
atomically, or to standard output with -). Output bytes are the same
whatever --jobs.

A file that cannot be read, is not text, or is larger than --max-bytes is
reported with its reason and the batch goes on. The summary on stderr counts
files converted, up to date and failed, diagnostics by code, and MB/s;
--report FILE writes the same as JSON, one entry per input.

Exit codes:
  0  every input converted (or up to date)
  1  some input failed
  2  usage error, or the output could not be created

Examples:
  avtale convert archive/ --out json/
  avtale convert archive/ --glob '*.txt' --jobs 2 --out json/ --report report.json
  avtale convert a.txt b.txt --jsonl - | avtale validate -";

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("sink").required(true).args(["out", "jsonl"])))]
pub struct Args {
    /// Text files and directories to convert.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Write one pretty NAME.json per input under DIR, mirroring the input layout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write all documents as JSON Lines to FILE, or to standard output with `-`.
    #[arg(long, value_name = "FILE|-")]
    jsonl: Option<PathBuf>,
    /// Convert only files found in directories that match GLOB (repeatable).
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Follow symbolic links found in directories.
    #[arg(long)]
    follow: bool,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Convert even when an output is up to date.
    #[arg(long)]
    force: bool,
    /// Stop starting new files after the first failure.
    #[arg(long)]
    fail_fast: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Write a JSON report of every input and the totals to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// No progress bar and no summary; failures are still reported.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Exit code for an unusable command line or an output that cannot be created.
const EXIT_USAGE: u8 = 2;

pub fn run(args: &Args) -> io::Result<ExitCode> {
    let glob = match batch::compile_globs(&args.glob) {
        Ok(glob) => glob,
        Err(err) => {
            eprintln!("avtale: --glob: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let sink = match (&args.out, &args.jsonl) {
        (Some(dir), _) => Sink::Dir(dir.clone()),
        (None, Some(path)) if path.as_os_str() == "-" => Sink::Stdout,
        (None, Some(path)) => Sink::JsonlFile(path.clone()),
        // clap's required group rules this out; say so rather than guess.
        (None, None) => {
            eprintln!("avtale: give --out DIR or --jsonl FILE");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let mut config = Config::new(args.inputs.clone(), sink);
    config.glob = glob;
    config.follow_links = args.follow;
    config.jobs = args.jobs;
    config.force = args.force;
    config.fail_fast = args.fail_fast;
    config.max_bytes = args.max_bytes;
    config.report.clone_from(&args.report);

    let bar = progress_bar(args.quiet);
    let mut failed = Failed::default();
    let result = batch::run(&config, |file| {
        bar.inc(1);
        if let Some(error) = &file.error {
            // Printed in input order, above the bar, so messages stay readable.
            bar.suspend(|| eprintln!("avtale: {}", error.message));
        }
        if file.status == Status::Failed {
            failed.note(file);
        }
        bar.set_message(file.input.clone());
    });
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(err) if crate::cli::is_broken_pipe(&err) => return Err(err),
        Err(err) => {
            eprintln!("avtale: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    if !args.quiet {
        eprint!("{}", summary_text(&summary, &failed));
    }
    Ok(super::exit_code(
        summary.totals.failed + summary.totals.not_attempted,
    ))
}

/// The failed files named again in the summary: the first few only, so a
/// batch where everything fails still holds nothing per input (each failure
/// was printed as it happened, and all are in `--report`).
#[derive(Debug, Default)]
struct Failed(Vec<(String, String)>);

impl Failed {
    const LISTED: usize = 20;

    fn note(&mut self, file: &FileReport) {
        if self.0.len() < Self::LISTED {
            let reason = file.error.as_ref().map_or("", |e| e.kind.as_str());
            self.0.push((file.input.clone(), reason.to_owned()));
        }
    }
}

/// A bar on a terminal; hidden when stderr is not one (pipes, CI, tests) or with `--quiet`.
///
/// Directories are listed as the batch goes, so the total is not known: the bar counts up.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {pos} files ({per_sec}) {wide_msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The closing lines on stderr: counts, diagnostics by code, throughput, the first failures.
fn summary_text(summary: &Summary, failed: &Failed) -> String {
    use std::fmt::Write;
    let t = &summary.totals;
    let mut s = format!("avtale: {} file(s): {} converted", t.files, t.converted);
    if t.up_to_date > 0 {
        let _ = write!(s, ", {} up to date", t.up_to_date);
    }
    let _ = write!(s, ", {} failed", t.failed);
    if t.not_attempted > 0 {
        let _ = write!(s, ", {} not attempted (--fail-fast)", t.not_attempted);
    }
    let _ = writeln!(
        s,
        "; {:.1} MB in {:.2} s ({:.1} MB/s)",
        t.bytes_read as f64 / 1e6,
        summary.timing.seconds,
        summary.timing.mb_per_s
    );
    if !t.diagnostics.is_empty() {
        let counts: Vec<String> = t
            .diagnostics
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let _ = writeln!(s, "avtale: diagnostics: {}", counts.join(", "));
    }
    if !failed.0.is_empty() {
        let _ = writeln!(s, "avtale: failed:");
        for (input, reason) in &failed.0 {
            let _ = writeln!(s, "  {input} ({reason})");
        }
        if t.failed > failed.0.len() {
            let more = t.failed - failed.0.len();
            let _ = writeln!(
                s,
                "  ... and {more} more (all are listed above and in --report)"
            );
        }
    }
    if summary.ignored > 0 {
        let _ = writeln!(
            s,
            "avtale: {} entr(ies) passed over (symbolic links, special files)",
            summary.ignored
        );
    }
    s
}
