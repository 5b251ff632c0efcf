// What newsroom graphics desks expect (#17): reading options (digits, Hijri dates, the Arabic
// axis's direction) as exact strings in both languages, kept by every link; widgets that say what
// they show, a compact single-event widget, plain and transparent embeds, Pym.js and AMP height
// messages from real host pages, and no storage written by an embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ready, serveDist, params, DIST, ROOT } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(join(DIST, 'data/events.json'), 'utf8'));
const hostDir = mkdtempSync(join(tmpdir(), 'marsad-newsroom-'));
let browser, widgets, host;

before(async () => {
  browser = await launch();
  widgets = await serveDist();
  host = await serve({ root: hostDir });
  copyFileSync(join(ROOT, 'tests/browser/node_modules/pym.js/dist/pym.v1.min.js'), join(hostDir, 'pym.v1.min.js'));
});
after(async () => { await browser?.close(); for (const s of [widgets, host]) await s?.close(); rmSync(hostDir, { recursive: true, force: true }); });

const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();
async function open(query, opts) {
  const page = await newPage(browser, opts);
  await page.goto(`${widgets.url}?${query}`);
  await ready(page);
  return page;
}
async function widget(query, opts) {
  const page = await newPage(browser, opts);
  await page.goto(`${widgets.url}?${query}`);
  await page.waitForSelector('.embed .content > *');
  return page;
}
const dateOf = async (page) => text(page, '.facts time');

// Umm al-Qura days of these dates, as ICU gives them: 2021-09-30 = 23 Safar 1443; January 2026
// runs from 12 Rajab to 12 Shaban 1447; 2025 from 1 Rajab 1446 to 11 Rajab 1447.
const DAY = 'us-ru-sherman-ryabkov-geneva-2021', MONTH = 'gb-cn-cyber-dialogue-2026', YEAR = 'us-concerns-cn-embassy-cables-2025';

test('Hijri dates first, the Gregorian beside them, at the precision the data has (both languages)', async () => {
  const expected = {
    ar: { [DAY]: '23 صفر 1443 هـ (30 سبتمبر 2021 م)', [MONTH]: 'رجب–شعبان 1447 هـ (يناير 2026 م)', [YEAR]: '1446–1447 هـ (2025 م)' },
    en: { [DAY]: '23 Safar 1443 AH (30 September 2021)', [MONTH]: 'Rajab–Shaban 1447 AH (January 2026)', [YEAR]: '1446–1447 AH (2025)' },
  };
  const page = await newPage(browser);
  for (const lang of ['ar', 'en']) {
    for (const [id, want] of Object.entries(expected[lang])) {
      await page.goto(`${widgets.url}?lang=${lang}&cal=islamic&event=${id}`);
      await ready(page);
      assert.equal(await dateOf(page), want, `${lang} ${id}`);
    }
    // Gregorian, the default, is unchanged.
    await page.goto(`${widgets.url}?lang=${lang}&event=${DAY}`);
    await ready(page);
    assert.equal(await dateOf(page), lang === 'ar' ? '30 سبتمبر 2021' : '30 September 2021');
  }
  await page.context().close();
});

