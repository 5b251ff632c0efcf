//! The SVG timeline: the filtered events placed by date, spans for coarse dates, groups with
//! counts when dense, zoom and pan by buttons and keyboard, mirrored in Arabic.

use leptos::html;
use leptos::prelude::*;

use super::marks::{shape_path, type_class, Legend};
use super::Ctx;
use crate::data::Precision;
use crate::filter::Filtered;
use crate::i18n::{count_events, intl, type_label};
use crate::timeline::{layout, ticks, Item, Mark, Viewport};

const ROW_H: f64 = 26.0;
const ROWS: usize = 6;
const AXIS_H: f64 = 28.0;
const PAD_TOP: f64 = 14.0;

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filtered = expect_context::<Memo<Filtered>>();
    let data = ctx.data;

    let items = {
        Memo::new(move |_| {
            let data = data.get();
            filtered.with(|f| {
                f.events
                    .iter()
                    .map(|&ix| {
                        let e = data.ds.event(ix);
                        Item { event: ix, span: e.span, kind: e.kind }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let fit = Memo::new(move |_| items.with(|items| Viewport::fit(items.iter().map(|i| i.span))));
    // The reader's zoom, remembered with the fitted view it was made from: when the events'
    // extent changes, the view refits (derived, so one layout per change rather than two).
    let zoomed = RwSignal::new(None::<(Viewport, Viewport)>);
    let viewport = Memo::new(move |_| {
        let fit = fit.get();
        zoomed.with(|z| match z {
            Some((from, v)) if *from == fit => *v,
            _ => fit,
        })
    });
    let set_view = move |v: Viewport| zoomed.set(Some((fit.get_untracked(), v)));
    let reset = move || zoomed.set(None);

    let width = RwSignal::new(800.0f64);
    let container = NodeRef::<html::Div>::new();
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let w = el.client_width() as f64;
            if w > 0.0 {
                width.set(w);
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

    let lang_memo = ctx.lang_memo;
    let marks = Memo::new(move |_| {
        let rtl = lang_memo.get().is_rtl();
        items.with(|items| layout(items, &viewport.get(), width.get(), rtl, 18.0, ROWS))
    });
    let height = move || {
        let rows = marks.with(|m| m.iter().map(|m| m.row + 1).max().unwrap_or(1));
        PAD_TOP + rows as f64 * ROW_H + AXIS_H
    };

    let zoom = move |factor: f64| set_view(viewport.get_untracked().zoom(factor, None));
    let pan = move |fraction: f64| set_view(viewport.get_untracked().pan(fraction));
    let c = ctx.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let rtl = c.lang().is_rtl();
        // In Arabic the axis runs right to left: the left arrow moves towards later dates.
        let dir = if rtl { -1.0 } else { 1.0 };
        match ev.key().as_str() {
            "+" | "=" => zoom(2.0),
            "-" | "_" => zoom(0.5),
            "0" => reset(),
            "ArrowRight" => pan(0.25 * dir),
            "ArrowLeft" => pan(-0.25 * dir),
            _ => return,
        }
        ev.prevent_default();
    };

    let c = ctx.clone();
    let axis = move || {
        let lang = c.lang();
        let (v, w, h) = (viewport.get(), width.get(), height());
        ticks(&v, w, lang.is_rtl(), if v.days() < 900.0 { 110.0 } else { 56.0 })
            .into_iter()
            .map(|t| {
                let label = match t.month {
                    Some(m) => intl::format_parts(lang, Precision::Month, t.year, m, 1),
                    None => t.year.to_string(),
                };
                let y = h - AXIS_H;
                // A label near an edge is pulled inside the drawing (about 3.6 px per half glyph).
                let half = label.chars().count() as f64 * 3.6;
                let tx = t.x.clamp(half.min(w / 2.0), (w - half).max(w / 2.0));
                view! {
                    <g class="tick">
                        <line x1=t.x x2=t.x y1=PAD_TOP / 2.0 y2=y + 4.0 />
                        <text x=tx y=y + 18.0 text-anchor="middle">{label}</text>
                    </g>
                }
            })
            .collect_view()
    };

    let c = ctx.clone();
    let mark_views = move || {
        let lang = c.lang();
        let data = c.now();
        marks.get().into_iter().map(|m| mark_view(&c, &data, lang, m, viewport, set_view)).collect_view()
    };

    let c = ctx.clone();
    move || {
        let lang = c.lang();
        let s = lang.strings();
        let c2 = c.clone();
        view! {
            <section class="timeline" aria-labelledby="timeline-heading">
                <div class="timeline-head">
                    <h2 id="timeline-heading">{s.timeline}</h2>
                    <div class="timeline-controls" role="group" aria-label=s.timeline>
                        <button type="button" class="button icon" aria-label=s.zoom_in title=s.zoom_in on:click=move |_| zoom(2.0)>"+"</button>
                        <button type="button" class="button icon" aria-label=s.zoom_out title=s.zoom_out on:click=move |_| zoom(0.5)>"−"</button>
                        <button type="button" class="button" on:click=move |_| reset()>{s.zoom_reset}</button>
                        <button type="button" class="button" on:click=move |_| pan(-0.25)>{s.pan_earlier}</button>
                        <button type="button" class="button" on:click=move |_| pan(0.25)>{s.pan_later}</button>
                    </div>
                </div>
                <div class="timeline-canvas" node_ref=container tabindex="0" role="group"
                    aria-label=format!("{} — {}", s.timeline, s.timeline_help) aria-describedby="timeline-help"
                    on:keydown=on_key.clone()>
                    <svg width=move || width.get() height=height role="presentation"
                        data-dir=move || c2.lang().dir()>
                        <g class="axis">{axis.clone()}</g>
                        <g class="marks">{mark_views.clone()}</g>
                    </svg>
                </div>
                <p id="timeline-help" class="help">{s.timeline_help}</p>
                <details class="legend-box"><summary>{s.legend}</summary><Legend lang /></details>
            </section>
        }
    }
}

fn mark_view(
    c: &Ctx,
    data: &super::Loaded,
    lang: crate::i18n::Lang,
    m: Mark,
    viewport: Memo<Viewport>,
    set_view: impl Fn(Viewport) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let y = PAD_TOP + m.row as f64 * ROW_H + ROW_H / 2.0;
    let class = format!("mark {}", type_class(m.kind));
    // Indexing `m.events[0]` below cannot fail: `timeline::layout` creates every mark with one
    // event and only ever adds to it.
    if m.is_group() {
        let n = m.events.len();
        let first = data.ds.event(m.events[0]);
        let last = data.ds.event(*m.events.last().unwrap_or(&m.events[0]));
        let label = format!(
            "{} {} — {} – {}",
            count_events(lang, n),
            lang.strings().group_of,
            intl::format_date(lang, &first.date),
            intl::format_date(lang, &last.date)
        );
        let (lo, hi) = (first.span.0.min(last.span.0) as f64, first.span.1.max(last.span.1) as f64 + 1.0);
        let zoom_in =
            move || set_view(Viewport { start: lo, end: hi }.zoom(0.8, None).min_with(&viewport.get_untracked()));
        let r = 12.0;
        let cx = m.center();
        let bar = (m.right - m.left > 2.0 * r).then(|| {
            view! { <rect class="group-span" x=m.left y=y - 3.0 width=m.right - m.left height=6.0 rx=3.0 /> }
        });
        let aria = label.clone();
        // Four digits still fit inside the circle, smaller.
        let count_class = if n >= 1000 { "group-count long" } else { "group-count" };
        return view! {
            <g class="group" tabindex="0" role="button" aria-label=aria
                on:click=move |_| zoom_in()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); zoom_in() }>
                <title>{label}</title>
                {bar}
                <circle class=class cx=cx cy=y r=r />
                <text class=count_class x=cx y=y + 4.0 text-anchor="middle">{n.to_string()}</text>
            </g>
        }
        .into_any();
    }
    let ix = m.events[0];
    let e = data.ds.event(ix);
    let id = e.id.clone();
    let label =
        format!("{} — {} — {}", intl::format_date(lang, &e.date), type_label(lang, e.kind), lang.pick(&e.title));
    let c = c.clone();
    let open = move || c.navigate(|q| q.event = Some(id.clone()), false);
    let open2 = open.clone();
    let span = (m.is_span && m.right - m.left > 3.0).then(|| {
        view! { <rect class=format!("span {}", type_class(m.kind)) x=m.left y=y - 5.0 width=m.right - m.left height=10.0 rx=2.0 /> }
    });
    let cx = m.center();
    let aria = label.clone();
    view! {
        <g class="event-mark" tabindex="0" role="link" aria-label=aria data-event=e.id.clone()
            on:click=move |_| open()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); open2() }>
            <title>{label}</title>
            // An invisible 24 px hit area around the 16 px symbol (target size).
            <circle class="hit" cx=cx cy=y r=12.0 />
            {span}
            <path class=class d=shape_path(m.kind, cx, y, 8.0) />
        </g>
    }
    .into_any()
}

impl Viewport {
    /// Never zoom out when opening a group: keep whichever view is narrower.
    fn min_with(self, current: &Viewport) -> Viewport {
        if self.days() < current.days() {
            self
        } else {
            current.zoom(2.0, Some((self.start + self.end) / 2.0))
        }
    }
}
