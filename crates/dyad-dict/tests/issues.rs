use dyad_dict::{IssueDictionary, IssueKind, Source, Warning};

fn read(text: &str) -> (IssueDictionary, Vec<Warning>) {
    let mut warnings = Vec::new();
    let dictionary = IssueDictionary::read(&[Source { name: "test.issues", text }], &mut warnings);
    (dictionary, warnings)
}

fn issue(dictionary: &IssueDictionary, text: &str) -> Option<(usize, IssueKind)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    dictionary.lookup_at(&tokens, 0).map(|hit| (hit.len, hit.issue.kind.clone()))
}

fn coded(len: usize, code: &str) -> Option<(usize, IssueKind)> {
    Some((len, IssueKind::Code(code.to_string())))
}

const SAMPLE: &str = "\
<ISSUE CATEGORY=\"ID_ATROCITY\" TYPE=\"ALL\">
n:atrocity [ID_ATROCITY]
ethnic v:purge [ID_ATROCITY]
war n:crime [ID_ATROCITY]
al+zarqawi network [NAMED_TERROR_GROUP]
pre+n:school [EARLY_CHILDHOOD_EDUCATION]
~Saturday Night massacre
~~Armenian genocide  # not coding historical cases
touristry[TOURISM]
</ISSUE>
<ISSUE CATEGORY=\"EUROPEAN_UNION\" TYPE=\"ALL\">
european central bank
</ISSUE>
";

#[test]
fn expands_nouns_verbs_and_joins() {
    let (dictionary, warnings) = read(SAMPLE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(issue(&dictionary, "atrocities"), coded(1, "ID_ATROCITY"));
    assert_eq!(issue(&dictionary, "Atrocity"), coded(1, "ID_ATROCITY"));
    for form in ["purge", "purges", "purged", "purging"] {
        assert_eq!(issue(&dictionary, &format!("ethnic {form}")), coded(2, "ID_ATROCITY"), "{form}");
    }
    assert_eq!(issue(&dictionary, "war crimes"), coded(2, "ID_ATROCITY"));
    assert_eq!(issue(&dictionary, "al zarqawi network"), coded(3, "NAMED_TERROR_GROUP"));
    assert_eq!(issue(&dictionary, "al - Zarqawi network"), coded(4, "NAMED_TERROR_GROUP"));
    assert_eq!(issue(&dictionary, "pre - schools"), coded(3, "EARLY_CHILDHOOD_EDUCATION"));
    assert_eq!(issue(&dictionary, "pre school"), coded(2, "EARLY_CHILDHOOD_EDUCATION"));
    assert_eq!(issue(&dictionary, "touristry"), coded(1, "TOURISM"));
}

#[test]
fn ignore_phrases_and_categories() {
    let (dictionary, _) = read(SAMPLE);
    assert_eq!(issue(&dictionary, "Saturday Night massacre"), Some((3, IssueKind::Ignore)));
    assert_eq!(issue(&dictionary, "Armenian genocide"), Some((2, IssueKind::Ignore)));
    assert_eq!(issue(&dictionary, "European Central Bank"), coded(3, "EUROPEAN_UNION"));
    let hit = dictionary.lookup_at(&["atrocity"], 0).unwrap();
    assert_eq!(hit.issue.category.as_deref(), Some("ID_ATROCITY"));
    assert_eq!(hit.issue.rule.to_string(), "test.issues:2");
}

#[test]
fn malformed_issue_lines_are_warnings() {
    let text = "\
no category [CODE] trailing
uncoded outside a category
aqim [NAMED_TERROR_GROUP] [OTHER]
broken [CODE
";
    let (dictionary, warnings) = read(text);
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, [1, 2, 3, 4], "{warnings:#?}");
    assert_eq!(issue(&dictionary, "aqim"), coded(1, "NAMED_TERROR_GROUP"));
    assert_eq!(issue(&dictionary, "no category"), coded(2, "CODE"));
}
