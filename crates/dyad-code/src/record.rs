//! The `doc` record of `shared/spec/output.md`: everything coded from one article, in
//! the shape every output format is written from. Field names are the contract with
//! evaluation scripts: add fields freely, never rename.

use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use crate::events::{Event, Modality, Participant};
use crate::places::PlaceRecord;
use crate::quotes::{Quote, QuoteKind};
use crate::tables::{self, CameoTables, Plover};
use crate::times::{EventTime, TimeExpression, TimeKind};
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocRecord {
    pub id: String,
    /// `YYYY-MM-DD`, or null for an undated article.
    pub date: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The input's `url`, when it had one (GDELT's SOURCEURL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub sentences: Vec<SentenceRecord>,
    pub mentions: Vec<MentionRecord>,
    pub events: Vec<EventRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub times: Vec<TimeRecord>,
    /// Filled by [`crate::places::PlaceFinder::attach`].
    pub places: Vec<PlaceRecord>,
    pub errors: Vec<RecordError>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceRecord {
    pub start: usize,
    pub end: usize,
    /// 0-based paragraph index.
    pub paragraph: usize,
    /// Number of tokens (words and punctuation).
    pub tokens: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub name: Option<String>,
    pub kind: MentionKind,
    pub refers_to: Option<usize>,
    pub sentence: usize,
    pub rule: String,
}

/// An event's source or target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Index into the record's `mentions`.
    pub mention: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// PLOVER type, mode and context; all null for codes PLOVER has no type for.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PloverRecord {
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub mode: Option<String>,
    pub context: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord {
    pub sentence: usize,
    pub source: Option<ActorRecord>,
    pub target: Option<ActorRecord>,
    pub cameo: String,
    pub cameo_root: Option<String>,
    /// The code's name in the CAMEO codebook.
    pub cameo_name: Option<String>,
    pub goldstein: Option<f64>,
    pub quad_class: Option<u8>,
    pub plover: PloverRecord,
    pub trigger: TextSpan,
    pub date: Option<String>,
    pub negated: bool,
    pub modality: Modality,
    pub quote: Option<usize>,
    /// Where the event happened (a copy of one of the record's `places`).
    pub location: Option<PlaceRecord>,
    pub mentions: u32,
    /// The mention that reports the event ("X said ...").
    pub reporter: Option<usize>,
    /// The reporter's actor code.
    pub reporter_code: Option<String>,
    pub rule: String,
    /// Index into `times` of the expression that dates the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<usize>,
    /// That expression's value when it is not a day (`2022-W04`, `PAST_REF`); `date`
    /// is then the article's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_value: Option<String>,
    /// The event happened before this day ("earlier", "recently" in a past clause).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_before: Option<String>,
}

/// A time expression, TIMEX3 style (`times` of the spec).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeKind,
    pub value: Option<String>,
    /// A range's end ("between January 10 and 12"); `value` is its start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    pub sentence: usize,
    /// "since", "until", "before", "after" or "by" before the expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal: Option<String>,
}

/// A quotation and who said it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub speaker: Option<SpeakerRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: Option<String>,
    pub code: Option<String>,
    pub country: Option<String>,
    /// Index into the record's `mentions`.
    pub mention: Option<usize>,
}

/// Why an article, or part of it, could not be read or coded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordError {
    /// `read` (the input), `code` (the coder failed on it).
    pub kind: String,
    pub message: String,
    /// Byte offset into the input or the text, where known.
    pub offset: Option<usize>,
    /// 1-based line of the input, for JSON Lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl DocRecord {
    pub fn build(article: &AnalysedArticle, mentions: &[Mention], events: &[Event], tables: &CameoTables) -> DocRecord {
        let document = article.document;
        let date = document.date.map(|d| d.format("%Y-%m-%d").to_string());
        let url = document.metadata.get("url").and_then(Value::as_str).map(str::to_string);
        let sentences = article
            .segmentation
            .sentences
            .iter()
            .map(|s| SentenceRecord {
                start: s.span.start,
                end: s.span.end,
                paragraph: s.paragraph,
                tokens: s.tokens.len(),
            })
            .collect();
        DocRecord {
            id: document.id.clone(),
            title: document.title.clone(),
            text: document.text.clone(),
            url,
            sentences,
            mentions: mentions.iter().map(MentionRecord::from).collect(),
            events: events.iter().map(|e| EventRecord::build(e, article.text(), date.as_deref(), tables)).collect(),
            date,
            ..DocRecord::default()
        }
    }

    /// The record of an article that could not be read or coded: its id and why, so
    /// that nothing silently disappears from the output.
    pub fn failed(id: &str, error: RecordError) -> DocRecord {
        DocRecord { id: id.to_string(), errors: vec![error], ..DocRecord::default() }
    }

    /// Tokens over all sentences.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens).sum()
    }

    /// The text of sentence `s`.
    pub fn sentence_text(&self, s: usize) -> &str {
        self.sentences.get(s).and_then(|s| self.text.get(s.start..s.end)).unwrap_or_default()
    }
}

