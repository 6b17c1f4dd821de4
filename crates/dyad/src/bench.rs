//! `dyad bench`: throughput per core and peak memory, each stage beside the cheaper
//! stages before it, so a regression shows where it came from.

use crate::output::peak_rss_mb;
use anyhow::Context;
use dyad_code::format::{self, Format};
use dyad_code::Coder;
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
    // Tokens per CPU-second of this thread beside tokens per wall-second: on a shared
    // machine the first stays meaningful when other processes take the core away.
    println!("{:<24} {:>14} {:>18}", "stage", "tokens/s", "tokens/CPU-second");
    let mut analysis = Analysis::default();
    let tag = repeat(budget, tokens, || {
        for words in &sentences {
            models.tagger.tag(words, &mut analysis.tags);
        }
    });
    println!("{:<24} {tag}", "tag");
    // Beam search (the default) beside greedy, in alternating rounds, so that a machine
    // whose speed drifts (as shared virtual machines do) treats the two alike.
    let greedy = crate::load_models_for_parsing(args.models.as_deref(), true)?;
    let (mut tag_parse, mut tag_parse_greedy) = (Rate::default(), Rate::default());
    for _ in 0..ROUNDS {
        for (rate, models) in [(&mut tag_parse, &models), (&mut tag_parse_greedy, &greedy)] {
            rate.add(repeat(budget / ROUNDS, tokens, || {
                for words in &sentences {
                    models.tag_and_parse(words, &mut analysis);
                }
            }));
        }
    }
    println!("{:<24} {tag_parse}", "tag + parse");
    println!("{:<24} {tag_parse_greedy}", "tag + parse, greedy");
    drop(greedy);
    let full = repeat(budget, tokens, || {
        for words in &sentences {
            models.analyse(words, &mut analysis);
        }
    });
    println!("{:<24} {full}", "tag + parse + lemma");

    bench_articles(&args, &models)?;
    bench_coder(&args)?;
    if let Some(mb) = peak_rss_mb() {
        println!("\npeak memory (RSS): {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}

/// Throughput of one single-threaded measurement.
/// Units processed in so much wall and CPU time (CPU time NaN where /proc is absent).
#[derive(Default)]
struct Rate {
    units: f64,
    seconds: f64,
    cpu_seconds: f64,
}

impl Rate {
    fn add(&mut self, other: Rate) {
        self.units += other.units;
        self.seconds += other.seconds;
        self.cpu_seconds += other.cpu_seconds;
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>14.0}", self.units / self.seconds)?;
        if self.cpu_seconds > 0.0 {
            write!(f, " {:>18.0}", self.units / self.cpu_seconds)
        } else {
            write!(f, " {:>18}", "n/a")
        }
    }
}

/// Rounds of beam search and greedy parsing taken in turn.
const ROUNDS: u32 = 6;

/// Runs `work` on this thread until `budget` has passed; `units` are processed per round.
fn repeat(budget: Duration, units: usize, mut work: impl FnMut()) -> Rate {
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed() < budget {
        work();
        rounds += 1;
    }
    let cpu = cpu_started.zip(thread_cpu_seconds()).map_or(f64::NAN, |(a, b)| b - a);
    Rate { units: (rounds * units) as f64, seconds: started.elapsed().as_secs_f64(), cpu_seconds: cpu }
}

/// CPU time of the calling thread (user + system) from `/proc/thread-self/stat`, in
/// seconds at the kernel's usual 100 ticks per second.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name, which may itself hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// End to end from raw text: segmentation alone beside segmentation + analysis, on one
/// core and on all cores.
fn bench_articles(args: &BenchArgs, models: &Models) -> anyhow::Result<()> {
    let texts: Vec<String> =
        read_inputs(&args.articles, &ReadOptions::default()).filter_map(Result::ok).map(|d| d.text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (sentences, tokens) = texts.iter().fold((0, 0), |(s, t), text| {
        let seg = segment(text);
        (s + seg.sentences.len(), t + seg.tokens.len())
    });
    println!(
        "\nraw articles {:?}: {} articles, {:.1} MB, {sentences} sentences, {tokens} tokens",
        args.articles,
        texts.len(),
        bytes as f64 / 1e6
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

/// The whole coder as `dyad code --format doc` runs it, from raw text to JSON lines
/// (reading and writing files aside), on this thread. Sentences per CPU-second of the
/// thread stay comparable when other processes take the core away.
fn bench_coder(args: &BenchArgs) -> anyhow::Result<()> {
    let documents: Vec<_> = read_inputs(&args.articles, &ReadOptions::default()).filter_map(Result::ok).collect();
    let coder = Coder::new(crate::load_models(args.models.as_deref())?, dyad_dict::production());
    let mut out = String::new();
    let (mut sentences, mut bytes) = (0, 0);
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    for document in &documents {
        let record = coder.code(document);
        out.clear();
        format::render_into(Format::Doc, &record, &mut out);
        sentences += record.sentences.len();
        bytes += out.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_started.zip(thread_cpu_seconds()).map(|(a, b)| b - a).filter(|&s| s > 0.0);
    println!(
        "\nwhole coder, {} articles, {sentences} sentences, {:.1} MB of doc JSON:",
        documents.len(),
        bytes as f64 / 1e6
    );
    println!("{:<32} {:>8} {:>14} {:>22}", "stage", "threads", "sentences/s", "sentences/CPU-second");
    let per_cpu = cpu.map_or_else(|| "n/a".to_string(), |cpu| format!("{:.0}", sentences as f64 / cpu));
    println!("{:<32} {:>8} {:>14.0} {:>22}", "code (doc format)", 1, sentences as f64 / seconds, per_cpu);
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
        stage,
        threads,
        sentences as f64 / seconds,
        tokens as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
}
