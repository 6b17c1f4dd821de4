//! Part-of-speech tagger: greedy left-to-right averaged perceptron over hashed features.
//!
//! The classes are the (UPOS, XPOS) pairs seen in training, so the two tags of a word
//! always agree. Frequent words that the training data shows to be unambiguous are tagged
//! from the lexicon without scoring; everything else sums one weight row per feature.

mod features;
mod lexicon;

use crate::perceptron::{self, Reader, SplitMix64, Trainer, Weights, Writer};
use crate::tags::{Tag, UPOS, XPOS};
use crate::{conllu, model::ModelError};
use features::{Scratch, MAX_FEATURES};
use lexicon::{Entry, Lexicon, Thresholds, NOT_FIXED};

thread_local! {
    /// Per-thread buffers, so tagging allocates nothing once warmed up.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

const MAGIC: &[u8; 8] = b"DYADTAG\0";
const VERSION: u32 = 1;
/// A (UPOS, XPOS) pair rarer than this in training folds into the commonest pair of its
/// UPOS: too few examples to learn, and each class costs time on every word.
const MIN_CLASS_COUNT: u32 = 10;

pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Scored after every epoch and logged, if not empty; never trained on.
    pub dev: Vec<conllu::Sentence>,
    /// log2 of the number of weight rows.
    pub table_bits: u32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions { epochs: 10, seed: 1, dev: Vec::new(), table_bits: 18 }
    }
}

/// Words and correctly tagged words of a scored treebank.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accuracy {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub both: usize,
}

impl Accuracy {
    pub fn upos_percent(&self) -> f64 {
        percent(self.upos, self.words)
    }
    pub fn xpos_percent(&self) -> f64 {
        percent(self.xpos, self.words)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tagger {
    classes: Vec<Tag>,
    lexicon: Lexicon,
    weights: Weights,
}

/// The boundary "tags" before the first word: ids past the real classes.
fn start_tag(classes: usize, back: usize) -> u64 {
    (classes + back) as u64
}

impl Tagger {
    pub fn train(sentences: &[conllu::Sentence], options: &TrainOptions, log: &mut dyn FnMut(&str)) -> Tagger {
        let classes = ClassMap::from_treebank(sentences);
        let counts = count_words(sentences, &classes);
        let lexicon = build_lexicon(&counts);
        let held_out = held_out_entries(sentences, &counts, &classes);
        let gold: Vec<Vec<u8>> = sentences.iter().map(|s| s.words.iter().map(|w| classes.class_of(Tag::of_word(w))).collect()).collect();
        log(&format!(
            "tagger: {} sentences, {} classes, {} lexicon words ({} fixed)",
            sentences.len(),
            classes.tags.len(),
            lexicon.len(),
            lexicon.fixed_count()
        ));
        let mut trainer = Trainer::new(options.table_bits, classes.tags.len());
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = SplitMix64(options.seed);
        let mut tagger = Tagger { classes: classes.tags.clone(), lexicon, weights: trainer.averaged() };
        for epoch in 1..=options.epochs.max(1) {
            rng.shuffle(&mut order);
            let mut right = 0;
            let mut total = 0;
            for &s in &order {
                let forms = sentences[s].words.iter().map(|w| w.form.as_str());
                right += train_sentence(&mut trainer, &tagger.lexicon, forms, &held_out[s], &gold[s]);
                total += gold[s].len();
            }
            tagger.weights = trainer.averaged();
            let mut line = format!("tagger epoch {epoch}: train {:.2}%", percent(right, total));
            if !options.dev.is_empty() {
                let dev = tagger.evaluate(&options.dev);
                line += &format!(", dev UPOS {:.2}% XPOS {:.2}%", dev.upos_percent(), dev.xpos_percent());
            }
            log(&line);
        }
        tagger
    }

    pub fn tag(&self, words: &[&str], out: &mut Vec<Tag>) {
        out.clear();
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            features::tokens(words.iter().copied(), &self.lexicon, &mut scratch);
            let n = self.classes.len();
            let (mut prev, mut prev2) = (start_tag(n, 0), start_tag(n, 1));
            for i in 0..words.len() {
                let class = self.predict(&mut scratch, i, prev, prev2);
                out.push(self.classes[class]);
                prev2 = prev;
                prev = class as u64;
            }
        });
    }

