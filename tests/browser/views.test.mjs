// Compare up to three states side by side, and who engages whom: what a reader sees (the numbers
// the data gives, in both languages, columns in the page's direction, the picture inside its
// box), what a keyboard reaches, the filters applying, the actions, the CSVs, the static page,
// the widgets, and the network at the scale of real public data (153 states).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, openAt, ready, serveDist, params, manyStates, waitUntil, DIST } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const names = Object.fromEntries(data.countries.map((c) => [c.code, c.name]));
let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

const open = (query, opts = {}) => openAt(browser, server, query, { serviceWorkers: 'block', ...opts });
/** The network's picture a wide screen draws (a phone may draw one of its own, `.net-phone`). */
const NET = '.network-svg:not(.net-phone)';
const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

/** Arabic "N events" with number agreement (CLDR categories), as the interface writes it. */
function arEvents(n) {
  const m = n % 100;
  if (n === 0) return 'لا أحداث';
  if (n === 1) return 'حدث واحد';
  if (n === 2) return 'حدثان';
  if (m >= 3 && m <= 10) return `${n} أحداث`;
  if (m >= 11 && m <= 99) return `${n} حدثًا`;
  return `${n} حدث`;
}
const of = (code, events = data.events) => events.filter((e) => e.parties.includes(code));
const pct = (part, whole) => (whole ? Math.round((100 * part) / whole) : 0);

