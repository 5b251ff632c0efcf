//! The search index across a thread boundary. A sharded load sends the events it accepts to a
//! worker as bytes ([`encode_events`] → [`IndexBuild::add_encoded`]), in the order it accepted
//! them; the worker builds the index on the other core and sends it back as bytes
//! ([`SearchIndex::to_bytes`] → [`SearchIndex::from_bytes`]), which the page numbers with its
//! own dataset ([`SearchIndex::numbered`]). Both formats are this module's own, LEB128 numbers
//! and length-prefixed bytes; the readers check every number, so bytes this code did not write
//! give `None`, never a panic or an index that indexes out of bounds.

use std::sync::Arc;

use super::*;
use crate::data::packed::{put, Numbers, Packed};
use crate::data::Event;

/// The first bytes of an index, with the format's version.
const MAGIC: &[u8; 4] = b"MSI1";

fn zigzag(n: i32) -> usize {
    ((n << 1) ^ (n >> 31)) as u32 as usize
}

fn unzigzag(n: u32) -> i32 {
    ((n >> 1) as i32) ^ -((n & 1) as i32)
}

/// Appends what the index reads of each event (type, tone, year, countries, actors, topics and
/// the packed texts as they are stored) to `out`.
pub fn encode_events(events: &[Arc<Event>], out: &mut Vec<u8>) {
    for e in events {
        put(e.kind.index(), out);
        put(e.tone.index(), out);
        put(zigzag(e.date.year), out);
        for list in [&e.parties, &e.actors] {
            put(list.len(), out);
            list.iter().for_each(|&ix| put(ix as usize, out));
        }
        put(e.topics.len(), out);
        e.topics.iter().for_each(|t| put(t.index(), out));
        put(e.packed().bytes().len(), out);
        out.extend_from_slice(e.packed().bytes());
    }
}

/// Reads what [`put`] and the writers below wrote, refusing anything else.
struct Reader<'a>(Numbers<'a>);

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader(Numbers { bytes, at: 0 })
    }

    fn num(&mut self) -> Option<usize> {
        self.0.checked()
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.num()?).ok()
    }

    fn below(&mut self, n: usize) -> Option<u32> {
        self.u32().filter(|&i| (i as usize) < n)
    }

    /// A count of items still to read: every item takes a byte at least, so a count beyond the
    /// bytes left is refused before anything is allocated.
    fn count(&mut self) -> Option<usize> {
        self.num().filter(|&n| n <= self.0.bytes.len() - self.0.at)
    }

    /// `n` numbers, each below `limit`.
    fn numbers(&mut self, n: usize, limit: usize) -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.below(limit)?);
        }
        Some(out)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.0.at.checked_add(n)?;
        let bytes = self.0.bytes.get(self.0.at..end)?;
        self.0.at = end;
        Some(bytes)
    }

    fn text(&mut self) -> Option<Box<str>> {
        let n = self.num()?;
        std::str::from_utf8(self.take(n)?).ok().map(Box::from)
    }

    /// A count, then that many items.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }

    fn postings(&mut self) -> Option<Postings> {
        let (len, last, n) = (self.u32()?, self.u32()?, self.num()?);
        Some(Postings { bytes: self.take(n)?.to_vec(), len, last })
    }

    fn entity(&mut self) -> Option<Entity> {
        Some(match self.num()? {
            0 => Entity::Country(self.u32()?),
            1 => Entity::Actor(self.u32()?),
            2 => Entity::Topic(*Topic::ALL.get(self.num()?)?),
            3 => Entity::Type(*EventType::ALL.get(self.num()?)?),
            4 => Entity::Year(unzigzag(self.u32()?)),
            5 => Entity::Tone(*Tone::ALL.get(self.num()?)?),
            _ => return None,
        })
    }

    fn done(&self) -> bool {
        self.0.at == self.0.bytes.len()
    }
}

fn put_text(text: &str, out: &mut Vec<u8>) {
    put(text.len(), out);
    out.extend_from_slice(text.as_bytes());
}

fn put_postings(p: &Postings, out: &mut Vec<u8>) {
    put(p.len as usize, out);
    put(p.last as usize, out);
    put(p.bytes.len(), out);
    out.extend_from_slice(&p.bytes);
}

/// An entity as two numbers: its kind ([`Reader::entity`] reads them back) and its value.
fn tagged(e: Entity) -> (usize, usize) {
    match e {
        Entity::Country(c) => (0, c as usize),
        Entity::Actor(a) => (1, a as usize),
        Entity::Topic(t) => (2, t.index()),
        Entity::Type(t) => (3, t.index()),
        Entity::Year(y) => (4, zigzag(y)),
        Entity::Tone(t) => (5, t.index()),
    }
}

