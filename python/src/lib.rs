//! `dyad` for Python: the Rust event coder behind `code`, `code_many` and `code_arrow`.
//!
//! Coding runs with the GIL released, so Python threads (and a Spark or Dask worker's
//! other tasks) go on meanwhile; the models and dictionaries load once per process.

mod articles;
mod convert;
mod engine;
mod events;
mod tables;

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use dyad_code::record::DocRecord;
use dyad_text::Document;
use engine::{ArticleError, LoadError};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};
use tables::Selection;

/// mimalloc, as the `dyad` binary uses: the coder makes millions of small, short-lived
/// allocations, and with glibc's malloc the Python path cost 37% more CPU than the binary
/// on the same articles. Only this library's Rust allocations go through it; Python's
/// objects and pyarrow's buffers keep their own allocators, and the Arrow buffers handed
/// to pyarrow are freed by their release callback, in Rust, with the allocator that made them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    dyad,
    CodingError,
    PyRuntimeError,
    "The coder failed on an article (a bug in dyad: please report it with the article)."
);

impl From<ArticleError> for PyErr {
    fn from(error: ArticleError) -> PyErr {
        match error {
            ArticleError::Input { .. } => PyValueError::new_err(error.to_string()),
            ArticleError::Coding { .. } => CodingError::new_err(error.to_string()),
        }
    }
}

impl From<LoadError> for PyErr {
    fn from(error: LoadError) -> PyErr {
        PyRuntimeError::new_err(error.to_string())
    }
}

/// Code one article; returns its ``doc`` record (``shared/spec/output.md``) as a dict.
///
/// ``date`` is ``"YYYY-MM-DD"`` (or a timestamp starting with it) or a ``datetime.date``;
/// an undated article is coded as of today. ``id`` names the article in the record and
/// in errors (default ``"0"``). Raises ``ValueError`` for a bad date and
/// ``dyad.CodingError`` if the coder fails, both naming the article.
#[pyfunction]
#[pyo3(signature = (text, date=None, id=None))]
fn code<'py>(
    py: Python<'py>,
    text: String,
    date: Option<Bound<'py, PyAny>>,
    id: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let id = id.filter(|i| !i.is_none()).map(|i| i.to_string()).unwrap_or_else(|| "0".into());
    let date = articles::python_date(&id, date.as_ref())?;
    let document = Document { id, date, text, ..Document::default() };
    let coder = engine::coder()?;
    let record = py.detach(|| engine::code_document(coder, &document))?;
    record_to_python(py, &record)
}

/// Code many articles in parallel; returns their ``doc`` records in input order.
///
/// Each article is a dict with ``text`` and optionally ``id`` (str or int), ``date``,
/// ``title`` and ``url``, or just the text as a str; an article without an id is named by
/// its position. ``threads`` is the number of coding threads (default: one per core).
/// Raises ``ValueError`` (bad input) or ``dyad.CodingError`` naming the first article
/// that fails.
#[pyfunction]
#[pyo3(signature = (articles, threads=None))]
fn code_many<'py>(
    py: Python<'py>,
    articles: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    check_threads(threads)?;
    let mut documents = Vec::new();
    for (position, item) in articles.try_iter()?.enumerate() {
        documents.push(articles::python_article(position, &item?)?);
    }
    let coder = engine::coder()?;
    let records = py.detach(|| engine::code_all(coder, &documents, threads))?;
    let list = PyList::empty(py);
    for record in &records {
        list.append(record_to_python(py, record)?)?;
    }
    Ok(list)
}

/// Code a ``pyarrow.RecordBatch`` of articles into a batch of events (or of another
/// store table).
///
/// The input has columns ``id`` (string or integer), ``text`` (string) and optionally
/// ``date`` (string or date), ``title``, ``url``. The output has one row per event, with
/// the columns of the store's ``events`` table followed by ``date`` (the article's date,
/// null if undated): see ``events_schema()``.
///
/// ``table`` picks another of the store's tables: ``"documents"`` (one row per article),
/// ``"mentions"``, ``"quotes"``, or ``"all"``: the four in one batch, a ``table`` column
/// naming each row's table (for Spark's ``mapInArrow``, which takes one schema per call;
/// see ``table_schema("all")``). ``code_tables`` gives the four as separate batches.
///
/// Given an iterator of batches instead (as Spark's ``mapInArrow`` passes), returns an
/// iterator of output batches, so ``df.mapInArrow(dyad.code_arrow, schema)`` works as is.
/// ``threads`` defaults to 1: under Spark or Dask the framework runs one task per core.
#[pyfunction]
#[pyo3(signature = (batch, threads=1, table="events"))]
fn code_arrow<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    threads: Option<usize>,
    table: &str,
) -> PyResult<Bound<'py, PyAny>> {
    check_threads(threads)?;
    let selection = selection(table)?;
    let record_batch = py.import("pyarrow")?.getattr("RecordBatch")?;
    if batch.is_instance(&record_batch)? {
        return code_batch(py, batch, threads, selection);
    }
    let Ok(batches) = batch.try_iter() else {
        let kind = batch.get_type().name()?;
        return Err(PyTypeError::new_err(format!("expected a pyarrow.RecordBatch or an iterator of them, not {kind}")));
    };
    Ok(Bound::new(py, TableBatches { batches: batches.unbind(), threads, selection })?.into_any())
}

