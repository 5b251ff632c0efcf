//! What the timeline draws: single events (symbol, and a bar for a month or year), groups of
//! close events (a pie of their types around the count), the peek card a mark shows on hover,
//! focus or tap, and at scale the density strips per type.

use leptos::prelude::*;

use super::link::Link;
use super::marks::TypeSymbol;
use super::timeline::Zoom;
use super::{Ctx, Nav, Snapshot};
use crate::data::{EventIx, EventType};
use crate::i18n::{format_date, number, Fmt, CLOSE_EVENTS, EVENTS};
use crate::query::Query;
use crate::symbol::{shape_path, type_class};
use crate::timeline::{density, Item, Mark, Viewport};

pub const ROW_H: f64 = 26.0;
pub const ROWS: usize = 6;
pub const AXIS_H: f64 = 28.0;
pub const PAD_TOP: f64 = 14.0;
/// The peek card's width (CSS `.peek`), to keep it inside the drawing.
const PEEK_W: f64 = 260.0;

/// The mark the reader is looking at: what the peek card shows, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Peek {
    /// Which mark (its position in the layout).
    pub mark: usize,
    pub events: Vec<EventIx>,
    pub mix: Vec<(EventType, u32)>,
    /// The middle of its dates, to zoom around.
    pub day: f64,
    pub x: f64,
    pub y: f64,
    /// Shown by a tap (stays until another tap), not by hover or focus.
    pub pinned: bool,
}

fn peek_of(k: usize, m: &Mark, data: &Snapshot, y: f64, pinned: bool) -> Peek {
    let first = data.ds.event(m.events[0]).span.0;
    let last = m.events.iter().map(|&e| data.ds.event(e).span.1).max().unwrap_or(first);
    let day = (first as f64 + last as f64 + 1.0) / 2.0;
    Peek { mark: k, events: m.events.clone(), mix: m.mix.clone(), day, x: m.center(), y, pinned }
}

/// Hover, focus and tap handlers shared by events and groups: a mouse shows the card while over
/// the mark, focus while focused, a first tap pins it (the second tap acts).
struct Handlers {
    enter: Box<dyn Fn(leptos::ev::PointerEvent) + Send + Sync>,
    leave: Box<dyn Fn(leptos::ev::PointerEvent) + Send + Sync>,
}

fn handlers(z: Zoom, peek: Peek) -> (Handlers, impl Fn() + Clone + Send + Sync + 'static, impl Fn() -> bool + Clone) {
    let (p1, p2) = (peek.clone(), peek.clone());
    let enter = Box::new(move |ev: leptos::ev::PointerEvent| {
        if ev.pointer_type() == "mouse" {
            z.peek.set(Some(p1.clone()));
        }
    });
    let leave = Box::new(move |ev: leptos::ev::PointerEvent| {
        if ev.pointer_type() == "mouse" && z.peek.with_untracked(|p| p.as_ref().is_some_and(|p| !p.pinned)) {
            z.peek.set(None);
        }
    });
    let k = peek.mark;
    let show = move || z.peek.set(Some(p2.clone()));
    // A tap on a mark whose card is not pinned yet pins it instead of acting.
    let pin_first = move || {
        let pinned = z.peek.with_untracked(|p| p.as_ref().is_some_and(|p| p.pinned && p.mark == k));
        if !pinned {
            z.peek.set(Some(Peek { pinned: true, ..peek.clone() }));
        }
        !pinned
    };
    (Handlers { enter, leave }, show, pin_first)
}

/// The pointer type of the click's pointer ("touch", "pen", "mouse"), where the browser says.
fn is_touch(ev: &leptos::ev::MouseEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.dyn_ref::<web_sys::PointerEvent>().is_some_and(|p| p.pointer_type() != "mouse")
}

/// Hides the card on blur, unless a tap pinned it (its link is what the tap reaches for next).
fn unpeek(z: Zoom) {
    if z.peek.with_untracked(|p| p.as_ref().is_some_and(|p| !p.pinned)) {
        z.peek.set(None);
    }
}

/// Whether a click on a mark acts: not when it ends a drag, nor when it is a first tap (which
/// pins the mark's card instead).
fn acts(z: Zoom, ev: &leptos::ev::MouseEvent, pin_first: &impl Fn() -> bool) -> bool {
    if z.dragged.get_value() {
        return false;
    }
    !is_touch(ev) || !pin_first()
}

