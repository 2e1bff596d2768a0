//! Parser doubts → `Diagnostic { severity, code, message, span }`, with stable kebab-case codes.
//!
//! Parsing never fails once text is decoded: whatever the parser could not
//! place, or doubted, becomes a diagnostic inside the document.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Something the parser could not place, or doubted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// Stable machine-readable identifier.
    pub code: Code,
    /// Human-readable explanation, in English.
    pub message: String,
    /// Where in the source it applies, when it applies to a place.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic with the default severity of its code.
    pub fn new(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        Self {
            severity: code.default_severity(),
            code,
            message: message.into(),
            span,
        }
    }
}

/// How much a diagnostic matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational: something was dropped or normalized on purpose (noise, metadata).
    Info,
    /// Something was guessed or could not be placed; a person should look.
    Warning,
}

/// Stable diagnostic codes. Adding a code is a minor schema change; renaming one is major.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The input is empty or holds only white space.
    EmptyDocument,
    /// No layout cue was found; the text was read as plain text.
    UnknownLayout,
    /// The genre (agreement or press release) could not be told with confidence.
    UncertainKind,
    /// No title line was found.
    MissingTitle,
    /// A non-blank line ended up in no block.
    UnplacedLine,
    /// Web-page noise (link blocks, share buttons, image captions) dropped from the body.
    Noise,
    /// The text encoding was guessed, not declared by a BOM or valid UTF-8.
    GuessedEncoding,
    /// The bytes look like a mix of encodings or an unusual one (e.g. Mac Roman).
    SuspectEncoding,
    /// A date expression could be read more than one way.
    AmbiguousDate,
    /// A two-digit year was expanded to four digits.
    TwoDigitYear,
    /// A body named in the text is not in the registry of public bodies.
    UnknownBody,
    /// A signature block could not be split into name and title.
    UnclearSignature,
    /// The text seems to be cut off mid-sentence.
    TruncatedText,
}

impl Code {
    /// The kebab-case identifier, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::EmptyDocument => "empty-document",
            Code::UnknownLayout => "unknown-layout",
            Code::UncertainKind => "uncertain-kind",
            Code::MissingTitle => "missing-title",
            Code::UnplacedLine => "unplaced-line",
            Code::Noise => "noise",
            Code::GuessedEncoding => "guessed-encoding",
            Code::SuspectEncoding => "suspect-encoding",
            Code::AmbiguousDate => "ambiguous-date",
            Code::TwoDigitYear => "two-digit-year",
            Code::UnknownBody => "unknown-body",
            Code::UnclearSignature => "unclear-signature",
            Code::TruncatedText => "truncated-text",
        }
    }

    /// The severity a diagnostic of this code gets unless said otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Code::Noise | Code::TwoDigitYear | Code::GuessedEncoding | Code::TruncatedText => {
                Severity::Info
            }
            _ => Severity::Warning,
        }
    }

    /// A one-line hint on what a user can do about it.
    pub fn help(self) -> &'static str {
        match self {
            Code::EmptyDocument => "the file has no text; check that it was exported correctly",
            Code::UnknownLayout => "add a fixture of this layout so the reader learns its cues",
            Code::UncertainKind => "the text has cues of more than one genre, or none",
            Code::MissingTitle => "the first non-blank line did not look like a title",
            Code::UnplacedLine => {
                "this line was not placed in any section; report it with the file"
            }
            Code::Noise => "web-page furniture, dropped from the body on purpose",
            Code::GuessedEncoding => "save the file as UTF-8 to make the encoding certain",
            Code::SuspectEncoding => "check the characters of this file; convert it to UTF-8",
            Code::AmbiguousDate => "write the date in full (e.g. 19. september 2006)",
            Code::TwoDigitYear => "the century was inferred from the two-digit year",
            Code::UnknownBody => {
                "add the body to the registry in src/lexicon if it is a public body"
            }
            Code::UnclearSignature => "signature lines should be a name followed by a title",
            Code::TruncatedText => "the source seems cut off; facts after the cut are missing",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
