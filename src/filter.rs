//! Applies a [`Query`]'s filters to a dataset, with facet counts for every option.
//!
//! Facets are OR within a facet and AND across facets. Each option's count is the number of
//! events it would leave: those passing every other facet that carry that option (the usual
//! faceted-search rule, so a count never depends on the facet's own selection). One pass over
//! the events computes the results and the counts; a facet's counts already counted under the
//! same other filters (a toggle of that facet, and back) are kept, not counted again
//! (`Counted`). Several countries match any of them, or (with `match=all`) all of them together.
//! This module never touches `web_sys`.

use crate::data::{CountryIx, Dataset, EventIx, EventType, Tone, Topic};
use crate::query::Query;
use crate::search::{EventSet, Hits, SearchIndex};
use crate::vocab::{Match, Vocabulary};

/// Per-option counts, indexed like `Dataset::countries` and the vocabularies' `ALL` lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub countries: Vec<usize>,
    pub types: Vec<usize>,
    pub topics: Vec<usize>,
    pub tones: Vec<usize>,
    /// (year, count) for every year with an event, ascending.
    pub years: Vec<(i32, usize)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filtered {
    /// Matching events in date order.
    pub events: Vec<EventIx>,
    /// The same events as the list shows them: newest first, and with a search that also matched
    /// other word forms or near words, the exact matches first.
    pub list: Vec<EventIx>,
    pub facets: Facets,
    /// The corrected search, when a word matched nothing and a near word was used instead.
    pub corrected: Option<String>,
}

/// A vocabulary the filters offer as options: where its counts and its chosen values live.
pub trait Facet: Vocabulary {
    fn counts(f: &Facets) -> &[usize];
    fn chosen(q: &Query) -> &[Self];
    fn chosen_mut(q: &mut Query) -> &mut Vec<Self>;
}

macro_rules! facet {
    ($t:ty, $field:ident) => {
        impl Facet for $t {
            fn counts(f: &Facets) -> &[usize] {
                &f.$field
            }
            fn chosen(q: &Query) -> &[Self] {
                &q.$field
            }
            fn chosen_mut(q: &mut Query) -> &mut Vec<Self> {
                &mut q.$field
            }
        }
    };
}
facet!(EventType, types);
facet!(Topic, topics);
facet!(Tone, tones);

const COUNTRY: usize = 0;
const PAIR: usize = 1;
const TYPE: usize = 2;
const TOPIC: usize = 3;
const TONE: usize = 4;
const YEAR: usize = 5;
const TEXT: usize = 6;

/// What the filters read of each event, packed: a 16-byte row per event and every event's parties
/// in one list. A pass over 100,000 events reads 2.4 MB in order, where it read each event's
/// record and its lists from the heap (at 100k natively: 20.7 → 2.6 ms with no filter, the facet
/// counts of every event included). Built once per snapshot (`ui::Snapshot`).
#[derive(Clone, Debug, Default)]
pub struct Rows {
    rows: Vec<Row>,
    parties: Vec<CountryIx>,
    /// Every country's events, ascending (`parties` turned around): country `c`'s are
    /// `events[at[c]..at[c + 1]]`. Built for a complete snapshot (`index_countries`), or else
    /// when a pass first filters by country.
    by_country: std::sync::OnceLock<(Vec<u32>, Vec<EventIx>)>,
    counted: Counted,
}

#[derive(Clone, Copy, Debug)]
struct Row {
    year: i32,
    /// Where the event's parties start in `Rows::parties`, and how many.
    parties: u32,
    n_parties: u16,
    kind: u8,
    tone: u8,
    /// Bit `Topic::index` for each of its topics.
    topics: u32,
}

const _: () = assert!(Topic::COUNT <= 32 && EventType::COUNT <= 32 && Tone::COUNT <= 32);