/// One mark: a group, or a single event (its symbol, a span bar for a month or year).
pub fn mark_view(ctx: Ctx, data: &Snapshot, fmt: Fmt, k: usize, m: Mark, z: Zoom) -> AnyView {
    let lang = fmt.lang;
    let y = PAD_TOP + m.row as f64 * ROW_H + ROW_H / 2.0;
    if m.is_group() {
        return group_view(data, fmt, k, m, z, y);
    }
    let e = data.ds.event(m.events[0]);
    let id = e.id.clone();
    let label = format!("{} — {} — {}", format_date(fmt, &e.date), e.kind.label(lang), lang.pick(&e.title()));
    let (h, show, pin_first) = handlers(z, peek_of(k, &m, data, y, false));
    let open = move || {
        let id = id.clone();
        ctx.navigate(move |q| q.event = Some(id), Nav::Push)
    };
    let open2 = open.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if acts(z, &ev, &pin_first) {
            open()
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            open2()
        }
    };
    let span = (m.is_span && m.right - m.left > 3.0).then(|| {
        let class = format!("span {}", type_class(m.kind));
        view! { <rect class=class x=m.left y=y - 5.0 width=m.right - m.left height=10.0 rx=2.0 /> }
    });
    let cx = m.center();
    view! {
        <g class="event-mark" tabindex="0" role="link" aria-label=label.clone() data-event=e.id.clone()
            on:click=on_click on:keydown=on_key on:pointerenter=h.enter on:pointerleave=h.leave
            on:focus=move |_| show() on:blur=move |_| unpeek(z)>
            // An invisible 24 px hit area around the 16 px symbol (target size).
            <circle class="hit" cx=cx cy=y r=12.0 />
            {span}
            <path class=format!("mark {}", type_class(m.kind)) d=shape_path(m.kind, cx, y, 8.0) />
        </g>
    }
    .into_any()
}

/// The wedges of a group's pie, one per type, in `EventType::ALL` order, clockwise from the top.
fn pie(mix: &[(EventType, u32)], cx: f64, cy: f64, r: f64) -> impl IntoView {
    let total: u32 = mix.iter().map(|m| m.1).sum::<u32>().max(1);
    if mix.len() <= 1 {
        let class = format!("mark {}", type_class(mix.first().map_or(EventType::Dialogue, |m| m.0)));
        return view! { <circle class=class cx=cx cy=cy r=r /> }.into_any();
    }
    let mut at = 0.0f64;
    let wedge = |&(t, n): &(EventType, u32)| {
        let a0 = at * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
        at += n as f64 / total as f64;
        let a1 = at * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
        let large = if a1 - a0 > std::f64::consts::PI { 1 } else { 0 };
        let d = format!(
            "M{cx:.1},{cy:.1}L{:.2},{:.2}A{r},{r} 0 {large},1 {:.2},{:.2}Z",
            cx + r * a0.cos(),
            cy + r * a0.sin(),
            cx + r * a1.cos(),
            cy + r * a1.sin()
        );
        view! { <path class=format!("mark {}", type_class(t)) d=d /> }
    };
    mix.iter().map(wedge).collect_view().into_any()
}

/// A group of close events: a pie of its types around the count; opening it zooms in on it.
fn group_view(data: &Snapshot, fmt: Fmt, k: usize, m: Mark, z: Zoom, y: f64) -> AnyView {
    let n = m.events.len();
    // `timeline::layout` creates every mark with one event and only ever adds to it.
    let first = data.ds.event(m.events[0]);
    let last = data.ds.event(*m.events.last().unwrap_or(&m.events[0]));
    let from_to = format!("{} – {}", format_date(fmt, &first.date), format_date(fmt, &last.date));
    let label = format!("{}: {from_to}", CLOSE_EVENTS.count_with_digits(fmt, n));
    let (lo, hi) = (first.span.0.min(last.span.0) as f64, first.span.1.max(last.span.1) as f64 + 1.0);
    let open = move || z.set(Viewport { start: lo, end: hi }.zoom(0.8, None).min_with(&z.viewport.get_untracked()));
    let (h, show, pin_first) = handlers(z, peek_of(k, &m, data, y, false));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if acts(z, &ev, &pin_first) {
            open()
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open()
        }
    };
    let cx = m.center();
    let bar = (m.right - m.left > 26.0).then(|| {
        view! { <rect class="group-span" x=m.left y=y - 3.0 width=m.right - m.left height=6.0 rx=3.0 /> }
    });
    // Four digits still fit inside the circle, smaller.
    let count_class = if n >= 1000 { "group-count long" } else { "group-count" };
    view! {
        <g class="group" tabindex="0" role="button" aria-label=label on:click=on_click on:keydown=on_key
            on:pointerenter=h.enter on:pointerleave=h.leave on:focus=move |_| show() on:blur=move |_| unpeek(z)>
            {bar}
            {pie(&m.mix, cx, y, 12.5)}
            <circle class="group-core" cx=cx cy=y r=8.5 />
            <text class=count_class x=cx y=y + 3.5 text-anchor="middle">{fmt.digits(n.to_string())}</text>
        </g>
    }
    .into_any()
}

