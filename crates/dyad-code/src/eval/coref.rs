//! Person coreference against a CoNLL-U file whose MISC column carries GUM's entity
//! brackets (`Entity=(12-person-...` opens mention 12, `12)` closes it).
//!
//! Each document's text is rebuilt from its words (spaces from `SpaceAfter=No`,
//! paragraphs from `# newpar`) and run through the coder with the gold sentences and
//! words, so that mentions line up word for word. A predicted mention matches a gold
//! person mention when it lies inside it and holds its head word (the word whose
//! head is outside the mention). Chains are scored with MUC and B³ as in CoNLL-2012:
//! singleton entities are left out on both sides, and gold mentions the coder did not
//! find count against recall.

use super::EvalError;
use crate::article::AnalysedArticle;
use crate::coder::Coder;
use dyad_lang::conllu::{self, Sentence};
use dyad_text::segment::{Segmentation, Sentence as SegmentSentence};
use dyad_text::{Document, Span};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

/// Precision and recall as numerator/denominator sums over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub recall_num: f64,
    pub recall_den: f64,
    pub precision_num: f64,
    pub precision_den: f64,
}

impl Prf {
    pub fn recall(&self) -> f64 {
        ratio(self.recall_num, self.recall_den)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.precision_num, self.precision_den)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Prf) {
        self.recall_num += other.recall_num;
        self.recall_den += other.recall_den;
        self.precision_num += other.precision_num;
        self.precision_den += other.precision_den;
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

#[derive(Clone, Debug, Default)]
pub struct CorefScores {
    pub documents: usize,
    /// Gold person mentions, and those in chains of two or more.
    pub gold_mentions: usize,
    pub gold_chain_mentions: usize,
    pub predicted_mentions: usize,
    /// Predicted mentions matched to a gold person mention.
    pub matched: usize,
    pub muc: Prf,
    pub b_cubed: Prf,
    /// Per document, each predicted chain and each gold chain as its mentions' words.
    pub listings: Vec<String>,
}

impl CorefScores {
    /// The CoNLL-style average of MUC and B³ F1.
    pub fn average_f1(&self) -> f64 {
        (self.muc.f1() + self.b_cubed.f1()) / 2.0
    }
}

/// One mention: sentence, words (0-based, half-open) within it, and its entity.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainMention {
    pub sentence: usize,
    pub words: Range<usize>,
    pub entity: usize,
}

pub fn coref(path: &Path, coder: &Coder) -> Result<CorefScores, EvalError> {
    let sentences = conllu::read_path(path)
        .map_err(|e| EvalError::Format { path: path.display().to_string(), message: e.to_string() })?;
    let mut scores = CorefScores::default();
    for (index, document) in documents(&sentences).into_iter().enumerate() {
        let gold = gold_people(document);
        let predicted = predict(document, &format!("{}#{}", path.display(), index), coder);
        score_document(document, &gold, &predicted, &mut scores);
        scores.listings.push(format!(
            "document {index}\n  ours: {}\n  gold: {}",
            listing(document, &predicted),
            listing(document, &gold)
        ));
    }
    Ok(scores)
}

/// Sentences grouped by `# newdoc`.
fn documents(sentences: &[Sentence]) -> Vec<&[Sentence]> {
    let mut found = Vec::new();
    let mut start = 0;
    for (at, sentence) in sentences.iter().enumerate() {
        if sentence.newdoc && at > start {
            found.push(&sentences[start..at]);
            start = at;
        }
    }
    if start < sentences.len() {
        found.push(&sentences[start..]);
    }
    found
}

/// The gold person mentions of a document, from the `Entity=` brackets.
pub fn gold_people(document: &[Sentence]) -> Vec<ChainMention> {
    let mut found = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    // Open mentions: (id, is person, sentence, first word).
    let mut open: Vec<(String, bool, usize, usize)> = Vec::new();
    for (s, sentence) in document.iter().enumerate() {
        for (w, word) in sentence.words.iter().enumerate() {
            let Some(brackets) = misc_value(&word.misc, "Entity") else {
                continue;
            };
            let mut rest = brackets;
            while !rest.is_empty() {
                if let Some(after) = rest.strip_prefix('(') {
                    let end = after.find(['(', ')']).unwrap_or(after.len());
                    let fields: Vec<&str> = after[..end].split('-').collect();
                    let id = fields[0].to_string();
                    let person = fields.get(1) == Some(&"person");
                    if after[end..].starts_with(')') {
                        if person {
                            push_mention(&mut found, &mut ids, &id, s, w..w + 1);
                        }
                        rest = &after[end + 1..];
                    } else {
                        open.push((id, person, s, w));
                        rest = &after[end..];
                    }
                } else {
                    let end = rest.find(')').unwrap_or(rest.len());
                    let id = &rest[..end];
                    if let Some(at) = open.iter().rposition(|(open_id, ..)| open_id == id) {
                        let (id, person, start_sentence, start) = open.remove(at);
                        if person && start_sentence == s {
                            push_mention(&mut found, &mut ids, &id, s, start..w + 1);
                        }
                    }
                    rest = rest.get(end + 1..).unwrap_or_default();
                }
            }
        }
    }
    found
}

