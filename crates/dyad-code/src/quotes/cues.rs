//! The list of quotation cue verbs (`dictionaries/quote-cues.txt`): one lemma a line
//! with optional flags. Kept in a text file so users can extend or replace it.

use std::collections::HashMap;

/// The cue list compiled into the binary.
pub const BUNDLED_CUES: &str = include_str!("../../../../dictionaries/quote-cues.txt");
pub const BUNDLED_CUES_NAME: &str = "dictionaries/quote-cues.txt";

/// What a cue verb's noun object is, when it has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ObjectRole {
    /// The object is not what was said, nor does it matter ("said").
    #[default]
    Other,
    /// The object is the content ("stressed the need for talks").
    Content,
    /// The object is who was told ("told reporters that").
    Addressee,
}

#[derive(Debug, thiserror::Error)]
#[error("{name}:{line}: {message}")]
pub struct CueError {
    pub name: String,
    pub line: usize,
    pub message: String,
}

/// Cue verbs by lower-case lemma.
#[derive(Clone, Debug, Default)]
pub struct CueVerbs {
    verbs: HashMap<String, ObjectRole>,
}

impl CueVerbs {
    pub fn bundled() -> CueVerbs {
        CueVerbs::parse(BUNDLED_CUES_NAME, BUNDLED_CUES).expect("the bundled cue list is well-formed (a test checks)")
    }

    /// Reads a cue list; `name` is used in error messages.
    pub fn parse(name: &str, text: &str) -> Result<CueVerbs, CueError> {
        let mut verbs = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default();
            let mut fields = line.split_whitespace();
            let Some(lemma) = fields.next() else {
                continue;
            };
            let error = |message: String| CueError { name: name.to_string(), line: index + 1, message };
            if !lemma.chars().all(|c| c.is_alphabetic() || c == '-') {
                return Err(error(format!("`{lemma}` is not a single word")));
            }
            let mut role = ObjectRole::Other;
            for flag in fields {
                role = match flag {
                    "object" => ObjectRole::Content,
                    "addressee" => ObjectRole::Addressee,
                    other => return Err(error(format!("unknown flag `{other}` (object, addressee)"))),
                };
            }
            verbs.insert(lemma.to_lowercase(), role);
        }
        Ok(CueVerbs { verbs })
    }

    /// The object role of `lemma` if it is a cue verb (any case).
    pub fn get(&self, lemma: &str) -> Option<ObjectRole> {
        if lemma.bytes().all(|b| !b.is_ascii_uppercase()) {
            return self.verbs.get(lemma).copied();
        }
        self.verbs.get(&lemma.to_lowercase()).copied()
    }

    pub fn len(&self) -> usize {
        self.verbs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.verbs.is_empty()
    }
}
