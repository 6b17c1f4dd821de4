//! Coding one sentence: dictionary verbs, their complements, polarity, modality,
//! reporters, and one event per source–target pair.

use super::codes::{intent_of, is_event_code, refusal_of, root, threat_of};
use super::nouns::{verb_candidates, LIGHT_VERBS};
use super::patterns::{best_pattern, find_verb, find_verb_as, specificity, MatchContext, PatternHit, VerbHit};
use super::roles::{Actors, Roles, OBJECT_CONTROL};
use super::transform::{transform, Lower, Upper};
use super::tree::{opens_clause, Tree};
use super::{Event, Modality, Participant};
use crate::actors::Mention;
use crate::article::AnalysedArticle;
use dyad_dict::Dictionaries;
use dyad_text::Span;

/// Verbs whose open complement is what they intend or announce ("plans to visit").
const INTENT_VERBS: &[&str] = &[
    "INTEND",
    "PLAN",
    "WANT",
    "WISH",
    "SEEK",
    "AIM",
    "HOPE",
    "PREPARE",
    "DECIDE",
    "AGREE",
    "PROMISE",
    "PLEDGE",
    "VOW",
    "OFFER",
    "PROPOSE",
    "EXPECT",
    "VOTE",
    "RESOLVE",
    "COMMIT",
    "UNDERTAKE",
    "READY",
    "WILLING",
    "PREPARED",
    "DETERMINED",
    "EAGER",
    "SET",
    "SWEAR",
];

/// Verbs that threaten their open complement ("threatened to impose a curfew"). A vow
/// is an intent: vowing to attack is a threat by [`intent_of`], vowing to help is not.
const THREAT_VERBS: &[&str] = &["THREATEN", "WARN"];

/// Verbs that refuse their open complement ("refuse to compromise").
const REFUSAL_VERBS: &[&str] = &["REFUSE", "DECLINE", "REJECT", "SPURN", "UNWILLING", "RELUCTANT"];

/// Verbs that report what someone else did; their own event is a statement, coded
/// only when the sentence has nothing better.
pub(super) const REPORTING_VERBS: &[&str] = &[
    "SAY",
    "TELL",
    "STATE",
    "DECLARE",
    "ANNOUNCE",
    "ADD",
    "NOTE",
    "REPORT",
    "CLAIM",
    "ASSERT",
    "EMPHASIZE",
    "EMPHASISE",
    "STRESS",
    "EXPLAIN",
    "CLARIFY",
    "INSIST",
    "REITERATE",
    "CONFIRM",
    "WRITE",
    "COMMENT",
    "ACKNOWLEDGE",
    "INDICATE",
    "MENTION",
    "REMARK",
    "BELIEVE",
    "THINK",
    "ARGUE",
    "SUGGEST",
    "REVEAL",
    "DISCLOSE",
    "TWEET",
    "OBSERVE",
    "LEARN",
];

/// Verbs whose clausal complement is what they demand, not what happened ("demanded
/// that the US cancel plans").
const DEMAND_VERBS: &[&str] =
    &["DEMAND", "URGE", "ASK", "CALL", "INSIST", "REQUEST", "PRESS", "PUSH", "REQUIRE", "APPEAL"];

/// Modals that turn a reported clause into a demand on its subject ("X said Y must").
const OBLIGATIONS: &[&str] = &["MUST", "SHOULD", "OUGHT"];

/// How deep below the verb pattern words are looked for: its phrases' heads and their
/// modifiers ("restore full diplomatic ties"), not words buried in nested phrases.
const PATTERN_DEPTH: usize = 3;

const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];

/// A dictionary verb with the code its best pattern (or the verb itself) gives.
struct Coding<'d> {
    pattern: Option<PatternHit<'d>>,
    /// `None` for the null code: the verb is known and means no event.
    code: Option<String>,
    secondary: Option<String>,
    rule: String,
    /// First and last word of the trigger.
    extent: (usize, usize),
}

impl Coding<'_> {
    /// Whether a pattern with words of its own fired: it has read the complement.
    fn specific(&self) -> bool {
        self.pattern.as_ref().is_some_and(|hit| {
            let items = hit.pattern.before.iter().chain(&hit.pattern.after);
            items
                .into_iter()
                .any(|item| !matches!(item, dyad_dict::PatternItem::Source | dyad_dict::PatternItem::Target))
        })
    }
}

pub(crate) struct SentenceContext<'a> {
    pub article: &'a AnalysedArticle<'a>,
    pub sentence: usize,
    pub tree: &'a Tree<'a>,
    pub mentions: &'a [Mention],
    pub dictionaries: &'a Dictionaries,
    /// Heads of the subordinate clauses a discard phrase falls in: their events are
    /// not coded.
    pub discarded: &'a [usize],
}

/// Where a sentence's discard phrases (first words given) rule events out: `None` when
/// one stands in the main clause (the sentence is discarded), else the heads of the
/// subordinate clauses holding them ("granted asylum to rebels who entered the country
/// two years ago" keeps the asylum).
pub(crate) fn discarded_clauses(tree: &Tree, phrases: &[usize]) -> Option<Vec<usize>> {
    phrases.iter().filter(|&&word| word < tree.len()).map(|&word| clause_head(tree, word)).collect()
}

/// The nearest word at or above `word` that opens a clause of its own; `None` in the
/// main clause.
fn clause_head(tree: &Tree, word: usize) -> Option<usize> {
    let mut at = word;
    for _ in 0..tree.len() {
        if opens_clause(tree.base(at)) {
            return Some(at);
        }
        at = tree.heads[at]?;
    }
    None
}

/// Whether `word` lies under `head` (or is it).
fn under(tree: &Tree, word: usize, head: usize) -> bool {
    let mut at = word;
    for _ in 0..tree.len() {
        if at == head {
            return true;
        }
        match tree.heads[at] {
            Some(up) => at = up,
            None => return false,
        }
    }
    false
}

/// An event before the pairing of sources and targets.
struct Frame {
    code: String,
    secondary: Option<String>,
    negated: bool,
    modality: Modality,
    roles: Roles,
    reporter: Option<usize>,
    trigger: Span,
    rule: String,
    reporting: bool,
    /// A further event the sentence implies: what a transformation makes of a
    /// report ("X said Y attacked" is also X accusing Y).
    derived: Option<Box<Frame>>,
}

