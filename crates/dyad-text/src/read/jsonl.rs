//! JSON Lines: one article object per line, read one bounded line at a time.

use super::date::parse_date_field;
use super::{Location, ReadError, ReadOptions};
use crate::document::Document;
use serde_json::{Map, Value};
use std::io::{self, BufRead, Read};

/// The articles of one JSON Lines stream, in order.
pub(super) struct JsonLines<'a> {
    source: String,
    reader: Box<dyn BufRead + Send + 'a>,
    options: ReadOptions,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

enum Line {
    End,
    Complete,
    TooLong,
}

impl<'a> JsonLines<'a> {
    pub(super) fn new(
        source: &str,
        reader: Box<dyn BufRead + Send + 'a>,
        options: ReadOptions,
    ) -> JsonLines<'a> {
        JsonLines {
            source: source.to_string(),
            reader,
            options,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(&self.source, Some(Location::Line(self.line)), message)
    }

    /// Reads the next line into `buf` without its line ending, never holding more than
    /// `max_bytes + 2` bytes of it (room for a CRLF after a line of exactly `max_bytes`).
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let limit = (self.options.max_bytes as u64).saturating_add(2);
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(Line::End);
        }
        self.line += 1;
        if self.buf.last() != Some(&b'\n') && self.buf.len() > self.options.max_bytes {
            skip_line(&mut self.reader)?;
            return Ok(Line::TooLong);
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        if self.buf.len() > self.options.max_bytes {
            return Ok(Line::TooLong);
        }
        Ok(Line::Complete)
    }

    fn parse_line(&self) -> Option<Result<Document, ReadError>> {
        let mut bytes = self.buf.as_slice();
        if self.line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(line) => line,
            Err(e) => {
                let message = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                return Some(Err(self.error(message)));
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(self.parse_object(line))
    }

    fn parse_object(&self, line: &str) -> Result<Document, ReadError> {
        let value: Value =
            serde_json::from_str(line).map_err(|e| self.error(format!("malformed JSON: {e}")))?;
        let Value::Object(mut fields) = value else {
            return Err(self.error(format!("expected a JSON object, found {}", kind(&value))));
        };
        let text = match fields.remove("text") {
            Some(Value::String(text)) => text,
            None => return Err(self.error("missing `text` field")),
            Some(other) => {
                return Err(self.error(format!("`text` must be a string, found {}", kind(&other))))
            }
        };
        Ok(Document {
            id: self.take_id(&mut fields)?,
            date: self.take_date(&mut fields)?,
            title: self.take_title(&mut fields)?,
            text,
            metadata: fields.into_iter().collect(),
        })
    }

    fn take_id(&self, fields: &mut Map<String, Value>) -> Result<String, ReadError> {
        match fields.remove("id") {
            Some(Value::String(id)) => Ok(id),
            // Numeric ids are common in exports and unambiguous as text.
            Some(Value::Number(id)) => Ok(id.to_string()),
            None | Some(Value::Null) => Ok(format!("{}:{}", self.source, self.line)),
            Some(other) => Err(self.error(format!(
                "`id` must be a string or number, found {}",
                kind(&other)
            ))),
        }
    }

    fn take_date(
        &self,
        fields: &mut Map<String, Value>,
    ) -> Result<Option<chrono::NaiveDate>, ReadError> {
        match fields.remove("date") {
            None | Some(Value::Null) => Ok(self.options.date),
            Some(Value::String(date)) => match parse_date_field(&date) {
                Some(date) => Ok(Some(date)),
                None => Err(self.error(format!(
                    "invalid `date` {date:?} (expected YYYY-MM-DD or an RFC 3339 timestamp)"
                ))),
            },
            Some(other) => {
                Err(self.error(format!("`date` must be a string, found {}", kind(&other))))
            }
        }
    }

    fn take_title(&self, fields: &mut Map<String, Value>) -> Result<Option<String>, ReadError> {
        match fields.remove("title") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(title)) => Ok(Some(title)),
            Some(other) => {
                Err(self.error(format!("`title` must be a string, found {}", kind(&other))))
            }
        }
    }
}

impl Iterator for JsonLines<'_> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.read_line() {
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong) => {
                    let message = format!(
                        "line longer than the limit of {} bytes",
                        self.options.max_bytes
                    );
                    return Some(Err(self.error(message)));
                }
                Ok(Line::Complete) => {
                    if let Some(item) = self.parse_line() {
                        return Some(item);
                    }
                }
                Err(e) => {
                    // After a read failure (truncated gzip, I/O error) the stream position
                    // is unknown, so nothing further from it can be trusted.
                    self.done = true;
                    self.line += 1;
                    return Some(Err(self.error(format!("cannot read: {e}"))));
                }
            }
        }
        None
    }
}

/// Discards the rest of an over-long line without buffering it.
fn skip_line(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
