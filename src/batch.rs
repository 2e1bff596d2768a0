//! Inputs (files, directories) → documents converted in parallel, emitted in input order, and a report.
//!
//! The batch semantics follow ripgrep's: a file that cannot be read,
//! decoded or written is reported with its path and reason, and the batch
//! goes on (unless `fail_fast`); the caller turns any failure into exit code 1.
//!
//! Determinism: inputs are expanded in command-line order, directories
//! sorted by file name; each document depends only on its own bytes and
//! name; JSON Lines are written, and per-file reports delivered, in input
//! order whatever the number of threads. Only the timing figures vary.
//!
//! Memory: workers take inputs in order and may run at most a fixed window
//! ahead of the oldest document not yet written, so a slow file never makes
//! the batch hold the whole archive in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};
use std::time::{Instant, SystemTime};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::output::{self, JsonLines};

/// Where converted documents go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// One pretty `NAME.json` per input under this directory, mirroring the
    /// inputs' layout relative to the paths given.
    Dir(PathBuf),
    /// One JSON Lines file, renamed into place when complete.
    JsonlFile(PathBuf),
    /// JSON Lines on standard output.
    Stdout,
}

/// What to convert and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Files and directories, in the order given.
    pub inputs: Vec<PathBuf>,
    /// Selects files found in directories (not files named directly).
    pub glob: Option<GlobSet>,
    /// Follow symbolic links found in directories.
    pub follow_links: bool,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Inputs larger than this are refused.
    pub max_bytes: u64,
    /// Start no new file after the first failure.
    pub fail_fast: bool,
    /// Convert even when the output is up to date.
    pub force: bool,
    /// Where documents go.
    pub sink: Sink,
    /// Paths a directory walk must not pick up: this run's own outputs and report.
    pub exclude: Vec<PathBuf>,
}

impl Config {
    /// A configuration with the defaults of `avtale convert`.
    pub fn new(inputs: Vec<PathBuf>, sink: Sink) -> Self {
        let exclude = match &sink {
            Sink::Dir(path) | Sink::JsonlFile(path) => vec![path.clone()],
            Sink::Stdout => Vec::new(),
        };
        Self {
            inputs,
            glob: None,
            follow_links: false,
            jobs: 0,
            max_bytes: crate::decode::DEFAULT_MAX_BYTES,
            fail_fast: false,
            force: false,
            sink,
            exclude,
        }
    }
}

/// Compiles `--glob` patterns; `None` when there are none (every file is taken).
///
/// # Errors
/// An invalid pattern.
///
/// # Example
/// ```
/// let globs = avtale::batch::compile_globs(&["*.txt".to_owned()])?.expect("one pattern");
/// assert!(globs.is_match("archive/2006/avtale.txt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compile_globs(patterns: &[String]) -> Result<Option<GlobSet>, globset::Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern)?);
    }
    builder.build().map(Some)
}

/// One file to convert.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// The name recorded in `source.name`: the path as given, joined with the path found under it.
    pub name: String,
    /// Its path relative to the directory given (just the file name for a file given directly).
    pub rel: PathBuf,
    /// Why it cannot be converted, when that was clear while listing it.
    pub problem: Option<Failure>,
}

/// The files a batch will convert, and what it passed over.
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    /// Files to convert, in order.
    pub inputs: Vec<Input>,
    /// Entries passed over on purpose (symbolic links without `--follow`, devices, ...).
    pub ignored: Vec<Ignored>,
}

/// An entry a directory walk passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// The entry's path.
    pub path: String,
    /// Why it was not converted.
    pub reason: String,
}

/// Why one file failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Stable kind: `io`, `too-large`, `binary`, `decode`, `write`, `panic`.
    pub kind: String,
    /// The message shown to the user, with the path.
    pub message: String,
}

impl Failure {
    fn new(kind: &str, message: String) -> Self {
        Self {
            kind: kind.to_owned(),
            message,
        }
    }

