//! Search the way a reader of Arabic or English expects. Pure: never touches `web_sys`.
//!
//! A query is split into words ([`normalize()`]d) and parsed left to right into terms, each of
//! which every result must satisfy (AND):
//! - a phrase naming a country or an actor by any alias ("لندن", "شي جين بينج", "Xi") matches the
//!   events of that entity; entities named by one phrase are alternatives (an alias two actors
//!   share), separate phrases are each required ("Xi Biden": events with both). A query word
//!   names the alias word as written, with an Arabic proclitic ("بلندن"), or inflected (its stem
//!   is the alias word without its article: "الصينيون" names "الصين"). A one-word name is also a
//!   word of the text, as below: it matches the events using it too ("هافانا", Havana, names
//!   Cuba and begins "متلازمة هافانا", Havana syndrome, whose events are other states');
//! - a phrase naming a topic, an event type or a tone by its label in either language (as the
//!   filter panel shows them: "صدامي", conflictual), or one of a type label's alternatives
//!   ("اتهام" of "اتهام أو إسناد"), compared by stems ("sanction" names "Sanctions"), matches the
//!   events tagged with it. A one-word label is also a word of the text
//!   ("report", "التجسس"): it matches the events using it too. A label of several words does
//!   not, as its words apart say something else ("تأثير عملية القرصنة", the impact of a hacking
//!   operation, is not "عمليات التأثير", influence operations);
//! - a four-digit number ("2021", "٢٠٢١") matches the events of that year and its mentions;
//! - any other word matches the events whose titles, summaries, place, quotes or party and actor
//!   names (either language) contain it: exactly, as another form of the same word (same stem:
//!   "السيبرانية" finds "السيبراني"; a known variant of one term too: "سيبراني" finds
//!   "الإلكترونية"; see `stem`), or, for words of [`PREFIX_MIN`] letters or
//!   more, as the beginning of a word after its proclitics ("cyberatt" finds "cyberattacks",
//!   "سيبر" finds "والسيبرانية"). Shorter words match whole words and stems only, so "UN" is not
//!   found inside "united"; no word is found inside another ("attack" misses "cyberattack").
//!
//! Single letters outside an alias ("s" of "China's") are ignored. When a word matches nothing,
//! it is replaced by the nearest word of the index or of the alias lists (see `fuzzy`), and
//! [`Hits::corrected`] says so.
//!
//! Submodules: [`normalize`](normalize()) (folding and word splitting), `stem` (the light stemmer),
//! `fuzzy` (bounded edit distance and the length buckets it searches).

mod fuzzy;
mod normalize;
mod stem;
mod transfer;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

pub use normalize::{for_each_word, normalize};
use stem::Split;
pub use transfer::encode_events;

use crate::data::{Dataset, EventIx, EventType, Tone, Topic};
use crate::i18n::Lang;

/// Query words of fewer letters match whole words and stems only, never as a word's beginning:
/// two- and three-letter words are mostly acronyms ("UN", "US", "NSA") or bare Arabic roots
/// ("امن", "حرب"), whose continuations are unrelated words ("united", "امنيات"); from four
/// letters on, a prefix is nearly always the same word being typed or compounded ("cyberatt",
/// "ransom").
pub const PREFIX_MIN: usize = 4;

/// Arabic proclitics a word may carry before a name: "وبكين", "لبكين", "بالصين".
const PREFIXES: &[&str] = &["وبال", "فبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];

/// What a query phrase can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Country(u32),
    Actor(u32),
    Topic(Topic),
    Type(EventType),
    Tone(Tone),
    Year(i32),
}

impl Entity {
    /// Topic, type and tone labels are common words: compared by stem, and (one word) read in
    /// the text.
    fn is_label(self) -> bool {
        matches!(self, Entity::Topic(_) | Entity::Type(_) | Entity::Tone(_))
    }
}

/// A list of events, ascending, each stored as its distance from the one before in LEB128: most
/// gaps are under 128, so an entry takes a byte, not the four of a `u32` (at 100,000 events the
/// word index's lists were about 20 MB as `u32`s).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Postings {
    bytes: Vec<u8>,
    len: u32,
    last: EventIx,
}

impl Postings {
    /// Adds `ix` if it is above the last entry (an event seen again is not added twice).
    fn push(&mut self, ix: EventIx) {
        if self.len > 0 && ix <= self.last {
            return;
        }
        let gap = ix - if self.len == 0 { 0 } else { self.last };
        crate::data::packed::put(gap as usize, &mut self.bytes);
        self.len += 1;
        self.last = ix;
    }

    /// Gives back what the list does not use.
    fn shrink(&mut self) {
        self.bytes.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = EventIx> + '_ {
        let mut gaps = crate::data::packed::Numbers { bytes: &self.bytes, at: 0 };
        let mut at: EventIx = 0;
        (0..self.len).map(move |_| {
            at = at.wrapping_add(gaps.next() as EventIx);
            at
        })
    }
}

