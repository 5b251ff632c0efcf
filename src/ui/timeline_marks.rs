//! What the timeline draws: single events (symbol, and a bar for a month or year), groups of
//! close events (a pie of their types around the count), the peek card a mark shows on hover,
//! focus or tap, and at scale the density strips per type.

use leptos::prelude::*;

use super::link::Link;
use super::marks::TypeSymbol;
use super::source::fetch_ahead;
use super::timeline::Zoom;
use super::{Ctx, Nav, Snapshot};
use crate::data::{EventIx, EventType};
use crate::i18n::{format_date, number, Fmt, CLOSE_EVENTS, EVENTS};
use crate::num::{dec, sin_cos, within, Dec};
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
    /// Which mark: its first event (a mark's key, `mark_slot`).
    pub mark: EventIx,
    pub events: Vec<EventIx>,
    pub mix: Vec<(EventType, u32)>,
    /// The middle of its dates, to zoom around.
    pub day: f64,
    pub x: f64,
    pub y: f64,
    /// Shown by a tap (stays until another tap), not by hover or focus.
    pub pinned: bool,
}

fn peek_of(m: &Mark, data: &Snapshot, pinned: bool) -> Peek {
    let first = data.ds.event(m.events[0]).span.0;
    let last = m.events.iter().map(|&e| data.ds.event(e).span.1).max().unwrap_or(first);
    let day = (first as f64 + last as f64 + 1.0) / 2.0;
    Peek { mark: m.events[0], events: m.events.clone(), mix: m.mix.clone(), day, x: m.center(), y: mark_y(m), pinned }
}

/// The middle of a mark's row.
fn mark_y(m: &Mark) -> f64 {
    PAD_TOP + m.row as f64 * ROW_H + ROW_H / 2.0
}

/// The mark of `ms` whose slot is `key` (its first event).
fn keyed(ms: &[Mark], key: EventIx) -> Option<&Mark> {
    ms.iter().find(|m| m.events[0] == key)
}

/// The element matching `selector` around an event's `target` (itself or an ancestor).
fn around(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}

/// The mark an event happened in: the slot's `<g>` (`data-mark`, its key) around `target`.
fn mark_at(target: Option<web_sys::EventTarget>) -> Option<EventIx> {
    around(target, "[data-mark]")?.get_attribute("data-mark")?.parse().ok()
}

/// The marks' input, handled once for all of them on their container (events bubble to it), not
/// by listeners on every mark: a filter change or a zoom builds and removes marks by the dozen,
/// and six listeners each were a good part of that. A mouse shows a mark's card while over it,
/// focus while focused, a first tap pins it (the second tap acts). Each handler finds the mark as
/// it is when the reader acts (a slot's mark moves with the filters).
pub struct MarkInput {
    pub click: Box<dyn Fn(leptos::ev::MouseEvent) + Send + Sync>,
    pub keydown: Box<dyn Fn(leptos::ev::KeyboardEvent) + Send + Sync>,
    pub over: Box<dyn Fn(leptos::ev::PointerEvent) + Send + Sync>,
    pub out: Box<dyn Fn(leptos::ev::PointerEvent) + Send + Sync>,
    pub focusin: Box<dyn Fn(leptos::ev::FocusEvent) + Send + Sync>,
    pub focusout: Box<dyn Fn(leptos::ev::FocusEvent) + Send + Sync>,
}

pub fn mark_input(ctx: Ctx, marks: Memo<Vec<Mark>>, z: Zoom) -> MarkInput {
    let mark = move |key: EventIx| marks.with_untracked(|ms| keyed(ms, key).cloned());
    let peek = move |m: &Mark, pinned: bool| peek_of(m, &ctx.now(), pinned);
    // A single event's article is fetched as the reader points at it or focuses it.
    let ahead = move |m: &Mark| {
        if let [ix] = m.events[..] {
            fetch_ahead(ctx, ix);
        }
    };
    let open = move |m: &Mark| open_mark(ctx, z, m);
    // Whether a click on the mark acts: not when it ends a drag, nor when it is a first tap (which
    // pins the mark's card instead).
    let acts = move |m: &Mark, ev: &leptos::ev::MouseEvent| {
        if z.dragged.get_value() {
            return false;
        }
        if !is_touch(ev) {
            return true;
        }
        let pinned = z.peek.with_untracked(|s| s.as_ref().is_some_and(|s| s.pinned && s.mark == m.events[0]));
        if !pinned {
            z.peek.set(Some(peek(m, true)));
        }
        pinned
    };
    // Into and out of a mark, not between its parts (`pointerover` also fires moving inside it).
    let crossed = |ev: &leptos::ev::PointerEvent| {
        let (at, from) = (mark_at(ev.target()), mark_at(ev.related_target()));
        at.filter(|&k| from != Some(k))
    };
    MarkInput {
        click: Box::new(move |ev| {
            if let Some(m) = mark_at(ev.target()).and_then(mark) {
                if acts(&m, &ev) {
                    open(&m)
                }
            }
        }),
        keydown: Box::new(move |ev| {
            let Some(m) = mark_at(ev.target()).and_then(mark) else { return };
            // Enter opens either; Space also presses a group, which is a button (an event is a link).
            if ev.key() == "Enter" || (ev.key() == " " && m.is_group()) {
                ev.prevent_default();
                open(&m)
            }
        }),
        over: Box::new(move |ev| {
            let Some(m) = crossed(&ev).and_then(mark) else { return };
            ahead(&m);
            if ev.pointer_type() == "mouse" {
                z.peek.set(Some(peek(&m, false)));
            }
        }),
        out: Box::new(move |ev| {
            if crossed(&ev).is_some() && ev.pointer_type() == "mouse" {
                unpeek(z);
            }
        }),
        focusin: Box::new(move |ev| {
            let Some(m) = mark_at(ev.target()).and_then(mark) else { return };
            ahead(&m);
            z.peek.set(Some(peek(&m, false)));
        }),
        // Focus leaving a mark, or the card, hides the card, unless it goes into the card: Tab
        // from the last mark reaches the card's link, which would go, and focus with it, to the
        // document's body.
        focusout: Box::new(move |ev| {
            if around(ev.target(), "[data-mark], .peek").is_some() && around(ev.related_target(), ".peek").is_none() {
                unpeek(z)
            }
        }),
    }
}

