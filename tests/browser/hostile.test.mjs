// Bad input: hostile records render as inert, readable text; invalid records are skipped and
// counted while the rest renders; an unknown schema_version is refused with a clear message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, DIST, listed } from './util.mjs';
import { serve } from './serve.mjs';

const shipped = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  'javascript:window.__pwned=3',
  '"><svg onload="window.__pwned=4">',
  '\u202Eتقرير مقلوب\u202C <b>bold</b> &amp; &lt;',
];
const LONG = 'ط'.repeat(5000) + 'x'.repeat(5000);

function hostileDataset() {
  const doc = structuredClone(shipped);
  const base = doc.events[0];
  doc.events = doc.events.slice(0, 5);
  HOSTILE.forEach((h, i) => doc.events.push({
    ...structuredClone(base), id: `hostile-${i}`, related: [],
    title: { ar: `عنوان ${h}`, en: `Title ${h}` },
    summary: { ar: `ملخص ${h}`, en: `Summary ${h}` },
    place: { ar: `مكان ${h}`, en: h },
  }));
  doc.events.push({ ...structuredClone(base), id: 'very-long', related: [], title: { ar: LONG, en: LONG } });
  // Three invalid records: unknown country, impossible date, missing field.
  doc.events.push({ ...structuredClone(base), id: 'bad-country', parties: ['XX'], related: [] });
  doc.events.push({ ...structuredClone(base), id: 'bad-date', date: '2023-02-30', date_precision: 'day', related: [] });
  const missing = { ...structuredClone(base), id: 'no-title', related: [] };
  delete missing.title;
  doc.events.push(missing);
  doc.events.forEach((e) => { e.related = e.related.filter((r) => doc.events.some((x) => x.id === r)); });
  return doc;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const lang of ['ar', 'en']) {
  test(`hostile records render inert and readable; invalid ones are counted (${lang})`, async () => {
    const server = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(hostileDataset()) } } });
    // Tall enough for every row of the virtualised list to exist at once.
    const page = await newPage(browser, { serviceWorkers: 'block', height: 5000 });
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(`${server.url}?lang=${lang}`);
    await ready(page);
    assert.equal(await listed(page), 5 + HOSTILE.length + 1);
    assert.equal(await page.$$eval('.event-list .event-row', (r) => r.length), 5 + HOSTILE.length + 1);
    const text = await page.textContent('.event-list');
    for (const h of HOSTILE) assert.ok(text.includes(h), `not shown literally: ${h}`);
    // Every event page too, where place and summary are shown.
    for (let i = 0; i < HOSTILE.length; i++) {
      await page.goto(`${server.url}?lang=${lang}&event=hostile-${i}`);
      await page.waitForSelector('.event-page');
      assert.ok((await page.textContent('.event-page')).includes(HOSTILE[i]));
    }
    await page.goto(`${server.url}?lang=${lang}&event=very-long`);
    await page.waitForSelector('.event-page');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `a 10,000-character title widens the page by ${overflow}px`);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('img:not(.flag img)', (i) => i.length), 0);
    assert.equal(await page.$$eval('[onerror], [onload]', (i) => i.length), 0);
    assert.deepEqual(dialogs, []);
    // The bidi override is isolated: it stays inside its own <bdi>.
    await page.goto(`${server.url}?lang=${lang}`);
    await ready(page);
    assert.ok(await page.$$eval('.event-list bdi', (bs) => bs.some((b) => b.textContent.includes('\u202E'))));
    assert.equal((await page.textContent('.notice strong')).trim(), '3');
    assert.equal(await page.$$eval('.notice li', (l) => l.length), 3);
    assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
    await page.context().close();
    await server.close();
  });
}

test('hostile state names stay text in the network (its SVG labels and names), the comparison and their CSVs', async () => {
  const doc = structuredClone(shipped);
  const [a, b] = ['CN', 'US'].map((code) => doc.countries.find((c) => c.code === code));
  // (An Arabic name must have Arabic letters, or the loader refuses the state.)
  a.name = { ar: `الصين ${HOSTILE[3]}`, en: HOSTILE[0] };
  b.name = { ar: `أمريكا ${HOSTILE[1]}`, en: `=HYPERLINK("http://x") ${HOSTILE[4]}` };
  const server = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(doc) } } });
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  // (A failed assertion must not leave the server open: the test run would wait for it.)
  try {
    for (const lang of ['ar', 'en']) {
      await page.goto(`${server.url}?lang=${lang}&view=network`);
      await ready(page);
      const labels = await page.$$eval('.net-node text', (t) => t.map((x) => x.textContent));
      assert.ok(labels.includes(a.name[lang]) && labels.includes(b.name[lang]), labels.join(' | '));
      const names = await page.$$eval('.network-svg a', (l) => l.map((x) => x.getAttribute('aria-label')));
      assert.ok(names.some((n) => n.includes(a.name[lang]) && n.includes(b.name[lang])));
      await page.goto(`${server.url}?lang=${lang}&compare=CN,US`);
      await ready(page);
      assert.ok((await page.textContent('.compare-summary')).includes(b.name[lang]));
    }
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[data-download="compare"]')]);
    const csv = readFileSync(await dl.path(), 'utf8');
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")`), 'a formula is neutralised');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval('[onerror], [onload], script:not([src])', (i) => i.length), 0);
    assert.deepEqual(dialogs, []);
    assert.ok(!page.problems.some((p) => p.startsWith('pageerror')), page.problems.join('\n'));
  } finally {
    await page.context().close();
    await server.close();
  }
});

test('an unknown schema_version is refused with a clear message', async () => {
  const server = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify({ ...shipped, schema_version: 99 }) } } });
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector('.error-panel');
  assert.match(await page.textContent('.error-panel'), /version this explorer cannot read/);
  assert.match(await page.textContent('.error-panel pre'), /schema_version 99 is not supported/);
  await page.context().close();
  await server.close();
});
