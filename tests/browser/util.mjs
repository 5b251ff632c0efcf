// Shared helpers for the browser tests: Debian's Chromium through playwright-core, the static
// server on loopback, and console-error capture.
import { chromium } from 'playwright-core';
import { appendFileSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile, execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { createRequire } from 'node:module';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = resolve(ROOT, 'dist');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--lang=en-US',
];

/**
 * The browsers (Debian's, one version): `test`, Chromium's headless shell, runs the browser
 * tests: the same Blink and V8 without the full browser's headless mode around them (the suite
 * took 529 s on it against 643–770 s on the full browser, every test passing on both, 2026-12-08).
 * `full`, the browser readers run, takes the benchmark's measurements and the screenshots.
 */
export const BROWSERS = { test: '/usr/bin/chromium-headless-shell', full: '/usr/bin/chromium' };

export async function launch(which = 'test') {
  return chromium.launch({ executablePath: BROWSERS[which], args: CHROMIUM_ARGS, headless: true });
}

/** axe-core, injected into a page with `page.addScriptTag({ path: AXE })`. */
export const AXE = resolve(ROOT, 'tests/browser/node_modules/axe-core/axe.min.js');

/**
 * The options of an axe run in `theme`: in the light theme every WCAG 2.x A and AA rule, and one
 * experimental in axe, so off by default (an accessible name must contain the visible text). The
 * dark theme is the same document under other colours (CSS only: the app never reads the colour
 * scheme), so it is checked by the rules that read colours; the rest would repeat the light
 * run's findings, and cost 40 % of its time.
 */
export const axeOptions = (theme) => (theme === 'dark'
  ? { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] } }
  : {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    rules: { 'label-content-name-mismatch': { enabled: true } },
  });

/** Serves dist/ (or `root`) on a free loopback port. */
export function serveDist(opts = {}) {
  return serve({ root: DIST, ...opts });
}

/** A new page that records console errors, page errors and failed requests in `page.problems`. */
export async function newPage(browser, { width = 1280, height = 900, ...ctxOpts } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, ...ctxOpts });
  // The view state as the app reads it: a static page's path (`page::from_path`) with the query
  // string on top. Tests call `marsadState()` in the page.
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const meta = document.querySelector('meta[name=marsad-root]');
      window.__marsadRoot = new URL(meta ? meta.content : './', location.href).pathname;
    });
    window.marsadState = () => {
      const root = window.__marsadRoot ?? '/';
      const rel = location.pathname.startsWith(root) ? location.pathname.slice(root.length).replace(/index\.html$/, '') : '';
      let parts = rel.split('/').filter(Boolean);
      const out = {};
      if (parts[0] === 'en') { out.lang = 'en'; parts = parts.slice(1); }
      if (parts[0] === 'event') out.event = parts[1];
      else if (parts[0] === 'country') out.country = parts[1];
      else if (parts[0] === 'countries') out.view = 'countries';
      else if (parts[0] === 'network') out.view = 'network';
      else if (parts[0] === 'changes') out.view = 'changes';
      for (const [k, v] of new URLSearchParams(location.search)) out[k] = v;
      return out;
    };
  });
  const page = await context.newPage();
  // At the top of the page the app writes a history entry after the frame that draws the change
  // (`ui::url::write`): back and forward wait for the entries of what is drawn, as a reader's
  // next key press would.
  for (const m of ['goBack', 'goForward']) {
    const go = page[m].bind(page);
    page[m] = async (...a) => { await historyWritten(page); return go(...a); };
  }
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  return page;
}

/** A new page on `server` at `?query`, rendered. */
export async function openAt(browser, server, query = '', opts = {}) {
  const page = await newPage(browser, opts);
  await page.goto(`${server.url}${query ? `?${query}` : ''}`);
  await ready(page);
  return page;
}

/** The page's view state as URL parameters (a static page's path counts as its parameters). */
export const params = async (page) => { await historyWritten(page); return page.evaluate(() => window.marsadState()); };

/** Resolves once the history entries of what the page has drawn are written: the app writes them
 * in a task queued from the next animation frame's callbacks, which run before this one's. */
export const historyWritten = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

/** Waits until the app has rendered (its result count is present, a static page's content, if
 *  the page had one, has given way to it, and a view in a module of its own is not still
 *  "Loading…": it is drawn, or says it could not be). */
export async function ready(page) {
  await page.waitForFunction(() => !document.getElementById('static') && document.querySelector('.result-count')
    && !document.querySelector('.split-loading'), null, { timeout: 20000 });
}

/**
 * How many events the list holds. The list is virtualised (only rows near the viewport exist),
 * so this reads the total every row carries in `aria-setsize`; 0 when the list is empty.
 */
export async function listed(page) {
  return page.evaluate(() => +(document.querySelector('.event-list .event-row')?.getAttribute('aria-setsize') ?? 0));
}

