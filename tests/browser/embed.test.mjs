// Embeds in news pages: auto-height (after load and after a filter change), forged height
// messages ignored, the back-link, the dialog's snippet in a blank page, isolation both ways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ready, serveDist, ROOT, DIST } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(join(DIST, 'data/events.json'), 'utf8'));
const hostDir = mkdtempSync(join(tmpdir(), 'marsad-host-'));
let browser, widgets, host, other;

before(async () => {
  browser = await launch();
  widgets = await serveDist();        // the widget's origin
  host = await serve({ root: hostDir }); // the news site's origin (another port)
  other = await serve({ root: hostDir }); // a third origin, for forged messages
  for (const name of ['news-ar.html', 'news-en.html']) {
    const html = readFileSync(join(ROOT, 'tests/browser/fixtures', name), 'utf8').replaceAll('__MARSAD__', widgets.url);
    writeFileSync(join(hostDir, name), html);
  }
  writeFileSync(join(hostDir, 'forger.html'), `<!DOCTYPE html><script>
    parent.postMessage({ type: 'marsad:height', version: 1, height: 150 }, '*');
    setTimeout(() => parent.postMessage({ type: 'marsad:height', version: 1, height: 151 }, '*'), 200);
  </script>`);
});
after(async () => { await browser?.close(); for (const s of [widgets, host, other]) await s?.close(); rmSync(hostDir, { recursive: true, force: true }); });

/** Waits until every Marsad iframe's height equals its content height (within 3 px). */
async function settled(page) {
  const frames = page.locator('[data-marsad-embed] iframe');
  const n = await frames.count();
  const heights = [];
  for (let i = 0; i < n; i++) {
    const el = frames.nth(i);
    // In view, as when a reader scrolls to it: Chromium pauses the rendering of a cross-origin
    // iframe out of view (no resize observations, so no height messages) once the widget above
    // it has grown and pushed it down.
    await el.scrollIntoViewIfNeeded();
    const frame = await (await el.elementHandle()).contentFrame();
    await frame.waitForSelector('.embed .result-count', { timeout: 20000 });
    let last;
    for (let tries = 0; tries < 50; tries++) {
      const content = Math.min(30000, await frame.evaluate(() => document.body.scrollHeight));
      const box = (await el.boundingBox()).height;
      last = { content, box };
      if (Math.abs(content - box) <= 3) break;
      await page.waitForTimeout(100);
    }
    assert.ok(Math.abs(last.content - last.box) <= 3, `iframe ${i}: height ${last.box} vs content ${last.content}`);
    heights.push(last.box);
  }
  return heights;
}

