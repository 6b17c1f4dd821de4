use dyad_dict::{DiscardDictionary, DiscardScope, Source, Warning};

fn read(text: &str) -> (DiscardDictionary, Vec<Warning>) {
    let mut warnings = Vec::new();
    let dictionary = DiscardDictionary::read(&[Source { name: "test.discards", text }], &mut warnings);
    (dictionary, warnings)
}

fn discard(dictionary: &DiscardDictionary, text: &str, start: usize) -> Option<(usize, DiscardScope, u32)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    dictionary.lookup_at(&tokens, start).map(|hit| (hit.len, hit.scope, hit.rule.line))
}

const SAMPLE: &str = "\
# Story-level discards are indicated with a '+'.
MONTHS LATER
+World Golf Championships   # pas 26-Feb-2014
AFRICAN NATIONS CUP   # ab 13 Jun 2005 ;AB 13 JUN 2005
BASEBALL
WORLD_CUP_
+TYPHOON   # ELH 04 Aug 2009
1914
";

#[test]
fn sentence_and_story_discards() {
    let (dictionary, warnings) = read(SAMPLE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(dictionary.discards().len(), 7);
    assert_eq!(discard(&dictionary, "two months later", 1), Some((2, DiscardScope::Sentence, 2)));
    assert_eq!(discard(&dictionary, "the World Golf Championships", 1), Some((3, DiscardScope::Story, 3)));
    assert_eq!(discard(&dictionary, "typhoon Haiyan", 0), Some((1, DiscardScope::Story, 7)));
    assert_eq!(discard(&dictionary, "in 1914 ,", 1), Some((1, DiscardScope::Sentence, 8)));
    assert_eq!(discard(&dictionary, "African Nations", 0), None);
}

#[test]
fn phrases_without_final_underscore_are_stems() {
    let (dictionary, _) = read(SAMPLE);
    assert_eq!(discard(&dictionary, "baseball", 0), Some((1, DiscardScope::Sentence, 5)));
    assert_eq!(discard(&dictionary, "Baseballs", 0), Some((1, DiscardScope::Sentence, 5)));
    assert_eq!(discard(&dictionary, "typhoons", 0), Some((1, DiscardScope::Story, 7)));
    assert_eq!(discard(&dictionary, "African Nations Cups", 0), Some((3, DiscardScope::Sentence, 4)));
    assert_eq!(discard(&dictionary, "World Cup", 0), Some((2, DiscardScope::Sentence, 6)));
    assert_eq!(discard(&dictionary, "World Cups", 0), None, "WORLD_CUP_ must end there");
    assert_eq!(discard(&dictionary, "base", 0), None);
}

#[test]
fn malformed_discard_lines_are_warnings() {
    let (_, warnings) = read("GOOD\nBAD [123]\n+\n");
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, [2, 3], "{warnings:#?}");
}
