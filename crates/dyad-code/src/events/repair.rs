//! Repairs of two parse errors the coder cannot read around.
//!
//! The first: a sentence's main verb in
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
//!
//! The second: a closing attribution ("..., the White House said Tuesday.") whose
//! reporting verb the parser hung on the main verb as a noun would hang (a passive
//! subject, an object) and whose speaker as an adverbial clause. The main verb then
//! seems passive and loses its subject, and the speaker is no reporter. The repair makes
//! the reporting verb a parataxis of the main verb with the speaker as its subject,
//! which is how the parser reads the attributions it gets right.

use super::clause::REPORTING_VERBS;
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
    rebuild_children(tree);
    true
}

/// Rewrites a closing attribution the parser hung on the main verb as a nominal
/// dependent; returns whether it did.
pub(crate) fn misattached_attribution(tree: &mut Tree<'_>) -> bool {
    let n = tree.len();
    let Some(root) = (0..n).find(|&w| tree.heads[w].is_none() && tree.relations[w] == "root") else {
        return false;
    };
    if !tree.is_verbal(root) {
        return false;
    }
    // The last reporting verb of the sentence, after the root, with nothing verbal after it.
    let Some(verb) = (root + 1..n).rev().find(|&w| {
        tree.upos[w] == "VERB" && REPORTING_VERBS.contains(&tree.lemmas[w].as_str())
    }) else {
        return false;
    };
    if (verb + 1..n).any(|w| tree.is_verbal(w)) || tree.heads[verb] != Some(root) {
        return false;
    }
    if !matches!(tree.base(verb), "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "appos" | "dep" | "compound") {
        return false;
    }
    // The speaker: the words between the last comma and the verb, with no verb among them.
    let Some(comma) = (root + 1..verb).rev().find(|&w| tree.words[w] == ",") else {
        return false;
    };
    let speaker_words = comma + 1..verb;
    if speaker_words.is_empty() || speaker_words.clone().any(|w| tree.is_verbal(w)) {
        return false;
    }
    let outside = |w: usize| tree.heads[w].is_none_or(|head| !speaker_words.contains(&head));
    let heads: Vec<usize> = speaker_words.clone().filter(|&w| outside(w)).collect();
    let Some(&speaker) = heads.last() else {
        return false;
    };
    if !matches!(tree.upos[speaker], "NOUN" | "PROPN" | "PRON") {
        return false;
    }
    let saved = (tree.heads.clone(), tree.relations.clone());
    tree.heads[verb] = Some(root);
    tree.relations[verb] = "parataxis";
    for w in heads {
        tree.heads[w] = Some(if w == speaker { verb } else { speaker });
    }
    tree.relations[speaker] = "nsubj";
    tree.heads[comma] = Some(verb);
    tree.relations[comma] = "punct";
    if !is_tree(&tree.heads) {
        (tree.heads, tree.relations) = saved;
        return false;
    }
    rebuild_children(tree);
    true
}

fn rebuild_children(tree: &mut Tree<'_>) {
    for children in &mut tree.children {
        children.clear();
    }
    for w in 0..tree.len() {
        if let Some(head) = tree.heads[w] {
            tree.children[head].push(w);
        }
    }
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