    /// The failure for a library error; its kind is the error's diagnostic code without the `avtale::` prefix.
    pub fn from_error(err: &Error) -> Self {
        let code = miette::Diagnostic::code(err)
            .map(|c| c.to_string())
            .unwrap_or_default();
        let kind = code.trim_start_matches("avtale::").replace('_', "-");
        Self {
            kind,
            message: err.to_string(),
        }
    }
}

/// Lists the files behind `config.inputs`: files as given, directories
/// walked recursively in file-name order, hidden entries (`.name`) in
/// directories skipped, symbolic links inside directories passed over unless
/// `follow_links`, `glob` applied to files found in directories (matched
/// against the path below the directory and against the file name).
///
/// Inputs that do not exist, and walk errors (unreadable directories, link
/// loops), become inputs with a [`Input::problem`], so they are reported
/// in order with the rest.
pub fn expand(config: &Config) -> Expansion {
    let exclude = Exclusions::new(&config.exclude);
    let mut expansion = Expansion::default();
    let mut seen = BTreeSet::new();
    let mut push = |expansion: &mut Expansion, input: Input| {
        if seen.insert(input.path.clone()) {
            expansion.inputs.push(input);
        }
    };
    for root in &config.inputs {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => walk(config, root, &exclude, &mut expansion, &mut push),
            Ok(_) => {
                let rel = root.file_name().map_or_else(|| root.clone(), PathBuf::from);
                push(
                    &mut expansion,
                    Input {
                        path: root.clone(),
                        name: root.display().to_string(),
                        rel,
                        problem: None,
                    },
                );
            }
            Err(err) => {
                let problem = Failure::from_error(&Error::Io {
                    path: root.clone(),
                    source: err,
                });
                let rel = root.file_name().map_or_else(|| root.clone(), PathBuf::from);
                push(
                    &mut expansion,
                    Input {
                        path: root.clone(),
                        name: root.display().to_string(),
                        rel,
                        problem: Some(problem),
                    },
                );
            }
        }
    }
    expansion
}

fn walk(
    config: &Config,
    root: &Path,
    exclude: &Exclusions,
    expansion: &mut Expansion,
    push: &mut impl FnMut(&mut Expansion, Input),
) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(config.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(is_hidden(e.file_name()) || exclude.contains(e.path()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("symbolic link loop"));
                let problem = Failure::from_error(&Error::Io {
                    path: path.clone(),
                    source,
                });
                push(
                    expansion,
                    Input {
                        name: path.display().to_string(),
                        path,
                        rel,
                        problem: Some(problem),
                    },
                );
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.path();
        if kind.is_symlink() {
            let reason = "symbolic link, not followed (use --follow)".to_owned();
            expansion.ignored.push(Ignored {
                path: path.display().to_string(),
                reason,
            });
            continue;
        }
        if !kind.is_file() {
            expansion.ignored.push(Ignored {
                path: path.display().to_string(),
                reason: "not a regular file".to_owned(),
            });
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if let Some(glob) = &config.glob
            && !glob.is_match(&rel)
            && !glob.is_match(entry.file_name())
        {
            continue;
        }
        push(
            expansion,
            Input {
                path: path.to_path_buf(),
                name: path.display().to_string(),
                rel,
                problem: None,
            },
        );
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// This run's own outputs, canonicalized, so a walk over a tree that holds
/// them does not convert its own JSON.
#[derive(Debug)]
struct Exclusions(Vec<PathBuf>);

impl Exclusions {
    fn new(paths: &[PathBuf]) -> Self {
        Self(
            paths
                .iter()
                .filter_map(|p| canonical_even_if_missing(p))
                .collect(),
        )
    }

    fn contains(&self, path: &Path) -> bool {
        // Compare names first: canonicalizing every entry of a large archive is costly.
        let name = path.file_name();
        self.0
            .iter()
            .any(|ex| ex.file_name() == name && fs::canonicalize(path).is_ok_and(|c| &c == ex))
    }
}

/// The canonical path of `path`, or of its directory joined with its name when it does not exist yet.
fn canonical_even_if_missing(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok().or_else(|| {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(fs::canonicalize(parent).ok()?.join(path.file_name()?))
    })
}

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Converted and written.
    Converted,
    /// Skipped: the output is newer than the input and the program.
    UpToDate,
    /// Not converted; see [`FileReport::error`].
    Failed,
    /// Not started, because an earlier file failed under `fail_fast`.
    NotAttempted,
}

/// The outcome for one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The input's name, as recorded in `source.name`.
    pub input: String,
    /// The output file, for directory output.
    pub output: Option<String>,
    /// What happened.
    pub status: Status,
    /// Size of the input in bytes (0 when it could not be read).
    pub bytes: u64,
    /// The encoding it was read in.
    pub encoding: Option<String>,
    /// Number of diagnostics of each code in its document.
    pub diagnostics: BTreeMap<String, usize>,
    /// Why it failed.
    pub error: Option<Failure>,
}

impl FileReport {
    fn new(input: &Input) -> Self {
        Self {
            input: input.name.clone(),
            output: None,
            status: Status::Failed,
            bytes: 0,
            encoding: None,
            diagnostics: BTreeMap::new(),
            error: None,
        }
    }

    fn failed(mut self, failure: Failure) -> Self {
        self.status = Status::Failed;
        self.error = Some(failure);
        self
    }
}

/// Counts over the whole batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Inputs listed.
    pub files: usize,
    /// Inputs converted.
    pub converted: usize,
    /// Inputs skipped as up to date.
    pub up_to_date: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Inputs not started after a failure under `fail_fast`.
    pub not_attempted: usize,
    /// Bytes read and decoded.
    pub bytes_read: u64,
    /// Diagnostics of each code over all documents.
    pub diagnostics: BTreeMap<String, usize>,
}

