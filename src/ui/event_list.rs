//! The accessible list of the filtered events (the timeline's text twin), newest first and
//! virtualised: every row has one height, the `<ol>` is as tall as all of them, and only the rows
//! near the viewport exist (each with `aria-posinset`/`aria-setsize`). Which rows is the pure
//! `crate::window::visible_rows`; row geometry is set through CSSOM (`style:`), which the CSP
//! allows, never through a `style` attribute.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::link::Link;
use super::marks::TypeSymbol;
use super::source::{fetch_ahead, fetch_in_view, IN_VIEW};
use super::Ctx;
use crate::data::EventIx;
use crate::i18n::format_date;
use crate::num::Dec;
use crate::query::Query;
use crate::window::{keeps, rows_ahead, visible_rows};

/// Rows kept rendered beyond the visible ones on each side: 240 px at 1280 px wide (336 on a
/// phone) cover a wheel notch or a fling's frame, and every row kept is written again on each
/// filter change (8 rows cost a type toggle at 10k about 3 ms more at the median).
const OVERSCAN: usize = 4;
/// The shortest row the stylesheet draws (`.event-list .event-row`: 60 px, 110 px on a phone).
const ROW_MIN_PX: f64 = 60.0;
/// Rows a static page lists, plainly (those below the fold skip layout there).
const STATIC_ROWS: usize = 40;
/// Rows an embed shows before "show more": embeds sit inside articles.
const EMBED_ROWS: usize = 8;
/// Rows rendered for printing (a printed list has every row, up to this many).
const PRINT_ROWS: usize = 5000;

/// (snapshot, position, event): an index means another event in the next snapshot.
type RowAt = (u32, usize, EventIx);

#[component]
pub fn EventList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let embed = ctx.query.with_untracked(|q| q.embed.is_some());
    let limit = RwSignal::new(if embed { EMBED_ROWS } else { usize::MAX });
    let total = Memo::new(move |_| ctx.filtered.with(|f| f.events.len()));
    // Only emptiness swaps the list out: a closure reading `total` itself rebuilt the section,
    // and every row, on each filter change.
    let empty = Memo::new(move |_| total.get() == 0);
    let shown = Memo::new(move |_| total.get().min(limit.get()));
    let list = NodeRef::<html::Ol>::new();
    let (first_h, first) = first_window(ctx);
    let row_h = RwSignal::new(first_h);
    let window = RwSignal::new(first);
    // The rows on screen (no overscan), then the next below them, fetch their articles ahead
    // once the list is still: a row a reader scrolls to and taps at once has its text too.
    let in_view = move |seen: (usize, usize)| {
        let events = ctx.filtered.try_with_untracked(|f| {
            let (from, to) = rows_ahead(seen, f.list.len(), IN_VIEW);
            f.list[from..to].to_vec()
        });
        fetch_in_view(ctx, events.unwrap_or_default());
    };
    track_viewport(list, row_h, window, shown, in_view);

    let rows = Memo::new(move |_| {
        let (from, to) = window.get();
        let n = shown.get();
        let generation = ctx.data.with(|d| d.generation);
        // Newest first, exact search matches on top: `Filtered::list`.
        ctx.filtered.with(|f| (from.min(n)..to.min(n)).map(|pos| (generation, pos, f.list[pos])).collect::<Vec<_>>())
    });
    let block = move || format!("{}px", Dec(shown.get() as f64 * row_h.get(), 2));
    let pad = move || format!("{}px", Dec(rows.with(|r| r.first().map_or(0, |r| r.1)) as f64 * row_h.get(), 2));
    let more = move || {
        let (n, all) = (shown.get(), total.get());
        let s = ctx.lang().strings();
        let label = format!("{} (+{})", s.show_more, all.saturating_sub(n));
        let grow = move |_| limit.update(|n| *n += 200);
        (n < all).then(|| view! { <button type="button" class="button" on:click=grow>{label}</button> })
    };
    move || {
        if empty.get() {
            return view! { <p class="empty">{move || ctx.lang().strings().no_events}</p> }.into_any();
        }
        let heading = move || ctx.lang().strings().list_of_events;
        // Keyed by (snapshot, position): a filter change writes each row's text and attributes
        // in place (the row's view is rebuilt onto its elements), never removes and inserts the
        // window's rows; scrolling adds and drops rows at the window's ends.
        let each_row = view! {
            <For each=move || rows.get() key=|r| (r.0, r.1) children=move |r| view! { <Row at=r rows shown /> } />
        };
        // A static page lists the first rows plainly: its geometry is set by the app (through
        // CSSOM; a `style` attribute would break the CSP), whose first rows sit where these do.
        let ol = if ctx.is_static() {
            view! { <ol>{each_row}</ol> }.into_any()
        } else {
            view! { <ol node_ref=list style:block-size=block style:padding-block-start=pad>{each_row}</ol> }.into_any()
        };
        view! {
            <section class="event-list" aria-labelledby="list-heading">
                <h2 id="list-heading">{heading}</h2>
                {ol}
                {more}
            </section>
        }
        .into_any()
    }
}

