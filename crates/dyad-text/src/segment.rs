//! Segmentation into paragraphs, sentences and tokens.
//!
//! Tokens follow UD English EWT, which the tagger and parser are trained on: punctuation
//! and clitics (`do n't`, `NATO 's`) split, hyphens their own token, abbreviations keep
//! their period. One linear pass: paragraphs from line structure, then a hand-written
//! scanner per paragraph, then sentence ends decided from each terminal token and the
//! token after it.

mod lexicon;
mod scan;
mod sentences;

use crate::document::Span;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segmentation {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into `Segmentation::tokens`.
    pub tokens: std::ops::Range<usize>,
    /// Index into `Segmentation::paragraphs`.
    pub paragraph: usize,
}

pub fn segment(text: &str) -> Segmentation {
    let mut out = Segmentation::default();
    segment_into(text, &mut out);
    out
}

/// Like [`segment`], reusing the buffers of `out`.
pub fn segment_into(text: &str, out: &mut Segmentation) {
    out.paragraphs.clear();
    out.sentences.clear();
    out.tokens.clear();
    find_paragraphs(text, &mut out.paragraphs);
    for (index, &paragraph) in out.paragraphs.iter().enumerate() {
        let first = out.tokens.len();
        scan::tokenize(text, paragraph, &mut out.tokens);
        sentences::split_sentences(text, &out.tokens[first..], first, index, &mut out.sentences);
    }
}

/// Paragraph spans, trimmed of whitespace. A blank line always separates paragraphs; a
/// single newline does when the line before it cannot run on into the next one (a
/// headline, a by-line, a pull-quote attribution).
fn find_paragraphs(text: &str, out: &mut Vec<Span>) {
    let wrap_width = wrap_width(text);
    let mut current: Option<Span> = None;
    let mut blank_before = false;
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |n| line_start + n);
        match trimmed(text, line_start, line_end) {
            None => blank_before = true,
            Some(line) => {
                current = Some(match current {
                    Some(open) if !blank_before && !ends_block(text, open.end, line, wrap_width) => {
                        Span { start: open.start, end: line.end }
                    }
                    Some(open) => {
                        out.push(open);
                        line
                    }
                    None => line,
                });
                blank_before = false;
            }
        }
        line_start = line_end + 1;
    }
    out.extend(current);
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let line = &text[start..end];
    let head = line.len() - line.trim_start().len();
    let body = line.trim();
    (!body.is_empty()).then(|| Span { start: start + head, end: start + head + body.len() })
}

/// Whether a single newline after the line ending at `prev_end` starts a new paragraph
/// at `next`. Lines that end mid-phrase or are followed by a lowercase word are taken as
/// hard wraps.
fn ends_block(text: &str, prev_end: usize, next: Span, wrap_width: Option<usize>) -> bool {
    let before = &text[..prev_end];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    if wrap_width.is_some_and(|width| before[line_start..].chars().count() + WRAP_SLACK >= width) {
        return false;
    }
    let unclosed = before.trim_end_matches(lexicon::is_closing);
    let Some(last) = unclosed.chars().next_back() else { return true };
    if lexicon::is_final_punct(last) || matches!(last, ',' | ';' | '-' | '–' | '—' | '(' | '&' | '/') {
        return false;
    }
    if next.of(text).starts_with(char::is_lowercase) {
        return false;
    }
    let last_word = unclosed.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    !lexicon::is_hard_wrap_word(last_word)
}

/// How much shorter than the widest line a hard-wrapped line may be.
const WRAP_SLACK: usize = 20;

/// The column at which the text is hard-wrapped, if it is: most lines that a single
/// newline ends are nearly as long as the longest of them, and that is at most 100 chars.
fn wrap_width(text: &str) -> Option<usize> {
    let mut lengths = Vec::new();
    let mut lines = text.split('\n').map(|line| line.trim_end().chars().count()).peekable();
    while let Some(length) = lines.next() {
        if length > 0 && lines.peek().is_some_and(|&next| next > 0) {
            lengths.push(length);
        }
    }
    let width = *lengths.iter().max()?;
    let near_width = lengths.iter().filter(|&&length| length + WRAP_SLACK >= width).count();
    (lengths.len() >= 3 && width <= 100 && near_width * 4 >= lengths.len() * 3).then_some(width)
}
