use dyad_dict::{EventCode, PatternItem, Source, VerbDictionary, VerbFormat, Warning, WordSketch};

fn read(format: VerbFormat, text: &str) -> (VerbDictionary, Vec<Warning>) {
    let mut warnings = Vec::new();
    let dictionary = VerbDictionary::read(format, &[Source { name: "test.verbs", text }], &mut warnings);
    (dictionary, warnings)
}

fn code(primary: &str) -> EventCode {
    EventCode { primary: Some(primary.to_string()), secondary: None }
}

fn word(text: &str) -> PatternItem {
    PatternItem::Word(text.to_string())
}

const PETRARCH2: &str = "\
# comment
&AUXVERB1_
+WAS
+WERE

&CURRENCY
+MONEY
+CASH_
+EURO

&FIGHT_OF_WORDS
+SPAT

&MONEYLIKE
+&CURRENCY
+GOLD

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
ASK     [020]
QUERY {QUERYING QUERIES QUERIED }
+CORDON_OFF
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }
+ANGERED_BY {}
- * (FOR {FINANCIAL AID})                          [0231]        # ASK
- * &CURRENCY                                      [0231]        # REQUEST
- $ * (TO +) (WITH %)                              [042:043]
- &AUXVERB1 * (FROM ^)                             [:173]
- * {&MONEYLIKE AID} $                             [1722]
- * (OVER &FIGHT_OF_WORDS)                         [110]
- * SIT-IN                                         [141]

--- DISGRACE [110] ---
DEBASE

~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK ) WANT = a b 021
";

#[test]
fn reads_synsets_with_plurals_and_nesting() {
    let (dictionary, warnings) = read(VerbFormat::Petrarch2, PETRARCH2);
    assert!(warnings.is_empty(), "{warnings:?}");
    let aux = dictionary.synset("&AUXVERB1").unwrap();
    assert!(aux.no_plurals);
    assert_eq!(aux.phrases, vec![vec!["WAS".to_string()], vec!["WERE".to_string()]]);
    let currency = dictionary.synset("CURRENCY").unwrap();
    let flat: Vec<String> = currency.phrases.iter().map(|phrase| phrase.join(" ")).collect();
    assert_eq!(flat, ["MONEY", "MONEYS", "CASH", "EURO", "EUROS"]);
    let nested = dictionary.synset("MONEYLIKE").unwrap();
    assert_eq!(nested.phrases.len(), 7);
    assert_eq!(dictionary.synset("FIGHT_OF_WORDS").unwrap().rule.line, 11);
}

#[test]
fn reads_verbs_forms_and_codes() {
    let (dictionary, _) = read(VerbFormat::Petrarch2, PETRARCH2);
    let block = &dictionary.blocks()[0];
    assert_eq!(block.name, "ASK");
    assert_eq!(block.code, Some(code("---")));
    assert_eq!(block.verbs.len(), 6);

    let ask_for = &block.verbs[0];
    assert_eq!(ask_for.lemma.words, ["ASK", "FOR"]);
    assert_eq!(ask_for.lemma.head, 0);
    assert_eq!(ask_for.forms[1].words, ["ASKING", "FOR"]);
    assert_eq!(ask_for.code, Some(code("020")));

    let query = &block.verbs[2];
    let forms: Vec<&str> = query.forms.iter().map(|form| form.head_word()).collect();
    assert_eq!(forms, ["QUERYING", "QUERIES", "QUERIED"]);

    let cordon = &block.verbs[3];
    let forms: Vec<String> = cordon.forms.iter().map(|form| form.words.join(" ")).collect();
    assert_eq!(forms, ["CORDONS OFF", "CORDONED OFF", "CORDONING OFF"]);

    let wiretap = &block.verbs[4];
    assert_eq!((wiretap.lemma.head_word(), wiretap.lemma.head), ("TAP", 1));
    assert_eq!(wiretap.forms[1].words, ["WIRE", "TAPPED"]);
    assert!(block.verbs[5].forms.is_empty(), "{{}} means no forms");

    assert_eq!(dictionary.blocks()[1].code, Some(code("110")));
    assert_eq!(dictionary.blocks()[1].verbs[0].forms[1].words, ["DEBASED"]);
}

