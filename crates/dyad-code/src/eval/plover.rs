//! PLOVER gold records (`gsr-dev.json`, PLOVER 0.5 event types): does the coder find
//! the record's event type, its source, and the whole (type, source, target) triple?

use super::{names, read, CodedEvent, EvalError, Pipeline};
use crate::coder::Coder;
use crate::events::Event;
use crate::format::act_key;
use chrono::NaiveDate;
use dyad_text::Document;
use serde::Deserialize;
use std::path::Path;

/// The PLOVER 0.5 event type of a CAMEO code. Statements (01) have none.
pub fn plover_type(cameo: &str) -> Option<&'static str> {
    let root = cameo.get(..2)?;
    let plover = match root {
        "02" | "10" => "DEMAND",
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" => concession(cameo),
        "09" => "INVESTIGATE",
        "11" => "DISAPPROVE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" | "20" => "ASSAULT",
        "19" => combat(cameo),
        _ => return None,
    };
    Some(plover)
}

/// Fighting with weapons (small arms, artillery, aircraft), violating a ceasefire,
/// blockading and occupying are FIGHT; CAMEO's generic 190, which the dictionaries give
/// plain killing, is ASSAULT, as CAMEO2PLOVER maps the whole root.
fn combat(cameo: &str) -> &'static str {
    match cameo.get(..3) {
        Some("191" | "192" | "193" | "194" | "195" | "196") => "FIGHT",
        _ => "ASSAULT",
    }
}

/// Returning, releasing, easing sanctions, admitting outsiders and de-escalating are
/// retreats, and so is leaving office (0831); the rest of CAMEO's yielding, easing a
/// curfew or a state of emergency (0813, 0814) included, is conceding. The 2021 table
/// (CAMEO2PLOVER, PLOVER 0.8) moved 0813 and 0814 to RETREAT; the PLOVER 0.5 records
/// this scores label lifted curfews and emergencies CONCEDE and resignations RETREAT.
fn concession(cameo: &str) -> &'static str {
    match cameo.get(..3) {
        Some("084" | "085" | "086" | "087") => "RETREAT",
        _ if cameo == "0831" => "RETREAT",
        _ => "CONCEDE",
    }
}

#[derive(Debug, Clone)]
pub struct PloverRecord {
    pub id: String,
    pub text: String,
    pub event: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
    pub coded: Vec<CodedEvent>,
    pub type_found: bool,
    pub source_found: bool,
    pub triple_found: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PloverScores {
    pub records: usize,
    pub type_found: usize,
    pub source_found: usize,
    pub triple_found: usize,
    /// CAMEO events: one per source–target pair.
    pub events: usize,
    /// PLOVER events: the CAMEO events of one act grouped, as `--format plover` writes
    /// them, statements (no PLOVER type) left out.
    pub plover_events: usize,
    pub details: Vec<PloverRecord>,
}

impl PloverScores {
    fn rate(&self, count: usize) -> f64 {
        count as f64 / self.records.max(1) as f64
    }
    pub fn type_recall(&self) -> f64 {
        self.rate(self.type_found)
    }
    pub fn source_recall(&self) -> f64 {
        self.rate(self.source_found)
    }
    pub fn triple_recall(&self) -> f64 {
        self.rate(self.triple_found)
    }
    pub fn events_per_record(&self) -> f64 {
        self.rate(self.events)
    }
    pub fn plover_events_per_record(&self) -> f64 {
        self.rate(self.plover_events)
    }
}

#[derive(Deserialize)]
struct GoldRecord {
    id: String,
    #[serde(default)]
    date: Option<String>,
    event: String,
    text: String,
    #[serde(default)]
    source: Actors,
    #[serde(default)]
    target: Actors,
}

/// The file writes a missing side as `""` and a present one as a list.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Actors {
    List(Vec<GoldActor>),
    #[default]
    None,
    Text(serde::de::IgnoredAny),
}

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

impl Actors {
    fn codes(&self) -> Vec<String> {
        match self {
            Actors::List(actors) => {
                actors.iter().map(|actor| actor.code.to_uppercase()).filter(|c| !c.is_empty()).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Codes each record's text with `coder` (its dictionaries) and scores the events.
pub fn plover(gsr_json: &Path, coder: &Coder) -> Result<PloverScores, EvalError> {
    let text = read(gsr_json)?;
    let records: Vec<GoldRecord> = serde_json::from_str(&text)
        .map_err(|error| EvalError::Format { path: gsr_json.display().to_string(), message: error.to_string() })?;
    let pipeline = Pipeline {
        models: &coder.models,
        dictionaries: &coder.dictionaries,
        actors: &coder.actors,
        events: &coder.events,
    };
    let mut scores = PloverScores::default();
    for record in records {
        let date = record.date.as_deref().and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
        let document = Document { id: record.id.clone(), date, text: record.text.clone(), ..Default::default() };
        let events = pipeline.code(&document);
        let detail = score_record(&record, &events);
        scores.records += 1;
        scores.events += events.len();
        scores.plover_events += plover_event_count(&events);
        scores.type_found += usize::from(detail.type_found);
        scores.source_found += usize::from(detail.source_found);
        scores.triple_found += usize::from(detail.triple_found);
        scores.details.push(detail);
    }
    Ok(scores)
}

/// The events as `--format plover` counts them (see `format::plover_groups`).
fn plover_event_count<'e>(events: &'e [Event]) -> usize {
    let actor = |p: &'e crate::events::Participant| (p.span.start, p.span.end, p.code.as_str());
    let keys = events.iter().map(|e| {
        let (source, target) = (e.source.as_ref().map(actor), e.target.as_ref().map(actor));
        act_key(e.sentence, (e.trigger.start, e.trigger.end), &e.cameo, e.negated, e.modality, source, target)
    });
    crate::format::plover_groups(keys).iter().filter(|group| plover_type(&events[group[0]].cameo).is_some()).count()
}

fn score_record(record: &GoldRecord, events: &[Event]) -> PloverRecord {
    let sources = record.source.codes();
    let targets = record.target.codes();
    let matches = |participant: &Option<crate::events::Participant>, wanted: &[String]| {
        participant.as_ref().is_some_and(|p| wanted.iter().any(|w| names(&p.code, p.country.as_deref(), w)))
    };
    let typed = |event: &&Event| plover_type(&event.cameo) == Some(record.event.as_str());
    let type_found = events.iter().any(|event| typed(&event));
    let source_found = events.iter().any(|event| matches(&event.source, &sources));
    let triple_found = events
        .iter()
        .filter(typed)
        .any(|event| matches(&event.source, &sources) && (targets.is_empty() || matches(&event.target, &targets)));
    PloverRecord {
        id: record.id.clone(),
        text: record.text.clone(),
        event: record.event.clone(),
        sources,
        targets,
        coded: events.iter().map(|event| CodedEvent::of(event, &record.text)).collect(),
        type_found,
        source_found,
        triple_found,
    }
}
