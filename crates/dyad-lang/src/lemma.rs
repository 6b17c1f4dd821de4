//! Lemmatizer: the training data's lemma for known (form, XPOS) pairs, and for unknown
//! words a suffix rule learned from the training data ("strip n chars, append s", chosen
//! by the longest known suffix of the word under its XPOS).
//!
//! Learned suffix rules rather than hand-written ones: they cover English morphology
//! (`-ies` → `-y`, `stopped` → `stop`, `created` → `create`) with the treebank's own
//! conventions, and the table of exceptions stays the training data itself.

use crate::model::{Reader, Writer};
use crate::tags::{Tag, XPOS};
use crate::{conllu, model::ModelError};
use std::borrow::Cow;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"DYADLEM\0";
const VERSION: u32 = 2;
/// Longest suffix (in chars) a rule is keyed by.
const MAX_SUFFIX: usize = 6;
/// Distinct training words a suffix rule needs before it is trusted.
const MIN_RULE_SUPPORT: u32 = 2;

/// "Strip `strip` chars from the end, then append `append`."
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    strip: u8,
    append: String,
}

/// Lookup tables over one string arena: loading is a copy, a UTF-8 check and one hash per
/// entry, not tens of thousands of small allocations.
#[derive(Clone, Debug, PartialEq)]
pub struct Lemmatizer {
    text: String,
    /// Exact form and XPOS → lemma.
    exact: Table,
    /// Folded form (lowercase, ASCII quotes) and XPOS → lemma, for case/quote variants.
    folded: Table,
    /// Folded suffix and XPOS → rule (`strip`, and the appended text as the value).
    rules: Table,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Record {
    key: (u32, u32),
    value: (u32, u32),
    xpos: u8,
    strip: u8,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Table {
    records: Vec<Record>,
    /// Open addressing over `records`: index + 1 in the low 32 bits (0 = empty), the key
    /// hash's high 32 bits above it. A probe that meets another key is told apart by
    /// that fingerprint, without reading its record and string: most words miss at
    /// least one table (unknown words miss up to eight lookups), and those reads were
    /// cache misses that made lemmas 5% of the coder's time.
    slots: Vec<u64>,
}

/// One table entry before it goes into the arena.
type Item = (String, u8, String, u8);

fn slot_hash(key: &str, xpos: u8) -> u64 {
    crate::perceptron::hash_bytes(xpos as u64 + 1, key.as_bytes())
}

/// The high half of a key's hash, where [`Table::slots`] keeps it.
fn fingerprint(hash: u64) -> u64 {
    hash & !0xFFFF_FFFF
}

impl Table {
    /// `items` must be sorted (it is the serialised order).
    fn build(items: &[Item], arena: &mut Arena) -> Table {
        let records = items
            .iter()
            .map(|(key, xpos, value, strip)| Record { key: arena.add(key), value: arena.add(value), xpos: *xpos, strip: *strip })
            .collect();
        Table { records, slots: Vec::new() }
    }

    fn index(&mut self, text: &str) {
        let size = (self.records.len() * 2).next_power_of_two().max(16);
        self.slots = vec![0; size];
        for (i, r) in self.records.iter().enumerate() {
            let hash = slot_hash(span(text, r.key), r.xpos);
            let mut slot = hash as usize & (size - 1);
            while self.slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = fingerprint(hash) | (i as u64 + 1);
        }
    }

    fn get(&self, text: &str, key: &str, xpos: u8) -> Option<Record> {
        let size = self.slots.len();
        if size == 0 {
            return None;
        }
        let hash = slot_hash(key, xpos);
        let print = fingerprint(hash);
        let mut slot = hash as usize & (size - 1);
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            if entry & !0xFFFF_FFFF == print {
                let r = self.records[(entry & 0xFFFF_FFFF) as usize - 1];
                if r.xpos == xpos && span(text, r.key) == key {
                    return Some(r);
                }
            }
            slot = (slot + 1) & (size - 1);
        }
    }

    fn write(&self, out: &mut Writer) {
        out.varint(self.records.len() as u64);
        for r in &self.records {
            for v in [r.key.0, r.key.1, r.value.0, r.value.1] {
                out.varint(v as u64);
            }
            out.u8(r.xpos);
            out.u8(r.strip);
        }
    }

    fn read(input: &mut Reader, text: &str) -> Result<Table, ModelError> {
        let n = input.count(6)?;
        let mut records = Vec::with_capacity(n);
        for _ in 0..n {
            let key = read_span(input, text)?;
            let value = read_span(input, text)?;
            let xpos = read_xpos(input)?;
            let strip = input.u8()?;
            records.push(Record { key, value, xpos, strip });
        }
        let mut table = Table { records, slots: Vec::new() };
        table.index(text);
        Ok(table)
    }
}

fn span(text: &str, (start, len): (u32, u32)) -> &str {
    &text[start as usize..(start + len) as usize]
}

fn read_span(input: &mut Reader, text: &str) -> Result<(u32, u32), ModelError> {
    let start = input.varint()?;
    let len = input.varint()?;
    let end = start.checked_add(len).filter(|&e| e <= text.len() as u64);
    match end {
        Some(end) if text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize) => Ok((start as u32, len as u32)),
        _ => Err(input.corrupt("string span")),
    }
}

