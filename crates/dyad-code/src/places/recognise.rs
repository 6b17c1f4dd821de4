//! Place names in the text: gazetteer hits that survive the checks against common words
//! and other names, each with all its readings (resolved in [`super::resolve`]).

use super::gazetteer::{Gazetteer, PlaceKind};
use super::normalize::key;
use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use std::collections::HashMap;
use std::ops::Range;

/// The longest name looked up, in tokens ("Bosnia - Herzegovina", "Saint Kitts and
/// Nevis", "Democratic Republic of the Congo").
const LONGEST_NAME: usize = 8;

/// One place name in the text, not yet resolved.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// Gazetteer ids of the places the name can be.
    pub readings: Vec<u32>,
    /// "the Russian-Ukrainian border": the two countries.
    pub border: Option<[u32; 2]>,
    /// The actor mention the name lies in.
    pub mention: Option<usize>,
}

/// Every place name of the article, in text order.
pub(super) fn candidates(
    gazetteer: &Gazetteer,
    metonyms: &HashMap<u64, String>,
    article: &AnalysedArticle,
    mentions: &[Mention],
) -> Vec<Candidate> {
    if gazetteer.is_empty() {
        return Vec::new();
    }
    let people = person_names(mentions);
    let mut found = Vec::new();
    let mut scratch = String::new();
    for sentence in 0..article.sentence_count() {
        let words = article.words(sentence);
        let scanner = SentenceScanner { gazetteer, metonyms, article, sentence, words, people: &people };
        scanner.scan(&mut scratch, &mut found);
    }
    for candidate in &mut found {
        candidate.mention = mentions.iter().position(|m| m.span.start <= candidate.start && candidate.end <= m.span.end);
    }
    found
}

/// Byte spans of people's names: a place name inside one is part of the name.
fn person_names(mentions: &[Mention]) -> Vec<Range<usize>> {
    mentions
        .iter()
        .filter_map(|m| match m.kind {
            MentionKind::Surname => Some(m.span.start..m.span.end),
            MentionKind::Named | MentionKind::Role => {
                let name = m.name.as_deref()?;
                let at = m.text.rfind(name)?;
                Some(m.span.start + at..m.span.start + at + name.len())
            }
            _ => None,
        })
        .collect()
}

struct SentenceScanner<'a> {
    gazetteer: &'a Gazetteer,
    metonyms: &'a HashMap<u64, String>,
    article: &'a AnalysedArticle<'a>,
    sentence: usize,
    words: Vec<&'a str>,
    people: &'a [Range<usize>],
}

