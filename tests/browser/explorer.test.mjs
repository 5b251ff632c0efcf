// The explorer in both languages: language switch, RTL axis, search variants, URL state,
// back/forward, cards, pair view, event page with provenance, zoom, downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, serveDist, DIST, listed, waitListed, openAt, params, historyWritten, waitUntil } from './util.mjs';

const data = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const byId = Object.fromEntries(data.events.map((e) => [e.id, e]));
const eventsOfActor = (id) => data.events.filter((e) => e.actors.includes(id));
const eventsOfCountry = (code) => data.events.filter((e) => e.parties.includes(code));
const dayOf = (e) => Date.parse(e.date.length === 4 ? `${e.date}-01-01` : e.date.length === 7 ? `${e.date}-01` : e.date);

let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (query = '', opts = {}) => openAt(browser, server, query, opts);
const rows = listed;
const count = async (page) => (await page.textContent('.result-count')).trim();

test('one click switches language, keeps the view, and sets <html lang dir>', async () => {
  const page = await open('country=GB&type=dialogue');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const before = await rows(page);
  assert.equal(before, data.events.filter((e) => e.parties.includes('GB') && e.type === 'dialogue').length);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.deepEqual(await params(page), { lang: 'en', country: 'GB', type: 'dialogue' });
  assert.equal(await rows(page), before);
  assert.match(await page.textContent('#filters-heading'), /Filters/);
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  assert.equal(await page.textContent('#filters-heading'), 'المرشحات');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('dates use Arabic month names and Gregorian years in Arabic, English in English', async () => {
  const id = data.events.find((e) => e.date_precision === 'month' && e.date.endsWith('-10')).id;
  const ar = await open(`event=${id}`);
  const arDate = (await ar.textContent('.event-page .facts time')).trim();
  assert.match(arDate, /^أكتوبر \d{4}$/, arDate);
  const en = await open(`lang=en&event=${id}`);
  assert.match((await en.textContent('.event-page .facts time')).trim(), /^October \d{4}$/);
  const day = data.events.find((e) => e.date_precision === 'day');
  const enDay = await open(`lang=en&event=${day.id}`);
  const [y, m, d] = day.date.split('-').map(Number);
  assert.equal((await enDay.textContent('.event-page .facts time')).trim(),
    `${d} ${new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`);
  for (const p of [ar, en, enDay]) await p.context().close();
});

for (const lang of ['ar', 'en']) {
  test(`timeline axis runs ${lang === 'ar' ? 'right to left' : 'left to right'} in ${lang}`, async () => {
    const page = await open(`lang=${lang}`);
    const marks = await page.$$eval('.event-mark', (ms) => ms.map((m) => {
      const b = m.getBoundingClientRect();
      return { id: m.dataset.event, x: b.x + b.width / 2 };
    }));
    assert.ok(marks.length >= 5, `only ${marks.length} single marks`);
    const sorted = marks.map((m) => ({ ...m, day: dayOf(byId[m.id]) })).sort((a, b) => a.day - b.day);
    const first = sorted[0], last = sorted[sorted.length - 1];
    if (lang === 'ar') assert.ok(first.x > last.x, 'oldest should be right of newest');
    else assert.ok(first.x < last.x, 'oldest should be left of newest');
    // Ticks: the earliest year label is on the right in Arabic.
    const ticks = await page.$$eval('.tick text', (ts) => ts.map((t) => ({ y: Number(t.textContent), x: t.getBoundingClientRect().x })));
    const years = ticks.filter((t) => t.y > 1900).sort((a, b) => a.y - b.y);
    assert.ok(years.length >= 2);
    assert.equal(years[0].x > years[years.length - 1].x, lang === 'ar');
    await page.context().close();
  });
}

test('a timeline with no event to draw offers no zoom or pan: every control says it has nothing to do', async () => {
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}&from=1990&to=1991`);
    await page.locator('.timeline-empty').waitFor({ state: 'visible' });
    const states = await page.$$eval('.timeline-controls button', (bs) => bs.map((b) => b.getAttribute('aria-disabled')));
    assert.deepEqual(states, ['true', 'true', 'true', 'true', 'true'], lang);
    // Pressed anyway (Playwright presses only what is available unless forced; a reader can):
    // nothing zooms, and the controls still say so.
    await page.locator('.timeline-controls button').first().click({ force: true });
    assert.deepEqual(await page.$$eval('.timeline-controls button', (bs) => bs.map((b) => b.getAttribute('aria-disabled'))), states);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('timeline zooms with buttons and the keyboard, and groups open by zooming', async () => {
  const page = await open('lang=en');
  const span = async () => page.$$eval('.tick text', (ts) => ts.map((t) => t.textContent));
  const all = await span();
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  const zoomed = await span();
  assert.notDeepEqual(zoomed, all);
  const showAll = page.locator('.timeline-controls button:has-text("Show all")');
  assert.equal(await showAll.getAttribute('aria-disabled'), null, 'zoomed in, "Show all" shows all');
  await showAll.click();
  assert.deepEqual(await span(), all);
  assert.equal(await showAll.getAttribute('aria-disabled'), 'true', 'every event in view: "Show all" says it has nothing to do');
  await page.focus('.timeline-canvas');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  assert.notDeepEqual(await span(), all);
  await page.keyboard.press('0');
  assert.deepEqual(await span(), all);
  // "Earlier" and "Later" stop at the events' ends: with every event in view neither moves it,
  // and both say so; zoomed in at the newest events, "Earlier" goes back as far as the oldest
  // event and no further.
  const pan = (which) => page.locator(`.timeline-controls button:has-text("${which}")`);
  const unavailable = async (which) => (await pan(which).getAttribute('aria-disabled')) === 'true';
  assert.ok(await unavailable('Earlier') && await unavailable('Later'));
  // (Forced: Playwright does not press what says it is unavailable; a reader still can.)
  await pan('Earlier').click({ force: true });
  await pan('Later').click({ force: true });
  assert.deepEqual(await span(), all, 'nowhere to pan to');
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  assert.ok(!(await unavailable('Earlier')));
  let presses = 0;
  while (!(await unavailable('Earlier')) && presses < 40) { await pan('Earlier').click(); presses++; }
  assert.ok(presses > 1 && presses < 40, `${presses} presses`);
  assert.ok(!(await unavailable('Later')));
  const first = await span();
  await pan('Earlier').click({ force: true });
  assert.deepEqual(await span(), first, 'no further');
  // The oldest events are drawn near the start of the axis (its left end in English).
  const nearStart = await page.$eval('.timeline-canvas', (c) => {
    const box = c.getBoundingClientRect();
    return [...c.querySelectorAll('.event-mark, .group')].some((m) => {
      const r = m.getBoundingClientRect();
      return r.width > 0 && r.left >= box.left && r.left < box.left + box.width / 4;
    });
  });
  assert.ok(nearStart, 'the oldest events in view');
  await page.focus('.timeline-canvas');
  await page.keyboard.press('0');
  assert.deepEqual(await span(), all);
  // Zoom has ends too: out, every event in view (the default view: "−" says it is at its end
  // and does nothing), in, two weeks.
  const zoomOut = page.locator('.timeline-controls button[aria-label="Zoom out"]');
  const zoomIn = page.locator('.timeline-controls button[aria-label="Zoom in"]');
  assert.equal(await zoomOut.getAttribute('aria-disabled'), 'true');
  assert.equal(await zoomIn.getAttribute('aria-disabled'), null);
  await zoomOut.click({ force: true });
  assert.deepEqual(await span(), all, 'no wider than every event');
  let ins = 0;
  while ((await zoomIn.getAttribute('aria-disabled')) !== 'true' && ins < 30) { await zoomIn.click(); ins++; }
  assert.ok(ins > 2 && ins < 30, `${ins} zooms in to two weeks`);
  let outs = 0;
  while ((await zoomOut.getAttribute('aria-disabled')) !== 'true' && outs < 30) { await zoomOut.click(); outs++; }
  assert.ok(outs <= ins, `${outs} zooms out`);
  assert.deepEqual(await span(), all, 'zoomed out as far as it goes: every event');
  // Enter on a single mark opens its event page.
  await page.focus('.event-mark');
  const id = await page.$eval('.event-mark', (m) => m.dataset.event);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-page');
  assert.equal((await params(page)).event, id);
  // "Back to events" from the keyboard: focus is on the mark the event was opened from, in
  // sight (the list's row of that event may not be drawn at all).
  await page.waitForFunction(() => document.activeElement?.id === 'event-title');
  await page.focus('.event-page a.back');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.matches('.event-mark') && document.activeElement.dataset.event === id
    && document.activeElement.checkVisibility(), id, { timeout: 3000 });
  await page.context().close();
});

test('the timeline is drawn as wide as its box: at the start, after a resize, after a search that empties it', async () => {
  const page = await open('lang=en');
  // The drawing's width and its box's, and every mark inside the drawing, as laid out.
  const fits = () => page.evaluate(() => {
    const box = document.querySelector('.timeline-canvas');
    const svg = box?.querySelector('svg');
    if (!svg) return { none: true };
    const r = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll('.event-mark, .group')].map((m) => m.getBoundingClientRect());
    return {
      box: box.clientWidth, svg: Math.round(r.width),
      outside: marks.filter((m) => m.left < r.left - 1 || m.right > r.right + 1).length, marks: marks.length,
    };
  });
  const settled = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const check = async (when) => {
    await settled();
    const f = await fits();
    assert.ok(!f.none, `${when}: a drawing`);
    assert.ok(Math.abs(f.svg - f.box) <= 1, `${when}: drawn ${f.svg}px wide in a ${f.box}px box`);
    assert.ok(f.marks > 0 && f.outside === 0, `${when}: ${f.outside} of ${f.marks} marks outside the drawing`);
    return f.box;
  };
  const wide = await check('at the start');
  await page.setViewportSize({ width: 900, height: 900 });
  const narrow = await check('at 900 px');
  assert.ok(narrow < wide, `the box narrowed: ${wide} → ${narrow}`);
  // A search that finds nothing swaps the drawing out; the next one draws it anew, at its width.
  await page.fill('#search', 'zzzzqqq');
  await page.waitForFunction(() => !document.querySelector('.timeline-canvas svg'));
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.fill('#search', 'China');
  await page.waitForSelector('.timeline-canvas svg');
  const again = await check('after the empty search, at 1100 px');
  assert.ok(again > narrow, `the box widened: ${narrow} → ${again}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the list is virtualised: rows exist only near the viewport, and scrolling reaches the oldest event', async () => {
  const page = await open('lang=en', { height: 700 });
  const total = data.events.length;
  const rendered = () => page.$$eval('.event-list .event-row', (r) => r.map((li) => +li.getAttribute('aria-posinset')));
  const first = await rendered();
  assert.equal(await listed(page), total);
  assert.ok(first.length < total, `only rows near the viewport exist (${first.length} of ${total})`);
  assert.equal(first[0], 1);
  // The <ol> is as tall as every row together, so the scrollbar tells the truth.
  const [olH, rowH] = await page.$eval('.event-list ol', (ol) => [ol.getBoundingClientRect().height, ol.firstElementChild.getBoundingClientRect().height]);
  assert.ok(Math.abs(olH - rowH * total) < 2, `list height ${olH} = ${total} x ${rowH}`);
  // Every rendered row sits where its position says, at the top and after scrolling.
  const placed = () => page.$eval('.event-list ol', (ol) => {
    const top = ol.getBoundingClientRect().top;
    return [...ol.children].map((li) => [+li.getAttribute('aria-posinset'), li.getBoundingClientRect().top - top]);
  });
  for (const [pos, y] of await placed()) assert.ok(Math.abs(y - (pos - 1) * rowH) < 1, `row ${pos} at ${y}`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction((n) => [...document.querySelectorAll('.event-list .event-row')].some((li) => +li.getAttribute('aria-posinset') === n), total);
  const last = await rendered();
  for (const [pos, y] of await placed()) assert.ok(Math.abs(y - (pos - 1) * rowH) < 1, `row ${pos} at ${y} after scrolling`);
  assert.ok(!last.includes(1), 'the first rows left the DOM');
  // The app's order: start of the date's span, then id.
  const key = (e) => `${(e.date + '-01-01').slice(0, 10)} ${e.id}`;
  const oldest = [...data.events].sort((a, b) => (key(a) < key(b) ? -1 : 1))[0];
  assert.equal((await page.textContent('.event-list .event-row:last-child a')).trim(), oldest.title.en);
  // Keyboard: tabbing down the list keeps finding the next row.
  await page.evaluate(() => window.scrollTo(0, 0));
  // The rows near the top are drawn again on the next frame.
  await page.waitForFunction(() => document.querySelector('.event-list .event-row')?.getAttribute('aria-posinset') === '1');
  await page.focus('.event-list .event-row a');
  // A held Tab repeats some 30 times a second, slower than a frame: each press here waits for the
  // frames in which the list moves its rows after the scroll (pressed faster than frames are
  // drawn, as on a machine busy with the views drawn ahead, focus can pass the rows drawn).
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    await frames();
  }
  assert.equal(await page.evaluate(() => document.activeElement.closest('.event-row')?.getAttribute('aria-posinset')), '26');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** Whether `e` mentions Xi by the one word of his name, in a summary or a quote (the search's
 * "شي" and "Xi" find those too, his full name only his events). */
const mentionsXi = (e) => /(^|[^\p{L}])(شي|Xi)([^\p{L}]|$)/u.test(JSON.stringify([e.title, e.summary, e.sources.map((x) => x.quote)]));

test('search finds every event of Xi with each spelling of his name; Back returns to before the search', async () => {
  const page = await open('lang=en&type=pledge');
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  // A name of one word is also a word of the text: "شي" and "Xi" find the events that mention
  // him as well (in a summary or a quote); his full name, his events.
  const xi = eventsOfActor('xi-jinping').length;
  const mentions = data.events.filter((e) => !e.actors.includes('xi-jinping') && mentionsXi(e)).length;
  const historyBefore = await page.evaluate(() => history.length);
  for (const q of ['شي جينبينغ', 'شي جين بينج', 'شي جين بينغ', 'شي', 'Xi', 'xi jinping']) {
    await page.fill('#search', '');
    await page.type('#search', q, { delay: 5 });
    await waitListed(page, q.includes(' ') ? xi : xi + mentions);
    assert.equal((await params(page)).q, q);
  }
  // One typing session is one history entry: Back returns to the state before the search.
  assert.equal(await page.evaluate(() => history.length), historyBefore + 1);
  await page.goBack();
  await waitListed(page, data.events.length);
  assert.deepEqual(await params(page), { lang: 'en' });
  assert.equal(await page.inputValue('#search'), '');
  // "لندن" finds the United Kingdom's events.
  await page.fill('#search', 'لندن');
  await waitListed(page, eventsOfCountry('GB').length);
  assert.equal(await count(page), `${eventsOfCountry('GB').length} events`);
  await page.context().close();
});

test('every URL parameter is read into the view and survives a reload', async () => {
  const q = 'lang=en&country=US,CN&type=pledge,meeting&topic=elections&tone=cooperative&from=2015&to=2024&q=Xi';
  const page = await open(q);
  const expected = data.events.filter((e) => (e.parties.includes('US') || e.parties.includes('CN'))
    && ['pledge', 'meeting'].includes(e.type) && e.topics.includes('elections') && e.tone === 'cooperative'
    && +e.date.slice(0, 4) >= 2015 && +e.date.slice(0, 4) <= 2024 && (e.actors.includes('xi-jinping') || mentionsXi(e)));
  assert.ok(expected.length > 0);
  assert.equal(await rows(page), expected.length);
  assert.equal(await page.inputValue('#search'), 'Xi');
  assert.equal(await page.inputValue('#year-from'), '2015');
  assert.equal(await page.inputValue('#year-to'), '2024');
  const checked = await page.$$eval('.filters input[type=checkbox]:checked', (cs) => cs.map((c) => c.closest('label').querySelector('.option-label').textContent));
  assert.deepEqual(checked.sort(), ['China', 'Cooperative', 'Elections', 'Meeting or summit', 'Pledge', 'United States'].sort());
  await page.reload();
  await ready(page);
  assert.equal(await rows(page), expected.length);
  // Pair, view and event round-trip too.
  const pair = await open('lang=en&pair=GB-CN');
  assert.match(await pair.textContent('#pair-heading'), /United Kingdom ⇄ China/);
  assert.equal(await pair.$$eval('.pair-events li', (l) => l.length), data.events.filter((e) => e.parties.includes('GB') && e.parties.includes('CN')).length);
  const cards = await open('view=countries');
  assert.equal(await cards.$$eval('.country-card', (c) => c.length), data.countries.length);
  // Unknown and malformed parameters are ignored without a panic.
  const bad = await open('country=%3Cscript%3E,ZZZ&from=abc&to=99999&event=../x&type=war&lang=fr&pair=GB-GB&%E0%A4%A=1');
  assert.equal(await rows(bad), data.events.length);
  for (const p of [page, pair, cards, bad]) { assert.deepEqual(p.problems, []); await p.context().close(); }
});

test('the year lists count the events each year would show: the chosen one at once, all when reached', async () => {
  const page = await open('lang=en&from=2020');
  await page.click('.filters label:has-text("Russia") input');
  const ru = eventsOfCountry('RU');
  await waitListed(page, ru.filter((e) => +e.date.slice(0, 4) >= 2020).length);
  // A year list's count leaves its own bound out: every Russian event of that year.
  const label = (y) => `${y} (${ru.filter((e) => +e.date.slice(0, 4) === y).length})`;
  const shown = () => page.$eval('#year-from', (s) => s.selectedOptions[0].textContent);
  assert.equal(await shown(), label(2020));
  // Reached by keyboard (or a press), the list has every year's count under the filters.
  await page.focus('#year-from');
  const options = await page.$$eval('#year-from option', (os) => os.slice(1).map((o) => o.textContent));
  assert.ok(options.length > 5);
  assert.deepEqual(options, options.map((o) => label(+o.slice(0, 4))));
  // The keyboard moves the bound; another filter later, the list reached again has its counts.
  await page.keyboard.press('ArrowDown');
  await waitListed(page, ru.filter((e) => +e.date.slice(0, 4) >= 2021).length);
  await page.click('.filters label:has-text("China") input');
  // A press (here the mouse's) reaches it as focus does.
  await page.click('#year-from');
  const both = data.events.filter((e) => e.parties.includes('RU') || e.parties.includes('CN'));
  const after = await page.$$eval('#year-from option', (os) => os.slice(1).map((o) => o.textContent));
  assert.deepEqual(after, after.map((o) => `${o.slice(0, 4)} (${both.filter((e) => e.date.startsWith(o.slice(0, 4))).length})`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('at the top of the page a history entry is written after the frame, and each entry keeps its own title', async () => {
  const page = await open('lang=en');
  const cdp = await page.context().newCDPSession(page);
  const entries = async () => (await cdp.send('Page.getNavigationHistory')).entries.slice(1).map((e) => [new URL(e.url).pathname, e.title]);
  const home = await page.title();
  // The card's module is in (fetched once every event is in; the card drawn ahead with it), so
  // the frame after the click draws the card itself, not "Loading this view…".
  await page.waitForFunction(() => performance.getEntriesByName('marsad:ahead-card', 'measure').length > 0);
  // At the top of the page the entry is written after the frame that draws the card (scrolled
  // down, at once: "back from an event" below checks the position Back returns to).
  const [sync, drawn] = await page.evaluate(async () => {
    const before = location.pathname;
    [...document.querySelectorAll('.filters fieldset')].find((f) => f.querySelector('input[type=checkbox]')).querySelector('input[type=checkbox]').click();
    const sync = location.pathname === before;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return [sync, !!document.querySelector('.country-card')];
  });
  assert.ok(drawn, 'a card is drawn');
  assert.ok(sync, 'the entry is not written in the click\'s task');
  await historyWritten(page);
  const russia = await page.title();
  assert.notEqual(russia, home);
  assert.deepEqual((await entries()).map((e) => e[1]), [home, russia], 'each entry has its own title');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('.country-card')?.checkVisibility());
  assert.equal(await page.title(), home);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('clicks push history; back and forward restore each view', async () => {
  const page = await open('lang=en');
  const all = await rows(page);
  await page.click('.filters label:has-text("Russia") input');
  await waitListed(page, all, { below: true });
  const russia = await rows(page);
  assert.equal(russia, eventsOfCountry('RU').length);
  await page.click('.event-list .event-row a');
  await page.waitForSelector('.event-page');
  await page.goBack();
  await page.waitForSelector('.event-list');
  assert.equal(await rows(page), russia);
  assert.equal(await page.isChecked('.filters label:has-text("Russia") input'), true);
  await page.goBack();
  await waitListed(page, all);
  await page.goForward();
  await waitListed(page, russia);
  // Clear all keeps language and view.
  await page.click('button:has-text("Clear all filters")');
  await waitListed(page, all);
  assert.deepEqual(await params(page), { lang: 'en' });
  await page.context().close();
});

test('option counts say how many events each choice would leave', async () => {
  const page = await open('lang=en&tone=conflictual');
  const counts = await page.$$eval('.filters fieldset:has(legend:text("Tone")) label', (ls) =>
    Object.fromEntries(ls.map((l) => [l.querySelector('.option-label').textContent, Number(l.querySelector('.count').textContent)])));
  for (const t of ['cooperative', 'neutral', 'conflictual']) {
    const name = t[0].toUpperCase() + t.slice(1);
    assert.equal(counts[name], data.events.filter((e) => e.tone === t).length, name);
  }
  const status = await page.getAttribute('.result-count', 'role');
  assert.equal(status, 'status');
  await page.context().close();
});

test('country cards link partners to the pair view, say when there is none, and name a lone year once', async () => {
  const page = await open('lang=en&view=countries');
  const card = page.locator('.country-card[data-country="GB"]');
  assert.match(await card.textContent(), /United Kingdom/);
  assert.match(await card.textContent(), /المملكة المتحدة/);
  assert.equal(await card.locator('.flag img').getAttribute('src'), '/flags/gb.webp');
  await card.locator('.partners a').first().click();
  await page.waitForSelector('.pair-view');
  const p = await params(page);
  assert.ok(p.pair.startsWith('GB-'), p.pair);
  // One country chosen: its card is on top of the timeline.
  const one = await open('country=QA');
  assert.equal(await one.$$eval('.country-card', (c) => c.length), 1);
  // A state whose events name no other: its card says so under "Partners", in both languages.
  const alone = data.countries.map((c) => c.code)
    .find((c) => eventsOfCountry(c).length > 0 && eventsOfCountry(c).every((e) => e.parties.every((p) => p === c)));
  assert.ok(alone, 'the shipped data has a state with no partner');
  for (const [lang, text] of [['en', 'No other state in these events.'], ['ar', 'لا دولة أخرى في هذه الأحداث.']]) {
    const solo = await open(`lang=${lang}&country=${alone}`);
    const said = solo.locator('.country-card section:has(> .empty)');
    assert.ok(await said.locator('.empty').isVisible(), lang);
    assert.equal((await said.locator('.empty').textContent()).trim(), text);
    assert.equal(await solo.locator('.country-card .partners').count(), 0, 'no empty list');
    await solo.context().close();
  }
  // A state whose events all fall in one year: the chart names the year once, under its bar.
  const oneYear = data.countries.map((c) => c.code).find((c) => new Set(eventsOfCountry(c).map((e) => e.date.slice(0, 4))).size === 1);
  assert.ok(oneYear, 'the shipped data has a state whose events fall in one year');
  for (const lang of ['en', 'ar']) {
    const solo = await open(`lang=${lang}&country=${oneYear}`);
    const years = solo.locator('.country-card .year-bars figcaption span');
    assert.equal(await years.count(), 1, lang);
    const [year, bar] = await Promise.all([years.boundingBox(), solo.locator('.country-card .year-bars .bar').boundingBox()]);
    const centre = (b) => b.x + b.width / 2;
    assert.ok(Math.abs(centre(year) - centre(bar)) < 4, `${lang}: year at ${centre(year)}, bar at ${centre(bar)}`);
    await solo.context().close();
  }
  for (const x of [page, one]) await x.context().close();
});

test('a state the filters leave no events says so in one sentence, on top and in the grid, not under empty headings', async () => {
  // A state and a type none of its events has (the shipped data has one).
  const types = [...new Set(data.events.map((e) => e.type))];
  const [code, type] = data.countries.map((c) => c.code).flatMap((c) => types.map((t) => [c, t]))
    .find(([c, t]) => eventsOfCountry(c).length > 0 && !eventsOfCountry(c).some((e) => e.type === t)
      && data.events.some((e) => e.type === t));
  for (const [lang, text] of [['en', 'No events of this state under these filters.'], ['ar', 'لا أحداث لهذه الدولة بهذه المرشحات.']]) {
    for (const query of [`lang=${lang}&country=${code}&type=${type}`, `lang=${lang}&view=countries&type=${type}`]) {
      const page = await open(query);
      const card = page.locator(`.country-card[data-country="${code}"]`);
      if (query.includes('view=countries')) {
        // The grid's last page holds the states with no events under the filter.
        for (let i = 0; i < 20 && !(await card.count()); i++) {
          const next = page.locator('.pager a').last();
          if (!(await next.count())) break;
          await next.click();
        }
      }
      await card.locator('.card-body').waitFor();
      assert.equal((await card.locator('.card-body').textContent()).trim(), text, query);
      assert.ok(await card.locator('.card-body .empty').isVisible(), query);
      assert.equal(await card.locator('.card-body h3').count(), 0, `${query}: no heading over nothing`);
      // The count says how many of the state's events there are without the filter.
      assert.match(await card.locator('.big-count').textContent(), lang === 'en' ? /^0 events of \d+$/ : /^لا أحداث من أصل [0-9٠-٩]+$/, query);
      // Lifting the filter draws the card's parts again, in place.
      if (!query.includes('view=countries')) {
        const name = data.countries.find((c) => c.code === code).name[lang];
        await page.locator('.active-filters .chip').filter({ hasNotText: name }).locator('.remove').click();
        await card.locator('.card-body h3').first().waitFor();
        assert.ok((await card.locator('.card-body h3').count()) >= 4, query);
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  }
});

for (const lang of ['en', 'ar']) {
  test(`${lang}: the card on top is written in place for the next country, all of it that country's; a card no country is chosen for is out of sight and out of the grid`, async () => {
    const page = await open(`lang=${lang}`);
    const other = lang === 'en' ? 'ar' : 'en';
    const country = (code) => data.countries.find((c) => c.code === code);
    const box = (code) => `.filters label:has(.option-label:text-is("${country(code).name[lang]}")) input`;
    await page.check(box('US'));
    await page.locator('.country-card[data-country="US"]').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('.country-card .flag img')?.complete);
    await page.evaluate(() => { window.__card = document.querySelector('.country-card'); window.__img = window.__card.querySelector('.flag img'); });
    // No country chosen: the card is out of sight and out of the accessibility tree.
    await page.uncheck(box('US'));
    await page.waitForFunction(() => !document.querySelector('.country-card').checkVisibility());
    assert.equal(await page.getByRole('heading', { name: country('US').name[lang] }).count(), 0);
    await page.check(box('CN'));
    const card = page.locator('.country-card[data-country="CN"]');
    await card.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.querySelector('.country-card') === window.__card), true, 'written in place');
    assert.equal(await page.locator('.country-card').count(), 1);
    const events = eventsOfCountry('CN');
    assert.equal((await card.locator('h2').textContent()).trim(), country('CN').name[lang]);
    assert.equal((await card.locator('.other-name').textContent()).trim(), country('CN').name[other]);
    // Named by its heading, whose id is the card's own (no id twice in the page).
    const named = await page.evaluate(() => {
      const c = document.querySelector('.country-card');
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return [document.getElementById(c.getAttribute('aria-labelledby'))?.textContent.trim(), ids.length === new Set(ids).size];
    });
    assert.deepEqual(named, [country('CN').name[lang], true]);
    assert.equal(await page.getByRole('heading', { name: country('US').name[lang] }).count(), 0);
    // (The country is a filter: "of" its events in all.)
    if (lang === 'en') assert.equal((await card.locator('.big-count').textContent()).trim(), `${events.length} events of ${events.length}`);
    // Its own flag, in a new image: never the last country's while its own loads.
    await page.waitForFunction(() => document.querySelector('.country-card .flag img')?.complete);
    assert.equal(await card.locator('.flag img').getAttribute('src'), '/flags/cn.webp');
    assert.equal(await page.evaluate(() => document.querySelector('.country-card .flag img') !== window.__img), true);
    // Its partners, its types, its years and its latest event.
    const partners = new Set(events.flatMap((e) => e.parties).filter((p) => p !== 'CN').map((p) => country(p).name[lang]));
    assert.deepEqual(new Set(await card.locator('.partners a').allTextContents()), partners);
    const digits = (t) => Number(t.replace(/[٠-٩]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.indexOf(d)).replace(/\D/g, ''));
    const byType = (await card.locator('.breakdown:not(.tones) .count').allTextContents()).map(digits);
    assert.equal(byType.length, new Set(events.map((e) => e.type)).size);
    assert.equal(byType.reduce((a, b) => a + b, 0), events.length);
    const years = events.map((e) => Number(e.date.slice(0, 4)));
    assert.equal(await card.locator('.year-bars .bar').count(), Math.max(...years) - Math.min(...years) + 1, 'a bar a year, first to last');
    const latest = events.map((e) => e.date).sort().at(-1);
    const last = (await card.locator('.first-last p').last().locator('a').textContent()).trim();
    assert.ok(events.some((e) => e.title[lang] === last && e.date === latest), last);
    // The grid draws its own cards: the one on top is not kept behind it.
    await page.click('.main-nav a:nth-child(2)');
    await page.locator('.card-grid .country-card').first().waitFor({ state: 'visible' });
    assert.equal(await page.locator('.country-card').count(), data.countries.length);
    assert.equal(await page.evaluate(() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id); return ids.length === new Set(ids).size; }), true);
    await page.goBack();
    await card.waitFor({ state: 'visible' });
    assert.equal((await card.locator('h2').textContent()).trim(), country('CN').name[lang]);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test("the cards and the event page are a module of their own, asked for once every event is in: a country toggle, an opened event then draw at once", async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const modules = [];
  page.on('request', (r) => { const m = /\/(split_opened_module|marsad)-[0-9a-f]+(_bg)?\.wasm$/.exec(r.url()); if (m) modules.push(m[1]); });
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  for (let i = 0; i < 100 && modules.length < 2; i++) await page.waitForTimeout(50);
  assert.deepEqual(modules, ['marsad', 'split_opened_module'], 'after the first module, once');
  // In once the busiest card has been drawn ahead with it (a toggle in the moment before, while
  // the module and its shared parts come, draws the status, hidden for 0.4 s: the test below).
  await page.waitForFunction(() => performance.getEntriesByName('marsad:ahead-card').length > 0);
  await page.evaluate(() => {
    window.__loading = 0;
    new MutationObserver((ms) => { for (const m of ms) for (const n of m.addedNodes) if (n.nodeType === 1 && n.matches('.split-loading')) window.__loading++; })
      .observe(document.body, { childList: true, subtree: true });
  });
  await page.check('.filters label:has(.option-label:text-is("Qatar")) input');
  const card = page.locator('.country-card[data-country="QA"]');
  await card.waitFor({ state: 'visible' });
  assert.match(await card.locator('h2').textContent(), /Qatar/);
  const first = page.locator('.event-list .event-row a').first();
  const title = (await first.textContent()).trim();
  await first.click();
  await page.locator('.event-page h1').waitFor({ state: 'visible' });
  assert.equal((await page.textContent('.event-page h1')).trim(), title);
  await page.waitForFunction(() => document.activeElement?.id === 'event-title');
  assert.equal(await page.evaluate(() => window.__loading), 0, 'never a "Loading this view…" first');
  assert.deepEqual(modules, ['marsad', 'split_opened_module']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the filter panel's fields are a module of their own: a phone fetches it only when the reader opens the panel; a wide screen has them as the app first shows", async () => {
  const fields = /\/split_filters_module-[0-9a-f]+\.wasm$/;
  const watch = (page) => {
    const asked = [];
    page.on('request', (r) => { if (fields.test(r.url())) asked.push(r.url()); });
    return asked;
  };
  // A phone: the panel is folded, and its code never asked for, the app in charge and idle
  // (the views a reader opens asked for and drawn ahead) ...
  const phone = await newPage(browser, { width: 390, height: 800, serviceWorkers: 'block' });
  const asked = watch(phone);
  await phone.goto(`${server.url}en/`);
  await ready(phone);
  await phone.waitForFunction(() => performance.getEntriesByName('marsad:ahead-event').length > 0);
  assert.deepEqual(asked, [], 'the folded panel fetched nothing');
  assert.equal(await phone.locator('.filters input').count(), 0);
  // ... until the reader opens it: then its fields are there and work.
  await phone.click('.filters-box summary');
  const qatar = phone.locator('.filters label:has(.option-label:text-is("Qatar")) input');
  await qatar.check();
  await phone.locator('.country-card[data-country="QA"]').waitFor({ state: 'visible' });
  await waitListed(phone, eventsOfCountry('QA').length);
  assert.equal(asked.length, 1, 'asked for once');
  assert.deepEqual(phone.problems, []);
  await phone.context().close();
  // A wide screen, from its static page and from a link with no static twin: the panel is open
  // with its fields (every state's box) in the frame where the app first shows, never
  // "Loading this view…" in their place.
  for (const path of ['en/', '?lang=en&type=dialogue']) {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    const wide = watch(page);
    await page.addInitScript(() => {
      window.__first = null;
      const look = () => {
        if (window.__first || document.getElementById('static') || !document.querySelector('.result-count')) return;
        const box = document.querySelector('.filters-box');
        window.__first = { open: box?.open, boxes: box?.querySelectorAll('fieldset input[type=checkbox]').length, loading: !!box?.querySelector('.split-loading') };
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await page.goto(`${server.url}${path}`);
    await ready(page);
    const first = await page.evaluate(() => window.__first);
    assert.ok(first.open && !first.loading, `${path}: ${JSON.stringify(first)}`);
    assert.ok(first.boxes >= data.countries.length, `${path}: ${JSON.stringify(first)}`);
    assert.equal(wide.length, 1, `${path}: asked for once`);
    // By the start module's preload (`marsad-preload-wide`), beside the first module, not by the
    // app once that is in: a round trip later.
    const by = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /split_filters_module-/.test(r.name)).map((r) => r.initiatorType));
    assert.deepEqual(by, ['link'], path);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("the display options' fields and the notices few readers see are modules of their own: fetched only when the reader opens the menu or a notice has something to say; a widget's, never", async () => {
  const rare = /\/split_(reading|notices|widget)_module-[0-9a-f]+\.wasm$/;
  for (const [width, lang] of [[390, 'ar'], [1280, 'en']]) {
    const page = await newPage(browser, { width, height: 800, serviceWorkers: 'block' });
    const asked = [];
    page.on('request', (r) => { const m = r.url().match(rare); if (m) asked.push(m[1]); });
    await page.goto(`${server.url}?lang=${lang}`);
    await ready(page);
    await page.waitForFunction(() => performance.getEntriesByName('marsad:ahead-event').length > 0);
    assert.deepEqual(asked, [], `${width} ${lang}: nothing asked for before it is wanted`);
    // By keyboard: focus on the menu's button asks for its fields; Enter opens it, with them.
    await page.focus('.reading-menu summary');
    await page.keyboard.press('Enter');
    await page.locator('#reading-cal').waitFor({ state: 'visible' });
    assert.deepEqual(asked, ['reading'], `${width} ${lang}`);
    assert.equal(await page.locator('.reading-menu .split-loading').count(), 0);
    if (lang === 'ar') {
      await page.selectOption('#reading-digits', 'arab');
      await page.waitForFunction(() => document.querySelector('.result-count').textContent.includes('٤٦'));
    } else {
      await page.selectOption('#reading-cal', 'islamic');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('cal') === 'islamic');
    }
    // A link with a part Marsad cannot read: the notice says it, on screen.
    await page.goto(`${server.url}?lang=${lang}&type=war`);
    await ready(page);
    const notice = page.locator('.notice.unread');
    await notice.waitFor({ state: 'visible' });
    assert.ok((await notice.textContent()).includes('type=war'), await notice.textContent());
    assert.ok(asked.includes('notices'), `${width} ${lang}: ${asked}`);
    assert.ok(!asked.includes('widget'), `${width} ${lang}: ${asked}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('the filter panel and the display options, folded and opened again, keep what the reader left in them', async () => {
  const page = await newPage(browser, { width: 390, height: 800, serviceWorkers: 'block' });
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const again = async (summary) => {
    await page.click(summary);
    await page.click(summary);
  };
  await page.click('.filters-box summary');
  await page.fill('#country-filter', 'Qa');
  await page.$eval('#country-filter', (el) => { el.__kept = true; });
  await again('.filters-box summary');
  assert.equal(await page.inputValue('#country-filter'), 'Qa', 'the words typed are still there');
  assert.equal(await page.$eval('#country-filter', (el) => el.__kept === true), true, 'the same field, not one built again');
  await page.click('.reading-menu summary');
  await page.locator('#reading-cal').waitFor();
  await page.$eval('#reading-cal', (el) => { el.__kept = true; });
  await again('.reading-menu summary');
  await page.focus('#reading-cal');
  assert.equal(await page.$eval('#reading-cal', (el) => el.__kept === true && el === document.activeElement), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the panel starts open exactly where the stylesheet lays it beside the results (800 and 801 px, both languages), and only there is its module preloaded', async () => {
  for (const [width, lang] of [[800, 'ar'], [801, 'ar'], [800, 'en'], [801, 'en']]) {
    const page = await newPage(browser, { width, height: 800, serviceWorkers: 'block' });
    await page.goto(`${server.url}?lang=${lang}&type=dialogue`);
    await ready(page);
    // What the reader sees: the results beside the panel (side by side, in the reading
    // direction) or below it, and the panel open with its fields or folded without them.
    const seen = await page.evaluate(() => {
      const side = document.querySelector('.sidebar').getBoundingClientRect();
      const main = document.querySelector('.content').getBoundingClientRect();
      return {
        beside: Math.abs(side.top - main.top) < 1 && side.bottom > main.top,
        below: main.top >= side.bottom,
        rtl: side.left > main.left,
        open: document.querySelector('.filters-box').open,
        boxes: document.querySelectorAll('.filters-box fieldset input[type=checkbox]').length,
        preloaded: performance.getEntriesByType('resource').filter((r) => /split_filters_module-/.test(r.name)).map((r) => r.initiatorType),
      };
    });
    const wide = width > 800;
    assert.equal(seen.beside, wide, `${width} ${lang}: ${JSON.stringify(seen)}`);
    assert.equal(seen.below, !wide, `${width} ${lang}: ${JSON.stringify(seen)}`);
    if (wide) assert.equal(seen.rtl, lang === 'ar', `${width} ${lang}: the panel on the reading side`);
    assert.equal(seen.open, wide, `${width} ${lang}: ${JSON.stringify(seen)}`);
    assert.equal(seen.boxes > 0, wide, `${width} ${lang}: ${JSON.stringify(seen)}`);
    assert.deepEqual(seen.preloaded, wide ? ['link'] : [], `${width} ${lang}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("the first card's and event page's code is compiled in idle time by views drawn out of the page, and a copy of each laid out out of sight, once: nothing shows, no flag is fetched", async () => {
  const page = await newPage(browser);
  // The busiest state's card first, so its flag is in the browser's memory cache: an image drawn
  // ahead would then be requested at once (and cancelled), not only when its document loads it.
  const busiest = data.countries.map((c) => c.code).sort((a, b) => eventsOfCountry(b).length - eventsOfCountry(a).length)[0];
  await page.goto(`${server.url}?lang=en&country=${busiest}`);
  await page.waitForFunction(() => document.querySelector('.country-card .flag img')?.complete);
  const flags = [];
  const flag = (r) => new URL(r.url()).pathname.startsWith('/flags/');
  page.on('request', (r) => { if (flag(r)) flags.push(new URL(r.url()).pathname); });
  page.on('requestfailed', (r) => { if (flag(r)) flags.push(`failed ${new URL(r.url()).pathname}`); });
  await page.addInitScript(() => {
    window.__drawn = 0;
    window.__copies = [];
    window.__loading = 0;
    // A mutation observer's callback runs once the task that made the changes is over: a copy
    // no longer in the page by then was taken out in the task that put it in, before any frame.
    new MutationObserver((ms) => {
      for (const m of ms) for (const n of m.addedNodes) {
        const view = n.nodeType === 1 && n.querySelector('.country-card, .event-page');
        if (n.nodeType === 1 && n.matches('.drawn-ahead')) {
          window.__copies.push({ view: view?.className.split(' ').pop(), gone: !n.isConnected, inert: n.inert, hidden: n.getAttribute('aria-hidden'), in: n.parentNode?.nodeName ?? m.target.nodeName, links: n.querySelectorAll('a, button, input').length });
        } else if (n.nodeType === 1 && (n.matches('.country-card, .event-page') || view)) window.__drawn++;
        if (n.nodeType === 1 && (n.matches('.split-loading') || n.querySelector('.split-loading'))) window.__loading++;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const measured = (name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name);
  const ahead = ['marsad:ahead-card', 'marsad:ahead-card-layout', 'marsad:ahead-event', 'marsad:ahead-event-layout'];
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n, 'measure').length > 0), ahead);
  assert.equal(await measured('marsad:ahead-card'), 1);
  assert.equal(await page.evaluate(() => window.__drawn), 0, 'no card or event page entered the page');
  // A copy of each (plain nodes) was laid out under the body, and out of the page again in the
  // same task: inert, hidden from screen readers, and out of sight by the stylesheet.
  const copies = await page.evaluate(() => window.__copies);
  assert.deepEqual(copies.map((c) => [c.view, c.gone, c.inert, c.hidden, c.in]), [
    ['country-card', true, true, 'true', 'BODY'],
    ['event-page', true, true, 'true', 'BODY'],
  ]);
  assert.ok(copies.every((c) => c.links > 0), 'the copies are whole views');
  const host = await page.evaluate(() => {
    const d = document.body.appendChild(document.createElement('div'));
    d.className = 'drawn-ahead';
    const s = getComputedStyle(d);
    const out = [s.visibility, s.position, s.pointerEvents];
    d.remove();
    return out;
  });
  assert.deepEqual(host, ['hidden', 'absolute', 'none']);
  assert.deepEqual(flags, [], 'no flag fetched');
  // A card chosen now draws as ever, at once (never a "Loading…" first: its module is in), its
  // flag fetched then; the card drawn ahead is not drawn again.
  const gb = '.filters label:has(.option-label:text-is("United Kingdom")) input';
  await page.check(gb);
  await page.waitForFunction(() => document.querySelector('.country-card .flag img')?.complete);
  assert.equal(await page.locator('.country-card').getAttribute('data-country'), 'GB');
  assert.equal(await page.evaluate(() => window.__loading), 0, 'no "Loading this view…" drawn');
  assert.deepEqual(flags, ['/flags/gb.webp']);
  await page.uncheck(gb);
  // Once: the timeline shown again (from the network view) draws nothing more ahead.
  const idle = (p) => p.evaluate(() => scheduler.postTask(() => scheduler.postTask(() => {}, { priority: 'background' }), { priority: 'background' }));
  const aheads = (p) => p.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.startsWith('marsad:ahead-')));
  await page.click('.main-nav a:text-is("Network")');
  await page.waitForSelector('.network-summary');
  await page.click('.main-nav a:text-is("Timeline")');
  await page.waitForSelector('.timeline-body:not([hidden])');
  await idle(page);
  assert.deepEqual((await aheads(page)).sort(), ahead);
  assert.deepEqual(page.problems, []);
  // A page that opens on a card, or on the grid of cards, has their code compiled already: no
  // card is drawn ahead once the timeline shows, only the event page.
  for (const q of ['lang=en&country=QA', 'lang=en&view=countries']) {
    const carded = await open(q);
    if (q.includes('countries')) {
      await idle(carded);
      assert.deepEqual(await aheads(carded), [], 'nothing drawn ahead off the timeline');
      await carded.click('.main-nav a:text-is("Timeline")');
    }
    await carded.waitForFunction(() => performance.getEntriesByName('marsad:ahead-event-layout', 'measure').length > 0);
    await idle(carded);
    assert.deepEqual(await aheads(carded), ['marsad:ahead-event', 'marsad:ahead-event-layout'], q);
    await carded.context().close();
  }
  await page.context().close();
});

test("a card's chart names every year of its peak when years tie, under the filters, counted from the data", async () => {
  // From the dataset: a country and a first year ("from=") whose events from then tie at their peak.
  const perYear = (code, from) => {
    const per = {};
    for (const e of eventsOfCountry(code)) if (+e.date.slice(0, 4) >= from) per[+e.date.slice(0, 4)] = (per[+e.date.slice(0, 4)] ?? 0) + 1;
    return per;
  };
  const codes = [...new Set(data.events.flatMap((e) => e.parties))];
  const years = [...new Set(data.events.map((e) => +e.date.slice(0, 4)))];
  const tie = codes.flatMap((code) => years.map((from) => ({ code, from, per: perYear(code, from) }))).find(({ per }) => {
    const counts = Object.values(per);
    return counts.filter((n) => n === Math.max(...counts)).length === 2 && Object.keys(per).length > 2;
  });
  assert.ok(tie, 'the shipped data has a country whose later years tie at their peak');
  const most = Math.max(...Object.values(tie.per));
  const ys = Object.keys(tie.per).map(Number).sort((a, b) => a - b);
  const [a, b] = ys.filter((y) => tie.per[y] === most);
  for (const [lang, expected] of [
    ['en', `Activity by year, ${ys[0]}–${ys.at(-1)}; peak in ${a} and ${b}: ${most} events each`],
    ['ar', `النشاط حسب السنة، ${ys[0]}–${ys.at(-1)}؛ الذروة في ${a} و${b}: `],
  ]) {
    const page = await open(`lang=${lang}&country=${tie.code}&from=${tie.from}`);
    const chart = page.locator('.country-card .year-bars svg');
    await chart.waitFor();
    const name = await chart.getAttribute('aria-label');
    assert.ok(lang === 'en' ? name === expected : name.startsWith(expected) && name.endsWith(' في كلٍّ منهما'), `${lang}: ${name}`);
    await page.context().close();
  }
});

test("a card's chart of years tells a screen reader the years it spans and its peak, counted from the data", async () => {
  // From the dataset: the country with the most events, its events per year, the earliest peak.
  const codes = [...new Set(data.events.flatMap((e) => e.parties))];
  const code = codes.sort((a, b) => eventsOfCountry(b).length - eventsOfCountry(a).length)[0];
  const perYear = {};
  for (const e of eventsOfCountry(code)) perYear[+e.date.slice(0, 4)] = (perYear[+e.date.slice(0, 4)] ?? 0) + 1;
  const years = Object.keys(perYear).map(Number).sort((a, b) => a - b);
  const most = Math.max(...Object.values(perYear));
  const peak = years.find((y) => perYear[y] === most);
  const span = years.length > 1 ? `${years[0]}–${years.at(-1)}` : `${years[0]}`;
  for (const [lang, expected] of [
    ['en', `Activity by year, ${span}; peak in ${peak}: ${most === 1 ? '1 event' : `${most} events`}`],
    ['ar', `النشاط حسب السنة، ${span}؛ الذروة في ${peak}: `],
  ]) {
    const page = await open(`lang=${lang}&country=${code}`);
    const chart = page.locator('.country-card .year-bars svg');
    await chart.waitFor();
    const name = await chart.getAttribute('aria-label');
    assert.ok(lang === 'en' ? name === expected : name.startsWith(expected), `${lang}: ${name}`);
    // What a screen reader is given: the chart as one image, named so.
    assert.equal(await page.getByRole('img', { name, exact: true }).count(), 1);
    await page.context().close();
  }
});

test('keyboard: a control the page draws again, or takes away, leaves focus on what the reader is at', async () => {
  const onBody = () => page.evaluate(() => document.activeElement === document.body);
  // The cards' order: the grid is drawn again; focus stays on the select.
  let page = await open('lang=en&view=countries');
  await page.focus('#card-order');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => marsadState().sort);
  await waitUntil(page, () => document.activeElement.id === 'card-order');
  // Back from an event opened from a card in the grid: focus on that card's link to it.
  const link = page.locator('.country-card .latest a').first();
  const href = await link.getAttribute('href');
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-page');
  await page.goBack();
  await waitUntil(page, (href) => document.activeElement.getAttribute('href') === href, href);
  await page.context().close();
  // "Clear all filters" in the empty timeline: the button goes with it; focus to the count.
  page = await open('lang=en&q=zzzzqqqxx');
  await page.focus('.timeline-empty button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !marsadState().q);
  await waitUntil(page, () => document.activeElement.matches('.content .result-count'));
  // "+" and "−" on a mark: marks regroup and leave the view; focus stays in the drawing.
  await page.focus('.timeline-body .event-mark, .timeline-body .group');
  for (const key of ['+', '+', '+', '-', '-', '-', '-']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
    assert.ok(!(await onBody()), `focus on the body after ${key}`);
    assert.ok(await page.evaluate(() => !!document.activeElement.closest('.timeline-canvas')), key);
  }
  await page.context().close();
});

test("an event page's party opens that state's events, its card on top, focus on its name", async () => {
  const e = data.events.find((x) => x.parties.length > 1);
  const page = await open(`lang=en&event=${e.id}&type=${e.type}`);
  await page.waitForSelector('.event-page');
  const party = data.countries.find((c) => c.code === e.parties[1]);
  const link = page.locator('.event-page a', { hasText: party.name.en }).first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.card-on-top .country-card[data-country="${party.code}"]`);
  const p = await params(page);
  assert.equal(p.event, undefined, 'the event is closed');
  assert.equal(p.type, undefined, 'the filters are cleared');
  assert.equal(p.country, party.code);
  await waitUntil(page, (name) => document.activeElement.textContent.trim() === name && document.activeElement.closest('.card-head'), party.name.en);
  await page.context().close();
});

test('event page shows facts, related events, and the quote highlighted inside its article', async () => {
  const e = data.events.find((x) => x.related.length > 0 && x.actors.length > 0);
  const page = await open(`lang=en&event=${e.id}`);
  assert.equal((await page.textContent('#event-title')).trim(), e.title.en);
  await page.waitForSelector('.article-text mark.current');
  // Every quote of the event from the article shown is highlighted in it.
  const marked = await page.$$eval('.article-text mark', (ms) => ms.map((m) => m.textContent.replace(/\s+/g, ' ').trim()));
  const first = e.sources[0].article;
  for (const s of e.sources.filter((s) => s.article === first)) assert.ok(marked.includes(s.quote.replace(/\s+/g, ' ').trim()), s.quote);
  // The chosen passage is inside the visible part of its article box.
  const [top, bottom] = await page.$eval('.article-text mark.current', (m) => {
    const box = m.closest('.article-text').getBoundingClientRect(), r = m.getBoundingClientRect();
    return [r.top - box.top, box.bottom - r.bottom];
  });
  assert.ok(top >= 0 && bottom >= 0, `mark ${top}px from the top and ${bottom}px from the bottom of its box`);
  const article = data.articles.find((a) => a.id === e.sources[0].article);
  assert.match(await page.textContent('.source figcaption'), new RegExp(article.outlets[0].en));
  await page.click(`.event-page section:has(h3:text("Related events")) a >> nth=0`);
  await page.waitForFunction((id) => marsadState().event === id, e.related[0]);
  assert.equal((await page.textContent('#event-title')).trim(), byId[e.related[0]].title.en);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const lang of ['ar', 'en']) {
  test(`downloads in ${lang} parse and hold exactly the events shown`, async () => {
    const page = await open(`lang=${lang}&country=RU`);
    const shown = eventsOfCountry('RU').map((e) => e.id).sort();
    const grab = async (kind) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-download="${kind}"]`)]);
      return readFileSync(await dl.path(), 'utf8');
    };
    const json = JSON.parse(await grab('json'));
    assert.deepEqual(json.events.map((e) => e.id).sort(), shown);
    const tl = JSON.parse(await grab('timelinejs'));
    assert.deepEqual(tl.events.map((e) => e.unique_id).sort(), shown);
    assert.ok(tl.events.every((e) => e.start_date.year && e.text.headline));
    const csv = (await grab('csv')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0].split(',')[0], 'id');
    assert.deepEqual(lines.slice(1).map((l) => JSON.parse(l.split(',')[0])).sort(), shown);
    await page.context().close();
  });
}

test('usable at 360 px in both languages: nothing wider than the screen', async () => {
  for (const lang of ['ar', 'en']) {
    for (const q of ['', 'view=countries', `event=${data.events[0].id}`, 'pair=US-RU']) {
      const page = await open(`lang=${lang}&${q}`, { width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${lang} ${q}: page is ${overflow}px wider than the screen`);
      await page.context().close();
    }
  }
});

test('on a phone the filters start folded and are built when first opened; search stays outside', async () => {
  const page = await open('lang=en&type=dialogue', { width: 360, height: 740 });
  assert.equal(await page.$('.filters'), null, 'a folded panel is not built');
  // Search is visible without opening the panel, and so are the active filters.
  assert.ok(await page.isVisible('.search-box #search'));
  assert.equal((await page.textContent('.active-filters .chip')).replace('×', '').trim(), 'Dialogue');
  await page.click('.filters-box summary');
  await page.waitForSelector('.filters input[type=checkbox]');
  assert.equal(await page.isChecked('.filters label:has-text("Dialogue") input'), true);
  await page.fill('#search', 'Xi');
  await waitListed(page, data.events.filter((e) => e.type === 'dialogue' && (e.actors.includes('xi-jinping') || mentionsXi(e))).length);
  await page.click('.filters-box summary');
  await page.click('.filters-box summary');
  assert.equal(await page.inputValue('#search'), 'Xi');
  assert.equal(await page.isChecked('.filters label:has-text("Dialogue") input'), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `open panel: ${overflow}px wider than the screen`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a language switch keeps the page: the timeline, its zoom and the scroll position', async () => {
  const page = await open('lang=en', { height: 600 });
  await page.click('.timeline-controls button[aria-label="Zoom in"]');
  const zoomed = await page.$$eval('.tick text', (ts) => ts.map((t) => t.textContent));
  await page.evaluate(() => { document.querySelector('.timeline').__probe = 1; window.scrollTo(0, 300); });
  const y = await page.evaluate(() => window.scrollY);
  // Clicked where it is (page.click would first scroll the header into view).
  await page.$eval('.lang-switch', (b) => b.click());
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  assert.equal(await page.evaluate(() => document.querySelector('.timeline').__probe), 1, 'the timeline was rebuilt');
  assert.equal(await page.evaluate(() => window.scrollY), y);
  // The same span of time, now labelled in Arabic.
  const arabic = await page.$$eval('.tick text', (ts) => ts.map((t) => t.textContent));
  assert.equal(arabic.length, zoomed.length);
  await page.context().close();
});

test('Arabic counts agree with their number, and every group names its visible count', async () => {
  const page = await open('');
  const n = data.events.length;
  // 11–99: singular accusative.
  assert.equal(await count(page), `${n} حدثًا`);
  const two = data.countries.find((c) => eventsOfCountry(c.code).length === 1);
  if (two) {
    await page.goto(`${server.url}?country=${two.code}`);
    await ready(page);
    assert.equal(await count(page), 'حدث واحد');
  }
  const groups = await page.$$eval('.group', (gs) => gs.map((g) => [g.getAttribute('aria-label'), g.querySelector('text').textContent]));
  for (const [label, shown] of groups) {
    assert.ok(label.split(/[\s:—]+/).includes(shown), `"${label}" does not contain the visible "${shown}"`);
    assert.doesNotMatch(label, /أحداث متقاربة.*أحداث|حدثان أحداث/);
  }
  await page.context().close();
});

test('back from an event shows the same timeline and list again: zoom, scroll and focus kept, nothing rebuilt', async () => {
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}`, { height: 600 });
    const ticks = () => page.$$eval('.tick text', (ts) => ts.map((t) => t.textContent).join('|'));
    const before = await ticks();
    await page.$eval('.timeline-controls button', (b) => b.click());
    await page.waitForFunction((t0) => [...document.querySelectorAll('.tick text')].map((t) => t.textContent).join('|') !== t0, before);
    const zoomed = await ticks();
    await page.evaluate(() => {
      document.querySelector('.timeline').__probe = 1;
      document.querySelector('.event-list').__probe = 1;
      window.scrollTo(0, 400);
    });
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 0, 'the page scrolls');
    const row = await page.evaluate(() => {
      const a = [...document.querySelectorAll('.event-list .event-row a')].find((x) => x.getBoundingClientRect().top > 0);
      a.click();
      return a.textContent.trim();
    });
    await page.waitForSelector('.event-page h1');
    // The event page is what shows: its title is the row's, and the explorer's body is hidden.
    assert.equal((await page.textContent('.event-page h1')).trim(), row);
    assert.equal(await page.isVisible('.timeline'), false);
    assert.equal(await page.isVisible('.event-list'), false);
    await page.goBack();
    await page.waitForSelector('.event-list .event-row', { state: 'visible' });
    assert.equal(await page.$('.event-page'), null);
    const kept = await page.evaluate(() => [document.querySelector('.timeline').__probe, document.querySelector('.event-list').__probe]);
    assert.deepEqual(kept, [1, 1], `${lang}: the timeline or the list was rebuilt`);
    assert.equal(await ticks(), zoomed);
    await page.waitForFunction((y0) => Math.abs(window.scrollY - y0) <= 1, y, { timeout: 3000 });
    // The row opened is on screen again.
    const seen = await page.evaluate((title) => [...document.querySelectorAll('.event-list .event-row a')]
      .some((a) => a.textContent.trim() === title && a.getBoundingClientRect().top >= 0 && a.getBoundingClientRect().bottom <= innerHeight), row);
    assert.ok(seen, `${lang}: the opened row is not in view after going back`);
    // Focus is back on the row's link (hiding the list took it away), for the keyboard.
    await page.waitForFunction((title) => document.activeElement?.matches('.event-row a')
      && document.activeElement.textContent.trim() === title, row, { timeout: 3000 });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

/** What the timeline and the list show, element by element: each mark (its event or label, where
 * it is drawn, its shapes) and each row, in a fixed order. */
const drawing = (page) => page.evaluate(() => {
  const shapes = (g) => [...g.children].filter((c) => c.tagName !== 'title').map((c) => [c.tagName, c.getAttribute('class'),
    ...['d', 'x', 'width', 'r'].map((a) => c.getAttribute(a)), c.textContent].join(' '));
  const marks = [...document.querySelectorAll('.timeline .marks > g')].map((g) => ({
    key: g.dataset.event ?? g.getAttribute('aria-label'), label: g.getAttribute('aria-label'), class: g.getAttribute('class'),
    at: g.getAttribute('transform'), role: g.getAttribute('role'), shapes: shapes(g),
  })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = [...document.querySelectorAll('.event-list .event-row')].map((r) => ({
    id: r.dataset.event, pos: r.getAttribute('aria-posinset'), of: r.getAttribute('aria-setsize'), text: r.textContent.trim(),
    href: r.querySelector('a').getAttribute('href'),
  }));
  return { marks, rows, ticks: [...document.querySelectorAll('.tick text')].map((t) => t.textContent) };
});

test('filters and zoom move the marks and rows they keep, and the result is what a fresh page of that state draws', async () => {
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}`);
    await page.evaluate(() => document.querySelectorAll('.timeline .marks > g, .event-list .event-row').forEach((el) => { el.__drawn = 1; }));
    const all = await listed(page);
    // A filter change writes nothing that did not change: no attribute removed and set again to
    // its value, or set to the value it has (each such write costs a style recalculation). A
    // mark that turns from one event into a group, or back, is drawn anew as the other kind.
    await page.evaluate(() => {
      window.__rewritten = [];
      window.__newKind = new Set();
      window.__observer = new MutationObserver((records) => records.forEach((m) => {
        const now = m.target.getAttribute(m.attributeName);
        if (m.attributeName === 'class' && m.oldValue?.split(' ')[0] !== now?.split(' ')[0]) window.__newKind.add(m.target);
        if (m.oldValue !== null && m.oldValue === now) window.__rewritten.push(m);
      }));
      window.__observer.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true });
    });
    // The commonest country: fewer events, and marks and rows that stay.
    const us = data.countries.find((c) => c.code === 'US').name[lang];
    await page.locator('.filters fieldset').first().locator('label.option')
      .filter({ has: page.locator('bdi.option-label', { hasText: new RegExp(`^${us}$`) }) }).locator('input').click();
    await waitListed(page, eventsOfCountry('US').length);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const rewritten = await page.evaluate(() => {
      window.__observer.disconnect();
      const same = window.__rewritten.filter((m) => !window.__newKind.has(m.target));
      return [...new Set(same.map((m) => `${m.target.tagName.toLowerCase()}.${m.target.classList[0] ?? ''}[${m.attributeName}]`))];
    });
    assert.deepEqual(rewritten, [], `${lang}: attributes written unchanged`);
    await page.click('.timeline-controls button >> nth=0');
    await page.waitForTimeout(300);
    const moved = await drawing(page);
    const kept = await page.evaluate(() => [...document.querySelectorAll('.timeline .marks > g, .event-list .event-row')].filter((el) => el.__drawn).length);
    assert.ok(moved.marks.length > 0 && moved.rows.length > 0, `${lang}: nothing drawn`);
    assert.ok(kept > 0, `${lang}: every mark and row was drawn again`);
    // Every mark is inside the drawing, where the reader can see and reach it.
    const outside = await page.$$eval('.timeline .marks > g', (gs) => {
      const svg = gs[0]?.ownerSVGElement.getBoundingClientRect();
      return gs.filter((g) => { const b = g.getBoundingClientRect(); return b.width === 0 || b.left + b.width / 2 < svg.left || b.left + b.width / 2 > svg.right; }).length;
    });
    assert.equal(outside, 0, `${lang}: marks outside the drawing`);
    // A fresh page of the same state (the URL, and one zoom step) draws exactly the same.
    await historyWritten(page);
    const url = page.url();
    const fresh = await newPage(browser);
    await fresh.goto(url);
    await ready(fresh);
    await fresh.click('.timeline-controls button >> nth=0');
    await fresh.waitForTimeout(300);
    const { rows: freshRows, ...freshRest } = await drawing(fresh);
    const { rows: movedRows, ...movedRest } = moved;
    assert.deepEqual(movedRest, freshRest, `${lang}: the updated drawing differs from a fresh one`);
    // The same rows where both draw them (a page may keep a few more drawn around the viewport,
    // depending on how it got there).
    assert.ok(freshRows.length > 0, `${lang}: the fresh page drew no rows`);
    assert.deepEqual(movedRows.filter((r) => freshRows.some((f) => f.pos === r.pos)), freshRows, `${lang}: the updated rows differ`);
    assert.deepEqual([...page.problems, ...fresh.problems], []);
    await fresh.context().close();
    await page.context().close();
  }
});

/** A page at `?query` whose browser says the reader wants to save data (Save-Data). */
async function savingData(query, contextOptions = {}) {
  const page = await newPage(browser, contextOptions);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection',
    { get: () => ({ saveData: true, effectiveType: '4g' }) }));
  await page.goto(`${server.url}?${query}`);
  await ready(page);
  return page;
}

/** Records the article files `page` requests, in order. */
function articleRequests(page) {
  const fetched = [];
  page.on('request', (r) => { if (/\/data\/articles\//.test(r.url())) fetched.push(new URL(r.url()).pathname.split('/').pop()); });
  return fetched;
}

const articleFile = (id) => data.articles.find((a) => a.id === byId[id].sources[0].article).text.split('/').pop();

test('the rows in view, and the next below them, fetch their articles ahead; a tap on one then opens its page with the text, the network gone', async () => {
  // A phone: no hover before a tap. The list sits below the timeline, out of view at first.
  // Meetings: the first two rows quote one article, the four after them three others.
  const page = await open('type=meeting&lang=en', { width: 390, height: 844, hasTouch: true, isMobile: true });
  const fetched = articleRequests(page);
  await page.waitForTimeout(600);
  const onScreen = () => page.$$eval('.event-list .event-row', (rs) => rs.filter((r) => {
    const b = r.getBoundingClientRect();
    return b.bottom > 0 && b.top < innerHeight;
  }).map((r) => r.dataset.event));
  assert.deepEqual(await onScreen(), [], 'the list starts out of view on a phone');
  assert.deepEqual(fetched, [], 'rows out of view fetch nothing');
  // The list's order: printing draws every row.
  const all = await page.evaluate(async () => {
    dispatchEvent(new Event('beforeprint'));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const ids = [...document.querySelectorAll('.event-list .event-row')].map((r) => r.dataset.event);
    dispatchEvent(new Event('afterprint'));
    return ids;
  });
  assert.equal(all.length, data.events.filter((e) => e.type === 'meeting').length);
  // Two rows scrolled into view, at the screen's bottom.
  await page.evaluate(() => {
    const rows = document.querySelectorAll('.event-list .event-row');
    const [top, h] = [rows[0].getBoundingClientRect().top, rows[0].getBoundingClientRect().height];
    scrollBy(0, top - (innerHeight - 2 * h + 2));
  });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/data\/articles\//.test(e.name) && e.responseEnd > 0));
  await page.waitForTimeout(600);
  const seen = await onScreen();
  assert.equal(seen.length, 2, `two rows on screen: ${seen}`);
  const ahead = all.slice(all.indexOf(seen[0]), all.indexOf(seen[0]) + 6);
  assert.equal(ahead.length, 6);
  const expected = [...new Set(ahead.map(articleFile))].sort();
  assert.ok(expected.length > new Set(seen.map(articleFile)).size, 'the rows below quote articles the rows on screen do not');
  assert.deepEqual([...fetched].sort(), expected, 'each article of the six rows from the first on screen, once');
  // The network gone: a row below the screen, scrolled to and tapped at once, has its text here,
  // its quote shown in its box.
  await page.route('**/data/articles/**', (route) => route.abort());
  const drawn = await page.$$eval('.event-list .event-row', (rs) => rs.map((r) => r.dataset.event));
  const id = ahead.find((e) => drawn.includes(e) && !seen.includes(e) && articleFile(e) !== articleFile(seen[0]));
  assert.ok(id, `a row drawn below the screen, quoting another article: ${drawn}`);
  await page.tap(`.event-list .event-row[data-event="${id}"] a`);
  await page.waitForSelector('.article-text mark.current', { timeout: 3000 });
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  assert.equal(norm(await page.textContent('.article-text mark.current')), norm(byId[id].sources[0].quote));
  // Drawn inside its box, where the reader sees it.
  await page.waitForFunction(() => {
    const [box, mark] = [document.querySelector('.article-text'), document.querySelector('.article-text mark.current')];
    const [b, m] = [box.getBoundingClientRect(), mark.getBoundingClientRect()];
    return m.height > 0 && m.top >= b.top - 1 && m.top < b.bottom;
  }, null, { timeout: 3000 });
  assert.equal(await page.locator('.event-page [role=alert]').count(), 0);
  assert.deepEqual([...fetched].sort(), expected, 'the tap fetched nothing');
  await page.context().close();
});

test('a widget, and a reader saving data, fetch no article ahead of a click', async () => {
  const widget = await open('embed=timeline&lang=en');
  const saving = await savingData('lang=en');
  const pages = [widget, saving];
  const fetched = pages.map(articleRequests);
  for (const p of pages) await p.locator('.event-list .event-row').first().scrollIntoViewIfNeeded();
  // The event page drawn ahead in the explorer's idle time (`ahead`; its fetch is an effect,
  // which never runs for a view drawn ahead) fetches nothing either.
  await saving.waitForFunction(() => performance.getEntriesByName('marsad:ahead-event', 'measure').length > 0);
  await saving.waitForTimeout(1000);
  assert.deepEqual(fetched, [[], []]);
  assert.equal(await widget.evaluate(() => performance.getEntriesByName('marsad:ahead-event', 'measure').length), 0);
  for (const p of pages) {
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('an event opened while its article is on its way fetches it once; one opened unpointed asks for it before drawing its page', async () => {
  // Saving data: nothing is fetched ahead for the rows in view, so each fetch here is the test's
  // (and no service worker: the test's slow network must see every request).
  const page = await savingData('lang=en', { serviceWorkers: 'block' });
  const fetched = articleRequests(page);
  // A slow network: each article takes 700 ms.
  await page.route('**/data/articles/**', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  const row = page.locator('.event-list .event-row').first();
  const first = await row.getAttribute('data-event');
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  /** The event page shows `id`'s first quote highlighted, inside its article box. */
  const quoteShown = async (id) => {
    await page.waitForSelector('.article-text mark.current', { timeout: 5000 });
    assert.equal(norm(await page.textContent('.article-text mark.current')), norm(byId[id].sources[0].quote));
    await page.waitForFunction(() => {
      const [box, mark] = [document.querySelector('.article-text'), document.querySelector('.article-text mark.current')];
      const [b, m] = [box.getBoundingClientRect(), mark.getBoundingClientRect()];
      return m.height > 0 && m.top >= b.top - 1 && m.bottom <= b.bottom + 1;
    }, null, { timeout: 3000 });
  };
  // Pointed at, then opened before the text is in: the page waits for that same request.
  await row.hover();
  await page.waitForTimeout(100);
  await row.locator('a').click();
  await page.waitForSelector('.event-page .reader .loading');
  await quoteShown(first);
  assert.deepEqual(fetched, [articleFile(first)], 'one request for the article');
  // Opened with no pointer before it (a screen reader's activation): the request leaves before
  // the event page is in the document, not after it is drawn. It is an event of another
  // article, in a list narrowed to its year, type and parties.
  const other = data.events.find((e) => articleFile(e.id) !== articleFile(first)).id;
  const { type, parties, date } = byId[other];
  const year = date.slice(0, 4);
  await page.goto(`${server.url}?lang=en&type=${type}&country=${parties.join(',')}&from=${year}&to=${year}`);
  await ready(page);
  await page.evaluate((id) => {
    window.__drawn = null;
    new MutationObserver((_, mo) => {
      if (document.querySelector('.event-page')) { window.__drawn = performance.now(); mo.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true });
    document.querySelector(`.event-list .event-row[data-event="${id}"] a`).click();
  }, other);
  await quoteShown(other);
  const file = articleFile(other);
  const [asked, drawn] = await page.evaluate((f) => [
    performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/${f}`))?.startTime, window.__drawn], file);
  assert.ok(asked !== undefined && drawn !== null);
  assert.ok(asked <= drawn, `the article was asked for at ${asked.toFixed(1)} ms, the page drawn at ${drawn.toFixed(1)} ms`);
  assert.deepEqual(fetched, [articleFile(first), file]);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("pointing at an event fetches its article; its page opens with the text, fetched once", async () => {
  // Saving data: the rows in view fetch nothing ahead, and pointing at one still does.
  const page = await savingData('lang=en');
  const fetched = articleRequests(page);
  const row = page.locator('.event-list .event-row').first();
  const id = await row.getAttribute('data-event');
  const file = articleFile(id);
  await row.hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/data\/articles\//.test(e.name) && e.responseEnd > 0));
  assert.deepEqual(fetched, [file], 'hovering the row fetches its article');
  await row.locator('a').click();
  // The article is in its box at once; nothing more was fetched.
  await page.waitForSelector('.article-text mark.current', { timeout: 3000 });
  assert.deepEqual(fetched, [file]);
  // Back, and another event of the same article: its text is kept too.
  await page.goBack();
  await page.waitForSelector('.event-list .event-row', { state: 'visible' });
  const other = data.events.find((e) => e.id !== id && e.sources[0].article === byId[id].sources[0].article);
  if (other) {
    await page.evaluate((eid) => { history.pushState(null, '', `?lang=en&event=${eid}`); dispatchEvent(new PopStateEvent('popstate')); }, other.id);
    await page.waitForSelector('.article-text mark.current', { timeout: 3000 });
    assert.deepEqual(fetched, [file], 'an article kept is not fetched again');
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a link's unreadable values are said where it opens, the rest applied; the reader's first change lets them go", async () => {
  const dialogues = data.events.filter((e) => e.type === 'dialogue').length;
  for (const [lang, width, said] of [
    ['en', 1280, 'Not understood in this link, and left out: type=war, from=abc'],
    ['ar', 390, 'ترك مرصد من هذا الرابط ما لم يفهمه: type=war، from=abc'],
  ]) {
    const page = await open(`lang=${lang}&type=dialogue,war&from=abc&utm_source=news`, { width, height: 844 });
    const notice = page.locator('.notice.unread');
    assert.equal((await notice.textContent()).replace(/\s+/g, ' ').trim(), said, lang);
    // On the first screen, and each part reading in the page's direction.
    const box = await notice.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `${lang}: the notice is on screen (${JSON.stringify(box)})`);
    const [a, b] = await notice.locator('code').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().x));
    assert.ok(lang === 'ar' ? a > b : a < b, `${lang}: the first part comes first (${a}, ${b})`);
    assert.equal(await rows(page), dialogues, `${lang}: what could be read applies`);
    // The reader's own change writes a URL without them, and the notice goes.
    await page.click('.chip .remove');
    await page.waitForFunction(() => !document.querySelector('.notice.unread'));
    const state = await params(page);
    assert.equal(state.from, undefined);
    assert.equal(state.type, undefined);
    assert.deepEqual(page.problems, [], lang);
    await page.context().close();
  }
  // Nothing said for a clean link, empty values or another site's parameters.
  const page = await open('lang=en&q=&from=&type=dialogue&fbclid=abc');
  assert.equal(await page.locator('.notice.unread').count(), 0);
  await page.context().close();
});

test("on a phone every row of the list shows what the event is and every party, whole", async () => {
  for (const [lang, width] of [['en', 390], ['ar', 390], ['en', 360]]) {
    // A window as tall as the list: every row drawn at once.
    const page = await open(`lang=${lang}`, { width, height: 100 * data.events.length + 1500 });
    await page.waitForFunction((n) => document.querySelectorAll('.event-list .event-row').length === n, data.events.length);
    // The row's facts (date, what the event is, who took part) are one clamped box: nothing
    // beyond its lines, and the box inside its row.
    const cut = await page.$$eval('.event-list .event-row', (rows) => rows.flatMap((row) => {
      const facts = row.querySelector('.event-facts');
      const [m, r] = [facts.getBoundingClientRect(), row.getBoundingClientRect()];
      const whole = facts.scrollHeight <= facts.clientHeight + 1 && facts.scrollWidth <= facts.clientWidth + 1
        && m.bottom <= r.bottom && m.top >= r.top && facts.clientHeight > 0;
      return whole ? [] : [facts.textContent];
    }));
    assert.deepEqual(cut, [], `${lang} at ${width} px: rows whose meta is cut`);
    await page.context().close();
  }
});

for (const [lang, width] of [['en', 390], ['ar', 1280]]) test(`a held Shift+Tab walks up the list row by row, the rows above drawn as it goes (${lang}, ${width} px)`, async () => {
  const page = await open(`lang=${lang}`, { width, height: width === 390 ? 844 : 900 });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  const last = data.events.length;
  await page.waitForSelector(`.event-row[aria-posinset="${last}"] a`);
  await page.focus(`.event-row[aria-posinset="${last}"] a`);
  const at = () => page.evaluate(() => {
    const row = document.activeElement.closest('.event-row');
    const r = document.activeElement.getBoundingClientRect();
    return row && r.bottom > 0 && r.top < innerHeight ? +row.getAttribute('aria-posinset') : document.activeElement.tagName;
  });
  // Focus moved up a row with the window's redrawing went to the body, and the next Shift+Tab to
  // the controls above the list, every row in between skipped. Then, with focus put back a frame
  // later, a held key (a press every 30 ms, a key's repeat) still found the body between the
  // redrawing and that frame, and left the list for the legend or the timeline (9 runs of 9).
  // Focus is on its row as soon as a press is handled.
  for (let want = last - 1; want >= Math.max(1, last - 25); want--) {
    await page.waitForTimeout(30);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await at(), want);
  }
  await page.context().close();
});

test('"Back to events" returns to the list where the reader was: scrolled, the row focused on screen', async () => {
  for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
    const page = await open(`lang=${lang}`, { width, height: 844 });
    // The list is virtualised: its rows are drawn as it comes into view.
    await page.locator('#list-heading').scrollIntoViewIfNeeded();
    const row = page.locator('.event-list .event-row a').nth(5);
    await row.scrollIntoViewIfNeeded();
    await page.evaluate(() => scrollBy(0, 200));
    const before = await page.evaluate(() => scrollY);
    await row.focus();
    const entries = await page.evaluate(() => history.length);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.event-page a.back');
    await page.focus('.event-page a.back');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.event-list .event-row');
    await page.waitForFunction(() => document.activeElement?.closest('.event-row'));
    await historyWritten(page);
    const after = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { y: scrollY, shown: r.top >= 0 && r.bottom <= innerHeight };
    });
    assert.ok(Math.abs(after.y - before) <= 2, `${lang}: scrolled where it was (${before} → ${after.y})`);
    assert.ok(after.shown, `${lang}: the focused row is on screen`);
    // Back, as the browser's button: the event's entry is the one ahead, not a new one on top.
    assert.equal(await page.evaluate(() => history.length), entries + 1, lang);
    await page.context().close();
  }
});
