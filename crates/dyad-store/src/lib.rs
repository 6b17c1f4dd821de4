//! The dyad event store: coded articles as Parquet tables partitioned by date
//! (`documents`, `events`, `mentions`, `quotes`), SQL over them with DataFusion, the
//! canned views, and the HTTP API with its dashboard.
//!
//! Data flows one way: `doc` records (JSON, as `dyad code --format doc` writes them)
//! → [`tables`] rows → [`store`] files → [`query`] SQL → [`server`] JSON.

pub mod index;
pub mod query;
pub mod server;
pub mod store;
pub mod tables;
pub mod views;

pub use query::{OutputFormat, QueryEngine};
pub use store::{CommitSummary, Store, StoreWriter};

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Parquet { path: PathBuf, source: datafusion::parquet::errors::ParquetError },
    #[error("arrow: {0}")]
    Arrow(datafusion::arrow::error::ArrowError),
    #[error("{0}: not a dyad store (no documents/ directory); create one with `dyad ingest --store`")]
    NotAStore(PathBuf),
    #[error("{0}: another `dyad ingest` is writing to this store")]
    Locked(PathBuf),
    #[error("{0}: unreadable store file")]
    Corrupt(PathBuf),
    #[error("a record without an id cannot be stored")]
    NoId,
    #[error("{0}")]
    Query(#[from] datafusion::error::DataFusionError),
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io { path: path.to_path_buf(), source }
    }

    fn parquet(path: &Path, source: datafusion::parquet::errors::ParquetError) -> StoreError {
        StoreError::Parquet { path: path.to_path_buf(), source }
    }
}

/// The async runtime the store's queries and server run on, for callers that have none.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

pub use tokio;
