//! Release diffs and schema migration, for publishers (`marsad-data diff` and `migrate`).
//!
//! [`diff`] compares two releases of the dataset event by event: what was added, which records
//! changed (and in which wire fields), which were withdrawn with a record, and which *vanished*
//! (an id gone without a `withdrawn` record, which a release must never do); and the source
//! articles added or changed (an article is never removed while an event cites it). [`migrate`] brings a
//! schema-1 or 2 document to the current schema in place, with the same defaults the loader gives schema 1: every
//! event's `first_published` and `updated` are the release day, the first ten characters of
//! `dataset_version` (`YYYY-MM-DD[.N]`). Both work on [`WireDoc`], which keeps the file's key
//! order when written back. Pure: no DOM, no file system.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::wire::{Text, WireArticle, WireDoc, WireEvent, WireWithdrawn, SCHEMA_VERSION, SCHEMA_VERSIONS};
use crate::vocab::Precision;

/// The release day of a dataset version (`YYYY-MM-DD[.N]`): its first ten characters when they
/// are a real day, as the loader reads it.
pub fn release_day(version: &str) -> Option<String> {
    let day = version.get(..10)?;
    PartialDate::parse(day, Precision::Day).ok()?;
    Some(day.to_owned())
}

/// Orders dataset versions as releases: by date, then by the numeric `.N` (a version without one
/// comes first on its day), so `2026-11-23.2` < `2026-11-23.10` < `2026-12-01`. Versions of
/// another form sort by their text within the same rules, so the order stays total.
pub fn version_order(a: &str, b: &str) -> Ordering {
    fn key(v: &str) -> (&str, Option<u64>) {
        match v.split_once('.') {
            Some((day, n)) => (day, n.parse().ok()),
            None => (v, Some(0)),
        }
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// Brings a document to the current schema ([`SCHEMA_VERSION`]) in place. Schema 1: every
/// event without `first_published` or `updated` takes the release day (an error when
/// `dataset_version` has none). Schema 2 is schema 3 with one-language dating notes, which 3
/// allows: only its version changes. A document already current is left as it is; any other
/// schema is an error.
pub fn migrate(doc: &mut WireDoc) -> Result<(), String> {
    if doc.schema_version == SCHEMA_VERSION {
        return Ok(());
    }
    if !SCHEMA_VERSIONS.contains(&doc.schema_version) {
        return Err(unsupported(doc.schema_version));
    }
    if doc.schema_version == 1 {
        let day = release_day(&doc.dataset_version);
        for e in &mut doc.events {
            if e.first_published.is_some() && e.updated.is_some() {
                continue;
            }
            let Some(day) = &day else {
                return Err(format!(
                    "dataset_version {:?} has no release day (YYYY-MM-DD[.N]) to date event {:?} by",
                    doc.dataset_version, e.id
                ));
            };
            e.first_published.get_or_insert_with(|| day.clone());
            e.updated.get_or_insert_with(|| day.clone());
        }
    }
    doc.schema_version = SCHEMA_VERSION;
    Ok(())
}

fn unsupported(version: u64) -> String {
    let known: Vec<String> = SCHEMA_VERSIONS.iter().map(u64::to_string).collect();
    format!("schema_version {version} is not supported (this build reads {})", known.join(", "))
}

/// Reads a whole dataset document and migrates it to the current schema. Refuses, with a one-line reason,
/// text that is not JSON, JSON that is not a dataset, an unsupported schema and a sharded head
/// (join it with its shards first: `super::shard::join`). Fields outside the wire structs are
/// ignored, as the loader ignores them. A schema-1 document whose version has no release day is
/// compared with its records undated (the loader gives them no history either).
pub fn parse_doc(json: &str) -> Result<WireDoc, String> {
    check_head(json)?;
    let mut doc: WireDoc = serde_json::from_str(json).map_err(|e| format!("not a valid dataset: {e}"))?;
    if let Err(e) = migrate(&mut doc) {
        if doc.schema_version != 1 || release_day(&doc.dataset_version).is_some() {
            return Err(e);
        }
        doc.schema_version = SCHEMA_VERSION;
    }
    Ok(doc)
}

/// [`parse_doc`] for a document that is to be written back: also refuses one with fields outside
/// the wire structs, which the round trip through [`WireDoc`] would drop (the first few are named).
pub fn parse_doc_exact(json: &str) -> Result<WireDoc, String> {
    check_head(json)?;
    let mut dropped = Vec::new();
    let mut de = serde_json::Deserializer::from_str(json);
    let parsed: Result<WireDoc, _> = serde_ignored::deserialize(&mut de, |p| dropped.push(json_path(&p)));
    let mut doc = parsed.and_then(|doc| de.end().map(|()| doc)).map_err(|e| format!("not a valid dataset: {e}"))?;
    if !dropped.is_empty() {
        let more = if dropped.len() > 3 { format!(" and {} more", dropped.len() - 3) } else { String::new() };
        let first: Vec<&str> = dropped.iter().take(3).map(String::as_str).collect();
        return Err(format!("fields outside the schema would be lost: {}{more}", first.join(", ")));
    }
    migrate(&mut doc)?;
    Ok(doc)
}

/// The checks before the typed parse, so that their reasons are the ones reported.
fn check_head(json: &str) -> Result<(), String> {
    #[derive(Deserialize)]
    struct Head {
        schema_version: Option<serde_json::Value>,
        shards: Option<IgnoredAny>,
    }
    let not_object = || "not a dataset: the top level is not a JSON object".to_owned();
    let head: Head = serde_json::from_str(json).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => not_object(),
        _ => format!("not JSON: {e}"),
    })?;
    // A derived struct also reads from an array (its fields in order).
    if !json.trim_start().starts_with("{") {
        return Err(not_object());
    }
    let version = match head.schema_version {
        None => return Err("not a dataset: no schema_version".into()),
        Some(v) => v.as_u64().ok_or_else(|| format!("not a dataset: schema_version {v} is not a version number"))?,
    };
    if !SCHEMA_VERSIONS.contains(&version) {
        return Err(unsupported(version));
    }
    if head.shards.is_some() {
        return Err("a sharded head (it lists `shards`): join it with its shards first".into());
    }
    Ok(())
}

