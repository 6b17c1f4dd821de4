//! Labelled dependency parser for English, trained from UD treebanks.
//!
//! Greedy arc-eager transitions (Nivre 2003). An averaged perceptron over hashed
//! Zhang & Nivre (2011) features, plus surface neighbours and the tags each word had in
//! training, picks one of four unlabelled moves; a second perceptron labels each arc as
//! it is made, so later move features can see the labels. Training follows Goldberg &
//! Nivre's (2012) dynamic oracle with exploration. Weights live in flat hashed tables of
//! i8 rows (one row read per feature, no map probe while parsing) and ship sparse.
//!
//! The moves are non-monotonic, as Honnibal, Goldberg & Johnson (2013) propose
//! ([`TrainOptions::mending`], the default since 2026-12-07; `dyad train --monotonic`
//! trains the plain arc-eager parser shipped before): LEFT may replace the head an earlier
//! RIGHT gave, and REDUCE hangs a headless word from the one beneath it, so a greedy parser
//! can mend an early mistake once it sees more of the sentence; the oracle's costs extend
//! to these moves (see `state`). Measured on 2026-12-07, EWT, predicted tags: one parser
//! (jackknife 5, seeds 1-3) dev 85.32 / 81.74 against 85.18 / 81.56 monotonic; the sum of
//! ten, dev 85.71 / 82.24 against 85.56 / 82.11 and test **86.13 / 82.80** against 85.67 /
//! 82.44, at the same parsing speed. On news-style text it gains more: against the UDPipe
//! 2.0 parses of the 284 PETRARCH unit-test sentences in `../shared/data/universal-petrarch`
//! (silver trees, UD v1 labels, so only UAS compares), UAS 81.90 against 79.86. The event
//! coder, whose rules had been written against the monotonic parser's trees, first lost
//! PLOVER records with it (nine lost, none gained); it was made to read both parsers' trees
//! before the switch. The commonest new failure was a LEFT that replaces a right head at a
//! trailing ", X said": in "Clinton has imposed sanctions on the Taliban ..., the White
//! House said", `sanctions` (the object of `imposed`) becomes the subject of `said`. Such
//! trailing attributions are far commoner in news than in EWT's web text, from which the
//! parser learnt when to mend; the coder now gives such words back (see `dyad-code`'s
//! events). With the REDUCE repairs alone (no head-replacing LEFT; tried the same day,
//! not kept) EWT scores dev 85.35 / 81.89, test 85.78 / 82.51 and the silver trees 81.78.
//!
//! The parser searches with a small beam by default ([`Decoding`]; see `beam` for how
//! sequences are scored and pruned); [`Decoding::GREEDY`] takes the best move at each step,
//! as all parsers before 2026-12-07 did, and is what the event coder uses (see
//! `dyad-code`'s `Coder::new`). The weights are the same: trained greedily with the dynamic
//! oracle, they still rank whole sequences well once each step's scores are made
//! log-probabilities. Measured on 2026-12-07 with the shipped model, EWT, predicted tags:
//!
//! | decoding (width, temperature, threshold) | dev UAS / LAS | test UAS / LAS |
//! |---|---|---|
//! | greedy | 85.71 / 82.24 | 86.13 / 82.80 |
//! | **3, 60, 0.5 (default)** | **85.97 / 82.47** | **86.42 / 83.17** |
//! | 3, 80, 0.5 | 86.01 / 82.48 | |
//! | 3, 120, 0.35 | 85.89 / 82.40 | |
//! | 3, 60, 0.7 | 86.03 / 82.56 | 86.51 / 83.29 |
//! | 3, 60, 1.0 | 86.12 / 82.65 | 86.63 / 83.39 |
//! | 4, 60, 1.0, no merging of like items | 86.15 / 82.71 | 86.76 / 83.50 |
//! | 4, 60, 0.5, no merging | 86.07 / 82.58 | 86.53 / 83.28 |
//! | 2, 60, 0.7 | 85.92 / 82.46 | 86.50 / 83.27 |
//! | 4, temperature 30 / 150 / 300, no threshold or merging | 82.46 / 82.00 / 77.95 LAS | 83.21 / 82.61 / 77.76 LAS |
//! | 2 / 4, raw score sums (no softmax) | 82.75 / 79.41, 81.58 / 78.20 | 83.53 / 80.35 |
//!
//! What a setting costs is how many configurations it scores: greedy scores 1.83 per word
//! on dev (the others have one valid move), the default 2.18 (1.19 times), 0.7 2.38 (1.30
//! times); the default is the setting whose tagging plus parsing stayed above 300,000
//! tokens per second on this machine (see the README). Items behind by more than the
//! threshold are dropped, and an item whose move features equal a better one's is merged
//! into it (a quarter fewer scored configurations for -0.06 dev LAS at width 4). Settling
//! each move 8 steps after it is made (dropping the items that made another) keeps only a
//! third of the gain (dev 82.46 at width 4, threshold 1), so the alternatives that matter
//! live long. On the 284 PETRARCH unit-test sentences the beam agrees less with UDPipe's
//! silver trees than greedy does (UAS 80.39 against 81.90).
//!
//! Dropout (leaving each move feature out of a training step with probability p, see
//! [`TrainOptions::move_dropout`]) helps one parser but not the sum, and is off. With the
//! mending moves, one parser, seeds 1-3: p = 0.15 scores 85.51 / 81.96 against 85.32 /
//! 81.74 without it (0.1: 85.46 / 81.94; 0.2: 85.45 / 81.89). The sum of ten with p =
//! 0.15: dev 85.64 / 82.24 against 85.71 / 82.24 (test 85.87 / 82.58 against 86.13 /
//! 82.80); both sets summed (twenty): 85.62 / 82.16. The sum already averages away the
//! members' idiosyncrasies that dropout smooths.
//!
//! Tried the same day and not kept, with the mending moves, one parser, the same three
//! seeds, against 85.32 / 81.74: dropping label features (0.1: 85.38 / 81.78; with the
//! moves', 0.1: 85.45 / 81.91, 0.2: 85.22 / 81.68); labelling a right dependent again
//! when it leaves the stack, its subtree complete (85.34 / 81.64); two more label
//! features on the words after the dependent (85.35 / 81.79); exploring at rate 0.75 or
//! 1.0 instead of 0.9 (85.42 / 81.79, 85.38 / 81.79). For the sum of ten: i16 move weights
//! (dev 85.70 / 82.24); label weights rounded to steps of 2 or 4 instead of 1 change LAS
//! by 0.04 at most, so their i8 precision is not what limits LAS. Dropout in the tagger's
//! main pass (0.1) tags dev no better (XPOS 94.63 against 94.60).
//!
//! Also tried with the mending moves and not kept (2026-12-07, second session):
//! - Counts of the verbs, commas and coordinators between S0 and N0 (0, 1, 2 or more) in
//!   three move features, and between head and dependent in one label feature: one parser
//!   (seeds 1-3) 85.45 / 81.97 against 85.32 / 81.74, but the sum of ten dev 85.60 / 82.27
//!   against 85.71 / 82.24 (test 86.00 / 82.82 against 86.13 / 82.80). As with dropout, what
//!   helps one parser the sum already has.
//! - Lexical association from news: Reuters-21578 parsed by the shipped models gives 809,572
//!   distinct head-dependent word pairs, but for two thirds of the dev head errors (1,775 of
//!   2,666, punctuation and root aside) neither the gold nor the predicted head was ever
//!   seen with the word, and where the two differ the gold
//!   head is the commoner in 491 cases against 374. Too sparse to be worth features.
//! - Punctuation re-attached by UD's rule (udapi's FixPunct: the highest node that keeps
//!   the tree projective, the parser's head kept when it is on that path): dev punctuation
//!   heads 80.3% right against the parser's 83.6%.
//!
//! The shipped model is the sum of parsers trained alike but for the seed and the
//! jackknife (see [`Draft::sum`]): their errors differ, so the summed weights parse
//! better (ten of them: +0.3 UAS and +0.5 LAS over the best one on EWT dev) at no
//! cost in speed. They are summed before quantising (+0.03 UAS / +0.03 LAS on dev over
//! summing the i8 members, 2026-12-06).
//!
//! Coarsening the tags the features see (NNP as NN, NNPS as NNS, VBP as VB) with a 2^22
//! move table gained a single parser 0.3 UAS / 0.3 LAS on EWT dev, but the sum of ten
//! only 0.01 / 0.03 (0.06 / 0.16 on test), parsed about 13% slower and changed enough
//! downstream parses to lose events: it was tried on 2026-11-29 and not kept.
//!
//! Tried on 2026-12-07 for issue #2's floor and not kept (EWT dev, predicted tags, best
//! epoch). One parser (jackknife 5, seed 1, with gold) scores 85.20 / 81.61; the twenty 2^22
//! members below (seeds 1–10, jackknife 5 and 10) spread over 85.12–85.64 UAS and
//! 81.54–82.05 LAS, so a single-parser difference under about 0.2 says nothing.
//! - A 2^22 move table alone: one parser 85.35 / 81.78, but the sum of ten 85.57 / 82.14
//!   against the shipped 85.56 / 82.11 (as with the coarse tags above, the sum gains
//!   nothing from fewer collisions).
//! - Twenty members (seeds 1–10, 2^22 move tables) instead of ten: 85.51 / 82.12, where
//!   either ten of them score 85.57 / 82.14 and 85.54 / 82.08: the sum is saturated at ten.
//! - 2^18 label rows (one parser, as in the items below): 85.12 / 81.52.
//! - The form's shape (case, digits, hyphen, length; word keys are lowercased) in three
//!   move and three label features, with six more label features (the head's suffix, the
//!   dependent's word with the sibling's label, its valency, its last child's word, the
//!   head's head word, the word pair with the distance): 85.10 / 81.52.
//! - Labelling every arc again once the tree is finished, with all children known (a second
//!   set of label features in the same table, trained on the parser's own trees): 85.18 /
//!   81.49.
//! - Training on jackknifed tags only, without the gold copy: 85.13 / 81.54; on both the 5-
//!   and 10-fold jackknifed copies plus gold: 85.03 / 81.46.
//! - The tagger's runner-up XPOS wherever the main pass chose within a margin of it (in
//!   training from the jackknife taggers), in five move and three label features: 85.10 /
//!   81.48 with the runner-up on 7% of dev words (39% of the tagging errors have the gold
//!   tag as runner-up), 85.10 / 81.41 with it on 14% (54%).
//! - Word clusters from 3.1 M words (Reuters-21578 and the training treebanks; k-means of
//!   the words seen 3 times or more, 22,841 of them, over their left and right neighbours
//!   among the 1,000 commonest words, into 64 and 512 clusters) in eight move and five
//!   label features: seeds 1–3 average 85.08 / 81.43 against 85.18 / 81.56 without them;
//!   with a 2^22 move table, 85.25 / 81.74 against 85.35 / 81.78 without them.
//! - A tagger trained longer on a bigger table (10 epochs, 2^20 rows) tags dev no better
//!   (XPOS 94.50 against 94.60).
//!
//! What the parser loses is tagging: the monotonic model shipped until 2026-12-07 scores
//! 87.80 / 85.00 on dev with gold XPOS and predicted UPOS, 86.40 / 83.64 with gold UPOS and
//! predicted XPOS (gold tags 88.68 / 86.56, predicted 85.56 / 82.11). XPOS errors (NN/NNP,
//! JJ/NN, VB/VBP) cost about 2.3 UAS, and none of the above got the parser around them.
//!
//! Parsing speed is bound by cache misses on the weight tables (2^20 move rows of 4
//! bytes, 2^16 label rows of 64 bytes); the rows of each decision are prefetched
//! together (see `weights`).

