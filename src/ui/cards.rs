//! Country cards (the grid, and the card on top when one country is chosen) and the pair view.
//! Every card counts the events the active filters leave, and says so. The cards and the grid
//! are drawn from the module of the views a reader opens (`split::OPENED`), the pair view from
//! one of its own (`PAIR`): the first wasm draws neither.

use leptos::either::Either;
use leptos::prelude::*;

use super::charts::{tone_bars, year_bars};
use super::cite::{CiteThis, Cited};
use super::controls::vocab_select;
use super::link::Link;
use super::marks::TypeSymbol;
use super::share::CopyLink;
use super::split::{Opened, SplitView, OPENED};
use super::takeover::Later;
use super::{Ctx, Nav, Snapshot};
use crate::data::{CountryIx, EventIx, EventType, Tone};
use crate::i18n::{format_date, number, sort_key, Fmt, Lang, EARLIER_EVENTS, EVENTS};
use crate::page::Card;
use crate::query::Query;
use crate::sort;
use crate::stats::{country_stats, one_country, pair_stats, tone_totals, CountryStats};
use crate::vocab::{CardOrder, View};

/// Events listed on a pair card (the latest ones; the list below has them all).
const PAIR_LIST_MAX: usize = 50;
/// Partners a card lists before "show all".
const PARTNERS_SHOWN: usize = 8;
/// Cards per page of the grid.
const CARDS_PER_PAGE: usize = 12;

/// A card the page names.
#[component]
pub fn CardView(card: Card) -> impl IntoView {
    match card {
        Card::Country(code) => {
            let card = Memo::new(move |_| Some(Card::Country(code.clone())));
            view! { <CountryCardOf card /> }.into_any()
        }
        Card::Pair(a, b) => {
            provide_context(PairOf(a, b));
            view! { <SplitView split=PAIR /> }.into_any()
        }
    }
}

/// The card of the country `card` names (from the module of the views a reader opens).
#[component]
pub fn CountryCardOf(card: Memo<Option<Card>>) -> impl IntoView {
    provide_context(Opened::Card(card));
    view! { <SplitView split=OPENED /> }
}

/// Every country's card under the active filters, in the chosen order, a page at a time.
#[component]
pub fn CountryGrid() -> impl IntoView {
    provide_context(Opened::Grid);
    view! { <SplitView split=OPENED /> }
}

/// A country's flag in a frame (decorative: the name is always shown beside it). A code with no
/// bundled flag gets the empty frame, the neutral mark, and no request; so does a flag that fails
/// to load (offline, never seen before).
pub(super) fn flag(ctx: Ctx, code: &str) -> impl IntoView {
    let hide = |ev: leptos::ev::ErrorEvent| drop(event_target::<web_sys::Element>(&ev).set_attribute("hidden", ""));
    let ahead = use_context::<super::ahead::DrawnAhead>().is_some();
    // A new image for each country (a closure's view is built again, not rebuilt): a card
    // written in place for another country never shows the last one's flag while its own loads.
    let file = crate::flags::file(code).filter(|_| !ahead).map(|file| ctx.asset(&file));
    let img = move || {
        file.clone().map(|src| view! { <img src=src alt="" width="32" height="24" decoding="async" on:error=hide /> })
    };
    view! { <span class="flag" data-flag=code.to_ascii_lowercase()>{img}</span> }
}

/// A link to one event that opens it in place.
pub fn event_link(d: &Snapshot, ix: EventIx, lang: Lang) -> impl IntoView {
    let e = d.ds.event(ix);
    let (id, title) = (e.id.clone(), lang.pick(&e.title()).to_owned());
    view! { <Link to=move |q: &mut Query| q.event = Some(id.clone())><bdi>{title}</bdi></Link> }
}

