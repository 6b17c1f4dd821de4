//! Loads the embedded production dictionaries and reports time, peak memory and
//! warnings. Run with `cargo run --release -p dyad-dict --example load_production`.

use std::time::Instant;

use dyad_dict::{
    production, production_sources, ActorDictionary, AgentDictionary, DiscardDictionary, IssueDictionary,
    VerbDictionary,
};

fn main() {
    let baseline = peak_rss_kib();
    let started = Instant::now();
    let dictionaries = production();
    let elapsed = started.elapsed();
    let peak = peak_rss_kib();
    println!("loaded in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    println!("peak RSS {peak} KiB, {baseline} KiB before loading");
    println!(
        "verb blocks {}, patterns {}, actors {} ({} phrases), agents {} ({} phrases), discards {}, issues {} ({} phrases)",
        dictionaries.verbs.blocks().len(),
        dictionaries.verbs.pattern_count(),
        dictionaries.actors.actors().len(),
        dictionaries.actors.phrase_count(),
        dictionaries.agents.agents().len(),
        dictionaries.agents.phrase_count(),
        dictionaries.discards.discards().len(),
        dictionaries.issues.issues().len(),
        dictionaries.issues.phrase_count(),
    );
    time_each_reader();
    time_lookups(&dictionaries);
    println!("{} warnings", dictionaries.warnings.len());
    for warning in &dictionaries.warnings {
        println!("  {warning}");
    }
}

fn time_each_reader() {
    let sources = production_sources();
    let mut warnings = Vec::new();
    let mut timed = |name: &str, read: &mut dyn FnMut(&mut Vec<dyad_dict::Warning>)| {
        let started = Instant::now();
        read(&mut warnings);
        println!("  {name}: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    };
    timed("verbs", &mut |w| drop(VerbDictionary::read(sources.verb_format, sources.verbs, w)));
    timed("actors", &mut |w| drop(ActorDictionary::read(sources.actors, w)));
    timed("agents", &mut |w| drop(AgentDictionary::read(sources.agents, w)));
    timed("discards", &mut |w| drop(DiscardDictionary::read(sources.discards, w)));
    timed("issues", &mut |w| drop(IssueDictionary::read(sources.issues, w)));
}

/// Actor lookups at every position of a news-sized token stream.
fn time_lookups(dictionaries: &dyad_dict::Dictionaries) {
    let text = include_str!("../../../examples/seed-2022-01-25-us-russia.txt");
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 25).expect("valid date");
    let rounds = 200;
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found += (0..tokens.len()).filter(|&at| dictionaries.actors.lookup_at(&tokens, at, date).is_some()).count();
    }
    let per_lookup = started.elapsed().as_secs_f64() * 1e9 / (rounds * tokens.len()) as f64;
    println!("  actor lookup: {per_lookup:.0} ns per position ({} hits in {} tokens)", found / rounds, tokens.len());
}

/// Peak resident set size from /proc (Linux); 0 elsewhere.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
