//! The filter panel: search, countries, pair, type, topic, tone, years, clear, downloads. Every
//! option shows how many events choosing it would leave. Open beside the content on wide
//! screens; folded above it on phones, where it is only built once first opened (and kept).
//! The panel's fields are a wasm module of their own ([`FIELDS`]): a phone fetches them only if
//! the reader opens the panel; a wide screen asks for them as the app starts ([`starts_open`]).

mod options;
mod selects;

use leptos::prelude::*;

use super::downloads::Downloads;
use super::split::SplitView;
use super::{Ctx, Nav};
use crate::data::{EventType, Tone, Topic};
use crate::vocab::Match;
use options::{vocab_options, CountryOptions};
use selects::{PairSelects, YearSelects};

/// The search field (labelled; typing replaces the history entry).
#[component]
pub fn SearchField() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        ctx.navigate(
            |q| {
                q.q = v;
                q.event = None;
            },
            Nav::Typing,
        )
    };
    move || {
        let s = ctx.lang().strings();
        view! {
            <div class="field">
                <label for="search">{s.search}</label>
                <input id="search" type="search" dir="auto" autocomplete="off" placeholder=s.search_placeholder
                    prop:value=move || ctx.query.with(|q| q.q.clone()) on:input=on_input />
            </div>
        }
    }
}

/// "Clear all filters": unavailable while nothing is filtered, but never `disabled`, which would
/// drop the focus of the reader who just pressed it to the document's body.
#[component]
fn ClearAll() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let none = Memo::new(move |_| ctx.query.with(|q| !q.has_filters()));
    let clear = move |_| {
        if !none.get_untracked() {
            ctx.navigate(|q| *q = q.cleared(), Nav::Push);
        }
    };
    view! {
        <button type="button" class="button" aria-disabled=move || none.get().then_some("true") on:click=clear>
            {move || ctx.lang().strings().clear_all}
        </button>
    }
}

/// With several countries chosen: events of any of them, or of all of them together.
#[component]
fn MatchChoice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let several = Memo::new(move |_| ctx.query.with(|q| q.countries.len() >= 2));
    move || {
        several.get().then(|| {
            let lang = ctx.lang();
            let option = move |&m: &Match| {
                let checked = move || ctx.query.with(|q| q.matching == m);
                let choose = move |_| ctx.navigate(|q| q.matching = m, Nav::Push);
                view! {
                    <label class="option">
                        <input type="radio" name="match" value=m.id() prop:checked=checked on:change=choose />
                        <span>{m.label(lang)}</span>
                    </label>
                }
            };
            // Two or three chosen: compare them side by side instead (the filter becomes the
            // comparison's states).
            let compare = move || {
                ctx.query.with(|q| q.countries.len() <= crate::query::COMPARE_MAX).then(|| {
                    let go = move |_| {
                        ctx.navigate(
                            |q| {
                                q.compare = std::mem::take(&mut q.countries);
                                q.matching = Match::default();
                                q.event = None;
                            },
                            Nav::Push,
                        )
                    };
                    view! { <button type="button" class="button" on:click=go>{lang.strings().compare_chosen}</button> }
                })
            };
            view! {
                <div class="match" role="radiogroup" aria-labelledby="match-label">
                    <span id="match-label" class="field-label">{lang.strings().events_of}</span>
                    {Match::ALL.iter().map(option).collect_view()}
                </div>
                {compare}
            }
        })
    }
}

/// The panel's fields, in their language (the search field sits above the panel, outside it, so
/// it stays in reach when the panel is folded on a phone).
#[component]
fn Fields() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let s = lang.strings();
        let types = vocab_options::<EventType>(lang, Some);
        let topics = vocab_options::<Topic>(lang, |_| None);
        let tones = vocab_options::<Tone>(lang, |_| None);
        view! {
            <aside class="filters" aria-labelledby="filters-heading">
                <ClearAll />
                <fieldset><legend>{s.countries}</legend><CountryOptions /><MatchChoice /></fieldset>
                <PairSelects />
                <fieldset><legend>{s.types}</legend>{types}</fieldset>
                <fieldset><legend>{s.topics}</legend>{topics}</fieldset>
                <fieldset><legend>{s.tones}</legend>{tones}</fieldset>
                <YearSelects />
                <Downloads />
            </aside>
        }
    }
}

super::split::split_view!(
    /// The filter panel's fields, from their own wasm module.
    FIELDS, filters_module, load_filters, filters_body, Fields
);

/// Whether the app draws the panel open, with its fields: beside the content where the
/// stylesheet lays it so (its one breakpoint, `--filters-beside`), and in an embed that asks for
/// filters (`filters=1`; an embed shows none otherwise). The start module decides, before the
/// app runs, as it preloads the fields' module, and says so on the root (`data-filters-open`,
/// `marsad-dist`'s `start.js`): the preload and the panel cannot disagree. A static page draws
/// the panel folded (it cannot know the width; the app opens it).
pub fn starts_open(ctx: Ctx) -> bool {
    !ctx.is_static() && document().document_element().is_some_and(|r| r.has_attribute("data-filters-open"))
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let wide = starts_open(ctx);
    // Folded, the panel is not built at all (a phone's first render is a third lighter); once
    // opened it stays built, so checked states and focus survive folding it again.
    let built = RwSignal::new(wide);
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::Element>(&ev).has_attribute("open") {
            super::raise(built);
        }
    };
    // One cell of the layout's grid: the sidebar on a wide screen, above the results on a phone.
    // The search is a landmark of its own, beside the filters' (`Fields`, an `aside`).
    view! {
        <div class="sidebar">
            <div class="search-box" role="search"><SearchField /></div>
            <details class="filters-box" prop:open=wide on:toggle=on_toggle>
                <summary><h2 id="filters-heading">{move || ctx.lang().strings().filters}</h2></summary>
                {move || built.get().then(|| view! { <SplitView split=FIELDS /> })}
            </details>
        </div>
    }
}
