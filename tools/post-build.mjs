// Trunk post-build hook: runs on the staged build (TRUNK_STAGING_DIR) before it becomes dist/.
//
// 1. Trunk 0.21 injects an inline <script type="module"> that loads the wasm. The Content
//    Security Policy allows no inline script, so this moves that script into a content-hashed
//    file and points index.html at it.
// 2. It writes sw.js from tools/sw-template.js with the list of every file of this build (app
//    shell and content) and a build id hashed from all of them, so the service worker precaches
//    exactly this build.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

// `node tools/post-build.mjs --sw-only DIR` writes only sw.js for a finished build in DIR (the
// update test edits the content of its second build and needs a matching service worker).
const swOnly = process.argv[2] === "--sw-only" ? process.argv[3] : null;
const dir = swOnly || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
if (!swOnly) moveInlineScripts();
writeServiceWorker();

function moveInlineScripts() {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");

  const inline = /<script type="module"((?:(?!\ssrc=)[^>])*)>([\s\S]*?)<\/script>/g;
  let moved = 0;
  html = html.replace(inline, (_all, attrs, body) => {
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
    const name = `boot-${hash}.js`;
    writeFileSync(join(dir, name), body.trim() + "\n");
    moved += 1;
    // Keep other attributes (Trunk may add none today); drop any nonce, it is meaningless here.
    const kept = attrs.replace(/\snonce="[^"]*"/, "");
    return `<script type="module"${kept} src="/${name}"></script>`;
  });
  if (moved === 0) {
    console.error("post-build: no inline bootstrap script found in index.html; the CSP would block nothing, but check Trunk's output");
  }
  writeFileSync(indexPath, html);
  console.log(`post-build: moved ${moved} inline script(s) out of index.html`);
}

// --- Service worker ---------------------------------------------------------------------------
function writeServiceWorker() {
  function walk(d) {
    return readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  }
  const files = walk(dir)
    .map((p) => "/" + relative(dir, p).split(sep).join("/"))
    .filter((url) => url !== "/sw.js" && url !== "/_headers" && !url.startsWith("/content/schema/"))
    .sort();
  const build = createHash("sha256");
  const precache = files.map((url) => {
    const body = readFileSync(join(dir, url));
    build.update(url).update(body);
    // The shell: the app itself and the content the first screen needs (catalog, languages, UI
    // strings). It is stored on install; the rest of the content when the page asks for it.
    const shell = !url.startsWith("/content/") || url === "/content/catalog.json" || url.startsWith("/content/i18n/");
    return { url, bytes: body.length, shell };
  });
  // The app shell also answers "/" and every route.
  const template = readFileSync(new URL("./sw-template.js", import.meta.url), "utf8");
  const sw = template
    .replace("__BUILD__", build.digest("hex").slice(0, 16))
    .replace("__PRECACHE__", JSON.stringify(precache));
  writeFileSync(join(dir, "sw.js"), sw);
  const total = precache.reduce((n, f) => n + f.bytes, 0);
  console.log(`post-build: sw.js precaches ${precache.length} files (${(total / 1024).toFixed(0)} KiB)`);
}
