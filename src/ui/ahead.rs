//! Drawing ahead: the code of the views a reader is most likely to ask for first, compiled
//! before they ask. V8 compiles a wasm function the first time it runs: the page's first country
//! card spent 10-15 ms compiling some 170 functions on top of its drawing (the slowest sample of
//! the benchmark at every size), its first event page 7-8 ms (about 130).
//!
//! So, once every event is in and the timeline shows, idle-time tasks draw the busiest
//! country's card and the event page of one of the list's first rows (one whose article's text
//! is kept, if any), each into a document of its own, and drop it in the same task. Never shown,
//! nothing fetched but their module (a view dropped in the task that drew it never runs its
//! effects, which is where a fetch, a focus or a scroll would happen; a card drawn ahead has no
//! flag image, `DrawnAhead`), not for a view the reader has had drawn already, and only where
//! the browser can say when it is idle (`load::idle_task`).
//!
//! The browser has its own first times: the first card's and the first event page's style and
//! layout (rules matched, fonts found, text shaped). So a later idle task puts a copy of each
//! view drawn ahead (plain nodes: no view, no listener) in the page, out of sight, has it laid
//! out, and takes it out in the same task, before any frame (`lay_out`). A/B at 10,000 events
//! (10 cold loads each): the first opened event 23.6 → 20.3 ms, the first country toggle 43.5 →
//! 40.6 ms at the median. Each step's time is a User Timing measure: `marsad:ahead-card`,
//! `marsad:ahead-event`, `marsad:ahead-card-layout`, `marsad:ahead-event-layout`.
//!
//! Both come from the module of the views a reader opens (`split::OPENED`): it is asked for
//! once every event is in, whatever the page and wherever the browser cannot say when it is
//! idle, so that a country toggle or an opened event finds it in; the views are drawn ahead once
//! it is.

use leptos::prelude::*;

use super::cards::CardView;
use super::event_page::EventPage;
use super::load::{background_task, idle_task};
use super::source::{has_text, IN_VIEW};
use super::split::OPENED;
use super::Ctx;
use crate::data::CountryIx;
use crate::page::{Body, Card};

/// Provided to what is drawn ahead: a card then has no flag image (drawn into a detached
/// element of the page the image fetched its flag; even in a document with no window, an image
/// whose file the page was fetching meanwhile was requested, then cancelled), and a part drawn
/// `Later` is drawn at once.
#[derive(Clone, Copy)]
pub struct DrawnAhead;

/// What the reader has had drawn: (cards, an event page).
type Seen = StoredValue<(bool, bool)>;

/// Draws ahead, once, in idle time: the card unless the reader has had cards drawn (a card,
/// the grid), the event page unless they have opened one. (Drawing a static page, the build
/// runs no effect: nothing is drawn ahead.)
pub fn when_idle(ctx: Ctx) {
    let Some(owner) = Owner::current() else { return };
    let seen: Seen = StoredValue::new((false, false));
    // Two tasks (the card's is 40-46 ms at 4x CPU, the event page's 16-20 ms: one task of
    // both would be a long task), in this order (one priority's tasks run in the order posted),
    // once their module is in.
    // The module is asked for at the background priority, after the takeover's own tasks, not
    // among them: by the prefetch on any page, and by the drawing ahead, which waits for it.
    let mut start = Some(move || {
        let first = owner.clone();
        background_task(move || {
            leptos::task::spawn_local(async move {
                if (OPENED.load)().await {
                    let _ = idle_task(Box::new(move || card(ctx, &first, seen)));
                    let _ = idle_task(Box::new(move || event(ctx, &owner, seen)));
                }
            })
        });
    });
    // Asked for, whether it came or not, the page has fetched what it fetches on its own.
    let mut prefetch = Some(|| background_task(|| OPENED.fetch_then(super::url::settled)));
    Effect::new(move |_| {
        let complete = ctx.data.with(|d| d.complete);
        let (cards, event, timeline) = ctx.page.with(|p| {
            let body = p.body();
            (p.card().is_some() || body == Body::Countries, matches!(body, Body::Event(_)), body == Body::Timeline)
        });
        seen.update_value(|s| *s = (s.0 || cards, s.1 || event));
        if let Some(prefetch) = prefetch.take_if(|_| complete) {
            prefetch();
        }
        if let Some(start) = start.take_if(|_| complete && timeline) {
            start();
        }
    });
}