/// Wall-clock figures of the run (the only part of a report that varies between runs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Timing {
    /// Seconds from the first file started to the last one written.
    pub seconds: f64,
    /// Throughput: megabytes (10^6 bytes) read per second.
    pub mb_per_s: f64,
}

/// The machine-readable report of a batch (`--report FILE`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Version of avtale that ran.
    pub avtale_version: &'static str,
    /// Schema version of the documents written.
    pub schema_version: &'static str,
    /// One entry per input, in input order.
    pub files: Vec<FileReport>,
    /// Entries of directories passed over on purpose.
    pub ignored: Vec<Ignored>,
    /// Counts.
    pub totals: Totals,
    /// Speed.
    pub timing: Timing,
}

impl Report {
    /// Whether every input was converted or up to date.
    pub fn succeeded(&self) -> bool {
        self.totals.failed == 0 && self.totals.not_attempted == 0
    }
}

/// One converted input on its way from a worker to the writer.
#[derive(Debug)]
struct Converted {
    report: FileReport,
    /// The compact JSON line, for JSON Lines output.
    line: Option<Vec<u8>>,
}

/// Converts every input of `expansion`, calling `on_file` with each
/// outcome in input order (for progress and messages).
///
/// # Errors
/// Only for the batch as a whole: the output directory or the JSON Lines
/// stream cannot be created or written (a closed standard output gives
/// `BrokenPipe`). Failures of single files are in the report.
pub fn run(
    config: &Config,
    expansion: Expansion,
    mut on_file: impl FnMut(&FileReport),
) -> io::Result<Report> {
    let started = Instant::now();
    let Expansion { inputs, ignored } = expansion;
    let outputs: Vec<Option<PathBuf>> = match &config.sink {
        Sink::Dir(out) => {
            fs::create_dir_all(out)
                .map_err(|e| with_path(out, "cannot create the output directory", &e))?;
            let rels: Vec<PathBuf> = inputs.iter().map(|i| i.rel.clone()).collect();
            output::assign_outputs(&rels)
                .into_iter()
                .map(Some)
                .collect()
        }
        Sink::JsonlFile(_) | Sink::Stdout => vec![None; inputs.len()],
    };
    let mut jsonl = match &config.sink {
        Sink::Dir(_) => None,
        Sink::JsonlFile(path) => {
            Some(JsonLines::create(path).map_err(|e| with_path(path, "cannot create", &e))?)
        }
        Sink::Stdout => Some(JsonLines::stdout()),
    };
    // A newer avtale may convert differently: its outputs supersede older ones.
    let program_time = std::env::current_exe()
        .and_then(fs::metadata)
        .and_then(|m| m.modified())
        .ok();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .map_err(io::Error::other)?;
    let window = Window::new(4 * pool.current_num_threads() + 8);
    let stop = AtomicBool::new(false);
    let mut files = Vec::with_capacity(inputs.len());
    let mut write_error = None;
    let (tx, rx) = mpsc::channel::<(usize, Converted)>();
    std::thread::scope(|scope| {
        let (inputs, outputs, window, stop, pool) = (&inputs, &outputs, &window, &stop, &pool);
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .iter()
                    .zip(outputs)
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, (input, rel))| {
                        window.wait_for_turn(i);
                        let converted = if stop.load(Ordering::Relaxed) {
                            let mut report = FileReport::new(input);
                            report.status = Status::NotAttempted;
                            Converted { report, line: None }
                        } else {
                            convert(config, input, rel.as_deref(), program_time)
                        };
                        // Set by the worker, not the writer, so that with one job no
                        // later file is started after a failure.
                        if config.fail_fast && converted.report.status == Status::Failed {
                            stop.store(true, Ordering::Relaxed);
                        }
                        // The receiver outlives every sender; a failed send cannot happen.
                        let _ = tx.send((i, converted));
                    });
            });
        });
        // Reorder: emit strictly in input order, holding early finishers.
        let mut pending = BTreeMap::new();
        for (i, converted) in &rx {
            pending.insert(i, converted);
            while let Some(Converted { report, line }) = pending.remove(&files.len()) {
                if let (Some(stream), Some(line), None) = (&mut jsonl, &line, &write_error)
                    && let Err(err) = stream.write_line(line)
                {
                    write_error = Some(err);
                    stop.store(true, Ordering::Relaxed);
                }
                on_file(&report);
                files.push(report);
                window.advance(files.len());
            }
        }
    });
    if let Some(err) = write_error {
        return Err(err);
    }
    if let Some(stream) = jsonl {
        stream.finish()?;
    }
    Ok(report(files, ignored, started.elapsed().as_secs_f64()))
}

