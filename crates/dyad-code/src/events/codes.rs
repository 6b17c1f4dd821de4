//! CAMEO code arithmetic: what a cooperative code becomes when it is refused, and
//! when it is only announced or intended.

/// The rejection a negated cooperative code stands for ("does not intend to give in"
/// refuses to yield: 124, never 08x). `None` where a negation leaves no event: what
/// did not happen (no attack, no statement) is not coded.
pub fn refusal_of(code: &str) -> Option<String> {
    let root = code.get(..2)?;
    let refusal = match root {
        "03" => intent_refusal(code),
        "04" => "125",
        "05" => "120",
        "06" => match code {
            "061" => "1211",
            "062" => "1212",
            _ => "121",
        },
        "07" => "122",
        "08" => yield_refusal(code),
        _ => return None,
    };
    Some(refusal.to_string())
}

fn intent_refusal(code: &str) -> &'static str {
    match code {
        "031" | "0313" | "0314" => "121",
        "0311" => "1211",
        "0312" => "1212",
        "032" => "120",
        "033" | "0331" | "0332" | "0333" | "0334" => "122",
        "034" => "123",
        "0341" => "1231",
        "0342" => "1232",
        "0343" => "1233",
        "0344" => "1234",
        "035" => "124",
        "0351" => "1241",
        "0352" => "1242",
        "0353" => "1243",
        "0354" => "1244",
        "0355" => "1245",
        "0356" => "1246",
        "036" => "125",
        "037" => "127",
        "038" | "039" => "126",
        _ => "120",
    }
}

fn yield_refusal(code: &str) -> &'static str {
    match code.get(..3).unwrap_or(code) {
        "081" => "1241",
        "082" => "1242",
        "083" => "123",
        "084" => "1243",
        "085" => "1244",
        "086" => "1245",
        "087" => "1246",
        _ => "124",
    }
}

/// The code of announcing or intending `code` ("will meet" → 036, "plans to attack" →
/// 138). Statements, appeals, intents, demands, disapproval, rejections and threats
/// keep their code: announcing them is doing them.
pub fn intent_of(code: &str) -> String {
    let Some(root) = code.get(..2) else {
        return code.to_string();
    };
    let intent = match root {
        "04" => match code {
            "045" => "039",
            _ => "036",
        },
        "05" => "032",
        "06" => match code {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        "07" => match code {
            "070" | "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => match code.get(..3).unwrap_or(code) {
            "081" => "0351",
            "082" => "0352",
            "083" => "034",
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        "14" => "133",
        "16" => "131",
        "17" => "137",
        "15" | "18" | "19" | "20" => "138",
        _ => return code.to_string(),
    };
    intent.to_string()
}

/// The code of threatening to do `code` ("threatened to impose a curfew" → 137,
/// "will withdraw unless ..." → 139, an ultimatum). Threats keep their code.
pub fn threat_of(code: &str) -> String {
    let threat = match code.get(..2).unwrap_or(code) {
        "13" => return code.to_string(),
        "14" => "133",
        "16" => match code {
            "161" => "1313",
            "163" | "1621" | "1622" | "1623" => "1312",
            _ => "131",
        },
        "17" => "137",
        "15" | "18" | "19" | "20" => "138",
        "03" | "04" | "05" | "06" | "07" | "08" => "139",
        _ => "130",
    };
    threat.to_string()
}

/// The CAMEO root (first two digits).
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// Whether `code` is a real CAMEO event code (PETRARCH's validation dictionaries also
/// use null codes and WEIS-era placeholders).
pub fn is_event_code(code: &str) -> bool {
    // The validation dictionaries mark test codes with a letter (`174K`).
    code.len() >= 3 && code[..2].chars().all(|c| c.is_ascii_digit()) && code.chars().all(|c| c.is_ascii_alphanumeric())
}
