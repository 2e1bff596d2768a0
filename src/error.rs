//! Failures that stop one input (I/O, decoding, limits) → `Error`, each carrying the path.
//!
//! Parsing itself never fails; see [`crate::parse`]. These errors are for the
//! steps before it, and the batch reports them per file and goes on.

use std::path::PathBuf;

/// Why an input could not be turned into a document.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    #[diagnostic(code(avtale::io))]
    Io {
        /// The input path.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is larger than the configured limit.
    #[error("{path}: {bytes} bytes is more than the limit of {limit} bytes")]
    #[diagnostic(
        code(avtale::too_large),
        help("raise the limit with --max-bytes if the file is a real agreement text")
    )]
    TooLarge {
        /// The input path.
        path: PathBuf,
        /// Size of the input.
        bytes: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The input looks like binary data, not text.
    #[error("{path}: not a text file: {reason}")]
    #[diagnostic(
        code(avtale::binary),
        help("avtale reads text files (UTF-8, UTF-16, Windows-1252, ISO-8859-1/15)")
    )]
    Binary {
        /// The input path.
        path: PathBuf,
        /// What gave it away (e.g. "NUL byte at offset 12").
        reason: String,
    },
    /// The input could not be decoded as text in any supported encoding.
    #[error("{path}: cannot decode: {reason}")]
    #[diagnostic(code(avtale::decode))]
    Decode {
        /// The input path.
        path: PathBuf,
        /// Why decoding failed.
        reason: String,
    },
}