impl FromIterator<EventIx> for Postings {
    fn from_iter<I: IntoIterator<Item = EventIx>>(iter: I) -> Self {
        let mut p = Postings::default();
        iter.into_iter().for_each(|ix| p.push(ix));
        p
    }
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

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|w| *w == 0)
    }

    fn extend(&mut self, ixs: &Postings) {
        ixs.iter().for_each(|ix| self.insert(ix));
    }

    fn union(&mut self, other: &EventSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a |= b;
        }
    }

    fn intersect(&mut self, other: &EventSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= b;
        }
    }
}

/// What a query found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hits {
    /// Every matching event.
    pub all: EventSet,
    /// The subset matching every term exactly (no stemming, no prefix, no typo correction):
    /// ranked first. Events of a named entity, topic, type or year are exact matches.
    pub exact: EventSet,
    /// When some word matched nothing and was replaced by a near word: the corrected query, in
    /// the reader's words and the index's own spelling of the replacements ("بكين"), for a "did
    /// you mean" line. `all` and `exact` are then the results of the corrected query.
    pub corrected: Option<String>,
}

/// One distinct word of the index.
#[derive(Clone, Debug, PartialEq)]
struct Word {
    /// Normalised.
    norm: Box<str>,
    /// The spelling first seen in the data, when it differs from `norm` ("Biden", "الأمن").
    surface: Option<Box<str>>,
    /// Events containing the word, ascending; empty for a word only the alias lists have.
    postings: Postings,
    /// `norm[base..]` is the word without proclitics, `norm[base..end]` its stem (before
    /// [`stem::canonical`]).
    base: u16,
    end: u16,
    /// A word of an alias or label of something with events: preferred as a correction.
    alias: bool,
}

impl Word {
    fn base(&self) -> &str {
        &self.norm[self.base as usize..]
    }

    fn stem(&self) -> &str {
        stem::canonical(&self.norm[self.base as usize..self.end as usize])
    }

    fn surface(&self) -> &str {
        self.surface.as_deref().unwrap_or(&self.norm)
    }
}

/// One word of an alias phrase.
#[derive(Clone, Debug, PartialEq)]
struct AliasWord {
    norm: Box<str>,
    base: Box<str>,
    stem: Box<str>,
}

#[derive(Clone, Debug, PartialEq)]
struct Alias {
    words: Vec<AliasWord>,
    entity: Entity,
}

/// The search index of one dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    /// Every distinct word of the searchable text and of the alias and label lists, sorted by
    /// (stem, word): the words of one stem are contiguous.
    words: Vec<Word>,
    /// Word ids sorted by normalised word, and by base (for prefix matches).
    by_norm: Vec<u32>,
    by_base: Vec<u32>,
    /// Word ids by length, for corrections.
    near: fuzzy::Buckets,
    /// Alias and label phrases, longest first.
    aliases: Vec<Alias>,
    /// Events of each entity, ascending.
    by_entity: HashMap<Entity, Postings>,
    events: usize,
    /// Postings number events in the order they were added ([`Dataset::arrival`]); this maps
    /// them to the dataset's indices, once per search, on the way out.
    to_ix: Vec<EventIx>,
}

/// A word of the query with what matching needs.
#[derive(Clone, Debug)]
struct QueryWord {
    norm: String,
    /// As the reader typed it (or, after a correction, as the index spells it).
    surface: String,
    base: String,
    stem: String,
}

impl QueryWord {
    fn letters(&self) -> usize {
        self.norm.chars().count()
    }

    /// Whether this word names the alias word `a` (see the module documentation). By its stem
    /// only when that keeps [`stem::MIN_STEM`] letters: a word stemmed to two letters does not
    /// name a state by its code ("tried" had been "tr", Türkiye's, when a final i was dropped).
    /// A name ending in alef loses it before a demonym's suffix ("أمريكا": "أمريكية",
    /// "الأميركيين"; "روسيا": "روسيون"), so such a name is also named by its stem, with or
    /// without an alias list's form of the demonym.
    fn names(&self, a: &AliasWord, label: bool) -> bool {
        let stemmed = self.stem.chars().count() >= stem::MIN_STEM;
        *self.norm == *a.norm
            || PREFIXES.iter().any(|p| self.norm.strip_prefix(p) == Some(&a.norm))
            || stemmed && stem::same(&self.stem, if label { &a.stem } else { &a.base })
            || stemmed && !label && a.base.ends_with('ا') && stem::same(&self.stem, &a.stem)
    }
}

/// A query term: every result satisfies every term.
#[derive(Clone, Debug)]
enum Term {
    /// Query words `span` name these entities (alternatives).
    Named { span: Range<usize>, entities: Vec<Entity> },
    /// Query word `i`, matched in the text.
    Word(usize),
}

/// What one term matches.
struct Match {
    all: EventSet,
    exact: EventSet,
}

