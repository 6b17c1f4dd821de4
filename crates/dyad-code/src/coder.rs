//! The whole coder: an article in, its `doc` record out.

use crate::actors::ActorResolver;
use crate::article::AnalysedArticle;
use crate::events::EventCoder;
use crate::places::PlaceFinder;
use crate::record::DocRecord;
use crate::tables::CameoTables;
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
    pub places: PlaceFinder,
}

impl Coder {
    pub fn new(models: Models, dictionaries: Dictionaries) -> Coder {
        let actors = ActorResolver::new(&dictionaries);
        let events = EventCoder::new(&dictionaries);
        Coder { models, dictionaries, tables: CameoTables::bundled(), actors, events, places: PlaceFinder::bundled() }
    }

    pub fn code(&self, document: &Document) -> DocRecord {
        let article = AnalysedArticle::analyse(document, &self.models);
        let mentions = self.actors.mentions(&article, &self.dictionaries);
        let events = self.events.events(&article, &mentions, &self.dictionaries, &self.models.parser);
        let places = self.places.places(&article, &mentions);
        let mut record = DocRecord::build(&article, &mentions, &events, &self.tables);
        self.places.attach(&mut record, &article, places, &self.models.parser);
        record
    }
}
