//! Two or three states side by side, over the events the filters leave: their statistics on one
//! scale, the partners they have in common, the events they share, and a one-line summary of
//! each. This module never touches `web_sys`.

use crate::data::{CountryIx, EventIx, Tone};
use crate::filter::Rows;
use crate::i18n::{percent, Fmt, Lang, EVENTS};
use crate::stats::{one_country, CountryStats};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The states, in the order the reader chose them.
    pub states: Vec<CountryIx>,
    /// One per state.
    pub stats: Vec<CountryStats>,
    /// The years every column's bars share (first and last over all the states), and the most
    /// events any state has in one of them: one scale, so bars compare across columns.
    pub years: Option<(i32, i32)>,
    pub year_max: usize,
    /// States every compared state shares events with (the compared ones aside), with each
    /// compared state's count, in the states' order; the most shared in all first.
    pub common: Vec<(CountryIx, Vec<usize>)>,
    /// Events at least two of the states take part in, newest first.
    pub shared: Vec<EventIx>,
}

impl Comparison {
    /// State `i`'s events per year over the shared years (zeros included).
    pub fn years_of(&self, i: usize) -> Vec<(i32, usize)> {
        let Some((first, last)) = self.years else { return Vec::new() };
        let own = &self.stats[i].by_year;
        (first..=last).map(|y| (y, own.iter().find(|(yy, _)| *yy == y).map_or(0, |p| p.1))).collect()
    }
}

/// How many of `events` at least one of `states` takes part in (every one when `states` is
/// empty), and the years they span: what a widget's header counts and names (a comparison's,
/// its states' events, not every event the filters leave).
pub fn covered(rows: &Rows, events: &[EventIx], states: &[CountryIx]) -> (usize, Option<(i32, i32)>) {
    let years =
        events.iter().map(|&ix| rows.facts(ix)).filter(|f| states.is_empty() || f.3.iter().any(|c| states.contains(c)));
    years.fold((0, None), |(n, span), (y, ..)| {
        (n + 1, Some(span.map_or((y, y), |(a, b): (i32, i32)| (a.min(y), b.max(y)))))
    })
}

pub fn compare(rows: &Rows, events: &[EventIx], states: &[CountryIx]) -> Comparison {
    let stats: Vec<CountryStats> = states.iter().map(|&c| one_country(rows, events, c)).collect();
    let firsts = stats.iter().filter_map(|s| s.by_year.first().map(|y| y.0));
    let lasts = stats.iter().filter_map(|s| s.by_year.last().map(|y| y.0));
    let years = firsts.min().zip(lasts.max());
    let year_max = stats.iter().flat_map(|s| s.by_year.iter().map(|y| y.1)).max().unwrap_or(0);
    let mut common: Vec<(CountryIx, Vec<usize>)> = Vec::new();
    if states.len() >= 2 {
        for &(p, _) in &stats[0].partners {
            if states.contains(&p) {
                continue;
            }
            let counts: Option<Vec<usize>> =
                stats.iter().map(|s| s.partners.iter().find(|q| q.0 == p).map(|q| q.1)).collect();
            if let Some(counts) = counts {
                common.push((p, counts));
            }
        }
    }
    let common =
        crate::sort::by(common, &|x, y| y.1.iter().sum::<usize>().cmp(&x.1.iter().sum::<usize>()).then(x.0.cmp(&y.0)));
    let mut shared: Vec<EventIx> = events
        .iter()
        .copied()
        .filter(|&ix| rows.facts(ix).3.iter().filter(|c| states.contains(c)).count() >= 2)
        .collect();
    shared.reverse();
    Comparison { states: states.to_vec(), stats, years, year_max, common, shared }
}

