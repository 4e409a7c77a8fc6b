/*
 * ConvNet Playground's service worker: after the first visit the app, its worker and the MNIST files come from
 * the cache, so the demo opens and trains offline. Paths are relative to this file, so it works from any sub-path.
 * precache.json (written at build time) lists every file and a version; a new build gets a new cache.
 */
const PREFIX = 'convnet-playground-';

/*
 * Cross-origin isolation for hosts that cannot send headers (GitHub Pages): every response this worker serves gets
 * COOP/COEP, so from the second visit on the page may use SharedArrayBuffer and wasm trains on several threads.
 * Everything here is same-origin, which require-corp allows.
 */
/*
 * The site's Content-Security-Policy as a header (scripts/contentSecurityPolicy.ts writes it here at build time): the
 * page carries it in a <meta> tag, but a worker's policy comes only with its own response, so without this the
 * training worker on a static host would run under none. A header the host sent is kept.
 */
const CONTENT_SECURITY_POLICY = null;

function withHeaders(response) {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  if (CONTENT_SECURITY_POLICY && !headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch('precache.json', { cache: 'no-store' });
      const { version, files } = await response.json();
      const cache = await caches.open(PREFIX + version);
      await cache.addAll(files);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch('precache.json', { cache: 'no-store' }).catch(() => null);
      const current = response && response.ok ? PREFIX + (await response.json()).version : null;
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && current !== null && name !== current) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = (await caches.keys()).find((name) => name.startsWith(PREFIX));
      if (cache) await (await caches.open(cache)).put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const shell = await caches.match(new URL('./', self.registration.scope).href);
      if (shell) return shell;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  // Pages, and reloads the app asks for (a retry after a corrupt download), go to the network first.
  if (request.mode === 'navigate' || request.cache === 'reload' || request.cache === 'no-cache') {
    event.respondWith(networkFirst(request).then(withHeaders));
    return;
  }
  event.respondWith(caches.match(request).then((cached) => cached ?? networkFirst(request)).then(withHeaders));
});