/// The busiest country's card.
fn card(ctx: Ctx, owner: &Owner, seen: Seen) {
    if seen.try_get_value().is_none_or(|s| s.0) {
        return;
    }
    let code = ctx.data.with_untracked(|d| {
        let busiest = (0..d.totals.len()).max_by_key(|&c| (d.totals[c], std::cmp::Reverse(c)))?;
        Some(d.ds.country(busiest as CountryIx).code.clone())
    });
    if let Some(code) = code {
        draw(owner, "marsad:ahead-card", Box::new(move || view! { <CardView card=Card::Country(code) /> }.into_any()));
    }
}

/// The event page of one of the list's first rows: one whose article's text is kept, if any
/// (its article view is then compiled too), else the first row's.
fn event(ctx: Ctx, owner: &Owner, seen: Seen) {
    if seen.try_get_value().is_none_or(|s| s.1) {
        return;
    }
    let d = ctx.now();
    let row = ctx.filtered.with_untracked(|f| {
        let rows = &f.list[..f.list.len().min(IN_VIEW)];
        rows.iter().copied().find(|&ix| has_text(&d, ix)).or(rows.first().copied())
    });
    if let Some(ix) = row {
        let id = d.ds.event(ix).id.clone();
        draw(owner, "marsad:ahead-event", Box::new(move || view! { <EventPage id /> }.into_any()));
    }
}

/// Draws `view` into a document of its own (made by `createHTMLDocument`, never the page's) and
/// drops it, under `owner` (its contexts) with `DrawnAhead`; `name` measures it. Then, in a task
/// of its own, has the browser lay out a copy of what it drew ([`lay_out`]). (One compiled copy
/// for every view: not generic.)
fn draw(owner: &Owner, name: &'static str, view: Box<dyn FnOnce() -> AnyView>) {
    let document = document().implementation().ok().and_then(|i| i.create_html_document().ok());
    let Some(body) = document.and_then(|d| d.body()) else { return };
    let (mut view, mut copy) = (Some(view), None);
    measured(name, &mut || {
        let Some(view) = view.take() else { return };
        let view = move || {
            provide_context(DrawnAhead);
            view()
        };
        let drawn = owner.with(|| leptos::mount::mount_to(body.clone(), view));
        // Plain nodes: no view, no listener, nothing that runs.
        copy = body.clone_node_with_deep(true).ok();
        drop(drawn);
    });
    if let Some(copy) = copy {
        let _ = idle_task(Box::new(move || measured(&format!("{name}-layout"), &mut || lay_out(&copy))));
    }
}

/// Lays out `copy` (a copy of a view drawn ahead) in the page, out of sight, and takes it out
/// again in the same task: never painted, never in the accessibility tree (`inert`,
/// `aria-hidden`), nothing in it focusable or fetched. The browser's first style and layout of a
/// kind of view (its rules matched, its fonts found, its text shaped) then happen here, not in
/// the reader's first toggle or opened event. Under `document.body`, outside every element a
/// view drew (`.drawn-ahead`, style.css).
fn lay_out(copy: &web_sys::Node) {
    let doc = document();
    let (Ok(host), Some(body)) = (doc.create_element("div"), doc.body()) else { return };
    host.set_class_name("drawn-ahead");
    let _ = host.set_attribute("aria-hidden", "true");
    let _ = host.set_attribute("inert", "");
    while let Some(node) = copy.first_child() {
        let _ = host.append_child(&node);
    }
    if body.append_child(&host).is_ok() {
        let _ = host.get_bounding_client_rect();
        host.remove();
    }
}

/// Runs `f`, measured as `name` (User Timing).
fn measured(name: &str, f: &mut dyn FnMut()) {
    let timing = window().performance();
    let start = format!("{name}-start");
    timing.as_ref().map(|t| t.mark(&start));
    f();
    timing.map(|t| t.measure_with_start_mark(name, &start));
}
