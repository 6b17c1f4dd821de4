//! Recognising time expressions in a sentence's words: what each one means, not yet
//! resolved against a date.
//!
//! Each word is first classified once ([`Lex`]); the grammar then tries, at each word
//! that can start an expression, the patterns that start with that kind of word and
//! keeps the longest match. A leading "on", "in", "at", "for", "during", "over",
//! "within" or "throughout" belongs to the expression when what follows is one (the
//! project's reference annotations include it: "On January 24", "for several weeks");
//! "since", "until", "before", "after" do not, as they change what the date means.
//! Work is linear in the words: every pattern looks at a bounded number of them.

use std::ops::Range;

/// Calendar units of offsets and durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

/// Which way a relative expression points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reference {
    Past,
    Present,
    Future,
}

/// What an expression means, before it is anchored to the article date.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Meaning {
    /// A calendar date with any of its parts missing: "January 24", "Jan. 24, 2022",
    /// "January 2022", "in March".
    Calendar { year: Option<i32>, month: Option<u32>, day: Option<u32> },
    /// "on Monday" (0 = Monday): which Monday depends on the tense.
    Weekday(u32),
    /// "last Monday" (-1), "next Monday" (+1), "this Monday" (0).
    ShiftedWeekday { weekday: u32, shift: i32 },
    /// "Wednesday last week" (week -1).
    WeekdayOfWeek { weekday: u32, week: i32 },
    /// "last March" (-1), "next March" (+1), "this March" (0).
    ShiftedMonth { month: u32, shift: i32 },
    Year(i32),
    /// "the 1990s": 199.
    Decade(i32),
    /// "the 21st century": 20.
    Century(i32),
    /// "the first quarter (of 2021)".
    Quarter { year: Option<i32>, quarter: u32 },
    /// "this week" (0), "last month" (-1), "two years ago" (-2), "in two weeks" (2).
    Offset { unit: Unit, amount: i64 },
    /// "this weekend" (Some(0)), "last weekend" (Some(-1)), "over the weekend" (None:
    /// by tense).
    Weekend(Option<i32>),
    /// "in two weeks": a date ahead when the verb is not past, else a duration
    /// ("completed in two weeks").
    Within { unit: Unit, amount: u32 },
    /// "earlier", "in recent weeks", "now", "soon".
    Reference(Reference),
    /// "for several weeks" (amount 3), "for months" (amount `None`: `PXM`).
    Duration { unit: Unit, amount: Option<u32> },
    /// "every Monday", "every week", "daily".
    EveryWeekday(u32),
    Every(Unit),
    /// "Monday morning", "last night": a day and its part (`MO`, `AF`, `EV`, `NI`).
    PartOfDay { day: Box<Meaning>, part: &'static str },
    /// "10 a.m.", "3:30 pm", "noon".
    Clock { hour: u32, minute: u32 },
    /// Relative to the last day the story named, not to the article date: "two days
    /// later" (Day, 2), "the previous day" (Day, -1), "the same day" (Day, 0).
    Relative { unit: Unit, amount: i64 },
    /// Relative to an event rather than a date: "ten days after the vote".
    Anaphoric,
    /// "between January 10 and 12", "from Monday to Wednesday".
    Range(Box<Meaning>, Box<Meaning>),
}

/// One recognised expression: its words in the sentence and what it means.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    pub words: Range<usize>,
    pub meaning: Meaning,
}

/// What a word can be to the grammar.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Lex {
    Month(u32),
    Weekday(u32),
    /// A number of at most four digits, or a number word.
    Number(u32),
    /// "24th", "first".
    Ordinal(u32),
    /// "2022-01-24", "1/24/2022": year, month, day.
    NumericDate(Option<i32>, u32, u32),
    /// "1/24": month and day, also read as a fraction, so it needs a context.
    SlashDate(u32, u32),
    /// "1990s".
    Decade(i32),
    /// "three-day", "10-year".
    NumberUnit(u32, Unit),
    Unit(Unit, bool),
    /// "10:30".
    ClockDigits(u32, u32),
    /// "10am", "3pm".
    ClockWord(u32, u32),
    Meridiem(bool),
    Part(&'static str),
    Word(Key),
    Other,
}

/// The function words and adverbs the grammar knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    A,
    The,
    Of,
    And,
    To,
    Through,
    Until,
    From,
    Between,
    On,
    In,
    At,
    For,
    During,
    Within,
    Over,
    Throughout,
    Than,
    Since,
    By,
    Before,
    After,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Ago,
    Earlier,
    Later,
    Recently,
    Recent,
    Now,
    Currently,
    Nowadays,
    Soon,
    Shortly,
    Future,
    Past,
    Present,
    Moment,
    These,
    This,
    Last,
    Next,
    Coming,
    Following,
    Previous,
    Same,
    Near,
    Several,
    Few,
    Couple,
    Every,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Weekend,
    Early,
    Late,
    Mid,
    End,
    Beginning,
    Century,
    Noon,
    Midnight,
    Dash,
}

