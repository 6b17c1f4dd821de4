//! Places: the embedded gazetteer, recognition, disambiguation by context, regions,
//! borders, the common-word and person-name false positives, event locations and the
//! GDELT geography columns.

use chrono::NaiveDate;
use dyad_code::format::{gdelt, GDELT_COLUMNS};
use dyad_code::places::build::{build, BuildInputs};
use dyad_code::places::{Gazetteer, PlaceFinder, PlaceKind, PlaceRecord};
use dyad_code::record::DocRecord;
use dyad_code::Coder;
use dyad_lang::Models;
use dyad_text::Document;
use std::path::Path;
use std::sync::OnceLock;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

fn code(text: &str) -> DocRecord {
    let date = NaiveDate::from_ymd_opt(2022, 1, 25);
    let document =
        Document { id: "test".into(), date, title: None, text: text.into(), metadata: Default::default() };
    coder().code(&document)
}

fn place<'r>(record: &'r DocRecord, text: &str) -> &'r PlaceRecord {
    record
        .places
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("no place {text:?} in {:#?}", record.places))
}

fn place_texts(record: &DocRecord) -> Vec<&str> {
    record.places.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn bundled_gazetteer_loads_with_alternate_names() {
    let finder = PlaceFinder::bundled();
    assert_eq!(finder.load_error, None);
    let gazetteer = Gazetteer::bundled().expect("the shipped gazetteer reads");
    assert!(gazetteer.places().iter().filter(|p| p.kind == PlaceKind::Country).count() > 240);
    assert!(gazetteer.places().iter().filter(|p| p.kind == PlaceKind::City).count() > 30_000);
    let kyiv = |name: &str| gazetteer.lookup(name).iter().any(|p| p.country.as_deref() == Some("UKR"));
    assert!(kyiv("Kyiv") && kyiv("Kiev"), "Kyiv by both spellings");
    let usa = gazetteer.country("USA").expect("USA");
    assert_eq!((usa.iso2.as_deref(), usa.fips.as_deref()), (Some("US"), Some("US")));
    assert!(usa.lat.is_some() && usa.lon.is_some());
    let capital = gazetteer.lookup("Canberra").into_iter().find(|p| p.country.as_deref() == Some("AUS"));
    assert!(capital.is_some_and(|p| p.capital));
}

#[test]
fn countries_by_name_and_abbreviation() {
    let record = code("Troops from Poland and the U.K. arrived in Estonia on Monday.");
    for (text, country) in [("Poland", "POL"), ("U.K.", "GBR"), ("Estonia", "EST")] {
        let found = place(&record, text);
        assert_eq!(found.kind, PlaceKind::Country, "{text}");
        assert_eq!(found.country.as_deref(), Some(country), "{text}");
        assert_eq!(found.countries, vec![country.to_string()]);
        assert!(found.lat.is_some() && found.geonameid.is_some(), "{text}");
        assert_eq!(&record.text[found.start..found.end], text);
    }
}

#[test]
fn city_by_population_without_context() {
    let record = code("Protesters gathered in Birmingham on Saturday.");
    assert_eq!(place(&record, "Birmingham").country.as_deref(), Some("GBR"));
    let record = code("The talks will resume in Paris next week.");
    let paris = place(&record, "Paris");
    assert_eq!((paris.kind, paris.country.as_deref()), (PlaceKind::City, Some("FRA")));
    assert_eq!(paris.admin1.as_deref(), Some("FR.11"));
}

#[test]
fn city_ambiguity_resolved_by_the_article_context() {
    let record = code("The governor of Alabama said the storm hit Birmingham on Saturday.");
    let birmingham = place(&record, "Birmingham");
    assert_eq!(birmingham.country.as_deref(), Some("USA"), "{birmingham:?}");
    assert_eq!(birmingham.admin1.as_deref(), Some("US.AL"));
}

#[test]
fn a_qualifier_after_a_comma_settles_the_city() {
    let record = code("The plant in Portland, Maine, will close.");
    assert_eq!(place(&record, "Portland").admin1.as_deref(), Some("US.ME"));
    assert_eq!(place(&record, "Maine").kind, PlaceKind::Admin1);
    let record = code("The company bought a mall in Birmingham, Ala., for 12 mln dlrs.");
    assert_eq!(place(&record, "Birmingham").admin1.as_deref(), Some("US.AL"));
    assert_eq!(place(&record, "Ala.").name, "Alabama");
    let record = code("Miss. Smith said the Wash. report was late.");
    assert!(record.places.is_empty(), "abbreviations alone: {:#?}", record.places);
    let record = code("The plant in Portland will close.");
    assert_eq!(place(&record, "Portland").admin1.as_deref(), Some("US.OR"));
}

#[test]
fn regions_with_members_and_a_point() {
    let record = code("NATO sent jets to the Baltic countries and Eastern Europe, and ships to the Gulf.");
    let baltic = place(&record, "Baltic countries");
    assert_eq!((baltic.kind, baltic.name.as_str(), baltic.country.as_deref()), (PlaceKind::Region, "Baltic states", None));
    assert_eq!(baltic.countries, ["EST", "LVA", "LTU"]);
    assert!(baltic.lat.is_some() && baltic.lon.is_some());
    assert!(place(&record, "Eastern Europe").countries.contains(&"POL".to_string()));
    assert!(place(&record, "Gulf").countries.contains(&"QAT".to_string()));
}

#[test]
fn a_border_between_two_countries() {
    let record = code("Tanks massed on the Russian-Ukrainian border, and more near the Poland-Belarus border.");
    let border = place(&record, "Russian-Ukrainian border");
    assert_eq!((border.kind, border.countries.clone()), (PlaceKind::Region, vec!["RUS".into(), "UKR".into()]));
    assert_eq!(place(&record, "Poland-Belarus border").countries, ["POL", "BLR"]);
}

#[test]
fn common_words_are_not_places() {
    // Towns called Police (Poland), Mobile (Alabama), Reading and Of (Turkey).
    let record = code("Police said mobile phones were seized. Reading the statement, he spoke Of course.");
    assert!(record.places.is_empty(), "{:#?}", record.places);
    let record = code("In May, the ICO and the GAO said March sales fell.");
    assert!(record.places.is_empty(), "{:#?}", record.places);
}

#[test]
fn names_of_people_and_organisations_are_not_places() {
    let record = code("US Defense Secretary Lloyd Austin met Ned Price. Austin said the talks went well.");
    assert!(!place_texts(&record).contains(&"Austin"), "{:#?}", record.places);
    let record = code("The Washington Post said the Bank of England raised rates.");
    assert!(!place_texts(&record).iter().any(|t| *t == "Washington" || *t == "England"), "{:#?}", record.places);
    let record = code("The White House said the Kremlin had not answered.");
    assert!(record.places.iter().all(|p| p.country.as_deref() != Some("MAR")), "not Casablanca: {:#?}", record.places);
}

#[test]
fn small_towns_need_a_cue() {
    let record = code("Henderson Corp said Taft earnings rose.");
    assert!(record.places.is_empty(), "{:#?}", record.places);
    let record = code("The refinery in Taft was shut.");
    assert_eq!(place(&record, "Taft").country.as_deref(), Some("IRN"));
}

#[test]
fn event_location_from_its_clause() {
    let record = code("Russian forces attacked Ukrainian troops in Donetsk on Monday.");
    let event = record.events.first().unwrap_or_else(|| panic!("an event: {record:#?}"));
    let location = event.location.as_ref().unwrap_or_else(|| panic!("a location: {:#?}", record.events));
    assert_eq!((location.text.as_str(), location.country.as_deref()), ("Donetsk", Some("UKR")));
    assert!(location.lat.is_some() && location.admin1.is_some());
}

#[test]
fn no_location_for_a_place_that_is_only_a_participant() {
    let record = code("Russia criticized Ukraine on Monday.");
    assert!(!record.events.is_empty(), "{record:#?}");
    assert!(record.events.iter().all(|e| e.location.is_none()), "{:#?}", record.events);
}

#[test]
fn gdelt_geography_columns() {
    let record = code("Russian forces attacked Ukrainian troops in Donetsk on Monday.");
    let mut out = String::new();
    gdelt(&record, &mut out);
    let row: Vec<&str> = out.lines().next().expect("a row").split('\t').collect();
    let column = |name: &str| row[GDELT_COLUMNS.iter().position(|c| *c == name).expect(name)];
    assert_eq!(column("ActionGeo_Type"), "4");
    assert_eq!(column("ActionGeo_CountryCode"), "UP", "FIPS for Ukraine");
    assert!(column("ActionGeo_ADM1Code").starts_with("UP"));
    assert!(column("ActionGeo_FullName").starts_with("Donetsk"));
    assert!(column("ActionGeo_Lat").parse::<f64>().is_ok_and(|lat| (47.0..49.0).contains(&lat)));
    assert!(column("ActionGeo_FeatureID").parse::<u32>().is_ok());
    // The actors' geography: their country where the mention names no place.
    assert_eq!((column("Actor1Geo_Type"), column("Actor1Geo_CountryCode")), ("1", "RS"));
    assert_eq!(column("Actor2Geo_CountryCode"), "UP");
}

/// The shipped file is what the documented build writes from ../shared (so it is
/// neither stale nor edited by hand), and the build is deterministic.
#[test]
fn shipped_gazetteer_is_the_build_output() {
    let geonames = Path::new(SHARED).join("data/geonames");
    if !geonames.exists() {
        eprintln!("skipped: {} is absent", geonames.display());
        return;
    }
    let inputs = BuildInputs { geonames, tables: Path::new(REPO).join("data/gazetteer") };
    let (bytes, summary) = build(&inputs).expect("the build reads its inputs");
    let shipped = std::fs::read(Path::new(REPO).join("data/gazetteer/gazetteer.tsv.gz")).expect("shipped file");
    // Compare the content, not the gzip bytes: another flate2 backend in the lock file
    // compresses the same table differently.
    let gunzip = |gz: &[u8]| {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut text).expect("gzip");
        text
    };
    assert!(gunzip(&bytes) == gunzip(&shipped), "data/gazetteer/gazetteer.tsv.gz is stale: rebuild it (README, Gazetteer)");
    assert_eq!(build(&inputs).expect("again").0, bytes, "deterministic");
    assert!(summary.countries > 240 && summary.regions > 40 && summary.cities > 30_000);
}