/// The row height, and the rows to draw, before the list has measured itself. Behind a static
/// page: the static page's, whose list sits where the app's will, so taking over draws the rows
/// on screen and no more (it drew 40, then dropped all but 4 on a phone, where the list begins
/// below the fold). With no static page: every row the screen could show if the list began at
/// the document's top, at the shortest row height. On a static page the build draws: 40 rows.
fn first_window(ctx: Ctx) -> (f64, (usize, usize)) {
    if ctx.is_static() {
        return (ROW_MIN_PX, (0, STATIC_ROWS));
    }
    let view_h = window_height();
    let ol = super::url::static_element(".event-list ol");
    let at = ol.as_ref().map(|ol| ol.get_bounding_client_rect()).filter(|r| r.height() > 0.0);
    match (at, ol.as_ref().and_then(row_height)) {
        (Some(at), Some(h)) => (h, visible_rows(at.top(), view_h, h, usize::MAX, OVERSCAN)),
        _ => {
            let scrolled = window().scroll_y().unwrap_or(0.0).max(0.0);
            (ROW_MIN_PX, visible_rows(0.0, scrolled + view_h, ROW_MIN_PX, usize::MAX, OVERSCAN))
        }
    }
}

/// A list's row height, read off its first row; none under a 24 px target (a row not laid out
/// yet, or a list that is empty).
fn row_height(ol: &web_sys::Element) -> Option<f64> {
    let h = ol.first_element_child()?.get_bounding_client_rect().height();
    (h >= 24.0).then_some(h)
}

/// Re-measures which rows are near the viewport on scroll, resize and a new result set, at most
/// once per animation frame, and tells `in_view` which rows are on screen. Nothing outlives the
/// list: the listeners are removed on cleanup and a frame that fires after it does nothing (its
/// signals may be disposed by then).
fn track_viewport(
    list: NodeRef<html::Ol>,
    row_h: RwSignal<f64>,
    window: RwSignal<(usize, usize)>,
    shown: Memo<usize>,
    in_view: impl Fn((usize, usize)) + Copy + Send + Sync + 'static,
) {
    let alive = Arc::new(AtomicBool::new(true));
    let measure = move || {
        let Some(ol) = list.try_get_untracked().flatten() else { return };
        let at = ol.get_bounding_client_rect();
        // Hidden behind an event page: keep the rows it had (back shows them again).
        if at.height() == 0.0 {
            return;
        }
        if let Some(h) = row_height(&ol) {
            if row_h.try_get_untracked().is_some_and(|old| (h - old).abs() > 0.5) {
                row_h.try_set(h);
            }
        }
        let (Some(h), Some(n)) = (row_h.try_get_untracked(), shown.try_get_untracked()) else { return };
        // The window is the viewport's, whatever the count (`rows` clamps it): a new result set
        // keeps it, and so does a list that moved a little (`keeps`).
        let (top, view_h) = (at.top(), window_height());
        let (seen, fresh) =
            (visible_rows(top, view_h, h, usize::MAX, 0), visible_rows(top, view_h, h, usize::MAX, OVERSCAN));
        if window.try_get_untracked().is_some_and(|w| !keeps(w, seen, fresh, OVERSCAN)) {
            move_window(window, fresh);
        }
        in_view(visible_rows(top, view_h, h, n, 0));
    };
    let scheduled = Arc::new(AtomicBool::new(false));
    let schedule = {
        let alive = alive.clone();
        move || {
            if !scheduled.swap(true, Ordering::Relaxed) {
                let (alive, scheduled) = (alive.clone(), scheduled.clone());
                request_animation_frame(move || {
                    scheduled.store(false, Ordering::Relaxed);
                    if alive.load(Ordering::Relaxed) {
                        measure();
                    }
                });
            }
        }
    };
    let (s1, s2, s3, s4) = (schedule.clone(), schedule.clone(), schedule.clone(), schedule);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| s1());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| s2());
    // Printing shows every row: the print stylesheet undoes the list's geometry.
    let before_print = window_event_listener_untyped("beforeprint", move |_| {
        if let Some(n) = shown.try_get_untracked() {
            window.try_set((0, n.min(PRINT_ROWS)));
        }
    });
    let after_print = window_event_listener_untyped("afterprint", move |_| s4());
    on_cleanup(move || {
        alive.store(false, Ordering::Relaxed);
        on_scroll.remove();
        on_resize.remove();
        before_print.remove();
        after_print.remove();
    });
    // A new result set (or the list appearing) re-measures where the list now sits.
    Effect::new(move |_| {
        shown.track();
        if list.get().is_some() {
            s3();
        }
    });
}

