//! The `doc` record and the output formats, on hand-built mentions and events.

use chrono::NaiveDate;
use dyad_code::format::{self, Format, GDELT_COLUMNS};
use dyad_code::record::{DocRecord, RecordError};
use dyad_code::tables::{self, CameoTables};
use dyad_code::{AnalysedArticle, Event, Mention, MentionKind, Modality, Participant};
use dyad_text::segment::segment;
use dyad_text::{Document, Span};
use serde_json::Value;

const TEXT: &str =
    "The US administration does not intend to give in to Russia, declared spokesman Ned Price.\n\nMoscow replied to NATO.";

fn document() -> Document {
    let mut document = Document {
        id: "seed".into(),
        date: NaiveDate::from_ymd_opt(2022, 1, 25),
        title: None,
        text: TEXT.into(),
        ..Document::default()
    };
    document.metadata.insert("url".into(), Value::from("https://example.org/a"));
    document
}

fn span_of(needle: &str) -> Span {
    let start = TEXT.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

fn mention(text: &str, code: &str, country: &str, sector: Option<&str>) -> Mention {
    Mention {
        sentence: 0,
        words: 0..1,
        span: span_of(text),
        text: text.into(),
        code: code.into(),
        country: Some(country.into()),
        sector: sector.map(str::to_string),
        name: None,
        kind: MentionKind::Dictionary,
        refers_to: None,
        rule: "test".into(),
    }
}

fn participant(mentions: &[Mention], index: usize) -> Participant {
    let m = &mentions[index];
    Participant {
        mention: index,
        span: m.span,
        text: m.text.clone(),
        code: m.code.clone(),
        country: m.country.clone(),
        sector: m.sector.clone(),
    }
}

fn event(mentions: &[Mention], cameo: &str, sentence: usize) -> Event {
    Event {
        sentence,
        source: Some(participant(mentions, 0)),
        target: Some(participant(mentions, 1)),
        cameo: cameo.into(),
        trigger: span_of("does not intend to give in"),
        negated: false,
        modality: Modality::Asserted,
        reporter: Some(2),
        quote: None,
        mentions: 1,
        rule: "CAMEO.2.0.txt:1 test".into(),
    }
}

fn record() -> DocRecord {
    let document = document();
    let article = AnalysedArticle::with_analyses(&document, segment(TEXT), Vec::new(), None);
    let mut mentions = vec![
        mention("The US administration", "USAGOV", "USA", Some("GOV")),
        mention("Russia", "RUS", "RUS", None),
        mention("Ned Price", "USAGOV", "USA", Some("GOV")),
        mention("NATO", "IGOWSTNAT", "IGOWSTNAT", None),
    ];
    mentions[2].kind = MentionKind::Named;
    mentions[2].name = Some("Ned Price".into());
    let mut events = vec![event(&mentions, "124", 0), event(&mentions, "010", 1), event(&mentions, "0874", 0)];
    events[2].target = Some(participant(&mentions, 3));
    DocRecord::build(&article, &mentions, &events, &CameoTables::bundled())
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

/// Every key of `spec` is in `value` (extra keys are allowed by the spec).
fn assert_has_keys(value: &Value, spec: &[&str]) {
    let keys = keys(value);
    for key in spec {
        assert!(keys.contains(key), "missing {key:?} in {value}");
    }
}

const DOC_KEYS: &[&str] =
    &["id", "date", "title", "text", "sentences", "mentions", "events", "quotes", "times", "places", "errors"];
const MENTION_KEYS: &[&str] = &["start", "end", "text", "code", "country", "sector", "name", "kind", "refers_to"];
const EVENT_KEYS: &[&str] = &[
    "sentence",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover",
    "trigger",
    "date",
    "negated",
    "modality",
    "quote",
    "location",
    "mentions",
    "rule",
];
const ACTOR_KEYS: &[&str] = &["start", "end", "text", "code", "country", "sector"];

#[test]
fn doc_record_has_the_spec_keys_and_values() {
    let text = format::render(Format::Doc, &record());
    assert_eq!(text.lines().count(), 1);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_has_keys(&doc, DOC_KEYS);
    assert_eq!(doc["id"], "seed");
    assert_eq!(doc["date"], "2022-01-25");
    assert_eq!(doc["title"], Value::Null);
    assert_eq!(doc["text"], TEXT);
    assert_has_keys(&doc["sentences"][0], &["start", "end"]);
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
    assert_has_keys(&doc["mentions"][0], MENTION_KEYS);
    assert_eq!(doc["mentions"][2]["kind"], "named");
    assert_eq!(doc["mentions"][1]["sector"], Value::Null);
    for key in ["quotes", "times", "places", "errors"] {
        assert_eq!(doc[key], Value::Array(Vec::new()), "{key}");
    }
    let event = &doc["events"][0];
    assert_has_keys(event, EVENT_KEYS);
    assert_has_keys(&event["source"], ACTOR_KEYS);
    assert_has_keys(&event["target"], ACTOR_KEYS);
    assert_has_keys(&event["plover"], &["type", "mode", "context"]);
    assert_has_keys(&event["trigger"], &["start", "end", "text"]);
    assert_eq!(event["source"]["text"], "The US administration");
    assert_eq!(event["source"]["start"], 0);
    assert_eq!(event["target"]["code"], "RUS");
    assert_eq!(event["cameo"], "124");
    assert_eq!(event["cameo_root"], "12");
    assert_eq!(event["goldstein"], -4.0);
    assert_eq!(event["quad_class"], 3);
    assert_eq!(event["plover"]["type"], "REJECT");
    assert_eq!(event["plover"]["mode"], "change");
    assert_eq!(event["trigger"]["text"], "does not intend to give in");
    assert_eq!(event["date"], "2022-01-25");
    assert_eq!(event["negated"], false);
    assert_eq!(event["modality"], "asserted");
    assert_eq!(event["quote"], Value::Null);
    assert_eq!(event["location"], Value::Null);
    assert_eq!(event["mentions"], 1);
}

#[test]
fn spans_index_the_text_in_bytes() {
    let record = record();
    let event = &record.events[0];
    assert_eq!(&record.text[event.trigger.start..event.trigger.end], event.trigger.text);
    for m in &record.mentions {
        assert_eq!(&record.text[m.start..m.end], m.text);
    }
    assert_eq!(record.sentence_text(1), "Moscow replied to NATO.");
}

#[test]
fn failed_article_keeps_its_id_and_error() {
    let error = RecordError { kind: "read".into(), message: "bad JSON".into(), offset: Some(7), line: Some(3) };
    let doc: Value =
        serde_json::from_str(&format::render(Format::Doc, &DocRecord::failed("in.jsonl:3", error))).unwrap();
    assert_has_keys(&doc, DOC_KEYS);
    assert_eq!(doc["id"], "in.jsonl:3");
    assert_has_keys(&doc["errors"][0], &["kind", "message", "offset"]);
    assert_eq!(doc["errors"][0]["offset"], 7);
}

#[test]
fn events_format_has_one_line_per_event() {
    let text = format::render(Format::Events, &record());
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_has_keys(&lines[0], EVENT_KEYS);
    assert_eq!(lines[0]["article_id"], "seed");
    assert_eq!(lines[0]["article_date"], "2022-01-25");
    assert_eq!(lines[1]["sentence_text"], "Moscow replied to NATO.");
    assert_eq!(lines[2]["event_index"], 2);
}

#[test]
fn gdelt_rows_have_61_columns_in_codebook_order() {
    assert_eq!(GDELT_COLUMNS.len(), 61);
    assert_eq!(GDELT_COLUMNS[0], "GLOBALEVENTID");
    assert_eq!(GDELT_COLUMNS[26], "EventCode");
    assert_eq!(GDELT_COLUMNS[59], "DATEADDED");
    assert_eq!(GDELT_COLUMNS[60], "SOURCEURL");
    let text = format::render(Format::Gdelt, &record());
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.len(), 61);
    }
    let column = |name: &str| GDELT_COLUMNS.iter().position(|c| *c == name).unwrap();
    let row = &rows[0];
    assert_eq!(row[column("SQLDATE")], "20220125");
    assert_eq!(row[column("MonthYear")], "202201");
    assert_eq!(row[column("Year")], "2022");
    assert_eq!(row[column("FractionDate")], "2022.1507");
    assert_eq!(row[column("Actor1Code")], "USAGOV");
    assert_eq!(row[column("Actor1CountryCode")], "USA");
    assert_eq!(row[column("Actor1Type1Code")], "GOV");
    assert_eq!(row[column("Actor2Code")], "RUS");
    assert_eq!(row[column("IsRootEvent")], "1");
    assert_eq!(row[column("EventCode")], "124");
    assert_eq!(row[column("EventBaseCode")], "124");
    assert_eq!(row[column("EventRootCode")], "12");
    assert_eq!(row[column("QuadClass")], "3");
    assert_eq!(row[column("GoldsteinScale")], "-4.0");
    assert_eq!(row[column("NumMentions")], "1");
    assert_eq!(row[column("AvgTone")], "");
    assert_eq!(row[column("ActionGeo_Lat")], "");
    assert_eq!(row[column("DATEADDED")], "20220125000000");
    assert_eq!(row[column("SOURCEURL")], "https://example.org/a");
    assert_eq!(rows[1][column("IsRootEvent")], "0", "second paragraph");
    let nato = &rows[2];
    assert_eq!(nato[column("Actor2Code")], "IGOWSTNAT");
    assert_eq!(nato[column("Actor2CountryCode")], "");
    assert_eq!(nato[column("Actor2KnownGroupCode")], "NAT");
    assert_eq!(nato[column("Actor2Type1Code")], "IGO");
    assert_eq!(rows[2][column("EventBaseCode")], "087");
    assert_eq!(rows[2][column("EventRootCode")], "08");
}

