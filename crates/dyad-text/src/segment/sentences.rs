//! Sentence boundaries over the tokens of one paragraph.

use super::lexicon::*;
use super::Sentence;
use crate::document::Span;

/// What a token that may close a sentence is.
#[derive(Clone, Copy, PartialEq)]
enum Terminal {
    Period,
    /// A period after an ordinary word, which no abbreviation looks like.
    AfterWord,
    /// `?`, `!` and runs such as `?!`.
    Strong,
    Ellipsis,
    /// `Mr.`, `Gen.`, `Jan.`: a name or number follows, never a new sentence.
    BeforeName,
    /// `U.S.`, `Inc.`, `J.`: ends a sentence only before a usual sentence opener.
    Abbreviation,
}

/// Appends the sentences of one paragraph, whose tokens are `tokens`, the first of them
/// at index `first` of the document's tokens.
pub(crate) fn split_sentences(
    text: &str,
    tokens: &[Span],
    first: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let mut start = 0;
    let mut k = 0;
    while k < tokens.len() {
        if k > start && opens_credit(text, tokens, k) {
            push_sentence(tokens, first, start..k, paragraph, out);
            start = k;
        }
        match next_sentence_start(text, tokens, k) {
            Some(next) => {
                push_sentence(tokens, first, start..next, paragraph, out);
                start = next;
                k = next;
            }
            None => k += 1,
        }
    }
    if start < tokens.len() {
        push_sentence(tokens, first, start..tokens.len(), paragraph, out);
    }
}

fn push_sentence(
    tokens: &[Span],
    first: usize,
    range: std::ops::Range<usize>,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let span = Span { start: tokens[range.start].start, end: tokens[range.end - 1].end };
    out.push(Sentence { span, tokens: first + range.start..first + range.end, paragraph });
}

/// If the token at `k` ends a sentence, the index of the first token of the next one.
fn next_sentence_start(text: &str, tokens: &[Span], k: usize) -> Option<usize> {
    let terminal = match terminal(tokens[k].of(text))? {
        Terminal::Period if k > 0 && after_plain_word(tokens[k - 1].of(text)) => Terminal::AfterWord,
        other => other,
    };
    let next = after_closers(text, tokens, k + 1);
    let closed = next > k + 1;
    (next < tokens.len() && ends_before(terminal, closed, text, &tokens[next..])).then_some(next)
}

fn terminal(token: &str) -> Option<Terminal> {
    let elided = token.trim_start_matches(['[', '(']).trim_end_matches([']', ')']);
    if elided == "…" || (elided.len() >= 2 && elided.bytes().all(|b| b == b'.')) {
        return Some(Terminal::Ellipsis);
    }
    if token == "." {
        return Some(Terminal::Period);
    }
    if token.bytes().all(|b| matches!(b, b'.' | b'!' | b'?')) {
        return Some(Terminal::Strong);
    }
    let word = token.strip_suffix('.')?;
    if word.is_empty() || !word.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(if precedes_names(word) { Terminal::BeforeName } else { Terminal::Abbreviation })
}

/// A word of three letters or more with a vowel, lowercase after its first letter:
/// `world`, `you`, `Russia`, not `Adm`, `Pty` or `NATO`. Known abbreviations have taken
/// their period already, so this period ends the word.
fn after_plain_word(token: &str) -> bool {
    let mut chars = token.chars();
    let first = chars.next().is_some_and(char::is_alphabetic);
    let vowel = token.chars().any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    first && vowel && token.chars().count() >= 3 && chars.all(char::is_lowercase)
}

/// The index after the closing quotes and brackets that follow a terminal at `k - 1`
/// (`security.”`, `(... again.)`). A straight quote closes only when it is attached.
fn after_closers(text: &str, tokens: &[Span], mut k: usize) -> usize {
    while k < tokens.len() {
        let token = tokens[k].of(text);
        let mut chars = token.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else { break };
        let attached = tokens[k].start == tokens[k - 1].end;
        let closes = match c {
            '"' | '\'' => attached,
            _ => is_closing(c),
        };
        if !closes {
            break;
        }
        k += 1;
    }
    k
}

/// A photo credit (`Image: Nick Moreau.`) glued to the caption before it, as captions
/// come out of scraped pages: it starts a sentence of its own.
fn opens_credit(text: &str, tokens: &[Span], k: usize) -> bool {
    let colon = tokens.get(k + 1).is_some_and(|t| t.of(text) == ":");
    let spaced = tokens[k - 1].end < tokens[k].start;
    colon && spaced && is_credit_label(tokens[k].of(text)) && !is_opening_token(tokens[k - 1].of(text))
}

fn is_opening_token(token: &str) -> bool {
    token.chars().count() == 1 && token.starts_with(is_opening)
}

/// Whether a sentence ending in `terminal` ends before `rest`, the tokens that follow;
/// `closed` when a quote or bracket closed after the terminal.
fn ends_before(terminal: Terminal, closed: bool, text: &str, rest: &[Span]) -> bool {
    let first = rest[0].of(text);
    let c = first.chars().next().unwrap_or(' ');
    // Commas, dashes, closing brackets and the like continue the sentence.
    if !(is_word_char(c) || is_opening(c) || matches!(c, '$' | '€' | '£' | '#' | '@' | '*' | '•')) {
        return false;
    }
    let word = rest.iter().take(4).map(|t| t.of(text)).find(|t| t.starts_with(is_word_char));
    let Some(word) = word else { return terminal != Terminal::BeforeName };
    let capital = !word.starts_with(char::is_lowercase);
    match terminal {
        Terminal::Period => capital,
        // Web text often starts a sentence in lowercase; a one-letter word is more likely
        // a list item (`a) ... b) ...`) or an unknown abbreviation.
        Terminal::AfterWord => capital || word.chars().nth(1).is_some_and(char::is_alphabetic),
        // `"Why?" he asked` goes on, but an unquoted `?` ends even before a lowercase word.
        Terminal::Strong => capital || !closed,
        Terminal::Ellipsis => capital && is_opener(word),
        Terminal::BeforeName => false,
        // `Inc. (713) 235-1972` or `10 a.m. (CDT)` go on; a quotation usually starts afresh.
        Terminal::Abbreviation => capital && (is_opener(word) || matches!(c, '"' | '“' | '‘' | '\'')),
    }
}
