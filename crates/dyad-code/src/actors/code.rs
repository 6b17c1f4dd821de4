//! Splitting a CAMEO actor code into country and sector (`USAGOV` → `USA`, `GOV`).

/// Organisation prefixes: the code names no single country.
const ORGANISATIONS: [&str; 4] = ["IGO", "NGO", "MNC", "IMG"];

/// The country of a code: the ISO alpha-3 (or CAMEO region) prefix, or the whole code
/// for international and non-governmental organisations (`IGOWSTNAT`).
pub fn country_of(code: &str) -> Option<String> {
    if code.len() < 3 || !code.is_char_boundary(3) {
        return None;
    }
    if is_organisation(code) {
        return Some(code.to_string());
    }
    Some(code[..3].to_string())
}

/// The first sector after the country (`USAGOVMIL` → `GOV`); organisations have none.
pub fn sector_of(code: &str) -> Option<String> {
    if is_organisation(code) || code.len() < 6 || !code.is_char_boundary(6) {
        return None;
    }
    Some(code[3..6].to_string())
}

pub(crate) fn is_organisation(code: &str) -> bool {
    ORGANISATIONS.iter().any(|prefix| code.starts_with(prefix))
}

/// A code that is only a country or region, to which agents add sectors.
pub(crate) fn is_bare_country(code: &str) -> bool {
    code.len() == 3 && !is_organisation(code)
}

/// `country` + agent codes, each three-letter sector once (`RUS` + `GOV` + `GOV`).
pub(crate) fn combine(country: &str, sectors: &[&str]) -> String {
    let mut code = country.to_string();
    for sector in sectors {
        for chunk in sector.as_bytes().chunks(3) {
            let chunk = std::str::from_utf8(chunk).unwrap_or_default();
            if !code.as_bytes()[3..].chunks(3).any(|have| have == chunk.as_bytes()) {
                code.push_str(chunk);
            }
        }
    }
    code
}
