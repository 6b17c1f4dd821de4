//! The article every stage works on, and the span type that points into it.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Spans are made on char boundaries by construction.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// One dated article, as every reader produces it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    /// From the input's `id`; for a plain-text file, its path.
    pub id: String,
    /// Publication date; `None` when the input had none and no `--date` was given.
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    /// The article text as coded: for plain text, what follows the `date` header.
    pub text: String,
    /// Other fields of the input (`url`, `source`, ...), kept for the output.
    pub metadata: BTreeMap<String, serde_json::Value>,
}
