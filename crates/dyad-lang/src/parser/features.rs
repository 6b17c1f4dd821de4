//! Feature keys: Zhang & Nivre (2011) templates for the moves, a smaller set for labels.
//!
//! Every token's word and tag values are hashed once per sentence, so building a feature
//! is only mixing a few integers; the weight tables turn each 64-bit key into a row.

use super::lexicon::Lexicon;
use super::state::{State, LEFT, NONE};
use crate::tags::Tag;

const ROOT_WORD: u64 = 0x5EED_0000_0000_0001;
const NULL_WORD: u64 = 0x5EED_0000_0000_0002;
const ROOT_TAG: u64 = 200;
const NULL_TAG: u64 = 201;
const NULL_LABEL: u64 = 255;

/// The hashed word and tag values of one token.
#[derive(Clone, Copy, Default)]
pub struct Token {
    pub word: u64,
    pub tag: u64,
    pub word_tag: u64,
    pub suffix: u64,
    /// The tags the word had in training (see `lexicon`).
    pub class: u64,
    pub upos: u8,
}

const NULL_TOKEN: Token = Token { word: NULL_WORD, tag: NULL_TAG, word_tag: NULL_WORD ^ NULL_TAG, suffix: NULL_WORD, class: NULL_WORD, upos: 255 };

/// Fills `tokens` with the root (index 0) and the words; a missing tag counts as default.
pub fn prepare(words: &[&str], tags: &[Tag], lexicon: &Lexicon, tokens: &mut Vec<Token>) {
    tokens.clear();
    let root = Token { word: ROOT_WORD, tag: ROOT_TAG, word_tag: mix(ROOT_WORD, ROOT_TAG), suffix: ROOT_WORD, class: ROOT_WORD, upos: 254 };
    tokens.push(root);
    for (i, form) in words.iter().enumerate() {
        let tag_of = tags.get(i).copied().unwrap_or_default();
        let tag = tag_of.xpos as u64;
        let (word, suffix) = word_keys(form);
        let class = lexicon.class(word);
        tokens.push(Token { word, tag, word_tag: mix(word, tag), suffix, class, upos: tag_of.upos });
    }
}

/// The key of a word form, as the lexicon stores it.
pub fn word_key(form: &str) -> u64 {
    word_keys(form).0
}

/// Hashes of the normalised form and of its last three characters. Lowercasing, digits as
/// `0` and curly quotes as ASCII let news spelling variants share weights.
fn word_keys(form: &str) -> (u64, u64) {
    let mut hash = FNV_START;
    let mut last = [0u32; 3];
    if form.is_ascii() {
        // The common case, without the cost of char decoding and Unicode case mapping.
        for &b in form.as_bytes() {
            let c = match b {
                b'0'..=b'9' => b'0',
                b'`' => b'\'',
                b => b.to_ascii_lowercase(),
            };
            feed(&mut hash, &mut last, c as u32);
        }
    } else {
        for ch in form.chars() {
            let ch = match ch {
                '0'..='9' => '0',
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '`' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
                '\u{2013}' | '\u{2014}' => '-',
                c => c,
            };
            for lower in ch.to_lowercase() {
                feed(&mut hash, &mut last, lower as u32);
            }
        }
    }
    let suffix = last.iter().fold(0x5u64, |h, &c| (h ^ c as u64).wrapping_mul(FNV_PRIME));
    (hash, suffix)
}

const FNV_START: u64 = 0xCBF2_9CE4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01B3;

#[inline(always)]
fn feed(hash: &mut u64, last: &mut [u32; 3], c: u32) {
    *hash = (*hash ^ c as u64).wrapping_mul(FNV_PRIME);
    *last = [last[1], last[2], c];
}

/// Combines a key with one more value (FxHash-style); tables finalise the mix.
#[inline(always)]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517C_C1B7_2722_0A95)
}

#[inline(always)]
fn key1(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x9E37_79B9_7F4A_7C15), a)
}

#[inline(always)]
fn key2(t: u64, a: u64, b: u64) -> u64 {
    mix(key1(t, a), b)
}

#[inline(always)]
fn key3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(key2(t, a, b), c)
}

fn token(tokens: &[Token], i: u32) -> Token {
    tokens.get(i as usize).copied().unwrap_or(NULL_TOKEN)
}

fn label_of(state: &State, i: u32) -> u64 {
    if i == NONE || state.head[i as usize] == NONE { NULL_LABEL } else { state.label[i as usize] as u64 }
}

fn at<T: Copy>(v: &[T], i: u32, none: T) -> T {
    if i == NONE { none } else { v[i as usize] }
}

fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match b.abs_diff(a) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=11 => 6,
        _ => 7,
    }
}