#[test]
fn reads_pattern_structure() {
    let (dictionary, _) = read(VerbFormat::Petrarch2, PETRARCH2);
    let patterns = &dictionary.blocks()[0].patterns;
    assert_eq!(patterns.len(), 7);

    let aid = &patterns[0];
    assert!(aid.before.is_empty());
    assert_eq!(
        aid.after,
        [PatternItem::PrepPhrase(vec![word("FOR"), PatternItem::NounPhrase(vec![word("FINANCIAL"), word("AID")])])]
    );
    assert_eq!((aid.rule.line, aid.code.to_string().as_str()), (25, "0231"));
    assert_eq!(aid.text, "* (FOR {FINANCIAL AID})");

    assert_eq!(patterns[1].after, [PatternItem::Synset("CURRENCY".into())]);

    let both = &patterns[2];
    assert_eq!(both.before, [PatternItem::Source]);
    assert_eq!(
        both.after,
        [
            PatternItem::PrepPhrase(vec![word("TO"), PatternItem::Target]),
            PatternItem::PrepPhrase(vec![word("WITH"), PatternItem::Compound]),
        ]
    );
    assert_eq!(both.code, EventCode { primary: Some("042".into()), secondary: Some("043".into()) });

    let skip = &patterns[3];
    assert_eq!(skip.before, [PatternItem::Synset("AUXVERB1".into())]);
    assert_eq!(skip.after, [PatternItem::PrepPhrase(vec![word("FROM"), PatternItem::Skip])]);
    assert_eq!(skip.code, EventCode { primary: None, secondary: Some("173".into()) });

    assert_eq!(
        patterns[4].after,
        [PatternItem::NounPhrase(vec![PatternItem::Synset("MONEYLIKE".into()), word("AID")]), PatternItem::Source]
    );
    assert_eq!(
        patterns[5].after,
        [PatternItem::PrepPhrase(vec![word("OVER"), PatternItem::Synset("FIGHT_OF_WORDS".into())])]
    );
    assert_eq!(patterns[6].after, [word("SIT-IN")]);
}

/// The coder rules a pattern out when the clause lacks one of these bits, so every word
/// of the pattern, inside phrases too, must set its bit, and synsets and slots none.
#[test]
fn pattern_word_sketches_cover_nested_words_only() {
    let (dictionary, _) = read(VerbFormat::Petrarch2, PETRARCH2);
    let patterns = &dictionary.blocks()[0].patterns;
    let sketches = |words: &[&str]| words.iter().copied().collect::<WordSketch>();
    assert_eq!(patterns[0].word_sketches, sketches(&["FOR", "FINANCIAL", "AID"]));
    assert_eq!(patterns[1].word_sketches, WordSketch::default());
    assert_eq!(patterns[4].word_sketches, sketches(&["AID"]));
    assert_eq!(patterns[6].word_sketches, sketches(&["SIT-IN"]));
}

#[test]
fn reads_transformations() {
    let (dictionary, _) = read(VerbFormat::Petrarch2, PETRARCH2);
    let [say, want] = dictionary.transformations() else { panic!("two transformations") };
    assert_eq!((say.source.as_str(), say.verb.as_str()), ("a", "SAY"));
    assert_eq!((say.lower.source.as_str(), say.lower.target.as_str(), say.lower.verb.as_str()), ("a", "b", "ATTACK"));
    assert_eq!(say.result.verb, "015");
    assert_eq!((want.lower.target.as_str(), want.result.verb.as_str()), (".", "021"));
}

