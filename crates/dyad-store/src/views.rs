//! The canned questions, as SQL built from validated filters: events matching filters,
//! the daily (or weekly) series of a dyad, the most active actors. Every value that
//! reaches SQL is either checked against a pattern or quoted with [`quote`].

use crate::query::quote;
use serde::Deserialize;

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{0}")]
pub struct FilterError(pub String);

/// Filters over events, as the API's query string and the CLI give them.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFilter {
    /// Source: a country code (`USA`) or the start of an actor code (`USAGOV`).
    pub source: Option<String>,
    pub target: Option<String>,
    /// CAMEO code or its start (`19` matches 190–196).
    pub cameo: Option<String>,
    /// CAMEO root (two digits).
    pub root: Option<String>,
    pub quad_class: Option<u8>,
    /// Article dates, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Words that must all appear in the event's sentence (any case).
    pub q: Option<String>,
    /// One article's events.
    pub id: Option<String>,
    /// `date`, `goldstein`, `cameo`, `quad_class`, `source`, `target`; `-` before it
    /// sorts descending.
    pub sort: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

pub const MAX_LIMIT: usize = 1000;
pub const DEFAULT_LIMIT: usize = 50;

/// The columns of an event the API and the dashboard show.
pub const EVENT_COLUMNS: &str = "id, \"date\", event_index, sentence, sentence_start, sentence_end, sentence_text, \
    source_code, source_country, source_sector, source_text, source_start, source_end, \
    target_code, target_country, target_sector, target_text, target_start, target_end, \
    cameo, cameo_root, cameo_name, goldstein, quad_class, plover_type, plover_mode, plover_context, \
    trigger_text, trigger_start, trigger_end, event_date, negated, modality, quote, \
    location_text, location_name, location_country, location_lat, location_lon, mentions, reporter, rule";

fn code(value: &str, what: &str) -> Result<String, FilterError> {
    if !value.is_empty() && value.len() <= 32 && value.chars().all(|c| c.is_ascii_alphanumeric()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(FilterError(format!("{what}: expected letters and digits, got {value:?}")))
    }
}

fn date(value: &str, what: &str) -> Result<String, FilterError> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| FilterError(format!("{what}: expected a date YYYY-MM-DD, got {value:?}")))
}

/// `%`, `_` and the escape character itself match only themselves.
fn like_escaped(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

impl EventFilter {
    /// The WHERE clause (with its keyword, or empty).
    pub fn where_clause(&self) -> Result<String, FilterError> {
        let mut conditions = Vec::new();
        for (value, role) in [(&self.source, "source"), (&self.target, "target")] {
            if let Some(value) = value {
                let value = code(value, role)?;
                conditions.push(format!("({role}_country = '{value}' OR {role}_code LIKE '{value}%')"));
            }
        }
        if let Some(cameo) = &self.cameo {
            conditions.push(format!("cameo LIKE '{}%'", code(cameo, "cameo")?));
        }
        if let Some(root) = &self.root {
            conditions.push(format!("cameo_root = '{}'", code(root, "root")?));
        }
        if let Some(quad) = self.quad_class {
            if !(1..=4).contains(&quad) {
                return Err(FilterError(format!("quad_class: expected 1 to 4, got {quad}")));
            }
            conditions.push(format!("quad_class = {quad}"));
        }
        if let Some(from) = &self.from {
            conditions.push(format!("\"date\" >= '{}'", date(from, "from")?));
        }
        if let Some(to) = &self.to {
            conditions.push(format!("\"date\" <= '{}'", date(to, "to")?));
        }
        for word in self.q.iter().flat_map(|q| q.split_whitespace()).take(16) {
            conditions.push(format!("sentence_text ILIKE {} ESCAPE '\\'", quote(&format!("%{}%", like_escaped(word)))));
        }
        if let Some(id) = &self.id {
            conditions.push(format!("id = {}", quote(id)));
        }
        Ok(if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) })
    }

    pub fn order_clause(&self) -> Result<String, FilterError> {
        let sort = self.sort.as_deref().unwrap_or("-date");
        let (key, direction) = match sort.strip_prefix('-') {
            Some(key) => (key, "DESC"),
            None => (sort, "ASC"),
        };
        let column = match key {
            "date" => "\"date\"",
            "goldstein" => "goldstein",
            "cameo" => "cameo",
            "quad_class" => "quad_class",
            "source" => "source_code",
            "target" => "target_code",
            _ => {
                return Err(FilterError(format!(
                    "sort: expected date, goldstein, cameo, quad_class, source or target (- before it for descending), got {sort:?}"
                )))
            }
        };
        // Ties break on the article and the event's place in it, so pages never overlap.
        Ok(format!("ORDER BY {column} {direction} NULLS LAST, id, event_index"))
    }

    pub fn limit(&self) -> Result<usize, FilterError> {
        match self.limit.unwrap_or(DEFAULT_LIMIT) {
            0 => Err(FilterError("limit: must be at least 1".into())),
            n if n > MAX_LIMIT => Err(FilterError(format!("limit: at most {MAX_LIMIT}, got {n}"))),
            n => Ok(n),
        }
    }

    /// The page of events and the query that counts all matches.
    pub fn sql(&self) -> Result<(String, String), FilterError> {
        let (filter, order, limit) = (self.where_clause()?, self.order_clause()?, self.limit()?);
        let offset = self.offset.unwrap_or(0);
        let page = format!("SELECT {EVENT_COLUMNS} FROM events {filter} {order} LIMIT {limit} OFFSET {offset}");
        let count = format!("SELECT COUNT(*) AS total FROM events {filter}");
        Ok((page, count))
    }
}

