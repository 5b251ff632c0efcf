//! One link component for every in-app link: the `href` and the click navigation come from the
//! same closure, so a middle-click or a copied link opens exactly what a click shows, and the
//! `href` follows the state (never a stale snapshot).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{Ctx, Nav};
use crate::page::{Card, Page};
use crate::query::Query;

/// What a link does to the state. One non-generic type, so the component is compiled once
/// rather than once per closure (the wasm stays smaller).
#[derive(Clone)]
pub struct To(Arc<dyn Fn(&mut Query) + Send + Sync>);

impl<F: Fn(&mut Query) + Send + Sync + 'static> From<F> for To {
    fn from(f: F) -> To {
        To(Arc::new(f))
    }
}

/// A link's behaviour from what it does to the state: its `href`, its click, and its `target`
/// and `rel` (set when, in an embed, it leaves the widget's subject). `Link` and `SvgLink` both
/// use it, so an HTML and an SVG link behave alike. (Four closures for four attributes: a struct
/// would only name them again.)
#[allow(clippy::type_complexity)]
fn behaviour(
    to: To,
    back: bool,
) -> (
    impl Fn() -> String + Send + Sync + 'static,
    impl Fn(leptos::ev::MouseEvent) + Send + Sync + 'static,
    impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
    impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
) {
    let ctx = expect_context::<Ctx>();
    let (to2, to3) = (to.clone(), to.clone());
    // Embed mode is fixed for the page's life: the explorer's links never pay for this check.
    let in_embed = ctx.query.with_untracked(|q| q.embed.is_some());
    let leaves = in_embed.then(|| {
        Memo::new(move |_| {
            ctx.query.with(|now| {
                let mut target = now.clone();
                (to3.0)(&mut target);
                !crate::embed::stays_inside(now, &target)
            })
        })
    });
    let (leaves, leaves_now) =
        (move || leaves.is_some_and(|m| m.get()), move || leaves.is_some_and(|m| m.get_untracked()));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || leaves_now() {
            return;
        }
        ev.prevent_default();
        if back {
            let mut q = ctx.query.get_untracked();
            (to2.0)(&mut q);
            if !super::url::back_to(&q) {
                // Focus goes where the reader was, as on the browser's Back (the explorer's).
                ctx.navigate(|q| (to2.0)(q), Nav::Push);
            }
            return;
        }
        super::explorer::link_places_focus();
        ctx.navigate(|q| (to2.0)(q), Nav::Push);
        // Where focus goes if the new view dropped it (for about a second's frames: a pair's
        // view comes from a module of its own); none for an event, whose page focuses its title.
        let opened = ctx.page.with_untracked(|p| match p {
            Page::Event(_) => None,
            Page::Compare(_) => Some(".compare #view-heading"),
            p => Some(match p.card() {
                Some(Card::Pair(..)) => "#pair-heading",
                Some(Card::Country(_)) => ".card-on-top .card-head h2 a",
                None => ".content .result-count",
            }),
        });
        if let (Some(link), Some(opened)) =
            (ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()), opened)
        {
            super::explorer::refocus_if_dropped(link, opened.into(), 60);
        }
    };
    let href = move || {
        if leaves() {
            let mut q = ctx.query.get();
            (to.0)(&mut q);
            ctx.absolute(&crate::embed::explorer_query(&q))
        } else {
            ctx.href(|q| (to.0)(q))
        }
    };
    let target = move || leaves().then_some("_blank");
    let rel = move || leaves().then_some("noopener");
    (href, on_click, target, rel)
}

/// A link to the state `to` makes of the current one. A plain click navigates in place (a new
/// history entry); a click with a modifier key or another button is left to the browser. In an
/// embed, a link that would change the widget's subject (`embed::stays_inside`) opens the full
/// explorer in a new tab instead.
#[component]
pub fn Link(
    #[prop(into)] to: To,
    #[prop(optional)] class: &'static str,
    /// An accessible name; it must contain the visible text (WCAG 2.5.3).
    #[prop(optional, into)]
    label: Option<String>,
    /// `aria-current="page"` while this is true.
    #[prop(optional, into)]
    current: Option<Signal<bool>>,
    /// The language of the link's text and name, when not the page's.
    #[prop(optional)]
    lang: Option<&'static str>,
    /// A way back ("Back to events"): when its state is the history entry before this one, a
    /// click goes back to it as the browser's Back button would, where the reader was scrolled
    /// and focused, rather than writing it again at the top of the page.
    #[prop(optional)]
    back: bool,
    children: Children,
) -> impl IntoView {
    let (href, on_click, target, rel) = behaviour(to, back);
    let aria_current = move || current.and_then(|c| c.get().then_some("page"));
    view! {
        <a class=class href=href target=target rel=rel lang=lang aria-label=label aria-current=aria_current
            on:click=on_click>
            {children()}
        </a>
    }
}

/// The same link inside an SVG picture (an SVG `a`, focusable, Enter follows it), named by
/// `label` (also its tooltip).
#[component]
pub fn SvgLink(
    #[prop(into)] to: To,
    #[prop(optional)] class: &'static str,
    label: String,
    children: Children,
) -> impl IntoView {
    let (href, on_click, target, rel) = behaviour(to, false);
    let title = label.clone();
    // The `g` makes the macro build an SVG `a`, not an HTML one.
    view! {
        <g>
            <a class=class href=href target=target rel=rel aria-label=label on:click=on_click>
                <title>{title}</title>
                {children()}
            </a>
        </g>
    }
}
