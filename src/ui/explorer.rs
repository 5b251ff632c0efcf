//! The full explorer: header, filter panel, the chosen view, downloads and footer.

use leptos::html;
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
    let (data, query) = (ctx.data, ctx.query);
    let filtered: Memo<Filtered> = Memo::new(move |_| data.with(|d| query.with(|q| apply(&d.ds, || d.index(), q))));
    provide_context(filtered);
    filtered
}

#[component]
pub fn Explorer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let query = ctx.query;
    let filtered = provide_filtered(&ctx);

    // What the page shows, apart from the filters: views re-render only when these change, so a
    // filter change updates the existing timeline and list instead of rebuilding them. The card
    // or pair panel on top is separate: choosing one country must not rebuild the timeline.
    let page = Memo::new(move |_| query.with(|q| (q.event.clone(), q.view)));
    let top_shape = Memo::new(move |_| {
        query.with(|q| {
            let one = q.countries.first().filter(|_| q.countries.len() == 1).cloned();
            (q.event.is_some(), q.pair.clone(), one)
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
    let top = move || {
        let (event_open, pair, one_country) = top_shape.get();
        // Cards show statistics: rebuilt for each snapshot of a sharded dataset.
        c.data.track();
        if event_open {
            return ().into_any();
        }
        if let Some((a, b)) = pair {
            view! { <PairView a b /> }.into_any()
        } else if let Some(code) = one_country.filter(|code| c.now().ds.country_ix(code).is_some()) {
            view! { <CountryCard code /> }.into_any()
        } else {
            ().into_any()
        }
    };
    // The event page and the cards are rebuilt for a new snapshot of a sharded dataset; the
    // timeline and the list follow it through `filtered`.
    let data = ctx.data;
    let body = move || match page.get() {
        (Some(id), _) => {
            data.track();
            view! { <EventPage id /> }.into_any()
        }
        (None, View::Countries) => {
            data.track();
            view! { <CountryGrid /> }.into_any()
        }
        (None, View::Timeline) => view! { <Timeline /> <EventList /> }.into_any(),
    };

    let c = ctx.clone();
    let status = move || {
        let lang = c.lang();
        filtered.with(|f| count_events(lang, f.events.len()))
    };
    let c = ctx.clone();
    let skipped = move || {
        let data = c.data.get();
        let n = data.skipped.len();
        (n > 0).then(|| {
            let s = c.lang().strings();
            let items =
                data.skipped.iter().take(20).map(|p| view! { <li dir="ltr">{p.to_string()}</li> }).collect_view();
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
        c.data.get().fallback.as_deref().map(|why| {
            let text = if why == "invalid-update" { s.stale_notice } else { s.offline_notice };
            view! { <aside class="notice fallback" role="status" data-fallback=why.to_owned()>{text}</aside> }
        })
    };
    let c = ctx.clone();
    let footer = move || {
        let s = c.lang().strings();
        let d = c.now();
        view! {
            <footer class="site-footer">
                <p>{s.data_as_of} " " <bdi>{d.ds.dataset_version.clone()}</bdi> " · " {s.licence} " " <bdi>{d.ds.licence.clone()}</bdi></p>
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
                <ShardProgress />
                {top}
                {body}
            </main>
        </div>
        {footer}
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

/// How many rows beyond the visible ones the list keeps rendered on each side, so keyboard
/// focus and fast scrolling never land on a row that does not exist yet.
const OVERSCAN: usize = 8;

/// The accessible list of the filtered events (the timeline's text twin), virtualised: every
/// row has the same height, the `<ol>` is as tall as all of them, and only the rows near the
/// viewport exist in the DOM (each carries `aria-posinset`/`aria-setsize`). Row geometry is set
/// through CSSOM (`style:`), which the CSP allows, never through a `style` attribute.
#[component]
pub fn EventList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filtered = expect_context::<Memo<Filtered>>();
    // Embeds sit inside articles: a short list that grows on request.
    let embed = ctx.query.with_untracked(|q| q.embed.is_some());
    let limit = RwSignal::new(if embed { 8 } else { usize::MAX });
    let total = Memo::new(move |_| filtered.with(|f| f.events.len()));
    let shown = Memo::new(move |_| total.get().min(limit.get()));

    // The visible window in row positions, and the measured row height (CSS decides it).
    let list = NodeRef::<html::Ol>::new();
    let row_h = RwSignal::new(64.0f64);
    let window = RwSignal::new((0usize, 40usize));
    let measure = move || {
        let Some(ol) = list.get_untracked() else { return };
        if let Some(row) = ol.first_element_child() {
            let h = row.get_bounding_client_rect().height();
            if h >= 24.0 && (h - row_h.get_untracked()).abs() > 0.5 {
                row_h.set(h);
            }
        }
        let top = ol.get_bounding_client_rect().top();
        let view_h = window_height();
        let h = row_h.get_untracked();
        let first = ((-top) / h).floor().max(0.0) as usize;
        let last = ((view_h - top) / h).ceil().max(0.0) as usize;
        let next = (first.saturating_sub(OVERSCAN), last + OVERSCAN);
        if window.get_untracked() != next {
            window.set(next);
        }
    };
    let scheduled = std::rc::Rc::new(std::cell::Cell::new(false));
    let schedule = move || {
        if !scheduled.replace(true) {
            let scheduled = scheduled.clone();
            request_animation_frame(move || {
                scheduled.set(false);
                measure();
            });
        }
    };
    let (s1, s2, s3) = (schedule.clone(), schedule.clone(), schedule);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| s1());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| s2());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // A new result set (or the list appearing) re-measures where the list now sits.
    Effect::new(move |_| {
        shown.track();
        if list.get().is_some() {
            s3();
        }
    });

    let rows = Memo::new(move |_| {
        let (from, to) = window.get();
        let n = shown.get();
        let (from, to) = (from.min(n), to.min(n));
        // Newest first: position 0 is the last event in date order.
        // Keyed by snapshot too: an index means another event in the next snapshot.
        let generation = ctx.data.with(|d| d.generation);
        filtered
            .with(|f| (from..to).map(|pos| (generation, pos, f.events[f.events.len() - 1 - pos])).collect::<Vec<_>>())
    });

    let c = ctx.clone();
    move || {
        let lang = c.lang();
        let s = lang.strings();
        if total.get() == 0 {
            return view! { <p class="empty">{s.no_events}</p> }.into_any();
        }
        let c = c.clone();
        let row = move |(_, pos, ix): (u32, usize, EventIx)| {
            let d = c.now();
            let e = d.ds.event(ix);
            let (id, id2) = (e.id.clone(), e.id.clone());
            let (c1, c2) = (c.clone(), c.clone());
            let parties: Vec<&str> = e.parties.iter().map(|&p| lang.pick(&d.ds.country(p).name)).collect();
            view! {
                <li class="event-row" aria-posinset=pos + 1 aria-setsize=move || shown.get()>
                    <TypeSymbol kind=e.kind />
                    <span class="event-date">{intl::format_date(lang, &e.date)}</span>
                    <a href=move || c1.href(|q| q.event = Some(id.clone()))
                        on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| q.event = Some(id2.clone()), false) }>
                        <bdi>{lang.pick(&e.title).to_owned()}</bdi>
                    </a>
                    <span class="event-meta">{type_label(lang, e.kind)} " · " <bdi>{parties.join(" ⇄ ")}</bdi></span>
                </li>
            }
        };
        let more = move || {
            let (n, all) = (shown.get(), total.get());
            (n < all).then(|| {
                view! { <button type="button" class="button" on:click=move |_| limit.update(|n| *n += 200)>{format!("{} (+{})", s.show_more, all - n)}</button> }
            })
        };
        view! {
            <section class="event-list" aria-labelledby="list-heading">
                <h2 id="list-heading">{s.list_of_events}</h2>
                <ol node_ref=list style:block-size=move || format!("{}px", shown.get() as f64 * row_h.get())
                    style:padding-block-start=move || format!("{}px", rows.with(|r| r.first().map_or(0, |r| r.1)) as f64 * row_h.get())>
                    <For each=move || rows.get() key=|r| *r children=row />
                </ol>
                {more}
            </section>
        }
        .into_any()
    }
}

fn window_height() -> f64 {
    window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(900.0)
}
