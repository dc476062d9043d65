// The catalog's first screen, written into a build's index.html in every language.
//
// Until the wasm has arrived, index.html would show only "Loading …". With this, an inline script
// (tools/first-paint.js) shows the catalog as the app will draw it (header, module cards, footer) in the learner's
// language, so a learner on a slow connection can read the modules at once, and the app, once
// started, replaces it with the same page (src/app.rs removes #boot when it mounts).
//
// The markup mirrors the app's components for a learner with no progress (the first-paint
// script adds the profile and the "continue" card of the last visit): Header
// (src/ui/components/header.rs, profile_menu.rs, avatar.rs), CatalogPage and ModuleCard
// (src/ui/pages/catalog.rs), PagedList (src/ui/components/paged.rs), ProgressRing and Footer.
// tests/e2e/first-paint.spec.ts compares both, text and layout, in each language; a change to
// one of those components that is not made here fails there.
//
// Everything comes from the build's own content files, so the page always matches the content
// shipped beside it. The result replaces what lies between <!--prerender--> and <!--/prerender-->.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Items the catalog shows before "Show more" (PAGE in src/ui/components/paged.rs). */
const PAGE = 24;
/** The avatar colour of the first profile (id `default`, no stored colour), which
 * `Profile::color` derives from the id; a core test keeps the two equal. The first-paint script
 * uses the colour of the last visit when it has one. */
const FIRST_COLOUR = "blue";

const START = "<!--prerender-->";
const END = "<!--/prerender-->";

