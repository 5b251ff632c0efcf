//! The dataset: wire types, validation and the validated, indexed [`Dataset`] the UI reads.
//!
//! Two stages, as in ripgrep's low-level/high-level arguments: `wire` is the JSON as sent;
//! [`load`] checks every record and builds a [`Dataset`] whose references are indices that are
//! guaranteed to resolve. A bad record is skipped and reported as a [`Problem`]; only a document
//! that is not a dataset at all (not JSON, wrong `schema_version`) is refused with a [`LoadError`].
//! This module never touches `web_sys`.

pub mod changes;
pub mod date;
pub mod diff;
pub mod packed;
pub mod path;
pub mod shard;
pub mod validate;
pub mod wire;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde_json::value::RawValue;

pub use crate::vocab::{EventType, Precision, Tone, Topic};
pub use date::PartialDate;
use packed::Packed;
pub use shard::ShardRef;
pub use wire::Text;
use wire::{WireActor, WireArticle, WireCountry, WireEvent, WireHead, WireWithdrawn, SCHEMA_VERSION, SCHEMA_VERSIONS};

/// Index into [`Dataset::countries`].
pub type CountryIx = u32;
/// Index into [`Dataset::actors`].
pub type ActorIx = u32;
/// Index into [`Dataset::articles`].
pub type ArticleIx = u32;
/// Index into [`Dataset::events`].
pub type EventIx = u32;

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub seed_file: String,
    pub text_path: String,
    pub title: Text,
    pub published: PartialDate,
    /// How the date was found; its Arabic is empty in a dataset written before it was asked for.
    pub published_note: Text,
    pub outlets: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: Text,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: Text,
    pub aliases: Vec<String>,
    pub country: Option<CountryIx>,
    pub role: Text,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub article: ArticleIx,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    /// First and last day covered (days since 1970-01-01), from the date and its precision.
    pub span: (i32, i32),
    pub kind: EventType,
    pub parties: Vec<CountryIx>,
    pub initiator: Option<CountryIx>,
    pub actors: Vec<ActorIx>,
    pub topics: Vec<Topic>,
    pub tone: Tone,
    /// The title, summary, sources and place, in one allocation: [`Event::title`],
    /// [`Event::summary`], [`Event::sources`] (never empty: an event without a source is not
    /// loaded), [`Event::place`].
    text: Packed,
    /// The related events' ids as the record names them (not itself). Resolved per dataset by
    /// [`Dataset::related`]: an event is shared by every snapshot of a load, which number their
    /// events differently, and a link to an event not (yet) present resolves to nothing.
    pub related_ids: Vec<String>,
    /// The record's history: the day it first appeared in a release and the day it last changed
    /// (a schema-1 dataset's records take its release day; `None` only when that version is
    /// not a date), and what the last correction changed.
    pub first_published: Option<PartialDate>,
    pub updated: Option<PartialDate>,
    pub update_note: Option<Box<Text>>,
}

impl Event {
    /// Where the texts are in `text`: the title and summary (Arabic, English), a quote per
    /// source (the numbers are the sources' articles), then the place's two names if it has one.
    const QUOTES: usize = 4;

    fn pack(title: &Text, summary: &Text, sources: &[Source], place: Option<&Text>) -> Packed {
        let articles: Vec<ArticleIx> = sources.iter().map(|s| s.article).collect();
        let texts = [&title.ar, &title.en, &summary.ar, &summary.en].into_iter().map(String::as_str);
        let quotes = sources.iter().map(|s| s.quote.as_str());
        let place = place.into_iter().flat_map(|p| [p.ar.as_str(), p.en.as_str()]);
        Packed::new(&articles, texts.chain(quotes).chain(place))
    }

    fn text_pair(&self, at: usize) -> Text {
        Text { ar: self.text.text(at), en: self.text.text(at + 1) }
    }

    pub fn title(&self) -> Text {
        self.text_pair(0)
    }

    pub fn summary(&self) -> Text {
        self.text_pair(2)
    }

    pub fn place(&self) -> Option<Text> {
        let at = Event::QUOTES + self.text.numbers().len();
        (self.text.texts() > at).then(|| self.text_pair(at))
    }

