// What readers touch first ([2/9]): the quote in sight in its article, one reader for every
// quote, text in its own direction, the article's facts; navigation, titles and sharing; cards
// that follow the filters; any/all countries; chips; a timeline you can read without clicking;
// lists that scale in Arabic order; print. Each test measures what the reader sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, serveDist, DIST, listed, waitListed, openAt, params, historyWritten, waitUntil } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const byId = Object.fromEntries(data.events.map((e) => [e.id, e]));
const has = (e, code) => e.parties.includes(code);
let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (query = '', opts = {}) => openAt(browser, server, query, opts);
const text = async (page, sel) => (await page.textContent(sel)).replace(/\s+/g, ' ').trim();

/** Where the current quote sits in its article box: offsets from the box's top and bottom, the
 *  distance of its centre from the box's centre, and the box's scroll state. */
const quoteInBox = (page) => page.$eval('.article-text mark.current', (m) => {
  const box = m.closest('.article-text');
  const b = box.getBoundingClientRect(), r = m.getBoundingClientRect();
  return {
    top: r.top - b.top, bottom: b.bottom - r.bottom, off: Math.abs((r.top + r.bottom) / 2 - (b.top + b.bottom) / 2),
    height: b.height, scrollTop: box.scrollTop, atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 1,
  };
});

for (const lang of ['ar', 'en']) {
  for (const width of [360, 1280]) {
    test(`the quoted sentence is centred in its article box on load (${lang}, ${width} px)`, async () => {
      // An event whose quote is three quarters into its article: the box must scroll to it.
      const page = await open(`lang=${lang}&event=gb-officials-assess-cn-intrusions-2026`, { width, height: 800 });
      await page.waitForSelector('.article-text mark.current');
      await page.waitForTimeout(100);
      const q = await quoteInBox(page);
      assert.ok(q.top >= 0 && q.bottom >= 0, `the quote is outside its box: ${JSON.stringify(q)}`);
      assert.ok(q.scrollTop > 0, 'the box was not scrolled to the quote');
      assert.ok(q.off <= q.height * 0.15 || q.atEnd, `the quote is ${q.off}px from the centre of a ${q.height}px box`);
      await page.context().close();
    });
  }
}

