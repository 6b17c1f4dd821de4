//! The store on disk and its writer.
//!
//! ```text
//! DIR/documents/date=2022-01-25/part-<batch>.parquet     one file per table, partition and batch
//! DIR/events/date=.../part-<batch>.parquet               (Hive partitioning: any reader takes
//! DIR/mentions/...  DIR/quotes/...                        `DIR/events/` as one table)
//! DIR/_dyad/lock                                         held by the one writer
//! DIR/_dyad/staging/<batch>/...                          files written aside, and COMMIT
//! DIR/_dyad/version                                      bumped by every commit
//! ```
//!
//! A batch is written in full under `staging/`, then a COMMIT file lists what it adds
//! and what it deletes; only then are the files renamed into place and the replaced
//! ones removed. A writer killed before COMMIT leaves the store as it was (the next
//! writer discards the staging directory); one killed after it is rolled forward by
//! the next writer. Re-ingesting an article rewrites the files that held it, minus it,
//! into the new batch's files of the same partition, so no reader ever needs a
//! tombstone list: every row in the table directories is live.

use crate::tables::{partition_of, record_json, TableBuilder, TableSpec, DOCUMENTS, TABLES};
use crate::StoreError;
use datafusion::arrow::array::{AsArray, BooleanArray};
use datafusion::arrow::compute::{concat_batches, filter_record_batch};
use datafusion::arrow::record_batch::{RecordBatch, RecordBatchReader};
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use datafusion::parquet::arrow::{ArrowWriter, ProjectionMask};
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

const META: &str = "_dyad";

/// A store directory.
#[derive(Clone, Debug)]
pub struct Store {
    pub dir: PathBuf,
}

/// Where an article's rows live: its partition and the batch whose files hold them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Location {
    partition: String,
    batch: String,
}

impl Store {
    /// The store at `dir`, created if missing.
    pub fn create(dir: &Path) -> Result<Store, StoreError> {
        for table in TABLES {
            let path = dir.join(table.name);
            fs::create_dir_all(&path).map_err(|e| StoreError::io(&path, e))?;
        }
        let meta = dir.join(META).join("staging");
        fs::create_dir_all(&meta).map_err(|e| StoreError::io(&meta, e))?;
        Ok(Store { dir: dir.to_path_buf() })
    }

    /// An existing store; an error names the directory when it is not one.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        if !dir.join(DOCUMENTS.name).is_dir() {
            return Err(StoreError::NotAStore(dir.to_path_buf()));
        }
        Ok(Store { dir: dir.to_path_buf() })
    }

    pub fn table_dir(&self, table: &TableSpec) -> PathBuf {
        self.dir.join(table.name)
    }

    /// A number that changes with every commit, for readers that cache the store.
    pub fn version(&self) -> u64 {
        fs::read_to_string(self.dir.join(META).join("version")).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
    }

    /// The files of `table`, as (partition, batch, path).
    fn files(&self, table: &TableSpec) -> Result<Vec<(String, String, PathBuf)>, StoreError> {
        let mut files = Vec::new();
        let root = self.table_dir(table);
        for partition in read_dir(&root)? {
            let Some(date) = file_name(&partition).strip_prefix("date=").map(str::to_string) else {
                continue;
            };
            for file in read_dir(&partition)? {
                let name = file_name(&file);
                if let Some(batch) = name.strip_suffix(".parquet").filter(|b| b.starts_with("part-")) {
                    files.push((date.clone(), batch.to_string(), file.clone()));
                }
            }
        }
        Ok(files)
    }
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(entry.map_err(|e| StoreError::io(dir, e))?.path());
    }
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or_default()
}

/// What one commit did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommitSummary {
    pub added: usize,
    pub replaced: usize,
    pub events: usize,
    pub files: usize,
}

/// The one writer of a store: buffers coded records and commits them in batches.
pub struct StoreWriter {
    store: Store,
    _lock: File,
    index: HashMap<String, Location>,
    /// The partition of each buffered article.
    pending: HashMap<String, String>,
    /// The buffered rows, by partition, one builder per table (in [`TABLES`] order):
    /// records become columns as they arrive, so memory stays near the Parquet size.
    rows: BTreeMap<String, Vec<TableBuilder>>,
    pending_events: usize,
    batches: usize,
}