    /// The sources' articles, in the record's order (never empty).
    pub fn source_articles(&self) -> impl ExactSizeIterator<Item = ArticleIx> + '_ {
        self.text.numbers()
    }

    /// The sources, in the record's order (never empty).
    pub fn sources(&self) -> impl ExactSizeIterator<Item = Source> + '_ {
        self.text.numbers().enumerate().map(|(i, article)| Source { article, quote: self.text.text(Event::QUOTES + i) })
    }

    /// Every text of the event (titles, summaries, quotes, place names), each given to `f` in
    /// turn in one reused buffer: what the search index reads.
    pub fn each_text(&self, f: impl FnMut(&str)) {
        self.text.each_text(f);
    }

    /// The texts as they are stored (the search index's worker is sent them so).
    pub fn packed(&self) -> &Packed {
        &self.text
    }
}

/// An event taken out of the dataset: what the app shows at its old address.
#[derive(Clone, Debug, PartialEq)]
pub struct Withdrawn {
    pub id: String,
    pub title: Text,
    pub date: PartialDate,
    pub reason: Text,
}

/// A validated dataset with the indexes every view needs, built once per load.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub dataset_version: String,
    pub licence: String,
    pub articles: Vec<Article>,
    pub countries: Vec<Country>,
    pub actors: Vec<Actor>,
    /// The schema version the document was written in.
    pub schema_version: u64,
    /// Withdrawn events, sorted by id.
    pub withdrawn: Vec<Withdrawn>,
    /// Sorted by date (start of span), then id. Shared, not copied, between the snapshots of a
    /// load: at 100,000 events each copy would cost about 130 MB of wasm memory.
    pub events: Vec<Arc<Event>>,
    country_by_code: HashMap<String, CountryIx>,
    /// Event indices sorted by id: [`Dataset::event_ix`] is a binary search (4 bytes an event,
    /// where a map of ids would copy each id).
    by_id: Vec<EventIx>,
    /// Where each event of the load stands in `events`, in the order they were accepted (the
    /// head's, then each shard's as it arrived). A later snapshot of the same load only adds to
    /// the end: the search index is built in this order while shards arrive.
    pub arrival: Vec<EventIx>,
}

impl Dataset {
    pub fn country_ix(&self, code: &str) -> Option<CountryIx> {
        self.country_by_code.get(code).copied()
    }

    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        let at = self.by_id.binary_search_by(|&ix| self.events[ix as usize].id.as_str().cmp(id)).ok()?;
        Some(self.by_id[at])
    }

    /// The withdrawal record of an id that is no longer an event.
    pub fn withdrawn(&self, id: &str) -> Option<&Withdrawn> {
        self.withdrawn.binary_search_by(|w| w.id.as_str().cmp(id)).ok().map(|at| &self.withdrawn[at])
    }

    /// The events `e` relates to that this dataset has, in the record's order.
    pub fn related<'a>(&'a self, e: &'a Event) -> impl Iterator<Item = EventIx> + 'a {
        e.related_ids.iter().filter_map(|id| self.event_ix(id))
    }

    pub fn country(&self, ix: CountryIx) -> &Country {
        &self.countries[ix as usize]
    }

    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix as usize]
    }

    pub fn article(&self, ix: ArticleIx) -> &Article {
        &self.articles[ix as usize]
    }

    pub fn event(&self, ix: EventIx) -> &Event {
        &self.events[ix as usize]
    }

    /// The day the data was published, read from a version of the form `YYYY-MM-DD[.N]`.
    pub fn as_of(&self) -> Option<PartialDate> {
        PartialDate::parse(self.dataset_version.get(..10)?, Precision::Day).ok()
    }

    /// Year range covered by the events, if any.
    pub fn year_range(&self) -> Option<(i32, i32)> {
        let first = self.events.first()?.date.year;
        let last = self.events.iter().map(|e| e.date.year).max()?;
        Some((first, last))
    }
}

/// One thing wrong with the input: where (a JSON path) and why (one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem { path: path.into(), reason: reason.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Why a document could not be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON; the parser's message.
    NotJson(String),
    /// JSON, but not a dataset object (the reason says what is missing).
    NotADataset(String),
    /// A `schema_version` this build does not read.
    UnsupportedSchema(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(m) => write!(f, "not valid JSON: {m}"),
            LoadError::NotADataset(m) => write!(f, "not a Marsad dataset: {m}"),
            LoadError::UnsupportedSchema(v) => {
                write!(f, "schema_version {v} is not supported (this explorer reads versions 1 to {SCHEMA_VERSION})")
            }
        }
    }
}

/// A dataset plus the records that were skipped, each with its reason.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub skipped: Vec<Problem>,
}

