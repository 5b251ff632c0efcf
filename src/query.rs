//! View state <-> query string. The URL is the only place view state lives.
//!
//! [`Query::parse`] accepts any string and never panics: unknown parameters and malformed values
//! are ignored, so an old, hand-edited or truncated link still opens something sensible.
//! [`Query::to_query_string`] writes only non-default parameters, in a fixed order, so equal
//! states give equal URLs. This module never touches `web_sys`.

use crate::data::{EventType, Tone, Topic};
use crate::i18n::Lang;

/// Which main view the explorer shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Timeline,
    Countries,
}

/// Which widget an embed shows (`embed=`); `None` is the full explorer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embed {
    Timeline,
    Country,
    Pair,
    Event,
}

/// Colour theme (`theme=`); `Auto` follows `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// Years a filter may name; outside this range a `from`/`to` is ignored.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The whole view state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub lang: Lang,
    /// ISO 3166-1 alpha-2 codes, uppercase, no duplicates, in the order given.
    pub countries: Vec<String>,
    pub pair: Option<(String, String)>,
    pub types: Vec<EventType>,
    pub topics: Vec<Topic>,
    pub tones: Vec<Tone>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub q: String,
    pub event: Option<String>,
    pub view: View,
    pub embed: Option<Embed>,
    pub theme: Theme,
    /// Embeds only: show the filter panel too (`filters=1`).
    pub filters: bool,
}

fn country_code(s: &str) -> Option<String> {
    let s = s.trim();
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn year(s: &str) -> Option<i32> {
    let y: i32 = s.trim().parse().ok()?;
    YEARS.contains(&y).then_some(y)
}

impl Query {
    /// Parses a query string, with or without its leading `?`. Never fails.
    pub fn parse(search: &str) -> Query {
        let mut q = Query::default();
        for part in search.trim_start_matches('?').split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let value = percent_decode(value);
            let list = || value.split(',').map(str::trim).filter(|s| !s.is_empty());
            match percent_decode(key).as_str() {
                "lang" => q.lang = Lang::from_code(&value).unwrap_or(q.lang),
                "country" => list().filter_map(country_code).for_each(|c| push_unique(&mut q.countries, c)),
                "pair" => {
                    q.pair = value
                        .split_once('-')
                        .and_then(|(a, b)| Some((country_code(a)?, country_code(b)?)))
                        .filter(|(a, b)| a != b)
                }
                "type" => list().filter_map(EventType::from_id).for_each(|t| push_unique(&mut q.types, t)),
                "topic" => list().filter_map(Topic::from_id).for_each(|t| push_unique(&mut q.topics, t)),
                "tone" => list().filter_map(Tone::from_id).for_each(|t| push_unique(&mut q.tones, t)),
                "from" => q.from = year(&value),
                "to" => q.to = year(&value),
                "q" => q.q = value.chars().take(200).collect(),
                "event" => q.event = crate::data::is_slug(&value).then_some(value.clone()).filter(|v| v.len() <= 200),
                "view" => q.view = if value == "countries" { View::Countries } else { View::Timeline },
                "embed" => {
                    q.embed = match value.as_str() {
                        "timeline" => Some(Embed::Timeline),
                        "country" => Some(Embed::Country),
                        "pair" => Some(Embed::Pair),
                        "event" => Some(Embed::Event),
                        _ => None,
                    }
                }
                "theme" => {
                    q.theme = match value.as_str() {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::Auto,
                    }
                }
                "filters" => q.filters = value == "1",
                _ => {}
            }
        }
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f > t {
                (q.from, q.to) = (Some(t), Some(f));
            }
        }
        q
    }

    /// The canonical query string (without `?`); empty for the default state.
    pub fn to_query_string(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut put = |k: &str, v: &str| out.push(format!("{k}={}", percent_encode(v)));
        if self.lang != Lang::default() {
            put("lang", self.lang.code());
        }
        if let Some(e) = self.embed {
            put(
                "embed",
                match e {
                    Embed::Timeline => "timeline",
                    Embed::Country => "country",
                    Embed::Pair => "pair",
                    Embed::Event => "event",
                },
            );
        }
        if self.view == View::Countries {
            put("view", "countries");
        }
        if !self.countries.is_empty() {
            put("country", &self.countries.join(","));
        }
        if let Some((a, b)) = &self.pair {
            put("pair", &format!("{a}-{b}"));
        }
        let ids = |ids: Vec<&str>| ids.join(",");
        if !self.types.is_empty() {
            put("type", &ids(self.types.iter().map(|t| t.id()).collect()));
        }
        if !self.topics.is_empty() {
            put("topic", &ids(self.topics.iter().map(|t| t.id()).collect()));
        }
        if !self.tones.is_empty() {
            put("tone", &ids(self.tones.iter().map(|t| t.id()).collect()));
        }
        if let Some(f) = self.from {
            put("from", &f.to_string());
        }
        if let Some(t) = self.to {
            put("to", &t.to_string());
        }
        if !self.q.is_empty() {
            put("q", &self.q);
        }
        if let Some(e) = &self.event {
            put("event", e);
        }
        match self.theme {
            Theme::Auto => {}
            Theme::Light => put("theme", "light"),
            Theme::Dark => put("theme", "dark"),
        }
        if self.filters {
            put("filters", "1");
        }
        out.join("&")
    }

    /// True when any filter narrows the events (language, view and embed settings aside).
    pub fn has_filters(&self) -> bool {
        !self.countries.is_empty()
            || self.pair.is_some()
            || !self.types.is_empty()
            || !self.topics.is_empty()
            || !self.tones.is_empty()
            || self.from.is_some()
            || self.to.is_some()
            || !self.q.trim().is_empty()
    }

    /// The same view with every filter cleared (language, view, embed and theme kept).
    pub fn cleared(&self) -> Query {
        Query {
            lang: self.lang,
            view: self.view,
            embed: self.embed,
            theme: self.theme,
            filters: self.filters,
            ..Query::default()
        }
    }
}

