//! Places: names of countries, regions, first-level divisions and cities found in the
//! article, each resolved to one gazetteer entry, and each event's location.
//!
//! Recognition ([`recognise`]) looks up every run of up to eight tokens that starts with
//! a capital letter in the gazetteer's name index (normalised names hashed, so the work
//! is linear in tokens) and keeps the longest hit. A hit is not a place when it lies in
//! a person's name ("Lloyd Austin", "Price"), when the tagger reads a one-word hit as
//! anything but a proper noun and the name only fits a city ("Police said", "Mobile
//! phones", "Of"), when it is a month or weekday, or when it is glued to another proper
//! noun ("Washington Post", "US State Department"). Two country names or adjectives
//! joined by a hyphen before "border" make a border region ("the Russian-Ukrainian
//! border").
//!
//! Disambiguation ([`resolve`]) scores each reading: countries over regions over
//! divisions and cities, cities by population with a bonus for national capitals, a
//! bonus for the countries the article already names (its actors' countries and its
//! unambiguous places), and a strong one for a qualifier that follows ("Portland,
//! Maine"; "Paris, Texas").
//!
//! An event's location ([`locate`]) is a place under a locative preposition (`in`, `at`,
//! `near`, `outside`, `across`, ...) in the clause of the event's trigger, in the
//! dependency tree; a place attached to the trigger itself is preferred.

pub mod build;
mod gazetteer;
pub mod gdelt;
mod locate;
mod normalize;
mod recognise;
mod resolve;

pub use gazetteer::{Gazetteer, GazetteerError, NameHit, Place, PlaceKind};
pub use normalize::normalize;

use crate::actors::Mention;
use crate::article::AnalysedArticle;
use crate::record::DocRecord;
use crate::events::tree::Trees;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One place named in the article, as the `doc` record's `places` lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The gazetteer's name ("Baltic states" for "Baltic countries").
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-3 of the country the place is (in); null for regions.
    pub country: Option<String>,
    /// The countries the place concerns: a region's members, else its own country.
    pub countries: Vec<String>,
    pub geonameid: Option<u32>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// GeoNames first-level division, `ISO2.CODE` (`US.TX`); for a division itself too.
    pub admin1: Option<String>,
    pub sentence: usize,
    /// The actor mention the name is part of ("Moscow" as the Russian government).
    pub mention: Option<usize>,
}

impl PlaceRecord {
    /// The record of gazetteer entry `place` named at `start..end`.
    pub fn of(place: &Place, text: &str, start: usize, end: usize, sentence: usize) -> PlaceRecord {
        let countries = match (&place.country, place.members.is_empty()) {
            (_, false) => place.members.clone(),
            (Some(country), true) => vec![country.clone()],
            (None, true) => Vec::new(),
        };
        PlaceRecord {
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            name: place.name.clone(),
            kind: place.kind,
            country: place.country.clone(),
            countries,
            geonameid: place.geonameid,
            lat: place.lat,
            lon: place.lon,
            admin1: place.admin1.clone(),
            sentence,
            mention: None,
        }
    }
}

/// Finds and resolves places; built once, shared read-only by all threads.
pub struct PlaceFinder {
    gazetteer: &'static Gazetteer,
    /// Names the actor overlay reads as a government's building or capital ("White
    /// House", "Kremlin"), by name key: the country their place must be in.
    metonyms: HashMap<u64, String>,
    /// Why the bundled gazetteer could not be read (then no place is found; a test
    /// checks that it reads).
    pub load_error: Option<String>,
}

impl PlaceFinder {
    /// The finder over the gazetteer compiled into the binary.
    pub fn bundled() -> PlaceFinder {
        static EMPTY: OnceLock<Gazetteer> = OnceLock::new();
        let (gazetteer, load_error) = match Gazetteer::bundled() {
            Ok(gazetteer) => (gazetteer, None),
            Err(error) => (EMPTY.get_or_init(Gazetteer::default), Some(error.to_string())),
        };
        let metonyms = crate::actors::bundled_overlay_sources()
            .iter()
            .flat_map(|source| metonym_countries(source.text, gazetteer))
            .collect();
        PlaceFinder { gazetteer, metonyms, load_error }
    }

    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// Every place named in the article, in text order.
    pub fn places(&self, article: &AnalysedArticle, mentions: &[Mention]) -> Vec<PlaceRecord> {
        let candidates = recognise::candidates(self.gazetteer, &self.metonyms, article, mentions);
        resolve::resolve(self.gazetteer, article, mentions, candidates)
    }

    /// Sets `record.places` and each event's `location` from the places of the article.
    pub(crate) fn attach(&self, record: &mut DocRecord, article: &AnalysedArticle, places: Vec<PlaceRecord>, trees: &Trees) {
        for event in &mut record.events {
            event.location = locate::location(article, trees, event.sentence, &event.trigger, &places).cloned();
        }
        record.places = places;
    }
}

/// The `[metonyms]` of an overlay file (`names | CODE ...`, see
/// `dictionaries/overlay/README.md`) whose code starts with a country: name key →
/// that country.
fn metonym_countries(text: &str, gazetteer: &Gazetteer) -> Vec<(u64, String)> {
    let mut section = "";
    let mut found = Vec::new();
    let mut scratch = String::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let Some((names, codes)) = line.split_once('|') else { continue };
        let country = codes.split_whitespace().next().and_then(|code| code.get(..3));
        let Some(country) = country.filter(|c| section == "metonyms" && gazetteer.country(c).is_some()) else {
            continue;
        };
        for name in names.split(';').map(str::trim).filter(|n| !n.is_empty()) {
            let name = name.strip_prefix("the ").unwrap_or(name);
            found.push((normalize::key(name, &mut scratch), country.to_string()));
        }
    }
    found
}
