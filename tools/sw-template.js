// ERASMI Toolkit service worker, generated at build time by tools/post-build.mjs from the real
// build output: BUILD and PRECACHE below are filled in then. Do not edit sw.js by hand.
//
// - Stores the app shell on install, and every content file when the page asks ("PRECACHE": at
//   once, or after the learner agreed where the browser asks to save data), into a cache named
//   after this build, file by file (one failing file does not lose the others) with retries.
// - Serves precached files from this build's cache only, so two builds never mix.
// - Answers navigations with index.html, so every route works offline, or with the lesson's own
//   page (written at build time) once it is stored.
// - Waits to take over until the page asks (the "new version — reload" prompt).
const BUILD = "__BUILD__";
const PRECACHE = __PRECACHE__;
const CACHE = `erasmi-${BUILD}`;
const RETRIES = 3;
/** Pages written at build time for an address of the app (lessons), stored as content. */
const PAGES = new Set(PRECACHE.map((f) => f.url).filter((u) => u.startsWith("/module/") && u.endsWith(".html")));

async function store(cache, url) {
  for (let attempt = 1; attempt <= RETRIES; attempt++) {
    try {
      const response = await fetch(url, { cache: "no-cache" });
      if (response.ok) {
        // A host with "pretty URLs" redirects `/index.html` to `/` and `page.html` to `page`.
        // A navigation may not be answered with a redirected response, so only its body and
        // headers are kept.
        const stored = response.redirected
          ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers })
          : response;
        await cache.put(url, stored);
        return true;
      }
    } catch (_) {
      // Network trouble: try again below.
    }
    await new Promise((r) => setTimeout(r, 250 * attempt));
  }
  return false;
}

async function precache(files = PRECACHE) {
  const cache = await caches.open(CACHE);
  const stored = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const missing = files.filter((f) => !stored.has(f.url));
  const results = await Promise.all(missing.map((f) => store(cache, f.url)));
  return results.every(Boolean);
}

self.addEventListener("install", (event) => {
  // The shell (index.html, the hashed js/wasm/css, the catalog and UI strings) must be stored;
  // the content follows when the page asks (the "PRECACHE" message), and what failed is retried.
  event.waitUntil(
    (async () => {
      await precache(PRECACHE.filter((f) => f.shell));
      const cache = await caches.open(CACHE);
      const shell = PRECACHE.filter((f) => f.shell);
      const have = await Promise.all(shell.map((f) => cache.match(f.url)));
      if (have.some((r) => !r)) throw new Error("app shell could not be stored");
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("erasmi-") && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (data.type === "STATUS") {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        const stored = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
        const done = PRECACHE.filter((f) => stored.has(f.url));
        const reply = {
          type: "STATUS",
          build: BUILD,
          files: PRECACHE.length,
          stored: done.length,
          bytes: PRECACHE.reduce((n, f) => n + f.bytes, 0),
          storedBytes: done.reduce((n, f) => n + f.bytes, 0),
        };
        event.ports[0]?.postMessage(reply);
      })(),
    );
  } else if (data.type === "PRECACHE") {
    event.waitUntil(precache());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // A lesson has a page of its own that shows its text before the app starts; once stored,
    // it answers the lesson's address. Every other route, and a lesson whose page is not stored
    // yet, gets the app shell.
    const own = url.pathname + ".html";
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const page = PAGES.has(own) && (await cache.match(own));
        return page || (await cache.match("/index.html")) || fetch(request);
      })(),
    );
    return;
  }
  if (PRECACHE.some((f) => f.url === url.pathname)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await cache.put(url.pathname, response.clone());
        return response;
      })(),
    );
  }
});