/// Feature keys for choosing the next move.
pub fn moves(state: &State, tokens: &[Token], out: &mut Vec<u64>) {
    out.clear();
    let s0i = state.s0();
    let n0i = state.buffer(0);
    let s0hi = at(&state.head, s0i, NONE);
    let s0h2i = at(&state.head, s0hi, NONE);
    let (s0li, s0ri) = (at(&state.lmost, s0i, NONE), at(&state.rmost, s0i, NONE));
    let (s0l2i, s0r2i) = (at(&state.l2, s0i, NONE), at(&state.r2, s0i, NONE));
    let (n0li, n0l2i) = (at(&state.lmost, n0i, NONE), at(&state.l2, n0i, NONE));
    let t = |i| token(tokens, i);
    let (s0, n0, n1, n2) = (t(s0i), t(n0i), t(state.buffer(1)), t(state.buffer(2)));
    let (s0h, s0h2, s0l, s0r) = (t(s0hi), t(s0h2i), t(s0li), t(s0ri));
    let (s0l2, s0r2, n0l, n0l2) = (t(s0l2i), t(s0r2i), t(n0li), t(n0l2i));
    let s1 = t(state.s1());
    // Surface neighbours: what lies between S0 and N0 often decides the attachment.
    let before_n0 = if n0i != NONE { t(n0i - 1) } else { t(NONE) };
    let before_s0 = if s0i > 0 { t(s0i - 1) } else { t(NONE) };
    let after_s0 = t(s0i + 1);
    let d = distance(s0i, n0i);
    let s0vl = at(&state.nleft, s0i, 0) as u64;
    let s0vr = at(&state.nright, s0i, 0) as u64;
    let n0vl = at(&state.nleft, n0i, 0) as u64;
    let s0sl = at(&state.lset, s0i, 0);
    let s0sr = at(&state.rset, s0i, 0);
    let n0sl = at(&state.lset, n0i, 0);
    let l = |i| label_of(state, i);
    out.extend_from_slice(&[
        key1(1, s0.word_tag),
        key1(3, s0.tag),
        key1(4, n0.word_tag),
        key1(6, n0.tag),
        key1(7, n1.word_tag),
        key1(9, n1.tag),
        key1(10, n2.word_tag),
        key1(12, n2.tag),
        key2(13, s0.word_tag, n0.word_tag),
        key2(18, s0.word, n0.word),
        key2(19, s0.tag, n0.tag),
        key2(20, n0.tag, n1.tag),
        key3(21, n0.tag, n1.tag, n2.tag),
        key3(22, s0.tag, n0.tag, n1.tag),
        key3(23, s0h.tag, s0.tag, n0.tag),
        key3(24, s0.tag, s0l.tag, n0.tag),
        key3(25, s0.tag, s0r.tag, n0.tag),
        key3(26, s0.tag, n0.tag, n0l.tag),
        key2(28, s0.tag, d),
        key2(30, n0.tag, d),
        key3(31, s0.word, n0.word, d),
        key3(32, s0.tag, n0.tag, d),
        key2(34, s0.tag, s0vr),
        key2(36, s0.tag, s0vl),
        key2(38, n0.tag, n0vl),
        key1(39, s0h.word),
        key1(40, s0h.tag),
        key1(41, l(s0i)),
        key1(42, s0l.word),
        key1(43, s0l.tag),
        key1(44, l(s0li)),
        key1(45, s0r.word),
        key1(46, s0r.tag),
        key1(47, l(s0ri)),
        key1(48, n0l.word),
        key1(49, n0l.tag),
        key1(50, l(n0li)),
        key1(51, s0h2.word),
        key1(52, s0h2.tag),
        key1(53, l(s0hi)),
        key1(54, s0l2.word),
        key1(55, s0l2.tag),
        key1(56, l(s0l2i)),
        key1(57, s0r2.word),
        key1(58, s0r2.tag),
        key1(59, l(s0r2i)),
        key1(60, n0l2.word),
        key1(61, n0l2.tag),
        key1(62, l(n0l2i)),
        key3(63, s0.tag, s0l.tag, s0l2.tag),
        key3(64, s0.tag, s0r.tag, s0r2.tag),
        key3(65, s0.tag, s0h.tag, s0h2.tag),
        key3(66, n0.tag, n0l.tag, n0l2.tag),
        key2(67, s0.word, s0sr),
        key2(68, s0.tag, s0sr),
        key2(70, s0.tag, s0sl),
        key2(72, n0.tag, n0sl),
        key3(73, s1.tag, s0.tag, n0.tag),
        key2(74, n0.word, n1.word),
        key3(75, s0.tag, l(s0i), n0.tag),
        key1(76, 0),
        key3(77, s0.tag, n0.tag, (s0hi != NONE) as u64),
        key2(78, s1.word_tag, s0.tag),
        key3(79, n0.tag, before_n0.tag, s0.tag),
        key2(80, n0.suffix, s0.tag),
        key3(81, s0.tag, n0.tag, n0.upos as u64),
        key3(82, s0.tag, n0.tag, after_s0.tag),
        key3(83, s0.tag, n0.tag, before_s0.tag),
        key2(84, n0.word_tag, n1.tag),
        key3(85, s1.tag, s0.tag, (s0hi != NONE) as u64),
        key3(86, s0.upos as u64, n0.upos as u64, d),
        key3(87, before_s0.tag, s0.tag, after_s0.tag),
        key3(88, n0.tag, n1.tag, before_n0.tag),
        key3(89, s0.tag, after_s0.tag, before_n0.tag),
        key2(90, n0.word, before_n0.word),
        key2(91, s0.word, after_s0.word),
        key3(92, s0.tag, n0.tag, n0.suffix),
        key2(93, s0.class, n0.tag),
        key2(94, n0.class, s0.tag),
        key2(95, s0.class, n0.class),
        key2(96, n0.class, n1.class),
        key2(97, s0.class, s0.tag),
        key2(98, n0.class, n0.tag),
    ]);
}

