//! Converted documents → files: safe paths under `--out`, atomic writes, up-to-date checks, JSON Lines.
//!
//! Three promises to the user of a batch:
//!
//! - **Nothing escapes `--out`.** Output paths are built only from the plain
//!   name components of an input's path relative to its root; `..`, roots,
//!   drive prefixes and odd bytes never reach the file system, and no output
//!   is written through a symbolic link inside `--out`.
//! - **Nothing is half written.** Every file (documents, JSON Lines, report)
//!   is written to a temporary file in the target's own directory and renamed
//!   over the target, which is atomic on one file system: an interrupted run
//!   leaves the old file or the new one, never a mix. A killed process can
//!   leave a hidden `.avtale-*.tmp` file behind, never a truncated `.json`.
//!   On Linux a new document is written as an unnamed file in its directory
//!   and given its name when complete (`O_TMPFILE` + `linkat`), which is
//!   just as atomic and leaves nothing behind at all. Files are not fsynced: the promise is about interruptions of avtale,
//!   not power loss. A document output that already holds the new bytes is
//!   left in place (its time renewed), not replaced.
//! - **Nothing collides.** Two inputs that would map to the same output
//!   (`a.txt` and `a.md`) get distinct names, chosen deterministically.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::io::{self, BufWriter, IoSlice, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use crate::swar::ONES;

/// Prefix of the temporary files; hidden, so directory walks skip them.
const TEMP_PREFIX: &str = ".avtale-";
/// Suffix of the temporary files.
const TEMP_SUFFIX: &str = ".tmp";
/// Buffer of an [`OutStream`]. A document's JSON line is ~14 KB, larger
/// than the default 8 KiB, so every line was one `write` call; this many
/// bytes make one call per ~20 lines.
pub(crate) const STREAM_BUFFER: usize = 256 * 1024;

/// Keeps only the plain name components of `rel`, each made safe with
/// [`safe_component`]: no `..`, no root, no prefix, no `.`.
///
/// # Example
/// ```
/// use std::path::{Path, PathBuf};
/// use avtale::output::safe_relative;
/// assert_eq!(safe_relative(Path::new("../../etc/x.txt")), PathBuf::from("etc/x.txt"));
/// assert_eq!(safe_relative(Path::new("/abs/./a.txt")), PathBuf::from("abs/a.txt"));
/// ```
pub fn safe_relative(rel: &Path) -> PathBuf {
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(safe_component(name)),
            Component::Prefix(_)
            | Component::RootDir
            | Component::CurDir
            | Component::ParentDir => None,
        })
        .collect()
}

/// Makes one file name safe on every common file system: control
/// characters, bytes that are not UTF-8, and the separators and drive colon
/// of other systems (`\`, `:`) become `_`; a name of dots only becomes `_`.
///
/// # Example
/// ```
/// use avtale::output::safe_component;
/// assert_eq!(safe_component("..\\..\\etc\\x.txt".as_ref()), ".._.._etc_x.txt");
/// assert_eq!(safe_component("tab\there.txt".as_ref()), "tab_here.txt");
/// ```
pub fn safe_component(name: &OsStr) -> String {
    let safe: String = name
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{fffd}' | '\\' | '/' | ':') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if safe.is_empty() || safe.chars().all(|c| c == '.') {
        "_".to_owned()
    } else {
        safe
    }
}

/// Chooses one output path (relative to `--out`) per input path (relative
/// to its root), all distinct, in input order.
///
/// The usual name replaces the extension with `.json` (`a.txt` → `a.json`).
/// When two inputs share that name, each keeps its extension (`a.txt.json`,
/// `a.md.json`); if that still collides, a counter is added (`a.txt-2.json`).
/// A batch uses [`OutputNames`], which gives the same names without holding them all.
///
/// # Example
/// ```
/// use std::path::PathBuf;
/// use avtale::output::assign_outputs;
/// let rels = ["x/a.txt", "x/a.md", "b.txt", "../b.txt"].map(PathBuf::from);
/// let outs = assign_outputs(&rels);
/// assert_eq!(outs, ["x/a.txt.json", "x/a.md.json", "b.txt.json", "b.txt-2.json"].map(PathBuf::from));
/// ```
pub fn assign_outputs(rels: &[PathBuf]) -> Vec<PathBuf> {
    let mut names = OutputNames::new(rels);
    rels.iter().map(|rel| names.assign(rel)).collect()
}

/// The naming of [`assign_outputs`] for a stream of inputs, in two passes:
/// [`OutputNames::new`] counts the usual names of all inputs, then
/// [`OutputNames::assign`] names each input in order.
///
/// Names are counted by a 64-bit hash, not kept: about 25 bytes per input
/// instead of the paths themselves. Two different names with one hash (odds
/// of 2^-64 per pair) would make a file keep its extension; the choice stays
/// deterministic.
#[derive(Debug, Clone, Default)]
pub struct OutputNames {
    /// How many inputs have each usual name.
    usual: BTreeMap<u64, u32>,
    /// Names given to inputs whose usual name is shared.
    assigned: BTreeSet<u64>,
}

impl OutputNames {
    /// Counts the usual output names of `rels`, every input of the batch.
    pub fn new(rels: impl IntoIterator<Item = impl AsRef<Path>>) -> Self {
        let mut names = Self::default();
        for rel in rels {
            let usual = with_json_extension(&safe_relative(rel.as_ref()), false);
            *names.usual.entry(hash(&usual)).or_default() += 1;
        }
        names
    }

