// PMO Workbench's service worker: keeps every file of one build in a cache so the app opens
// and works with no network at all. The build step (scripts/postbuild.mjs) fills in BUILD and
// FILES; a new deployment therefore changes this file, the browser installs the new worker
// next to the old one, and the page offers "a new version is available — reload".
const BUILD = '__BUILD__';
const FILES = ['__FILES__'];
const PREFIX = 'pmo-workbench-';
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  // Fetch every file fresh (not from the HTTP cache) so the cache holds exactly this build.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

// The page decides when a waiting new version takes over (after saving).
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every page of the app is index.html (routes live after `#`).
    event.respondWith(caches.match(INDEX, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
