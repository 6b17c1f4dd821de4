//! Per-word hashes and the feature templates of the tagger.
//!
//! Every string-derived hash of a word is computed once per sentence (`Token`); the
//! templates then only combine 64-bit values, which keeps the per-word cost low.

use super::lexicon::{Entry, Lexicon, NOT_FIXED};
use crate::perceptron::{hash_bytes, mix};

/// Words of context on each side that the templates look at.
pub const PAD: usize = 2;
/// Upper bound on features per word (the templates below push fewer).
pub const MAX_FEATURES: usize = 48;

#[derive(Clone, Copy, Default)]
pub struct Token {
    pub word: u64,
    /// The form as written: capitals separate `US` from `us`, `May` from `may`.
    pub raw: u64,
    pub suffix: [u64; 4],
    pub prefix: [u64; 3],
    pub shape: u64,
    pub flags: u32,
    pub ambiguity: u64,
    pub fixed: u8,
    /// The tag of the draft pass (the class id; a boundary value past the sentence).
    pub draft: u64,
}

const FLAG_HYPHEN: u32 = 1;
const FLAG_DIGIT: u32 = 2;
const FLAG_UPPER_INITIAL: u32 = 4;
const FLAG_ALL_CAPS: u32 = 8;
const FLAG_FIRST: u32 = 16;
const FLAG_PERIOD: u32 = 32;
const FLAG_NO_LETTER: u32 = 64;

/// Seeds that keep the hash spaces of the different string kinds apart.
pub const SEED_WORD: u64 = 1;
const SEED_SUFFIX: u64 = 2;
const SEED_PREFIX: u64 = 3;
const SEED_SHAPE: u64 = 4;
const SEED_RAW: u64 = 5;
const UNKNOWN_AMBIGUITY: u64 = 0x5EED_0000_0000_0001;

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub struct Scratch {
    pub tokens: Vec<Token>,
    pub features: Vec<u64>,
    pub scores: Vec<i16>,
    pub classes: Vec<u8>,
    lower: String,
    shape: String,
    /// Direct-mapped cache of word tokens (without the sentence-start flag), keyed by the
    /// hash of the form mixed with the tagger's id: frequent words skip normalising and
    /// eight string hashes.
    cache: Vec<(u64, Token)>,
}

const CACHE_SIZE: usize = 2048;

/// Lowercases and folds typographic variants (curly quotes, dashes, digits) to the forms
/// that dominate the mostly-ASCII training data, so news text looks like the treebank.
pub fn normalise(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '0'..='9' => out.push('0'),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            c if c.is_ascii() => out.push(c),
            c if c.is_numeric() => out.push('0'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Word shape with runs of the same character class collapsed: `Xx`, `d.d`, `X.X.`.
fn shape(form: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars().take(24) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        run = if class == last { run + 1 } else { 0 };
        last = class;
        if run < 2 {
            out.push(class);
        }
    }
}

fn flags(form: &str) -> u32 {
    let mut flags = 0;
    let mut letters = 0;
    let mut uppers = 0;
    for (i, c) in form.chars().enumerate() {
        match c {
            '-' | '\u{2010}'..='\u{2015}' => flags |= FLAG_HYPHEN,
            '.' => flags |= FLAG_PERIOD,
            c if c.is_numeric() => flags |= FLAG_DIGIT,
            c if c.is_alphabetic() => {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                    if i == 0 {
                        flags |= FLAG_UPPER_INITIAL;
                    }
                }
            }
            _ => {}
        }
    }
    if letters == 0 {
        flags |= FLAG_NO_LETTER;
    } else if uppers == letters && letters > 1 {
        flags |= FLAG_ALL_CAPS;
    }
    flags
}

/// The byte offsets where the last `n` chars start, for n = 1..=4 (0 when shorter).
fn suffix_starts(s: &str) -> [usize; 4] {
    let mut starts = [usize::MAX; 4];
    for (n, (i, _)) in s.char_indices().rev().take(4).enumerate() {
        starts[n] = i;
    }
    starts
}

fn token(form: &str, lexicon: &Lexicon, scratch_lower: &mut String, scratch_shape: &mut String) -> Token {
    normalise(form, scratch_lower);
    shape(form, scratch_shape);
    let lower = scratch_lower.as_str();
    let word = hash_bytes(SEED_WORD, lower.as_bytes());
    let mut suffix = [0; 4];
    for (n, start) in suffix_starts(lower).into_iter().enumerate() {
        // Words shorter than the suffix reuse the whole word: the same string, the same hash.
        let start = if start == usize::MAX { 0 } else { start };
        suffix[n] = hash_bytes(SEED_SUFFIX + n as u64 * 16, &lower.as_bytes()[start..]);
    }
    let mut prefix = [0; 3];
    let mut ends = lower.char_indices().map(|(i, _)| i).skip(1).chain(std::iter::repeat(lower.len()));
    for (n, slot) in prefix.iter_mut().enumerate() {
        let end = ends.next().unwrap_or(lower.len());
        *slot = hash_bytes(SEED_PREFIX + n as u64 * 16, &lower.as_bytes()[..end]);
    }
    let mut token = Token {
        word,
        raw: hash_bytes(SEED_RAW, form.as_bytes()),
        suffix,
        prefix,
        shape: hash_bytes(SEED_SHAPE, scratch_shape.as_bytes()),
        flags: flags(form),
        ambiguity: 0,
        fixed: 0,
        draft: 0,
    };
    set_entry(&mut token, lexicon.get(word));
    token
}

