// Marsad's kill switch, written by `marsad-dist retire DIR` (src/bin/marsad-dist/retire.js).
// Served as sw.js where Marsad's worker was, it replaces that worker in every reader's browser on
// their next visit: it deletes every `marsad-*` cache, unregisters itself and reloads the pages
// it took over, which then come from the network, whatever the site now serves. It has no fetch
// handler: while it lives, every request goes to the network.
self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('marsad-')) await caches.delete(key);
    await self.registration.unregister();
    // Only the pages the old worker controlled (a page that registered this worker itself is
    // not controlled by it, so a site that still registers sw.js cannot loop).
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.navigate(client.url).catch(() => {});
    }
  })());
});
