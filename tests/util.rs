//! Shared helpers for the integration tests: fixtures and the validator run against them.

use std::path::{Path, PathBuf};

use serde_json::Value;

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The minimal valid fixture dataset, parsed.
pub fn minimal() -> Value {
    let text = std::fs::read_to_string(data_dir().join("minimal.json")).expect("fixture minimal.json");
    serde_json::from_str(&text).expect("fixture minimal.json is JSON")
}

/// Reads an article text relative to `dir`.
pub fn reader(dir: PathBuf) -> impl Fn(&str) -> Option<String> {
    move |rel: &str| std::fs::read_to_string(dir.join(rel)).ok()
}

/// Validates `doc` against the fixture article texts; returns "path: reason" lines.
pub fn problems(doc: &Value) -> Vec<String> {
    let read = reader(data_dir());
    marsad::data::validate::validate(&doc.to_string(), &read).iter().map(|p| p.to_string()).collect()
}

/// Asserts that validation fails with exactly one problem at `path` whose reason contains `reason`.
pub fn assert_rejects(doc: &Value, path: &str, reason: &str) {
    let found = problems(doc);
    assert_eq!(found.len(), 1, "expected exactly one problem, at {path}, got {found:#?}");
    assert!(
        found[0].starts_with(&format!("{path}: ")) && found[0].contains(reason),
        "expected the problem at {path} to contain {reason:?}, got {found:#?}"
    );
}
