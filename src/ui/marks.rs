//! Colour and shape per event type: colour is never the only signal. Colours come from CSS
//! classes (`t-<type>`) so each theme sets its own, contrast-checked palette.

use leptos::prelude::*;

use crate::data::EventType;
use crate::i18n::{type_label, Lang};

/// An SVG path for the type's symbol centred on (`cx`, `cy`) with radius `r`.
pub fn shape_path(kind: EventType, cx: f64, cy: f64, r: f64) -> String {
    let poly = |pts: &[(f64, f64)]| {
        let mut d = String::new();
        for (i, (x, y)) in pts.iter().enumerate() {
            d.push_str(&format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, cx + x * r, cy + y * r));
        }
        d.push('Z');
        d
    };
    let regular = |n: usize, rot: f64, inner: Option<f64>| {
        let steps = if inner.is_some() { n * 2 } else { n };
        let pts: Vec<(f64, f64)> = (0..steps)
            .map(|i| {
                let a = rot + i as f64 * std::f64::consts::TAU / steps as f64;
                let k = if i % 2 == 1 { inner.unwrap_or(1.0) } else { 1.0 };
                (a.cos() * k, a.sin() * k)
            })
            .collect();
        poly(&pts)
    };
    let up = -std::f64::consts::FRAC_PI_2;
    match kind {
        EventType::Dialogue => format!(
            "M{:.1},{:.1}a{r:.1},{r:.1} 0 1,0 {:.1},0a{r:.1},{r:.1} 0 1,0 {:.1},0Z",
            cx - r,
            cy,
            2.0 * r,
            -2.0 * r
        ),
        EventType::Meeting => poly(&[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
        EventType::Agreement => poly(&[(0.0, -1.1), (1.1, 0.0), (0.0, 1.1), (-1.1, 0.0)]),
        EventType::Pledge => regular(3, up, None),
        EventType::UnResolution => regular(6, 0.0, None),
        EventType::Accusation => regular(3, -up, None),
        EventType::CyberIncident => regular(5, up, Some(0.45)),
        EventType::Sanction => poly(&[
            (-0.35, -1.0),
            (0.35, -1.0),
            (0.35, -0.35),
            (1.0, -0.35),
            (1.0, 0.35),
            (0.35, 0.35),
            (0.35, 1.0),
            (-0.35, 1.0),
            (-0.35, 0.35),
            (-1.0, 0.35),
            (-1.0, -0.35),
            (-0.35, -0.35),
        ]),
        EventType::Decision => regular(5, up, None),
        EventType::Report => poly(&[(-0.7, -1.0), (0.7, -1.0), (0.7, 1.0), (-0.7, 1.0)]),
        EventType::Statement => regular(4, 0.0, Some(0.5)),
    }
}

/// The CSS class carrying the type's colour.
pub fn type_class(kind: EventType) -> String {
    format!("t-{}", kind.id().replace('_', "-"))
}

/// A small inline symbol for lists and the legend.
#[component]
pub fn TypeSymbol(kind: EventType) -> impl IntoView {
    view! {
        <svg class="symbol" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <path class=type_class(kind) d=shape_path(kind, 10.0, 10.0, 8.0) />
        </svg>
    }
}

/// The legend: symbol, colour and name of every type.
#[component]
pub fn Legend(lang: Lang) -> impl IntoView {
    view! {
        <ul class="legend">
            {EventType::ALL
                .iter()
                .map(|&k| view! { <li><TypeSymbol kind=k /><span>{type_label(lang, k)}</span></li> })
                .collect_view()}
        </ul>
    }
}
