//! Hashed weight tables: an averaged perceptron for training and the frozen, quantised
//! table the shipped model uses.
//!
//! A feature key picks one row of `classes` weights by its hash; there is no collision
//! check, so scoring is one contiguous row read per feature and never a map probe.
//!
//! Those reads mostly miss the cache. Prefetching every row of a decision before summing
//! any halved the parser's time per token (EWT test, gold tags, one core: 2.97 to 1.50
//! us per CPU-second-measured token, identical parses); that is the reason for the one
//! `unsafe` block here.

use crate::model::{Reader, Writer};
use crate::model::ModelError;
use crate::perceptron::prefetch;

/// Row of a key in a table of `1 << bits` rows (murmur3 finaliser, top bits). Taking the
/// key's top bits without it cost 0.3 UAS on dev: more collisions.
#[inline(always)]
pub fn row_of(key: u64, bits: u32) -> u32 {
    let mut x = key;
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    (x >> (64 - bits.clamp(1, 32))) as u32
}

/// Perceptron weights with lazy averaging: each row remembers when it last changed, so an
/// update costs O(classes) and the average is settled only when the table is frozen.
pub struct Averaged {
    pub bits: u32,
    pub classes: usize,
    weight: Vec<i32>,
    total: Vec<i64>,
    stamp: Vec<u32>,
    /// Training examples seen so far.
    pub clock: u32,
}

impl Averaged {
    pub fn new(bits: u32, classes: usize) -> Averaged {
        let rows = 1usize << bits;
        Averaged {
            bits,
            classes,
            weight: vec![0; rows * classes],
            total: vec![0; rows * classes],
            stamp: vec![0; rows],
            clock: 0,
        }
    }

    pub fn score(&self, rows: &[u32], scores: &mut [i64]) {
        scores.fill(0);
        for &r in rows {
            let row = &self.weight[r as usize * self.classes..][..self.classes];
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += w as i64;
            }
        }
    }

    pub fn update(&mut self, rows: &[u32], class: usize, delta: i32) {
        for &r in rows {
            let r = r as usize;
            let elapsed = (self.clock - self.stamp[r]) as i64;
            let base = r * self.classes;
            if elapsed > 0 {
                for c in base..base + self.classes {
                    self.total[c] += elapsed * self.weight[c] as i64;
                }
                self.stamp[r] = self.clock;
            }
            self.weight[base + class] += delta;
        }
    }

    /// The averaged weights (total over the examples seen), at full precision.
    pub fn exact(&self) -> Exact {
        let clock = self.clock.max(1) as i64;
        let rows = 1usize << self.bits;
        let weights = (0..rows * self.classes)
            .map(|i| {
                let r = i / self.classes;
                let settled = self.total[i] + (clock - self.stamp[r] as i64) * self.weight[i] as i64;
                (settled as f64 / clock as f64) as f32
            })
            .collect();
        Exact { bits: self.bits, classes: self.classes, weights }
    }
}

/// Averaged weights before quantisation. Parsers are summed in this form and quantised
/// once: summing tables already quantised to i8 and quantising the sum again rounded
/// away the members' small weights twice.
#[derive(Clone)]
pub struct Exact {
    pub bits: u32,
    pub classes: usize,
    weights: Vec<f32>,
}

impl Exact {
    /// The weights scaled to fit `precision`, the largest to its limit; the scale does
    /// not matter to an argmax. Scaling by a high quantile instead and clipping the few
    /// larger weights, which keeps more small weights apart, lost 0.15 UAS on EWT dev for
    /// the sum of two parsers with 1/10,000 clipped and 1.6 with 1/1,000: the large
    /// weights matter more than the resolution of the small ones.
    pub fn freeze(&self, precision: Precision) -> Frozen {
        let precision = if self.classes == 4 { precision } else { Precision::I8 };
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { precision.max() as f64 / max as f64 } else { 1.0 };
        let mut frozen = Frozen::zeroed(self.bits, self.classes, precision);
        for (i, &w) in self.weights.iter().enumerate() {
            frozen.set(i / self.classes, i % self.classes, (w as f64 * scale).round() as i16);
        }
        frozen
    }

    /// The element-wise sum of same-shaped tables, added in the given order (so the result
    /// does not depend on how they were trained); `None` if the shapes differ.
    pub fn sum(tables: &[&Exact]) -> Option<Exact> {
        let first = tables.first()?;
        if tables.iter().any(|t| t.bits != first.bits || t.classes != first.classes) {
            return None;
        }
        let mut weights = first.weights.clone();
        for table in &tables[1..] {
            for (w, &v) in weights.iter_mut().zip(&table.weights) {
                *w += v;
            }
        }
        Some(Exact { bits: first.bits, classes: first.classes, weights })
    }

