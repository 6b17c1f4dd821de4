#![no_main]

use dyad_text::read::{read_bytes, InputFormat, Location, ReadOptions};
use libfuzzer_sys::fuzz_target;

// The first byte picks a small size limit so over-long lines are reached too.
fuzz_target!(|data: &[u8]| {
    let Some((&limit, bytes)) = data.split_first() else { return };
    let options = ReadOptions {
        max_bytes: usize::from(limit) * 4,
        format: InputFormat::Jsonl,
        ..ReadOptions::default()
    };
    let mut last_line = 0;
    for item in read_bytes("fuzz.jsonl", bytes, &options) {
        if let Err(e) = item {
            if let Some(Location::Line(line)) = e.location {
                assert!(line > last_line, "errors come in line order");
                last_line = line;
            }
            assert!(!e.to_string().is_empty());
        }
    }
});
