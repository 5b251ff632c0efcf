//! The browser side of "the URL is the state": read `location.search`, write history entries,
//! follow back/forward. Only the query string changes, never the path, so any static host and
//! any sub-path work without rewrite rules.

use leptos::prelude::*;

use crate::query::Query;

/// The view state in the current URL.
pub fn read() -> Query {
    let search = window().location().search().unwrap_or_default();
    Query::parse(&search)
}

/// A same-page link to `q`: `?…`, or the bare path for the default state.
pub fn href(q: &Query) -> String {
    let qs = q.to_query_string();
    if qs.is_empty() {
        window().location().pathname().unwrap_or_else(|_| "./".into())
    } else {
        format!("?{qs}")
    }
}

/// Records `q` in the history: a new entry, or replacing the current one (typing in search).
pub fn write(q: &Query, replace: bool) {
    let url = href(q);
    let current = window().location().search().unwrap_or_default();
    if current.trim_start_matches('?') == q.to_query_string() {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}

/// Calls `f` with the URL's state when the reader goes back or forward.
pub fn on_popstate(f: impl Fn(Query) + 'static) {
    let handle = window_event_listener(leptos::ev::popstate, move |_| f(read()));
    // The app lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}

/// The explorer's URL up to and including its last `/` (where `embed.js` and the app live).
pub fn base() -> String {
    let loc = window().location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{dir}")
}

/// An absolute link to `q` on this explorer (for links that leave an embed).
pub fn absolute(q: &Query) -> String {
    let qs = q.to_query_string();
    if qs.is_empty() {
        base()
    } else {
        format!("{}?{qs}", base())
    }
}
