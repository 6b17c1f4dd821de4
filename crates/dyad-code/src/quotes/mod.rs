//! Quotations and their speakers.
//!
//! Four kinds of evidence, all linear in the article:
//! - quotation marks ([`quoted_spans`]): the quoted words are a direct quotation; its speaker is
//!   the subject of a cue verb next to it ("“…,” he said", "He said: “…”"), an
//!   "according to X" before it, the name line after it, or the speaker of the
//!   quotation just before it (a quotation carried on over sentences);
//! - a cue verb of [`CueVerbs`] with a clausal complement in the dependency tree
//!   (`ccomp`, or the clause a `parataxis` "…, he said" hangs on; a noun object for cues
//!   flagged `object`): the complement is an indirect quotation of the verb's subject;
//! - "according to X, …" / "…, according to X": the rest of the sentence is X's;
//! - a pull quotation: a paragraph whose last line is only a name and role ("Ned Price
//!   US State Department representative") quotes that person.
//!
//! Scare quotes (“open door”) are short and end without punctuation; they are no
//! quotations. Speakers are resolved through the actor mentions (a pronoun, surname or
//! role noun gives the person it refers to) and, for people no dictionary codes,
//! through [`crate::coref`].

mod cues;
mod marks;

pub use cues::{CueError, CueVerbs, ObjectRole, BUNDLED_CUES, BUNDLED_CUES_NAME};
pub use marks::quoted_spans;

use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use crate::coref::Coreference;
use crate::events::tree::{Tokens, Tree, Trees};
use crate::events::Event;
use dyad_lang::Parser;
use dyad_text::Span;
use serde::Serialize;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// The speaker as written where the quotation is attributed ("he", "Price").
    pub span: Span,
    /// The actor mention at `span`, when the actor layer found one.
    pub mention: Option<usize>,
    /// The person's full name, through coreference ("he" → "Ned Price").
    pub name: Option<String>,
    pub code: Option<String>,
    pub country: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words: inside the marks, or the reported clause.
    pub span: Span,
    pub kind: QuoteKind,
    /// The cue as written ("declared", "according to"); none for a pull quotation or a
    /// quotation carried on from the one before.
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    /// The sentence the quotation starts in.
    pub sentence: usize,
    pub speaker: Option<Speaker>,
}

/// Direct quotations shorter than this, without closing punctuation inside the marks,
/// are scare quotes (“open door”).
const MIN_UNPUNCTUATED_WORDS: usize = 5;

/// A name line has at most this many words.
const MAX_NAME_LINE_WORDS: usize = 12;

/// Finds quotations. Built once, shared read-only by all threads.
pub struct QuoteFinder {
    pub cues: CueVerbs,
}

impl Default for QuoteFinder {
    fn default() -> QuoteFinder {
        QuoteFinder { cues: CueVerbs::bundled() }
    }
}

impl QuoteFinder {
    pub fn new(cues: CueVerbs) -> QuoteFinder {
        QuoteFinder { cues }
    }

    /// Every quotation of the article, in text order.
    pub fn quotes(
        &self,
        article: &AnalysedArticle,
        mentions: &[Mention],
        people: &Coreference,
        parser: &Parser,
    ) -> Vec<Quote> {
        self.quotes_with(article, &Trees::new(article, parser), mentions, people)
    }

    /// [`QuoteFinder::quotes`] over trees the caller shares with other stages.
    pub(crate) fn quotes_with<'a>(
        &self,
        article: &'a AnalysedArticle<'a>,
        trees: &Trees<'a>,
        mentions: &[Mention],
        people: &Coreference,
    ) -> Vec<Quote> {
        let text = article.text();
        let direct: Vec<Span> = article
            .quoted_spans()
            .iter()
            .copied()
            .filter(|span| is_quotation(span.of(text)))
            .map(|span| without_trailing_comma(text, span))
            .collect();
        let mut finder = ArticleQuotes {
            article,
            mentions,
            people,
            cues: &self.cues,
            direct: direct.iter().map(|&span| (span, None)).collect(),
            indirect: Vec::new(),
        };
        for sentence in 0..article.sentence_count() {
            if finder.worth_parsing(sentence, trees.tokens(sentence), &direct) {
                finder.sentence(sentence, trees.get(sentence));
            }
        }
        finder.pull_quotes();
        finder.finish()
    }
}

