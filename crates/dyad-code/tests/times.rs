//! Time expressions and event dates, each mechanism on sentences written for the
//! purpose, with the shipped models. Articles are dated Tuesday 25 January 2022 unless
//! a test says otherwise.

use chrono::NaiveDate;
use dyad_code::times::{find_times, TimeKind};
use dyad_code::{AnalysedArticle, Coder};
use dyad_lang::Models;
use dyad_text::Document;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(Models::bundled().expect("the shipped models load"), dyad_dict::production()))
}

fn document(text: &str, date: Option<&str>) -> Document {
    Document {
        id: "test".into(),
        date: date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
        text: text.into(),
        ..Default::default()
    }
}

/// (text, type, value) of every expression found in `text`.
fn times_in(text: &str, date: Option<&str>) -> Vec<(String, TimeKind, Option<String>)> {
    let document = document(text, date);
    let coder = coder();
    let article = AnalysedArticle::analyse(&document, &coder.models);
    find_times(&article, &coder.models.parser).into_iter().map(|t| (t.text, t.kind, t.value)).collect()
}

fn dated(text: &str) -> Vec<(String, TimeKind, Option<String>)> {
    times_in(text, Some("2022-01-25"))
}

/// Asserts that `text` holds exactly the expressions `expected` (text, value).
fn check(text: &str, expected: &[(&str, &str)]) {
    let found = dated(text);
    let found: Vec<(&str, Option<&str>)> = found.iter().map(|(t, _, v)| (t.as_str(), v.as_deref())).collect();
    let expected: Vec<(&str, Option<&str>)> = expected.iter().map(|(t, v)| (*t, Some(*v))).collect();
    assert_eq!(found, expected, "in {text:?}");
}

#[test]
fn explicit_dates() {
    check("The ministers met on January 24.", &[("on January 24", "2022-01-24")]);
    check("The talks were held on Jan. 24, 2022, in Geneva.", &[("on Jan. 24, 2022", "2022-01-24")]);
    check("The summit opened on 24 January in Paris.", &[("on 24 January", "2022-01-24")]);
    check("The decree was signed on January 24th.", &[("on January 24th", "2022-01-24")]);
    check("The decree was published 2022-01-24 in the gazette.", &[("2022-01-24", "2022-01-24")]);
    check("The vote took place on 1/24 in the capital.", &[("on 1/24", "2022-01-24")]);
    check("The law took effect on 12/31/99.", &[("on 12/31/99", "1999-12-31")]);
    check("The decree of 24.01.2022 was annulled.", &[("24.01.2022", "2022-01-24")]);
    check("The decree of 2022/01/24 was annulled.", &[("2022/01/24", "2022-01-24")]);
    check("Output rose 1.25 pct in version 3.5.1 of the index.", &[]);
    check("Parliament met on Monday, January 17.", &[("on Monday, January 17", "2022-01-17")]);
    check("Parliament met on the 24th.", &[("on the 24th", "2022-01-24")]);
    check("Parliament met on the 24th of January.", &[("on the 24th of January", "2022-01-24")]);
    check("He voted on the 21st amendment.", &[]);
}

#[test]
fn weekdays_follow_the_tense() {
    check("Troops withdrew from the border on Monday.", &[("on Monday", "2022-01-24")]);
    check("Troops will withdraw from the border on Monday.", &[("on Monday", "2022-01-31")]);
    check("The foreign ministers met on Friday.", &[("on Friday", "2022-01-21")]);
    check("The foreign ministers will meet on Friday.", &[("on Friday", "2022-01-28")]);
    check("The president said on Tuesday that talks would go on.", &[("on Tuesday", "2022-01-25")]);
    check("Protesters marched last Tuesday.", &[("last Tuesday", "2022-01-18")]);
    check("The envoy returns next Monday.", &[("next Monday", "2022-01-31")]);
    // Present tense: the article's week; no verb (a noun's date): the nearest.
    check("The talks begin on Sunday.", &[("on Sunday", "2022-01-30")]);
    check("Observers criticised Sunday's election.", &[("Sunday", "2022-01-23")]);
    check("The strike started on Wednesday last week.", &[("on Wednesday last week", "2022-01-19")]);
}

#[test]
fn months_without_a_year_follow_the_tense() {
    check("The election was held in December.", &[("in December", "2021-12")]);
    check("Elections will be held in March.", &[("in March", "2022-03")]);
    check("The ceasefire collapsed in March.", &[("in March", "2021-03")]);
    check("The agreement was signed on December 30.", &[("on December 30", "2021-12-30")]);
    check("The treaty was signed in 1997.", &[("in 1997", "1997")]);
    check("Talks resumed in January 2021.", &[("in January 2021", "2021-01")]);
    // "May" and "March" alone are a modal and a verb.
    check("Russia may respond to the proposals.", &[]);
}

