//! The explorer's "Embed this view" dialog: the current view as a widget (its kind, language,
//! reading and display options), both snippets, and a live preview of every option (loaded only
//! while the dialog is open).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::controls::vocab_select;
use super::reading::reading_fields;
use super::split::SplitView;
use super::{url, Ctx};
use crate::embed::{iframe_snippet, loader_snippet, widget_query, Options, SANDBOX};
use crate::i18n::Lang;
use crate::page::{frame_title, WidgetProblem};

/// A read-only snippet (following the options) with its copy button.
fn snippet(
    id: &'static str,
    label: &'static str,
    text: impl Fn() -> String + Copy + Send + Sync + 'static,
    copied: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text());
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.try_set(Some(id));
            }
        });
    };
    let button = move || {
        let s = ctx.lang().strings();
        if copied.get() == Some(id) {
            s.copied
        } else {
            s.copy
        }
    };
    // Named "Copy" and the snippet's label: the dialog's two copy buttons are two names.
    view! {
        <label for=format!("embed-{id}") id=format!("embed-{id}-label")>{label}</label>
        <textarea id=format!("embed-{id}") readonly dir="ltr" rows="3" prop:value=text></textarea>
        <button type="button" class="button" data-copy=id on:click=copy id=format!("embed-{id}-copy")
            aria-labelledby=format!("embed-{id}-copy embed-{id}-label")>{button}</button>
    }
}

/// The height a preview widget reports (`embed::HEIGHT_MESSAGE_TYPE`), from this page's own
/// preview frame only.
fn preview_height(ev: &web_sys::MessageEvent) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let frame = document().query_selector(".embed-preview").ok()??.dyn_into::<web_sys::HtmlIFrameElement>().ok()?;
    // Compared as values: the frame's window is not an `instanceof Window` of this realm.
    let from_preview = match (ev.source(), frame.content_window()) {
        (Some(source), Some(win)) => wasm_bindgen::JsValue::from(source) == wasm_bindgen::JsValue::from(win),
        _ => false,
    };
    let data = ev.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
    let kind = get("type")?.as_string()?;
    let height = get("height")?.as_f64()?;
    (from_preview && kind == crate::embed::HEIGHT_MESSAGE_TYPE && height.is_finite() && height > 0.0)
        .then(|| height.min(4000.0) as u32)
}

/// The dialog's choices: widget, language, reading options, theme, and the display options.
fn options_form(opts: RwSignal<Options>) -> impl IntoView {
    let s = expect_context::<Ctx>().lang().strings();
    let set = move |f: fn(&mut Options, bool)| move |ev| opts.update(|o| f(o, event_target_checked(&ev)));
    let reading = reading_fields(
        ["embed-digits", "embed-cal", "embed-axis"],
        move || opts.get().reading,
        move |r| opts.update(|o| o.reading = r),
        move || opts.get().lang == Lang::Ar,
    );
    view! {
        <div class="embed-options">
            <label for="embed-widget">{s.embed_widget}</label>
            {vocab_select("embed-widget", move || opts.get().widget, move |w| opts.update(|o| o.widget = w))}
            <label for="embed-lang">{s.embed_lang}</label>
            {vocab_select("embed-lang", move || opts.get().lang, move |l| opts.update(|o| o.lang = l))}
            {reading}
            <label for="embed-theme">{s.embed_theme}</label>
            {vocab_select("embed-theme", move || opts.get().theme, move |t| opts.update(|o| o.theme = t))}
        </div>
        <div class="embed-checks">
            <label class="option">
                <input type="checkbox" id="embed-plain" prop:checked=move || opts.get().plain
                    on:change=set(|o, on| o.plain = on) />
                {s.embed_plain}
            </label>
            <label class="option">
                <input type="checkbox" id="embed-transparent" prop:checked=move || opts.get().transparent
                    on:change=set(|o, on| o.transparent = on) />
                {s.embed_transparent}
            </label>
        </div>
    }
}

/// The dialog's choices and what it measured, kept by its shell (a language switch draws the
/// body again and keeps them) for its body.
#[derive(Clone, Copy)]
struct EmbedState {
    opts: RwSignal<Options>,
    copied: RwSignal<Option<&'static str>>,
    /// The live preview is a second app instance: it is loaded only while the dialog is open.
    is_open: RwSignal<bool>,
    /// The preview's height, from its own height messages: the snippets carry it.
    measured: RwSignal<Option<u32>>,
}

