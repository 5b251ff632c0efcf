// Static pages (#15): every page readable before and without JavaScript, drawn at build time by
// the app's own components. A crawler walks them, messengers read their tags, the sitemap lists
// them, the app takes over without moving anything, and hostile data stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, newPage, ready, params, historyWritten, tool, DIST } from './util.mjs';
import { serve } from './serve.mjs';

const data = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const LANGS = { ar: '', en: 'en/' };
// The site URL the build wrote into canonical links and the sitemap (MARSAD_SITE_URL).
const sitemap = readFileSync(resolve(DIST, 'sitemap.xml'), 'utf8');
const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
const SITE = locs[0];

let browser, server;
before(async () => { browser = await launch(); server = await serve({ root: DIST }); });
after(async () => { await server?.close(); await browser?.close(); });

/** Pages with JavaScript off: what a crawler or a reader with JS disabled gets. */
const noJs = (opts = {}) => newPage(browser, { javaScriptEnabled: false, serviceWorkers: 'block', ...opts });

/** A static page's address: a path below the site with no query string. */
const isStatic = (u) => !u.search && /^\/(en\/)?((event\/[^/]+|country\/[A-Z]{2}|countries)\/)?$/.test(u.pathname);

test('without JavaScript a reader walks from the home page to every event, its quotes and its source', async () => {
  const page = await noJs();
  const seen = new Set();
  const events = { ar: new Set(), en: new Set() };
  const queue = [`${server.url}`, `${server.url}en/`];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(url);
    assert.equal(res.status(), 200, url);
    const path = new URL(url).pathname;
    const lang = path.startsWith('/en/') ? 'en' : 'ar';
    // What the page shows, read in one round trip (a round trip a check was half the test's time).
    const shown = await page.evaluate(() => {
      const all = (sel) => [...document.querySelectorAll(sel)];
      const visible = (sel) => all(sel).filter((x) => x.getClientRects().length).map((x) => x.textContent);
      return {
        lang: document.documentElement.getAttribute('lang'),
        dir: document.documentElement.getAttribute('dir'),
        policies: all('meta[http-equiv=Content-Security-Policy]').length,
        inline: all('script:not([src]), style, [style]').length,
        buttons: visible('button, input, select, textarea, #timeline-help'),
        // A disclosure is offered only if opening it shows something.
        empty: all('details').filter((d) => d.querySelector('summary')?.getClientRects().length).filter((d) => {
          d.open = true;
          const shown = [...d.children].some((c) => c.tagName !== 'SUMMARY' && c.getClientRects().length && c.textContent.trim());
          return !shown;
        }).map((d) => d.querySelector('summary').textContent),
        other: document.querySelector('a.lang-switch')?.href,
        h1: document.querySelector('h1')?.textContent,
        h1s: all('h1').length,
        title: document.title,
        quotes: visible('.sources blockquote'),
        sources: document.querySelector('.sources')?.textContent,
        links: all('a[href]').map((x) => x.href),
        // The skip link, and the place it goes to.
        skip: !!document.querySelector('a.skip-link[href="#main"]') && !!document.getElementById('main'),
      };
    });
    assert.equal(shown.lang, lang, url);
    assert.equal(shown.dir, lang === 'ar' ? 'rtl' : 'ltr', url);
    // The CSP holds on every page: one policy, no inline script, style element or attribute.
    assert.equal(shown.policies, 1, url);
    assert.equal(shown.inline, 0, url);
    // Nothing that would need JavaScript is offered (no button, field or menu, no "drag to move",
    // no disclosure that opens on nothing); the language link is a link to the same page.
    assert.deepEqual(shown.buttons, [], url);
    assert.deepEqual(shown.empty, [], url);
    assert.ok(shown.skip, `skip link on ${url}`);
    // One main heading, which says what the title says (the title adds the site's name).
    assert.equal(shown.h1s, 1, `h1 on ${url}`);
    assert.ok(shown.title.includes(shown.h1), `h1 "${shown.h1}" against title "${shown.title}" on ${url}`);
    assert.ok(shown.other, `language link on ${url}`);
    const other = new URL(shown.other);
    const mirror = lang === 'ar' ? `/en${path}` : path.replace(/^\/en\//, '/');
    assert.equal(other.pathname + other.search, mirror, `language link on ${url}`);
    const event = path.match(/\/event\/([^/]+)\/$/)?.[1];
    if (event) {
      events[lang].add(event);
      const e = data.events.find((x) => x.id === event);
      assert.ok(e, `a page for an unknown event: ${url}`);
      assert.ok(shown.h1?.includes(e.title[lang]), `h1 of ${url}`);
      // "Cite this" in every format, though the format cannot be chosen without script.
      const formats = await page.evaluate(() => {
        const cite = document.querySelector('details.cite');
        cite.open = true;
        const text = (el) => el.innerText.trim();
        const shown = [text(cite.querySelector('.cite-body > pre'))];
        for (const d of cite.querySelectorAll('.cite-other')) {
          d.open = true;
          if (d.getClientRects().length) shown.push(text(d.querySelector('pre')));
        }
        cite.open = false;
        return shown;
      });
      assert.equal(formats.length, 4, url);
      assert.match(formats[1], /^@\w+\{/, `BibTeX on ${url}`);
      assert.match(formats[2], /^TY {2}- /, `RIS on ${url}`);
      assert.ok(JSON.parse(formats[3]), `CSL-JSON on ${url}`);
      // Each highlighted sentence in its article box's sight, the page scrolled to it (the box
      // scrolls to it only by script): its first line inside the box's edges and the screen's.
      // (Without JavaScript the page runs no frame callback: the test waits between steps.)
      const marks = [];
      for (let i = 0; i < await page.locator('.article-text mark').count(); i++) {
        await page.evaluate((i) => {
          const m = document.querySelectorAll('.article-text mark')[i];
          window.scrollTo(0, window.scrollY + m.getClientRects()[0].top - innerHeight / 2);
        }, i);
        await page.waitForTimeout(50);
        marks.push(await page.evaluate((i) => {
          const m = document.querySelectorAll('.article-text mark')[i];
          const line = m.getClientRects()[0];
          const box = m.closest('.article-text').getBoundingClientRect();
          return line.top >= Math.max(box.top, 0) - 1 && line.bottom <= Math.min(box.bottom, innerHeight) + 1;
        }, i));
      }
      assert.ok(marks.length && marks.every(Boolean), `the highlighted sentence out of its box on ${url}: ${marks}`);
      // Visible, not only present: the quotes and the article they come from.
      for (const s of e.sources) {
        assert.ok(shown.quotes.includes(s.quote), `quote missing on ${url}: ${s.quote.slice(0, 40)}`);
        const article = data.articles.find((a) => a.id === s.article);
        const title = article.title[lang] ?? article.title.ar ?? article.title;
        assert.ok(shown.sources?.includes(title), `source missing on ${url}`);
      }
    }
    for (const href of shown.links) {
      const u = new URL(href);
      u.hash = ''; // a place on the same page (the skip link's "#main")
      if (u.origin === new URL(server.url).origin && isStatic(u)) queue.push(u.href);
    }
  }
  // The static timeline shows the newest events, in either direction, on a phone too.
  for (const prefix of Object.values(LANGS)) {
    const phone = await noJs({ width: 360 });
    await phone.goto(`${server.url}${prefix}`);
    const newest = await phone.$$eval('.timeline-canvas', ([c]) => {
      const box = c.getBoundingClientRect();
      const labels = [...c.querySelectorAll('text')].filter((t) => { const r = t.getBoundingClientRect(); return r.left >= box.left && r.right <= box.right; });
      return Math.max(...labels.map((t) => +t.textContent.match(/\d{4}/)?.[0] || 0));
    });
    const last = Math.max(...data.events.map((e) => +e.date.slice(0, 4)));
    assert.ok(newest >= last - 1, `${prefix || 'ar'}: the phone's static timeline ends at ${newest}, the data at ${last}`);
    await phone.context().close();
  }
  for (const lang of Object.keys(LANGS)) {
    const missing = data.events.filter((e) => !events[lang].has(e.id)).map((e) => e.id);
    assert.deepEqual(missing, [], `events not reachable without JavaScript (${lang})`);
  }
  // Home, countries, every country with events and every event, in both languages.
  const countries = new Set(data.events.flatMap((e) => e.parties));
  assert.equal(seen.size, 2 * (2 + countries.size + data.events.length));
  await page.context().close();
});

test('every static page carries its title, description, Open Graph, Twitter, canonical and hreflang tags', async () => {
  const page = await noJs();
  const e = data.events[0];
  const code = e.parties[0];
  const pages = [['', 'home'], [`event/${e.id}/`, 'event'], [`country/${code}/`, 'country'], ['countries/', 'countries']];
  for (const [path, kind] of pages) {
    for (const [lang, prefix] of Object.entries(LANGS)) {
      await page.goto(`${server.url}${prefix}${path}`);
      const tags = await page.evaluate(() => {
        const meta = (k) => document.querySelector(`meta[property="${k}"], meta[name="${k}"]`)?.content ?? null;
        const link = (sel) => document.querySelector(sel)?.getAttribute('href') ?? null;
        return {
          title: document.title, description: meta('description'), h1: document.querySelector('h1')?.textContent,
          ogTitle: meta('og:title'), ogDescription: meta('og:description'), ogUrl: meta('og:url'), ogImage: meta('og:image'),
          ogType: meta('og:type'), twitterCard: meta('twitter:card'), twitterImage: meta('twitter:image'),
          canonical: link('link[rel=canonical]'), ar: link('link[hreflang=ar]'), en: link('link[hreflang=en]'),
          xDefault: link('link[hreflang=x-default]'),
        };
      });
      const where = `${lang}:${kind}`;
      assert.equal(tags.canonical, `${SITE}${prefix}${path}`, where);
      assert.equal(tags.ogUrl, tags.canonical, where);
      assert.equal(tags.ar, `${SITE}${path}`, where);
      assert.equal(tags.en, `${SITE}en/${path}`, where);
      assert.equal(tags.xDefault, tags.ar, where);
      assert.equal(tags.ogImage, `${SITE}og-image.png`, where);
      assert.equal(tags.twitterImage, tags.ogImage, where);
      assert.equal(tags.twitterCard, 'summary_large_image', where);
      assert.equal(tags.ogTitle, tags.title, where);
      assert.ok(tags.title.length > 6 && tags.description.length > 20, where);
      assert.equal(tags.ogDescription, tags.description, where);
      if (kind === 'event') {
        assert.equal(tags.ogType, 'article', where);
        assert.ok(tags.title.startsWith(e.title[lang]), where);
        assert.ok(tags.h1.includes(e.title[lang]), where);
        assert.ok(e.summary[lang].startsWith(tags.description.replace(/…$/, '')), where);
      }
      if (kind === 'country') {
        const name = data.countries.find((c) => c.code === code).name[lang];
        assert.ok(tags.title.includes(name) && tags.description.includes(name), where);
      }
    }
  }
  const image = await page.goto(`${server.url}og-image.png`);
  assert.equal(image.headers()['content-type'], 'image/png');
  await page.context().close();
});

test('sitemap.xml lists every static page in both languages, and robots.txt names it', async () => {
  const listed = new Set(locs);
  assert.equal(listed.size, locs.length, 'no page listed twice');
  for (const e of data.events) {
    for (const prefix of Object.values(LANGS)) assert.ok(listed.has(`${SITE}${prefix}event/${e.id}/`), `${prefix}event/${e.id}/`);
  }
  // Every listed page exists and names itself as canonical: each one fetched and parsed as HTML
  // by the browser, as a crawler reads it, not drawn (a drawn page each was 17 s of CI's run).
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(`${server.url}robots.txt`);
  const served = await page.evaluate((urls) => Promise.all(urls.map(async (url) => {
    const res = await fetch(url);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    return [res.status, doc.querySelector('link[rel=canonical]')?.getAttribute('href')];
  })), locs.map((loc) => loc.replace(SITE, server.url)));
  locs.forEach((loc, i) => assert.deepEqual(served[i], [200, loc], loc));
  await page.context().close();
  // Each entry names its other language (hreflang alternates), as search engines ask.
  assert.equal((sitemap.match(/hreflang="ar"/g) || []).length, locs.length);
  assert.equal((sitemap.match(/hreflang="en"/g) || []).length, locs.length);
  const robots = readFileSync(resolve(DIST, 'robots.txt'), 'utf8');
  assert.match(robots, new RegExp(`^Sitemap: ${SITE}sitemap\\.xml$`, 'm'));
});

test('the app takes over a static page whole, without moving it, keeps its URL and fetches the data once', async () => {
  const e = data.events.find((x) => x.parties.length > 1);
  const cases = [
    [`en/event/${e.id}/`, { lang: 'en', event: e.id }, '.event-page h1', e.title.en],
    [`event/${e.id}/`, { event: e.id }, '.event-page h1', e.title.ar],
    [`en/country/${e.parties[0]}/`, { lang: 'en', country: e.parties[0] }, '.result-count', null],
    ['countries/', { view: 'countries' }, '.card-grid', null],
    ['en/', { lang: 'en' }, '.timeline', null],
    // Query-string links shared before static pages existed keep working, unchanged.
    [`?lang=en&event=${e.id}`, { lang: 'en', event: e.id }, '.event-page h1', e.title.en],
    [`en/countries/?type=accusation`, { lang: 'en', view: 'countries', type: 'accusation' }, '.card-grid', null],
  ];
  for (const width of [360, 1280]) {
    for (const [path, state, selector, text] of cases) {
      const page = await newPage(browser, { width, serviceWorkers: 'block' });
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((l) => { for (const s of l.getEntries()) if (!s.hadRecentInput) window.__cls += s.value; })
          .observe({ type: 'layout-shift', buffered: true });
        // What the app shows the moment the static page goes (it draws its parts in several
        // tasks out of sight): every part, in the same task, so the first paint is whole.
        // Parts the app draws in later tasks of their own (a grid's cards, an event's quotes)
        // are all there too: as many as the static page had.
        const parts = (root) => ({ quotes: root.querySelectorAll('.event-page .source').length, cards: root.querySelectorAll('.card-grid .card').length });
        const seen = new MutationObserver(() => {
          const app = document.getElementById('app');
          const shown = document.getElementById('static');
          if (shown) { window.__static = parts(shown); return; }
          if (!app) return;
          seen.disconnect();
          const n = (sel) => app.querySelectorAll(sel).length;
          // (A URL whose query names another view hides the static page before the first paint:
          // the app is drawn in sight from the start, and there is nothing to take over.)
          window.__takeover = { query: document.documentElement.hasAttribute('data-query'), hidden: app.hidden, header: n('.site-header'), search: n('#search'), filters: n('.filters-box'),
            body: n('main .event-page h1, main .result-count, main .card-grid'), marks: n('.timeline .marks > g'), rows: n('.event-list .event-row'),
            parts: parts(app), staticParts: window.__static };
        });
        seen.observe(document, { subtree: true, childList: true, attributes: true });
      });
      let fetched = 0;
      page.on('request', (r) => { if (new URL(r.url()).pathname === '/data/events.json') fetched += 1; });
      await page.goto(`${server.url}${path}`);
      await ready(page);
      await page.waitForSelector(selector);
      if (text) assert.ok((await page.textContent(selector)).includes(text), `${path}: ${selector}`);
      assert.deepEqual(await params(page), state, path);
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `/${path}`, 'the URL is the one opened');
      const t = await page.evaluate(() => window.__takeover);
      assert.ok(t && (t.query || (!t.hidden && t.header === 1 && t.search === 1 && t.filters === 1 && t.body >= 1)), `${path}: ${JSON.stringify(t)}`);
      if (selector === '.timeline') assert.ok(t.marks > 0 && t.rows > 0, `${path}: ${JSON.stringify(t)}`);
      if (!t.query) {
        assert.deepEqual(t.parts, t.staticParts, `${path}: the parts drawn later are in at the swap`);
        if (selector === '.card-grid') assert.ok(t.parts.cards > 1, `${path}: ${JSON.stringify(t)}`);
        if (selector === '.event-page h1') assert.ok(t.parts.quotes > 0, `${path}: ${JSON.stringify(t)}`);
      }
      await page.waitForTimeout(300);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls <= 0.01, `${path} at ${width}px: layout shift ${cls.toFixed(4)}`);
      assert.equal(fetched, 1, `${path}: events.json fetched ${fetched} times`);
      if (width === 1280) {
        // Two columns: the sidebar and the results side by side.
        const [side, main] = await page.$$eval('.layout > .sidebar, .layout > main', (e) => e.map((x) => x.getBoundingClientRect()));
        assert.ok(Math.abs(side.top - main.top) < 1 && (side.right <= main.left || main.right <= side.left), `${path}: layout`);
      }
      assert.deepEqual(page.problems, [], path);
      await page.context().close();
    }
  }
});