/// FxHash (as in rustc): the index hashes every word of the text while it is built, and
/// SipHash's protection against chosen keys is not needed for the app's own dataset.
#[derive(Clone, Copy, Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// A word while the index is built.
#[derive(Clone, Default)]
struct RawWord {
    surface: Option<Box<str>>,
    postings: Postings,
    alias: bool,
}

#[derive(Clone, Default)]
struct Builder {
    slot: HashMap<Box<str>, u32, Fx>,
    words: Vec<RawWord>,
}

impl Builder {
    fn add(&mut self, norm: &str, surface: &str, event: Option<EventIx>) -> &mut RawWord {
        // Look up before allocating: most words of a large dataset are already indexed.
        let slot = match self.slot.get(norm) {
            Some(&slot) => slot,
            None => {
                let surface = (surface != norm).then(|| surface.into());
                self.words.push(RawWord { surface, ..RawWord::default() });
                self.slot.insert(norm.into(), self.words.len() as u32 - 1);
                self.words.len() as u32 - 1
            }
        };
        let word = &mut self.words[slot as usize];
        if let Some(ix) = event {
            word.postings.push(ix);
        }
        word
    }
}

/// The phrases a label offers: itself, and its alternatives ("اجتماع أو قمة": "اجتماع", "قمة").
fn label_phrases(label: &'static str) -> Vec<&'static str> {
    let mut phrases = vec![label];
    for or in [" أو ", " or "] {
        if label.contains(or) {
            phrases.extend(label.split(or));
        }
    }
    phrases
}

/// The year a query word names, if it is four digits.
fn year(norm: &str) -> Option<i32> {
    (norm.len() == 4 && norm.bytes().all(|b| b.is_ascii_digit())).then(|| norm.parse().ok()).flatten()
}

/// What the index reads of an event: its texts, what it names and when.
struct Indexed<'a> {
    texts: &'a crate::data::packed::Packed,
    parties: &'a [crate::data::CountryIx],
    actors: &'a [crate::data::ActorIx],
    topics: &'a [Topic],
    kind: EventType,
    tone: Tone,
    year: i32,
}

/// A word index built a slice of events at a time, so a page with 100,000 events can build it
/// between frames (about 13 µs an event in the browser) before the reader's first search.
/// [`IndexBuild::finish`] gives exactly what [`SearchIndex::build`] gives.
#[derive(Clone, Default)]
pub struct IndexBuild {
    b: Builder,
    by_entity: HashMap<Entity, Postings>,
    /// The next event to add.
    next: usize,
    /// How far the finish has got, once every event is in.
    stage: Stage,
}

/// The finish of an [`IndexBuild`], in parts that each fit a task of their own
/// ([`IndexBuild::advance`]): in one, with the wasm's first compilation of its code, it was
/// a 25-30 ms task on a page of 46 events.
#[derive(Clone, Default)]
enum Stage {
    /// Adding events.
    #[default]
    Events,
    /// The words (the names' too) split into proclitics, stem and suffixes; next, which
    /// single-letter proclitics and verb prefixes are ones.
    Split(Box<Stemmed>),
    /// The words with their stems decided; next, their order and lookup tables.
    Stemmed(Box<Stemmed>),
    /// The index but for its phrases (names, aliases and labels), which come last.
    Indexed(Box<SearchIndex>),
}

impl IndexBuild {
    /// Adds up to `n` more events, in the order the load accepted them (`ds.arrival`); true
    /// once every event of `ds` is in. A build may go on with a later snapshot of the same load
    /// (it has the same events first), never with another load's.
    pub fn step(&mut self, ds: &Dataset, n: usize) -> bool {
        debug_assert!(
            matches!(self.stage, Stage::Events) || self.next == ds.arrival.len(),
            "events after the finish began"
        );
        let end = ds.arrival.len().min(self.next.saturating_add(n));
        for at in self.next..end {
            self.add(at as EventIx, ds.event(ds.arrival[at]), ds);
        }
        self.next = end;
        end == ds.arrival.len()
    }

    /// Adds up to `n` events of a load that are not in yet, from `arrived`, the events in the
    /// order the load accepted them, named by `names` (`data::Loader::arrived`); true once every
    /// event of `arrived` is in. A build may go on with a later `arrived` of the same load, and
    /// then with its complete snapshot ([`IndexBuild::step`], [`IndexBuild::finish`]).
    pub fn add_arrived(&mut self, arrived: &[std::sync::Arc<crate::data::Event>], names: &Dataset, n: usize) -> bool {
        let end = arrived.len().min(self.next.saturating_add(n));
        for (at, e) in arrived.iter().enumerate().take(end).skip(self.next) {
            self.add(at as EventIx, e, names);
        }
        self.next = self.next.max(end);
        self.next >= arrived.len()
    }