impl StoreWriter {
    /// Takes the store's writer lock, finishes or discards what a killed writer left,
    /// and reads which articles the store holds.
    pub fn open(store: &Store) -> Result<StoreWriter, StoreError> {
        let lock_path = store.dir.join(META).join("lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| StoreError::io(&lock_path, e))?;
        lock.try_lock().map_err(|_| StoreError::Locked(store.dir.clone()))?;
        recover(store)?;
        let index = read_index(store)?;
        Ok(StoreWriter {
            store: store.clone(),
            _lock: lock,
            index,
            pending: HashMap::new(),
            rows: BTreeMap::new(),
            pending_events: 0,
            batches: 0,
        })
    }

    /// Articles the store holds (committed), for summaries.
    pub fn articles(&self) -> usize {
        self.index.len()
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Buffers a coded record (a `doc` record as JSON). Records without an id are
    /// refused: they could never be replaced. An id already buffered commits the
    /// buffer first, so the later record replaces the earlier one.
    pub fn add(&mut self, mut record: Value) -> Result<(), StoreError> {
        let id = record.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        if id.is_empty() {
            return Err(StoreError::NoId);
        }
        if self.pending.contains_key(&id) {
            self.commit()?;
        }
        let partition = partition_of(&record);
        // The text is a column of its own; the record column keeps the rest.
        let record_json = record_json(&mut record);
        let builders = self
            .rows
            .entry(partition.clone())
            .or_insert_with(|| TABLES.into_iter().map(TableBuilder::new).collect());
        for builder in builders {
            builder.append(&id, &record, &record_json);
        }
        self.pending_events += count(&record, "events");
        self.pending.insert(id, partition);
        Ok(())
    }

    /// Writes the buffered records as one batch: aside, then renamed into place.
    pub fn commit(&mut self) -> Result<CommitSummary, StoreError> {
        if self.pending.is_empty() {
            return Ok(CommitSummary::default());
        }
        let batch = self.batch_name();
        let staging = self.store.dir.join(META).join("staging").join(&batch);
        let replaced: HashSet<&str> =
            self.pending.keys().filter(|id| self.index.contains_key(*id)).map(String::as_str).collect();
        let rewritten: BTreeSet<Location> = replaced.iter().filter_map(|id| self.index.get(*id).cloned()).collect();
        let partitions: BTreeSet<String> =
            self.rows.keys().cloned().chain(rewritten.iter().map(|l| l.partition.clone())).collect();
        let mut new_rows = std::mem::take(&mut self.rows);
        let mut added = Vec::new();
        let mut deleted = Vec::new();
        let mut kept_ids: Vec<(String, String)> = Vec::new();
        for (position, table) in TABLES.into_iter().enumerate() {
            for partition in &partitions {
                let mut parts = Vec::new();
                for location in rewritten.iter().filter(|l| &l.partition == partition) {
                    let old = self.file_path(table, location);
                    if !old.exists() {
                        continue;
                    }
                    let kept = read_without(&old, &replaced)?;
                    if table.name == DOCUMENTS.name {
                        kept_ids.extend(ids(&kept).into_iter().map(|id| (id, partition.clone())));
                    }
                    parts.push(kept);
                    deleted.push(self.relative(&old));
                }
                if let Some(builders) = new_rows.get_mut(partition) {
                    parts.push(builders[position].finish().map_err(StoreError::Arrow)?);
                }
                let rows = concat_batches(&table.schema(), &parts).map_err(StoreError::Arrow)?;
                if rows.num_rows() == 0 {
                    continue;
                }
                let relative =
                    PathBuf::from(table.name).join(format!("date={partition}")).join(format!("{batch}.parquet"));
                write_parquet(&staging.join(&relative), &rows)?;
                added.push(relative);
            }
        }
        write_commit(&staging, &added, &deleted)?;
        apply(&self.store, &staging)?;
        let summary = CommitSummary {
            added: self.pending.len() - replaced.len(),
            replaced: replaced.len(),
            events: std::mem::take(&mut self.pending_events),
            files: added.len(),
        };
        for (id, partition) in std::mem::take(&mut self.pending) {
            self.index.insert(id, Location { partition, batch: batch.clone() });
        }
        for (id, partition) in kept_ids {
            self.index.insert(id, Location { partition, batch: batch.clone() });
        }
        Ok(summary)
    }

    fn file_path(&self, table: &TableSpec, location: &Location) -> PathBuf {
        self.store
            .table_dir(table)
            .join(format!("date={}", location.partition))
            .join(format!("{}.parquet", location.batch))
    }

    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.store.dir).unwrap_or(path).to_path_buf()
    }