/// The card of the one country chosen (`of`, a `Card::Country`): its statistics under the
/// active filters. The card on top of the timeline is kept between countries: `of` then changes,
/// and the card is written in place (its elements rebuilt with the new country's texts, counts
/// and bars).
#[component]
pub(super) fn OneCountry(of: Memo<Option<Card>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let code = move || {
        of.with(|card| match card {
            Some(Card::Country(code)) => code.clone(),
            _ => String::new(),
        })
    };
    // The country's page cites it; a widget does not (its reader is on the newsroom's page).
    let embed = ctx.query.with_untracked(|q| q.embed.is_some());
    let cite = move || {
        let code = code();
        let known = ctx.data.with_untracked(|d| d.ds.country_ix(&code).is_some());
        (known && !embed).then(|| view! { <CiteThis cited=Cited::Country(code) /> })
    };
    // The card follows its country, the snapshot and the filters while the page shows it: a
    // filter change that takes the card away (the country unticked) does not draw it again on
    // its way out, nor does one while it is hidden. (A count of those changes: a `Memo<usize>`,
    // a type the app compiles anyway.)
    let changes = Memo::new(move |was: Option<&usize>| {
        let shown = of.with(|card| ctx.page.with(|p| p.card() == card.as_ref()));
        match was {
            Some(&n) if !shown => n,
            _ => {
                ctx.data.track();
                ctx.filtered.track();
                was.map_or(0, |n| n + 1)
            }
        }
    });
    // "Show all partners" outlives the card's redrawing for a filter change, not for another
    // country.
    let all = RwSignal::new(false);
    let drawn_for = StoredValue::new(String::new());
    let card = move || {
        // Read, not only tracked: reading runs the memo, which is what subscribes it to the data.
        let _changes = changes.get();
        let d = ctx.data.get_untracked();
        let code = untrack(code);
        let ix = d.ds.country_ix(&code)?;
        if drawn_for.with_value(|was| *was != code) {
            all.update_untracked(|all| *all = false);
            drawn_for.set_value(code);
        }
        let st = ctx.filtered.with_untracked(|f| one_country(&d.rows, &f.events, ix));
        Some(view! { <CountryCard d ix st share=true all /> })
    };
    view! { {card} {cite} }
}

/// "12 events" with, under filters, "of 34", or "all time" without.
fn card_count(ctx: Ctx, d: &Snapshot, f: Fmt, n: usize, ix: CountryIx) -> String {
    let s = f.strings();
    if ctx.query.with_untracked(Query::has_filters) {
        let total = d.totals.get(ix as usize).copied().unwrap_or(0);
        format!("{} {} {}", EVENTS.count(f, n), s.of_total, number(f, total))
    } else {
        format!("{} · {}", EVENTS.count(f, n), s.all_time)
    }
}

/// A country's partners, the most shared events first: the first few, then "show all"; with
/// none, a sentence that says so.
#[component]
fn Partners(
    d: std::sync::Arc<Snapshot>,
    ix: CountryIx,
    partners: Vec<(CountryIx, usize)>,
    /// Whether every partner is listed ("show all" was pressed).
    all: RwSignal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let fmt = ctx.fmt();
    let (lang, s) = (fmt.lang, fmt.strings());
    let total = partners.len();
    // Events of this state alone (or none under the filters): said, not an empty list.
    if total == 0 {
        return view! { <p class="empty">{s.no_partners}</p> }.into_any();
    }
    let item = move |&(p, n): &(CountryIx, usize)| {
        let (me, pc) = (d.ds.country(ix).code.clone(), d.ds.country(p).code.clone());
        let (name, pname) = (lang.pick(&d.ds.country(ix).name), lang.pick(&d.ds.country(p).name).to_owned());
        let label = format!("{}: {name} ⇄ {pname}", s.open_pair);
        let to = move |q: &mut Query| {
            q.pair = Some((me.clone(), pc.clone()));
            q.event = None;
            q.view = View::Timeline;
        };
        view! { <li><Link to label><bdi>{pname}</bdi></Link> " " <span class="count">{number(fmt, n)}</span></li> }
    };
    let items = move || {
        let shown = if all.get() { total } else { PARTNERS_SHOWN };
        partners.iter().take(shown).map(item.clone()).collect_view()
    };
    let more = move || {
        (total > PARTNERS_SHOWN && !all.get()).then(|| {
            let label = format!("{} {}", s.all_partners, number(fmt, total));
            view! { <li><button type="button" class="button" on:click=move |_| all.set(true)>{label}</button></li> }
        })
    };
    // Each partner opens a pair: its view's module is asked for as the pointer or the focus
    // reaches the list.
    view! {
        <ul class="partners" on:pointerenter=|_| PAIR.fetch() on:focusin=|_| PAIR.fetch()>
            {items}
            {more}
        </ul>
    }
    .into_any()
}

