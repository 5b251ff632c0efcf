use super::*;
use serde_json::json;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("../../tests/data/minimal.json")).unwrap()
}

#[test]
fn loads_and_indexes_the_fixture() {
    let l = load(&fixture().to_string()).unwrap();
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    let ds = &l.dataset;
    assert_eq!(ds.events.len(), 2);
    // Sorted by date: the November 2023 pledge first.
    assert_eq!(ds.events[0].id, "xi-biden-election-assurance");
    let bangkok = ds.event_ix("bangkok-meeting").unwrap();
    assert_eq!(ds.events[0].related, vec![bangkok]);
    assert_eq!(ds.country(ds.events[0].initiator.unwrap()).code, "CN");
    assert_eq!(ds.year_range(), Some((2023, 2024)));
}

#[test]
fn a_bad_record_is_skipped_and_the_rest_kept() {
    let mut doc = fixture();
    doc["events"][1]["date"] = json!("2024-02-30");
    doc["events"].as_array_mut().unwrap().push(json!({"id": "broken"}));
    let l = load(&doc.to_string()).unwrap();
    assert_eq!(l.dataset.events.len(), 1);
    assert_eq!(l.skipped.len(), 2);
    // The surviving event's link to the skipped one is dropped, not dangling.
    assert!(l.dataset.events[0].related.is_empty());
}

#[test]
fn refuses_documents_that_are_not_datasets() {
    assert!(matches!(load("{"), Err(LoadError::NotJson(_))));
    assert!(matches!(load("[]"), Err(LoadError::NotADataset(_))));
    assert!(matches!(load(r#"{"schema_version": 1}"#), Err(LoadError::NotADataset(_))));
    assert!(matches!(load(r#"{"schema_version": "1"}"#), Err(LoadError::UnsupportedSchema(_))));
    let err = load(r#"{"schema_version": 7, "events": []}"#).unwrap_err();
    assert_eq!(err.to_string(), "schema_version 7 is not supported (this explorer reads version 1)");
}

#[test]
fn slugs() {
    assert!(is_slug("gb-cn-2026"));
    for bad in ["", "-a", "a-", "a--b", "A", "a_b", "عربي"] {
        assert!(!is_slug(bad), "{bad}");
    }
}
