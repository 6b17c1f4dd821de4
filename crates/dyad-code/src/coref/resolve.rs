//! The one pass over an article's sentences that finds people and joins each
//! mention to an entity (see the module above for the rules).

use super::names::{self, pronoun_gender, Gender};
use super::words::{is_group_word, is_person_role, NOT_PERSON, PERSON_VERBS, TITLES};
use super::{Coreference, Entity, OrganisationMention, PersonKind, PersonMention};
use crate::actors::{ActorResolver, Mention, MentionKind};
use crate::article::AnalysedArticle;
use crate::events::tree::Sentence;
use dyad_text::Span;
use std::collections::HashMap;
use std::ops::Range;

pub(super) struct Builder<'a> {
    resolver: &'a ActorResolver,
    actors: &'a [Mention],
    pub(super) coref: Coreference,
    by_name: HashMap<String, usize>,
    by_surname: HashMap<String, usize>,
    /// The latest person described by each role word.
    by_role: HashMap<String, usize>,
    /// The latest organisation (actor mention) by the last word of its name.
    by_body: HashMap<String, usize>,
    /// The latest group by its head noun's lemma.
    by_group: HashMap<String, usize>,
    /// First names of people met.
    by_first: HashMap<String, usize>,
    /// The name words of each named entity.
    entity_words: HashMap<usize, Vec<String>>,
    actor_entity: Vec<Option<usize>>,
    names: ArticleNames,
    /// The grammatical person of entities found through I, we or you.
    voices: HashMap<usize, names::Voice>,
    /// Entities begun by a they, them or their with no group before it: mostly an
    /// organisation or a country, so no later pronoun takes them up.
    unanchored: std::collections::HashSet<usize>,
    /// The article's quotations, by their marks, in text order.
    quoted: &'a [Span],
    /// Whether the sentence being resolved has a role word. The rules that read a
    /// role from the parse need one, so without it the sentence is not parsed for them.
    roles_here: bool,
}

/// What a he or she's own sentence says of its antecedent, as word indices there: the
/// subject of the verb of saying that reports it ([`reported_speaker`]), the subject
/// it cannot be ([`co_subject`]); and the quotation it stands in, if any.
#[derive(Clone, Copy)]
struct Reading {
    teller: Option<usize>,
    bound: Option<usize>,
    quote: Option<usize>,
}

/// How far back an I, we or you looks for the last one.
const VOICE_SENTENCES: usize = 5;

/// Proper nouns over the whole article, seen before any sentence is resolved: a
/// two- or three-word name whose last word also stands alone somewhere ("Daniel
/// Montalvo" … "Montalvo"), or that comes back whole, is a person's.
struct ArticleNames {
    singles: std::collections::HashSet<String>,
    runs: HashMap<String, usize>,
    /// The last words of names that hold a first name or title ("Suella Braverman"),
    /// so that the surname alone is a person's even before the full name is read
    /// ("Braverman" in a headline or caption).
    surnames: std::collections::HashSet<String>,
}

impl ArticleNames {
    fn of(article: &AnalysedArticle, resolver: &ActorResolver) -> ArticleNames {
        let mut names =
            ArticleNames { singles: Default::default(), runs: HashMap::new(), surnames: Default::default() };
        for (s, analysis) in article.analyses.iter().enumerate() {
            let words = article.words(s);
            let propn = |w: usize| analysis.tags.get(w).is_some_and(|tag| tag.upos_name() == "PROPN");
            let mut w = 0;
            while w < words.len() {
                if !propn(w) {
                    w += 1;
                    continue;
                }
                let start = w;
                while w < words.len() && propn(w) {
                    w += 1;
                }
                let run: Vec<String> = words[start..w].iter().map(|word| word.to_uppercase()).collect();
                if run.len() == 1 {
                    names.singles.insert(run[0].clone());
                } else {
                    let first_named = (0..run.len() - 1).any(|i| resolver.gender_at(&run, i).is_some());
                    if first_named && run.last().is_some_and(|last| alphabetic(last)) {
                        names.surnames.extend(run.last().cloned());
                    }
                    *names.runs.entry(run.join(" ")).or_default() += 1;
                }
            }
        }
        names
    }

    /// Names of organisations and products come back whole too, so a whole repeat
    /// counts only for two plainly capitalised words ("Nick Moreau", not "LA Weekly"
    /// or "Fan Expo Canada").
    fn repeated(&self, run: &[String], written: &[&str]) -> bool {
        let surname_alone = (2..=3).contains(&run.len()) && run.last().is_some_and(|last| self.singles.contains(last));
        let plain = written.iter().all(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase)
                && word.split('-').all(|part| part.chars().skip(1).all(char::is_lowercase))
        });
        let whole = run.len() == 2 && plain && self.runs.get(&run.join(" ")).is_some_and(|&n| n > 1);
        surname_alone || whole
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(article: &'a AnalysedArticle, actors: &'a [Mention], resolver: &'a ActorResolver) -> Builder<'a> {
        Builder {
            resolver,
            actors,
            coref: Coreference::default(),
            by_name: HashMap::new(),
            by_surname: HashMap::new(),
            by_first: HashMap::new(),
            by_role: HashMap::new(),
            by_body: HashMap::new(),
            by_group: HashMap::new(),
            entity_words: HashMap::new(),
            actor_entity: vec![None; actors.len()],
            names: ArticleNames::of(article, resolver),
            voices: HashMap::new(),
            unanchored: Default::default(),
            quoted: article.quoted_spans(),
            roles_here: false,
        }
    }
}

