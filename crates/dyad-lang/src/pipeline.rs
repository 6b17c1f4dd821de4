//! The tagger, lemmatizer and parser together: words in, an analysis out.

use crate::{Arc, Lemmatizer, ModelError, Parser, Tag, Tagger};
use std::path::Path;

/// The three trained models of the language layer.
pub struct Models {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
}

/// Model files, as `dyad train` writes them into a directory.
pub const TAGGER_FILE: &str = "tagger.bin";
pub const LEMMAS_FILE: &str = "lemmas.bin";
pub const PARSER_FILE: &str = "parser.bin";

/// The models shipped in the repository, compiled into the binary so that it runs from
/// anywhere without locating data files.
static BUNDLED_TAGGER: &[u8] = include_bytes!("../../../models/tagger.bin");
static BUNDLED_LEMMAS: &[u8] = include_bytes!("../../../models/lemmas.bin");
static BUNDLED_PARSER: &[u8] = include_bytes!("../../../models/parser.bin");

/// The analysis of one sentence: one entry per word in each vector.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub tags: Vec<Tag>,
    pub lemmas: Vec<String>,
    pub arcs: Vec<Arc>,
}

impl Models {
    pub fn bundled() -> Result<Models, ModelError> {
        Models::from_bytes(BUNDLED_TAGGER, BUNDLED_LEMMAS, BUNDLED_PARSER)
    }

    pub fn load_dir(dir: &Path) -> Result<Models, ModelError> {
        let read = |name: &str| std::fs::read(dir.join(name));
        Models::from_bytes(&read(TAGGER_FILE)?, &read(LEMMAS_FILE)?, &read(PARSER_FILE)?)
    }

    pub fn from_bytes(tagger: &[u8], lemmas: &[u8], parser: &[u8]) -> Result<Models, ModelError> {
        Ok(Models {
            tagger: Tagger::from_bytes(tagger)?,
            lemmatizer: Lemmatizer::from_bytes(lemmas)?,
            parser: Parser::from_bytes(parser)?,
        })
    }

    /// Tags, lemmatises and parses one sentence; `out` is reused across calls.
    pub fn analyse(&self, words: &[&str], out: &mut Analysis) {
        self.tag_and_lemmatise(words, out);
        self.parser.parse(words, &out.tags, &mut out.arcs);
    }

    /// Tags and lemmatises one sentence and leaves its arcs empty, for a caller that
    /// parses only the sentences it needs.
    pub fn tag_and_lemmatise(&self, words: &[&str], out: &mut Analysis) {
        self.tagger.tag(words, &mut out.tags);
        out.arcs.clear();
        out.lemmas.clear();
        out.lemmas.extend(words.iter().zip(&out.tags).map(|(w, &t)| self.lemmatizer.lemma(w, t).into_owned()));
    }

    /// Tags and parses without lemmas: what the speed benchmark measures.
    pub fn tag_and_parse(&self, words: &[&str], out: &mut Analysis) {
        self.tagger.tag(words, &mut out.tags);
        self.parser.parse(words, &out.tags, &mut out.arcs);
    }
}
