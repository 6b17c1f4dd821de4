"""dyad: political event data (CAMEO, PLOVER) from dated news text.

The Rust coder of the dyad CLI, for notebooks, Spark and Dask. Coding releases the GIL;
the models and dictionaries load once per process, on first use.
"""

import datetime
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Union, overload

import pyarrow

__version__: str

DateLike = Union[str, datetime.date, None]
Article = Union[str, Mapping[str, Any]]

class CodingError(RuntimeError):
    """The coder failed on an article; the message names the article."""

def code(text: str, date: DateLike = None, id: Union[str, int, None] = None) -> dict[str, Any]:
    """Code one article; returns its ``doc`` record (``shared/spec/output.md``).

    ``date`` is ``"YYYY-MM-DD"`` (or a timestamp starting with one) or a
    ``datetime.date``; an undated article is coded as of today. ``id`` defaults to
    ``"0"``. Raises ``ValueError`` for a bad date, ``CodingError`` if the coder fails.
    """

def code_many(articles: Iterable[Article], threads: Optional[int] = None) -> list[dict[str, Any]]:
    """Code articles in parallel; returns their ``doc`` records in input order.

    Each article is a dict with ``text`` and optionally ``id``, ``date``, ``title``,
    ``url``, or just its text; an article without an id is named by its position.
    ``threads`` defaults to one per core. Raises ``ValueError`` or ``CodingError``
    naming the first article that fails.
    """

TableName = Literal["documents", "events", "mentions", "quotes", "all"]

@overload
def code_arrow(
    batch: pyarrow.RecordBatch, threads: Optional[int] = 1, table: TableName = "events"
) -> pyarrow.RecordBatch: ...
@overload
def code_arrow(
    batch: Iterable[pyarrow.RecordBatch], threads: Optional[int] = 1, table: TableName = "events"
) -> Iterator[pyarrow.RecordBatch]: ...
def code_arrow(batch, threads=1, table="events"):
    """Code a batch of articles (columns ``id``, ``text``, optional ``date``, ``title``,
    ``url``) into one row per event with the columns of ``events_schema()``.

    ``table`` picks another store table (``"documents"``, ``"mentions"``, ``"quotes"``)
    or ``"all"``: the four in one batch with a ``table`` column naming each row's table,
    for Spark's ``mapInArrow`` (one schema per call); see ``table_schema``. Raises
    ``ValueError`` for an unknown table.

    An iterator of batches gives an iterator of output batches, as Spark's
    ``mapInArrow`` expects. ``threads`` defaults to 1 (frameworks run a task per core);
    ``None`` means one per core.
    """

def code_tables(batch: pyarrow.RecordBatch, threads: Optional[int] = 1) -> dict[str, pyarrow.RecordBatch]:
    """Code a batch of articles into the store's four tables from one coding pass:
    ``{"documents", "events", "mentions", "quotes"}``, each batch with its table's
    columns then ``date`` (``table_schema(name)``). Written partitioned by ``date`` as
    ``OUT/<name>/date=YYYY-MM-DD/part-*.parquet``, they are a store that
    ``dyad query --store OUT`` reads."""

def events_schema() -> pyarrow.Schema:
    """The columns of ``code_arrow``'s output: the store's ``events`` table, then
    ``date`` (the article's date, null if undated)."""

def table_schema(table: TableName = "events") -> pyarrow.Schema:
    """The columns of ``code_arrow(batch, table=table)`` and ``code_tables(batch)[table]``:
    the store table's, then ``date``. ``"all"``: ``table``, then every column of the four
    tables once (nullable: a row fills its own table's), then ``date``."""
