"""The event store read by other tools: a store written by `dyad ingest` must read, as it
is, in DuckDB, Polars and pandas (pyarrow), with the same rows and values `dyad query`
gives, the Hive partition `date` included (null for undated articles).

Needs only the `dyad` binary built with its default `store` feature (DYAD_STORE_BIN,
else DYAD_BIN, else the workspace's build), not the Python package."""

import json
import math
import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, dyad_binary, reuters, write_jsonl

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as pa_dataset

EXAMPLE = REPO / "examples" / "seed-2022-01-25-us-russia.txt"

# For each table: the key that orders its rows and the columns compared value for value.
TABLES = {
    "documents": (["id"], ["id", "date", "title", "sentences", "events", "quotes", "mentions", "text"]),
    "events": (
        ["id", "event_index"],
        ["id", "event_index", "date", "cameo", "goldstein", "quad_class", "source_code", "target_code",
         "sentence_text", "trigger_start", "negated", "event_date"],
    ),
    "mentions": (["id", "mention_index"], ["id", "mention_index", "date", "start", "end", "text", "code"]),
    "quotes": (["id", "quote_index"], ["id", "quote_index", "date", "text", "kind", "speaker_text", "speaker_code"]),
}


def store_binary():
    """A `dyad` with `ingest` and `query`: CI builds the coder-only binary last, so it
    passes the full one as DYAD_STORE_BIN."""
    binary = os.environ.get("DYAD_STORE_BIN") or dyad_binary()
    probe = subprocess.run([binary, "ingest", "--help"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.fail(f"{binary} has no `ingest` (built with --no-default-features?): set DYAD_STORE_BIN")
    return binary


def dyad_query(binary, store, sql):
    result = subprocess.run(
        [binary, "query", "--store", str(store), "--format", "jsonl", sql],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """40 Reuters stories, an undated article and the example (quotes, dates, places),
    ingested into a new store."""
    binary = store_binary()
    directory = tmp_path_factory.mktemp("store")
    articles = reuters(40) + [{"id": "undated", "text": "Iran accused Israel of sabotage. \"We will respond,\" "
                               "the Iranian foreign minister said."}]
    inputs = write_jsonl(articles, directory / "articles.jsonl")
    store = directory / "events.store"
    subprocess.run(
        [binary, "ingest", "--threads", "2", "--store", str(store), str(inputs), str(EXAMPLE)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    expected = {}
    for table, (key, columns) in TABLES.items():
        sql = f"SELECT {', '.join(quote(c) for c in columns)} FROM {table} ORDER BY {', '.join(key)}"
        expected[table] = dyad_query(binary, store, sql)
    return store, expected


def quote(column):
    return f'"{column}"'


def normal(value):
    """One spelling per value across readers: None for nulls and NaN, dates as
    YYYY-MM-DD strings, numpy scalars as Python ones."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        # pandas turns an integer column with nulls into floats.
        return int(value)
    return value


def normal_rows(rows):
    return [{k: normal(v) for k, v in row.items()} for row in rows]


def pattern(store, table):
    return str(Path(store) / table / "*" / "*.parquet")


def read_duckdb(store, table, key, columns):
    select = ", ".join(quote(c) for c in columns)
    sql = (f"SELECT {select} FROM read_parquet('{pattern(store, table)}', hive_partitioning = true) "
           f"ORDER BY {', '.join(key)}")
    with duckdb.connect() as connection:
        cursor = connection.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def read_polars(store, table, key, columns):
    frame = pl.scan_parquet(pattern(store, table), hive_partitioning=True).select(columns).sort(key).collect()
    return frame.to_dicts()


def read_pandas(store, table, key, columns):
    # The table directory as one dataset; pyarrow reads the Hive partitions (its null
    # fallback is Hive's own `__HIVE_DEFAULT_PARTITION__`). The partition is typed as a
    # string: pyarrow's default, a dictionary, fails on the undated (null) partition
    # with "Cannot yet unify dictionaries with nulls" (pyarrow 26).
    partitioning = pa_dataset.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
    frame = pd.read_parquet(Path(store) / table, engine="pyarrow", partitioning=partitioning)
    frame = frame[columns].sort_values(key, kind="stable").reset_index(drop=True)
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


READERS = {"duckdb": read_duckdb, "polars": read_polars, "pandas": read_pandas}


def test_the_store_holds_what_was_ingested(store):
    _, expected = store
    documents = expected["documents"]
    assert len(documents) == 42
    assert {d["id"] for d in documents} >= {"undated", str(EXAMPLE)}
    assert next(d for d in documents if d["id"] == "undated")["date"] is None
    example = next(d for d in documents if d["id"] == str(EXAMPLE))
    assert example["date"] == "2022-01-25"
    # Every table has rows, so the comparisons below compare something.
    for table in TABLES:
        assert expected[table], table
    # The counts in `documents` agree with the other tables.
    for table in ("events", "mentions", "quotes"):
        assert sum(d[table] for d in documents) == len(expected[table]), table


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("table", sorted(TABLES))
def test_readers_see_the_rows_dyad_query_sees(store, reader, table):
    directory, expected = store
    key, columns = TABLES[table]
    rows = normal_rows(READERS[reader](directory, table, key, columns))
    want = normal_rows(expected[table])
    assert len(rows) == len(want), (reader, table, len(rows), len(want))
    for got, row in zip(rows, want):
        assert got == row, (reader, table, {k: (got[k], row[k]) for k in columns if got[k] != row[k]})
