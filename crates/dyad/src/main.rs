//! `dyad`: the command line over the dyad libraries. Each subcommand lives in its own
//! module; this file only declares the interface.

mod bench;
mod code;
mod eval;
mod output;
mod parse;
mod train;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::Bench(args) => bench::run(args),
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
