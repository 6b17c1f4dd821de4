//! PLOVER events in the style of POLECAT's JSON records: one object per event with
//! `event_type`, `mode`, `context`, `actors` and `recipients`.
//!
//! CAMEO is dyadic: "the United States and Jordan agreed a pact" is two events, USA→JOR
//! and JOR→USA, and the `doc` record keeps both. PLOVER and POLECAT code the act once,
//! with lists of actors and recipients, so the CAMEO events one trigger yields are
//! grouped back into one PLOVER event here (see [`plover_groups`]).

use crate::events::Modality;
use crate::record::{ActorRecord, DocRecord, EventRecord};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

#[derive(Serialize)]
struct PloverEvent<'r> {
    /// `<story id>-<index of its first event>`: stable across runs.
    event_id: String,
    /// The `doc` record's events this one groups (indices into `events`).
    events: Vec<usize>,
    story_id: &'r str,
    sentence: usize,
    date: Option<&'r str>,
    event_type: &'r str,
    mode: Option<&'r str>,
    context: Option<&'r str>,
    /// `context` split into its parts (`"crime; corruption"` → two).
    contexts: Vec<&'r str>,
    actors: Vec<PloverActor<'r>>,
    recipients: Vec<PloverActor<'r>>,
    /// The words that express the event.
    event_text: &'r str,
    /// The sentence the event was coded from.
    text: &'r str,
    cameo: &'r str,
    quad_class: Option<u8>,
    goldstein: Option<f64>,
    negated: bool,
    modality: crate::events::Modality,
    /// Where the event happened, as in the `doc` record (POLECAT's geolocation).
    location: Option<&'r crate::places::PlaceRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'r str>,
    coder: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct PloverActor<'r> {
    #[serde(rename = "actorText")]
    text: &'r str,
    code: &'r str,
    country: Option<&'r str>,
    sector: Option<&'r str>,
    start: usize,
    end: usize,
}

/// One JSON line per PLOVER event. CAMEO statements (root 01) have no PLOVER type and
/// are left out.
pub fn plover<'r>(record: &'r DocRecord, out: &mut String) {
    let actor = |a: &'r ActorRecord| (a.start, a.end, a.code.as_str());
    let keys = record.events.iter().map(|e| {
        let (source, target) = (e.source.as_ref().map(actor), e.target.as_ref().map(actor));
        act_key(e.sentence, (e.trigger.start, e.trigger.end), &e.cameo, e.negated, e.modality, source, target)
    });
    for group in plover_groups(keys) {
        if let Some(line) = plover_event(record, &group) {
            super::json_line(&line, out);
        }
    }
}

/// Where an actor is (byte span) and its code.
pub(crate) type ActorKey<'e> = (usize, usize, &'e str);
/// Sentence, trigger span, code, negation and modality: what the pairs of compound
/// actors share.
pub(crate) type ActKey<'e> = (usize, (usize, usize), &'e str, bool, Modality);
/// Sentence, trigger span, source and target.
pub(crate) type PairKey<'e> = (usize, (usize, usize), ActorKey<'e>, ActorKey<'e>);

/// An event's keys for [`plover_groups`]: its act, and, with a source and a target,
/// its pair both ways round.
pub(crate) fn act_key<'e>(
    sentence: usize,
    trigger: (usize, usize),
    cameo: &'e str,
    negated: bool,
    modality: Modality,
    source: Option<ActorKey<'e>>,
    target: Option<ActorKey<'e>>,
) -> (ActKey<'e>, Option<(PairKey<'e>, PairKey<'e>)>) {
    let pair = source.zip(target).map(|(s, t)| ((sentence, trigger, s, t), (sentence, trigger, t, s)));
    ((sentence, trigger, cameo, negated, modality), pair)
}