mod beam;
mod features;
mod lexicon;
mod state;
mod train;
mod weights;

use std::cell::RefCell;

use crate::model::{Reader, Writer};
use crate::{conllu, model::ModelError, tags::Tag};
pub use beam::Decoding;
use beam::{Beam, Item, DONE};
use features::Token;
use state::{State, LEFT, NONE, RIGHT};
use weights::{row_of, Exact, Frozen, Precision};

const MAGIC: &[u8; 8] = b"DYADPAR\0";
/// Longer sentences (in news, mostly tables and lists run together) are parsed greedily:
/// the beam copies configurations, whose size grows with the sentence, and the work per
/// word must stay bounded. EWT's longest sentence has 159 words.
const MAX_BEAM_WORDS: usize = 250;
/// Bump whenever features, hashing or the layout change: old weights would mean nothing.
const VERSION: u32 = 7;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Scored after every epoch; when given, the epoch with the best LAS is kept.
    pub dev: Vec<conllu::Sentence>,
    pub dev_tags: Vec<Vec<Tag>>,
    /// log2 of the rows of the move and label weight tables.
    pub move_bits: u32,
    pub label_bits: u32,
    /// From this epoch on the trainer follows its own (possibly wrong) moves with
    /// probability `explore_rate`, so it learns to recover from its mistakes.
    pub explore_from: usize,
    pub explore_rate: f64,
    /// i16 move weights instead of i8: +0.06 UAS, twice the table, slower parsing.
    pub wide_moves: bool,
    /// Each move feature is left out of a training step with this probability, so that
    /// the weights cannot lean on a few rare features that settle the training sentences
    /// (a perceptron gets 99.5% of its training moves right by the last epoch). It helps
    /// one parser, not the shipped sum (see the module notes), so it is 0 by default.
    pub move_dropout: f64,
    /// The non-monotonic moves (see the module notes), shipped since 2026-12-07; false
    /// trains the monotonic arc-eager parser shipped before. Stored in the model file,
    /// since it changes which moves the parser may make.
    pub mending: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 1,
            dev: Vec::new(),
            dev_tags: Vec::new(),
            move_bits: 20,
            label_bits: 16,
            explore_from: 2,
            explore_rate: 0.9,
            wide_moves: false,
            move_dropout: 0.0,
            mending: true,
        }
    }
}

