//! Status lines and notices around the views: the result count, shard progress, "update
//! available", data served from the device's copy, and records that could not be shown.

use leptos::prelude::*;

use super::link::Link;
use super::split::SplitView;
use super::Ctx;
use crate::i18n::{Lang, EVENTS};
use crate::page::{no_such_states, unknown_states, unread_values};
use crate::query::Query;

/// "12 events": how many events the filters leave, or `of` them the page shows (a comparison's
/// widget: its states'), in a live region. "Searching…" while a search waits for its index,
/// the region busy: a screen reader announces the count that follows.
#[component]
pub fn ResultCount(#[prop(optional)] of: Option<Memo<usize>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let n = of.unwrap_or_else(|| Memo::new(move |_| ctx.filtered.with(|f| f.events.len())));
    let text = move || match ctx.searching.get() {
        true => ctx.lang().strings().searching.to_owned(),
        false => EVENTS.count(ctx.fmt(), n.get()),
    };
    let busy = move || ctx.searching.get().then_some("true");
    view! { <p class="result-count" role="status" aria-live="polite" aria-busy=busy tabindex="-1">{text}</p> }
}

/// States the link names (a filter, a pair, a comparison) that the data does not have: said
/// beside their chips, where a hand-edited or mistyped link would otherwise just show events.
#[component]
pub fn UnknownStates() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let codes = ctx.data.with(|d| ctx.query.with(|q| unknown_states(q, &d.ds)));
        (!codes.is_empty()).then(|| rare(Rare::Unknown(no_such_states(&codes, ctx.lang()))))
    }
}

/// What the link had that Marsad could not read (`from=abc`, `type=war`), each part as it was:
/// the reader would otherwise see every event and take the link's filter as applied.
#[component]
pub fn UnreadNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let parts = Memo::new(move |_| ctx.query.with(unread_values));
    move || {
        let (lang, parts) = (ctx.lang(), parts.get());
        (!parts.is_empty()).then(|| rare(Rare::Unread(lang, parts)))
    }
}

/// "Did you mean": when a search word matched nothing, the results are those of the nearest
/// words; say so, and offer the corrected search.
#[component]
pub fn DidYouMean() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let corrected = Memo::new(move |_| ctx.filtered.with(|f| f.corrected.clone()));
    move || {
        let fixed = corrected.get()?;
        let s = ctx.lang().strings();
        let typed = ctx.query.with(|q| q.q.trim().to_owned());
        let to = {
            let fixed = fixed.clone();
            move |q: &mut Query| q.q = fixed.clone()
        };
        Some(view! {
            <p class="did-you-mean" role="status">
                {s.no_match_for} " «" <bdi>{typed}</bdi> "». " {s.did_you_mean} " "
                <Link to>"«" <bdi>{fixed}</bdi> "»"</Link>
            </p>
        })
    }
}

/// While a sharded dataset's earlier years are still arriving: a labelled progress bar (counts
/// and views already show what has arrived, and update as the rest comes in).
#[component]
pub fn ShardProgress() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let s = ctx.lang().strings();
        ctx.shards.get().map(|(done, total)| {
            view! {
                <p class="shard-progress">
                    <label for="shard-progress">{s.loading_earlier}</label> " "
                    <progress id="shard-progress" max=total value=done>{format!("{done}/{total}")}</progress>
                </p>
            }
        })
    }
}

/// "Update available — reload", shown when the service worker has a new version waiting
/// (the start module raises `marsad-update` and provides `marsadApplyUpdate`) and every shard
/// has arrived; once the reader asked, if the browser holds the new version back
/// (`marsad-update-held`), the button gives way to how to finish.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let flag = || js_sys::Reflect::get(&window(), &"marsadUpdateReady".into()).is_ok_and(|v| v.is_truthy());
    let ready = RwSignal::new(!ctx.is_static() && flag());
    let handle = window_event_listener_untyped("marsad-update", move |_| ready.set(true));
    // The reader asked, and the browser still holds the new version back: say how to finish.
    let held = RwSignal::new(false);
    let held_handle = window_event_listener_untyped("marsad-update-held", move |_| held.set(true));
    on_cleanup(move || {
        handle.remove();
        held_handle.remove();
    });
    // Not while shards still arrive: Chromium defers the switch while the old worker has
    // requests in flight, and a request that restarts it can hold the switch for minutes.
    move || (ready.get() && ctx.shards.with(Option::is_none)).then(|| rare(Rare::Update(held)))
}

