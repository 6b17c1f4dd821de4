//! The verb dictionary's `~` transformations: what one verb means when it acts on
//! another ("A said A attacked B" is A claiming the attack, `~ a (a b ATTACK) SAY = a
//! b 015`; "A attempted to assassinate B" is 185).
//!
//! Verb names in a transformation stand for their codes, so synonyms match: the upper
//! verb matches when it shares the named verb's block or code; the lower event when its
//! code is the named verb's, or in its root where the named code is the root's general
//! one (`190`: any 19x). Actor letters: `a` is the upper verb's source, another letter
//! an actor other than `a`, `.` any actor or none, `_` none (or, in an open complement,
//! the upper verb's own subject).

use super::codes::{is_event_code, root};
use dyad_dict::{Transformation, VerbDictionary};

/// The lower event as the transformations see it.
pub(crate) struct Lower<'a> {
    pub code: &'a str,
    pub sources: &'a [usize],
    pub targets: &'a [usize],
}

/// The upper verb: its lemma and code, and its source.
pub(crate) struct Upper<'a> {
    pub lemma: &'a str,
    pub code: Option<&'a str>,
    pub source: usize,
}

/// A transformation that applied: the new event's source, target and code.
pub(crate) struct Transformed {
    pub source: usize,
    pub target: Option<usize>,
    pub code: String,
    pub rule: String,
    /// The lower event was the upper actor's own (`a` or `_`): the result re-reads
    /// it rather than adding to it.
    pub replaces: bool,
}

/// The first transformation that applies to `lower` under `upper`.
pub(crate) fn transform(verbs: &VerbDictionary, upper: &Upper, lower: &Lower) -> Option<Transformed> {
    verbs.transformations().iter().find_map(|rule| apply(verbs, rule, upper, lower))
}

fn apply(verbs: &VerbDictionary, rule: &Transformation, upper: &Upper, lower: &Lower) -> Option<Transformed> {
    if rule.source != "a"
        || !upper_matches(verbs, &rule.verb, upper)
        || !lower_matches(verbs, &rule.lower.verb, lower.code)
    {
        return None;
    }
    let mut bound: Vec<(&str, Option<usize>)> = vec![("a", Some(upper.source))];
    bind(&rule.lower.source, lower.sources, upper.source, &mut bound)?;
    bind(&rule.lower.target, lower.targets, upper.source, &mut bound)?;
    let value = |letter: &str| bound.iter().find(|(name, _)| *name == letter).and_then(|(_, value)| *value);
    if rule.result.source != "a" {
        return None;
    }
    let code = match rule.result.verb.as_str() {
        "Q" => lower.code.to_string(),
        code if is_event_code(code) => code.to_string(),
        _ => return None,
    };
    let target = match rule.result.target.as_str() {
        "_" | "." => None,
        letter => Some(value(letter)?),
    };
    let replaces = matches!(rule.lower.source.as_str(), "a" | "_");
    Some(Transformed { source: upper.source, target, code, rule: format!("{} ~", rule.rule), replaces })
}

/// Binds an actor letter of the lower clause to one of `actors`, checking the letters
/// already bound (`a` is the upper source).
fn bind<'r>(
    letter: &'r str,
    actors: &[usize],
    upper_source: usize,
    bound: &mut Vec<(&'r str, Option<usize>)>,
) -> Option<()> {
    let first = actors.first().copied();
    match letter {
        "." => Some(()),
        "_" => (first.is_none() || first == Some(upper_source)).then_some(()),
        "a" => (first == Some(upper_source)).then_some(()),
        other => {
            let actor = actors.iter().copied().find(|&actor| actor != upper_source)?;
            bound.push((other, Some(actor)));
            Some(())
        }
    }
}

fn named_code<'v>(verbs: &'v VerbDictionary, name: &str) -> Option<&'v str> {
    verbs.lookup(name).find_map(|hit| hit.code().and_then(|code| code.primary.as_deref()))
}

fn upper_matches(verbs: &VerbDictionary, name: &str, upper: &Upper) -> bool {
    if upper.lemma == name {
        return true;
    }
    let same_block =
        verbs.lookup(name).any(|named| verbs.lookup(upper.lemma).any(|hit| std::ptr::eq(hit.block, named.block)));
    same_block || named_code(verbs, name).is_some_and(|code| upper.code == Some(code))
}

fn lower_matches(verbs: &VerbDictionary, name: &str, code: &str) -> bool {
    if name == "Q" {
        return true;
    }
    let Some(named) = named_code(verbs, name) else {
        return false;
    };
    let general = named.len() == 3 && named.ends_with('0');
    named == code || (general && root(named) == root(code))
}
