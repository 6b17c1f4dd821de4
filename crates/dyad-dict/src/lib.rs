//! The field's event-coding dictionaries (PETRARCH2, PETRARCH1/TABARI, Phoenix) read
//! as they are and compiled into matchers for the event coder.
//!
//! Readers never fail on content: a line they cannot use becomes a [`Warning`] with
//! its file and line, and everything else is kept.

mod actors;
mod agents;
mod date;
mod discards;
mod issues;
mod normalize;
mod pattern;
mod production;
mod source;
mod trie;
mod verbs;

pub use actors::{Actor, ActorDictionary, ActorMatch, DatedCode};
pub use agents::{Agent, AgentDictionary, AgentMatch, AgentPlacement};
pub use date::{parse_date, DateRestriction};
pub use discards::{Discard, DiscardDictionary, DiscardMatch, DiscardScope};
pub use issues::{Issue, IssueDictionary, IssueKind, IssueMatch};
pub use normalize::{noun_plural, normalize_token, phrase_words, verb_forms};
pub use pattern::{EventCode, Pattern, PatternItem};
pub use production::{production, production_sources, Dictionaries, DictionaryFiles, DictionarySources};
pub use source::{DictError, Rule, Source, Warning};
pub use verbs::{Clause, Synset, Transformation, Verb, VerbBlock, VerbDictionary, VerbFormat, VerbMatch, VerbPhrase};
