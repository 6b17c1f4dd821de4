//! Part-of-speech tagger: greedy left-to-right averaged perceptron over hashed features.
//!
//! The classes are the (UPOS, XPOS) pairs seen in training, so the two tags of a word
//! always agree. Frequent words that the training data shows to be unambiguous are tagged
//! from the lexicon without scoring; everything else sums one weight row per feature.
//!
//! Tried on 2026-12-07 for issue #2 (the parser loses about 2.3 UAS to XPOS errors) and not
//! kept; EWT dev, one model, seed 1 (seeds 2 and 3 score XPOS 94.51 and 94.54, so single-model
//! differences under about 0.1 are noise). Of the 1,358 dev XPOS errors, 315 are on words
//! unseen in training (20.3% wrong), 430 on words seen 1–19 times and 613 (3.2% wrong) on
//! words seen 20 times or more (RB/IN, VB/VBP, RB/RP, NNP/NN).
//! - A "soup" of main weights, as the parser's: five models trained alike but for the order
//!   of the sentences, summed at full precision and quantised once. Dev XPOS 94.66 (UPOS
//!   95.34), and the shipped parser then scores dev 85.58 / 82.23 and test 85.70 / 82.54
//!   (against 85.67 / 82.44): +0.03 / +0.10, far from the floor, for a 3.1 MB model and tag +
//!   parse about 4% slower (483,000 and 502,000 tokens per CPU-second against 514,000 and
//!   523,000), which the coder's own speed target cannot spare; it also tagged a straight
//!   opening quote as a closing one where one model does not. Ten members: 94.67 (parser
//!   85.55 / 82.19). Members each leaving out a tenth of the sentences: 94.73, parser dev
//!   85.60 / 82.25 but test 85.59 / 82.47. The jackknife taggers as soups too (full retrain):
//!   dev 85.29 / 81.99, test 85.60 / 82.42.
//! - Word clusters from 3.1 M tokens of unlabelled text (Reuters-21578 and the training
//!   treebanks' words): spherical k-means of the 22,840 words seen 3 times or more over their
//!   left and right neighbours among the 1,000 commonest words, into 64 and 512 clusters,
//!   plus how often each word is capitalised inside sentences (five buckets). Eight
//!   main-pass features: UPOS 95.30, XPOS 94.56; the two cluster ids alone 94.59; the capital
//!   bucket alone 94.58.
//! - The nearest tag to the left past adverbs (RB, RBR, RBS; up to three skipped), with the
//!   word's ambiguity class (`has recently [VBN]`, `to quickly [VB]`): XPOS 94.55 (seed 2:
//!   94.48); with that word and the suffix: 94.54; with the word itself: 94.47.
//! - A second main pass reading the first main pass's tags as its right context (instead of
//!   the draft's), at run time only: 94.58.

mod features;
mod lexicon;

use crate::model::{Reader, Writer};
use crate::perceptron::{self, SplitMix64, Trainer, Weights};
use crate::tags::{Tag, UPOS, XPOS};
use crate::{conllu, model::ModelError};
use features::{Scratch, MAX_FEATURES};
use lexicon::{Entry, Lexicon, Thresholds, NOT_FIXED};


