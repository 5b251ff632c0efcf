//! Atom feeds (RFC 4287) of the dataset, written by the build (`marsad-dist`): `feed.ar.xml` and
//! `feed.en.xml` at the site root, and `feeds/<CODE>.<lang>.xml` for each country.
//!
//! One entry per event, newest change first (`updated`, then `first_published`), at most
//! [`ENTRIES`]: a corrected event comes back to the top with its new `updated` and its note. An
//! entry's id is the event's query address (`<site>?event=<id>`, `&lang=en` in English), which
//! never changes, whether or not the event has a static page; its link is the page readers
//! open. Withdrawn events are RFC 6721 tombstones (`at:deleted-entry`) in the site-wide feeds,
//! so a reader's copy can drop them. Every text is escaped, and characters XML 1.0 cannot carry
//! are dropped, so no record can break a feed. This module never touches `web_sys`.

use crate::data::{Dataset, Event, PartialDate};
use crate::i18n::{format_date, Fmt, Lang};
use crate::page::{event_has_page, link};
use crate::query::{Query, Reading};

/// The most entries one feed holds.
pub const ENTRIES: usize = 50;

/// A feed's subject: the whole dataset, or one country's events.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    All,
    Country(&'a str),
}

/// The feed's path from the site root.
pub fn path(scope: Scope, lang: Lang) -> String {
    match scope {
        Scope::All => format!("feed.{}.xml", lang.code()),
        Scope::Country(code) => format!("feeds/{code}.{}.xml", lang.code()),
    }
}

/// The feed's title, also the `title` of the `<link rel="alternate">` that announces it.
pub fn title(scope: Scope, lang: Lang, ds: &Dataset) -> String {
    let base = match lang {
        Lang::Ar => "مرصد: أحداث الدبلوماسية السيبرانية",
        Lang::En => "Marsad: cyber-diplomacy events",
    };
    match scope {
        Scope::All => base.to_owned(),
        Scope::Country(code) => {
            let name = ds.country_ix(code).map_or(code, |c| lang.pick(&ds.country(c).name));
            format!("{base} — {name}")
        }
    }
}

/// Escapes `s` for XML text and attribute values (the HTML escape, which XML reads the same),
/// first dropping what XML 1.0 cannot hold: control characters other than tab and line breaks,
/// and U+FFFE/U+FFFF.
pub fn escape(s: &str) -> String {
    let allowed = |c: &char| matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'));
    crate::export::escape_html(&s.chars().filter(allowed).collect::<String>())
}

/// An RFC 3339 date-time for a day.
fn stamp(d: &PartialDate) -> String {
    format!("{d}T00:00:00Z")
}

/// The event's permanent query address: the entry's id and its tombstone's `ref`.
pub fn entry_id(site: &str, id: &str, lang: Lang) -> String {
    link(site, &Query { event: Some(id.to_owned()), lang, ..Query::default() }, &|_| false)
}

/// The events of `scope`, newest change first, at most [`ENTRIES`].
fn entries<'a>(ds: &'a Dataset, scope: Scope) -> Vec<&'a Event> {
    let country = match scope {
        Scope::All => None,
        Scope::Country(code) => Some(ds.country_ix(code)),
    };
    let mut events: Vec<&Event> = ds
        .events
        .iter()
        .map(|e| &**e)
        .filter(|e| country.is_none_or(|c| c.is_some_and(|c| e.parties.contains(&c))))
        .collect();
    let key = |e: &Event| (e.updated.map(|d| d.span().0), e.first_published.map(|d| d.span().0), e.span.0);
    events.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id)));
    events.truncate(ENTRIES);
    events
}

fn entry(ds: &Dataset, e: &Event, site: &str, lang: Lang) -> String {
    let fmt = Fmt::new(lang, Reading::default());
    let q = Query { event: Some(e.id.clone()), lang, ..Query::default() };
    let href = link(site, &q, &|id| event_has_page(ds, id));
    let mut summary = format!("{} — {}", format_date(fmt, &e.date), lang.pick(&e.summary()));
    if let (Some(note), Some(day)) = (&e.update_note, e.updated) {
        let label = lang.strings().history_corrected;
        summary.push_str(&format!(" ({label} {}: {})", format_date(fmt, &day), lang.pick(note)));
    }
    let mut out = String::from("<entry>");
    out.push_str(&format!("<id>{}</id>", escape(&entry_id(site, &e.id, lang))));
    out.push_str(&format!("<title>{}</title>", escape(lang.pick(&e.title()))));
    out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", escape(&href)));
    if let Some(d) = e.first_published {
        out.push_str(&format!("<published>{}</published>", stamp(&d)));
    }
    // An undated record (schema 1 without a release day) counts as changed the day it began.
    let began = || {
        let (year, month, day) = crate::data::date::civil_from_days(e.span.0);
        PartialDate { year, month: Some(month), day: Some(day) }
    };
    let updated = stamp(&e.updated.or(e.first_published).unwrap_or_else(began));
    out.push_str(&format!("<updated>{updated}</updated>"));
    out.push_str(&format!("<summary>{}</summary>", escape(&summary)));
    out.push_str(&format!("<category term=\"{}\" label=\"{}\"/>", e.kind.id(), escape(e.kind.label(lang))));
    out.push_str("</entry>");
    out
}

/// The feed document. `site` is the site's public address, ending in `/`.
pub fn feed(ds: &Dataset, scope: Scope, lang: Lang, site: &str) -> String {
    let events = entries(ds, scope);
    let tombstones: Vec<_> = match scope {
        Scope::All => ds.withdrawn.iter().collect(),
        Scope::Country(_) => Vec::new(),
    };
    // The feed changed when its newest entry or tombstone did (the release day if empty).
    let newest = events
        .iter()
        .filter_map(|e| e.updated.or(e.first_published))
        .chain(tombstones.iter().map(|w| w.date))
        .max_by_key(|d| d.span().0)
        .or_else(|| ds.as_of());
    let updated = newest.map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| stamp(&d));
    let home = match scope {
        Scope::All => Query { lang, ..Query::default() },
        Scope::Country(code) => Query { lang, countries: vec![code.to_owned()], ..Query::default() },
    };
    let home = link(site, &home, &|_| false);
    let me = format!("{site}{}", path(scope, lang));
    let author = match lang {
        Lang::Ar => "مرصد",
        Lang::En => "Marsad",
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" \
         xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" xml:lang=\"{}\">",
        lang.code()
    );
    out.push_str(&format!("<id>{}</id>", escape(&me)));
    out.push_str(&format!("<title>{}</title>", escape(&title(scope, lang, ds))));
    out.push_str(&format!("<subtitle>{}</subtitle>", escape(lang.strings().tagline)));
    out.push_str(&format!("<updated>{updated}</updated>"));
    out.push_str(&format!("<author><name>{author}</name></author>"));
    out.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", escape(&me)));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
        lang.code(),
        escape(&home)
    ));
    out.push_str(&format!("<rights>{}</rights>", escape(&ds.licence)));
    out.push_str("<generator>Marsad</generator>\n");
    for e in events {
        out.push_str(&entry(ds, e, site, lang));
        out.push('\n');
    }
    for w in tombstones {
        out.push_str(&format!(
            "<at:deleted-entry ref=\"{}\" when=\"{}\"><at:comment>{}</at:comment></at:deleted-entry>\n",
            escape(&entry_id(site, &w.id, lang)),
            stamp(&w.date),
            escape(lang.pick(&w.reason))
        ));
    }
    out.push_str("</feed>\n");
    out
}
