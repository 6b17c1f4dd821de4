//! Articles from Python: keyword arguments, dicts, and Arrow record batches with `id`,
//! `date` and `text` columns. Everything is checked here, with the article named, so
//! that coding itself never fails on input.

use crate::engine::ArticleError;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Date64Type, Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use chrono::NaiveDate;
use dyad_text::read::parse_date_field;
use dyad_text::Document;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// A date as Python gives it: `None`, `"YYYY-MM-DD"` (or a timestamp starting with one,
/// kept as written), or a `datetime.date`/`datetime.datetime`.
pub fn python_date(id: &str, date: Option<&Bound<'_, PyAny>>) -> Result<Option<NaiveDate>, ArticleError> {
    let Some(date) = date.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    let text = if let Ok(s) = date.cast::<PyString>() {
        s.to_string()
    } else if let Ok(iso) = date.call_method0("isoformat") {
        iso.to_string()
    } else {
        return Err(ArticleError::input(id, format!("date must be a string or a datetime.date, not {}", type_name(date))));
    };
    parse_date_field(&text)
        .map(Some)
        .ok_or_else(|| ArticleError::input(id, format!("bad date {text:?} (expected YYYY-MM-DD)")))
}

/// One article of `code_many`: a dict with `text` and optionally `id`, `date`, `title`,
/// `url`, or just the text. Without an id, the article is named by its position.
pub fn python_article(position: usize, item: &Bound<'_, PyAny>) -> Result<Document, ArticleError> {
    let fallback_id = position.to_string();
    if let Ok(text) = item.cast::<PyString>() {
        return Ok(Document { id: fallback_id, text: text.to_string(), ..Document::default() });
    }
    let Ok(fields) = item.cast::<PyDict>() else {
        let message = format!("expected a dict with `text` or a str, not {}", type_name(item));
        return Err(ArticleError::input(&fallback_id, message));
    };
    let get = |key: &str| fields.get_item(key).ok().flatten().filter(|v| !v.is_none());
    let id = match get("id") {
        None => fallback_id,
        Some(id) if id.cast::<PyString>().is_ok() || id.extract::<i64>().is_ok() => id.to_string(),
        Some(id) => {
            let message = format!("`id` must be a str or an int, not {}", type_name(&id));
            return Err(ArticleError::input(&fallback_id, message));
        }
    };
    let text = match get("text") {
        Some(text) => text
            .cast::<PyString>()
            .map(|t| t.to_string())
            .map_err(|_| ArticleError::input(&id, format!("`text` must be a str, not {}", type_name(&text))))?,
        None => return Err(ArticleError::input(&id, "no `text`")),
    };
    let date = python_date(&id, get("date").as_ref())?;
    let optional = |key: &str| -> Result<Option<String>, ArticleError> {
        match get(key) {
            None => Ok(None),
            Some(v) => v
                .cast::<PyString>()
                .map(|s| Some(s.to_string()))
                .map_err(|_| ArticleError::input(&id, format!("`{key}` must be a str, not {}", type_name(&v)))),
        }
    };
    let title = optional("title")?;
    let mut document = Document { id: id.clone(), date, title, text, ..Document::default() };
    if let Some(url) = optional("url")? {
        document.metadata.insert("url".into(), url.into());
    }
    Ok(document)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// The articles of a batch: column `text` (string), `id` (string or integer) and
/// optionally `date` (string, date32/date64), `title` and `url` (strings).
pub fn batch_articles(batch: &RecordBatch) -> Result<Vec<Document>, ArticleError> {
    let rows = batch.num_rows();
    let column = |name: &str| batch.column_by_name(name).map(|c| c.as_ref());
    let batch_error = |message: String| ArticleError::input("(batch)", message);
    let ids = column("id").ok_or_else(|| batch_error("the batch has no `id` column".into()))?;
    let texts = column("text").ok_or_else(|| batch_error("the batch has no `text` column".into()))?;
    let texts = Strings::of(texts).ok_or_else(|| batch_error(format!("`text` must be strings, not {}", texts.data_type())))?;
    let optional_strings = |name: &str| -> Result<Option<Strings<'_>>, ArticleError> {
        match column(name) {
            None => Ok(None),
            Some(c) => Strings::of(c)
                .map(Some)
                .ok_or_else(|| batch_error(format!("`{name}` must be strings, not {}", c.data_type()))),
        }
    };
    let (titles, urls) = (optional_strings("title")?, optional_strings("url")?);
    let dates = column("date");
    let mut documents = Vec::with_capacity(rows);
    for row in 0..rows {
        let id = row_id(ids, row)?;
        let text = texts.get(row).ok_or_else(|| ArticleError::input(&id, "`text` is null"))?;
        let date = match dates {
            Some(dates) => row_date(&id, dates, row)?,
            None => None,
        };
        let title = titles.as_ref().and_then(|t| t.get(row)).map(str::to_string);
        let mut document = Document { id, date, title, text: text.to_string(), ..Document::default() };
        if let Some(url) = urls.as_ref().and_then(|u| u.get(row)) {
            document.metadata.insert("url".into(), url.into());
        }
        documents.push(document);
    }
    Ok(documents)
}

