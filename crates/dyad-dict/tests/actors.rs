use chrono::NaiveDate;
use dyad_dict::{ActorDictionary, DateRestriction, Source, Warning};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn read(text: &str) -> (ActorDictionary, Vec<Warning>) {
    let mut warnings = Vec::new();
    let dictionary = ActorDictionary::read(&[Source { name: "test.actors", text }], &mut warnings);
    (dictionary, warnings)
}

fn code<'a>(dictionary: &'a ActorDictionary, text: &str, on: NaiveDate) -> Option<(usize, &'a str)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    dictionary.lookup_at(&tokens, 0, on).map(|hit| (hit.len, hit.code))
}

const SAMPLE: &str = "\
# a comment line
<!-- an XML comment block
# still inside -->
UNITED_STATES_OF_AMERICA_  [USA]  # trailing comment
+UNITED_STATES_
+U.S.
+AMERICAN_

BARACK_OBAMA
+PRESIDENT_OBAMA_
\t[USAELI 780101-000101]
\t[USAGOV >090120]

JAMES_BYRNES_  ; CountryInfo.txt
\t[USAELI 18970101-450703]
\t[USAGOV 450703-470121]

GOLLUM  # TABARI style, blanks inside restrictions
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]

JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]
MUHAJIRIN_WA-ANSAR_ALLIANCE
SARAYAT_AL-QUDS
\t[SYRREBMUS]
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_\t[IGOWSTNAT]
";

#[test]
fn reads_every_actor_syntax_without_warnings() {
    let (dictionary, warnings) = read(SAMPLE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(dictionary.actors().len(), 7);
    assert_eq!(dictionary.phrase_count(), 14);
}

#[test]
fn synonyms_share_the_primary_code() {
    let (dictionary, _) = read(SAMPLE);
    let today = date(2022, 1, 25);
    assert_eq!(code(&dictionary, "United States", today), Some((2, "USA")));
    assert_eq!(code(&dictionary, "U.S. officials", today), Some((1, "USA")));
    assert_eq!(code(&dictionary, "american", today), Some((1, "USA")));
    assert_eq!(code(&dictionary, "North Atlantic Treaty Organization", today), Some((4, "IGOWSTNAT")));
}

#[test]
fn open_ended_restriction_applies_from_its_date_on() {
    let (dictionary, _) = read(SAMPLE);
    // `>090120` is inclusive: the inauguration day is already USAGOV.
    assert_eq!(code(&dictionary, "Barack Obama", date(2009, 1, 20)), Some((2, "USAGOV")));
    assert_eq!(code(&dictionary, "Barack Obama", date(2015, 6, 1)), Some((2, "USAGOV")));
    assert_eq!(code(&dictionary, "President Obama", date(2009, 1, 19)), None);
    assert_eq!(code(&dictionary, "Barack Obama", date(1990, 1, 1)), Some((2, "USAELI")));
    // YYMMDD years below 30 are 20xx: 000101 is 2000-01-01, inclusive.
    assert_eq!(code(&dictionary, "Barack Obama", date(2000, 1, 1)), Some((2, "USAELI")));
    assert_eq!(code(&dictionary, "Barack Obama", date(2000, 1, 2)), None);
}

#[test]
fn ranges_and_before_restrictions() {
    let (dictionary, _) = read(SAMPLE);
    assert_eq!(code(&dictionary, "James Byrnes", date(1946, 3, 1)), Some((2, "USAGOV")));
    assert_eq!(code(&dictionary, "James Byrnes", date(1920, 3, 1)), Some((2, "USAELI")));
    assert_eq!(code(&dictionary, "James Byrnes", date(1960, 3, 1)), None);
    assert_eq!(code(&dictionary, "Smeagol", date(1990, 1, 1)), Some((1, "HOB")));
    assert_eq!(code(&dictionary, "Smeagol", date(1995, 6, 1)), Some((1, "HOB")), "first match in file order");
    assert_eq!(code(&dictionary, "Gollum", date(1997, 1, 1)), Some((1, "HOBGOV")));
    assert_eq!(code(&dictionary, "Gollum", date(2001, 1, 1)), Some((1, "HOBREB")));
    assert_eq!(code(&dictionary, "Gollum", date(1999, 8, 15)), Some((1, "HOBGOV")));
}

#[test]
fn unrestricted_code_is_the_default_outside_ranges() {
    let (dictionary, _) = read(SAMPLE);
    assert_eq!(code(&dictionary, "Javier de Cuellar", date(1985, 1, 1)), Some((3, "IGOUNO")));
    assert_eq!(code(&dictionary, "Javier de Cuellar", date(1995, 1, 1)), Some((3, "ELI")));
    let actor = dictionary.lookup_at(&["Javier", "de", "Cuellar"], 0, date(1995, 1, 1)).unwrap().actor;
    assert_eq!(actor.codes.len(), 2);
    assert_eq!(actor.codes[0].when, DateRestriction::Between(date(1982, 1, 1), date(1991, 12, 31)));
}

#[test]
fn phrase_lines_without_codes_take_the_following_codes() {
    let (dictionary, _) = read(SAMPLE);
    let today = date(2022, 1, 1);
    assert_eq!(code(&dictionary, "Muhajirin wa - Ansar Alliance", today), Some((5, "SYRREBMUS")));
    assert_eq!(code(&dictionary, "Sarayat al - Quds", today), Some((4, "SYRREBMUS")));
}

#[test]
fn longest_match_wins_and_reports_its_line() {
    let text = "RUSSIA_ [RUS]\nRUSSIAN_FOREIGN_MINISTRY_ [RUSGOV]\n";
    let (dictionary, _) = read(text);
    let tokens = ["the", "Russian", "foreign", "ministry", "said"];
    assert!(dictionary.lookup_at(&tokens, 0, date(2022, 1, 1)).is_none());
    let hit = dictionary.lookup_at(&tokens, 1, date(2022, 1, 1)).unwrap();
    assert_eq!((hit.len, hit.code), (3, "RUSGOV"));
    assert_eq!(hit.rule.to_string(), "test.actors:2");
    assert!(dictionary.lookup_at(&tokens, 1, date(2022, 1, 1)).is_some());
    assert!(dictionary.lookup_at(&["Russian"], 0, date(2022, 1, 1)).is_none(), "no stemming");
}

#[test]
fn tokens_are_normalised_like_dictionary_phrases() {
    let text = "AL-QAEDA_ [IMGMOSALQ]\nNATO'S_ALLIES [IGOWSTNAT]\nU.S._ [USA]\n";
    let (dictionary, _) = read(text);
    let today = date(2022, 1, 1);
    assert_eq!(code(&dictionary, "al - Qaeda", today), Some((3, "IMGMOSALQ")));
    assert_eq!(code(&dictionary, "NATO 's allies", today), Some((3, "IGOWSTNAT")));
    assert_eq!(code(&dictionary, "NATO ’s allies", today), Some((3, "IGOWSTNAT")));
    assert_eq!(code(&dictionary, "u.s.", today), Some((1, "USA")));
}

#[test]
fn tokens_the_tokenizer_keeps_whole_still_match_word_by_word() {
    let text = "AL-QAEDA_ [IMGMOSALQ]\nNATO'S_ALLIES [IGOWSTNAT]\nSEMI-OFFICIAL_MEDIA [MED]\nAL [XXX]\n";
    let (dictionary, _) = read(text);
    let today = date(2022, 1, 1);
    assert_eq!(code(&dictionary, "al-Qaeda fighters", today), Some((1, "IMGMOSALQ")));
    assert_eq!(code(&dictionary, "NATO's allies", today), Some((2, "IGOWSTNAT")));
    assert_eq!(code(&dictionary, "semi-official media", today), Some((2, "MED")));
    assert_eq!(code(&dictionary, "semi - official media", today), Some((4, "MED")));
    // `AL` is a whole phrase but ends inside the token `al-Shabaab`.
    assert_eq!(code(&dictionary, "al-Shabaab", today), None);
}

#[test]
fn malformed_lines_are_warnings_with_file_and_line() {
    let text = "\
GOOD_ONE [AAA]
BAD_DATE
\t[BBB 9008223]
\t[BBB >900230]
NO_OPERATOR\t[CCC 20121204]
MISSING_CODE\t[950601-990815]
UNCLOSED [DDD
+
TRAILING [EEE] Newspapers/Magazines
LAST_WITHOUT_CODE
";
    let (dictionary, warnings) = read(text);
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9, 10], "{warnings:#?}");
    assert!(warnings.iter().all(|warning| &*warning.file == "test.actors"));
    assert!(warnings[0].message.contains("9008223"));
    assert_eq!(code(&dictionary, "good one", date(2022, 1, 1)), Some((2, "AAA")));
    assert_eq!(code(&dictionary, "trailing", date(2022, 1, 1)), Some((1, "EEE")));
}

