//! One reading per place name, chosen with the article's context.

use super::gazetteer::{Gazetteer, Place, PlaceKind};
use super::recognise::Candidate;
use super::PlaceRecord;
use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use std::collections::HashSet;

/// Scores on a log10-population scale: a country outranks any city of its name
/// ("Mexico", "Georgia" without other context), a capital gains a tenfold population.
const COUNTRY: f64 = 10.0;
const REGION: f64 = 9.5;
const CAPITAL: f64 = 1.0;
/// A country the article already names: enough to prefer Paris, Texas over a city
/// of the same population elsewhere, not over Paris, France.
const IN_CONTEXT: f64 = 2.0;
/// The name is an actor mention coded with this country ("Washington" as USAGOV).
const ACTOR_COUNTRY: f64 = 3.0;
/// "Portland, Maine": the qualifier settles both names.
const QUALIFIED: f64 = 5.0;
/// A city and its own division of the same name ("New York"): the city, as news uses
/// it, when it is a city of millions (not Oklahoma City for "Oklahoma").
const CITY_OF_DIVISION: f64 = 1.0;
const CITY_OF_DIVISION_POPULATION: u64 = 1_000_000;

pub(super) fn resolve(
    gazetteer: &Gazetteer,
    article: &AnalysedArticle,
    mentions: &[Mention],
    candidates: Vec<Candidate>,
) -> Vec<PlaceRecord> {
    let context = context_countries(gazetteer, mentions, &candidates);
    let text = article.text();
    let mut places = Vec::with_capacity(candidates.len());
    for (index, candidate) in candidates.iter().enumerate() {
        let candidate = &actor_country_readings(gazetteer, mentions, candidate, text);
        let mut record = if let Some([first, second]) = candidate.border {
            border(gazetteer.place(first), gazetteer.place(second), candidate, text)
        } else {
            let neighbours = Neighbours {
                before: index.checked_sub(1).map(|i| &candidates[i]).filter(|c| separated_by_comma(text, c, candidate)),
                after: candidates.get(index + 1).filter(|c| separated_by_comma(text, candidate, c)),
            };
            let scorer = Scorer { gazetteer, context: &context, mentions, candidate, neighbours };
            let Some(best) = candidate.readings.iter().copied().max_by(|&a, &b| scorer.compare(a, b)) else {
                // Every reading contradicted the actor's country.
                continue;
            };
            PlaceRecord::of(gazetteer.place(best), text, candidate.start, candidate.end, candidate.sentence)
        };
        record.mention = candidate.mention;
        places.push(record);
    }
    places
}

/// A name that is the whole of a metonym mention coded with a country ("the White
/// House", USAGOV) is a place of that country or no place (not Casablanca, whose
/// alternate name it is). Dictionary actors are not trusted so: the dictionaries code
/// "Birmingham" GBR in an article about Alabama too.
fn actor_country_readings(gazetteer: &Gazetteer, mentions: &[Mention], candidate: &Candidate, text: &str) -> Candidate {
    let mut candidate = candidate.clone();
    let actor = candidate.mention.map(|m| &mentions[m]);
    let country = actor
        .filter(|m| m.kind == MentionKind::Metonym && m.span.end == candidate.end)
        .filter(|m| text.get(m.span.start..candidate.start).is_some_and(is_determiner))
        .and_then(|m| m.country.as_deref())
        .filter(|c| gazetteer.country(c).is_some());
    if let Some(country) = country {
        candidate.readings.retain(|&id| {
            let place = gazetteer.place(id);
            place.country.as_deref() == Some(country) || place.members.iter().any(|m| m == country)
        });
    }
    candidate
}

fn is_determiner(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "" | "the")
}

/// Countries the article names without doubt: its actors' (but not an actor whose
/// name is itself an ambiguous place, such as "Georgia") and those of place names
/// whose readings all lie in one country.
fn context_countries(gazetteer: &Gazetteer, mentions: &[Mention], candidates: &[Candidate]) -> HashSet<String> {
    let mut context = HashSet::new();
    let single_country = |candidate: &Candidate| -> Option<String> {
        let mut countries = candidate.readings.iter().map(|&id| gazetteer.place(id).country.as_ref());
        let first = countries.next()??;
        countries.all(|c| c == Some(first)).then(|| first.clone())
    };
    for candidate in candidates {
        if let Some(country) = single_country(candidate) {
            context.insert(country);
        }
    }
    let ambiguous: HashSet<(usize, usize)> =
        candidates.iter().filter(|c| single_country(c).is_none()).map(|c| (c.start, c.end)).collect();
    for mention in mentions {
        let Some(country) = mention.country.as_ref().filter(|c| gazetteer.country(c).is_some()) else { continue };
        if !ambiguous.contains(&(mention.span.start, mention.span.end)) {
            context.insert(country.clone());
        }
    }
    context
}

