//! Leptos components. The only module tree that touches the DOM.
//!
//! [`App`] reads the URL into the view state, loads the dataset (`load`), and shows the explorer
//! or one embed widget; both render the pure `crate::page::Page` the query names. Components read
//! the shared [`Ctx`] from context and never parse JSON themselves.
//!
//! Language: the app is built once. Each component renders its language-dependent part inside a
//! closure that reads [`Ctx::lang`], so a language switch re-renders text in place while state
//! (zoom, scroll, open panels) lives in signals outside those closures.
//!
//! Built with `ssr` alone (the build tool drawing static pages), the loading and embedding code
//! goes unused: hence the `dead_code` allowance in that build only.
#![cfg_attr(not(feature = "web"), allow(dead_code))]

mod ahead;
#[cfg(feature = "web")]
mod calendar;
mod cards;
pub mod changes;
mod charts;
mod chips;
mod cite;
mod compare;
mod controls;
mod downloads;
mod embed_dialog;
mod embed_view;
mod error;
mod event_list;
mod event_page;
mod explorer;
mod fetch;
mod filters;
mod header;
pub mod index_worker;
mod link;
mod load;
mod marks;
mod network;
mod notices;
mod reading;
#[cfg(feature = "ssr")]
pub mod render;
mod share;
mod source;
mod split;
mod takeover;
mod timeline;
mod timeline_marks;
pub mod url;

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{self, Dataset, Problem};
use crate::filter::{apply_hits, text_hits, Filtered};
use crate::i18n::{Fmt, Lang};
use crate::page::Page;
use crate::query::Query;
use crate::search::{IndexBuild, SearchIndex};

/// Everything derived from one dataset snapshot, built once and shared read-only.
pub struct Snapshot {
    pub ds: Dataset,
    /// Built off the way to the first event: a sharded load adds each shard's events as it
    /// arrives (`load::load_dataset`), then the complete snapshot finishes it in a task of its
    /// own; a single document's snapshot adds its events a slice at a time between tasks
    /// (`load::index_between_tasks`). A search before then finishes it.
    index: std::sync::OnceLock<SearchIndex>,
    /// The slices built so far.
    building: std::sync::Mutex<Option<IndexBuild>>,
    /// Set while the index is on its way from the worker (`load`): a search then waits for it
    /// rather than finishing the page's own build (a search typed as the last of 100,000 events
    /// came in blocked the page for about 2 s; the worker answers about 0.1 s after the last
    /// shard).
    coming: std::sync::atomic::AtomicBool,
    /// Notified when the index is in, or no longer coming: a waiting search runs then.
    settled: ArcTrigger,
    /// Events per country in the whole snapshot (cards say "of N" beside a filtered count).
    pub totals: Vec<usize>,
    /// What the filters read of each event, packed (`filter::Rows`).
    rows: crate::filter::Rows,
    pub skipped: Vec<Problem>,
    /// Set by the service worker when it answered from its cache (`offline`, `invalid-update`…).
    pub fallback: Option<String>,
    /// Which snapshot of the load this is: event indices are only meaningful within one.
    pub generation: u32,
    /// True for the last snapshot: every event the dataset has is in.
    pub complete: bool,
}

impl Snapshot {
    /// Country `c`'s name in `lang`.
    pub fn country_name(&self, lang: Lang, c: crate::data::CountryIx) -> String {
        lang.pick(&self.ds.country(c).name).to_owned()
    }

    fn new(loaded: data::Loaded, fallback: Option<String>, generation: u32, complete: bool) -> Arc<Snapshot> {
        let rows = crate::filter::Rows::of(&loaded.dataset);
        // The snapshot the reader filters: its first country toggle does not build the index.
        if complete {
            rows.index_countries();
        }
        let totals = rows.per_country(loaded.dataset.countries.len());
        Arc::new(Snapshot {
            rows,
            ds: loaded.dataset,
            index: Default::default(),
            building: Default::default(),
            coming: Default::default(),
            settled: ArcTrigger::new(),
            totals,
            skipped: loaded.skipped,
            fallback,
            generation,
            complete,
        })
    }