fn push_mention(
    found: &mut Vec<ChainMention>,
    ids: &mut HashMap<String, usize>,
    id: &str,
    sentence: usize,
    words: Range<usize>,
) {
    let next = ids.len();
    let entity = *ids.entry(id.to_string()).or_insert(next);
    found.push(ChainMention { sentence, words, entity });
}

fn misc_value<'m>(misc: &'m str, key: &str) -> Option<&'m str> {
    misc.split('|').find_map(|field| field.strip_prefix(key)?.strip_prefix('='))
}

/// The document's text rebuilt from its words, with the gold segmentation.
fn rebuild(document: &[Sentence], id: &str) -> (Document, Segmentation) {
    let mut text = String::new();
    let mut segmentation = Segmentation::default();
    let mut paragraph_start = 0;
    for (s, sentence) in document.iter().enumerate() {
        if s > 0 {
            if sentence.newpar {
                let end = text.trim_end().len();
                segmentation.paragraphs.push(Span::new(paragraph_start, end));
                text.truncate(end);
                text.push_str("\n\n");
                paragraph_start = text.len();
            } else if !text.ends_with(' ') {
                text.push(' ');
            }
        }
        let start = text.len();
        let first_token = segmentation.tokens.len();
        for (w, word) in sentence.words.iter().enumerate() {
            let token_start = text.len();
            text.push_str(&word.form);
            segmentation.tokens.push(Span::new(token_start, text.len()));
            let in_multiword = sentence.multiword.iter().find(|m| (m.first..=m.last).contains(&(w + 1)));
            let space = match in_multiword {
                Some(multiword) if w + 1 < multiword.last => false,
                Some(multiword) => misc_value(&multiword.misc, "SpaceAfter") != Some("No"),
                None => misc_value(&word.misc, "SpaceAfter") != Some("No"),
            };
            if space && w + 1 < sentence.words.len() {
                text.push(' ');
            }
        }
        let paragraph = segmentation.paragraphs.len();
        segmentation.sentences.push(SegmentSentence {
            span: Span::new(start, text.len()),
            tokens: first_token..segmentation.tokens.len(),
            paragraph,
        });
    }
    segmentation.paragraphs.push(Span::new(paragraph_start, text.len()));
    let document = Document { id: id.to_string(), date: None, title: None, text, metadata: BTreeMap::new() };
    (document, segmentation)
}

/// The coder's people, with their entities.
fn predict(sentences: &[Sentence], id: &str, coder: &Coder) -> Vec<ChainMention> {
    let (document, segmentation) = rebuild(sentences, id);
    let article = AnalysedArticle::analyse_segmented(&document, segmentation, &coder.models);
    let mut mentions = coder.actors.mentions(&article, &coder.dictionaries);
    let mut people = coder.people(&article, &mut mentions);
    let quotes = coder.quotes.quotes(&article, &mentions, &people, &coder.models.parser);
    people.link_quotes(&article, &quotes);
    people
        .mentions
        .iter()
        .map(|m| ChainMention { sentence: m.sentence, words: m.words.clone(), entity: m.entity })
        .collect()
}

fn score_document(document: &[Sentence], gold: &[ChainMention], predicted: &[ChainMention], scores: &mut CorefScores) {
    scores.documents += 1;
    scores.gold_mentions += gold.len();
    scores.predicted_mentions += predicted.len();
    // Each predicted mention takes the first unmatched gold mention it fits.
    let mut taken = vec![false; gold.len()];
    let mut response_ids: Vec<usize> = Vec::with_capacity(predicted.len());
    for (p, mention) in predicted.iter().enumerate() {
        let fits = gold.iter().enumerate().position(|(g, gold)| {
            !taken[g]
                && gold.sentence == mention.sentence
                && gold.words.start <= mention.words.start
                && mention.words.end <= gold.words.end
                && mention.words.contains(&head_word(&document[gold.sentence], &gold.words))
        });
        match fits {
            Some(g) => {
                taken[g] = true;
                scores.matched += 1;
                response_ids.push(g);
            }
            None => response_ids.push(gold.len() + p),
        }
    }
    let key = clusters(gold.iter().enumerate().map(|(g, m)| (g, m.entity)));
    let response = clusters(response_ids.iter().zip(predicted).map(|(&id, m)| (id, m.entity)));
    scores.gold_chain_mentions += key.iter().map(Vec::len).sum::<usize>();
    scores.muc.add(muc(&key, &response));
    scores.b_cubed.add(b_cubed(&key, &response));
}

