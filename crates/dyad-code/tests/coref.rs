//! Coreference of people (and organisations) within an article, one mechanism per
//! test, on sentences written for the purpose, with the shipped models and production
//! dictionaries. GUM news scoring floors are at the end.

use chrono::NaiveDate;
use dyad_code::coref::Coreference;
use dyad_code::{AnalysedArticle, Coder};
use dyad_lang::Models;
use dyad_text::Document;
use std::path::Path;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

fn document(text: &str) -> Document {
    Document { id: "test".into(), date: NaiveDate::from_ymd_opt(2022, 1, 25), text: text.into(), ..Default::default() }
}

/// The article's chains as the words of their mentions.
fn chains(text: &str) -> Vec<Vec<String>> {
    let coder = coder();
    let document = document(text);
    let article = AnalysedArticle::analyse(&document, &coder.models);
    let mut mentions = coder.actors.mentions(&article, &coder.dictionaries);
    let mut people: Coreference = coder.people(&article, &mut mentions);
    let quotes = coder.quotes.quotes(&article, &mentions, &people, &coder.models.parser);
    people.link_quotes(&article, &quotes);
    people
        .chains()
        .into_iter()
        .map(|chain| chain.iter().map(|m| m.span.of(&document.text).to_string()).collect())
        .collect()
}

/// Whether one chain holds all of `words`.
fn together(chains: &[Vec<String>], words: &[&str]) -> bool {
    chains.iter().any(|chain| words.iter().all(|word| chain.iter().any(|m| m == word)))
}

fn apart(chains: &[Vec<String>], a: &str, b: &str) -> bool {
    !together(chains, &[a, b])
}

#[test]
fn a_full_name_its_surname_and_a_pronoun() {
    let chains = chains("Software engineer Daniel Okafor built the app in Lagos. Okafor said he wrote it in a week.");
    assert!(
        together(&chains, &["Software engineer Daniel Okafor", "Okafor", "he"])
            || together(&chains, &["Daniel Okafor", "Okafor", "he"]),
        "{chains:?}"
    );
}

#[test]
fn pronouns_follow_the_gender_of_first_names() {
    let chains = chains("Maria Lopez met John Carter in Madrid on Monday. She told him the deal was off.");
    assert!(together(&chains, &["Maria Lopez", "She"]), "{chains:?}");
    assert!(together(&chains, &["John Carter", "him"]), "{chains:?}");
    assert!(apart(&chains, "Maria Lopez", "him"), "{chains:?}");
}

#[test]
fn a_role_noun_takes_up_the_person_with_that_role() {
    let chains = chains("Finance minister Ana Kowalczyk presented the budget. The minister said taxes would not rise.");
    assert!(chains.iter().any(|chain| chain.iter().any(|m| m.contains("Ana Kowalczyk")) && chain.iter().any(|m| m == "The minister")), "{chains:?}");
}

#[test]
fn an_appositive_is_the_same_person() {
    let chains = chains("The head of the agency, Peter Novak, resigned. Novak gave no reason.");
    let chain = chains.iter().find(|chain| chain.iter().any(|m| m == "Novak")).expect("a chain with Novak");
    assert!(chain.iter().any(|m| m.contains("head of the agency")), "{chains:?}");
    assert!(chain.iter().any(|m| m.contains("Peter Novak")), "{chains:?}");
}

#[test]
fn they_takes_up_a_group_of_people() {
    let chains = chains("Thousands of protesters gathered outside parliament. They demanded new elections.");
    assert!(
        chains.iter().any(|chain| chain.iter().any(|m| m.contains("protesters")) && chain.iter().any(|m| m == "They")),
        "{chains:?}"
    );
}

#[test]
fn first_person_words_in_a_quotation_are_its_speaker() {
    let chains = chains("“I will not resign and my team stays,” said coach Tomas Berglund.");
    assert!(
        chains.iter().any(|chain| chain.iter().any(|m| m.contains("Tomas Berglund"))
            && chain.iter().any(|m| m == "I")
            && chain.iter().any(|m| m == "my")),
        "{chains:?}"
    );
}

#[test]
fn an_unknown_name_alone_is_no_person_until_something_says_so() {
    // "Dover Harbour" is a place: nothing marks it as a person's name.
    let chains = chains("Dover Harbour was closed on Monday. It reopened on Tuesday.");
    assert!(chains.is_empty(), "{chains:?}");
}

