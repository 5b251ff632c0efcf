//! Sharded datasets: so no reader downloads one file beyond [`MAX_SHARD_BYTES`].
//!
//! A dataset larger than the limit is published as a **head** (`events.json`: version, licence,
//! articles, countries, actors, an empty `events` list and a `shards` list) plus **shards**
//! (`shards/<years>.<hash>.json`, each `{"schema_version": 1, "events": [...]}`) holding the
//! events grouped by year, newest years first, each at most the limit. Every shard is listed with
//! its content hash (also in its file name, so a shard never changes under a name and caches can
//! keep it forever); the explorer checks the hash before using a shard. [`split`] makes the files
//! from a monolithic document, [`join`] puts them back together (the validator reads a sharded
//! dataset that way). No DOM.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::wire::{SCHEMA_VERSION, SCHEMA_VERSIONS};
use super::Problem;

/// The largest file (uncompressed) a reader downloads for the event list: 512 KiB (the README's
/// benchmark section says how many events and compressed bytes that is). Smaller documents are
/// published whole.
pub const MAX_SHARD_BYTES: usize = 512 * 1024;

/// One shard as listed in the head's `shards`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardRef {
    /// Relative to the head document, like article texts.
    pub path: String,
    /// [`content_hash`] of the shard file's bytes.
    pub hash: String,
    /// First and last year of the events inside.
    pub from: i32,
    pub to: i32,
    /// How many events the shard holds.
    pub events: usize,
}

/// The order in which to fetch `shards` (listed newest first): those overlapping the years
/// `from`–`to` (the reader's filter) first, then the rest, each group newest first.
pub fn fetch_order(shards: &[ShardRef], from: Option<i32>, to: Option<i32>) -> Vec<ShardRef> {
    let wanted = |s: &ShardRef| from.is_none_or(|f| s.to >= f) && to.is_none_or(|t| s.from <= t);
    let (mut first, rest): (Vec<ShardRef>, Vec<ShardRef>) = shards.iter().cloned().partition(wanted);
    first.extend(rest);
    first
}

/// When the explorer shows what has come in of a sharded load (each showing redraws the views,
/// so at most one every `every_ms`): a shard that arrives `every_ms` or more after the last
/// showing is shown at once; one that comes sooner is owed a showing `every_ms` after the last,
/// whether or not another shard arrives by then. (Without that debt, the years a shared link
/// asks for, fetched first, waited for the next shard to arrive, or to time out.)
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    every_ms: f64,
    last: f64,
    owed: bool,
}

impl Pace {
    pub fn new(every_ms: f64) -> Self {
        Pace { every_ms, last: f64::NEG_INFINITY, owed: false }
    }

    /// A shard came in at `now` with more to come: whether to show it now (then call
    /// [`Pace::shown`]); otherwise it is owed. `at_once`: someone waits for the next showing.
    pub fn arrived(&mut self, now: f64, at_once: bool) -> bool {
        let show = at_once || now - self.last >= self.every_ms;
        self.owed = !show;
        show
    }

    /// How long from `now` until the owed showing is due (none owed: `None`).
    pub fn due_in(&self, now: f64) -> Option<f64> {
        self.owed.then(|| (self.last + self.every_ms - now).max(0.0))
    }

    /// What had come in was shown at `now`.
    pub fn shown(&mut self, now: f64) {
        self.last = now;
        self.owed = false;
    }
}

/// FNV-1a 64-bit of `bytes` as 16 hex digits: cache busting and corruption detection, not
/// security (the shards come from the same origin as the app).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A head document and its shard files (path, content), from [`split`].
#[derive(Debug)]
pub struct Split {
    pub head: String,
    pub shards: Vec<(ShardRef, String)>,
}

