//! "Download what you see": the filtered events as CSV, JSON and TimelineJS JSON.
//! Pure functions from a dataset and a list of events to text. This module never touches `web_sys`.
//!
//! The JSON export is the dataset's own wire format (`data::wire`) with the lookup tables its
//! events need, so it loads and validates like `events.json`. The CSV is one table of columns,
//! each naming the wire field it comes from (a test checks every field has one), with readable
//! names in the reader's language beside the codes.

use serde_json::{json, Value};

use crate::data::wire::{Note, Text, WireActor, WireArticle, WireCountry, WireEvent, WireSource, SCHEMA_VERSION};
use crate::data::{Dataset, Event, EventIx, EventType, Tone};
use crate::i18n::Lang;
use crate::query::Query;
use crate::vocab::Match;

/// An event back in its wire form.
pub fn wire_event(ds: &Dataset, ix: EventIx) -> WireEvent {
    let e = ds.event(ix);
    let code = |c: u32| ds.country(c).code.clone();
    WireEvent {
        id: e.id.clone(),
        date: e.date.to_string(),
        date_precision: e.date.precision(),
        kind: e.kind,
        parties: e.parties.iter().map(|&c| code(c)).collect(),
        initiator: e.initiator.map(code),
        actors: e.actors.iter().map(|&a| ds.actor(a).id.clone()).collect(),
        topics: e.topics.clone(),
        tone: e.tone,
        place: e.place(),
        title: e.title(),
        summary: e.summary(),
        sources: e
            .sources()
            .map(|s| WireSource { article: ds.article(s.article).id.clone(), quote: s.quote.clone() })
            .collect(),
        related: ds.related(e).map(|r| ds.event(r).id.clone()).collect(),
        first_published: e.first_published.map(|d| d.to_string()),
        updated: e.updated.map(|d| d.to_string()),
        update_note: e.update_note.as_deref().cloned(),
    }
}

