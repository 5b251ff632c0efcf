//! Every closed list in Marsad, each defined once by [`vocabulary!`]: its values, their wire ids
//! (as in the JSON and in URLs) and their labels in both languages.
//!
//! Data vocabularies (event types, topics, tones, date precisions) are repeated for outside
//! re-users in `public/data/events.schema.json`; a test (`schema_matches_vocabularies`) keeps both
//! equal. View-state vocabularies (language, view, widget, theme) are what the URL parameters in
//! `query` read and write, and what the selects and switches in `ui` offer.

use serde::{Deserialize, Serialize};

/// What every closed list offers, for code that works on any of them (URL parameters, options).
pub trait Vocabulary: Copy + Default + PartialEq + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn from_id(id: &str) -> Option<Self>;
    fn index(self) -> usize;
    fn label(self, lang: Lang) -> &'static str;
}

/// Reads a closed list's value from its wire id, through the list's `from_id`. Serde's derive
/// compiled a matcher of its own for each list (1.0–1.6 KB of wasm each, with the enum's
/// access); this reads a string and asks the list, with serde's own message for an unknown id.
struct WireId<T: 'static> {
    parse: fn(&str) -> Option<T>,
    ids: &'static [&'static str],
}

impl<T> serde::de::Visitor<'_> for WireId<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("one of the list's ids")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).ok_or_else(|| E::unknown_variant(v, self.ids))
    }
}

/// Declares a closed list: `Name { Variant = "id" ("عربي", "English"), ... }`. The first variant
/// is the default. Generates `ALL` (display order), `id`, `from_id`, `index` and `label`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident {
        $first:ident = $first_id:literal ($first_ar:literal, $first_en:literal)
        $(, $variant:ident = $id:literal ($ar:literal, $en:literal))* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name {
            #[default]
            #[serde(rename = $first_id)]
            $first,
            $(#[serde(rename = $id)] $variant),*
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),*];

            /// How many values there are (the size of per-value count arrays).
            pub const COUNT: usize = Self::ALL.len();

            /// The wire id (as in the JSON and in URLs).
            pub fn id(self) -> &'static str {
                match self { $name::$first => $first_id, $($name::$variant => $id),* }
            }

            /// Parses a wire id; `None` for anything else.
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $first_id => Some($name::$first), $($id => Some($name::$variant),)* _ => None }
            }

            /// Position in [`Self::ALL`] (for per-value count arrays sized `ALL.len()`).
            pub fn index(self) -> usize {
                self as usize
            }

            /// The label shown to readers of `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                let (ar, en) = match self {
                    $name::$first => ($first_ar, $first_en),
                    $($name::$variant => ($ar, $en)),*
                };
                match lang {
                    Lang::Ar => ar,
                    Lang::En => en,
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(WireId { parse: $name::from_id, ids: &[$first_id, $($id),*] })
            }
        }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn id(self) -> &'static str { $name::id(self) }
            fn from_id(id: &str) -> Option<Self> { $name::from_id(id) }
            fn index(self) -> usize { $name::index(self) }
            fn label(self, lang: Lang) -> &'static str { $name::label(self, lang) }
        }
    };
}

vocabulary! {
    /// The interface language; Arabic first. Labels name the language in the reader's language.
    Lang {
        Ar = "ar" ("العربية", "Arabic"),
        En = "en" ("الإنجليزية", "English"),
    }
}

vocabulary! {
    /// What kind of event happened.
    EventType {
        Dialogue = "dialogue" ("حوار", "Dialogue"),
        Meeting = "meeting" ("اجتماع أو قمة", "Meeting or summit"),
        Agreement = "agreement" ("اتفاق", "Agreement"),
        Pledge = "pledge" ("تعهد", "Pledge"),
        UnResolution = "un_resolution" ("قرار أممي", "UN resolution"),
        Accusation = "accusation" ("اتهام أو إسناد", "Accusation or attribution"),
        CyberIncident = "cyber_incident" ("حادث سيبراني", "Cyber incident"),
        Sanction = "sanction" ("عقوبات", "Sanctions"),
        Decision = "decision" ("قرار حكومي", "Government decision"),
        Report = "report" ("تقرير", "Report"),
        Statement = "statement" ("تصريح", "Statement"),
    }
}

