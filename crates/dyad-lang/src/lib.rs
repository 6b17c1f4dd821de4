//! The language layer of dyad: POS tagging, lemmas and labelled dependency trees for
//! English news, trained by the project from UD English EWT and GUM news.

pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod segment_eval;
pub mod tagger;
pub mod tags;
pub mod train;

pub use lemma::Lemmatizer;
pub use model::ModelError;
pub use parser::{Arc, Draft, Parser};
pub use pipeline::{Analysis, Models};
pub use tagger::Tagger;
pub use tags::Tag;
