//! The tags each training word was seen with (its ambiguity class).
//!
//! With predicted tags most parse errors start at a tagging error; the class ("NN or VB")
//! tells the parser what a word could be whatever the tagger chose.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{Reader, Writer};
use crate::model::ModelError;

/// Word keys are already hashes, so the map need not hash them again.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

#[derive(Clone, Default, PartialEq)]
pub struct Lexicon {
    classes: HashMap<u64, u64, BuildHasherDefault<KeyHasher>>,
}

impl Lexicon {
    /// `words` yields (word key, xpos id) for every training word. Rare words are left
    /// out: in training their class would give away their gold tag, which the parser
    /// cannot count on for unseen words.
    pub fn build(words: impl Iterator<Item = (u64, u8)>) -> Lexicon {
        const MIN_COUNT: u32 = 3;
        let mut seen: HashMap<u64, (u64, u32), BuildHasherDefault<KeyHasher>> = HashMap::default();
        for (word, xpos) in words {
            let entry = seen.entry(word).or_insert((0, 0));
            entry.0 |= 1u64 << (xpos & 63);
            entry.1 += 1;
        }
        let classes = seen.into_iter().filter(|(_, (_, n))| *n >= MIN_COUNT).map(|(w, (c, _))| (w, c)).collect();
        Lexicon { classes }
    }

    /// The class of a word as a feature value; unknown words share one value.
    pub fn class(&self, word: u64) -> u64 {
        self.classes.get(&word).copied().unwrap_or(0)
    }

    /// Sorted, so the model bytes do not depend on map order.
    pub fn write(&self, out: &mut Writer) {
        let mut entries: Vec<(u64, u64)> = self.classes.iter().map(|(&w, &c)| (w, c)).collect();
        entries.sort_unstable();
        out.u32(entries.len() as u32);
        for (word, class) in entries {
            out.u64(word);
            out.u64(class);
        }
    }

    pub fn read(input: &mut Reader) -> Result<Lexicon, ModelError> {
        let count = input.u32()? as usize;
        if count > 4_000_000 {
            return Err(input.corrupt("lexicon size"));
        }
        let mut classes = HashMap::with_capacity_and_hasher(count.min(1 << 20), BuildHasherDefault::default());
        for _ in 0..count {
            let word = input.u64()?;
            classes.insert(word, input.u64()?);
        }
        Ok(Lexicon { classes })
    }
}
