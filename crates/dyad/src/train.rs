//! `dyad train`: rebuilds the shipped models from the UD treebanks, deterministically.

use anyhow::Context;
use dyad_lang::conllu::{self, Sentence};
use dyad_lang::eval::score_parses;
use dyad_lang::pipeline::{LEMMAS_FILE, PARSER_FILE, TAGGER_FILE};
use dyad_lang::{parser, tagger, Lemmatizer, Models, Parser, Tag, Tagger};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct TrainArgs {
    /// The UD English EWT folder (train, dev and test .conllu).
    #[arg(long, default_value = "../shared/data/ud-english-ewt")]
    ewt: PathBuf,
    /// Extra training trees from the news domain.
    #[arg(long, default_value = "../shared/data/gum-news/gum_news.part-a.conllu")]
    gum: PathBuf,
    /// Where the model files go.
    #[arg(long, default_value = "models")]
    out: PathBuf,
    #[arg(long, default_value_t = tagger::TrainOptions::default().epochs)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = parser::TrainOptions::default().epochs)]
    parser_epochs: usize,
    /// Train the parser on tags predicted by taggers trained on the other K-1 folds,
    /// so it learns from tags as noisy as at run time; 1 uses gold tags.
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| conllu::read_path(path).with_context(|| format!("reading {}", path.display()));
    let mut train = read(&args.ewt.join("en_ewt-ud-train.conllu"))?;
    train.extend(read(&args.gum)?);
    let dev = read(&args.ewt.join("en_ewt-ud-dev.conllu"))?;
    let test = read(&args.ewt.join("en_ewt-ud-test.conllu"))?;
    let mut log = |line: &str| eprintln!("{line}");
    eprintln!("training on {} sentences", train.len());

    let started = Instant::now();
    let tagger_options = tagger::TrainOptions { epochs: args.tagger_epochs, seed: args.seed, ..Default::default() };
    // Dev is only scored and logged each epoch, never trained on.
    let logged_options = tagger::TrainOptions { dev: dev.clone(), ..tagger_options.clone() };
    let tagger = Tagger::train(&train, &logged_options, &mut log);
    let lemmatizer = Lemmatizer::train(&train);
    eprintln!("tagger and lemmatizer trained in {:.0} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let tags = parser_training_tags(&train, &tagger_options, args.jackknife, &mut log);
    // The parser keeps the epoch that scores best on dev, parsed with predicted tags.
    let dev_tags = dev.iter().map(|s| tag_words(&tagger, s)).collect();
    let parser_options =
        parser::TrainOptions { epochs: args.parser_epochs, seed: args.seed, dev: dev.clone(), dev_tags, ..Default::default() };
    let parser = Parser::train(&train, &tags, &parser_options, &mut log);
    eprintln!("parser trained in {:.0} s", started.elapsed().as_secs_f64());

    std::fs::create_dir_all(&args.out)?;
    let write = |name: &str, bytes: Vec<u8>| {
        let path = args.out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    };
    write(TAGGER_FILE, tagger.to_bytes())?;
    write(LEMMAS_FILE, lemmatizer.to_bytes())?;
    write(PARSER_FILE, parser.to_bytes())?;

    let models = Models::load_dir(&args.out)?;
    for (name, gold) in [("dev", &dev), ("test", &test)] {
        let s = score_parses(gold, &crate::parse::predict_treebank(&models, gold))?;
        println!(
            "EWT {name}: UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}",
            100.0 * s.upos, 100.0 * s.xpos, 100.0 * s.lemma, 100.0 * s.uas, 100.0 * s.las
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Tags for the parser's training sentences: gold when `folds` < 2, else each fold
/// tagged by a tagger that never saw it.
fn parser_training_tags(
    train: &[Sentence],
    options: &tagger::TrainOptions,
    folds: usize,
    log: &mut dyn FnMut(&str),
) -> Vec<Vec<Tag>> {
    if folds < 2 {
        return train.iter().map(|s| s.words.iter().map(Tag::of_word).collect()).collect();
    }
    let mut tags = vec![Vec::new(); train.len()];
    for fold in 0..folds {
        let rest: Vec<Sentence> = train.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, s)| s.clone()).collect();
        log(&format!("jackknife fold {} of {folds}", fold + 1));
        let fold_tagger = Tagger::train(&rest, options, &mut *log);
        for (i, sentence) in train.iter().enumerate().filter(|(i, _)| i % folds == fold) {
            tags[i] = tag_words(&fold_tagger, sentence);
        }
    }
    tags
}

fn tag_words(tagger: &Tagger, sentence: &Sentence) -> Vec<Tag> {
    let mut tags = Vec::new();
    tagger.tag(&sentence.forms(), &mut tags);
    tags
}
