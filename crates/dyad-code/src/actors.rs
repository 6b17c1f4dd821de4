//! Actor mentions resolved to CAMEO actor codes as of the article's date (being written).

use crate::article::AnalysedArticle;
use dyad_dict::Dictionaries;
use dyad_text::Span;
use serde::Serialize;
use std::ops::Range;

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person's name known from the dated overlay or from its role words.
    Named,
    /// A role noun phrase ("the State Department spokesman").
    Role,
    /// A capital or building standing for a government ("Moscow", "the Kremlin").
    Metonym,
    Pronoun,
    /// A surname repeating an earlier full name ("Price").
    Surname,
    /// A phrase from the actor dictionaries.
    Dictionary,
}

/// One actor mention in the article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub sentence: usize,
    /// Word indices (0-based, half-open) within the sentence.
    pub words: Range<usize>,
    pub span: Span,
    pub text: String,
    /// Full CAMEO actor code (`USAGOV`, `IGOWSTNAT`).
    pub code: String,
    /// ISO 3166-1 alpha-3, or the CAMEO region/IGO code where no single country applies.
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The person's name, for people.
    pub name: Option<String>,
    pub kind: MentionKind,
    /// Index (into the article's mentions) of the mention this one repeats.
    pub refers_to: Option<usize>,
    /// Evidence: dictionary `file:line`, or the name of the rule that recognised it.
    pub rule: String,
}

/// Finds actor mentions (being written).
pub struct ActorResolver {}

impl ActorResolver {
    pub fn new(_dictionaries: &Dictionaries) -> ActorResolver {
        ActorResolver {}
    }

    /// Every actor mention of the article, ordered by sentence and position.
    pub fn mentions(&self, _article: &AnalysedArticle, _dictionaries: &Dictionaries) -> Vec<Mention> {
        Vec::new()
    }
}
