//! The whole coder: an article in, its `doc` record out.

use crate::actors::ActorResolver;
use crate::article::AnalysedArticle;
use crate::coref::{self, Coreference};
use crate::events::tree::Trees;
use crate::events::EventCoder;
use crate::places::PlaceFinder;
use crate::quotes::{self, QuoteFinder};
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
    pub quotes: QuoteFinder,
    pub places: PlaceFinder,
}

impl Coder {
    pub fn new(models: Models, dictionaries: Dictionaries) -> Coder {
        let actors = ActorResolver::new(&dictionaries);
        let events = EventCoder::new(&dictionaries);
        Coder {
            models,
            dictionaries,
            tables: CameoTables::bundled(),
            actors,
            events,
            quotes: QuoteFinder::default(),
            places: PlaceFinder::bundled(),
        }
    }

    pub fn code(&self, document: &Document) -> DocRecord {
        let article = AnalysedArticle::analyse(document, &self.models);
        // One tree per sentence, built when a stage first needs it, for all stages.
        let trees = Trees::new(&article, &self.models.parser);
        let mut mentions = self.actors.mentions(&article, &self.dictionaries);
        let people = self.people_with(&article, &trees, &mut mentions);
        let mut events = self.events.events_with(&article, &trees, &mentions, &self.dictionaries);
        let quotes = self.quotes.quotes_with(&article, &trees, &mentions, &people);
        quotes::attach_events(&quotes, &mut events);
        let places = self.places.places(&article, &mentions);
        let mut record = DocRecord::build(&article, &mentions, &events, &self.tables);
        record.add_quotes(&quotes, &article);
        let times = times::find_times(&article, &self.models.parser);
        record.set_times(&times, &times::event_times(&article, &events, &times, &self.models.parser));
        self.places.attach(&mut record, &article, places, &self.models.parser);
        record
    }

    /// Coreference over the actor mentions: links the actor layer left open are
    /// filled in `mentions`, and the people are returned for the quotations.
    pub fn people(&self, article: &AnalysedArticle, mentions: &mut [crate::actors::Mention]) -> Coreference {
        self.people_with(article, &Trees::new(article, &self.models.parser), mentions)
    }

    fn people_with<'a>(
        &self,
        article: &'a AnalysedArticle<'a>,
        trees: &Trees<'a>,
        mentions: &mut [crate::actors::Mention],
    ) -> Coreference {
        let people = Coreference::resolve_with(article, trees, mentions, &self.actors);
        let mut links = people.actor_links(mentions);
        coref::organisation_links(article, mentions, &mut links);
        for (mention, link) in mentions.iter_mut().zip(links) {
            mention.refers_to = link;
        }
        people
    }
}
