//! `dyad ingest`: code articles and add them to the event store.

use crate::code::{code_document, load_coder, DictionaryArgs, InputKind};
use crate::parse::ReadArgs;
use anyhow::Context;
use dyad_code::Coder;
use dyad_store::{CommitSummary, Store, StoreWriter};
use dyad_text::read::{read_inputs, ReadError, ReadOptions};
use dyad_text::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files, directories (read recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// The store directory; created if missing.
    #[arg(long)]
    store: PathBuf,
    /// `auto` picks JSON Lines for .jsonl/.ndjson/.json (also gzipped), plain text otherwise.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputKind,
    #[command(flatten)]
    read: ReadArgs,
    /// Commit to the store every this many articles (a killed ingest keeps what was
    /// committed); memory grows with it.
    #[arg(long, default_value_t = 20_000)]
    commit_every: usize,
    /// Worker threads; 0 means one per core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Directory with tagger.bin, lemmas.bin and parser.bin instead of the bundled models.
    #[arg(long)]
    models: Option<PathBuf>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

/// As in `dyad code`: large enough to keep every core busy, small enough to bound memory.
const BATCH: usize = 256;

#[derive(Default)]
struct Totals {
    articles: usize,
    added: usize,
    replaced: usize,
    events: usize,
    sentences: usize,
    failed: usize,
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let store = Store::create(&args.store)?;
    let mut writer = StoreWriter::open(&store)?;
    let coder = load_coder(&args.dictionaries, args.models.as_deref())?;
    let options =
        ReadOptions { date: args.read.date, max_bytes: args.read.max_bytes, format: args.input_format.into() };
    let progress = progress_bar(&args.inputs, &options);
    let totals = ingest(&coder, &args, &options, &mut writer, &progress)?;
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "ingested {} articles ({} new, {} replaced; {} sentences, {} events) into {} in {seconds:.1} s \
         ({:.1} articles/s); the store holds {} articles",
        totals.articles,
        totals.added,
        totals.replaced,
        totals.sentences,
        totals.events,
        store.dir.display(),
        totals.articles as f64 / seconds.max(1e-9),
        writer.articles(),
    );
    crate::parse::report(totals.articles, totals.failed)
}

fn ingest(
    coder: &Coder,
    args: &IngestArgs,
    options: &ReadOptions,
    writer: &mut StoreWriter,
    progress: &ProgressBar,
) -> anyhow::Result<Totals> {
    let pool = crate::thread_pool(args.threads)?;
    let mut totals = Totals::default();
    let mut items = read_inputs(&args.inputs, options).peekable();
    let mut batch = Vec::with_capacity(BATCH);
    while items.peek().is_some() {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        let coded: Vec<Option<serde_json::Value>> =
            pool.install(|| batch.par_iter().map(|item| code_item(coder, item)).collect());
        for (item, record) in batch.iter().zip(coded) {
            match (item, record) {
                (Err(error), _) => {
                    progress.suspend(|| eprintln!("error: {error}"));
                    totals.failed += 1;
                }
                (Ok(_), Some(record)) => {
                    totals.articles += 1;
                    totals.failed += usize::from(record["errors"].as_array().is_some_and(|e| !e.is_empty()));
                    totals.sentences += record["sentences"].as_array().map_or(0, Vec::len);
                    writer.add(record)?;
                }
                (Ok(document), None) => {
                    anyhow::bail!("{}: the coded record could not be serialized", document.id)
                }
            }
            progress.inc(1);
        }
        if writer.pending() >= args.commit_every {
            add_commit(&mut totals, writer.commit().context("committing to the store")?);
        }
    }
    add_commit(&mut totals, writer.commit().context("committing to the store")?);
    Ok(totals)
}

fn add_commit(totals: &mut Totals, summary: CommitSummary) {
    totals.added += summary.added;
    totals.replaced += summary.replaced;
    totals.events += summary.events;
}

/// The article's `doc` record as JSON; `None` for an unreadable input, which has no
/// article id to store under and is reported instead.
fn code_item(coder: &Coder, item: &Result<Document, ReadError>) -> Option<serde_json::Value> {
    let document = item.as_ref().ok()?;
    let record = code_document(coder, document);
    serde_json::to_value(&record).ok()
}

/// A bar with articles/s and an ETA on a terminal, nothing otherwise. The total comes
/// from a quick first read of the inputs (not possible for standard input: then the
/// bar only counts).
fn progress_bar(inputs: &[String], options: &ReadOptions) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = if inputs.iter().any(|i| i == "-") { None } else { Some(read_inputs(inputs, options).count() as u64) };
    let bar = match total {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = match total {
        Some(_) => "{bar:30} {human_pos}/{human_len} articles  {rate}  ETA {eta}",
        None => "{spinner} {human_pos} articles  {rate}  {elapsed}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.1} articles/s", state.per_sec());
        };
        bar.set_style(style.with_key("rate", rate));
    }
    bar
}
