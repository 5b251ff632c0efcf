// At the scale of real public data (2,333 events across 153 states): density instead of a wall
// of bubbles, lists that stay short (partners capped, cards paged and sortable, a country
// filter), thousands separators; and events with every UN member as a party.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, DIST, manyStates } from './util.mjs';
import { serve } from './serve.mjs';

const shipped = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const doc = manyStates(shipped);
const partnersOf = (code) => new Set(doc.events.filter((e) => e.parties.includes(code)).flatMap((e) => e.parties.filter((p) => p !== code)));
const busiest = doc.countries.map((c) => c.code).sort((a, b) => partnersOf(b).size - partnersOf(a).size)[0];
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(doc) } } });
});
after(async () => { await browser?.close(); await server?.close(); });

async function open(query, opts = {}) {
  const page = await newPage(browser, { serviceWorkers: 'block', ...opts });
  await page.goto(`${server.url}?${query}`);
  await ready(page);
  return page;
}
const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();

test('thousands of events draw as density strips per type; zooming in brings back single marks', async () => {
  const page = await open('lang=en');
  assert.equal(await text(page, '.result-count'), '2,333 events');
  assert.ok(await page.$$eval('.density-row', (r) => r.length) >= 3);
  assert.equal(await page.$$eval('.group, .event-mark', (m) => m.length), 0, 'no wall of numbered bubbles');
  assert.match(await page.getAttribute('.density', 'aria-label'), /^2,333 events — /);
  await page.focus('.timeline-canvas');
  for (let i = 0; i < 8 && (await page.$$('.density-row')).length; i++) await page.keyboard.press('+');
  assert.equal(await page.$$eval('.density-row', (r) => r.length), 0);
  assert.ok(await page.$$eval('.group, .event-mark', (m) => m.length) > 0);
  const ar = await open('');
  assert.equal(await text(ar, '.result-count'), '2,333 حدثًا');
  for (const p of [page, ar]) await p.context().close();
});

test('a partner list shows the first eight, then "show all"', async () => {
  const page = await open(`lang=en&country=${busiest}`);
  const n = partnersOf(busiest).size;
  assert.ok(n > 50, `${n} partners`);
  assert.equal(await page.$$eval('.partners li a', (l) => l.length), 8);
  const more = page.locator('.partners button');
  assert.equal((await more.textContent()).trim(), `Show all partners: ${n}`);
  const height = await page.$eval('.country-card', (c) => c.getBoundingClientRect().height);
  assert.ok(height < 1200, `the card is ${height}px tall`);
  await more.click();
  assert.equal(await page.$$eval('.partners li a', (l) => l.length), n);
  // The list stays open while the reader narrows the card: a filter change redraws it with every
  // partner the narrower set leaves, and no "show all" again.
  const card = () => page.$eval('.country-card .big-count', (c) => c.textContent);
  const was = await card();
  // The first type (the bench's own pick: the second list of boxes).
  await page.evaluate(() => [...document.querySelectorAll('.filters fieldset')]
    .filter((f) => f.querySelector('input[type=checkbox]'))[1].querySelector('input[type=checkbox]').click());
  await page.waitForFunction((w) => document.querySelector('.country-card .big-count')?.textContent !== w, was);
  const type = new URL(page.url()).searchParams.get('type');
  assert.ok(type, 'a type filter is on');
  const left = new Set(doc.events.filter((e) => e.type === type && e.parties.includes(busiest)).flatMap((e) => e.parties.filter((p) => p !== busiest)));
  assert.ok(left.size > 8 && left.size < n, `${left.size} partners under the filter`);
  assert.equal(await page.$$eval('.partners li a', (l) => l.length), left.size);
  assert.equal(await page.$('.partners button'), null);
  // "Show all" was that country's: the next one's card (the same card, written in place) lists
  // its first eight.
  await page.evaluate(() => [...document.querySelectorAll('.filters fieldset')]
    .filter((f) => f.querySelector('input[type=checkbox]'))[1].querySelector('input[type=checkbox]').click());
  const next = doc.countries.map((c) => c.code).filter((c) => c !== busiest).sort((a, b) => partnersOf(b).size - partnersOf(a).size)[0];
  assert.ok(partnersOf(next).size > 8, `${partnersOf(next).size} partners`);
  const box = (code) => `.filters label:has(.option-label:text-is("${doc.countries.find((c) => c.code === code).name.en}")) input`;
  await page.uncheck(box(busiest));
  await page.check(box(next));
  await page.locator(`.country-card[data-country="${next}"]`).waitFor({ state: 'visible' });
  assert.equal(await page.$$eval('.partners li a', (l) => l.length), 8);
  assert.equal((await more.textContent()).trim(), `Show all partners: ${partnersOf(next).size}`);
  await page.context().close();
});

