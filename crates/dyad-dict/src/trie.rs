//! Word-level prefix tree shared by the actor, agent, discard and issue matchers.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::normalize::{each_phrase_word, normalize_token};

/// A multiply-rotate hash (as in rustc's FxHash). Keys are dictionary words and
/// node ids we built ourselves, so there is no untrusted input to defend against, and
/// SipHash would be a large share of the load time and of every lookup.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // The last few bytes as one word: most keys are words shorter than eight
        // bytes, hashed at every token of every sentence.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(SEED);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

const ROOT: u32 = 0;

/// Phrases as paths of interned words; each node lists the values of the phrases
/// ending there. A phrase whose last word is a stem (discards) ends in `stems`
/// instead, matched against any token starting with it.
#[derive(Default)]
pub(crate) struct PhraseTrie {
    words: FastMap<Box<str>, Word>,
    edges: FastMap<(u32, u32), u32>,
    values: Vec<Vec<u32>>,
    stems: FastMap<u32, Stems>,
}

/// An interned word, and the node its one-word path from the root leads to: most
/// lookups start at a word that starts no phrase, and this answers them with one hash
/// lookup instead of two.
#[derive(Clone, Copy)]
struct Word {
    id: u32,
    root_child: Option<u32>,
}

/// The stems ending phrases at one node, and which byte lengths they come in: a word
/// is looked up by each of its prefixes, and most prefixes have a length no stem has.
#[derive(Default)]
struct Stems {
    values: FastMap<Box<str>, Vec<u32>>,
    lengths: u64,
}

/// A length's bit in [`Stems::lengths`]; lengths from 63 bytes on share the last bit.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// One phrase found at a position: how many tokens it covers and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub len: usize,
    pub value: u32,
}

impl PhraseTrie {
    pub fn new() -> Self {
        PhraseTrie { values: vec![Vec::new()], ..Default::default() }
    }

    /// Sizes the tables for about `phrases` phrases, saving rehashes on big files.
    pub fn reserve(&mut self, phrases: usize) {
        self.words.reserve(phrases);
        self.edges.reserve(phrases * 2);
        self.values.reserve(phrases * 2);
    }

    /// Adds a phrase as written in a dictionary (`UNITED_STATES_`), normalising it on
    /// the way. Returns false, adding nothing, when it has no words.
    pub fn insert_phrase(&mut self, phrase: &str, value: u32) -> bool {
        let mut node = ROOT;
        let mut empty = true;
        each_phrase_word(phrase, |word| {
            node = self.child(node, word);
            empty = false;
        });
        if !empty {
            self.values[node as usize].push(value);
        }
        !empty
    }

    /// Adds an exact phrase of already-normalised words. Empty phrases are ignored.
    pub fn insert(&mut self, words: &[String], value: u32) {
        if words.is_empty() {
            return;
        }
        let node = self.path(words);
        self.values[node as usize].push(value);
    }

    /// Adds a phrase whose last word may be followed by more letters in the text.
    pub fn insert_stem(&mut self, words: &[String], value: u32) {
        let Some((stem, prefix)) = words.split_last() else {
            return;
        };
        let node = self.path(prefix);
        let stems = self.stems.entry(node).or_default();
        stems.lengths |= length_bit(stem.len());
        stems.values.entry(stem.as_str().into()).or_default().push(value);
    }

    fn path(&mut self, words: &[String]) -> u32 {
        words.iter().fold(ROOT, |node, word| self.child(node, word))
    }

    fn child(&mut self, node: u32, word: &str) -> u32 {
        let word_id = self.intern(word);
        let next = self.values.len() as u32;
        let child = *self.edges.entry((node, word_id)).or_insert(next);
        if child == next {
            self.values.push(Vec::new());
        }
        if node == ROOT {
            if let Some(entry) = self.words.get_mut(word) {
                entry.root_child = Some(child);
            }
        }
        child
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(entry) = self.words.get(word) {
            return entry.id;
        }
        let id = self.words.len() as u32;
        self.words.insert(word.into(), Word { id, root_child: None });
        id
    }