/// Splits a monolithic document into a head and year shards of at most `max_bytes` each, or
/// returns `None` when the document already fits. Years are packed newest first; a year larger
/// than the limit is cut into several shards. Refuses a document whose events lack a readable
/// year (validate it first), and one whose head alone would be over the limit.
pub fn split(json: &str, max_bytes: usize) -> Result<Option<Split>, String> {
    if json.len() <= max_bytes {
        return Ok(None);
    }
    let mut doc: Map<String, Value> = serde_json::from_str(json).map_err(|e| format!("not a JSON object: {e}"))?;
    if doc.contains_key("shards") {
        return Err("the document is already a sharded head".into());
    }
    let events = match doc.insert("events".into(), Value::Array(Vec::new())) {
        Some(Value::Array(events)) => events,
        _ => return Err("events is not an array".into()),
    };
    let mut dated: Vec<(i32, String, String)> = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let date = e.get("date").and_then(Value::as_str).unwrap_or_default();
        let year = date.get(..4).and_then(|y| y.parse::<i32>().ok());
        let Some(year) = year else { return Err(format!("$.events[{i}].date: no year in {date:?}")) };
        dated.push((year, date.to_owned(), serde_json::to_string(e).map_err(|e| e.to_string())?));
    }
    // Newest first; within a year, newest first too, so a cut year's first part is its latest.
    dated.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));

    let envelope = format!("{{\"schema_version\":{SCHEMA_VERSION},\"events\":[]}}").len();
    let mut shards = Vec::new();
    let mut current: Vec<&(i32, String, String)> = Vec::new();
    let mut size = envelope;
    let flush = |current: &mut Vec<&(i32, String, String)>, shards: &mut Vec<(ShardRef, String)>| {
        if current.is_empty() {
            return;
        }
        let body: Vec<&str> = current.iter().map(|e| e.2.as_str()).collect();
        let text = format!("{{\"schema_version\":{SCHEMA_VERSION},\"events\":[{}]}}", body.join(","));
        let (to, from) = (current[0].0, current[current.len() - 1].0);
        let hash = content_hash(text.as_bytes());
        let years = if from == to { from.to_string() } else { format!("{from}-{to}") };
        let path = format!("shards/{years}.{hash}.json");
        shards.push((ShardRef { path, hash, from, to, events: current.len() }, text));
        current.clear();
    };
    let mut i = 0;
    while i < dated.len() {
        // The whole year, if it fits beside what is already packed; else the year starts afresh.
        let year = dated[i].0;
        let end = dated[i..].iter().position(|e| e.0 != year).map_or(dated.len(), |n| i + n);
        let year_size: usize = dated[i..end].iter().map(|e| e.2.len() + 1).sum();
        if size + year_size > max_bytes && !current.is_empty() {
            flush(&mut current, &mut shards);
            size = envelope;
        }
        for e in &dated[i..end] {
            if size + e.2.len() + 1 > max_bytes && !current.is_empty() {
                flush(&mut current, &mut shards);
                size = envelope;
            }
            size += e.2.len() + 1;
            current.push(e);
        }
        i = end;
    }
    flush(&mut current, &mut shards);
    let list: Vec<&ShardRef> = shards.iter().map(|s| &s.0).collect();
    doc.insert("shards".into(), serde_json::to_value(list).map_err(|e| e.to_string())?);
    let head = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    if head.len() > max_bytes {
        return Err(format!(
            "the head alone (articles, countries, actors) is {} bytes, over the {max_bytes}-byte limit",
            head.len()
        ));
    }
    Ok(Some(Split { head, shards }))
}

/// Parses the events of one shard file, after checking its hash and schema version.
pub fn shard_events<'a>(shard: &ShardRef, text: &'a str) -> Result<Vec<&'a serde_json::value::RawValue>, Problem> {
    let fail = |reason: String| Problem::new(shard.path.clone(), reason);
    let hash = content_hash(text.as_bytes());
    if hash != shard.hash {
        return Err(fail(format!("content hash {hash} does not match the listed {}; shard skipped", shard.hash)));
    }
    #[derive(Deserialize)]
    struct ShardDoc<'a> {
        schema_version: u64,
        #[serde(borrow)]
        events: Vec<&'a serde_json::value::RawValue>,
    }
    let doc: ShardDoc = serde_json::from_str(text).map_err(|e| fail(format!("not a shard: {e}")))?;
    if !SCHEMA_VERSIONS.contains(&doc.schema_version) {
        return Err(fail(format!("schema_version {} is not supported; shard skipped", doc.schema_version)));
    }
    Ok(doc.events)
}

