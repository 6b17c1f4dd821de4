"""The Spark and Dask backfills (examples/) against the CLI on the same input: the same
events as `dyad code`, row for row, and a store that `dyad query` and `dyad dyads` read
as they read the one `dyad ingest` writes, table for table."""

import collections
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (
    REPO,
    assert_same_rows,
    binary_docs,
    dyad_binary,
    expected_events,
    read_events_store,
    reuters,
    write_jsonl,
)

EXAMPLES = REPO / "examples"
# Each backfill run, JVM start included, must finish within this (seconds).
RUN_LIMIT = 600


# Each store table with the key that orders its rows.
TABLE_ORDER = {
    "documents": "id",
    "events": "id, event_index",
    "mentions": "id, mention_index",
    "quotes": "id, quote_index",
}

Corpus = collections.namedtuple("Corpus", "inputs docs events ingested")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """120 Reuters stories over two files, plus an undated one; the CLI's records of
    them, and the store `dyad ingest` makes of them."""
    directory = tmp_path_factory.mktemp("corpus")
    stories = reuters(120)
    stories[7] = {"id": "undated-7", "text": stories[7]["text"]}
    write_jsonl(stories[:60], directory / "a.jsonl")
    write_jsonl(stories[60:], directory / "b.jsonl")
    docs = binary_docs(directory / "a.jsonl") + binary_docs(directory / "b.jsonl")
    ingested = tmp_path_factory.mktemp("ingested") / "store"
    run_dyad("ingest", directory / "a.jsonl", directory / "b.jsonl", "--store", ingested)
    return Corpus(directory, docs, expected_events(docs), ingested)


def run_dyad(*args):
    result = subprocess.run([dyad_binary(), *map(str, args)], capture_output=True, text=True, timeout=RUN_LIMIT)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def dyad_rows(*args):
    """The JSON Lines output of a `dyad` store command."""
    return [json.loads(line) for line in run_dyad(*args, "--format", "jsonl").splitlines()]


def query(store, sql):
    return dyad_rows("query", "--store", store, sql)


def expected_dyads(docs):
    """`dyad dyads`'s event counts per (day, source country, target country), from the
    CLI's records: the event's own date, else the article's."""
    counts = collections.Counter()
    for doc in docs:
        for event in doc["events"]:
            source = (event.get("source") or {}).get("country")
            target = (event.get("target") or {}).get("country")
            day = event.get("date") or doc.get("date")
            if source and target and day:
                counts[(day, source, target)] += 1
    return counts


