//! Lemmatizer: the training data's lemma for known (form, XPOS) pairs, and for unknown
//! words a suffix rule learned from the training data ("strip n chars, append s", chosen
//! by the longest known suffix of the word under its XPOS).
//!
//! Learned suffix rules rather than hand-written ones: they cover English morphology
//! (`-ies` → `-y`, `stopped` → `stop`, `created` → `create`) with the treebank's own
//! conventions, and the table of exceptions stays the training data itself.

use crate::perceptron::{Reader, Writer};
use crate::tags::{Tag, XPOS};
use crate::{conllu, model::ModelError};
use std::borrow::Cow;
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"DYADLEM\0";
const VERSION: u32 = 1;
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

#[derive(Clone, Debug, PartialEq)]
pub struct Lemmatizer {
    /// Exact form → (XPOS, lemma) pairs, sorted by XPOS.
    exact: HashMap<String, Vec<(u8, String)>>,
    /// Folded form (lowercase, ASCII quotes) → (XPOS, lemma), for case/quote variants.
    folded: HashMap<String, Vec<(u8, String)>>,
    /// (XPOS, folded suffix) → rule.
    rules: HashMap<(u8, String), Rule>,
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
        let rules = learn_rules(&exact);
        Lemmatizer { exact: best_lemmas(exact), folded: best_lemmas(folded), rules }
    }

    pub fn lemma<'a>(&'a self, form: &'a str, tag: Tag) -> Cow<'a, str> {
        if let Some(lemma) = lookup(&self.exact, form, tag.xpos) {
            return Cow::Borrowed(lemma);
        }
        if let Some(special) = special(form, tag) {
            return Cow::Borrowed(special);
        }
        let folded = fold(form);
        if let Some(lemma) = lookup(&self.folded, &folded, tag.xpos) {
            return Cow::Borrowed(lemma);
        }
        let proper = is_proper(tag);
        let base = if proper { form.to_string() } else { folded };
        match self.rule_for(&fold(form), tag.xpos) {
            Some(rule) => Cow::Owned(apply(&base, rule)),
            None if proper => Cow::Borrowed(form),
            None => Cow::Owned(base),
        }
    }

    /// The rule of the longest known suffix; whole words count as suffixes too.
    fn rule_for(&self, folded: &str, xpos: u8) -> Option<&Rule> {
        let starts: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
        let longest = starts.len().min(MAX_SUFFIX);
        (1..=longest).rev().find_map(|n| {
            let suffix = &folded[starts[starts.len() - n]..];
            self.rules.get(&(xpos, suffix.to_string()))
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer::default();
        out.bytes.extend_from_slice(MAGIC);
        out.u32(VERSION);
        write_table(&mut out, &self.exact);
        write_table(&mut out, &self.folded);
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.varint(rules.len() as u64);
        for ((xpos, suffix), rule) in rules {
            out.u8(*xpos);
            out.str(suffix);
            out.u8(rule.strip);
            out.str(&rule.append);
        }
        out.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut input = Reader::open(bytes, "lemmatizer", MAGIC, VERSION)?;
        let exact = read_table(&mut input)?;
        let folded = read_table(&mut input)?;
        let n = input.count(4)?;
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let xpos = read_xpos(&mut input)?;
            let suffix = input.str()?.to_string();
            let strip = input.u8()?;
            let append = input.str()?.to_string();
            rules.insert((xpos, suffix), Rule { strip, append });
        }
        input.finish()?;
        Ok(Lemmatizer { exact, folded, rules })
    }
}

/// Clitics and contractions whose lemma no suffix rule can find, for spellings the
/// training data lacks (e.g. curly apostrophes, capitals).
fn special(form: &str, tag: Tag) -> Option<&'static str> {
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

fn lookup<'a>(table: &'a HashMap<String, Vec<(u8, String)>>, form: &str, xpos: u8) -> Option<&'a str> {
    let entries = table.get(form)?;
    entries.iter().find(|(x, _)| *x == xpos).map(|(_, lemma)| lemma.as_str())
}

fn apply(base: &str, rule: &Rule) -> String {
    let chars = base.chars().count();
    if rule.strip as usize > chars {
        return base.to_string();
    }
    let cut = base.char_indices().nth(chars - rule.strip as usize).map_or(base.len(), |(i, _)| i);
    let mut out = String::with_capacity(cut + rule.append.len());
    out.push_str(&base[..cut]);
    out.push_str(&rule.append);
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

fn best_lemmas(table: HashMap<(String, u8), HashMap<String, u32>>) -> HashMap<String, Vec<(u8, String)>> {
    let mut out: HashMap<String, Vec<(u8, String)>> = HashMap::new();
    for ((form, xpos), lemmas) in table {
        if let Some(lemma) = commonest(&lemmas) {
            out.entry(form).or_default().push((xpos, lemma));
        }
    }
    for entries in out.values_mut() {
        entries.sort();
    }
    out
}

fn write_table(out: &mut Writer, table: &HashMap<String, Vec<(u8, String)>>) {
    let mut forms: Vec<_> = table.iter().collect();
    forms.sort();
    out.varint(forms.len() as u64);
    for (form, entries) in forms {
        out.str(form);
        out.varint(entries.len() as u64);
        for (xpos, lemma) in entries {
            out.u8(*xpos);
            out.str(lemma);
        }
    }
}

fn read_table(input: &mut Reader) -> Result<HashMap<String, Vec<(u8, String)>>, ModelError> {
    let n = input.count(2)?;
    let mut table = HashMap::with_capacity(n);
    for _ in 0..n {
        let form = input.str()?.to_string();
        let m = input.count(2)?;
        let mut entries = Vec::with_capacity(m);
        for _ in 0..m {
            let xpos = read_xpos(input)?;
            entries.push((xpos, input.str()?.to_string()));
        }
        table.insert(form, entries);
    }
    Ok(table)
}

fn read_xpos(input: &mut Reader) -> Result<u8, ModelError> {
    let xpos = input.u8()?;
    if xpos as usize >= XPOS.len() {
        return Err(input.corrupt("XPOS id"));
    }
    Ok(xpos)
}
