//! The `dyad` binary end to end: real processes, real files.

use dyad_lang::conllu;
mod common;

use common::{dyad, example, scratch_dir};

/// Every word's Start/End points at exactly its form in the article text.
fn check_spans(text: &str, sentences: &[conllu::Sentence]) {
    for sentence in sentences {
        for word in &sentence.words {
            let field = |key: &str| -> usize {
                let entry = word.misc.split('|').find_map(|kv| kv.strip_prefix(key)).expect("span in MISC");
                entry.parse().unwrap()
            };
            assert_eq!(&text[field("Start=")..field("End=")], word.form, "{}", word.misc);
        }
    }
}

#[test]
fn parses_the_example_article_with_byte_spans_and_trees() {
    let out = dyad(&["parse", &example()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = String::from_utf8(out.stdout).unwrap();
    assert!(written.starts_with("# newdoc id = "));
    assert!(written.contains("# date = 2022-01-25"));
    let sentences = conllu::read(written.as_bytes()).unwrap();
    assert!(sentences.len() >= 20, "{} sentences", sentences.len());
    assert_eq!(sentences[0].text.as_deref().map(|t| t.starts_with("The US administration does not intend")), Some(true));
    let raw = std::fs::read_to_string(example()).unwrap();
    let text = &raw[raw.find("The US").unwrap()..];
    check_spans(text, &sentences);
    for sentence in &sentences {
        assert_eq!(sentence.words.iter().filter(|w| w.head == 0).count(), 1, "{:?}", sentence.text);
        assert!(sentence.words.iter().all(|w| w.head <= sentence.words.len()));
    }
    // "does not intend": a tagged and lemmatised verb group.
    let words = &sentences[0].words;
    let intend = words.iter().find(|w| w.form == "intend").unwrap();
    assert_eq!((intend.upos.as_str(), intend.lemma.as_str()), ("VERB", "intend"));
}

#[test]
fn jsonl_batch_goes_on_past_bad_lines_and_reports_them() {
    let input = concat!(
        "{\"id\": \"a\", \"date\": \"2022-01-25\", \"text\": \"Russia warned Ukraine.\"}\n",
        "{\"id\": \"b\", \"text\": \n",
        "{\"id\": \"c\", \"date\": \"2022-02-30\", \"text\": \"Bad date.\"}\n",
        "{\"id\": \"d\", \"text\": \"NATO met on Monday. Leaders spoke.\"}\n",
    );
    let out = dyad(&["parse", "--input-format", "jsonl", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("-:2:"), "{stderr}");
    assert!(stderr.contains("-:3:"), "{stderr}");
    let written = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = written.lines().filter_map(|l| l.strip_prefix("# newdoc id = ")).collect();
    assert_eq!(ids, ["a", "d"]);
    let sentences = conllu::read(written.as_bytes()).unwrap();
    assert_eq!(sentences.len(), 3);
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = scratch_dir("atomic");
    let target = dir.join("out.conllu");
    let out = dyad(&["parse", &example(), "-o", target.to_str().unwrap()], None);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&target).unwrap().contains("# sent_id"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file stays behind");

    let missing_models = dir.join("no-models");
    let failed = dir.join("failed.conllu");
    let example = example();
    let args = ["parse", &example, "--models", missing_models.to_str().unwrap(), "-o", failed.to_str().unwrap()];
    let out = dyad(&args, None);
    assert!(!out.status.success());
    assert!(!failed.exists());
}

#[test]
fn conllu_input_keeps_words_and_predicts_the_rest() {
    let input = "# sent_id = x1\n# text = Moscow rejected the plan.\n1\tMoscow\t_\t_\t_\t_\t0\t_\t_\t_\n2\trejected\t_\t_\t_\t_\t0\t_\t_\t_\n3\tthe\t_\t_\t_\t_\t0\t_\t_\t_\n4\tplan\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n";
    let dir = scratch_dir("conllu");
    let path = dir.join("in.conllu");
    std::fs::write(&path, input).unwrap();
    let out = dyad(&["parse", "--input-format", "conllu", "--threads", "1", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sentences = conllu::read(out.stdout.as_slice()).unwrap();
    let words = &sentences[0].words;
    assert_eq!(sentences[0].sent_id.as_deref(), Some("x1"));
    assert_eq!(words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>(), ["Moscow", "rejected", "the", "plan", "."]);
    assert_eq!(words[1].lemma, "reject");
    assert_eq!(words[1].head, 0);
    assert_eq!((words[0].head, words[0].deprel.as_str()), (2, "nsubj"));
    assert_eq!(words[3].misc, "SpaceAfter=No");
}

#[test]
fn missing_input_is_an_error_naming_the_path() {
    let out = dyad(&["parse", "/nonexistent/article.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/article.txt"));
}