/// An I/O error that names the path and what was being done, keeping its kind.
fn with_path(path: &Path, doing: &str, err: &io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {doing}: {err}", path.display()))
}

fn report(files: Vec<FileReport>, ignored: Vec<Ignored>, seconds: f64) -> Report {
    let mut totals = Totals {
        files: files.len(),
        ..Totals::default()
    };
    for file in &files {
        match file.status {
            Status::Converted => totals.converted += 1,
            Status::UpToDate => totals.up_to_date += 1,
            Status::Failed => totals.failed += 1,
            Status::NotAttempted => totals.not_attempted += 1,
        }
        if file.status != Status::UpToDate {
            totals.bytes_read += file.bytes;
        }
        for (code, n) in &file.diagnostics {
            *totals.diagnostics.entry(code.clone()).or_default() += n;
        }
    }
    let mb_per_s = if seconds > 0.0 {
        totals.bytes_read as f64 / 1e6 / seconds
    } else {
        0.0
    };
    Report {
        avtale_version: env!("CARGO_PKG_VERSION"),
        schema_version: crate::model::SCHEMA_VERSION,
        files,
        ignored,
        totals,
        timing: Timing { seconds, mb_per_s },
    }
}

/// Converts one input: up-to-date check, read, decode, parse, write.
fn convert(
    config: &Config,
    input: &Input,
    rel: Option<&Path>,
    program_time: Option<SystemTime>,
) -> Converted {
    let report = FileReport::new(input);
    let failed = |report: FileReport, failure| Converted {
        report: report.failed(failure),
        line: None,
    };
    if let Some(problem) = &input.problem {
        return failed(report, problem.clone());
    }
    let target = match (&config.sink, rel) {
        (Sink::Dir(out), Some(rel)) => Some((out, rel)),
        _ => None,
    };
    if let (Some((out, rel)), false) = (target, config.force) {
        let path = out.join(output::safe_relative(rel));
        if output::is_up_to_date(&input.path, &path, program_time) {
            let bytes = fs::metadata(&input.path).map_or(0, |m| m.len());
            let report = FileReport {
                status: Status::UpToDate,
                output: Some(path.display().to_string()),
                bytes,
                ..report
            };
            return Converted { report, line: None };
        }
    }
    let bytes = match read_limited(&input.path, config.max_bytes) {
        Ok(bytes) => bytes,
        Err(err) => return failed(report, Failure::from_error(&err)),
    };
    let mut report = FileReport {
        bytes: bytes.len() as u64,
        ..report
    };
    // The parser must never panic; if it does anyway, one file fails, not the batch.
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        crate::parse_bytes(&input.name, &bytes, config.max_bytes)
    }));
    let doc = match parsed {
        Ok(Ok(doc)) => doc,
        Ok(Err(err)) => return failed(report, Failure::from_error(&err)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = format!(
                "{}: internal error, the parser panicked ({what}); please report this file",
                input.name
            );
            return failed(report, Failure::new("panic", message));
        }
    };
    report.encoding = Some(doc.source.encoding.clone());
    for diagnostic in &doc.diagnostics {
        *report
            .diagnostics
            .entry(diagnostic.code.as_str().to_owned())
            .or_default() += 1;
    }
    let Some((out, rel)) = target else {
        return match serde_json::to_vec(&doc) {
            Ok(line) => Converted {
                report: FileReport {
                    status: Status::Converted,
                    ..report
                },
                line: Some(line),
            },
            Err(err) => failed(
                report,
                Failure::new("write", format!("{}: cannot serialize: {err}", input.name)),
            ),
        };
    };
    match write_document(&doc, out, rel, &input.path) {
        Ok(path) => {
            let report = FileReport {
                status: Status::Converted,
                output: Some(path.display().to_string()),
                ..report
            };
            Converted { report, line: None }
        }
        Err(err) => failed(
            report,
            Failure::new(
                "write",
                format!("{}: cannot write output: {err}", input.name),
            ),
        ),
    }
}

