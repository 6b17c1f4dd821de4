//! The ICEWS CAMEO code list (`cameo-codes.csv`): an R export with quoted fields and
//! a handful of Windows-1252 bytes in its free-text columns.

use std::collections::HashMap;

/// Code → name from the CSV's `code` and `name` columns.
pub fn names(csv: &str) -> HashMap<String, String> {
    let mut lines = csv.lines();
    let header = lines.next().map(fields).unwrap_or_default();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(code), Some(name)) = (column("code"), column("name")) else {
        return HashMap::new();
    };
    lines
        .map(fields)
        .filter_map(|row| Some((row.get(code)?.clone(), row.get(name)?.clone())))
        .filter(|(code, _)| !code.is_empty())
        .collect()
}

/// The fields of one CSV line: `"..."` quoting with `""` for a quote. No field of
/// this file spans lines.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Windows-1252 to UTF-8. Every byte maps to a character, so nothing is lost or
/// rejected; the five bytes cp1252 leaves undefined become the C1 controls, as
/// Windows itself decodes them.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

const HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn cp1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_and_quotes() {
        assert_eq!(fields(r#""1",2,"a, ""b""",NA"#), ["1", "2", r#"a, "b""#, "NA"]);
    }

    #[test]
    fn cp1252_bytes_decode() {
        assert_eq!(decode_cp1252(b"Moscow\x92s \x80 caf\xe9"), "Moscow’s € café");
    }
}
