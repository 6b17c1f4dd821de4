//! Verb patterns and event codes: `- * (FOR {FINANCIAL AID}) [0231]` (PETRARCH2) and
//! `- SAID + MUST * POLICY [100]` (TABARI / PETRARCH1).

use std::fmt;

use crate::source::{split_brackets, Rule};

/// `[042]`, `[042:043]`, `[:173]`, `[---]` (`---` is the null code: no event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCode {
    /// The event from source to target.
    pub primary: Option<String>,
    /// After `:`, the paired event in the other direction, target to source, as in
    /// TABARI (`[042:043]`: one side makes a visit, the other hosts it).
    pub secondary: Option<String>,
}

impl EventCode {
    pub fn parse(text: &str) -> Result<EventCode, String> {
        let text = text.trim();
        let valid = |part: &str| part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '+');
        let (primary, secondary) = match text.split_once(':') {
            Some((primary, secondary)) => (primary.trim(), Some(secondary.trim())),
            None => (text, None),
        };
        if primary.is_empty() && secondary.is_none_or(str::is_empty) {
            return Err("empty event code".to_string());
        }
        if !valid(primary) || !secondary.is_none_or(valid) {
            return Err(format!("bad event code [{text}]"));
        }
        let non_empty = |part: &str| (!part.is_empty()).then(|| part.to_string());
        Ok(EventCode { primary: non_empty(primary), secondary: secondary.and_then(non_empty) })
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.primary.as_deref().unwrap_or(""))?;
        if let Some(secondary) = &self.secondary {
            write!(f, ":{secondary}")?;
        }
        Ok(())
    }
}

/// One element of a pattern, on either side of the verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternItem {
    /// An upper-case word as written (hyphens kept: `SIT-IN`).
    Word(String),
    /// `&NAME`, without the `&` and any trailing `_`.
    Synset(String),
    /// `$`: the source actor goes here.
    Source,
    /// `+`: the target actor goes here.
    Target,
    /// `%`: a compound actor that is both source and target.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `_` between two items: they must be adjacent. In TABARI patterns a blank allows
    /// words in between; in PETRARCH2 `{...}` groups `_` simply joins a phrase.
    Joined,
    /// `{FINANCIAL AID}`: a noun phrase whose last word is the head.
    NounPhrase(Vec<PatternItem>),
    /// `(FOR AID)`: a prepositional phrase, the preposition first.
    PrepPhrase(Vec<PatternItem>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Items before the `*` (the verb), in text order.
    pub before: Vec<PatternItem>,
    /// Items after the `*`, in text order.
    pub after: Vec<PatternItem>,
    pub code: EventCode,
    /// The pattern as written, without the leading `-`, code and comment.
    pub text: String,
    pub rule: Rule,
    /// The verb of its block the pattern was written for, when its comment names one
    /// (`- * ON [190] # PRESS`).
    pub origin: Option<String>,
    /// The pattern is an idiom of its `origin` verb (it [is phrasal](Self::is_phrasal)
    /// or [reads only the subject](Self::reads_subject_only)): it applies to no other
    /// verb of the block. Set when the dictionary is compiled.
    pub idiom: bool,
    /// How much of a sentence the pattern reads, computed once: words and synsets
    /// count 2, actor slots 1, plus 1 so that any pattern beats the verb's own code.
    pub specificity: usize,
    /// Every word the pattern names (inside phrases too): a clause whose sketch lacks
    /// one of them lacks that word, so the pattern is ruled out without reading its
    /// strings (most of a block's patterns are, at every verb).
    pub word_sketches: WordSketch,
}

/// Words a pattern may consist of and still only complete its verb into a phrasal
/// verb ("press on", "push out", "step up"): such a pattern means something for the
/// verb it was written for, not for the other verbs of its block ("demanded ... on").
const PARTICLES: &[&str] = &[
    "ON", "OFF", "UP", "DOWN", "OUT", "IN", "INTO", "AHEAD", "BACK", "AWAY", "OVER", "FOR", "WITH", "TO", "FROM",
    "AGAINST", "AT", "BY", "THROUGH", "ABOUT", "AROUND", "ALONG", "FORWARD", "TOWARD", "TOWARDS", "ACROSS", "ASIDE",
];

