//! Scores the segmenter on GUM news (part a) and, for reference, on EWT dev.

use dyad_lang::conllu::read_path;
use dyad_lang::segment_eval::{score_naive_baseline, score_segmentation, sentence_errors, token_errors};
use std::path::PathBuf;

fn shared(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

#[test]
fn gum_news_sentence_f1_is_at_least_098() {
    let Some(path) = shared("data/gum-news/gum_news.part-a.conllu") else { return };
    let sentences = read_path(&path).expect("GUM news reads");
    let scores = score_segmentation(&sentences);
    let naive = score_naive_baseline(&sentences);
    println!("segmenter: {scores}");
    println!("naive:     {naive}");
    for error in sentence_errors(&sentences) {
        println!("{error}");
    }
    assert_eq!(scores.documents, 12);
    assert_eq!(scores.gold_sentences, 416);
    assert!(scores.sentence_f1 >= 0.98, "sentence F1 {:.4}", scores.sentence_f1);
    assert!(scores.sentence_f1 > naive.sentence_f1);
    assert!(scores.token_f1 > naive.token_f1);
}

#[test]
fn ewt_dev_scores_are_reported() {
    let Some(path) = shared("data/ud-english-ewt/en_ewt-ud-dev.conllu") else { return };
    let sentences = read_path(&path).expect("EWT dev reads");
    let scores = score_segmentation(&sentences);
    println!("EWT dev segmenter: {scores}");
    println!("EWT dev naive:     {}", score_naive_baseline(&sentences));
    assert!(scores.sentence_f1 > 0.7, "sentence F1 {:.4}", scores.sentence_f1);
}

#[test]
#[ignore]
fn ewt_dev_errors() {
    let Some(path) = shared("data/ud-english-ewt/en_ewt-ud-dev.conllu") else { return };
    let sentences = read_path(&path).expect("EWT dev reads");
    for error in sentence_errors(&sentences) {
        println!("{error}");
    }
}

#[test]
#[ignore]
fn token_errors_listed() {
    for file in ["data/gum-news/gum_news.part-a.conllu", "data/ud-english-ewt/en_ewt-ud-dev.conllu"] {
        let Some(path) = shared(file) else { return };
        for error in token_errors(&read_path(&path).expect("reads")) {
            println!("{file}: {error}");
        }
    }
}
