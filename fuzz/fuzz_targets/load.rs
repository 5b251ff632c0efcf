//! Fuzzes the dataset loader and everything built on a loaded dataset: any bytes must give a
//! dataset or a `LoadError`, never a panic; indexes, filters, stats and exports must then run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad::query::Query;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = marsad::data::validate::validate(text, &|_| Some(String::new()));
    let Ok(loaded) = marsad::data::load(text) else { return };
    let ds = &loaded.dataset;
    let index = marsad::search::SearchIndex::build(ds);
    let rows = marsad::filter::Rows::of(ds);
    let all = marsad::filter::apply(ds, &rows, || &index, &Query::default());
    let _ = marsad::stats::country_stats(ds, &rows, &all.events);
    if let Some(first) = ds.events.first() {
        let q = Query::parse(&format!("q={}&country=XX", first.title().ar));
        let _ = marsad::filter::apply(ds, &rows, || &index, &q);
    }
    let _ = marsad::export::to_csv(ds, &all.events, marsad::i18n::Lang::En, "https://example.org/");
    let _ = marsad::export::to_json(ds, &all.events);
    let _ = marsad::export::to_timelinejs(ds, &all.events, marsad::i18n::Lang::Ar);
});
