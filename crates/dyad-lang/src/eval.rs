//! Scoring predicted CoNLL-U against gold, as the CoNLL 2018 shared task does with gold
//! tokenisation: word-for-word accuracy of UPOS, XPOS and lemma, UAS and LAS.

use crate::conllu::Sentence;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseScores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

#[derive(Debug, thiserror::Error)]
#[error("sentence {index}: gold has {gold} words, prediction has {predicted}")]
pub struct MisalignedSentence {
    pub index: usize,
    pub gold: usize,
    pub predicted: usize,
}

/// Scores `predicted` against `gold`; both must have the same words (gold tokenisation).
/// Punctuation counts in UAS/LAS, as in the UD shared tasks. Relations compare only the
/// universal part (`nsubj` for `nsubj:pass`), as the shared task's LAS does.
pub fn score_parses(gold: &[Sentence], predicted: &[Sentence]) -> Result<ParseScores, MisalignedSentence> {
    if gold.len() != predicted.len() {
        return Err(MisalignedSentence { index: gold.len().min(predicted.len()), gold: gold.len(), predicted: predicted.len() });
    }
    let mut counts = [0usize; 5];
    let mut words = 0;
    for (index, (g, p)) in gold.iter().zip(predicted).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(MisalignedSentence { index, gold: g.words.len(), predicted: p.words.len() });
        }
        for (gw, pw) in g.words.iter().zip(&p.words) {
            words += 1;
            let head = gw.head == pw.head;
            let hits = [
                gw.upos == pw.upos,
                gw.xpos == pw.xpos,
                gw.lemma == pw.lemma,
                head,
                head && universal(&gw.deprel) == universal(&pw.deprel),
            ];
            for (count, hit) in counts.iter_mut().zip(hits) {
                *count += hit as usize;
            }
        }
    }
    let ratio = |n: usize| if words == 0 { 0.0 } else { n as f64 / words as f64 };
    Ok(ParseScores {
        sentences: gold.len(),
        words,
        upos: ratio(counts[0]),
        xpos: ratio(counts[1]),
        lemma: ratio(counts[2]),
        uas: ratio(counts[3]),
        las: ratio(counts[4]),
    })
}

fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Word;

    fn sentence(rows: &[(&str, usize, &str)]) -> Sentence {
        let words = rows
            .iter()
            .map(|&(upos, head, deprel)| Word { form: "w".into(), upos: upos.into(), head, deprel: deprel.into(), ..Word::default() })
            .collect();
        Sentence { words, ..Sentence::default() }
    }

    #[test]
    fn counts_heads_labels_and_tags_per_word() {
        let gold = [sentence(&[("PRON", 2, "nsubj:pass"), ("VERB", 0, "root"), ("NOUN", 2, "obj"), ("PUNCT", 2, "punct")])];
        let pred = [sentence(&[("PRON", 2, "nsubj"), ("VERB", 0, "root"), ("VERB", 2, "obl"), ("PUNCT", 3, "punct")])];
        let s = score_parses(&gold, &pred).unwrap();
        assert_eq!((s.words, s.upos, s.uas, s.las), (4, 0.75, 0.75, 0.5));
    }

    #[test]
    fn refuses_different_tokenisations() {
        let err = score_parses(&[sentence(&[("X", 0, "root")])], &[sentence(&[])]).unwrap_err();
        assert_eq!(err.to_string(), "sentence 0: gold has 1 words, prediction has 0");
    }
}
