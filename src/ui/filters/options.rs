//! Checkbox options with counts: countries and the closed vocabularies.

use std::sync::Arc;

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

/// What a list's options count, which are chosen, what a click does, which the country search
/// hides: option `i` of the list.
struct OptionList {
    count: Of<Facets, usize>,
    checked: Of<Query, bool>,
    toggle: Toggle,
    hidden: Arc<dyn Fn(usize) -> bool + Send + Sync>,
}

/// What a click on option `i` does to the state.
type Toggle = Arc<dyn Fn(&mut Query, usize) + Send + Sync>;

/// What option `i` reads from a `T`.
type Of<T, R> = Arc<dyn Fn(&T, usize) -> R + Send + Sync>;

/// What one option shows: how many events it would leave, whether it is chosen, whether the
/// country search hides it.
type Shown = (usize, bool, bool);

/// A list of checkbox options, each with its label, symbol and count. Drawn once; one effect
/// keeps every option's count, check and visibility in step with the filters, and writes only
/// what changed. (Each option used to be four reactive nodes: a filter change re-ran hundreds,
/// and each one's unsubscribing from the shared query and results costs in proportion to how
/// many subscribe, so the whole grew with the square of the options.)
///
/// Not generic (each part is a `dyn Fn`): the four lists share one compiled copy.
fn option_list(options: Vec<(String, Option<EventType>)>, of: OptionList) -> impl IntoView {
    let OptionList { count, checked, toggle, hidden } = of;
    let ctx = expect_context::<Ctx>();
    let list = NodeRef::<leptos::html::Ul>::new();
    let now = move |i: usize, f: &Facets, q: &Query| -> Shown { (count(f, i), checked(q, i), hidden(i)) };
    let n = options.len();
    let shown: Vec<Shown> =
        ctx.filtered.with_untracked(|f| ctx.query.with_untracked(|q| (0..n).map(|i| now(i, &f.facets, q)).collect()));
    let fmt = ctx.fmt.get_untracked();
    let item = |(i, (label, symbol)): (usize, (String, Option<EventType>))| {
        let (c, on, hide) = shown[i];
        let toggle = toggle.clone();
        let change = move |_| {
            ctx.navigate(
                |q| {
                    toggle(q, i);
                    q.event = None;
                },
                Nav::Push,
            )
        };
        view! {
            <li class:hidden=hide>
                <label class="option" class:zero=c == 0>
                    <input type="checkbox" prop:checked=on on:change=change />
                    {symbol.map(|k| view! { <TypeSymbol kind=k /> })}
                    <bdi class="option-label">{label}</bdi>
                    <span class="count">{number(fmt, c)}</span>
                </label>
            </li>
        }
    };
    let items = options.into_iter().enumerate().map(item).collect_view();
    let drawn = StoredValue::new((fmt, shown));
    Effect::new(move |_| {
        let Some(ul) = list.get() else { return };
        let fmt = ctx.fmt();
        ctx.filtered.with(|f| {
            ctx.query.with(|q| {
                drawn.update_value(|(was_fmt, was)| {
                    // Only the options that change are touched (a few of hundreds, most times).
                    let (items, new_fmt) = (ul.children(), *was_fmt != fmt);
                    for (i, was) in was.iter_mut().enumerate() {
                        let next = now(i, &f.facets, q);
                        if next == *was && !new_fmt {
                            continue;
                        }
                        let Some(el) = items.item(i as u32) else { break };
                        write_option(&el, *was, next, new_fmt, fmt);
                        *was = next;
                    }
                    *was_fmt = fmt;
                })
            })
        })
    });
    view! { <ul class="options" node_ref=list>{items}</ul> }
}

/// Sets an element's text in its text node (not a new node in place of it).
pub(super) fn set_text(el: &web_sys::Element, text: &str) {
    match el.first_child() {
        Some(node) => node.set_node_value(Some(text)),
        None => el.set_text_content(Some(text)),
    }
}

/// Brings one drawn option (`li > label > input … span.count`) from `was` to `now`.
fn write_option(li: &web_sys::Element, was: Shown, now: Shown, new_fmt: bool, fmt: crate::i18n::Fmt) {
    let Some(label) = li.first_element_child() else { return };
    if now.2 != was.2 {
        let _ = li.class_list().toggle_with_force("hidden", now.2);
    }
    if (now.0 == 0) != (was.0 == 0) {
        let _ = label.class_list().toggle_with_force("zero", now.0 == 0);
    }
    if now.0 != was.0 || new_fmt {
        if let Some(count) = label.last_element_child() {
            set_text(&count, &number(fmt, now.0));
        }
    }
    // The box itself: the reader's click has ticked it already, so the DOM is what is compared.
    if now.1 != was.1 {
        let Some(input) = label.first_element_child() else { return };
        let key = wasm_bindgen::JsValue::from_str("checked");
        if js_sys::Reflect::get(&input, &key).ok().and_then(|v| v.as_bool()) != Some(now.1) {
            let _ = js_sys::Reflect::set(&input, &key, &now.1.into());
        }
    }
}

/// Every value of a facet vocabulary as an option, labelled in `lang`.
pub fn vocab_options<T: Facet>(lang: Lang, symbol: fn(T) -> Option<EventType>) -> impl IntoView {
    let options = T::ALL.iter().map(|&t| (t.label(lang).to_owned(), symbol(t))).collect();
    let of = OptionList {
        count: Arc::new(|f, i| T::counts(f).get(T::ALL[i].index()).copied().unwrap_or(0)),
        checked: Arc::new(|q, i| T::chosen(q).contains(&T::ALL[i])),
        toggle: Arc::new(|q, i| toggle(T::chosen_mut(q), T::ALL[i])),
        hidden: Arc::new(|_| false),
    };
    option_list(options, of)
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
    let options = countries.iter().map(|(_, c)| (lang.pick(&c.name).to_owned(), None)).collect();
    let at: Arc<[usize]> = countries.iter().map(|(i, _)| *i).collect();
    let codes: Arc<[String]> = countries.iter().map(|(_, c)| c.code.clone()).collect();
    // Every name, code and alias of each, normalised, for the field that narrows the list.
    let keys: Arc<[String]> = countries
        .iter()
        .map(|(_, c)| {
            let mut names = vec![c.name.ar.as_str(), c.name.en.as_str(), c.code.as_str()];
            names.extend(c.aliases.iter().map(String::as_str));
            normalize(&names.join(" "))
        })
        .collect();
    let chosen = codes.clone();
    // A name that matches no state is said, not an empty box.
    let none = {
        let keys = keys.clone();
        Memo::new(move |_| needle.with(|n| !n.is_empty() && !keys.iter().any(|k| k.contains(n.as_str()))))
    };
    let of = OptionList {
        count: Arc::new(move |f, k| f.countries.get(at[k]).copied().unwrap_or(0)),
        checked: Arc::new(move |q, k| q.countries.contains(&chosen[k])),
        toggle: Arc::new(move |q, k| toggle(&mut q.countries, codes[k].clone())),
        hidden: Arc::new(move |k| needle.with(|n| !n.is_empty() && !keys[k].contains(n.as_str()))),
    };
    let items = option_list(options, of);
    let s = lang.strings();
    let filter = move |ev| needle.set(normalize(&event_target_value(&ev)));
    view! {
        <label class="visually-hidden" for="country-filter">{s.find_country}</label>
        <input id="country-filter" type="search" dir="auto" autocomplete="off" placeholder=s.find_country
            on:input=filter />
        <p class="empty" role="status" hidden=move || !none.get()>{s.no_country_found}</p>
        {items}
    }
}
