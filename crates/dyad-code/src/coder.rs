//! The whole coder: an article in, its `doc` record out.

use crate::actors::ActorResolver;
use crate::article::AnalysedArticle;
use crate::events::EventCoder;
use crate::record::DocRecord;
use crate::tables::CameoTables;
use crate::times;
use dyad_dict::Dictionaries;
use dyad_lang::Models;
use dyad_text::Document;

/// Everything loaded once and shared (read-only) by all threads.
pub struct Coder {
    pub models: Models,
    pub dictionaries: Dictionaries,
    pub tables: CameoTables,
    pub actors: ActorResolver,
    pub events: EventCoder,
}

impl Coder {
    pub fn new(models: Models, dictionaries: Dictionaries) -> Coder {
        let actors = ActorResolver::new(&dictionaries);
        let events = EventCoder::new(&dictionaries);
        Coder { models, dictionaries, tables: CameoTables::bundled(), actors, events }
    }

    pub fn code(&self, document: &Document) -> DocRecord {
        let article = AnalysedArticle::analyse(document, &self.models);
        let mentions = self.actors.mentions(&article, &self.dictionaries);
        let events = self.events.events(&article, &mentions, &self.dictionaries, &self.models.parser);
        let mut record = DocRecord::build(&article, &mentions, &events, &self.tables);
        let times = times::find_times(&article, &self.models.parser);
        record.set_times(&times, &times::event_times(&article, &events, &times, &self.models.parser));
        record
    }
}
