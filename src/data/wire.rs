//! Wire types: the JSON shape of `events.json`, exactly as `events.schema.json` describes it.
//!
//! Nothing here is trusted: every reference, date and text is checked by [`super::build`] before
//! it becomes part of a [`super::Dataset`]. Field names are a public contract: add, never rename.

use serde::{Deserialize, Serialize};

use super::vocab::{EventType, Precision, Tone, Topic};

/// The schema version this build of the explorer understands.
pub const SCHEMA_VERSION: u64 = 1;

/// A string in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub ar: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireArticle {
    pub id: String,
    pub seed_file: String,
    /// Path of the verbatim article text, relative to `events.json`.
    pub text: String,
    pub title: Text,
    pub published: String,
    pub published_precision: Precision,
    pub published_note: String,
    #[serde(default)]
    pub outlets: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireCountry {
    pub code: String,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireActor {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub role: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireSource {
    pub article: String,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireEvent {
    pub id: String,
    pub date: String,
    pub date_precision: Precision,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    pub topics: Vec<Topic>,
    pub tone: Tone,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
    pub title: Text,
    pub summary: Text,
    pub sources: Vec<WireSource>,
    #[serde(default)]
    pub related: Vec<String>,
}

/// The known keys of each object, for the strict validator's unknown-field check.
pub mod keys {
    pub const TOP: &[&str] =
        &["schema_version", "dataset_version", "licence", "articles", "countries", "actors", "events", "shards"];
    pub const ARTICLE: &[&str] =
        &["id", "seed_file", "text", "title", "published", "published_precision", "published_note", "outlets"];
    pub const COUNTRY: &[&str] = &["code", "name", "aliases"];
    pub const ACTOR: &[&str] = &["id", "name", "aliases", "country", "role"];
    pub const EVENT: &[&str] = &[
        "id",
        "date",
        "date_precision",
        "type",
        "parties",
        "initiator",
        "actors",
        "topics",
        "tone",
        "place",
        "title",
        "summary",
        "sources",
        "related",
    ];
    pub const SOURCE: &[&str] = &["article", "quote"];
    pub const TEXT: &[&str] = &["ar", "en"];
}