/// Facet counts a pass has counted, kept with the filters they depend on: a facet's counts are a
/// function of every *other* filter (`Selection::without`), so toggling a country keeps the
/// country counts, and toggling it back finds every facet's counts of the state before. Two
/// per facet (a state and the one a toggle made of it). Natively at 100,000 events: a pass that
/// counts every facet 2.9 ms (as before), one that counts none (a country off again) ~0.7 ms,
/// and one country on, its counts kept, 0.12 ms (it visits that country's events only; 1.6 ms
/// before).
#[derive(Default)]
struct Counted(std::sync::Mutex<Vec<(usize, Selection, Count)>>);

/// Counts kept per facet.
const KEPT: usize = 2;

/// The facets with counts (`PAIR` and `TEXT` have none).
const COUNTED: [usize; 5] = [COUNTRY, TYPE, TOPIC, TONE, YEAR];

#[derive(Clone, Debug, PartialEq)]
enum Count {
    Options(Vec<usize>),
    Years(Vec<(i32, usize)>),
}

/// A cache starts empty: a clone of `Rows` counts again.
impl Clone for Counted {
    fn clone(&self) -> Counted {
        Counted::default()
    }
}

impl std::fmt::Debug for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Counted")
    }
}

impl Counted {
    /// The counts of `facet` under `on`, if a pass counted them.
    fn get(&self, facet: usize, on: &Selection) -> Option<Count> {
        let kept = self.0.lock().ok()?;
        kept.iter().find(|(f, s, _)| *f == facet && s == on).map(|(_, _, c)| c.clone())
    }

    /// After a pass: each facet's counts from `kept` where a pass counted them before, and the
    /// ones this pass counted kept for the next under their `keys` (both in `COUNTED`'s order).
    fn settle(&self, keys: Vec<Selection>, kept: Vec<Option<Count>>, facets: &mut Facets) {
        for ((&facet, on), kept) in COUNTED.iter().zip(keys).zip(kept) {
            let counts = match facet {
                COUNTRY => &mut facets.countries,
                TYPE => &mut facets.types,
                TOPIC => &mut facets.topics,
                TONE => &mut facets.tones,
                _ => {
                    match kept {
                        Some(Count::Years(y)) => facets.years = y,
                        _ => self.put(facet, on, Count::Years(facets.years.clone())),
                    }
                    continue;
                }
            };
            match kept {
                Some(Count::Options(c)) => *counts = c,
                _ => self.put(facet, on, Count::Options(counts.clone())),
            }
        }
    }

    /// Keeps `count`, the counts of `facet` under `on`, in place of that facet's oldest.
    fn put(&self, facet: usize, on: Selection, count: Count) {
        let Ok(mut kept) = self.0.lock() else { return };
        if kept.iter().filter(|(f, _, _)| *f == facet).count() >= KEPT {
            if let Some(oldest) = kept.iter().position(|(f, _, _)| *f == facet) {
                kept.remove(oldest);
            }
        }
        kept.push((facet, on, count));
    }
}

/// The filters of a query as the pass applies them, in a form that compares equal whenever
/// they select alike (countries sorted; `all` only with countries chosen; the text by its hits).
#[derive(Clone, Debug, PartialEq)]
struct Selection {
    countries: Vec<CountryIx>,
    all: bool,
    /// The countries named match no event: each is a state the data lacks, or (with "all of
    /// them") one is. As a pair naming one does: never silently dropped to "every event".
    nothing: bool,
    pair: Option<(Option<CountryIx>, Option<CountryIx>)>,
    types: u32,
    topics: u32,
    tones: u32,
    from: Option<i32>,
    to: Option<i32>,
    text: Option<EventSet>,
}

