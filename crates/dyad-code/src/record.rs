//! The `doc` record of shared/spec/output.md (being written).

use crate::actors::Mention;
use crate::article::AnalysedArticle;
use crate::events::Event;
use crate::tables::CameoTables;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct DocRecord {
    pub id: String,
}

impl DocRecord {
    pub fn build(article: &AnalysedArticle, _mentions: &[Mention], _events: &[Event], _tables: &CameoTables) -> DocRecord {
        DocRecord { id: article.document.id.clone() }
    }
}