/// Marks around more than a phrase: enough words, or the quoted words end a
/// sentence or clause ("“No,” he said").
fn is_quotation(quoted: &str) -> bool {
    let words = quoted.split_whitespace().count();
    let punctuated = quoted.trim_end().ends_with(['.', ',', '!', '?', ';', ':', '…']);
    words >= MIN_UNPUNCTUATED_WORDS || punctuated && words >= 1
}

/// "“We will stay,” he said": the comma belongs to the sentence around the
/// quotation, not to what was said.
fn without_trailing_comma(text: &str, span: Span) -> Span {
    let quoted = span.of(text);
    let kept = quoted.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    if kept.is_empty() {
        span
    } else {
        Span::new(span.start, span.start + kept.len())
    }
}

/// A cue and its speaker, before the quotation it belongs to is known.
#[derive(Clone, Debug)]
struct Attribution {
    cue: Option<(String, Span)>,
    speaker: Option<Speaker>,
}

struct ArticleQuotes<'a> {
    article: &'a AnalysedArticle<'a>,
    mentions: &'a [Mention],
    people: &'a Coreference,
    cues: &'a CueVerbs,
    direct: Vec<(Span, Option<Attribution>)>,
    indirect: Vec<(Span, usize, Attribution)>,
}

impl<'a> ArticleQuotes<'a> {
    /// Only sentences with a cue verb, "according to" or a quotation need their tree
    /// walked: [`ArticleQuotes::sentence`] reads nothing else.
    fn worth_parsing(&self, sentence: usize, tokens: &Tokens<'_>, direct: &[Span]) -> bool {
        let span = self.article.segmentation.sentences[sentence].span;
        // Quotations are in text order and do not overlap: the first one ending
        // after the sentence starts is the only candidate.
        let next = direct.partition_point(|quote| quote.end + 2 <= span.start);
        if direct.get(next).is_some_and(|quote| quote.start < span.end + 2) {
            return true;
        }
        // The lemmas as the lemmatizer wrote them (lower case): the cue list's own case.
        let lemmas = &self.article.analyses[sentence].lemmas;
        let cue = (0..tokens.len()).any(|w| tokens.is_verbal(w) && self.cues.get(&lemmas[w]).is_some());
        cue || tokens.upper.windows(2).any(|pair| pair[0] == "ACCORDING" && pair[1] == "TO")
    }

    fn sentence(&mut self, sentence: usize, tree: &Tree<'_>) {
        for verb in 0..tree.len() {
            if tree.is_verbal(verb) {
                if let Some(role) = self.cues.get(&tree.lemmas[verb]) {
                    self.cue_verb(sentence, tree, verb, role);
                }
            }
        }
        for word in 0..tree.len().saturating_sub(1) {
            if tree.upper[word] == "ACCORDING" && tree.upper[word + 1] == "TO" {
                self.according_to(sentence, tree, word);
            }
        }
        self.attribute_by_order(sentence, tree);
    }

    /// A cue verb: its complement is a quotation of its subject.
    fn cue_verb(&mut self, sentence: usize, tree: &Tree<'_>, verb: usize, role: ObjectRole) {
        if let Some((content, speaker)) = parenthetical(tree, verb) {
            let attribution = Attribution {
                cue: Some(self.cue_of(sentence, tree, verb)),
                speaker: self.speaker(sentence, tree, speaker),
            };
            self.add_reported(sentence, content, attribution);
            return;
        }
        let Some(subject) = subject_of(tree, verb) else {
            return;
        };
        let Some(content) = complement(tree, verb, role) else {
            return;
        };
        let attribution = Attribution {
            cue: Some(self.cue_of(sentence, tree, verb)),
            speaker: self.speaker(sentence, tree, subject),
        };
        self.add_reported(sentence, content, attribution);
    }

