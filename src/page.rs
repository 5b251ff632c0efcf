//! Which view a query shows. The explorer and an embed both render a [`Page`], so the choice is
//! made once, here, and tested natively; a view is rebuilt only when its page changes, never for
//! a filter change (the timeline keeps the reader's zoom). This module never touches `web_sys`.

use crate::data::Dataset;
use crate::i18n::Fmt;
use crate::i18n::Lang;
use crate::query::{Filter, Query, Reading};
use crate::vocab::{View, Widget};

/// The most event pages the build writes in each language; above it, only the newest events get
/// a static page (the others stay query-string URLs).
pub const PRERENDER_EVENTS: usize = 2000;

/// The path of `q`'s static page relative to the site root, when `q` is exactly a page the
/// build writes (nothing else set): the home page, an event, a country, the country cards, in
/// either language. `has_event_page` says whether an event's page was written.
///
/// Arabic pages sit at the root, English ones under `en/`: `""`, `event/<id>/`,
/// `country/<CODE>/`, `countries/`, `network/`, `en/`, `en/event/<id>/`…
pub fn static_path(q: &Query, has_event_page: &dyn Fn(&str) -> bool) -> Option<String> {
    // Reading options do not change which page it is: `link` adds them as a query string.
    let q = &Query { reading: Reading::default(), ..q.clone() };
    let lang = q.lang;
    let prefix = if lang == crate::vocab::Lang::En { "en/" } else { "" };
    let base = Query { lang, ..Query::default() };
    let page = if *q == base {
        String::new()
    } else if let Some(id) = q.event.as_deref().filter(|id| has_event_page(id)) {
        (*q == Query { event: Some(id.to_owned()), ..base.clone() }).then(|| format!("event/{id}/"))?
    } else if let [code] = q.countries.as_slice() {
        (*q == Query { countries: vec![code.clone()], ..base.clone() }).then(|| format!("country/{code}/"))?
    } else if *q == (Query { view: View::Countries, ..base.clone() }) {
        "countries/".to_owned()
    } else if *q == (Query { view: View::Network, ..base.clone() }) {
        "network/".to_owned()
    } else if *q == (Query { view: View::Changes, ..base }) {
        "changes/".to_owned()
    } else {
        return None;
    };
    Some(format!("{prefix}{page}"))
}

/// Whether the build writes a page for event `id`: the newest [`PRERENDER_EVENTS`] events, and
/// every withdrawn one (its old address says it was withdrawn).
pub fn event_has_page(ds: &Dataset, id: &str) -> bool {
    ds.event_ix(id).is_some_and(|ix| ix as usize + PRERENDER_EVENTS >= ds.events.len()) || ds.withdrawn(id).is_some()
}

/// A link to `q` from a page whose site root is `root` (ending in `/`: relative, `../../`, on
/// a static page, or absolute, `/marsad/`, in the app): the static page when there is one (with
/// the reading options, if any, as its query string), else the query string on the root.
pub fn link(root: &str, q: &Query, has_event_page: &dyn Fn(&str) -> bool) -> String {
    match static_path(q, has_event_page) {
        Some(path) => {
            let reading = Query { reading: q.reading, ..Query::default() }.to_query_string();
            let sep = if reading.is_empty() { "" } else { "?" };
            format!("{root}{path}{sep}{reading}")
        }
        None => format!("{root}?{}", q.to_query_string()),
    }
}

/// Where a link on a static page should go so it works without JavaScript. A query string only
/// works with it (the host serves the home page for any query), so a link whose view has no page
/// goes to the nearest one that has: the event it opens (`from_event` is the event the page
/// shows; a link to another event is about that event), or else — a link that keeps the page's
/// event and changes the rest, such as a party's country — that rest without the event.
/// Anything else stays as it is (filters need the app).
pub fn static_target(q: &Query, from_event: Option<&str>, has_event_page: &dyn Fn(&str) -> bool) -> Query {
    if static_path(q, has_event_page).is_some() {
        return q.clone();
    }
    match q.event.as_deref() {
        Some(id) if Some(id) != from_event && has_event_page(id) => {
            Query { event: Some(id.to_owned()), lang: q.lang, theme: q.theme, reading: q.reading, ..Query::default() }
        }
        Some(id) if Some(id) == from_event => {
            let rest = Query { event: None, ..q.clone() };
            if static_path(&rest, has_event_page).is_some() {
                rest
            } else {
                q.clone()
            }
        }
        _ => q.clone(),
    }
}

