// Offline after the first visit: the service worker precaches the build; with the server gone
// every view still works; new data reaches a returning reader; a damaged data update never
// replaces the last good data; a new app build offers "update available — reload".
// Each test visits its own copy of the build on its own port, in its own browser context.
// The worker's protocol itself is tested in worker.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ready, DIST, listed, waitListed, waitUntil, publishNewBuild } from './util.mjs';
import { serve, timesSent } from './serve.mjs';

const data = JSON.parse(readFileSync(join(DIST, 'data/events.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'marsad-offline-'));
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); rmSync(work, { recursive: true, force: true }); });

/**
 * A copy of the build served on one port for the whole test (a worker belongs to its origin;
 * `down()` and `up(overrides)` keep the port), and a page that visited it once and is now
 * controlled by its worker. Closed when the test ends.
 */
async function visited(t, name) {
  const dir = join(work, name);
  cpSync(DIST, dir, { recursive: true });
  const site = { dir, port: 0, server: null };
  site.up = async (overrides = {}) => {
    site.server = await serve({ root: dir, port: site.port, overrides });
    site.port = site.server.port;
    site.url = site.server.url;
  };
  site.down = async () => { await site.server?.close(); site.server = null; };
  await site.up();
  const page = await newPage(browser);
  t.after(async () => { await page.context().close(); await site.down(); rmSync(dir, { recursive: true, force: true }); });
  await page.goto(`${site.url}?lang=en`);
  await ready(page);
  // Wait until the worker is installed, active and controlling this page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
  return { site, page };
}

test('a first visit sends each of the app\'s files once: the worker installs after the page is done, from what it fetched', async (t) => {
  // The install waits for the page to settle and takes the files named by their contents from
  // the browser's cache (without it, a file the install asks for after the page, or the page
  // after the install, goes to the server again: this server answers \`no-cache\`).
  const server = await serve({ root: DIST, gzip: true });
  const page = await newPage(browser, { width: 1280 });
  t.after(async () => { await page.context().close(); await server.close(); });
  // The English home page, by its folder, as a search engine or a shared link gives it.
  await page.goto(`${server.url}en/`);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const sent = server.stats.requests;
  const registered = sent.indexOf('sw.js');
  // As marsad-dist's `is_content_named` (Trunk's stylesheet hash may lack leading zeros).
  const named = (f) => /^[^/]+-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css)$/.test(f);
  // The page's own: the first wasm, the views' module and the filter panel's (a wide screen).
  for (const f of ['marsad-', 'split_opened_module-', 'split_filters_module-']) {
    const at = sent.findIndex((x) => x.startsWith(f) && x.endsWith('.wasm'));
    assert.ok(at >= 0 && at < registered, `${f} fetched before the worker registered: ${sent.join(' ')}`);
  }
  // The install has the whole app (the comparison's module among what the page never fetched).
  await waitUntil(page, () => caches.keys().then(async (keys) => {
    const shell = keys.find((k) => /^marsad-[0-9a-f]{16}$/.test(k));
    return shell && (await (await caches.open(shell)).keys()).some((r) => /split_compare-/.test(r.url));
  }), null, { timeout: 20000 });
  const counts = new Map();
  for (const f of sent) counts.set(f, (counts.get(f) ?? 0) + 1);
  const twice = [...counts].filter(([f, n]) => named(f) && n > 1).map(([f]) => f);
  assert.deepEqual(twice, [], 'files named by their contents sent twice');
  // Any other file the install revalidates comes back 304 (this server sends an ETag, as a
  // static host does): the page read too, which the install asks for by its folder, as the
  // reader's browser did, not as `en/index.html`.
  assert.deepEqual([...timesSent(server.stats)].filter(([, n]) => n > 1).map(([f]) => f), [], 'files sent in full twice');
  assert.ok(server.stats.revalidated.includes('en/index.html'), server.stats.revalidated.join(' '));
  // Every wasm, script and stylesheet at the root but the worker is named so (none missed: the
  // stylesheet's name once was, and the install asked for it again).
  const root = [...counts.keys()].filter((f) => !f.includes('/') && /\.(wasm|js|css)$/.test(f) && f !== 'sw.js');
  assert.ok(root.some((f) => f.endsWith('.css')), root.join(' '));
  assert.deepEqual(root.filter((f) => !named(f)), []);
  // Nothing no page loads: the link preview's picture, the crawlers' files, the newsrooms' loader.
  for (const f of ['og-image.png', 'robots.txt', 'sitemap.xml', 'embed.js']) assert.ok(!counts.has(f), `${f} was fetched`);
});

