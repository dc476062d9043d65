// `make bench`: the project's performance figures, measured in Debian's Chromium against the
// release build (dist/) behind the project's compressing static server. A benchmark, not a test:
// it prints a table, writes bench/results.json, and never fails on a figure. BENCHMARKS.md says
// what each figure means.
//
// Sections (run all, or name some: node tools/bench.mjs size transfer lesson scale save lighthouse):
//   size        the wasm's largest contributors by crate and by function (twiggy)
//   transfer    first-load bytes until the catalog is interactive (gzip and brotli), and the
//               full offline download
//   lesson      time to lesson text, cold and warm (service worker), against a static page of
//               the same text from the same server
//   scale       generated content of 10, 100 and 1,000 modules: catalog render, search p50/p95,
//               progress dashboard with 50,000 stored quiz attempts (first visit, first visit of a
//               new session, and later ones)
//   save        one quiz answer saved to IndexedDB, p50/p95 over 1,000 saves (tests/bench_store.rs,
//               built with the release profile)
//   startup     the main thread while the app starts, with Chromium's CPU slowed down 4×: long
//               tasks after the first paint and their blocking time, catalog and a lesson,
//               median of 7 fresh loads
//   lighthouse  Lighthouse 12.2.3 mobile on the catalog and a lesson, median of 3 (tools/audit.mjs)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { chromium } from "playwright-core";
import { generate } from "./bench/gen-content.mjs";
import { pct, timeFirstSearch, timeSearch } from "./bench/search-timing.mjs";

const ALL = ["size", "transfer", "lesson", "scale", "save", "startup", "lighthouse"];
const wanted = process.argv.slice(2).filter((a) => ALL.includes(a));
const sections = wanted.length ? ALL.filter((s) => wanted.includes(s)) : ALL;
const PORT = Number(process.env.BENCH_PORT || 4177);
const origin = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const SCALES = (process.env.BENCH_SCALES || "10,100,1000").split(",").map(Number);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS || 50_000);

const median = (xs) => pct(xs, 50);
const round = (x, d = 1) => Number(x.toFixed(d));
const kb = (bytes) => round(bytes / 1024, 1);

const results = { measured: new Date().toISOString(), machine: machine() };
const previous = existsSync("bench/results.json") ? JSON.parse(readFileSync("bench/results.json", "utf8")) : {};
for (const s of ALL) if (!sections.includes(s) && previous[s]) results[s] = previous[s];

function machine() {
  const cpus = readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length;
  const chromium = spawnSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium", ["--version"], { encoding: "utf8" }).stdout?.trim();
  return { cores: cpus, chromium };
}