/// The example article's reference places (`places` of the gold file): each is found
/// with its text, and its country, kind and member countries where the gold gives them.
#[test]
fn example_article_places() {
    let examples = Path::new(SHARED).join("examples");
    let gold_path = examples.join("seed-2022-01-25-us-russia.gold.json");
    let article_path = Path::new(REPO).join("examples/seed-2022-01-25-us-russia.txt");
    if !gold_path.exists() {
        eprintln!("skipped: {} is absent", gold_path.display());
        return;
    }
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let bytes = std::fs::read(article_path).expect("the example article");
    let document = dyad_text::read::read_bytes("example", &bytes, &Default::default()).remove(0).expect("readable");
    let record = coder().code(&document);
    let expected = gold["places"].as_array().expect("gold places");
    let mut missing = Vec::new();
    for item in expected {
        let text = item["text"].as_str().unwrap();
        let found = record.places.iter().any(|p| {
            p.text == text
                && item.get("country").and_then(|c| c.as_str()).is_none_or(|c| p.country.as_deref() == Some(c))
                && item.get("kind").and_then(|k| k.as_str()).is_none_or(|k| p.kind.as_str() == k)
                && item.get("countries").and_then(|c| c.as_array()).is_none_or(|countries| {
                    let mut want: Vec<&str> = countries.iter().filter_map(|c| c.as_str()).collect();
                    let mut have: Vec<&str> = p.countries.iter().map(String::as_str).collect();
                    want.sort_unstable();
                    have.sort_unstable();
                    want == have
                })
        });
        if !found {
            missing.push(text);
        }
    }
    eprintln!("example places: {} of {}", expected.len() - missing.len(), expected.len());
    assert!(missing.is_empty(), "missing {missing:?} in {:#?}", record.places);
}
