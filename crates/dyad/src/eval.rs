//! `dyad eval`: the figures anyone can re-check.

use anyhow::Context;
use dyad_code::{eval as code_eval, Coder};
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
        /// Parse one move at a time instead of by beam search.
        #[arg(long)]
        greedy: bool,
    },
    /// The PETRARCH unit-test suite, coded from the raw <Text> with the PETR.Validate
    /// dictionaries it names: records whose (source, target, CAMEO) set equals the gold.
    Petr {
        records: PathBuf,
        #[command(flatten)]
        options: CoderOptions,
    },
    /// PLOVER gold records (e.g. gsr-dev.json): type, source and triple recall.
    Plover {
        gsr: PathBuf,
        #[command(flatten)]
        options: CoderOptions,
    },
    /// Person coreference on a CoNLL-U file with GUM's `Entity=` brackets (e.g. GUM
    /// news): MUC and B³ over chains, singletons left out.
    Coref {
        conllu: PathBuf,
        #[command(flatten)]
        options: CoderOptions,
    },
    /// A reference annotation (*.gold.json) of one article: expected events found,
    /// must-not events produced.
    Gold {
        gold: PathBuf,
        article: PathBuf,
        #[command(flatten)]
        options: CoderOptions,
    },
}

#[derive(clap::Args)]
struct CoderOptions {
    #[arg(long)]
    models: Option<PathBuf>,
    /// List every record with what was coded.
    #[arg(long)]
    verbose: bool,
}

impl CoderOptions {
    fn coder(&self) -> anyhow::Result<Coder> {
        Ok(Coder::new(crate::load_models(self.models.as_deref())?, dyad_dict::production()))
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Segment { conllu } => eval_segment(&conllu),
        What::Parse { gold, predicted, models, threads, greedy } => {
            eval_parse(&gold, predicted.as_deref(), models.as_deref(), threads, greedy)
        }
        What::Petr { records, options } => eval_petr(&records, &options),
        What::Plover { gsr, options } => eval_plover(&gsr, &options),
        What::Gold { gold, article, options } => eval_gold(&gold, &article, &options),
        What::Coref { conllu, options } => eval_coref(&conllu, &options),
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
    println!(
        "{}: {} documents, {} gold sentences, {} gold tokens",
        path.display(),
        ours.documents,
        ours.gold_sentences,
        ours.gold_tokens
    );
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

fn eval_parse(
    gold_path: &Path,
    predicted: Option<&Path>,
    models: Option<&Path>,
    threads: usize,
    greedy: bool,
) -> anyhow::Result<()> {
    let gold = read_treebank(gold_path)?;
    let started = Instant::now();
    let predicted = match predicted {
        Some(path) => read_treebank(path)?,
        None => {
            let models = crate::load_models_for_parsing(models, greedy)?;
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

fn eval_petr(records: &Path, options: &CoderOptions) -> anyhow::Result<()> {
    let s = code_eval::petr(records, &options.coder()?).with_context(|| format!("scoring {}", records.display()))?;
    if options.verbose {
        for r in &s.details {
            println!(
                "{} [{}] {}\n  gold  {:?}\n  coded {:?}",
                r.id,
                if r.correct { "ok" } else { "MISS" },
                r.text,
                r.gold,
                r.coded
            );
        }
    }
    println!("{}: {} of {} records exact ({:.1}%)", records.display(), s.exact, s.records, 100.0 * s.exact_rate());
    Ok(())
}

fn eval_plover(gsr: &Path, options: &CoderOptions) -> anyhow::Result<()> {
    let s = code_eval::plover(gsr, &options.coder()?).with_context(|| format!("scoring {}", gsr.display()))?;
    if options.verbose {
        for r in &s.details {
            println!(
                "{} {} {:?}->{:?} type:{} source:{} triple:{}\n  {}",
                r.id, r.event, r.sources, r.targets, r.type_found, r.source_found, r.triple_found, r.text
            );
            for e in &r.coded {
                println!("  coded {:?} -> {:?} {} ({})", e.source, e.target, e.cameo, e.rule);
            }
        }
    }
    println!("{}: {} records, {} events ({:.2} per record)", gsr.display(), s.records, s.events, s.events_per_record());
    println!(
        "PLOVER events {} ({:.2} per record): one per act, compound actors together, statements left out",
        s.plover_events,
        s.plover_events_per_record()
    );
    println!("type recall    {:.3}", s.type_recall());
    println!("source recall  {:.3}", s.source_recall());
    println!("triple recall  {:.3}", s.triple_recall());
    Ok(())
}

fn eval_gold(gold: &Path, article: &Path, options: &CoderOptions) -> anyhow::Result<()> {
    let s = code_eval::gold(gold, article, &options.coder()?).with_context(|| format!("scoring {}", gold.display()))?;
    if options.verbose {
        for item in s.expected_items.iter().chain(&s.must_not_items) {
            println!(
                "{} {:?} -> {:?} {:?}: {}",
                if item.matched { "match" } else { "no match" },
                item.source,
                item.targets,
                item.roots,
                item.sentence_start
            );
        }
        for e in &s.coded {
            println!(
                "coded: sentence {} {:?} -> {:?} {} ({}) {}",
                e.sentence, e.source, e.target, e.cameo, e.trigger, e.rule
            );
        }
    }
    println!("{}: {} events coded", article.display(), s.events);
    println!("expected found      {} of {}", s.found, s.expected);
    println!("must-not produced   {} of {}", s.produced, s.must_not);
    let t = &s.times;
    if options.verbose {
        for (text, kind, value) in &t.ours {
            println!("time: {text:?} {kind} {}", value.as_deref().unwrap_or("null"));
        }
    }
    println!("times found         {} of {} ({} with the right value)", t.found, t.expected, t.right);
    println!(
        "event dates right   {} of {} ({} of {} on the reference's trigger, whatever the code)",
        t.dates_right, t.dated_events, t.dates_right_by_trigger, t.dated_events
    );
    if options.verbose {
        for q in &s.quote_items {
            println!(
                "quote {} speaker {:?} (want {}): {}",
                if q.found { "found" } else { "MISSING" },
                q.found_speaker,
                q.speaker,
                q.contains
            );
        }
    }
    let n = s.quote_items.len();
    println!("quotes found        {} of {} ({} coded)", s.quotes_found(), n, s.quotes_coded);
    println!("  right speaker     {} of {}", s.quotes_right_speaker(), n);
    println!("  right kind        {} of {}", s.quotes_right_kind(), n);
    Ok(())
}

fn eval_coref(path: &Path, options: &CoderOptions) -> anyhow::Result<()> {
    let s = code_eval::coref(path, &options.coder()?).with_context(|| format!("scoring {}", path.display()))?;
    if options.verbose {
        for listing in &s.listings {
            println!("{listing}");
        }
    }
    println!(
        "{}: {} documents, {} gold person mentions ({} in chains), {} predicted, {} matched",
        path.display(),
        s.documents,
        s.gold_mentions,
        s.gold_chain_mentions,
        s.predicted_mentions,
        s.matched
    );
    println!("{:<6} {:>7} {:>7} {:>7}", "", "P", "R", "F1");
    for (name, prf) in [("MUC", &s.muc), ("B3", &s.b_cubed)] {
        println!("{:<6} {:>7.3} {:>7.3} {:>7.3}", name, prf.precision(), prf.recall(), prf.f1());
    }
    println!("average F1 {:.3}", s.average_f1());
    Ok(())
}