/// A `serde_ignored` path as a JSON path (`$.events[3].colour`).
fn json_path(p: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match p {
        Path::Root => "$".to_owned(),
        Path::Seq { parent, index } => format!("{}[{index}]", json_path(parent)),
        Path::Map { parent, key } => format!("{}.{key}", json_path(parent)),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => json_path(parent),
    }
}

/// An event named in a diff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: Text,
}

impl Entry {
    fn of(e: &WireEvent) -> Self {
        Entry { id: e.id.clone(), title: e.title.clone() }
    }
}

/// An event in both releases whose record differs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Changed {
    pub id: String,
    /// The new title.
    pub title: Text,
    /// The wire names of the fields that differ (`type`, not `kind`), in the record's order.
    pub fields: Vec<String>,
    /// The new record's note and `updated` day.
    pub update_note: Option<Text>,
    pub updated: Option<String>,
}

/// A source article in both releases whose record differs (its text, a verbatim source, never
/// does: its `text` path or `seed_file` would).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleChanged {
    pub id: String,
    /// The new title.
    pub title: Text,
    /// The wire names of the fields that differ, in the record's order.
    pub fields: Vec<String>,
}

/// What one release changed against another (see [`diff`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    pub old_version: String,
    pub new_version: String,
    /// In the new release's event order.
    pub added: Vec<Entry>,
    pub changed: Vec<Changed>,
    /// The new `withdrawn` records, in their order.
    pub withdrawn: Vec<WireWithdrawn>,
    /// Old events gone without a `withdrawn` record, in the old release's order.
    pub vanished: Vec<Entry>,
    /// Events in both releases with identical records.
    pub unchanged: usize,
    /// The source articles new in this release, in its order.
    pub articles_added: Vec<Entry>,
    /// The source articles in both whose records differ, in the new release's order.
    pub articles_changed: Vec<ArticleChanged>,
    /// What a publisher should look at: dates that did not move or are out of place, a
    /// withdrawn id still listed, a duplicate id, versions out of order.
    pub warnings: Vec<String>,
}

