// A living dataset (#19), as readers and re-users meet it: a new release with one new, one
// corrected and one withdrawn event, published on a built site (`marsad-dist site
// --keep-releases`). "What's new" lists each change with a working link; the corrected event
// shows its note; the withdrawn event's old address says why; "Cite this" is visible, copies and
// downloads, and names the release file, which is served byte for byte; the feeds are announced
// and served; the correction link appears only when site.json names a target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, newPage, ready, tool, DIST, ROOT, AXE, axeOptions } from './util.mjs';
import { serve } from './serve.mjs';

const shipped = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
const VERSION = '2099-01-02.1';
// The archived releases, newest first (sorted as text: right while no day has ten releases).
const SHIPPED_RELEASES = readdirSync(resolve(ROOT, 'public/data/releases')).sort().reverse();
const DAY = VERSION.slice(0, 10);
const ADDED = 'release-test-new-event';
const [CORRECTED, GONE] = [shipped.events[1].id, shipped.events[2].id];
const NOTE = { ar: 'صُحّح الملخص بعد مراجعة المصدر', en: 'The summary was corrected against the source' };
const REASON = { ar: 'الحدث مكرر لحدث آخر', en: 'A duplicate of another event' };

/** The next release of the shipped data: one event added, one corrected, one withdrawn. */
function nextRelease() {
  const doc = structuredClone(shipped);
  doc.dataset_version = VERSION;
  const gone = doc.events.splice(2, 1)[0];
  doc.events.forEach((e) => { e.related = e.related.filter((r) => r !== GONE); });
  const fixed = doc.events.find((e) => e.id === CORRECTED);
  fixed.summary = { ar: `${fixed.summary.ar} (مصحّح)`, en: `${fixed.summary.en} (corrected)` };
  Object.assign(fixed, { updated: DAY, update_note: NOTE });
  doc.events.push({ ...structuredClone(doc.events[0]), id: ADDED, related: [], first_published: DAY, updated: DAY,
    title: { ar: 'حدث جديد في هذا الإصدار', en: 'An event new in this release' } });
  doc.withdrawn = [{ id: GONE, title: gone.title, date: DAY, reason: REASON }];
  return doc;
}