    /// Dense: these files are only kept between training runs.
    pub fn write(&self, out: &mut Writer) {
        out.u32(self.bits);
        out.u32(self.classes as u32);
        for &w in &self.weights {
            out.f32(w);
        }
    }

    pub fn read(input: &mut Reader) -> Result<Exact, ModelError> {
        let bits = input.u32()?;
        let classes = input.u32()? as usize;
        if !(1..=24).contains(&bits) || !(1..=250).contains(&classes) {
            return Err(input.corrupt("exact table dimensions"));
        }
        let len = classes << bits;
        if input.left() < 4 * len {
            return Err(input.corrupt("exact table length"));
        }
        let weights = (0..len).map(|_| input.f32()).collect::<Result<Vec<_>, _>>()?;
        Ok(Exact { bits, classes, weights })
    }
}

/// Weights are stored as i8: dev LAS is unchanged for labels (64 labels fill one cache
/// line) and UAS drops by 0.06 for moves (4 bytes a row), while halving the table makes
/// parsing markedly faster, since it is bound by cache misses on the tables. I16 is kept
/// for the four moves as an option.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Precision {
    I16,
    I8,
}

impl Precision {
    fn max(self) -> i16 {
        match self {
            Precision::I16 => i16::MAX,
            Precision::I8 => i8::MAX as i16,
        }
    }
}

const LANES: usize = 64;

/// 64 label weights on one cache line.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct Block([i8; LANES]);

pub struct Frozen {
    pub bits: u32,
    pub classes: usize,
    /// For i16 tables (the four moves): one u64 per row, move `c` in bits `16c..16c+16`
    /// as offset binary, so that scoring is two masked u64 adds per feature (SWAR).
    quads: Vec<u64>,
    /// For 4-class i8 tables: one u32 per row, move `c` in bits `8c..8c+8`, offset binary.
    quads8: Vec<u32>,
    precision: Precision,
    /// For i8 tables: `blocks` blocks per row, classes beyond 64 spill into the next.
    wide: Vec<Block>,
    blocks: usize,
}

const SIGNS: u64 = 0x8000_8000_8000_8000;
const EVEN_LANES: u64 = 0x0000_FFFF_0000_FFFF;
const SIGNS8: u32 = 0x8080_8080;
const EVEN_BYTES: u32 = 0x00FF_00FF;

impl Frozen {
    fn zeroed(bits: u32, classes: usize, precision: Precision) -> Frozen {
        let rows = 1usize << bits;
        match precision {
            Precision::I16 => Frozen { quads: vec![SIGNS; rows], ..Frozen::empty(bits, classes, precision) },
            Precision::I8 if classes == 4 => Frozen { quads8: vec![SIGNS8; rows], ..Frozen::empty(bits, classes, precision) },
            Precision::I8 => {
                let blocks = classes.div_ceil(LANES);
                Frozen { wide: vec![Block([0; LANES]); blocks * rows], blocks, ..Frozen::empty(bits, classes, precision) }
            }
        }
    }