test('taking over draws the rows on screen where the reader is, and none it then drops', async () => {
  // The static page's list is where the app's will be: its geometry tells the app which rows to
  // draw before its own list can measure itself. On a phone the list begins below the fold.
  for (const [width, height, path, scroll] of [[360, 800, '', 0], [1280, 900, 'en/', 0], [1280, 900, '', 1500], [360, 800, 'en/', 2400]]) {
    const label = `${path || '/'} at ${width}px, scrolled ${scroll}px`;
    const page = await newPage(browser, { width, height, serviceWorkers: 'block' });
    await page.addInitScript(() => {
      window.__rows = { added: 0, removed: 0 };
      const rows = (n) => (n.nodeType !== 1 ? 0 : n.matches('li.event-row') ? 1 : n.querySelectorAll('li.event-row').length);
      new MutationObserver((records) => {
        for (const r of records) {
          if (!r.target.closest?.('#app')) continue;
          for (const n of r.addedNodes) window.__rows.added += rows(n);
          for (const n of r.removedNodes) window.__rows.removed += rows(n);
        }
      }).observe(document, { subtree: true, childList: true });
    });
    // The reader scrolls the static page before the app has come: the wasm waits until then.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('#static .event-list .event-row');
    if (scroll) await page.evaluate((y) => window.scrollTo(0, y), scroll);
    release();
    await ready(page);
    await page.waitForTimeout(500);
    const seen = await page.evaluate(() => {
      const ol = document.querySelector('.event-list ol');
      const rows = [...ol.querySelectorAll('.event-row')];
      const h = rows[0].getBoundingClientRect().height;
      const top = ol.getBoundingClientRect().top;
      const n = +rows[0].getAttribute('aria-setsize');
      const first = Math.max(0, Math.floor(-top / h));
      const last = Math.min(n, Math.ceil((innerHeight - top) / h));
      const drawn = new Set(rows.map((r) => +r.getAttribute('aria-posinset') - 1));
      const missing = [];
      for (let pos = first; pos < last; pos++) if (!drawn.has(pos)) missing.push(pos);
      return { scrollY, drawn: rows.length, onScreen: Math.max(0, last - first), missing, ...window.__rows };
    });
    assert.ok(Math.abs(seen.scrollY - scroll) < 1, `${label}: the reader's place is kept (${JSON.stringify(seen)})`);
    assert.deepEqual(seen.missing, [], `${label}: every row on screen is drawn (${JSON.stringify(seen)})`);
    assert.equal(seen.removed, 0, `${label}: rows drawn and dropped (${JSON.stringify(seen)})`);
    assert.ok(seen.drawn <= seen.onScreen + 8, `${label}: rows beyond the screen and its overscan (${JSON.stringify(seen)})`);
    assert.deepEqual(page.problems, [], label);
    await page.context().close();
  }
});