/// Counts by type and by tone.
fn breakdowns(st: &CountryStats, f: Fmt) -> impl IntoView {
    let (lang, s) = (f.lang, f.strings());
    let types = EventType::ALL.iter().zip(&st.by_type).filter(|(_, n)| **n > 0).map(|(&t, &n)| {
        view! { <li><TypeSymbol kind=t />{t.label(lang)} " " <span class="count">{number(f, n)}</span></li> }
    });
    let tones = Tone::ALL.iter().zip(&st.by_tone).map(|(&t, &n)| {
        let class = format!("tone-{}", t.id());
        view! { <li class=class>{t.label(lang)} " " <span class="count">{number(f, n)}</span></li> }
    });
    view! {
        <section><h3>{s.by_type}</h3><ul class="breakdown">{types.collect_view()}</ul></section>
        <section><h3>{s.by_tone}</h3><ul class="breakdown tones">{tones.collect_view()}</ul></section>
    }
}

/// The first and last events, and the latest three.
fn first_last(d: &Snapshot, st: &CountryStats, f: Fmt) -> impl IntoView {
    let (lang, s) = (f.lang, f.strings());
    let dated = |&e: &EventIx| view! { {format_date(f, &d.ds.event(e).date)} " — " {event_link(d, e, lang)} };
    let first = st.events.first().map(|e| view! { <p><strong>{s.first_event}</strong> " " {dated(e)}</p> });
    let last = st.events.last().map(|e| view! { <p><strong>{s.last_event}</strong> " " {dated(e)}</p> });
    let latest = st.events.iter().rev().take(3).map(|&e| view! { <li>{event_link(d, e, lang)}</li> }).collect_view();
    view! {
        <section class="first-last">{first}{last}</section>
        <section><h3>{s.latest_events}</h3><ul class="latest">{latest}</ul></section>
    }
}

#[component]
fn CountryCard(
    d: std::sync::Arc<Snapshot>,
    ix: CountryIx,
    st: CountryStats,
    /// With a "copy link" button (the card on top of the timeline, not one in the grid).
    #[prop(optional)]
    share: bool,
    /// Whether every partner is listed, when it is to outlive this drawing of the card.
    #[prop(optional)]
    all: Option<RwSignal<bool>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let all = all.unwrap_or_else(|| RwSignal::new(false));
    let fmt = ctx.fmt();
    let (lang, s) = (fmt.lang, fmt.strings());
    let country = d.ds.country(ix);
    let (code, name, other) = (country.code.clone(), lang.pick(&country.name).to_owned(), lang.other());
    let show = {
        let code = code.clone();
        move |q: &mut Query| {
            *q = q.cleared();
            q.countries = vec![code.clone()];
            q.view = View::Timeline;
        }
    };
    // A state the filters leave no events says so in one sentence, not under empty headings.
    let body = if st.events.is_empty() {
        let why = if ctx.query.with_untracked(Query::has_filters) { s.card_filtered_out } else { s.card_no_events };
        Either::Left(view! { <div class="card-body"><p class="empty">{why}</p></div> })
    } else {
        Either::Right(view! {
            <div class="card-body">
                <section><h3>{s.partners}</h3><Partners d=d.clone() ix partners=st.partners.clone() all /></section>
                {breakdowns(&st, fmt)}
                <section><h3>{s.activity}</h3>{year_bars(&st.by_year, None, s.activity.to_owned(), fmt)}</section>
                {first_last(&d, &st, fmt)}
            </div>
        })
    };
    view! {
        <article class="card country-card" data-country=code.clone() aria-labelledby=format!("card-{code}")>
            <header class="card-head">
                {flag(ctx, &code)}
                <div>
                    <h2 id=format!("card-{code}")>
                        <Link to=show label=format!("{name} — {}", s.show_country)>{name.clone()}</Link>
                    </h2>
                    <p class="other-name" lang=other.code() dir=other.dir()>{other.pick(&country.name).to_owned()}</p>
                </div>
                <p class="big-count">{card_count(ctx, &d, fmt, st.events.len(), ix)}</p>
                {share.then(|| view! { <CopyLink /> })}
                {compare_action(ctx, fmt, &code)}
            </header>
            {body}
        </article>
    }
}