test('every reading keeps a list row on its lines: no date wraps, nothing spills out of its row', async () => {
  // A Hijri date is the longest ("Rajab–Shaban 1447 AH (January 2026)"): in a date column beside
  // the title it took three lines of a 60 px row, over the row below and the row's own facts.
  // On a phone the facts (date, what the event is, who took part) take up to three lines (one cut
  // the parties), inside the row.
  const found = [];
  for (const lang of ['ar', 'en']) {
    for (const cal of ['', '&cal=islamic']) {
      for (const width of [390, 1280]) {
        const page = await open(`lang=${lang}${cal}`, { width });
        await page.$eval('.event-list', (l) => l.scrollIntoView());
        const rows = await page.$$eval('.event-list .event-row', (rows) => rows.map((row) => {
          const box = row.getBoundingClientRect();
          const out = [];
          for (const part of row.querySelectorAll('.event-date, a, .event-meta')) {
            const b = part.getBoundingClientRect();
            if (b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5) out.push(`${part.className || 'title'} outside its row`);
          }
          const facts = row.querySelector('.event-facts');
          for (const [sel, lines] of [['.event-date', 1], ['.event-facts', innerWidth <= 600 ? 3 : 1]]) {
            const range = document.createRange();
            range.selectNodeContents(row.querySelector(sel));
            const rects = [...range.getClientRects()];
            const tall = Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top));
            if (tall > (lines + 1) * parseFloat(getComputedStyle(row.querySelector(sel)).fontSize)) out.push(`${sel} wraps`);
          }
          // Nothing clamped away, and the date's and the rest's boxes, line by line, apart.
          if (facts.scrollHeight > facts.clientHeight + 1) out.push('facts cut');
          const [ds, ms] = ['.event-date', '.event-meta'].map((s) => [...row.querySelector(s).getClientRects()]);
          const over = (d, m) => d.left < m.right - 0.5 && m.left < d.right - 0.5 && d.top < m.bottom - 0.5 && m.top < d.bottom - 0.5;
          if (ds.some((d) => ms.some((m) => over(d, m)))) out.push('date over meta');
          return out.length ? `${row.querySelector('.event-date').textContent}: ${out.join(', ')}` : '';
        }));
        assert.ok(rows.length >= 4, `${lang}${cal} ${width}: ${rows.length} rows`);
        for (const r of rows.filter(Boolean)) found.push(`${lang}${cal} ${width} px: ${r}`);
        await page.context().close();
      }
    }
  }
  assert.deepEqual(found, []);
});

test('Arabic-Indic digits in every number and date of the Arabic interface; English keeps Latin digits', async () => {
  const n = data.events.length;
  const ar = await open(`digits=arab&cal=islamic&event=${DAY}`);
  assert.equal(await dateOf(ar), '٢٣ صفر ١٤٤٣ هـ (٣٠ سبتمبر ٢٠٢١ م)');
  await ar.goto(`${widgets.url}?digits=arab`);
  await ready(ar);
  const indic = (s) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[d]);
  assert.equal(await text(ar, '.result-count'), `${indic(String(n))} حدثًا`);
  const ticks = await ar.$$eval('.tick text', (t) => t.map((x) => x.textContent));
  assert.ok(ticks.length > 3 && ticks.every((t) => /^[٠-٩]{4}$/.test(t)), ticks.join(' '));
  const counts = await ar.$$eval('.filters .count', (c) => c.map((x) => x.textContent));
  assert.ok(counts.every((c) => /^[٠-٩٬]+$/.test(c)), counts.join(' '));
  const rows = await ar.$$eval('.event-row .event-date', (d) => d.map((x) => x.textContent));
  assert.ok(rows.length && rows.every((r) => !/[0-9]/.test(r)), rows.join(' | '));
  const en = await open('lang=en&digits=arab');
  assert.equal(await text(en, '.result-count'), `${n} events`);
  for (const p of [ar, en]) await p.context().close();
});

test('the Arabic axis runs either way; English always runs left to right', async () => {
  const xs = async (query) => {
    const page = await open(query);
    const ticks = await page.$$eval('.tick', (ts) => ts.map((t) => [t.querySelector('text').textContent, t.querySelector('line').x1.baseVal.value]));
    await page.context().close();
    const years = ticks.filter(([t]) => /^\d{4}$/.test(t)).map(([t, x]) => [+t, x]).sort((a, b) => a[0] - b[0]);
    return [years[0][1], years.at(-1)[1]];
  };
  const [oldest, newest] = await xs('');
  assert.ok(oldest > newest, 'default Arabic: the oldest on the right');
  const [o2, n2] = await xs('axis=ltr');
  assert.ok(o2 < n2, 'axis=ltr: the oldest on the left');
  const [o3, n3] = await xs('lang=en&axis=rtl');
  assert.ok(o3 < n3, 'English ignores axis');
});

