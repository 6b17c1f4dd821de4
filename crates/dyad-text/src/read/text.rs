//! Plain text: an optional `date YYYY-MM-DD` header, then the article.

use super::date::parse_ymd;
use super::{Location, ReadError, ReadOptions};
use crate::document::Document;
use std::io::{BufRead, Read};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads one whole plain-text article, refusing more than `max_bytes`.
pub(super) fn read_text(
    source: &str,
    reader: &mut dyn BufRead,
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let bytes = read_bounded(source, reader, options.max_bytes)?;
    parse_text(source, &bytes, options)
}

fn read_bounded(
    source: &str,
    reader: &mut dyn BufRead,
    max_bytes: usize,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know it is too big, without reading it all.
    let limit = (max_bytes as u64).saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::new(source, None, format!("cannot read: {e}")))?;
    if bytes.len() > max_bytes {
        let message = format!("larger than the limit of {max_bytes} bytes");
        return Err(ReadError::new(source, None, message));
    }
    Ok(bytes)
}

/// Turns the bytes of a plain-text file into a document.
pub(super) fn parse_text(
    source: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let offset = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let content = std::str::from_utf8(&bytes[offset..]).map_err(|e| {
        let at = Some(Location::Byte(offset + e.valid_up_to()));
        ReadError::new(source, at, "invalid UTF-8")
    })?;
    let (date, text) = match split_header(content) {
        Some(header) => {
            let date = parse_ymd(header.date).ok_or_else(|| {
                let at = Some(Location::Byte(offset + header.date_at));
                let message = format!(
                    "invalid date `{}` in the header (expected YYYY-MM-DD)",
                    header.date
                );
                ReadError::new(source, at, message)
            })?;
            (Some(date), header.text)
        }
        None => (options.date, content),
    };
    Ok(Document {
        id: source.to_string(),
        date,
        text: text.to_string(),
        ..Document::default()
    })
}

struct Header<'t> {
    date: &'t str,
    /// Byte offset of `date` in the content.
    date_at: usize,
    text: &'t str,
}

/// Finds `date <value>` at the start. The value must start with a digit, so prose that
/// merely opens with the word ("date night ...") is not taken for a header.
fn split_header(content: &str) -> Option<Header<'_>> {
    let rest = content.trim_start();
    let after_keyword = rest.strip_prefix("date")?;
    let value = after_keyword.trim_start();
    if value.len() == after_keyword.len() || !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value_len = value.find(char::is_whitespace).unwrap_or(value.len());
    Some(Header {
        date: &value[..value_len],
        date_at: content.len() - value.len(),
        text: value[value_len..].trim_start(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_needs_a_digit_after_the_keyword() {
        assert!(split_header("date night was fun").is_none());
        assert!(split_header("dated 2022-01-01").is_none());
        assert!(split_header("date").is_none());
        let header = split_header("  date 2022-01-25\r\n\r\nBody").unwrap();
        assert_eq!(header.date, "2022-01-25");
        assert_eq!(header.date_at, 7);
        assert_eq!(header.text, "Body");
    }
}
