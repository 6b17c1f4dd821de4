"""Shared fixtures: the reference corpus, the `dyad` binary, and an independent
flattening of `doc` records into events rows to check the Rust one against."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
REUTERS = SHARED / "data" / "news" / "reuters21578"


def reuters(n, part="part-000.jsonl"):
    """The first `n` Reuters-21578 stories, as JSON Lines dicts."""
    path = REUTERS / part
    if not path.exists():
        pytest.skip(f"{path} is missing (CI places ../shared beside the clone)")
    articles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            articles.append(json.loads(line))
            if len(articles) == n:
                break
    return articles


def dyad_binary():
    """The CLI to compare against: $DYAD_BIN, else the workspace's release or debug build."""
    candidates = [os.environ.get("DYAD_BIN"), REPO / "target/release/dyad", REPO / "target/debug/dyad"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("no dyad binary: run `cargo build -p dyad` or set DYAD_BIN")


def write_jsonl(articles, path):
    with open(path, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article) + "\n")
    return path


def binary_docs(path):
    """`dyad code --format doc` on a JSON Lines file: one record per article."""
    result = subprocess.run(
        [dyad_binary(), "code", "--format", "doc", "--threads", "2", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def event_rows(doc):
    """The events-table rows of one `doc` record, written from shared/spec/output.md
    independently of the Rust code (dyad-tables) under test."""
    text = doc["text"].encode("utf-8")
    for index, event in enumerate(doc["events"]):
        sentence = doc["sentences"][event["sentence"]]
        source = event.get("source") or {}
        target = event.get("target") or {}
        plover = event.get("plover") or {}
        trigger = event.get("trigger") or {}
        location = event.get("location") or {}
        yield {
            "id": doc["id"],
            "event_index": index,
            "sentence": event["sentence"],
            "sentence_start": sentence["start"],
            "sentence_end": sentence["end"],
            "sentence_text": text[sentence["start"] : sentence["end"]].decode("utf-8"),
            **{f"source_{key}": source.get(key) for key in ("code", "country", "sector", "text", "start", "end", "mention")},
            **{f"target_{key}": target.get(key) for key in ("code", "country", "sector", "text", "start", "end", "mention")},
            "cameo": event["cameo"],
            "cameo_root": event.get("cameo_root"),
            "cameo_name": event.get("cameo_name"),
            "goldstein": event.get("goldstein"),
            "quad_class": event.get("quad_class"),
            "plover_type": plover.get("type"),
            "plover_mode": plover.get("mode"),
            "plover_context": plover.get("context"),
            "trigger_text": trigger.get("text"),
            "trigger_start": trigger.get("start"),
            "trigger_end": trigger.get("end"),
            "event_date": event.get("date"),
            "negated": event.get("negated"),
            "modality": event.get("modality"),
            "quote": event.get("quote"),
            "location_text": location.get("text"),
            "location_name": location.get("name"),
            "location_country": location.get("country"),
            "location_lat": location.get("lat"),
            "location_lon": location.get("lon"),
            "mentions": event.get("mentions"),
            "reporter": event.get("reporter"),
            "rule": event.get("rule"),
            "date": doc.get("date"),
        }


def expected_events(docs):
    rows = [row for doc in docs for row in event_rows(doc)]
    return sorted(rows, key=lambda r: (r["id"], r["event_index"]))


def read_events_store(directory):
    """Every event row under `directory`/events (Hive-partitioned Parquet), the
    partition value as the `date` column (None for the undated partition)."""
    import pyarrow.parquet as pq

    rows = []
    files = sorted((Path(directory) / "events").glob("date=*/*.parquet"))
    for path in files:
        if not path.name.startswith("part-"):
            continue
        partition = path.parent.name.removeprefix("date=")
        date = None if partition == "__HIVE_DEFAULT_PARTITION__" else partition
        for row in pq.read_table(path).to_pylist():
            row["date"] = date
            rows.append(row)
    return sorted(rows, key=lambda r: (r["id"], r["event_index"]))


def assert_same_rows(actual, expected):
    assert len(actual) == len(expected), (len(actual), len(expected))
    for got, want in zip(actual, expected):
        assert got == want, (got["id"], got["event_index"])
