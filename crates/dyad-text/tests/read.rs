//! The input readers, driven through files in temporary directories.

use chrono::NaiveDate;
use dyad_text::read::{read_bytes, read_inputs, InputFormat, Location, ReadError, ReadOptions};
use dyad_text::Document;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory removed when dropped; std only, to keep the dependency list short.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("dyad-read-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `bytes` at `name` (creating parent directories) and returns the path.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn read_all(paths: &[String], options: &ReadOptions) -> Vec<Result<Document, ReadError>> {
    read_inputs(paths, options).collect()
}

fn read_one(path: &str, options: &ReadOptions) -> Result<Document, ReadError> {
    let mut items = read_all(&[path.to_string()], options);
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0)
}

fn read_file(name: &str, bytes: &[u8]) -> Vec<Result<Document, ReadError>> {
    let dir = TempDir::new();
    let path = dir.file(name, bytes);
    read_all(&[path], &ReadOptions::default())
}

fn only_error(items: Vec<Result<Document, ReadError>>) -> ReadError {
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap().unwrap_err()
}

/// The error's message with the temp path replaced, to compare whole Display strings.
fn shown(error: &ReadError, name: &str) -> String {
    let source = error.source.clone();
    assert!(source.ends_with(name), "{source} should end with {name}");
    error.to_string().replacen(&source, name, 1)
}

// ---- plain text ----

#[test]
fn example_article_header_and_first_words() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seed-2022-01-25-us-russia.txt");
    let doc = read_one(path, &ReadOptions::default()).unwrap();
    assert_eq!(doc.id, path);
    assert_eq!(doc.date, date(2022, 1, 25));
    assert!(
        doc.text
            .starts_with("The US administration does not intend"),
        "{:?}",
        &doc.text[..40]
    );
    assert_eq!(doc.title, None);
}

#[test]
fn text_without_header_is_all_text_and_takes_the_global_date() {
    let dir = TempDir::new();
    let path = dir.file("plain.txt", b"  Talks resumed in Geneva.\n");
    let doc = read_one(&path, &ReadOptions::default()).unwrap();
    assert_eq!(doc.text, "  Talks resumed in Geneva.\n");
    assert_eq!(doc.date, None);
    let options = ReadOptions {
        date: date(2021, 6, 1),
        ..ReadOptions::default()
    };
    assert_eq!(read_one(&path, &options).unwrap().date, date(2021, 6, 1));
}

#[test]
fn header_date_wins_over_the_global_date() {
    let dir = TempDir::new();
    let path = dir.file("a.txt", b"\n\t date 2022-01-25\n\nBody text.");
    let options = ReadOptions {
        date: date(2000, 1, 1),
        ..ReadOptions::default()
    };
    let doc = read_one(&path, &options).unwrap();
    assert_eq!(doc.date, date(2022, 1, 25));
    assert_eq!(doc.text, "Body text.");
}

#[test]
fn text_starting_with_the_word_date_is_not_a_header() {
    let doc = read_file("a.txt", b"date night was cancelled.")
        .remove(0)
        .unwrap();
    assert_eq!(doc.date, None);
    assert_eq!(doc.text, "date night was cancelled.");
}

#[test]
fn header_only_and_empty_files_are_documents_with_empty_text() {
    let doc = read_file("a.txt", b"date 2022-01-25").remove(0).unwrap();
    assert_eq!((doc.date, doc.text.as_str()), (date(2022, 1, 25), ""));
    let doc = read_file("b.txt", b"").remove(0).unwrap();
    assert_eq!((doc.date, doc.text.as_str()), (None, ""));
}

#[test]
fn invalid_header_date_names_file_and_byte() {
    let error = only_error(read_file("notes.txt", b"  date 2022-13-45 Text"));
    assert_eq!(error.location, Some(Location::Byte(7)));
    assert_eq!(
        shown(&error, "notes.txt"),
        "notes.txt: byte 7: invalid date `2022-13-45` in the header (expected YYYY-MM-DD)"
    );
    let error = only_error(read_file("short.txt", b"date 2022-1-5 Text"));
    assert_eq!(error.location, Some(Location::Byte(5)));
}