/// Strings back to back, each stored once.
#[derive(Default)]
struct Arena {
    text: String,
    seen: HashMap<String, (u32, u32)>,
}

impl Arena {
    fn add(&mut self, s: &str) -> (u32, u32) {
        if let Some(&span) = self.seen.get(s) {
            return span;
        }
        let span = (self.text.len() as u32, s.len() as u32);
        self.text.push_str(s);
        self.seen.insert(s.to_string(), span);
        span
    }
}

impl Lemmatizer {
    pub fn train(sentences: &[conllu::Sentence]) -> Lemmatizer {
        let mut exact: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        let mut folded: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        for word in sentences.iter().flat_map(|s| &s.words) {
            if word.lemma.is_empty() || word.lemma == "_" && word.form != "_" {
                continue;
            }
            let xpos = Tag::of_word(word).xpos;
            *exact.entry((word.form.clone(), xpos)).or_default().entry(word.lemma.clone()).or_default() += 1;
            *folded.entry((fold(&word.form), xpos)).or_default().entry(word.lemma.clone()).or_default() += 1;
        }
        let rules: Vec<Item> = sorted(learn_rules(&exact).into_iter().map(|((xpos, suffix), rule)| (suffix, xpos, rule.append, rule.strip)));
        let exact = sorted(best_lemmas(exact));
        let folded = sorted(best_lemmas(folded));
        let mut arena = Arena::default();
        let mut lemmatizer = Lemmatizer {
            exact: Table::build(&exact, &mut arena),
            folded: Table::build(&folded, &mut arena),
            rules: Table::build(&rules, &mut arena),
            text: arena.text,
        };
        lemmatizer.index();
        lemmatizer
    }

    fn index(&mut self) {
        for table in [&mut self.exact, &mut self.folded, &mut self.rules] {
            table.index(&self.text);
        }
    }

    pub fn lemma<'a>(&'a self, form: &'a str, tag: Tag) -> Cow<'a, str> {
        if let Some(r) = self.exact.get(&self.text, form, tag.xpos) {
            return Cow::Borrowed(span(&self.text, r.value));
        }
        if let Some(special) = special(form, tag) {
            return Cow::Borrowed(special);
        }
        let folded = fold(form);
        let proper = is_proper(tag);
        // Proper nouns too: EWT lemmatises lowercase names in their usual casing
        // (measured: keeping the written case costs 0.03-0.08 points on dev and test).
        if let Some(r) = self.folded.get(&self.text, &folded, tag.xpos) {
            return Cow::Borrowed(span(&self.text, r.value));
        }
        match self.rule_for(&folded, tag.xpos) {
            Some((strip, append)) if proper => Cow::Owned(apply(form, strip, append)),
            Some((strip, append)) => Cow::Owned(apply(&folded, strip, append)),
            None if proper => Cow::Borrowed(form),
            None => Cow::Owned(folded),
        }
    }

