// Faults the app must survive ([3/9]), with the real app (the worker's own side is in
// worker.test.mjs): stalled requests end in a message with retry; a stalled shard holds back no
// other; a bad shard entry or a bad path loses nothing else; a bad response never sticks; a
// server error is not called "offline"; no callback outlives its owner (no wasm panic).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, newPage, ready, DIST, listed, waitListed, tool } from './util.mjs';
import { serve } from './serve.mjs';

const shipped = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'marsad-faults-'));
const sharded = join(work, 'sharded');
const N = 1200;
let browser, head;

before(async () => {
  browser = await launch();
  cpSync(DIST, sharded, { recursive: true });
  rmSync(join(sharded, 'data'), { recursive: true });
  execFileSync(await tool('marsad-data'), ['synth', String(N), join(sharded, 'data'), '--seed', '9']);
  execFileSync(await tool('marsad-dist'), ['site', sharded, '--max-shard-bytes', String(96 * 1024)]);
  head = JSON.parse(readFileSync(join(sharded, 'data/events.json'), 'utf8'));
  assert.ok(head.shards.length >= 4, `${head.shards.length} shards`);
});
after(async () => { await browser?.close(); rmSync(work, { recursive: true, force: true }); });

/** A page whose requests time out after `ms` (the app's own timeout, set for the test). */
async function page(opts = {}, ms = 1500) {
  const p = await newPage(browser, { serviceWorkers: 'block', ...opts });
  await p.addInitScript((t) => { window.marsadTimeoutMs = t; }, ms);
  return p;
}
/** Never answers requests for `pattern` until released. */
async function stall(p, pattern) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await p.route(pattern, async (route) => { await gate; await route.continue().catch(() => {}); });
  return release;
}
/** Loads `url` until every shard is in. */
async function loaded(p) {
  await ready(p);
  await p.waitForSelector('.shard-progress', { state: 'detached', timeout: 20000 });
}
/** A page controlled by the site's service worker (one visit, then a reload). */
async function controlled(url) {
  const p = await newPage(browser);
  await p.goto(`${url}?lang=en`);
  await ready(p);
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.reload();
  await loaded(p);
  return p;
}
const panics = (p) => p.problems.filter((x) => /pageerror|unreachable|disposed|RuntimeError/i.test(x));

/**
 * A page of the app at `?query` whose split module `name` cannot be fetched (offline before the
 * service worker had it), once the app is ready; `online()` lets the module through again.
 */
async function withoutModule(name, query) {
  const server = await serve({ root: DIST });
  const p = await page();
  const glob = `**/${name}-*.wasm`;
  await p.route(glob, (route) => route.abort('internetdisconnected'));
  await p.goto(`${server.url}?${query}`);
  await ready(p);
  return { server, p, online: () => p.unroute(glob) };
}

test('a stalled events.json ends in a timeout message with a working retry', async () => {
  const server = await serve({ root: DIST });
  const p = await page();
  const release = await stall(p, '**/data/events.json');
  await p.goto(`${server.url}?lang=en`);
  await p.waitForSelector('.error-panel', { timeout: 10000 });
  assert.equal((await p.textContent('.error-panel p')).trim(), 'The data did not arrive in time. Check the connection and try again.');
  assert.match(await p.textContent('.error-panel pre'), /no answer within 2 s/);
  release();
  await p.unroute('**/data/events.json');
  await p.click('.error-panel button');
  await ready(p);
  assert.equal(await listed(p), shipped.events.length);
  await p.context().close();
  await server.close();
});