/// A string column in any of Arrow's three layouts (Spark and Parquet readers produce
/// all of them, depending on their settings).
enum Strings<'a> {
    Small(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Strings<'a> {
    fn of(array: &'a dyn Array) -> Option<Strings<'a>> {
        match array.data_type() {
            DataType::Utf8 => Some(Strings::Small(array.as_string::<i32>())),
            DataType::LargeUtf8 => Some(Strings::Large(array.as_string::<i64>())),
            DataType::Utf8View => Some(Strings::View(array.as_string_view())),
            _ => None,
        }
    }

    fn get(&self, row: usize) -> Option<&'a str> {
        match self {
            Strings::Small(a) => a.is_valid(row).then(|| a.value(row)),
            Strings::Large(a) => a.is_valid(row).then(|| a.value(row)),
            Strings::View(a) => a.is_valid(row).then(|| a.value(row)),
        }
    }
}

fn row_id(ids: &dyn Array, row: usize) -> Result<String, ArticleError> {
    let position = || format!("(row {row})");
    if ids.is_null(row) {
        return Err(ArticleError::input(&position(), "`id` is null"));
    }
    let id = match ids.data_type() {
        DataType::Int64 => ids.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::Int32 => ids.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::UInt64 => ids.as_primitive::<UInt64Type>().value(row).to_string(),
        DataType::UInt32 => ids.as_primitive::<UInt32Type>().value(row).to_string(),
        other => match Strings::of(ids) {
            Some(strings) => strings.get(row).unwrap_or_default().to_string(),
            None => return Err(ArticleError::input(&position(), format!("`id` must be strings or integers, not {other}"))),
        },
    };
    Ok(id)
}

fn row_date(id: &str, dates: &dyn Array, row: usize) -> Result<Option<NaiveDate>, ArticleError> {
    // A column of nulls only (an all-undated batch) has no validity bitmap to ask.
    if dates.data_type() == &DataType::Null || dates.is_null(row) {
        return Ok(None);
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let date = match dates.data_type() {
        DataType::Date32 => epoch.checked_add_signed(chrono::TimeDelta::days(dates.as_primitive::<Date32Type>().value(row).into())),
        DataType::Date64 => chrono::TimeDelta::try_milliseconds(dates.as_primitive::<Date64Type>().value(row))
            .and_then(|delta| epoch.checked_add_signed(delta)),
        other => match Strings::of(dates) {
            Some(strings) => {
                let text = strings.get(row).unwrap_or_default();
                let date = parse_date_field(text);
                return date
                    .map(Some)
                    .ok_or_else(|| ArticleError::input(id, format!("bad date {text:?} (expected YYYY-MM-DD)")));
            }
            None => return Err(ArticleError::input(id, format!("`date` must be strings or dates, not {other}"))),
        },
    };
    date.map(Some).ok_or_else(|| ArticleError::input(id, "date out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, Date32Array, Int64Array, LargeStringArray, NullArray, StringArray};
    use std::sync::Arc;

    fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(columns).unwrap()
    }

    #[test]
    fn ids_dates_and_texts_of_every_layout_are_read() {
        let days = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap().signed_duration_since(NaiveDate::default()).num_days();
        let documents = batch_articles(&batch(vec![
            ("id", Arc::new(Int64Array::from(vec![7, 8])) as ArrayRef),
            ("date", Arc::new(Date32Array::from(vec![Some(days as i32), None]))),
            ("text", Arc::new(LargeStringArray::from(vec!["one", "two"]))),
        ]))
        .unwrap();
        assert_eq!(documents[0].id, "7");
        assert_eq!(documents[0].date, NaiveDate::from_ymd_opt(2022, 1, 25));
        assert_eq!((documents[1].date, documents[1].text.as_str()), (None, "two"));
        let undated = batch_articles(&batch(vec![
            ("id", Arc::new(StringArray::from(vec!["x"])) as ArrayRef),
            ("date", Arc::new(NullArray::new(1))),
            ("text", Arc::new(StringArray::from(vec!["t"]))),
        ]))
        .unwrap();
        assert_eq!(undated[0].date, None);
    }

    #[test]
    fn errors_name_the_article() {
        let error = batch_articles(&batch(vec![
            ("id", Arc::new(StringArray::from(vec!["a", "b"])) as ArrayRef),
            ("date", Arc::new(StringArray::from(vec!["2022-01-25", "2022-02-30"]))),
            ("text", Arc::new(StringArray::from(vec!["x", "y"]))),
        ]))
        .unwrap_err();
        assert_eq!(error.to_string(), "article b: bad date \"2022-02-30\" (expected YYYY-MM-DD)");
        let error = batch_articles(&batch(vec![("id", Arc::new(StringArray::from(vec!["a"])) as ArrayRef)])).unwrap_err();
        assert!(error.to_string().contains("no `text` column"), "{error}");
    }
}
