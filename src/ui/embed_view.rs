//! Embed mode (`?embed=…`): one compact widget that says what it shows, with a link to the full
//! explorer, posting its height to the host page in the three forms newsroom tooling speaks
//! (Marsad's own loader, Pym.js, AMP). It renders the same `Page` as the explorer
//! (`explorer::page_body`), except the single-event widget, which is compact. Its own parts are
//! a module of their own (`WIDGET`): the explorer's readers never fetch them.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::event_page::EventWidget;
use super::explorer::page_body;
use super::filters::FilterPanel;
use super::notices::{ResultCount, UnreadNotice};
use super::Ctx;
use crate::compare::covered;
use crate::data::CountryIx;
use crate::embed::{
    explorer_query, pym_height_message, AMP_EMBED_SIZE, AMP_SENTINEL, HEIGHT_MESSAGE_TYPE, HEIGHT_MESSAGE_VERSION,
};
use crate::page::{widget_subject, WidgetProblem};
use crate::vocab::Widget;

/// An object message from `(key, value)` pairs.
fn message(pairs: &[(&str, JsValue)]) -> js_sys::Object {
    let msg = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&msg, &(*k).into(), v);
    }
    msg
}

/// Posts the content's height to the parent whenever it changes: Marsad's `{type, version,
/// height}` (for `embed.js`), AMP's `embed-size` request, and, when a Pym.js parent gave this
/// frame a `childId`, Pym's height string. The height is not a secret: each receiver checks
/// who sent it.
fn post_height_on_resize(child_id: Option<String>) {
    let post = move || {
        let Some(body) = document().body() else { return };
        let height = body.scroll_height().max(0) as u32;
        let Ok(Some(parent)) = window().parent() else { return };
        let ours = message(&[
            ("type", HEIGHT_MESSAGE_TYPE.into()),
            ("version", HEIGHT_MESSAGE_VERSION.into()),
            ("height", height.into()),
        ]);
        let _ = parent.post_message(&ours, "*");
        let amp =
            message(&[("sentinel", AMP_SENTINEL.into()), ("type", AMP_EMBED_SIZE.into()), ("height", height.into())]);
        let _ = parent.post_message(&amp, "*");
        if let Some(id) = &child_id {
            let _ = parent.post_message(&pym_height_message(id, height).into(), "*");
        }
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

/// The widget's header: what it shows ("الصين · أحداث الدبلوماسية السيبرانية 2015–2026"), how
/// many events, and the way to the full explorer. A comparison's are its states' events, not
/// every event the filters leave.
fn head(ctx: Ctx, widget: Option<Widget>, explorer_href: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let shown = Memo::new(move |_| {
        ctx.data.with(|d| {
            ctx.filtered.with(|f| {
                let states: Vec<CountryIx> = match widget {
                    Some(Widget::Compare) => {
                        ctx.query.with(|q| q.compare.iter().filter_map(|c| d.ds.country_ix(c)).collect())
                    }
                    _ => Vec::new(),
                };
                // A comparison of fewer than two states shows the timeline: every event.
                covered(&d.rows, &f.events, if states.len() >= 2 { &states } else { &[] })
            })
        })
    });
    let (n, years) = (Memo::new(move |_| shown.get().0), Memo::new(move |_| shown.get().1));
    let subject = move || ctx.data.with(|d| ctx.query.with(|q| widget_subject(q, ctx.fmt(), &d.ds, years.get())));
    // The single-event widget's subject is its own title, just below.
    let what = match widget {
        Some(Widget::Event) => {
            view! { <span class="brand-name">{move || ctx.lang().strings().app_name}</span> }.into_any()
        }
        _ => view! { <h2 class="widget-subject"><bdi>{subject}</bdi></h2> <ResultCount of=n /> }.into_any(),
    };
    view! {
        <header class="embed-head">
            {what}
            <a class="explorer-link" href=explorer_href target="_blank" rel="noopener">
                {move || ctx.lang().strings().view_explorer}
            </a>
        </header>
    }
}

#[component]
fn EmbedView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (widget, single, plain, transparent, filters, child_id) = ctx.query.with_untracked(|q| {
        let single = q.single_event().map(str::to_owned);
        (q.embed, single, q.plain, q.transparent, q.filters, q.child_id.clone())
    });
    if let Some(el) = document().document_element() {
        let _ = el.set_attribute("data-embed", "");
        if transparent {
            let _ = el.set_attribute("data-transparent", "");
        }
    }
    // Heights are posted once the widget is drawn, never the "Loading…" before it (the host
    // page keeps the frame at the snippet's height until then: nothing in its article moves).
    // A widget whose module cannot come says so within that height.
    post_height_on_resize(child_id);
    let explorer_href = move || ctx.absolute(&ctx.query.with(explorer_query));
    let body = match single {
        Some(id) => view! { <EventWidget id /> }.into_any(),
        None => page_body(ctx).into_any(),
    };
    // `plain=1`: the content and a small credit link, nothing else.
    let (head, credit) = if plain {
        let credit = view! {
            <p class="embed-credit">
                <a href=explorer_href target="_blank" rel="noopener">{move || ctx.lang().strings().app_name}</a>
            </p>
        };
        (None, Some(credit))
    } else {
        (Some(head(ctx, widget, explorer_href)), None)
    };
    let filters = filters.then(|| view! { <FilterPanel /> });
    // What the link asks for that the widget cannot show, said where the newsroom will see it.
    let problem = move || {
        let problem = ctx.data.with(|d| ctx.query.with(|q| WidgetProblem::of(q, &d.ds)))?;
        Some(view! { <p class="notice widget-problem" role="alert">{problem.text(ctx.lang())}</p> })
    };
    view! {
        <div class="embed">
            {head}
            {filters}
            <main class="content">{problem} <UnreadNotice /> {body}</main>
            {credit}
        </div>
    }
}

super::split::split_view!(
    /// A widget (`?embed=…`), one module: its head, the single-event widget, the height it posts
    /// to the host page. Asked for at the app's start when the link is a widget's
    /// (`split::fetch_ahead`), so it comes while the data does; the explorer never asks for it.
    WIDGET, widget_module, load_widget, widget_body, EmbedView
);