/// Compares two migrated documents (see [`parse_doc`]): an event is matched by its id.
pub fn diff(old: &WireDoc, new: &WireDoc) -> Diff {
    let mut before: HashMap<&str, &WireEvent> = HashMap::new();
    for e in &old.events {
        before.entry(e.id.as_str()).or_insert(e);
    }
    let listed: HashSet<&str> = new.events.iter().map(|e| e.id.as_str()).collect();
    let withdrawn_before: HashSet<&str> = old.withdrawn.iter().map(|w| w.id.as_str()).collect();
    let withdrawn_now: HashSet<&str> = new.withdrawn.iter().map(|w| w.id.as_str()).collect();
    let days = (release_day(&old.dataset_version), release_day(&new.dataset_version));
    let mut d =
        Diff { old_version: old.dataset_version.clone(), new_version: new.dataset_version.clone(), ..Diff::default() };
    let mut seen = HashSet::new();
    for e in &new.events {
        if !seen.insert(e.id.as_str()) {
            d.warnings.push(format!("{}: listed more than once; the first record is compared", e.id));
            continue;
        }
        match before.get(e.id.as_str()) {
            None => {
                d.warnings.extend(added_warnings(e, &days));
                d.added.push(Entry::of(e));
            }
            Some(was) => compare(was, e, &mut d),
        }
    }
    for w in &new.withdrawn {
        if !withdrawn_before.contains(w.id.as_str()) {
            d.withdrawn.push(w.clone());
        }
        if listed.contains(w.id.as_str()) {
            d.warnings.push(format!("{}: withdrawn but still among the events", w.id));
        }
    }
    let mut seen = HashSet::new();
    d.vanished = old
        .events
        .iter()
        .filter(|e| seen.insert(e.id.as_str()))
        .filter(|e| !listed.contains(e.id.as_str()) && !withdrawn_now.contains(e.id.as_str()))
        .map(Entry::of)
        .collect();
    // A withdrawal record is the id's last trace: it may not go either.
    let gone =
        old.withdrawn.iter().filter(|w| !withdrawn_now.contains(w.id.as_str()) && !listed.contains(w.id.as_str()));
    d.vanished.extend(gone.map(|w| Entry { id: w.id.clone(), title: w.title.clone() }));
    let articles: HashMap<&str, &WireArticle> = old.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    for a in &new.articles {
        match articles.get(a.id.as_str()) {
            None => d.articles_added.push(Entry { id: a.id.clone(), title: a.title.clone() }),
            Some(was) => {
                let fields = article_fields(was, a);
                if !fields.is_empty() {
                    d.articles_changed.push(ArticleChanged { id: a.id.clone(), title: a.title.clone(), fields });
                }
            }
        }
    }
    if version_order(&new.dataset_version, &old.dataset_version) == Ordering::Less {
        d.warnings.push(format!("dataset_version {} comes before {}", new.dataset_version, old.dataset_version));
    }
    d
}

/// Counts an event in both releases as unchanged, or records how it changed.
fn compare(was: &WireEvent, now: &WireEvent, d: &mut Diff) {
    let fields = changed_fields(was, now);
    if fields.is_empty() {
        d.unchanged += 1;
        return;
    }
    if !fields.iter().any(|f| f == "updated") {
        let day = now.updated.as_deref().unwrap_or("missing");
        d.warnings.push(format!("{}: changed ({}) but updated did not move ({day})", now.id, fields.join(", ")));
    }
    d.changed.push(Changed {
        id: now.id.clone(),
        title: now.title.clone(),
        fields,
        update_note: now.update_note.clone(),
        updated: now.updated.clone(),
    });
}

