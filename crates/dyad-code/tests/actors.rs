//! Actor mentions: dictionary phrases with agents, the dated overlay, role-based coding
//! of unknown people, surnames, role noun phrases, pronouns, metonyms and demonyms.

use std::sync::OnceLock;

use chrono::NaiveDate;
use dyad_code::actors::ActorResolver;
use dyad_code::{AnalysedArticle, Mention, MentionKind};
use dyad_dict::{Dictionaries, Source};
use dyad_lang::Models;
use dyad_text::Document;

fn dictionaries() -> &'static Dictionaries {
    static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
    DICTIONARIES.get_or_init(dyad_dict::production)
}

fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| Models::bundled().expect("the shipped models load"))
}

fn document(text: &str, date: Option<&str>) -> Document {
    let date = date.map(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap());
    Document { id: "test".into(), date, title: None, text: text.into(), metadata: Default::default() }
}

/// The article analysed with the shipped models.
fn analyse(document: &Document) -> AnalysedArticle<'_> {
    AnalysedArticle::analyse(document, models())
}

fn mentions_with(resolver: &ActorResolver, text: &str, date: Option<&str>) -> Vec<Mention> {
    let document = document(text, date);
    let article = analyse(&document);
    resolver.mentions(&article, dictionaries())
}

fn mentions(text: &str, date: &str) -> Vec<Mention> {
    mentions_with(&ActorResolver::new(dictionaries()), text, Some(date))
}

fn find<'m>(mentions: &'m [Mention], text: &str) -> &'m Mention {
    mentions
        .iter()
        .find(|mention| mention.text == text)
        .unwrap_or_else(|| panic!("no mention {text:?} in {mentions:#?}"))
}

fn code_of(mentions: &[Mention], text: &str) -> String {
    find(mentions, text).code.clone()
}

#[test]
fn bundled_overlay_reads_without_warnings() {
    let resolver = ActorResolver::new(dictionaries());
    assert!(resolver.warnings.is_empty(), "{:#?}", resolver.warnings);
}

#[test]
fn dictionary_actors_combine_with_agents() {
    let found = mentions(
        "Russian troops massed near the border while Ukrainian rebels shelled the town. \
         The Russian Foreign Ministry protested, and the US military stayed silent.",
        "2022-02-10",
    );
    assert_eq!(code_of(&found, "Russian troops"), "RUSMIL");
    assert_eq!(code_of(&found, "Ukrainian rebels"), "UKRREB");
    assert_eq!(code_of(&found, "The Russian Foreign Ministry"), "RUSGOV");
    let military = find(&found, "the US military");
    assert_eq!((military.code.as_str(), military.kind), ("USAMIL", MentionKind::Dictionary));
    assert_eq!(military.country.as_deref(), Some("USA"));
    assert_eq!(military.sector.as_deref(), Some("MIL"));
    assert!(military.rule.starts_with("dictionaries/Phoenix.Countries.actors.txt:"), "{}", military.rule);
}

#[test]
fn organisations_keep_their_code_as_country() {
    let found = mentions("NATO and the United Nations called for restraint.", "2022-02-10");
    let nato = find(&found, "NATO");
    assert_eq!(
        (nato.code.as_str(), nato.country.as_deref(), nato.sector.as_deref()),
        ("IGOWSTNAT", Some("IGOWSTNAT"), None)
    );
    assert_eq!(code_of(&found, "the United Nations"), "IGOUNO");
}

#[test]
fn unknown_person_is_coded_from_the_role_around_the_name() {
    let found = mentions(
        "Canadian Foreign Ministry spokeswoman Jane Doherty said on Monday that the talks would go on.",
        "2023-03-01",
    );
    let doherty = find(&found, "Canadian Foreign Ministry spokeswoman Jane Doherty");
    assert_eq!(doherty.code, "CANGOV");
    assert_eq!(doherty.name.as_deref(), Some("Jane Doherty"));
    assert_eq!(doherty.kind, MentionKind::Named);
    assert_eq!(doherty.rule, "role:Canadian Foreign Ministry spokeswoman");
    assert_eq!(doherty.words, 0..6);
}

