//! The training recipe of the shipped models, in one place, so that `dyad train`
//! rebuilds exactly what `models/` holds.

use crate::conllu::Sentence;
use crate::{parser, tagger, Lemmatizer, Parser, Tag, Tagger};

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
}

impl Default for Recipe {
    fn default() -> Recipe {
        let members = [5, 10].into_iter().flat_map(|k| (1..=5).map(move |seed| (k, seed))).collect();
        Recipe { tagger: Default::default(), parser: Default::default(), members, with_gold: true }
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
    let mut members = Vec::new();
    let mut folds = recipe.members.iter().map(|&(k, _)| k).collect::<Vec<_>>();
    folds.dedup();
    for k in folds {
        let (sentences, tags) = parser_training_set(train, k, recipe.with_gold, log);
        for &(_, seed) in recipe.members.iter().filter(|&&(member_k, _)| member_k == k) {
            log(&format!("parser: jackknife {k}, seed {seed}"));
            let options = parser::TrainOptions { seed, dev: dev.to_vec(), dev_tags: dev_tags.clone(), ..recipe.parser.clone() };
            members.push(Parser::train(&sentences, &tags, &options, log));
        }
    }
    let parser = Parser::sum(&members).ok_or(RecipeError::Unlike)?;
    Ok(Trained { tagger, lemmatizer, parser })
}

/// The parser's training sentences with the tags it sees for them.
fn parser_training_set(
    train: &[Sentence],
    jackknife: usize,
    with_gold: bool,
    log: &mut dyn FnMut(&str),
) -> (Vec<Sentence>, Vec<Vec<Tag>>) {
    if jackknife < 2 {
        return (train.to_vec(), gold_tags(train));
    }
    let predicted = jackknifed_tags(train, jackknife, log);
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
pub fn jackknifed_tags(sentences: &[Sentence], folds: usize, log: &mut dyn FnMut(&str)) -> Vec<Vec<Tag>> {
    let mut tags = vec![Vec::new(); sentences.len()];
    for fold in 0..folds {
        let rest: Vec<Sentence> =
            sentences.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, s)| s.clone()).collect();
        let tagger = Tagger::train(&rest, &tagger::TrainOptions::default(), log);
        for (i, sentence) in sentences.iter().enumerate().filter(|(i, _)| i % folds == fold) {
            tags[i] = tag_words(&tagger, sentence);
        }
        log(&format!("jackknife fold {}/{folds} tagged", fold + 1));
    }
    tags
}

fn tag_words(tagger: &Tagger, sentence: &Sentence) -> Vec<Tag> {
    let mut tags = Vec::new();
    tagger.tag(&sentence.forms(), &mut tags);
    tags
}