    /// The output path of the next input, `rel` its path relative to its root.
    pub fn assign(&mut self, rel: &Path) -> PathBuf {
        let safe = safe_relative(rel);
        let usual = with_json_extension(&safe, false);
        // An input the first pass did not see (the tree changed) counts as unique.
        if self.usual.get(&hash(&usual)).copied().unwrap_or(0) <= 1 {
            return usual;
        }
        // Taken: the usual name of exactly one input (that input keeps it),
        // or a name already given to another input whose usual name is shared.
        let taken =
            |names: &Self, h: u64| names.usual.get(&h) == Some(&1) || names.assigned.contains(&h);
        let mut candidate = with_json_extension(&safe, true);
        let mut n = 2;
        while taken(self, hash(&candidate)) {
            candidate = with_json_extension(&suffixed(&safe, n), true);
            n += 1;
        }
        self.assigned.insert(hash(&candidate));
        candidate
    }
}

/// A hash with fixed keys, so a rare collision picks the same names on every run.
fn hash(path: &Path) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(path)
}

/// `a.txt` → `a.json`, or `a.txt.json` when the extension is kept; an empty path becomes `_.json`.
fn with_json_extension(path: &Path, keep_extension: bool) -> PathBuf {
    let Some(name) = path.file_name() else {
        return PathBuf::from("_.json");
    };
    let base = if keep_extension {
        name
    } else {
        path.file_stem().unwrap_or(name)
    };
    let mut file = base.to_os_string();
    file.push(".json");
    path.with_file_name(file)
}

/// `a.txt` with `n` → `a.txt-n`.
fn suffixed(path: &Path, n: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!("-{n}"));
    path.with_file_name(name)
}

/// Creates the directories of `rel` (a path from [`assign_outputs`]) under
/// `out` and returns the full output path.
///
/// # Errors
/// Fails when a directory cannot be created, or when an existing one inside
/// `out` is a symbolic link: writing through it could land outside `out`.
pub fn prepare(out: &Path, rel: &Path) -> io::Result<PathBuf> {
    let rel = safe_relative(rel);
    let mut dir = out.to_path_buf();
    if let Some(parent) = rel.parent() {
        for component in parent.components() {
            dir.push(component);
            match fs::symlink_metadata(&dir) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(io::Error::other(format!(
                        "{} is a symbolic link inside the output directory; refusing to write through it",
                        dir.display()
                    )));
                }
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(io::Error::other(format!(
                        "{} exists and is not a directory",
                        dir.display()
                    )));
                }
                Err(err) if err.kind() == io::ErrorKind::NotFound => match fs::create_dir(&dir) {
                    // Another worker may have created it in between: that is fine.
                    Err(err) if err.kind() != io::ErrorKind::AlreadyExists => return Err(err),
                    _ => {}
                },
                Err(err) => return Err(err),
            }
        }
    }
    Ok(out.join(rel))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, renamed over `path` once complete.
///
/// # Errors
/// Any I/O error; `path` is then untouched and the temporary file removed.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("a.json");
/// avtale::output::write_atomic(&path, b"{}\n")?;
/// assert_eq!(std::fs::read(&path)?, b"{}\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if is_special(path) {
        return open_special(path)?.write_all(bytes);
    }
    let mut file = temp_beside(path)?;
    file.write_all(bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Like [`write_atomic`], but a regular file that already holds exactly
/// `bytes` is left in place and only its modification time renewed (so it
/// counts as up to date); returns whether the bytes were written. The
/// temporary file is made in `staging` when given; on Linux a file that
/// does not exist yet needs none (see `linked`).
///
/// Re-running a batch with `--force` then rewrites nothing that did not
/// change: no new inode per output and no old one freed. Freeing inodes is
/// not free on every file system: ext4 without a journal skips inodes freed
/// in the last 60 seconds (360 while their inode table block is not yet
/// written back) one by one when it creates the next file, which made a
/// `--force` re-run over 10k outputs spend most of its time there.
///
/// An existing `path` that is the file `keep` (the input of a batch, named
/// as its own output) is refused.
///
/// # Errors
/// As [`write_atomic`]; or `path` is `keep`.
pub fn write_if_changed(
    path: &Path,
    bytes: &[u8],
    staging: Option<&Path>,
    keep: Option<&Path>,
) -> io::Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            if keep.is_some_and(|keep| is_same_file(path, keep)) {
                return Err(io::Error::other(format!(
                    "{} is the input itself",
                    path.display()
                )));
            }
            if holds(path, &meta, bytes) {
                return Ok(false);
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound =>
        {
            #[cfg(target_os = "linux")]
            if linked::write(path, bytes)? {
                return Ok(true);
            }
        }
        Err(_) => {}
    }
    match staging {
        Some(dir) if !is_special(path) => {
            let mut file = temp_in(dir)?;
            file.write_all(bytes)?;
            match file.persist(path) {
                Ok(_) => {}
                // A file system mounted inside `--out`: fall back to a temporary file beside the target.
                Err(err) if err.error.kind() == io::ErrorKind::CrossesDevices => {
                    write_atomic(path, bytes)?;
                }
                Err(err) => return Err(err.error),
            }
        }
        _ => write_atomic(path, bytes)?,
    }
    Ok(true)
}

/// Hidden directories inside `--out` for the temporary files of documents,
/// one per worker thread.
///
/// Creating a file holds its directory's lock while the file system finds a
/// free inode, which is slow on some (ext4 without a journal, after many
/// deletions: hundreds of microseconds). With the temporary file beside its
/// target, workers writing into the same directory wait for each other
/// there; with one staging directory each, only the rename into place (a
/// few microseconds) meets the other workers. The rename stays atomic: the
/// staging directories are inside `--out`, on its file system. They are
/// removed when the batch ends; a killed run can leave one behind, hidden,
/// with partial temporary files in it, never a partial `.json`.
#[derive(Debug)]
pub struct Staging {
    dirs: Vec<tempfile::TempDir>,
}

