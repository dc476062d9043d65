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
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

/** The header. `home`: the page is the catalog, whose links the app marks as the current page. */
function header(s, lang, languages, home) {
  const unnamed = s.t("profiles.unnamed");
  const options = languages
    .map((l) => `<option value="${esc(l.code)}"${l.code === lang ? ' selected=""' : ""}>${esc(l.name)}</option>`)
    .join("");
  return (
    `<header class="site-header">` +
    `<a href="/"${home ? ' aria-current="page"' : ""} class="brand"><span class="brand-mark" aria-hidden="true">E</span><span class="brand-name">${s.t("app.name")}</span></a>` +
    `<nav class="site-nav" aria-label="${s.t("nav.label")}">` +
    NAV.map(([href, cls, key], i) => {
      const current = home && i === 0 ? ' aria-current="page"' : "";
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
    block(s, lang, language, "/") +
    header(s, lang, languages, true) +
    `<main id="main" tabindex="-1"><div class="page catalog-page">` +
    `<h1 tabindex="-1">${s.t("catalog.title")}</h1><p class="lead">${s.t("catalog.lead")}</p>` +
    // The "continue" card (ContinueCard): the first-paint script fills it in from the last visit's hint.
    `<section class="continue-card" aria-labelledby="continue-title" hidden=""><h2 id="continue-title">${s.t("catalog.continue.title")}</h2>` +
    `<p><strong></strong> · </p><a href="/" class="button button-primary">${s.t("catalog.continue.action")}</a></section>` +
    `<ul class="card-grid" aria-label="${s.t("catalog.modules")}">` +
    modules.slice(0, shown).map((m) => card(s, lang, m, competences)).join("") +
    `</ul>${more}</div></main>` +
    footer(s) +
    `</div>`
  );
}

/** The opening of one language's block, up to the skip link; `path` is the address it shows
 * (tools/first-paint.js shows a block only at its own address). */
function block(s, lang, language, path) {
  return (
    `<div class="prerender" data-path="${esc(path)}" data-lang="${esc(lang)}" data-dir="${esc(language.dir || "ltr")}" lang="${esc(lang)}" hidden="">` +
    `<a class="skip-link" href="#main">${s.t("nav.skip")}</a>`
  );
}

/** The footer (src/ui/components/footer.rs) as a learner with no trainer mode sees it. */
function footer(s) {
  return (
    `<footer class="site-footer"><nav aria-label="${s.t("nav.footer")}">` +
    `<a href="/saved">${s.t("nav.saved")}</a><a href="/settings">${s.t("nav.settings")}</a><a href="/about">${s.t("nav.about")}</a>` +
    `</nav><p>${s.t("footer.funding")}</p></footer>`
  );
}

/** A parsed lesson document (core/src/markdown.rs `Node`, as serde writes it) as the app's
 * `Markdown` component draws it (src/ui/components/markdown.rs). */
function markdown(nodes) {
  return nodes.map(node).join("");
}

function node(n) {
  if (n === "Rule") return "<hr>";
  if (n === "LineBreak") return "<br>";
  const [kind, v] = Object.entries(n)[0];
  switch (kind) {
    case "Heading": {
      const tag = v.level <= 2 ? "h2" : v.level === 3 ? "h3" : "h4";
      return `<${tag} id="${esc(v.anchor)}">${markdown(v.children)}</${tag}>`;
    }
    case "Paragraph":
      return `<p>${markdown(v)}</p>`;
    case "List": {
      const items = v.items.map((i) => `<li>${markdown(i)}</li>`).join("");
      return v.ordered ? `<ol start="${Number(v.start)}">${items}</ol>` : `<ul>${items}</ul>`;
    }
    case "Quote":
      return `<blockquote>${markdown(v)}</blockquote>`;
    case "Table":
      return (
        `<div class="table-scroll"><table><thead><tr>${v.head.map((c) => `<th scope="col">${markdown(c)}</th>`).join("")}</tr></thead>` +
        `<tbody>${v.rows.map((r) => `<tr>${r.map((c) => `<td>${markdown(c)}</td>`).join("")}</tr>`).join("")}</tbody></table></div>`
      );
    case "CodeBlock":
      return `<pre><code>${esc(v)}</code></pre>`;
    case "Text":
      return esc(v);
    case "Emphasis":
      return `<em>${markdown(v)}</em>`;
    case "Strong":
      return `<strong>${markdown(v)}</strong>`;
    case "Strikethrough":
      return `<s>${markdown(v)}</s>`;
    case "Code":
      return `<code>${esc(v)}</code>`;
    case "Link": {
      const [target, to] = Object.entries(v.target)[0];
      const inner = markdown(v.children);
      if (target === "External") return `<a href="${esc(to)}" target="_blank" rel="noopener noreferrer" class="external">${inner}</a>`;
      if (target === "Internal") return `<a href="${esc(to)}">${inner}</a>`;
      if (target === "Glossary") return `<a href="/glossary#${esc(to)}" class="glossary-link">${inner}</a>`;
      if (target === "Anchor") return `<a href="#${esc(to)}">${inner}</a>`;
      throw new Error(`prerender: unknown link target ${target}`);
    }
    default:
      throw new Error(`prerender: unknown markdown node ${kind}`);
  }
}

/** A lesson as the app's LessonPage draws it (src/ui/pages/lesson.rs) for a learner who has not
 * bookmarked it, marked it done or written a note. The buttons wait for the app; the note field
 * is read-only until then, so nothing typed into it can be lost when the app takes over. The
 * interactive elements carry no test ids: those belong to the app's page. */
function lessonBlock(s, lang, language, languages, page, t) {
  const path = `/module/${page.module}/lesson/${page.lesson}`;
  const noteId = `note-${page.module}-${page.lesson}`;
  const pager = (l, key, cls) =>
    l
      ? `<a href="/module/${esc(page.module)}/lesson/${esc(l.id)}" class="${cls}"><span class="pager-label">${s.t(key)}</span><span class="pager-title">${esc(l.title)}</span></a>`
      : "";
  return (
    block(s, lang, language, path) +
    header(s, lang, languages, false) +
    `<main id="main" tabindex="-1"><div class="page lesson-page">` +
    `<nav class="breadcrumb" aria-label="${s.t("nav.breadcrumb")}"><a href="/">${s.t("nav.catalog")}</a> › ` +
    `<a href="/module/${esc(page.module)}" aria-current="page">${esc(t.module_title)}</a></nav>` +
    `<article class="lesson" data-testid="lesson"><h1 tabindex="-1">${esc(t.title)}</h1>` +
    `<div class="lesson-tools"><button class="button button-small bookmark" aria-pressed="false"><span aria-hidden="true">☆</span>${s.t("lesson.bookmark")}</button></div>` +
    `<p class="meta">${s.format("lesson.reading_time", { minutes: String(page.reading_minutes) })}</p>` +
    `<div><div class="prose">${markdown(t.body)}</div></div>` +
    `<aside class="activity" aria-labelledby="activity-title"><h2 id="activity-title">${esc(t.activity_title)}</h2>` +
    `<div class="prose">${markdown(t.activity_body)}</div></aside>` +
    `<div class="end-of-lesson" aria-hidden="true"></div>` +
    `<div class="lesson-actions"><button class="button button-primary" aria-pressed="false">${s.t("lesson.mark_done")}</button></div></article>` +
    `<section class="note card"><label for="${esc(noteId)}"><h2>${s.t("lesson.note")}</h2></label><p class="meta">${s.t("lesson.note.hint")}</p>` +
    `<textarea id="${esc(noteId)}" rows="4" readonly=""></textarea><p class="meta" role="status" aria-live="polite"></p></section>` +
    `<nav class="pager" aria-label="${s.t("lesson.pager")}">${pager(t.prev, "lesson.previous", "pager-prev")}${pager(t.next, "lesson.next", "pager-next")}</nav>` +
    `</div></main>` +
    footer(s) +
    `</div>`
  );
}

/** Runs the native content tool with `args` (and `input` on its standard input), as the build
 * and the end-to-end tests do. */
function runContentCheck(args, input) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  // The native build the tests make, wherever this build's wasm goes and whatever flags it has
  // (the update test's second build has its own target directory and flags).
  const env = { ...process.env, CARGO_TARGET_DIR: join(root, "target") };
  delete env.RUSTFLAGS;
  const r = spawnSync("cargo", ["run", "-q", "-p", "erasmi-core", "--bin", "content-check", "--", ...args], {
    cwd: root,
    env,
    input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (r.status !== 0) throw new Error(`content-check ${args[0]} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  return r.stdout;
}

/** Runs the native content tool on the build's copy of the content (`dir`/content). */
function contentCheck(option, dir) {
  return runContentCheck([option, join(resolve(dir), "content")]);
}

/** One module file (JSON) as the build ships it: checked, with its markdown parsed into the trees
 * the app draws (`content-check --parse-module`). */
export function shippedModule(json) {
  return runContentCheck(["--parse-module"], json);
}

/** Replaces the markdown source of the build's modules, cases and blueprints with the safe trees
 * the app's parser makes of it (`content-check --compile`), so the app draws them without parsing. */
export function compileContent(dir) {
  return contentCheck("--compile", dir).trim();
}

/** What the lesson pages show, from the build's own content, parsed by the parser that makes the
 * app's trees (`content-check --lesson-pages`, core/src/native.rs `lesson_pages`). */
function lessonPages(dir) {
  return JSON.parse(contentCheck("--lesson-pages", dir)).pages;
}

/** Writes the first screen of every language into `dir`/index.html, and a page of every lesson
 * (`dir`/module/<id>/lesson/<lesson>.html, served at the lesson's address) that shows the lesson
 * the same way while the app loads. Returns their sizes in bytes. */
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
  const all = languages.map((language) => {
    const own = language.code === "en" ? english : readJson(dir, `i18n/${language.code}.json`);
    return { language, s: strings(own, english, language.code) };
  });
  // The script that shows one block runs inline, right after them (tools/first-paint.js), and
  // the Content Security Policy allows it by its hash, in the page and in _headers.
  const script = readFileSync(new URL("./first-paint.js", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => !/^\s*\/\//.test(line))
    .join("\n")
    .trim();
  const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
  const template = allowScript(html, hash);
  const fill = (blocks) => {
    const body = blocks.join("\n") + `<script>${script}</script>`;
    const [from, to] = [template.indexOf(START) + START.length, template.indexOf(END)];
    return { body, page: template.slice(0, from) + body + template.slice(to) };
  };

  const index = fill(all.map(({ language, s }) => page(s, language.code, language, languages, catalog, competences)));
  writeFileSync(indexPath, index.page);

  // A language the lesson is not written in gets an empty block: the first-paint script then
  // shows the plain start screen, and the app the English text with its note.
  rmSync(join(dir, "module"), { recursive: true, force: true });
  let lessonBytes = 0;
  const pages = lessonPages(dir);
  for (const p of pages) {
    const blocks = all.map(({ language, s }) => {
      const t = p.languages[language.code];
      return t
        ? lessonBlock(s, language.code, language, languages, p, t)
        : `<div class="prerender" data-path="/module/${esc(p.module)}/lesson/${esc(p.lesson)}" data-lang="${esc(language.code)}" data-none="" hidden=""></div>`;
    });
    const out = join(dir, "module", p.module, "lesson");
    mkdirSync(out, { recursive: true });
    const lesson = fill(blocks);
    writeFileSync(join(out, `${p.lesson}.html`), lesson.page);
    lessonBytes += Buffer.byteLength(lesson.page);
  }

  const headersPath = join(dir, "_headers");
  if (existsSync(headersPath)) {
    writeFileSync(headersPath, allowScript(readFileSync(headersPath, "utf8"), hash));
  }
  return { catalog: Buffer.byteLength(index.body), lessons: pages.length, lessonBytes };
}

/** The policy's `script-src` with `hash` as its only script hash. */
function allowScript(text, hash) {
  const policies = text.match(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?/g) ?? [];
  if (policies.length === 0) throw new Error("prerender: no script-src 'self' to allow the first-paint script in");
  return text.replace(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?/g, `script-src 'self' ${hash}`);
}
