//! `dyad bench`: throughput per core and peak memory, each stage beside the cheaper
//! stages before it, so a regression shows where it came from.

use crate::output::peak_rss_mb;
use anyhow::Context;
use dyad_lang::{conllu, Analysis, Models};
use dyad_text::read::{read_inputs, ReadOptions};
use dyad_text::segment::segment;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Gold-tokenised sentences for the tagger and parser.
    #[arg(long, default_value = "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu")]
    conllu: PathBuf,
    /// Raw articles for the end-to-end run (files or directories).
    #[arg(long, default_value = "../shared/data/news/reuters21578")]
    articles: Vec<String>,
    /// Keep each measurement going at least this many seconds.
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    #[arg(long)]
    models: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let models = crate::load_models(args.models.as_deref())?;
    println!("model load: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);

    let gold = conllu::read_path(&args.conllu).with_context(|| format!("reading {}", args.conllu.display()))?;
    let sentences: Vec<Vec<&str>> = gold.iter().map(|s| s.forms()).collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let budget = Duration::from_secs_f64(args.seconds);
    println!("\none core, gold tokens of {} ({} sentences, {tokens} tokens):", args.conllu.display(), sentences.len());
    println!("{:<24} {:>14}", "stage", "tokens/s");
    let mut analysis = Analysis::default();
    let tag = repeat(budget, tokens, || {
        for words in &sentences {
            models.tagger.tag(words, &mut analysis.tags);
        }
    });
    println!("{:<24} {:>14.0}", "tag", tag);
    let tag_parse = repeat(budget, tokens, || {
        for words in &sentences {
            models.tag_and_parse(words, &mut analysis);
        }
    });
    println!("{:<24} {:>14.0}", "tag + parse", tag_parse);
    let full = repeat(budget, tokens, || {
        for words in &sentences {
            models.analyse(words, &mut analysis);
        }
    });
    println!("{:<24} {:>14.0}", "tag + parse + lemma", full);

    bench_articles(&args, &models)?;
    if let Some(mb) = peak_rss_mb() {
        println!("\npeak memory (RSS): {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `work` until `budget` has passed; returns `units` processed per second.
fn repeat(budget: Duration, units: usize, mut work: impl FnMut()) -> f64 {
    let started = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed() < budget {
        work();
        rounds += 1;
    }
    (rounds * units) as f64 / started.elapsed().as_secs_f64()
}

/// End to end from raw text: segmentation alone beside segmentation + analysis, on one
/// core and on all cores.
fn bench_articles(args: &BenchArgs, models: &Models) -> anyhow::Result<()> {
    let texts: Vec<String> = read_inputs(&args.articles, &ReadOptions::default())
        .filter_map(Result::ok)
        .map(|d| d.text)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (sentences, tokens) = texts.iter().fold((0, 0), |(s, t), text| {
        let seg = segment(text);
        (s + seg.sentences.len(), t + seg.tokens.len())
    });
    println!(
        "\nraw articles {:?}: {} articles, {:.1} MB, {sentences} sentences, {tokens} tokens",
        args.articles, texts.len(), bytes as f64 / 1e6
    );
    println!("{:<32} {:>8} {:>14} {:>14} {:>10}", "stage", "threads", "sentences/s", "tokens/s", "MB/s");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let segment_only = |text: &String| segment(text).tokens.len();
    let analysed = |analysis: &mut Analysis, text: &String| {
        let seg = segment(text);
        for sentence in &seg.sentences {
            let words: Vec<&str> = seg.tokens[sentence.tokens.clone()].iter().map(|s| s.of(text)).collect();
            models.analyse(&words, analysis);
        }
        seg.tokens.len()
    };
    for threads in [1, cores] {
        let seconds = timed(threads, || texts.par_iter().map(segment_only).sum::<usize>())?;
        print_row("segment", threads, sentences, tokens, bytes, seconds);
        let seconds = timed(threads, || texts.par_iter().map_init(Analysis::default, analysed).sum::<usize>())?;
        print_row("segment + tag + parse + lemma", threads, sentences, tokens, bytes, seconds);
    }
    Ok(())
}

fn timed(threads: usize, work: impl FnOnce() -> usize + Send) -> anyhow::Result<f64> {
    let started = Instant::now();
    std::hint::black_box(crate::with_threads(threads, work)?);
    Ok(started.elapsed().as_secs_f64())
}

fn print_row(stage: &str, threads: usize, sentences: usize, tokens: usize, bytes: usize, seconds: f64) {
    println!(
        "{:<32} {:>8} {:>14.0} {:>14.0} {:>10.1}",
        stage, threads, sentences as f64 / seconds, tokens as f64 / seconds, bytes as f64 / 1e6 / seconds
    );
}
