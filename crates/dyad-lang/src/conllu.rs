//! CoNLL-U: the Universal Dependencies treebank format, read for training and scoring and
//! written by `dyad parse`.
//!
//! Only the basic tree is kept: multiword-token lines (`3-4`) are remembered for their
//! surface form, empty nodes (`8.1`) of enhanced graphs are skipped.

use std::fmt::Write as _;
use std::io::BufRead;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based index of the head word; 0 is the root.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

/// A multiword token such as `don't` spanning words `first..=last` (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    pub sent_id: Option<String>,
    pub text: Option<String>,
    /// A `# newdoc` comment came before this sentence.
    pub newdoc: bool,
    /// A `# newpar` comment came before this sentence.
    pub newpar: bool,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("line {line}: {message}")]
    Syntax { line: usize, message: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Reads every sentence of a CoNLL-U stream.
pub fn read(input: impl BufRead) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let line_no = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            read_comment(comment.trim(), &mut current);
            continue;
        }
        read_word_line(line, line_no, &mut current)?;
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

pub fn read_path(path: &std::path::Path) -> Result<Vec<Sentence>, ConlluError> {
    let file = std::fs::File::open(path)?;
    read(std::io::BufReader::new(file))
}

fn read_comment(comment: &str, sentence: &mut Sentence) {
    let (key, value) = match comment.split_once('=') {
        Some((k, v)) => (k.trim(), Some(v.trim())),
        None => (comment, None),
    };
    match key {
        "sent_id" => sentence.sent_id = value.map(str::to_string),
        "text" => sentence.text = value.map(str::to_string),
        "newdoc" | "newdoc id" => {
            sentence.newdoc = true;
            sentence.newpar = true;
        }
        "newpar" | "newpar id" => sentence.newpar = true,
        _ => {}
    }
}

fn read_word_line(line: &str, line_no: usize, sentence: &mut Sentence) -> Result<(), ConlluError> {
    let syntax = |message: String| ConlluError::Syntax { line: line_no, message };
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() != 10 {
        return Err(syntax(format!("expected 10 tab-separated fields, found {}", fields.len())));
    }
    let id = fields[0];
    if id.contains('.') {
        return Ok(()); // empty node of the enhanced graph
    }
    if let Some((first, last)) = id.split_once('-') {
        let parse = |s: &str| s.parse::<usize>().map_err(|_| syntax(format!("bad token range {id:?}")));
        sentence.multiword.push(MultiwordToken {
            first: parse(first)?,
            last: parse(last)?,
            form: fields[1].to_string(),
            misc: fields[9].to_string(),
        });
        return Ok(());
    }
    let expected = sentence.words.len() + 1;
    if id.parse::<usize>().ok() != Some(expected) {
        return Err(syntax(format!("expected word id {expected}, found {id:?}")));
    }
    let head = match fields[6] {
        "_" => 0,
        h => h.parse().map_err(|_| syntax(format!("bad head {h:?}")))?,
    };
    sentence.words.push(Word {
        form: fields[1].to_string(),
        lemma: fields[2].to_string(),
        upos: fields[3].to_string(),
        xpos: fields[4].to_string(),
        feats: fields[5].to_string(),
        head,
        deprel: fields[7].to_string(),
        misc: fields[9].to_string(),
    });
    Ok(())
}

/// Appends one sentence in CoNLL-U, `comments` first (each without its `# `).
pub fn write_sentence(out: &mut String, comments: &[String], sentence: &Sentence) {
    for comment in comments {
        let _ = writeln!(out, "# {comment}");
    }
    let mut multiword = sentence.multiword.iter().peekable();
    for (i, w) in sentence.words.iter().enumerate() {
        let id = i + 1;
        while let Some(mwt) = multiword.next_if(|m| m.first == id) {
            let _ = writeln!(out, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", mwt.first, mwt.last, mwt.form, or_blank(&mwt.misc));
        }
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            or_blank(&w.form),
            or_blank(&w.lemma),
            or_blank(&w.upos),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            w.head,
            or_blank(&w.deprel),
            or_blank(&w.misc)
        );
    }
    out.push('\n');
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_multiword_tokens_and_comments() {
        let sentences = read(SAMPLE.as_bytes()).unwrap();
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert!(s.newdoc && s.newpar);
        assert_eq!(s.sent_id.as_deref(), Some("s1"));
        assert_eq!(s.text.as_deref(), Some("I don't."));
        assert_eq!(s.forms(), ["I", "do", "n't", "."]);
        assert_eq!(s.words[2].head, 2);
        assert_eq!(s.multiword[0], MultiwordToken { first: 2, last: 3, form: "don't".into(), misc: "SpaceAfter=No".into() });
    }

    #[test]
    fn round_trips_through_the_writer() {
        let sentences = read(SAMPLE.as_bytes()).unwrap();
        let mut out = String::new();
        write_sentence(&mut out, &["sent_id = s1".into()], &sentences[0]);
        let again = read(out.as_bytes()).unwrap();
        assert_eq!(again[0].words, sentences[0].words);
        assert_eq!(again[0].multiword, sentences[0].multiword);
    }

    #[test]
    fn names_the_line_of_a_bad_row() {
        let err = read("1\tI\n".as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "line 1: expected 10 tab-separated fields, found 2");
        let err = read("# c\n2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n".as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("line 2: expected word id 1"));
    }
}
