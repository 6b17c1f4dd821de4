//! Hashed averaged perceptron shared by the tagger and the parser: feature hashing, a
//! small seeded PRNG, the training weights and the quantised inference table, and the
//! little-endian reader/writer of model files.
//!
//! Features are 64-bit hashes mapped onto a fixed power-of-two number of weight rows
//! (one weight per class, contiguous), so inference is one row load per feature and no
//! vocabulary lookup. Collisions cost a little accuracy and buy speed and a bounded size.

use crate::model::{ModelError, Reader, Writer};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Combines two 64-bit values; order matters. Good enough avalanche that the top bits can
/// index the weight table directly.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let h = (a ^ b.rotate_left(23)).wrapping_mul(K);
    let h = (h ^ (h >> 29) ^ b).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// Hashes a byte string, eight bytes at a time (FxHash-style), then finalises.
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    }
    mix(h, seed)
}

/// splitmix64: a tiny deterministic generator for shuffling training data.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant for shuffling.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Row stride: classes rounded up so rows stay aligned for vector adds.
fn stride_for(classes: usize) -> usize {
    classes.div_ceil(8) * 8
}

#[inline]
fn row_of(hash: u64, bits: u32) -> usize {
    (hash >> (64 - bits)) as usize
}

/// Training-time weights with Daumé's averaging trick: `averaged = w - u / c`, where `u`
/// accumulates `c * delta`, so no per-weight timestamps are needed.
pub struct Trainer {
    bits: u32,
    classes: usize,
    stride: usize,
    weights: Vec<f32>,
    sums: Vec<f64>,
    clock: f64,
}

impl Trainer {
    /// `classes` must be below 255 (the inference layout keeps a class in one byte).
    pub fn new(bits: u32, classes: usize) -> Trainer {
        assert!(classes > 0 && classes < DENSE as usize, "perceptron: 1..=254 classes");
        let stride = stride_for(classes);
        let len = (1usize << bits) * stride;
        Trainer { bits, classes, stride, weights: vec![0.0; len], sums: vec![0.0; len], clock: 1.0 }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the rows of `features` into `scores` (length = classes).
    pub fn score(&self, features: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.stride, 0.0);
        for &f in features {
            let start = row_of(f, self.bits) * self.stride;
            let row = &self.weights[start..start + self.stride];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += w;
            }
        }
        scores.truncate(self.classes);
    }

    /// One perceptron step: reward `gold`, penalise `guess`, if they differ.
    pub fn update(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold != guess {
            for &f in features {
                let start = row_of(f, self.bits) * self.stride;
                self.bump(start + gold, 1.0);
                self.bump(start + guess, -1.0);
            }
        }
    }

    fn bump(&mut self, index: usize, delta: f32) {
        self.weights[index] += delta;
        self.sums[index] += self.clock * delta as f64;
    }

    /// Marks the end of one training example.
    pub fn tick(&mut self) {
        self.clock += 1.0;
    }

    /// The averaged weights, quantised for inference.
    pub fn averaged(&self) -> Weights {
        self.averaged_pruned(1)
    }

    /// The averaged weights, quantised, without those below `min_abs` quanta (of 4000 for
    /// the largest weight): tiny weights rarely change a decision but cost memory traffic.
    pub fn averaged_pruned(&self, min_abs: i16) -> Weights {
        let averaged: Vec<f32> =
            self.weights.iter().zip(&self.sums).map(|(&w, &u)| (w as f64 - u / self.clock) as f32).collect();
        Weights::quantise(self.bits, self.classes, &averaged, min_abs)
    }
}

/// Asks the CPU to bring `table[index]` into the cache; out of range is a no-op.
#[inline(always)]
pub(crate) fn prefetch<T>(table: &[T], index: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(item) = table.get(index) {
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch of a valid address
        // (here a live element) reads nothing and cannot fault. Measured: see the module doc of
        // `parser::weights`.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((item as *const T).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (table, index);
}

const QUANT_MAX: f32 = 4000.0;
/// Marks a sparse entry that stands for a whole dense row.
const DENSE: u32 = 0xFF;
/// Rows with more non-zero weights than this are stored dense (one vector add per 8
/// classes beats one scalar add per weight).
const DENSE_MIN: usize = 24;

/// Inference weights: averaged, quantised to i16 with one global scale.
///
/// Stored sparse because most hashed rows hold a handful of non-zero weights: a dense
/// table is ~40 MB of mostly zeros and every rare feature costs a cache miss, while this
/// layout is a few MB and stays in cache.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    bits: u32,
    classes: usize,
    stride: usize,
    /// Multiply an i16 weight by this to get the trained value (scores only need the order).
    scale: f32,
    /// Per row, where its entries start in `sparse`; one more at the end.
    rows: Vec<u32>,
    /// Class in the low 8 bits and the i16 weight in the high 16; or, alone in its row and
    /// with class `DENSE`, the index of a row of `dense` in the high 24 bits.
    sparse: Vec<u32>,
    dense: Vec<i16>,
}