impl Builder<'_> {
    pub(super) fn sentence(
        &mut self,
        article: &AnalysedArticle,
        tree: &Sentence<'_, '_>,
        sentence: usize,
        actors: Range<usize>,
    ) {
        self.roles_here = tree.lemmas.iter().any(|lemma| is_role_word(lemma));
        let mut found: Vec<(Range<usize>, PersonKind, Option<usize>)> = Vec::new();
        for index in actors.clone() {
            let mention = &self.actors[index];
            let person = mention.name.is_some()
                || matches!(mention.kind, MentionKind::Named | MentionKind::Surname | MentionKind::Pronoun);
            if person && mention.words.end <= tree.len() {
                let kind = match mention.kind {
                    MentionKind::Pronoun => PersonKind::Pronoun,
                    MentionKind::Role => PersonKind::Role,
                    _ => PersonKind::Name,
                };
                found.push((mention.words.clone(), kind, Some(index)));
            }
        }
        let covered = |found: &[(Range<usize>, PersonKind, Option<usize>)], w: usize| {
            found.iter().any(|(words, _, _)| words.contains(&w))
        };
        // Dictionary actors include people ("John Carter" in the Phoenix lists): a
        // coded run of proper nouns is a person's name on the same evidence as any.
        let coded = |run: &Range<usize>| {
            actors.clone().find(|&index| {
                let words = &self.actors[index].words;
                words.start <= run.start && run.end <= words.end
            })
        };
        // A bare country code ("Texas" is USA) or a metonym is a place, not a person.
        let place = |index: usize| {
            let mention = &self.actors[index];
            mention.kind == MentionKind::Metonym || mention.code.len() <= 3
        };
        let mut w = 0;
        while w < tree.len() {
            if tree.upos[w] == "PROPN" && !covered(&found, w) {
                let run = propn_run(tree, w);
                w = run.end;
                let actor = coded(&run);
                let overlaps_actor = actors.clone().any(|index| crosses(&self.actors[index].words, &run));
                let eligible = actor.map_or(!overlaps_actor, |index| !place(index));
                if eligible && self.is_person_name(tree, &run) {
                    let words = actor.map_or_else(|| described(tree, &run), |index| self.actors[index].words.clone());
                    found.push((words, PersonKind::Name, actor));
                }
                continue;
            }
            w += 1;
        }
        for w in 0..tree.len() {
            if covered(&found, w) {
                continue;
            }
            if (pronoun_gender(&tree.upper[w]).is_some() || is_plural_pronoun(&tree.upper[w])) && tree.upos[w] == "PRON"
            {
                found.push((w..w + 1, PersonKind::Pronoun, None));
            } else if names::dialogue_person(&tree.upper[w]).is_some() && tree.upos[w] == "PRON" {
                found.push((w..w + 1, PersonKind::Speaker, None));
            } else if is_group_noun(tree, w) {
                let words = noun_phrase(tree, w);
                if !found.iter().any(|(other, _, _)| crosses(other, &words)) {
                    found.push((words, PersonKind::Group, None));
                }
            } else if (is_role_noun(tree, w) || beside_a_name(tree, w)) && !has_name(tree, w) {
                let words = noun_phrase(tree, w);
                if !found.iter().any(|(other, _, _)| crosses(other, &words)) {
                    found.push((words, PersonKind::Role, None));
                }
            }
        }
        found.sort_by_key(|(words, _, _)| (words.start, words.end));
        let here_start = self.coref.mentions.len();
        for (words, kind, actor) in found {
            let span = article.words_span(sentence, words.clone());
            let entity = self.entity_for(tree, sentence, &words, span, kind, actor, here_start);
            self.learn(tree, &words, kind, entity, span.of(article.text()));
            if let Some(actor) = actor {
                self.actor_entity[actor] = Some(entity);
            }
            self.coref.mentions.push(PersonMention { sentence, words, span, kind, entity, actor });
        }
        self.appositives(tree, sentence, here_start);
        self.organisations(article, tree, sentence, actors);
    }

    /// A run of proper nouns is a person's name when a first name or title says so,
    /// when it repeats a person's name or surname, or when a role noun, a cue verb or
    /// an appositive marks it.
    fn is_person_name(&self, tree: &Sentence<'_, '_>, run: &Range<usize>) -> bool {
        let words = &tree.upper[run.clone()];
        if words.iter().any(|w| NOT_PERSON.contains(&w.as_str())) || !words.iter().all(|w| alphabetic(w)) {
            return false;
        }
        let key = words.join(" ");
        let single_known = self.by_surname.contains_key(&key) || self.by_first.contains_key(&key);
        if self.by_name.contains_key(&key) || run.len() == 1 && single_known {
            return true;
        }
        // "the Sea Org", "the Kremlin": a name with an article is a thing's, unless a
        // first name or a title says otherwise.
        let determined = run.start > 0 && matches!(tree.upper[run.start - 1].as_str(), "THE" | "A" | "AN");
        let named_later = run.len() == 1 && self.names.surnames.contains(&key);
        if !determined && (named_later || self.names.repeated(words, &tree.words[run.clone()])) {
            return true;
        }
        if self.gender_at(&tree.upper, run.start).is_some() && run.len() >= 2 {
            return true;
        }
        let titled = run.start > 0 && TITLES.contains(&tree.upper[run.start - 1].as_str());
        if titled {
            return true;
        }
        if determined {
            return false;
        }
        // What follows reads the parse, and needs a role word or a verb of speaking.
        let speaking_verb = || tree.lemmas.iter().any(|lemma| PERSON_VERBS.contains(&lemma.as_str()));
        if !self.roles_here && !(run.len() >= 2 && speaking_verb()) {
            return false;
        }
        let head = run.clone().find(|&w| tree.heads()[w].is_none_or(|h| !run.contains(&h))).unwrap_or(run.start);
        let role_modifier = tree.children()[head].iter().any(|&c| !run.contains(&c) && is_role_word(&tree.lemmas[c]));
        let role_head = tree.heads()[head].is_some_and(|h| tree.base(head) == "appos" && is_role_word(&tree.lemmas[h]));
        let role_appos = tree.children()[head].iter().any(|&c| tree.base(c) == "appos" && is_role_word(&tree.lemmas[c]));
        let speaks = run.len() >= 2
            && tree.base(head) == "nsubj"
            && tree.heads()[head].is_some_and(|h| PERSON_VERBS.contains(&tree.lemmas[h].as_str()));
        role_modifier || role_head || role_appos || speaks
    }

    fn gender_at(&self, upper: &[String], i: usize) -> Option<Gender> {
        self.resolver.gender_at(upper, i)
    }

    #[allow(clippy::too_many_arguments)]
    fn entity_for(
        &mut self,
        tree: &Sentence<'_, '_>,
        sentence: usize,
        words: &Range<usize>,
        span: Span,
        kind: PersonKind,
        actor: Option<usize>,
        here_start: usize,
    ) -> usize {
        // The actor layer's own link wins: its pronoun and surname rules are the
        // coder's.
        if let Some(entity) =
            actor.and_then(|a| self.actors[a].refers_to).and_then(|r| self.actor_entity.get(r).copied().flatten())
        {
            return entity;
        }
        let found = match kind {
            PersonKind::Name => self.by_name_or_surname(tree, words),
            PersonKind::Pronoun if is_plural_pronoun(&tree.upper[words.start]) => {
                self.group_antecedent(sentence, words.start, here_start)
            }
            PersonKind::Pronoun => pronoun_gender(&tree.upper[words.start]).and_then(|gender| {
                let reading = Reading {
                    teller: reported_speaker(tree, words.start),
                    bound: co_subject(tree, words.start),
                    quote: self.quote_of(span),
                };
                self.antecedent(sentence, words.start, gender, here_start, reading)
            }),
            PersonKind::Group if generic_people(tree, words) => None,
            PersonKind::Group => self.by_group.get(&group_key(tree, words)).copied(),
            PersonKind::Role if takes_up_a_role(tree, words) => self.by_role(&tree.lemmas[role_head(tree, words)]),
            PersonKind::Role => None,
            PersonKind::Speaker => self.same_voice(sentence, &tree.upper[words.start]),
            PersonKind::Appositive => None,
        };
        found.unwrap_or_else(|| {
            let plural = kind == PersonKind::Group || is_plural_pronoun(&tree.upper[words.start]);
            self.coref.entities.push(Entity { plural, ..Entity::default() });
            let entity = self.coref.entities.len() - 1;
            if kind == PersonKind::Pronoun && plural {
                self.unanchored.insert(entity);
            }
            entity
        })
    }

    /// The same full name; a lone word as a surname, else as a first name; a longer
    /// name whose surname is known and whose other words are that person's ("Professor
    /// Eastman" after "Professor Cres Eastman").
    fn by_name_or_surname(&self, tree: &Sentence<'_, '_>, words: &Range<usize>) -> Option<usize> {
        let names = name_words(tree, words);
        let key = names.join(" ");
        if key.is_empty() {
            return None;
        }
        if let Some(&entity) = self.by_name.get(&key) {
            return Some(entity);
        }
        if names.len() == 1 {
            return self.by_surname.get(&key).or_else(|| self.by_first.get(&key)).copied();
        }
        let entity = *self.by_surname.get(*names.last()?)?;
        let known = self.entity_words.get(&entity)?;
        // Either name may be the fuller one: "Professor Eastman" after "Professor
        // Cres Eastman", "Suella Braverman" after "Braverman".
        let all_known = names.iter().all(|word| known.iter().any(|k| k == word));
        let all_here = known.iter().all(|k| names.iter().any(|word| word == k));
        (all_known || all_here).then_some(entity)
    }

    /// I/me/my, we/us/our, you/your: the latest mention of the same person (first
    /// singular, first plural, second) within the last few sentences; a quotation's
    /// speaker takes over its first-person words later ([`Coreference::link_quotes`]).
    fn same_voice(&self, sentence: usize, upper: &str) -> Option<usize> {
        let voice = names::dialogue_person(upper)?;
        let recent = self.coref.mentions.iter().rev().take_while(|m| m.sentence + VOICE_SENTENCES >= sentence);
        recent
            .filter(|m| m.kind == PersonKind::Speaker)
            .find(|m| self.voices.get(&m.entity) == Some(&voice))
            .map(|m| m.entity)
    }

    /// they/them/their: the nearest group before it in its sentence, else the first
    /// (the subject, as a rule) of the nearest of the two sentences before that has
    /// one, as for he and she.
    fn group_antecedent(&self, sentence: usize, at: usize, here_start: usize) -> Option<usize> {
        let plural = |m: &&PersonMention| self.coref.entities[m.entity].plural && !self.unanchored.contains(&m.entity);
        let here = &self.coref.mentions[here_start..];
        if let Some(found) = here.iter().rev().filter(plural).find(|m| m.words.end <= at) {
            return Some(found.entity);
        }
        let earlier = &self.coref.mentions[..here_start];
        let mut end = earlier.len();
        for back in 1..=2 {
            let wanted = sentence.checked_sub(back)?;
            let start = earlier[..end].partition_point(|m| m.sentence < wanted);
            if let Some(found) = earlier[start..end].iter().find(plural) {
                return Some(found.entity);
            }
            end = start;
        }
        None
    }

    /// The nearest compatible person before `at` in this sentence, else the first
    /// compatible one of the nearest of the three sentences before that has people.
    /// What the sentence's parse and quotation marks say first ([`Reading`]).
    fn antecedent(
        &self,
        sentence: usize,
        at: usize,
        gender: Gender,
        here_start: usize,
        reading: Reading,
    ) -> Option<usize> {
        let Reading { teller, bound, quote } = reading;
        let agrees_with = |entity: usize| {
            let found = &self.coref.entities[entity];
            !found.plural && !self.voices.contains_key(&entity) && found.gender.is_none_or(|known| known == gender)
        };
        // A name inside a quotation is seldom who a pronoun outside it means ("'...
        // Baker's wishes,' he said").
        let heard = |m: &PersonMention| self.quote_of(m.span).is_none_or(|q| Some(q) == quote);
        let agrees = |m: &PersonMention| heard(m) && agrees_with(m.entity);
        let here = &self.coref.mentions[here_start..];
        let told = teller.and_then(|w| here.iter().find(|m| m.words.contains(&w) && m.words.end <= at));
        if let Some(found) = told.filter(|m| agrees(m)) {
            return Some(found.entity);
        }
        let own_subject = |m: &PersonMention| bound.is_some_and(|w| m.words.contains(&w));
        if let Some(found) = here.iter().rev().find(|m| m.words.end <= at && agrees(m) && !own_subject(m)) {
            return Some(found.entity);
        }
        let earlier = &self.coref.mentions[..here_start];
        let mut end = earlier.len();
        for back in 1..=3 {
            let Some(wanted) = sentence.checked_sub(back) else {
                break;
            };
            let start = earlier[..end].partition_point(|m| m.sentence < wanted);
            let people = &earlier[start..end];
            end = start;
            if people.is_empty() {
                continue;
            }
            if let Some(found) = people
                .iter()
                .find(|m| m.kind != PersonKind::Pronoun && agrees(m))
                .or_else(|| people.iter().find(|m| agrees(m)))
            {
                return Some(found.entity);
            }
        }
        None
    }

    /// The quotation (by its place among the article's) that holds `span`.
    fn quote_of(&self, span: Span) -> Option<usize> {
        let at = self.quoted.partition_point(|quote| quote.end < span.end);
        self.quoted.get(at).filter(|quote| quote.start <= span.start && span.end <= quote.end).map(|_| at)
    }

    fn by_role(&self, role: &str) -> Option<usize> {
        self.by_role.get(&role_key(role)).copied()
    }

    /// Records a mention's name, gender and role words on its entity.
    fn learn(&mut self, tree: &Sentence<'_, '_>, words: &Range<usize>, kind: PersonKind, entity: usize, written: &str) {
        let gender = match kind {
            PersonKind::Pronoun => pronoun_gender(&tree.upper[words.start]),
            _ => {
                let title = words.start.checked_sub(1).and_then(|b| self.gender_at(&tree.upper, b));
                let names = words.clone().filter(|&w| tree.upos[w] == "PROPN");
                title
                    .or_else(|| names.clone().find_map(|w| self.gender_at(&tree.upper, w)))
                    .or_else(|| words.clone().find_map(|w| self.gender_at(&tree.upper, w)))
                    .or_else(|| words.clone().find_map(|w| role_gender(&tree.lemmas[w])))
            }
        };
        // A group's role words ("pregnant women") are not one person's role.
        let roles: Vec<String> = if kind == PersonKind::Group {
            Vec::new()
        } else {
            // The first word's children hold its role ("spokesman Ned Price"); a
            // sentence with no role word is not parsed to look.
            let children: &[usize] =
                if self.roles_here { tree.children().get(words.start).map_or(&[], Vec::as_slice) } else { &[] };
            words
                .clone()
                .chain(children.iter().copied())
                .filter(|&w| is_role_word(&tree.lemmas[w]))
                .map(|w| role_key(&tree.lemmas[w]))
                .collect()
        };
        let record = &mut self.coref.entities[entity];
        if record.gender.is_none() {
            record.gender = gender;
        }
        for role in roles {
            self.by_role.insert(role.clone(), entity);
            if !record.roles.contains(&role) {
                record.roles.push(role);
            }
        }
        if let Some(voice) = names::dialogue_person(&tree.upper[words.start]).filter(|_| kind == PersonKind::Speaker) {
            self.voices.entry(entity).or_insert(voice);
        }
        if kind == PersonKind::Group && !generic_people(tree, words) {
            self.by_group.insert(group_key(tree, words), entity);
        }
        if kind != PersonKind::Name {
            return;
        }
        let name_words = name_words(tree, words);
        if name_words.is_empty() {
            return;
        }
        let key = name_words.join(" ");
        if let Some(surname) = name_words.last() {
            self.by_surname.insert(surname.to_string(), entity);
        }
        if name_words.len() > 1 {
            self.by_first.entry(name_words[0].to_string()).or_insert(entity);
        }
        let known = self.entity_words.entry(entity).or_default();
        for word in &name_words {
            if !known.iter().any(|k| k == word) {
                known.push(word.to_string());
            }
        }
        self.by_name.insert(key, entity);
        let written_name = names_text(written, &name_words);
        if record_longer(&self.coref.entities[entity].name, &written_name) {
            self.coref.entities[entity].name = Some(written_name);
        }
    }

    /// "the ministry", "the agency": a definite noun no actor covers, repeating the
    /// last word of an organisation met before, is that organisation. The sentence's
    /// own organisations count only after it is read.
    fn organisations(&mut self, article: &AnalysedArticle, tree: &Sentence<'_, '_>, sentence: usize, actors: Range<usize>) {
        let covered = |w: usize| actors.clone().any(|index| self.actors[index].words.contains(&w));
        for w in 0..tree.len() {
            if !matches!(tree.upos[w], "NOUN" | "PROPN") || covered(w) {
                continue;
            }
            let Some(&referent) = self.by_body.get(&tree.upper[w]) else {
                continue;
            };
            if !tree.children()[w].iter().any(|&c| tree.base(c) == "det" && tree.upper[c] == "THE") {
                continue;
            }
            let words = tree.children()[w].iter().copied().filter(|&c| c < w).min().unwrap_or(w)..w + 1;
            let span = article.words_span(sentence, words.clone());
            let refers_to = self.actors[referent].refers_to.unwrap_or(referent);
            self.coref.organisations.push(OrganisationMention { sentence, words, span, refers_to });
        }
        for index in actors {
            let mention = &self.actors[index];
            let body = mention.name.is_none() && matches!(mention.kind, MentionKind::Dictionary);
            let last = mention.text.split_whitespace().last().map(str::to_uppercase);
            if let Some(last) = last.filter(|last| body && last.chars().all(char::is_alphabetic)) {
                self.by_body.insert(last, index);
            }
        }
    }

    /// "the head of the US Department of Defense, Lloyd Austin": an appositive role
    /// phrase and the name it stands beside are one person.
    fn appositives(&mut self, tree: &Sentence<'_, '_>, sentence: usize, here_start: usize) {
        for at in here_start..self.coref.mentions.len() {
            for other in here_start..self.coref.mentions.len() {
                let (a, b) = (&self.coref.mentions[at], &self.coref.mentions[other]);
                if at == other
                    || a.entity == b.entity
                    || a.sentence != sentence
                    || b.kind != PersonKind::Role && b.kind != PersonKind::Name
                {
                    continue;
                }
                let head_a = head_of(tree, &a.words);
                let head_b = head_of(tree, &b.words);
                // The parser does not always see the apposition: a role phrase and a
                // name next to each other between commas are one too.
                let kinds = (a.kind, b.kind);
                let side_by_side = a.words.end + 1 == b.words.start
                    && tree.words[a.words.end] == ","
                    && matches!(kinds, (PersonKind::Role, PersonKind::Name) | (PersonKind::Name, PersonKind::Role))
                    && tree.words.get(b.words.end).is_none_or(|next| matches!(*next, "," | "." | ";"));
                // "His father, Mohamed": a relative of the possessor, never the possessor.
                let possessor_of = |m: &PersonMention| {
                    let head = head_of(tree, &m.words);
                    let possessive = |c: &usize| tree.relations()[*c] == "nmod:poss" && tree.upos[*c] == "PRON";
                    let pronoun = tree.children()[head].iter().copied().find(possessive)?;
                    self.coref.mentions[here_start..].iter().find(|p| p.words == (pronoun..pronoun + 1)).map(|p| p.entity)
                };
                let own_relative = possessor_of(a) == Some(b.entity) || possessor_of(b) == Some(a.entity);
                if (tree.heads()[head_b] == Some(head_a) && tree.base(head_b) == "appos" || side_by_side) && !own_relative {
                    let (keep, drop) = (a.entity, b.entity);
                    self.merge(keep, drop);
                }
            }
        }
    }

    fn merge(&mut self, keep: usize, drop: usize) {
        for mention in &mut self.coref.mentions {
            if mention.entity == drop {
                mention.entity = keep;
            }
        }
        let maps = self
            .by_name
            .values_mut()
            .chain(self.by_surname.values_mut())
            .chain(self.by_first.values_mut())
            .chain(self.by_group.values_mut())
            .chain(self.by_role.values_mut());
        for entity in maps.chain(self.actor_entity.iter_mut().flatten()) {
            if *entity == drop {
                *entity = keep;
            }
        }
        let dropped = std::mem::take(&mut self.coref.entities[drop]);
        let kept = &mut self.coref.entities[keep];
        kept.gender = kept.gender.or(dropped.gender);
        if let Some(words) = self.entity_words.remove(&drop) {
            self.entity_words.entry(keep).or_default().extend(words);
        }
        kept.roles.extend(dropped.roles);
        if kept.name.is_none() {
            kept.name = dropped.name;
        }
    }
}

