//! Temporal expressions, normalised against the article date, TIMEX3 style.
//!
//! [`find`] reads each sentence's words and tags and recognises what a time expression
//! means ("last week", "On January 24", "for several weeks") without resolving it;
//! [`normalise`] turns that meaning into a TIMEX3 value from the article date and the
//! tense of the verb the expression attaches to; [`link`] gives each event the
//! expression that governs its clause in the dependency tree.
//!
//! "The next day" and "two days later" count from the last day the story named, not
//! from the article date. Spans are byte offsets into the article text. An undated
//! article keeps its expressions, but only those that need no anchor ("2022-01-24",
//! "for two days", "recently") get a value.

mod find;
mod link;
mod normalise;

pub(crate) use link::event_times;
pub use link::EventTime;

use crate::article::AnalysedArticle;
use crate::events::tree::Trees;
use chrono::NaiveDate;
use dyad_lang::Parser;
use dyad_text::Span;
use serde::Serialize;
use std::ops::Range;

/// TIMEX3's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

/// One time expression of an article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeExpression {
    pub span: Span,
    pub text: String,
    pub kind: TimeKind,
    /// TIMEX3 value (`2022-01-24`, `2022-W04`, `PAST_REF`, `P3W`); `None` where it
    /// depends on a date the article does not give ("two days later", or a relative
    /// expression in an undated article).
    pub value: Option<String>,
    /// For a range ("between January 10 and 12"), the value of its end; `value` is
    /// its start.
    pub end_value: Option<String>,
    pub sentence: usize,
    /// The expression's words in its sentence (0-based, half-open).
    pub words: Range<usize>,
    /// A preposition before it that puts events on one side of it rather than at it:
    /// `since`, `until`, `before`, `after`, `by`.
    pub signal: Option<String>,
}

impl TimeExpression {
    /// Whether the expression can date an event: a point or stretch of the calendar,
    /// not a length of time or a recurrence, and not a bound ("delayed until Monday").
    pub fn dates_events(&self) -> bool {
        matches!(self.kind, TimeKind::Date | TimeKind::Time) && self.signal.is_none()
    }
}

/// The tense that decides which way a relative expression points: "on Monday" is the
/// Monday before the article in "met on Monday", the one after it in "will meet on
/// Monday".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// Every time expression of the article, in text order.
pub fn find_times(article: &AnalysedArticle, parser: &Parser) -> Vec<TimeExpression> {
    find_times_with(article, &Trees::new(article, parser))
}

/// As [`find_times`], reading the trees the other stages share.
pub(crate) fn find_times_with(article: &AnalysedArticle, trees: &Trees) -> Vec<TimeExpression> {
    let date = article.document.date;
    let text = article.text();
    let mut times = Vec::new();
    // The last day the story named: "the next day" counts from it.
    let mut story_day: Option<NaiveDate> = None;
    for sentence in 0..article.sentence_count() {
        let words = article.words(sentence);
        let analysis = &article.analyses[sentence];
        let xpos: Vec<&str> = analysis.tags.iter().map(|tag| tag.xpos_name()).collect();
        let found = find::find(&words, &xpos);
        if found.is_empty() {
            continue;
        }
        for expression in found {
            let anchor = match expression.meaning {
                find::Meaning::Relative { .. } => story_day,
                _ => date,
            };
            // Most expressions ("March 20, 1987", "1986") mean the same in any tense,
            // and then the sentence is not parsed for the tense of their verb.
            let untensed = normalise::normalise(&expression.meaning, anchor, Tense::Unknown);
            let tenses = [Tense::Past, Tense::Present, Tense::Future];
            let normal = if tenses.iter().all(|&t| normalise::normalise(&expression.meaning, anchor, t) == untensed) {
                untensed
            } else {
                let tree = link::SentenceTree::new(article, trees, sentence);
                normalise::normalise(&expression.meaning, anchor, tree.tense_of(expression.words.clone()))
            };
            if let Some(day) = normal.value.as_deref().and_then(link::full_day) {
                story_day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
            }
            let span = article.words_span(sentence, expression.words.clone());
            let signal = expression.words.start.checked_sub(1).map(|w| words[w].to_ascii_lowercase());
            let signal = signal.filter(|word| matches!(word.as_str(), "since" | "until" | "till" | "before" | "after" | "by"));
            times.push(TimeExpression {
                span,
                text: span.of(text).to_string(),
                kind: normal.kind,
                value: normal.value,
                end_value: normal.end_value,
                sentence,
                words: expression.words,
                signal,
            });
        }
    }
    times
}
