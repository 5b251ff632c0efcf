//! "What's new" (`?view=changes`, static page `changes/`): every release of the dataset, newest
//! first, with its new, corrected and withdrawn events (each a link to its page; a withdrawn
//! one's page says why it was withdrawn), the source articles it added or corrected, its exact
//! file, and the Atom feeds. The history is
//! `data/changes.json` (`crate::data::changes`), fetched when the view opens; a static page has
//! it from the build.

use std::sync::Arc;

use leptos::prelude::*;

use super::link::Link;
use super::share::CopyLink;
use super::Ctx;
use crate::data::changes::{Changes, Release};
use crate::data::diff::{ArticleChanged, Changed, Entry};
use crate::data::wire::WireWithdrawn;
use crate::data::{PartialDate, Precision};
use crate::feed::{path as feed_path, Scope};
use crate::i18n::{field_label, format_date, number, Fmt, Lang, EVENTS};
use crate::query::Query;
use crate::vocab::View;

/// The release history a static page is drawn with (the build's `data/changes.json`).
#[derive(Clone, Default)]
pub struct StaticChanges(pub Option<Arc<Changes>>);

/// The history, once known: `None` while it loads.
type Loaded = Option<Result<Arc<Changes>, String>>;

/// A link to an event's page by id (present, or withdrawn: its page says so).
fn event_by_id(id: &str, title: String) -> impl IntoView {
    let id = id.to_owned();
    let to = move |q: &mut Query| {
        *q = Query { lang: q.lang, theme: q.theme, reading: q.reading, event: Some(id.clone()), ..Query::default() }
    };
    view! { <Link to><bdi>{title}</bdi></Link> }
}

fn day(fmt: Fmt, text: Option<&str>) -> Option<String> {
    let d = PartialDate::parse(text?, Precision::Day).ok()?;
    Some(format_date(fmt, &d))
}

fn added(fmt: Fmt, list: &[Entry]) -> impl IntoView {
    let lang = fmt.lang;
    let item = |e: &Entry| view! { <li>{event_by_id(&e.id, lang.pick(&e.title).to_owned())}</li> };
    (!list.is_empty())
        .then(|| section(fmt, fmt.strings().release_added, list.len(), list.iter().map(item).collect_view()))
}

/// The fields a correction changed, in the reader's words, each once (`date` and
/// `date_precision` are one "Date").
fn what_changed<'a>(lang: Lang, fields: impl IntoIterator<Item = &'a String>) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for f in fields {
        let label = field_label(lang, f);
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join(lang.list_sep())
}

fn changed(fmt: Fmt, list: &[Changed]) -> impl IntoView {
    let (lang, s) = (fmt.lang, fmt.strings());
    let item = move |c: &Changed| {
        // The record's own history is not news.
        let fields = c.fields.iter().filter(|f| !matches!(f.as_str(), "updated" | "update_note" | "first_published"));
        let fields = what_changed(lang, fields);
        let what = (!fields.is_empty()).then(|| {
            view! { <span class="what-changed">" (" {s.what_changed} ": " {fields} ")"</span> }
        });
        let note = c.update_note.as_ref().map(|n| view! { " — " <bdi>{lang.pick(n).to_owned()}</bdi> });
        view! { <li>{event_by_id(&c.id, lang.pick(&c.title).to_owned())} {what} {note}</li> }
    };
    (!list.is_empty()).then(|| section(fmt, s.release_changed, list.len(), list.iter().map(item).collect_view()))
}

/// A record named without a link (a vanished event has no page; nor has an article).
fn unlinked(lang: Lang, e: &Entry) -> impl IntoView {
    view! { <li><bdi>{lang.pick(&e.title).to_owned()}</bdi></li> }
}

/// The source articles a release added or corrected: no page of their own, so named, not linked
/// (their events are, above or on their pages).
fn articles(fmt: Fmt, added: &[Entry], changed: &[ArticleChanged]) -> impl IntoView {
    let (lang, s) = (fmt.lang, fmt.strings());
    let new = |e: &Entry| unlinked(lang, e);
    let fixed = move |a: &ArticleChanged| {
        view! {
            <li>
                <bdi>{lang.pick(&a.title).to_owned()}</bdi>
                <span class="what-changed">" (" {s.what_changed} ": " {what_changed(lang, &a.fields)} ")"</span>
            </li>
        }
    };
    let added = (!added.is_empty())
        .then(|| section(fmt, s.release_articles_added, added.len(), added.iter().map(new).collect_view()));
    let changed = (!changed.is_empty())
        .then(|| section(fmt, s.release_articles_changed, changed.len(), changed.iter().map(fixed).collect_view()));
    view! { {added} {changed} }
}

