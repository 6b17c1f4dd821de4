//! The HTTP API against a real server on a loopback port, over a store holding the
//! bundled example article (coded by the real coder) and a few hand-made records.

use dyad_store::server::{router, AppState, ServerOptions};
use dyad_store::{Store, StoreWriter};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;

struct Server {
    address: SocketAddr,
    _store: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

fn coder() -> dyad_code::Coder {
    let models = dyad_lang::Models::bundled().expect("the bundled models load");
    dyad_code::Coder::new(models, dyad_dict::production())
}

fn example() -> dyad_text::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-2022-01-25-us-russia.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let (date, text) = text.trim_start().strip_prefix("date ").unwrap().split_at(10);
    dyad_text::Document {
        id: "example".into(),
        date: Some(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()),
        title: Some("US and Russia".into()),
        text: text.trim_start().to_string(),
        metadata: Default::default(),
    }
}

fn hand_made(id: &str, date: &str, cameo: &str, quad: u8, goldstein: f64, sentence: &str) -> Value {
    json!({"id": id, "date": date, "title": null, "text": sentence,
           "sentences": [{"start": 0, "end": sentence.len()}], "mentions": [],
           "events": [{"sentence": 0, "cameo": cameo, "cameo_root": &cameo[..2], "goldstein": goldstein, "quad_class": quad,
                       "source": {"start": 0, "end": 3, "text": "USA", "code": "USAGOV", "country": "USA", "sector": "GOV", "mention": 0},
                       "target": {"start": 0, "end": 3, "text": "RUS", "code": "RUS", "country": "RUS", "sector": null, "mention": 0},
                       "trigger": {"start": 0, "end": 1, "text": "x"}, "date": date, "negated": false, "modality": "asserted",
                       "rule": "test"}],
           "quotes": [], "times": [], "places": [], "errors": []})
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(dir.path()).unwrap();
    let coder = Arc::new(coder());
    let mut writer = StoreWriter::open(&store).unwrap();
    writer.add(serde_json::to_value(coder.code(&example())).unwrap()).unwrap();
    writer.add(hand_made("h1", "2022-01-24", "190", 4, -10.0, "The USA attacked Russia's positions.")).unwrap();
    writer.add(hand_made("h2", "2022-01-26", "042", 1, 1.9, "US envoy visited Moscow; 100% sure.")).unwrap();
    writer.add(hand_made("h3", "2022-02-01", "036", 1, 4.0, "Washington wants to meet Moscow.")).unwrap();
    writer.commit().unwrap();
    drop(writer);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let address = runtime.block_on(async {
        let state = Arc::new(AppState::new(store, coder).await.unwrap());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let app = router(state, ServerOptions { max_body: 64 * 1024 });
        tokio::spawn(async move { axum::serve(listener, app).await });
        address
    });
    Server { address, _store: dir, _runtime: runtime }
}

