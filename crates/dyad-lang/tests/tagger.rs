//! Tagger and lemmatizer: learning, model files, robustness, and the shipped models'
//! accuracy on UD English EWT dev (skipped when the reference data is absent).

use dyad_lang::conllu::{self, Sentence, Word};
use dyad_lang::tagger::{TrainOptions, Tagger};
use dyad_lang::{Lemmatizer, ModelError, Tag};
use std::path::Path;

const EWT_DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu");
const SHIPPED_TAGGER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/tagger.bin");
const SHIPPED_LEMMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/lemmas.bin");

/// One sentence from `form/lemma/UPOS/XPOS` items.
fn sentence(text: &str) -> Sentence {
    let words = text
        .split_whitespace()
        .map(|item| {
            let parts: Vec<&str> = item.split('/').collect();
            Word { form: parts[0].into(), lemma: parts[1].into(), upos: parts[2].into(), xpos: parts[3].into(), ..Word::default() }
        })
        .collect();
    Sentence { words, ..Sentence::default() }
}

fn tiny_treebank() -> Vec<Sentence> {
    [
        "The/the/DET/DT army/army/NOUN/NN attacked/attack/VERB/VBD the/the/DET/DT rebels/rebel/NOUN/NNS ./././.",
        "Rebels/rebel/NOUN/NNS attack/attack/VERB/VBP a/a/DET/DT village/village/NOUN/NN ./././.",
        "Police/police/NOUN/NNS arrested/arrest/VERB/VBD protesters/protester/NOUN/NNS in/in/ADP/IN Cairo/Cairo/PROPN/NNP ./././.",
        "The/the/DET/DT minister/minister/NOUN/NN visited/visit/VERB/VBD Paris/Paris/PROPN/NNP on/on/ADP/IN Monday/Monday/PROPN/NNP ./././.",
        "Troops/troop/NOUN/NNS were/be/AUX/VBD sent/send/VERB/VBN to/to/ADP/IN the/the/DET/DT border/border/NOUN/NN ./././.",
        "He/he/PRON/PRP did/do/AUX/VBD n't/not/PART/RB say/say/VERB/VB it/it/PRON/PRP ./././.",
    ]
    .iter()
    .map(|s| sentence(s))
    .collect()
}

fn small_options() -> TrainOptions {
    TrainOptions { epochs: 10, seed: 7, table_bits: 12, ..TrainOptions::default() }
}

fn train_tiny() -> Tagger {
    Tagger::train(&tiny_treebank(), &small_options(), &mut |_| {})
}

fn gold_tags(sentence: &Sentence) -> Vec<Tag> {
    sentence.words.iter().map(Tag::of_word).collect()
}

#[test]
fn learns_a_tiny_treebank() {
    let tagger = train_tiny();
    let mut tags = Vec::new();
    for sentence in tiny_treebank() {
        tagger.tag(&sentence.forms(), &mut tags);
        assert_eq!(tags, gold_tags(&sentence), "{:?}", sentence.forms());
    }
}

#[test]
fn training_is_deterministic() {
    let mut lines = Vec::new();
    let a = Tagger::train(&tiny_treebank(), &small_options(), &mut |line| lines.push(line.to_string()));
    let b = train_tiny();
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert!(lines.iter().any(|l| l.contains("epoch 10")), "{lines:?}");
}

#[test]
fn save_and_load_tag_alike() {
    let tagger = train_tiny();
    let loaded = Tagger::from_bytes(&tagger.to_bytes()).unwrap();
    assert_eq!(loaded.to_bytes(), tagger.to_bytes());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for words in [&["Rebels", "visited", "the", "border", "."][..], &["Unknown", "zorbs", "glimped", "3.5", "km"]] {
        tagger.tag(words, &mut a);
        loaded.tag(words, &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), words.len());
    }
}

#[test]
fn bad_tagger_bytes_are_errors() {
    assert!(matches!(Tagger::from_bytes(&[]), Err(ModelError::Missing { .. })));
    assert!(matches!(Tagger::from_bytes(b"not a model at all"), Err(ModelError::Version { .. })));
    assert!(matches!(Lemmatizer::from_bytes(b"DYADTAG\0\x01\0\0\0"), Err(ModelError::Version { .. })));
    let bytes = train_tiny().to_bytes();
    let mut wrong_version = bytes.clone();
    wrong_version[8] = 99;
    assert!(matches!(Tagger::from_bytes(&wrong_version), Err(ModelError::Version { .. })));
    for len in 1..bytes.len() {
        assert!(Tagger::from_bytes(&bytes[..len]).is_err(), "truncated at {len} accepted");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Tagger::from_bytes(&longer).is_err());
    // Flipped bytes may still decode (weights are just numbers) but must never panic.
    for at in (12..bytes.len()).step_by(7) {
        let mut garbled = bytes.clone();
        garbled[at] ^= 0xA5;
        if let Ok(tagger) = Tagger::from_bytes(&garbled) {
            tagger.tag(&["The", "army", "."], &mut Vec::new());
        }
    }
}

#[test]
fn odd_input_does_not_panic() {
    let tagger = train_tiny();
    let mut tags = vec![Tag::default(); 3];
    tagger.tag(&[], &mut tags);
    assert!(tags.is_empty());
    let long = "x".repeat(10_000);
    let long_multibyte = "é€😀".repeat(3_000);
    let words = ["", "😀", "\u{0}\u{7}\t\r\n", &long, &long_multibyte, "’s", "“", "–", "1,000.5", "U.S.", "\u{200B}", "İ"];
    tagger.tag(&words, &mut tags);
    assert_eq!(tags.len(), words.len());
    let lemmatizer = Lemmatizer::train(&tiny_treebank());
    for (word, tag) in words.iter().zip(&tags) {
        let _ = lemmatizer.lemma(word, *tag);
    }
}

