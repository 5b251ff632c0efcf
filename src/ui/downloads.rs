//! "Download what you see": the filtered events as CSV, JSON or TimelineJS, named after the view.

use leptos::prelude::*;

use super::{url, Ctx};
use crate::export;

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
    TimelineJs,
}

impl Format {
    fn id(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::TimelineJs => "timelinejs",
        }
    }
}

/// Writes the filtered events in `format` and offers the file. Its code (the three writers) is
/// a wasm module of its own (`split`), fetched at the first download; an `Err` is a module that
/// could not be fetched.
#[leptos::wasm_split::wasm_split(exports, wasm_split_path = ::leptos::wasm_split, fallible)]
fn save(ctx: Ctx, format: Format) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    let data = ctx.now();
    let (lang, stem) = ctx.query.with_untracked(|q| (q.lang, export::file_stem(q)));
    ctx.filtered.with_untracked(|f| {
        let (name, mime, text) = match format {
            Format::Csv => (
                format!("{stem}.csv"),
                "text/csv;charset=utf-8",
                export::to_csv(&data.ds, &f.events, lang, &url::base()),
            ),
            Format::Json => (format!("{stem}.json"), "application/json", export::to_json(&data.ds, &f.events)),
            Format::TimelineJs => (
                format!("{stem}-timelinejs.json"),
                "application/json",
                export::to_timelinejs(&data.ds, &f.events, lang),
            ),
        };
        download(&name, mime, &text);
    });
    Ok(())
}

#[component]
pub fn Downloads() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let failed = RwSignal::new(false);
    let button = move |format: Format, label: &'static str| {
        let click = move |_| {
            failed.set(false);
            leptos::task::spawn_local(async move {
                if save(ctx, format).await.is_err() {
                    failed.try_set(true);
                }
            });
        };
        view! {
            <button type="button" class="button" data-download=format.id() on:click=click>
                {label}
            </button>
        }
    };
    move || {
        let s = ctx.lang().strings();
        let failed = failed.get().then(|| view! { <p class="notice error" role="alert">{s.download_failed}</p> });
        view! {
            <div class="field downloads" role="group" aria-labelledby="downloads-label">
                <span id="downloads-label" class="field-label">{s.download}</span>
                {button(Format::Csv, s.download_csv)}
                {button(Format::Json, s.download_json)}
                {button(Format::TimelineJs, s.download_timelinejs)}
                {failed}
            </div>
        }
    }
}

/// Offers `text` as a file download via a Blob URL.
pub(super) fn download(name: &str, mime: &str, text: &str) {
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
