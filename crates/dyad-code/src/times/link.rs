//! Which time expression dates which event, and the tense that orients an expression,
//! both read from the sentence's dependency tree.
//!
//! An event is dated by the nearest expression attached to its trigger or to a word
//! above it in the tree, climbing through complements and adverbial clauses ("On
//! January 24, it became known that Biden allowed ...": the allowing is dated by the
//! becoming known) but not out of a clause that modifies a noun (a relative clause
//! tells another event) or a parenthetical one. Without such an expression the event
//! has the article's date.

use super::{Tense, TimeExpression};
use crate::article::AnalysedArticle;
use crate::events::tree::{Tree, Trees};
use crate::events::{Event, Modality};
use dyad_lang::Tag;
use std::ops::Range;

/// How an event is dated.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventTime {
    /// Index into the article's time expressions of the one that governs the event.
    pub time: Option<usize>,
    /// `YYYY-MM-DD`: the governing expression's day, else the article date.
    pub date: Option<String>,
    /// The governing expression's value when it is not a day (`2022-W04`, `PAST_REF`).
    pub time_value: Option<String>,
    /// Set when the event is said to lie before a date (the article's, for
    /// `PAST_REF`): the event happened before this day, not on it.
    pub date_before: Option<String>,
}

/// The dating of each of `events`, in order.
pub(crate) fn event_times(
    article: &AnalysedArticle,
    events: &[Event],
    times: &[TimeExpression],
    trees: &Trees,
) -> Vec<EventTime> {
    let article_date = article.document.date.map(|d| d.format("%Y-%m-%d").to_string());
    // Expressions that can date events, by sentence: each event looks only at its own.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); article.sentence_count()];
    for (index, time) in times.iter().enumerate().filter(|(_, time)| time.dates_events()) {
        if let Some(list) = by_sentence.get_mut(time.sentence) {
            list.push(index);
        }
    }
    events
        .iter()
        .map(|event| {
            let sentence = event.sentence;
            let in_sentence = by_sentence.get(sentence).map_or(&[][..], Vec::as_slice);
            if in_sentence.is_empty() {
                return EventTime { date: article_date.clone(), ..EventTime::default() };
            }
            let tree = SentenceTree::new(article, trees, sentence);
            let trigger = tree.trigger_word(article, sentence, event);
            let governing = trigger.and_then(|word| tree.governing(word, in_sentence, times));
            dating(event, governing, times, article_date.as_deref())
        })
        .collect()
}

fn dating(event: &Event, governing: Option<usize>, times: &[TimeExpression], article_date: Option<&str>) -> EventTime {
    let article_date = article_date.map(str::to_string);
    let Some(index) = governing else { return EventTime { date: article_date, ..EventTime::default() } };
    let value = times[index].value.clone();
    let day = value.as_deref().and_then(full_day);
    match day {
        Some(day) => EventTime { time: Some(index), date: Some(day.to_string()), time_value: None, date_before: None },
        None => EventTime {
            time: Some(index),
            // "Kirby said earlier that troops could be reinforced": the saying is
            // past, the reinforcing is not said to have happened.
            date_before: if value.as_deref() == Some("PAST_REF") && event.modality == Modality::Asserted {
                article_date.clone()
            } else {
                None
            },
            date: article_date,
            time_value: value,
        },
    }
}

/// The `YYYY-MM-DD` at the start of a value (`2022-01-24`, `2022-01-24TMO`).
pub(crate) fn full_day(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let bytes = day.as_bytes();
    let shape = bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    (shape && (value.len() == 10 || value.as_bytes()[10] == b'T')).then_some(day)
}

/// A sentence's tree as dating reads it: the shared tree and the words' PTB tags.
pub(crate) struct SentenceTree<'t, 'a> {
    tree: &'t Tree<'a>,
    tags: &'t [Tag],
}

impl<'t, 'a> SentenceTree<'t, 'a> {
    pub fn new(article: &'t AnalysedArticle, trees: &'t Trees<'a>, sentence: usize) -> SentenceTree<'t, 'a> {
        SentenceTree { tree: trees.get(sentence), tags: &article.analyses[sentence].tags }
    }