/// Parses and validates `json`. Bad records are skipped and listed in [`Loaded::skipped`].
/// A sharded head's shards are not read (see [`Loader`]); only its own events are loaded.
pub fn load(json: &str) -> Result<Loaded, LoadError> {
    Ok(Loader::head(json)?.finish())
}

/// Loads a dataset in steps: the head document, then any number of shards (in any order), with a
/// usable [`Loaded`] snapshot between steps. Ids, duplicates and related links are checked across
/// everything added; a related link to an event no step supplied is reported by [`Loader::finish`].
///
/// The document is never built as a `serde_json::Value` tree: each record is kept as raw text
/// and deserialised straight into its wire type, which at 100,000 events saves most of the
/// memory and time a `Value` tree would cost.
pub struct Loader {
    b: Builder,
    /// The head's shard list, newest years first (empty for a monolithic document).
    pub shards: Vec<ShardRef>,
    /// The head's event records, as their text, until all are checked ([`Loader::check_head`]).
    unchecked: Vec<Box<RawValue>>,
    /// The next of them to check (its place in the head's events: `$.events[i]`).
    next: usize,
    /// The shard list's problems, reported after the head's events'.
    shard_problems: Vec<Problem>,
}

impl Loader {
    /// The head document, every record checked.
    pub fn head(json: &str) -> Result<Loader, LoadError> {
        let mut loader = Loader::head_unchecked(json)?;
        loader.check_head(usize::MAX);
        Ok(loader)
    }

    /// The head document with its event records still to check, a few at a time
    /// ([`Loader::check_head`]): the browser parses a document in one task and checks its
    /// events in others. Whatever fails here fails [`Loader::head`] too; a bad event record
    /// never does.
    pub fn head_unchecked(json: &str) -> Result<Loader, LoadError> {
        let top: WireHead = serde_json::from_str(json).map_err(|e| head_error(json, e))?;
        let schema = schema_version(top.schema_version)?;
        let text_field =
            |raw: Option<&RawValue>| raw.and_then(|r| serde_json::from_str::<String>(r.get()).ok()).unwrap_or_default();
        let (articles, countries) = (list("articles", top.articles)?, list("countries", top.countries)?);
        let (actors, events) = (list("actors", top.actors)?, list("events", top.events)?);
        let mut b = Builder::default();
        b.dataset.dataset_version = text_field(top.dataset_version);
        b.dataset.licence = text_field(top.licence);
        b.dataset.schema_version = schema;
        b.release_day = b.dataset.as_of();
        if b.dataset.dataset_version.is_empty() {
            b.skip("$.dataset_version", "missing or empty");
        }
        b.articles(&articles);
        b.countries(&countries);
        b.actors(&actors);
        if let Some(raw) = top.withdrawn {
            b.withdrawn(raw);
        }
        let before = b.skipped.len();
        let shards = match top.shards {
            Some(raw) => b.shard_list(raw),
            None => Vec::new(),
        };
        let shard_problems = b.skipped.split_off(before);
        let unchecked = events.into_iter().map(RawValue::to_owned).collect();
        Ok(Loader { b, shards, unchecked, next: 0, shard_problems })
    }

    /// Checks up to `n` more of the head's event records; true once all are (the loader's other
    /// methods expect that).
    pub fn check_head(&mut self, n: usize) -> bool {
        let end = self.unchecked.len().min(self.next.saturating_add(n));
        let items: Vec<&RawValue> = self.unchecked[self.next..end].iter().map(|r| &**r).collect();
        self.b.events(&items, "", self.next);
        self.next = end;
        let done = end == self.unchecked.len();
        if done {
            (self.unchecked, self.next) = (Vec::new(), 0);
            self.b.skipped.append(&mut self.shard_problems);
        }
        done
    }

    /// Adds one shard's text. A shard that fails its hash or does not parse is reported and
    /// left out; its bad records are skipped like the head's.
    pub fn add_shard(&mut self, shard: &ShardRef, text: &str) {
        self.check_head(usize::MAX);
        match shard::shard_events(shard, text) {
            Ok(events) => self.b.events(&events, &format!("{} ", shard.path), 0),
            Err(p) => self.b.skipped.push(p),
        }
    }

    /// Records that a shard could not be fetched.
    pub fn shard_failed(&mut self, shard: &ShardRef, why: &str) {
        self.b.skip(shard.path.clone(), format!("could not be loaded ({why})"));
    }