impl Weights {
    fn quantise(bits: u32, classes: usize, averaged: &[f32], min_abs: i16) -> Weights {
        let largest = averaged.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        // Scores are summed in saturating i16 (twice the lanes of i32 per vector add): the
        // largest weight gets 1/8 of the range, so only overwhelming scores can saturate.
        let scale = if largest > 0.0 { largest / QUANT_MAX } else { 1.0 };
        let nonzero = averaged.iter().enumerate().filter_map(|(i, w)| {
            let q = (w / scale).round() as i16;
            (q != 0 && q.unsigned_abs() >= min_abs.unsigned_abs()).then_some((i, q))
        });
        Weights::from_nonzero(bits, classes, scale, nonzero)
    }

    /// Builds the layout from non-zero weights in increasing index order (row * stride + class).
    fn from_nonzero(bits: u32, classes: usize, scale: f32, nonzero: impl Iterator<Item = (usize, i16)>) -> Weights {
        let stride = stride_for(classes);
        let mut weights = Weights { bits, classes, stride, scale, rows: Vec::new(), sparse: Vec::new(), dense: Vec::new() };
        let mut row = Vec::new();
        let mut current = 0;
        for (index, w) in nonzero {
            while index / stride > current {
                weights.push_row(&mut row);
                current += 1;
            }
            row.push(((index % stride) as u8, w));
        }
        while weights.rows.len() < 1 << bits {
            weights.push_row(&mut row);
        }
        weights.rows.push(weights.sparse.len() as u32);
        weights
    }

    fn push_row(&mut self, row: &mut Vec<(u8, i16)>) {
        self.rows.push(self.sparse.len() as u32);
        // A dense row's index has 24 bits; past that (only for huge tables) rows stay sparse.
        if row.len() > DENSE_MIN && self.dense.len() / self.stride < 1 << 24 {
            let index = (self.dense.len() / self.stride) as u32;
            self.sparse.push(index << 8 | DENSE);
            let start = self.dense.len();
            self.dense.resize(start + self.stride, 0);
            for &(class, w) in row.iter() {
                self.dense[start + class as usize] = w;
            }
        } else {
            self.sparse.extend(row.iter().map(|&(class, w)| (w as u16 as u32) << 16 | class as u32));
        }
        row.clear();
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Adds the rows of `features` into `scores` (saturating); `scores` is resized to the
    /// row stride, and entries past `classes()` are padding (always zero).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut Vec<i16>) {
        scores.clear();
        scores.resize(self.stride, 0);
        // Row bounds first, then each row's first entry, then dense rows, each level
        // prefetched for all features before any is read: the cache misses of a level
        // overlap instead of each waiting behind the previous row's additions.
        let mut bounds = [(0u32, 0u32, 0u32); 64];
        let n = features.len().min(bounds.len());
        let mut rows = [0usize; 64];
        for (row, &f) in rows.iter_mut().zip(features) {
            *row = row_of(f, self.bits);
            prefetch(&self.rows, *row + 1);
        }
        for (bound, &row) in bounds.iter_mut().zip(&rows[..n]) {
            *bound = (self.rows[row], self.rows[row + 1], 0);
            prefetch(&self.sparse, bound.0 as usize);
        }
        for bound in &mut bounds[..n] {
            if bound.0 < bound.1 {
                bound.2 = self.sparse[bound.0 as usize];
                if bound.2 & 0xFF == DENSE {
                    let start = (bound.2 >> 8) as usize * self.stride;
                    for line in (start..start + self.stride).step_by(32) {
                        prefetch(&self.dense, line);
                    }
                }
            }
        }
        for &f in features.iter().skip(bounds.len()) {
            let row = row_of(f, self.bits);
            let (start, end) = (self.rows[row], self.rows[row + 1]);
            let first = if start < end { self.sparse[start as usize] } else { 0 };
            self.add_row(start, end, first, scores);
        }
        for &(start, end, first) in &bounds[..n] {
            self.add_row(start, end, first, scores);
        }
    }

