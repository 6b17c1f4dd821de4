//! Verb dictionaries: synsets (`&NAME`), verb blocks (`--- NAME [code] ---`, verbs,
//! `-` patterns) and `~` transformations, in PETRARCH2 (`CAMEO.2.0.txt`) and
//! TABARI/PETRARCH1 (`CAMEO.verbpatterns.150430.txt`) syntax.

use std::collections::BTreeMap;

use crate::normalize::{noun_plural, phrase_words, verb_forms};
use crate::pattern::{parse_pattern, synset_key, EventCode, Pattern};
use crate::source::{
    bracketed, commented_lines, split_brackets, trailing_message, Bracketed, FileCursor, Rule, Source, Warning,
};
use crate::trie::FastMap;

/// Which pattern syntax a verb file uses. Both share one reader and one in-memory
/// model; the format tells the coder how to interpret blanks between pattern words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbFormat {
    /// PETRARCH2: `{noun phrases}`, `(prepositional phrases)`, parse-tree matching.
    Petrarch2,
    /// TABARI / PETRARCH1: flat word sequences, `_` = adjacent, blank = words may
    /// intervene.
    Tabari,
}

/// A (possibly multi-word) verb: `+CORDON_OFF` has words `[CORDON, OFF]`, head 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPhrase {
    pub words: Vec<String>,
    pub head: usize,
}

impl VerbPhrase {
    pub fn head_word(&self) -> &str {
        &self.words[self.head]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    pub lemma: VerbPhrase,
    /// Inflected forms: the `{...}` list, or generated regular forms.
    pub forms: Vec<VerbPhrase>,
    /// The verb's own `[code]`; otherwise the block's applies.
    pub code: Option<EventCode>,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    /// `None` when the header has no code (PETRARCH's null code).
    pub code: Option<EventCode>,
    pub verbs: Vec<Verb>,
    pub patterns: Vec<Pattern>,
    pub rule: Rule,
}

/// `&NAME`: phrases (with generated plurals) that a pattern item `&NAME` stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    pub name: String,
    pub phrases: Vec<Vec<String>>,
    /// Defined as `&NAME_`: no plurals generated.
    pub no_plurals: bool,
    pub rule: Rule,
}

/// One `(source target verb)` clause of a transformation; `.` is an unspecified and
/// `_` an absent actor, `Q` any verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub source: String,
    pub target: String,
    pub verb: String,
}

/// `~ a (a b ATTACK) SAY = a b 015`: the outer source `a` SAYs that `a` attacks `b`,
/// giving `a b 015`. `result.verb` holds the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    pub source: String,
    pub lower: Clause,
    pub verb: String,
    pub result: Clause,
    pub rule: Rule,
}

/// A verb found by lemma or form, with its block (patterns and default code).
#[derive(Debug, Clone, Copy)]
pub struct VerbMatch<'a> {
    pub verb: &'a Verb,
    pub block: &'a VerbBlock,
}

impl<'a> VerbMatch<'a> {
    /// The verb's own code, else the block's.
    pub fn code(&self) -> Option<&'a EventCode> {
        self.verb.code.as_ref().or(self.block.code.as_ref())
    }

    pub fn patterns(&self) -> &'a [Pattern] {
        &self.block.patterns
    }

    /// Whether a pattern of the block applies to this verb: a phrasal pattern ("* ON")
    /// or one reading only the subject ("&MILITARY *") written for another verb of the
    /// block does not.
    pub fn applies(&self, pattern: &Pattern) -> bool {
        !pattern.idiom || self.written_for(pattern)
    }
}

impl VerbMatch<'_> {
    /// Whether the pattern's comment names this very verb: among equally specific
    /// patterns of a block, the one written for the verb reads it best ("deploy
    /// troops" is 154 as written for DEPLOY, not SEND's 062).
    pub fn written_for(&self, pattern: &Pattern) -> bool {
        pattern.origin.as_deref().is_some_and(|origin| names_verb(origin, self.verb))
    }
}

/// Whether a comment's word names `verb` (by lemma, or by the form the pattern was
/// written from: `# RALLIED`).
fn names_verb(name: &str, verb: &Verb) -> bool {
    let phrase_named =
        |phrase: &VerbPhrase| name == phrase.head_word() || name.split('_').eq(phrase.words.iter().map(String::as_str));
    phrase_named(&verb.lemma) || verb.forms.iter().any(phrase_named)
}