/// "English captain Harry Kane", "Facebook creator Mark Zuckerberg": a common noun
/// right before a name, with no determiner or possessor, is part of the name's
/// mention, with the adjectives and nouns before it. With one ("the match referee
/// Joel Aguilar", "Labour's Shadow Home Secretary Yvette Cooper") the two are an
/// apposition, two mentions. Read from the tags, so the sentence need not be parsed.
fn described(tree: &Sentence<'_, '_>, name: &Range<usize>) -> Range<usize> {
    let Some(noun) = name.start.checked_sub(1) else {
        return name.clone();
    };
    let lower = tree.words[noun].chars().next().is_some_and(char::is_lowercase);
    let singular = tree.lemmas[noun].len() == tree.upper[noun].len();
    if tree.upos[noun] != "NOUN" || !lower || !singular {
        return name.clone();
    }
    let mut start = noun;
    while start > 0 && noun - start < 3 && matches!(tree.upos[start - 1], "ADJ" | "NOUN" | "PROPN") {
        start -= 1;
    }
    let determined = start.checked_sub(1).is_some_and(|before| {
        matches!(tree.upos[before], "DET" | "PRON") || matches!(tree.upper[before].as_str(), "'S" | "’S" | "'")
    });
    if determined {
        name.clone()
    } else {
        start..name.end
    }
}