#[test]
fn looks_up_by_lemma_and_form() {
    let (dictionary, _) = read(VerbFormat::Petrarch2, PETRARCH2);
    let asks: Vec<String> = dictionary.lookup("ask").map(|hit| hit.verb.lemma.words.join(" ")).collect();
    assert_eq!(asks, ["ASK FOR", "ASK"]);
    let hit = dictionary.lookup("Ask").nth(1).unwrap();
    assert_eq!(hit.code(), Some(&code("020")));
    assert_eq!(hit.patterns().len(), 7);
    assert_eq!(hit.verb.rule.to_string(), "test.verbs:20");

    let queried: Vec<&str> = dictionary.lookup_form("queried").map(|hit| hit.verb.lemma.head_word()).collect();
    assert_eq!(queried, ["QUERY"]);
    assert_eq!(dictionary.lookup_form("asked").count(), 2, "ASK FOR lists ASKED FOR; ASK is regular");
    assert_eq!(dictionary.lookup("cordon").next().unwrap().code(), Some(&code("---")));
    assert_eq!(dictionary.lookup("debase").next().unwrap().code(), Some(&code("110")));
    assert_eq!(dictionary.lookup("tapped").count(), 0);
    assert_eq!(dictionary.lookup_form("tapped").count(), 1);
}

#[test]
fn malformed_verb_lines_are_warnings() {
    let text = "\
- * STRAY [010]
--- MAKE [---] ---
MAKE {MAKES MADE MAKING}
- * VENTURE (WITH VISIT) VISIT)[042]
- * (IN &WEATHER) [---]
- * AID [080!]
- * AID
- ASSISTANCE [070]
- * ONE * TWO [070]
* (TO QUESTION) [110]
SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93
SNUB [111] {SNUBS SNUBBING SNUBBED}
- * {UNCLOSED [070]
~ a (a b) SAY = a b 015
--- DISGRACE [110]--- ---
";
    let (dictionary, warnings) = read(VerbFormat::Petrarch2, text);
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, [1, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15], "{warnings:#?}");
    assert!(warnings[2].message.contains("&WEATHER"));
    let make = &dictionary.blocks()[0];
    assert_eq!(make.verbs.len(), 3, "MAKE, SCRAP and SNUB survive");
    assert_eq!(make.verbs[2].code, Some(code("111")));
    assert_eq!(dictionary.blocks()[1].code, Some(code("110")));
}

const TABARI: &str = "\
<!-- PETRARCH VALIDATION SUITE VERBS DICTIONARY -->
&TIETYPES
+MILITARY
+ECONOMIC
--- ACCORD  [---] ---
ACCORD
- SUGGESTED_+ * DEMAND_&TIETYPES_CONVENTIONS  [111]
- IN_*  [075]
- SO IN_AND_*_OUT_AGAIN NOW [074]
- % * [030:030]  # pas 14.09.18
--- EXPLAIN_VERBAL [010]  ---
SAY  {SAYS SAID SAYING}
- $ * BOMB WAS FIRED AT IT FROM + [1123] # SAY
";

#[test]
fn reads_tabari_patterns_into_the_same_model() {
    let (dictionary, warnings) = read(VerbFormat::Tabari, TABARI);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(dictionary.format(), VerbFormat::Tabari);
    let patterns = &dictionary.blocks()[0].patterns;
    assert_eq!(patterns[0].before, [word("SUGGESTED"), PatternItem::Joined, PatternItem::Target]);
    assert_eq!(
        patterns[0].after,
        [
            word("DEMAND"),
            PatternItem::Joined,
            PatternItem::Synset("TIETYPES".into()),
            PatternItem::Joined,
            word("CONVENTIONS")
        ]
    );
    assert_eq!(patterns[1].before, [word("IN"), PatternItem::Joined]);
    assert_eq!(patterns[2].before, [word("SO"), word("IN"), PatternItem::Joined, word("AND"), PatternItem::Joined]);
    assert_eq!(patterns[2].after, [PatternItem::Joined, word("OUT"), PatternItem::Joined, word("AGAIN"), word("NOW")]);
    assert_eq!(patterns[3].before, [PatternItem::Compound]);
    let said = dictionary.lookup_form("said").next().unwrap();
    assert_eq!(said.block.name, "EXPLAIN_VERBAL");
    assert_eq!(said.patterns()[0].rule.line, 13);
}

