//! The GDELT 2.0 event table: 61 tab-separated columns per event, no header, in the
//! order of the GDELT 2.0 Event Codebook. Fields dyad does not know (ethnicity, tone)
//! are left empty; the geography columns are written by [`crate::places::gdelt`].

use crate::record::{ActorRecord, DocRecord, EventRecord};
use crate::places::gdelt::{actor_place, geo_columns};
use crate::places::Gazetteer;
use crate::tables;
use chrono::{Datelike, NaiveDate};

/// The column names, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// CAMEO actor role codes (GDELT's Type1–3).
const ROLE_CODES: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO", "IMG", "INS", "INT",
    "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SET",
    "SPY", "UAF", "UIS",
];

/// CAMEO religion codes (GDELT's Religion1–2).
const RELIGION_CODES: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD", "ITR", "JAN", "JEW",
    "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// One row per event of `record`.
pub fn gdelt(record: &DocRecord, out: &mut String) {
    let date = record.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    for (index, event) in record.events.iter().enumerate() {
        let row = row(record, index, event, date);
        debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
}

fn row(record: &DocRecord, index: usize, event: &EventRecord, article_date: Option<NaiveDate>) -> Vec<String> {
    let date = event.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).or(article_date);
    let mut row = vec![event_id(&record.id, index).to_string()];
    row.extend(date_columns(date));
    row.extend(actor_columns(event.source.as_ref()));
    row.extend(actor_columns(event.target.as_ref()));
    row.extend(event_columns(record, event));
    let empty = Gazetteer::default();
    let gazetteer = Gazetteer::bundled().unwrap_or(&empty);
    for actor in [event.source.as_ref(), event.target.as_ref()] {
        row.extend(geo_columns(actor_place(record, actor, gazetteer).as_ref(), gazetteer));
    }
    row.extend(geo_columns(event.location.as_ref(), gazetteer));
    // DATEADDED is when GDELT saw the article; the article's date keeps output
    // reproducible where the clock would not.
    row.push(article_date.map(|d| d.format("%Y%m%d000000").to_string()).unwrap_or_default());
    row.push(clean(record.url.as_deref().unwrap_or(&record.id)));
    row
}

/// A stable id from the article id and the event's index: FNV-1a, kept positive so
/// that tools reading it as a signed 64-bit integer agree.
pub fn event_id(article: &str, index: usize) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = article.bytes().chain([0xff]).chain(index.to_string().into_bytes());
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash & i64::MAX as u64).max(1)
}

/// SQLDATE, MonthYear, Year and FractionDate (GDELT's `YYYY + (MONTH*30+DAY)/365`).
fn date_columns(date: Option<NaiveDate>) -> [String; 4] {
    let Some(d) = date else { return Default::default() };
    let fraction = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
    [d.format("%Y%m%d").to_string(), d.format("%Y%m").to_string(), d.year().to_string(), format!("{fraction:.4}")]
}

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
/// Type1Code, Type2Code, Type3Code.
fn actor_columns(actor: Option<&ActorRecord>) -> [String; 10] {
    let Some(actor) = actor else { return Default::default() };
    // GDELT's country is a three-letter code; an IGO's "country" is its whole code.
    let country = actor.country.as_deref().filter(|c| c.len() == 3 && !ROLE_CODES.contains(c)).unwrap_or_default();
    let mut known_group = "";
    let mut religions = Vec::new();
    let mut roles = Vec::new();
    for part in code_parts(&actor.code).filter(|p| *p != country) {
        if ROLE_CODES.contains(&part) {
            roles.push(part);
        } else if RELIGION_CODES.contains(&part) {
            religions.push(part);
        } else if known_group.is_empty() && !is_region(part, actor) {
            known_group = part;
        }
    }
    let nth = |parts: &[&str], n: usize| parts.get(n).copied().unwrap_or_default().to_string();
    [
        clean(&actor.code),
        clean(&actor.text.to_uppercase()),
        country.to_string(),
        known_group.to_string(),
        String::new(),
        nth(&religions, 0),
        nth(&religions, 1),
        nth(&roles, 0),
        nth(&roles, 1),
        nth(&roles, 2),
    ]
}

/// The three-letter parts of a CAMEO actor code (`IGOWSTNAT` → IGO, WST, NAT).
fn code_parts(code: &str) -> impl Iterator<Item = &str> {
    let parts = if code.is_ascii() { code.len() / 3 } else { 0 };
    (0..parts).map(move |i| &code[3 * i..3 * i + 3])
}

/// The region part of an IGO code (`WST` in `IGOWSTNAT`) names no group.
fn is_region(part: &str, actor: &ActorRecord) -> bool {
    actor.code.starts_with(['I', 'N']) && actor.code.get(3..6) == Some(part) && actor.code.len() > 6
}

/// IsRootEvent through GoldsteinScale, then NumMentions, NumSources, NumArticles and
/// AvgTone.
fn event_columns(record: &DocRecord, event: &EventRecord) -> [String; 10] {
    let lead = record.sentences.get(event.sentence).is_some_and(|s| s.paragraph == 0);
    let code = event.cameo.as_str();
    [
        u8::from(lead).to_string(),
        clean(code),
        tables::base(code).unwrap_or_default().to_string(),
        tables::root(code).unwrap_or_default().to_string(),
        event.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        event.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        event.mentions.to_string(),
        "1".to_string(),
        "1".to_string(),
        String::new(),
    ]
}

/// A field never holds the separators.
fn clean(field: &str) -> String {
    field.chars().map(|c| if c == '\t' || c.is_control() { ' ' } else { c }).collect()
}
