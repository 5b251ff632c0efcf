//! `marsad-data add`: reviewed drafts into the dataset, as the next release.
//!
//! Pure: the command reads the files and writes what [`add`] returns. Nothing is written unless
//! everything checks: the drafts are reviewed (`"draft": false`), every quote is in the article
//! (under the validator's whitespace rule), ids are free, and the whole new document passes the
//! strict validator with the new article text in place.

use super::{DraftEvent, DraftFile};
use crate::data::date::PartialDate;
use crate::data::validate::{locate_quote, validate};
use crate::data::wire::{WireArticle, WireDoc, WireEvent, WireSource, SCHEMA_VERSION};

/// The new release.
#[derive(Debug)]
pub struct Added {
    pub doc: WireDoc,
    /// The article's id (`a005`) and text path relative to `events.json` (`articles/a005.txt`).
    pub article_id: String,
    pub article_path: String,
    pub events: Vec<String>,
    pub new_countries: Vec<String>,
    pub new_actors: Vec<String>,
}

/// The next article id: one past the highest `aNNN`, three digits at least.
pub fn next_article_id(doc: &WireDoc) -> Result<String, String> {
    let highest = doc.articles.iter().filter_map(|a| a.id.strip_prefix('a')?.parse::<u64>().ok()).max();
    match highest {
        None => Ok("a000".to_owned()),
        Some(n) => n.checked_add(1).map(|n| format!("a{n:03}")).ok_or_else(|| format!("no article id after a{n}")),
    }
}

/// The next `dataset_version`: `today.N+1` when the current version is from today, else `today.1`.
/// Refuses a current version dated after today (a wrong clock or `--date`).
pub fn next_version(current: &str, today: PartialDate) -> Result<String, String> {
    let day = today.to_string();
    let (date, n) = current.split_once('.').unwrap_or((current, ""));
    if date == day {
        let n: u64 = n.parse().map_err(|_| format!("dataset_version \"{current}\" is not YYYY-MM-DD.N"))?;
        let next = n.checked_add(1).ok_or_else(|| format!("no release after {current} on {day}"))?;
        return Ok(format!("{day}.{next}"));
    }
    if date > day.as_str() {
        return Err(format!("dataset_version \"{current}\" is after the release day {day}"));
    }
    Ok(format!("{day}.1"))
}

/// Merges `reviewed` (drafts of `article_text`) into `doc` as the release of `today`. `read`
/// gives the dataset's existing article texts by path (relative to `events.json`). The errors
/// say what to fix, one per line.
pub fn add(
    mut doc: WireDoc,
    article_text: &str,
    reviewed: DraftFile,
    today: PartialDate,
    read: &dyn Fn(&str) -> Option<String>,
) -> Result<Added, Vec<String>> {
    let mut errors = Vec::new();
    if doc.schema_version != SCHEMA_VERSION {
        return Err(vec![format!(
            "the dataset is at schema {}: run `marsad-data migrate` first (this build writes schema {SCHEMA_VERSION})",
            doc.schema_version
        )]);
    }
    if let Some(a) = doc.articles.iter().find(|a| read(&a.text).is_some_and(|t| t == article_text)) {
        return Err(vec![format!("this article is already in the dataset as {} ({})", a.id, a.text)]);
    }
    let note = &reviewed.article.published_note.0;
    if note.ar.trim().is_empty() || note.en.trim().is_empty() {
        errors.push(
            "article.published_note needs its \"ar\" and \"en\": say in one sentence, in each language, how the \
             publication date was found"
                .to_owned(),
        );
    }
    if reviewed.drafts.is_empty() {
        errors.push("REVIEWED.json has no events: an article enters the dataset with at least one".to_owned());
    }
    for (i, d) in reviewed.drafts.iter().enumerate() {
        check_event(i, d, article_text, &doc, &reviewed.drafts[..i], &mut errors);
    }
    let version = next_version(&doc.dataset_version, today).map_err(|e| vec![e])?;
    let article_id = next_article_id(&doc).map_err(|e| vec![e])?;
    if !errors.is_empty() {
        return Err(errors);
    }
    let article_path = format!("articles/{article_id}.txt");
    let a = reviewed.article;
    doc.articles.push(WireArticle {
        id: article_id.clone(),
        seed_file: a.seed_file,
        text: article_path.clone(),
        title: a.title,
        published: a.published,
        published_precision: a.published_precision,
        published_note: a.published_note,
        outlets: a.outlets,
    });
    let new_countries = merge_records(&mut doc.countries, reviewed.countries, |c| &c.code, |c| &mut c.aliases);
    let new_actors = merge_records(&mut doc.actors, reviewed.actors, |a| &a.id, |a| &mut a.aliases);
    let day = today.to_string();
    let events = reviewed.drafts.iter().map(|d| d.id.clone()).collect();
    doc.events.extend(reviewed.drafts.into_iter().map(|d| to_wire(d, &article_id, &day)));
    doc.dataset_version = version;
    let read_new = |p: &str| if p == article_path { Some(article_text.to_owned()) } else { read(p) };
    validated(&doc, &article_id, &read_new)?;
    Ok(Added { doc, article_id, article_path, events, new_countries, new_actors })
}

