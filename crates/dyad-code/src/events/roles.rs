//! Sources and targets from the dependency tree: subjects, objects, prepositional
//! objects, passive agents, and the conjuncts of compound actors.

use super::clause::REPORTING_VERBS;
use super::nouns::LIGHT_VERBS;
use super::tree::{opens_clause, Tree};

/// Prepositions whose object can be the target of an event ("talks with Gondor",
/// "an attack on the city", "aid to Ukraine").
const TARGET_CASES: &[&str] = &[
    "TO", "WITH", "AGAINST", "ON", "AT", "INTO", "FROM", "FOR", "TOWARD", "TOWARDS", "OVER", "UPON", "IN", "OF",
    "BETWEEN", "AMONG", "BEFORE", "WITHIN",
];

/// Verbs whose object is who is to do what their infinitive says ("urged Bree to
/// help", "convinced the council to amend").
pub(super) const OBJECT_CONTROL: [&str; 13] = [
    "URGE",
    "ASK",
    "CALL",
    "PERSUADE",
    "CONVINCE",
    "ORDER",
    "FORCE",
    "TELL",
    "INVITE",
    "ALLOW",
    "ENCOURAGE",
    "PRESS",
    "REQUEST",
];

/// Who did it and to whom, as mention indices; several on each side for compounds.
#[derive(Debug, Default, Clone)]
pub(crate) struct Roles {
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
}

pub(crate) struct Actors<'t> {
    pub tree: &'t Tree<'t>,
    /// The mention covering each word.
    pub mention_at: &'t [Option<usize>],
}

