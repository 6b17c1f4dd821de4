"""The package against the CLI, and its input handling, errors and threading."""

import datetime
import json
import threading
import time

import pyarrow as pa
import pyarrow.compute
import pytest

import dyad
from conftest import assert_same_rows, binary_docs, expected_events, reuters, write_jsonl

SENTENCE = (
    "The US administration does not intend to give in to Russia in matters of security "
    "guarantees, declared US State Department spokesman Ned Price."
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """60 Reuters stories plus one undated and one non-ASCII article, and what the CLI
    makes of them."""
    articles = reuters(60) + [
        {"id": "undated", "text": "Iran accused Israel of sabotage on Sunday."},
        {"id": "accents", "date": "2021-06-02", "text": "Le président Macron a rencontré à Paris "
         "le chancelier allemand. France signed an agreement with Germany."},
    ]
    path = write_jsonl(articles, tmp_path_factory.mktemp("sample") / "sample.jsonl")
    return articles, binary_docs(path)


def test_code_returns_the_doc_record():
    record = dyad.code(SENTENCE, date="2022-01-25", id="price")
    assert record["id"] == "price" and record["date"] == "2022-01-25"
    assert set(record) >= {"id", "date", "title", "text", "sentences", "mentions", "events", "quotes", "times", "places", "errors"}
    assert record["events"], "the sentence has a coded event"
    text = record["text"].encode()
    for event in record["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"]:trigger["end"]].decode() == trigger["text"]
        assert event["date"] == "2022-01-25"
        assert event["cameo"] and isinstance(event["goldstein"], float)


def test_dates_may_be_dates_timestamps_or_strings():
    as_string = dyad.code(SENTENCE, date="2022-01-25")
    assert dyad.code(SENTENCE, date=datetime.date(2022, 1, 25)) == as_string
    assert dyad.code(SENTENCE, date=datetime.datetime(2022, 1, 25, 23, 59)) == as_string
    assert dyad.code(SENTENCE, date="2022-01-25T23:59:00+05:00") == as_string
    assert dyad.code(SENTENCE)["date"] is None


@pytest.mark.parametrize("date", ["2022-13-01", "25/01/2022", "2022-1-5", 20220125])
def test_a_bad_date_is_a_value_error_naming_the_article(date):
    with pytest.raises(ValueError, match="article a7"):
        dyad.code(SENTENCE, date=date, id="a7")


def test_code_many_equals_the_cli(sample):
    articles, cli = sample
    records = dyad.code_many(articles)
    assert [r["id"] for r in records] == [a["id"] for a in articles]
    assert records == cli


def test_code_many_gives_the_same_on_any_number_of_threads(sample):
    articles, _ = sample
    assert dyad.code_many(articles[:20], threads=1) == dyad.code_many(articles[:20], threads=2)


def test_code_many_takes_texts_and_names_articles_by_position():
    records = dyad.code_many([SENTENCE, {"text": SENTENCE, "date": "2022-01-25", "id": 17}])
    assert [r["id"] for r in records] == ["0", "17"]
    assert records[1]["date"] == "2022-01-25"


@pytest.mark.parametrize(
    "article, message",
    [
        ({"id": "n1"}, "article n1: no `text`"),
        ({"id": "n2", "text": 5}, "article n2: `text` must be a str"),
        ({"id": "n3", "text": "x", "date": "yesterday"}, "article n3: bad date"),
        ({"id": ["n4"], "text": "x"}, "article 1: `id` must be"),
        (42, "article 1: expected a dict"),
    ],
)
def test_bad_articles_are_value_errors_naming_them(article, message):
    with pytest.raises(ValueError, match=message):
        dyad.code_many([SENTENCE, article])


def test_threads_must_be_positive():
    with pytest.raises(ValueError):
        dyad.code_many([SENTENCE], threads=0)


def articles_batch(articles):
    return pa.RecordBatch.from_pylist(
        [{"id": a["id"], "date": a.get("date"), "text": a["text"], "title": a.get("title")} for a in articles]
    )


def test_code_arrow_gives_the_cli_events_row_for_row(sample):
    articles, cli = sample
    events = dyad.code_arrow(articles_batch(articles))
    assert events.schema == dyad.events_schema()
    rows = sorted(events.to_pylist(), key=lambda r: (r["id"], r["event_index"]))
    assert_same_rows(rows, expected_events(cli))
    assert any(r["date"] is None for r in rows), "the undated article's events have a null date"


def test_code_arrow_over_an_iterator_gives_batch_by_batch(sample):
    articles, _ = sample
    batches = [articles_batch(articles[:30]), articles_batch(articles[30:])]
    whole = dyad.code_arrow(articles_batch(articles), threads=None)
    parts = list(dyad.code_arrow(iter(batches)))
    assert len(parts) == 2
    assert pa.Table.from_batches(parts).to_pylist() == whole.to_pylist()


