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
use crate::events::{Event, Modality};
use dyad_lang::Parser;
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
pub fn event_times(
    article: &AnalysedArticle,
    events: &[Event],
    times: &[TimeExpression],
    parser: &Parser,
) -> Vec<EventTime> {
    let article_date = article.document.date.map(|d| d.format("%Y-%m-%d").to_string());
    // Expressions that can date events, by sentence: each event looks only at its own.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); article.sentence_count()];
    for (index, time) in times.iter().enumerate().filter(|(_, time)| time.dates_events()) {
        if let Some(list) = by_sentence.get_mut(time.sentence) {
            list.push(index);
        }
    }
    let mut trees: Vec<Option<SentenceTree>> = Vec::new();
    events
        .iter()
        .map(|event| {
            let sentence = event.sentence;
            let in_sentence = by_sentence.get(sentence).map_or(&[][..], Vec::as_slice);
            if in_sentence.is_empty() {
                return EventTime { date: article_date.clone(), ..EventTime::default() };
            }
            if trees.len() <= sentence {
                trees.resize_with(sentence + 1, || None);
            }
            let tree = trees[sentence].get_or_insert_with(|| SentenceTree::new(article, sentence, parser));
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

/// The parts of one sentence's analysis that dating needs.
pub(crate) struct SentenceTree {
    heads: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    relations: Vec<String>,
    xpos: Vec<&'static str>,
    upos: Vec<&'static str>,
    lower: Vec<String>,
}

impl SentenceTree {
    pub fn new(article: &AnalysedArticle, sentence: usize, parser: &Parser) -> SentenceTree {
        let words = article.words(sentence);
        let analysis = &article.analyses[sentence];
        let arcs = article.arcs(sentence);
        let n = words.len().min(arcs.len()).min(analysis.tags.len());
        let heads: Vec<Option<usize>> =
            arcs[..n].iter().map(|arc| (arc.head as usize).checked_sub(1).filter(|&h| h < n)).collect();
        let mut children = vec![Vec::new(); n];
        for (word, head) in heads.iter().enumerate() {
            if let Some(head) = *head {
                children[head].push(word);
            }
        }
        SentenceTree {
            heads,
            children,
            relations: arcs[..n].iter().map(|arc| parser.deprel_name(arc.deprel).to_string()).collect(),
            xpos: analysis.tags[..n].iter().map(|tag| tag.xpos_name()).collect(),
            upos: analysis.tags[..n].iter().map(|tag| tag.upos_name()).collect(),
            lower: words[..n].iter().map(|word| word.to_lowercase()).collect(),
        }
    }

    fn len(&self) -> usize {
        self.heads.len()
    }

    /// The word of the expression that hangs outside it.
    fn root_of(&self, words: Range<usize>) -> Option<usize> {
        let inside = words.clone();
        words.clone().filter(|&w| w < self.len()).find(|&w| self.heads[w].is_none_or(|h| !inside.contains(&h)))
    }

    /// The word the expression attaches to (`None` when the expression is the root).
    fn governor_of(&self, words: Range<usize>) -> Option<usize> {
        self.heads[self.root_of(words)?]
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
            let base = self.relations[at].split(':').next().unwrap_or("");
            if matches!(base, "acl" | "parataxis" | "appos" | "list" | "dislocated" | "vocative" | "reparandum") {
                return None;
            }
            at = self.heads[at]?;
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
            if !words.contains(&word) && (matches!(self.upos[word], "VERB" | "AUX") || self.has_child(word, "cop")) {
                verb = Some(word);
                break;
            }
            if self.heads[word].is_none() && self.has_child(word, "cop") {
                verb = Some(word);
                break;
            }
            // A date that modifies a noun ("holders of record March 20", "the
            // March 13 meeting") is not oriented by the sentence's verb.
            if !words.contains(&word) && matches!(self.upos[word], "NOUN" | "PROPN" | "NUM" | "ADJ") {
                break;
            }
            at = self.heads[word];
        }
        verb.map_or(Tense::Unknown, |verb| self.verb_tense(verb))
    }

    fn has_child(&self, word: usize, relation: &str) -> bool {
        self.children[word].iter().any(|&child| self.relations[child] == relation)
    }

    /// From the verb's auxiliaries and tags: "will/would meet" future, "met", "had
    /// met", "has met", "was meeting" past, "is meeting" (arranged) future, "meets"
    /// present, "to meet" future.
    fn verb_tense(&self, verb: usize) -> Tense {
        let mut tense = match self.xpos[verb] {
            "VBD" => Tense::Past,
            "VBN" => Tense::Past,
            "VBZ" | "VBP" => Tense::Present,
            _ => Tense::Unknown,
        };
        for &child in &self.children[verb] {
            let relation = self.relations[child].as_str();
            let word = self.lower[child].as_str();
            if relation.starts_with("aux") || relation == "cop" {
                match word {
                    "will" | "'ll" | "shall" | "wo" | "would" | "'d" => return Tense::Future,
                    "had" | "did" | "was" | "were" | "'d've" => tense = Tense::Past,
                    "has" | "have" | "'ve" if self.xpos[verb] == "VBN" => tense = Tense::Past,
                    "is" | "are" | "am" | "'s" | "'re" if self.xpos[verb] == "VBG" => return Tense::Future,
                    // A present passive: "shipments are planned".
                    "is" | "are" | "am" | "'s" | "'re" if relation == "aux:pass" => tense = Tense::Present,
                    "is" | "are" | "am" | "'s" | "'re" | "does" | "do" if tense == Tense::Unknown => {
                        tense = Tense::Present
                    }
                    _ => {}
                }
            } else if relation == "mark" && word == "to" && self.xpos[verb] == "VB" {
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
