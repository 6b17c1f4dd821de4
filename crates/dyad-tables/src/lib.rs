//! The store's four tables and how a `doc` record becomes their rows.
//!
//! One definition for every writer of the tables: the store's ingest (issue #5) and the
//! Python package's `code_arrow` (issue #6), so that a Spark or Dask backfill writes
//! exactly the files `dyad query` reads. It needs only arrow's array and schema crates,
//! the ones DataFusion re-exports, so batches pass between them unconverted.
//!
//! Rows are taken from the record's JSON form (the keys of `shared/spec/output.md`), not
//! from the Rust structs, so that fields added to the record (quotes, times, places)
//! fill their columns without this crate changing in step.

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use serde_json::Value;
use std::sync::{Arc, LazyLock};

/// The partition value of an undated article, as Hive, Spark, DuckDB and Polars spell
/// a null partition.
pub const UNDATED: &str = "__HIVE_DEFAULT_PARTITION__";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    Float,
    Bool,
}

/// Where a column's value comes from.
#[derive(Clone, Copy, Debug)]
pub enum Origin {
    /// The article's id.
    ArticleId,
    /// The row's index in its list (`events[i]`, `mentions[i]`, `quotes[i]`).
    Index,
    /// A key path inside the row's object.
    Path(&'static [&'static str]),
    /// A key path inside the whole record.
    Record(&'static [&'static str]),
    /// The length of a list in the whole record.
    Count(&'static str),
    /// The row's sentence (by its `sentence` key): `start`, `end` or `text`.
    Sentence(SentencePart),
    /// The record as JSON without its text (the document view is rebuilt from it).
    RecordJson,
}

#[derive(Clone, Copy, Debug)]
pub enum SentencePart {
    Start,
    End,
    Text,
}

pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub from: Origin,
}

const fn col(name: &'static str, kind: Kind, from: Origin) -> Column {
    Column { name, kind, from }
}

use Kind::*;
use Origin::*;

pub struct TableSpec {
    pub name: &'static str,
    /// The record's list each row comes from; `None`: one row per record.
    pub list: Option<&'static str>,
    pub columns: &'static [Column],
}

pub const DOCUMENTS: TableSpec = TableSpec {
    name: "documents",
    list: None,
    columns: &[
        col("id", Str, ArticleId),
        col("title", Str, Record(&["title"])),
        col("url", Str, Record(&["url"])),
        col("text", Str, Record(&["text"])),
        col("sentences", Int, Count("sentences")),
        col("mentions", Int, Count("mentions")),
        col("events", Int, Count("events")),
        col("quotes", Int, Count("quotes")),
        col("times", Int, Count("times")),
        col("places", Int, Count("places")),
        col("errors", Int, Count("errors")),
        col("record", Str, RecordJson),
    ],
};