/// "Add to comparison" (outside embeds); said, and not offered, when the state is in the
/// comparison already or the comparison is full. Follows the comparison as it changes.
fn compare_action(ctx: Ctx, f: Fmt, code: &str) -> Option<impl IntoView> {
    ctx.query.with_untracked(|q| q.embed.is_none()).then_some(())?;
    let s = f.strings();
    let compare = Memo::new(move |_| ctx.query.with(|q| q.compare.clone()));
    let code = code.to_owned();
    Some(move || {
        let compare = compare.get();
        if compare.contains(&code) {
            view! { <p class="compare-status">{s.comparison} " ✓"</p> }.into_any()
        } else if compare.len() >= crate::query::COMPARE_MAX {
            view! { <p class="compare-status">{s.compare_full}</p> }.into_any()
        } else {
            let code = code.clone();
            let add = move |_| {
                ctx.navigate(|q| q.add_to_comparison(&code), Nav::Push);
                super::compare::show_comparison(ctx);
            };
            // The tray's module is asked for as the pointer or the focus reaches the button.
            let ahead = || super::compare::COMPARE.fetch();
            view! {
                <button type="button" class="button" on:click=add on:pointerenter=move |_| ahead()
                    on:focus=move |_| ahead()>{s.compare_add}</button>
            }
            .into_any()
        }
    })
}

/// The conflictual share of a country's events (for sorting).
fn conflict_share(st: &CountryStats) -> f64 {
    st.by_tone[Tone::Conflictual.index()] as f64 / st.events.len().max(1) as f64
}

/// The grid itself (`CountryGrid` draws it from its module).
#[component]
pub(super) fn Grid() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let order = move || ctx.query.with(|q| q.sort);
    // The grid is drawn again in the new order: focus back on the select.
    let sort = move |o: CardOrder| {
        ctx.navigate(|q| (q.sort, q.page) = (o, 0), Nav::Push);
        super::explorer::focus_when_drawn("#card-order".into(), None, 2);
    };
    move || {
        let (fmt, d) = (ctx.fmt(), ctx.data.get());
        let (lang, s) = (fmt.lang, fmt.strings());
        let stats = ctx.filtered.with(|f| country_stats(&d.ds, &d.rows, &f.events));
        let mut cards: Vec<CountryIx> = (0..d.ds.countries.len() as CountryIx).collect();
        let by_events =
            |a: &CountryIx, b: &CountryIx| stats[*b as usize].events.len().cmp(&stats[*a as usize].events.len());
        match order() {
            CardOrder::Events => sort::indices(&mut cards, &|a, b| by_events(&a, &b).then(a.cmp(&b))),
            CardOrder::Name => cards = sort::by_key(cards, |&c| sort_key(lang, lang.pick(&d.ds.country(c).name))),
            CardOrder::Conflict => sort::indices(&mut cards, &|a, b| {
                conflict_share(&stats[b as usize])
                    .total_cmp(&conflict_share(&stats[a as usize]))
                    .then(by_events(&a, &b))
            }),
        }
        let pages = cards.len().div_ceil(CARDS_PER_PAGE).max(1);
        let page = ctx.query.with(|q| q.page.max(1)).min(pages);
        // Behind a static page a card is drawn in a task of its own (`Later`): a page of 12 in one
        // task took a phone 298 ms at 4x CPU.
        let card = |&ix: &CountryIx| {
            let (d, st) = (d.clone(), stats[ix as usize].clone());
            view! { <Later><CountryCard d=d.clone() ix st=st.clone() /></Later> }
        };
        let shown = cards.iter().skip((page - 1) * CARDS_PER_PAGE).take(CARDS_PER_PAGE).map(card).collect_view();
        view! {
            <div class="grid-controls">
                <label for="card-order">{s.sort_by}</label>{vocab_select("card-order", order, sort)}
            </div>
            <section class="card-grid" aria-label=View::Countries.label(lang)>{shown}</section>
            {pager(fmt, page, pages)}
        }
    }
}

