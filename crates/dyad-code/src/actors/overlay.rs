//! The actor overlay format (`dictionaries/overlay/README.md`): dated codes of current
//! people, metonyms, extra actors, role nouns and gender words.
//!
//! ```text
//! [section]                              people (default), actors, metonyms, roles, gender
//! PHRASE; PHRASE | ALTERNATIVE | ...     ALTERNATIVE: CODE, CODE FROM..UNTIL, CODE near W, W
//! ```

use std::sync::Arc;

use chrono::NaiveDate;
use dyad_dict::{normalize_token, phrase_words, Rule, Source, Warning};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    People,
    Actors,
    Metonyms,
    Roles,
    Gender,
}

impl Section {
    const ALL: [Section; 5] = [Section::People, Section::Actors, Section::Metonyms, Section::Roles, Section::Gender];

    fn parse(name: &str) -> Option<Section> {
        match name.trim().to_ascii_lowercase().as_str() {
            "people" => Some(Section::People),
            "actors" => Some(Section::Actors),
            "metonyms" => Some(Section::Metonyms),
            "roles" => Some(Section::Roles),
            "gender" => Some(Section::Gender),
            _ => None,
        }
    }
}

/// When an alternative applies.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    Always,
    /// Inclusive; `None` is an open end.
    Dates(Option<NaiveDate>, Option<NaiveDate>),
    /// Normalised words, any of which must occur near the mention.
    Near(Vec<String>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub code: String,
    pub when: When,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub section: Section,
    /// The first phrase as written: a person's canonical name.
    pub name: String,
    pub alternatives: Vec<Alternative>,
    pub rule: Rule,
}

impl Entry {
    /// The code on `date`; `near` tells whether a word occurs around the mention.
    pub fn code_on(&self, date: NaiveDate, near: impl Fn(&str) -> bool) -> Option<&str> {
        let applies = |alternative: &&Alternative| match &alternative.when {
            When::Always => true,
            When::Dates(from, until) => from.is_none_or(|from| from <= date) && until.is_none_or(|until| date <= until),
            When::Near(words) => words.iter().any(|word| near(word)),
        };
        self.alternatives.iter().find(applies).map(|alternative| alternative.code.as_str())
    }
}

/// A phrase found in the text.
#[derive(Clone, Copy, Debug)]
pub struct OverlayMatch<'a> {
    pub len: usize,
    pub entry: &'a Entry,
}

/// Entries of one or more overlay files, indexed by the normalised first word of each
/// phrase.
/// Phrases (as normalised words) and their entries, longest first.
type Phrases = Vec<(Vec<String>, u32)>;

#[derive(Default)]
pub struct Overlay {
    entries: Vec<Entry>,
    /// One index per section, by the first word of each phrase.
    index: [WordMap<Phrases>; 5],
}

/// The keys are short words looked up at every position of every sentence, where
/// SipHash's resistance to flooding buys nothing.
type WordMap<V> = dyad_dict::FastMap<String, V>;

impl Overlay {
    pub fn read(source: Source<'_>, warnings: &mut Vec<Warning>) -> Overlay {
        let mut overlay = Overlay::default();
        overlay.add(source, warnings);
        overlay
    }