#[test]
fn spokesman_of_an_organisation_takes_the_organisation_code() {
    let found = mentions("Pentagon spokesman Tom Baxter and State Department spokesman Alan Reed spoke.", "2023-03-01");
    assert_eq!(code_of(&found, "Pentagon spokesman Tom Baxter"), "USAMIL");
    assert_eq!(code_of(&found, "State Department spokesman Alan Reed"), "USAGOV");
    // "Austin" alone is a US city in the Phoenix files; after a first name it is a surname.
    let found = mentions("Pentagon spokesman Mark Austin said so.", "2023-03-01");
    let austin = find(&found, "Pentagon spokesman Mark Austin");
    assert_eq!((austin.code.as_str(), austin.name.as_deref()), ("USAMIL", Some("Mark Austin")));
}

#[test]
fn appositive_name_after_a_role() {
    let found = mentions(
        "Talks stalled, but the head of the Brazilian Defence Ministry, Paulo Ferreira, ordered new drills.",
        "2023-03-01",
    );
    let head = find(&found, "the head of the Brazilian Defence Ministry, Paulo Ferreira");
    assert_eq!(head.code, "BRAMIL");
    assert_eq!(head.name.as_deref(), Some("Paulo Ferreira"));
    let found = mentions("A Russian Defence Ministry spokesman, Igor Volkov, denied it.", "2023-03-01");
    assert_eq!(code_of(&found, "Russian Defence Ministry spokesman, Igor Volkov"), "RUSMIL");
}

#[test]
fn role_for_an_organisation_and_names_after_an_organisation() {
    let found = mentions(
        "A spokesman for the Canadian Foreign Ministry, Paul Girard, declined to comment. \
         The chairman of the Joint Chiefs of Staff Frank Miller also spoke.",
        "2023-03-01",
    );
    let girard = find(&found, "spokesman for the Canadian Foreign Ministry, Paul Girard");
    assert_eq!((girard.code.as_str(), girard.name.as_deref()), ("CANGOV", Some("Paul Girard")));
    let miller = find(&found, "The chairman of the Joint Chiefs of Staff Frank Miller");
    assert_eq!((miller.code.as_str(), miller.name.as_deref()), ("USAMIL", Some("Frank Miller")));
}

#[test]
fn possessive_country_before_a_role() {
    let found = mentions(
        "Canada's foreign minister, Jane Holt, said more aid would come. Russia's Defence Ministry disagreed.",
        "2023-03-01",
    );
    let holt = find(&found, "Canada's foreign minister, Jane Holt");
    assert_eq!((holt.code.as_str(), holt.name.as_deref()), ("CANGOV", Some("Jane Holt")));
    assert_eq!(code_of(&found, "Russia's Defence Ministry"), "RUSMIL");
    let proposals = mentions("Russia's proposals were rejected.", "2023-03-01");
    assert_eq!(code_of(&proposals, "Russia"), "RUS");
}

#[test]
fn sector_is_a_cameo_sector_only() {
    use dyad_code::actors::{country_of, sector_of};
    assert_eq!(sector_of("USAGOVMIL").as_deref(), Some("GOV"));
    assert_eq!(sector_of("PSEREBHMS").as_deref(), Some("REB"));
    assert_eq!(sector_of("PSEGZA"), None);
    assert_eq!(sector_of("IGOWSTNAT"), None);
    assert_eq!(country_of("IGOWSTNAT").as_deref(), Some("IGOWSTNAT"));
    assert_eq!(country_of("EUR").as_deref(), Some("EUR"));
    assert_eq!((country_of("MED"), sector_of("MED").as_deref()), (None, Some("MED")));
}

#[test]
fn capitalised_words_that_are_no_names_keep_the_actors_around_them() {
    let found = mentions("In the report, Russia Warns US Over Ukraine Aid.", "2023-03-01");
    for (text, code) in [("Russia", "RUS"), ("US", "USA"), ("Ukraine", "UKR")] {
        assert_eq!(code_of(&found, text), code);
    }
}

