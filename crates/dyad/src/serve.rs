//! `dyad serve`: the HTTP API and the dashboard over a store.

use crate::code::{load_coder, DictionaryArgs};
use anyhow::Context;
use dyad_store::server::{serve, AppState, ServerOptions};
use dyad_store::Store;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store directory (made by `dyad ingest --store`).
    #[arg(long)]
    store: PathBuf,
    /// Address to listen on; port 0 picks a free port (the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Largest request body in bytes (POST /v1/code); larger ones get 413.
    #[arg(long, default_value_t = 2 * 1024 * 1024)]
    max_body: usize,
    /// Directory with tagger.bin, lemmas.bin and parser.bin instead of the bundled models.
    #[arg(long)]
    models: Option<PathBuf>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    let store = Store::open(&args.store)?;
    let coder = Arc::new(load_coder(&args.dictionaries, args.models.as_deref())?);
    let options = ServerOptions { max_body: args.max_body };
    dyad_store::runtime()?.block_on(async {
        let state = Arc::new(AppState::new(store, coder).await.context("reading the store")?);
        let listener = tokio_listener(&args.addr).await.with_context(|| format!("listening on {}", args.addr))?;
        let address = listener.local_addr()?;
        // Scripts (and the browser test) read the address from this line.
        println!("dyad: serving {} on http://{address}/", args.store.display());
        std::io::stdout().flush()?;
        serve(listener, state, options).await.context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn tokio_listener(addr: &str) -> std::io::Result<dyad_store::tokio::net::TcpListener> {
    dyad_store::tokio::net::TcpListener::bind(addr).await
}
