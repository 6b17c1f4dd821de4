//! The HTTP API and the dashboard (`dyad serve`).
//!
//! The store is read into memory at start and re-read in the background when an ingest
//! commits, so a request costs one in-memory DataFusion query. Every failure is a JSON
//! `{"error": {"status", "message"}}`; nothing a client sends can panic a handler.

use crate::index::EventIndex;
use crate::query::{quote, QueryEngine};
use crate::views::{self, EventFilter};
use crate::{Store, StoreError};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_code::Coder;
use serde::Deserialize;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What the handlers share.
pub struct AppState {
    pub store: Store,
    engine: RwLock<Arc<Loaded>>,
    version: RwLock<u64>,
    coder: Arc<Coder>,
}

/// The store in memory: the SQL engine and, when enabled, the events indexed for
/// `GET /v1/events` (the endpoint under load, then answered without planning a query).
struct Loaded {
    sql: QueryEngine,
    /// `None` with `DYAD_EVENTS_SQL=1`: `GET /v1/events` is then answered with two
    /// DataFusion queries per request, the reference the index is tested against.
    events: Option<EventIndex>,
}

impl Loaded {
    async fn read(store: &Store) -> Result<Loaded, StoreError> {
        let sql = QueryEngine::load(store).await?;
        let events = if std::env::var_os("DYAD_EVENTS_SQL").is_some_and(|v| v == "1") {
            None
        } else {
            Some(EventIndex::build(&sql).await?)
        };
        Ok(Loaded { sql, events })
    }

    async fn json_rows(&self, sql: &str) -> Result<Vec<Value>, StoreError> {
        self.sql.json_rows(sql).await
    }
}

impl AppState {
    pub async fn new(store: Store, coder: Arc<Coder>) -> Result<AppState, StoreError> {
        let version = store.version();
        let loaded = Loaded::read(&store).await?;
        Ok(AppState { store, engine: RwLock::new(Arc::new(loaded)), version: RwLock::new(version), coder })
    }

    fn engine(&self) -> Arc<Loaded> {
        // A poisoned lock only means a reload panicked; the engine in it is still whole.
        self.engine.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Re-reads the store if an ingest has committed since the last read.
    pub async fn refresh(&self) -> Result<bool, StoreError> {
        let version = self.store.version();
        if version == *self.version.read().unwrap_or_else(|e| e.into_inner()) {
            return Ok(false);
        }
        let loaded = Loaded::read(&self.store).await?;
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(loaded);
        *self.version.write().unwrap_or_else(|e| e.into_inner()) = version;
        Ok(true)
    }
}

/// Limits and options of the server.
#[derive(Clone, Copy, Debug)]
pub struct ServerOptions {
    /// Largest request body (POST /v1/code), in bytes.
    pub max_body: usize,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions { max_body: 2 * 1024 * 1024 }
    }
}

pub fn router(state: Arc<AppState>, options: ServerOptions) -> Router {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/code", post(code))
        .route("/v1/events", get(events))
        .route("/v1/documents/{id}", get(document))
        .route("/v1/dyads/{a}/{b}", get(dyad))
        .route("/v1/network", get(network))
        .route("/v1/actors", get(actors))
        .route("/v1/openapi.json", get(openapi))
        .route("/", get(|| async { asset("index.html") }))
        .route("/assets/{name}", get(|Path(name): Path<String>| async move { asset(&name) }))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such endpoint") })
        .layer(DefaultBodyLimit::max(options.max_body))
        .layer(middleware::from_fn(log_request))
        .with_state(state)
}

/// Serves until Ctrl-C, re-reading the store when it changes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    options: ServerOptions,
) -> std::io::Result<()> {
    let watcher = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(2)).await;
            match watcher.refresh().await {
                Ok(true) => tracing::info!(version = watcher.store.version(), "store re-read"),
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(%error, "re-reading the store failed; serving the previous state")
                }
            }
        }
    });
    axum::serve(listener, router(state, options))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let ms = (started.elapsed().as_secs_f64() * 100_000.0).round() / 100.0;
    tracing::info!(%method, %path, status = response.status().as_u16(), ms, "request");
    response
}