pub fn set_entry(token: &mut Token, entry: Option<Entry>) {
    (token.ambiguity, token.fixed) = match entry {
        Some(entry) => (entry.ambiguity, entry.fixed),
        None => (UNKNOWN_AMBIGUITY, NOT_FIXED),
    };
}

fn boundary(kind: u64) -> Token {
    let h = hash_bytes(kind, b"<boundary>");
    Token { word: h, raw: h, suffix: [h; 4], prefix: [h; 3], shape: h, flags: 0, ambiguity: h, fixed: NOT_FIXED, draft: h }
}

/// Fills `scratch.tokens` with `PAD` boundary tokens, the words, and `PAD` more.
/// `cache_id` identifies the tagger (its lexicon) for the token cache; `None` bypasses the
/// cache, as training must (it edits the tokens' lexicon entries afterwards).
pub fn tokens<'a>(words: impl Iterator<Item = &'a str>, lexicon: &Lexicon, scratch: &mut Scratch, cache_id: Option<u64>) {
    scratch.tokens.clear();
    let start = boundary(101);
    scratch.tokens.extend([start; PAD]);
    if cache_id.is_some() && scratch.cache.is_empty() {
        scratch.cache = vec![(0, Token::default()); CACHE_SIZE];
    }
    for (i, form) in words.enumerate() {
        let mut t = match cache_id {
            Some(id) => cached_token(form, id, lexicon, scratch),
            None => token(form, lexicon, &mut scratch.lower, &mut scratch.shape),
        };
        if i == 0 {
            t.flags |= FLAG_FIRST;
        }
        scratch.tokens.push(t);
    }
    let end = boundary(102);
    scratch.tokens.extend([end; PAD]);
}

fn cached_token(form: &str, id: u64, lexicon: &Lexicon, scratch: &mut Scratch) -> Token {
    let key = mix(hash_bytes(SEED_RAW ^ 0x77, form.as_bytes()), id) | 1;
    let slot = (key as usize) & (CACHE_SIZE - 1);
    let (cached_key, cached) = scratch.cache[slot];
    if cached_key == key {
        return cached;
    }
    let t = token(form, lexicon, &mut scratch.lower, &mut scratch.shape);
    scratch.cache[slot] = (key, t);
    t
}

/// The features of word `i` (0-based, without padding) given the two previous tags.
/// Template ids are the first argument of `mix`; change none without bumping the model
/// version, since the trained weights are keyed by them.
pub fn features(tokens: &[Token], i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = i + PAD;
    let w = &tokens[at];
    let (l1, l2, r1, r2) = (&tokens[at - 1], &tokens[at - 2], &tokens[at + 1], &tokens[at + 2]);
    out.push(mix(0, 0));
    out.push(mix(1, w.word));
    for (n, &s) in w.suffix.iter().enumerate() {
        out.push(mix(2 + n as u64, s));
    }
    for (n, &p) in w.prefix.iter().enumerate() {
        out.push(mix(6 + n as u64, p));
    }
    out.push(mix(9, w.shape));
    out.push(mix(10, w.flags as u64));
    out.push(mix(12, prev));
    out.push(mix(13, prev2));
    out.push(mix(14, mix(prev, prev2)));
    out.push(mix(15, mix(prev, w.word)));
    out.push(mix(16, l1.word));
    out.push(mix(17, l2.word));
    out.push(mix(18, r1.word));
    out.push(mix(19, r2.word));
    out.push(mix(21, r1.suffix[2]));
    out.push(mix(22, w.ambiguity));
    out.push(mix(23, r1.ambiguity));
    out.push(mix(24, mix(prev, w.ambiguity)));
    out.push(mix(25, mix(w.word, r1.word)));
    out.push(mix(26, mix(l1.word, w.word)));
    out.push(mix(27, mix(w.ambiguity, r1.ambiguity)));
    out.push(mix(30, mix(prev, w.suffix[2])));
    out.push(mix(31, w.raw));
    out.push(mix(40, r1.draft));
    out.push(mix(41, mix(r1.draft, r2.draft)));
    out.push(mix(42, mix(prev, r1.draft)));
    out.push(mix(43, mix(w.word, r1.draft)));
}

/// The draft pass: a few strong templates, left context from its own tags only.
pub fn draft_features(tokens: &[Token], i: usize, prev: u64, out: &mut Vec<u64>) {
    out.clear();
    let at = i + PAD;
    let w = &tokens[at];
    let (l1, r1) = (&tokens[at - 1], &tokens[at + 1]);
    out.push(mix(100, 0));
    out.push(mix(101, w.word));
    out.push(mix(102, w.suffix[1]));
    out.push(mix(103, w.suffix[2]));
    out.push(mix(104, w.ambiguity));
    out.push(mix(105, r1.ambiguity));
    out.push(mix(106, prev));
    out.push(mix(107, w.shape));
    out.push(mix(108, l1.word));
    out.push(mix(109, r1.word));
    out.push(mix(110, mix(prev, w.ambiguity)));
}