/// "Page 2 of 7" with links to the previous and next pages.
fn pager(f: Fmt, page: usize, pages: usize) -> impl IntoView {
    let s = f.strings();
    (pages > 1).then(|| {
        let prev =
            (page > 1).then(|| view! { <Link to=move |q: &mut Query| q.page = page - 1>{s.previous_page}</Link> });
        let next =
            (page < pages).then(|| view! { <Link to=move |q: &mut Query| q.page = page + 1>{s.next_page}</Link> });
        let at = format!("{} {} {} {}", s.page, number(f, page), s.of_total, number(f, pages));
        // A new page of cards starts at the top, and so does focus: the count above the cards.
        let to_top = |_| super::explorer::focus_and_show(".content .result-count".into(), None, 2);
        view! { <nav class="pager" aria-label=s.pages on:click=to_top>{prev}<span>{at}</span>{next}</nav> }
    })
}

/// The summary line of a pair: "5 events (2015–2024): Cooperative 3، Conflictual 2" (one year
/// once: "(2014)").
fn pair_summary(f: Fmt, events: usize, years: &[crate::stats::ToneYear]) -> String {
    let lang = f.lang;
    if events == 0 {
        return lang.strings().pair_empty.to_owned();
    }
    let parts: Vec<String> = Tone::ALL
        .iter()
        .zip(tone_totals(years))
        .filter(|(_, n)| *n > 0)
        .map(|(&t, n)| format!("{} {}", t.label(lang), number(f, n)))
        .collect();
    let (first, last) = (years.first().map_or(0, |y| y.0), years.last().map_or(0, |y| y.0));
    let span = crate::i18n::year_span(f, first, last);
    format!("{} ({span}): {}", EVENTS.count(f, events), parts.join(lang.list_sep()))
}

/// The two states a pair view shows (its body is a split view: it takes them from here).
#[derive(Clone)]
struct PairOf(String, String);

#[component]
fn PairView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let PairOf(a, b) = expect_context::<PairOf>();
    move || {
        let (fmt, d) = (ctx.fmt(), ctx.data.get());
        let (lang, s) = (fmt.lang, fmt.strings());
        // A state the data lacks has no pair to show: the notice above says so (as a country's
        // card is not drawn for one).
        let (x, y) = (d.ds.country_ix(&a)?, d.ds.country_ix(&b)?);
        let (events, years) = ctx.filtered.with(|f| pair_stats(&d.ds, &f.events, x, y));
        let heading = format!("{} ⇄ {}", d.country_name(lang, x), d.country_name(lang, y));
        let hidden = events.len().saturating_sub(PAIR_LIST_MAX);
        let more = (hidden > 0).then(
            || view! { <p class="help">{format!("{} {}", EARLIER_EVENTS.count(fmt, hidden), s.older_in_list)}</p> },
        );
        let item = |&ix: &EventIx| {
            let e = d.ds.event(ix);
            view! {
                <li class=format!("tone-{}", e.tone.id())><TypeSymbol kind=e.kind />
                    <span class="event-date">{format_date(fmt, &e.date)}</span> {event_link(&d, ix, lang)}
                    <span class="event-meta">{e.tone.label(lang)}</span></li>
            }
        };
        Some(view! {
            <article class="card pair-view" aria-labelledby="pair-heading">
                <header class="card-head">
                    <h2 id="pair-heading" tabindex="-1"><bdi>{heading}</bdi></h2>
                    <CopyLink />
                </header>
                <h3>{s.pair_summary}</h3>
                <p class="pair-summary">{pair_summary(fmt, events.len(), &years)}</p>
                {tone_bars(&years, fmt)}
                <ol class="pair-events">{events[hidden..].iter().map(item).collect_view()}</ol>
                {more}
            </article>
        })
    }
}

super::split::split_view!(
    /// The pair view, from its own wasm module: few readers ask for a pair.
    PAIR, pair_module, load_pair, pair_body, PairView
);