/** Waits until the list holds exactly `n` events (or fewer than `n` with `{ below: true }`). */
export async function waitListed(page, n, { below = false } = {}) {
  await page.waitForFunction(({ n, below }) => {
    const count = +(document.querySelector('.event-list .event-row')?.getAttribute('aria-setsize') ?? 0);
    return below ? count < n : count === n;
  }, { n, below });
}

const tools = new Map();
/**
 * Builds one of the crate's native tools (`marsad-dist`, `marsad-data`) once per test process
 * and resolves to its path, so a browser test never runs a stale or missing binary.
 */
export function tool(name) {
  if (!tools.has(name)) {
    tools.set(name, new Promise((ok, fail) => {
      // marsad-dist draws static pages only when built with `ssr` (as the build's hook is).
      const features = name === 'marsad-dist' ? ['--no-default-features', '--features', 'ssr'] : [];
      execFile('cargo', ['build', '--quiet', ...features, '--bin', name], { cwd: ROOT }, (err, _out, stderr) => {
        if (err) fail(new Error(`cargo build --bin ${name}: ${stderr || err.message}`));
        else ok(resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target', 'debug', name));
      });
    }));
  }
  return tools.get(name);
}

/**
 * Publishes a new build of the site in `dir` over the old one, as a deploy would (its icon
 * changed; `marsad-dist site dir ...args`): resolves to the new service worker's version.
 */
export async function publishNewBuild(dir, ...args) {
  appendFileSync(join(dir, 'icon.svg'), '\n<!-- v2 -->\n');
  execFileSync(await tool('marsad-dist'), ['site', dir, ...args]);
  return readFileSync(join(dir, 'sw.js'), 'utf8').match(/VERSION\s*=\s*["']([0-9a-f]+)["']/)[1];
}

/**
 * A dataset at the scale of real public data (EuRepoC: 2,333 incidents, 153 states), built from
 * the shipped one: `states` countries (two-letter codes, names "دولة n" / "State n"), `events`
 * events with 2–4 parties each, deterministic. `extra` events are appended as they are.
 * With `real`, the states are real ones (ISO codes with their Arabic and English names from
 * i18n-iso-countries, as a new user converting a public dataset would have them), and each event
 * has a tone and, one time in two, an initiator.
 */
export function manyStates(shipped, { states = 153, events = 2333, extra = [], real = false } = {}) {
  const doc = structuredClone(shipped);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [];
  let names = (i) => ({ ar: `دولة ${i + 1}`, en: `State ${i + 1}` });
  if (real) {
    const require = createRequire(import.meta.url);
    const iso = require('i18n-iso-countries');
    for (const l of ['ar', 'en']) iso.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
    codes.push(...Object.keys(iso.getAlpha2Codes()).slice(0, states));
    names = (i) => ({ ar: iso.getName(codes[i], 'ar'), en: iso.getName(codes[i], 'en') });
  }
  for (let i = 0; codes.length < states; i++) {
    const code = letters[Math.floor(i / 26) % 26] + letters[i % 26];
    if (!doc.countries.some((c) => c.code === code)) codes.push(code);
  }
  doc.countries = codes.map((code, i) => ({ code, name: names(i), aliases: [] }));
  doc.actors = [];
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const types = ['dialogue', 'meeting', 'agreement', 'accusation', 'cyber_incident', 'statement'];
  const tones = ['cooperative', 'neutral', 'conflictual'];
  const base = doc.events[0];
  doc.events = Array.from({ length: events }, (_, i) => {
    const parties = [...new Set(Array.from({ length: 2 + rand(3) }, () => codes[Math.min(rand(states), rand(states))]))];
    const year = 2000 + rand(25), month = 1 + rand(12);
    const more = real ? { tone: tones[rand(3)], initiator: rand(2) ? parties[0] : undefined } : { initiator: undefined };
    return {
      ...structuredClone(base), id: `scale-${i}`, date: `${year}-${String(month).padStart(2, '0')}`, date_precision: 'month',
      type: types[rand(types.length)], parties, actors: [], related: [], place: undefined, ...more,
      title: { ar: `حدث رقم ${i}`, en: `Event number ${i}` }, summary: { ar: 'ملخص.', en: 'Summary.' },
    };
  }).concat(extra);
  return doc;
}

/**
 * Polls an async predicate in the page until it resolves to a truthy value, and returns it.
 * (`page.waitForFunction` does not await a predicate's promise: a promise is truthy, so an async
 * predicate there returns after its first call, whatever it resolves to.)
 */
export async function waitUntil(page, fn, arg, { timeout = 5000, polling = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg).catch(() => false); // a navigation may interrupt one
    if (value) return value;
    if (Date.now() > end) throw new Error(`still false after ${timeout} ms: ${fn}`);
    await new Promise((ok) => setTimeout(ok, polling));
  }
}