impl Pattern {
    /// Whether the pattern reads only the verb's subject ("&MILITARY *" written for
    /// TAKE, soldiers taking a place): what a subject does with one verb says nothing
    /// of what it does with the block's other verbs.
    pub fn reads_subject_only(&self) -> bool {
        let actor_slot =
            |item: &PatternItem| matches!(item, PatternItem::Source | PatternItem::Target | PatternItem::Compound);
        self.after.is_empty() && !self.before.is_empty() && !self.before.iter().any(actor_slot)
    }

    /// Whether the pattern is only particles (and actor slots): an idiom of its verb.
    pub fn is_phrasal(&self) -> bool {
        fn particles(items: &[PatternItem]) -> bool {
            items.iter().all(|item| match item {
                PatternItem::Word(word) => PARTICLES.contains(&word.as_str()),
                PatternItem::Synset(_) => false,
                PatternItem::NounPhrase(inner) | PatternItem::PrepPhrase(inner) => particles(inner),
                _ => true,
            })
        }
        particles(&self.before) && particles(&self.after)
    }
}

/// Parses the text after `- ` on a pattern line. `is_synset` says whether a synset
/// name has been defined; patterns using undefined synsets are rejected, as in
/// PETRARCH.
pub(crate) fn parse_pattern(line: &str, rule: Rule, is_synset: &dyn Fn(&str) -> bool) -> Result<Pattern, String> {
    let (body, groups) = split_brackets(line)?;
    let [code] = groups.as_slice() else {
        return Err(format!("pattern needs one [code], found {}", groups.len()));
    };
    let code = EventCode::parse(code)?;
    let tokens = tokenize(body);
    let (before, after) = parse_sides(&tokens, is_synset)?;
    let specificity = 1 + weight(&before) + weight(&after);
    let mut word_sketches = WordSketch::default();
    add_word_sketches(&before, &mut word_sketches);
    add_word_sketches(&after, &mut word_sketches);
    Ok(Pattern {
        before,
        after,
        code,
        text: body.trim().to_string(),
        rule,
        origin: None,
        idiom: false,
        specificity,
        word_sketches,
    })
}

/// A set of words kept as 256 bits, one per word's length and first and last bytes
/// mixed: it tells cheaply that a word, or some word of another sketch, is surely not
/// among its words (a set bit only says "maybe").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordSketch([u64; 4]);

impl WordSketch {
    fn bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        let key = bytes.len() as u64
            | u64::from(bytes.first().copied().unwrap_or(0)) << 16
            | u64::from(bytes.last().copied().unwrap_or(0)) << 24;
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize
    }

    pub fn insert(&mut self, word: &str) {
        let bit = WordSketch::bit(word);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// False when `word` is surely not in the set.
    pub fn may_contain(&self, word: &str) -> bool {
        let bit = WordSketch::bit(word);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// False when some word of `other` is surely not in the set.
    pub fn may_contain_all(&self, other: &WordSketch) -> bool {
        other.0.iter().zip(&self.0).all(|(wanted, have)| wanted & !have == 0)
    }
}

impl<'w> FromIterator<&'w str> for WordSketch {
    fn from_iter<I: IntoIterator<Item = &'w str>>(words: I) -> WordSketch {
        let mut sketch = WordSketch::default();
        for word in words {
            sketch.insert(word);
        }
        sketch
    }
}

fn add_word_sketches(items: &[PatternItem], sketches: &mut WordSketch) {
    for item in items {
        match item {
            PatternItem::Word(word) => sketches.insert(word),
            PatternItem::NounPhrase(inner) | PatternItem::PrepPhrase(inner) => add_word_sketches(inner, sketches),
            _ => {}
        }
    }
}

fn weight(items: &[PatternItem]) -> usize {
    items
        .iter()
        .map(|item| match item {
            PatternItem::Word(_) | PatternItem::Synset(_) => 2,
            PatternItem::Source | PatternItem::Target | PatternItem::Compound => 1,
            PatternItem::NounPhrase(inner) | PatternItem::PrepPhrase(inner) => weight(inner),
            PatternItem::Skip | PatternItem::Joined => 0,
        })
        .sum()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Open(char),
    Close(char),
    Star,
    Joined,
    Atom(&'a str),
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut atom_start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let token = match c {
            '{' | '(' => Some(Token::Open(c)),
            '}' | ')' => Some(Token::Close(c)),
            '*' => Some(Token::Star),
            '_' => Some(Token::Joined),
            c if c.is_whitespace() => None,
            _ => {
                atom_start.get_or_insert(at);
                continue;
            }
        };
        if let Some(start) = atom_start.take() {
            tokens.push(Token::Atom(&text[start..at]));
        }
        tokens.extend(token);
    }
    if let Some(start) = atom_start {
        tokens.push(Token::Atom(&text[start..]));
    }
    tokens
}

