//! `dyad eval`: PETRARCH unit suite, PLOVER gold records, the example gold (being written).
