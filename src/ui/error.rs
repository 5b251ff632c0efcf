//! The error panel: what went wrong in the reader's words, the details, and a retry. Never a
//! blank page.

use leptos::prelude::*;

use super::load::Failure;
use super::notices::UpdatePrompt;
use super::Ctx;

#[component]
pub fn ErrorPanel(failure: Failure, on_retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let s = ctx.lang().strings();
        let message = match &failure {
            Failure::Network(_) => s.error_network,
            Failure::Timeout(_) => s.error_timeout,
            Failure::Malformed(_) => s.error_malformed,
            Failure::Schema(_) => s.error_schema,
        };
        view! {
            <main class="error-panel" role="alert">
                <h1>{s.error_title}</h1>
                <p>{message}</p>
                <details>
                    <summary>{s.error_details}</summary>
                    <pre dir="ltr">{failure.details().to_owned()}</pre>
                </details>
                <button type="button" class="button primary" on:click=move |_| on_retry()>{s.retry}</button>
                <UpdatePrompt />
            </main>
        }
    }
}
