//! The browser side of "the URL is the state": read the location (a static page's path and the
//! query string), write history entries, follow back/forward. A page with a static twin (home,
//! event, country, the cards; `crate::page::static_path`) has its path; every other state is the
//! query string on the site root, so any static host and any sub-path work without rewrites.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::query::Query;

thread_local! {
    /// The site root's path, from the page's `<meta name="marsad-root">` (a relative prefix
    /// such as `../../`, written by the build) resolved against the document.
    static ROOT: String = {
        let doc = document();
        let base = doc.base_uri().ok().flatten().unwrap_or_default();
        let meta = meta("marsad-root").unwrap_or_else(|| "./".into());
        web_sys::Url::new_with_base(&meta, &base).map(|u| u.pathname()).unwrap_or_else(|_| "/".into())
    };
}

/// The content of the page's `<meta name="{name}">`, as the build wrote it.
pub fn meta(name: &str) -> Option<String> {
    let selector = format!("meta[name={name}]");
    document().query_selector(&selector).ok().flatten().and_then(|m| m.get_attribute("content"))
}

/// The site root's path, ending in `/` (e.g. `/marsad/`).
pub fn root() -> String {
    ROOT.with(Clone::clone)
}

/// The view state in the current URL: the static page's state, with the query string on top.
pub fn read() -> Query {
    let loc = window().location();
    let (path, search) = (loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
    let relative = path.strip_prefix(&root()).unwrap_or("");
    let page = crate::page::from_path(relative).unwrap_or_default().to_query_string();
    Query::parse(&format!("{page}&{}", search.trim_start_matches('?')))
}

/// History entries not written yet, in order, and the title to set after them (`write`).
#[derive(Default)]
struct Pending {
    entries: Vec<(String, bool)>,
    title: Option<String>,
}

thread_local! {
    static PENDING: std::cell::RefCell<Pending> = std::cell::RefCell::default();
    /// The state of the entry before the current one (canonical: `Query::to_query_string`), when
    /// this page wrote the current one on top of it (none at the start, and after back or
    /// forward: the browser's order is not known then).
    static BEFORE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Goes back in the history, as the browser's Back button does (the entry's scroll and focus
/// restored), when the entry before the current one is the state `q`; says whether it did. By
/// state, not address: `/?lang=en` and `/en/` are one page.
pub fn back_to(q: &Query) -> bool {
    flush();
    let before = BEFORE.with_borrow(|b| b.as_deref() == Some(q.to_query_string().as_str()));
    before && window().history().is_ok_and(|h| h.back().is_ok())
}

/// Records `href` in the history: a new entry, or replacing the current one. The write waits for
/// the frame that draws the change (a task queued from that frame's callbacks) when nothing drawn
/// can change what it records: a replacement, or a new entry left at the top of the page (the
/// browser saves the scroll position of the entry left when the new one is written; at the top,
/// the change can neither anchor nor clamp it). Scrolled down, the entry is written at once, as
/// the reader's position is. Writes keep their order; a hidden page (no frames) writes at once;
/// back or forward drops what was not written yet (`on_popstate`).
pub fn write(href: &str, replace: bool) {
    let later = !document().hidden() && (replace || window().scroll_y().unwrap_or(0.0) <= 0.0);
    if !later {
        flush();
        write_now(href, replace);
        return;
    }
    let first = PENDING.with_borrow_mut(|p| {
        p.entries.push((href.to_owned(), replace));
        p.entries.len() == 1
    });
    if first {
        // A frame's callbacks run before it is drawn; a task queued from one runs after.
        request_animation_frame(|| set_timeout(flush, std::time::Duration::ZERO));
    }
}

/// Sets the document's title, after the history entries not written yet: the browser gives a
/// title to the entry that is current when it is set, and the entry left keeps its own.
pub fn set_title(title: &str) {
    let later = PENDING.with_borrow_mut(|p| {
        let later = !p.entries.is_empty();
        if later {
            p.title = Some(title.to_owned());
        }
        later
    });
    if !later {
        document().set_title(title);
    }
}

/// Writes the pending history entries, then the title.
fn flush() {
    let Pending { entries, title } = PENDING.take();
    for (href, replace) in entries {
        write_now(&href, replace);
    }
    if let Some(title) = title {
        document().set_title(&title);
    }
}

fn write_now(href: &str, replace: bool) {
    let loc = window().location();
    let current = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
    if current == href {
        return;
    }
    if let Ok(history) = window().history() {
        if replace {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        } else {
            let was = read().to_query_string();
            if history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href)).is_ok() {
                BEFORE.set(Some(was));
            }
        }
    }
}

