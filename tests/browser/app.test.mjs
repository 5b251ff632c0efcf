// The explorer loads the shipped data, renders without console errors, and shows a translated
// error panel with a retry button when the data is missing, unreachable or malformed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, serveDist, DIST, listed, waitListed } from './util.mjs';
import { serve } from './serve.mjs';

const shipped = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

test('renders every shipped event in Arabic with no console errors, under a strict CSP', async () => {
  // Tall enough for every row of the virtualised list to exist at once.
  const page = await newPage(browser, { height: 6000 });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  await ready(page);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0, 'no inline script');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await listed(page), shipped.events.length);
  assert.equal((await page.$$('.event-list .event-row')).length, shipped.events.length);
  const titles = await page.$$eval('.event-list .event-row a', (as) => as.map((a) => a.textContent.trim()));
  for (const e of shipped.events) assert.ok(titles.includes(e.title.ar), `missing ${e.id}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the drafting rules (marsad-data draft) stay out of the browser bundle', () => {
  // The app's first module and the modules split off it (`split.rs`).
  const names = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
  const main = names.find((f) => /^marsad-[0-9a-f]+_bg\.wasm$/.test(f));
  assert.ok(names.some((f) => f.startsWith('split_')), `split modules: ${names}`);
  // A label the app draws is in it; the gazetteer's words and format are not, in any module.
  assert.ok(readFileSync(resolve(DIST, main)).includes(Buffer.from('الجديد في البيانات')), 'the check reads the real bundle');
  for (const name of names) {
    const wasm = readFileSync(resolve(DIST, name));
    for (const s of ['واغادوغو', 'Ouagadougou', 'ambiguous-demonym', 'اتهام ادعاء مزاعم']) {
      assert.ok(!wasm.includes(Buffer.from(s)), `${s} is in ${name}`);
    }
  }
});

test('events.json downloads while the wasm compiles (preloaded) and only once', async () => {
  // Without the service worker, whose install precaches the data again.
  const own = await serveDist();
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(own.url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(own.stats.requests.filter((r) => r.endsWith('.json')), ['data/events.json']);
  // Preloaded by the start module once the page has painted (`marsad-preload`).
  assert.equal(await page.$$eval('link[rel=preload]', (l) => l.filter((e) => e.href === new URL('data/events.json', location.href).href).length), 1);
  await page.context().close();
  await own.close();
});

for (const [name, override] of [
  ['missing', { status: 404, body: 'not found', type: 'text/plain' }],
  ['malformed', { status: 200, body: '{"schema_version": 1, "events": [', type: 'application/json' }],
  ['unreachable', null],
]) {
  test(`a ${name} events.json shows the translated error panel with a working retry`, async () => {
    const overrides = { 'data/events.json': override };
    const broken = await serve({ root: DIST, overrides });
    // The app's own error handling, without a service worker answering from its cache.
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(broken.url);
    await page.waitForSelector('.error-panel', { timeout: 20000 });
    assert.equal(await page.textContent('.error-panel h1'), 'تعذّر تحميل بيانات الأحداث');
    await page.goto(`${broken.url}?lang=en`);
    await page.waitForSelector('.error-panel');
    assert.equal(await page.textContent('.error-panel h1'), 'The event data could not be loaded');
    // Fix the data and retry: the explorer appears without a reload.
    delete overrides['data/events.json'];
    await page.click('.error-panel button');
    await ready(page);
    assert.equal(await listed(page), shipped.events.length);
    await page.context().close();
    await broken.close();
  });
}

test('works under a sub-path (/marsad/)', async () => {
  const sub = await serveDist({ prefix: '/marsad/' });
  const page = await newPage(browser);
  await page.goto(`${sub.url}?lang=en`);
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await listed(page), shipped.events.length);
  assert.deepEqual(page.problems, []);
  await page.context().close();
  await sub.close();
});
