#!/usr/bin/env python3
"""The Python/Arrow path alone, for comparing with the bare CLI on the same articles:

    perf stat -e task-clock python examples/arrow_overhead.py ARTICLES.jsonl OUT.parquet
    perf stat -e task-clock dyad code --threads 1 --format events -o OUT.jsonl ARTICLES.jsonl

    perf stat -e task-clock python examples/arrow_overhead.py --tables ARTICLES.jsonl OUT
    perf stat -e task-clock dyad code --threads 1 --format doc -o OUT.jsonl ARTICLES.jsonl

It reads JSON Lines into Arrow batches (pyarrow's reader), codes them on one thread with
`dyad.code_arrow` and writes the events to one Parquet file: what a Spark or Dask task
does, without the framework. With --tables it codes them with `dyad.code_tables` and
writes the store's four tables to OUT/<table>.parquet, what the backfills now do; the CLI's
counterpart then is the whole `doc` record. CPU seconds, not wall-clock, are the fair
measure on a shared machine.
"""

import argparse
import os
import resource
import time

import dyad
import pyarrow as pa
import pyarrow.json
import pyarrow.parquet as pq


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="a JSON Lines file of articles")
    parser.add_argument("output", help="the Parquet file of events to write")
    parser.add_argument("--batch", type=int, default=1000, help="articles per batch (default 1000)")
    parser.add_argument("--tables", action="store_true",
                        help="code the four store tables (code_tables); OUTPUT is a directory")
    args = parser.parse_args()
    started = time.perf_counter()
    schema = pa.schema([(name, pa.string()) for name in ("id", "date", "title", "text")])
    articles = pyarrow.json.read_json(args.input, parse_options=pyarrow.json.ParseOptions(explicit_schema=schema))
    events = 0
    batches = articles.to_batches(max_chunksize=args.batch)
    if args.tables:
        os.makedirs(args.output, exist_ok=True)
        names = ("documents", "events", "mentions", "quotes")
        writers = {name: pq.ParquetWriter(os.path.join(args.output, f"{name}.parquet"), dyad.table_schema(name))
                   for name in names}
        try:
            for batch in batches:
                tables = dyad.code_tables(batch, threads=1)
                for name, rows in tables.items():
                    writers[name].write_batch(rows)
                events += tables["events"].num_rows
        finally:
            for writer in writers.values():
                writer.close()
    else:
        with pq.ParquetWriter(args.output, dyad.events_schema()) as writer:
            for batch in batches:
                coded = dyad.code_arrow(batch, threads=1)
                writer.write_batch(coded)
                events += coded.num_rows
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"{articles.num_rows} articles, {events} events, {cpu:.2f} CPU s "
          f"({articles.num_rows / cpu:.0f} articles per CPU second), {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