    /// The complete snapshot of a sharded load, with the index of the events built as its shards
    /// arrived (`load::load_dataset`).
    fn with_build(self: Arc<Self>, build: Option<IndexBuild>) -> Arc<Self> {
        if let (Some(build), Ok(mut slot)) = (build, self.building.lock()) {
            *slot = Some(build);
        }
        self
    }

    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| {
            let started = self.building.lock().ok().and_then(|mut b| b.take()).unwrap_or_default();
            let left = self.ds.arrival.len().saturating_sub(started.done());
            // Tests watch for this: a search that waits for the worker never gets here. (Not in
            // the static pages' native rendering, which has no console.)
            if left > 0 && cfg!(feature = "web") {
                let what = format!("marsad: {left} events indexed in a search's own task");
                web_sys::console::debug_1(&what.into());
            }
            started.finish(&self.ds)
        })
    }

    /// The index for a search now: `None` while the worker's is on its way (tracked: a memo that
    /// gets `None` runs again once it is in, or no longer coming).
    fn index_now(&self) -> Option<&SearchIndex> {
        if self.waits_for_index() {
            self.settled.track();
            return None;
        }
        Some(self.index())
    }

    /// Whether a search on this snapshot waits (its index is on its way, or a newer snapshot
    /// with one is: [`Snapshot::expect_index`]).
    fn waits_for_index(&self) -> bool {
        self.index.get().is_none() && self.coming.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The worker is building the index, or a newer snapshot comes with one (`load`): a search
    /// waits for it ([`Snapshot::settle`] ends that).
    fn expect_index(&self) {
        self.coming.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// The worker's index is in, or is not coming: a search waiting for it runs. False when it
    /// was settled already.
    fn settle(&self) -> bool {
        let was = self.coming.swap(false, std::sync::atomic::Ordering::Relaxed);
        if was {
            self.settled.notify();
        }
        was
    }
}

/// What the site says of itself, in context beside [`Ctx`]: its public address (ending in `/`:
/// the start of the absolute links a citation names), where corrections go (`crate::site`), and
/// the day (a citation's access date: the reader's in the app, the build's on a static page).
#[derive(Clone, Debug)]
pub struct SiteInfo {
    pub url: String,
    pub corrections: String,
    pub today: data::PartialDate,
}

impl SiteInfo {
    /// The app's: the address it is served from, the target the build wrote into the page, and
    /// the reader's day.
    #[cfg(feature = "web")]
    fn of_the_page() -> SiteInfo {
        let origin = window().location().origin().unwrap_or_default();
        let now = js_sys::Date::new_0();
        let (month, day) = (now.get_month() as u8 + 1, now.get_date() as u8);
        let today = data::PartialDate { year: now.get_full_year() as i32, month: Some(month), day: Some(day) };
        SiteInfo {
            url: format!("{origin}{}", url::root()),
            corrections: url::meta("marsad-corrections").unwrap_or_default(),
            today,
        }
    }
}

/// Shared state: the loaded data, the view state (which mirrors the URL), and what both derive.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The newest snapshot. A sharded dataset arrives in steps, so views that show events read
    /// it reactively (or are rebuilt by a parent that does).
    pub data: RwSignal<Arc<Snapshot>>,
    /// While shards are still arriving: (loaded, total).
    pub shards: RwSignal<Option<(usize, usize)>>,
    pub query: RwSignal<Query>,
    /// The language alone, so language-dependent text does not re-render on every filter change.
    lang: Memo<Lang>,
    /// The language and the reading options: how numbers and dates are written.
    fmt: Memo<Fmt>,
    /// Which view the query shows.
    pub page: Memo<Page>,
    /// True while the reader is typing a search: the first keystroke adds a history entry, the
    /// rest replace it, so Back returns to the state before the search.
    typing: StoredValue<bool>,
    /// The filtered events and facet counts of the current query, shared by every view.
    pub filtered: Memo<Filtered>,
    /// True while a search waits for the worker's index (`Snapshot::index_now`).
    pub searching: Memo<bool>,
    /// The site root links start from: absolute in the app (`/marsad/`), relative on a static
    /// page written by the build (`../../`).
    root: StoredValue<String>,
    /// Drawing a static page at build time, or the live app.
    pub mode: Mode,
}

/// Whether the components draw the live app or a static page (no browser, no geometry that
/// only the browser can measure, no `style` attributes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    App,
    Static,
}

/// How a navigation enters the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// A new entry (clicks, choices).
    Push,
    /// The current entry changes (nothing to go back to).
    Replace,
    /// A keystroke in the search field: a new entry for the first, then replacing it.
    Typing,
}

impl Ctx {
    /// Drawing a static page (only the build does: the browser's app compiles this to `false`).
    pub fn is_static(&self) -> bool {
        cfg!(feature = "ssr") && self.mode == Mode::Static
    }