impl Selection {
    fn of(ds: &Dataset, q: &Query, hits: Option<&Hits>) -> Selection {
        let mut countries: Vec<u32> = q.countries.iter().filter_map(|c| ds.country_ix(c)).collect();
        let unknown = countries.len() < q.countries.len();
        crate::sort::indices(&mut countries, &|a, b| a.cmp(&b));
        countries.dedup();
        Selection {
            nothing: unknown && (countries.is_empty() || q.matching == Match::All),
            all: q.matching == Match::All && !countries.is_empty(),
            // A pair naming an unknown country matches nothing rather than being silently dropped.
            pair: q.pair.as_ref().map(|(a, b)| (ds.country_ix(a), ds.country_ix(b))),
            types: mask(&q.types),
            topics: mask(&q.topics),
            tones: mask(&q.tones),
            from: q.from,
            to: q.to,
            text: hits.map(|h| h.all.clone()),
            countries,
        }
    }

    /// What `facet`'s counts depend on: every filter but its own. Under "all of them" a
    /// country's count is of the events with it *and* every chosen one, so the chosen stay.
    fn without(&self, facet: usize) -> Selection {
        let mut s = self.clone();
        match facet {
            COUNTRY if !self.all => (s.countries, s.nothing) = (Vec::new(), false),
            TYPE => s.types = 0,
            TOPIC => s.topics = 0,
            TONE => s.tones = 0,
            YEAR => (s.from, s.to) = (None, None),
            _ => {}
        }
        s
    }
}

/// The bits of `chosen`'s values (0 when none is chosen: the facet lets everything through).
fn mask<T: Vocabulary>(chosen: &[T]) -> u32 {
    chosen.iter().fold(0, |m, t| m | 1 << t.index())
}

impl Rows {
    pub fn of(ds: &Dataset) -> Rows {
        let mut parties = Vec::with_capacity(ds.events.len() * 2);
        let rows = ds
            .events
            .iter()
            .map(|e| {
                let at = parties.len() as u32;
                parties.extend_from_slice(&e.parties);
                Row {
                    year: e.date.year,
                    parties: at,
                    n_parties: e.parties.len() as u16,
                    kind: e.kind.index() as u8,
                    tone: e.tone.index() as u8,
                    topics: mask(&e.topics),
                }
            })
            .collect();
        Rows { rows, parties, by_country: Default::default(), counted: Counted::default() }
    }

    /// Builds the country → events index now, not on the first pass by country (which it would
    /// cost ~2 ms natively at 100,000 events): for the snapshot the reader filters.
    pub fn index_countries(&self) {
        self.by_country();
    }

    /// `by_country`, built on first use: each country's count of events (`per_country`) gives
    /// where its run starts; the events are then placed in order.
    fn by_country(&self) -> &(Vec<u32>, Vec<EventIx>) {
        self.by_country.get_or_init(|| {
            let mut at = vec![0u32];
            at.extend(self.per_country(self.per_country_len()).iter().scan(0u32, |end, &n| {
                *end += n as u32;
                Some(*end)
            }));
            let mut next = at.clone();
            let mut events = vec![0; self.parties.len()];
            for (ix, r) in self.rows.iter().enumerate() {
                for &c in &self.parties[r.parties as usize..][..r.n_parties as usize] {
                    events[next[c as usize] as usize] = ix as EventIx;
                    next[c as usize] += 1;
                }
            }
            (at, events)
        })
    }

    /// The events naming `country`, ascending.
    fn of_country(&self, country: CountryIx) -> &[EventIx] {
        let (at, events) = self.by_country();
        let c = country as usize;
        at.get(c + 1).map_or(&[], |&end| &events[at[c] as usize..end as usize])
    }

    /// One more than the highest country index any event names.
    fn per_country_len(&self) -> usize {
        self.parties.iter().max().map_or(0, |&c| c as usize + 1)
    }

    /// The events that can pass a filter on `countries` (sorted): those naming any of them, or
    /// with `all`, those naming the first (the pass checks the rest).
    fn candidates(&self, countries: &[CountryIx], all: bool) -> Vec<EventIx> {
        let mut events: Vec<EventIx> = match countries {
            [first, ..] if all || countries.len() == 1 => self.of_country(*first).to_vec(),
            _ => {
                let mut union: Vec<EventIx> = countries.iter().flat_map(|&c| self.of_country(c)).copied().collect();
                crate::sort::indices(&mut union, &|a, b| a.cmp(&b));
                union
            }
        };
        // An event naming a country twice is one event.
        events.dedup();
        events
    }

