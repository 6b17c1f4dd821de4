//! Loads the embedded gazetteer once and reports its size and load time (CPU time of
//! this process, which a loaded machine disturbs less than the wall clock):
//!
//! ```sh
//! /usr/bin/time -v cargo run --release -p dyad-code --example gazetteer_stats
//! ```

use dyad_code::places::{Gazetteer, PlaceKind};
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let gazetteer = match Gazetteer::bundled() {
        Ok(gazetteer) => gazetteer,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let elapsed = started.elapsed();
    let count = |kind| gazetteer.places().iter().filter(|p| p.kind == kind).count();
    println!(
        "loaded in {:.1} ms (wall): {} places ({} countries, {} regions, {} divisions, {} cities), {} names",
        elapsed.as_secs_f64() * 1000.0,
        gazetteer.len(),
        count(PlaceKind::Country),
        count(PlaceKind::Region),
        count(PlaceKind::Admin1),
        count(PlaceKind::City),
        gazetteer.name_count()
    );
}
