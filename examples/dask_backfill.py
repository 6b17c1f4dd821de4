#!/usr/bin/env python3
"""Backfill: code a corpus on Dask and write a dyad store.

    python examples/dask_backfill.py ARTICLES.jsonl... --out STORE [--scheduler ADDRESS]
    dyad query --store STORE "SELECT date, COUNT(*) FROM events GROUP BY date"

ARTICLES are JSON Lines files ({"id", "date", "text", "title"?, "url"?} per line). The
files are split into blocks of lines (a `dask.bag`); each block is coded once by the dyad
Rust coder (`dyad.code_tables`) on a worker, which writes the store's four tables there as
STORE/{documents,events,mentions,quotes}/date=YYYY-MM-DD/part-<block>-<n>.parquet
(undated articles in date=__HIVE_DEFAULT_PARTITION__): the layout `dyad ingest` writes,
which `dyad query`, `dyad dyads` and `dyad serve` read. Without --scheduler a
LocalCluster of --workers single-threaded processes is started.
"""

import argparse
import json
import shutil
import time
import uuid
from pathlib import Path

import dask.bag
import dyad
import pyarrow as pa
import pyarrow.dataset as ds
from dask.distributed import Client, LocalCluster

TABLES = ("documents", "events", "mentions", "quotes")
ARTICLE_COLUMNS = ("id", "date", "text", "title", "url")
ARTICLE_SCHEMA = pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS])


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines files")
    parser.add_argument("--out", required=True, help="the store directory: OUT/documents, OUT/events, ...")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    parser.add_argument("--blocksize", default="1MiB", help="bytes of input per task (default 1MiB)")
    parser.add_argument("--mode", choices=["overwrite", "append"], default="overwrite",
                        help="overwrite replaces the store's tables; append adds to them")
    return parser.parse_args(argv)


def articles_batch(lines):
    """A block of JSON Lines as a batch of articles. Ids are kept as written (a
    numeric id becomes its text); an unreadable line fails the task, naming it."""
    rows = {name: [] for name in ARTICLE_COLUMNS}
    for line in lines:
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"malformed JSON line {line[:80]!r}: {error}") from None
        for name in ARTICLE_COLUMNS:
            value = article.get(name)
            rows[name].append(None if value is None else str(value))
    return pa.RecordBatch.from_pydict(rows, schema=ARTICLE_SCHEMA)


def code_block(lines, out, block):
    """Codes one block of lines and writes its rows of the four tables; returns
    [(articles, events)]."""
    lines = list(lines)
    batch = articles_batch(lines)
    tables = dyad.code_tables(batch)
    for table in TABLES:
        rows = tables[table]
        if not rows.num_rows:
            continue
        ds.write_dataset(
            pa.Table.from_batches([rows]),
            f"{out}/{table}",
            format="parquet",
            partitioning=["date"],
            partitioning_flavor="hive",
            # Unique per block and run, so that blocks and appended runs never overwrite
            # each other's files; `part-` is the prefix the store reads.
            basename_template=f"part-{block}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
    return [(batch.num_rows, tables["events"].num_rows)]


def backfill(client, inputs, out, blocksize="1MiB", mode="overwrite"):
    """Codes the articles and writes the store's four tables under OUT; returns
    (articles, events)."""
    for table in TABLES:
        if mode == "overwrite":
            shutil.rmtree(Path(out) / table, ignore_errors=True)
        # Every table's directory exists, rows or not: `dyad query` opens all four.
        (Path(out) / table).mkdir(parents=True, exist_ok=True)
    run = uuid.uuid4().hex[:8]
    blocks = dask.bag.read_text(list(inputs), blocksize=blocksize).to_delayed()
    tasks = [dask.delayed(code_block)(block, out, f"{run}-{i:05d}") for i, block in enumerate(blocks)]
    counts = [c for part in client.compute(tasks, sync=True) for c in part]
    return sum(a for a, _ in counts), sum(e for _, e in counts)


def main(argv=None):
    args = parse_args(argv)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    try:
        started = time.perf_counter()
        articles, events = backfill(client, args.inputs, args.out, args.blocksize, args.mode)
        seconds = time.perf_counter() - started
        print(f"{articles} articles, {events} events in {seconds:.1f} s ({articles / seconds:.1f} articles/s)")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