    /// "According to X, …" and "…, according to X".
    fn according_to(&mut self, sentence: usize, tree: &Tree<'_>, at: usize) {
        let n = tree.len();
        let phrase_end = (at + 2..n).find(|&w| is_punct(tree, w)).unwrap_or(n);
        if phrase_end <= at + 2 {
            return;
        }
        let speaker = self.phrase_speaker(sentence, tree, at + 2..phrase_end);
        let cue_span = self.article.words_span(sentence, at..at + 2);
        let cue = Some((cue_span.of(self.article.text()).to_string(), cue_span));
        let content = if (0..at).all(|w| is_punct(tree, w) || tree.upos[w] == "ADV" || tree.upos[w] == "CCONJ") {
            phrase_end + 1..n
        } else {
            0..at
        };
        let content = trim_punct(tree, content);
        if content.len() >= 2 {
            self.add_reported(sentence, content, Attribution { cue, speaker });
        }
    }

    /// A reported clause: an indirect quotation, unless it is (or is in) a direct one,
    /// which then takes the cue and speaker.
    fn add_reported(&mut self, sentence: usize, words: Range<usize>, attribution: Attribution) {
        let span = self.article.words_span(sentence, words);
        let overlapping = self.direct_overlapping(span).next();
        if let Some(at) = overlapping {
            let found = &mut self.direct[at].1;
            if found.is_none() {
                *found = Some(attribution);
            }
            return;
        }
        // Only this sentence's quotations can repeat the span.
        let same_sentence = self.indirect.iter().rev().take_while(|(_, other_sentence, _)| *other_sentence == sentence);
        if same_sentence.clone().any(|(other, _, _)| *other == span) {
            return;
        }
        self.indirect.push((span, sentence, attribution));
    }

    /// Indices of the direct quotations (in text order, not overlapping) that overlap
    /// `span`, found by binary search.
    fn direct_overlapping(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let first = self.direct.partition_point(|(quote, _)| quote.end <= span.start);
        (first..self.direct.len()).take_while(move |&at| self.direct[at].0.start < span.end)
    }

    /// Direct quotations the tree did not attribute: a cue verb right after the
    /// closing mark, or before the opening mark, in the same sentence.
    fn attribute_by_order(&mut self, sentence: usize, tree: &Tree<'_>) {
        let first = self.article.segmentation.sentences[sentence].tokens.start;
        let tokens = &self.article.segmentation.tokens;
        let span_of = |w: usize| tokens[first + w];
        let sentence_span = self.article.segmentation.sentences[sentence].span;
        let here: Vec<usize> = self.direct_overlapping(sentence_span).collect();
        for d in here {
            let (quote, ref found) = self.direct[d];
            if found.is_some() {
                continue;
            }
            let after = (0..tree.len()).filter(|&w| span_of(w).start >= quote.end);
            let before = (0..tree.len()).rev().filter(|&w| span_of(w).end <= quote.start);
            let last_in = (0..tree.len()).any(|w| span_of(w).start < quote.end && span_of(w).end >= quote.end);
            let first_in = (0..tree.len()).any(|w| span_of(w).start <= quote.start && quote.start < span_of(w).end);
            // The words after the closing mark first ("“…,” he said"), then those
            // before the opening one ("He said: “…”"), each up to another quotation.
            let mut candidates: Vec<usize> = Vec::new();
            if last_in {
                candidates.extend(after.take_while(|&w| !is_opening_mark(tree, w)));
            }
            if first_in {
                candidates.extend(before.take_while(|&w| !is_closing_mark(tree, w)));
            }
            let cue = candidates.into_iter().find(|&w| tree.is_verbal(w) && self.cues.get(&tree.lemmas[w]).is_some());
            // "“…,” said Lavrov": an inverted speaker follows the cue.
            let speaker_word = |verb: usize| {
                subject_of(tree, verb).or_else(|| {
                    tree.children[verb].iter().copied().find(|&c| c > verb && matches!(tree.base(c), "obj" | "nsubj"))
                })
            };
            if let Some((verb, subject)) = cue.and_then(|verb| Some((verb, speaker_word(verb)?))) {
                let speaker = self.speaker(sentence, tree, subject);
                self.direct[d].1 = Some(Attribution { cue: Some(self.cue_of(sentence, tree, verb)), speaker });
            }
        }
    }

