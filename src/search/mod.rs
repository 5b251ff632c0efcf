//! Search the way a reader of Arabic expects: normalisation, alias expansion, both languages.
//!
//! [`normalize`] (in `normalize`, with the word splitter the index reads text with) folds what
//! Lucene's ArabicNormalizer folds (hamza forms of alef, alef maqsura, taa marbuta, tatweel,
//! harakat) plus Arabic Presentation Forms-B, Arabic-Indic digits and Latin case. Normalisation
//! cannot fix transliterations (شي جينبينغ / شي جين بينج): the dataset's alias
//! lists do that. A query phrase that names a country or actor by any alias matches every event
//! of that entity; every other word must occur (as a substring, so Arabic clitics and prefixes
//! still match) in the event's titles, summaries, quotes, place or party/actor names, in either
//! language. The index is built once per dataset load. This module never touches `web_sys`.

mod normalize;

use std::collections::HashMap;

use normalize::for_each_word;
pub use normalize::normalize;

use crate::data::{Dataset, EventIx};

/// Arabic proclitics a word may carry before a name: "وبكين", "لبكين", "بالصين".
const PREFIXES: &[&str] = &["وبال", "فبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];

/// True when the query word `word` is the alias word `alias`, possibly with an Arabic proclitic.
fn word_matches(word: &str, alias: &str) -> bool {
    word == alias || PREFIXES.iter().any(|p| word.strip_prefix(p) == Some(alias))
}

/// An entity a query can name: a country or an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Country(u32),
    Actor(u32),
}

/// The search index of one dataset.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Every distinct normalised word of the searchable text, with the events containing it.
    words: Vec<(String, Vec<EventIx>)>,
    /// Normalised alias phrases (as word lists), longest first, with the entity they name.
    aliases: Vec<(Vec<String>, Entity)>,
    /// Events of each entity.
    by_entity: HashMap<Entity, Vec<EventIx>>,
    events: usize,
}

/// A set of events as a bitset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSet {
    bits: Vec<u64>,
}

impl EventSet {
    pub fn empty(n: usize) -> Self {
        EventSet { bits: vec![0; n.div_ceil(64)] }
    }

    pub fn full(n: usize) -> Self {
        let mut s = EventSet { bits: vec![u64::MAX; n.div_ceil(64)] };
        if !n.is_multiple_of(64) {
            if let Some(last) = s.bits.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        s
    }

    pub fn insert(&mut self, ix: EventIx) {
        if let Some(w) = self.bits.get_mut(ix as usize / 64) {
            *w |= 1 << (ix % 64);
        }
    }

    pub fn contains(&self, ix: EventIx) -> bool {
        self.bits.get(ix as usize / 64).is_some_and(|w| w & (1 << (ix % 64)) != 0)
    }

    fn intersect(&mut self, other: &EventSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= b;
        }
    }

    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl SearchIndex {
    pub fn build(ds: &Dataset) -> SearchIndex {
        let mut word_ix: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<(String, Vec<EventIx>)> = Vec::new();
        let mut by_entity: HashMap<Entity, Vec<EventIx>> = HashMap::new();
        for (ix, e) in ds.events.iter().enumerate() {
            let ix = ix as EventIx;
            let mut add = |text: &str| {
                for_each_word(text, |w, _| {
                    // Look up before allocating: most words of a large dataset are already indexed.
                    let slot = match word_ix.get(w) {
                        Some(&slot) => slot,
                        None => {
                            words.push((w.to_owned(), Vec::new()));
                            word_ix.insert(w.to_owned(), words.len() - 1);
                            words.len() - 1
                        }
                    };
                    let postings = &mut words[slot].1;
                    if postings.last() != Some(&ix) {
                        postings.push(ix);
                    }
                })
            };
            for t in [&e.title, &e.summary].into_iter().chain(e.place.as_ref()) {
                add(&t.ar);
                add(&t.en);
            }
            e.sources.iter().for_each(|s| add(&s.quote));
            let names =
                e.parties.iter().map(|&c| &ds.country(c).name).chain(e.actors.iter().map(|&a| &ds.actor(a).name));
            for name in names {
                add(&name.ar);
                add(&name.en);
            }
            for &c in &e.parties {
                by_entity.entry(Entity::Country(c)).or_default().push(ix);
            }
            for &a in &e.actors {
                by_entity.entry(Entity::Actor(a)).or_default().push(ix);
            }
        }
        let mut aliases: Vec<(Vec<String>, Entity)> = Vec::new();
        let mut add = |names: Vec<&str>, entity: Entity| {
            for n in names {
                let words: Vec<String> = normalize(n).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
                if !words.is_empty() && !aliases.iter().any(|(w, e)| *w == words && *e == entity) {
                    aliases.push((words, entity));
                }
            }
        };
        for (i, c) in ds.countries.iter().enumerate() {
            let mut names = vec![c.name.ar.as_str(), c.name.en.as_str(), c.code.as_str()];
            names.extend(c.aliases.iter().map(String::as_str));
            add(names, Entity::Country(i as u32));
        }
        for (i, a) in ds.actors.iter().enumerate() {
            let mut names = vec![a.name.ar.as_str(), a.name.en.as_str()];
            names.extend(a.aliases.iter().map(String::as_str));
            add(names, Entity::Actor(i as u32));
        }
        aliases.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        SearchIndex { words, aliases, by_entity, events: ds.events.len() }
    }

    /// Events containing a word that contains `needle` (already normalised, one word).
    fn containing(&self, needle: &str) -> EventSet {
        let mut set = EventSet::empty(self.events);
        for (w, postings) in &self.words {
            if w.contains(needle) {
                postings.iter().for_each(|&ix| set.insert(ix));
            }
        }
        set
    }

    /// The entities a query names, and the query's remaining words, in order.
    pub fn parse(&self, query: &str) -> (Vec<Entity>, Vec<String>) {
        let norm = normalize(query);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        let (mut entities, mut rest) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < words.len() {
            // Longest alias first (the list is sorted by length); all entities an alias names.
            let mut matched_len = 0;
            for (alias, entity) in &self.aliases {
                let n = alias.len();
                if matched_len > n {
                    break;
                }
                if i + n <= words.len() && alias.iter().zip(&words[i..i + n]).all(|(a, w)| word_matches(w, a)) {
                    matched_len = n;
                    if !entities.contains(entity) {
                        entities.push(*entity);
                    }
                }
            }
            if matched_len == 0 {
                rest.push(words[i].to_owned());
                i += 1;
            } else {
                i += matched_len;
            }
        }
        (entities, rest)
    }

    /// The events matching `query`; `None` when the query is empty (everything matches).
    pub fn search(&self, query: &str) -> Option<EventSet> {
        let (entities, rest) = self.parse(query);
        if entities.is_empty() && rest.is_empty() {
            return None;
        }
        let mut result = EventSet::full(self.events);
        // Entities named by the same phrase are alternatives (an alias shared by two actors),
        // but each is required against the other words; so: (any named entity) AND every word.
        if !entities.is_empty() {
            let mut any = EventSet::empty(self.events);
            for e in &entities {
                self.by_entity.get(e).into_iter().flatten().for_each(|&ix| any.insert(ix));
            }
            result.intersect(&any);
        }
        for w in &rest {
            result.intersect(&self.containing(w));
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_match_names() {
        assert!(word_matches("وبكين", "بكين"));
        assert!(word_matches("بالصين", "الصين") || word_matches("بالصين", "صين"));
        assert!(!word_matches("شيء", "شي"));
    }
}
