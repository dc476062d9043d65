// Trunk post-build hook: runs on the staged build (TRUNK_STAGING_DIR) before it becomes dist/.
//
// Trunk 0.21 injects an inline <script type="module"> that loads the wasm. The Content Security
// Policy allows no inline script, so this moves that script into a content-hashed file and points
// index.html at it.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
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