pub const EVENTS: TableSpec = TableSpec {
    name: "events",
    list: Some("events"),
    columns: &[
        col("id", Str, ArticleId),
        col("event_index", Int, Index),
        col("sentence", Int, Path(&["sentence"])),
        col("sentence_start", Int, Sentence(SentencePart::Start)),
        col("sentence_end", Int, Sentence(SentencePart::End)),
        col("sentence_text", Str, Sentence(SentencePart::Text)),
        col("source_code", Str, Path(&["source", "code"])),
        col("source_country", Str, Path(&["source", "country"])),
        col("source_sector", Str, Path(&["source", "sector"])),
        col("source_text", Str, Path(&["source", "text"])),
        col("source_start", Int, Path(&["source", "start"])),
        col("source_end", Int, Path(&["source", "end"])),
        col("source_mention", Int, Path(&["source", "mention"])),
        col("target_code", Str, Path(&["target", "code"])),
        col("target_country", Str, Path(&["target", "country"])),
        col("target_sector", Str, Path(&["target", "sector"])),
        col("target_text", Str, Path(&["target", "text"])),
        col("target_start", Int, Path(&["target", "start"])),
        col("target_end", Int, Path(&["target", "end"])),
        col("target_mention", Int, Path(&["target", "mention"])),
        col("cameo", Str, Path(&["cameo"])),
        col("cameo_root", Str, Path(&["cameo_root"])),
        col("cameo_name", Str, Path(&["cameo_name"])),
        col("goldstein", Float, Path(&["goldstein"])),
        col("quad_class", Int, Path(&["quad_class"])),
        col("plover_type", Str, Path(&["plover", "type"])),
        col("plover_mode", Str, Path(&["plover", "mode"])),
        col("plover_context", Str, Path(&["plover", "context"])),
        col("trigger_text", Str, Path(&["trigger", "text"])),
        col("trigger_start", Int, Path(&["trigger", "start"])),
        col("trigger_end", Int, Path(&["trigger", "end"])),
        // The event's own date (a resolved time expression, else the article's); the
        // partition column `date` is always the article's.
        col("event_date", Str, Path(&["date"])),
        col("negated", Bool, Path(&["negated"])),
        col("modality", Str, Path(&["modality"])),
        col("quote", Int, Path(&["quote"])),
        col("location_text", Str, Path(&["location", "text"])),
        col("location_name", Str, Path(&["location", "name"])),
        col("location_country", Str, Path(&["location", "country"])),
        col("location_lat", Float, Path(&["location", "lat"])),
        col("location_lon", Float, Path(&["location", "lon"])),
        col("mentions", Int, Path(&["mentions"])),
        col("reporter", Int, Path(&["reporter"])),
        col("rule", Str, Path(&["rule"])),
    ],
};

pub const MENTIONS: TableSpec = TableSpec {
    name: "mentions",
    list: Some("mentions"),
    columns: &[
        col("id", Str, ArticleId),
        col("mention_index", Int, Index),
        col("start", Int, Path(&["start"])),
        col("end", Int, Path(&["end"])),
        col("text", Str, Path(&["text"])),
        col("code", Str, Path(&["code"])),
        col("country", Str, Path(&["country"])),
        col("sector", Str, Path(&["sector"])),
        col("name", Str, Path(&["name"])),
        col("kind", Str, Path(&["kind"])),
        col("refers_to", Int, Path(&["refers_to"])),
        col("sentence", Int, Path(&["sentence"])),
        col("rule", Str, Path(&["rule"])),
    ],
};

pub const QUOTES: TableSpec = TableSpec {
    name: "quotes",
    list: Some("quotes"),
    columns: &[
        col("id", Str, ArticleId),
        col("quote_index", Int, Index),
        col("start", Int, Path(&["start"])),
        col("end", Int, Path(&["end"])),
        col("text", Str, Path(&["text"])),
        col("kind", Str, Path(&["kind"])),
        col("cue", Str, Path(&["cue"])),
        col("speaker_start", Int, Path(&["speaker", "start"])),
        col("speaker_end", Int, Path(&["speaker", "end"])),
        col("speaker_text", Str, Path(&["speaker", "text"])),
        col("speaker_name", Str, Path(&["speaker", "name"])),
        col("speaker_code", Str, Path(&["speaker", "code"])),
        col("speaker_country", Str, Path(&["speaker", "country"])),
    ],
};

pub const TABLES: [&TableSpec; 4] = [&DOCUMENTS, &EVENTS, &MENTIONS, &QUOTES];

static SCHEMAS: LazyLock<Vec<SchemaRef>> = LazyLock::new(|| TABLES.iter().map(|t| build_schema(t)).collect());

fn build_schema(table: &TableSpec) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|c| {
            let data_type = match c.kind {
                Str => DataType::Utf8,
                Int => DataType::Int64,
                Float => DataType::Float64,
                Bool => DataType::Boolean,
            };
            Field::new(c.name, data_type, !matches!(c.from, ArticleId))
        })
        .collect();
    Arc::new(Schema::new(fields))
}

impl TableSpec {
    /// The schema of the table's files: every column but the partition column `date`.
    pub fn schema(&self) -> SchemaRef {
        let position = TABLES.iter().position(|t| t.name == self.name).expect("a table of TABLES");
        SCHEMAS[position].clone()
    }
}

/// The partition of a record: its `date` when that is a real `YYYY-MM-DD`, else
/// [`UNDATED`]. Only a validated date ever becomes part of a path.
pub fn partition_of(record: &Value) -> String {
    record
        .get("date")
        .and_then(Value::as_str)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| UNDATED.to_string())
}

