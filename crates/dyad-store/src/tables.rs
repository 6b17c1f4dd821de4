//! The tables' columns live in `dyad-tables`, shared with the Python package's
//! `code_arrow`, so that a Spark or Dask backfill writes exactly the files the store reads.

pub use dyad_tables::*;
