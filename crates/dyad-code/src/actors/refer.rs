//! The whole article: mentions from noun phrases, then surnames, role noun phrases
//! and pronouns referring back to earlier mentions.

use std::ops::Range;

use super::code::{combine, country_of, sector_of};
use super::group::Group;
use super::overlay::Entry;
use super::scan::{Context, Piece, View};
use super::words::{BODIES, TITLES};
use super::{Mention, MentionKind};

use crate::coref::names::{self, Gender};

/// What coreference needs to know about a mention beyond the public record.
#[derive(Clone, Debug, Default)]
struct Facts {
    person: bool,
    gender: Option<Gender>,
    /// Normalised role head words ("SPOKESPERSON").
    role_heads: Vec<String>,
    /// Normalised full name and last word of the name.
    name_key: Option<String>,
    surname: Option<String>,
}

#[derive(Clone, Copy, Debug)]
enum Target {
    Earlier(usize),
    Here(usize),
}

/// A mention of the sentence being resolved, before its final index is known.
struct Local {
    words: Range<usize>,
    code: String,
    name: Option<String>,
    kind: MentionKind,
    refers: Option<Target>,
    rule: String,
    facts: Facts,
}

struct State {
    mentions: Vec<Mention>,
    facts: Vec<Facts>,
    /// Per sentence, where names of people nobody could code start: a pronoun after
    /// them may be theirs, so it is not resolved past them.
    unknown_names: Vec<Vec<usize>>,
}

pub(crate) fn resolve_article(context: &Context<'_>) -> Vec<Mention> {
    let article = context.article;
    let views: Vec<View<'_>> = (0..article.sentence_count()).map(|s| View::new(article, s)).collect();
    let mut state = State { mentions: Vec::new(), facts: Vec::new(), unknown_names: Vec::new() };
    for view in &views {
        let s = view.sentence;
        let around = s.saturating_sub(1)..(s + 2).min(views.len());
        let near = |word: &str| views[around.clone()].iter().any(|other| other.norm.iter().any(|norm| norm == word));
        let pieces = context.pieces(view, &near);
        let mut local: Vec<Local> = Vec::new();
        let mut unknown = Vec::new();
        for group in context.groups(view, pieces) {
            match state.of_group(context, view, &group, &local) {
                Some(found) => local.push(found),
                None if group.has_name() => {
                    // "Russia Warns US": the capitalised word was no person, the
                    // actors around it still count.
                    unknown.push(group.words.start);
                    for part in group.without_names(view) {
                        local.extend(state.of_group(context, view, &part, &local));
                    }
                }
                None => {}
            }
        }
        state.unknown_names.push(unknown);
        state.surnames(context, view, &mut local);
        state.pronouns(view, &mut local);
        state.commit(context, s, local);
    }
    state.mentions
}

impl State {
    fn head(&self, index: usize) -> usize {
        self.mentions[index].refers_to.unwrap_or(index)
    }

    /// The latest earlier mention (this sentence first) satisfying `matches`.
    fn find_earlier(&self, local: &[Local], matches: impl Fn(&Facts, &str) -> bool) -> Option<Target> {
        if let Some(at) = local.iter().rposition(|found| matches(&found.facts, &found.code)) {
            return Some(Target::Here(at));
        }
        let at = (0..self.mentions.len()).rev().find(|&at| matches(&self.facts[at], &self.mentions[at].code))?;
        Some(Target::Earlier(self.head(at)))
    }

    fn target_code<'s>(&'s self, local: &'s [Local], target: Target) -> &'s str {
        match target {
            Target::Earlier(at) => &self.mentions[at].code,
            Target::Here(at) => &local[at].code,
        }
    }

    fn target_facts<'s>(&'s self, local: &'s [Local], target: Target) -> &'s Facts {
        match target {
            Target::Earlier(at) => &self.facts[at],
            Target::Here(at) => &local[at].facts,
        }
    }