test('a comparison says, per state, what the data says, in both languages, columns in reading order', async () => {
  const states = ['GB', 'CN', 'US'];
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}&compare=${states.join(',')}`);
    const expected = states.map((c) => {
      const mine = of(c);
      const share = pct(mine.filter((e) => e.tone === 'conflictual').length, mine.length);
      return lang === 'en'
        ? `${names[c].en}: ${mine.length} events, ${share}% conflictual`
        : `${names[c].ar}: ${arEvents(mine.length)}، نسبة الأحداث الصدامية ${share}%`;
    });
    assert.deepEqual(await texts(page, '.compare-summary li'), expected);
    // Counts by type: a column per state, each the state's events of that type.
    const [header, ...rows] = await page.$$eval('.compare-table', (ts) => [...ts[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(header.slice(1), states.map((c) => names[c][lang]));
    const typeIds = [...new Set(data.events.map((e) => e.type))];
    assert.equal(rows.length, typeIds.filter((t) => states.some((c) => of(c).some((e) => e.type === t))).length);
    for (const row of rows) {
      const total = row.slice(1).reduce((a, b) => a + +b, 0);
      assert.ok(total > 0, `a type row with events: ${row}`);
    }
    const perState = states.map((_, i) => rows.reduce((a, r) => a + +r[i + 1], 0));
    assert.deepEqual(perState, states.map((c) => of(c).length), 'the type counts add up to each state\'s events');
    // Shared events: those with two of the states or more.
    const shared = data.events.filter((e) => e.parties.filter((p) => states.includes(p)).length >= 2);
    assert.equal(await page.$$eval('.compare .pair-events li', (l) => l.length), Math.min(30, shared.length));
    // Columns run as the page reads: left to right in English, right to left in Arabic; the
    // year charts share one scale (the tallest bar of all is the only full-height one).
    const xs = await page.$$eval('.compare-state', (els) => els.map((e) => e.getBoundingClientRect().left));
    const sorted = [...xs].sort((a, b) => (lang === 'en' ? a - b : b - a));
    assert.deepEqual(xs, sorted, `${lang}: ${xs}`);
    const tallest = await page.$$eval('.compare-cell rect.bar', (r) => r.map((b) => +b.getAttribute('height')));
    assert.equal(Math.max(...tallest), 40);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('on a phone the states stack inside each measure, the network fits the screen, and nothing is wider than the screen', async () => {
  for (const lang of ['ar', 'en']) {
    const page = await open(`lang=${lang}&compare=GB,CN,US`, { width: 360, height: 780 });
    const cells = await page.$$eval('.compare-cell', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right]));
    assert.equal(cells.length, 3);
    assert.ok(cells[0][1] < cells[1][1] && cells[1][1] < cells[2][1], 'stacked');
    assert.ok(cells.every((c) => c[0] >= 0 && c[2] <= 360), JSON.stringify(cells));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    // The network of a few states fits the phone: its own picture, labels stacked above and
    // below the circles, every label whole on the screen and at least 12 px (it was 680 px
    // wide, scrolled sideways, its side labels cut at the figure's edges).
    await page.goto(`${server.url}?lang=${lang}&view=network`);
    await page.waitForSelector('.network-svg.net-phone');
    const phone = await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.network-svg')].filter((s) => s.getBoundingClientRect().width > 0);
      const fig = document.querySelector('.network-figure');
      const labels = [...shown[0].querySelectorAll('.net-node text')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, px: parseFloat(getComputedStyle(t).fontSize) * shown[0].getBoundingClientRect().width / shown[0].viewBox.baseVal.width };
      });
      const dots = [...shown[0].querySelectorAll('.net-dot')].map((c) => c.getBoundingClientRect().toJSON());
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return { shown: shown.map((s) => s.getAttribute('class')), spare: fig.scrollWidth - fig.clientWidth, labels, dots, ids };
    });
    assert.deepEqual(phone.shown, ['network-svg net-phone']);
    assert.ok(phone.spare <= 0, `the picture scrolls by ${phone.spare} px`);
    assert.equal(phone.labels.length, new Set([...pairsOf(data.events).keys()].flatMap((k) => k.split('-'))).size);
    for (const l of phone.labels) assert.ok(l.left >= 0 && l.right <= 360 && l.px >= 12, JSON.stringify(l));
    // No name drawn over another, nor over another state's circle (as drawn, glyphs and all).
    const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    phone.labels.forEach((a, i) => {
      phone.labels.forEach((b, j) => assert.ok(i === j || apart(a, b), `${a.text} over ${b.text}`));
      phone.dots.forEach((d, j) => assert.ok(i === j || apart(a, d), `${a.text} over the circle of ${phone.labels[j].text}`));
    });
    // Two pictures, one set of ids.
    assert.equal(new Set(phone.ids).size, phone.ids.length, `ids drawn twice: ${phone.ids.filter((id, k) => phone.ids.indexOf(id) !== k)}`);
    // Keyboard and screen readers meet one picture: the wide one is not drawn.
    assert.equal(await page.$$eval('.network-svg a', (l) => l.filter((a) => a.getBoundingClientRect().width > 0).length),
      await page.$$eval('.net-phone a', (l) => l.length));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    await page.context().close();
  }
});

test('on a phone the network of many states scrolls inside its box, opened at its centre', async () => {
  const doc = manyStates(data, { real: true });
  const big = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(doc) } } });
  try {
    for (const lang of ['ar', 'en']) {
      const page = await newPage(browser, { serviceWorkers: 'block', width: 360, height: 780 });
      await page.goto(`${big.url}?lang=${lang}&view=network`);
      await page.waitForSelector('.network-svg');
      // Labels along the radius: one picture for every width.
      assert.deepEqual(await page.$$eval('.network-svg', (l) => l.map((s) => s.getAttribute('class'))), ['network-svg']);
      await waitUntil(page, () => Math.abs(document.querySelector('.network-figure').scrollLeft) > 0);
      const fig = await page.$eval('.network-figure', (f) => [f.scrollWidth - f.clientWidth, Math.abs(f.scrollLeft)]);
      assert.ok(Math.abs(fig[1] - fig[0] / 2) <= 2, `centred: ${fig}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
      await page.context().close();
    }
  } finally {
    await big.close();
  }
});

test('the filters apply to every column', async () => {
  const page = await open('lang=en&compare=CN,US&tone=conflictual');
  const expected = ['CN', 'US'].map((c) => {
    const n = of(c).filter((e) => e.tone === 'conflictual').length;
    return `${names[c].en}: ${n} events, ${n ? 100 : 0}% conflictual`;
  });
  assert.deepEqual(await texts(page, '.compare-summary li'), expected);
  await page.context().close();
});

test('a chart of few years draws each year over its name: the first and the last bar under their captions', async () => {
  // Saudi Arabia and Qatar span three years; Iran's card a few more. Both directions.
  for (const lang of ['en', 'ar']) {
    for (const [query, sel] of [['compare=SA,QA', '.compare-cell .year-bars'], ['country=IR', '.country-card .year-bars']]) {
      const page = await open(`lang=${lang}&${query}`, { width: 1000 });
      await page.waitForSelector(sel);
      const charts = await page.$$eval(sel, (figs) => figs.map((fig) => {
        const spans = [...fig.querySelectorAll('figcaption span')].map((x) => ({ year: x.textContent, ...x.getBoundingClientRect().toJSON() }));
        const bars = [...fig.querySelectorAll('rect.bar')].map((r) => ({ year: r.querySelector('title').textContent.slice(0, 4), ...r.getBoundingClientRect().toJSON() }));
        return { spans, bars };
      }));
      assert.ok(charts.length >= 1, `${lang} ${query}`);
      for (const { spans, bars } of charts) {
        assert.equal(spans.length, 2, `${lang} ${query}: ${spans.map((x) => x.year)}`);
        for (const span of spans) {
          const bar = bars.find((b) => b.year === span.year);
          const centre = bar.left + bar.width / 2;
          assert.ok(centre >= span.left - 2 && centre <= span.right + 2, `${lang} ${query} ${span.year}: bar at ${centre}, caption ${span.left}–${span.right}`);
        }
      }
      await page.context().close();
    }
  }
});