fn put_entity(e: Entity, out: &mut Vec<u8>) {
    let (tag, value) = tagged(e);
    put(tag, out);
    put(value, out);
}

impl IndexBuild {
    /// Adds the events [`encode_events`] wrote, after those already in, their countries and
    /// actors named by `names` (the load's head). `None` if the bytes are not such events (the
    /// build is then incomplete and must not be used).
    pub fn add_encoded(&mut self, bytes: &[u8], names: &Dataset) -> Option<()> {
        let mut r = Reader::new(bytes);
        while !r.done() {
            let kind = *EventType::ALL.get(r.num()?)?;
            let tone = *Tone::ALL.get(r.num()?)?;
            let year = unzigzag(r.u32()?);
            let n = r.count()?;
            let parties = r.numbers(n, names.countries.len())?;
            let n = r.count()?;
            let actors = r.numbers(n, names.actors.len())?;
            let topics = r.list(|r| Topic::ALL.get(r.num()?).copied())?;
            let n = r.num()?;
            let texts = Packed::from_bytes(r.take(n)?.into());
            let ix = EventIx::try_from(self.next).ok()?;
            self.add_parts(
                ix,
                Indexed { texts: &texts, parties: &parties, actors: &actors, topics: &topics, kind, tone, year },
                names,
            );
            self.next += 1;
        }
        Some(())
    }

    /// The index of the events added so far ([`IndexBuild::add_encoded`]), whose countries and
    /// actors `names` has: numbered in the order they were added, until the page that sent them
    /// numbers it ([`SearchIndex::numbered`]).
    pub fn finish_sent(self, names: &Dataset) -> SearchIndex {
        let events = self.next;
        self.finish_named(names, events)
    }
}

