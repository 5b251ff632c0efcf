// Marsad's service worker. Written by marsad-dist (src/bin/marsad-dist/sw.js) with the build's
// file list and version filled in: do not edit the copy in a built site.
//
// Caches (every name starts with `marsad-`, so retiring removes them all):
// - `marsad-<VERSION>`: the app shell, every built file outside data/, precached at install;
//   older versions are deleted when this one activates.
// - `marsad-flags-<HASH>`: the flags (256 files), each kept the first time a card shows it, never
//   precached; named after the flags' contents, so it outlives app updates.
// - `marsad-data`: committed copies of data/events.json, the articles and the other data files;
//   it outlives app updates.
// - `marsad-shards-v2`: committed shards (content-addressed names); it outlives app updates. The
//   old `marsad-shards`, filled without any check, is deleted at activation.
// Whether data is loadable is decided by ONE thing, the app's loader: the worker answers a fresh
// response as a candidate (`x-marsad-pending: <id>`), and commits it only when the app posts
// `{type: 'marsad:verdict', id, ok: true}`. Its own check is a transport gate (status 2xx, not
// redirected to another file, not HTML; article texts text/plain): nothing that fails it becomes
// a candidate or a committed copy. The protocol is documented in ARCHITECTURE.md.
const VERSION = '__VERSION__';
// Every file installed: the shell (precached), and data files (committed if not yet there).
const FILES = __FILES__;
// The shell's files named by their contents (`is_content_named` in marsad-dist): a name is one
// version of one file, so the install takes it from the browser's cache where the page has
// just fetched it (a first visit otherwise sent the first wasm, its modules and scripts twice).
// Any other file (the home pages, the icons) is asked of the server again (`no-cache`).
const NAMED = new Set(__NAMED__);
const SHELL = `marsad-${VERSION}`;
const DATA = 'marsad-data';
const SHARDS = 'marsad-shards-v2';
// Static pages beyond the two home pages, kept as the reader visits them (never precached: a
// large dataset has thousands).
const PAGES = 'marsad-pages';
const FLAGS = 'marsad-flags-__FLAGS__';
const KEEP = [SHELL, DATA, SHARDS, PAGES, FLAGS];
// A static page's path below the scope (`marsad::page::static_path`).
const PAGE = /^(en\/)?((event\/[^/]+|country\/[A-Z]{2}|countries|network|changes)\/)?(index\.html)?$/;
// How long a data request waits for the network when a committed copy could answer instead:
// 8 s, or `sw.js?timeout=MS` (the start module passes `window.marsadSwTimeoutMs`, for tests).
const TIMEOUT_MS = Math.max(0, Number(new URL(self.location.href).searchParams.get('timeout'))) || 8000;
// Candidates awaiting the app's verdict, oldest first; a lost one is simply not committed.
const PENDING_MAX = 24;
const pending = new Map();
const BOOT = Math.random().toString(36).slice(2, 10);
let serial = 0;

