//! The analysed article: one immutable text with its segmentation and, for every
//! sentence, tags, lemmas and a dependency tree. Every coder stage reads this.

use dyad_lang::{Analysis, Models};
use dyad_text::segment::{segment, Segmentation};
use dyad_text::{Document, Span};

pub struct AnalysedArticle<'d> {
    pub document: &'d Document,
    pub segmentation: Segmentation,
    /// One analysis per sentence of `segmentation.sentences`, words = its tokens.
    pub analyses: Vec<Analysis>,
}

impl<'d> AnalysedArticle<'d> {
    pub fn analyse(document: &'d Document, models: &Models) -> AnalysedArticle<'d> {
        AnalysedArticle::analyse_segmented(document, segment(&document.text), models)
    }

    /// Analyses a text segmented beforehand (a treebank's gold sentences and words).
    pub fn analyse_segmented(
        document: &'d Document,
        segmentation: Segmentation,
        models: &Models,
    ) -> AnalysedArticle<'d> {
        let analyses = (0..segmentation.sentences.len())
            .map(|s| {
                let mut analysis = Analysis::default();
                let words: Vec<&str> = token_texts(&document.text, &segmentation, s);
                models.analyse(&words, &mut analysis);
                analysis
            })
            .collect();
        AnalysedArticle { document, segmentation, analyses }
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