test('reading options survive language switches and navigation; links to static pages keep them', async () => {
  const page = await open(`digits=arab&cal=islamic&event=${DAY}`);
  assert.equal(await page.getAttribute('.lang-switch', 'href'), `/en/event/${DAY}/?digits=arab&cal=islamic`);
  await page.click('.lang-switch');
  await page.waitForFunction(() => marsadState().lang === 'en');
  assert.deepEqual(await params(page), { lang: 'en', event: DAY, digits: 'arab', cal: 'islamic' });
  assert.equal(new URL(page.url()).pathname, `/en/event/${DAY}/`);
  assert.equal(await dateOf(page), '23 Safar 1443 AH (30 September 2021)');
  await page.click('.site-header .brand-name');
  await page.waitForFunction(() => !marsadState().event);
  assert.deepEqual(await params(page), { lang: 'en', digits: 'arab', cal: 'islamic' });
  // A static page's address with the options: the app draws it with them.
  await page.goto(`${widgets.url}country/CN/?digits=arab`);
  await ready(page);
  assert.match(await text(page, '.result-count'), /^[٠-٩]+ حدثًا$/);
  await page.context().close();
});

test('the display options menu sets them, and offers in English only what applies to English', async () => {
  const page = await open('');
  await page.click('.reading-menu summary');
  await page.selectOption('#reading-digits', 'arab');
  await page.waitForFunction(() => marsadState().digits === 'arab');
  assert.match(await text(page, '.result-count'), /^[٠-٩]+ حدثًا$/);
  await page.selectOption('#reading-axis', 'ltr');
  await page.waitForFunction(() => marsadState().axis === 'ltr');
  const labels = await page.$$eval('.reading-fields label', (l) => l.map((x) => x.textContent));
  assert.deepEqual(labels, ['الأرقام', 'التقويم', 'اتجاه الخط الزمني']);
  const en = await open('lang=en');
  await en.click('.reading-menu summary');
  // The fields come from their own module, asked for as the pointer reached the button.
  await en.locator('#reading-cal').waitFor();
  assert.deepEqual(await en.$$eval('.reading-fields label', (l) => l.map((x) => x.textContent)), ['Calendar']);
  await en.selectOption('#reading-cal', 'islamic');
  await en.waitForFunction(() => marsadState().cal === 'islamic');
  for (const p of [page, en]) await p.context().close();
});

test('a widget says what it shows: the country, the pair or the filters, and the years', async () => {
  const years = data.events.filter((e) => e.parties.includes('CN')).map((e) => +e.date.slice(0, 4));
  const span = `${Math.min(...years)}–${Math.max(...years)}`;
  const cases = [
    ['embed=country&country=CN', `الصين · أحداث الدبلوماسية السيبرانية ${span}`],
    ['lang=en&embed=country&country=CN', `China · Cyber-diplomacy events ${span}`],
    ['lang=en&embed=pair&pair=US-CN', /^United States ⇄ China · Cyber-diplomacy events \d{4}–\d{4}$/],
    ['lang=en&embed=timeline&type=pledge', /^Pledge · Cyber-diplomacy events \d{4}(–\d{4})?$/],
  ];
  for (const [q, want] of cases) {
    const page = await widget(q);
    const got = await text(page, '.widget-subject');
    if (want instanceof RegExp) assert.match(got, want, q); else assert.equal(got, want, q);
    await page.context().close();
  }
});

