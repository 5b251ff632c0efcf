//! The SVG timeline: the filtered events placed by date (`crate::timeline` does the geometry),
//! mirrored in Arabic. Marks say what they are on hover, focus or a tap (a card with title and
//! date); dragging or swiping pans; zoom keeps the newest events or the mark in view; at scale
//! the marks give way to density strips per type (`timeline_marks`).

use leptos::html;
use leptos::prelude::*;

use super::marks::Legend;
use super::takeover::Later;
use super::timeline_marks::{density_view, mark_input, mark_slot, Peek, PeekCard, AXIS_H, PAD_TOP, ROWS, ROW_H};
use super::Ctx;
use crate::data::Precision;
use crate::i18n::{format_parts, Fmt, Strings};
use crate::num::dec;
use crate::timeline::{label_x, layout, ticks, visible, zoom_centre, Item, Viewport, DENSE_ABOVE};
use crate::vocab::View;

/// The view state of one timeline: the fitted viewport of the events, the reader's zoom (kept
/// with the fit it was made from, so a new extent refits), the drawing's width, and the mark
/// the reader is looking at.
#[derive(Clone, Copy)]
pub struct Zoom {
    fit: Memo<Viewport>,
    zoomed: RwSignal<Option<(Viewport, Viewport)>>,
    pub viewport: Memo<Viewport>,
    pub width: RwSignal<f64>,
    /// The last day of the newest event shown (zooming keeps it in view).
    newest: Memo<Option<f64>>,
    pub peek: RwSignal<Option<Peek>>,
    /// Set when the pointer dragged the drawing: the click that ends a drag opens nothing.
    pub dragged: StoredValue<bool>,
}

impl Zoom {
    fn new(ctx: Ctx, items: Memo<Vec<Item>>) -> Zoom {
        let fit = Memo::new(move |_| items.with(|items| Viewport::fit(items.iter().map(|i| i.span))));
        let zoomed = RwSignal::new(None::<(Viewport, Viewport)>);
        let viewport = Memo::new(move |_| {
            let fit = fit.get();
            zoomed.with(|z| match z {
                Some((from, v)) if *from == fit => *v,
                _ => fit,
            })
        });
        let newest =
            Memo::new(move |_| items.with(|items| items.iter().map(|i| i.span.1 as f64 + 1.0).reduce(f64::max)));
        // Behind a static page the app is built out of sight, where the drawing measures 0: it
        // starts at the width of the static page's drawing, so taking over lays nothing out again.
        let measured = if ctx.is_static() { None } else { super::url::static_width(".timeline-canvas") };
        let (width, peek, dragged) =
            (RwSignal::new(measured.unwrap_or(800.0)), RwSignal::new(None), StoredValue::new(false));
        Zoom { fit, zoomed, viewport, width, newest, peek, dragged }
    }

    pub fn set(self, v: Viewport) {
        self.zoomed.set(Some((self.fit.get_untracked(), v)));
    }

    /// Zooms by `factor`; out, no further than every event in view. With no event, not at all.
    fn zoom(self, factor: f64) {
        if self.newest.with_untracked(Option::is_none) {
            return;
        }
        let v = self.viewport.get_untracked();
        let looking_at = self.peek.with_untracked(|p| p.as_ref().map(|p| p.day));
        let to = v.zoom(factor, zoom_centre(&v, looking_at, self.newest.get_untracked()));
        // As wide as every event or wider: the fit itself (the "−" button's end).
        if !to.can_zoom(&self.fit.get_untracked()).1 {
            self.reset();
        } else {
            self.set(to);
        }
    }

    fn pan(self, fraction: f64) {
        self.set(self.viewport.get_untracked().pan_within(fraction, &self.fit.get_untracked()));
    }

    /// Whether the view can pan (earlier, later): the buttons say so at the events' ends.
    fn can_pan(self) -> (bool, bool) {
        self.viewport.get().can_pan(&self.fit.get())
    }

    /// Whether the view can zoom (in, out): the buttons say so at their ends, and with no event
    /// to draw (an empty axis has nothing to zoom into).
    fn can_zoom(self) -> (bool, bool) {
        let any = self.newest.with(Option::is_some);
        let (zoom_in, zoom_out) = self.viewport.get().can_zoom(&self.fit.get());
        (any && zoom_in, any && zoom_out)
    }

