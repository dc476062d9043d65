// Builds the update test's second release ("build B") into target/update/next:
// the same app one IndexedDB schema version ahead (`--cfg erasmi_next_schema`, with one more
// upgrade step) and with content that differs (a module title), then writes its service worker.
// Its own cargo target directory keeps it from disturbing the main build. `make test` runs it
// before the end-to-end tests; tests/e2e/update.spec.ts serves first dist/, then this build.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = "target/update/next";
rmSync(out, { recursive: true, force: true });
const env = {
  ...process.env,
  RUSTFLAGS: `${process.env.RUSTFLAGS || ""} --cfg erasmi_next_schema`.trim(),
  CARGO_TARGET_DIR: "target/update/cargo",
};
const build = spawnSync("trunk", ["build", "--release", "--dist", out], { env, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

// Content B: the first module has a new title, in the catalog and in its own file.
const catalogPath = join(out, "content/catalog.json");
const catalog = JSON.parse(readFileSync(catalogPath, "utf8"));
const first = catalog.modules[0];
const modulePath = join(out, `content/modules/${first.id}.json`);
const module = JSON.parse(readFileSync(modulePath, "utf8"));
for (const doc of [first, module]) {
  doc.title.en = `${doc.title.en} (updated)`;
  doc.title.de = `${doc.title.de} (aktualisiert)`;
}
writeFileSync(catalogPath, JSON.stringify(catalog, null, 2) + "\n");
writeFileSync(modulePath, JSON.stringify(module, null, 2) + "\n");

const sw = spawnSync("node", ["tools/post-build.mjs", "--sw-only", out], { stdio: "inherit" });
process.exit(sw.status ?? 1);