#[test]
fn lemmatizer_learns_forms_and_suffix_rules() {
    let lemmatizer = Lemmatizer::train(&tiny_treebank());
    let nns = Tag { upos: 7, xpos: dyad_lang::tags::xpos_id("NNS") };
    let vbd = Tag { upos: 15, xpos: dyad_lang::tags::xpos_id("VBD") };
    let nnp = Tag { upos: 11, xpos: dyad_lang::tags::xpos_id("NNP") };
    let rb = Tag { upos: 9, xpos: dyad_lang::tags::xpos_id("RB") };
    assert_eq!(lemmatizer.lemma("Troops", nns), "troop");
    assert_eq!(lemmatizer.lemma("rebels", nns), "rebel");
    // Seen only as `-ed` → `` rules on two verbs: applies to a new one.
    assert_eq!(lemmatizer.lemma("bombed", vbd), "bomb");
    assert_eq!(lemmatizer.lemma("Baghdad", nnp), "Baghdad");
    assert_eq!(lemmatizer.lemma("n’t", rb), "not");
    let loaded = Lemmatizer::from_bytes(&lemmatizer.to_bytes()).unwrap();
    assert_eq!(loaded, lemmatizer);
    assert_eq!(loaded.to_bytes(), lemmatizer.to_bytes());
}

#[test]
fn bad_lemmatizer_bytes_are_errors() {
    assert!(matches!(Lemmatizer::from_bytes(&[]), Err(ModelError::Missing { .. })));
    let bytes = Lemmatizer::train(&tiny_treebank()).to_bytes();
    for len in 1..bytes.len() {
        assert!(Lemmatizer::from_bytes(&bytes[..len]).is_err(), "truncated at {len} accepted");
    }
    for at in 12..bytes.len() {
        let mut garbled = bytes.clone();
        garbled[at] = garbled[at].wrapping_add(0x41);
        if let Ok(lemmatizer) = Lemmatizer::from_bytes(&garbled) {
            let _ = lemmatizer.lemma("attacked", Tag::default());
        }
    }
}

fn ewt_dev() -> Option<Vec<Sentence>> {
    if !Path::new(EWT_DEV).exists() {
        eprintln!("skipped: {EWT_DEV} is absent (the reference data lives outside the repository)");
        return None;
    }
    Some(conllu::read_path(Path::new(EWT_DEV)).expect("EWT dev"))
}

fn shipped_tagger() -> Tagger {
    let bytes = std::fs::read(SHIPPED_TAGGER).expect("models/tagger.bin");
    Tagger::from_bytes(&bytes).expect("shipped tagger")
}

#[test]
fn shipped_tagger_meets_the_accuracy_floor_on_ewt_dev() {
    let Some(dev) = ewt_dev() else { return };
    let accuracy = shipped_tagger().evaluate(&dev);
    eprintln!("EWT dev: UPOS {:.2}%, XPOS {:.2}%", accuracy.upos_percent(), accuracy.xpos_percent());
    assert!(accuracy.upos_percent() >= 95.0, "UPOS {:.2}%", accuracy.upos_percent());
    assert!(accuracy.xpos_percent() >= 94.0, "XPOS {:.2}%", accuracy.xpos_percent());
}

#[test]
fn shipped_lemmatizer_meets_the_accuracy_floor_on_ewt_dev() {
    let Some(dev) = ewt_dev() else { return };
    let bytes = std::fs::read(SHIPPED_LEMMAS).expect("models/lemmas.bin");
    let lemmatizer = Lemmatizer::from_bytes(&bytes).expect("shipped lemmatizer");
    let words: Vec<&Word> = dev.iter().flat_map(|s| &s.words).collect();
    let right = words.iter().filter(|w| lemmatizer.lemma(&w.form, Tag::of_word(w)) == w.lemma).count();
    let percent = 100.0 * right as f64 / words.len() as f64;
    eprintln!("EWT dev lemmas with gold tags: {percent:.2}%");
    assert!(percent >= 96.0, "lemma accuracy {percent:.2}%");
}

#[test]
fn shipped_models_read_news_typography_like_ascii() {
    let tagger = shipped_tagger();
    let bytes = std::fs::read(SHIPPED_LEMMAS).expect("models/lemmas.bin");
    let lemmatizer = Lemmatizer::from_bytes(&bytes).unwrap();
    let curly = ["The", "ministry", "’s", "spokesman", "said", "troops", "had", "n’t", "stopped", "firing", "“", "yet", "”", "."];
    let ascii = ["The", "ministry", "'s", "spokesman", "said", "troops", "had", "n't", "stopped", "firing", "\"", "yet", "\"", "."];
    let (mut tags, mut ascii_tags) = (Vec::new(), Vec::new());
    tagger.tag(&curly, &mut tags);
    tagger.tag(&ascii, &mut ascii_tags);
    // Dashes are left out: a spaced en dash is punctuation where ASCII `-` is mostly HYPH,
    // and the cased-form feature rightly keeps them apart.
    assert_eq!(tags, ascii_tags);
    let upos: Vec<&str> = tags.iter().map(|t| t.upos_name()).collect();
    assert_eq!(&upos[2..9], ["PART", "NOUN", "VERB", "NOUN", "AUX", "PART", "VERB"]);
    let lemmas: Vec<String> = curly.iter().zip(&tags).map(|(w, t)| lemmatizer.lemma(w, *t).into_owned()).collect();
    // EWT lemmatises `troops` as `troops`; `ministry` may be tagged a name, and names
    // take the treebank's casing.
    assert_eq!(lemmas[1].to_lowercase(), "ministry");
    assert_eq!(&lemmas[2..9], ["'s", "spokesman", "say", "troops", "have", "not", "stop"]);
}
