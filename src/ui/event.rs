//! The event page: everything about one event, and its sources shown inside the full article
//! text with the quoted passage highlighted and scrolled into view.

use leptos::html;
use leptos::prelude::*;

use super::cards::event_link;
use super::marks::TypeSymbol;
use super::Ctx;
use crate::data::validate::locate_quote;
use crate::data::{ArticleIx, Source};
use crate::i18n::{intl, tone_label, topic_label, type_label, Lang};

#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let c = expect_context::<Ctx>();
    let lang = c.lang();
    let s = lang.strings();
    let back_href = c.href(|q| q.event = None);
    let c_back = c.clone();
    let back = view! {
        <a class="back" href=back_href on:click=move |ev| { ev.prevent_default(); c_back.navigate(|q| q.event = None, false) }>{s.back_to_list}</a>
    };
    let data = c.now();
    let Some(ix) = data.ds.event_ix(&id) else {
        // A sharded dataset may not have brought this event yet: the page is rebuilt when it does.
        if c.shards.get_untracked().is_some() {
            return view! { <article class="event-page"><p role="status">{s.loading}</p>{back}</article> }.into_any();
        }
        return view! { <article class="event-page"><p role="alert">{s.event_not_found}</p>{back}</article> }
            .into_any();
    };
    let e = data.ds.event(ix);
    let country_link = |cix: u32| {
        let code = data.ds.country(cix).code.clone();
        let href = c.href(|q| {
            *q = q.cleared();
            q.countries = vec![code.clone()];
        });
        let c2 = c.clone();
        view! {
            <a href=href on:click=move |ev| { ev.prevent_default(); c2.navigate(|q| { *q = q.cleared(); q.countries = vec![code.clone()]; }, false) }>
                <bdi>{lang.pick(&data.ds.country(cix).name).to_owned()}</bdi></a>
        }
    };
    let parties = e.parties.iter().map(|&p| view! { <li>{country_link(p)}</li> }).collect_view();
    let initiator = e.initiator.map(|p| view! { <dt>{s.initiator}</dt><dd>{country_link(p)}</dd> });
    let actors = (!e.actors.is_empty()).then(|| {
        let items = e
            .actors
            .iter()
            .map(|&a| {
                let actor = data.ds.actor(a);
                view! { <li><bdi>{lang.pick(&actor.name).to_owned()}</bdi> " — " <bdi class="role">{lang.pick(&actor.role).to_owned()}</bdi></li> }
            })
            .collect_view();
        view! { <dt>{s.actors}</dt><dd><ul>{items}</ul></dd> }
    });
    let topics = e.topics.iter().map(|&t| view! { <li class="chip">{topic_label(lang, t)}</li> }).collect_view();
    let place = e.place.as_ref().map(|p| view! { <dt>{s.place}</dt><dd><bdi>{lang.pick(p).to_owned()}</bdi></dd> });
    let related = (!e.related.is_empty()).then(|| {
        let items = e.related.iter().map(|&r| view! { <li>{event_link(&c, r, lang)}</li> }).collect_view();
        view! { <section><h3>{s.related}</h3><ul>{items}</ul></section> }
    });
    let sources = e.sources.iter().map(|src| view! { <SourceView source=src.clone() lang /> }).collect_view();

    view! {
        <article class="event-page" aria-labelledby="event-title" data-event=e.id.clone()>
            {back}
            <p class="event-kind"><TypeSymbol kind=e.kind /> {type_label(lang, e.kind)} " · " {tone_label(lang, e.tone)}</p>
            <h2 id="event-title"><bdi>{lang.pick(&e.title).to_owned()}</bdi></h2>
            <dl class="facts">
                <dt>{s.date}</dt><dd><time datetime=e.date.to_string()>{intl::format_date(lang, &e.date)}</time></dd>
                <dt>{s.parties}</dt><dd><ul class="inline">{parties}</ul></dd>
                {initiator}
                {actors}
                {place}
                <dt>{s.topics}</dt><dd><ul class="inline chips">{topics}</ul></dd>
            </dl>
            <section><h3>{s.summary}</h3><p><bdi>{lang.pick(&e.summary).to_owned()}</bdi></p></section>
            {related}
            <section class="sources"><h3>{s.sources}</h3>{sources}</section>
        </article>
    }
    .into_any()
}

/// One source: the quote, the article's facts, and the article text with the quote highlighted.
#[component]
fn SourceView(source: Source, lang: Lang) -> impl IntoView {
    let c = expect_context::<Ctx>();
    let s = lang.strings();
    let article = c.now().ds.article(source.article as ArticleIx).clone();
    let outlets = article.outlets.iter().map(|o| lang.pick(o).to_owned()).collect::<Vec<_>>().join(lang.list_sep());
    let path = format!("data/{}", article.text_path);
    let text = LocalResource::new(move || {
        let path = path.clone();
        async move {
            let resp = gloo_net::http::Request::get(&path).send().await.map_err(|e| e.to_string())?;
            if !resp.ok() {
                return Err(format!("HTTP {}", resp.status()));
            }
            resp.text().await.map_err(|e| e.to_string())
        }
    });
    let quote = source.quote.clone();
    let mark_ref = NodeRef::<html::Mark>::new();
    // Scroll the article box (not the page: an event may have several sources) to the passage.
    Effect::new(move |_| {
        if let Some(mark) = mark_ref.get() {
            if let Some(container) = mark.parent_element() {
                let top = mark.offset_top() - container.client_height() / 2 + mark.offset_height() / 2;
                container.set_scroll_top(top.max(0));
            }
        }
    });
    let article_label = format!("{}: {}", s.article, lang.pick(&article.title));
    let reader = move || {
        match text.get() {
        None => view! { <p class="loading">{s.article_loading}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{s.article_error} " " <span dir="ltr">{e}</span></p> }.into_any(),
        Some(Ok(full)) => match locate_quote(&full, &quote) {
            Some(r) => view! {
                <div class="article-text" lang="ar" dir="rtl" tabindex="0" role="region" aria-label=article_label.clone()>
                    {full[..r.start].to_owned()}
                    <mark node_ref=mark_ref>{full[r.clone()].to_owned()}</mark>
                    {full[r.end..].to_owned()}
                </div>
            }
            .into_any(),
            None => view! { <div class="article-text" lang="ar" dir="rtl" tabindex="0" role="region" aria-label=article_label.clone()>{full}</div> }.into_any(),
        },
    }
    };
    view! {
        <figure class="source">
            <blockquote lang="ar" dir="rtl">{source.quote.clone()}</blockquote>
            <figcaption>
                <dl class="facts">
                    <dt>{s.article}</dt><dd><bdi>{lang.pick(&article.title).to_owned()}</bdi></dd>
                    <dt>{s.published}</dt><dd><time datetime=article.published.to_string()>{intl::format_date(lang, &article.published)}</time></dd>
                    <dt>{s.outlets}</dt><dd><bdi>{outlets}</bdi></dd>
                </dl>
            </figcaption>
            <details class="reader" open>
                <summary>{s.show_in_article}</summary>
                {reader}
            </details>
        </figure>
    }
}
