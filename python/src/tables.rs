//! Coded articles as rows of all four store tables (`documents`, `events`, `mentions`,
//! `quotes`, crate `dyad-tables`), each followed by the partition column `date`, so
//! that a backfill writing each table partitioned by date lays out exactly the
//! directories `dyad ingest` writes and `dyad query` reads.
//!
//! Spark's `mapInArrow` returns one schema per call, so the tables also come as one
//! "union" batch: a `table` column naming each row's table, then every column of the
//! four tables (a column two tables share, such as `text` or `start`, appears once: the
//! tables agree on its type, which a test checks), null where the row's table lacks it.

use arrow_array::builder::StringBuilder;
use arrow_array::{new_null_array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use dyad_code::record::DocRecord;
use dyad_tables::{partition_of, record_json, TableBuilder, TableSpec, TABLES, UNDATED};
use std::sync::{Arc, LazyLock};

/// What `code_arrow(table=...)` may produce: one table, or all four in one batch.
#[derive(Clone, Copy)]
pub enum Selection {
    One(&'static TableSpec),
    Union,
}

/// The name `code_arrow` and `table_schema` take for the union batch.
pub const UNION: &str = "all";

impl Selection {
    pub fn parse(name: &str) -> Option<Selection> {
        if name == UNION {
            return Some(Selection::Union);
        }
        TABLES.into_iter().find(|t| t.name == name).map(Selection::One)
    }

    pub fn names() -> String {
        let mut names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        names.push(UNION);
        names.join(", ")
    }

    pub fn schema(self) -> SchemaRef {
        match self {
            Selection::One(table) => schema(table),
            Selection::Union => union_schema(),
        }
    }
}

fn date_field() -> Field {
    Field::new("date", DataType::Utf8, true)
}

/// `table`'s columns, then `date`: the article's date, null when undated (Spark,
/// pyarrow and Dask write a null partition as `date=__HIVE_DEFAULT_PARTITION__`, the
/// store's name for undated).
pub fn schema(table: &TableSpec) -> SchemaRef {
    static SCHEMAS: LazyLock<Vec<SchemaRef>> = LazyLock::new(|| {
        TABLES
            .iter()
            .map(|t| {
                let mut fields: Vec<Field> = t.schema().fields().iter().map(|f| f.as_ref().clone()).collect();
                fields.push(date_field());
                Arc::new(Schema::new(fields))
            })
            .collect()
    });
    let position = TABLES.iter().position(|t| t.name == table.name).unwrap_or_default();
    SCHEMAS[position].clone()
}

/// `table`, then each column of the four tables once, in table order, then `date`.
/// Every column but `table` is nullable: each row fills only its own table's.
pub fn union_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        let mut fields = vec![Field::new("table", DataType::Utf8, false)];
        for table in TABLES {
            for field in table.schema().fields() {
                if !fields.iter().any(|f| f.name() == field.name()) {
                    fields.push(field.as_ref().clone().with_nullable(true));
                }
            }
        }
        fields.push(date_field());
        Arc::new(Schema::new(fields))
    });
    SCHEMA.clone()
}

/// The four tables' rows of `records`, in [`TABLES`] order, each with its `date`.
pub fn batches(records: &[DocRecord]) -> Result<Vec<RecordBatch>, ArrowError> {
    let mut builders: Vec<TableBuilder> = TABLES.into_iter().map(TableBuilder::new).collect();
    let mut dates: Vec<StringBuilder> = TABLES.iter().map(|_| StringBuilder::new()).collect();
    for record in records {
        // The tables are defined over the record's JSON keys (see dyad-tables), and
        // the `record` column is the JSON itself, as `dyad ingest` stores it.
        let mut value = serde_json::to_value(record).map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
        let json = record_json(&mut value);
        // As the store partitions: only a valid date is a partition, the rest undated.
        let partition = partition_of(&value);
        let date = (partition != UNDATED).then_some(partition.as_str());
        for (builder, dates) in builders.iter_mut().zip(&mut dates) {
            let before = builder.rows();
            builder.append(&record.id, &value, &json);
            for _ in before..builder.rows() {
                dates.append_option(date);
            }
        }
    }
    let mut batches = Vec::with_capacity(TABLES.len());
    for ((table, builder), dates) in TABLES.into_iter().zip(&mut builders).zip(&mut dates) {
        let rows = builder.finish()?;
        let mut columns: Vec<ArrayRef> = rows.columns().to_vec();
        columns.push(Arc::new(dates.finish()));
        batches.push(RecordBatch::try_new(schema(table), columns)?);
    }
    Ok(batches)
}

