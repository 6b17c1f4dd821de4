//! Actor dictionaries (`Phoenix.*.actors.txt`, TABARI `.actors`): phrases with
//! synonyms and date-restricted codes, compiled into a longest-match phrase trie.

use chrono::NaiveDate;

use crate::date::DateRestriction;
use crate::source::{bracketed, content_lines, trailing_message, FileCursor, Rule, Source, Warning};
use crate::trie::PhraseTrie;

/// One code of an actor and the dates it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub when: DateRestriction,
    pub rule: Rule,
}

/// A primary phrase with its `+` synonyms, all sharing these codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub codes: Vec<DatedCode>,
    pub rule: Rule,
}

impl Actor {
    /// The code for an article dated `date`: the first date-restricted code whose range
    /// contains it, otherwise the first unrestricted (default) code.
    pub fn code_on(&self, date: NaiveDate) -> Option<&str> {
        let restricted = self.codes.iter().find(|code| code.when != DateRestriction::Always && code.when.admits(date));
        restricted
            .or_else(|| self.codes.iter().find(|code| code.when == DateRestriction::Always))
            .map(|code| code.code.as_str())
    }
}

/// A phrase found in the text: `len` tokens from the start position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMatch<'a> {
    pub len: usize,
    pub code: &'a str,
    /// The line of the phrase (primary or `+` synonym) that matched.
    pub rule: &'a Rule,
    pub actor: &'a Actor,
}

struct Phrase {
    actor: u32,
    rule: Rule,
}

/// All actor phrases from one or more files.
pub struct ActorDictionary {
    trie: PhraseTrie,
    actors: Vec<Actor>,
    phrases: Vec<Phrase>,
}

impl ActorDictionary {
    /// Reads the files in order; on identical phrases the earlier file wins.
    pub fn read(sources: &[Source<'_>], warnings: &mut Vec<Warning>) -> ActorDictionary {
        let mut dictionary = ActorDictionary { trie: PhraseTrie::new(), actors: Vec::new(), phrases: Vec::new() };
        // About one phrase per 40 bytes in the Phoenix files.
        dictionary.trie.reserve(sources.iter().map(|source| source.text.len() / 40).sum());
        for source in sources {
            let mut cursor = FileCursor { file: source.name.into(), warnings };
            dictionary.read_file(source.text, &mut cursor);
        }
        dictionary
    }

    fn read_file(&mut self, text: &str, cursor: &mut FileCursor<'_>) {
        let mut pending: Option<Pending<'_>> = None;
        for (line, content) in content_lines(text) {
            // TABARI-era files comment with `;` (`JAMES_BYRNES_  ; CountryInfo.txt`).
            let content = content.split(';').next().unwrap_or_default();
            let trimmed = content.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(synonym) = trimmed.strip_prefix('+') {
                match pending.as_mut() {
                    Some(entry) => entry.add_phrase(synonym, line, cursor),
                    None => cursor.warn(line, "synonym '+' before any actor"),
                }
            } else if content.starts_with(char::is_whitespace) && trimmed.starts_with('[') {
                match pending.as_mut() {
                    Some(entry) => {
                        entry.add_codes(trimmed, line, cursor);
                    }
                    None => cursor.warn(line, "date restriction before any actor"),
                }
            } else {
                // Phrase lines without codes share the codes that follow them, as in
                // PETRARCH: the Phoenix files list aliases this way.
                let entry = match pending.take() {
                    Some(entry) if entry.codes.is_empty() => entry,
                    previous => {
                        if let Some(previous) = previous {
                            self.finish(previous, cursor);
                        }
                        Pending { line, phrases: Vec::new(), codes: Vec::new() }
                    }
                };
                let entry = pending.insert(entry);
                entry.add_phrase(trimmed, line, cursor);
            }
        }
        if let Some(entry) = pending {
            self.finish(entry, cursor);
        }
    }

    fn finish(&mut self, entry: Pending<'_>, cursor: &mut FileCursor<'_>) {
        if entry.codes.is_empty() {
            cursor.warn(entry.line, "actor has no code");
            return;
        }
        if entry.phrases.is_empty() {
            return;
        }
        let actor = self.actors.len() as u32;
        self.actors.push(Actor { codes: entry.codes, rule: cursor.rule(entry.line) });
        for (text, line) in entry.phrases {
            let phrase = self.phrases.len() as u32;
            self.phrases.push(Phrase { actor, rule: cursor.rule(line) });
            self.trie.insert_phrase(text, phrase);
        }
    }

    /// The longest phrase starting at `tokens[start]` that has a code on `date`.
    /// A longer phrase whose codes all lie outside the date gives way to a shorter one.
    pub fn lookup_at(&self, tokens: &[&str], start: usize, date: NaiveDate) -> Option<ActorMatch<'_>> {
        self.trie.hits(tokens, start).into_iter().find_map(|hit| {
            let phrase = &self.phrases[hit.value as usize];
            let actor = &self.actors[phrase.actor as usize];
            let code = actor.code_on(date)?;
            Some(ActorMatch { len: hit.len, code, rule: &phrase.rule, actor })
        })
    }

    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// Number of phrases (primary and synonyms).
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }
}

/// An actor being read: its phrases (as written) and codes so far.
struct Pending<'t> {
    line: u32,
    phrases: Vec<(&'t str, u32)>,
    codes: Vec<DatedCode>,
}

impl<'t> Pending<'t> {
    fn add_phrase(&mut self, text: &'t str, line: u32, cursor: &mut FileCursor<'_>) {
        let Some(phrase) = self.add_codes(text, line, cursor) else {
            return;
        };
        if phrase.chars().all(|c| c == '_' || c.is_whitespace()) {
            return cursor.warn(line, "actor line without a phrase");
        }
        self.phrases.push((phrase, line));
    }

    /// Adds the line's codes and returns the text before them. Text after the codes
    /// (a forgotten `#` in front of a comment) is reported but does not lose the codes.
    fn add_codes(&mut self, text: &'t str, line: u32, cursor: &mut FileCursor<'_>) -> Option<&'t str> {
        let split = match bracketed(text) {
            Ok(split) => split,
            Err(message) => {
                cursor.warn(line, message);
                return None;
            }
        };
        if !split.trailing.is_empty() {
            cursor.warn(line, trailing_message(split.trailing));
        }
        for group in split.groups {
            self.add_code(group, line, cursor);
        }
        Some(split.head)
    }

    fn add_code(&mut self, group: &str, line: u32, cursor: &mut FileCursor<'_>) {
        match parse_dated_code(group) {
            Ok((code, when)) => self.codes.push(DatedCode { code, when, rule: cursor.rule(line) }),
            Err(message) => cursor.warn(line, message),
        }
    }
}

/// `CODE`, `CODE >date`, `CODE <date` or `CODE date-date`.
pub(crate) fn parse_dated_code(group: &str) -> Result<(String, DateRestriction), String> {
    let (code, restriction) = match group.split_once(char::is_whitespace) {
        Some((code, rest)) => (code, rest),
        None => (group, ""),
    };
    let looks_like_date = code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>');
    if code.is_empty() || looks_like_date {
        return Err(format!("code missing in [{group}]"));
    }
    let when = DateRestriction::parse(restriction)?;
    Ok((code.to_string(), when))
}