impl Staging {
    /// Creates `workers` staging directories in `out`.
    ///
    /// # Errors
    /// When a directory cannot be created.
    pub fn new(out: &Path, workers: usize) -> io::Result<Self> {
        let dirs = (0..workers.max(1))
            .map(|_| {
                tempfile::Builder::new()
                    .prefix(TEMP_PREFIX)
                    .suffix(".staging")
                    .tempdir_in(out)
            })
            .collect::<io::Result<_>>()?;
        Ok(Self { dirs })
    }

    /// The directory of worker number `worker`.
    pub fn dir(&self, worker: usize) -> &Path {
        self.dirs[worker % self.dirs.len()].path()
    }
}

/// Whether `path`, whose own metadata (not followed) is `meta`, is a
/// regular file holding `bytes`; its modification time is then renewed.
fn holds(path: &Path, meta: &fs::Metadata, bytes: &[u8]) -> bool {
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    // The file opened must be the one looked at: not a link put there since.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if !file
            .metadata()
            .is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
        {
            return false;
        }
    }
    let mut old = Vec::with_capacity(bytes.len());
    io::Read::read_to_end(&mut file, &mut old).is_ok()
        && old == bytes
        && file.set_modified(SystemTime::now()).is_ok()
}

/// New outputs on Linux: an unnamed file in the target's directory
/// (`O_TMPFILE`), written, then given its name (`linkat`) when complete.
///
/// One directory operation per file instead of two (create a temporary
/// name, rename it over the target), none of them a rename across
/// directories (which takes a lock of the whole file system), and the inode
/// is found while no directory is locked. Atomic as the rename: the name
/// appears only for the complete file, and a killed run leaves nothing (the
/// kernel frees an unnamed file when it is closed). `linkat` never
/// replaces a name, so this serves only outputs that do not exist yet.
#[cfg(target_os = "linux")]
mod linked {
    use std::fs;
    use std::io::{self, Write};
    use std::os::fd::AsRawFd;
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, Ordering};

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;

    /// Cleared for the rest of the run when the kernel or file system has no
    /// unnamed files, or `/proc` (the name of an open file) is missing.
    static USABLE: AtomicBool = AtomicBool::new(true);

    /// Writes `bytes` as the new file `path`: `Ok(true)` when done,
    /// `Ok(false)` when this way cannot be used (nothing was created; the
    /// caller writes the usual way).
    pub(super) fn write(path: &Path, bytes: &[u8]) -> io::Result<bool> {
        if !USABLE.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        // 0666 and the umask, as for any other program's output.
        let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(CWD, dir, flags, Mode::from_raw_mode(0o666)) {
            Ok(fd) => fd,
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::NOSYS) => {
                USABLE.store(false, Ordering::Relaxed);
                return Ok(false);
            }
            Err(err) => return Err(err.into()),
        };
        let mut file = fs::File::from(fd);
        file.write_all(bytes)?;
        // Linking by the descriptor itself (AT_EMPTY_PATH) needs a
        // capability; its name under /proc does not.
        let name = format!("/proc/self/fd/{}", file.as_raw_fd());
        match rustix::fs::linkat(CWD, name.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW) {
            Ok(()) => Ok(true),
            // Made in between by someone else: replaced the usual way.
            Err(Errno::EXIST) => Ok(false),
            Err(Errno::NOENT) if !Path::new("/proc/self/fd").is_dir() => {
                USABLE.store(false, Ordering::Relaxed);
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }
}

/// Whether `path` is an existing device, FIFO or socket (`/dev/null`,
/// `/dev/stdout`, a named pipe): a stream, written in place, because
/// renaming a file over it would replace the device node itself.
fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Opens a special file for writing, as a shell redirection would.
fn open_special(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().write(true).open(path)
}

/// A temporary file in `path`'s directory, readable as a normal output would be.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    temp_in(dir)
}

/// A temporary file in `dir`, readable as a normal output would be.
fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // tempfile creates 0600 files; outputs are ordinary files, so ask for
    // 0666 and let the umask decide, as any other program's output.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Whether `a` and `b` both exist and are one file (same device and inode
/// on Unix: two `stat` calls, where comparing canonical paths would read
/// every link along both paths).
pub fn is_same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // `b` is looked at only when `a` exists: usually it does not (a new output).
        fs::metadata(a)
            .and_then(|a| Ok((a, fs::metadata(b)?)))
            .is_ok_and(|(a, b)| a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        a.exists() && fs::canonicalize(a).ok() == fs::canonicalize(b).ok()
    }
}

/// Whether `output` exists and is at least as new as `input` and as
/// `not_before` (the avtale executable: a new avtale converts again).
pub fn is_up_to_date(input: &Path, output: &Path, not_before: Option<SystemTime>) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let (Some(out), Some(inp)) = (modified(output), modified(input)) else {
        return false;
    };
    out >= inp && not_before.is_none_or(|t| out >= t)
}

/// How a document's JSON is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonStyle {
    /// One line, no spaces: JSON Lines and `parse --compact`.
    Compact,
    /// Indented by two spaces, `"key": value`: `--out` files and `parse FILE`.
    Pretty,
}

/// Appends the JSON of `value` to `out`: byte for byte what `serde_json::to_writer` (or
/// `to_writer_pretty`) writes for its derived `Serialize` (the tests compare the two).
pub fn append_json(out: &mut Vec<u8>, value: &(impl ToJson + ?Sized), style: JsonStyle) {
    value.to_json(&mut JsonWriter {
        out,
        pretty: style == JsonStyle::Pretty,
        depth: 0,
    });
}