    fn predict(&self, scratch: &mut Scratch, i: usize, prev: u64, prev2: u64) -> usize {
        let fixed = scratch.tokens[i + features::PAD].fixed;
        if fixed != NOT_FIXED {
            return fixed as usize;
        }
        features::features(&scratch.tokens, i, prev, prev2, &mut scratch.features);
        self.weights.score(&scratch.features, &mut scratch.scores);
        self.weights.best(&scratch.scores)
    }

    /// Tags every sentence of a treebank (its own tokenisation) and counts agreement.
    pub fn evaluate(&self, sentences: &[conllu::Sentence]) -> Accuracy {
        let mut acc = Accuracy::default();
        let mut tags = Vec::new();
        for sentence in sentences {
            let forms = sentence.forms();
            self.tag(&forms, &mut tags);
            for (word, tag) in sentence.words.iter().zip(&tags) {
                let gold = Tag::of_word(word);
                acc.words += 1;
                acc.upos += (gold.upos == tag.upos) as usize;
                acc.xpos += (gold.xpos == tag.xpos) as usize;
                acc.both += (gold == *tag) as usize;
            }
        }
        acc
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        out.varint(self.classes.len() as u64);
        for tag in &self.classes {
            out.u8(tag.upos);
            out.u8(tag.xpos);
        }
        self.lexicon.write(&mut out);
        self.weights.write(&mut out);
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut input = Reader::open(bytes, "tagger", MAGIC, VERSION)?;
        let n = input.count(2)?;
        if n == 0 || n >= NOT_FIXED as usize {
            return Err(input.corrupt("class count"));
        }
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let tag = Tag { upos: input.u8()?, xpos: input.u8()? };
            if tag.upos as usize >= UPOS.len() || tag.xpos as usize >= XPOS.len() {
                return Err(input.corrupt("tag id"));
            }
            classes.push(tag);
        }
        let lexicon = Lexicon::read(&mut input, n)?;
        let weights = Weights::read(&mut input)?;
        if weights.classes() != n {
            return Err(input.corrupt("weight table width"));
        }
        input.finish()?;
        Ok(Tagger { classes, lexicon, weights })
    }

    /// The (UPOS, XPOS) pairs the tagger can predict.
    pub fn classes(&self) -> &[Tag] {
        &self.classes
    }
}

/// Trains on one sentence with the tagger's own previous predictions as context, as at
/// inference; returns the number of words it tagged right before updating.
fn train_sentence<'a>(
    trainer: &mut Trainer,
    lexicon: &Lexicon,
    forms: impl Iterator<Item = &'a str>,
    held_out: &[Option<Entry>],
    gold: &[u8],
) -> usize {
    let mut scratch = Scratch::default();
    features::tokens(forms, lexicon, &mut scratch);
    for (token, entry) in scratch.tokens[features::PAD..].iter_mut().zip(held_out) {
        features::set_entry(token, *entry);
    }
    let n = trainer.classes();
    let (mut prev, mut prev2) = (start_tag(n, 0), start_tag(n, 1));
    let mut scores = Vec::with_capacity(n);
    let mut right = 0;
    for (i, &gold) in gold.iter().enumerate() {
        let fixed = scratch.tokens[i + features::PAD].fixed;
        let guess = if fixed != NOT_FIXED {
            fixed as usize
        } else {
            features::features(&scratch.tokens, i, prev, prev2, &mut scratch.features);
            debug_assert!(scratch.features.len() <= MAX_FEATURES);
            trainer.score(&scratch.features, &mut scores);
            let guess = argmax(&scores);
            trainer.update(&scratch.features, gold as usize, guess);
            trainer.tick();
            guess
        };
        right += (guess == gold as usize) as usize;
        prev2 = prev;
        prev = guess as u64;
    }
    right
}

fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Which class each gold (UPOS, XPOS) pair trains as.
struct ClassMap {
    tags: Vec<Tag>,
    /// Indexed by `upos * XPOS.len() + xpos`.
    class: Vec<u8>,
}

