//! Trains, scores and times the dependency parser.
//!
//! ```text
//! cargo run --release -p dyad-lang --example train_parser -- train [--epochs 15] [--seed 1] [--jackknife K [--with-gold]] [--move-dropout P] [--monotonic] [--out models/parser.bin] [--draft FILE]
//! cargo run --release -p dyad-lang --example train_parser -- sum [--compare] --out models/parser.bin A.draft B.draft ...
//! cargo run --release -p dyad-lang --example train_parser -- eval [--model models/parser.bin]
//! cargo run --release -p dyad-lang --example train_parser -- bench [--model models/parser.bin] [--rounds 5]
//! ```
//! `sum` merges parsers trained with other seeds or jackknives into one and scores it on dev:
//! drafts (`train --draft FILE`: the weights before quantising, about 30 MB) are summed at
//! full precision and quantised once, as `dyad train` does; model files are summed as
//! they are. `--compare` also scores each draft and the sum of the quantised drafts.
//! `--jackknife K` trains the parser on tags from K taggers each trained on the other
//! folds (and scores dev epochs with the shipped tagger's tags); `--with-gold` adds a
//! second copy of the treebank with gold tags.
//! Paths are relative to the workspace root; data comes from ../shared/data.
//!
//! The shipped models/parser.bin is the sum of ten parsers, every other option default:
//! ```text
//! for k in 5 10; for s in 1 2 3 4 5:
//!     train --epochs 15 --seed $s --jackknife $k --with-gold --out /tmp/p$k-$s.bin --draft /tmp/p$k-$s.draft
//! sum --out models/parser.bin /tmp/p5-{1..5}.draft /tmp/p10-{1..5}.draft
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_lang::conllu::{self, Sentence};
use dyad_lang::parser::{Decoding, Draft, Parser, TrainOptions};
use dyad_lang::{tagger, Tag, Tagger};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let d = Decoding::default();
    let decoding = Decoding {
        width: flag("--width").map_or(Ok(d.width), |s| s.parse())?,
        temperature: flag("--temperature").map_or(Ok(d.temperature), |s| s.parse())?,
        threshold: flag("--threshold").map_or(Ok(d.threshold), |s| s.parse())?,
    };
    let data = root.join("../shared/data");
    match args.first().map(String::as_str) {
        Some("train") => {
            let epochs = flag("--epochs").map_or(Ok(15), |s| s.parse())?;
            let seed = flag("--seed").map_or(Ok(1), |s| s.parse())?;
            // `--jackknife 5,10`: one copy of the treebank per fold count, each with its own tag noise.
            let jackknife: Vec<usize> = match flag("--jackknife") {
                Some(list) => list.split(',').map(str::parse).collect::<Result<_, _>>()?,
                None => Vec::new(),
            };
            let out = flag("--out").map_or(root.join("models/parser.bin"), PathBuf::from);
            let defaults = TrainOptions::default();
            let options = TrainOptions {
                epochs,
                seed,
                move_bits: flag("--move-bits").map_or(Ok(defaults.move_bits), |s| s.parse())?,
                label_bits: flag("--label-bits").map_or(Ok(defaults.label_bits), |s| s.parse())?,
                explore_from: flag("--explore-from").map_or(Ok(defaults.explore_from), |s| s.parse())?,
                explore_rate: flag("--explore-rate").map_or(Ok(defaults.explore_rate), |s| s.parse())?,
                wide_moves: args.iter().any(|a| a == "--wide-moves"),
                move_dropout: flag("--move-dropout").map_or(Ok(defaults.move_dropout), |s| s.parse())?,
                mending: !args.iter().any(|a| a == "--monotonic"),
                ..defaults
            };
            let tagger = flag("--tagger").map_or(root.join("models/tagger.bin"), PathBuf::from);
            let with_gold = args.iter().any(|a| a == "--with-gold");
            let draft = flag("--draft").map(PathBuf::from);
            train(&data, options, jackknife, with_gold, &tagger, &out, draft.as_deref())
        }
        Some("bench") => {
            let model = flag("--model").map_or(root.join("models/parser.bin"), PathBuf::from);
            let parser = Parser::from_bytes(&std::fs::read(model)?)?.with_decoding(decoding);
            let rounds = flag("--rounds").map_or(Ok(5), |s| s.parse())?;
            bench(&parser, &read(&data, "ud-english-ewt/en_ewt-ud-test.conllu")?, rounds);
            Ok(())
        }
        Some("sum") => {
            let out = flag("--out").map_or(root.join("models/parser.bin"), PathBuf::from);
            let inputs = args.iter().skip(1).scan(false, |skip, a| {
                let this = !*skip && a != "--out" && !a.starts_with("--");
                *skip = a == "--out";
                Some(this.then(|| a.clone()))
            });
            let inputs: Vec<String> = inputs.flatten().collect();
            let dev = read(&data, "ud-english-ewt/en_ewt-ud-dev.conllu")?;
            let tagger = Tagger::from_bytes(&std::fs::read(root.join("models/tagger.bin"))?)?;
            let dev_tags = predicted_tags(&tagger, &dev);
            let score = |parser: &Parser| parser.evaluate(&dev, &dev_tags);
            // Drafts (from `train --draft`) are summed at full precision and quantised once;
            // `--compare` also scores each member and the sum of the quantised members.
            let bytes = inputs.iter().map(std::fs::read).collect::<Result<Vec<_>, _>>()?;
            let parser = if bytes.iter().all(|b| Draft::is_draft(b)) {
                let drafts = bytes.iter().map(|b| Draft::from_bytes(b)).collect::<Result<Vec<_>, _>>()?;
                let sum = Draft::sum(&drafts).ok_or("the parsers differ in labels or lexicon")?;
                if args.iter().any(|a| a == "--compare") {
                    let members: Vec<Parser> = drafts.iter().map(Draft::freeze).collect();
                    for (path, m) in inputs.iter().zip(&members) {
                        let s = score(m);
                        println!("member {path}: dev UAS {:.2} LAS {:.2}", s.uas, s.las);
                    }
                    let old = Parser::sum(&members).ok_or("unlike")?;
                    let s = score(&old);
                    println!("sum of the members quantised to i8 (before 2026-12-06): dev UAS {:.2} LAS {:.2}", s.uas, s.las);
                }
                sum.freeze()
            } else {
                let parsers = bytes.iter().map(|b| Parser::from_bytes(b)).collect::<Result<Vec<_>, _>>()?;
                Parser::sum(&parsers).ok_or("the parsers differ in labels or lexicon")?
            };
            std::fs::write(&out, parser.to_bytes())?;
            let s = score(&parser);
            println!("sum of {}: dev predicted tags UAS {:.2} LAS {:.2}", inputs.len(), s.uas, s.las);
            Ok(())
        }
        Some("eval") => {
            let model = flag("--model").map_or(root.join("models/parser.bin"), PathBuf::from);
            eval(&data, &model, &root.join("models/tagger.bin"), decoding)
        }
        _ => Err("usage: train_parser (train [--epochs N] [--seed S] [--jackknife K [--with-gold]] [--out FILE] | eval [--model FILE] | bench [--model FILE])".into()),
    }
}