/// A value that writes its own JSON: the bytes serde_json writes for its derived `Serialize`.
///
/// Implemented for the model's types (`model.rs`, `span.rs`) by `struct_to_json!`, which
/// destructures each struct so that a new field does not compile until it is listed.
/// Through serde, the calls per field and per key cost more than the bytes themselves:
/// serde_json's derive path took 2.5 times the instructions of this writer
/// (benches/PROFILE.md, round 10).
pub trait ToJson {
    /// Writes the value at the writer's position.
    fn to_json(&self, json: &mut JsonWriter<'_>);
}

/// Writes JSON into a byte buffer, compact or pretty as serde_json lays it out.
#[derive(Debug)]
pub struct JsonWriter<'o> {
    out: &'o mut Vec<u8>,
    pretty: bool,
    /// Open objects and arrays around the position.
    depth: usize,
}

/// The members of an object being written (see [`JsonWriter::object`]).
#[derive(Debug)]
pub struct JsonObject<'w, 'o> {
    json: &'w mut JsonWriter<'o>,
    empty: bool,
}

impl JsonObject<'_, '_> {
    /// Writes a member: `quoted_key` is its name in quotes, a colon and a space, as
    /// `member_key!` makes it (`"\"start\": "`; the compact form leaves out the space).
    /// Inlined, so that the key's length is known and its copy is a few moves, not a call.
    #[inline(always)]
    pub fn field(&mut self, quoted_key: &str, value: &(impl ToJson + ?Sized)) {
        let json = &mut *self.json;
        json.separate(self.empty);
        self.empty = false;
        let key = quoted_key.as_bytes();
        if json.pretty {
            json.out.extend_from_slice(key);
        } else {
            json.out.extend_from_slice(&key[..key.len() - 1]);
        }
        value.to_json(json);
    }
}

impl JsonWriter<'_> {
    /// Writes an object whose members `members` writes.
    #[inline(always)]
    pub fn object(&mut self, members: impl FnOnce(&mut JsonObject<'_, '_>)) {
        self.out.push(b'{');
        self.depth += 1;
        let mut object = JsonObject {
            json: self,
            empty: true,
        };
        members(&mut object);
        let empty = object.empty;
        self.close(b'}', empty);
    }

    /// Writes an array of `items`.
    pub fn array<T: ToJson>(&mut self, items: &[T]) {
        self.out.push(b'[');
        self.depth += 1;
        for (i, item) in items.iter().enumerate() {
            self.separate(i == 0);
            item.to_json(self);
        }
        self.close(b']', items.is_empty());
    }

    /// Writes a string, escaped as serde_json escapes: `"` and `\`, and control characters
    /// as `\n`-style or `\u00XX` escapes; everything else (`/`, DEL, non-ASCII) as it is.
    pub fn string(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.out.push(b'"');
        // One pass without an early exit (vectorized) tells whether anything needs escaping.
        if bytes.iter().fold(false, |seen, &b| seen | needs_escape(b)) {
            self.escaped(bytes);
        } else {
            self.out.extend_from_slice(bytes);
        }
        self.out.push(b'"');
    }

    /// Writes `n` in decimal. Up to eight digits (every offset and line of a text under
    /// 100 MB) are made at once in one word, first digit in the lowest byte (see
    /// `decimal_digits`), and copied at the word's fixed length, the leading zeros
    /// shifted out and the rest cut off again: a few moves and multiplications, no loop,
    /// no call. Inlined: most numbers are a span's three.
    #[inline]
    pub fn number(&mut self, n: u64) {
        if n >= 100_000_000 {
            self.long_number(n);
            return;
        }
        let digits = decimal_digits(n);
        // Leading zero digits are zero bytes at the low end; the last digit always stays.
        let leading_zeros = (digits.trailing_zeros() / 8).min(7);
        let ascii = (digits + ONES * u64::from(b'0')) >> (8 * leading_zeros);
        let end = self.out.len() + 8 - leading_zeros as usize;
        self.out.extend_from_slice(&ascii.to_le_bytes());
        self.out.truncate(end);
    }

    /// Writes `n`, 100,000,000 or more, in decimal.
    #[cold]
    fn long_number(&mut self, n: u64) {
        self.out.extend_from_slice(n.to_string().as_bytes());
    }

    /// Writes `value`, a variant of a unit enum whose discriminant is `discriminant`, as
    /// serde_json writes it (its name as serde's attributes give it). The bytes are made by
    /// serde_json once per variant and kept in `variants`: a unit variant's JSON is the same
    /// string every time, compact or pretty, and the discriminant tells the variants apart.
    pub(crate) fn unit_variant(
        &mut self,
        variants: &UnitVariants,
        discriminant: usize,
        value: &impl serde::Serialize,
    ) {
        let serialize = || serde_json::to_vec(value).expect("a unit variant serializes");
        match variants.0.get(discriminant) {
            Some(cell) => self.out.extend_from_slice(cell.get_or_init(serialize)),
            None => self.out.extend_from_slice(&serialize()),
        }
    }

    /// The bytes between two members or items, or before the first one.
    #[inline(always)]
    fn separate(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        if self.pretty {
            self.newline();
        }
    }

    /// Closes an object or array with `bracket`, on its own line when it has members.
    #[inline(always)]
    fn close(&mut self, bracket: u8, empty: bool) {
        self.depth -= 1;
        if self.pretty && !empty {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// A line break and the indentation of the current depth (two spaces a level). Up to
    /// depth 31 (documents go to about 10), a break and 63 spaces are copied at that fixed
    /// length and the rest cut off again: a few moves, where `resize` was a loop.
    fn newline(&mut self) {
        const INDENTED_BREAK: [u8; 64] = {
            let mut bytes = [b' '; 64];
            bytes[0] = b'\n';
            bytes
        };
        let len = 1 + 2 * self.depth;
        let end = self.out.len() + len;
        if len <= INDENTED_BREAK.len() {
            self.out.extend_from_slice(&INDENTED_BREAK);
            self.out.truncate(end);
        } else {
            self.out.push(b'\n');
            self.out.resize(end, b' ');
        }
    }

    /// The string's bytes with every byte that needs it escaped, runs between copied whole.
    fn escaped(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !needs_escape(b) {
                continue;
            }
            self.out.extend_from_slice(&bytes[run..i]);
            match b {
                b'"' => self.out.extend_from_slice(b"\\\""),
                b'\\' => self.out.extend_from_slice(b"\\\\"),
                b'\n' => self.out.extend_from_slice(b"\\n"),
                b'\r' => self.out.extend_from_slice(b"\\r"),
                b'\t' => self.out.extend_from_slice(b"\\t"),
                0x08 => self.out.extend_from_slice(b"\\b"),
                0x0c => self.out.extend_from_slice(b"\\f"),
                _ => self.out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ]),
            }
            run = i + 1;
        }
        self.out.extend_from_slice(&bytes[run..]);
    }
}