#[test]
fn modifiers_between_country_and_role() {
    let found = mentions("Nigerian junior foreign minister Dubem Oniya and Russia's top diplomat met.", "2023-03-01");
    assert_eq!(code_of(&found, "Nigerian junior foreign minister Dubem Oniya"), "NGAGOV");
    assert_eq!(code_of(&found, "Russia's top diplomat"), "RUSGOV");
    let former = mentions("The Russian former minister spoke.", "2023-03-01");
    assert!(former.iter().all(|mention| mention.code != "RUSGOV"), "{former:#?}");
}

#[test]
fn title_name_of_country() {
    let found = mentions("On Monday, King Omar Talal of Jordan met the envoys.", "2023-03-01");
    let king = find(&found, "King Omar Talal of Jordan");
    assert_eq!((king.code.as_str(), king.name.as_deref()), ("JORGOV", Some("Omar Talal")));
}

#[test]
fn title_dictionary_name_of_another_country() {
    // "Hassan" alone is a Jordanian prince in the Phoenix files; the country the text
    // names after the title and name is the one that counts.
    let found = mentions("In Rabat, King Hassan of Morocco received the envoys.", "1996-03-01");
    assert_eq!(code_of(&found, "King Hassan of Morocco"), "MARGOV");
}

#[test]
fn dictionary_person_after_a_first_name_is_a_surname() {
    // "Hassan" alone is a Jordanian prince in the Phoenix files.
    let found = mentions("Sudanese President Omar Hassan spoke.", "2023-03-01");
    let president = find(&found, "Sudanese President Omar Hassan");
    assert_eq!((president.code.as_str(), president.name.as_deref()), ("SDNGOV", Some("Omar Hassan")));
}

#[test]
fn plural_demonyms_and_sectors_after_regional_codes() {
    let found = mentions("British aircraft killed four Iraqis while Nigerians protested.", "2023-03-01");
    assert_eq!(code_of(&found, "Iraqis"), "IRQ");
    assert_eq!(code_of(&found, "Nigerians"), "NGA");
    let serbia = mentions("The Serbian parliament approved the law.", "2000-01-01");
    let parliament = find(&serbia, "The Serbian parliament");
    assert_eq!(parliament.sector.as_deref(), Some("LEG"), "{parliament:?}");
}

#[test]
fn the_before_a_longer_dictionary_phrase() {
    let found = mentions("Settlers in the West Bank protested, and the West responded.", "2023-03-01");
    assert_eq!(find(&found, "the West Bank").country.as_deref(), Some("PSE"));
    assert_eq!(code_of(&found, "the West"), "WST");
}

#[test]
fn lower_case_words_are_no_countries() {
    let found = mentions("The results surprised us, and the turkey was cold in China.", "2023-03-01");
    let codes: Vec<&str> = found.iter().map(|mention| mention.code.as_str()).collect();
    assert_eq!(codes, ["CHN"], "{found:#?}");
}

#[test]
fn names_after_companies_and_inside_roles() {
    let found =
        mentions("Hutchison Whampoa Ltd agreed. Federal Reserve Board chairman Paul Volcker was asked.", "1987-02-26");
    assert!(found.iter().all(|mention| mention.name.as_deref() != Some("Ltd")), "{found:#?}");
    let volcker = found.iter().find(|mention| mention.text.ends_with("Paul Volcker")).expect("Volcker");
    assert_eq!(volcker.name.as_deref(), Some("Paul Volcker"));
    let found = mentions("The U.S. Agriculture Department and USDA Secretary Richard Lyng disagreed.", "1987-02-26");
    let department = find(&found, "The U.S. Agriculture Department");
    assert_eq!((department.code.as_str(), department.name.as_deref()), ("USAGOV", None));
    let lyng = find(&found, "USDA Secretary Richard Lyng");
    assert_eq!((lyng.country.as_deref(), lyng.name.as_deref()), (Some("USA"), Some("Richard Lyng")));
}

#[test]
fn organisation_name_words_are_no_people() {
    let found = mentions(
        "The Federal Reserve Board met, and the New China News Agency and the Iraqi Third Army Corps reported it. \
         Peruvian President Kalvani left.",
        "1987-02-26",
    );
    let named: Vec<&str> = found.iter().filter_map(|mention| mention.name.as_deref()).collect();
    assert_eq!(named, ["Kalvani"], "{found:#?}");
    let funds = mentions(
        "American Travellers Life Insurance and the Pennsylvania Investors High Income Fund rose.",
        "1987-02-26",
    );
    assert!(funds.iter().all(|mention| mention.name.is_none()), "{funds:#?}");
    assert_eq!(code_of(&found, "The Federal Reserve Board"), "USAGOVBUS");
}

