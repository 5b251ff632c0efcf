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
        let items =
            EventType::ALL.iter().map(|&k| view! { <li><TypeSymbol kind=k /><span>{k.label(lang)}</span></li> });
        view! { <ul class="legend">{items.collect_view()}</ul> }
    }
}