/// Calls `f` with the URL's state when the reader goes back or forward. An entry not written yet
/// is dropped: the browser has left the entry it was to follow, and the state follows the browser.
pub fn on_popstate(f: impl Fn(Query) + 'static) {
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        drop(PENDING.take());
        BEFORE.set(None);
        f(read())
    });
    // The app lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}

/// Makes the head's relative links (icon, manifest) absolute, as resolved now: the app changes the
/// path between static pages, and a browser fetches the icon again from the new address.
pub fn pin_head_links() {
    let Ok(links) = document()
        .query_selector_all("link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest], link[rel=alternate]")
    else {
        return;
    };
    for i in 0..links.length() {
        if let Some(link) = links.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlLinkElement>().ok()) {
            let href = link.href();
            let _ = link.set_attribute("href", &href);
        }
    }
}

/// The site root as an absolute URL (where `embed.js` and the app live).
pub fn base() -> String {
    format!("{}{}", window().location().origin().unwrap_or_default(), root())
}

/// The element the app renders into, and whether a static page's content is showing (then the
/// app stays hidden until its first full render, and replaces the static content in one frame).
pub fn mount_point() -> Option<(web_sys::HtmlElement, bool)> {
    let doc = document();
    let shown = doc.get_element_by_id("static").is_some()
        && doc.document_element().is_some_and(|e| !e.has_attribute("data-query"));
    if !shown {
        // Hidden from the first paint (the URL names another view): not needed at all.
        if let Some(s) = doc.get_element_by_id("static") {
            s.remove();
        }
    }
    match doc.get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(app) => {
            if !shown {
                let _ = app.remove_attribute("hidden");
            }
            Some((app, shown))
        }
        None => Some((doc.body()?, false)),
    }
}

/// The static page's element matching `selector`, while the static page is shown (the app's twin
/// of it is hidden until it takes over, and measures 0: the app reads the static one's geometry).
pub fn static_element(selector: &str) -> Option<web_sys::Element> {
    document().get_element_by_id("static")?.query_selector(selector).ok()?
}

/// The width of the static page's element matching `selector` while it is shown.
pub fn static_width(selector: &str) -> Option<f64> {
    Some(static_element(selector)?.client_width() as f64).filter(|w| *w > 0.0)
}

/// Shows the app in place of the static content (one task, so one paint: no layout shift when
/// both drew the same page).
pub fn take_over() {
    let doc = document();
    if let Some(s) = doc.get_element_by_id("static") {
        s.remove();
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.remove_attribute("hidden");
    }
    // Whatever measured itself while hidden (the timeline's width, the list's rows) measures again.
    if let Ok(resize) = web_sys::Event::new("resize") {
        let _ = window().dispatch_event(&resize);
    }
}

/// Tells the start module that the page has fetched what it fetches on its own: every event is
/// in and the views' module asked for (`ahead`), or the load failed. The service worker's install
/// waits for it (`marsad-settled`): on a first visit it then neither competes with the page's own
/// downloads nor fetches again what the page has just fetched (it takes those from the browser's
/// cache). Said more than once, it is heard once.
pub fn settled() {
    if let Ok(event) = web_sys::Event::new("marsad-settled") {
        let _ = window().dispatch_event(&event);
    }
}
