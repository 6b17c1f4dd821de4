//! One sentence: dictionary, overlay and name pieces, grouped into noun phrases whose
//! codes combine their pieces.

use std::fmt;

use chrono::NaiveDate;
use dyad_dict::{AgentPlacement, Dictionaries, Rule};
use dyad_lang::Tag;

use super::code::{combine, is_bare_country, is_organisation, sector_of};
use super::overlay::{normalized, Entry, Overlay, OverlayMatch, Section};
use crate::article::AnalysedArticle;

pub(crate) struct Context<'a> {
    pub overlays: &'a [Overlay],
    pub dictionaries: &'a Dictionaries,
    pub article: &'a AnalysedArticle<'a>,
    pub date: NaiveDate,
}

/// A sentence's words, normalised once for the overlay lookups.
pub(crate) struct View<'a> {
    pub sentence: usize,
    pub words: Vec<&'a str>,
    pub norm: Vec<String>,
    /// Empty when the article was not tagged.
    pub tags: &'a [Tag],
}

impl<'a> View<'a> {
    pub fn new(article: &'a AnalysedArticle<'a>, sentence: usize) -> View<'a> {
        let words = article.words(sentence);
        let norm = words.iter().map(|word| normalized(word)).collect();
        let tags = &article.analyses[sentence].tags;
        let tags = if tags.len() == words.len() { tags.as_slice() } else { &[] };
        View { sentence, words, norm, tags }
    }

    pub fn tag(&self, i: usize) -> Option<Tag> {
        self.tags.get(i).copied()
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.norm.get(i).is_some_and(|norm| norm == word)
    }
}

