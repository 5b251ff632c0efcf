// Written by marsad-dist from the build itself: do not edit.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `marsad-${VERSION}`;
const DATA = /\/data\/(events\.json|articles\/[^/]+)$/;
const SHARDS = 'marsad-shards';
const SHARD = /\/data\/shards\/[^/]+\.json$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('marsad-') && key !== CACHE && key !== SHARDS) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => { if (event.data === 'skip-waiting') self.skipWaiting(); });

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') event.respondWith(page(req));
  else if (DATA.test(url.pathname)) event.respondWith(data(url));
  else if (SHARD.test(url.pathname)) event.respondWith(shard(req));
  else event.respondWith(caches.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req)));
});

// Any query-string URL of the app is the app's one page, as this version built it.
async function page(req) {
  const hit = await caches.match(new URL('index.html', self.registration.scope).href);
  return hit || fetch(req);
}

function marked(res, why) {
  const headers = new Headers(res.headers);
  headers.set('x-marsad-fallback', why);
  return res.blob().then((body) => new Response(body, { status: res.status, statusText: res.statusText, headers }));
}

// A shard's name carries its content hash: once fetched, it never changes.
async function shard(req) {
  const cache = await caches.open(SHARDS);
  const hit = await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

// Data is network-first, so a returning reader online gets the newest dataset; a copy that does
// not parse never replaces the last good one.
async function data(url) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname;
  let res;
  try {
    res = await fetch(key, { cache: 'no-cache' });
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return marked(hit, 'offline');
    throw err;
  }
  if (!res.ok) {
    const hit = await cache.match(key);
    return hit ? marked(hit, 'offline') : res;
  }
  if (key.endsWith('/events.json')) {
    let sound = false;
    try { const doc = JSON.parse(await res.clone().text()); sound = Array.isArray(doc && doc.events); } catch (_) {}
    if (!sound) {
      const hit = await cache.match(key);
      return hit ? marked(hit, 'invalid-update') : res;
    }
  }
  await cache.put(key, res.clone());
  return res;
}