test('a first visit by a link with a query string: the install asks for the home page by that URL, and the browser\'s cache answers', async (t) => {
  const server = await serve({ root: DIST, gzip: true });
  const page = await newPage(browser, { width: 390 });
  t.after(async () => { await page.context().close(); await server.close(); });
  await page.goto(`${server.url}?lang=en&type=dialogue`);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitUntil(page, () => caches.keys().then(async (keys) => {
    const shell = keys.find((k) => /^marsad-[0-9a-f]{16}$/.test(k));
    return shell && !!(await (await caches.open(shell)).match(new URL('index.html', location.href).href));
  }), null, { timeout: 20000 });
  const home = server.stats.requests.filter((f) => f === 'index.html').length;
  const again = server.stats.revalidated.filter((f) => f === 'index.html').length;
  assert.deepEqual([home, again], [2, 1], "the page, then the install's revalidation answered 304");
  // Offline, the home page the install kept answers a navigation to it.
  await page.context().setOffline(true);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  assert.equal((await page.locator('.result-count').first().textContent()).trim(), `${data.events.length} events`);
});

test('the worker registers once the page is done, also when the data or the wasm cannot be loaded', async (t) => {
  // The start module waits for the page to settle (30 s at the latest): a failed load settles
  // it at once, as a loaded one does.
  const { readdirSync } = await import('node:fs');
  const wasm = readdirSync(DIST).find((f) => /^marsad-[0-9a-f]{16}_bg\.wasm$/.test(f));
  const cases = [
    ['the data answers 500', { 'data/events.json': { status: 500, body: 'no' } }, '.error-panel, [role=alert]'],
    ['the wasm is missing', { [wasm]: { status: 404, body: 'no' } }, '.fatal'],
  ];
  for (const [what, overrides, message] of cases) {
    const server = await serve({ root: DIST, gzip: true, overrides });
    const page = await newPage(browser, { width: 390 });
    t.after(async () => { await page.context().close(); await server.close(); });
    await page.goto(`${server.url}?lang=en`);
    await page.waitForSelector(message, { timeout: 10000 });
    const end = Date.now() + 10000;
    while (!server.stats.requests.includes('sw.js') && Date.now() < end) await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(server.stats.requests.includes('sw.js'), `${what}: the worker was not registered within 10 s`);
  }
});

test('with the server stopped, reload, deep links, search and articles all work', async (t) => {
  const { site, page } = await visited(t, 'offline');
  await site.down();
  await page.reload();
  await ready(page);
  assert.equal(await listed(page), data.events.length);
  assert.equal(await page.getAttribute('.fallback', 'data-fallback'), 'offline');
  const e = data.events.find((x) => x.sources.length > 0);
  for (const q of [`lang=en&event=${e.id}`, 'view=countries', 'lang=en&pair=US-CN', 'country=GB&type=dialogue']) {
    await page.goto(`${site.url}?${q}`);
    await ready(page);
  }
  await page.goto(`${site.url}?lang=en&event=${e.id}`);
  await page.waitForSelector('.article-text mark');
  await page.goto(`${site.url}?lang=en`);
  await ready(page);
  // His full name: his events (one word of it would find those that mention him too).
  await page.fill('#search', 'Xi Jinping');
  await waitListed(page, data.events.filter((x) => x.actors.includes('xi-jinping')).length);
  assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
});

