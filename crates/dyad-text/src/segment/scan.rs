//! The token scanner: whitespace-separated chunks cut into UD English EWT tokens.

use super::lexicon::*;
use crate::document::Span;

/// Appends the tokens of `text[span]` to `out`. Every non-whitespace char ends up in
/// exactly one token, and every branch advances by at least one char.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Span>) {
    let mut i = span.start;
    while i < span.end {
        let c = char_at(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            i = scan_token(text, i, span.end, out);
        }
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The char after the one at `i`, or a space at the end.
fn char_after(text: &str, i: usize, end: usize) -> char {
    let next = i + char_at(text, i).len_utf8();
    if next < end {
        char_at(text, next)
    } else {
        ' '
    }
}

fn scan_token(text: &str, i: usize, end: usize, out: &mut Vec<Span>) -> usize {
    let c = char_at(text, i);
    if let Some(url_end) = url_end(text, i, end) {
        return push(out, i, url_end);
    }
    if is_word_char(c) {
        return scan_word(text, i, end, out);
    }
    let next = char_after(text, i, end);
    if (c == '@' || c == '#') && next.is_alphabetic() {
        let stop = run_end(text, i + 1, end, |ch| is_word_char(ch) || ch == '_');
        return push(out, i, stop);
    }
    if let Some(stop) = emoticon_end(text, i, end) {
        return push(out, i, stop);
    }
    if let Some(elision) = ["[...]", "[…]", "(...)", "(…)"].iter().find(|e| text[i..end].starts_with(**e)) {
        return push(out, i, i + elision.len());
    }
    let stop = match c {
        '.' | '!' | '?' => run_end(text, i, end, |ch| matches!(ch, '.' | '!' | '?')),
        '-' | '*' | '=' | '_' | '~' | '<' | '>' | '/' | '|' | '+' | '#' | '^' | '…' | '$' => {
            run_end(text, i, end, |ch| ch == c)
        }
        _ => i + c.len_utf8(),
    };
    push(out, i, stop)
}

fn push(out: &mut Vec<Span>, start: usize, end: usize) -> usize {
    out.push(Span { start, end });
    end
}

fn run_end(text: &str, i: usize, end: usize, keep: impl Fn(char) -> bool) -> usize {
    let len: usize = text[i..end].chars().take_while(|&ch| keep(ch)).map(char::len_utf8).sum();
    i + len
}

/// URLs run to the end of the chunk, less the punctuation that closes the sentence.
fn url_end(text: &str, i: usize, end: usize) -> Option<usize> {
    let head = text.as_bytes().get(i..(i + 8).min(end))?;
    let lower = |p: &str| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !(lower("http://") || lower("https://") || lower("ftp://") || lower("www.")) {
        return None;
    }
    let chunk_end = i + text[i..end].find(char::is_whitespace).unwrap_or(end - i);
    let url = &text[i..chunk_end];
    let keep_paren = url.contains('(');
    let trimmed = url.trim_end_matches(|ch: char| {
        matches!(ch, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | ']' | '>')
            || (ch == ')' && !keep_paren)
    });
    Some(i + trimmed.len().max(1))
}

fn emoticon_end(text: &str, i: usize, end: usize) -> Option<usize> {
    const FACES: &[&str] = &[":-)", ":-(", ":-D", ":-P", ";-)", ":)", ":(", ":D", ":P", ";)", "<3"];
    let rest = &text[i..end];
    let face = FACES.iter().find(|f| rest.starts_with(**f))?;
    let after = rest[face.len()..].chars().next().unwrap_or(' ');
    (!is_word_char(after)).then_some(i + face.len())
}

/// A word with its internal periods, digit groups, apostrophes and hyphens, cut into
/// EWT tokens: hyphens and clitics split off, an abbreviation's period kept.
fn scan_word(text: &str, i: usize, end: usize, out: &mut Vec<Span>) -> usize {
    let stop = compound_end(text, i, end);
    if let Some(dollar) = currency_prefix(text, i, stop, end) {
        return push(out, i, dollar);
    }
    let last_part = text[i..stop].rfind('-').map_or(i, |h| i + h + 1);
    let stop_with_period = if takes_period(text, last_part, stop, end) { stop + 1 } else { stop };
    if keeps_hyphens(&text[i..stop]) {
        emit_word(text, i, stop_with_period, out);
    } else {
        emit_hyphenated(text, i, stop, stop_with_period, out);
    }
    stop_with_period
}

/// `US$`, `HK$`, `A$`: EWT keeps the country letters with the dollar sign.
fn currency_prefix(text: &str, i: usize, stop: usize, end: usize) -> Option<usize> {
    let letters = &text[i..stop];
    let prefix = letters.len() <= 3 && letters.bytes().all(|b| b.is_ascii_uppercase());
    (prefix && stop < end && text.as_bytes()[stop] == b'$').then_some(stop + 1)
}

fn compound_end(text: &str, i: usize, end: usize) -> usize {
    let mut j = i;
    let mut prev = ' ';
    while j < end {
        let c = char_at(text, j);
        let joins = is_word_char(c) || (is_word_char(prev) && joins_word(text, j, end, prev, c));
        if !joins {
            break;
        }
        prev = c;
        j += c.len_utf8();
    }
    j
}

/// Whether `c` at `j`, between word chars, stays inside the word.
fn joins_word(text: &str, j: usize, end: usize, prev: char, c: char) -> bool {
    let next = char_after(text, j, end);
    match c {
        '.' | '-' | '_' | '@' => is_word_char(next),
        ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
        ',' => prev.is_ascii_digit() && is_thousands_group(text, j + 1, end),
        '&' => prev.is_uppercase() && next.is_uppercase(),
        '\'' | '’' => next.is_alphabetic(),
        _ => false,
    }
}

fn is_thousands_group(text: &str, j: usize, end: usize) -> bool {
    let digits = text.as_bytes()[j..end].iter().take(4).take_while(|b| b.is_ascii_digit()).count();
    digits == 3
}

/// Whether the period after `text[word..stop]` belongs to it (`Gen.`, `U.S.`, `J.`).
fn takes_period(text: &str, word: usize, stop: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    if stop >= end || bytes[stop] != b'.' || bytes.get(stop + 1) == Some(&b'.') {
        return false;
    }
    let token = &text[word..stop];
    if matches!(token, "No" | "Nos" | "Art" | "Vol" | "Fig") {
        return next_is_digit(text, stop + 1, end);
    }
    is_abbreviation(token)
}

fn next_is_digit(text: &str, from: usize, end: usize) -> bool {
    text[from..end].trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// EWT keeps `e-mail`, `non-profit`, dates and phone numbers whole and splits the rest.
fn keeps_hyphens(word: &str) -> bool {
    let Some((head, _)) = word.split_once('-') else { return true };
    if is_hyphen_prefix(head) {
        return true;
    }
    let numeric = word.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let groups = word.split('-').count();
    let local_phone = groups == 2 && head.len() == 3 && word.len() == 8;
    numeric && (groups >= 3 || local_phone)
}

fn emit_hyphenated(text: &str, i: usize, stop: usize, stop_with_period: usize, out: &mut Vec<Span>) {
    let mut start = i;
    for (offset, _) in text[i..stop].match_indices('-') {
        let hyphen = i + offset;
        emit_word(text, start, hyphen, out);
        push(out, hyphen, hyphen + 1);
        start = hyphen + 1;
    }
    emit_word(text, start, stop_with_period, out);
}

fn emit_word(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let start = match unit_split(&text[start..end]) {
        Some(digits) => push(out, start, start + digits),
        None => start,
    };
    match clitic_split(&text[start..end]) {
        Some(at) => {
            push(out, start, start + at);
            push(out, start + at, end);
        }
        None => {
            push(out, start, end);
        }
    }
}

/// Where a number ends and its unit starts (`10|pm`, `375|mm`, `70|k`); ordinals and
/// decades (`8th`, `1990s`) stay whole, as in EWT.
fn unit_split(word: &str) -> Option<usize> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let unit = &word[digits..];
    let letters = !unit.is_empty() && unit.bytes().all(|b| b.is_ascii_alphabetic());
    if digits == 0 || !letters {
        return None;
    }
    let ordinal = ["th", "st", "nd", "rd", "s"].iter().any(|o| o.eq_ignore_ascii_case(unit));
    let unit_like = unit.bytes().all(|b| b.is_ascii_lowercase()) || matches!(unit, "AM" | "PM" | "K" | "M" | "BN");
    (unit_like && !ordinal).then_some(digits)
}

/// Byte offset where a clitic starts: `do|n't`, `NATO|'s`, `we|'re`, `can|not`, `gon|na`.
fn clitic_split(word: &str) -> Option<usize> {
    let Some(apostrophe) = word.rfind(is_apostrophe) else {
        let fused = ["cannot", "gonna", "wanna", "gotta"].iter().any(|f| f.eq_ignore_ascii_case(word));
        return fused.then_some(3);
    };
    let suffix = &word[apostrophe + char_at(word, apostrophe).len_utf8()..];
    let is = |s: &str| suffix.eq_ignore_ascii_case(s);
    if is("t") && apostrophe >= 2 && word.as_bytes()[apostrophe - 1].eq_ignore_ascii_case(&b'n') {
        return Some(apostrophe - 1);
    }
    let clitic = is("s") || is("re") || is("ll") || is("ve") || is("d") || is("m");
    (clitic && apostrophe > 0).then_some(apostrophe)
}
