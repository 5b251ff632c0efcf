//! Country cards (the grid, and the card on top when one country is chosen) and the pair view.

use leptos::prelude::*;

use super::marks::TypeSymbol;
use super::Ctx;
use crate::data::{CountryIx, EventIx, EventType, Tone};
use crate::i18n::{count_events, intl, tone_label, type_label, Lang};
use crate::stats::{pair_stats, ToneYear};

/// The bundled flag of a country (decorative: the name is always shown beside it).
fn flag(code: &str) -> impl IntoView {
    view! { <img class="flag" src=format!("flags/{}.svg", code.to_ascii_lowercase()) alt="" width="32" height="24" /> }
}

/// A link to one event that opens it in place.
pub fn event_link(c: &Ctx, ix: EventIx, lang: Lang) -> impl IntoView {
    let data = c.now();
    let e = data.ds.event(ix);
    let id = e.id.clone();
    let href = c.href(|q| q.event = Some(id.clone()));
    let c2 = c.clone();
    view! {
        <a href=href on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| q.event = Some(id.clone()), false) }>
            <bdi>{lang.pick(&e.title).to_owned()}</bdi>
        </a>
    }
}

/// A small bar chart of counts per year (SVG, so no inline styles are needed under the CSP).
fn year_bars(years: &[(i32, usize)], label: String, lang: Lang) -> impl IntoView {
    let max = years.iter().map(|y| y.1).max().unwrap_or(1).max(1) as f64;
    let n = years.len().max(1) as f64;
    let w = 200.0;
    let bw = (w / n).min(24.0);
    let bars = years
        .iter()
        .enumerate()
        .map(|(i, &(y, count))| {
            let h = 40.0 * count as f64 / max;
            // Time runs right to left in Arabic, as on the timeline.
            let slot = if lang.is_rtl() { years.len() - 1 - i } else { i };
            view! {
                <rect class="bar" x=slot as f64 * bw + 1.0 y=44.0 - h width=(bw - 2.0).max(1.0) height=h>
                    <title>{format!("{y}: {count}")}</title>
                </rect>
            }
        })
        .collect_view();
    let first = years.first().map(|y| y.0.to_string()).unwrap_or_default();
    let last = years.last().map(|y| y.0.to_string()).unwrap_or_default();
    view! {
        <figure class="year-bars">
            <svg viewBox=format!("0 0 {} 46", (bw * n).max(1.0)) width="200" height="46" role="img" aria-label=label>{bars}</svg>
            <figcaption><span>{first}</span><span>{last}</span></figcaption>
        </figure>
    }
}

#[component]
pub fn CountryCard(code: String) -> impl IntoView {
    let c = expect_context::<Ctx>();
    let data = c.now();
    let Some(ix) = data.ds.country_ix(&code) else { return ().into_any() };
    let lang = c.lang();
    let s = lang.strings();
    let country = data.ds.country(ix);
    let st = &data.stats[ix as usize];
    let other_name = lang.other().pick(&country.name).to_owned();

    let partners = st
        .partners
        .iter()
        .map(|&(p, n)| {
            let pc = data.ds.country(p).code.clone();
            let me = code.clone();
            let href = c.href(|q| {
                q.pair = Some((me.clone(), pc.clone()));
                q.event = None;
            });
            let c2 = c.clone();
            view! {
                <li><a href=href aria-label=format!("{}: {} ⇄ {}", s.open_pair, lang.pick(&country.name), lang.pick(&data.ds.country(p).name))
                    on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| { q.pair = Some((me.clone(), pc.clone())); q.event = None; }, false) }>
                    <bdi>{lang.pick(&data.ds.country(p).name).to_owned()}</bdi></a>
                    " " <span class="count">{n}</span></li>
            }
        })
        .collect_view();
    let types = EventType::ALL
        .iter()
        .zip(&st.by_type)
        .filter(|(_, n)| **n > 0)
        .map(
            |(&t, &n)| view! { <li><TypeSymbol kind=t />{type_label(lang, t)} " " <span class="count">{n}</span></li> },
        )
        .collect_view();
    let tones = Tone::ALL
        .iter()
        .zip(&st.by_tone)
        .map(|(&t, &n)| view! { <li class=format!("tone-{}", t.id())>{tone_label(lang, t)} " " <span class="count">{n}</span></li> })
        .collect_view();
    let first = st.events.first().map(|&e| (intl::format_date(lang, &data.ds.event(e).date), event_link(&c, e, lang)));
    let last = st.events.last().map(|&e| (intl::format_date(lang, &data.ds.event(e).date), event_link(&c, e, lang)));
    let latest = st.events.iter().rev().take(3).map(|&e| view! { <li>{event_link(&c, e, lang)}</li> }).collect_view();
    let show_href = {
        let code = code.clone();
        c.href(|q| {
            *q = q.cleared();
            q.countries = vec![code.clone()];
        })
    };
    let c2 = c.clone();
    let code2 = code.clone();
    view! {
        <article class="card country-card" data-country=code.clone() aria-labelledby=format!("card-{code}")>
            <header class="card-head">
                {flag(&code)}
                <div>
                    <h2 id=format!("card-{code}")><a href=show_href aria-label=format!("{} — {}", lang.pick(&country.name), s.show_country)
                        on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| { *q = q.cleared(); q.countries = vec![code2.clone()]; }, false) }>
                        {lang.pick(&country.name).to_owned()}</a></h2>
                    <p class="other-name" lang=lang.other().code() dir=lang.other().dir()>{other_name}</p>
                </div>
                <p class="big-count">{count_events(lang, st.events.len())}</p>
            </header>
            <div class="card-body">
                <section><h3>{s.partners}</h3><ul class="partners">{partners}</ul></section>
                <section><h3>{s.by_type}</h3><ul class="breakdown">{types}</ul></section>
                <section><h3>{s.by_tone}</h3><ul class="breakdown tones">{tones}</ul></section>
                <section><h3>{s.activity}</h3>{year_bars(&st.by_year, s.activity.to_owned(), lang)}</section>
                <section class="first-last">
                    {first.map(|(d, l)| view! { <p><strong>{s.first_event}</strong> " " {d} " — " {l}</p> })}
                    {last.map(|(d, l)| view! { <p><strong>{s.last_event}</strong> " " {d} " — " {l}</p> })}
                </section>
                <section><h3>{s.latest_events}</h3><ul class="latest">{latest}</ul></section>
            </div>
        </article>
    }
    .into_any()
}

