//! The Atom feeds, read back with a real XML parser (roxmltree) and held to RFC 4287's required
//! elements; per-country feeds; corrections and withdrawals; hostile records stay inert text.

use marsad::data::{load, Dataset};
use marsad::feed::{entry_id, feed, Scope, ENTRIES};
use marsad::i18n::Lang;
use serde_json::{json, Value};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const TOMBS: &str = "http://purl.org/atompub/tombstones/1.0";
const SITE: &str = "https://example.org/marsad/";

fn shipped() -> Value {
    serde_json::from_str(include_str!("../public/data/events.json")).unwrap()
}

fn dataset(doc: &Value) -> Dataset {
    let loaded = load(&doc.to_string()).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    loaded.dataset
}

fn children<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    n.children().filter(|c| c.has_tag_name((ATOM, name))).collect()
}

fn text<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let found = children(n, name);
    assert_eq!(found.len(), 1, "exactly one atom:{name}");
    found[0].text().unwrap_or("")
}

/// An RFC 3339 date-time as the feeds write it.
fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20 && s.ends_with("T00:00:00Z") && b[4] == b'-' && b[7] == b'-' && s[..4].parse::<u32>().is_ok()
}

/// Parses `xml` and checks RFC 4287's requirements; returns the entries' (id, title, summary).
fn check(xml: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is atom:feed");
    // atom:feed: exactly one id, title, updated; an author (no entry has its own); a self link.
    assert!(!text(feed, "id").is_empty());
    assert!(!text(feed, "title").is_empty());
    assert!(is_stamp(text(feed, "updated")), "{}", text(feed, "updated"));
    let author = children(feed, "author");
    assert_eq!(author.len(), 1);
    assert!(!text(author[0], "name").is_empty());
    let links = children(feed, "link");
    assert!(links.iter().any(|l| l.attribute("rel") == Some("self") && l.attribute("href").is_some()));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for e in children(feed, "entry") {
        let id = text(e, "id");
        assert!(id.starts_with(SITE), "{id}");
        assert!(seen.insert(id.to_owned()), "duplicate entry id {id}");
        let (updated, published) = (text(e, "updated"), text(e, "published"));
        assert!(is_stamp(updated) && is_stamp(published));
        assert!(published <= updated, "published after updated: {id}");
        let alt: Vec<_> = children(e, "link").into_iter().filter(|l| l.attribute("rel") == Some("alternate")).collect();
        assert_eq!(alt.len(), 1, "an entry without content has one alternate link");
        assert!(alt[0].attribute("href").unwrap().starts_with(SITE));
        out.push((id.to_owned(), text(e, "title").to_owned(), text(e, "summary").to_owned()));
    }
    out
}

#[test]
fn the_site_feeds_are_valid_atom_in_both_languages() {
    let ds = dataset(&shipped());
    for lang in [Lang::Ar, Lang::En] {
        let entries = check(&feed(&ds, Scope::All, lang, SITE));
        assert_eq!(entries.len(), ds.events.len().min(ENTRIES));
        let first = ds.events.iter().find(|e| entry_id(SITE, &e.id, lang) == entries[0].0).expect("a known event");
        assert_eq!(entries[0].1, lang.pick(&first.title()));
    }
    let en = feed(&ds, Scope::All, Lang::En, SITE);
    assert!(en.contains("xml:lang=\"en\"") && en.contains("<id>https://example.org/marsad/feed.en.xml</id>"));
    assert!(en.contains("<id>https://example.org/marsad/?lang=en&amp;event="), "{}", &en[..1200]);
}

#[test]
fn a_country_feed_holds_that_country_events_only() {
    let ds = dataset(&shipped());
    let cn = ds.country_ix("CN").unwrap();
    let expected = ds.events.iter().filter(|e| e.parties.contains(&cn)).count();
    let entries = check(&feed(&ds, Scope::Country("CN"), Lang::Ar, SITE));
    assert_eq!(entries.len(), expected.min(ENTRIES));
    for (id, ..) in &entries {
        let e = ds.events.iter().find(|e| &entry_id(SITE, &e.id, Lang::Ar) == id).unwrap();
        assert!(e.parties.contains(&cn), "{id} is not China's");
    }
    let xml = feed(&ds, Scope::Country("CN"), Lang::En, SITE);
    assert!(xml.contains("<title>Marsad: cyber-diplomacy events — China</title>"), "{}", &xml[..600]);
}