test('a stalled shard holds back none of the others, and after the timeout is named', async () => {
  const server = await serve({ root: sharded });
  const p = await page();
  const second = head.shards[1];
  await stall(p, `**/data/${second.path}`);
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  await p.waitForSelector('.shard-progress', { state: 'detached', timeout: 15000 });
  assert.equal(await listed(p), N - second.events);
  const notice = await p.textContent('.notice');
  assert.ok(notice.includes(second.path) && /no answer within 2 s/.test(notice), notice);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test('a stalled article ends in a message with a retry that works', async () => {
  const server = await serve({ root: DIST });
  const p = await page();
  const release = await stall(p, '**/data/articles/a000.txt');
  await p.goto(`${server.url}?lang=en&event=gb-cn-cyber-dialogue-2026`);
  await p.waitForSelector('.reader .error', { timeout: 10000 });
  release();
  await p.unroute('**/data/articles/a000.txt');
  await p.click('.reader button:has-text("Try again")');
  await p.waitForSelector('.article-text mark.current');
  await p.context().close();
  await server.close();
});

test('a view in a module of its own: one that cannot be fetched says so and a retry draws it; a static page waits for it', async () => {
  // The comparison's module cannot be fetched.
  const { server, p, online } = await withoutModule('split_compare', 'lang=en&compare=GB,CN');
  const failed = p.locator('[role=alert]', { hasText: 'This view could not be loaded. Check the connection and try again.' });
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await p.locator('.compare-table').count(), 0);
  await online();
  await failed.locator('button', { hasText: 'Try again' }).click();
  await p.locator('.compare-table').first().waitFor({ state: 'visible' });
  assert.equal(await failed.count(), 0);
  assert.match(await p.textContent('main h2'), /Comparison/);
  assert.deepEqual(panics(p), []);
  await p.context().close();

  // A reader arriving on the network's static page keeps reading it while the network's module
  // comes: the app takes over only once it can draw the network, never with "Loading…".
  const q = await page();
  let asked;
  const requested = new Promise((r) => { asked = r; });
  let release;
  const gate = new Promise((r) => { release = r; });
  await q.route('**/split_network-*.wasm', async (route) => { asked(); await gate; await route.continue().catch(() => {}); });
  await q.goto(`${server.url}en/network/`);
  await requested;
  await q.waitForTimeout(600);
  assert.ok(await q.locator('#static .network').isVisible(), 'the static network is shown while its module comes');
  // (The app is drawn behind it, hidden, "Loading…" there: the reader does not see it.)
  assert.equal(await q.locator('text=Loading this view >> visible=true').count(), 0);
  release();
  await ready(q);
  await q.locator('#main .network-svg >> visible=true').waitFor();
  assert.equal(await q.locator('text=Loading this view').count(), 0);
  assert.equal(await q.locator('#static').count(), 0);
  assert.deepEqual(panics(q), []);
  await q.context().close();
  await server.close();
});

test("a country card whose module cannot be fetched says so in the card's place; a retry draws it, and the list stays", async () => {
  const { server, p, online } = await withoutModule('split_opened_module', 'lang=en&country=CN');
  const failed = p.locator('.timeline-body [role=alert]', { hasText: 'This view could not be loaded. Check the connection and try again.' });
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await p.locator('.country-card').count(), 0);
  // Only the card is missing: the filtered list is there to read.
  const china = shipped.events.filter((e) => e.parties.includes('CN')).length;
  assert.equal(await listed(p), china);
  await online();
  await failed.locator('button', { hasText: 'Try again' }).click();
  const card = p.locator('.country-card[data-country="CN"]');
  await card.waitFor({ state: 'visible' });
  assert.match(await card.locator('h2').textContent(), /China/);
  assert.equal(await failed.count(), 0);
  // The grid of cards comes from the same module, in now: drawn at once.
  await p.click('.main-nav a:text-is("Country cards")');
  await p.locator('.card-grid .country-card').first().waitFor({ state: 'visible' });
  assert.equal(await p.locator('text=Loading this view').count(), 0);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test("an event page whose module cannot be fetched says so in the page's place; a retry draws it with its quote", async () => {
  const { server, p, online } = await withoutModule('split_opened_module', 'lang=en');
  const first = p.locator('.event-list .event-row a').first();
  const title = (await first.textContent()).trim();
  await first.click();
  const failed = p.locator('#main [role=alert]', { hasText: 'This view could not be loaded. Check the connection and try again.' });
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await p.locator('.event-page').count(), 0);
  // The views' tabs are there, and the page's own way back, before the message: it works.
  assert.ok(await p.locator('.main-nav a:text-is("Timeline")').isVisible());
  const back = p.locator('#main a.back', { hasText: 'Back to events' });
  assert.ok(await back.isVisible(), 'the way back to the list is shown');
  assert.ok(await back.evaluate((a) => !!(a.compareDocumentPosition(document.querySelector('#main [role=alert]')) & Node.DOCUMENT_POSITION_FOLLOWING)));
  await back.click();
  await first.waitFor({ state: 'visible' });
  assert.equal((await first.textContent()).trim(), title);
  assert.equal(await failed.count(), 0);
  await first.click();
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  await online();
  await failed.locator('button', { hasText: 'Try again' }).click();
  await p.locator('.event-page h1').waitFor({ state: 'visible' });
  assert.equal((await p.textContent('.event-page h1')).trim(), title);
  await p.locator('.article-text mark.current').waitFor({ state: 'visible' });
  assert.equal(await failed.count(), 0);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test('an event page whose module is slow: no flash of "Loading this view…" in the first moment, then the status, then the page', async () => {
  const server = await serve({ root: DIST });
  const p = await page();
  const release = await stall(p, '**/split_opened_module-*.wasm');
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  // What the status looks like as it is drawn and 150 ms later (in the page: no round trips).
  await p.evaluate(() => {
    window.__seen = new Promise((done) => {
      new MutationObserver((ms, mo) => {
        const added = ms.flatMap((m) => [...m.addedNodes]).filter((x) => x.nodeType === 1);
        const n = added.map((x) => (x.matches('.split-loading') ? x : x.querySelector('.split-loading'))).find(Boolean);
        if (!n) return;
        mo.disconnect();
        const look = () => ({ visibility: getComputedStyle(n).visibility, height: n.getBoundingClientRect().height });
        const drawn = look();
        setTimeout(() => done({ drawn, later: look() }), 150);
      }).observe(document.body, { childList: true, subtree: true });
    });
  });
  await p.locator('.event-list .event-row a').first().click();
  const { drawn, later } = await p.evaluate(() => window.__seen);
  // It keeps its place from the start (nothing moves when it shows), unseen for the first moment.
  assert.deepEqual([drawn.visibility, later.visibility], ['hidden', 'hidden']);
  assert.ok(drawn.height > 0);
  const loading = p.locator('#main .split-loading', { hasText: 'Loading this view' });
  await loading.waitFor({ state: 'visible', timeout: 2000 });
  release();
  await p.locator('.event-page .article-text mark.current').waitFor({ state: 'visible' });
  assert.equal(await loading.count(), 0);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test('an embed dialog whose module cannot be fetched says so in the dialog; a retry draws it, focused', async () => {
  const { server, p, online } = await withoutModule('split_embed_module', 'lang=en&country=CN');
  await p.click('button[aria-haspopup="dialog"]');
  const failed = p.locator('dialog[open] [role=alert]', { hasText: 'This view could not be loaded. Check the connection and try again.' });
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  // The dialog is named and can be closed meanwhile.
  assert.equal(await p.locator('dialog[open] #embed-heading').textContent(), 'Embed this view in another page');
  assert.equal(await p.locator('#embed-loader').count(), 0);
  await online();
  await failed.locator('button', { hasText: 'Try again' }).click();
  await p.locator('#embed-loader').waitFor({ state: 'visible' });
  await p.waitForFunction(() => document.activeElement?.id === 'embed-widget');
  assert.match(await p.inputValue('#embed-loader'), /embed=country&amp;country=CN/);
  assert.equal(await failed.count(), 0);
  await p.keyboard.press('Escape');
  assert.equal(await p.$('dialog[open]'), null);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test("a widget whose module cannot be fetched says so inside its frame, in the widget's language; a retry draws it", async () => {
  const server = await serve({ root: DIST });
  for (const [lang, says, retry] of [['en', 'This view could not be loaded.', 'Try again'], ['ar', 'تعذّر', 'أعد المحاولة']]) {
    const p = await page({ width: 400, height: 700 });
    const glob = '**/split_widget_module-*.wasm';
    await p.route(glob, (route) => route.abort('internetdisconnected'));
    await p.goto(`${server.url}?lang=${lang}&embed=country&country=CN`);
    const failed = p.locator('[role=alert]', { hasText: says });
    await failed.waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await p.locator('.embed').count(), 0);
    // Set in from the frame's four edges as a widget's content is (.embed's 8 px by 12 px), not
    // drawn against them.
    const box = await failed.boundingBox();
    const inset = [box.x, 400 - (box.x + box.width), box.y];
    assert.deepEqual(inset.map(Math.round), [12, 12, 8], `${lang}: the notice's inset ${inset}`);
    await p.unroute(glob);
    await failed.locator('button', { hasText: retry }).click();
    await p.locator('.embed .country-card h2').waitFor({ state: 'visible' });
    assert.equal(await failed.count(), 0);
    assert.deepEqual(panics(p), []);
    await p.context().close();
  }
  await server.close();
});

test('a download whose writers cannot be fetched says so under the buttons; the next click downloads', async () => {
  const { server, p, online } = await withoutModule('split_exports', 'lang=en');
  await p.click('button[data-download="csv"]');
  const failed = p.locator('.downloads [role=alert]', { hasText: 'The file could not be prepared. Check the connection and try again.' });
  await failed.waitFor({ state: 'visible', timeout: 10000 });
  await online();
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('button[data-download="csv"]')]);
  assert.match(dl.suggestedFilename(), /\.csv$/);
  assert.match(readFileSync(await dl.path(), 'utf8'), /^\uFEFF?id,/);
  assert.equal(await failed.count(), 0);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test('one bad shard entry in the head is skipped and named; every other shard loads', async () => {
  const bad = structuredClone(head);
  bad.shards[1] = { ...bad.shards[1], events: '554' };
  bad.shards[2] = { ...bad.shards[2], extra: true };
  const server = await serve({ root: sharded, overrides: { 'data/events.json': { body: JSON.stringify(bad) } } });
  const p = await page();
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  await p.waitForSelector('.shard-progress', { state: 'detached', timeout: 15000 });
  assert.equal(await listed(p), N - head.shards[1].events - head.shards[2].events);
  const items = await p.$$eval('.notice li', (l) => l.map((x) => x.textContent));
  assert.ok(items.some((x) => x.startsWith('$.shards[1]')) && items.some((x) => x.startsWith('$.shards[2]')), items.join('\n'));
  await p.context().close();
  await server.close();
});

test('encoded dot segments in a data path never reach outside the data folder', async () => {
  const doc = structuredClone(shipped);
  doc.articles[0].text = '%2e%2e/index.html';
  doc.articles[1].text = '.\t./sw.js';
  const server = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(doc) } } });
  const p = await page();
  const fetched = [];
  p.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  // The notice comes from the notices' module, fetched when there is one to show.
  await p.waitForSelector('.notice li', { state: 'attached' });
  const items = await p.$$eval('.notice li', (l) => l.map((x) => x.textContent));
  assert.ok(items.includes('$.articles[0].text: must be a relative path inside the data folder'), items.join('\n'));
  assert.ok(items.includes('$.articles[1].text: must be a relative path inside the data folder'), items.join('\n'));
  // Every event citing the other articles still opens, with its text.
  const e = shipped.events.find((x) => x.sources.every((s) => !['a000', 'a001'].includes(s.article)));
  await p.goto(`${server.url}?lang=en&event=${e.id}`);
  await p.waitForSelector('.article-text');
  assert.ok(!fetched.some((f) => f.endsWith('/index.html') && fetched.indexOf(f) > 0 && f.includes('data')));
  assert.ok(fetched.every((f) => !/\/data\/\.\.|%2e/i.test(f)), fetched.join('\n'));
  await p.context().close();
  await server.close();
});

test('an HTML page served as an article is refused, not shown as text', async () => {
  const html = '<!doctype html><html><head><title>Maintenance</title></head><body>Back soon</body></html>';
  const server = await serve({ root: DIST, overrides: { 'data/articles/a000.txt': { body: html, type: 'text/html; charset=utf-8' } } });
  const p = await page();
  await p.goto(`${server.url}?lang=en&event=gb-cn-cyber-dialogue-2026`);
  await p.waitForSelector('.reader .error');
  assert.equal(await p.$('.article-text'), null);
  assert.ok(!(await p.textContent('.reader')).includes('<title>'));
  await p.context().close();
  await server.close();
});

test('a shard answered once with an HTML page does not stick: after the server is fixed, every event is back', async () => {
  const bad = head.shards[2];
  const overrides = { [`data/${bad.path}`]: { body: '<!doctype html><title>Error</title>', type: 'text/html' } };
  let server = await serve({ root: sharded, overrides });
  const port = server.port;
  const p = await controlled(server.url);
  assert.equal(await listed(p), N - bad.events);
  await server.close();
  server = await serve({ root: sharded, port });
  await p.reload();
  await loaded(p);
  assert.equal(await listed(p), N);
  // And offline too: what the app accepted is what the worker kept.
  await server.close();
  await p.reload();
  await loaded(p);
  assert.equal(await listed(p), N);
  await p.context().close();
});

test('a server error with a saved copy says so, and does not claim the reader is offline', async () => {
  let server = await serve({ root: DIST });
  const port = server.port;
  const p = await controlled(server.url);
  await server.close();
  server = await serve({ root: DIST, port, overrides: { 'data/events.json': { status: 500, body: 'oops', type: 'text/plain' } } });
  await p.reload();
  await ready(p);
  assert.equal(await p.getAttribute('.fallback', 'data-fallback'), 'server-error');
  assert.equal((await p.textContent('.fallback')).trim(),
    'The server answered with an error, so the data saved on this device is shown. (HTTP 500)');
  assert.equal(await listed(p), shipped.events.length);
  await p.context().close();
  await server.close();
});

test('the error panel offers a waiting new version', async () => {
  const dir = join(work, 'update');
  cpSync(DIST, dir, { recursive: true });
  let server = await serve({ root: dir });
  const port = server.port;
  const p = await newPage(browser);
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  await p.evaluate(() => navigator.serviceWorker.ready);
  await server.close();
  // A broken deployment: data that does not load, and a new build waiting.
  writeFileSync(join(dir, 'icon.svg'), `${readFileSync(join(dir, 'icon.svg'), 'utf8')}\n<!-- v2 -->\n`);
  execFileSync(await tool('marsad-dist'), ['site', dir]);
  server = await serve({ root: dir, port, overrides: { 'data/events.json': { body: '{"schema_version": 2}' } } });
  await p.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r.unregister(); });
  await p.evaluate(() => caches.keys().then((k) => Promise.all(k.map((x) => caches.delete(x)))));
  await p.goto(`${server.url}?lang=en`);
  await p.waitForSelector('.error-panel');
  await p.evaluate(() => navigator.serviceWorker.ready);
  // A second build appears while the reader looks at the error.
  writeFileSync(join(dir, 'icon.svg'), `${readFileSync(join(dir, 'icon.svg'), 'utf8')}\n<!-- v3 -->\n`);
  execFileSync(await tool('marsad-dist'), ['site', dir]);
  await p.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await p.waitForSelector('.error-panel .update-prompt button', { timeout: 20000 });
  await p.context().close();
  await server.close();
});