#[component]
pub fn CountryGrid() -> impl IntoView {
    let c = expect_context::<Ctx>();
    let lang = c.lang();
    let data = c.now();
    let mut order: Vec<CountryIx> = (0..data.ds.countries.len() as CountryIx).collect();
    order
        .sort_by(|a, b| data.stats[*b as usize].events.len().cmp(&data.stats[*a as usize].events.len()).then(a.cmp(b)));
    let cards =
        order.into_iter().map(|ix| view! { <CountryCard code=data.ds.country(ix).code.clone() /> }).collect_view();
    view! {
        <section class="card-grid" aria-label=lang.strings().country_cards>{cards}</section>
    }
}

/// Stacked bars of tone per year.
fn tone_bars(years: &[ToneYear], lang: Lang) -> impl IntoView {
    let max = years.iter().map(|(_, t)| t.iter().sum::<usize>()).max().unwrap_or(1).max(1) as f64;
    let rows = years
        .iter()
        .map(|&(y, counts)| {
            let mut x = 0.0;
            let segs = Tone::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(&t, n)| {
                    let w = 240.0 * n as f64 / max;
                    let seg = view! { <rect class=format!("tone-{}", t.id()) x=x y=2.0 width=w height=14.0><title>{format!("{}: {n}", tone_label(lang, t))}</title></rect> };
                    x += w;
                    seg
                })
                .collect_view();
            let text = Tone::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(&t, n)| format!("{} {n}", tone_label(lang, t)))
                .collect::<Vec<_>>()
                .join(lang.list_sep());
            view! {
                <li><span class="year">{y.to_string()}</span>
                    <svg width="240" height="18" role="img" aria-label=format!("{y}: {text}")>{segs}</svg>
                    <span class="tone-text">{text.clone()}</span></li>
            }
        })
        .collect_view();
    view! { <ul class="tone-bars">{rows}</ul> }
}

/// Events listed on a pair card (the latest ones).
const PAIR_LIST_MAX: usize = 50;

#[component]
pub fn PairView(a: String, b: String) -> impl IntoView {
    let c = expect_context::<Ctx>();
    let lang = c.lang();
    let s = lang.strings();
    let data = c.now();
    let name = |code: &str| {
        data.ds
            .country_ix(code)
            .map(|ix| lang.pick(&data.ds.country(ix).name).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let title = format!("{} ⇄ {}", name(&a), name(&b));
    let (events, years) = match (data.ds.country_ix(&a), data.ds.country_ix(&b)) {
        (Some(x), Some(y)) => pair_stats(&data.ds, x, y),
        _ => (Vec::new(), Vec::new()),
    };
    let totals = years.iter().fold([0usize; 3], |mut acc, (_, t)| {
        for i in 0..3 {
            acc[i] += t[i];
        }
        acc
    });
    let summary = if events.is_empty() {
        s.pair_empty.to_owned()
    } else {
        let parts: Vec<String> = Tone::ALL
            .iter()
            .zip(totals)
            .filter(|(_, n)| *n > 0)
            .map(|(&t, n)| format!("{} {n}", tone_label(lang, t)))
            .collect();
        let (first, last) = (years.first().map_or(0, |y| y.0), years.last().map_or(0, |y| y.0));
        format!("{} ({first}–{last}): {}", count_events(lang, events.len()), parts.join(lang.list_sep()))
    };
    // The pair is also the filter of the list below, which holds every event; the card keeps
    // the latest few so a pair with thousands of events stays a card.
    let hidden = events.len().saturating_sub(PAIR_LIST_MAX);
    let more = (hidden > 0).then(|| view! { <p class="help">{format!("{} {}", s.pair_more, hidden)}</p> });
    let list = events[hidden..]
        .iter()
        .map(|&ix| {
            let e = data.ds.event(ix);
            view! {
                <li class=format!("tone-{}", e.tone.id())><TypeSymbol kind=e.kind />
                    <span class="event-date">{intl::format_date(lang, &e.date)}</span> {event_link(&c, ix, lang)}
                    <span class="event-meta">{tone_label(lang, e.tone)}</span></li>
            }
        })
        .collect_view();
    view! {
        <article class="card pair-view" aria-labelledby="pair-heading">
            <h2 id="pair-heading"><bdi>{title}</bdi></h2>
            <h3>{s.pair_summary}</h3>
            <p class="pair-summary">{summary}</p>
            {tone_bars(&years, lang)}
            <ol class="pair-events">{list}</ol>
            {more}
        </article>
    }
}
