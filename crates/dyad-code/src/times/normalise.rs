//! TIMEX3 values: a recognised [`Meaning`] anchored to the article date, with the
//! tense of its verb deciding which way an underspecified date points.
//!
//! Conventions (those of TimeML/TIMEX3 as HeidelTime and SUTime write them): days
//! `2022-01-24`, months `2022-01`, ISO weeks `2022-W04`, weekends `2022-W04-WE`,
//! quarters `2022-Q1`, decades `199`, centuries `20`, parts of days `2022-01-24TMO`,
//! clock times `2022-01-24T10:30`, durations `P3W`/`PXM`/`PT2H`, sets `P1W` or
//! `XXXX-WXX-1` (every Monday).

use super::find::{Meaning, Reference, Unit};
use super::{Tense, TimeKind};
use chrono::{Datelike, Duration, Months, NaiveDate};

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Normal {
    pub kind: TimeKind,
    pub value: Option<String>,
    pub end_value: Option<String>,
}

impl Normal {
    fn new(kind: TimeKind, value: Option<String>) -> Normal {
        Normal { kind, value, end_value: None }
    }
}

/// The value of `meaning` in an article dated `anchor` (if it is dated), its verb in
/// `tense`.
pub(crate) fn normalise(meaning: &Meaning, anchor: Option<NaiveDate>, tense: Tense) -> Normal {
    let date = |value: Option<String>| Normal::new(TimeKind::Date, value);
    match meaning {
        Meaning::Calendar { year, month, day } => date(calendar(*year, *month, *day, anchor, tense)),
        Meaning::Weekday(weekday) => date(anchor.map(|a| day_string(weekday_by_tense(a, *weekday, tense)))),
        Meaning::ShiftedWeekday { weekday, shift } => date(anchor.map(|a| day_string(shifted_weekday(a, *weekday, *shift)))),
        Meaning::WeekdayOfWeek { weekday, week } => date(anchor.and_then(|a| {
            let monday = a.checked_add_signed(Duration::days(7 * *week as i64 - weekday_of(a) as i64))?;
            monday.checked_add_signed(Duration::days(*weekday as i64)).map(day_string)
        })),
        Meaning::ShiftedMonth { month, shift } => date(anchor.map(|a| month_string(shifted_month(a, *month, *shift)))),
        Meaning::Year(year) => date(Some(format!("{year:04}"))),
        Meaning::Decade(decade) => date(Some(format!("{decade:03}"))),
        Meaning::Century(century) => date(Some(format!("{century:02}"))),
        Meaning::Quarter { year, quarter } => {
            let year = year.or_else(|| anchor.map(|a| quarter_year(*quarter, a, tense)));
            date(year.map(|year| format!("{year:04}-Q{quarter}")))
        }
        Meaning::Offset { unit, amount } => offset(*unit, *amount, anchor),
        Meaning::Weekend(shift) => date(anchor.map(|a| weekend(a, *shift, tense))),
        Meaning::Within { unit, amount } if tense == Tense::Past => {
            Normal::new(TimeKind::Duration, Some(duration(*unit, Some(*amount))))
        }
        Meaning::Within { unit, amount } => offset(*unit, *amount as i64, anchor),
        Meaning::Reference(reference) => date(Some(
            match reference {
                Reference::Past => "PAST_REF",
                Reference::Present => "PRESENT_REF",
                Reference::Future => "FUTURE_REF",
            }
            .to_string(),
        )),
        Meaning::Duration { unit, amount } => Normal::new(TimeKind::Duration, Some(duration(*unit, *amount))),
        Meaning::EveryWeekday(weekday) => Normal::new(TimeKind::Set, Some(format!("XXXX-WXX-{}", weekday + 1))),
        Meaning::Every(unit) => Normal::new(TimeKind::Set, Some(duration(*unit, Some(1)))),
        Meaning::PartOfDay { day, part } => {
            let day = normalise(day, anchor, tense).value;
            Normal::new(TimeKind::Time, day.map(|day| format!("{day}T{part}")))
        }
        Meaning::Clock { hour, minute } => {
            let day = anchor.map_or_else(|| "XXXX-XX-XX".to_string(), day_string);
            Normal::new(TimeKind::Time, Some(format!("{day}T{hour:02}:{minute:02}")))
        }
        // The caller passes the story's last named day as the anchor.
        Meaning::Relative { unit, amount } => offset(*unit, *amount, anchor),
        Meaning::Anaphoric => date(None),
        Meaning::Range(first, second) => {
            // "from Monday to Wednesday last week": the week is both ends'.
            let first = match (&**first, &**second) {
                (Meaning::Weekday(weekday), Meaning::WeekdayOfWeek { week, .. }) => {
                    Meaning::WeekdayOfWeek { weekday: *weekday, week: *week }
                }
                (first, _) => first.clone(),
            };
            let start = normalise(&first, anchor, tense);
            // An end that names only a weekday or a day of a month lies after the
            // start: "from Monday to Wednesday", "between December 30 and January 2".
            let start_day = start.value.as_deref().and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
            let follows_start = matches!(**second, Meaning::Weekday(_) | Meaning::Calendar { year: None, .. });
            let end = match start_day {
                Some(day) if follows_start => normalise(second, Some(day), Tense::Future),
                _ => normalise(second, anchor, tense),
            };
            Normal { kind: start.kind, value: start.value, end_value: end.value }
        }
    }
}

