//! Two or three states side by side (`compare=GB,CN,US`), under the active filters, and the
//! tray that holds a comparison being begun (one state). Measure by measure, so rows stay
//! aligned: on a wide screen the states are columns (right to left in Arabic, as the page runs);
//! on a phone they stack within each measure. Counts are tables (state columns, measure rows).

use leptos::prelude::*;

use super::cards::{event_link, flag};
use super::charts::year_bars;
use super::downloads::download;
use super::share::CopyLink;
use super::{Ctx, Nav, Snapshot};
use crate::compare::{compare, summary, Comparison};
use crate::data::{CountryIx, EventType, Tone};
use crate::export;
use crate::i18n::{format_date, number, sort_key, Fmt, EARLIER_EVENTS};
use crate::query::{Query, COMPARE_MAX};
use crate::vocab::View;

/// Shared events listed (the newest; the timeline has them all).
const SHARED_MAX: usize = 30;

/// The select that adds a state: every state of the data not yet compared, by name.
fn add_select(ctx: Ctx, d: &Snapshot, f: Fmt, id: &'static str) -> impl IntoView {
    let s = f.strings();
    let chosen = ctx.query.with_untracked(|q| q.compare.clone());
    let mut states: Vec<CountryIx> = (0..d.ds.countries.len() as CountryIx)
        .filter(|&c| !chosen.iter().any(|code| *code == d.ds.country(c).code))
        .collect();
    states = crate::sort::by_key(states, |&c| sort_key(f.lang, &d.country_name(f.lang, c)));
    let option = |&c: &CountryIx| {
        let code = d.ds.country(c).code.clone();
        view! { <option value=code>{d.country_name(f.lang, c)}</option> }
    };
    // Chosen, then added: a select that acted on its change added a state on each arrow key (and
    // opened the comparison on the first), before a keyboard reader could read the choices.
    let select = NodeRef::<leptos::html::Select>::new();
    let add = move |_| {
        let Some(code) = select.get_untracked().map(|s| s.value()).filter(|c| !c.is_empty()) else { return };
        ctx.navigate(|q| q.add_to_comparison(&code), Nav::Push);
        show_comparison(ctx);
    };
    view! {
        <div class="field compare-add">
            <label for=id>{s.compare_pick}</label>
            <span class="compare-add-row">
                <select id=id node_ref=select>
                    <option value="">{s.compare_pick_none}</option>
                    {states.iter().map(option).collect_view()}
                </select>
                <button type="button" class="button" on:click=add>{s.compare_add_chosen}</button>
            </span>
        </div>
    }
}

/// After a state is added or removed, or the comparison ended: focus on what the comparison now
/// is, on screen (the button pressed is gone): the comparison's heading, with one state the
/// tray's choice of the next, with none the result count. The tray and the comparison come from
/// a module of their own, fetched if not in (asked for as the pointer or the focus reached the
/// button, it usually is): they are waited for up to about two seconds.
pub(super) fn show_comparison(ctx: Ctx) {
    let to = match ctx.query.with_untracked(|q| q.compare.len()) {
        0 => ".content .result-count",
        1 => "#compare-tray-add",
        _ => ".compare #view-heading",
    };
    super::explorer::focus_and_show(to.into(), None, 120);
}

fn end_button(ctx: Ctx, f: Fmt) -> impl IntoView {
    let end = move |_| {
        ctx.navigate(|q| q.compare.clear(), Nav::Push);
        show_comparison(ctx);
    };
    view! { <button type="button" class="button" on:click=end>{f.strings().compare_end}</button> }
}

/// A comparison being begun (one state chosen): which, how to add the next, how to stop. Drawn
/// from the comparison's module ([`COMPARE`]), which the next state added then finds in.
#[component]
pub fn CompareTray() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let one = Memo::new(move |_| {
        ctx.query.with(|q| (q.compare.len() == 1 && q.embed.is_none()).then(|| q.compare[0].clone()))
    });
    move || {
        one.get().map(|code| {
            provide_context(Begun(code));
            view! { <super::split::SplitView split=COMPARE quiet=true /> }
        })
    }
}

/// The state of a comparison being begun, for [`CompareTray`]'s drawing.
#[derive(Clone)]
struct Begun(String);