/// Opening an event shows its page; opening a group zooms in on its dates.
fn open_mark(ctx: Ctx, z: Zoom, m: &Mark) {
    let d = ctx.now();
    if !m.is_group() {
        let id = d.ds.event(m.events[0]).id.clone();
        ctx.navigate(move |q| q.event = Some(id), Nav::Push);
        return;
    }
    let (first, last) = (d.ds.event(m.events[0]), d.ds.event(m.events[m.events.len() - 1]));
    let (lo, hi) = (first.span.0.min(last.span.0) as f64, first.span.1.max(last.span.1) as f64 + 1.0);
    // The group's mark goes as the zoom splits it: focus, if it had it, goes to the mark of its
    // first event (the same key), or to the drawing.
    let key = m.events[0];
    let focused = leptos::prelude::document()
        .active_element()
        .is_some_and(|el| el.get_attribute("data-mark").is_some_and(|k| k == key.to_string()));
    z.set(Viewport { start: lo, end: hi }.zoom(0.8, None).min_with(&z.viewport.get_untracked()));
    if focused {
        let mark = format!(".timeline-canvas [data-mark=\"{key}\"]");
        super::explorer::focus_when_drawn(mark, Some(".timeline-canvas"), 3);
    }
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

/// A slot's mark as it is now (`None` for the moment between its leaving the layout and the
/// slot's removal).
type Now = Memo<Option<Mark>>;

/// What a slot's elements are: they are built again only when this changes. Everything else (where
/// the mark sits, which event it is, its label) follows the layout attribute by attribute, so a
/// filter change or a zoom moves the marks it keeps instead of drawing them again.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// A single event, with a bar when it spans a month or a year.
    Event { span: bool },
    /// A group: a bar when wide enough, and its pie's wedges (0 for one type: a plain circle).
    Group { bar: bool, wedges: usize },
}

impl Shape {
    fn of(m: &Mark) -> Shape {
        if m.is_group() {
            let wedges = if m.mix.len() > 1 { m.mix.len() } else { 0 };
            Shape::Group { bar: m.right - m.left > 26.0, wedges }
        } else {
            Shape::Event { span: m.is_span && m.right - m.left > 3.0 }
        }
    }
}

/// The slot of the mark whose first event is `key`: it keeps its elements while that event leads
/// a mark of the same shape, whatever the filters and the zoom do to the rest of the layout.
pub fn mark_slot(ctx: Ctx, key: EventIx, marks: Memo<Vec<Mark>>) -> impl IntoView {
    let now: Now = Memo::new(move |_| marks.with(|ms| keyed(ms, key).cloned()));
    let shape = Memo::new(move |_| now.with(|m| m.as_ref().map(Shape::of)));
    move || match shape.get()? {
        Shape::Event { span } => Some(event_mark(ctx, key, now, span)),
        Shape::Group { bar, wedges } => Some(group_mark(ctx, key, now, bar, wedges)),
    }
}

/// `f` of the slot's mark, or its default while the slot leaves.
fn read<T: Default>(now: Now, f: impl Fn(&Mark) -> T) -> T {
    now.with(|m| m.as_ref().map(f).unwrap_or_default())
}

