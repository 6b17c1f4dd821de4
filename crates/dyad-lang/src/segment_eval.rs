//! Scoring the segmenter against CoNLL-U sentences.
//!
//! The running text is rebuilt from the `# text` lines: sentences joined by a space within
//! a paragraph, paragraphs by a blank line, each document on its own. Sentence ends are
//! compared as byte offsets, tokens as byte spans; gold words are placed on the text by
//! counting non-whitespace chars, so a multiword token such as `don't` yields its parts.

use crate::conllu::Sentence;
use dyad_text::segment::segment;
use dyad_text::Span;
use std::collections::HashSet;
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SegmentScores {
    pub documents: usize,
    pub gold_sentences: usize,
    pub predicted_sentences: usize,
    pub sentence_precision: f64,
    pub sentence_recall: f64,
    pub sentence_f1: f64,
    pub gold_tokens: usize,
    pub predicted_tokens: usize,
    pub token_f1: f64,
}

impl fmt::Display for SegmentScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents; sentences: gold {}, predicted {}, P {:.4} R {:.4} F1 {:.4}; tokens: gold {}, predicted {}, F1 {:.4}",
            self.documents,
            self.gold_sentences,
            self.predicted_sentences,
            self.sentence_precision,
            self.sentence_recall,
            self.sentence_f1,
            self.gold_tokens,
            self.predicted_tokens,
            self.token_f1
        )
    }
}

/// One rebuilt document with its gold sentence ends and token spans.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldDocument {
    pub text: String,
    pub sentence_ends: Vec<usize>,
    pub tokens: Vec<Span>,
}

/// What a segmenter predicts for one text: sentence end offsets and token spans.
struct Prediction {
    sentence_ends: Vec<usize>,
    tokens: Vec<Span>,
}

pub fn score_segmentation(sentences: &[Sentence]) -> SegmentScores {
    score_with(sentences, |text| {
        let seg = segment(text);
        Prediction { sentence_ends: seg.sentences.iter().map(|s| s.span.end).collect(), tokens: seg.tokens }
    })
}

/// The baseline the segmenter must beat: a sentence ends after `.`, `!` or `?` followed by
/// a space, and at every paragraph break; tokens are whitespace-separated.
pub fn score_naive_baseline(sentences: &[Sentence]) -> SegmentScores {
    score_with(sentences, naive_segment)
}

fn naive_segment(text: &str) -> Prediction {
    let bytes = text.as_bytes();
    let mut sentence_ends = Vec::new();
    for (i, pair) in bytes.windows(2).enumerate() {
        if matches!(pair[0], b'.' | b'!' | b'?') && pair[1] == b' ' {
            sentence_ends.push(i + 1);
        }
    }
    for (i, _) in text.match_indices("\n\n") {
        sentence_ends.push(i);
    }
    sentence_ends.push(text.trim_end().len());
    sentence_ends.sort_unstable();
    sentence_ends.dedup();
    Prediction { sentence_ends, tokens: whitespace_tokens(text) }
}

fn whitespace_tokens(text: &str) -> Vec<Span> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push(Span { start: s, end: i });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Span { start: s, end: text.len() });
    }
    tokens
}

fn score_with(sentences: &[Sentence], predict: impl Fn(&str) -> Prediction) -> SegmentScores {
    let documents = gold_documents(sentences);
    let mut counts = Counts::default();
    for document in &documents {
        let predicted = predict(&document.text);
        counts.add_sentences(&document.sentence_ends, &predicted.sentence_ends);
        counts.add_tokens(&document.tokens, &predicted.tokens);
    }
    counts.scores(documents.len())
}

#[derive(Default)]
struct Counts {
    gold_sentences: usize,
    predicted_sentences: usize,
    matched_sentences: usize,
    gold_tokens: usize,
    predicted_tokens: usize,
    matched_tokens: usize,
}

impl Counts {
    fn add_sentences(&mut self, gold: &[usize], predicted: &[usize]) {
        let gold_set: HashSet<usize> = gold.iter().copied().collect();
        self.gold_sentences += gold.len();
        self.predicted_sentences += predicted.len();
        self.matched_sentences += predicted.iter().filter(|end| gold_set.contains(end)).count();
    }

    fn add_tokens(&mut self, gold: &[Span], predicted: &[Span]) {
        let gold_set: HashSet<Span> = gold.iter().copied().collect();
        self.gold_tokens += gold.len();
        self.predicted_tokens += predicted.len();
        self.matched_tokens += predicted.iter().filter(|span| gold_set.contains(span)).count();
    }

