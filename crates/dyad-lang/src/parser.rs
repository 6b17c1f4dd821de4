//! Dependency parser (being written).
use crate::{conllu, model::ModelError, tags::Tag};

pub struct TrainOptions { pub epochs: usize, pub seed: u64 }

/// The head (1-based word index, 0 for the root) and relation of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arc { pub head: u32, pub deprel: u16 }

pub struct Parser {}

impl Parser {
    /// `tags[i]` are the tags the parser sees for `sentences[i]` (gold or predicted).
    pub fn train(_sentences: &[conllu::Sentence], _tags: &[Vec<Tag>], _options: &TrainOptions, _log: &mut dyn FnMut(&str)) -> Parser { Parser {} }
    pub fn parse(&self, words: &[&str], _tags: &[Tag], out: &mut Vec<Arc>) { out.clear(); out.resize(words.len(), Arc::default()); }
    pub fn deprel_name(&self, _id: u16) -> &str { "dep" }
    pub fn to_bytes(&self) -> Vec<u8> { Vec::new() }
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        if bytes.is_empty() { return Err(ModelError::Missing { what: "parser" }); }
        Ok(Parser {})
    }
}
