//! Part-of-speech tagger (being written).
use crate::{conllu, model::ModelError, tags::Tag};

pub struct TrainOptions { pub epochs: usize, pub seed: u64 }

pub struct Tagger {}

impl Tagger {
    pub fn train(_sentences: &[conllu::Sentence], _options: &TrainOptions, _log: &mut dyn FnMut(&str)) -> Tagger { Tagger {} }
    pub fn tag(&self, words: &[&str], out: &mut Vec<Tag>) { out.clear(); out.resize(words.len(), Tag::default()); }
    pub fn to_bytes(&self) -> Vec<u8> { Vec::new() }
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        if bytes.is_empty() { return Err(ModelError::Missing { what: "tagger" }); }
        Ok(Tagger {})
    }
}
