//! "Copy link": the clean URL of the page shown (an event, a country, a pair) in the reader's
//! language, without unrelated filters (`Page::share`).

use leptos::prelude::*;

use super::Ctx;

#[component]
pub fn CopyLink() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(link) = ctx.share_link() else { return };
        let promise = window().navigator().clipboard().write_text(&link);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.try_set(true);
            }
        });
    };
    let text = move || {
        let s = ctx.lang().strings();
        if copied.get() {
            s.link_copied
        } else {
            s.copy_link
        }
    };
    view! {
        <button type="button" class="button copy-link" on:click=copy>
            <span aria-live="polite">{text}</span>
        </button>
    }
}
