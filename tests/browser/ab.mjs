// Two builds side by side on one synthetic dataset (never part of the tests): cold loads
// alternating A, B, B, A, …, each running the benchmark's own 50 steps with its own probe
// (steps.mjs), then the medians per step kind, p95, the samples over one frame (16 ms) and each
// load's country toggles that show a card. Runs on one machine move by several milliseconds from
// one run to the next (BENCHMARK.md): compare builds inside one run, never across runs.
//
//   node tests/browser/ab.mjs DIST_A DIST_B [--loads 6] [--events 10000]
//        [--args-a "--js-flags=…"] [--args-b "--js-flags=…"]
// DIST_A and DIST_B are release builds (`trunk build --release --dist DIR`); the same DIST twice
// with different Chromium arguments compares the browser's settings on the same bytes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BROWSERS, CHROMIUM_ARGS, ROOT } from './util.mjs';
import { serve } from './serve.mjs';
import { MARSAD_FIRST, VIEWPORT, allEventsIn, makeSite, median, percentile, probe, run, script } from './steps.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (positional.length !== 2) {
  console.error('usage: node tests/browser/ab.mjs DIST_A DIST_B [--loads 6] [--events 10000] [--args-a "…"] [--args-b "…"]');
  process.exit(2);
}
const LOADS = Number(opt('--loads', 6));
const EVENTS = Number(opt('--events', 10000));
const FRAME_MS = 16;

const f1 = (x) => x.toFixed(1);

/** Samples of one load: every step, its kind ("country on" and "country off" told apart). */
async function load(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.addInitScript(probe, { selector: MARSAD_FIRST });
    await page.goto(url, { waitUntil: 'commit' });
    // Every event in and the app in charge, as the benchmark waits before its steps.
    if (await allEventsIn(page, 300000) === null) throw new Error('the last shard did not arrive in 300 s');
    await page.waitForLoadState('networkidle').catch(() => {});
    const samples = [];
    let countries = 0;
    for (const step of script()) {
      const kind = step.kind === 'country' ? (countries++ % 2 === 0 ? 'country on' : 'country off') : step.kind;
      const r = await page.evaluate((s) => window.__bench.step(s), step).catch((e) => ({ error: e.message.split('\n')[0] }));
      if (r.error) throw new Error(`${kind}: ${r.error}`);
      samples.push({ kind, ms: r.ms });
    }
    return samples;
  } finally {
    await context.close();
  }
}

const tmp = await mkdtemp(join(tmpdir(), 'marsad-ab-'));
try {
  run('cargo', ['build', '--release', '--quiet', '--bin', 'marsad-data']);
  run('cargo', ['build', '--release', '--quiet', '--no-default-features', '--features', 'ssr', '--bin', 'marsad-dist']);
  const data = join(tmp, 'data');
  run(join(ROOT, 'target/release/marsad-data'), ['synth', String(EVENTS), data, '--seed', '1']);
  const sides = [];
  for (const [i, dist] of positional.entries()) {
    const name = 'AB'[i];
    const site = join(tmp, `site-${name}`);
    await makeSite(resolve(dist), data, site, join(ROOT, 'target/release/marsad-dist'));
    const extra = (opt(`--args-${name.toLowerCase()}`, '') || '').split(' ').filter(Boolean);
    const browser = await chromium.launch({ executablePath: BROWSERS.full, args: [...CHROMIUM_ARGS, ...extra], headless: true });
    sides.push({ name, dist, extra, browser, server: await serve({ root: site, gzip: true }), loads: [] });
  }
  // A B, B A, A B, …: neither side always runs first on a warm machine.
  for (let r = 0; r < LOADS; r++) {
    for (const side of r % 2 ? [...sides].reverse() : sides) {
      side.loads.push(await load(side.browser, side.server.url));
      console.error(`[ab] ${side.name}: load ${side.loads.length}/${LOADS}`);
    }
  }
  for (const side of sides) {
    const all = side.loads.flat();
    const ms = all.map((s) => s.ms);
    const kinds = [...new Set(all.map((s) => s.kind))];
    const over = all.filter((s) => s.ms > FRAME_MS);
    console.log(`${side.name} ${side.dist}${side.extra.length ? ` (${side.extra.join(' ')})` : ''}`);
    console.log(`  p50 ${f1(median(ms))} ms, p95 ${f1(percentile(ms, 95))} ms, ${over.length} of ${ms.length} samples over ${FRAME_MS} ms`);
    console.log(`  median by kind: ${kinds.map((k) => `${k} ${f1(median(all.filter((s) => s.kind === k).map((s) => s.ms)))}`).join(', ')}`);
    console.log(`  country on, by load: ${side.loads.map((l) => l.filter((s) => s.kind === 'country on').map((s) => f1(s.ms)).join(' ')).join(' | ')}`);
    console.log(`  over ${FRAME_MS} ms: ${kinds.map((k) => [k, over.filter((s) => s.kind === k).map((s) => f1(s.ms))]).filter(([, xs]) => xs.length).map(([k, xs]) => `${k} ${xs.join(' ')}`).join('; ') || 'none'}`);
  }
  for (const side of sides) {
    await side.browser.close();
    await side.server.close();
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