/// An added event should be first published between the previous release and this one.
fn added_warnings(e: &WireEvent, (old_day, new_day): &(Option<String>, Option<String>)) -> Vec<String> {
    let Some(first) = e.first_published.as_deref() else {
        return vec![format!("{}: added without a first_published day", e.id)];
    };
    let mut out = Vec::new();
    if let Some(day) = new_day.as_deref().filter(|day| first > *day) {
        out.push(format!("{}: added with first_published {first}, after this release's day {day}", e.id));
    }
    if let Some(day) = old_day.as_deref().filter(|day| first < *day) {
        out.push(format!("{}: added with first_published {first}, before the previous release's day {day}", e.id));
    }
    out
}

fn differs<T: Serialize>(a: &T, b: &T) -> bool {
    serde_json::to_value(a).ok() != serde_json::to_value(b).ok()
}

/// The wire names of the fields whose JSON values differ, in [`WireEvent`]'s order.
fn changed_fields(a: &WireEvent, b: &WireEvent) -> Vec<String> {
    // Destructured in full: a field added to `WireEvent` does not compile until it is listed here.
    let WireEvent {
        id,
        date,
        date_precision,
        kind,
        parties,
        initiator,
        actors,
        topics,
        tone,
        place,
        title,
        summary,
        sources,
        related,
        first_published,
        updated,
        update_note,
    } = a;
    let fields = [
        ("id", differs(id, &b.id)),
        ("date", differs(date, &b.date)),
        ("date_precision", differs(date_precision, &b.date_precision)),
        ("type", differs(kind, &b.kind)),
        ("parties", differs(parties, &b.parties)),
        ("initiator", differs(initiator, &b.initiator)),
        ("actors", differs(actors, &b.actors)),
        ("topics", differs(topics, &b.topics)),
        ("tone", differs(tone, &b.tone)),
        ("place", differs(place, &b.place)),
        ("title", differs(title, &b.title)),
        ("summary", differs(summary, &b.summary)),
        ("sources", differs(sources, &b.sources)),
        ("related", differs(related, &b.related)),
        ("first_published", differs(first_published, &b.first_published)),
        ("updated", differs(updated, &b.updated)),
        ("update_note", differs(update_note, &b.update_note)),
    ];
    fields.into_iter().filter(|f| f.1).map(|f| f.0.to_owned()).collect()
}

/// The wire names of an article's fields whose JSON values differ, in [`WireArticle`]'s order.
fn article_fields(a: &WireArticle, b: &WireArticle) -> Vec<String> {
    // Destructured in full: a field added to `WireArticle` does not compile until it is listed here.
    let WireArticle { id, seed_file, text, title, published, published_precision, published_note, outlets } = a;
    let fields = [
        ("id", differs(id, &b.id)),
        ("seed_file", differs(seed_file, &b.seed_file)),
        ("text", differs(text, &b.text)),
        ("title", differs(title, &b.title)),
        ("published", differs(published, &b.published)),
        ("published_precision", differs(published_precision, &b.published_precision)),
        ("published_note", differs(published_note, &b.published_note)),
        ("outlets", differs(outlets, &b.outlets)),
    ];
    fields.into_iter().filter(|f| f.1).map(|f| f.0.to_owned()).collect()
}

