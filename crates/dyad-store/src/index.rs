//! `GET /v1/events` without SQL: the events held once in one Arrow batch, with the
//! order of every sort the API offers computed when the store is read, so a request is
//! one pass over a precomputed order with cheap comparisons, and a `take` of its page.
//!
//! A DataFusion query costs a few milliseconds of planning and a full scan and sort per
//! request, twice (the page and the count); at 200 requests/s on two cores that is most
//! of the machine. The filters mean exactly what [`EventFilter::sql`] says (a test
//! compares both on the same store); the SQL stays the definition, and the CLI and the
//! other endpoints use it.

use crate::query::{to_json_rows, QueryEngine};
use crate::views::{EventFilter, FilterError, EVENT_COLUMNS};
use crate::StoreError;
use datafusion::arrow::array::{Array, AsArray, Float64Array, Int64Array, RecordBatch, StringArray, UInt32Array};
use datafusion::arrow::compute::{cast, concat_batches, take_record_batch};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use serde_json::Value;
use std::cmp::Ordering;
use std::sync::Arc;

/// The sort keys of the API, in the order of [`SORT_KEYS`].
const SORT_KEYS: [&str; 6] = ["date", "goldstein", "cameo", "quad_class", "source", "target"];

/// The events of a store, ready to filter, sort and page.
pub struct EventIndex {
    /// Every event, with the API's columns ([`EVENT_COLUMNS`]) in its order.
    rows: RecordBatch,
    id: StringArray,
    event_index: Int64Array,
    date: StringArray,
    source_country: StringArray,
    source_code: StringArray,
    target_country: StringArray,
    target_code: StringArray,
    cameo: StringArray,
    cameo_root: StringArray,
    quad_class: Int64Array,
    goldstein: Float64Array,
    /// The sentence in lower case, for the word filter (`ILIKE '%word%'`).
    sentence_lower: Vec<Option<Box<str>>>,
    /// Row numbers in each sort order: `orders[2 * key + descending]`.
    orders: Vec<Vec<u32>>,
}

/// One page of matching events and how many match in all.
pub struct Page {
    pub total: usize,
    pub events: Vec<Value>,
}

fn strings(batch: &RecordBatch, name: &str) -> Result<StringArray, StoreError> {
    let column = column(batch, name)?;
    let column = cast(&column, &DataType::Utf8).map_err(StoreError::Arrow)?;
    Ok(column.as_string::<i32>().clone())
}

fn column(batch: &RecordBatch, name: &str) -> Result<Arc<dyn Array>, StoreError> {
    batch.column_by_name(name).cloned().ok_or_else(|| {
        StoreError::Query(datafusion::error::DataFusionError::Plan(format!("the events table has no column {name}")))
    })
}

fn integers(batch: &RecordBatch, name: &str) -> Result<Int64Array, StoreError> {
    let column = cast(&column(batch, name)?, &DataType::Int64).map_err(StoreError::Arrow)?;
    Ok(column.as_primitive::<Int64Type>().clone())
}

fn floats(batch: &RecordBatch, name: &str) -> Result<Float64Array, StoreError> {
    let column = cast(&column(batch, name)?, &DataType::Float64).map_err(StoreError::Arrow)?;
    Ok(column.as_primitive::<Float64Type>().clone())
}

fn string_at(array: &StringArray, row: usize) -> Option<&str> {
    array.is_valid(row).then(|| array.value(row))
}

/// A value of the row for a sort key; nulls are sorted last in both directions.
fn compare_key(index: &EventIndex, key: usize, a: usize, b: usize) -> Ordering {
    fn strings(array: &StringArray, a: usize, b: usize) -> (Option<&str>, Option<&str>) {
        (string_at(array, a), string_at(array, b))
    }
    match key {
        0 => option_cmp(strings(&index.date, a, b)),
        1 => {
            let value = |row| index.goldstein.is_valid(row).then(|| index.goldstein.value(row));
            option_cmp_by((value(a), value(b)), f64::total_cmp)
        }
        2 => option_cmp(strings(&index.cameo, a, b)),
        3 => {
            let value = |row| index.quad_class.is_valid(row).then(|| index.quad_class.value(row));
            option_cmp((value(a), value(b)))
        }
        4 => option_cmp(strings(&index.source_code, a, b)),
        _ => option_cmp(strings(&index.target_code, a, b)),
    }
}

