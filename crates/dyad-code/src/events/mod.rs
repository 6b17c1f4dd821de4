//! Events: who did what to whom, from the dependency parse and the verb patterns of
//! the verb dictionary (PETRARCH2 or TABARI format).
//!
//! For each sentence: the sentence and story discards are checked first (a sentence
//! discard phrase in a subordinate clause only rules out that clause); then every
//! verb found in the dictionary (by lemma, multi-word verbs by their particles) is
//! coded with its most specific matching pattern, or its verb's or block's default
//! code; a light verb whose object names an event ("held talks") is coded as that
//! noun's verb. Sources and targets come from the pattern's `$` and `+` when it has
//! them, otherwise from the tree ([`roles`]): subjects, objects, prepositional
//! objects, passive agents, conjuncts of compound actors.
//!
//! Open complements are folded into their governing verb: "intends to meet" is an
//! intent to meet ([`codes::intent_of`]), "threatened to impose" a threat
//! ([`codes::threat_of`]), "refuse to compromise" a refusal. Negation turns
//! cooperation into rejection ([`codes::refusal_of`]) and drops what did not happen;
//! modals and conditions set the [`Modality`]. Reporting verbs give the events of
//! their complement a reporter instead of an event of their own ("X said" alone is a
//! statement), what is demanded is not coded as done, and "X said Y must" is X's
//! demand of Y. An event reported twice is one record with a count.

mod clause;
pub mod codes;
mod nouns;
mod patterns;
mod repair;
mod roles;
mod transform;
pub(crate) mod tree;

use crate::actors::Mention;
use crate::article::AnalysedArticle;
use dyad_dict::{Dictionaries, DiscardScope};
use dyad_lang::Parser;
use dyad_text::Span;
use serde::Serialize;

/// Whether the event happened, as the sentence tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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

impl Participant {
    pub fn of(mentions: &[Mention], index: usize) -> Participant {
        let mention = &mentions[index];
        Participant {
            mention: index,
            span: mention.span,
            text: mention.text.clone(),
            code: mention.code.clone(),
            country: mention.country.clone(),
            sector: mention.sector.clone(),
        }
    }
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

impl Event {
    /// What makes two reports the same event.
    fn identity(&self) -> (Option<&str>, Option<&str>, &str, bool, Modality) {
        fn code(participant: &Option<Participant>) -> Option<&str> {
            participant.as_ref().map(|p| p.code.as_str())
        }
        (code(&self.source), code(&self.target), self.cameo.as_str(), self.negated, self.modality)
    }
}

/// Codes events from analysed articles and their actor mentions.
pub struct EventCoder {}

impl EventCoder {
    pub fn new(_dictionaries: &Dictionaries) -> EventCoder {
        EventCoder {}
    }

    /// Every event of the article, in order of first report; repeated reports of one
    /// event are merged and counted in [`Event::mentions`]. `parser` names the
    /// dependency relations of the article's trees.
    pub fn events(
        &self,
        article: &AnalysedArticle,
        mentions: &[Mention],
        dictionaries: &Dictionaries,
        parser: &Parser,
    ) -> Vec<Event> {
        self.events_with(article, &tree::Trees::new(article, parser), mentions, dictionaries)
    }

    /// [`EventCoder::events`] over trees the caller shares with other stages.
    pub(crate) fn events_with<'a>(
        &self,
        article: &'a AnalysedArticle<'a>,
        trees: &tree::Trees<'a>,
        mentions: &[Mention],
        dictionaries: &Dictionaries,
    ) -> Vec<Event> {
        let discarded = discards(article, dictionaries);
        if discarded.contains(&Discarded::Story) {
            return Vec::new();
        }
        let mut events = Vec::new();
        // An event's source and target are mentions of its own sentence, so a sentence
        // with none has no event and its tree need not be built (nor parsed).
        let mut with_mentions = vec![false; article.sentence_count()];
        for mention in mentions {
            if let Some(flag) = with_mentions.get_mut(mention.sentence) {
                *flag = true;
            }
        }
        for (sentence, discard) in discarded.into_iter().enumerate() {
            if !with_mentions[sentence] {
                continue;
            }
            let phrases = match discard {
                Discarded::Phrases(phrases) => phrases,
                Discarded::Story => unreachable!("a story discard returned above"),
            };
            // The shared tree as the other stages see it, or this stage's repaired copy.
            let shared = trees.get(sentence);
            let repaired = repair::repaired(shared, &dictionaries.verbs);
            let tree = repaired.as_ref().unwrap_or(shared);
            let Some(discarded_clauses) = clause::discarded_clauses(tree, &phrases) else {
                continue;
            };
            let context = clause::SentenceContext {
                article,
                sentence,
                tree,
                mentions,
                dictionaries,
                discarded: &discarded_clauses,
            };
            events.extend(context.events());
        }
        merge_repeats(events)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Discarded {
    /// The first words of the sentence-level discard phrases found (none: keep all).
    Phrases(Vec<usize>),
    Story,
}

/// The sentence-level discard phrases (sports, weather, history) of each sentence; a
/// story-level phrase discards the whole article.
fn discards(article: &AnalysedArticle, dictionaries: &Dictionaries) -> Vec<Discarded> {
    (0..article.sentence_count())
        .map(|sentence| {
            let words = article.words(sentence);
            let mut found = Vec::new();
            for start in 0..words.len() {
                match dictionaries.discards.lookup_at(&words, start).map(|hit| hit.scope) {
                    Some(DiscardScope::Story) => return Discarded::Story,
                    Some(DiscardScope::Sentence) => found.push(start),
                    None => {}
                }
            }
            Discarded::Phrases(found)
        })
        .collect()
}

/// One record per event: later reports of the same source, target, code, polarity and
/// modality add to the first one's count.
fn merge_repeats(events: Vec<Event>) -> Vec<Event> {
    let mut merged: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        match merged.iter_mut().find(|kept| kept.identity() == event.identity()) {
            Some(kept) => kept.mentions += 1,
            None => merged.push(event),
        }
    }
    merged
}
