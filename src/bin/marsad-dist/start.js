// Written by marsad-dist: Trunk's start-up script as an external module (strict CSP).
import init from './__GLUE__';
// The page paints first (a static page is the content): the wasm and the data files the page
// names (`marsad-preload`, from the site root, where this module is) start once that frame is
// drawn, so on a slow connection they never take bandwidth from the page's own HTML and CSS. A
// hidden tab draws no frame: a timer starts them anyway.
new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
  setTimeout(painted, 100);
}).then(() => {
  const preload = (file) => {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = new URL(file, import.meta.url).href;
    document.head.append(link);
  };
  for (const m of document.querySelectorAll('meta[name=marsad-preload]')) preload(m.content);
  // Where the filter panel starts open (`ui::filters::starts_open` reads this decision from the
  // root, `data-filters-open`): where the stylesheet lays it beside the results (its one
  // breakpoint, `--filters-beside`), and in an embed only with `filters=1`, read as
  // `query::read_flag` reads it. There the panel's module and the shared parts it needs
  // (`marsad-preload-wide`) are preloaded after the wasm: the app asks for them as it starts,
  // which would otherwise be a round trip after the first module is in.
  const query = new URLSearchParams(location.search);
  const beside = getComputedStyle(document.documentElement).getPropertyValue('--filters-beside').trim() !== '0';
  const open = query.has('embed') ? query.get('filters')?.trim() === '1' : beside;
  if (open) document.documentElement.setAttribute('data-filters-open', '');
  const started = init({ module_or_path: new URL('./__WASM__', import.meta.url) });
  if (open) {
    for (const m of document.querySelectorAll('meta[name=marsad-preload-wide]')) m.content.split(' ').forEach(preload);
  }
  return started;
}).catch((err) => {
  console.error(err);
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = 'تعذّر تشغيل مرصد في هذا المتصفح. · Marsad could not start in this browser.';
  document.body.append(p);
  // The app will fetch nothing: what waits for it to say so (`marsad-settled`) need not wait.
  dispatchEvent(new Event('marsad-settled'));
});
// --- release builds only: the service worker ---
// How long "Reload" waits for the new version to take over before saying the browser holds it
// (it takes about a second).
const UPDATE_GRACE_MS = 4000;
// The latest the worker's registration waits for the page to settle (see below).
const SETTLE_MS = 30000;
// Registered in release builds, never in embeds (a third-party iframe's worker is partitioned,
// and embeds stay online-first). Tells the app when a new version waits (`marsad-update`,
// `marsadUpdateReady`, `marsadApplyUpdate`) and when the browser holds it back after the reader
// asked (`marsad-update-held`), and reloads into the new version only when the reader asks.
if ('serviceWorker' in navigator && !new URLSearchParams(location.search).has('embed')) {
  // A test may shorten the worker's network timeout (milliseconds): sw.js?timeout=MS.
  const timeout = Math.round(Number(window.marsadSwTimeoutMs));
  // Relative to this module, which sits at the site root: a static page may be deeper.
  const script = new URL(timeout > 0 ? `./sw.js?timeout=${timeout}` : './sw.js', import.meta.url);
  const returning = !!navigator.serviceWorker.controller;
  // Registered once the page has fetched what it fetches on its own (`marsad-settled`: the app
  // says so once every event is in and the views' module asked for, or its load failed): a
  // first visit's install of the whole app for offline reading then neither takes bandwidth from
  // the page's own downloads nor fetches again what the page has just fetched (content-named
  // files come from the browser's cache: sw.js). At the latest SETTLE_MS after the start, so a
  // page whose app never says so still gets its worker.
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    registerWorker(script, returning);
  };
  addEventListener('marsad-settled', register, { once: true });
  setTimeout(register, SETTLE_MS);
}

function registerWorker(script, returning) {
  navigator.serviceWorker.register(script).then((reg) => {
    if (!reg) return undefined;
    const ready = () => {
      // The reader asked: the waiting version takes over, then the page reloads into it.
      window.marsadApplyUpdate = () => {
        const w = reg.waiting;
        if (!w) { location.reload(); return; }
        w.addEventListener('statechange', () => { if (w.state === 'activated') location.reload(); });
        w.postMessage('skip-waiting');
        // The browser activates it only once the old version has no work left, and Chromium can
        // hold that for minutes (ARCHITECTURE.md). A reload from the page would wait on the same
        // activation; a reload from the browser finishes it: the prompt says so
        // (`marsad-update-held`).
        setTimeout(() => {
          if (w.state === 'installed') window.dispatchEvent(new Event('marsad-update-held'));
        }, UPDATE_GRACE_MS);
      };
      window.marsadUpdateReady = true;
      window.dispatchEvent(new Event('marsad-update'));
    };
    if (reg.waiting && navigator.serviceWorker.controller) ready();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => { if (w.state === 'installed' && navigator.serviceWorker.controller) ready(); });
    });
    // register() answers an existing registration without asking the server: an update check
    // tells a returning reader's page whether the site still serves the worker.
    return returning ? reg.update() : undefined;
  }).catch((err) => {
    console.warn('service worker not registered or updated', err);
    return retireIfGone();
  });
}

// Retirement: the site answers sw.js with 404 or 410 (not a network error: offline is no reason),
// so it no longer runs Marsad's worker, and the offline copy would outlive the site. Unregister,
// delete every `marsad-*` cache and reload once, from the network.
async function retireIfGone() {
  let res;
  try {
    res = await fetch(new URL('./sw.js', import.meta.url), { cache: 'no-store' });
  } catch (_) {
    return;
  }
  if (res.status !== 404 && res.status !== 410) return;
  let retired = false;
  const reg = await navigator.serviceWorker.getRegistration();
  if (reg) retired = (await reg.unregister()) || retired;
  // Until none is left: a write the old worker had begun before its shell cache went (it checks
  // for that cache first, and undoes a write that lost the race) can still land meanwhile.
  for (let pass = 0; pass < 5; pass++) {
    const left = (await caches.keys()).filter((key) => key.startsWith('marsad-'));
    if (left.length === 0) break;
    for (const key of left) retired = (await caches.delete(key)) || retired;
    await new Promise((done) => setTimeout(done, 100));
  }
  let again = false;
  try {
    again = sessionStorage.getItem('marsad-retired') === '1';
    sessionStorage.setItem('marsad-retired', '1');
  } catch (_) {
    again = true; // without storage there is no loop guard: do not reload
  }
  if (retired && !again) location.reload();
}
