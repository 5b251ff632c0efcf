//! The load sequence: `events.json`, then its shards if it lists any (the years in the URL first,
//! then newest first, applied as they arrive), each turned into a [`Snapshot`] for the views.
//! Fetching is `fetch`'s; every check is the pure loader's (`crate::data`), and the service
//! worker is told the outcome of each, so it keeps only what loads.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;

use super::fetch::{controller, get, Fetched, Want};
use super::index_worker::IndexWorker;
use super::{Ctx, Snapshot};
use crate::data::{self, is_article_text, shard, LoadError, ShardRef};
use crate::filter::searches;
use crate::search::{IndexBuild, SearchIndex};

/// Why loading failed, in the reader's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Network(String),
    Timeout(String),
    Malformed(String),
    Schema(String),
}

impl Failure {
    /// The technical details, for the error panel's "details" and for a skipped shard's notice.
    pub fn details(&self) -> &str {
        match self {
            Failure::Network(d) | Failure::Timeout(d) | Failure::Malformed(d) | Failure::Schema(d) => d,
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

/// How long a task checking the head's event records runs (`CHECK_STEP` records between looks
/// at the clock): under the 12.5 ms that a phone's 4× slower CPU makes a long task.
const CHECK_TASK_MS: f64 = 6.0;
const CHECK_STEP: usize = 8;

/// A new snapshot at most this often while shards arrive (each one re-renders the views), and
/// this long after the last at the latest while shards it has not shown are in (`shard::Pace`).
const SNAPSHOT_EVERY_MS: f64 = 1500.0;
/// Shard requests kept in flight at once.
const SHARDS_IN_FLIGHT: usize = 4;

fn load_failure(e: LoadError) -> Failure {
    match e {
        LoadError::UnsupportedSchema(_) => Failure::Schema(e.to_string()),
        _ => Failure::Malformed(e.to_string()),
    }
}

/// Why the data shown is the device's copy: the worker's word, with the network status.
fn fallback_of(f: &Fetched) -> Option<String> {
    let why = f.fallback.clone()?;
    Some(match &f.status {
        Some(status) if why == "server-error" => format!("{why}:{status}"),
        _ => why,
    })
}

/// The head document, and its text. When the fresh copy does not load, the worker is told, and
/// its last copy that did load (if it has one) is used instead, marked as such.
async fn head() -> Result<(data::Loader, Option<String>, String), Failure> {
    let fresh = get("data/events.json", Want::Fresh).await?;
    let error = match data::Loader::head_unchecked(&fresh.text) {
        Ok(loader) => {
            fresh.verdict(true);
            let fallback = fallback_of(&fresh);
            return Ok((loader, fallback, fresh.text));
        }
        Err(e) => e,
    };
    fresh.verdict(false);
    if controller().is_some() {
        if let Ok(good) = get("data/events.json", Want::LastGood).await {
            if let Ok(loader) = data::Loader::head_unchecked(&good.text) {
                return Ok((loader, Some("invalid-update".into()), good.text));
            }
        }
    }
    Err(load_failure(error))
}

/// One shard's text, checked against its hash. A cached copy that fails is deleted by the worker
/// and fetched again from the network, once.
async fn fetch_shard(s: &ShardRef) -> Result<String, Failure> {
    let path = format!("data/{}", s.path);
    let mut want = Want::Fresh;
    loop {
        let f = get(&path, want).await?;
        let ok = shard::content_hash(f.text.as_bytes()) == s.hash;
        f.verdict(ok);
        if ok || !f.from_cache || want == Want::Network {
            return Ok(f.text);
        }
        want = Want::Network;
    }
}

/// An article text: text, not an HTML page served in its place. A bad fresh copy gives way to
/// the worker's last good one.
pub async fn fetch_article(path: &str) -> Result<String, Failure> {
    let fresh = get(path, Want::Fresh).await?;
    if is_article_text(fresh.content_type.as_deref(), &fresh.text) {
        fresh.verdict(true);
        return Ok(fresh.text);
    }
    fresh.verdict(false);
    if controller().is_some() {
        if let Ok(good) = get(path, Want::LastGood).await {
            if is_article_text(good.content_type.as_deref(), &good.text) {
                return Ok(good.text);
            }
        }
    }
    Err(Failure::Malformed(format!("{path} is not a text file ({})", fresh.content_type.unwrap_or_default())))
}

/// Checks the head's event records in tasks of their own, after the parse's, each up to
/// `CHECK_TASK_MS`; resolves in a task after the last.
async fn check_head(loader: &mut data::Loader) {
    next_turn().await;
    while !for_ms(CHECK_TASK_MS, || loader.check_head(CHECK_STEP)) {
        next_turn().await;
    }
    next_turn().await;
}

/// Runs `step` until it says the work is done (true) or `ms` have passed since it began: one
/// task's slice of a longer job. True when the work is done.
fn for_ms(ms: f64, mut step: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    loop {
        if step() {
            return true;
        }
        if js_sys::Date::now() - start >= ms {
            return false;
        }
    }
}

/// The load failed: said, and nothing more is fetched (the explorer, which says when it has
/// fetched its own, is not drawn), so the service worker may install (`url::settled`).
fn failed(phase: RwSignal<Phase>, f: Failure) {
    super::url::settled();
    phase.set(Phase::Failed(f));
}

/// Loads `events.json`, then its shards if it lists any. The explorer appears after the first
/// shard; later snapshots replace the data in place, and the last one reports links to events
/// no shard supplied. A shard that fails (or stalls past the timeout) is skipped and named; the
/// others are applied as they arrive.
pub async fn load_dataset(ctx: Ctx, phase: RwSignal<Phase>) {
    phase.set(Phase::Loading);
    let (mut loader, fallback, head_text) = match head().await {
        Ok(h) => h,
        Err(f) => return failed(phase, f),
    };
    // Parsing the document, checking its events and building its first snapshot are tasks of
    // their own, not one long one that holds up the reader's input (total blocking time): the
    // shipped 46 events' parse and checks were one task of 20-35 ms.
    check_head(&mut loader).await;
    let mut plan = Plan::of(ctx, &loader);
    let total = plan.order.len();
    // A sharded load's search index is built on the other core where the browser allows it.
    let mut helper = if total > 0 && plan.indexes() { IndexWorker::start(&head_text) } else { None };
    drop(head_text);
    let (mut generation, mut done) = (0, 0);
    let requests = plan.order.iter().map(|s| async move { (s, fetch_shard(s).await) });
    let mut arriving = futures::stream::iter(requests).buffer_unordered(SHARDS_IN_FLIGHT);
    ctx.shards.set((total > 0).then_some((0, total)));
    let shown = Shown { ctx, phase, generation: Rc::new(Cell::new(0)) };
    let job = Rc::new(Indexing { loader: RefCell::new(Some(loader)), ..Indexing::default() });
    let mut pace = shard::Pace::new(SNAPSHOT_EVERY_MS);
    loop {
        let arrival = match next_step(&mut arriving, &pace).await {
            Step::End => break,
            Step::In(arrival) => Some(arrival),
            Step::Due => None,
        };
        let came = arrival.is_some();
        let Ok(mut slot) = job.loader.try_borrow_mut() else { continue };
        let Some(loader) = slot.as_mut() else { continue };
        let show = match arrival {
            Some((s, result)) => {
                add_shard(loader, helper.as_mut(), s, result);
                done += 1;
                if done < total && plan.settled(loader) {
                    plan.stopped = true;
                    break;
                }
                ctx.shards.set(Some((done, total)));
                // A search waits on the snapshot shown: the next one comes with the shard just
                // in, not 1.5 s after the last (unless one is already held for its index).
                let waited = generation == shown.generation.get()
                    && ctx.query.with_untracked(searches)
                    && ctx.data.with_untracked(|d| d.waits_for_index());
                done < total && pace.arrived(js_sys::Date::now(), waited)
            }
            None => true,
        };
        if show {
            generation += 1;
            let snapshot = Snapshot::new(loader.snapshot(), fallback.clone(), generation, false);
            show_partial(&shown, helper.as_ref(), snapshot);
            pace.shown(js_sys::Date::now());
        }
        drop(slot);
        // Without a live worker, the page builds the index in its idle time. With one it does
        // not: a search waits for the worker's index, and the page's own build only raised the
        // memory's peak (at 100,000 events, 116-124 MB from one load to the next, as far as
        // the idle time let it get; the slices begin if the worker fails).
        if came && total > 0 && plan.indexes() && helper.as_ref().is_none_or(IndexWorker::failed) {
            index_when_idle(&job);
        }
    }
    end(&shown, &job, helper, fallback, generation + 1, &plan);
}

/// What a load fetches after its head. A single event's widget fetches shards until one brings
/// its event (newest first: a news article embeds a recent one), and builds no search index
/// (no worker, no index in idle time): it has nothing to search.
struct Plan {
    order: Vec<ShardRef>,
    single: Option<String>,
    /// Set when the widget's event came before the last shard (or with the head): the load
    /// ends there.
    stopped: bool,
}

impl Plan {
    fn of(ctx: Ctx, loader: &data::Loader) -> Plan {
        let (single, from, to) = ctx.query.with_untracked(|q| (q.single_event().map(str::to_owned), q.from, q.to));
        let stopped = single.as_deref().is_some_and(|id| loader.settles(id)) && !loader.shards.is_empty();
        let order = if stopped { Vec::new() } else { shard::fetch_order(&loader.shards, from, to) };
        Plan { order, single, stopped }
    }

    fn settled(&self, loader: &data::Loader) -> bool {
        self.single.as_deref().is_some_and(|id| loader.settles(id))
    }

    fn indexes(&self) -> bool {
        self.single.is_none()
    }
}

/// The load's last snapshot (number `generation`), shown, with its index where one is built.
fn end(
    shown: &Shown,
    job: &Indexing,
    helper: Option<IndexWorker>,
    fallback: Option<String>,
    generation: u32,
    plan: &Plan,
) {
    let ctx = shown.ctx;
    let Some(loader) = job.loader.take() else {
        ctx.shards.set(None);
        return;
    };
    if plan.stopped {
        // Not complete: other events never came (no unknown links to report, no static pages
        // to link to). Nothing more is coming, so the widget says "not found" if it must.
        ctx.shards.set(None);
        return shown.show(Snapshot::new(loader.snapshot(), fallback, generation, false));
    }
    let complete = Snapshot::new(loader.finish(), fallback, generation, true).with_build(job.build.take());
    match helper {
        // With a search on, the last snapshot too is shown with its index.
        Some(helper) => {
            let hold = ctx.query.with_untracked(searches) && !helper.failed();
            shown.when_indexed(complete, hold, |then| helper.finish(then));
        }
        None => {
            shown.show(complete.clone());
            // After the drawing's task (queued first), never ahead of it.
            if plan.indexes() {
                index_between_tasks(&complete);
            }
        }
    }
}

/// What comes first in a sharded load: a shard in, the showing `pace` owes coming due, the end.
enum Step<T> {
    In(T),
    Due,
    End,
}

async fn next_step<S: futures::Stream + Unpin>(arriving: &mut S, pace: &shard::Pace) -> Step<S::Item> {
    let next = arriving.next();
    let Some(ms) = pace.due_in(js_sys::Date::now()) else {
        return next.await.map_or(Step::End, Step::In);
    };
    match futures::future::select(next, std::pin::pin!(after(ms))).await {
        futures::future::Either::Left((arrival, _)) => arrival.map_or(Step::End, Step::In),
        futures::future::Either::Right(_) => Step::Due,
    }
}

/// Adds a shard that came in (or its failure) to `loader`; the index's worker is sent it too.
fn add_shard(
    loader: &mut data::Loader,
    helper: Option<&mut IndexWorker>,
    s: &ShardRef,
    result: Result<String, Failure>,
) {
    match result {
        Ok(text) => loader.add_shard(s, &text),
        Err(f) => loader.shard_failed(s, f.details()),
    }
    if let Some(helper) = helper {
        helper.send(loader.arrived().0);
    }
}

/// Shows a partial snapshot of a sharded load, with the worker's index of it when a search is on.
fn show_partial(shown: &Shown, helper: Option<&IndexWorker>, snapshot: Arc<Snapshot>) {
    let ctx = shown.ctx;
    // A search on (from a shared link, or typed): the worker indexes what is in so far,
    // beyond what the page builds in a moment, and the snapshot is shown with it. (At
    // 100,000 events each snapshot's index built on the page took up to 1.3 s, and the
    // load twice as long.)
    let large = snapshot.ds.events.len() > BUILT_HERE_UP_TO;
    let live = helper.filter(|h| !h.failed());
    match live.filter(|_| large && ctx.query.with_untracked(searches)) {
        Some(helper) => shown.when_indexed(snapshot, true, |then| helper.snapshot(then)),
        None => {
            // A search typed while it is shown waits for the next snapshot, which the
            // worker indexes, rather than building this one's index on the page (up to
            // 1.3 s at 100,000 events); unless none comes in `NEXT_WAIT`.
            if live.is_some() && large {
                snapshot.expect_index();
                // Weak: a replaced snapshot is freed at once, not kept for the wait (at
                // 100,000 events, 3-4 of them alive raised the wasm memory by 7.6 MB).
                let waiting = Arc::downgrade(&snapshot);
                set_timeout(move || _ = waiting.upgrade().map(|s| s.settle()), NEXT_WAIT);
            }
            shown.show(snapshot)
        }
    }
}

/// Up to how many events a snapshot shown during the load has its search index built on the
/// page when a search needs it (about 25 ms), rather than waiting for the worker's.
const BUILT_HERE_UP_TO: usize = 2_000;

/// How long the page waits for the worker's index of a snapshot before building it too (the
/// worker answers within about 0.3 s of the last shard at 100,000 events).
const WORKER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// How long after a snapshot is shown during a load a search on it waits for the next one
/// (with the worker's index) before the page builds its index: shards stalled that long.
const NEXT_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Shows a load's snapshots in order: one held for its index is never shown over a newer one.
#[derive(Clone)]
struct Shown {
    ctx: Ctx,
    phase: RwSignal<Phase>,
    /// The newest generation shown.
    generation: Rc<Cell<u32>>,
}

impl Shown {
    fn show(&self, s: Arc<Snapshot>) {
        if s.generation <= self.generation.get() {
            return;
        }
        self.generation.set(s.generation);
        if s.complete {
            // Done before the last snapshot, so a view rebuilt by it knows nothing more is coming.
            self.ctx.shards.set(None);
        }
        self.ctx.data.set(s);
        ready(self.phase);
    }

    /// The worker builds `s`'s index (`ask` asks it, with what to do with the bytes); a search
    /// waits for it. Held (`hold`), `s` is shown once it is in rather than at once: the list
    /// does not show the search unapplied in between. A worker that has not answered by
    /// `WORKER_WAIT` (throttled, or stuck) is not waited for: the page builds the index of the
    /// snapshot, unless a newer one is shown, and shows it; the first index finished is kept.
    fn when_indexed(&self, s: Arc<Snapshot>, hold: bool, ask: impl FnOnce(Then)) {
        s.expect_index();
        if !hold {
            self.show(s.clone());
        }
        let (shown, answered) = (self.clone(), s.clone());
        ask(Box::new(move |bytes| {
            // A snapshot a newer one has overtaken (the search cleared while it was held) is
            // never shown: its answer is not read.
            if answered.generation < shown.generation.get() {
                answered.settle();
                return;
            }
            adopt(&answered, bytes);
            shown.show(answered);
        }));
        let shown = self.clone();
        set_timeout(
            move || {
                if s.index.get().is_none() && s.generation >= shown.generation.get() {
                    build_here(&s);
                    shown.show(s);
                }
            },
            WORKER_WAIT,
        );
    }
}

/// What is done with a worker's answer: the index's bytes, or `None`.
type Then = Box<dyn FnOnce(Option<Vec<u8>>)>;

/// What the console says when the page builds the index itself after all (tests wait for it).
const NO_INDEX_FROM_WORKER: &str = "marsad: no search index from its worker; the page builds it";

/// The worker's index for the complete snapshot, if it is still the one shown and has not built
/// its own (after `WORKER_WAIT`); checked against the snapshot's events. Without one, the page
/// builds it, as it does with no worker. Either way a search waiting for it runs.
fn adopt(s: &Arc<Snapshot>, bytes: Option<Vec<u8>>) {
    let size = bytes.as_ref().map_or(0, Vec::len);
    match bytes.and_then(|b| SearchIndex::from_bytes(&b)).and_then(|index| index.numbered(&s.ds)) {
        Some(index) => {
            if s.index.set(index).is_ok() {
                if let Ok(mut partial) = s.building.lock() {
                    *partial = None;
                }
                let what = format!(
                    "marsad: the search index of {} events came from its worker ({size} bytes)",
                    s.ds.events.len()
                );
                web_sys::console::debug_1(&what.into());
            }
            s.settle();
        }
        None => build_here(s),
    }
}

/// The page builds the index without the worker's, and says so on the console; once a
/// snapshot, though both the worker's failure and `WORKER_WAIT` may ask.
fn build_here(s: &Arc<Snapshot>) {
    if s.settle() {
        web_sys::console::debug_1(&NO_INDEX_FROM_WORKER.into());
        index_between_tasks(s);
    }
}

/// The search index of a sharded load while its shards arrive: built from the events the loader
/// has accepted, in their order, a slice at a time when the page is idle; at the end, the
/// complete snapshot takes it over. On a fast link the load leaves little idle time and the
/// rest is built after it; on a slow one the waits between shards hold all of it (at 100,000
/// events the index is about 2 s of work in Chromium; built only from the snapshots, which come
/// every 1.5 s, the slices ran out of events between them and the first search waited 1.6 s).
#[derive(Default)]
struct Indexing {
    /// Taken when the last shard is in.
    loader: RefCell<Option<data::Loader>>,
    build: RefCell<Option<IndexBuild>>,
    running: Cell<bool>,
}

fn index_when_idle(job: &Rc<Indexing>) {
    if !job.running.replace(true) {
        let job = job.clone();
        background_task(move || index_slice(job));
    }
}

fn index_slice(job: Rc<Indexing>) {
    let more = match (job.loader.try_borrow(), job.build.try_borrow_mut()) {
        (Ok(loader), Ok(mut build)) => match loader.as_ref() {
            Some(loader) => {
                let ((arrived, names), build) = (loader.arrived(), build.get_or_insert_default());
                !for_ms(IDLE_SLICE_MS, || build.add_arrived(arrived, names, 50))
            }
            None => false,
        },
        _ => false,
    };
    job.running.set(more);
    if more {
        background_task(move || index_slice(job));
    }
}

/// How long an idle-time slice of the index runs (in steps of 50 events, about 1 ms): a shard
/// that arrives meanwhile waits no longer (with slices of 1,000 events, 20 ms, the shards of
/// 100,000 events were all in 0.9 s later on loopback).
const IDLE_SLICE_MS: f64 = 4.0;

/// How long a task of the index's build between tasks runs (in steps of `INDEX_STEP` events):
/// under the 12.5 ms that a phone's four times slower CPU makes a long task (50 ms). Slices of
/// 1,000 events were 15-25 ms, and the finish in one task 25-30 ms even for 46 events.
const INDEX_TASK_MS: f64 = 6.0;

/// Events added between two looks at the clock (at most a millisecond or two in the browser,
/// the first time with the compilation of the code that adds them).
const INDEX_STEP: usize = 10;

/// Builds the snapshot's search index a part at a time, each in a task of its own, so the
/// reader's first search does not wait for it (1.3 s at 100,000 events in one go): events for
/// up to `INDEX_TASK_MS`, then each of the finish's four parts alone (`IndexBuild::advance`). Stops
/// when the snapshot is replaced or a search has finished the index.
fn index_between_tasks(snapshot: &Arc<Snapshot>) {
    let weak = Arc::downgrade(snapshot);
    // Behind the drawing, and behind the parts of it drawn in tasks of their own before the app
    // takes over from a static page (`takeover::Later`): the reader sees the page first.
    background_task(move || {
        let Some(s) = weak.upgrade() else { return };
        if s.index.get().is_some() {
            return;
        }
        let built = s.building.lock().map(|mut slot| {
            let b = slot.get_or_insert_default();
            let (events, mut built) = (s.ds.arrival.len(), None);
            // Each part of the finish in a task of its own; events until the time is up.
            for_ms(INDEX_TASK_MS, || {
                let finishing = b.done() == events;
                built = b.advance(&s.ds, INDEX_STEP);
                built.is_some() || finishing || b.done() == events
            });
            if built.is_some() {
                *slot = None;
            }
            built
        });
        match built {
            Ok(Some(index)) => drop(s.index.set(index)),
            Ok(None) => index_between_tasks(&s),
            Err(_) => {}
        }
    });
}

/// Runs `f` in a task of its own when the page has nothing more urgent to do: the Prioritized
/// Task Scheduling API's `background` priority, so the shards' own work (and the reader's input)
/// always goes first and the slices only fill the time spent waiting for the network. Where the
/// API is missing (Safari, Firefox before 142), the next task.
pub(super) fn background_task(f: impl FnOnce() + 'static) {
    if let Err(f) = idle_task(Box::new(f)) {
        next_task(f)
    }
}

/// A task to run later. Boxed: the scheduling code is compiled once, not once per closure.
pub(super) type Task = Box<dyn FnOnce()>;

/// Runs `f` at the `background` priority, or gives it back where the API is missing.
pub(super) fn idle_task(f: Task) -> Result<(), Task> {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into()).unwrap_or(JsValue::UNDEFINED);
    let post =
        js_sys::Reflect::get(&scheduler, &"postTask".into()).ok().and_then(|p| p.dyn_into::<js_sys::Function>().ok());
    let Some(post) = post else { return Err(f) };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"priority".into(), &"background".into());
    let run = Closure::once_into_js(f);
    // The returned promise rejects only if the task is aborted, which never happens here.
    let _ = post.call2(&scheduler, &run, &options);
    Ok(())
}

/// Resolves `ms` milliseconds from now.
async fn after(ms: f64) {
    ran(|task| set_timeout(task, std::time::Duration::from_millis(ms as u64))).await
}

/// Resolves in a task of its own, after the tasks already queued (`next_task`).
async fn next_turn() {
    ran(next_task).await
}

/// Resolves once the task given to `schedule` has run; at once if it is dropped unrun (no
/// message could be posted).
async fn ran(schedule: impl FnOnce(Task)) {
    let (done, ran) = futures::channel::oneshot::channel();
    schedule(Box::new(move || {
        let _ = done.send(());
    }));
    let _ = ran.await;
}

/// Runs `f` in a task of its own, after the tasks already queued (input included): a message
/// the page posts to itself. A chain of `setTimeout(0)` would do the same, but browsers clamp
/// it to 4 ms after five nested calls: at 100,000 events that idled 100 slices x 4 ms.
fn next_task(f: Task) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return set_timeout(f, std::time::Duration::ZERO);
    };
    let (port, sender) = (channel.port1(), channel.port2());
    // The closure holds both ports, so they live until its message has been delivered.
    let (held, sent) = (port.clone(), sender.clone());
    let run = Closure::once_into_js(move |_: JsValue| {
        held.set_onmessage(None);
        drop(sent);
        f();
    });
    port.set_onmessage(Some(run.unchecked_ref()));
    if sender.post_message(&JsValue::NULL).is_err() {
        port.set_onmessage(None);
    }
}

/// The data is in: draw. The first drawing runs in a task of its own (`setTimeout` 0), not in
/// the one that parsed the data: two shorter tasks, not one long one that holds up the reader's
/// input (total blocking time). Later snapshots redraw in place, at once.
fn ready(phase: RwSignal<Phase>) {
    if phase.get_untracked() == Phase::Loading {
        set_timeout(move || drop(phase.try_set(Phase::Ready)), std::time::Duration::ZERO);
    } else {
        phase.set(Phase::Ready);
    }
}
