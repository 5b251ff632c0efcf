//! One list of field names: the JSON Schema's properties, the wire structs' keys (which the
//! validator's unknown-field check derives from), and the CSV columns must agree.

use marsad::data::wire::{WireActor, WireArticle, WireCountry, WireEvent, WireSource, WireWithdrawn};
use marsad::export::CSV_COLUMNS;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

fn schema() -> Value {
    serde_json::from_str(include_str!("../public/data/events.schema.json")).unwrap()
}

fn shipped() -> Value {
    serde_json::from_str(include_str!("../public/data/events.json")).unwrap()
}

fn properties(def: &Value) -> Vec<String> {
    def["properties"].as_object().expect("properties").keys().cloned().collect()
}

/// A value for a property no shipped record has (the shipped data has no correction yet).
fn sample(key: &str) -> Option<Value> {
    let text = serde_json::json!({"ar": "صُحّح التاريخ", "en": "The date was corrected"});
    (key == "update_note").then_some(text)
}

/// A record with every property the schema lists, each value taken from the first shipped record
/// that has it (else from [`sample`]); it must deserialise into `T` with nothing ignored, and serialise back to exactly
/// the schema's properties.
fn agree<T: DeserializeOwned + Serialize>(def: &str, records: &[Value]) {
    let want = properties(&schema()["$defs"][def]);
    let mut full = Map::new();
    for key in &want {
        let value = records.iter().find_map(|r| r.get(key).filter(|v| !v.is_null())).cloned().or_else(|| sample(key));
        full.insert(key.clone(), value.unwrap_or_else(|| panic!("no shipped {def} has {key}")));
    }
    let mut ignored = Vec::new();
    let wire: T = serde_ignored::deserialize(Value::Object(full), |p| ignored.push(p.to_string()))
        .unwrap_or_else(|e| panic!("{def}: {e}"));
    assert_eq!(ignored, Vec::<String>::new(), "{def}: schema properties the wire struct does not read");
    let mut keys: Vec<String> = serde_json::to_value(&wire).unwrap().as_object().unwrap().keys().cloned().collect();
    let mut want = want;
    keys.sort();
    want.sort();
    assert_eq!(keys, want, "{def}: wire keys and schema properties differ");
}

fn all(key: &str) -> Vec<Value> {
    shipped()[key].as_array().unwrap().clone()
}

#[test]
fn the_schema_and_the_wire_structs_name_the_same_fields() {
    agree::<WireEvent>("event", &all("events"));
    agree::<WireArticle>("article", &all("articles"));
    agree::<WireCountry>("country", &all("countries"));
    agree::<WireActor>("actor", &all("actors"));
    let sources: Vec<Value> = all("events").iter().flat_map(|e| e["sources"].as_array().unwrap().clone()).collect();
    agree::<WireSource>("source", &sources);
    let withdrawn = serde_json::json!({"id": "x-1", "title": {"ar": "حدث", "en": "An event"}, "date": "2026-12-01",
        "reason": {"ar": "مكرر", "en": "A duplicate"}});
    agree::<WireWithdrawn>("withdrawn", &[withdrawn]);
    // The top level: a document with every schema property leaves nothing unread by WireHead.
    let mut doc = shipped();
    for key in properties(&schema()) {
        doc.as_object_mut().unwrap().entry(key).or_insert(Value::Array(Vec::new()));
    }
    let text = doc.to_string();
    let mut ignored = Vec::new();
    let _: marsad::data::wire::WireHead =
        serde_ignored::deserialize(&mut serde_json::Deserializer::from_str(&text), |p| ignored.push(p.to_string()))
            .unwrap();
    assert_eq!(ignored, Vec::<String>::new(), "top-level schema properties WireHead does not read");
}

#[test]
fn the_validator_reports_a_field_outside_the_schema_at_its_path() {
    let mut doc = shipped();
    doc["events"][3]["sources"][0]["page"] = Value::from(4);
    doc["articles"][1]["author"] = Value::from("x");
    doc["extra"] = Value::from(true);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
    let read = crate::util::reader(dir);
    let problems: Vec<String> =
        marsad::data::validate::validate(&doc.to_string(), &read).iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "$.extra: field is not in the schema",
            "$.articles[1].author: field is not in the schema",
            "$.events[3].sources[0].page: field is not in the schema",
        ]
    );
}

#[test]
fn every_event_field_has_a_csv_column() {
    let fields = properties(&schema()["$defs"]["event"]);
    for f in &fields {
        assert!(CSV_COLUMNS.iter().any(|c| c.field == f), "no CSV column for {f}");
    }
    for c in CSV_COLUMNS {
        assert!(fields.contains(&c.field.to_owned()), "CSV column {} names unknown field {}", c.header, c.field);
    }
}

#[test]
fn the_readme_documents_every_url_parameter() {
    let readme = include_str!("../README.md");
    for p in marsad::query::PARAMS {
        assert!(readme.contains(&format!("`{}=`", p.name)), "README.md does not document `{}=`", p.name);
    }
}