/// The per-day counts of `events`: number, mean Goldstein, one count per QuadClass.
const DAILY_COLUMNS: &str = "COUNT(*) AS events, AVG(goldstein) AS goldstein, \
    SUM(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS verbal_cooperation, \
    SUM(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS material_cooperation, \
    SUM(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS verbal_conflict, \
    SUM(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS material_conflict";

/// `dyad dyads`: per day and source–target country pair.
#[derive(Clone, Debug, Default)]
pub struct DyadFilter {
    pub source: Option<String>,
    pub target: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Keep pairs other than self-pairs only (USA→USA is domestic, not a dyad).
    pub exclude_domestic: bool,
    pub limit: Option<usize>,
}

impl DyadFilter {
    pub fn sql(&self) -> Result<String, FilterError> {
        let mut conditions = vec!["source_country IS NOT NULL".to_string(), "target_country IS NOT NULL".to_string()];
        if let Some(source) = &self.source {
            conditions.push(format!("source_country = '{}'", code(source, "source")?));
        }
        if let Some(target) = &self.target {
            conditions.push(format!("target_country = '{}'", code(target, "target")?));
        }
        if let Some(from) = &self.from {
            conditions.push(format!("event_day >= '{}'", date(from, "from")?));
        }
        if let Some(to) = &self.to {
            conditions.push(format!("event_day <= '{}'", date(to, "to")?));
        }
        if self.exclude_domestic {
            conditions.push("source_country <> target_country".into());
        }
        let limit = self.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
        Ok(format!(
            "SELECT event_day AS \"date\", source_country AS source, target_country AS target, {DAILY_COLUMNS} \
             FROM (SELECT *, COALESCE(event_date, \"date\") AS event_day FROM events) \
             WHERE event_day IS NOT NULL AND {} GROUP BY event_day, source_country, target_country \
             ORDER BY \"date\", events DESC, source, target{limit}",
            conditions.join(" AND ")
        ))
    }
}

/// `GET /v1/dyads/{a}/{b}`: the daily series of events from `a` to `b`.
pub fn dyad_series_sql(a: &str, b: &str, from: Option<&str>, to: Option<&str>) -> Result<String, FilterError> {
    let (a, b) = (code(a, "source")?, code(b, "target")?);
    let mut conditions = vec![
        format!("(source_country = '{a}' OR source_code LIKE '{a}%')"),
        format!("(target_country = '{b}' OR target_code LIKE '{b}%')"),
        "event_day IS NOT NULL".to_string(),
    ];
    if let Some(from) = from {
        conditions.push(format!("event_day >= '{}'", date(from, "from")?));
    }
    if let Some(to) = to {
        conditions.push(format!("event_day <= '{}'", date(to, "to")?));
    }
    Ok(format!(
        "SELECT event_day AS \"date\", {DAILY_COLUMNS} FROM (SELECT *, COALESCE(event_date, \"date\") AS event_day FROM events) \
         WHERE {} GROUP BY event_day ORDER BY event_day",
        conditions.join(" AND ")
    ))
}

/// `dyad actors`: the most active sources and targets, by actor code.
pub fn actors_sql(limit: usize, by_country: bool) -> String {
    let (source, target) =
        if by_country { ("source_country", "target_country") } else { ("source_code", "target_code") };
    format!(
        "SELECT actor, SUM(as_source) AS as_source, SUM(as_target) AS as_target, \
                SUM(as_source) + SUM(as_target) AS events, AVG(goldstein) AS goldstein \
         FROM (SELECT {source} AS actor, 1 AS as_source, 0 AS as_target, goldstein FROM events WHERE {source} IS NOT NULL \
               UNION ALL \
               SELECT {target} AS actor, 0 AS as_source, 1 AS as_target, goldstein FROM events WHERE {target} IS NOT NULL) \
         GROUP BY actor ORDER BY events DESC, actor LIMIT {limit}"
    )
}

/// Who acts on whom, for the actor network: directed country pairs with their weight.
pub fn network_sql(filter: &EventFilter, limit: usize) -> Result<String, FilterError> {
    let mut filter = filter.where_clause()?;
    let both = "source_country IS NOT NULL AND target_country IS NOT NULL";
    filter = if filter.is_empty() { format!("WHERE {both}") } else { format!("{filter} AND {both}") };
    Ok(format!(
        "SELECT source_country AS source, target_country AS target, COUNT(*) AS events, AVG(goldstein) AS goldstein \
         FROM events {filter} GROUP BY source_country, target_country ORDER BY events DESC, source, target LIMIT {limit}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_reject_what_could_break_out_of_sql() {
        let filter = EventFilter { source: Some("USA' OR 1=1 --".into()), ..Default::default() };
        assert!(filter.where_clause().is_err());
        let filter = EventFilter { from: Some("2022-13-01".into()), ..Default::default() };
        assert!(filter.where_clause().is_err());
        let filter = EventFilter { sort: Some("rule; DROP".into()), ..Default::default() };
        assert!(filter.order_clause().is_err());
        let filter = EventFilter { limit: Some(5000), ..Default::default() };
        assert!(filter.limit().is_err());
    }

    #[test]
    fn words_are_quoted_and_their_wildcards_escaped() {
        let filter = EventFilter { q: Some("O'Brien 100%".into()), ..Default::default() };
        let clause = filter.where_clause().unwrap();
        assert!(clause.contains("'%O''Brien%'"), "{clause}");
        assert!(clause.contains("'%100\\%%'"), "{clause}");
    }
}
