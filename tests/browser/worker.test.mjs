// The service worker (src/bin/marsad-dist/sw.js) at the level of its protocol with the app: a
// plain page of the site's origin fetches data and posts the app's verdicts itself, so these
// tests need only the worker. What they guard: a response that fails the transport gate (an HTML
// page under 200, a redirect to another file, an HTML article) is never kept; nothing the app
// rejected replaces the last good copy; installing never replaces committed data; only the app's
// own pages get the app shell; a stalled network falls back to the committed copy; a site that
// dropped `sw.js` (or serves the kill switch) retires the offline copy.
//
// Each test has its own copy of a small sharded site, its own server (one port for the whole
// test: a worker belongs to its origin), its own browser context and registration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ready, DIST, tool, waitUntil } from './util.mjs';
import { serve } from './serve.mjs';

const DATA = 'marsad-data';
const SHARDS = 'marsad-shards-v2';
const HTML = 'text/html; charset=utf-8';
const PROBE = { body: '<!doctype html><meta charset="utf-8"><title>probe</title><p>probe', type: HTML };
const OTHER = { body: '<!doctype html><meta charset="utf-8"><title>Another site</title><p>Another site', type: HTML };
const work = mkdtempSync(join(tmpdir(), 'marsad-worker-'));
const template = join(work, 'template');
let browser, head, distTool;

before(async () => {
  distTool = await tool('marsad-dist');
  browser = await launch();
  // The shipped data split into a head and a few shards (32 KiB each at most).
  cpSync(DIST, template, { recursive: true });
  execFileSync(distTool, ['site', template, '--max-shard-bytes', '32768']);
  head = JSON.parse(readFileSync(join(template, 'data/events.json'), 'utf8'));
  assert.ok(head.shards.length >= 3, `${head.shards?.length} shards`);
});
after(async () => { await browser?.close(); rmSync(work, { recursive: true, force: true }); });

/**
 * One test's site: a copy of the template served on one port (`down()` / `up()` keep it), with
 * `overrides` (serve.mjs) and `hooks` (path → (req, res) handler, for what serve.mjs has no
 * option for: a redirect, a reply that never comes), every requested path in `seen`, and a page
 * in a context of its own. All of it is closed when the test ends.
 */
async function site(t, name, { overrides = {}, context = {} } = {}) {
  const dir = join(work, name);
  cpSync(template, dir, { recursive: true });
  const s = { dir, port: 0, server: null, seen: [], hooks: {}, overrides: { 'probe.html': PROBE, ...overrides } };
  s.up = async () => {
    const server = await serve({ root: dir, port: s.port, overrides: s.overrides });
    const [handler] = server.server.listeners('request');
    server.server.removeAllListeners('request');
    server.server.on('request', (req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname.slice(1));
      s.seen.push(path);
      (s.hooks[path] ?? handler)(req, res);
    });
    s.server = server;
    s.port = server.port;
    s.url = server.url;
  };
  s.down = async () => { await s.server?.close(); s.server = null; };
  s.count = (path) => s.seen.filter((p) => p === path).length;
  s.file = (path) => readFileSync(join(dir, path), 'utf8');
  await s.up();
  s.page = await newPage(browser, context);
  t.after(async () => { await s.page.context().close(); await s.down(); rmSync(dir, { recursive: true, force: true }); });
  return s;
}

/** Registers the worker from a plain page of the site and waits until it controls that page. */
async function controlled(s, script = 'sw.js') {
  await s.page.goto(`${s.url}probe.html`);
  await s.page.evaluate(async (script) => {
    await navigator.serviceWorker.register(script);
    await navigator.serviceWorker.ready;
  }, script);
  await s.page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 10000 });
}

/** `fetch(path)` in the page: status, headers and text, or the error. */
function get(page, path, headers = {}) {
  return page.evaluate(async ({ path, headers }) => {
    try {
      const r = await fetch(path, { headers });
      return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
    } catch (err) {
      return { error: String(err) };
    }
  }, { path, headers });
}