/// Puts a sharded dataset back into one document: the head's events followed by every shard's.
/// `read` returns a shard's text by its path; a shard that cannot be read or fails its check is
/// reported and left out.
pub fn join(head: &str, read: &dyn Fn(&str) -> Option<String>) -> Result<(String, Vec<Problem>), Problem> {
    let mut doc: Map<String, Value> =
        serde_json::from_str(head).map_err(|e| Problem::new("$", format!("not a JSON object: {e}")))?;
    let Some(listed) = doc.remove("shards") else { return Ok((head.to_owned(), Vec::new())) };
    let shards: Vec<ShardRef> =
        serde_json::from_value(listed).map_err(|e| Problem::new("$.shards", format!("not a shard list: {e}")))?;
    let mut events = match doc.remove("events") {
        Some(Value::Array(events)) => events,
        _ => Vec::new(),
    };
    let mut problems = Vec::new();
    for shard in &shards {
        let Some(text) = read(&shard.path) else {
            problems.push(Problem::new(shard.path.clone(), "cannot be read"));
            continue;
        };
        match shard_events(shard, &text) {
            Ok(raw) => {
                for r in raw {
                    events.push(serde_json::from_str(r.get()).unwrap_or(Value::Null));
                }
            }
            Err(p) => problems.push(p),
        }
    }
    doc.insert("events".into(), Value::Array(events));
    let json = serde_json::to_string(&doc).map_err(|e| Problem::new("$", e.to_string()))?;
    Ok((json, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{load, Loader};
    use crate::synth::generate;
    use std::collections::HashMap;

    fn split_1000(max: usize) -> (String, Split) {
        let doc = generate(1000, 3).to_json();
        let split = split(&doc, max).unwrap().expect("1,000 events are over 96 KiB");
        (doc, split)
    }

    #[test]
    fn shards_in_are_shown_at_most_once_a_period_and_never_held_for_the_next() {
        let mut pace = Pace::new(1500.0);
        assert_eq!(pace.due_in(0.0), None, "nothing in, nothing owed");
        // The first shard in is shown at once.
        assert!(pace.arrived(100.0, false));
        pace.shown(100.0);
        assert_eq!(pace.due_in(100.0), None);
        // The next, soon after, is owed: due 1.5 s after the last showing, with no other shard.
        assert!(!pace.arrived(130.0, false));
        assert_eq!(pace.due_in(130.0), Some(1470.0));
        assert!(!pace.arrived(900.0, false), "still owed, not due sooner");
        assert_eq!(pace.due_in(900.0), Some(700.0));
        assert_eq!(pace.due_in(2000.0), Some(0.0), "overdue is due now");
        pace.shown(1600.0);
        assert_eq!(pace.due_in(1600.0), None);
        // One a period or more after the last showing is shown at once; so is one waited for.
        assert!(pace.arrived(3100.0, false));
        pace.shown(3100.0);
        assert!(pace.arrived(3200.0, true));
        assert_eq!(pace.due_in(3200.0), None);
    }

    #[test]
    fn a_document_under_the_limit_stays_whole() {
        let doc = generate(20, 3).to_json();
        assert!(split(&doc, MAX_SHARD_BYTES).unwrap().is_none());
    }

    #[test]
    fn shards_respect_the_limit_run_newest_first_and_carry_their_hash() {
        let max = 96 * 1024;
        let (_, s) = split_1000(max);
        assert!(s.shards.len() >= 4, "{} shards", s.shards.len());
        assert!(s.head.len() < max, "head is {} bytes", s.head.len());
        let mut prev_from = i32::MAX;
        for (r, text) in &s.shards {
            assert!(text.len() <= max, "{} is {} bytes", r.path, text.len());
            assert_eq!(r.hash, content_hash(text.as_bytes()));
            assert!(r.path.starts_with("shards/") && r.path.contains(&r.hash), "{}", r.path);
            assert!(r.from <= r.to && r.to <= prev_from, "{r:?} after a shard starting {prev_from}");
            prev_from = r.from;
            assert_eq!(shard_events(r, text).unwrap().len(), r.events);
        }
        assert_eq!(s.shards.iter().map(|s| s.0.events).sum::<usize>(), 1000);
    }

    #[test]
    fn a_year_bigger_than_the_limit_is_cut_into_parts() {
        let mut doc: serde_json::Value = serde_json::from_str(&generate(1000, 3).to_json()).unwrap();
        for e in doc["events"].as_array_mut().unwrap() {
            e["date"] = "2020".into();
        }
        let s = split(&doc.to_string(), 96 * 1024).unwrap().unwrap();
        assert!(s.shards.len() >= 3, "{} shards", s.shards.len());
        assert!(s.shards.iter().all(|s| (s.0.from, s.0.to) == (2020, 2020) && s.1.len() <= 96 * 1024));
        assert_eq!(s.shards.iter().map(|s| s.0.events).sum::<usize>(), 1000);
    }

    #[test]
    fn a_head_over_the_limit_is_refused() {
        let doc = generate(1000, 3).to_json();
        assert!(split(&doc, 16 * 1024).unwrap_err().contains("head alone"));
    }

    /// Loading the head and every shard, in any order, gives the dataset of the whole document.
    #[test]
    fn head_plus_shards_load_to_the_same_dataset_in_any_order() {
        let (doc, s) = split_1000(96 * 1024);
        let whole = load(&doc).unwrap();
        assert!(whole.skipped.is_empty(), "{:?}", whole.skipped);
        let files: HashMap<&str, &str> = s.shards.iter().map(|(r, t)| (r.path.as_str(), t.as_str())).collect();
        for reverse in [false, true] {
            let mut loader = Loader::head(&s.head).unwrap();
            let mut order = loader.shards.clone();
            if reverse {
                order.reverse();
            }
            let first = order[0].clone();
            loader.add_shard(&first, files[first.path.as_str()]);
            let partial = loader.snapshot();
            assert_eq!(partial.dataset.events.len(), first.events);
            assert!(partial.skipped.is_empty(), "{:?}", partial.skipped);
            for r in &order[1..] {
                loader.add_shard(r, files[r.path.as_str()]);
            }
            let full = loader.finish();
            assert!(full.skipped.is_empty(), "{:?}", full.skipped);
            assert_eq!(full.dataset.events, whole.dataset.events);
            // The snapshot shared its events with the finished dataset: no event was copied.
            let ds = &full.dataset;
            for e in &partial.dataset.events {
                assert!(std::sync::Arc::ptr_eq(e, &ds.events[ds.event_ix(&e.id).unwrap() as usize]), "{}", e.id);
            }
            // Every id is found, and related links resolve within each snapshot.
            assert!(ds.events.iter().enumerate().all(|(ix, e)| ds.event_ix(&e.id) == Some(ix as u32)));
            assert_eq!(ds.event_ix("no-such-event"), None);
            let links = |d: &crate::data::Dataset| d.events.iter().map(|e| d.related(e).count()).sum::<usize>();
            assert!(links(ds) > links(&partial.dataset), "{} links", links(ds));
        }
        // And join puts the document back together for the validator.
        let (joined, problems) = join(&s.head, &|p| files.get(p).map(|t| t.to_string())).unwrap();
        assert!(problems.is_empty());
        assert_eq!(load(&joined).unwrap().dataset.events, whole.dataset.events);
    }

    #[test]
    fn a_damaged_or_missing_shard_is_reported_and_the_rest_kept() {
        let (_, s) = split_1000(96 * 1024);
        let mut loader = Loader::head(&s.head).unwrap();
        let (bad, good) = (&s.shards[0], &s.shards[1]);
        loader.add_shard(&bad.0, &bad.1.replacen("\"id\"", "\"id\" ", 1));
        loader.shard_failed(&s.shards[2].0, "HTTP 404 Not Found");
        loader.add_shard(&good.0, &good.1);
        let l = loader.finish();
        assert_eq!(l.dataset.events.len(), good.0.events);
        let reasons: Vec<String> = l.skipped.iter().map(|p| p.to_string()).collect();
        assert!(reasons[0].starts_with(&bad.0.path) && reasons[0].contains("content hash"), "{reasons:?}");
        assert!(reasons[1].starts_with(&s.shards[2].0.path) && reasons[1].contains("404"), "{reasons:?}");
    }

    /// A single event's widget stops loading once the records in settle its event: an event is
    /// settled by the shard that brings it, never before, and stays so; an id no record has is
    /// never settled; a withdrawn one is settled by the head alone.
    #[test]
    fn an_event_is_settled_by_the_shard_that_brings_it() {
        let (_, s) = split_1000(96 * 1024);
        let files: HashMap<&str, &str> = s.shards.iter().map(|(r, t)| (r.path.as_str(), t.as_str())).collect();
        let mut loader = Loader::head(&s.head).unwrap();
        let order = loader.shards.clone();
        let (first, last) = (&order[0], &order[order.len() - 1]);
        let id_in = |r: &ShardRef| {
            let first = shard_events(r, files[r.path.as_str()]).unwrap()[0].get().to_owned();
            serde_json::from_str::<serde_json::Value>(&first).unwrap()["id"].as_str().unwrap().to_owned()
        };
        let (newest, oldest) = (id_in(first), id_in(last));
        assert!(!loader.settles(&newest) && !loader.settles(&oldest));
        loader.add_shard(first, files[first.path.as_str()]);
        assert!(loader.settles(&newest) && !loader.settles(&oldest), "{newest} / {oldest}");
        for r in &order[1..] {
            loader.add_shard(r, files[r.path.as_str()]);
        }
        assert!(loader.settles(&newest) && loader.settles(&oldest));
        assert!(!loader.settles("no-such-event"));
        // A withdrawal is in the head.
        let mut head: serde_json::Value = serde_json::from_str(&s.head).unwrap();
        head["withdrawn"] = serde_json::json!([{"id": "gone-2020", "title": {"ar": "حدث سُحب", "en": "A withdrawn event"},
            "date": "2020-01-01", "reason": {"ar": "سُجّل مرتين", "en": "Recorded twice"}}]);
        let loader = Loader::head(&head.to_string()).unwrap();
        assert!(loader.settles("gone-2020") && !loader.settles(&newest));
    }

    #[test]
    fn a_head_cannot_point_outside_the_data_folder() {
        let (_, s) = split_1000(96 * 1024);
        let head = s.head.replacen("\"path\":\"shards/", "\"path\":\"../../etc/", 1);
        let loader = Loader::head(&head).unwrap();
        assert_eq!(loader.shards.len(), s.shards.len() - 1);
    }

    #[test]
    fn the_years_asked_for_are_fetched_first() {
        let s = |from, to| ShardRef {
            path: format!("shards/{from}-{to}.x.json"),
            hash: String::new(),
            from,
            to,
            events: 1,
        };
        let listed = [s(2024, 2025), s(2020, 2023), s(2015, 2019), s(2000, 2014)];
        let years = |v: Vec<ShardRef>| v.into_iter().map(|s| s.from).collect::<Vec<_>>();
        assert_eq!(years(fetch_order(&listed, None, None)), [2024, 2020, 2015, 2000]);
        assert_eq!(years(fetch_order(&listed, Some(2016), Some(2021))), [2020, 2015, 2024, 2000]);
        assert_eq!(years(fetch_order(&listed, None, Some(2010))), [2000, 2024, 2020, 2015]);
        assert_eq!(years(fetch_order(&listed, Some(2030), None)), [2024, 2020, 2015, 2000]);
    }

    #[test]
    fn the_hash_is_fnv1a_64() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
    }
}
