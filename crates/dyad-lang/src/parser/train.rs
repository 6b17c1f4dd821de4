//! Training: dynamic-oracle perceptron updates over shuffled sentences.

use std::collections::BTreeMap;

use super::features::{self, Token};
use super::lexicon::Lexicon;
use super::state::{State, MOVES, NONE};
use super::weights::{row_of, Averaged, Precision};
use super::{argmax_valid, best_non_root, finish, fixed_label, TrainOptions};
use super::{Decoding, Draft};
use crate::{conllu, tags::Tag};

/// xorshift64*: tiny, seeded, and the same on every platform, so training is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) < p * (1u64 << 53) as f64
    }
}

struct Trainer {
    lexicon: Lexicon,
    moves: Averaged,
    arcs: Averaged,
    root: u16,
    punct: Option<u16>,
    label_ids: BTreeMap<String, u16>,
    rng: Rng,
    state: State,
    tokens: Vec<Token>,
    keys: Vec<u64>,
    rows: Vec<u32>,
    scores: Vec<i64>,
    gold: Vec<u32>,
    gold_label: Vec<u16>,
    kids: Vec<Vec<u32>>,
}

pub fn train(
    sentences: &[conllu::Sentence],
    tags: &[Vec<Tag>],
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Draft {
    let labels = collect_labels(sentences);
    let label_ids: BTreeMap<String, u16> = labels.iter().enumerate().map(|(i, l)| (l.clone(), i as u16)).collect();
    let root = label_ids["root"];
    let gold_xpos =
        sentences.iter().flat_map(|s| s.words.iter()).map(|w| (features::word_key(&w.form), Tag::of_word(w).xpos));
    let mut trainer = Trainer {
        lexicon: Lexicon::build(gold_xpos),
        moves: Averaged::new(options.move_bits.clamp(8, 24), MOVES),
        arcs: Averaged::new(options.label_bits.clamp(8, 24), labels.len()),
        root,
        punct: label_ids.get("punct").copied(),
        label_ids,
        rng: Rng(options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
        state: State::default(),
        tokens: Vec::new(),
        keys: Vec::new(),
        rows: Vec::new(),
        scores: Vec::new(),
        gold: Vec::new(),
        gold_label: Vec::new(),
        kids: Vec::new(),
    };
    let move_precision = if options.wide_moves { Precision::I16 } else { Precision::I8 };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    // The parser as trained so far, its weights averaged but not quantised.
    let snapshot = |trainer: &Trainer| Draft {
        labels: labels.clone(),
        root,
        mending: options.mending,
        lexicon: trainer.lexicon.clone(),
        moves: trainer.moves.exact(),
        arcs: trainer.arcs.exact(),
        move_precision,
    };
    let mut best: Option<(f64, Draft)> = None;
    for epoch in 0..options.epochs.max(1) {
        for i in (1..order.len()).rev() {
            let j = trainer.rng.below(i + 1);
            order.swap(i, j);
        }
        let explore = epoch >= options.explore_from;
        let start = std::time::Instant::now();
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &order {
            let gold_tags: Vec<Tag>;
            let sentence_tags = match tags.get(i) {
                Some(t) => t.as_slice(),
                None => {
                    gold_tags = sentences[i].words.iter().map(Tag::of_word).collect();
                    &gold_tags
                }
            };
            let (r, t) = trainer.sentence(&sentences[i], sentence_tags, explore, options);
            right += r;
            total += t;
        }
        let draft = snapshot(&trainer);
        let mut line = format!(
            "epoch {:2}: train moves {:.2}% ({:.1}s)",
            epoch + 1,
            100.0 * right as f64 / total.max(1) as f64,
            start.elapsed().as_secs_f64()
        );
        if options.dev.is_empty() {
            best = Some((0.0, draft));
        } else {
            // Greedy, as the shipped parsers were picked before beam search (2026-12-07).
            let score = draft.freeze().with_decoding(Decoding::GREEDY).evaluate(&options.dev, &options.dev_tags);
            line += &format!("  dev UAS {:.2} LAS {:.2}", score.uas, score.las);
            if best.as_ref().is_none_or(|(las, _)| score.las > *las) {
                best = Some((score.las, draft));
            }
        }
        log(&line);
    }
    // At least one epoch runs, so `best` is set; the fallback only keeps this total.
    best.map(|(_, d)| d).unwrap_or_else(|| snapshot(&trainer))
}

/// Sorted so that label ids, and so the model bytes, do not depend on sentence order.
fn collect_labels(sentences: &[conllu::Sentence]) -> Vec<String> {
    let mut set: std::collections::BTreeSet<String> =
        sentences.iter().flat_map(|s| s.words.iter().map(|w| w.deprel.clone())).collect();
    set.insert("root".into());
    set.insert("dep".into());
    set.into_iter().filter(|l| !l.is_empty() && l != "_").take(250).collect()
}

impl Trainer {
    /// Learns from one sentence; returns (moves the model got right, moves scored).
    fn sentence(
        &mut self,
        sentence: &conllu::Sentence,
        tags: &[Tag],
        explore: bool,
        options: &TrainOptions,
    ) -> (usize, usize) {
        let n = sentence.words.len();
        if n == 0 {
            return (0, 0);
        }
        let forms = sentence.forms();
        features::prepare(&forms, tags, &self.lexicon, &mut self.tokens);
        self.set_gold(sentence);
        self.state.reset(n, options.mending);
        let (mut right, mut total) = (0, 0);
        loop {
            let valid = self.state.valid();
            if valid == 0 {
                break;
            }
            let cost = self.state.costs(&self.gold, &self.kids, valid);
            let min = *cost.iter().min().unwrap_or(&0);
            let mv = if valid.count_ones() == 1 {
                valid.trailing_zeros() as usize
            } else {
                let (pred, oracle) = self.learn_move(valid, &cost, min, options.move_dropout);
                total += 1;
                right += (cost[pred] == min) as usize;
                if cost[pred] == min || (explore && self.rng.chance(options.explore_rate)) {
                    pred
                } else {
                    oracle
                }
            };
            let label = self.learn_label(mv);
            self.state.apply(mv, label);
        }
        let (root, punct) = (self.root, self.punct);
        let (arcs, state, tokens) = (&self.arcs, &mut self.state, &self.tokens);
        let (keys, rows, scores) = (&mut self.keys, &mut self.rows, &mut self.scores);
        finish(state, tokens, root, |state, mv, head, dep| {
            if let Some(label) = fixed_label(tokens, head, dep, root, punct) {
                return label;
            }
            features::label(state, tokens, mv, head, dep, keys);
            rows.clear();
            rows.extend(keys.iter().map(|&k| row_of(k, arcs.bits)));
            scores.resize(arcs.classes, 0);
            arcs.score(rows, scores);
            best_non_root(scores, root)
        });
        (right, total)
    }

    fn set_gold(&mut self, sentence: &conllu::Sentence) {
        let n = sentence.words.len();
        self.gold.clear();
        self.gold.push(NONE);
        self.gold_label.clear();
        self.gold_label.push(0);
        self.kids.resize_with(n + 1, Vec::new);
        self.kids.iter_mut().for_each(Vec::clear);
        let dep = self.label_ids.get("dep").copied().unwrap_or(0);
        for (i, word) in sentence.words.iter().enumerate() {
            let head = if word.head <= n && word.head != i + 1 { word.head } else { 0 };
            self.gold.push(head as u32);
            self.gold_label.push(self.label_ids.get(&word.deprel).copied().unwrap_or(dep));
            self.kids[head].push(i as u32 + 1);
        }
    }

    /// Scores the moves, updates toward the best-scoring cheapest move when the model's
    /// choice is not cheapest; returns (the model's choice, that oracle move).
    fn learn_move(&mut self, valid: u8, cost: &[u32; MOVES], min: u32, dropout: f64) -> (usize, usize) {
        features::moves(&self.state, &self.tokens, &mut self.keys);
        let bits = self.moves.bits;
        self.rows.clear();
        self.rows.extend(self.keys.iter().map(|&k| row_of(k, bits)));
        if dropout > 0.0 {
            let rng = &mut self.rng;
            self.rows.retain(|_| !rng.chance(dropout));
        }
        self.scores.resize(MOVES, 0);
        self.moves.score(&self.rows, &mut self.scores[..MOVES]);
        let pred = argmax_valid(&self.scores[..MOVES], valid);
        let cheapest = (0..MOVES).filter(|&m| cost[m] == min).fold(0u8, |mask, m| mask | 1 << m);
        let oracle = argmax_valid(&self.scores[..MOVES], cheapest);
        self.moves.clock += 1;
        if cost[pred] != min {
            self.moves.update(&self.rows, oracle, 1);
            self.moves.update(&self.rows, pred, -1);
        }
        (pred, oracle)
    }

    /// Labels the arc `mv` makes (0 if none); learns from it when its head is right.
    fn learn_label(&mut self, mv: usize) -> u16 {
        let Some((head, dep, side)) = self.state.arc_of(mv) else { return 0 };
        if let Some(label) = fixed_label(&self.tokens, head, dep, self.root, self.punct) {
            return label;
        }
        features::label(&self.state, &self.tokens, side, head, dep, &mut self.keys);
        let bits = self.arcs.bits;
        self.rows.clear();
        self.rows.extend(self.keys.iter().map(|&k| row_of(k, bits)));
        self.scores.resize(self.arcs.classes, 0);
        self.arcs.score(&self.rows, &mut self.scores);
        let pred = best_non_root(&self.scores, self.root);
        if self.gold[dep as usize] == head {
            self.arcs.clock += 1;
            let gold = self.gold_label[dep as usize];
            if pred != gold {
                self.arcs.update(&self.rows, gold as usize, 1);
                self.arcs.update(&self.rows, pred as usize, -1);
            }
        }
        pred
    }
}
