//! The analysed article: one immutable text with its segmentation and, for every
//! sentence, tags, lemmas and a dependency tree. Every coder stage reads this.
//!
//! Tags and lemmas are found for every sentence at once; a sentence is parsed only when
//! a stage first asks for its arcs. Parsing is most of the language layer's time, and
//! in wire news most sentences (prices, results, tables) name no actor, quote no one
//! and hold no date, so no stage ever walks their tree.

use dyad_lang::{Analysis, Arc, Models, Parser};
use dyad_text::segment::{segment, Segmentation};
use dyad_text::{Document, Span};
use std::cell::OnceCell;

pub struct AnalysedArticle<'d> {
    pub document: &'d Document,
    pub segmentation: Segmentation,
    /// One analysis per sentence of `segmentation.sentences`, words = its tokens. Their
    /// `arcs` are empty: a sentence's arcs are [`AnalysedArticle::arcs`].
    pub analyses: Vec<Analysis>,
    /// The parser for the arcs; `None` for an article analysed without one (tests).
    parser: Option<&'d Parser>,
    arcs: Vec<OnceCell<Vec<Arc>>>,
    quotations: OnceCell<Vec<Span>>,
}

impl<'d> AnalysedArticle<'d> {
    pub fn analyse(document: &'d Document, models: &'d Models) -> AnalysedArticle<'d> {
        AnalysedArticle::analyse_segmented(document, segment(&document.text), models)
    }

    /// Analyses a text segmented beforehand (a treebank's gold sentences and words).
    pub fn analyse_segmented(
        document: &'d Document,
        segmentation: Segmentation,
        models: &'d Models,
    ) -> AnalysedArticle<'d> {
        let analyses = (0..segmentation.sentences.len())
            .map(|s| {
                let mut analysis = Analysis::default();
                let words: Vec<&str> = token_texts(&document.text, &segmentation, s);
                models.tag_and_lemmatise(&words, &mut analysis);
                analysis
            })
            .collect();
        AnalysedArticle::with_analyses(document, segmentation, analyses, Some(&models.parser))
    }

    /// An article whose tags and lemmas were found elsewhere; with no parser, every
    /// sentence's arcs are empty.
    pub fn with_analyses(
        document: &'d Document,
        segmentation: Segmentation,
        analyses: Vec<Analysis>,
        parser: Option<&'d Parser>,
    ) -> AnalysedArticle<'d> {
        let arcs = (0..segmentation.sentences.len()).map(|_| OnceCell::new()).collect();
        AnalysedArticle { document, segmentation, analyses, parser, arcs, quotations: OnceCell::new() }
    }

    /// The dependency arcs of sentence `s`, one per word, parsed on first use.
    pub fn arcs(&self, s: usize) -> &[Arc] {
        self.arcs[s].get_or_init(|| {
            let mut arcs = Vec::new();
            if let (Some(parser), Some(analysis)) = (self.parser, self.analyses.get(s)) {
                parser.parse(&self.words(s), &analysis.tags, &mut arcs);
            }
            arcs
        })
    }

    /// The spans between the article's quotation marks ([`crate::quotes::quoted_spans`]),
    /// found on first use: coreference and the quotation stage both read them.
    pub fn quoted_spans(&self) -> &[Span] {
        self.quotations.get_or_init(|| crate::quotes::quoted_spans(self.text(), &self.segmentation.paragraphs))
    }

    /// Whether sentence `s` has been parsed (its arcs asked for) so far.
    pub fn is_parsed(&self, s: usize) -> bool {
        self.arcs.get(s).is_some_and(|arcs| arcs.get().is_some())
    }

    pub fn text(&self) -> &str {
        &self.document.text
    }

    /// The words of sentence `s`.
    pub fn words(&self, s: usize) -> Vec<&str> {
        token_texts(&self.document.text, &self.segmentation, s)
    }

    /// The byte span of word `w` (0-based) of sentence `s`.
    pub fn word_span(&self, s: usize, w: usize) -> Span {
        self.segmentation.tokens[self.segmentation.sentences[s].tokens.start + w]
    }

    /// The byte span covering words `words` (0-based, half-open) of sentence `s`.
    pub fn words_span(&self, s: usize, words: std::ops::Range<usize>) -> Span {
        let first = self.word_span(s, words.start);
        let last = self.word_span(s, words.end.max(words.start + 1) - 1);
        Span::new(first.start, last.end)
    }

    pub fn sentence_count(&self) -> usize {
        self.segmentation.sentences.len()
    }
}

fn token_texts<'t>(text: &'t str, segmentation: &Segmentation, s: usize) -> Vec<&'t str> {
    let range = segmentation.sentences[s].tokens.clone();
    segmentation.tokens[range].iter().map(|span| span.of(text)).collect()
}
