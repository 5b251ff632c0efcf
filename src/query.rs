//! View state <-> query string. The URL is the only place view state lives.
//!
//! Every URL parameter is one row of [`PARAMS`] (name, how it reads, how it writes, whether it
//! narrows the events), as ripgrep defines each flag once: [`Query::parse`],
//! [`Query::to_query_string`], [`Query::has_filters`] and [`Query::cleared`] loop over that table.
//! Parsing accepts any string and never panics: unknown parameters are ignored (a tracker's
//! `utm_source` is not Marsad's to judge) and malformed values are left out, so an old,
//! hand-edited or truncated link still opens something sensible; what a known parameter had
//! that could not be read is kept in [`Query::unread`], for the page to say. Writing
//! gives only non-default parameters, in table order, so equal states give equal URLs. This
//! module never touches `web_sys`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::data::{EventType, Tone, Topic};
use crate::vocab::{Axis, Calendar, CardOrder, Digits, Lang, Match, PairsShown, Theme, View, Vocabulary, Widget};

/// Years a filter may name; outside this range a `from`/`to` is ignored.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The most states a comparison shows side by side.
pub const COMPARE_MAX: usize = 3;

/// The longest search text kept from a URL.
pub const MAX_SEARCH_LEN: usize = 200;

/// The most characters of an unreadable value kept to be said (`Query::unread`).
pub const UNREAD_MAX: usize = 40;

/// The whole view state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub lang: Lang,
    /// ISO 3166-1 alpha-2 codes, uppercase, no duplicates, in the order given.
    pub countries: Vec<String>,
    /// With several countries: events of any of them (default) or of all of them together.
    pub matching: Match,
    pub pair: Option<(String, String)>,
    pub types: Vec<EventType>,
    pub topics: Vec<Topic>,
    pub tones: Vec<Tone>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub q: String,
    pub event: Option<String>,
    pub view: View,
    /// States compared side by side (`compare=GB,CN,US`): ISO codes, uppercase, no duplicates,
    /// at most [`COMPARE_MAX`]. Not a filter: the filters apply to every column.
    pub compare: Vec<String>,
    /// How many pairs the network draws.
    pub pairs: PairsShown,
    /// `None` is the full explorer.
    pub embed: Option<Widget>,
    /// What the link had that could not be read: (parameter, the part of its value left out,
    /// at most [`UNREAD_MAX`] characters), in the order given. An `embed=` here names no widget.
    /// Never written back, and a change of state by the reader drops it (`ui::Ctx::navigate`).
    pub unread: Vec<(&'static str, String)>,
    pub theme: Theme,
    /// Embeds only: show the filter panel too (`filters=1`).
    pub filters: bool,
    /// The country cards' order and page (from 1).
    pub sort: CardOrder,
    pub page: usize,
    /// How dates, numbers and the Arabic time axis read. Kept by every link.
    pub reading: Reading,
    /// Embeds only: no chrome but a small credit link (`plain=1`); the host page's background
    /// (`transparent=1`).
    pub plain: bool,
    pub transparent: bool,
    /// Embeds only: the id a Pym.js parent gives its child frame (`childId`), for Pym's height
    /// messages.
    pub child_id: Option<String>,
}

/// Reading options: the Arabic interface's digits, the primary calendar, the direction of the
/// Arabic timeline. Every link keeps them, a static page's included (as a query string on its
/// path).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub digits: Digits,
    pub cal: Calendar,
    pub axis: Axis,
}

/// One active filter, as a reader can remove it (a chip).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    Country(String),
    Match(Match),
    Pair(String, String),
    Type(EventType),
    Topic(Topic),
    Tone(Tone),
    From(i32),
    To(i32),
    Search(String),
}

/// One URL parameter.
pub struct Param {
    pub name: &'static str,
    /// True when the parameter narrows the events ("Clear all filters" removes it).
    pub filter: bool,
    /// Reads a decoded value into the state, and gives back what it could not read (the whole
    /// value, or a list's items that name nothing), which leaves the state as it was.
    read: fn(&mut Query, &str) -> Option<String>,
    /// The decoded value to write, or `None` when the state has the default.
    write: fn(&Query) -> Option<String>,
}

