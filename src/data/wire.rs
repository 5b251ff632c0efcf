//! Wire types: the JSON shape of `events.json`, exactly as `events.schema.json` describes it.
//!
//! Nothing here is trusted: every reference, date and text is checked by [`super::Loader`] before
//! it becomes part of a [`super::Dataset`]. Field names are a public contract: add, never rename.
//! These structs are the one list of field names inside the crate: the validator finds fields
//! outside them with `serde_ignored`, exports build them, and a test keeps the JSON Schema's
//! property names equal to them (`tests/schema.rs`).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::vocab::{EventType, Precision, Tone, Topic};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u64 = 3;

/// Every schema version this build reads. Version 1 has no record history: its events take the
/// dataset's release day (from `dataset_version`) as `first_published` and `updated`, and it
/// has no `withdrawn` list (see [`super::Loader`]). Version 3 gives an article's
/// `published_note` in both languages ([`Note`]); 2 has one English sentence, which 3 still
/// allows. A build that reads only 1 and 2 refuses a version 3 document whole, with its reason
/// (and a reader's device keeps its last good copy), rather than skip every article it cannot
/// read and every event that cites one.
pub const SCHEMA_VERSIONS: [u64; 3] = [1, 2, 3];

/// A string in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub ar: String,
    pub en: String,
}

/// How an article's publication date was found, in both languages. Written before the Arabic
/// was asked for, it was one English sentence: a string is read as `{ "ar": "", "en": … }` and
/// written back as it was (an empty note, a draft's, is written in both languages, to be filled).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note(pub Text);

impl Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.ar.is_empty() && !self.0.en.is_empty() {
            true => s.serialize_str(&self.0.en),
            false => self.0.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Note;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("{\"ar\", \"en\"} or an English sentence")
            }
            fn visit_str<E: serde::de::Error>(self, en: &str) -> Result<Note, E> {
                Ok(Note(Text { ar: String::new(), en: en.to_owned() }))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, m: M) -> Result<Note, M::Error> {
                Text::deserialize(serde::de::value::MapAccessDeserializer::new(m)).map(Note)
            }
        }
        d.deserialize_any(Either)
    }
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
    pub published_note: Note,
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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// The day the event first appeared in a release (`YYYY-MM-DD`); required from schema 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_published: Option<String>,
    /// The day the record last changed (`YYYY-MM-DD`, never before `first_published`); required
    /// from schema 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// What the last correction changed, for a record `updated` after it was first published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_note: Option<Text>,
}

/// An event taken out of the dataset (schema 2): its id never disappears silently. The app
/// shows this record at the event's old address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireWithdrawn {
    pub id: String,
    /// The title the event had.
    pub title: Text,
    /// The day it was withdrawn (`YYYY-MM-DD`).
    pub date: String,
    /// Why.
    pub reason: Text,
}

/// The top level of `events.json`, each part kept as raw text so the loader can check records
/// one by one (and, at 100,000 events, never builds a `serde_json::Value` tree).
#[derive(Deserialize)]
pub struct WireHead<'a> {
    #[serde(borrow)]
    pub schema_version: Option<&'a RawValue>,
    pub dataset_version: Option<&'a RawValue>,
    pub licence: Option<&'a RawValue>,
    pub articles: Option<&'a RawValue>,
    pub countries: Option<&'a RawValue>,
    pub actors: Option<&'a RawValue>,
    pub events: Option<&'a RawValue>,
    /// Schema 2, optional: the withdrawn events.
    pub withdrawn: Option<&'a RawValue>,
    /// Only in a sharded head (`super::shard`).
    pub shards: Option<&'a RawValue>,
}

/// The whole document, typed (fields in the file's order): for tools that read a release and
/// write it back, like `marsad-data migrate` (serde_json's `Map` would sort the keys; a struct
/// keeps them in this order) and the release diff (`super::diff`). Not for a sharded head.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireDoc {
    pub schema_version: u64,
    pub dataset_version: String,
    pub licence: String,
    pub articles: Vec<WireArticle>,
    pub countries: Vec<WireCountry>,
    pub actors: Vec<WireActor>,
    pub events: Vec<WireEvent>,
    /// Schema 2: the events taken out, each with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<WireWithdrawn>,
}
