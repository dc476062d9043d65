// The one local static server for the release build (dist/): used by `make serve`, the
// end-to-end tests, and later the audit and benchmarks. No dependencies beyond Node.js.
//
// - unknown paths without a file extension get index.html (deep links work on reload);
// - correct types, application/wasm among them;
// - gzip or brotli when the browser asks, as a real host does;
// - sw.js and index.html are never cached by the browser; hashed assets are immutable.
//
// Usage: node tools/serve.mjs [--dir dist] [--host 127.0.0.1] [--port 8080]
import { createServer } from "node:http";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(opt("dir", "dist"));
const host = opt("host", process.env.HOST || "127.0.0.1");
const port = Number(opt("port", process.env.PORT || "8080"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
// Headers for every response from `_headers` in the served directory (the format static hosts
// read: a `/*` line, then indented `Name: value` lines), so the local server sends the same
// Content-Security-Policy as a production host.
async function readHeaders(dir) {
  const found = {};
  try {
    let all = false;
    for (const line of (await readFile(join(dir, "_headers"), "utf8")).split("\n")) {
      if (!line.trim() || line.trim().startsWith("#")) continue;
      if (!/^\s/.test(line)) {
        all = line.trim() === "/*";
        continue;
      }
      const i = line.indexOf(":");
      if (all && i > 0) found[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  } catch {}
  return found;
}
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".webmanifest", ".svg", ".txt"]);
const compressed = new Map(); // path + encoding -> Buffer

function cacheControl(urlPath) {
  if (urlPath === "/sw.js" || urlPath.endsWith(".html") || urlPath === "/") return "no-cache, no-store, must-revalidate";
  if (/-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(urlPath)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

async function resolveFile(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const full = join(root, clean);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return full;
    if (s.isDirectory()) {
      const index = join(full, "index.html");
      if ((await stat(index)).isFile()) return index;
    }
  } catch {}
  // A page written at build time for an address of the app (a lesson: module/<id>/lesson/<id>.html),
  // as static hosts serve `page.html` at `/page`.
  if (!extname(full)) {
    try {
      if ((await stat(full + ".html")).isFile()) return full + ".html";
    } catch {}
  }
  return null;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host || "localhost"}`);
    let path = url.pathname;
    let file = await resolveFile(path);
    if (!file) {
      // A path with an extension is a missing file; anything else is a route of the app.
      if (extname(path)) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" });
        res.end("Not found\n");
        return;
      }
      file = join(root, "index.html");
      path = "/index.html";
    }
    const ext = extname(file);
    let body = await readFile(file);
    const headers = {
      ...siteHeaders,
      "content-type": TYPES[ext] || "application/octet-stream",
      "cache-control": cacheControl(path),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      vary: "accept-encoding",
    };
    if (path === "/sw.js") headers["service-worker-allowed"] = "/";
    const accept = String(req.headers["accept-encoding"] || "");
    if (COMPRESSIBLE.has(ext) && body.length > 512) {
      const enc = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
      if (enc) {
        const key = `${file}:${enc}`;
        const mtime = (await stat(file)).mtimeMs;
        const cacheKey = `${key}:${mtime}`;
        let packed = compressed.get(cacheKey);
        if (!packed) {
          packed =
            enc === "br"
              ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })
              : gzipSync(body, { level: 9 });
          compressed.set(cacheKey, packed);
        }
        body = packed;
        headers["content-encoding"] = enc;
      }
    }
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end(`Server error: ${e.message}\n`);
  }
});

// Compress every file with brotli before listening, as a real host does at deploy time: brotli at
// its best quality takes seconds for the wasm file, which the first visitor must not wait for.
async function precompress(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) {
      await precompress(file);
    } else if (COMPRESSIBLE.has(extname(entry.name))) {
      const body = await readFile(file);
      if (body.length <= 512) continue;
      const mtime = (await stat(file)).mtimeMs;
      compressed.set(`${file}:br:${mtime}`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}
const siteHeaders = await readHeaders(root);
const started = Date.now();
await precompress(root).catch((e) => console.warn(`precompression skipped: ${e.message}`));
console.log(`precompressed ${compressed.size} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);

server.listen(port, host, () => {
  console.log(`ERASMI Toolkit: serving ${root} at http://${host}:${port}/`);
});