#[test]
fn a_bare_place_before_a_name_is_no_role() {
    let found = mentions("The Washington Post reported the story.", "2023-03-01");
    assert!(found.iter().all(|mention| mention.name.is_none()), "{found:#?}");
}

#[test]
fn dictionary_phrases_give_way_to_dated_people_inside_them() {
    // Phoenix has RUSSIAN_PRESIDENT_VLADIMIR_PUTIN as one phrase.
    let found = mentions("Russian President Vladimir Putin met UN Secretary-General Antonio Guterres.", "2023-03-01");
    let putin = find(&found, "Russian President Vladimir Putin");
    assert_eq!((putin.kind, putin.name.as_deref()), (MentionKind::Named, Some("Vladimir Putin")));
    assert!(putin.rule.starts_with("overlay:dictionaries/overlay/people.txt:"), "{}", putin.rule);
    let guterres = find(&found, "UN Secretary-General Antonio Guterres");
    assert_eq!(guterres.code, "IGOUNO");
}

#[test]
fn a_surname_that_is_also_a_place_repeats_the_person() {
    let found = mentions("Pentagon spokesman Mark Austin spoke first. Later, Austin said more.", "2023-03-01");
    let austin = find(&found, "Austin");
    assert_eq!((austin.kind, austin.code.as_str(), austin.refers_to), (MentionKind::Surname, "USAMIL", Some(0)));
}

#[test]
fn a_known_surname_alone_repeats_the_full_name() {
    let found = mentions("Kremlin spokesman Dmitry Peskov spoke first. Peskov then left.", "2023-03-01");
    let peskov = find(&found, "Peskov");
    assert_eq!((peskov.kind, peskov.refers_to, peskov.rule.as_str()), (MentionKind::Surname, Some(0), "surname"));
    assert_eq!(peskov.name.as_deref(), Some("Dmitry Peskov"));
}

#[test]
fn pronoun_is_not_resolved_past_an_unknown_person() {
    let found = mentions(
        "Pentagon spokesman Tom Baxter left early. Later, Mr. Smith, a lawyer, arrived. He said nothing.",
        "2023-03-01",
    );
    assert!(found.iter().all(|mention| mention.kind != MentionKind::Pronoun), "{found:#?}");
}

#[test]
fn a_name_followed_by_a_verb_is_not_an_appositive() {
    let found = mentions("The Brazilian Defence Ministry, Paulo Ferreira said, will hold drills.", "2023-03-01");
    assert!(found.iter().all(|mention| mention.name.is_none()), "{found:#?}");
}

#[test]
fn surnames_role_nouns_and_pronouns_refer_back() {
    let found = mentions(
        "Canadian Foreign Ministry spokeswoman Jane Doherty criticised the decision on Monday. \
         Doherty said Ottawa would respond. \
         She added that talks were possible, the Foreign Ministry spokeswoman said.",
        "2023-03-01",
    );
    let full = found.iter().position(|mention| mention.name.as_deref() == Some("Jane Doherty")).unwrap();
    let surname = find(&found, "Doherty");
    assert_eq!((surname.kind, surname.refers_to, surname.code.as_str()), (MentionKind::Surname, Some(full), "CANGOV"));
    assert_eq!(surname.rule, "surname");
    let pronoun = find(&found, "She");
    assert_eq!((pronoun.kind, pronoun.refers_to, pronoun.code.as_str()), (MentionKind::Pronoun, Some(full), "CANGOV"));
    let role = find(&found, "the Foreign Ministry spokeswoman");
    assert_eq!((role.kind, role.refers_to, role.code.as_str()), (MentionKind::Role, Some(full), "CANGOV"));
}