/// serde_json's JSON of the variants of one unit enum, by discriminant, each made on first
/// use (see [`JsonWriter::unit_variant`]); variants past the 32nd are not kept.
#[derive(Debug)]
pub(crate) struct UnitVariants([OnceLock<Vec<u8>>; 32]);

impl UnitVariants {
    /// No variant written yet.
    pub(crate) const fn new() -> Self {
        Self([const { OnceLock::new() }; 32])
    }
}

/// The eight decimal digits of `n` (below 100,000,000, leading zeros included) as byte
/// values 0–9, the first digit in the lowest byte. Halves are split lane by lane: the
/// first four digits and the last four in two 32-bit lanes, each into two 16-bit lanes of
/// its hundreds and the rest, each of those into two bytes of its tens and the rest.
/// Divisions by a multiplication: `x * 10486 >> 20 == x / 100` for `x < 43,699` and
/// `x * 103 >> 10 == x / 10` for `x < 179`; no product reaches the next lane.
fn decimal_digits(n: u64) -> u64 {
    let fours = (n / 10_000) | (n % 10_000) << 32;
    let hundreds = ((fours * 10486) >> 20) & 0x0000_007f_0000_007f;
    let pairs = hundreds | (fours - hundreds * 100) << 16;
    let tens = ((pairs * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | (pairs - tens * 10) << 8
}

/// Whether JSON needs `b` escaped in a string: a control character, `"` or `\`.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The key of a member named `name` (a literal, or `stringify!` of a field), quoted and
/// followed by `": "`, as [`JsonObject::field`] takes it. Field names need no escapes.
macro_rules! member_key {
    ($name:expr) => {
        concat!("\"", $name, "\": ")
    };
}
pub(crate) use member_key;

/// `impl ToJson` for a struct whose fields are listed in declaration order, written as the
/// derived `Serialize` writes them: an object of the fields under their own names. The
/// struct is destructured, so a field left out of the list does not compile.
macro_rules! struct_to_json {
    ($struct:ident { $($field:ident),* $(,)? }) => {
        impl $crate::output::ToJson for $struct {
            fn to_json(&self, json: &mut $crate::output::JsonWriter<'_>) {
                let $struct { $($field),* } = self;
                json.object(|o| {
                    $(o.field($crate::output::member_key!(stringify!($field)), $field);)*
                });
            }
        }
    };
}
pub(crate) use struct_to_json;

/// `impl ToJson` for unit enums (fieldless and `Copy`), written by serde_json, which knows
/// their renamed variants: once per variant, then copied from a [`UnitVariants`] cache.
macro_rules! unit_enums_to_json {
    ($($enum:ty),* $(,)?) => {$(
        impl $crate::output::ToJson for $enum {
            fn to_json(&self, json: &mut $crate::output::JsonWriter<'_>) {
                static VARIANTS: $crate::output::UnitVariants = $crate::output::UnitVariants::new();
                json.unit_variant(&VARIANTS, *self as usize, self);
            }
        }
    )*};
}
pub(crate) use unit_enums_to_json;

impl ToJson for str {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.string(self);
    }
}

impl ToJson for String {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.string(self);
    }
}

impl ToJson for bool {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.out
            .extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl ToJson for u64 {
    #[inline]
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.number(*self);
    }
}

impl ToJson for u32 {
    #[inline]
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.number(u64::from(*self));
    }
}