/// An error response: `{"error": {"status", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        tracing::error!(%error, "query failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("query failed: {error}"))
    }
}

impl From<views::FilterError> for ApiError {
    fn from(error: views::FilterError) -> ApiError {
        ApiError::bad_request(error.0)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::bad_request(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError::bad_request(rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> ApiError {
        ApiError::new(rejection.status(), rejection.body_text())
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

async fn health(State(state): State<Arc<AppState>>) -> ApiResult {
    let rows = state.engine().json_rows("SELECT COUNT(*) AS documents FROM documents").await?;
    let documents = rows.first().and_then(|r| r.get("documents")).cloned().unwrap_or(Value::Null);
    Ok(Json(json!({"status": "ok", "documents": documents, "store_version": state.store.version()})))
}

/// An article to code: the API's input, as one JSON Lines input record.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    text: String,
    date: Option<String>,
    id: Option<String>,
    title: Option<String>,
}

async fn code(State(state): State<Arc<AppState>>, body: Result<Bytes, BytesRejection>) -> ApiResult {
    let body = body?;
    let request: CodeRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("expected {{\"text\", \"date\", \"id\"?}}: {e}")))?;
    let date = match request.date.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::bad_request(format!("date: expected YYYY-MM-DD, got {d:?}")))?,
        ),
        None => None,
    };
    let document = dyad_text::Document {
        id: request.id.unwrap_or_else(|| "pasted".to_string()),
        date,
        title: request.title,
        text: request.text,
        metadata: Default::default(),
    };
    let coder = state.coder.clone();
    let coded = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(|| coder.code(&document))))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the coder stopped"))?;
    let record =
        coded.map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the coder failed on this article"))?;
    let record =
        serde_json::to_value(&record).map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(Json(record))
}

async fn events(State(state): State<Arc<AppState>>, filter: Result<Query<EventFilter>, QueryRejection>) -> ApiResult {
    let Query(filter) = filter?;
    let loaded = state.engine();
    let (total, events) = match &loaded.events {
        // The index answers as `filter.sql()` would (the SQL stays the definition).
        Some(index) => {
            let page = index.page(&filter)?;
            (json!(page.total), page.events)
        }
        None => {
            let (page, count) = filter.sql()?;
            let events = loaded.json_rows(&page).await?;
            let total = loaded.json_rows(&count).await?;
            (total.first().and_then(|r| r.get("total")).cloned().unwrap_or(json!(0)), events)
        }
    };
    Ok(Json(json!({
        "total": total,
        "limit": filter.limit()?,
        "offset": filter.offset.unwrap_or(0),
        "events": events,
    })))
}

async fn document(State(state): State<Arc<AppState>>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let Path(id) = id?;
    let sql = format!("SELECT date, text, record FROM documents WHERE id = {}", quote(&id));
    let rows = state.engine().json_rows(&sql).await?;
    let row =
        rows.into_iter().next().ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no document {id:?}")))?;
    let mut record: Value = row
        .get("record")
        .and_then(Value::as_str)
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_else(|| json!({"id": id}));
    if let Some(object) = record.as_object_mut() {
        object.insert("text".into(), row.get("text").cloned().unwrap_or(Value::Null));
    }
    Ok(Json(record))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesQuery {
    from: Option<String>,
    to: Option<String>,
    /// `day` (default) or `week` (ISO weeks, dated by their Monday).
    interval: Option<String>,
}

async fn dyad(
    State(state): State<Arc<AppState>>,
    pair: Result<Path<(String, String)>, PathRejection>,
    query: Result<Query<SeriesQuery>, QueryRejection>,
) -> ApiResult {
    let (Path((a, b)), Query(query)) = (pair?, query?);
    let weekly = match query.interval.as_deref() {
        None | Some("day") => false,
        Some("week") => true,
        Some(other) => return Err(ApiError::bad_request(format!("interval: expected day or week, got {other:?}"))),
    };
    let sql = views::dyad_series_sql(&a, &b, query.from.as_deref(), query.to.as_deref())?;
    let mut series = state.engine().json_rows(&sql).await?;
    if weekly {
        series = by_week(&series);
    }
    Ok(Json(json!({
        "source": a.to_ascii_uppercase(),
        "target": b.to_ascii_uppercase(),
        "interval": if weekly { "week" } else { "day" },
        "series": series,
    })))
}

/// Sums daily rows into ISO weeks (dated by their Monday), the mean Goldstein weighted
/// by events.
fn by_week(days: &[Value]) -> Vec<Value> {
    let mut weeks: std::collections::BTreeMap<String, [f64; 6]> = Default::default();
    const COUNTS: [&str; 4] = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
    for day in days {
        let Some(date) = day.get("date").and_then(Value::as_str) else {
            continue;
        };
        let Ok(date) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
            continue;
        };
        let monday = date - chrono::Days::new(u64::from(chrono::Datelike::weekday(&date).num_days_from_monday()));
        let week = weeks.entry(monday.format("%Y-%m-%d").to_string()).or_default();
        let number = |key: &str| day.get(key).and_then(Value::as_f64).unwrap_or(0.0);
        let events = number("events");
        week[0] += events;
        week[1] += number("goldstein") * events;
        for (slot, key) in COUNTS.iter().enumerate() {
            week[2 + slot] += number(key);
        }
    }
    weeks
        .into_iter()
        .map(|(date, w)| {
            let mut row = json!({"date": date, "events": w[0] as u64, "goldstein": if w[0] > 0.0 { Some(w[1] / w[0]) } else { None }});
            for (slot, key) in COUNTS.iter().enumerate() {
                row[*key] = json!(w[2 + slot] as u64);
            }
            row
        })
        .collect()
}