#[test]
fn name_then_role_after_a_comma() {
    let found = mentions(
        "Paul Girard, a Canadian Foreign Ministry spokesman, declined to comment. Girard later left.",
        "2023-03-01",
    );
    let girard = find(&found, "Paul Girard, a Canadian Foreign Ministry spokesman");
    assert_eq!((girard.code.as_str(), girard.name.as_deref()), ("CANGOV", Some("Paul Girard")));
    assert_eq!(girard.rule, "role:Canadian Foreign Ministry spokesman");
    assert_eq!(find(&found, "Girard").kind, MentionKind::Surname);
}

#[test]
fn they_refers_to_the_only_group_actor_before_it() {
    let found = mentions("Russian troops crossed the river before they stopped.", "2023-03-01");
    let they = find(&found, "they");
    assert_eq!((they.kind, they.code.as_str(), they.refers_to), (MentionKind::Pronoun, "RUSMIL", Some(0)));
    let unclear =
        mentions("The US authorities said any steps would be mutual, and they would be taken together.", "2023-03-01");
    assert!(unclear.iter().all(|mention| mention.kind != MentionKind::Pronoun), "{unclear:#?}");
    let place = mentions("Traders in Hong Kong said they would wait.", "2023-03-01");
    assert!(place.iter().all(|mention| mention.kind != MentionKind::Pronoun), "{place:#?}");
    let two = mentions("Russia and Ukraine said they would talk.", "2023-03-01");
    assert!(two.iter().all(|mention| mention.kind != MentionKind::Pronoun), "{two:#?}");
}

#[test]
fn pronoun_gender_picks_the_right_person() {
    let found = mentions(
        "Canadian Foreign Ministry spokeswoman Jane Doherty met Pentagon spokesman Tom Baxter. \
         He said the meeting went well.",
        "2023-03-01",
    );
    let baxter = found.iter().position(|mention| mention.name.as_deref() == Some("Tom Baxter")).unwrap();
    let he = find(&found, "He");
    assert_eq!((he.refers_to, he.code.as_str()), (Some(baxter), "USAMIL"));
}

#[test]
fn pronoun_without_a_clear_antecedent_is_left_alone() {
    let found = mentions("The weather was cold. He said nothing.", "2023-03-01");
    assert!(found.iter().all(|mention| mention.kind != MentionKind::Pronoun), "{found:#?}");
}

#[test]
fn metonyms_stand_for_governments() {
    let found = mentions(
        "Tokyo rejected the proposal, and the Kremlin said Washington and Downing Street had been warned.",
        "2023-03-01",
    );
    for (text, code) in
        [("Tokyo", "JPNGOV"), ("the Kremlin", "RUSGOV"), ("Washington", "USAGOV"), ("Downing Street", "GBRGOV")]
    {
        let mention = find(&found, text);
        assert_eq!((mention.code.as_str(), mention.kind), (code, MentionKind::Metonym), "{text}");
        assert!(mention.rule.starts_with("metonym:dictionaries/overlay/places.txt:"), "{}", mention.rule);
    }
}

#[test]
fn the_states_is_the_country() {
    let found = mentions("Any action by the States will follow consultations.", "2023-03-01");
    let states = find(&found, "the States");
    assert_eq!((states.code.as_str(), states.country.as_deref()), ("USA", Some("USA")));
}

#[test]
fn brussels_is_nato_near_nato_words_and_the_eu_otherwise() {
    let eu = mentions("Brussels announced new tariffs on steel imports.", "2023-03-01");
    assert_eq!(code_of(&eu, "Brussels"), "IGOEUREEC");
    let nato = mentions("Brussels told the alliance members to raise spending. NATO will meet in June.", "2023-03-01");
    assert_eq!(code_of(&nato, "Brussels"), "IGOWSTNAT");
}

#[test]
fn demonyms_and_regions() {
    let found = mentions(
        "British and Chinese diplomats met European partners in the Baltic states. American officials watched.",
        "2023-03-01",
    );
    assert_eq!(code_of(&found, "British"), "GBR");
    assert_eq!(code_of(&found, "Chinese diplomats"), "CHNGOV");
    assert_eq!(code_of(&found, "European"), "EUR");
    assert_eq!(code_of(&found, "the Baltic"), "EUR");
    assert_eq!(code_of(&found, "American officials"), "USAGOV");
}