const scope = () => new URL(self.registration.scope);
const at = (file) => new URL(file, self.registration.scope).href;
// Cache keys ignore the query string.
const keyOf = (url) => url.origin + url.pathname;
const dataPath = (url) => {
  const base = scope();
  return url.origin === base.origin && url.pathname.startsWith(`${base.pathname}data/`)
    ? url.pathname.slice(base.pathname.length + 'data/'.length)
    : null;
};
const isShard = (path) => /^shards\/[^/]+\.json$/.test(path);
const isArticle = (path) => /^articles\/[^/]+$/.test(path);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL);
    const request = (f) => new Request(at(f), { cache: NAMED.has(f) ? 'force-cache' : 'no-cache' });
    // The home pages are asked for as the reader's browser asked for them: by the URL of a
    // window open on one (its query string too, which a static host ignores), else by the
    // folder. The browser's cache then answers the revalidation of the page just read, and a
    // host that redirects `index.html` to its folder leaves no redirected response, which could
    // not answer a navigation. They are kept under their files' names, which `navigate` looks up.
    const home = (f) => f === 'index.html' || f.endsWith('/index.html');
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const source = (f) => {
      const folder = at(f.slice(0, -'index.html'.length));
      const read = open.map((c) => new URL(c.url)).find((u) => [folder, at(f)].includes(keyOf(u)));
      return read ? read.href.split('#')[0] : folder;
    };
    await shell.addAll(FILES.filter((f) => !f.startsWith('data/') && !home(f)).map(request));
    await Promise.all(FILES.filter(home).map(async (f) => {
      const res = await fetch(source(f), { cache: 'no-cache' });
      if (!res.ok) throw new Error(`${f}: ${res.status}`);
      await shell.put(at(f), res.redirected ? new Response(res.body, res) : res);
    }));
    // Data: on a first visit there is nothing to lose; a committed copy is never replaced here.
    const data = await caches.open(DATA);
    await Promise.all(FILES.filter((f) => f.startsWith('data/')).map(async (f) => {
      const key = at(f);
      if (await data.match(key)) return;
      try {
        const res = await fetch(key, { cache: 'no-cache' });
        if (passesGate(res, new URL(key))) await data.put(key, res);
      } catch (_) { /* not committed this time */ }
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('marsad-') && !KEEP.includes(key)) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const m = event.data;
  if (m === 'skip-waiting') self.skipWaiting();
  else if (m && m.type === 'marsad:verdict') event.waitUntil(verdict(m));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === self.location.pathname) return; // the worker itself: always the network
  const path = dataPath(url);
  if (req.mode === 'navigate') event.respondWith(navigate(req, url));
  else if (path !== null) event.respondWith(data(req, url, path));
  else if (url.pathname.startsWith(`${scope().pathname}flags/`)) event.respondWith(flag(req, url));
  else event.respondWith(caches.match(req, { ignoreSearch: true, cacheName: SHELL }).then((hit) => hit || fetch(req)));
});

// A flag: the kept copy, else the network's (kept when it is one: after a retirement, nothing).
async function flag(req, url) {
  const hit = await caches.match(keyOf(url), { cacheName: FLAGS });
  if (hit) return hit;
  const res = await fetch(req);
  const type = (res.headers.get('content-type') || '').toLowerCase();
  if (res.ok && type.startsWith('image/webp') && (await caches.has(SHELL))) await keep(FLAGS, keyOf(url), res.clone());
  return res;
}

// The transport gate: a sanity check on what came back, not the definition of loadable.
function passesGate(res, url) {
  if (!res || res.status < 200 || res.status > 299) return false;
  if (res.redirected && new URL(res.url).pathname !== url.pathname) return false;
  const type = (res.headers.get('content-type') || '').toLowerCase().trim();
  if (type.startsWith('text/html')) return false;
  const path = dataPath(url);
  return !(path && isArticle(path)) || type.startsWith('text/plain');
}

// The shell only for the app's own pages (the scope URL and index.html, with any query string);
// a static page: network first, kept on the way, offline its copy, else the shell (it draws the
// same view, from the URL); any other page in the scope (a data file opened in a tab, say) is
// that file: network first, then a copy of that exact file from the caches, else the network's
// error.
async function navigate(req, url) {
  const base = scope().pathname;
  if (url.pathname === base || url.pathname === `${base}index.html`) {
    return (await caches.match(at('index.html'), { cacheName: SHELL })) || fetch(req);
  }
  const rel = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : null;
  if (rel !== null && PAGE.test(rel)) return staticPage(req, url);
  try {
    return await fetch(req);
  } catch (err) {
    for (const name of KEEP) {
      const hit = await caches.match(keyOf(url), { cacheName: name });
      if (hit) return hit;
    }
    // An address never saved (a feed, a release file, a mistyped one): say the reader is
    // offline, with the pages that open offline, rather than the browser's error page.
    const offline = await caches.match(at('offline.html'), { cacheName: SHELL });
    if (!offline) throw err;
    return new Response(offline.body, { status: 503, statusText: 'Offline', headers: offline.headers });
  }
}

// A static page, by its folder (`en/` and `en/index.html` are one page).
const pageKey = (url) => url.origin + url.pathname.replace(/index\.html$/, '');

