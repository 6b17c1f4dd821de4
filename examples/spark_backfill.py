#!/usr/bin/env python3
"""Backfill: code a corpus on Apache Spark and write the store's `events` table.

    python examples/spark_backfill.py ARTICLES... --out STORE [--master local[2]]

ARTICLES are JSON Lines files or directories ({"id", "date", "text", "title"?, "url"?}
per line) or, with --input-format parquet, Parquet with those columns. Every Spark task
codes its articles with the dyad Rust coder (`dyad.code_arrow` under `mapInArrow`) and
the events land in STORE/events/date=YYYY-MM-DD/part-*.parquet (undated articles in
date=__HIVE_DEFAULT_PARTITION__), the layout `dyad query` reads.

The `dyad` package (pip install ./python) must be installed where the executors run
their Python: on a laptop, the same venv; on a cluster, every worker's.
"""

import argparse
import os
import sys
import time

import dyad
from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import StringType, StructField, StructType

ARTICLE_SCHEMA = StructType(
    [StructField(name, StringType(), True) for name in ("id", "date", "title", "text", "url")]
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines or Parquet files or directories")
    parser.add_argument("--out", required=True, help="the store directory; events go to OUT/events")
    parser.add_argument("--master", default="local[2]", help="local[N] or spark://HOST:PORT (default local[2])")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--partitions", type=int, help="Spark partitions to code (default: Spark's split)")
    parser.add_argument("--mode", choices=["overwrite", "append"], default="overwrite",
                        help="overwrite replaces OUT/events; append adds to it")
    parser.add_argument("--python", default=sys.executable, help="the executors' Python (default: this one)")
    return parser.parse_args(argv)


def session(master, python):
    # Read by Spark when it starts the Python workers; the conf keys below alone are
    # not honoured by every launcher.
    os.environ.setdefault("PYSPARK_PYTHON", python)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", python)
    return (
        SparkSession.builder.master(master)
        .appName("dyad-backfill")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.pyspark.python", python)
        .config("spark.pyspark.driver.python", python)
        # Python workers live as long as the executor, so the coder loads once per worker.
        .config("spark.python.worker.reuse", "true")
        # Articles are long: keep Arrow batches to a size a worker codes in seconds.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .getOrCreate()
    )


def read_articles(spark, inputs, input_format):
    if input_format == "parquet":
        frame = spark.read.parquet(*inputs)
    else:
        # An explicit schema: no inference pass over the corpus, and a missing key
        # (an undated article) is a null rather than a missing column.
        frame = spark.read.schema(ARTICLE_SCHEMA).json(list(inputs))
    columns = [c for c in ("id", "date", "text", "title", "url") if c in frame.columns]
    return frame.select(*columns)


def backfill(spark, inputs, out, input_format="jsonl", partitions=None, mode="overwrite"):
    """Codes the articles and writes OUT/events."""
    articles = read_articles(spark, inputs, input_format)
    if partitions:
        articles = articles.repartition(partitions)
    schema = from_arrow_schema(dyad.events_schema())
    events = articles.mapInArrow(dyad.code_arrow, schema)
    events.write.mode(mode).partitionBy("date").parquet(f"{out}/events")


def main(argv=None):
    args = parse_args(argv)
    spark = session(args.master, args.python)
    try:
        started = time.perf_counter()
        backfill(spark, args.inputs, args.out, args.input_format, args.partitions, args.mode)
        seconds = time.perf_counter() - started
        articles = read_articles(spark, args.inputs, args.input_format).count()
        events = spark.read.parquet(f"{args.out}/events").count()
        print(f"{articles} articles, {events} events in {seconds:.1f} s ({articles / seconds:.1f} articles/s)")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
