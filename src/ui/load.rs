//! The load sequence: `events.json`, then its shards if it lists any (the years in the URL first,
//! then newest first), each turned into a [`Snapshot`] for the views. Fetching is the browser's;
//! every check is the pure loader's (`crate::data::Loader`).

use futures::StreamExt;
use leptos::prelude::*;

use super::{Ctx, Snapshot};
use crate::data::{self, shard, LoadError};

/// Why loading failed, in the reader's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Network(String),
    Malformed(String),
    Schema(String),
}

impl Failure {
    /// The technical details, for the error panel's "details" and for a skipped shard's notice.
    pub fn details(&self) -> &str {
        match self {
            Failure::Network(d) | Failure::Malformed(d) | Failure::Schema(d) => d,
        }
    }
}

/// Where the first load stands. Once `Ready`, later snapshots only replace [`Ctx::data`].
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    Failed(Failure),
    Ready,
}

/// Fetches a data file as text, with the service worker's fallback marker if it set one.
async fn fetch_text(path: &str) -> Result<(String, Option<String>), Failure> {
    let resp = gloo_net::http::Request::get(path).send().await.map_err(|e| Failure::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(Failure::Network(format!("HTTP {} {}", resp.status(), resp.status_text())));
    }
    let fallback = resp.headers().get("x-marsad-fallback");
    let text = resp.text().await.map_err(|e| Failure::Network(e.to_string()))?;
    Ok((text, fallback))
}

/// Fetches an article text.
pub async fn fetch_article(path: &str) -> Result<String, Failure> {
    fetch_text(path).await.map(|(text, _)| text)
}

/// A new snapshot at most this often while shards arrive (each one re-renders the views).
const SNAPSHOT_EVERY_MS: f64 = 1500.0;
/// Shard requests kept in flight at once.
const SHARDS_IN_FLIGHT: usize = 4;

/// Loads `events.json`, then its shards if it lists any. The explorer appears after the first
/// shard; later snapshots replace the data in place, and the last one reports links to events
/// no shard supplied.
pub async fn load_dataset(ctx: Ctx, phase: RwSignal<Phase>) {
    phase.set(Phase::Loading);
    let (text, fallback) = match fetch_text("data/events.json").await {
        Ok(t) => t,
        Err(f) => return phase.set(Phase::Failed(f)),
    };
    let mut loader = match data::Loader::head(&text) {
        Ok(l) => l,
        Err(e @ LoadError::UnsupportedSchema(_)) => return phase.set(Phase::Failed(Failure::Schema(e.to_string()))),
        Err(e) => return phase.set(Phase::Failed(Failure::Malformed(e.to_string()))),
    };
    drop(text);
    let (from, to) = ctx.query.with_untracked(|q| (q.from, q.to));
    let order = shard::fetch_order(&loader.shards, from, to);
    let total = order.len();
    let mut generation = 0;
    let mut last = f64::NEG_INFINITY;
    // A few requests in flight while the previous shard is parsed; results still arrive in order.
    let requests = order.iter().enumerate().map(|(k, shard)| {
        let path = format!("data/{}", shard.path);
        async move { (k + 1, shard, fetch_text(&path).await) }
    });
    let mut arriving = futures::stream::iter(requests).buffered(SHARDS_IN_FLIGHT);
    ctx.shards.set(Some((0, total)));
    while let Some((k, shard, result)) = arriving.next().await {
        match result {
            Ok((text, _)) => loader.add_shard(shard, &text),
            Err(f) => loader.shard_failed(shard, f.details()),
        }
        ctx.shards.set(Some((k, total)));
        let now = js_sys::Date::now();
        if k < total && now - last >= SNAPSHOT_EVERY_MS {
            generation += 1;
            ctx.data.set(Snapshot::new(loader.snapshot(), fallback.clone(), generation));
            phase.set(Phase::Ready);
            last = js_sys::Date::now();
        }
    }
    // Done before the last snapshot, so a view rebuilt by it knows nothing more is coming.
    ctx.shards.set(None);
    ctx.data.set(Snapshot::new(loader.finish(), fallback, generation + 1));
    phase.set(Phase::Ready);
}