vocabulary! {
    /// What an event is about.
    Topic {
        Cybercrime = "cybercrime" ("الجريمة السيبرانية", "Cybercrime"),
        Espionage = "espionage" ("التجسس", "Espionage"),
        CriticalInfrastructure = "critical_infrastructure" ("البنى التحتية الحيوية", "Critical infrastructure"),
        Elections = "elections" ("الانتخابات", "Elections"),
        Ransomware = "ransomware" ("برامج الفدية", "Ransomware"),
        UnNorms = "un_norms" ("المعايير الأممية", "UN norms"),
        IntelligenceSharing = "intelligence_sharing" ("تبادل المعلومات الاستخبارية", "Intelligence sharing"),
        Terrorism = "terrorism" ("الإرهاب", "Terrorism"),
        IntellectualProperty = "intellectual_property" ("الملكية الفكرية", "Intellectual property"),
        InfluenceOperations = "influence_operations" ("عمليات التأثير", "Influence operations"),
        CrisisCommunication = "crisis_communication" ("قنوات الاتصال ومنع التصعيد", "Crisis communication"),
        StrategicStability = "strategic_stability" ("الاستقرار الاستراتيجي", "Strategic stability"),
        CyberDefence = "cyber_defence" ("الدفاع السيبراني", "Cyber defence"),
        DiplomaticRelations = "diplomatic_relations" ("العلاقات الدبلوماسية", "Diplomatic relations"),
    }
}

vocabulary! {
    /// The direction of the relationship the event expresses.
    Tone {
        Cooperative = "cooperative" ("تعاوني", "Cooperative"),
        Neutral = "neutral" ("محايد", "Neutral"),
        Conflictual = "conflictual" ("صدامي", "Conflictual"),
    }
}

vocabulary! {
    /// How precisely a date is known.
    Precision {
        Year = "year" ("سنة", "year"),
        Month = "month" ("شهر", "month"),
        Day = "day" ("يوم", "day"),
    }
}

vocabulary! {
    /// Which main view the explorer shows (`view=`).
    View {
        Timeline = "timeline" ("الخط الزمني", "Timeline"),
        Countries = "countries" ("بطاقات الدول", "Country cards"),
        Network = "network" ("شبكة العلاقات", "Network"),
        Changes = "changes" ("الجديد في البيانات", "What's new"),
    }
}

vocabulary! {
    /// Which widget an embed shows (`embed=`).
    Widget {
        Timeline = "timeline" ("الخط الزمني", "Timeline"),
        Country = "country" ("بطاقة الدولة", "Country card"),
        Pair = "pair" ("العلاقة الثنائية", "Country pair"),
        Event = "event" ("الحدث", "Single event"),
        Compare = "compare" ("مقارنة الدول", "Comparison"),
        Network = "network" ("شبكة العلاقات", "Network"),
    }
}

vocabulary! {
    /// Colour theme (`theme=`); `Auto` follows `prefers-color-scheme`.
    Theme {
        Auto = "auto" ("تلقائي", "Automatic"),
        Light = "light" ("فاتح", "Light"),
        Dark = "dark" ("داكن", "Dark"),
    }
}

vocabulary! {
    /// How several chosen countries combine (`match=`): events of any of them, or of all of them.
    Match {
        Any = "any" ("أيٌّ منها", "any of them"),
        All = "all" ("كلها معًا", "all of them"),
    }
}

vocabulary! {
    /// The order of the country cards (`sort=`).
    CardOrder {
        Events = "events" ("الأكثر أحداثًا", "Most events"),
        Name = "name" ("الاسم", "Name"),
        Conflict = "conflict" ("الأعلى نسبةً للأحداث الصدامية", "Most conflictual"),
    }
}

vocabulary! {
    /// How many pairs the network draws (`pairs=`): those with the most shared events. The table
    /// beside it lists every pair. (Labels are the numbers; the interface writes them with
    /// `i18n::number`, in the reader's digits.)
    PairsShown {
        P50 = "50" ("50", "50"),
        P100 = "100" ("100", "100"),
        P200 = "200" ("200", "200"),
    }
}

impl PairsShown {
    /// The number of pairs drawn.
    pub fn n(self) -> usize {
        match self {
            PairsShown::P50 => 50,
            PairsShown::P100 => 100,
            PairsShown::P200 => 200,
        }
    }
}

vocabulary! {
    /// The balance of a pair's tones, which colours its line in the network: more cooperative
    /// than conflictual events by a third of all its events or more, the reverse, or neither.
    Balance {
        Mixed = "mixed" ("مختلطة أو محايدة", "Mixed or neutral"),
        Cooperative = "cooperative" ("تعاونية في الغالب", "Mostly cooperative"),
        Conflictual = "conflictual" ("صدامية في الغالب", "Mostly conflictual"),
    }
}

vocabulary! {
    /// The order of the network's table of pairs: most events, most cooperative, most
    /// conflictual.
    PairOrder {
        Events = "events" ("الأكثر أحداثًا", "Most events"),
        Cooperative = "cooperative" ("الأكثر تعاونًا", "Most cooperative"),
        Conflictual = "conflictual" ("الأكثر صدامًا", "Most conflictual"),
    }
}

vocabulary! {
    /// The formats of "Cite this": a reference in words (APA-like), BibTeX, RIS and CSL-JSON.
    CiteFormat {
        Text = "text" ("نص المرجع", "Reference"),
        Bibtex = "bibtex" ("صيغة BibTeX", "BibTeX"),
        Ris = "ris" ("صيغة RIS", "RIS"),
        CslJson = "csl-json" ("صيغة CSL-JSON", "CSL-JSON"),
    }
}

