//! Where a dictionary entry came from, and how problems in the files are reported.

use std::fmt;
use std::sync::Arc;

/// A dictionary file's name and contents, read by the caller or embedded.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// The file and 1-based line a dictionary entry was read from, so a coded event can
/// be traced back to the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub file: Arc<str>,
    pub line: u32,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A line the reader could not use. Dictionaries are hand-edited and decades old, so a
/// bad line is skipped and reported rather than failing the whole load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: Arc<str>,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Errors that stop a load: only I/O, since content problems become warnings.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Reading position inside one file: hands out rules and collects warnings.
pub(crate) struct FileCursor<'w> {
    pub file: Arc<str>,
    pub warnings: &'w mut Vec<Warning>,
}

impl FileCursor<'_> {
    pub fn rule(&self, line: u32) -> Rule {
        Rule { file: self.file.clone(), line }
    }

    pub fn warn(&mut self, line: u32, message: impl Into<String>) {
        self.warnings.push(Warning { file: self.file.clone(), line, message: message.into() });
    }
}

/// Non-blank lines with `#` comments and `<!-- ... -->` blocks removed, numbered from 1.
/// The validation files wrap their headers in XML-style comments; the Phoenix files
/// only use `#`.
pub(crate) fn content_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    commented_lines(text).map(|(number, content, _)| (number, content))
}

/// Like [`content_lines`], with each line's `#` comment (without the `#`), which the
/// verb files use to name the verb a pattern was written for.
pub(crate) fn commented_lines(text: &str) -> impl Iterator<Item = (u32, &str, &str)> {
    let mut in_block = false;
    text.lines().enumerate().filter_map(move |(index, line)| {
        let number = index as u32 + 1;
        let trimmed = line.trim_start();
        if in_block {
            in_block = !line.contains("-->");
            return None;
        }
        if trimmed.starts_with("<!--") {
            in_block = !line.contains("-->");
            return None;
        }
        let content = strip_comment(line);
        let comment = line.get(content.len() + 1..).unwrap_or_default();
        if content.trim().is_empty() {
            None
        } else {
            Some((number, content, comment))
        }
    })
}

pub(crate) fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(at) => &line[..at],
        None => line,
    }
}

/// A line split as `head [group] [group] trailing`.
pub(crate) struct Bracketed<'a> {
    pub head: &'a str,
    pub groups: Vec<&'a str>,
    /// Text after the last group; normally empty.
    pub trailing: &'a str,
}

/// Splits `text [a] [b]` into the text before the first bracket, the bracket contents
/// and whatever follows them. Unclosed brackets are an error.
pub(crate) fn bracketed(line: &str) -> Result<Bracketed<'_>, String> {
    let Some(first) = line.find('[') else {
        return Ok(Bracketed { head: line, groups: Vec::new(), trailing: "" });
    };
    let mut groups = Vec::new();
    let mut rest = &line[first..];
    loop {
        rest = rest.trim_start();
        if !rest.starts_with('[') {
            break;
        }
        let Some(close) = rest.find(']') else {
            return Err("unclosed '['".to_string());
        };
        groups.push(rest[1..close].trim());
        rest = &rest[close + 1..];
    }
    Ok(Bracketed { head: &line[..first], groups, trailing: rest.trim_end() })
}

/// Like [`bracketed`] but text after the codes is an error.
pub(crate) fn split_brackets(line: &str) -> Result<(&str, Vec<&str>), String> {
    let split = bracketed(line)?;
    if !split.trailing.is_empty() {
        return Err(trailing_message(split.trailing));
    }
    Ok((split.head, split.groups))
}

pub(crate) fn trailing_message(trailing: &str) -> String {
    format!("text after the code ignored: {trailing:?}")
}
