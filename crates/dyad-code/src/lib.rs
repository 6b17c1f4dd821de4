//! The event coder: from an analysed article to actor mentions, coded events and the
//! records the field's formats are written from.
//!
//! Stages, each in its own module, pass plain data: [`article`] (text, sentences, tags,
//! trees) → [`actors`] ([`Mention`]s) → [`coref`] (people and who is whom) → [`events`]
//! ([`Event`]s) and [`quotes`] (quotations, their speakers, the events inside them) →
//! [`record`] (the `doc` record of `shared/spec/output.md`) → [`format`] (doc, events,
//! GDELT, PLOVER).

pub mod actors;
pub mod article;
pub mod coder;
pub mod coref;
pub mod eval;
pub mod events;
pub mod format;
pub mod quotes;
pub mod places;
pub mod record;
pub mod tables;
pub mod times;

pub use actors::{Mention, MentionKind};
pub use article::AnalysedArticle;
pub use coder::Coder;
pub use events::{Event, Modality, Participant};
