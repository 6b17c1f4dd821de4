//! `dyad eval`: the figures anyone can re-check.

use anyhow::Context;
use dyad_lang::conllu;
use dyad_lang::eval::score_parses;
use dyad_lang::segment_eval::{score_naive_baseline, score_segmentation, SegmentScores};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Sentence and token boundaries against a CoNLL-U file's `# text` lines (e.g. GUM news).
    Segment { conllu: PathBuf },
    /// UPOS, XPOS, lemma, UAS and LAS on a CoNLL-U file with gold tokenisation (e.g. EWT test).
    Parse {
        gold: PathBuf,
        /// Score this CoNLL-U (same words) instead of predicting with the models.
        #[arg(long)]
        predicted: Option<PathBuf>,
        #[arg(long)]
        models: Option<PathBuf>,
        #[arg(long, default_value_t = 0)]
        threads: usize,
    },
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Segment { conllu } => eval_segment(&conllu),
        What::Parse { gold, predicted, models, threads } => eval_parse(&gold, predicted.as_deref(), models.as_deref(), threads),
    }
    .map(|()| ExitCode::SUCCESS)
}

fn read_treebank(path: &Path) -> anyhow::Result<Vec<conllu::Sentence>> {
    conllu::read_path(path).with_context(|| format!("reading {}", path.display()))
}

fn eval_segment(path: &Path) -> anyhow::Result<()> {
    let gold = read_treebank(path)?;
    let ours = score_segmentation(&gold);
    let naive = score_naive_baseline(&gold);
    println!("{}: {} documents, {} gold sentences, {} gold tokens", path.display(), ours.documents, ours.gold_sentences, ours.gold_tokens);
    println!("{:<28} {:>9} {:>9} {:>9} {:>9} {:>9}", "segmenter", "sentences", "P", "R", "F1", "token F1");
    print_segment_row("dyad", &ours);
    print_segment_row("naive [.!?]+space baseline", &naive);
    Ok(())
}

fn print_segment_row(name: &str, s: &SegmentScores) {
    println!(
        "{:<28} {:>9} {:>9.4} {:>9.4} {:>9.4} {:>9.4}",
        name, s.predicted_sentences, s.sentence_precision, s.sentence_recall, s.sentence_f1, s.token_f1
    );
}

fn eval_parse(gold_path: &Path, predicted: Option<&Path>, models: Option<&Path>, threads: usize) -> anyhow::Result<()> {
    let gold = read_treebank(gold_path)?;
    let started = Instant::now();
    let predicted = match predicted {
        Some(path) => read_treebank(path)?,
        None => {
            let models = crate::load_models(models)?;
            crate::with_threads(threads, || crate::parse::predict_treebank(&models, &gold))?
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let s = score_parses(&gold, &predicted)?;
    println!("{}: {} sentences, {} words ({:.2} s)", gold_path.display(), s.sentences, s.words, seconds);
    println!("UPOS   {:6.2}%", 100.0 * s.upos);
    println!("XPOS   {:6.2}%", 100.0 * s.xpos);
    println!("Lemma  {:6.2}%", 100.0 * s.lemma);
    println!("UAS    {:6.2}%", 100.0 * s.uas);
    println!("LAS    {:6.2}%", 100.0 * s.las);
    Ok(())
}
