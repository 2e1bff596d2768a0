//! Command inputs → documents: text files parsed on the fly, or JSON documents read back.
//!
//! `table` and `show` accept either; a bad input is reported on stderr as
//! `NAME: message` and the others go on (ripgrep's batch semantics).

use std::io;
use std::path::PathBuf;

use avtale::Document;

/// How to read the inputs of a command.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// Read JSON documents (pretty, compact or JSON Lines) instead of parsing text.
    pub from_json: bool,
    /// Refuse text inputs larger than this many bytes.
    pub max_bytes: u64,
}

impl Reader {
    /// Calls `each` with every document of every input, in order; returns how
    /// many inputs (or documents inside a JSON stream) failed.
    ///
    /// # Errors
    /// Only errors returned by `each` (writing output) stop the loop.
    pub fn for_each(
        &self,
        paths: &[PathBuf],
        mut each: impl FnMut(Document) -> io::Result<()>,
    ) -> io::Result<usize> {
        let mut failed = 0;
        for path in paths {
            let Some((name, bytes)) = super::parse::read_or_report(path) else {
                failed += 1;
                continue;
            };
            if !self.from_json {
                match avtale::parse_bytes(&name, &bytes, self.max_bytes) {
                    Ok(doc) => each(doc)?,
                    Err(err) => {
                        eprintln!("avtale: {err}");
                        failed += 1;
                    }
                }
                continue;
            }
            // One pretty document or a JSON Lines stream: the stream
            // deserializer reads both. After a syntax error it cannot find
            // the next document again, so the rest of that input is skipped.
            for doc in serde_json::Deserializer::from_slice(&bytes).into_iter::<Document>() {
                match doc {
                    Ok(doc) => each(doc)?,
                    Err(err) => {
                        eprintln!("avtale: {name}: not an avtale document: {err}");
                        failed += 1;
                        break;
                    }
                }
            }
        }
        Ok(failed)
    }
}