    fn of_group(&self, context: &Context<'_>, view: &View<'_>, group: &Group<'_>, local: &[Local]) -> Option<Local> {
        if group.has_name() {
            return self.named(context, view, group, local);
        }
        let role = group.role_code();
        let facts = Facts {
            role_heads: role_heads(view, group),
            gender: role_gender(context, view, group),
            ..Facts::default()
        };
        if let Some(found) = self.role_noun(view, group, &facts, role.as_ref().map(|(code, _)| code.as_str()), local) {
            return Some(found);
        }
        let (code, rules) = role?;
        let (kind, rule) = if group.only_metonym() {
            (MentionKind::Metonym, rules.join(" + "))
        } else {
            (MentionKind::Dictionary, rules.join(" + "))
        };
        Some(Local { words: group.words.clone(), code, name: None, kind, refers: None, rule, facts })
    }

    /// A phrase with a person's name: coded from the dated overlay, else from its role
    /// words, else from an earlier mention of the same name.
    fn named(&self, context: &Context<'_>, view: &View<'_>, group: &Group<'_>, local: &[Local]) -> Option<Local> {
        let names = group.name_words()?;
        let person = group.person();
        if let Some(body) = person.and_then(|entry| self.persons_body(context, view, group, entry, &names)) {
            return Some(body);
        }
        let written = context.article.words_span(view.sentence, names.clone()).of(context.article.text()).to_string();
        let name = person.map_or_else(|| written.clone(), |entry| entry.name.clone());
        let name_key = key(&name);
        let surname = name_key.rsplit(' ').next().unwrap_or_default().to_string();
        let single = !written.contains(' ');
        let referent = self.find_earlier(local, |facts, _| {
            (facts.name_key.as_deref() == Some(&name_key) || single && facts.surname.as_deref() == Some(&surname))
                && !(single && another_first_name(context, view, names.start, facts))
        });
        // A name after a bare place is not a role ("Washington Post" is no person).
        let has_role = group.role_pieces().next().is_some() || group.has_organisation();
        // One capitalised word after an organisation is more often the end of its name
        // ("Federal Reserve Board") than a person: a lone name needs a role word right
        // before it ("President Reagan").
        let lone = single && person.is_none() && referent.is_none() && !group.role_ends_at(names.start);
        let titled = person.is_some() || referent.is_some() || group.name_is_titled(view, &names);
        let role = if has_role && !lone && titled { group.role_code() } else { None };
        let overlay_code = person.and_then(|entry| entry.code_on(context.date, |_| false));
        let (code, rule) = if let Some(code) = overlay_code {
            (code.to_string(), format!("overlay:{}", person.expect("overlay code comes from a person").rule))
        } else if let Some((code, _)) = role {
            (code, format!("role:{}", role_words(context, view, group)))
        } else if let Some(target) = referent {
            (self.target_code(local, target).to_string(), if single { "surname" } else { "repeat" }.to_string())
        } else {
            return None;
        };
        let written_key = key(&written);
        let referent_is_longer = referent.is_some_and(|target| {
            self.target_facts(local, target).name_key.as_ref().is_some_and(|earlier| earlier.len() > written_key.len())
        });
        let kind = if single && referent_is_longer { MentionKind::Surname } else { MentionKind::Named };
        let rule = if kind == MentionKind::Surname { "surname".to_string() } else { rule };
        let name = match (kind, referent) {
            (MentionKind::Surname, Some(target)) => self.target_name(local, target).unwrap_or(name),
            _ => name,
        };
        let gender = name_gender(context, view, names.start).or_else(|| role_gender(context, view, group));
        let facts = Facts {
            person: true,
            gender,
            role_heads: role_heads(view, group),
            name_key: Some(name_key),
            surname: Some(surname),
        };
        let words = group.words.start..group.words.end;
        Some(Local { words, code, name: Some(name), kind, refers: referent, rule, facts })
    }

    /// "the Trump administration", "the Netanyahu government": a body named after its
    /// leader is that country's body, whatever the leader's office on the article's
    /// date.
    fn persons_body(
        &self,
        context: &Context<'_>,
        view: &View<'_>,
        group: &Group<'_>,
        entry: &Entry,
        names: &Range<usize>,
    ) -> Option<Local> {
        let head = group.pieces.last()?;
        let (Piece::Agent { code: sector, .. } | Piece::Role { sector, .. }) = head.piece else {
            return None;
        };
        if head.start < names.end || !BODIES.contains(&view.norm[head.end() - 1].as_str()) {
            return None;
        }
        let current = entry.code_on(context.date, |_| false);
        let code = current.or_else(|| entry.alternatives.last().map(|alternative| alternative.code.as_str()))?;
        let country = country_of(code).filter(|country| country.len() == 3)?;
        let words = group.words.clone();
        let rule = format!("role:{}", phrase_text(view, words.clone()));
        let code = combine(&country, &[sector]);
        Some(Local {
            words,
            code,
            name: None,
            kind: MentionKind::Dictionary,
            refers: None,
            rule,
            facts: Facts::default(),
        })
    }

