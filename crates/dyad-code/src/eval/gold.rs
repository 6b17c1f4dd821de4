//! An example article's reference annotation (`*.gold.json`): which expected events the
//! coder finds, and which classic false positives (`must_not`) it produces. Items name
//! their sentence by a string found at its start (`in`); an event matches an item in
//! that sentence when its source country, target and CAMEO root are among the item's.

use super::{names, read, CodedEvent, EvalError};
use crate::coder::Coder;
use crate::record::{ActorRecord, DocRecord, EventRecord};
use dyad_text::read::{read_bytes, ReadOptions};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct GoldItem {
    pub sentence_start: String,
    pub sentence: Option<usize>,
    pub source: Option<String>,
    pub targets: Vec<Option<String>>,
    pub roots: Vec<String>,
    /// For expected items: found; for must-not items: produced.
    pub matched: bool,
}

#[derive(Debug, Clone, Default)]
pub struct GoldScores {
    pub expected: usize,
    pub found: usize,
    pub must_not: usize,
    pub produced: usize,
    pub events: usize,
    pub expected_items: Vec<GoldItem>,
    pub must_not_items: Vec<GoldItem>,
    pub coded: Vec<CodedEvent>,
    pub times: TimeScores,
    pub quote_items: Vec<QuoteItem>,
    /// Quotations the coder found, reference or not.
    pub quotes_coded: usize,
}

/// The reference's time expressions and event dates against ours.
#[derive(Debug, Clone, Default)]
pub struct TimeScores {
    pub expected: usize,
    /// Expressions found with the reference's text.
    pub found: usize,
    /// ... and its value.
    pub right: usize,
    /// Expected events the reference dates (`date` or `date_before`) ...
    pub dated_events: usize,
    /// ... that a matching coded event has that date.
    pub dates_right: usize,
    /// ... that an event coded on the reference's trigger, whatever its code, has
    /// that date: the dating alone, apart from the event coding.
    pub dates_right_by_trigger: usize,
    /// Ours: (text, type, value), for listings.
    pub ours: Vec<(String, String, Option<String>)>,
}

impl GoldScores {
    pub fn quotes_found(&self) -> usize {
        self.quote_items.iter().filter(|item| item.found).count()
    }

    pub fn quotes_right_speaker(&self) -> usize {
        self.quote_items.iter().filter(|item| item.right_speaker).count()
    }

    pub fn quotes_right_kind(&self) -> usize {
        self.quote_items.iter().filter(|item| item.found && item.right_kind).count()
    }
}

#[derive(Deserialize)]
struct GoldFile {
    events: GoldEvents,
    #[serde(default)]
    times: Vec<GoldTime>,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Deserialize)]
struct GoldTime {
    text: String,
    value: String,
}

#[derive(Deserialize)]
struct GoldQuote {
    #[serde(rename = "in")]
    sentence: String,
    speaker: String,
    #[serde(default)]
    kind: Option<String>,
    contains: String,
}

/// One reference quotation and what the coder made of it.
#[derive(Debug, Clone)]
pub struct QuoteItem {
    pub contains: String,
    pub speaker: String,
    /// A quotation holding `contains` was found, starting in or before the item's
    /// sentence.
    pub found: bool,
    /// Its speaker's name, when it has one.
    pub found_speaker: Option<String>,
    pub right_speaker: bool,
    pub right_kind: bool,
}