/// "Devocht told Montalvo he would help him", "Lee, who met Park, said he ...": he or
/// she as subject of what a verb of saying reports is, as a rule, its subject, not the
/// person nearer before. The subject's word (a relative "who" read as the noun it
/// takes up), when the sentence is built so; only read when a verb of saying comes
/// before the pronoun, so other sentences are not parsed for it.
fn reported_speaker(tree: &Sentence<'_, '_>, at: usize) -> Option<usize> {
    let says = |w: usize| PERSON_VERBS.contains(&tree.lemmas[w].as_str());
    if !matches!(tree.upper[at].as_str(), "HE" | "SHE") || !(0..at).any(says) {
        return None;
    }
    let clause = tree.heads()[at].filter(|_| tree.base(at) == "nsubj")?;
    let verb = tree.heads()[clause].filter(|&verb| tree.base(clause) == "ccomp" && says(verb))?;
    let subject = tree.children()[verb].iter().copied().find(|&c| c < at && tree.base(c) == "nsubj")?;
    let relative = matches!(tree.upper[subject].as_str(), "WHO" | "THAT") && tree.relations()[verb] == "acl:relcl";
    if relative {
        tree.heads()[verb]
    } else {
        Some(subject)
    }
}

/// "he would help him": him or her as object is never the subject of its own verb
/// (that would be himself, herself). That subject's word.
fn co_subject(tree: &Sentence<'_, '_>, at: usize) -> Option<usize> {
    if !matches!(tree.upper[at].as_str(), "HIM" | "HER") {
        return None;
    }
    let verb = tree.heads()[at].filter(|_| matches!(tree.base(at), "obj" | "iobj"))?;
    tree.children()[verb].iter().copied().find(|&c| c < at && tree.base(c) == "nsubj")
}