// A long article (~53 KB, under the size the reader shows whole): the browser lays out only the
// blocks of text (about 1 KB each) near what the reader sees (each says when it is skipped or
// drawn) and those around the quote, and the quote is still centred and drawn once the reader
// reaches the box.
test('a long article is whole, its quote centred and drawn, and only the blocks in sight laid out', async () => {
  const e = byId['gb-officials-assess-cn-intrusions-2026'];
  const original = readFileSync(resolve(DIST, 'data/articles/a000.txt'), 'utf8');
  const filler = Array.from({ length: 200 }, (_, i) => `فقرة ${i + 1} من نص طويل عن الأمن السيبراني والدبلوماسية بين الدول.`).join('\n');
  const body = `${filler}\n\n${original}\n${filler}\n\n\n`;
  const long = await serve({ root: DIST, overrides: { 'data/articles/a000.txt': { body, type: 'text/plain; charset=utf-8' } } });
  for (const [lang, width] of [['ar', 360], ['en', 1280]]) {
    const page = await newPage(browser, { width, height: 800 });
    await page.addInitScript(() => {
      window.__drawn = new Set();
      document.addEventListener('contentvisibilityautostatechange', (ev) => {
        if (ev.skipped) window.__drawn.delete(ev.target); else window.__drawn.add(ev.target);
      }, true);
    });
    await page.goto(`${long.url}?lang=${lang}&event=${e.id}`);
    await ready(page);
    await page.waitForSelector('.article-text mark.current');
    // The reader scrolls the page to the box; the paragraphs in sight are drawn.
    await page.$eval('.article-text', (box) => box.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(() => document.querySelector('.article-text mark.current').checkVisibility({ contentVisibilityAuto: true }));
    await page.waitForTimeout(150);
    const q = await quoteInBox(page);
    assert.ok(q.top >= 0 && q.bottom >= 0, `the quote is outside its box: ${JSON.stringify(q)}`);
    assert.ok(q.off <= q.height * 0.15, `the quote is ${q.off}px from the centre of a ${q.height}px box`);
    const seen = await page.$eval('.article-text', (box) => {
      const ps = [...box.querySelectorAll('p')];
      const laid = ps.filter((p) => window.__drawn.has(p) || getComputedStyle(p).contentVisibility === 'visible');
      return { n: ps.length, drawn: laid.length, text: box.textContent };
    });
    // Nothing left out: the box holds the whole text, block by block.
    const norm = (t) => t.replace(/\s+/g, ' ').trim();
    assert.ok(norm(seen.text) === norm(body), `the box holds ${seen.text.length} characters of ${body.length}`);
    const bytes = Buffer.byteLength(body);
    assert.ok(seen.n > bytes / 2048 && seen.n < bytes / 1024 + 1, `${seen.n} blocks for ${bytes} bytes`);
    assert.ok(seen.drawn > 0 && seen.drawn < seen.n / 4, `${seen.drawn} of ${seen.n} blocks laid out`);
    // Scrolling to the end draws the last paragraph, inside the box (line breaks at the very end
    // of the text draw no empty lines there).
    await page.$eval('.article-text', (box) => { box.scrollTop = box.scrollHeight; });
    await page.waitForFunction(() => {
      const box = document.querySelector('.article-text'), last = box.querySelector('p:last-of-type');
      const b = box.getBoundingClientRect(), r = last.getBoundingClientRect();
      return window.__drawn.has(last) && last.textContent.trim() !== '' && r.height > 0 && r.bottom <= b.bottom + 1 && r.top >= b.top - 1;
    });
    await page.context().close();
  }
  await long.close();
});

test('one article reader with every quote of the event highlighted; previous and next move between them', async () => {
  const e = byId['gb-cn-cyber-dialogue-2026'];
  const page = await open(`lang=en&event=${e.id}`, { height: 800 });
  await page.waitForSelector('.article-text mark.current');
  // The article once, not once per source: three quotes, one box, three marks.
  assert.equal(await page.$$eval('.article-text', (a) => a.length), 1);
  assert.equal(await page.$$eval('.article-text mark', (m) => m.length), e.sources.length);
  const current = () => page.$eval('.article-text mark.current', (m) => m.textContent.replace(/\s+/g, ' ').trim());
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  assert.equal(await current(), norm(e.sources[0].quote));
  for (let i = 1; i < e.sources.length; i++) {
    await page.click('.reader-nav button:nth-of-type(2)');
    await page.waitForFunction((q) => document.querySelector('.article-text mark.current')?.textContent.replace(/\s+/g, ' ').trim() === q, norm(e.sources[i].quote));
    const q = await quoteInBox(page);
    assert.ok(q.top >= 0 && q.bottom >= 0, `quote ${i + 1} is outside its box`);
    assert.equal(await text(page, '.reader-nav .count'), `${i + 1} / ${e.sources.length}`);
  }
  // "Show the passage" on a quote makes it the current one.
  await page.click('.quotes li:first-child button');
  assert.equal(await current(), norm(e.sources[0].quote));
  await page.context().close();
});

for (const lang of ['en', 'ar']) {
  test(`on a phone, "Show the passage" brings the passage on screen, in its box (${lang})`, async () => {
    // The quotes come before the article box: on a phone the box is below the fold, and the
    // passage changed there, out of the reader's sight.
    const e = byId['gb-cn-cyber-dialogue-2026'];
    const page = await open(`lang=${lang}&event=${e.id}`, { width: 390, height: 844 });
    await page.waitForSelector('.article-text mark.current');
    assert.equal(await page.evaluate(() => scrollY), 0, 'the page opens at its top');
    // What the reader sees: the chosen passage on screen, inside its box, not covered.
    const seen = () => page.$eval('.article-text mark.current', (m) => {
      const box = m.closest('.article-text').getBoundingClientRect(), r = m.getBoundingClientRect();
      const line = m.getClientRects()[0]; // a passage over several lines: its first line's middle
      const hit = document.elementFromPoint((line.left + line.right) / 2, (line.top + line.bottom) / 2);
      return { onScreen: r.top >= 0 && r.bottom <= innerHeight, inBox: r.top >= box.top - 1 && r.bottom <= box.bottom + 1, hit: !!hit && m.contains(hit) };
    });
    const norm = (q) => q.replace(/\s+/g, ' ').trim();
    for (const i of [1, 0, 2]) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('.quotes li').nth(i).locator('button').click();
      await page.waitForFunction((q) => document.querySelector('.article-text mark.current')?.textContent.replace(/\s+/g, ' ').trim() === q, norm(e.sources[i].quote));
      await page.waitForFunction(() => { const r = document.querySelector('.article-text mark.current').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }, null, { timeout: 3000 })
        .catch(() => {});
      assert.deepEqual(await seen(), { onScreen: true, inBox: true, hit: true }, `quote ${i + 1}`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('beside the quote: the article title, its outlets, and the published date with how it was inferred', async () => {
  const e = byId['gb-cn-cyber-dialogue-2026'];
  const a = data.articles.find((x) => x.id === e.sources[0].article);
  const page = await open(`lang=en&event=${e.id}`);
  const facts = await text(page, '.source figcaption');
  assert.ok(facts.includes(a.title.en), facts);
  for (const o of a.outlets) assert.ok(facts.includes(o.en), o.en);
  assert.ok(facts.includes('January 2026'), facts);
  assert.ok(facts.includes(a.published_note.en), 'published_note is shown');
  await page.context().close();
  // In Arabic, the note is the Arabic one, in the page's language and direction (it was the
  // English sentence, marked as English, until 2026-12-07.1).
  const ar = await open(`event=${e.id}`);
  const note = await ar.$eval('.source .date-note', (n) => ({
    text: n.textContent, lang: n.closest('[lang]').lang, dir: getComputedStyle(n).direction,
    visible: n.getClientRects().length > 0,
  }));
  assert.deepEqual(note, { text: a.published_note.ar, lang: 'ar', dir: 'rtl', visible: true });
  await ar.context().close();
});

test('quotes and article text keep their own direction: an English source is not forced right to left', async () => {
  const doc = structuredClone(data);
  const english = 'Officials said on Tuesday, "the talks (in London) went well."';
  doc.articles.push({ ...doc.articles[0], id: 'en1', text: 'articles/en1.txt', seed_file: 'en1.txt' });
  doc.events.push({ ...structuredClone(doc.events[0]), id: 'english-source', related: [], sources: [{ article: 'en1', quote: english }] });
  const own = await serve({ root: DIST, overrides: {
    'data/events.json': { body: JSON.stringify(doc) },
    'data/articles/en1.txt': { body: `First line.\n${english}\nLast line.`, type: 'text/plain; charset=utf-8' },
  } });
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${own.url}?event=english-source`);
  await page.waitForSelector('.article-text mark.current');
  assert.equal(await page.$eval('.quotes blockquote', (b) => getComputedStyle(b).direction), 'ltr');
  assert.equal(await page.$eval('.article-text', (b) => getComputedStyle(b).direction), 'ltr');
  // And an Arabic quote in the English interface stays right to left.
  await page.goto(`${own.url}?lang=en&event=gb-cn-cyber-dialogue-2026`);
  await page.waitForSelector('.quotes blockquote');
  assert.equal(await page.$eval('.quotes blockquote', (b) => getComputedStyle(b).direction), 'rtl');
  await page.context().close();
  await own.close();
});

test("a quote's bar runs along its source box's edge, on the quote's side, however short the quote", async () => {
  // The shortest quote in the data (one line on a wide screen), and an English source's.
  const short = [...data.events].sort((a, b) => Math.min(...a.sources.map((s) => s.quote.length)) - Math.min(...b.sources.map((s) => s.quote.length)))[0];
  for (const [lang, width] of [['en', 1280], ['en', 390], ['ar', 1280]]) {
    const page = await open(`lang=${lang}&event=${short.id}`, { width });
    await page.waitForSelector('.quotes blockquote');
    const edges = await page.$$eval('.quotes li', (items) => items.map((li) => {
      const q = li.querySelector('blockquote');
      const [b, box] = [q.getBoundingClientRect(), li.getBoundingClientRect()];
      const rtl = getComputedStyle(q).direction === 'rtl';
      // The bar is the quote's inline-start border: its outer edge against the box's.
      return { rtl, bar: rtl ? b.right : b.left, edge: rtl ? box.right : box.left, far: rtl ? b.left - box.left : box.right - b.right };
    }));
    for (const e of edges) {
      assert.ok(Math.abs(e.bar - e.edge) <= 1, `${lang} ${width}: the bar at the box's edge ${JSON.stringify(e)}`);
      assert.ok(e.far <= 1, `${lang} ${width}: the quote spans its box ${JSON.stringify(e)}`);
    }
    await page.context().close();
  }
});

test('opening an event from a scrolled list starts at its title, with focus on it', async () => {
  const page = await open('lang=en', { height: 700 });
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.event-list ol').getBoundingClientRect().top + 1200));
  // The 21st event of the list (by its position, not by how many rows the list keeps drawn).
  const row = page.locator('.event-list .event-row[aria-posinset="21"] a');
  await row.scrollIntoViewIfNeeded();
  assert.ok(await page.evaluate(() => window.scrollY) > 1000);
  await row.click();
  await page.waitForSelector('#event-title');
  await page.waitForFunction(() => document.activeElement?.id === 'event-title');
  const top = await page.$eval('#event-title', (h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 700, `the title is at ${top}px`);
  await page.context().close();
});

test('the document title follows the view', async () => {
  const page = await open('lang=en&event=gb-cn-cyber-dialogue-2026');
  assert.equal(await page.title(), `${byId['gb-cn-cyber-dialogue-2026'].title.en} · Marsad`);
  await page.goto(`${server.url}?country=CN`);
  await ready(page);
  assert.equal(await page.title(), 'الصين · مرصد');
  await page.goto(`${server.url}?lang=en&pair=GB-CN`);
  await ready(page);
  assert.equal(await page.title(), 'United Kingdom ⇄ China · Marsad');
  await page.goto(`${server.url}?lang=en&q=Xi`);
  await ready(page);
  assert.equal(await page.title(), '«Xi» · Marsad');
  await page.context().close();
});

test('"Copy link" copies the clean URL of the event, card or pair, without unrelated filters', async () => {
  const page = await open('lang=en&type=dialogue&event=gb-cn-cyber-dialogue-2026&q=x', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.click('.event-page .copy-link');
  await page.waitForSelector('.copy-link:has-text("Link copied")');
  // The event's own page: a static page with its title and share image for messengers.
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}en/event/gb-cn-cyber-dialogue-2026/`);
  await page.goto(`${server.url}?country=QA&tone=cooperative`);
  await ready(page);
  await page.click('.country-card .copy-link');
  await page.waitForSelector('.copy-link:has-text("تم نسخ الرابط")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}country/QA/`);
  await page.context().close();
});

test('cards count what the filters leave, and say so; without filters they say "all time"', async () => {
  const page = await open('lang=en&view=countries&type=pledge');
  const pledgesOf = (c) => data.events.filter((e) => e.type === 'pledge' && has(e, c)).length;
  const all = (c) => data.events.filter((e) => has(e, c)).length;
  assert.equal(await text(page, '.country-card[data-country="US"] .big-count'), `${pledgesOf('US')} events of ${all('US')}`);
  await page.goto(`${server.url}?lang=en&view=countries`);
  await ready(page);
  assert.equal(await text(page, '.country-card[data-country="US"] .big-count'), `${all('US')} events · all time`);
  // A pair view counts the filtered events too.
  await page.goto(`${server.url}?lang=en&pair=US-CN&tone=conflictual`);
  await ready(page);
  const both = data.events.filter((e) => has(e, 'US') && has(e, 'CN') && e.tone === 'conflictual').length;
  assert.ok((await text(page, '.pair-summary')).startsWith(`${both} events`));
  await page.context().close();
});

test('several countries: "any of them" or "all of them together", and the choice is visible', async () => {
  const page = await open('lang=en&country=GB,CN');
  const any = data.events.filter((e) => has(e, 'GB') || has(e, 'CN')).length;
  const all = data.events.filter((e) => has(e, 'GB') && has(e, 'CN')).length;
  assert.equal(await listed(page), any);
  assert.ok(await page.isChecked('.match input[value="any"]'));
  await page.check('.match input[value="all"]');
  await waitListed(page, all);
  assert.equal((await params(page)).match, 'all');
  assert.ok((await text(page, '.active-filters')).includes('Countries: all of them'));
  await page.context().close();
});

test('active filters are chips: removing one removes that filter only', async () => {
  const page = await open('lang=en&country=RU&type=dialogue,statement&from=2015');
  const chips = await page.$$eval('.active-filters .chip bdi', (c) => c.map((x) => x.textContent));
  assert.deepEqual(chips, ['Russia', 'Dialogue', 'Statement', 'From 2015']);
  await page.click('.active-filters .chip:has-text("Dialogue") button');
  await page.waitForFunction(() => marsadState().type === 'statement');
  assert.deepEqual(await params(page), { lang: 'en', country: 'RU', type: 'statement', from: '2015' });
  assert.equal(await page.getAttribute('.active-filters .chip:has-text("Russia") button', 'aria-label'), 'Remove filter: Russia');
  await page.context().close();
});

test('a mark says what it is on hover and on a tap; a tap then opens it', async () => {
  const page = await open('lang=en');
  const mark = page.locator('.event-mark').first();
  const id = await mark.getAttribute('data-event');
  await mark.hover();
  await page.waitForSelector('.peek');
  assert.ok((await text(page, '.peek')).includes(byId[id].title.en));
  await page.context().close();
  // On a touch screen: the first tap shows the card, the link in it opens the event.
  const phone = await open('lang=en', { width: 390, height: 800, hasTouch: true, isMobile: true });
  const m = phone.locator('.event-mark').first();
  const pid = await m.getAttribute('data-event');
  await m.tap();
  await phone.waitForSelector('.peek a');
  assert.equal((await params(phone)).event, undefined, 'the first tap does not navigate');
  assert.ok((await text(phone, '.peek')).includes(byId[pid].title.en));
  await phone.tap('.peek a');
  await phone.waitForSelector(`.event-page[data-event="${pid}"]`);
  await phone.context().close();
});

test('the marks answer focus, the mouse and the keys from their container: a card while pointed at, a group zooms', async () => {
  const page = await open('lang=en');
  const peek = () => page.$eval('.peek', () => true).catch(() => false);
  // Focus shows the mark's card, and focus leaving hides it.
  const id = await page.$eval('.event-mark', (m) => m.dataset.event);
  await page.focus('.event-mark');
  await page.waitForSelector('.peek');
  assert.ok((await text(page, '.peek')).includes(byId[id].title.en));
  await page.focus('.timeline-canvas');
  await page.waitForSelector('.peek', { state: 'detached' });
  // The mouse: from the symbol to the edge of the mark's hit area is still the mark; off it, the
  // card goes.
  const box = await page.locator('.event-mark .hit').first().boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.waitForSelector('.peek');
  await page.mouse.move(cx + box.width / 2 - 2, cy, { steps: 3 });
  assert.ok(await peek(), 'moving inside the mark keeps its card');
  await page.mouse.move(1, 1, { steps: 3 });
  await page.waitForSelector('.peek', { state: 'detached' });
  // Space presses a group (a button): it zooms in on its dates.
  const ticks = () => page.$$eval('.tick text', (t) => t.map((x) => x.textContent).join(' '));
  const before = await ticks();
  await page.focus('.group');
  await page.keyboard.press(' ');
  await page.waitForFunction((t0) => [...document.querySelectorAll('.tick text')].map((t) => t.textContent).join(' ') !== t0, before);
  assert.equal((await params(page)).event, undefined, 'a group opens no event');
  await page.context().close();
});

test('dragging the timeline pans it; the drag opens nothing', async () => {
  const page = await open('lang=en');
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  const ticks = () => page.$$eval('.tick text', (t) => t.map((x) => x.textContent).join(' '));
  const before = await ticks();
  const box = await page.locator('.timeline-canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height - 10, { steps: 8 });
  await page.mouse.up();
  assert.notEqual(await ticks(), before);
  assert.equal((await params(page)).event, undefined);
  await page.context().close();
});

test('the legend is open and explains bars and numbered circles; groups show their mix', async () => {
  const page = await open('lang=en');
  assert.ok(await page.$eval('.legend-box', (d) => d.open));
  const legend = await text(page, '.legend-box');
  assert.ok(legend.includes('an event dated to a month or a year'));
  assert.ok(legend.includes('events close together'));
  // A group of several types draws one wedge per type.
  const wedges = await page.$$eval('.group', (gs) => gs.map((g) => g.querySelectorAll('path.mark').length));
  assert.ok(wedges.some((n) => n >= 2), `wedges per group: ${wedges}`);
  await page.context().close();
});

test('a search with no results shows a helpful empty timeline, not a 1970 axis', async () => {
  const page = await open('lang=en&q=zzzzqqq');
  await page.waitForSelector('.timeline-empty');
  assert.equal(await page.$$eval('.tick', (t) => t.length), 0);
  await page.click('.timeline-empty button');
  await waitListed(page, data.events.length);
  await page.context().close();
});

test('zooming in keeps the newest events in view', async () => {
  const page = await open('lang=en');
  const newest = [...data.events].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  for (let i = 0; i < 3; i++) await page.click('.timeline-controls button[aria-label="Zoom in"]');
  const ids = await page.$$eval('.event-mark', (m) => m.map((x) => x.dataset.event));
  const grouped = await page.$$('.group');
  assert.ok(ids.includes(newest.id) || grouped.length > 0, `the newest event (${newest.id}) left the view: ${ids}`);
  await page.context().close();
});

test('Arabic lists sort without the article: countries, and the pair drop-downs', async () => {
  const page = await open('');
  const names = await page.$$eval('.filters fieldset:first-of-type .option-label', (l) => l.map((x) => x.textContent));
  const strip = (s) => s.replace(/^ال/, '').replace(/^[أإآ]/, 'ا');
  const sorted = [...names].sort((a, b) => (strip(a) < strip(b) ? -1 : strip(a) > strip(b) ? 1 : 0));
  assert.deepEqual(names, sorted);
  assert.ok(names.indexOf('الصين') > names.indexOf('روسيا'), 'الصين sorts under ص, after روسيا');
  const pair = await page.$$eval('#pair-a option', (o) => o.slice(1).map((x) => x.textContent));
  assert.deepEqual(pair, names);
  await page.context().close();
});

test('a country filter field narrows the country options', async () => {
  const page = await open('lang=en');
  await page.fill('#country-filter', 'بكين');
  const shown = await page.$$eval('.filters fieldset:first-of-type li:not(.hidden) .option-label', (l) => l.map((x) => x.textContent));
  assert.deepEqual(shown, ['China']);
  await page.fill('#country-filter', 'united');
  const two = await page.$$eval('.filters fieldset:first-of-type li:not(.hidden) .option-label', (l) => l.map((x) => x.textContent));
  assert.deepEqual(two, ['United Kingdom', 'United States']);
  assert.equal(await page.isVisible('.filters fieldset:first-of-type .empty'), false);
  // A name no state has: said, where the options were.
  await page.fill('#country-filter', 'Atlantis');
  assert.equal(await page.locator('.filters fieldset:first-of-type li:not(.hidden)').count(), 0);
  assert.equal((await page.textContent('.filters fieldset:first-of-type .empty:visible')).trim(), 'No state by that name.');
  await page.fill('#country-filter', '');
  assert.equal(await page.isVisible('.filters fieldset:first-of-type .empty'), false);
  await page.context().close();
});

test('printing an event shows its content and quotes, not the controls; a printed list has every row', async () => {
  const page = await open('lang=en&event=gb-officials-assess-cn-intrusions-2026');
  await page.waitForSelector('.article-text mark');
  await page.emulateMedia({ media: 'print' });
  for (const sel of ['.site-header', '.filters-box', '.copy-link', '.reader-nav']) {
    assert.equal(await page.$eval(sel, (e) => getComputedStyle(e).display).catch(() => 'none'), 'none', sel);
  }
  // The quote in context: the whole article, not a scrolled box.
  const overflow = await page.$eval('.article-text', (a) => [getComputedStyle(a).overflowY, a.scrollHeight <= a.clientHeight + 1]);
  assert.deepEqual(overflow, ['visible', true]);
  const list = await open('lang=en', { height: 600 });
  await list.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await list.emulateMedia({ media: 'print' });
  await list.waitForFunction((n) => document.querySelectorAll('.event-list .event-row').length === n, data.events.length);
  for (const p of [page, list]) await p.context().close();
});

test('search understands Arabic word forms, ANDs names, and offers "did you mean" for a typo', async () => {
  const page = await open('lang=en');
  const countOf = (f) => data.events.filter(f).length;
  // Forms of one word find the same events.
  const found = [];
  for (const q of ['السيبراني', 'السيبرانية', 'سيبراني']) {
    await page.fill('#search', q);
    await page.waitForFunction((v) => marsadState().q === v, q);
    found.push(await listed(page));
  }
  assert.equal(new Set(found).size, 1, `word forms found ${found}`);
  // Several names: events with all of them. A name of one word is also a word of the text: an
  // event of one that mentions the other (with or without a proclitic) is theirs too.
  await page.fill('#search', 'Xi Biden');
  const says = (e, ...w) => new RegExp(`(^|[^\\p{L}])[وبلف]?(${w.join('|')})([^\\p{L}]|$)`, 'u')
    .test(JSON.stringify([e.title, e.summary, e.sources.map((x) => x.quote)]));
  const xiBiden = countOf((e) => (e.actors.includes('xi-jinping') || says(e, 'شي', 'Xi'))
    && (e.actors.includes('joe-biden') || says(e, 'بايدن', 'Biden')));
  await waitListed(page, xiBiden);
  // A typo: the nearest word's events, and the reader is told.
  await page.fill('#search', 'بيكين');
  await page.waitForSelector('.did-you-mean');
  assert.equal(await text(page, '.did-you-mean a'), '«بكين»');
  await waitListed(page, countOf((e) => has(e, 'CN')));
  await page.click('.did-you-mean a');
  await page.waitForFunction(() => marsadState().q === 'بكين');
  assert.equal(await page.$('.did-you-mean'), null);
  await page.context().close();
});

test('a verb, a spy or a hacker finds what its noun finds, and English derivations what their base finds, uncorrected', async () => {
  for (const [lang, pairs] of [
    ['ar', [['التدخل', 'يتدخل'], ['التدخل', 'وسيتدخل'], ['التجسس', 'يتجسس'], ['التجسس', 'جواسيس']]],
    ['en', [['spied', 'spying'], ['spied', 'spy'], ['interference', 'interfere'], ['interference', 'interfering'], ['hacking', 'hackers']]],
  ]) {
    const page = await open(`lang=${lang}`);
    for (const [base, form] of pairs) {
      const counts = [];
      for (const q of [base, form]) {
        await page.fill('#search', q);
        await page.waitForFunction((v) => marsadState().q === v, q);
        await page.waitForSelector('.event-list .event-row', { state: 'visible' });
        // Found as typed: no "did you mean" (before, "spying" was corrected to "saying").
        assert.equal(await page.$('.did-you-mean'), null, `${q} was corrected`);
        counts.push(await listed(page));
      }
      assert.ok(counts[0] > 0, `${base} finds events`);
      assert.equal(counts[1], counts[0], `${form} finds what ${base} finds (${lang})`);
    }
    await page.context().close();
  }
});

// A final y is read as i (Porter's), not dropped: "any" had been "an" (every event saying "an"
// was found by "any"), "allies" "all", "army" "arm".
test('a word ending in y finds its own forms, not the shorter word it would lose its y to', async () => {
  const page = await open('lang=en');
  const english = (e) => `${e.title.en} ${e.summary.en}`;
  for (const [q, forms] of [['any', 'any'], ['an', 'an'], ['allies', 'ally|allies|allied|allying']]) {
    const want = data.events.filter((e) => new RegExp(`\\b(${forms})\\b`, 'i').test(english(e))).length;
    await page.fill('#search', q);
    await page.waitForFunction((v) => marsadState().q === v, q);
    await waitUntil(page, (n) => +(document.querySelector('.event-list .event-row')?.getAttribute('aria-setsize') ?? 0) === n,
      want, { timeout: 5000 }).catch(() => {});
    assert.equal(await listed(page), want, `«${q}» finds the ${want} events that say ${forms}`);
    assert.equal(await page.$('.did-you-mean'), null, `${q} was corrected`);
  }
  await page.context().close();
});

test('the footer says "data as of" a real date, with the version and what is new in it beside it', async () => {
  const page = await open('lang=en');
  const [y, m, d] = data.dataset_version.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.equal(await text(page, '.site-footer p'),
    `Data as of ${day} · Data version ${data.dataset_version} · What's new · Data licence ${data.licence}`);
  await page.click('.site-footer a');
  await page.waitForSelector('.changes article.release');
  await historyWritten(page);
  assert.equal(new URL(page.url()).pathname, '/en/changes/');
  assert.equal(await text(page, '.changes article.release h3 bdi'), data.dataset_version);
  await page.context().close();
});
