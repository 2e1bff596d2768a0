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
//! Memory is bounded by the largest documents, not by the number of files:
//! directories are listed lazily (one directory's entries at a time);
//! workers take inputs in order and may run at most a fixed window ahead of
//! the oldest document not yet written, so a slow file never makes the batch
//! hold the whole archive; outcomes are folded into running totals and
//! streamed to the `--report` file, in input order, as they complete.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, TryLockError};
use std::time::{Instant, SystemTime};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::output::{self, JsonStyle, OutStream, OutputNames, Staging};

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
    /// Where to write the JSON report (`--report`), entry by entry as files complete.
    pub report: Option<PathBuf>,
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
            report: None,
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

/// Lists the files behind `config.inputs`, lazily, in order: files as
/// given, directories walked recursively in file-name order, hidden entries
/// (`.name`) in directories skipped, symbolic links inside directories
/// passed over unless `follow_links`, `glob` applied to files found in
/// directories (matched against the path below the directory and against
/// the file name). A file listed once is not listed again (`a/ a/x.txt`).
///
/// Inputs that do not exist, and walk errors (unreadable directories, link
/// loops), become inputs with a [`Input::problem`], so they are reported
/// in order with the rest. Entries passed over on purpose go to `on_ignored`,
/// in walk order, as they are met.
///
/// Memory: one directory listing at a time (the walk sorts each directory's
/// entries), not the list of all files; paths are remembered for the
/// duplicate check only when a later input overlaps them.
pub fn inputs<'a>(config: &'a Config, on_ignored: impl FnMut(Ignored) + Send + 'a) -> Inputs<'a> {
    let mut last_root = BTreeMap::new();
    for (i, root) in config.inputs.iter().enumerate() {
        last_root.insert(root.as_path(), i);
    }
    Inputs {
        config,
        exclude: Exclusions::new(config.exclude.iter().chain(&config.report)),
        next_root: 0,
        walk: None,
        last_root,
        seen: BTreeSet::new(),
        on_ignored: Box::new(on_ignored),
    }
}

/// The iterator of [`inputs`].
pub struct Inputs<'a> {
    config: &'a Config,
    exclude: Exclusions,
    /// Index in `config.inputs` of the next input to start.
    next_root: usize,
    /// The directory walk under way, and its root.
    walk: Option<(&'a Path, walkdir::IntoIter)>,
    /// Each input path given, with the index of its last occurrence: a file
    /// at or below one given later may be met again.
    last_root: BTreeMap<&'a Path, usize>,
    /// Files listed that a later input may list again.
    seen: BTreeSet<PathBuf>,
    on_ignored: Box<dyn FnMut(Ignored) + Send + 'a>,
}

impl std::fmt::Debug for Inputs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("next_root", &self.next_root)
            .field("seen", &self.seen.len())
            .finish_non_exhaustive()
    }
}

impl Iterator for Inputs<'_> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let input = if let Some((root, walk)) = &mut self.walk {
                let Some(entry) = walk.next() else {
                    self.walk = None;
                    continue;
                };
                match found(
                    self.config,
                    &self.exclude,
                    root,
                    walk,
                    entry,
                    &mut *self.on_ignored,
                ) {
                    Some(input) => input,
                    None => continue,
                }
            } else {
                let config = self.config;
                let root = config.inputs.get(self.next_root)?;
                self.next_root += 1;
                match self.given(root) {
                    Some(input) => input,
                    None => continue,
                }
            };
            if self.first_time(&input.path) {
                return Some(input);
            }
        }
    }
}

impl<'a> Inputs<'a> {
    /// The input for a path given: a file, or a missing path; a directory starts its walk.
    fn given(&mut self, root: &'a Path) -> Option<Input> {
        let rel = root
            .file_name()
            .map_or_else(|| root.to_owned(), PathBuf::from);
        let problem = match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => {
                self.walk = Some((root, walker(self.config, root)));
                return None;
            }
            Ok(_) => None,
            Err(err) => Some(Failure::from_error(&Error::Io {
                path: root.to_owned(),
                source: err,
            })),
        };
        Some(Input {
            path: root.to_owned(),
            name: root.display().to_string(),
            rel,
            problem,
        })
    }

    /// Whether `path` was not listed before; remembers it if a later input may list it again.
    fn first_time(&mut self, path: &Path) -> bool {
        if self.seen.contains(path) {
            return false;
        }
        // The input being listed is the one before `next_root`.
        let current = self.next_root.saturating_sub(1);
        if path
            .ancestors()
            .any(|a| self.last_root.get(a).is_some_and(|&last| last > current))
        {
            self.seen.insert(path.to_owned());
        }
        true
    }
}