/// Feature keys for labelling the arc `head -> dep` that `mv` (LEFT or RIGHT) is making.
pub fn label(state: &State, tokens: &[Token], mv: usize, head: u32, dep: u32, out: &mut Vec<u64>) {
    out.clear();
    let dir = if mv == LEFT { 1000 } else { 2000 };
    let t = |i| token(tokens, i);
    let (h, d) = (t(head), t(dep));
    let dl = at(&state.lmost, dep, NONE);
    let dr = at(&state.rmost, dep, NONE);
    // The nearest sibling on the arc's side: it says what slot the new dependent fills.
    let sibling = if mv == LEFT { at(&state.lmost, head, NONE) } else { at(&state.rmost, head, NONE) };
    let side_set = if mv == LEFT { at(&state.lset, head, 0) } else { at(&state.rset, head, 0) };
    let hh = at(&state.head, head, NONE);
    let l = |i| label_of(state, i);
    let before = if dep > 0 && dep != NONE { t(dep - 1) } else { t(NONE) };
    let after = if dep != NONE && (dep as usize) < state.n { t(dep + 1) } else { t(NONE) };
    let dist = distance(head, dep);
    // The dependent's own children so far: a `case` or `mark` child, a subject or a
    // determiner says whether it is an obl, nmod, advcl, ccomp or obj better than its tag.
    let (dep_left, dep_right) = (at(&state.lset, dep, 0), at(&state.rset, dep, 0));
    let head_sets = at(&state.lset, head, 0) | at(&state.rset, head, 0);
    let first = t(dl);
    out.extend_from_slice(&[
        key1(dir + 1, d.word),
        key1(dir + 2, d.tag),
        key1(dir + 3, h.word),
        key1(dir + 4, h.tag),
        key2(dir + 5, h.tag, d.tag),
        key2(dir + 6, h.word, d.tag),
        key2(dir + 7, h.tag, d.word),
        key2(dir + 8, h.word, d.word),
        key3(dir + 9, h.tag, d.tag, dist),
        key3(dir + 10, h.tag, d.tag, l(dl)),
        key3(dir + 11, h.tag, d.tag, t(dl).word),
        key3(dir + 12, d.tag, l(dr), t(dr).tag),
        key3(dir + 13, h.tag, d.tag, l(sibling)),
        key3(dir + 14, d.tag, h.tag, side_set),
        key3(dir + 15, h.tag, d.tag, t(hh).tag),
        key2(dir + 16, d.tag, before.tag),
        key2(dir + 17, d.tag, after.tag),
        key2(dir + 18, d.suffix, d.tag),
        key3(dir + 19, h.word, d.tag, t(dl).word),
        key3(dir + 20, h.tag, d.tag, l(head)),
        key2(dir + 21, h.word_tag, l(sibling)),
        key1(dir + 22, 0),
        key2(dir + 23, d.class, h.tag),
        key2(dir + 24, d.class, d.tag),
        key2(dir + 25, h.class, d.tag),
        // Backed off to the universal tag and the word, which tagging errors spare more often.
        key2(dir + 26, h.upos as u64, d.upos as u64),
        key3(dir + 27, h.upos as u64, d.upos as u64, dist),
        key2(dir + 28, h.word, d.upos as u64),
        key2(dir + 29, d.word, h.upos as u64),
        key3(dir + 30, h.upos as u64, d.upos as u64, dep_left),
        key3(dir + 31, d.tag, dep_left, dep_right),
        key3(dir + 32, h.upos as u64, first.word, d.upos as u64),
        key3(dir + 33, first.word, d.word, h.upos as u64),
        key3(dir + 34, h.word, first.word, d.upos as u64),
        key3(dir + 35, h.upos as u64, d.upos as u64, head_sets),
        key3(dir + 36, d.word, dist, h.upos as u64),
        key2(dir + 37, d.word_tag, h.word_tag),
        key3(dir + 38, d.upos as u64, after.word, h.upos as u64),
        key3(dir + 39, d.upos as u64, before.word, h.upos as u64),
        key3(dir + 40, d.class, h.class, dist),
        key3(dir + 41, d.suffix, h.upos as u64, dep_left),
    ]);
}