#[test]
fn gdelt_event_ids_are_stable_and_distinct() {
    let first = format::render(Format::Gdelt, &record());
    assert_eq!(first, format::render(Format::Gdelt, &record()));
    let ids: Vec<u64> = first.lines().map(|l| l.split('\t').next().unwrap().parse().unwrap()).collect();
    assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids.iter().all(|&id| id > 0 && id <= i64::MAX as u64));
}

#[test]
fn plover_format_maps_types_and_leaves_out_statements() {
    let text = format::render(Format::Plover, &record());
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "010 (a statement) has no PLOVER type: {text}");
    assert_has_keys(&lines[0], &["event_type", "mode", "context", "actors", "recipients", "date", "text", "story_id"]);
    assert_eq!(lines[0]["event_type"], "REJECT");
    assert_eq!(lines[0]["story_id"], "seed");
    assert_eq!(lines[0]["actors"][0]["code"], "USAGOV");
    assert_eq!(lines[0]["recipients"][0]["code"], "RUS");
    assert!(lines[0]["text"].as_str().unwrap().starts_with("The US administration"));
    assert_eq!(lines[1]["event_type"], "RETREAT");
    assert_eq!(lines[1]["mode"], "disarm");
    assert_eq!(lines[1]["context"], "military");
}