test("a reader scrolled down an event's or a country's static page stays there, focus too, when the app takes over", async () => {
  // The event page the app opens from a list starts at its top with focus on its title; drawn
  // behind its static twin it must not: the reader scrolled it (or the browser restored a place
  // on reload or Back) before the app came.
  const e = data.events.find((x) => x.parties.length > 1);
  for (const [width, height, path] of [[390, 844, `en/event/${e.id}/`], [390, 844, `event/${e.id}/`], [1280, 700, `en/event/${e.id}/`], [1280, 700, `country/${e.parties[0]}/`]]) {
    const label = `${path} at ${width}px`;
    const page = await newPage(browser, { width, height, serviceWorkers: 'block' });
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('#static');
    const y = await page.evaluate(() => {
      window.scrollTo(0, Math.min(600, document.scrollingElement.scrollHeight - innerHeight));
      return scrollY;
    });
    assert.ok(y > 100, `${label}: the page scrolls (${y})`);
    // What is at the top of the screen: the text of the element under a point just below it.
    const atTop = () => page.evaluate(() => document.elementFromPoint(innerWidth / 2, 40)?.closest('p, li, h1, h2, h3, dd, dt, blockquote, section')?.textContent.trim().slice(0, 80));
    const before = await atTop();
    release();
    await ready(page);
    await page.waitForTimeout(500);
    const after = await page.evaluate(() => ({ y: scrollY, focus: document.activeElement?.tagName }));
    assert.ok(Math.abs(after.y - y) < 1, `${label}: the reader's place is kept (${y} -> ${after.y})`);
    assert.equal(await atTop(), before, `${label}: the same text at the top of the screen`);
    assert.equal(after.focus, 'BODY', `${label}: focus stays where it was`);
    assert.deepEqual(page.problems, [], label);
    await page.context().close();
  }
});