/// The words of a mention that are a name, upper case: the proper nouns at its end,
/// after any title, role word or other word ("U.S. President Donald Trump" → DONALD
/// TRUMP, "Texas student Ahmed Mohamed" → AHMED MOHAMED), so that a place or body
/// before the name never becomes a first name. Initials ("J.") count; abbreviations
/// ("U.S.") end the name.
fn name_words<'t>(tree: &'t Sentence<'_, '_>, words: &Range<usize>) -> Vec<&'t str> {
    let is_name = |w: usize| {
        let word = tree.upper[w].as_str();
        tree.upos[w] == "PROPN"
            && !TITLES.contains(&word)
            && !is_person_role(word)
            && (!word.contains('.') || word.len() <= 2)
    };
    let end = words.clone().rev().find(|&w| is_name(w)).map_or(words.start, |w| w + 1);
    let start = (words.start..end).rev().find(|&w| !is_name(w)).map_or(words.start, |w| w + 1);
    (start..end).map(|w| tree.upper[w].as_str()).collect()
}

/// A group is taken up by its head noun's lemma ("girls" … "the girls" … "these
/// girls"). Keying indefinite groups by their whole wording instead was tried on GUM
/// news part a: it lost more recall than it gained precision.
fn group_key(tree: &Sentence<'_, '_>, words: &Range<usize>) -> String {
    tree.lemmas[head_of(tree, words)].to_uppercase()
}