    /// Paragraphs ending in a line that is only a person's name and role.
    fn pull_quotes(&mut self) {
        let sentences = &self.article.segmentation.sentences;
        for s in 1..sentences.len() {
            let last_of_paragraph = sentences.get(s + 1).is_none_or(|next| next.paragraph != sentences[s].paragraph);
            if !last_of_paragraph || sentences[s - 1].paragraph != sentences[s].paragraph {
                continue;
            }
            let Some(speaker) = self.name_line(s) else {
                continue;
            };
            let first =
                (0..s).rev().take_while(|&p| sentences[p].paragraph == sentences[s].paragraph).last().unwrap_or(s);
            let span = Span::new(sentences[first].span.start, sentences[s - 1].span.end);
            let span = self.strip_marks(span);
            let attribution = Attribution { cue: None, speaker: Some(speaker) };
            self.indirect.retain(|(other, _, _)| !overlaps(*other, span));
            let mut covered = false;
            for (quote, found) in self.direct.iter_mut().filter(|(quote, _)| overlaps(*quote, span)) {
                *quote = Span::new(quote.start.min(span.start), quote.end.max(span.end));
                *found = Some(attribution.clone());
                covered = true;
            }
            if !covered {
                self.direct.push((span, Some(attribution)));
            }
        }
    }

    fn strip_marks(&self, span: Span) -> Span {
        let text = self.article.text();
        let inner = span.of(text);
        let start = span.start + (inner.len() - inner.trim_start_matches(['"', '“', '«']).len());
        let trimmed = inner.trim_end_matches(['"', '”', '»']);
        Span::new(start, (span.start + trimmed.len()).max(start))
    }

    /// A sentence with no verb and no closing punctuation that opens with a person's
    /// name: the speaker it names.
    fn name_line(&self, s: usize) -> Option<Speaker> {
        let analysis = &self.article.analyses[s];
        let words = self.article.words(s);
        if words.is_empty() || words.len() > MAX_NAME_LINE_WORDS {
            return None;
        }
        let verbal = analysis.tags.iter().any(|tag| matches!(tag.upos_name(), "VERB" | "AUX"));
        let closed = words.last().is_some_and(|word| matches!(*word, "." | "!" | "?" | "”" | "\""));
        if verbal || closed {
            return None;
        }
        let index = self.mention_at(s, 0)?;
        let mention = &self.mentions[index];
        let person = matches!(mention.kind, MentionKind::Named | MentionKind::Surname) && mention.name.is_some();
        person.then(|| self.speaker_of_mention(index))
    }

    fn cue_of(&self, sentence: usize, tree: &Tree<'_>, verb: usize) -> (String, Span) {
        // "pointed out", "went on to say": the particle is part of the cue.
        let end =
            tree.children_by(verb, "compound:prt").filter(|&p| p == verb + 1).map(|p| p + 1).next().unwrap_or(verb + 1);
        let span = self.article.words_span(sentence, verb..end);
        (span.of(self.article.text()).to_string(), span)
    }

    /// The speaker whose head word is `word`: the actor mention covering it, else a
    /// person of the coreference chains, else the words of its phrase.
    fn speaker(&self, sentence: usize, tree: &Tree<'_>, word: usize) -> Option<Speaker> {
        if let Some(index) = self.mention_at(sentence, word) {
            return Some(self.speaker_of_mention(index));
        }
        // "Wheat farmer Tobias Wendt said": the role noun heads, the name is its appositive.
        let appositive = || {
            tree.children[word]
                .iter()
                .filter(|&&c| tree.base(c) == "appos")
                .find_map(|&c| self.people.person_at(sentence, c))
        };
        if let Some(person) = self.people.person_at(sentence, word).or_else(appositive) {
            return Some(Speaker {
                span: person.span,
                mention: None,
                name: self.people.name_of(person.entity).map(str::to_string),
                code: None,
                country: None,
            });
        }
        if let Some(body) = self.people.organisation_at(sentence, word) {
            let referent = &self.mentions[body.refers_to];
            return Some(Speaker {
                span: body.span,
                mention: None,
                name: None,
                code: Some(referent.code.clone()),
                country: referent.country.clone(),
            });
        }
        // No person and no actor: the words of the phrase ("the report", "Dauphin
        // Deposit Corp"), with no name, since nothing says it is a person.
        let extent = subtree(tree, word);
        Some(Speaker {
            span: self.article.words_span(sentence, extent),
            mention: None,
            name: None,
            code: None,
            country: None,
        })
    }

