//! Scores actor mentions on PLOVER `gsr-dev.json` (real news sentences with gold
//! source and target actors): how many gold actors a mention overlaps, with the
//! right country and sector.
//!
//! `cargo run --release -p dyad-code --example actors_gsr -- gsr-dev.json MODELS_DIR`;
//! `V=1` lists the misses.

use dyad_code::actors::ActorResolver;
use dyad_code::{AnalysedArticle, Mention};
use dyad_lang::Models;
use dyad_text::Document;

#[derive(Default)]
struct Counts {
    actors: usize,
    found: usize,
    country: usize,
    sectors: usize,
    sector: usize,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: actors_gsr gsr-dev.json MODELS_DIR");
    let models = Models::load_dir(std::path::Path::new(&args.next().expect("MODELS_DIR"))).expect("models");
    let records: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
    let dictionaries = dyad_dict::production();
    let resolver = ActorResolver::new(&dictionaries);
    let verbose = std::env::var("V").is_ok();
    let mut counts = Counts::default();
    for record in records.as_array().expect("a list of records") {
        let text = record["text"].as_str().unwrap_or_default().to_string();
        let date = record["date"].as_str().and_then(|date| chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok());
        let document = Document { id: "gsr".into(), date, title: None, text, metadata: Default::default() };
        let article = AnalysedArticle::analyse(&document, &models);
        let mentions = resolver.mentions(&article, &dictionaries);
        for side in ["source", "target"] {
            for actor in record[side].as_array().into_iter().flatten() {
                score(&document.text, actor, &mentions, &mut counts, verbose);
            }
        }
    }
    let Counts { actors, found, country, sectors, sector } = counts;
    println!("gold actors {actors}: found {found}, right country {country}, right sector {sector}/{sectors}");
}

fn score(text: &str, actor: &serde_json::Value, mentions: &[Mention], counts: &mut Counts, verbose: bool) {
    let (Some(actor_text), Some(code)) = (actor["actorText"].as_str(), actor["code"].as_str()) else {
        return;
    };
    let Some(start) = text.find(actor_text) else {
        return;
    };
    let end = start + actor_text.len();
    counts.actors += 1;
    // The gold uses CAMEO's older country codes and bare IGO/NGO.
    let gold = match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        other => other,
    };
    let right = |mention: &&Mention| {
        mention.country.as_deref() == Some(gold) || mention.code.starts_with(gold) || mention.code.contains(gold)
    };
    let overlapping: Vec<&Mention> = mentions.iter().filter(|m| m.span.start < end && start < m.span.end).collect();
    let Some(mention) = overlapping.iter().find(|mention| right(mention)).or(overlapping.first()) else {
        if verbose {
            println!("missing {actor_text:?} ({code}) in {text}");
        }
        return;
    };
    counts.found += 1;
    if right(mention) {
        counts.country += 1;
    } else if verbose {
        println!(
            "country {actor_text:?} gold {code}, coded {} from {:?} by {}",
            mention.code, mention.text, mention.rule
        );
    }
    if let Some(sector) = actor["sector"].as_str() {
        counts.sectors += 1;
        if mention.sector.as_deref() == Some(sector) {
            counts.sector += 1;
        }
    }
}