test('the single-event widget is compact, its quote visible, and nothing in it navigates inside the widget', async () => {
  for (const lang of ['ar', 'en']) {
    const page = await widget(`lang=${lang}&embed=event&event=${DAY}`, { width: 400, height: 700 });
    const e = data.events.find((x) => x.id === DAY);
    await page.waitForSelector('.event-widget blockquote');
    const height = await page.evaluate(() => document.body.scrollHeight);
    assert.ok(height < 1100, `${lang}: ${height}px tall`);
    assert.equal(await text(page, '.event-widget h1'), e.title[lang]);
    const quote = page.locator('.event-widget blockquote').first();
    assert.equal((await quote.textContent()).trim(), e.sources[0].quote);
    const box = await quote.boundingBox();
    assert.ok(box.height > 20 && box.x >= 0 && box.x + box.width <= 400, JSON.stringify(box));
    assert.equal(await page.$('.event-list, .back, .article-text'), null);
    const links = await page.$$eval('.embed a', (a) => a.map((x) => [x.target, new URL(x.href).searchParams.get('embed')]));
    assert.ok(links.length >= 2 && links.every(([t, embed]) => t === '_blank' && embed === null), JSON.stringify(links));
    // Of the views in modules of their own, it fetches the widget's only: not the event page's.
    await page.waitForLoadState('networkidle');
    const modules = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((r) => /\/split_([a-z_]+)-[0-9a-f]+\.wasm$/.exec(r.name)?.[1]).filter(Boolean));
    assert.deepEqual(modules, ['widget_module'], lang);
    await page.context().close();
  }
});

test('in a country widget a partner opens the explorer in a new tab; an event of the country opens inside', async () => {
  const page = await widget('lang=en&embed=country&country=CN');
  const partner = page.locator('.partners a').first();
  assert.equal(await partner.getAttribute('target'), '_blank');
  assert.equal(new URL(await partner.getAttribute('href')).searchParams.get('embed'), null);
  const [popup] = await Promise.all([page.waitForEvent('popup'), partner.click()]);
  await ready(popup);
  assert.ok((await params(popup)).pair.startsWith('CN-'));
  assert.equal((await params(page)).pair, undefined, 'the widget kept its subject');
  const latest = page.locator('.latest a').first();
  assert.equal(await latest.getAttribute('target'), null);
  await latest.click();
  await page.waitForFunction(() => marsadState().event);
  await page.context().close();
});

test('plain=1 keeps only a small credit link; transparent=1 shows the host page\'s background', async () => {
  const bg = (page) => page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor]);
  const plain = await widget('lang=en&embed=timeline&type=pledge&plain=1&transparent=1&theme=light');
  assert.equal(await plain.$('.embed-head'), null);
  const credit = plain.locator('.embed-credit a');
  assert.equal((await credit.textContent()).trim(), 'Marsad');
  assert.equal(await credit.getAttribute('target'), '_blank');
  assert.deepEqual(await bg(plain), ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
  const framed = await widget('lang=en&embed=timeline&type=pledge&theme=light');
  assert.ok(await framed.$('.embed-head .widget-subject'));
  assert.equal(await framed.$('.embed-credit'), null);
  assert.deepEqual(await bg(framed), ['rgb(255, 255, 255)', 'rgb(255, 255, 255)']);
  for (const p of [plain, framed]) await p.context().close();
});