fn day_string(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn month_string((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}")
}

fn week_string(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// A date with parts missing: a missing year is the one that puts the date on the
/// side of the article the tense says (past: on or before it; future: on or after
/// it), else the nearest.
fn calendar(year: Option<i32>, month: Option<u32>, day: Option<u32>, anchor: Option<NaiveDate>, tense: Tense) -> Option<String> {
    let Some(month) = month else { return day_of_nearby_month(day?, anchor?, tense).map(day_string) };
    let year = match year {
        Some(year) => year,
        None => {
            let anchor = anchor?;
            let key = |year: i32| (year, month, day.unwrap_or(if tense == Tense::Future { 31 } else { 1 }));
            let now = (anchor.year(), anchor.month(), day.map_or(1, |_| anchor.day()));
            let years = [anchor.year() - 1, anchor.year(), anchor.year() + 1];
            match tense {
                Tense::Past => *years.iter().rev().find(|&&y| key(y) <= now)?,
                Tense::Future => *years.iter().find(|&&y| key(y) >= now)?,
                Tense::Present | Tense::Unknown => *years.iter().min_by_key(|&&y| distance(key(y), now))?,
            }
        }
    };
    match day {
        Some(day) => NaiveDate::from_ymd_opt(year, month, day).map(day_string),
        None => (1..=12).contains(&month).then(|| month_string((year, month))),
    }
}

/// "on the 24th": the nearest 24th before the article (past tense), after it (future),
/// or either way.
fn day_of_nearby_month(day: u32, anchor: NaiveDate, tense: Tense) -> Option<NaiveDate> {
    let first = anchor.with_day(1)?;
    // Two months either side: a 31st may skip a month.
    let candidates: Vec<NaiveDate> = (-2i32..=2)
        .filter_map(|shift| {
            let months = Months::new(shift.unsigned_abs());
            if shift < 0 { first.checked_sub_months(months) } else { first.checked_add_months(months) }
        })
        .filter_map(|month| month.with_day(day))
        .collect();
    match tense {
        Tense::Past => candidates.into_iter().rev().find(|d| *d <= anchor),
        Tense::Future => candidates.into_iter().find(|d| *d >= anchor),
        Tense::Present | Tense::Unknown => candidates.into_iter().min_by_key(|d| (*d - anchor).num_days().abs()),
    }
}

/// The year of "the fourth quarter" said without one: the last such quarter in the
/// past tense, the next in the future, else the nearest.
fn quarter_year(quarter: u32, anchor: NaiveDate, tense: Tense) -> i32 {
    let now = anchor.year() * 4 + ((anchor.month() - 1) / 3) as i32;
    let index = |year: i32| year * 4 + quarter as i32 - 1;
    let years = [anchor.year() - 1, anchor.year(), anchor.year() + 1];
    let chosen = match tense {
        Tense::Past => years.iter().rev().find(|&&y| index(y) <= now),
        Tense::Future => years.iter().find(|&&y| index(y) >= now),
        Tense::Present | Tense::Unknown => years.iter().min_by_key(|&&y| (index(y) - now).abs()),
    };
    chosen.copied().unwrap_or(anchor.year())
}

/// Roughly how many days apart two (year, month, day) triples are; enough to pick the
/// nearest of three candidate years.
fn distance(a: (i32, u32, u32), b: (i32, u32, u32)) -> i64 {
    let days = |(y, m, d): (i32, u32, u32)| y as i64 * 372 + m as i64 * 31 + d as i64;
    (days(a) - days(b)).abs()
}

fn weekday_of(day: NaiveDate) -> u32 {
    day.weekday().num_days_from_monday()
}

/// "on Monday": the last Monday (today included) in the past tense, the next one in
/// the future tense, the Monday of the article's (ISO) week in the present ("the talks
/// open on Monday"), and the nearest Monday where no verb tells ("Sunday's vote").
fn weekday_by_tense(anchor: NaiveDate, weekday: u32, tense: Tense) -> NaiveDate {
    let today = weekday_of(anchor);
    let back = ((today + 7 - weekday) % 7) as i64;
    match tense {
        Tense::Past => anchor - Duration::days(back),
        Tense::Future => anchor + Duration::days(((weekday + 7 - today) % 7) as i64),
        Tense::Present => anchor + Duration::days(weekday as i64 - today as i64),
        Tense::Unknown if back <= 3 => anchor - Duration::days(back),
        Tense::Unknown => anchor + Duration::days(7 - back),
    }
}

/// "last Monday" is strictly before the article, "next Monday" strictly after it,
/// "this Monday" in its week.
fn shifted_weekday(anchor: NaiveDate, weekday: u32, shift: i32) -> NaiveDate {
    let today = weekday_of(anchor);
    match shift.signum() {
        -1 => anchor - Duration::days(((today + 6 - weekday) % 7 + 1) as i64),
        1 => anchor + Duration::days(((weekday + 6 - today) % 7 + 1) as i64),
        _ => anchor + Duration::days(weekday as i64 - today as i64),
    }
}

fn shifted_month(anchor: NaiveDate, month: u32, shift: i32) -> (i32, u32) {
    let year = anchor.year();
    match shift.signum() {
        -1 if month >= anchor.month() => (year - 1, month),
        1 if month <= anchor.month() => (year + 1, month),
        _ => (year, month),
    }
}

/// "this weekend", "last weekend"; "over the weekend" by tense: the one just past, or
/// the coming one.
fn weekend(anchor: NaiveDate, shift: Option<i32>, tense: Tense) -> String {
    let in_weekend = weekday_of(anchor) >= 5;
    let shift = shift.unwrap_or(match tense {
        Tense::Past if !in_weekend => -1,
        _ => 0,
    });
    format!("{}-WE", week_string(anchor + Duration::weeks(shift as i64)))
}

/// A date `amount` units from the article's, at the precision of the unit: "two days
/// ago" a day, "last week" a week, "next month" a month.
fn offset(unit: Unit, amount: i64, anchor: Option<NaiveDate>) -> Normal {
    let Some(anchor) = anchor else { return Normal::new(kind_of(unit), None) };
    let shifted_months = |months: i64| {
        let magnitude = Months::new(months.unsigned_abs().min(u32::MAX as u64) as u32);
        if months < 0 { anchor.checked_sub_months(magnitude) } else { anchor.checked_add_months(magnitude) }
    };
    let value = match unit {
        Unit::Minute | Unit::Hour => Some(day_string(anchor)),
        Unit::Day => anchor.checked_add_signed(Duration::days(amount)).map(day_string),
        Unit::Week => anchor.checked_add_signed(Duration::weeks(amount)).map(week_string),
        Unit::Month => shifted_months(amount).map(|d| month_string((d.year(), d.month()))),
        Unit::Quarter => {
            shifted_months(amount * 3).map(|d| format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1))
        }
        Unit::Year => Some(format!("{:04}", anchor.year() as i64 + amount)),
        Unit::Decade => Some(format!("{:03}", anchor.year() as i64 / 10 + amount)),
    };
    Normal::new(kind_of(unit), value)
}

fn kind_of(unit: Unit) -> TimeKind {
    match unit {
        Unit::Minute | Unit::Hour => TimeKind::Time,
        _ => TimeKind::Date,
    }
}

/// `P3W`, `PXM` (an unknown number of months), `PT2H`.
fn duration(unit: Unit, amount: Option<u32>) -> String {
    let amount = amount.map_or_else(|| "X".to_string(), |n| n.to_string());
    match unit {
        Unit::Minute => format!("PT{amount}M"),
        Unit::Hour => format!("PT{amount}H"),
        Unit::Day => format!("P{amount}D"),
        Unit::Week => format!("P{amount}W"),
        Unit::Month => format!("P{amount}M"),
        Unit::Quarter => format!("P{amount}Q"),
        Unit::Year => format!("P{amount}Y"),
        Unit::Decade => format!("P{amount}DE"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekdays_follow_the_tense() {
        // 2022-01-25 is a Tuesday.
        let anchor = day("2022-01-25");
        assert_eq!(weekday_by_tense(anchor, 0, Tense::Past), day("2022-01-24"));
        assert_eq!(weekday_by_tense(anchor, 4, Tense::Past), day("2022-01-21"));
        assert_eq!(weekday_by_tense(anchor, 1, Tense::Past), anchor);
        assert_eq!(weekday_by_tense(anchor, 0, Tense::Future), day("2022-01-31"));
        assert_eq!(weekday_by_tense(anchor, 4, Tense::Future), day("2022-01-28"));
        assert_eq!(weekday_by_tense(anchor, 6, Tense::Present), day("2022-01-30"));
        assert_eq!(weekday_by_tense(anchor, 6, Tense::Unknown), day("2022-01-23"));
        assert_eq!(weekday_by_tense(anchor, 4, Tense::Unknown), day("2022-01-28"));
        assert_eq!(weekday_by_tense(anchor, 0, Tense::Unknown), day("2022-01-24"));
        assert_eq!(shifted_weekday(anchor, 1, -1), day("2022-01-18"));
        assert_eq!(shifted_weekday(anchor, 1, 1), day("2022-02-01"));
        assert_eq!(shifted_weekday(anchor, 0, -1), day("2022-01-24"));
    }

    #[test]
    fn missing_years_follow_the_tense() {
        let anchor = Some(day("2022-01-25"));
        assert_eq!(calendar(None, Some(12), Some(30), anchor, Tense::Past).as_deref(), Some("2021-12-30"));
        assert_eq!(calendar(None, Some(12), Some(30), anchor, Tense::Future).as_deref(), Some("2022-12-30"));
        assert_eq!(calendar(None, Some(12), Some(30), anchor, Tense::Unknown).as_deref(), Some("2021-12-30"));
        assert_eq!(calendar(None, Some(1), Some(28), anchor, Tense::Past).as_deref(), Some("2021-01-28"));
        assert_eq!(calendar(None, Some(3), None, anchor, Tense::Past).as_deref(), Some("2021-03"));
        assert_eq!(calendar(None, Some(3), None, anchor, Tense::Unknown).as_deref(), Some("2022-03"));
        assert_eq!(calendar(None, Some(1), None, anchor, Tense::Future).as_deref(), Some("2022-01"));
        assert_eq!(calendar(None, Some(2), Some(30), anchor, Tense::Past), None);
        assert_eq!(calendar(None, Some(1), Some(24), None, Tense::Past), None);
        assert_eq!(calendar(None, None, Some(24), anchor, Tense::Past).as_deref(), Some("2022-01-24"));
        assert_eq!(calendar(None, None, Some(28), anchor, Tense::Past).as_deref(), Some("2021-12-28"));
        assert_eq!(calendar(None, None, Some(3), anchor, Tense::Future).as_deref(), Some("2022-02-03"));
        assert_eq!(calendar(None, None, Some(31), Some(day("2022-03-10")), Tense::Past).as_deref(), Some("2022-01-31"));
    }

    #[test]
    fn quarters_without_a_year_follow_the_tense() {
        let anchor = day("2022-01-25");
        assert_eq!(quarter_year(4, anchor, Tense::Past), 2021);
        assert_eq!(quarter_year(4, anchor, Tense::Future), 2022);
        assert_eq!(quarter_year(4, anchor, Tense::Unknown), 2021);
        assert_eq!(quarter_year(1, anchor, Tense::Past), 2022);
        assert_eq!(quarter_year(2, anchor, Tense::Unknown), 2022);
    }

    #[test]
    fn offsets_keep_the_unit_precision() {
        let anchor = Some(day("2022-01-25"));
        let value = |unit, amount| offset(unit, amount, anchor).value.unwrap();
        assert_eq!(value(Unit::Week, 0), "2022-W04");
        assert_eq!(value(Unit::Week, -1), "2022-W03");
        assert_eq!(value(Unit::Month, 1), "2022-02");
        assert_eq!(value(Unit::Month, -1), "2021-12");
        assert_eq!(value(Unit::Year, -1), "2021");
        assert_eq!(value(Unit::Day, -2), "2022-01-23");
        assert_eq!(value(Unit::Quarter, -1), "2021-Q4");
        // ISO week years differ from calendar years at the turn of the year.
        assert_eq!(offset(Unit::Week, 0, Some(day("2021-01-01"))).value.unwrap(), "2020-W53");
        assert_eq!(duration(Unit::Week, Some(3)), "P3W");
        assert_eq!(duration(Unit::Month, None), "PXM");
        assert_eq!(duration(Unit::Hour, Some(2)), "PT2H");
    }
}