/// The state a static page's path names (relative to the site root; `index.html` at its end is
/// allowed), or `None` for a path that is not one of them.
pub fn from_path(path: &str) -> Option<Query> {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let mut q = Query::default();
    if parts.first() == Some(&"en") {
        q.lang = crate::vocab::Lang::En;
        parts.remove(0);
    }
    match parts.as_slice() {
        [] => {}
        ["event", id] if crate::data::is_event_id(id) => q.event = Some((*id).to_owned()),
        ["country", code] if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            q.countries = vec![(*code).to_owned()]
        }
        ["countries"] => q.view = View::Countries,
        ["network"] => q.view = View::Network,
        ["changes"] => q.view = View::Changes,
        _ => return None,
    }
    Some(q)
}

/// A filter in the reader's words: a chip, and part of a widget's subject.
pub fn filter_label(f: &Filter, fmt: Fmt, ds: &Dataset) -> String {
    let (lang, s) = (fmt.lang, fmt.strings());
    let name = |code: &str| ds.country_ix(code).map_or(code.to_owned(), |c| lang.pick(&ds.country(c).name).to_owned());
    match f {
        Filter::Country(c) => name(c),
        Filter::Match(m) => format!("{}: {}", s.countries, m.label(lang)),
        Filter::Pair(a, b) => format!("{} ⇄ {}", name(a), name(b)),
        Filter::Type(t) => t.label(lang).to_owned(),
        Filter::Topic(t) => t.label(lang).to_owned(),
        Filter::Tone(t) => t.label(lang).to_owned(),
        Filter::From(y) => format!("{} {}", s.from, fmt.year(*y)),
        Filter::To(y) => format!("{} {}", s.to, fmt.year(*y)),
        Filter::Search(q) => format!("«{q}»"),
    }
}

/// The states a link names (filter, pair, comparison) that the data does not have, each once,
/// in the order named: a filter by one of them matches nothing the reader can see named.
pub fn unknown_states(q: &Query, ds: &Dataset) -> Vec<String> {
    let pair = q.pair.iter().flat_map(|(a, b)| [a, b]);
    let mut missing: Vec<String> = Vec::new();
    for code in q.countries.iter().chain(pair).chain(&q.compare) {
        if ds.country_ix(code).is_none() && !missing.contains(code) {
            missing.push(code.clone());
        }
    }
    missing
}

/// "Not in Marsad's data: ZZ, XX": what the explorer and a widget say of `unknown_states`.
pub fn no_such_states(codes: &[String], lang: Lang) -> String {
    format!("{} {}", lang.strings().no_such_states, codes.join(lang.list_sep()))
}

/// What the link had that could not be read (`Query::unread`), each part as `name=value`; a
/// widget's `embed=` aside, which `WidgetProblem` says.
pub fn unread_values(q: &Query) -> Vec<String> {
    q.unread.iter().filter(|(p, _)| *p != "embed").map(|(p, v)| format!("{p}={v}")).collect()
}

/// What a widget's link asks for that the widget cannot show (it shows the timeline instead, or
/// nothing for a state the data lacks): said in the widget, in its language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WidgetProblem {
    /// `embed=` names no widget (the value, as given).
    Unknown(String),
    /// The widget lacks what it shows: a country widget one state, a pair widget a pair, a
    /// comparison two or three states, an event widget an event.
    Needs(Widget),
    /// States the link names that the data does not have (ISO codes, as given).
    NoSuchStates(Vec<String>),
}