    fn xpos(&self, word: usize) -> &'static str {
        self.tags.get(word).map_or("", |tag| tag.xpos_name())
    }

    fn len(&self) -> usize {
        self.tree.len()
    }

    /// The word of the expression that hangs outside it.
    fn root_of(&self, words: Range<usize>) -> Option<usize> {
        let inside = words.clone();
        words.clone().filter(|&w| w < self.len()).find(|&w| self.tree.heads[w].is_none_or(|h| !inside.contains(&h)))
    }

    /// The word the expression attaches to (`None` when the expression is the root).
    fn governor_of(&self, words: Range<usize>) -> Option<usize> {
        self.tree.heads[self.root_of(words)?]
    }

    /// The trigger's head word: the one of its words whose head lies outside it.
    fn trigger_word(&self, article: &AnalysedArticle, sentence: usize, event: &Event) -> Option<usize> {
        let inside: Vec<usize> = (0..self.len())
            .filter(|&w| {
                let span = article.word_span(sentence, w);
                span.start >= event.trigger.start && span.end <= event.trigger.end
            })
            .collect();
        let first = *inside.first()?;
        let last = *inside.last()?;
        self.root_of(first..last + 1)
    }

    /// The expression (an index into `times`, one of `candidates`) attached to `word` or
    /// to the nearest word above it within the climb's limits.
    fn governing(&self, word: usize, candidates: &[usize], times: &[TimeExpression]) -> Option<usize> {
        let attached: Vec<(usize, Option<usize>, Option<usize>)> = candidates
            .iter()
            .map(|&t| (t, self.governor_of(times[t].words.clone()), self.root_of(times[t].words.clone())))
            .collect();
        let mut at = word;
        for _ in 0..self.len() {
            let here = attached
                .iter()
                .filter(|(t, governor, root)| *governor == Some(at) || (*root == Some(at) && times[*t].words.contains(&word)))
                .min_by_key(|(t, ..)| times[*t].words.start.abs_diff(word));
            if let Some((t, ..)) = here {
                return Some(*t);
            }
            if matches!(self.tree.base(at), "acl" | "parataxis" | "appos" | "list" | "dislocated" | "vocative" | "reparandum") {
                return None;
            }
            at = self.tree.heads[at]?;
        }
        None
    }

    /// The tense of the verb an expression of `words` attaches to.
    pub fn tense_of(&self, words: Range<usize>) -> Tense {
        if words.end > self.len() {
            return Tense::Unknown;
        }
        // The expression's own root when it is the predicate ("the meeting is on
        // Monday"), else the first verb above it.
        let mut at = self.root_of(words.clone());
        let mut verb = None;
        for _ in 0..self.len() {
            let Some(word) = at else { break };
            if !words.contains(&word) && (self.tree.is_verbal(word) || self.has_child(word, "cop")) {
                verb = Some(word);
                break;
            }
            if self.tree.heads[word].is_none() && self.has_child(word, "cop") {
                verb = Some(word);
                break;
            }
            // A date that modifies a noun ("holders of record March 20", "the
            // March 13 meeting") is not oriented by the sentence's verb.
            if !words.contains(&word) && matches!(self.tree.upos[word], "NOUN" | "PROPN" | "NUM" | "ADJ") {
                break;
            }
            at = self.tree.heads[word];
        }
        verb.map_or(Tense::Unknown, |verb| self.verb_tense(verb))
    }

    fn has_child(&self, word: usize, relation: &str) -> bool {
        self.tree.children_by(word, relation).next().is_some()
    }

    /// From the verb's auxiliaries and tags: "will/would meet" future, "met", "had
    /// met", "has met", "was meeting" past, "is meeting" (arranged) future, "meets"
    /// present, "to meet" future.
    fn verb_tense(&self, verb: usize) -> Tense {
        let mut tense = match self.xpos(verb) {
            "VBD" => Tense::Past,
            "VBN" => Tense::Past,
            "VBZ" | "VBP" => Tense::Present,
            _ => Tense::Unknown,
        };
        let xpos = self.xpos(verb);
        for &child in &self.tree.children[verb] {
            let relation = self.tree.relations[child];
            // Upper case, as the shared tree holds the words for the dictionaries.
            let word = self.tree.upper[child].as_str();
            if relation.starts_with("aux") || relation == "cop" {
                match word {
                    "WILL" | "'LL" | "SHALL" | "WO" | "WOULD" | "'D" => return Tense::Future,
                    "HAD" | "DID" | "WAS" | "WERE" | "'D'VE" => tense = Tense::Past,
                    "HAS" | "HAVE" | "'VE" if xpos == "VBN" => tense = Tense::Past,
                    "IS" | "ARE" | "AM" | "'S" | "'RE" if xpos == "VBG" => return Tense::Future,
                    // A present passive: "shipments are planned".
                    "IS" | "ARE" | "AM" | "'S" | "'RE" if relation == "aux:pass" => tense = Tense::Present,
                    "IS" | "ARE" | "AM" | "'S" | "'RE" | "DOES" | "DO" if tense == Tense::Unknown => {
                        tense = Tense::Present
                    }
                    _ => {}
                }
            } else if relation == "mark" && word == "TO" && xpos == "VB" {
                return Tense::Future;
            }
        }
        tense
    }
}

#[cfg(test)]
mod tests {
    use super::full_day;

    #[test]
    fn full_days_only() {
        assert_eq!(full_day("2022-01-24"), Some("2022-01-24"));
        assert_eq!(full_day("2022-01-24TMO"), Some("2022-01-24"));
        assert_eq!(full_day("2022-W04"), None);
        assert_eq!(full_day("2022-01"), None);
        assert_eq!(full_day("PAST_REF"), None);
        assert_eq!(full_day("2022-W04-WE"), None);
    }
}
