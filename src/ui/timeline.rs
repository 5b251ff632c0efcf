//! The SVG timeline: the filtered events placed by date (`crate::timeline` does the geometry),
//! spans for coarse dates, groups with counts when dense, zoom and pan by buttons and keyboard,
//! mirrored in Arabic.

use leptos::html;
use leptos::prelude::*;

use super::marks::Legend;
use super::{Ctx, Nav, Snapshot};
use crate::data::Precision;
use crate::i18n::{intl, Lang, CLOSE_EVENTS};
use crate::symbol::{shape_path, type_class};
use crate::timeline::{label_x, layout, ticks, Item, Mark, Viewport};
use crate::vocab::View;

const ROW_H: f64 = 26.0;
const ROWS: usize = 6;
const AXIS_H: f64 = 28.0;
const PAD_TOP: f64 = 14.0;

/// The view state of one timeline: the fitted viewport of the events, the reader's zoom (kept
/// with the fit it was made from, so a new extent refits), and the drawing's width.
#[derive(Clone, Copy)]
struct Zoom {
    fit: Memo<Viewport>,
    zoomed: RwSignal<Option<(Viewport, Viewport)>>,
    viewport: Memo<Viewport>,
    width: RwSignal<f64>,
}

impl Zoom {
    fn new(ctx: Ctx) -> Zoom {
        let fit = Memo::new(move |_| {
            let data = ctx.data.get();
            ctx.filtered.with(|f| Viewport::fit(f.events.iter().map(|&ix| data.ds.event(ix).span)))
        });
        let zoomed = RwSignal::new(None::<(Viewport, Viewport)>);
        let viewport = Memo::new(move |_| {
            let fit = fit.get();
            zoomed.with(|z| match z {
                Some((from, v)) if *from == fit => *v,
                _ => fit,
            })
        });
        Zoom { fit, zoomed, viewport, width: RwSignal::new(800.0) }
    }

    fn set(self, v: Viewport) {
        self.zoomed.set(Some((self.fit.get_untracked(), v)));
    }

    fn zoom(self, factor: f64) {
        self.set(self.viewport.get_untracked().zoom(factor, None));
    }

    fn pan(self, fraction: f64) {
        self.set(self.viewport.get_untracked().pan(fraction));
    }

    fn reset(self) {
        self.zoomed.set(None);
    }
}

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let z = Zoom::new(ctx);
    let container = NodeRef::<html::Div>::new();
    let measure = move || {
        if let Some(el) = container.try_get_untracked().flatten() {
            let w = el.client_width() as f64;
            if w > 0.0 {
                z.width.try_set(w);
            }
        }
    };
    Effect::new(move |_| {
        if container.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let marks = Memo::new(move |_| {
        let rtl = ctx.lang().is_rtl();
        let data = ctx.data.get();
        let items: Vec<Item> = ctx.filtered.with(|f| {
            f.events
                .iter()
                .map(|&ix| data.ds.event(ix))
                .zip(&f.events)
                .map(|(e, &ix)| Item { event: ix, span: e.span, kind: e.kind })
                .collect()
        });
        layout(&items, &z.viewport.get(), z.width.get(), rtl, 18.0, ROWS)
    });
    let height = Memo::new(move |_| {
        let rows = marks.with(|m| m.iter().map(|m| m.row + 1).max().unwrap_or(1));
        PAD_TOP + rows as f64 * ROW_H + AXIS_H
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // In Arabic the axis runs right to left: the left arrow moves towards later dates.
        let dir = if ctx.lang().is_rtl() { -1.0 } else { 1.0 };
        match ev.key().as_str() {
            "+" | "=" => z.zoom(2.0),
            "-" | "_" => z.zoom(0.5),
            "0" => z.reset(),
            "ArrowRight" => z.pan(0.25 * dir),
            "ArrowLeft" => z.pan(-0.25 * dir),
            _ => return,
        }
        ev.prevent_default();
    };
    let mark_views = move || {
        let (lang, data) = (ctx.lang(), ctx.now());
        marks.get().into_iter().map(|m| mark_view(ctx, &data, lang, m, z)).collect_view()
    };
    let canvas_label = move || format!("{} — {}", View::Timeline.label(ctx.lang()), ctx.lang().strings().timeline_help);
    view! {
        <section class="timeline" aria-labelledby="timeline-heading">
            <Controls z />
            <div class="timeline-canvas" node_ref=container tabindex="0" role="group"
                aria-label=canvas_label
                aria-describedby="timeline-help" on:keydown=on_key>
                <svg width=move || z.width.get() height=move || height.get() role="presentation"
                    data-dir=move || ctx.lang().dir()>
                    <g class="axis">{move || axis(ctx.lang(), z, height.get())}</g>
                    <g class="marks">{mark_views}</g>
                </svg>
            </div>
            <p id="timeline-help" class="help">{move || ctx.lang().strings().timeline_help}</p>
            <details class="legend-box"><summary>{move || ctx.lang().strings().legend}</summary><Legend /></details>
        </section>
    }
}

/// The heading and the zoom and pan buttons.
#[component]
fn Controls(z: Zoom) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let s = lang.strings();
        view! {
            <div class="timeline-head">
                <h2 id="timeline-heading">{View::Timeline.label(lang)}</h2>
                <div class="timeline-controls" role="group" aria-label=View::Timeline.label(lang)>
                    <button type="button" class="button icon" aria-label=s.zoom_in title=s.zoom_in
                        on:click=move |_| z.zoom(2.0)>"+"</button>
                    <button type="button" class="button icon" aria-label=s.zoom_out title=s.zoom_out
                        on:click=move |_| z.zoom(0.5)>"−"</button>
                    <button type="button" class="button" on:click=move |_| z.reset()>{s.zoom_reset}</button>
                    <button type="button" class="button" on:click=move |_| z.pan(-0.25)>{s.pan_earlier}</button>
                    <button type="button" class="button" on:click=move |_| z.pan(0.25)>{s.pan_later}</button>
                </div>
            </div>
        }
    }
}