/// Role nouns that tell a person's gender ("his son", "the woman").
fn role_gender(lemma: &str) -> Option<Gender> {
    match lemma.to_uppercase().as_str() {
        "MAN" | "BOY" | "SON" | "FATHER" | "HUSBAND" | "BROTHER" | "KING" | "PRINCE" | "CHAIRMAN" | "SPOKESMAN"
        | "CONGRESSMAN" | "POLICEMAN" => Some(Gender::Male),
        "WOMAN" | "GIRL" | "DAUGHTER" | "MOTHER" | "WIFE" | "SISTER" | "QUEEN" | "PRINCESS" | "CHAIRWOMAN"
        | "SPOKESWOMAN" | "CONGRESSWOMAN" | "ACTRESS" => Some(Gender::Female),
        _ => None,
    }
}

fn is_plural_pronoun(upper: &str) -> bool {
    matches!(upper, "THEY" | "THEM" | "THEIR" | "THEIRS" | "THEMSELVES")
}

/// A plural noun for people ("the girls", "Australian school children").
/// "people" with no determiner is people in general: each one is a group of its
/// own, not the same people as the last "people".
fn generic_people(tree: &Sentence<'_, '_>, words: &Range<usize>) -> bool {
    let head = head_of(tree, words);
    let determined = tree.children()[head].iter().any(|&c| tree.base(c) == "det" || tree.relations()[c] == "nmod:poss");
    matches!(tree.lemmas[head].to_uppercase().as_str(), "PEOPLE" | "PERSON") && !determined
}