#[test]
fn days_weeks_months_and_years_around_the_article() {
    check("Yesterday the army shelled the town.", &[("Yesterday", "2022-01-24")]);
    check("The talks resume tomorrow.", &[("tomorrow", "2022-01-26")]);
    check("Rebels seized the airport two days ago.", &[("two days ago", "2022-01-23")]);
    check("Rebels seized the airport last week.", &[("last week", "2022-W03")]);
    check("The US would respond to the proposals this week.", &[("this week", "2022-W04")]);
    check("The delegation will arrive next month.", &[("next month", "2022-02")]);
    check("Exports fell last year.", &[("last year", "2021")]);
    check("The talks will resume in two weeks.", &[("in two weeks", "2022-W06")]);
    check("The army was reinforced earlier this week.", &[("earlier this week", "2022-W04")]);
    check("Prices rose sharply in the 1990s.", &[("in the 1990s", "199")]);
    check("Profits fell in the fourth quarter.", &[("in the fourth quarter", "2021-Q4")]);
    check("Profits fell in the first quarter of 2020.", &[("in the first quarter of 2020", "2020-Q1")]);
    check("Rebels seized the airport this past week.", &[("this past week", "2022-W03")]);
    check("Rebels seized the airport weeks ago.", &[("weeks ago", "PAST_REF")]);
    check("Elections are due in mid-March.", &[("in mid-March", "2022-03")]);
    check("The army withdrew late Monday.", &[("late Monday", "2022-01-24")]);
}

#[test]
fn references_past_present_and_future() {
    check("Earlier, the minister said the border was closed.", &[("Earlier", "PAST_REF")]);
    check("Kirby said earlier that troops could be sent.", &[("earlier", "PAST_REF")]);
    check("The envoy has recently visited Kyiv.", &[("recently", "PAST_REF")]);
    check("Price noted that in recent weeks the White House chose diplomacy.", &[("in recent weeks", "PAST_REF")]);
    check("Talks are currently stalled.", &[("currently", "PRESENT_REF")]);
    check("The army will soon withdraw.", &[("soon", "FUTURE_REF")]);
    check("More troops may be sent in the future.", &[("in the future", "FUTURE_REF")]);
    check("An earlier version of the plan was rejected.", &[]);
}

#[test]
fn durations() {
    let found = dated("Washington has been negotiating with its partners for several weeks.");
    assert_eq!(found, vec![("for several weeks".into(), TimeKind::Duration, Some("P3W".into()))]);
    check("The strike lasted for two days.", &[("for two days", "P2D")]);
    check("The siege went on for months.", &[("for months", "PXM")]);
    check("The talks lasted a few days.", &[("a few days", "P3D")]);
    check("Fighting intensified over the past two weeks.", &[("over the past two weeks", "P2W")]);
    check("He signed a 10-year contract.", &[("10-year", "P10Y")]);
    check("The minister began a three-day visit.", &[("three-day", "P3D")]);
}

#[test]
fn ranges_parts_of_days_and_sets() {
    let first = document("The talks were held between January 10 and 12 in Geneva.", Some("2022-01-25"));
    let coder = coder();
    let article = AnalysedArticle::analyse(&first, &coder.models);
    let times = find_times(&article, &coder.models.parser);
    assert_eq!(times.len(), 1);
    assert_eq!(times[0].text, "between January 10 and 12");
    assert_eq!(times[0].value.as_deref(), Some("2022-01-10"));
    assert_eq!(times[0].end_value.as_deref(), Some("2022-01-12"));

    let second = document("The strike lasted from Monday to Wednesday last week.", Some("2022-01-27"));
    let article = AnalysedArticle::analyse(&second, &coder.models);
    let times = find_times(&article, &coder.models.parser);
    assert_eq!(times[0].text, "from Monday to Wednesday last week");
    assert_eq!(times[0].value.as_deref(), Some("2022-01-17"));
    assert_eq!(times[0].end_value.as_deref(), Some("2022-01-19"));
    check("The strike lasted from Monday to Wednesday.", &[("from Monday to Wednesday", "2022-01-24")]);
    check("Delegates meet in Jakarta June 1-5.", &[("June 1-5", "2022-06-01")]);

    check("Shipments are planned from May to September.", &[("from May to September", "2022-05")]);
    check("Explosions were heard this morning.", &[("this morning", "2022-01-25TMO")]);
    check("Explosions were heard on Monday night.", &[("on Monday night", "2022-01-24TNI")]);
    check("The two sides will speak at 10 a.m.", &[("at 10 a.m.", "2022-01-25T10:00")]);
    let found = dated("Observers patrol the line every Monday.");
    assert_eq!(found, vec![("every Monday".into(), TimeKind::Set, Some("XXXX-WXX-1".into()))]);
}