    /// "the State Department spokesman" after "US State Department spokesman Ned
    /// Price": a definite role phrase whose head word and country match an earlier
    /// named person refers to that person.
    fn role_noun(
        &self,
        view: &View<'_>,
        group: &Group<'_>,
        facts: &Facts,
        code: Option<&str>,
        local: &[Local],
    ) -> Option<Local> {
        let definite = view.is(group.words.start, "THE");
        if !definite || facts.role_heads.is_empty() {
            return None;
        }
        let country = code.and_then(country_of);
        let target = self.find_earlier(local, |earlier, earlier_code| {
            earlier.person
                && earlier.name_key.is_some()
                && earlier.role_heads.iter().any(|head| facts.role_heads.contains(head))
                && country.as_ref().is_none_or(|country| country_of(earlier_code).as_ref() == Some(country))
        })?;
        let earlier = self.target_facts(local, target).clone();
        let code = self.target_code(local, target).to_string();
        let rule = format!("role:{}", phrase_text(view, group.words.clone()));
        let facts = Facts {
            person: true,
            gender: facts.gender.or(earlier.gender),
            role_heads: facts.role_heads.clone(),
            ..earlier
        };
        Some(Local {
            words: group.words.clone(),
            code,
            name: None,
            kind: MentionKind::Role,
            refers: Some(target),
            rule,
            facts,
        })
    }

    /// Capitalised words repeating the surname of an earlier named person ("Price
    /// emphasized ..."), also at the start of a sentence where names are not guessed.
    /// A one-word dictionary actor that repeats a surname is the person ("Austin", a
    /// US city, after "Lloyd Austin").
    fn surnames(&self, context: &Context<'_>, view: &View<'_>, local: &mut Vec<Local>) {
        for i in 0..view.words.len() {
            let capitalised = view.words[i].chars().next().is_some_and(char::is_uppercase);
            let covering = local.iter().position(|found| found.words.contains(&i));
            let replaceable =
                covering.filter(|&at| local[at].words.len() == 1 && local[at].kind == MentionKind::Dictionary);
            if !capitalised || covering.is_some() && replaceable.is_none() {
                continue;
            }
            let word = &view.norm[i];
            let Some(target) = self.find_earlier(local, |facts, _| facts.surname.as_ref() == Some(word)) else {
                continue;
            };
            let facts = self.target_facts(local, target).clone();
            if another_first_name(context, view, i, &facts) {
                continue;
            }
            let name = self.target_name(local, target);
            let start = if i > 0 && TITLES.contains(&view.norm[i - 1].as_str()) { i - 1 } else { i };
            let code = self.target_code(local, target).to_string();
            let kind = MentionKind::Surname;
            let found =
                Local { words: start..i + 1, code, name, kind, refers: Some(target), rule: "surname".into(), facts };
            // Replaced in place: later mentions may point at this index.
            match replaceable {
                Some(at) => local[at] = found,
                None => local.push(found),
            }
        }
    }

    fn target_name(&self, local: &[Local], target: Target) -> Option<String> {
        match target {
            Target::Earlier(at) => self.mentions[at].name.clone(),
            Target::Here(at) => local[at].name.clone(),
        }
    }