#[test]
fn overlay_codes_follow_the_article_date() {
    let text = "Donald Trump spoke with Joe Biden and Jens Stoltenberg.";
    let expected = [
        ("2012-06-01", [None, Some("USAGOV"), Some("NORGOV")]),
        ("2019-06-01", [Some("USAGOV"), Some("USAELI"), Some("IGOWSTNAT")]),
        ("2022-01-25", [Some("USAELI"), Some("USAGOV"), Some("IGOWSTNAT")]),
        ("2025-03-01", [Some("USAGOV"), Some("USAELI"), Some("NORGOV")]),
    ];
    for (date, codes) in expected {
        let found = mentions(text, date);
        for (name, code) in ["Donald Trump", "Joe Biden", "Jens Stoltenberg"].into_iter().zip(codes) {
            let mention = found.iter().find(|mention| mention.text == name);
            match code {
                Some(code) if mention.is_some_and(|mention| mention.rule.starts_with("overlay:")) => {
                    assert_eq!(mention.unwrap().code, code, "{name} on {date}")
                }
                Some(code) => panic!("{name} on {date}: expected {code} from the overlay, found {mention:?}"),
                None => assert!(
                    mention.is_none_or(|mention| !mention.rule.starts_with("overlay:")),
                    "{name} on {date}: {mention:?}"
                ),
            }
        }
    }
}

#[test]
fn a_body_named_after_its_leader_is_the_body() {
    let found =
        mentions("The Trump administration imposed tariffs, and the Netanyahu government agreed.", "2022-06-01");
    let trump = find(&found, "The Trump administration");
    assert_eq!((trump.code.as_str(), trump.name.as_deref(), trump.kind), ("USAGOV", None, MentionKind::Dictionary));
    assert_eq!(code_of(&found, "the Netanyahu government"), "ISRGOV");
}

#[test]
fn overlay_names_beat_places_inside_them() {
    // "Austin" alone is a US city in the Phoenix files.
    let found = mentions("Lloyd Austin met Xi Jinping.", "2022-06-01");
    assert_eq!(code_of(&found, "Lloyd Austin"), "USAMIL");
    assert_eq!(code_of(&found, "Xi Jinping"), "CHNGOV");
}