/// The head (1-based word index, 0 for the root) and relation of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arc {
    pub head: u32,
    pub deprel: u16,
}

pub struct Parser {
    labels: Vec<String>,
    root: u16,
    mending: bool,
    punct: Option<u16>,
    lexicon: lexicon::Lexicon,
    moves: Frozen,
    arcs: Frozen,
    /// Not stored in the model file: how to parse is the caller's choice.
    decoding: Decoding,
}

/// Buffers reused from sentence to sentence so parsing does not allocate.
#[derive(Default)]
pub struct Scratch {
    state: State,
    tokens: Vec<Token>,
    keys: Vec<u64>,
    rows: Vec<u32>,
    scores: Vec<i32>,
    beam: Beam,
}

/// Attachment scores over all words, punctuation included, labels compared without their
/// subtypes (as in CoNLL 2018).
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    pub words: usize,
    pub uas: f64,
    pub las: f64,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Parser {
    fn new(
        labels: Vec<String>,
        root: u16,
        mending: bool,
        lexicon: lexicon::Lexicon,
        moves: Frozen,
        arcs: Frozen,
    ) -> Parser {
        let punct = labels.iter().position(|l| l == "punct").map(|i| i as u16);
        Parser { labels, root, mending, punct, lexicon, moves, arcs, decoding: Decoding::default() }
    }

    /// The same model searching as `decoding` says (beam search by default).
    pub fn with_decoding(mut self, decoding: Decoding) -> Parser {
        self.decoding = decoding;
        self
    }

    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    /// `tags[i]` are the tags the parser sees for `sentences[i]` (gold or predicted).
    pub fn train(
        sentences: &[conllu::Sentence],
        tags: &[Vec<Tag>],
        options: &TrainOptions,
        log: &mut dyn FnMut(&str),
    ) -> Parser {
        train::train(sentences, tags, options, log).freeze()
    }

    /// Parses one sentence into `out`: one arc per word, always a tree with one root.
    pub fn parse(&self, words: &[&str], tags: &[Tag], out: &mut Vec<Arc>) {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.parse_with(&mut scratch, words, tags, out),
            Err(_) => self.parse_with(&mut Scratch::default(), words, tags, out),
        })
    }

    pub fn parse_with(&self, scratch: &mut Scratch, words: &[&str], tags: &[Tag], out: &mut Vec<Arc>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        features::prepare(words, tags, &self.lexicon, &mut scratch.tokens);
        if self.decoding.width > 1 && words.len() <= MAX_BEAM_WORDS {
            self.search(scratch, words.len());
        } else {
            self.greedy(scratch, words.len());
        }
        let Scratch { state, tokens, keys, rows, scores, .. } = scratch;
        finish(state, tokens, self.root, |state, mv, head, dep| {
            self.best_label(state, tokens, mv, head, dep, keys, rows, scores)
        });
        out.extend((1..=words.len()).map(|t| Arc { head: state.head[t], deprel: state.label[t] }));
    }

    /// Leaves in `scratch.state` the end of the best move sequence found by one move at a time.
    fn greedy(&self, scratch: &mut Scratch, n: usize) {
        scratch.state.reset(n, self.mending);
        loop {
            let valid = scratch.state.valid();
            if valid == 0 {
                break;
            }
            let mv =
                if valid.count_ones() == 1 { valid.trailing_zeros() as usize } else { self.best_move(scratch, valid) };
            let label = self.label_arc(scratch, mv);
            scratch.state.apply(mv, label);
        }
    }

    /// As `greedy`, by beam search (see `beam`).
    fn search(&self, scratch: &mut Scratch, n: usize) {
        let decoding = &self.decoding;
        let Scratch { state: best, tokens, keys, rows, scores, beam } = scratch;
        beam.start(n, self.mending);
        loop {
            let mut live = false;
            for i in 0..beam.items.len() {
                let state = &beam.items[i].state;
                let valid = state.valid();
                match valid.count_ones() {
                    0 => beam.keep(i, DONE),
                    1 => beam.keep(i, valid.trailing_zeros() as usize),
                    _ => {
                        features::moves(state, tokens, keys);
                        if beam.repeats(keys) {
                            live = true;
                            continue;
                        }
                        let move_scores = self.moves.score4(keys);
                        beam.extend(decoding, i, valid, &move_scores);
                    }
                }
                live |= valid != 0;
            }
            if !live {
                break;
            }
            if let ([item], [only]) = (&mut beam.items[..], &beam.candidates[..]) {
                // Nothing to choose between: advance in place, as the greedy parser does.
                let mv = only.mv;
                let label = self.move_label(&item.state, tokens, mv, keys, rows, scores);
                item.state.apply(mv, label);
                item.score = 0.0;
                beam.candidates.clear();
                continue;
            }
            beam.select(decoding);
            for c in 0..beam.candidates.len() {
                let (score, mv) = (beam.candidates[c].score, beam.candidates[c].mv);
                let mut state = beam.parent_of(c);
                if mv != DONE {
                    let label = self.move_label(&state, tokens, mv, keys, rows, scores);
                    state.apply(mv, label);
                }
                beam.next.push(Item { state, score });
            }
            beam.advance();
        }
        std::mem::swap(best, &mut beam.items[0].state);
    }

    fn best_move(&self, scratch: &mut Scratch, valid: u8) -> usize {
        features::moves(&scratch.state, &scratch.tokens, &mut scratch.keys);
        let scores = self.moves.score4(&scratch.keys);
        argmax_valid(&scores, valid)
    }

    /// The label of the arc `mv` makes (0 if it makes none).
    fn label_arc(&self, scratch: &mut Scratch, mv: usize) -> u16 {
        let Scratch { state, tokens, keys, rows, scores, .. } = scratch;
        self.move_label(state, tokens, mv, keys, rows, scores)
    }

    /// The label of the arc `mv` makes from `state` (0 if it makes none).
    fn move_label(
        &self,
        state: &State,
        tokens: &[Token],
        mv: usize,
        keys: &mut Vec<u64>,
        rows: &mut Vec<u32>,
        scores: &mut Vec<i32>,
    ) -> u16 {
        let Some((head, dep, side)) = state.arc_of(mv) else { return 0 };
        self.best_label(state, tokens, side, head, dep, keys, rows, scores)
    }

    #[allow(clippy::too_many_arguments)]
    fn best_label(
        &self,
        state: &State,
        tokens: &[Token],
        mv: usize,
        head: u32,
        dep: u32,
        keys: &mut Vec<u64>,
        rows: &mut Vec<u32>,
        scores: &mut Vec<i32>,
    ) -> u16 {
        if let Some(label) = fixed_label(tokens, head, dep, self.root, self.punct) {
            return label;
        }
        features::label(state, tokens, mv, head, dep, keys);
        rows.clear();
        rows.extend(keys.iter().map(|&k| row_of(k, self.arcs.bits)));
        scores.resize(self.arcs.classes, 0);
        self.arcs.score(rows, scores);
        best_non_root(scores, self.root)
    }

    /// Parsers trained alike (same labels and lexicon, e.g. with other seeds) merged into
    /// one whose weights are their sum; `None` if they differ in anything but weights.
    /// For model files only: [`Draft::sum`] sums before quantising, which `dyad train` uses.
    pub fn sum(parsers: &[Parser]) -> Option<Parser> {
        let first = parsers.first()?;
        let alike = |p: &Parser| {
            p.labels == first.labels && p.root == first.root && p.mending == first.mending && p.lexicon == first.lexicon
        };
        if !parsers.iter().all(alike) {
            return None;
        }
        let moves = Frozen::sum(&parsers.iter().map(|p| &p.moves).collect::<Vec<_>>())?;
        let arcs = Frozen::sum(&parsers.iter().map(|p| &p.arcs).collect::<Vec<_>>())?;
        Some(Parser::new(first.labels.clone(), first.root, first.mending, first.lexicon.clone(), moves, arcs))
    }

    /// Full UD label, subtype included; unknown ids read as `dep`.
    pub fn deprel_name(&self, id: u16) -> &str {
        self.labels.get(id as usize).map_or("dep", String::as_str)
    }

    pub fn deprel_id(&self, name: &str) -> Option<u16> {
        self.labels.iter().position(|l| l == name).map(|i| i as u16)
    }

    pub fn evaluate(&self, sentences: &[conllu::Sentence], tags: &[Vec<Tag>]) -> Score {
        let mut scratch = Scratch::default();
        let mut arcs = Vec::new();
        let (mut words, mut heads, mut labelled) = (0usize, 0usize, 0usize);
        for (i, sentence) in sentences.iter().enumerate() {
            let forms = sentence.forms();
            let sentence_tags: Vec<Tag> = match tags.get(i) {
                Some(t) => t.clone(),
                None => sentence.words.iter().map(Tag::of_word).collect(),
            };
            self.parse_with(&mut scratch, &forms, &sentence_tags, &mut arcs);
            for (word, arc) in sentence.words.iter().zip(&arcs) {
                words += 1;
                if arc.head as usize == word.head {
                    heads += 1;
                    labelled += (universal(self.deprel_name(arc.deprel)) == universal(&word.deprel)) as usize;
                }
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
        Score { words, uas: pct(heads), las: pct(labelled) }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        write_labels(&mut out, &self.labels, self.root);
        out.u8(self.mending as u8);
        self.lexicon.write(&mut out);
        self.moves.write(&mut out);
        self.arcs.write(&mut out);
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let mut input = Reader::open(bytes, "parser", MAGIC, VERSION)?;
        let (labels, root) = read_labels(&mut input)?;
        let mending = read_flag(&mut input, "transition system")?;
        let lexicon = lexicon::Lexicon::read(&mut input)?;
        let moves = Frozen::read(&mut input)?;
        let arcs = Frozen::read(&mut input)?;
        let shapes_fit =
            moves.classes == state::MOVES && arcs.classes == labels.len() && arcs.precision() == Precision::I8;
        if !shapes_fit || input.left() != 0 {
            return Err(input.corrupt("table shape"));
        }
        Ok(Parser::new(labels, root, mending, lexicon, moves, arcs))
    }
}

/// The dependency labels and which of them is the root, as both model files begin.
fn write_labels(out: &mut Writer, labels: &[String], root: u16) {
    out.u32(labels.len() as u32);
    for label in labels {
        out.str(label);
    }
    out.u32(root as u32);
}

fn read_flag(input: &mut Reader, what: &str) -> Result<bool, ModelError> {
    match input.u8()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(input.corrupt(what)),
    }
}

