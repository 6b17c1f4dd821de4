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
//!
//! The third: a closing attribution whose reporting verb took nouns of the reported
//! clause, before the comma, as its own subject or object ("Peru has recalled its
//! envoy, the ministry said": "envoy" a subject of "said" beside the ministry). The
//! comma closes the reported clause, and the speaker stands between it and the verb:
//! each such noun goes back to the word before its phrase (the object of a verb, the
//! apposition of a noun), and the speaker becomes the verb's subject.

use super::clause::REPORTING_VERBS;
use super::patterns::find_verb;
use super::tree::Tree;
use dyad_dict::VerbDictionary;

/// A repaired copy of `tree` when one of the repairs below applies, else `None`: the
/// tree is shared with the coreference and quotation stages, which read it as parsed,
/// so it is copied only for the few sentences that need it.
pub(crate) fn repaired<'a>(tree: &Tree<'a>, verbs: &VerbDictionary) -> Option<Tree<'a>> {
    let root = (0..tree.len()).find(|&w| tree.heads[w].is_none() && tree.relations[w] == "root")?;
    let nominal_root = matches!(tree.upos[root], "NOUN" | "PROPN" | "PUNCT");
    let reporting_after_root =
        (root + 1..tree.len()).any(|w| tree.heads[w] == Some(root) && is_reporting_verb(tree, w));
    if !nominal_root && !reporting_after_root && !reporting_verb_across_comma(tree) {
        return None;
    }
    let mut copy = tree.clone();
    let rebuilt = verb_read_as_modifier(&mut copy, verbs);
    let reattached = misattached_attribution(&mut copy);
    let returned = arguments_across_attribution(&mut copy);
    // A reported clause given back its own root may be one whose verb was read as a
    // modifier.
    let rebuilt = rebuilt || (returned && verb_read_as_modifier(&mut copy, verbs));
    (rebuilt || reattached || returned).then_some(copy)
}

/// Whether a reporting verb has a subject or object before a comma that precedes it:
/// the cheap test for [`arguments_across_attribution`].
fn reporting_verb_across_comma(tree: &Tree<'_>) -> bool {
    (0..tree.len()).filter(|&verb| is_reporting_verb(tree, verb)).any(|verb| {
        let Some(comma) = (0..verb).rev().find(|&w| tree.words[w] == ",") else {
            return false;
        };
        arguments_before(tree, verb, comma).next().is_some() || hung_inside_speaker(tree, verb, comma).next().is_some()
    })
}

/// The subjects and objects of `verb` before `comma`.
fn arguments_before<'t>(tree: &'t Tree<'_>, verb: usize, comma: usize) -> impl Iterator<Item = usize> + 't {
    let argument = move |c: &usize| *c < comma && matches!(tree.base(*c), "nsubj" | "obj" | "iobj");
    tree.children[verb].iter().copied().filter(argument)
}

/// The words before `comma` that hang on a word between it and `verb`: in a closing
/// attribution, words of the reported clause the parser put inside the speaker's phrase.
fn hung_inside_speaker<'t>(tree: &'t Tree<'_>, verb: usize, comma: usize) -> impl Iterator<Item = usize> + 't {
    (0..comma).filter(move |&w| tree.heads[w].is_some_and(|head| comma < head && head < verb))
}

