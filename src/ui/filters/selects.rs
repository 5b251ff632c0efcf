//! The pair drop-downs and the year range.

use leptos::prelude::*;

use super::super::cards::PAIR;
use super::super::{Ctx, Nav};
use crate::i18n::{number, sort_key};

/// Two country drop-downs; the pair filter applies once both sides are chosen.
#[component]
pub fn PairSelects() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The side of a pair chosen so far.
    let pending = RwSignal::new(ctx.query.get_untracked().pair.unwrap_or_default());
    Effect::new(move |_| {
        if let Some(p) = ctx.query.with(|q| q.pair.clone()) {
            pending.set(p);
        }
    });
    let side = |first: bool| if first { "pair-a" } else { "pair-b" };
    let select = move |first: bool| {
        let on_change = move |ev| {
            let v = event_target_value(&ev);
            pending.update(|p| if first { p.0 = v } else { p.1 = v });
            let (a, b) = pending.get_untracked();
            let pair = (!a.is_empty() && !b.is_empty() && a != b).then_some((a, b));
            if pair.is_some() || ctx.query.with_untracked(|q| q.pair.is_some()) {
                ctx.navigate(
                    |q| {
                        q.pair = pair;
                        q.event = None;
                    },
                    Nav::Push,
                );
            }
        };
        let chosen = move || pending.with(|p| if first { p.0.clone() } else { p.1.clone() });
        let lang = ctx.lang();
        let data = ctx.now();
        let countries: Vec<&crate::data::Country> = data.ds.countries.iter().collect();
        let countries = crate::sort::by_key(countries, |c| sort_key(lang, lang.pick(&c.name)));
        let options = countries.into_iter().map(|c| {
            let code = c.code.clone();
            let selected = move || chosen() == code;
            view! { <option value=c.code.clone() prop:selected=selected>{lang.pick(&c.name).to_owned()}</option> }
        });
        let none = move || chosen().is_empty();
        view! {
            <select id=side(first) on:change=on_change>
                <option value="" prop:selected=none>{lang.strings().pair_none}</option>
                {options.collect_view()}
            </select>
        }
    };
    move || {
        let s = ctx.lang().strings();
        view! {
            // The pair view's module is asked for as the pointer or the focus reaches the field.
            <fieldset class="pair-field" on:pointerenter=|_| PAIR.fetch() on:focusin=|_| PAIR.fetch()>
                <legend>{s.pair}</legend>
                <label class="visually-hidden" for="pair-a">{s.pair} " 1"</label>{select(true)}
                <span aria-hidden="true">"⇄"</span>
                <label class="visually-hidden" for="pair-b">{s.pair} " 2"</label>{select(false)}
            </fieldset>
        }
    }
}

/// One year drop-down: every year of the dataset (`years`, and the chosen one, even outside it)
/// with its count. The options are drawn again only when that range changes. A closed list
/// shows only the chosen option, so a filter change writes that one's count (and the choice);
/// the others' are written when the reader reaches the list (its focus), and on each change
/// while it has focus.
fn year_select(ctx: Ctx, years: Memo<(i32, i32)>, is_from: bool) -> impl IntoView {
    let current = move || ctx.query.with(|q| if is_from { q.from } else { q.to });
    let range = Memo::new(move |_| {
        let (lo, hi) = years.get();
        current().map_or((lo, hi), |y| (lo.min(y), hi.max(y)))
    });
    let text = move |fmt: crate::i18n::Fmt, f: &crate::filter::Filtered, y: i32| {
        let n = f.facets.years.iter().find(|(fy, _)| *fy == y).map_or(0, |(_, n)| *n);
        format!("{} ({})", fmt.year(y), number(fmt, n))
    };
    let select = NodeRef::<leptos::html::Select>::new();
    let options = move || {
        let (lo, hi) = range.get();
        let (fmt, chosen) = (ctx.fmt.get_untracked(), untrack(current));
        let option = |y: i32| {
            let label = ctx.filtered.with_untracked(|f| text(fmt, f, y));
            view! { <option value=y.to_string() selected=chosen == Some(y)>{label}</option> }
        };
        (lo..=hi).map(option).collect_view()
    };
    // Whether options other than the chosen one show counts of an earlier filter.
    let stale = StoredValue::new(false);
    // Writes the counts of `which` years (the first option is "any").
    let write = move |el: &web_sys::Element, which: std::ops::RangeInclusive<i32>, f: &crate::filter::Filtered| {
        let ((lo, _), fmt, items) = (range.get_untracked(), ctx.fmt.get_untracked(), el.children());
        for y in which {
            let Some(o) = items.item((y - lo + 1) as u32) else { break };
            let label = text(fmt, f, y);
            if o.text_content().as_deref() != Some(label.as_str()) {
                super::options::set_text(&o, &label);
            }
        }
    };
    Effect::new(move |_| {
        let Some(el) = select.get() else { return };
        let ((lo, hi), _, chosen) = (range.get(), ctx.fmt.track(), current());
        let open = document().active_element().is_some_and(|a| el.is_same_node(Some(&a)));
        let which = if open { Some(lo..=hi) } else { chosen.map(|y| y..=y) };
        stale.set_value(!open);
        ctx.filtered.with(|f| which.map(|w| write(&el, w, f)));
        let value = chosen.map_or(String::new(), |y| y.to_string());
        if el.value() != value {
            el.set_value(&value);
        }
    });
    // A press focuses the list before it opens (mouse and touch), as the keyboard does.
    let reach = move |_| {
        if let Some(el) = select.get_untracked().filter(|_| stale.get_value()) {
            stale.set_value(false);
            let (lo, hi) = range.get_untracked();
            ctx.filtered.with_untracked(|f| write(&el, lo..=hi, f));
        }
    };
    let on_change = move |ev| {
        let v = event_target_value(&ev).parse::<i32>().ok();
        ctx.navigate(
            |q| {
                if is_from {
                    q.from = v
                } else {
                    q.to = v
                };
                q.event = None;
            },
            Nav::Push,
        )
    };
    let id = if is_from { "year-from" } else { "year-to" };
    let any = untrack(current).is_none();
    view! {
        <select id=id node_ref=select on:change=on_change on:focus=reach>
            <option value="" selected=any>{move || ctx.lang().strings().any}</option>
            {options}
        </select>
    }
}

#[component]
pub fn YearSelects() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let s = move || ctx.lang().strings();
    // The dataset's years, read once a snapshot (a pass over every event), not on every change.
    let years = Memo::new(move |_| ctx.data.with(|d| d.ds.year_range()).unwrap_or((2000, 2000)));
    view! {
        <fieldset class="years"><legend>{move || s().years}</legend>
            <label for="year-from">{move || s().from}</label>{year_select(ctx, years, true)}
            <label for="year-to">{move || s().to}</label>{year_select(ctx, years, false)}
        </fieldset>
    }
}
