#!/usr/bin/env python3
"""Backfill: code a corpus on Dask and write the store's `events` table.

    python examples/dask_backfill.py ARTICLES.jsonl... --out STORE [--scheduler ADDRESS]

ARTICLES are JSON Lines files ({"id", "date", "text", "title"?, "url"?} per line). The
files are split into blocks of lines (a `dask.bag`); each block is coded by the dyad Rust
coder (`dyad.code_arrow`) on a worker and written there as
STORE/events/date=YYYY-MM-DD/part-<block>-<n>.parquet (undated articles in
date=__HIVE_DEFAULT_PARTITION__), the layout `dyad query` reads. Without --scheduler a
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

ARTICLE_COLUMNS = ("id", "date", "text", "title", "url")
ARTICLE_SCHEMA = pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS])


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines files")
    parser.add_argument("--out", required=True, help="the store directory; events go to OUT/events")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    parser.add_argument("--blocksize", default="1MiB", help="bytes of input per task (default 1MiB)")
    parser.add_argument("--mode", choices=["overwrite", "append"], default="overwrite",
                        help="overwrite replaces OUT/events; append adds to it")
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
    """Codes one block of lines and writes its events; returns [(articles, events)]."""
    lines = list(lines)
    batch = articles_batch(lines)
    events = dyad.code_arrow(batch)
    if events.num_rows:
        ds.write_dataset(
            pa.Table.from_batches([events]),
            f"{out}/events",
            format="parquet",
            partitioning=["date"],
            partitioning_flavor="hive",
            # Unique per block and run, so that blocks and appended runs never overwrite
            # each other's files; `part-` is the prefix the store reads.
            basename_template=f"part-{block}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
    return [(batch.num_rows, events.num_rows)]


def backfill(client, inputs, out, blocksize="1MiB", mode="overwrite"):
    """Codes the articles and writes OUT/events; returns (articles, events)."""
    if mode == "overwrite":
        shutil.rmtree(Path(out) / "events", ignore_errors=True)
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
