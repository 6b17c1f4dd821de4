use std::path::PathBuf;

use dyad_dict::{DictError, Dictionaries, DictionaryFiles, PatternItem, Source, VerbDictionary, VerbFormat};

fn vendored(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries").join(name)
}

fn production_files() -> DictionaryFiles {
    DictionaryFiles {
        verb_format: VerbFormat::Petrarch2,
        verbs: vec![vendored("CAMEO.2.0.txt")],
        actors: vec![vendored("Phoenix.Countries.actors.txt"), vendored("Phoenix.International.actors.txt")],
        agents: vec![vendored("Phoenix.agents.txt")],
        discards: vec![vendored("Phoenix.discards.txt")],
        issues: vec![vendored("Phoenix.IssueCoding.txt")],
    }
}

#[test]
fn loads_dictionaries_from_disk() {
    let loaded = Dictionaries::load(&production_files()).expect("vendored files are readable");
    assert!(loaded.actors.phrase_count() > 30_000);
    let warning = loaded.warnings.first().expect("CAMEO.2.0.txt has malformed lines");
    assert!(warning.file.ends_with("CAMEO.2.0.txt"), "{warning}");
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let mut files = production_files();
    files.agents.push(vendored("no-such-file.txt"));
    let error = Dictionaries::load(&files).err().expect("missing file");
    assert!(matches!(&error, DictError::Io { path, .. } if path.ends_with("no-such-file.txt")), "{error}");
}

#[test]
fn reads_the_tabari_cameo_verb_file() {
    let text = std::fs::read_to_string(vendored("CAMEO.verbpatterns.150430.txt")).unwrap();
    let mut warnings = Vec::new();
    let source = Source { name: "CAMEO.verbpatterns.150430.txt", text: &text };
    let verbs = VerbDictionary::read(VerbFormat::Tabari, &[source], &mut warnings);
    for warning in &warnings {
        println!("{warning}");
    }
    assert!(warnings.len() <= 15, "{} warnings", warnings.len());
    assert!(verbs.pattern_count() > 10_000);
    let say = verbs.lookup_form("said").find(|hit| hit.block.name == "EXPLAIN_VERBAL").expect("SAY block");
    assert_eq!(say.code().unwrap().to_string(), "010");
    let joined = say.patterns().iter().find(|pattern| pattern.text == "* READY_TO_RENEW_DIPLOMATIC").unwrap();
    assert_eq!(joined.after[1], PatternItem::Joined);
}
