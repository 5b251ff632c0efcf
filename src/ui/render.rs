//! Static pages: the explorer's own components rendered to HTML natively, at build time
//! (Leptos SSR), for `marsad-dist`. One way to draw each view: these are the components the app
//! renders, in `Mode::Static` (links relative to the page, no browser calls, no `style`
//! attributes). Text is escaped by the renderer.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::changes::StaticChanges;
use super::explorer::Explorer;
use super::source::StaticArticles;
use super::{Ctx, Mode, SiteInfo, Snapshot};
use crate::data::changes::Changes;
use crate::data::{self, ArticleIx, Dataset};
use crate::query::Query;

/// A dataset ready to be drawn as static pages.
pub struct Site {
    snapshot: Arc<Snapshot>,
    articles: StaticArticles,
    changes: StaticChanges,
    info: SiteInfo,
}

impl Site {
    /// `articles` holds each article's text by its index in the dataset; `changes` the release
    /// history the build wrote (the "What's new" page); `info` the site's address, correction
    /// target and the day of the build.
    pub fn new(
        loaded: data::Loaded,
        articles: HashMap<ArticleIx, String>,
        changes: Option<Changes>,
        info: SiteInfo,
    ) -> Site {
        let snapshot = Snapshot::new(loaded, None, 0, true);
        Site {
            snapshot,
            articles: StaticArticles(Arc::new(articles)),
            changes: StaticChanges(changes.map(Arc::new)),
            info,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.snapshot.ds
    }

    /// The body of page `q`, as the explorer draws it, its links relative to `root` (the way
    /// from the page's folder to the site root, `./` or `../../`).
    pub fn body(&self, q: &Query, root: &str) -> String {
        let shared = Arc::new(hydration_context::SsrSharedContext::new_islands());
        let owner = Owner::new_root(Some(shared));
        owner.with(|| {
            let ctx = Ctx::new(RwSignal::new(q.clone()), self.snapshot.clone(), root.to_owned(), Mode::Static);
            provide_context(ctx);
            provide_context(self.articles.clone());
            provide_context(self.changes.clone());
            provide_context(self.info.clone());
            view! { <Explorer /> }.to_html()
        })
    }
}
