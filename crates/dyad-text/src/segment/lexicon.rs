//! Character classes and word lists the scanner and the sentence splitter consult.

/// Abbreviations that stand before a name or a number (`Mr. Smith`, `Jan. 25`, `No. 5`),
/// so a capitalised word after them continues the sentence.
const BEFORE_NAMES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Gen", "Lt", "Col",
    "Maj", "Capt", "Cpt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Gov", "Sen", "Sens",
    "Rep", "Reps", "Rev", "Hon", "Pres", "Supt", "Det", "Insp", "Fr", "Mt", "Ft",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "No", "Nos", "Art",
    "Vol", "Fig", "vs", "v", "cf", "viz", "approx", "ca", "Attn",
];

/// Abbreviations that often end a sentence (`... the U.S. The talks ...`); the splitter
/// still ends a sentence after them when the next word is a usual sentence opener.
const MAY_END: &[&str] = &[
    "St", "Ste", "Inc", "Co", "Corp", "Ltd", "Bros", "Plc", "LLC", "Cos", "Jr", "Sr", "etc", "al", "Ave",
    "Blvd", "Rd", "Sq", "Univ", "Dept", "Govt", "Assn", "Ala", "Ariz", "Ark", "Calif", "Colo",
    "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich",
    "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex",
    "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "est", "min", "max", "govt", "dept",
    "incl", "excl", "esp", "resp", "misc", "ibid", "avg", "pct", "hr", "hrs", "mins", "yr", "yrs",
    "wk", "wks", "mos", "sq", "tel", "ext", "sec", "vol", "fig", "op", "eds", "rev", "ave", "gov",
    "div", "inc", "co", "corp", "ltd", "pp", "pg", "dept", "para", "cit",
];

/// Prefixes EWT keeps joined to the rest of a hyphenated word (`pre-war`, `e-mail`,
/// `non-profit`), where every other hyphen is its own token.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "psycho", "neo", "cross", "vice", "un", "socio", "micro", "macro", "intra", "inter",
    "counter", "mega", "mini", "ultra", "de", "bi", "tri", "trans", "extra", "infra", "quasi",
];

/// Capitalised words that usually open a sentence rather than continue a name: after an
/// abbreviation or an initial, only these let the sentence end.
const OPENERS: &[&str] = &[
    "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "in", "on",
    "at", "but", "and", "or", "so", "if", "when", "while", "after", "before", "as", "however",
    "meanwhile", "some", "many", "most", "all", "no", "not", "what", "who", "why", "how",
    "where", "which", "yet", "also", "both", "each", "for", "from", "with", "by", "to", "one",
    "officials", "since", "although", "though", "because", "during", "then", "now", "still",
    "instead", "according", "until", "under", "over", "among", "other", "another", "such",
    "several", "few", "more", "is", "was", "are", "were", "do", "does", "did", "can", "will",
    "would", "should", "could", "may", "might", "let", "please", "thanks", "thank", "yes",
    "earlier", "later", "last", "next", "today", "yesterday", "tomorrow", "even",
];

pub(crate) fn precedes_names(word: &str) -> bool {
    BEFORE_NAMES.contains(&word)
}

pub(crate) fn may_end_sentence(word: &str) -> bool {
    MAY_END.contains(&word)
}

pub(crate) fn is_abbreviation(word: &str) -> bool {
    precedes_names(word) || may_end_sentence(word) || is_initialism(word) || is_initial(word)
}

/// `U.S`, `e.g`, `J.R.R`, `Ph.D` (the final period is not included yet), but not a
/// domain such as `bbc.co.uk`.
pub(crate) fn is_initialism(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let letters = part.chars().count();
            (1..=2).contains(&letters) && part.chars().all(char::is_alphabetic)
        })
}

/// One capital letter: the initial of a name (`J. Smith`).
pub(crate) fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

pub(crate) fn is_hyphen_prefix(word: &str) -> bool {
    word.len() <= 7 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

pub(crate) fn is_opener(word: &str) -> bool {
    word.len() <= 10 && OPENERS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Letters, digits and the marks of non-Latin scripts; not punctuation, symbols or emoji.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || !(c.is_whitespace() || c.is_control() || is_symbol_block(c))
}

fn is_symbol_block(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{bf}' | '\u{d7}' | '\u{f7}' | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}' | '\u{1f000}'..='\u{1faff}' | '\u{fff0}'..='\u{ffff}')
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

pub(crate) fn is_closing(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '”' | '’' | '»' | '›' | '"' | '\'')
}

pub(crate) fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '"' | '\'')
}

pub(crate) fn is_final_punct(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Lowercase words that rarely end a headline or a line of its own, so a line ending in
/// one is a hard wrap.
pub(crate) fn is_hard_wrap_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from",
        "that", "as", "is", "was", "are", "were", "be", "has", "have", "had", "but", "its",
        "their", "his", "her", "this", "which", "who", "will", "would",
    ];
    WORDS.contains(&word)
}

/// Labels of the credit line under a news photo (`Image: Nick Moreau.`).
pub(crate) fn is_credit_label(word: &str) -> bool {
    matches!(word, "Image" | "Photo" | "Photograph" | "Picture" | "Credit" | "Graphic" | "Video")
}