/// Moves the list's window to `fresh`, focus kept on its row. A window moved up puts the new
/// rows first, and the keyed list moves the rows it keeps after them: focus in a moved row fell
/// to the body (Shift+Tab up the list jumped to the controls above it). It goes back to its
/// row's link.
fn move_window(window: RwSignal<(usize, usize)>, fresh: (usize, usize)) {
    let focused = document().active_element().and_then(|el| {
        let pos = el.closest(".event-row").ok().flatten()?.get_attribute("aria-posinset")?;
        Some((el, pos))
    });
    // Whether the focused row is on screen, read before the update (the frame's layout is clean
    // here): a row a reader is tabbing through is kept on screen, one the reader scrolled away
    // from is not pulled back.
    let on_screen = focused.as_ref().is_some_and(|(el, _)| {
        let r = el.get_bounding_client_rect();
        r.bottom() > 0.0 && r.top() < window_height()
    });
    window.try_set(fresh);
    if let Some((link, pos)) = focused {
        let to = format!(".event-list .event-row[aria-posinset=\"{pos}\"] a");
        // At once after the rows are moved (the list's update runs in the microtasks queued
        // before this one), before the next key is handled: a held Shift+Tab repeats faster
        // than a frame on a busy phone, and a press while focus was on the body left the list.
        // Brought on screen if it was, and nothing else measured. Then on the next frames,
        // should the update come later.
        let again = to.clone();
        queue_microtask(move || {
            let doc = document();
            let dropped = doc.active_element().is_none_or(|el| doc.body().is_some_and(|body| *body == el));
            if let Some(row) = doc.query_selector(&again).ok().flatten().filter(|_| dropped) {
                super::explorer::focus_on(&row, on_screen);
            }
        });
        super::explorer::refocus_if_dropped(link, to, 2);
    }
}

/// One row: symbol, title (a link to the event page), then its facts: date, type and parties. The row stays at
/// its position; the event there follows the window and the filters.
#[component]
fn Row(at: RowAt, rows: Memo<Vec<RowAt>>, shown: Memo<usize>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (_, pos, first) = at;
    let ix = Memo::new(move |_| rows.with(|r| r.iter().find(|r| r.1 == pos).map_or(first, |r| r.2)));
    let d = ctx.now();
    let ahead = move || fetch_ahead(ctx, ix.get_untracked());
    move || {
        let fmt = ctx.fmt();
        let lang = fmt.lang;
        let e = d.ds.event(ix.get());
        let parties: Vec<&str> = e.parties.iter().map(|&p| lang.pick(&d.ds.country(p).name)).collect();
        let (kind, id, title) = (e.kind, e.id.clone(), lang.pick(&e.title()).to_owned());
        let row_id = id.clone();
        view! {
            <li class="event-row" data-event=row_id aria-posinset=pos + 1 aria-setsize=move || shown.get()
                on:pointerenter=move |_| ahead() on:focusin=move |_| ahead()>
                <TypeSymbol kind />
                <Link to=move |q: &mut Query| q.event = Some(id.clone())><bdi>{title}</bdi></Link>
                <span class="event-facts">
                    <span class="event-date">{format_date(fmt, &e.date)}</span> " "
                    <span class="event-meta">{kind.label(lang)} " · " <bdi>{parties.join(" ⇄ ")}</bdi></span>
                </span>
            </li>
        }
    }
}

fn window_height() -> f64 {
    window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(900.0)
}
