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
    assert_eq!(ds.related(&ds.events[0]).collect::<Vec<_>>(), vec![bangkok]);
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
    assert_eq!(l.dataset.related(&l.dataset.events[0]).count(), 0);
}

#[test]
fn refuses_documents_that_are_not_datasets() {
    assert!(matches!(load("{"), Err(LoadError::NotJson(_))));
    assert!(matches!(load("[]"), Err(LoadError::NotADataset(_))));
    assert!(matches!(load(r#"{"schema_version": 1}"#), Err(LoadError::NotADataset(_))));
    assert!(matches!(load(r#"{"schema_version": "1"}"#), Err(LoadError::UnsupportedSchema(_))));
    let err = load(r#"{"schema_version": 7, "events": []}"#).unwrap_err();
    assert_eq!(err.to_string(), "schema_version 7 is not supported (this explorer reads versions 1 to 3)");
}

#[test]
fn slugs() {
    assert!(is_slug("gb-cn-2026"));
    for bad in ["", "-a", "a-", "a--b", "A", "a_b", "عربي"] {
        assert!(!is_slug(bad), "{bad}");
    }
}

#[test]
fn article_texts_are_text_not_html() {
    let text = "قالت وزارة الخارجية";
    assert!(is_article_text(Some("text/plain; charset=utf-8"), text));
    assert!(is_article_text(None, text));
    assert!(!is_article_text(Some("text/html; charset=utf-8"), text));
    assert!(!is_article_text(Some("text/plain"), "\n  <!DOCTYPE html><title>Maintenance</title>"));
    assert!(!is_article_text(Some("text/plain"), "<html lang=en>"));
    assert!(is_article_text(Some("text/plain"), "<b> is how the article spells it"));
}

#[test]
fn one_bad_shard_entry_is_skipped_alone() {
    let head = r#"{"schema_version": 1, "dataset_version": "x", "licence": "x", "articles": [], "countries": [],
        "actors": [], "events": [], "shards": [
        {"path": "shards/2020.a.json", "hash": "a", "from": 2020, "to": 2020, "events": 1},
        {"path": "shards/2019.b.json", "hash": "b", "from": 2019, "to": 2019, "events": "554"},
        {"path": "shards/2018.c.json", "hash": "c", "from": 2018, "to": 2018, "events": 1, "extra": true},
        {"path": "%2e%2e/index.html", "hash": "d", "from": 2017, "to": 2017, "events": 1}]}"#;
    let loader = Loader::head(head).unwrap();
    assert_eq!(loader.shards.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), ["shards/2020.a.json"]);
    let skipped: Vec<String> = loader.finish().skipped.iter().map(|p| p.path.clone()).collect();
    assert_eq!(skipped, ["$.shards[1]", "$.shards[2]", "$.shards[3].path"]);
}

#[test]
fn a_duplicate_top_level_key_is_named() {
    let err = load(r#"{"schema_version": 1, "events": [], "events": []}"#).unwrap_err();
    assert_eq!(err.to_string(), "not a Marsad dataset: duplicate field `events`");
    assert_eq!(load("[]").unwrap_err().to_string(), "not a Marsad dataset: the top level is not an object");
}

#[test]
fn an_event_id_longer_than_a_url_holds_is_refused() {
    let mut doc = fixture();
    let long = "a".repeat(MAX_ID_LEN + 1);
    doc["events"][1]["id"] = json!(long);
    doc["events"][0]["related"] = json!([]);
    let l = load(&doc.to_string()).unwrap();
    assert_eq!(l.dataset.events.len(), 1);
    assert_eq!(l.skipped[0].path, "$.events[1].id");
    assert!(l.skipped[0].reason.contains("longer than 200"), "{}", l.skipped[0].reason);
}

/// The fixture as a schema-2 release of `version`, every event published and updated on `day`.
fn schema_2(version: &str, day: &str) -> Value {
    let mut doc = fixture();
    doc["schema_version"] = json!(2);
    doc["dataset_version"] = json!(version);
    for e in doc["events"].as_array_mut().unwrap() {
        e["first_published"] = json!(day);
        e["updated"] = json!(day);
    }
    doc
}

#[test]
fn a_schema_1_release_dates_its_records_by_the_release_day() {
    let mut doc = fixture();
    doc["dataset_version"] = json!("2026-11-23.1");
    let l = load(&doc.to_string()).unwrap();
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    let day = PartialDate::parse("2026-11-23", Precision::Day).ok();
    assert!(l.dataset.events.iter().all(|e| e.first_published == day && e.updated == day));
    assert_eq!(l.dataset.schema_version, 1);
    // A version that is no day leaves them undated (and nothing is refused).
    let l = load(&fixture().to_string()).unwrap();
    assert!(l.skipped.is_empty() && l.dataset.events.iter().all(|e| e.first_published.is_none()));
}

#[test]
fn a_schema_2_record_carries_its_history() {
    let mut doc = schema_2("2026-12-10.1", "2026-12-01");
    doc["events"][0]["updated"] = json!("2026-12-09");
    doc["events"][0]["update_note"] = json!({"ar": "صُحّح التاريخ", "en": "The date was corrected"});
    let l = load(&doc.to_string()).unwrap();
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    let e = &l.dataset.events[0];
    assert_eq!(e.updated.unwrap().to_string(), "2026-12-09");
    assert_eq!(e.update_note.as_ref().unwrap().en, "The date was corrected");

    let reason = |doc: &Value| load(&doc.to_string()).unwrap().skipped.first().map(|p| p.to_string());
    let mut missing = schema_2("2026-12-10.1", "2026-12-01");
    missing["events"][1].as_object_mut().unwrap().remove("first_published");
    assert!(reason(&missing).unwrap().starts_with("$.events[1].first_published: missing"));
    let mut backwards = schema_2("2026-12-10.1", "2026-12-01");
    backwards["events"][0]["updated"] = json!("2026-11-30");
    assert_eq!(reason(&backwards).unwrap(), "$.events[0].updated: is before first_published");
    let mut future = schema_2("2026-12-10.1", "2026-12-11");
    future["events"][0]["updated"] = json!("2026-12-11");
    assert!(reason(&future).unwrap().contains("after the dataset's release day"));
    let mut idle_note = schema_2("2026-12-10.1", "2026-12-01");
    idle_note["events"][0]["update_note"] = json!({"ar": "تصحيح", "en": "A fix"});
    assert!(reason(&idle_note).unwrap().starts_with("$.events[0].update_note: a record never updated"));
}

#[test]
fn an_articles_dating_note_is_read_in_both_forms() {
    let note = |v: Value| {
        let mut doc = schema_2("2026-12-10.1", "2026-12-01");
        doc["articles"][0]["published_note"] = v;
        let l = load(&doc.to_string()).unwrap();
        let skipped = l.skipped.first().map(|p| p.to_string());
        (l.dataset.articles.first().map(|a| a.published_note.clone()), skipped)
    };
    // One English sentence, as written before 2026-12-07.1; then both languages.
    let (old, _) = note(json!("From the report."));
    assert_eq!(old, Some(Text { ar: String::new(), en: "From the report.".into() }));
    let (both, _) = note(json!({"ar": "من التقرير.", "en": "From the report."}));
    assert_eq!(both.unwrap().ar, "من التقرير.");
    // Written back in the form it was read in.
    for v in [json!("From the report."), json!({"ar": "من التقرير.", "en": "From the report."})] {
        let n: wire::Note = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&n).unwrap(), v);
    }
    // Neither may be empty; the Arabic must be Arabic.
    let (_, why) = note(json!(" "));
    assert_eq!(why.unwrap(), "$.articles[0].published_note: empty text");
    let (_, why) = note(json!({"ar": "From the report.", "en": "From the report."}));
    assert!(why.unwrap().starts_with("$.articles[0].published_note.ar: Arabic text contains no Arabic"));
    let (_, why) = note(json!(["From the report."]));
    assert_eq!(why.unwrap(), r#"$.articles[0]: invalid type: sequence, expected {"ar", "en"} or an English sentence"#);
}

#[test]
fn a_withdrawn_id_is_kept_and_never_reused() {
    let mut doc = schema_2("2026-12-10.1", "2026-12-01");
    let gone = json!({"id": "old-event", "title": {"ar": "حدث قديم", "en": "An old event"}, "date": "2026-12-10",
        "reason": {"ar": "مكرر", "en": "A duplicate"}});
    doc["withdrawn"] = json!([gone]);
    let l = load(&doc.to_string()).unwrap();
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    let w = l.dataset.withdrawn("old-event").unwrap();
    assert_eq!((w.reason.en.as_str(), w.date.to_string()), ("A duplicate", "2026-12-10".to_owned()));
    assert!(l.dataset.event_ix("old-event").is_none());
    // An event may not take a withdrawn id; a related link to one is not an unknown event.
    doc["events"][1]["id"] = json!("old-event");
    doc["events"][0]["related"] = json!(["old-event"]);
    let l = load(&doc.to_string()).unwrap();
    let reasons: Vec<String> = l.skipped.iter().map(|p| p.to_string()).collect();
    assert_eq!(reasons, ["$.events[1].id: \"old-event\" is a withdrawn event's id"]);
}

/// The app checks the head's event records a few at a time, between tasks: the same events,
/// and the same problems in the same order (the shard list's after the events'), as at once.
#[test]
fn a_head_checked_a_few_events_at_a_time_is_the_head_checked_at_once() {
    let mut doc: Value = serde_json::from_str(include_str!("../../public/data/events.json")).unwrap();
    doc["events"][3]["id"] = json!("Not A Slug");
    doc["events"][10]["date"] = json!("sometime");
    doc["events"][20]["id"] = doc["events"][5]["id"].clone();
    doc["events"][44] = json!("not an event");
    doc["shards"] = json!([{"path": "%2e%2e/index.html", "hash": "d", "from": 2017, "to": 2017, "events": 1}]);
    let text = doc.to_string();
    let whole = Loader::head(&text).unwrap().finish();
    let paths = |l: &Loaded| l.skipped.iter().map(|p| format!("{}: {}", p.path, p.reason)).collect::<Vec<_>>();
    let ids = |l: &Loaded| l.dataset.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    // Then the links to the records renamed or left out.
    assert_eq!(
        whole.skipped.iter().map(|p| p.path.as_str()).take(6).collect::<Vec<_>>(),
        [
            "$.events[3].id",
            "$.events[10].date",
            "$.events[20].id",
            "$.events[44]",
            "$.shards[0].path",
            "$.events[0].related[1]"
        ]
    );
    assert_eq!(whole.dataset.events.len(), 42);
    for n in [1, 3, 8, 45, 46, usize::MAX] {
        let mut loader = Loader::head_unchecked(&text).unwrap();
        let mut calls = 1;
        while !loader.check_head(n) {
            calls += 1;
        }
        assert_eq!(calls, 46usize.div_ceil(n).max(1), "{n} at a time");
        let sliced = loader.finish();
        assert_eq!(paths(&sliced), paths(&whole), "{n} at a time");
        assert_eq!(ids(&sliced), ids(&whole), "{n} at a time");
    }
    // Finishing (or adding a shard) checks the rest first.
    let mut loader = Loader::head_unchecked(&text).unwrap();
    assert!(!loader.check_head(11));
    let finished = loader.finish();
    assert_eq!((paths(&finished), ids(&finished)), (paths(&whole), ids(&whole)));
}
