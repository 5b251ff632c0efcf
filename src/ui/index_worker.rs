//! A sharded load's search index, built in a worker on the other core while the page loads.
//!
//! The page ([`IndexWorker`]) starts the worker script the build wrote (`search-<hash>.js`,
//! named from the site root by the page's `<meta name="marsad-index-worker">`) and sends it its
//! own compiled `WebAssembly.Module`, which the worker instantiates:
//! `main` sees a worker's global scope and calls [`serve`] instead of starting the app. The page
//! sends the head it loaded, then after each shard the events the loader accepted from it
//! (`search::encode_events`), then "finish"; the worker adds each batch to an `IndexBuild` as
//! it comes and answers with the finished index as bytes (`SearchIndex::to_bytes`), which the
//! page checks, numbers with its complete snapshot and installs. On loopback the page's own
//! thread is busy with the shards until the last one, so an index built there (about 2 s at
//! 100,000 events) made the first search wait for it; the worker has it ready with the data.
//!
//! The worker only speeds things up: the page still indexes in its idle time while the shards
//! arrive, and where the worker cannot start (no module workers, no script, a failure in it)
//! or is late, the page finishes the index itself after the last shard, as it does without one
//! (`load`).
//!
//! While a search is on during the load, each snapshot the page shows asks the worker for the
//! index of the events sent so far ([`SNAPSHOT`]; the build goes on): the page neither blocks
//! on an index of its own for every snapshot nor shows the search unapplied.
//!
//! Messages to the worker are bytes: a tag ([`HEAD`], [`EVENTS`], [`SNAPSHOT`], [`FINISH`]) and
//! its payload. An answer is the asking tag ([`SNAPSHOT`] or [`FINISH`]) and the index's bytes,
//! in the order asked, or a text saying why there is none (the worker then answers no more).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::{Event, Loader};
use crate::search::{encode_events, IndexBuild};

/// The head document's text (UTF-8): its countries and actors name the events' parties.
const HEAD: u8 = 0;
/// Events the load accepted, in its order (`search::encode_events`).
const EVENTS: u8 = 1;
/// Every event is sent: build the index and answer.
const FINISH: u8 = 2;
/// The index of the events sent so far, for the snapshot the page shows: answer, and go on.
const SNAPSHOT: u8 = 3;

fn post(target: &JsValue, tag: u8, payload: &[u8]) -> bool {
    let mut bytes = Vec::with_capacity(payload.len() + 1);
    bytes.push(tag);
    bytes.extend_from_slice(payload);
    post_bytes(target, &bytes)
}

/// Posts `bytes` as a `Uint8Array` whose buffer is transferred, not copied.
fn post_bytes(target: &JsValue, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    post_message(target, &array, &js_sys::Array::of1(&array.buffer()))
}

/// `target.postMessage(message, transfer)`: the page's `Worker` or the worker's global scope.
fn post_message(target: &JsValue, message: &JsValue, transfer: &JsValue) -> bool {
    let post =
        js_sys::Reflect::get(target, &"postMessage".into()).ok().and_then(|p| p.dyn_into::<js_sys::Function>().ok());
    post.is_some_and(|p| p.call2(target, message, transfer).is_ok())
}

/// A message's or an answer's tag and its bytes (copied once, without the tag).
fn tagged(data: &JsValue) -> Option<(u8, Vec<u8>)> {
    let array = data.dyn_ref::<js_sys::Uint8Array>().filter(|a| a.length() > 0)?;
    Some((array.get_index(0), array.subarray(1, array.length()).to_vec()))
}

// --- the worker's side ---

/// What the worker holds between messages.
enum Work {
    Waiting,
    Building(Box<Loader>, IndexBuild),
    /// A message it could not read: it answers "finish" with why.
    Failed(String),
}

thread_local! {
    static WORK: RefCell<Work> = const { RefCell::new(Work::Waiting) };
}

/// Whether this instance runs in a worker (no `window`).
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