test('offline, an address the device never saved says so, in both languages, with pages that open offline', async (t) => {
  const { site, page } = await visited(t, 'stand-in');
  await site.down();
  for (const path of ['feed.en.xml', 'feeds/CN.ar.xml', 'no/such/page/']) {
    await page.goto(`${site.url}${path}`);
    for (const [lang, title] of [['ar', 'لا اتصال بالشبكة'], ['en', 'You are offline']]) {
      const h1 = page.locator(`section[lang=${lang}] h1`);
      assert.equal(await h1.textContent(), title, path);
      assert.ok(await h1.isVisible(), `${path}: ${lang} heading on screen`);
    }
    assert.equal(await page.locator('text=Page not found').count(), 0, path);
  }
  // Its links open offline: the English country cards, from the device's copy.
  await page.click('section[lang=en] a:text-is("Country cards")');
  await page.waitForSelector('.country-card');
  assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
});

test('offline, the notice says so; back online, it says the data is the device\'s copy, and "Reload" brings the network\'s', async (t) => {
  const { page } = await visited(t, 'back-online');
  const notice = page.locator('.fallback');
  await page.context().setOffline(true);
  await page.reload();
  await ready(page);
  await notice.waitFor();
  assert.match(await notice.innerText(), /^You are offline/);
  const reload = notice.getByRole('button', { name: 'Reload' });
  assert.equal(await reload.count(), 0);
  // The connection comes back: the notice no longer says "offline", and offers the latest.
  await page.context().setOffline(false);
  await page.waitForFunction(() => /^You are back online/.test(document.querySelector('.fallback')?.innerText ?? ''));
  assert.ok(await reload.isVisible());
  // Gone again: "offline" again.
  await page.context().setOffline(true);
  await page.waitForFunction(() => /^You are offline/.test(document.querySelector('.fallback')?.innerText ?? ''));
  await page.context().setOffline(false);
  await reload.waitFor();
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await ready(page);
  assert.equal(await notice.count(), 0, 'the data is the network\'s after the reload');
  assert.equal(await listed(page), data.events.length);
  assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p)), []);
});

test('a returning reader online gets the new dataset_version on the next load', async (t) => {
  const { site, page } = await visited(t, 'new-data');
  const file = join(site.dir, 'data/events.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), dataset_version: 'test-new-data-version' }));
  await page.goto(`${site.url}?lang=en`);
  await ready(page);
  assert.match(await page.textContent('.site-footer'), /test-new-data-version/);
  assert.equal(await page.$('.fallback'), null);
});

// The worker no longer judges data itself: the app's loader rejects the truncated copy, posts
// its verdict and asks the worker for the last good copy (`x-marsad-want: last-good`); the
// worker's side is in worker.test.mjs.
test('a damaged data update never replaces the last good data, and the reader is told', async (t) => {
  const { site, page } = await visited(t, 'damaged');
  const truncated = JSON.stringify(data).slice(0, 5000);
  await site.down();
  await site.up({ 'data/events.json': { body: truncated, type: 'application/json' } });
  await page.goto(`${site.url}?lang=en`);
  await page.waitForSelector('.result-count, .error-panel', { timeout: 20000 });
  assert.equal(await page.$('.error-panel'), null, 'the app shows the last good data, not an error');
  assert.equal(await page.getAttribute('.fallback', 'data-fallback'), 'invalid-update');
  assert.match(await page.textContent('.site-footer'), new RegExp(data.dataset_version));
  assert.equal(await listed(page), data.events.length);
  // And it stays the last good copy offline.
  await site.down();
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('.fallback', 'data-fallback'), 'offline');
  assert.equal(await listed(page), data.events.length);
});

