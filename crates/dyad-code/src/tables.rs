//! CAMEO event code tables: names, Goldstein scores, QuadClass and the PLOVER 2021
//! type, mode and context of every code. The data files live in `data/` and are
//! embedded in the binary, so coding never depends on the working directory.

mod codes;
mod plover;

pub use plover::Plover;

use std::collections::HashMap;

/// `CAMEO.goldsteinscale.txt`: `code<TAB>score`, one header line.
const GOLDSTEIN: &str = include_str!("../../../data/cameo/CAMEO.goldsteinscale.txt");
/// The ICEWS code list; a few description fields hold cp1252 bytes, hence bytes.
const CODES_CSV: &[u8] = include_bytes!("../../../data/cameo/cameo-codes.csv");
const CAMEO2PLOVER: &str = include_str!("../../../data/plover/CAMEO2PLOVER-2021.txt");

/// Lookups from a CAMEO event code (`"124"`, `"0874"`).
pub struct CameoTables {
    names: HashMap<String, String>,
    goldstein: HashMap<String, f64>,
    plover: HashMap<String, Plover>,
}

impl CameoTables {
    /// The tables shipped in `data/cameo` and `data/plover`.
    pub fn bundled() -> CameoTables {
        CameoTables {
            names: codes::names(&codes::decode_cp1252(CODES_CSV)),
            goldstein: goldstein_scores(GOLDSTEIN),
            plover: plover::read(CAMEO2PLOVER),
        }
    }

    /// The code's name in the CAMEO codebook ("Reject", "Decline to yield").
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }

    /// The Goldstein (1992) conflict-cooperation score, from -10 to +10. A code the
    /// table lacks (a dictionary typo, a local extension) takes its nearest ancestor's.
    pub fn goldstein(&self, code: &str) -> Option<f64> {
        longest_prefix(&self.goldstein, code).copied()
    }

    /// The PLOVER 2021 type, mode and context. Codes the conversion table lacks take
    /// their nearest ancestor's; statements (root 01) have no PLOVER type.
    pub fn plover(&self, code: &str) -> Option<&Plover> {
        longest_prefix(&self.plover, code)
    }

    /// Number of codes with a name.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The two-digit root of a CAMEO event code, if it has one (`"0874"` → `"08"`).
pub fn root(code: &str) -> Option<&str> {
    let root = code.get(..2)?;
    let number: u8 = root.parse().ok()?;
    (root.bytes().all(|b| b.is_ascii_digit()) && (1..=20).contains(&number)).then_some(root)
}

/// The three-digit base code (`"0874"` → `"087"`); a root code is its own base.
pub fn base(code: &str) -> Option<&str> {
    root(code)?;
    Some(code.get(..3).unwrap_or(code))
}

/// CAMEO's QuadClass: 1 verbal cooperation (roots 01–05), 2 material cooperation
/// (06–09), 3 verbal conflict (10–14), 4 material conflict (15–20).
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = root(code)?.parse().ok()?;
    Some(match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    })
}

fn goldstein_scores(text: &str) -> HashMap<String, f64> {
    text.lines()
        .filter_map(|line| {
            let (code, score) = line.split_once('\t')?;
            Some((code.trim().to_string(), score.trim().parse().ok()?))
        })
        .collect()
}

/// The value of `code` or of its longest prefix of at least two characters.
fn longest_prefix<'m, T>(map: &'m HashMap<String, T>, code: &str) -> Option<&'m T> {
    (2..=code.len()).rev().filter_map(|n| code.get(..n)).find_map(|prefix| map.get(prefix))
}