/// One HTTP/1.1 request on a fresh connection: (status, body as JSON or a string).
fn request(server: &Server, method: &str, path: &str, body: Option<&[u8]>) -> (u16, Value) {
    let mut stream = TcpStream::connect(server.address).unwrap();
    let body = body.unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    // A server that refuses a large body may close before reading it all.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").expect("a whole response");
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { unchunk(body) } else { body.to_string() };
    (status, serde_json::from_str(&body).unwrap_or(Value::String(body)))
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

fn get(server: &Server, path: &str) -> (u16, Value) {
    request(server, "GET", path, None)
}

fn error_message(body: &Value) -> &str {
    body["error"]["message"].as_str().expect("a JSON error with a message")
}

#[test]
fn the_api_answers_filters_pages_and_errors() {
    let server = start();
    let (status, health) = get(&server, "/v1/health");
    assert_eq!((status, health["status"].as_str(), health["documents"].as_i64()), (200, Some("ok"), Some(4)));

    // Filters: country, code prefix, root, QuadClass, dates, words.
    let (_, all) = get(&server, "/v1/events?limit=1000");
    let total = all["total"].as_i64().unwrap();
    assert!(total >= 4, "{all}");
    let (_, conflict) = get(&server, "/v1/events?quad_class=4&source=USA&target=RUS");
    assert_eq!(conflict["total"], 1);
    assert_eq!(conflict["events"][0]["id"], "h1");
    let (_, root) = get(&server, "/v1/events?root=19");
    assert_eq!(root["events"].as_array().unwrap().iter().filter(|e| e["id"] == "h1").count(), 1);
    let (_, dated) = get(&server, "/v1/events?from=2022-01-26&to=2022-01-31&source=USAGOV");
    assert_eq!(dated["total"], 1, "{dated}");
    let (_, words) = get(&server, "/v1/events?q=ENVOY%20moscow");
    assert_eq!(words["total"], 1);
    let (_, percent) = get(&server, "/v1/events?q=100%25");
    assert_eq!(percent["total"], 1, "a % in the words matches only itself");

    // Pages do not overlap and sorting holds.
    let (_, first) = get(&server, "/v1/events?limit=2&offset=0&sort=goldstein");
    let (_, second) = get(&server, "/v1/events?limit=2&offset=2&sort=goldstein");
    let ids = |page: &Value| {
        page["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["id"].to_string(), e["event_index"].to_string()))
            .collect::<Vec<_>>()
    };
    assert!(ids(&first).iter().all(|k| !ids(&second).contains(k)));
    assert_eq!(first["events"][0]["goldstein"], -10.0);
    let (_, newest) = get(&server, "/v1/events?sort=-date&limit=1");
    assert_eq!(newest["events"][0]["date"], "2022-02-01");

    // The document view is the doc record, with its text.
    let (status, document) = get(&server, "/v1/documents/example");
    assert_eq!(status, 200);
    assert!(document["text"].as_str().unwrap().starts_with("The US administration"));
    assert!(!document["events"].as_array().unwrap().is_empty(), "the example has events");
    let (status, missing) = get(&server, "/v1/documents/nope");
    assert_eq!(status, 404);
    assert!(error_message(&missing).contains("nope"));

    // The dyad series, by day and by week.
    let (status, series) = get(&server, "/v1/dyads/USA/RUS");
    assert_eq!(status, 200);
    let days: Vec<&str> = series["series"].as_array().unwrap().iter().map(|p| p["date"].as_str().unwrap()).collect();
    assert!(days.contains(&"2022-01-24") && days.contains(&"2022-02-01"), "{series}");
    let (_, weeks) = get(&server, "/v1/dyads/usa/rus?interval=week");
    assert!(weeks["series"].as_array().unwrap().len() < days.len());
    let (_, network) = get(&server, "/v1/network");
    assert!(network["edges"].as_array().unwrap().iter().any(|e| e["source"] == "USA" && e["target"] == "RUS"));
    let (status, actors) = get(&server, "/v1/actors?by=country&limit=5");
    assert_eq!(status, 200);
    assert!(!actors["actors"].as_array().unwrap().is_empty());

    // Malformed requests: 400 with a JSON error, never a panic.
    for path in [
        "/v1/events?quad_class=9",
        "/v1/events?quad_class=x",
        "/v1/events?from=yesterday",
        "/v1/events?source=USA'--",
        "/v1/events?sort=rule",
        "/v1/events?limit=100000",
        "/v1/events?colour=red",
        "/v1/dyads/USA/RUS?interval=year",
        "/v1/dyads/U%20S/RUS",
        "/v1/actors?by=mood",
    ] {
        let (status, body) = get(&server, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!error_message(&body).is_empty(), "{path}");
    }
    let (status, body) = get(&server, "/v2/nothing");
    assert_eq!(status, 404);
    error_message(&body);
    let (status, _) = get(&server, "/v1/health");
    assert_eq!(status, 200, "the server is still up");
}

#[test]
fn code_returns_a_doc_record_and_refuses_bad_bodies() {
    let server = start();
    let article = json!({"text": "Russia attacked Ukraine on Monday.", "date": "2022-02-24", "id": "t"});
    let (status, record) = request(&server, "POST", "/v1/code", Some(article.to_string().as_bytes()));
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["id"], "t");
    assert_eq!(record["date"], "2022-02-24");
    assert!(record["mentions"].as_array().unwrap().iter().any(|m| m["code"] == "RUS"), "{record}");
    // Nothing is stored.
    let (_, health) = get(&server, "/v1/health");
    assert_eq!(health["documents"], 4);

    for body in
        [&b"{not json"[..], br#"{"date": "2022-01-01"}"#, br#"{"text": "x", "date": "01/02/2022"}"#, br#"{"text": 5}"#]
    {
        let (status, reply) = request(&server, "POST", "/v1/code", Some(body));
        assert_eq!(status, 400, "{}: {reply}", String::from_utf8_lossy(body));
        error_message(&reply);
    }
    let huge = json!({"text": "word ".repeat(20_000)}).to_string();
    let (status, reply) = request(&server, "POST", "/v1/code", Some(huge.as_bytes()));
    assert_eq!(status, 413, "{reply}");
    error_message(&reply);
}

#[test]
fn the_dashboard_and_openapi_are_served() {
    let server = start();
    let (status, page) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(page.as_str().unwrap().contains("/assets/echarts.min.js"));
    for asset in ["app.js", "style.css", "echarts.min.js"] {
        let (status, _) = get(&server, &format!("/assets/{asset}"));
        assert_eq!(status, 200, "{asset}");
    }
    let (status, _) = get(&server, "/assets/../Cargo.toml");
    assert_eq!(status, 404);
    let (status, openapi) = get(&server, "/v1/openapi.json");
    assert_eq!(status, 200);
    let paths = openapi["paths"].as_object().unwrap();
    for path in ["/v1/health", "/v1/code", "/v1/events", "/v1/documents/{id}", "/v1/dyads/{a}/{b}"] {
        assert!(paths.contains_key(path), "{path}");
    }
}
