//! Quotations and their speakers, one mechanism per test, on sentences written for
//! the purpose, with the shipped models and production dictionaries.

use chrono::NaiveDate;
use dyad_code::quotes::{CueVerbs, ObjectRole};
use dyad_code::record::{DocRecord, QuoteRecord};
use dyad_code::Coder;
use dyad_lang::Models;
use dyad_text::Document;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

fn code(text: &str) -> DocRecord {
    let document = Document {
        id: "test".into(),
        date: NaiveDate::from_ymd_opt(2022, 1, 25),
        text: text.into(),
        ..Default::default()
    };
    coder().code(&document)
}

/// The quotation holding `words`.
fn quote_with<'r>(record: &'r DocRecord, words: &str) -> &'r QuoteRecord {
    record
        .quotes
        .iter()
        .find(|quote| quote.text.contains(words))
        .unwrap_or_else(|| panic!("no quotation holds {words:?}: {:#?}", record.quotes))
}

fn kind(quote: &QuoteRecord) -> String {
    serde_json::to_value(quote.kind).unwrap().as_str().unwrap().to_string()
}

fn speaker_name(quote: &QuoteRecord) -> Option<&str> {
    quote.speaker.as_ref().and_then(|speaker| speaker.name.as_deref())
}

fn speaker_text(quote: &QuoteRecord) -> Option<&str> {
    quote.speaker.as_ref().map(|speaker| speaker.text.as_str())
}

#[test]
fn a_direct_quotation_with_the_cue_after_it() {
    let record = code("“We will not back down on this,” Foreign Minister Sergei Lavrov said on Monday.");
    let quote = quote_with(&record, "We will not back down on this");
    assert_eq!(kind(quote), "direct");
    assert_eq!(quote.cue.as_deref(), Some("said"));
    assert_eq!(speaker_name(quote), Some("Sergei Lavrov"));
    assert_eq!(quote.speaker.as_ref().and_then(|s| s.code.as_deref()), Some("RUSGOV"));
    // The span is the words inside the marks.
    assert_eq!(&record.text[quote.start..quote.end], quote.text);
    assert!(!quote.text.contains('“'));
}

#[test]
fn a_direct_quotation_after_a_colon_in_straight_marks() {
    let record =
        code("Lavrov, the Russian foreign minister, said: \"The talks have failed and we must find another way.\"");
    let quote = quote_with(&record, "The talks have failed");
    assert_eq!(kind(quote), "direct");
    assert_eq!(quote.cue.as_deref(), Some("said"));
    assert_eq!(speaker_text(quote).map(|t| t.contains("Lavrov")), Some(true));
}

#[test]
fn a_quotation_continued_over_sentences_and_paragraphs() {
    let text = "Chancellor Olaf Scholz spoke in Berlin.\n\n“Europe must stand together. We have no other choice.\n\n“The coming months will be hard for everyone,” Scholz said.";
    let record = code(text);
    let direct: Vec<&QuoteRecord> = record.quotes.iter().filter(|q| kind(q) == "direct").collect();
    assert_eq!(direct.len(), 1, "{:#?}", record.quotes);
    let quote = direct[0];
    assert!(quote.text.starts_with("Europe must stand together.") && quote.text.contains("hard for everyone"));
    assert_eq!(speaker_name(quote), Some("Olaf Scholz"));
}

#[test]
fn scare_quotes_are_not_quotations() {
    let record = code("The so-called “open door” policy of the alliance remains in place.");
    assert!(record.quotes.is_empty(), "{:#?}", record.quotes);
}

#[test]
fn indirect_speech_with_that() {
    let record = code("Japanese Prime Minister Fumio Kishida stressed that Tokyo would double its defence budget.");
    let quote = quote_with(&record, "Tokyo would double its defence budget");
    assert_eq!(kind(quote), "indirect");
    assert_eq!(quote.cue.as_deref(), Some("stressed"));
    assert!(!quote.text.starts_with("that"), "the complementizer is left out: {:?}", quote.text);
    assert_eq!(speaker_name(quote), Some("Fumio Kishida"));
}

#[test]
fn indirect_speech_without_that_and_the_cue_after_it() {
    let record = code("The army will leave the border area by Friday, the Indian defence minister told reporters.");
    let quote = quote_with(&record, "The army will leave the border area by Friday");
    assert_eq!(kind(quote), "indirect");
    assert_eq!(quote.cue.as_deref(), Some("told"));
    assert!(speaker_text(quote).is_some_and(|text| text.contains("minister")), "{:?}", quote.speaker);
}

#[test]
fn an_inverted_cue_names_the_speaker_after_it() {
    let record = code("Sanctions will not change our course, declared Kremlin spokesman Dmitry Peskov.");
    let quote = quote_with(&record, "Sanctions will not change our course");
    assert_eq!(quote.cue.as_deref(), Some("declared"));
    assert_eq!(speaker_name(quote), Some("Dmitry Peskov"));
}