/// Writes one pretty document under `out`, atomically; refuses to overwrite the input itself.
fn write_document(
    doc: &crate::Document,
    out: &Path,
    rel: &Path,
    input: &Path,
) -> io::Result<PathBuf> {
    let mut json = serde_json::to_vec_pretty(doc).map_err(io::Error::other)?;
    json.push(b'\n');
    let path = output::prepare(out, rel)?;
    if path.exists() && fs::canonicalize(&path).ok() == fs::canonicalize(input).ok() {
        return Err(io::Error::other(format!(
            "{} is the input itself",
            path.display()
        )));
    }
    output::write_atomic(&path, &json)?;
    Ok(path)
}

/// Reads a file, refusing it by its size before reading a byte of it.
fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let file = fs::File::open(path).map_err(io_error)?;
    let len = file.metadata().map_err(io_error)?.len();
    if len > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            bytes: len,
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // A file that grows while being read still cannot exceed the limit in memory;
    // decoding then refuses it by its size.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    Ok(bytes)
}

/// Keeps workers within `size` inputs of the oldest one not yet emitted.
///
/// Inputs are taken in order, so the worker holding the oldest one never
/// waits here, and the batch cannot deadlock.
#[derive(Debug)]
struct Window {
    emitted: Mutex<usize>,
    moved: Condvar,
    size: usize,
}

impl Window {
    fn new(size: usize) -> Self {
        Self {
            emitted: Mutex::new(0),
            moved: Condvar::new(),
            size,
        }
    }