/// Decodes `%XX` escapes and `+` as space; invalid escapes are kept literally, invalid UTF-8 is
/// replaced (U+FFFD).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but ASCII letters, digits and `-_.~,` (commas keep lists readable).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_every_parameter() {
        let q = Query::parse(
            "?lang=en&country=gb,CN,gb&pair=GB-CN&type=dialogue,agreement&topic=espionage&tone=conflictual\
             &from=2015&to=2024&q=%D8%B4%D9%8A+%D8%AC%D9%8A%D9%86&event=gb-cn-dialogue&view=countries\
             &embed=timeline&theme=dark&filters=1",
        );
        assert_eq!(q.lang, Lang::En);
        assert_eq!(q.countries, vec!["GB", "CN"]);
        assert_eq!(q.pair, Some(("GB".into(), "CN".into())));
        assert_eq!(q.types, vec![EventType::Dialogue, EventType::Agreement]);
        assert_eq!(q.topics, vec![Topic::Espionage]);
        assert_eq!(q.tones, vec![Tone::Conflictual]);
        assert_eq!((q.from, q.to), (Some(2015), Some(2024)));
        assert_eq!(q.q, "شي جين");
        assert_eq!(q.event.as_deref(), Some("gb-cn-dialogue"));
        assert_eq!(q.view, View::Countries);
        assert_eq!(q.embed, Some(Embed::Timeline));
        assert_eq!(q.theme, Theme::Dark);
        assert!(q.filters);
        assert_eq!(Query::parse(&q.to_query_string()), q);
    }

    #[test]
    fn ignores_malformed_values() {
        let q = Query::parse(
            "lang=fr&country=GBR,1,&pair=GB-GB&type=war&from=abc&to=99999&event=<script>&%zz=1&view=x&=&&",
        );
        assert_eq!(q, Query::default());
        assert_eq!(Query::parse("from=2024&to=2015").from, Some(2015));
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%E2%82"), "\u{FFFD}");
    }

    #[test]
    fn default_state_is_the_empty_string() {
        assert_eq!(Query::default().to_query_string(), "");
        assert_eq!(Query::parse(""), Query::default());
    }

    fn arb_query() -> impl Strategy<Value = Query> {
        let code = "[A-Z]{2}";
        (
            prop::bool::ANY,
            prop::collection::vec(code, 0..4),
            prop::option::of((code, code).prop_filter("distinct", |(a, b)| a != b)),
            prop::collection::vec(prop::sample::select(EventType::ALL.to_vec()), 0..4),
            prop::collection::vec(prop::sample::select(Topic::ALL.to_vec()), 0..4),
            prop::collection::vec(prop::sample::select(Tone::ALL.to_vec()), 0..3),
            prop::option::of(YEARS),
            ".{0,40}",
            prop::option::of("[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"),
            prop::bool::ANY,
        )
            .prop_map(|(en, countries, pair, types, topics, tones, from, q, event, countries_view)| {
                let mut out = Query {
                    lang: if en { Lang::En } else { Lang::Ar },
                    pair,
                    from,
                    to: from.map(|f| f + 3).filter(|t| YEARS.contains(t)),
                    q: q.chars().take(200).collect(),
                    event,
                    view: if countries_view { View::Countries } else { View::Timeline },
                    ..Query::default()
                };
                countries.into_iter().for_each(|c| push_unique(&mut out.countries, c));
                types.into_iter().for_each(|t| push_unique(&mut out.types, t));
                topics.into_iter().for_each(|t| push_unique(&mut out.topics, t));
                tones.into_iter().for_each(|t| push_unique(&mut out.tones, t));
                out
            })
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,200}") {
            let _ = Query::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_escapes(s in "([a-z]{1,6}=(%[0-9A-Fa-f]{0,2}|[^&]{0,6})&?){0,8}") {
            let q = Query::parse(&s);
            // Whatever was parsed writes back to a string that parses to the same state.
            prop_assert_eq!(Query::parse(&q.to_query_string()), q);
        }

        #[test]
        fn round_trips(q in arb_query()) {
            prop_assert_eq!(Query::parse(&q.to_query_string()), q);
        }
    }
}