/// Chains of two or more mentions as `[a | b | c]`.
fn listing(document: &[Sentence], mentions: &[ChainMention]) -> String {
    let mut by_entity: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for mention in mentions {
        let words = &document[mention.sentence].words;
        let text: Vec<&str> = mention.words.clone().filter_map(|w| words.get(w)).map(|w| w.form.as_str()).collect();
        by_entity.entry(mention.entity).or_default().push(text.join(" "));
    }
    let chains: Vec<String> = by_entity
        .into_values()
        .filter(|chain| chain.len() > 1)
        .map(|chain| format!("[{}]", chain.join(" | ")))
        .collect();
    chains.join(" ")
}

/// The first word of the mention whose head lies outside it.
fn head_word(sentence: &Sentence, words: &Range<usize>) -> usize {
    words
        .clone()
        .find(|&w| {
            let head = sentence.words[w].head;
            head == 0 || !words.contains(&(head - 1))
        })
        .unwrap_or(words.start)
}

/// Mention ids grouped by entity, entities of two or more mentions only.
fn clusters(pairs: impl Iterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut by_entity: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (id, entity) in pairs {
        by_entity.entry(entity).or_default().push(id);
    }
    by_entity.into_values().filter(|cluster| cluster.len() > 1).collect()
}

/// MUC: links kept. Recall over key chains: (|K| − partitions of K by the response)
/// / (|K| − 1); precision the same with the roles swapped.
pub fn muc(key: &[Vec<usize>], response: &[Vec<usize>]) -> Prf {
    let (recall_num, recall_den) = muc_side(key, response);
    let (precision_num, precision_den) = muc_side(response, key);
    Prf { recall_num, recall_den, precision_num, precision_den }
}

fn muc_side(chains: &[Vec<usize>], other: &[Vec<usize>]) -> (f64, f64) {
    let owner = owners(other);
    let (mut num, mut den) = (0.0, 0.0);
    for chain in chains {
        let mut parts: Vec<Option<usize>> = Vec::new();
        let mut loose = 0;
        for id in chain {
            match owner.get(id) {
                Some(&cluster) if !parts.contains(&Some(cluster)) => parts.push(Some(cluster)),
                Some(_) => {}
                None => loose += 1,
            }
        }
        let partitions = parts.len() + loose;
        num += (chain.len() - partitions) as f64;
        den += (chain.len() - 1) as f64;
    }
    (num, den)
}

/// B³: for each key mention, the share of its key cluster found in its response
/// cluster (0 when the response lacks it); precision the same with roles swapped.
pub fn b_cubed(key: &[Vec<usize>], response: &[Vec<usize>]) -> Prf {
    let (recall_num, recall_den) = b_cubed_side(key, response);
    let (precision_num, precision_den) = b_cubed_side(response, key);
    Prf { recall_num, recall_den, precision_num, precision_den }
}

fn b_cubed_side(chains: &[Vec<usize>], other: &[Vec<usize>]) -> (f64, f64) {
    let owner = owners(other);
    let (mut num, mut den) = (0.0, 0.0);
    for chain in chains {
        for id in chain {
            den += 1.0;
            if let Some(&cluster) = owner.get(id) {
                let shared = chain.iter().filter(|other_id| owner.get(other_id) == Some(&cluster)).count();
                num += shared as f64 / chain.len() as f64;
            }
        }
    }
    (num, den)
}

fn owners(clusters: &[Vec<usize>]) -> HashMap<usize, usize> {
    clusters.iter().enumerate().flat_map(|(c, cluster)| cluster.iter().map(move |&id| (id, c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_chains_score_one() {
        let key = vec![vec![1, 2, 3], vec![4, 5]];
        let muc = muc(&key, &key);
        let b3 = b_cubed(&key, &key);
        assert_eq!((muc.recall(), muc.precision()), (1.0, 1.0));
        assert_eq!((b3.recall(), b3.precision()), (1.0, 1.0));
    }

    #[test]
    fn muc_counts_missing_links() {
        // Key {1,2,3,4}; response splits it into {1,2} and {3,4}: 2 of 3 links.
        let scores = muc(&[vec![1, 2, 3, 4]], &[vec![1, 2], vec![3, 4]]);
        assert!((scores.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(scores.precision(), 1.0);
    }

    #[test]
    fn b_cubed_of_a_split_chain() {
        let scores = b_cubed(&[vec![1, 2, 3, 4]], &[vec![1, 2], vec![3, 4]]);
        assert!((scores.recall() - 0.5).abs() < 1e-9);
        assert_eq!(scores.precision(), 1.0);
    }

    #[test]
    fn gold_brackets_nest_and_close() {
        let text = "# newdoc id = d\n1\tJohn\tJohn\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-x-cf1-1-coref\n2\tSmith\tSmith\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)\n3\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n4\the\the\tPRON\tPRP\t_\t3\tobj\t_\tEntity=(1-person-giv-x-cf1-1-coref)|SpaceAfter=No\n\n";
        let sentences = conllu::read(text.as_bytes()).unwrap();
        let gold = gold_people(&sentences);
        assert_eq!(
            gold,
            vec![
                ChainMention { sentence: 0, words: 0..2, entity: 0 },
                ChainMention { sentence: 0, words: 3..4, entity: 0 },
            ]
        );
    }
}