impl Diff {
    /// A plain-text report: a header line with the counts (the articles' after the events', when
    /// any), then the sections that are not empty (`Added`, `Changed`, `Withdrawn`, `Vanished`,
    /// `Articles added`, `Articles changed`, `Warnings`), ids in one column.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{} → {}: {} added, {} changed, {} withdrawn, {} vanished, {} unchanged\n",
            self.old_version,
            self.new_version,
            self.added.len(),
            self.changed.len(),
            self.withdrawn.len(),
            self.vanished.len(),
            self.unchanged
        );
        if !self.articles_added.is_empty() || !self.articles_changed.is_empty() {
            out.insert_str(
                out.len() - 1,
                &format!("; articles: {} added, {} changed", self.articles_added.len(), self.articles_changed.len()),
            );
        }
        let ids = self.added.iter().chain(&self.vanished).map(|e| &e.id);
        let ids = ids.chain(self.changed.iter().map(|c| &c.id)).chain(self.withdrawn.iter().map(|w| &w.id));
        let ids =
            ids.chain(self.articles_added.iter().map(|a| &a.id)).chain(self.articles_changed.iter().map(|a| &a.id));
        let width = ids.map(|id| id.chars().count()).max().unwrap_or(0);
        let row = |id: &str, rest: &str| format!("  {id:<width$}  {rest}\n");
        let under = " ".repeat(width + 4);
        let mut section = |title: &str, rows: Vec<String>| {
            if !rows.is_empty() {
                out.push_str(&format!("\n{title}\n{}", rows.concat()));
            }
        };
        section("Added", self.added.iter().map(|e| row(&e.id, &e.title.en)).collect());
        let changed = self.changed.iter().map(|c| {
            let updated = c.updated.as_ref().map(|day| format!(" (updated {day})")).unwrap_or_default();
            let mut rows = row(&c.id, &format!("{}{updated}", c.title.en));
            rows.push_str(&format!("{under}fields: {}\n", c.fields.join(", ")));
            if let Some(note) = &c.update_note {
                rows.push_str(&format!("{under}note: {}\n", note.en));
            }
            rows
        });
        section("Changed", changed.collect());
        section(
            "Withdrawn",
            self.withdrawn.iter().map(|w| row(&w.id, &format!("{}  {}", w.date, w.reason.en))).collect(),
        );
        let vanished: Vec<String> = self.vanished.iter().map(|e| row(&e.id, &e.title.en)).collect();
        let note = "  Each id below needs a `withdrawn` record: an event id never disappears silently.\n";
        section("Vanished", if vanished.is_empty() { vanished } else { [vec![note.to_owned()], vanished].concat() });
        section("Articles added", self.articles_added.iter().map(|a| row(&a.id, &a.title.en)).collect());
        let articles = self
            .articles_changed
            .iter()
            .map(|a| format!("{}{under}fields: {}\n", row(&a.id, &a.title.en), a.fields.join(", ")));
        section("Articles changed", articles.collect());
        section("Warnings", self.warnings.iter().map(|w| format!("  - {w}\n")).collect());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event record with the given id, summary and dates (`None`: left out, as in schema 1).
    fn event(id: &str, summary: &str, dates: Option<(&str, &str)>) -> String {
        let dates = dates.map(|(f, u)| format!(r#","first_published":"{f}","updated":"{u}""#)).unwrap_or_default();
        format!(
            r#"{{"id":"{id}","date":"2014","date_precision":"year","type":"statement","parties":["GB","QA"],
            "topics":["diplomatic_relations"],"tone":"conflictual","title":{{"ar":"عنوان","en":"Title {id}"}},
            "summary":{{"ar":"ملخص","en":"{summary}"}},"sources":[{{"article":"a004","quote":"نص"}}]{dates}}}"#
        )
    }

    fn doc(schema: u64, version: &str, events: &[String], withdrawn: &str) -> WireDoc {
        let withdrawn = if withdrawn.is_empty() { String::new() } else { format!(r#","withdrawn":[{withdrawn}]"#) };
        let json = format!(
            r#"{{"schema_version":{schema},"dataset_version":"{version}","licence":"CC-BY-4.0","articles":[],
            "countries":[],"actors":[],"events":[{}]{withdrawn}}}"#,
            events.join(",")
        );
        parse_doc(&json).unwrap_or_else(|e| panic!("{e}\n{json}"))
    }

    fn withdrawn(id: &str) -> String {
        let (title, reason) = (r#"{"ar":"عنوان","en":"Title"}"#, r#"{"ar":"خطأ","en":"A duplicate"}"#);
        format!(r#"{{"id":"{id}","title":{title},"date":"2026-12-01","reason":{reason}}}"#)
    }

    fn ids(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.id.as_str()).collect()
    }

    fn old_release() -> WireDoc {
        let evs = ["a", "b", "c", "d", "e"].map(|id| event(id, "Same", None));
        doc(1, "2026-11-23.1", &evs, "")
    }

    /// An article record whose dating note is `note` (JSON).
    fn article(id: &str, note: &str) -> String {
        format!(
            r#"{{"id":"{id}","seed_file":"{id}.txt","text":"articles/{id}.txt","title":{{"ar":"عنوان","en":"Title {id}"}},
            "published":"2014-11","published_precision":"month","published_note":{note}}}"#
        )
    }

    #[test]
    fn articles_added_and_changed_are_listed_by_field() {
        let with = |version: &str, articles: &[String]| {
            let mut d = doc(2, version, &[event("a", "Same", Some(("2026-11-23", "2026-11-23")))], "");
            d.articles = articles.iter().map(|a| serde_json::from_str(a).unwrap()).collect();
            d
        };
        let old = with("2026-11-23.1", &[article("a000", r#""From the report.""#), article("a001", r#""Same.""#)]);
        let new = with(
            "2026-12-07.1",
            &[
                article("a000", r#"{"ar":"من التقرير.","en":"From the report."}"#),
                article("a001", r#""Same.""#),
                article("a002", r#""New.""#),
            ],
        );
        let d = diff(&old, &new);
        assert_eq!(ids(&d.articles_added), ["a002"]);
        assert_eq!(
            d.articles_changed,
            [ArticleChanged {
                id: "a000".into(),
                title: Text { ar: "عنوان".into(), en: "Title a000".into() },
                fields: vec!["published_note".into()]
            }]
        );
        // The header counts the articles after the events; each has its section.
        let table = d.table();
        let head = "2026-11-23.1 → 2026-12-07.1: 0 added, 0 changed, 0 withdrawn, 0 vanished, 1 unchanged; articles: \
                    1 added, 1 changed\n";
        assert!(table.starts_with(head), "{table}");
        assert!(table.contains("\nArticles added\n  a002  Title a002\n"), "{table}");
        assert!(table.contains("\nArticles changed\n  a000  Title a000\n        fields: published_note\n"), "{table}");
        // The release history carries them.
        let (history, _) = super::super::changes::history(vec![old, new]);
        assert_eq!(history.releases[0].articles_changed, d.articles_changed);
        assert_eq!(ids(&history.releases[0].articles_added), ["a002"]);
    }

    #[test]
    fn added_changed_withdrawn_vanished_and_unchanged() {
        let old = old_release();
        let was = Some(("2026-11-23", "2026-11-23"));
        let evs = [
            event("f", "New", Some(("2026-12-01", "2026-12-01"))),
            event("b", "Corrected", Some(("2026-11-23", "2026-12-01"))),
            event("a", "Same", was),
            event("e", "Same", was),
        ];
        let new = doc(2, "2026-12-01.1", &evs, &withdrawn("c"));
        let d = diff(&old, &new);
        assert_eq!(ids(&d.added), ["f"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!((d.changed[0].id.as_str(), d.changed[0].updated.as_deref()), ("b", Some("2026-12-01")));
        assert_eq!(d.changed[0].fields, ["summary", "updated"]);
        assert_eq!(d.withdrawn.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["c"]);
        assert_eq!(ids(&d.vanished), ["d"]);
        assert_eq!(d.unchanged, 2);
        assert_eq!(d.warnings, Vec::<String>::new());
        let table = d.table();
        assert!(table
            .starts_with("2026-11-23.1 → 2026-12-01.1: 1 added, 1 changed, 1 withdrawn, 1 vanished, 2 unchanged\n"));
        assert!(table.contains("\nVanished\n") && table.contains("needs a `withdrawn` record"), "{table}");
        assert!(table.contains("\n  b  Title b (updated 2026-12-01)\n     fields: summary, updated\n"), "{table}");
        assert!(!table.contains("Warnings"), "{table}");
    }

    #[test]
    fn a_withdrawal_already_in_the_old_release_is_not_listed_again() {
        let evs = [event("a", "Same", Some(("2026-11-23", "2026-11-23")))];
        let old = doc(2, "2026-11-23.1", &evs, &withdrawn("z"));
        let new = doc(2, "2026-12-01.1", &evs, &withdrawn("z"));
        let d = diff(&old, &new);
        assert!(d.withdrawn.is_empty() && d.vanished.is_empty() && d.changed.is_empty());
        assert_eq!(d.unchanged, 1);
        assert_eq!(
            d.table(),
            "2026-11-23.1 → 2026-12-01.1: 0 added, 0 changed, 0 withdrawn, 0 vanished, 1 unchanged\n"
        );
        // A withdrawal record dropped later is the id disappearing: vanished.
        let d = diff(&new, &doc(2, "2026-12-02.1", &evs, ""));
        assert_eq!(d.vanished.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["z"]);
    }

    #[test]
    fn schema_1_and_its_migration_with_explicit_dates_diff_as_unchanged() {
        let old = old_release();
        let evs = ["a", "b", "c", "d", "e"].map(|id| event(id, "Same", Some(("2026-11-23", "2026-11-23"))));
        let new = doc(2, "2026-11-23.1", &evs, "");
        let d = diff(&old, &new);
        assert_eq!(d.unchanged, 5);
        assert!(d.added.is_empty() && d.changed.is_empty() && d.vanished.is_empty() && d.warnings.is_empty());
        assert_eq!(old, new);
    }

    #[test]
    fn migrate_dates_every_event_of_a_schema_1_document() {
        let old = old_release();
        assert_eq!(old.schema_version, SCHEMA_VERSION);
        for e in &old.events {
            assert_eq!((e.first_published.as_deref(), e.updated.as_deref()), (Some("2026-11-23"), Some("2026-11-23")));
        }
        // A schema-1 record that already carries its dates keeps them.
        let kept = doc(1, "2026-11-23.1", &[event("a", "x", Some(("2025-01-02", "2025-03-04")))], "");
        assert_eq!(kept.events[0].first_published.as_deref(), Some("2025-01-02"));
        // A schema-2 document only takes the current version, even without dates.
        let mut two = doc(2, "2026-12-01", &[event("a", "x", None)], "");
        migrate(&mut two).unwrap();
        assert_eq!((two.schema_version, two.events[0].updated.as_deref()), (SCHEMA_VERSION, None));
    }

    #[test]
    fn migrate_needs_a_release_day_and_a_known_schema() {
        let mut undated = old_release();
        undated.schema_version = 1;
        undated.dataset_version = "next".into();
        undated.events[0].first_published = None;
        assert!(migrate(&mut undated).unwrap_err().contains("no release day"));
        undated.schema_version = 9;
        assert!(migrate(&mut undated).unwrap_err().contains("schema_version 9 is not supported"));
        // Without events to date, a version without a day is no obstacle.
        let mut empty = doc(1, "next", &[], "");
        assert_eq!(migrate(&mut empty), Ok(()));
    }

    #[test]
    fn warns_about_dates_that_did_not_move_or_are_out_of_place() {
        let old = old_release();
        let evs = [
            event("a", "Corrected", Some(("2026-11-23", "2026-11-23"))),
            event("f", "New", Some(("2027-01-01", "2027-01-01"))),
            event("g", "New", Some(("2026-01-01", "2026-01-01"))),
            event("c", "Same", Some(("2026-11-23", "2026-11-23"))),
        ];
        let d = diff(&old, &doc(2, "2026-12-01.1", &evs, &withdrawn("c")));
        assert_eq!(d.changed[0].fields, ["summary"]);
        assert_eq!(
            d.warnings,
            [
                "a: changed (summary) but updated did not move (2026-11-23)",
                "f: added with first_published 2027-01-01, after this release's day 2026-12-01",
                "g: added with first_published 2026-01-01, before the previous release's day 2026-11-23",
                "c: withdrawn but still among the events",
            ]
        );
        let listed: Vec<String> = d.warnings.iter().map(|w| format!("  - {w}\n")).collect();
        assert!(d.table().ends_with(&format!("\nWarnings\n{}", listed.concat())), "{}", d.table());
        let back = diff(&doc(2, "2026-12-01.1", &[], ""), &doc(2, "2026-11-23.2", &[], ""));
        assert_eq!(back.warnings, ["dataset_version 2026-11-23.2 comes before 2026-12-01.1"]);
    }

    #[test]
    fn versions_sort_by_day_then_release_number() {
        let mut v = ["2026-12-01", "2026-11-23.10", "2026-11-23.2", "2026-11-23", "2026-12-01.1"];
        v.sort_by(|a, b| version_order(a, b));
        assert_eq!(v, ["2026-11-23", "2026-11-23.2", "2026-11-23.10", "2026-12-01", "2026-12-01.1"]);
        assert_eq!(version_order("2026-11-23.2", "2026-11-23.10"), Ordering::Less);
        assert_eq!(version_order("2026-11-23.10", "2026-12-01"), Ordering::Less);
        assert_eq!(version_order("2026-12-01.1", "2026-12-01.1"), Ordering::Equal);
        assert_eq!(release_day("2026-11-23.1").as_deref(), Some("2026-11-23"));
        assert_eq!(release_day("2026-02-30.1"), None);
        assert_eq!(release_day("v1"), None);
    }

    /// The field names are the wire's: every top-level key of a full record, in the file's order.
    #[test]
    fn changed_fields_are_every_wire_field_by_its_json_name_in_order() {
        let full: WireEvent = serde_json::from_str(&event("x", "y", Some(("2026-11-23", "2026-11-24")))).unwrap();
        let full = WireEvent {
            initiator: Some("GB".into()),
            actors: vec!["gchq".into()],
            place: Some(Text { ar: "لندن".into(), en: "London".into() }),
            related: vec!["y".into()],
            update_note: Some(Text { ar: "تصحيح".into(), en: "Fixed".into() }),
            date_precision: Precision::Month,
            ..full
        };
        let names = changed_fields(&WireEvent::default(), &full);
        let json = serde_json::to_string(&full).unwrap();
        let keys = serde_json::to_value(&full).unwrap().as_object().unwrap().len();
        assert_eq!(names.len(), keys, "{names:?}");
        let at: Vec<usize> = names.iter().map(|n| json.find(&format!("\"{n}\":")).expect(n)).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?} out of order in {json}");
        assert_eq!(names[3], "type");
    }

    #[test]
    fn refuses_what_is_not_a_dataset_in_one_line() {
        let reason = |json: &str| parse_doc(json).unwrap_err();
        assert!(reason("{\"schema").starts_with("not JSON: "));
        assert_eq!(reason("[1, 2]"), "not a dataset: the top level is not a JSON object");
        assert_eq!(reason("\"text\""), "not a dataset: the top level is not a JSON object");
        assert_eq!(reason("{}"), "not a dataset: no schema_version");
        assert!(reason(r#"{"schema_version": 4}"#).starts_with("schema_version 4 is not supported"));
        assert!(reason(r#"{"schema_version": 2, "shards": []}"#).contains("sharded head"));
        assert!(reason(r#"{"schema_version": 2, "events": []}"#).contains("missing field"));
        assert!(["{\"schema", "[1]", "{}"].iter().all(|j| !reason(j).contains('\n')));
        let extra = r#"{"schema_version":1,"dataset_version":"2026-11-23","licence":"x","articles":[],"countries":[],
            "actors":[],"events":[],"colour":"red"}"#;
        assert!(parse_doc(extra).is_ok());
        assert_eq!(parse_doc_exact(extra).unwrap_err(), "fields outside the schema would be lost: $.colour");
    }
}
