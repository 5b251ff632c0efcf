//! Small controls shared by several views.

use leptos::prelude::*;

use super::Ctx;
use crate::vocab::Vocabulary;

/// A select over a closed list, labelled in the reader's language: `value` is the current
/// choice, `choose` is called with a new one.
pub fn vocab_select<T: Vocabulary>(
    id: &'static str,
    value: impl Fn() -> T + Copy + Send + Sync + 'static,
    choose: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let on_change = move |ev| {
        if let Some(v) = T::from_id(&event_target_value(&ev)) {
            choose(v);
        }
    };
    move || {
        let lang = ctx.lang();
        let option =
            move |&t: &T| view! { <option value=t.id() prop:selected=move || value() == t>{t.label(lang)}</option> };
        view! { <select id=id on:change=on_change>{T::ALL.iter().map(option).collect_view()}</select> }
    }
}
