// What the benchmark (bench.mjs) and the A/B runner (ab.mjs) share: the site a dataset makes,
// the wait for every event, the in-page probe that times a step, the scripted steps and the
// statistics. One definition, so an A/B measures exactly what the benchmark does.
import { spawnSync } from 'node:child_process';
import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './util.mjs';

/** What the first event is: the selector whose first box on screen is "the first event". */
export const MARSAD_FIRST = '.event-list .event-row, .event-mark';
/** The window every timed load has. */
export const VIEWPORT = { width: 1280, height: 900 };

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
export const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null; };
export const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Runs a command from the repository's root (its output to stderr, or returned with `capture`). */
export function run(cmd, argv, { capture = false } = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 2, 'inherit'], maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status ?? r.signal}`);
  return capture ? r.stdout : null;
}

/** `performance.now()` of the first frame in which the app has taken over and every shard is in
 * (a static page has a count too, and never a progress bar), or null if that takes over
 * `timeout` ms. */
export function allEventsIn(page, timeout) {
  return page.waitForFunction(() => !document.getElementById('static') && document.querySelector('.result-count')
    && !document.querySelector('.shard-progress') ? performance.now() : null, null, { timeout, polling: 'raf' })
    .then((h) => h.jsonValue(), () => null);
}

/** A site: the release build with its data replaced by `dataDir`, sharded if over the limit and
 * sw.js rewritten to match (`marsad-dist site`, what the post-build hook does). */
export async function makeSite(dist, dataDir, site, distTool) {
  await rm(site, { recursive: true, force: true });
  await cp(dist, site, { recursive: true });
  await rm(join(site, 'data/articles'), { recursive: true, force: true });
  await cp(join(dataDir, 'events.json'), join(site, 'data/events.json'));
  await cp(join(dataDir, 'articles'), join(site, 'data/articles'), { recursive: true });
  const t0 = performance.now();
  run(distTool, ['site', site]);
  const ms = performance.now() - t0;
  const files = (await readdir(site, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const pages = files.filter((d) => d.name === 'index.html').length;
  return { site_build_ms: round(ms), files: files.length, static_pages: pages };
}

// ---------------------------------------------------------------------------------------------
// In-page probe, installed before any page script runs. It times the first frame in which an
// element matching `selector` has a box (rAF polling: no observer cost on the page's own DOM
// work), captures the wasm memory, and runs scripted interactions with settle timing.
export function probe({ selector }) {
  const b = (window.__bench = { firstEvent: null, wasmMemory: null, longTasks: [], cls: 0 });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) b.cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  } catch (_) { /* not supported */ }
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = async function (...a) {
      const r = await orig.apply(this, a);
      const mem = (r.instance ?? r).exports?.memory;
      if (mem instanceof WebAssembly.Memory) b.wasmMemory = mem;
      return r;
    };
  }
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (_) { /* not supported */ }
  const shown = () => {
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      const text = el.matches('.tl-slide') ? el.querySelector('.tl-headline')?.textContent.trim() : 'x';
      if (r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && text) return true;
    }
    return false;
  };
  const poll = () => {
    if (shown()) b.firstEvent = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);

  /** Runs `act`, then waits until `until` (if any) matches and 3 frames pass without mutations.
   * The latency ends when the last mutated DOM has had its style and layout computed: after each
   * task that mutates, one message (a task of its own) forces layout and takes the time. */
  b.settle = (act, until) => new Promise((done, fail) => {
    let settled = null;
    let pending = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      void document.body.getBoundingClientRect();
      settled = performance.now();
      pending = false;
    };
    // The head is not drawn: a title written after the frame that drew the change (as the app
    // writes it with the history entry, `ui::url::write`) does not move the step's end.
    const drawn = (r) => !document.head?.contains(r.target);
    const mo = new MutationObserver((records) => {
      if (!pending && records.some(drawn)) { pending = true; channel.port2.postMessage(0); }
    });
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    let acted = null;
    Promise.resolve(act()).then(() => { acted = performance.now(); });
    let quiet = 0;
    let seen = settled;
    const tick = () => {
      if (settled !== seen || pending) { seen = settled; quiet = 0; } else quiet++;
      const ready = acted !== null && (!until || document.querySelector(until));
      if ((ready && quiet >= 3) || performance.now() - t0 > 60000) {
        mo.disconnect();
        channel.port1.close();
        // A step that changed nothing measured nothing: an error, never a 0 ms sample.
        if (settled === null && ready) fail(new Error('the step changed nothing on the page'));
        else done({ ms: Math.max(settled ?? 0, acted ?? performance.now()) - t0, timedOut: !ready });
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  const boxes = () => [...document.querySelectorAll('.filters fieldset')].filter((f) => f.querySelector('input[type=checkbox]'));
  const nth = (list, k) => list[k % list.length];
  const click = (el) => { if (!el) throw new Error('missing element'); el.click(); };
  const typeChar = (ch) => {
    const el = document.querySelector('#search');
    el.value += ch;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, data: ch, inputType: 'insertText' }));
  };
  /** One scripted interaction; returns its latency in ms. */
  b.step = ({ kind, k, text }) => {
    switch (kind) {
      // The checkboxes only: the country list also has its search field, which a click leaves as it is.
      case 'country': return b.settle(() => click(nth(boxes()[0].querySelectorAll('input[type=checkbox]'), 7 * k + 3)));
      case 'type': return b.settle(() => click(nth(boxes()[1].querySelectorAll('input[type=checkbox]'), k)));
      // Until the count is no longer "Searching…" (a search waits for the worker's index).
      case 'search': return b.settle(() => typeChar(text), '.result-count:not([aria-busy])');
      case 'zoom-in': return b.settle(() => click(document.querySelectorAll('.timeline-controls button')[0]));
      case 'zoom-out': return b.settle(() => click(document.querySelectorAll('.timeline-controls button')[1]));
      case 'open': return b.settle(() => click(nth(document.querySelectorAll('.event-list .event-row a'), k)),
        '.event-page .article-text, .event-page [role=alert]');
      case 'back': return b.settle(() => new Promise((popped) => {
        addEventListener('popstate', () => popped(), { once: true });
        history.back();
      }), '.event-list .event-row');
      default: throw new Error(`unknown step ${kind}`);
    }
  };
}

/** The 50 interactions: 5 rounds of a country on and off, a type on and off, zoom in and out,
 * opening an event from the list and going back, then typing. The typed word accumulates to
 * «السيبراني» ("the cyber"), found in both the shipped and the synthetic data: 6 characters in
 * the first round, then 2 and 1, so every round opens an event from a list that has rows (a
 * query word under 4 letters matches whole words only, and «ال» or «السي» match nothing in the
 * synthetic data; an open that found no row used to send the next "back" past the search). */
export function script(count = 50) {
  const word = [...'السيبراني'];
  const typed = [6, 2, 1, 0, 0];
  const steps = [];
  for (let k = 0, at = 0; k < typed.length; k++) {
    steps.push({ kind: 'country', k }, { kind: 'country', k }, { kind: 'type', k }, { kind: 'type', k });
    steps.push({ kind: 'zoom-in', k }, { kind: 'zoom-out', k }, { kind: 'open', k }, { kind: 'back', k });
    for (const text of word.slice(at, at + typed[k])) steps.push({ kind: 'search', k, text });
    at += typed[k];
  }
  // 49 steps: one more zoom makes the 50.
  steps.push({ kind: 'zoom-in', k: typed.length });
  return steps.slice(0, count);
}
