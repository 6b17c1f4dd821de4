//! The arc-eager transition system (Nivre 2003) with the root at the bottom of the stack,
//! and the dynamic-oracle costs of Goldberg & Nivre (2012).

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
}

impl State {
    pub fn reset(&mut self, n: usize) {
        let len = n + 1;
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

    pub fn terminal(&self) -> bool {
        self.next > self.n
    }

    pub fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    pub fn s1(&self) -> u32 {
        let len = self.stack.len();
        if len >= 2 { self.stack[len - 2] } else { NONE }
    }

    /// Buffer token `i` places ahead, or `NONE`.
    pub fn buffer(&self, i: usize) -> u32 {
        let t = self.next + i;
        if t <= self.n { t as u32 } else { NONE }
    }

    /// Bit `m` is set when move `m` is allowed; SHIFT always is while the buffer is non-empty.
    pub fn valid(&self) -> u8 {
        if self.terminal() {
            return 0;
        }
        let s0 = self.s0();
        let headless = s0 != 0 && self.head[s0 as usize] == NONE;
        let mut mask = 1 << SHIFT;
        if s0 != 0 && !headless {
            mask |= 1 << REDUCE;
        }
        if headless {
            mask |= 1 << LEFT;
        }
        if s0 != 0 || !self.root_child {
            mask |= 1 << RIGHT;
        }
        mask
    }

    /// The (head, dependent) an arc move would create.
    pub fn arc_of(&self, mv: usize) -> (u32, u32) {
        let (s0, b0) = (self.s0(), self.next as u32);
        if mv == LEFT { (b0, s0) } else { (s0, b0) }
    }

    pub fn apply(&mut self, mv: usize, label: u16) {
        let b0 = self.next as u32;
        match mv {
            SHIFT => self.push(b0),
            REDUCE => self.pop(),
            LEFT => {
                let s0 = self.s0();
                self.pop();
                self.add_arc(b0, s0, label);
            }
            _ => {
                let s0 = self.s0();
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

    /// Gold arcs each valid move makes unreachable. `gold[t]` is the gold head of `t`,
    /// `kids[t]` its gold dependents. Exact for projective trees; for non-projective ones
    /// it still ranks moves sensibly, and the caller treats the cheapest moves as correct.
    pub fn costs(&self, gold: &[u32], kids: &[Vec<u32>], valid: u8) -> [u32; MOVES] {
        let mut cost = [u32::MAX; MOVES];
        let s0 = self.s0();
        let b0 = self.next as u32;
        let buffer_kids = |t: u32| kids[t as usize].iter().filter(|&&k| k >= b0).count() as u32;
        let stack_kids = |t: u32| {
            kids[t as usize]
                .iter()
                .filter(|&&k| self.on_stack[k as usize] && self.head[k as usize] == NONE)
                .count() as u32
        };
        let gb = gold[b0 as usize];
        let head_on_stack = |h: u32| h != NONE && self.on_stack[h as usize];
        if valid & (1 << SHIFT) != 0 {
            cost[SHIFT] = stack_kids(b0) + head_on_stack(gb) as u32;
        }
        if valid & (1 << REDUCE) != 0 {
            cost[REDUCE] = buffer_kids(s0);
        }
        if valid & (1 << LEFT) != 0 {
            let gs = gold[s0 as usize];
            cost[LEFT] = buffer_kids(s0) + (gs != NONE && gs > b0) as u32;
        }
        if valid & (1 << RIGHT) != 0 {
            let lost_head = gb != s0 && (head_on_stack(gb) || (gb != NONE && gb > b0));
            cost[RIGHT] = stack_kids(b0) + lost_head as u32;
        }
        cost
    }
}