    /// Adds event `e`, the `ix`th the load accepted; `names` names its countries and actors.
    fn add(&mut self, ix: EventIx, e: &crate::data::Event, names: &Dataset) {
        let year = e.date.year;
        self.add_parts(
            ix,
            Indexed {
                texts: e.packed(),
                parties: &e.parties,
                actors: &e.actors,
                topics: &e.topics,
                kind: e.kind,
                tone: e.tone,
                year,
            },
            names,
        );
    }

    /// Adds what the index reads of one event (its parties and actors are in `names`).
    fn add_parts(&mut self, ix: EventIx, e: Indexed, names: &Dataset) {
        let b = &mut self.b;
        let mut add = |text: &str| {
            for_each_word(text, |w, s| {
                b.add(w, s, Some(ix));
            })
        };
        e.texts.each_text(&mut add);
        let named = e.parties.iter().map(|&c| &names.country(c).name);
        for name in named.chain(e.actors.iter().map(|&a| &names.actor(a).name)) {
            add(&name.ar);
            add(&name.en);
        }
        let entities = (e.parties.iter().map(|&c| Entity::Country(c)))
            .chain(e.actors.iter().map(|&a| Entity::Actor(a)))
            .chain(e.topics.iter().map(|&t| Entity::Topic(t)))
            .chain([Entity::Type(e.kind), Entity::Tone(e.tone), Entity::Year(e.year)]);
        for entity in entities {
            self.by_entity.entry(entity).or_default().push(ix);
        }
    }

    /// How many events are in.
    pub fn done(&self) -> usize {
        self.next
    }

    /// The index of `ds`: the events not yet added, then the rest of the finish.
    pub fn finish(mut self, ds: &Dataset) -> SearchIndex {
        self.step(ds, usize::MAX);
        let mut index = self.finish_named(ds, ds.events.len());
        index.to_ix = ds.arrival.clone();
        index
    }

    /// The next part of the build of `ds`'s index, for a task of its own: up to `n` more events,
    /// or, once all are in, the next of the finish's four parts (the words' stems; their
    /// proclitics; their order and lookup tables; the names' phrases). The index, after the
    /// last: what [`IndexBuild::finish`] gives.
    pub fn advance(&mut self, ds: &Dataset, n: usize) -> Option<SearchIndex> {
        if matches!(self.stage, Stage::Events) && self.next < ds.arrival.len() {
            self.step(ds, n);
            return None;
        }
        let mut index = self.finish_part(ds, ds.events.len())?;
        index.to_ix = ds.arrival.clone();
        Some(index)
    }

    /// The index of the `events` events added so far, whose countries and actors `names` has,
    /// numbered in the order they were added (no `to_ix` yet: [`SearchIndex::numbered`]).
    fn finish_named(mut self, names: &Dataset, events: usize) -> SearchIndex {
        loop {
            if let Some(index) = self.finish_part(names, events) {
                return index;
            }
        }
    }

    /// The finish's next part; the index after its last ([`IndexBuild::finish_named`]).
    fn finish_part(&mut self, names: &Dataset, events: usize) -> Option<SearchIndex> {
        match std::mem::take(&mut self.stage) {
            Stage::Events => {
                // The words of phrases naming something with events are correction candidates.
                for (entity, phrase) in phrases(names) {
                    if self.by_entity.contains_key(&entity) {
                        for_each_word(phrase, |w, s| self.b.add(w, s, None).alias = true);
                    }
                }
                self.stage = Stage::Split(Box::new(Stemmed::of(std::mem::take(&mut self.b))));
                None
            }
            Stage::Split(mut stemmed) => {
                stemmed.strip_clitics();
                self.stage = Stage::Stemmed(stemmed);
                None
            }
            Stage::Stemmed(stemmed) => {
                let mut index = stemmed.index(events);
                index.by_entity = std::mem::take(&mut self.by_entity);
                index.by_entity.values_mut().for_each(Postings::shrink);
                self.stage = Stage::Indexed(Box::new(index));
                None
            }
            Stage::Indexed(mut index) => {
                for (entity, phrase) in phrases(names) {
                    let mut words = Vec::new();
                    for_each_word(phrase, |w, _| {
                        let (base, stem) = index.analyse(w);
                        words.push(AliasWord { norm: w.into(), base: base.into(), stem: stem.into() });
                    });
                    let same = |a: &Alias| {
                        a.entity == entity && a.words.iter().map(|w| &w.norm).eq(words.iter().map(|w| &w.norm))
                    };
                    if !words.is_empty() && !index.aliases.iter().any(same) {
                        index.aliases.push(Alias { words, entity });
                    }
                }
                index.aliases = crate::sort::by_key(std::mem::take(&mut index.aliases), |a| Reverse(a.words.len()));
                Some(*index)
            }
        }
    }
}

/// The collected words and where each one's stem is: split ([`Stemmed::of`]), then with its
/// proclitics and verb prefixes decided ([`Stemmed::strip_clitics`]).
#[derive(Clone)]
struct Stemmed {
    norms: Vec<Box<str>>,
    words: Vec<RawWord>,
    splits: Vec<Split>,
}