#[test]
fn invalid_utf8_in_text_names_the_first_bad_byte() {
    let error = only_error(read_file("notes.txt", b"date 2022-01-25 caf\xC3 ok"));
    assert_eq!(error.location, Some(Location::Byte(19)));
    assert_eq!(
        shown(&error, "notes.txt"),
        "notes.txt: byte 19: invalid UTF-8"
    );
}

#[test]
fn bom_is_stripped_and_counted_in_byte_offsets() {
    let doc = read_file("a.txt", b"\xEF\xBB\xBFdate 2022-01-25 Hello")
        .remove(0)
        .unwrap();
    assert_eq!((doc.date, doc.text.as_str()), (date(2022, 1, 25), "Hello"));
    let error = only_error(read_file("b.txt", b"\xEF\xBB\xBFab\xFF"));
    assert_eq!(error.location, Some(Location::Byte(5)));
}

#[test]
fn crlf_text_keeps_its_line_endings_after_the_header() {
    let doc = read_file("a.txt", b"date 2022-01-25\r\nFirst.\r\nSecond.\r\n")
        .remove(0)
        .unwrap();
    assert_eq!(doc.date, date(2022, 1, 25));
    assert_eq!(doc.text, "First.\r\nSecond.\r\n");
}

#[test]
fn text_over_the_limit_is_an_error() {
    let dir = TempDir::new();
    let path = dir.file("big.txt", &[b'a'; 101]);
    let options = ReadOptions {
        max_bytes: 100,
        ..ReadOptions::default()
    };
    let error = read_one(&path, &options).unwrap_err();
    assert_eq!(error.location, None);
    assert_eq!(
        shown(&error, "big.txt"),
        "big.txt: larger than the limit of 100 bytes"
    );
    let path = dir.file("fits.txt", &[b'a'; 100]);
    assert_eq!(read_one(&path, &options).unwrap().text.len(), 100);
}

#[test]
fn gzipped_text() {
    let doc = read_file("a.txt.gz", &gzip(b"date 2022-01-25 Hello"))
        .remove(0)
        .unwrap();
    assert_eq!((doc.date, doc.text.as_str()), (date(2022, 1, 25), "Hello"));
    assert!(doc.id.ends_with("a.txt.gz"));
}

#[test]
fn gzipped_text_over_the_limit_counts_decompressed_bytes() {
    let dir = TempDir::new();
    let path = dir.file("zeros.txt.gz", &gzip(&vec![b' '; 1 << 20]));
    let options = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    assert!(read_one(&path, &options)
        .unwrap_err()
        .message
        .contains("limit"));
}

#[test]
fn corrupt_gzip_is_an_error() {
    let mut bytes = gzip(b"date 2022-01-25 Hello there, a longer text to compress");
    bytes.truncate(bytes.len() / 2);
    let error = only_error(read_file("a.txt.gz", &bytes));
    assert!(error.message.starts_with("cannot read"), "{error}");
}

// ---- JSON Lines ----

#[test]
fn jsonl_fields_and_metadata() {
    let line = br#"{"id":"a1","date":"2022-01-25","title":"T","text":"Body","url":"http://x","source":"wire","n":3}"#;
    let doc = read_file("a.jsonl", line).remove(0).unwrap();
    assert_eq!(doc.id, "a1");
    assert_eq!(doc.date, date(2022, 1, 25));
    assert_eq!(doc.title.as_deref(), Some("T"));
    assert_eq!(doc.text, "Body");
    let keys: Vec<&str> = doc.metadata.keys().map(String::as_str).collect();
    assert_eq!(keys, ["n", "source", "url"]);
    assert_eq!(doc.metadata["url"], "http://x");
}

#[test]
fn jsonl_blank_lines_skipped_and_lines_counted() {
    let input = b"\n{\"id\":\"a\",\"text\":\"one\"}\n   \n\n{\"text\":\"two\"}\n{oops\n";
    let items = read_file("articles.jsonl", input);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().id, "a");
    let second = items[1].as_ref().unwrap();
    assert!(
        second.id.ends_with("articles.jsonl:5"),
        "missing id defaults to path:line: {}",
        second.id
    );
    let error = items[2].as_ref().unwrap_err();
    assert_eq!(error.location, Some(Location::Line(6)));
    assert!(
        shown(error, "articles.jsonl").starts_with("articles.jsonl:6: malformed JSON: "),
        "{error}"
    );
}