fn separated_by_comma(text: &str, first: &Candidate, second: &Candidate) -> bool {
    first.sentence == second.sentence && text.get(first.end..second.start).is_some_and(|gap| gap.trim() == ",")
}

struct Neighbours<'c> {
    before: Option<&'c Candidate>,
    after: Option<&'c Candidate>,
}

struct Scorer<'a> {
    gazetteer: &'a Gazetteer,
    context: &'a HashSet<String>,
    mentions: &'a [Mention],
    candidate: &'a Candidate,
    neighbours: Neighbours<'a>,
}

impl Scorer<'_> {
    fn compare(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let (pa, pb) = (self.gazetteer.place(a), self.gazetteer.place(b));
        self.score(pa)
            .total_cmp(&self.score(pb))
            .then(pa.population.cmp(&pb.population))
            // Equal on everything: the earlier entry (countries and regions first).
            .then(b.cmp(&a))
    }

    fn score(&self, place: &Place) -> f64 {
        let mut score = match place.kind {
            PlaceKind::Country => COUNTRY,
            PlaceKind::Region => REGION,
            PlaceKind::Admin1 => log_population(place),
            PlaceKind::City => log_population(place) + if place.capital { CAPITAL } else { 0.0 },
        };
        let country = place.country.as_deref();
        if country.is_some_and(|c| self.context.contains(c)) {
            score += IN_CONTEXT;
        }
        let actor = self.candidate.mention.map(|m| &self.mentions[m]);
        if actor.is_some_and(|m| m.kind == MentionKind::Metonym && m.country.as_deref() == country && country.is_some())
        {
            score += ACTOR_COUNTRY;
        }
        if self.qualified(place) {
            score += QUALIFIED;
        }
        if place.kind == PlaceKind::City
            && place.population >= CITY_OF_DIVISION_POPULATION
            && self.has_reading(self.candidate, |other| is_division_of(other, place))
        {
            score += CITY_OF_DIVISION;
        }
        score
    }

    /// The place fits the name after it ("Portland, Maine") or before it ("Maine"
    /// after "Portland,").
    fn qualified(&self, place: &Place) -> bool {
        let qualifies = |outer: &Place, inner: &Place| {
            inner.kind == PlaceKind::City
                && match outer.kind {
                    PlaceKind::Admin1 => outer.admin1.is_some() && outer.admin1 == inner.admin1,
                    PlaceKind::Country => outer.country.is_some() && outer.country == inner.country,
                    _ => false,
                }
        };
        let after = self.neighbours.after.is_some_and(|next| self.has_reading(next, |outer| qualifies(outer, place)));
        let before =
            self.neighbours.before.is_some_and(|previous| self.has_reading(previous, |inner| qualifies(place, inner)));
        after || before
    }

    fn has_reading(&self, candidate: &Candidate, test: impl Fn(&Place) -> bool) -> bool {
        candidate.readings.iter().any(|&id| test(self.gazetteer.place(id)))
    }
}

fn is_division_of(division: &Place, city: &Place) -> bool {
    division.kind == PlaceKind::Admin1 && division.admin1.is_some() && division.admin1 == city.admin1
}

fn log_population(place: &Place) -> f64 {
    (place.population.max(1) as f64).log10()
}

/// The border between two countries: a region of both, without a point (the
/// gazetteer has no boundaries to put one on).
fn border(first: &Place, second: &Place, candidate: &Candidate, text: &str) -> PlaceRecord {
    PlaceRecord {
        start: candidate.start,
        end: candidate.end,
        text: text.get(candidate.start..candidate.end).unwrap_or_default().to_string(),
        name: format!("{}\u{2013}{} border", first.name, second.name),
        kind: PlaceKind::Region,
        country: None,
        countries: [first, second].iter().filter_map(|p| p.country.clone()).collect(),
        geonameid: None,
        lat: None,
        lon: None,
        admin1: None,
        sentence: candidate.sentence,
        mention: None,
    }
}
