//! Dictionary-only actor mentions: actor phrases with the agent phrases around them
//! ("Arnor's foreign minister" → ARNGOVFRM). The evaluations use them where the
//! article's mentions are empty, so that the event coder can be scored on its own.

use crate::actors::{Mention, MentionKind};
use crate::article::AnalysedArticle;
use chrono::NaiveDate;
use dyad_dict::{AgentPlacement, Dictionaries};

/// Agents may stand this many words away from their actor ("Arnor's first deputy
/// prime minister").
const AGENT_REACH: usize = 3;

#[derive(Clone)]
enum Phrase {
    Actor(String),
    Agent(String, AgentPlacement),
}

#[derive(Clone)]
struct Found {
    start: usize,
    end: usize,
    phrase: Phrase,
    rule: String,
}

/// Every actor phrase of the article, with its agents, as mentions.
pub fn dictionary_mentions(article: &AnalysedArticle, dictionaries: &Dictionaries) -> Vec<Mention> {
    let date = article.document.date.unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"));
    let mut mentions = Vec::new();
    for sentence in 0..article.sentence_count() {
        let words = article.words(sentence);
        let found = phrases(&words, dictionaries, date);
        let upos: Vec<&str> = article.analyses[sentence].tags.iter().map(|tag| tag.upos_name()).collect();
        for (start, end, code, rule) in combine(&found, &words, &upos) {
            mentions.push(mention(article, sentence, start..end, code, rule));
        }
    }
    mentions
}

fn phrases(words: &[&str], dictionaries: &Dictionaries, date: NaiveDate) -> Vec<Found> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let actor = dictionaries.actors.lookup_at(words, at, date);
        let agent = dictionaries.agents.lookup_at(words, at);
        let actor_len = actor.map_or(0, |hit| hit.len);
        let agent_len = agent.map_or(0, |hit| hit.len);
        let next = match (actor, agent) {
            (Some(hit), _) if actor_len >= agent_len => {
                let phrase = Phrase::Actor(hit.code.to_string());
                Found { start: at, end: at + hit.len, phrase, rule: hit.rule.to_string() }
            }
            (_, Some(hit)) => {
                let phrase = Phrase::Agent(hit.code.to_string(), hit.placement);
                Found { start: at, end: at + hit.len, phrase, rule: hit.rule.to_string() }
            }
            _ => {
                at += 1;
                continue;
            }
        };
        at = next.end.max(at + 1);
        found.push(next);
    }
    found
}

/// Attaches to each actor the agents right before it ("NGO", "the police of") and
/// right after it ("Arnor's first deputy prime minister"); the agent's placement says
/// which side of the actor code its own code goes.
fn combine(found: &[Found], words: &[&str], upos: &[&str]) -> Vec<(usize, usize, String, String)> {
    let mut out = Vec::new();
    let mut used = vec![false; found.len()];
    for (index, item) in found.iter().enumerate() {
        let Phrase::Actor(code) = &item.phrase else { continue };
        used[index] = true;
        let (mut start, mut end, mut code) = (item.start, item.end, code.clone());
        let mut left = index;
        while left > 0 && !used[left - 1] && joins_left(&found[left - 1], start, words) {
            let Phrase::Agent(agent, placement) = &found[left - 1].phrase else { break };
            code = join(&code, agent, *placement);
            start = found[left - 1].start;
            used[left - 1] = true;
            left -= 1;
        }
        let mut right = index + 1;
        while right < found.len() && !used[right] && joins_right(end, &found[right], upos) {
            let Phrase::Agent(agent, placement) = &found[right].phrase else { break };
            code = join(&code, agent, *placement);
            end = found[right].end;
            used[right] = true;
            right += 1;
        }
        out.push((start, end, code, item.rule.clone()));
    }
    out
}

fn join(actor: &str, agent: &str, placement: AgentPlacement) -> String {
    match placement {
        AgentPlacement::AfterActor => format!("{actor}{agent}"),
        AgentPlacement::BeforeActor => format!("{agent}{actor}"),
    }
}

/// "NGO Arnor", "the police of Arnor", "officials from Arnor".
fn joins_left(agent: &Found, start: usize, words: &[&str]) -> bool {
    agent.end <= start
        && start - agent.end <= 2
        && words[agent.end..start]
            .iter()
            .all(|word| matches!(word.to_lowercase().as_str(), "of" | "from" | "for" | "the" | "in"))
}

/// Only possessives, adjectives, numbers and names may stand between an actor and its
/// agent, so that "Arnor criticized the government" stays two actors.
fn joins_right(end: usize, agent: &Found, upos: &[&str]) -> bool {
    let between = &upos[end..agent.start];
    between.len() <= AGENT_REACH && between.iter().all(|tag| matches!(*tag, "PART" | "ADJ" | "PROPN" | "NUM"))
}

fn mention(
    article: &AnalysedArticle,
    sentence: usize,
    words: std::ops::Range<usize>,
    code: String,
    rule: String,
) -> Mention {
    let span = article.words_span(sentence, words.clone());
    let country = (code.len() >= 3).then(|| code[..3].to_string());
    let sector = (code.len() >= 6).then(|| code[3..6].to_string());
    Mention {
        sentence,
        text: span.of(article.text()).to_string(),
        words,
        span,
        code,
        country,
        sector,
        name: None,
        kind: MentionKind::Dictionary,
        refers_to: None,
        rule,
    }
}
