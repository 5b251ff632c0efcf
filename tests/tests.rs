//! Native integration tests: the dataset validator on fixtures and on the shipped data.
//! One binary (ripgrep-style); shared helpers live in `util.rs`, fixtures in `data/`.

mod feed;
mod util;

use serde_json::json;
use util::{assert_rejects, minimal, problems};

#[test]
fn minimal_fixture_is_valid() {
    assert_eq!(problems(&minimal()), Vec::<String>::new());
}

#[test]
fn rejects_schema_violations() {
    let mut doc = minimal();
    doc["events"][0]["tone"] = json!("hostile");
    assert_rejects(&doc, "$.events[0]", "unknown variant `hostile`");

    let mut doc = minimal();
    doc["events"][1].as_object_mut().unwrap().remove("title");
    assert_rejects(&doc, "$.events[1]", "missing field `title`");

    let mut doc = minimal();
    doc["events"][0]["parties"] = json!("CN");
    assert_rejects(&doc, "$.events[0]", "invalid type");

    let mut doc = minimal();
    doc["events"][0]["colour"] = json!("red");
    assert_rejects(&doc, "$.events[0].colour", "not in the schema");
}

#[test]
fn rejects_duplicate_ids() {
    let mut doc = minimal();
    doc["events"][1]["id"] = json!("xi-biden-election-assurance");
    doc["events"][0]["related"] = json!([]);
    assert_rejects(&doc, "$.events[1].id", "duplicate event id");

    let mut doc = minimal();
    let actor = doc["actors"][0].clone();
    doc["actors"].as_array_mut().unwrap().push(actor);
    assert_rejects(&doc, "$.actors[1].id", "duplicate actor id");

    let mut doc = minimal();
    let country = doc["countries"][0].clone();
    doc["countries"].as_array_mut().unwrap().push(country);
    assert_rejects(&doc, "$.countries[2].code", "duplicate country code");
}

#[test]
fn rejects_unknown_references() {
    let mut doc = minimal();
    doc["events"][0]["parties"] = json!(["CN", "XX"]);
    assert_rejects(&doc, "$.events[0].parties[1]", "unknown country \"XX\"");

    let mut doc = minimal();
    doc["events"][0]["actors"] = json!(["nobody"]);
    assert_rejects(&doc, "$.events[0].actors[0]", "unknown actor");

    let mut doc = minimal();
    doc["events"][0]["sources"][0]["article"] = json!("t999");
    assert_rejects(&doc, "$.events[0].sources[0].article", "unknown article");

    let mut doc = minimal();
    doc["events"][0]["related"] = json!(["no-such-event"]);
    assert_rejects(&doc, "$.events[0].related[0]", "unknown event");

    // A bad actor is skipped, and so is the event that names it: two problems, in that order.
    let mut doc = minimal();
    doc["actors"][0]["country"] = json!("ZZ");
    assert_eq!(
        problems(&doc),
        ["$.actors[0].country: unknown country \"ZZ\"", "$.events[0].actors[0]: unknown actor \"xi-jinping\""]
    );

    let mut doc = minimal();
    doc["events"][1]["initiator"] = json!("GB");
    assert_rejects(&doc, "$.events[1].initiator", "unknown country");
}

#[test]
fn rejects_impossible_dates() {
    let mut doc = minimal();
    doc["events"][1]["date"] = json!("2023-02-30");
    assert_rejects(&doc, "$.events[1].date", "does not exist");
}

#[test]
fn rejects_a_date_that_disagrees_with_its_precision() {
    let mut doc = minimal();
    doc["events"][1]["date_precision"] = json!("month");
    assert_rejects(&doc, "$.events[1].date", "has day precision but date_precision says month");
}

#[test]
fn rejects_a_quote_not_in_its_article() {
    let mut doc = minimal();
    doc["events"][0]["sources"][0]["quote"] = json!("أن بكين ستتدخل في الانتخابات");
    assert_rejects(&doc, "$.events[0].sources[0].quote", "not found verbatim");
}

#[test]
fn accepts_a_quote_that_differs_only_in_whitespace() {
    // The fixture article has three spaces inside this passage; the quote has one.
    let doc = minimal();
    assert!(doc["events"][1]["sources"][0]["quote"].as_str().unwrap().contains("في بانكوك"));
    assert_eq!(problems(&doc), Vec::<String>::new());
}

#[test]
fn rejects_an_event_without_a_source() {
    let mut doc = minimal();
    doc["events"][1]["sources"] = json!([]);
    assert_rejects(&doc, "$.events[1].sources", "at least one source");
}

#[test]
fn rejects_empty_texts() {
    let mut doc = minimal();
    doc["events"][1]["summary"]["en"] = json!("  ");
    assert_rejects(&doc, "$.events[1].summary.en", "empty English text");

    let mut doc = minimal();
    doc["events"][1]["title"]["ar"] = json!("");
    assert_rejects(&doc, "$.events[1].title.ar", "empty Arabic text");
}

#[test]
fn rejects_arabic_text_without_arabic_script() {
    let mut doc = minimal();
    doc["events"][1]["title"]["ar"] = json!("Bangkok meeting");
    assert_rejects(&doc, "$.events[1].title.ar", "no Arabic script");
}

#[test]
fn rejects_an_unsupported_schema_version() {
    let mut doc = minimal();
    doc["schema_version"] = json!(4);
    assert_rejects(&doc, "$", "schema_version 4 is not supported");
}

#[test]
fn rejects_a_missing_article_text() {
    let mut doc = minimal();
    doc["articles"][0]["text"] = json!("articles/missing.txt");
    assert_rejects(&doc, "$.articles[0].text", "cannot read article text");
}

#[test]
fn the_command_line_validator_reports_path_and_reason() {
    let dir = std::env::temp_dir().join(format!("marsad-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::copy(util::data_dir().join("articles/t000.txt"), dir.join("articles/t000.txt")).unwrap();
    let mut doc = minimal();
    doc["events"][0]["parties"] = json!(["CN", "XX"]);
    let file = dir.join("bad.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_marsad-data"))
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("$.events[0].parties[1]: unknown country \"XX\""), "{stderr}");

    std::fs::copy(util::data_dir().join("minimal.json"), &file).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_marsad-data"))
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(dir).ok();
}

mod contrast;
mod diff;
mod dist;
mod draft;
mod schema;
mod search;
mod shape;
mod shipped;