// --- the static page for the lesson comparison ---------------------------------------------
const catalog = JSON.parse(readFileSync("dist/content/catalog.json", "utf8"));
// The lesson's markdown source (content/): the build ships it parsed in dist/content/.
const firstModule = JSON.parse(readFileSync(`content/modules/${catalog.modules[0].id}.json`, "utf8"));
const firstLesson = firstModule.lessons[0];
const lessonPath = `/module/${firstModule.id}/lesson/${firstLesson.id}`;
const staticPath = "/bench-static/lesson.html";

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function inline(s) {
  return escapeHtml(s)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>")
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
}
/** The lesson's markdown as plain HTML: the same text, none of the app. */
function staticLessonHtml() {
  const css = readFileSync("dist/index.html", "utf8").match(/href="(\/main-[0-9a-f]+\.css)"/)[1];
  const blocks = firstLesson.body.en.split(/\n\s*\n/).map((block) => {
    const lines = block.trim().split("\n");
    const heading = block.match(/^(#{1,6})\s+(.*)/);
    if (heading) return `<h${Math.min(heading[1].length + 1, 6)}>${inline(heading[2])}</h${Math.min(heading[1].length + 1, 6)}>`;
    if (lines.every((l) => /^\s*([-*]|\d+\.)\s+/.test(l))) {
      const tag = /^\s*\d+\./.test(lines[0]) ? "ol" : "ul";
      return `<${tag}>${lines.map((l) => `<li>${inline(l.replace(/^\s*([-*]|\d+\.)\s+/, ""))}</li>`).join("")}</${tag}>`;
    }
    return `<p>${inline(lines.join(" "))}</p>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(firstLesson.title.en)}</title><link rel="stylesheet" href="${css}"></head><body><main class="page lesson-page"><article class="lesson" data-testid="lesson"><h1>${escapeHtml(firstLesson.title.en)}</h1><div class="prose">${blocks.join("\n")}</div></article></main></body></html>`;
}

// --- server and browser --------------------------------------------------------------------
mkdirSync("dist/bench-static", { recursive: true });
writeFileSync(`dist${staticPath}`, staticLessonHtml());
const server = spawn("node", ["tools/serve.mjs", "--dir", "dist", "--port", String(PORT)], { stdio: "ignore" });
const cleanup = () => {
  server.kill();
  rmSync("dist/bench-static", { recursive: true, force: true });
};
process.on("exit", cleanup);
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`${origin}/`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});

// --- a. first-load transfer ----------------------------------------------------------------
function compressedSizes(file) {
  const raw = readFileSync(file);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
function distFile(pathname) {
  // A page written at build time for an address of the app (a lesson), as the server sends it.
  const own = join("dist", decodeURIComponent(pathname) + ".html");
  if (pathname !== "/" && !pathname.includes(".") && existsSync(own)) return own;
  const p = pathname === "/" || !pathname.includes(".") ? "/index.html" : pathname;
  const f = join("dist", decodeURIComponent(p));
  return existsSync(f) && statSync(f).isFile() ? f : null;
}
/** The files a fresh browser asks for at `path` until `ready()` holds in the page, with their
 * compressed sizes. Service workers blocked: only what the page itself asks for, before any
 * offline storing. */
async function requestsUntil(path, ready) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const requested = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin === origin) requested.push(u.pathname);
  });
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(ready);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await context.close();
  return [...new Set(requested)].map((p) => ({ path: p, ...compressedSizes(distFile(p)) }));
}
async function transfer() {
  // The app's catalog, not the first screen index.html shows before the app starts.
  const files = await requestsUntil("/", () => !document.getElementById("boot") && document.querySelector(".module-card"));
  // A lesson opened from its address, until the app has drawn it and its buttons answer.
  const lessonFiles = await requestsUntil(lessonPath, () => !document.getElementById("boot") && document.querySelector("[data-testid=mark-done]"));
  const sum = (list, k) => list.reduce((a, f) => a + f[k], 0);
  const precache = JSON.parse(readFileSync("dist/sw.js", "utf8").match(/const PRECACHE = (\[.*?\]);/)[1]);
  const offline = precache.map((e) => ({ path: e.url, ...compressedSizes(distFile(e.url)) }));
  offline.push({ path: "/sw.js", ...compressedSizes("dist/sw.js") });
  return {
    first_load: {
      requests: files.length,
      raw_kb: kb(sum(files, "raw")),
      gzip_kb: kb(sum(files, "gzip")),
      brotli_kb: kb(sum(files, "brotli")),
      files: files.map((f) => ({ path: f.path, raw_kb: kb(f.raw), gzip_kb: kb(f.gzip), brotli_kb: kb(f.brotli) })),
    },
    // What the browser needs before it paints the catalog's first screen from index.html: the
    // page and its stylesheet (the wasm, its glue and check.js are not needed to read it).
    first_screen: (() => {
      const before = files.filter((f) => f.path === "/" || f.path.endsWith(".css"));
      return { requests: before.length, gzip_kb: kb(sum(before, "gzip")), brotli_kb: kb(sum(before, "brotli")) };
    })(),
    // A lesson's address: until the app answers there, and what its own page needs to be read.
    lesson_load: { requests: lessonFiles.length, gzip_kb: kb(sum(lessonFiles, "gzip")), brotli_kb: kb(sum(lessonFiles, "brotli")) },
    lesson_screen: (() => {
      const before = lessonFiles.filter((f) => f.path === lessonPath || f.path.endsWith(".css"));
      return { requests: before.length, gzip_kb: kb(sum(before, "gzip")), brotli_kb: kb(sum(before, "brotli")) };
    })(),
    offline: { files: offline.length, raw_kb: kb(sum(offline, "raw")), gzip_kb: kb(sum(offline, "gzip")), brotli_kb: kb(sum(offline, "brotli")) },
  };
}

