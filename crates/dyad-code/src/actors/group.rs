//! Noun phrases: adjacent pieces grouped, and the code their pieces make together.

use dyad_dict::{AgentPlacement, Rule};

use super::code::{combine, is_bare_country, is_organisation, sector_of};
use super::overlay::Entry;
use super::scan::{Context, Evidence, Piece, Placed, View};
use super::words::{is_modifier, is_name_word, BODIES, ORGANISATION_WORDS, TITLES};

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

impl<'a> Context<'a> {
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
    // A dictionary actor right after a title ("King Hassan") is a person's name too.
    let titled_actor = matches!(last.piece, Piece::Actor { code, .. } if !is_bare_country(code))
        && group.pieces.iter().rev().nth(1).is_some_and(|before| before.piece.is_role() && before.end() == last.start);
    if (last.piece.is_name() || titled_actor)
        && country_after_name
        && group.role_pieces().next().is_some()
        && view.is(end, "OF")
    {
        return gap == 1 || (gap == 2 && view.is(end + 1, "THE"));
    }
    // "Rebels in the Ivory Coast", "students from Kenya": agents with no country of
    // their own take the country the phrase places them in, if they are of the place
    // by nature. Settlers, refugees, troops, diplomats and journalists "in" a country
    // are often from elsewhere ("settlers in the West Bank", "US troops in Iraq").
    let bare_agents =
        group.pieces.iter().all(|placed| matches!(placed.piece, Piece::Agent { code, .. } if is_local_agent(code)));
    if bare_agents && country_after(next) && (view.is(end, "IN") || view.is(end, "FROM")) {
        return gap == 1 || (gap == 2 && view.is(end + 1, "THE"));
    }
    if next.piece.is_name() && gap == 1 && TITLES.contains(&view.norm[end].as_str()) {
        return true;
    }
    gap == 1 && view.is(end, ",") && is_appositive(view, group, next)
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

/// Whether `next` is a country by itself (not a ministry or a person of one).
fn country_after(next: &Placed<'_>) -> bool {
    matches!(next.piece, Piece::Actor { code, .. } if is_bare_country(code))
}

/// Agent sectors whose members belong to the place they are in: rebels, opposition
/// and protesters, police, militias, students, workers.
fn is_local_agent(code: &str) -> bool {
    const LOCAL: [&str; 6] = ["REB", "OPP", "COP", "UAF", "EDU", "LAB"];
    !code.is_empty()
        && code.len() % 3 == 0
        && (0..code.len()).step_by(3).all(|at| code.get(at..at + 3).is_some_and(|sector| LOCAL.contains(&sector)))
}
