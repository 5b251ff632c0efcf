//! The closed vocabularies of the dataset: event types, topics, tones and date precisions.
//!
//! These enums are the single source of truth inside the crate; `public/data/events.schema.json`
//! repeats them for outside re-users and a test (`schema_matches_vocabularies`) keeps both equal.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire id (as in the JSON and in URLs).
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// Position in [`Self::ALL`] (for per-value count arrays).
            pub fn index(self) -> usize {
                Self::ALL.iter().position(|x| *x == self).unwrap_or(0)
            }

            /// Parses a wire id; `None` for anything else.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

vocabulary! {
    /// What kind of event happened.
    EventType {
        Dialogue = "dialogue",
        Meeting = "meeting",
        Agreement = "agreement",
        Pledge = "pledge",
        UnResolution = "un_resolution",
        Accusation = "accusation",
        CyberIncident = "cyber_incident",
        Sanction = "sanction",
        Decision = "decision",
        Report = "report",
        Statement = "statement",
    }
}

vocabulary! {
    /// What an event is about.
    Topic {
        Cybercrime = "cybercrime",
        Espionage = "espionage",
        CriticalInfrastructure = "critical_infrastructure",
        Elections = "elections",
        Ransomware = "ransomware",
        UnNorms = "un_norms",
        IntelligenceSharing = "intelligence_sharing",
        Terrorism = "terrorism",
        IntellectualProperty = "intellectual_property",
        InfluenceOperations = "influence_operations",
        CrisisCommunication = "crisis_communication",
        StrategicStability = "strategic_stability",
        CyberDefence = "cyber_defence",
        DiplomaticRelations = "diplomatic_relations",
    }
}

vocabulary! {
    /// The direction of the relationship the event expresses.
    Tone {
        Cooperative = "cooperative",
        Neutral = "neutral",
        Conflictual = "conflictual",
    }
}

vocabulary! {
    /// How precisely a date is known.
    Precision {
        Year = "year",
        Month = "month",
        Day = "day",
    }
}

impl EventType {
    /// The CAMEO code this type corresponds to, where CAMEO has one.
    pub fn cameo(self) -> Option<&'static str> {
        match self {
            EventType::Dialogue => Some("046"),
            EventType::Meeting => Some("043"),
            EventType::Agreement => Some("057"),
            EventType::Pledge => Some("030"),
            EventType::Accusation => Some("112"),
            EventType::Sanction => Some("163"),
            EventType::Statement => Some("010"),
            EventType::UnResolution | EventType::CyberIncident | EventType::Decision | EventType::Report => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_id(t.id()), Some(*t));
        }
        for t in Topic::ALL {
            assert_eq!(Topic::from_id(t.id()), Some(*t));
        }
        assert_eq!(Tone::from_id("hostile"), None);
        for (i, t) in Topic::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
        }
    }

    #[test]
    fn schema_matches_vocabularies() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../public/data/events.schema.json")).unwrap();
        let defs = &schema["$defs"];
        let ids = |name: &str| -> Vec<String> {
            defs[name]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("schema $defs.{name}.enum missing"))
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let want = |all: Vec<&str>| all.into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(ids("event_type"), want(EventType::ALL.iter().map(|t| t.id()).collect()));
        assert_eq!(ids("topic"), want(Topic::ALL.iter().map(|t| t.id()).collect()));
        assert_eq!(ids("tone"), want(Tone::ALL.iter().map(|t| t.id()).collect()));
        assert_eq!(ids("precision"), want(Precision::ALL.iter().map(|t| t.id()).collect()));
    }
}
