//! Taking over from a static page. The app is drawn out of sight behind it (`#app` is hidden),
//! its larger parts (`Later`) each in a task of its own, so a phone can answer input between
//! them rather than freeze for the whole drawing; the swap itself is one task, once every part
//! is in (one paint: no layout shift when both drew the same page).

use std::time::Duration;

use leptos::prelude::*;

/// The parts still to draw before the app takes over from the static page it is drawn behind.
#[derive(Clone, Copy)]
pub struct Takeover {
    pending: RwSignal<u32>,
    done: StoredValue<bool>,
}

impl Takeover {
    /// Swaps the static page for the app once `drawn` (the app has drawn its page, or an error)
    /// and no part is pending. Parts drawn after that are drawn at once.
    pub fn start(drawn: impl Fn() -> bool + Send + Sync + 'static) {
        let t = Takeover { pending: RwSignal::new(0), done: StoredValue::new(false) };
        provide_context(t);
        Effect::new(move |_| {
            if drawn() && t.pending.get() == 0 {
                // A task of its own, after the drawing's. A part registered since then (the
                // drawing may come after this effect) keeps the static page until it is in.
                let swap = move || {
                    if t.pending.try_get_untracked() == Some(0) && t.done.try_get_value() == Some(false) {
                        t.done.set_value(true);
                        super::url::take_over();
                    }
                };
                set_timeout(swap, Duration::ZERO);
            }
        });
    }
}

/// Whether the app is being drawn behind a static page it has not taken over yet. A view drawn
/// then leaves the reader's scroll and focus as they are on the static page: the swap keeps the
/// place (the reader may have scrolled, or the browser restored a position on reload or Back).
pub fn underway() -> bool {
    use_context::<Takeover>().is_some_and(|t| t.done.try_get_value() == Some(false))
}

/// Keeps the static page up while a part of the app behind it is not drawn yet: the part calls
/// the closure this gives once it is (none where nothing is being taken over). A view fetched as
/// a module of its own (`split`) holds it while the module comes.
pub fn hold() -> Option<impl FnOnce() + Send + Sync + 'static> {
    let ahead = use_context::<super::ahead::DrawnAhead>().is_some();
    let t = use_context::<Takeover>().filter(|t| !ahead && t.done.try_get_value() == Some(false))?;
    t.pending.update(|n| *n += 1);
    Some(move || {
        t.pending.try_update(|n| *n -= 1);
    })
}

/// `children`, drawn in a task of their own while the app is drawn behind a static page; at
/// once anywhere else (after the takeover, on a page with no static twin, in an embed, drawn
/// ahead, and on the static pages the build draws with these components).
#[component]
pub fn Later(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(true);
    // Drawn ahead, out of the page (`ahead`): at once, and no part of the takeover (`hold`).
    if let Some(release) = hold() {
        shown.set(false);
        let draw = move || {
            shown.try_set(true);
            release();
        };
        set_timeout(draw, Duration::ZERO);
    }
    move || shown.get().then(|| children())
}
