//! Errors shared by the model files of the tagger, lemmatizer and parser.

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{what} model is empty: train it with `dyad train` (see README)")]
    Missing { what: &'static str },
    #[error("{what} model: not a dyad model file or a different format version (found {found:?})")]
    Version { what: &'static str, found: String },
    #[error("{what} model: corrupt file: {message}")]
    Corrupt { what: &'static str, message: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
