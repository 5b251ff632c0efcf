//! "Download what you see": the filtered events as CSV, JSON and TimelineJS JSON.
//! Pure functions from a dataset and a list of events to text. This module never touches `web_sys`.

use serde_json::{json, Value};

use crate::data::wire::{WireEvent, WireSource};
use crate::data::{Dataset, EventIx};
use crate::i18n::Lang;

/// An event back in its wire form: the JSON export uses the dataset's own contract (one
/// definition of the field names, `data::wire`), so re-users read exports like `events.json`.
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
        place: e.place.clone(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        sources: e
            .sources
            .iter()
            .map(|s| WireSource { article: ds.article(s.article).id.clone(), quote: s.quote.clone() })
            .collect(),
        related: e.related.iter().map(|&r| ds.event(r).id.clone()).collect(),
    }
}

/// `{"dataset_version", "licence", "events": [...]}` for the given events.
pub fn to_json(ds: &Dataset, events: &[EventIx]) -> String {
    let doc = json!({
        "dataset_version": ds.dataset_version,
        "licence": ds.licence,
        "events": events.iter().map(|&ix| wire_event(ds, ix)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas (CSV injection) with a leading quote.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// RFC 4180 CSV with a header row; lists are joined with `;`. Starts with a UTF-8 BOM so
/// spreadsheet programs read the Arabic correctly.
pub fn to_csv(ds: &Dataset, events: &[EventIx]) -> String {
    let header = [
        "id",
        "date",
        "date_precision",
        "type",
        "parties",
        "initiator",
        "actors",
        "topics",
        "tone",
        "title_ar",
        "title_en",
        "summary_ar",
        "summary_en",
        "source_articles",
        "source_quotes",
        "related",
    ];
    let mut out = String::from("\u{FEFF}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for &ix in events {
        let e = wire_event(ds, ix);
        let ids = |v: &[String]| v.join(";");
        let row = [
            e.id,
            e.date,
            e.date_precision.id().to_owned(),
            e.kind.id().to_owned(),
            ids(&e.parties),
            e.initiator.unwrap_or_default(),
            ids(&e.actors),
            e.topics.iter().map(|t| t.id()).collect::<Vec<_>>().join(";"),
            e.tone.id().to_owned(),
            e.title.ar,
            e.title.en,
            e.summary.ar,
            e.summary.en,
            e.sources.iter().map(|s| s.article.as_str()).collect::<Vec<_>>().join(";"),
            e.sources.iter().map(|s| s.quote.as_str()).collect::<Vec<_>>().join(" | "),
            ids(&e.related),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
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
            let source = e.sources.first().map(|src| {
                let a = ds.article(src.article);
                format!("{} — {}", lang.pick(&a.title), src.quote)
            });
            json!({
                "unique_id": e.id,
                "start_date": timelinejs_date(&e.date),
                "display_date": e.date.to_string(),
                "text": {
                    "headline": escape_html(lang.pick(&e.title)),
                    "text": escape_html(&format!("{}\n\n{}", lang.pick(&e.summary), source.unwrap_or_default())),
                },
                "group": crate::i18n::type_label(lang, e.kind),
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

    #[test]
    fn exports_parse_back() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let all: Vec<u32> = (0..ds.events.len() as u32).collect();
        let j: Value = serde_json::from_str(&to_json(&ds, &all)).unwrap();
        assert_eq!(j["events"][0]["id"], "xi-biden-election-assurance");
        assert_eq!(j["events"][0]["related"][0], "bangkok-meeting");
        // The export is the wire contract: it loads back as a dataset's events.
        let back: WireEvent = serde_json::from_value(j["events"][1].clone()).unwrap();
        assert_eq!(back.place.unwrap().en, "Bangkok");
        let t: Value = serde_json::from_str(&to_timelinejs(&ds, &all, Lang::Ar)).unwrap();
        assert_eq!(t["events"][1]["start_date"], json!({"year": "2024", "month": "1", "day": "27"}));
        let csv = to_csv(&ds, &all);
        assert_eq!(csv.lines().count(), 3);
        assert!(csv.contains("\"CN;US\""));
    }

    #[test]
    fn csv_and_html_are_neutralised() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape_html("<script>"), "&lt;script&gt;");
    }
}