/// Rewrites `tree` in place when its main verb was read as a modifier; returns whether
/// it did. A rewrite that would leave a cycle is undone.
pub(crate) fn verb_read_as_modifier(tree: &mut Tree<'_>, verbs: &VerbDictionary) -> bool {
    let n = tree.len();
    let Some(root) = (0..n).find(|&w| tree.heads[w].is_none() && tree.relations[w] == "root") else {
        return false;
    };
    // The root is a noun ("helicopters ... shelled positions") or, when the parser
    // found nothing better, the final punctuation.
    if !matches!(tree.upos[root], "NOUN" | "PROPN" | "PUNCT")
        || tree.children[root].iter().any(|&c| tree.base(c) == "cop")
    {
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
    // Hung on the object or the old root, or already the subject of the misread word
    // itself ("Serbia" the subject of an "eased" that modifies "measures"; not "last
    // week" before "reached agreement").
    let subject_head = tree.heads[subject];
    let verbs_subject = subject_head == Some(verb) && tree.base(subject) == "nsubj";
    if !(subject_head.is_none() || subject_head == Some(modified) || subject_head == Some(root) || verbs_subject) {
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
    // verb modified) belongs to the verb's clause now. When the old root is the object
    // itself, its modifiers stay with it ("demolished Palestinian homes"); only the
    // punctuation moves.
    for w in verb + 1..n {
        let moves = root != modified || tree.upos[w] == "PUNCT";
        if w != modified && tree.heads[w] == Some(root) && root != verb && moves {
            tree.heads[w] = Some(verb);
            if tree.relations[w] == "nmod" {
                tree.relations[w] = "obl";
            }
        }
    }
    if tree.heads[root].is_none() && root != verb {
        // A root after the verb (the final full stop) is the verb's now.
        tree.heads[root] = Some(verb);
        tree.relations[root] = if tree.upos[root] == "PUNCT" { "punct" } else { "obl" };
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
    let Some(verb) = closing_reporting_verb(tree, root + 1) else {
        return false;
    };
    if tree.heads[verb] != Some(root) {
        return false;
    }
    // Hung as a noun would hang, or as a clause whose subject the parser missed (also a
    // parataxis whose speaker went to the main verb: "..., the Post reported").
    let nominal = matches!(
        tree.base(verb),
        "nsubj" | "obj" | "iobj" | "obl" | "nmod" | "appos" | "dep" | "compound" | "conj" | "advcl" | "acl"
    );
    let subjectless = matches!(tree.base(verb), "parataxis" | "ccomp")
        && !tree.children[verb].iter().any(|&c| matches!(tree.base(c), "nsubj" | "csubj" | "expl"));
    if !nominal && !subjectless {
        return false;
    }
    let Some(Speaker { comma, speaker, heads }) = speaker(tree, root + 1, verb) else {
        return false;
    };
    if subjectless && tree.heads[speaker] != Some(root) {
        return false;
    }
    let saved = (tree.heads.clone(), tree.relations.clone());
    tree.heads[verb] = Some(root);
    tree.relations[verb] = "parataxis";
    make_speaker(tree, verb, comma, speaker, &heads);
    if !is_tree(&tree.heads) {
        (tree.heads, tree.relations) = saved;
        return false;
    }
    rebuild_children(tree);
    true
}

/// Gives back to the reported clause the nouns before the comma of a closing
/// attribution that the reporting verb took as its own subject or object; returns
/// whether it did.
pub(crate) fn arguments_across_attribution(tree: &mut Tree<'_>) -> bool {
    let Some(verb) = closing_reporting_verb(tree, 0) else {
        return false;
    };
    let Some(Speaker { comma, speaker, heads }) = speaker(tree, 0, verb) else {
        return false;
    };
    // The verb's own subjects or objects before the comma, when the words before it are
    // a clause of their own, with a verb; and words before the comma the parser hung
    // inside the speaker's phrase: a speaker does not reach back across the comma that
    // closes the reported clause.
    let mut taken: Vec<usize> = Vec::new();
    if (0..comma).any(|w| tree.is_verbal(w)) {
        taken.extend(arguments_before(tree, verb, comma));
    }
    taken.extend(hung_inside_speaker(tree, verb, comma));
    taken.sort_unstable();
    taken.dedup();
    if taken.is_empty() {
        return false;
    }
    let saved = (tree.heads.clone(), tree.relations.clone());
    for noun in taken {
        if !return_to_clause(tree, noun) {
            // A phrase opening the sentence has no phrase before it to go back to: it
            // is the reported clause, which the reporting verb at the root comments on
            // ("Army bulldozers demolished homes ..., officials said").
            let opening = tree.extent(noun).start == 0 && tree.heads[verb].is_none();
            if !opening {
                (tree.heads, tree.relations) = saved;
                rebuild_children(tree);
                return false;
            }
            tree.heads[noun] = None;
            tree.relations[noun] = "root";
            tree.heads[verb] = Some(noun);
            tree.relations[verb] = "parataxis";
        }
        rebuild_children(tree);
    }
    make_speaker(tree, verb, comma, speaker, &heads);
    if !is_tree(&tree.heads) {
        (tree.heads, tree.relations) = saved;
        rebuild_children(tree);
        return false;
    }
    rebuild_children(tree);
    true
}

fn is_reporting_verb(tree: &Tree<'_>, word: usize) -> bool {
    tree.upos[word] == "VERB" && REPORTING_VERBS.contains(&tree.lemmas[word].as_str())
}

/// The last reporting verb of the sentence from word `from` on, if nothing verbal
/// follows it: the verb of a closing attribution.
fn closing_reporting_verb(tree: &Tree<'_>, from: usize) -> Option<usize> {
    let verb = (from..tree.len()).rev().find(|&w| is_reporting_verb(tree, w))?;
    (!(verb + 1..tree.len()).any(|w| tree.is_verbal(w))).then_some(verb)
}

/// Hangs `noun` on the phrase it continues, the one before it: a name after a noun is
/// that noun's apposition ("the suspect | Ali Hassan"); any other noun phrase is the
/// object of the verb of that phrase ("imposed | sanctions on ...", "granted the
/// venture | an additional area", the first object of two then the indirect one).
/// Returns whether there was such a phrase.
fn return_to_clause(tree: &mut Tree<'_>, noun: usize) -> bool {
    let start = tree.extent(noun).start;
    let Some(before) = start.checked_sub(1) else {
        return false;
    };
    let name = start == noun && tree.upos[noun] == "PROPN";
    if name && matches!(tree.upos[before], "NOUN" | "PROPN") {
        tree.heads[noun] = Some(before);
        tree.relations[noun] = "appos";
        return true;
    }
    // The verb whose phrase the word before ends.
    let mut verb = before;
    for _ in 0..tree.len() {
        if tree.upos[verb] == "VERB" {
            break;
        }
        match tree.heads[verb] {
            Some(head) if head < start => verb = head,
            _ => return false,
        }
    }
    if tree.upos[verb] != "VERB" {
        return false;
    }
    if let Some(object) = tree.children[verb].iter().copied().find(|&c| tree.relations[c] == "obj") {
        tree.relations[object] = "iobj";
    }
    tree.heads[noun] = Some(verb);
    tree.relations[noun] = "obj";
    true
}

/// The speaker of a closing attribution: the words between the last comma (after
/// `from`) and the reporting verb, with no clause among them.
struct Speaker {
    comma: usize,
    /// The speaker's head word.
    speaker: usize,
    /// The words of the speaker whose heads are outside it, the speaker last.
    heads: Vec<usize>,
}

fn speaker(tree: &Tree<'_>, from: usize, verb: usize) -> Option<Speaker> {
    let comma = (from..verb).rev().find(|&w| tree.words[w] == ",")?;
    let speaker_words = comma + 1..verb;
    // A conjunction right after the comma joins clauses ("..., and officials said");
    // one inside the speaker joins speakers ("officials and witnesses said").
    let clause_word =
        |w: usize| tree.is_verbal(w) || tree.upos[w] == "SCONJ" || (tree.upos[w] == "CCONJ" && w == comma + 1);
    if speaker_words.is_empty() || speaker_words.clone().any(clause_word) {
        return None;
    }
    let outside = |w: usize| tree.heads[w].is_none_or(|head| !speaker_words.contains(&head));
    let heads: Vec<usize> = speaker_words.clone().filter(|&w| outside(w)).collect();
    let speaker = *heads.last()?;
    matches!(tree.upos[speaker], "NOUN" | "PROPN" | "PRON").then_some(Speaker { comma, speaker, heads })
}

/// Hangs the speaker on the reporting verb as its subject, the rest of its words on
/// the speaker, and the comma on the verb.
fn make_speaker(tree: &mut Tree<'_>, verb: usize, comma: usize, speaker: usize, heads: &[usize]) {
    for &w in heads {
        tree.heads[w] = Some(if w == speaker { verb } else { speaker });
    }
    tree.relations[speaker] = "nsubj";
    tree.heads[comma] = Some(verb);
    tree.relations[comma] = "punct";
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn verbs() -> &'static VerbDictionary {
        static DICTIONARIES: OnceLock<dyad_dict::Dictionaries> = OnceLock::new();
        &DICTIONARIES.get_or_init(dyad_dict::production).verbs
    }

    use crate::events::tree::rows as tree;

    #[test]
    fn a_past_tense_verb_read_as_an_adjective_becomes_the_root() {
        // "Armed gangs torched shops in the market." as the tagger misread a similar
        // sentence: "torched" an adjective of "shops", the subject hung on the object.
        let mut t = tree(&[
            ("Armed", "armed", "ADJ", 2, "amod"),
            ("gangs", "gang", "NOUN", 4, "nsubj"),
            ("torched", "torched", "ADJ", 4, "amod"),
            ("shops", "shop", "NOUN", 0, "root"),
            ("in", "in", "ADP", 7, "case"),
            ("the", "the", "DET", 7, "det"),
            ("market", "market", "NOUN", 4, "nmod"),
            (".", ".", "PUNCT", 4, "punct"),
        ]);
        assert!(verb_read_as_modifier(&mut t, verbs()));
        assert_eq!(t.heads[2], None);
        assert_eq!((t.upos[2], t.relations[2]), ("VERB", "root"));
        assert_eq!((t.heads[1], t.relations[1]), (Some(2), "nsubj"));
        assert_eq!((t.heads[3], t.relations[3]), (Some(2), "obj"));
        assert!(t.children[2].contains(&1) && t.children[2].contains(&3));
        // The object keeps its modifier; the full stop goes to the verb.
        assert_eq!((t.heads[6], t.heads[7]), (Some(3), Some(2)));
    }

    #[test]
    fn a_noun_root_before_the_verb_becomes_its_subject() {
        // "Syrian tanks and helicopters shelled rebel positions ." with the full stop as
        // the root and the subject conjuncts hung on it.
        let mut t = tree(&[
            ("Syrian", "Syrian", "ADJ", 2, "amod"),
            ("tanks", "tank", "NOUN", 8, "nsubj"),
            ("and", "and", "CCONJ", 4, "cc"),
            ("helicopters", "helicopter", "NOUN", 2, "conj"),
            ("shelled", "shel", "VERB", 7, "amod"),
            ("rebel", "rebel", "NOUN", 7, "compound"),
            ("positions", "position", "NOUN", 2, "conj"),
            (".", ".", "PUNCT", 0, "root"),
        ]);
        assert!(verb_read_as_modifier(&mut t, verbs()));
        assert_eq!((t.heads[4], t.relations[4]), (None, "root"));
        assert_eq!((t.heads[1], t.relations[1]), (Some(4), "nsubj"));
        assert_eq!((t.heads[6], t.relations[6]), (Some(4), "obj"));
        assert_eq!((t.heads[7], t.relations[7]), (Some(4), "punct"));
    }

    #[test]
    fn a_subject_already_on_the_misread_verb_stays_its_subject() {
        // "Chile lifted curfews in three provinces ." with "lifted" an adjective of
        // "curfews", the root, and "Chile" its subject all the same.
        let mut t = tree(&[
            ("Chile", "Chile", "PROPN", 2, "nsubj"),
            ("lifted", "lift", "VERB", 3, "amod"),
            ("curfews", "curfew", "NOUN", 0, "root"),
            ("in", "in", "ADP", 6, "case"),
            ("three", "three", "NUM", 6, "nummod"),
            ("provinces", "province", "NOUN", 3, "nmod"),
            (".", ".", "PUNCT", 3, "punct"),
        ]);
        assert!(verb_read_as_modifier(&mut t, verbs()));
        assert_eq!((t.heads[1], t.relations[1]), (None, "root"));
        assert_eq!((t.heads[0], t.relations[0]), (Some(1), "nsubj"));
        assert_eq!((t.heads[2], t.relations[2]), (Some(1), "obj"));
        assert_eq!((t.heads[6], t.relations[6]), (Some(1), "punct"));
    }

    #[test]
    fn a_participle_inside_its_noun_phrase_stays_an_adjective() {
        // "The government closed the occupied territories": no repair when a verb governs.
        let mut t = tree(&[
            ("The", "the", "DET", 2, "det"),
            ("government", "government", "NOUN", 3, "nsubj"),
            ("closed", "close", "VERB", 0, "root"),
            ("the", "the", "DET", 6, "det"),
            ("occupied", "occupy", "VERB", 6, "amod"),
            ("territories", "territory", "NOUN", 3, "obj"),
        ]);
        assert!(!verb_read_as_modifier(&mut t, verbs()));
        // A verbless title: "Rebel leaders' seized assets": the word before the
        // participle belongs to the noun phrase it modifies.
        let mut t = tree(&[
            ("Rebel", "rebel", "NOUN", 2, "compound"),
            ("leaders", "leader", "NOUN", 4, "nmod:poss"),
            ("seized", "seize", "VERB", 4, "amod"),
            ("assets", "asset", "NOUN", 0, "root"),
        ]);
        assert!(!verb_read_as_modifier(&mut t, verbs()));
    }

    #[test]
    fn a_closing_attribution_hung_as_a_noun_becomes_a_parataxis() {
        // "Peru has recalled its envoy, the Foreign Ministry said Friday." with "said" a
        // passive subject and "Ministry" an adverbial clause.
        let mut t = tree(&[
            ("Peru", "Peru", "PROPN", 3, "nsubj"),
            ("has", "have", "AUX", 3, "aux"),
            ("recalled", "recall", "VERB", 0, "root"),
            ("its", "its", "PRON", 5, "nmod:poss"),
            ("envoy", "envoy", "NOUN", 3, "obj"),
            (",", ",", "PUNCT", 9, "punct"),
            ("the", "the", "DET", 9, "det"),
            ("Foreign", "foreign", "ADJ", 9, "amod"),
            ("Ministry", "Ministry", "PROPN", 3, "advcl"),
            ("said", "say", "VERB", 3, "nsubj:pass"),
            ("Friday", "Friday", "PROPN", 10, "obl"),
            (".", ".", "PUNCT", 3, "punct"),
        ]);
        assert!(misattached_attribution(&mut t));
        assert_eq!((t.heads[9], t.relations[9]), (Some(2), "parataxis"));
        assert_eq!((t.heads[8], t.relations[8]), (Some(9), "nsubj"));
        assert!(!t.children[2].iter().any(|&c| t.relations[c] == "nsubj:pass"));
        // An attribution the parser got right is left alone.
        let mut right = tree(&[
            ("Peru", "Peru", "PROPN", 2, "nsubj"),
            ("recalled", "recall", "VERB", 0, "root"),
            ("envoys", "envoy", "NOUN", 2, "obj"),
            (",", ",", "PUNCT", 6, "punct"),
            ("officials", "official", "NOUN", 6, "nsubj"),
            ("said", "say", "VERB", 2, "parataxis"),
        ]);
        assert!(!misattached_attribution(&mut right));
        // "Peru recalled envoys, the daily reported": the speaker hung on the main verb
        // as an oblique, the reporting verb a parataxis without a subject.
        let mut subjectless = tree(&[
            ("Peru", "Peru", "PROPN", 2, "nsubj"),
            ("recalled", "recall", "VERB", 0, "root"),
            ("envoys", "envoy", "NOUN", 2, "obj"),
            (",", ",", "PUNCT", 6, "punct"),
            ("the", "the", "DET", 6, "det"),
            ("daily", "daily", "NOUN", 2, "obl"),
            ("reported", "report", "VERB", 2, "parataxis"),
        ]);
        assert!(misattached_attribution(&mut subjectless));
        assert_eq!((subjectless.heads[5], subjectless.relations[5]), (Some(6), "nsubj"));
    }

    #[test]
    fn a_reported_clause_hung_inside_the_speaker_becomes_the_root() {
        // "Army tanks shelled villages near the border, local officials said." with
        // "tanks" a possessor of "officials" across the comma and "shelled" an adjective
        // of "villages", a conjunct of "tanks".
        let t = tree(&[
            ("Army", "army", "NOUN", 2, "compound"),
            ("tanks", "tank", "NOUN", 10, "nmod:poss"),
            ("shelled", "shel", "ADJ", 4, "amod"),
            ("villages", "village", "NOUN", 2, "conj"),
            ("near", "near", "ADP", 7, "case"),
            ("the", "the", "DET", 7, "det"),
            ("border", "border", "NOUN", 4, "nmod"),
            (",", ",", "PUNCT", 2, "punct"),
            ("local", "local", "ADJ", 10, "amod"),
            ("officials", "official", "NOUN", 11, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            (".", ".", "PUNCT", 11, "punct"),
        ]);
        let r = repaired(&t, verbs()).expect("a repair");
        assert_eq!((r.heads[2], r.relations[2]), (None, "root"));
        assert_eq!((r.heads[1], r.relations[1]), (Some(2), "nsubj"));
        assert_eq!((r.heads[3], r.relations[3]), (Some(2), "obj"));
        assert_eq!((r.heads[10], r.relations[10]), (Some(2), "parataxis"));
        assert_eq!((r.heads[9], r.relations[9]), (Some(10), "nsubj"));
        // Coordinated speakers are one speaker: "..., officials and witnesses said".
        let mut both = tree(&[
            ("Peru", "Peru", "PROPN", 2, "nsubj"),
            ("recalled", "recall", "VERB", 0, "root"),
            ("envoys", "envoy", "NOUN", 8, "nsubj"),
            (",", ",", "PUNCT", 5, "punct"),
            ("officials", "official", "NOUN", 8, "nsubj"),
            ("and", "and", "CCONJ", 7, "cc"),
            ("witnesses", "witness", "NOUN", 5, "conj"),
            ("said", "say", "VERB", 2, "parataxis"),
        ]);
        assert!(arguments_across_attribution(&mut both));
        assert_eq!((both.heads[2], both.relations[2]), (Some(1), "obj"));
        assert_eq!((both.heads[4], both.relations[4]), (Some(7), "nsubj"));
    }

    #[test]
    fn nouns_before_a_closing_attribution_go_back_to_their_clause() {
        // "Peru has expelled two diplomats of Chile, the ministry said Monday." with
        // "diplomats" a second subject of "said" and "ministry" hung on "Chile".
        let mut t = tree(&[
            ("Peru", "Peru", "PROPN", 3, "nsubj"),
            ("has", "have", "AUX", 3, "aux"),
            ("expelled", "expel", "VERB", 0, "root"),
            ("two", "two", "NUM", 5, "nummod"),
            ("diplomats", "diplomat", "NOUN", 11, "nsubj"),
            ("of", "of", "ADP", 7, "case"),
            ("Chile", "Chile", "PROPN", 5, "nmod"),
            (",", ",", "PUNCT", 10, "punct"),
            ("the", "the", "DET", 10, "det"),
            ("ministry", "ministry", "NOUN", 7, "appos"),
            ("said", "say", "VERB", 3, "parataxis"),
            ("Monday", "Monday", "PROPN", 11, "obl"),
            (".", ".", "PUNCT", 3, "punct"),
        ]);
        assert!(arguments_across_attribution(&mut t));
        assert_eq!((t.heads[4], t.relations[4]), (Some(2), "obj"));
        assert_eq!((t.heads[9], t.relations[9]), (Some(10), "nsubj"));
        assert_eq!((t.heads[10], t.relations[10]), (Some(2), "parataxis"));
        assert_eq!(t.children[10].iter().filter(|&&c| t.base(c) == "nsubj").count(), 1);
        // With the reporting verb as the root and the reported clause its complement,
        // a name after a noun is that noun's apposition: "The court charged the
        // activist Omar, officials said".
        let mut root = tree(&[
            ("The", "the", "DET", 2, "det"),
            ("court", "court", "NOUN", 3, "nsubj"),
            ("charged", "charge", "VERB", 10, "ccomp"),
            ("the", "the", "DET", 5, "det"),
            ("activist", "activist", "NOUN", 3, "obj"),
            ("Omar", "Omar", "PROPN", 10, "nsubj"),
            (",", ",", "PUNCT", 9, "punct"),
            ("senior", "senior", "ADJ", 9, "amod"),
            ("officials", "official", "NOUN", 6, "appos"),
            ("said", "say", "VERB", 0, "root"),
            (".", ".", "PUNCT", 10, "punct"),
        ]);
        assert!(arguments_across_attribution(&mut root));
        assert_eq!((root.heads[5], root.relations[5]), (Some(4), "appos"));
        assert_eq!((root.heads[8], root.relations[8]), (Some(9), "nsubj"));
        // A subject set off by its apposition is the speaker's own: "The minister, a
        // former general, said so."
        let mut own = tree(&[
            ("The", "the", "DET", 2, "det"),
            ("minister", "minister", "NOUN", 8, "nsubj"),
            (",", ",", "PUNCT", 6, "punct"),
            ("a", "a", "DET", 6, "det"),
            ("former", "former", "ADJ", 6, "amod"),
            ("general", "general", "NOUN", 2, "appos"),
            (",", ",", "PUNCT", 2, "punct"),
            ("said", "say", "VERB", 0, "root"),
            ("so", "so", "ADV", 8, "advmod"),
        ]);
        assert!(!arguments_across_attribution(&mut own));
    }
}
