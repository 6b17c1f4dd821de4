//! `dyad code`: articles in, coded events out, in the `doc`, `events`, `gdelt` or
//! `plover` format.

use crate::output::{peak_rss_mb, Output};
use crate::parse::ReadArgs;
use anyhow::Context;
use dyad_code::format::{self, Format};
use dyad_code::quotes::{CueVerbs, QuoteFinder};
use dyad_code::record::{DocRecord, RecordError};
use dyad_code::Coder;
use dyad_dict::{Dictionaries, DictionarySources, Source, VerbFormat, Warning};
use dyad_text::read::{read_inputs, InputFormat, Location, ReadError, ReadOptions};
use dyad_text::Document;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct CodeArgs {
    /// Files, directories (read recursively) or `-` for standard input (the default).
    inputs: Vec<String>,
    /// `auto` picks JSON Lines for .jsonl/.ndjson/.json (also gzipped), plain text otherwise.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputKind,
    #[command(flatten)]
    read: ReadArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "doc")]
    format: OutputFormat,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Worker threads; 0 means one per core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Print one JSON line of counts, time and peak memory on standard error at the end.
    #[arg(long)]
    stats: bool,
    /// Directory with tagger.bin, lemmas.bin and parser.bin instead of the bundled models.
    #[arg(long)]
    models: Option<PathBuf>,
    #[command(flatten)]
    dictionaries: DictionaryArgs,
}

