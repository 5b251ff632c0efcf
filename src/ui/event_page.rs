//! The event page: everything about one event, and its sources (`source`), drawn from a module
//! of its own; the single-event widget (embeds).

use leptos::html;
use leptos::prelude::*;

use super::cards::event_link;
use super::cite::{correction_link, CiteThis, Cited};
use super::link::Link;
use super::marks::TypeSymbol;
use super::share::CopyLink;
use super::source::{text_lang, Sources};
use super::split::{Opened, SplitView, OPENED};
use super::takeover::{underway, Later};
use super::{Ctx, SiteInfo, Snapshot};
use crate::data::{CountryIx, Event, Withdrawn};
use crate::i18n::{format_date, Fmt, Lang};
use crate::query::Query;

fn country_link(d: &Snapshot, c: CountryIx, lang: Lang) -> impl IntoView {
    let code = d.ds.country(c).code.clone();
    // The state's events (its card on top of them): the filters cleared, the event closed.
    let to = move |q: &mut Query| {
        *q = q.cleared();
        q.countries = vec![code.clone()];
        q.event = None;
        q.view = crate::vocab::View::Timeline;
    };
    let name = lang.pick(&d.ds.country(c).name).to_owned();
    view! { <Link to><bdi>{name}</bdi></Link> }
}

/// The facts list: date, parties, initiator, actors, place, topics.
fn facts(d: &Snapshot, e: &Event, fmt: Fmt) -> impl IntoView {
    let (lang, s) = (fmt.lang, fmt.strings());
    let parties = e.parties.iter().map(|&p| view! { <li>{country_link(d, p, lang)}</li> }).collect_view();
    let initiator = e.initiator.map(|p| view! { <dt>{s.initiator}</dt><dd>{country_link(d, p, lang)}</dd> });
    let actor = |&a: &u32| {
        let actor = d.ds.actor(a);
        let (name, role) = (lang.pick(&actor.name).to_owned(), lang.pick(&actor.role).to_owned());
        view! { <li><bdi>{name}</bdi> " — " <bdi class="role">{role}</bdi></li> }
    };
    let actors = (!e.actors.is_empty()).then(|| {
        view! { <dt>{s.actors}</dt><dd><ul>{e.actors.iter().map(actor).collect_view()}</ul></dd> }
    });
    let topics = e.topics.iter().map(|&t| view! { <li class="chip">{t.label(lang)}</li> }).collect_view();
    let place = e.place().as_ref().map(|p| view! { <dt>{s.place}</dt><dd><bdi>{lang.pick(p).to_owned()}</bdi></dd> });
    view! {
        <dl class="facts">
            <dt>{s.date}</dt><dd><time datetime=e.date.to_string()>{format_date(fmt, &e.date)}</time></dd>
            <dt>{s.parties}</dt><dd><ul class="inline">{parties}</ul></dd>
            {initiator}
            {actors}
            {place}
            <dt>{s.topics}</dt><dd><ul class="inline chips">{topics}</ul></dd>
        </dl>
    }
}

/// When the record was first published and last updated, and what its last correction changed.
fn record_history(e: &Event, fmt: Fmt) -> impl IntoView {
    let s = fmt.strings();
    let first = e.first_published.map(|d| {
        view! { <span>{s.history_first} " " <time datetime=d.to_string()>{format_date(fmt, &d)}</time></span> }
    });
    let updated = e.updated.filter(|u| Some(*u) != e.first_published).map(|d| {
        view! { " · " <span>{s.history_updated} " " <time datetime=d.to_string()>{format_date(fmt, &d)}</time></span> }
    });
    let note = e.update_note.as_deref().zip(e.updated).map(|(note, d)| {
        view! {
            <p class="update-note">
                <strong>{s.history_corrected} " " {format_date(fmt, &d)} ":"</strong> " "
                <bdi>{fmt.lang.pick(note).to_owned()}</bdi>
            </p>
        }
    });
    view! { <p class="record-history">{first}{updated}</p>{note} }
}

