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
use dyad_lang::parser::Decoding;
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
    /// The parser in `models` is set to parse greedily: the coder's tree rules were written
    /// and scored against greedy trees, and beam search (the parser's default, +0.4 LAS on
    /// EWT) scored lower with them on 2026-12-07 (threshold 0.7: PLOVER gsr-dev 0.701 / 0.737 / 0.490
    /// against 0.706 / 0.758 / 0.500; PETRARCH unit suite 164 against 163 exact) at
    /// about half the parsing speed.
    pub fn new(mut models: Models, dictionaries: Dictionaries) -> Coder {
        models.parser = models.parser.with_decoding(Decoding::GREEDY);
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
        self.code_article(&AnalysedArticle::analyse(document, &self.models))
    }

    /// The record of an article analysed beforehand. Its sentences are parsed as the
    /// stages ask for their trees: most never are.
    pub fn code_article(&self, article: &AnalysedArticle) -> DocRecord {
        // One tree per sentence, built when a stage first needs it, for all stages.
        let trees = Trees::new(article, &self.models.parser);
        let mut mentions = self.actors.mentions(article, &self.dictionaries);
        let people = self.people_with(article, &trees, &mut mentions);
        let mut events = self.events.events_with(article, &trees, &mentions, &self.dictionaries);
        let quotes = self.quotes.quotes_with(article, &trees, &mentions, &people);
        quotes::attach_events(&quotes, &mut events);
        let places = self.places.places(article, &mentions);
        let mut record = DocRecord::build(article, &mentions, &events, &self.tables);
        record.add_quotes(&quotes, article);
        let times = times::find_times_with(article, &trees);
        record.set_times(&times, &times::event_times(article, &events, &times, &trees));
        self.places.attach(&mut record, article, places, &trees);
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const TEXT: &str = "Net profit rose to 12.5 mln dlrs from 9.8 mln dlrs in 1986. \
Revenues were 80 mln dlrs against 71 mln. \
Hollinger Argus Ltd's gold output fell in January 1987. \
The United States accused Iran of attacking a tanker in the Gulf.";

    /// A sentence no stage needs a tree of (prices, a company, a full date) is never
    /// parsed, and the record is the one every sentence parsed gives.
    #[test]
    fn only_the_sentences_a_stage_needs_are_parsed() {
        let coder = Coder::new(Models::bundled().expect("bundled models"), dyad_dict::production());
        let document = Document {
            id: "lazy".into(),
            date: NaiveDate::from_ymd_opt(1987, 3, 2),
            title: None,
            text: TEXT.into(),
            metadata: Default::default(),
        };
        let lazy = AnalysedArticle::analyse(&document, &coder.models);
        let lazy_record = coder.code_article(&lazy);
        assert_eq!(lazy.sentence_count(), 4);
        let parsed: Vec<usize> = (0..4).filter(|&s| lazy.is_parsed(s)).collect();
        assert_eq!(parsed, vec![3], "only the sentence with actors is parsed");

        let eager = AnalysedArticle::analyse(&document, &coder.models);
        for sentence in 0..eager.sentence_count() {
            eager.arcs(sentence);
        }
        let eager_record = coder.code_article(&eager);
        assert!(!lazy_record.events.is_empty(), "the actors' sentence has its event");
        assert_eq!(serde_json::to_string(&lazy_record).ok(), serde_json::to_string(&eager_record).ok());
    }
}
