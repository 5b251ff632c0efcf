// Screenshots of the release build for a human to look at (not a test):
//   node tests/browser/screenshot.mjs OUT_DIR [WIDTHxHEIGHT] [QUERY ...]
// Each QUERY (e.g. "lang=en&view=countries") gives OUT_DIR/<width>-<query>.png.
import { launch, newPage, ready, serveDist } from './util.mjs';

const [out = '/tmp/shots', size = '1280x900', ...queries] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const browser = await launch('full');
const server = await serveDist();
try {
  for (const q of queries.length ? queries : ['']) {
    const page = await newPage(browser, { width, height });
    await page.goto(`${server.url}${q ? `?${q}` : ''}`);
    await ready(page).catch(() => {});
    await page.waitForTimeout(400);
    const name = `${out}/${width}-${q.replace(/[^a-z0-9=-]+/gi, '_') || 'home'}.png`;
    await page.screenshot({ path: name, fullPage: true });
    if (page.problems.length) console.error(page.problems.join('\n'));
    console.log(name);
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