impl Stemmed {
    /// The collected words, each split into proclitics, stem and suffixes.
    fn of(b: Builder) -> Stemmed {
        let mut norms: Vec<Box<str>> = vec![Box::from(""); b.words.len()];
        for (norm, slot) in b.slot {
            norms[slot as usize] = norm;
        }
        // A name's word is no verb ([`stem::split_name`]).
        let split = |(w, raw): (&str, &RawWord)| if raw.alias { stem::split_name(w) } else { stem::split(w) };
        let splits = norms.iter().map(|w| &**w).zip(&b.words).map(split).collect();
        Stemmed { norms, words: b.words, splits }
    }

    /// Decides the words' proclitics and verb prefixes ([`stem::PROCLITICS`]), and the article
    /// "لل" of a word beginning with ل ([`stem::merged_lam`]), against the vocabulary.
    fn strip_clitics(&mut self) {
        let Stemmed { norms, words, splits } = self;
        let n = norms.len();
        let strip: Vec<(usize, Split)> = {
            // "وبكين" is "و + بكين" when "بكين" is a known stem and no "الوبكين" says otherwise:
            // "وزارة" stays whole because "الوزارة" is in the text.
            let stem_of = |i: usize| stem::canonical(&norms[i][splits[i].base..splits[i].end]);
            let order = sorted(n, true, |i| (stem_of(i), &norms[i]));
            let with_stem = |s: &str| {
                let lo = order.partition_point(|&i| stem::cmp(stem_of(i as usize), s).is_lt());
                &order[lo..lo + order[lo..].partition_point(|&i| stem::same(stem_of(i as usize), s))]
            };
            (0..n)
                .filter(|&i| !words[i].alias)
                .filter_map(|i| {
                    if splits[i].base > 0 {
                        // "للقاء" is "ل + اللقاء" when "لقاء" is another word's stem and "قاء" none's.
                        let m = stem::merged_lam(&norms[i], splits[i])?;
                        let others = |s: &str| with_stem(s).iter().any(|&j| j as usize != i);
                        let lam_word = stem::canonical(&norms[i][m.base..m.end]);
                        return (others(lam_word) && !others(stem_of(i))).then_some((i, m));
                    }
                    let known =
                        |(rest, s): &(&str, Split)| !with_stem(stem::canonical(&rest[s.base..s.end])).is_empty();
                    let (rest, s) = without_proclitic(&norms[i]).find(known)?;
                    let with_article = with_stem(stem_of(i)).iter().any(|&j| splits[j as usize].base > 0);
                    let offset = norms[i].len() - rest.len();
                    (!with_article).then_some((i, Split { base: s.base + offset, end: s.end + offset }))
                })
                .collect()
        };
        strip.into_iter().for_each(|(i, s)| splits[i] = s);
    }

    /// The index of these words (of `events` events): sorted into the lookup tables.
    fn index(self, events: usize) -> SearchIndex {
        let Stemmed { norms, words: raw, splits } = self;
        let n = norms.len();
        let order = sorted(n, true, |i| (stem::canonical(&norms[i][splits[i].base..splits[i].end]), &norms[i]));
        let mut parts: Vec<_> = norms.into_iter().zip(raw).zip(splits).map(Some).collect();
        let mut words = Vec::with_capacity(n);
        words.extend(order.into_iter().filter_map(|i| parts[i as usize].take()).map(|((norm, raw), s)| {
            // A word too long for the offsets (over 65,535 bytes, only ever in fuzzed data) gets an
            // empty stem: it is found as typed or by its beginning only.
            let (base, end) = match (u16::try_from(s.base), u16::try_from(s.end)) {
                (Ok(base), Ok(end)) => (base, end),
                _ => (0, 0),
            };
            let mut postings = raw.postings;
            postings.shrink();
            Word { norm, surface: raw.surface, postings, base, end, alias: raw.alias }
        }));
        let by_norm = sorted(n, false, |i| (&words[i].norm, ""));
        let by_base = sorted(n, false, |i| (words[i].base(), ""));
        let near = fuzzy::Buckets::new(words.iter().map(|w| &*w.norm));
        SearchIndex {
            words,
            by_norm,
            by_base,
            near,
            aliases: Vec::new(),
            by_entity: HashMap::new(),
            events,
            to_ix: Vec::new(),
        }
    }
}