/// The `record` column of `documents`: the record as JSON without its `text`, which has
/// a column of its own. The text is taken out and put back rather than the record
/// copied, so a long article costs no second copy. Every writer of the store (ingest,
/// the Python package) serializes the record through this one function.
pub fn record_json(record: &mut Value) -> String {
    let text = record.as_object_mut().and_then(|o| o.remove("text"));
    let json = record.to_string();
    if let (Some(object), Some(text)) = (record.as_object_mut(), text) {
        object.insert("text".into(), text);
    }
    json
}

/// Column builders for one table: records are appended, then finished into a batch.
pub struct TableBuilder {
    spec: &'static TableSpec,
    columns: Vec<ColumnBuilder>,
    rows: usize,
}

enum ColumnBuilder {
    Str(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
}

impl TableBuilder {
    pub fn new(spec: &'static TableSpec) -> TableBuilder {
        let columns = spec
            .columns
            .iter()
            .map(|c| match c.kind {
                Str => ColumnBuilder::Str(StringBuilder::new()),
                Int => ColumnBuilder::Int(Int64Builder::new()),
                Float => ColumnBuilder::Float(Float64Builder::new()),
                Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
            })
            .collect();
        TableBuilder { spec, columns, rows: 0 }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Appends the rows `record` gives this table. `record_json` is the record without
    /// its text, serialized once by the caller.
    pub fn append(&mut self, id: &str, record: &Value, record_json: &str) {
        let empty = Vec::new();
        let items: Vec<&Value> = match self.spec.list {
            None => vec![record],
            Some(list) => record.get(list).and_then(Value::as_array).unwrap_or(&empty).iter().collect(),
        };
        for (index, item) in items.into_iter().enumerate() {
            let row = Row { id, record, item, index, record_json };
            for (column, builder) in self.spec.columns.iter().zip(&mut self.columns) {
                builder.append(row.cell(column.from));
            }
            self.rows += 1;
        }
    }

    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(ColumnBuilder::finish).collect();
        self.rows = 0;
        RecordBatch::try_new(self.spec.schema(), arrays)
    }
}

struct Row<'a> {
    id: &'a str,
    record: &'a Value,
    item: &'a Value,
    index: usize,
    record_json: &'a str,
}

enum Cell<'a> {
    Null,
    Str(&'a str),
    Int(i64),
    Value(&'a Value),
}

fn lookup<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(key)).filter(|v| !v.is_null())
}

impl<'a> Row<'a> {
    fn cell(&self, from: Origin) -> Cell<'a> {
        let value = match from {
            ArticleId => return Cell::Str(self.id),
            Index => return Cell::Int(self.index as i64),
            RecordJson => return Cell::Str(self.record_json),
            Count(list) => return Cell::Int(self.record.get(list).and_then(Value::as_array).map_or(0, Vec::len) as i64),
            Path(path) => lookup(self.item, path),
            Record(path) => lookup(self.record, path),
            Sentence(part) => return self.sentence(part),
        };
        value.map_or(Cell::Null, Cell::Value)
    }

    fn sentence(&self, part: SentencePart) -> Cell<'a> {
        let sentence = self
            .item
            .get("sentence")
            .and_then(Value::as_u64)
            .and_then(|s| self.record.get("sentences")?.get(usize::try_from(s).ok()?));
        let Some(sentence) = sentence else {
            return Cell::Null;
        };
        let bound = |key: &str| sentence.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
        match (part, bound("start"), bound("end")) {
            (SentencePart::Start, Some(start), _) => Cell::Int(start as i64),
            (SentencePart::End, _, Some(end)) => Cell::Int(end as i64),
            (SentencePart::Text, Some(start), Some(end)) => {
                let text = self.record.get("text").and_then(Value::as_str).unwrap_or_default();
                text.get(start..end).map_or(Cell::Null, Cell::Str)
            }
            _ => Cell::Null,
        }
    }
}

