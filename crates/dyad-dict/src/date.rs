//! Date restrictions on actor codes: `[USAGOV >090120]`, `[USAELI 640101-010120]`.

use chrono::NaiveDate;

/// When a code applies. Limits are inclusive, as in PETRARCH.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRestriction {
    Always,
    Before(NaiveDate),
    After(NaiveDate),
    Between(NaiveDate, NaiveDate),
}

impl DateRestriction {
    pub fn admits(&self, date: NaiveDate) -> bool {
        match *self {
            DateRestriction::Always => true,
            DateRestriction::Before(limit) => date <= limit,
            DateRestriction::After(limit) => date >= limit,
            DateRestriction::Between(from, to) => from <= date && date <= to,
        }
    }

    /// Parses the part after the code: empty, `<date`, `>date` or `date-date`, with
    /// blanks allowed anywhere (`< 950601`, `19950601 - 19990815` occur in the files).
    pub fn parse(text: &str) -> Result<DateRestriction, String> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Ok(DateRestriction::Always);
        }
        if let Some(date) = compact.strip_prefix('<') {
            return Ok(DateRestriction::Before(parse_date(date)?));
        }
        if let Some(date) = compact.strip_prefix('>') {
            return Ok(DateRestriction::After(parse_date(date)?));
        }
        let Some((from, to)) = compact.split_once('-') else {
            return Err(format!("bad date restriction {text:?}"));
        };
        Ok(DateRestriction::Between(parse_date(from)?, parse_date(to)?))
    }
}

/// `YYYYMMDD` or `YYMMDD`. Two-digit years below 30 are 20xx, as in PETRARCH's reader.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("bad date {text:?}");
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (year, rest) = match text.len() {
        8 => (text[..4].parse::<i32>().map_err(|_| bad())?, &text[4..]),
        6 => {
            let short = text[..2].parse::<i32>().map_err(|_| bad())?;
            (if short < 30 { 2000 + short } else { 1900 + short }, &text[2..])
        }
        _ => return Err(bad()),
    };
    let month = rest[..2].parse::<u32>().map_err(|_| bad())?;
    let day = rest[2..].parse::<u32>().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}