def run_example(script, *args, env=None):
    command = [sys.executable, str(EXAMPLES / script), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_LIMIT, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def check_store(out, corpus):
    """OUT is a store: its events are the CLI's row for row, `dyad query` opens it and
    counts what `dyad code` coded, every table equals `dyad ingest`'s, and `dyad dyads`
    works on it."""
    rows = read_events_store(out)
    assert_same_rows(rows, corpus.events)
    for table in TABLE_ORDER:
        partitions = {p.name for p in (Path(out) / table).iterdir() if p.is_dir()}
        if table in ("documents", "events", "mentions"):
            assert "date=__HIVE_DEFAULT_PARTITION__" in partitions, table
            assert any(p.startswith("date=1987-") for p in partitions), table
    counts = query(out, "SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM events) AS events, "
                        "(SELECT COUNT(*) FROM mentions) AS mentions, (SELECT COUNT(*) FROM quotes) AS quotes")
    expected = {table: sum(len(doc[table]) for doc in corpus.docs) for table in ("events", "mentions", "quotes")}
    assert counts == [{"documents": len(corpus.docs), **expected}]
    assert expected["quotes"] > 0, "the sample has quotes, so the quotes table is checked"
    for table, order in TABLE_ORDER.items():
        sql = f"SELECT * FROM {table} ORDER BY {order}"
        assert query(out, sql) == query(corpus.ingested, sql), table
    dyads = dyad_rows("dyads", "--store", out)
    assert dyads == dyad_rows("dyads", "--store", corpus.ingested)
    assert {(r["date"], r["source"], r["target"]): r["events"] for r in dyads} == expected_dyads(corpus.docs)


def test_spark_local_mode(corpus, tmp_path):
    out = tmp_path / "store"
    stdout = run_example("spark_backfill.py", corpus.inputs, "--out", out, "--master", "local[2]", "--partitions", "4")
    assert "120 articles" in stdout
    check_store(out, corpus)


def test_spark_per_table_strategy_writes_the_same_store(corpus, tmp_path):
    out = tmp_path / "store"
    stdout = run_example("spark_backfill.py", corpus.inputs, "--out", out, "--master", "local[2]",
                         "--strategy", "per-table")
    assert "120 articles" in stdout
    check_store(out, corpus)


def test_spark_reads_parquet_with_typed_dates(corpus, tmp_path):
    """Parquet articles whose `date` is a date column, as Spark and pandas write them."""
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = [json.loads(line) for path in sorted(corpus.inputs.glob("*.jsonl")) for line in open(path, encoding="utf-8")]
    for article in articles:
        article["date"] = datetime.date.fromisoformat(article["date"]) if article.get("date") else None
    schema = pa.schema([("id", pa.string()), ("date", pa.date32()), ("title", pa.string()), ("text", pa.string())])
    parquet = tmp_path / "articles"
    parquet.mkdir()
    pq.write_table(pa.Table.from_pylist(articles, schema=schema), parquet / "articles.parquet")
    out = tmp_path / "store"
    stdout = run_example("spark_backfill.py", parquet, "--input-format", "parquet", "--out", out, "--master", "local[2]")
    assert "120 articles" in stdout
    check_store(out, corpus)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spark_home():
    import pyspark

    return Path(pyspark.__file__).parent


class StandaloneCluster:
    """A Spark Master and one Worker on loopback, started with spark-class (the pip
    package has no sbin/ scripts)."""

    def __init__(self, directory):
        self.port = free_port()
        self.url = f"spark://127.0.0.1:{self.port}"
        self.directory = directory
        self.env = {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "PYSPARK_PYTHON": sys.executable,
            "SPARK_WORKER_DIR": str(directory / "work"),
        }
        self.processes = []

    def spawn(self, name, *args):
        log = open(self.directory / f"{name}.log", "w")
        command = [str(spark_home() / "bin" / "spark-class"), *args]
        self.processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=self.env))
        return self.directory / f"{name}.log"

    def __enter__(self):
        master = self.spawn("master", "org.apache.spark.deploy.master.Master",
                            "--host", "127.0.0.1", "--port", str(self.port), "--webui-port", str(free_port()))
        self.wait_for(master, f"Starting Spark master at {self.url}")
        self.spawn("worker", "org.apache.spark.deploy.worker.Worker", self.url, "--host", "127.0.0.1",
                   "--cores", "2", "--memory", "2g", "--webui-port", str(free_port()))
        self.wait_for(master, "Registering worker")
        return self

    def wait_for(self, log, line, limit=180):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if line in log.read_text(errors="replace"):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(0.5)
        logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in self.directory.glob("*.log"))
        raise AssertionError(f"no {line!r} from the Spark cluster:\n{logs}")

    def __exit__(self, *exc):
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_spark_standalone_cluster_on_loopback(corpus, tmp_path):
    out = tmp_path / "store"
    with StandaloneCluster(tmp_path) as cluster:
        stdout = run_example("spark_backfill.py", corpus.inputs, "--out", out, "--master", cluster.url,
                             "--partitions", "4", env=cluster.env)
    assert "120 articles" in stdout
    check_store(out, corpus)
    # The work ran on the cluster's executor, not in the driver.
    assert any((tmp_path / "work").glob("app-*/*/stderr"))


def test_dask_local_cluster(corpus, tmp_path):
    out = tmp_path / "store"
    files = sorted(corpus.inputs.glob("*.jsonl"))
    stdout = run_example("dask_backfill.py", *files, "--out", out, "--workers", "2", "--blocksize", "64KiB")
    assert "120 articles" in stdout
    check_store(out, corpus)
