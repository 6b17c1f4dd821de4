//! Coreference within an article: which mentions are the same person (or the same
//! organisation).
//!
//! People are found where the actor layer found them (named, surname, pronoun and
//! role-noun mentions, already linked by `actors::refer`) and, for people no
//! dictionary codes, in the dependency tree: runs of proper nouns that a first name,
//! a title, a role noun or an appositive marks as a person, or that repeat the name
//! or surname of a person already met; he/she pronouns; definite role nouns ("the
//! minister"); appositives ("the head of the department, Lloyd Austin"). Each mention
//! joins an entity:
//! - a name joins the entity of the same full name, a lone word the entity whose
//!   surname it is;
//! - a pronoun the nearest compatible person earlier in its sentence, else the first
//!   one (the subject, as a rule) of the nearest of the three sentences before;
//! - a role noun the latest person described by the same role word;
//! - an appositive its anchor's;
//! - a first-person pronoun inside a direct quotation its speaker's
//!   ([`Coreference::link_quotes`]).
//!
//! Organisations: a definite phrase repeating the last word of an organisation met
//! before ("the ministry" after "the Russian Foreign Ministry") refers to it: in
//! [`Coreference::organisations`] when no dictionary codes it (a quotation's speaker
//! takes its code from there), and through [`organisation_links`] when the
//! dictionaries code it as the same actor.
//!
//! One pass over the sentences, with hash lookups for names: linear in the article.

mod resolve;
pub mod names;
mod words;

pub use names::Gender;

use crate::actors::{ActorResolver, Mention, MentionKind};
use crate::article::AnalysedArticle;
use crate::events::tree::Trees;
use crate::quotes::{Quote, QuoteKind};
use resolve::Builder;
use dyad_lang::Parser;
use dyad_text::Span;
use names::is_first_person;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// How a person mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    Name,
    Pronoun,
    Role,
    Appositive,
    /// "I", "my" inside a quotation.
    Speaker,
    /// A group of people ("the girls", "officials") or "they" for one.
    Group,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonMention {
    pub sentence: usize,
    pub words: Range<usize>,
    pub span: Span,
    pub kind: PersonKind,
    /// Index into [`Coreference::entities`].
    pub entity: usize,
    /// The actor mention this is, when the actor layer found it.
    pub actor: Option<usize>,
}

/// One person: what is known of them from all their mentions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entity {
    /// The longest name written for them.
    pub name: Option<String>,
    pub gender: Option<Gender>,
    /// Upper-case role words said of them ("SPOKESMAN", "MINISTER").
    pub roles: Vec<String>,
    /// A group of people.
    pub plural: bool,
}

/// The article's people and which mentions are whom.
#[derive(Clone, Debug, Default)]
pub struct Coreference {
    /// In text order.
    pub mentions: Vec<PersonMention>,
    pub entities: Vec<Entity>,
    /// Definite phrases no dictionary codes that take up an organisation named
    /// before ("the ministry" after "the Russian Foreign Ministry"), in text order.
    pub organisations: Vec<OrganisationMention>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrganisationMention {
    pub sentence: usize,
    pub words: Range<usize>,
    pub span: Span,
    /// The actor mention it refers to.
    pub refers_to: usize,
}

impl Coreference {
    /// The people of the article. `actors` are its actor mentions (their links are
    /// kept), `resolver` knows the gender of first names and titles.
    pub fn resolve(
        article: &AnalysedArticle,
        actors: &[Mention],
        resolver: &ActorResolver,
        parser: &Parser,
    ) -> Coreference {
        Coreference::resolve_with(article, &Trees::new(article, parser), actors, resolver)
    }

    /// [`Coreference::resolve`] over trees the caller shares with other stages.
    pub(crate) fn resolve_with<'a>(
        article: &'a AnalysedArticle<'a>,
        trees: &Trees<'a>,
        actors: &[Mention],
        resolver: &ActorResolver,
    ) -> Coreference {
        let mut builder = Builder::new(article, actors, resolver);
        let mut first_actor = 0;
        for sentence in 0..article.sentence_count() {
            let last_actor = first_actor + actors[first_actor..].partition_point(|m| m.sentence <= sentence);
            builder.sentence(article, &trees.sentence(sentence), sentence, first_actor..last_actor);
            first_actor = last_actor;
        }
        builder.coref
    }

    /// The person mention covering word `word` of `sentence`, the shortest if several.
    pub fn person_at(&self, sentence: usize, word: usize) -> Option<&PersonMention> {
        let start = self.mentions.partition_point(|m| m.sentence < sentence);
        self.mentions[start..]
            .iter()
            .take_while(|m| m.sentence == sentence)
            .filter(|m| m.words.contains(&word))
            .min_by_key(|m| m.words.len())
    }

    /// The organisation phrase covering word `word` of `sentence`.
    pub fn organisation_at(&self, sentence: usize, word: usize) -> Option<&OrganisationMention> {
        let start = self.organisations.partition_point(|m| m.sentence < sentence);
        self.organisations[start..].iter().take_while(|m| m.sentence == sentence).find(|m| m.words.contains(&word))
    }

    pub fn name_of(&self, entity: usize) -> Option<&str> {
        self.entities.get(entity)?.name.as_deref()
    }

    /// The name of the person mentioned exactly at `span`.
    pub fn name_at_span(&self, span: Span) -> Option<&str> {
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        let found =
            self.mentions[first..].iter().take_while(|m| m.span.start == span.start).find(|m| m.span == span)?;
        self.name_of(found.entity)
    }

    /// The entity of the person mention holding `span`.
    fn entity_around(&self, span: Span) -> Option<usize> {
        // Mentions are in text order and short: those starting a little before
        // `span` are the only ones that can hold it.
        let end = self.mentions.partition_point(|m| m.span.start <= span.start);
        self.mentions[..end].iter().rev().take(8).find(|m| span.end <= m.span.end).map(|m| m.entity)
    }

