//! The site header: the name (a link to the unfiltered explorer), the two main views, the
//! "Embed" dialog and the language switch.

use leptos::prelude::*;

use super::embed_dialog::EmbedDialog;
use super::link::Link;
use super::Ctx;
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
    view! {
        <header class="site-header">
            <div class="brand">
                // Home: the default view in the reader's language and theme (not the event shown).
                <Link to=|q: &mut Query| *q = Query { lang: q.lang, theme: q.theme, ..Query::default() }
                    class="brand-name">
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
                // A link (the same view in the other language has its own address), so it works
                // without JavaScript too.
                {move || {
                    let other = ctx.lang().other();
                    view! {
                        <Link to=|q: &mut Query| q.lang = q.lang.other() class="button lang-switch"
                            lang=other.code() label=ctx.lang().strings().switch_lang_label>
                            {other.label(other)}
                        </Link>
                    }
                }}
            </div>
        </header>
    }
}