test('the embed dialog offers language, reading and display options, and previews them', async () => {
  const page = await open('country=CN');
  await page.click('button[aria-haspopup="dialog"]');
  await page.waitForSelector('.embed-preview');
  assert.ok(await page.$('#embed-digits'), 'an Arabic widget offers digits');
  await page.selectOption('#embed-lang', 'en');
  await page.waitForFunction(() => !document.querySelector('#embed-digits'));
  await page.selectOption('#embed-cal', 'islamic');
  await page.check('#embed-plain');
  await page.check('#embed-transparent');
  await page.waitForFunction(() => document.querySelector('#embed-loader').value.includes('transparent=1'));
  const loader = await page.inputValue('#embed-loader');
  assert.match(loader, /data-marsad-embed="lang=en&amp;embed=country&amp;country=CN&amp;cal=islamic&amp;plain=1&amp;transparent=1"/);
  // Each frame is named by its widget's subject, in the widget's language (a page with two
  // widgets had two frames of one name), in both snippets.
  assert.match(await page.inputValue('#embed-iframe'), /title="Marsad: China · Cyber-diplomacy events"/);
  assert.match(loader, /data-marsad-title="Marsad: China · Cyber-diplomacy events"/);
  const preview = await (await page.$('.embed-preview')).contentFrame();
  await preview.waitForSelector('.embed-credit');
  assert.equal(await preview.$('.embed-head'), null);
  assert.equal(await preview.evaluate(() => document.documentElement.lang), 'en');
  // The snippet box draws text in the page's font (Arabic letters join), and fits a phone.
  assert.doesNotMatch(await page.$eval('#embed-loader', (t) => getComputedStyle(t).fontFamily), /monospace/);
  await page.context().close();
  const phone = await open('country=CN', { width: 360, height: 740 });
  await phone.click('button[aria-haspopup="dialog"]');
  await phone.waitForSelector('dialog[open]');
  const overflow = await phone.$$eval('dialog[open] select, dialog[open] textarea, dialog[open] .embed-preview',
    (els) => els.filter((e) => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > 360; }).length);
  assert.equal(overflow, 0);
  await phone.context().close();
});