/// A reviewed draft as the dataset's event: its sources quote `article`, and it was first
/// published and last updated on `day`.
fn to_wire(d: DraftEvent, article: &str, day: &str) -> WireEvent {
    WireEvent {
        id: d.id,
        date: d.date,
        date_precision: d.date_precision,
        kind: d.kind,
        parties: d.parties,
        initiator: d.initiator,
        actors: d.actors,
        topics: d.topics,
        tone: d.tone,
        place: d.place,
        title: d.title,
        summary: d.summary,
        sources: d.sources.into_iter().map(|s| WireSource { article: article.to_owned(), quote: s.quote }).collect(),
        related: d.related,
        first_published: Some(day.to_owned()),
        updated: Some(day.to_owned()),
        update_note: None,
    }
}

/// The strict validator on the whole new document (`read` serves the new article's text too),
/// its lines naming events by id.
fn validated(doc: &WireDoc, article_id: &str, read: &dyn Fn(&str) -> Option<String>) -> Result<(), Vec<String>> {
    let json = serde_json::to_string(doc).map_err(|e| vec![format!("cannot write the dataset: {e}")])?;
    let problems = validate(&json, read);
    if problems.is_empty() {
        return Ok(());
    }
    // A refused article record makes every new event's source unknown: say it once.
    let article_refused = problems.iter().any(|p| p.path.starts_with("$.articles["));
    let echo = format!("unknown article \"{article_id}\"");
    let lines = problems.iter().filter(|p| !(article_refused && p.reason == echo));
    Err(lines.map(|p| name_event(doc, &p.to_string())).collect())
}

/// What is wrong with reviewed event `i`, before the validator sees the whole document.
fn check_event(i: usize, d: &DraftEvent, text: &str, doc: &WireDoc, earlier: &[DraftEvent], errors: &mut Vec<String>) {
    let at = format!("drafts[{i}] ({})", d.id);
    if d.draft {
        errors.push(format!("{at}: still marked as a draft: review it, then set \"draft\": false"));
    }
    if d.sources.is_empty() {
        errors.push(format!("{at}: no source: quote the sentence that reports it"));
    }
    for (j, s) in d.sources.iter().enumerate() {
        if locate_quote(text, &s.quote).is_none() {
            errors.push(format!("{at}: sources[{j}].quote is not in the article verbatim"));
        }
    }
    if doc.events.iter().any(|e| e.id == d.id) || earlier.iter().any(|e| e.id == d.id) {
        errors.push(format!("{at}: the id \"{}\" is taken", d.id));
    }
    if doc.withdrawn.iter().any(|w| w.id == d.id) {
        errors.push(format!("{at}: the id \"{}\" belonged to a withdrawn event and cannot be reused", d.id));
    }
}

/// Adds records that are new (by key) and merges the aliases of those already there (their
/// names and roles stay as reviewed before). Returns the new keys.
fn merge_records<T>(
    into: &mut Vec<T>,
    records: Vec<T>,
    key: fn(&T) -> &String,
    aliases: fn(&mut T) -> &mut Vec<String>,
) -> Vec<String> {
    let mut added = Vec::new();
    for mut r in records {
        let k = key(&r).clone();
        match into.iter_mut().find(|o| *key(o) == k) {
            Some(o) => super::extend_new(aliases(o), std::mem::take(aliases(&mut r))),
            None => {
                added.push(k);
                into.push(r);
            }
        }
    }
    added
}

/// A validator line with the event's id after its path (`$.events[46]` → `$.events[46] (id)`).
fn name_event(doc: &WireDoc, line: &str) -> String {
    let Some(rest) = line.strip_prefix("$.events[") else { return line.to_owned() };
    let Some((n, tail)) = rest.split_once(']') else { return line.to_owned() };
    match n.parse::<usize>().ok().and_then(|n| doc.events.get(n)) {
        Some(e) => format!("$.events[{n}] ({}){tail}", e.id),
        None => line.to_owned(),
    }
}
