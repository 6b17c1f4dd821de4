//! The field's event-coding dictionaries (PETRARCH2, PETRARCH1/TABARI, Phoenix) read
//! as they are and compiled into matchers for the event coder.
//!
//! Readers never fail on content: a line they cannot use becomes a [`Warning`] with
//! its file and line, and everything else is kept.
//!
//! Phrase matchers take tokens as a UD-style tokenizer produces them (`U.S.` one
//! token, `NATO` `'s` and `Russian` `-` `Ukrainian` split) in any case; dictionary
//! phrases (`UNITED_STATES_`) are split the same way when loaded.
//!
//! ```
//! use chrono::NaiveDate;
//!
//! let dictionaries = dyad_dict::production();
//! let tokens = ["The", "United", "States", "and", "Russia"];
//! let date = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
//! let actor = dictionaries.actors.lookup_at(&tokens, 1, date).unwrap();
//! assert_eq!((actor.len, actor.code), (2, "USA"));
//!
//! let ask = dictionaries.verbs.lookup("ask").find(|hit| hit.verb.lemma.words == ["ASK"]).unwrap();
//! assert_eq!(ask.code().unwrap().to_string(), "020");
//! assert!(ask.patterns().iter().any(|pattern| pattern.text == "* EXTRADITION"));
//! ```

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
pub use normalize::{normalize_token, noun_plural, phrase_words, verb_forms};
pub use pattern::{EventCode, Pattern, PatternItem, WordSketch};
pub use production::{production, production_sources, Dictionaries, DictionaryFiles, DictionarySources};
pub use source::{DictError, Rule, Source, Warning};
pub use trie::{FastHasher, FastMap};
pub use verbs::{Clause, Synset, Transformation, Verb, VerbBlock, VerbDictionary, VerbFormat, VerbMatch, VerbPhrase};