fn read(data: &Path, file: &str) -> Result<Vec<Sentence>, Error> {
    Ok(conllu::read_path(&data.join(file))?)
}

fn gold_tags(sentences: &[Sentence]) -> Vec<Vec<Tag>> {
    sentences.iter().map(|s| s.words.iter().map(Tag::of_word).collect()).collect()
}

fn predicted_tags(tagger: &Tagger, sentences: &[Sentence]) -> Vec<Vec<Tag>> {
    let mut tags = Vec::new();
    sentences
        .iter()
        .map(|s| {
            tagger.tag(&s.forms(), &mut tags);
            tags.clone()
        })
        .collect()
}

/// Tags of each sentence from a tagger that never saw it: k taggers, each trained on the
/// other k-1 folds, so the parser learns from tags as noisy as it will meet.
fn jackknifed_tags(sentences: &[Sentence], k: usize) -> Vec<Vec<Tag>> {
    let mut tags = vec![Vec::new(); sentences.len()];
    for fold in 0..k {
        let rest: Vec<Sentence> =
            sentences.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, s)| s.clone()).collect();
        let options = tagger::TrainOptions { seed: 1, ..Default::default() };
        let tagger = Tagger::train(&rest, &options, &mut |line| eprintln!("  tagger fold {fold}: {line}"));
        for (i, s) in sentences.iter().enumerate().filter(|(i, _)| i % k == fold) {
            tagger.tag(&s.forms(), &mut tags[i]);
        }
        eprintln!("jackknife fold {}/{k} tagged", fold + 1);
    }
    tags
}

/// Jackknifed tags are kept in the temp directory, so that parser experiments do not
/// retrain the taggers; delete the file when the tagger changes.
fn cached_jackknife(sentences: &[Sentence], k: usize) -> Result<Vec<Vec<Tag>>, Error> {
    let cache = std::env::temp_dir().join(format!("dyad-parser-train.jackknife{k}"));
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    if let Ok(bytes) = std::fs::read(&cache) {
        if bytes.len() == 2 * words {
            let mut pairs = bytes.chunks_exact(2).map(|p| Tag { upos: p[0], xpos: p[1] });
            return Ok(sentences.iter().map(|s| pairs.by_ref().take(s.words.len()).collect()).collect());
        }
    }
    let tags = jackknifed_tags(sentences, k);
    let bytes: Vec<u8> = tags.iter().flatten().flat_map(|t| [t.upos, t.xpos]).collect();
    std::fs::write(&cache, bytes)?;
    Ok(tags)
}

