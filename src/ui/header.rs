//! The site header: the name (a link to the unfiltered explorer), the two main views, the
//! display options, the "Embed" dialog and the language switch.

use leptos::prelude::*;

use super::embed_dialog::EmbedDialog;
use super::link::Link;
use super::reading::ReadingMenu;
use super::takeover::Later;
use super::Ctx;
use crate::query::Query;
use crate::vocab::View;

fn to_view(v: View) -> impl Fn(&mut Query) + Clone + Send + Sync + 'static {
    move |q: &mut Query| {
        q.view = v;
        q.event = None;
        // Leaving a comparison ends it; a comparison being begun (one state) stays in the tray.
        if q.compare.len() >= 2 {
            q.compare.clear();
        }
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // No view is current while a comparison shows.
    let view_now = Memo::new(move |_| ctx.query.with(|q| (q.compare.len() < 2).then_some(q.view)));
    let nav_link = move |v: View| {
        let current = Signal::derive(move || view_now.get() == Some(v));
        view! { <Link to=to_view(v) current>{move || v.label(ctx.lang())}</Link> }
    };
    // Home: the default view as the reader reads it (not the event shown).
    let home = |q: &mut Query| *q = Query { lang: q.lang, theme: q.theme, reading: q.reading, ..Query::default() };
    // The first tab stop: past the header and the filters (about 90 stops) to the count and
    // the page's body. A fragment link, so a static page without script has it too; the app
    // focuses the body itself (the address keeps no "#main", no history entry is made).
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        super::explorer::focus_and_show("#main".to_owned(), None, 0);
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{move || ctx.lang().strings().skip_to_main}</a>
        <header class="site-header">
            <div class="brand">
                <Link to=home class="brand-name">
                    {move || ctx.lang().strings().app_name}
                </Link>
                <span class="tagline">{move || ctx.lang().strings().tagline}</span>
            </div>
            <nav aria-label=move || ctx.lang().strings().main_nav class="main-nav">
                {nav_link(View::Timeline)}
                {nav_link(View::Countries)}
                {nav_link(View::Network)}
            </nav>
            <div class="header-actions">
                // Closed until asked for: behind a static page, each is drawn in a task of its own.
                <Later>
                    <ReadingMenu />
                </Later>
                <Later>
                    <EmbedDialog />
                </Later>
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