test('a newer app build shows the update prompt, and reloading switches to it', async (t) => {
  const { site, page } = await visited(t, 'update');
  const v1 = (await page.evaluate(() => caches.keys())).filter((k) => /^marsad-[0-9a-f]{16}$/.test(k));
  assert.equal(v1.length, 1, v1.join());
  const v2 = await publishNewBuild(site.dir);
  await page.goto(`${site.url}?lang=en`);
  await ready(page);
  await page.waitForSelector('.update-prompt', { timeout: 20000 });
  assert.match(await page.textContent('.update-prompt'), /A new version of Marsad is available/);
  await Promise.all([page.waitForEvent('load'), page.click('.update-prompt button')]);
  await ready(page);
  // The new worker deletes the old version's cache while it activates.
  await waitUntil(page, (old) => caches.keys().then((keys) => !keys.includes(old)), v1[0], { timeout: 5000 });
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.includes(`marsad-${v2}`), keys.join());
  assert.ok(keys.includes('marsad-data'), 'committed data outlives the update');
  assert.equal(await page.$('.update-prompt'), null);
});

test('when the browser holds the new version back, "Reload" gives way to how to finish, and the page switches once it lets go', async (t) => {
  const { site, page } = await visited(t, 'held');
  const v2 = await publishNewBuild(site.dir);
  await page.goto(`${site.url}?lang=en`);
  await ready(page);
  await page.waitForSelector('.update-prompt button', { timeout: 20000 });
  // Stands in for a browser that defers the activation (Chromium did, after an offline spell):
  // the waiting worker never hears "skip-waiting" from this page.
  const send = await page.evaluateHandle(() => {
    const send = ServiceWorker.prototype.postMessage;
    ServiceWorker.prototype.postMessage = function (m, ...rest) { return m === 'skip-waiting' ? undefined : send.call(this, m, ...rest); };
    return send;
  });
  const before = await page.evaluate(() => performance.timeOrigin);
  await page.click('.update-prompt button');
  const held = page.locator('.update-prompt .update-held');
  await held.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await page.textContent('.update-prompt'), /A new version of Marsad is available\. The browser is holding the update back: reload the page from the browser to finish it\./);
  assert.equal(await page.$('.update-prompt button'), null, 'no button that does nothing');
  assert.equal(await page.evaluate(() => performance.timeOrigin), before, 'still this page');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'update-held', 'focus follows the button it replaced');
  // The browser lets go (here: the message arrives): the page reloads into the new version.
  await page.evaluate(async (send) => send.call((await navigator.serviceWorker.getRegistration()).waiting, 'skip-waiting'), send);
  await page.waitForFunction((t) => performance.timeOrigin !== t, before, { timeout: 20000 });
  await ready(page);
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.includes(`marsad-${v2}`), keys.join());
  assert.equal(await page.$('.update-prompt'), null);
});

test('flags are not precached: kept once a card shows one, drawn offline; one never seen is the neutral mark', async (t) => {
  const { site, page } = await visited(t, 'flags');
  const cached = () => page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('marsad-flags-'));
    const keys = names.length ? await (await caches.open(names[0])).keys() : [];
    return keys.map((r) => new URL(r.url).pathname).sort();
  });
  assert.deepEqual(await cached(), [], 'no flag before a card shows one');
  await page.goto(`${site.url}?lang=en&country=GB`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('.flag img')?.complete);
  await waitUntil(page, async () => (await caches.keys()).some((k) => k.startsWith('marsad-flags-')));
  assert.deepEqual(await cached(), ['/flags/gb.webp']);
  await site.down();
  const drawn = async (code) => {
    await page.goto(`${site.url}?lang=en&country=${code}`);
    await ready(page);
    await page.waitForFunction(() => {
      const img = document.querySelector('.flag img');
      return img?.complete && (img.naturalWidth > 0 || img.hidden);
    });
    return page.$eval('.flag', (f) => {
      const img = f.querySelector('img');
      return { frame: f.getBoundingClientRect().width, flag: !img.hidden && img.naturalWidth > 0 };
    });
  };
  assert.deepEqual(await drawn('GB'), { frame: 32, flag: true });
  assert.deepEqual(await drawn('QA'), { frame: 32, flag: false }, 'never seen, offline: the empty frame, no broken image');
});
