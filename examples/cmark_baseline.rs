//! Text files → pulldown-cmark events, counted and dropped: the lower bound avtale is measured against.
//!
//! avtale reads markdown exports with pulldown-cmark and does far more per
//! byte (layout detection, line classes, blocks, sections, extraction, JSON),
//! so pulldown-cmark's bare event loop over the same bytes is a floor on the
//! cost of reading a document at all. This tool loads every file first, then
//! times only the parse, single-threaded, and prints one `key=value` line
//! that `bench/compare.sh` reads:
//!
//! ```text
//! cargo run --release --example cmark_baseline -- --repeat 3 /tmp/corpus
//! cmark_baseline files=10000 bytes=57845120 seconds=0.213 mb_per_s=271.6 events=1234567
//! ```
//!
//! Directories are walked recursively for `*.txt` files. Bytes that are not
//! UTF-8 (Windows-1252 files of the corpus) are converted lossily before the
//! clock starts: pulldown-cmark reads `&str`, and the conversion is not parsing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use pulldown_cmark::{Options, Parser};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut repeat = 1usize;
    let mut roots = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--repeat" {
            let value = args.next().ok_or("--repeat needs a number")?;
            repeat = value
                .to_str()
                .and_then(|v| v.parse().ok())
                .ok_or("--repeat needs a number")?;
        } else {
            roots.push(PathBuf::from(arg));
        }
    }
    if roots.is_empty() {
        return Err("usage: cmark_baseline [--repeat N] FILE_OR_DIR...".into());
    }
    let mut paths = Vec::new();
    for root in &roots {
        collect(root, &mut paths)?;
    }
    let texts = paths
        .iter()
        .map(|path| Ok(String::from_utf8_lossy(&std::fs::read(path)?).into_owned()))
        .collect::<std::io::Result<Vec<String>>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();

    // The best of several rounds: the machine is shared, and the minimum is
    // the least disturbed measurement of the same work.
    let mut best = f64::INFINITY;
    let mut events = 0usize;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        events = texts
            .iter()
            .map(|text| Parser::new_ext(text, Options::empty()).count())
            .sum();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "cmark_baseline files={} bytes={bytes} seconds={best:.4} mb_per_s={:.1} events={events}",
        texts.len(),
        bytes as f64 / 1e6 / best
    );
    Ok(())
}

/// Adds `path` if it is a file, or every `*.txt` below it if it is a directory, in sorted order.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if entry.extension().is_some_and(|ext| ext == "txt") {
            out.push(entry);
        }
    }
    Ok(())
}
