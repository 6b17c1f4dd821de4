//! `dyad`: the command line over the dyad libraries. Each subcommand lives in its own
//! module; this file only declares the interface.

mod bench;
mod code;
mod eval;
#[cfg(feature = "store")]
mod ingest;
mod output;
mod parse;
#[cfg(feature = "store")]
mod query;
#[cfg(feature = "store")]
mod serve;
mod train;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: the coder makes millions of small, short-lived
/// allocations (words, lemmas, tree nodes, JSON strings), and glibc's malloc and free
/// were 13% of `dyad code`'s instructions on Reuters (callgrind, part-005).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "dyad", version, about = "Political event data from dated news text")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events: doc records, events, GDELT 2.0 or PLOVER.
    Code(code::CodeArgs),
    /// Segment, tag and parse articles; write CoNLL-U with byte spans.
    Parse(parse::ParseArgs),
    /// Score the segmenter or the tagger and parser against gold CoNLL-U.
    Eval(eval::EvalArgs),
    /// Train the tagger, lemmatizer and parser from UD treebanks.
    Train(train::TrainArgs),
    /// Measure throughput (tokens/s per core) and peak memory.
    Bench(bench::BenchArgs),
    /// Code articles and add them to an event store (Parquet, partitioned by date).
    #[cfg(feature = "store")]
    Ingest(ingest::IngestArgs),
    /// Run SQL over a store (tables documents, events, mentions, quotes).
    #[cfg(feature = "store")]
    Query(query::QueryArgs),
    /// Per day and source–target country pair: events, mean Goldstein, QuadClass counts.
    #[cfg(feature = "store")]
    Dyads(query::DyadsArgs),
    /// The most active actors, as source and as target.
    #[cfg(feature = "store")]
    Actors(query::ActorsArgs),
    /// Serve the HTTP API and the dashboard over a store.
    #[cfg(feature = "store")]
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::Bench(args) => bench::run(args),
        #[cfg(feature = "store")]
        Command::Ingest(args) => ingest::run(args),
        #[cfg(feature = "store")]
        Command::Query(args) => query::query(args),
        #[cfg(feature = "store")]
        Command::Dyads(args) => query::dyads(args),
        #[cfg(feature = "store")]
        Command::Actors(args) => query::actors(args),
        #[cfg(feature = "store")]
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// A rayon pool of `threads` threads (0: one per core), built once per command so that
/// the workers' per-thread caches (tagger, parser) stay warm across batches.
fn thread_pool(threads: usize) -> anyhow::Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new().num_threads(threads).build()?)
}

/// Runs `work` on a fresh pool of `threads` threads: for one-off parallel jobs.
fn with_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    Ok(thread_pool(threads)?.install(work))
}

/// Loads the models shipped in the binary, or those in `dir`.
fn load_models(dir: Option<&std::path::Path>) -> anyhow::Result<dyad_lang::Models> {
    use anyhow::Context;
    match dir {
        Some(dir) => dyad_lang::Models::load_dir(dir).with_context(|| format!("loading models from {}", dir.display())),
        None => dyad_lang::Models::bundled().context("loading the bundled models"),
    }
}

/// As `load_models`, the parser searching one move at a time if `greedy`: faster, and
/// less accurate (see `dyad_lang::parser::Decoding`).
fn load_models_for_parsing(dir: Option<&std::path::Path>, greedy: bool) -> anyhow::Result<dyad_lang::Models> {
    let mut models = load_models(dir)?;
    if greedy {
        models.parser = models.parser.with_decoding(dyad_lang::parser::Decoding::GREEDY);
    }
    Ok(models)
}
