//! What the training data says about frequent words: the set of classes each was seen
//! with (its "ambiguity class", a strong feature), and for words that are practically
//! unambiguous the class itself, which lets the tagger skip scoring them.
//!
//! Keyed by the 64-bit hash of the normalised word: an open-addressing table, so a
//! lookup is one or two probes and no string comparison.

use crate::model::{Reader, Writer};
use crate::perceptron::mix;
use crate::model::ModelError;

pub const NOT_FIXED: u8 = u8::MAX;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub ambiguity: u64,
    pub fixed: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    /// Sorted by key: the serialised form, independent of table layout.
    entries: Vec<(u64, Entry)>,
    /// Index + 1 into `entries`; 0 = empty slot.
    slots: Vec<u32>,
}

/// Thresholds for building the lexicon from counts.
pub struct Thresholds {
    /// Occurrences for a word to get an ambiguity class.
    pub min_count: u32,
    /// A class joins the ambiguity class at this share of the word's occurrences.
    pub min_share: f64,
    /// Occurrences and top-class share for a word to be tagged without scoring.
    pub fixed_count: u32,
    pub fixed_share: f64,
}

impl Lexicon {
    /// `counts`: per word hash, occurrences per class (any order; sorted here).
    pub fn build(mut counts: Vec<(u64, Vec<u32>)>, t: &Thresholds) -> Lexicon {
        counts.sort_unstable_by_key(|(key, _)| *key);
        let entries = counts.iter().filter_map(|(key, per_class)| Some((*key, entry(per_class, t)?))).collect();
        Lexicon::from_entries(entries)
    }

    fn from_entries(entries: Vec<(u64, Entry)>) -> Lexicon {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        for (index, (key, _)) in entries.iter().enumerate() {
            let mut slot = slot_of(*key, size);
            while slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = index as u32 + 1;
        }
        Lexicon { entries, slots }
    }

    #[inline]
    pub fn get(&self, key: u64) -> Option<Entry> {
        let size = self.slots.len();
        let mut slot = slot_of(key, size);
        loop {
            let index = self.slots[slot];
            if index == 0 {
                return None;
            }
            let (k, entry) = self.entries[index as usize - 1];
            if k == key {
                return Some(entry);
            }
            slot = (slot + 1) & (size - 1);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Words tagged straight from the lexicon.
    pub fn fixed_count(&self) -> usize {
        self.entries.iter().filter(|(_, e)| e.fixed != NOT_FIXED).count()
    }

    pub fn write(&self, out: &mut Writer) {
        out.varint(self.entries.len() as u64);
        for (key, entry) in &self.entries {
            out.u64(*key);
            out.u64(entry.ambiguity);
            out.u8(entry.fixed);
        }
    }

    pub fn read(input: &mut Reader, classes: usize) -> Result<Lexicon, ModelError> {
        let n = input.count(17)?;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            let key = input.u64()?;
            let ambiguity = input.u64()?;
            let fixed = input.u8()?;
            if fixed != NOT_FIXED && fixed as usize >= classes {
                return Err(input.corrupt("lexicon class"));
            }
            if entries.last().is_some_and(|&(last, _)| last >= key) {
                return Err(input.corrupt("lexicon order"));
            }
            entries.push((key, Entry { ambiguity, fixed }));
        }
        Ok(Lexicon::from_entries(entries))
    }
}

fn slot_of(key: u64, size: usize) -> usize {
    (key as usize) & (size - 1)
}

/// The entry of a word seen `per_class` times per class, if seen often enough.
pub fn entry(per_class: &[u32], t: &Thresholds) -> Option<Entry> {
    let total: u32 = per_class.iter().sum();
    if total < t.min_count {
        return None;
    }
    let mut ambiguity = 0x0A3B_1C00;
    let mut best = 0;
    for (class, &n) in per_class.iter().enumerate() {
        if n > per_class[best] {
            best = class;
        }
        if n > 0 && n as f64 >= t.min_share * total as f64 {
            ambiguity = mix(ambiguity, class as u64 + 1);
        }
    }
    let fixed = if total >= t.fixed_count && per_class[best] as f64 >= t.fixed_share * total as f64 {
        best as u8
    } else {
        NOT_FIXED
    };
    Some(Entry { ambiguity, fixed })
}