#[test]
fn links_the_actor_layer_left_open_reach_the_record() {
    let record = coder().code(&document(
        "Software engineer Daniel Okafor built the app. Okafor said the app was free. He said the government had not helped.",
    ));
    // Every mention the record has for Okafor after the first refers to an earlier one.
    let okafor: Vec<_> =
        record.mentions.iter().enumerate().filter(|(_, m)| m.name.as_deref() == Some("Daniel Okafor")).collect();
    for (index, mention) in okafor.iter().skip(1) {
        assert!(mention.refers_to.is_some_and(|r| r < *index), "{mention:?}");
    }
}

#[test]
fn gum_news_person_chains_score_above_the_floor() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gum-news/gum_news.part-a.conllu");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return;
    }
    let scores = dyad_code::eval::coref(&path, coder()).expect("GUM news readable");
    eprintln!("GUM news part a: MUC F1 {:.3}, B3 F1 {:.3}", scores.muc.f1(), scores.b_cubed.f1());
    assert!(scores.muc.f1() >= 0.76, "MUC F1 {:.3}", scores.muc.f1());
    assert!(scores.b_cubed.f1() >= 0.70, "B3 F1 {:.3}", scores.b_cubed.f1());
}

#[test]
fn a_definite_phrase_takes_up_an_organisation() {
    let coder = coder();
    let document = document(
        "The Russian Foreign Ministry condemned the strike on Monday. The ministry said the attack violated the truce.",
    );
    let article = AnalysedArticle::analyse(&document, &coder.models);
    let mut mentions = coder.actors.mentions(&article, &coder.dictionaries);
    let people = coder.people(&article, &mut mentions);
    let found: Vec<&str> = people.organisations.iter().map(|o| o.span.of(&document.text)).collect();
    assert_eq!(found, ["The ministry"]);
    assert_eq!(mentions[people.organisations[0].refers_to].code, "RUSGOV");
    // The quotation it speaks takes the organisation's code.
    let record = coder.code(&document);
    let quote = record.quotes.iter().find(|q| q.text.contains("violated the truce")).expect("a quotation");
    assert_eq!(quote.speaker.as_ref().and_then(|s| s.code.as_deref()), Some("RUSGOV"));
}

#[test]
fn another_first_name_with_a_known_surname_is_another_person() {
    let chains = chains(
        "Nurse Ahmed Karimi treated the wounded in Herat. Karimi said the clinic was full. \
         Hassan Karimi, a teacher, said he had left the city.",
    );
    assert!(together(&chains, &["Nurse Ahmed Karimi", "Karimi"]) || together(&chains, &["Ahmed Karimi", "Karimi"]), "{chains:?}");
    assert!(chains.iter().all(|chain| !chain.iter().any(|m| m.contains("Hassan")) || !chain.iter().any(|m| m.contains("Ahmed"))), "{chains:?}");
}

#[test]
fn a_relative_of_the_possessor_is_not_the_possessor() {
    let chains = chains(
        "Student Omar Haddad won the science prize. Haddad thanked his teachers. \
         His father, Haddad, said the family was proud.",
    );
    assert!(!together(&chains, &["His father", "Student Omar Haddad"]), "{chains:?}");
    assert!(!together(&chains, &["His father", "Omar Haddad"]), "{chains:?}");
}

#[test]
fn a_place_before_a_name_is_not_a_first_name() {
    let chains = chains(
        "Brightline engineer Paul Reyes designed the bridge. Reyes said it would open in May. \
         Brightline said the cost had doubled.",
    );
    assert!(chains.iter().all(|chain| !chain.iter().any(|m| m == "Brightline")), "{chains:?}");
}

#[test]
fn a_name_with_an_article_is_no_person() {
    let chains = chains(
        "A former member of the Blue Order was arrested after he left the Blue Order in May. \
         The Blue Order runs the temple, and members of the Blue Order say the Blue Order owns the land.",
    );
    assert!(chains.iter().all(|chain| !chain.iter().any(|m| m == "Blue Order")), "{chains:?}");
}