fn is_group_noun(tree: &Sentence<'_, '_>, w: usize) -> bool {
    if tree.upos[w] != "NOUN" {
        return false;
    }
    let lemma = upper_case(&tree.lemmas[w]);
    let plural = tree.upper[w] != *lemma || matches!(&*lemma, "PEOPLE" | "TROOPS" | "STAFF");
    plural && (is_group_word(&lemma) || is_person_role(&lemma))
}

/// Whether two mentions overlap other than by one holding the other's possessor
/// ("his" in "his father" is a mention of its own).
fn crosses(a: &Range<usize>, b: &Range<usize>) -> bool {
    let nested = a.start >= b.start && a.end <= b.end && a.end < b.end;
    a.start < b.end && b.start < a.end && !nested
}

fn record_longer(current: &Option<String>, candidate: &str) -> bool {
    !candidate.is_empty()
        && current.as_ref().is_none_or(|name| name.split_whitespace().count() < candidate.split_whitespace().count())
}

/// The written words of a mention that are its name, in their written case.
fn names_text(written: &str, name_words: &[&str]) -> String {
    let kept: Vec<&str> = written
        .split_whitespace()
        .filter(|w| name_words.iter().any(|n| n.eq_ignore_ascii_case(w.trim_end_matches(','))))
        .collect();
    if kept.is_empty() {
        written.to_string()
    } else {
        kept.join(" ")
    }
}

fn alphabetic(upper: &str) -> bool {
    upper.chars().next().is_some_and(char::is_alphabetic)
}