    /// The events accepted so far, in arrival order (a later step only adds to the end), and the
    /// dataset that names their countries and actors (the head's, which shards do not change):
    /// what the search index reads while shards arrive.
    pub fn arrived(&self) -> (&[Arc<Event>], &Dataset) {
        debug_assert!(self.unchecked.is_empty(), "events arrived before the head's are checked");
        (&self.b.accepted, &self.b.dataset)
    }

    /// Whether the records in so far decide what `id` is, so that no shard still to come can
    /// change it: an event record with that id was checked (accepted, or refused for something
    /// other than a parse error or a bad id: a later record with it is a duplicate), or it is
    /// withdrawn. A single event's widget stops its load there (`ui::load`).
    pub fn settles(&self, id: &str) -> bool {
        self.b.declared.get(id) == Some(&true) || self.b.dataset.withdrawn(id).is_some()
    }

    /// The dataset so far; loading can go on. It shares the events with the loader and with other
    /// snapshots (only the order and the id index are its own).
    pub fn snapshot(&self) -> Loaded {
        debug_assert!(self.unchecked.is_empty(), "a snapshot before the head's events are checked");
        Loaded { dataset: self.b.assemble(&self.b.accepted), skipped: self.b.skipped.clone() }
    }

    /// The finished dataset. A related link to an event that no record declared is reported.
    pub fn finish(mut self) -> Loaded {
        self.check_head(usize::MAX);
        let dataset = self.b.assemble(&self.b.accepted);
        let unknown = self.b.unknown_links();
        let mut skipped = self.b.skipped;
        skipped.extend(unknown);
        Loaded { dataset, skipped }
    }
}

/// The character a JSON object's text begins with, the opening brace (named, not written as a
/// literal: a lone brace in a literal throws off tools that count braces, such as the function
/// length check, which measured `head_error` to the end of the file).
const OBJECT_OPENS: char = '\u{7b}';

/// Why the head document does not parse.
fn head_error(json: &str, e: serde_json::Error) -> LoadError {
    match e.classify() {
        serde_json::error::Category::Data if !json.trim_start().starts_with(OBJECT_OPENS) => {
            LoadError::NotADataset("the top level is not an object".into())
        }
        // Say what is wrong with the object: a duplicate key, a field of the wrong kind.
        serde_json::error::Category::Data => LoadError::NotADataset(reason(e)),
        _ => LoadError::NotJson(e.to_string()),
    }
}

/// The head's `schema_version`, if it is one this app reads.
fn schema_version(raw: Option<&RawValue>) -> Result<u64, LoadError> {
    let raw = raw.ok_or_else(|| LoadError::NotADataset("schema_version is missing".into()))?;
    match serde_json::from_str::<u64>(raw.get()) {
        Ok(v) if SCHEMA_VERSIONS.contains(&v) => Ok(v),
        _ => Err(LoadError::UnsupportedSchema(raw.get().to_owned())),
    }
}

/// A required top-level array, as raw records.
fn list<'a>(key: &str, raw: Option<&'a RawValue>) -> Result<Vec<&'a RawValue>, LoadError> {
    let raw = raw.ok_or_else(|| LoadError::NotADataset(format!("{key} is missing")))?;
    serde_json::from_str(raw.get()).map_err(|_| LoadError::NotADataset(format!("{key} is not an array")))
}

