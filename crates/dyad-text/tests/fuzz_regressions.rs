//! Inputs from the fuzz targets (`fuzz/`), kept so the normal test suite replays them.
//! Each reader input must give items without panicking; each text must segment cleanly.

use dyad_text::read::{read_bytes, InputFormat, ReadOptions};
use dyad_text::segment::segment;

/// Inputs at the edges the reader targets explore: sniffing of lone or truncated
/// gzip magic, a BOM with nothing after it, headers cut short, and zero size limits.
const READER_INPUTS: &[&[u8]] = &[
    b"",
    b"\x1f",
    b"\x1f\x8b",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    b"\xEF\xBB\xBF",
    b"\xEF\xBB",
    b"date",
    b"date ",
    b"date 2",
    b"date 2022-01-25",
    b"date 9999-99-99\xFF",
    b"   \n\r\n\t",
    b"{",
    b"{\"text\":\"\\ud800\"}",
    b"{\"text\":\"a\",\"date\":\"2022-01-25T\xC3\xA9\"}",
    b"{\"text\":\"a\",\"date\":\"2022-01-2\xC3\xA9\"}",
    b"{\"text\":\"a\"}\r",
    b"\r\n\r\n{\"text\":\"a\"}\n\xFF",
];

#[test]
fn reader_edge_inputs_do_not_panic() {
    for format in [InputFormat::Auto, InputFormat::Text, InputFormat::Jsonl] {
        for max_bytes in [0, 1, 2, 16, 1 << 20] {
            let options = ReadOptions {
                max_bytes,
                format,
                ..ReadOptions::default()
            };
            for input in READER_INPUTS {
                let items = read_bytes("fuzz", input, &options);
                if format == InputFormat::Text {
                    assert_eq!(items.len(), 1, "{input:?}");
                }
            }
        }
    }
}

#[test]
fn truncated_gzip_magic_is_read_as_text() {
    let options = ReadOptions::default();
    let doc = read_bytes("-", b"\x1f", &options).remove(0).unwrap();
    assert_eq!(doc.text, "\x1f");
    assert!(read_bytes("-", b"\x1f\x8b", &options).remove(0).is_err());
}

const SEGMENT_INPUTS: &[&str] = &[
    "",
    " ",
    "\n\n\n",
    ".",
    "...",
    "\u{FEFF}",
    "é.",
    "U.S.",
    "don't",
    "'s",
    "a\r\n\r\nb",
    "\u{2028}\u{2029}",
    "--",
    "Mr.",
    "\"?\"",
];

#[test]
fn segment_edge_inputs_keep_spans_valid() {
    for text in SEGMENT_INPUTS {
        let seg = segment(text);
        let mut previous_end = 0;
        for token in &seg.tokens {
            assert!(
                !token.is_empty() && token.start >= previous_end && token.end <= text.len(),
                "{text:?}"
            );
            assert!(
                text.is_char_boundary(token.start) && text.is_char_boundary(token.end),
                "{text:?}"
            );
            previous_end = token.end;
        }
        for sentence in &seg.sentences {
            for token in &seg.tokens[sentence.tokens.clone()] {
                assert!(
                    sentence.span.start <= token.start && token.end <= sentence.span.end,
                    "{text:?}"
                );
            }
        }
    }
}
