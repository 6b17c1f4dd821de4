//! The PETRARCH unit-test suite (`PETR.UnitTest.records.xml`), coded from the raw
//! `<Text>` with the `PETR.Validate.*` dictionaries it names. A record counts when its
//! set of (source, target, event) triples equals the gold set, as PETRARCH's
//! validator counted; only records of an `<Include>`d category with
//! `sentence="true"` are scored.

use super::{read, EvalError, Pipeline};
use crate::actors::ActorResolver;
use crate::coder::Coder;
use crate::events::EventCoder;
use chrono::NaiveDate;
use dyad_dict::{Dictionaries, DictionaryFiles, VerbFormat};
use dyad_text::Document;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (source code, target code, CAMEO code).
pub type Triple = (String, String, String);

#[derive(Debug, Clone)]
pub struct PetrRecord {
    pub id: String,
    pub category: String,
    pub text: String,
    pub gold: BTreeSet<Triple>,
    pub coded: BTreeSet<Triple>,
    pub correct: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PetrScores {
    pub records: usize,
    pub exact: usize,
    pub details: Vec<PetrRecord>,
}

impl PetrScores {
    pub fn exact_rate(&self) -> f64 {
        self.exact as f64 / self.records.max(1) as f64
    }
}

/// Scores `coder`'s models and event coder on the suite; the dictionaries are the
/// validation set the file names, read from `../dictionaries` next to its directory
/// (or its own directory).
pub fn petr(records_xml: &Path, coder: &Coder) -> Result<PetrScores, EvalError> {
    let xml = read(records_xml)?;
    let xml = strip_comments(&xml);
    let environment = element(&xml, "Environment").unwrap_or_default();
    let dictionaries = load_dictionaries(records_xml, environment)?;
    let include: Vec<&str> = element(environment, "Include").unwrap_or_default().split_whitespace().collect();
    let actors = ActorResolver::new(&dictionaries);
    let events = EventCoder::new(&dictionaries);
    let pipeline = Pipeline { models: &coder.models, dictionaries: &dictionaries, actors: &actors, events: &events };
    let mut scores = PetrScores::default();
    for record in records(&xml).filter(|record| include.contains(&record.category.as_str()) && record.sentence) {
        let coded = code_record(&pipeline, &record);
        let correct = coded == record.gold;
        scores.records += 1;
        scores.exact += usize::from(correct);
        scores.details.push(PetrRecord {
            id: record.id,
            category: record.category,
            text: record.text,
            gold: record.gold,
            coded,
            correct,
        });
    }
    Ok(scores)
}

fn code_record(pipeline: &Pipeline, record: &Record) -> BTreeSet<Triple> {
    let document =
        Document { id: record.id.clone(), date: record.date, text: record.text.clone(), ..Default::default() };
    pipeline
        .code(&document)
        .iter()
        .filter_map(|event| {
            let source = event.source.as_ref()?;
            let target = event.target.as_ref()?;
            Some((source.code.to_uppercase(), target.code.to_uppercase(), event.cameo.clone()))
        })
        .collect()
}

fn load_dictionaries(records_xml: &Path, environment: &str) -> Result<Dictionaries, EvalError> {
    let here = records_xml.parent().unwrap_or(Path::new("."));
    let beside = here.join("../dictionaries");
    let locate = |tag: &str| -> Vec<PathBuf> {
        element(environment, tag)
            .map(|name| {
                let name = name.trim();
                let candidate = beside.join(name);
                vec![if candidate.exists() { candidate } else { here.join(name) }]
            })
            .unwrap_or_default()
    };
    let files = DictionaryFiles {
        verb_format: VerbFormat::Petrarch2,
        verbs: locate("Verbfile"),
        actors: locate("Actorfile"),
        agents: locate("Agentfile"),
        discards: locate("Discardfile"),
        issues: Vec::new(),
    };
    Ok(Dictionaries::load(&files)?)
}

struct Record {
    id: String,
    category: String,
    sentence: bool,
    date: Option<NaiveDate>,
    text: String,
    gold: BTreeSet<Triple>,
}

/// Each `<Sentence ...>...</Sentence>` of the file.
fn records(xml: &str) -> impl Iterator<Item = Record> + '_ {
    xml.split("<Sentence ").skip(1).filter_map(|chunk| {
        let (attributes, body) = chunk.split_once('>')?;
        let body = body.split("</Sentence>").next().unwrap_or(body);
        let gold = body
            .split("<EventCoding")
            .skip(1)
            .filter_map(|coding| {
                let attributes = coding.split('>').next().unwrap_or_default();
                let get = |name: &str| attribute(attributes, name).map(|v| v.trim().to_uppercase());
                Some((get("sourcecode")?, get("targetcode")?, get("eventcode")?))
            })
            .collect();
        let text = element(body, "Text").unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        Some(Record {
            id: attribute(attributes, "id").unwrap_or_default(),
            category: attribute(attributes, "category").unwrap_or_default(),
            sentence: attribute(attributes, "sentence").as_deref() == Some("true"),
            date: attribute(attributes, "date").and_then(|date| NaiveDate::parse_from_str(&date, "%Y%m%d").ok()),
            text: unescape(&text),
            gold,
        })
    })
}

fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The text inside the first `<name>...</name>`.
fn element<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    Some(&xml[start..end])
}

/// `name="value"` (spaces around `=` allowed, as the file writes `noevents = "True"`).
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(at) = rest.find(name) {
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if let (true, Some(value)) = (before_ok, after.strip_prefix('=')) {
            let value = value.trim_start().strip_prefix('"')?;
            return value.split('"').next().map(str::to_string);
        }
        rest = &rest[at + name.len()..];
    }
    None
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}
