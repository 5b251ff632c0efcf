//! An event's sources: each quote with its article's title, outlets and publication date (and
//! how that date was inferred), and one article reader showing the quoted passages highlighted
//! in the full text, the chosen one centred in its box. Each article is fetched once while the
//! page lives, and ahead: when the reader points at an event, and for the rows in view (and the
//! next below them) once the list is still (`fetch_in_view`).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::load::{background_task, fetch_article};
use super::{Ctx, Snapshot};
use crate::data::validate::locate_quote;
use crate::data::{has_arabic, ArticleIx, Event};
use crate::i18n::{format_date, Fmt, Lang};
use crate::reader::{block_lines, paragraphs, pieces, Piece, BLOCK, CONTEXT, GAP, MAX_RENDERED};

/// Which source the reader shows (an index into the event's sources), and the texts fetched.
#[derive(Clone, Copy)]
struct Reader {
    current: RwSignal<usize>,
    texts: RwSignal<HashMap<ArticleIx, Result<String, String>>>,
    /// Articles being fetched (each is fetched once, however many quotes it has).
    fetching: StoredValue<Vec<ArticleIx>>,
    /// The reader asked for a passage (a quote's button, previous or next): once it is in its
    /// box, the box is brought on screen too.
    asked: StoredValue<bool>,
}

impl Reader {
    /// Shows quote `i` in the article box, asked for by the reader.
    fn show(self, i: usize) {
        self.asked.set_value(true);
        self.current.set(i);
    }
}

/// The article texts a static page is drawn with, by article (shared by every page the build
/// draws: a page takes only its event's).
#[derive(Clone, Default)]
pub struct StaticArticles(pub Arc<HashMap<ArticleIx, String>>);

/// `lang`/`dir` for a text of unknown language from the data: Arabic if it has Arabic script,
/// else left to the browser (`dir="auto"`), so English quotes keep their punctuation in place.
pub(super) fn text_lang(s: &str) -> Option<&'static str> {
    has_arabic(s).then_some("ar")
}

/// Article texts fetched so far, by path, for the page's life: going from event to event often
/// meets the same article again, and pointing at an event's row or mark fetches its article
/// ahead of the click (`fetch_ahead`), as do the rows in view and just below (`fetch_in_view`).
/// At most `KEPT` texts; the oldest goes first.
const KEPT: usize = 32;
/// Rows whose articles a still list fetches ahead, at most: those on screen, then the next below
/// (`window::rows_ahead`; a tall window shows a dozen or more).
pub(super) const IN_VIEW: usize = 6;
/// How long the list stays still before its rows in view fetch ahead: rows a reader only scrolls
/// past, or a result set replaced at once by the next keystroke, fetch nothing.
const STILL: std::time::Duration = std::time::Duration::from_millis(150);

/// What to do with an article's text (or why it failed) once it is in.
type Then = Box<dyn FnOnce(Result<String, String>)>;

thread_local! {
    static FETCHED: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Texts being fetched, by path, with what waits for each: one fetch a text, however many ask
    /// for it meanwhile (a row pointed at, then opened before its text is in, fetches it once).
    static COMING: std::cell::RefCell<Vec<(String, Vec<Then>)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Which call of `fetch_in_view` is the latest: an earlier one, still waiting, does nothing.
    static IN_VIEW_CALL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn kept(path: &str) -> Option<String> {
    FETCHED.with_borrow(|f| f.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone()))
}

/// Whether `path`'s text is kept (without copying it to find out).
fn is_kept(path: &str) -> bool {
    FETCHED.with_borrow(|f| f.iter().any(|(p, _)| p == path))
}

/// Whether `path`'s text is kept or on its way.
fn kept_or_coming(path: &str) -> bool {
    is_kept(path) || COMING.with_borrow(|c| c.iter().any(|(p, _)| p == path))
}

/// Calls `then` with the text at `path`: at once if it is kept, else when the fetch already on
/// its way, or begun now, ends (a text is then kept; a failure is not, so the next ask fetches
/// again). A fetch begun here is sent in the task queue's next turn, before what is queued after
/// this call (an event page's drawing, when a navigation begins it).
fn article_text_at(path: String, then: Then) {
    if let Some(text) = kept(&path) {
        return then(Ok(text));
    }
    let on_its_way = COMING.with_borrow_mut(|c| match c.iter_mut().find(|(p, _)| *p == path) {
        Some((_, waiting)) => {
            waiting.push(then);
            true
        }
        None => {
            c.push((path.clone(), vec![then]));
            false
        }
    });
    if on_its_way {
        return;
    }
    leptos::task::spawn_local(async move {
        let text = fetch_article(&path).await.map_err(|f| f.details().to_owned());
        if let Ok(text) = &text {
            FETCHED.with_borrow_mut(|f| {
                if f.len() >= KEPT {
                    f.remove(0);
                }
                f.push((path.clone(), text.clone()));
            });
        }
        let waiting = COMING.with_borrow_mut(|c| {
            let at = c.iter().position(|(p, _)| *p == path);
            at.map(|at| c.swap_remove(at).1).unwrap_or_default()
        });
        waiting.into_iter().for_each(|then| then(text.clone()));
    });
}

