// A small static server for dist/: correct MIME types (.wasm as application/wasm), optional
// gzip, optional sub-path prefix, the site's 404.html for what it lacks, an ETag on every file
// (304 to a revalidation of an unchanged one), loopback only. Used by
// README command (1), the browser tests and the benchmark.
//   node tests/browser/serve.mjs DIR [--port 8080] [--prefix /marsad/] [--gzip]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** How many times the server sent each file with its body (a 304 sends none), from `stats`. */
export function timesSent(stats) {
  const sent = new Map();
  for (const f of stats.requests) sent.set(f, (sent.get(f) ?? 0) + 1);
  for (const f of stats.revalidated) sent.set(f, sent.get(f) - 1);
  return sent;
}

/** Starts a server; resolves to { url, port, close(), stats } once listening on 127.0.0.1. */
export function serve({ root, port = 0, prefix = '/', gzip = false, overrides = {} } = {}) {
  const base = resolve(root);
  // Every file asked for (answered 200 or 304), the bytes of the bodies sent, the 304s.
  const stats = { requests: [], bytes: 0, revalidated: [] };
  // Compressed bodies by path and mtime: a static host compresses once, not per request.
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
      path = path.slice(prefix.length);
      if (path === '' || path.endsWith('/')) path += 'index.html';
      if (overrides[path] !== undefined) {
        const o = overrides[path];
        if (o === null) { req.socket.destroy(); return; } // simulate a network failure
        res.writeHead(o.status ?? 200, { 'content-type': o.type ?? MIME[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(o.body);
        return;
      }
      const file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end(); return; }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        // As static hosts do (GitHub Pages, Netlify, Cloudflare Pages): the site's 404.html, if
        // it has one, with the status 404.
        const page = await readFile(join(base, '404.html')).catch(() => null);
        if (page) res.writeHead(404, { 'content-type': MIME['.html'], 'cache-control': 'no-cache' }).end(page);
        else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // A validator, as static hosts send one: a revalidation (`no-cache`, a reload, the service
      // worker's check of a home page) of an unchanged file is answered 304 with no body.
      const gzipping = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && info.size > 256 && !/\.(png)$/.test(file);
      const etag = `"${info.size.toString(16)}-${Math.round(info.mtimeMs * 1000).toString(16)}${gzipping ? '-gz' : ''}"`;
      const headers = { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag };
      if (gzip) headers['vary'] = 'accept-encoding';
      if ((req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(etag)) {
        stats.requests.push(path);
        stats.revalidated.push(path);
        res.writeHead(304, { etag, 'cache-control': 'no-cache' }).end();
        return;
      }
      let body = await readFile(file);
      if (gzipping) {
        const key = `${file}:${info.mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
        body = gzipped.get(key);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      stats.requests.push(path);
      stats.bytes += body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      // Under node's test runner, a server a failed test never closed must not keep its file
      // from ending (the run would wait until CI's timeout): it does not hold the process.
      if (process.env.NODE_TEST_CONTEXT) server.unref();
      const p = server.address().port;
      ok({
        port: p,
        url: `http://127.0.0.1:${p}${prefix}`,
        stats,
        server,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const root = args.find((a, i) => !a.startsWith('--') && !['--port', '--prefix'].includes(args[i - 1])) ?? 'dist';
  const s = await serve({ root, port: Number(opt('--port', 8080)), prefix: opt('--prefix', '/'), gzip: args.includes('--gzip') });
  console.log(`Serving ${root} at ${s.url} (Ctrl-C to stop)`);
}
