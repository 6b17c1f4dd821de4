//! One parsed sentence as a tree the coder can walk: heads, children, relation names.

use crate::article::AnalysedArticle;
use dyad_lang::Parser;
use std::cell::OnceCell;

/// The trees of one article's sentences, each built on first use and then shared: the
/// events, coreference and quotation stages all walk the same sentences, and building a
/// tree (upper-cased forms and lemmas, child lists) cost them 7% of the coder's
/// instructions when each stage built its own.
pub(crate) struct Trees<'a> {
    article: &'a AnalysedArticle<'a>,
    parser: &'a Parser,
    cells: Vec<OnceCell<Tree<'a>>>,
}

impl<'a> Trees<'a> {
    pub fn new(article: &'a AnalysedArticle<'a>, parser: &'a Parser) -> Trees<'a> {
        Trees { article, parser, cells: (0..article.sentence_count()).map(|_| OnceCell::new()).collect() }
    }

    /// The tree of `sentence` (an index below the article's sentence count).
    pub fn get(&self, sentence: usize) -> &Tree<'a> {
        self.cells[sentence].get_or_init(|| Tree::new(self.article, sentence, self.parser))
    }
}

#[derive(Clone)]
pub(crate) struct Tree<'a> {
    pub words: Vec<&'a str>,
    /// Upper-cased forms and lemmas, as the dictionaries write them.
    pub upper: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<&'static str>,
    pub heads: Vec<Option<usize>>,
    pub relations: Vec<&'a str>,
    pub children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(article: &'a AnalysedArticle, sentence: usize, parser: &'a Parser) -> Tree<'a> {
        let words = article.words(sentence);
        let analysis = &article.analyses[sentence];
        let n = words.len().min(analysis.arcs.len()).min(analysis.tags.len());
        let heads: Vec<Option<usize>> =
            analysis.arcs[..n].iter().map(|arc| (arc.head as usize).checked_sub(1).filter(|&head| head < n)).collect();
        let mut children = vec![Vec::new(); n];
        for (word, head) in heads.iter().enumerate() {
            if let Some(head) = *head {
                children[head].push(word);
            }
        }
        let lemma_of = |w: usize| match analysis.lemmas.get(w) {
            Some(lemma) => lemma.to_uppercase(),
            None => words[w].to_lowercase().to_uppercase(),
        };
        Tree {
            upper: words[..n].iter().map(|word| word.to_uppercase()).collect(),
            lemmas: (0..n).map(lemma_of).collect(),
            upos: analysis.tags[..n].iter().map(|tag| tag.upos_name()).collect(),
            relations: analysis.arcs[..n].iter().map(|arc| parser.deprel_name(arc.deprel)).collect(),
            words: words[..n].to_vec(),
            heads,
            children,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn base(&self, word: usize) -> &str {
        let relation = self.relations[word];
        relation.split(':').next().unwrap_or(relation)
    }

    pub fn children_by<'t>(&'t self, word: usize, relation: &'t str) -> impl Iterator<Item = usize> + 't {
        self.children[word].iter().copied().filter(move |&child| self.relations[child] == relation)
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

    pub fn is_verbal(&self, word: usize) -> bool {
        matches!(self.upos[word], "VERB" | "AUX")
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