    /// he/him/she/her: the nearest compatible person earlier in the sentence, else the
    /// first one of the nearest earlier sentence (up to two back) that has one, if the
    /// gender agrees or that person is the only one there.
    /// they/them: only the one group actor earlier in the same sentence, with no
    /// plural noun between that could be meant instead.
    fn pronouns(&self, view: &View<'_>, local: &mut Vec<Local>) {
        for i in 0..view.words.len() {
            if covered(local, i) {
                continue;
            }
            let target = match view.norm[i].as_str() {
                "THEY" | "THEM" => group_antecedent(view, local, i),
                _ => pronoun_gender(view, i).and_then(|gender| self.antecedent(view.sentence, local, i, gender)),
            };
            let Some(target) = target else {
                continue;
            };
            let facts = self.target_facts(local, target).clone();
            let name = self.target_name(local, target);
            let code = self.target_code(local, target).to_string();
            let refers = Some(target);
            local.push(Local {
                words: i..i + 1,
                code,
                name,
                kind: MentionKind::Pronoun,
                refers,
                rule: "pronoun".into(),
                facts,
            });
        }
    }

    fn antecedent(&self, sentence: usize, local: &[Local], at: usize, gender: Gender) -> Option<Target> {
        if self.unknown_names[sentence].iter().any(|&start| start < at) {
            return None;
        }
        let agrees = |facts: &Facts| facts.person && facts.gender.is_none_or(|known| known == gender);
        let here = local.iter().enumerate().filter(|(_, found)| found.words.end <= at && agrees(&found.facts));
        if let Some((index, _)) = here.max_by_key(|(_, found)| found.words.start) {
            return Some(Target::Here(index));
        }
        for back in 1..=2 {
            let Some(earlier) = sentence.checked_sub(back) else {
                break;
            };
            if !self.unknown_names[earlier].is_empty() {
                return None;
            }
            let people: Vec<usize> = (0..self.mentions.len())
                .filter(|&m| self.mentions[m].sentence == earlier && self.facts[m].person)
                .collect();
            if people.is_empty() {
                continue;
            }
            let sure = |&&m: &&usize| self.facts[m].gender == Some(gender) || people.len() == 1;
            return people.iter().find(|m| agrees(&self.facts[**m]) && sure(m)).map(|&m| Target::Earlier(self.head(m)));
        }
        None
    }

    /// Orders the sentence's mentions by position and appends them.
    fn commit(&mut self, context: &Context<'_>, sentence: usize, mut local: Vec<Local>) {
        let base = self.mentions.len();
        let mut order: Vec<usize> = (0..local.len()).collect();
        order.sort_by_key(|&at| (local[at].words.start, local[at].words.end));
        let mut index_of = vec![0; local.len()];
        for (rank, &at) in order.iter().enumerate() {
            index_of[at] = base + rank;
        }
        let heads: Vec<Option<usize>> =
            (0..local.len()).map(|at| self.resolve_target(&local, &index_of, at, 0)).collect();
        for &at in &order {
            let found = &mut local[at];
            let refers_to = heads[at];
            let span = context.article.words_span(sentence, found.words.clone());
            self.mentions.push(Mention {
                sentence,
                words: found.words.clone(),
                span,
                text: span.of(context.article.text()).to_string(),
                country: country_of(&found.code),
                sector: sector_of(&found.code),
                code: std::mem::take(&mut found.code),
                name: found.name.take(),
                kind: found.kind,
                refers_to,
                rule: std::mem::take(&mut found.rule),
            });
            self.facts.push(std::mem::take(&mut found.facts));
        }
    }

    /// The final index of the chain head a local mention refers to.
    fn resolve_target(&self, local: &[Local], index_of: &[usize], at: usize, depth: usize) -> Option<usize> {
        match local[at].refers? {
            Target::Earlier(earlier) => Some(self.head(earlier)),
            Target::Here(other) if depth < local.len() => {
                Some(self.resolve_target(local, index_of, other, depth + 1).unwrap_or(index_of[other]))
            }
            Target::Here(_) => None,
        }
    }
}

fn group_antecedent(view: &View<'_>, local: &[Local], at: usize) -> Option<Target> {
    let mut before = local.iter().enumerate().filter(|(_, found)| found.words.end <= at);
    let (index, found) = before.next()?;
    // A group of people ("Japanese officials"), not a place: "traders in Hong Kong
    // said they" are the traders.
    let group_of_people = sector_of(&found.code).is_some() && is_plural_noun(view, found.words.end - 1);
    if before.next().is_some() || found.facts.person || !group_of_people {
        return None;
    }
    let competing = (found.words.end..at).any(|i| is_plural_noun(view, i));
    (!competing).then_some(Target::Here(index))
}

