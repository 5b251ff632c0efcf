// Offline after the first visit: the service worker precaches the build; with the server gone
// every view still works; new data reaches a returning reader; a damaged update never replaces
// the last good data; a new app build offers "update available — reload".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ready, DIST, listed, waitListed, tool } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(join(DIST, 'data/events.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'marsad-offline-'));
let browser, page, port, server;

/** Serves `dir` on the one port the whole test uses (a service worker belongs to its origin). */
async function up(dir, overrides = {}) {
  server = await serve({ root: dir, port, overrides });
  port = server.port;
  return server;
}
async function down() { await server?.close(); server = null; }
const copyDist = (name) => { const d = join(work, name); cpSync(DIST, d, { recursive: true }); return d; };

before(async () => {
  browser = await launch();
  await up(copyDist('v1'));
  page = await newPage(browser);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  // Wait until the worker is installed, active and controlling this page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
});
after(async () => { await browser?.close(); await down(); rmSync(work, { recursive: true, force: true }); });

test('with the server stopped, reload, deep links, search and articles all work', async () => {
  await down();
  await page.reload();
  await ready(page);
  assert.equal(await listed(page), data.events.length);
  assert.equal(await page.getAttribute('.fallback', 'data-fallback'), 'offline');
  const e = data.events.find((x) => x.sources.length > 0);
  for (const q of [`lang=en&event=${e.id}`, 'view=countries', 'lang=en&pair=US-CN', 'country=GB&type=dialogue']) {
    await page.goto(`http://127.0.0.1:${port}/?${q}`);
    await ready(page);
  }
  await page.goto(`http://127.0.0.1:${port}/?lang=en&event=${e.id}`);
  await page.waitForSelector('.article-text mark');
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await ready(page);
  await page.fill('#search', 'Xi');
  await waitListed(page, data.events.filter((x) => x.actors.includes('xi-jinping')).length);
  assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
});

test('a returning reader online gets the new dataset_version on the next load', async () => {
  const dir = copyDist('v1-data');
  const file = join(dir, 'data/events.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.dataset_version = 'test-new-data-version';
  writeFileSync(file, JSON.stringify(doc));
  await up(dir);
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await ready(page);
  assert.match(await page.textContent('.site-footer'), /test-new-data-version/);
  assert.equal(await page.$('.fallback'), null);
  await down();
});

test('a damaged data update never replaces the last good data, and the reader is told', async () => {
  const good = JSON.parse(readFileSync(join(DIST, 'data/events.json'), 'utf8'));
  const truncated = JSON.stringify(good).slice(0, 5000);
  await up(copyDist('v1-bad'), { 'data/events.json': { body: truncated, type: 'application/json' } });
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await ready(page);
  assert.equal(await page.getAttribute('.fallback', 'data-fallback'), 'invalid-update');
  assert.match(await page.textContent('.site-footer'), /test-new-data-version/);
  assert.equal(await listed(page), data.events.length);
  await down();
});

test('a newer app build shows the update prompt, and reloading switches to it', async () => {
  const dir = copyDist('v2');
  appendFileSync(join(dir, 'icon.svg'), '\n<!-- v2 -->\n');
  execFileSync(await tool('marsad-dist'), ['site', dir]);
  const v2 = readFileSync(join(dir, 'sw.js'), 'utf8').match(/VERSION = '([0-9a-f]+)'/)[1];
  await up(dir);
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await ready(page);
  await page.waitForSelector('.update-prompt', { timeout: 20000 });
  assert.match(await page.textContent('.update-prompt'), /A new version of Marsad is available/);
  await Promise.all([page.waitForEvent('load'), page.click('.update-prompt button')]);
  await ready(page);
  const keys = await page.evaluate(() => caches.keys());
  assert.deepEqual(keys, [`marsad-${v2}`]);
  assert.equal(await page.$('.update-prompt'), null);
  await down();
});