pub(crate) fn find(words: &[&str], xpos: &[&str]) -> Vec<Found> {
    let lexes: Vec<Lex> =
        words.iter().enumerate().map(|(i, word)| classify(word, xpos.get(i).copied().unwrap_or(""))).collect();
    let grammar = Grammar { l: &lexes, xpos };
    let mut found = Vec::new();
    let mut i = 0;
    while i < lexes.len() {
        match grammar.expression_at(i) {
            Some((end, meaning)) if end > i => {
                found.push(Found { words: i..end, meaning });
                i = end;
            }
            _ => i += 1,
        }
    }
    found
}

fn classify(word: &str, xpos: &str) -> Lex {
    if word.len() > 14 {
        return Lex::Other;
    }
    let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
    // Lower-cased on the stack: this runs on every word of every article.
    let mut buffer = [0u8; 14];
    let buffer = &mut buffer[..word.len()];
    buffer.copy_from_slice(word.as_bytes());
    buffer.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(buffer) else { return Lex::Other };
    let bare = lower.strip_suffix('.').filter(|b| !b.is_empty()).unwrap_or(lower);
    if bare.starts_with(|c: char| c.is_ascii_digit()) {
        return classify_digits(bare);
    }
    if let Some(month) = month(bare).filter(|_| capital) {
        return Lex::Month(month);
    }
    if let Some(rest) = bare.strip_prefix("mid-") {
        if let Some(month) = month(rest) {
            return Lex::Month(month);
        }
    }
    // A short form needs its period: "Sun." is Sunday, "The Sun" a newspaper.
    let full_or_marked = bare.len() > 4 || lower.ends_with('.');
    if let Some(day) = weekday(bare).filter(|_| (capital || lower.len() > 4) && full_or_marked) {
        return Lex::Weekday(day);
    }
    if let Some(n) = number_word(bare) {
        return Lex::Number(n);
    }
    if let Some(n) = ordinal_word(bare) {
        return Lex::Ordinal(n);
    }
    if let Some((unit, plural)) = unit(bare) {
        return Lex::Unit(unit, plural);
    }
    if let Some((number, unit)) = bare.split_once('-').and_then(|(n, u)| Some((number_word(n)?, unit(u)?.0))) {
        return Lex::NumberUnit(number, unit);
    }
    match lower {
        "a.m." | "am" if xpos != "VBP" => return Lex::Meridiem(false),
        "p.m." | "pm" => return Lex::Meridiem(true),
        "morning" => return Lex::Part("MO"),
        "afternoon" => return Lex::Part("AF"),
        "evening" => return Lex::Part("EV"),
        "night" => return Lex::Part("NI"),
        _ => {}
    }
    keyword(bare).map_or(Lex::Other, Lex::Word)
}

fn classify_digits(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.iter().all(u8::is_ascii_digit) {
        return word.parse().ok().filter(|_| word.len() <= 4).map_or(Lex::Other, Lex::Number);
    }
    if let Some(n) = word.strip_suffix(['s']).filter(|n| n.len() == 4 && n.ends_with('0')) {
        return n.parse::<i32>().map_or(Lex::Other, |year| Lex::Decade(year / 10));
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(n) = word.strip_suffix(suffix).and_then(|n| n.parse().ok()) {
            return Lex::Ordinal(n);
        }
    }
    for (suffix, pm) in [("am", false), ("a.m", false), ("pm", true), ("p.m", true)] {
        if let Some(hour) = word.strip_suffix(suffix).and_then(|h| h.parse::<u32>().ok()).filter(|h| (1..=12).contains(h)) {
            return Lex::ClockWord(hour % 12 + if pm { 12 } else { 0 }, 0);
        }
    }
    let parts: Vec<u32> = word.split(['-', '/', ':', '.']).map_while(|p| p.parse().ok()).collect();
    let separators: Vec<char> = word.chars().filter(|c| matches!(c, '-' | '/' | ':' | '.')).collect();
    if parts.len() != separators.len() + 1 || separators.windows(2).any(|pair| pair[0] != pair[1]) {
        if let Some((number, unit)) = word.split_once('-').and_then(|(n, u)| Some((n.parse().ok()?, unit(u)?.0))) {
            return Lex::NumberUnit(number, unit);
        }
        return Lex::Other;
    }
    let four_digit_year = |y: u32| (1000..=2999).contains(&y);
    match (parts.as_slice(), separators.first()) {
        ([hour, minute], Some(':')) if *hour < 24 && *minute < 60 => Lex::ClockDigits(*hour, *minute),
        // ISO "2022-01-24" and "2022/01/24".
        ([y, m, d], Some('-' | '/')) if four_digit_year(*y) && valid(*m, *d) => Lex::NumericDate(Some(*y as i32), *m, *d),
        // American "1/24/2022", "1/24/22".
        ([m, d, y], Some('/')) if valid(*m, *d) && (four_digit_year(*y) || *y < 100) => {
            Lex::NumericDate(Some(two_digit_year(*y)), *m, *d)
        }
        // European "24.01.2022".
        ([d, m, y], Some('.')) if valid(*m, *d) && four_digit_year(*y) => Lex::NumericDate(Some(*y as i32), *m, *d),
        ([m, d], Some('/')) if valid(*m, *d) => Lex::SlashDate(*m, *d),
        _ => Lex::Other,
    }
}