    fn empty(bits: u32, classes: usize, precision: Precision) -> Frozen {
        Frozen { bits, classes, quads: Vec::new(), quads8: Vec::new(), precision, wide: Vec::new(), blocks: 0 }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    fn packed8(&self) -> bool {
        self.precision == Precision::I8 && self.classes == 4
    }

    fn get(&self, r: usize, c: usize) -> i16 {
        match self.precision() {
            Precision::I16 => ((self.quads[r] ^ SIGNS) >> (16 * c)) as u16 as i16,
            Precision::I8 if self.packed8() => ((self.quads8[r] ^ SIGNS8) >> (8 * c)) as u8 as i8 as i16,
            Precision::I8 => self.wide[r * self.blocks + c / LANES].0[c % LANES] as i16,
        }
    }

    fn set(&mut self, r: usize, c: usize, w: i16) {
        match self.precision() {
            Precision::I16 => {
                let shift = 16 * c;
                let lane = ((w as u16) ^ 0x8000) as u64;
                self.quads[r] = (self.quads[r] & !(0xFFFF << shift)) | lane << shift;
            }
            Precision::I8 if self.packed8() => {
                let shift = 8 * c;
                let lane = ((w.clamp(-127, 127) as i8 as u8) ^ 0x80) as u32;
                self.quads8[r] = (self.quads8[r] & !(0xFF << shift)) | lane << shift;
            }
            Precision::I8 => self.wide[r * self.blocks + c / LANES].0[c % LANES] = w.clamp(-127, 127) as i8,
        }
    }

    /// Scores of the 4-move table straight from feature keys. Lanes hold w + 32768, so
    /// sums stay non-negative in 32-bit halves (no carry across lanes for < 65536 keys);
    /// the bias is taken off at the end.
    #[inline]
    pub fn score4(&self, keys: &[u64]) -> [i32; 4] {
        if self.packed8() {
            return self.score4_packed8(keys);
        }
        let (mut even, mut odd) = (0u64, 0u64);
        for &k in keys {
            // Rows are always in range; `SIGNS` (all-zero weights) keeps this branch-free.
            let x = self.quads.get(row_of(k, self.bits) as usize).copied().unwrap_or(SIGNS);
            even = even.wrapping_add(x & EVEN_LANES);
            odd = odd.wrapping_add((x >> 16) & EVEN_LANES);
        }
        let bias = keys.len() as i64 * 32768;
        let lane = |v: u64| (v as u32 as i64 - bias) as i32;
        [lane(even), lane(odd), lane(even >> 32), lane(odd >> 32)]
    }

    /// As `score4` with 8-bit lanes (w + 128) summed in 16-bit halves of a u32; chunks of
    /// 256 keys cannot carry across lanes.
    ///
    /// Each chunk's rows are computed and prefetched before any is summed: a load that
    /// misses the cache holds up retirement, so summing as we go keeps only the misses of
    /// a few dozen features in flight, while prefetches retire at once and let all of
    /// them overlap.
    fn score4_packed8(&self, keys: &[u64]) -> [i32; 4] {
        const CHUNK: usize = 256;
        let mut total = [0i64; 4];
        let mut rows = [0u32; CHUNK];
        for chunk in keys.chunks(CHUNK) {
            for (row, &k) in rows.iter_mut().zip(chunk) {
                *row = row_of(k, self.bits);
                prefetch(&self.quads8, *row as usize);
            }
            let (mut even, mut odd) = (0u32, 0u32);
            for &r in &rows[..chunk.len()] {
                let x = self.quads8.get(r as usize).copied().unwrap_or(SIGNS8);
                even = even.wrapping_add(x & EVEN_BYTES);
                odd = odd.wrapping_add((x >> 8) & EVEN_BYTES);
            }
            let bias = chunk.len() as i64 * 128;
            total[0] += (even & 0xFFFF) as i64 - bias;
            total[1] += (odd & 0xFFFF) as i64 - bias;
            total[2] += (even >> 16) as i64 - bias;
            total[3] += (odd >> 16) as i64 - bias;
        }
        total.map(|t| t as i32)
    }

    /// Scores of an i8 table (labels).
    pub fn score(&self, rows: &[u32], scores: &mut [i32]) {
        scores.fill(0);
        // See `score4_packed8`: all rows are requested before the first is summed.
        for &r in rows {
            for b in 0..self.blocks {
                prefetch(&self.wide, r as usize * self.blocks + b);
            }
        }
        for (b, chunk) in scores.chunks_mut(LANES).enumerate() {
            // i16 lanes cannot overflow: at most 256 rows of |w| <= 127 are summed per call.
            let mut sum = [0i16; LANES];
            for &r in rows.iter().take(256) {
                if let Some(block) = self.wide.get(r as usize * self.blocks + b) {
                    for (s, &w) in sum.iter_mut().zip(&block.0) {
                        *s = s.wrapping_add(w as i16);
                    }
                }
            }
            for (s, &v) in chunk.iter_mut().zip(&sum) {
                *s = v as i32;
            }
        }
    }

    /// The sum of same-shaped tables, rescaled to the full weight range; `None` if the
    /// shapes differ.
    pub fn sum(tables: &[&Frozen]) -> Option<Frozen> {
        let first = tables.first()?;
        let (bits, classes, precision) = (first.bits, first.classes, first.precision);
        if tables.iter().any(|t| t.bits != bits || t.classes != classes || t.precision != precision) {
            return None;
        }
        let rows = 1usize << bits;
        let total = |r: usize, c: usize| tables.iter().map(|t| t.get(r, c) as i64).sum::<i64>();
        let max = (0..rows).flat_map(|r| (0..classes).map(move |c| (r, c))).map(|(r, c)| total(r, c).unsigned_abs()).max().unwrap_or(0).max(1);
        let scale = precision.max() as f64 / max as f64;
        let mut out = Frozen::zeroed(bits, classes, precision);
        for r in 0..rows {
            for c in 0..classes {
                out.set(r, c, (total(r, c) as f64 * scale).round() as i16);
            }
        }
        Some(out)
    }

    /// Only non-zero weights are written: most rows are never updated.
    pub fn write(&self, out: &mut Writer) {
        out.u32(self.bits);
        out.u32(self.classes as u32);
        out.u8(if self.precision() == Precision::I16 { 2 } else { 1 });
        let row = |r: usize| (0..self.classes).map(move |c| self.get(r, c));
        let rows: Vec<usize> = (0..1usize << self.bits).filter(|&r| row(r).any(|w| w != 0)).collect();
        out.u32(rows.len() as u32);
        let mut previous = 0;
        for r in rows {
            out.varint((r - previous) as u64);
            previous = r;
            let nonzero = row(r).filter(|&w| w != 0).count();
            if nonzero * 3 < self.classes * 2 {
                out.u8(nonzero as u8);
                for (c, w) in row(r).enumerate().filter(|&(_, w)| w != 0) {
                    out.u8(c as u8);
                    self.write_weight(out, w);
                }
            } else {
                out.u8(255);
                for w in row(r) {
                    self.write_weight(out, w);
                }
            }
        }
    }

    fn write_weight(&self, out: &mut Writer, w: i16) {
        match self.precision() {
            Precision::I16 => out.i16(w),
            Precision::I8 => out.u8(w as i8 as u8),
        }
    }

    pub fn read(input: &mut Reader) -> Result<Frozen, ModelError> {
        let bits = input.u32()?;
        let classes = input.u32()? as usize;
        let precision = match input.u8()? {
            2 => Precision::I16,
            1 => Precision::I8,
            _ => return Err(input.corrupt("weight precision")),
        };
        // Bounds keep a corrupt header from asking for gigabytes.
        let row_bytes = match precision {
            Precision::I16 => 2 * classes,
            Precision::I8 if classes == 4 => 4,
            Precision::I8 => classes.next_multiple_of(LANES),
        };
        let bytes = row_bytes.checked_shl(bits).unwrap_or(usize::MAX);
        let shape_ok = precision == Precision::I8 || classes == 4;
        if !(1..=24).contains(&bits) || !(1..=250).contains(&classes) || bytes > 1 << 26 || !shape_ok {
            return Err(input.corrupt("weight table dimensions"));
        }
        let rows = 1usize << bits;
        let mut frozen = Frozen::zeroed(bits, classes, precision);
        let count = input.u32()? as usize;
        let mut r = 0usize;
        for i in 0..count {
            let delta = input.varint()? as usize;
            r = r.checked_add(delta).filter(|&r| r < rows && (i == 0 || delta > 0)).ok_or_else(|| input.corrupt("row index"))?;
            let nonzero = input.u8()?;
            if nonzero == 255 {
                for c in 0..classes {
                    let w = read_weight(input, precision)?;
                    frozen.set(r, c, w);
                }
                continue;
            }
            for _ in 0..nonzero {
                let c = input.u8()? as usize;
                let w = read_weight(input, precision)?;
                if c >= classes {
                    return Err(input.corrupt("class index"));
                }
                frozen.set(r, c, w);
            }
        }
        Ok(frozen)
    }
}

fn read_weight(input: &mut Reader, precision: Precision) -> Result<i16, ModelError> {
    match precision {
        Precision::I16 => input.i16(),
        Precision::I8 => Ok(input.u8()? as i8 as i16),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(weights: Vec<f32>) -> Exact {
        Exact { bits: 8, classes: 4, weights }
    }

    #[test]
    fn exact_sums_are_exact() {
        let a = table((0..1024).map(|i| i as f32 / 7.0).collect());
        let b = table((0..1024).map(|i| -(i as f32) / 7.0).collect());
        let zero = Exact::sum(&[&a, &b]).unwrap();
        assert!(zero.weights.iter().all(|&w| w == 0.0));
        let doubled = Exact::sum(&[&a, &a]).unwrap();
        let (x, y) = (a.freeze(Precision::I8), doubled.freeze(Precision::I8));
        assert!((0..256).all(|r| (0..4).all(|c| x.get(r, c) == y.get(r, c))), "the scale does not change the quantised table");
        assert!(Exact::sum(&[&a, &Exact { bits: 9, classes: 4, weights: vec![0.0; 2048] }]).is_none());
    }
}
