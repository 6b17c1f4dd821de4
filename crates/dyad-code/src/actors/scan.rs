//! One sentence's pieces: overlay people, metonyms and actors, role nouns, dictionary
//! actors and agents, and name words, longest first at every word.

use std::fmt;

use chrono::NaiveDate;
use dyad_dict::{AgentPlacement, Dictionaries, Rule};
use dyad_lang::Tag;

use super::code::is_bare_country;
use super::overlay::{normalized, Entry, Overlay, OverlayMatch, Section};
use super::words::{capitalised_at, is_name_word, is_organisation_word};
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
    pub(super) fn is_name(&self) -> bool {
        matches!(self, Piece::Person(_) | Piece::Name)
    }

    pub(super) fn is_role(&self) -> bool {
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
