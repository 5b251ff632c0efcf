//! Applies a [`Query`]'s filters to a dataset, with facet counts for every option.
//!
//! Facets are OR within a facet and AND across facets. Each option's count is the number of
//! events it would leave: those passing every other facet that carry that option (the usual
//! faceted-search rule, so a count never depends on the facet's own selection). One pass over
//! the events computes the results and all counts. Several countries match any of them, or (with
//! `match=all`) all of them together. This module never touches `web_sys`.

use crate::data::{Dataset, EventIx, EventType, Tone, Topic};
use crate::query::Query;
use crate::search::{EventSet, SearchIndex};
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

/// `index` is asked for only when the query has search text, so a lazily built index costs
/// nothing until the first search.
pub fn apply<'a>(ds: &Dataset, index: impl FnOnce() -> &'a SearchIndex, q: &Query) -> Filtered {
    let countries: Vec<u32> = q.countries.iter().filter_map(|c| ds.country_ix(c)).collect();
    // A pair naming an unknown country matches nothing rather than being silently dropped.
    let pair = q.pair.as_ref().map(|(a, b)| (ds.country_ix(a), ds.country_ix(b)));
    let hits = if q.q.trim().is_empty() { None } else { index().search(&q.q) };
    let text: Option<&EventSet> = hits.as_ref().map(|h| &h.all);
    let mut facets = Facets {
        countries: vec![0; ds.countries.len()],
        types: vec![0; EventType::COUNT],
        topics: vec![0; Topic::COUNT],
        tones: vec![0; Tone::COUNT],
        years: Vec::new(),
    };
    let mut years = crate::stats::PerYear::<usize>::default();
    let mut events = Vec::new();
    for (ix, e) in ds.events.iter().enumerate() {
        let ix = ix as EventIx;
        let mut pass = [true; 7];
        let has_all = countries.iter().all(|c| e.parties.contains(c));
        pass[COUNTRY] = countries.is_empty()
            || match q.matching {
                Match::Any => e.parties.iter().any(|p| countries.contains(p)),
                Match::All => has_all,
            };
        pass[PAIR] = match pair {
            None => true,
            Some((Some(a), Some(b))) => e.parties.contains(&a) && e.parties.contains(&b),
            Some(_) => false,
        };
        pass[TYPE] = q.types.is_empty() || q.types.contains(&e.kind);
        pass[TOPIC] = q.topics.is_empty() || e.topics.iter().any(|t| q.topics.contains(t));
        pass[TONE] = q.tones.is_empty() || q.tones.contains(&e.tone);
        pass[YEAR] = q.from.is_none_or(|f| e.date.year >= f) && q.to.is_none_or(|t| e.date.year <= t);
        pass[TEXT] = text.as_ref().is_none_or(|s| s.contains(ix));
        let failed = pass.iter().filter(|p| !**p).count();
        if failed > 1 {
            continue;
        }
        let all_but = |facet: usize| failed == 0 || !pass[facet];
        // With "all of them", an option counts the events that would have it and every chosen one.
        if all_but(COUNTRY) && (q.matching == Match::Any || has_all) {
            e.parties.iter().for_each(|&p| facets.countries[p as usize] += 1);
        }
        if all_but(TYPE) {
            facets.types[e.kind.index()] += 1;
        }
        if all_but(TOPIC) {
            e.topics.iter().for_each(|t| facets.topics[t.index()] += 1);
        }
        if all_but(TONE) {
            facets.tones[e.tone.index()] += 1;
        }
        if all_but(YEAR) {
            *years.at(e.date.year) += 1;
        }
        if failed == 0 {
            events.push(ix);
        }
    }
    facets.years = years.filled().into_iter().filter(|(_, n)| *n > 0).collect();
    let mut list: Vec<EventIx> = events.iter().rev().copied().collect();
    if let Some(h) = &hits {
        // Stable: exact matches first, each part still newest first.
        crate::sort::indices(&mut list, &|a, b| h.exact.contains(b).cmp(&h.exact.contains(a)));
    }
    let corrected = hits.and_then(|h| h.corrected);
    Filtered { events, list, facets, corrected }
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
        let f = apply(&ds, || &ix, &Query::default());
        assert_eq!(f.events, vec![0, 1]);
        assert_eq!(f.facets.tones, vec![1, 1, 0]);
        assert_eq!(f.facets.years, vec![(2023, 1), (2024, 1)]);
    }

    #[test]
    fn counts_ignore_their_own_facet() {
        let (ds, ix) = fixture();
        let q = Query::parse("tone=neutral");
        let f = apply(&ds, || &ix, &q);
        assert_eq!(f.events, vec![1]);
        // Cooperative would still leave 1 event if chosen: its count ignores the tone filter.
        assert_eq!(f.facets.tones, vec![1, 1, 0]);
        // Other facets count only the neutral event.
        assert_eq!(f.facets.years, vec![(2024, 1)]);
    }

    #[test]
    fn pair_and_years_and_text() {
        let (ds, ix) = fixture();
        assert_eq!(apply(&ds, || &ix, &Query::parse("pair=US-CN")).events.len(), 2);
        assert_eq!(apply(&ds, || &ix, &Query::parse("pair=US-GB")).events.len(), 0);
        assert_eq!(apply(&ds, || &ix, &Query::parse("from=2024")).events, vec![1]);
        assert_eq!(apply(&ds, || &ix, &Query::parse("q=bangkok")).events, vec![1]);
        assert_eq!(apply(&ds, || &ix, &Query::parse("q=%D8%A8%D8%A7%D9%86%D9%83%D9%88%D9%83")).events, vec![1]);
    }

    #[test]
    fn several_countries_match_any_or_all() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let has = |e: &crate::data::Event, code: &str| e.parties.contains(&ds.country_ix(code).unwrap());
        let want = |f: &dyn Fn(&crate::data::Event) -> bool| {
            ds.events.iter().enumerate().filter(|(_, e)| f(e)).map(|(i, _)| i as u32).collect::<Vec<_>>()
        };
        let any = apply(&ds, || &ix, &Query::parse("country=GB,CN"));
        assert_eq!(any.events, want(&|e| has(e, "GB") || has(e, "CN")));
        let all = apply(&ds, || &ix, &Query::parse("country=GB,CN&match=all"));
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
        let (all, only) = (apply(&ds, || &ix, &q), apply(&ds, || &ix, &q.filters_only()));
        assert!(!all.events.is_empty() && all.events.len() < ds.events.len(), "{}", all.events.len());
        assert!(all == only);
    }

    #[test]
    fn the_list_is_newest_first_with_exact_search_matches_on_top() {
        let ds = load(include_str!("../public/data/events.json")).unwrap().dataset;
        let ix = SearchIndex::build(&ds);
        let all = apply(&ds, || &ix, &Query::default());
        assert_eq!(all.list, all.events.iter().rev().copied().collect::<Vec<_>>());
        let q = apply(&ds, || &ix, &Query::parse("q=%D8%B3%D9%8A%D8%A8%D8%B1%D8%A7%D9%86%D9%8A"));
        let hits = ix.search("سيبراني").unwrap();
        let exact: Vec<EventIx> = q.list.iter().copied().take_while(|&e| hits.exact.contains(e)).collect();
        assert!(!exact.is_empty() && exact.len() < q.list.len(), "{} of {}", exact.len(), q.list.len());
        assert!(q.list[exact.len()..].iter().all(|&e| !hits.exact.contains(e)));
        assert!(exact.windows(2).all(|w| ds.event(w[0]).span.0 >= ds.event(w[1]).span.0), "newest first");
        assert_eq!(
            apply(&ds, || &ix, &Query::parse("q=%D8%A8%D9%8A%D9%83%D9%8A%D9%86")).corrected.as_deref(),
            Some("بكين")
        );
    }
}