    /// The rule (`strip`, appended text) of the longest known suffix; whole words count
    /// as suffixes too.
    fn rule_for(&self, folded: &str, xpos: u8) -> Option<(u8, &str)> {
        // Suffix starts, the longest (up to MAX_SUFFIX chars) first.
        let mut starts = [0usize; MAX_SUFFIX];
        let mut count = 0;
        for (i, _) in folded.char_indices().rev().take(MAX_SUFFIX) {
            starts[count] = i;
            count += 1;
        }
        starts[..count].iter().rev().find_map(|&start| {
            let r = self.rules.get(&self.text, &folded[start..], xpos)?;
            Some((r.strip, span(&self.text, r.value)))
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        out.str(&self.text);
        for table in [&self.exact, &self.folded, &self.rules] {
            table.write(&mut out);
        }
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut input = Reader::open(bytes, "lemmatizer", MAGIC, VERSION)?;
        let text = input.str()?.to_string();
        let exact = Table::read(&mut input, &text)?;
        let folded = Table::read(&mut input, &text)?;
        let rules = Table::read(&mut input, &text)?;
        input.finish()?;
        Ok(Lemmatizer { text, exact, folded, rules })
    }
}

fn sorted(items: impl IntoIterator<Item = Item>) -> Vec<Item> {
    let mut items: Vec<Item> = items.into_iter().collect();
    items.sort();
    items
}

/// Clitics and contractions whose lemma no suffix rule can find, for spellings the
/// training data lacks (e.g. curly apostrophes, capitals).
fn special(form: &str, tag: Tag) -> Option<&'static str> {
    // Every form below has at most three chars, and folding never shortens a word:
    // longer words (nearly all) need no folded copy.
    if form.chars().nth(3).is_some() {
        return None;
    }
    let folded = fold(form);
    let xpos = tag.xpos_name();
    Some(match (folded.as_str(), xpos) {
        ("n't" | "nt" | "not", _) => "not",
        ("'s", "VBZ") | ("'re" | "'m", _) => "be",
        ("'s", "POS") => "'s",
        ("'ll", _) | ("wo", "MD") => "will",
        ("'ve", _) => "have",
        ("'d", "MD") => "would",
        ("'d", _) => "have",
        ("ca", "MD") => "can",
        _ => return None,
    })
}

fn is_proper(tag: Tag) -> bool {
    matches!(tag.xpos_name(), "NNP" | "NNPS")
}

/// Lowercase with typographic quotes folded to ASCII.
fn fold(form: &str) -> String {
    form.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn apply(base: &str, strip: u8, append: &str) -> String {
    let chars = base.chars().count();
    if strip as usize > chars {
        return base.to_string();
    }
    let cut = base.char_indices().nth(chars - strip as usize).map_or(base.len(), |(i, _)| i);
    let mut out = String::with_capacity(cut + append.len());
    out.push_str(&base[..cut]);
    out.push_str(append);
    out
}

/// The rule turning `form` into `lemma` (both folded), if there is one in 255 chars.
fn rule_between(form: &str, lemma: &str) -> Option<Rule> {
    let common = form.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let strip = form.chars().count() - common;
    let append: String = lemma.chars().skip(common).collect();
    Some(Rule { strip: u8::try_from(strip).ok()?, append })
}

/// Counts rules per (XPOS, suffix) over distinct training words, keeps each suffix's
/// commonest rule when enough words support it and a shorter suffix does not already say it.
fn learn_rules(exact: &HashMap<(String, u8), HashMap<String, u32>>) -> HashMap<(u8, String), Rule> {
    let mut counts: HashMap<(u8, String), HashMap<Rule, u32>> = HashMap::new();
    for ((form, xpos), lemmas) in exact {
        let Some(lemma) = commonest(lemmas) else { continue };
        let proper = is_proper(Tag { upos: 0, xpos: *xpos });
        let (form_f, lemma_f) = if proper { (form.clone(), lemma.clone()) } else { (fold(form), fold(&lemma)) };
        let Some(rule) = rule_between(&form_f, &lemma_f) else { continue };
        let folded_form = fold(form);
        let starts: Vec<usize> = folded_form.char_indices().map(|(i, _)| i).collect();
        for n in 1..=starts.len().min(MAX_SUFFIX) {
            let suffix = folded_form[starts[starts.len() - n]..].to_string();
            *counts.entry((*xpos, suffix)).or_default().entry(rule.clone()).or_default() += 1;
        }
    }
    let mut best: Vec<((u8, String), Rule, u32)> = counts
        .into_iter()
        .filter_map(|(key, rules)| {
            let support: u32 = rules.values().sum();
            let rule = commonest(&rules)?;
            (support >= MIN_RULE_SUPPORT).then_some((key, rule, support))
        })
        .collect();
    best.sort_by(|a, b| a.0 .1.chars().count().cmp(&b.0 .1.chars().count()).then(a.0.cmp(&b.0)));
    prune(best)
}

/// Drops rules that the next shorter suffix already gives: same output, smaller model.
fn prune(best: Vec<((u8, String), Rule, u32)>) -> HashMap<(u8, String), Rule> {
    let mut kept: HashMap<(u8, String), Rule> = HashMap::new();
    let all: HashMap<(u8, String), Rule> = best.iter().map(|(k, r, _)| (k.clone(), r.clone())).collect();
    for ((xpos, suffix), rule, _) in best {
        let shorter = suffix.char_indices().nth(1).map(|(i, _)| &suffix[i..]);
        let fallback = shorter.and_then(|s| shorter_rule(&all, xpos, s));
        if fallback != Some(&rule) {
            kept.insert((xpos, suffix), rule);
        }
    }
    kept
}

/// The rule the lookup would fall back to for `suffix` and shorter.
fn shorter_rule<'a>(all: &'a HashMap<(u8, String), Rule>, xpos: u8, suffix: &str) -> Option<&'a Rule> {
    let mut s = suffix;
    loop {
        if let Some(rule) = all.get(&(xpos, s.to_string())) {
            return Some(rule);
        }
        s = &s[s.char_indices().nth(1)?.0..];
    }
}

/// The most frequent key; ties go to the smallest key so the result is deterministic.
fn commonest<K: Ord + Clone>(counts: &HashMap<K, u32>) -> Option<K> {
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k.clone())
}

fn best_lemmas(table: HashMap<(String, u8), HashMap<String, u32>>) -> Vec<Item> {
    table.into_iter().filter_map(|((form, xpos), lemmas)| Some((form, xpos, commonest(&lemmas)?, 0))).collect()
}

fn read_xpos(input: &mut Reader) -> Result<u8, ModelError> {
    let xpos = input.u8()?;
    if xpos as usize >= XPOS.len() {
        return Err(input.corrupt("XPOS id"));
    }
    Ok(xpos)
}