fn read_labels(input: &mut Reader) -> Result<(Vec<String>, u16), ModelError> {
    let count = input.u32()? as usize;
    if !(1..=250).contains(&count) {
        return Err(input.corrupt("label count"));
    }
    let labels = (0..count).map(|_| input.str().map(str::to_string)).collect::<Result<Vec<_>, _>>()?;
    let root = input.u32()? as usize;
    if root >= count {
        return Err(input.corrupt("root label"));
    }
    Ok((labels, root as u16))
}

/// A trained parser before its weights are quantised: parsers are summed in this form
/// ([`Draft::sum`]) and the sum is quantised once ([`Draft::freeze`]).
#[derive(Clone)]
pub struct Draft {
    labels: Vec<String>,
    root: u16,
    mending: bool,
    lexicon: lexicon::Lexicon,
    moves: Exact,
    arcs: Exact,
    move_precision: Precision,
}

const DRAFT_MAGIC: &[u8; 8] = b"DYADPDR\0";

impl Draft {
    /// `tags[i]` are the tags the parser sees for `sentences[i]` (gold or predicted).
    pub fn train(
        sentences: &[conllu::Sentence],
        tags: &[Vec<Tag>],
        options: &TrainOptions,
        log: &mut dyn FnMut(&str),
    ) -> Draft {
        train::train(sentences, tags, options, log)
    }

