//! Discard lists (`Phoenix.discards.txt`): phrases that mark a sentence, or with `+`
//! the whole story, as not to be coded (sports, history, weather).

use crate::normalize::phrase_words;
use crate::source::{content_lines, FileCursor, Rule, Source, Warning};
use crate::trie::PhraseTrie;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    Sentence,
    /// `+PHRASE`: the whole story is discarded.
    Story,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    pub scope: DiscardScope,
    /// False when the phrase ends in `_`: its last word must then match exactly,
    /// otherwise it is a stem (`BASEBALL` also matches `BASEBALLS`).
    pub stem: bool,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscardMatch<'a> {
    pub len: usize,
    pub scope: DiscardScope,
    pub rule: &'a Rule,
}

pub struct DiscardDictionary {
    trie: PhraseTrie,
    discards: Vec<Discard>,
}

impl DiscardDictionary {
    pub fn read(sources: &[Source<'_>], warnings: &mut Vec<Warning>) -> DiscardDictionary {
        let mut dictionary = DiscardDictionary { trie: PhraseTrie::new(), discards: Vec::new() };
        for source in sources {
            let mut cursor = FileCursor { file: source.name.into(), warnings };
            for (line, content) in content_lines(source.text) {
                dictionary.add_line(content.trim(), line, &mut cursor);
            }
        }
        dictionary
    }

    fn add_line(&mut self, text: &str, line: u32, cursor: &mut FileCursor<'_>) {
        let (scope, phrase) = match text.strip_prefix('+') {
            Some(phrase) => (DiscardScope::Story, phrase.trim()),
            None => (DiscardScope::Sentence, text),
        };
        if phrase.contains(['[', ']', '{', '}']) {
            return cursor.warn(line, "discard phrases take no codes or braces");
        }
        let words = phrase_words(phrase);
        if words.is_empty() {
            return cursor.warn(line, "discard line without a phrase");
        }
        let stem = !phrase.ends_with('_');
        let value = self.discards.len() as u32;
        self.discards.push(Discard { scope, stem, rule: cursor.rule(line) });
        if stem {
            self.trie.insert_stem(&words, value);
        } else {
            self.trie.insert(&words, value);
        }
    }

    /// The longest discard phrase starting at `tokens[start]`; story-level entries win
    /// over sentence-level ones of the same length.
    pub fn lookup_at(&self, tokens: &[&str], start: usize) -> Option<DiscardMatch<'_>> {
        let hits = self.trie.hits(tokens, start);
        let longest = hits.first()?.len;
        let mut longest_hits =
            hits.iter().take_while(|hit| hit.len == longest).map(|hit| &self.discards[hit.value as usize]);
        let first = longest_hits.clone().next()?;
        let discard = longest_hits.find(|discard| discard.scope == DiscardScope::Story).unwrap_or(first);
        Some(DiscardMatch { len: longest, scope: discard.scope, rule: &discard.rule })
    }

    pub fn discards(&self) -> &[Discard] {
        &self.discards
    }
}