/// A record of `(source, target, cameo)` events on one trigger, over `record()`'s mentions.
fn record_of(pairs: &[(usize, usize, &str)]) -> DocRecord {
    let document = document();
    let article = AnalysedArticle::with_analyses(&document, segment(TEXT), Vec::new(), None);
    let mentions = vec![
        mention("The US administration", "USAGOV", "USA", Some("GOV")),
        mention("Russia", "RUS", "RUS", None),
        mention("Ned Price", "USAGOV", "USA", Some("GOV")),
        mention("NATO", "IGOWSTNAT", "IGOWSTNAT", None),
    ];
    let events: Vec<Event> = pairs
        .iter()
        .map(|&(source, target, cameo)| Event {
            source: Some(participant(&mentions, source)),
            target: Some(participant(&mentions, target)),
            ..event(&mentions, cameo, 0)
        })
        .collect();
    DocRecord::build(&article, &mentions, &events, &CameoTables::bundled())
}

fn codes(actors: &Value) -> Vec<&str> {
    actors.as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap()).collect()
}

#[test]
fn plover_format_codes_one_act_with_several_recipients_once() {
    // CAMEO's pairs USA→RUS and USA→NATO of one trigger and code: one PLOVER event.
    let text = format::render(Format::Plover, &record_of(&[(0, 1, "124"), (0, 3, "124"), (0, 1, "0874")]));
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(codes(&lines[0]["actors"]), ["USAGOV"]);
    assert_eq!(codes(&lines[0]["recipients"]), ["RUS", "IGOWSTNAT"]);
    assert_eq!(lines[0]["events"], serde_json::json!([0, 1]));
    assert_eq!(lines[0]["event_id"], "seed-0");
    assert_eq!(lines[1]["events"], serde_json::json!([2]));
    assert_eq!(codes(&lines[1]["recipients"]), ["RUS"]);
}