    /// Whether "Show all" changes the view: not when every event is in view already.
    fn can_reset(self) -> bool {
        self.viewport.get() != self.fit.get()
    }

    fn reset(self) {
        self.zoomed.set(None);
    }
}

/// Dragging: where it started (x, viewport), and whether it has moved enough to be a drag.
#[derive(Clone, Copy, Default)]
struct Drag {
    from: Option<(f64, Viewport)>,
    moved: bool,
}

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = Memo::new(move |_| {
        let data = ctx.data.get();
        ctx.filtered.with(|f| {
            let item = |&ix: &u32| {
                let e = data.ds.event(ix);
                Item { event: ix, span: e.span, kind: e.kind }
            };
            f.events.iter().map(item).collect::<Vec<_>>()
        })
    });
    let z = Zoom::new(ctx, items);
    let container = NodeRef::<html::Div>::new();
    let measure = move || {
        if let Some(el) = container.try_get_untracked().flatten() {
            let w = el.client_width() as f64;
            // Setting the same width would lay the marks out again for nothing (taking over from
            // a static page measures what the static drawing measured).
            if w > 0.0 && z.width.try_get_untracked().is_some_and(|old| old != w) {
                z.width.try_set(w);
            }
        }
    };
    // The width is read where the browser has laid the page out already: a resize observer's
    // callback runs after layout, so the read forces none, and it follows every change of the
    // canvas's width (the window's included). Read in an effect, it forced a layout in the middle
    // of the update that built a new canvas: 6 ms on the 10k site when a search first found
    // events. (Without the observer, the effect's read is what is left.)
    let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    Effect::new(move |_| {
        let Some(el) = container.get() else { return };
        observer.update_value(|o| {
            if o.is_none() {
                let read = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure).into_js_value();
                *o = web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(&read)).ok();
            }
            match o {
                // One canvas at a time: the one swapped out is let go.
                Some(o) => {
                    o.disconnect();
                    o.observe(&el);
                }
                None => measure(),
            }
        });
    });
    on_cleanup(move || {
        let _ = observer.try_with_value(|o| o.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
    // The canvas is built once and follows the items; only emptiness swaps it out. (Branching
    // on `items` itself rebuilt the whole drawing, and re-measured it, on every filter change.)
    let empty = Memo::new(move |_| items.with(Vec::is_empty));
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <Controls z />
            {move || {
                if empty.get() {
                    view! { <EmptyTimeline /> }.into_any()
                } else {
                    view! { <Canvas z items container /> }.into_any()
                }
            }}
            <LegendBox />
        </section>
    }
}

/// The drawing: axis and marks (or density strips), with keyboard, drag and the peek card.
#[component]
fn Canvas(z: Zoom, items: Memo<Vec<Item>>, container: NodeRef<html::Div>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let dense = Memo::new(move |_| items.with(|items| visible(items, &z.viewport.get()) > DENSE_ABOVE));
    let marks = Memo::new(move |_| {
        let rtl = ctx.fmt().axis_rtl();
        if dense.get() {
            return Vec::new();
        }
        items.with(|items| layout(items, &z.viewport.get(), z.width.get(), rtl, 18.0, ROWS))
    });
    // One fixed height for marks and density strips alike, so the page below never moves: not
    // when the marks change, not when more data turns marks into strips (shards arriving), and
    // not when the app replaces a static page drawn from every year.
    let height = PAD_TOP + ROWS as f64 * ROW_H + AXIS_H;
    let drag = RwSignal::new(Drag::default());
    let on_key = keys(ctx, z);
    let on_down = move |ev: leptos::ev::PointerEvent| {
        z.dragged.set_value(false);
        if ev.is_primary() && ev.button() == 0 {
            drag.set(Drag { from: Some((ev.client_x() as f64, z.viewport.get_untracked())), moved: false });
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((x0, v0)) = drag.with_untracked(|d| d.from) else { return };
        let dx = ev.client_x() as f64 - x0;
        if dx.abs() > 4.0 || drag.with_untracked(|d| d.moved) {
            // Content follows the pointer: dragging right shows earlier dates (later in Arabic).
            let sign = if ctx.fmt().axis_rtl() { 1.0 } else { -1.0 };
            z.set(v0.pan_within(sign * dx / z.width.get_untracked().max(1.0), &z.fit.get_untracked()));
            drag.update(|d| d.moved = true);
            z.dragged.set_value(true);
            z.peek.set(None);
        }
    };
    let on_up = move |_| drag.set(Drag::default());
    let label = move || format!("{} — {}", View::Timeline.label(ctx.lang()), ctx.lang().strings().timeline_help);
    // The marks are slots keyed by their first event: a filter change, a zoom or a pan moves the
    // marks it keeps, attribute by attribute, builds only the new ones and removes the gone.
    let draw = move || {
        if dense.get() {
            return items.with(|items| density_view(ctx.fmt(), items, z)).into_any();
        }
        let keys = move || marks.with(|ms| ms.iter().map(|m| m.events[0]).collect::<Vec<_>>());
        view! { <For each=keys key=|k| *k children=move |k| mark_slot(ctx, k, marks) /> }.into_any()
    };
    let input = mark_input(ctx, marks, z);
    // The peek card sits beside the drawing, not in it: the drawing clips what leaves its box (it
    // is dragged), and a card below a lower row's mark would be cut to its first line. The keys
    // are the frame's, so Escape hides a pinned card from its own link too.
    view! {
        <div class="timeline-frame" on:keydown=on_key on:focusin=input.focusin on:focusout=input.focusout>
            <div class="timeline-canvas" node_ref=container tabindex="0" role="group" aria-label=label
                aria-describedby="timeline-help" on:pointerdown=on_down on:pointermove=on_move
                on:pointerup=on_up on:pointercancel=on_up on:pointerleave=on_up>
                <svg width=move || dec(z.width.get(), 1) height=dec(height, 1) role="presentation"
                    data-dir=move || if ctx.fmt().axis_rtl() { "rtl" } else { "ltr" }>
                    <g class="axis">{move || axis(ctx.fmt(), z, height)}</g>
                    // Behind a static page, the marks are drawn in a task of their own.
                    // Focus is heard on the frame, not here: Chromium makes an SVG element with
                    // focus listeners a tab stop of its own (an unnamed one, before the marks).
                    <g class="marks" on:click=input.click on:keydown=input.keydown on:pointerover=input.over
                        on:pointerout=input.out>
                        <Later>{draw}</Later>
                    </g>
                </svg>
            </div>
            <PeekCard z />
        </div>
        <p id="timeline-help" class="help">{move || ctx.lang().strings().timeline_help}</p>
    }
}

/// The keyboard: + and − zoom, 0 resets, the arrows pan (mirrored in Arabic), Escape hides the
/// peek card.
fn keys(ctx: Ctx, z: Zoom) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |ev: leptos::ev::KeyboardEvent| {
        // A right-to-left axis (Arabic's default): the left arrow moves towards later dates.
        let dir = if ctx.fmt().axis_rtl() { -1.0 } else { 1.0 };
        // A mark with focus may go as the view changes (merged into a group, out of the view):
        // focus then goes to its mark again, else to the drawing, never to the page's body.
        let mark = document().active_element().filter(|el| el.has_attribute("data-mark"));
        if let Some(el) =
            mark.filter(|_| matches!(ev.key().as_str(), "+" | "=" | "-" | "_" | "0" | "ArrowRight" | "ArrowLeft"))
        {
            let key = el.get_attribute("data-mark").unwrap_or_default();
            super::explorer::refocus_if_dropped(
                el,
                format!(".timeline-canvas [data-mark=\"{key}\"],.timeline-canvas"),
                3,
            );
        }
        match ev.key().as_str() {
            "+" | "=" => z.zoom(2.0),
            "-" | "_" => z.zoom(0.5),
            "0" => z.reset(),
            "ArrowRight" => z.pan(0.25 * dir),
            "ArrowLeft" => z.pan(-0.25 * dir),
            "Escape" => z.peek.set(None),
            _ => return,
        }
        ev.prevent_default();
    }
}

/// No events to draw: say so, and offer the way back.
#[component]
fn EmptyTimeline() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The button goes with the empty drawing: focus to the count, as the panel's does.
    let clear = move |_| {
        ctx.navigate(|q| *q = q.cleared(), super::Nav::Push);
        super::explorer::focus_when_drawn(".content .result-count".into(), None, 2);
    };
    move || {
        let s = ctx.lang().strings();
        view! {
            <div class="timeline-empty" role="status">
                <p>{s.timeline_empty}</p>
                <button type="button" class="button" on:click=clear>{s.clear_all}</button>
            </div>
        }
    }
}

