//! Parser: learning, model files, tree guarantees and the shipped model's accuracy.

use dyad_lang::conllu::{self, Sentence};
use dyad_lang::parser::{Arc, Decoding, Draft, Parser, TrainOptions};
use dyad_lang::{ModelError, Tag, Tagger};

const TREEBANK: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tvillage\tvillage\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
6\tMay\tMay\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tPolice\tpolice\tNOUN\tNNS\t_\t3\tnsubj:pass\t_\t_
2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tkilled\tkill\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tgunmen\tgunman\tNOUN\tNNS\t_\t3\tobl:agent\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tLeaders\tleader\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tand\tand\tCCONJ\tCC\t_\t4\tcc\t_\t_
4\tsigned\tsign\tVERB\tVBD\t_\t2\tconj\t_\t_
5\ta\ta\tDET\tDT\t_\t6\tdet\t_\t_
6\ttreaty\ttreaty\tNOUN\tNN\t_\t4\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn treebank() -> Vec<Sentence> {
    conllu::read(TREEBANK.as_bytes()).unwrap()
}

fn gold_tags(sentences: &[Sentence]) -> Vec<Vec<Tag>> {
    sentences.iter().map(|s| s.words.iter().map(Tag::of_word).collect()).collect()
}

fn small_options() -> TrainOptions {
    TrainOptions { epochs: 12, seed: 7, move_bits: 14, label_bits: 10, ..TrainOptions::default() }
}

/// The arc-eager moves shipped until 2026-12-07, still trainable with `dyad train --monotonic`.
fn monotonic_options() -> TrainOptions {
    TrainOptions { mending: false, ..small_options() }
}

fn train_small() -> Parser {
    let sentences = treebank();
    Parser::train(&sentences, &gold_tags(&sentences), &small_options(), &mut |_| {})
}

fn parse(parser: &Parser, words: &[&str], tags: &[Tag]) -> Vec<Arc> {
    let mut arcs = vec![Arc { head: 99, deprel: 99 }];
    parser.parse(words, tags, &mut arcs);
    arcs
}