    /// The mentions of each entity, entities with two or more mentions only.
    pub fn chains(&self) -> Vec<Vec<&PersonMention>> {
        let mut chains: Vec<Vec<&PersonMention>> = vec![Vec::new(); self.entities.len()];
        for mention in &self.mentions {
            chains[mention.entity].push(mention);
        }
        chains.retain(|chain| chain.len() > 1);
        chains
    }

    /// "I", "me", "my" inside a direct quotation are its speaker, and so are the
    /// first-person words chained to them after it ([`PersonKind::Speaker`]): a
    /// quotation often runs on over sentences its marks do not close.
    pub fn link_quotes(&mut self, article: &AnalysedArticle, quotes: &[Quote]) {
        let text = article.text();
        let mut added = Vec::new();
        // (mention, the entity its voice had, the speaker's entity), in quote order.
        let mut spoken: Vec<(usize, usize, usize)> = Vec::new();
        for quote in quotes.iter().filter(|quote| quote.kind == QuoteKind::Direct) {
            let Some(speaker) = &quote.speaker else {
                continue;
            };
            let Some(entity) = self.entity_around(speaker.span) else {
                continue;
            };
            let sentences = &article.segmentation.sentences;
            let first = sentences.partition_point(|s| s.span.end <= quote.span.start);
            for (sentence, segment) in sentences.iter().enumerate().skip(first) {
                if segment.span.start >= quote.span.end {
                    break;
                }
                let tokens = segment.tokens.clone();
                for (w, token) in article.segmentation.tokens[tokens].iter().enumerate() {
                    let inside = quote.span.start <= token.start && token.end <= quote.span.end;
                    if !inside || !is_first_person(&token.of(text).to_uppercase()) {
                        continue;
                    }
                    let at = self.mentions.partition_point(|m| (m.sentence, m.words.start) < (sentence, w));
                    match self.mentions.get_mut(at).filter(|m| m.sentence == sentence && m.words == (w..w + 1)) {
                        Some(existing) => {
                            if existing.kind == PersonKind::Speaker {
                                spoken.push((at, existing.entity, entity));
                            }
                            existing.entity = entity;
                        }
                        None => added.push(PersonMention {
                            sentence,
                            words: w..w + 1,
                            span: *token,
                            kind: PersonKind::Speaker,
                            entity,
                            actor: None,
                        }),
                    }
                }
            }
        }
        self.carry_speakers(spoken);
        if !added.is_empty() {
            self.mentions.extend(added);
            self.mentions.sort_by_key(|m| (m.sentence, m.words.start, m.words.end));
        }
    }

    /// From each first-person word a quotation gave its speaker on, the later words
    /// of the same voice are that speaker too, until another quotation says otherwise.
    /// One pass over the mentions.
    fn carry_speakers(&mut self, mut spoken: Vec<(usize, usize, usize)>) {
        spoken.sort_by_key(|&(at, _, _)| at);
        let Some(&(first, _, _)) = spoken.first() else {
            return;
        };
        let mut carried: HashMap<usize, usize> = HashMap::new();
        let mut next = spoken.iter().peekable();
        for at in first..self.mentions.len() {
            let mut quoted = false;
            while let Some(&&(_, voice, speaker)) = next.peek().filter(|(start, _, _)| *start == at) {
                carried.insert(voice, speaker);
                quoted = true;
                next.next();
            }
            let mention = &mut self.mentions[at];
            if quoted || mention.kind != PersonKind::Speaker {
                continue;
            }
            if let Some(&speaker) = carried.get(&mention.entity) {
                mention.entity = speaker;
            }
        }
    }

    /// For every actor mention, the earlier actor mention of the same entity, where
    /// the actor layer did not link them itself.
    pub fn actor_links(&self, actors: &[Mention]) -> Vec<Option<usize>> {
        let mut first_of_entity: HashMap<usize, usize> = HashMap::new();
        let mut links: Vec<Option<usize>> = actors.iter().map(|m| m.refers_to).collect();
        for person in &self.mentions {
            let Some(actor) = person.actor else {
                continue;
            };
            match first_of_entity.get(&person.entity) {
                Some(&first) if links[actor].is_none() && first < actor => links[actor] = Some(first),
                Some(_) => {}
                None => {
                    first_of_entity.insert(person.entity, links[actor].unwrap_or(actor));
                }
            }
        }
        links
    }
}

/// "the ministry" after "the Russian Foreign Ministry": a definite dictionary phrase
/// of at most three words, with no name in it, refers to the latest earlier mention
/// with the same code and the same last word.
pub fn organisation_links(article: &AnalysedArticle, actors: &[Mention], links: &mut [Option<usize>]) {
    let text = article.text();
    let mut latest: HashMap<(&str, String), usize> = HashMap::new();
    for (index, mention) in actors.iter().enumerate() {
        if mention.kind != MentionKind::Dictionary {
            continue;
        }
        let words: Vec<&str> = mention.span.of(text).split_whitespace().collect();
        let Some(last) = words.last().map(|w| w.to_uppercase()) else {
            continue;
        };
        let definite = words.len() <= 3 && words[0].eq_ignore_ascii_case("the");
        let plain = words[1..].iter().all(|w| w.chars().next().is_some_and(char::is_lowercase));
        let key = (mention.code.as_str(), last);
        if definite && plain && links[index].is_none() {
            if let Some(&earlier) = latest.get(&key) {
                links[index] = Some(actors[earlier].refers_to.unwrap_or(earlier));
            }
        }
        latest.insert(key, index);
    }
}
