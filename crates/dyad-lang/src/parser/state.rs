//! The arc-eager transition system (Nivre 2003) with the root at the bottom of the stack,
//! made non-monotonic as Honnibal, Goldberg & Johnson (2013), and dynamic-oracle costs
//! after Goldberg & Nivre (2012).

pub const SHIFT: usize = 0;
pub const REDUCE: usize = 1;
pub const LEFT: usize = 2;
pub const RIGHT: usize = 3;
pub const MOVES: usize = 4;

/// "No token": a missing head, child or stack slot.
pub const NONE: u32 = u32::MAX;

/// A parser configuration over tokens `0..=n`, token 0 being the artificial root.
#[derive(Default)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// The first buffer token; `n + 1` once the buffer is empty.
    pub next: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    pub lmost: Vec<u32>,
    pub l2: Vec<u32>,
    pub rmost: Vec<u32>,
    pub r2: Vec<u32>,
    pub nleft: Vec<u8>,
    pub nright: Vec<u8>,
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    pub on_stack: Vec<bool>,
    /// UD trees have exactly one root child, so a second RIGHT from the root is barred.
    pub root_child: bool,
    /// Whether the mending (non-monotonic) moves are allowed; see `valid`.
    pub mending: bool,
}

/// Written out so that `clone_from` reuses the vectors' memory (the derived one would
/// allocate them anew): beam search copies configurations at every branching step.
impl Clone for State {
    fn clone(&self) -> State {
        let mut copy = State::default();
        copy.clone_from(self);
        copy
    }

    fn clone_from(&mut self, from: &State) {
        self.n = from.n;
        self.stack.clone_from(&from.stack);
        self.next = from.next;
        self.head.clone_from(&from.head);
        self.label.clone_from(&from.label);
        self.lmost.clone_from(&from.lmost);
        self.l2.clone_from(&from.l2);
        self.rmost.clone_from(&from.rmost);
        self.r2.clone_from(&from.r2);
        self.nleft.clone_from(&from.nleft);
        self.nright.clone_from(&from.nright);
        self.lset.clone_from(&from.lset);
        self.rset.clone_from(&from.rset);
        self.on_stack.clone_from(&from.on_stack);
        self.root_child = from.root_child;
        self.mending = from.mending;
    }
}

