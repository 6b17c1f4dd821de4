//! `dyad query`, `dyad dyads`, `dyad actors`: SQL and canned views over the store.

use dyad_store::views::DyadFilter;
use dyad_store::{OutputFormat, QueryEngine, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct StoreArgs {
    /// The store directory (made by `dyad ingest --store`).
    #[arg(long)]
    store: PathBuf,
    /// How rows are written.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// An aligned text table.
    Table,
    /// CSV with a header line.
    Csv,
    /// One JSON object per row.
    Jsonl,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// SQL over the tables documents, events, mentions and quotes (each with a `date`
    /// column: the article's date).
    sql: String,
}

#[derive(clap::Args)]
pub struct DyadsArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Only events from this country (ISO alpha-3 or CAMEO region code).
    #[arg(long)]
    source: Option<String>,
    /// Only events on this country.
    #[arg(long)]
    target: Option<String>,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    to: Option<String>,
    /// Leave out domestic pairs (source and target the same country).
    #[arg(long)]
    international: bool,
    /// At most this many rows.
    #[arg(long)]
    limit: Option<usize>,
}

#[derive(clap::Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// How many actors.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Group by country instead of by full actor code.
    #[arg(long)]
    by_country: bool,
}

pub fn query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    run_sql(&args.store, &args.sql)
}

pub fn dyads(args: DyadsArgs) -> anyhow::Result<ExitCode> {
    let filter = DyadFilter {
        source: args.source,
        target: args.target,
        from: args.from,
        to: args.to,
        exclude_domestic: args.international,
        limit: args.limit,
    };
    run_sql(&args.store, &filter.sql()?)
}

pub fn actors(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    run_sql(&args.store, &dyad_store::views::actors_sql(args.limit, args.by_country))
}

fn run_sql(args: &StoreArgs, sql: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open(&args.store)?;
    let batches = dyad_store::runtime()?.block_on(async {
        let engine = QueryEngine::open(&store).await?;
        engine.sql(sql).await
    })?;
    let format = match args.format {
        Format::Table => OutputFormat::Table,
        Format::Csv => OutputFormat::Csv,
        Format::Jsonl => OutputFormat::Jsonl,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    dyad_store::query::write_batches(&batches, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