/// The event filters; `limit` bounds the number of edges.
async fn network(State(state): State<Arc<AppState>>, query: Result<Query<EventFilter>, QueryRejection>) -> ApiResult {
    let Query(filter) = query?;
    let limit = filter.limit.unwrap_or(100).clamp(1, views::MAX_LIMIT);
    let sql = views::network_sql(&EventFilter { limit: None, ..filter }, limit)?;
    Ok(Json(json!({"edges": state.engine().json_rows(&sql).await?})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsQuery {
    limit: Option<usize>,
    /// `code` (default) or `country`.
    by: Option<String>,
}

async fn actors(State(state): State<Arc<AppState>>, query: Result<Query<ActorsQuery>, QueryRejection>) -> ApiResult {
    let Query(query) = query?;
    let by_country = match query.by.as_deref() {
        None | Some("code") => false,
        Some("country") => true,
        Some(other) => return Err(ApiError::bad_request(format!("by: expected code or country, got {other:?}"))),
    };
    let limit = query.limit.unwrap_or(20).clamp(1, views::MAX_LIMIT);
    Ok(Json(json!({"actors": state.engine().json_rows(&views::actors_sql(limit, by_country)).await?})))
}

async fn openapi() -> Response {
    static DOCUMENT: &str = include_str!("openapi.json");
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], DOCUMENT).into_response()
}

/// The dashboard's files, compiled into the binary so it works offline.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("index.html", "text/html; charset=utf-8", include_bytes!("../assets/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("style.css", "text/css; charset=utf-8", include_bytes!("../assets/style.css")),
    ("echarts.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/vendor/echarts.min.js")),
];

fn asset(name: &str) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, bytes)) => ([(header::CONTENT_TYPE, HeaderValue::from_static(*mime))], *bytes).into_response(),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no asset {name:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_sum_days_and_weight_goldstein() {
        let days = vec![
            json!({"date": "2022-01-24", "events": 1, "goldstein": -10.0, "verbal_cooperation": 0, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 1}),
            json!({"date": "2022-01-26", "events": 3, "goldstein": 2.0, "verbal_cooperation": 3, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 0}),
            json!({"date": "2022-01-31", "events": 1, "goldstein": 1.0, "verbal_cooperation": 1, "material_cooperation": 0, "verbal_conflict": 0, "material_conflict": 0}),
        ];
        let weeks = by_week(&days);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0]["date"], "2022-01-24");
        assert_eq!(weeks[0]["events"], 4);
        assert_eq!(weeks[0]["goldstein"], -1.0);
        assert_eq!(weeks[0]["material_conflict"], 1);
    }
}
