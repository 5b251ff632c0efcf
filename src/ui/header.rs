//! The site header: the name (a link to the unfiltered explorer), the two main views, the
//! "Embed" dialog and the language switch.

use leptos::prelude::*;

use super::embed_dialog::EmbedDialog;
use super::link::Link;
use super::{Ctx, Nav};
use crate::query::Query;
use crate::vocab::View;

fn to_view(v: View) -> impl Fn(&mut Query) + Clone + Send + Sync + 'static {
    move |q: &mut Query| {
        q.view = v;
        q.event = None;
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let view_now = Memo::new(move |_| ctx.query.with(|q| q.view));
    let nav_link = move |v: View| {
        let current = Signal::derive(move || view_now.get() == v);
        view! { <Link to=to_view(v) current>{move || v.label(ctx.lang())}</Link> }
    };
    let switch = move |_| ctx.navigate(|q| q.lang = q.lang.other(), Nav::Push);
    view! {
        <header class="site-header">
            <div class="brand">
                // Home: the default view in the reader's language and theme (not the event shown).
                <Link to=|q: &mut Query| *q = Query { lang: q.lang, theme: q.theme, ..Query::default() } class="brand-name">
                    {move || ctx.lang().strings().app_name}
                </Link>
                <span class="tagline">{move || ctx.lang().strings().tagline}</span>
            </div>
            <nav aria-label=move || ctx.lang().strings().main_nav class="main-nav">
                {nav_link(View::Timeline)}
                {nav_link(View::Countries)}
            </nav>
            <div class="header-actions">
                <EmbedDialog />
                {move || {
                    let other = ctx.lang().other();
                    view! {
                        <button type="button" class="button lang-switch" lang=other.code()
                            aria-label=ctx.lang().strings().switch_lang_label on:click=switch>
                            {other.label(other)}
                        </button>
                    }
                }}
            </div>
        </header>
    }
}
