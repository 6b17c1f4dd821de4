//! Agent dictionaries (`Phoenix.agents.txt`): role nouns such as `FOREIGN_MINISTER
//! [~GOVFRM]` with generated plurals and `!NAME!` substitution sets.

use std::collections::HashMap;

use crate::normalize::{noun_plural, phrase_words};
use crate::source::{content_lines, split_brackets, FileCursor, Rule, Source, Warning};
use crate::trie::PhraseTrie;

/// Which side of the actor code the agent code goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended, `USA` + `GOV` = `USAGOV`.
    AfterActor,
    /// `[NGO~]`: prepended, usually for organisations.
    BeforeActor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The code without its `~`.
    pub code: String,
    pub placement: AgentPlacement,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentMatch<'a> {
    pub len: usize,
    pub code: &'a str,
    pub placement: AgentPlacement,
    pub rule: &'a Rule,
}

pub struct AgentDictionary {
    trie: PhraseTrie,
    agents: Vec<Agent>,
    phrase_count: usize,
}

impl AgentDictionary {
    pub fn read(sources: &[Source<'_>], warnings: &mut Vec<Warning>) -> AgentDictionary {
        let mut dictionary = AgentDictionary { trie: PhraseTrie::new(), agents: Vec::new(), phrase_count: 0 };
        for source in sources {
            let mut cursor = FileCursor { file: source.name.into(), warnings };
            dictionary.read_file(source.text, &mut cursor);
        }
        dictionary
    }

    fn read_file(&mut self, text: &str, cursor: &mut FileCursor<'_>) {
        // Substitution sets are per file, as in PETRARCH.
        let mut substitutions: HashMap<String, Vec<String>> = HashMap::new();
        for (line, content) in content_lines(text) {
            let trimmed = content.trim();
            if let Some((name, items)) = substitution_set(trimmed) {
                substitutions.insert(name, items);
                continue;
            }
            match parse_agent_line(trimmed, &substitutions) {
                Ok(entry) => self.add(entry, cursor.rule(line)),
                Err(message) => cursor.warn(line, message),
            }
        }
    }

    fn add(&mut self, entry: AgentLine, rule: Rule) {
        let value = self.agents.len() as u32;
        self.agents.push(Agent { code: entry.code, placement: entry.placement, rule });
        for phrase in &entry.phrases {
            self.trie.insert(phrase, value);
        }
        self.phrase_count += entry.phrases.len();
    }

    /// The longest agent phrase starting at `tokens[start]`.
    pub fn lookup_at(&self, tokens: &[&str], start: usize) -> Option<AgentMatch<'_>> {
        let hit = self.trie.hits(tokens, start).into_iter().next()?;
        let agent = &self.agents[hit.value as usize];
        Some(AgentMatch { len: hit.len, code: &agent.code, placement: agent.placement, rule: &agent.rule })
    }

    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    /// Number of phrases after plural and substitution expansion.
    pub fn phrase_count(&self) -> usize {
        self.phrase_count
    }
}

/// `!PERSON! = MAN, MEN, WOMAN` → (`PERSON`, [MAN, MEN, WOMAN]).
fn substitution_set(line: &str) -> Option<(String, Vec<String>)> {
    let (marker, items) = line.split_once('=')?;
    let name = marker.trim().strip_prefix('!')?.strip_suffix('!')?;
    let items = items.split(',').map(|item| item.trim().to_uppercase()).filter(|item| !item.is_empty());
    Some((name.to_uppercase(), items.collect()))
}

struct AgentLine {
    phrases: Vec<Vec<String>>,
    code: String,
    placement: AgentPlacement,
}

fn parse_agent_line(line: &str, substitutions: &HashMap<String, Vec<String>>) -> Result<AgentLine, String> {
    let (head, groups) = split_brackets(line)?;
    let [group] = groups.as_slice() else {
        return Err(format!("expected one [code], found {}", groups.len()));
    };
    let (code, placement) = parse_agent_code(group)?;
    let (phrase, plurals) = split_plurals(head)?;
    let expanded = expand_substitutions(phrase.trim(), substitutions)?;
    let substituted = expanded.len() > 1 || phrase.contains('!');
    let mut phrases = Vec::new();
    for text in &expanded {
        let words = phrase_words(text);
        if words.is_empty() {
            return Err("agent line without a phrase".to_string());
        }
        if plurals.is_none() && !substituted {
            phrases.extend(regular_plural(&words));
        }
        phrases.push(words);
    }
    for plural in plurals.unwrap_or_default() {
        phrases.push(phrase_words(plural));
    }
    Ok(AgentLine { phrases, code, placement })
}

fn parse_agent_code(group: &str) -> Result<(String, AgentPlacement), String> {
    let code = group.trim();
    if let Some(rest) = code.strip_prefix('~') {
        return valid_code(rest).map(|code| (code, AgentPlacement::AfterActor));
    }
    if let Some(rest) = code.strip_suffix('~') {
        return valid_code(rest).map(|code| (code, AgentPlacement::BeforeActor));
    }
    Err(format!("agent code [{group}] has no '~'"))
}

fn valid_code(code: &str) -> Result<String, String> {
    let code = code.trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        return Err(format!("bad agent code {code:?}"));
    }
    Ok(code.to_string())
}

/// Splits `PHRASE {PLURAL ...}`; `{}` means no plural at all.
fn split_plurals(head: &str) -> Result<(&str, Option<Vec<&str>>), String> {
    let Some(open) = head.find('{') else {
        return Ok((head, None));
    };
    let close = head.find('}').ok_or("unclosed '{'")?;
    if close < open || !head[close + 1..].trim().is_empty() {
        return Err("text after '{...}'".to_string());
    }
    Ok((&head[..open], Some(head[open + 1..close].split_whitespace().collect())))
}

fn regular_plural(words: &[String]) -> Option<Vec<String>> {
    let (last, rest) = words.split_last()?;
    let mut plural = rest.to_vec();
    plural.push(noun_plural(last)?);
    Some(plural)
}

/// Every combination of the `!NAME!` markers in `phrase`, each replaced by one item
/// of its set.
fn expand_substitutions(phrase: &str, substitutions: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(open) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let close = phrase[open + 1..].find('!').map(|at| open + 1 + at).ok_or("unclosed '!' marker")?;
    let name = phrase[open + 1..close].to_uppercase();
    let items = substitutions.get(&name).ok_or_else(|| format!("undefined substitution set !{name}!"))?;
    let tails = expand_substitutions(&phrase[close + 1..], substitutions)?;
    let mut expanded = Vec::with_capacity(items.len() * tails.len());
    for item in items {
        for tail in &tails {
            expanded.push(format!("{}{item}{tail}", &phrase[..open]));
        }
    }
    Ok(expanded)
}
