//! Country and pair profiles, computed once per dataset load for the country cards and pair view.
//! This module never touches `web_sys`.

use std::collections::BTreeMap;

use crate::data::{CountryIx, Dataset, EventIx, EventType, Tone};

/// Everything a country card shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountryStats {
    /// The country's events in date order.
    pub events: Vec<EventIx>,
    /// Partner countries with the number of shared events, most first (ties by index).
    pub partners: Vec<(CountryIx, usize)>,
    /// Counts indexed like `EventType::ALL` and `Tone::ALL`.
    pub by_type: Vec<usize>,
    pub by_tone: Vec<usize>,
    /// (year, count), ascending, with zero years filled in between the first and the last.
    pub by_year: Vec<(i32, usize)>,
}

/// One year of a pair's relationship: counts indexed like `Tone::ALL`.
pub type ToneYear = (i32, [usize; Tone::COUNT]);

/// The tone counts of a pair over all its years.
pub fn tone_totals(years: &[ToneYear]) -> [usize; Tone::COUNT] {
    let mut totals = [0; Tone::COUNT];
    for (_, counts) in years {
        for (t, n) in totals.iter_mut().zip(counts) {
            *t += n;
        }
    }
    totals
}

/// Every country's statistics over `events` (all of a snapshot's, or those the filters leave).
pub fn country_stats(ds: &Dataset, events: &[EventIx]) -> Vec<CountryStats> {
    let n = ds.countries.len();
    let mut out = vec![CountryStats::default(); n];
    for s in &mut out {
        s.by_type = vec![0; EventType::COUNT];
        s.by_tone = vec![0; Tone::COUNT];
    }
    let mut partners: Vec<BTreeMap<CountryIx, usize>> = vec![BTreeMap::new(); n];
    let mut years: Vec<BTreeMap<i32, usize>> = vec![BTreeMap::new(); n];
    for &ix in events {
        let e = ds.event(ix);
        for &c in &e.parties {
            let s = &mut out[c as usize];
            s.events.push(ix);
            s.by_type[e.kind.index()] += 1;
            s.by_tone[e.tone.index()] += 1;
            *years[c as usize].entry(e.date.year).or_default() += 1;
            for &other in e.parties.iter().filter(|o| **o != c) {
                *partners[c as usize].entry(other).or_default() += 1;
            }
        }
    }
    for (c, s) in out.iter_mut().enumerate() {
        let mut p: Vec<(CountryIx, usize)> = partners[c].iter().map(|(k, v)| (*k, *v)).collect();
        p.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.partners = p;
        s.by_year = fill_years(&years[c]);
    }
    out
}

/// One country's statistics over `events`.
pub fn one_country(ds: &Dataset, events: &[EventIx], c: CountryIx) -> CountryStats {
    let mine: Vec<EventIx> = events.iter().copied().filter(|&ix| ds.event(ix).parties.contains(&c)).collect();
    country_stats(ds, &mine).swap_remove(c as usize)
}

fn fill_years(years: &BTreeMap<i32, usize>) -> Vec<(i32, usize)> {
    match (years.keys().next(), years.keys().next_back()) {
        (Some(&a), Some(&b)) => (a..=b).map(|y| (y, years.get(&y).copied().unwrap_or(0))).collect(),
        _ => Vec::new(),
    }
}

/// The events of `events` two countries share, and their tone counts per year.
pub fn pair_stats(ds: &Dataset, events: &[EventIx], a: CountryIx, b: CountryIx) -> (Vec<EventIx>, Vec<ToneYear>) {
    let mut shared = Vec::new();
    let mut years: BTreeMap<i32, [usize; Tone::COUNT]> = BTreeMap::new();
    for &ix in events {
        let e = ds.event(ix);
        if a != b && e.parties.contains(&a) && e.parties.contains(&b) {
            shared.push(ix);
            years.entry(e.date.year).or_default()[e.tone.index()] += 1;
        }
    }
    (shared, years.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    #[test]
    fn fixture_stats() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let stats = country_stats(&ds, &all);
        let cn = ds.country_ix("CN").unwrap() as usize;
        let us = ds.country_ix("US").unwrap();
        assert_eq!(stats[cn].events.len(), 2);
        assert_eq!(stats[cn].partners, vec![(us, 2)]);
        assert_eq!(stats[cn].by_year, vec![(2023, 1), (2024, 1)]);
        assert_eq!(stats[cn].by_tone, vec![1, 1, 0]);
        assert_eq!(one_country(&ds, &all, cn as u32), stats[cn]);
        assert_eq!(one_country(&ds, &all[1..], cn as u32).events, vec![1]);
        let (events, years) = pair_stats(&ds, &all, cn as u32, us);
        assert_eq!(events.len(), 2);
        assert_eq!(years, vec![(2023, [1, 0, 0]), (2024, [0, 1, 0])]);
        assert_eq!(tone_totals(&years), [1, 1, 0]);
        assert_eq!(tone_totals(&[(2020, [2, 0, 5]), (2021, [1, 3, 0])]), [3, 3, 5]);
    }
}
