//! Views whose code is a wasm module of its own, fetched the first time one is shown (the
//! comparison, the network, "What's new", the views a reader opens from the timeline (an
//! event's page, a country's card, the grid of cards), the pair view, "Cite this"'s and the
//! embed dialog's bodies, a widget's own parts, and more): the first wasm carries only what most
//! readers use.
//! [`split_view!`] marks a view's split point; the build splits the module there (`marsad-dist`'s
//! `split.rs`, after Trunk's cargo build). [`SplitView`] draws it once its module is in; one that
//! cannot be fetched (offline before the service worker had it) is said, with a retry: never a
//! blank or a panic. On a static page (drawn natively, where nothing is split) it is drawn at once.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::Ctx;
use crate::page::{Body, Card, Page};

/// The split view a page's body is, if it is one: the one table of split views.
pub fn of(body: &Body) -> Option<Split> {
    match body {
        Body::Compare => Some(super::compare::COMPARE),
        Body::Network => Some(super::network::NETWORK),
        Body::Changes => Some(super::changes::CHANGES),
        _ => None,
    }
}

/// The split view a page shows first, if any: its body (an event page's, the grid's: the
/// cards'), or else its card.
fn shown(page: &Page) -> Option<Split> {
    let body = page.body();
    of(&body).or_else(|| match (&body, page.card()) {
        (Body::Event(_), _) | (Body::Countries, _) | (_, Some(Card::Country(_))) => Some(OPENED),
        (_, Some(Card::Pair(..))) => Some(super::cards::PAIR),
        _ => None,
    })
}

/// Asks for the modules of what the page shows first, at the app's start, so that they come
/// while the data does, not after it: a widget's own (`embed_view::WIDGET`), the split view the
/// page shows, if any (none for a single event's widget, which draws no page body), and the
/// filter panel's fields where the panel starts open (`filters::starts_open`). The signal turns
/// true once each has come or failed (true at once when the page needs none).
pub fn fetch_ahead(ctx: Ctx) -> RwSignal<bool> {
    let (widget, single) = ctx.query.with_untracked(|q| (q.embed.is_some(), q.single_event().is_some()));
    let view = if single { None } else { ctx.page.with_untracked(shown) };
    let widget = widget.then_some(super::embed_view::WIDGET);
    let fields = super::filters::starts_open(ctx).then_some(super::filters::FIELDS);
    let done = RwSignal::new(view.is_none() && fields.is_none() && widget.is_none());
    let load = |split: Option<Split>| async move {
        if let Some(split) = split {
            let _ = (split.load)().await;
        }
    };
    if !done.get_untracked() {
        leptos::task::spawn_local(async move {
            futures::future::join3(load(view), load(fields), load(widget)).await;
            done.try_set(true);
        });
    }
    done
}

/// A split view: `load` fetches its module (true once it is in; at once if it already is),
/// `draw` draws it (only called after a successful `load`), `ready` says whether a `load` has
/// succeeded (a pending `load` must not be dropped: the splitter's loader does not expect it).
#[derive(Clone, Copy)]
pub struct Split {
    pub load: fn() -> Pin<Box<dyn Future<Output = bool>>>,
    pub draw: fn() -> Option<AnyView>,
    pub ready: fn() -> bool,
}

impl Split {
    /// Asks for the module ahead of drawing (a failure is the view's to say when it is drawn,
    /// and it asks again).
    pub fn fetch(self) {
        self.fetch_then(|| ());
    }

    /// [`Split::fetch`], then `then`, whether the module came or not.
    pub fn fetch_then(self, then: fn()) {
        leptos::task::spawn_local(async move {
            let _ = (self.load)().await;
            then();
        });
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Loading,
    Ready,
    Failed,
}

/// Draws `split`: at once when its module is in, else "Loading…" (nothing, if `quiet`) while it
/// comes, and a message with a retry if it cannot; `failed`, if given, is drawn before that
/// message (the event page's way back to the list, which is part of the page the module would
/// draw).
#[component]
pub fn SplitView(
    split: Split,
    #[prop(optional)] failed: Option<fn() -> AnyView>,
    #[prop(optional)] quiet: bool,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = RwSignal::new(State::Loading);
    let fetch = move || {
        state.set(State::Loading);
        // Behind a static page (a reader arriving on the network's), that page stays up until
        // the module is in: never a "Loading…" in its place.
        let release = super::takeover::hold();
        leptos::task::spawn_local(async move {
            let ok = (split.load)().await;
            state.try_set(if ok { State::Ready } else { State::Failed });
            if let Some(release) = release {
                release();
            }
        });
    };
    if ctx.is_static() || (split.ready)() {
        // A static page the build draws (natively, where nothing is split), or a module already
        // in: drawn at once, with no "Loading…" drawn and taken away (a country card is drawn
        // on every country toggle).
        state.set(State::Ready);
    } else {
        fetch();
    }
    move || {
        let s = ctx.fmt().strings();
        match state.get() {
            State::Loading if quiet => ().into_any(),
            State::Loading => view! { <p class="notice split-loading" role="status">{s.view_loading}</p> }.into_any(),
            State::Ready if let Some(view) = (split.draw)() => view,
            State::Ready | State::Failed => view! {
                {failed.map(|f| f())}
                <div class="notice error" role="alert">
                    <p>{s.view_failed}</p>
                    <button type="button" class="button" on:click=move |_| fetch()>{s.retry}</button>
                </div>
            }
            .into_any(),
        }
    }
}

/// `$split`, a [`Split`] drawing the component `$view` from the wasm module `$module` (its
/// loader `$load`, its body `$body`: names of its own, which the splitter's symbols carry).
/// The body returns a `Result` so that a module that cannot be fetched is an `Err`, not a panic.
macro_rules! split_view {
    ($(#[$doc:meta])* $split:ident, $module:ident, $load:ident, $body:ident, $view:ident) => {
        $(#[$doc])*
        pub const $split: $crate::ui::split::Split = {
            static READY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
            $crate::ui::split::Split {
                load: || {
                    Box::pin(async {
                        let ok = $load().await.is_ok();
                        READY.fetch_or(ok, std::sync::atomic::Ordering::Relaxed);
                        ok
                    })
                },
                draw: || futures::FutureExt::now_or_never($body()).and_then(Result::ok),
                ready: || READY.load(std::sync::atomic::Ordering::Relaxed),
            }
        };

        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, preload($load), fallible)]
        fn $body() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
            Ok(view! { <$view /> }.into_any())
        }
    };
}
pub(crate) use split_view;

/// Which of the views a reader opens from the timeline a [`SplitView`] of [`OPENED`] draws (a
/// split view takes no props: it reads this context).
#[derive(Clone)]
pub enum Opened {
    /// A country's card (`Card::Country`); it changes when the card on top is written for
    /// another country.
    Card(Memo<Option<Card>>),
    Grid,
    Event(String),
}

#[component]
fn OpenedBody() -> impl IntoView {
    match expect_context::<Opened>() {
        Opened::Card(of) => view! { <super::cards::OneCountry of /> }.into_any(),
        Opened::Grid => view! { <super::cards::Grid /> }.into_any(),
        Opened::Event(id) => view! { <super::event_page::EventBody id /> }.into_any(),
    }
}

split_view!(
    /// The views a reader opens from the timeline, one module: an event's page (with the
    /// article reader) and a country's card and the grid of cards. Asked for at the app's start
    /// when the link names one (`shown`), else once every event is in (`ahead`): a country
    /// toggle or an opened event finds it in.
    OPENED, opened_module, load_opened, opened_body, OpenedBody
);
