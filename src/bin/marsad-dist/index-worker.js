// Written by marsad-dist: the search index's worker (src/ui/index_worker.rs). It runs the page's
// own wasm module, whose `main` serves the index in a worker instead of starting the app. The
// page sends its compiled module first, so nothing is downloaded or compiled again; messages
// that come while it starts wait in `marsadQueued`, and the wasm takes them over.
import init from './__GLUE__';
self.marsadQueued = [];
self.onmessage = (e) => {
  if (e.data instanceof WebAssembly.Module) {
    init({ module_or_path: e.data }).catch((err) => postMessage(`the worker could not start: ${err}`));
  } else {
    self.marsadQueued.push(e.data);
  }
};
