//! The full explorer: header, filter panel, the page the query names, and footer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::cards::CountryGrid;
use super::cards::{CardView, CountryCardOf};
use super::chips::ActiveFilters;
use super::compare::CompareTray;
use super::event_list::EventList;
use super::event_page::EventPage;
use super::filters::FilterPanel;
use super::header::SiteHeader;
use super::link::Link;
use super::notices::{
    DidYouMean, FallbackNotice, ResultCount, ShardProgress, SkippedNotice, UnknownStates, UnreadNotice, UpdatePrompt,
};
use super::split::SplitView;
use super::takeover::Later;
use super::timeline::Timeline;
use super::Ctx;
use crate::i18n::format_date;
use crate::page::{Body, Card, Page};
use crate::query::Query;
use crate::vocab::View;

/// The page's `h1`, what its title names (the event page's is its title, in its body): the
/// first heading a screen reader or a search engine finds. Hidden on screen, where the view's
/// heading, the card's and the search box say it already.
#[component]
fn PageHeading() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = Memo::new(move |_| {
        ctx.page.with(|p| {
            let heading = |d: &std::sync::Arc<super::Snapshot>| ctx.query.with(|q| p.heading(q, &d.ds));
            (!matches!(p, Page::Event(_))).then(|| ctx.data.with(heading))
        })
    });
    move || text.get().map(|t| view! { <h1 class="visually-hidden"><bdi>{t}</bdi></h1> })
}

/// The body of a page: rebuilt when `Page::body` changes, never for a filter change. Event pages
/// and the card grid are rebuilt for each snapshot of a sharded dataset (they index events);
/// the timeline and the list follow the data through `Ctx::filtered`.
///
/// Once drawn, the timeline and the list stay drawn, hidden, while another body shows: going
/// back from an event is showing them again (not rebuilding thousands of marks and rows), and
/// keeps their zoom and the scroll position the browser restores.
pub fn page_body(ctx: Ctx) -> impl IntoView {
    let body = Memo::new(move |_| ctx.page.with(Page::body));
    let card = Memo::new(move |_| ctx.page.with(|p| p.card().cloned()));
    let on_top = move || cards_on_top(body, card);
    let on_timeline = Memo::new(move |_| body.with(|b| *b == Body::Timeline));
    let drawn = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || on_timeline.get());
    let other = move || match body.get() {
        Body::Timeline => None,
        Body::Event(id) => {
            ctx.data.track();
            Some(view! { <EventPage id /> }.into_any())
        }
        Body::Countries => {
            ctx.data.track();
            Some(view! { <CountryGrid /> }.into_any())
        }
        b @ (Body::Compare | Body::Network | Body::Changes) => {
            super::split::of(&b).map(|split| view! { <SplitView split /> }.into_any())
        }
        Body::Card => Some(on_top().into_any()),
    };
    // Back from an event, focus returns to where it was opened (hiding the timeline took it
    // away): the timeline's mark, if it was opened from one, the link in the card or pair on
    // top if from there, else its row.
    let mark = StoredValue::new(None::<String>);
    let focused = window_event_listener(leptos::ev::focusin, move |ev| {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if el.closest(".timeline-body").ok().flatten().is_some() {
            let on_top = el.closest(".card-on-top, .pair-view").ok().flatten().map(|_| ON_TOP.to_owned());
            mark.set_value(el.get_attribute("data-mark").or(on_top));
        }
    });
    on_cleanup(move || focused.remove());
    Effect::new(move |was: Option<Body>| {
        let now = body.get();
        // A link to somewhere else (an event's party): the link places focus (`Link`).
        if LINK_PLACES_FOCUS.with(|c| c.get()) {
            return now;
        }
        match (was, &now) {
            (Some(Body::Event(id)), Body::Timeline) => {
                let back = match mark.get_value() {
                    Some(on_top) if on_top == ON_TOP => links_to(".timeline-body :is(.card-on-top, .pair-view)", &id),
                    Some(key) => format!(".timeline-body [data-mark=\"{key}\"]"),
                    None => format!(".timeline-body .event-row[data-event=\"{id}\"] a"),
                };
                focus_when_drawn(back, None, 10);
            }
            // Back to a card, a pair or the grid: a link to the event there (the one it was
            // opened from, as a rule), else the count.
            (Some(Body::Event(id)), Body::Card | Body::Countries) => {
                focus_when_drawn(links_to(".content", &id), Some(".content .result-count"), 10);
            }
            _ => {}
        }
        now
    });
    let timeline = move || {
        drawn.get().then(|| {
            view! {
                <div class="timeline-body" hidden=unless(on_timeline)>
                    {on_top}
                    <Later>
                        <Timeline />
                    </Later>
                    <Later>
                        <EventList />
                    </Later>
                </div>
            }
        })
    };
    view! { {other} {timeline} }
}