impl WidgetProblem {
    /// The first problem of a widget's link, if any.
    pub fn of(q: &Query, ds: &Dataset) -> Option<WidgetProblem> {
        let widget = q.embed?;
        if let Some((_, v)) = q.unread.iter().find(|(p, _)| *p == "embed") {
            return Some(WidgetProblem::Unknown(v.clone()));
        }
        let lacking = match widget {
            Widget::Country => q.countries.len() != 1,
            Widget::Pair => q.pair.is_none(),
            Widget::Compare => q.compare.len() < 2,
            Widget::Event => q.event.is_none(),
            Widget::Timeline | Widget::Network => false,
        };
        if lacking {
            return Some(WidgetProblem::Needs(widget));
        }
        let missing = unknown_states(q, ds);
        (!missing.is_empty()).then_some(WidgetProblem::NoSuchStates(missing))
    }

    /// What the widget says, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let s = lang.strings();
        match self {
            WidgetProblem::Unknown(v) => format!("{} «{v}». {}", s.widget_unknown, s.widget_shows_timeline),
            WidgetProblem::Needs(w) => {
                let needs = match w {
                    Widget::Country => s.widget_needs_country,
                    Widget::Pair => s.widget_needs_pair,
                    Widget::Compare => s.widget_needs_compare,
                    Widget::Event | Widget::Timeline | Widget::Network => s.widget_needs_event,
                };
                format!("{needs} {}", s.widget_shows_timeline)
            }
            WidgetProblem::NoSuchStates(codes) => no_such_states(codes, lang),
        }
    }
}

/// What a widget shows, for its header: its filters in the reader's words (the pair, the
/// country, the types…), then "cyber-diplomacy events" and the years of the events it shows
/// ("الصين · أحداث الدبلوماسية السيبرانية 2015–2026"). The years stand for `from`/`to`.
pub fn widget_subject(q: &Query, fmt: Fmt, ds: &Dataset, years: Option<(i32, i32)>) -> String {
    let mut parts: Vec<String> = q
        .active_filters()
        .iter()
        .filter(|f| !matches!(f, Filter::From(_) | Filter::To(_)))
        .map(|f| filter_label(f, fmt, ds))
        .collect();
    let s = fmt.strings();
    match q.embed {
        Some(Widget::Compare) if !q.compare.is_empty() => {
            let names: Vec<String> =
                q.compare.iter().map(|c| filter_label(&Filter::Country(c.clone()), fmt, ds)).collect();
            parts.insert(0, format!("{}: {}", s.comparison, names.join(fmt.lang.list_sep())));
        }
        Some(Widget::Network) => parts.insert(0, View::Network.label(fmt.lang).to_owned()),
        _ => {}
    }
    let events = s.widget_events;
    parts.push(match years {
        Some((a, b)) => format!("{events} {}", crate::i18n::year_span(fmt, a, b)),
        None => events.to_owned(),
    });
    parts.join(" · ")
}

/// A widget's frame's name, in the widget's language: "Marsad: China · Cyber-diplomacy events"
/// (`widget_subject` without years, which move with the data).
pub fn frame_title(q: &Query, ds: &Dataset) -> String {
    let fmt = Fmt::new(q.lang, q.reading);
    format!("{}: {}", fmt.strings().app_name, widget_subject(q, fmt, ds, None))
}

/// A card shown on top of the timeline (explorer) or alone (embed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Card {
    Country(String),
    Pair(String, String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// One event with its sources.
    Event(String),
    /// The grid of country cards.
    Countries,
    /// The timeline and the list of events, with a card on top when the filters name one
    /// country or a pair.
    Timeline(Option<Card>),
    /// A card alone (a country or pair widget).
    Card(Card),
    /// Two or three states side by side.
    Compare(Vec<String>),
    /// Who engages whom: states as nodes, pairs as edges, and the table of pairs.
    Network,
    /// What changed in each release of the dataset.
    Changes,
}

/// What a page's body is made of, without its card: the body is rebuilt only when this changes.
/// The card is rebuilt on its own, so choosing one country keeps the timeline and its zoom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Event(String),
    Countries,
    /// The timeline and the list (under the card, if any).
    Timeline,
    /// The card alone.
    Card,
    /// The comparison (its states follow the query without a rebuild).
    Compare,
    Network,
    Changes,
}

impl Page {
    pub fn body(&self) -> Body {
        match self {
            Page::Event(id) => Body::Event(id.clone()),
            Page::Countries => Body::Countries,
            Page::Timeline(_) => Body::Timeline,
            Page::Card(_) => Body::Card,
            Page::Compare(_) => Body::Compare,
            Page::Network => Body::Network,
            Page::Changes => Body::Changes,
        }
    }