/// The axis: a line and a label per tick, labels near an edge pulled inside the drawing.
fn axis(lang: Lang, z: Zoom, h: f64) -> impl IntoView {
    let (v, w) = (z.viewport.get(), z.width.get());
    let tick = move |t: crate::timeline::Tick| {
        let label = match t.month {
            Some(m) => intl::format_parts(lang, Precision::Month, t.year, m, 1),
            None => t.year.to_string(),
        };
        let y = h - AXIS_H;
        let tx = label_x(t.x, label.chars().count(), w, 3.6);
        view! {
            <g class="tick">
                <line x1=t.x x2=t.x y1=PAD_TOP / 2.0 y2=y + 4.0 />
                <text x=tx y=y + 18.0 text-anchor="middle">{label}</text>
            </g>
        }
    };
    ticks(&v, w, lang.is_rtl(), if v.days() < 900.0 { 110.0 } else { 56.0 }).into_iter().map(tick).collect_view()
}

/// A group of close events: its count in a circle; opening it zooms in on its span.
fn group_view(data: &Snapshot, lang: Lang, m: Mark, z: Zoom) -> AnyView {
    let y = PAD_TOP + m.row as f64 * ROW_H + ROW_H / 2.0;
    let n = m.events.len();
    // `timeline::layout` creates every mark with one event and only ever adds to it.
    let first = data.ds.event(m.events[0]);
    let last = data.ds.event(*m.events.last().unwrap_or(&m.events[0]));
    let label = format!(
        "{}: {} – {}",
        CLOSE_EVENTS.count_with_digits(lang, n),
        intl::format_date(lang, &first.date),
        intl::format_date(lang, &last.date)
    );
    let (lo, hi) = (first.span.0.min(last.span.0) as f64, first.span.1.max(last.span.1) as f64 + 1.0);
    let open = move || z.set(Viewport { start: lo, end: hi }.zoom(0.8, None).min_with(&z.viewport.get_untracked()));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open()
        }
    };
    let cx = m.center();
    let bar = (m.right - m.left > 24.0).then(|| {
        view! { <rect class="group-span" x=m.left y=y - 3.0 width=m.right - m.left height=6.0 rx=3.0 /> }
    });
    // Four digits still fit inside the circle, smaller.
    let count_class = if n >= 1000 { "group-count long" } else { "group-count" };
    view! {
        <g class="group" tabindex="0" role="button" aria-label=label.clone() on:click=move |_| open() on:keydown=on_key>
            <title>{label.clone()}</title>
            {bar}
            <circle class=format!("mark {}", type_class(m.kind)) cx=cx cy=y r=12.0 />
            <text class=count_class x=cx y=y + 4.0 text-anchor="middle">{n.to_string()}</text>
        </g>
    }
    .into_any()
}

/// One mark: a group, or a single event (its symbol, a span bar for a month or year).
fn mark_view(ctx: Ctx, data: &Snapshot, lang: Lang, m: Mark, z: Zoom) -> AnyView {
    if m.is_group() {
        return group_view(data, lang, m, z);
    }
    let y = PAD_TOP + m.row as f64 * ROW_H + ROW_H / 2.0;
    let e = data.ds.event(m.events[0]);
    let id = e.id.clone();
    let label = format!("{} — {} — {}", intl::format_date(lang, &e.date), e.kind.label(lang), lang.pick(&e.title));
    let open = move || {
        let id = id.clone();
        ctx.navigate(move |q| q.event = Some(id), Nav::Push)
    };
    let open2 = open.clone();
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
            on:click=move |_| open() on:keydown=on_key>
            <title>{label.clone()}</title>
            // An invisible 24 px hit area around the 16 px symbol (target size).
            <circle class="hit" cx=cx cy=y r=12.0 />
            {span}
            <path class=format!("mark {}", type_class(m.kind)) d=shape_path(m.kind, cx, y, 8.0) />
        </g>
    }
    .into_any()
}