fn train(
    data: &Path,
    options: TrainOptions,
    jackknife: Vec<usize>,
    with_gold: bool,
    tagger: &Path,
    out: &Path,
    draft_out: Option<&Path>,
) -> Result<(), Error> {
    let treebank = {
        let mut sentences = read(data, "ud-english-ewt/en_ewt-ud-train.conllu")?;
        sentences.extend(read(data, "gum-news/gum_news.part-a.conllu")?);
        sentences
    };
    let dev = read(data, "ud-english-ewt/en_ewt-ud-dev.conllu")?;
    let start = Instant::now();
    let folds: Vec<usize> = jackknife.into_iter().filter(|&k| k > 1).collect();
    let dev_tags = if folds.is_empty() {
        gold_tags(&dev)
    } else {
        predicted_tags(&Tagger::from_bytes(&std::fs::read(tagger)?)?, &dev)
    };
    // One copy of the treebank per jackknife, plus one with gold tags if asked (or if
    // there is no jackknife at all).
    let (mut sentences, mut tags) = (Vec::new(), Vec::new());
    if folds.is_empty() || with_gold {
        sentences.extend(treebank.iter().cloned());
        tags.extend(gold_tags(&treebank));
    }
    for &k in &folds {
        sentences.extend(treebank.iter().cloned());
        tags.extend(cached_jackknife(&treebank, k)?);
    }
    let options = TrainOptions { dev, dev_tags, ..options };
    let draft = Draft::train(&sentences, &tags, &options, &mut |line| eprintln!("{line}"));
    if let Some(path) = draft_out {
        std::fs::write(path, draft.to_bytes())?;
    }
    let bytes = draft.freeze().to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!(
        "trained in {:.1}s; wrote {} ({:.1} MB)",
        start.elapsed().as_secs_f64(),
        out.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

/// Scores and times the model with `decoding` and, for comparison, greedy.
fn eval(data: &Path, model: &Path, tagger_path: &Path, decoding: Decoding) -> Result<(), Error> {
    let bytes = std::fs::read(model)?;
    let start = Instant::now();
    let parser = Parser::from_bytes(&bytes)?.with_decoding(decoding);
    let greedy = Parser::from_bytes(&bytes)?.with_decoding(Decoding::GREEDY);
    println!("decoding {decoding:?}");
    println!("model {:.1} MB, loaded in {:.1} ms", bytes.len() as f64 / 1e6, start.elapsed().as_secs_f64() * 1e3);
    let tagger = std::fs::read(tagger_path).ok().and_then(|b| Tagger::from_bytes(&b).ok());
    for file in ["en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"] {
        let sentences = read(data, &format!("ud-english-ewt/{file}"))?;
        let gold = parser.evaluate(&sentences, &gold_tags(&sentences));
        println!("{file}: gold tags      UAS {:.2} LAS {:.2} ({} words)", gold.uas, gold.las, gold.words);
        if let Some(tagger) = &tagger {
            let tags = predicted_tags(tagger, &sentences);
            let predicted = parser.evaluate(&sentences, &tags);
            let g = greedy.evaluate(&sentences, &tags);
            println!("{file}: predicted tags, greedy UAS {:.2} LAS {:.2}", g.uas, g.las);
            if std::env::var_os("DYAD_PARSER_CONFUSIONS").is_some() {
                print_confusions(&gold_tags(&sentences), &tags);
                print_label_confusions(&parser, &sentences, &tags);
            }
            if std::env::var_os("DYAD_PARSER_MIXED_TAGS").is_some() {
                let gold = gold_tags(&sentences);
                let mix = |take_upos: bool| -> Vec<Vec<Tag>> {
                    tags.iter()
                        .zip(&gold)
                        .map(|(p, g)| {
                            p.iter()
                                .zip(g)
                                .map(|(p, g)| {
                                    if take_upos {
                                        Tag { upos: p.upos, xpos: g.xpos }
                                    } else {
                                        Tag { upos: g.upos, xpos: p.xpos }
                                    }
                                })
                                .collect()
                        })
                        .collect()
                };
                let a = parser.evaluate(&sentences, &mix(true));
                let b = parser.evaluate(&sentences, &mix(false));
                println!("{file}: predicted UPOS + gold XPOS: UAS {:.2} LAS {:.2}; gold UPOS + predicted XPOS: UAS {:.2} LAS {:.2}", a.uas, a.las, b.uas, b.las);
            }
            let accuracy = tagger.evaluate(&sentences);
            println!("{file}: tagger UPOS {:.2} XPOS {:.2}", accuracy.upos_percent(), accuracy.xpos_percent());
            println!("{file}: predicted tags UAS {:.2} LAS {:.2}", predicted.uas, predicted.las);
        }
    }
    let test = read(data, "ud-english-ewt/en_ewt-ud-test.conllu")?;
    bench(&parser, &test, 5);
    if let Some(tagger) = &tagger {
        bench_with_tagger(tagger, &[("greedy", &greedy), ("with the decoding above", &parser)], &test);
    }
    Ok(())
}

/// The commonest XPOS errors of the tagger (gold -> predicted).
fn print_confusions(gold: &[Vec<Tag>], predicted: &[Vec<Tag>]) {
    let mut counts = std::collections::BTreeMap::new();
    for (g, p) in gold.iter().flatten().zip(predicted.iter().flatten()) {
        if g.xpos != p.xpos {
            *counts.entry((g.xpos_name(), p.xpos_name())).or_insert(0usize) += 1;
        }
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let top: Vec<String> = counts.iter().take(15).map(|((g, p), n)| format!("{g}->{p} {n}")).collect();
    println!("  XPOS confusions: {}", top.join(", "));
}

/// The commonest label errors on arcs whose head is right (gold -> predicted, subtypes
/// dropped as in the CoNLL 2018 LAS).
fn print_label_confusions(parser: &Parser, sentences: &[Sentence], tags: &[Vec<Tag>]) {
    let universal = |l: &str| l.split(':').next().unwrap_or(l).to_string();
    let mut counts = std::collections::BTreeMap::new();
    let mut arcs = Vec::new();
    for (s, t) in sentences.iter().zip(tags) {
        parser.parse(&s.forms(), t, &mut arcs);
        for (w, a) in s.words.iter().zip(&arcs) {
            let (g, p) = (universal(&w.deprel), universal(parser.deprel_name(a.deprel)));
            if a.head as usize == w.head && g != p {
                *counts.entry((g, p)).or_insert(0usize) += 1;
            }
        }
    }
    let total: usize = counts.values().sum();
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let top: Vec<String> = counts.iter().take(30).map(|((g, p), n)| format!("{g}->{p} {n}")).collect();
    println!("  label errors on right heads ({total}): {}", top.join(", "));
}

const REPEAT: usize = 4;

/// Parser alone, one thread, gold tags, EWT test parsed repeatedly; best of several runs.
fn bench(parser: &Parser, sentences: &[Sentence], rounds: usize) {
    let forms: Vec<Vec<&str>> = sentences.iter().map(|s| s.forms()).collect();
    let tags = gold_tags(sentences);
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let mut arcs = Vec::new();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut checksum = 0u64;
    for _ in 0..rounds {
        let start = Instant::now();
        let cpu = thread_cpu_seconds();
        for _ in 0..REPEAT {
            for (words, tags) in forms.iter().zip(&tags) {
                parser.parse(words, tags, &mut arcs);
                checksum += arcs.iter().map(|a| a.head as u64).sum::<u64>();
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
    }
    let rate = (REPEAT * tokens) as f64 / best;
    let cpu_rate = (REPEAT * tokens) as f64 / best_cpu;
    println!("speed: {rate:.0} tokens/s wall, {cpu_rate:.0} tokens/s on-CPU ({:.2} us/token) over {tokens} tokens x4 [{checksum}]", 1e6 / cpu_rate);
}

/// Tagger and parser together, one thread, EWT test repeated; best of ten rounds, the
/// parsers taking turns round by round, so that a machine whose speed drifts (as shared
/// virtual machines do) treats them alike.
fn bench_with_tagger(tagger: &Tagger, parsers: &[(&str, &Parser)], sentences: &[Sentence]) {
    let forms: Vec<Vec<&str>> = sentences.iter().map(|s| s.forms()).collect();
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let (mut tags, mut arcs) = (Vec::new(), Vec::new());
    let mut best_cpu = vec![f64::MAX; parsers.len()];
    for _ in 0..10 {
        for ((_, parser), best) in parsers.iter().zip(&mut best_cpu) {
            let cpu = thread_cpu_seconds();
            for _ in 0..REPEAT {
                for words in &forms {
                    tagger.tag(words, &mut tags);
                    parser.parse(words, &tags, &mut arcs);
                }
            }
            *best = best.min(thread_cpu_seconds() - cpu);
        }
    }
    for ((name, _), best) in parsers.iter().zip(best_cpu) {
        let rate = (REPEAT * tokens) as f64 / best;
        println!("tagger + parser, {name}: {rate:.0} tokens/s on-CPU ({:.2} us/token)", 1e6 / rate);
    }
}

/// Time this thread spent on a CPU (Linux schedstat), so that other jobs on a shared
/// machine do not count against the parser; NaN elsewhere.
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()).map_or(f64::NAN, |ns| ns / 1e9)
}