test('a count is never broken over two lines: a card, the grid and the filters, both languages, phone and desktop', async () => {
  // The page wraps long words anywhere (`overflow-wrap: anywhere`); a count beside a long label
  // ("Accusation or attribution") was drawn as "7" over "3". Each number's text, as drawn.
  const broken = () => {
    const out = [];
    for (const el of document.querySelectorAll('.count')) {
      const r = document.createRange();
      r.selectNodeContents(el);
      const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (lines.size > 1) out.push(el.textContent);
    }
    return out;
  };
  // Every type, so the longest labels ("Accusation or attribution", "Government decision") are
  // drawn beside their counts.
  const types = ['dialogue', 'meeting', 'agreement', 'pledge', 'un_resolution', 'accusation', 'cyber_incident',
    'sanction', 'decision', 'report', 'statement'];
  const typed = JSON.stringify({ ...doc, events: doc.events.map((e, i) => ({ ...e, type: types[i % types.length] })) });
  let counted = 0;
  for (const lang of ['ar', 'en']) {
    for (const width of [390, 1280]) {
      for (const q of [`country=${busiest}`, 'view=countries']) {
        const page = await newPage(browser, { width, serviceWorkers: 'block' });
        await page.route('**/data/events.json', (r) => r.fulfill({ contentType: 'application/json', body: typed }));
        await page.goto(`${server.url}?${lang === 'en' ? 'lang=en&' : ''}${q}`);
        await ready(page);
        await page.locator('.country-card .breakdown .count').first().waitFor();
        // Folded filters on a phone: open them, so their counts are drawn too.
        if (!(await page.$('.filters'))) {
          await page.click('.filters-box summary');
          await page.waitForSelector('.filters .count');
        }
        counted += await page.$$eval('.count', (c) => c.length);
        assert.deepEqual(await page.evaluate(broken), [], `${lang} ${width} ${q}`);
        await page.context().close();
      }
    }
  }
  assert.ok(counted > 500, `${counted} counts looked at`);
});

test('the card grid pages and sorts', async () => {
  const page = await open('lang=en&view=countries');
  assert.equal(await page.$$eval(".country-card", (c) => c.length), 12);
  const pages = Math.ceil(doc.countries.length / 12);
  assert.equal(await text(page, '.pager span'), `Page 1 of ${pages}`);
  const grid = await page.$eval('.card-grid', (g) => g.getBoundingClientRect().height);
  assert.ok(grid < 15000, `the grid is ${grid}px tall`);
  // By keyboard: a new page of cards starts at the top, and so does focus: the count above the
  // cards, on screen (it stayed on "Next page" at the bottom, or fell to the body on the last
  // page, where the link is gone), on every page and back.
  const onCount = () => page.waitForFunction(() => document.activeElement.matches('.content .result-count')
    && document.activeElement.getBoundingClientRect().top >= 0 && document.activeElement.getBoundingClientRect().bottom <= innerHeight);
  for (let p = 2; p <= pages; p++) {
    await page.focus('.pager a:has-text("Next page")');
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => marsadState().page === String(p), p);
    await onCount();
  }
  assert.equal(await text(page, '.pager span'), `Page ${pages} of ${pages}`);
  await page.focus('.pager a:has-text("Previous page")');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => marsadState().page === String(p), pages - 1);
  await onCount();
  await page.selectOption('#card-order', 'name');
  await page.waitForFunction(() => marsadState().sort === 'name');
  const first = await page.$$eval('.country-card h2', (h) => h.map((x) => x.textContent.trim()).slice(0, 3));
  assert.deepEqual(first, ['State 1', 'State 10', 'State 100']);
  assert.equal(new URL(page.url()).searchParams.get('page'), null, 'a new order starts at page 1');
  await page.context().close();
});

