use dyad_dict::{normalize_token, noun_plural, phrase_words, verb_forms};

#[test]
fn phrases_split_like_a_ud_tokenizer() {
    assert_eq!(phrase_words("UNITED_STATES_"), ["UNITED", "STATES"]);
    assert_eq!(phrase_words("U.S._VICE_PRESIDENT"), ["U.S.", "VICE", "PRESIDENT"]);
    assert_eq!(phrase_words("MAZAR-I-SHARIF_"), ["MAZAR", "-", "I", "-", "SHARIF"]);
    assert_eq!(phrase_words("NATO'S_ALLIES"), ["NATO", "'S", "ALLIES"]);
    assert_eq!(phrase_words("AMERICA_(UNITED_STATES)_"), ["AMERICA", "(", "UNITED", "STATES", ")"]);
    assert_eq!(phrase_words("FOR_AGRICULTURE,_FISHERIES"), ["FOR", "AGRICULTURE", ",", "FISHERIES"]);
    assert_eq!(phrase_words("journalists'_union"), ["JOURNALISTS", "'", "UNION"]);
    assert_eq!(phrase_words("PRESIDENT HOSNI  MUBARAK"), ["PRESIDENT", "HOSNI", "MUBARAK"]);
    assert!(phrase_words("_ _").is_empty());
}

#[test]
fn tokens_normalise_case_and_apostrophes() {
    let mut out = String::new();
    normalize_token("Ukrainian", &mut out);
    assert_eq!(out, "UKRAINIAN");
    normalize_token("’s", &mut out);
    assert_eq!(out, "'S");
    normalize_token("Ñandú", &mut out);
    assert_eq!(out, "ÑANDÚ");
}

#[test]
fn regular_plurals_and_verb_forms() {
    assert_eq!(noun_plural("MINISTER").as_deref(), Some("MINISTERS"));
    assert_eq!(noun_plural("AUTHORITY").as_deref(), Some("AUTHORITIES"));
    assert_eq!(noun_plural("ATTORNEY").as_deref(), Some("ATTORNEYS"));
    assert_eq!(noun_plural("CONGRESS").as_deref(), Some("CONGRESSES"));
    assert_eq!(noun_plural("CHURCH").as_deref(), Some("CHURCHES"));
    assert_eq!(noun_plural("U.S."), None);
    assert_eq!(verb_forms("ATTACK"), ["ATTACKS", "ATTACKED", "ATTACKING"]);
    assert_eq!(verb_forms("ACCUSE"), ["ACCUSES", "ACCUSED", "ACCUSING"]);
    assert_eq!(verb_forms("DENY"), ["DENIES", "DENIED", "DENYING"]);
    assert_eq!(verb_forms("VETO"), ["VETOES", "VETOED", "VETOING"]);
    assert_eq!(verb_forms("TIE"), ["TIES", "TIED", "TYING"]);
    assert_eq!(verb_forms("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
    assert_eq!(verb_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
}
