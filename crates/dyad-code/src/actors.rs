//! Actor mentions resolved to CAMEO actor codes as of the article's date.
//!
//! At every word the longest of these pieces is taken: a person or metonym of the dated
//! overlay (`dictionaries/overlay/`), an extra actor or a role noun of the overlay, a
//! PETRARCH/Phoenix actor phrase, an agent phrase, or a capitalised word no dictionary
//! knows (a name word). Adjacent pieces form one noun phrase, also across "of (the)" or
//! "for (the)" after a role ("head of the US Department of Defense"), a possessive
//! ("Russia's foreign minister"), modifiers ("junior"), a title ("Mr.") and appositive
//! commas ("..., Lloyd Austin,"; "Paul Girard, a Canadian spokesman,"). A phrase's code
//! combines its pieces as PETRARCH does: the organisation nearest the head gives the
//! country, agents add sectors to a country that has none ("Russian" + "Foreign
//! Ministry" = `RUSGOV`), and a spokesman or head takes the code of the body they speak
//! for ("Pentagon spokesman" = `USAMIL`). A person's name in the phrase is coded from
//! the overlay when it knows the person on the article's date, else from the role
//! around the name ("US State Department spokesman Ned Price" = `USAGOV`).
//!
//! Later surnames ("Price"), definite role phrases ("the State Department spokesman"),
//! he/him/she/her (the nearest person of that gender, never past a person no one could
//! code) and they/them (only the one group of people before it in the sentence) refer
//! back to the full mention and take its code.
//!
//! Works from word forms alone; tags, when present, only rule out closed-class words
//! as names and decide sentence-initial names and object "her". The dependency tree is
//! not used.
//!
//! An article without a date is coded as of [`ActorResolver::set_undated`], by
//! default the latest date, so that open-ended codes (current office holders) apply.

mod code;
mod group;
mod overlay;
mod refer;
mod scan;
mod words;

use crate::article::AnalysedArticle;
use chrono::NaiveDate;
use dyad_dict::{Dictionaries, Source, Warning};
use dyad_text::Span;
use serde::Serialize;
use std::ops::Range;

pub use code::{country_of, sector_of};
pub use overlay::{Entry, Overlay, Section};
pub(crate) use overlay::normalized;

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person's name known from the dated overlay or from its role words.
    Named,
    /// A role noun phrase ("the State Department spokesman").
    Role,
    /// A capital or building standing for a government ("Moscow", "the Kremlin").
    Metonym,
    Pronoun,
    /// A surname repeating an earlier full name ("Price").
    Surname,
    /// A phrase from the actor dictionaries.
    Dictionary,
}

/// One actor mention in the article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub sentence: usize,
    /// Word indices (0-based, half-open) within the sentence.
    pub words: Range<usize>,
    pub span: Span,
    pub text: String,
    /// Full CAMEO actor code (`USAGOV`, `IGOWSTNAT`).
    pub code: String,
    /// ISO 3166-1 alpha-3, or the CAMEO region/IGO code where no single country applies.
    pub country: Option<String>,
    pub sector: Option<String>,
    /// The person's name, for people.
    pub name: Option<String>,
    pub kind: MentionKind,
    /// Index (into the article's mentions) of the mention this one repeats.
    pub refers_to: Option<usize>,
    /// Evidence: dictionary `file:line`, `overlay:file:line`, `metonym:file:line`,
    /// `role:<role words>`, `surname` or `pronoun`.
    pub rule: String,
}

macro_rules! bundled {
    ($name:literal) => {
        Source {
            name: concat!("dictionaries/overlay/", $name),
            text: include_str!(concat!("../../../dictionaries/overlay/", $name)),
        }
    };
}

/// The overlay files compiled into the binary.
pub fn bundled_overlay_sources() -> [Source<'static>; 3] {
    [bundled!("people.txt"), bundled!("places.txt"), bundled!("roles.txt")]
}

/// Finds actor mentions. Built once, shared read-only by all threads.
pub struct ActorResolver {
    /// Users' overlays first, then the bundled one: earlier overlays win ties.
    overlays: Vec<Overlay>,
    undated: NaiveDate,
    /// Problems in the bundled overlay (none are expected; a test checks).
    pub warnings: Vec<Warning>,
}

impl ActorResolver {
    pub fn new(_dictionaries: &Dictionaries) -> ActorResolver {
        let mut warnings = Vec::new();
        let mut bundled = Overlay::default();
        for source in bundled_overlay_sources() {
            bundled.add(source, &mut warnings);
        }
        ActorResolver { overlays: vec![bundled], undated: NaiveDate::MAX, warnings }
    }

    /// Adds a user's overlay file, looked up before the bundled one. Lines that do not
    /// follow the format are skipped and returned as warnings.
    pub fn add_overlay(&mut self, source: Source<'_>) -> Vec<Warning> {
        let mut warnings = Vec::new();
        let overlay = Overlay::read(source, &mut warnings);
        self.overlays.insert(self.overlays.len() - 1, overlay);
        warnings
    }

    /// The date undated articles are coded as of (the CLI passes today's date).
    pub fn set_undated(&mut self, date: NaiveDate) {
        self.undated = date;
    }

    /// The date an article is coded as of.
    pub fn date_of(&self, article: &AnalysedArticle) -> NaiveDate {
        article.document.date.unwrap_or(self.undated)
    }

    /// The gender the overlays give the first name or title at `norm[i]` (words
    /// normalised as the overlay's phrases: upper case).
    pub fn gender_at(&self, norm: &[String], i: usize) -> Option<crate::coref::Gender> {
        crate::coref::names::overlay_gender(&self.overlays, norm, i)
    }

    /// Every actor mention of the article, ordered by sentence and position.
    pub fn mentions(&self, article: &AnalysedArticle, dictionaries: &Dictionaries) -> Vec<Mention> {
        self.mentions_on(article, dictionaries, self.date_of(article))
    }

    /// Like [`ActorResolver::mentions`], coded as of `date` whatever the article's date.
    pub fn mentions_on(&self, article: &AnalysedArticle, dictionaries: &Dictionaries, date: NaiveDate) -> Vec<Mention> {
        let context = scan::Context { overlays: &self.overlays, dictionaries, article, date };
        refer::resolve_article(&context)
    }
}