/// The path of an article's text.
fn text_path(d: &Snapshot, a: ArticleIx) -> String {
    format!("data/{}", d.ds.article(a).text_path)
}

/// The path of the text of the article event `ix`'s page opens on.
fn opening_text_path(d: &Snapshot, ix: crate::data::EventIx) -> Option<String> {
    let a = d.ds.events.get(ix as usize).and_then(|e| e.source_articles().next())?;
    Some(text_path(d, a))
}

/// Whether the text of the article event `ix`'s page opens on is kept (drawn with the page).
pub(super) fn has_text(d: &Snapshot, ix: crate::data::EventIx) -> bool {
    opening_text_path(d, ix).is_some_and(|path| is_kept(&path))
}

/// Fetches the article event `ix`'s page opens on, unless it is kept or on its way: called when
/// the reader points at or focuses the event's row or mark, so the text is there by the click.
pub(super) fn fetch_ahead(ctx: Ctx, ix: crate::data::EventIx) {
    if ctx.is_static() {
        return;
    }
    let Some(path) = opening_text_path(&ctx.now(), ix) else { return };
    if !kept_or_coming(&path) {
        // A failure is not kept: the event page fetches again and says why.
        article_text_at(path, Box::new(drop));
    }
}

/// Fetches ahead the articles of `events`, the list's rows now on screen and the next below them,
/// so that a tap (which has no hover before it) opens a page with its text, a row scrolled to a
/// moment ago included: once the list has been still for `STILL`, at background priority (the
/// list gives at most `IN_VIEW`: `window::rows_ahead`). Not in a widget (its events open in the
/// full explorer, in a new tab), nor when the reader asked to save data or is on a 2G connection.
pub(super) fn fetch_in_view(ctx: Ctx, events: Vec<crate::data::EventIx>) {
    let call = IN_VIEW_CALL.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    if events.is_empty() || ctx.is_static() || ctx.query.with_untracked(|q| q.embed.is_some()) {
        return;
    }
    // An index names another event in the next snapshot: a snapshot come in meanwhile fetches nothing.
    let snapshot = move || ctx.data.try_with_untracked(|d| d.generation);
    let now = snapshot();
    // Asked once the list is still, not on every scrolled frame.
    let fetch = move || {
        if snapshot() == now && !saving_data() {
            events.into_iter().for_each(|ix| fetch_ahead(ctx, ix));
        }
    };
    let latest = move || IN_VIEW_CALL.with(|c| c.get()) == call;
    set_timeout(
        move || {
            if latest() {
                background_task(fetch)
            }
        },
        STILL,
    );
}

/// Whether the browser says the reader wants to save data (`Save-Data`) or has a 2G connection
/// (the Network Information API; where it is missing, no).
fn saving_data() -> bool {
    let get =
        |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok().filter(|v| !v.is_undefined());
    let Some(connection) = get(&window().navigator().into(), "connection") else { return false };
    let save = get(&connection, "saveData").is_some_and(|v| v.is_truthy());
    let slow = get(&connection, "effectiveType").and_then(|t| t.as_string()).is_some_and(|t| t.ends_with("2g"));
    save || slow
}

#[component]
pub fn Sources(d: Arc<Snapshot>, event: crate::data::EventIx) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // A static page has its articles' texts already (the build read them): no fetch.
    // (Only the build draws static pages: the browser's app compiles without this.)
    let drawn = if cfg!(feature = "ssr") { use_context::<StaticArticles>().map(|a| a.0) } else { None };
    let mut texts: HashMap<ArticleIx, Result<String, String>> = HashMap::new();
    for a in d.ds.event(event).source_articles() {
        // Texts fetched before (or ahead) are drawn with the page, not after a fetch.
        let text = drawn.as_ref().and_then(|t| t.get(&a).cloned()).or_else(|| kept(&text_path(&d, a)));
        if let Some(text) = text {
            texts.insert(a, Ok(text));
        }
    }
    let reader = Reader {
        current: RwSignal::new(0),
        texts: RwSignal::new(texts),
        fetching: StoredValue::new(Vec::new()),
        asked: StoredValue::new(false),
    };
    // Fetch the shown article once (switching back to it later reuses the text).
    let d2 = d.clone();
    Effect::new(move |_| {
        let e = d2.ds.event(event);
        let last = e.source_articles().len() - 1;
        let article = e.source_articles().nth(reader.current.get().min(last)).unwrap_or_default();
        if reader.texts.with_untracked(|t| t.contains_key(&article))
            || reader.fetching.with_value(|f| f.contains(&article))
        {
            return;
        }
        reader.fetching.update_value(|f| f.push(article));
        let path = text_path(&d2, article);
        article_text_at(
            path,
            Box::new(move |text| {
                reader.fetching.try_update_value(|f| f.retain(|a| *a != article));
                reader.texts.try_update(|t| t.insert(article, text));
            }),
        );
    });
    move || {
        let fmt = ctx.fmt();
        let s = fmt.strings();
        let e = d.ds.event(event);
        // Sources grouped by article, in the order they are listed.
        let mut articles: Vec<ArticleIx> = Vec::new();
        for a in e.source_articles() {
            if !articles.contains(&a) {
                articles.push(a);
            }
        }
        let groups = articles.iter().map(|&a| source_group(&d, e, a, fmt, reader)).collect_view();
        view! {
            <section class="sources" aria-labelledby="sources-heading">
                <h3 id="sources-heading">{s.sources}</h3>
                {groups}
                <ArticleReader d=d.clone() event reader />
            </section>
        }
    }
}