test('Arabic host page: two widgets sized to their content, before and after a filter change', async () => {
  const page = await newPage(browser);
  await page.goto(`${host.url}news-ar.html`);
  const frames = page.locator('[data-marsad-embed] iframe');
  await frames.first().scrollIntoViewIfNeeded();
  await frames.nth(1).scrollIntoViewIfNeeded();
  assert.equal(await frames.count(), 2);
  const [h1] = await settled(page);
  for (let i = 0; i < 2; i++) {
    assert.equal(await frames.nth(i).getAttribute('loading'), 'lazy');
    assert.ok((await frames.nth(i).getAttribute('title')).length > 0);
    assert.equal(await frames.nth(i).getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
  }
  const f1 = await (await frames.first().elementHandle()).contentFrame();
  assert.equal(await f1.evaluate(() => document.documentElement.dir), 'rtl');
  // No host CSS inside: the widget keeps its own font and colours.
  const font = await f1.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.ok(!/Times New Roman/.test(font), font);
  // No widget CSS outside: the host paragraph keeps the host's colour and font.
  const lede = await page.$eval('.lede', (p) => [getComputedStyle(p).color, getComputedStyle(p).fontFamily]);
  assert.deepEqual(lede, ['rgb(119, 0, 34)', '"Times New Roman", serif']);
  // Second widget asked for the dark theme.
  const f2 = await (await frames.nth(1).elementHandle()).contentFrame();
  assert.equal(await f2.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // A filter change inside the first widget changes its height (fewer than a screenful of rows
  // left); the iframe follows.
  await f1.click('.filters label:has(.option-label:text("محايد")) input');
  await f1.waitForFunction(() => marsadState().tone === 'neutral');
  const [h1b] = await settled(page);
  assert.notEqual(h1b, h1, 'the filter change should change the content height');
  await page.context().close();
});

test('English host page: one widget; forged height messages are ignored', async () => {
  const page = await newPage(browser);
  await page.goto(`${host.url}news-en.html`);
  const [h] = await settled(page);
  const frame = page.locator('[data-marsad-embed] iframe');
  // From the host window itself (wrong source), and from a frame of another origin.
  await page.evaluate(() => window.postMessage({ type: 'marsad:height', version: 1, height: 200 }, '*'));
  await page.evaluate((src) => { const f = document.createElement('iframe'); f.src = src; document.body.append(f); }, `${other.url}forger.html`);
  // From the widget's origin but not a widget frame, and malformed messages from the widget itself.
  const f = await (await frame.elementHandle()).contentFrame();
  await f.evaluate(() => {
    parent.postMessage({ type: 'marsad:height', version: 2, height: 170 }, '*');
    parent.postMessage({ type: 'marsad:height', version: 1, height: 'NaN' }, '*');
    parent.postMessage('marsad:height 180', '*');
  });
  await page.waitForTimeout(600);
  assert.ok(Math.abs((await frame.boundingBox()).height - h) <= 1, 'a forged message changed the height');
  // Heights are clamped to sane bounds.
  await f.evaluate(() => parent.postMessage({ type: 'marsad:height', version: 1, height: 999999 }, '*'));
  await page.waitForFunction(() => document.querySelector('[data-marsad-embed] iframe').getBoundingClientRect().height === 30000);
  await page.context().close();
});

test('on a phone, "Show more" in a timeline widget grows its frame past 4,000 px, and no row scrolls inside it', async () => {
  writeFileSync(join(hostDir, 'long.html'), `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Long</title><link rel="icon" href="data:,">
    <p>Before the widget.</p><div data-marsad-embed="embed=timeline&lang=en"></div><p class="after">After the widget.</p>
    <script src="${widgets.url}embed.js"></script></html>`);
  const page = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${host.url}long.html`);
  const el = page.locator('[data-marsad-embed] iframe');
  await el.scrollIntoViewIfNeeded();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.waitForSelector('.embed .event-list .event-row');
  const total = data.events.length;
  for (let i = 0; i < 5 && await frame.locator('.event-list button:has-text("Show more")').count(); i++) {
    await frame.click('.event-list button:has-text("Show more")');
  }
  assert.equal(await frame.locator('.event-list button:has-text("Show more")').count(), 0, 'every event listed');
  const [h] = await settled(page);
  assert.ok(h > 4000, `the frame is ${h} px tall`);
  // What the reader sees: the page scrolls, the frame does not; the last event's row is on
  // screen once the host page is scrolled to it.
  assert.ok(await frame.evaluate(() => document.scrollingElement.scrollHeight - innerHeight) <= 3, 'the frame scrolls inside');
  await page.evaluate(() => document.querySelector('.after').scrollIntoView({ block: 'end' }));
  const last = frame.locator(`.event-list .event-row[aria-posinset="${total}"]`);
  await last.waitFor();
  const [row, box] = [await last.boundingBox(), await el.boundingBox()];
  assert.ok(row && row.y >= box.y && row.y + row.height <= Math.min(box.y + box.height, 844), `the last row is on screen: ${JSON.stringify({ row, box })}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a widget link that asks for what the widget cannot show says so inside the frame; the explorer names unknown states', async () => {
  const cases = [
    ['embed=bogus&lang=en', 'There is no widget called «bogus». Showing the timeline instead.', '.embed .timeline'],
    ['embed=country&lang=en', 'A country widget needs one state: country=CN. Showing the timeline instead.', '.embed .timeline'],
    ['embed=compare&compare=GB&lang=en', 'A comparison widget needs two or three states: compare=GB,CN. Showing the timeline instead.', '.embed .timeline'],
    ['embed=country&country=ZZ&lang=en', "Not in Marsad's data: ZZ", null],
    ['embed=country', 'تحتاج أداة بطاقة الدولة إلى دولة واحدة: country=CN. يُعرض الخط الزمني بدلًا منها.', '.embed .timeline'],
  ];
  for (const [query, said, shown] of cases) {
    const page = await newPage(browser, { width: 390 });
    await page.goto(`${widgets.url}?${query}`);
    await page.waitForSelector('.embed .widget-problem');
    assert.equal((await page.textContent('.embed .widget-problem')).trim(), said, query);
    // A widget, not the explorer squeezed into the frame.
    assert.equal(await page.locator('.site-header').count(), 0, query);
    if (shown) await page.waitForSelector(shown);
    assert.deepEqual(page.problems, [], query);
    await page.context().close();
  }
  // A state the data lacks matches no event: the widget and the explorer count none (they
  // counted all 46 under "ZZ", with the years of every event, and drew nothing).
  for (const [query, count] of [['embed=country&country=ZZ&lang=en', '.embed-head .result-count'], ['country=ZZ&lang=en', '.content .result-count']]) {
    const zz = await newPage(browser, { width: 390 });
    await zz.goto(`${widgets.url}?${query}`);
    await zz.waitForSelector(count);
    assert.equal((await zz.textContent(count)).trim(), '0 events', query);
    if (query.startsWith('embed')) assert.equal((await zz.textContent('.widget-subject')).trim(), 'ZZ · Cyber-diplomacy events');
    await zz.context().close();
  }
  const page = await newPage(browser);
  await page.goto(`${widgets.url}?lang=en&country=ZZ,CN`);
  await page.waitForSelector('.unknown-states');
  assert.equal((await page.textContent('.unknown-states')).trim(), "Not in Marsad's data: ZZ");
  assert.ok(await page.isVisible('.unknown-states'));
  await page.goto(`${widgets.url}?lang=en&country=CN`);
  await page.waitForSelector('.result-count');
  assert.equal(await page.locator('.unknown-states').count(), 0);
  await page.context().close();
  // A pair with a state the data lacks draws no pair card beside the notice (it drew "These two
  // countries share no events" under "United States ⇄ ZZ"), in the explorer and in a widget;
  // the pair's module has come and been drawn from before the card is looked for.
  for (const [query, said] of [['lang=en&pair=US-ZZ', '.unknown-states'], ['embed=pair&pair=ZZ-US&lang=en', '.embed .widget-problem']]) {
    const pz = await newPage(browser, { width: 390 });
    const pairModule = pz.waitForResponse((r) => /\/split_pair_module-[0-9a-f]+\.wasm$/.test(r.url()));
    await pz.goto(`${widgets.url}?${query}`);
    await pairModule;
    await pz.waitForSelector(said);
    assert.equal((await pz.textContent(said)).trim(), "Not in Marsad's data: ZZ", query);
    await pz.waitForFunction(() => !document.querySelector('.split-loading'));
    await pz.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await pz.locator('.pair-view').count(), 0, query);
    assert.deepEqual(pz.problems, [], query);
    await pz.context().close();
  }
  // …and a known pair still draws its card.
  const us = await newPage(browser, { width: 390 });
  await us.goto(`${widgets.url}?lang=en&pair=US-CN`);
  await us.waitForSelector('.pair-view #pair-heading');
  assert.equal((await us.textContent('#pair-heading')).trim(), 'United States ⇄ China');
  await us.context().close();
});

test('the back-link opens the full explorer in the same state', async () => {
  const page = await newPage(browser);
  await page.goto(`${widgets.url}?embed=timeline&country=CN&type=pledge&lang=en&theme=dark&filters=1`);
  await page.waitForSelector('.embed .explorer-link');
  const link = page.locator('.explorer-link');
  assert.equal(await link.getAttribute('target'), '_blank');
  const href = await link.getAttribute('href');
  const embedCount = (await page.textContent('.embed-head .result-count')).trim();
  const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await ready(popup);
  assert.equal(popup.url(), href);
  assert.deepEqual(Object.fromEntries(new URL(href).searchParams), { lang: 'en', country: 'CN', type: 'pledge' });
  assert.equal((await popup.textContent('.result-count')).trim(), embedCount);
  assert.equal(await popup.$('.site-header') !== null, true);
  await page.context().close();
});

test('the snippets from the "Embed this view" dialog work pasted into a blank page', async () => {
  const page = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${widgets.url}?lang=en&country=CN`);
  await ready(page);
  await page.click('button[aria-haspopup="dialog"]');
  await page.waitForSelector('dialog[open]');
  await page.waitForSelector('.embed-preview');
  // The preview reports its height, and the loader snippet takes it.
  await page.waitForFunction(() => document.querySelector('#embed-loader').value.includes('data-marsad-height'), null, { timeout: 20000 });
  const loader = await page.inputValue('#embed-loader');
  const iframe = await page.inputValue('#embed-iframe');
  assert.match(loader, /data-marsad-embed="lang=en&amp;embed=country&amp;country=CN"/);
  await page.click('button[data-copy="loader"]');
  await page.waitForSelector('button[data-copy="loader"]:text("Copied")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), loader);
  await page.keyboard.press('Escape');
  assert.equal(await page.$('dialog[open]'), null);
  writeFileSync(join(hostDir, 'blank.html'), `<!DOCTYPE html><html><body>\n${loader}\n${iframe}\n</body></html>`);
  // Before embed.js has run (here: never), the widget's place already has its measured height.
  const height = +loader.match(/data-marsad-height="(\d+)"/)[1];
  assert.ok(height > 200, loader);
  const early = await newPage(browser);
  await early.route('**/embed.js', (r) => r.abort());
  await early.goto(`${host.url}blank.html`);
  assert.equal((await early.locator('[data-marsad-embed]').boundingBox()).height, height);
  await early.context().close();
  const blank = await newPage(browser);
  await blank.goto(`${host.url}blank.html`);
  await settled(blank);
  // The script hands the place to the iframe: no leftover space below it.
  assert.equal(await blank.$eval('[data-marsad-embed]', (d) => d.style.minHeight), '');
  const plain = await (await blank.$('body > iframe')).contentFrame();
  await plain.waitForSelector('.embed .country-card[data-country="CN"]');
  for (const p of [page, blank]) await p.context().close();
});

test('a filter change inside an embed keeps its timeline and the reader\'s zoom', async () => {
  const page = await newPage(browser);
  await page.goto(`${widgets.url}?embed=timeline&filters=1&lang=en`);
  await page.waitForSelector('.embed .timeline');
  // Its filter panel's module came by the start module's preload, beside the first module (a
  // widget without `filters=1` never asks for it: the next test).
  const fields = (p) => p.evaluate(() => performance.getEntriesByType('resource').filter((r) => /split_filters_module-/.test(r.name)).map((r) => r.initiatorType));
  assert.deepEqual(await fields(page), ['link']);
  const ticks = () => page.$$eval('.tick text', (ts) => ts.map((t) => t.textContent));
  const all = await ticks();
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  const zoomed = await ticks();
  assert.notDeepEqual(zoomed, all);
  await page.evaluate(() => { document.querySelector('.timeline').__probe = 1; });
  // A type on, then off again: the same events, so the same fit, so the reader's zoom is back.
  const pledge = '.filters label:has(.option-label:text("Pledge")) input';
  await page.click(pledge);
  await page.waitForFunction(() => marsadState().type === 'pledge');
  await page.click(pledge);
  await page.waitForFunction(() => !('type' in marsadState()));
  assert.equal(await page.evaluate(() => document.querySelector('.timeline').__probe), 1, 'the timeline was rebuilt');
  assert.deepEqual(await ticks(), zoomed);
  await page.context().close();
});

test("a widget without filters, however wide, never fetches the filter panel's module", async () => {
  const page = await newPage(browser, { width: 1280 });
  await page.goto(`${widgets.url}?embed=timeline&lang=en`);
  await page.waitForSelector('.embed .timeline');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /split_filters_module-/.test(n))), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a widget says what of its link it could not read, inside its frame", async () => {
  const page = await newPage(browser, { width: 390 });
  await page.goto(`${widgets.url}?embed=timeline&lang=en&from=20l5&plain=yes`);
  await page.waitForSelector('.embed .notice.unread');
  assert.equal((await page.textContent('.embed .notice.unread')).replace(/\s+/g, ' ').trim(),
    'Not understood in this link, and left out: from=20l5, plain=yes');
  assert.ok(await page.isVisible('.embed .notice.unread'));
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
