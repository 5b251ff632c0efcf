//! Search on the shipped dataset with the spelling variants the articles really use.

use marsad::data::Dataset;
use marsad::search::SearchIndex;

fn shipped() -> (Dataset, SearchIndex) {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/events.json")).unwrap();
    let ds = marsad::data::load(&json).unwrap().dataset;
    let index = SearchIndex::build(&ds);
    (ds, index)
}

fn ids(ds: &Dataset, index: &SearchIndex, q: &str) -> Vec<String> {
    let set = index.search(q).unwrap_or_else(|| panic!("{q:?} parsed as empty"));
    ds.events.iter().enumerate().filter(|(i, _)| set.contains(*i as u32)).map(|(_, e)| e.id.clone()).collect()
}

fn events_of_actor(ds: &Dataset, id: &str) -> Vec<String> {
    let ix = ds.actors.iter().position(|a| a.id == id).unwrap() as u32;
    ds.events.iter().filter(|e| e.actors.contains(&ix)).map(|e| e.id.clone()).collect()
}

fn events_of_country(ds: &Dataset, code: &str) -> Vec<String> {
    let ix = ds.country_ix(code).unwrap();
    ds.events.iter().filter(|e| e.parties.contains(&ix)).map(|e| e.id.clone()).collect()
}

#[test]
fn every_spelling_of_xi_finds_every_xi_event() {
    let (ds, index) = shipped();
    let want = events_of_actor(&ds, "xi-jinping");
    assert!(want.len() >= 3, "{want:?}");
    // a002 spells شي جينبينغ, a003 شي جين بينج, a000 شي جين بينج; readers also type the rest.
    for q in [
        "شي جينبينغ",
        "شي جين بينج",
        "شي جين بينغ",
        "شي",
        "شى جين بينج",
        "شِي جِين بِينج",
        "Xi",
        "xi jinping",
        "XI JINPING",
    ] {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
}

#[test]
fn capitals_and_demonyms_find_the_country() {
    let (ds, index) = shipped();
    let gb = events_of_country(&ds, "GB");
    for q in ["لندن", "بلندن", "London", "بريطانيا", "البريطانية", "المملكة المتحدة", "UK"]
    {
        assert_eq!(ids(&ds, &index, q), gb, "query {q:?}");
    }
    let ru = events_of_country(&ds, "RU");
    for q in ["موسكو", "الكرملين", "روسيا", "Moscow", "Kremlin"] {
        assert_eq!(ids(&ds, &index, q), ru, "query {q:?}");
    }
    let us = events_of_country(&ds, "US");
    for q in ["واشنطن", "أمريكا", "أميركا", "الأمريكية", "الأميركية", "Washington"]
    {
        assert_eq!(ids(&ds, &index, q), us, "query {q:?}");
    }
}

#[test]
fn wang_yi_in_both_spellings() {
    let (ds, index) = shipped();
    let want = events_of_actor(&ds, "wang-yi");
    assert!(want.len() >= 2);
    for q in ["وانج يي", "وانغ يي", "Wang Yi"] {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
}

#[test]
fn words_match_titles_summaries_and_quotes_in_both_languages() {
    let (ds, index) = shipped();
    // "برامج الفدية" (ransomware) occurs in a001's quotes; the English word in summaries.
    let ar = ids(&ds, &index, "الفدية");
    let en = ids(&ds, &index, "ransomware");
    assert!(!ar.is_empty() && !en.is_empty());
    assert!(ar.iter().any(|id| en.contains(id)));
    // Normalisation: hamza and taa marbuta variants of the same word find the same events.
    assert_eq!(ids(&ds, &index, "الإلكترونية"), ids(&ds, &index, "الالكترونيه"));
    // Arabic-Indic digits equal Latin digits.
    assert_eq!(ids(&ds, &index, "٢٠١٦"), ids(&ds, &index, "2016"));
    assert!(!ids(&ds, &index, "2016").is_empty());
    // Words narrow an entity: Xi's events about elections only.
    let xi_elections = ids(&ds, &index, "شي الانتخابات");
    assert!(!xi_elections.is_empty() && xi_elections.len() < events_of_actor(&ds, "xi-jinping").len());
    assert!(ids(&ds, &index, "zzzzqqq").is_empty());
    assert!(index.search("  ،،  ").is_none());
}