    pub fn card(&self) -> Option<&Card> {
        match self {
            Page::Timeline(card) => card.as_ref(),
            Page::Card(card) => Some(card),
            Page::Event(_) | Page::Countries | Page::Compare(_) | Page::Network | Page::Changes => None,
        }
    }

    /// The page `q` shows: the explorer's, or the widget's when `q.embed` is set.
    pub fn of(q: &Query) -> Page {
        if let Some(id) = &q.event {
            return Page::Event(id.clone());
        }
        let pair = q.pair.clone().map(|(a, b)| Card::Pair(a, b));
        let one_country = match q.countries.as_slice() {
            [one] => Some(Card::Country(one.clone())),
            _ => None,
        };
        // One state is a comparison being begun: the page stays what it was, with the tray.
        let compare = (q.compare.len() >= 2).then(|| Page::Compare(q.compare.clone()));
        match q.embed {
            None if q.compare.len() >= 2 => Page::Compare(q.compare.clone()),
            None if q.view == View::Countries => Page::Countries,
            None if q.view == View::Network => Page::Network,
            None if q.view == View::Changes => Page::Changes,
            None => Page::Timeline(pair.or(one_country)),
            Some(Widget::Pair) => pair.map_or(Page::Timeline(None), Page::Card),
            Some(Widget::Country) => one_country.map_or(Page::Timeline(None), Page::Card),
            Some(Widget::Compare) => compare.unwrap_or(Page::Timeline(None)),
            Some(Widget::Network) => Page::Network,
            Some(Widget::Timeline | Widget::Event) => Page::Timeline(None),
        }
    }

    /// The document title: what the page shows, then the site's name ("China · Marsad").
    pub fn title(&self, q: &Query, ds: &Dataset) -> String {
        let site = q.lang.strings().app_name;
        match self.subject(q, ds) {
            Some(w) => format!("{w} · {site}"),
            None => format!("{site} · {}", q.lang.strings().tagline),
        }
    }

    /// The page's main heading, as its title says it without the site's name; the explorer's
    /// own, unfiltered, is the site's tagline.
    pub fn heading(&self, q: &Query, ds: &Dataset) -> String {
        self.subject(q, ds).unwrap_or_else(|| q.lang.strings().tagline.to_owned())
    }

    /// What the page shows, when it shows something narrower than the explorer.
    fn subject(&self, q: &Query, ds: &Dataset) -> Option<String> {
        let lang = q.lang;
        let name =
            |code: &str| ds.country_ix(code).map_or(code.to_owned(), |c| lang.pick(&ds.country(c).name).to_owned());
        match self {
            Page::Event(id) => match ds.event_ix(id) {
                Some(ix) => Some(lang.pick(&ds.event(ix).title()).to_owned()),
                None => {
                    ds.withdrawn(id).map(|w| format!("{}: {}", lang.strings().withdrawn_title, lang.pick(&w.title)))
                }
            },
            Page::Countries => Some(View::Countries.label(lang).to_owned()),
            Page::Network => Some(View::Network.label(lang).to_owned()),
            Page::Changes => Some(View::Changes.label(lang).to_owned()),
            // The states the data has, as the comparison's heading names them (the others are
            // said in the page: `unknown_states`).
            Page::Compare(codes) => {
                let names: Vec<String> = codes.iter().filter(|c| ds.country_ix(c).is_some()).map(|c| name(c)).collect();
                Some(match names.is_empty() {
                    true => lang.strings().comparison.to_owned(),
                    false => format!("{}: {}", lang.strings().comparison, names.join(lang.list_sep())),
                })
            }
            Page::Timeline(Some(card)) | Page::Card(card) => Some(match card {
                Card::Country(c) => name(c),
                Card::Pair(a, b) => format!("{} ⇄ {}", name(a), name(b)),
            }),
            Page::Timeline(None) if !q.q.trim().is_empty() => Some(format!("«{}»", q.q.trim())),
            Page::Timeline(None) => None,
        }
    }

