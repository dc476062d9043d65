// `make audit`: Lighthouse 12.2.3 (pinned in package.json) in Debian's Chromium against the
// release build (dist/) behind the project's compressing static server, with Lighthouse's
// default mobile settings (simulated throttling). Saves the JSON and HTML reports of the catalog
// and a lesson in target/audit/ and prints the category scores.
//
// Options: --runs N (default 1) audits each page N times and reports the median of each figure;
// --json FILE also writes the medians there (used by `make bench`).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const PORT = Number(process.env.AUDIT_PORT || 4185);
const argv = process.argv.slice(2);
const arg = (name) => (argv.indexOf(`--${name}`) >= 0 ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const RUNS = Number(arg("runs") || 1);
const JSON_OUT = arg("json");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const origin = `http://127.0.0.1:${PORT}`;
const catalog = JSON.parse(readFileSync("dist/content/catalog.json", "utf8"));
const first = catalog.modules[0];
const pages = [
  { name: "catalog", path: "/" },
  { name: "lesson", path: `/module/${first.id}/lesson/${first.lessons[0]?.id ?? first.lessons[0]}` },
];

const server = spawn("node", ["tools/serve.mjs", "--dir", "dist", "--host", "127.0.0.1", "--port", String(PORT)], {
  stdio: "ignore",
});
const stop = () => server.kill();
process.on("exit", stop);

async function waitForServer() {
  let last;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${origin}/`)).ok) return;
    } catch (e) {
      last = e.cause || e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the static server did not start on ${origin}: ${last}`);
}

await waitForServer();
mkdirSync("target/audit", { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const rows = [];
try {
  for (const p of pages) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(`${origin}${p.path}`, {
        port: chrome.port,
        output: ["json", "html"],
        logLevel: "error",
      });
      const [json, html] = result.report;
      writeFileSync(`target/audit/${p.name}.report.json`, json);
      writeFileSync(`target/audit/${p.name}.report.html`, html);
      const lhr = result.lhr;
      if (lhr.runtimeError) console.error(`${p.name}: ${lhr.runtimeError.message}`);
      const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const ms = (a) => Math.round(lhr.audits[a]?.numericValue ?? 0);
      runs.push({
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best practices": score("best-practices"),
        "LCP ms": ms("largest-contentful-paint"),
        "TBT ms": ms("total-blocking-time"),
        CLS: Number((lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0).toFixed(3)),
      });
    }
    const row = { page: p.name, runs: RUNS };
    for (const key of Object.keys(runs[0])) row[key] = median(runs.map((r) => r[key]));
    rows.push(row);
  }
} finally {
  await chrome.kill();
  stop();
}
console.table(rows);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2));
console.log("Reports: target/audit/{catalog,lesson}.report.{json,html}");