    /// A name that sorts by time and is unique across writers and batches.
    fn batch_name(&mut self) -> String {
        self.batches += 1;
        let millis = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
        format!("part-{millis:013}-{}-{:04}", std::process::id(), self.batches)
    }
}

fn count(record: &Value, list: &str) -> usize {
    record.get(list).and_then(Value::as_array).map_or(0, Vec::len)
}

/// Reads the `id` column of every documents file: which article is where.
fn read_index(store: &Store) -> Result<HashMap<String, Location>, StoreError> {
    let mut index = HashMap::new();
    for (partition, batch, path) in store.files(&DOCUMENTS)? {
        let file = File::open(&path).map_err(|e| StoreError::io(&path, e))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| StoreError::parquet(&path, e))?;
        let mask = ProjectionMask::columns(builder.parquet_schema(), ["id"]);
        let reader = builder.with_projection(mask).build().map_err(|e| StoreError::parquet(&path, e))?;
        for rows in reader {
            let rows = rows.map_err(StoreError::Arrow)?;
            for id in ids(&rows) {
                index.insert(id, Location { partition: partition.clone(), batch: batch.clone() });
            }
        }
    }
    Ok(index)
}

fn ids(rows: &RecordBatch) -> Vec<String> {
    let Some(column) = rows.column_by_name("id") else {
        return Vec::new();
    };
    let Some(ids) = column.as_string_opt::<i32>() else {
        return Vec::new();
    };
    ids.iter().flatten().map(str::to_string).collect()
}

/// The rows of the file at `path` whose article is not in `ids`.
fn read_without(path: &Path, ids: &HashSet<&str>) -> Result<RecordBatch, StoreError> {
    let file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(|e| StoreError::parquet(path, e))?;
    let schema = reader.schema();
    let mut kept = Vec::new();
    for rows in reader {
        let rows = rows.map_err(StoreError::Arrow)?;
        let column = rows.column_by_name("id").ok_or_else(|| StoreError::Corrupt(path.to_path_buf()))?;
        let column = column.as_string_opt::<i32>().ok_or_else(|| StoreError::Corrupt(path.to_path_buf()))?;
        let keep: BooleanArray = column.iter().map(|id| Some(!id.is_some_and(|id| ids.contains(id)))).collect();
        kept.push(filter_record_batch(&rows, &keep).map_err(StoreError::Arrow)?);
    }
    concat_batches(&schema, &kept).map_err(StoreError::Arrow)
}

fn write_parquet(path: &Path, rows: &RecordBatch) -> Result<(), StoreError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    let file = File::create(path).map_err(|e| StoreError::io(path, e))?;
    let properties = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer =
        ArrowWriter::try_new(file, rows.schema(), Some(properties)).map_err(|e| StoreError::parquet(path, e))?;
    writer.write(rows).map_err(|e| StoreError::parquet(path, e))?;
    let file = writer.into_inner().map_err(|e| StoreError::parquet(path, e))?;
    file.sync_all().map_err(|e| StoreError::io(path, e))
}

/// The COMMIT file: written aside and renamed, so it exists whole or not at all.
fn write_commit(staging: &Path, added: &[PathBuf], deleted: &[PathBuf]) -> Result<(), StoreError> {
    fs::create_dir_all(staging).map_err(|e| StoreError::io(staging, e))?;
    let paths = |list: &[PathBuf]| list.iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>();
    let body = serde_json::json!({"add": paths(added), "delete": paths(deleted)});
    let temporary = staging.join("COMMIT.tmp");
    let mut file = File::create(&temporary).map_err(|e| StoreError::io(&temporary, e))?;
    file.write_all(body.to_string().as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(|e| StoreError::io(&temporary, e))?;
    fs::rename(&temporary, staging.join("COMMIT")).map_err(|e| StoreError::io(staging, e))
}

/// Moves a committed batch into place and removes the files it replaced. Every step
/// can be repeated, so a writer killed half-way is finished by the next one.
fn apply(store: &Store, staging: &Path) -> Result<(), StoreError> {
    let commit_path = staging.join("COMMIT");
    let body = fs::read_to_string(&commit_path).map_err(|e| StoreError::io(&commit_path, e))?;
    let commit: Value = serde_json::from_str(&body).map_err(|_| StoreError::Corrupt(commit_path.clone()))?;
    let list = |key: &str| -> Vec<PathBuf> {
        commit
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(PathBuf::from)
            .collect()
    };
    for relative in list("add") {
        let (from, to) = (staging.join(&relative), store.dir.join(&relative));
        if from.exists() {
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
            }
            fs::rename(&from, &to).map_err(|e| StoreError::io(&to, e))?;
        }
    }
    for relative in list("delete") {
        let path = store.dir.join(&relative);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(StoreError::io(&path, e)),
            _ => {}
        }
    }
    bump_version(store)?;
    fs::remove_dir_all(staging).map_err(|e| StoreError::io(staging, e))
}