/// The card of the mark the reader is looking at: date, type and title of an event (with a link
/// to open it), or the count, dates and types of a group (with a button to zoom in).
#[component]
pub fn PeekCard(z: Zoom) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let p = z.peek.get()?;
        let (fmt, d) = (ctx.fmt(), ctx.now());
        let lang = fmt.lang;
        let s = lang.strings();
        let width = z.width.get_untracked();
        let left = (p.x - PEEK_W / 2.0).clamp(0.0, (width - PEEK_W).max(0.0));
        let body = if let [ix] = p.events[..] {
            let e = d.ds.event(ix);
            let (id, title) = (e.id.clone(), lang.pick(&e.title()).to_owned());
            view! {
                <p class="peek-meta">{format_date(fmt, &e.date)} " · " {e.kind.label(lang)}</p>
                <p class="peek-title"><bdi>{title}</bdi></p>
                <Link to=move |q: &mut Query| q.event = Some(id.clone())>{s.open_event}</Link>
            }
            .into_any()
        } else {
            let first = d.ds.event(p.events[0]);
            let last = d.ds.event(*p.events.last().unwrap_or(&p.events[0]));
            let mix = p.mix.iter().map(|&(t, n)| {
                let n = number(fmt, n as usize);
                view! { <li><TypeSymbol kind=t />{t.label(lang)} " " <span class="count">{n}</span></li> }
            });
            let dates = format!("{} – {}", format_date(fmt, &first.date), format_date(fmt, &last.date));
            view! {
                <p class="peek-title">{CLOSE_EVENTS.count(fmt, p.events.len())}</p>
                <p class="peek-meta">{dates}</p>
                <ul class="peek-mix">{mix.collect_view()}</ul>
                <p class="help">{s.group_help}</p>
            }
            .into_any()
        };
        let close = move |_| z.peek.set(None);
        Some(view! {
            <div class="peek" style:left=format!("{left}px") style:top=format!("{}px", p.y + 16.0)>
                {body}
                {p.pinned.then(|| view! { <button type="button" class="button" on:click=close>{s.close}</button> })}
            </div>
        })
    }
}

/// Opacity levels of the density strips: a bin's share of the busiest bin, quantised so each
/// type's row is a handful of paths rather than a rectangle per bin.
const LEVELS: [f32; 5] = [0.2, 0.4, 0.6, 0.8, 1.0];

/// Density strips, one row per type: each bin's shade says how many events fall in it.
/// Clicking zooms in around the point clicked.
pub fn density_view(fmt: Fmt, items: &[Item], z: Zoom) -> impl IntoView {
    let lang = fmt.lang;
    let (v, w, rtl) = (z.viewport.get(), z.width.get(), fmt.axis_rtl());
    let bins = density(items, &v, w, rtl, 8.0);
    let types: Vec<EventType> = EventType::ALL.iter().copied().filter(|t| items.iter().any(|i| i.kind == *t)).collect();
    let max = bins.iter().flat_map(|b| b.counts).fold(0.0f32, f32::max).max(1e-6);
    // The strips share the marks' rows (the drawing keeps one height): one row per type present,
    // at most ROW_H apart. Each row starts with its type's symbol, as in the legend below.
    let pitch = (ROWS as f64 * ROW_H / types.len().max(1) as f64).min(ROW_H);
    let strip = (pitch * 0.6).clamp(6.0, 13.0);
    let r = (pitch * 0.3).clamp(4.0, 6.5);
    let sx = if rtl { w - 10.0 } else { 10.0 };
    let row = |(k, &t): (usize, &EventType)| {
        let mid = PAD_TOP + k as f64 * pitch + pitch / 2.0;
        let top = mid - strip / 2.0;
        // One path per shade: a rectangle per bin of that shade.
        let mut shades = vec![String::new(); LEVELS.len()];
        for b in bins.iter().filter(|b| b.counts[t.index()] > 0.0) {
            let share = (b.counts[t.index()] / max).sqrt();
            let level = LEVELS.iter().position(|l| share <= *l).unwrap_or(LEVELS.len() - 1);
            let width = (b.right - b.left).max(1.0);
            shades[level].push_str(&format!("M{:.1},{top:.1}h{width:.1}v{strip:.1}h-{width:.1}Z", b.left));
        }
        let paths = shades.into_iter().zip(LEVELS).filter(|(d, _)| !d.is_empty()).map(|(d, level)| {
            let opacity = format!("{:.2}", 0.15 + 0.85 * level);
            view! { <path class=format!("bin {}", type_class(t)) d=d fill-opacity=opacity /> }
        });
        view! {
            <g class="density-row">
                <title>{t.label(lang)}</title>
                {paths.collect_view()}
                <path class=format!("density-symbol {}", type_class(t)) d=shape_path(t, sx, mid, r) />
            </g>
        }
    };
    let label = format!("{} — {}", EVENTS.count(fmt, items.len()), lang.strings().density_help);
    let zoom_here = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(svg) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::SvgElement>().ok()) else { return };
        let Some(root) = svg.owner_svg_element() else { return };
        let x = ev.client_x() as f64 - root.get_bounding_client_rect().left();
        let v = z.viewport.get_untracked();
        z.set(v.zoom(4.0, Some(v.day_at(x, z.width.get_untracked(), rtl))));
    };
    view! {
        <g class="density" role="img" aria-label=label on:click=zoom_here>
            {types.iter().enumerate().map(row).collect_view()}
        </g>
    }
}
