//! Embed mode (`?embed=…`): one compact widget with a link back to the full explorer, posting its
//! height to the host page; and the explorer's "Embed this view" dialog.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::cards::{CountryCard, PairView};
use super::event::EventPage;
use super::explorer::{provide_filtered, EventList};
use super::filters::FilterPanel;
use super::timeline::Timeline;
use super::{url, Ctx};
use crate::embed::{
    explorer_query, iframe_snippet, loader_snippet, widget_for, widget_query, HEIGHT_MESSAGE_TYPE,
    HEIGHT_MESSAGE_VERSION,
};
use crate::i18n::{count_events, Lang};
use crate::query::{Embed, Query, Theme};

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
pub fn EmbedView(widget: Embed) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    provide_filtered(&ctx);
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("data-embed", "");
    }
    post_height_on_resize();
    let query = ctx.query;
    let c = ctx.clone();
    let explorer_href = move || url::absolute(&query.with(explorer_query));
    let filters = move || query.with(|q| q.filters).then(|| view! { <FilterPanel /> });
    let data = ctx.data;
    let body = move || {
        // Rebuilt for each snapshot of a sharded dataset, like every view in an embed.
        data.track();
        let q: Query = query.get();
        match (widget, q.event.clone(), q.pair.clone(), q.countries.first().cloned()) {
            (_, Some(id), _, _) => view! { <EventPage id /> }.into_any(),
            (Embed::Pair, _, Some((a, b)), _) => view! { <PairView a b /> }.into_any(),
            (Embed::Country, _, _, Some(code)) => view! { <CountryCard code /> }.into_any(),
            _ => view! { <Timeline /> <EventList /> }.into_any(),
        }
    };
    let status = move || {
        let lang = c.lang();
        expect_context::<Memo<crate::filter::Filtered>>().with(|f| count_events(lang, f.events.len()))
    };
    move || {
        let s = ctx.lang().strings();
        let (explorer_href, filters, body, status) = (explorer_href, filters, body, status.clone());
        view! {
            <div class="embed">
                <header class="embed-head">
                    <span class="brand-name">{s.app_name}</span>
                    <span class="result-count" role="status">{status}</span>
                    <a class="explorer-link" href=explorer_href target="_blank" rel="noopener">{s.view_explorer}</a>
                </header>
                {filters}
                <main class="content">{body}</main>
            </div>
        }
    }
}

fn widget_label(lang: Lang, w: Embed) -> &'static str {
    let s = lang.strings();
    match w {
        Embed::Timeline => s.embed_timeline,
        Embed::Country => s.embed_country,
        Embed::Pair => s.embed_pair,
        Embed::Event => s.embed_event,
    }
}

/// "Embed this view": the current view as a widget, both snippets, a live preview.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let dialog = NodeRef::<html::Dialog>::new();
    let widget = RwSignal::new(Embed::Timeline);
    let theme = RwSignal::new(Theme::Auto);
    let copied = RwSignal::new(None::<&'static str>);
    // The live preview is a second app instance: only load it while the dialog is open.
    let is_open = RwSignal::new(false);
    let query = ctx.query;
    let open = move |_| {
        widget.set(query.with_untracked(widget_for));
        copied.set(None);
        is_open.set(true);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let base = url::base();
    let embed_query = move || query.with(|q| widget_query(q, widget.get(), theme.get()));
    let c = ctx.clone();
    let title = move || c.lang().strings().embed_frame_title;
    let loader = {
        let base = base.clone();
        move || loader_snippet(&base, &embed_query())
    };
    let iframe = {
        let base = base.clone();
        let title = title.clone();
        move || iframe_snippet(&base, &embed_query(), title(), 560)
    };
    let preview_src = {
        let base = base.clone();
        move || format!("{base}?{}", embed_query().to_query_string())
    };
    let copy = move |text: String, which: &'static str| {
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.set(Some(which));
            }
        });
    };
    let c = ctx.clone();
    move || {
        let lang = c.lang();
        let s = lang.strings();
        let (loader, iframe, copy2) = (loader.clone(), iframe.clone(), copy);
        let (preview_src, title) = (preview_src.clone(), title.clone());
        let (loader_copy, iframe_copy) = (loader.clone(), iframe.clone());
        let widgets = [Embed::Timeline, Embed::Country, Embed::Pair, Embed::Event]
            .into_iter()
            .map(|w| view! { <option value=format!("{w:?}") prop:selected=move || widget.get() == w>{widget_label(lang, w)}</option> })
            .collect_view();
        let themes = [(Theme::Auto, s.theme_auto), (Theme::Light, s.theme_light), (Theme::Dark, s.theme_dark)]
            .into_iter()
            .map(|(t, label)| view! { <option value=format!("{t:?}") prop:selected=move || theme.get() == t>{label}</option> })
            .collect_view();
        view! {
            <button type="button" class="button" on:click=open aria-haspopup="dialog">{s.embed}</button>
            <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-heading" on:close=move |_| is_open.set(false)>
                <h2 id="embed-heading">{s.embed_title}</h2>
                <div class="embed-options">
                    <label for="embed-widget">{s.embed_widget}</label>
                    <select id="embed-widget" on:change=move |ev| {
                        widget.set(match event_target_value(&ev).as_str() {
                            "Country" => Embed::Country, "Pair" => Embed::Pair, "Event" => Embed::Event, _ => Embed::Timeline,
                        })
                    }>{widgets}</select>
                    <label for="embed-theme">{s.embed_theme}</label>
                    <select id="embed-theme" on:change=move |ev| {
                        theme.set(match event_target_value(&ev).as_str() { "Light" => Theme::Light, "Dark" => Theme::Dark, _ => Theme::Auto })
                    }>{themes}</select>
                </div>
                <label for="embed-loader">{s.embed_loader}</label>
                <textarea id="embed-loader" readonly dir="ltr" rows="3" prop:value=loader.clone()></textarea>
                <button type="button" class="button" data-copy="loader" on:click=move |_| copy2(loader_copy(), "loader")>
                    {move || if copied.get() == Some("loader") { s.copied } else { s.copy }}</button>
                <label for="embed-iframe">{s.embed_iframe}</label>
                <textarea id="embed-iframe" readonly dir="ltr" rows="3" prop:value=iframe.clone()></textarea>
                <button type="button" class="button" data-copy="iframe" on:click=move |_| copy(iframe_copy(), "iframe")>
                    {move || if copied.get() == Some("iframe") { s.copied } else { s.copy }}</button>
                <h3>{s.preview}</h3>
                {move || is_open.get().then(|| {
                    let (src, title) = (preview_src.clone(), title.clone());
                    view! { <iframe class="embed-preview" src=src title=title sandbox=crate::embed::SANDBOX></iframe> }
                })}
                <button type="button" class="button primary" on:click=close>{s.close}</button>
            </dialog>
        }
    }
}
