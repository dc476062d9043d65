// Generated content for the scale benchmark: N modules built from the shipped ones (cycled, each
// copy with its own id and numbered title), with a catalog that lists them all. Nothing is
// written to content/; the benchmark serves the generated files to the page in place of the
// shipped ones.
//
// Usage as a script: node tools/bench/gen-content.mjs N OUT_DIR  (writes catalog.json and modules/)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const read = (f) => JSON.parse(readFileSync(join("content", f), "utf8"));

/** Returns { catalog, modules: Map<id, module JSON text> } for `n` modules. */
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
  return { catalog: JSON.stringify({ ...catalog, modules: entries }), modules };
}

if (process.argv[1] && process.argv[1].endsWith("gen-content.mjs")) {
  const [n, out] = [Number(process.argv[2] || 10), process.argv[3] || "target/generated-content"];
  const { catalog, modules } = generate(n);
  mkdirSync(join(out, "modules"), { recursive: true });
  writeFileSync(join(out, "catalog.json"), catalog);
  for (const [id, text] of modules) writeFileSync(join(out, "modules", `${id}.json`), text);
  console.log(`${n} modules in ${out}`);
}