impl SentenceScanner<'_> {
    fn scan(&self, scratch: &mut String, found: &mut Vec<Candidate>) {
        let mut at = 0;
        while at < self.words.len() {
            if !starts_upper(self.words[at]) {
                at += 1;
                continue;
            }
            if let Some(border) = self.border_at(at, scratch) {
                at = border.1;
                found.push(border.0);
                continue;
            }
            match self.longest_name_at(at, scratch) {
                Some((end, readings)) => {
                    if let Some(readings) = self.accept(at, end, readings) {
                        let span = self.span(at..end);
                        found.push(Candidate {
                            sentence: self.sentence,
                            start: span.start,
                            end: span.end,
                            readings,
                            border: None,
                            mention: None,
                        });
                    }
                    at = end;
                }
                None => at += 1,
            }
        }
    }

    fn span(&self, words: Range<usize>) -> Range<usize> {
        let span = self.article.words_span(self.sentence, words);
        span.start..span.end
    }

    fn upos(&self, word: usize) -> &'static str {
        self.article.analyses[self.sentence].tags.get(word).map(|t| t.upos_name()).unwrap_or("X")
    }

    /// The longest run of words from `start` that the gazetteer names: its end and
    /// the places it can be.
    fn longest_name_at(&self, start: usize, scratch: &mut String) -> Option<(usize, Vec<u32>)> {
        let in_country = |id: &u32, country: &str| self.gazetteer.place(*id).country.as_deref() == Some(country);
        let text = self.article.text();
        let mut best = None;
        for end in start + 1..=(start + LONGEST_NAME).min(self.words.len()) {
            let last = self.words[end - 1];
            if end > start + 1 && breaks_name(last) {
                break;
            }
            // "Ukraine ." is "Ukraine" and a full stop; "U.S." is one token.
            if !last.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let span = self.span(start..end);
            let name = key(&text[span], scratch);
            let mut readings: Vec<u32> = self.gazetteer.by_key(name).collect();
            // "White House" is the American government's, not Casablanca.
            if let Some(country) = self.metonyms.get(&name) {
                readings.retain(|id| in_country(id, country));
            }
            if !readings.is_empty() {
                best = Some((end, readings));
            }
        }
        best
    }

    /// The readings of the name at `start..end` that the context allows, or none if it
    /// is not a place here.
    fn accept(&self, start: usize, end: usize, mut readings: Vec<u32>) -> Option<Vec<u32>> {
        let span = self.span(start..end);
        if self.people.iter().any(|person| person.start < span.end && span.start < person.end) {
            return None;
        }
        if end == start + 1 && is_time_word(self.words[start]) {
            return None;
        }
        // A city name that the tagger reads as a common word ("Police", "Mobile",
        // "Reading", "Of") is that word; country and region names are names anyway.
        if !(start..end).any(|w| self.upos(w) == "PROPN") {
            readings.retain(|&id| self.gazetteer.place(id).kind != PlaceKind::City);
        }
        if readings.is_empty() || self.glued_to_name(start, end) {
            return None;
        }
        Some(readings)
    }

    /// A proper noun right before or after the hit makes it part of a longer name
    /// ("Washington Post", "US State Department", "Jack London"), except a weekday
    /// after it ("in Washington Tuesday") or a compass word before it.
    fn glued_to_name(&self, start: usize, end: usize) -> bool {
        let proper = |w: usize| self.upos(w) == "PROPN" && starts_upper(self.words[w]);
        let after = end < self.words.len() && proper(end) && !is_time_word(self.words[end]);
        let before = start > 0 && proper(start - 1) && !is_direction(self.words[start - 1]);
        after || before
    }

    /// "Russian-Ukrainian border", "Russia-Ukraine border": two countries (names or
    /// adjectives) joined by a hyphen or dash, then "border", "frontier", "boundary".
    fn border_at(&self, start: usize, scratch: &mut String) -> Option<(Candidate, usize)> {
        let words = self.words.get(start..start + 4)?;
        if !matches!(words[1], "-" | "\u{2013}" | "\u{2014}" | "/")
            || !matches!(words[3].to_lowercase().as_str(), "border" | "borders" | "frontier" | "boundary")
        {
            return None;
        }
        let first = self.country_word(words[0], scratch)?;
        let second = self.country_word(words[2], scratch)?;
        if first == second {
            return None;
        }
        let span = self.span(start..start + 4);
        let candidate = Candidate {
            sentence: self.sentence,
            start: span.start,
            end: span.end,
            readings: Vec::new(),
            border: Some([first, second]),
            mention: None,
        };
        Some((candidate, start + 4))
    }

    /// The country a single word names or qualifies ("Russia", "Russian").
    fn country_word(&self, word: &str, scratch: &mut String) -> Option<u32> {
        let hash = key(word, scratch);
        self.gazetteer
            .adjective_by_key(hash)
            .next()
            .or_else(|| self.gazetteer.by_key(hash).find(|&id| self.gazetteer.place(id).kind == PlaceKind::Country))
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Punctuation inside a name is a hyphen, an apostrophe, a period or "&"; any other
/// ends it ("Paris, Texas" is two names).
fn breaks_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| !c.is_alphanumeric() && !matches!(c, '-' | '\'' | '\u{2019}' | '.' | '&'))
}

/// Months and weekdays are dates, whatever town bears their name.
fn is_time_word(word: &str) -> bool {
    const TIME: [&str; 19] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ];
    TIME.contains(&word.to_lowercase().as_str())
}

fn is_direction(word: &str) -> bool {
    const DIRECTIONS: [&str; 16] = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
        "upper", "lower", "northeast", "northwest", "southeast", "southwest",
    ];
    DIRECTIONS.contains(&word.to_lowercase().as_str())
}