/// The worker's start: the messages that came while the module loaded (queued by the script as
/// `marsadQueued`), then each as it comes.
pub fn serve() {
    let global = js_sys::global();
    let queued = js_sys::Reflect::get(&global, &"marsadQueued".into()).unwrap_or(JsValue::UNDEFINED);
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| receive(&e.data()));
    let _ = js_sys::Reflect::set(&global, &"onmessage".into(), handler.as_ref());
    // The worker lives as long as its handler: it is never dropped.
    handler.forget();
    if let Some(queued) = queued.dyn_ref::<js_sys::Array>() {
        queued.for_each(&mut |data, _, _| receive(&data));
        queued.set_length(0);
    }
}

fn receive(data: &JsValue) {
    let Some((tag, payload)) = tagged(data) else { return };
    let payload = payload.as_slice();
    WORK.with(|work| {
        let mut work = work.borrow_mut();
        let next = match (std::mem::replace(&mut *work, Work::Waiting), tag) {
            (Work::Waiting, HEAD) => match std::str::from_utf8(payload)
                .map_err(|e| e.to_string())
                .and_then(|t| Loader::head(t).map_err(|e| e.to_string()))
            {
                Ok(loader) => Work::Building(Box::new(loader), IndexBuild::default()),
                Err(e) => Work::Failed(format!("the head does not load: {e}")),
            },
            (Work::Building(loader, mut build), EVENTS) => match build.add_encoded(payload, loader.arrived().1) {
                Some(()) => Work::Building(loader, build),
                None => Work::Failed("a batch of events does not read".into()),
            },
            (Work::Building(loader, build), SNAPSHOT) => {
                let index = build.clone().finish_sent(loader.arrived().1);
                post(&js_sys::global(), SNAPSHOT, &index.to_bytes());
                Work::Building(loader, build)
            }
            (Work::Building(loader, build), FINISH) => {
                let index = build.finish_sent(loader.arrived().1);
                post(&js_sys::global(), FINISH, &index.to_bytes());
                Work::Waiting
            }
            (Work::Failed(why), FINISH | SNAPSHOT) => {
                post_message(&js_sys::global(), &why.clone().into(), &js_sys::Array::new());
                Work::Failed(why)
            }
            (failed @ Work::Failed(_), _) => failed,
            (_, tag) => Work::Failed(format!("message {tag} out of order")),
        };
        *work = next;
    });
}

// --- the page's side ---

/// What the worker answered.
enum Answer {
    Pending,
    Index(Vec<u8>),
    Failed,
    /// Handed on: later events are ignored.
    Taken,
}

impl Answer {
    fn bytes(self) -> Option<Vec<u8>> {
        match self {
            Answer::Index(bytes) => Some(bytes),
            _ => None,
        }
    }
}

/// What the page does with the index's bytes (`None`: there are none).
type Then = Box<dyn FnOnce(Option<Vec<u8>>)>;
/// The worker's `message` handler, and its `error` and `messageerror` handler.
type Handlers = (Closure<dyn Fn(web_sys::MessageEvent)>, Closure<dyn Fn(JsValue)>);

struct Shared {
    answer: Answer,
    /// Called with the answer once it is in and [`IndexWorker::finish`] has asked for it.
    then: Option<Then>,
    /// What to do with each snapshot's index asked for and not answered yet, in the order asked.
    snapshots: std::collections::VecDeque<Then>,
    handlers: Option<Handlers>,
}

/// The page's handle on the worker building its index.
pub struct IndexWorker {
    worker: web_sys::Worker,
    shared: Rc<RefCell<Shared>>,
    /// Events sent so far.
    sent: usize,
}