/// The page at a withdrawn event's address: what it was, when and why it was withdrawn.
fn withdrawn_page(ctx: Ctx, w: &Withdrawn) -> impl IntoView {
    let w = w.clone();
    move || {
        let fmt = ctx.fmt();
        let (lang, s) = (fmt.lang, fmt.strings());
        view! {
            <h1 id="event-title" tabindex="-1">{s.withdrawn_title}</h1>
            <dl class="facts">
                <dt>{s.withdrawn_was}</dt><dd><bdi>{lang.pick(&w.title).to_owned()}</bdi></dd>
                <dt>{s.withdrawn_on}</dt><dd><time datetime=w.date.to_string()>{format_date(fmt, &w.date)}</time></dd>
                <dt>{s.withdrawn_reason}</dt><dd><bdi>{lang.pick(&w.reason).to_owned()}</bdi></dd>
            </dl>
        }
    }
}

/// An event's page, from the module of the views a reader opens (`split::OPENED`: asked for
/// at the start when the link names an event, else once every event is in, `ahead`).
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    provide_context(Opened::Event(id));
    view! { <SplitView split=OPENED failed=back /> }
}

/// "Back to events": the page's first link, and, when the page's module cannot be fetched,
/// beside the message that says so.
fn back() -> AnyView {
    let ctx = expect_context::<Ctx>();
    let text = move || ctx.lang().strings().back_to_list;
    view! { <Link to=|q: &mut Query| q.event = None class="back" back=true>{text}</Link> }.into_any()
}

/// The page itself: its facts, its sources in their articles (the reader), "Cite this" and its
/// neighbours.
#[component]
pub(super) fn EventBody(id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let heading = NodeRef::<html::H1>::new();
    // Opened from a scrolled list, the page starts at its top with focus on the title.
    // Once: a language switch re-renders the title and must not move the reader. Nor does the
    // page drawn behind its static twin: the reader is where they scrolled it.
    let taking_over = underway();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || taking_over {
            return true;
        }
        let Some(h) = heading.get() else { return false };
        window().scroll_to_with_x_and_y(0.0, 0.0);
        let _ = h.focus();
        true
    });
    let d = ctx.now();
    if let Some(w) = d.ds.withdrawn(&id) {
        let body = withdrawn_page(ctx, w);
        return view! { <article class="event-page withdrawn" aria-labelledby="event-title">{back}{body}</article> }
            .into_any();
    }
    let Some(ix) = d.ds.event_ix(&id) else {
        // A sharded dataset may not have brought this event yet: the page is rebuilt when it does.
        let waiting = ctx.shards.get_untracked().is_some();
        let text = move || if waiting { ctx.lang().strings().loading } else { ctx.lang().strings().event_not_found };
        let role = if waiting { "status" } else { "alert" };
        return view! { <article class="event-page"><p role=role>{text}</p>{back}</article> }.into_any();
    };
    let d2 = d.clone();
    let site = expect_context::<SiteInfo>();
    let head = move || {
        let fmt = ctx.fmt();
        let (lang, s) = (fmt.lang, fmt.strings());
        let e = d2.ds.event(ix);
        let related: Vec<_> = d2.ds.related(e).collect();
        let related = (!related.is_empty()).then(|| {
            let items = related.into_iter().map(|r| view! { <li>{event_link(&d2, r, lang)}</li> }).collect_view();
            view! { <section><h3>{s.related}</h3><ul>{items}</ul></section> }
        });
        view! {
            <p class="event-kind"><TypeSymbol kind=e.kind /> {e.kind.label(lang)} " · " {e.tone.label(lang)}</p>
            <h1 id="event-title" tabindex="-1" node_ref=heading><bdi>{lang.pick(&e.title()).to_owned()}</bdi></h1>
            <CopyLink />
            {facts(&d2, e, fmt)}
            {record_history(e, fmt)}
            <section><h3>{s.summary}</h3><p><bdi>{lang.pick(&e.summary()).to_owned()}</bdi></p></section>
            {related}
            {correction_link(ctx, &site, e)}
        }
    };
    // The quotes in their article, "Cite this" and the neighbours: behind a static page, drawn in
    // a task after the title's, facts' and summary's (`Later`; the page in one task: 121 ms at 4x
    // CPU on a phone).
    let cited = id.clone();
    let rest = view! {
        <Later>
            <Sources d=d.clone() event=ix />
            <CiteThis cited=Cited::Event(cited.clone()) />
            <Neighbours d=d.clone() event=ix />
        </Later>
    };
    view! {
        <article class="event-page" aria-labelledby="event-title" data-event=id.clone()>
            {back}
            {head}
            {rest}
        </article>
    }
    .into_any()
}