/// The legend, open (a static page and the app draw it alike, so nothing moves at takeover).
#[component]
fn LegendBox() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <details class="legend-box" open>
            <summary>{move || ctx.lang().strings().legend}</summary>
            <Legend />
        </details>
    }
}

/// A button of the timeline's controls: what it does, when it can, and what it says.
#[derive(Clone, Copy)]
enum Act {
    ZoomIn,
    ZoomOut,
    Reset,
    Earlier,
    Later,
}

impl Act {
    const ALL: [Act; 5] = [Act::ZoomIn, Act::ZoomOut, Act::Reset, Act::Earlier, Act::Later];

    /// Whether it changes the view now (else it says so with `aria-disabled`).
    fn able(self, z: Zoom) -> bool {
        match self {
            Act::ZoomIn => z.can_zoom().0,
            Act::ZoomOut => z.can_zoom().1,
            Act::Reset => z.can_reset(),
            Act::Earlier => z.can_pan().0,
            Act::Later => z.can_pan().1,
        }
    }

    fn run(self, z: Zoom) {
        match self {
            Act::ZoomIn => z.zoom(2.0),
            Act::ZoomOut => z.zoom(0.5),
            Act::Reset => z.reset(),
            Act::Earlier => z.pan(-0.25),
            Act::Later => z.pan(0.25),
        }
    }

