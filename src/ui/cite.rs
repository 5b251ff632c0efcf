//! "Cite this" on an event's page and a country's page: the citation in the chosen format
//! (`crate::cite`: a reference in words, BibTeX, RIS, CSL-JSON), shown as text, with copy and
//! download buttons and a link to the exact release file it names. A static page shows the
//! reference in words, dated the day of the build; the app draws it, with the reader's day, when
//! the reader opens it.
//! And the event's "Report a correction" link, when the site names a target (`crate::site`).

use leptos::prelude::*;

use super::controls::labelled_select;
use super::split::SplitView;
use super::{Ctx, SiteInfo};
use crate::cite::{cite, file_name, media_type, Subject, Work};
use crate::data::Event;
use crate::query::Query;
use crate::vocab::CiteFormat;

/// What is cited: an event or a country, by id and code (an index would name another event in a
/// later snapshot of a sharded load).
#[derive(Clone, Debug, PartialEq)]
pub enum Cited {
    Event(String),
    Country(String),
}

/// The public address of the page `q` shows: its static page where the build writes one.
fn page_url(ctx: Ctx, site: &SiteInfo, q: &Query) -> String {
    format!("{}{}", site.url, super::link_from("", &ctx.now(), q).trim_start_matches("./"))
}

/// The release file of the dataset drawn, at its stable address.
pub fn release_url(site: &SiteInfo, version: &str) -> String {
    format!("{}data/releases/{version}/events.json", site.url)
}

/// The citation of `cited` in `format`, and the file it downloads as.
fn citation(ctx: Ctx, site: &SiteInfo, cited: &Cited, format: CiteFormat) -> (String, String, String) {
    let (fmt, d) = (ctx.fmt(), ctx.now());
    let lang = fmt.lang;
    let title;
    let (subject, q) = match cited {
        Cited::Event(id) => {
            let Some(ix) = d.ds.event_ix(id) else { return Default::default() };
            let e = d.ds.event(ix);
            let q = Query { event: Some(e.id.clone()), lang, ..Query::default() };
            title = e.title();
            (Subject::Event { id: &e.id, title: lang.pick(&title) }, q)
        }
        Cited::Country(code) => {
            let name = d.ds.country_ix(code).map_or(code.as_str(), |c| lang.pick(&d.ds.country(c).name));
            let q = Query { countries: vec![code.clone()], lang, ..Query::default() };
            (Subject::Country { code, name }, q)
        }
    };
    let (url, release) = (page_url(ctx, site, &q), release_url(site, &d.ds.dataset_version));
    let work = Work {
        subject,
        fmt,
        dataset_version: &d.ds.dataset_version,
        url: &url,
        release_url: &release,
        accessed: site.today,
    };
    (cite(&work, format), file_name(&work, format), release)
}

fn format_label(f: CiteFormat, fmt: crate::i18n::Fmt) -> String {
    f.label(fmt.lang).into()
}

/// What a "Cite this" cites and the reader's choices in it, for its body.
#[derive(Clone, Copy)]
struct CiteState {
    args: StoredValue<(SiteInfo, Cited)>,
    format: RwSignal<CiteFormat>,
    copied: RwSignal<bool>,
}

#[component]
pub fn CiteThis(cited: Cited) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let site = expect_context::<SiteInfo>();
    // Kept here, so a language switch (which draws the body again) keeps the format chosen.
    let state = CiteState {
        args: StoredValue::new((site, cited)),
        format: RwSignal::new(CiteFormat::Text),
        copied: RwSignal::new(false),
    };
    // The body is drawn when the reader opens "Cite this" (a click on its summary, which a key
    // or a tap on it also is, comes before the element opens): every country card and event
    // page has the closed block, and drawing its body (the formats' select above all) cost a
    // country toggle ~8 ms at 10k. Its code is a wasm module of its own (`split`), fetched then.
    // A static page draws it, so it reads without the app.
    let drawn = RwSignal::new(ctx.is_static());
    let draw = move |_| super::raise(drawn);
    // Its module is asked for as the pointer or the focus reaches the summary: in, as a rule,
    // by the time it is clicked.
    let ahead = || CITE.fetch();
    move || {
        let s = ctx.lang().strings();
        let body = drawn.get().then(|| {
            // Scoped to this drawing: a page may have more than one "Cite this".
            provide_context(state);
            view! { <SplitView split=CITE /> }
        });
        view! {
            <details class="cite">
                <summary on:click=draw on:pointerenter=move |_| ahead() on:focus=move |_| ahead()>
                    {s.cite_title}
                </summary>
                {body}
            </details>
        }
    }
}

