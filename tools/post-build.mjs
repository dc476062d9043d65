// Trunk post-build hook: runs on the staged build (TRUNK_STAGING_DIR) before it becomes dist/.
//
// 0. Splits the wasm. The app is built with the `split` feature (index.html), so each lazily
//    loaded part of the app (src/app.rs) is a split point. wasm-split-cli cuts Cargo's wasm into
//    the main module and one file per part (plus chunks the parts share); wasm-bindgen and wasm-opt
//    then run here, on each file, in place of Trunk's (index.html sets data-wasm-opt="0"). The
//    split files get content-hashed names, the JavaScript glue is minified (esbuild), and
//    index.html's integrity hashes are recomputed.
//    Trunk's preload of the main wasm is dropped: the first screen does not need it.
// 1. Trunk 0.21 injects an inline <script type="module"> that loads the wasm. The Content
//    Security Policy allows no inline script, so this moves that script into a content-hashed
//    file and points index.html at it, and makes the script ask for the wasm after the first paint.
// 2. It writes the catalog's first screen into index.html in every language, and a page of every
//    lesson beside it (tools/prerender.mjs), so a learner reads the modules, or the lesson, before
//    the wasm has arrived.
// 2b. Before that, it replaces the markdown of the build's copy of the content with the safe trees
//    the app's parser makes of it (`content-check --compile`): the app draws them as they are.
// 3. It writes sw.js from tools/sw-template.js with the list of every file of this build (app
//    shell and content) and a build id hashed from all of them, so the service worker precaches
//    exactly this build.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { transformSync } from "esbuild";
import { compileContent, prerender } from "./prerender.mjs";

// `node tools/post-build.mjs --sw-only DIR` writes only the first screen and sw.js for a finished
// build in DIR (the update test edits the content of its second build and needs a matching page
// and service worker).
const swOnly = process.argv[2] === "--sw-only" ? process.argv[3] : null;
const dir = swOnly || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
if (!swOnly) {
  await splitWasm();
  if (process.env.TRUNK_PROFILE === "release") minifyStylesheet();
  moveInlineScripts();
}
console.log(`post-build: ${compileContent(dir)}`);
const prerendered = prerender(dir);
console.log(
  `post-build: wrote the catalog's first screen into index.html (${(prerendered.catalog / 1024).toFixed(1)} KiB) ` +
    `and ${prerendered.lessons} lesson pages (${(prerendered.lessonBytes / 1024).toFixed(0)} KiB)`,
);
writeServiceWorker();

