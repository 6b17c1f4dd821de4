//! Evaluations the CLI's `dyad eval` runs: the PETRARCH unit-test suite ([`petr`]), the
//! PLOVER gold records ([`plover`]) and an example's reference annotation ([`gold`]).
//! Each returns counts with per-record details and prints nothing.

pub mod coref;
mod gold;
mod mentions;
mod petr;
mod plover;

pub use coref::{coref, CorefScores, Prf};
pub use gold::{gold, GoldItem, GoldScores, QuoteItem, TimeScores};

/// One coded event as the listings show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedEvent {
    pub sentence: usize,
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: String,
    pub trigger: String,
    pub rule: String,
}

impl CodedEvent {
    fn of(event: &Event, text: &str) -> CodedEvent {
        let code = |p: &Option<crate::events::Participant>| p.as_ref().map(|p| p.code.clone());
        CodedEvent {
            sentence: event.sentence,
            source: code(&event.source),
            target: code(&event.target),
            cameo: event.cameo.clone(),
            trigger: event.trigger.of(text).to_string(),
            rule: event.rule.clone(),
        }
    }
}
pub use mentions::dictionary_mentions;
pub use petr::{petr, PetrRecord, PetrScores, Triple};
pub use plover::{plover, plover_type, PloverRecord, PloverScores};

use crate::actors::ActorResolver;
use crate::article::AnalysedArticle;
use crate::events::{Event, EventCoder};
use dyad_dict::Dictionaries;
use dyad_lang::Models;
use dyad_text::Document;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Dictionary(#[from] dyad_dict::DictError),
    #[error("{path}: {message}")]
    Format { path: String, message: String },
}

fn read(path: &std::path::Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.display().to_string(), source })
}

/// The stages an evaluation runs, over one dictionary set.
struct Pipeline<'a> {
    models: &'a Models,
    dictionaries: &'a Dictionaries,
    actors: &'a ActorResolver,
    events: &'a EventCoder,
}

impl Pipeline<'_> {
    /// Codes a document; where the actor resolver finds no mention at all, the
    /// dictionary phrases stand in, so that events are scored even without it.
    fn code(&self, document: &Document) -> Vec<Event> {
        let article = AnalysedArticle::analyse(document, self.models);
        let mut mentions = self.actors.mentions(&article, self.dictionaries);
        if mentions.is_empty() {
            mentions = dictionary_mentions(&article, self.dictionaries);
        }
        self.events.events(&article, &mentions, self.dictionaries, &self.models.parser)
    }
}

/// Whether an actor code names `wanted` (a country, region or IGO code, a full code,
/// or one of the organisations the references name by acronym).
fn names(code: &str, country: Option<&str>, wanted: &str) -> bool {
    let wanted = wanted.to_uppercase();
    let wanted = match wanted.as_str() {
        "NATO" => "IGOWSTNAT".to_string(),
        "EU" => "IGOEUREEC".to_string(),
        "UN" => "IGOUNO".to_string(),
        // The PLOVER records write some countries with pre-ISO codes the CAMEO actor
        // dictionaries do not use: Japan, Italy, East Timor (Phoenix's TMP).
        "JAP" => "JPN".to_string(),
        "ITL" => "ITA".to_string(),
        "TLS" => "TMP".to_string(),
        _ => wanted,
    };
    !wanted.is_empty()
        && (country == Some(wanted.as_str())
            || code.starts_with(&wanted)
            || (wanted.len() >= 3 && code.contains(&wanted)))
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn gold_codes_name_our_codes() {
        assert!(names("JPNGOV", Some("JPN"), "JAP"), "the records' Japan");
        assert!(names("ITA", Some("ITA"), "itl"), "the records' Italy");
        assert!(names("TMP", Some("TMP"), "TLS"), "the records' East Timor");
        assert!(names("IGOWSTNAT", None, "NATO"));
        assert!(names("SCGSRB", Some("SCG"), "SRB"), "a code inside a longer one");
        assert!(!names("JPNGOV", Some("JPN"), "CHN"));
        assert!(!names("USA", Some("USA"), ""), "an empty gold code names nothing");
    }
}
