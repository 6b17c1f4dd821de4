//! Documents, readers and segmentation.
//!
//! Every later stage of dyad annotates one immutable `Document::text` with stand-off
//! spans: byte offsets `start..end` into that text, as in spaCy's `Doc`/`Span`. Nothing
//! downstream copies or rewrites the text, so every record can point back at its evidence.

pub mod document;
pub mod read;
pub mod segment;

pub use document::{Document, Span};
