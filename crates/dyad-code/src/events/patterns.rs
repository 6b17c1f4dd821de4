//! Finding dictionary verbs in a sentence and matching their block's patterns over the
//! words of the verb's clause, in text order on each side of the verb.

use super::tree::Tree;
use dyad_dict::{Pattern, PatternItem, VerbDictionary, VerbMatch, WordSketch};
use std::cell::RefCell;

/// A dictionary verb found at `word`, with the other words of a multi-word verb.
#[derive(Clone, Copy)]
pub(crate) struct VerbHit<'d> {
    pub verb: VerbMatch<'d>,
    /// Last word of the verb phrase (a particle: "give in").
    pub last: usize,
    pub first: usize,
}

/// How far a particle may stand from its verb ("gave the city up").
const PARTICLE_REACH: usize = 4;

/// The longest dictionary verb whose head is `word`, by lemma, else by form.
pub(crate) fn find_verb<'d>(tree: &Tree, word: usize, verbs: &'d VerbDictionary) -> Option<VerbHit<'d>> {
    let by_lemma: Vec<VerbMatch<'d>> = verbs.lookup(&tree.lemmas[word]).collect();
    let candidates = if by_lemma.is_empty() { verbs.lookup_form(&tree.upper[word]).collect() } else { by_lemma };
    longest_fitting(tree, word, candidates)
}

/// The dictionary verb `lemma` standing at `word`, which may be a noun ("talks").
pub(crate) fn find_verb_as<'d>(
    tree: &Tree,
    word: usize,
    lemma: &str,
    verbs: &'d VerbDictionary,
) -> Option<VerbHit<'d>> {
    longest_fitting(tree, word, verbs.lookup(lemma).collect())
}

fn longest_fitting<'d>(tree: &Tree, word: usize, candidates: Vec<VerbMatch<'d>>) -> Option<VerbHit<'d>> {
    let mut best: Option<(usize, VerbHit<'d>)> = None;
    for verb in candidates {
        let Some((first, last)) = phrase_fits(tree, word, &verb.verb.lemma.words, verb.verb.lemma.head) else {
            continue;
        };
        let size = verb.verb.lemma.words.len();
        if best.as_ref().is_none_or(|(best_size, _)| size > *best_size) {
            best = Some((size, VerbHit { verb, last, first }));
        }
    }
    best.map(|(_, hit)| hit)
}

/// Whether the words of a verb phrase stand around `word`: those before the head right
/// before it, those after it in order within a few words. Returns the phrase's extent.
fn phrase_fits(tree: &Tree, word: usize, words: &[String], head: usize) -> Option<(usize, usize)> {
    let before = &words[..head];
    let first = word.checked_sub(before.len())?;
    let same = |at: usize, expected: &str| tree.upper[at] == expected || tree.lemmas[at] == expected;
    if !before.iter().enumerate().all(|(i, expected)| same(first + i, expected)) {
        return None;
    }
    let mut last = word;
    for expected in &words[head + 1..] {
        let limit = (last + 1 + PARTICLE_REACH).min(tree.len());
        last = (last + 1..limit).find(|&at| same(at, expected))?;
    }
    Some((first, last))
}

/// A pattern that matched, and the words its `$` and `+` fell on.
pub(crate) struct PatternHit<'d> {
    pub pattern: &'d Pattern,
    pub source: Option<usize>,
    pub target: Option<usize>,
}

/// A pattern element flattened out of its phrase groups.
#[derive(Clone, Copy)]
enum Item<'p> {
    Word(&'p str),
    Synset(&'p str),
    Source,
    Target,
    Skip,
}

struct Flat<'p> {
    item: Item<'p>,
    /// Must follow the previous item directly (`_`).
    joined: bool,
}

/// What the matcher needs to know about the sentence.
pub(crate) struct MatchContext<'t, 'd> {
    pub tree: &'t Tree<'t>,
    pub mention_at: &'t [Option<usize>],
    pub verbs: &'d VerbDictionary,
}