/// Every phrase that names something: names and aliases, labels and their alternatives.
fn phrases(ds: &Dataset) -> Vec<(Entity, &str)> {
    let mut phrases: Vec<(Entity, &str)> = Vec::new();
    for (i, c) in ds.countries.iter().enumerate() {
        let entity = Entity::Country(i as u32);
        phrases.extend([&c.name.ar, &c.name.en, &c.code].into_iter().chain(&c.aliases).map(|n| (entity, &**n)));
    }
    for (i, a) in ds.actors.iter().enumerate() {
        let entity = Entity::Actor(i as u32);
        phrases.extend([&a.name.ar, &a.name.en].into_iter().chain(&a.aliases).map(|n| (entity, &**n)));
    }
    for lang in [Lang::Ar, Lang::En] {
        for &t in Topic::ALL {
            phrases.extend(label_phrases(t.label(lang)).into_iter().map(|p| (Entity::Topic(t), p)));
        }
        for &t in EventType::ALL {
            phrases.extend(label_phrases(t.label(lang)).into_iter().map(|p| (Entity::Type(t), p)));
        }
        for &t in Tone::ALL {
            phrases.extend(label_phrases(t.label(lang)).into_iter().map(|p| (Entity::Tone(t), p)));
        }
    }
    phrases
}

impl SearchIndex {
    pub fn build(ds: &Dataset) -> SearchIndex {
        IndexBuild::default().finish(ds)
    }

    fn word(&self, id: u32) -> &Word {
        &self.words[id as usize]
    }

    /// The id of a normalised word.
    fn lookup(&self, norm: &str) -> Option<u32> {
        let i = self.by_norm.binary_search_by(|&id| (*self.word(id).norm).cmp(norm)).ok()?;
        Some(self.by_norm[i])
    }

    /// Positions in `words` of the words whose stem is `stem`.
    fn stem_range(&self, stem: &str) -> Range<usize> {
        let lo = self.words.partition_point(|w| stem::cmp(w.stem(), stem).is_lt());
        lo..lo + self.words[lo..].partition_point(|w| stem::same(w.stem(), stem))
    }

    /// Ids of the words whose base starts with `base`.
    fn base_prefix(&self, base: &str) -> &[u32] {
        let lo = self.by_base.partition_point(|&id| self.word(id).base() < base);
        let rest = &self.by_base[lo..];
        &rest[..rest.partition_point(|&id| self.word(id).base().starts_with(base))]
    }

    /// A word's base and stem: the index's own for a known word; otherwise the stemmer's, with a
    /// proclitic or verb prefix stripped when what remains is a known stem and the whole is not,
    /// and the article "لل" read as a lam word's ([`stem::merged_lam`]) on the same terms.
    fn analyse(&self, norm: &str) -> (String, String) {
        if let Some(known) = self.known(norm) {
            return known;
        }
        let s = stem::split(norm);
        let own = stem::canonical(&norm[s.base..s.end]);
        let lam_word = stem::merged_lam(norm, s).map(|m| (m, stem::canonical(&norm[m.base..m.end])));
        if let Some((m, stem)) =
            lam_word.filter(|(_, stem)| self.stem_range(own).is_empty() && !self.stem_range(stem).is_empty())
        {
            return (norm[m.base..].to_owned(), stem.to_owned());
        }
        if s.base == 0 && self.stem_range(own).is_empty() {
            for (rest, r) in without_proclitic(norm) {
                let (base, stem) = self
                    .known(rest)
                    .unwrap_or_else(|| (rest[r.base..].to_owned(), stem::canonical(&rest[r.base..r.end]).to_owned()));
                if !self.stem_range(&stem).is_empty() {
                    return (base, stem);
                }
            }
        }
        (norm[s.base..].to_owned(), own.to_owned())
    }

    /// The base and stem of a word of the index.
    fn known(&self, norm: &str) -> Option<(String, String)> {
        let w = self.word(self.lookup(norm)?);
        Some((w.base().to_owned(), w.stem().to_owned()))
    }

    fn query_word(&self, norm: &str, surface: &str) -> QueryWord {
        let (base, stem) = self.analyse(norm);
        QueryWord { norm: norm.to_owned(), surface: surface.to_owned(), base, stem }
    }

    /// The query's terms, in order (see the module documentation).
    fn parse(&self, words: &[QueryWord]) -> Vec<Term> {
        let mut terms = Vec::new();
        let mut i = 0;
        while i < words.len() {
            // Longest alias first (the list is sorted by length); all entities it names.
            let (mut len, mut entities) = (0, Vec::new());
            for alias in &self.aliases {
                let n = alias.words.len();
                if len > n {
                    break;
                }
                let label = alias.entity.is_label();
                if i + n <= words.len() && alias.words.iter().zip(&words[i..i + n]).all(|(a, w)| w.names(a, label)) {
                    len = n;
                    if !entities.contains(&alias.entity) {
                        entities.push(alias.entity);
                    }
                }
            }
            if len > 0 {
                terms.push(Term::Named { span: i..i + len, entities });
                i += len;
            } else {
                if words[i].letters() > 1 {
                    terms.push(Term::Word(i));
                }
                i += 1;
            }
        }
        terms
    }

    /// The events of an entity.
    fn entity_events(&self, entity: Entity) -> &Postings {
        static NONE: Postings = Postings { bytes: Vec::new(), len: 0, last: 0 };
        self.by_entity.get(&entity).unwrap_or(&NONE)
    }