fn walker(config: &Config, root: &Path) -> walkdir::IntoIter {
    walkdir::WalkDir::new(root)
        .follow_links(config.follow_links)
        .sort_by_file_name()
        .into_iter()
}

/// The input for one entry of a walk, if it is a file to convert or an error.
fn found(
    config: &Config,
    exclude: &Exclusions,
    root: &Path,
    walk: &mut walkdir::IntoIter,
    entry: walkdir::Result<walkdir::DirEntry>,
    on_ignored: &mut dyn FnMut(Ignored),
) -> Option<Input> {
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
            return Some(Input {
                name: path.display().to_string(),
                path,
                rel,
                problem: Some(problem),
            });
        }
    };
    let kind = entry.file_type();
    if entry.depth() > 0 && (is_hidden(entry.file_name()) || exclude.contains(entry.path())) {
        if kind.is_dir() {
            walk.skip_current_dir();
        }
        return None;
    }
    if kind.is_dir() {
        return None;
    }
    let path = entry.path();
    let reason = if kind.is_symlink() {
        "symbolic link, not followed (use --follow)"
    } else if !kind.is_file() {
        "not a regular file"
    } else {
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        if let Some(glob) = &config.glob
            && !glob.is_match(&rel)
            && !glob.is_match(entry.file_name())
        {
            return None;
        }
        return Some(Input {
            path: path.to_path_buf(),
            name: path.display().to_string(),
            rel,
            problem: None,
        });
    };
    on_ignored(Ignored {
        path: path.display().to_string(),
        reason: reason.to_owned(),
    });
    None
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// This run's own outputs, canonicalized, so a walk over a tree that holds
/// them does not convert its own JSON.
#[derive(Debug)]
struct Exclusions(Vec<PathBuf>);

impl Exclusions {
    fn new<'p>(paths: impl Iterator<Item = &'p PathBuf>) -> Self {
        Self(paths.filter_map(|p| canonical_even_if_missing(p)).collect())
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

impl Totals {
    fn add(&mut self, file: &FileReport) {
        self.files += 1;
        match file.status {
            Status::Converted => self.converted += 1,
            Status::UpToDate => self.up_to_date += 1,
            Status::Failed => self.failed += 1,
            Status::NotAttempted => self.not_attempted += 1,
        }
        if file.status != Status::UpToDate {
            self.bytes_read += file.bytes;
        }
        for (code, n) in &file.diagnostics {
            *self.diagnostics.entry(code.clone()).or_default() += n;
        }
    }
}

/// The outcome of a batch: running totals, not one entry per input (those
/// go to `on_file` and to the `--report` file as they complete).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Counts.
    pub totals: Totals,
    /// Entries of directories passed over on purpose.
    pub ignored: usize,
    /// Speed.
    pub timing: Timing,
}

impl Summary {
    /// Whether every input was converted or up to date.
    pub fn succeeded(&self) -> bool {
        self.totals.failed == 0 && self.totals.not_attempted == 0
    }
}

/// The `--report` file, written as the batch goes: one entry per input in
/// input order, then the entries passed over, the totals and the timing.
///
/// The bytes are those of `serde_json::to_vec_pretty` over the whole report
/// (`avtale_version`, `schema_version`, `files`, `ignored`, `totals`,
/// `timing`), so the file reads as before while nothing is held per input.
/// It appears, complete, when the batch ends ([`OutStream::finish`]).
#[derive(Debug)]
struct ReportFile {
    out: OutStream,
    files: usize,
    /// Entries passed over, spilled to an unnamed file: they are met during
    /// the walk but belong after the last file entry.
    ignored: BufWriter<fs::File>,
    ignored_count: usize,
}

