//! Word classes: what may be part of a person's name, an organisation's name, a
//! title or a modifier.

use dyad_lang::Tag;

use super::scan::View;

/// Whether the phrase at `i` (after a leading "the") is capitalised: proper names
/// are, and "us", "turkey" or "chad" in lower case are no countries.
pub(super) fn capitalised_at(view: &View<'_>, i: usize) -> bool {
    let at = if view.is(i, "THE") { i + 1 } else { i };
    view.words.get(at).and_then(|word| word.chars().next()).is_some_and(|first| !first.is_lowercase())
}

/// Capitalised words that start sentences or name months, not people.
const NOT_NAMES: &[&str] = &[
    "THE",
    "A",
    "AN",
    "THIS",
    "THAT",
    "THESE",
    "THOSE",
    "IN",
    "ON",
    "AT",
    "BY",
    "FOR",
    "FROM",
    "TO",
    "OF",
    "WITH",
    "AND",
    "BUT",
    "OR",
    "IF",
    "AS",
    "ALSO",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
    "DR",
    "DR.",
    "HE",
    "SHE",
    "IT",
    "WE",
    "THEY",
    "I",
    "YOU",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "OUR",
    "MY",
    "EARLIER",
    "LATER",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "ACCORDING",
    "HOWEVER",
    "MEANWHILE",
    "PRESIDENT",
    "MINISTER",
    "SECRETARY",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "GENERAL",
    "WHITE",
    "HOUSE",
    "STATE",
    "STATES",
    "DEPARTMENT",
    "MINISTRY",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "PRIME",
    "PRESS",
    "LTD",
    "LTD.",
    "INC",
    "INC.",
    "CORP",
    "CORP.",
    "CO",
    "CO.",
    "PLC",
    "LLC",
    "GROUP",
    "LATEST",
    "OFFICE",
];

const CLOSED_CLASSES: &[&str] = &["DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT", "SYM", "ADV"];

/// Capitalised words that end organisations' names ("Federal Reserve Board",
/// "Army Corps"): they hold a phrase together but name no person.
pub(super) const ORGANISATION_WORDS: &[&str] = &[
    "NEW",
    "BOARD",
    "CORPS",
    "EXCHANGE",
    "INTERNATIONAL",
    "AGENCY",
    "BANK",
    "COMMITTEE",
    "COUNCIL",
    "MARKET",
    "INSURANCE",
    "NEWS",
    "AIRWAYS",
    "AIRLINES",
    "UNION",
    "PARTY",
    "FRONT",
    "ASSOCIATION",
    "FEDERATION",
    "INSTITUTE",
    "UNIVERSITY",
    "COURT",
    "COMMISSION",
];

/// Role words naming bodies rather than office holders.
pub(super) const BODIES: &[&str] =
    &["DEPARTMENT", "MINISTRY", "OFFICE", "GOVERNMENT", "ADMINISTRATION", "AUTHORITY", "MILITARY", "ARMY", "NAVY"];

/// Titles kept in a person's mention ("Mr. Price") and telling their gender.
pub(crate) const TITLES: &[&str] = &["MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR."];

/// Words that may stand between a country and a role ("junior", "top"); "former"
/// is not one, since it makes an elite out of an office holder.
pub(super) fn is_modifier(view: &View<'_>, i: usize) -> bool {
    const MODIFIERS: [&str; 14] = [
        "TOP",
        "SENIOR",
        "JUNIOR",
        "DEPUTY",
        "FIRST",
        "ACTING",
        "CHIEF",
        "INTERIM",
        "VICE",
        "ASSISTANT",
        "SPECIAL",
        "OUTGOING",
        "INCOMING",
        "PRINCIPAL",
    ];
    let word = view.norm[i].as_str();
    let lowercase = view.words[i].chars().all(|c| c.is_lowercase() || c == '-');
    MODIFIERS.contains(&word)
        || lowercase && word != "FORMER" && view.tag(i).is_some_and(|tag| tag.upos_name() == "ADJ")
}

/// A capitalised word that is not a function word; with tags, a proper noun.
/// Sentence-initial words are names only when another name word follows.
pub(super) fn is_name_word(view: &View<'_>, i: usize) -> bool {
    let word = view.words[i];
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let letters = word.chars().all(|c| c.is_alphabetic() || c == '.' || c == '\'' || c == '\u{2019}');
    if !first.is_uppercase() || !letters || !word.chars().any(char::is_lowercase) && word.len() > 2 {
        return false;
    }
    if NOT_NAMES.contains(&view.norm[i].as_str()) || ORGANISATION_WORDS.contains(&view.norm[i].as_str()) {
        return false;
    }
    // Taggers often miss unknown names ("Ned/VERB Price/NOUN"), so a tag only rules a
    // word out when it marks a closed class.
    let tag = view.tag(i).map(Tag::upos_name);
    if tag.is_some_and(|tag| CLOSED_CLASSES.contains(&tag)) {
        return false;
    }
    let starts_clause = i == 0 || matches!(view.words[i - 1], "\u{201c}" | "\"" | ":" | "(" | "\u{2018}");
    // At a clause start every word is capitalised: trust the tagger when there is one.
    match tag {
        _ if !starts_clause => true,
        Some(tag) => tag == "PROPN",
        None => i + 1 < view.words.len() && is_capitalised_word(view, i + 1),
    }
}

pub(super) fn is_organisation_word(view: &View<'_>, i: usize) -> bool {
    view.words[i].starts_with(char::is_uppercase) && ORGANISATION_WORDS.contains(&view.norm[i].as_str())
}

fn is_capitalised_word(view: &View<'_>, i: usize) -> bool {
    let word = view.norm[i].as_str();
    view.words[i].starts_with(char::is_uppercase) && !NOT_NAMES.contains(&word) && !ORGANISATION_WORDS.contains(&word)
}
