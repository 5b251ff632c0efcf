// Written by marsad-dist: Trunk's start-up script as an external module (strict CSP).
import init from './__GLUE__';
init({ module_or_path: new URL('./__WASM__', import.meta.url) }).catch((err) => {
  console.error(err);
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = 'تعذّر تشغيل مرصد في هذا المتصفح. · Marsad could not start in this browser.';
  document.body.append(p);
});
// --- release builds only: the service worker ---
// Registered in release builds, never in embeds (a third-party iframe's worker is partitioned,
// and embeds stay online-first). Tells the app when a new version waits (`marsad-update`,
// `marsadUpdateReady`, `marsadApplyUpdate`), and reloads on the new controller only when the
// reader asked for it.
if ('serviceWorker' in navigator && !new URLSearchParams(location.search).has('embed')) {
  let asked = false;
  // A test may shorten the worker's network timeout (milliseconds): sw.js?timeout=MS.
  const timeout = Math.round(Number(window.marsadSwTimeoutMs));
  const script = timeout > 0 ? `./sw.js?timeout=${timeout}` : './sw.js';
  navigator.serviceWorker.register(script).then((reg) => {
    if (!reg) return;
    const ready = () => {
      window.marsadApplyUpdate = () => { asked = true; reg.waiting?.postMessage('skip-waiting'); };
      window.marsadUpdateReady = true;
      window.dispatchEvent(new Event('marsad-update'));
    };
    if (reg.waiting && navigator.serviceWorker.controller) ready();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      w?.addEventListener('statechange', () => { if (w.state === 'installed' && navigator.serviceWorker.controller) ready(); });
    });
  }).catch((err) => console.warn('service worker not registered', err));
  navigator.serviceWorker.addEventListener('controllerchange', () => { if (asked) location.reload(); });
}
