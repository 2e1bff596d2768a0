//! `avtale parse`: files, stdin or a JSON Lines stream of texts → JSON documents on stdout.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use avtale::decode::DEFAULT_MAX_BYTES;
use avtale::output::{JsonStyle, append_json};

pub const AFTER_HELP: &str = r#"One file prints one pretty JSON document; several files print JSON Lines
(one compact document per line, in the order given). A file that cannot be
read or decoded is reported on stderr and the others go on (exit code 1).

Examples:
  avtale parse fixtures/2019-helsefellesskap.txt
  avtale parse --compact fixtures/*.txt > documents.jsonl
  cat agreement.txt | avtale parse -

Streaming (--input-jsonl): every input line is a JSON object
{"name": "...", "text": "..."} (other keys are ignored). Output line N is the
compact document for input line N, flushed at once, so avtale works as a
Spark RDD.pipe / Hadoop-streaming mapper or a shell filter. A line that
cannot be used (not JSON, a key missing, blank, too long, text refused by
--max-bytes) gives an error record on its output line instead:
  {"error": "MESSAGE", "line": N, "name": "NAME or null"}
and the stream goes on; the exit code stays 0 (pipe runners fail a task on
any other), so filter error records with e.g. jq 'select(.error)'.

  printf '%s\n' '{"name":"a.txt","text":"Avtale om ..."}' | avtale parse --input-jsonl -"#;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Text files to parse; `-` reads standard input.
    #[arg(required_unless_present = "input_jsonl", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print each document on one line (JSON Lines), even for a single file.
    #[arg(long)]
    compact: bool,
    /// Stream mode: read `{"name", "text"}` records, one per line, from this file (`-`: stdin)
    /// and write one compact document (or error record) per line, in order.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["files", "compact"])]
    input_jsonl: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

pub fn run(args: &Args) -> io::Result<ExitCode> {
    if let Some(path) = &args.input_jsonl {
        return stream(path, args.max_bytes);
    }
    let style = if args.compact || args.files.len() > 1 {
        JsonStyle::Compact
    } else {
        JsonStyle::Pretty
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut json = Vec::new();
    let mut failed = 0;
    for path in &args.files {
        let Some((name, bytes)) = read_or_report(path) else {
            failed += 1;
            continue;
        };
        match avtale::parse_bytes(&name, &bytes, args.max_bytes) {
            Ok(doc) => write_json_line(&mut out, &mut json, &doc, style)?,
            Err(err) => {
                eprintln!("avtale: {err}");
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(super::exit_code(failed))
}

/// Reads a file, or standard input for `-`; returns the name to record and the bytes, or
/// reports on stderr why the input cannot be read and returns `None`.
pub fn read_or_report(path: &Path) -> Option<(String, Vec<u8>)> {
    let read = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map(|_| ("-".to_owned(), bytes))
    } else {
        std::fs::read(path).map(|bytes| (path.display().to_string(), bytes))
    };
    read.map_err(|err| eprintln!("avtale: {}: cannot read: {err}", path.display()))
        .ok()
}

/// One input record of the streaming mode.
#[derive(Debug, Deserialize)]
struct TextRecord {
    name: String,
    text: String,
}

/// The output line of an input line that could not be turned into a document.
#[derive(Debug, Serialize)]
struct ErrorRecord<'a> {
    /// What went wrong.
    error: &'a str,
    /// The 1-based input line.
    line: u64,
    /// The record's name, when the line was read that far.
    name: Option<&'a str>,
}

/// Streaming mode: one `{"name", "text"}` line in, one document or error record out, flushed.
///
/// Memory stays bounded by the longest line and its document: the line
/// buffer is reused, and nothing is kept from one line to the next.
fn stream(path: &Path, max_bytes: u64) -> io::Result<ExitCode> {
    let mut input: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(io::BufReader::new(file)),
            Err(err) => {
                eprintln!("avtale: {}: cannot read: {err}", path.display());
                return Ok(super::exit_code(1));
            }
        }
    };
    let source = path.display().to_string();
    // JSON escapes make a line up to six times longer than its text (`\u00e5`).
    let cap = usize::try_from(max_bytes.saturating_mul(6).saturating_add(64 * 1024))
        .unwrap_or(usize::MAX);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut line = Vec::new();
    let mut json = Vec::new();
    let mut number = 0u64;
    while let Some(too_long) = read_line_capped(&mut input, &mut line, cap)? {
        number += 1;
        let result = if too_long {
            Err((format!("line longer than {cap} bytes"), None))
        } else {
            convert(&line, max_bytes)
        };
        match result {
            Ok(doc) => write_json_line(&mut out, &mut json, &doc, JsonStyle::Compact)?,
            Err((error, name)) => {
                eprintln!("avtale: {source}:{number}: {error}");
                let record = ErrorRecord {
                    error: &error,
                    line: number,
                    name: name.as_deref(),
                };
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        // A pipe runner waits for each answer line: never hold one back.
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a document's JSON and a newline to `out`, through `json` (a buffer kept between calls).
fn write_json_line(
    out: &mut impl Write,
    json: &mut Vec<u8>,
    doc: &avtale::Document,
    style: JsonStyle,
) -> io::Result<()> {
    json.clear();
    append_json(json, doc, style);
    json.push(b'\n');
    out.write_all(json)
}

/// Turns one input line into a document, or an error message and the record's name if known.
fn convert(line: &[u8], max_bytes: u64) -> Result<avtale::Document, (String, Option<String>)> {
    if line.trim_ascii().is_empty() {
        return Err((
            "blank line; expected a {\"name\", \"text\"} record".to_owned(),
            None,
        ));
    }
    let record: TextRecord = serde_json::from_slice(line)
        .map_err(|err| (format!("not a {{\"name\", \"text\"}} record: {err}"), None))?;
    avtale::parse_bytes(&record.name, record.text.as_bytes(), max_bytes)
        .map_err(|err| (err.to_string(), Some(record.name)))
}

/// Reads one line into `buf` (cleared first, line ending dropped), keeping at most
/// `cap` bytes and discarding the rest of a longer line. Returns `None` at the end
/// of input, else whether the line was cut.
fn read_line_capped(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let (mut seen, mut cut) = (false, false);
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            break;
        }
        seen = true;
        let newline = chunk.iter().position(|&b| b == b'\n');
        let content = newline.unwrap_or(chunk.len());
        let room = cap.saturating_sub(buf.len());
        cut |= content > room;
        buf.extend_from_slice(&chunk[..content.min(room)]);
        input.consume(newline.map_or(content, |i| i + 1));
        if newline.is_some() {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(seen.then_some(cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], cap: usize) -> Vec<(String, bool)> {
        let mut reader = io::BufReader::with_capacity(4, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(cut) = read_line_capped(&mut reader, &mut buf, cap).expect("reads") {
            out.push((String::from_utf8_lossy(&buf).into_owned(), cut));
        }
        out
    }

    #[test]
    fn lines_are_split_on_lf_and_crlf_across_buffer_refills() {
        let got = lines(b"first line\r\nsecond\n\nlast", 100);
        let want = [
            ("first line", false),
            ("second", false),
            ("", false),
            ("last", false),
        ];
        assert_eq!(got, want.map(|(s, c)| (s.to_owned(), c)));
    }

    #[test]
    fn a_line_over_the_cap_is_cut_and_the_next_line_is_intact() {
        let got = lines(b"0123456789abcdef\nok\n", 5);
        assert_eq!(got, [("01234".to_owned(), true), ("ok".to_owned(), false)]);
    }
}