/// Every URL parameter, in the order they are written.
pub const PARAMS: &[Param] = &[
    Param { name: "lang", filter: false, read: |q, v| set_id(&mut q.lang, v), write: |q| non_default(q.lang) },
    Param {
        name: "embed",
        filter: false,
        // A widget this build does not know is shown as the timeline's, and said so
        // (`page::WidgetProblem`), not as the full explorer squeezed into a newsroom's frame.
        read: |q, v| {
            let widget = Widget::from_id(v);
            q.embed = Some(widget.unwrap_or(Widget::Timeline));
            widget.is_none().then(|| v.to_owned())
        },
        write: |q| Some(q.embed?.id().into()),
    },
    Param { name: "view", filter: false, read: |q, v| set_id(&mut q.view, v), write: |q| non_default(q.view) },
    Param {
        name: "compare",
        filter: false,
        read: |q, v| {
            let mut left = read_codes(&mut q.compare, v);
            // Past the most a comparison shows: left out, and said.
            left.extend(q.compare.split_off(q.compare.len().min(COMPARE_MAX)));
            joined(left)
        },
        write: |q| join(q.compare.iter().map(String::as_str)),
    },
    Param {
        name: "country",
        filter: true,
        read: |q, v| joined(read_codes(&mut q.countries, v)),
        write: |q| join(q.countries.iter().map(String::as_str)),
    },
    Param { name: "match", filter: true, read: |q, v| set_id(&mut q.matching, v), write: |q| non_default(q.matching) },
    Param {
        name: "pair",
        filter: true,
        read: |q, v| {
            q.pair =
                v.split_once('-').and_then(|(a, b)| Some((country_code(a)?, country_code(b)?))).filter(|(a, b)| a != b);
            q.pair.is_none().then(|| v.to_owned())
        },
        write: |q| q.pair.as_ref().map(|(a, b)| format!("{a}-{b}")),
    },
    Param { name: "type", filter: true, read: |q, v| read_ids(&mut q.types, v), write: |q| write_ids(&q.types) },
    Param { name: "topic", filter: true, read: |q, v| read_ids(&mut q.topics, v), write: |q| write_ids(&q.topics) },
    Param { name: "tone", filter: true, read: |q, v| read_ids(&mut q.tones, v), write: |q| write_ids(&q.tones) },
    Param { name: "from", filter: true, read: |q, v| read_year(&mut q.from, v), write: |q| Some(q.from?.to_string()) },
    Param { name: "to", filter: true, read: |q, v| read_year(&mut q.to, v), write: |q| Some(q.to?.to_string()) },
    Param {
        name: "q",
        filter: true,
        read: |q, v| {
            q.q = v.chars().take(MAX_SEARCH_LEN).collect();
            None
        },
        write: |q| (!q.q.is_empty()).then(|| q.q.clone()),
    },
    Param {
        name: "event",
        filter: false,
        read: |q, v| {
            q.event = crate::data::is_event_id(v).then(|| v.to_owned());
            q.event.is_none().then(|| v.to_owned())
        },
        write: |q| q.event.clone(),
    },
    Param { name: "sort", filter: false, read: |q, v| set_id(&mut q.sort, v), write: |q| non_default(q.sort) },
    Param {
        name: "page",
        filter: false,
        read: |q, v| match v.trim().parse() {
            Ok(p @ 1..=100_000) => {
                q.page = if p > 1 { p } else { 0 };
                None
            }
            _ => Some(v.to_owned()),
        },
        write: |q| (q.page > 1).then(|| q.page.to_string()),
    },
    Param { name: "pairs", filter: false, read: |q, v| set_id(&mut q.pairs, v), write: |q| non_default(q.pairs) },
    Param { name: "theme", filter: false, read: |q, v| set_id(&mut q.theme, v), write: |q| non_default(q.theme) },
    Param { name: "filters", filter: false, read: |q, v| read_flag(&mut q.filters, v), write: |q| flag(q.filters) },
    Param {
        name: "digits",
        filter: false,
        read: |q, v| set_id(&mut q.reading.digits, v),
        write: |q| non_default(q.reading.digits),
    },
    Param {
        name: "cal",
        filter: false,
        read: |q, v| set_id(&mut q.reading.cal, v),
        write: |q| non_default(q.reading.cal),
    },
    Param {
        name: "axis",
        filter: false,
        read: |q, v| set_id(&mut q.reading.axis, v),
        write: |q| non_default(q.reading.axis),
    },
    Param { name: "plain", filter: false, read: |q, v| read_flag(&mut q.plain, v), write: |q| flag(q.plain) },
    Param {
        name: "transparent",
        filter: false,
        read: |q, v| read_flag(&mut q.transparent, v),
        write: |q| flag(q.transparent),
    },
    Param {
        name: "childId",
        filter: false,
        read: |q, v| {
            q.child_id = is_child_id(v).then(|| v.to_owned());
            q.child_id.is_none().then(|| v.to_owned())
        },
        write: |q| q.child_id.clone(),
    },
];