impl SearchIndex {
    /// The index as bytes, all but the page's numbering (`to_ix`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put(self.events, &mut out);
        put(self.words.len(), &mut out);
        for w in &self.words {
            put_text(&w.norm, &mut out);
            match &w.surface {
                Some(s) => {
                    put(1, &mut out);
                    put_text(s, &mut out);
                }
                None => put(0, &mut out),
            }
            put_postings(&w.postings, &mut out);
            put(w.base as usize, &mut out);
            put(w.end as usize, &mut out);
            put(w.alias as usize, &mut out);
        }
        for ids in [&self.by_norm, &self.by_base] {
            ids.iter().for_each(|&id| put(id as usize, &mut out));
        }
        let (ids, starts, signatures) = self.near.parts();
        for list in [ids, starts] {
            put(list.len(), &mut out);
            list.iter().for_each(|&n| put(n as usize, &mut out));
        }
        signatures.iter().for_each(|s| out.extend_from_slice(&s.to_le_bytes()));
        put(self.aliases.len(), &mut out);
        for a in &self.aliases {
            put_entity(a.entity, &mut out);
            put(a.words.len(), &mut out);
            for w in &a.words {
                [&w.norm, &w.base, &w.stem].into_iter().for_each(|t| put_text(t, &mut out));
            }
        }
        // In a fixed order, so the same index gives the same bytes.
        let entities: Vec<(&Entity, &Postings)> = self.by_entity.iter().collect();
        let entities = crate::sort::by_key(entities, |(e, _)| tagged(**e));
        put(entities.len(), &mut out);
        for (e, p) in entities {
            put_entity(*e, &mut out);
            put_postings(p, &mut out);
        }
        out
    }

    /// An index [`SearchIndex::to_bytes`] wrote; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<SearchIndex> {
        let mut r = Reader::new(bytes.strip_prefix(MAGIC)?);
        let events = r.num()?;
        let words = r.list(|r| {
            let norm = r.text()?;
            let surface = match r.num()? {
                0 => None,
                1 => Some(r.text()?),
                _ => return None,
            };
            let postings = r.postings()?;
            let (base, end) = (u16::try_from(r.num()?).ok()?, u16::try_from(r.num()?).ok()?);
            let fits = base <= end && norm.is_char_boundary(base as usize) && norm.is_char_boundary(end as usize);
            let alias = match r.num()? {
                0 => false,
                1 => true,
                _ => return None,
            };
            fits.then_some(Word { norm, surface, postings, base, end, alias })
        })?;
        let n = words.len();
        let (by_norm, by_base) = (r.numbers(n, n)?, r.numbers(n, n)?);
        let count = r.count()?;
        let ids = r.numbers(count, n)?;
        let count = r.count()?;
        let starts = r.numbers(count, u32::MAX as usize)?;
        let signatures =
            (0..n).map(|_| r.take(8)?.try_into().ok().map(u64::from_le_bytes)).collect::<Option<Vec<u64>>>()?;
        let near = fuzzy::Buckets::from_parts(ids, starts, signatures)?;
        let aliases = r.list(|r| {
            let entity = r.entity()?;
            let words = r.list(|r| Some(AliasWord { norm: r.text()?, base: r.text()?, stem: r.text()? }))?;
            Some(Alias { words, entity })
        })?;
        let by_entity = r.list(|r| Some((r.entity()?, r.postings()?)))?.into_iter().collect();
        r.done().then_some(SearchIndex { words, by_norm, by_base, near, aliases, by_entity, events, to_ix: Vec::new() })
    }

    /// Numbers an index built apart ([`IndexBuild::finish_sent`]) with `ds`, the load whose
    /// events were sent in its arrival order; `None` if it does not have as many events.
    pub fn numbered(mut self, ds: &Dataset) -> Option<SearchIndex> {
        (self.events == ds.events.len() && ds.arrival.len() == self.events).then(|| {
            self.to_ix = ds.arrival.clone();
            self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{shard, Loader};
    use proptest::prelude::*;

    /// A sharded load of 1,000 synthetic events, each shard's newly accepted events sent on
    /// as the page sends them; returns the page's finished dataset and the worker's index bytes.
    fn sent_apart() -> (Dataset, Vec<u8>) {
        let doc = crate::synth::generate(1000, 3).to_json();
        let split = shard::split(&doc, 96 * 1024).unwrap().expect("sharded");
        let mut page = Loader::head(&split.head).unwrap();
        let worker_names = Loader::head(&split.head).unwrap();
        let mut worker = IndexBuild::default();
        let mut sent = 0;
        // Oldest first: not the order the shards are listed in, as on a real link.
        for (r, text) in split.shards.iter().rev() {
            page.add_shard(r, text);
            let (arrived, _) = page.arrived();
            let mut bytes = Vec::new();
            encode_events(&arrived[sent..], &mut bytes);
            sent = arrived.len();
            worker.add_encoded(&bytes, worker_names.arrived().1).expect("the worker reads what the page sends");
        }
        let index = worker.finish_sent(worker_names.arrived().1);
        (page.finish().dataset, index.to_bytes())
    }

    #[test]
    fn an_index_built_apart_is_the_index_built_here() {
        let (ds, bytes) = sent_apart();
        assert_eq!(ds.events.len(), 1000);
        let back = SearchIndex::from_bytes(&bytes).expect("reads back").numbered(&ds).expect("same events");
        let here = SearchIndex::build(&ds);
        assert!(back == here, "the index from the worker differs from the one built here");
        for q in ["الصين", "cyber", "2021", "sanction", "بكين", "حوار"] {
            assert_eq!(back.search(q), here.search(q), "{q}");
        }
        // The same index gives the same bytes.
        assert_eq!(here.to_bytes(), bytes);
    }

    #[test]
    fn an_index_for_other_events_is_not_numbered_with_them() {
        let (_, bytes) = sent_apart();
        let other = crate::data::load(&crate::synth::generate(999, 3).to_json()).unwrap().dataset;
        assert!(SearchIndex::from_bytes(&bytes).unwrap().numbered(&other).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Bytes cut short or changed never panic: they are refused, or read as an index that
        /// answers queries without indexing out of bounds.
        #[test]
        fn damaged_bytes_are_refused_or_harmless(cut in 0usize..4000, at in 0usize..4000, to in any::<u8>()) {
            let (ds, mut bytes) = sent_apart_small();
            let n = bytes.len();
            bytes[at % n] = to;
            bytes.truncate(n - cut.min(n));
            if let Some(index) = SearchIndex::from_bytes(&bytes).and_then(|i| i.numbered(&ds)) {
                for q in ["الصين", "cyber", "2021", "sanctoin"] {
                    let _ = index.search(q);
                }
            }
            let names = Loader::head(&crate::synth::generate(20, 5).to_json()).unwrap();
            let _ = IndexBuild::default().add_encoded(&bytes, names.arrived().1);
        }
    }

    /// A small whole document's index, as bytes.
    fn sent_apart_small() -> (Dataset, Vec<u8>) {
        let ds = crate::data::load(&crate::synth::generate(20, 5).to_json()).unwrap().dataset;
        let bytes = SearchIndex::build(&ds).to_bytes();
        (ds, bytes)
    }
}