test('a comparison begun on a card counts every event of each state, as its own link does', async () => {
  const page = await open('lang=en&country=GB&type=meeting');
  await page.click('.country-card >> text=Add to comparison');
  await page.waitForSelector('#compare-tray-add');
  await page.selectOption('#compare-tray-add', 'CN');
  await page.click('.compare-tray .compare-add button');
  await page.waitForSelector('.compare-summary');
  // The card's state is no longer a filter; the type still is.
  assert.deepEqual(await params(page), { lang: 'en', compare: 'GB,CN', type: 'meeting' });
  const expected = ['GB', 'CN'].map((c) => `${names[c].en}: ${of(c).filter((e) => e.type === 'meeting').length} events`);
  const seen = (await texts(page, '.compare-summary li')).map((t) => t.replace(/,.*/, ''));
  assert.deepEqual(seen, expected);
  // China has meetings without the United Kingdom: with the card's filter kept it had fewer.
  const both = of('CN').filter((e) => e.type === 'meeting' && e.parties.includes('GB')).length;
  assert.ok(of('CN').filter((e) => e.type === 'meeting').length > both, 'the data tells the two apart');
  await page.context().close();
});

test('adding and removing states: from a card, the tray, the filter panel, the view itself', async () => {
  const page = await open('lang=en&country=QA');
  await page.click('.country-card >> text=Add to comparison');
  await waitUntil(page, () => marsadState().compare === 'QA');
  // One state: the page stays, the card says so, the tray offers the next.
  assert.ok(await page.isVisible('.country-card'));
  await page.waitForSelector('.country-card .compare-status');
  assert.equal(await page.$('.country-card >> text=Add to comparison'), null);
  assert.match(await page.textContent('.compare-tray'), /Comparison: Qatar\./);
  // Browsing on keeps it: the cards, where the next state is found.
  await page.click('.main-nav >> text=Country cards');
  await page.waitForSelector('.card-grid');
  assert.equal((await params(page)).compare, 'QA');
  assert.ok(await page.isVisible('.compare-tray'));
  // Chosen, then added (a choice alone adds nothing: arrow keys browse it).
  await page.selectOption('#compare-tray-add', 'GB');
  await page.waitForTimeout(100);
  assert.equal((await params(page)).compare, 'QA');
  await page.click('.compare-tray .compare-add button');
  await page.waitForSelector('.compare');
  assert.equal((await params(page)).compare, 'QA,GB');
  await page.selectOption('#compare-add', 'US');
  await page.click('.compare .compare-add button');
  await waitUntil(page, () => marsadState().compare === 'QA,GB,US');
  assert.equal(await page.$('#compare-add'), null, 'three states: nothing more to add');
  await page.click('button[aria-label="Remove Qatar from the comparison"]');
  await waitUntil(page, () => marsadState().compare === 'GB,US');
  await page.click('text=End the comparison');
  await waitUntil(page, () => !marsadState().compare);
  // Back where the comparison was begun.
  await page.waitForSelector('.card-grid');
  // The filter panel: two countries ticked, compared.
  await page.goto(`${server.url}?lang=en&country=RU,CN`);
  await ready(page);
  await page.click('text=Compare the chosen countries');
  await page.waitForSelector('.compare');
  assert.deepEqual(await params(page), { lang: 'en', compare: 'RU,CN' });
  // Back goes back to the ticked countries.
  await page.goBack();
  await waitUntil(page, () => marsadState().country === 'RU,CN');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the comparison and the pairs download as CSV with the numbers shown', async () => {
  const page = await open('lang=en&compare=CN,US');
  const grab = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`button[data-download="${kind}"]`)]);
    return readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  };
  const rows = await grab('compare');
  assert.match(rows[0], /^state,state_name,events,conflictual_percent,type_/);
  assert.deepEqual(rows.slice(1).map((r) => r.split(',').slice(0, 3).map((c) => JSON.parse(c))), [
    ['CN', 'China', String(of('CN').length)], ['US', 'United States', String(of('US').length)],
  ]);
  await page.goto(`${server.url}?lang=en&view=network`);
  await ready(page);
  const pairs = await grab('pairs');
  assert.equal(pairs.length - 1, await page.$$eval('.pair-table tbody tr', (r) => r.length));
  await page.context().close();
});