/// The card on top of the timeline (or a widget's card): a pair's, drawn for each pair, or a
/// country's, which is kept once drawn (hidden while no card is chosen) and written in place
/// for the next country: a country toggle sets the card's texts, counts and bars rather than
/// building a card. Not kept while the grid shows: its cards would have the same ids.
fn cards_on_top(body: Memo<Body>, chosen: Memo<Option<Card>>) -> impl IntoView {
    let kept = Memo::new(move |was: Option<&Option<Card>>| {
        let country = |c: &Card| matches!(c, Card::Country(_));
        chosen.get().or_else(|| (body.get() != Body::Countries).then(|| was.cloned().flatten().filter(country))?)
    });
    // What is drawn, drawn again only for another pair: a country's card reads its country from
    // `kept`, and is written in place for the next one.
    let drawn = Memo::new(move |_| match kept.get() {
        Some(Card::Country(_)) => Some(Card::Country(String::new())),
        pair => pair,
    });
    move || {
        drawn.get().map(|card| match card {
            Card::Country(_) => {
                let shown = Memo::new(move |_| chosen.with(Option::is_some));
                view! { <div class="card-on-top" hidden=unless(shown)><CountryCardOf card=kept /></div> }.into_any()
            }
            pair => view! { <CardView card=pair /> }.into_any(),
        })
    }
}

/// A `hidden` attribute: set while `shown` is false. (One closure type for every part hidden so.)
fn unless(shown: Memo<bool>) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || !shown.get()
}

/// A selector of the links to event `id` inside `within`: the app's (`?…&event=id`, the event
/// last or not) and a static page's (`/event/id/`).
fn links_to(within: &str, id: &str) -> String {
    format!("{within} a[href$=\"event={id}\"], {within} a[href*=\"event={id}&\"], {within} a[href$=\"/event/{id}/\"]")
}

thread_local! {
    /// Set from a link's click until the next frame: the view change it makes is not a way back,
    /// and the link places focus itself (`refocus_if_dropped`).
    static LINK_PLACES_FOCUS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A link's click is placing focus: the explorer's way-back focus stands down until the next
/// frame (the view change's effects run before it).
pub(super) fn link_places_focus() {
    LINK_PLACES_FOCUS.with(|c| c.set(true));
    request_animation_frame(|| LINK_PLACES_FOCUS.with(|c| c.set(false)));
}

/// What the explorer remembers of focus in the card or pair on top of the timeline (a mark's key
/// otherwise).
const ON_TOP: &str = "on-top";

/// Focuses what `selector` names (a mark, a row's link, the result count) once it is drawn (it
/// may take a few frames: shown again, the list re-measures its window on the scroll the browser
/// restores), without scrolling to it; if it never is, what `fallback` names. For where focus
/// goes when the element that had it is taken away.
pub(super) fn focus_when_drawn(selector: String, fallback: Option<&'static str>, frames: u32) {
    focus_drawn(selector, fallback, frames, false);
}

/// `focus_when_drawn`, then the element brought on screen (as little as it takes): for focus sent
/// somewhere new (the comparison's next step), not back to where the reader was.
pub(super) fn focus_and_show(selector: String, fallback: Option<&'static str>, frames: u32) {
    focus_drawn(selector, fallback, frames, true);
}

fn focus_drawn(selector: String, fallback: Option<&'static str>, frames: u32, show: bool) {
    request_animation_frame(move || {
        let found = document().query_selector(&selector).ok().flatten();
        let found = match (found, fallback) {
            (None, Some(other)) if frames == 0 => document().query_selector(other).ok().flatten(),
            (found, _) => found,
        };
        match found {
            Some(el) => focus_on(&el, show),
            None if frames > 0 => focus_drawn(selector, fallback, frames - 1, show),
            None => {}
        }
    });
}

/// Focuses `el` (brought on screen first when `show`).
pub(super) fn focus_on(el: &web_sys::Element, show: bool) {
    if show {
        let at = web_sys::ScrollIntoViewOptions::new();
        at.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&at);
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    // A mark is an SVG element, a row's link an HTML one.
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus_with_options(&options);
    } else if let Some(el) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = el.focus_with_options(&options);
    }
}