/// One arc per word, heads in range, exactly one root labelled `root`, and no cycles.
fn assert_tree(parser: &Parser, arcs: &[Arc], n: usize) {
    assert_eq!(arcs.len(), n);
    let roots: Vec<usize> = (0..n).filter(|&i| arcs[i].head == 0).collect();
    if n == 0 {
        return;
    }
    assert_eq!(roots.len(), 1, "exactly one root");
    assert_eq!(parser.deprel_name(arcs[roots[0]].deprel), "root");
    for (i, arc) in arcs.iter().enumerate() {
        assert!(arc.head as usize <= n && arc.head as usize != i + 1);
        if arc.head != 0 {
            assert_ne!(parser.deprel_name(arc.deprel), "root");
        }
        let (mut at, mut steps) = (i + 1, 0);
        while at != 0 {
            at = arcs[at - 1].head as usize;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}

#[test]
fn learns_a_tiny_treebank() {
    let parser = train_small();
    for sentence in treebank() {
        let tags: Vec<Tag> = sentence.words.iter().map(Tag::of_word).collect();
        let arcs = parse(&parser, &sentence.forms(), &tags);
        for (word, arc) in sentence.words.iter().zip(&arcs) {
            assert_eq!(arc.head as usize, word.head, "head of {}", word.form);
            assert_eq!(parser.deprel_name(arc.deprel), word.deprel, "label of {}", word.form);
        }
    }
}

#[test]
fn a_mending_parser_learns_and_keeps_its_moves_in_the_file() {
    let sentences = treebank();
    let parser = Parser::train(&sentences, &gold_tags(&sentences), &small_options(), &mut |_| {});
    let score = parser.evaluate(&sentences, &gold_tags(&sentences));
    assert!(score.uas > 90.0 && score.las > 90.0, "UAS {:.1} LAS {:.1}", score.uas, score.las);
    let loaded = Parser::from_bytes(&parser.to_bytes()).unwrap();
    assert_eq!(loaded.to_bytes(), parser.to_bytes());
    let monotonic = Parser::train(&sentences, &gold_tags(&sentences), &monotonic_options(), &mut |_| {});
    assert_ne!(monotonic.to_bytes(), parser.to_bytes(), "the flag and the weights differ");
}

#[test]
fn a_parser_trained_on_nothing_still_gives_trees() {
    let parser = Parser::train(&[], &[], &small_options(), &mut |_| {});
    let arcs = parse(&parser, &["a", "b", "c"], &[Tag::default(); 3]);
    assert_tree(&parser, &arcs, 3);
    let reloaded = Parser::from_bytes(&parser.to_bytes()).unwrap();
    assert_eq!(parse(&reloaded, &["a", "b", "c"], &[Tag::default(); 3]), arcs);
}

#[test]
fn training_is_deterministic() {
    assert_eq!(train_small().to_bytes(), train_small().to_bytes());
}

#[test]
fn save_and_load_give_identical_parses() {
    let parser = train_small();
    let bytes = parser.to_bytes();
    let loaded = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.to_bytes(), bytes);
    let words = ["Troops", "attacked", "rebels", "in", "the", "north", "."];
    let tags: Vec<Tag> = ["NNS", "VBD", "NNS", "IN", "DT", "NN", "."]
        .iter()
        .zip(["NOUN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"])
        .map(|(x, u)| Tag { upos: dyad_lang::tags::upos_id(u).unwrap(), xpos: dyad_lang::tags::xpos_id(x) })
        .collect();
    assert_eq!(parse(&parser, &words, &tags), parse(&loaded, &words, &tags));
}

#[test]
fn summed_parsers_are_parsers() {
    let parser = train_small();
    // A parser summed with itself has the same weights, rescaled to the same range.
    let doubled = Parser::sum(&[train_small(), train_small()]).unwrap();
    assert_eq!(doubled.to_bytes(), parser.to_bytes());
    let other =
        Parser::train(&treebank(), &gold_tags(&treebank()), &TrainOptions { seed: 8, ..small_options() }, &mut |_| {});
    let sum = Parser::sum(&[parser, other]).unwrap();
    for sentence in treebank() {
        let arcs = parse(&sum, &sentence.forms(), &gold_tags(std::slice::from_ref(&sentence))[0]);
        assert_tree(&sum, &arcs, sentence.words.len());
    }
    let untrained = Parser::train(&[], &[], &small_options(), &mut |_| {});
    assert!(Parser::sum(&[train_small(), untrained]).is_none(), "different labels");
    assert!(Parser::sum(&[]).is_none());
}

#[test]
fn drafts_sum_before_quantising() {
    let sentences = treebank();
    let train =
        |seed| Draft::train(&sentences, &gold_tags(&sentences), &TrainOptions { seed, ..small_options() }, &mut |_| {});
    let (a, b) = (train(7), train(8));
    // The draft round-trips, and freezes to what `Parser::train` returns.
    let again = Draft::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(again.to_bytes(), a.to_bytes());
    assert_eq!(a.freeze().to_bytes(), train_small().to_bytes());
    // A draft summed with itself quantises to the same table.
    assert_eq!(Draft::sum(&[a.clone(), a.clone()]).unwrap().freeze().to_bytes(), a.freeze().to_bytes());
    let sum = Draft::sum(&[a.clone(), b]).unwrap().freeze();
    for sentence in treebank() {
        let arcs = parse(&sum, &sentence.forms(), &gold_tags(std::slice::from_ref(&sentence))[0]);
        assert_tree(&sum, &arcs, sentence.words.len());
    }
    let untrained = Draft::train(&[], &[], &small_options(), &mut |_| {});
    assert!(Draft::sum(&[a.clone(), untrained]).is_none(), "different labels");
    assert!(Draft::sum(&[]).is_none());
    let bytes = a.to_bytes();
    for cut in (12..bytes.len()).step_by(bytes.len() / 50) {
        assert!(Draft::from_bytes(&bytes[..cut]).is_err(), "truncated at {cut}");
    }
}

#[test]
fn bad_model_bytes_are_errors() {
    assert!(matches!(Parser::from_bytes(&[]), Err(ModelError::Missing { .. })));
    assert!(matches!(Parser::from_bytes(b"not a parser model at all"), Err(ModelError::Version { .. })));
    let bytes = train_small().to_bytes();
    for cut in (12..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        assert!(Parser::from_bytes(&bytes[..cut]).is_err(), "truncated at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Parser::from_bytes(&longer).is_err());
    // Flipped bytes must never panic; they may still load as some (odd) model.
    for i in (12..bytes.len()).step_by(13) {
        let mut bad = bytes.clone();
        bad[i] ^= 0xA5;
        if let Ok(parser) = Parser::from_bytes(&bad) {
            let arcs = parse(&parser, &["a", "b"], &[Tag::default(); 2]);
            assert_tree(&parser, &arcs, 2);
        }
    }
}

#[test]
fn every_sentence_gets_a_single_rooted_tree() {
    let sentences = treebank();
    let monotonic = Parser::train(&sentences, &gold_tags(&sentences), &monotonic_options(), &mut |_| {});
    for parser in [train_small(), train_small().with_decoding(Decoding::GREEDY), monotonic] {
        assert!(parse(&parser, &[], &[]).is_empty());
        let one = parse(&parser, &["Hello"], &[Tag::default()]);
        assert_tree(&parser, &one, 1);
        let odd = ["", " ", "\u{201C}", "1,000.5", "\u{1F600}", "ÄÖÜ", "\t", "--", "'s", "x".repeat(500).leak()];
        let arcs = parse(&parser, &odd, &[]);
        assert_tree(&parser, &arcs, odd.len());
        let words: Vec<&str> = (0..2000).map(|i| ["the", "army", "attacked", ",", "and", "."][i % 6]).collect();
        let tags: Vec<Tag> = (0..2000).map(|i| Tag { upos: (i % 17) as u8, xpos: (i % 51) as u8 }).collect();
        let arcs = parse(&parser, &words, &tags);
        assert_tree(&parser, &arcs, 2000);
        // Out-of-range tags and mismatched lengths are tolerated.
        let arcs = parse(&parser, &words[..5], &[Tag { upos: 250, xpos: 250 }; 3]);
        assert_tree(&parser, &arcs, 5);
    }
}

fn shipped_parser() -> Parser {
    let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
    Parser::from_bytes(&std::fs::read(format!("{models}/parser.bin")).unwrap()).unwrap()
}

fn shipped_tagger() -> Tagger {
    let models = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
    Tagger::from_bytes(&std::fs::read(format!("{models}/tagger.bin")).unwrap()).unwrap()
}

/// Sentences of our own, tagged by the shipped tagger.
fn tagged_sentences() -> Vec<(Vec<&'static str>, Vec<Tag>)> {
    let text = [
        "The army attacked the village near the border on Tuesday , officials said .",
        "Russia denied that it planned to invade Ukraine and accused NATO of stoking tensions .",
        "Leaders met in Geneva and signed a treaty that both sides had rejected a year ago .",
        "Police said the gunmen , who fled in a stolen car , were later arrested .",
        "\u{201C} We will not accept this , \u{201D} the minister told reporters after the talks .",
        "Sanctions , tariffs and threats",
    ];
    let tagger = shipped_tagger();
    text.iter()
        .map(|t| {
            let words: Vec<&'static str> = t.split(' ').collect();
            let mut tags = Vec::new();
            tagger.tag(&words, &mut tags);
            (words, tags)
        })
        .collect()
}

#[test]
fn a_beam_that_keeps_only_the_best_move_parses_as_greedy_does() {
    // Ties go to the lower move in both, so the search machinery (candidates, selection,
    // copies of configurations, labels) must reproduce the greedy parse exactly.
    let narrow = shipped_parser().with_decoding(Decoding { threshold: 0.0, ..Decoding::default() });
    let greedy = shipped_parser().with_decoding(Decoding::GREEDY);
    for (words, tags) in tagged_sentences() {
        assert_eq!(parse(&narrow, &words, &tags), parse(&greedy, &words, &tags), "{words:?}");
    }
}

#[test]
fn beam_parses_are_trees_and_do_not_depend_on_the_sentences_before() {
    let parser = shipped_parser();
    assert_eq!(parser.decoding(), Decoding::default());
    let sentences = tagged_sentences();
    let first: Vec<Vec<Arc>> = sentences.iter().map(|(w, t)| parse(&parser, w, t)).collect();
    for ((words, tags), arcs) in sentences.iter().zip(&first).rev() {
        assert_tree(&parser, arcs, words.len());
        assert_eq!(&parse(&parser, words, tags), arcs, "{words:?}");
        let fresh = std::thread::scope(|s| s.spawn(|| parse(&parser, words, tags)).join().unwrap());
        assert_eq!(&fresh, arcs, "{words:?}");
    }
}

/// The shipped tagger and parser scored on an EWT file with gold tokens: beam search and
/// greedy with predicted tags, beam search with gold tags; `None` if ../shared is not
/// beside the clone.
fn shipped_scores(file: &str) -> Option<[dyad_lang::parser::Score; 3]> {
    let path = format!("{}/../../../shared/data/ud-english-ewt/{file}", env!("CARGO_MANIFEST_DIR"));
    let Ok(sentences) = conllu::read_path(std::path::Path::new(&path)) else {
        eprintln!("note: {path} is absent; shipped-model accuracy not checked");
        return None;
    };
    let (parser, tagger) = (shipped_parser(), shipped_tagger());
    let mut tags = Vec::new();
    let predicted: Vec<Vec<Tag>> = sentences
        .iter()
        .map(|s| {
            tagger.tag(&s.forms(), &mut tags);
            tags.clone()
        })
        .collect();
    let beam = parser.evaluate(&sentences, &predicted);
    let gold = parser.evaluate(&sentences, &gold_tags(&sentences));
    let greedy = parser.with_decoding(Decoding::GREEDY).evaluate(&sentences, &predicted);
    eprintln!(
        "EWT {file}: predicted tags UAS {:.2} LAS {:.2} (greedy {:.2} / {:.2}), gold tags UAS {:.2} LAS {:.2}",
        beam.uas, beam.las, greedy.uas, greedy.las, gold.uas, gold.las
    );
    Some([beam, greedy, gold])
}

#[test]
fn shipped_model_keeps_its_accuracy_on_ewt_test() {
    // Issue #2 asks for UAS >= 86 and LAS >= 83 on EWT test (gold tokens, predicted tags).
    // With beam search the shipped parser measures 86.42 / 83.17, greedy 86.13 / 82.80
    // (2026-12-07).
    let Some([beam, greedy, _]) = shipped_scores("en_ewt-ud-test.conllu") else { return };
    assert!(beam.uas >= 86.0 && beam.las >= 83.0, "UAS {:.2} LAS {:.2}", beam.uas, beam.las);
    assert!(greedy.uas >= 86.0 && greedy.las >= 82.7, "greedy UAS {:.2} LAS {:.2}", greedy.uas, greedy.las);
}

#[test]
fn shipped_model_keeps_its_accuracy_on_ewt_dev() {
    // Just under what the shipped model measures on dev: 85.97 / 82.47 with beam search,
    // 85.71 / 82.24 greedy (predicted tags).
    let Some([beam, greedy, gold]) = shipped_scores("en_ewt-ud-dev.conllu") else { return };
    assert!(
        beam.uas >= 85.8 && beam.las >= 82.3,
        "UAS {:.2} LAS {:.2} (gold tags: UAS {:.2} LAS {:.2})",
        beam.uas,
        beam.las,
        gold.uas,
        gold.las
    );
    assert!(greedy.uas >= 85.5 && greedy.las >= 82.0, "greedy UAS {:.2} LAS {:.2}", greedy.uas, greedy.las);
}
