//! `dyad ingest`, `query`, `dyads`, `actors` and `serve` as a user runs them: real
//! processes over a store in a scratch directory.
#![cfg(feature = "store")]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Output, Stdio};

mod common;

use common::{example, json_lines as jsonl, scratch_dir};

/// Runs the binary with no input.
fn dyad(args: &[&str]) -> Output {
    common::dyad(args, None)
}


fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn ingest_replaces_by_id_and_query_reads_the_tables() {
    let dir = scratch_dir("ingest");
    let store = dir.join("store");
    let input = dir.join("articles.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"date\": \"2022-03-01\", \"text\": \"Russian troops attacked Ukrainian positions.\"}\n\
         {\"id\": \"b\", \"date\": \"2022-03-02\", \"text\": \"France condemned Russia.\"}\n\
         not json\n",
    )
    .unwrap();
    let output = dyad(&["ingest", "--store", store.to_str().unwrap(), input.to_str().unwrap(), &example()]);
    assert_eq!(output.status.code(), Some(1), "a bad line fails the run but not the batch");
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("ingested 3 articles (3 new, 0 replaced"), "{summary}");
    assert!(store.join("events/date=2022-01-25").is_dir(), "partitioned by the article's date");

    // Re-ingest "a" with another date: replaced, not duplicated.
    std::fs::write(&input, "{\"id\": \"a\", \"date\": \"2022-03-05\", \"text\": \"Russia attacked Ukraine.\"}\n")
        .unwrap();
    let output = dyad(&["ingest", "--store", store.to_str().unwrap(), input.to_str().unwrap()]);
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("(0 new, 1 replaced") && summary.contains("holds 3 articles"), "{summary}");

    let rows =
        |sql: &str| jsonl(&stdout(&dyad(&["query", "--store", store.to_str().unwrap(), "--format", "jsonl", sql])));
    let documents = rows("SELECT id, date FROM documents ORDER BY id");
    let dates: Vec<_> = documents.iter().map(|d| (d["id"].as_str().unwrap(), d["date"].as_str().unwrap())).collect();
    assert_eq!(dates.len(), 3);
    assert!(dates.contains(&("a", "2022-03-05")), "{dates:?}");
    let events = rows("SELECT COUNT(*) AS n FROM events WHERE id = 'a'");
    assert!(events[0]["n"].as_i64().unwrap() >= 1);
    let example_events =
        rows("SELECT cameo, source_code, trigger_text, sentence_text FROM events WHERE date = '2022-01-25'");
    assert!(!example_events.is_empty());

    let csv = stdout(&dyad(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
        "SELECT id FROM documents ORDER BY id",
    ]));
    assert!(csv.starts_with("id\n"), "{csv}");
    let table = stdout(&dyad(&["query", "--store", store.to_str().unwrap(), "SELECT id FROM documents ORDER BY id"]));
    assert!(table.contains("| id"), "{table}");
    let bad = dyad(&["query", "--store", store.to_str().unwrap(), "SELEC nonsense"]);
    assert!(!bad.status.success() && !bad.stderr.is_empty());

    let dyads = jsonl(&stdout(&dyad(&["dyads", "--store", store.to_str().unwrap(), "--format", "jsonl"])));
    assert!(dyads.iter().all(|d| d["events"].as_i64().unwrap() > 0 && d["source"].is_string()), "{dyads:?}");
    let actors =
        jsonl(&stdout(&dyad(&["actors", "--store", store.to_str().unwrap(), "--format", "jsonl", "--limit", "3"])));
    assert!(!actors.is_empty() && actors.len() <= 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_prints_its_address_and_answers() {
    let dir = scratch_dir("serve");
    let store = dir.join("store");
    stdout(&dyad(&["ingest", "--store", store.to_str().unwrap(), &example()]));
    let mut server = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--store", store.to_str().unwrap(), "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line.trim().rsplit("http://").next().unwrap().trim_end_matches('/').to_string();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream.write_all(b"GET /v1/events?source=USA HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    server.kill().unwrap();
    let mut log = String::new();
    server.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    let _ = server.wait();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"events\""), "{response}");
    assert!(log.contains("/v1/events"), "each request is logged: {log}");
    let _ = std::fs::remove_dir_all(&dir);
}