impl IndexWorker {
    /// Starts the worker and sends it the head the page loaded; `None` where the page names no
    /// worker script or the browser refuses it.
    pub fn start(head: &str) -> Option<IndexWorker> {
        // The build names it from the site root.
        let url = format!("{}{}", super::url::root(), super::url::meta("marsad-index-worker")?);
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
        let shared = Rc::new(RefCell::new(Shared {
            answer: Answer::Pending,
            then: None,
            snapshots: Default::default(),
            handlers: None,
        }));
        let on_message = {
            let shared = shared.clone();
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                match tagged(&data) {
                    Some((SNAPSHOT, bytes)) => {
                        let then = shared.borrow_mut().snapshots.pop_front();
                        if let Some(then) = then {
                            then(Some(bytes));
                        }
                    }
                    Some((FINISH, bytes)) => answer(&shared, Answer::Index(bytes)),
                    _ => {
                        web_sys::console::warn_2(&"search index worker:".into(), &data);
                        answer(&shared, Answer::Failed);
                    }
                }
            })
        };
        let on_error = {
            let shared = shared.clone();
            Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
                web_sys::console::warn_2(&"search index worker failed:".into(), &e);
                answer(&shared, Answer::Failed);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        shared.borrow_mut().handlers = Some((on_message, on_error));
        let w = IndexWorker { worker, shared, sent: 0 };
        // The page's compiled module: the worker neither downloads nor compiles the wasm again.
        if w.worker.post_message(&wasm_bindgen::module()).is_err() || !post(&w.worker, HEAD, head.as_bytes()) {
            answer(&w.shared, Answer::Failed);
        }
        Some(w)
    }

    /// Whether the worker has failed (the page then builds the index itself).
    pub fn failed(&self) -> bool {
        !matches!(self.shared.borrow().answer, Answer::Pending)
    }

    /// Sends the events accepted since the last call (`arrived` is the load's whole list so far).
    pub fn send(&mut self, arrived: &[Arc<Event>]) {
        if self.sent >= arrived.len() || self.failed() {
            return;
        }
        let mut bytes = vec![EVENTS];
        encode_events(&arrived[self.sent..], &mut bytes);
        self.sent = arrived.len();
        if !post_bytes(&self.worker, &bytes) {
            answer(&self.shared, Answer::Failed);
        }
    }

    /// The index of the events sent so far: `then` gets its bytes when the worker answers
    /// (`None` if it failed).
    pub fn snapshot(&self, then: impl FnOnce(Option<Vec<u8>>) + 'static) {
        if self.failed() || !post(&self.worker, SNAPSHOT, &[]) {
            return then(None);
        }
        self.shared.borrow_mut().snapshots.push_back(Box::new(then));
    }

    /// Every event is sent: `then` gets the index's bytes when the worker answers (`None` if it
    /// failed), and the worker is stopped.
    pub fn finish(self, then: impl FnOnce(Option<Vec<u8>>) + 'static) {
        if !self.failed() && !post(&self.worker, FINISH, &[]) {
            answer(&self.shared, Answer::Failed);
        }
        let worker = self.worker.clone();
        let stop = move |bytes: Option<Vec<u8>>| {
            worker.terminate();
            then(bytes);
        };
        let mut shared = self.shared.borrow_mut();
        match std::mem::replace(&mut shared.answer, Answer::Taken) {
            Answer::Pending => {
                shared.answer = Answer::Pending;
                shared.then = Some(Box::new(stop));
            }
            done => {
                drop(shared);
                release(&self.shared);
                stop(done.bytes());
            }
        }
    }
}

/// Records the worker's answer (the first one counts) and hands it on if it is asked for. The
/// snapshots still waiting get none: the worker answers in order, so they never will.
fn answer(shared: &Rc<RefCell<Shared>>, a: Answer) {
    let waiting = std::mem::take(&mut shared.borrow_mut().snapshots);
    waiting.into_iter().for_each(|then| then(None));
    let then = {
        let mut s = shared.borrow_mut();
        if !matches!(s.answer, Answer::Pending) {
            return;
        }
        match s.then.take() {
            Some(then) => {
                s.answer = Answer::Taken;
                Some((then, a))
            }
            None => {
                s.answer = a;
                None
            }
        }
    };
    if let Some((then, a)) = then {
        release(shared);
        then(a.bytes());
    }
}

/// Drops the event handlers after the event that is running (a closure must not be dropped
/// while it runs).
fn release(shared: &Rc<RefCell<Shared>>) {
    let handlers = shared.borrow_mut().handlers.take();
    leptos::prelude::set_timeout(move || drop(handlers), std::time::Duration::ZERO);
}