impl SentenceContext<'_> {
    pub fn events(&self) -> Vec<Event> {
        let mention_at = self.mention_map();
        let matcher = MatchContext { tree: self.tree, mention_at: &mention_at, verbs: &self.dictionaries.verbs };
        let mut codings: Vec<Option<Coding>> =
            (0..self.tree.len()).map(|word| self.code_verb(word, &matcher)).collect();
        for word in 0..self.tree.len() {
            if codings[word].is_none() {
                codings[word] = self.code_noun(word, &codings, &matcher);
            }
        }
        let actors = Actors { tree: self.tree, mention_at: &mention_at };
        let kept = |word: &usize| !self.discarded.iter().any(|&head| under(self.tree, *word, head));
        let frames: Vec<Frame> =
            (0..self.tree.len()).filter(kept).filter_map(|word| self.frame(word, &codings, &actors)).collect();
        let has_news = frames.iter().any(|frame| !frame.reporting);
        frames
            .into_iter()
            .filter(|frame| !(frame.reporting && has_news))
            .flat_map(|mut frame| {
                let derived = frame.derived.take();
                std::iter::once(frame).chain(derived.map(|derived| *derived))
            })
            .flat_map(|frame| self.pair_up(frame))
            .collect()
    }

    fn mention_map(&self) -> Vec<Option<usize>> {
        let len = self.tree.len();
        let mut mention_at = vec![None; len];
        // Mentions come in sentence order: find this sentence's by bisection, not a scan
        // of the article's per sentence.
        let first = self.mentions.partition_point(|m| m.sentence < self.sentence);
        let here = self.mentions[first..].iter().take_while(|m| m.sentence == self.sentence);
        for (index, mention) in (first..).zip(here) {
            for word in mention.words.clone().filter(|&word| word < len) {
                mention_at[word] = Some(index);
            }
        }
        mention_at
    }

    fn code_verb<'d>(&self, word: usize, matcher: &MatchContext<'_, 'd>) -> Option<Coding<'d>> {
        let tree = self.tree;
        // Participles used as adjectives ("proposed changes") describe the noun; they
        // are not events of their own.
        if tree.upos[word] != "VERB" || tree.relations[word] == "amod" {
            return None;
        }
        // "according to", "regarding", "including": a verb form serving as a
        // preposition names no event.
        if matches!(tree.base(word), "case" | "mark" | "fixed") {
            return None;
        }
        let own = find_verb(tree, word, matcher.verbs).and_then(|hit| self.coding(hit, word, matcher));
        if own.is_none() && REPORTING_VERBS.contains(&self.lemma(word)) {
            return Some(self.reporting_coding(word));
        }
        // The event noun wins unless the light verb's own pattern has read the object
        // and the noun's patterns could not ("allowed the deployment of troops" is a
        // deployment of troops; "held a meeting" is the light verb's "* MEETING").
        if LIGHT_VERBS.contains(&self.lemma(word)) {
            if let Some(noun) = self.effort_noun(word, matcher) {
                return Some(noun);
            }
            if let Some(noun) = self.event_noun(word, matcher) {
                if noun.specific() || !own.as_ref().is_some_and(Coding::specific) {
                    return Some(noun);
                }
            }
        }
        own
    }

    /// A reporting verb the dictionary lacks ("reiterated") still states something.
    fn reporting_coding<'d>(&self, word: usize) -> Coding<'d> {
        Coding {
            pattern: None,
            code: Some("010".to_string()),
            secondary: None,
            rule: format!("dyad:reporting-verbs {}", self.lemma(word)),
            extent: (word, word),
        }
    }

    /// The verb at `head` coded by its best pattern, else its own or its block's code.
    fn coding<'d>(&self, hit: VerbHit<'d>, head: usize, matcher: &MatchContext<'_, 'd>) -> Option<Coding<'d>> {
        let tree = self.tree;
        let domain = tree.near_subtree(head, PATTERN_DEPTH, &|child| {
            opens_clause(tree.base(child)) || (tree.base(child) == "conj" && tree.is_verbal(child))
        });
        // A passive verb's patterns may name its subject before it (TABARI's
        // "+ * FROM $") or, read as the active verb, after it: the more specific wins.
        let mut pattern = best_pattern(matcher, &hit, &domain, &[]);
        let object = self.passive_object(head, &domain);
        if !object.is_empty() {
            let as_active = best_pattern(matcher, &hit, &domain, &object);
            let score = |found: &Option<PatternHit>| found.as_ref().map(|found| specificity(found.pattern));
            if score(&as_active) > score(&pattern) {
                pattern = as_active;
            }
        }
        let (code, rule) = match &pattern {
            Some(found) => (&found.pattern.code, format!("{} {}", found.pattern.rule, found.pattern.text)),
            None => {
                let code = hit.verb.code()?;
                let line = hit.verb.verb.rule.to_string();
                (code, format!("{line} {}", hit.verb.verb.lemma.words.join("_")))
            }
        };
        let valid = |code: &Option<String>| code.clone().filter(|code| is_event_code(code));
        let extent = (hit.first, hit.last);
        Some(Coding { code: valid(&code.primary), secondary: valid(&code.secondary), rule, pattern, extent })
    }

    /// The words of a passive verb's subject within `domain`, in text order: the
    /// object its patterns look for.
    fn passive_object(&self, verb: usize, domain: &[usize]) -> Vec<usize> {
        let tree = self.tree;
        let Some(subject) = tree.children[verb].iter().copied().find(|&c| tree.relations[c] == "nsubj:pass") else {
            return Vec::new();
        };
        let phrase = tree.near_subtree(subject, PATTERN_DEPTH, &|child| opens_clause(tree.base(child)));
        let mut object: Vec<usize> = phrase.into_iter().filter(|word| domain.contains(word)).collect();
        object.sort_unstable();
        object
    }

    /// An event noun with a partner, outside a light verb: "preceded by consultations
    /// with their allies", "after talks between Chad and Sudan". Only consultation
    /// (CAMEO 04) is read from a noun this way: a noun of conflict ("a proposed
    /// invasion of") names what may never happen, and nouns of agreement or aid are
    /// often not their verb's event ("a peace accord between" is no grant).
    fn code_noun<'d>(
        &self,
        noun: usize,
        codings: &[Option<Coding<'d>>],
        matcher: &MatchContext<'_, 'd>,
    ) -> Option<Coding<'d>> {
        let tree = self.tree;
        if tree.upos[noun] != "NOUN" || self.partner_phrase(noun).is_none() {
            return None;
        }
        let head = tree.heads[noun]?;
        if codings[head].as_ref().is_some_and(|coding| coding.extent.0 <= noun && noun <= coding.extent.1) {
            return None;
        }
        let hit = verb_candidates(&tree.lemmas[noun])
            .iter()
            .find_map(|lemma| find_verb_as(tree, noun, lemma, matcher.verbs))?;
        let coding = self.coding(hit, noun, matcher)?;
        let consults = coding.code.as_deref().is_some_and(|code| root(code) == "04");
        consults.then_some(coding)
    }

    /// The `with` or `between` phrase of a noun: who the event is with.
    fn partner_phrase(&self, noun: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children_by(noun, "nmod").find(|&phrase| {
            tree.children_by(phrase, "case").any(|case| matches!(tree.upper[case].as_str(), "WITH" | "BETWEEN"))
        })
    }

    /// The event of a noun coded by [`Self::code_noun`]: with its partners, by its
    /// possessor or else the actors of the clause it stands in, as modal and negated
    /// as that clause ("will be preceded by consultations" is an intent).
    fn noun_frame(&self, noun: usize, coding: &Coding, actors: &Actors) -> Option<Frame> {
        let tree = self.tree;
        let head = tree.heads[noun].filter(|&head| tree.is_verbal(head))?;
        let targets = actors.participants(self.partner_phrase(noun)?);
        if targets.is_empty() {
            return None;
        }
        let governors = self.governors(head);
        let scope: Vec<usize> = [noun, head].into_iter().chain(governors.iter().copied()).collect();
        let reporter = self.reporter(*scope.last().unwrap_or(&head), actors).map(|(speaker, _)| speaker);
        let possessor = tree.children_by(noun, "nmod:poss").flat_map(|owner| actors.participants(owner)).collect();
        let clause = actors.roles(head);
        let mut sources: Vec<usize> = [possessor, clause.sources, clause.targets]
            .into_iter()
            .map(|side: Vec<usize>| side.into_iter().filter(|actor| !targets.contains(actor)).collect::<Vec<_>>())
            .find(|side| !side.is_empty())
            .unwrap_or_default();
        sources.dedup();
        if sources.is_empty() {
            return None;
        }
        let mut code = coding.code.clone()?;
        let modality = self.modality(&scope, reporter.is_some());
        if modality == Modality::Intended {
            code = intent_of(&code);
        }
        let negated = scope.iter().filter(|&&word| self.negation_of(word).is_some()).count() % 2 == 1;
        if negated {
            code = refusal_of(&code)?;
        }
        Some(Frame {
            code,
            secondary: None,
            negated,
            modality,
            roles: Roles { sources, targets },
            reporter,
            trigger: self.trigger(coding, &[noun]),
            rule: coding.rule.clone(),
            reporting: false,
            derived: None,
        })
    }

    /// The event named by the object of a light verb ("held talks"), coded as its verb.
    fn event_noun<'d>(&self, verb: usize, matcher: &MatchContext<'_, 'd>) -> Option<Coding<'d>> {
        let tree = self.tree;
        let noun = tree.children[verb].iter().copied().find(|&c| tree.base(c) == "obj" && tree.upos[c] == "NOUN")?;
        let hit = verb_candidates(&tree.lemmas[noun])
            .iter()
            .find_map(|lemma| find_verb_as(tree, noun, lemma, matcher.verbs))?;
        let mut coding = self.coding(hit, noun, matcher)?;
        coding.code.as_ref()?;
        coding.extent = (verb.min(hit.first), noun.max(hit.last));
        Some(coding)
    }

    /// "launched a mediation effort", "undertook a fact-finding mission": an object that
    /// only says something was attempted is the event its compound names. The light
    /// verb's own patterns for the bare noun ("* EFFORT", an appeal) do not apply.
    fn effort_noun<'d>(&self, verb: usize, matcher: &MatchContext<'_, 'd>) -> Option<Coding<'d>> {
        const EFFORTS: [&str; 7] = ["EFFORT", "MISSION", "BID", "ATTEMPT", "DRIVE", "CAMPAIGN", "INITIATIVE"];
        let tree = self.tree;
        let noun = tree.children[verb].iter().copied().find(|&c| tree.base(c) == "obj" && tree.upos[c] == "NOUN")?;
        if !EFFORTS.contains(&self.lemma(noun)) {
            return None;
        }
        let kind = tree.children_by(noun, "compound").find(|&c| tree.upos[c] == "NOUN")?;
        let hit = verb_candidates(&tree.lemmas[kind])
            .iter()
            .find_map(|lemma| find_verb_as(tree, kind, lemma, matcher.verbs))?;
        let mut coding = self.coding(hit, kind, matcher)?;
        coding.code.as_ref()?;
        coding.extent = (verb.min(hit.first), noun.max(hit.last));
        Some(coding)
    }

    fn lemma(&self, word: usize) -> &str {
        &self.tree.lemmas[word]
    }

    fn is_intent(&self, word: usize, codings: &[Option<Coding>]) -> bool {
        INTENT_VERBS.contains(&self.lemma(word))
            || codings[word].as_ref().and_then(|c| c.code.as_deref()).is_some_and(|code| root(code) == "03")
    }

    fn is_reporting(&self, word: usize) -> bool {
        REPORTING_VERBS.contains(&self.lemma(word))
    }

    /// The verbs `word` is the open complement of, nearest first.
    fn governors(&self, word: usize) -> Vec<usize> {
        let tree = self.tree;
        let mut chain = Vec::new();
        let mut at = word;
        while tree.base(at) == "xcomp" {
            match tree.heads[at] {
                Some(head) if !chain.contains(&head) && head != word => {
                    chain.push(head);
                    at = head;
                }
                _ => break,
            }
        }
        chain
    }

    fn coded_complement(&self, word: usize, codings: &[Option<Coding>]) -> bool {
        let tree = self.tree;
        let mut level: Vec<usize> = tree.children_by(word, "xcomp").collect();
        for _ in 0..tree.len() {
            if level.iter().any(|&child| codings[child].as_ref().is_some_and(|c| c.code.is_some())) {
                return true;
            }
            level = level.iter().flat_map(|&child| tree.children_by(child, "xcomp")).collect();
            if level.is_empty() {
                break;
            }
        }
        false
    }

    fn is_demand(&self, word: usize, codings: &[Option<Coding>]) -> bool {
        DEMAND_VERBS.contains(&self.lemma(word))
            || codings[word]
                .as_ref()
                .and_then(|c| c.code.as_deref())
                .is_some_and(|code| matches!(root(code), "10" | "02"))
    }

    fn frame(&self, word: usize, codings: &[Option<Coding>], actors: &Actors) -> Option<Frame> {
        let coding = codings[word].as_ref()?;
        if self.tree.upos[word] == "NOUN" {
            return self.noun_frame(word, coding, actors);
        }
        let governors = self.governors(word);
        if self.folded_elsewhere(word, &governors, codings) {
            return None;
        }
        let code = match &coding.code {
            Some(code) => code.clone(),
            None if REFUSAL_VERBS.contains(&self.lemma(word)) => "120".to_string(),
            None => return None,
        };
        let scope: Vec<usize> = std::iter::once(word).chain(governors.iter().copied()).collect();
        if self.participial_modifier(*scope.last().unwrap_or(&word)) {
            return None;
        }
        let reported_by = self.reporter(*scope.last().unwrap_or(&word), actors);
        let reporter = reported_by.map(|(speaker, _)| speaker);
        let mut roles = self.roles(word, coding, &governors, codings, actors);
        if roles.targets.is_empty() && coding.code.as_deref().is_some_and(|code| root(code) == "14") {
            roles.targets = self.purpose_targets(word, codings, actors, &roles.sources);
        }
        let mut frame = Frame {
            code,
            secondary: None,
            negated: false,
            modality: Modality::Asserted,
            roles: Roles::default(),
            reporter,
            trigger: self.trigger(coding, &scope),
            rule: coding.rule.clone(),
            reporting: self.is_reporting(word) || root(coding.code.as_deref().unwrap_or_default()) == "01",
            derived: None,
        };
        if frame.reporting {
            // "declared that China must drop barriers": a demand made of the clause's subject.
            let mut obliged = self.tree.children_by(word, "ccomp").filter(|&c| self.obliged(&[c]));
            if let Some(clause) = obliged.next() {
                frame.code = "100".to_string();
                frame.reporting = false;
                frame.roles = Roles { sources: roles.sources.clone(), targets: actors.subject(clause) };
                frame.roles.targets.retain(|t| !frame.roles.sources.contains(t));
                return Some(frame);
            }
        }
        if let Some(speaker) = reporter.filter(|_| self.obliged(&scope)) {
            // "X said Y must ...": X demands of Y, whatever Y is to do.
            let targets = roles.sources.iter().copied().filter(|&s| s != speaker).collect();
            roles = Roles { sources: vec![speaker], targets };
            frame.code = "100".to_string();
            frame.roles = roles;
            return Some(frame);
        }
        frame.modality = self.modality(&scope, reporter.is_some());
        let top = *scope.last().unwrap_or(&word);
        if self.planned(top) || self.reason(top) || self.condition(top) || self.purpose_of_unrealized(top, codings) {
            return None;
        }
        if self.unrealized(top) {
            frame.modality = Modality::Hypothetical;
        }
        let intended = governors.iter().any(|&g| self.is_intent(g, codings));
        if intended && frame.modality == Modality::Asserted {
            frame.modality = Modality::Intended;
        }
        let threatened = governors.iter().any(|&g| THREAT_VERBS.contains(&self.lemma(g)));
        if threatened || (frame.modality == Modality::Intended && self.conditional(word, &frame.code)) {
            frame.code = threat_of(&frame.code);
            frame.modality = Modality::Asserted;
            // An ultimatum is addressed to whoever must act to avert it ("will boycott
            // the elections unless the president steps down").
            let conditioned: Vec<usize> =
                self.condition_subject(&scope, actors).into_iter().filter(|c| !roles.sources.contains(c)).collect();
            if !conditioned.is_empty() {
                roles.targets = conditioned;
            }
        } else if frame.modality == Modality::Intended {
            frame.code = intent_of(&frame.code);
        } else if root(&frame.code) == "13" && roles.targets.is_empty() {
            // "threatened to stop the talks if the United States goes ahead": a threat
            // that names no one is addressed to whoever its condition is about.
            roles.targets =
                self.condition_subject(&scope, actors).into_iter().filter(|c| !roles.sources.contains(c)).collect();
        }
        let refused = governors.iter().any(|&g| REFUSAL_VERBS.contains(&self.lemma(g)));
        let negations = scope.iter().filter(|&&w| self.negation_of(w).is_some()).count() + usize::from(refused);
        frame.negated = negations % 2 == 1;
        if frame.negated {
            frame.code = refusal_of(&frame.code)?;
        }
        if !frame.negated && frame.modality != Modality::Hypothetical {
            frame.secondary = coding.secondary.clone();
        }
        if root(&frame.code) == "15" {
            // A force posture is shown with one's own forces, not against them:
            // "put US troops on alert" has no target.
            let countries: Vec<Option<&str>> =
                roles.sources.iter().map(|&s| self.mentions[s].country.as_deref()).collect();
            roles.targets.retain(|&t| !countries.contains(&self.mentions[t].country.as_deref()));
        }
        if roles.sources.is_empty() && self.pronoun_subject(&scope) {
            // "Hungary said it will support ...": an unresolved pronoun subject of a
            // reported clause is the speaker.
            roles.sources.extend(reporter);
            roles.targets.retain(|target| Some(*target) != reporter);
        }
        frame.roles = roles;
        if !frame.negated && frame.modality != Modality::Hypothetical {
            self.transform(&mut frame, reported_by, &governors, codings, actors);
        }
        Some(frame)
    }

    /// Applies the dictionary's transformations to the event under its reporting verb
    /// or its nearest governor. One that re-reads the actor's own act ("A said A
    /// attacked", "A attempted to assassinate") replaces the event. One about another
    /// actor's act ("A said B attacked" → A accuses B) keeps the reported event and
    /// adds A's, but only when A's verb itself disapproves ("alleged", "claimed"): a
    /// neutral "said" reports an attack without accusing anyone.
    fn transform(
        &self,
        frame: &mut Frame,
        reported_by: Option<(usize, Option<usize>)>,
        governors: &[usize],
        codings: &[Option<Coding>],
        actors: &Actors,
    ) {
        let upper_verb = match (reported_by, governors.first()) {
            // Only a speaker who is the reporting verb's own subject (not one guessed
            // from the words before it, nor shared with a conjoined clause) re-reads
            // what the clause says.
            (Some((speaker, Some(verb))), _) => {
                let own = self.tree.base(verb) != "conj" && actors.subject(verb).contains(&speaker);
                own.then_some((verb, speaker))
            }
            (_, Some(&governor)) => actors.roles(governor).sources.first().map(|&source| (governor, source)),
            _ => None,
        };
        let Some((verb, source)) = upper_verb else {
            return;
        };
        let code = codings[verb].as_ref().and_then(|coding| coding.code.as_deref());
        let upper = Upper { lemma: self.lemma(verb), code, source };
        let lower = Lower { code: &frame.code, sources: &frame.roles.sources, targets: &frame.roles.targets };
        let Some(found) = transform(&self.dictionaries.verbs, &upper, &lower) else {
            return;
        };
        let roles = Roles { sources: vec![found.source], targets: found.target.into_iter().collect() };
        let rule = format!("{} ({})", found.rule, frame.rule);
        if !found.replaces && code.is_none_or(|code| root(code) != "11") {
            return;
        }
        let unchanged = found.code == frame.code
            && roles.sources == frame.roles.sources
            && roles.targets.iter().all(|target| frame.roles.targets.contains(target));
        if found.replaces && unchanged {
            // `~ a (a b Q) SAY = a b Q`: the report already is the event.
            return;
        }
        if found.replaces {
            frame.code = found.code;
            frame.roles = roles;
            frame.rule = rule;
        } else {
            frame.derived = Some(Box::new(Frame {
                code: found.code,
                secondary: None,
                negated: false,
                modality: frame.modality,
                roles,
                reporter: None,
                trigger: frame.trigger,
                rule,
                reporting: false,
                derived: None,
            }));
        }
    }

    /// "was seen to", "is said to": a passive verb of perception or report only vouches
    /// for its complement ("was urged to" does not: what is urged has not happened).
    fn evidential(&self, verb: usize, codings: &[Option<Coding>]) -> bool {
        let tree = self.tree;
        let passive = tree.children[verb].iter().any(|&c| matches!(tree.relations[c], "nsubj:pass" | "aux:pass"));
        let statement = codings[verb].as_ref().and_then(|c| c.code.as_deref()).is_some_and(|code| root(code) == "01");
        let lemma = self.lemma(verb);
        passive && (statement || self.is_reporting(verb) || matches!(lemma, "SEE" | "KNOW" | "HEAR" | "EXPECT"))
    }

    fn pronoun_subject(&self, scope: &[usize]) -> bool {
        let tree = self.tree;
        scope.iter().any(|&verb| {
            tree.children_by(verb, "nsubj")
                .any(|subject| matches!(tree.upper[subject].as_str(), "IT" | "HE" | "SHE" | "THEY" | "WE" | "I"))
        })
    }

    /// Whether the verb's event is coded by another verb: a governor whose pattern read
    /// it or whose own event wins, or a complement that carries the intent or refusal;
    /// or whether it is only demanded ("demanded that X withdraw").
    fn folded_elsewhere(&self, word: usize, governors: &[usize], codings: &[Option<Coding>]) -> bool {
        let tree = self.tree;
        let top = *governors.last().unwrap_or(&word);
        if tree.base(top) == "ccomp" && tree.heads[top].is_some_and(|head| self.is_demand(head, codings)) {
            return true;
        }
        let refused = governors.iter().any(|&g| REFUSAL_VERBS.contains(&self.lemma(g)));
        let intended = governors.iter().any(|&g| self.is_intent(g, codings) || THREAT_VERBS.contains(&self.lemma(g)));
        // A governor whose pattern read its complement has coded it, however deep the
        // chain ("refused to meet the visiting king": `REFUSE * VISIT` is the refusal,
        // not also a negated visit).
        let specific = |g: &usize| codings[*g].as_ref().is_some_and(|g| g.specific() && g.code.is_some());
        if governors.iter().any(specific) {
            return true;
        }
        if let Some(&governor) = governors.first() {
            let governor_codes = codings[governor].as_ref().is_some_and(|g| g.code.is_some());
            if governor_codes && !refused && !intended && !self.evidential(governor, codings) {
                return true;
            }
        }
        let Some(coding) = codings[word].as_ref() else {
            return true;
        };
        let defers = !coding.specific() && self.coded_complement(word, codings);
        defers
            && (self.evidential(word, codings)
                || REFUSAL_VERBS.contains(&self.lemma(word))
                || THREAT_VERBS.contains(&self.lemma(word))
                || self.is_intent(word, codings)
                || coding.code.is_none())
    }

    /// Sources and targets: the pattern's `$` and `+`, else the tree's; targets missing
    /// are looked for with the governors, and a demand is made of its clause's subject.
    fn roles(
        &self,
        word: usize,
        coding: &Coding,
        governors: &[usize],
        codings: &[Option<Coding>],
        actors: &Actors,
    ) -> Roles {
        let mut roles = actors.roles(word);
        if let Some(pattern) = &coding.pattern {
            if let Some(source) = pattern.source {
                roles.sources = actors.participants_at(source);
            }
            if let Some(target) = pattern.target {
                roles.targets = actors.participants_at(target);
            }
        }
        if roles.targets.is_empty() {
            if let Some(targets) = governors.iter().map(|&g| actors.roles(g).targets).find(|t| !t.is_empty()) {
                roles.targets = targets;
            }
        }
        if roles.targets.is_empty() {
            // "summoned the ambassador to complain", "met Chad's president to discuss
            // the border": a purpose clause without an object of its own is done to
            // the object of the verb it serves. Not after verbs whose object is who
            // is to act ("urged Bree to help", "asked them to leave").
            let tree = self.tree;
            let purpose = tree.base(word) == "advcl"
                && tree.marked_by(word, &["TO"])
                && !tree.children[word].iter().any(|&c| matches!(tree.base(c), "nsubj" | "obj"));
            let serves = |head: &usize| {
                purpose
                    && tree.is_verbal(*head)
                    && !OBJECT_CONTROL.contains(&self.lemma(*head))
                    && !self.is_demand(*head, codings)
            };
            if let Some(head) = tree.heads[word].filter(serves) {
                roles.targets = actors.roles(head).targets;
            }
        }
        if roles.targets.is_empty() && self.is_demand(word, codings) {
            let mut complements = self.tree.children_by(word, "ccomp");
            if let Some(targets) = complements.find_map(|c| Some(actors.subject(c)).filter(|t| !t.is_empty())) {
                roles.targets = targets;
            }
        }
        roles.targets.retain(|target| !roles.sources.contains(target));
        roles
    }

    /// Whom a protest is aimed at, when it names no one itself: the target of the event
    /// it was staged for ("staged demonstrations to demand reforms from the
    /// government", "went on strike to protest against the ministry's decision").
    fn purpose_targets(
        &self,
        word: usize,
        codings: &[Option<Coding>],
        actors: &Actors,
        sources: &[usize],
    ) -> Vec<usize> {
        let tree = self.tree;
        // The clause hangs on the verb, or on the event noun a light verb took
        // ("staged demonstrations to demand").
        let objects = tree.children_by(word, "obj");
        let holders: Vec<usize> = std::iter::once(word).chain(objects).collect();
        let purposes = holders.iter().flat_map(|&holder| tree.children[holder].iter().copied()).filter(|&clause| {
            matches!(tree.base(clause), "advcl" | "xcomp" | "acl")
                && tree.is_verbal(clause)
                && tree.marked_by(clause, &["TO"])
        });
        for clause in purposes {
            let Some(coding) = codings[clause].as_ref() else {
                continue;
            };
            let mut targets = self.roles(clause, coding, &[], codings, actors).targets;
            targets.retain(|target| !sources.contains(target));
            if !targets.is_empty() {
                return targets;
            }
        }
        Vec::new()
    }

    /// Whether announcing `code` under the verb's condition is a threat: what will
    /// happen unless something else does ("will withdraw unless"), or harm that will
    /// come if something happens ("will strike if"). Help promised if something
    /// happens ("would meet them if they agreed") is a conditional offer, still an
    /// intent.
    fn conditional(&self, verb: usize, code: &str) -> bool {
        let tree = self.tree;
        let harmful = root(code).parse::<u8>().is_ok_and(|root| root >= 13);
        tree.children[verb]
            .iter()
            .any(|&clause| tree.is_condition(clause) && (harmful || tree.marked_by(clause, &["UNLESS"])))
    }

    /// Whether the clause headed by `top` is a participle that describes a noun ("the
    /// strait, claimed by both states", "troops guarding the border", "officials
    /// suspected of fraud"): it says what the noun is, not what was reported as done.
    /// The clause of an event noun a light verb carries is that event ("issued a
    /// declaration demanding").
    fn participial_modifier(&self, top: usize) -> bool {
        let tree = self.tree;
        if tree.relations[top] != "acl" {
            return false;
        }
        let finite_or_infinitive =
            tree.children[top].iter().any(|&c| matches!(tree.base(c), "nsubj" | "aux" | "mark" | "expl" | "csubj"));
        if finite_or_infinitive || self.past_tense_with_object(top) {
            return false;
        }
        let Some(noun) = tree.heads[top] else { return false };
        let misparsed_clause = self.misparsed_clause(noun, top);
        let carried =
            tree.base(noun) == "obj" && tree.heads[noun].is_some_and(|verb| LIGHT_VERBS.contains(&self.lemma(verb)));
        !(misparsed_clause || carried)
    }

    /// Whether `verb`, a word in `-ed` hung on a noun as a participle, has a direct
    /// object: a passive participle has none ("officials suspected of fraud"), so it is
    /// a verb in the past tense the parser took for one ("A top official today praised
    /// Haiti's efforts" with "praised" a modifier of "today"). Not the verbs whose
    /// passive keeps an object or a name ("refugees granted asylum", "a group called
    /// Hamas").
    fn past_tense_with_object(&self, verb: usize) -> bool {
        const PASSIVE_WITH_OBJECT: &[&str] = &[
            "GIVE", "GRANT", "AWARD", "OFFER", "SEND", "PROMISE", "PAY", "SHOW", "TELL", "ASK", "DENY", "REFUSE",
            "ALLOW", "HAND", "LEND", "SELL", "ASSIGN", "TEACH", "CHARGE", "OWE", "FINE", "CALL", "NAME", "DUB", "TERM",
            "LABEL", "NICKNAME", "ENTITLE", "KNOW", "ELECT", "APPOINT", "CONSIDER", "DEEM", "MAKE",
        ];
        let tree = self.tree;
        tree.upper[verb].ends_with("ED")
            && tree.children_by(verb, "obj").next().is_some()
            && !PASSIVE_WITH_OBJECT.contains(&self.lemma(verb))
    }

    /// Whether `noun`, with the clause `top` hanging on it, is a misparsed clause whose
    /// verb `top` is: a noun heading the sentence or a clause of its own (with the
    /// phrase it is the `of`/`from` of), or the subject of a parenthetical report with
    /// nothing reported ("Prisoners rioted at a jail ..., locals said"), or its object
    /// ("Washington said four frigates shelled ..."; "Albania on
    /// Friday denounced ...", "Doctors from two aid groups donated ...", "..., a military
    /// spokesman announced", "The government plans to cancel ..., sources said").
    fn misparsed_clause(&self, noun: usize, top: usize) -> bool {
        let tree = self.tree;
        let mut phrase = noun;
        while matches!(tree.base(phrase), "nmod" | "compound" | "appos") {
            match tree.heads[phrase] {
                Some(up) if up != phrase => phrase = up,
                _ => break,
            }
        }
        let bare_report = |verb: usize| {
            self.is_reporting(verb)
                && !tree.children[verb].iter().any(|&c| matches!(tree.base(c), "ccomp" | "parataxis" | "xcomp"))
        };
        match tree.heads[phrase] {
            None => true,
            Some(head) => {
                matches!(tree.base(phrase), "root" | "parataxis" | "list" | "dep")
                    || (tree.base(phrase) == "nsubj" && head > top && bare_report(head))
                    || (tree.base(phrase) == "obj" && head < noun && bare_report(head))
            }
        }
    }

    /// Whether the clause headed by `top` is what a request, plan, offer, effort or
    /// meeting is for ("rejected a request to question the detainees", "issued an
    /// ultimatum to halt the raids", "praised efforts to end the war", "a summit to
    /// draft a treaty"): it has not happened, and it is no one's announced intent of its
    /// own. The noun's own verb codes what was done (the rejection, the ultimatum, the
    /// praise, the summit).
    fn planned(&self, top: usize) -> bool {
        const PLANS: &[&str] = &[
            "REQUEST",
            "DEMAND",
            "CALL",
            "APPEAL",
            "PLEA",
            "ULTIMATUM",
            "OFFER",
            "PROPOSAL",
            "PLAN",
            "BID",
            "ATTEMPT",
            "EFFORT",
            "INITIATIVE",
            "INVITATION",
            "PROMISE",
            "PLEDGE",
            "THREAT",
            "DEAL",
            "AGREEMENT",
            "ACCORD",
            "TREATY",
            "SUMMIT",
            "MEETING",
            "TALKS",
            "CONFERENCE",
        ];
        let tree = self.tree;
        let plan = |noun: usize| {
            tree.upos[noun] == "NOUN"
                && (PLANS.contains(&self.lemma(noun)) || PLANS.contains(&tree.upper[noun].as_str()))
        };
        let Some(to) = tree.children_by(top, "mark").find(|&mark| tree.upper[mark] == "TO") else { return false };
        match tree.base(top) {
            "acl" => tree.heads[top].is_some_and(plan),
            // The parser often hangs the noun's infinitive on the verb: "would not meet
            // the kidnappers' demands to release the prisoners". Not on a verb that
            // takes an infinitive of its own ("pledged at the meetings to boost").
            "advcl" => {
                let own_complement = tree.heads[top].is_some_and(|verb| {
                    let lemma = self.lemma(verb);
                    INTENT_VERBS.contains(&lemma) || DEMAND_VERBS.contains(&lemma) || THREAT_VERBS.contains(&lemma)
                });
                to > 0 && plan(to - 1) && !own_complement
            }
            _ => false,
        }
    }

    /// Whether the clause headed by `top` (or the clause it is conjoined to) is the
    /// condition of another ("will withdraw unless the president calls a ceasefire and
    /// holds elections", "will retaliate if the army crosses the border"): what it says
    /// has not happened.
    fn condition(&self, top: usize) -> bool {
        let tree = self.tree;
        let clause = match tree.heads[top] {
            Some(head) if tree.base(top) == "conj" && tree.is_verbal(head) => head,
            _ => top,
        };
        tree.is_condition(clause)
    }

    /// Whether the clause headed by `top` is the purpose of an act that has not happened
    /// ("will give Tanzania a grant to finance projects", "would blockade the capital to
    /// demand reforms", "did not send troops to help"): announced, possible or denied
    /// with it, it is part of that act's record, not an act of its own.
    fn purpose_of_unrealized(&self, top: usize, codings: &[Option<Coding>]) -> bool {
        let tree = self.tree;
        let purpose = tree.base(top) == "advcl"
            && tree.marked_by(top, &["TO"])
            && !tree.children[top].iter().any(|&c| matches!(tree.base(c), "nsubj" | "csubj"));
        let Some(head) = tree.heads[top].filter(|&head| purpose && tree.is_verbal(head)) else { return false };
        let governors = self.governors(head);
        // Only when that act is coded: it records the purpose. Else the purpose is the
        // only trace of what was announced ("will send engineers to help").
        let coded = |verb: &usize| codings[*verb].as_ref().is_some_and(|c| c.code.is_some());
        if !std::iter::once(&head).chain(&governors).any(coded) {
            return false;
        }
        let scope: Vec<usize> = std::iter::once(head).chain(governors.iter().copied()).collect();
        let negated = scope.iter().filter(|&&verb| self.negation_of(verb).is_some()).count() % 2 == 1;
        let intended = governors.iter().any(|&g| {
            self.is_intent(g, codings)
                || THREAT_VERBS.contains(&self.lemma(g))
                || REFUSAL_VERBS.contains(&self.lemma(g))
        });
        negated || intended || self.modality(&scope, false) != Modality::Asserted
    }

    /// Whether the clause headed by `top` is the reason given for an act ("expelled two
    /// diplomats for spying", "was arrested for helping the rebels"): a charge or a
    /// motive, not an act the sentence reports.
    fn reason(&self, top: usize) -> bool {
        let tree = self.tree;
        matches!(tree.base(top), "advcl" | "acl") && tree.marked_by(top, &["FOR"])
    }

    /// Whether the clause headed by `top` only names what a noun is for ("rejected a
    /// plan to attack", "efforts to overthrow"): it has not happened. The purpose of
    /// something done ("staged a strike to demand") is done with it.
    fn unrealized(&self, top: usize) -> bool {
        let tree = self.tree;
        let infinitive = tree.relations[top] == "acl" && tree.marked_by(top, &["TO"]);
        let Some(noun) = tree.heads[top].filter(|_| infinitive) else { return false };
        let carried =
            tree.base(noun) == "obj" && tree.heads[noun].is_some_and(|verb| LIGHT_VERBS.contains(&self.lemma(verb)));
        !carried
    }

    /// The actors of the first `if` or `unless` clause under the verbs of `scope`.
    fn condition_subject(&self, scope: &[usize], actors: &Actors) -> Vec<usize> {
        let tree = self.tree;
        let conditions = scope
            .iter()
            .flat_map(|&verb| tree.children[verb].iter().copied())
            .filter(|&clause| tree.is_condition(clause));
        conditions.map(|clause| actors.subject(clause)).find(|subject| !subject.is_empty()).unwrap_or_default()
    }

    fn obliged(&self, scope: &[usize]) -> bool {
        let tree = self.tree;
        scope.iter().any(|&verb| {
            tree.children[verb].iter().any(|&c| tree.base(c) == "aux" && OBLIGATIONS.contains(&tree.upper[c].as_str()))
        })
    }

    fn negation_of(&self, word: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children[word]
            .iter()
            .copied()
            .find(|&child| {
                matches!(tree.base(child), "advmod" | "neg" | "det") && NEGATIONS.contains(&tree.upper[child].as_str())
            })
            .filter(|&child| tree.base(child) != "det" || tree.upper[child] != "NO")
    }

    /// Modal auxiliaries and conditional clauses of the verb and its governors.
    fn modality(&self, scope: &[usize], reported: bool) -> Modality {
        let tree = self.tree;
        let mut modality = Modality::Asserted;
        for &verb in scope {
            for &child in &tree.children[verb] {
                let word = tree.upper[child].as_str();
                let found = match (tree.base(child), word) {
                    ("aux", "WILL" | "SHALL" | "'LL" | "WO") => Modality::Intended,
                    ("aux", "WOULD" | "'D") if reported => Modality::Intended,
                    (
                        "aux",
                        "WOULD" | "'D" | "COULD" | "MIGHT" | "MAY" | "CAN" | "CA" | "SHOULD" | "MUST" | "OUGHT",
                    ) => Modality::Hypothetical,
                    ("mark", "IF" | "UNLESS") => Modality::Hypothetical,
                    _ => continue,
                };
                if modality != Modality::Hypothetical {
                    modality = found;
                }
            }
        }
        modality
    }

    /// The speaker of a reported clause: the subject of the reporting verb it is the
    /// complement of, of a reporting verb in parenthesis ("..., the agency reported"),
    /// or of an "according to" phrase; with the reporting verb, if there is one.
    fn reporter(&self, top: usize, actors: &Actors) -> Option<(usize, Option<usize>)> {
        let tree = self.tree;
        let speaker = |verb: usize| actors.roles(verb).sources.first().map(|&speaker| (speaker, Some(verb)));
        if matches!(tree.base(top), "ccomp" | "parataxis") {
            if let Some(head) = tree.heads[top].filter(|&head| self.is_reporting(head)) {
                return speaker(head);
            }
        }
        for &child in &tree.children[top] {
            if matches!(tree.base(child), "parataxis" | "ccomp" | "conj") && self.is_reporting(child) && child > top {
                return speaker(child);
            }
            let according = tree.base(child) == "obl"
                && tree.children_by(child, "case").any(|case| tree.upper[case] == "ACCORDING");
            if according {
                if let Some(found) = actors.participants(child).first() {
                    return Some((*found, None));
                }
            }
        }
        None
    }

    /// From the first to the last word of the verb phrase, its governors, and their
    /// negations and auxiliaries ("does not intend to give in").
    fn trigger(&self, coding: &Coding, scope: &[usize]) -> Span {
        let tree = self.tree;
        let (mut first, mut last) = coding.extent;
        for &verb in scope {
            first = first.min(verb);
            last = last.max(verb);
            for &child in &tree.children[verb] {
                if matches!(tree.base(child), "aux" | "advmod" | "neg") && child + 3 >= first && child < last {
                    first = first.min(child);
                }
            }
        }
        self.article.words_span(self.sentence, first..last + 1)
    }

    /// One event per source–target pair; compound sources without a target act on each
    /// other ("Gondor and Osgiliath renewed ties").
    fn pair_up(&self, frame: Frame) -> Vec<Event> {
        let sources = self.participants(&frame.roles.sources);
        let targets = self.participants(&frame.roles.targets);
        let mut events = Vec::new();
        if targets.is_empty() && sources.len() > 1 {
            for source in &sources {
                for target in sources.iter().filter(|target| target.code != source.code) {
                    events.push(self.event(&frame, Some(source), Some(target), &frame.code));
                }
            }
            return events;
        }
        let sides = |side: &[Participant]| -> Vec<Option<Participant>> {
            if side.is_empty() {
                vec![None]
            } else {
                side.iter().cloned().map(Some).collect()
            }
        };
        for source in &sides(&sources) {
            for target in &sides(&targets) {
                match (source, target) {
                    (None, None) => continue,
                    (Some(s), Some(t)) if s.code == t.code => continue,
                    _ => {}
                }
                events.push(self.event(&frame, source.as_ref(), target.as_ref(), &frame.code));
                if let (Some(secondary), Some(_), Some(_)) = (&frame.secondary, source, target) {
                    events.push(self.event(&frame, target.as_ref(), source.as_ref(), secondary));
                }
            }
        }
        events
    }

    /// The participants of some mentions; a mention coded `A/B/C` (a group of actors in
    /// the dictionaries) stands for each of them.
    fn participants(&self, mentions: &[usize]) -> Vec<Participant> {
        let mut found = Vec::new();
        for &index in mentions {
            let participant = Participant::of(self.mentions, index);
            if !participant.code.contains('/') {
                found.push(participant);
                continue;
            }
            for code in participant.code.split('/').filter(|code| !code.is_empty()) {
                let country = code.get(..3).map(str::to_string);
                found.push(Participant { code: code.to_string(), country, ..participant.clone() });
            }
        }
        found
    }

    fn event(&self, frame: &Frame, source: Option<&Participant>, target: Option<&Participant>, code: &str) -> Event {
        Event {
            sentence: self.sentence,
            source: source.cloned(),
            target: target.cloned(),
            cameo: code.to_string(),
            trigger: frame.trigger,
            negated: frame.negated,
            modality: frame.modality,
            reporter: frame.reporter,
            quote: None,
            mentions: 1,
            rule: frame.rule.clone(),
        }
    }
}