/// Code a ``pyarrow.RecordBatch`` of articles (as ``code_arrow`` takes) into the store's
/// four tables from one coding pass: a dict ``{"documents", "events", "mentions",
/// "quotes"}`` of ``pyarrow.RecordBatch``, each with its table's columns then ``date``
/// (see ``table_schema``). Written partitioned by ``date`` under ``OUT/<table>/``, they
/// are the store ``dyad ingest`` writes and ``dyad query --store OUT`` reads.
#[pyfunction]
#[pyo3(signature = (batch, threads=1))]
fn code_tables<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>, threads: Option<usize>) -> PyResult<Bound<'py, PyDict>> {
    check_threads(threads)?;
    let batch = RecordBatch::from_pyarrow_bound(batch)?;
    let coder = engine::coder()?;
    let tables = py.detach(|| -> Result<Vec<RecordBatch>, PyErr> {
        let documents = articles::batch_articles(&batch)?;
        let records = engine::code_all(coder, &documents, threads)?;
        tables::batches(&records).map_err(|e| PyRuntimeError::new_err(format!("building the tables: {e}")))
    })?;
    let dict = PyDict::new(py);
    for (table, rows) in dyad_tables::TABLES.into_iter().zip(tables) {
        dict.set_item(table.name, rows.to_pyarrow(py)?)?;
    }
    Ok(dict)
}

/// The schema of ``code_arrow``'s output, as a ``pyarrow.Schema``.
#[pyfunction]
fn events_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    events::schema().as_ref().to_pyarrow(py)
}

/// The schema of ``code_arrow(batch, table=table)`` and of ``code_tables(batch)[table]``:
/// the store table's columns, then ``date``. ``"all"``: the union batch's (``table``,
/// then every column of the four tables once, then ``date``).
#[pyfunction]
#[pyo3(signature = (table="events"))]
fn table_schema<'py>(py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
    selection(table)?.schema().as_ref().to_pyarrow(py)
}

fn selection(table: &str) -> PyResult<Selection> {
    Selection::parse(table)
        .ok_or_else(|| PyValueError::new_err(format!("unknown table {table:?}; the tables are {}", Selection::names())))
}

/// The output batches of an iterator of article batches, coded one at a time.
#[pyclass(module = "dyad")]
struct TableBatches {
    batches: Py<PyIterator>,
    threads: Option<usize>,
    selection: Selection,
}

#[pymethods]
impl TableBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.batches.bind(py).clone().next() {
            None => Ok(None),
            Some(batch) => code_batch(py, &batch?, self.threads, self.selection).map(Some),
        }
    }
}

fn code_batch<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    threads: Option<usize>,
    selection: Selection,
) -> PyResult<Bound<'py, PyAny>> {
    let batch = RecordBatch::from_pyarrow_bound(batch)?;
    let coder = engine::coder()?;
    let rows = py.detach(|| -> Result<RecordBatch, PyErr> {
        let documents = articles::batch_articles(&batch)?;
        let records = engine::code_all(coder, &documents, threads)?;
        let error = |e: arrow_schema::ArrowError| PyRuntimeError::new_err(format!("building the output batch: {e}"));
        match selection {
            // The events alone serialise only what their table reads (see events.rs).
            Selection::One(table) if table.name == dyad_tables::EVENTS.name => events::batch(&records).map_err(error),
            Selection::One(table) => {
                let position = dyad_tables::TABLES.iter().position(|t| t.name == table.name).unwrap_or_default();
                let mut tables = tables::batches(&records).map_err(error)?;
                Ok(tables.swap_remove(position))
            }
            Selection::Union => tables::batches(&records).and_then(|t| tables::union(&t)).map_err(error),
        }
    })?;
    rows.to_pyarrow(py)
}

fn check_threads(threads: Option<usize>) -> PyResult<()> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1 (or None: one per core)")),
        _ => Ok(()),
    }
}

fn record_to_python<'py>(py: Python<'py>, record: &DocRecord) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(record).map_err(|e| PyRuntimeError::new_err(format!("article {}: {e}", record.id)))?;
    convert::to_python(py, &value)
}

#[pymodule]
#[pyo3(name = "dyad")]
fn dyad_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(code, m)?)?;
    m.add_function(wrap_pyfunction!(code_many, m)?)?;
    m.add_function(wrap_pyfunction!(code_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(code_tables, m)?)?;
    m.add_function(wrap_pyfunction!(events_schema, m)?)?;
    m.add_function(wrap_pyfunction!(table_schema, m)?)?;
    m.add_class::<TableBatches>()?;
    m.add("CodingError", m.py().get_type::<CodingError>())?;
    m.add("__version__", PyString::new(m.py(), env!("CARGO_PKG_VERSION")))?;
    Ok(())
}