impl State {
    pub fn reset(&mut self, n: usize, mending: bool) {
        let len = n + 1;
        self.mending = mending;
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        for v in [&mut self.head, &mut self.lmost, &mut self.l2, &mut self.rmost, &mut self.r2] {
            v.clear();
            v.resize(len, NONE);
        }
        self.label.clear();
        self.label.resize(len, 0);
        for v in [&mut self.nleft, &mut self.nright] {
            v.clear();
            v.resize(len, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(len, 0);
        }
        self.on_stack.clear();
        self.on_stack.resize(len, false);
        self.on_stack[0] = true;
        self.root_child = false;
    }

    pub fn buffer_empty(&self) -> bool {
        self.next > self.n
    }

    pub fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    pub fn s1(&self) -> u32 {
        let len = self.stack.len();
        if len >= 2 { self.stack[len - 2] } else { NONE }
    }

    /// Whether S0 is a word (not the root) without a head yet.
    fn s0_headless(&self) -> bool {
        let s0 = self.s0();
        s0 != 0 && self.head[s0 as usize] == NONE
    }

    /// Buffer token `i` places ahead, or `NONE`.
    pub fn buffer(&self, i: usize) -> u32 {
        let t = self.next + i;
        if t <= self.n { t as u32 } else { NONE }
    }

    /// Bit `m` is set when move `m` is allowed; 0 once the parse is over.
    ///
    /// Monotonic arc-eager ends when the buffer is empty, leaving any headless stack
    /// words to `finish`. With `mending`, the moves are non-monotonic as in Honnibal,
    /// Goldberg & Johnson (2013): LEFT may replace the head a RIGHT gave S0, and REDUCE
    /// hangs a headless S0 from the word beneath it, so an early wrong move can still be
    /// mended; once the buffer is empty only REDUCE is left, until the stack holds the
    /// root alone (or a headless word that cannot be the root's second child).
    pub fn valid(&self) -> u8 {
        let s0 = self.s0();
        let headless = self.s0_headless();
        let mut mask = 0;
        if !self.mending {
            if self.buffer_empty() {
                return 0;
            }
            if s0 != 0 && !headless {
                mask |= 1 << REDUCE;
            }
            if headless {
                mask |= 1 << LEFT;
            }
        } else {
            // A headless S0 hangs from S1, which may be the root only if it has no child yet.
            if s0 != 0 && (!headless || self.s1() != 0 || !self.root_child) {
                mask |= 1 << REDUCE;
            }
            if self.buffer_empty() {
                return mask;
            }
            if s0 != 0 {
                mask |= 1 << LEFT;
            }
        }
        mask |= 1 << SHIFT;
        if s0 != 0 || !self.root_child {
            mask |= 1 << RIGHT;
        }
        mask
    }

    /// The (head, dependent) of the arc `mv` would create, and the side the dependent is
    /// on (LEFT or RIGHT), or `None` if it creates no arc.
    pub fn arc_of(&self, mv: usize) -> Option<(u32, u32, usize)> {
        let (s0, b0) = (self.s0(), self.next as u32);
        match mv {
            LEFT => Some((b0, s0, LEFT)),
            RIGHT => Some((s0, b0, RIGHT)),
            REDUCE if self.s0_headless() => Some((self.s1(), s0, RIGHT)),
            _ => None,
        }
    }

    pub fn apply(&mut self, mv: usize, label: u16) {
        let b0 = self.next as u32;
        let s0 = self.s0();
        match mv {
            SHIFT => self.push(b0),
            REDUCE => {
                let headless = self.s0_headless();
                self.pop();
                if headless {
                    self.add_arc(self.s0(), s0, label);
                }
            }
            LEFT => {
                self.pop();
                if self.head[s0 as usize] != NONE {
                    self.remove_arc(s0);
                }
                self.add_arc(b0, s0, label);
            }
            _ => {
                self.add_arc(s0, b0, label);
                self.push(b0);
            }
        }
    }

    fn push(&mut self, t: u32) {
        self.stack.push(t);
        self.on_stack[t as usize] = true;
        self.next += 1;
    }

    fn pop(&mut self) {
        if let Some(t) = self.stack.pop() {
            self.on_stack[t as usize] = false;
        }
    }

    pub fn add_arc(&mut self, h: u32, d: u32, label: u16) {
        let (hi, di) = (h as usize, d as usize);
        self.head[di] = h;
        self.label[di] = label;
        let bit = 1u64 << (label & 63);
        if d < h {
            self.l2[hi] = self.lmost[hi];
            self.lmost[hi] = d;
            self.nleft[hi] = self.nleft[hi].saturating_add(1);
            self.lset[hi] |= bit;
        } else {
            self.r2[hi] = self.rmost[hi];
            self.rmost[hi] = d;
            self.nright[hi] = self.nright[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
        if h == 0 {
            self.root_child = true;
        }
    }

    /// Undoes the arc of `d`, a RIGHT child still on the stack: while it is there no
    /// later word can have become its head's right child, so it is that head's rightmost.
    fn remove_arc(&mut self, d: u32) {
        let h = self.head[d as usize];
        let hi = h as usize;
        self.head[d as usize] = NONE;
        if h == 0 {
            self.root_child = false;
        }
        let (mut rmost, mut r2, mut rset) = (NONE, NONE, 0u64);
        for t in (h + 1..d).filter(|&t| self.head[t as usize] == h) {
            (rmost, r2) = (t, rmost);
            rset |= 1u64 << (self.label[t as usize] & 63);
        }
        (self.rmost[hi], self.r2[hi], self.rset[hi]) = (rmost, r2, rset);
        self.nright[hi] = self.nright[hi].saturating_sub(1);
    }

    /// Gold arcs each valid move makes unreachable, `gold[t]` being the gold head of `t`
    /// and `kids[t]` its gold dependents (Goldberg & Nivre 2012). Exact for projective
    /// trees; for non-projective ones it still ranks moves sensibly, and the caller treats
    /// the cheapest moves as correct.
    ///
    /// With `mending`, a stack word can still take any buffer word as its head (LEFT
    /// replaces a head) and a shifted word can still take the word beneath it (REDUCE).
    /// But a SHIFT or RIGHT that only such a repair could make right still counts as a
    /// loss: that keeps one derivation per tree, and the repairs for errors. Without it
    /// the parser learns to RIGHT-arc everything and mend it later (84.3 / 80.8 on EWT
    /// dev for one parser, against 85.4 / 81.8).
    pub fn costs(&self, gold: &[u32], kids: &[Vec<u32>], valid: u8) -> [u32; MOVES] {
        let mut cost = [u32::MAX; MOVES];
        let s0 = self.s0();
        let b0 = self.next as u32;
        let in_buffer = |t: u32| t != NONE && t >= b0 && t as usize <= self.n;
        let buffer_kids = |t: u32| kids[t as usize].iter().filter(|&&k| k >= b0).count() as u32;
        let gs = if s0 == 0 { NONE } else { gold[s0 as usize] };
        let head = self.head[s0 as usize];
        if valid & (1 << REDUCE) != 0 {
            // Headed or (mending) hung from S1, S0 keeps a head it could have but a buffer word.
            cost[REDUCE] = buffer_kids(s0) + (self.mending && in_buffer(gs)) as u32;
        }
        if valid & (1 << LEFT) != 0 {
            let reachable = in_buffer(gs) || (self.mending && (gs == head || (head == NONE && gs == self.s1())));
            cost[LEFT] = buffer_kids(s0) + (gs != b0 && reachable) as u32;
        }
        if valid & ((1 << SHIFT) | (1 << RIGHT)) != 0 {
            // After either, B0 sits above S0: no stack word can take it as head any more
            // (a headed one only could by a mending LEFT).
            let lost_kid = |&&k: &&u32| self.on_stack[k as usize] && (self.mending || self.head[k as usize] == NONE);
            let stack_kids = kids[b0 as usize].iter().filter(lost_kid).count() as u32;
            let gb = gold[b0 as usize];
            let head_on_stack = gb != NONE && self.on_stack[gb as usize];
            if valid & (1 << SHIFT) != 0 {
                cost[SHIFT] = stack_kids + head_on_stack as u32;
            }
            if valid & (1 << RIGHT) != 0 {
                cost[RIGHT] = stack_kids + (gb != s0 && (head_on_stack || in_buffer(gb))) as u32;
            }
        }
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift: a deterministic stream for the random trees and walks below.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// A random projective tree over words `1..=n` with one root child: `gold[t]` is the head.
    fn projective_tree(n: usize, rng: &mut Rng) -> Vec<u32> {
        fn span(l: usize, r: usize, head: u32, gold: &mut [u32], rng: &mut Rng) {
            if l > r {
                return;
            }
            let top = l + rng.below(r - l + 1);
            gold[top] = head;
            // Several children on a side come from splitting that side again.
            let mut cut = l;
            while cut < top {
                let end = cut + rng.below(top - cut);
                span(cut, end, top as u32, gold, rng);
                cut = end + 1;
            }
            let mut cut = top + 1;
            while cut <= r {
                let end = cut + rng.below(r + 1 - cut);
                span(cut, end, top as u32, gold, rng);
                cut = end + 1;
            }
        }
        let mut gold = vec![NONE; n + 1];
        span(1, n, 0, &mut gold, rng);
        gold
    }

    fn kids_of(gold: &[u32]) -> Vec<Vec<u32>> {
        let mut kids = vec![Vec::new(); gold.len()];
        for (t, &h) in gold.iter().enumerate().skip(1) {
            kids[h as usize].push(t as u32);
        }
        kids
    }

    /// Follows zero-cost moves (ties broken by `order`) and returns the heads reached.
    fn follow_oracle(gold: &[u32], order: [usize; MOVES], mending: bool) -> Vec<u32> {
        let kids = kids_of(gold);
        let mut state = State::default();
        state.reset(gold.len() - 1, mending);
        loop {
            let valid = state.valid();
            if valid == 0 {
                return state.head;
            }
            let cost = state.costs(gold, &kids, valid);
            assert_eq!(cost.iter().min(), Some(&0), "a projective tree always has a zero-cost move");
            let mv = order.into_iter().find(|&m| cost[m] == 0).unwrap();
            state.apply(mv, 0);
        }
    }

    #[test]
    fn zero_cost_moves_build_every_projective_tree() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for n in 1..40 {
            for _ in 0..20 {
                let gold = projective_tree(n, &mut rng);
                for order in [[RIGHT, SHIFT, LEFT, REDUCE], [SHIFT, REDUCE, LEFT, RIGHT], [LEFT, REDUCE, RIGHT, SHIFT]]
                {
                    for mending in [false, true] {
                        assert_eq!(
                            follow_oracle(&gold, order, mending)[1..],
                            gold[1..],
                            "order {order:?}, mending {mending}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn left_replaces_the_head_a_right_gave() {
        let mut state = State::default();
        state.reset(3, true);
        state.apply(RIGHT, 1); // root -> 1
        state.apply(RIGHT, 2); // 1 -> 2
        assert_eq!((state.rmost[1], state.nright[1], state.rset[1]), (2, 1, 1 << 2));
        assert_ne!(state.valid() & (1 << LEFT), 0, "a headed S0 may still take B0 as head");
        state.apply(LEFT, 3); // 3 -> 2, undoing 1 -> 2
        assert_eq!(state.head[2], 3);
        assert_eq!((state.rmost[1], state.r2[1], state.nright[1], state.rset[1]), (NONE, NONE, 0, 0));
        assert_eq!((state.lmost[3], state.nleft[3]), (2, 1));
        assert_eq!(state.stack, [0, 1]);
    }

    #[test]
    fn replacing_the_root_child_frees_the_root() {
        let mut state = State::default();
        state.reset(2, true);
        state.apply(RIGHT, 0); // root -> 1
        assert!(state.root_child);
        state.apply(LEFT, 1); // 2 -> 1
        assert!(!state.root_child);
        assert_ne!(state.valid() & (1 << RIGHT), 0, "the root may take a child again");
    }

    #[test]
    fn reduce_hangs_a_headless_word_from_the_one_beneath() {
        let mut state = State::default();
        state.reset(2, true);
        state.apply(RIGHT, 0); // root -> 1
        state.apply(SHIFT, 0); // 2, headless
        assert_eq!(state.valid(), 1 << REDUCE, "with the buffer empty only REDUCE is left");
        assert_eq!(state.arc_of(REDUCE), Some((1, 2, RIGHT)));
        state.apply(REDUCE, 5);
        assert_eq!((state.head[2], state.label[2], state.rmost[1]), (1, 5, 2));
        state.apply(REDUCE, 0);
        assert_eq!((state.stack.as_slice(), state.valid()), (&[0][..], 0));
    }

    #[test]
    fn any_walk_of_valid_moves_ends_in_a_forest_without_cycles() {
        // In either system: `finish` then only hangs the headless words.
        let mut rng = Rng(7);
        let mut state = State::default();
        for (n, mending) in (1..60).flat_map(|n| [(n, false), (n, true)]) {
            state.reset(n, mending);
            let mut steps = 0;
            while state.valid() != 0 {
                let valid = state.valid();
                let moves: Vec<usize> = (0..MOVES).filter(|m| valid & (1 << m) != 0).collect();
                state.apply(moves[rng.below(moves.len())], 1);
                steps += 1;
                assert!(steps <= 2 * n + 1, "every move shifts or pops");
            }
            assert!((1..=n).filter(|&t| state.head[t] == 0).count() <= 1, "one root child at most");
            for t in 1..=n {
                let (mut at, mut hops) = (t as u32, 0);
                while at != 0 && at != NONE {
                    at = state.head[at as usize];
                    hops += 1;
                    assert!(hops <= n, "cycle through {t}");
                }
            }
        }
    }
}