    /// Event `ix`'s year, type and tone (as their `index`) and parties, as its row holds them.
    pub fn facts(&self, ix: EventIx) -> (i32, usize, usize, &[CountryIx]) {
        let r = &self.rows[ix as usize];
        (r.year, r.kind as usize, r.tone as usize, &self.parties[r.parties as usize..][..r.n_parties as usize])
    }

    /// Events per country (by `CountryIx`), for `countries` countries: one pass over the packed
    /// party list, not over the events' records.
    pub fn per_country(&self, countries: usize) -> Vec<usize> {
        let mut totals = vec![0; countries];
        self.parties.iter().for_each(|&c| totals[c as usize] += 1);
        totals
    }
}

/// The events `q` leaves, their list order and the facet counts. `index` is asked for only when
/// the query has search text, so a lazily built index costs nothing until the first search.
/// `rows` are `Rows::of(ds)`.
pub fn apply<'a>(ds: &Dataset, rows: &Rows, index: impl FnOnce() -> &'a SearchIndex, q: &Query) -> Filtered {
    apply_hits(ds, rows, text_hits(|| Some(index()), q).flatten().as_ref(), q)
}

/// What `q`'s search text finds (`Some(None)` without one): the part of `apply` that only the
/// text changes, which the app keeps while the other filters change. `None` when the query
/// searches and `index` has none yet (it is asked for only then).
pub fn text_hits<'a>(index: impl FnOnce() -> Option<&'a SearchIndex>, q: &Query) -> Option<Option<Hits>> {
    if searches(q) {
        index().map(|index| index.search(&q.q))
    } else {
        Some(None)
    }
}

/// Whether `q` has search text: only then is the index asked for.
pub fn searches(q: &Query) -> bool {
    !q.q.trim().is_empty()
}

