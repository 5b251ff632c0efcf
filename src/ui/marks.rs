//! Colour and shape per event type (`crate::symbol`), drawn small for lists and the legend.

use leptos::prelude::*;

use super::Ctx;
use crate::data::EventType;
use crate::symbol::{shape_path, type_class};

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
pub fn Legend() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let s = lang.strings();
        let items =
            EventType::ALL.iter().map(|&k| view! { <li><TypeSymbol kind=k /><span>{k.label(lang)}</span></li> });
        view! {
            <ul class="legend">{items.collect_view()}</ul>
            <ul class="legend legend-shapes">
                <li>
                    <svg class="symbol" viewBox="0 0 30 20" width="30" height="20" aria-hidden="true">
                        <rect class="span t-dialogue" x="1" y="5" width="28" height="10" rx="2" />
                    </svg>
                    <span>{s.legend_span}</span>
                </li>
                <li>
                    <svg class="symbol" viewBox="0 0 28 28" width="24" height="24" aria-hidden="true">
                        <path class="t-dialogue" d="M14,14L14,1.5A12.5,12.5 0 0,1 26.5,14Z" />
                        <path class="t-accusation" d="M14,14L26.5,14A12.5,12.5 0 1,1 14,1.5Z" />
                        <circle class="group-core" cx="14" cy="14" r="8.5" />
                        <text class="group-count" x="14" y="17.5" text-anchor="middle">"5"</text>
                    </svg>
                    <span>{s.legend_group}</span>
                </li>
                <li>
                    <svg class="symbol" viewBox="0 0 30 20" width="30" height="20" aria-hidden="true">
                        <rect class="t-cyber-incident" x="1" y="6" width="9" height="8" fill-opacity="0.3" />
                        <rect class="t-cyber-incident" x="10" y="6" width="10" height="8" fill-opacity="1" />
                        <rect class="t-cyber-incident" x="20" y="6" width="9" height="8" fill-opacity="0.6" />
                    </svg>
                    <span>{s.legend_density}</span>
                </li>
            </ul>
        }
    }
}
