//! Checkbox options with counts: countries and the closed vocabularies.

use leptos::prelude::*;

use super::super::marks::TypeSymbol;
use super::super::{Ctx, Nav};
use crate::data::{Country, EventType};
use crate::filter::{Facet, Facets};
use crate::i18n::{number, sort_key, Lang};
use crate::query::Query;
use crate::search::normalize;

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
    hidden: impl Fn() -> bool + Send + Sync + 'static,
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
        <li class:hidden=hidden>
            <label class="option" class:zero=move || count.get() == 0>
                <input type="checkbox" prop:checked=move || ctx.query.with(&checked) on:change=change />
                {symbol.map(|k| view! { <TypeSymbol kind=k /> })}
                <bdi class="option-label">{label}</bdi>
                <span class="count">{move || number(ctx.fmt(), count.get())}</span>
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
            || false,
        )
    };
    T::ALL.iter().map(option).collect_view()
}

/// Every country of the dataset, sorted by name in the reader's language (ignoring the Arabic
/// article), with its count, and a field that narrows the list (by either name, code or alias).
#[component]
pub fn CountryOptions() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let needle = RwSignal::new(String::new());
    // Countries come with the head document: every snapshot of a sharded dataset has the same.
    let data = ctx.now();
    let lang = ctx.lang();
    let countries: Vec<(usize, &Country)> = data.ds.countries.iter().enumerate().collect();
    let countries = crate::sort::by_key(countries, |(_, c)| sort_key(lang, lang.pick(&c.name)));
    let option = |(i, country): (usize, &Country)| {
        let (c1, c2) = (country.code.clone(), country.code.clone());
        let mut names = vec![country.name.ar.as_str(), country.name.en.as_str(), country.code.as_str()];
        names.extend(country.aliases.iter().map(String::as_str));
        let keys = normalize(&names.join(" "));
        let hidden = move || needle.with(|n| !n.is_empty() && !keys.contains(n.as_str()));
        check_option(
            lang.pick(&country.name).to_owned(),
            None,
            move |f| f.countries.get(i).copied().unwrap_or(0),
            move |q| toggle(&mut q.countries, c2.clone()),
            move |q| q.countries.contains(&c1),
            hidden,
        )
    };
    let items = countries.into_iter().map(option).collect_view();
    let s = lang.strings();
    let filter = move |ev| needle.set(normalize(&event_target_value(&ev)));
    view! {
        <label class="visually-hidden" for="country-filter">{s.find_country}</label>
        <input id="country-filter" type="search" dir="auto" autocomplete="off" placeholder=s.find_country
            on:input=filter />
        <ul class="options">{items}</ul>
    }
}
