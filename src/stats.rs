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
pub type ToneYear = (i32, [usize; 3]);

pub fn country_stats(ds: &Dataset) -> Vec<CountryStats> {
    let mut out = vec![CountryStats::default(); ds.countries.len()];
    for s in &mut out {
        s.by_type = vec![0; EventType::ALL.len()];
        s.by_tone = vec![0; Tone::ALL.len()];
    }
    let mut partners: Vec<BTreeMap<CountryIx, usize>> = vec![BTreeMap::new(); ds.countries.len()];
    let mut years: Vec<BTreeMap<i32, usize>> = vec![BTreeMap::new(); ds.countries.len()];
    for (ix, e) in ds.events.iter().enumerate() {
        for &c in &e.parties {
            let s = &mut out[c as usize];
            s.events.push(ix as EventIx);
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

fn fill_years(years: &BTreeMap<i32, usize>) -> Vec<(i32, usize)> {
    match (years.keys().next(), years.keys().next_back()) {
        (Some(&a), Some(&b)) => (a..=b).map(|y| (y, years.get(&y).copied().unwrap_or(0))).collect(),
        _ => Vec::new(),
    }
}

/// The events two countries share, and their tone counts per year.
pub fn pair_stats(ds: &Dataset, a: CountryIx, b: CountryIx) -> (Vec<EventIx>, Vec<ToneYear>) {
    let mut events = Vec::new();
    let mut years: BTreeMap<i32, [usize; 3]> = BTreeMap::new();
    for (ix, e) in ds.events.iter().enumerate() {
        if a != b && e.parties.contains(&a) && e.parties.contains(&b) {
            events.push(ix as EventIx);
            years.entry(e.date.year).or_default()[e.tone.index()] += 1;
        }
    }
    (events, years.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    #[test]
    fn fixture_stats() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let stats = country_stats(&ds);
        let cn = ds.country_ix("CN").unwrap() as usize;
        let us = ds.country_ix("US").unwrap();
        assert_eq!(stats[cn].events.len(), 2);
        assert_eq!(stats[cn].partners, vec![(us, 2)]);
        assert_eq!(stats[cn].by_year, vec![(2023, 1), (2024, 1)]);
        assert_eq!(stats[cn].by_tone, vec![1, 1, 0]);
        let (events, years) = pair_stats(&ds, cn as u32, us);
        assert_eq!(events.len(), 2);
        assert_eq!(years, vec![(2023, [1, 0, 0]), (2024, [0, 1, 0])]);
    }
}