/// After a link's click: when the view drawn for it took the link out of sight and focus fell
/// to the page (the network's circle opening a card, a partner opening a pair, the grid's next
/// page), focus goes to what `opened` names (the pair's heading, the card's name, the result
/// count; selectors apart by commas are tried in turn), on screen, once it is drawn (a pair's
/// view comes from a module of its own). A view that places focus itself (an event's title, the
/// comparison's heading) is left alone: this acts only while focus is on the page's body or on
/// the link gone from sight. Never on back/forward, where the browser restores focus and scroll.
pub(super) fn refocus_if_dropped(link: web_sys::Element, opened: String, frames: u32) {
    request_animation_frame(move || {
        let doc = document();
        let seen = |el: &web_sys::Element| {
            let r = el.get_bounding_client_rect();
            el.is_connected() && (r.width() > 0.0 || r.height() > 0.0)
        };
        let dropped = match doc.active_element() {
            None => true,
            Some(el) if el == link => !seen(&link),
            Some(el) => doc.body().is_some_and(|body| *body == el),
        };
        if !dropped {
            return;
        }
        // `opened`'s selectors in turn, the first first (not in document order).
        let found = opened.split(',').find_map(|one| {
            let all = doc.query_selector_all(one).ok()?;
            (0..all.length()).filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok()).find(seen)
        });
        match found {
            Some(el) => focus_on(&el, true),
            None if frames > 0 => refocus_if_dropped(link, opened, frames - 1),
            None => {}
        }
    });
}

#[component]
pub fn Explorer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    super::ahead::when_idle(ctx);
    // "What's new" (every release of the data) sits by the data's version.
    let changes = |q: &mut Query| {
        *q = Query { lang: q.lang, theme: q.theme, reading: q.reading, view: View::Changes, ..Query::default() }
    };
    let footer = move || {
        let fmt = ctx.fmt();
        let s = fmt.strings();
        let d = ctx.data.get();
        let as_of = d.ds.as_of().map(|date| {
            view! { {s.data_as_of} " " <time datetime=date.to_string()>{format_date(fmt, &date)}</time> " · " }
        });
        view! {
            <footer class="site-footer">
                <p>
                    {as_of}
                    {s.data_version} " " <bdi>{d.ds.dataset_version.clone()}</bdi> " · "
                    <Link to=changes>{View::Changes.label(fmt.lang)}</Link> " · "
                    {s.licence} " " <bdi>{d.ds.licence.clone()}</bdi>
                </p>
            </footer>
        }
    };
    // Behind a static page, the header, the filters, the page's body and the footer are drawn
    // in tasks of their own.
    view! {
        <Later>
            <SiteHeader />
        </Later>
        <div class="layout">
            <Later>
                <FilterPanel />
            </Later>
            <main class="content" id="main" tabindex="-1">
                <PageHeading />
                <UpdatePrompt />
                <FallbackNotice />
                <SkippedNotice />
                <ActiveFilters />
                <UnknownStates />
                <UnreadNotice />
                // One line for the count and the progress of arriving years, so the progress
                // coming and going never moves the page (CLS).
                <div class="status-line">
                    <ResultCount />
                    <ShardProgress />
                </div>
                <DidYouMean />
                <CompareTray />
                <Later>
                    {page_body(ctx)}
                </Later>
            </main>
        </div>
        <Later>
            {footer}
        </Later>
    }
}
