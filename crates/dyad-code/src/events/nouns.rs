//! Event nouns after light verbs: "held talks with", "launched an investigation into",
//! "renewed negotiations" code the noun's verb ("talk", "investigate", "negotiate").

/// Verbs that carry no event of their own when their object names one.
pub(crate) const LIGHT_VERBS: &[&str] = &[
    "HOLD",
    "LAUNCH",
    "UNDERTAKE",
    "CONDUCT",
    "OPEN",
    "BEGIN",
    "START",
    "MAKE",
    "ISSUE",
    "STAGE",
    "RENEW",
    "RESUME",
    "CONTINUE",
    "CARRY",
    "EXPRESS",
    "REACH",
    "HAVE",
    "GIVE",
    "TAKE",
    "PAY",
    "OFFER",
    "EXTEND",
    "MOUNT",
    "INITIATE",
    "COMPLETE",
    "ORDER",
    "ANNOUNCE",
    "PUT",
    "ALLOW",
    "APPROVE",
    "AUTHORIZE",
    "AUTHORISE",
];

/// Verb lemmas a noun may come from, most likely first: the noun itself ("visit"),
/// then the verbs its suffix points to ("negotiation" → "negotiate", "deployment" →
/// "deploy", "withdrawal" → "withdraw", "invasion" → "invade").
pub(crate) fn verb_candidates(noun: &str) -> Vec<String> {
    let mut candidates = vec![noun.to_string()];
    let strip = |suffix: &str| noun.strip_suffix(suffix).filter(|stem| stem.len() >= 3);
    if let Some(stem) = strip("IFICATION") {
        candidates.push(format!("{stem}IFY"));
    }
    if let Some(stem) = strip("ATION") {
        candidates.extend([format!("{stem}ATE"), stem.to_string(), format!("{stem}E")]);
    }
    if let Some(stem) = strip("SION") {
        candidates.extend([format!("{stem}DE"), format!("{stem}D")]);
    }
    if let Some(stem) = strip("ION") {
        candidates.extend([stem.to_string(), format!("{stem}E")]);
    }
    for suffix in ["MENT", "AL", "ANCE", "ENCE", "URE", "ING", "Y"] {
        if let Some(stem) = strip(suffix) {
            candidates.extend([stem.to_string(), format!("{stem}E")]);
            if let Some(base) = stem.strip_suffix('I') {
                candidates.push(format!("{base}Y"));
            }
        }
    }
    candidates
}
