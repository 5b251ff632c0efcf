//! Checkbox options with counts: countries and the closed vocabularies.

use leptos::prelude::*;

use super::super::marks::TypeSymbol;
use super::super::{Ctx, Nav};
use crate::data::{Country, EventType};
use crate::filter::{Facet, Facets};
use crate::i18n::Lang;
use crate::query::Query;

/// Toggles `x` in a list.
fn toggle<T: PartialEq>(v: &mut Vec<T>, x: T) {
    match v.iter().position(|y| *y == x) {
        Some(i) => {
            v.remove(i);
        }
        None => v.push(x),
    }
}

/// One checkbox option: its label, how many events it leaves, whether it is chosen, what it does.
fn check_option(
    label: String,
    symbol: Option<EventType>,
    count: impl Fn(&Facets) -> usize + Send + Sync + 'static,
    on_toggle: impl Fn(&mut Query) + Send + Sync + 'static,
    checked: impl Fn(&Query) -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = Memo::new(move |_| ctx.filtered.with(|f| count(&f.facets)));
    let change = move |_| {
        ctx.navigate(
            |q| {
                on_toggle(q);
                q.event = None;
            },
            Nav::Push,
        )
    };
    view! {
        <li>
            <label class="option" class:zero=move || count.get() == 0>
                <input type="checkbox" prop:checked=move || ctx.query.with(&checked) on:change=change />
                {symbol.map(|k| view! { <TypeSymbol kind=k /> })}
                <bdi class="option-label">{label}</bdi>
                <span class="count">{move || count.get()}</span>
            </label>
        </li>
    }
}

/// Every value of a facet vocabulary as an option, labelled in `lang`.
pub fn vocab_options<T: Facet>(lang: Lang, symbol: fn(T) -> Option<EventType>) -> impl IntoView {
    let option = move |&t: &T| {
        check_option(
            t.label(lang).into(),
            symbol(t),
            move |f| T::counts(f).get(t.index()).copied().unwrap_or(0),
            move |q| toggle(T::chosen_mut(q), t),
            move |q| T::chosen(q).contains(&t),
        )
    };
    T::ALL.iter().map(option).collect_view()
}

/// Every country of the dataset, sorted by name in `lang`, with its count.
pub fn country_options(lang: Lang) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Countries come with the head document: every snapshot of a sharded dataset has the same.
    let data = ctx.now();
    let mut countries: Vec<(usize, &Country)> = data.ds.countries.iter().enumerate().collect();
    countries.sort_by(|a, b| lang.pick(&a.1.name).cmp(lang.pick(&b.1.name)));
    let option = |(i, country): (usize, &Country)| {
        let (c1, c2) = (country.code.clone(), country.code.clone());
        check_option(
            lang.pick(&country.name).to_owned(),
            None,
            move |f| f.countries.get(i).copied().unwrap_or(0),
            move |q| toggle(&mut q.countries, c2.clone()),
            move |q| q.countries.contains(&c1),
        )
    };
    countries.into_iter().map(option).collect_view()
}
