#!/usr/bin/env python3
"""Backfill: code a corpus on Apache Spark and write a dyad store.

    python examples/spark_backfill.py ARTICLES... --out STORE [--master local[2]]
    dyad query --store STORE "SELECT date, COUNT(*) FROM events GROUP BY date"

ARTICLES are JSON Lines files or directories ({"id", "date", "text", "title"?, "url"?}
per line) or, with --input-format parquet, Parquet with those columns. Every Spark task
codes its articles with the dyad Rust coder (`dyad.code_arrow` under `mapInArrow`), and
the store's four tables land in STORE/{documents,events,mentions,quotes}/date=YYYY-MM-DD/
part-*.parquet (undated articles in date=__HIVE_DEFAULT_PARTITION__): the layout
`dyad ingest` writes, which `dyad query`, `dyad dyads` and `dyad serve` read.

`mapInArrow` returns one schema per call, so by default (--strategy union) each task
codes its articles once into one batch holding the four tables' rows (`table="all"`: a
`table` column, then the tables' columns), which Spark keeps (memory, spilling to disk)
while four writes each select one table's rows and columns. --strategy per-table codes
the articles once per table instead: four times the coding, for comparison (README,
"Running on a cluster", has both measured).

The `dyad` package (pip install ./python) must be installed where the executors run
their Python: on a laptop, the same venv; on a cluster, every worker's.
"""

import argparse
import os
import sys
import time

import dyad
from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql.functions import col
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import StringType, StructField, StructType

TABLES = ("documents", "events", "mentions", "quotes")

ARTICLE_SCHEMA = StructType(
    [StructField(name, StringType(), True) for name in ("id", "date", "title", "text", "url")]
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines or Parquet files or directories")
    parser.add_argument("--out", required=True, help="the store directory: OUT/documents, OUT/events, ...")
    parser.add_argument("--master", default="local[2]", help="local[N] or spark://HOST:PORT (default local[2])")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--partitions", type=int, help="Spark partitions to code (default: Spark's split)")
    parser.add_argument("--mode", choices=["overwrite", "append"], default="overwrite",
                        help="overwrite replaces the store's tables; append adds to them")
    parser.add_argument("--strategy", choices=["union", "per-table"], default="union",
                        help="code once into a union of the tables (default), or once per table")
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


def table_coder(table):
    """The `mapInArrow` function giving `table`'s rows (`"all"`: the four tables')."""

    def code(batches):
        return dyad.code_arrow(batches, table=table)

    return code


def write_table(rows, out, table, mode):
    rows.write.mode(mode).partitionBy("date").parquet(f"{out}/{table}")


def backfill(spark, inputs, out, input_format="jsonl", partitions=None, mode="overwrite", strategy="union"):
    """Codes the articles and writes the store's four tables under OUT."""
    articles = read_articles(spark, inputs, input_format)
    if partitions:
        articles = articles.repartition(partitions)
    if strategy == "per-table":
        for table in TABLES:
            schema = from_arrow_schema(dyad.table_schema(table))
            write_table(articles.mapInArrow(table_coder(table), schema), out, table, mode)
        return
    schema = from_arrow_schema(dyad.table_schema("all"))
    # Kept after the first write so that the other three read the coded rows rather than
    # code again; a block Spark loses is recomputed (coded again), so the output is the
    # same either way.
    coded = articles.mapInArrow(table_coder("all"), schema).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table in TABLES:
            columns = dyad.table_schema(table).names
            write_table(coded.where(col("table") == table).select(*columns), out, table, mode)
    finally:
        coded.unpersist()


def main(argv=None):
    args = parse_args(argv)
    spark = session(args.master, args.python)
    try:
        started = time.perf_counter()
        backfill(spark, args.inputs, args.out, args.input_format, args.partitions, args.mode, args.strategy)
        seconds = time.perf_counter() - started
        articles = spark.read.parquet(f"{args.out}/documents").count()
        events = spark.read.parquet(f"{args.out}/events").count()
        print(f"{articles} articles, {events} events in {seconds:.1f} s ({articles / seconds:.1f} articles/s)")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