#[component]
fn Tray() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Begun(code) = expect_context::<Begun>();
    move || {
        let (f, d) = (ctx.fmt(), ctx.data.get());
        let s = f.strings();
        let who = d.ds.country_ix(&code).map_or(code.clone(), |c| d.country_name(f.lang, c));
        view! {
            <section class="compare-tray" aria-labelledby="compare-tray-label">
                <p id="compare-tray-label">
                    <strong>{s.comparison}</strong> ": " <bdi>{who}</bdi> ". " {s.compare_hint}
                </p>
                {add_select(ctx, &d, f, "compare-tray-add")}
                {end_button(ctx, f)}
            </section>
        }
    }
}

/// A state's column head: flag, name (its card), and, outside an embed, "Remove".
fn state_head(ctx: Ctx, d: &Snapshot, f: Fmt, c: CountryIx, editable: bool) -> impl IntoView {
    let s = f.strings();
    let code = d.ds.country(c).code.clone();
    let who = d.country_name(f.lang, c);
    let card = {
        let code = code.clone();
        move |q: &mut Query| {
            q.compare.clear();
            q.countries = vec![code.clone()];
            q.pair = None;
            q.view = View::Timeline;
        }
    };
    let remove = editable.then(|| {
        let label = format!("{} {who} {}", s.compare_remove, s.compare_from);
        let code = code.clone();
        let go = move |_| {
            ctx.navigate(|q| q.compare.retain(|x| *x != code), Nav::Push);
            show_comparison(ctx);
        };
        view! { <button type="button" class="button" aria-label=label on:click=go>{s.compare_remove}</button> }
    });
    view! {
        <li class="compare-state">
            {flag(ctx, &code)}
            <super::link::Link to=card><bdi>{who}</bdi></super::link::Link>
            {remove}
        </li>
    }
}

