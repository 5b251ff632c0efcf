//! The filter panel: search, countries, pair, type, topic, tone, years, clear, downloads.
//! Every option shows how many events choosing it would leave. The panel's DOM is built once
//! per language; checked states and counts are reactive, so focus stays where the reader is.

use leptos::prelude::*;

use super::marks::TypeSymbol;
use super::Ctx;
use crate::data::{EventType, Tone, Topic};
use crate::export;
use crate::filter::{Facets, Filtered};
use crate::i18n::{tone_label, topic_label, type_label};
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
    checked: impl Fn(&Query) -> bool + Send + Sync + 'static,
    on_toggle: impl Fn(&mut Query) + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filtered = expect_context::<Memo<Filtered>>();
    let query = ctx.query;
    let count = Memo::new(move |_| filtered.with(|f| count(&f.facets)));
    view! {
        <li>
            <label class="option" class:zero=move || count.get() == 0>
                <input type="checkbox" prop:checked=move || query.with(&checked)
                    on:change=move |_| ctx.navigate(|q| { on_toggle(q); q.event = None; }, false) />
                {symbol.map(|k| view! { <TypeSymbol kind=k /> })}
                <bdi class="option-label">{label}</bdi>
                <span class="count">{move || count.get()}</span>
            </label>
        </li>
    }
}