    fn new(query: RwSignal<Query>, data: Arc<Snapshot>, root: String, mode: Mode) -> Ctx {
        let data = RwSignal::new(data);
        let filters = Memo::new(move |_| query.with(Query::filters_only));
        // The search's hits are kept while only the other filters change (at 100,000 events a
        // country toggle during a search ran the search again: ~1.5 ms, profiled).
        let text = Memo::new(move |_| query.with(|q| Query { q: q.q.clone(), ..Query::default() }));
        // `None` while the search waits for the worker's index: the text does not narrow the
        // events yet, and the result count says "Searching".
        let hits = Memo::new_with_compare(
            move |_| data.with(|d| text.with(|q| text_hits(|| d.index_now(), q))),
            // Computed again only when the text or the data changed: then it is new.
            |_, _| true,
        );
        let filtered = Memo::new(move |_| {
            data.with(|d| {
                filters.with(|q| hits.with(|h| apply_hits(&d.ds, &d.rows, h.as_ref().and_then(Option::as_ref), q)))
            })
        });
        Ctx {
            data,
            shards: RwSignal::new(None),
            query,
            lang: Memo::new(move |_| query.with(|q| q.lang)),
            fmt: Memo::new(move |_| query.with(|q| Fmt::new(q.lang, q.reading))),
            page: Memo::new(move |_| query.with(Page::of)),
            typing: StoredValue::new(false),
            filtered,
            searching: Memo::new(move |_| hits.with(Option::is_none)),
            root: StoredValue::new(root),
            mode,
        }
    }

    /// The interface language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// How numbers and dates are written: the language and the reading options (tracked).
    pub fn fmt(&self) -> Fmt {
        self.fmt.get()
    }

    /// The current snapshot, without subscribing to the next one.
    pub fn now(&self) -> Arc<Snapshot> {
        self.data.get_untracked()
    }

    /// Changes the view state and records it in the URL.
    pub fn navigate(&self, f: impl FnOnce(&mut Query), nav: Nav) {
        let mut q = self.query.get_untracked();
        f(&mut q);
        self.go(q, nav);
    }

    /// `navigate`'s work once the state is made (not generic: compiled once, not per caller).
    /// The link's unreadable parts go: the URL written no longer has them.
    fn go(&self, mut q: Query, nav: Nav) {
        q.unread.clear();
        let replace = match nav {
            Nav::Push => false,
            Nav::Replace => true,
            Nav::Typing => self.typing.get_value(),
        };
        self.typing.set_value(nav == Nav::Typing);
        // Inside an embed every step replaces: the host page's back button must stay the host's.
        let href = self.data.with_untracked(|d| self.link(d, &q));
        url::write(&href, replace || q.embed.is_some());
        self.show(q);
    }

    /// Sets the view state. An event page about to open in the explorer has its article's fetch
    /// begun first: the request is on its way while the page is drawn, not after.
    pub fn show(&self, q: Query) {
        let opens = q.embed.is_none() && self.query.with_untracked(|now| now.event != q.event);
        if let Some(ix) =
            q.event.as_deref().filter(|_| opens).and_then(|id| self.data.with_untracked(|d| d.ds.event_ix(id)))
        {
            source::fetch_ahead(*self, ix);
        }
        self.query.set(q);
    }

    /// A link (`href`) to the state `f` makes of the current one. Tracked: an `href` built in a
    /// reactive closure follows the state (and the data: an event's page is known once every
    /// shard is in), so it is never stale.
    pub fn href(&self, f: impl FnOnce(&mut Query)) -> String {
        let mut q = self.query.get();
        let from = q.event.clone();
        f(&mut q);
        self.href_to(q, from)
    }

    /// `href`'s work once the state is made, from the event page `from` (not generic).
    fn href_to(&self, mut q: Query, from: Option<String>) -> String {
        self.data.with(|d| {
            if self.is_static() {
                // Without JavaScript only static pages work: go to the nearest one.
                let has_page = |id: &str| crate::page::event_has_page(&d.ds, id);
                q = crate::page::static_target(&q, from.as_deref(), &has_page);
            }
            self.link(d, &q)
        })
    }

    /// The link to `q`: its static page where the build writes one, else the query string.
    fn link(&self, d: &Snapshot, q: &Query) -> String {
        self.root.with_value(|root| link_from(root, d, q))
    }

    /// The URL of a file of the site (`flags/gb.svg`) from the page drawn.
    pub fn asset(&self, path: &str) -> String {
        self.root.with_value(|root| format!("{root}{path}"))
    }