/// A serde error as a one-line reason; the JSON path already says where.
fn reason(e: serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[derive(Default)]
struct Builder {
    /// Everything but the events, which [`Builder::assemble`] sorts and indexes.
    dataset: Dataset,
    skipped: Vec<Problem>,
    article_by_id: HashMap<String, ArticleIx>,
    actor_by_id: HashMap<String, ActorIx>,
    /// Events that passed their checks, in arrival order.
    accepted: Vec<Arc<Event>>,
    /// Where each accepted event with related links came from, to report a link to an id that
    /// no record declared once everything is in.
    linked: Vec<(String, Arc<Event>)>,
    /// Every event id present in the input, including records that were skipped, and whether
    /// an event with it was accepted (duplicates are rejected across the head and all shards).
    declared: HashMap<Box<str>, bool>,
    /// The day of the dataset's version: a schema-1 record's history, and the latest day a
    /// record's history may name.
    release_day: Option<PartialDate>,
}

/// An event's first-published day, last-updated day and update note.
type History = (Option<PartialDate>, Option<PartialDate>, Option<Box<Text>>);

/// The longest id an event may have: its URL must hold it (`query` reads no longer one).
pub const MAX_ID_LEN: usize = 200;

/// An event id: a slug of at most [`MAX_ID_LEN`] bytes.
pub fn is_event_id(id: &str) -> bool {
    id.len() <= MAX_ID_LEN && is_slug(id)
}

/// Whether a response is an article text: served as plain text (or untyped), and not an HTML
/// page (a maintenance or error page) in its place. The one rule for article texts, in the app
/// and in what it tells the service worker.
pub fn is_article_text(content_type: Option<&str>, text: &str) -> bool {
    let plain = content_type.is_none_or(|t| t.trim().to_ascii_lowercase().starts_with("text/plain"));
    let start: String = text.trim_start().chars().take(14).collect::<String>().to_ascii_lowercase();
    plain && !start.starts_with("<!doctype html") && !start.starts_with("<html")
}

/// Ids are lowercase ASCII slugs: `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// True when `s` contains at least one letter of the Arabic script.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// Checks a bilingual text: both present, Arabic in Arabic script. Returns the problems found.
fn check_text(path: &str, t: &Text) -> Vec<Problem> {
    let mut out = Vec::new();
    if t.ar.trim().is_empty() {
        out.push(Problem::new(format!("{path}.ar"), "empty Arabic text"));
    } else if !has_arabic(&t.ar) {
        out.push(Problem::new(format!("{path}.ar"), "Arabic text contains no Arabic script"));
    }
    if t.en.trim().is_empty() {
        out.push(Problem::new(format!("{path}.en"), "empty English text"));
    }
    out
}

impl Builder {
    fn skip(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Problem::new(path, reason));
    }

    /// Deserialises one record; on failure records the problem and returns `None`.
    fn parse<T: serde::de::DeserializeOwned>(&mut self, path: &str, raw: &RawValue) -> Option<T> {
        match serde_json::from_str(raw.get()) {
            Ok(t) => Some(t),
            Err(e) => {
                self.skip(path, reason(e));
                None
            }
        }
    }

    /// Records the first problem of a record (it is skipped) and says whether there was one.
    fn reject(&mut self, problems: Vec<Problem>) -> bool {
        match problems.into_iter().next() {
            Some(p) => {
                self.skipped.push(p);
                true
            }
            None => false,
        }
    }

    /// The head's shard list: a bad entry is skipped and named, the others kept.
    fn shard_list(&mut self, raw: &RawValue) -> Vec<ShardRef> {
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
            self.skip("$.shards", "is not an array");
            return Vec::new();
        };
        let mut shards = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("$.shards[{i}]");
            let Some(s) = self.parse::<ShardRef>(&path, item) else { continue };
            if path::is_data_path(&s.path) {
                shards.push(s);
            } else {
                self.skip(format!("{path}.path"), "must be a relative path inside the data folder");
            }
        }
        shards
    }

    /// The head's withdrawn events: a bad record is skipped and named, the others kept (sorted
    /// by id for [`Dataset::withdrawn`]). Their ids count as declared: a related link to one
    /// is not an unknown event, and an event may not reuse one.
    fn withdrawn(&mut self, raw: &RawValue) {
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
            self.skip("$.withdrawn", "is not an array");
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let path = format!("$.withdrawn[{i}]");
            let Some(w) = self.parse::<WireWithdrawn>(&path, item) else { continue };
            let mut problems = Vec::new();
            if !is_event_id(&w.id) {
                problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is not an event id", w.id)));
            } else if self.declared.contains_key(w.id.as_str()) {
                problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is withdrawn twice", w.id)));
            }
            let date = self.day(&format!("{path}.date"), Some(&w.date), &mut problems);
            problems.extend(check_text(&format!("{path}.title"), &w.title));
            problems.extend(check_text(&format!("{path}.reason"), &w.reason));
            if self.reject(problems) {
                continue;
            }
            let Some(date) = date else { continue };
            self.declared.insert(w.id.clone().into_boxed_str(), false);
            self.dataset.withdrawn.push(Withdrawn { id: w.id, title: w.title, date, reason: w.reason });
        }
        // Through the app's one sort (`sort::by`): a sort of its own compiles 3.6 KB of wasm.
        let withdrawn = std::mem::take(&mut self.dataset.withdrawn);
        self.dataset.withdrawn = crate::sort::by(withdrawn, &|a: &Withdrawn, b: &Withdrawn| a.id.cmp(&b.id));
    }

    /// A day of a record's history (`YYYY-MM-DD`), not after the release day.
    fn day(&self, path: &str, text: Option<&str>, problems: &mut Vec<Problem>) -> Option<PartialDate> {
        let Some(text) = text else {
            problems.push(Problem::new(path, "missing (from schema 2 every record carries its history)"));
            return None;
        };
        match PartialDate::parse(text, Precision::Day) {
            Ok(d) if self.release_day.is_some_and(|r| d.span().0 > r.span().0) => {
                problems.push(Problem::new(path, format!("{text} is after the dataset's release day")));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(Problem::new(path, e));
                None
            }
        }
    }

    /// An event's history: both days from the record (schema 2) or the release day (schema 1
    /// records without them), `updated` not before `first_published`, and a note only on a
    /// record that changed after it was first published.
    fn history(&self, path: &str, e: &mut WireEvent, problems: &mut Vec<Problem>) -> History {
        let old = self.dataset.schema_version < 2;
        let mut day = |field: &str, text: &Option<String>| match text {
            None if old => self.release_day,
            text => self.day(&format!("{path}.{field}"), text.as_deref(), problems),
        };
        let (first, updated) = (day("first_published", &e.first_published), day("updated", &e.updated));
        if let (Some(f), Some(u)) = (first, updated) {
            if u.span().0 < f.span().0 {
                problems.push(Problem::new(format!("{path}.updated"), "is before first_published"));
            } else if u == f && e.update_note.is_some() {
                problems.push(Problem::new(
                    format!("{path}.update_note"),
                    "a record never updated after it was first published has no update note",
                ));
            }
        }
        if let Some(note) = &e.update_note {
            problems.extend(check_text(&format!("{path}.update_note"), note));
        }
        (first, updated, e.update_note.take().map(Box::new))
    }

    fn articles(&mut self, items: &[&RawValue]) {
        for (i, v) in items.iter().enumerate() {
            let path = format!("$.articles[{i}]");
            let Some(a) = self.parse::<WireArticle>(&path, v) else { continue };
            let mut problems = Vec::new();
            if !is_slug(&a.id) {
                problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is not a lowercase slug", a.id)));
            } else if self.article_by_id.contains_key(&a.id) {
                problems.push(Problem::new(format!("{path}.id"), format!("duplicate article id \"{}\"", a.id)));
            }
            let published = PartialDate::parse(&a.published, a.published_precision);
            if let Err(e) = &published {
                problems.push(Problem::new(format!("{path}.published"), e.clone()));
            }
            if !path::is_data_path(&a.text) {
                problems.push(Problem::new(format!("{path}.text"), "must be a relative path inside the data folder"));
            }
            problems.extend(check_text(&format!("{path}.title"), &a.title));
            // One English sentence (as first written), or the sentence in both languages.
            let note = &a.published_note.0;
            if !note.ar.is_empty() {
                problems.extend(check_text(&format!("{path}.published_note"), note));
            } else if note.en.trim().is_empty() {
                problems.push(Problem::new(format!("{path}.published_note"), "empty text"));
            }
            for (j, o) in a.outlets.iter().enumerate() {
                problems.extend(check_text(&format!("{path}.outlets[{j}]"), o));
            }
            if self.reject(problems) {
                continue;
            }
            let Ok(published) = published else { continue };
            self.article_by_id.insert(a.id.clone(), self.dataset.articles.len() as ArticleIx);
            self.dataset.articles.push(Article {
                id: a.id,
                seed_file: a.seed_file,
                text_path: a.text,
                title: a.title,
                published,
                published_note: a.published_note.0,
                outlets: a.outlets,
            });
        }
    }

    fn countries(&mut self, items: &[&RawValue]) {
        for (i, v) in items.iter().enumerate() {
            let path = format!("$.countries[{i}]");
            let Some(c) = self.parse::<WireCountry>(&path, v) else { continue };
            let mut problems = Vec::new();
            if !is_country_code(&c.code) {
                problems.push(Problem::new(
                    format!("{path}.code"),
                    format!("\"{}\" is not an ISO 3166-1 alpha-2 code", c.code),
                ));
            } else if self.dataset.country_by_code.contains_key(&c.code) {
                problems.push(Problem::new(format!("{path}.code"), format!("duplicate country code \"{}\"", c.code)));
            }
            problems.extend(check_text(&format!("{path}.name"), &c.name));
            if self.reject(problems) {
                continue;
            }
            self.dataset.country_by_code.insert(c.code.clone(), self.dataset.countries.len() as CountryIx);
            self.dataset.countries.push(Country { code: c.code, name: c.name, aliases: c.aliases });
        }
    }

    fn actors(&mut self, items: &[&RawValue]) {
        for (i, v) in items.iter().enumerate() {
            let path = format!("$.actors[{i}]");
            let Some(a) = self.parse::<WireActor>(&path, v) else { continue };
            let mut problems = Vec::new();
            if !is_slug(&a.id) {
                problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is not a lowercase slug", a.id)));
            } else if self.actor_by_id.contains_key(&a.id) {
                problems.push(Problem::new(format!("{path}.id"), format!("duplicate actor id \"{}\"", a.id)));
            }
            let country = match &a.country {
                Some(code) => match self.dataset.country_ix(code) {
                    Some(ix) => Some(ix),
                    None => {
                        problems.push(Problem::new(format!("{path}.country"), format!("unknown country \"{code}\"")));
                        None
                    }
                },
                None => None,
            };
            problems.extend(check_text(&format!("{path}.name"), &a.name));
            problems.extend(check_text(&format!("{path}.role"), &a.role));
            if self.reject(problems) {
                continue;
            }
            self.actor_by_id.insert(a.id.clone(), self.dataset.actors.len() as ActorIx);
            self.dataset.actors.push(Actor { id: a.id, name: a.name, aliases: a.aliases, country, role: a.role });
        }
    }

    /// Checks event records; `prefix` names the file they came from (empty for the head), and
    /// `first` is the first one's place in it.
    fn events(&mut self, items: &[&RawValue], prefix: &str, first: usize) {
        #[derive(serde::Deserialize)]
        struct IdOnly {
            id: Option<String>,
        }
        let parsed: Vec<Result<WireEvent, serde_json::Error>> =
            items.iter().map(|raw| serde_json::from_str(raw.get())).collect();
        // Related links may point forward, to other shards, and to records that fail to parse
        // (those are reported on their own): every id present counts as declared.
        for (p, raw) in parsed.iter().zip(items) {
            let id = match p {
                Ok(e) => Some(e.id.clone()),
                Err(_) => serde_json::from_str::<IdOnly>(raw.get()).ok().and_then(|r| r.id),
            };
            if let Some(id) = id {
                self.declared.entry(id.into_boxed_str()).or_insert(false);
            }
        }
        for (i, p) in parsed.into_iter().enumerate() {
            let path = format!("{prefix}$.events[{}]", first + i);
            match p {
                Ok(e) => self.event(path, e),
                Err(err) => self.skip(&path, reason(err)),
            }
        }
    }

    /// Checks one event; accepts it or records its first problem.
    fn event(&mut self, path: String, mut e: WireEvent) {
        let mut problems = Vec::new();
        if self.dataset.withdrawn(&e.id).is_some() {
            problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is a withdrawn event's id", e.id)));
        } else if !is_slug(&e.id) {
            problems.push(Problem::new(format!("{path}.id"), format!("\"{}\" is not a lowercase slug", e.id)));
        } else if !is_event_id(&e.id) {
            problems.push(Problem::new(format!("{path}.id"), format!("longer than {MAX_ID_LEN} characters")));
        } else if self.declared.insert(e.id.clone().into_boxed_str(), true) == Some(true) {
            problems.push(Problem::new(format!("{path}.id"), format!("duplicate event id \"{}\"", e.id)));
        }
        let date = PartialDate::parse(&e.date, e.date_precision);
        if let Err(reason) = &date {
            problems.push(Problem::new(format!("{path}.date"), reason.clone()));
        }
        let parties = self.parties(&path, &e.parties, &mut problems);
        let initiator = self.initiator(&path, e.initiator.as_deref(), &parties, &mut problems);
        let mut actors = Vec::new();
        for (j, id) in e.actors.iter().enumerate() {
            match self.actor_by_id.get(id) {
                Some(ix) => actors.push(*ix),
                None => problems.push(Problem::new(format!("{path}.actors[{j}]"), format!("unknown actor \"{id}\""))),
            }
        }
        if e.topics.is_empty() {
            problems.push(Problem::new(format!("{path}.topics"), "an event needs at least one topic"));
        }
        problems.extend(check_text(&format!("{path}.title"), &e.title));
        problems.extend(check_text(&format!("{path}.summary"), &e.summary));
        if let Some(place) = &e.place {
            problems.extend(check_text(&format!("{path}.place"), place));
        }
        let sources = self.sources(&path, &e.sources, &mut problems);
        let (first_published, updated, update_note) = self.history(&path, &mut e, &mut problems);
        for (j, id) in e.related.iter().enumerate() {
            if id == &e.id {
                problems.push(Problem::new(format!("{path}.related[{j}]"), "an event cannot relate to itself"));
            }
        }
        if self.reject(problems) {
            return;
        }
        let Ok(date) = date else { return };
        let mut topics = e.topics;
        topics.dedup();
        let event = Event {
            id: e.id,
            span: date.span(),
            date,
            kind: e.kind,
            parties,
            initiator,
            actors,
            topics,
            tone: e.tone,
            text: Event::pack(&e.title, &e.summary, &sources, e.place.as_ref()),
            related_ids: e.related,
            first_published,
            updated,
            update_note,
        };
        let event = Arc::new(event);
        if !event.related_ids.is_empty() {
            self.linked.push((path, event.clone()));
        }
        self.accepted.push(event);
    }

    fn parties(&self, path: &str, codes: &[String], problems: &mut Vec<Problem>) -> Vec<CountryIx> {
        let mut parties = Vec::new();
        if codes.is_empty() {
            problems.push(Problem::new(format!("{path}.parties"), "an event needs at least one party"));
        }
        for (j, code) in codes.iter().enumerate() {
            match self.dataset.country_ix(code) {
                Some(ix) if parties.contains(&ix) => problems
                    .push(Problem::new(format!("{path}.parties[{j}]"), format!("country \"{code}\" listed twice"))),
                Some(ix) => parties.push(ix),
                None => {
                    problems.push(Problem::new(format!("{path}.parties[{j}]"), format!("unknown country \"{code}\"")))
                }
            }
        }
        parties
    }

    fn initiator(
        &self,
        path: &str,
        code: Option<&str>,
        parties: &[CountryIx],
        problems: &mut Vec<Problem>,
    ) -> Option<CountryIx> {
        let code = code?;
        let reason = match self.dataset.country_ix(code) {
            Some(ix) if parties.contains(&ix) => return Some(ix),
            Some(_) => format!("initiator \"{code}\" is not one of the parties"),
            None => format!("unknown country \"{code}\""),
        };
        problems.push(Problem::new(format!("{path}.initiator"), reason));
        None
    }

    fn sources(&self, path: &str, sources: &[wire::WireSource], problems: &mut Vec<Problem>) -> Vec<Source> {
        if sources.is_empty() {
            problems.push(Problem::new(format!("{path}.sources"), "an event needs at least one source"));
        }
        let mut out = Vec::new();
        for (j, s) in sources.iter().enumerate() {
            match self.article_by_id.get(&s.article) {
                Some(ix) => out.push(Source { article: *ix, quote: s.quote.clone() }),
                None => problems.push(Problem::new(
                    format!("{path}.sources[{j}].article"),
                    format!("unknown article \"{}\"", s.article),
                )),
            }
            if s.quote.trim().is_empty() {
                problems.push(Problem::new(format!("{path}.sources[{j}].quote"), "empty quote"));
            }
        }
        out
    }

    /// The dataset of `accepted`: events sorted by date, indexed by id.
    fn assemble(&self, accepted: &[Arc<Event>]) -> Dataset {
        let mut order: Vec<u32> = (0..accepted.len() as u32).collect();
        crate::sort::indices(&mut order, &|a, b| {
            let (a, b) = (&accepted[a as usize], &accepted[b as usize]);
            (a.span.0, &a.id).cmp(&(b.span.0, &b.id))
        });
        let mut arrival = vec![0; accepted.len()];
        for (ix, &k) in order.iter().enumerate() {
            arrival[k as usize] = ix as EventIx;
        }
        let events: Vec<Arc<Event>> = order.iter().map(|&k| accepted[k as usize].clone()).collect();
        let mut by_id: Vec<EventIx> = (0..events.len() as EventIx).collect();
        crate::sort::indices(&mut by_id, &|a, b| events[a as usize].id.cmp(&events[b as usize].id));
        Dataset { events, by_id, arrival, ..self.dataset.clone() }
    }

    /// Related links to ids no input declared (a link to a declared but skipped record is
    /// dropped silently: that record is already reported).
    fn unknown_links(&self) -> Vec<Problem> {
        let mut unknown = Vec::new();
        for (path, e) in &self.linked {
            for (j, id) in e.related_ids.iter().enumerate() {
                if !self.declared.contains_key(id.as_str()) {
                    unknown.push(Problem::new(
                        format!("{path}.related[{j}]"),
                        format!("unknown event \"{id}\" (link left out)"),
                    ));
                }
            }
        }
        unknown
    }
}

#[cfg(test)]
mod tests;
