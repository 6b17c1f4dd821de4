//! The training recipe of the shipped models, in one place, so that `dyad train`
//! rebuilds exactly what `models/` holds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::conllu::Sentence;
use crate::{parser, tagger, Draft, Lemmatizer, Parser, Tag, Tagger};

/// How the three models are trained from a treebank.
#[derive(Clone, Debug)]
pub struct Recipe {
    pub tagger: tagger::TrainOptions,
    /// `seed`, `dev` and `dev_tags` are set by [`train_models`] for each member.
    pub parser: parser::TrainOptions,
    /// The shipped parser is the sum of several parsers (a "model soup"), one per
    /// `(jackknife, seed)`: each learns from tags predicted by taggers trained on the
    /// other `jackknife - 1` folds, so its input is as noisy as at run time (below 2:
    /// gold tags). The sum parses as fast as one member and scores better than any.
    pub members: Vec<(usize, u64)>,
    /// Also learn from every training sentence once more with its gold tags.
    pub with_gold: bool,
    /// Jackknife taggers and parser members are trained on this many threads at once.
    /// Each is trained alone and the results are combined in a fixed order, so the models
    /// are the same whatever the count.
    pub threads: usize,
}

impl Default for Recipe {
    fn default() -> Recipe {
        let members = [5, 10].into_iter().flat_map(|k| (1..=5).map(move |seed| (k, seed))).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Recipe { tagger: Default::default(), parser: Default::default(), members, with_gold: true, threads }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RecipeError {
    #[error("the recipe names no parser to train")]
    NoParsers,
    #[error("the parsers differ in labels or lexicon and cannot be summed")]
    Unlike,
}

pub struct Trained {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
}

/// Trains tagger, lemmatizer and parser on `train`; `dev` is never trained on: it is
/// logged for the tagger and picks the parser's best epoch (parsed with predicted tags).
pub fn train_models(
    train: &[Sentence],
    dev: &[Sentence],
    recipe: &Recipe,
    log: &mut dyn FnMut(&str),
) -> Result<Trained, RecipeError> {
    if recipe.members.is_empty() {
        return Err(RecipeError::NoParsers);
    }
    let logged = tagger::TrainOptions { dev: dev.to_vec(), ..recipe.tagger.clone() };
    let tagger = Tagger::train(train, &logged, log);
    let lemmatizer = Lemmatizer::train(train);

    let dev_tags: Vec<Vec<Tag>> = dev.iter().map(|s| tag_words(&tagger, s)).collect();
    let mut folds = recipe.members.iter().map(|&(k, _)| k).collect::<Vec<_>>();
    folds.sort_unstable();
    folds.dedup();
    let sets: Vec<(usize, (Vec<Sentence>, Vec<Vec<Tag>>))> =
        folds.into_iter().map(|k| (k, parser_training_set(train, k, recipe.with_gold, recipe.threads, log))).collect();
    let members = in_parallel(&recipe.members, recipe.threads, log, |&(k, seed), log| {
        let (sentences, tags) = &sets.iter().find(|(set_k, _)| *set_k == k).expect("a set per jackknife").1;
        log(&format!("parser: jackknife {k}, seed {seed}"));
        let options = parser::TrainOptions { seed, dev: dev.to_vec(), dev_tags: dev_tags.clone(), ..recipe.parser.clone() };
        let mut tagged = |line: &str| log(&format!("[jackknife {k}, seed {seed}] {line}"));
        Draft::train(sentences, tags, &options, &mut tagged)
    });
    // Summed before quantising: see `Draft`.
    let parser = Draft::sum(&members).ok_or(RecipeError::Unlike)?.freeze();
    Ok(Trained { tagger, lemmatizer, parser })
}

/// The parser's training sentences with the tags it sees for them.
fn parser_training_set(
    train: &[Sentence],
    jackknife: usize,
    with_gold: bool,
    threads: usize,
    log: &mut dyn FnMut(&str),
) -> (Vec<Sentence>, Vec<Vec<Tag>>) {
    if jackknife < 2 {
        return (train.to_vec(), gold_tags(train));
    }
    let predicted = jackknifed_tags(train, jackknife, threads, log);
    if !with_gold {
        return (train.to_vec(), predicted);
    }
    let mut sentences = train.to_vec();
    sentences.extend_from_slice(train);
    let mut tags = gold_tags(train);
    tags.extend(predicted);
    (sentences, tags)
}

pub fn gold_tags(sentences: &[Sentence]) -> Vec<Vec<Tag>> {
    sentences.iter().map(|s| s.words.iter().map(Tag::of_word).collect()).collect()
}

/// Each sentence tagged by a tagger (default options) trained on the folds without it;
/// sentence `i` is in fold `i % folds`.
pub fn jackknifed_tags(sentences: &[Sentence], folds: usize, threads: usize, log: &mut dyn FnMut(&str)) -> Vec<Vec<Tag>> {
    let fold_ids: Vec<usize> = (0..folds).collect();
    let per_fold = in_parallel(&fold_ids, threads, log, |&fold, log| {
        let rest: Vec<Sentence> =
            sentences.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, s)| s.clone()).collect();
        let tagger = Tagger::train(&rest, &tagger::TrainOptions::default(), log);
        let tags: Vec<Vec<Tag>> = sentences.iter().skip(fold).step_by(folds).map(|s| tag_words(&tagger, s)).collect();
        log(&format!("jackknife fold {}/{folds} tagged", fold + 1));
        tags
    });
    let mut tags = vec![Vec::new(); sentences.len()];
    for (fold, fold_tags) in per_fold.into_iter().enumerate() {
        for (i, t) in (fold..sentences.len()).step_by(folds).zip(fold_tags) {
            tags[i] = t;
        }
    }
    tags
}

enum Message<T> {
    Line(String),
    Done(usize, T),
}

/// `work` applied to every input on up to `threads` scoped threads; the results come back
/// in input order and log lines are passed to `log` on the calling thread as they come.
fn in_parallel<I: Sync, T: Send>(
    inputs: &[I],
    threads: usize,
    log: &mut dyn FnMut(&str),
    work: impl Fn(&I, &mut dyn FnMut(&str)) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<Message<T>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let mut line = |l: &str| {
                    let _ = sender.send(Message::Line(l.to_string()));
                };
                let result = work(input, &mut line);
                let _ = sender.send(Message::Done(i, result));
            });
        }
        drop(sender);
        let mut results: Vec<Option<T>> = inputs.iter().map(|_| None).collect();
        for message in receiver {
            match message {
                Message::Line(line) => log(&line),
                Message::Done(i, result) => results[i] = Some(result),
            }
        }
        // A worker that panicked re-raises its panic when the scope ends, so every slot is
        // filled here.
        results.into_iter().flatten().collect()
    })
}

fn tag_words(tagger: &Tagger, sentence: &Sentence) -> Vec<Tag> {
    let mut tags = Vec::new();
    tagger.tag(&sentence.forms(), &mut tags);
    tags
}