impl ReportFile {
    fn create(path: &Path) -> io::Result<Self> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut out = OutStream::create(path)?;
        let spill = tempfile::tempfile_in(dir).or_else(|_| tempfile::tempfile())?;
        write!(
            out,
            "{{\n  \"avtale_version\": {},\n  \"schema_version\": {},\n  \"files\": [",
            json_string(env!("CARGO_PKG_VERSION")),
            json_string(crate::model::SCHEMA_VERSION)
        )?;
        Ok(Self {
            out,
            files: 0,
            ignored: BufWriter::new(spill),
            ignored_count: 0,
        })
    }

    fn file(&mut self, file: &FileReport) -> io::Result<()> {
        array_item(&mut self.out, self.files, file)?;
        self.files += 1;
        Ok(())
    }

    fn ignored(&mut self, entry: &Ignored) -> io::Result<()> {
        array_item(&mut self.ignored, self.ignored_count, entry)?;
        self.ignored_count += 1;
        Ok(())
    }

    fn finish(mut self, totals: &Totals, timing: &Timing) -> io::Result<()> {
        close_array(&mut self.out, self.files)?;
        self.out.write_all(b",\n  \"ignored\": [")?;
        let mut spill = self
            .ignored
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        spill.seek(SeekFrom::Start(0))?;
        io::copy(&mut spill, &mut self.out)?;
        close_array(&mut self.out, self.ignored_count)?;
        self.out.write_all(b",\n  \"totals\": ")?;
        self.out.write_all(&pretty(totals, b"  ")?)?;
        self.out.write_all(b",\n  \"timing\": ")?;
        self.out.write_all(&pretty(timing, b"  ")?)?;
        self.out.write_all(b"\n}\n")?;
        self.out.finish()
    }
}

/// `value` as pretty JSON nested at `indent`: every line after the first indented.
fn pretty(value: &impl Serialize, indent: &[u8]) -> io::Result<Vec<u8>> {
    let json = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    let mut nested = Vec::with_capacity(json.len() + json.len() / 8);
    // Newlines in JSON text are always escaped inside strings: every raw one is a line break.
    for &byte in &json {
        nested.push(byte);
        if byte == b'\n' {
            nested.extend_from_slice(indent);
        }
    }
    Ok(nested)
}

/// Writes `value` as element number `index` of an array that is the value of a top-level key.
fn array_item(out: &mut impl Write, index: usize, value: &impl Serialize) -> io::Result<()> {
    out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
    out.write_all(&pretty(value, b"    ")?)
}