type VerbRef = (u32, u32);

pub struct VerbDictionary {
    format: VerbFormat,
    blocks: Vec<VerbBlock>,
    /// For each block, the index of the source it was read from: a verb defined again
    /// in a later source (an overlay) replaces the earlier definitions.
    block_sources: Vec<u32>,
    synsets: BTreeMap<String, Synset>,
    transformations: Vec<Transformation>,
    by_lemma: FastMap<String, Vec<VerbRef>>,
    by_form: FastMap<String, Vec<VerbRef>>,
}

impl VerbDictionary {
    pub fn read(format: VerbFormat, sources: &[Source<'_>], warnings: &mut Vec<Warning>) -> VerbDictionary {
        let mut dictionary = VerbDictionary {
            format,
            blocks: Vec::new(),
            block_sources: Vec::new(),
            synsets: BTreeMap::new(),
            transformations: Vec::new(),
            by_lemma: FastMap::default(),
            by_form: FastMap::default(),
        };
        for (index, source) in sources.iter().enumerate() {
            let mut cursor = FileCursor { file: source.name.into(), warnings };
            dictionary.read_file(source.text, &mut cursor);
            dictionary.block_sources.resize(dictionary.blocks.len(), index as u32);
        }
        dictionary.build_index();
        dictionary
    }

    fn read_file(&mut self, text: &str, cursor: &mut FileCursor<'_>) {
        // A block's verbs and patterns only count after its header in the same file.
        let first_block = self.blocks.len();
        let mut synset: Option<String> = None;
        for (line, content, comment) in commented_lines(text) {
            let trimmed = content.trim();
            let in_block = self.blocks.len() > first_block;
            if !trimmed.starts_with(['+', '&']) {
                synset = None;
            }
            let result = if let Some(header) = trimmed.strip_prefix("---") {
                self.read_header(header, line, cursor)
            } else if let Some(body) = trimmed.strip_prefix('~') {
                self.read_transformation(body, cursor.rule(line))
            } else if let Some(name) = trimmed.strip_prefix('&') {
                synset = Some(self.start_synset(name, line, cursor));
                Ok(())
            } else if let (Some(member), Some(name)) = (trimmed.strip_prefix('+'), &synset) {
                self.add_synset_member(name, member)
            } else if !in_block {
                Err("line outside any verb block or synset".to_string())
            } else if let Some(body) = trimmed.strip_prefix('-') {
                self.read_pattern(body, comment, cursor.rule(line))
            } else {
                // TABARI-era verb lines carry `;` comments (`SCRAP {...};shan 8/30/93`).
                let verb = trimmed.split(';').next().unwrap_or_default().trim();
                self.read_verb(verb, cursor.rule(line))
            };
            if let Err(message) = result {
                cursor.warn(line, message);
            }
        }
    }

    /// Always opens a block, even from a damaged header, so that the verbs and
    /// patterns below it are not filed under the previous block.
    fn read_header(&mut self, header: &str, line: u32, cursor: &mut FileCursor<'_>) -> Result<(), String> {
        let header = header.trim_end();
        let header = header.strip_suffix("---").unwrap_or(header);
        let split = bracketed(header).unwrap_or_else(|message| {
            cursor.warn(line, message);
            Bracketed { head: header.split('[').next().unwrap_or_default(), groups: Vec::new(), trailing: "" }
        });
        if !split.trailing.is_empty() {
            cursor.warn(line, trailing_message(split.trailing));
        }
        if split.groups.len() > 1 {
            cursor.warn(line, "verb block header with more than one [code]; the first is used");
        }
        let code = split.groups.first().and_then(|code| match EventCode::parse(code) {
            Ok(code) => Some(code),
            Err(message) => {
                cursor.warn(line, message);
                None
            }
        });
        let name = split.head.trim().to_string();
        let rule = cursor.rule(line);
        self.blocks.push(VerbBlock { name, code, verbs: Vec::new(), patterns: Vec::new(), rule });
        if split.head.trim().is_empty() {
            return Err("verb block header without a name".to_string());
        }
        Ok(())
    }

    fn start_synset(&mut self, name: &str, line: u32, cursor: &mut FileCursor<'_>) -> String {
        let raw = name.split_whitespace().next().unwrap_or_default();
        let key = synset_key(raw);
        let synset =
            Synset { name: key.clone(), phrases: Vec::new(), no_plurals: raw.ends_with('_'), rule: cursor.rule(line) };
        if self.synsets.insert(key.clone(), synset).is_some() {
            cursor.warn(line, format!("synset &{key} redefined; the later definition replaces it"));
        }
        key
    }

    fn add_synset_member(&mut self, name: &str, member: &str) -> Result<(), String> {
        let member = member.trim();
        let phrases = match member.strip_prefix('&') {
            Some(inner) => {
                let inner = self.synsets.get(&synset_key(inner)).ok_or_else(|| format!("undefined synset {member}"))?;
                inner.phrases.clone()
            }
            None => self.member_phrases(name, member)?,
        };
        let synset = self.synsets.get_mut(name).expect("current synset is defined");
        synset.phrases.extend(phrases);
        Ok(())
    }

    fn member_phrases(&self, name: &str, member: &str) -> Result<Vec<Vec<String>>, String> {
        let words = phrase_words(member);
        let Some((last, rest)) = words.split_last() else {
            return Err("empty synset member".to_string());
        };
        let mut phrases = Vec::new();
        if !self.synsets[name].no_plurals && !member.ends_with('_') {
            if let Some(plural) = noun_plural(last) {
                phrases.push(rest.iter().cloned().chain([plural]).collect());
            }
        }
        phrases.insert(0, words);
        Ok(phrases)
    }

    fn read_transformation(&mut self, body: &str, rule: Rule) -> Result<(), String> {
        let spaced = body.replace('(', " ( ").replace(')', " ) ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let [source, "(", lower_source, lower_target, lower_verb, ")", verb, "=", result_source, result_target, code] =
            tokens.as_slice()
        else {
            return Err("transformation is not of the form '~ a (a b VERB) VERB = a b CODE'".to_string());
        };
        let clause = |source: &str, target: &str, verb: &str| Clause {
            source: source.to_string(),
            target: target.to_string(),
            verb: verb.to_string(),
        };
        self.transformations.push(Transformation {
            source: source.to_string(),
            lower: clause(lower_source, lower_target, lower_verb),
            verb: verb.to_string(),
            result: clause(result_source, result_target, code),
            rule,
        });
        Ok(())
    }

    /// The comment's first word names the verb the pattern was written for; it counts
    /// only if that is a verb of the block (checked once the block is complete).
    fn read_pattern(&mut self, body: &str, comment: &str, rule: Rule) -> Result<(), String> {
        let synsets = &self.synsets;
        let mut pattern = parse_pattern(body, rule, &|name| synsets.contains_key(name))?;
        pattern.origin = comment
            .split_whitespace()
            .next()
            .filter(|word| word.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
            .map(str::to_uppercase);
        self.blocks.last_mut().expect("inside a block").patterns.push(pattern);
        Ok(())
    }

    fn read_verb(&mut self, line: &str, rule: Rule) -> Result<(), String> {
        let verb = parse_verb_line(line, rule)?;
        self.blocks.last_mut().expect("inside a block").verbs.push(verb);
        Ok(())
    }

    fn build_index(&mut self) {
        for block in &mut self.blocks {
            let verbs = &block.verbs;
            for pattern in &mut block.patterns {
                let named = pattern.origin.as_deref().is_some_and(|name| verbs.iter().any(|v| names_verb(name, v)));
                if !named {
                    pattern.origin = None;
                }
                pattern.idiom = named && (pattern.is_phrasal() || pattern.reads_subject_only());
            }
        }
        let mut latest: FastMap<&[String], u32> = FastMap::default();
        for (block, source) in self.blocks.iter().zip(&self.block_sources) {
            for verb in &block.verbs {
                let entry = latest.entry(verb.lemma.words.as_slice()).or_default();
                *entry = (*entry).max(*source);
            }
        }
        for (block_index, block) in self.blocks.iter().enumerate() {
            let source = self.block_sources[block_index];
            for (verb_index, verb) in block.verbs.iter().enumerate() {
                if latest.get(verb.lemma.words.as_slice()).is_some_and(|&newest| newest > source) {
                    continue;
                }
                let verb_ref = (block_index as u32, verb_index as u32);
                let lemma = verb.lemma.head_word().to_string();
                self.by_lemma.entry(lemma.clone()).or_default().push(verb_ref);
                let mut forms: Vec<&str> = verb.forms.iter().map(VerbPhrase::head_word).collect();
                forms.push(&lemma);
                forms.sort_unstable();
                forms.dedup();
                for form in forms {
                    self.by_form.entry(form.to_string()).or_default().push(verb_ref);
                }
            }
        }
    }

    /// Every verb whose (head) lemma is `lemma`, in file order; multi-word verbs such
    /// as `CORDON OFF` are found under `cordon`. Case-insensitive.
    pub fn lookup<'a>(&'a self, lemma: &str) -> impl Iterator<Item = VerbMatch<'a>> + 'a {
        self.find(&self.by_lemma, lemma)
    }

    /// Like [`lookup`](Self::lookup) but by inflected form (`said`, `attacked`) or lemma.
    pub fn lookup_form<'a>(&'a self, form: &str) -> impl Iterator<Item = VerbMatch<'a>> + 'a {
        self.find(&self.by_form, form)
    }

    fn find<'a>(
        &'a self,
        index: &'a FastMap<String, Vec<VerbRef>>,
        word: &str,
    ) -> impl Iterator<Item = VerbMatch<'a>> + 'a {
        let refs = index.get(&word.to_uppercase()).map(Vec::as_slice).unwrap_or_default();
        refs.iter().map(move |&(block, verb)| {
            let block = &self.blocks[block as usize];
            VerbMatch { verb: &block.verbs[verb as usize], block }
        })
    }

