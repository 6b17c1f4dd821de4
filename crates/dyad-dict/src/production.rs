//! The full dictionary set, from files on disk or from the copies vendored in
//! `dictionaries/` and embedded in the binary.

use std::path::PathBuf;

use crate::actors::ActorDictionary;
use crate::agents::AgentDictionary;
use crate::discards::DiscardDictionary;
use crate::issues::IssueDictionary;
use crate::source::{DictError, Source, Warning};
use crate::verbs::{VerbDictionary, VerbFormat};

/// Everything the event coder needs, plus what the readers could not use.
pub struct Dictionaries {
    pub verbs: VerbDictionary,
    pub actors: ActorDictionary,
    pub agents: AgentDictionary,
    pub discards: DiscardDictionary,
    pub issues: IssueDictionary,
    pub warnings: Vec<Warning>,
}

/// Paths of a dictionary set; files of one kind are read in order.
#[derive(Debug, Clone)]
pub struct DictionaryFiles {
    pub verb_format: VerbFormat,
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
}

/// The texts of a dictionary set, by kind.
#[derive(Debug, Clone, Copy)]
pub struct DictionarySources<'a> {
    pub verb_format: VerbFormat,
    pub verbs: &'a [Source<'a>],
    pub actors: &'a [Source<'a>],
    pub agents: &'a [Source<'a>],
    pub discards: &'a [Source<'a>],
    pub issues: &'a [Source<'a>],
}

impl Dictionaries {
    pub fn read(sources: &DictionarySources<'_>) -> Dictionaries {
        let mut warnings = Vec::new();
        let verbs = VerbDictionary::read(sources.verb_format, sources.verbs, &mut warnings);
        let actors = ActorDictionary::read(sources.actors, &mut warnings);
        let agents = AgentDictionary::read(sources.agents, &mut warnings);
        let discards = DiscardDictionary::read(sources.discards, &mut warnings);
        let issues = IssueDictionary::read(sources.issues, &mut warnings);
        Dictionaries { verbs, actors, agents, discards, issues, warnings }
    }

    /// Reads the files from disk. Only I/O fails; content problems are warnings.
    pub fn load(files: &DictionaryFiles) -> Result<Dictionaries, DictError> {
        let read_all =
            |paths: &[PathBuf]| -> Result<Vec<(String, String)>, DictError> { paths.iter().map(read_file).collect() };
        let texts =
            [&files.verbs, &files.actors, &files.agents, &files.discards, &files.issues].map(|paths| read_all(paths));
        let [verbs, actors, agents, discards, issues] = texts;
        let (verbs, actors, agents, discards, issues) = (verbs?, actors?, agents?, discards?, issues?);
        Ok(Dictionaries::read(&DictionarySources {
            verb_format: files.verb_format,
            verbs: &as_sources(&verbs),
            actors: &as_sources(&actors),
            agents: &as_sources(&agents),
            discards: &as_sources(&discards),
            issues: &as_sources(&issues),
        }))
    }
}

fn as_sources(texts: &[(String, String)]) -> Vec<Source<'_>> {
    texts.iter().map(|(name, text)| Source { name, text }).collect()
}

/// Reads a file as text; bytes that are not UTF-8 are replaced rather than rejected,
/// since the actor files mix encodings from decades of hand edits.
fn read_file(path: &PathBuf) -> Result<(String, String), DictError> {
    let bytes = std::fs::read(path).map_err(|source| DictError::Io { path: path.display().to_string(), source })?;
    let text = String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    Ok((path.display().to_string(), text))
}

macro_rules! vendored {
    ($name:literal) => {
        Source { name: concat!("dictionaries/", $name), text: include_str!(concat!("../../../dictionaries/", $name)) }
    };
}

/// The production set used by Phoenix and PETRARCH2, vendored in `dictionaries/`:
/// `CAMEO.2.0.txt` verbs (with our `overlay/verbs.txt`, which replaces the verbs it
/// names), the three Phoenix actor files, Phoenix agents, discards and issues.
pub fn production() -> Dictionaries {
    Dictionaries::read(&production_sources())
}

/// The embedded texts behind [`production`], for callers that read them piecemeal.
pub fn production_sources() -> DictionarySources<'static> {
    DictionarySources {
        verb_format: VerbFormat::Petrarch2,
        verbs: &[vendored!("CAMEO.2.0.txt"), vendored!("overlay/verbs.txt")],
        actors: &[
            vendored!("Phoenix.Countries.actors.txt"),
            vendored!("Phoenix.International.actors.txt"),
            vendored!("Phoenix.MilNonState.actors.txt"),
        ],
        agents: &[vendored!("Phoenix.agents.txt")],
        discards: &[vendored!("Phoenix.discards.txt")],
        issues: &[vendored!("Phoenix.IssueCoding.txt")],
    }
}