/** What the app does once it has tried to load a response (`marsad:verdict`). */
function verdict(page, message) {
  return page.evaluate((m) => navigator.serviceWorker.controller.postMessage({ type: 'marsad:verdict', ...m }), message);
}

/** The text committed in `cacheName` for `path` (relative to the site), or null. */
function committed(page, cacheName, path) {
  return page.evaluate(async ({ cacheName, path }) => {
    const hit = await caches.match(new URL(path, location.href).href, { cacheName });
    return hit ? hit.text() : null;
  }, { cacheName, path });
}

/** Waits until `path` is (or, with `present` false, is no longer) committed in `cacheName`. */
function waitCommitted(page, cacheName, path, present = true) {
  return waitUntil(page, async ({ cacheName, path, present }) => {
    const hit = await caches.match(new URL(path, location.href).href, { cacheName });
    return !!hit === present;
  }, { cacheName, path, present }, { timeout: 5000, polling: 50 });
}

/** Polls the page's title across the reloads a retirement causes. */
async function waitTitle(page, title, ms = 15000) {
  const end = Date.now() + ms;
  let seen;
  while (Date.now() < end) {
    seen = await page.title().catch(() => undefined);
    if (seen === title) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`title is ${JSON.stringify(seen)}, not ${JSON.stringify(title)}`);
}

const shardPath = (k) => `data/${head.shards[k].path}`;
const marsadState = (page) => page.evaluate(async () => ({
  caches: (await caches.keys()).filter((k) => k.startsWith('marsad-')),
  registrations: (await navigator.serviceWorker.getRegistrations()).length,
}));

