//! The coder, loaded once per process, and the coding of articles on a thread pool.

use dyad_code::record::DocRecord;
use dyad_code::Coder;
use dyad_text::Document;
use rayon::prelude::*;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

/// Why an article could not be coded; always names the article.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The article as given cannot be coded (no text, a bad date).
    #[error("article {id}: {message}")]
    Input { id: String, message: String },
    /// The coder failed on the article (a bug: please report it with the article).
    #[error("article {id}: coding failed: {message}")]
    Coding { id: String, message: String },
}

impl ArticleError {
    pub fn input(id: &str, message: impl Into<String>) -> ArticleError {
        ArticleError::Input { id: id.to_string(), message: message.into() }
    }
}

/// Why the coder could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("loading the bundled models: {0}")]
pub struct LoadError(String);

static CODER: OnceLock<Result<Coder, String>> = OnceLock::new();

/// The process's coder: the bundled models and the production dictionaries, loaded on
/// first use (about 0.1 s) and shared read-only by every thread after that. Spark and
/// Dask workers are long-lived processes, so each pays the load once.
pub fn coder() -> Result<&'static Coder, LoadError> {
    CODER.get_or_init(load).as_ref().map_err(|e| LoadError(e.clone()))
}

fn load() -> Result<Coder, String> {
    let models = dyad_lang::Models::bundled().map_err(|e| e.to_string())?;
    let mut coder = Coder::new(models, dyad_dict::production());
    // As the CLI does: undated articles are coded as of today, so that both give the
    // same events for the same input.
    if let Some(today) = today() {
        coder.actors.set_undated(today);
    }
    Ok(coder)
}

fn today() -> Option<chrono::NaiveDate> {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(chrono::DateTime::from_timestamp(i64::try_from(seconds).ok()?, 0)?.date_naive())
}

/// Codes one article. A panic in the coder becomes the article's error rather than
/// taking the Python process (and a Spark executor with it) down.
pub fn code_document(coder: &Coder, document: &Document) -> Result<DocRecord, ArticleError> {
    catch_unwind(AssertUnwindSafe(|| coder.code(document))).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the coder panicked".into());
        ArticleError::Coding { id: document.id.clone(), message }
    })
}

/// Codes `documents` in order on `threads` threads (`None`: one per core; 1: on the
/// calling thread, no pool). Stops at the first failure.
pub fn code_all(coder: &Coder, documents: &[Document], threads: Option<usize>) -> Result<Vec<DocRecord>, ArticleError> {
    if threads == Some(1) || documents.len() <= 1 {
        return documents.iter().map(|d| code_document(coder, d)).collect();
    }
    let work = || documents.par_iter().map(|d| code_document(coder, d)).collect();
    match threads.map(pool) {
        None => work(),
        Some(Some(pool)) => pool.install(work),
        // The OS refused the threads: the calling thread does the work.
        Some(None) => documents.iter().map(|d| code_document(coder, d)).collect(),
    }
}

/// Pools are kept per size: the tagger's and parser's per-thread buffers stay warm
/// across calls, which matter when a framework calls with small batches.
fn pool(threads: usize) -> Option<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(pool) = pools.get(&threads) {
        return Some(pool.clone());
    }
    let pool = Arc::new(rayon::ThreadPoolBuilder::new().num_threads(threads).build().ok()?);
    pools.insert(threads, pool.clone());
    Some(pool)
}
