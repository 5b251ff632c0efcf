//! Reading options (`query::Reading`: digits, calendar, the Arabic timeline's direction): the
//! explorer's menu, and the same fields in the embed dialog. Digits and direction only change
//! the Arabic interface, so the English one offers the calendar alone.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// The explorer's display options' fields. A choice replaces the history entry (Back undoes a
/// view, not a preference) and every link keeps it.
#[component]
fn MenuFields() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let value = move || ctx.query.with(|q| q.reading);
    let set = move |r: Reading| ctx.navigate(|q| q.reading = r, Nav::Replace);
    reading_fields(["reading-digits", "reading-cal", "reading-axis"], value, set, move || ctx.lang() == Lang::Ar)
}

super::split::split_view!(
    /// The display options' fields, from their own wasm module: most readers never open the menu.
    MENU_FIELDS, reading_module, load_reading, reading_body, MenuFields
);

/// The explorer's "Display options": a disclosure in the header, its fields built when it is
/// first opened ([`MENU_FIELDS`]; then kept, so focus and choices survive closing it). Open, it
/// closes as a dropdown does: on Escape (focus back on its button), on a press outside it, and
/// when focus leaves it.
#[component]
pub fn ReadingMenu() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let built = RwSignal::new(false);
    // Its module is asked for as the pointer or the focus reaches the button: in, as a rule, by
    // the time it is pressed.
    let ahead = || MENU_FIELDS.fetch();
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::Element>(&ev).has_attribute("open") {
            super::raise(built);
        }
    };
    let menu = NodeRef::<leptos::html::Details>::new();
    let inside = move |target: Option<web_sys::EventTarget>| {
        let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        menu.get_untracked().is_some_and(|m| node.is_some_and(|n| m.contains(Some(&n))))
    };
    let close = move || {
        let open = menu.get_untracked().filter(|m| m.has_attribute("open"));
        open.map(|m| m.remove_attribute("open").is_ok()).unwrap_or(false)
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && close() {
            ev.prevent_default();
            let summary = menu.get_untracked().and_then(|m| m.query_selector("summary").ok().flatten());
            if let Some(s) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = s.focus();
            }
        }
    };
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        // No related target: focus went to the page or another window; a press outside closes.
        if ev.related_target().is_some() && !inside(ev.related_target()) {
            close();
        }
    };
    let pressed = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !inside(ev.target()) {
            close();
        }
    });
    on_cleanup(move || pressed.remove());
    view! {
        <details class="reading-menu" node_ref=menu on:keydown=on_key on:focusout=on_focusout on:toggle=on_toggle>
            <summary class="button" on:pointerenter=move |_| ahead() on:focus=move |_| ahead()>
                {move || ctx.lang().strings().reading_options}
            </summary>
            <div class="reading-fields">
                {move || built.get().then(|| view! { <super::split::SplitView split=MENU_FIELDS /> })}
            </div>
        </details>
    }
}