    pub fn freeze(&self) -> Parser {
        let moves = self.moves.freeze(self.move_precision);
        let arcs = self.arcs.freeze(Precision::I8);
        Parser::new(self.labels.clone(), self.root, self.mending, self.lexicon.clone(), moves, arcs)
    }

    /// Parsers trained alike (same labels and lexicon, e.g. with other seeds) merged into
    /// one whose weights are the sum of theirs, at full precision; `None` if they differ in
    /// anything but weights.
    pub fn sum(drafts: &[Draft]) -> Option<Draft> {
        let first = drafts.first()?;
        let alike = |d: &Draft| {
            d.labels == first.labels
                && d.root == first.root
                && d.mending == first.mending
                && d.lexicon == first.lexicon
                && d.move_precision == first.move_precision
        };
        if !drafts.iter().all(alike) {
            return None;
        }
        let moves = Exact::sum(&drafts.iter().map(|d| &d.moves).collect::<Vec<_>>())?;
        let arcs = Exact::sum(&drafts.iter().map(|d| &d.arcs).collect::<Vec<_>>())?;
        Some(Draft { moves, arcs, ..first.clone() })
    }

    /// Whether `bytes` are a draft file (else, perhaps, a model file).
    pub fn is_draft(bytes: &[u8]) -> bool {
        bytes.starts_with(DRAFT_MAGIC)
    }

