//! The event coder's mechanisms, each on sentences written for the purpose, with the
//! production dictionaries, the shipped models and the actor resolver. Skipped (with a
//! note) while no parser model is available.

use chrono::NaiveDate;
use dyad_code::{AnalysedArticle, Coder, Event, Modality};
use dyad_lang::Models;
use dyad_text::Document;
use std::sync::OnceLock;

/// The coder with the shipped models and production dictionaries, built once.
fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

/// Codes `text` as an article of 25 January 2022.
fn code(coder: &Coder, text: &str) -> Vec<Event> {
    let document = Document {
        id: "test".into(),
        date: NaiveDate::from_ymd_opt(2022, 1, 25),
        text: text.into(),
        ..Default::default()
    };
    let article = AnalysedArticle::analyse(&document, &coder.models);
    let mentions = coder.actors.mentions(&article, &coder.dictionaries);
    coder.events.events(&article, &mentions, &coder.dictionaries, &coder.models.parser)
}

fn country(participant: &Option<dyad_code::Participant>) -> Option<&str> {
    participant.as_ref().map(|p| p.country.as_deref().unwrap_or(&p.code[..3.min(p.code.len())]))
}

fn dyads(events: &[Event]) -> Vec<(Option<&str>, Option<&str>, &str)> {
    events.iter().map(|event| (country(&event.source), country(&event.target), event.cameo.as_str())).collect()
}

#[test]
fn one_event_per_pair_of_a_compound() {
    let coder = coder();
    let events = code(coder, "Russia and China criticized Japan and South Korea on Monday.");
    let mut pairs: Vec<_> = events.iter().map(|e| (country(&e.source), country(&e.target))).collect();
    pairs.sort();
    let expected = [
        (Some("CHN"), Some("JPN")),
        (Some("CHN"), Some("KOR")),
        (Some("RUS"), Some("JPN")),
        (Some("RUS"), Some("KOR")),
    ];
    assert_eq!(pairs, expected, "{:?}", dyads(&events));
    assert!(events.iter().all(|event| event.cameo.starts_with("11")), "{:?}", dyads(&events));
}

#[test]
fn passive_voice_takes_the_agent_as_source() {
    let coder = coder();
    let events = code(coder, "Georgia was attacked by Armenia on Sunday.");
    assert_eq!(dyads(&events).len(), 1, "{:?}", dyads(&events));
    let event = &events[0];
    assert_eq!((country(&event.source), country(&event.target)), (Some("ARM"), Some("GEO")));
    assert!(event.cameo.starts_with("19") || event.cameo.starts_with("18"), "{}", event.cameo);
}

#[test]
fn a_negated_concession_is_a_refusal() {
    let coder = coder();
    let events = code(coder, "Germany does not intend to give in to France on farm subsidies.");
    assert!(!events.is_empty(), "no event");
    for event in &events {
        assert!(!event.cameo.starts_with("08"), "a yield was coded: {:?}", dyads(&events));
    }
    let refusal = events.iter().find(|event| event.cameo.starts_with("12")).expect("a refusal");
    assert!(refusal.negated);
    assert_eq!((country(&refusal.source), country(&refusal.target)), (Some("DEU"), Some("FRA")));
}

#[test]
fn refusing_to_cooperate_is_a_rejection_not_cooperation() {
    let coder = coder();
    let events = code(coder, "Iran refused to cooperate with Iraq.");
    assert!(events.iter().all(|event| event.cameo.starts_with("12")), "{:?}", dyads(&events));
    assert!(!events.is_empty());
}

#[test]
fn an_announced_meeting_is_an_intent() {
    let coder = coder();
    let events = code(coder, "Japan plans to meet China next month.");
    let event = events.first().expect("an event");
    assert_eq!(event.modality, Modality::Intended, "{:?}", dyads(&events));
    assert!(event.cameo.starts_with("03"), "{}", event.cameo);
    assert_eq!((country(&event.source), country(&event.target)), (Some("JPN"), Some("CHN")));
}

