#![no_main]

use dyad_text::read::{read_bytes, InputFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

// The first byte picks a small size limit so the over-limit path is reached too.
fuzz_target!(|data: &[u8]| {
    let Some((&limit, bytes)) = data.split_first() else { return };
    let options = ReadOptions {
        max_bytes: usize::from(limit) * 4,
        format: InputFormat::Text,
        ..ReadOptions::default()
    };
    let items = read_bytes("fuzz.txt", bytes, &options);
    assert_eq!(items.len(), 1, "a plain-text input is exactly one item");
    if let Ok(doc) = &items[0] {
        assert!(doc.text.len() <= options.max_bytes);
        assert!(!doc.text.starts_with(char::is_whitespace) || doc.date.is_none());
    }
});