/// How the article's date was found, in the reader's language; a dataset written before the
/// Arabic was asked for (schema 2) has only the English, marked as such.
fn date_note(note: &crate::data::Text, lang: Lang) -> Option<impl IntoView> {
    let (text, own) = match lang.pick(note) {
        "" => (note.en.as_str(), Lang::En),
        t => (t, lang),
    };
    let (other, text) = ((own != lang).then_some(own), text.to_owned());
    (!text.is_empty()).then(|| {
        view! { " " <span class="date-note" lang=other.map(Lang::code) dir=other.map(Lang::dir)>{text}</span> }
    })
}

/// One article's facts and the event's quotes from it, each with a button to show it in the text.
fn source_group(d: &Snapshot, e: &Event, article: ArticleIx, fmt: Fmt, reader: Reader) -> impl IntoView {
    let (lang, s) = (fmt.lang, fmt.strings());
    let a = d.ds.article(article);
    let outlets = a.outlets.iter().map(|o| lang.pick(o).to_owned()).collect::<Vec<_>>().join(lang.list_sep());
    let quote = |(i, src): (usize, crate::data::Source)| {
        let show = move |_| reader.show(i);
        let pressed = move || (reader.current.get() == i).to_string();
        let quote_lang = text_lang(&src.quote);
        view! {
            <li>
                <blockquote lang=quote_lang dir="auto">{src.quote}</blockquote>
                <button type="button" class="button" aria-controls="article-reader" aria-pressed=pressed on:click=show>
                    {s.show_in_article}
                </button>
            </li>
        }
    };
    let quotes = e.sources().enumerate().filter(|(_, s)| s.article == article).map(quote).collect_view();
    view! {
        <figure class="source">
            <figcaption>
                <dl class="facts">
                    <dt>{s.article}</dt><dd><bdi>{lang.pick(&a.title).to_owned()}</bdi></dd>
                    <dt>{s.outlets}</dt><dd><bdi>{outlets}</bdi></dd>
                    <dt>{s.published}</dt>
                    <dd>
                        <time datetime=a.published.to_string()>{format_date(fmt, &a.published)}</time>
                        {date_note(&a.published_note, lang)}
                    </dd>
                </dl>
            </figcaption>
            <ul class="quotes">{quotes}</ul>
        </figure>
    }
}

