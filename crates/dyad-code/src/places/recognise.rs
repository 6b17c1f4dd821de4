//! Place names in the text: gazetteer hits that survive the checks against common words
//! and other names, each with all its readings (resolved in [`super::resolve`]).

use super::gazetteer::{Gazetteer, NameHit, PlaceKind};
use super::normalize::key;
use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The longest name looked up, in tokens ("Bosnia - Herzegovina", "Saint Kitts and
/// Nevis", "Democratic Republic of the Congo").
const LONGEST_NAME: usize = 8;

/// A city known by an alternate name only when it is this big: GeoNames' alternates
/// of small places include surnames and words ("Hughes", "Bank", "North"), while the
/// spellings news uses are those of large cities ("Peking", "Basra", "Duesseldorf").
const ALTERNATE_NAME_POPULATION: u64 = 200_000;
/// A city smaller than this, and not a capital, needs a cue that a place is meant
/// ("in Taft", "Norfolk, Virginia"): its name is as likely a company's or a person's.
const CUED_POPULATION: u64 = 100_000;
/// A city this large is meant by its name even where the article also uses the name
/// inside another ("New York" after "New York Times").
const FAMOUS_POPULATION: u64 = 1_000_000;

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
    /// The key of the name as written.
    pub key: u64,
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
    let mut glued = HashSet::new();
    let mut scratch = String::new();
    for sentence in 0..article.sentence_count() {
        let words = article.words(sentence);
        let scanner = SentenceScanner { gazetteer, metonyms, article, sentence, words, people: &people };
        scanner.scan(&mut scratch, &mut found, &mut glued);
    }
    // "Bob Henderson ... Henderson said", "Midland Bank ... Midland": a name the
    // article uses inside a longer one is that name's short form elsewhere too,
    // unless the place is a capital or a city of millions.
    if !glued.is_empty() {
        for candidate in &mut found {
            if glued.contains(&candidate.key) {
                candidate.readings.retain(|&id| {
                    let place = gazetteer.place(id);
                    place.kind != PlaceKind::City || place.capital || place.population >= FAMOUS_POPULATION
                });
            }
        }
        found.retain(|c| c.border.is_some() || !c.readings.is_empty());
    }
    for candidate in &mut found {
        candidate.mention = containing(mentions, candidate.start..candidate.end, |m| m.span.start..m.span.end);
    }
    found
}

/// The index of the item of `items` (in text order, not nested) whose span contains
/// `span`: a binary search, not a scan per name.
pub(super) fn containing<T>(items: &[T], span: Range<usize>, span_of: impl Fn(&T) -> Range<usize>) -> Option<usize> {
    let after = items.partition_point(|item| span_of(item).start <= span.start);
    let index = after.checked_sub(1)?;
    let found = span_of(&items[index]);
    (found.start <= span.start && span.end <= found.end).then_some(index)
}

/// Byte spans of people's names, in text order: a place name inside one is part of
/// the name.
fn person_names(mentions: &[Mention]) -> Vec<Range<usize>> {
    let mut names: Vec<Range<usize>> = mentions
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
        .collect();
    names.sort_by_key(|name| name.start);
    names
}