/// Groups events into acts, in order of first appearance: each group is the indices of
/// its events. Each event gives what makes two CAMEO events one act (`act`: sentence,
/// trigger span, code, negation and modality, shared by the pairs of compound actors)
/// and, when it has a source and a target, its trigger with the two as source and
/// target and then the other way round (`pair`). An event with the act of an earlier
/// one, or the reverse of an earlier one's pair, is in its group: one trigger between
/// two actors that CAMEO codes both ways with two codes is one act ("A hosted B": A
/// hosts B, 043, and B visits A, 042; "peacekeepers arrived in B": 074, and B receives
/// them, 0861).
pub fn plover_groups<K: Eq + Hash, P: Eq + Hash>(keys: impl Iterator<Item = (K, Option<(P, P)>)>) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_act: HashMap<K, usize> = HashMap::new();
    let mut group_of_pair: HashMap<P, usize> = HashMap::new();
    // A group merged into an earlier one points to it.
    let mut merged_into: Vec<usize> = Vec::new();
    let find = |merged_into: &Vec<usize>, mut group: usize| {
        while merged_into[group] != group {
            group = merged_into[group];
        }
        group
    };
    for (index, (act, pair)) in keys.enumerate() {
        let by_act = group_of_act.get(&act).map(|&g| find(&merged_into, g));
        let by_pair =
            pair.as_ref().and_then(|(_, reversed)| group_of_pair.get(reversed)).map(|&g| find(&merged_into, g));
        let group = match (by_act, by_pair) {
            (Some(a), Some(b)) if a != b => {
                let (keep, gone) = (a.min(b), a.max(b));
                let moved = std::mem::take(&mut groups[gone]);
                groups[keep].extend(moved);
                merged_into[gone] = keep;
                keep
            }
            (Some(group), _) | (None, Some(group)) => group,
            (None, None) => {
                groups.push(Vec::new());
                merged_into.push(groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[group].push(index);
        group_of_act.entry(act).or_insert(group);
        if let Some((own, _)) = pair {
            group_of_pair.entry(own).or_insert(group);
        }
    }
    groups
        .into_iter()
        .filter(|group| !group.is_empty())
        .map(|mut group| {
            group.sort_unstable();
            group
        })
        .collect()
}

fn plover_event<'r>(record: &'r DocRecord, group: &[usize]) -> Option<PloverEvent<'r>> {
    let events: Vec<&EventRecord> = group.iter().map(|&i| &record.events[i]).collect();
    let event = events[0];
    let event_type = event.plover.event_type.as_deref()?;
    let context = event.plover.context.as_deref();
    // The first event's code and direction represent the act: the reverse reading of a
    // reciprocal code ("A hosted B" as B visiting A) adds no actor of its own.
    let same_code: Vec<&EventRecord> = events.iter().copied().filter(|e| e.cameo == event.cameo).collect();
    let (actors, recipients) = participants(&same_code);
    Some(PloverEvent {
        event_id: format!("{}-{}", record.id, group[0]),
        events: group.to_vec(),
        story_id: &record.id,
        sentence: event.sentence,
        date: event.date.as_deref(),
        event_type,
        mode: event.plover.mode.as_deref(),
        context,
        contexts: context.map(|c| c.split(';').map(str::trim).filter(|c| !c.is_empty()).collect()).unwrap_or_default(),
        actors: actors.into_iter().map(actor).collect(),
        recipients: recipients.into_iter().map(actor).collect(),
        event_text: &event.trigger.text,
        text: record.sentence_text(event.sentence),
        cameo: &event.cameo,
        quad_class: event.quad_class,
        goldstein: event.goldstein,
        negated: event.negated,
        modality: event.modality,
        location: event.location.as_ref(),
        url: record.url.as_deref(),
        coder: "dyad",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The distinct sources and targets of one act's CAMEO events. When every pair runs
/// both ways ("X and Y agreed": X→Y and Y→X) the act is joint: all of them are its
/// actors and it has no recipient, as PLOVER's records code it.
fn participants<'r>(events: &[&'r EventRecord]) -> (Vec<&'r ActorRecord>, Vec<&'r ActorRecord>) {
    let same = |a: &ActorRecord, b: &ActorRecord| (a.start, a.end, &a.code) == (b.start, b.end, &b.code);
    let mut sources: Vec<&ActorRecord> = Vec::new();
    let mut targets: Vec<&ActorRecord> = Vec::new();
    for event in events {
        for (side, list) in [(&event.source, &mut sources), (&event.target, &mut targets)] {
            if let Some(a) = side {
                if !list.iter().any(|b| same(a, b)) {
                    list.push(a);
                }
            }
        }
    }
    let key = |a: &ActorRecord| (a.start, a.end, a.code.clone());
    let pairs: HashSet<_> =
        events.iter().filter_map(|e| Some((key(e.source.as_ref()?), key(e.target.as_ref()?)))).collect();
    let reversed = |e: &EventRecord| match (&e.source, &e.target) {
        (Some(s), Some(t)) => pairs.contains(&(key(t), key(s))),
        _ => false,
    };
    if events.len() > 1 && events.iter().all(|e| reversed(e)) {
        return (sources, Vec::new());
    }
    (sources, targets)
}

fn actor(a: &ActorRecord) -> PloverActor<'_> {
    PloverActor {
        text: &a.text,
        code: &a.code,
        country: a.country.as_deref(),
        sector: a.sector.as_deref(),
        start: a.start,
        end: a.end,
    }
}