test('a static page under JavaScript links like the app, and the back button returns to it', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const e = data.events[0];
  await page.goto(`${server.url}en/event/${e.id}/`);
  await ready(page);
  await page.click('.event-page a.back');
  await page.waitForFunction(() => !document.querySelector('.event-page'));
  await historyWritten(page);
  assert.equal(new URL(page.url()).pathname, '/en/');
  await page.goBack();
  await page.waitForSelector('.event-page h1');
  assert.ok((await page.textContent('.event-page h1')).includes(e.title.en));
  await page.context().close();
});

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned=4">',
  '</title><script>window.__pwned=5</script>',
  '\u202Eتقرير مقلوب\u202C <b>bold</b> &amp; &lt;',
];

test('at scale, without JavaScript, every event page is reached by links alone, and links go to their pages', async () => {
  // 300 events: the home page and each country page list the newest 40 of theirs, so the rest
  // are reached from event to event. Plain HTTP and the HTML's own hrefs: what a crawler follows.
  const own = mkdtempSync(join(tmpdir(), 'marsad-walk-'));
  cpSync(DIST, own, { recursive: true });
  rmSync(join(own, 'data'), { recursive: true });
  execFileSync(await tool('marsad-data'), ['synth', '300', join(own, 'data'), '--seed', '3']);
  execFileSync(await tool('marsad-dist'), ['site', own]);
  const doc = JSON.parse(readFileSync(join(own, 'data/events.json'), 'utf8'));
  const site = await serve({ root: own });
  try {
    const origin = new URL(site.url).origin;
    const reached = { ar: new Set(), en: new Set() };
    const seen = new Set();
    const queue = [site.url, `${site.url}en/`];
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      const html = await res.text();
      const body = html.slice(html.indexOf('<div id="static"'), html.indexOf('<div id="app"'));
      const path = new URL(url).pathname;
      const lang = path.startsWith('/en/') ? 'en' : 'ar';
      const hrefs = [...body.matchAll(/<a [^>]*?href="([^"]*)"[^>]*>/g)].map((m) => new URL(m[1].replaceAll('&amp;', '&'), url));
      const event = path.match(/\/event\/([^/]+)\/$/)?.[1];
      if (event) {
        reached[lang].add(event);
        // The name of the site goes home, in the page's language; each party goes to its page.
        const brand = body.match(/<a [^>]*href="([^"]*)"[^>]*class="brand-name"/) ?? body.match(/<a [^>]*class="brand-name"[^>]*href="([^"]*)"/);
        assert.equal(new URL(brand[1], url).pathname, lang === 'en' ? '/en/' : '/', `brand link on ${url}`);
        for (const code of doc.events.find((e) => e.id === event).parties) {
          assert.ok(hrefs.some((h) => h.pathname === `/${lang === 'en' ? 'en/' : ''}country/${code}/` && !h.search), `${url}: no link to ${code}'s page`);
        }
      }
      for (const u of hrefs) if (u.origin === origin && isStatic(u)) queue.push(u.href);
    }
    for (const lang of ['ar', 'en']) {
      const missing = doc.events.filter((e) => !reached[lang].has(e.id)).map((e) => e.id);
      assert.deepEqual(missing.slice(0, 5), [], `${lang}: ${missing.length} of ${doc.events.length} events are not reached without JS`);
    }
  } finally {
    await site.close();
    rmSync(own, { recursive: true, force: true });
  }
});