#[test]
fn what_could_happen_is_not_asserted() {
    let coder = coder();
    let events = code(coder, "Turkey could attack Syria.");
    assert!(!events.is_empty(), "no event");
    assert!(events.iter().all(|event| event.modality == Modality::Hypothetical), "{events:?}");
}

#[test]
fn reported_speech_codes_the_report_with_its_reporter() {
    let coder = coder();
    let events = code(coder, "Egypt said that Israel attacked Lebanon.");
    assert_eq!(dyads(&events).len(), 1, "{:?}", dyads(&events));
    let event = &events[0];
    assert_eq!((country(&event.source), country(&event.target)), (Some("ISR"), Some("LBN")));
    assert!(event.reporter.is_some(), "no reporter");
}

#[test]
fn a_bare_statement_is_coded_only_when_nothing_better() {
    let coder = coder();
    let events = code(coder, "Egypt said the border remained calm.");
    assert_eq!(dyads(&events), [(Some("EGY"), None, "010")]);
}

#[test]
fn discarded_sentences_and_stories_give_no_events() {
    let coder = coder();
    let sentence = code(coder, "Years ago, Russia attacked Georgia. Russia attacked Ukraine.");
    assert!(!sentence.is_empty());
    assert!(sentence.iter().all(|event| event.sentence == 1), "{:?}", dyads(&sentence));
    let story = code(coder, "Russia attacked Ukraine. Fans of Manchester United celebrated.");
    assert!(story.is_empty(), "{:?}", dyads(&story));
}

#[test]
fn an_event_reported_twice_is_one_record() {
    let coder = coder();
    let events = code(coder, "Chile accused Peru of spying. On Tuesday, Chile accused Peru of spying.");
    assert_eq!(events.len(), 1, "{:?}", dyads(&events));
    assert_eq!(events[0].mentions, 2);
}

#[test]
fn every_event_names_its_rule() {
    let coder = coder();
    let events = code(coder, "Russia and China criticized Japan. Georgia was attacked by Armenia.");
    assert!(!events.is_empty());
    for event in &events {
        let (place, _) = event.rule.split_once(' ').expect("file:line and pattern");
        let line = place.rsplit(':').next().unwrap();
        assert!(place.contains("CAMEO.2.0.txt:") && line.parse::<u32>().is_ok(), "{}", event.rule);
    }
}

#[test]
fn threatening_to_act_is_a_threat() {
    let coder = coder();
    let events = code(coder, "Peru threatened to impose sanctions on Chile.");
    assert!(!events.is_empty(), "no event");
    assert!(events.iter().all(|event| event.cameo.starts_with("13")), "{:?}", dyads(&events));
}

#[test]
fn what_must_be_done_is_demanded() {
    let coder = coder();
    let events = code(coder, "Egypt said that Israel must withdraw its troops.");
    let demand = events.iter().find(|event| event.cameo.starts_with("10")).expect("a demand");
    assert_eq!((country(&demand.source), country(&demand.target)), (Some("EGY"), Some("ISR")), "{:?}", dyads(&events));
    assert!(events.iter().all(|event| !event.cameo.starts_with("08")), "{:?}", dyads(&events));
}

#[test]
fn a_pronoun_in_a_reported_clause_is_the_speaker() {
    let coder = coder();
    let events = code(coder, "Hungary said it will support Croatia.");
    let event = events.iter().find(|event| event.cameo.starts_with("03")).expect("an intent");
    assert_eq!((country(&event.source), country(&event.target)), (Some("HUN"), Some("HRV")), "{:?}", dyads(&events));
    assert_eq!(event.modality, Modality::Intended);
}

#[test]
fn the_passive_subject_of_a_raising_verb_acts_in_its_complement() {
    let coder = coder();
    let events = code(coder, "Armenia was seen to attack Georgia.");
    let event = events.iter().find(|event| event.cameo.starts_with("19") || event.cameo.starts_with("18"));
    let event = event.expect("an attack");
    assert_eq!((country(&event.source), country(&event.target)), (Some("ARM"), Some("GEO")), "{:?}", dyads(&events));
}