    pub fn format(&self) -> VerbFormat {
        self.format
    }

    pub fn blocks(&self) -> &[VerbBlock] {
        &self.blocks
    }

    pub fn synset(&self, name: &str) -> Option<&Synset> {
        self.synsets.get(&synset_key(name.trim_start_matches('&')))
    }

    /// All synsets, by name.
    pub fn synsets(&self) -> impl Iterator<Item = &Synset> {
        self.synsets.values()
    }

    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|block| block.patterns.len()).sum()
    }
}

/// `HURRY {HURRIES HURRYING HURRIED } [020]`, `+ASK_FOR {+ASKED_FOR ...}`, `WIRE_+TAP`.
/// The `{...}` and `[...]` parts are accepted in either order (`SNUB [111] {SNUBS}`).
fn parse_verb_line(line: &str, rule: Rule) -> Result<Verb, String> {
    let (without_forms, listed) = match line.split_once('{') {
        Some((before, rest)) => {
            let (forms, after) = rest.split_once('}').ok_or("unclosed '{'")?;
            (format!("{before} {after}"), Some(forms))
        }
        None => (line.to_string(), None),
    };
    let (lemma_text, groups) = split_brackets(&without_forms)?;
    let code = match groups.as_slice() {
        [] => None,
        [code] => Some(EventCode::parse(code)?),
        _ => return Err("verb with more than one [code]".to_string()),
    };
    let lemma = parse_verb_phrase(lemma_text.trim())?;
    let forms = match listed {
        Some(forms) => forms
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|form| !form.is_empty())
            .map(parse_verb_phrase)
            .collect::<Result<_, _>>()?,
        None => regular_forms(&lemma),
    };
    Ok(Verb { lemma, forms, code, rule })
}

fn parse_verb_phrase(text: &str) -> Result<VerbPhrase, String> {
    let valid = |c: char| c.is_alphanumeric() || "_+-'.".contains(c);
    if text.is_empty() || !text.chars().all(valid) {
        return Err(format!("not a verb or pattern: {text:?}"));
    }
    let mut head = None;
    let mut words = Vec::new();
    for word in text.split('_').filter(|word| !word.is_empty()) {
        if let Some(word) = word.strip_prefix('+') {
            if head.replace(words.len()).is_some() {
                return Err(format!("verb {text:?} marks more than one word with '+'"));
            }
            words.push(word.to_uppercase());
        } else {
            words.push(word.to_uppercase());
        }
    }
    if words.iter().any(String::is_empty) || words.is_empty() {
        return Err(format!("not a verb: {text:?}"));
    }
    Ok(VerbPhrase { words, head: head.unwrap_or(0) })
}

fn regular_forms(lemma: &VerbPhrase) -> Vec<VerbPhrase> {
    verb_forms(lemma.head_word())
        .into_iter()
        .map(|form| {
            let mut words = lemma.words.clone();
            words[lemma.head] = form;
            VerbPhrase { words, head: lemma.head }
        })
        .collect()
}