thread_local! {
    /// Per-thread buffers, so tagging allocates nothing once warmed up.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

const MAGIC: &[u8; 8] = b"DYADTAG\0";
const VERSION: u32 = 3;
/// A (UPOS, XPOS) pair rarer than this in training folds into the commonest pair of its
/// UPOS: too few examples to learn, and each class costs time on every word.
const MIN_CLASS_COUNT: u32 = 10;

#[derive(Clone, Debug)]
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
        TrainOptions { epochs: 7, seed: 1, dev: Vec::new(), table_bits: 18 }
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

#[derive(Clone, Debug)]
pub struct Tagger {
    /// Unique per trained or loaded model: keys the per-thread token cache.
    id: u64,
    classes: Vec<Tag>,
    lexicon: Lexicon,
    /// A small first pass whose tags give the main pass its right context.
    draft: Weights,
    weights: Weights,
    /// Words the draft pass tags with at least this margin skip the main pass: a cascade
    /// that spends the main model's time on the words that need it.
    draft_margin: i32,
}

impl PartialEq for Tagger {
    fn eq(&self, other: &Tagger) -> bool {
        (&self.classes, &self.lexicon, &self.draft, &self.weights, self.draft_margin)
            == (&other.classes, &other.lexicon, &other.draft, &other.weights, other.draft_margin)
    }
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The draft model: few features, a small table, trained in folds so that the main pass
/// learns from draft tags as wrong as they will be on new text.
const DRAFT_BITS: u32 = 16;
/// Quantised weights smaller than this are dropped (see `Trainer::averaged_pruned`).
const PRUNE_BELOW: i16 = 1;
const DRAFT_EPOCHS: usize = 4;
const DRAFT_FOLDS: usize = 4;
/// See `Tagger::draft_margin`; chosen on EWT dev for speed at no accuracy cost.
const DRAFT_MARGIN: i32 = 2500;

#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Draft,
    Main,
}

/// One training sentence, prepared once.
struct Example<'a> {
    forms: Vec<&'a str>,
    gold: Vec<u8>,
    held_out: Vec<Option<Entry>>,
    draft: Vec<u8>,
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
        let mut examples: Vec<Example> = sentences
            .iter()
            .zip(held_out)
            .map(|(s, held_out)| Example {
                forms: s.forms(),
                gold: s.words.iter().map(|w| classes.class_of(Tag::of_word(w))).collect(),
                held_out,
                draft: Vec::new(),
            })
            .collect();
        log(&format!(
            "tagger: {} sentences, {} classes, {} lexicon words ({} fixed)",
            sentences.len(),
            classes.tags.len(),
            lexicon.len(),
            lexicon.fixed_count()
        ));
        let draft = train_drafts(&mut examples, &lexicon, classes.tags.len(), options.seed, log);
        let weights = Trainer::new(1, 1).averaged();
        let mut tagger = Tagger { id: next_id(), classes: classes.tags.clone(), lexicon, draft, weights, draft_margin: DRAFT_MARGIN };
        let all: Vec<usize> = (0..examples.len()).collect();
        let mut trainer = Trainer::new(options.table_bits, classes.tags.len());
        let mut rng = SplitMix64(options.seed);
        for epoch in 1..=options.epochs.max(1) {
            let right = train_epoch(&mut trainer, Pass::Main, &examples, &all, &tagger.lexicon, &mut rng);
            tagger.weights = trainer.averaged_pruned(PRUNE_BELOW);
            let mut line = format!("tagger epoch {epoch}: train {:.2}%", right);
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
            features::tokens(words.iter().copied(), &self.lexicon, &mut scratch, Some(self.id));
            let n = self.classes.len();
            greedy(&mut scratch, words.len(), n, |scratch, i, prev, _| {
                pass_features(Pass::Draft, scratch, i, prev, 0);
                self.draft.score(&scratch.features, &mut scratch.scores);
                let (best, margin) = self.draft.best_with_margin(&scratch.scores);
                if margin >= self.draft_margin {
                    // `greedy` has read this already for the draft pass; the main pass will see it.
                    scratch.tokens[i + features::PAD].fixed = best as u8;
                }
                best
            });
            greedy(&mut scratch, words.len(), n, |scratch, i, prev, prev2| predict(&self.weights, Pass::Main, scratch, i, prev, prev2));
            out.extend(scratch.classes.iter().map(|&c| self.classes[c as usize]));
        });
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
        self.draft.write(&mut out);
        self.weights.write(&mut out);
        out.u32(self.draft_margin as u32);
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
        let draft = Weights::read(&mut input)?;
        let weights = Weights::read(&mut input)?;
        if weights.classes() != n || draft.classes() != n {
            return Err(input.corrupt("weight table width"));
        }
        let draft_margin = input.u32()? as i32;
        input.finish()?;
        Ok(Tagger { id: next_id(), classes, lexicon, draft, weights, draft_margin })
    }

    /// Sets the draft margin above which words skip the main pass (`i32::MAX`: never).
    pub fn set_draft_margin(&mut self, margin: i32) {
        self.draft_margin = margin;
    }

    /// The (UPOS, XPOS) pairs the tagger can predict.
    pub fn classes(&self) -> &[Tag] {
        &self.classes
    }
}

/// Tags left to right, each word seeing the two tags chosen before it, into
/// `scratch.classes`. Each class also becomes its token's draft tag: the main pass only
/// reads the draft tags to the right of the word it tags, so overwriting is harmless.
fn greedy(scratch: &mut Scratch, words: usize, classes: usize, mut choose: impl FnMut(&mut Scratch, usize, u64, u64) -> usize) {
    let (mut prev, mut prev2) = (start_tag(classes, 0), start_tag(classes, 1));
    scratch.classes.clear();
    for i in 0..words {
        let fixed = scratch.tokens[i + features::PAD].fixed;
        let class = if fixed != NOT_FIXED { fixed as usize } else { choose(scratch, i, prev, prev2) };
        scratch.tokens[i + features::PAD].draft = class as u64;
        scratch.classes.push(class as u8);
        prev2 = prev;
        prev = class as u64;
    }
}