/// The options of one closed vocabulary (type, topic or tone): `counts` and `chosen` pick the
/// facet's counts and the query's list for it.
fn vocab_options<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    label: impl Fn(T) -> &'static str,
    symbol: impl Fn(T) -> Option<EventType>,
    counts: fn(&Facets) -> &Vec<usize>,
    chosen: fn(&Query) -> &Vec<T>,
    chosen_mut: fn(&mut Query) -> &mut Vec<T>,
) -> impl IntoView {
    all.iter()
        .enumerate()
        .map(|(i, &t)| {
            check_option(
                label(t).into(),
                symbol(t),
                move |f| counts(f).get(i).copied().unwrap_or(0),
                move |q| chosen(q).contains(&t),
                move |q| toggle(chosen_mut(q), t),
            )
        })
        .collect_view()
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filtered = expect_context::<Memo<Filtered>>();
    let query = ctx.query;
    // The side of a pair chosen so far; the pair filter applies once both sides are chosen.
    let pending = RwSignal::new(query.get_untracked().pair.unwrap_or_default());
    Effect::new(move |_| {
        if let Some(p) = query.with(|q| q.pair.clone()) {
            pending.set(p);
        }
    });

    // Open beside the content on wide screens; folded above it on phones.
    // An embed shows filters only when asked to (`filters=1`), so there they start open.
    let wide = query.with_untracked(|q| q.embed.is_some())
        || window().inner_width().ok().and_then(|w| w.as_f64()).is_none_or(|w| w > 800.0);
    // Folded, the panel is not built at all (a phone's first render is a third lighter); once
    // opened it stays built, so checked states and focus survive folding it again.
    let open = RwSignal::new(wide);
    let built = RwSignal::new(wide);
    let on_toggle = move |ev: leptos::ev::Event| {
        let now_open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        open.set(now_open);
        if now_open {
            built.set(true);
        }
    };
    let c = ctx.clone();
    move || {
        let lang = c.lang();
        let s = lang.strings();
        let c = c.clone();
        let panel = move || {
            built.get().then(|| {
        // Countries come with the head document: a later snapshot of a sharded dataset has the same.
        let data = c.now();
        let ds = &data.ds;

        let search = {
            let c = c.clone();
            view! {
                <div class="field">
                    <label for="search">{s.search}</label>
                    <input id="search" type="search" dir="auto" autocomplete="off" placeholder=s.search_placeholder
                        prop:value=move || query.with(|q| q.q.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); c.navigate(|q| { q.q = v; q.event = None; }, true) } />
                </div>
            }
        };

        let mut countries: Vec<(usize, &crate::data::Country)> = ds.countries.iter().enumerate().collect();
        countries.sort_by(|a, b| lang.pick(&a.1.name).cmp(lang.pick(&b.1.name)));
        let country_items = countries
            .into_iter()
            .map(|(i, country)| {
                let (c1, c2) = (country.code.clone(), country.code.clone());
                check_option(
                    lang.pick(&country.name).to_owned(),
                    None,
                    move |f| f.countries.get(i).copied().unwrap_or(0),
                    move |q| q.countries.contains(&c1),
                    move |q| toggle(&mut q.countries, c2.clone()),
                )
            })
            .collect_view();
        let type_items = vocab_options(
            EventType::ALL,
            move |t| type_label(lang, t),
            Some,
            |f| &f.types,
            |q| &q.types,
            |q| &mut q.types,
        );
        let topic_items = vocab_options(
            Topic::ALL,
            move |t| topic_label(lang, t),
            |_| None,
            |f| &f.topics,
            |q| &q.topics,
            |q| &mut q.topics,
        );
        let tone_items = vocab_options(
            Tone::ALL,
            move |t| tone_label(lang, t),
            |_| None,
            |f| &f.tones,
            |q| &q.tones,
            |q| &mut q.tones,
        );

        let pair_select = |id: &'static str, first: bool| {
            let c = c.clone();
            let opts = ds
                .countries
                .iter()
                .map(|country| {
                    let code = country.code.clone();
                    let selected = move || pending.with(|p| if first { p.0 == code } else { p.1 == code });
                    view! { <option value=country.code.clone() prop:selected=selected>{lang.pick(&country.name).to_owned()}</option> }
                })
                .collect_view();
            view! {
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    pending.update(|p| if first { p.0 = v } else { p.1 = v });
                    let (a, b) = pending.get_untracked();
                    let pair = (!a.is_empty() && !b.is_empty() && a != b).then_some((a, b));
                    if pair.is_some() || query.with_untracked(|q| q.pair.is_some()) {
                        c.navigate(|q| { q.pair = pair; q.event = None; }, false);
                    }
                }>
                    <option value="" prop:selected=move || pending.with(|p| if first { p.0.is_empty() } else { p.1.is_empty() })>{s.pair_none}</option>
                    {opts}
                </select>
            }
        };

        let year_select = |id: &'static str, is_from: bool| {
            let c = c.clone();
            let current = move || query.with(|q| if is_from { q.from } else { q.to });
            // Every year of the dataset (and the chosen one, even outside it), with its count. The
            // options are rebuilt only when that range changes; a filter change updates the counts.
            let range = Memo::new(move |_| {
                let (lo, hi) = c.data.with(|d| d.ds.year_range()).unwrap_or((2000, 2000));
                current().map_or((lo, hi), |y| (lo.min(y), hi.max(y)))
            });
            let opts = move || {
                let (lo, hi) = range.get();
                (lo..=hi)
                    .map(|y| {
                        let n = move || {
                            filtered.with(|f| f.facets.years.iter().find(|(fy, _)| *fy == y).map_or(0, |(_, n)| *n))
                        };
                        view! { <option value=y.to_string() prop:selected=move || current() == Some(y)>{y} " (" {n} ")"</option> }
                    })
                    .collect_view()
            };
            view! {
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<i32>().ok();
                    c.navigate(|q| { if is_from { q.from = v } else { q.to = v }; q.event = None; }, false)
                }>
                    <option value="" prop:selected=move || current().is_none()>{s.any}</option>
                    {opts}
                </select>
            }
        };

        let clear = {
            let c = c.clone();
            view! {
                <button type="button" class="button" prop:disabled=move || query.with(|q| !q.has_filters())
                    on:click=move |_| { pending.set(Default::default()); c.navigate(|q| *q = q.cleared(), false) }>{s.clear_all}</button>
            }
        };

        let download_button = |kind: &'static str, label: &'static str| {
            let c = c.clone();
            view! {
                <button type="button" class="button" data-download=kind on:click=move |_| {
                    let data = c.now();
                    filtered.with_untracked(|f| {
                        let (name, mime, text) = match kind {
                            "csv" => ("marsad-events.csv", "text/csv;charset=utf-8", export::to_csv(&data.ds, &f.events)),
                            "json" => ("marsad-events.json", "application/json", export::to_json(&data.ds, &f.events)),
                            _ => ("marsad-timelinejs.json", "application/json", export::to_timelinejs(&data.ds, &f.events, lang)),
                        };
                        download(name, mime, &text);
                    })
                }>{label}</button>
            }
        };

        view! {
            <aside class="filters" aria-labelledby="filters-heading">
                {search}
                {clear}
                <fieldset><legend>{s.countries}</legend><ul class="options">{country_items}</ul></fieldset>
                <fieldset class="pair-field"><legend>{s.pair}</legend>
                    <label class="visually-hidden" for="pair-a">{s.pair} " 1"</label>{pair_select("pair-a", true)}
                    <span aria-hidden="true">"⇄"</span>
                    <label class="visually-hidden" for="pair-b">{s.pair} " 2"</label>{pair_select("pair-b", false)}
                </fieldset>
                <fieldset><legend>{s.types}</legend><ul class="options">{type_items}</ul></fieldset>
                <fieldset><legend>{s.topics}</legend><ul class="options">{topic_items}</ul></fieldset>
                <fieldset><legend>{s.tones}</legend><ul class="options">{tone_items}</ul></fieldset>
                <fieldset class="years"><legend>{s.years}</legend>
                    <label for="year-from">{s.from}</label>{year_select("year-from", true)}
                    <label for="year-to">{s.to}</label>{year_select("year-to", false)}
                </fieldset>
                <div class="field downloads" role="group" aria-labelledby="downloads-label">
                    <span id="downloads-label" class="field-label">{s.download}</span>
                    {download_button("csv", s.download_csv)}
                    {download_button("json", s.download_json)}
                    {download_button("timelinejs", s.download_timelinejs)}
                </div>
            </aside>
        }
        })
        };
        view! {
            <details class="filters-box" prop:open=open.get_untracked() on:toggle=on_toggle>
                <summary><h2 id="filters-heading">{s.filters}</h2></summary>
                {panel}
            </details>
        }
    }
}

/// Offers `text` as a file download via a Blob URL.
fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    // Revoke later: revoking at once can cancel the download the click just started.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
}