impl ClassMap {
    fn from_treebank(sentences: &[conllu::Sentence]) -> ClassMap {
        let mut counts = vec![0u32; UPOS.len() * XPOS.len()];
        for word in sentences.iter().flat_map(|s| &s.words) {
            let tag = Tag::of_word(word);
            counts[tag.upos as usize * XPOS.len() + tag.xpos as usize] += 1;
        }
        let mut pairs: Vec<(u32, usize)> = counts.iter().enumerate().filter(|(_, &n)| n >= MIN_CLASS_COUNT).map(|(i, &n)| (n, i)).collect();
        if pairs.is_empty() {
            // A tiny treebank: keep every pair it has.
            pairs = counts.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (n, i)).collect();
        }
        if pairs.is_empty() {
            pairs.push((0, 0));
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        pairs.truncate(NOT_FIXED as usize - 1);
        let tags: Vec<Tag> = pairs.iter().map(|&(_, i)| Tag { upos: (i / XPOS.len()) as u8, xpos: (i % XPOS.len()) as u8 }).collect();
        let class = (0..counts.len()).map(|i| fold(&tags, (i / XPOS.len()) as u8, (i % XPOS.len()) as u8)).collect();
        ClassMap { tags, class }
    }

    fn class_of(&self, tag: Tag) -> u8 {
        self.class[tag.upos as usize * XPOS.len() + tag.xpos as usize]
    }
}

/// The class of a pair: itself if kept, else the commonest kept pair with its UPOS, else
/// the commonest with its XPOS, else the commonest class.
fn fold(tags: &[Tag], upos: u8, xpos: u8) -> u8 {
    let exact = tags.iter().position(|t| t.upos == upos && t.xpos == xpos);
    let same_upos = || tags.iter().position(|t| t.upos == upos);
    let same_xpos = || tags.iter().position(|t| t.xpos == xpos);
    exact.or_else(same_upos).or_else(same_xpos).unwrap_or(0) as u8
}

const THRESHOLDS: Thresholds = Thresholds { min_count: 3, min_share: 0.05, fixed_count: 20, fixed_share: 0.995 };

/// Occurrences per class of each normalised training word, keyed by its hash.
type WordCounts = std::collections::HashMap<u64, Vec<u32>>;

fn word_key(form: &str, lower: &mut String) -> u64 {
    features::normalise(form, lower);
    perceptron::hash_bytes(features::SEED_WORD, lower.as_bytes())
}

fn count_words(sentences: &[conllu::Sentence], classes: &ClassMap) -> WordCounts {
    let mut counts = WordCounts::new();
    let mut lower = String::new();
    for word in sentences.iter().flat_map(|s| &s.words) {
        let per_class = counts.entry(word_key(&word.form, &mut lower)).or_insert_with(|| vec![0; classes.tags.len()]);
        per_class[classes.class_of(Tag::of_word(word)) as usize] += 1;
    }
    counts
}

fn build_lexicon(counts: &WordCounts) -> Lexicon {
    // Sorted inside `build`, so the map's iteration order does not reach the model.
    Lexicon::build(counts.iter().map(|(k, v)| (*k, v.clone())).collect(), &THRESHOLDS)
}

/// Each training word's lexicon entry as if its own sentence were not in the training
/// data. Without this, every rare training word has an ambiguity class that contains its
/// gold tag, and the tagger learns to trust ambiguity classes more than it should on
/// new text.
fn held_out_entries(sentences: &[conllu::Sentence], counts: &WordCounts, classes: &ClassMap) -> Vec<Vec<Option<Entry>>> {
    let mut lower = String::new();
    sentences
        .iter()
        .map(|sentence| {
            let keys: Vec<u64> = sentence.words.iter().map(|w| word_key(&w.form, &mut lower)).collect();
            let gold: Vec<u8> = sentence.words.iter().map(|w| classes.class_of(Tag::of_word(w))).collect();
            keys.iter()
                .map(|key| {
                    let mut per_class = counts[key].clone();
                    for (k, &g) in keys.iter().zip(&gold) {
                        if k == key {
                            per_class[g as usize] -= 1;
                        }
                    }
                    lexicon::entry(&per_class, &THRESHOLDS)
                })
                .collect()
        })
        .collect()
}