// --- c. time to lesson text ----------------------------------------------------------------
/** Records in `window.__textAt` the frame (ms after navigation start) that shows lesson text. */
const WATCH_TEXT = () => {
  window.__textAt = 0;
  const look = () => {
    const p = document.querySelector("[data-testid=lesson] .prose p");
    if (p && p.textContent.trim()) requestAnimationFrame(() => (window.__textAt = performance.now()));
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};
async function timeToText(page, path) {
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.__textAt > 0, null, { timeout: 60_000 });
  return page.evaluate(() => window.__textAt);
}
async function lesson() {
  const cold = { app: [], static: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const [kind, path] of [["app", lessonPath], ["static", staticPath]]) {
      const context = await browser.newContext();
      await context.addInitScript(WATCH_TEXT);
      cold[kind].push(await timeToText(await context.newPage(), path));
      await context.close();
    }
  }
  // Warm: the service worker is installed, controls the page and has stored the app.
  const context = await browser.newContext();
  await context.addInitScript(WATCH_TEXT);
  const page = await context.newPage();
  await timeToText(page, lessonPath);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    for (let i = 0; i < 600 && !(reg.active && reg.active.state === "activated"); i++) await new Promise((r) => setTimeout(r, 100));
  });
  await timeToText(page, lessonPath);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) throw new Error("the service worker does not control the page");
  const warm = { app: [], static: [] };
  // The static page in its own context: under the app's service worker every navigation gets
  // the app shell. Warm for it means the browser's HTTP cache holds its stylesheet.
  const plain = await browser.newContext({ serviceWorkers: "block" });
  await plain.addInitScript(WATCH_TEXT);
  const plainPage = await plain.newPage();
  await timeToText(plainPage, staticPath);
  for (let i = 0; i < ROUNDS; i++) {
    warm.app.push(await timeToText(page, lessonPath));
    warm.static.push(await timeToText(plainPage, staticPath));
  }
  await plain.close();
  await context.close();
  const summary = (m) => ({
    app_ms: round(median(m.app)),
    static_ms: round(median(m.static)),
    ratio: round(median(m.app) / median(m.static), 2),
  });
  return { rounds: ROUNDS, lesson: lessonPath, cold: summary(cold), warm: summary(warm) };
}

// --- d. scale --------------------------------------------------------------------------------
const QUERIES = ["network", "trust", "action plan", "data protection", "volunteer", "indicator"];
async function routedContext(content) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  await context.route("**/content/catalog.json", (route) => route.fulfill({ body: content.catalog, contentType: "application/json" }));
  await context.route("**/content/modules/*.json", (route) => {
    const id = decodeURIComponent(new URL(route.request().url()).pathname.split("/").pop().replace(/\.json$/, ""));
    const body = content.modules.get(id);
    return body ? route.fulfill({ body, contentType: "application/json" }) : route.fulfill({ status: 404, body: "" });
  });
  await context.route("**/content/progress.json", (route) => route.fulfill({ body: content.progress, contentType: "application/json" }));
  await context.route("**/content/search/*.json", (route) => {
    const lang = new URL(route.request().url()).pathname.split("/").pop().replace(/\.json$/, "");
    const body = content.search.get(lang);
    return body ? route.fulfill({ body, contentType: "application/json" }) : route.fulfill({ status: 404, body: "" });
  });
  return context;
}
/** Time from a click on a navigation link to the frame that shows `count` items of `selector`
 * (an in-app navigation: the app is running, the content files are in memory or cache). Gives up
 * after two minutes, naming the step and what the page shows, instead of waiting for ever. */