    /// The events a word matches in the text, and (for a year) by date.
    fn match_word(&self, w: &QueryWord) -> Match {
        let mut exact = EventSet::empty(self.events);
        if let Some(id) = self.lookup(&w.norm) {
            exact.extend(&self.word(id).postings);
        }
        if let Some(y) = year(&w.norm) {
            exact.extend(self.entity_events(Entity::Year(y)));
        }
        let mut all = exact.clone();
        for word in &self.words[self.stem_range(&w.stem)] {
            all.extend(&word.postings);
        }
        if w.letters() >= PREFIX_MIN && w.base.chars().count() >= PREFIX_MIN {
            for &id in self.base_prefix(&w.base) {
                all.extend(&self.word(id).postings);
            }
        }
        Match { all, exact }
    }

    /// A term's events. A one-word phrase is also a word of the text: a label's ("report"), and a
    /// name's, which may be said of something else ("هافانا" names Cuba, and begins "متلازمة
    /// هافانا", Havana syndrome, whose events are Russia's and the United States').
    fn match_term(&self, term: &Term, words: &[QueryWord]) -> Match {
        match term {
            Term::Word(i) => self.match_word(&words[*i]),
            Term::Named { span, entities } => {
                let mut exact = EventSet::empty(self.events);
                entities.iter().for_each(|&e| exact.extend(self.entity_events(e)));
                let mut all = exact.clone();
                if span.len() == 1 {
                    let text = self.match_word(&words[span.start]);
                    all.union(&text.all);
                    exact.union(&text.exact);
                }
                Match { all, exact }
            }
        }
    }

    /// The nearest word to a word that matched nothing: fewest edits, then a word of an alias or
    /// label (names are what readers misspell: "بيدن" is one edit from "بايدن" and from "بيان"),
    /// then the most frequent; with none near the word, the nearest to its stem ("تحذيرات",
    /// warnings, is corrected as "تحذير", a warning, is). `None` for numbers and when the
    /// nearest is the word itself.
    fn correction(&self, w: &QueryWord) -> Option<u32> {
        if w.norm.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        self.nearest(&w.norm).or_else(|| self.nearest(&w.stem).filter(|_| w.stem != w.norm))
    }

    /// The nearest word of the index to `norm` (see [`SearchIndex::correction`]).
    fn nearest(&self, norm: &str) -> Option<u32> {
        let mut best: Option<(usize, bool, Reverse<usize>, u32)> = None;
        self.near.near(
            norm,
            |id| &self.words[id as usize].norm,
            |id, d| {
                let word = self.word(id);
                let key = (d, !word.alias, Reverse(word.postings.len()), id);
                if (word.alias || !word.postings.is_empty()) && best.is_none_or(|b| key < b) {
                    best = Some(key);
                }
            },
        );
        best.filter(|b| b.0 > 0).map(|b| b.3)
    }

    /// Every term's matches, combined.
    fn run(&self, words: &[QueryWord]) -> Option<(Vec<Term>, Vec<Match>, Match)> {
        let terms = self.parse(words);
        if terms.is_empty() {
            return None;
        }
        let matches: Vec<Match> = terms.iter().map(|t| self.match_term(t, words)).collect();
        let mut all = Match { all: EventSet::full(self.events), exact: EventSet::full(self.events) };
        for m in &matches {
            all.all.intersect(&m.all);
            all.exact.intersect(&m.exact);
        }
        Some((terms, matches, all))
    }

    /// The events matching `query`. `None` when the query has no word after normalisation (or
    /// only single letters): everything matches.
    pub fn search(&self, query: &str) -> Option<Hits> {
        let mut words = Vec::new();
        for_each_word(query, |w, s| words.push(self.query_word(w, s)));
        let (terms, matches, found) = self.run(&words)?;
        let mut corrected = false;
        for (term, m) in terms.iter().zip(&matches) {
            if let (Term::Word(i), true) = (term, m.all.is_empty()) {
                if let Some(id) = self.correction(&words[*i]) {
                    let word = self.word(id);
                    words[*i] = self.query_word(&word.norm, word.surface());
                    corrected = true;
                }
            }
        }
        if !corrected {
            return Some(Hits { all: self.to_ix(&found.all), exact: self.to_ix(&found.exact), corrected: None });
        }
        let (_, _, found) = self.run(&words)?;
        let text = words.iter().map(|w| w.surface.as_str()).collect::<Vec<_>>().join(" ");
        Some(Hits { all: self.to_ix(&found.all), exact: self.to_ix(&found.exact), corrected: Some(text) })
    }

    /// A set of events numbered in the order they were indexed, in the dataset's numbering.
    fn to_ix(&self, set: &EventSet) -> EventSet {
        let mut out = EventSet::empty(self.events);
        for (w, &bits) in set.bits.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                if let Some(&ix) = self.to_ix.get(w * 64 + bits.trailing_zeros() as usize) {
                    out.insert(ix);
                }
                bits &= bits - 1;
            }
        }
        out
    }
}

