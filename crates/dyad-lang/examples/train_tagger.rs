//! Trains the shipped tagger and lemmatizer from UD English EWT + GUM news, scores them on
//! EWT dev and test, measures speed and load time, and writes `models/tagger.bin` and
//! `models/lemmas.bin`.
//!
//! cargo run --release -p dyad-lang --example train_tagger [-- DATA_DIR [MODELS_DIR]]
//! Environment: EPOCHS, SEED, TABLE_BITS, NO_WRITE=1 (experiments without touching models/),
//! SPEED_ONLY=model (load a tagger, score dev, measure speed).

use dyad_lang::conllu::{self, Sentence};
use dyad_lang::tagger::{TrainOptions, Tagger};
use dyad_lang::{Lemmatizer, Tag};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = PathBuf::from(args.get(1).map(String::as_str).unwrap_or("/work/shared/data"));
    let models = PathBuf::from(args.get(2).map(String::as_str).unwrap_or("models"));
    let ewt = data.join("ud-english-ewt");
    let mut train = read(&ewt.join("en_ewt-ud-train.conllu"))?;
    train.extend(read(&data.join("gum-news/gum_news.part-a.conllu"))?);
    let dev = read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let test = read(&ewt.join("en_ewt-ud-test.conllu"))?;
    if let Ok(path) = std::env::var("SPEED_ONLY") {
        let started = Instant::now();
        let mut tagger = Tagger::from_bytes(&std::fs::read(path)?)?;
        println!("load {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
        if let Ok(margins) = std::env::var("MARGINS") {
            for margin in margins.split(',').filter_map(|m| m.parse().ok()) {
                tagger.set_draft_margin(margin);
                let acc = tagger.evaluate(&dev);
                let test_acc = tagger.evaluate(&test);
                print!("margin {margin}: dev UPOS {:.2}% XPOS {:.2}%, test UPOS {:.2}%; ", acc.upos_percent(), acc.xpos_percent(), test_acc.upos_percent());
                speed(&tagger, &dev, &test);
            }
            return Ok(());
        }
        let acc = tagger.evaluate(&dev);
        println!("EWT dev: UPOS {:.2}%, XPOS {:.2}%", acc.upos_percent(), acc.xpos_percent());
        if std::env::var("ERRORS").is_ok() {
            confusions(&tagger, &dev);
        }
        speed(&tagger, &dev, &test);
        return Ok(());
    }

    let options = TrainOptions {
        epochs: env_or("EPOCHS", 7),
        seed: env_or("SEED", 1),
        dev: dev.clone(),
        table_bits: env_or("TABLE_BITS", 18),
    };
    let started = Instant::now();
    let tagger = Tagger::train(&train, &options, &mut |line| eprintln!("{line}"));
    println!("tagger training: {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    let lemmatizer = Lemmatizer::train(&train);
    println!("lemmatizer training: {:.2} s", started.elapsed().as_secs_f64());

    for (name, set) in [("dev", &dev), ("test", &test)] {
        let acc = tagger.evaluate(set);
        println!("EWT {name}: {} words, UPOS {:.2}%, XPOS {:.2}%", acc.words, acc.upos_percent(), acc.xpos_percent());
        let (gold, predicted) = lemma_accuracy(&lemmatizer, &tagger, set);
        println!("EWT {name}: lemma {gold:.2}% with gold tags, {predicted:.2}% with predicted tags");
    }

    let tagger_bytes = tagger.to_bytes();
    let lemma_bytes = lemmatizer.to_bytes();
    let started = Instant::now();
    let loaded = Tagger::from_bytes(&tagger_bytes)?;
    let tagger_load = started.elapsed();
    let started = Instant::now();
    let _ = Lemmatizer::from_bytes(&lemma_bytes)?;
    let lemma_load = started.elapsed();
    assert!(loaded == tagger, "tagger changed in a save/load round trip");
    println!(
        "sizes: tagger {:.2} MB (load {:.1} ms), lemmas {:.2} MB (load {:.1} ms)",
        mb(tagger_bytes.len()),
        tagger_load.as_secs_f64() * 1e3,
        mb(lemma_bytes.len()),
        lemma_load.as_secs_f64() * 1e3
    );
    speed(&loaded, &dev, &test);
    if std::env::var("NO_WRITE").is_err() {
        std::fs::create_dir_all(&models)?;
        std::fs::write(models.join("tagger.bin"), &tagger_bytes)?;
        std::fs::write(models.join("lemmas.bin"), &lemma_bytes)?;
        println!("wrote {}", models.display());
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<Sentence>, Box<dyn std::error::Error>> {
    conllu::read_path(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Lemma accuracy (percent) with gold tags and with the tagger's tags.
fn lemma_accuracy(lemmatizer: &Lemmatizer, tagger: &Tagger, set: &[Sentence]) -> (f64, f64) {
    let (mut words, mut gold_right, mut predicted_right) = (0, 0, 0);
    let mut tags = Vec::new();
    for sentence in set {
        tagger.tag(&sentence.forms(), &mut tags);
        for (word, &tag) in sentence.words.iter().zip(&tags) {
            words += 1;
            gold_right += (lemmatizer.lemma(&word.form, Tag::of_word(word)) == word.lemma) as usize;
            predicted_right += (lemmatizer.lemma(&word.form, tag) == word.lemma) as usize;
        }
    }
    (100.0 * gold_right as f64 / words as f64, 100.0 * predicted_right as f64 / words as f64)
}

/// Single-threaded tagging throughput over dev+test for about three seconds: per CPU
/// second of this process (from /proc, so time-sharing with other jobs does not count) and
/// per wall-clock second of the best round.
fn speed(tagger: &Tagger, dev: &[Sentence], test: &[Sentence]) {
    let sentences: Vec<Vec<&str>> = dev.iter().chain(test).map(|s| s.forms()).collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut tags = Vec::new();
    let mut checksum = 0usize;
    let mut rounds = Vec::new();
    let cpu_start = cpu_seconds();
    let started = Instant::now();
    let fixed_rounds: usize = env_or("ROUNDS", 0);
    while if fixed_rounds > 0 { rounds.len() < fixed_rounds } else { started.elapsed().as_secs_f64() < 3.0 } {
        let round = Instant::now();
        for words in &sentences {
            tagger.tag(words, &mut tags);
            checksum += tags.last().map_or(0, |t| t.upos as usize);
        }
        rounds.push(round.elapsed().as_secs_f64());
    }
    let cpu = cpu_seconds() - cpu_start;
    rounds.sort_by(f64::total_cmp);
    println!(
        "speed: {:.0} tokens per CPU second; {:.0} tokens/s wall clock, best of {} rounds of {tokens} tokens (checksum {checksum})",
        (tokens * rounds.len()) as f64 / cpu,
        tokens as f64 / rounds[0],
        rounds.len(),
    );
}

/// User + system CPU time of this process, from /proc/self/stat (Linux; 100 ticks/s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// The commonest UPOS errors on `set`, with example words.
fn confusions(tagger: &Tagger, set: &[Sentence]) {
    let mut counts: std::collections::BTreeMap<(String, String), (usize, Vec<String>)> = Default::default();
    let mut tags = Vec::new();
    for sentence in set {
        tagger.tag(&sentence.forms(), &mut tags);
        for (word, tag) in sentence.words.iter().zip(&tags) {
            let gold = Tag::of_word(word);
            if gold.upos != tag.upos {
                let e = counts.entry((gold.upos_name().into(), tag.upos_name().into())).or_default();
                e.0 += 1;
                if e.1.len() < 12 {
                    e.1.push(word.form.clone());
                }
            }
        }
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by_key(|item| std::cmp::Reverse(item.1 .0));
    for ((gold, guess), (n, examples)) in list.iter().take(20) {
        println!("{n:5} {gold} -> {guess}: {}", examples.join(" "));
    }
}