#[test]
fn jsonl_errors_do_not_stop_the_batch() {
    let input = concat!(
        "[1,2]\n",
        "42\n",
        "{\"id\":\"x\"}\n",
        "{\"id\":\"x\",\"text\":7}\n",
        "{\"id\":\"x\",\"text\":\"t\",\"date\":\"2022-02-30\"}\n",
        "{\"id\":\"x\",\"text\":\"t\",\"date\":20220101}\n",
        "{\"id\":[1],\"text\":\"t\"}\n",
        "{\"id\":\"x\",\"text\":\"t\",\"title\":5}\n",
        "{\"id\":\"ok\",\"text\":\"fine\"}\n",
    );
    let items = read_file("a.jsonl", input.as_bytes());
    let messages: Vec<String> = items[..8]
        .iter()
        .map(|item| item.as_ref().unwrap_err().message.clone())
        .collect();
    assert_eq!(messages[0], "expected a JSON object, found an array");
    assert_eq!(messages[1], "expected a JSON object, found a number");
    assert_eq!(messages[2], "missing `text` field");
    assert_eq!(messages[3], "`text` must be a string, found a number");
    assert!(
        messages[4].starts_with("invalid `date` \"2022-02-30\""),
        "{}",
        messages[4]
    );
    assert_eq!(messages[5], "`date` must be a string, found a number");
    assert_eq!(
        messages[6],
        "`id` must be a string or number, found an array"
    );
    assert_eq!(messages[7], "`title` must be a string, found a number");
    for (i, item) in items[..8].iter().enumerate() {
        assert_eq!(
            item.as_ref().unwrap_err().location,
            Some(Location::Line(i + 1))
        );
    }
    assert_eq!(items[8].as_ref().unwrap().id, "ok");
    assert_eq!(items.len(), 9);
}

#[test]
fn jsonl_dates() {
    let input = concat!(
        "{\"text\":\"a\",\"date\":\"2022-01-25T23:30:00-05:00\"}\n",
        "{\"text\":\"b\",\"date\":\"2022-01-25T10:00:00\"}\n",
        "{\"text\":\"c\",\"date\":null}\n",
        "{\"text\":\"d\"}\n",
        "{\"text\":\"e\",\"date\":\"25/01/2022\"}\n",
    );
    let dir = TempDir::new();
    let path = dir.file("d.ndjson", input.as_bytes());
    let items = read_all(std::slice::from_ref(&path), &ReadOptions::default());
    assert_eq!(items[0].as_ref().unwrap().date, date(2022, 1, 25));
    assert_eq!(items[1].as_ref().unwrap().date, date(2022, 1, 25));
    assert_eq!(items[2].as_ref().unwrap().date, None);
    assert_eq!(items[3].as_ref().unwrap().date, None);
    assert_eq!(
        items[4].as_ref().unwrap_err().location,
        Some(Location::Line(5))
    );
    let options = ReadOptions {
        date: date(2020, 2, 2),
        ..ReadOptions::default()
    };
    let items = read_all(&[path], &options);
    assert_eq!(items[2].as_ref().unwrap().date, date(2020, 2, 2));
    assert_eq!(items[3].as_ref().unwrap().date, date(2020, 2, 2));
}