    /// Adds a file; on identical phrases the earlier entry wins.
    pub fn add(&mut self, source: Source<'_>, warnings: &mut Vec<Warning>) {
        let file: Arc<str> = source.name.into();
        let mut section = Section::People;
        for (index, raw) in source.text.lines().enumerate() {
            let line = index as u32 + 1;
            let content = raw.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            let rule = Rule { file: file.clone(), line };
            if let Some(name) = content.strip_prefix('[') {
                match name.strip_suffix(']').and_then(Section::parse) {
                    Some(next) => section = next,
                    None => warn(warnings, &rule, format!("unknown section {content}")),
                }
                continue;
            }
            match parse_entry(content, section) {
                Ok((phrases, name, alternatives)) => {
                    self.insert(Entry { section, name, alternatives, rule }, phrases);
                }
                Err(message) => warn(warnings, &rule, message),
            }
        }
        for phrases in self.index.iter_mut().flat_map(WordMap::values_mut) {
            // Longest first; the sort is stable, so earlier entries win ties.
            phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
    }

    fn insert(&mut self, entry: Entry, phrases: Vec<Vec<String>>) {
        let id = self.entries.len() as u32;
        for words in phrases {
            self.index[entry.section as usize].entry(words[0].clone()).or_default().push((words, id));
        }
        self.entries.push(entry);
    }

    /// The longest phrase of `section` starting at `words[start]` (normalised words).
    pub fn lookup_at(&self, section: Section, words: &[String], start: usize) -> Option<OverlayMatch<'_>> {
        let candidates = self.index[section as usize].get(words.get(start)?)?;
        candidates
            .iter()
            .find(|(phrase, _)| words[start..].starts_with(phrase))
            .map(|(phrase, id)| OverlayMatch { len: phrase.len(), entry: &self.entries[*id as usize] })
    }

    /// Every entry of a section (the gender words, for instance).
    pub fn entries(&self, section: Section) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |entry| entry.section == section)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn sections() -> [Section; 5] {
        Section::ALL
    }
}

fn warn(warnings: &mut Vec<Warning>, rule: &Rule, message: String) {
    warnings.push(Warning { file: rule.file.clone(), line: rule.line, message });
}

type Parsed = (Vec<Vec<String>>, String, Vec<Alternative>);

fn parse_entry(content: &str, section: Section) -> Result<Parsed, String> {
    let mut fields = content.split('|');
    let phrases_field = fields.next().unwrap_or_default();
    let mut phrases = Vec::new();
    let mut name = None;
    for phrase in phrases_field.split(';').map(str::trim).filter(|phrase| !phrase.is_empty()) {
        name.get_or_insert_with(|| phrase.to_string());
        phrases.push(phrase_words(phrase));
    }
    let name = name.ok_or("no phrase before '|'")?;
    let alternatives = fields.map(|field| parse_alternative(field.trim(), section)).collect::<Result<Vec<_>, _>>()?;
    if alternatives.is_empty() {
        return Err(format!("{name:?} has no code after '|'"));
    }
    Ok((phrases, name, alternatives))
}

fn parse_alternative(field: &str, section: Section) -> Result<Alternative, String> {
    let (code, rest) = field.split_once(char::is_whitespace).unwrap_or((field, ""));
    check_code(code, section)?;
    let rest = rest.trim();
    let when = if rest.is_empty() {
        When::Always
    } else if let Some(words) = rest.strip_prefix("near ") {
        When::Near(words.split(',').map(normalized).filter(|word| !word.is_empty()).collect())
    } else {
        parse_dates(rest)?
    };
    if when != When::Always && matches!(section, Section::Roles | Section::Gender) {
        return Err(format!("conditions are not allowed in [{section:?}]").to_lowercase());
    }
    Ok(Alternative { code: code.to_string(), when })
}

fn check_code(code: &str, section: Section) -> Result<(), String> {
    let valid = match section {
        Section::Gender => matches!(code, "f" | "m"),
        _ => code.len() >= 3 && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
    };
    if valid {
        Ok(())
    } else if code.is_empty() {
        Err("empty code".to_string())
    } else {
        Err(format!("bad code {code:?}"))
    }
}

fn parse_dates(text: &str) -> Result<When, String> {
    let (from, until) =
        text.split_once("..").ok_or_else(|| format!("expected FROM..UNTIL or 'near', found {text:?}"))?;
    let date = |part: &str| -> Result<Option<NaiveDate>, String> {
        let part = part.trim();
        if part.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(part, "%Y-%m-%d").map(Some).map_err(|_| format!("bad date {part:?}"))
    };
    let (from, until) = (date(from)?, date(until)?);
    if let (Some(from), Some(until)) = (from, until) {
        if from > until {
            return Err(format!("date range {from}..{until} ends before it starts"));
        }
    }
    Ok(When::Dates(from, until))
}

pub fn normalized(word: &str) -> String {
    let mut out = String::new();
    normalize_token(word.trim(), &mut out);
    out
}
