//! Markdown-layout text → blocks, via pulldown-cmark's offset iterator.