fn option_cmp<T: Ord>(pair: (Option<T>, Option<T>)) -> Ordering {
    option_cmp_by(pair, T::cmp)
}

/// `Some` before `None`; the caller reverses only the `Some` part for descending.
fn option_cmp_by<T>(pair: (Option<T>, Option<T>), cmp: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match pair {
        (Some(a), Some(b)) => cmp(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl EventIndex {
    /// Reads the events of `engine` (a loaded store) and sorts them every way.
    pub async fn build(engine: &QueryEngine) -> Result<EventIndex, StoreError> {
        let batches = engine.sql(&format!("SELECT {EVENT_COLUMNS} FROM events")).await?;
        let schema = match batches.first() {
            Some(batch) => batch.schema(),
            // An empty store: the plan's schema, from a query with no rows.
            None => engine.schema(&format!("SELECT {EVENT_COLUMNS} FROM events")).await?,
        };
        let rows = concat_batches(&schema, &batches).map_err(StoreError::Arrow)?;
        let sentences = strings(&rows, "sentence_text")?;
        let sentence_lower =
            (0..rows.num_rows()).map(|row| string_at(&sentences, row).map(|s| s.to_lowercase().into())).collect();
        let mut index = EventIndex {
            id: strings(&rows, "id")?,
            event_index: integers(&rows, "event_index")?,
            date: strings(&rows, "date")?,
            source_country: strings(&rows, "source_country")?,
            source_code: strings(&rows, "source_code")?,
            target_country: strings(&rows, "target_country")?,
            target_code: strings(&rows, "target_code")?,
            cameo: strings(&rows, "cameo")?,
            cameo_root: strings(&rows, "cameo_root")?,
            quad_class: integers(&rows, "quad_class")?,
            goldstein: floats(&rows, "goldstein")?,
            sentence_lower,
            orders: Vec::new(),
            rows,
        };
        let rows = u32::try_from(index.rows.num_rows()).map_err(|_| {
            StoreError::Query(datafusion::error::DataFusionError::Plan("over 4 billion events".into()))
        })?;
        let mut orders = Vec::with_capacity(2 * SORT_KEYS.len());
        for key in 0..SORT_KEYS.len() {
            for descending in [false, true] {
                let mut order: Vec<u32> = (0..rows).collect();
                order.sort_by(|&a, &b| index.compare(key, descending, a as usize, b as usize));
                orders.push(order);
            }
        }
        index.orders = orders;
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.rows.num_rows()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `ORDER BY key direction NULLS LAST, id, event_index`, as [`EventFilter::order_clause`].
    fn compare(&self, key: usize, descending: bool, a: usize, b: usize) -> Ordering {
        let mut order = compare_key(self, key, a, b);
        let a_null = self.key_is_null(key, a);
        let b_null = self.key_is_null(key, b);
        if descending && !a_null && !b_null {
            order = order.reverse();
        }
        order
            .then_with(|| self.id.value(a).cmp(self.id.value(b)))
            .then_with(|| self.event_index.value(a).cmp(&self.event_index.value(b)))
    }

    fn key_is_null(&self, key: usize, row: usize) -> bool {
        match key {
            0 => self.date.is_null(row),
            1 => self.goldstein.is_null(row),
            2 => self.cameo.is_null(row),
            3 => self.quad_class.is_null(row),
            4 => self.source_code.is_null(row),
            _ => self.target_code.is_null(row),
        }
    }

    /// The page `filter` asks for, and the number of all matches.
    pub fn page(&self, filter: &EventFilter) -> Result<Page, FilterError> {
        let limit = filter.limit()?;
        let offset = filter.offset.unwrap_or(0);
        let matcher = Matcher::new(filter)?;
        let (key, descending) = sort_key(filter)?;
        let mut total = 0;
        let mut page = Vec::new();
        for &row in &self.orders[2 * key + usize::from(descending)] {
            if matcher.matches(self, row as usize) {
                if total >= offset && page.len() < limit {
                    page.push(row);
                }
                total += 1;
            }
        }
        let taken = take_record_batch(&self.rows, &UInt32Array::from(page))
            .map_err(|e| FilterError(format!("internal error: {e}")))?;
        let events = to_json_rows(&[taken]).map_err(|e| FilterError(format!("internal error: {e}")))?;
        Ok(Page { total, events })
    }
}

fn sort_key(filter: &EventFilter) -> Result<(usize, bool), FilterError> {
    // The same validation and error as the SQL's ORDER BY.
    filter.order_clause()?;
    let sort = filter.sort.as_deref().unwrap_or("-date");
    let (key, descending) = match sort.strip_prefix('-') {
        Some(key) => (key, true),
        None => (sort, false),
    };
    let position = SORT_KEYS.iter().position(|k| *k == key).ok_or_else(|| FilterError(format!("sort: {sort:?}")))?;
    Ok((position, descending))
}

/// A filter with its values validated and normalised as the SQL has them.
struct Matcher {
    source: Option<String>,
    target: Option<String>,
    cameo: Option<String>,
    root: Option<String>,
    quad_class: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    words: Vec<String>,
    id: Option<String>,
}

impl Matcher {
    fn new(filter: &EventFilter) -> Result<Matcher, FilterError> {
        // The SQL's validation gives the errors (the same messages as before).
        filter.where_clause()?;
        let upper = |v: &Option<String>| v.as_ref().map(|v| v.to_ascii_uppercase());
        let day = |v: &Option<String>| {
            v.as_ref().and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).map(|d| d.to_string())
        };
        Ok(Matcher {
            source: upper(&filter.source),
            target: upper(&filter.target),
            cameo: upper(&filter.cameo),
            root: upper(&filter.root),
            quad_class: filter.quad_class.map(i64::from),
            from: day(&filter.from),
            to: day(&filter.to),
            words: filter.q.iter().flat_map(|q| q.split_whitespace()).take(16).map(str::to_lowercase).collect(),
            id: filter.id.clone(),
        })
    }

    fn matches(&self, index: &EventIndex, row: usize) -> bool {
        let actor = |value: &Option<String>, country: &StringArray, code: &StringArray| match value {
            None => true,
            Some(value) => {
                string_at(country, row) == Some(value.as_str())
                    || string_at(code, row).is_some_and(|c| c.starts_with(value.as_str()))
            }
        };
        if !actor(&self.source, &index.source_country, &index.source_code)
            || !actor(&self.target, &index.target_country, &index.target_code)
        {
            return false;
        }
        if let Some(cameo) = &self.cameo {
            if !string_at(&index.cameo, row).is_some_and(|c| c.starts_with(cameo.as_str())) {
                return false;
            }
        }
        if let Some(root) = &self.root {
            if string_at(&index.cameo_root, row) != Some(root.as_str()) {
                return false;
            }
        }
        if let Some(quad) = self.quad_class {
            if index.quad_class.is_null(row) || index.quad_class.value(row) != quad {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(date) = string_at(&index.date, row) else {
                return false;
            };
            if self.from.as_deref().is_some_and(|from| date < from) || self.to.as_deref().is_some_and(|to| date > to) {
                return false;
            }
        }
        if let Some(id) = &self.id {
            if index.id.value(row) != id.as_str() {
                return false;
            }
        }
        if !self.words.is_empty() {
            let Some(sentence) = &index.sentence_lower[row] else {
                return false;
            };
            if !self.words.iter().all(|word| sentence.contains(word.as_str())) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, StoreWriter};
    use serde_json::json;

    fn event(cameo: &str, quad: Option<u8>, goldstein: Option<f64>, source: Option<(&str, &str)>, target: Option<(&str, &str)>) -> Value {
        let actor = |a: Option<(&str, &str)>| a.map(|(code, country)| json!({"code": code, "country": country}));
        json!({"sentence": 0, "cameo": cameo, "cameo_root": &cameo[..2], "quad_class": quad, "goldstein": goldstein,
               "source": actor(source), "target": actor(target)})
    }

    fn record(id: &str, date: Option<&str>, text: &str, events: Vec<Value>) -> Value {
        json!({"id": id, "date": date, "text": text, "sentences": [{"start": 0, "end": text.len()}], "events": events})
    }

    /// Ties, nulls in every sort key, undated articles, prefixes, words with wildcards.
    fn records() -> Vec<Value> {
        vec![
            record("a", Some("2022-01-25"), "Russia ATTACKED Ukraine; 100% sure.", vec![
                event("190", Some(4), Some(-10.0), Some(("RUSMIL", "RUS")), Some(("UKR", "UKR"))),
                event("042", Some(1), Some(1.9), Some(("RUS", "RUS")), None),
            ]),
            record("b", Some("2022-01-25"), "The US envoy visited Moscow and Kyiv.", vec![
                event("042", Some(1), Some(1.9), Some(("USAGOV", "USA")), Some(("RUS", "RUS"))),
                event("0431", None, None, Some(("USA", "USA")), Some(("UKRGOV", "UKR"))),
            ]),
            record("c", None, "Iran accused Israel of sabotage at 100 sites.", vec![
                event("112", Some(3), Some(-2.0), Some(("IRN", "IRN")), Some(("ISR", "ISR"))),
            ]),
            record("d", Some("2021-12-31"), "Président Macron met the Chancellor in Paris.", vec![
                event("036", Some(1), Some(4.0), None, Some(("DEUGOV", "DEU"))),
                event("190", Some(4), Some(-10.0), Some(("FRA", "FRA")), Some(("RUS", "RUS"))),
            ]),
            record("e", Some("2022-02-01"), "Moscow said talks went well.", vec![
                event("010", Some(1), Some(0.0), Some(("RUS", "RUS")), None),
            ]),
        ]
    }

    fn filters() -> Vec<EventFilter> {
        let mut filters = vec![EventFilter::default()];
        let with = |f: fn(&mut EventFilter)| {
            let mut filter = EventFilter::default();
            f(&mut filter);
            filter
        };
        filters.push(with(|f| f.source = Some("rus".into())));
        filters.push(with(|f| f.source = Some("USAGOV".into())));
        filters.push(with(|f| f.target = Some("UKR".into())));
        filters.push(with(|f| f.cameo = Some("04".into())));
        filters.push(with(|f| f.root = Some("19".into())));
        filters.push(with(|f| f.quad_class = Some(1)));
        filters.push(with(|f| f.from = Some("2022-01-25".into())));
        filters.push(with(|f| f.to = Some("2022-01-25".into())));
        filters.push(with(|f| f.q = Some("moscow".into())));
        filters.push(with(|f| f.q = Some("100% ukraine".into())));
        filters.push(with(|f| f.q = Some("Président".into())));
        filters.push(with(|f| f.id = Some("b".into())));
        filters.push(with(|f| {
            f.source = Some("RUS".into());
            f.quad_class = Some(4);
            f.from = Some("2022-01-01".into());
        }));
        let mut all = Vec::new();
        for filter in filters {
            for sort in SORT_KEYS {
                for descending in [false, true] {
                    for (limit, offset) in [(None, None), (Some(2), Some(1)), (Some(3), Some(5))] {
                        let sort = if descending { format!("-{sort}") } else { sort.to_string() };
                        all.push(EventFilter { sort: Some(sort), limit, offset, ..filter.clone() });
                    }
                }
            }
        }
        all
    }

    #[tokio::test]
    async fn pages_equal_the_sql() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let mut writer = StoreWriter::open(&store).unwrap();
        for record in records() {
            writer.add(record).unwrap();
        }
        writer.commit().unwrap();
        let engine = QueryEngine::load(&store).await.unwrap();
        let index = EventIndex::build(&engine).await.unwrap();
        assert_eq!(index.len(), 8);
        for filter in filters() {
            let (page_sql, count_sql) = filter.sql().unwrap();
            let want = engine.json_rows(&page_sql).await.unwrap();
            let total = engine.json_rows(&count_sql).await.unwrap()[0]["total"].as_u64().unwrap() as usize;
            let page = index.page(&filter).unwrap();
            assert_eq!(page.total, total, "{filter:?}");
            assert_eq!(page.events, want, "{filter:?}");
        }
    }

    #[tokio::test]
    async fn an_empty_store_has_no_events_and_bad_filters_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path()).unwrap();
        let engine = QueryEngine::load(&store).await.unwrap();
        let index = EventIndex::build(&engine).await.unwrap();
        assert!(index.is_empty());
        assert_eq!(index.page(&EventFilter::default()).unwrap().total, 0);
        let bad = EventFilter { sort: Some("rule".into()), ..Default::default() };
        assert!(index.page(&bad).is_err());
        let bad = EventFilter { source: Some("U S".into()), ..Default::default() };
        assert!(index.page(&bad).is_err());
    }
}
