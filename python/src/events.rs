//! Coded articles as rows of the store's `events` table (crate `dyad-tables`), plus the
//! partition column `date`, so that a backfill writing them partitioned by date lays
//! out exactly the files the store reads.

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use dyad_code::record::{DocRecord, EventRecord, SentenceRecord};
use dyad_tables::{TableBuilder, EVENTS};
use serde::Serialize;
use std::sync::{Arc, LazyLock};

/// The events table's columns, then `date`: the article's date, null when undated
/// (Spark, pyarrow and Dask write a null partition as `date=__HIVE_DEFAULT_PARTITION__`,
/// the store's name for undated).
pub fn schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        let mut fields: Vec<Field> = EVENTS.schema().fields().iter().map(|f| f.as_ref().clone()).collect();
        fields.push(Field::new("date", DataType::Utf8, true));
        Arc::new(Schema::new(fields))
    });
    SCHEMA.clone()
}

/// The part of a `doc` record the events table reads: each event, and its sentence's
/// bounds and text. Serialising only this, rather than the whole record with its
/// mentions, keeps the Arrow path within a few percent of the CLI (README, "Running on a
/// cluster"); the tests compare every column with the CLI's records.
#[derive(Serialize)]
struct EventsView<'r> {
    text: &'r str,
    sentences: &'r [SentenceRecord],
    events: &'r [EventRecord],
}

/// One row per event of `records`, in order.
pub fn batch(records: &[DocRecord]) -> Result<RecordBatch, ArrowError> {
    let mut table = TableBuilder::new(&EVENTS);
    let mut dates = StringBuilder::new();
    for record in records {
        if record.events.is_empty() {
            continue;
        }
        // The table is defined over the record's JSON keys (see dyad-tables).
        let view = EventsView { text: &record.text, sentences: &record.sentences, events: &record.events };
        let value = serde_json::to_value(view).map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
        table.append(&record.id, &value, "");
        for _ in &record.events {
            dates.append_option(record.date.as_deref());
        }
    }
    let events = table.finish()?;
    let mut columns: Vec<ArrayRef> = events.columns().to_vec();
    columns.push(Arc::new(dates.finish()));
    RecordBatch::try_new(schema(), columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;
    use dyad_text::Document;

    fn document(id: &str, date: Option<&str>, text: &str) -> Document {
        let date = date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        Document { id: id.into(), date, text: text.into(), ..Document::default() }
    }

    #[test]
    fn rows_are_the_events_in_order_with_the_article_date() {
        let coder = engine::coder().unwrap();
        let documents = [
            document("a", Some("2022-02-24"), "Russia attacked Ukraine. Nothing happened."),
            document("quiet", Some("2022-02-25"), "Nothing happened."),
            document("b", None, "Iran accused Israel of sabotage."),
        ];
        let records = engine::code_all(coder, &documents, Some(2)).unwrap();
        let batch = batch(&records).unwrap();
        assert_eq!(batch.schema(), schema());
        assert_eq!(batch.num_rows(), records.iter().map(|r| r.events.len()).sum::<usize>());
        let ids = batch.column_by_name("id").unwrap().as_string::<i32>();
        let dates = batch.column_by_name("date").unwrap().as_string::<i32>();
        let sentences = batch.column_by_name("sentence_text").unwrap().as_string::<i32>();
        assert_eq!(ids.value(0), "a");
        assert_eq!((dates.value(0), sentences.value(0)), ("2022-02-24", "Russia attacked Ukraine."));
        let last = batch.num_rows() - 1;
        assert_eq!(ids.value(last), "b");
        assert!(dates.is_null(last), "an undated article's events have a null date");
        assert!(!ids.iter().any(|id| id == Some("quiet")));
    }
}