impl DocRecord {
    /// Adds the quotations, and the code of each event's reporter.
    pub fn add_quotes(&mut self, quotes: &[Quote], article: &AnalysedArticle) {
        let text = article.text();
        let of = |span: dyad_text::Span| span.of(text).to_string();
        self.quotes = quotes
            .iter()
            .map(|quote| QuoteRecord {
                start: quote.span.start,
                end: quote.span.end,
                text: of(quote.span),
                kind: quote.kind,
                cue: quote.cue.clone(),
                speaker: quote.speaker.as_ref().map(|speaker| SpeakerRecord {
                    start: speaker.span.start,
                    end: speaker.span.end,
                    text: of(speaker.span),
                    name: speaker.name.clone(),
                    code: speaker.code.clone(),
                    country: speaker.country.clone(),
                    mention: speaker.mention,
                }),
            })
            .collect();
        for event in &mut self.events {
            event.reporter_code = event.reporter.and_then(|m| self.mentions.get(m)).map(|m| m.code.clone());
        }
    }
}

impl From<&Mention> for MentionRecord {
    fn from(m: &Mention) -> MentionRecord {
        MentionRecord {
            start: m.span.start,
            end: m.span.end,
            text: m.text.clone(),
            code: m.code.clone(),
            country: m.country.clone(),
            sector: m.sector.clone(),
            name: m.name.clone(),
            kind: m.kind,
            refers_to: m.refers_to,
            sentence: m.sentence,
            rule: m.rule.clone(),
        }
    }
}

impl From<&Participant> for ActorRecord {
    fn from(p: &Participant) -> ActorRecord {
        ActorRecord {
            start: p.span.start,
            end: p.span.end,
            text: p.text.clone(),
            code: p.code.clone(),
            country: p.country.clone(),
            sector: p.sector.clone(),
            mention: p.mention,
        }
    }
}

impl From<Option<&Plover>> for PloverRecord {
    fn from(plover: Option<&Plover>) -> PloverRecord {
        match plover {
            Some(p) => PloverRecord {
                event_type: Some(p.event_type.clone()),
                mode: p.mode.clone(),
                context: p.context.clone(),
            },
            None => PloverRecord::default(),
        }
    }
}

impl EventRecord {
    /// The record of `event`, its code looked up in `tables`. The event's date is the
    /// article's until time expressions are resolved (issue #4).
    pub fn build(event: &Event, text: &str, date: Option<&str>, tables: &CameoTables) -> EventRecord {
        let code = event.cameo.as_str();
        EventRecord {
            sentence: event.sentence,
            source: event.source.as_ref().map(ActorRecord::from),
            target: event.target.as_ref().map(ActorRecord::from),
            cameo: event.cameo.clone(),
            cameo_root: tables::root(code).map(str::to_string),
            cameo_name: tables.name(code).map(str::to_string),
            goldstein: tables.goldstein(code),
            quad_class: tables::quad_class(code),
            plover: PloverRecord::from(tables.plover(code)),
            trigger: TextSpan {
                start: event.trigger.start,
                end: event.trigger.end,
                text: text.get(event.trigger.start..event.trigger.end).unwrap_or_default().to_string(),
            },
            date: date.map(str::to_string),
            negated: event.negated,
            modality: event.modality,
            quote: event.quote,
            location: None,
            mentions: event.mentions,
            reporter: event.reporter,
            reporter_code: None,
            rule: event.rule.clone(),
            time: None,
            time_value: None,
            date_before: None,
        }
    }
}

impl DocRecord {
    /// Adds the article's time expressions and dates its events: `dating` has one
    /// entry per event, in order (see [`crate::times::event_times`]).
    pub fn set_times(&mut self, times: &[TimeExpression], dating: &[EventTime]) {
        self.times = times.iter().map(TimeRecord::from).collect();
        for (event, dating) in self.events.iter_mut().zip(dating) {
            event.date = dating.date.clone();
            event.time = dating.time;
            event.time_value = dating.time_value.clone();
            event.date_before = dating.date_before.clone();
        }
    }
}

impl From<&TimeExpression> for TimeRecord {
    fn from(t: &TimeExpression) -> TimeRecord {
        TimeRecord {
            start: t.span.start,
            end: t.span.end,
            text: t.text.clone(),
            kind: t.kind,
            value: t.value.clone(),
            end_value: t.end_value.clone(),
            sentence: t.sentence,
            signal: t.signal.clone(),
        }
    }
}
