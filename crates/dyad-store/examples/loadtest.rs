//! A bounded, open-loop load test of `GET /v1/events` on a loopback `dyad serve`:
//! requests are sent at a fixed rate whatever the server's pace, and each latency is
//! measured from when the request was due (so a stalled server cannot hide its queue).
//!
//! ```sh
//! dyad serve --store STORE --addr 127.0.0.1:8080 &
//! cargo run --release -p dyad-store --example loadtest -- 127.0.0.1:8080 200 30
//! ```
//! Arguments: address (loopback only), requests per second, seconds (at most 300).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A mix of what the dashboard and API users ask.
const PATHS: &[&str] = &[
    "/v1/events",
    "/v1/events?source=USA",
    "/v1/events?target=JPN&sort=goldstein",
    "/v1/events?root=04&limit=100",
    "/v1/events?q=oil&sort=-goldstein",
    "/v1/events?quad_class=4",
    "/v1/events?from=1987-03-01&to=1987-03-31&offset=50",
    "/v1/events?source=GBR&target=USA",
    "/v1/events?cameo=03&sort=cameo&offset=100",
    "/v1/events?q=trade%20talks",
];

type Pool = Arc<Mutex<Vec<BufReader<TcpStream>>>>;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let address: SocketAddr = args.first().map(String::as_str).unwrap_or("127.0.0.1:8080").parse()?;
    if !address.ip().is_loopback() {
        return Err("the load test only targets loopback addresses".into());
    }
    let rate: f64 = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(200.0);
    let seconds: f64 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(30.0_f64).min(300.0);
    let total = (rate * seconds) as usize;
    let pool: Pool = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        let due = started + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(due.into()).await;
        let pool = pool.clone();
        let path = PATHS[i % PATHS.len()];
        tasks.push(tokio::spawn(async move {
            let result = tokio::time::timeout(Duration::from_secs(10), request(&pool, address, path)).await;
            (due.elapsed(), matches!(result, Ok(Ok(200))))
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    let mut failures = 0;
    for task in tasks {
        let (latency, ok) = task.await?;
        latencies.push(latency.as_secs_f64() * 1000.0);
        failures += usize::from(!ok);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{{\"requests\": {total}, \"failures\": {failures}, \"rate\": {:.1}, \"p50_ms\": {:.2}, \"p90_ms\": {:.2}, \"p99_ms\": {:.2}, \"max_ms\": {:.2}}}",
        total as f64 / elapsed,
        at(0.50),
        at(0.90),
        at(0.99),
        latencies.last().copied().unwrap_or(0.0)
    );
    Ok(())
}

/// One GET on a pooled keep-alive connection; its status.
async fn request(pool: &Pool, address: SocketAddr, path: &str) -> std::io::Result<u16> {
    let pooled = pool.lock().unwrap().pop();
    let mut stream = match pooled {
        Some(stream) => stream,
        None => BufReader::new(TcpStream::connect(address).await?),
    };
    let head = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n");
    stream.get_mut().write_all(head.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    pool.lock().unwrap().push(stream);
    Ok(status)
}
