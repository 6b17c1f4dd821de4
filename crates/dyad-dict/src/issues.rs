//! Issue lists (`Phoenix.IssueCoding.txt`): phrases tagging a sentence with topics.
//! `n:` adds the plural, `v:` the regular verb forms, `a+b` both `a b` and `a-b`;
//! `~` (and `~~`) lines are ignore phrases that cancel issue coding.

use crate::normalize::{noun_plural, phrase_words, verb_forms};
use crate::source::{bracketed, content_lines, trailing_message, FileCursor, Rule, Source, Warning};
use crate::trie::PhraseTrie;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    Code(String),
    /// A phrase whose presence cancels issue coding for the sentence.
    Ignore,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    /// The enclosing `<ISSUE CATEGORY="...">`, if any.
    pub category: Option<String>,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueMatch<'a> {
    pub len: usize,
    pub issue: &'a Issue,
}

pub struct IssueDictionary {
    trie: PhraseTrie,
    issues: Vec<Issue>,
    phrase_count: usize,
}

impl IssueDictionary {
    pub fn read(sources: &[Source<'_>], warnings: &mut Vec<Warning>) -> IssueDictionary {
        let mut dictionary = IssueDictionary { trie: PhraseTrie::new(), issues: Vec::new(), phrase_count: 0 };
        for source in sources {
            let mut cursor = FileCursor { file: source.name.into(), warnings };
            dictionary.read_file(source.text, &mut cursor);
        }
        dictionary
    }

    fn read_file(&mut self, text: &str, cursor: &mut FileCursor<'_>) {
        let mut category: Option<String> = None;
        for (line, content) in content_lines(text) {
            let trimmed = content.trim();
            if trimmed.starts_with("</ISSUE") {
                category = None;
            } else if trimmed.starts_with("<ISSUE") {
                category = attribute(trimmed, "CATEGORY");
            } else {
                match parse_issue_line(trimmed, &category, line, cursor) {
                    Ok((kind, phrases)) => self.add(kind, phrases, category.clone(), cursor.rule(line)),
                    Err(message) => cursor.warn(line, message),
                }
            }
        }
    }

    fn add(&mut self, kind: IssueKind, phrases: Vec<Vec<String>>, category: Option<String>, rule: Rule) {
        let value = self.issues.len() as u32;
        self.issues.push(Issue { kind, category, rule });
        for phrase in &phrases {
            self.trie.insert(phrase, value);
        }
        self.phrase_count += phrases.len();
    }

    /// The longest issue or ignore phrase starting at `tokens[start]`.
    pub fn lookup_at(&self, tokens: &[&str], start: usize) -> Option<IssueMatch<'_>> {
        let hit = self.trie.hits(tokens, start).into_iter().next()?;
        Some(IssueMatch { len: hit.len, issue: &self.issues[hit.value as usize] })
    }

    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Number of phrases after `n:`/`v:`/`+` expansion.
    pub fn phrase_count(&self) -> usize {
        self.phrase_count
    }
}

type IssueLine = (IssueKind, Vec<Vec<String>>);

/// Reads `phrase [CODE]` or `~phrase`. Entries without a code inside a category
/// block take the category's name, which is what the file's authors relied on.
fn parse_issue_line(
    text: &str,
    category: &Option<String>,
    line: u32,
    cursor: &mut FileCursor<'_>,
) -> Result<IssueLine, String> {
    let split = bracketed(text)?;
    if !split.trailing.is_empty() {
        cursor.warn(line, trailing_message(split.trailing));
    }
    if split.groups.iter().any(|group| *group != split.groups[0]) {
        cursor.warn(line, "several different codes; the first is used");
    }
    let phrase = split.head.trim();
    let (kind, phrase) = match phrase.strip_prefix('~') {
        Some(rest) => (IssueKind::Ignore, rest.trim_start_matches('~')),
        None => match (split.groups.first(), category) {
            (Some(code), _) => (IssueKind::Code(code.to_string()), phrase),
            (None, Some(category)) => (IssueKind::Code(category.clone()), phrase),
            (None, None) => return Err("issue line needs a [code] or an enclosing category".to_string()),
        },
    };
    let phrases = expand_phrase(phrase);
    if phrases.is_empty() {
        return Err("issue line without a phrase".to_string());
    }
    Ok((kind, phrases))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// All token sequences one issue phrase stands for.
fn expand_phrase(phrase: &str) -> Vec<Vec<String>> {
    let mut variants = vec![String::new()];
    for word in phrase.split_whitespace() {
        let forms = word_variants(word);
        variants =
            variants.iter().flat_map(|prefix| forms.iter().map(move |form| format!("{prefix} {form}"))).collect();
    }
    variants.iter().map(|text| phrase_words(text)).filter(|words| !words.is_empty()).collect()
}

/// `pre+n:school` → `PRE SCHOOL`, `PRE SCHOOLS`, `PRE-SCHOOL`, `PRE-SCHOOLS`.
fn word_variants(word: &str) -> Vec<String> {
    let mut parts = word.split('+');
    let mut variants = part_forms(parts.next().unwrap_or_default());
    for part in parts {
        let forms = part_forms(part);
        variants = variants
            .iter()
            .flat_map(|prefix| {
                forms.iter().flat_map(move |form| [format!("{prefix} {form}"), format!("{prefix}-{form}")])
            })
            .collect();
    }
    variants
}

fn part_forms(part: &str) -> Vec<String> {
    if let Some(noun) = part.strip_prefix("n:") {
        let noun = noun.to_uppercase();
        return noun_plural(&noun).into_iter().chain([noun.clone()]).collect();
    }
    if let Some(verb) = part.strip_prefix("v:") {
        let verb = verb.to_uppercase();
        return [verb.clone()].into_iter().chain(verb_forms(&verb)).collect();
    }
    vec![part.to_uppercase()]
}
