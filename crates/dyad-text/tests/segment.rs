//! Segmentation: EWT tokens, sentence ends, paragraphs, and the invariants every output keeps.

use dyad_text::segment::{segment, segment_into, Segmentation};

fn tokens(text: &str) -> Vec<&str> {
    segment(text).tokens.iter().map(|t| t.of(text)).collect()
}

fn sentences(text: &str) -> Vec<&str> {
    segment(text).sentences.iter().map(|s| s.span.of(text)).collect()
}

fn assert_tokens(text: &str, expected: &[&str]) {
    assert_eq!(tokens(text), expected, "tokens of {text:?}");
}

#[test]
fn punctuation_is_split_off() {
    assert_tokens("Hello, world!", &["Hello", ",", "world", "!"]);
    assert_tokens("(Reuters) said: yes; no.", &["(", "Reuters", ")", "said", ":", "yes", ";", "no", "."]);
}

#[test]
fn clitics_are_split() {
    assert_tokens("don't", &["do", "n't"]);
    assert_tokens("NATO's", &["NATO", "'s"]);
    assert_tokens("we're", &["we", "'re"]);
    assert_tokens("we'll they've I'd I'm", &["we", "'ll", "they", "'ve", "I", "'d", "I", "'m"]);
    assert_tokens("Russia’s", &["Russia", "’s"]);
    assert_tokens("can't", &["ca", "n't"]);
    assert_tokens("won’t", &["wo", "n’t"]);
    assert_tokens("cannot", &["can", "not"]);
    assert_tokens("gonna", &["gon", "na"]);
    assert_tokens("O'Brien's", &["O'Brien", "'s"]);
    assert_tokens("parents' homes", &["parents", "'", "homes"]);
}

#[test]
fn hyphens_are_tokens_except_after_prefixes() {
    assert_tokens("Russian-Ukrainian", &["Russian", "-", "Ukrainian"]);
    assert_tokens("14-year-old", &["14", "-", "year", "-", "old"]);
    assert_tokens("de-escalation e-mail non-profit", &["de-escalation", "e-mail", "non-profit"]);
    assert_tokens("1969-1970", &["1969", "-", "1970"]);
}

#[test]
fn abbreviations_and_initials_keep_their_period() {
    assert_tokens("U.S. U.N. Gen. Jan. Mr. Dr. Inc. e.g.", &["U.S.", "U.N.", "Gen.", "Jan.", "Mr.", "Dr.", "Inc.", "e.g."]);
    assert_tokens("J.R.R. Tolkien", &["J.R.R.", "Tolkien"]);
    assert_tokens("L. Ron Hubbard", &["L.", "Ron", "Hubbard"]);
    assert_tokens("U.S.-led", &["U.S.", "-", "led"]);
    assert_tokens("No. 5", &["No.", "5"]);
    assert_tokens("said no.", &["said", "no", "."]);
}

#[test]
fn numbers_stay_whole() {
    assert_tokens("8.5 thousand", &["8.5", "thousand"]);
    assert_tokens("1,200 people", &["1,200", "people"]);
    assert_tokens("3.5%", &["3.5", "%"]);
    assert_tokens("$10", &["$", "10"]);
    assert_tokens("2022-01-25 at 10:30", &["2022-01-25", "at", "10:30"]);
    assert_tokens("in 2017.", &["in", "2017", "."]);
    assert_tokens("call 345-8702 or 1-800-555-0199", &["call", "345-8702", "or", "1-800-555-0199"]);
}

#[test]
fn quotes_dashes_and_ellipses_are_tokens() {
    assert_tokens("\"open door\"", &["\"", "open", "door", "\""]);
    assert_tokens("NATO’s “open door” policy", &["NATO", "’s", "“", "open", "door", "”", "policy"]);
    assert_tokens("'courageous achievement'", &["'", "courageous", "achievement", "'"]);
    assert_tokens("war--again", &["war", "--", "again"]);
    assert_tokens("concessions – they — not", &["concessions", "–", "they", "—", "not"]);
    assert_tokens("wait... what…", &["wait", "...", "what", "…"]);
    assert_tokens("Really?!", &["Really", "?!"]);
}

