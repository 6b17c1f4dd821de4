//! SQL over the store with DataFusion: each table is registered over its directory
//! (Hive partitions, so `date` is a column) behind a view that turns the undated
//! partition into a null `date`.

use crate::store::Store;
use crate::tables::{TableSpec, TABLES, UNDATED};
use crate::StoreError;
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::datasource::MemTable;
use datafusion::prelude::SessionContext;
use serde_json::Value;
use std::io::Write;
use std::sync::Arc;

/// How query results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Csv,
    Jsonl,
}

/// A DataFusion session with the store's tables.
#[derive(Clone)]
pub struct QueryEngine {
    context: SessionContext,
}

impl QueryEngine {
    /// Tables read from the store's files at each query.
    pub async fn open(store: &Store) -> Result<QueryEngine, StoreError> {
        let context = SessionContext::new();
        for table in TABLES {
            register_files(&context, store, table)?;
            let view = view_sql(table);
            context.sql(&view).await?.collect().await?;
        }
        Ok(QueryEngine { context })
    }

    /// The store read once into memory: for the server, whose queries then cost no
    /// file listing or Parquet decoding.
    pub async fn load(store: &Store) -> Result<QueryEngine, StoreError> {
        let files = QueryEngine::open(store).await?;
        let context = SessionContext::new();
        for table in TABLES {
            let frame = files.context.table(table.name).await?;
            let planned = frame.schema().inner().clone();
            let batches = frame.collect().await?;
            // The batches' own schema: the plan's may differ in nullability.
            let schema = batches.first().map(|b| b.schema()).unwrap_or(planned);
            let memory = MemTable::try_new(schema, vec![batches])?;
            context.register_table(table.name, Arc::new(memory))?;
        }
        Ok(QueryEngine { context })
    }

    /// The schema of the rows `sql` gives, without running it.
    pub async fn schema(&self, sql: &str) -> Result<datafusion::arrow::datatypes::SchemaRef, StoreError> {
        Ok(self.context.sql(sql).await?.schema().inner().clone())
    }

    pub async fn sql(&self, sql: &str) -> Result<Vec<RecordBatch>, StoreError> {
        Ok(self.context.sql(sql).await?.collect().await?)
    }

    /// The rows of `sql` as JSON objects (nulls explicit).
    pub async fn json_rows(&self, sql: &str) -> Result<Vec<Value>, StoreError> {
        let batches = self.sql(sql).await?;
        to_json_rows(&batches).map_err(StoreError::Arrow)
    }
}

fn register_files(context: &SessionContext, store: &Store, table: &TableSpec) -> Result<(), StoreError> {
    let dir = store.table_dir(table);
    let dir = std::path::absolute(&dir).map_err(|e| StoreError::Io { path: dir.clone(), source: e })?;
    let url = ListingTableUrl::parse(format!("{}/", dir.display()))?;
    let options = ListingOptions::new(Arc::new(ParquetFormat::default()))
        .with_file_extension(".parquet")
        .with_table_partition_cols(vec![("date".to_string(), DataType::Utf8)]);
    let config = ListingTableConfig::new(url).with_listing_options(options).with_schema(table.schema());
    let listing = ListingTable::try_new(config)?;
    context.register_table(format!("{}_files", table.name), Arc::new(listing))?;
    Ok(())
}

/// `id`, then `date` (null for undated articles), then the file columns.
fn view_sql(table: &TableSpec) -> String {
    let columns: Vec<String> = table.columns.iter().skip(1).map(|c| format!("\"{}\"", c.name)).collect();
    format!(
        "CREATE VIEW {name} AS SELECT id, NULLIF(\"date\", '{UNDATED}') AS \"date\", {columns} FROM {name}_files",
        name = table.name,
        columns = columns.join(", ")
    )
}

pub fn to_json_rows(batches: &[RecordBatch]) -> Result<Vec<Value>, datafusion::arrow::error::ArrowError> {
    use datafusion::arrow::json::writer::{JsonArray, WriterBuilder};
    let mut buffer = Vec::new();
    {
        let mut writer = WriterBuilder::new().with_explicit_nulls(true).build::<_, JsonArray>(&mut buffer);
        for batch in batches {
            writer.write(batch)?;
        }
        writer.finish()?;
    }
    if buffer.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_slice(&buffer).map_err(|e| datafusion::arrow::error::ArrowError::JsonError(e.to_string()))
}

/// Writes `batches` to `out` in `format`.
pub fn write_batches(batches: &[RecordBatch], format: OutputFormat, out: &mut dyn Write) -> Result<(), StoreError> {
    use datafusion::arrow::error::ArrowError;
    let io = |e: std::io::Error| StoreError::Arrow(ArrowError::IoError(e.to_string(), e));
    match format {
        OutputFormat::Table => {
            let table = datafusion::arrow::util::pretty::pretty_format_batches(batches).map_err(StoreError::Arrow)?;
            writeln!(out, "{table}").map_err(io)?;
        }
        OutputFormat::Csv => {
            let mut writer = datafusion::arrow::csv::WriterBuilder::new().with_header(true).build(out);
            for batch in batches {
                writer.write(batch).map_err(StoreError::Arrow)?;
            }
        }
        OutputFormat::Jsonl => {
            use datafusion::arrow::json::writer::{LineDelimited, WriterBuilder};
            let mut writer = WriterBuilder::new().with_explicit_nulls(true).build::<_, LineDelimited>(out);
            for batch in batches {
                writer.write(batch).map_err(StoreError::Arrow)?;
            }
            writer.finish().map_err(StoreError::Arrow)?;
        }
    }
    Ok(())
}

/// A SQL string literal: single quotes doubled (DataFusion has no backslash escapes).
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreWriter;
    use serde_json::json;

    fn store_with(records: &[Value]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let mut writer = StoreWriter::open(&store).unwrap();
        for record in records {
            writer.add(record.clone()).unwrap();
        }
        writer.commit().unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn sql_sees_partitions_as_dates_and_undated_as_null() {
        let (_dir, store) = store_with(&[
            json!({"id": "a", "date": "2022-01-25", "text": "x", "events": [{"cameo": "042", "sentence": 0}]}),
            json!({"id": "b", "date": null, "text": "y", "events": []}),
        ]);
        for engine in [QueryEngine::open(&store).await.unwrap(), QueryEngine::load(&store).await.unwrap()] {
            let rows = engine.json_rows("SELECT id, date, events FROM documents ORDER BY id").await.unwrap();
            assert_eq!(rows[0], json!({"id": "a", "date": "2022-01-25", "events": 1}));
            assert_eq!(rows[1], json!({"id": "b", "date": null, "events": 0}));
            let rows = engine.json_rows("SELECT cameo, date FROM events").await.unwrap();
            assert_eq!(rows, vec![json!({"cameo": "042", "date": "2022-01-25"})]);
        }
    }

    #[tokio::test]
    async fn an_empty_store_answers_with_no_rows() {
        let (_dir, store) = store_with(&[]);
        let engine = QueryEngine::open(&store).await.unwrap();
        assert!(engine.json_rows("SELECT * FROM quotes").await.unwrap().is_empty());
    }

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("O'Brien"), "'O''Brien'");
    }
}
