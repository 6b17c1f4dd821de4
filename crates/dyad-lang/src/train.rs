//! The training recipe of the shipped models, in one place, so that `dyad train`
//! rebuilds exactly what `models/` holds.

use crate::conllu::Sentence;
use crate::{parser, tagger, Lemmatizer, Parser, Tag, Tagger};

/// How the three models are trained from a treebank.
#[derive(Clone, Debug)]
pub struct Recipe {
    pub tagger: tagger::TrainOptions,
    /// `dev` and `dev_tags` are filled in by [`train_models`].
    pub parser: parser::TrainOptions,
    /// The parser learns from tags predicted by taggers trained on the other
    /// `jackknife - 1` folds, so its input is as noisy as at run time; below 2: gold tags.
    pub jackknife: usize,
    /// Also learn from every training sentence once more with its gold tags.
    pub with_gold: bool,
}

impl Default for Recipe {
    fn default() -> Recipe {
        Recipe { tagger: Default::default(), parser: Default::default(), jackknife: 5, with_gold: true }
    }
}

pub struct Trained {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
}

/// Trains tagger, lemmatizer and parser on `train`; `dev` is never trained on: it is
/// logged for the tagger and picks the parser's best epoch (parsed with predicted tags).
pub fn train_models(train: &[Sentence], dev: &[Sentence], recipe: &Recipe, log: &mut dyn FnMut(&str)) -> Trained {
    let logged = tagger::TrainOptions { dev: dev.to_vec(), ..recipe.tagger.clone() };
    let tagger = Tagger::train(train, &logged, log);
    let lemmatizer = Lemmatizer::train(train);

    let (sentences, tags) = parser_training_set(train, recipe, log);
    let dev_tags = dev.iter().map(|s| tag_words(&tagger, s)).collect();
    let options = parser::TrainOptions { dev: dev.to_vec(), dev_tags, ..recipe.parser.clone() };
    let parser = Parser::train(&sentences, &tags, &options, log);
    Trained { tagger, lemmatizer, parser }
}

/// The parser's training sentences with the tags it sees for them.
fn parser_training_set(train: &[Sentence], recipe: &Recipe, log: &mut dyn FnMut(&str)) -> (Vec<Sentence>, Vec<Vec<Tag>>) {
    if recipe.jackknife < 2 {
        return (train.to_vec(), gold_tags(train));
    }
    let predicted = jackknifed_tags(train, recipe.jackknife, log);
    if !recipe.with_gold {
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
