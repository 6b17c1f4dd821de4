//! The three evaluations against ../shared, with floors a little under the figures
//! measured, so that they guard against regressions. Skipped (with a note) where the
//! data is missing.

use dyad_code::{eval, Coder};
use dyad_lang::Models;
use std::path::{Path, PathBuf};

/// `../shared` beside the clone, where CI puts the reference data.
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn setup(data: &[&str]) -> Option<Coder> {
    if let Some(missing) = data.iter().map(|path| Path::new(SHARED).join(path)).find(|path| !path.exists()) {
        eprintln!("skipped: {} is absent", missing.display());
        return None;
    }
    Some(Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

fn shared(path: &str) -> PathBuf {
    Path::new(SHARED).join(path)
}

fn verbose() -> bool {
    std::env::var_os("EVAL_VERBOSE").is_some()
}

#[test]
fn petrarch_unit_suite() {
    let records = "data/petrarch2/text/PETR.UnitTest.records.xml";
    let Some(coder) = setup(&[records]) else { return };
    let scores = eval::petr(&shared(records), &coder).expect("suite readable");
    if verbose() {
        for record in scores.details.iter().filter(|record| !record.correct) {
            eprintln!(
                "{} [{}] {}\n   gold  {:?}\n   coded {:?}",
                record.id, record.category, record.text, record.gold, record.coded
            );
        }
    }
    eprintln!("petr: {}/{} exact ({:.1}%)", scores.exact, scores.records, 100.0 * scores.exact_rate());
    assert_eq!(scores.records, 278);
    assert!(scores.exact_rate() >= 0.58, "petr exact {:.3}", scores.exact_rate());
}

#[test]
fn plover_gold_records() {
    let gsr = "data/plover/gsr-dev.json";
    let Some(coder) = setup(&[gsr]) else { return };
    let scores = eval::plover(&shared(gsr), &coder).expect("records readable");
    if verbose() {
        for record in scores.details.iter().filter(|record| !record.triple_found) {
            eprintln!(
                "{} {} src {:?} tgt {:?} {}\n   coded {:?}",
                record.id, record.event, record.sources, record.targets, record.text, record.coded
            );
        }
    }
    eprintln!(
        "plover: {} records, type {:.3}, source {:.3}, triple {:.3}, {:.2} events/record, {:.2} PLOVER events/record",
        scores.records,
        scores.type_recall(),
        scores.source_recall(),
        scores.triple_recall(),
        scores.events_per_record(),
        scores.plover_events_per_record()
    );
    assert!(scores.type_recall() >= 0.70, "type recall {:.3}", scores.type_recall());
    assert!(scores.source_recall() >= 0.74, "source recall {:.3}", scores.source_recall());
    assert!(scores.triple_recall() >= 0.49, "triple recall {:.3}", scores.triple_recall());
}

#[test]
fn example_gold() {
    let gold = "examples/seed-2022-01-25-us-russia.gold.json";
    let article = "examples/seed-2022-01-25-us-russia.txt";
    let Some(coder) = setup(&[gold, article]) else { return };
    let scores = eval::gold(&shared(gold), &shared(article), &coder).expect("example readable");
    if verbose() {
        for item in &scores.expected_items {
            eprintln!("expected {} {:?}: {}", item.matched, item.sentence, item.sentence_start);
        }
        for item in &scores.must_not_items {
            eprintln!("must_not {} {:?}: {}", item.matched, item.sentence, item.sentence_start);
        }
        for event in &scores.coded {
            eprintln!("coded {event:?}");
        }
    }
    eprintln!(
        "gold: {}/{} expected found, {}/{} must-not produced, {} events",
        scores.found, scores.expected, scores.produced, scores.must_not, scores.events
    );
    assert_eq!(scores.produced, 0, "must-not events produced");
    assert!(scores.found >= 8, "expected events found: {}", scores.found);
}