#[test]
fn the_next_day_counts_from_the_day_the_story_named() {
    let found = dated("Troops entered the town on January 10. The next day, they withdrew. Two days later, talks began.");
    let values: Vec<(&str, Option<&str>)> = found.iter().map(|(t, _, v)| (t.as_str(), v.as_deref())).collect();
    let expected =
        [("on January 10", Some("2022-01-10")), ("The next day", Some("2022-01-11")), ("Two days later", Some("2022-01-13"))];
    assert_eq!(values, expected);
    // A year earlier than a period, not a day: left unresolved.
    let found = dated("Sales reached 3 mln on January 10, against 2 mln a year earlier.");
    assert_eq!(found[1], ("a year earlier".into(), TimeKind::Date, None));
    // With no day named before, there is nothing to count from.
    let found = dated("The next day, they withdrew.");
    assert_eq!(found, vec![("The next day".into(), TimeKind::Date, None)]);
}

#[test]
fn undated_articles_keep_only_absolute_values() {
    let found = times_in("The talks began on Monday and ended on January 24, 2022, after weeks.", None);
    let values: Vec<(&str, Option<&str>)> = found.iter().map(|(t, _, v)| (t.as_str(), v.as_deref())).collect();
    assert_eq!(values, vec![("on Monday", None), ("on January 24, 2022", Some("2022-01-24"))]);
}

#[test]
fn no_time_in_plain_numbers_and_discourse_markers() {
    check("At the same time, Price noted that half of the 24 soldiers left.", &[]);
    check("About 1/2 of the 2022 ballots were counted.", &[]);
    check("A poll for The Sunday Times showed Labour ahead.", &[]);
    check("The local daily Al-Qabas quoted the minister.", &[]);
    check("The Sun reported that April Ryan resigned.", &[]);
    check("The company reported a 1986 year loss.", &[]);
    check("Deposits were steady at yesterday's levels.", &[("yesterday", "2022-01-24")]);
}

#[test]
fn a_date_on_a_noun_takes_the_nearest_year() {
    // The verb ("said") is past, but the record date belongs to the noun: February
    // 10 is the nearest, not the one a year back.
    check("The company said the dividend is payable to holders of record February 10.", &[("February 10", "2022-02-10")]);
}

/// How the coder dated one event.
#[derive(Debug)]
struct Dated {
    #[allow(dead_code)] // shown in failure messages
    trigger: String,
    date: Option<String>,
    time_value: Option<String>,
    date_before: Option<String>,
}

/// The events of `text` with their dates, via the whole coder.
fn event_dates(text: &str) -> Vec<Dated> {
    let record = coder().code(&document(text, Some("2022-01-25")));
    record
        .events
        .iter()
        .map(|e| Dated {
            trigger: e.trigger.text.clone(),
            date: e.date.clone(),
            time_value: e.time_value.clone(),
            date_before: e.date_before.clone(),
        })
        .collect()
}

#[test]
fn events_take_the_date_of_the_expression_that_governs_them() {
    let events = event_dates("On January 24, Russian troops attacked Ukrainian positions.");
    assert!(!events.is_empty(), "no event coded");
    assert!(events.iter().all(|e| e.date.as_deref() == Some("2022-01-24")), "{events:?}");

    // Through a complement clause: the knowing dates what was known.
    let events = event_dates("On January 24, it became known that Russia attacked Ukraine.");
    assert!(events.iter().any(|e| e.date.as_deref() == Some("2022-01-24")), "{events:?}");
}

#[test]
fn events_of_undated_articles_take_only_absolute_dates() {
    let dates = |text: &str| -> Vec<Option<String>> {
        coder().code(&document(text, None)).events.iter().map(|e| e.date.clone()).collect()
    };
    let dated = dates("On January 24, 2022, Russian troops attacked Ukrainian positions.");
    assert!(!dated.is_empty(), "no event coded");
    assert!(dated.iter().all(|d| d.as_deref() == Some("2022-01-24")), "{dated:?}");
    let relative = dates("On Monday, Russian troops attacked Ukrainian positions.");
    assert!(!relative.is_empty(), "no event coded");
    assert!(relative.iter().all(Option::is_none), "{relative:?}");
}