/// The "Embed" button and its dialog. The dialog's body is drawn the first time it is opened
/// (a static page never draws it: it opens only with the app), from a wasm module of its own
/// (`split`), asked for as the pointer or the focus reaches the button.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let dialog = NodeRef::<html::Dialog>::new();
    let state = EmbedState {
        opts: RwSignal::new(Options::default()),
        copied: RwSignal::new(None),
        is_open: RwSignal::new(false),
        measured: RwSignal::new(None),
    };
    let drawn = RwSignal::new(false);
    let open = move |_| {
        state.opts.set(ctx.query.with_untracked(Options::of));
        state.copied.set(None);
        state.is_open.set(true);
        let again = drawn.get_untracked();
        super::raise(drawn);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
        // Opened again, its body is there and Close (the first control) has the focus: the first
        // choice takes it, as on the first opening once the body is drawn (`EmbedBody`).
        if again {
            focus_first_choice();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let ahead = || EMBED.fetch();
    let split = move || {
        drawn.get().then(|| {
            provide_context(state);
            view! { <SplitView split=EMBED /> }
        })
    };
    // Built per language only: opening the dialog (and changing its options) must not replace
    // the element that has focus. Close is beside the heading, before the live preview's own
    // tab stops (40 and more), as a keyboard expects of a dialog.
    let body = move || {
        let s = ctx.lang().strings();
        view! {
            <div class="dialog-head">
                <h2 id="embed-heading">{s.embed_title}</h2>
                <button type="button" class="button primary" on:click=close>{s.close}</button>
            </div>
            {split}
        }
    };
    view! {
        <button type="button" class="button" on:click=open aria-haspopup="dialog"
            on:pointerenter=move |_| ahead() on:focus=move |_| ahead()>
            {move || ctx.lang().strings().embed}
        </button>
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-heading"
            on:close=move |_| state.is_open.set(false)>
            {body}
        </dialog>
    }
}

/// The dialog's body: the options, both snippets and the preview.
#[component]
fn EmbedBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let EmbedState { opts, copied, is_open, measured } = expect_context::<EmbedState>();
    // The page's own address (the body is drawn in the browser only).
    let base = StoredValue::new(url::base());
    let embed_query = move || ctx.query.with(|q| widget_query(q, &opts.get()));
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        if let Some(h) = preview_height(&ev) {
            measured.set(Some(h));
        }
    });
    on_cleanup(move || listener.remove());
    // Each frame named by its widget's subject: two widgets on one page are two names.
    let title = move || ctx.data.with(|d| frame_title(&embed_query(), &d.ds));
    let loader = move || base.with_value(|b| loader_snippet(b, &embed_query(), &title(), measured.get()));
    let iframe =
        move || base.with_value(|b| iframe_snippet(b, &embed_query(), &title(), measured.get().unwrap_or(560)));
    // The preview is a page of its own (this site's, so within reach): its keys never reach the
    // dialog, and Escape pressed in it closed nothing. Each page it loads hears Escape for the
    // dialog; the listener goes with the page (kept here until the next one, then dropped).
    let escape = StoredValue::new_local(None::<Closure<dyn Fn(web_sys::KeyboardEvent)>>);
    let on_load = move |ev: leptos::ev::Event| {
        let frame = event_target::<web_sys::HtmlIFrameElement>(&ev);
        let Some(win) = frame.content_window() else { return };
        let dialog =
            frame.closest("dialog").ok().flatten().and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
        let close = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |k: web_sys::KeyboardEvent| {
            if let (true, Some(d)) = (k.key() == "Escape", &dialog) {
                d.close();
            }
        });
        let _ = win.add_event_listener_with_callback("keydown", close.as_ref().unchecked_ref());
        escape.set_value(Some(close));
    };
    let preview = move || {
        is_open.get().then(|| {
            let src = base.with_value(|b| format!("{b}?{}", embed_query().to_query_string()));
            let title = ctx.lang().strings().embed_frame_title;
            view! { <iframe class="embed-preview" src=src title=title sandbox=SANDBOX on:load=on_load></iframe> }
        })
    };
    // Opened, the dialog focused what it had (its close button) while this body was coming:
    // the first choice takes the focus, as it does on every later opening (`EmbedDialog`).
    Effect::new(move |_| focus_first_choice());
    // What the chosen widget needs that this view lacks (a country widget with no state chosen),
    // said before the snippets are copied: the widget would say it in the newsroom's page.
    let problem = move || {
        let q = embed_query();
        let problem = ctx.data.with(|d| WidgetProblem::of(&q, &d.ds))?;
        Some(view! { <p class="notice widget-problem" role="status">{problem.text(ctx.lang())}</p> })
    };
    let s = ctx.lang().strings();
    view! {
        {options_form(opts)}
        {problem}
        {snippet("loader", s.embed_loader, loader, copied)}
        {snippet("iframe", s.embed_iframe, iframe, copied)}
        <h3>{s.preview}</h3>
        {preview}
    }
}

/// Moves the focus to the dialog's first choice if it is on the dialog's own parts (itself, its
/// close button) or nowhere (a retry button, gone), not on anything the reader has chosen since.
fn focus_first_choice() {
    use wasm_bindgen::JsCast;
    let doc = document();
    let (Some(active), Some(first)) = (doc.active_element(), doc.get_element_by_id("embed-widget")) else { return };
    let own = active.matches("body, .embed-dialog, .dialog-head > .button").unwrap_or(false);
    if let (true, Ok(first)) = (own, first.dyn_into::<web_sys::HtmlElement>()) {
        let _ = first.focus();
    }
}

super::split::split_view!(
    /// The embed dialog's body, from its own wasm module: drawn when a reader first opens it.
    EMBED, embed_module, load_embed, embed_body, EmbedBody
);