fn propn_run(tree: &Sentence<'_, '_>, start: usize) -> Range<usize> {
    let mut end = start + 1;
    while end < tree.len() && tree.upos[end] == "PROPN" {
        end += 1;
    }
    start..end
}

fn is_role_word(lemma: &str) -> bool {
    is_person_role(&upper_case(lemma))
}

/// `text` upper-cased, borrowed when it has no lower-case letter: the tree's lemmas
/// are upper case already, and this runs at every noun.
fn upper_case(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_lowercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.to_uppercase())
    }
}

fn role_key(lemma: &str) -> String {
    let upper = lemma.to_uppercase();
    if upper.starts_with("SPOKES") {
        "SPOKESPERSON".to_string()
    } else {
        upper
    }
}

/// A singular or plural role noun heading a definite phrase ("the minister"), or an
/// indefinite one in apposition ("a lawyer").
fn is_role_noun(tree: &Sentence<'_, '_>, w: usize) -> bool {
    // "The Home Secretary", "the President": capitalised roles are tagged as names.
    if !matches!(tree.upos[w], "NOUN" | "PROPN")
        || !is_role_word(&tree.lemmas[w])
        || tree.upper[w].ends_with('S') && tree.lemmas[w].len() < tree.upper[w].len()
    {
        return false;
    }
    let definite = tree.children()[w].iter().any(|&c| {
        tree.base(c) == "det" && tree.upper[c] == "THE" || tree.base(c) == "nmod" && tree.relations()[c] == "nmod:poss"
    });
    definite || tree.base(w) == "appos"
}

/// "a Scientology attorney, Kendrick Moxon" or "Kendrick Moxon, a Scientology
/// attorney": an indefinite role phrase set off by a comma from a name describes
/// that person, though the parser may not link them.
fn beside_a_name(tree: &Sentence<'_, '_>, w: usize) -> bool {
    if tree.upos[w] != "NOUN" || !is_role_word(&tree.lemmas[w]) {
        return false;
    }
    let words = noun_phrase(tree, w);
    let name_after = tree.words.get(words.end) == Some(&",") && tree.upos.get(words.end + 1) == Some(&"PROPN");
    let name_before = words.start >= 2 && tree.words[words.start - 1] == "," && tree.upos[words.start - 2] == "PROPN";
    name_after || name_before
}

/// A role noun modifying a name, or with the name after it, is the name's role
/// ("spokesman Ned Price"), found with the name; proper nouns before it are the body
/// it belongs to ("a Scientology attorney").
fn has_name(tree: &Sentence<'_, '_>, w: usize) -> bool {
    tree.heads()[w].is_some_and(|h| tree.upos[h] == "PROPN" && tree.base(w) != "appos")
        || tree.children()[w]
            .iter()
            .any(|&c| c > w && tree.upos[c] == "PROPN" && matches!(tree.base(c), "flat" | "compound"))
}

/// The words of a role noun's phrase: its determiners and modifiers up to the noun,
/// and an "of" phrase after it ("the head of the US Department of Defense").
fn noun_phrase(tree: &Sentence<'_, '_>, w: usize) -> Range<usize> {
    let mut start = w;
    let mut end = w + 1;
    for &c in &tree.children()[w] {
        let extent = tree.extent(c);
        if c < w && matches!(tree.base(c), "det" | "amod" | "compound" | "nmod") {
            start = start.min(extent.start);
        }
        if c > w && tree.base(c) == "nmod" {
            end = end.max(extent.end);
        }
    }
    // A modifier's extent may hold the comma that sets the phrase off; and what
    // follows a comma after the noun ("members of the church, including ...") is no
    // longer the phrase.
    while start < w && tree.upos[start] == "PUNCT" {
        start += 1;
    }
    let comma = (w + 1..end).find(|&at| tree.words[at] == ",");
    start..comma.unwrap_or(end)
}

/// "the minister" takes up a minister met before; "Tunisia's coach" or "the Afghan
/// team's coach" describes someone of its own.
fn takes_up_a_role(tree: &Sentence<'_, '_>, words: &Range<usize>) -> bool {
    let head = role_head(tree, words);
    let definite = tree.children()[head].iter().any(|&c| tree.base(c) == "det" && tree.upper[c] == "THE");
    let possessed = tree.children()[head].iter().any(|&c| tree.relations()[c] == "nmod:poss" && tree.upos[c] != "PRON");
    definite && !possessed
}

fn role_head(tree: &Sentence<'_, '_>, words: &Range<usize>) -> usize {
    words.clone().rev().find(|&w| is_role_word(&tree.lemmas[w])).unwrap_or(words.end - 1)
}

fn head_of(tree: &Sentence<'_, '_>, words: &Range<usize>) -> usize {
    words.clone().find(|&w| tree.heads()[w].is_none_or(|h| !words.contains(&h))).unwrap_or(words.start)
}
