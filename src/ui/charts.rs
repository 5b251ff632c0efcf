//! Small SVG charts for the cards: events per year, and tone per year (SVG geometry, so no
//! inline styles are needed under the CSP). Time runs the way the timeline's does (`Fmt::axis_rtl`).

use leptos::prelude::*;

use crate::data::Tone;
use crate::i18n::{number, year_bars_summary, Fmt};
use crate::num::dec;
use crate::stats::ToneYear;

/// A bar per year, the tallest `max` events high (several charts on one scale), or else the
/// chart's own most; its accessible name is `label` with the years and the peak.
pub fn year_bars(years: &[(i32, usize)], max: Option<usize>, label: String, f: Fmt) -> impl IntoView {
    let max = max.unwrap_or_else(|| years.iter().map(|y| y.1).max().unwrap_or(1)).max(1) as f64;
    let n = years.len().max(1) as f64;
    let bw = (200.0 / n).min(24.0);
    // The years over the whole width, the first and the last bar at its ends, over the two
    // years the caption names there (a lone year centred, as its caption is). Bars as wide as
    // the width allows left a few years in the middle of the drawing, under no year or the
    // wrong one. Stretched, not scaled, to the caption's width where a comparison's cell
    // widens both.
    let pitch = if years.len() > 1 { (200.0 - bw) / (n - 1.0) } else { 0.0 };
    let start = if years.len() > 1 { 0.0 } else { (200.0 - bw) / 2.0 };
    let bar = |(i, &(y, count)): (usize, &(i32, usize))| {
        let h = 40.0 * count as f64 / max;
        let slot = if f.axis_rtl() { years.len() - 1 - i } else { i };
        let x = dec(start + slot as f64 * pitch + 1.0, 1);
        view! {
            <rect class="bar" x=x y=dec(44.0 - h, 1) width=dec((bw - 2.0).max(1.0), 1)
                height=dec(h, 1)>
                <title>{format!("{}: {}", f.year(y), number(f, count))}</title>
            </rect>
        }
    };
    let bars = years.iter().enumerate().map(bar).collect_view();
    let first = years.first().map(|y| f.year(y.0)).unwrap_or_default();
    // One year is named once, under its one bar (the caption centres a lone year).
    let last = years.last().filter(|_| years.len() > 1).map(|y| view! { <span>{f.year(y.0)}</span> });
    // The first year at the axis's start: its side follows the bars, not the text direction.
    let caption_dir = if f.axis_rtl() { "rtl" } else { "ltr" };
    // A screen reader reads none of the bars (`role="img"`): the label says what they show.
    let label = year_bars_summary(f, &label, years);
    view! {
        <figure class="year-bars">
            <svg viewBox="0 0 200 46" preserveAspectRatio="none" width="200" height="46" role="img" aria-label=label>
                {bars}
            </svg>
            <figcaption dir=caption_dir><span>{first}</span>{last}</figcaption>
        </figure>
    }
}

/// The tones of one year as "Cooperative 2، Conflictual 1".
fn tone_text(counts: &[usize; Tone::COUNT], f: Fmt) -> String {
    let parts = Tone::ALL.iter().zip(counts).filter(|(_, n)| **n > 0);
    let parts = parts.map(|(t, &n)| format!("{} {}", t.label(f.lang), number(f, n)));
    parts.collect::<Vec<_>>().join(f.lang.list_sep())
}

/// Stacked bars of tone per year.
pub fn tone_bars(years: &[ToneYear], f: Fmt) -> impl IntoView {
    let max = years.iter().map(|(_, t)| t.iter().sum::<usize>()).max().unwrap_or(1).max(1) as f64;
    let row = |&(y, counts): &ToneYear| {
        let mut x = 0.0;
        let seg = |(&t, &n): (&Tone, &usize)| {
            let w = 240.0 * n as f64 / max;
            let title = format!("{}: {}", t.label(f.lang), number(f, n));
            let class = format!("tone-{}", t.id());
            let seg =
                view! { <rect class=class x=dec(x, 1) y="2" width=dec(w, 1) height="14"><title>{title}</title></rect> };
            x += w;
            seg
        };
        let segs = Tone::ALL.iter().zip(&counts).filter(|(_, n)| **n > 0).map(seg).collect_view();
        let text = tone_text(&counts, f);
        view! {
            <li><span class="year">{f.year(y)}</span>
                <svg width="240" height="18" role="img" aria-label=format!("{}: {text}", f.year(y))>{segs}</svg>
                <span class="tone-text">{text.clone()}</span></li>
        }
    };
    view! { <ul class="tone-bars">{years.iter().map(row).collect_view()}</ul> }
}
