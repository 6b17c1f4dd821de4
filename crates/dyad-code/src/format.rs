//! Output formats, all written from [`DocRecord`]s: `doc` (the record itself), `events`
//! (one event per line), `gdelt` (the GDELT 2.0 event table) and `plover` (POLECAT-style
//! PLOVER events). Every format is line-oriented, so records can be rendered in
//! parallel and written in input order.

mod gdelt;
mod plover;

pub use gdelt::{gdelt, GDELT_COLUMNS};
pub(crate) use plover::act_key;
pub use plover::{plover, plover_groups};

use crate::record::{DocRecord, EventRecord};
use serde::Serialize;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Doc,
    Events,
    Gdelt,
    Plover,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Doc, Format::Events, Format::Gdelt, Format::Plover];

    pub fn name(self) -> &'static str {
        match self {
            Format::Doc => "doc",
            Format::Events => "events",
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown output format {0:?} (expected doc, events, gdelt or plover)")]
pub struct UnknownFormat(String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Appends the lines of `record` in `format` to `out`.
pub fn render_into(format: Format, record: &DocRecord, out: &mut String) {
    match format {
        Format::Doc => doc(record, out),
        Format::Events => events(record, out),
        Format::Gdelt => gdelt(record, out),
        Format::Plover => plover(record, out),
    }
}

/// The lines of `record` in `format`.
pub fn render(format: Format, record: &DocRecord) -> String {
    let mut out = String::new();
    render_into(format, record, &mut out);
    out
}

pub fn write(format: Format, record: &DocRecord, out: &mut impl Write) -> io::Result<()> {
    out.write_all(render(format, record).as_bytes())
}

/// The whole record as one JSON line.
pub fn doc(record: &DocRecord, out: &mut String) {
    json_line(record, out);
}

/// One event of an article, with what is needed to read it alone.
#[derive(Serialize)]
struct EventLine<'r> {
    article_id: &'r str,
    article_date: Option<&'r str>,
    /// Index of the event within the article's `events`.
    event_index: usize,
    sentence_text: &'r str,
    /// The time expression that dates the event (`time` indexes the doc record's
    /// `times`, which this format does not carry).
    #[serde(skip_serializing_if = "Option::is_none")]
    time_text: Option<&'r str>,
    #[serde(flatten)]
    event: &'r EventRecord,
}

/// One JSON line per event: the event's `doc` fields plus the article id and date and
/// the sentence text.
pub fn events(record: &DocRecord, out: &mut String) {
    for (index, event) in record.events.iter().enumerate() {
        let line = EventLine {
            article_id: &record.id,
            article_date: record.date.as_deref(),
            event_index: index,
            sentence_text: record.sentence_text(event.sentence),
            time_text: event.time.and_then(|t| record.times.get(t)).map(|t| t.text.as_str()),
            event,
        };
        json_line(&line, out);
    }
}

fn json_line(value: &impl Serialize, out: &mut String) {
    // Records hold only strings, numbers and maps with string keys: this cannot fail.
    let json = serde_json::to_string(value).expect("records serialise to JSON");
    out.push_str(&json);
    out.push('\n');
}