/// Dictionary files that replace the production ones, kind by kind.
#[derive(clap::Args)]
pub(crate) struct DictionaryArgs {
    /// Verb pattern file(s) instead of the production CAMEO.2.0.txt.
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
    /// Syntax of the --verbs files; `auto` tells PETRARCH2 from TABARI by their patterns.
    #[arg(long, value_enum, default_value = "auto")]
    verb_format: VerbFormatArg,
    /// Actor dictionary file(s) (repeatable) instead of the Phoenix actor files.
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// Agent dictionary file(s) instead of Phoenix.agents.txt.
    #[arg(long = "agents", value_name = "FILE")]
    agents: Vec<PathBuf>,
    /// Discard file(s) instead of Phoenix.discards.txt.
    #[arg(long = "discards", value_name = "FILE")]
    discards: Vec<PathBuf>,
    /// Issue file(s) instead of Phoenix.IssueCoding.txt.
    #[arg(long = "issues", value_name = "FILE")]
    issues: Vec<PathBuf>,
    /// Actor overlay file(s) (dated people, metonyms, roles; see
    /// dictionaries/overlay/README.md), looked up before the bundled overlay. Repeatable;
    /// earlier files win.
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Quotation cue verbs instead of dictionaries/quote-cues.txt (same format: one
    /// lemma a line, optional `object` or `addressee` flag).
    #[arg(long = "quote-cues", value_name = "FILE")]
    quote_cues: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum InputKind {
    Auto,
    Text,
    Jsonl,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    /// One JSON record per article (shared/spec/output.md).
    Doc,
    /// One JSON line per event, with its article's id and date and the sentence.
    Events,
    /// The GDELT 2.0 event table (61 tab-separated columns, no header).
    Gdelt,
    /// POLECAT-style PLOVER events, one JSON line each: one per act, the CAMEO pairs of
    /// compound actors grouped into lists of actors and recipients.
    Plover,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum VerbFormatArg {
    Auto,
    Petrarch2,
    Tabari,
}

/// Articles are coded in batches: large enough to keep every core busy, small enough
/// that memory stays bounded on a corpus of any size.
const BATCH: usize = 256;

/// Dictionary warnings shown one by one; beyond this only their number.
const SHOWN_WARNINGS: usize = 20;

/// What one input item became: its rendered lines and its counts.
#[derive(Default)]
struct Coded {
    text: String,
    sentences: usize,
    tokens: usize,
    events: usize,
    failed: bool,
}

#[derive(Default)]
struct Totals {
    documents: usize,
    sentences: usize,
    tokens: usize,
    events: usize,
    errors: usize,
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let coder = build_coder(&args)?;
    let mut output = Output::create(args.output.as_deref())?;
    let totals = code_inputs(&coder, &args, &mut output)?;
    output.finish()?;
    let status = crate::parse::report(totals.documents - totals.errors, totals.errors)?;
    if args.stats {
        eprintln!("{}", stats_line(&totals, started));
    }
    Ok(status)
}

/// The models, the dictionaries with the user's replacements and overlays, and the
/// warnings about the user's files shown.
fn build_coder(args: &CodeArgs) -> anyhow::Result<Coder> {
    load_coder(&args.dictionaries, args.models.as_deref())
}

/// The coder of `build_coder`, for the other commands that code (`ingest`, `serve`).
pub(crate) fn load_coder(args: &DictionaryArgs, models: Option<&std::path::Path>) -> anyhow::Result<Coder> {
    let dictionaries = load_dictionaries(args)?;
    let mut warnings = given_file_warnings(&dictionaries.warnings, args);
    let models = crate::load_models(models)?;
    let mut coder = Coder::new(models, dictionaries);
    warnings.extend(add_overlays(&mut coder, &args.overlays)?);
    if let Some(path) = &args.quote_cues {
        let (name, text) = read_text(path)?;
        coder.quotes = QuoteFinder::new(CueVerbs::parse(&name, &text)?);
    }
    show_warnings(&warnings);
    if let Some(today) = today() {
        coder.actors.set_undated(today);
    }
    Ok(coder)
}

/// Codes every input in batches, writing each article's lines in input order.
fn code_inputs(coder: &Coder, args: &CodeArgs, output: &mut Output) -> anyhow::Result<Totals> {
    let format = args.format.into();
    let options =
        ReadOptions { date: args.read.date, max_bytes: args.read.max_bytes, format: args.input_format.into() };
    let inputs = if args.inputs.is_empty() { vec!["-".to_string()] } else { args.inputs.clone() };
    let mut progress = Progress::new(Instant::now());
    let mut totals = Totals::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut items = read_inputs(&inputs, &options).peekable();
    let pool = crate::thread_pool(args.threads)?;
    while items.peek().is_some() {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        let coded: Vec<Coded> = pool.install(|| batch.par_iter().map(|item| code_item(coder, item, format)).collect());
        for (item, coded) in batch.iter().zip(&coded) {
            if let Err(error) = item {
                progress.clear();
                eprintln!("error: {error}");
            }
            output.write_all(coded.text.as_bytes())?;
            totals.add(coded);
        }
        progress.show(totals.documents);
    }
    progress.finish();
    Ok(totals)
}

impl Totals {
    fn add(&mut self, coded: &Coded) {
        self.documents += 1;
        self.sentences += coded.sentences;
        self.tokens += coded.tokens;
        self.events += coded.events;
        self.errors += usize::from(coded.failed);
    }
}

fn stats_line(totals: &Totals, started: Instant) -> serde_json::Value {
    serde_json::json!({
        "documents": totals.documents,
        "sentences": totals.sentences,
        "tokens": totals.tokens,
        "events": totals.events,
        "errors": totals.errors,
        "seconds": started.elapsed().as_secs_f64(),
        "peak_rss_mb": peak_rss_mb(),
    })
}

/// Codes one article, or records why it could not be read or coded: either way the
/// article keeps its place in the output.
fn code_item(coder: &Coder, item: &Result<Document, ReadError>, format: Format) -> Coded {
    let record = match item {
        Ok(document) => code_document(coder, document),
        Err(error) => DocRecord::failed(&failed_id(error), read_error(error)),
    };
    Coded {
        text: format::render(format, &record),
        sentences: record.sentences.len(),
        tokens: record.token_count(),
        events: record.events.len(),
        failed: !record.errors.is_empty(),
    }
}

/// A coder bug on one article must not cost the rest of the corpus: the panic becomes
/// the article's error.
pub(crate) fn code_document(coder: &Coder, document: &Document) -> DocRecord {
    match catch_unwind(AssertUnwindSafe(|| coder.code(document))) {
        Ok(record) => record,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the coder failed".into());
            eprintln!("error: {}: coding failed: {message}", document.id);
            let error = RecordError { kind: "code".into(), message, offset: None, line: None };
            DocRecord { date: document.date.map(|d| d.to_string()), ..DocRecord::failed(&document.id, error) }
        }
    }
}

/// An unreadable article has no id of its own: it is named by where it was.
fn failed_id(error: &ReadError) -> String {
    match error.location {
        Some(Location::Line(line)) => format!("{}:{line}", error.source),
        _ => error.source.clone(),
    }
}

fn read_error(error: &ReadError) -> RecordError {
    let (offset, line) = match error.location {
        Some(Location::Byte(byte)) => (Some(byte), None),
        Some(Location::Line(line)) => (None, Some(line)),
        None => (None, None),
    };
    RecordError { kind: "read".into(), message: error.message.clone(), offset, line }
}

/// The production dictionaries, with each kind given on the command line replaced by
/// the given files.
fn load_dictionaries(args: &DictionaryArgs) -> anyhow::Result<Dictionaries> {
    let read = |paths: &[PathBuf]| -> anyhow::Result<Vec<(String, String)>> { paths.iter().map(read_text).collect() };
    let (verbs, actors, agents) = (read(&args.verbs)?, read(&args.actors)?, read(&args.agents)?);
    let (discards, issues) = (read(&args.discards)?, read(&args.issues)?);
    let production = dyad_dict::production_sources();
    let verb_format = match args.verb_format {
        VerbFormatArg::Petrarch2 => VerbFormat::Petrarch2,
        VerbFormatArg::Tabari => VerbFormat::Tabari,
        VerbFormatArg::Auto if verbs.is_empty() => production.verb_format,
        VerbFormatArg::Auto => detect_verb_format(verbs.iter().map(|(_, text)| text.as_str())),
    };
    let (verbs, actors, agents) = (sources(&verbs), sources(&actors), sources(&agents));
    let (discards, issues) = (sources(&discards), sources(&issues));
    let dictionaries = Dictionaries::read(&DictionarySources {
        verb_format,
        verbs: pick(&verbs, production.verbs),
        actors: pick(&actors, production.actors),
        agents: pick(&agents, production.agents),
        discards: pick(&discards, production.discards),
        issues: pick(&issues, production.issues),
    });
    Ok(dictionaries)
}

/// The given files of one kind, or the production ones when none were given.
fn pick<'a>(given: &'a [Source<'a>], production: &'a [Source<'a>]) -> &'a [Source<'a>] {
    if given.is_empty() {
        production
    } else {
        given
    }
}

fn sources(texts: &[(String, String)]) -> Vec<Source<'_>> {
    texts.iter().map(|(name, text)| Source { name, text }).collect()
}

/// A dictionary file as text; stray non-UTF-8 bytes (old hand edits) are replaced.
fn read_text(path: &PathBuf) -> anyhow::Result<(String, String)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading dictionary {}", path.display()))?;
    Ok((path.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()))
}

/// PETRARCH2 patterns group words in `{noun phrases}` and `(prepositional phrases)`;
/// TABARI patterns are flat word sequences.
fn detect_verb_format<'t>(texts: impl Iterator<Item = &'t str>) -> VerbFormat {
    let mut patterns = 0;
    for line in texts.flat_map(str::lines).filter(|l| l.starts_with("- ")) {
        let pattern = line.split('[').next().unwrap_or_default();
        if pattern.contains(['(', '{']) {
            return VerbFormat::Petrarch2;
        }
        patterns += 1;
    }
    if patterns > 0 {
        VerbFormat::Tabari
    } else {
        VerbFormat::Petrarch2
    }
}

/// The warnings about the files the user gave. The vendored production set's few
/// known warnings are covered by dyad-dict's tests and would only be noise here.
fn given_file_warnings(warnings: &[Warning], args: &DictionaryArgs) -> Vec<Warning> {
    let given: Vec<String> = [&args.verbs, &args.actors, &args.agents, &args.discards, &args.issues]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect();
    warnings.iter().filter(|w| given.iter().any(|g| **g == *w.file)).cloned().collect()
}

/// Adds the user's overlays in the order given: the resolver looks them up in that
/// order, all before its bundled overlay.
fn add_overlays(coder: &mut Coder, paths: &[PathBuf]) -> anyhow::Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    for path in paths {
        let (name, text) = read_text(path)?;
        warnings.extend(coder.actors.add_overlay(Source { name: &name, text: &text }));
    }
    Ok(warnings)
}