#[derive(Deserialize)]
struct GoldEvents {
    #[serde(default)]
    expected: Vec<GoldEvent>,
    #[serde(default)]
    must_not: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldEvent {
    #[serde(rename = "in")]
    sentence: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    target: Targets,
    #[serde(default)]
    cameo_root: Vec<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_before: Option<String>,
    #[serde(default)]
    trigger: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Targets {
    List(Vec<Option<String>>),
    One(String),
    #[default]
    Missing,
}

impl Targets {
    fn list(&self) -> Vec<Option<String>> {
        match self {
            Targets::List(list) => list.clone(),
            Targets::One(one) => vec![Some(one.clone())],
            Targets::Missing => Vec::new(),
        }
    }
}

/// Scores the record `dyad code` writes for the article: events, times and quotations
/// all come from one [`Coder::code`], so the figures are the product's.
pub fn gold(gold_json: &Path, article: &Path, coder: &Coder) -> Result<GoldScores, EvalError> {
    let format_error = |message: String| EvalError::Format { path: gold_json.display().to_string(), message };
    let reference: GoldFile = serde_json::from_str(&read(gold_json)?).map_err(|e| format_error(e.to_string()))?;
    let bytes =
        std::fs::read(article).map_err(|source| EvalError::Io { path: article.display().to_string(), source })?;
    let name = article.display().to_string();
    let document = read_bytes(&name, &bytes, &ReadOptions::default())
        .into_iter()
        .next()
        .ok_or_else(|| format_error("the article is empty".to_string()))?
        .map_err(|e| EvalError::Format { path: name.clone(), message: e.to_string() })?;
    let record = coder.code(&document);
    let items = |events: &[GoldEvent]| -> Vec<GoldItem> {
        events
            .iter()
            .map(|item| {
                let mut gold = GoldItem::of(item, &record);
                gold.matched = record.events.iter().any(|event| matches(&gold, event));
                gold
            })
            .collect()
    };
    let expected_items = items(&reference.events.expected);
    let must_not_items = items(&reference.events.must_not);
    let quote_items = reference.quotes.iter().map(|item| score_quote(item, &record)).collect();
    Ok(GoldScores {
        quote_items,
        quotes_coded: record.quotes.len(),
        expected: expected_items.len(),
        found: expected_items.iter().filter(|item| item.matched).count(),
        must_not: must_not_items.len(),
        produced: must_not_items.iter().filter(|item| item.matched).count(),
        events: record.events.len(),
        coded: record.events.iter().map(CodedEvent::from).collect(),
        expected_items,
        must_not_items,
        times: score_times(&reference, &record),
    })
}

impl GoldItem {
    fn of(item: &GoldEvent, record: &DocRecord) -> GoldItem {
        GoldItem {
            sentence_start: item.sentence.clone(),
            sentence: sentence_of(record, &item.sentence),
            source: item.source.clone(),
            targets: item.target.list(),
            roots: item.cameo_root.clone(),
            matched: false,
        }
    }
}

/// The sentence that holds the first occurrence of `start`.
fn sentence_of(record: &DocRecord, start: &str) -> Option<usize> {
    let at = record.text.find(start)?;
    record.sentences.iter().position(|s| s.start <= at && at < s.end)
}

impl From<&EventRecord> for CodedEvent {
    fn from(event: &EventRecord) -> CodedEvent {
        let code = |actor: &Option<ActorRecord>| actor.as_ref().map(|a| a.code.clone());
        CodedEvent {
            sentence: event.sentence,
            source: code(&event.source),
            target: code(&event.target),
            cameo: event.cameo.clone(),
            trigger: event.trigger.text.clone(),
            rule: event.rule.clone(),
        }
    }
}

fn score_times(reference: &GoldFile, record: &DocRecord) -> TimeScores {
    let times = &record.times;
    let mut used = vec![false; times.len()];
    let mut scores = TimeScores { expected: reference.times.len(), ..TimeScores::default() };
    for gold in &reference.times {
        let Some(index) = (0..times.len()).find(|&t| !used[t] && times[t].text == gold.text) else { continue };
        used[index] = true;
        scores.found += 1;
        // The reference gives a duration's type where a value would go.
        let ours = &times[index];
        let right = ours.value.as_deref() == Some(gold.value.as_str())
            || (gold.value == "DURATION" && ours.kind == crate::times::TimeKind::Duration);
        scores.right += right as usize;
    }
    for item in reference.events.expected.iter().filter(|e| e.date.is_some() || e.date_before.is_some()) {
        scores.dated_events += 1;
        let gold = GoldItem::of(item, record);
        let dated_right = |event: &EventRecord| {
            (item.date.is_none() || item.date == event.date)
                && (item.date_before.is_none() || item.date_before == event.date_before)
        };
        scores.dates_right += record.events.iter().any(|event| matches(&gold, event) && dated_right(event)) as usize;
        let trigger = gold.sentence.zip(item.trigger.as_deref()).and_then(|(s, trigger)| {
            let sentence = &record.sentences[s];
            let at = sentence.start + record.text[sentence.start..sentence.end].find(trigger)?;
            Some((s, at, at + trigger.len()))
        });
        if let Some((s, start, end)) = trigger {
            let on_trigger = |event: &EventRecord| {
                event.sentence == s && event.trigger.start < end && start < event.trigger.end
            };
            let right = record.events.iter().any(|event| on_trigger(event) && dated_right(event));
            scores.dates_right_by_trigger += right as usize;
        }
    }
    scores.ours = times
        .iter()
        .map(|t| (t.text.clone(), format!("{:?}", t.kind).to_uppercase(), t.value.clone()))
        .collect();
    scores
}

fn matches(item: &GoldItem, event: &EventRecord) -> bool {
    let names_actor = |actor: &Option<ActorRecord>, wanted: &Option<String>| match (actor, wanted) {
        (Some(a), Some(w)) => names(&a.code, a.country.as_deref(), w),
        (None, None) => true,
        _ => false,
    };
    item.sentence == Some(event.sentence)
        && (item.roots.is_empty() || item.roots.iter().any(|root| event.cameo.starts_with(root.as_str())))
        && item.source.as_ref().is_none_or(|_| names_actor(&event.source, &item.source))
        && (item.targets.is_empty() || item.targets.iter().any(|target| names_actor(&event.target, target)))
}

/// A reference quotation is found when a quotation's text holds its `contains` string
/// and overlaps the sentence it names; the speaker is right when the found quotation's
/// speaker has the reference's name (any case).
fn score_quote(item: &GoldQuote, record: &DocRecord) -> QuoteItem {
    let sentence = record
        .text
        .find(&item.sentence)
        .and_then(|at| record.sentences.iter().find(|s| s.start <= at && at < s.end))
        .map(|s| (s.start, s.end));
    let found = record.quotes.iter().find(|quote| {
        quote.text.contains(&item.contains)
            && sentence.is_some_and(|(start, end)| quote.start < end && start < quote.end)
    });
    let found_speaker = found.and_then(|quote| quote.speaker.as_ref()).and_then(|speaker| speaker.name.clone());
    let right_speaker = found_speaker.as_ref().is_some_and(|name| name.eq_ignore_ascii_case(&item.speaker));
    let right_kind = match (found, &item.kind) {
        (Some(quote), Some(kind)) => {
            serde_json::to_value(quote.kind).ok().and_then(|v| v.as_str().map(str::to_string)).as_deref()
                == Some(kind.as_str())
        }
        _ => false,
    };
    QuoteItem {
        contains: item.contains.clone(),
        speaker: item.speaker.clone(),
        found: found.is_some(),
        found_speaker,
        right_speaker,
        right_kind,
    }
}