#[test]
fn web_forms_stay_whole() {
    assert_tokens("see https://example.com/a?b=1.", &["see", "https://example.com/a?b=1", "."]);
    assert_tokens("(www.reuters.com)", &["(", "www.reuters.com", ")"]);
    assert_tokens("mail ned.price@state.gov now", &["mail", "ned.price@state.gov", "now"]);
    assert_tokens("@POTUS #IStandWithAhmed", &["@POTUS", "#IStandWithAhmed"]);
    assert_tokens("Gawker.com", &["Gawker.com"]);
    assert_tokens("nice :)", &["nice", ":)"]);
}

#[test]
fn sentences_end_at_terminal_punctuation() {
    assert_eq!(sentences("He left. She stayed! Why? Nobody knows."), ["He left.", "She stayed!", "Why?", "Nobody knows."]);
}

#[test]
fn abbreviations_before_names_do_not_end_sentences() {
    assert_eq!(sentences("Gen. Milley met Mr. Shoigu on Jan. 25 in Moscow."), ["Gen. Milley met Mr. Shoigu on Jan. 25 in Moscow."]);
    assert_eq!(sentences("The book by J. R. R. Tolkien and L. Ron Hubbard sold."), ["The book by J. R. R. Tolkien and L. Ron Hubbard sold."]);
}

#[test]
fn sentence_final_abbreviations_end_before_an_opener() {
    assert_eq!(
        sentences("Troops arrived in the U.S. The talks failed."),
        ["Troops arrived in the U.S.", "The talks failed."]
    );
    assert_eq!(sentences("He works for Acme Inc. He is paid well."), ["He works for Acme Inc.", "He is paid well."]);
    assert_eq!(
        sentences("U.S. President Joe Biden and the U.S. Department of Defense agreed."),
        ["U.S. President Joe Biden and the U.S. Department of Defense agreed."]
    );
    assert_eq!(sentences("It was held in Washington D.C. after many difficulties."), ["It was held in Washington D.C. after many difficulties."]);
}

#[test]
fn decimals_and_lowercase_after_a_period_do_not_end_sentences() {
    assert_eq!(sentences("About 8.5 thousand soldiers. More will follow."), ["About 8.5 thousand soldiers.", "More will follow."]);
    assert_eq!(sentences("the site alt.religion.scientology posted it."), ["the site alt.religion.scientology posted it."]);
    assert_eq!(sentences("It cost approx. five dollars incl. tax in 2017."), ["It cost approx. five dollars incl. tax in 2017."]);
    assert_eq!(
        sentences("He was jailed for a) leaving the world. b) refusing it."),
        ["He was jailed for a) leaving the world. b) refusing it."]
    );
}

#[test]
fn lowercase_after_an_ordinary_word_and_a_period_starts_a_sentence() {
    assert_eq!(sentences("i think that is right. you should go."), ["i think that is right.", "you should go."]);
    assert_eq!(sentences("what do you mean? whatever."), ["what do you mean?", "whatever."]);
}

#[test]
fn closing_quotes_and_brackets_belong_to_the_sentence() {
    assert_eq!(
        sentences("According to him, “Russia will also have to do something to ensure security.” The key point"),
        ["According to him, “Russia will also have to do something to ensure security.”", "The key point"]
    );
    assert_eq!(sentences("He said \"no.\" Then he left."), ["He said \"no.\"", "Then he left."]);
    assert_eq!(sentences("(It was late.) They left."), ["(It was late.)", "They left."]);
    assert_eq!(sentences("\"Why?\" he asked."), ["\"Why?\" he asked."]);
}

#[test]
fn ellipses_end_a_sentence_only_before_an_opener() {
    assert_eq!(sentences("If an infant's not getting enough iodine ... brain development stops."), ["If an infant's not getting enough iodine ... brain development stops."]);
    assert_eq!(sentences("We waited... The answer never came."), ["We waited...", "The answer never came."]);
}

#[test]
fn datelines_do_not_end_sentences() {
    assert_eq!(
        sentences("MOSCOW, Jan 25 (Reuters) - Russia said on Tuesday it would respond."),
        ["MOSCOW, Jan 25 (Reuters) - Russia said on Tuesday it would respond."]
    );
    assert_eq!(
        sentences("WASHINGTON, Jan. 25 (Reuters) -\nThe United States said it would respond."),
        ["WASHINGTON, Jan. 25 (Reuters) -\nThe United States said it would respond."]
    );
    assert_eq!(sentences("KYIV — Ukraine's army said on Tuesday."), ["KYIV — Ukraine's army said on Tuesday."]);
}