/// "99" is 1999, "22" 2022; four digits stay.
fn two_digit_year(y: u32) -> i32 {
    match y {
        0..=49 => 2000 + y as i32,
        50..=99 => 1900 + y as i32,
        _ => y as i32,
    }
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn weekday(word: &str) -> Option<u32> {
    Some(match word {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    })
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as u32);
    }
    if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() && word.len() <= 4 {
        return word.parse().ok();
    }
    Some(match word {
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "hundred" => 100,
        _ => return None,
    })
}

fn ordinal_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];
    WORDS.iter().position(|w| *w == word).map(|n| n as u32 + 1)
}

fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        _ => return None,
    })
}

fn keyword(word: &str) -> Option<Key> {
    Some(match word {
        "a" | "an" => Key::A,
        "the" => Key::The,
        "of" => Key::Of,
        "and" => Key::And,
        "to" => Key::To,
        "through" | "thru" => Key::Through,
        "until" | "till" => Key::Until,
        "from" => Key::From,
        "between" => Key::Between,
        "on" => Key::On,
        "in" => Key::In,
        "at" => Key::At,
        "for" => Key::For,
        "during" => Key::During,
        "within" => Key::Within,
        "over" => Key::Over,
        "throughout" => Key::Throughout,
        "than" => Key::Than,
        "since" => Key::Since,
        "by" => Key::By,
        "before" => Key::Before,
        "after" => Key::After,
        "today" => Key::Today,
        "yesterday" => Key::Yesterday,
        "tomorrow" => Key::Tomorrow,
        "tonight" => Key::Tonight,
        "ago" => Key::Ago,
        "earlier" => Key::Earlier,
        "later" => Key::Later,
        "recently" | "lately" | "previously" => Key::Recently,
        "recent" => Key::Recent,
        "now" => Key::Now,
        "currently" | "presently" => Key::Currently,
        "nowadays" => Key::Nowadays,
        "soon" => Key::Soon,
        "shortly" => Key::Shortly,
        "future" => Key::Future,
        "past" => Key::Past,
        "present" => Key::Present,
        "moment" => Key::Moment,
        "these" => Key::These,
        "this" => Key::This,
        "last" => Key::Last,
        "next" => Key::Next,
        "coming" | "upcoming" => Key::Coming,
        "following" => Key::Following,
        "previous" | "preceding" => Key::Previous,
        "same" => Key::Same,
        "near" => Key::Near,
        "several" => Key::Several,
        "few" => Key::Few,
        "couple" => Key::Couple,
        "every" | "each" => Key::Every,
        "daily" => Key::Daily,
        "weekly" => Key::Weekly,
        "monthly" => Key::Monthly,
        "annually" | "yearly" => Key::Yearly,
        "weekend" => Key::Weekend,
        "early" => Key::Early,
        "late" => Key::Late,
        "mid" => Key::Mid,
        "end" => Key::End,
        "beginning" | "start" | "middle" => Key::Beginning,
        "century" => Key::Century,
        "noon" | "midday" => Key::Noon,
        "midnight" => Key::Midnight,
        "-" | "–" | "—" => Key::Dash,
        _ => return None,
    })
}

/// "days" in "these days" is a unit word; the grammar asks for it by key.
fn is_days(lex: Lex) -> bool {
    matches!(lex, Lex::Unit(Unit::Day, true))
}

type Match = Option<(usize, Meaning)>;

struct Grammar<'a> {
    l: &'a [Lex],
    xpos: &'a [&'a str],
}

