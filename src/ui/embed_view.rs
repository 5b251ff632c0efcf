//! Embed mode (`?embed=…`): one compact widget with a link to the full explorer, posting its
//! height to the host page. It renders the same `Page` as the explorer (`explorer::page_body`).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::explorer::page_body;
use super::filters::FilterPanel;
use super::notices::ResultCount;
use super::Ctx;
use crate::embed::{explorer_query, HEIGHT_MESSAGE_TYPE, HEIGHT_MESSAGE_VERSION};

/// Posts `{type, version, height}` to the parent whenever the content's height changes.
fn post_height_on_resize() {
    let post = || {
        let Some(body) = document().body() else { return };
        let height = body.scroll_height();
        let Ok(Some(parent)) = window().parent() else { return };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE_TYPE.into());
        let _ = js_sys::Reflect::set(&msg, &"version".into(), &HEIGHT_MESSAGE_VERSION.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        // The height is not a secret; the loader checks who sent it.
        let _ = parent.post_message(&msg, "*");
    };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_| post());
    if let (Ok(observer), Some(body)) =
        (web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()), document().body())
    {
        observer.observe(&body);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}

#[component]
pub fn EmbedView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("data-embed", "");
    }
    post_height_on_resize();
    let explorer_href = move || ctx.absolute(&ctx.query.with(explorer_query));
    let filters = ctx.query.with_untracked(|q| q.filters).then(|| view! { <FilterPanel /> });
    view! {
        <div class="embed">
            <header class="embed-head">
                <span class="brand-name">{move || ctx.lang().strings().app_name}</span>
                <ResultCount />
                <a class="explorer-link" href=explorer_href target="_blank" rel="noopener">
                    {move || ctx.lang().strings().view_explorer}
                </a>
            </header>
            {filters}
            <main class="content">{page_body(ctx)}</main>
        </div>
    }
}