fn pass_features(pass: Pass, scratch: &mut Scratch, i: usize, prev: u64, prev2: u64) {
    match pass {
        Pass::Draft => features::draft_features(&scratch.tokens, i, prev, &mut scratch.features),
        Pass::Main => features::features(&scratch.tokens, i, prev, prev2, &mut scratch.features),
    }
    debug_assert!(scratch.features.len() <= MAX_FEATURES);
}

fn predict(weights: &Weights, pass: Pass, scratch: &mut Scratch, i: usize, prev: u64, prev2: u64) -> usize {
    pass_features(pass, scratch, i, prev, prev2);
    weights.score(&scratch.features, &mut scratch.scores);
    weights.best(&scratch.scores)
}

/// Tokens of a training sentence as the tagger would see them on new text: held-out
/// lexicon entries, and (for the main pass) the draft tags of the fold models.
fn training_tokens(example: &Example, lexicon: &Lexicon, scratch: &mut Scratch) {
    features::tokens(example.forms.iter().copied(), lexicon, scratch, None);
    for (token, entry) in scratch.tokens[features::PAD..].iter_mut().zip(&example.held_out) {
        features::set_entry(token, *entry);
    }
    for (token, &draft) in scratch.tokens[features::PAD..].iter_mut().zip(&example.draft) {
        token.draft = draft as u64;
    }
}

/// One shuffled epoch over `which` examples, with the model's own previous predictions as
/// context, as at inference; returns the percentage tagged right before updating.
fn train_epoch(trainer: &mut Trainer, pass: Pass, examples: &[Example], which: &[usize], lexicon: &Lexicon, rng: &mut SplitMix64) -> f64 {
    let mut order = which.to_vec();
    rng.shuffle(&mut order);
    let mut scratch = Scratch::default();
    let mut scores = Vec::new();
    let (mut right, mut total) = (0, 0);
    for &e in &order {
        let example = &examples[e];
        training_tokens(example, lexicon, &mut scratch);
        greedy(&mut scratch, example.gold.len(), trainer.classes(), |scratch, i, prev, prev2| {
            pass_features(pass, scratch, i, prev, prev2);
            trainer.score(&scratch.features, &mut scores);
            let guess = argmax(&scores);
            trainer.update(&scratch.features, example.gold[i] as usize, guess);
            trainer.tick();
            guess
        });
        right += scratch.classes.iter().zip(&example.gold).filter(|(g, t)| g == t).count();
        total += example.gold.len();
    }
    percent(right, total)
}

/// Trains draft models in folds to give every training sentence draft tags from a model
/// that never saw it, then the shipped draft model on everything.
fn train_drafts(examples: &mut [Example], lexicon: &Lexicon, classes: usize, seed: u64, log: &mut dyn FnMut(&str)) -> Weights {
    let train = |which: &[usize], examples: &[Example], seed: u64| {
        let mut trainer = Trainer::new(DRAFT_BITS, classes);
        let mut rng = SplitMix64(seed);
        for _ in 0..DRAFT_EPOCHS {
            train_epoch(&mut trainer, Pass::Draft, examples, which, lexicon, &mut rng);
        }
        trainer.averaged_pruned(PRUNE_BELOW)
    };
    let mut scratch = Scratch::default();
    let (mut right, mut total) = (0, 0);
    for fold in 0..DRAFT_FOLDS {
        let rest: Vec<usize> = (0..examples.len()).filter(|i| i % DRAFT_FOLDS != fold).collect();
        let weights = train(&rest, examples, seed ^ (fold as u64 + 1) << 32);
        for example in examples.iter_mut().skip(fold).step_by(DRAFT_FOLDS) {
            example.draft.clear();
            training_tokens(example, lexicon, &mut scratch);
            let n = example.gold.len();
            greedy(&mut scratch, n, classes, |scratch, i, prev, _| predict(&weights, Pass::Draft, scratch, i, prev, 0));
            right += scratch.classes.iter().zip(&example.gold).filter(|(a, b)| a == b).count();
            total += n;
            example.draft = scratch.classes.clone();
        }
    }
    log(&format!("tagger draft pass: {:.2}% on held-out folds", percent(right, total)));
    let all: Vec<usize> = (0..examples.len()).collect();
    train(&all, examples, seed)
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