/** Every pair of states sharing events, as the network counts them. */
function pairsOf(events) {
  const out = new Map();
  for (const e of events) {
    const ps = [...new Set(e.parties)];
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) {
      const k = [ps[i], ps[j]].sort().join('-');
      const p = out.get(k) ?? { events: 0, conflictual: 0 };
      p.events++;
      if (e.tone === 'conflictual') p.conflictual++;
      out.set(k, p);
    }
  }
  return out;
}

test('the network draws every pair of the shipped data, inside its box, in both directions', async () => {
  const pairs = pairsOf(data.events);
  for (const lang of ['en', 'ar']) {
    const page = await open(`lang=${lang}&view=network`);
    assert.equal(await page.$$eval(`${NET} .net-link`, (l) => l.length), Math.min(50, pairs.size));
    assert.equal(await page.$$eval(`${NET} .net-node`, (l) => l.length), new Set([...pairs.keys()].flatMap((k) => k.split('-'))).size);
    // US–China: its line is named with its count.
    const us = names.US[lang], cn = names.CN[lang];
    const labels = await page.$$eval(`${NET} .net-link`, (l) => l.map((a) => a.getAttribute('aria-label')));
    const line = labels.find((l) => l.includes(us) && l.includes(cn) && l.indexOf('⇄') < l.indexOf(':'));
    const n = pairs.get('CN-US').events;
    assert.ok(line.includes(lang === 'en' ? `${n} events` : arEvents(n)), line);
    // Its clauses apart by the language's own semicolon.
    assert.ok(lang === 'en' ? line.includes('; ') && !line.includes('؛') : line.includes('؛ ') && !line.includes(';'), line);
    // Every state and label is drawn inside the picture, which is on the page.
    const box = await page.$eval(NET, (s) => s.getBoundingClientRect().toJSON());
    assert.ok(box.width > 400 && box.height > 300, JSON.stringify(box));
    const inside = await page.$$eval(`${NET} :is(.net-node text, .net-dot)`, (els, b) => els.every((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    }), box);
    assert.ok(inside, 'a state or label outside the picture');
    // The circle runs clockwise in English, counter-clockwise in Arabic, from the top.
    const dots = await page.$$eval(`${NET} .net-dot`, (d) => d.map((c) => +c.getAttribute('cx')));
    const centre = (await page.$eval(NET, (s) => s.viewBox.baseVal.width)) / 2;
    assert.equal(dots[0], centre);
    assert.ok(lang === 'en' ? dots[1] > centre : dots[1] < centre);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

for (const lang of ['ar', 'en']) test(`keyboard (${lang}): Tab reaches every state and line, Enter opens a pair or a card; the table sorts`, async () => {
  const page = await open(`lang=${lang}&view=network`);
  const links = await page.$$eval(`${NET} a`, (l) => l.length);
  let reached = 0, firstLine = null;
  await page.focus('.network-controls a');
  for (let i = 0; i < links; i++) {
    await page.keyboard.press('Tab');
    const inSvg = await page.evaluate(() => !!document.activeElement.closest('.network-svg'));
    if (inSvg) reached++;
    firstLine ??= await page.evaluate(() => (document.activeElement.classList.contains('net-link') ? document.activeElement.getAttribute('aria-label') : null));
  }
  assert.equal(reached, links, 'every state and line in turn');
  // Where focus is once a view opens: named by what was opened, and on screen (it fell to the
  // page's body, and the next Tab started from the top).
  const focused = () => waitUntil(page, () => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return el !== document.body && r.top >= 0 && r.bottom <= innerHeight
      && { id: el.id, text: el.textContent.replace(/\s+/g, ' ').trim() };
  });
  // Enter on a line: its pair view, focus on its heading.
  await page.focus('.net-link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.pair-view');
  const { pair } = await params(page);
  assert.ok(pair && firstLine.includes(names[pair.split('-')[0]][lang]), `${pair}: ${firstLine}`);
  const onPair = await focused();
  assert.equal(onPair.id, 'pair-heading');
  assert.ok(onPair.text.includes(names[pair.split('-')[0]][lang]), onPair.text);
  await page.goBack();
  await page.waitForSelector('.network-svg');
  const node = await page.$eval('.net-node', (a) => a.getAttribute('aria-label'));
  await page.focus('.net-node');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.country-card');
  assert.equal((await params(page)).view, undefined);
  // Enter on a state: its card, focus on the card's name.
  const onCard = await focused();
  assert.ok(onCard.text && node.startsWith(onCard.text), `${onCard.text} / ${node}`);
  assert.deepEqual(page.problems, []);
  // The table sorts by conflictual events.
  await page.goBack();
  await page.waitForSelector('.pair-table');
  // The number of pairs drawn, chosen by keyboard: the view is drawn again, focus stays on it.
  await page.focus('#network-pairs');
  await page.keyboard.press('ArrowDown');
  await waitUntil(page, () => new URL(location.href).searchParams.get('pairs') === '100');
  await waitUntil(page, () => document.activeElement.id === 'network-pairs');
  await page.click('.pair-table th >> nth=4 >> button');
  assert.equal(await page.getAttribute('.pair-table th >> nth=4', 'aria-sort'), 'descending');
  const col = await page.$$eval('.pair-table tbody tr', (r) => r.map((tr) => +tr.cells[4].textContent));
  assert.deepEqual(col, [...col].sort((a, b) => b - a));
  await page.context().close();
});

test('a pair view: its module is asked for as the pointer reaches a card\'s partners, and the partner opens it', async () => {
  const page = await open('lang=en&country=GB');
  const asked = [];
  page.on('request', (r) => { if (/split_pair_module-[0-9a-f]+\.wasm$/.test(r.url())) asked.push(r.url()); });
  await page.waitForTimeout(300);
  assert.equal(asked.length, 0, 'not before it may be needed');
  await page.hover('.country-card .partners');
  for (let i = 0; i < 50 && asked.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(asked.length, 1, 'asked for once, on the pointer reaching the partners');
  const first = page.locator('.country-card .partners a').first();
  const partner = (await first.textContent()).trim();
  await first.click();
  await page.locator('.pair-view').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#pair-heading'), new RegExp(`United Kingdom ⇄ ${partner}`));
  // The partner's link went with the card: focus is on the pair's heading.
  await waitUntil(page, () => document.activeElement.id === 'pair-heading');
  // Its head (the name and "Copy link") stands apart from the first section's heading.
  const gap = await page.$eval('.pair-view', (v) => v.querySelector('h3').getBoundingClientRect().top
    - v.querySelector('.copy-link').getBoundingClientRect().bottom);
  assert.ok(gap >= 8, `gap ${gap}`);
  assert.equal(asked.length, 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the filters apply to the network', async () => {
  const page = await open('lang=en&view=network&tone=conflictual');
  const pairs = pairsOf(data.events.filter((e) => e.tone === 'conflictual'));
  assert.equal(await page.$$eval('.pair-table tbody tr', (r) => r.length), Math.min(50, pairs.size));
  const classes = await page.$$eval('.net-link .net-edge', (p) => p.map((e) => e.getAttribute('class')));
  assert.ok(classes.every((c) => c.includes('bal-conflictual')), classes.join());
  await page.context().close();
});

test('static pages: the network of the full dataset, readable without JavaScript', async () => {
  for (const [path, lang] of [['network/', 'ar'], ['en/network/', 'en']]) {
    const html = readFileSync(resolve(DIST, path, 'index.html'), 'utf8');
    assert.match(html, /class="network-svg[ "]/);
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}${path}`);
    const pairs = pairsOf(data.events);
    assert.equal(await page.$$eval(`${NET} .net-link`, (l) => l.length), Math.min(50, pairs.size));
    const href = await page.getAttribute('.pair-table tbody a', 'href');
    assert.match(href, /pair=[A-Z]{2}-[A-Z]{2}/);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    // Every column keeps its head's words (three are sort buttons, which need script), and no
    // control that would do nothing is shown.
    const heads = await page.$$eval('.pair-table thead th', (t) => t.map((x) => x.innerText.trim()));
    assert.equal(heads.length, 6);
    assert.ok(heads.every((h) => h.length > 1), heads.join(' | '));
    assert.deepEqual(await page.$$eval('button, select', (b) => b.filter((x) => x.getClientRects().length).map((x) => x.outerHTML)), []);
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await page.$$eval('.pair-table thead th', (t) => t.map((x) => x.innerText.trim())), heads);
    await page.context().close();
  }
});

test('widgets: the network and a comparison embed, and the dialog offers them', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${server.url}?lang=en&embed=network`);
  await page.waitForSelector('.network-svg');
  assert.match(await page.textContent('.widget-subject'), /^Network · Cyber-diplomacy events/);
  // Out of the widget's subject: the explorer, in a new tab.
  assert.equal(await page.getAttribute('a.net-link', 'target'), '_blank');
  await page.goto(`${server.url}?lang=en&embed=compare&compare=GB,CN`);
  await page.waitForSelector('.compare-summary');
  assert.equal(await page.$$eval('.compare button[aria-label^="Remove"]', (b) => b.length), 0, 'the newsroom chose the states');
  // The header counts the compared states' events and names their years, not every event's.
  for (const [lang, codes] of [['en', 'SA,QA'], ['ar', 'SA,QA'], ['en', 'GB,CN,US']]) {
    await page.goto(`${server.url}?lang=${lang}&embed=compare&compare=${codes}`);
    await page.waitForSelector('.compare-summary');
    const theirs = data.events.filter((e) => e.parties.some((p) => codes.split(',').includes(p)));
    assert.ok(theirs.length < data.events.length);
    const years = theirs.map((e) => +e.date.slice(0, 4));
    const span = `${Math.min(...years)}–${Math.max(...years)}`;
    const count = lang === 'en' ? `${theirs.length} events` : arEvents(theirs.length);
    await waitUntil(page, (c) => document.querySelector('.embed-head .result-count')?.textContent === c, count);
    assert.ok((await page.textContent('.widget-subject')).includes(span), `${codes}: ${span}`);
  }
  await page.goto(`${server.url}?lang=en&compare=GB,CN`);
  await ready(page);
  await page.click('.header-actions >> text=Embed');
  await page.waitForSelector('#embed-widget');
  const options = await page.$$eval('#embed-widget option', (o) => o.map((x) => x.value));
  assert.ok(options.includes('compare') && options.includes('network'), options.join());
  assert.equal(await page.inputValue('#embed-widget'), 'compare');
  assert.match(await page.inputValue('#embed-loader'), /embed=compare&amp;compare=GB,CN/);
  await page.context().close();
});

test('153 states (real names): the strongest pairs only, the rest in the table', async () => {
  const doc = manyStates(data, { real: true });
  const big = await serve({ root: DIST, overrides: { 'data/events.json': { body: JSON.stringify(doc) } } });
  const page = await newPage(browser, { serviceWorkers: 'block' });
  try {
    await page.goto(`${big.url}?lang=en&view=network`);
    await ready(page);
    const pairs = pairsOf(doc.events);
    assert.ok(pairs.size > 1000, `${pairs.size} pairs`);
    assert.equal(await page.$$eval('.net-link', (l) => l.length), 50);
    const nodes = await page.$$eval('.net-node', (l) => l.length);
    assert.ok(nodes <= 100 && nodes < doc.countries.length / 1.5, `${nodes} states drawn`);
    assert.match(await page.textContent('.network-summary'), new RegExp(`50 pairs with the most events, of ${pairs.size.toLocaleString('en')}`));
    // The strongest pair is drawn; its weight is the most shared events.
    const most = Math.max(...[...pairs.values()].map((p) => p.events));
    assert.equal(await page.$eval('.pair-table tbody tr td', (td) => +td.textContent), most);
    await page.selectOption('#network-pairs', '200');
    await waitUntil(page, () => document.querySelectorAll('.net-link').length === 200);
    assert.equal((await params(page)).pairs, '200');
    // The table: 50 rows, then every pair.
    assert.equal(await page.$$eval('.pair-table tbody tr', (r) => r.length), 50);
    await page.click(`text=Show every pair: ${pairs.size.toLocaleString('en')}`);
    assert.equal(await page.$$eval('.pair-table tbody tr', (r) => r.length), pairs.size);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
    await big.close();
  }
});

test('a comparison naming a state the data lacks says so once, and names only the states it shows', async () => {
  const page = await open('lang=en&compare=GB,XX,US');
  await page.waitForSelector('.compare');
  assert.deepEqual(await page.$$eval('.notice', (n) => n.map((x) => x.textContent.trim())), ["Not in Marsad's data: XX"]);
  assert.equal((await page.textContent('.compare h2')).trim(), 'Comparison: United Kingdom, United States');
  assert.equal(await page.title(), 'Comparison: United Kingdom, United States · Marsad');
  await page.context().close();
});
