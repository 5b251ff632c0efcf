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

use leptos::prelude::*;

use crate::data::{self, Dataset, LoadError, Problem};
use crate::i18n::Lang;
use crate::query::{Query, Theme};
use crate::search::SearchIndex;
use crate::stats::{country_stats, CountryStats};

/// Everything derived from one dataset load, built once and shared read-only.
pub struct Loaded {
    pub ds: Dataset,
    /// Built on the first search, not on the way to the first event.
    index: std::sync::OnceLock<SearchIndex>,
    pub stats: Vec<CountryStats>,
    pub skipped: Vec<Problem>,
    /// Set by the service worker when it answered from its cache: `offline` or `invalid-update`.
    pub fallback: Option<String>,
}

impl Loaded {
    pub fn index(&self) -> &SearchIndex {
        self.index.get_or_init(|| SearchIndex::build(&self.ds))
    }
}

/// Shared state: the loaded data and the view state (which mirrors the URL).
#[derive(Clone)]
pub struct Ctx {
    pub data: Arc<Loaded>,
    pub query: RwSignal<Query>,
    /// The language alone, so language-dependent views do not re-render on every filter change.
    pub lang_memo: Memo<Lang>,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.lang_memo.get()
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
#[derive(Clone, Debug)]
pub enum Failure {
    Network(String),
    Malformed(String),
    Schema(String),
}

async fn fetch_dataset() -> Result<Arc<Loaded>, Failure> {
    let resp =
        gloo_net::http::Request::get("data/events.json").send().await.map_err(|e| Failure::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(Failure::Network(format!("HTTP {} {}", resp.status(), resp.status_text())));
    }
    let fallback = resp.headers().get("x-marsad-fallback");
    let text = resp.text().await.map_err(|e| Failure::Network(e.to_string()))?;
    let loaded = data::load(&text).map_err(|e| match e {
        LoadError::UnsupportedSchema(_) => Failure::Schema(e.to_string()),
        _ => Failure::Malformed(e.to_string()),
    })?;
    let stats = country_stats(&loaded.dataset);
    Ok(Arc::new(Loaded { ds: loaded.dataset, index: Default::default(), stats, skipped: loaded.skipped, fallback }))
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

    let (attempt, set_attempt) = signal(0u32);
    let resource = LocalResource::new(move || {
        attempt.track();
        fetch_dataset()
    });

    move || {
        let lang = lang_memo.get();
        match resource.get() {
            None => view! { <p class="loading" role="status">{lang.strings().loading}</p> }.into_any(),
            Some(Err(failure)) => {
                view! { <ErrorPanel failure lang on_retry=move || set_attempt.update(|n| *n += 1) /> }.into_any()
            }
            Some(Ok(loaded)) => {
                let ctx = Ctx { data: loaded, query, lang_memo };
                provide_context(ctx.clone());
                match query.with_untracked(|q| q.embed) {
                    Some(widget) => view! { <embed::EmbedView widget /> }.into_any(),
                    None => view! { <explorer::Explorer /> }.into_any(),
                }
            }
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