#[test]
fn headlines_and_attribution_lines_end_at_line_breaks() {
    let text = "Russia demands written answers\nMOSCOW - Russia demanded answers. They came.\nNed Price, spokesman\nNext paragraph here.";
    let seg = segment(text);
    let got: Vec<(&str, usize)> = seg.sentences.iter().map(|s| (s.span.of(text), s.paragraph)).collect();
    assert_eq!(
        got,
        [
            ("Russia demands written answers", 0),
            ("MOSCOW - Russia demanded answers.", 1),
            ("They came.", 1),
            ("Ned Price, spokesman", 1),
            ("Next paragraph here.", 2),
        ]
    );
    assert_eq!(seg.paragraphs.len(), 3);
}

#[test]
fn hard_wrapped_lines_stay_one_paragraph() {
    let text = "The talks between the two\ncountries ended on Tuesday, and\nofficials left.";
    assert_eq!(segment(text).paragraphs.len(), 1);
    assert_eq!(sentences(text).len(), 1);
}

#[test]
fn text_wrapped_at_a_fixed_width_stays_one_paragraph() {
    let text = "The talks between Russian and American diplomats in Geneva ended\n\
                on Tuesday without agreement, said the Secretary of the United\n\
                States Antony Blinken, who added that the two sides would meet\n\
                again next week in Vienna.\n\n\
                Moscow has denied any plan to invade its neighbour Ukraine.";
    let seg = segment(text);
    assert_eq!(seg.paragraphs.len(), 2);
    assert_eq!(seg.sentences.len(), 2);
}

#[test]
fn blank_lines_separate_paragraphs() {
    let text = "First one. Second one\n\n  Third one.\r\n\r\nFourth";
    let seg = segment(text);
    let paragraphs: Vec<&str> = seg.paragraphs.iter().map(|p| p.of(text)).collect();
    assert_eq!(paragraphs, ["First one. Second one", "Third one.", "Fourth"]);
    assert_eq!(sentences(text), ["First one.", "Second one", "Third one.", "Fourth"]);
}

const EXAMPLE: &str = include_str!("../../../examples/seed-2022-01-25-us-russia.txt");

fn example_body() -> &'static str {
    EXAMPLE.split_once(" date 2022-01-25 ").expect("the example has a date header").1
}

#[test]
fn example_article_first_paragraphs() {
    let text = example_body();
    let seg = segment(text);
    let by_paragraph = |p: usize| -> Vec<&str> {
        seg.sentences.iter().filter(|s| s.paragraph == p).map(|s| s.span.of(text)).collect()
    };
    assert_eq!(
        by_paragraph(0),
        [
            "The US administration does not intend to give in to Russia in matters of security guarantees, declared US State Department spokesman Ned Price.",
            "Also, the US authorities refuse to compromise on NATO’s “open door” policy, he said.",
        ]
    );
    assert_eq!(
        by_paragraph(1),
        [
            "Price emphasized that any steps taken by Washington must be mutual.",
            "According to him, “Russia will also have to do something to ensure security.”",
        ]
    );
    assert_eq!(
        by_paragraph(2),
        [
            "The key point here is that any steps we take will not be concessions – they will have to be taken on a reciprocal basis.",
            "Ned Price US State Department representative",
        ]
    );
    assert_eq!(seg.paragraphs.len(), 9);
    assert_eq!(seg.sentences.len(), 20);
    let tokens: Vec<&str> = seg.tokens.iter().map(|t| t.of(text)).collect();
    for expected in [["NATO", "’s"], ["Russian", "-"], ["8.5", "thousand"], ["U.S.", "troops"]] {
        assert!(tokens.windows(2).any(|w| w == expected), "missing {expected:?}");
    }
}

fn check_invariants(text: &str, seg: &Segmentation) {
    let mut previous_end = 0;
    for token in &seg.tokens {
        assert!(token.start >= previous_end && token.start < token.end, "token {token:?} in {text:?}");
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        assert!(!token.of(text).contains(char::is_whitespace), "whitespace in {:?}", token.of(text));
        previous_end = token.end;
    }
    let mut next_token = 0;
    for sentence in &seg.sentences {
        assert_eq!(sentence.tokens.start, next_token, "every token lies in exactly one sentence");
        assert!(sentence.tokens.start < sentence.tokens.end);
        next_token = sentence.tokens.end;
        assert_eq!(sentence.span.start, seg.tokens[sentence.tokens.start].start);
        assert_eq!(sentence.span.end, seg.tokens[sentence.tokens.end - 1].end);
        let paragraph = seg.paragraphs[sentence.paragraph];
        assert!(paragraph.start <= sentence.span.start && sentence.span.end <= paragraph.end);
    }
    assert_eq!(next_token, seg.tokens.len());
    let covered: usize = seg.tokens.iter().map(|t| t.of(text).chars().count()).sum();
    assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count(), "every visible char is in a token");
}