enum Verdict {
    Place(Vec<u32>),
    /// Part of a person's or an organisation's name.
    PartOfName,
    NotAPlace,
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
    fn scan(&self, scratch: &mut String, found: &mut Vec<Candidate>, glued: &mut HashSet<u64>) {
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
            if let Some(qualifier) = self.abbreviation_at(at, found, scratch) {
                found.push(qualifier);
                at += 1;
                continue;
            }
            match self.longest_name_at(at, scratch) {
                Some((end, readings)) => {
                    let span = self.span(at..end);
                    let key = key(&self.article.text()[span.clone()], scratch);
                    match self.accept(at, end, readings) {
                        Verdict::Place(readings) => found.push(Candidate {
                            sentence: self.sentence,
                            start: span.start,
                            end: span.end,
                            readings,
                            border: None,
                            mention: None,
                            key,
                        }),
                        Verdict::PartOfName => {
                            glued.insert(key);
                        }
                        Verdict::NotAPlace => {}
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

    /// "Calif." in "Pleasanton, Calif.": a division's abbreviation right after a
    /// place of this sentence and a comma.
    fn abbreviation_at(&self, at: usize, found: &[Candidate], scratch: &mut String) -> Option<Candidate> {
        if at < 2 || self.words[at - 1] != "," {
            return None;
        }
        let previous = found.last().filter(|c| c.sentence == self.sentence && c.end == self.span(at - 2..at - 1).end)?;
        let key = key(self.words[at], scratch);
        let readings: Vec<u32> = self.gazetteer.abbreviation_by_key(key).collect();
        if readings.is_empty() || previous.border.is_some() {
            return None;
        }
        let span = self.span(at..at + 1);
        Some(Candidate { sentence: self.sentence, start: span.start, end: span.end, readings, border: None, mention: None, key })
    }

    /// The longest run of words from `start` that the gazetteer names: its end and
    /// the places it can be.
    fn longest_name_at(&self, start: usize, scratch: &mut String) -> Option<(usize, Vec<u32>)> {
        let in_country = |id: &u32, country: &str| self.gazetteer.place(*id).country.as_deref() == Some(country);
        let known_by = |hit: &NameHit| {
            let place = self.gazetteer.place(hit.place);
            hit.canonical || place.kind != PlaceKind::City || place.population >= ALTERNATE_NAME_POPULATION
        };
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
            let mut readings: Vec<u32> =
                self.gazetteer.names_by_key(name).filter(known_by).map(|hit| hit.place).collect();
            // "White House" is the American government's, not Casablanca.
            if let Some(country) = self.metonyms.get(&name) {
                readings.retain(|id| in_country(id, country));
            }
            if !readings.is_empty() {
                best = Some((end, readings));
            }
            if !self.gazetteer.is_prefix(name) {
                break;
            }
        }
        best
    }

    /// The readings of the name at `start..end` that the context allows, or none if it
    /// is not a place here.
    fn accept(&self, start: usize, end: usize, mut readings: Vec<u32>) -> Verdict {
        let span = self.span(start..end);
        let first_after = self.people.partition_point(|person| person.start < span.end);
        let overlaps = |person: &Range<usize>| span.start < person.end;
        if self.people[..first_after].iter().rev().take(2).any(overlaps) {
            return Verdict::PartOfName;
        }
        if end == start + 1 && is_time_word(self.words[start]) {
            return Verdict::NotAPlace;
        }
        // A city name that the tagger reads as a common word ("Police", "Mobile",
        // "Reading", "Of") is that word; country and region names are names anyway.
        let common_word = !(start..end).any(|w| self.upos(w) == "PROPN");
        // "ICO", "GAO", "IRNA": capitals spell acronyms; countries keep theirs ("UAE").
        let acronym = (start..end).all(|w| is_all_caps(self.words[w]));
        let cued = self.place_cue(start, end);
        let hyphenated = self.hyphenated(start, end);
        readings.retain(|&id| {
            let place = self.gazetteer.place(id);
            let small = place.population < CUED_POPULATION;
            place.kind != PlaceKind::City || !(common_word || acronym || hyphenated || (small && !cued))
        });
        if self.glued_to_name(start, end) || self.in_name_of(start) {
            return Verdict::PartOfName;
        }
        if readings.is_empty() {
            return Verdict::NotAPlace;
        }
        Verdict::Place(readings)
    }

    /// "Ciba-Geigy", "Rolls-Royce": a capitalised word joined by a hyphen.
    fn hyphenated(&self, start: usize, end: usize) -> bool {
        let capital_at = |w: usize| self.words.get(w).is_some_and(|w| starts_upper(w));
        let after = self.words.get(end) == Some(&"-") && capital_at(end + 1);
        let before = start >= 2 && self.words[start - 1] == "-" && capital_at(start - 2);
        after || before
    }

    /// A preposition before the name ("in Taft", "from Norfolk") or a qualifier after
    /// it ("Norfolk, Va").
    fn place_cue(&self, start: usize, end: usize) -> bool {
        const CUES: [&str; 12] =
            ["in", "at", "near", "from", "to", "outside", "into", "across", "via", "through", "towards", "around"];
        let before = start > 0 && CUES.contains(&self.words[start - 1].to_lowercase().as_str());
        let qualified =
            self.words.get(end) == Some(&",") && self.words.get(end + 1).is_some_and(|w| starts_upper(w));
        before || qualified
    }

    /// "Bank of England", "University of California": after "of" that follows a
    /// capitalised proper noun, the name is part of an organisation's.
    fn in_name_of(&self, start: usize) -> bool {
        start >= 2
            && self.words[start - 1] == "of"
            && self.upos(start - 2) == "PROPN"
            && starts_upper(self.words[start - 2])
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
            key: 0,
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

/// Two or more letters, all capitals ("ICO", "U.N."; not "A" or "Paris").
fn is_all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    letters.all(|c| {
        count += 1;
        c.is_uppercase()
    }) && count >= 2
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