/// Undated articles are coded as of today (UTC).
fn today() -> Option<chrono::NaiveDate> {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(chrono::DateTime::from_timestamp(i64::try_from(seconds).ok()?, 0)?.date_naive())
}

/// Prints `file:line: message` for each warning, and only the number beyond a screenful.
fn show_warnings(warnings: &[Warning]) {
    for warning in warnings.iter().take(SHOWN_WARNINGS) {
        eprintln!("warning: {warning}");
    }
    if warnings.len() > SHOWN_WARNINGS {
        eprintln!("warning: ... and {} more dictionary warnings", warnings.len() - SHOWN_WARNINGS);
    }
}

/// A one-line progress display on standard error, only when it is a terminal.
struct Progress {
    started: Instant,
    shown: bool,
    enabled: bool,
}

impl Progress {
    fn new(started: Instant) -> Progress {
        Progress { started, shown: false, enabled: std::io::stderr().is_terminal() }
    }

    fn show(&mut self, documents: usize) {
        if !self.enabled {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        eprint!("\r{documents} articles, {:.1} articles/s", documents as f64 / seconds);
        let _ = std::io::stderr().flush();
        self.shown = true;
    }

    /// Clears the progress line so that a message can take its place.
    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

impl From<InputKind> for InputFormat {
    fn from(kind: InputKind) -> InputFormat {
        match kind {
            InputKind::Auto => InputFormat::Auto,
            InputKind::Text => InputFormat::Text,
            InputKind::Jsonl => InputFormat::Jsonl,
        }
    }
}

impl From<OutputFormat> for Format {
    fn from(format: OutputFormat) -> Format {
        match format {
            OutputFormat::Doc => Format::Doc,
            OutputFormat::Events => Format::Events,
            OutputFormat::Gdelt => Format::Gdelt,
            OutputFormat::Plover => Format::Plover,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vendored(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries").join(name);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn verb_format_is_told_by_the_patterns() {
        assert_eq!(detect_verb_format([vendored("CAMEO.2.0.txt").as_str()].into_iter()), VerbFormat::Petrarch2);
        let tabari = vendored("CAMEO.verbpatterns.150430.txt");
        assert_eq!(detect_verb_format([tabari.as_str()].into_iter()), VerbFormat::Tabari);
        assert_eq!(detect_verb_format(["--- ATTACK [190] ---\nATTACK\n"].into_iter()), VerbFormat::Petrarch2);
    }

    #[test]
    fn unreadable_lines_are_named_by_file_and_line() {
        let error = ReadError::new("in.jsonl", Some(Location::Line(3)), "malformed JSON");
        assert_eq!(failed_id(&error), "in.jsonl:3");
        assert_eq!(read_error(&error).line, Some(3));
        let error = ReadError::new("in.txt.gz", Some(Location::Byte(17)), "bad gzip");
        assert_eq!((failed_id(&error).as_str(), read_error(&error).offset), ("in.txt.gz", Some(17)));
    }
}