    /// An absolute link to `q` (for links that leave the page: shared, or out of an embed).
    pub fn absolute(&self, q: &Query) -> String {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}", self.data.with_untracked(|d| self.link(d, q)))
    }

    /// The clean, absolute link to share for the page shown, if it is one that can be shared.
    pub fn share_link(&self) -> Option<String> {
        let (lang, reading) = self.query.with_untracked(|q| (q.lang, q.reading));
        let q = self.page.with_untracked(|p| p.share(lang, reading))?;
        Some(self.absolute(&q))
    }
}

/// Raises a flag that says a part has been built (a disclosure's body at its first opening):
/// only once, as a signal's `set` notifies even when the value does not change, and what the
/// flag draws would be built again, losing its elements, focus and what was typed in them.
pub(crate) fn raise(flag: RwSignal<bool>) {
    if !flag.get_untracked() {
        flag.set(true);
    }
}

/// The link to `q` from a page whose site root is `root`: its static page where the build writes
/// one (an event's only once every event is in: a sharded load does not know the newest yet),
/// else the query string.
fn link_from(root: &str, d: &Snapshot, q: &Query) -> String {
    let has_page = |id: &str| d.complete && crate::page::event_has_page(&d.ds, id);
    crate::page::link(root, q, &has_page)
}

/// `<html lang dir data-theme>` and the document title follow the state.
#[cfg(feature = "web")]
fn document_attributes(ctx: Ctx) {
    // A memo, so a filter change sets nothing: setting `lang` or `dir` on the root, even to the
    // value it has, makes the browser recompute the whole page's style.
    let look = Memo::new(move |_| ctx.query.with(|q| (q.lang, q.theme)));
    Effect::new(move |_| {
        let (lang, theme) = look.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
            let _ = el.set_attribute("dir", lang.dir());
            let _ = el.set_attribute("data-theme", theme.id());
        }
    });
    Effect::new(move |_| {
        let title = ctx.data.with(|d| ctx.query.with(|q| ctx.page.with(|p| p.title(q, &d.ds))));
        url::set_title(&title);
    });
}

/// Starts the app: in place of a static page's content once ready, or at once.
#[cfg(feature = "web")]
pub fn start() {
    crate::i18n::set_hijri(calendar::hijri);
    url::pin_head_links();
    let Some((el, static_shown)) = url::mount_point() else { return };
    // In a task of its own, not the one that instantiated the wasm: two shorter tasks rather
    // than one long one while the reader may already be using the static page.
    set_timeout(
        move || {
            let handle = leptos::mount::mount_to(el, move || view! { <App static_shown /> });
            // The app lives as long as the page.
            handle.forget();
        },
        std::time::Duration::ZERO,
    );
}

#[cfg(feature = "web")]
#[component]
fn App(static_shown: bool) -> impl IntoView {
    let query = RwSignal::new(url::read());
    let empty = Snapshot::new(data::Loaded::default(), None, 0, false);
    let ctx = Ctx::new(query, empty, url::root(), Mode::App);
    url::on_popstate(move |q| {
        // Back or forward ends a typing session: the next keystroke starts a new entry.
        ctx.typing.set_value(false);
        ctx.show(q);
    });
    provide_context(ctx);
    provide_context(SiteInfo::of_the_page());
    document_attributes(ctx);
    let phase = RwSignal::new(load::Phase::Loading);
    let start = move || leptos::task::spawn_local(load::load_dataset(ctx, phase));
    start();
    let module_in = split::fetch_ahead(ctx);

    // Re-render only when the phase changes: never for a later snapshot or a language switch.
    // With no static page in sight, the page waits for its view's module and its open filter
    // panel's too: drawn before them, it would show "Loading this view…", then grow and move
    // what is below it.
    let phase_now = Memo::new(move |_| match phase.get() {
        load::Phase::Ready if !static_shown && !module_in.get() => load::Phase::Loading,
        p => p,
    });
    // A static page's content stays until the app has drawn the same page (or an error), its
    // parts each in a task (`takeover::Later`). The swap (and the re-measuring it sets off) runs
    // in a task of its own, after the drawing's.
    if static_shown {
        takeover::Takeover::start(move || phase_now.get() != load::Phase::Loading);
    }
    move || match phase_now.get() {
        load::Phase::Loading => {
            view! { <p class="loading" role="status">{move || ctx.lang().strings().loading}</p> }.into_any()
        }
        load::Phase::Failed(failure) => view! { <error::ErrorPanel failure on_retry=start /> }.into_any(),
        load::Phase::Ready => match query.with_untracked(|q| q.embed.is_some()) {
            true => view! { <split::SplitView split=embed_view::WIDGET /> }.into_any(),
            false => view! { <explorer::Explorer /> }.into_any(),
        },
    }
}