#[test]
fn people_in_general_are_not_the_same_people() {
    let chains = chains(
        "People queued for bread in the morning. Prices rose again. \
         In the north, people said the roads were closed.",
    );
    assert!(apart(&chains, "People", "people"), "{chains:?}");
}

#[test]
fn a_group_gives_no_role_to_one_person() {
    let chains = chains(
        "Children and pregnant women need more iodine, the report said. \
         The pregnant woman in the study was given a supplement.",
    );
    assert!(apart(&chains, "Children and pregnant women", "The pregnant woman in the study"), "{chains:?}");
}

#[test]
fn a_bare_role_noun_before_a_name_is_part_of_its_mention() {
    let chains = chains("The goal came from Danish striker Jonas Lind. Lind said the team had trained for it.");
    assert!(together(&chains, &["Danish striker Jonas Lind", "Lind"]), "{chains:?}");
}

#[test]
fn a_quotation_running_on_past_its_marks_keeps_its_speaker() {
    let chains = chains(
        "After the final, coach Maria Lopez said, \"I think we learned a lot today.\n\n\
         It was a long season. This is the third time I have coached a team in a final.",
    );
    let lopez = chains.iter().find(|chain| chain.iter().any(|m| m.contains("Maria Lopez"))).expect("Lopez's chain");
    assert_eq!(lopez.iter().filter(|m| *m == "I").count(), 2, "{chains:?}");
}

#[test]
fn a_surname_read_before_its_full_name_is_that_person() {
    let chains = chains(
        "Okafor (left) at the signing in Lagos.\n\nThe deal was signed on Monday by Daniel Okafor, who praised it.",
    );
    assert!(together(&chains, &["Okafor", "Daniel Okafor"]), "{chains:?}");
}

#[test]
fn a_role_phrase_stops_at_its_commas() {
    let chains = chains(
        "Police questioned Sam Ortiz, a 19-year-old student from Leeds, England, on Friday. Ortiz was released. \
         The former members of the club, including singer Paul Reyes, said they had left in March.",
    );
    let mentions: Vec<&String> = chains.iter().flatten().collect();
    assert!(mentions.iter().all(|m| !m.starts_with(',') && !m.contains("including")), "{chains:?}");
    assert!(together(&chains, &["Sam Ortiz", "Ortiz"]), "{chains:?}");
    assert!(chains.iter().any(|chain| chain.iter().any(|m| m.starts_with("a 19-year-old student"))), "{chains:?}");
}

#[test]
fn they_with_no_group_before_it_starts_no_chain() {
    let chains = chains(
        "The Lisbon robotics team arrived late in Boston. They had been denied visas twice. \
         After the delay, their robot was rebuilt in a week.",
    );
    assert!(apart(&chains, "They", "their"), "{chains:?}");
}

#[test]
fn the_police_are_an_institution_not_a_group_of_people() {
    let chains =
        chains("Police closed the bridge on Sunday. The driver was questioned by the police in Dover for an hour.");
    assert!(chains.iter().all(|chain| !chain.iter().any(|m| m.contains("olice"))), "{chains:?}");
}

#[test]
fn he_in_what_someone_says_is_the_one_who_says_it() {
    let chains = chains("Mark Devlin told John Carter he would help him find a job in Ohio.");
    assert!(together(&chains, &["Mark Devlin", "he"]), "{chains:?}");
    assert!(together(&chains, &["John Carter", "him"]), "{chains:?}");
}

#[test]
fn an_object_pronoun_is_not_its_own_verb_subject() {
    let chains = chains("Peter Novak met Tom Hale in Prague. On Friday, Hale said Novak had misled him.");
    assert!(apart(&chains, "Peter Novak", "him"), "{chains:?}");
    assert!(together(&chains, &["Tom Hale", "Hale", "him"]), "{chains:?}");
}

#[test]
fn a_name_inside_a_quotation_is_not_the_pronoun_after_it() {
    let chains = chains(
        "Treasury Secretary James Baker met bankers on Monday. Tom Wells said rates would fall. \
         \"It fits with Baker's wishes,\" he said.",
    );
    let he = chains.iter().find(|chain| chain.iter().any(|m| m == "he")).expect("a chain with he");
    assert!(he.iter().any(|m| m.contains("Wells")) && !he.iter().any(|m| m.contains("Baker")), "{chains:?}");
}
