//! Where an event happened: a place under a locative preposition in the clause of the
//! event's trigger.

use super::PlaceRecord;
use crate::article::AnalysedArticle;
use crate::events::tree::{opens_clause, Tree, Trees};
use crate::record::TextSpan;
use std::ops::Range;

/// Prepositions that put an event somewhere. "on" and "along" only for borders
/// ("on the border"): "talks on Ukraine" are about Ukraine, not in it.
/// Not "around": "the situation around Ukraine" is about Ukraine.
const LOCATIVE: [&str; 12] =
    ["in", "at", "near", "outside", "across", "inside", "within", "throughout", "into", "off", "onto", "towards"];
const ALONG_A_LINE: [&str; 2] = ["on", "along"];

/// The location of the event of `sentence` triggered at `trigger`: a locative place
/// attached to the trigger itself, else the first one in the trigger's clause.
pub(super) fn location<'p>(
    article: &AnalysedArticle,
    trees: &Trees,
    sentence: usize,
    trigger: &TextSpan,
    places: &'p [PlaceRecord],
) -> Option<&'p PlaceRecord> {
    let first = places.partition_point(|p| p.sentence < sentence);
    let count = places[first..].iter().take_while(|p| p.sentence == sentence).count();
    if count == 0 {
        return None;
    }
    let here = &places[first..first + count];
    let tree = Clauses { tree: trees.get(sentence), article, sentence };
    let trigger_word = tree.head_of(trigger.start..trigger.end)?;
    let clause = tree.clause_of(trigger_word);
    let mut same_clause = None;
    for place in here {
        let Some(head) = tree.head_of(place.start..place.end) else { continue };
        if !tree.is_locative(head, place) {
            continue;
        }
        let Some(anchor) = tree.anchor(head) else { continue };
        if anchor == trigger_word {
            return Some(place);
        }
        if same_clause.is_none() && tree.clause_of(anchor) == clause {
            same_clause = Some(place);
        }
    }
    same_clause
}

/// A sentence's tree with its words' byte spans, which places are given in.
struct Clauses<'t, 'a> {
    tree: &'t Tree<'a>,
    article: &'t AnalysedArticle<'t>,
    sentence: usize,
}

impl Clauses<'_, '_> {
    fn base(&self, word: usize) -> &str {
        self.tree.base(word)
    }

    /// The word of `span` whose head lies outside it.
    fn head_of(&self, span: Range<usize>) -> Option<usize> {
        let inside = |w: usize| {
            let word = self.article.word_span(self.sentence, w);
            span.start <= word.start && word.end <= span.end
        };
        let mut words = (0..self.tree.len()).filter(|&w| inside(w));
        let first = words.next()?;
        std::iter::once(first).chain(words).find(|&w| self.tree.heads[w].is_none_or(|h| !inside(h))).or(Some(first))
    }

    /// The word that heads `word`'s clause: up the tree until a relation that opens a
    /// clause of its own.
    fn clause_of(&self, mut word: usize) -> usize {
        for _ in 0..self.tree.len() {
            match self.tree.heads[word] {
                Some(head) if !opens_clause(self.base(word)) => word = head,
                _ => break,
            }
        }
        word
    }

    /// The word a locative place tells the location of: the predicate it is an
    /// oblique of ("met in Kyiv"), or the predicate of the participant it modifies
    /// ("troops in Europe were reinforced"). Deeper nominal chains ("the context of the
    /// situation in Ukraine") say where something else is, not where the event was.
    fn anchor(&self, place: usize) -> Option<usize> {
        let word = if self.base(place) == "conj" { self.tree.heads[place]? } else { place };
        let head = self.tree.heads[word]?;
        match self.base(word) {
            "obl" | "advmod" => Some(head),
            "nmod" if matches!(self.base(head), "nsubj" | "obj" | "iobj" | "obl") => self.tree.heads[head],
            _ => None,
        }
    }

    /// The place word is introduced by a locative preposition, or is a conjunct of
    /// one that is ("in the Baltic countries and Eastern Europe").
    fn is_locative(&self, word: usize, place: &PlaceRecord) -> bool {
        let line = place.name.ends_with(" border");
        let case = |w: usize| {
            self.tree.children[w].iter().filter(|&&c| self.base(c) == "case").any(|&c| {
                let preposition = self.tree.words[c].to_lowercase();
                LOCATIVE.contains(&preposition.as_str()) || (line && ALONG_A_LINE.contains(&preposition.as_str()))
            })
        };
        if case(word) {
            return true;
        }
        self.base(word) == "conj" && self.tree.heads[word].is_some_and(case)
    }
}
