//! The full explorer: header, filter panel, the chosen view, downloads and footer.

use leptos::prelude::*;

use super::cards::{CountryCard, CountryGrid, PairView};
use super::embed::EmbedDialog;
use super::event::EventPage;
use super::filters::FilterPanel;
use super::marks::TypeSymbol;
use super::timeline::Timeline;
use super::Ctx;
use crate::data::EventIx;
use crate::filter::{apply, Filtered};
use crate::i18n::{count_events, intl, type_label};
use crate::query::View;

/// The filtered events and facet counts of the current query, shared by every view below.
pub fn provide_filtered(ctx: &Ctx) -> Memo<Filtered> {
    let data = ctx.data.clone();
    let query = ctx.query;
    let filtered: Memo<Filtered> = Memo::new(move |_| query.with(|q| apply(&data.ds, || data.index(), q)));
    provide_context(filtered);
    filtered
}

#[component]
pub fn Explorer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let query = ctx.query;
    let filtered = provide_filtered(&ctx);

    // What the page shows, apart from the filters: views re-render only when this changes, so a
    // filter change updates the existing timeline and list instead of rebuilding them.
    let shape = Memo::new(move |_| {
        query.with(|q| {
            (q.event.clone(), q.pair.clone(), q.view, q.countries.first().filter(|_| q.countries.len() == 1).cloned())
        })
    });
    let view_now = Memo::new(move |_| query.with(|q| q.view));

    let c = ctx.clone();
    let header = move || {
        let lang = c.lang();
        let s = lang.strings();
        let other = lang.other();
        let (c1, c2, c3, c4, c5, c6) = (c.clone(), c.clone(), c.clone(), c.clone(), c.clone(), c.clone());
        let to_view = |v: View| {
            move |q: &mut crate::query::Query| {
                q.view = v;
                q.event = None;
            }
        };
        view! {
            <header class="site-header">
                <div class="brand">
                    <a class="brand-name" href=move || c1.href(|q| *q = q.cleared())>{s.app_name}</a>
                    <span class="tagline">{s.tagline}</span>
                </div>
                <nav aria-label=s.main_nav class="main-nav">
                    <a href=move || c3.href(to_view(View::Timeline)) aria-current=move || (view_now.get() == View::Timeline).then_some("page")
                        on:click=move |ev| { ev.prevent_default(); c4.navigate(to_view(View::Timeline), false) }>
                        {s.timeline}
                    </a>
                    <a href=move || c5.href(to_view(View::Countries)) aria-current=move || (view_now.get() == View::Countries).then_some("page")
                        on:click=move |ev| { ev.prevent_default(); c6.navigate(to_view(View::Countries), false) }>
                        {s.country_cards}
                    </a>
                </nav>
                <div class="header-actions">
                <EmbedDialog />
                <button type="button" class="button lang-switch" lang=other.code() aria-label=s.switch_lang_label
                    on:click=move |_| c2.navigate(|q| q.lang = q.lang.other(), false)>
                    {s.switch_lang}
                </button>
                </div>
            </header>
        }
    };

    let c = ctx.clone();
    let body = move || {
        let (event, pair, view_kind, one_country) = shape.get();
        if let Some(id) = event {
            return view! { <EventPage id /> }.into_any();
        }
        let data = c.data.clone();
        let top = if let Some((a, b)) = pair {
            view! { <PairView a b /> }.into_any()
        } else if let Some(code) = one_country.filter(|code| data.ds.country_ix(code).is_some()) {
            view! { <CountryCard code /> }.into_any()
        } else {
            ().into_any()
        };
        match view_kind {
            View::Countries => view! { {top} <CountryGrid /> }.into_any(),
            View::Timeline => view! { {top} <Timeline /> <EventList /> }.into_any(),
        }
    };

    let c = ctx.clone();
    let status = move || {
        let lang = c.lang();
        filtered.with(|f| count_events(lang, f.events.len()))
    };
    let c = ctx.clone();
    let skipped = move || {
        let n = c.data.skipped.len();
        (n > 0).then(|| {
            let s = c.lang().strings();
            let items =
                c.data.skipped.iter().take(20).map(|p| view! { <li dir="ltr">{p.to_string()}</li> }).collect_view();
            view! {
                <aside class="notice" role="note">
                    <p>{s.skipped_notice} " " <strong>{n}</strong></p>
                    <details><summary>{s.error_details}</summary><ul>{items}</ul></details>
                </aside>
            }
        })
    };
    let c = ctx.clone();
    let fallback = move || {
        let s = c.lang().strings();
        c.data.fallback.as_deref().map(|why| {
            let text = if why == "invalid-update" { s.stale_notice } else { s.offline_notice };
            view! { <aside class="notice fallback" role="status" data-fallback=why.to_owned()>{text}</aside> }
        })
    };
    let c = ctx.clone();
    let footer = move || {
        let s = c.lang().strings();
        view! {
            <footer class="site-footer">
                <p>{s.data_as_of} " " <bdi>{c.data.ds.dataset_version.clone()}</bdi> " · " {s.licence} " " <bdi>{c.data.ds.licence.clone()}</bdi></p>
            </footer>
        }
    };

    view! {
        {header}
        <div class="layout">
            <FilterPanel />
            <main class="content" id="main">
                <UpdatePrompt />
                {fallback}
                {skipped}
                <p class="result-count" role="status" aria-live="polite">{status}</p>
                {body}
            </main>
        </div>
        {footer}
    }
}

