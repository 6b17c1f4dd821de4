//! Lemmatizer (being written).
use crate::{conllu, model::ModelError, tags::Tag};
use std::borrow::Cow;

pub struct Lemmatizer {}

impl Lemmatizer {
    pub fn train(_sentences: &[conllu::Sentence]) -> Lemmatizer { Lemmatizer {} }
    pub fn lemma<'a>(&'a self, form: &'a str, _tag: Tag) -> Cow<'a, str> { Cow::Borrowed(form) }
    pub fn to_bytes(&self) -> Vec<u8> { Vec::new() }
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        if bytes.is_empty() { return Err(ModelError::Missing { what: "lemmatizer" }); }
        Ok(Lemmatizer {})
    }
}
