//! Leptos components. The only module tree that touches the DOM.
//!
//! [`App`] reads the URL into the view state, loads the dataset, and shows either the full
//! explorer or one embed widget. Components read the shared [`Ctx`] from context and never parse
//! JSON themselves.

mod cards;
mod embed;
mod event;
mod explorer;
mod filters;
mod marks;
mod timeline;
pub mod url;

use std::sync::Arc;

use futures::StreamExt;

use leptos::prelude::*;

use crate::data::{self, Dataset, LoadError, Problem};
use crate::i18n::Lang;
use crate::query::{Query, Theme};
use crate::search::SearchIndex;
use crate::stats::{country_stats, CountryStats};

/// Everything derived from one dataset snapshot, built once and shared read-only.
pub struct Loaded {
    pub ds: Dataset,
    /// Built on the first search, not on the way to the first event.
    index: std::sync::OnceLock<SearchIndex>,
    pub stats: Vec<CountryStats>,
    pub skipped: Vec<Problem>,
    /// Set by the service worker when it answered from its cache: `offline` or `invalid-update`.
    pub fallback: Option<String>,
    /// Which snapshot of the load this is: event indices are only meaningful within one.
    pub generation: u32,
}

impl Loaded {
    fn new(loaded: data::Loaded, fallback: Option<String>, generation: u32) -> Arc<Loaded> {
        let stats = country_stats(&loaded.dataset);
        Arc::new(Loaded {
            ds: loaded.dataset,
            index: Default::default(),
            stats,
            skipped: loaded.skipped,
            fallback,
            generation,
        })
    }

    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.ds))
    }
}

/// Shared state: the loaded data and the view state (which mirrors the URL).
#[derive(Clone)]
pub struct Ctx {
    /// The newest snapshot. A sharded dataset arrives in steps, so views that show events read
    /// it reactively (or are rebuilt by a parent that does).
    pub data: RwSignal<Arc<Loaded>>,
    /// While shards are still arriving: (loaded, total).
    pub shards: RwSignal<Option<(usize, usize)>>,
    pub query: RwSignal<Query>,
    /// The language alone, so language-dependent views do not re-render on every filter change.
    pub lang_memo: Memo<Lang>,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.lang_memo.get()
    }

    /// The current snapshot, without subscribing to the next one.
    pub fn now(&self) -> Arc<Loaded> {
        self.data.get_untracked()
    }

    /// Changes the view state and records it in the URL: `replace` for typing, push otherwise.
    pub fn navigate(&self, f: impl FnOnce(&mut Query), replace: bool) {
        let mut q = self.query.get_untracked();
        f(&mut q);
        // Inside an embed every step replaces: the host page's back button must stay the host's.
        url::write(&q, replace || q.embed.is_some());
        self.query.set(q);
    }

    /// A link (`href`) to the state `f` makes of the current one.
    pub fn href(&self, f: impl FnOnce(&mut Query)) -> String {
        // Tracked: an `href` attribute built in a reactive closure follows the state.
        let mut q = self.query.get();
        f(&mut q);
        url::href(&q)
    }
}

/// Why loading failed, in the reader's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Network(String),
    Malformed(String),
    Schema(String),
}

/// Where the first load stands. Once `Ready`, later snapshots only replace [`Ctx::data`].
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Failed(Failure),
    Ready,
}

/// Fetches a data file as text, with the service worker's fallback marker if it set one.
async fn fetch_text(path: &str) -> Result<(String, Option<String>), Failure> {
    let resp = gloo_net::http::Request::get(path).send().await.map_err(|e| Failure::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(Failure::Network(format!("HTTP {} {}", resp.status(), resp.status_text())));
    }
    let fallback = resp.headers().get("x-marsad-fallback");
    let text = resp.text().await.map_err(|e| Failure::Network(e.to_string()))?;
    Ok((text, fallback))
}

/// A new snapshot at most this often while shards arrive (each one re-renders the views).
const SNAPSHOT_EVERY_MS: f64 = 1500.0;
/// Shard requests kept in flight at once.
const SHARDS_IN_FLIGHT: usize = 4;

