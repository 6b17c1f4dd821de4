use std::sync::OnceLock;
use std::time::Instant;

use chrono::NaiveDate;
use dyad_dict::{production, AgentPlacement, Dictionaries, DiscardScope, IssueKind};

fn dictionaries() -> &'static Dictionaries {
    static LOADED: OnceLock<Dictionaries> = OnceLock::new();
    LOADED.get_or_init(production)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn actor(text: &str, on: NaiveDate) -> Option<(usize, &'static str)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    dictionaries().actors.lookup_at(&tokens, 0, on).map(|hit| (hit.len, hit.code))
}

#[test]
fn production_set_loads_with_few_warnings() {
    let dictionaries = dictionaries();
    for warning in &dictionaries.warnings {
        println!("{warning}");
    }
    // Every one of these is a genuinely malformed line in the upstream files
    // (impossible dates, unbalanced brackets, undefined synsets).
    assert!(dictionaries.warnings.len() <= 30, "{} warnings", dictionaries.warnings.len());
    assert!(dictionaries.verbs.pattern_count() > 4500);
    assert!(dictionaries.verbs.blocks().len() > 390);
    assert_eq!(dictionaries.verbs.transformations().len(), 8);
    assert!(dictionaries.actors.phrase_count() > 35_000);
    assert!(dictionaries.agents.phrase_count() > 5_000);
    assert!(dictionaries.discards.discards().len() > 500);
    assert!(dictionaries.issues.issues().len() > 3_000);
}

#[test]
fn dictionaries_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Dictionaries>();
}

#[test]
fn countries_and_organisations() {
    let today = date(2022, 1, 25);
    assert_eq!(actor("United States", today), Some((2, "USA")));
    assert_eq!(actor("U.S.", today), Some((1, "USA")));
    assert_eq!(actor("United States of America", today), Some((4, "USA")));
    assert_eq!(actor("Russia", today), Some((1, "RUS")));
    assert_eq!(actor("Russian Federation", today), Some((2, "RUS")));
    assert_eq!(actor("Moscow", today), Some((1, "RUS")));
    assert_eq!(actor("NATO", today), Some((1, "IGOWSTNAT")));
    assert_eq!(actor("Soviet Union", today), Some((2, "SUN")));
}

#[test]
fn hyphenated_tokens_match_word_by_word() {
    let today = date(2022, 1, 25);
    let tokens = ["Russian", "-", "Ukrainian", "talks"];
    let actors = &dictionaries().actors;
    assert_eq!(actors.lookup_at(&tokens, 0, today).map(|hit| hit.code), Some("RUS"));
    assert_eq!(actors.lookup_at(&tokens, 2, today).map(|hit| hit.code), Some("UKR"));
}

#[test]
fn date_restricted_people() {
    // BARACK_OBAMA: [USAELI 780101-000101] [USAGOV >090120].
    assert_eq!(actor("Barack Obama", date(2009, 1, 19)), None);
    assert_eq!(actor("Barack Obama", date(2009, 1, 20)), Some((2, "USAGOV")));
    assert_eq!(actor("President Barack Obama", date(2012, 5, 1)), Some((3, "USAGOV")));
    assert_eq!(actor("Barack Obama", date(1990, 5, 1)), Some((2, "USAELI")));
    let hit = dictionaries().actors.lookup_at(&["Obama"], 0, date(2012, 5, 1)).unwrap();
    assert_eq!(hit.rule.file.as_ref(), "dictionaries/Phoenix.Countries.actors.txt");
    assert!(hit.rule.line > 50_000);
}

#[test]
fn agents_discards_and_issues() {
    let dictionaries = dictionaries();
    let tokens = ["Ministry", "of", "Foreign", "Affairs"];
    let agent = dictionaries.agents.lookup_at(&tokens, 0).unwrap();
    assert_eq!((agent.len, agent.code, agent.placement), (4, "GOV", AgentPlacement::AfterActor));
    let agent = dictionaries.agents.lookup_at(&["foreign", "ministers"], 0).unwrap();
    assert_eq!((agent.len, agent.code), (2, "GOV"));

    let discard = dictionaries.discards.lookup_at(&["Manchester", "United"], 0).unwrap();
    assert_eq!((discard.len, discard.scope), (2, DiscardScope::Story));

    let issue = dictionaries.issues.lookup_at(&["war", "crimes"], 0).unwrap();
    assert_eq!(issue.len, 2);
    assert!(matches!(&issue.issue.kind, IssueKind::Code(code) if code == "ID_ATROCITY"));
}

#[test]
fn verb_patterns_by_lemma() {
    let verbs = &dictionaries().verbs;
    let ask: Vec<_> = verbs.lookup("ask").collect();
    assert!(ask.iter().any(|hit| hit.verb.lemma.words == ["ASK"] && hit.code().unwrap().to_string() == "020"));
    assert!(ask.iter().any(|hit| hit.verb.lemma.words == ["ASK", "FOR"]));
    let patterns = ask[0].patterns();
    assert!(patterns.iter().any(|pattern| pattern.text == "* EXTRADITION" && pattern.code.to_string() == "0213"));
    assert!(patterns.iter().all(|pattern| pattern.rule.file.as_ref() == "dictionaries/CAMEO.2.0.txt"));
    assert!(verbs.lookup_form("said").any(|hit| hit.verb.lemma.words == ["SAY"]));
    assert!(verbs.synset("&CURRENCY").unwrap().phrases.iter().any(|phrase| phrase == &["DOLLARS"]));
}

/// Release-build budget: `cargo test --release -p dyad-dict --test production -- --ignored --nocapture`.
#[test]
#[ignore]
fn production_set_loads_fast() {
    let started = Instant::now();
    let loaded = production();
    let elapsed = started.elapsed();
    println!("loaded production dictionaries in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    assert!(loaded.actors.phrase_count() > 0);
    assert!(elapsed.as_millis() < 300, "{elapsed:?}");
}