    /// All phrases starting at `tokens[start]`, longest first; phrases of equal length
    /// keep insertion order, so earlier dictionary entries win ties.
    ///
    /// Each token is split like a dictionary phrase, so `semi-official` (kept whole by
    /// the tokenizer) and `semi` `-` `official` both match `SEMI-OFFICIAL`; a phrase
    /// only counts if it ends at the end of a token.
    pub fn hits(&self, tokens: &[&str], start: usize) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut node = ROOT;
        let mut parts = TokenParts::default();
        let mut plain = [0u8; PLAIN_WORD];
        for (offset, token) in tokens.iter().enumerate().skip(start) {
            let len = offset - start + 1;
            // Plain words, nearly every token, are upper-cased on the stack: this runs
            // at every word of every sentence for each dictionary.
            let next = match plain_upper(token, &mut plain) {
                Some(word) => self.step_last(node, word, len, &mut hits),
                None => self.step_parts(node, token, &mut parts, len, &mut hits),
            };
            match next {
                Some(child) => node = child,
                None => break,
            }
            hits.extend(self.values[node as usize].iter().map(|&value| Hit { len, value }));
        }
        if hits.len() > 1 {
            hits.sort_by(|a, b| b.len.cmp(&a.len).then(a.value.cmp(&b.value)));
        }
        hits
    }

    /// Follows a token that is split into several dictionary words; stem phrases may
    /// end at its last word.
    fn step_parts(
        &self,
        node: u32,
        token: &str,
        parts: &mut TokenParts,
        len: usize,
        hits: &mut Vec<Hit>,
    ) -> Option<u32> {
        parts.split(token);
        let (last, inner) = parts.words.split_last()?;
        let node = inner.iter().try_fold(node, |node, part| self.step(node, part))?;
        self.step_last(node, last, len, hits)
    }

    /// Follows the last word of a token, collecting the stem phrases ending in it.
    fn step_last(&self, node: u32, word: &str, len: usize, hits: &mut Vec<Hit>) -> Option<u32> {
        self.stem_hits(node, word, len, hits);
        self.step(node, word)
    }

    fn step(&self, node: u32, word: &str) -> Option<u32> {
        let entry = self.words.get(word)?;
        if node == ROOT {
            return entry.root_child;
        }
        self.edges.get(&(node, entry.id)).copied()
    }

    fn stem_hits(&self, node: u32, word: &str, len: usize, hits: &mut Vec<Hit>) {
        if self.stems.is_empty() {
            return;
        }
        let Some(stems) = self.stems.get(&node) else {
            return;
        };
        for (end, _) in word.char_indices().skip(1).chain([(word.len(), ' ')]) {
            if stems.lengths & length_bit(end) == 0 {
                continue;
            }
            if let Some(values) = stems.values.get(&word[..end]) {
                hits.extend(values.iter().map(|&value| Hit { len, value }));
            }
        }
    }
}

/// Longest token upper-cased on the stack; longer ones take the general path.
const PLAIN_WORD: usize = 64;

/// `token` upper-cased into `buffer` when it is a plain word (ASCII letters, digits
/// and periods): such a word normalises to just that and is never split.
fn plain_upper<'b>(token: &str, buffer: &'b mut [u8; PLAIN_WORD]) -> Option<&'b str> {
    let bytes = token.as_bytes();
    if bytes.is_empty() || bytes.len() > PLAIN_WORD || !bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'.') {
        return None;
    }
    let out = &mut buffer[..bytes.len()];
    for (to, &from) in out.iter_mut().zip(bytes) {
        *to = from.to_ascii_uppercase();
    }
    std::str::from_utf8(out).ok()
}

/// The normalised words of one text token, reusing buffers across tokens.
#[derive(Default)]
struct TokenParts {
    words: Vec<String>,
}

impl TokenParts {
    fn split(&mut self, token: &str) {
        // Most tokens are plain words: upper-case in place, no splitting.
        if token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
            self.words.truncate(1);
            match self.words.first_mut() {
                Some(word) => normalize_token(token, word),
                None => self.words.push(token.to_ascii_uppercase()),
            }
            return;
        }
        self.words.clear();
        each_phrase_word(token, |word| self.words.push(word.to_string()));
    }
}