/// The events as a dataset document: the wire events plus the articles, countries and actors
/// they refer to (in the dataset's order), so the file stands on its own.
pub fn to_json(ds: &Dataset, events: &[EventIx]) -> String {
    let (mut articles, mut countries, mut actors) =
        (vec![false; ds.articles.len()], vec![false; ds.countries.len()], vec![false; ds.actors.len()]);
    for &ix in events {
        let e = ds.event(ix);
        e.source_articles().for_each(|a| articles[a as usize] = true);
        e.parties.iter().for_each(|&c| countries[c as usize] = true);
        e.actors.iter().for_each(|&a| actors[a as usize] = true);
    }
    for (a, used) in ds.actors.iter().zip(&actors) {
        if let (true, Some(c)) = (*used, a.country) {
            countries[c as usize] = true;
        }
    }
    let pick = |used: &[bool]| used.iter().enumerate().filter(|u| *u.1).map(|u| u.0 as u32).collect::<Vec<_>>();
    // The dataset's own version: a schema-1 dataset's records may lack their history.
    let schema = if ds.schema_version == 0 { SCHEMA_VERSION } else { ds.schema_version };
    let doc = json!({
        "schema_version": schema,
        "dataset_version": ds.dataset_version,
        "licence": ds.licence,
        "articles": pick(&articles).into_iter().map(|i| wire_article(ds, i)).collect::<Vec<_>>(),
        "countries": pick(&countries).into_iter().map(|i| wire_country(ds, i)).collect::<Vec<_>>(),
        "actors": pick(&actors).into_iter().map(|i| wire_actor(ds, i)).collect::<Vec<_>>(),
        "events": events.iter().map(|&ix| wire_event(ds, ix)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn wire_article(ds: &Dataset, ix: u32) -> WireArticle {
    let a = ds.article(ix);
    WireArticle {
        id: a.id.clone(),
        seed_file: a.seed_file.clone(),
        text: a.text_path.clone(),
        title: a.title.clone(),
        published: a.published.to_string(),
        published_precision: a.published.precision(),
        published_note: Note(a.published_note.clone()),
        outlets: a.outlets.clone(),
    }
}

fn wire_country(ds: &Dataset, ix: u32) -> WireCountry {
    let c = ds.country(ix);
    WireCountry { code: c.code.clone(), name: c.name.clone(), aliases: c.aliases.clone() }
}

fn wire_actor(ds: &Dataset, ix: u32) -> WireActor {
    let a = ds.actor(ix);
    WireActor {
        id: a.id.clone(),
        name: a.name.clone(),
        aliases: a.aliases.clone(),
        country: a.country.map(|c| ds.country(c).code.clone()),
        role: a.role.clone(),
    }
}

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas (CSV injection) with a leading quote.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// What a CSV column reads from.
pub struct Row<'a> {
    pub ds: &'a Dataset,
    pub e: &'a Event,
    pub w: WireEvent,
    pub lang: Lang,
    /// The explorer's absolute URL (up to its last `/`), for each event's link.
    pub base: &'a str,
}

/// One CSV column: its header, the wire field it comes from, and its value.
pub struct Column {
    pub header: &'static str,
    pub field: &'static str,
    value: fn(&Row) -> String,
}

fn names(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

fn pick_text(lang: Lang, t: &Text) -> String {
    lang.pick(t).to_owned()
}

/// The CSV columns, in order: codes as in the data, readable names in the reader's language.
pub const CSV_COLUMNS: &[Column] = &[
    Column { header: "id", field: "id", value: |r| r.w.id.clone() },
    Column {
        header: "url",
        field: "id",
        value: |r| {
            let q = Query { lang: r.lang, event: Some(r.w.id.clone()), ..Query::default() };
            crate::page::link(r.base, &q, &|id| crate::page::event_has_page(r.ds, id))
        },
    },
    Column { header: "date", field: "date", value: |r| r.w.date.clone() },
    Column { header: "date_precision", field: "date_precision", value: |r| r.w.date_precision.id().into() },
    Column { header: "type", field: "type", value: |r| r.w.kind.id().into() },
    Column { header: "type_label", field: "type", value: |r| r.w.kind.label(r.lang).into() },
    Column { header: "parties", field: "parties", value: |r| r.w.parties.join(";") },
    Column {
        header: "party_names",
        field: "parties",
        value: |r| names(r.e.parties.iter().map(|&c| pick_text(r.lang, &r.ds.country(c).name))),
    },
    Column { header: "initiator", field: "initiator", value: |r| r.w.initiator.clone().unwrap_or_default() },
    Column {
        header: "initiator_name",
        field: "initiator",
        value: |r| r.e.initiator.map(|c| pick_text(r.lang, &r.ds.country(c).name)).unwrap_or_default(),
    },
    Column { header: "actors", field: "actors", value: |r| r.w.actors.join(";") },
    Column {
        header: "actor_names",
        field: "actors",
        value: |r| names(r.e.actors.iter().map(|&a| pick_text(r.lang, &r.ds.actor(a).name))),
    },
    Column { header: "topics", field: "topics", value: |r| names_ids(r.w.topics.iter().map(|t| t.id())) },
    Column {
        header: "topic_labels",
        field: "topics",
        value: |r| names(r.w.topics.iter().map(|t| t.label(r.lang).into())),
    },
    Column { header: "tone", field: "tone", value: |r| r.w.tone.id().into() },
    Column { header: "tone_label", field: "tone", value: |r| r.w.tone.label(r.lang).into() },
    Column {
        header: "place_ar",
        field: "place",
        value: |r| r.w.place.as_ref().map(|p| p.ar.clone()).unwrap_or_default(),
    },
    Column {
        header: "place_en",
        field: "place",
        value: |r| r.w.place.as_ref().map(|p| p.en.clone()).unwrap_or_default(),
    },
    Column { header: "title_ar", field: "title", value: |r| r.w.title.ar.clone() },
    Column { header: "title_en", field: "title", value: |r| r.w.title.en.clone() },
    Column { header: "summary_ar", field: "summary", value: |r| r.w.summary.ar.clone() },
    Column { header: "summary_en", field: "summary", value: |r| r.w.summary.en.clone() },
    Column {
        header: "source_articles",
        field: "sources",
        value: |r| names_ids(r.w.sources.iter().map(|s| s.article.as_str())),
    },
    Column {
        header: "source_titles",
        field: "sources",
        value: |r| names(r.e.source_articles().map(|a| pick_text(r.lang, &r.ds.article(a).title))),
    },
    Column {
        header: "source_outlets",
        field: "sources",
        value: |r| {
            let outlets = |a| {
                let a = r.ds.article(a);
                a.outlets.iter().map(|o| pick_text(r.lang, o)).collect::<Vec<_>>().join(", ")
            };
            names(r.e.source_articles().map(outlets))
        },
    },
    Column {
        header: "source_published",
        field: "sources",
        value: |r| names(r.e.source_articles().map(|a| r.ds.article(a).published.to_string())),
    },
    Column {
        header: "source_quotes",
        field: "sources",
        value: |r| r.w.sources.iter().map(|s| s.quote.as_str()).collect::<Vec<_>>().join(" | "),
    },
    Column { header: "related", field: "related", value: |r| r.w.related.join(";") },
    Column {
        header: "first_published",
        field: "first_published",
        value: |r| r.w.first_published.clone().unwrap_or_default(),
    },
    Column { header: "updated", field: "updated", value: |r| r.w.updated.clone().unwrap_or_default() },
    Column {
        header: "update_note",
        field: "update_note",
        value: |r| r.w.update_note.as_ref().map(|t| pick_text(r.lang, t)).unwrap_or_default(),
    },
];

fn names_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(";")
}

/// RFC 4180 CSV with a header row. Starts with a UTF-8 BOM so spreadsheet programs read the
/// Arabic correctly. `base` is the explorer's absolute URL up to its last `/`.
pub fn to_csv(ds: &Dataset, events: &[EventIx], lang: Lang, base: &str) -> String {
    let header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.header.to_owned()).collect();
    let rows = events.iter().map(|&ix| {
        let row = Row { ds, e: ds.event(ix), w: wire_event(ds, ix), lang, base };
        CSV_COLUMNS.iter().map(|c| (c.value)(&row)).collect()
    });
    csv_table(header, rows)
}

/// An RFC 4180 table: a UTF-8 BOM (spreadsheets then read Arabic correctly), the header row, the
/// rows, every field of which is quoted and formula-neutralised. Every CSV Marsad writes goes through here.
pub fn csv_table(header: Vec<String>, rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("\u{FEFF}");
    // The header names are Marsad's own identifiers: written as they are.
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The network's table of pairs: codes and names of both states, counts, balance, who
/// initiated, and the pair view's address. `base` as for [`to_csv`].
pub fn pairs_csv(ds: &Dataset, pairs: &[crate::network::PairStat], lang: Lang, base: &str) -> String {
    let mut header: Vec<String> =
        ["state_a", "state_a_name", "state_b", "state_b_name", "events"].map(String::from).into();
    header.extend(Tone::ALL.iter().map(|t| t.id().to_owned()));
    header.extend(["balance", "initiated_by_a", "initiated_by_b", "url"].map(String::from));
    let rows = pairs.iter().map(|p| {
        let (a, b) = (ds.country(p.a), ds.country(p.b));
        let q = Query { lang, pair: Some((a.code.clone(), b.code.clone())), ..Query::default() };
        let mut row = vec![a.code.clone(), pick_text(lang, &a.name), b.code.clone(), pick_text(lang, &b.name)];
        row.push(p.events.to_string());
        row.extend(p.tones.iter().map(usize::to_string));
        row.push(p.balance().id().to_owned());
        row.extend(p.initiated.iter().map(usize::to_string));
        row.push(crate::page::link(base, &q, &|_| false));
        row
    });
    csv_table(header, rows)
}

/// A comparison, a row per state: its events, conflictual share (a percentage), counts by type
/// and by tone, and events per year over the years the columns share.
pub fn compare_csv(ds: &Dataset, c: &crate::compare::Comparison, lang: Lang) -> String {
    let mut header: Vec<String> = ["state", "state_name", "events", "conflictual_percent"].map(String::from).into();
    header.extend(EventType::ALL.iter().map(|t| format!("type_{}", t.id())));
    header.extend(Tone::ALL.iter().map(|t| format!("tone_{}", t.id())));
    header.extend(c.years_of(0).iter().map(|(y, _)| format!("year_{y}")));
    let rows = c.states.iter().zip(&c.stats).enumerate().map(|(i, (&s, st))| {
        let country = ds.country(s);
        let n = st.events.len();
        let share = crate::i18n::whole_percent(st.by_tone[Tone::Conflictual.index()], n);
        let mut row = vec![country.code.clone(), pick_text(lang, &country.name), n.to_string(), share.to_string()];
        row.extend(st.by_type.iter().chain(&st.by_tone).map(usize::to_string));
        row.extend(c.years_of(i).iter().map(|(_, v)| v.to_string()));
        row
    });
    csv_table(header, rows)
}

/// A file name (without extension) that says which view was downloaded: `marsad-GB-CN-2015-2024`.
pub fn file_stem(q: &Query) -> String {
    let mut parts = vec!["marsad".to_owned()];
    if let Some((a, b)) = &q.pair {
        parts.push(format!("{a}-{b}"));
    }
    parts.extend(q.countries.iter().cloned());
    // Several states' shared events are another file than any of their events.
    if q.countries.len() > 1 && q.matching != Match::default() {
        parts.push(q.matching.id().to_owned());
    }
    parts.extend(q.types.iter().map(|t| t.id().replace('_', "-")));
    parts.extend(q.topics.iter().map(|t| t.id().replace('_', "-")));
    parts.extend(q.tones.iter().map(|t| t.id().to_owned()));
    match (q.from, q.to) {
        (Some(f), Some(t)) => parts.push(format!("{f}-{t}")),
        (Some(f), None) => parts.push(format!("from-{f}")),
        (None, Some(t)) => parts.push(format!("to-{t}")),
        (None, None) => {}
    }
    let words: String =
        q.q.chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|w| !w.is_empty())
            .take(4)
            .collect::<Vec<_>>()
            .join("-");
    if !words.is_empty() {
        parts.push(words);
    }
    if parts.len() == 1 {
        parts.push("events".into());
    }
    parts.join("-").chars().take(120).collect()
}

fn timelinejs_date(d: &crate::data::PartialDate) -> Value {
    let mut v = json!({ "year": d.year.to_string() });
    if let Some(m) = d.month {
        v["month"] = json!(m.to_string());
    }
    if let Some(day) = d.day {
        v["day"] = json!(day.to_string());
    }
    v
}

/// TimelineJS 3 JSON (`{"title", "events": [{start_date, text: {headline, text}, group}]}`), in
/// the given language. Text is plain: TimelineJS renders `text` as HTML, so it is escaped here.
pub fn to_timelinejs(ds: &Dataset, events: &[EventIx], lang: Lang) -> String {
    let s = lang.strings();
    let items: Vec<Value> = events
        .iter()
        .map(|&ix| {
            let e = ds.event(ix);
            let source = e.sources().next().map(|src| {
                let a = ds.article(src.article);
                format!("{} — {}", lang.pick(&a.title), src.quote)
            });
            json!({
                "unique_id": e.id,
                "start_date": timelinejs_date(&e.date),
                "display_date": e.date.to_string(),
                "text": {
                    "headline": escape_html(lang.pick(&e.title())),
                    "text": escape_html(&format!("{}\n\n{}", lang.pick(&e.summary()), source.unwrap_or_default())),
                },
                "group": e.kind.label(lang),
            })
        })
        .collect();
    let doc = json!({
        "title": { "text": { "headline": escape_html(s.app_name), "text": escape_html(s.tagline) } },
        "events": items,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    fn fixture() -> Dataset {
        load(include_str!("../tests/data/minimal.json")).unwrap().dataset
    }

    #[test]
    fn the_json_export_is_a_dataset_that_loads_back() {
        let ds = fixture();
        let json = to_json(&ds, &[1]);
        let back = load(&json).unwrap();
        assert!(back.skipped.is_empty(), "{:?}", back.skipped);
        assert_eq!(back.dataset.events.len(), 1);
        assert_eq!(back.dataset.events[0].place().unwrap().en, "Bangkok");
        // Only what the one event needs: its parties and its article.
        let codes: Vec<&str> = back.dataset.countries.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["CN", "US"]);
        assert_eq!(back.dataset.articles.len(), 1);
        // The link to the event left out is dropped, as the loader reports it.
        assert!(back.dataset.events[0].related_ids.is_empty());
    }

    #[test]
    fn the_pair_and_comparison_tables_as_csv() {
        let ds = fixture();
        let all: Vec<u32> = (0..ds.events.len() as u32).collect();
        let pairs = crate::network::pairs(&ds, &all);
        let csv = pairs_csv(&ds, &pairs, Lang::En, "https://example.org/m/");
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(
            lines[0],
            "state_a,state_a_name,state_b,state_b_name,events,cooperative,neutral,conflictual,balance,initiated_by_a,initiated_by_b,url"
        );
        assert_eq!(lines.len(), pairs.len() + 1);
        let cn_us = lines.iter().find(|l| l.contains("\"China\"") && l.contains("\"United States\"")).unwrap();
        assert!(cn_us.contains("\"2\""), "{cn_us}");
        assert!(
            cn_us.ends_with("\"https://example.org/m/?lang=en&pair=CN-US\"") || cn_us.ends_with("pair=US-CN\""),
            "{cn_us}"
        );
        let states: Vec<u32> = ["CN", "US"].iter().map(|c| ds.country_ix(c).unwrap()).collect();
        let c = crate::compare::compare(&crate::filter::Rows::of(&ds), &all, &states);
        let csv = compare_csv(&ds, &c, Lang::Ar);
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert!(lines[0].starts_with("state,state_name,events,conflictual_percent,type_"), "{}", lines[0]);
        assert!(lines[0].ends_with("year_2023,year_2024"), "{}", lines[0]);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("\"CN\",\"الصين\",\"2\",\"0\""), "{}", lines[1]);
    }

    #[test]
    fn csv_has_codes_and_readable_names() {
        let ds = fixture();
        let all: Vec<u32> = (0..ds.events.len() as u32).collect();
        let csv = to_csv(&ds, &all, Lang::En, "https://example.org/m/");
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert_eq!(lines.len(), 3);
        let header: Vec<&str> = lines[0].split(',').collect();
        let row = lines[2];
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name}"));
        let cells: Vec<&str> = row.split("\",\"").collect();
        assert_eq!(cells[col("place_en")], "Bangkok");
        assert!(cells[col("party_names")].contains("China"), "{row}");
        assert_eq!(cells[col("url")], "https://example.org/m/en/event/bangkok-meeting/");
        assert!(csv.contains("\"CN;US\""));
    }

    #[test]
    fn csv_and_html_are_neutralised() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape_html("<script>"), "&lt;script&gt;");
    }

    #[test]
    fn file_names_say_which_view() {
        assert_eq!(file_stem(&Query::default()), "marsad-events");
        assert_eq!(file_stem(&Query::parse("pair=GB-CN&from=2015&to=2024")), "marsad-GB-CN-2015-2024");
        assert_eq!(
            file_stem(&Query::parse("country=RU&type=un_resolution&q=Xi%20Biden")),
            "marsad-RU-un-resolution-Xi-Biden"
        );
        assert_eq!(file_stem(&Query::parse("q=%D8%B4%D9%8A")), "marsad-شي");
        assert_eq!(file_stem(&Query::parse("country=GB,CN")), "marsad-GB-CN");
        assert_eq!(file_stem(&Query::parse("country=GB,CN&match=all")), "marsad-GB-CN-all");
    }

    #[test]
    fn timelinejs_parses_back() {
        let ds = fixture();
        let all: Vec<u32> = (0..ds.events.len() as u32).collect();
        let t: Value = serde_json::from_str(&to_timelinejs(&ds, &all, Lang::Ar)).unwrap();
        assert_eq!(t["events"][1]["start_date"], json!({"year": "2024", "month": "1", "day": "27"}));
    }
}
