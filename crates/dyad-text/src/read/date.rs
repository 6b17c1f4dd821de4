//! Strict date parsing: inputs are machine-written, so anything loose is more likely a
//! mistake than a variant worth guessing at.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Parses exactly `YYYY-MM-DD`. Chrono's `%Y-%m-%d` would also take `2022-1-5` or `+2022-01-05`.
pub(crate) fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year = s[0..4].parse().ok()?;
    let month = s[5..7].parse().ok()?;
    let day = s[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Parses `YYYY-MM-DD` or a timestamp that starts with one (RFC 3339, or without an
/// offset), keeping the date as written: converting to UTC would move late-evening
/// articles to the next day.
pub fn parse_date_field(s: &str) -> Option<NaiveDate> {
    let date = parse_ymd(s.get(..10)?)?;
    if s.len() == 10 {
        return Some(date);
    }
    let timestamp_ok = DateTime::parse_from_rfc3339(s).is_ok()
        || NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
        || NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").is_ok();
    timestamp_ok.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn plain_dates() {
        assert_eq!(parse_ymd("2022-01-25"), ymd(2022, 1, 25));
        assert_eq!(parse_ymd("2024-02-29"), ymd(2024, 2, 29));
        for bad in [
            "2022-13-45",
            "2022-1-5",
            "+022-01-05",
            "2023-02-29",
            "2022/01/25",
            "",
            "2022-01-2é",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_keep_their_written_date() {
        assert_eq!(
            parse_date_field("2022-01-25T23:30:00-05:00"),
            ymd(2022, 1, 25)
        );
        assert_eq!(parse_date_field("2022-01-25T23:30:00Z"), ymd(2022, 1, 25));
        assert_eq!(
            parse_date_field("2022-01-25T23:30:00.123"),
            ymd(2022, 1, 25)
        );
        assert_eq!(parse_date_field("2022-01-25 23:30:00"), ymd(2022, 1, 25));
        for bad in [
            "2022-01-25T",
            "2022-01-25Tnoon",
            "2022-01-25x",
            "2022-02-30T00:00:00Z",
            "é",
        ] {
            assert_eq!(parse_date_field(bad), None, "{bad}");
        }
    }
}