/// A single event: its symbol, a span bar for a month or year, an invisible 24 px hit area. Its
/// input is handled by the marks' container (`mark_input`), which finds it by `data-mark`.
fn event_mark(ctx: Ctx, key: EventIx, now: Now, span: bool) -> AnyView {
    let label = move || {
        let (fmt, d) = (ctx.fmt(), ctx.now());
        read(now, |m| {
            let e = d.ds.event(m.events[0]);
            let what =
                format!("{} — {} — {}", format_date(fmt, &e.date), e.kind.label(fmt.lang), fmt.lang.pick(&e.title()));
            Some(what)
        })
    };
    let id = move || read(now, |m| Some(ctx.now().ds.event(m.events[0]).id.clone()));
    let class = move |what: &str| format!("{what} {}", type_class(read(now, |m| m.kind)));
    // A bar as wide as the span, centred on the mark.
    let span = span.then(|| {
        let w = move || read(now, |m| m.right - m.left);
        let (x, w) = (move || dec(-w() / 2.0, 1), move || dec(w(), 1));
        view! { <rect class=move || class("span") x=x y="-5" width=w height="10" rx="2" /> }
    });
    view! {
        <g class="event-mark" data-mark=key transform=move || read(now, at) tabindex="0" role="link" aria-label=label
            data-event=id>
            // An invisible 24 px hit area around the 16 px symbol (target size).
            <circle class="hit" r="12" />
            {span}
            <path class=move || class("mark") d=move || read(now, |m| shape_path(m.kind, 0.0, 0.0, 8.0)) />
        </g>
    }
    .into_any()
}

/// Where a mark's elements are drawn from: its centre. Its own geometry is relative to it, so a
/// mark that moves changes one attribute.
fn at(m: &Mark) -> String {
    format!("translate({},{})", Dec(m.center(), 1), Dec(mark_y(m), 1))
}

/// The path of wedge `i` of a group's pie around (0, 0), one per type, in `EventType::ALL` order,
/// clockwise from the top.
fn wedge(mix: &[(EventType, u32)], i: usize, r: f64) -> String {
    let total = mix.iter().map(|m| m.1).sum::<u32>().max(1) as f64;
    let before: u32 = mix.iter().take(i).map(|m| m.1).sum();
    let Some(&(_, n)) = mix.get(i) else { return String::new() };
    let a0 = before as f64 / total * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
    let a1 = (before + n) as f64 / total * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
    let large = if a1 - a0 > std::f64::consts::PI { 1 } else { 0 };
    let ((s0, c0), (s1, c1)) = (sin_cos(a0), sin_cos(a1));
    let (x0, y0, x1, y1) = (Dec(r * c0, 2), Dec(r * s0, 2), Dec(r * c1, 2), Dec(r * s1, 2));
    let r = Dec(r, 2);
    format!("M0,0L{x0},{y0}A{r},{r} 0 {large},1 {x1},{y1}Z")
}

/// A group of close events: a pie of its types around the count; opening it zooms in on it.
fn group_mark(ctx: Ctx, key: EventIx, now: Now, bar: bool, wedges: usize) -> AnyView {
    const R: f64 = 12.5;
    // `timeline::layout` creates every mark with one event and only ever adds to it.
    let label = move || {
        let (fmt, d) = (ctx.fmt(), ctx.now());
        read(now, |m| {
            let (first, last) = (d.ds.event(m.events[0]), d.ds.event(*m.events.last()?));
            let from_to = format!("{} – {}", format_date(fmt, &first.date), format_date(fmt, &last.date));
            Some(format!("{}: {from_to}", CLOSE_EVENTS.count_with_digits(fmt, m.events.len())))
        })
    };
    let n = move || read(now, |m| m.events.len());
    let bar = bar.then(|| {
        let w = move || read(now, |m| m.right - m.left);
        let (x, w) = (move || dec(-w() / 2.0, 1), move || dec(w(), 1));
        view! { <rect class="group-span" x=x y="-3" width=w height="6" rx="3" /> }
    });
    let pie = if wedges == 0 {
        let class = move || format!("mark {}", type_class(read(now, |m| m.mix.first().map_or(m.kind, |t| t.0))));
        view! { <circle class=class r=dec(R, 2) /> }.into_any()
    } else {
        let part = move |i: usize| {
            let class = move || format!("mark {}", type_class(read(now, |m| m.mix.get(i).map_or(m.kind, |t| t.0))));
            view! { <path class=class d=move || read(now, |m| wedge(&m.mix, i, R)) /> }
        };
        (0..wedges).map(part).collect_view().into_any()
    };
    // Four digits still fit inside the circle, smaller.
    let count_class = move || if n() >= 1000 { "group-count long" } else { "group-count" };
    view! {
        <g class="group" data-mark=key transform=move || read(now, at) tabindex="0" role="button" aria-label=label>
            {bar}
            {pie}
            <circle class="group-core" r="8.5" />
            <text class=count_class y="3.5" text-anchor="middle">{move || ctx.fmt().digits(n().to_string())}</text>
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
        let left = within(p.x - PEEK_W / 2.0, 0.0, (width - PEEK_W).max(0.0));
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
            <div class="peek" style:left=format!("{}px", Dec(left, 1)) style:top=format!("{}px", Dec(p.y + 16.0, 1))>
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
    let strip = within(pitch * 0.6, 6.0, 13.0);
    let r = within(pitch * 0.3, 4.0, 6.5);
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
            let (x, top, width, strip) = (Dec(b.left, 1), Dec(top, 1), Dec(width, 1), Dec(strip, 1));
            shades[level].push_str(&format!("M{x},{top}h{width}v{strip}h-{width}Z"));
        }
        let paths = shades.into_iter().zip(LEVELS).filter(|(d, _)| !d.is_empty()).map(|(d, level)| {
            let opacity = dec(0.15 + 0.85 * f64::from(level), 2);
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
