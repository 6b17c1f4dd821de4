//! One parsed sentence as a tree the coder can walk: heads, children, relation names.

use crate::article::AnalysedArticle;
use dyad_lang::Parser;
use std::cell::OnceCell;

/// The trees of one article's sentences, each built on first use and then shared: the
/// events, coreference and quotation stages all walk the same sentences, and building a
/// tree (upper-cased forms and lemmas, child lists) cost them 7% of the coder's
/// instructions when each stage built its own.
///
/// A stage that can often decide from the words alone asks for a sentence's [`Tokens`]
/// first, and for its tree (which parses the sentence) only when it must.
pub(crate) struct Trees<'a> {
    article: &'a AnalysedArticle<'a>,
    parser: &'a Parser,
    cells: Vec<OnceCell<Tree<'a>>>,
    tokens: Vec<OnceCell<Tokens<'a>>>,
}

impl<'a> Trees<'a> {
    pub fn new(article: &'a AnalysedArticle<'a>, parser: &'a Parser) -> Trees<'a> {
        let n = article.sentence_count();
        Trees {
            article,
            parser,
            cells: (0..n).map(|_| OnceCell::new()).collect(),
            tokens: (0..n).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The tree of `sentence` (an index below the article's sentence count).
    pub fn get(&self, sentence: usize) -> &Tree<'a> {
        self.cells[sentence].get_or_init(|| {
            let tokens = match self.tokens[sentence].get() {
                Some(tokens) => tokens.clone(),
                None => Tokens::new(self.article, sentence),
            };
            Tree::new(self.article, sentence, self.parser, tokens)
        })
    }

    /// The words of `sentence` with their tags and lemmas, without parsing it.
    pub fn tokens(&self, sentence: usize) -> &Tokens<'a> {
        match self.cells[sentence].get() {
            Some(tree) => &tree.tokens,
            None => self.tokens[sentence].get_or_init(|| Tokens::new(self.article, sentence)),
        }
    }

    /// A view of `sentence` that parses it only when asked for its structure.
    pub fn sentence(&self, sentence: usize) -> Sentence<'_, 'a> {
        Sentence { trees: self, index: sentence, tokens: self.tokens(sentence) }
    }
}

/// A sentence's words as the dictionaries and rules read them: forms, upper-cased forms
/// and lemmas, universal tags.
#[derive(Clone)]
pub(crate) struct Tokens<'a> {
    pub words: Vec<&'a str>,
    /// Upper-cased forms and lemmas, as the dictionaries write them.
    pub upper: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<&'static str>,
}

impl<'a> Tokens<'a> {
    fn new(article: &'a AnalysedArticle, sentence: usize) -> Tokens<'a> {
        let words = article.words(sentence);
        let analysis = &article.analyses[sentence];
        let n = words.len().min(analysis.tags.len());
        let lemma_of = |w: usize| match analysis.lemmas.get(w) {
            Some(lemma) => lemma.to_uppercase(),
            None => words[w].to_lowercase().to_uppercase(),
        };
        Tokens {
            upper: words[..n].iter().map(|word| word.to_uppercase()).collect(),
            lemmas: (0..n).map(lemma_of).collect(),
            upos: analysis.tags[..n].iter().map(|tag| tag.upos_name()).collect(),
            words: words[..n].to_vec(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_verbal(&self, word: usize) -> bool {
        matches!(self.upos[word], "VERB" | "AUX")
    }
}

/// A parsed sentence: its tokens (read through `Deref`) and its dependency arcs.
#[derive(Clone)]
pub(crate) struct Tree<'a> {
    pub tokens: Tokens<'a>,
    pub heads: Vec<Option<usize>>,
    pub relations: Vec<&'a str>,
    pub children: Vec<Vec<usize>>,
}

impl<'a> std::ops::Deref for Tree<'a> {
    type Target = Tokens<'a>;
    fn deref(&self) -> &Tokens<'a> {
        &self.tokens
    }
}

impl std::ops::DerefMut for Tree<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tokens
    }
}

impl<'a> Tree<'a> {
    /// The tree of `sentence` over `tokens`; a word the parser gave no arc (there is no
    /// parser in some tests) hangs nowhere.
    fn new(article: &'a AnalysedArticle, sentence: usize, parser: &'a Parser, tokens: Tokens<'a>) -> Tree<'a> {
        let arcs = article.arcs(sentence);
        let n = tokens.len();
        let heads: Vec<Option<usize>> = (0..n)
            .map(|w| arcs.get(w).and_then(|arc| (arc.head as usize).checked_sub(1)).filter(|&head| head < n))
            .collect();
        let mut children = vec![Vec::new(); n];
        for (word, head) in heads.iter().enumerate() {
            if let Some(head) = *head {
                children[head].push(word);
            }
        }
        let relations = (0..n).map(|w| arcs.get(w).map_or("dep", |arc| parser.deprel_name(arc.deprel))).collect();
        Tree { tokens, heads, relations, children }
    }

    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn base(&self, word: usize) -> &str {
        let relation = self.relations[word];
        relation.split(':').next().unwrap_or(relation)
    }

    pub fn children_by<'t>(&'t self, word: usize, relation: &'t str) -> impl Iterator<Item = usize> + 't {
        self.children[word].iter().copied().filter(move |&child| self.relations[child] == relation)
    }

    /// Whether the clause headed by `word` is introduced by one of `marks` (upper case):
    /// "to" for an infinitive, "if" or "unless" for a condition, "for" for a reason.
    pub fn marked_by(&self, word: usize, marks: &[&str]) -> bool {
        self.children_by(word, "mark").any(|mark| marks.contains(&self.upper[mark].as_str()))
    }

    /// Whether `clause` is introduced by "if" or "unless": a condition ("will retaliate if
    /// the army crosses") or, with "if", an embedded question ("asked if the army had
    /// crossed"); either way what it says is not asserted. The parser labels such a clause
    /// `advcl` or, now and then, `ccomp`, so both count.
    pub fn is_condition(&self, clause: usize) -> bool {
        matches!(self.base(clause), "advcl" | "ccomp") && self.marked_by(clause, &["IF", "UNLESS"])
    }

    /// The words `word` dominates, itself included, first to last.
    pub fn extent(&self, word: usize) -> std::ops::Range<usize> {
        let (mut first, mut last) = (word, word);
        let mut stack = vec![word];
        let mut steps = 0;
        while let Some(at) = stack.pop() {
            first = first.min(at);
            last = last.max(at);
            steps += 1;
            if steps > self.len() {
                break; // a malformed tree with a cycle
            }
            stack.extend(self.children[at].iter().copied());
        }
        first..last + 1
    }

    /// Words at most `depth` arcs under `word` (itself included), in text order, not
    /// entering the children `stop` rejects.
    pub fn near_subtree(&self, word: usize, depth: usize, stop: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut found = vec![word];
        let mut level = vec![word];
        for _ in 0..depth.min(self.len()) {
            level =
                level.iter().flat_map(|&at| self.children[at].iter().copied()).filter(|&child| !stop(child)).collect();
            if level.is_empty() {
                break;
            }
            found.extend(&level);
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Relations that open a clause of its own: its events are coded from its own verb.
pub(crate) fn opens_clause(base: &str) -> bool {
    matches!(base, "ccomp" | "advcl" | "parataxis" | "acl" | "csubj" | "list" | "discourse" | "reparandum")
}

/// One sentence as a stage sees it before it knows whether it needs the parse: its
/// tokens at once, its arcs on first use (which parses it).
pub(crate) struct Sentence<'t, 'a> {
    trees: &'t Trees<'a>,
    index: usize,
    tokens: &'t Tokens<'a>,
}

impl<'a> std::ops::Deref for Sentence<'_, 'a> {
    type Target = Tokens<'a>;
    fn deref(&self) -> &Tokens<'a> {
        self.tokens
    }
}

impl<'t, 'a> Sentence<'t, 'a> {
    pub fn tree(&self) -> &'t Tree<'a> {
        self.trees.get(self.index)
    }

    pub fn heads(&self) -> &'t [Option<usize>] {
        &self.tree().heads
    }

    pub fn relations(&self) -> &'t [&'a str] {
        &self.tree().relations
    }