/// Ids `0..n` ordered by `key(id)`, a pair of words, each key and its first bytes taken once
/// rather than on every comparison. With `stems`, the first word is a stem, compared as stems are
/// ([`stem::cmp`], [`stem::head`]).
fn sorted<'a>(n: usize, stems: bool, key: impl Fn(usize) -> (&'a str, &'a str)) -> Vec<u32> {
    let keys: Vec<(u64, &str, &str)> = (0..n)
        .map(|i| {
            let (a, b) = key(i);
            (if stems { stem::head(a) } else { head(a) }, a, b)
        })
        .collect();
    let mut ids: Vec<u32> = (0..n as u32).collect();
    let first = |a: &str, b: &str| if stems { stem::cmp(a, b) } else { a.cmp(b) };
    crate::sort::indices(&mut ids, &|a, b| {
        let (x, y) = (&keys[a as usize], &keys[b as usize]);
        x.0.cmp(&y.0).then_with(|| first(x.1, y.1)).then_with(|| x.2.cmp(y.2))
    });
    ids
}

/// The first eight bytes of a word, big-endian and zero-padded: words (which never contain NUL)
/// compare as their heads do, unless the heads are equal.
fn head(word: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = word.len().min(8);
    bytes[..n].copy_from_slice(&word.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// An Arabic word without each of the [`stem::PROCLITICS`] it begins with, longest first, with
/// the rest's split: where the rest's stem keeps [`stem::MIN_STEM`] letters, and after a verb's
/// prefix begins with ت.
fn without_proclitic(norm: &str) -> impl Iterator<Item = (&str, Split)> {
    let arabic = stem::is_arabic(norm);
    stem::PROCLITICS.iter().filter_map(move |&(p, verb)| {
        let rest = norm.strip_prefix(p).filter(|rest| arabic && (!verb || rest.starts_with('ت')))?;
        let s = stem::split(rest);
        (rest[s.base..s.end].chars().count() >= stem::MIN_STEM).then_some((rest, s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn postings_keep_every_event_once_in_order(mut ixs in proptest::collection::vec(any::<u32>(), 0..200),
                                                   small in proptest::collection::vec(0u32..300, 0..200)) {
            ixs.extend(small);
            let p: Postings = ixs.iter().copied().collect();
            // Pushed in any order, a list keeps the entries above the last one it took.
            let mut kept = Vec::new();
            for &ix in &ixs {
                if kept.last().is_none_or(|&l| ix > l) {
                    kept.push(ix);
                }
            }
            prop_assert_eq!(p.iter().collect::<Vec<_>>(), kept.clone());
            prop_assert_eq!(p.len(), kept.len());
            let mut sorted = ixs.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let q: Postings = sorted.iter().copied().collect();
            prop_assert_eq!(q.iter().collect::<Vec<_>>(), sorted);
        }
    }

    #[test]
    fn postings_take_a_byte_for_a_small_gap() {
        let p: Postings = (0..1000).map(|i| i * 3).collect();
        assert_eq!(p.bytes.len(), 1000);
        let far: Postings = [5, 5 + (1 << 20), u32::MAX].into_iter().collect();
        assert_eq!(far.iter().collect::<Vec<_>>(), [5, 5 + (1 << 20), u32::MAX]);
    }

    #[test]
    fn proclitics_name_aliases() {
        let w =
            |norm: &str| QueryWord { norm: norm.into(), surface: norm.into(), base: norm.into(), stem: norm.into() };
        let a = |norm: &str| AliasWord { norm: norm.into(), base: norm.into(), stem: norm.into() };
        assert!(w("وبكين").names(&a("بكين"), false));
        assert!(w("بالصين").names(&a("الصين"), false));
        assert!(!w("شيء").names(&a("شي"), false));
    }

    #[test]
    fn labels_offer_their_alternatives() {
        assert_eq!(label_phrases("اتهام أو إسناد"), ["اتهام أو إسناد", "اتهام", "إسناد"]);
        assert_eq!(label_phrases("Meeting or summit"), ["Meeting or summit", "Meeting", "summit"]);
        assert_eq!(label_phrases("Ransomware"), ["Ransomware"]);
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(year("2021"), Some(2021));
        assert_eq!(year("202"), None);
        assert_eq!(year("2021م"), None);
    }

    #[test]
    fn event_sets() {
        let mut s = EventSet::empty(130);
        assert!(s.is_empty());
        s.extend(&[3, 129].into_iter().collect());
        assert!(s.contains(129));
        assert!(!s.is_empty());
        let mut t = EventSet::full(130);
        t.intersect(&s);
        assert_eq!(t, s);
        let mut u = EventSet::empty(130);
        u.union(&s);
        assert_eq!(u, s);
    }
}