test('Escape closes the embed dialog from inside its preview too, and focus goes back to its button', async () => {
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}&country=CN`);
    await page.click('button[aria-haspopup="dialog"]');
    await page.waitForSelector('.embed-preview');
    // The preview reloads with each option: the new page hears Escape too.
    await page.check('#embed-plain');
    const preview = await (await page.$('.embed-preview')).contentFrame();
    await preview.waitForSelector('.embed-credit');
    // A reader who clicked into the preview (a mark, a row) and presses Escape.
    await preview.click('.embed .result-count, .embed .content');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup')), 'dialog', lang);
    assert.deepEqual(page.problems, [], lang);
    await page.context().close();
  }
});

/** Waits until `frame`'s element is as tall as its content (within 3 px), and returns that height. */
async function fits(page, selector) {
  const el = page.locator(selector);
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.waitForSelector('.embed .content > *', { timeout: 20000 });
  let last;
  for (let tries = 0; tries < 60; tries++) {
    const content = await frame.evaluate(() => document.body.scrollHeight);
    const box = (await el.boundingBox()).height;
    last = { content, box };
    if (Math.abs(content - box) <= 3) return { frame, height: box };
    await page.waitForTimeout(100);
  }
  assert.fail(`${selector}: height ${last.box} vs content ${last.content}`);
}

test('Pym.js: a real Pym parent sizes the widget from its height messages, and follows content changes', async () => {
  writeFileSync(join(hostDir, 'pym.html'), `<!DOCTYPE html><html><body><p>News article</p><div id="graphic"></div>
    <script src="pym.v1.min.js"></script>
    <script>window.seen = []; addEventListener('message', (e) => { if (typeof e.data === 'string') seen.push(e.data); });
      new pym.Parent('graphic', '${widgets.url}?lang=en&embed=timeline&filters=1', {});</script></body></html>`);
  const page = await newPage(browser);
  await page.goto(`${host.url}pym.html`);
  const { frame, height } = await fits(page, '#graphic iframe');
  const seen = await page.evaluate(() => window.seen.filter((m) => m.includes('xPYMxheightxPYMx')));
  assert.ok(seen.length > 0);
  for (const m of seen) assert.match(m, /^pymxPYMxgraphicxPYMxheightxPYMx\d+$/);
  await frame.click('.filters label:has(.option-label:text("Pledge")) input');
  await frame.waitForFunction(() => marsadState().type === 'pledge');
  const after = await fits(page, '#graphic iframe');
  assert.notEqual(after.height, height);
  await page.context().close();
});

test('AMP: the widget asks for its height with embed-size, in AMP\'s shape, as its content changes', async () => {
  // The AMP runtime cannot be loaded here: the host page does what <amp-iframe resizable> does.
  writeFileSync(join(hostDir, 'amp.html'), `<!DOCTYPE html><html><body><iframe id="amp" width="100%" height="150" frameborder="0"
    src="${widgets.url}?lang=en&embed=timeline&filters=1"></iframe>
    <script>window.asks = []; addEventListener('message', (e) => {
      if (e.data && e.data.sentinel === 'amp') { asks.push(e.data); document.getElementById('amp').height = e.data.height; }
    });</script></body></html>`);
  const page = await newPage(browser);
  await page.goto(`${host.url}amp.html`);
  const { frame, height } = await fits(page, '#amp');
  const asks = await page.evaluate(() => window.asks);
  for (const a of asks) {
    assert.deepEqual(Object.keys(a), ['sentinel', 'type', 'height']);
    assert.equal(a.type, 'embed-size');
    assert.equal(typeof a.height, 'number');
  }
  assert.equal(asks.at(-1).height, height);
  await frame.click('.filters label:has(.option-label:text("Pledge")) input');
  await frame.waitForFunction(() => marsadState().type === 'pledge');
  const after = await fits(page, '#amp');
  assert.notEqual(after.height, height);
  assert.equal((await page.evaluate(() => window.asks)).at(-1).height, after.height);
  await page.context().close();
});

test('an embed sets no cookie and writes no storage, after a reader has used it', async () => {
  writeFileSync(join(hostDir, 'storage.html'), `<!DOCTYPE html><html><body>
    <div data-marsad-embed="lang=en&embed=timeline&filters=1"></div><script src="${widgets.url}embed.js" async></script></body></html>`);
  const page = await newPage(browser);
  await page.goto(`${host.url}storage.html`);
  const { frame } = await fits(page, '[data-marsad-embed] iframe');
  await frame.click('.filters label:has(.option-label:text("Pledge")) input');
  await frame.waitForFunction(() => marsadState().type === 'pledge');
  await frame.fill('#search', 'Xi');
  await frame.click('.timeline-controls button[aria-label="Zoom in"]');
  await frame.click('.event-row a');
  await frame.waitForSelector('.event-page');
  const inside = await frame.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
  assert.deepEqual(inside, { cookie: '', local: 0, session: 0, idb: 0, caches: 0, workers: 0 });
  assert.deepEqual(await page.context().cookies(), []);
  await page.context().close();
});

test('the embed dialog says what a chosen widget needs that the view lacks, before its snippet is copied', async () => {
  const page = await open('lang=en');
  await page.click('button[aria-haspopup="dialog"]');
  await page.waitForSelector('#embed-widget');
  assert.equal(await page.locator('dialog[open] .widget-problem').count(), 0, 'the timeline needs nothing');
  await page.selectOption('#embed-widget', 'country');
  await page.waitForSelector('dialog[open] .widget-problem');
  assert.equal((await page.textContent('dialog[open] .widget-problem')).trim(),
    'A country widget needs one state: country=CN. Showing the timeline instead.');
  assert.ok(await page.isVisible('dialog[open] .widget-problem'));
  await page.selectOption('#embed-widget', 'timeline');
  await page.waitForFunction(() => !document.querySelector('dialog[open] .widget-problem'));
  await page.context().close();
  // With a state chosen, the country widget is whole: nothing said.
  const one = await open('lang=en&country=CN');
  await one.click('button[aria-haspopup="dialog"]');
  await one.waitForSelector('#embed-widget');
  await one.selectOption('#embed-widget', 'country');
  await one.waitForFunction(() => document.querySelector('#embed-loader')?.value.includes('embed=country'));
  assert.equal(await one.locator('dialog[open] .widget-problem').count(), 0);
  await one.context().close();
});
