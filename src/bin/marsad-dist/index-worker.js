// Written by marsad-dist: the search index's worker (src/ui/index_worker.rs). It runs the page's
// own wasm module, whose `main` serves the index in a worker instead of starting the app.
// Messages that come while the module loads wait in `marsadQueued`; the wasm takes them over.
import init from './__GLUE__';
self.marsadQueued = [];
self.onmessage = (e) => { self.marsadQueued.push(e.data); };
init({ module_or_path: new URL('./__WASM__', import.meta.url) })
  .catch((err) => postMessage(`the worker could not start: ${err}`));
