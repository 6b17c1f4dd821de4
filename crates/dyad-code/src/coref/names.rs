//! What the actor layer and coreference share about people: the gender pronouns and
//! titles carry, and names normalised for comparison.

/// Grammatical gender of a person, as far as a pronoun, title or first name tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// The gender of a third-person pronoun (upper-cased form), any case: subject, object,
/// possessive or reflexive. "HER" is both object and possessive; callers that care
/// tell them apart.
pub fn pronoun_gender(upper: &str) -> Option<Gender> {
    match upper {
        "HE" | "HIM" | "HIS" | "HIMSELF" => Some(Gender::Male),
        "SHE" | "HER" | "HERS" | "HERSELF" => Some(Gender::Female),
        _ => None,
    }
}

/// First-person pronouns: inside a quotation they are its speaker.
pub fn is_first_person(upper: &str) -> bool {
    matches!(upper, "I" | "ME" | "MY" | "MINE" | "MYSELF")
}

/// Who a first- or second-person pronoun speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    FirstSingular,
    FirstPlural,
    Second,
}

pub fn dialogue_person(upper: &str) -> Option<Voice> {
    match upper {
        "I" | "ME" | "MY" | "MINE" | "MYSELF" => Some(Voice::FirstSingular),
        "WE" | "US" | "OUR" | "OURS" | "OURSELVES" => Some(Voice::FirstPlural),
        "YOU" | "YOUR" | "YOURS" | "YOURSELF" | "YOURSELVES" => Some(Voice::Second),
        _ => None,
    }
}

/// A name as compared: words normalised like the overlay's phrases, one space apart.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().map(crate::actors::normalized).collect::<Vec<_>>().join(" ")
}

/// The gender an overlay's `[gender]` section gives the phrase at `norm[i]` (a first
/// name or a title); the first overlay that knows it wins.
pub(crate) fn overlay_gender(overlays: &[crate::actors::Overlay], norm: &[String], i: usize) -> Option<Gender> {
    use crate::actors::Section;
    overlays.iter().find_map(|overlay| overlay.lookup_at(Section::Gender, norm, i)).map(|found| {
        if found.entry.alternatives[0].code == "f" {
            Gender::Female
        } else {
            Gender::Male
        }
    })
}
