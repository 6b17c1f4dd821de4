//! One normal form for dictionary phrases and text tokens, so that `UNITED_STATES_`
//! in a dictionary and `United` `States` from the tokenizer meet as the same words.

/// Upper-cases a text token the way dictionary words are stored. Typographic
/// apostrophes become `'` because the dictionaries are ASCII.
pub fn normalize_token(token: &str, out: &mut String) {
    out.clear();
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
}

/// Splits a dictionary phrase into the tokens a UD-style tokenizer produces for the
/// same text: words at `_` and blanks, hyphens and edge punctuation as their own
/// tokens, possessive `'S` split off. Periods stay attached (`U.S.` is one token).
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_phrase_word(phrase, |word| words.push(word.to_string()));
    words
}

/// [`phrase_words`] without allocating a vector; the loaders call this for every
/// dictionary phrase.
pub(crate) fn each_phrase_word(phrase: &str, mut emit: impl FnMut(&str)) {
    let mut upper = String::new();
    for raw in phrase.split(|c: char| c == '_' || c.is_whitespace()) {
        for (index, part) in raw.split('-').enumerate() {
            if index > 0 {
                emit("-");
            }
            if !part.is_empty() {
                emit_punctuated(part, &mut upper, &mut emit);
            }
        }
    }
}

const OPENING: &[char] = &['(', '[', '"'];
const CLOSING: &[char] = &[')', ']', '"', ',', ';', ':', '!', '?'];

fn emit_punctuated(part: &str, upper: &mut String, emit: &mut impl FnMut(&str)) {
    let core = part.trim_start_matches(OPENING);
    let mut buffer = [0u8; 4];
    for c in part[..part.len() - core.len()].chars() {
        emit(c.encode_utf8(&mut buffer));
    }
    let trimmed = core.trim_end_matches(CLOSING);
    if !trimmed.is_empty() {
        normalize_token(trimmed, upper);
        emit_possessive(upper, emit);
    }
    for c in core[trimmed.len()..].chars() {
        emit(c.encode_utf8(&mut buffer));
    }
}

fn emit_possessive(word: &str, emit: &mut impl FnMut(&str)) {
    if word.len() > 2 && word.ends_with("'S") {
        emit(&word[..word.len() - 2]);
        emit("'S");
    } else if word.len() > 1 && word.ends_with('\'') {
        emit(&word[..word.len() - 1]);
        emit("'");
    } else {
        emit(word);
    }
}

/// The regular English plural of an upper-case noun, or `None` when the word does not
/// end in a letter (codes, numbers, abbreviations).
pub fn noun_plural(word: &str) -> Option<String> {
    let last = word.chars().last()?;
    if !last.is_ascii_alphabetic() {
        return None;
    }
    let stem = &word[..word.len() - 1];
    if last == 'Y' && !ends_with_vowel(stem) {
        return Some(format!("{stem}IES"));
    }
    if ["S", "SH", "CH", "X", "Z"].iter().any(|end| word.ends_with(end)) {
        return Some(format!("{word}ES"));
    }
    Some(format!("{word}S"))
}

/// Regular third-person, past and gerund forms of an upper-case verb. Doubled final
/// consonants (`TAPPED`) are not guessed: the dictionaries list those in `{...}`.
pub fn verb_forms(verb: &str) -> [String; 3] {
    let stem = &verb[..verb.len().saturating_sub(1)];
    let consonant_y = verb.ends_with('Y') && !ends_with_vowel(stem);
    let third = if consonant_y {
        format!("{stem}IES")
    } else if ["S", "SH", "CH", "X", "Z", "O"].iter().any(|end| verb.ends_with(end)) {
        format!("{verb}ES")
    } else {
        format!("{verb}S")
    };
    let past = if consonant_y {
        format!("{stem}IED")
    } else if verb.ends_with('E') {
        format!("{verb}D")
    } else {
        format!("{verb}ED")
    };
    let gerund = if let Some(root) = verb.strip_suffix("IE") {
        format!("{root}YING")
    } else if verb.ends_with('E') && !verb.ends_with("EE") && verb.len() > 2 {
        format!("{stem}ING")
    } else {
        format!("{verb}ING")
    };
    [third, past, gerund]
}

fn ends_with_vowel(word: &str) -> bool {
    word.ends_with(['A', 'E', 'I', 'O', 'U'])
}
