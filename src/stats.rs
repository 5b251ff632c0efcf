//! Country and pair profiles for the country cards, the comparison and the pair view, over the
//! events the filters leave.
//! This module never touches `web_sys`.

use crate::data::{CountryIx, Dataset, EventIx, EventType, Tone};
use crate::filter::Rows;

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
/// `rows` are the snapshot's `filter::Rows`: their packed facts, not the events' records.
pub fn country_stats(ds: &Dataset, rows: &Rows, events: &[EventIx]) -> Vec<CountryStats> {
    tally(rows, events, ds.countries.len(), |c| Some(c as usize))
}

/// One country's statistics over `events`: the same counts as its entry in `country_stats`,
/// without counting every other country's (a card shows one).
pub fn one_country(rows: &Rows, events: &[EventIx], c: CountryIx) -> CountryStats {
    tally(rows, events, 1, |p| (p == c).then_some(0)).swap_remove(0)
}

/// The statistics of the countries `slot` gives a place among `n`, over `events`; the other
/// countries are only partners.
fn tally(rows: &Rows, events: &[EventIx], n: usize, slot: impl Fn(CountryIx) -> Option<usize>) -> Vec<CountryStats> {
    let mut out = vec![CountryStats::default(); n];
    for s in &mut out {
        s.by_type = vec![0; EventType::COUNT];
        s.by_tone = vec![0; Tone::COUNT];
    }
    // A country has few partners: a short list beats a map (and a map's code in the wasm).
    let mut partners: Vec<Vec<(CountryIx, usize)>> = vec![Vec::new(); n];
    let mut years: Vec<PerYear<usize>> = (0..n).map(|_| PerYear::default()).collect();
    for &ix in events {
        let (year, kind, tone, parties) = rows.facts(ix);
        for &c in parties {
            let Some(i) = slot(c) else { continue };
            let s = &mut out[i];
            s.events.push(ix);
            s.by_type[kind] += 1;
            s.by_tone[tone] += 1;
            *years[i].at(year) += 1;
            for &other in parties.iter().filter(|o| **o != c) {
                let mine = &mut partners[i];
                match mine.iter_mut().find(|p| p.0 == other) {
                    Some(p) => p.1 += 1,
                    None => mine.push((other, 1)),
                }
            }
        }
    }
    for ((s, p), y) in out.iter_mut().zip(partners).zip(years) {
        s.partners = crate::sort::by(p, &|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.by_year = y.filled();
    }
    out
}

/// Values per year over a dense range that grows to fit: years are few, so no map is needed.
#[derive(Clone, Debug, Default)]
pub struct PerYear<T> {
    first: i32,
    values: Vec<T>,
}

impl<T: Default + Clone> PerYear<T> {
    /// The value of `year`, added (with every year between it and the range) if new.
    pub fn at(&mut self, year: i32) -> &mut T {
        if self.values.is_empty() {
            self.first = year;
        } else if year < self.first {
            let before = (self.first - year) as usize;
            self.values.splice(0..0, std::iter::repeat_n(T::default(), before));
            self.first = year;
        }
        let i = (year - self.first) as usize;
        if i >= self.values.len() {
            self.values.resize(i + 1, T::default());
        }
        &mut self.values[i]
    }

    /// (year, value) for every year from the first to the last, ascending.
    pub fn filled(self) -> Vec<(i32, T)> {
        let first = self.first;
        self.values.into_iter().enumerate().map(|(i, v)| (first + i as i32, v)).collect()
    }
}

/// The events of `events` two countries share, and their tone counts per year.
pub fn pair_stats(ds: &Dataset, events: &[EventIx], a: CountryIx, b: CountryIx) -> (Vec<EventIx>, Vec<ToneYear>) {
    let mut shared = Vec::new();
    let mut years: PerYear<[usize; Tone::COUNT]> = PerYear::default();
    for &ix in events {
        let e = ds.event(ix);
        if a != b && e.parties.contains(&a) && e.parties.contains(&b) {
            shared.push(ix);
            years.at(e.date.year)[e.tone.index()] += 1;
        }
    }
    // Only the years with events.
    (shared, years.filled().into_iter().filter(|(_, n)| n.iter().any(|&n| n > 0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    #[test]
    fn fixture_stats() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let rows = Rows::of(&ds);
        let stats = country_stats(&ds, &rows, &all);
        let cn = ds.country_ix("CN").unwrap() as usize;
        let us = ds.country_ix("US").unwrap();
        assert_eq!(stats[cn].events.len(), 2);
        assert_eq!(stats[cn].partners, vec![(us, 2)]);
        assert_eq!(stats[cn].by_year, vec![(2023, 1), (2024, 1)]);
        assert_eq!(stats[cn].by_tone, vec![1, 1, 0]);
        assert_eq!(one_country(&rows, &all, cn as u32), stats[cn]);
        assert_eq!(one_country(&rows, &all[1..], cn as u32).events, vec![1]);
        let (events, years) = pair_stats(&ds, &all, cn as u32, us);
        assert_eq!(events.len(), 2);
        assert_eq!(years, vec![(2023, [1, 0, 0]), (2024, [0, 1, 0])]);
        assert_eq!(tone_totals(&years), [1, 1, 0]);
        assert_eq!(tone_totals(&[(2020, [2, 0, 5]), (2021, [1, 3, 0])]), [3, 3, 5]);
    }

    /// A card's statistics (`one_country`) are its country's entry among all (`country_stats`),
    /// and both count what the events' own records say, over all events and a filtered subset.
    #[test]
    fn one_country_is_its_entry_in_all_and_agrees_with_the_records() {
        let ds = load(&crate::synth::generate(3000, 7).to_json()).unwrap().dataset;
        let rows = Rows::of(&ds);
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let some: Vec<EventIx> = all.iter().copied().filter(|ix| ix % 3 != 0).collect();
        for events in [&all, &some] {
            let stats = country_stats(&ds, &rows, events);
            for (c, st) in stats.iter().enumerate() {
                assert_eq!(&one_country(&rows, events, c as CountryIx), st);
                let mine: Vec<EventIx> =
                    events.iter().copied().filter(|&ix| ds.event(ix).parties.contains(&(c as CountryIx))).collect();
                assert_eq!(st.events, mine);
                let tones = mine.iter().filter(|&&ix| ds.event(ix).tone.index() == 0).count();
                assert_eq!(st.by_tone[0], tones);
                let per_year: usize = st.by_year.iter().map(|y| y.1).sum();
                assert_eq!(per_year, mine.len());
            }
            assert!(stats.iter().filter(|s| !s.events.is_empty()).count() > 5);
        }
    }

    #[test]
    fn per_year_grows_both_ways_and_fills_the_gaps() {
        let mut y = PerYear::<usize>::default();
        assert_eq!(y.clone().filled(), vec![]);
        *y.at(2020) += 1;
        *y.at(2017) += 2;
        *y.at(2022) += 1;
        *y.at(2020) += 1;
        assert_eq!(y.filled(), vec![(2017, 2), (2018, 0), (2019, 0), (2020, 2), (2021, 0), (2022, 1)]);
    }
}