/// Closes an array opened with `[`, as serde_json's pretty printer does (`[]` when empty).
fn close_array(out: &mut impl Write, len: usize) -> io::Result<()> {
    out.write_all(if len == 0 { b"]" } else { b"\n  ]" })
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// One converted input on its way from a worker to the writer.
#[derive(Debug)]
struct Converted {
    report: FileReport,
    /// The compact JSON line, for JSON Lines output.
    line: Option<Vec<u8>>,
}

/// Outcomes that finished before an older one, and the number of the next
/// input to emit. Held only to file or take outcomes, never while writing.
#[derive(Debug, Default)]
struct Outbox {
    pending: BTreeMap<usize, Converted>,
    next: usize,
}

impl Outbox {
    /// Takes the outcomes now due, in order.
    fn take_due(&mut self) -> Vec<Converted> {
        let mut due = Vec::new();
        while let Some(converted) = self.pending.remove(&self.next) {
            due.push(converted);
            self.next += 1;
        }
        due
    }
}

/// Buffers for JSON lines, handed back once their lines are written: a batch allocates
/// as many as it has lines in flight, not one of each document's size per file (sizes that
/// vary from file to file leave the allocator's pages of many size classes emptied and
/// refilled, and the kernel zeroing them again after the allocator returned them).
#[derive(Debug, Default)]
struct LineBuffers(Mutex<Vec<Vec<u8>>>);

impl LineBuffers {
    /// An empty buffer, with the capacity of an earlier line if one was handed back.
    fn take(&self) -> Vec<u8> {
        let mut spare = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        spare.pop().unwrap_or_default()
    }

    /// Keeps the buffers of `lines` for later [`LineBuffers::take`]s.
    fn give_back(&self, lines: impl IntoIterator<Item = Vec<u8>>) {
        let mut spare = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        spare.extend(lines.into_iter().map(|mut line| {
            line.clear();
            line
        }));
    }
}

/// The outputs of a batch, written in input order by the workers
/// themselves: no writer thread, so no wake-up of one per file (a futex wake
/// and a context switch on every file, about 4% of a batch's CPU time on
/// this machine, and a third thread competing for the cores with `--jobs 2`).
struct Emitter<F> {
    jsonl: Option<OutStream>,
    /// JSON lines (newline included) not yet written to `jsonl`: written together, in one
    /// vectored write, once they hold [`output::STREAM_BUFFER`] bytes, instead of each
    /// copied into the stream's buffer.
    held: Vec<Vec<u8>>,
    held_bytes: usize,
    report: Option<ReportFile>,
    totals: Totals,
    ignored: usize,
    /// The first error writing the JSON Lines or the report; the batch stops.
    write_error: Option<io::Error>,
    on_file: F,
}

/// Files an outcome and writes every outcome now due, unless another worker
/// is writing: a worker never waits for another's writes (a flush of the
/// stream's buffer takes a while). Whoever writes looks again after letting
/// go, so an outcome filed meanwhile is not left behind.
fn emit<F: FnMut(&FileReport)>(
    outbox: &Mutex<Outbox>,
    emitter: &Mutex<Emitter<F>>,
    (window, lines): (&Window, &LineBuffers),
    stop: &AtomicBool,
    (index, converted): (usize, Converted),
) {
    let lock_outbox = || outbox.lock().unwrap_or_else(PoisonError::into_inner);
    lock_outbox().pending.insert(index, converted);
    loop {
        let mut writer = match emitter.try_lock() {
            Ok(writer) => writer,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        loop {
            let due = lock_outbox().take_due();
            if due.is_empty() {
                break;
            }
            for converted in due {
                writer.emit(converted, stop, lines);
            }
            window.advance(writer.totals.files);
        }
        drop(writer);
        let outbox = lock_outbox();
        if !outbox.pending.contains_key(&outbox.next) {
            return;
        }
    }
}

impl<F: FnMut(&FileReport)> Emitter<F> {
    /// Writes one outcome, the next in input order (its JSON line possibly held for the
    /// next [`Emitter::write_held`]).
    fn emit(&mut self, converted: Converted, stop: &AtomicBool, lines: &LineBuffers) {
        let Converted { report: file, line } = converted;
        if let Some(mut line) = line {
            if self.jsonl.is_some() && self.write_error.is_none() {
                line.push(b'\n');
                self.held_bytes += line.len();
                self.held.push(line);
                if self.held_bytes >= output::STREAM_BUFFER {
                    self.write_held(stop, lines);
                }
            } else {
                lines.give_back([line]);
            }
        }
        if let (Some(report), None) = (&mut self.report, &self.write_error)
            && let Err(err) = report.file(&file)
        {
            self.fail(err, stop);
        }
        self.totals.add(&file);
        (self.on_file)(&file);
    }

    /// Writes the JSON lines held and hands their buffers back.
    fn write_held(&mut self, stop: &AtomicBool, lines: &LineBuffers) {
        if let (Some(stream), None) = (&mut self.jsonl, &self.write_error)
            && let Err(err) = stream.write_lines(&self.held)
        {
            self.fail(err, stop);
        }
        self.held_bytes = 0;
        lines.give_back(self.held.drain(..));
    }

    /// An entry the walk passed over.
    fn ignored(&mut self, entry: &Ignored, stop: &AtomicBool) {
        self.ignored += 1;
        if let Some(Err(err)) = self.report.as_mut().map(|r| r.ignored(entry)) {
            self.fail(err, stop);
        }
    }

    fn fail(&mut self, err: io::Error, stop: &AtomicBool) {
        if self.write_error.is_none() {
            self.write_error = Some(err);
        }
        stop.store(true, Ordering::Relaxed);
    }
}

/// Converts every input of `config` (listed lazily by [`inputs`]), calling
/// `on_file` with each outcome in input order (for progress and messages;
/// from the worker threads, one call at a time), and writes the `--report`
/// file as it goes.
///
/// Memory is bounded by the documents in flight, not by the number of
/// inputs: outcomes are folded into running [`Totals`] and streamed to the
/// report; with `--out`, a first pass over the listing counts output names
/// (about 25 bytes per input, see [`OutputNames`]).
///
/// # Errors
/// Only for the batch as a whole: the output directory, the JSON Lines
/// stream or the report cannot be created or written (a closed standard
/// output gives `BrokenPipe`). Failures of single files are in the report.
pub fn run(config: &Config, on_file: impl FnMut(&FileReport) + Send) -> io::Result<Summary> {
    let started = Instant::now();
    let mut names = match &config.sink {
        Sink::Dir(out) => {
            fs::create_dir_all(out)
                .map_err(|e| with_path(out, "cannot create the output directory", &e))?;
            Some(OutputNames::new(inputs(config, |_| {}).map(|i| i.rel)))
        }
        Sink::JsonlFile(_) | Sink::Stdout => None,
    };
    let jsonl = match &config.sink {
        Sink::Dir(_) => None,
        Sink::JsonlFile(path) => {
            Some(OutStream::create(path).map_err(|e| with_path(path, "cannot create", &e))?)
        }
        Sink::Stdout => Some(OutStream::stdout()),
    };
    let report = match &config.report {
        Some(path) => Some(
            ReportFile::create(path).map_err(|e| with_path(path, "cannot write the report", &e))?,
        ),
        None => None,
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
    let staging = match &config.sink {
        Sink::Dir(out) => Some(
            Staging::new(out, pool.current_num_threads())
                .map_err(|e| with_path(out, "cannot create a temporary directory", &e))?,
        ),
        Sink::JsonlFile(_) | Sink::Stdout => None,
    };
    let stop = AtomicBool::new(false);
    let outbox = Mutex::new(Outbox::default());
    let lines = LineBuffers::default();
    let emitter = Mutex::new(Emitter {
        jsonl,
        held: Vec::new(),
        held_bytes: 0,
        report,
        totals: Totals::default(),
        ignored: 0,
        write_error: None,
        on_file,
    });
    let lock = || emitter.lock().unwrap_or_else(PoisonError::into_inner);
    // Taken in order under rayon's lock, so names and indices follow input order.
    let work = inputs(config, |entry| lock().ignored(&entry, &stop))
        .map(move |input| {
            let rel = names.as_mut().map(|names| names.assign(&input.rel));
            (input, rel)
        })
        .enumerate();
    pool.install(|| {
        work.par_bridge().for_each(|(i, (input, rel))| {
            window.wait_for_turn(i);
            let converted = if stop.load(Ordering::Relaxed) {
                let mut report = FileReport::new(&input);
                report.status = Status::NotAttempted;
                Converted { report, line: None }
            } else {
                // Each worker stages its temporary files in its own directory.
                let staging = staging
                    .as_ref()
                    .map(|s| s.dir(rayon::current_thread_index().unwrap_or(0)));
                convert(
                    config,
                    &input,
                    rel.as_deref(),
                    program_time,
                    staging,
                    &lines,
                )
            };
            // Set by the worker, not the writer, so that with one job no
            // later file is started after a failure.
            if config.fail_fast && converted.report.status == Status::Failed {
                stop.store(true, Ordering::Relaxed);
            }
            emit(&outbox, &emitter, (&window, &lines), &stop, (i, converted));
        });
    });
    // Every outcome was written by the worker that filed it or by the one
    // writing then; this only guards the promise of one entry per input.
    for converted in outbox
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .take_due()
    {
        lock().emit(converted, &stop, &lines);
    }
    lock().write_held(&stop, &lines);
    let Emitter {
        jsonl,
        report,
        totals,
        ignored,
        write_error,
        ..
    } = emitter.into_inner().unwrap_or_else(PoisonError::into_inner);
    if let Some(err) = write_error {
        return Err(err);
    }
    if let Some(stream) = jsonl {
        stream.finish()?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let mb_per_s = if seconds > 0.0 {
        totals.bytes_read as f64 / 1e6 / seconds
    } else {
        0.0
    };
    let timing = Timing { seconds, mb_per_s };
    if let (Some(report), Some(path)) = (report, &config.report) {
        report
            .finish(&totals, &timing)
            .map_err(|e| with_path(path, "cannot write the report", &e))?;
    }
    Ok(Summary {
        totals,
        ignored,
        timing,
    })
}

/// An I/O error that names the path and what was being done, keeping its kind.
fn with_path(path: &Path, doing: &str, err: &io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {doing}: {err}", path.display()))
}

/// Converts one input: up-to-date check, read, decode, parse, write.
fn convert(
    config: &Config,
    input: &Input,
    rel: Option<&Path>,
    program_time: Option<SystemTime>,
    staging: Option<&Path>,
    lines: &LineBuffers,
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
    thread_local! {
        /// The bytes of the worker's current input: one buffer per worker, grown to its
        /// largest input, instead of an allocation of each file's size.
        static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let read_and_parsed = INPUT.with_borrow_mut(|bytes| {
        read_limited(&input.path, config.max_bytes, bytes)?;
        // The parser must never panic; if it does anyway, one file fails, not the batch.
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            crate::parse_bytes(&input.name, bytes, config.max_bytes)
        }));
        Ok((bytes.len(), parsed))
    });
    let (len, parsed) = match read_and_parsed {
        Ok(read_and_parsed) => read_and_parsed,
        Err(err) => return failed(report, Failure::from_error(&err)),
    };
    let mut report = FileReport {
        bytes: len as u64,
        ..report
    };
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
        // Compact JSON is about 2.3 times the input: at most one allocation, no regrowth.
        let mut line = lines.take();
        line.reserve(len.saturating_mul(3).saturating_add(1024));
        output::append_json(&mut line, &doc, JsonStyle::Compact);
        return Converted {
            report: FileReport {
                status: Status::Converted,
                ..report
            },
            line: Some(line),
        };
    };
    match write_document(&doc, out, rel, &input.path, staging) {
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

/// Writes one pretty document under `out`, atomically and only if its bytes
/// changed; refuses to overwrite the input itself.
fn write_document(
    doc: &crate::Document,
    out: &Path,
    rel: &Path,
    input: &Path,
    staging: Option<&Path>,
) -> io::Result<PathBuf> {
    thread_local! {
        /// The pretty JSON of the worker's current document: one buffer per
        /// worker, grown to its largest document, instead of one per file.
        static PRETTY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    PRETTY.with_borrow_mut(|json| {
        json.clear();
        output::append_json(json, doc, JsonStyle::Pretty);
        json.push(b'\n');
        let path = output::prepare(out, rel)?;
        output::write_if_changed(&path, json, staging, Some(input))?;
        Ok(path)
    })
}

/// Reads a file into `bytes` (emptied first), refusing it by its size before reading a
/// byte of it.
fn read_limited(path: &Path, max_bytes: u64, bytes: &mut Vec<u8>) -> Result<(), Error> {
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
    bytes.clear();
    bytes.reserve(len as usize);
    // A file that grows while being read still cannot exceed the limit in memory;
    // decoding then refuses it by its size.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(bytes)
        .map_err(io_error)?;
    Ok(())
}

/// Keeps workers within `size` inputs of the oldest one not yet emitted.
///
/// Inputs are taken in order, so the worker holding the oldest one never
/// waits here, and the batch cannot deadlock.
#[derive(Debug)]
struct Window {
    state: Mutex<WindowState>,
    moved: Condvar,
    size: usize,
}

#[derive(Debug, Default)]
struct WindowState {
    emitted: usize,
    /// Workers waiting for their turn: only they need a wake-up (a system
    /// call even when nobody waits, so not made on every file).
    waiting: usize,
}

impl Window {
    fn new(size: usize) -> Self {
        Self {
            state: Mutex::new(WindowState::default()),
            moved: Condvar::new(),
            size,
        }
    }

    fn wait_for_turn(&self, index: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while index >= state.emitted + self.size {
            state.waiting += 1;
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
    }

    /// `emitted` inputs are out; workers report in any order, so the count only grows.
    fn advance(&self, emitted: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.emitted = state.emitted.max(emitted);
        if state.waiting > 0 {
            self.moved.notify_all();
        }
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

    /// What [`inputs`] lists, collected.
    struct Expansion {
        inputs: Vec<Input>,
        ignored: Vec<Ignored>,
    }

    fn expand(config: &Config) -> Expansion {
        let ignored = Mutex::new(Vec::new());
        let inputs = inputs(config, |entry| {
            ignored
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(entry);
        })
        .collect();
        let ignored = ignored.into_inner().unwrap_or_else(PoisonError::into_inner);
        Expansion { inputs, ignored }
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
    fn a_file_given_twice_or_inside_a_directory_given_is_listed_once() {
        let dir = tree(&[("a.txt", b"a"), ("sub/b.txt", b"b")]);
        let config = Config::new(
            vec![
                dir.path().join("sub/b.txt"),
                dir.path().to_owned(),
                dir.path().join("a.txt"),
                dir.path().join("sub/b.txt"),
                dir.path().to_owned(),
            ],
            Sink::Stdout,
        );
        assert_eq!(rels(&expand(&config)), ["b.txt", "a.txt"]);
    }

    #[test]
    fn files_of_inputs_that_do_not_overlap_are_not_remembered() {
        let dir = tree(&[("x/a.txt", b"a"), ("y/a.txt", b"a")]);
        let config = Config::new(
            vec![dir.path().join("x"), dir.path().join("y")],
            Sink::Stdout,
        );
        let mut listed = inputs(&config, |_| {});
        assert_eq!(listed.by_ref().count(), 2);
        assert!(listed.seen.is_empty(), "{listed:?}");
    }

    #[test]
    fn the_streamed_report_is_the_pretty_json_of_the_whole() {
        #[derive(Serialize)]
        struct Whole<'a> {
            avtale_version: &'a str,
            schema_version: &'a str,
            files: &'a [FileReport],
            ignored: &'a [Ignored],
            totals: &'a Totals,
            timing: &'a Timing,
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let input = |name: &str| Input {
            path: name.into(),
            name: name.to_owned(),
            rel: name.into(),
            problem: None,
        };
        let mut converted = FileReport::new(&input("a \"quoted\"\nname.txt"));
        converted.status = Status::Converted;
        converted.diagnostics.insert("missing-title".to_owned(), 2);
        let failed = FileReport::new(&input("b.txt")).failed(Failure::new("io", "gone".to_owned()));
        let ignored = Ignored {
            path: "link".to_owned(),
            reason: "symbolic link".to_owned(),
        };
        let timing = Timing {
            seconds: 1.5,
            mb_per_s: 2.0,
        };
        for (files, passed_over) in [
            (vec![], vec![]),
            (vec![converted.clone()], vec![]),
            (vec![converted, failed], vec![ignored.clone(), ignored]),
        ] {
            let path = dir.path().join("report.json");
            let mut report = ReportFile::create(&path).expect("create");
            let mut totals = Totals::default();
            for (i, file) in files.iter().enumerate() {
                if let Some(entry) = passed_over.get(i) {
                    report.ignored(entry).expect("ignored");
                }
                report.file(file).expect("file");
                totals.add(file);
            }
            for entry in passed_over.iter().skip(files.len()) {
                report.ignored(entry).expect("ignored");
            }
            report.finish(&totals, &timing).expect("finish");
            let whole = Whole {
                avtale_version: env!("CARGO_PKG_VERSION"),
                schema_version: crate::model::SCHEMA_VERSION,
                files: &files,
                ignored: &passed_over,
                totals: &totals,
                timing: &timing,
            };
            let mut expected = serde_json::to_vec_pretty(&whole).expect("json");
            expected.push(b'\n');
            let written = fs::read(&path).expect("written");
            assert_eq!(
                String::from_utf8_lossy(&written),
                String::from_utf8_lossy(&expected)
            );
        }
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