impl ToJson for usize {
    /// Inlined, as [`JsonWriter::number`] is: a span's three numbers cost no call.
    #[inline]
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.number(*self as u64);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        match self {
            Some(value) => value.to_json(json),
            None => json.out.extend_from_slice(b"null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.array(self);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        json.array(self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self, json: &mut JsonWriter<'_>) {
        (**self).to_json(json);
    }
}

/// An output stream: standard output, or a file that appears, complete,
/// only when [`OutStream::finish`] runs (devices and pipes named as the file
/// are written in place). Carries the JSON Lines and the `--report`.
#[derive(Debug)]
pub struct OutStream {
    target: Target,
}

#[derive(Debug)]
enum Target {
    /// Not a `StdoutLock`: the stream moves between the worker threads that write it.
    Stdout(BufWriter<io::Stdout>),
    /// A device or pipe named as the target: written in place.
    Special(BufWriter<fs::File>),
    File {
        tmp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl OutStream {
    /// Streams to standard output.
    pub fn stdout() -> Self {
        Self {
            target: Target::Stdout(BufWriter::with_capacity(STREAM_BUFFER, io::stdout())),
        }
    }

    /// Writes to `path`, atomically on [`OutStream::finish`].
    ///
    /// # Errors
    /// When the temporary file cannot be created in `path`'s directory.
    pub fn create(path: &Path) -> io::Result<Self> {
        if is_special(path) {
            return Ok(Self {
                target: Target::Special(BufWriter::with_capacity(
                    STREAM_BUFFER,
                    open_special(path)?,
                )),
            });
        }
        let tmp = BufWriter::with_capacity(STREAM_BUFFER, temp_beside(path)?);
        Ok(Self {
            target: Target::File {
                tmp,
                path: path.to_owned(),
            },
        })
    }

    /// Writes JSON Lines records, each a document serialized without newlines and a
    /// newline, after whatever is buffered: straight to the target in vectored writes, not
    /// copied into the stream's buffer first (callers gather lines up to about the buffer's
    /// size, 256 KiB, so the buffer would only add a copy).
    ///
    /// # Errors
    /// Any write error (a closed standard output is `BrokenPipe`).
    pub fn write_lines(&mut self, lines: &[Vec<u8>]) -> io::Result<()> {
        match &mut self.target {
            Target::Stdout(w) => write_past_buffer(w, lines),
            Target::Special(w) => write_past_buffer(w, lines),
            Target::File { tmp, .. } => write_past_buffer(tmp, lines),
        }
    }

    /// Flushes the stream and, for a file, renames it into place.
    ///
    /// # Errors
    /// Any write or rename error; a file target is then left untouched.
    pub fn finish(self) -> io::Result<()> {
        match self.target {
            Target::Stdout(mut w) => w.flush(),
            Target::Special(mut w) => w.flush(),
            Target::File { tmp, path } => {
                let tmp = tmp.into_inner().map_err(io::IntoInnerError::into_error)?;
                tmp.persist(&path).map_err(|e| e.error)?;
                Ok(())
            }
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.target {
            Target::Stdout(w) => w,
            Target::Special(w) => w,
            Target::File { tmp, .. } => tmp,
        }
    }
}

/// Flushes `w`'s buffer, then writes every byte of `chunks` to its inner writer.
fn write_past_buffer(w: &mut BufWriter<impl Write>, chunks: &[Vec<u8>]) -> io::Result<()> {
    w.flush()?;
    let mut slices: Vec<IoSlice<'_>> = chunks.iter().map(|chunk| IoSlice::new(chunk)).collect();
    let mut unwritten = &mut slices[..];
    IoSlice::advance_slices(&mut unwritten, 0);
    while !unwritten.is_empty() {
        match w.get_mut().write_vectored(unwritten) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => IoSlice::advance_slices(&mut unwritten, written),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

impl Write for OutStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer().write_all(buf)
    }

    /// Flushes the buffer only: a file target appears on [`OutStream::finish`].
    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `append_json`'s bytes and serde_json's for `value`, in both styles.
    fn assert_json_as_serde_json(value: &(impl ToJson + serde::Serialize + ?Sized)) {
        for style in [JsonStyle::Compact, JsonStyle::Pretty] {
            let mut ours = Vec::new();
            append_json(&mut ours, value, style);
            let want = match style {
                JsonStyle::Compact => serde_json::to_vec(value),
                JsonStyle::Pretty => serde_json::to_vec_pretty(value),
            }
            .expect("serde_json");
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&want)
            );
        }
    }

    #[test]
    fn json_of_every_fixture_is_serde_jsons() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut seen = 0;
        for entry in fs::read_dir(dir).expect("fixtures/") {
            let path = entry.expect("entry").path();
            let bytes = fs::read(&path).expect("readable fixture");
            let name = path.display().to_string();
            let doc = crate::parse_bytes(&name, &bytes, u64::MAX).expect("fixture parses");
            assert_json_as_serde_json(&doc);
            seen += 1;
        }
        assert!(seen > 10, "{seen} fixtures");
    }

    #[test]
    fn json_of_every_block_and_optional_value_is_serde_jsons() {
        use crate::model::*;
        let span = Span {
            start: 0,
            end: 12_345_678_901,
            line: 1,
        };
        let date = DateValue {
            value: "2006-09-19".to_owned(),
            precision: Precision::Day,
        };
        let item = Item {
            text: "a \"b\"".to_owned(),
            span,
        };
        let mut doc = Document::empty(Source {
            name: "x/y.txt".to_owned(),
            sha256: "0".repeat(64),
            bytes: 7,
            encoding: "utf-8".to_owned(),
            layout: Layout::Web,
        });
        doc.kind = Kind::PressRelease;
        doc.title = Some(Text {
            text: "T".to_owned(),
            span,
        });
        doc.parties.push(Party {
            id: "ks".to_owned(),
            name: "KS".to_owned(),
            kind: PartyKind::MunicipalSector,
            represented_by: vec!["a".to_owned(), "b".to_owned()],
            span,
        });
        doc.signing = Some(Signing {
            place: Some("Oslo".to_owned()),
            date: Some(date.clone()),
            span,
        });
        doc.signatories.push(Signatory {
            name: "N".to_owned(),
            title: None,
            party: Some("ks".to_owned()),
            span,
        });
        doc.term = Term {
            start: Some(date.clone()),
            end: None,
            duration: Some("P4Y".to_owned()),
            valid_until: Some(date.clone()),
            notice_period: None,
            evaluation: Some(Evaluation::Annual),
            termination: None,
            span: Some(span),
        };
        doc.dates.push(DateMention {
            role: DateRole::NoticePeriod,
            value: "P3M".to_owned(),
            precision: Precision::Duration,
            end: Some(date.clone()),
            text: "tre måneders".to_owned(),
            span,
        });
        let blocks = vec![
            Block::Paragraph {
                text: "p".to_owned(),
                span,
            },
            Block::List {
                lead_in: None,
                lead_in_span: None,
                items: vec![],
                span,
            },
            Block::Obligations {
                actor: Actor {
                    parties: vec!["ks".to_owned()],
                    joint: true,
                },
                modality: Modality::Bor,
                lead_in: Some("Partene vil:".to_owned()),
                lead_in_span: Some(span),
                items: vec![item.clone(), item],
                span,
            },
            Block::Quote {
                speaker: Some("S".to_owned()),
                role: None,
                text: "q\n".to_owned(),
                span,
            },
        ];
        let section = Section {
            id: "a".to_owned(),
            heading: Some("A".to_owned()),
            heading_span: Some(span),
            level: 1,
            span,
            blocks,
            sections: vec![],
        };
        doc.sections = vec![
            Section {
                sections: vec![section.clone()],
                ..section.clone()
            },
            section,
        ];
        doc.references.push(Reference {
            kind: ReferenceKind::WhitePaper,
            text: "Meld. St. 15 (2017-2018)".to_owned(),
            number: Some("15".to_owned()),
            session: None,
            title: None,
            span,
        });
        doc.publication = Some(Publication {
            publisher: None,
            government: Some("G".to_owned()),
            archived: true,
            published: Some(date),
            span,
        });
        doc.diagnostics
            .push(Diagnostic::new(Code::UnknownBody, "m", Some(span)));
        doc.diagnostics.push(Diagnostic::new(Code::Noise, "", None));
        assert_json_as_serde_json(&doc);
    }