fn bump_version(store: &Store) -> Result<(), StoreError> {
    let meta = store.dir.join(META);
    let temporary = meta.join("version.tmp");
    fs::write(&temporary, (store.version() + 1).to_string()).map_err(|e| StoreError::io(&temporary, e))?;
    fs::rename(&temporary, meta.join("version")).map_err(|e| StoreError::io(&meta, e))
}

/// Finishes the batches a killed writer had committed and discards the rest.
fn recover(store: &Store) -> Result<(), StoreError> {
    let staging = store.dir.join(META).join("staging");
    for batch in read_dir(&staging)? {
        if batch.join("COMMIT").exists() {
            apply(store, &batch)?;
        } else {
            fs::remove_dir_all(&batch).map_err(|e| StoreError::io(&batch, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(id: &str, date: &str, events: usize) -> Value {
        let event = json!({"sentence": 0, "cameo": "042", "source": {"code": "USA", "country": "USA"}});
        json!({"id": id, "date": date, "text": "Biden visited Kyiv.", "sentences": [{"start": 0, "end": 19}],
               "mentions": [], "events": vec![event; events], "quotes": [], "times": [], "places": [], "errors": []})
    }

    fn rows(store: &Store, table: &TableSpec) -> usize {
        let mut total = 0;
        for (_, _, path) in store.files(table).unwrap() {
            total += read_without(&path, &HashSet::new()).unwrap().num_rows();
        }
        total
    }

    #[test]
    fn reingesting_an_article_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let mut writer = StoreWriter::open(&store).unwrap();
        writer.add(record("a", "2022-01-25", 2)).unwrap();
        writer.add(record("b", "2022-01-25", 1)).unwrap();
        assert_eq!(writer.commit().unwrap().added, 2);
        assert_eq!(rows(&store, &crate::tables::EVENTS), 3);
        // "a" again, now with one event and another date: its old rows go, "b" stays.
        writer.add(record("a", "2022-01-26", 1)).unwrap();
        let summary = writer.commit().unwrap();
        assert_eq!((summary.added, summary.replaced), (0, 1));
        assert_eq!(rows(&store, &DOCUMENTS), 2);
        assert_eq!(rows(&store, &crate::tables::EVENTS), 2);
        drop(writer);
        // A new writer finds both articles where they are now.
        let writer = StoreWriter::open(&store).unwrap();
        assert_eq!(writer.index.get("a").unwrap().partition, "2022-01-26");
        assert_eq!(writer.articles(), 2);
    }

    #[test]
    fn a_second_writer_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let _writer = StoreWriter::open(&store).unwrap();
        assert!(matches!(StoreWriter::open(&store), Err(StoreError::Locked(_))));
    }

    #[test]
    fn a_batch_killed_before_commit_is_discarded_and_after_it_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        // Killed while writing aside: files but no COMMIT.
        let uncommitted = dir.path().join("_dyad/staging/part-1/documents/date=2022-01-01/part-1.parquet");
        let mut builder = TableBuilder::new(&DOCUMENTS);
        builder.append("x", &record("x", "2022-01-01", 0), "{}");
        write_parquet(&uncommitted, &builder.finish().unwrap()).unwrap();
        // Killed after COMMIT, before the renames.
        let staging = dir.path().join("_dyad/staging/part-2");
        let relative = PathBuf::from("documents/date=2022-01-02/part-2.parquet");
        builder.append("y", &record("y", "2022-01-02", 0), "{}");
        write_parquet(&staging.join(&relative), &builder.finish().unwrap()).unwrap();
        write_commit(&staging, &[relative], &[]).unwrap();
        let writer = StoreWriter::open(&store).unwrap();
        assert_eq!(writer.index.keys().collect::<Vec<_>>(), ["y"]);
        assert!(read_dir(&dir.path().join("_dyad/staging")).unwrap().is_empty());
    }
}