    /// For keeping members between training runs (dense f32 tables, tens of MB).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(DRAFT_MAGIC);
        out.u32(VERSION);
        write_labels(&mut out, &self.labels, self.root);
        out.u8(if self.move_precision == Precision::I16 { 2 } else { 1 });
        out.u8(self.mending as u8);
        self.lexicon.write(&mut out);
        self.moves.write(&mut out);
        self.arcs.write(&mut out);
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Draft, ModelError> {
        let mut input = Reader::open(bytes, "parser draft", DRAFT_MAGIC, VERSION)?;
        let (labels, root) = read_labels(&mut input)?;
        let move_precision = match input.u8()? {
            2 => Precision::I16,
            1 => Precision::I8,
            _ => return Err(input.corrupt("weight precision")),
        };
        let mending = read_flag(&mut input, "transition system")?;
        let lexicon = lexicon::Lexicon::read(&mut input)?;
        let moves = Exact::read(&mut input)?;
        let arcs = Exact::read(&mut input)?;
        if moves.classes != state::MOVES || arcs.classes != labels.len() || input.left() != 0 {
            return Err(input.corrupt("table shape"));
        }
        Ok(Draft { labels, root, mending, lexicon, moves, arcs, move_precision })
    }
}

/// The label without its subtype (`nsubj:pass` is `nsubj`): the CoNLL 2018 script scores
/// LAS on this part only, and so does `evaluate`, which also picks the kept epoch.
fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