/// Lookups take plain words on a fast path and other tokens (hyphens, possessives,
/// curly quotes, non-ASCII, very long words) on the general one: both must agree with
/// the phrases as written, at the start of a phrase and inside it.
#[test]
fn every_kind_of_token_is_looked_up_alike() {
    let long = "A".repeat(70);
    let text = format!(
        "SEMI-OFFICIAL_PRESS_  [XXXMED]\nNATO'S_ALLIES_  [IGOWSTNAT]\nZÜRICH_  [CHE]\nU.S._NAVY_  [USAMIL]\n\
         {long}_FRONT_  [YYYREB]\nGRAND_{long}_  [ZZZREB]\nIRAQ_  [IRQ]\nIRAQ_2003_  [IRQGOV]\n"
    );
    let (dictionary, warnings) = read(&text);
    assert!(warnings.is_empty(), "{warnings:?}");
    let on = date(2020, 1, 1);
    let found = |text: &str| code(&dictionary, text, on);
    assert_eq!(found("semi-official press"), Some((2, "XXXMED")));
    assert_eq!(found("semi - official press"), Some((4, "XXXMED")));
    assert_eq!(found("NATO\u{2019}s allies"), Some((2, "IGOWSTNAT")));
    assert_eq!(found("NATO 's allies"), Some((3, "IGOWSTNAT")));
    assert_eq!(found("Zürich said"), Some((1, "CHE")));
    assert_eq!(found("u.s. Navy"), Some((2, "USAMIL")));
    assert_eq!(found(&format!("{} front", long.to_lowercase())), Some((2, "YYYREB")));
    assert_eq!(found(&format!("Grand {long}")), Some((2, "ZZZREB")));
    assert_eq!(found("Iraq 2003"), Some((2, "IRQGOV")));
    assert_eq!(found("Iraq 2004"), Some((1, "IRQ")));
    assert_eq!(found("Iraqi"), None);
    assert_eq!(found(""), None);
    let tokens = ["the", "U.S.", "Navy"];
    assert_eq!(dictionary.lookup_at(&tokens, 1, on).map(|hit| (hit.len, hit.code)), Some((2, "USAMIL")));
}