/** Waits (up to 10 s) until nothing of Marsad's worker is left: retiring finishes asynchronously. */
async function retired(page) {
  let state;
  for (let i = 0; i < 100; i++) {
    state = await marsadState(page).catch(() => undefined);
    if (state && state.caches.length === 0 && state.registrations === 0) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return state;
}

test('a shard answered with an HTML page under 200 is never kept: the next request asks the network', async (t) => {
  const s = await site(t, 'html-shard');
  const shard = shardPath(1);
  s.overrides[shard] = { body: '<!doctype html><title>Error</title><p>Something went wrong', type: HTML };
  await controlled(s);
  const bad = await get(s.page, shard);
  assert.equal(bad.status, 200);
  assert.match(bad.body, /Something went wrong/, 'passed through: the app reports it');
  assert.equal(bad.headers['x-marsad-pending'], undefined, 'not a candidate');
  assert.equal(await s.page.evaluate((u) => caches.match(new URL(u, location.href).href).then((r) => !!r), shard), false);
  delete s.overrides[shard]; // the server is fixed
  const asked = s.count(shard);
  const good = await get(s.page, shard);
  assert.equal(s.count(shard), asked + 1, 'the network was asked again');
  assert.equal(good.body, s.file(shard));
  assert.ok(good.headers['x-marsad-pending'], 'a candidate awaiting the app');
  await verdict(s.page, { id: good.headers['x-marsad-pending'], ok: true });
  await waitCommitted(s.page, SHARDS, shard);
  const again = await get(s.page, shard);
  assert.equal(again.headers['x-marsad-source'], 'cache');
  assert.equal(again.body, s.file(shard));
  assert.equal(s.count(shard), asked + 1, 'a committed shard is served cache-first');
});

test('a shard redirected to another shard\'s file is never kept', async (t) => {
  const s = await site(t, 'redirect-shard');
  const [a, b] = [shardPath(0), shardPath(2)];
  s.hooks[a] = (req, res) => res.writeHead(302, { location: `/${b}`, 'cache-control': 'no-store' }).end();
  await controlled(s);
  const moved = await get(s.page, a);
  assert.equal(moved.body, s.file(b));
  assert.equal(moved.headers['x-marsad-pending'], undefined, 'not a candidate');
  assert.equal(await committed(s.page, SHARDS, a), null);
  delete s.hooks[a];
  const asked = s.count(a);
  const good = await get(s.page, a);
  assert.equal(s.count(a), asked + 1, 'the network was asked again');
  assert.equal(good.body, s.file(a));
});

test('a committed shard the app rejects is deleted, and the next request asks the network', async (t) => {
  const s = await site(t, 'reject-shard');
  const shard = shardPath(0);
  await controlled(s);
  const first = await get(s.page, shard);
  await verdict(s.page, { id: first.headers['x-marsad-pending'], ok: true });
  await waitCommitted(s.page, SHARDS, shard);
  assert.equal((await get(s.page, shard)).headers['x-marsad-source'], 'cache');
  const asked = s.count(shard);
  // The app found the committed copy unusable (say, its hash did not match).
  await verdict(s.page, { url: new URL(`${shard}?from=cache`, s.url).href, ok: false });
  await waitCommitted(s.page, SHARDS, shard, false);
  const again = await get(s.page, shard);
  assert.equal(s.count(shard), asked + 1, 'the network was asked');
  assert.ok(again.headers['x-marsad-pending']);
  // A verdict for a candidate the worker does not know (or no longer has) changes nothing.
  await verdict(s.page, { id: 'no-such-candidate', ok: true });
  await verdict(s.page, { id: again.headers['x-marsad-pending'], ok: false });
  await verdict(s.page, { id: again.headers['x-marsad-pending'], ok: true });
  await s.page.waitForTimeout(200);
  assert.equal(await committed(s.page, SHARDS, shard), null, 'a dropped candidate cannot be committed later');
});

test('"x-marsad-want: last-good" answers the committed copy, or 404 "none", and never asks the network', async (t) => {
  const s = await site(t, 'last-good');
  await controlled(s);
  const asked = s.seen.length;
  const last = await get(s.page, 'data/events.json?again', { 'x-marsad-want': 'last-good' });
  assert.equal(last.status, 200);
  assert.equal(last.headers['x-marsad-fallback'], 'invalid-update');
  assert.equal(last.body, s.file('data/events.json'), 'committed when the worker was installed');
  const none = await get(s.page, shardPath(0), { 'x-marsad-want': 'last-good' });
  assert.equal(none.status, 404);
  assert.equal(none.headers['x-marsad-fallback'], 'none');
  assert.equal(s.seen.length, asked, 'the network was not asked');
  // "network" skips a committed copy, even a shard's.
  const shard = shardPath(0);
  await verdict(s.page, { id: (await get(s.page, shard)).headers['x-marsad-pending'], ok: true });
  await waitCommitted(s.page, SHARDS, shard);
  const fresh = await get(s.page, shard, { 'x-marsad-want': 'network' });
  assert.equal(s.count(shard), 2);
  assert.ok(fresh.headers['x-marsad-pending']);
  assert.equal(fresh.headers['x-marsad-source'], undefined);
});

test('an events.json the app rejects never replaces the last good copy, online or offline', async (t) => {
  const s = await site(t, 'events');
  const good = s.file('data/events.json');
  const doc = JSON.parse(good);
  assert.match(good, /^\{"actors":/);
  const badShard = structuredClone(doc);
  badShard.shards[1].hash = '0000000000000000';
  const updates = {
    'an unknown schema_version': JSON.stringify({ ...doc, schema_version: 99 }),
    'a duplicate top-level key': `{"dataset_version":"dup",${good.slice(1)}`,
    'no head': '{"events": []}',
    'one bad shard entry': JSON.stringify(badShard),
  };
  await controlled(s);
  for (const [what, body] of Object.entries(updates)) {
    s.overrides['data/events.json'] = { body, type: 'application/json' };
    const update = await get(s.page, 'data/events.json');
    assert.equal(update.body, body, `${what}: the worker does not judge it, the app does`);
    assert.ok(update.headers['x-marsad-pending'], what);
    await verdict(s.page, { id: update.headers['x-marsad-pending'], ok: false });
    const last = await get(s.page, 'data/events.json', { 'x-marsad-want': 'last-good' });
    assert.equal(last.body, good, `${what}: the last good copy`);
    assert.equal(last.headers['x-marsad-fallback'], 'invalid-update');
  }
  await s.down();
  const offline = await get(s.page, 'data/events.json');
  assert.equal(offline.body, good);
  assert.equal(offline.headers['x-marsad-fallback'], 'offline');
  // A good update the app accepts does replace it.
  const newer = JSON.stringify({ ...doc, dataset_version: 'newer' });
  s.overrides['data/events.json'] = { body: newer, type: 'application/json' };
  await s.up();
  const update = await get(s.page, 'data/events.json');
  await verdict(s.page, { id: update.headers['x-marsad-pending'], ok: true });
  await waitUntil(s.page, async () => (await (await caches.match(new URL('data/events.json', location.href).href, { cacheName: 'marsad-data' }))?.text() ?? '').includes('"newer"'), null, { timeout: 5000, polling: 50 });
  await s.down();
  assert.equal((await get(s.page, 'data/events.json')).body, newer);
});

test('an article answered with an HTML page keeps the good text, online and offline', async (t) => {
  const s = await site(t, 'article');
  const [art, other] = ['data/articles/a000.txt', 'data/articles/a001.txt'];
  const text = s.file(art);
  // At the first visit a001 comes back as an HTML page: installing does not commit it.
  s.overrides[other] = { body: '<!doctype html><h1>Down for maintenance</h1>', type: HTML };
  await controlled(s);
  assert.equal(await committed(s.page, DATA, art), text, 'committed when the worker was installed');
  assert.equal(await committed(s.page, DATA, other), null, 'an HTML page is not an article');
  const hostile = {
    'an HTML maintenance page under 200': [{ body: '<!doctype html><h1>Down for maintenance</h1>', type: HTML }, '200'],
    'an HTML error page under 503': [{ status: 503, body: '<h1>Service unavailable</h1>', type: HTML }, '503'],
    'a text that is not text/plain': [{ body: 'binary?', type: 'application/octet-stream' }, '200'],
  };
  for (const [what, [override, status]] of Object.entries(hostile)) {
    s.overrides[art] = override;
    const r = await get(s.page, art);
    assert.equal(r.body, text, what);
    assert.equal(r.headers['x-marsad-fallback'], 'server-error', what);
    assert.equal(r.headers['x-marsad-status'], status, what);
    assert.equal(r.headers['x-marsad-pending'], undefined, what);
  }
  // With no committed copy, the server's answer passes through for the app to report.
  const passed = await get(s.page, other);
  assert.match(passed.body, /maintenance/);
  assert.equal(passed.headers['x-marsad-fallback'], undefined);
  await s.down();
  const offline = await get(s.page, art);
  assert.equal(offline.body, text);
  assert.equal(offline.headers['x-marsad-fallback'], 'offline');
  assert.equal(offline.headers['content-type'], 'text/plain; charset=utf-8');
  assert.ok((await get(s.page, other)).error, 'no copy, no network: the error');
});

test('opening a data file in a tab shows the file, not the app, online and offline', async (t) => {
  // serve.mjs has no type for .md; a static host says text/markdown, which Chromium shows as text.
  const readme = readFileSync(join(DIST, 'data/README.md'), 'utf8');
  const s = await site(t, 'navigate', { overrides: { 'data/README.md': { body: readme, type: 'text/markdown; charset=utf-8' } } });
  await controlled(s);
  const files = {
    'data/README.md': readme.split('\n')[0],
    'data/events.json': '"dataset_version"',
    'data/articles/a002.txt': s.file('data/articles/a002.txt').trim().split('\n')[0].slice(0, 40),
  };
  const shell = () => s.page.evaluate(() => !!document.querySelector('script[type=module][src^="./start-"]'));
  const missing = await s.page.goto(`${s.url}data/missing.json`);
  assert.equal(missing.status(), 404);
  assert.equal(await shell(), false, 'a missing file is the server\'s 404, not the app');
  for (const online of [true, false]) {
    if (!online) await s.down();
    for (const [path, snippet] of Object.entries(files)) {
      const res = await s.page.goto(`${s.url}${path}`);
      assert.ok(res.ok(), `${path}: ${res.status()}`);
      assert.doesNotMatch(res.headers()['content-type'], /html/, path);
      assert.equal(await shell(), false, `${path} ${online ? 'online' : 'offline'} opened the app`);
      assert.ok((await s.page.textContent('body')).includes(snippet), `${path} ${online ? 'online' : 'offline'}`);
    }
    // The app's own pages are still the app.
    for (const page of ['', '?lang=en&view=countries', 'index.html', 'index.html?lang=en']) {
      await s.page.goto(`${s.url}${page}`);
      assert.equal(await shell(), true, `${page} ${online ? 'online' : 'offline'}`);
    }
  }
  // A file the device never saved, offline: the offline page, said as such (503), never the
  // app and never the browser's error page (the server's 404 online, above).
  const gone = await s.page.goto(`${s.url}data/missing.json`);
  assert.equal(gone.status(), 503);
  assert.equal(await shell(), false, 'a missing file offline is not the app');
  assert.equal(await s.page.textContent('section[lang=en] h1'), 'You are offline');
});

test('a stalled network falls back to the committed copy after the timeout, marked "stalled"', async (t) => {
  const s = await site(t, 'stalled');
  // The start module passes a test's timeout to the worker: sw.js?timeout=300.
  await s.page.context().addInitScript(() => { window.marsadSwTimeoutMs = 300; });
  await s.page.goto(`${s.url}?lang=en`);
  await ready(s.page);
  await s.page.evaluate(() => navigator.serviceWorker.ready);
  await s.page.reload();
  await ready(s.page);
  assert.match(await s.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), /\/sw\.js\?timeout=300$/);
  const held = [];
  s.hooks['data/events.json'] = (req, res) => held.push(res); // never answered
  const start = Date.now();
  const r = await get(s.page, 'data/events.json');
  const took = Date.now() - start;
  assert.equal(r.headers['x-marsad-fallback'], 'stalled');
  assert.equal(r.body, s.file('data/events.json'));
  assert.ok(took >= 250 && took < 3000, `${took} ms`);
  assert.equal(held.length, 1);
  // The explorer opens on the committed data.
  await s.page.reload();
  await ready(s.page);
  assert.equal(await s.page.getAttribute('.fallback', 'data-fallback'), 'stalled');
});

test('a site that stopped serving sw.js retires the offline copy; offline is not a retirement', async (t) => {
  const s = await site(t, 'retire-404');
  await s.page.goto(`${s.url}?lang=en`);
  await ready(s.page);
  await s.page.evaluate(() => navigator.serviceWorker.ready);
  await s.page.reload();
  await ready(s.page);
  assert.ok(await s.page.evaluate(() => !!navigator.serviceWorker.controller));
  // Offline: registering fails, but nothing is retired.
  await s.down();
  const warned = s.page.waitForEvent('console', (m) => m.text().includes('service worker not registered'));
  await s.page.reload();
  await ready(s.page);
  await warned;
  await s.page.waitForTimeout(300);
  let state = await marsadState(s.page);
  assert.equal(state.registrations, 1);
  assert.ok(state.caches.includes(DATA), state.caches.join());
  // Another site is deployed here, without sw.js.
  s.overrides['sw.js'] = { status: 404, body: 'not found', type: 'text/plain' };
  s.overrides['index.html'] = OTHER;
  await s.up();
  await s.page.goto(s.url).catch(() => {}); // the start module reloads the page
  await waitTitle(s.page, 'Another site');
  state = await marsadState(s.page);
  assert.deepEqual(state, { caches: [], registrations: 0 });
});

test('the kill switch from "marsad-dist retire" removes the worker and its caches', async (t) => {
  const s = await site(t, 'kill-switch');
  await s.page.goto(`${s.url}?lang=en`);
  await ready(s.page);
  await s.page.evaluate(() => navigator.serviceWorker.ready);
  await s.page.reload();
  await ready(s.page);
  assert.ok((await marsadState(s.page)).caches.length >= 2);
  execFileSync(distTool, ['retire', s.dir]);
  s.overrides['index.html'] = OTHER;
  await s.page.goto(s.url).catch(() => {}); // the worker reloads its pages
  // Chromium sometimes keeps the kill switch waiting while the old worker still controls an
  // open page (it defers activation behind the old worker; seen in about one run in three, with
  // every request of the page finished). The reader's next visit, once the tab is closed, gets
  // it in every case: that is the promise the README makes.
  const now = await waitTitle(s.page, 'Another site').then(() => true, () => false);
  if (!now) {
    t.diagnostic('the kill switch waited for the open page; retired on the next visit');
    const context = s.page.context();
    await s.page.close();
    s.page = await context.newPage();
    await s.page.goto(s.url).catch(() => {});
    await waitTitle(s.page, 'Another site');
  }
  assert.deepEqual(await retired(s.page), { caches: [], registrations: 0 });
});

test('activation deletes the old, unchecked "marsad-shards" cache', async (t) => {
  const s = await site(t, 'old-shards');
  await s.page.goto(`${s.url}probe.html`);
  await s.page.evaluate(async (path) => {
    await (await caches.open('marsad-shards')).put(path, new Response('<!doctype html><p>stale error page'));
  }, shardPath(0));
  await controlled(s);
  const keys = (await marsadState(s.page)).caches;
  assert.ok(!keys.includes('marsad-shards'), keys.join());
  assert.ok(keys.includes(DATA), keys.join());
  const shard = await get(s.page, shardPath(0));
  assert.equal(shard.body, s.file(shardPath(0)));
});

test('installing a new version never replaces committed data, and commits what is new', async (t) => {
  const s = await site(t, 'install');
  await controlled(s);
  const v1 = s.file('data/events.json');
  assert.equal(await committed(s.page, DATA, 'data/events.json'), v1);
  // A new build: new data, a new article, a changed shell file.
  const doc = JSON.parse(v1);
  writeFileSync(join(s.dir, 'data/events.json'), JSON.stringify({ ...doc, dataset_version: 'v2' }));
  writeFileSync(join(s.dir, 'data/articles/a999.txt'), 'A new article.\n');
  appendFileSync(join(s.dir, 'icon.svg'), '\n<!-- v2 -->\n');
  execFileSync(distTool, ['site', s.dir, '--max-shard-bytes', '32768']);
  const oldVersion = (await marsadState(s.page)).caches.find((k) => ![DATA, SHARDS].includes(k));
  await s.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
    const w = reg.installing;
    if (w && w.state !== 'installed') await new Promise((r) => w.addEventListener('statechange', () => w.state === 'installed' && r()));
  });
  assert.ok(await s.page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting), 'a new version waits');
  assert.equal(await committed(s.page, DATA, 'data/events.json'), v1, 'installing kept the committed copy');
  assert.equal(await committed(s.page, DATA, 'data/articles/a999.txt'), 'A new article.\n');
  await s.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const w = reg.waiting;
    const activated = new Promise((r) => w.addEventListener('statechange', () => w.state === 'activated' && r()));
    w.postMessage('skip-waiting');
    await activated;
  });
  const keys = (await marsadState(s.page)).caches;
  assert.ok(!keys.includes(oldVersion), keys.join());
  assert.equal(await committed(s.page, DATA, 'data/events.json'), v1, 'activating kept it too');
});