#[test]
fn jsonl_empty_text_and_numeric_id_are_fine() {
    let doc = read_file("a.json", br#"{"id":17,"text":""}"#)
        .remove(0)
        .unwrap();
    assert_eq!((doc.id.as_str(), doc.text.as_str()), ("17", ""));
}

#[test]
fn jsonl_invalid_utf8_names_the_line() {
    let items = read_file(
        "a.jsonl",
        b"{\"text\":\"ok\"}\n{\"text\":\"caf\xE9\"}\n{\"text\":\"next\"}\n",
    );
    let error = items[1].as_ref().unwrap_err();
    assert_eq!(error.location, Some(Location::Line(2)));
    assert_eq!(
        shown(error, "a.jsonl"),
        "a.jsonl:2: invalid UTF-8 at byte 12 of the line"
    );
    assert_eq!(items[2].as_ref().unwrap().text, "next");
}

#[test]
fn jsonl_crlf_and_bom() {
    let items = read_file(
        "a.jsonl",
        b"\xEF\xBB\xBF{\"text\":\"one\"}\r\n\r\n{\"text\":\"two\\r\\n\"}\r\n",
    );
    let texts: Vec<String> = items.into_iter().map(|item| item.unwrap().text).collect();
    assert_eq!(texts, ["one", "two\r\n"]);
}

#[test]
fn jsonl_long_line_is_an_error_and_the_next_line_is_read() {
    let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(3 << 20));
    let input = format!("{long}{{\"text\":\"after\"}}\n");
    let dir = TempDir::new();
    let path = dir.file("a.jsonl", input.as_bytes());
    let options = ReadOptions {
        max_bytes: 1000,
        ..ReadOptions::default()
    };
    let items = read_all(&[path], &options);
    assert_eq!(items.len(), 2);
    let error = items[0].as_ref().unwrap_err();
    assert_eq!(
        shown(error, "a.jsonl"),
        "a.jsonl:1: line longer than the limit of 1000 bytes"
    );
    let after = items[1].as_ref().unwrap();
    assert_eq!(after.text, "after");
    assert!(after.id.ends_with("a.jsonl:2"));
}

#[test]
fn jsonl_line_of_exactly_the_limit_fits_even_with_crlf() {
    let line = br#"{"text":"abc"}"#;
    let options = ReadOptions {
        max_bytes: line.len(),
        ..ReadOptions::default()
    };
    assert!(read_bytes("a.jsonl", line, &options)[0].is_ok());
    for ending in ["\n", "\r\n"] {
        let input = [line.as_slice(), ending.as_bytes(), line.as_slice(), b"x"].concat();
        let items = read_bytes("a.jsonl", &input, &options);
        assert!(items[0].is_ok(), "ending {ending:?}: {items:?}");
        assert!(
            items[1].as_ref().unwrap_err().message.contains("limit"),
            "{items:?}"
        );
    }
}

