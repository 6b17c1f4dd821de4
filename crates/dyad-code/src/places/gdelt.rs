//! The GDELT 2.0 geography columns of an event: Type, FullName, CountryCode, ADM1Code,
//! ADM2Code, Lat, Long, FeatureID, for Actor1, Actor2 and the action.
//!
//! What we write, against the GDELT codebook: Type is 1 (country), 2 (US state), 3 (US
//! city), 4 (world city) or 5 (world state); CountryCode is the FIPS 10-4 country code,
//! as GDELT writes it (from GeoNames' countries table); ADM1Code is that FIPS code
//! followed by the GeoNames admin1 code (`USTX`, `RS48`: GeoNames' admin1 codes are
//! FIPS codes for most countries and postal codes for the US, as GDELT's are), or the
//! country code alone for a country; ADM2Code is empty; FeatureID is the GeoNames id of
//! a city or division (GDELT uses GNS/GNIS ids there) and the FIPS country code for a
//! country, as GDELT does. Regions ("the Baltic states") have no GDELT type: their
//! columns stay empty.

use super::{Gazetteer, PlaceKind, PlaceRecord};
use crate::record::{ActorRecord, DocRecord};

pub const GEO_COLUMNS: usize = 8;

/// The geography of an actor: a place named inside its mention ("Moscow", "the mayor
/// of Kharkiv"), else its country.
pub fn actor_place(record: &DocRecord, actor: Option<&ActorRecord>, gazetteer: &Gazetteer) -> Option<PlaceRecord> {
    let actor = actor?;
    let first = record.places.partition_point(|p| p.start < actor.start);
    let inside = record.places[first..]
        .iter()
        .take_while(|p| p.end <= actor.end)
        .find(|p| p.kind != PlaceKind::Region);
    if let Some(place) = inside {
        return Some(place.clone());
    }
    let country = gazetteer.country(actor.country.as_deref()?)?;
    Some(PlaceRecord::of(country, "", actor.start, actor.start, record_sentence(record, actor.start)))
}

fn record_sentence(record: &DocRecord, at: usize) -> usize {
    record.sentences.iter().position(|s| s.start <= at && at < s.end).unwrap_or(0)
}

/// The eight columns of `place` (all empty for none or a region).
pub fn geo_columns(place: Option<&PlaceRecord>, gazetteer: &Gazetteer) -> [String; GEO_COLUMNS] {
    let Some(place) = place.filter(|p| p.kind != PlaceKind::Region) else { return Default::default() };
    let country = place.country.as_deref().and_then(|c| gazetteer.country(c));
    let fips = country.and_then(|c| c.fips.clone()).unwrap_or_default();
    let in_us = place.country.as_deref() == Some("USA");
    let kind = match (place.kind, in_us) {
        (PlaceKind::Country, _) => "1",
        (PlaceKind::Admin1, true) => "2",
        (PlaceKind::City, true) => "3",
        (PlaceKind::City, false) => "4",
        (PlaceKind::Admin1, false) => "5",
        (PlaceKind::Region, _) => return Default::default(),
    };
    let division_code = place.admin1.as_deref().and_then(|a| a.split_once('.')).map(|(_, code)| code);
    let adm1 = match (place.kind, division_code) {
        (PlaceKind::Country, _) | (_, None) => fips.clone(),
        (_, Some(code)) => format!("{fips}{code}"),
    };
    let feature = match place.kind {
        PlaceKind::Country => fips.clone(),
        _ => place.geonameid.map(|id| id.to_string()).unwrap_or_default(),
    };
    let coordinate = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
    [
        kind.to_string(),
        full_name(place, gazetteer),
        fips,
        adm1,
        String::new(),
        coordinate(place.lat),
        coordinate(place.lon),
        feature,
    ]
}

/// "Houston, Texas, United States", as GDELT's FullName: the place, its division where
/// the gazetteer names it, its country.
fn full_name(place: &PlaceRecord, gazetteer: &Gazetteer) -> String {
    let mut parts = vec![place.name.clone()];
    if place.kind == PlaceKind::City {
        if let Some(division) = place.admin1.as_deref().and_then(|a| gazetteer.division(a)) {
            parts.push(division.name.clone());
        }
    }
    if place.kind != PlaceKind::Country {
        if let Some(country) = place.country.as_deref().and_then(|c| gazetteer.country(c)) {
            parts.push(country.name.clone());
        }
    }
    parts.join(", ").replace(['\t', '\n'], " ")
}
