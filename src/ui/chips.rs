//! The active filters as removable chips, above the results: on a phone the folded filter panel
//! hides them, so this is where a reader sees (and undoes) what narrows the events.

use leptos::prelude::*;

use super::{Ctx, Nav, Snapshot};
use crate::i18n::Lang;
use crate::query::Filter;

/// A filter in the reader's words.
fn label(f: &Filter, lang: Lang, d: &Snapshot) -> String {
    let s = lang.strings();
    let name =
        |code: &str| d.ds.country_ix(code).map_or(code.to_owned(), |c| lang.pick(&d.ds.country(c).name).to_owned());
    match f {
        Filter::Country(c) => name(c),
        Filter::Match(m) => format!("{}: {}", s.countries, m.label(lang)),
        Filter::Pair(a, b) => format!("{} ⇄ {}", name(a), name(b)),
        Filter::Type(t) => t.label(lang).to_owned(),
        Filter::Topic(t) => t.label(lang).to_owned(),
        Filter::Tone(t) => t.label(lang).to_owned(),
        Filter::From(y) => format!("{} {y}", s.from),
        Filter::To(y) => format!("{} {y}", s.to),
        Filter::Search(q) => format!("«{q}»"),
    }
}

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let filters = Memo::new(move |_| ctx.query.with(|q| q.active_filters()));
    move || {
        let chips = filters.get();
        if chips.is_empty() {
            return None;
        }
        let (lang, d) = (ctx.lang(), ctx.now());
        let s = lang.strings();
        let chip = |f: Filter| {
            let text = label(&f, lang, &d);
            let remove = move |_| ctx.navigate(|q| *q = q.without(&f), Nav::Push);
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
            let clear = move |_| ctx.navigate(|q| *q = q.cleared(), Nav::Push);
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