    fn wait_for_turn(&self, index: usize) {
        let mut emitted = self.emitted.lock().unwrap_or_else(PoisonError::into_inner);
        while index >= *emitted + self.size {
            emitted = self
                .moved
                .wait(emitted)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn advance(&self, emitted: usize) {
        *self.emitted.lock().unwrap_or_else(PoisonError::into_inner) = emitted;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (rel, bytes) in files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
            fs::write(path, bytes).expect("write");
        }
        dir
    }

    fn rels(expansion: &Expansion) -> Vec<String> {
        expansion
            .inputs
            .iter()
            .map(|i| i.rel.display().to_string())
            .collect()
    }

    #[test]
    fn directories_are_walked_sorted_skipping_hidden_entries() {
        let dir = tree(&[
            ("b.txt", b"b"),
            ("a/z.txt", b"z"),
            ("a/y.md", b"y"),
            (".git/x", b"x"),
            (".DS_Store", b"\0"),
        ]);
        let config = Config::new(vec![dir.path().to_owned()], Sink::Stdout);
        assert_eq!(rels(&expand(&config)), ["a/y.md", "a/z.txt", "b.txt"]);
    }

    #[test]
    fn globs_select_files_in_directories_by_path_or_name() {
        let dir = tree(&[
            ("keep.txt", b"k"),
            ("sub/keep2.txt", b"k"),
            ("skip.pdf", b"s"),
        ]);
        let mut config = Config::new(vec![dir.path().to_owned()], Sink::Stdout);
        config.glob = compile_globs(&["*.txt".to_owned()]).expect("valid glob");
        assert_eq!(rels(&expand(&config)), ["keep.txt", "sub/keep2.txt"]);
        config.glob = compile_globs(&["keep2.*".to_owned()]).expect("valid glob");
        assert_eq!(
            rels(&expand(&config)),
            ["sub/keep2.txt"],
            "matched by file name alone"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_in_directories_are_followed_only_when_asked() {
        let outside = tree(&[("secret.txt", b"s")]);
        let dir = tree(&[("a.txt", b"a")]);
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("link.txt"),
        )
        .expect("symlink");
        let mut config = Config::new(vec![dir.path().to_owned()], Sink::Stdout);
        let expansion = expand(&config);
        assert_eq!(rels(&expansion), ["a.txt"]);
        assert_eq!(
            expansion.ignored.len(),
            1,
            "the link is listed as passed over"
        );
        config.follow_links = true;
        assert_eq!(rels(&expand(&config)), ["a.txt", "link.txt"]);
    }

    #[test]
    fn a_missing_input_is_a_failure_in_its_place() {
        let dir = tree(&[("a.txt", b"a")]);
        let config = Config::new(
            vec![dir.path().join("missing.txt"), dir.path().join("a.txt")],
            Sink::Stdout,
        );
        let expansion = expand(&config);
        assert_eq!(rels(&expansion), ["missing.txt", "a.txt"]);
        assert_eq!(
            expansion.inputs[0]
                .problem
                .as_ref()
                .map(|p| p.kind.as_str()),
            Some("io")
        );
    }

    #[test]
    fn the_output_directory_inside_the_input_tree_is_not_read_back() {
        let dir = tree(&[("a.txt", b"a"), ("out/a.json", b"{}")]);
        let config = Config::new(
            vec![dir.path().to_owned()],
            Sink::Dir(dir.path().join("out")),
        );
        assert_eq!(rels(&expand(&config)), ["a.txt"]);
    }

    #[test]
    fn failure_kinds_are_the_error_codes() {
        let err = Error::TooLarge {
            path: "x".into(),
            bytes: 2,
            limit: 1,
        };
        assert_eq!(Failure::from_error(&err).kind, "too-large");
    }

    #[test]
    fn the_window_lets_the_oldest_input_through() {
        let window = Window::new(2);
        window.wait_for_turn(0);
        window.wait_for_turn(1);
        window.advance(1);
        window.wait_for_turn(2);
    }
}
