//! Reading options (`query::Reading`: digits, calendar, the Arabic timeline's direction): the
//! explorer's menu, and the same fields in the embed dialog. Digits and direction only change
//! the Arabic interface, so the English one offers the calendar alone.

use leptos::prelude::*;

use super::controls::vocab_select;
use super::{Ctx, Nav};
use crate::i18n::Lang;
use crate::query::Reading;

/// Labelled selects for the reading options; `ids` are the digits, calendar and axis selects';
/// `arabic` says whether what they apply to is in Arabic (digits and direction only apply then).
pub fn reading_fields(
    ids: [&'static str; 3],
    value: impl Fn() -> Reading + Copy + Send + Sync + 'static,
    set: impl Fn(Reading) + Copy + Send + Sync + 'static,
    arabic: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let (s, arabic) = (ctx.lang().strings(), arabic());
        let arabic_only = |id: &'static str, label: &'static str, select: AnyView| {
            arabic.then(|| view! { <label for=id>{label}</label> {select} })
        };
        let digits = vocab_select(ids[0], move || value().digits, move |digits| set(Reading { digits, ..value() }));
        let cal = vocab_select(ids[1], move || value().cal, move |cal| set(Reading { cal, ..value() }));
        let axis = vocab_select(ids[2], move || value().axis, move |axis| set(Reading { axis, ..value() }));
        view! {
            {arabic_only(ids[0], s.digits, digits.into_any())}
            <label for=ids[1]>{s.calendar}</label> {cal}
            {arabic_only(ids[2], s.axis, axis.into_any())}
        }
    }
}

/// The explorer's "Display options": a disclosure in the header. A choice replaces the history
/// entry (Back undoes a view, not a preference) and every link keeps it.
#[component]
pub fn ReadingMenu() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let value = move || ctx.query.with(|q| q.reading);
    let set = move |r: Reading| ctx.navigate(|q| q.reading = r, Nav::Replace);
    let ids = ["reading-digits", "reading-cal", "reading-axis"];
    view! {
        <details class="reading-menu">
            <summary class="button">{move || ctx.lang().strings().reading_options}</summary>
            <div class="reading-fields">
                {reading_fields(ids, value, set, move || ctx.lang() == Lang::Ar)}
            </div>
        </details>
    }
}