test('no callback outlives its owner: a sharded embed, and leaving the list while it scrolls', async () => {
  const server = await serve({ root: sharded });
  const p = await page({}, 15000);
  await p.goto(`${server.url}?lang=en&embed=timeline`);
  await p.waitForSelector('.embed .result-count');
  await p.waitForFunction(() => !document.querySelector('.shard-progress'));
  await p.waitForTimeout(300);
  assert.deepEqual(panics(p), []);
  await p.goto(`${server.url}?lang=en`);
  await ready(p);
  for (let i = 0; i < 5; i++) {
    // A scroll and a navigation away from the list in the same task.
    await p.evaluate(() => {
      window.scrollBy(0, 400);
      window.dispatchEvent(new Event('resize'));
      document.querySelector('.event-list .event-row a').click();
    });
    await p.waitForSelector('.event-page');
    await p.goBack();
    await p.waitForSelector('.event-list');
  }
  await p.waitForTimeout(300);
  assert.deepEqual(panics(p), []);
  await p.context().close();
  await server.close();
});

test('an over-long article shows each quote in its neighbourhood, fetched once per event page', async () => {
  const e = shipped.events.find((x) => x.id === 'gb-cn-cyber-dialogue-2026');
  const original = readFileSync(join(DIST, 'data/articles/a000.txt'), 'utf8');
  // 1 MB of one-letter words around the real text.
  const filler = 'ط '.repeat(250000);
  const server = await serve({ root: DIST, overrides: { 'data/articles/a000.txt': { body: `${filler}\n${original}\n${filler}`, type: 'text/plain; charset=utf-8' } } });
  const p = await page({}, 15000);
  let fetches = 0;
  p.on('request', (r) => { if (r.url().endsWith('/data/articles/a000.txt')) fetches += 1; });
  await p.goto(`${server.url}?lang=en&event=${e.id}`);
  await p.waitForSelector('.article-text mark.current', { timeout: 15000 });
  assert.ok(await p.$$eval('.article-text .gap', (g) => g.length) >= 1, 'the article is cut around its quotes');
  const chars = await p.$eval('.article-text', (a) => a.textContent.length);
  assert.ok(chars < 30000, `${chars} characters rendered`);
  assert.equal(await p.$$eval('.article-text mark', (m) => m.length), e.sources.length);
  await p.click('.reader-nav button:nth-of-type(2)');
  await p.click('.reader-nav button:nth-of-type(2)');
  assert.equal(fetches, 1, 'one request for the article, however many quotes');
  await p.context().close();
  await server.close();
});