vocabulary! {
    /// The digits of the Arabic interface (`digits=`): Latin (2024) or Arabic-Indic (٢٠٢٤).
    /// English always prints Latin digits.
    Digits {
        Latn = "latn" ("لاتينية (2024)", "Latin (2024)"),
        Arab = "arab" ("مشرقية (٢٠٢٤)", "Arabic-Indic"),
    }
}

vocabulary! {
    /// The primary calendar of dates (`cal=`): Gregorian, or Hijri (Umm al-Qura) with the
    /// Gregorian date beside it.
    Calendar {
        Gregory = "gregory" ("ميلادي", "Gregorian"),
        Islamic = "islamic" ("هجري (أم القرى)", "Hijri (Umm al-Qura)"),
    }
}

vocabulary! {
    /// The direction of the Arabic timeline's time axis (`axis=`): mirrored, the oldest on the
    /// right (the default), or the oldest on the left. English always runs left to right.
    Axis {
        Rtl = "rtl" ("الأقدم يمينًا", "Oldest on the right"),
        Ltr = "ltr" ("الأقدم يسارًا", "Oldest on the left"),
    }
}

impl Lang {
    pub fn code(self) -> &'static str {
        self.id()
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|t| id(*t).to_owned()).collect()
    }

    /// The JSON reads each list's wire ids and nothing else, in serde's words for an unknown one
    /// (the validator's reasons quote them).
    #[test]
    fn json_reads_wire_ids_only() {
        fn all<T: Vocabulary + Serialize + for<'de> Deserialize<'de> + std::fmt::Debug>() {
            for &t in T::ALL {
                let json = serde_json::to_string(&t).unwrap();
                assert_eq!(json, format!("\"{}\"", t.id()));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
            }
            let unknown = serde_json::from_str::<T>("\"hostile\"").unwrap_err().to_string();
            let expected = format!(
                "unknown variant `hostile`, expected {}`{}`",
                if T::ALL.len() > 2 { "one of " } else { "" },
                T::ALL[0].id()
            );
            assert!(unknown.starts_with(&expected), "{unknown}");
            assert!(serde_json::from_str::<T>("3").is_err());
            assert!(serde_json::from_str::<T>(&format!("{{\"{}\": null}}", T::ALL[0].id())).is_err());
        }
        all::<EventType>();
        all::<Topic>();
        all::<Tone>();
        all::<Precision>();
        all::<Lang>();
    }

    #[test]
    fn ids_round_trip_and_index_is_the_position() {
        for (i, t) in EventType::ALL.iter().enumerate() {
            assert_eq!(EventType::from_id(t.id()), Some(*t));
            assert_eq!(t.index(), i);
        }
        for (i, t) in Topic::ALL.iter().enumerate() {
            assert_eq!(Topic::from_id(t.id()), Some(*t));
            assert_eq!(t.index(), i);
        }
        for w in Widget::ALL {
            assert_eq!(Widget::from_id(w.id()), Some(*w));
        }
        assert_eq!(Tone::from_id("hostile"), None);
        assert_eq!(Theme::default(), Theme::Auto);
        assert_eq!(Lang::default(), Lang::Ar);
    }

    #[test]
    fn every_label_exists_in_both_languages_and_arabic_is_arabic() {
        fn check<T: Copy + std::fmt::Debug>(all: &[T], label: fn(T, Lang) -> &'static str) {
            for t in all {
                let (ar, en) = (label(*t, Lang::Ar), label(*t, Lang::En));
                assert!(crate::data::has_arabic(ar), "{t:?}: {ar}");
                assert!(!en.is_empty() && en.is_ascii(), "{t:?}: {en}");
            }
        }
        check(EventType::ALL, EventType::label);
        check(Topic::ALL, Topic::label);
        check(Tone::ALL, Tone::label);
        check(Widget::ALL, Widget::label);
        check(Theme::ALL, Theme::label);
        check(View::ALL, View::label);
        check(Match::ALL, Match::label);
        check(CardOrder::ALL, CardOrder::label);
        check(Digits::ALL, Digits::label);
        check(Calendar::ALL, Calendar::label);
        check(Axis::ALL, Axis::label);
        check(CiteFormat::ALL, CiteFormat::label);
    }

    #[test]
    fn schema_matches_vocabularies() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../public/data/events.schema.json")).unwrap();
        let defs = &schema["$defs"];
        let schema_ids = |name: &str| -> Vec<String> {
            defs[name]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("schema $defs.{name}.enum missing"))
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(schema_ids("event_type"), ids(EventType::ALL, EventType::id));
        assert_eq!(schema_ids("topic"), ids(Topic::ALL, Topic::id));
        assert_eq!(schema_ids("tone"), ids(Tone::ALL, Tone::id));
        assert_eq!(schema_ids("precision"), ids(Precision::ALL, Precision::id));
    }
}