#[test]
fn invariants_hold_on_real_text() {
    let text = example_body();
    check_invariants(text, &segment(text));
}

#[test]
fn invariants_hold_on_odd_input() {
    let long_run = "?!.".repeat(10_000) + &"(\"".repeat(5_000) + &"-".repeat(10_000);
    let odd = [
        "",
        "   \n\n \t ",
        ".",
        "'",
        "’s",
        "n't",
        "a\u{0}b\u{7}c",
        "e\u{301}te\u{301} ça — 東京都 😀😀 done.",
        "Mr.",
        "U.S.",
        "http://",
        "www.",
        "1,2,3,,4 5:6: 7-8-",
        "\r\n\r\nx\ry\u{2029}z",
        long_run.as_str(),
        "'\"'\"“”‘’«» ) ( ] [",
    ];
    let mut reused = Segmentation::default();
    for text in odd {
        let seg = segment(text);
        check_invariants(text, &seg);
        segment_into(text, &mut reused);
        assert_eq!(reused, seg);
    }
}

#[test]
fn invariants_hold_on_every_slice_of_the_example() {
    let text = example_body();
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
    for &start in &boundaries {
        let mut end = (start + 300).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let slice = &text[start..end];
        check_invariants(slice, &segment(slice));
    }
}

#[test]
fn numbers_and_units_follow_ewt() {
    assert_tokens("at 10pm, 375mm and $70k", &["at", "10", "pm", ",", "375", "mm", "and", "$", "70", "k"]);
    assert_tokens("the 8th of the 1990s", &["the", "8th", "of", "the", "1990s"]);
    assert_tokens("US$ 20,000 or US$20", &["US$", "20,000", "or", "US$", "20"]);
    assert_tokens("consistent [...] the", &["consistent", "[...]", "the"]);
}

/// Throughput over Reuters-21578 article texts; run with
/// `cargo test --release -p dyad-text --test segment throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news/reuters21578/part-000.jsonl");
    let Ok(lines) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let texts: Vec<String> = lines
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|article| article["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut out = Segmentation::default();
    let mut tokens = 0;
    let started = std::time::Instant::now();
    for _ in 0..5 {
        for text in &texts {
            segment_into(text, &mut out);
            tokens += out.tokens.len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{:.1} MB/s, {:.0} tokens/s", 5.0 * bytes as f64 / 1e6 / seconds, tokens as f64 / seconds);
}

#[test]
fn pathological_input_takes_linear_time() {
    let patterns = ["a-", "U.", "'", "\"", ".", "?!", "No. ", "(", ")", "www.", "1,", "don't", "a\n", "\n", "- ", "[...]", ":)"];
    for pattern in patterns {
        let text = pattern.repeat(400_000 / pattern.len());
        let started = std::time::Instant::now();
        let seg = segment(&text);
        assert!(started.elapsed().as_secs_f64() < 2.0, "{pattern:?} took {:?}", started.elapsed());
        assert_eq!(seg.sentences.last().map_or(0, |s| s.tokens.end), seg.tokens.len());
    }
}

/// A small xorshift generator, so the random inputs are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn invariants_hold_on_random_mixtures_of_tricky_pieces() {
    let pieces = [
        "a", "Z", "U.S.", "Mr.", ".", "?", "!", "...", "…", "'", "’", "\"", "“", "”", "(", ")", "[", "]",
        "-", "–", "—", ",", ":", ";", "$", "%", "@", "#", "n't", "'s", "do", "1", "2,0", "3.", "e\u{301}",
        "東", "😀", "\u{0}", "\u{200b}", " ", "  ", "\n", "\n\n", "\r\n", "\t", "www.", "http://", "[...]",
        ":)", "No.", "J.", "The", "cannot", "é", "\u{2029}",
    ];
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut reused = Segmentation::default();
    for _ in 0..3_000 {
        let length = (random.next() % 40) as usize;
        let text: String = (0..length).map(|_| pieces[(random.next() % pieces.len() as u64) as usize]).collect();
        let seg = segment(&text);
        check_invariants(&text, &seg);
        segment_into(&text, &mut reused);
        assert_eq!(reused, seg);
    }
}
