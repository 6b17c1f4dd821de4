//! Splitting a CAMEO actor code into country and sector (`USAGOV` → `USA`, `GOV`).

/// Organisation prefixes: the code names no single country.
const ORGANISATIONS: [&str; 4] = ["IGO", "NGO", "MNC", "IMG"];

/// The country of a code: the ISO alpha-3 (or CAMEO region) prefix, or the whole code
/// for international and non-governmental organisations (`IGOWSTNAT`).
pub fn country_of(code: &str) -> Option<String> {
    if code.len() < 3 || !code.is_ascii() {
        return None;
    }
    if is_organisation(code) {
        return Some(code.to_string());
    }
    // Some actors have a sector and no country (`MED` for a news agency).
    if SECTORS.contains(&&code[..3]) {
        return None;
    }
    Some(code[..3].to_string())
}

/// CAMEO role and sector codes; other three-letter groups after a country are
/// regions or organisations (`PSEGZA` is Gaza, `PSEREBHMS` is Hamas).
const SECTORS: [&str; 37] = [
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "INS", "SEP", "UAF", "LEG", "ELI", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ENV", "HLH", "HRI", "LAB", "MED", "MOD", "RAD", "REF", "REL", "CHR", "MOS", "JEW", "BUD",
    "HIN", "NGO", "IGO", "MNC", "IMG",
];

/// The first sector after the country (`USAGOVMIL` → `GOV`, `PSEREBHMS` → `REB`);
/// organisations have none.
pub fn sector_of(code: &str) -> Option<String> {
    if is_organisation(code) || !code.is_ascii() || code.len() < 3 {
        return None;
    }
    let skip = if SECTORS.contains(&&code[..3]) { 0 } else { 3 };
    let mut chunks = code.as_bytes()[skip..].chunks(3).filter_map(|chunk| std::str::from_utf8(chunk).ok());
    chunks.find(|chunk| SECTORS.contains(chunk)).map(str::to_string)
}

pub(crate) fn is_organisation(code: &str) -> bool {
    ORGANISATIONS.iter().any(|prefix| code.starts_with(prefix))
}

/// A code that is only a country or region, to which agents add sectors.
pub(crate) fn is_bare_country(code: &str) -> bool {
    code.len() == 3 && !is_organisation(code) && !SECTORS.contains(&code)
}

/// `country` + agent codes, each three-letter sector once (`RUS` + `GOV` + `GOV`).
pub(crate) fn combine(country: &str, sectors: &[&str]) -> String {
    let mut code = country.to_string();
    for sector in sectors.iter().filter(|sector| sector.is_ascii()) {
        for chunk in sector.as_bytes().chunks(3) {
            let chunk = std::str::from_utf8(chunk).unwrap_or_default();
            if !code.as_bytes()[3..].chunks(3).any(|have| have == chunk.as_bytes()) {
                code.push_str(chunk);
            }
        }
    }
    code
}