    /// Its text, and for a symbol ("+", "−") the name it is read and shown (as a tooltip) by.
    fn text(self, s: &'static Strings) -> (&'static str, Option<&'static str>) {
        match self {
            Act::ZoomIn => ("+", Some(s.zoom_in)),
            Act::ZoomOut => ("−", Some(s.zoom_out)),
            Act::Reset => (s.zoom_reset, None),
            Act::Earlier => (s.pan_earlier, None),
            Act::Later => (s.pan_later, None),
        }
    }
}

/// The heading and the zoom and pan buttons: one button drawn five times (one view type in the
/// wasm, not five).
#[component]
fn Controls(z: Zoom) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let button = move |act: Act| {
            let (text, name) = act.text(lang.strings());
            let class = if name.is_some() { "button icon" } else { "button" };
            view! {
                <button type="button" class=class aria-label=name title=name
                    aria-disabled=move || (!act.able(z)).then_some("true") on:click=move |_| act.run(z)>{text}</button>
            }
        };
        view! {
            <div class="timeline-head">
                <h2 id="timeline-heading">{View::Timeline.label(lang)}</h2>
                <div class="timeline-controls" role="group" aria-label=View::Timeline.label(lang)>
                    {Act::ALL.map(button).into_iter().collect_view()}
                </div>
            </div>
        }
    }
}

/// The axis: a line and a label per tick, labels near an edge pulled inside the drawing.
fn axis(f: Fmt, z: Zoom, h: f64) -> impl IntoView {
    // The axis is Gregorian (its ticks are Gregorian months and years), in the reader's digits.
    let g = f.gregorian();
    let (v, w) = (z.viewport.get(), z.width.get());
    let tick = move |t: crate::timeline::Tick| {
        let label = match t.month {
            Some(m) => format_parts(g, Precision::Month, t.year, m, 1),
            None => f.year(t.year),
        };
        let y = h - AXIS_H;
        let tx = label_x(t.x, label.chars().count(), w, 3.6);
        let x = dec(t.x, 1);
        view! {
            <g class="tick">
                <line x1=x.clone() x2=x y1=dec(PAD_TOP / 2.0, 1) y2=dec(y + 4.0, 1) />
                <text x=dec(tx, 1) y=dec(y + 18.0, 1) text-anchor="middle">{label}</text>
            </g>
        }
    };
    ticks(&v, w, f.axis_rtl(), if v.days() < 900.0 { 110.0 } else { 56.0 }).into_iter().map(tick).collect_view()
}
