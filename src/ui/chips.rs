//! The active filters as removable chips, above the results: on a phone the folded filter panel
//! hides them, so this is where a reader sees (and undoes) what narrows the events.

use leptos::prelude::*;

use super::explorer::focus_when_drawn;
use super::{Ctx, Nav};
use crate::page::filter_label;
use crate::query::Filter;

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filters = Memo::new(move |_| ctx.query.with(|q| q.active_filters()));
    move || {
        let chips = filters.get();
        if chips.is_empty() {
            return None;
        }
        let (fmt, d) = (ctx.fmt(), ctx.now());
        let s = fmt.strings();
        let chip = |f: Filter| {
            let text = filter_label(&f, fmt, &d.ds);
            // The chip goes with its filter: focus goes to the next chip's ×, or, with none left,
            // to the count of what is now shown.
            let remove = move |_| {
                ctx.navigate(|q| *q = q.without(&f), Nav::Push);
                focus_when_drawn(".active-filters .remove".into(), Some(".content .result-count"), 2);
            };
            let name = format!("{}: {text}", s.remove_filter);
            view! {
                <li class="chip">
                    <bdi>{text.clone()}</bdi>
                    <button type="button" class="remove" aria-label=name on:click=remove>
                        "×"
                    </button>
                </li>
            }
        };
        let clear = (chips.len() > 1).then(|| {
            // The chips go with the filters: focus goes to the count of what is now shown.
            let clear = move |_| {
                ctx.navigate(|q| *q = q.cleared(), Nav::Push);
                focus_when_drawn(".content .result-count".into(), None, 2);
            };
            view! { <li><button type="button" class="button" on:click=clear>{s.clear_all}</button></li> }
        });
        Some(view! {
            <ul class="active-filters" aria-label=s.active_filters>
                {chips.into_iter().map(chip).collect_view()}
                {clear}
            </ul>
        })
    }
}
