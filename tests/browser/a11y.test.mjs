// Accessibility: zero axe-core violations (WCAG 2.x A and AA) on every main view in both
// languages and both themes (the dark one by the rules that read colours, `axeOptions`), and a
// keyboard-only walk through filters, timeline, cards, event page and the embed dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, newPage, ready, serveDist, DIST, AXE, axeOptions, params, historyWritten } from './util.mjs';

const data = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
let browser, server;
before(async () => { browser = await launch(); server = await serveDist(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The app has drawn the view: the explorer's result count, or a widget's content (a plain or
 *  single-event widget has no count: waiting for one would wait out the timeout). */
const drawn = (page) => page.waitForFunction(() => !document.getElementById('static')
  && (document.querySelector('.result-count') || document.querySelector('.embed .content > *'))
  && !document.querySelector('.split-loading'), null, { timeout: 20000 });

const VIEWS = ['', 'view=countries', `event=${data.events.find((e) => e.related.length).id}`, 'pair=US-CN',
  'country=GB', 'embed=timeline&country=CN&filters=1', 'embed=country&country=RU', 'embed=event&event=' + data.events[0].id,
  'digits=arab&cal=islamic&country=CN', 'embed=timeline&type=pledge&plain=1', 'compare=GB,CN,US', 'compare=QA',
  'view=network', 'view=network&tone=conflictual', 'embed=network', 'embed=compare&compare=GB,CN', 'view=changes'];

/** Resolves once nothing in the document has changed for 100 ms (a grid still drawing a card a
 *  task is part of what axe should see), where a fixed 300 ms wait was 20 s of the file's time. */
const settled = (page) => page.evaluate(() => new Promise((done) => {
  let timer;
  const finish = () => { observer.disconnect(); done(); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, 100); });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  timer = setTimeout(finish, 100);
}));

for (const lang of ['ar', 'en']) {
  for (const theme of ['light', 'dark']) {
    test(`no axe violations on any view (${lang}, ${theme})`, async () => {
      const page = await newPage(browser, { bypassCSP: true, colorScheme: theme });
      const found = [];
      for (const v of VIEWS) {
        await page.goto(`${server.url}?lang=${lang}&${v}`);
        await drawn(page);
        await settled(page);
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((opts) => window.axe.run(document, opts), axeOptions(theme));
        for (const x of result.violations) {
          found.push(`${v || 'home'}: ${x.id} (${x.impact}) ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
      // The site's 404 page (both languages on one page, the theme as the reader's).
      if (lang === 'ar') {
        await page.goto(`${server.url}en/event/no-such-event/`);
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((opts) => window.axe.run(document, opts), axeOptions(theme));
        for (const x of result.violations) found.push(`404: ${x.id} (${x.impact}) ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      assert.deepEqual(found, []);
      await page.context().close();
    });
  }
}

// At a phone's width the comparison's tables and the network's pair table scroll in their box:
// each must be a named region a keyboard reaches (axe's scrollable-region-focusable).
test('no axe violations at a phone\'s width, where tables scroll in their box', async () => {
  const found = [];
  for (const lang of ['ar', 'en']) {
    const page = await newPage(browser, { bypassCSP: true, width: 390, height: 844 });
    for (const v of ['compare=GB,CN,US', 'view=network', 'embed=compare&compare=GB,CN,US', '']) {
      await page.goto(`${server.url}?lang=${lang}&${v}`);
      await drawn(page);
      await settled(page);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate((opts) => window.axe.run(document, opts), axeOptions('light'));
      for (const x of result.violations) {
        found.push(`${lang} ${v || 'home'}: ${x.id} (${x.impact}) ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      // The network's pair table scrolls here (else this test would test nothing); a comparison
      // of three states fits a phone, its last state's column in sight.
      const scrolls = await page.$$eval('.table-scroll', (t) => t.some((b) => b.scrollWidth > b.clientWidth));
      if (v === 'view=network') assert.ok(scrolls, `${lang} ${v}`);
      if (v === 'compare=GB,CN,US') assert.ok(!scrolls, `${lang} ${v}`);
    }
    await page.context().close();
  }
  assert.deepEqual(found, []);
});

for (const [lang, name, filters] of [['ar', 'انتقل إلى المحتوى الرئيسي', 'المرشحات'], ['en', 'Skip to main content', 'Filters']]) {
  test(`the first Tab shows a skip link past the header and the filters, which are a landmark with the search (${lang}, 390 and 1280 px)`, async () => {
    for (const width of [390, 1280]) {
      const page = await newPage(browser, { viewport: { width, height: 800 } });
      await page.goto(`${server.url}?lang=${lang}`);
      await ready(page);
      // A screen reader's list of landmarks has the filters once (folded on a phone, they are
      // not drawn), and the search box in a search.
      assert.equal(await page.getByRole('complementary', { name: filters, exact: true }).count(), width > 800 ? 1 : 0);
      assert.equal(await page.getByRole('search').locator('#search').count(), 1);
      await page.keyboard.press('Tab');
      const link = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { text: el.textContent, inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth && r.width > 0 };
      });
      assert.deepEqual(link, { text: name, inView: true }, `${width} px`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      assert.equal(new URL(page.url()).hash, '', 'the address keeps no fragment');
      // The next Tab is in the page's body, on screen: not in the filters (390 px puts them first).
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { inMain: !!el.closest('#main'), inView: r.bottom > 0 && r.top < innerHeight };
      });
      assert.deepEqual(next, { inMain: true, inView: true }, `${width} px`);
      await page.context().close();
    }
  });
}

// A screen reader's first heading names the page, as its title does, and follows the app's
// own navigation (the event page's is its title; a search's, the words searched for).
test('every view has one h1, which names what the page shows', async () => {
  const page = await newPage(browser);
  const seen = [];
  for (const [lang, rest, want] of [
    ['en', '', 'Explorer of international cyber-diplomacy events'],
    ['ar', '', 'مستكشف أحداث الدبلوماسية السيبرانية الدولية'],
    ['en', 'country=CN', 'China'],
    ['ar', 'pair=US-CN', 'الولايات المتحدة ⇄ الصين'],
    ['en', 'view=countries', 'Country cards'],
    ['ar', 'view=network', 'شبكة العلاقات'],
    ['en', 'compare=GB,CN', 'Comparison: United Kingdom, China'],
    ['en', 'q=cyber', '«cyber»'],
    ['en', 'view=changes', "What's new"],
  ]) {
    await page.goto(`${server.url}?lang=${lang}&${rest}`);
    await ready(page);
    await page.waitForFunction((t) => [...document.querySelectorAll('h1')].some((h) => h.textContent === t), want, { timeout: 10000 })
      .catch(() => {});
    seen.push([lang, rest, await page.$$eval("h1", (hs) => hs.map((h) => h.textContent))]);
  }
  // Through the app: an event opened from the list, then back.
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  await page.locator('.event-list a').first().click();
  await page.waitForSelector('#event-title');
  const title = await page.$eval('#event-title', (h) => h.textContent);
  assert.deepEqual(await page.$$eval('h1', (hs) => hs.map((h) => h.textContent)), [title]);
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#event-title'));
  assert.deepEqual(await page.$$eval('h1', (hs) => hs.map((h) => h.textContent)), ['Explorer of international cyber-diplomacy events']);
  await page.context().close();
  for (const [lang, rest, h1s] of seen) {
    assert.equal(h1s.length, 1, `${lang} ${rest}: ${JSON.stringify(h1s)}`);
  }
  assert.deepEqual(seen.map((s) => s[2][0]), [
    'Explorer of international cyber-diplomacy events', 'مستكشف أحداث الدبلوماسية السيبرانية الدولية', 'China',
    'الولايات المتحدة ⇄ الصين', 'Country cards', 'شبكة العلاقات', 'Comparison: United Kingdom, China', '«cyber»', "What's new",
  ]);
});

test('keyboard only: filters, timeline, cards, event page and the embed dialog', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '';
    return { tag: el.tagName, id: el.id, text: label.trim().slice(0, 60), cls: el.className?.baseVal ?? el.className };
  });
  const tabUntil = async (pred, max = 200) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      if (pred(f)) return f;
    }
    throw new Error(`focus never reached the target; last: ${JSON.stringify(await focused())}`);
  };
  // Search box, then a country checkbox toggled with Space.
  await tabUntil((f) => f.id === 'search');
  await page.keyboard.type('Xi');
  await page.waitForFunction(() => marsadState().q === 'Xi');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await tabUntil((f) => f.tag === 'INPUT' && f.text.startsWith('Russia'));
  await page.keyboard.press('Space');
  await page.waitForFunction(() => marsadState().country === 'RU');
  // Focus stays on the checkbox after the re-render.
  assert.ok((await focused()).text.startsWith('Russia'));
  // Timeline: zoom with the keyboard, then open an event with Enter.
  await tabUntil((f) => (f.cls || '').includes('timeline-canvas'));
  await page.keyboard.press('+');
  await tabUntil((f) => (f.cls || '').includes('event-mark'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-page');
  // Event page: related link by keyboard, then back link.
  await tabUntil((f) => f.tag === 'A' && f.text === 'Back to events');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-list');
  // Country cards through the nav link.
  await page.focus('.main-nav a:nth-child(2)');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.country-card');
  await tabUntil((f) => f.tag === 'A' && /⇄/.test(f.text));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.pair-view');
  // The embed dialog opens, traps focus, and closes with Escape back to its button.
  await page.focus('button[aria-haspopup="dialog"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  // Its body comes from a module of its own: once drawn, its first choice has the focus.
  await page.waitForFunction(() => document.activeElement?.id === 'embed-widget');
  assert.equal((await focused()).tag, 'SELECT');
  // Close is one Shift+Tab away, before the live preview's tab stops (it was after 41–49 of them).
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focused()).text, 'Close');
  await page.keyboard.press('Tab');
  // The two copy buttons are two names, each with its visible "Copy".
  for (const name of ['Copy With the loader (sizes itself)', 'Copy Plain iframe (fixed height)']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  await page.keyboard.press('Escape');
  assert.equal(await page.$('dialog[open]'), null);
  assert.equal((await focused()).text, 'Embed');
  // Opened again (its body already drawn), the first choice has the focus again, not Close.
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  await page.waitForFunction(() => document.activeElement?.id === 'embed-widget');
  await page.keyboard.press('Escape');
  await page.context().close();
});

test('targets are at least 24 px and focus is visible', async () => {
  // The network's circles and lines are exempt (WCAG 2.5.8 "equivalent"): the table of pairs and
  // the list of states on the same page open the same views with full-size targets.
  for (const [lang, view] of [['ar', ''], ['en', ''], ['ar', 'view=network'], ['en', 'compare=GB,CN,US']]) {
    const page = await newPage(browser);
    await page.goto(`${server.url}?lang=${lang}&${view}`);
    await ready(page);
    if (view) await page.$$eval('details.net-states', (d) => d.forEach((x) => { x.open = true; }));
    const small = await page.$$eval('button, a, input, select, summary, [tabindex="0"]', (els) => els
      .filter((e) => !e.closest('.network-svg'))
      .filter((e) => e.offsetParent !== null || e.closest('svg'))
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      // (Sub-pixel positions make a 24 px circle 23.9999 px wide: that is 24 px.)
      .filter(({ e, r }) => r.width > 0 && (r.height < 23.99 || r.width < 23.99)
        // Inline links inside running text are exempt (WCAG 2.5.8 inline exception).
        && !(e.tagName === 'A' && e.closest('p, li, dd')))
      .map(({ e, r }) => `${e.tagName}.${e.className?.baseVal ?? e.className} ${Math.round(r.width)}x${Math.round(r.height)}`));
    assert.deepEqual(small, []);
    await page.focus('#search');
    const outline = await page.$eval('#search', (e) => getComputedStyle(e).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.context().close();
  }
});

test('where focus goes when what had it goes: "Clear all filters", a group zoomed in, the display options closed', async () => {
  const page = await newPage(browser, { width: 1280 });
  await page.goto(`${server.url}?lang=en&country=CN&type=dialogue`);
  await drawn(page);
  const focus = () => page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName, cls: el?.getAttribute('class'), visible: !!el?.checkVisibility?.() };
  });
  // "Clear all filters" in the chips row: the row goes; focus goes to the count of what shows.
  await page.focus('.active-filters button:has-text("Clear all filters")');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('.active-filters'));
  await page.waitForFunction(() => document.activeElement?.matches('.content .result-count'));
  assert.equal((await focus()).visible, true);
  // Enter on a group zooms in: its mark splits, focus stays in the drawing (on the mark of its
  // first event, or the drawing itself), never on the page's body.
  await page.focus('.timeline .group');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.closest('.timeline-canvas') && document.activeElement.checkVisibility());
  // The display options close on Escape (focus back on their button), on a press outside, and
  // when focus leaves them.
  const open = () => page.$eval('.reading-menu', (d) => d.open);
  await page.click('.reading-menu summary');
  assert.equal(await open(), true);
  await page.focus('#reading-cal');
  await page.keyboard.press('Escape');
  assert.equal(await open(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.matches('.reading-menu summary')), true);
  await page.click('.reading-menu summary');
  await page.mouse.click(640, 600);
  assert.equal(await open(), false, 'a press outside closes them');
  await page.click('.reading-menu summary');
  await page.focus('#reading-cal');
  await page.keyboard.press('Tab');
  assert.equal(await open(), false, 'focus leaving closes them');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
  test(`every mark's card is whole on screen when the mark has focus (${lang}, ${width} px)`, async () => {
    const page = await newPage(browser, { width, height: 900 });
    await page.goto(`${server.url}?lang=${lang}`);
    await drawn(page);
    const marks = await page.$$eval('.timeline .marks [data-mark]', (ms) => ms.map((m) => m.dataset.mark));
    assert.ok(marks.length > 10, `${marks.length} marks`);
    const cut = [];
    for (const key of marks) {
      await page.focus(`.timeline .marks [data-mark="${key}"]`);
      await page.waitForSelector('.peek');
      // Whole: each corner of the card (inside its rounding) is the card's, not what is beside or
      // under it.
      const whole = await page.$eval('.peek', (p) => {
        // The page scrolls to the card (not the card's scrollIntoView: that would scroll the
        // drawing's clipping box too, and hide the very cut looked for).
        let r = p.getBoundingClientRect();
        if (r.bottom > innerHeight) window.scrollBy(0, r.bottom - innerHeight + 4);
        if (r.top < 0) window.scrollBy(0, r.top - 4);
        r = p.getBoundingClientRect();
        const d = parseFloat(getComputedStyle(p).borderTopLeftRadius) + 2; // inside the rounded corners
        return [[r.left + d, r.top + d], [r.right - d, r.top + d], [r.left + d, r.bottom - d], [r.right - d, r.bottom - d]]
          .every(([x, y]) => p.contains(document.elementFromPoint(x, y)));
      });
      if (!whole) cut.push(key);
    }
    assert.deepEqual(cut, [], `cards cut for marks ${cut.join(', ')} of ${marks.length}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('every tab stop from the top of the page to the list has a name, in both languages and on a phone', async () => {
  for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
    const page = await newPage(browser, { width });
    await page.goto(`${server.url}?lang=${lang}`);
    await ready(page);
    const unnamed = [];
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
          || (el.labels && el.labels.length) || (/^(A|BUTTON|SUMMARY)$/.test(el.tagName) && el.textContent.trim());
        return { named: !!named, row: !!el.closest('.event-list .event-row'), what: el.outerHTML.slice(0, 120) };
      });
      if (!f.named) unnamed.push(f.what);
      reached = f.row;
    }
    assert.ok(reached, `${lang}: Tab reaches the list`);
    assert.deepEqual(unnamed, [], `${lang} at ${width} px: tab stops without a name`);
    await page.context().close();
  }
});

test('the comparison by keyboard: each step leaves focus on screen, on what comes next', async () => {
  for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
    const page = await newPage(browser, { width, height: 844 });
    await page.goto(`${server.url}?lang=${lang}&view=countries`);
    await ready(page);
    const focus = () => page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { id: el.id, tag: el.tagName, text: el.textContent.trim().slice(0, 40), shown: r.bottom > 0 && r.top < innerHeight };
    });
    // A card's "Add to comparison", pressed from the keyboard, three cards down.
    const add = page.locator('.country-card .compare-action button, .country-card button:not([aria-label])').filter({ hasText: lang === 'en' ? 'Add to comparison' : 'أضف إلى المقارنة' }).nth(2);
    await add.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => marsadState().compare?.split(',').length === 1);
    await page.waitForFunction(() => document.activeElement?.id === 'compare-tray-add');
    assert.ok((await focus()).shown, `${lang}: the tray's choice of the next state is on screen`);
    // Arrow keys browse the choices; they add nothing.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await historyWritten(page);
    assert.equal((await params(page)).compare.split(',').length, 1, `${lang}: browsing added nothing`);
    // "Add" adds the one chosen and opens the comparison, its heading focused.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => marsadState().compare?.split(',').length === 2);
    await page.waitForFunction(() => document.activeElement?.id === 'view-heading' && document.activeElement.closest('.compare'));
    assert.ok((await focus()).shown, `${lang}: the comparison's heading is on screen`);
    // Removing a state, then ending the comparison: focus stays somewhere, on screen.
    await page.locator('.compare-state button').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => marsadState().compare?.split(',').length === 1);
    await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
    assert.ok((await focus()).shown, `${lang}: after a removal`);
    const end = page.locator('.compare-tray button, .compare button').filter({ hasText: lang === 'en' ? 'End the comparison' : 'إنهاء المقارنة' }).first();
    await end.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !marsadState().compare);
    await page.waitForFunction(() => document.activeElement?.classList.contains('result-count'));
    assert.ok((await focus()).shown, `${lang}: after the end, the count`);
    assert.deepEqual(page.problems, [], lang);
    await page.context().close();
  }
});

test('"Clear all filters" in the panel keeps the focus of the reader who pressed it', async () => {
  for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
    const page = await newPage(browser, { width, height: 844 });
    await page.goto(`${server.url}?lang=${lang}&pair=US-CN&from=2015`);
    await ready(page);
    if (width < 700) await page.click('.filters-box summary');
    const clear = page.locator('.filters .button').filter({ hasText: lang === 'en' ? 'Clear all filters' : 'مسح كل المرشحات' }).first();
    await clear.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !marsadState().pair && !marsadState().from);
    await historyWritten(page);
    const f = await page.evaluate(() => ({ tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(), unavailable: document.activeElement.getAttribute('aria-disabled') }));
    assert.equal(f.tag, 'BUTTON', lang);
    assert.equal(f.unavailable, 'true', `${lang}: said to be unavailable now`);
    // Pressed again, it does nothing.
    const entries = await page.evaluate(() => history.length);
    await page.keyboard.press('Enter');
    await historyWritten(page);
    assert.equal(await page.evaluate(() => history.length), entries);
    await page.context().close();
  }
});

test("a chip's × keeps focus on the chips, and the last one's on the count", async () => {
  for (const [lang, width] of [['en', 1280], ['ar', 390]]) {
    const page = await newPage(browser, { width, height: 844 });
    await page.goto(`${server.url}?lang=${lang}&type=dialogue&from=2015`);
    await ready(page);
    await page.locator('.active-filters .chip .remove').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.active-filters .chip').length === 1);
    await page.waitForFunction(() => document.activeElement?.matches('.active-filters .remove'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('.active-filters .chip'));
    await page.waitForFunction(() => document.activeElement?.classList.contains('result-count'));
    assert.deepEqual(page.problems, [], lang);
    await page.context().close();
  }
});