/// A Pym.js child id as a parent page gives it (an element id): 1–64 of `A-Za-z0-9_:.-`.
fn is_child_id(v: &str) -> bool {
    (1..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"_:.-".contains(&b))
}

fn set_id<T: Vocabulary>(slot: &mut T, v: &str) -> Option<String> {
    match T::from_id(v) {
        Some(x) => {
            *slot = x;
            None
        }
        None => Some(v.to_owned()),
    }
}

/// A switch: `1` on, `0` off.
fn read_flag(slot: &mut bool, v: &str) -> Option<String> {
    match v.trim() {
        "1" => *slot = true,
        "0" => *slot = false,
        _ => return Some(v.to_owned()),
    }
    None
}

fn flag(on: bool) -> Option<String> {
    on.then(|| "1".into())
}

fn read_year(slot: &mut Option<i32>, v: &str) -> Option<String> {
    *slot = year(v);
    slot.is_none().then(|| v.to_owned())
}

/// The items left out of a list, as one value (none when every item was read).
fn joined(left: Vec<String>) -> Option<String> {
    (!left.is_empty()).then(|| left.join(","))
}

/// Reads a list of ISO codes; gives back the items that are not one.
fn read_codes(into: &mut Vec<String>, v: &str) -> Vec<String> {
    let mut left = Vec::new();
    for item in list(v) {
        match country_code(item) {
            Some(c) => push_unique(into, c),
            None => left.push(item.to_owned()),
        }
    }
    left
}

fn non_default<T: Vocabulary>(x: T) -> Option<String> {
    (x != T::default()).then(|| x.id().to_owned())
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn read_ids<T: Vocabulary>(into: &mut Vec<T>, v: &str) -> Option<String> {
    let mut left = Vec::new();
    for item in list(v) {
        match T::from_id(item) {
            Some(t) => push_unique(into, t),
            None => left.push(item.to_owned()),
        }
    }
    joined(left)
}

fn write_ids<T: Vocabulary>(ids: &[T]) -> Option<String> {
    join(ids.iter().map(|t| t.id()))
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let s = items.collect::<Vec<_>>().join(",");
    (!s.is_empty()).then_some(s)
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

/// Characters written as they are: ASCII letters, digits and `-_.~,` (commas keep lists readable).
const KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b',');

/// Decodes `%XX` escapes and `+` as space; invalid escapes are kept literally, invalid UTF-8 is
/// replaced (U+FFFD).
pub fn percent_decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, KEEP).to_string()
}