#[test]
fn events_dated_by_a_week_or_an_earlier_time_keep_the_article_date() {
    // "until Monday" bounds the delay, it does not date it.
    let events = event_dates("Russia delayed the talks with Ukraine until Monday.");
    assert!(!events.is_empty(), "no event coded");
    assert!(events.iter().all(|e| e.date.as_deref() == Some("2022-01-25") && e.time_value.is_none()), "{events:?}");

    let events = event_dates("Russia attacked Ukraine last week.");
    assert!(!events.is_empty(), "no event coded");
    assert!(events.iter().all(|e| e.date.as_deref() == Some("2022-01-25") && e.time_value.as_deref() == Some("2022-W03")), "{events:?}");

    let events = event_dates("Earlier, Russia accused Ukraine of shelling the town.");
    assert!(!events.is_empty(), "no event coded");
    assert!(events.iter().all(|e| e.time_value.as_deref() == Some("PAST_REF") && e.date_before.as_deref() == Some("2022-01-25")), "{events:?}");

    // The saying was earlier; the reinforcing is only possible.
    let events = event_dates("Kirby said earlier that Russia could attack Ukraine.");
    assert!(!events.is_empty(), "no event coded");
    assert!(events.iter().all(|e| e.time_value.as_deref() == Some("PAST_REF") && e.date_before.is_none()), "{events:?}");

    let events = event_dates("Russia accused Ukraine of shelling the town.");
    assert!(events.iter().all(|e| e.date.as_deref() == Some("2022-01-25") && e.time_value.is_none()), "{events:?}");
}

#[test]
fn the_doc_record_has_the_spec_keys() {
    let record = coder().code(&document("Russia attacked Ukraine on Monday.", Some("2022-01-25")));
    let json = serde_json::to_value(&record).unwrap();
    let time = &json["times"][0];
    for key in ["start", "end", "text", "type", "value"] {
        assert!(time.get(key).is_some(), "times[0] lacks {key}: {time}");
    }
    assert_eq!(time["type"], "DATE");
    assert_eq!(time["text"], "on Monday");
    let (start, end) = (time["start"].as_u64().unwrap() as usize, time["end"].as_u64().unwrap() as usize);
    assert_eq!(&record.text[start..end], "on Monday");
}

#[test]
fn gdelt_rows_carry_the_event_date() {
    let record = coder().code(&document("On January 24, Russian troops attacked Ukrainian positions.", Some("2022-01-25")));
    assert!(!record.events.is_empty(), "no event coded");
    let mut rows = String::new();
    dyad_code::format::gdelt(&record, &mut rows);
    for row in rows.lines() {
        let columns: Vec<&str> = row.split('\t').collect();
        // SQLDATE is the event's day, DATEADDED the article's.
        assert_eq!(columns[1], "20220124", "{row}");
        assert!(row.contains("20220125000000"), "{row}");
    }
}

/// The example's reference times and event dates, with floors a little under the
/// figures measured (6 of 6 right, 3 of 3 dates on the reference's triggers), as a
/// guard against regressions. Skipped where `../shared` is absent.
#[test]
fn example_reference_times() {
    let shared = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/examples"));
    let gold = shared.join("seed-2022-01-25-us-russia.gold.json");
    let article = shared.join("seed-2022-01-25-us-russia.txt");
    if !gold.exists() || !article.exists() {
        eprintln!("skipped: {} is absent", gold.display());
        return;
    }
    let scores = dyad_code::eval::gold(&gold, &article, coder()).expect("example readable").times;
    eprintln!("times: {} found, {} right of {}; event dates {} of {} on the triggers", scores.found, scores.right, scores.expected, scores.dates_right_by_trigger, scores.dated_events);
    assert_eq!(scores.expected, 6);
    assert!(scores.right >= 5, "{scores:?}");
    assert!(scores.dates_right_by_trigger >= 2, "{scores:?}");
}

#[test]
fn event_lines_name_their_time_expression() {
    let record = coder().code(&document("On January 24, Russian troops attacked Ukrainian positions.", Some("2022-01-25")));
    assert!(!record.events.is_empty(), "no event coded");
    let mut lines = String::new();
    dyad_code::format::events(&record, &mut lines);
    for line in lines.lines() {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(event["time_text"], "On January 24", "{line}");
        assert_eq!(event["date"], "2022-01-24", "{line}");
    }
}