/// "Update available — reload", shown when the service worker has a new version waiting
/// (the start module raises `marsad-update` and provides `marsadApplyUpdate`).
#[component]
fn UpdatePrompt() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let flag = || js_sys::Reflect::get(&window(), &"marsadUpdateReady".into()).is_ok_and(|v| v.is_truthy());
    let ready = RwSignal::new(flag());
    let handle = window_event_listener_untyped("marsad-update", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let apply = || {
        if let Ok(f) = js_sys::Reflect::get(&window(), &"marsadApplyUpdate".into()) {
            if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
                let _ = f.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    };
    move || {
        let s = ctx.lang().strings();
        ready.get().then(|| {
            view! {
                <aside class="notice update-prompt" role="status">
                    <span>{s.update_ready}</span> " "
                    <button type="button" class="button primary" on:click=move |_| apply()>{s.update_reload}</button>
                </aside>
            }
        })
    }
}

/// The accessible list of the filtered events (the timeline's text twin).
#[component]
pub fn EventList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filtered = expect_context::<Memo<Filtered>>();
    // Embeds sit inside articles: a short list that grows on request.
    let limit = RwSignal::new(if ctx.query.with_untracked(|q| q.embed.is_some()) { 8 } else { 100 });
    let c = ctx.clone();
    move || {
        let lang = c.lang();
        let s = lang.strings();
        let events: Vec<EventIx> = filtered.with(|f| f.events.clone());
        if events.is_empty() {
            return view! { <p class="empty">{s.no_events}</p> }.into_any();
        }
        let total = events.len();
        let shown = limit.get().min(total);
        let data = c.data.clone();
        let items = events
            .iter()
            .rev()
            .take(shown)
            .map(|&ix| {
                let e = data.ds.event(ix);
                let id = e.id.clone();
                let c2 = c.clone();
                let href = c.href(|q| q.event = Some(id.clone()));
                let parties: Vec<String> = e.parties.iter().map(|&p| lang.pick(&data.ds.country(p).name).to_owned()).collect();
                view! {
                    <li class="event-row">
                        <TypeSymbol kind=e.kind />
                        <span class="event-date">{intl::format_date(lang, &e.date)}</span>
                        <a href=href on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| q.event = Some(id.clone()), false) }>
                            <bdi>{lang.pick(&e.title).to_owned()}</bdi>
                        </a>
                        <span class="event-meta">{type_label(lang, e.kind)} " · " <bdi>{parties.join(" ⇄ ")}</bdi></span>
                    </li>
                }
            })
            .collect_view();
        let more = (shown < total).then(|| {
            view! { <button type="button" class="button" on:click=move |_| limit.update(|n| *n += 200)>{format!("{} (+{})", s.show_more, total - shown)}</button> }
        });
        view! {
            <section class="event-list" aria-labelledby="list-heading">
                <h2 id="list-heading">{s.list_of_events}</h2>
                <ol>{items}</ol>
                {more}
            </section>
        }
        .into_any()
    }
}