#[test]
fn according_to_before_and_after() {
    let record = code(
        "According to Turkish Foreign Minister Mevlut Cavusoglu, Ankara is ready to host new talks. \
         The ceasefire has been broken twice, according to the United Nations.",
    );
    let first = quote_with(&record, "Ankara is ready to host new talks");
    assert_eq!(first.cue.as_deref(), Some("According to"));
    assert_eq!(speaker_name(first), Some("Mevlut Cavusoglu"));
    let second = quote_with(&record, "The ceasefire has been broken twice");
    assert_eq!(second.cue.as_deref(), Some("according to"));
    assert!(speaker_text(second).is_some_and(|text| text.contains("United Nations")), "{:?}", second.speaker);
}

#[test]
fn a_pronoun_speaker_is_the_person_it_refers_to() {
    let record = code(
        "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart on Monday. \
         He said that Moscow would answer the proposals in writing.",
    );
    let quote = quote_with(&record, "Moscow would answer the proposals");
    assert_eq!(speaker_text(quote), Some("He"));
    assert_eq!(speaker_name(quote), Some("Sergei Lavrov"));
}

#[test]
fn a_speaker_no_dictionary_codes_keeps_the_name() {
    let record = code("Wheat farmer Tobias Wendt said the harvest had failed for the second year.");
    let quote = quote_with(&record, "the harvest had failed");
    assert_eq!(speaker_name(quote), Some("Tobias Wendt"));
}

#[test]
fn a_pull_quotation_is_attributed_to_the_name_line() {
    let text = "The talks went on for hours.\n\nWe are not going to accept an ultimatum from anyone. Dmitry Peskov Kremlin spokesman\n\nThe talks resume on Friday.";
    let record = code(text);
    let quote = quote_with(&record, "We are not going to accept an ultimatum");
    assert_eq!(kind(quote), "direct");
    assert_eq!(speaker_name(quote), Some("Dmitry Peskov"));
    assert!(!quote.text.contains("Peskov"), "the name line is not quoted: {:?}", quote.text);
}

#[test]
fn events_inside_a_quotation_carry_it_and_its_speaker() {
    let record = code("Foreign Minister Sergei Lavrov said that Russia would expel two French diplomats.");
    let quote_index = record.quotes.iter().position(|q| q.text.contains("expel")).expect("a quotation");
    let inside: Vec<_> = record.events.iter().filter(|event| event.quote == Some(quote_index)).collect();
    assert!(!inside.is_empty(), "no event in the quotation: {:#?}", record.events);
    for event in inside {
        assert_eq!(event.reporter_code.as_deref(), Some("RUSGOV"), "{event:#?}");
    }
}

#[test]
fn cue_lists_are_read_with_flags_and_checked() {
    let cues = CueVerbs::parse("test", "# comment\nsay\nstress object  # trailing\ntell addressee\n").expect("valid");
    assert_eq!(cues.len(), 3);
    assert_eq!(cues.get("Stress"), Some(ObjectRole::Content));
    assert_eq!(cues.get("tell"), Some(ObjectRole::Addressee));
    assert_eq!(cues.get("eat"), None);
    let error = CueVerbs::parse("bad.txt", "say\nwarn loudly\n").unwrap_err();
    assert_eq!((error.name.as_str(), error.line), ("bad.txt", 2));
    assert!(CueVerbs::bundled().len() > 40);
}

#[test]
fn the_example_article_quotations_have_their_speakers() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples");
    let (gold, article) =
        (shared.join("seed-2022-01-25-us-russia.gold.json"), shared.join("seed-2022-01-25-us-russia.txt"));
    if !gold.exists() || !article.exists() {
        eprintln!("skipped: {} is absent", gold.display());
        return;
    }
    let scores = dyad_code::eval::gold(&gold, &article, coder()).expect("example readable");
    for item in scores.quote_items.iter().filter(|item| !item.right_speaker) {
        eprintln!("wrong or missing: {item:?}");
    }
    assert!(scores.quotes_right_speaker() >= 13, "{} of {}", scores.quotes_right_speaker(), scores.quote_items.len());
}

#[test]
fn a_direct_quotation_with_an_inverted_cue_after_it() {
    let record = code("\"We will never give up this land,\" said Israeli Prime Minister Naftali Bennett.");
    let quote = quote_with(&record, "We will never give up this land");
    assert_eq!(quote.text, "We will never give up this land", "the comma is not quoted");
    assert_eq!(quote.cue.as_deref(), Some("said"));
    assert_eq!(speaker_name(quote), Some("Naftali Bennett"));
}

#[test]
fn an_inverted_cue_takes_the_speaker_after_it() {
    let record = code("“We will rebuild the bridge before winter,” said engineer Marta Kowalczyk.");
    let quote = quote_with(&record, "We will rebuild the bridge");
    assert_eq!(speaker_name(quote), Some("Marta Kowalczyk"));
}
