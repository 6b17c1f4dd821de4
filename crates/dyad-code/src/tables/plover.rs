//! `CAMEO2PLOVER-2021.txt`: `code: TYPE, mode, context # comment`; a bare
//! `root: TYPE` line heads each root's block. The list ends at `~~~~~`.

use serde::Serialize;
use std::collections::HashMap;

/// A PLOVER event type with its mode and context (either may be absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    /// One context, or several joined by `; ` (`"crime; corruption"`).
    pub context: Option<String>,
}

pub fn read(text: &str) -> HashMap<String, Plover> {
    let mut table = HashMap::new();
    for line in text.lines().take_while(|line| !line.starts_with("~~~~~")) {
        let line = line.split('#').next().unwrap_or_default();
        let Some((code, rest)) = line.split_once(':') else { continue };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        // The file lists a few codes twice (root 08 heads two blocks); the first
        // reading is the table's primary one.
        if let Some(plover) = entry(rest) {
            table.entry(code.to_string()).or_insert(plover);
        }
    }
    // The 2021 table starts at root 03. The PLOVER manual folds CAMEO's appeals (02)
    // and demands (10) into REQUEST; statements (01) have no PLOVER counterpart.
    table.entry("02".to_string()).or_insert(Plover { event_type: "REQUEST".into(), mode: None, context: None });
    table
}

fn entry(rest: &str) -> Option<Plover> {
    let mut parts = rest.split(',').map(|part| part.trim());
    let event_type = parts.next().filter(|t| !t.is_empty())?.to_string();
    let mut optional = || parts.next().filter(|p| !p.is_empty()).map(str::to_string);
    let mode = optional();
    let context = optional();
    Some(Plover { event_type, mode, context })
}
