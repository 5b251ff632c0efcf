//! Small controls shared by several views.

use leptos::prelude::*;

use super::Ctx;
use crate::i18n::Fmt;
use crate::vocab::Vocabulary;

/// A select over a closed list, labelled in the reader's language: `value` is the current
/// choice, `choose` is called with a new one.
pub fn vocab_select<T: Vocabulary>(
    id: &'static str,
    value: impl Fn() -> T + Copy + Send + Sync + 'static,
    choose: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    labelled_select(id, value, choose, |t: T, f: Fmt| t.label(f.lang).to_owned())
}

/// The same, each option's text written by `label` (numbers in the reader's digits).
pub fn labelled_select<T: Vocabulary>(
    id: &'static str,
    value: impl Fn() -> T + Copy + Send + Sync + 'static,
    choose: impl Fn(T) + Copy + Send + Sync + 'static,
    label: fn(T, Fmt) -> String,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let on_change = move |ev| {
        if let Some(v) = T::from_id(&event_target_value(&ev)) {
            choose(v);
        }
    };
    move || {
        let fmt = ctx.fmt();
        let option =
            move |&t: &T| view! { <option value=t.id() prop:selected=move || value() == t>{label(t, fmt)}</option> };
        view! { <select id=id on:change=on_change>{T::ALL.iter().map(option).collect_view()}</select> }
    }
}