/// The most specific pattern of the verb's block matching around it: the one with
/// most words; on ties one written for this verb, then the earliest. `object` (the
/// words of a passive verb's subject, in order) is matched as if it followed the
/// verb, where the patterns expect the object: "troops were reinforced" reads as
/// "reinforced troops".
pub(crate) fn best_pattern<'d>(
    context: &MatchContext<'_, 'd>,
    hit: &VerbHit<'d>,
    domain: &[usize],
    object: &[usize],
) -> Option<PatternHit<'d>> {
    let moved = |w: &usize| object.contains(w);
    let before: Vec<usize> = domain.iter().rev().copied().filter(|&w| w < hit.first && !moved(&w)).collect();
    let after: Vec<usize> =
        object.iter().copied().chain(domain.iter().copied().filter(|&w| w > hit.last && !moved(&w))).collect();
    let mut best: Option<((usize, bool), PatternHit<'d>)> = None;
    let clause = ClauseWords::new(context.tree, domain);
    for pattern in hit.verb.patterns().iter().filter(|pattern| hit.verb.applies(pattern)) {
        // Scored only when that can decide: most patterns of a block never match.
        let specific = specificity(pattern);
        if best.as_ref().is_some_and(|((best_specific, best_own), _)| {
            specific < *best_specific || (specific == *best_specific && *best_own)
        }) {
            continue;
        }
        // Most patterns name a word the clause does not have: reject those cheaply,
        // first by the sketch bits of all their words at once.
        if !clause.sketch.may_contain_all(&pattern.word_sketches)
            || !clause.has_all(&pattern.before, context.verbs)
            || !clause.has_all(&pattern.after, context.verbs)
        {
            continue;
        }
        let mut captures = Captures::default();
        let before_items = reversed(flatten(&pattern.before));
        let after_items = flatten(&pattern.after);
        if match_items(context, &before_items, &before, 0, &mut captures)
            && match_items(context, &after_items, &after, 0, &mut captures)
        {
            let score = (specific, hit.verb.written_for(pattern));
            if best.as_ref().is_none_or(|(best_score, _)| score > *best_score) {
                best = Some((score, PatternHit { pattern, source: captures.source, target: captures.target }));
            }
        }
    }
    best.map(|(_, hit)| hit)
}

/// The words of a verb's clause (forms and lemmas, upper-cased), to tell whether a
/// pattern can match at all. A block has up to ~200 patterns, tested at every
/// occurrence of its verbs, naming the same few synsets, some of hundreds of phrases.
struct ClauseWords<'t> {
    words: Vec<&'t str>,
    /// Most pattern words are not in the clause, and this rules them out without
    /// comparing strings.
    sketch: WordSketch,
    /// The synsets looked for so far, and whether a phrase of theirs starts with a
    /// word of the clause.
    synsets: RefCell<Vec<(String, bool)>>,
}

impl<'t> ClauseWords<'t> {
    fn new(tree: &'t Tree<'t>, domain: &[usize]) -> ClauseWords<'t> {
        let words: Vec<&str> =
            domain.iter().flat_map(|&at| [tree.upper[at].as_str(), tree.lemmas[at].as_str()]).collect();
        let sketch = words.iter().copied().collect();
        ClauseWords { words, sketch, synsets: RefCell::default() }
    }

    fn has(&self, word: &str) -> bool {
        self.sketch.may_contain(word) && self.words.contains(&word)
    }

    fn has_synset(&self, name: &str, verbs: &VerbDictionary) -> bool {
        if let Some(&(_, found)) = self.synsets.borrow().iter().find(|(known, _)| known == name) {
            return found;
        }
        let found = verbs.synset(name).is_some_and(|synset| synset.phrases.iter().any(|phrase| self.has(&phrase[0])));
        self.synsets.borrow_mut().push((name.to_string(), found));
        found
    }

    /// Whether every word and synset of `items` is there.
    fn has_all(&self, items: &[PatternItem], verbs: &VerbDictionary) -> bool {
        items.iter().all(|item| match item {
            PatternItem::Word(text) => self.has(text),
            PatternItem::Synset(name) => self.has_synset(name, verbs),
            PatternItem::NounPhrase(inner) | PatternItem::PrepPhrase(inner) => self.has_all(inner, verbs),
            _ => true,
        })
    }
}


/// How much of the sentence a pattern reads: its words count double, its actor slots
/// once.
/// (Computed when the dictionary is read: [`Pattern::specificity`].)
pub(crate) fn specificity(pattern: &Pattern) -> usize {
    pattern.specificity
}

