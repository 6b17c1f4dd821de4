//! Prints the actor mentions of a plain-text article (`date YYYY-MM-DD` header
//! optional), one per line, and times the resolver.
//!
//! `cargo run --release -p dyad-code --example actors_dump -- ARTICLE [MODELS_DIR]`;
//! `BENCH=N` repeats the resolver N times. Without models that load, the article is
//! only segmented, as the resolver also works from word forms alone.

use dyad_code::actors::ActorResolver;
use dyad_code::AnalysedArticle;
use dyad_lang::{Analysis, Models};
use dyad_text::segment::segment;
use dyad_text::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: actors_dump ARTICLE [MODELS_DIR]");
    let models = match args.next() {
        Some(dir) => Models::load_dir(std::path::Path::new(&dir)).ok(),
        None => Models::bundled().ok(),
    };
    let raw = std::fs::read_to_string(path).expect("readable article");
    let document = document(&raw);
    let article = match &models {
        Some(models) => AnalysedArticle::analyse(&document, models),
        None => {
            let segmentation = segment(&document.text);
            let analyses = vec![Analysis::default(); segmentation.sentences.len()];
            AnalysedArticle::with_analyses(&document, segmentation, analyses, None)
        }
    };
    let dictionaries = dyad_dict::production();
    let resolver = ActorResolver::new(&dictionaries);
    let mentions = resolver.mentions(&article, &dictionaries);
    for (index, mention) in mentions.iter().enumerate() {
        let text = format!("{:?}", mention.text);
        let country = mention.country.as_deref().unwrap_or("-");
        let sector = mention.sector.as_deref().unwrap_or("-");
        let refers = mention.refers_to.map_or("-".to_string(), |to| to.to_string());
        println!(
            "{index:3} s{:<3} {text:<50} {:<10} {country}/{sector} {:?} name={:?} refers_to={refers} rule={}",
            mention.sentence, mention.code, mention.kind, mention.name, mention.rule
        );
    }
    if let Some(rounds) = std::env::var("BENCH").ok().and_then(|rounds| rounds.parse::<u32>().ok()) {
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(resolver.mentions(&article, &dictionaries));
        }
        let per_article = start.elapsed() / rounds;
        let per_sentence = per_article / article.sentence_count().max(1) as u32;
        eprintln!("{} mentions, {per_article:?} per article, {per_sentence:?} per sentence", mentions.len());
    }
}

fn document(raw: &str) -> Document {
    let trimmed = raw.trim_start();
    let header = trimmed.strip_prefix("date ").and_then(|rest| rest.get(..10).map(|date| (date, &rest[10..])));
    let (date, text) = match header {
        Some((date, rest)) => (chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(), rest.trim_start()),
        None => (None, trimmed),
    };
    Document { id: "article".into(), date, title: None, text: text.to_string(), metadata: Default::default() }
}