impl Grammar<'_> {
    fn at(&self, i: usize) -> Lex {
        self.l.get(i).copied().unwrap_or(Lex::Other)
    }

    fn key(&self, i: usize) -> Option<Key> {
        match self.at(i) {
            Lex::Word(key) => Some(key),
            _ => None,
        }
    }

    fn is(&self, i: usize, key: Key) -> bool {
        self.key(i) == Some(key)
    }

    fn tag(&self, i: usize) -> &str {
        self.xpos.get(i).copied().unwrap_or("")
    }

    fn expression_at(&self, i: usize) -> Match {
        if self.at(i) == Lex::Other {
            return None;
        }
        let with_preposition = match self.key(i) {
            Some(Key::On | Key::At) => self.core(i + 1).or_else(|| self.present_phrase(i)),
            Some(Key::In) => self.after_in(i + 1),
            Some(Key::For | Key::Over | Key::Within | Key::During | Key::Throughout) => {
                self.duration(i + 1).or_else(|| self.core(i + 1).filter(|_| !self.is(i, Key::Within)))
            }
            Some(Key::Between) => self.range(i + 1, Key::And),
            Some(Key::From) => self.range(i + 1, Key::To),
            _ => None,
        };
        // "at yesterday's levels": the preposition governs the noun, not the date.
        let possessive = |found: &Match| found.as_ref().is_some_and(|(end, _)| self.tag(*end) == "POS");
        if possessive(&with_preposition) {
            return None;
        }
        with_preposition.or_else(|| self.core(i))
    }

    /// The longest expression starting at `i` without a preposition.
    fn core(&self, i: usize) -> Match {
        let candidates = [
            self.calendar(i),
            self.weekday(i),
            self.deictic(i),
            self.shifted(i),
            self.counted(i),
            self.reference(i),
            self.modified(i),
            self.the_phrase(i),
            self.every(i),
            self.clock(i),
            self.year(i),
        ];
        let best = candidates.into_iter().flatten().max_by_key(|(end, _)| *end)?;
        Some(self.with_part_of_day(best))
    }

    /// "Monday morning", "yesterday evening": a day followed by a part of it.
    fn with_part_of_day(&self, (end, meaning): (usize, Meaning)) -> (usize, Meaning) {
        let is_day = match &meaning {
            Meaning::Calendar { day, .. } => day.is_some(),
            Meaning::Weekday(_) | Meaning::ShiftedWeekday { .. } | Meaning::WeekdayOfWeek { .. } => true,
            Meaning::Offset { unit, .. } => *unit == Unit::Day,
            _ => false,
        };
        match self.at(end) {
            Lex::Part(part) if is_day => (end + 1, Meaning::PartOfDay { day: Box::new(meaning), part }),
            _ => (end, meaning),
        }
    }

    /// "January 24", "Jan. 24, 2022", "January 24th", "January 2022", "in January",
    /// "24 January", "24th of January 2022", "2022-01-24", "on 1/24".
    fn calendar(&self, i: usize) -> Match {
        match self.at(i) {
            Lex::Month(month) => {
                if let Some(day) = self.day_number(i + 1) {
                    // "June 1-5 (, 1987)": a range of days.
                    if let (Lex::Word(Key::Dash), Some(last)) = (self.at(i + 2), self.day_number(i + 3)) {
                        let (end, year) = self.year_after(i + 4);
                        let first = Meaning::Calendar { year, month: Some(month), day: Some(day) };
                        let last = Meaning::Calendar { year, month: Some(month), day: Some(last) };
                        return Some((end, Meaning::Range(Box::new(first), Box::new(last))));
                    }
                    let (end, year) = self.year_after(i + 2);
                    return Some((end, Meaning::Calendar { year, month: Some(month), day: Some(day) }));
                }
                if let Lex::Number(year) = self.at(i + 1) {
                    if is_year(year) {
                        return Some((i + 2, calendar(Some(year as i32), Some(month), None)));
                    }
                }
                // A month named alone needs a word that makes it one: "May" and
                // "March" are also a modal and a verb.
                let anchored = i > 0
                    && matches!(
                        self.key(i - 1),
                        Some(Key::In | Key::Since | Key::Until | Key::By | Key::Of | Key::Early | Key::Late | Key::Mid | Key::During | Key::Through | Key::From | Key::Before | Key::After | Key::For | Key::To)
                    );
                // "April Ryan", "August Bank Holiday": part of a name.
                let named = matches!(self.tag(i + 1), "NNP" | "NNPS");
                (anchored || (!matches!(month, 3 | 5) && !named)).then(|| (i + 1, calendar(None, Some(month), None)))
            }
            Lex::Number(_) | Lex::Ordinal(_) => {
                let day = self.day_number(i)?;
                let of = self.is(i + 1, Key::Of) as usize;
                let Lex::Month(month) = self.at(i + 1 + of) else { return None };
                let (end, year) = self.year_after(i + 2 + of);
                Some((end, Meaning::Calendar { year, month: Some(month), day: Some(day) }))
            }
            // "on the 24th", "on the 24th of January".
            Lex::Word(Key::The) if i > 0 && self.is(i - 1, Key::On) => {
                if let Some((end, date @ Meaning::Calendar { .. })) = self.calendar(i + 1) {
                    return Some((end, date));
                }
                let Lex::Ordinal(day) = self.at(i + 1) else { return None };
                let noun_follows = self.tag(i + 2).starts_with("NN") || matches!(self.at(i + 2), Lex::Unit(..));
                ((1..=31).contains(&day) && !noun_follows).then_some((i + 2, calendar(None, None, Some(day))))
            }
            Lex::NumericDate(year, month, day) => Some((i + 1, Meaning::Calendar { year, month: Some(month), day: Some(day) })),
            Lex::SlashDate(month, day) if i > 0 && self.is(i - 1, Key::On) => {
                Some((i + 1, Meaning::Calendar { year: None, month: Some(month), day: Some(day) }))
            }
            _ => None,
        }
    }

    fn day_number(&self, i: usize) -> Option<u32> {
        match self.at(i) {
            Lex::Number(n) | Lex::Ordinal(n) if (1..=31).contains(&n) && !matches!(self.at(i + 1), Lex::Unit(_, true)) => {
                Some(n)
            }
            _ => None,
        }
    }

    /// An optional ", 2022" or "2022" after a month and day.
    fn year_after(&self, i: usize) -> (usize, Option<i32>) {
        let comma = (self.tag(i) == ",") as usize;
        match self.at(i + comma) {
            Lex::Number(year) if is_year(year) => (i + comma + 1, Some(year as i32)),
            _ => (i, None),
        }
    }

    /// "Monday", "Monday, January 24", "Monday (Jan. 24)".
    fn weekday(&self, i: usize) -> Match {
        let Lex::Weekday(day) = self.at(i) else { return None };
        // "The Sunday Times", "Bloody Sunday Inquiry": part of a name.
        if matches!(self.tag(i + 1), "NNP" | "NNPS") && !matches!(self.at(i + 1), Lex::Month(_)) {
            return None;
        }
        let comma = (self.tag(i + 1) == ",") as usize;
        if let Some((end, date @ Meaning::Calendar { .. })) = self.calendar(i + 1 + comma) {
            return Some((end, date));
        }
        // "Wednesday last week", "Friday next week".
        if let Some((end, Meaning::Offset { unit: Unit::Week, amount })) = self.shifted(i + 1) {
            return Some((end, Meaning::WeekdayOfWeek { weekday: day, week: amount as i32 }));
        }
        Some((i + 1, Meaning::Weekday(day)))
    }

    /// "today", "yesterday", "tomorrow", "tonight".
    fn deictic(&self, i: usize) -> Match {
        let amount = match self.key(i)? {
            Key::Today => 0,
            Key::Yesterday => -1,
            Key::Tomorrow => 1,
            Key::Tonight => return Some((i + 1, part_of_day(0, "NI"))),
            _ => return None,
        };
        Some((i + 1, Meaning::Offset { unit: Unit::Day, amount }))
    }

    /// "this week", "last month", "next year", "last Monday", "next March", "this
    /// weekend", "this morning", "last night", "the coming week".
    fn shifted(&self, i: usize) -> Match {
        let the = self.is(i, Key::The) as usize;
        // "this past week" is last week.
        if the == 0 && self.is(i, Key::This) && self.is(i + 1, Key::Past) {
            return self.shifted(i + 1);
        }
        // "the next day", "the following day", "the previous day", "the same day":
        // counted from the day the story last named.
        if the == 1 && self.at(i + 2) == Lex::Unit(Unit::Day, false) {
            let amount = match self.key(i + 1)? {
                Key::Next | Key::Following => 1,
                Key::Previous => -1,
                Key::Same => 0,
                _ => return None,
            };
            return Some((i + 3, Meaning::Relative { unit: Unit::Day, amount }));
        }
        let shift = match self.key(i + the)? {
            Key::This if the == 0 => 0,
            Key::Last | Key::Past if the == 0 => -1,
            Key::Next | Key::Coming => 1,
            _ => return None,
        };
        let end = i + the + 2;
        Some(match self.at(i + the + 1) {
            Lex::Unit(unit, false) if unit != Unit::Minute && unit != Unit::Hour => {
                (end, Meaning::Offset { unit, amount: shift as i64 })
            }
            Lex::Weekday(weekday) => (end, Meaning::ShiftedWeekday { weekday, shift }),
            Lex::Month(month) => (end, Meaning::ShiftedMonth { month, shift }),
            Lex::Word(Key::Weekend) => (end, Meaning::Weekend(Some(shift))),
            Lex::Part(part) if shift == 0 => (end, part_of_day(0, part)),
            Lex::Part("NI") if shift == -1 => (end, part_of_day(-1, "NI")),
            _ => return None,
        })
    }

    /// "two days ago", "three weeks earlier", "two days" (a duration), "a three-day
    /// visit", "5 p.m.".
    fn counted(&self, i: usize) -> Match {
        if let Lex::NumberUnit(amount, unit) = self.at(i) {
            return Some((i + 1, Meaning::Duration { unit, amount: Some(amount) }));
        }
        if let (Lex::Number(amount), Lex::Word(Key::Dash), Lex::Unit(unit, false)) =
            (self.at(i), self.at(i + 1), self.at(i + 2))
        {
            return Some((i + 3, Meaning::Duration { unit, amount: Some(amount) }));
        }
        // "weeks ago": some time before the article.
        if let (Lex::Unit(_, true), Lex::Word(Key::Ago)) = (self.at(i), self.at(i + 1)) {
            return Some((i + 2, Meaning::Reference(Reference::Past)));
        }
        let (after, amount) = self.amount(i)?;
        let Lex::Unit(unit, _) = self.at(after) else { return None };
        match self.key(after + 1) {
            Some(Key::Ago) => {
                let amount = -(amount.unwrap_or(1) as i64);
                Some((after + 2, Meaning::Offset { unit, amount }))
            }
            // Counted from the last day named; "a year earlier" compares with a period
            // ("in January ... a year earlier"), not a day, so it stays unresolved.
            Some(key @ (Key::Earlier | Key::Later)) if matches!(unit, Unit::Day | Unit::Week) => {
                let amount = amount.unwrap_or(1) as i64;
                let amount = if key == Key::Earlier { -amount } else { amount };
                Some((after + 2, Meaning::Relative { unit, amount }))
            }
            Some(Key::Earlier | Key::Later) => Some((after + 2, Meaning::Anaphoric)),
            Some(Key::After) => Some((after + 2, Meaning::Anaphoric)),
            // A count of units said outright is a length of time; "a day" alone is
            // too often something else ("once a day", "one day").
            _ if !(self.is(i, Key::A) && after == i + 1) => Some((after + 1, Meaning::Duration { unit, amount })),
            _ => None,
        }
    }

    /// A count before a unit: "two", "10", "a", "several", "a few", "a couple of";
    /// `None` for "few" words that give no number ("many").
    fn amount(&self, i: usize) -> Option<(usize, Option<u32>)> {
        match self.at(i) {
            Lex::Number(n) if n > 0 && !is_year(n) => Some((i + 1, Some(n))),
            Lex::Word(Key::A) => match self.key(i + 1) {
                Some(Key::Few) => Some((i + 2, Some(3))),
                Some(Key::Couple) => Some((i + 2 + self.is(i + 2, Key::Of) as usize, Some(2))),
                _ => Some((i + 1, Some(1))),
            },
            Lex::Word(Key::Several | Key::Few) => Some((i + 1, Some(3))),
            _ => None,
        }
    }

    /// After "for", "over", "within", ...: "(for) several weeks", "(for) two days",
    /// "(for) years", "(over) the past two weeks". A bare plural ("years") is a
    /// duration only here.
    fn duration(&self, i: usize) -> Match {
        let the = self.is(i, Key::The) as usize;
        if the == 1 || matches!(self.key(i), Some(Key::Past | Key::Last | Key::Next | Key::Coming)) {
            let word = i + the;
            if matches!(self.key(word), Some(Key::Past | Key::Last | Key::Next | Key::Coming)) {
                if let Lex::Unit(unit, false) = self.at(word + 1) {
                    return Some((word + 2, Meaning::Duration { unit, amount: Some(1) }));
                }
                let (after, amount) = self.amount(word + 1).unwrap_or((word + 1, None));
                if let Lex::Unit(unit, true) = self.at(after) {
                    return Some((after + 1, Meaning::Duration { unit, amount }));
                }
            }
            return None;
        }
        if let Lex::Unit(unit, true) = self.at(i) {
            return Some((i + 1, Meaning::Duration { unit, amount: None }));
        }
        if let Lex::NumberUnit(amount, unit) = self.at(i) {
            return Some((i + 1, Meaning::Duration { unit, amount: Some(amount) }));
        }
        let (after, amount) = self.amount(i)?;
        let Lex::Unit(unit, _) = self.at(after) else { return None };
        Some((after + 1, Meaning::Duration { unit, amount }))
    }

    /// After "in": "in recent weeks", "in the past", "in the future", "in the coming
    /// days", "in two weeks", "in the next two weeks", or any date ("in January").
    fn after_in(&self, i: usize) -> Match {
        if self.is(i, Key::Recent) {
            if let Lex::Unit(_, true) = self.at(i + 1) {
                return Some((i + 2, Meaning::Reference(Reference::Past)));
            }
        }
        if self.is(i, Key::The) {
            let near = self.is(i + 1, Key::Near) as usize;
            match self.key(i + 1 + near) {
                Some(Key::Future) => return Some((i + 2 + near, Meaning::Reference(Reference::Future))),
                Some(Key::Past) if near == 0 && !matches!(self.at(i + 2), Lex::Unit(..)) && self.amount(i + 2).is_none() => {
                    return Some((i + 2, Meaning::Reference(Reference::Past)));
                }
                Some(Key::Coming) if near == 0 => {
                    let (after, _) = self.amount(i + 2).unwrap_or((i + 2, None));
                    if let Lex::Unit(_, true) = self.at(after) {
                        return Some((after + 1, Meaning::Reference(Reference::Future)));
                    }
                }
                _ => {}
            }
            if let Some(found) = self.duration(i) {
                return Some(found);
            }
        }
        if let Some((after, Some(amount))) = self.amount(i) {
            if let Lex::Unit(unit, _) = self.at(after) {
                if !matches!(self.key(after + 1), Some(Key::Ago | Key::Earlier | Key::Later)) {
                    return Some((after + 1, Meaning::Within { unit, amount }));
                }
            }
        }
        self.core(i)
    }

    /// "at present", "at the moment".
    fn present_phrase(&self, i: usize) -> Match {
        if !self.is(i, Key::At) {
            return None;
        }
        if self.is(i + 1, Key::Present) {
            return Some((i + 2, Meaning::Reference(Reference::Present)));
        }
        (self.is(i + 1, Key::The) && self.is(i + 2, Key::Moment)).then(|| (i + 3, Meaning::Reference(Reference::Present)))
    }

    /// "earlier", "recently", "now", "currently", "these days", "soon".
    fn reference(&self, i: usize) -> Match {
        let adverb = matches!(self.tag(i), "RB" | "RBR");
        let reference = match self.key(i)? {
            // "earlier" as an adverb, not "earlier than" or "an earlier version".
            Key::Earlier if adverb && !self.is(i + 1, Key::Than) => Reference::Past,
            Key::Recently => Reference::Past,
            Key::Now if adverb => Reference::Present,
            Key::Currently | Key::Nowadays => Reference::Present,
            Key::These if is_days(self.at(i + 1)) => return Some((i + 2, Meaning::Reference(Reference::Present))),
            Key::Soon | Key::Shortly if !matches!(self.key(i + 1), Some(Key::After | Key::Than)) => Reference::Future,
            _ => return None,
        };
        Some((i + 1, Meaning::Reference(reference)))
    }

    /// A date with a modifier that narrows it without moving it: "earlier this week",
    /// "late last year", "early 2022", "mid-January", "the end of the month".
    fn modified(&self, i: usize) -> Match {
        let inner = match self.key(i)? {
            Key::Early | Key::Late | Key::Mid | Key::Earlier | Key::Later => i + 1 + self.is(i + 1, Key::Dash) as usize,
            Key::The if matches!(self.key(i + 1), Some(Key::End | Key::Beginning)) && self.is(i + 2, Key::Of) => i + 3,
            Key::End | Key::Beginning if self.is(i + 1, Key::Of) => i + 2,
            _ => return None,
        };
        let (end, meaning) = self.core(inner).or_else(|| self.year_at(inner))?;
        let dated = !matches!(
            meaning,
            Meaning::Duration { .. } | Meaning::Reference(_) | Meaning::Anaphoric | Meaning::Relative { .. }
        );
        dated.then_some((end, meaning))
    }

    /// "the 1990s", "the 21st century", "the first quarter (of 2021)".
    fn the_phrase(&self, i: usize) -> Match {
        let the = self.is(i, Key::The) as usize;
        match (self.at(i + the), self.at(i + the + 1)) {
            (Lex::Decade(decade), _) => Some((i + the + 1, Meaning::Decade(decade))),
            (Lex::Word(Key::Weekend), _) if the == 1 => Some((i + 2, Meaning::Weekend(None))),
            (Lex::Ordinal(n), Lex::Word(Key::Century)) if (1..=21).contains(&n) => {
                Some((i + the + 2, Meaning::Century(n as i32 - 1)))
            }
            (Lex::Ordinal(quarter), Lex::Unit(Unit::Quarter, false)) if the == 1 && (1..=4).contains(&quarter) => {
                let end = i + 3;
                match (self.at(end), self.at(end + 1)) {
                    (Lex::Word(Key::Of), Lex::Number(year)) if is_year(year) => {
                        Some((end + 2, Meaning::Quarter { year: Some(year as i32), quarter }))
                    }
                    _ => Some((end, Meaning::Quarter { year: None, quarter })),
                }
            }
            _ => None,
        }
    }

    /// "every Monday", "every week", "each year", "daily", "weekly".
    fn every(&self, i: usize) -> Match {
        let unit = match self.key(i)? {
            Key::Every => {
                return match self.at(i + 1) {
                    Lex::Weekday(day) => Some((i + 2, Meaning::EveryWeekday(day))),
                    Lex::Unit(unit, false) => Some((i + 2, Meaning::Every(unit))),
                    _ => None,
                }
            }
            // Adverbs only: "daily" and "weekly" are also newspapers and "daily
            // averages".
            _ if self.tag(i) != "RB" => return None,
            Key::Daily => Unit::Day,
            Key::Weekly => Unit::Week,
            Key::Monthly => Unit::Month,
            Key::Yearly => Unit::Year,
            _ => return None,
        };
        Some((i + 1, Meaning::Every(unit)))
    }

    /// "10 a.m.", "3:30 p.m.", "10am", "noon", "midnight", "at 14:00".
    fn clock(&self, i: usize) -> Match {
        let meridiem = |at: usize| match self.at(at) {
            Lex::Meridiem(pm) => Some(pm),
            _ => None,
        };
        let (hour, minute, end) = match self.at(i) {
            Lex::ClockWord(hour, minute) => (hour, minute, i + 1),
            Lex::Word(Key::Noon) => (12, 0, i + 1),
            Lex::Word(Key::Midnight) => (0, 0, i + 1),
            Lex::Number(hour) | Lex::ClockDigits(hour, _) if (1..=12).contains(&hour) && meridiem(i + 1).is_some() => {
                let minute = match self.at(i) {
                    Lex::ClockDigits(_, minute) => minute,
                    _ => 0,
                };
                let pm = meridiem(i + 1) == Some(true);
                (hour % 12 + if pm { 12 } else { 0 }, minute, i + 2)
            }
            Lex::ClockDigits(hour, minute) if i > 0 && self.is(i - 1, Key::At) => (hour, minute, i + 1),
            _ => return None,
        };
        Some((end, Meaning::Clock { hour, minute }))
    }

    /// A year after a word that makes a number one: "in 2021", "since 1999", "of 2020",
    /// "early 2022".
    fn year(&self, i: usize) -> Match {
        let anchored = i > 0
            && matches!(
                self.key(i - 1),
                Some(Key::In | Key::Since | Key::By | Key::Until | Key::Of | Key::From | Key::During | Key::Through | Key::Early | Key::Late | Key::Mid | Key::Before | Key::After | Key::Throughout)
            );
        if anchored {
            self.year_at(i)
        } else {
            None
        }
    }

    fn year_at(&self, i: usize) -> Match {
        match self.at(i) {
            Lex::Number(year) if is_year(year) && !matches!(self.at(i + 1), Lex::Unit(..) | Lex::Number(_)) => {
                Some((i + 1, Meaning::Year(year as i32)))
            }
            _ => None,
        }
    }

    /// "between January 10 and 12", "from Monday to Wednesday", "from 2019 to 2021":
    /// `i` is the word after "between" or "from".
    fn range(&self, i: usize, joiner: Key) -> Match {
        let (middle, first) = self.core(i).or_else(|| self.year_at(i))?;
        let joined = match self.key(middle) {
            Some(key) if key == joiner => true,
            Some(Key::Until | Key::Through | Key::Dash) => joiner == Key::To,
            _ => false,
        };
        if !joined {
            return None;
        }
        let second = self.core(middle + 1).or_else(|| self.year_at(middle + 1)).or_else(|| {
            // "between January 10 and 12": the end repeats only the day.
            let day = self.day_number(middle + 1)?;
            match first {
                Meaning::Calendar { year, month, day: Some(_) } => {
                    Some((middle + 2, Meaning::Calendar { year, month, day: Some(day) }))
                }
                _ => None,
            }
        });
        let (end, second) = second?;
        Some((end, Meaning::Range(Box::new(first), Box::new(second))))
    }
}