fn flatten(items: &[PatternItem]) -> Vec<Flat<'_>> {
    fn walk<'p>(items: &'p [PatternItem], out: &mut Vec<Flat<'p>>, joined: &mut bool) {
        for item in items {
            let flat = match item {
                PatternItem::Word(word) => Item::Word(word),
                PatternItem::Synset(name) => Item::Synset(name),
                PatternItem::Source => Item::Source,
                PatternItem::Target | PatternItem::Compound => Item::Target,
                PatternItem::Skip => Item::Skip,
                PatternItem::Joined => {
                    *joined = true;
                    continue;
                }
                PatternItem::NounPhrase(inner) | PatternItem::PrepPhrase(inner) => {
                    walk(inner, out, joined);
                    continue;
                }
            };
            out.push(Flat { item: flat, joined: std::mem::take(joined) });
        }
    }
    let mut out = Vec::new();
    walk(items, &mut out, &mut false);
    out
}

/// Items before the verb are matched walking away from it, so reverse them and move
/// each `_` to the item it now follows.
fn reversed(items: Vec<Flat<'_>>) -> Vec<Flat<'_>> {
    let joins: Vec<bool> = items.iter().map(|flat| flat.joined).collect();
    let n = items.len();
    items
        .into_iter()
        .rev()
        .enumerate()
        .map(|(j, flat)| Flat { item: flat.item, joined: j > 0 && joins[n - j] })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Captures {
    source: Option<usize>,
    target: Option<usize>,
}

/// Matches `items` against `tokens` (word indices, walking away from the verb) from
/// position `from`, words allowed in between unless an item is joined.
fn match_items(
    context: &MatchContext<'_, '_>,
    items: &[Flat<'_>],
    tokens: &[usize],
    from: usize,
    captures: &mut Captures,
) -> bool {
    let Some((first, rest)) = items.split_first() else {
        return true;
    };
    if let Item::Skip = first.item {
        return match_items(context, rest, tokens, from, captures);
    }
    let end = if first.joined { (from + 1).min(tokens.len()) } else { tokens.len() };
    for start in from..end {
        let Some(used) = match_item(context, first.item, tokens, start) else {
            continue;
        };
        let saved = *captures;
        record(first.item, tokens[start], captures);
        if match_items(context, rest, tokens, start + used, captures) {
            return true;
        }
        *captures = saved;
    }
    false
}

fn record(item: Item<'_>, word: usize, captures: &mut Captures) {
    match item {
        Item::Source => captures.source = captures.source.or(Some(word)),
        Item::Target => captures.target = captures.target.or(Some(word)),
        _ => {}
    }
}

/// How many tokens `item` covers at `tokens[start]`, if it matches there.
fn match_item(context: &MatchContext<'_, '_>, item: Item<'_>, tokens: &[usize], start: usize) -> Option<usize> {
    let tree = context.tree;
    let word = tokens[start];
    let same = |at: usize, expected: &str| tree.upper[at] == expected || tree.lemmas[at] == expected;
    match item {
        Item::Word(expected) => same(word, expected).then_some(1),
        Item::Synset(name) => {
            let synset = context.verbs.synset(name)?;
            let backwards = tokens.len() > 1 && is_backwards(tokens);
            synset
                .phrases
                .iter()
                .filter(|phrase| {
                    phrase.len() <= tokens.len() - start
                        && phrase_in_order(tokens, start, phrase, backwards).all(|(at, expected)| same(at, expected))
                })
                .map(Vec::len)
                .max()
        }
        Item::Source | Item::Target => {
            let mention = context.mention_at[word]?;
            let span = tokens[start..].iter().take_while(|&&at| context.mention_at[at] == Some(mention)).count();
            Some(span)
        }
        Item::Skip => Some(0),
    }
}

fn is_backwards(tokens: &[usize]) -> bool {
    tokens[0] > tokens[1]
}

/// Pairs each word of a phrase with the token it must match; walking backwards the
/// phrase's last word comes first.
fn phrase_in_order<'p>(
    tokens: &'p [usize],
    start: usize,
    phrase: &'p [String],
    backwards: bool,
) -> impl Iterator<Item = (usize, &'p str)> + 'p {
    let n = phrase.len();
    (0..n).map(move |i| {
        let expected = if backwards { &phrase[n - 1 - i] } else { &phrase[i] };
        (tokens[start + i], expected.as_str())
    })
}