#[test]
fn a_corrected_event_comes_first_with_its_note_and_a_withdrawn_one_is_a_tombstone() {
    let mut doc = shipped();
    doc["dataset_version"] = json!("2026-12-20.1");
    let corrected = doc["events"][3]["id"].as_str().unwrap().to_owned();
    doc["events"][3]["updated"] = json!("2026-12-19");
    doc["events"][3]["update_note"] = json!({"ar": "صُحّحت الأطراف", "en": "The parties were corrected"});
    let gone = doc["events"].as_array_mut().unwrap().remove(7);
    let gone_id = gone["id"].as_str().unwrap().to_owned();
    for e in doc["events"].as_array_mut().unwrap() {
        e["related"].as_array_mut().unwrap().retain(|r| r != gone_id.as_str());
    }
    doc["withdrawn"] = json!([{"id": gone_id, "title": gone["title"], "date": "2026-12-20",
        "reason": {"ar": "مكرر لحدث آخر", "en": "A duplicate of another event"}}]);
    let ds = dataset(&doc);
    let xml = feed(&ds, Scope::All, Lang::En, SITE);
    let entries = check(&xml);
    assert_eq!(entries[0].0, entry_id(SITE, &corrected, Lang::En));
    assert!(entries[0].2.ends_with("(Corrected 19 December 2026: The parties were corrected)"), "{}", entries[0].2);
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let tomb: Vec<_> = parsed.root_element().children().filter(|c| c.has_tag_name((TOMBS, "deleted-entry"))).collect();
    assert_eq!(tomb.len(), 1);
    assert_eq!(tomb[0].attribute("ref"), Some(entry_id(SITE, &gone_id, Lang::En).as_str()));
    assert_eq!(tomb[0].attribute("when"), Some("2026-12-20T00:00:00Z"));
    assert_eq!(text(parsed.root_element(), "updated"), "2026-12-20T00:00:00Z");
    assert!(!entries.iter().any(|e| e.0 == entry_id(SITE, &gone_id, Lang::En)));
}

#[test]
fn hostile_records_stay_text_in_the_feeds() {
    let hostile = [
        "<script>window.__pwned = 1</script>",
        "<img src=x onerror=\"window.__pwned = 2\">",
        "]]><evil/><![CDATA[",
        "&amp; &lt; ' \"",
        "\u{202E}تقرير مقلوب\u{202C} <b>bold</b>",
    ];
    let mut doc = shipped();
    let base = doc["events"][0].clone();
    doc["dataset_version"] = json!("2026-12-01.9");
    let events = doc["events"].as_array_mut().unwrap();
    for (i, h) in hostile.iter().enumerate() {
        let mut e = base.clone();
        e["id"] = json!(format!("hostile-{i}"));
        e["related"] = json!([]);
        e["updated"] = json!("2026-12-01");
        e["title"] = json!({"ar": format!("عنوان {h}"), "en": format!("Title {h}\u{1}\u{7}")});
        e["summary"] = json!({"ar": format!("ملخص {h}"), "en": format!("Summary {h}")});
        events.push(e);
    }
    let ds = dataset(&doc);
    for lang in [Lang::Ar, Lang::En] {
        let entries = check(&feed(&ds, Scope::All, lang, SITE));
        for (i, h) in hostile.iter().enumerate() {
            let (_, title, summary) =
                entries.iter().find(|e| e.0 == entry_id(SITE, &format!("hostile-{i}"), lang)).expect("hostile entry");
            let want = if lang == Lang::Ar { format!("عنوان {h}") } else { format!("Title {h}") };
            assert_eq!(title, &want, "the title reads back exactly (control characters dropped)");
            assert!(summary.contains(h));
        }
    }
}