test('hostile records stay inert text in their static pages, head tags and sitemap', async () => {
  const own = mkdtempSync(join(tmpdir(), 'marsad-static-'));
  const doc = structuredClone(data);
  const base = doc.events[0];
  HOSTILE.forEach((h, i) => doc.events.push({
    ...structuredClone(base), id: `hostile-${i}`, related: [],
    title: { ar: `عنوان ${h}`, en: `Title ${h}` }, summary: { ar: `ملخص ${h}`, en: `Summary ${h}` },
  }));
  cpSync(DIST, own, { recursive: true });
  writeFileSync(join(own, 'data/events.json'), JSON.stringify(doc));
  execFileSync(await tool('marsad-dist'), ['site', own]);
  const site = await serve({ root: own });
  try {
    for (const js of [false, true]) {
      const page = await newPage(browser, { javaScriptEnabled: js, serviceWorkers: 'block' });
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      for (let i = 0; i < HOSTILE.length; i++) {
        for (const [lang, prefix] of Object.entries(LANGS)) {
          await page.goto(`${site.url}${prefix}event/hostile-${i}/`);
          if (js) await ready(page);
          const title = lang === 'ar' ? `عنوان ${HOSTILE[i]}` : `Title ${HOSTILE[i]}`;
          assert.equal((await page.textContent('h1')).trim(), title, `${prefix}hostile-${i}`);
          assert.ok((await page.title()).startsWith(title));
          assert.equal(await page.getAttribute('meta[property="og:title"]', 'content'), await page.title());
          assert.equal(await page.evaluate(() => window.__pwned), undefined);
          assert.equal(await page.$$eval('img:not(.flag img), svg[onload], [onerror], [onload]', (x) => x.length), 0);
          assert.equal(await page.$$eval('script:not([src])', (x) => x.length), 0);
        }
      }
      assert.deepEqual(dialogs, []);
      await page.context().close();
    }
    const map = readFileSync(join(own, 'sitemap.xml'), 'utf8');
    assert.ok(map.includes(`event/hostile-1/`) && !map.includes('<script>'));
  } finally {
    await site.close();
    rmSync(own, { recursive: true, force: true });
  }
});

