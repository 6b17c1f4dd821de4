//! One normal form for place names, shared by the gazetteer build, its index and the
//! matcher, so that "U.S." meets "US", "St. Petersburg" meets "St Petersburg",
//! "Guinea-Bissau" (three tokens in text) meets its GeoNames name and "Brasília" meets
//! "Brasilia".

/// Writes the normal form of `name` into `out`: lower case, Latin diacritics folded,
/// periods dropped, hyphens, dashes and whitespace runs as one space, curly
/// apostrophes straight.
pub fn normalize(name: &str, out: &mut String) {
    out.clear();
    let mut gap = false;
    for c in name.chars() {
        match c {
            '.' => continue,
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '_' => gap = true,
            c if c.is_whitespace() => gap = true,
            _ => {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                for lower in c.to_lowercase() {
                    push_folded(lower, out);
                }
            }
        }
    }
}

/// The FNV-1a hash of a normal form: the index keys on it. With ~150,000 names a
/// 64-bit collision has a probability near 1e-9, so names are not stored twice.
pub fn name_hash(normal: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in normal.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The hash of `name`'s normal form, `scratch` reused between calls.
pub fn key(name: &str, scratch: &mut String) -> u64 {
    normalize(name, scratch);
    name_hash(scratch)
}

fn push_folded(c: char, out: &mut String) {
    let base = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
        other => other,
    };
    out.push(base);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(name: &str) -> String {
        let mut out = String::new();
        normalize(name, &mut out);
        out
    }

    #[test]
    fn spellings_of_one_name_meet() {
        assert_eq!(normal("U.S."), normal("US"));
        assert_eq!(normal("St. Petersburg"), "st petersburg");
        assert_eq!(normal("Guinea-Bissau"), normal("Guinea - Bissau"));
        assert_eq!(normal("Brasília"), "brasilia");
        assert_eq!(normal("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(normal("  Baltic\n countries "), "baltic countries");
    }
}