/// The four tables' batches (as [`batches`] gives them) as one batch of
/// [`union_schema`], the tables' rows one after the other.
pub fn union(tables: &[RecordBatch]) -> Result<RecordBatch, ArrowError> {
    let schema = union_schema();
    let names: Vec<&str> =
        TABLES.iter().zip(tables).flat_map(|(t, b)| std::iter::repeat_n(t.name, b.num_rows())).collect();
    let mut columns: Vec<ArrayRef> = vec![Arc::new(StringArray::from(names))];
    for field in schema.fields().iter().skip(1) {
        let parts: Vec<ArrayRef> = tables
            .iter()
            .map(|batch| {
                batch.column_by_name(field.name()).cloned().unwrap_or_else(|| new_null_array(field.data_type(), batch.num_rows()))
            })
            .collect();
        let parts: Vec<&dyn arrow_array::Array> = parts.iter().map(|a| a.as_ref()).collect();
        columns.push(arrow_select::concat::concat(&parts)?);
    }
    RecordBatch::try_new(schema, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_array::Array;
    use dyad_tables::{DOCUMENTS, EVENTS, MENTIONS, QUOTES};
    use dyad_text::Document;

    fn document(id: &str, date: Option<&str>, text: &str) -> Document {
        let date = date.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        Document { id: id.into(), date, text: text.into(), ..Document::default() }
    }

    fn coded() -> Vec<DocRecord> {
        let documents = [
            document("a", Some("2022-02-24"), "Russia attacked Ukraine. \"We will resist,\" Zelensky said."),
            document("quiet", Some("2022-02-25"), "Nothing happened."),
            document("b", None, "Iran accused Israel of sabotage."),
        ];
        engine::code_all(engine::coder().unwrap(), &documents, Some(2)).unwrap()
    }

    #[test]
    fn tables_that_share_a_column_agree_on_its_type() {
        for a in TABLES {
            for b in TABLES {
                for field in a.schema().fields() {
                    if let Some(other) = b.schema().fields().iter().find(|f| f.name() == field.name()) {
                        assert_eq!(field.data_type(), other.data_type(), "{}.{} vs {}", a.name, field.name(), b.name);
                    }
                }
            }
        }
        let union = union_schema();
        for table in TABLES {
            for field in table.schema().fields() {
                assert!(union.field_with_name(field.name()).is_ok(), "{} in the union", field.name());
            }
        }
    }

    #[test]
    fn every_table_has_its_rows_and_the_article_date() {
        let records = coded();
        let tables = batches(&records).unwrap();
        let count = |list: fn(&DocRecord) -> usize| records.iter().map(list).sum::<usize>();
        let rows: Vec<usize> = tables.iter().map(RecordBatch::num_rows).collect();
        assert_eq!(rows, [3, count(|r| r.events.len()), count(|r| r.mentions.len()), count(|r| r.quotes.len())]);
        assert!(rows[1] > 0 && rows[2] > 0 && rows[3] > 0, "the sample has events, mentions and quotes: {rows:?}");
        for (table, batch) in TABLES.into_iter().zip(&tables) {
            assert_eq!(batch.schema(), schema(table));
        }
        let documents = &tables[0];
        let ids = documents.column_by_name("id").unwrap().as_string::<i32>();
        let dates = documents.column_by_name("date").unwrap().as_string::<i32>();
        assert_eq!((ids.value(0), dates.value(0)), ("a", "2022-02-24"));
        assert!(dates.is_null(2), "an undated article has a null date");
        let record: serde_json::Value =
            serde_json::from_str(documents.column_by_name("record").unwrap().as_string::<i32>().value(0)).unwrap();
        assert!(record.get("text").is_none() && record["events"].is_array());
        let sentences = documents.column_by_name("sentences").unwrap().as_primitive::<Int64Type>();
        assert_eq!(sentences.value(0), records[0].sentences.len() as i64);
        // The events agree with code_arrow's own events path.
        let events = crate::events::batch(&records).unwrap();
        assert_eq!(events.columns(), tables[1].columns());
    }

    #[test]
    fn the_union_holds_each_table_under_its_name() {
        let tables = batches(&coded()).unwrap();
        let union = union(&tables).unwrap();
        assert_eq!(union.schema(), union_schema());
        assert_eq!(union.num_rows(), tables.iter().map(RecordBatch::num_rows).sum::<usize>());
        let names = union.column_by_name("table").unwrap().as_string::<i32>();
        let mut offset = 0;
        for (table, batch) in [&DOCUMENTS, &EVENTS, &MENTIONS, &QUOTES].into_iter().zip(&tables) {
            let slice = union.slice(offset, batch.num_rows());
            let names = names.slice(offset, batch.num_rows());
            assert!(names.iter().all(|n| n == Some(table.name)));
            // Projected onto the table's columns, the union's rows are the table's.
            for field in schema(table).fields() {
                let column = slice.column_by_name(field.name()).unwrap();
                assert_eq!(column.as_ref(), batch.column_by_name(field.name()).unwrap().as_ref(), "{}", field.name());
            }
            offset += batch.num_rows();
        }
    }
}
