//! Fetching data files: every request has a timeout, and every response the service worker holds
//! as a candidate gets the app's verdict, so the worker keeps only what the app could load (the
//! protocol is in ARCHITECTURE.md: `x-marsad-pending`, `x-marsad-want`, `marsad:verdict`).

use wasm_bindgen::{JsCast, JsValue};

use super::load::Failure;

/// How long a data request may take before the reader is told (`window.marsadTimeoutMs`, set by
/// a test's init script, shortens it).
const TIMEOUT_MS: u32 = 20_000;

/// What to ask the service worker for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// The network first (the worker's usual answer).
    Fresh,
    /// The last copy the app accepted, never the network.
    LastGood,
    /// The network even when a committed copy exists (a cached copy failed its check).
    Network,
}

/// A response's text and what the worker said about it.
pub struct Fetched {
    pub url: String,
    pub text: String,
    pub content_type: Option<String>,
    /// Set when the worker answered from its committed copy: why (`offline`, `server-error`,
    /// `stalled`, `invalid-update`).
    pub fallback: Option<String>,
    /// The network status behind a `server-error` fallback.
    pub status: Option<String>,
    /// The worker's candidate id, awaiting the app's verdict.
    pending: Option<String>,
    /// A committed copy served without asking the network (shards).
    pub from_cache: bool,
}

fn timeout_ms() -> u32 {
    let set = js_sys::Reflect::get(&leptos::prelude::window(), &"marsadTimeoutMs".into()).ok();
    set.and_then(|v| v.as_f64()).filter(|v| *v > 0.0).map_or(TIMEOUT_MS, |v| v as u32)
}

/// The page's controlling service worker, if any.
pub fn controller() -> Option<JsValue> {
    let nav = leptos::prelude::window().navigator();
    let sw = js_sys::Reflect::get(&nav, &"serviceWorker".into()).ok().filter(|v| !v.is_undefined())?;
    js_sys::Reflect::get(&sw, &"controller".into()).ok().filter(|c| !c.is_null() && !c.is_undefined())
}

/// The URL of `path` (relative to the site root, e.g. `data/events.json`), when this browser's own
/// resolution of it stays inside the data folder (the dataset's paths are held to an allow-list
/// already: `crate::data::path`). Resolved against the site root, not the page: a static page
/// may sit deeper.
fn data_url(path: &str) -> Option<String> {
    let origin = leptos::prelude::window().location().origin().ok()?;
    let root = format!("{origin}{}", super::url::root());
    let folder = web_sys::Url::new_with_base("data/", &root).ok()?.href();
    let target = web_sys::Url::new_with_base(path, &root).ok()?.href();
    (target.starts_with(&folder) && target.len() > folder.len()).then_some(target)
}

/// GET `path` (inside the data folder, relative to the site root) within the timeout.
pub async fn get(path: &str, want: Want) -> Result<Fetched, Failure> {
    let Some(url) = data_url(path) else {
        return Err(Failure::Malformed(format!("{path} is outside the data folder")));
    };
    let abort = web_sys::AbortController::new().ok();
    let signal = abort.as_ref().map(|a| a.signal());
    let ms = timeout_ms();
    let timer = abort.and_then(|a| {
        leptos::prelude::set_timeout_with_handle(move || a.abort(), std::time::Duration::from_millis(ms.into())).ok()
    });
    let mut req = gloo_net::http::Request::get(&url).abort_signal(signal.as_ref());
    req = match want {
        Want::Fresh => req,
        Want::LastGood => req.header("x-marsad-want", "last-good"),
        Want::Network => req.header("x-marsad-want", "network"),
    };
    let result = async {
        let resp = req.send().await.map_err(|e| network_failure(&e.to_string(), ms))?;
        if !resp.ok() {
            return Err(Failure::Network(format!("HTTP {} {}", resp.status(), resp.status_text())));
        }
        let h = resp.headers();
        let (fallback, status, pending) =
            (h.get("x-marsad-fallback"), h.get("x-marsad-status"), h.get("x-marsad-pending"));
        let (content_type, from_cache) =
            (h.get("content-type"), h.get("x-marsad-source").is_some_and(|s| s == "cache"));
        let text = resp.text().await.map_err(|e| network_failure(&e.to_string(), ms))?;
        Ok(Fetched { url: resp.url(), text, content_type, fallback, status, pending, from_cache })
    }
    .await;
    if let Some(t) = timer {
        t.clear();
    }
    result
}

/// A fetch that failed: aborted by the timeout, or no answer at all.
fn network_failure(detail: &str, ms: u32) -> Failure {
    if detail.contains("abort") || detail.contains("Abort") {
        Failure::Timeout(format!("no answer within {} s", ms.div_ceil(1000)))
    } else {
        Failure::Network(detail.to_owned())
    }
}

impl Fetched {
    /// Tells the worker whether the app could use this response: a candidate is committed or
    /// dropped; a committed copy that failed is deleted (so the next fetch asks the network).
    pub fn verdict(&self, ok: bool) {
        let Some(worker) = controller() else { return };
        let msg = js_sys::Object::new();
        let set = |k: &str, v: JsValue| drop(js_sys::Reflect::set(&msg, &k.into(), &v));
        set("type", "marsad:verdict".into());
        set("ok", ok.into());
        match (&self.pending, ok) {
            (Some(id), _) => set("id", id.as_str().into()),
            (None, false) => set("url", self.url.as_str().into()),
            (None, true) => return,
        }
        if let Ok(post) = js_sys::Reflect::get(&worker, &"postMessage".into()) {
            if let Some(post) = post.dyn_ref::<js_sys::Function>() {
                let _ = post.call1(&worker, &msg);
            }
        }
    }
}
