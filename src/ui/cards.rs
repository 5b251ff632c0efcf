//! Country cards (the grid, and the card on top when one country is chosen) and the pair view.
//! Every card counts the events the active filters leave, and says so.

use leptos::prelude::*;

use super::charts::{tone_bars, year_bars};
use super::link::Link;
use super::marks::TypeSymbol;
use super::{Ctx, Snapshot};
use crate::data::{CountryIx, EventIx, EventType, Tone};
use crate::i18n::{intl, Lang, EARLIER_EVENTS, EVENTS};
use crate::page::Card;
use crate::query::Query;
use crate::stats::{country_stats, one_country, pair_stats, tone_totals, CountryStats};
use crate::vocab::View;

/// Events listed on a pair card (the latest ones; the list below has them all).
const PAIR_LIST_MAX: usize = 50;

/// A card the page names.
#[component]
pub fn CardView(card: Card) -> impl IntoView {
    match card {
        Card::Country(code) => view! { <OneCountry code /> }.into_any(),
        Card::Pair(a, b) => view! { <PairView a b /> }.into_any(),
    }
}

/// The bundled flag of a country (decorative: the name is always shown beside it).
fn flag(code: &str) -> impl IntoView {
    view! { <img class="flag" src=format!("flags/{}.svg", code.to_ascii_lowercase()) alt="" width="32" height="24" /> }
}

/// A link to one event that opens it in place.
pub fn event_link(d: &Snapshot, ix: EventIx, lang: Lang) -> impl IntoView {
    let e = d.ds.event(ix);
    let (id, title) = (e.id.clone(), lang.pick(&e.title).to_owned());
    view! { <Link to=move |q: &mut Query| q.event = Some(id.clone())><bdi>{title}</bdi></Link> }
}

/// The card of the one country chosen: its statistics under the active filters.
#[component]
fn OneCountry(code: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let d = ctx.data.get();
        let ix = d.ds.country_ix(&code)?;
        let st = ctx.filtered.with(|f| one_country(&d.ds, &f.events, ix));
        Some(view! { <CountryCard d ix st /> })
    }
}

/// "12 events" with, under filters, "of 34", or "all time" without.
fn card_count(ctx: Ctx, d: &Snapshot, lang: Lang, n: usize, ix: CountryIx) -> String {
    let s = lang.strings();
    if ctx.query.with_untracked(Query::has_filters) {
        let total = d.totals.get(ix as usize).copied().unwrap_or(0);
        format!("{} {} {}", EVENTS.count(lang, n), s.of_total, crate::i18n::number(lang, total))
    } else {
        format!("{} · {}", EVENTS.count(lang, n), s.all_time)
    }
}

#[component]
fn CountryCard(d: std::sync::Arc<Snapshot>, ix: CountryIx, st: CountryStats) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang();
    let s = lang.strings();
    let country = d.ds.country(ix);
    let code = country.code.clone();
    let name = lang.pick(&country.name).to_owned();
    let other = lang.other();
    let partner = |&(p, n): &(CountryIx, usize)| {
        let (me, pc) = (code.clone(), d.ds.country(p).code.clone());
        let pname = lang.pick(&d.ds.country(p).name).to_owned();
        let label = format!("{}: {name} ⇄ {pname}", s.open_pair);
        let to = move |q: &mut Query| {
            q.pair = Some((me.clone(), pc.clone()));
            q.event = None;
            q.view = View::Timeline;
        };
        view! { <li><Link to label><bdi>{pname}</bdi></Link> " " <span class="count">{n}</span></li> }
    };
    let partners = st.partners.iter().map(partner).collect_view();
    let types = EventType::ALL.iter().zip(&st.by_type).filter(|(_, n)| **n > 0).map(|(&t, &n)| {
        view! { <li><TypeSymbol kind=t />{t.label(lang)} " " <span class="count">{n}</span></li> }
    });
    let tones = Tone::ALL.iter().zip(&st.by_tone).map(|(&t, &n)| {
        view! { <li class=format!("tone-{}", t.id())>{t.label(lang)} " " <span class="count">{n}</span></li> }
    });
    let dated = |&e: &EventIx| view! { {intl::format_date(lang, &d.ds.event(e).date)} " — " {event_link(&d, e, lang)} };
    let first = st.events.first().map(|e| view! { <p><strong>{s.first_event}</strong> " " {dated(e)}</p> });
    let last = st.events.last().map(|e| view! { <p><strong>{s.last_event}</strong> " " {dated(e)}</p> });
    let latest = st.events.iter().rev().take(3).map(|&e| view! { <li>{event_link(&d, e, lang)}</li> }).collect_view();
    let show = {
        let code = code.clone();
        move |q: &mut Query| {
            *q = q.cleared();
            q.countries = vec![code.clone()];
            q.view = View::Timeline;
        }
    };
    view! {
        <article class="card country-card" data-country=code.clone() aria-labelledby=format!("card-{code}")>
            <header class="card-head">
                {flag(&code)}
                <div>
                    <h2 id=format!("card-{code}")>
                        <Link to=show label=format!("{name} — {}", s.show_country)>{name.clone()}</Link>
                    </h2>
                    <p class="other-name" lang=other.code() dir=other.dir()>{other.pick(&country.name).to_owned()}</p>
                </div>
                <p class="big-count">{card_count(ctx, &d, lang, st.events.len(), ix)}</p>
            </header>
            <div class="card-body">
                <section><h3>{s.partners}</h3><ul class="partners">{partners}</ul></section>
                <section><h3>{s.by_type}</h3><ul class="breakdown">{types.collect_view()}</ul></section>
                <section><h3>{s.by_tone}</h3><ul class="breakdown tones">{tones.collect_view()}</ul></section>
                <section><h3>{s.activity}</h3>{year_bars(&st.by_year, s.activity.to_owned(), lang)}</section>
                <section class="first-last">{first}{last}</section>
                <section><h3>{s.latest_events}</h3><ul class="latest">{latest}</ul></section>
            </div>
        </article>
    }
}