impl Query {
    /// Parses a query string, with or without its leading `?`. Never fails.
    pub fn parse(search: &str) -> Query {
        let mut q = Query::default();
        for part in search.trim_start_matches('?').split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let key = percent_decode(key);
            if let Some(p) = PARAMS.iter().find(|p| p.name == key) {
                // An empty value asks for nothing (`?q=&from=` from a form): not said.
                if let Some(left) = (p.read)(&mut q, &percent_decode(value)).filter(|v| !v.trim().is_empty()) {
                    push_unique(&mut q.unread, (p.name, left.chars().take(UNREAD_MAX).collect()));
                }
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
        let pairs = PARAMS.iter().filter_map(|p| Some(format!("{}={}", p.name, percent_encode(&(p.write)(self)?))));
        pairs.collect::<Vec<_>>().join("&")
    }

    /// True when any filter narrows the events (language, view and embed settings aside).
    pub fn has_filters(&self) -> bool {
        PARAMS.iter().any(|p| p.filter && (p.write)(self).is_some())
    }

    /// Every active filter, in parameter order.
    pub fn active_filters(&self) -> Vec<Filter> {
        let mut out: Vec<Filter> = self.countries.iter().cloned().map(Filter::Country).collect();
        if self.matching != Match::default() {
            out.push(Filter::Match(self.matching));
        }
        out.extend(self.pair.clone().map(|(a, b)| Filter::Pair(a, b)));
        out.extend(self.types.iter().map(|&t| Filter::Type(t)));
        out.extend(self.topics.iter().map(|&t| Filter::Topic(t)));
        out.extend(self.tones.iter().map(|&t| Filter::Tone(t)));
        out.extend(self.from.map(Filter::From));
        out.extend(self.to.map(Filter::To));
        if !self.q.is_empty() {
            out.push(Filter::Search(self.q.clone()));
        }
        out
    }

    /// The same state without one filter.
    pub fn without(&self, f: &Filter) -> Query {
        let mut q = self.clone();
        match f {
            Filter::Country(c) => q.countries.retain(|x| x != c),
            Filter::Match(_) => q.matching = Match::default(),
            Filter::Pair(..) => q.pair = None,
            Filter::Type(t) => q.types.retain(|x| x != t),
            Filter::Topic(t) => q.topics.retain(|x| x != t),
            Filter::Tone(t) => q.tones.retain(|x| x != t),
            Filter::From(_) => q.from = None,
            Filter::To(_) => q.to = None,
            Filter::Search(_) => q.q.clear(),
        }
        q
    }

    /// The event a single event's widget shows (`embed=event&event=…`), if the state is one: such
    /// a widget draws that event alone, no page body.
    pub fn single_event(&self) -> Option<&str> {
        self.event.as_deref().filter(|_| self.embed == Some(Widget::Event))
    }

    /// The filters alone: what `filter::apply` reads. Views derive the filtered events from it,
    /// so opening an event or switching the language does not filter again.
    pub fn filters_only(&self) -> Query {
        let mut out = Query::default();
        for p in PARAMS.iter().filter(|p| p.filter) {
            if let Some(v) = (p.write)(self) {
                let _ = (p.read)(&mut out, &v);
            }
        }
        out
    }

    /// Adds `code` to the comparison (at most [`COMPARE_MAX`] states, each once). With two states
    /// the page becomes the comparison, which replaces the card it was begun from: the states
    /// chosen as a filter and the pair go, or each column would count only the events its state
    /// shares with them (a comparison begun on the United Kingdom's card gave China 7 events,
    /// those it shares with the United Kingdom, where the comparison's own link gives 24).
    pub fn add_to_comparison(&mut self, code: &str) {
        if !self.compare.iter().any(|c| c == code) && self.compare.len() < COMPARE_MAX {
            self.compare.push(code.to_owned());
        }
        self.event = None;
        if self.compare.len() >= 2 {
            self.countries.clear();
            self.matching = Match::default();
            self.pair = None;
        }
    }

    /// The same view with every filter cleared (language, view, embed and theme kept).
    pub fn cleared(&self) -> Query {
        let mut out = Query::default();
        for p in PARAMS.iter().filter(|p| !p.filter) {
            if let Some(v) = (p.write)(self) {
                let _ = (p.read)(&mut out, &v);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_single_events_widget_needs_both_the_widget_and_the_event() {
        let single = |s: &str| Query::parse(s).single_event().map(str::to_owned);
        assert_eq!(single("embed=event&event=a-b"), Some("a-b".to_owned()));
        assert_eq!(single("embed=event"), None);
        assert_eq!(single("embed=timeline&event=a-b"), None);
        assert_eq!(single("event=a-b"), None);
    }

    #[test]
    fn a_comparison_begun_on_a_card_leaves_the_card_behind() {
        // One state: a comparison being begun, on the card it was begun from.
        let mut q = Query::parse("?country=GB&type=meeting&match=all&event=x");
        q.add_to_comparison("GB");
        assert_eq!(
            (q.compare.clone(), q.countries.clone(), q.event.clone()),
            (vec!["GB".to_owned()], vec!["GB".to_owned()], None)
        );
        // Two: the comparison, under the filters but not the card's state or the pair.
        q.pair = Some(("GB".into(), "CN".into()));
        q.add_to_comparison("CN");
        assert_eq!(q.to_query_string(), "compare=GB,CN&type=meeting");
        // Each state once, and no more than the most a comparison shows.
        for code in ["CN", "US", "FR"] {
            q.add_to_comparison(code);
        }
        assert_eq!(q.compare, ["GB", "CN", "US"]);
    }

    #[test]
    fn parses_every_parameter() {
        let q = Query::parse(
            "?lang=en&country=gb,CN,gb&match=all&pair=GB-CN&type=dialogue,agreement&topic=espionage\
             &tone=conflictual&from=2015&to=2024&q=%D8%B4%D9%8A+%D8%AC%D9%8A%D9%86&event=gb-cn-dialogue\
             &view=countries&embed=timeline&theme=dark&filters=1",
        );
        assert_eq!(q.lang, Lang::En);
        assert_eq!(q.countries, vec!["GB", "CN"]);
        assert_eq!(q.matching, Match::All);
        assert_eq!(q.pair, Some(("GB".into(), "CN".into())));
        assert_eq!(q.types, vec![EventType::Dialogue, EventType::Agreement]);
        assert_eq!(q.topics, vec![Topic::Espionage]);
        assert_eq!(q.tones, vec![Tone::Conflictual]);
        assert_eq!((q.from, q.to), (Some(2015), Some(2024)));
        assert_eq!(q.q, "شي جين");
        assert_eq!(q.event.as_deref(), Some("gb-cn-dialogue"));
        assert_eq!(q.view, View::Countries);
        assert_eq!(q.embed, Some(Widget::Timeline));
        assert_eq!(q.theme, Theme::Dark);
        assert!(q.filters);
        assert_eq!(Query::parse(&q.to_query_string()), q);
    }

    #[test]
    fn every_field_has_a_parameter() {
        // Every field listed (no `..Default::default()`): a new field fails to compile here until
        // it is given a non-default value, and then fails the round trip until it has a parameter.
        let q = Query {
            lang: Lang::En,
            countries: vec!["GB".into()],
            matching: Match::All,
            pair: Some(("GB".into(), "CN".into())),
            types: vec![EventType::Dialogue],
            topics: vec![Topic::Espionage],
            tones: vec![Tone::Neutral],
            from: Some(2015),
            to: Some(2016),
            q: "x".into(),
            event: Some("a-b".into()),
            view: View::Countries,
            compare: vec!["GB".into(), "QA".into()],
            pairs: PairsShown::P200,
            embed: Some(Widget::Pair),
            // The one field no parameter writes: what the link that opened the page had that
            // could not be read, said once, not carried on.
            unread: Vec::new(),
            theme: Theme::Light,
            filters: true,
            sort: CardOrder::Name,
            page: 3,
            reading: Reading { digits: Digits::Arab, cal: Calendar::Islamic, axis: Axis::Ltr },
            plain: true,
            transparent: true,
            child_id: Some("graphic-1".into()),
        };
        assert_eq!(Query::parse(&q.to_query_string()), q);
        let qs = q.to_query_string();
        let written: Vec<&str> = qs.split('&').map(|kv| kv.split('=').next().unwrap()).collect();
        let names: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
        assert_eq!(written, names, "one pair per parameter, in table order");
    }

    #[test]
    fn every_filter_is_a_chip_and_removing_each_one_clears_it() {
        let q = Query::parse(
            "lang=en&view=countries&country=GB,CN&match=all&pair=GB-CN&type=dialogue,pledge&topic=espionage\
             &tone=neutral&from=2015&to=2016&q=xi&theme=dark",
        );
        let chips = q.active_filters();
        assert_eq!(chips.len(), 11);
        let mut left = q.clone();
        for f in &chips {
            let before = left.active_filters().len();
            left = left.without(f);
            assert_eq!(left.active_filters().len(), before - 1, "{f:?}");
        }
        // Forgetting a filter here would leave it set: removing every chip is "clear all".
        assert_eq!(left, q.cleared());
    }

    #[test]
    fn filters_are_exactly_the_filter_parameters() {
        let q = Query::parse("lang=en&view=countries&embed=timeline&theme=dark&filters=1&event=a-b");
        assert!(!q.has_filters());
        for p in PARAMS.iter().filter(|p| p.filter) {
            let value = match p.name {
                "country" => "GB",
                "match" => "all",
                "pair" => "GB-CN",
                "type" => "dialogue",
                "topic" => "espionage",
                "tone" => "neutral",
                "from" | "to" => "2020",
                _ => "x",
            };
            let with = Query::parse(&format!("{}&{}={value}", q.to_query_string(), p.name));
            assert!(with.has_filters(), "{} does not count as a filter", p.name);
            assert_eq!(with.cleared(), q, "clearing leaves {}", p.name);
        }
    }

    #[test]
    fn ignores_malformed_values() {
        let q = Query::parse(
            "lang=fr&country=GBR,1,&pair=GB-GB&type=war&from=abc&to=99999&event=<script>&%zz=1&view=x&match=some&=&&",
        );
        assert_eq!(Query { unread: Vec::new(), ..q.clone() }, Query::default());
        // Each known parameter's unreadable part, to be said; the unknown ones (`%zz`, ``) not.
        let said: Vec<(&str, &str)> = q.unread.iter().map(|(p, v)| (*p, v.as_str())).collect();
        assert_eq!(
            said,
            [
                ("lang", "fr"),
                ("country", "GBR,1"),
                ("pair", "GB-GB"),
                ("type", "war"),
                ("from", "abc"),
                ("to", "99999"),
                ("event", "<script>"),
                ("view", "x"),
                ("match", "some")
            ]
        );
        assert_eq!(Query::parse("from=2024&to=2015").from, Some(2015));
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%E2%82"), "\u{FFFD}");
        assert_eq!(percent_encode("a b,c/ش"), "a%20b,c%2F%D8%B4");
    }

    #[test]
    fn says_only_what_it_left_out() {
        let unread = |s: &str| Query::parse(s).unread;
        // A list's items that name nothing, not the whole list; the rest is read.
        let q = Query::parse("type=dialogue,war,pledge&country=GB,Britain&compare=GB,CN,US,QA");
        assert_eq!(q.types, [EventType::Dialogue, EventType::Pledge]);
        assert_eq!(q.countries, ["GB"]);
        assert_eq!(q.compare, ["GB", "CN", "US"]);
        assert_eq!(q.unread, [("type", "war".into()), ("country", "Britain".into()), ("compare", "QA".into())]);
        // Empty values ask for nothing; defaults written out, `page=1` and switches off are read.
        assert!(unread("q=&from=&type=&plain=&lang=ar&page=1&filters=0&utm_source=x").is_empty());
        assert_eq!(
            unread("plain=yes&page=0&embed=bogus"),
            [("plain", "yes".into()), ("page", "0".into()), ("embed", "bogus".into())]
        );
        // Said once, and at most UNREAD_MAX characters of it.
        assert_eq!(unread("from=x&from=x").len(), 1);
        assert_eq!(unread(&format!("event={}", "x".repeat(500)))[0].1.chars().count(), UNREAD_MAX);
        // Never written back (proptest's case: an escape that decodes to no year).
        assert_eq!(Query::parse("from=abc&lang=en").to_query_string(), "lang=en");
        let cut = Query::parse("to=%");
        assert_eq!(cut.unread, [("to", "%".into())]);
        assert_eq!(Query::parse(&cut.to_query_string()), Query::default());
    }

    #[test]
    fn event_ids_have_one_length_limit() {
        let long = "a".repeat(crate::data::MAX_ID_LEN);
        assert_eq!(Query::parse(&format!("event={long}")).event.as_deref(), Some(long.as_str()));
        assert_eq!(Query::parse(&format!("event={long}b")).event, None);
    }

    #[test]
    fn a_comparison_has_two_or_three_distinct_states() {
        let q = Query::parse("compare=gb,CN,GB,us,FR,x1");
        assert_eq!(q.compare, vec!["GB", "CN", "US"]);
        assert_eq!(q.to_query_string(), "compare=GB,CN,US");
        assert!(!q.has_filters(), "the filters apply to every column; the states are not a filter");
        assert_eq!(Query::parse("view=network&pairs=100").pairs, PairsShown::P100);
        assert_eq!(Query::parse("view=network&pairs=7").pairs, PairsShown::P50);
    }

    #[test]
    fn default_state_is_the_empty_string() {
        assert_eq!(Query::default().to_query_string(), "");
        assert_eq!(Query::parse(""), Query::default());
    }

    fn arb_query() -> impl Strategy<Value = Query> {
        let code = "[A-Z]{2}";
        (
            (prop::sample::select(Lang::ALL.to_vec()), prop::sample::select(Match::ALL.to_vec())),
            (prop::collection::vec(code, 0..4), prop::collection::vec(code, 0..5)),
            prop::option::of((code, code).prop_filter("distinct", |(a, b)| a != b)),
            prop::collection::vec(prop::sample::select(EventType::ALL.to_vec()), 0..4),
            prop::collection::vec(prop::sample::select(Topic::ALL.to_vec()), 0..4),
            prop::collection::vec(prop::sample::select(Tone::ALL.to_vec()), 0..3),
            prop::option::of(YEARS),
            ".{0,40}",
            prop::option::of("[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"),
            (prop::sample::select(View::ALL.to_vec()), prop::option::of(prop::sample::select(Widget::ALL.to_vec()))),
            (
                prop::sample::select(Theme::ALL.to_vec()),
                prop::bool::ANY,
                prop::sample::select(PairsShown::ALL.to_vec()),
            ),
        )
            .prop_map(
                |(
                    (lang, matching),
                    (countries, compare),
                    pair,
                    types,
                    topics,
                    tones,
                    from,
                    q,
                    event,
                    (view, embed),
                    (theme, f, pairs),
                )| {
                    let mut out = Query {
                        lang,
                        matching,
                        pair,
                        from,
                        to: from.map(|f| f + 3).filter(|t| YEARS.contains(t)),
                        q: q.chars().take(MAX_SEARCH_LEN).collect(),
                        event,
                        view,
                        embed,
                        theme,
                        filters: f,
                        pairs,
                        ..Query::default()
                    };
                    compare.into_iter().for_each(|c| push_unique(&mut out.compare, c));
                    out.compare.truncate(COMPARE_MAX);
                    countries.into_iter().for_each(|c| push_unique(&mut out.countries, c));
                    types.into_iter().for_each(|t| push_unique(&mut out.types, t));
                    topics.into_iter().for_each(|t| push_unique(&mut out.topics, t));
                    tones.into_iter().for_each(|t| push_unique(&mut out.tones, t));
                    out
                },
            )
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,200}") {
            let _ = Query::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_escapes(s in "([a-z]{1,6}=(%[0-9A-Fa-f]{0,2}|[^&]{0,6})&?){0,8}") {
            let q = Query::parse(&s);
            // Whatever was parsed writes back to a string that parses to the same state, and all
            // of it readable; what could not be read (`unread`) is never written back.
            let again = Query::parse(&q.to_query_string());
            prop_assert!(again.unread.is_empty(), "{:?}", again.unread);
            prop_assert_eq!(again, Query { unread: Vec::new(), ..q });
        }

        #[test]
        fn round_trips(q in arb_query()) {
            prop_assert_eq!(Query::parse(&q.to_query_string()), q.clone());
            prop_assert_eq!(q.cleared().has_filters(), false);
            // A query is its filters plus the rest: nothing is in both, nothing in neither.
            let (f, rest) = (q.filters_only(), q.cleared());
            prop_assert_eq!(f.has_filters(), q.has_filters());
            prop_assert_eq!(f.cleared(), Query::default());
            prop_assert_eq!(rest.filters_only(), Query::default());
            let mut both = rest.to_query_string();
            both.push('&');
            both.push_str(f.to_query_string().trim_start_matches('?'));
            prop_assert_eq!(Query::parse(&both), q);
        }
    }
}