    #[test]
    fn unit_variants_written_from_the_cache_are_serde_jsons() {
        use crate::model::{Kind, Modality};
        // Twice over, so that the second round is copied from the cache.
        for _ in 0..2 {
            assert_json_as_serde_json(&[Kind::Agreement, Kind::PressRelease, Kind::Unknown][..]);
            assert_json_as_serde_json(
                &[
                    Modality::Vil,
                    Modality::Skal,
                    Modality::Bor,
                    Modality::Ma,
                    Modality::Forplikter,
                ][..],
            );
        }
    }

    #[test]
    fn line_breaks_indent_two_spaces_a_level_at_any_depth() {
        for depth in 0..40 {
            let mut out = b"x".to_vec();
            JsonWriter {
                out: &mut out,
                pretty: true,
                depth,
            }
            .newline();
            assert_eq!(out, format!("x\n{}", "  ".repeat(depth)).into_bytes());
        }
    }

    #[test]
    fn json_escapes_as_serde_json_does() {
        // Every control character, the two characters JSON must escape, and what it must not:
        // `/`, DEL, U+2028/U+2029, non-ASCII; at every offset around a 32-byte block edge.
        let specials: String = (0u8..0x20).map(char::from).collect::<String>()
            + "\"\\/\u{7f}\u{2028}\u{2029}æøå\u{a0}€😀";
        for pad in 0..40 {
            let text = format!("{}{specials}{}", "x".repeat(pad), "y".repeat(pad));
            assert_json_as_serde_json(&text);
            assert_json_as_serde_json(&[text.as_str(), "", "\""][..]);
        }
        let lone: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        assert_json_as_serde_json(&lone);
        assert_json_as_serde_json(&[Some(u64::MAX), None, Some(0)][..]);
        let edges: Vec<u64> = (0..20)
            .flat_map(|k| {
                let power = 10u64.pow(k);
                [
                    power - 1,
                    power,
                    power + 1,
                    power.saturating_mul(2),
                    power.saturating_mul(10) - 1,
                ]
            })
            .collect();
        assert_json_as_serde_json(&edges);
        assert_json_as_serde_json(&[Vec::<bool>::new(), vec![true, false]][..]);
    }

    #[test]
    fn numbers_are_written_as_to_string_writes_them() {
        let mut out = Vec::new();
        // Every number up to a million, then every 997th up to 200 million (past the fast path).
        for n in (0..1_000_000).chain((1_000_000..200_000_000).step_by(997)) {
            out.clear();
            JsonWriter {
                out: &mut out,
                pretty: false,
                depth: 0,
            }
            .number(n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }

    proptest::proptest! {
        #[test]
        fn json_of_any_string_is_serde_jsons(text in "(?s).{0,80}", words in proptest::collection::vec("[\\x00-\\x7f]{0,40}", 0..4)) {
            assert_json_as_serde_json(&text);
            assert_json_as_serde_json(&words);
        }
    }

    #[test]
    fn outputs_stay_inside_out_whatever_the_name() {
        let out = Path::new("/tmp/out");
        for rel in [
            "../../etc/x.txt",
            "/etc/passwd",
            "a/../../b.txt",
            "..",
            ".",
            "",
            "..\\..\\etc\\x.txt",
        ] {
            let rels = [PathBuf::from(rel)];
            let assigned = assign_outputs(&rels);
            let full = out.join(&assigned[0]);
            assert!(
                full.components()
                    .all(|c| !matches!(c, Component::ParentDir))
                    && full.starts_with(out),
                "{rel:?} mapped to {}",
                full.display()
            );
        }
    }

    #[test]
    fn odd_bytes_in_names_become_underscores() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert_eq!(
                safe_component(OsStr::from_bytes(b"a\xffb\x01.txt")),
                "a_b_.txt"
            );
        }
        assert_eq!(safe_component("C:evil.txt".as_ref()), "C_evil.txt");
        assert_eq!(safe_component("...".as_ref()), "_");
    }

    #[test]
    fn distinct_inputs_get_distinct_outputs_in_a_stable_way() {
        let rels = ["a.txt", "a.md", "a.txt", "a", "a.json"].map(PathBuf::from);
        let outs = assign_outputs(&rels);
        let unique: BTreeSet<_> = outs.iter().collect();
        assert_eq!(unique.len(), outs.len(), "{outs:?}");
        assert_eq!(outs, assign_outputs(&rels), "same inputs, same names");
        assert_eq!(outs[0], PathBuf::from("a.txt.json"));
    }

