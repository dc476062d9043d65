// Generated content for the scale benchmark: N modules built from the shipped ones (cycled, each
// copy with its own id and numbered title), with a catalog that lists them all. Nothing is
// written to content/; the benchmark serves the generated files to the page in place of the
// shipped ones.
//
// The search files (search/<lang>.json) and progress.json are written by the publishing tool itself
// (`content-check --write-catalog`), over a folder with the generated modules and the shipped
// shared files, exactly as `make catalog` writes them for content/.
//
// Usage as a script: node tools/bench/gen-content.mjs N OUT_DIR  (writes a whole content folder)
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The modules as the build ships them (dist/content/, markdown parsed), which is what the app reads.
const read = (f) => JSON.parse(readFileSync(join("dist", "content", f), "utf8"));

/** Returns { catalog, modules: Map<id, module JSON text>, search: Map<lang, JSON text>,
 * progress: JSON text } for `n` modules. */
export function generate(n) {
  const catalog = read("catalog.json");
  const sources = catalog.modules.map((entry) => ({ entry, module: read(`modules/${entry.id}.json`) }));
  const entries = [];
  const modules = new Map();
  for (let i = 0; i < n; i++) {
    const { entry, module } = sources[i % sources.length];
    const id = `${entry.id}-${String(i + 1).padStart(4, "0")}`;
    const number = ` ${i + 1}`;
    const title = Object.fromEntries(Object.entries(entry.title).map(([l, t]) => [l, t + number]));
    entries.push({ ...entry, id, title });
    modules.set(id, JSON.stringify({ ...module, id, title }));
  }
  const content = { catalog: JSON.stringify({ ...catalog, modules: entries }), modules, search: new Map() };
  const dir = join("target", "bench-content", String(n));
  write(content, dir);
  for (const f of readdirSync(join(dir, "search"))) content.search.set(f.replace(/\.json$/, ""), readFileSync(join(dir, "search", f), "utf8"));
  content.progress = readFileSync(join(dir, "progress.json"), "utf8");
  return content;
}

/** Writes a whole content folder for `content` to `out`, search files included. */
function write({ catalog, modules }, out) {
  rmSync(out, { recursive: true, force: true });
  cpSync(join("dist", "content"), out, { recursive: true, filter: (src) => !src.includes("/modules/") && !src.includes("/search/") });
  mkdirSync(join(out, "modules"), { recursive: true });
  writeFileSync(join(out, "catalog.json"), catalog);
  for (const [id, text] of modules) writeFileSync(join(out, "modules", `${id}.json`), text);
  const run = spawnSync("cargo", ["run", "-q", "--release", "-p", "erasmi-core", "--bin", "content-check", "--", "--write-catalog", out], { stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) throw new Error(`content-check --write-catalog ${out} failed`);
}

if (process.argv[1] && process.argv[1].endsWith("gen-content.mjs")) {
  const [n, out] = [Number(process.argv[2] || 10), process.argv[3] || "target/generated-content"];
  const content = generate(n);
  write(content, out);
  console.log(`${n} modules in ${out}`);
}