    /// Adds one row, given its bounds in `sparse` and its first entry (already loaded).
    #[inline]
    fn add_row(&self, start: u32, end: u32, first: u32, scores: &mut [i16]) {
        if end == start + 1 && first & 0xFF == DENSE {
            let start = (first >> 8) as usize * self.stride;
            let dense = &self.dense[start..start + self.stride];
            for (s, &w) in scores.iter_mut().zip(dense) {
                *s = s.saturating_add(w);
            }
            return;
        }
        for &e in &self.sparse[start as usize..end as usize] {
            let s = &mut scores[(e & 0xFF) as usize];
            *s = s.saturating_add((e >> 16) as u16 as i16);
        }
    }

    /// The best class and by how much it beats the runner-up (in quanta).
    #[inline]
    pub fn best_with_margin(&self, scores: &[i16]) -> (usize, i32) {
        let best = self.best(scores);
        let second = scores[..self.classes].iter().enumerate().filter(|&(i, _)| i != best).map(|(_, &s)| s).max();
        (best, second.map_or(i32::MAX, |s| scores[best] as i32 - s as i32))
    }

    /// Index of the best class among the first `classes()` scores (ties → lowest index).
    #[inline]
    pub fn best(&self, scores: &[i16]) -> usize {
        let mut best = 0;
        for (i, &s) in scores[..self.classes].iter().enumerate() {
            if s > scores[best] {
                best = i;
            }
        }
        best
    }

    /// Non-zero weights as (row * stride + class, weight), in increasing order.
    fn nonzero(&self) -> Vec<(usize, i16)> {
        let mut out = Vec::new();
        for row in 0..self.rows.len() - 1 {
            let entries = &self.sparse[self.rows[row] as usize..self.rows[row + 1] as usize];
            match entries {
                [only] if only & 0xFF == DENSE => {
                    let start = (only >> 8) as usize * self.stride;
                    let dense = self.dense[start..start + self.stride].iter().enumerate();
                    out.extend(dense.filter(|(_, &w)| w != 0).map(|(c, &w)| (row * self.stride + c, w)));
                }
                _ => out.extend(entries.iter().map(|&e| (row * self.stride + (e & 0xFF) as usize, (e >> 16) as u16 as i16))),
            }
        }
        out
    }

    /// Per non-zero weight, a varint gap from the previous one and the i16.
    pub fn write(&self, out: &mut Writer) {
        out.u32(self.bits);
        out.u32(self.classes as u32);
        out.f32(self.scale);
        let nonzero = self.nonzero();
        out.u64(nonzero.len() as u64);
        let mut last = 0usize;
        for (i, w) in nonzero {
            out.varint((i - last) as u64);
            out.i16(w);
            last = i;
        }
    }

    pub fn read(input: &mut Reader) -> Result<Weights, ModelError> {
        let bits = input.u32()?;
        let classes = input.u32()? as usize;
        let scale = input.f32()?;
        if !(1..=28).contains(&bits) || classes == 0 || classes >= DENSE as usize || !scale.is_finite() {
            return Err(input.corrupt("weight table header"));
        }
        let stride = stride_for(classes);
        let len = (1usize << bits) * stride;
        let n = input.u64()?;
        if n > len as u64 || n.saturating_mul(3) > input.left() as u64 {
            return Err(input.corrupt("weight count"));
        }
        let mut nonzero = Vec::with_capacity(n as usize);
        let mut index = 0usize;
        for i in 0..n {
            let gap = input.varint()? as usize;
            index = index.checked_add(gap).ok_or_else(|| input.corrupt("weight index"))?;
            let w = input.i16()?;
            if (gap == 0 && i > 0) || index >= len || index % stride >= classes || w == 0 {
                return Err(input.corrupt("weight index"));
            }
            nonzero.push((index, w));
        }
        Ok(Weights::from_nonzero(bits, classes, scale, nonzero.into_iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_strings_round_trip() {
        let mut w = Writer::default();
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            w.varint(v);
        }
        w.str("naïve");
        let mut bytes = b"TESTMAG\0".to_vec();
        bytes.extend_from_slice(&7u32.to_le_bytes());
        bytes.extend_from_slice(&w.bytes);
        let mut r = Reader::open(&bytes, "test", b"TESTMAG\0", 7).unwrap();
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        assert_eq!(r.str().unwrap(), "naïve");
        r.finish().unwrap();
    }

    #[test]
    fn shuffle_is_deterministic() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        SplitMix64(9).shuffle(&mut a);
        SplitMix64(9).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