function esc(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function readJson(dir, path) {
  return JSON.parse(readFileSync(join(dir, "content", path), "utf8"));
}

/** UI strings of one language with English as the fallback (core/src/i18n.rs `Strings`). */
function strings(own, english, lang) {
  const get = (key) => own[key] ?? english[key] ?? key;
  const fill = (text, args) => Object.entries(args).reduce((t, [k, v]) => t.split(`{${k}}`).join(v), text);
  const number = (n) => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
  return {
    raw: get,
    t: (key) => esc(get(key)),
    format: (key, args) => esc(fill(get(key), args)),
    plural(key, count, args = {}) {
      const category = new Intl.PluralRules(lang).select(count);
      const text = own[`${key}#${category}`] ?? own[key] ?? english[`${key}#${category}`] ?? english[key] ?? key;
      return esc(fill(text, { count: number(count), ...args }));
    },
    number,
  };
}

/** Localised content text, falling back to English, then to any language (`LocalizedText::get`). */
function local(text, lang) {
  return esc(text?.[lang] ?? text?.en ?? Object.values(text ?? {})[0] ?? "");
}

/** Initials of a name: first letters of the first and the last word (`Profile::initials`). */
function initials(name) {
  const words = name.split(/\s+/).filter(Boolean).map((w) => [...w][0]);
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.join("").toUpperCase();
}

/** The navigation's links, in the order of `Header`. */
const NAV = [
  ["/", "nav-catalog", "nav.catalog"],
  ["/cases", "nav-cases", "nav.cases"],
  ["/blueprints", "nav-blueprints", "nav.blueprints"],
  ["/tools", "nav-tools", "nav.tools"],
  ["/glossary", "nav-glossary", "nav.glossary"],
  ["/progress", "nav-progress", "nav.progress"],
];

/** The navigation's icon outlines, read from `NAV_ICONS` in the header's source, so both pages
 * draw the same icons from one table. */
const ICONS = (() => {
  const source = readFileSync(new URL("../src/ui/components/header.rs", import.meta.url), "utf8");
  const table = source.slice(source.indexOf("const NAV_ICONS"));
  const icons = new Map([...table.matchAll(/\(\s*"(nav-[a-z]+)",\s*"([^"]+)",?\s*\)/g)].map((m) => [m[1], m[2]]));
  for (const [, cls] of NAV) if (!icons.has(cls)) throw new Error(`prerender: no icon for ${cls} in NAV_ICONS (header.rs)`);
  return icons;
})();

function navIcon(cls) {
  return `<svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${ICONS.get(cls)}"></path></svg>`;
}

function header(s, lang, languages) {
  const unnamed = s.t("profiles.unnamed");
  const options = languages
    .map((l) => `<option value="${esc(l.code)}"${l.code === lang ? ' selected=""' : ""}>${esc(l.name)}</option>`)
    .join("");
  return (
    `<header class="site-header">` +
    `<a href="/" aria-current="page" class="brand"><span class="brand-mark" aria-hidden="true">E</span><span class="brand-name">${s.t("app.name")}</span></a>` +
    `<nav class="site-nav" aria-label="${s.t("nav.label")}">` +
    NAV.map(([href, cls, key], i) => {
      const current = i === 0 ? ' aria-current="page"' : "";
      return `<a href="${href}"${current} class="${cls}">${navIcon(cls)}${s.t(key)}</a>`;
    }).join("") +
    `</nav>` +
    // Before the app runs, the search form still works as a plain form.
    `<form class="header-search" role="search" action="/search" method="get">` +
    `<label class="visually-hidden" for="header-search">${s.t("search.label")}</label>` +
    `<input id="header-search" name="q" type="search" placeholder="${s.t("search.placeholder")}">` +
    `<button class="button button-small" type="submit">${s.t("search.submit")}</button>` +
    `</form>` +
    `<span class="online-indicator" role="status" data-offline="${s.t("pwa.offline")}"><span class="dot" aria-hidden="true"></span><span class="label">${s.t("pwa.online")}</span></span>` +
    `<details class="profile-menu"><summary>` +
    `<span class="avatar avatar-${FIRST_COLOUR}" aria-hidden="true">${esc(initials(s.raw("profiles.unnamed")))}</span>` +
    `<span class="profile-name">${unnamed}</span><span class="visually-hidden">${s.t("profiles.menu_hint")}</span>` +
    `</summary></details>` +
    `<label class="lang-switch"><span class="visually-hidden">${s.t("nav.language")}</span><select>${options}</select></label>` +
    `</header>`
  );
}

function card(s, lang, entry, competences) {
  const total = entry.lessons.length;
  const chips = entry.competences
    .map((id) => competences.get(id))
    .filter(Boolean)
    .map((c) => `<li class="chip">${local(c.name, lang)}</li>`)
    .join("");
  return (
    `<li class="card module-card"><div class="card-head"><h2><a href="/module/${esc(entry.id)}">${local(entry.title, lang)}</a></h2>` +
    `<span class="progress-ring" role="img" aria-label="${s.format("progress.lessons_done", { done: "0", total: String(total) })}">` +
    `<svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true"><circle class="ring-track" cx="20" cy="20" r="16"></circle>` +
    `<circle class="ring-value" cx="20" cy="20" r="16" stroke-dasharray="0.00 100.53" transform="rotate(-90 20 20)"></circle></svg>` +
    `<span class="ring-text" aria-hidden="true">0%</span></span></div>` +
    `<p>${local(entry.summary, lang)}</p>` +
    `<ul class="chips" aria-label="${s.t("catalog.competences")}">${chips}</ul>` +
    `<p class="meta">${s.format("module.duration", { minutes: String(entry.duration_minutes) })} · ${s.plural("module.lesson_count", total)}</p>` +
    `</li>`
  );
}

function page(s, lang, language, languages, catalog, competences) {
  const modules = catalog.modules;
  const shown = Math.min(PAGE, modules.length);
  const more =
    shown < modules.length
      ? `<div class="list-more"><p class="meta">${s.format("catalog.shown", { shown: s.number(shown), total: s.number(modules.length) })}</p>` +
        `<button type="button" class="button">${s.format("catalog.more", { count: s.number(Math.min(PAGE, modules.length - shown)) })}</button></div>`
      : "";
  return (
    `<div class="prerender" data-lang="${esc(lang)}" data-dir="${esc(language.dir || "ltr")}" lang="${esc(lang)}" hidden="">` +
    `<a class="skip-link" href="#main">${s.t("nav.skip")}</a>` +
    header(s, lang, languages) +
    `<main id="main" tabindex="-1"><div class="page catalog-page">` +
    `<h1 tabindex="-1">${s.t("catalog.title")}</h1><p class="lead">${s.t("catalog.lead")}</p>` +
    // The "continue" card (ContinueCard): the first-paint script fills it in from the last visit's hint.
    `<section class="continue-card" aria-labelledby="continue-title" hidden=""><h2 id="continue-title">${s.t("catalog.continue.title")}</h2>` +
    `<p><strong></strong> · </p><a href="/" class="button button-primary">${s.t("catalog.continue.action")}</a></section>` +
    `<ul class="card-grid" aria-label="${s.t("catalog.modules")}">` +
    modules.slice(0, shown).map((m) => card(s, lang, m, competences)).join("") +
    `</ul>${more}</div></main>` +
    `<footer class="site-footer"><nav aria-label="${s.t("nav.footer")}">` +
    `<a href="/saved">${s.t("nav.saved")}</a><a href="/settings">${s.t("nav.settings")}</a><a href="/about">${s.t("nav.about")}</a>` +
    `</nav><p>${s.t("footer.funding")}</p></footer>` +
    `</div>`
  );
}

/** Writes the first screen of every language into `dir`/index.html; returns its size in bytes. */
export function prerender(dir) {
  const indexPath = join(dir, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const start = html.indexOf(START);
  const end = html.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`prerender: index.html has no ${START}${END} marker`);
  }
  const catalog = readJson(dir, "catalog.json");
  const languages = readJson(dir, "i18n/languages.json").languages;
  const english = readJson(dir, "i18n/en.json");
  let competences = new Map();
  try {
    competences = new Map(readJson(dir, "competences.json").competences.map((c) => [c.id, c]));
  } catch {
    // Without the competence file the app shows no chips either.
  }
  const blocks = languages.map((language) => {
    const own = language.code === "en" ? english : readJson(dir, `i18n/${language.code}.json`);
    const s = strings(own, english, language.code);
    return page(s, language.code, language, languages, catalog, competences);
  });
  // The script that shows one block runs inline, right after them (tools/first-paint.js), and
  // the Content Security Policy allows it by its hash, in the page and in _headers.
  const script = readFileSync(new URL("./first-paint.js", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .join("\n")
    .trim();
  const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
  const body = blocks.join("\n") + `<script>${script}</script>`;
  let out = html.slice(0, start + START.length) + body + html.slice(end);
  out = allowScript(out, hash);
  writeFileSync(indexPath, out);
  const headersPath = join(dir, "_headers");
  if (existsSync(headersPath)) {
    writeFileSync(headersPath, allowScript(readFileSync(headersPath, "utf8"), hash));
  }
  return Buffer.byteLength(body);
}

/** The policy's `script-src` with `hash` as its only script hash. */
function allowScript(text, hash) {
  const policies = text.match(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?/g) ?? [];
  if (policies.length === 0) throw new Error("prerender: no script-src 'self' to allow the first-paint script in");
  return text.replace(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?/g, `script-src 'self' ${hash}`);
}