/// A plural noun, from the tag or, untagged, from the spelling; verbs in -s count too,
/// which only makes "they" rarer.
fn is_plural_noun(view: &View<'_>, i: usize) -> bool {
    if let Some(tag) = view.tag(i) {
        return matches!(tag.xpos_name(), "NNS" | "NNPS");
    }
    let word = view.words[i];
    let lower = word.chars().all(|c| c.is_ascii_lowercase());
    lower && word.len() > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|end| word.ends_with(end))
}

fn covered(local: &[Local], i: usize) -> bool {
    local.iter().any(|found| found.words.contains(&i))
}

fn key(name: &str) -> String {
    names::name_key(name)
}

fn pronoun_gender(view: &View<'_>, i: usize) -> Option<Gender> {
    match view.norm[i].as_str() {
        "HE" | "HIM" => Some(Gender::Male),
        "SHE" => Some(Gender::Female),
        "HER" if object_her(view, i) => Some(Gender::Female),
        _ => None,
    }
}

/// "according to her" but not "her actions": possessive "her" is left alone.
fn object_her(view: &View<'_>, i: usize) -> bool {
    if let Some(tag) = view.tag(i) {
        return tag.xpos_name() == "PRP";
    }
    let next = view.words.get(i + 1).copied().unwrap_or(".");
    !next.chars().next().is_some_and(char::is_alphanumeric)
        || ["that", "to", "and", "on", "in", "about"].contains(&next)
}

fn gender_at(context: &Context<'_>, view: &View<'_>, i: usize) -> Option<Gender> {
    names::overlay_gender(context.overlays, &view.norm, i)
}

/// "Hassan Mohamed" after "Ahmed Mohamed": a first name right before a known surname
/// that is not that person's own names another person of the family.
fn another_first_name(context: &Context<'_>, view: &View<'_>, surname_at: usize, known: &Facts) -> bool {
    let Some(before) = surname_at.checked_sub(1).filter(|&b| gender_at(context, view, b).is_some()) else {
        return false;
    };
    let known_words = known.name_key.as_deref().unwrap_or_default();
    !known_words.split(' ').any(|word| word == view.norm[before])
}

fn name_gender(context: &Context<'_>, view: &View<'_>, name_start: usize) -> Option<Gender> {
    let title = name_start.checked_sub(1).and_then(|before| gender_at(context, view, before));
    title.or_else(|| gender_at(context, view, name_start))
}

fn role_gender(context: &Context<'_>, view: &View<'_>, group: &Group<'_>) -> Option<Gender> {
    group.role_pieces().find_map(|placed| (placed.start..placed.end()).find_map(|i| gender_at(context, view, i)))
}

/// Role head words, with the spokes- forms made one so "spokeswoman" can repeat
/// "spokesperson".
fn role_heads(view: &View<'_>, group: &Group<'_>) -> Vec<String> {
    group
        .role_pieces()
        .filter(|placed| !matches!(placed.piece, Piece::Role { sector: "MIL", .. }))
        .map(|placed| {
            let head = &view.norm[placed.end() - 1];
            if head.starts_with("SPOKES") {
                "SPOKESPERSON".to_string()
            } else {
                head.clone()
            }
        })
        .collect()
}

/// The words of the phrase other than the name and a leading "the".
fn role_words(context: &Context<'_>, view: &View<'_>, group: &Group<'_>) -> String {
    let others = group.pieces.iter().filter(|placed| !matches!(placed.piece, Piece::Person(_) | Piece::Name));
    let (start, end) =
        others.fold((usize::MAX, 0), |(start, end), placed| (start.min(placed.start), end.max(placed.end())));
    if start >= end {
        return String::new();
    }
    let text = |words: Range<usize>| context.article.words_span(view.sentence, words).of(context.article.text());
    // "producer spokesman Luis Escalante of Costa Rica": the name is cut out.
    match group.name_words().filter(|names| start < names.start && names.end < end) {
        Some(names) => format!("{} {}", text(start..names.start), text(names.end..end)),
        None => text(start..end).to_string(),
    }
}

fn phrase_text(view: &View<'_>, words: Range<usize>) -> String {
    view.words[words].join(" ")
}