/// The citation, the format's choice, copy and download, and the release file's link.
#[component]
fn CiteBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let CiteState { args, format, copied } = expect_context::<CiteState>();
    let text = move || args.with_value(|(site, cited)| citation(ctx, site, cited, format.get()));
    let copy = move |_| {
        let promise = window().navigator().clipboard().write_text(&text().0);
        leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.try_set(true);
            }
        });
    };
    let save = move |_| {
        let (body, name, _) = text();
        super::downloads::download(&name, media_type(format.get_untracked()), &body);
    };
    let choose = move |f| {
        copied.set(false);
        format.set(f);
    };
    move || {
        let s = ctx.lang().strings();
        let (body, _, release) = text();
        let copy_text = if copied.get() { s.copied } else { s.cite_copy };
        // Machine formats read left to right; the reference in words follows the language.
        let words = format.get() == CiteFormat::Text;
        let (dir, class) = if words { ("auto", "cite-text cite-words") } else { ("ltr", "cite-text") };
        let others = other_formats(ctx, args, format.get());
        view! {
            <div class="cite-body">
                <p class="cite-format">
                    <label for="cite-format">{s.cite_format}</label>
                    {labelled_select("cite-format", move || format.get(), choose, format_label)}
                </p>
                <pre class=class dir=dir tabindex="0">{body}</pre>
                <p class="cite-actions">
                    <button type="button" class="button" on:click=copy>
                        <span aria-live="polite">{copy_text}</span>
                    </button>
                    <button type="button" class="button" on:click=save>{s.cite_download}</button>
                    <a href=release class="cite-release">{s.cite_release}</a>
                </p>
                {others}
            </div>
        }
    }
}

/// A static page's other formats, each in a disclosure under the one shown: without script the
/// format cannot be chosen (the stylesheet hides them where script runs). The app draws none.
#[cfg(feature = "ssr")]
fn other_formats(ctx: Ctx, args: StoredValue<(SiteInfo, Cited)>, shown: CiteFormat) -> impl IntoView {
    let fmt = ctx.fmt();
    let other = move |&f: &CiteFormat| {
        let body = args.with_value(|(site, cited)| citation(ctx, site, cited, f)).0;
        view! {
            <details class="cite-other">
                <summary>{format_label(f, fmt)}</summary>
                <pre class="cite-text" dir="ltr" tabindex="0">{body}</pre>
            </details>
        }
    };
    CiteFormat::ALL.iter().filter(|&&f| f != shown).map(other).collect_view()
}

#[cfg(not(feature = "ssr"))]
fn other_formats(_: Ctx, _: StoredValue<(SiteInfo, Cited)>, _: CiteFormat) -> impl IntoView {}

super::split::split_view!(
    /// "Cite this"'s body, from its own wasm module: drawn when a reader opens it.
    CITE, cite_module, load_cite, cite_body, CiteBody
);

/// "Report a correction" for an event, when the site names where corrections go.
pub fn correction_link(ctx: Ctx, site: &SiteInfo, e: &Event) -> Option<impl IntoView> {
    let lang = ctx.lang();
    let q = Query { event: Some(e.id.clone()), lang, ..Query::default() };
    let url = page_url(ctx, site, &q);
    let href = crate::site::corrections_href(&site.corrections, &e.id, &url, lang.pick(&e.title()))?;
    let text = lang.strings().report_correction;
    Some(view! { <p class="report-correction"><a href=href rel="nofollow">{text}</a></p> })
}