    fn scores(&self, documents: usize) -> SegmentScores {
        let precision = ratio(self.matched_sentences, self.predicted_sentences);
        let recall = ratio(self.matched_sentences, self.gold_sentences);
        let token_precision = ratio(self.matched_tokens, self.predicted_tokens);
        let token_recall = ratio(self.matched_tokens, self.gold_tokens);
        SegmentScores {
            documents,
            gold_sentences: self.gold_sentences,
            predicted_sentences: self.predicted_sentences,
            sentence_precision: precision,
            sentence_recall: recall,
            sentence_f1: f1(precision, recall),
            gold_tokens: self.gold_tokens,
            predicted_tokens: self.predicted_tokens,
            token_f1: f1(token_precision, token_recall),
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Rebuilds the running text of every document (`# newdoc`) from its sentences.
pub fn gold_documents(sentences: &[Sentence]) -> Vec<GoldDocument> {
    let mut documents: Vec<GoldDocument> = Vec::new();
    for sentence in sentences {
        let document = match documents.last_mut() {
            Some(document) if !sentence.newdoc => document,
            _ => {
                documents.push(GoldDocument::default());
                documents.last_mut().expect("just pushed")
            }
        };
        append_sentence(document, sentence);
    }
    documents
}

fn append_sentence(document: &mut GoldDocument, sentence: &Sentence) {
    let text = sentence_text(sentence);
    if !document.text.is_empty() {
        document.text.push_str(if sentence.newpar { "\n\n" } else { " " });
    }
    let start = document.text.len();
    document.text.push_str(text.trim());
    document.sentence_ends.push(document.text.len());
    align_words(&document.text, start, sentence, &mut document.tokens);
}

/// The `# text` line, or the forms spaced as their `SpaceAfter` says when it is missing.
fn sentence_text(sentence: &Sentence) -> String {
    if let Some(text) = &sentence.text {
        return text.clone();
    }
    let mut text = String::new();
    for word in &sentence.words {
        text.push_str(&word.form);
        if !word.misc.split('|').any(|m| m == "SpaceAfter=No") {
            text.push(' ');
        }
    }
    text
}

/// Places the sentence's words on `text[start..]`: each surface token (a word, or a
/// multiword token such as `don't`) covers as many non-whitespace chars as its form has,
/// and a multiword token is cut into its words when their forms add up to its own.
fn align_words(text: &str, start: usize, sentence: &Sentence, out: &mut Vec<Span>) {
    let mut cursor = Cursor { text, at: start };
    let mut index = 1;
    while index <= sentence.words.len() {
        let multiword = sentence.multiword.iter().find(|m| m.first == index && m.last >= index);
        let (surface, parts): (&str, Vec<&str>) = match multiword {
            Some(m) => {
                let last = m.last.min(sentence.words.len());
                (m.form.as_str(), sentence.words[index - 1..last].iter().map(|w| w.form.as_str()).collect())
            }
            None => (sentence.words[index - 1].form.as_str(), Vec::new()),
        };
        index += parts.len().max(1);
        let parts_fit = parts.iter().map(|p| visible_chars(p)).sum::<usize>() == visible_chars(surface);
        if parts_fit && !parts.is_empty() {
            for part in parts {
                cursor.take(visible_chars(part), out);
            }
        } else {
            cursor.take(visible_chars(surface), out);
        }
    }
}

fn visible_chars(form: &str) -> usize {
    form.chars().filter(|c| !c.is_whitespace()).count()
}

struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl Cursor<'_> {
    /// Covers the next `count` non-whitespace chars as one token.
    fn take(&mut self, count: usize, out: &mut Vec<Span>) {
        let rest = &self.text[self.at..];
        let start = self.at + (rest.len() - rest.trim_start().len());
        let mut end = start;
        let mut seen = 0;
        for (i, c) in self.text[start..].char_indices() {
            if seen == count {
                break;
            }
            end = start + i + c.len_utf8();
            if !c.is_whitespace() {
                seen += 1;
            }
        }
        if count > 0 && end > start {
            out.push(Span { start, end });
        }
        self.at = end;
    }
}

/// Sentence ends the segmenter misses and adds, each with some context, for inspection.
pub fn sentence_errors(sentences: &[Sentence]) -> Vec<String> {
    let mut errors = Vec::new();
    for document in gold_documents(sentences) {
        let predicted: Vec<usize> = segment(&document.text).sentences.iter().map(|s| s.span.end).collect();
        let gold: HashSet<usize> = document.sentence_ends.iter().copied().collect();
        let found: HashSet<usize> = predicted.iter().copied().collect();
        for &end in &document.sentence_ends {
            if !found.contains(&end) {
                errors.push(format!("missed: {}", context(&document.text, end)));
            }
        }
        for &end in &predicted {
            if !gold.contains(&end) {
                errors.push(format!("added:  {}", context(&document.text, end)));
            }
        }
    }
    errors
}

fn context(text: &str, at: usize) -> String {
    let before: String = text[..at].chars().rev().take(50).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[at..].chars().take(40).collect();
    format!("{before}|{after}").replace('\n', "¶")
}

/// Gold tokens the segmenter does not reproduce, each with the predicted tokens over the
/// same text, as `gold => predicted` lines for inspection.
pub fn token_errors(sentences: &[Sentence]) -> Vec<String> {
    let mut errors = Vec::new();
    for document in gold_documents(sentences) {
        let predicted = segment(&document.text).tokens;
        let found: HashSet<Span> = predicted.iter().copied().collect();
        for gold in document.tokens.iter().filter(|t| !found.contains(t)) {
            let overlapping: Vec<&str> = predicted
                .iter()
                .filter(|p| p.start < gold.end && gold.start < p.end)
                .map(|p| p.of(&document.text))
                .collect();
            errors.push(format!("{} => {}", gold.of(&document.text), overlapping.join(" ")));
        }
    }
    errors
}
