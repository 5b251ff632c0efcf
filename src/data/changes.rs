//! The release history, `data/changes.json`: every release of the dataset, newest first, with
//! what it changed against the one before (`super::diff`) and the address of its exact file.
//! The build writes it from the archived releases (`marsad-dist`); the app's "What's new" view
//! and its static page read it. This module never touches `web_sys`.

use serde::{Deserialize, Serialize};

use super::diff::{diff, release_day, version_order, ArticleChanged, Changed, Entry};
use super::wire::{WireDoc, WireWithdrawn};

/// The history's path inside the data folder.
pub const PATH: &str = "changes.json";

/// The folder of the archived releases inside the data folder: `releases/<version>/events.json`.
pub fn release_file(version: &str) -> String {
    format!("releases/{version}/events.json")
}

/// One release and what it changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub version: String,
    /// Its day (`YYYY-MM-DD`), read from the version.
    pub date: Option<String>,
    /// How many events it holds.
    pub events: usize,
    /// Its exact file, inside the data folder ([`release_file`]).
    pub file: String,
    /// The first release: nothing to compare it with (its events are all new).
    pub initial: bool,
    #[serde(default)]
    pub added: Vec<Entry>,
    #[serde(default)]
    pub changed: Vec<Changed>,
    #[serde(default)]
    pub withdrawn: Vec<WireWithdrawn>,
    /// Events gone without a `withdrawn` record (the build warns about each).
    #[serde(default)]
    pub vanished: Vec<Entry>,
    /// The source articles it added, and those whose records it corrected.
    #[serde(default)]
    pub articles_added: Vec<Entry>,
    #[serde(default)]
    pub articles_changed: Vec<ArticleChanged>,
}

/// Every release, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub releases: Vec<Release>,
}

/// The history of `releases` (migrated documents, in any order), with the warnings of each
/// step. Two documents with the same version are one release (the first kept).
pub fn history(mut releases: Vec<WireDoc>) -> (Changes, Vec<String>) {
    releases.sort_by(|a, b| version_order(&a.dataset_version, &b.dataset_version));
    releases.dedup_by(|b, a| a.dataset_version == b.dataset_version);
    let mut out = Vec::with_capacity(releases.len());
    let mut warnings = Vec::new();
    for (i, doc) in releases.iter().enumerate() {
        let mut release = Release {
            version: doc.dataset_version.clone(),
            date: release_day(&doc.dataset_version),
            events: doc.events.len(),
            file: release_file(&doc.dataset_version),
            initial: i == 0,
            ..Release::default()
        };
        if let Some(before) = i.checked_sub(1).map(|j| &releases[j]) {
            let d = diff(before, doc);
            warnings.extend(d.warnings.iter().map(|w| format!("{}: {w}", doc.dataset_version)));
            (release.added, release.changed, release.withdrawn, release.vanished) =
                (d.added, d.changed, d.withdrawn, d.vanished);
            (release.articles_added, release.articles_changed) = (d.articles_added, d.articles_changed);
        }
        out.push(release);
    }
    out.reverse();
    (Changes { releases: out }, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::diff::parse_doc;

    fn doc(version: &str, ids: &[&str]) -> WireDoc {
        let events: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| {
                serde_json::json!({"id": id, "date": "2024", "date_precision": "year", "type": "dialogue",
                "parties": ["CN"], "topics": ["espionage"], "tone": "neutral", "title": {"ar": "عنوان", "en": id},
                "summary": {"ar": "ملخص", "en": "s"}, "sources": [{"article": "a", "quote": "q"}]})
            })
            .collect();
        let json = serde_json::json!({"schema_version": 1, "dataset_version": version, "licence": "CC-BY-4.0",
            "articles": [], "countries": [], "actors": [], "events": events});
        parse_doc(&json.to_string()).unwrap()
    }

    #[test]
    fn releases_newest_first_each_against_the_one_before() {
        let (changes, warnings) = history(vec![
            doc("2026-12-10.1", &["a", "b", "c"]),
            doc("2026-11-23.1", &["a", "b"]),
            doc("2026-11-23.2", &["a", "b"]),
        ]);
        let versions: Vec<&str> = changes.releases.iter().map(|r| r.version.as_str()).collect();
        assert_eq!(versions, ["2026-12-10.1", "2026-11-23.2", "2026-11-23.1"]);
        let newest = &changes.releases[0];
        assert_eq!(newest.added.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_eq!((newest.events, newest.date.as_deref()), (3, Some("2026-12-10")));
        assert_eq!(newest.file, "releases/2026-12-10.1/events.json");
        assert!(!newest.initial && changes.releases[1].added.is_empty());
        let first = &changes.releases[2];
        assert!(first.initial && first.added.is_empty(), "the first release lists no diff");
        assert_eq!(warnings, Vec::<String>::new());
        // What the build writes, the app reads back.
        let json = serde_json::to_string(&changes).unwrap();
        assert_eq!(serde_json::from_str::<Changes>(&json).unwrap(), changes);
    }
}
