//! Rebuilds the embedded gazetteer from the GeoNames extract and our tables:
//!
//! ```sh
//! cargo run --release -p dyad-code --example build_gazetteer -- \
//!     --geonames ../shared/data/geonames --tables data/gazetteer --out data/gazetteer/gazetteer.tsv.gz
//! ```

use dyad_code::places::build::{build, BuildInputs};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut geonames = PathBuf::from("../shared/data/geonames");
    let mut tables = PathBuf::from("data/gazetteer");
    let mut out = PathBuf::from("data/gazetteer/gazetteer.tsv.gz");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{flag} needs a value");
            return ExitCode::FAILURE;
        };
        match flag.as_str() {
            "--geonames" => geonames = value.into(),
            "--tables" => tables = value.into(),
            "--out" => out = value.into(),
            _ => {
                eprintln!("usage: build_gazetteer [--geonames DIR] [--tables DIR] [--out FILE]");
                return ExitCode::FAILURE;
            }
        }
    }
    match build(&BuildInputs { geonames, tables }) {
        Ok((bytes, summary)) => {
            if let Err(error) = std::fs::write(&out, &bytes) {
                eprintln!("{}: {error}", out.display());
                return ExitCode::FAILURE;
            }
            eprintln!(
                "{}: {} bytes; {} countries, {} regions, {} divisions, {} cities, {} names",
                out.display(),
                bytes.len(),
                summary.countries,
                summary.regions,
                summary.divisions,
                summary.cities,
                summary.names
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gazetteer build failed: {error}");
            ExitCode::FAILURE
        }
    }
}