    /// The speaker named in `words` ("according to White House press secretary Jen
    /// Psaki"): the last mention there, which holds the head noun.
    fn phrase_speaker(&self, sentence: usize, tree: &Tree<'_>, words: Range<usize>) -> Option<Speaker> {
        let found = self.mentions_in(sentence).filter(|&m| {
            let mention = &self.mentions[m];
            mention.words.start >= words.start && mention.words.end <= words.end
        });
        if let Some(index) = found.last() {
            return Some(self.speaker_of_mention(index));
        }
        let head = words.clone().find(|&w| tree.heads[w].is_none_or(|head| !words.contains(&head)))?;
        self.speaker(sentence, tree, head)
    }

    fn speaker_of_mention(&self, index: usize) -> Speaker {
        let mention = &self.mentions[index];
        let referent = mention.refers_to.and_then(|r| self.mentions.get(r));
        let name = mention.name.clone().or_else(|| referent.and_then(|r| r.name.clone()));
        let name = name.or_else(|| self.people.name_at_span(mention.span).map(str::to_string));
        Speaker {
            span: mention.span,
            mention: Some(index),
            name,
            code: Some(mention.code.clone()),
            country: mention.country.clone(),
        }
    }

    fn mentions_in(&self, sentence: usize) -> impl Iterator<Item = usize> + '_ {
        let start = self.mentions.partition_point(|m| m.sentence < sentence);
        let end = self.mentions.partition_point(|m| m.sentence <= sentence);
        start..end
    }

    /// The shortest actor mention of `sentence` covering `word`.
    fn mention_at(&self, sentence: usize, word: usize) -> Option<usize> {
        self.mentions_in(sentence)
            .filter(|&m| self.mentions[m].words.contains(&word))
            .min_by_key(|&m| self.mentions[m].words.len())
    }

    /// Direct quotations still without a speaker take the one a cue-ending sentence
    /// before them introduces ("He said:"), else the speaker of the quotation just
    /// before in the same or the previous paragraph: the same voice, carried on.
    fn finish(mut self) -> Vec<Quote> {
        let sentences = &self.article.segmentation.sentences;
        let sentence_of =
            |at: usize| sentences.partition_point(|s| s.span.end <= at).min(sentences.len().saturating_sub(1));
        let mut quotes: Vec<Quote> = Vec::new();
        for (span, sentence, attribution) in self.indirect.drain(..) {
            quotes.push(quote(span, QuoteKind::Indirect, sentence, attribution));
        }
        self.direct.sort_by_key(|(span, _)| span.start);
        let mut previous: Option<(usize, Attribution)> = None;
        for (span, found) in self.direct.drain(..) {
            let sentence = sentence_of(span.start);
            let paragraph = sentences.get(sentence).map_or(0, |s| s.paragraph);
            let attribution = match found {
                Some(found) => found,
                None => match &previous {
                    Some((earlier, carried)) if paragraph <= earlier + 1 => {
                        Attribution { cue: None, speaker: carried.speaker.clone() }
                    }
                    _ => Attribution { cue: None, speaker: None },
                },
            };
            if attribution.speaker.is_some() {
                previous = Some((paragraph, attribution.clone()));
            }
            quotes.push(quote(span, QuoteKind::Direct, sentence, attribution));
        }
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        quotes
    }
}

/// Events whose trigger lies inside a quotation carry its index (the innermost one)
/// and, unless the event coder found a reporter, the quotation's speaker as reporter.
pub fn attach_events(quotes: &[Quote], events: &mut [Event]) {
    for event in events {
        let inside = quotes
            .iter()
            .enumerate()
            .filter(|(_, quote)| quote.span.start <= event.trigger.start && event.trigger.end <= quote.span.end)
            .min_by_key(|(_, quote)| quote.span.end - quote.span.start);
        if let Some((index, quote)) = inside {
            event.quote = Some(index);
            if event.reporter.is_none() {
                event.reporter = quote.speaker.as_ref().and_then(|speaker| speaker.mention);
            }
        }
    }
}

fn quote(span: Span, kind: QuoteKind, sentence: usize, attribution: Attribution) -> Quote {
    let (cue, cue_span) = match attribution.cue {
        Some((cue, span)) => (Some(cue), Some(span)),
        None => (None, None),
    };
    Quote { span, kind, cue, cue_span, sentence, speaker: attribution.speaker }
}