fn update_prompt(ctx: Ctx, held: RwSignal<bool>) -> impl IntoView {
    let apply = || {
        if let Ok(f) = js_sys::Reflect::get(&window(), &"marsadApplyUpdate".into()) {
            if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
                let _ = f.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    };
    let s = ctx.lang().strings();
    view! {
        <aside class="notice update-prompt" role="status">
            <span>{s.update_ready}</span> " "
            {move || if held.get() {
                // Focus moves from the button that went to the words that replace it.
                let words = NodeRef::<leptos::html::Span>::new();
                Effect::new(move || {
                    if let Some(w) = words.get() {
                        let _ = w.focus();
                    }
                });
                view! { <span class="update-held" tabindex="-1" node_ref=words>{s.update_held}</span> }.into_any()
            } else {
                view! {
                    <button type="button" class="button primary" on:click=move |_| apply()>{s.update_reload}</button>
                }.into_any()
            }}
        </aside>
    }
}

/// When the service worker answered from the device's copy: why. Loaded offline, the data stays
/// the device's copy when the connection comes back (the app loads its data once): the notice
/// then says so, with a way to the latest, and says "offline" again if the connection goes.
#[component]
pub fn FallbackNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let online = RwSignal::new(false);
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    move || {
        let s = ctx.lang().strings();
        ctx.data.get().fallback.as_deref().map(|why| {
            let (kind, status) = why.split_once(':').unwrap_or((why, ""));
            let back = kind == "offline" && online.get();
            let text = match kind {
                "invalid-update" => s.stale_notice.to_owned(),
                "server-error" => format!("{} (HTTP {status})", s.server_error_notice),
                "stalled" => s.stalled_notice.to_owned(),
                _ if back => s.back_online_notice.to_owned(),
                _ => s.offline_notice.to_owned(),
            };
            rare(Rare::Fallback { kind: kind.to_owned(), text, back })
        })
    }
}

/// Records the loader skipped, with their paths and reasons (the first 20).
#[component]
pub fn SkippedNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let data = ctx.data.get();
        let n = data.skipped.len();
        (n > 0).then(|| rare(Rare::Skipped(n, data.skipped.iter().take(20).map(ToString::to_string).collect())))
    }
}

/// A notice few readers see, as the first module says it (the words worked out there), for the
/// notices' module to draw.
#[derive(Clone)]
enum Rare {
    /// States the data lacks, said.
    Unknown(String),
    /// The link's parts that could not be read.
    Unread(Lang, Vec<String>),
    /// An update waits; whether the browser held it back once asked.
    Update(RwSignal<bool>),
    /// Why the data is the device's copy (`kind` as the service worker named it), and whether
    /// the connection is back (a reload offered).
    Fallback { kind: String, text: String, back: bool },
    /// How many records were skipped, and the first ones' paths and reasons.
    Skipped(usize, Vec<String>),
}

/// `notice`, drawn from the notices' module: nothing while it comes (a notice is no view to
/// wait for), its failure said with a retry.
fn rare(notice: Rare) -> impl IntoView {
    provide_context(notice);
    view! { <SplitView split=NOTICES quiet=true /> }
}

#[component]
fn RareNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let s = ctx.lang().strings();
    match expect_context::<Rare>() {
        Rare::Unknown(said) => view! { <p class="notice unknown-states" role="alert">{said}</p> }.into_any(),
        Rare::Unread(lang, parts) => {
            // Each part isolated: in Arabic, two Latin parts side by side would read in the wrong order.
            let each = parts.into_iter().enumerate().map(|(i, part)| {
                view! { {(i > 0).then(|| lang.list_sep())} <bdi dir="ltr"><code>{part}</code></bdi> }
            });
            view! { <p class="notice unread" role="alert">{lang.strings().unread_values} " " {each.collect_view()}</p> }
                .into_any()
        }
        Rare::Update(held) => update_prompt(ctx, held).into_any(),
        Rare::Fallback { kind, text, back } => {
            let reload = back.then(|| {
                let reload = |_| drop(window().location().reload());
                view! { " " <button type="button" class="button" on:click=reload>{s.update_reload}</button> }
            });
            view! { <aside class="notice fallback" role="status" data-fallback=kind>{text}{reload}</aside> }.into_any()
        }
        Rare::Skipped(n, items) => {
            let items = items.into_iter().map(|p| view! { <li dir="ltr">{p}</li> });
            view! {
                <aside class="notice" role="note">
                    <p>{s.skipped_notice} " " <strong>{n}</strong></p>
                    <details><summary>{s.error_details}</summary><ul>{items.collect_view()}</ul></details>
                </aside>
            }
            .into_any()
        }
    }
}

super::split::split_view!(
    /// The notices few readers see (a link's unread parts or unknown states, an update waiting,
    /// the data from the device's copy, records skipped), from their own wasm module.
    NOTICES, notices_module, load_notices, notices_body, RareNotice
);