#[test]
fn plover_format_codes_a_joint_act_with_all_as_actors() {
    // "Russia and NATO agreed": CAMEO's RUS→NATO and NATO→RUS are one joint act.
    let text = format::render(Format::Plover, &record_of(&[(1, 3, "030"), (3, 1, "030")]));
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(codes(&lines[0]["actors"]), ["RUS", "IGOWSTNAT"]);
    assert_eq!(codes(&lines[0]["recipients"]), Vec::<&str>::new());
    // One way only is not joint: the recipient stays.
    let text = format::render(Format::Plover, &record_of(&[(1, 3, "030"), (3, 0, "030")]));
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(codes(&line["actors"]), ["RUS", "IGOWSTNAT"]);
    assert_eq!(codes(&line["recipients"]), ["IGOWSTNAT", "USAGOV"]);
}

#[test]
fn goldstein_and_quad_class_lookups() {
    let tables = CameoTables::bundled();
    assert!(tables.len() >= 300);
    for (code, goldstein, quad) in
        [("010", 0.0, 1), ("036", 4.0, 1), ("0874", 10.0, 2), ("112", -2.0, 3), ("124", -4.0, 3), ("190", -10.0, 4)]
    {
        assert_eq!(tables.goldstein(code), Some(goldstein), "{code}");
        assert_eq!(tables::quad_class(code), Some(quad), "{code}");
    }
    assert_eq!(tables::quad_class("05"), Some(1));
    assert_eq!(tables::quad_class("06"), Some(2));
    assert_eq!(tables::quad_class("09"), Some(2));
    assert_eq!(tables::quad_class("14"), Some(3));
    assert_eq!(tables::quad_class("15"), Some(4));
    assert_eq!(tables::quad_class("20"), Some(4));
    assert_eq!(tables::quad_class("21"), None);
    assert_eq!(tables::quad_class("---"), None);
    assert_eq!(tables::root("0874"), Some("08"));
    assert_eq!(tables::base("0874"), Some("087"));
    assert_eq!(tables.goldstein("1249"), tables.goldstein("124"), "unknown code falls back to its parent");
}

#[test]
fn names_survive_the_cp1252_bytes() {
    let tables = CameoTables::bundled();
    assert_eq!(tables.name("124"), Some("Refuse to yield"));
    assert_eq!(tables.name("0874"), Some("Retreat or surrender militarily"));
    assert_eq!(tables.name("01"), Some("MAKE PUBLIC STATEMENT"));
}

#[test]
fn plover_mapping_with_prefix_fallback() {
    let tables = CameoTables::bundled();
    let plover =
        |code: &str| tables.plover(code).map(|p| (p.event_type.as_str(), p.mode.as_deref(), p.context.as_deref()));
    assert_eq!(plover("124"), Some(("REJECT", Some("change"), None)));
    assert_eq!(plover("0874"), Some(("RETREAT", Some("disarm"), Some("military"))));
    assert_eq!(plover("042"), Some(("CONSULT", Some("visit"), None)));
    assert_eq!(plover("1121"), Some(("ACCUSE", Some("allege"), Some("crime; corruption"))));
    assert_eq!(plover("163"), Some(("COERCE", Some("restrict"), Some("diplomatic"))));
    assert_eq!(plover("081"), Some(("CONCEDE", None, Some("legal"))));
    assert_eq!(plover("08"), Some(("CONCEDE", None, None)), "the first of the two 08 blocks");
    assert_eq!(plover("1057").map(|p| p.0), Some("REQUEST"), "1057 is not in the table: its parent 105 is");
    assert_eq!(plover("021").map(|p| p.0), Some("REQUEST"));
    assert_eq!(plover("010"), None);
}

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>().unwrap(), format);
    }
    assert!("csv".parse::<Format>().is_err());
}

#[test]
fn plover_format_codes_a_reciprocal_code_once() {
    // "The US hosted Russia": CAMEO's host (043, USA→RUS) and visit (042, RUS→USA) of one
    // trigger are one act, coded by the first event's code and direction.
    let text = format::render(Format::Plover, &record_of(&[(0, 1, "043"), (1, 0, "042")]));
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["cameo"], "043");
    assert_eq!(lines[0]["events"], serde_json::json!([0, 1]));
    assert_eq!(codes(&lines[0]["actors"]), ["USAGOV"]);
    assert_eq!(codes(&lines[0]["recipients"]), ["RUS"]);
    // Two codes in the same direction stay two acts.
    let text = format::render(Format::Plover, &record_of(&[(0, 1, "043"), (0, 1, "0874")]));
    assert_eq!(text.lines().count(), 2, "{text}");
}