#[test]
fn damaged_header_still_opens_its_block() {
    let text = "\
--- ASK [020] ---
ASK
--- REPORT  [025?] ---
REPORT
- * RUMOR [010]
--- DELAY [120]  [031:031]  ---
DELAY
";
    let (dictionary, warnings) = read(VerbFormat::Tabari, text);
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, [3, 6], "{warnings:#?}");
    let report = dictionary.lookup("report").next().unwrap();
    assert_eq!((report.block.name.as_str(), report.code()), ("REPORT", None));
    assert_eq!(report.patterns().len(), 1);
    assert_eq!(dictionary.lookup("ask").next().unwrap().patterns().len(), 0);
    assert_eq!(dictionary.lookup("delay").next().unwrap().code(), Some(&code("120")));
}

const PHRASAL: &str = "\
---  DEMAND   [100]  ---
DEMAND
PRESS
- * ON                                                [190]         # PRESS
- * RANSOM                                            [181]         # DEMAND
- * AHEAD                                             [170]         # NOBODY
- CROWD *                                             [141]         # PRESS
";

#[test]
fn a_phrasal_pattern_applies_only_to_the_verb_it_was_written_for() {
    let (dictionary, warnings) = read(VerbFormat::Petrarch2, PHRASAL);
    assert!(warnings.is_empty(), "{warnings:?}");
    let demand = dictionary.lookup("demand").next().unwrap();
    let press = dictionary.lookup("press").next().unwrap();
    let patterns = demand.patterns();
    let (on, ransom, ahead) = (&patterns[0], &patterns[1], &patterns[2]);
    assert!(on.is_phrasal() && !ransom.is_phrasal());
    assert!(press.applies(on) && !demand.applies(on), "'press on' is PRESS's idiom");
    assert!(press.applies(ransom) && demand.applies(ransom), "a content word applies to the whole block");
    // A comment that names no verb of the block restricts nothing.
    assert_eq!(ahead.origin, None);
    assert!(demand.applies(ahead));
    assert!(press.written_for(on) && !demand.written_for(on));
    // So does one reading only the subject ("crowds pressed").
    let crowd = &patterns[3];
    assert!(crowd.reads_subject_only() && !on.reads_subject_only());
    assert!(press.applies(crowd) && !demand.applies(crowd));
}

#[test]
fn a_verb_in_a_later_file_replaces_its_earlier_entries() {
    let base = "---  COMPROMISE   [080]  ---\nNEGOTIATE\nSETTLE\n- * (WITH)  [050]  # NEGOTIATE\n";
    let overlay = "---  NEGOTIATE   [046]  ---\nNEGOTIATE\n- * (WITH +)  [046:046]  # NEGOTIATE\n";
    let mut warnings = Vec::new();
    let sources = [Source { name: "base.verbs", text: base }, Source { name: "overlay.verbs", text: overlay }];
    let dictionary = VerbDictionary::read(VerbFormat::Petrarch2, &sources, &mut warnings);
    assert!(warnings.is_empty(), "{warnings:?}");
    let negotiate: Vec<_> = dictionary.lookup("negotiate").collect();
    assert_eq!(negotiate.len(), 1);
    assert_eq!(negotiate[0].code(), Some(&code("046")));
    assert_eq!(negotiate[0].verb.rule.file.as_ref(), "overlay.verbs");
    assert_eq!(dictionary.lookup_form("negotiated").count(), 1);
    // Verbs the overlay does not name keep their block.
    let settle: Vec<_> = dictionary.lookup("settle").collect();
    assert_eq!((settle.len(), settle[0].code()), (1, Some(&code("080"))));
}