def test_code_arrow_takes_other_column_types():
    batch = pa.RecordBatch.from_arrays(
        [
            pa.array([1, 2], pa.int64()),
            pa.array([datetime.date(2022, 1, 25), None], pa.date32()),
            pa.array([SENTENCE, SENTENCE], pa.large_string()),
        ],
        names=["id", "date", "text"],
    )
    events = dyad.code_arrow(batch).to_pylist()
    assert {e["id"] for e in events} == {"1", "2"}
    assert {e["date"] for e in events} == {"2022-01-25", None}
    empty = pa.RecordBatch.from_pydict({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    assert dyad.code_arrow(empty).num_rows == 0


@pytest.mark.parametrize(
    "columns, message",
    [
        ({"id": ["a", "b"], "text": ["x", None]}, "article b: `text` is null"),
        ({"id": ["a", "b"], "text": ["x", "y"], "date": ["2022-01-25", "soon"]}, "article b: bad date"),
        ({"text": ["x"]}, "no `id` column"),
        ({"id": ["a"]}, "no `text` column"),
        ({"id": ["a", None], "text": ["x", "y"]}, r"\(row 1\): `id` is null"),
    ],
)
def test_bad_batches_are_value_errors_naming_the_article(columns, message):
    with pytest.raises(ValueError, match=message):
        dyad.code_arrow(pa.RecordBatch.from_pydict(columns))


def test_code_tables_gives_the_four_store_tables_from_the_records(sample):
    articles, cli = sample
    tables = dyad.code_tables(articles_batch(articles), threads=2)
    assert list(tables) == ["documents", "events", "mentions", "quotes"]
    for name, rows in tables.items():
        assert rows.schema == dyad.table_schema(name), name
    by_id = {doc["id"]: doc for doc in cli}
    documents = tables["documents"].to_pylist()
    assert [d["id"] for d in documents] == [a["id"] for a in articles]
    for row in documents:
        doc = by_id[row["id"]]
        assert row["date"] == doc["date"] and row["text"] == doc["text"] and row["title"] == doc.get("title")
        assert {k: row[k] for k in ("sentences", "mentions", "events", "quotes", "times", "places", "errors")} == {
            k: len(doc[k]) for k in ("sentences", "mentions", "events", "quotes", "times", "places", "errors")
        }
        # The record column is the record without its text (the text has its own column).
        assert json.loads(row["record"]) == {k: v for k, v in doc.items() if k != "text"}
    events = sorted(tables["events"].to_pylist(), key=lambda r: (r["id"], r["event_index"]))
    assert_same_rows(events, expected_events(cli))
    for table, key in (("mentions", "mention_index"), ("quotes", "quote_index")):
        rows = tables[table].to_pylist()
        assert len(rows) == sum(len(doc[table]) for doc in cli) > 0, table
        for row in rows:
            item = by_id[row["id"]][table][row[key]]
            assert (row["start"], row["end"], row["text"]) == (item["start"], item["end"], item["text"]), table
            assert row["date"] == by_id[row["id"]]["date"]
    quote = next(r for r in tables["quotes"].to_pylist())
    speaker = by_id[quote["id"]]["quotes"][quote["quote_index"]].get("speaker") or {}
    assert quote["speaker_text"] == speaker.get("text")


def test_code_arrow_gives_any_table_or_their_union(sample):
    articles, _ = sample
    batch = articles_batch(articles[:20])
    tables = dyad.code_tables(batch)
    for name, rows in tables.items():
        one = dyad.code_arrow(batch, table=name)
        assert one.schema == dyad.table_schema(name)
        assert one.to_pylist() == rows.to_pylist(), name
    union = dyad.code_arrow(batch, table="all")
    assert union.schema == dyad.table_schema("all")
    assert union.num_rows == sum(rows.num_rows for rows in tables.values())
    for name, rows in tables.items():
        # The union's rows of a table, projected onto its columns, are that table.
        mine = union.filter(pa.compute.equal(union.column("table"), name)).select(rows.schema.names)
        assert mine.to_pylist() == rows.to_pylist(), name
    with pytest.raises(ValueError, match='unknown table "event"'):
        dyad.code_arrow(batch, table="event")
    with pytest.raises(ValueError, match="unknown table"):
        dyad.table_schema("places")
    assert dyad.table_schema() == dyad.events_schema()


def test_code_arrow_refuses_what_is_not_batches():
    with pytest.raises(TypeError):
        dyad.code_arrow(3)


def test_the_gil_is_released_while_coding(sample):
    """A Python thread keeps running while another codes: with the GIL held through
    the call it could not take a single step."""
    articles, _ = sample
    steps = 0
    coding = threading.Event()
    done = threading.Event()

    def count():
        nonlocal steps
        coding.wait()
        while not done.is_set():
            steps += 1

    counter = threading.Thread(target=count)
    counter.start()
    time.sleep(0.05)
    coding.set()
    batch = list(articles)
    while True:
        before = steps
        started = time.perf_counter()
        dyad.code_many(batch, threads=1)
        elapsed = time.perf_counter() - started
        during = steps - before
        # Long enough to tell on a fast machine too (the sample alone took 0.048 s once).
        if elapsed > 0.2 or len(batch) >= 64 * len(articles):
            break
        batch *= 2
    done.set()
    counter.join()
    assert elapsed > 0.05, "the call must be long enough to tell"
    assert during > 10_000, f"only {during} steps of the other thread in {elapsed:.2f} s of coding"


def test_python_threads_code_concurrently_and_agree(sample):
    articles, _ = sample
    expected = [dyad.code(a["text"], date=a.get("date"), id=a["id"]) for a in articles[:8]]
    results = [None] * len(expected)

    def work(i):
        results[i] = dyad.code(articles[i]["text"], date=articles[i].get("date"), id=articles[i]["id"])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(expected))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


def test_the_module_says_what_it_is():
    assert dyad.__version__
    assert issubclass(dyad.CodingError, RuntimeError)
    for function in (dyad.code, dyad.code_many, dyad.code_arrow, dyad.code_tables, dyad.events_schema, dyad.table_schema):
        assert function.__doc__