impl Actors<'_> {
    pub fn roles(&self, verb: usize) -> Roles {
        let (sources, targets) = match self.passive_subject(verb) {
            Some(subject) => {
                // "Sanctions were imposed on Iran": a passive subject that is no actor
                // leaves the target to the verb's prepositional objects.
                let mut targets = self.participants(subject);
                if targets.is_empty() {
                    targets = self.objects(verb);
                }
                (self.agents(verb), targets)
            }
            // "Three US servicemen were killed by a bomb" with the subject hung on the
            // number: a passive verb whose subject the parse lost underwent what it
            // says, so the actor before it is its target, not its source.
            None if self.subjectless_passive(verb) => {
                let mut targets = self.actor_before(verb);
                if targets.is_empty() {
                    targets = self.objects(verb);
                }
                (self.agents(verb), targets)
            }
            None => {
                let mut sources = self.subject(verb);
                if sources.is_empty() {
                    // Guessed by word order only where no clause the verb shares its
                    // subject with has one: "Crowds blocked the road outside the
                    // embassy to demand ..." has a subject, not one of the embassy.
                    let holder = self.subject_holder(verb);
                    if !self.has_subject(holder) {
                        sources = self.actor_before(holder);
                    }
                }
                let mut targets = self.objects(verb);
                // A target guessed from word order only completes a known source.
                if targets.is_empty() && !sources.is_empty() {
                    targets = self.actor_after(verb, &sources);
                }
                (sources, targets)
            }
        };
        let targets = targets.into_iter().filter(|target| !sources.contains(target)).collect();
        Roles { sources, targets }
    }

    /// The mentions a node stands for: the nearest mention in its phrase, plus those of
    /// its conjuncts ("Russia and China", "ties between Gondor and Osgiliath").
    pub fn participants(&self, node: usize) -> Vec<usize> {
        let mut found = Vec::new();
        self.collect_participants(node, &mut Vec::new(), &mut found);
        found
    }

    /// The mention a word belongs to, widened to its compound: the conjuncts of the
    /// mention's head word.
    pub fn participants_at(&self, word: usize) -> Vec<usize> {
        let mut found = Vec::new();
        self.collect_at(word, &mut Vec::new(), &mut found);
        found
    }

    /// `visited` guards against walking the same node twice: a mention spanning a head
    /// and its conjunct would otherwise lead back to itself.
    fn collect_participants(&self, node: usize, visited: &mut Vec<usize>, found: &mut Vec<usize>) {
        if visited.contains(&node) {
            return;
        }
        visited.push(node);
        if let Some(word) = self.nearest_mention(node) {
            self.collect_at(word, visited, found);
        }
        for conjunct in self.conjuncts(node) {
            self.collect_participants(conjunct, visited, found);
        }
    }

    fn collect_at(&self, word: usize, visited: &mut Vec<usize>, found: &mut Vec<usize>) {
        let Some(mention) = self.mention_at[word] else {
            return;
        };
        if !found.contains(&mention) {
            found.push(mention);
        }
        let mut head = word;
        while let Some(up) = self.tree.heads[head] {
            if self.mention_at[up] != Some(mention) || visited.contains(&up) {
                break;
            }
            head = up;
        }
        if visited.contains(&head) && head != word {
            return;
        }
        visited.push(head);
        for conjunct in self.conjuncts(head) {
            self.collect_participants(conjunct, visited, found);
        }
    }

    fn conjuncts(&self, node: usize) -> Vec<usize> {
        self.tree.children_by(node, "conj").filter(|&c| !self.tree.is_verbal(c)).collect()
    }

    /// Breadth-first down the noun phrase, leftmost on the shallowest level, not
    /// entering clauses or conjuncts.
    fn nearest_mention(&self, node: usize) -> Option<usize> {
        // Returns the word, so that the caller can find the mention's conjuncts.
        let tree = self.tree;
        let mut level = vec![node];
        let mut seen = 0;
        while !level.is_empty() && seen < tree.len() {
            seen += level.len();
            level.sort_unstable();
            if let Some(&word) = level.iter().find(|&&word| self.mention_at[word].is_some()) {
                return Some(word);
            }
            level = level
                .iter()
                .flat_map(|&word| tree.children[word].iter().copied())
                .filter(|&child| inside_phrase(tree.base(child)) && !tree.is_verbal(child))
                .collect();
        }
        None
    }

    pub fn subject(&self, verb: usize) -> Vec<usize> {
        self.subject_within(verb, self.tree.len())
    }

    /// `steps` bounds the walk up the tree, so that a malformed parse cannot loop.
    fn subject_within(&self, verb: usize, steps: usize) -> Vec<usize> {
        let tree = self.tree;
        if steps == 0 {
            return Vec::new();
        }
        // UD gives a verb one subject; several before it are a coordination the parser
        // broke up ("Fornost and the awful Gondor welcomed"), so all of those are the
        // subject. One after the verb is a misparse of something else.
        let mut subjects: Vec<usize> =
            tree.children[verb].iter().copied().filter(|&c| matches!(tree.relations[c], "nsubj" | "csubj")).collect();
        if subjects.iter().any(|&subject| subject < verb) {
            subjects.retain(|&subject| subject < verb);
        } else {
            subjects.truncate(1);
        }
        if !subjects.is_empty() {
            let mut found = Vec::new();
            for &subject in &subjects {
                // A noun with a subject of its own and no copula is no predicate: the
                // parser stacked the subject on the next noun ("Pakistan, an ally in
                // the war, has refused" with "Pakistan" the subject of "war"), and that
                // first noun is the verb's subject.
                let nominal = matches!(tree.upos[subject], "NOUN" | "PROPN")
                    && !tree.children[subject].iter().any(|&c| tree.base(c) == "cop");
                let stacked: Vec<usize> = if nominal {
                    tree.children_by(subject, "nsubj").filter(|&inner| inner < subject).collect()
                } else {
                    Vec::new()
                };
                let inner = stacked.iter().flat_map(|&inner| self.participants(inner));
                for participant in inner.chain(self.participants(subject)) {
                    if !found.contains(&participant) {
                        found.push(participant);
                    }
                }
            }
            if found.is_empty() {
                found = self.appositive_head(verb, subjects[0]);
            }
            return found;
        }
        match (tree.base(verb), tree.heads[verb]) {
            // "Gollum was seen to break into ...": the passive subject of a raising verb
            // is the subject of its complement.
            ("xcomp", Some(head)) if self.passive_subject(head).is_some() => {
                self.passive_subject(head).map(|subject| self.participants(subject)).unwrap_or_default()
            }
            // "X was quoted as saying", "was described as leading": what an `as`
            // participle of a passive verb says is said of its passive subject.
            ("advcl", Some(head)) if self.as_participle_of_passive(verb, head) => {
                self.passive_subject(head).map(|subject| self.participants(subject)).unwrap_or_default()
            }
            // "X intends to meet Y", "X met Y and signed ...", "X attacked Y, killing ...".
            ("xcomp" | "conj", Some(head)) | ("advcl", Some(head))
                if tree.base(verb) != "advcl" || tree.is_verbal(head) =>
            {
                if self.passive_subject(head).is_some() && tree.base(verb) != "xcomp" {
                    return Vec::new();
                }
                self.subject_within(head, steps - 1)
            }
            // "staged demonstrations to demand reforms", "issued a declaration demanding":
            // the clause of an event noun a light verb carries has that verb's subject.
            ("acl" | "advcl", Some(noun)) if tree.relations[verb] != "acl:relcl" && tree.upos[noun] == "NOUN" => {
                match tree.heads[noun] {
                    Some(light) if tree.base(noun) == "obj" && LIGHT_VERBS.contains(&tree.lemmas[light].as_str()) => {
                        self.subject_within(light, steps - 1)
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// The verb whose subject `verb` has, climbing as [`Self::subject`] does from a
    /// verb without one of its own: an open complement to its governor, a conjunct or
    /// an adverbial clause to the verb it hangs on, the clause of an event noun to the
    /// light verb carrying the noun. `verb` itself when it has a subject or none to share
    /// (a clause hung on a noun the parser took for the root has none).
    fn subject_holder(&self, verb: usize) -> usize {
        let tree = self.tree;
        let mut at = verb;
        for _ in 0..tree.len() {
            if self.has_subject(at) {
                break;
            }
            let up = match (tree.base(at), tree.heads[at]) {
                // Not past a governor's object, who is the one to act ("convinced the
                // parliament to amend").
                ("xcomp", Some(head)) if tree.is_verbal(head) && tree.children_by(head, "obj").next().is_none() => head,
                ("conj", Some(head)) if tree.is_verbal(head) && self.passive_subject(head).is_none() => head,
                ("advcl", Some(head)) if self.as_participle_of_passive(at, head) => head,
                // An infinitive or participle: a finite clause without a subject has lost
                // it to a misparse, and shares none.
                ("advcl", Some(head))
                    if tree.is_verbal(head)
                        && self.passive_subject(head).is_none()
                        && (tree.marked_by(at, &["TO"]) || tree.upper[at].ends_with("ING"))
                        && !OBJECT_CONTROL.contains(&tree.lemmas[head].as_str()) =>
                {
                    head
                }
                ("acl" | "advcl", Some(noun)) if tree.relations[at] != "acl:relcl" && tree.upos[noun] == "NOUN" => {
                    match tree.heads[noun] {
                        Some(light)
                            if tree.base(noun) == "obj" && LIGHT_VERBS.contains(&tree.lemmas[light].as_str()) =>
                        {
                            light
                        }
                        _ => break,
                    }
                }
                _ => break,
            };
            if up == verb {
                break;
            }
            at = up;
        }
        at
    }

    /// The actors of a bare noun phrase the parser hung on `verb` as an oblique right
    /// before its `subject`, with only a comma between them: the subject is its
    /// apposition ("Qatar's emir, Sheikh Hamad, launched" with "emir" an oblique and
    /// the name the subject). An oblique has a preposition; a bare one before the
    /// subject is the noun phrase the subject renames.
    ///
    /// Not before a pronoun, which takes no apposition, nor on a reporting verb, where
    /// such a phrase is the reported clause the parser missed ("The U.K. exported 500
    /// tonnes in January, the authority said").
    fn appositive_head(&self, verb: usize, subject: usize) -> Vec<usize> {
        let tree = self.tree;
        let start = tree.extent(subject).start;
        let nominal = matches!(tree.upos[subject], "NOUN" | "PROPN");
        if !nominal || REPORTING_VERBS.contains(&tree.lemmas[verb].as_str()) {
            return Vec::new();
        }
        if start == 0 || tree.words[start - 1] != "," {
            return Vec::new();
        }
        let bare = |c: usize| {
            tree.relations[c] == "obl"
                && matches!(tree.upos[c], "NOUN" | "PROPN")
                && tree.children_by(c, "case").next().is_none()
        };
        let Some(head) = tree.children[verb].iter().copied().find(|&c| c < subject && bare(c)) else {
            return Vec::new();
        };
        let phrase = tree.extent(head);
        let end = phrase.end;
        if end > start || (end..start).any(|w| tree.words[w] != ",") || phrase.clone().any(|w| tree.is_verbal(w)) {
            return Vec::new();
        }
        self.participants(head)
    }

    /// Whether `clause` is a participle introduced by `as` on the passive verb `head`
    /// ("was quoted as saying"; not "are accepted as expected", which is no predicate
    /// of the subject).
    fn as_participle_of_passive(&self, clause: usize, head: usize) -> bool {
        let tree = self.tree;
        tree.upper[clause].ends_with("ING") && tree.marked_by(clause, &["AS"]) && self.passive_subject(head).is_some()
    }

    /// A verb with a passive auxiliary and no subject of any kind.
    fn subjectless_passive(&self, verb: usize) -> bool {
        let tree = self.tree;
        tree.children[verb].iter().any(|&c| tree.relations[c] == "aux:pass") && !self.has_subject(verb)
    }

    fn has_subject(&self, verb: usize) -> bool {
        self.tree.children[verb].iter().any(|&c| matches!(self.tree.base(c), "nsubj" | "csubj" | "expl"))
    }

    /// When the parse gives a verb no subject, the nearest actor before it in the same
    /// clause, as TABARI's word-order coding did ("Serbia on Thursday flatly rejected").
    fn actor_before(&self, verb: usize) -> Vec<usize> {
        let tree = self.tree;
        for word in (0..verb).rev() {
            if self.mention_at[word].is_some() {
                return self.participants_at(word);
            }
            let clause_break = tree.upos[word] == "VERB"
                || matches!(tree.upos[word], "SCONJ" | "PRON")
                || matches!(tree.words[word], ";" | ":" | "\"" | "“" | "”");
            if clause_break {
                break;
            }
        }
        Vec::new()
    }

    /// When no object or prepositional object of the verb is an actor, the first actor
    /// after the verb in its own phrase, wherever the parse hung it ("rejected a US
    /// offer", "granted asylum to five Panamanian officers"): not in clauses of their
    /// own, nor in conjoined verbs, nor in a `by` phrase (an agent, "steps taken by X").
    fn actor_after(&self, verb: usize, sources: &[usize]) -> Vec<usize> {
        let tree = self.tree;
        let phrase = tree.near_subtree(verb, tree.len(), &|child| {
            opens_clause(tree.base(child))
                || (tree.base(child) == "conj" && tree.is_verbal(child))
                || tree.relations[child] == "obl:agent"
                || self.case_of(child).as_deref() == Some("BY")
        });
        for word in phrase.into_iter().filter(|&word| word > verb) {
            if let Some(mention) = self.mention_at[word].filter(|mention| !sources.contains(mention)) {
                let found = self.participants_at(word);
                return if found.is_empty() { vec![mention] } else { found };
            }
        }
        Vec::new()
    }

    fn passive_subject(&self, verb: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children[verb].iter().copied().find(|&c| matches!(tree.relations[c], "nsubj:pass" | "csubj:pass"))
    }

    /// The `by` phrase of a passive verb.
    fn agents(&self, verb: usize) -> Vec<usize> {
        let tree = self.tree;
        let agent = tree.children[verb].iter().copied().find(|&c| {
            tree.relations[c] == "obl:agent" || (tree.base(c) == "obl" && self.case_of(c).as_deref() == Some("BY"))
        });
        agent.map(|agent| self.participants(agent)).unwrap_or_default()
    }

    /// Direct object, indirect object, then prepositional objects, then those of an
    /// open complement ("intends to give in to Russia").
    fn objects(&self, verb: usize) -> Vec<usize> {
        self.objects_within(verb, self.tree.len())
    }

    fn objects_within(&self, verb: usize, steps: usize) -> Vec<usize> {
        let tree = self.tree;
        if steps == 0 {
            return Vec::new();
        }
        let children = &tree.children[verb];
        for relation in ["obj", "iobj"] {
            for &child in children.iter().filter(|&&c| tree.base(c) == relation) {
                let found = self.participants(child);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        for &child in children.iter().filter(|&&c| tree.base(c) == "obl" && tree.relations[c] != "obl:agent") {
            let case = self.case_of(child);
            if case.as_deref().is_some_and(|case| TARGET_CASES.contains(&case)) {
                let found = self.participants(child);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        for &child in children.iter().filter(|&&c| tree.base(c) == "xcomp") {
            let found = self.objects_within(child, steps - 1);
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    fn case_of(&self, node: usize) -> Option<String> {
        let tree = self.tree;
        let cases: Vec<usize> = tree.children_by(node, "case").collect();
        let words: Vec<&str> = cases.iter().map(|&c| tree.upper[c].as_str()).collect();
        (!words.is_empty())
            .then(|| words.join(" "))
            .map(|joined| joined.rsplit(' ').next().unwrap_or_default().to_string())
    }
}

/// Relations that stay inside a noun phrase when looking for its actor.
fn inside_phrase(base: &str) -> bool {
    !opens_clause(base)
        && !matches!(
            base,
            "conj" | "cc" | "punct" | "det" | "case" | "mark" | "aux" | "cop" | "advmod" | "dep" | "nsubj" | "obj"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    /// A tree from rows of form, UPOS, head (1-based, 0 the root), relation; the lemma is
    /// the form.
    fn tree(rows: &[(&'static str, &'static str, usize, &'static str)]) -> Tree<'static> {
        let full: Vec<_> =
            rows.iter().map(|&(form, upos, head, relation)| (form, form, upos, head, relation)).collect();
        crate::events::tree::rows(&full)
    }

    #[test]
    fn the_actor_before_a_passive_verb_without_subject_is_its_target() {
        // "Two Kenyan soldiers were ambushed by Somali militants ." with "soldiers" hung
        // on the number: mention 0 is "Kenyan", mention 1 "Somali militants".
        let t = tree(&[
            ("Two", "NUM", 0, "root"),
            ("Kenyan", "ADJ", 3, "amod"),
            ("soldiers", "NOUN", 1, "nmod"),
            ("were", "AUX", 5, "aux:pass"),
            ("ambushed", "VERB", 1, "parataxis"),
            ("by", "ADP", 8, "case"),
            ("Somali", "ADJ", 8, "amod"),
            ("militants", "NOUN", 5, "obl:agent"),
            (".", "PUNCT", 1, "punct"),
        ]);
        let mention_at = [None, Some(0), Some(0), None, None, None, Some(1), Some(1), None];
        let roles = Actors { tree: &t, mention_at: &mention_at }.roles(4);
        assert_eq!((roles.sources, roles.targets), (vec![1], vec![0]));
    }

    #[test]
    fn a_bare_oblique_before_a_named_subject_is_the_phrase_it_renames() {
        // "Ghana 's leader , Kwame Mensah , visited Togo ." with "leader" an oblique of
        // "visited" and the name its subject: mention 0 is "Ghana", mention 1 "Togo".
        let t = tree(&[
            ("Ghana", "PROPN", 3, "nmod:poss"),
            ("'s", "PART", 1, "case"),
            ("leader", "NOUN", 8, "obl"),
            (",", "PUNCT", 3, "punct"),
            ("Kwame", "PROPN", 8, "nsubj"),
            ("Mensah", "PROPN", 5, "flat"),
            (",", "PUNCT", 5, "punct"),
            ("visited", "VERB", 0, "root"),
            ("Togo", "PROPN", 8, "obj"),
            (".", "PUNCT", 8, "punct"),
        ]);
        let mention_at = [Some(0), None, None, None, None, None, None, None, Some(1), None];
        let roles = Actors { tree: &t, mention_at: &mention_at }.roles(7);
        assert_eq!((roles.sources, roles.targets), (vec![0], vec![1]));
    }

    #[test]
    fn a_subject_stacked_on_the_noun_after_it_is_the_verbs_subject() {
        // "Chile , a partner in the treaty , has rejected the Bolivian claim ." with
        // "treaty" the verb's subject and "Chile" the subject of "treaty": mention 0
        // is "Chile", mention 1 "Bolivian".
        let t = tree(&[
            ("Chile", "PROPN", 7, "nsubj"),
            (",", "PUNCT", 4, "punct"),
            ("a", "DET", 4, "det"),
            ("partner", "NOUN", 1, "appos"),
            ("in", "ADP", 7, "case"),
            ("the", "DET", 7, "det"),
            ("treaty", "NOUN", 10, "nsubj"),
            (",", "PUNCT", 7, "punct"),
            ("has", "AUX", 10, "aux"),
            ("rejected", "VERB", 0, "root"),
            ("the", "DET", 13, "det"),
            ("Bolivian", "ADJ", 13, "amod"),
            ("claim", "NOUN", 10, "obj"),
            (".", "PUNCT", 10, "punct"),
        ]);
        let mention_at = [Some(0), None, None, None, None, None, None, None, None, None, None, Some(1), None, None];
        let roles = Actors { tree: &t, mention_at: &mention_at }.roles(9);
        assert_eq!((roles.sources, roles.targets), (vec![0], vec![1]));
    }
}