async function staticPage(req, url) {
  try {
    const res = await fetch(req);
    const type = (res.headers.get('content-type') || '').toLowerCase();
    if (res.ok && type.startsWith('text/html') && (await caches.has(SHELL))) {
      await (await caches.open(PAGES)).put(pageKey(url), res.clone());
    }
    return res;
  } catch (err) {
    const hit = (await caches.match(pageKey(url), { cacheName: PAGES }))
      || (await caches.match(`${pageKey(url)}index.html`, { cacheName: SHELL }));
    if (hit) return hit;
    const shell = await caches.match(at('index.html'), { cacheName: SHELL });
    if (!shell) throw err;
    // The shell's links start from the site root: a <base> makes them work from this address,
    // and tells the start-up script that the static content is not this page's.
    const html = (await shell.text()).replace(/<head[^>]*>|<meta charset[^>]*>/i, (m) => `${m}<base href="${scope().href}">`);
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

function answer(body, res, extra) {
  const headers = new Headers(res.headers);
  // The body here is already decoded and may have another length.
  for (const h of ['x-marsad-pending', 'content-encoding', 'content-length']) headers.delete(h);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

async function fromCommitted(hit, extra) {
  return answer(await hit.blob(), hit, extra);
}

// Data under <scope>data/. Shards are cache-first (a name never changes its content), the rest
// network-first so a returning reader online gets the newest data. A 2xx passing the gate is a
// candidate; anything else falls back to the committed copy, saying why (`x-marsad-fallback`).
async function data(req, url, path) {
  const key = keyOf(url);
  const shard = isShard(path);
  // Reads never open (and so never create) a cache: after a retirement nothing comes back.
  const committed = () => caches.match(key, { cacheName: shard ? SHARDS : DATA });
  const want = req.headers.get('x-marsad-want');
  if (want === 'last-good') {
    const hit = await committed();
    return hit
      ? fromCommitted(hit, { 'x-marsad-fallback': 'invalid-update' })
      : new Response('', { status: 404, statusText: 'Not Found', headers: { 'x-marsad-fallback': 'none' } });
  }
  const hit = want === 'network' ? undefined : await committed();
  if (hit && shard) return fromCommitted(hit, { 'x-marsad-source': 'cache' });

  const abort = new AbortController();
  const network = (async () => {
    const res = await fetch(req.url, { cache: 'no-cache', credentials: 'same-origin', signal: abort.signal });
    if (!passesGate(res, url)) return { bad: res };
    return { res, body: await res.blob() };
  })();
  network.catch(() => {}); // after a timeout nobody waits for it
  let timer;
  const stalled = new Promise((ok) => { timer = setTimeout(() => ok({ stalled: true }), TIMEOUT_MS); });
  let got;
  try {
    got = await (hit ? Promise.race([network, stalled]) : network);
  } catch (err) {
    if (hit) return fromCommitted(hit, { 'x-marsad-fallback': 'offline' });
    throw err;
  } finally {
    clearTimeout(timer);
  }
  if (got.stalled) {
    abort.abort();
    return fromCommitted(hit, { 'x-marsad-fallback': 'stalled' });
  }
  if (got.bad) {
    if (!hit) return got.bad;
    return fromCommitted(hit, { 'x-marsad-fallback': 'server-error', 'x-marsad-status': String(got.bad.status) });
  }
  const id = `${BOOT}-${++serial}`;
  pending.set(id, { key, cache: shard ? SHARDS : DATA, body: got.body, res: got.res });
  while (pending.size > PENDING_MAX) pending.delete(pending.keys().next().value);
  return answer(got.body, got.res, { 'x-marsad-pending': id });
}

// Puts a response in cache `name`, unless this worker's shell cache went meanwhile (a retirement,
// or a newer version's activation): the write is undone, and a cache it created again is deleted
// (the page's retirement also deletes until no cache is left).
async function keep(name, key, res) {
  const cache = await caches.open(name);
  await cache.put(key, res);
  if (await caches.has(SHELL)) return;
  await cache.delete(key);
  if ((await cache.keys()).length === 0) await caches.delete(name);
}

// The app's verdict on a response: commit or drop a candidate, or delete a committed copy the
// app could not load (`url` without `id`).
async function verdict(m) {
  if (m.id !== undefined && m.id !== null) {
    const c = pending.get(String(m.id));
    pending.delete(String(m.id));
    // Without its shell cache this worker was retired (or the storage cleared): it commits nothing.
    if (c && m.ok === true && (await caches.has(SHELL))) await keep(c.cache, c.key, answer(c.body, c.res, {}));
  } else if (typeof m.url === 'string' && m.ok === false) {
    let url;
    try { url = new URL(m.url, self.registration.scope); } catch (_) { return; }
    const path = dataPath(url);
    const name = path === null ? null : isShard(path) ? SHARDS : DATA;
    if (name && (await caches.has(name))) await (await caches.open(name)).delete(keyOf(url));
  }
}
