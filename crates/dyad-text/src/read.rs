//! Readers: plain text with a `date YYYY-MM-DD` header, JSON Lines, gzip, directories, stdin.
//!
//! Everything streams: a JSON Lines file is read one bounded line at a time, so a
//! multi-gigabyte input never sits in memory, and a bad article is an error item rather
//! than the end of the batch.

mod date;
mod jsonl;
mod source;
mod text;

pub use date::parse_date_field;

use crate::document::Document;
use chrono::NaiveDate;
use std::fmt;
use std::io::Cursor;

/// How to read the inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The date given to undated input (the CLI's `--date`).
    pub date: Option<NaiveDate>,
    /// Largest plain-text file or JSON line accepted, in (decompressed) bytes.
    pub max_bytes: usize,
    pub format: InputFormat,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            date: None,
            max_bytes: 10 * 1024 * 1024,
            format: InputFormat::Auto,
        }
    }
}

/// The input format; `Auto` goes by file extension, or by content for stdin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    #[default]
    Auto,
    Text,
    Jsonl,
}

/// Where in an input an error was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// 1-based line number, for JSON Lines.
    Line(usize),
    /// 0-based byte offset into the (decompressed) input.
    Byte(usize),
}

/// An input, or one article in it, that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The path as given, or `-` for stdin.
    pub source: String,
    pub location: Option<Location>,
    pub message: String,
}

impl ReadError {
    pub fn new(source: &str, location: Option<Location>, message: impl Into<String>) -> ReadError {
        ReadError {
            source: source.to_string(),
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(Location::Line(line)) => write!(f, "{}:{}: {}", self.source, line, self.message),
            Some(Location::Byte(byte)) => {
                write!(f, "{}: byte {}: {}", self.source, byte, self.message)
            }
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

// Written by hand rather than with thiserror: thiserror takes a field named `source`
// to be the underlying cause, and here it is the input's name.
impl std::error::Error for ReadError {}

/// Reads every input in order: files, directories (recursed in sorted order, hidden
/// entries skipped) and `-` for stdin. Each article, or each failure, is one item.
pub fn read_inputs(
    paths: &[String],
    options: &ReadOptions,
) -> impl Iterator<Item = Result<Document, ReadError>> {
    source::Inputs::new(paths, *options)
}

/// Reads one in-memory input as if it were a file named `source`. In `Auto` format the
/// content decides, as for stdin: gzip magic is decompressed, a leading `{` means JSON Lines.
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Vec<Result<Document, ReadError>> {
    source::read_stream(source, Box::new(Cursor::new(bytes)), *options).collect()
}