/// Every country's card, most events first, under the active filters.
#[component]
pub fn CountryGrid() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let d = ctx.data.get();
        let stats = ctx.filtered.with(|f| country_stats(&d.ds, &f.events));
        let mut order: Vec<CountryIx> = (0..d.ds.countries.len() as CountryIx).collect();
        order.sort_by(|a, b| stats[*b as usize].events.len().cmp(&stats[*a as usize].events.len()).then(a.cmp(b)));
        let card = |ix: CountryIx| view! { <CountryCard d=d.clone() ix st=stats[ix as usize].clone() /> };
        let cards = order.into_iter().map(card).collect_view();
        let label = View::Countries.label(ctx.lang());
        view! { <section class="card-grid" aria-label=label>{cards}</section> }
    }
}

/// The summary line of a pair: "5 events (2015–2024): Cooperative 3، Conflictual 2".
fn pair_summary(lang: Lang, events: usize, years: &[crate::stats::ToneYear]) -> String {
    if events == 0 {
        return lang.strings().pair_empty.to_owned();
    }
    let parts: Vec<String> = Tone::ALL
        .iter()
        .zip(tone_totals(years))
        .filter(|(_, n)| *n > 0)
        .map(|(&t, n)| format!("{} {n}", t.label(lang)))
        .collect();
    let (first, last) = (years.first().map_or(0, |y| y.0), years.last().map_or(0, |y| y.0));
    format!("{} ({first}–{last}): {}", EVENTS.count(lang, events), parts.join(lang.list_sep()))
}

#[component]
fn PairView(a: String, b: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let (lang, d) = (ctx.lang(), ctx.data.get());
        let s = lang.strings();
        let name = |code: &str| {
            d.ds.country_ix(code).map_or(code.to_owned(), |ix| lang.pick(&d.ds.country(ix).name).to_owned())
        };
        let (events, years) = match (d.ds.country_ix(&a), d.ds.country_ix(&b)) {
            (Some(x), Some(y)) => ctx.filtered.with(|f| pair_stats(&d.ds, &f.events, x, y)),
            _ => (Vec::new(), Vec::new()),
        };
        let hidden = events.len().saturating_sub(PAIR_LIST_MAX);
        let more = (hidden > 0).then(
            || view! { <p class="help">{format!("{} {}", EARLIER_EVENTS.count(lang, hidden), s.older_in_list)}</p> },
        );
        let item = |&ix: &EventIx| {
            let e = d.ds.event(ix);
            view! {
                <li class=format!("tone-{}", e.tone.id())><TypeSymbol kind=e.kind />
                    <span class="event-date">{intl::format_date(lang, &e.date)}</span> {event_link(&d, ix, lang)}
                    <span class="event-meta">{e.tone.label(lang)}</span></li>
            }
        };
        view! {
            <article class="card pair-view" aria-labelledby="pair-heading">
                <h2 id="pair-heading"><bdi>{format!("{} ⇄ {}", name(&a), name(&b))}</bdi></h2>
                <h3>{s.pair_summary}</h3>
                <p class="pair-summary">{pair_summary(lang, events.len(), &years)}</p>
                {tone_bars(&years, lang)}
                <ol class="pair-events">{events[hidden..].iter().map(item).collect_view()}</ol>
                {more}
            </article>
        }
    }
}