#[test]
fn undated_articles_use_the_latest_codes_unless_told() {
    let mut resolver = ActorResolver::new(dictionaries());
    let found = mentions_with(&resolver, "Donald Trump spoke.", None);
    assert_eq!(code_of(&found, "Donald Trump"), "USAGOV");
    resolver.set_undated(NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
    let found = mentions_with(&resolver, "Donald Trump spoke.", None);
    assert_eq!(code_of(&found, "Donald Trump"), "USAELI");
}

#[test]
fn user_overlay_adds_people_and_reports_bad_lines() {
    let mut resolver = ActorResolver::new(dictionaries());
    let text = "# my overlay\n\
                Ivan Petrenko; Petrenko | UKRMIL 2022-01-01..\n\
                Foo Bar | usagov\n\
                Baz Qux\n\
                Old Man | USAGOV 2020-13-01..\n\
                [bogus]\n\
                | USAGOV\n\
                Late Start | USAGOV 2021-01-01..2020-01-01\n";
    let warnings = resolver.add_overlay(Source { name: "mine.txt", text });
    let lines: Vec<String> = warnings.iter().map(|warning| format!("{}:{}", warning.file, warning.line)).collect();
    assert_eq!(
        lines,
        ["mine.txt:3", "mine.txt:4", "mine.txt:5", "mine.txt:6", "mine.txt:7", "mine.txt:8"],
        "{warnings:#?}"
    );
    let found = mentions_with(&resolver, "Ivan Petrenko visited the front.", Some("2023-01-01"));
    let petrenko = find(&found, "Ivan Petrenko");
    assert_eq!((petrenko.code.as_str(), petrenko.rule.as_str()), ("UKRMIL", "overlay:mine.txt:2"));
    let before = mentions_with(&resolver, "Ivan Petrenko visited the front.", Some("2021-01-01"));
    assert!(before.iter().all(|mention| mention.code != "UKRMIL"), "{before:#?}");
}

#[test]
fn user_overlay_wins_over_the_bundled_one() {
    let mut resolver = ActorResolver::new(dictionaries());
    let warnings = resolver.add_overlay(Source { name: "mine.txt", text: "Joe Biden | USAELI\n" });
    assert!(warnings.is_empty());
    let found = mentions_with(&resolver, "Joe Biden spoke.", Some("2022-01-25"));
    assert_eq!(code_of(&found, "Joe Biden"), "USAELI");
}

#[test]
fn mentions_are_ordered_and_spans_match_text() {
    let document = document("The Kremlin said Moscow would answer. Kyiv and Warsaw disagreed.", Some("2023-03-01"));
    let article = analyse(&document);
    let found = ActorResolver::new(dictionaries()).mentions(&article, dictionaries());
    let keys: Vec<(usize, usize)> = found.iter().map(|mention| (mention.sentence, mention.words.start)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for mention in &found {
        assert_eq!(mention.span.of(&document.text), mention.text);
        assert_eq!(article.words_span(mention.sentence, mention.words.clone()), mention.span);
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        "",
        ".",
        "the",
        "The US 's",
        "spokesman ,",
        "Russian Foreign Ministry spokeswoman ,",
        "He she they them her him.",
        "\u{201c}Ned Price\u{201d} , the , of the , Moscow 's",
        "Élysée Kyiv Kiev Brussels Brussels NATO NATO 's , , ,",
        "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
        "head of the of the of the US",
        "Mr. Mr. Mr. Dr.",
    ];
    for text in inputs {
        for mention in mentions(text, "2023-03-01") {
            assert_eq!(&text[mention.span.start..mention.span.end], mention.text);
        }
    }
}

/// The example article of `shared/examples`, if present: every gold actor and
/// metonym found with its country and sector.
#[test]
fn example_article_gold_actors_and_metonyms() {
    // CI places `shared/` beside the clone, as on the development machines.
    let dir = std::env::var("DYAD_EXAMPLES")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples").into());
    let path = format!("{dir}/seed-2022-01-25-us-russia.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let text = raw.trim_start().strip_prefix("date 2022-01-25").expect("dated example").trim_start();
    let found = mentions(text, "2022-01-25");
    let actors = [
        ("Ned Price", "US State Department spokesman", "USA", &["GOV"][..]),
        ("Maria Zakharova", "Russian Foreign Ministry spokeswoman", "RUS", &["GOV"]),
        ("John Kirby", "Pentagon spokesman", "USA", &["MIL", "GOV"]),
        ("Lloyd Austin", "head of the US Department of Defense", "USA", &["MIL", "GOV"]),
        ("Joe Biden", "US President", "USA", &["GOV"]),
        ("Jen Psaki", "White House press secretary", "USA", &["GOV"]),
    ];
    for (name, role, country, sectors) in actors {
        let mention = found
            .iter()
            .find(|mention| mention.name.as_deref() == Some(name) && mention.text.contains(role))
            .unwrap_or_else(|| panic!("{role} {name} not found"));
        assert_eq!(mention.country.as_deref(), Some(country), "{name}");
        assert!(sectors.contains(&mention.sector.as_deref().unwrap_or("-")), "{name}: {mention:?}");
        assert_eq!(mention.kind, MentionKind::Named);
    }
    let metonyms =
        [("Washington", "USA", Some("GOV")), ("Moscow", "RUS", Some("GOV")), ("the White House", "USA", Some("GOV"))];
    for (text, country, sector) in metonyms {
        let mention = find(&found, text);
        assert_eq!((mention.country.as_deref(), mention.sector.as_deref()), (Some(country), sector), "{text}");
    }
    let states = find(&found, "the States");
    assert_eq!(states.country.as_deref(), Some("USA"));
    assert!(matches!(states.sector.as_deref(), None | Some("GOV")));
    // Every later "Price", "he" and "the State Department spokesman" is Ned Price.
    let price = found.iter().position(|mention| mention.name.as_deref() == Some("Ned Price")).unwrap();
    let repeats = found.iter().filter(|mention| mention.refers_to == Some(price)).count();
    assert!(repeats >= 8, "{repeats} references to Ned Price");
}