/// Where a piece's code comes from, formatted only for the mentions kept.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Evidence<'a> {
    Dictionary(&'a Rule),
    Overlay(&'a Rule),
    Metonym(&'a Rule),
}

impl fmt::Display for Evidence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Dictionary(rule) => write!(f, "{rule}"),
            Evidence::Overlay(rule) => write!(f, "overlay:{rule}"),
            Evidence::Metonym(rule) => write!(f, "metonym:{rule}"),
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Piece<'a> {
    Person(&'a Entry),
    Metonym {
        code: &'a str,
        rule: Evidence<'a>,
    },
    Actor {
        code: &'a str,
        rule: Evidence<'a>,
    },
    Agent {
        code: &'a str,
        placement: AgentPlacement,
        rule: &'a Rule,
    },
    Role {
        sector: &'a str,
        rule: &'a Rule,
    },
    /// A capitalised word no dictionary knows: part of a person's name.
    Name,
    /// A capitalised word of an organisation's name ("Board").
    Word,
}

impl Piece<'_> {
    fn is_name(&self) -> bool {
        matches!(self, Piece::Person(_) | Piece::Name)
    }

    fn is_role(&self) -> bool {
        matches!(self, Piece::Role { .. } | Piece::Agent { .. })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Placed<'a> {
    pub start: usize,
    pub len: usize,
    pub piece: Piece<'a>,
}

impl Placed<'_> {
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// A noun phrase of adjacent pieces, with what its code was made from.
#[derive(Clone, Debug)]
pub(crate) struct Group<'a> {
    /// Word range including a leading determiner.
    pub words: std::ops::Range<usize>,
    pub pieces: Vec<Placed<'a>>,
}

impl<'a> Group<'a> {
    pub fn has_name(&self) -> bool {
        self.name_words().is_some()
    }

    pub fn person(&self) -> Option<&'a Entry> {
        self.pieces.iter().find_map(|placed| match placed.piece {
            Piece::Person(entry) => Some(entry),
            _ => None,
        })
    }

    /// Word range of the name: the person piece or the run of name words.
    /// The last run of adjacent name pieces not followed by a role word: "Paul Volcker"
    /// in "Federal Reserve Board chairman Paul Volcker", where "Federal Reserve Board"
    /// names the organisation; "Agriculture" in "U.S. Agriculture Department" is none.
    pub fn name_words(&self) -> Option<std::ops::Range<usize>> {
        let is_name = |index: usize| {
            let placed = &self.pieces[index];
            let before_role = self.pieces.get(index + 1).is_some_and(|next| {
                matches!(next.piece, Piece::Role { .. } | Piece::Agent { .. } | Piece::Word)
                    && next.start == placed.end()
            });
            matches!(placed.piece, Piece::Person(_)) || matches!(placed.piece, Piece::Name) && !before_role
        };
        let last = (0..self.pieces.len()).rev().find(|&index| is_name(index))?;
        let mut first = last;
        while first > 0
            && self.pieces[first - 1].piece.is_name()
            && self.pieces[first - 1].end() == self.pieces[first].start
        {
            first -= 1;
        }
        Some(self.pieces[first].start..self.pieces[last].end())
    }

    /// Whether an unknown name stands where office holders' names stand: right after a
    /// singular role word ("spokesman John Kirby", not "Investors High Income Fund"),
    /// after a comma (an appositive), or first, before its role ("Ned Price US State
    /// Department representative").
    pub fn name_is_titled(&self, view: &View<'_>, names: &std::ops::Range<usize>) -> bool {
        let Some(before) = self.pieces.iter().rfind(|placed| placed.end() <= names.start) else {
            return true;
        };
        if before.end() < names.start {
            return view.is(before.end(), ",") || TITLES.contains(&view.norm[before.end()].as_str());
        }
        // "Chairman of the Joint Chiefs of Staff Mark Milley": the title comes first.
        let state_body = matches!(before.piece, Piece::Actor { code, .. } if is_state_body(code));
        if state_body && self.pieces.iter().any(|placed| placed.piece.is_role() && placed.end() <= before.start) {
            return true;
        }
        let head = &view.norm[before.end() - 1];
        let singular = !head.ends_with('S') || head.ends_with("SS");
        before.piece.is_role()
            && singular
            && !ORGANISATION_WORDS.contains(&head.as_str())
            && !BODIES.contains(&head.as_str())
    }

    /// Whether a role word ends right before word `at` (a title before a name).
    pub fn role_ends_at(&self, at: usize) -> bool {
        self.pieces.iter().any(|placed| placed.piece.is_role() && placed.end() == at)
    }

    pub fn role_pieces(&self) -> impl Iterator<Item = &Placed<'a>> {
        self.pieces.iter().filter(|placed| placed.piece.is_role())
    }

    /// The runs of pieces between the name words, each a group of its own.
    pub fn without_names(&self, view: &View<'_>) -> Vec<Group<'a>> {
        let runs = self.pieces.split(|placed| placed.piece.is_name()).filter(|run| !run.is_empty());
        runs.map(|run| {
            let start = leading_determiner(view, run[0].start);
            Group { words: start..run[run.len() - 1].end(), pieces: run.to_vec() }
        })
        .collect()
    }

    /// An organisation with its own sector ("Joint Chiefs of Staff" is `USAMIL`).
    /// Only state bodies and international organisations: a name after a company
    /// ("Hutchison Whampoa Ltd") is no office holder.
    pub fn has_organisation(&self) -> bool {
        self.pieces.iter().any(|placed| matches!(placed.piece, Piece::Actor { code, .. } if is_state_body(code)))
    }

    pub fn only_metonym(&self) -> bool {
        matches!(self.pieces.as_slice(), [Placed { piece: Piece::Metonym { .. }, .. }])
    }

    /// The code from the organisation and role words, without the person's own code.
    /// The organisation nearest the head noun gives the country; agents and roles add
    /// sectors only to a bare country, since a ministry's spokesman speaks for the
    /// ministry ("Pentagon spokesman" is `USAMIL`, not `USAMILMED`).
    pub fn role_code(&self) -> Option<(String, Vec<String>)> {
        let mut base: Option<(&str, Evidence<'_>)> = None;
        let mut agents: Vec<(&str, &Rule)> = Vec::new();
        let mut prefixes: Vec<&str> = Vec::new();
        let mut role: Option<(&str, &Rule)> = None;
        for placed in &self.pieces {
            match placed.piece {
                Piece::Metonym { code, rule } | Piece::Actor { code, rule } => base = Some((code, rule)),
                Piece::Agent { code, placement: AgentPlacement::AfterActor, rule } => agents.push((code, rule)),
                Piece::Agent { code, placement: AgentPlacement::BeforeActor, .. } => prefixes.push(code),
                // GOV is what relational roles (spokesman, head) fall back to; any other
                // role sector names the organisation ("Defence Ministry" is MIL).
                Piece::Role { sector, rule } if role.is_none_or(|(sector, _)| sector == "GOV") => {
                    role = Some((sector, rule))
                }
                _ => {}
            }
        }
        let (base, base_rule) = base?;
        let mut rules = vec![base_rule.to_string()];
        if is_organisation(base) || sector_of(base).is_some() {
            return Some((base.to_string(), rules));
        }
        if agents.is_empty() {
            agents.extend(role);
            rules.extend(role.map(|(_, rule)| format!("overlay:{rule}")));
        } else {
            rules.extend(agents.iter().map(|(_, rule)| rule.to_string()));
        }
        let sectors: Vec<&str> = agents.iter().map(|(code, _)| *code).collect();
        let code = combine(base, &sectors);
        let code = prefixes.iter().fold(code, |code, prefix| format!("{prefix}{code}"));
        Some((code, rules))
    }
}

fn is_state_body(code: &str) -> bool {
    const STATE: [&str; 6] = ["GOV", "MIL", "LEG", "JUD", "COP", "SPY"];
    code.starts_with("IGO") || sector_of(code).is_some_and(|sector| STATE.contains(&sector.as_str()))
}

/// Whether the phrase at `i` (after a leading "the") is capitalised: proper names
/// are, and "us", "turkey" or "chad" in lower case are no countries.
fn capitalised_at(view: &View<'_>, i: usize) -> bool {
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
const ORGANISATION_WORDS: &[&str] = &[
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
const BODIES: &[&str] =
    &["DEPARTMENT", "MINISTRY", "OFFICE", "GOVERNMENT", "ADMINISTRATION", "AUTHORITY", "MILITARY", "ARMY", "NAVY"];

/// Titles kept in a person's mention ("Mr. Price") and telling their gender.
pub(crate) const TITLES: &[&str] = &["MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR."];

impl<'a> Context<'a> {
    /// All pieces of a sentence, left to right, longest first.
    pub fn pieces(&self, view: &View<'_>, near: &dyn Fn(&str) -> bool) -> Vec<Placed<'a>> {
        let mut pieces: Vec<Placed<'a>> = Vec::new();
        let mut i = 0;
        while i < view.words.len() {
            match self.piece_at(view, i, near) {
                Some(placed) => {
                    i += placed.len;
                    pieces.push(placed);
                }
                None => {
                    if is_name_word(view, i) {
                        pieces.push(Placed { start: i, len: 1, piece: Piece::Name });
                    } else if is_organisation_word(view, i) {
                        pieces.push(Placed { start: i, len: 1, piece: Piece::Word });
                    }
                    i += 1;
                }
            }
        }
        let first_name =
            |i: usize| self.overlays.iter().any(|overlay| overlay.lookup_at(Section::Gender, &view.norm, i).is_some());
        names_over_places(view, &mut pieces, first_name);
        pieces
    }

    /// The longest overlay phrase at word `i`, or after a "the" there: overlay phrases
    /// need not list the article ("Kremlin" matches "the Kremlin").
    fn overlay_at(&self, section: Section, view: &View<'_>, i: usize) -> Option<OverlayMatch<'a>> {
        let mut best: Option<OverlayMatch<'a>> = None;
        let starts = if view.is(i, "THE") { [Some(i), Some(i + 1)] } else { [Some(i), None] };
        for start in starts.into_iter().flatten() {
            for overlay in self.overlays {
                if let Some(mut found) = overlay.lookup_at(section, &view.norm, start) {
                    found.len += start - i;
                    if best.is_none_or(|best| best.len < found.len) {
                        best = Some(found);
                    }
                }
            }
        }
        best
    }

    /// The longest piece at word `i`; on equal length the overlay wins over the
    /// dictionaries, roles over agents.
    fn piece_at(&self, view: &View<'_>, i: usize, near: &dyn Fn(&str) -> bool) -> Option<Placed<'a>> {
        let best = self.longest_piece_at(view, i, near)?;
        // "the West Bank" is "the" + WEST_BANK, not the overlay's "the West" + "Bank":
        // the article is taken into the mention by the grouping anyway.
        if view.is(i, "THE") && i + 1 < view.words.len() {
            let after = self.dictionary_actor(view, i + 1).map_or(0, |(len, _)| len);
            if after > 0 && best.len <= after + 1 {
                return None;
            }
        }
        Some(best)
    }

    fn longest_piece_at(&self, view: &View<'_>, i: usize, near: &dyn Fn(&str) -> bool) -> Option<Placed<'a>> {
        let mut best: Option<Placed<'a>> = None;
        let names_allowed = capitalised_at(view, i);
        let mut offer = |len: usize, piece: Piece<'a>| {
            let proper = matches!(piece, Piece::Person(_) | Piece::Metonym { .. } | Piece::Actor { .. });
            if (names_allowed || !proper) && best.as_ref().is_none_or(|best| best.len < len) {
                best = Some(Placed { start: i, len, piece });
            }
        };
        if let Some(found) = self.overlay_at(Section::People, view, i) {
            offer(found.len, Piece::Person(found.entry));
        }
        if let Some(found) = self.overlay_at(Section::Metonyms, view, i) {
            if let Some(code) = found.entry.code_on(self.date, near) {
                offer(found.len, Piece::Metonym { code, rule: Evidence::Metonym(&found.entry.rule) });
            }
        }
        if let Some(found) = self.overlay_at(Section::Actors, view, i) {
            if let Some(code) = found.entry.code_on(self.date, near) {
                offer(found.len, Piece::Actor { code, rule: Evidence::Overlay(&found.entry.rule) });
            }
        }
        if let Some(found) = self.overlay_at(Section::Roles, view, i) {
            offer(found.len, Piece::Role { sector: &found.entry.alternatives[0].code, rule: &found.entry.rule });
        }
        if let Some((len, piece)) = self.dictionary_actor(view, i) {
            offer(len, piece);
        }
        if let Some(found) = self.dictionaries.agents.lookup_at(&view.words, i) {
            let piece = Piece::Agent { code: found.code, placement: found.placement, rule: found.rule };
            offer(found.len, piece);
        }
        best
    }

    /// The longest dictionary actor at `i` that does not swallow a person of the
    /// overlay: Phoenix's `RUSSIAN_PRESIDENT_VLADIMIR_PUTIN` gives way to "Russian
    /// President" + "Vladimir Putin", whose overlay code follows the date.
    fn dictionary_actor(&self, view: &View<'_>, i: usize) -> Option<(usize, Piece<'a>)> {
        let mut words = &view.words[..];
        loop {
            let Some(found) = self.dictionaries.actors.lookup_at(words, i, self.date) else {
                return self.plural_demonym(view, i);
            };
            let person = (i + 1..i + found.len).find(|&start| self.overlay_at(Section::People, view, start).is_some());
            match person {
                Some(start) => words = &view.words[..start],
                None => {
                    let piece = Piece::Actor { code: found.code, rule: Evidence::Dictionary(found.rule) };
                    return Some((found.len, piece));
                }
            }
        }
    }

    /// "Iraqis", "Nigerians": the actor files list demonyms in the singular only.
    fn plural_demonym(&self, view: &View<'_>, i: usize) -> Option<(usize, Piece<'a>)> {
        let word = view.words[i];
        let singular = word.strip_suffix('s')?;
        if !word.starts_with(char::is_uppercase) || singular.len() < 4 {
            return None;
        }
        let found = self.dictionaries.actors.lookup_at(&[singular], 0, self.date)?;
        let piece = Piece::Actor { code: found.code, rule: Evidence::Dictionary(found.rule) };
        is_bare_country(found.code).then_some((1, piece))
    }

    /// Groups adjacent pieces into noun phrases.
    pub fn groups(&self, view: &View<'_>, pieces: Vec<Placed<'a>>) -> Vec<Group<'a>> {
        let mut groups: Vec<Group<'a>> = Vec::new();
        for placed in pieces {
            if let Some(group) = groups.last_mut() {
                if joins(view, group, &placed) {
                    group.words.end = placed.end();
                    group.pieces.push(placed);
                    continue;
                }
            }
            let start = leading_determiner(view, placed.start);
            groups.push(Group { words: start..placed.end(), pieces: vec![placed] });
        }
        merge_trailing_roles(view, groups)
    }
}

/// "Ned Price, a State Department spokesman, said": a name, a comma and a role phrase
/// closed by punctuation are one mention, coded from the role.
fn merge_trailing_roles<'a>(view: &View<'_>, groups: Vec<Group<'a>>) -> Vec<Group<'a>> {
    let mut merged: Vec<Group<'a>> = Vec::with_capacity(groups.len());
    for group in groups {
        if let Some(name) = merged.last_mut() {
            if is_trailing_role(view, name, &group) {
                name.words.end = group.words.end;
                name.pieces.extend(group.pieces);
                continue;
            }
        }
        merged.push(group);
    }
    merged
}

fn is_trailing_role(view: &View<'_>, name: &Group<'_>, role: &Group<'_>) -> bool {
    let only_names = name.pieces.iter().all(|placed| placed.piece.is_name());
    let comma = name.words.end;
    let mut start = comma + 1;
    if ["A", "AN"].contains(&view.norm.get(start).map_or("", String::as_str)) {
        start += 1;
    }
    let role_start = role.pieces[0].start;
    let closed = view.words.get(role.words.end).is_none_or(|word| [",", ".", ";", ")"].contains(word));
    only_names
        && view.is(comma, ",")
        && (role.words.start == start || role_start == start)
        && !role.has_name()
        && role.role_pieces().next().is_some()
        && closed
}

/// Whether `next` continues `group`: adjacent, across "of (the)" after a role word
/// ("head of the US Department of Defense"), "for (the)" after a role noun, a
/// possessive before a role ("Russia's Defence Ministry"), a title before a name, or
/// as an appositive name after a comma ("the head of ..., Lloyd Austin,").
fn joins(view: &View<'_>, group: &Group<'_>, next: &Placed<'_>) -> bool {
    let end = group.words.end;
    let last = group.pieces.last().expect("groups are never empty");
    if next.start == end {
        return true;
    }
    let gap = next.start - end;
    let role_of = last.piece.is_role() && view.is(end, "OF");
    let spokesman_for = matches!(last.piece, Piece::Role { .. }) && view.is(end, "FOR");
    if (role_of || spokesman_for) && !next.piece.is_name() {
        return gap == 1 || (gap == 2 && view.is(end + 1, "THE"));
    }
    let possessor = matches!(last.piece, Piece::Actor { .. } | Piece::Metonym { .. });
    if next.piece.is_role() && !last.piece.is_name() {
        // "Russia's foreign minister", "Nigerian junior foreign minister".
        let from = if possessor && view.is(end, "'S") { end + 1 } else { end };
        let modifiers = from..next.start;
        if modifiers.len() <= 2 && modifiers.clone().all(|i| is_modifier(view, i)) {
            return true;
        }
    }
    // "King Hassan of Morocco".
    let country_after_name = matches!(next.piece, Piece::Actor { code, .. } if is_bare_country(code));
    if last.piece.is_name() && country_after_name && group.role_pieces().next().is_some() && view.is(end, "OF") {
        return gap == 1 || (gap == 2 && view.is(end + 1, "THE"));
    }
    if next.piece.is_name() && gap == 1 && TITLES.contains(&view.norm[end].as_str()) {
        return true;
    }
    gap == 1 && view.is(end, ",") && is_appositive(view, group, next)
}

/// Words that may stand between a country and a role ("junior", "top"); "former"
/// is not one, since it makes an elite out of an office holder.
fn is_modifier(view: &View<'_>, i: usize) -> bool {
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

fn is_appositive(view: &View<'_>, group: &Group<'_>, next: &Placed<'_>) -> bool {
    if group.has_name() || group.role_pieces().next().is_none() || !next.piece.is_name() {
        return false;
    }
    // The name must end the appositive: a name followed by a verb is a new clause.
    let mut end = next.end();
    while end < view.words.len() && is_name_word(view, end) {
        end += 1;
    }
    end == view.words.len() || [",", ".", ";", ")", "\u{2013}", "\u{2014}", ":"].contains(&view.words[end])
}

fn leading_determiner(view: &View<'_>, start: usize) -> usize {
    if start > 0 && view.is(start - 1, "THE") {
        start - 1
    } else {
        start
    }
}

/// A one-word dictionary actor right after a name word is a surname: "Omar Hassan"
/// (a Jordanian prince in the Phoenix files), "Lloyd Austin" (a US city) after a
/// known first name. Acronyms stay actors ("Ned Price US State Department").
fn names_over_places(view: &View<'_>, pieces: &mut [Placed<'_>], first_name: impl Fn(usize) -> bool) {
    for index in 1..pieces.len() {
        let (before, rest) = pieces.split_at_mut(index);
        let (previous, placed) = (&before[index - 1], &mut rest[0]);
        let Piece::Actor { code, .. } = placed.piece else {
            continue;
        };
        let word = view.words[placed.start];
        let titlecase = word.chars().skip(1).any(char::is_lowercase);
        let after_name = matches!(previous.piece, Piece::Name) && previous.end() == placed.start;
        let surname = !is_bare_country(code) || first_name(previous.start);
        if placed.len == 1 && titlecase && after_name && surname {
            placed.piece = Piece::Name;
        }
    }
}

/// A capitalised word that is not a function word; with tags, a proper noun.
/// Sentence-initial words are names only when another name word follows.
pub(crate) fn is_name_word(view: &View<'_>, i: usize) -> bool {
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

fn is_organisation_word(view: &View<'_>, i: usize) -> bool {
    view.words[i].starts_with(char::is_uppercase) && ORGANISATION_WORDS.contains(&view.norm[i].as_str())
}

fn is_capitalised_word(view: &View<'_>, i: usize) -> bool {
    let word = view.norm[i].as_str();
    view.words[i].starts_with(char::is_uppercase) && !NOT_NAMES.contains(&word) && !ORGANISATION_WORDS.contains(&word)
}