/// A table with a row per item and a column per state.
fn counts_table(
    d: &Snapshot,
    f: Fmt,
    c: &Comparison,
    caption: &str,
    head: &str,
    rows: Vec<(String, Vec<usize>)>,
) -> impl IntoView {
    let cols = c
        .states
        .iter()
        .map(|&st| view! { <th scope="col"><bdi>{d.country_name(f.lang, st)}</bdi></th> })
        .collect_view();
    let row = |(label, counts): &(String, Vec<usize>)| {
        let cells = counts.iter().map(|&n| view! { <td>{number(f, n)}</td> }).collect_view();
        view! { <tr><th scope="row">{label.clone()}</th>{cells}</tr> }
    };
    // A table wider than a phone scrolls in its box: a named region a keyboard can reach and
    // scroll (WCAG 2.1.1).
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=caption.to_owned()>
            <table class="compare-table">
                <caption class="visually-hidden">{caption.to_owned()}</caption>
                <thead><tr><th scope="col">{head.to_owned()}</th>{cols}</tr></thead>
                <tbody>{rows.iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}

fn shared_events(d: &Snapshot, f: Fmt, c: &Comparison) -> impl IntoView {
    let s = f.strings();
    if c.shared.is_empty() {
        return view! { <p class="help">{s.compare_shared_none}</p> }.into_any();
    }
    let item = |&ix: &crate::data::EventIx| {
        let e = d.ds.event(ix);
        let who: Vec<String> =
            e.parties.iter().filter(|p| c.states.contains(p)).map(|&p| d.country_name(f.lang, p)).collect();
        let meta = format!("{} · {}", who.join(f.lang.list_sep()), e.tone.label(f.lang));
        view! {
            <li class=format!("tone-{}", e.tone.id())>
                <span class="event-date">{format_date(f, &e.date)}</span> " " {event_link(d, ix, f.lang)}
                " " <span class="event-meta">{meta}</span>
            </li>
        }
    };
    let hidden = c.shared.len().saturating_sub(SHARED_MAX);
    let more = (hidden > 0).then(|| {
        view! { <p class="help">{format!("{} {}", EARLIER_EVENTS.count(f, hidden), s.older_in_list)}</p> }
    });
    view! { <ol class="pair-events">{c.shared.iter().take(SHARED_MAX).map(item).collect_view()}</ol> {more} }.into_any()
}

/// The counts, a table each: by type (the types any state has), by tone, partners in common.
fn measures(d: &Snapshot, f: Fmt, c: &Comparison) -> impl IntoView {
    let (lang, s) = (f.lang, f.strings());
    let type_rows: Vec<(String, Vec<usize>)> = EventType::ALL
        .iter()
        .map(|&t| (t.label(lang).to_owned(), c.stats.iter().map(|st| st.by_type[t.index()]).collect()))
        .filter(|(_, n): &(String, Vec<usize>)| n.iter().any(|&n| n > 0))
        .collect();
    let tone_rows: Vec<(String, Vec<usize>)> = Tone::ALL
        .iter()
        .map(|&t| (t.label(lang).to_owned(), c.stats.iter().map(|st| st.by_tone[t.index()]).collect()))
        .collect();
    let common_rows: Vec<(String, Vec<usize>)> =
        c.common.iter().map(|(p, n)| (d.country_name(f.lang, *p), n.clone())).collect();
    let common = if common_rows.is_empty() {
        view! { <p class="help">{s.compare_common_none}</p> }.into_any()
    } else {
        counts_table(d, f, c, s.compare_common, s.partner, common_rows).into_any()
    };
    view! {
        <section><h3>{s.by_type}</h3>{counts_table(d, f, c, s.by_type, s.types, type_rows)}</section>
        <section><h3>{s.by_tone}</h3>{counts_table(d, f, c, s.by_tone, s.tones, tone_rows)}</section>
        <section><h3>{s.compare_common}</h3>{common}</section>
    }
}

/// The comparison under the active filters.
#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let editable = ctx.query.with_untracked(|q| q.embed.is_none());
    let codes = Memo::new(move |_| ctx.query.with(|q| q.compare.clone()));
    move || {
        let (f, d) = (ctx.fmt(), ctx.data.get());
        let (lang, s) = (f.lang, f.strings());
        let codes = codes.get();
        let states: Vec<CountryIx> = codes.iter().filter_map(|c| d.ds.country_ix(c)).collect();
        let c = ctx.filtered.with(|fl| compare(&d.rows, &fl.events, &states));
        let names: Vec<String> = states.iter().map(|&st| d.country_name(f.lang, st)).collect();
        let cols = format!("compare-cols cols-{}", states.len().max(1));
        let heads = states.iter().map(|&st| state_head(ctx, &d, f, st, editable)).collect_view();
        let summaries = states
            .iter()
            .zip(&c.stats)
            .map(|(&st, stats)| view! { <li>{summary(f, &d.country_name(f.lang, st), stats)}</li> });
        let years = (0..states.len()).map(|i| {
            let label = format!("{}: {}", names[i], s.compare_years);
            let bars = year_bars(&c.years_of(i), Some(c.year_max), label, f);
            view! { <figure class="compare-cell"><figcaption><bdi>{names[i].clone()}</bdi></figcaption>{bars}</figure> }
        });
        let csv = {
            let (d, c) = (d.clone(), c.clone());
            move |_| {
                let stem = ctx.query.with_untracked(export::file_stem);
                download(
                    &format!("{stem}-compare.csv"),
                    "text/csv;charset=utf-8",
                    &export::compare_csv(&d.ds, &c, lang),
                );
            }
        };
        // No state of the data among the codes: the notice below says which are not.
        let title = if names.is_empty() {
            s.comparison.to_owned()
        } else {
            format!("{}: {}", s.comparison, names.join(lang.list_sep()))
        };
        let add = (editable && states.len() < COMPARE_MAX).then(|| add_select(ctx, &d, f, "compare-add"));
        let end = editable.then(|| end_button(ctx, f));
        view! {
            <article class="card compare" aria-labelledby="view-heading">
                <header class="view-head">
                    <h2 id="view-heading" tabindex="-1"><bdi>{title}</bdi></h2>
                    <CopyLink />
                    {end}
                </header>
                <ul class=format!("compare-states {cols}")>{heads}</ul>
                {add}
                <section><h3>{s.summary}</h3><ul class="compare-summary">{summaries.collect_view()}</ul></section>
                <section><h3>{s.compare_years}</h3><div class=cols>{years.collect_view()}</div></section>
                {measures(&d, f, &c)}
                <section><h3>{s.compare_shared}</h3>{shared_events(&d, f, &c)}</section>
                <p>
                    <button type="button" class="button" data-download="compare" on:click=csv>
                        {s.download_compare}
                    </button>
                </p>
            </article>
        }
    }
}

/// What the comparison's module draws: the tray where [`CompareTray`] asks for it, else the
/// comparison.
#[component]
fn CompareBody() -> impl IntoView {
    match use_context::<Begun>() {
        Some(_) => view! { <Tray /> }.into_any(),
        None => view! { <CompareView /> }.into_any(),
    }
}

super::split::split_view!(
    /// The comparison and the tray of one being begun, from their own wasm module: most readers
    /// never open either.
    COMPARE, compare, load_compare, compare_body, CompareBody
);