#[test]
fn gzipped_jsonl_including_multiple_members() {
    let mut bytes = gzip(b"{\"id\":\"a\",\"text\":\"one\"}\n");
    bytes.extend(gzip(b"{\"id\":\"b\",\"text\":\"two\"}\n"));
    let ids: Vec<String> = read_file("a.jsonl.gz", &bytes)
        .into_iter()
        .map(|item| item.unwrap().id)
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn corrupt_gzipped_jsonl_ends_that_file_with_an_error() {
    let mut bytes = gzip("{\"text\":\"one\"}\n".repeat(200).as_bytes());
    bytes.truncate(bytes.len() - 10);
    let items = read_file("a.jsonl.gz", &bytes);
    assert!(items
        .last()
        .unwrap()
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("cannot read"));
}

// ---- format choice ----

#[test]
fn format_follows_extension_unless_forced() {
    let dir = TempDir::new();
    let jsonl = dir.file("a.JSONL", br#"{"text":"t"}"#);
    let txt = dir.file("b.txt", br#"{"text":"t"}"#);
    let auto = ReadOptions::default();
    assert_eq!(read_one(&jsonl, &auto).unwrap().text, "t");
    assert_eq!(read_one(&txt, &auto).unwrap().text, r#"{"text":"t"}"#);
    let as_text = ReadOptions {
        format: InputFormat::Text,
        ..auto
    };
    assert_eq!(read_one(&jsonl, &as_text).unwrap().text, r#"{"text":"t"}"#);
    let as_jsonl = ReadOptions {
        format: InputFormat::Jsonl,
        ..auto
    };
    assert_eq!(read_one(&txt, &as_jsonl).unwrap().text, "t");
}

#[test]
fn read_bytes_sniffs_like_stdin() {
    let auto = ReadOptions::default();
    let items = read_bytes("-", b" \n {\"text\":\"a\"}\n{\"text\":\"b\"}", &auto);
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].as_ref().unwrap().id, "-:3");
    let doc = read_bytes("-", b"\n date 2022-01-25 Hi", &auto)
        .remove(0)
        .unwrap();
    assert_eq!(
        (doc.id.as_str(), doc.date, doc.text.as_str()),
        ("-", date(2022, 1, 25), "Hi")
    );
    let doc = read_bytes("-", &gzip(b"  {\"text\":\"z\"}"), &auto)
        .remove(0)
        .unwrap();
    assert_eq!(doc.text, "z");
    let doc = read_bytes("-", &gzip(b"  plain"), &auto).remove(0).unwrap();
    assert_eq!(doc.text, "  plain");
    assert!(read_bytes("-", b"", &auto)
        .remove(0)
        .unwrap()
        .text
        .is_empty());
}

// ---- paths ----

#[test]
fn missing_path_is_one_error_and_the_rest_are_read() {
    let dir = TempDir::new();
    let good = dir.file("good.txt", b"fine");
    let missing = format!("{}/nope.txt", dir.path());
    let items = read_all(&[missing.clone(), good], &ReadOptions::default());
    assert_eq!(items.len(), 2);
    let error = items[0].as_ref().unwrap_err();
    assert_eq!(error.source, missing);
    assert!(
        error
            .to_string()
            .starts_with(&format!("{missing}: cannot open: ")),
        "{error}"
    );
    assert_eq!(items[1].as_ref().unwrap().text, "fine");
}

#[test]
fn directories_are_recursed_in_sorted_order_skipping_hidden() {
    let dir = TempDir::new();
    dir.file("b.txt", b"b");
    dir.file("a/2.txt", b"a2");
    dir.file("a/1.jsonl", b"{\"text\":\"a1x\"}\n{\"text\":\"a1y\"}\n");
    dir.file(".hidden.txt", b"hidden");
    dir.file(".git/config", b"hidden");
    dir.file("c/.d/x.txt", b"hidden");
    let first = dir.file("z.txt", b"z");
    let items = read_all(&[first, dir.path()], &ReadOptions::default());
    let texts: Vec<String> = items.into_iter().map(|item| item.unwrap().text).collect();
    // z.txt is named first and appears again inside the directory.
    assert_eq!(texts, ["z", "a1x", "a1y", "a2", "b", "z"]);
}

#[test]
fn reading_is_lazy() {
    let dir = TempDir::new();
    let path = dir.file("a.jsonl", "{\"text\":\"t\"}\n".repeat(10_000).as_bytes());
    let mut items = read_inputs(&[path], &ReadOptions::default());
    assert_eq!(items.next().unwrap().unwrap().text, "t");
    assert_eq!(items.count(), 9_999);
}

#[test]
fn display_without_location() {
    let error = ReadError::new("x.txt", None, "cannot open: denied");
    assert_eq!(error.to_string(), "x.txt: cannot open: denied");
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.source().is_none());
}

/// Set in the child process that `stdin_dash_is_read_and_sniffed` starts.
const STDIN_CHILD: &str = "DYAD_READ_STDIN_CHILD";

#[test]
fn stdin_child() {
    if std::env::var_os(STDIN_CHILD).is_none() {
        return;
    }
    for item in read_inputs(&["-".to_string()], &ReadOptions::default()) {
        match item {
            Ok(doc) => println!("DOC {} {}", doc.id, doc.text),
            Err(e) => println!("ERR {e}"),
        }
    }
}

// Stdin can only be fed to another process, so this test runs `stdin_child` in one.
#[test]
fn stdin_dash_is_read_and_sniffed() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "stdin_child", "--nocapture", "--test-threads=1"])
        .env(STDIN_CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = gzip(b"\n{\"text\":\"one\"}\n{\"id\":\"x\",\"text\":\"two\"}\n[]\n");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The harness prints "test stdin_child ... " ahead of the child's first line.
    let lines: Vec<&str> = stdout
        .lines()
        .filter_map(|line| {
            line.find("DOC ")
                .or_else(|| line.find("ERR "))
                .map(|at| &line[at..])
        })
        .collect();
    assert_eq!(
        lines,
        [
            "DOC -:2 one",
            "DOC x two",
            "ERR -:4: expected a JSON object, found an array"
        ]
    );
}

// A CLI may read on one thread and code on others.
#[test]
fn the_iterator_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&read_inputs(&[], &ReadOptions::default()));
}
