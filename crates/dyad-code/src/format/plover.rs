//! PLOVER events in the style of POLECAT's JSON records: one object per event with
//! `event_type`, `mode`, `context`, `actors` and `recipients`.

use crate::record::{ActorRecord, DocRecord, EventRecord};
use serde::Serialize;

#[derive(Serialize)]
struct PloverEvent<'r> {
    /// `<story id>-<event index>`: stable across runs.
    event_id: String,
    story_id: &'r str,
    sentence: usize,
    date: Option<&'r str>,
    event_type: &'r str,
    mode: Option<&'r str>,
    context: Option<&'r str>,
    /// `context` split into its parts (`"crime; corruption"` → two).
    contexts: Vec<&'r str>,
    actors: Vec<PloverActor<'r>>,
    recipients: Vec<PloverActor<'r>>,
    /// The words that express the event.
    event_text: &'r str,
    /// The sentence the event was coded from.
    text: &'r str,
    cameo: &'r str,
    quad_class: Option<u8>,
    goldstein: Option<f64>,
    negated: bool,
    modality: crate::events::Modality,
    /// Where the event happened, as in the `doc` record (POLECAT's geolocation).
    location: Option<&'r crate::places::PlaceRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'r str>,
    coder: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct PloverActor<'r> {
    #[serde(rename = "actorText")]
    text: &'r str,
    code: &'r str,
    country: Option<&'r str>,
    sector: Option<&'r str>,
    start: usize,
    end: usize,
}

/// One JSON line per event that has a PLOVER type. CAMEO statements (root 01) have
/// none in PLOVER and are left out.
pub fn plover(record: &DocRecord, out: &mut String) {
    for (index, event) in record.events.iter().enumerate() {
        if let Some(line) = plover_event(record, index, event) {
            super::json_line(&line, out);
        }
    }
}

fn plover_event<'r>(record: &'r DocRecord, index: usize, event: &'r EventRecord) -> Option<PloverEvent<'r>> {
    let event_type = event.plover.event_type.as_deref()?;
    let context = event.plover.context.as_deref();
    Some(PloverEvent {
        event_id: format!("{}-{index}", record.id),
        story_id: &record.id,
        sentence: event.sentence,
        date: event.date.as_deref(),
        event_type,
        mode: event.plover.mode.as_deref(),
        context,
        contexts: context.map(|c| c.split(';').map(str::trim).filter(|c| !c.is_empty()).collect()).unwrap_or_default(),
        actors: event.source.iter().map(actor).collect(),
        recipients: event.target.iter().map(actor).collect(),
        event_text: &event.trigger.text,
        text: record.sentence_text(event.sentence),
        cameo: &event.cameo,
        quad_class: event.quad_class,
        goldstein: event.goldstein,
        negated: event.negated,
        modality: event.modality,
        location: event.location.as_ref(),
        url: record.url.as_deref(),
        coder: "dyad",
        version: env!("CARGO_PKG_VERSION"),
    })
}

fn actor(a: &ActorRecord) -> PloverActor<'_> {
    PloverActor {
        text: &a.text,
        code: &a.code,
        country: a.country.as_deref(),
        sector: a.sector.as_deref(),
        start: a.start,
        end: a.end,
    }
}
