//! Repairs of one parse error the coder cannot read around: a sentence's main verb in
//! the past tense tagged as an adjective or participle modifying the noun after it,
//! which leaves the sentence without a verb. "Israeli tanks shelled positions near the
//! town" comes out as the noun phrase "tanks" with "shelled positions" in apposition;
//! "Army bulldozers demolished homes" as "bulldozers demolished homes" with "homes" as
//! the root. Headline-style news sentences (a plural subject, a verb in `-ed`, a
//! plural object) are where the tagger errs most, and every such sentence loses its
//! event: the coder skips adjectival participles ("proposed changes") by design.
//!
//! The repair is only tried on a sentence whose root is a noun (no verb governs it),
//! for a word in `-ed` that the verb dictionary knows, standing right after a noun that
//! is not part of the noun phrase it modifies. That word becomes the root verb, the
//! noun phrase before it its subject, the noun it modified its object (or, if it already
//! has one, an oblique), and what hung on the old root after it hangs on the verb.

use super::patterns::find_verb;
use super::tree::Tree;
use dyad_dict::VerbDictionary;

/// Rewrites `tree` in place when its main verb was read as a modifier; returns whether
/// it did. A rewrite that would leave a cycle is undone.
pub(crate) fn verb_read_as_modifier(tree: &mut Tree<'_>, verbs: &VerbDictionary) -> bool {
    let n = tree.len();
    let Some(root) = (0..n).find(|&w| tree.heads[w].is_none() && tree.relations[w] == "root") else {
        return false;
    };
    if !matches!(tree.upos[root], "NOUN" | "PROPN") || tree.children[root].iter().any(|&c| tree.base(c) == "cop") {
        return false;
    }
    let Some((verb, modified)) = (1..n).find_map(|w| candidate(tree, w, verbs)) else {
        return false;
    };
    // The subject: climb from the noun before the verb while its head is before the verb.
    let mut subject = verb - 1;
    for _ in 0..n {
        match tree.heads[subject] {
            Some(head) if head < verb => subject = head,
            _ => break,
        }
    }
    let subject_head = tree.heads[subject];
    if !(subject_head.is_none() || subject_head == Some(modified) || subject_head == Some(root)) {
        return false;
    }
    let saved = (tree.heads.clone(), tree.relations.clone(), tree.upos.clone());
    let has_object = tree.children[verb].iter().any(|&c| tree.base(c) == "obj");
    tree.heads[verb] = None;
    tree.relations[verb] = "root";
    tree.upos[verb] = "VERB";
    tree.heads[modified] = Some(verb);
    tree.relations[modified] = if has_object { "obl" } else { "obj" };
    tree.heads[subject] = Some(verb);
    tree.relations[subject] = "nsubj";
    // What the old root governed after the verb (punctuation, obliques, the conjunct the
    // verb modified) belongs to the verb's clause now.
    for w in verb + 1..n {
        if w != modified && tree.heads[w] == Some(root) && root != verb {
            tree.heads[w] = Some(verb);
            if tree.relations[w] == "nmod" {
                tree.relations[w] = "obl";
            }
        }
    }
    if !is_tree(&tree.heads) {
        (tree.heads, tree.relations, tree.upos) = saved;
        return false;
    }
    for children in &mut tree.children {
        children.clear();
    }
    for w in 0..n {
        if let Some(head) = tree.heads[w] {
            tree.children[head].push(w);
        }
    }
    true
}

/// `word` as the misread verb, with the noun it was read as modifying.
fn candidate(tree: &Tree<'_>, word: usize, verbs: &VerbDictionary) -> Option<(usize, usize)> {
    if !matches!(tree.upos[word], "ADJ" | "VERB") || tree.base(word) != "amod" || !tree.upper[word].ends_with("ED") {
        return None;
    }
    let modified = tree.heads[word].filter(|&head| head > word)?;
    let before = word - 1;
    // "the occupied territories", "U.S. backed forces": a word before the participle
    // inside the noun phrase it modifies makes it an adjective after all. A subject
    // the parser hung on that noun ("bulldozers" nsubj of "homes") is outside it.
    let inside = tree.heads[before] == Some(modified) && tree.base(before) != "nsubj";
    if !matches!(tree.upos[before], "NOUN" | "PROPN") || inside {
        return None;
    }
    find_verb(tree, word, verbs)?;
    Some((word, modified))
}

/// Whether every word reaches a root by its heads.
fn is_tree(heads: &[Option<usize>]) -> bool {
    (0..heads.len()).all(|start| {
        let mut at = start;
        for _ in 0..=heads.len() {
            match heads[at] {
                None => return true,
                Some(head) if head < heads.len() => at = head,
                Some(_) => return false,
            }
        }
        false
    })
}