/// Loads `events.json`, then its shards if it lists any: those covering the years in the URL
/// first, then newest first. The explorer appears after the first shard; later snapshots replace
/// the data in place, and the last one reports links to events no shard supplied.
async fn load_dataset(ctx: Ctx, phase: RwSignal<Phase>) {
    phase.set(Phase::Loading);
    let (text, fallback) = match fetch_text("data/events.json").await {
        Ok(t) => t,
        Err(f) => return phase.set(Phase::Failed(f)),
    };
    let mut loader = match data::Loader::head(&text) {
        Ok(l) => l,
        Err(e @ LoadError::UnsupportedSchema(_)) => return phase.set(Phase::Failed(Failure::Schema(e.to_string()))),
        Err(e) => return phase.set(Phase::Failed(Failure::Malformed(e.to_string()))),
    };
    drop(text);
    let (from, to) = ctx.query.with_untracked(|q| (q.from, q.to));
    let wanted = |s: &data::ShardRef| from.is_none_or(|f| s.to >= f) && to.is_none_or(|t| s.from <= t);
    let mut order: Vec<data::ShardRef> = loader.shards.iter().filter(|s| wanted(s)).cloned().collect();
    order.extend(loader.shards.iter().filter(|s| !wanted(s)).cloned());
    let total = order.len();
    let mut generation = 0;
    let mut last = f64::NEG_INFINITY;
    // A few requests in flight while the previous shard is parsed; results still arrive in order.
    let requests = order.iter().enumerate().map(|(k, shard)| {
        let path = format!("data/{}", shard.path);
        async move { (k + 1, shard, fetch_text(&path).await) }
    });
    let mut arriving = futures::stream::iter(requests).buffered(SHARDS_IN_FLIGHT);
    ctx.shards.set(Some((0, total)));
    while let Some((k, shard, result)) = arriving.next().await {
        match result {
            Ok((text, _)) => loader.add_shard(shard, &text),
            Err(f) => loader.shard_failed(shard, &failure_text(&f)),
        }
        ctx.shards.set(Some((k, total)));
        let now = js_sys::Date::now();
        if k < total && now - last >= SNAPSHOT_EVERY_MS {
            generation += 1;
            ctx.data.set(Loaded::new(loader.snapshot(), fallback.clone(), generation));
            phase.set(Phase::Ready);
            last = js_sys::Date::now();
        }
    }
    // Done before the last snapshot, so a view rebuilt by it knows nothing more is coming.
    ctx.shards.set(None);
    ctx.data.set(Loaded::new(loader.finish(), fallback, generation + 1));
    phase.set(Phase::Ready);
}

fn failure_text(f: &Failure) -> String {
    match f {
        Failure::Network(d) | Failure::Malformed(d) | Failure::Schema(d) => d.clone(),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let query = RwSignal::new(url::read());
    url::on_popstate(query);
    let lang_memo = Memo::new(move |_| query.with(|q| q.lang));

    // <html lang dir data-theme> follow the state.
    Effect::new(move |_| {
        let (lang, theme) = query.with(|q| (q.lang, q.theme));
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
            let _ = el.set_attribute("dir", lang.dir());
            let theme = match theme {
                Theme::Auto => "auto",
                Theme::Light => "light",
                Theme::Dark => "dark",
            };
            let _ = el.set_attribute("data-theme", theme);
        }
        document().set_title(lang.strings().app_name);
    });

    let empty = Loaded::new(data::Loaded::default(), None, 0);
    let ctx = Ctx { data: RwSignal::new(empty), shards: RwSignal::new(None), query, lang_memo };
    provide_context(ctx.clone());
    let phase = RwSignal::new(Phase::Loading);
    let start = {
        let ctx = ctx.clone();
        move || leptos::task::spawn_local(load_dataset(ctx.clone(), phase))
    };
    start();

    // Re-render the page only when the phase changes, never for a later snapshot.
    let phase_now = Memo::new(move |_| phase.get());
    move || {
        let lang = lang_memo.get();
        match phase_now.get() {
            Phase::Loading => view! { <p class="loading" role="status">{lang.strings().loading}</p> }.into_any(),
            Phase::Failed(failure) => {
                let start = start.clone();
                view! { <ErrorPanel failure lang on_retry=move || start() /> }.into_any()
            }
            Phase::Ready => match query.with_untracked(|q| q.embed) {
                Some(widget) => view! { <embed::EmbedView widget /> }.into_any(),
                None => view! { <explorer::Explorer /> }.into_any(),
            },
        }
    }
}

/// The translated error panel with a retry button: never a blank page.
#[component]
fn ErrorPanel(failure: Failure, lang: Lang, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let s = lang.strings();
    let (message, details) = match failure {
        Failure::Network(d) => (s.error_network, d),
        Failure::Malformed(d) => (s.error_malformed, d),
        Failure::Schema(d) => (s.error_schema, d),
    };
    view! {
        <main class="error-panel" role="alert">
            <h1>{s.error_title}</h1>
            <p>{message}</p>
            <details>
                <summary>{s.error_details}</summary>
                <pre dir="ltr">{details}</pre>
            </details>
            <button type="button" class="button primary" on:click=move |_| on_retry()>{s.retry}</button>
        </main>
    }
}