type Sides = (Vec<PatternItem>, Vec<PatternItem>);

fn parse_sides(tokens: &[Token<'_>], is_synset: &dyn Fn(&str) -> bool) -> Result<Sides, String> {
    let mut sides: [Vec<PatternItem>; 2] = Default::default();
    let mut side = 0;
    let mut at = 0;
    while at < tokens.len() {
        if tokens[at] == Token::Star {
            if side == 1 {
                return Err("more than one '*' in pattern".to_string());
            }
            side = 1;
            at += 1;
            continue;
        }
        let item = parse_item(tokens, &mut at, is_synset)?;
        sides[side].push(item);
    }
    if side == 0 {
        return Err("pattern has no '*'".to_string());
    }
    let [before, after] = sides;
    Ok((before, after))
}

fn parse_item(tokens: &[Token<'_>], at: &mut usize, is_synset: &dyn Fn(&str) -> bool) -> Result<PatternItem, String> {
    let token = &tokens[*at];
    *at += 1;
    match *token {
        Token::Atom(atom) if atom.len() > 1 && atom.starts_with('&') => synset_item(atom, tokens, at, is_synset),
        Token::Atom(atom) => Ok(atom_item(atom)),
        Token::Joined => Ok(PatternItem::Joined),
        Token::Open(open) => parse_group(open, tokens, at, is_synset),
        Token::Close(close) => Err(format!("unbalanced '{close}'")),
        Token::Star => Err("'*' inside a phrase".to_string()),
    }
}

fn parse_group(
    open: char,
    tokens: &[Token<'_>],
    at: &mut usize,
    is_synset: &dyn Fn(&str) -> bool,
) -> Result<PatternItem, String> {
    let close = if open == '{' { '}' } else { ')' };
    let mut items = Vec::new();
    loop {
        match tokens.get(*at) {
            None => return Err(format!("unclosed '{open}'")),
            Some(Token::Close(c)) if *c == close => {
                *at += 1;
                break;
            }
            Some(_) => items.push(parse_item(tokens, at, is_synset)?),
        }
    }
    Ok(if open == '{' { PatternItem::NounPhrase(items) } else { PatternItem::PrepPhrase(items) })
}

fn atom_item(atom: &str) -> PatternItem {
    match atom {
        "$" => PatternItem::Source,
        "+" => PatternItem::Target,
        "%" => PatternItem::Compound,
        "^" => PatternItem::Skip,
        _ => PatternItem::Word(atom.to_uppercase()),
    }
}

/// Synset names may contain `_` (`&FIGHT_OF_WORDS`), which elsewhere joins words
/// (`&TIETYPES_RELATIONS`), so take the longest defined name.
fn synset_item(
    atom: &str,
    tokens: &[Token<'_>],
    at: &mut usize,
    is_synset: &dyn Fn(&str) -> bool,
) -> Result<PatternItem, String> {
    let mut name = atom[1..].to_string();
    let mut best = is_synset(&synset_key(&name)).then(|| (synset_key(&name), *at));
    let mut next = *at;
    while let (Some(Token::Joined), Some(Token::Atom(word))) = (tokens.get(next), tokens.get(next + 1)) {
        name.push('_');
        name.push_str(word);
        next += 2;
        if is_synset(&synset_key(&name)) {
            best = Some((synset_key(&name), next));
        }
    }
    let (key, end) = best.ok_or_else(|| format!("undefined synset &{}", synset_key(&atom[1..])))?;
    *at = end;
    Ok(PatternItem::Synset(key))
}

/// Synsets are defined as `&NAME_` (no plurals) but referenced as `&NAME`.
pub(crate) fn synset_key(name: &str) -> String {
    name.trim_end_matches('_').to_uppercase()
}
