//! `dyad parse`: articles in, CoNLL-U out, each word with its byte span in the article.

use crate::output::Output;
use anyhow::Context;
use dyad_lang::conllu::{self, Word};
use dyad_lang::{Analysis, Models};
use dyad_text::read::{read_inputs, InputFormat, ReadOptions};
use dyad_text::segment::segment;
use dyad_text::Document;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ParseArgs {
    /// Files, directories (read recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// `auto` picks JSON Lines for .jsonl/.ndjson/.json (also gzipped), plain text otherwise.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: Format,
    #[command(flatten)]
    read: ReadArgs,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Worker threads; 0 means one per core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Directory with tagger.bin, lemmas.bin and parser.bin instead of the bundled models.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Parse one move at a time instead of by beam search: faster, less accurate.
    #[arg(long)]
    greedy: bool,
}

/// Reader options shared by the commands that read articles.
#[derive(clap::Args)]
pub struct ReadArgs {
    /// Publication date (YYYY-MM-DD) for articles that carry none.
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
    /// Articles longer than this many bytes are reported and skipped.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_bytes: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Auto,
    Text,
    Jsonl,
    /// Keep the file's sentences and words; predict tags, lemmas and trees.
    Conllu,
}

/// Articles are coded in batches: large enough to keep every core busy, small enough
/// that memory stays bounded on a corpus of any size.
const BATCH: usize = 256;

pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let models = crate::load_models_for_parsing(args.models.as_deref(), args.greedy)?;
    let mut output = Output::create(args.output.as_deref())?;
    let format = match args.input_format {
        Format::Conllu => return parse_conllu(&args, &models, output),
        Format::Auto => InputFormat::Auto,
        Format::Text => InputFormat::Text,
        Format::Jsonl => InputFormat::Jsonl,
    };
    let options = ReadOptions { date: args.read.date, max_bytes: args.read.max_bytes, format };
    let mut failures = 0usize;
    let mut documents = 0usize;
    let mut batch = Vec::with_capacity(BATCH);
    let mut inputs = read_inputs(&args.inputs, &options).peekable();
    let pool = crate::thread_pool(args.threads)?;
    while inputs.peek().is_some() {
        batch.clear();
        for item in inputs.by_ref().take(BATCH) {
            match item {
                Ok(document) => batch.push(document),
                Err(error) => {
                    failures += 1;
                    eprintln!("error: {error}");
                }
            }
        }
        let texts: Vec<String> = pool.install(|| batch.par_iter().map(|d| document_conllu(d, &models)).collect());
        documents += texts.len();
        for text in texts {
            output.write_all(text.as_bytes())?;
        }
    }
    output.finish()?;
    report(documents, failures)
}

/// Says what was done and whether anything failed; failures make the exit status 1.
pub fn report(documents: usize, failures: usize) -> anyhow::Result<ExitCode> {
    if failures == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("{documents} articles done, {failures} inputs failed (reported above)");
    Ok(ExitCode::FAILURE)
}

/// The CoNLL-U of one article: `# newdoc`, `# newpar`, `# sent_id`, `# text`, and each
/// word's `Start`/`End` byte offsets into the article text in MISC.
pub fn document_conllu(document: &Document, models: &Models) -> String {
    let text = &document.text;
    let segmentation = segment(text);
    let mut out = String::with_capacity(text.len() * 8);
    let mut analysis = Analysis::default();
    let mut comments = vec![format!("newdoc id = {}", one_line(&document.id))];
    if let Some(date) = document.date {
        comments.push(format!("date = {date}"));
    }
    let mut paragraph = usize::MAX;
    for (index, sentence) in segmentation.sentences.iter().enumerate() {
        if sentence.paragraph != paragraph {
            paragraph = sentence.paragraph;
            comments.push("newpar".into());
        }
        comments.push(format!("sent_id = {}-{}", one_line(&document.id), index + 1));
        comments.push(format!("text = {}", one_line(sentence.span.of(text))));
        let spans = &segmentation.tokens[sentence.tokens.clone()];
        let words: Vec<&str> = spans.iter().map(|s| s.of(text)).collect();
        models.analyse(&words, &mut analysis);
        let mut tree = analysed_sentence(models, &words, &analysis);
        for (i, (word, span)) in tree.words.iter_mut().zip(spans).enumerate() {
            let joined = spans.get(i + 1).is_some_and(|next| next.start == span.end);
            word.misc = format!("Start={}|End={}{}", span.start, span.end, if joined { "|SpaceAfter=No" } else { "" });
        }
        conllu::write_sentence(&mut out, &comments, &tree);
        comments.clear();
    }
    out
}

/// The predicted annotation of `words` as a CoNLL-U sentence (MISC left empty).
fn analysed_sentence(models: &Models, words: &[&str], analysis: &Analysis) -> conllu::Sentence {
    let words = words
        .iter()
        .enumerate()
        .map(|(i, form)| Word {
            form: form.to_string(),
            lemma: analysis.lemmas[i].clone(),
            upos: analysis.tags[i].upos_name().to_string(),
            xpos: analysis.tags[i].xpos_name().to_string(),
            feats: String::new(),
            head: analysis.arcs[i].head as usize,
            deprel: models.parser.deprel_name(analysis.arcs[i].deprel).to_string(),
            misc: String::new(),
        })
        .collect();
    conllu::Sentence { words, ..Default::default() }
}

/// Comments are single lines: newlines and tabs inside become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn parse_conllu(args: &ParseArgs, models: &Models, mut output: Output) -> anyhow::Result<ExitCode> {
    let mut written = String::new();
    for path in &args.inputs {
        let gold = conllu::read_path(path.as_ref()).with_context(|| format!("reading {path}"))?;
        let predicted = crate::with_threads(args.threads, || predict_treebank(models, &gold))?;
        for (g, p) in gold.iter().zip(&predicted) {
            written.clear();
            conllu::write_sentence(&mut written, &treebank_comments(g), p);
            output.write_all(written.as_bytes())?;
        }
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Predicts everything but the words of each gold sentence, in parallel.
pub fn predict_treebank(models: &Models, gold: &[conllu::Sentence]) -> Vec<conllu::Sentence> {
    gold.par_iter()
        .map_init(Analysis::default, |analysis, sentence| {
            let words = sentence.forms();
            models.analyse(&words, analysis);
            let mut predicted = analysed_sentence(models, &words, analysis);
            for (p, g) in predicted.words.iter_mut().zip(&sentence.words) {
                p.misc = g.misc.clone();
            }
            predicted.multiword = sentence.multiword.clone();
            predicted
        })
        .collect()
}

fn treebank_comments(sentence: &conllu::Sentence) -> Vec<String> {
    let mut comments = Vec::new();
    if sentence.newpar {
        comments.push("newpar".to_string());
    }
    if let Some(id) = &sentence.sent_id {
        comments.push(format!("sent_id = {id}"));
    }
    if let Some(text) = &sentence.text {
        comments.push(format!("text = {text}"));
    }
    comments
}