/// The speaker of a cue verb: its active subject, or the subject of the cue it is
/// conjoined with ("said and added that"), or the speaker after an inverted cue.
fn subject_of(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    let own = tree.children[verb].iter().copied().find(|&child| tree.relations[child] == "nsubj");
    own.or_else(|| {
        let head = tree.heads[verb].filter(|_| tree.base(verb) == "conj")?;
        tree.children[head].iter().copied().find(|&child| tree.relations[child] == "nsubj")
    })
    .or_else(|| inverted_speaker(tree, verb))
}

/// "“…,” said coach Tomas Berglund.": news puts the speaker after a cue that follows
/// the quotation, and the parser, rarely trained on that order, may hang the noun
/// phrase anywhere. Read it from the word order: the nominal run right after the cue,
/// its last proper noun (else its last noun) as head.
fn inverted_speaker(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    let before = verb.checked_sub(1)?;
    if !(is_closing_mark(tree, before) || tree.words[before] == "," || tree.words[before] == "\"") {
        return None;
    }
    let run = verb + 1
        ..(verb + 1..tree.len())
            .find(|&w| !matches!(tree.upos[w], "NOUN" | "PROPN" | "DET" | "ADJ"))
            .unwrap_or(tree.len());
    run.clone().rev().find(|&w| tree.upos[w] == "PROPN").or_else(|| run.rev().find(|&w| tree.upos[w] == "NOUN"))
}

/// "X, he said." and "X, declared Y.": a cue closing the sentence after a comma,
/// hung on the clause before it (as `conj`, `parataxis` or `ccomp`), reports that
/// clause; its speaker is its subject, or the noun after it when inverted.
fn parenthetical(tree: &Tree<'_>, verb: usize) -> Option<(Range<usize>, usize)> {
    let head = tree.heads[verb].filter(|&head| head < verb)?;
    if !(tree.base(verb) == "conj" || hung_on_clause(tree, verb)) {
        return None;
    }
    let own = tree.extent(verb);
    let after_comma = tree.words[own.start] == "," || own.start > 0 && tree.words[own.start - 1] == ",";
    let closes = (own.end..tree.len()).all(|w| is_punct(tree, w));
    if !after_comma || !closes || tree.children[verb].iter().any(|&c| tree.base(c) == "ccomp") {
        return None;
    }
    let speaker = tree.children[verb].iter().copied().find(|&c| tree.base(c) == "nsubj").or_else(|| {
        tree.children[verb]
            .iter()
            .copied()
            .find(|&c| c > verb && matches!(tree.base(c), "obj" | "iobj" | "nsubj" | "obl"))
    })?;
    let content = trim_punct(tree, tree.extent(head).start..own.start);
    (content.len() >= 2).then_some((content, speaker))
}

/// Whether `verb` hangs on the clause it reports as a cue does ("X, he said"): as
/// `parataxis` or `ccomp`, or as an `advcl` with a subject of its own and no mark, which
/// is how the parser sometimes labels the same attachment (a true adverbial clause has
/// "because", "when" or "if"; one without a subject is a participle: "left, saying").
fn hung_on_clause(tree: &Tree<'_>, verb: usize) -> bool {
    match tree.base(verb) {
        "parataxis" | "ccomp" => true,
        "advcl" => {
            let has = |relation: &str| tree.children[verb].iter().any(|&c| tree.base(c) == relation);
            has("nsubj") && !has("mark")
        }
        _ => false,
    }
}

/// "said earlier that …": a that-clause the parser hung on a modifier of the cue
/// rather than on the cue itself.
fn that_clause(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    let has_that = |w: usize| tree.children[w].iter().any(|&c| tree.base(c) == "mark" && tree.upper[c] == "THAT");
    let clausal = |w: usize| w > verb && matches!(tree.base(w), "ccomp" | "advcl") && has_that(w);
    for &child in &tree.children[verb] {
        if clausal(child) {
            return Some(child);
        }
        if matches!(tree.base(child), "advmod" | "obl" | "obj") {
            if let Some(&inner) = tree.children[child].iter().find(|&&inner| clausal(inner)) {
                return Some(inner);
            }
        }
    }
    None
}

