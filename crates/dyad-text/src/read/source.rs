//! Opening inputs: paths, directories, stdin, gzip, and choosing a format.

use super::jsonl::JsonLines;
use super::text::read_text;
use super::{InputFormat, ReadError, ReadOptions};
use crate::document::Document;
use flate2::read::MultiGzDecoder;
use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

type Item = Result<Document, ReadError>;

/// What one input yields: a single item (a plain-text article or an error), or a stream
/// of JSON Lines articles.
pub(super) enum Stream<'a> {
    One(Option<Item>),
    Lines(JsonLines<'a>),
}

impl Iterator for Stream<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self {
            Stream::One(item) => item.take(),
            Stream::Lines(lines) => lines.next(),
        }
    }
}

/// All inputs in order. Directories are expanded only when reached, and only one file
/// is open at a time.
pub(super) struct Inputs {
    pending: VecDeque<String>,
    current: Option<Stream<'static>>,
    options: ReadOptions,
}

impl Inputs {
    pub(super) fn new(paths: &[String], options: ReadOptions) -> Inputs {
        Inputs {
            pending: paths.iter().cloned().collect(),
            current: None,
            options,
        }
    }

    fn open(&mut self, path: String) -> Stream<'static> {
        if path == "-" {
            // Unlocked `Stdin`, not `StdinLock`, keeps the iterator `Send` for a reader thread.
            let stdin: Box<dyn BufRead + Send> = Box::new(BufReader::new(io::stdin()));
            return read_stream("-", stdin, self.options);
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => self.expand_dir(&path),
            Ok(_) => open_file(&path, self.options),
            Err(e) => error(&path, format!("cannot open: {e}")),
        }
    }

    /// Queues a directory's entries ahead of the remaining inputs, so its files come
    /// where the directory was named.
    fn expand_dir(&mut self, dir: &str) -> Stream<'static> {
        match list_dir(Path::new(dir)) {
            Ok(entries) => {
                for entry in entries.into_iter().rev() {
                    self.pending.push_front(entry);
                }
                Stream::One(None)
            }
            Err(e) => error(dir, format!("cannot list directory: {e}")),
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            let path = self.pending.pop_front()?;
            self.current = Some(self.open(path));
        }
    }
}

/// The visible entries of a directory, sorted by name. Symlinked directories are not
/// followed, so a link cycle cannot make the walk endless.
fn list_dir(dir: &Path) -> io::Result<Vec<String>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_symlink() && path.is_dir() {
            continue;
        }
        entries.push(path.to_string_lossy().into_owned());
    }
    entries.sort();
    Ok(entries)
}

fn open_file(path: &str, options: ReadOptions) -> Stream<'static> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return error(path, format!("cannot open: {e}")),
    };
    let (stem, gzipped) = match strip_suffix_ignore_case(path, ".gz") {
        Some(stem) => (stem, true),
        None => (path, false),
    };
    let reader: Box<dyn BufRead + Send> = if gzipped {
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::new(file))
    };
    let format = match options.format {
        InputFormat::Auto => format_by_name(stem),
        format => format,
    };
    open_as(path, reader, format, options)
}

fn format_by_name(name: &str) -> InputFormat {
    let is_jsonl = [".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|ext| strip_suffix_ignore_case(name, ext).is_some());
    if is_jsonl {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

fn strip_suffix_ignore_case<'s>(s: &'s str, suffix: &str) -> Option<&'s str> {
    let split = s.len().checked_sub(suffix.len())?;
    let tail = s.get(split..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..split])
}

/// Reads an unnamed stream (stdin, bytes), letting the content decide what the name
/// would have: gzip by its magic number, and in `Auto` format JSON Lines by a leading `{`.
pub(super) fn read_stream<'a>(
    source: &str,
    reader: Box<dyn BufRead + Send + 'a>,
    options: ReadOptions,
) -> Stream<'a> {
    let (sniffed, reader) = match sniff(reader) {
        Ok(sniffed) => sniffed,
        Err(e) => return error(source, format!("cannot read: {e}")),
    };
    let (sniffed, reader) = if sniffed.gzip {
        let inflated: Box<dyn BufRead + Send + 'a> =
            Box::new(BufReader::new(MultiGzDecoder::new(reader)));
        match sniff(inflated) {
            Ok(sniffed) => sniffed,
            Err(e) => return error(source, format!("cannot read: {e}")),
        }
    } else {
        (sniffed, reader)
    };
    let format = match options.format {
        InputFormat::Auto if sniffed.first == Some(b'{') => InputFormat::Jsonl,
        InputFormat::Auto => InputFormat::Text,
        format => format,
    };
    open_as(source, reader, format, options)
}

fn open_as<'a>(
    source: &str,
    mut reader: Box<dyn BufRead + Send + 'a>,
    format: InputFormat,
    options: ReadOptions,
) -> Stream<'a> {
    match format {
        InputFormat::Jsonl => Stream::Lines(JsonLines::new(source, reader, options)),
        _ => Stream::One(Some(read_text(source, &mut reader, &options))),
    }
}

fn error<'a>(source: &str, message: String) -> Stream<'a> {
    Stream::One(Some(Err(ReadError::new(source, None, message))))
}

struct Sniffed {
    gzip: bool,
    /// The first byte that is neither whitespace nor part of a BOM.
    first: Option<u8>,
}

/// Leading whitespace is unbounded in principle; past this much, call it text.
const SNIFF_LIMIT: usize = 64 * 1024;

/// Peeks at the start of a stream and hands back a reader that still yields every byte.
fn sniff<'a>(
    mut reader: Box<dyn BufRead + Send + 'a>,
) -> io::Result<(Sniffed, Box<dyn BufRead + Send + 'a>)> {
    let mut prefix = Vec::new();
    let mut first = None;
    while prefix.len() < SNIFF_LIMIT {
        let Some(byte) = next_byte(&mut reader)? else {
            break;
        };
        prefix.push(byte);
        if !(byte.is_ascii_whitespace() || matches!(byte, 0xEF | 0xBB | 0xBF)) {
            first = Some(byte);
            break;
        }
    }
    let mut gzip = false;
    if prefix == [0x1f] {
        if let Some(byte) = next_byte(&mut reader)? {
            prefix.push(byte);
            gzip = byte == 0x8b;
        }
    }
    let rest: Box<dyn BufRead + Send + 'a> = Box::new(Cursor::new(prefix).chain(reader));
    Ok((Sniffed { gzip, first }, rest))
}

fn next_byte(reader: &mut dyn BufRead) -> io::Result<Option<u8>> {
    let mut byte = [0u8];
    loop {
        match reader.read(&mut byte) {
            Ok(0) => return Ok(None),
            Ok(_) => return Ok(Some(byte[0])),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}
