//! `dyad code` end to end: the real binary on the example article and on batches.
//!

use serde_json::Value;
use std::process::Output;

mod common;

use common::{dyad, example, json_lines, scratch_dir};

const DOC_KEYS: &[&str] =
    &["id", "date", "title", "text", "sentences", "mentions", "events", "quotes", "times", "places", "errors"];
const EVENT_KEYS: &[&str] = &[
    "sentence",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover",
    "trigger",
    "date",
    "negated",
    "modality",
    "quote",
    "location",
    "mentions",
    "rule",
];
const STATS_KEYS: &[&str] = &["documents", "sentences", "tokens", "events", "errors", "seconds", "peak_rss_mb"];

fn dyad_code(args: &[&str], stdin: Option<&str>) -> Output {
    let args: Vec<&str> = std::iter::once("code").chain(args.iter().copied()).collect();
    dyad(&args, stdin)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_has_keys(value: &Value, keys: &[&str]) {
    let object = value.as_object().unwrap_or_else(|| panic!("not an object: {value}"));
    for key in keys {
        assert!(object.contains_key(*key), "missing {key:?} in {value}");
    }
}

#[test]
fn codes_the_example_into_one_doc_record() {
    let out = dyad_code(&[&example()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = json_lines(&stdout(&out));
    assert_eq!(records.len(), 1);
    let doc = &records[0];
    assert_has_keys(doc, DOC_KEYS);
    assert!(doc["id"].as_str().unwrap().ends_with("seed-2022-01-25-us-russia.txt"));
    assert_eq!(doc["date"], "2022-01-25");
    let text = doc["text"].as_str().unwrap();
    assert!(text.starts_with("The US administration does not intend"), "{text:.60}");
    let sentences = doc["sentences"].as_array().unwrap();
    assert!(sentences.len() >= 20, "{} sentences", sentences.len());
    for s in sentences {
        let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
        assert!(start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
    assert_eq!(doc["errors"], Value::Array(Vec::new()));
    for event in doc["events"].as_array().unwrap() {
        assert_has_keys(event, EVENT_KEYS);
        let trigger = &event["trigger"];
        let (start, end) = (trigger["start"].as_u64().unwrap() as usize, trigger["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], trigger["text"]);
    }
    for mention in doc["mentions"].as_array().unwrap() {
        assert_has_keys(mention, &["start", "end", "text", "code", "country", "sector", "name", "kind", "refers_to"]);
    }
}

#[test]
fn stats_line_has_every_count() {
    let out = dyad_code(&["--stats", &example()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_has_keys(&stats, STATS_KEYS);
    assert_eq!(stats["documents"], 1);
    assert_eq!(stats["errors"], 0);
    assert!(stats["sentences"].as_u64().unwrap() >= 20);
    assert!(stats["tokens"].as_u64().unwrap() > 400);
    assert!(stats["seconds"].as_f64().unwrap() > 0.0);
    let events = json_lines(&stdout(&out))[0]["events"].as_array().unwrap().len();
    assert_eq!(stats["events"], events);
}

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let dir = scratch_dir("atomic");
    let target = dir.join("coded.jsonl");
    let out = dyad_code(&["-o", target.to_str().unwrap(), &example()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let records = json_lines(&std::fs::read_to_string(&target).unwrap());
    assert_eq!(records.len(), 1);
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, [std::ffi::OsString::from("coded.jsonl")], "no temporary file left");

    // A run that fails before coding leaves no file at all.
    let failed = dir.join("failed.jsonl");
    let out = dyad_code(&["-o", failed.to_str().unwrap(), "--actors", "/nonexistent/actors.txt", &example()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/actors.txt"), "{}", stderr(&out));
    assert!(!failed.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn jsonl_batch_goes_on_past_a_bad_line_and_names_it() {
    let dir = scratch_dir("batch");
    let input = dir.join("batch.jsonl");
    let lines = concat!(
        "{\"id\": \"a\", \"date\": \"2022-01-25\", \"text\": \"Russia warned Ukraine.\"}\n",
        "{\"id\": \"b\", \"text\": \n",
        "{\"id\": \"c\", \"date\": \"2022-01-26\", \"text\": \"NATO met on Monday. Leaders spoke.\"}\n",
    );
    std::fs::write(&input, lines).unwrap();
    let out = dyad_code(&["--stats", input.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr(&out);
    assert!(stderr.contains(&format!("{}:2:", input.display())), "{stderr}");
    let records = json_lines(&stdout(&out));
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", &format!("{}:2", input.display()), "c"]);
    for record in &records {
        assert_has_keys(record, DOC_KEYS);
    }
    assert_eq!(records[1]["errors"][0]["kind"], "read");
    assert_has_keys(&records[1]["errors"][0], &["kind", "message", "offset"]);
    assert_eq!(records[2]["sentences"].as_array().unwrap().len(), 2);
    let stats: Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert_eq!((stats["documents"].as_u64(), stats["errors"].as_u64()), (Some(3), Some(1)));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_format_runs_on_the_example() {
    for format in ["doc", "events", "gdelt", "plover"] {
        let out = dyad_code(&["--format", format, "--threads", "1", &example()], None);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        match format {
            "gdelt" => {
                for row in text.lines() {
                    assert_eq!(row.split('\t').count(), 61, "{row}");
                }
            }
            "events" => {
                for line in json_lines(&text) {
                    assert_has_keys(&line, EVENT_KEYS);
                    assert_has_keys(&line, &["article_id", "article_date", "sentence_text"]);
                }
            }
            "plover" => {
                for line in json_lines(&text) {
                    assert_has_keys(&line, &["event_type", "mode", "context", "actors", "recipients", "date", "text"]);
                }
            }
            _ => assert_eq!(json_lines(&text).len(), 1),
        }
    }
}

#[test]
fn reads_standard_input_by_default() {
    let input = "{\"id\": \"x\", \"date\": \"2022-01-25\", \"text\": \"Russia warned Ukraine.\"}\n";
    let out = dyad_code(&[], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&stdout(&out))[0]["id"], "x");
}

#[test]
fn dictionary_warnings_name_file_and_line() {
    let dir = scratch_dir("dict");
    let verbs = dir.join("verbs.txt");
    std::fs::write(&verbs, "--- WARN [130] ---\nWARN\n- * SOLDIERS [138]\n- * broken [\n").unwrap();
    let actors = dir.join("actors.txt");
    std::fs::write(&actors, "RUSSIA_ [RUS]\nbroken [[\n").unwrap();
    let args = ["--verbs", verbs.to_str().unwrap(), "--actors", actors.to_str().unwrap(), &example()];
    let out = dyad_code(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let stderr = stderr(&out);
    assert!(stderr.contains(&format!("{}:4: ", verbs.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}:2: ", actors.display())), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn overlay_adds_people_and_reports_bad_lines() {
    let dir = scratch_dir("overlay");
    let overlay = dir.join("overlay.txt");
    std::fs::write(&overlay, "# test people\nZorblax Quintavius; Quintavius | RUSGOV 2020-01-01..\n[nonsense]\n")
        .unwrap();
    let input =
        "{\"id\": \"z\", \"date\": \"2022-01-25\", \"text\": \"Zorblax Quintavius warned Ukraine on Monday.\"}\n";
    let out = dyad_code(&["--overlay", overlay.to_str().unwrap(), "-"], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{}:3: ", overlay.display())), "{}", stderr(&out));
    let doc = &json_lines(&stdout(&out))[0];
    let mentions = doc["mentions"].as_array().unwrap();
    assert!(mentions.iter().any(|m| m["text"] == "Zorblax Quintavius" && m["code"] == "RUSGOV"), "{}", doc["mentions"]);
    let _ = std::fs::remove_dir_all(&dir);
}
