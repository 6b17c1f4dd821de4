//! Events: who did what to whom, from the parse and the verb patterns (being written).

use crate::actors::Mention;
use crate::article::AnalysedArticle;
use dyad_dict::Dictionaries;
use dyad_text::Span;
use serde::Serialize;

/// Whether the event happened, as the sentence tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    /// Announced or intended ("intends to", "will"): coded with CAMEO's intent codes.
    Intended,
    /// Conditional or possible ("would respond", "could be reinforced").
    Hypothetical,
}

/// A source or target of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Participant {
    /// Index into the article's mentions.
    pub mention: usize,
    pub span: Span,
    pub text: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub sentence: usize,
    pub source: Option<Participant>,
    pub target: Option<Participant>,
    /// CAMEO event code (`124`, `0314`).
    pub cameo: String,
    pub trigger: Span,
    pub negated: bool,
    pub modality: Modality,
    /// The mention that reports the event ("X said Y attacked Z": X).
    pub reporter: Option<usize>,
    /// Index into the article's quotes, once quotations exist (issue #4).
    pub quote: Option<usize>,
    /// How many times the article reports this event (GDELT's NumMentions).
    pub mentions: u32,
    /// Evidence: dictionary `file:line` and the pattern that fired.
    pub rule: String,
}

/// Codes events (being written).
pub struct EventCoder {}

impl EventCoder {
    pub fn new(_dictionaries: &Dictionaries) -> EventCoder {
        EventCoder {}
    }

    pub fn events(&self, _article: &AnalysedArticle, _mentions: &[Mention], _dictionaries: &Dictionaries) -> Vec<Event> {
        Vec::new()
    }
}