fn argmax_valid<T: Copy + PartialOrd>(scores: &[T], valid: u8) -> usize {
    let mut best = usize::MAX;
    for (m, &s) in scores.iter().enumerate() {
        if valid & (1 << m) != 0 && (best == usize::MAX || s > scores[best]) {
            best = m;
        }
    }
    best.min(scores.len().saturating_sub(1))
}

/// Arcs from the root are `root`; punctuation (99.8% of PUNCT words in EWT train) is
/// `punct` without scoring: it saves a tenth of the label work.
fn fixed_label(tokens: &[Token], head: u32, dep: u32, root: u16, punct: Option<u16>) -> Option<u16> {
    const PUNCT: u8 = 12;
    if head == 0 {
        return Some(root);
    }
    let dep_is_punct = tokens.get(dep as usize).is_some_and(|t| t.upos == PUNCT);
    if dep_is_punct {
        punct
    } else {
        None
    }
}

/// Non-root arcs may take any label but `root`.
fn best_non_root<T: Copy + PartialOrd>(scores: &[T], root: u16) -> u16 {
    let mut best = usize::MAX;
    for (l, &s) in scores.iter().enumerate() {
        if l != root as usize && (best == usize::MAX || s > scores[best]) {
            best = l;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best as u16
    }
}

/// Makes the final configuration a tree with exactly one root: the root child if the parser
/// made one, else the first headless verb (or word); other headless words hang from it.
fn finish(state: &mut State, tokens: &[Token], root_label: u16, mut label: impl FnMut(&State, usize, u32, u32) -> u16) {
    const VERB: u8 = 15;
    const AUX: u8 = 3;
    let n = state.n;
    let headless = |state: &State, t: usize| state.head[t] == NONE;
    let root = (1..=n)
        .find(|&t| state.head[t] == 0)
        .or_else(|| (1..=n).find(|&t| headless(state, t) && matches!(tokens[t].upos, VERB | AUX)))
        .or_else(|| (1..=n).find(|&t| headless(state, t)));
    let Some(root) = root else { return };
    if headless(state, root) {
        state.add_arc(0, root as u32, root_label);
    }
    for t in 1..=n {
        if headless(state, t) {
            let mv = if t < root { LEFT } else { RIGHT };
            let l = label(state, mv, root as u32, t as u32);
            state.add_arc(root as u32, t as u32, l);
        }
    }
}