/// The words a cue verb reports: its clausal complement ("said that X"), the clause
/// it is parenthetical to ("X, he said"), or, for content cues, the rest of its clause
/// after it ("stressed the need for talks").
fn complement(tree: &Tree<'_>, verb: usize, role: ObjectRole) -> Option<Range<usize>> {
    let clausal = tree.children[verb].iter().copied().find(|&child| tree.base(child) == "ccomp");
    let clausal = clausal.or_else(|| that_clause(tree, verb));
    let words = if let Some(clause) = clausal {
        subtree(tree, clause)
    } else if let Some(head) = tree.heads[verb].filter(|&head| head < verb && hung_on_clause(tree, verb)) {
        let own = subtree(tree, verb);
        subtree(tree, head).start..own.start
    } else if let Some(inner) = tree.children[verb].iter().copied().find(|&c| c < verb && tree.base(c) == "parataxis") {
        subtree(tree, inner)
    } else if role == ObjectRole::Content {
        let object = tree.children[verb].iter().copied().find(|&child| tree.base(child) == "obj")?;
        let own = subtree(tree, verb);
        object.min(subtree(tree, object).start)..own.end
    } else {
        return None;
    };
    let mut words = trim_punct(tree, words);
    // "said that …": the complementizer is not what was said.
    while words.len() > 1 && tree.base(words.start) == "mark" && tree.upper[words.start] == "THAT" {
        words.start += 1;
    }
    (words.len() >= 2).then_some(words)
}

fn subtree(tree: &Tree<'_>, word: usize) -> Range<usize> {
    tree.extent(word)
}

fn is_punct(tree: &Tree<'_>, word: usize) -> bool {
    tree.upos[word] == "PUNCT"
}

fn is_opening_mark(tree: &Tree<'_>, word: usize) -> bool {
    matches!(tree.words[word], "“" | "«" | "„")
}

fn is_closing_mark(tree: &Tree<'_>, word: usize) -> bool {
    matches!(tree.words[word], "”" | "»")
}

fn trim_punct(tree: &Tree<'_>, mut words: Range<usize>) -> Range<usize> {
    words.end = words.end.min(tree.len());
    while words.start < words.end && is_punct(tree, words.start) {
        words.start += 1;
    }
    while words.end > words.start && is_punct(tree, words.end - 1) {
        words.end -= 1;
    }
    words
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tree::rows;

    /// "The army will leave by Friday , [opener] the minister told reporters ." with the cue
    /// hung on the main verb by `relation`, its subject as `subject` and the opener as (form, UPOS, relation).
    fn trailing_cue(
        relation: &'static str,
        subject: &'static str,
        opener: (&'static str, &'static str, &'static str),
    ) -> Tree<'static> {
        rows(&[
            ("The", "the", "DET", 2, "det"),
            ("army", "army", "NOUN", 4, "nsubj"),
            ("will", "will", "AUX", 4, "aux"),
            ("leave", "leave", "VERB", 0, "root"),
            ("by", "by", "ADP", 6, "case"),
            ("Friday", "Friday", "PROPN", 4, "obl"),
            (",", ",", "PUNCT", 11, "punct"),
            (opener.0, opener.0, opener.1, 11, opener.2),
            ("the", "the", "DET", 10, "det"),
            ("minister", "minister", "NOUN", 11, subject),
            ("told", "tell", "VERB", 4, relation),
            ("reporters", "reporter", "NOUN", 11, "obj"),
            (".", ".", "PUNCT", 4, "punct"),
        ])
    }

    #[test]
    fn a_trailing_cue_reports_the_clause_before_it_whichever_label_it_hangs_by() {
        for relation in ["parataxis", "ccomp", "advcl"] {
            let tree = trailing_cue(relation, "nsubj", ("also", "ADV", "advmod"));
            assert!(hung_on_clause(&tree, 10), "{relation}");
            assert_eq!(parenthetical(&tree, 10), Some((0..6, 9)), "{relation}");
        }
        // A true adverbial clause ("..., because the minister told reporters") and a
        // participle without a subject ("..., telling reporters") report nothing.
        assert!(!hung_on_clause(&trailing_cue("advcl", "nsubj", ("because", "SCONJ", "mark")), 10));
        assert!(!hung_on_clause(&trailing_cue("advcl", "obl", ("also", "ADV", "advmod")), 10));
    }
}