fn withdrawn(fmt: Fmt, list: &[WireWithdrawn]) -> impl IntoView {
    let lang = fmt.lang;
    let item = move |w: &WireWithdrawn| {
        let when = day(fmt, Some(&w.date)).unwrap_or_else(|| w.date.clone());
        view! {
            <li>
                {event_by_id(&w.id, lang.pick(&w.title).to_owned())} " — " {when} ": "
                <bdi>{lang.pick(&w.reason).to_owned()}</bdi>
            </li>
        }
    };
    (!list.is_empty())
        .then(|| section(fmt, fmt.strings().release_withdrawn, list.len(), list.iter().map(item).collect_view()))
}

fn section(fmt: Fmt, title: &'static str, n: usize, items: impl IntoView) -> impl IntoView {
    view! { <h4>{title} ": " {number(fmt, n)}</h4><ul class="release-events">{items}</ul> }
}

fn release(ctx: Ctx, fmt: Fmt, r: &Release) -> impl IntoView {
    let s = fmt.strings();
    let when = day(fmt, r.date.as_deref()).map(|d| view! { " · " <time datetime=r.date.clone()>{d}</time> });
    let count = EVENTS.count(fmt, r.events);
    let nothing = !r.initial && r.added.is_empty() && r.changed.is_empty() && r.withdrawn.is_empty();
    let lead = match (r.initial, nothing) {
        (true, _) => format!("{}: {count}.", s.release_first),
        (false, true) => format!("{count}. {}", s.release_nothing),
        (false, false) => format!("{count}."),
    };
    let vanished = (!r.vanished.is_empty()).then(|| {
        let item = |e: &Entry| unlinked(fmt.lang, e);
        section(fmt, s.release_vanished, r.vanished.len(), r.vanished.iter().map(item).collect_view())
    });
    let (id, heading) = (format!("release-{}", r.version), format!("release-{}", r.version));
    // Named with its release's heading: each release's link is a name of its own in a list of links.
    let (file_id, file_name) =
        (format!("release-{}-file", r.version), format!("release-{0}-file release-{0}", r.version));
    view! {
        <article class="release" aria-labelledby=heading>
            <h3 id=id>{s.release} " " <bdi dir="ltr">{r.version.clone()}</bdi> {when}</h3>
            <p>{lead}</p>
            {added(fmt, &r.added)}
            {changed(fmt, &r.changed)}
            {withdrawn(fmt, &r.withdrawn)}
            {vanished}
            {articles(fmt, &r.articles_added, &r.articles_changed)}
            <p>
                <a href=ctx.asset(&format!("data/{}", r.file)) download id=file_id aria-labelledby=file_name>
                    {s.release_download}
                </a>
            </p>
        </article>
    }
}

fn feeds(ctx: Ctx, lang: Lang) -> impl IntoView {
    let s = lang.strings();
    let link = move |l: Lang| {
        let (href, text) = (ctx.asset(&feed_path(Scope::All, l)), if l == Lang::Ar { s.feed_ar } else { s.feed_en });
        view! { <li><a href=href type="application/atom+xml" hreflang=l.code()>{text}</a></li> }
    };
    view! { <ul class="inline feeds">{link(lang)}{link(lang.other())}</ul> }
}

/// The history: given (static page) or fetched once.
fn history(ctx: Ctx) -> RwSignal<Loaded> {
    let given = if ctx.is_static() { use_context::<StaticChanges>().and_then(|c| c.0) } else { None };
    let loaded = RwSignal::new(given.map(Ok));
    #[cfg(feature = "web")]
    if loaded.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            let got =
                super::fetch::get(&format!("data/{}", crate::data::changes::PATH), super::fetch::Want::Fresh).await;
            let result = match got {
                Ok(f) => {
                    let parsed = serde_json::from_str::<Changes>(&f.text).map_err(|e| e.to_string());
                    f.verdict(parsed.is_ok());
                    parsed.map(Arc::new)
                }
                Err(e) => Err(e.details().to_owned()),
            };
            loaded.try_set(Some(result));
        });
    }
    loaded
}

#[component]
pub fn ChangesView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let loaded = history(ctx);
    move || {
        let fmt = ctx.fmt();
        let (lang, s) = (fmt.lang, fmt.strings());
        let body = match loaded.get() {
            None => view! { <p role="status">{s.changes_loading}</p> }.into_any(),
            Some(Err(why)) => {
                view! { <p role="alert">{s.changes_failed} " " <span class="details">{why}</span></p> }.into_any()
            }
            Some(Ok(c)) => c.releases.iter().map(|r| release(ctx, fmt, r)).collect_view().into_any(),
        };
        view! {
            <section class="card changes" aria-labelledby="changes-heading">
                <header class="view-head">
                    <h2 id="changes-heading">{View::Changes.label(lang)}</h2>
                    <CopyLink />
                </header>
                <p>{s.changes_intro}</p>
                {feeds(ctx, lang)}
                {body}
            </section>
        }
    }
}

super::split::split_view!(
    /// "What's new", from its own wasm module.
    CHANGES, changes, load_changes, changes_body, ChangesView
);
