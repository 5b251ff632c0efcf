// Shared helpers for the browser tests: Debian's Chromium through playwright-core, the static
// server on loopback, and console-error capture.
import { chromium } from 'playwright-core';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = resolve(ROOT, 'dist');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--lang=en-US',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Serves dist/ (or `root`) on a free loopback port. */
export function serveDist(opts = {}) {
  return serve({ root: DIST, ...opts });
}

/** A new page that records console errors, page errors and failed requests in `page.problems`. */
export async function newPage(browser, { width = 1280, height = 900, ...ctxOpts } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, ...ctxOpts });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  return page;
}

/** Waits until the explorer has rendered (the result count is present). */
export async function ready(page) {
  await page.waitForSelector('.result-count', { timeout: 20000 });
}

/** The events listed in the accessible list, as their data titles, in display order. */
export async function listedTitles(page) {
  return page.$$eval('.event-list .event-row a', (as) => as.map((a) => a.textContent.trim()));
}