/// `apply`, with `hits` being `text_hits(…, q)`.
pub fn apply_hits(ds: &Dataset, rows: &Rows, hits: Option<&Hits>, q: &Query) -> Filtered {
    let sel = Selection::of(ds, q, hits);
    // What each facet's counts depend on, and the counts a pass counted before under the same
    // (`None`: count them now).
    let keys: Vec<Selection> = COUNTED.iter().map(|&f| sel.without(f)).collect();
    let kept: Vec<Option<Count>> = COUNTED.iter().zip(&keys).map(|(&f, on)| rows.counted.get(f, on)).collect();
    let need = COUNTED.iter().zip(&kept).filter(|(_, k)| k.is_none()).fold(0u32, |m, (&f, _)| m | 1 << f);
    let Selection { ref countries, all, nothing, pair, types, topics, tones, from, to, ref text } = sel;
    let mut facets = Facets {
        countries: vec![0; ds.countries.len()],
        types: vec![0; EventType::COUNT],
        topics: vec![0; Topic::COUNT],
        tones: vec![0; Tone::COUNT],
        years: Vec::new(),
    };
    let mut years = crate::stats::PerYear::<usize>::default();
    let mut events = Vec::new();
    // The chosen countries by `CountryIx`: one lookup a party, not a search of the choice.
    let mut chosen = vec![false; ds.countries.len()];
    countries.iter().for_each(|&c| chosen[c as usize] = true);
    // With countries chosen and their counts kept, only the events naming them can count for
    // anything: the pass visits those (a country's ~6,000 events of 100,000), not every event.
    let candidates = (!countries.is_empty() && need & 1 << COUNTRY == 0).then(|| rows.candidates(countries, all));
    let visits = candidates.as_ref().map_or(rows.rows.len(), Vec::len);
    for at in 0..visits {
        let ix = candidates.as_ref().map_or(at as EventIx, |c| c[at]);
        let r = &rows.rows[ix as usize];
        let parties = &rows.parties[r.parties as usize..][..r.n_parties as usize];
        // Under "all of them": whether the event has every chosen country.
        let has_all = all && !nothing && countries.iter().all(|c| parties.contains(c));
        let country = !nothing
            && (countries.is_empty() || if all { has_all } else { parties.iter().any(|&p| chosen[p as usize]) });
        let pair = match pair {
            None => true,
            Some((Some(a), Some(b))) => parties.contains(&a) && parties.contains(&b),
            Some(_) => false,
        };
        let year = from.is_none_or(|f| r.year >= f) && to.is_none_or(|t| r.year <= t);
        // A bit for each facet the event fails.
        let fails = u32::from(!country) << COUNTRY
            | u32::from(!pair) << PAIR
            | u32::from(types != 0 && types & 1 << r.kind == 0) << TYPE
            | u32::from(topics != 0 && topics & r.topics == 0) << TOPIC
            | u32::from(tones != 0 && tones & 1 << r.tone == 0) << TONE
            | u32::from(!year) << YEAR
            | u32::from(text.as_ref().is_some_and(|s| !s.contains(ix))) << TEXT;
        if fails.count_ones() <= 1 {
            // Whether the event counts for `facet`: it passes every other one, and the pass counts it.
            let counts = |facet: usize| need & 1 << facet != 0 && fails & !(1 << facet) == 0;
            // With "all of them", an option counts the events that would have it and every chosen one.
            if counts(COUNTRY) && (!all || has_all) {
                parties.iter().for_each(|&p| facets.countries[p as usize] += 1);
            }
            if counts(TYPE) {
                facets.types[r.kind as usize] += 1;
            }
            if counts(TOPIC) {
                let mut bits = r.topics;
                while bits != 0 {
                    facets.topics[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
            if counts(TONE) {
                facets.tones[r.tone as usize] += 1;
            }
            if counts(YEAR) {
                *years.at(r.year) += 1;
            }
            if fails == 0 {
                events.push(ix);
            }
        }
    }
    facets.years = years.filled().into_iter().filter(|(_, n)| *n > 0).collect();
    rows.counted.settle(keys, kept, &mut facets);
    let list = list_order(&events, hits.map(|h| &h.exact));
    let corrected = hits.and_then(|h| h.corrected.clone());
    Filtered { events, list, facets, corrected }
}

/// Newest first; with a search, its exact matches before the rest, each part still newest first:
/// one pass each (a stable partition, not a sort: 66,000 matches at 100k on each keystroke).
fn list_order(events: &[EventIx], exact: Option<&EventSet>) -> Vec<EventIx> {
    let newest = || events.iter().rev().copied();
    let Some(exact) = exact else { return newest().collect() };
    let mut list: Vec<EventIx> = newest().filter(|&e| exact.contains(e)).collect();
    list.reserve(events.len() - list.len());
    list.extend(newest().filter(|&e| !exact.contains(e)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    fn fixture() -> (Dataset, SearchIndex) {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        (ds, ix)
    }

    #[test]
    fn no_filter_keeps_everything() {
        let (ds, ix) = fixture();
        let f = apply(&ds, &Rows::of(&ds), || &ix, &Query::default());
        assert_eq!(f.events, vec![0, 1]);
        assert_eq!(f.facets.tones, vec![1, 1, 0]);
        assert_eq!(f.facets.years, vec![(2023, 1), (2024, 1)]);
    }

    #[test]
    fn counts_ignore_their_own_facet() {
        let (ds, ix) = fixture();
        let q = Query::parse("tone=neutral");
        let f = apply(&ds, &Rows::of(&ds), || &ix, &q);
        assert_eq!(f.events, vec![1]);
        // Cooperative would still leave 1 event if chosen: its count ignores the tone filter.
        assert_eq!(f.facets.tones, vec![1, 1, 0]);
        // Other facets count only the neutral event.
        assert_eq!(f.facets.years, vec![(2024, 1)]);
    }

    #[test]
    fn pair_and_years_and_text() {
        let (ds, ix) = fixture();
        assert_eq!(apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("pair=US-CN")).events.len(), 2);
        assert_eq!(apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("pair=US-GB")).events.len(), 0);
        assert_eq!(apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("from=2024")).events, vec![1]);
        assert_eq!(apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("q=bangkok")).events, vec![1]);
        assert_eq!(
            apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("q=%D8%A8%D8%A7%D9%86%D9%83%D9%88%D9%83")).events,
            vec![1]
        );
    }

    #[test]
    fn a_state_the_data_lacks_matches_nothing() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let rows = Rows::of(&ds);
        let run = |q: &str| apply(&ds, &rows, || &ix, &Query::parse(q));
        let cn = run("country=CN");
        // Alone, or with "all of them", a state the data lacks leaves no event (as a pair does):
        // never every event under a filter the reader sees named.
        for q in ["country=ZZ", "country=ZZ,XX", "country=CN,ZZ&match=all"] {
            let f = run(q);
            assert_eq!(f.events, Vec::<u32>::new(), "{q}");
            assert!(f.facets.types.iter().all(|&n| n == 0), "{q}");
        }
        // "Any of them": the states the data has.
        assert_eq!(run("country=CN,ZZ").events, cn.events);
        // A country's count, under "any of them", is what choosing it would add: as without ZZ.
        assert_eq!(run("country=ZZ").facets.countries, run("").facets.countries);
        // Under "all of them", no state can join ZZ.
        assert!(run("country=CN,ZZ&match=all").facets.countries.iter().all(|&n| n == 0));
    }

    #[test]
    fn several_countries_match_any_or_all() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let has = |e: &crate::data::Event, code: &str| e.parties.contains(&ds.country_ix(code).unwrap());
        let want = |f: &dyn Fn(&crate::data::Event) -> bool| {
            ds.events.iter().enumerate().filter(|(_, e)| f(e)).map(|(i, _)| i as u32).collect::<Vec<_>>()
        };
        let any = apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("country=GB,CN"));
        assert_eq!(any.events, want(&|e| has(e, "GB") || has(e, "CN")));
        let all = apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("country=GB,CN&match=all"));
        assert_eq!(all.events, want(&|e| has(e, "GB") && has(e, "CN")));
        assert!(all.events.len() < any.events.len());
        // Under "all", Qatar's count is the events with the UK, China and Qatar together.
        let qa = ds.country_ix("QA").unwrap() as usize;
        assert_eq!(all.facets.countries[qa], want(&|e| has(e, "GB") && has(e, "CN") && has(e, "QA")).len());
        let gb = ds.country_ix("GB").unwrap() as usize;
        assert_eq!(all.facets.countries[gb], all.events.len());
    }

    #[test]
    fn only_the_filters_decide_the_results() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let q = Query::parse("lang=en&view=countries&type=dialogue&q=%D8%A7%D9%84%D8%B5%D9%8A%D9%86&sort=name&page=2");
        let (all, only) =
            (apply(&ds, &Rows::of(&ds), || &ix, &q), apply(&ds, &Rows::of(&ds), || &ix, &q.filters_only()));
        assert!(!all.events.is_empty() && all.events.len() < ds.events.len(), "{}", all.events.len());
        assert!(all == only);
    }

    #[test]
    fn events_per_country_from_the_rows_are_the_events_naming_each_country() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let want: Vec<usize> = (0..ds.countries.len() as u32)
            .map(|c| ds.events.iter().filter(|e| e.parties.contains(&c)).count())
            .collect();
        assert_eq!(Rows::of(&ds).per_country(ds.countries.len()), want);
    }

    proptest::proptest! {
        /// The packed rows give what the events' own records give: every filter and every facet
        /// count, against a plain reading of the rules over `Event` (this test's oracle).
        #[test]
        fn packed_rows_filter_as_the_records_do(
            countries in proptest::collection::vec(0usize..12, 0..3), all in proptest::bool::ANY,
            pair in proptest::option::of((0usize..12, 0usize..12)),
            types in proptest::collection::vec(0usize..EventType::COUNT, 0..3),
            topics in proptest::collection::vec(0usize..Topic::COUNT, 0..3),
            tones in proptest::collection::vec(0usize..Tone::COUNT, 0..2),
            from in proptest::option::of(2018i32..2026), to in proptest::option::of(2018i32..2027),
        ) {
            let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
            let code = |i: usize| ds.countries[i % ds.countries.len()].code.clone();
            let q = Query {
                countries: countries.iter().map(|&i| code(i)).collect(),
                matching: if all { Match::All } else { Match::Any },
                pair: pair.map(|(a, b)| (code(a), code(b))),
                types: types.iter().map(|&i| EventType::ALL[i]).collect(),
                topics: topics.iter().map(|&i| Topic::ALL[i]).collect(),
                tones: tones.iter().map(|&i| Tone::ALL[i]).collect(),
                from,
                to,
                ..Query::default()
            };
            let f = apply(&ds, &Rows::of(&ds), || unreachable!(), &q);
            let cs: Vec<u32> = q.countries.iter().filter_map(|c| ds.country_ix(c)).collect();
            let p = q.pair.as_ref().map(|(a, b)| (ds.country_ix(a).unwrap(), ds.country_ix(b).unwrap()));
            // Which facets an event passes: country, pair, type, topic, tone, year.
            let passes = |e: &crate::data::Event| {
                let has = |c: &u32| e.parties.contains(c);
                [
                    cs.is_empty() || if all { cs.iter().all(has) } else { cs.iter().any(has) },
                    p.is_none_or(|(a, b)| has(&a) && has(&b)),
                    q.types.is_empty() || q.types.contains(&e.kind),
                    q.topics.is_empty() || e.topics.iter().any(|t| q.topics.contains(t)),
                    q.tones.is_empty() || q.tones.contains(&e.tone),
                    from.is_none_or(|y| e.date.year >= y) && to.is_none_or(|y| e.date.year <= y),
                ]
            };
            let want: Vec<EventIx> =
                (0..ds.events.len() as u32).filter(|&i| passes(ds.event(i)).iter().all(|p| *p)).collect();
            proptest::prop_assert_eq!(&f.events, &want);
            // An option's count: the events passing every other facet that have it.
            let but = |facet: usize| ds.events.iter().filter(move |e| passes(e).iter().enumerate().all(|(i, p)| i == facet || *p));
            for (t, &n) in EventType::ALL.iter().zip(&f.facets.types) {
                proptest::prop_assert_eq!(n, but(2).filter(|e| e.kind == *t).count());
            }
            for (t, &n) in Topic::ALL.iter().zip(&f.facets.topics) {
                proptest::prop_assert_eq!(n, but(3).filter(|e| e.topics.contains(t)).count());
            }
            for (t, &n) in Tone::ALL.iter().zip(&f.facets.tones) {
                proptest::prop_assert_eq!(n, but(4).filter(|e| e.tone == *t).count());
            }
            for (c, &n) in f.facets.countries.iter().enumerate() {
                let c = c as u32;
                let has = |e: &crate::data::Event| e.parties.contains(&c) && (!all || cs.iter().all(|x| e.parties.contains(x)));
                proptest::prop_assert_eq!(n, but(0).filter(|e| has(e)).count());
            }
            for &(y, n) in &f.facets.years {
                proptest::prop_assert_eq!(n, but(5).filter(|e| e.date.year == y).count());
            }
        }
    }

    /// A reader's step: facet `which` changed to value `v` (a value already chosen is unchosen).
    fn toggle(ds: &Dataset, q: &mut Query, which: usize, v: usize) {
        fn flip<T: PartialEq>(list: &mut Vec<T>, t: T) {
            match list.iter().position(|x| *x == t) {
                Some(i) => drop(list.remove(i)),
                None => list.push(t),
            }
        }
        let code = |i: usize| ds.countries[i % ds.countries.len()].code.clone();
        match which {
            0 | 1 => flip(&mut q.countries, code(v)),
            2 => q.matching = if q.matching == Match::All { Match::Any } else { Match::All },
            3 => q.pair = if q.pair.is_some() { None } else { Some((code(v), code(v / 2))) },
            4 => flip(&mut q.types, EventType::ALL[v % EventType::COUNT]),
            5 => flip(&mut q.tones, Tone::ALL[v % Tone::COUNT]),
            6 => flip(&mut q.topics, Topic::ALL[v % Topic::COUNT]),
            7 => q.from = if q.from.is_some() { None } else { Some(2018 + (v % 8) as i32) },
            _ => q.q = ["", "الصين", "سيبراني", "bangkok"][v % 4].to_owned(),
        }
    }

    proptest::proptest! {
        /// Counts kept from earlier passes (`Counted`) and the passes over the chosen countries'
        /// events alone give exactly what a first pass over every event gives: a reader's steps
        /// (one facet changed at a time, on and off) on one snapshot, each against fresh rows.
        #[test]
        fn kept_counts_and_country_passes_give_what_a_fresh_pass_gives(
            steps in proptest::collection::vec((0usize..9, 0usize..12), 1..12),
        ) {
            let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
            let ix = SearchIndex::build(&ds);
            let (kept, mut q) = (Rows::of(&ds), Query::default());
            for &(which, v) in &steps {
                toggle(&ds, &mut q, which, v);
                let (now, fresh) = (apply(&ds, &kept, || &ix, &q), apply(&ds, &Rows::of(&ds), || &ix, &q));
                proptest::prop_assert_eq!(now, fresh, "{}", q.to_query_string());
            }
        }
    }

    #[test]
    fn toggling_a_country_on_and_off_keeps_every_count() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let rows = Rows::of(&ds);
        let (none, gb) = (Query::parse("type=dialogue"), Query::parse("type=dialogue&country=GB"));
        let first = apply(&ds, &rows, || &ix, &none);
        let on = apply(&ds, &rows, || &ix, &gb);
        assert_eq!(on, apply(&ds, &Rows::of(&ds), || &ix, &gb));
        assert!(!on.events.is_empty() && on.events.len() < first.events.len());
        // Back: every facet's counts were counted under these filters, two passes ago.
        let kept = rows.counted.0.lock().unwrap().clone();
        assert_eq!(apply(&ds, &rows, || &ix, &none), first);
        assert_eq!(*rows.counted.0.lock().unwrap(), kept, "nothing counted again");
    }

    #[test]
    fn the_list_is_newest_first_with_exact_search_matches_on_top() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let all = apply(&ds, &Rows::of(&ds), || &ix, &Query::default());
        assert_eq!(all.list, all.events.iter().rev().copied().collect::<Vec<_>>());
        let q = apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("q=%D8%B3%D9%8A%D8%A8%D8%B1%D8%A7%D9%86%D9%8A"));
        let hits = ix.search("سيبراني").unwrap();
        let exact: Vec<EventIx> = q.list.iter().copied().take_while(|&e| hits.exact.contains(e)).collect();
        assert!(!exact.is_empty() && exact.len() < q.list.len(), "{} of {}", exact.len(), q.list.len());
        assert!(q.list[exact.len()..].iter().all(|&e| !hits.exact.contains(e)));
        assert!(exact.windows(2).all(|w| ds.event(w[0]).span.0 >= ds.event(w[1]).span.0), "newest first");
        // Exactly the stable order: exact matches first, each part in the list's newest-first order.
        let mut want: Vec<EventIx> = q.events.iter().rev().copied().collect();
        want.sort_by_key(|&e| !hits.exact.contains(e));
        assert_eq!(q.list, want);
        assert_eq!(
            apply(&ds, &Rows::of(&ds), || &ix, &Query::parse("q=%D8%A8%D9%8A%D9%83%D9%8A%D9%86")).corrected.as_deref(),
            Some("بكين")
        );
    }
}
