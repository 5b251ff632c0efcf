// The flags a card shows, from flag-icons' SVGs (vendor/flag-icons/) to public/flags/*.webp:
//   node tests/browser/flags.mjs
// Each is drawn by the project's Chromium at 96×72, three times the 32×24 px frame it fills,
// and encoded as lossy WebP (quality 0.9). Run it when vendor/flag-icons/ changes; the files it
// writes are committed. Why not the SVGs themselves: a browser builds a document of its own for
// each SVG image, on the page's main thread (1.5-1.7 ms for a simple flag in a card toggle's
// trace, more for a coat of arms), and a coat of arms is large (Serbia's 181 KB, 50 KB gzip) for
// 32 px; a WebP is decoded off the main thread and is 0.1-4.9 KB.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './util.mjs';
import { serve } from './serve.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const from = join(root, 'vendor/flag-icons');
const to = join(root, 'public/flags');
const [W, H, QUALITY] = [96, 72, 0.9];

/**
 * The WebP without its colour profile: Chromium's encoder adds its sRGB profile (464 bytes, a
 * third of a typical flag's file), which is what a browser assumes of an image without one.
 * Without alpha, the simple format (one `VP8 ` chunk); with it, the extended one, its profile
 * bit cleared.
 */
function withoutProfile(webp, name) {
  if (webp.toString('latin1', 0, 4) !== 'RIFF' || webp.toString('latin1', 8, 12) !== 'WEBP') throw new Error(`${name}: the browser did not encode a WebP`);
  const chunks = [];
  for (let at = 12; at < webp.length;) {
    const size = webp.readUInt32LE(at + 4);
    chunks.push({ type: webp.toString('latin1', at, at + 4), bytes: webp.subarray(at, at + 8 + size + (size & 1)) });
    at += 8 + size + (size & 1);
  }
  let kept = chunks.filter((c) => c.type !== 'ICCP');
  const types = kept.map((c) => c.type).join(',');
  if (types === 'VP8X,VP8 ') kept = kept.slice(1);
  else if (kept[0]?.type === 'VP8X') {
    kept[0] = { ...kept[0], bytes: Buffer.from(kept[0].bytes) };
    kept[0].bytes[8] &= ~0x20;
  } else if (types !== 'VP8 ') throw new Error(`${name}: unexpected chunks ${types}`);
  const body = Buffer.concat(kept.map((c) => c.bytes));
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

const svgs = readdirSync(from).filter((f) => f.endsWith('.svg')).sort();
for (const f of readdirSync(to)) if (f.endsWith('.webp')) rmSync(join(to, f));
const browser = await launch('full');
const server = await serve({ root: from });
try {
  const page = await (await browser.newContext()).newPage();
  // A page of the server's origin (its 404), so the SVGs load as the same origin's images.
  await page.goto(`${server.url}flags`);
  let svgBytes = 0;
  let webpBytes = 0;
  for (const f of svgs) {
    const bytes = await page.evaluate(async ([file, w, h, quality]) => {
      const img = new Image();
      img.src = file;
      await img.decode();
      const canvas = new OffscreenCanvas(w, h);
      const g = canvas.getContext('2d');
      g.imageSmoothingQuality = 'high';
      g.drawImage(img, 0, 0, w, h);
      const blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      return [...new Uint8Array(await blob.arrayBuffer())];
    }, [f, W, H, QUALITY]);
    const out = withoutProfile(Buffer.from(bytes), f);
    writeFileSync(join(to, f.replace(/\.svg$/, '.webp')), out);
    svgBytes += readFileSync(join(from, f)).length;
    webpBytes += out.length;
  }
  console.log(`${svgs.length} flags: ${svgBytes} bytes of SVG → ${webpBytes} bytes of WebP (${W}×${H}, quality ${QUALITY})`);
} finally {
  await browser.close();
  await server.close();
}