function moveInlineScripts() {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");

  const inline = /<script type="module"((?:(?!\ssrc=)[^>])*)>([\s\S]*?)<\/script>/g;
  let moved = 0;
  html = html.replace(inline, (_all, attrs, body) => {
    body = afterFirstPaint(body);
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

// The bootstrap asks for the wasm only once the page has been painted (or after 100 ms, as a
// hidden tab paints nothing). Otherwise the request can start while the page is still being
// parsed, and the first paint (the pre-rendered catalog or lesson) then competes with it for the
// main thread and the network; Lighthouse then also counts the wasm as something the largest
// paint waited for.
function afterFirstPaint(body) {
  const start = /^const wasm = await init\(/m;
  if (!start.test(body)) {
    console.error("post-build: Trunk's bootstrap script has no `const wasm = await init(` line; check its output");
    process.exit(1);
  }
  const wait =
    "await new Promise((painted) => { requestAnimationFrame(() => setTimeout(painted, 0)); setTimeout(painted, 100); });\n";
  return body.replace(start, (line) => wait + line);
}

// --- Splitting ---------------------------------------------------------------------------------
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.error?.code === "ENOENT") {
    console.error(`post-build: ${cmd} is not installed; \`make tools\` installs it`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`post-build: ${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}

// wasm-opt, two files at a time (the build machines have two cores). Its warning about the
// linker's name subsections, which it cannot read and drops, is left out of the log.
async function optimiseAll(files) {
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const status = await new Promise((done) => {
        const p = spawn("wasm-opt", ["-Oz", file, "-o", file], { stdio: ["ignore", "inherit", "pipe"] });
        let err = "";
        p.stderr.on("data", (d) => (err += d));
        p.on("error", (e) => done(e.message));
        p.on("close", (code) => {
          const shown = err.split("\n").filter((l) => l && !l.includes("unknown name subsection")).join("\n");
          if (shown) console.error(shown);
          done(code);
        });
      });
      if (status !== 0) {
        console.error(`post-build: wasm-opt -Oz ${file} failed (${status})`);
        process.exit(1);
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

// The JavaScript glue, minified for release builds: the browser parses it before the app can
// start, and half of its size is names and white space. Export names and the wasm import names
// (object keys) stay as they are.
function minify(js) {
  return transformSync(js, { minify: true, format: "esm", legalComments: "none" }).code;
}

// The stylesheet, minified for release builds (esbuild; Trunk 0.21 leaves it as written): it is
// on the first screen's path, and a fifth of it is comments and white space. It gets a new
// content-hashed name, and index.html its integrity hash.
function minifyStylesheet() {
  const name = readdirSync(dir).find((n) => /^main-[0-9a-f]+\.css$/.test(n));
  if (!name) throw new Error("post-build: Trunk's stylesheet (main-<hash>.css) is not in the staging directory");
  const css = transformSync(readFileSync(join(dir, name), "utf8"), { loader: "css", minify: true, legalComments: "none" }).code;
  const hashed = `main-${hash16(css)}.css`;
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const link = new RegExp(`<link rel="stylesheet" href="/${name.replace(".", "\\.")}"( integrity="sha384-[^"]+")?`);
  if (!link.test(html)) throw new Error(`post-build: index.html does not link ${name}`);
  const sri = createHash("sha384").update(css).digest("base64");
  writeFileSync(indexPath, html.replace(link, `<link rel="stylesheet" href="/${hashed}" integrity="sha384-${sri}"`));
  rmSync(join(dir, name));
  writeFileSync(join(dir, hashed), css);
}

function hash16(bytes) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

async function splitWasm() {
  const release = process.env.TRUNK_PROFILE === "release";
  const bg = readdirSync(dir).find((n) => /^erasmi-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!bg) {
    console.error("post-build: Trunk's wasm (erasmi-<hash>_bg.wasm) is not in the staging directory");
    process.exit(1);
  }
  const stem = bg.slice(0, -"_bg.wasm".length);
  const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
  const targetDir = resolve(source, process.env.CARGO_TARGET_DIR || "target");
  const input = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", "erasmi.wasm");
  const work = mkdtempSync(join(tmpdir(), "erasmi-split-"));
  try {
    run("wasm-split-cli", [input, work, "--out-name", stem]);
    // The main module: wasm-bindgen exactly as Trunk runs it, keeping the exports the parts link to.
    run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
      "--out-dir", dir, "--out-name", stem, join(work, `${stem}.wasm`)]);
    const parts = readdirSync(work).filter((n) => n.endsWith(".wasm") && n !== `${stem}.wasm`).sort();
    // Largest first, so the two wasm-opt queues end together.
    const bySize = [join(dir, bg), ...parts.map((n) => join(work, n))].sort((a, b) => statSync(b).size - statSync(a).size);
    if (release) await optimiseAll(bySize);
    // Each part under a content-hashed name, so browsers may cache it for good.
    let loader = readFileSync(join(work, "__wasm_split.js"), "utf8");
    for (const name of parts) {
      const file = join(work, name);
      const hashed = `${name.replace(/\.wasm$/, "").replace(/_\d{6,}$/, "").replace(/_/g, "-")}-${hash16(readFileSync(file))}.wasm`;
      renameSync(file, join(dir, hashed));
      const quoted = JSON.stringify(`./${name}`);
      if (!loader.includes(quoted)) {
        console.error(`post-build: the split loader does not name ${name}`);
        process.exit(1);
      }
      loader = loader.replaceAll(quoted, JSON.stringify(`./${hashed}`));
    }
    if (release) loader = minify(loader);
    const loaderName = `split-${hash16(loader)}.js`;
    writeFileSync(join(dir, loaderName), loader);
    const glue = join(dir, `${stem}.js`);
    const glueJs = readFileSync(glue, "utf8");
    if (!glueJs.includes(' from "./__wasm_split.js"')) {
      console.error("post-build: the main module does not import the split loader; is the `split` feature on?");
      process.exit(1);
    }
    const linked = glueJs.replaceAll(' from "./__wasm_split.js"', ` from "./${loaderName}"`);
    writeFileSync(glue, release ? minify(linked) : linked);
    // index.html: integrity of the rewritten glue and wasm, and the loader preloaded beside them.
    const indexPath = join(dir, "index.html");
    let html = readFileSync(indexPath, "utf8");
    html = html.replace(/<link rel="(modulepreload|preload)" href="\/([^"]+)"([^>]*) integrity="sha384-[^"]+"/g, (all, rel, href, attrs) => {
      const sri = createHash("sha384").update(readFileSync(join(dir, href))).digest("base64");
      return `<link rel="${rel}" href="/${href}"${attrs} integrity="sha384-${sri}"`;
    });
    html = html.replace("</head>", `<link rel="modulepreload" href="/${loaderName}" crossorigin="anonymous" integrity="sha384-${createHash("sha384").update(loader).digest("base64")}">\n</head>`);
    // No preload of the main wasm: the page paints the catalog from index.html without it (see
    // tools/prerender.mjs), so on a slow connection the page and its stylesheet get the bandwidth
    // first. The glue (preloaded, small) asks for the wasm as soon as the page is parsed.
    const preload = /<link rel="preload" href="\/[^"]+_bg\.wasm"[^>]*>/;
    if (!preload.test(html)) throw new Error("post-build: Trunk's preload of the main wasm was not found");
    html = html.replace(preload, "");
    writeFileSync(indexPath, html);
    console.log(`post-build: split the wasm into the main module and ${parts.length} parts`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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
    // The lesson pages are content too.
    const shell =
      (!url.startsWith("/content/") && !url.startsWith("/module/")) || url === "/content/catalog.json" || url.startsWith("/content/i18n/");
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