    #[test]
    fn prepare_refuses_a_symlinked_directory_inside_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), dir.path().join("sub")).expect("symlink");
            let err = prepare(dir.path(), Path::new("sub/a.json")).expect_err("refused");
            assert!(err.to_string().contains("symbolic link"), "{err}");
        }
        let made = prepare(dir.path(), Path::new("new/deeper/a.json")).expect("created");
        assert!(made.parent().is_some_and(Path::is_dir));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.json");
        write_atomic(&path, b"old").expect("write");
        write_atomic(&path, b"new").expect("rewrite");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.json"]);
    }

    /// Regression: `--jsonl /dev/null` once renamed a temporary file over
    /// `/dev/null`. Checked on a FIFO of our own, not on the real device.
    #[cfg(unix)]
    #[test]
    fn special_files_are_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to check
        }
        // Held open for reading and writing (Linux never blocks on that), so
        // the writers below find a reader at once and no thread is needed.
        let mut pipe = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&fifo)
            .expect("open fifo");
        write_atomic(&fifo, b"report\n").expect("write to fifo");
        let mut lines = OutStream::create(&fifo).expect("open fifo");
        lines.write_lines(&[b"{}\n".to_vec()]).expect("write");
        lines.finish().expect("finish");
        let mut got = [0u8; 10];
        io::Read::read_exact(&mut pipe, &mut got).expect("read fifo");
        assert_eq!(&got, b"report\n{}\n");
        let kind = fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type();
        assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    }

    #[test]
    fn json_lines_file_appears_only_when_finished() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("all.jsonl");
        let mut lines = OutStream::create(&path).expect("create");
        lines.write_lines(&[b"{}\n".to_vec()]).expect("write");
        assert!(!path.exists(), "not visible before finish");
        lines.finish().expect("finish");
        assert_eq!(fs::read(&path).expect("read"), b"{}\n");
    }

    #[test]
    fn lines_written_past_the_buffer_follow_the_bytes_buffered_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("all.jsonl");
        let mut stream = OutStream::create(&path).expect("create");
        let lines: Vec<Vec<u8>> = (0..2000)
            .map(|i| format!("{{\"n\":{i}}}\n").into_bytes())
            .collect();
        stream.write_all(b"first\n").expect("buffered write");
        stream.write_lines(&lines).expect("lines");
        stream.write_all(b"last\n").expect("buffered write");
        stream.write_lines(&[]).expect("no lines");
        stream.finish().expect("finish");
        let want = [b"first\n".to_vec(), lines.concat(), b"last\n".to_vec()].concat();
        assert_eq!(fs::read(&path).expect("read"), want);
    }

    #[test]
    fn unchanged_bytes_are_not_rewritten_but_renewed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.json");
        assert!(
            write_if_changed(&path, b"{}", None, None).expect("write"),
            "new file"
        );
        let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(old))
            .expect("age it");
        let inode = |p: &Path| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                fs::metadata(p).expect("exists").ino()
            }
            #[cfg(not(unix))]
            0
        };
        let before = inode(&path);
        assert!(
            !write_if_changed(&path, b"{}", None, None).expect("same"),
            "left in place"
        );
        assert_eq!(inode(&path), before, "the same file");
        let modified = fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        assert!(modified > old, "its time renewed");
        assert!(write_if_changed(&path, b"{ }", None, None).expect("changed"));
        assert_eq!(fs::read(&path).expect("read"), b"{ }");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_holding_the_same_bytes_is_replaced_not_touched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("elsewhere.json");
        fs::write(&target, b"{}").expect("write");
        let link = dir.path().join("a.json");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert!(write_if_changed(&link, b"{}", None, None).expect("write"));
        assert!(
            fs::symlink_metadata(&link).expect("exists").is_file(),
            "a file now"
        );
    }

    #[test]
    fn the_input_is_never_overwritten_by_its_own_output() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("a.json");
        fs::write(&input, b"input").expect("write");
        let err = write_if_changed(&input, b"{}", None, Some(&input)).expect_err("refused");
        assert!(err.to_string().contains("input itself"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("b.json");
            std::os::unix::fs::symlink(&input, &link).expect("symlink");
            assert!(write_if_changed(&link, b"{}", None, Some(&input)).is_err());
        }
        assert_eq!(fs::read(&input).expect("read"), b"input");
    }

    #[test]
    fn a_new_output_appears_complete_and_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.json");
        assert!(write_if_changed(&path, b"{}\n", None, None).expect("write"));
        assert_eq!(fs::read(&path).expect("read"), b"{}\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.json"], "no temporary file left");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let other = dir.path().join("other");
            fs::write(&other, b"").expect("write");
            let mode = |p: &Path| fs::metadata(p).expect("exists").permissions().mode() & 0o777;
            assert_eq!(
                mode(&path),
                mode(&other),
                "the mode of any new file (0666 less the umask)"
            );
        }
    }

    #[test]
    fn staged_writes_land_in_place_and_staging_goes_away() {
        let out = tempfile::tempdir().expect("temp dir");
        let staging = Staging::new(out.path(), 2).expect("staging");
        let path = prepare(out.path(), Path::new("sub/a.json")).expect("prepared");
        assert!(write_if_changed(&path, b"{}", Some(staging.dir(1)), None).expect("write"));
        assert_eq!(fs::read(&path).expect("read"), b"{}");
        assert!(
            fs::read_dir(staging.dir(1)).expect("list").next().is_none(),
            "nothing left in staging"
        );
        drop(staging);
        let names: Vec<_> = fs::read_dir(out.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["sub"]);
    }

    #[test]
    fn up_to_date_needs_an_output_newer_than_input_and_program() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("a.txt");
        let output = dir.path().join("a.json");
        fs::write(&input, "x").expect("write");
        assert!(!is_up_to_date(&input, &output, None), "no output yet");
        fs::write(&output, "{}").expect("write");
        assert!(is_up_to_date(&input, &output, None));
        let future = SystemTime::now() + std::time::Duration::from_secs(3600);
        assert!(
            !is_up_to_date(&input, &output, Some(future)),
            "a newer program converts again"
        );
    }
}