test('the country filter narrows 153 options to the ones asked for', async () => {
  const page = await open('lang=en');
  await page.fill('#country-filter', 'state 15');
  const shown = await page.$$eval('.filters fieldset:first-of-type li:not(.hidden) .option-label', (l) => l.map((x) => x.textContent));
  assert.deepEqual(shown.sort(), ['State 15', 'State 150', 'State 151', 'State 152', 'State 153'].sort());
  await page.context().close();
});

for (const parties of [193, 676]) {
  test(`an event with ${parties} parties renders its country page and cards without a panic`, async () => {
    const codes = [];
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; codes.length < parties; i++) codes.push(letters[Math.floor(i / 26) % 26] + letters[i % 26]);
    const big = structuredClone(shipped);
    big.countries = codes.map((code, i) => ({ code, name: { ar: `دولة ${i + 1}`, en: `State ${i + 1}` }, aliases: [] }));
    big.actors = [];
    big.events = [{ ...structuredClone(shipped.events[0]), id: 'everyone', parties: codes, initiator: undefined, actors: [], related: [] }];
    const own = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(big) } } });
    const page = await newPage(browser, { serviceWorkers: 'block' });
    for (const q of [`country=${codes[0]}`, 'view=countries', 'event=everyone', '']) {
      await page.goto(`${own.url}?lang=en&${q}`);
      await ready(page);
      const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      assert.ok(nodes < 20000, `${q}: ${nodes} elements`);
    }
    assert.ok(!page.problems.some((p) => /pageerror|unreachable|disposed/i.test(p)), page.problems.join('\n'));
    await page.context().close();
    await own.close();
  });
}

test('every card of 153 states: its flag where one is bundled, else the neutral mark; no request fails', async () => {
  const bundled = new Set(readdirSync(resolve(DIST, 'flags')).filter((f) => f.endsWith('.webp')).map((f) => f.slice(0, 2).toUpperCase()));
  const codes = doc.countries.map((c) => c.code);
  const withFlag = codes.filter((c) => bundled.has(c));
  assert.ok(withFlag.length > 20 && withFlag.length < codes.length, `${withFlag.length} of ${codes.length} have a flag`);
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  const seen = new Set();
  for (let p = 1; p <= Math.ceil(codes.length / 12); p++) {
    await page.goto(`${server.url}?lang=en&view=countries&sort=name${p > 1 ? `&page=${p}` : ''}`);
    await ready(page);
    await page.waitForFunction(() => [...document.querySelectorAll('.flag img')].every((i) => i.complete));
    const cards = await page.$$eval('.country-card', (cs) => cs.map((c) => {
      const frame = c.querySelector('.flag').getBoundingClientRect();
      const img = c.querySelector('.flag img');
      return { code: c.dataset.country, frame: [frame.width, frame.height], drawn: img ? img.naturalWidth > 0 && img.getBoundingClientRect().width > 0 : null };
    }));
    for (const c of cards) {
      seen.add(c.code);
      assert.deepEqual(c.frame, [32, 24], `${c.code}: the frame (flag or neutral mark) is shown`);
      assert.equal(c.drawn, bundled.has(c.code) ? true : null, `${c.code}: ${bundled.has(c.code) ? 'its flag is drawn' : 'no image, the neutral mark'}`);
    }
  }
  assert.equal(seen.size, codes.length);
  assert.deepEqual(failed, []);
  await page.context().close();
});