/// The article of the chosen quote, every quote of the event from it highlighted, the chosen one
/// centred in the box; previous/next move between the quotes.
#[component]
fn ArticleReader(d: Arc<Snapshot>, event: crate::data::EventIx, reader: Reader) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let n = d.ds.event(event).sources().len();
    let current_mark = NodeRef::<html::Mark>::new();
    let boxed = NodeRef::<html::Div>::new();
    // Centre the chosen passage in its box (the box scrolls); when the reader asked for it, also
    // bring the box on screen, the least scroll that shows it (a phone's page may have the box
    // below the fold: the passage changed where the reader could not see it). Not for the
    // first passage the page opens with: the page starts at its top.
    Effect::new(move |_| {
        reader.current.track();
        if let (Some(mark), Some(b)) = (current_mark.get(), boxed.get()) {
            let (m, r) = (mark.get_bounding_client_rect(), b.get_bounding_client_rect());
            let top = m.top() - r.top() + b.scroll_top() as f64 - (b.client_height() as f64 - m.height()) / 2.0;
            b.set_scroll_top(top.max(0.0) as i32);
            if reader.asked.get_value() {
                reader.asked.set_value(false);
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                b.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    let step =
        move |by: isize| reader.show((reader.current.get_untracked() as isize + by).rem_euclid(n as isize) as usize);
    move || {
        let fmt = ctx.fmt();
        let (lang, s) = (fmt.lang, fmt.strings());
        let e = d.ds.event(event);
        let current = reader.current.get().min(n - 1);
        let article = e.source_articles().nth(current).unwrap_or_default();
        let title = lang.pick(&d.ds.article(article).title).to_owned();
        let body = match reader.texts.with(|t| t.get(&article).cloned()) {
            None => view! { <p class="loading" role="status">{s.article_loading}</p> }.into_any(),
            Some(Err(why)) => {
                let retry = move |_| {
                    reader.texts.update(|t| drop(t.remove(&article)));
                    reader.current.update(|_| {});
                };
                view! {
                    <p class="error" role="alert">{s.article_error} " " <span dir="ltr">{why}</span></p>
                    <button type="button" class="button" on:click=retry>{s.retry}</button>
                }
                .into_any()
            }
            Some(Ok(text)) => {
                let refs = (current_mark, boxed);
                article_text(e, article, current, text, &title, lang, refs, ctx.is_static()).into_any()
            }
        };
        let nav = (n > 1).then(|| {
            view! {
                <div class="reader-nav" role="group" aria-label=s.quote_nav>
                    <button type="button" class="button" on:click=move |_| step(-1)>{s.previous_quote}</button>
                    <span class="count">{format!("{} / {n}", current + 1)}</span>
                    <button type="button" class="button" on:click=move |_| step(1)>{s.next_quote}</button>
                </div>
            }
        });
        view! {
            <section class="reader" id="article-reader" aria-labelledby="reader-heading">
                <h4 id="reader-heading">{s.article} ": " <bdi>{title}</bdi></h4>
                {nav}
                {body}
            </section>
        }
    }
}

/// About how many characters a line of the article box holds: the box is the event page's
/// (72ch less its padding, about 615 px) or the screen's less its margins, at about 7.8 px a
/// character of the body font (measured in Arabic and English at 360 and 1280 px).
fn chars_per_line() -> usize {
    let width = window().inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1280.0);
    ((width - 50.0).clamp(200.0, 615.0) / 7.8) as usize
}

/// Blocks drawn whatever the box shows, either side of the chosen quote's: at least a box's
/// height of text (`reader::BLOCK` bytes each).
const NEAR_BLOCKS: usize = 2;

/// The article text cut into pieces (`crate::reader`), the current quote's mark referenced.
#[allow(clippy::too_many_arguments)]
fn article_text(
    e: &Event,
    article: ArticleIx,
    current: usize,
    text: String,
    title: &str,
    lang: Lang,
    (current_mark, boxed): (NodeRef<html::Mark>, NodeRef<html::Div>),
    static_page: bool,
) -> impl IntoView {
    // Line breaks at the very end would draw empty lines at the foot of the box.
    let text = text.trim_end();
    let marks: Vec<(usize, std::ops::Range<usize>)> = e
        .sources()
        .enumerate()
        .filter(|(_, s)| s.article == article)
        .filter_map(|(i, s)| Some((i, locate_quote(text, &s.quote)?)))
        .collect();
    let piece = |p: Piece| match p {
        Piece::Text(r) => view! { {text[r].to_owned()} }.into_any(),
        Piece::Gap => view! { <span class="gap" aria-hidden="true">{GAP}</span> }.into_any(),
        Piece::Mark(i, r) if i == current => {
            view! { <mark class="current" node_ref=current_mark>{text[r].to_owned()}</mark> }.into_any()
        }
        Piece::Mark(_, r) => view! { <mark>{text[r].to_owned()}</mark> }.into_any(),
    };
    let label = format!("{}: {title}", lang.strings().article);
    // Blocks of a few lines: the browser lays out only those near the box's visible part, and
    // always those around the chosen quote, so the box is centred on their true heights.
    // Until drawn, a block is as tall as its lines would be (CSSOM, which the CSP allows).
    let blocks = paragraphs(text, pieces(text, &marks, MAX_RENDERED, CONTEXT), BLOCK);
    let at = blocks.iter().position(|b| b.iter().any(|p| matches!(p, Piece::Mark(i, _) if *i == current)));
    // A static page has no CSSOM (a `style` attribute would break the CSP): the CSS's guess.
    let per_line = (!static_page).then(chars_per_line);
    let parts = blocks
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let near = at.is_some_and(|at| k.abs_diff(at) <= NEAR_BLOCKS);
            let size = per_line.map(|n| format!("auto {}lh", block_lines(text, &p, n)));
            view! {
                <p class:near=near style:contain-intrinsic-block-size=size>
                    {p.into_iter().map(&piece).collect_view()}
                </p>
            }
        })
        .collect_view();
    view! {
        <div class="article-text" node_ref=boxed lang=text_lang(text) dir="auto" tabindex="0" role="region"
            aria-label=label>
            {parts}
        </div>
    }
}