    /// The clean state of a page to share: the page itself in `lang`, read as the reader reads it,
    /// without unrelated filters.
    pub fn share(&self, lang: Lang, reading: Reading) -> Option<Query> {
        let mut q = Query { lang, reading, ..Query::default() };
        match self {
            Page::Event(id) => q.event = Some(id.clone()),
            Page::Compare(codes) => q.compare = codes.clone(),
            Page::Network => q.view = View::Network,
            Page::Changes => q.view = View::Changes,
            _ => match self.card()? {
                Card::Country(c) => q.countries = vec![c.clone()],
                Card::Pair(a, b) => q.pair = Some((a.clone(), b.clone())),
            },
        }
        Some(q)
    }

    /// The widget that best shows the same view in an embed.
    pub fn widget(q: &Query) -> Widget {
        let view = if q.view == View::Countries { View::Timeline } else { q.view };
        match Page::of(&Query { embed: None, view, ..q.clone() }) {
            Page::Event(_) => Widget::Event,
            Page::Timeline(Some(Card::Pair(..))) => Widget::Pair,
            Page::Timeline(Some(Card::Country(_))) => Widget::Country,
            Page::Compare(_) => Widget::Compare,
            Page::Network => Widget::Network,
            _ => Widget::Timeline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Digits;

    fn page(s: &str) -> Page {
        Page::of(&Query::parse(s))
    }

    #[test]
    fn explorer_pages() {
        assert_eq!(page(""), Page::Timeline(None));
        assert_eq!(page("event=a-b&country=GB"), Page::Event("a-b".into()));
        assert_eq!(page("view=countries&country=GB"), Page::Countries);
        assert_eq!(page("country=GB"), Page::Timeline(Some(Card::Country("GB".into()))));
        assert_eq!(page("country=GB,CN"), Page::Timeline(None));
        assert_eq!(page("country=QA&pair=GB-CN"), Page::Timeline(Some(Card::Pair("GB".into(), "CN".into()))));
        assert_eq!(page("view=network&type=pledge"), Page::Network);
        // A comparison shows over any view; an event over a comparison.
        assert_eq!(page("compare=GB,CN&view=network&country=QA"), Page::Compare(vec!["GB".into(), "CN".into()]));
        assert_eq!(page("compare=GB,CN&event=a-b"), Page::Event("a-b".into()));
        // Changing the states keeps the body (the view follows the query).
        assert_eq!(page("compare=GB,QA").body(), page("compare=GB,CN,US").body());
        // One state is a comparison being begun: the page is what it was.
        assert_eq!(page("compare=GB&view=countries"), Page::Countries);
    }

    #[test]
    fn a_static_page_links_to_static_pages() {
        let target = |link: &str, from: Option<&str>| {
            let q = static_target(&Query::parse(link), from, &|id| id != "old");
            static_path(&q, &|id| id != "old").unwrap_or_else(|| format!("?{}", q.to_query_string()))
        };
        // A row of a country's list opens the event's own page, not the filtered list.
        assert_eq!(target("country=AE&event=e1", None), "event/e1/");
        assert_eq!(target("lang=en&country=AE&type=pledge&event=e1", None), "en/event/e1/");
        // The next event, from an event page.
        assert_eq!(target("event=e2", Some("e1")), "event/e2/");
        // A party of the event shown: its country's page.
        assert_eq!(target("country=RU&event=e1", Some("e1")), "country/RU/");
        assert_eq!(target("lang=en&country=RU&event=e1", Some("e1")), "en/country/RU/");
        // No page to go to: left as it is.
        assert_eq!(target("country=AE&event=old", None), "?country=AE&event=old");
        assert_eq!(target("type=pledge", None), "?type=pledge");
        assert_eq!(target("country=RU,CN&event=e1", Some("e1")), "?country=RU,CN&event=e1");
        // Already a page.
        assert_eq!(target("lang=en&view=countries", None), "en/countries/");
    }

    #[test]
    fn embed_pages() {
        assert_eq!(page("embed=country&country=CN"), Page::Card(Card::Country("CN".into())));
        assert_eq!(page("embed=country"), Page::Timeline(None));
        assert_eq!(page("embed=pair&pair=US-CN"), Page::Card(Card::Pair("US".into(), "CN".into())));
        assert_eq!(page("embed=timeline&country=CN"), Page::Timeline(None));
        assert_eq!(page("embed=event&event=x"), Page::Event("x".into()));
        assert_eq!(page("embed=timeline&view=countries"), Page::Timeline(None));
        assert_eq!(page("embed=compare&compare=GB,CN"), Page::Compare(vec!["GB".into(), "CN".into()]));
        assert_eq!(page("embed=compare"), Page::Timeline(None));
        assert_eq!(page("embed=compare&compare=GB"), Page::Timeline(None));
        assert_eq!(page("embed=network&type=pledge"), Page::Network);
        assert_eq!(page("embed=timeline&compare=GB,CN"), Page::Timeline(None));
    }

    #[test]
    fn a_filter_change_keeps_the_page() {
        // The reason views are keyed by their page: the timeline survives filter changes.
        assert_eq!(page("embed=timeline&type=pledge"), page("embed=timeline&type=pledge,dialogue&q=xi"));
        assert_eq!(page("country=GB&tone=neutral"), page("country=GB&from=2020"));
        // Choosing one country adds a card but keeps the body (the timeline is not rebuilt).
        assert_eq!(page("").body(), page("country=GB").body());
        assert_eq!(page("country=GB").card(), Some(&Card::Country("GB".into())));
        assert_eq!(page("embed=country&country=GB").body(), Body::Card);
    }

    #[test]
    fn a_widget_link_says_what_it_lacks() {
        let ds = crate::data::load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let known = ds.countries.first().map(|c| c.code.clone()).unwrap();
        let problem = |s: &str| WidgetProblem::of(&Query::parse(&s.replace("KN", &known)), &ds);
        // Not a widget: nothing to say.
        assert_eq!(problem("country=ZZ"), None);
        assert_eq!(problem("embed=timeline"), None);
        assert_eq!(problem("embed=country&country=KN"), None);
        // A widget this build does not have: the timeline's, said so (text, as given).
        assert_eq!(Query::parse("embed=bogus").embed, Some(Widget::Timeline));
        assert_eq!(problem("embed=bo%3Cb%3Egus"), Some(WidgetProblem::Unknown("bo<b>gus".into())));
        assert_eq!(Query::parse("embed=bogus").to_query_string(), "embed=timeline");
        assert_eq!(problem("embed=country"), Some(WidgetProblem::Needs(Widget::Country)));
        assert_eq!(problem("embed=country&country=KN,GB"), Some(WidgetProblem::Needs(Widget::Country)));
        assert_eq!(problem("embed=pair"), Some(WidgetProblem::Needs(Widget::Pair)));
        assert_eq!(problem("embed=compare&compare=KN"), Some(WidgetProblem::Needs(Widget::Compare)));
        assert_eq!(problem("embed=event"), Some(WidgetProblem::Needs(Widget::Event)));
        assert_eq!(
            problem("embed=compare&compare=KN,ZZ,XX&country=ZZ"),
            Some(WidgetProblem::NoSuchStates(vec!["ZZ".into(), "XX".into()]))
        );
        let q = Query::parse(&format!("country=ZZ&pair={known}-YY"));
        assert_eq!(unknown_states(&q, &ds), vec!["ZZ".to_owned(), "YY".into()]);
        let text = WidgetProblem::Unknown("bogus".into()).text(Lang::En);
        assert_eq!(text, "There is no widget called «bogus». Showing the timeline instead.");
        assert_eq!(
            WidgetProblem::Needs(Widget::Country).text(Lang::Ar),
            "تحتاج أداة بطاقة الدولة إلى دولة واحدة: country=CN. يُعرض الخط الزمني بدلًا منها."
        );
    }

    #[test]
    fn the_widget_follows_the_view() {
        let w = |s: &str| Page::widget(&Query::parse(s));
        assert_eq!(w("event=a-b"), Widget::Event);
        assert_eq!(w("pair=GB-CN"), Widget::Pair);
        assert_eq!(w("country=QA"), Widget::Country);
        assert_eq!(w("country=QA,GB"), Widget::Timeline);
        assert_eq!(w("view=countries&country=QA"), Widget::Country);
        assert_eq!(w("compare=GB,CN"), Widget::Compare);
        assert_eq!(w("view=network&tone=conflictual"), Widget::Network);
    }

    #[test]
    fn titles_name_what_the_page_shows() {
        let ds = crate::data::load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let title = |s: &str| Page::of(&Query::parse(s)).title(&Query::parse(s), &ds);
        assert_eq!(title("lang=en&country=CN"), "China · Marsad");
        assert_eq!(title("lang=en&pair=US-CN"), "United States ⇄ China · Marsad");
        assert_eq!(title("lang=en&q=%20Xi%20"), "«Xi» · Marsad");
        assert_eq!(title("lang=en&view=countries"), "Country cards · Marsad");
        assert_eq!(title("lang=en&view=network"), "Network · Marsad");
        assert_eq!(title("lang=en&compare=CN,US"), "Comparison: China, United States · Marsad");
        assert_eq!(title("lang=en&compare=CN,XX,US"), "Comparison: China, United States · Marsad");
        assert_eq!(title("compare=CN,US"), "مقارنة: الصين، الولايات المتحدة · مرصد");
        assert_eq!(title("lang=en"), "Marsad · Explorer of international cyber-diplomacy events");
        assert_eq!(title("event=bangkok-meeting"), "اجتماع بانكوك · مرصد");
        assert_eq!(title("lang=en&event=bangkok-meeting"), "Bangkok meeting · Marsad");
    }

    #[test]
    fn a_widget_says_what_it_shows() {
        let ds = crate::data::load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let fmt = |lang, digits| Fmt { lang, reading: Reading { digits, ..Reading::default() } };
        let (ar, en) = (fmt(Lang::Ar, Digits::Latn), fmt(Lang::En, Digits::Latn));
        let subject = |s: &str, f, years| widget_subject(&Query::parse(s), f, &ds, years);
        assert_eq!(
            subject("embed=country&country=CN", ar, Some((2015, 2026))),
            "الصين · أحداث الدبلوماسية السيبرانية 2015–2026"
        );
        assert_eq!(
            subject("embed=country&country=CN", en, Some((2015, 2026))),
            "China · Cyber-diplomacy events 2015–2026"
        );
        assert_eq!(
            subject("embed=country&country=CN", fmt(Lang::Ar, Digits::Arab), Some((2015, 2026))),
            "الصين · أحداث الدبلوماسية السيبرانية ٢٠١٥–٢٠٢٦"
        );
        assert_eq!(
            subject("embed=pair&pair=US-CN&from=2020", en, Some((2021, 2021))),
            "United States ⇄ China · Cyber-diplomacy events 2021"
        );
        assert_eq!(subject("embed=timeline&type=pledge&q=xi", en, None), "Pledge · «xi» · Cyber-diplomacy events");
        assert_eq!(subject("embed=timeline", ar, Some((2013, 2026))), "أحداث الدبلوماسية السيبرانية 2013–2026");
        assert_eq!(
            subject("embed=compare&compare=CN,US&tone=conflictual", en, Some((2023, 2024))),
            "Comparison: China, United States · Conflictual · Cyber-diplomacy events 2023–2024"
        );
        assert_eq!(subject("embed=network", ar, None), "شبكة العلاقات · أحداث الدبلوماسية السيبرانية");
        // A frame's name: the widget's subject in its own language, each widget its own.
        let frame = |s: &str| frame_title(&Query::parse(s), &ds);
        assert_eq!(frame("embed=pair&pair=US-CN&lang=en"), "Marsad: United States ⇄ China · Cyber-diplomacy events");
        assert_eq!(frame("embed=country&country=CN"), "مرصد: الصين · أحداث الدبلوماسية السيبرانية");
        assert_ne!(frame("embed=country&country=CN"), frame("embed=country&country=US"));
    }

    #[test]
    fn a_shared_link_carries_the_view_and_nothing_else() {
        let share =
            |s: &str| Page::of(&Query::parse(s)).share(Lang::En, Reading::default()).map(|q| q.to_query_string());
        assert_eq!(share("event=a-b&country=GB&type=pledge&q=x").as_deref(), Some("lang=en&event=a-b"));
        assert_eq!(share("country=GB&tone=neutral&from=2020").as_deref(), Some("lang=en&country=GB"));
        assert_eq!(share("pair=GB-CN&country=QA").as_deref(), Some("lang=en&pair=GB-CN"));
        assert_eq!(share("type=pledge"), None);
        assert_eq!(share("compare=GB,CN&type=pledge").as_deref(), Some("lang=en&compare=GB,CN"));
        assert_eq!(share("view=network&tone=neutral").as_deref(), Some("lang=en&view=network"));
    }

    #[test]
    fn static_pages_have_paths_and_paths_name_their_state() {
        let all = |_: &str| true;
        let cases = [
            ("", ""),
            ("lang=en", "en/"),
            ("event=gb-cn-2026", "event/gb-cn-2026/"),
            ("lang=en&event=gb-cn-2026", "en/event/gb-cn-2026/"),
            ("country=GB", "country/GB/"),
            ("lang=en&view=countries", "en/countries/"),
            ("view=network", "network/"),
            ("lang=en&view=network", "en/network/"),
        ];
        for (qs, path) in cases {
            let q = Query::parse(qs);
            assert_eq!(static_path(&q, &all).as_deref(), Some(path), "{qs}");
            assert_eq!(from_path(path), Some(q.clone()), "{path}");
            assert_eq!(from_path(&format!("{path}index.html")), Some(q), "{path}index.html");
        }
    }

    #[test]
    fn other_states_have_no_static_page() {
        let all = |_: &str| true;
        for qs in [
            "type=pledge",
            "country=GB,CN",
            "country=GB&tone=neutral",
            "pair=GB-CN",
            "event=a-b&q=x",
            "embed=event&event=a-b",
            "view=countries&sort=name",
            "theme=dark",
            "lang=en&q=xi",
            "view=network&type=pledge",
            "view=network&pairs=100",
            "compare=GB,CN",
        ] {
            assert_eq!(static_path(&Query::parse(qs), &all), None, "{qs}");
        }
        // An event whose page was not written (beyond the prerendered newest) keeps its query URL.
        assert_eq!(static_path(&Query::parse("event=old-one"), &|id| id != "old-one"), None);
        for path in ["events/", "event/", "country/gb/", "en/en/", "event/a/b/", "../x/", "fr/"] {
            assert_eq!(from_path(path), None, "{path}");
        }
    }

    #[test]
    fn links_go_to_static_pages_where_they_exist() {
        let all = |_: &str| true;
        assert_eq!(link("../../", &Query::parse("lang=en&event=a-b"), &all), "../../en/event/a-b/");
        assert_eq!(link("./", &Query::default(), &all), "./");
        assert_eq!(link("/m/", &Query::parse("type=pledge"), &all), "/m/?type=pledge");
        assert_eq!(link("/m/", &Query::parse("event=a-b"), &|_| false), "/m/?event=a-b");
        // Reading options ride along as the static page's query string, and the path plus that
        // query string reads back as the same state.
        let reading = Query::parse("lang=en&country=GB&digits=arab&cal=islamic&axis=ltr");
        let href = link("/m/", &reading, &all);
        assert_eq!(href, "/m/en/country/GB/?digits=arab&cal=islamic&axis=ltr");
        let (path, qs) = href.trim_start_matches("/m/").split_once('?').unwrap();
        assert_eq!(Query::parse(&format!("{}&{qs}", from_path(path).unwrap().to_query_string())), reading);
        assert_eq!(link("/m/", &Query::parse("digits=arab&type=pledge"), &all), "/m/?type=pledge&digits=arab");
        let shared = Page::of(&reading).share(Lang::Ar, reading.reading).unwrap();
        assert_eq!(shared.to_query_string(), "country=GB&digits=arab&cal=islamic&axis=ltr");
        let target = static_target(&Query::parse("event=a-b&q=x&digits=arab"), None, &all);
        assert_eq!(target.reading.digits, crate::vocab::Digits::Arab);
        let ds = crate::data::load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        assert!(event_has_page(&ds, "bangkok-meeting"));
        assert!(!event_has_page(&ds, "no-such-event"));
    }
}
