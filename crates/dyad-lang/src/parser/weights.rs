//! Hashed weight tables: an averaged perceptron for training and the frozen, quantised
//! table the shipped model uses.
//!
//! A feature key picks one row of `classes` weights by its hash; there is no collision
//! check, so scoring is one contiguous row read per feature and never a map probe.

use super::bytes::{Reader, Writer};
use crate::model::ModelError;

/// Row of a key in a table of `1 << bits` rows (murmur3 finaliser, high bits).
#[inline(always)]
pub fn row_of(key: u64, bits: u32) -> u32 {
    let mut x = key;
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    (x >> (64 - bits)) as u32
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

    /// The averaged weights scaled into i16; the scale does not matter to an argmax.
    pub fn freeze(&self) -> Frozen {
        let clock = self.clock.max(1) as i64;
        let rows = 1usize << self.bits;
        let settled = |i: usize| {
            let r = i / self.classes;
            self.total[i] + (clock - self.stamp[r] as i64) * self.weight[i] as i64
        };
        let max = (0..rows * self.classes).map(|i| settled(i).unsigned_abs()).max().unwrap_or(0).max(1);
        let scale = 32767.0 / max as f64;
        let mut frozen = Frozen::zeroed(self.bits, self.classes);
        for i in 0..rows * self.classes {
            let (r, c) = (i / self.classes, i % self.classes);
            frozen.weight[r * frozen.stride + c] = (settled(i) as f64 * scale).round() as i16;
        }
        frozen
    }
}

pub struct Frozen {
    pub bits: u32,
    pub classes: usize,
    /// Row length in memory: label rows are padded to 64 so they sit on whole cache lines
    /// and the scoring loop has a fixed width the compiler vectorises.
    stride: usize,
    weight: Vec<i16>,
}

const WIDE: usize = 64;

fn stride_of(classes: usize) -> usize {
    if classes <= 4 { classes } else { classes.next_multiple_of(WIDE) }
}

impl Frozen {
    fn zeroed(bits: u32, classes: usize) -> Frozen {
        let stride = stride_of(classes);
        Frozen { bits, classes, stride, weight: vec![0; stride << bits] }
    }

    /// Scores of a 4-class table, unrolled because it runs twice per token.
    #[inline]
    pub fn score4(&self, rows: &[u32]) -> [i32; 4] {
        let mut s = [0i32; 4];
        for &r in rows {
            let i = r as usize * 4;
            if let Some(row) = self.weight.get(i..i + 4) {
                s[0] += row[0] as i32;
                s[1] += row[1] as i32;
                s[2] += row[2] as i32;
                s[3] += row[3] as i32;
            }
        }
        s
    }

    pub fn score(&self, rows: &[u32], scores: &mut [i32]) {
        if self.stride == WIDE && scores.len() == self.classes {
            let mut sum = [0i32; WIDE];
            for &r in rows {
                let start = r as usize * WIDE;
                if let Some(Ok(row)) = self.weight.get(start..start + WIDE).map(<&[i16; WIDE]>::try_from) {
                    for (s, &w) in sum.iter_mut().zip(row) {
                        *s += w as i32;
                    }
                }
            }
            scores.copy_from_slice(&sum[..self.classes]);
            return;
        }
        scores.fill(0);
        for &r in rows {
            let start = r as usize * self.stride;
            if let Some(row) = self.weight.get(start..start + self.classes) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
    }

    /// Only non-zero weights are written: most rows are never updated.
    pub fn write(&self, out: &mut Writer) {
        out.u32(self.bits);
        out.u32(self.classes as u32);
        let rows: Vec<usize> = (0..1usize << self.bits).filter(|&r| self.row(r).iter().any(|&w| w != 0)).collect();
        out.u32(rows.len() as u32);
        let mut previous = 0;
        for r in rows {
            out.varint((r - previous) as u64);
            previous = r;
            let row = self.row(r);
            let nonzero = row.iter().filter(|&&w| w != 0).count();
            if nonzero * 3 < row.len() * 2 {
                out.u8(nonzero as u8);
                for (c, &w) in row.iter().enumerate().filter(|(_, &w)| w != 0) {
                    out.u8(c as u8);
                    out.i16(w);
                }
            } else {
                out.u8(255);
                for &w in row {
                    out.i16(w);
                }
            }
        }
    }

    pub fn read(input: &mut Reader) -> Result<Frozen, ModelError> {
        let bits = input.u32()?;
        let classes = input.u32()? as usize;
        // Bounds keep a corrupt header from asking for gigabytes.
        if !(1..=24).contains(&bits) || !(1..=250).contains(&classes) || (stride_of(classes) << bits) > 1 << 25 {
            return Err(input.corrupt("weight table dimensions"));
        }
        let rows = 1usize << bits;
        let mut frozen = Frozen::zeroed(bits, classes);
        let count = input.u32()? as usize;
        let mut r = 0usize;
        for i in 0..count {
            let delta = input.varint()? as usize;
            r = r.checked_add(delta).filter(|&r| r < rows && (i == 0 || delta > 0)).ok_or_else(|| input.corrupt("row index"))?;
            let row = &mut frozen.weight[r * frozen.stride..][..classes];
            let nonzero = input.u8()?;
            if nonzero == 255 {
                for w in row.iter_mut() {
                    *w = input.i16()?;
                }
                continue;
            }
            for _ in 0..nonzero {
                let c = input.u8()? as usize;
                let w = input.i16()?;
                *row.get_mut(c).ok_or_else(|| input.corrupt("class index"))? = w;
            }
        }
        Ok(frozen)
    }

    fn row(&self, r: usize) -> &[i16] {
        &self.weight[r * self.stride..][..self.classes]
    }
}