impl ColumnBuilder {
    /// Appends `cell`, null where its JSON type does not fit the column: a reader of
    /// the store gets a null, never a failed ingest, for a value of an unexpected shape.
    fn append(&mut self, cell: Cell<'_>) {
        match self {
            ColumnBuilder::Str(b) => match cell {
                Cell::Str(s) => b.append_value(s),
                Cell::Value(Value::String(s)) => b.append_value(s),
                Cell::Value(v @ (Value::Number(_) | Value::Bool(_))) => b.append_value(v.to_string()),
                Cell::Value(v @ (Value::Array(_) | Value::Object(_))) => b.append_value(v.to_string()),
                _ => b.append_null(),
            },
            ColumnBuilder::Int(b) => match cell {
                Cell::Int(n) => b.append_value(n),
                Cell::Value(v) => b.append_option(v.as_i64()),
                _ => b.append_null(),
            },
            ColumnBuilder::Float(b) => match cell {
                Cell::Int(n) => b.append_value(n as f64),
                Cell::Value(v) => b.append_option(v.as_f64()),
                _ => b.append_null(),
            },
            ColumnBuilder::Bool(b) => match cell {
                Cell::Value(v) => b.append_option(v.as_bool()),
                _ => b.append_null(),
            },
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Str(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Float(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{cast::AsArray, Array};
    use arrow_array::types::{Float64Type, Int64Type};
    use serde_json::json;

    fn record() -> Value {
        json!({
            "id": "a1", "date": "2022-01-25", "title": null, "text": "Russia attacked Ukraine. Fine.",
            "sentences": [{"start": 0, "end": 24}, {"start": 25, "end": 30}],
            "mentions": [{"start": 0, "end": 6, "text": "Russia", "code": "RUS", "country": "RUS", "kind": "named"}],
            "events": [{"sentence": 0, "cameo": "190", "goldstein": -10, "quad_class": 4,
                        "source": {"code": "RUS", "country": "RUS", "start": 0, "end": 6},
                        "target": null, "plover": {"type": "ASSAULT"},
                        "location": {"name": "Kyiv", "lat": 50.45, "lon": 30.52, "country": "UKR"}}],
            "quotes": [], "times": [], "places": [], "errors": []
        })
    }

    #[test]
    fn events_take_their_sentence_and_nested_keys() {
        let mut builder = TableBuilder::new(&EVENTS);
        builder.append("a1", &record(), "{}");
        let batch = builder.finish().unwrap();
        assert_eq!(batch.num_rows(), 1);
        let text = batch.column_by_name("sentence_text").unwrap().as_string::<i32>();
        assert_eq!(text.value(0), "Russia attacked Ukraine.");
        let goldstein =
            batch.column_by_name("goldstein").unwrap().as_primitive::<Float64Type>();
        assert_eq!(goldstein.value(0), -10.0);
        assert!(batch.column_by_name("target_code").unwrap().is_null(0));
        let lat =
            batch.column_by_name("location_lat").unwrap().as_primitive::<Float64Type>();
        assert_eq!(lat.value(0), 50.45);
    }

    #[test]
    fn documents_have_one_row_with_counts() {
        let mut builder = TableBuilder::new(&DOCUMENTS);
        builder.append("a1", &record(), "{}");
        builder.append("a2", &json!({"id": "a2", "text": ""}), "{}");
        let batch = builder.finish().unwrap();
        assert_eq!(batch.num_rows(), 2);
        let sentences = batch.column_by_name("sentences").unwrap().as_primitive::<Int64Type>();
        assert_eq!((sentences.value(0), sentences.value(1)), (2, 0));
    }

    #[test]
    fn the_record_column_leaves_out_the_text_and_keeps_it_in_the_record() {
        let mut value = record();
        let json: Value = serde_json::from_str(&record_json(&mut value)).unwrap();
        assert!(json.get("text").is_none());
        assert_eq!(json["id"], "a1");
        assert_eq!(value, record(), "the record is as it was");
    }

    #[test]
    fn only_real_dates_become_partitions() {
        assert_eq!(partition_of(&record()), "2022-01-25");
        assert_eq!(partition_of(&json!({"date": "../../etc"})), UNDATED);
        assert_eq!(partition_of(&json!({"date": null})), UNDATED);
    }
}
