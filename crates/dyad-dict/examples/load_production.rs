//! Loads the embedded production dictionaries and reports time, peak memory and
//! warnings. Run with `cargo run --release -p dyad-dict --example load_production`.

use std::time::Instant;

fn main() {
    let baseline = peak_rss_kib();
    let started = Instant::now();
    let dictionaries = dyad_dict::production();
    let elapsed = started.elapsed();
    println!("loaded in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    println!("peak RSS {} KiB (process start {} KiB)", peak_rss_kib(), baseline);
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
    println!("{} warnings", dictionaries.warnings.len());
    for warning in &dictionaries.warnings {
        println!("  {warning}");
    }
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
