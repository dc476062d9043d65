// Search latency over the shipped corpus, in Debian's Chromium against the release build.
// A benchmark, not a test: it reports figures and never fails on them.
//
// Measures, per language: the first search (the page opened at /search?q=…, from navigation
// start to the frame that shows the results: app start, the language's search file fetched and
// indexed), then for each query the time from the input event to the next painted frame with
// results, repeated; reports p50 and p95. Writes bench/search.json.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { pct, timeFirstSearch, timeSearch } from "./bench/search-timing.mjs";

const PORT = Number(process.env.BENCH_PORT || 4176);
const REPS = Number(process.env.BENCH_REPS || 5);
const QUERIES = {
  en: ["network", "trust", "action plan", "stakeholder map", "data protection", "volunteer", "refugee", "theory of change", "indicator", "backbone", "partic", "mun"],
  de: ["Netzwerk", "Vertrauen", "Aktionsplan", "Öffentlichkeit", "Oeffentlichkeit", "Datenschutz", "Ehrenamt", "Geflüchtete", "Wirkungslogik", "Indikator", "Beteil", "Kommun"],
};

const server = spawn("node", ["tools/serve.mjs", "--dir", "dist", "--port", String(PORT)], { stdio: "ignore" });
// The server compresses every file before it listens.
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});


const results = {};
try {
  for (const lang of Object.keys(QUERIES)) {
    const context = await browser.newContext({ locale: lang, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.addInitScript((l) => Object.defineProperty(navigator, "languages", { get: () => [l] }), lang);
    const first = await timeFirstSearch(page, `http://127.0.0.1:${PORT}/search?q=${encodeURIComponent(QUERIES[lang][0])}`);
    const measure = (q) => timeSearch(page, q);
    const times = [];
    for (let rep = 0; rep < REPS; rep++) {
      for (const q of QUERIES[lang]) {
        await measure("");
        times.push(await measure(q));
      }
    }
    const shown = times.map((t) => t.shown);
    const inPage = times.map((t) => t.inPage);
    results[lang] = {
      first_search_ms: Math.round(first),
      queries: times.length,
      p50_ms: +pct(shown, 50).toFixed(1),
      p95_ms: +pct(shown, 95).toFixed(1),
      max_ms: +Math.max(...shown).toFixed(1),
      in_page_p50_ms: +pct(inPage, 50).toFixed(1),
      in_page_p95_ms: +pct(inPage, 95).toFixed(1),
    };
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

mkdirSync("bench", { recursive: true });
writeFileSync("bench/search.json", JSON.stringify({ date: new Date().toISOString(), results }, null, 2) + "\n");
console.log("search latency (input → painted results), release build, headless Chromium");
console.log("lang | first search (open the page to results) | queries | p50 | p95 | max | in the page p50 / p95");
for (const [lang, r] of Object.entries(results)) {
  console.log(`${lang} | ${r.first_search_ms} ms | ${r.queries} | ${r.p50_ms} ms | ${r.p95_ms} ms | ${r.max_ms} ms | ${r.in_page_p50_ms} / ${r.in_page_p95_ms} ms`);
}