let browser, server, dir, bare;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'marsad-living-'));
  cpSync(DIST, dir, { recursive: true });
  writeFileSync(join(dir, 'data/events.json'), JSON.stringify(nextRelease(), null, 2));
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ corrections: 'mailto:corrections@example.org' }));
  execFileSync(await tool('marsad-dist'), ['site', dir, '--keep-releases']);
  server = await serve({ root: dir });
  bare = await serve({ root: DIST });
});
after(async () => {
  await server?.close(); await bare?.close(); await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const STRINGS = {
  ar: { articles: 'مقالات صُحّح سجلّها بين المصادر', what: 'ما تغيّر', dated: 'كيفية تأريخه', added: 'أحداث جديدة', changed: 'أحداث صُحّحت', withdrawn: 'أحداث سُحبت', gone: 'سُحب هذا الحدث من البيانات',
    file: 'نزّل ملف هذا الإصدار \\(JSON\\)', corrected: 'صُحّح في', cite: 'استشهد بهذه الصفحة', copy: 'انسخ المرجع', copied: 'تم النسخ', report: 'أبلغ عن خطأ' },
  en: { articles: 'Source articles whose record was corrected', what: 'What changed', dated: 'How it was dated', added: 'New events', changed: 'Corrected events', withdrawn: 'Withdrawn events', gone: 'This event was withdrawn',
    file: "Download this release's file \\(JSON\\)", corrected: 'Corrected', cite: 'Cite this', copy: 'Copy the citation', copied: 'Copied', report: 'Report an error' },
};

/** Whether `selector`'s box is on screen and inside the page's width (not cut off, not overflowing),
 *  once it is there ("Cite this"'s body comes with its module, `split.rs`). */
const onScreen = async (page, selector) => (await page.waitForSelector(selector)) && page.$eval(selector, (el) => {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth && el.scrollWidth <= el.clientWidth + 1
    && document.documentElement.scrollWidth <= innerWidth;
});

for (const lang of ['ar', 'en']) {
  const s = STRINGS[lang];
  const prefix = lang === 'en' ? 'en/' : '';

  test(`"What's new" lists the release's new, corrected and withdrawn events, each link working (${lang})`, async () => {
    const page = await newPage(browser, { serviceWorkers: 'block', width: 390, height: 844 });
    await page.goto(`${server.url}${prefix}changes/`);
    await ready(page);
    const release = page.locator('article.release').first();
    assert.match(await release.locator('h3').innerText(), new RegExp(VERSION.replaceAll('.', '\\.')));
    const text = await release.innerText();
    for (const h of [s.added, s.changed, s.withdrawn]) assert.ok(text.includes(`${h}: 1`), `${h} in ${text}`);
    const names = shipped.events.map((e) => e.title[lang]);
    assert.ok(text.includes(names[1]) && text.includes(names[2]), 'the corrected and the withdrawn titles');
    assert.ok(text.includes(NOTE[lang]) && text.includes(REASON[lang]));
    // Every release, newest first (this one, then the shipped ones), each with its file.
    const versions = await page.$$eval('article.release h3 bdi', (b) => b.map((x) => x.textContent));
    assert.deepEqual(versions, [VERSION, ...SHIPPED_RELEASES]);
    // The shipped release that gave the articles' dating notes their Arabic names each article
    // and what changed in its record (no event changed in it).
    const notes = await page.locator('article.release', { has: page.locator('h3 bdi', { hasText: /^2026-12-07\.1$/ }) }).innerText();
    assert.ok(notes.includes(`${s.articles}: ${shipped.articles.length}`), notes);
    for (const a of shipped.articles) assert.ok(notes.includes(`${a.title[lang]} (`), `${a.id} in ${notes}`);
    assert.ok(notes.includes(`(${s.what}: ${s.dated})`), notes);
    const files = await page.$$eval('article.release a[download]', (a) => a.map((x) => x.href));
    for (const f of files) assert.equal((await fetch(f)).status, 200, f);
    // Each file's link is a name of its own (its release's), with the words it shows.
    for (const v of versions) {
      const link = page.getByRole('link', { name: new RegExp(`^${s.file}.*${v.replaceAll('.', '\\.')}`) });
      assert.equal(await link.count(), 1, v);
    }
    // The corrected event's link opens its page, with the note visible.
    await release.getByRole('link', { name: names[1] }).click();
    await page.waitForSelector('.update-note');
    assert.ok(await onScreen(page, '.update-note'));
    assert.ok((await page.innerText('.update-note')).includes(NOTE[lang]));
    assert.ok((await page.innerText('.update-note')).startsWith(s.corrected));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`a withdrawn event's old address says when and why, in the app and without JavaScript (${lang})`, async () => {
    for (const js of [true, false]) {
      const page = await newPage(browser, { serviceWorkers: 'block', javaScriptEnabled: js });
      const res = await page.goto(`${server.url}${prefix}event/${GONE}/`);
      assert.equal(res.status(), 200);
      if (js) await ready(page);
      const heading = await page.innerText('h1#event-title');
      assert.ok(heading.startsWith(s.gone), heading);
      const facts = await page.innerText('.event-page.withdrawn .facts');
      assert.ok(facts.includes(REASON[lang]) && facts.includes(shipped.events[2].title[lang]), facts);
      assert.ok(await page.title().then((t) => t.includes(shipped.events[2].title[lang])));
      await page.context().close();
    }
  });

  test(`"Cite this" is visible, copies, downloads and names the exact release file (${lang})`, async () => {
    const page = await newPage(browser, { serviceWorkers: 'block', width: 390, height: 844,
      permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${server.url}${prefix}event/${ADDED}/`);
    await ready(page);
    await page.getByText(s.cite, { exact: true }).click();
    assert.ok(await onScreen(page, '.cite-text'), 'the citation is on screen and wraps inside it');
    const words = await page.innerText('.cite-text');
    const release = `${server.url}data/releases/${VERSION}/events.json`;
    assert.ok(words.includes(lang === 'ar' ? 'حدث جديد في هذا الإصدار' : 'An event new in this release'), words);
    assert.ok(words.includes(VERSION) && words.includes(release), words);
    assert.ok(words.includes(`${server.url}${prefix}event/${ADDED}/`), words);
    await page.selectOption('#cite-format', 'bibtex');
    const bib = await page.innerText('.cite-text');
    assert.ok(bib.startsWith('@misc{') && bib.includes(`version = {${VERSION}}`), bib);
    await page.getByRole('button', { name: s.copy }).click();
    await page.getByRole('button', { name: s.copied }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), bib);
    await page.selectOption('#cite-format', 'ris');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cite-actions button').nth(1).click()]);
    assert.equal(download.suggestedFilename(), `marsad-event-${ADDED}.ris`);
    const ris = readFileSync(await download.path(), 'utf8');
    assert.ok(ris.startsWith('TY  - DATA') && ris.includes(`ET  - ${VERSION}`), ris);
    // The release file the citation names is this release, byte for byte.
    const href = await page.getAttribute('.cite-release', 'href');
    assert.equal(href, release);
    assert.equal(await (await fetch(href)).text(), readFileSync(join(dir, `data/releases/${VERSION}/events.json`), 'utf8'));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`a country page is citable, and announces its feed and the site's, which are served (${lang})`, async () => {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(`${server.url}${prefix}country/CN/`);
    await ready(page);
    const feeds = await page.$$eval('link[rel=alternate][type="application/atom+xml"]', (l) => l.map((x) => x.href));
    assert.ok(feeds.some((f) => f.endsWith(`feeds/CN.${lang}.xml`)) && feeds.some((f) => f.endsWith(`feed.${lang}.xml`)), feeds);
    for (const f of feeds) {
      const res = await fetch(f);
      assert.equal(res.status, 200, f);
      assert.match(await res.text(), /^<\?xml[^>]*>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    }
    // The static page carries the citation, so it reads without the app.
    const html = await (await fetch(`${server.url}${prefix}country/CN/`)).text();
    assert.match(html, /<details class="cite">[\s\S]*class="cite-text/);
    // The app draws it when "Cite this" opens, from the keyboard too.
    await page.focus('details.cite > summary');
    await page.keyboard.press('Enter');
    assert.ok(await onScreen(page, '.cite-text'), 'the citation is on screen once opened by a key');
    const words = await page.innerText('.cite-text');
    assert.ok(words.includes(`${server.url}${prefix}country/CN/`) && words.includes(VERSION), words);
    await page.context().close();
  });

  test(`"Report a correction" only where site.json names a target (${lang})`, async () => {
    for (const [srv, want] of [[server, true], [bare, false]]) {
      const page = await newPage(browser, { serviceWorkers: 'block' });
      const id = srv === server ? CORRECTED : shipped.events[1].id;
      await page.goto(`${srv.url}${prefix}event/${id}/`);
      await ready(page);
      const link = page.locator('.report-correction a');
      assert.equal(await link.count(), want ? 1 : 0);
      if (want) {
        assert.ok((await link.innerText()).startsWith(s.report));
        const href = await link.getAttribute('href');
        assert.ok(href.startsWith('mailto:corrections@example.org?subject=') && href.includes(encodeURIComponent(id).replaceAll('-', '%2D')), href);
      }
      await page.context().close();
    }
  });
}

test('the new views have no axe violations and full-size targets, in both languages and themes', async () => {
  const found = [];
  for (const lang of ['ar', 'en']) {
    for (const theme of ['light', 'dark']) {
      const page = await newPage(browser, { bypassCSP: true, colorScheme: theme, serviceWorkers: 'block', width: 390 });
      const prefix = lang === 'en' ? 'en/' : '';
      for (const path of ['changes/', `event/${CORRECTED}/`, `event/${GONE}/`, 'country/CN/']) {
        await page.goto(`${server.url}${prefix}${path}`);
        await ready(page);
        // "Cite this" open, in a machine format: everything it has is checked.
        if (await page.$('details.cite')) {
          await page.click('details.cite > summary');
          await page.selectOption('#cite-format', 'csl-json');
        }
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((opts) => window.axe.run(document, opts), axeOptions(theme));
        for (const x of result.violations) found.push(`${lang} ${theme} ${path}: ${x.id} ${x.nodes[0].target.join(' ')}`);
        const small = await page.$$eval('.changes a, .cite button, .cite select, .cite summary, .report-correction a',
          (els) => els.filter((e) => e.offsetParent !== null).map((e) => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ e, r }) => (r.height < 23.99 || r.width < 23.99) && !(e.tagName === 'A' && e.closest('p, li, dd')))
            .map(({ e, r }) => `${e.tagName}.${e.className} ${Math.round(r.width)}x${Math.round(r.height)}`));
        for (const x of small) found.push(`${lang} ${path}: small target ${x}`);
      }
      await page.context().close();
    }
  }
  assert.deepEqual(found, []);
});
