use dyad_dict::{AgentDictionary, AgentPlacement, Source, Warning};

fn read(text: &str) -> (AgentDictionary, Vec<Warning>) {
    let mut warnings = Vec::new();
    let dictionary = AgentDictionary::read(&[Source { name: "test.agents", text }], &mut warnings);
    (dictionary, warnings)
}

fn agent<'a>(dictionary: &'a AgentDictionary, text: &str) -> Option<(usize, &'a str, AgentPlacement)> {
    let tokens: Vec<&str> = text.split(' ').collect();
    dictionary.lookup_at(&tokens, 0).map(|hit| (hit.len, hit.code, hit.placement))
}

const SAMPLE: &str = "\
<!-- PETRARCH VALIDATION SUITE AGENTS DICTIONARY -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG] # mj 05 Jan 2006
POLICE {} [ ~COP]
HUMAN_RIGHTS_BODY  [NGO~]
AUTHORITY  [~GOV]
CONGRESS!PERSON! [~LEG]
!MINIST! OF_FOREIGN_AFFAIRS [~GOV]
SEMI-OFFICIAL_NEWSPAPER [~MED]
";

const AFTER: AgentPlacement = AgentPlacement::AfterActor;

#[test]
fn reads_agents_with_plurals() {
    let (dictionary, warnings) = read(SAMPLE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(dictionary.agents().len(), 8);
    assert_eq!(agent(&dictionary, "foreign minister"), Some((2, "GOVFRM", AFTER)));
    assert_eq!(agent(&dictionary, "Foreign Ministers"), Some((2, "GOVFRM", AFTER)));
    assert_eq!(agent(&dictionary, "attorneys general"), Some((2, "GOVATG", AFTER)));
    assert_eq!(agent(&dictionary, "attorney generals"), None, "explicit plural replaces the regular one");
    assert_eq!(agent(&dictionary, "police"), Some((1, "COP", AFTER)));
    assert_eq!(agent(&dictionary, "polices"), None, "{{}} suppresses the plural");
    assert_eq!(agent(&dictionary, "authorities"), Some((1, "GOV", AFTER)));
    assert_eq!(agent(&dictionary, "semi - official newspapers"), Some((4, "MED", AFTER)));
}

#[test]
fn placement_follows_the_tilde() {
    let (dictionary, _) = read(SAMPLE);
    assert_eq!(agent(&dictionary, "human rights body"), Some((3, "NGO", AgentPlacement::BeforeActor)));
}

#[test]
fn substitution_sets_expand_every_item() {
    let (dictionary, _) = read(SAMPLE);
    for word in ["congressman", "congressmen", "congresswoman", "congresswomen", "congressperson"] {
        assert_eq!(agent(&dictionary, word), Some((1, "LEG", AFTER)), "{word}");
    }
    assert_eq!(agent(&dictionary, "congresspersons"), None, "no plurals after substitution");
    assert_eq!(agent(&dictionary, "Ministry of Foreign Affairs"), Some((4, "GOV", AFTER)));
    assert_eq!(agent(&dictionary, "ministries of foreign affairs"), Some((4, "GOV", AFTER)));
    let hit = dictionary.lookup_at(&["Ministry", "of", "Foreign", "Affairs"], 0).unwrap();
    assert_eq!(hit.rule.to_string(), "test.agents:11");
}

#[test]
fn malformed_agent_lines_are_warnings() {
    let text = "\
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
ENVOY [GOV]
!UNDEFINED!_MEMBER [~GOV]
DIPLOMAT [~GOV] [~ELI]
GOOD_ONE {GOOD_ONES [~GOV]
ECOLOGIST [~ENV]
";
    let (dictionary, warnings) = read(text);
    let lines: Vec<u32> = warnings.iter().map(|warning| warning.line).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 6], "{warnings:#?}");
    assert_eq!(agent(&dictionary, "ecologists"), Some((1, "ENV", AFTER)));
}