fn is_year(n: u32) -> bool {
    (1800..=2100).contains(&n)
}

fn calendar(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Meaning {
    Meaning::Calendar { year, month, day }
}

fn part_of_day(day_offset: i64, part: &'static str) -> Meaning {
    Meaning::PartOfDay { day: Box::new(Meaning::Offset { unit: Unit::Day, amount: day_offset }), part }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::times::normalise::normalise;
    use crate::times::Tense;
    use chrono::NaiveDate;

    /// Every sequence of three words from a vocabulary of odd and boundary tokens:
    /// nothing panics, whatever the anchor, and found words stay in the sentence.
    #[test]
    fn odd_tokens_never_panic() {
        let vocabulary = [
            "", "-", "–", ".", ",", "0", "00", "9999", "2022", "31", "32", "0/0", "13/45", "2/30", "12/31/99",
            "2022-13-45", "2022-02-30", "1990s", "0000s", "0th", "4294967295th", "12pm", "12am", "0am", "25:61", "23:59",
            "a.m.", "p.m.", "January", "May", "Monday", "mid-", "mid-May", "three-", "-day", "99999-year", "the", "a",
            "in", "on", "for", "between", "from", "and", "to", "last", "this", "next", "past", "ago", "later", "earlier",
            "weeks", "week", "day", "quarter", "first", "century", "21st", "weekend", "morning", "every", "several",
            "few", "couple", "of", "now", "soon", "recent", "future", "at", "present", "the", "end", "late", "é",
            "日本", "Ω-day",
        ];
        let tags = ["RB", "NNP", ",", "POS", "JJ"];
        let anchors = [
            None,
            NaiveDate::from_ymd_opt(1, 1, 1),
            NaiveDate::from_ymd_opt(2022, 1, 25),
            NaiveDate::from_ymd_opt(9999, 12, 31),
        ];
        let tenses = [Tense::Past, Tense::Present, Tense::Future, Tense::Unknown];
        for (n, a) in vocabulary.iter().enumerate() {
            for b in &vocabulary {
                for c in vocabulary.iter().step_by(3) {
                    let words = [*a, *b, *c];
                    let xpos = [tags[n % tags.len()], tags[(n + 1) % tags.len()], tags[(n + 2) % tags.len()]];
                    for found in find(&words, &xpos) {
                        assert!(found.words.start < found.words.end && found.words.end <= words.len());
                        for (anchor, tense) in anchors.iter().zip(tenses.iter().cycle()) {
                            normalise(&found.meaning, *anchor, *tense);
                        }
                    }
                }
            }
        }
    }
}