/// "China: 24 events, 46% conflictual" — "الصين: 24 حدثًا، نسبة الأحداث الصدامية 46%".
pub fn summary(f: Fmt, name: &str, st: &CountryStats) -> String {
    let n = st.events.len();
    let count = EVENTS.count(f, n);
    if n == 0 {
        return format!("{name}: {count}");
    }
    let share = percent(f, st.by_tone[Tone::Conflictual.index()], n);
    let s = f.strings();
    match f.lang {
        Lang::Ar => format!("{name}: {count}، {} {share}", s.compare_conflict_share),
        Lang::En => format!("{name}: {count}, {share} {}", s.compare_conflict_share),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;
    use crate::i18n::Reading;
    use crate::vocab::Digits;

    fn fixture() -> crate::data::Dataset {
        load(include_str!("../tests/data/minimal.json")).unwrap().dataset
    }

    #[test]
    fn columns_share_one_scale_and_count_what_each_card_counts() {
        let ds = fixture();
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let states: Vec<CountryIx> = ["CN", "US"].iter().map(|c| ds.country_ix(c).unwrap()).collect();
        let c = compare(&Rows::of(&ds), &all, &states);
        for (i, &s) in states.iter().enumerate() {
            assert_eq!(c.stats[i], one_country(&Rows::of(&ds), &all, s));
            let years = c.years_of(i);
            assert_eq!(years.first().map(|y| y.0), c.years.map(|y| y.0));
            assert_eq!(years.last().map(|y| y.0), c.years.map(|y| y.1));
            assert_eq!(years.iter().map(|y| y.1).sum::<usize>(), c.stats[i].events.len());
        }
        assert!(c.year_max >= c.years_of(0).iter().map(|y| y.1).max().unwrap());
        // CN and US share both their events; newest first.
        assert_eq!(c.shared.len(), 2);
        assert!(ds.event(c.shared[0]).span.0 >= ds.event(c.shared[1]).span.0);
        // No third state: nothing in common but each other, which does not count.
        assert!(c.common.iter().all(|(p, _)| !states.contains(p)));
        // What the comparison covers: each event of either state once, over their years.
        let (n, years) = covered(&Rows::of(&ds), &all, &states);
        let either = all.iter().filter(|&&ix| ds.event(ix).parties.iter().any(|c| states.contains(c))).count();
        assert_eq!((n, years), (either, c.years));
        assert_eq!(n, c.stats[0].events.len() + c.stats[1].events.len() - c.shared.len());
        // No states: every event.
        assert_eq!(covered(&Rows::of(&ds), &all, &[]).0, all.len());
        // One state alone: its column, nothing shared.
        let one = compare(&Rows::of(&ds), &all, &states[..1]);
        assert!(one.shared.is_empty() && one.common.is_empty());
        assert_eq!(compare(&Rows::of(&ds), &[], &states).years, None);
    }

    #[test]
    fn the_summary_agrees_with_its_number_in_both_languages() {
        let st = |n: usize, conflict: usize| CountryStats {
            events: (0..n as EventIx).collect(),
            by_tone: vec![n - conflict, 0, conflict],
            ..CountryStats::default()
        };
        let f = |lang, digits| Fmt::new(lang, Reading { digits, ..Reading::default() });
        let (ar, en, arab) = (f(Lang::Ar, Digits::Latn), f(Lang::En, Digits::Latn), f(Lang::Ar, Digits::Arab));
        assert_eq!(summary(en, "China", &st(24, 11)), "China: 24 events, 46% conflictual");
        assert_eq!(summary(ar, "الصين", &st(24, 11)), "الصين: 24 حدثًا، نسبة الأحداث الصدامية 46%");
        assert_eq!(summary(arab, "الصين", &st(24, 11)), "الصين: ٢٤ حدثًا، نسبة الأحداث الصدامية ٤٦٪");
        assert_eq!(summary(ar, "قطر", &st(2, 0)), "قطر: حدثان، نسبة الأحداث الصدامية 0%");
        assert_eq!(summary(ar, "قطر", &st(5, 5)), "قطر: 5 أحداث، نسبة الأحداث الصدامية 100%");
        assert_eq!(summary(en, "Qatar", &st(1, 1)), "Qatar: 1 event, 100% conflictual");
        assert_eq!(summary(ar, "قطر", &st(0, 0)), "قطر: لا أحداث");
    }
}