    pub fn children(&self) -> &'t [Vec<usize>] {
        &self.tree().children
    }

    pub fn base(&self, word: usize) -> &'t str {
        self.tree().base(word)
    }

    pub fn extent(&self, word: usize) -> std::ops::Range<usize> {
        self.tree().extent(word)
    }
}

/// A tree from CoNLL-U-like rows: form, lemma, UPOS, head (1-based, 0 the root), relation.
#[cfg(test)]
pub(crate) fn rows(rows: &[(&'static str, &'static str, &'static str, usize, &'static str)]) -> Tree<'static> {
    let n = rows.len();
    let heads: Vec<Option<usize>> = rows.iter().map(|row| row.3.checked_sub(1)).collect();
    let mut children = vec![Vec::new(); n];
    for (word, head) in heads.iter().enumerate() {
        if let Some(head) = *head {
            children[head].push(word);
        }
    }
    let tokens = Tokens {
        words: rows.iter().map(|row| row.0).collect(),
        upper: rows.iter().map(|row| row.0.to_uppercase()).collect(),
        lemmas: rows.iter().map(|row| row.1.to_uppercase()).collect(),
        upos: rows.iter().map(|row| row.2).collect(),
    };
    Tree { tokens, heads, relations: rows.iter().map(|row| row.4).collect(), children }
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn a_clause_with_if_is_a_condition_whichever_label_the_parser_gave_it() {
        // "Chad would retaliate if Sudan attacked", the if-clause as advcl and as ccomp.
        for relation in ["advcl", "ccomp"] {
            let tree = rows(&[
                ("Chad", "Chad", "PROPN", 3, "nsubj"),
                ("would", "would", "AUX", 3, "aux"),
                ("retaliate", "retaliate", "VERB", 0, "root"),
                ("if", "if", "SCONJ", 6, "mark"),
                ("Sudan", "Sudan", "PROPN", 6, "nsubj"),
                ("attacked", "attack", "VERB", 3, relation),
            ]);
            assert!(tree.is_condition(5), "{relation}");
            assert!(!tree.is_condition(2));
        }
        // "said that Sudan attacked": reported, not a condition.
        let tree = rows(&[
            ("Chad", "Chad", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("that", "that", "SCONJ", 5, "mark"),
            ("Sudan", "Sudan", "PROPN", 5, "nsubj"),
            ("attacked", "attack", "VERB", 2, "ccomp"),
        ]);
        assert!(!tree.is_condition(4));
    }
}