/// The events just before and after this one in time: a reader (or a crawler without
/// JavaScript) can walk the whole dataset from any event.
#[component]
fn Neighbours(d: std::sync::Arc<Snapshot>, event: crate::data::EventIx) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let s = lang.strings();
        let step = |ix: Option<u32>, label: &'static str| {
            ix.filter(|&ix| (ix as usize) < d.ds.events.len())
                .map(|ix| view! { <p><strong>{label}</strong> " " {event_link(&d, ix, lang)}</p> })
        };
        let (earlier, later) = (step(event.checked_sub(1), s.earlier_event), step(Some(event + 1), s.later_event));
        view! { <nav class="neighbours" aria-label=s.in_time>{earlier}{later}</nav> }
    }
}

/// The single-event widget: the type, title, date, parties, summary and each quoted sentence
/// with its article, and the full event page (each quote inside its article) a click away in a
/// new tab. Nothing in it navigates inside the widget.
#[component]
pub fn EventWidget(id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let (fmt, d) = (ctx.fmt(), ctx.data.get());
        let (lang, s) = (fmt.lang, fmt.strings());
        if let Some(w) = d.ds.withdrawn(&id) {
            let body = withdrawn_page(ctx, w);
            return view! { <article class="event-widget withdrawn" aria-labelledby="event-title">{body}</article> }
                .into_any();
        }
        let Some(ix) = d.ds.event_ix(&id) else {
            // A sharded dataset may not have brought it yet: redrawn when it does.
            let text = if ctx.shards.get().is_some() { s.loading } else { s.event_not_found };
            return view! { <p role="status">{text}</p> }.into_any();
        };
        let e = d.ds.event(ix);
        let names = e.parties.iter().map(|&p| lang.pick(&d.ds.country(p).name)).collect::<Vec<_>>();
        let quote = |src: crate::data::Source| {
            let a = d.ds.article(src.article);
            let outlets = a.outlets.iter().map(|o| lang.pick(o)).collect::<Vec<_>>().join(lang.list_sep());
            let quote_lang = text_lang(&src.quote);
            view! {
                <figure>
                    <blockquote lang=quote_lang dir="auto">{src.quote}</blockquote>
                    <figcaption class="source-of">
                        <bdi>{lang.pick(&a.title).to_owned()}</bdi> " · " <bdi>{outlets}</bdi> " · "
                        {format_date(fmt, &a.published)}
                    </figcaption>
                </figure>
            }
        };
        let full = ctx.query.with_untracked(|q| ctx.absolute(&crate::embed::explorer_query(q)));
        view! {
            <article class="event-widget" aria-labelledby="event-title">
                <p class="event-kind"><TypeSymbol kind=e.kind /> {e.kind.label(lang)} " · " {e.tone.label(lang)}</p>
                <h1 id="event-title"><bdi>{lang.pick(&e.title()).to_owned()}</bdi></h1>
                <dl class="facts">
                    <dt>{s.date}</dt><dd><time datetime=e.date.to_string()>{format_date(fmt, &e.date)}</time></dd>
                    <dt>{s.parties}</dt><dd><bdi>{names.join(lang.list_sep())}</bdi></dd>
                </dl>
                <p><bdi>{lang.pick(&e.summary()).to_owned()}</bdi></p>
                {e.sources().map(quote).collect_view()}
                <p><a href=full target="_blank" rel="noopener">{s.read_in_context}</a></p>
            </article>
        }
        .into_any()
    }
}