async function navigateAndTime(page, href, selector, count) {
  return page.evaluate(
    ({ href, selector, count }) =>
      new Promise((resolve, reject) => {
        const link = document.querySelector(`.site-nav a[href="${href}"]`);
        const t0 = performance.now();
        link.click();
        const look = () => {
          if (document.querySelectorAll(selector).length >= count) requestAnimationFrame(() => resolve(performance.now() - t0));
          else if (performance.now() - t0 > 120_000) {
            const h1 = document.querySelector("main h1")?.textContent ?? "no heading";
            reject(new Error(`after a click on ${href}, ${selector} did not reach ${count} in 2 min (at ${location.pathname}: ${h1})`));
          } else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
    { href, selector, count },
  );
}
// The catalog paints its first page of cards; more come on "show more" (src/ui/components/paged.rs).
const CATALOG_PAGE = 24;
async function catalogRender(context, n) {
  const shown = Math.min(n, CATALOG_PAGE);
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction((n) => !document.getElementById("boot") && document.querySelectorAll(".module-card").length >= n, shown, { timeout: 120_000 });
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.locator('.site-nav a[href="/glossary"]').click();
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => !document.querySelector(".module-card"));
    times.push(await navigateAndTime(page, "/", ".module-card", shown));
  }
  await page.close();
  return median(times);
}
async function search(context) {
  // The first search as a learner meets it: the page opened at /search?q=…, timed from
  // navigation start to the frame that shows the results (app start, the search file fetched
  // and indexed on the way).
  const page = await context.newPage();
  const first = await timeFirstSearch(page, `${origin}/search?q=${encodeURIComponent(QUERIES[0])}`);
  // The generated search file reaches the page through Playwright's request interception, which
  // a real server does not add: its transfer alone, timed in the same page.
  const transfer = await page.evaluate(async () => {
    const t0 = performance.now();
    await (await fetch("/content/search/en.json", { cache: "no-store" })).text();
    return performance.now() - t0;
  });
  const measure = (q) => timeSearch(page, q, 600_000);
  const times = [];
  for (let rep = 0; rep < ROUNDS; rep++) {
    for (const q of QUERIES) {
      await measure("");
      times.push(await measure(q));
    }
  }
  await page.close();
  const shown = times.map((t) => t.shown);
  const inPage = times.map((t) => t.inPage);
  return {
    first_ms: round(first, 0),
    file_transfer_ms: round(transfer, 0),
    p50_ms: round(pct(shown, 50)),
    p95_ms: round(pct(shown, 95)),
    in_page_p50_ms: round(pct(inPage, 50)),
    in_page_p95_ms: round(pct(inPage, 95)),
  };
}
async function dashboard(context, content, n) {
  const page = await context.newPage();
  // What the page said, kept to explain a step that gives up (it found the bug of BENCHMARKS.md,
  // "What changed", ninth session).
  const said = [];
  page.on("console", (m) => said.push(`console ${m.type()}: ${m.text().slice(0, 300)}`));
  page.on("pageerror", (e) => said.push(`page error: ${e.message.slice(0, 300)}`));
  page.on("requestfailed", (r) => said.push(`request failed: ${new URL(r.url()).pathname} ${r.failure()?.errorText ?? ""}`));
  try {
    return await dashboardSteps(page, content, n);
  } catch (e) {
    const main = await page.locator("main").innerText().catch(() => "(no main)");
    throw new Error(`${e.message}\nthe page said:\n${said.slice(-20).join("\n") || "(nothing)"}\non screen: ${main.slice(0, 400)}`);
  } finally {
    await page.close();
  }
}
async function dashboardSteps(page, content, n) {
  await page.goto(`${origin}/settings`);
  await page.waitForSelector("main h1");
  const ids = JSON.parse(content.catalog).modules.map((m) => m.id);
  const first = JSON.parse(content.modules.get(ids[0]));
  const questions = first.quiz.questions.map((q) => q.id);
  await page.evaluate(
    async ({ ids, questions, attempts }) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open("erasmi");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction("quiz_attempts", "readwrite");
        const os = tx.objectStore("quiz_attempts");
        for (let i = 0; i < attempts; i++) {
          const module = ids[i % ids.length];
          const started = 1_700_000_000_000 + i * 60_000;
          os.put({
            profile: "default",
            id: `${module}/${started}`,
            module,
            module_version: 1,
            seed: i,
            started_at: started,
            finished_at: started + 600_000,
            questions,
            current: questions.length - 1,
            answers: Object.fromEntries(questions.map((q) => [q, { single_choice: "a" }])),
          });
        }
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { ids, questions, attempts: ATTEMPTS },
  );
  // The first visit, an in-app navigation from the settings page: it fetches and parses every
  // module file and builds each module's quiz summary from the stored attempts. The module
  // files reach the page through Playwright's request interception, which a real server does
  // not add: their transfer alone is timed in the same page afterwards.
  // Like the catalog, the dashboard paints its first page of modules; more come on "show more".
  const shown = Math.min(n, CATALOG_PAGE);
  await page.reload();
  await page.waitForFunction(() => !document.getElementById("boot"));
  const firstVisit = await navigateAndTime(page, "/progress", "[data-testid=module-progress] > li", shown);
  const files = await page.evaluate(async (ids) => {
    const t0 = performance.now();
    await Promise.all(ids.map((id) => fetch(`/content/modules/${encodeURIComponent(id)}.json`, { cache: "no-store" }).then((r) => r.text())));
    return performance.now() - t0;
  }, ids);
  // A visit in a new session: the summaries stored, nothing in memory. The page is opened
  // afresh, and the dashboard reached by an in-app navigation as before.
  await page.goto(`${origin}/settings`);
  await page.waitForFunction(() => !document.getElementById("boot"));
  const moduleFiles = [];
  const count = (r) => {
    if (new URL(r.url()).pathname.startsWith("/content/modules/")) moduleFiles.push(r.url());
  };
  page.on("request", count);
  const session = await navigateAndTime(page, "/progress", "[data-testid=module-progress] > li", shown);
  page.off("request", count);
  // Later visits: in-app navigations, the module files in memory and the summaries stored.
  const times = [];
  for (let i = 0; i < 3; i++) {
    await page.locator('.site-nav a[href="/glossary"]').click();
    await page.waitForFunction(() => !document.querySelector("[data-testid=module-progress]"));
    times.push(await navigateAndTime(page, "/progress", "[data-testid=module-progress] > li", shown));
  }
  return {
    later_ms: round(median(times), 0),
    first_ms: round(firstVisit, 0),
    first_files_ms: round(files, 0),
    session_ms: round(session, 0),
    session_module_files: moduleFiles.length,
  };
}
async function scale() {
  const rows = [];
  for (const n of SCALES) {
    const content = generate(n);
    const context = await routedContext(content);
    const renders = [];
    for (let i = 0; i < 3; i++) renders.push(await catalogRender(context, n));
    const s = await search(context);
    const dash = await dashboard(context, content, n);
    await context.close();
    rows.push({ modules: n, catalog_render_ms: round(median(renders)), search_first_ms: s.first_ms, search_file_transfer_ms: s.file_transfer_ms, search_p50_ms: s.p50_ms, search_p95_ms: s.p95_ms, search_in_page_p50_ms: s.in_page_p50_ms, search_in_page_p95_ms: s.in_page_p95_ms, dashboard_ms: dash.later_ms, dashboard_first_ms: dash.first_ms, dashboard_first_files_ms: dash.first_files_ms, dashboard_session_ms: dash.session_ms, dashboard_session_module_files: dash.session_module_files, attempts: ATTEMPTS });
    console.error(`scale ${n}: done`);
  }
  const growth = (k) => round(rows.at(-1)[k] / rows[0][k], 1);
  return {
    rows,
    growth_first_to_last: {
      modules: round(rows.at(-1).modules / rows[0].modules, 0),
      catalog_render: growth("catalog_render_ms"),
      search_p95: growth("search_p95_ms"),
      dashboard: growth("dashboard_ms"),
    },
  };
}

// --- e. saving an answer -------------------------------------------------------------------
function save() {
  const run = spawnSync(
    "cargo",
    ["test", "--release", "-p", "erasmi", "--target", "wasm32-unknown-unknown", "--test", "bench_store", "--", "--include-ignored", "--nocapture"],
    { encoding: "utf8", env: { ...process.env, CARGO_TERM_COLOR: "never" } },
  );
  const line = `${run.stdout}\n${run.stderr}`.match(/BENCH save_answer (\{.*\})/);
  if (!line) throw new Error(`the save benchmark printed no figures:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line[1]);
}

// --- what the wasm is made of ------------------------------------------------------------------
/** Crate of a demangled Rust symbol: the first `crate::` path segment in its name (for
 * `<F as tachys::…>::invoke` that is tachys), or the kind of a non-function item. */
function crateOf(name) {
  if (name.startsWith("data segment")) return "(data)";
  const m = name.match(/([a-z_][a-z0-9_]*)::/);
  return m ? m[1] : "(unnamed)";
}
function size() {
  const wasm = "target/wasm32-unknown-unknown/release/erasmi.wasm";
  const run = spawnSync("twiggy", ["top", "-n", "100000", "--format", "json", wasm], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`twiggy failed: ${run.stderr}`);
  // Names and wasm-bindgen's custom sections are not in the shipped file: count code and data.
  const items = JSON.parse(run.stdout).filter((i) => !i.name.startsWith('"') && !i.name.startsWith("custom section"));
  const total = items.reduce((a, i) => a + i.shallow_size, 0);
  const crates = new Map();
  for (const i of items) crates.set(crateOf(i.name), (crates.get(crateOf(i.name)) ?? 0) + i.shallow_size);
  const shipped = readdirSync("dist").find((n) => /^erasmi-[0-9a-f]+_bg\.wasm$/.test(n));
  // The parts of the app split off the main module (ARCHITECTURE.md, "Code splitting"), and the
  // chunks they share, fetched when a page of a part first opens.
  const partFiles = readdirSync("dist").filter((n) => /^(split|chunk)-.+\.wasm$/.test(n));
  const sizesOf = (files) => files.map((f) => compressedSizes(join("dist", f))).reduce((a, x) => ({ raw: a.raw + x.raw, gzip: a.gzip + x.gzip, brotli: a.brotli + x.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const parts = partFiles.filter((n) => n.startsWith("split-")).map((f) => {
    const z = compressedSizes(join("dist", f));
    return { part: f.replace(/^split-/, "").replace(/-[0-9a-f]{16}\.wasm$/, ""), raw_kb: kb(z.raw), gzip_kb: kb(z.gzip) };
  });
  const chunks = partFiles.filter((n) => n.startsWith("chunk-"));
  const all = sizesOf([shipped, ...partFiles]);
  return {
    note: "shallow sizes in the wasm before wasm-bindgen and wasm-opt (names kept); the shipped file is smaller",
    analysed_kb: kb(total),
    shipped: { file: shipped, ...Object.fromEntries(Object.entries(compressedSizes(join("dist", shipped))).map(([k, v]) => [`${k}_kb`, kb(v)])) },
    parts,
    chunks: { files: chunks.length, ...Object.fromEntries(Object.entries(sizesOf(chunks)).map(([k, v]) => [`${k}_kb`, kb(v)])) },
    all_wasm: { files: 1 + partFiles.length, ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`${k}_kb`, kb(v)])) },
    by_crate: [...crates].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([crate, bytes]) => ({ crate, kb: kb(bytes), percent: round((100 * bytes) / total) })),
    top_functions: items.slice(0, 20).map((i) => ({ name: i.name.slice(0, 120), kb: kb(i.shallow_size) })),
  };
}

// --- the main thread at start-up -----------------------------------------------------------
// Lighthouse's blocking time is simulated from one unthrottled load, and moves a lot between
// runs. This loads each page in a fresh context with the CPU slowed down 4× (as Lighthouse
// assumes for a phone), so the app really runs that slowly, and records the long tasks
// (PerformanceObserver) from the first paint until the app has drawn.
const STARTUP_ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS || 7);
async function startupLoad(path) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 412, height: 823 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 60_000 });
  // Whatever the app's last step set off runs in the next tasks.
  await page.waitForTimeout(1000);
  const { tasks, fcp } = await page.evaluate(() => ({
    tasks: window.__longTasks,
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
  }));
  await context.close();
  const after = tasks.filter(([start]) => start >= fcp).map(([, d]) => d);
  return { blocking: after.reduce((sum, d) => sum + Math.max(0, d - 50), 0), longest: Math.max(0, ...after), count: after.length };
}
async function startup() {
  const pages = { catalog: "/", lesson: lessonPath };
  const runs = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  for (let i = 0; i < STARTUP_ROUNDS; i++) {
    for (const [name, path] of Object.entries(pages)) runs[name].push(await startupLoad(path));
  }
  return Object.entries(runs).map(([page, r]) => ({
    page,
    rounds: r.length,
    blocking_ms: round(median(r.map((x) => x.blocking))),
    longest_task_ms: round(median(r.map((x) => x.longest))),
    long_tasks: median(r.map((x) => x.count)),
  }));
}

// --- b. Lighthouse -------------------------------------------------------------------------
function lighthouse() {
  mkdirSync("bench", { recursive: true });
  const run = spawnSync("node", ["tools/audit.mjs", "--runs", "3", "--json", "bench/lighthouse.json"], { stdio: ["ignore", "inherit", "inherit"] });
  if (run.status !== 0) throw new Error("Lighthouse failed");
  return JSON.parse(readFileSync("bench/lighthouse.json", "utf8"));
}

try {
  for (const section of sections) {
    console.error(`bench: ${section}…`);
    if (section === "size") results.size = size();
    if (section === "transfer") results.transfer = await transfer();
    if (section === "lesson") results.lesson = await lesson();
    if (section === "scale") results.scale = await scale();
    if (section === "save") results.save = save();
    if (section === "startup") results.startup = await startup();
    if (section === "lighthouse") {
      await browser.close();
      cleanup();
      results.lighthouse = lighthouse();
    }
    // Kept after every section, so a failure later loses nothing measured.
    mkdirSync("bench", { recursive: true });
    writeFileSync("bench/results.json", JSON.stringify(results, null, 2));
  }
} finally {
  await browser.close().catch(() => {});
  cleanup();
}

mkdirSync("bench", { recursive: true });
writeFileSync("bench/results.json", JSON.stringify(results, null, 2));

// --- the table -----------------------------------------------------------------------------
const rows = [];
if (results.size) {
  const z = results.size;
  rows.push({ figure: "main wasm", value: `${z.shipped.raw_kb} KB raw, ${z.shipped.gzip_kb} KB gzip, ${z.shipped.brotli_kb} KB brotli`, target: "" });
  if (z.parts?.length) {
    rows.push({ figure: "parts, gzip", value: z.parts.map((p) => `${p.part} ${p.gzip_kb} KB`).join(", ") + `; ${z.chunks.files} shared chunks ${z.chunks.gzip_kb} KB`, target: "" });
    rows.push({ figure: "all wasm files", value: `${z.all_wasm.files} files, ${z.all_wasm.raw_kb} KB raw, ${z.all_wasm.gzip_kb} KB gzip`, target: "" });
  }
  rows.push({ figure: "largest crates in the wasm", value: z.by_crate.slice(0, 6).map((c) => `${c.crate} ${c.percent} %`).join(", "), target: "" });
}
const t = results.transfer;
if (t) {
  rows.push({ figure: "first load until the catalog is interactive", value: `${t.first_load.gzip_kb} KB gzip, ${t.first_load.brotli_kb} KB brotli (${t.first_load.requests} requests)`, target: "≤ 200 KB gzip" });
  rows.push({ figure: "before the catalog is readable (index.html and stylesheet)", value: `${t.first_screen.gzip_kb} KB gzip, ${t.first_screen.brotli_kb} KB brotli (${t.first_screen.requests} requests)`, target: "" });
  if (t.lesson_screen) {
    rows.push({ figure: "before a lesson is readable (its page and stylesheet)", value: `${t.lesson_screen.gzip_kb} KB gzip, ${t.lesson_screen.brotli_kb} KB brotli (${t.lesson_screen.requests} requests)`, target: "" });
    rows.push({ figure: "a lesson's address until the app answers", value: `${t.lesson_load.gzip_kb} KB gzip, ${t.lesson_load.brotli_kb} KB brotli (${t.lesson_load.requests} requests)`, target: "" });
  }
  rows.push({ figure: "full offline download", value: `${t.offline.gzip_kb} KB gzip, ${t.offline.brotli_kb} KB brotli (${t.offline.files} files)`, target: "" });
}
for (const s of results.startup ?? []) {
  rows.push({ figure: `start-up at 4× slower CPU, ${s.page}`, value: `blocking ${s.blocking_ms} ms; longest task ${s.longest_task_ms} ms; ${s.long_tasks} long tasks (median of ${s.rounds})`, target: "" });
}
for (const l of results.lighthouse ?? []) {
  rows.push({ figure: `Lighthouse mobile, ${l.page}`, value: `perf ${l.performance}, a11y ${l.accessibility}, best practices ${l["best practices"]}; LCP ${l["LCP ms"]} ms, TBT ${l["TBT ms"]} ms, CLS ${l.CLS}`, target: "≥ 98 / 100 / 100" });
}
const ls = results.lesson;
if (ls) {
  rows.push({ figure: "time to lesson text, cold", value: `${ls.cold.app_ms} ms (static page ${ls.cold.static_ms} ms, ${ls.cold.ratio}×)`, target: "" });
  rows.push({ figure: "time to lesson text, warm", value: `${ls.warm.app_ms} ms (static page ${ls.warm.static_ms} ms, ${ls.warm.ratio}×)`, target: "≤ 1.5×" });
}
for (const r of results.scale?.rows ?? []) {
  rows.push({ figure: `${r.modules} modules: catalog render`, value: `${r.catalog_render_ms} ms`, target: r.modules === 1000 ? "≤ 100 ms" : "" });
  rows.push({ figure: `${r.modules} modules: search p50 / p95 on screen (first search)`, value: `${r.search_p50_ms} / ${r.search_p95_ms} ms (${r.search_first_ms} ms, of which ${r.search_file_transfer_ms} ms file transfer)`, target: r.modules === 1000 ? "p95 ≤ 30 ms" : "" });
  rows.push({ figure: `${r.modules} modules: search p50 / p95 in the page`, value: `${r.search_in_page_p50_ms} / ${r.search_in_page_p95_ms} ms`, target: "" });
  rows.push({ figure: `${r.modules} modules: dashboard, ${r.attempts} attempts`, value: `${r.dashboard_ms} ms`, target: "≤ 100 ms" });
  if (r.dashboard_first_ms !== undefined) rows.push({ figure: `${r.modules} modules: dashboard, first visit`, value: `${r.dashboard_first_ms} ms (module files' transfer alone ${r.dashboard_first_files_ms} ms)`, target: "" });
  if (r.dashboard_session_ms !== undefined) rows.push({ figure: `${r.modules} modules: dashboard, first visit of a new session (summaries stored)`, value: `${r.dashboard_session_ms} ms (${r.dashboard_session_module_files} module files read)`, target: "" });
}
if (results.scale) {
  const g = results.scale.growth_first_to_last;
  rows.push({ figure: `growth for ${g.modules}× the modules`, value: `catalog ${g.catalog_render}×, search p95 ${g.search_p95}×, dashboard ${g.dashboard}×`, target: `≤ ${g.modules}× (linear)` });
}
if (results.save) rows.push({ figure: `saving one answer (${results.save.saves} saves)`, value: `p50 ${results.save.p50_ms} ms, p95 ${results.save.p95_ms} ms`, target: "p95 ≤ 5 ms" });
console.table(rows);
console.log("Written: bench/results.json");