test('an address the site lacks gets its 404 page: both languages, a search that opens the explorer, the main views', async () => {
  for (const [width, path] of [[390, 'en/event/no-such-event/'], [1280, 'country/ZZ/'], [1280, 'a/b/c/d.html']]) {
    const page = await newPage(browser, { width, height: 844 });
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res.status(), 404, path);
    // Styled (the stylesheet found from any depth) and whole on the screen's width.
    for (const [lang, title] of [['ar', 'الصفحة غير موجودة'], ['en', 'Page not found']]) {
      const h1 = page.locator(`section[lang=${lang}] h1`);
      assert.equal((await h1.textContent()).trim(), title);
      assert.ok(await h1.isVisible(), `${path}: the ${lang} title is shown`);
    }
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.not-found main')).maxInlineSize), '640px', path);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${path}: nothing wider than the screen`);
    // Every link is a page of the site.
    for (const href of await page.$$eval('.not-found a', (as) => as.map((a) => a.href))) {
      assert.equal((await page.request.get(href)).status(), 200, href);
    }
    // The one 404 is the address itself: its stylesheet and icon are found, the policy blocks nothing.
    assert.deepEqual(page.problems, ['console: Failed to load resource: the server responded with a status of 404 (Not Found)'], path);
    await page.context().close();
  }
  // The English search opens the English explorer with the words searched.
  const page = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.url}en/event/no-such-event/`);
  page.problems.length = 0; // the address's own 404
  await page.fill('#q-en', 'Xi');
  await page.click('section[lang=en] button[type=submit]');
  await page.waitForURL((u) => u.pathname.endsWith('/en/') && u.searchParams.get('q') === 'Xi');
  await ready(page);
  assert.equal(await page.inputValue('#search'), 'Xi');
  const n = +(await page.textContent('.result-count')).match(/\d+/)[0];
  assert.ok(n > 0 && n < data.events.length, `the search narrowed the events: ${n}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
