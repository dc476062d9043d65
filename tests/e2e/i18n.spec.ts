import { expect, Page, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { appReady, expectNoAxeViolations, watchConsole } from "./helpers";
import { mainRoutes } from "./routes";

// Two fixture languages added the way a translator would add one — a line in languages.json and a
// string file — served in place of the shipped files, with no change to the app:
// - "en-XA", a pseudo-locale: every UI string wrapped in ⟦…⟧ with accented letters, so any UI text
//   that does not come from the string files stands out;
// - "ar-XB", a right-to-left fixture (the same strings, written right to left).
const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const en: Record<string, string> = read("i18n/en.json");
const languages = read("i18n/languages.json");
const first = read("catalog.json").modules[0];

const ACCENTS: Record<string, string> = { a: "á", e: "é", i: "í", o: "ó", u: "ú", A: "Á", E: "É", I: "Í", O: "Ó", U: "Ú", c: "ç", n: "ñ" };
const pseudo = (s: string) => "⟦" + s.split(/(\{[a-z_]+\})/).map((part) => (part.startsWith("{") ? part : part.replace(/[aeiouAEIOUcn]/g, (c) => ACCENTS[c]))).join("") + "⟧";
const strings: Record<string, string> = Object.fromEntries(Object.entries(en).map(([k, v]) => [k, pseudo(v)]));

/** Every English content text, to tell content (which may fall back to English) from UI text. */
function contentCorpus(): string {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "de") walk(x);
  };
  for (const f of ["catalog.json", "cases.json", "blueprints.json", "glossary.json", "competences.json", "taxonomy.json", "health-check.json"]) walk(read(f));
  for (const f of readdirSync("content/modules")) walk(read(`modules/${f}`));
  // Markdown syntax is not on the page; neither are repeated blanks.
  return texts.join("\n").replace(/[*_`#>|]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ");
}

async function withFixtureLanguages(page: Page) {
  await page.route("**/content/i18n/languages.json", (route) =>
    route.fulfill({
      json: {
        ...languages,
        languages: [...languages.languages, { code: "en-XA", name: "Pseudo", dir: "ltr" }, { code: "ar-XB", name: "RTL fixture", dir: "rtl" }],
      },
    }),
  );
  // A language added with `make catalog` has its start-up strings too (i18n/shell/<code>.json),
  // which the whole file stands in for here.
  await page.route(/\/content\/i18n\/(shell\/)?(en-XA|ar-XB)\.json$/, (route) => route.fulfill({ json: strings }));
  // `make catalog` writes a search file for every offered language; content without their texts
  // falls back to English, so theirs is the English one under their code.
  const search = JSON.parse(readFileSync("content/search/en.json", "utf8"));
  await page.route(/\/content\/search\/(en-XA|ar-XB)\.json$/, (route) =>
    route.fulfill({ json: { ...search, lang: new URL(route.request().url()).pathname.split("/").pop()!.replace(/\.json$/, "") } }),
  );
}

const routes = mainRoutes.map((r) => r.path);

test.use({ serviceWorkers: "block" });

test("a pseudo-locale walked across every route leaves no UI text untransformed", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  test.setTimeout(240_000);
  const console = watchConsole(page);
  await withFixtureLanguages(page);
  await page.goto("/");
  await appReady(page);
  await page.locator(".lang-switch select").selectOption("en-XA");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
  const corpus = contentCorpus();
  const untransformed: string[] = [];
  for (const path of routes) {
    await page.goto(path);
    await appReady(page);
    const texts: string[] = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        // Language names are written in their own language (marked with lang), not translated.
        if (!el.checkVisibility() || el.closest("option, .lang-switch, script, style, body [lang]")) continue;
        const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
        if (/\p{L}/u.test(text)) out.push(text);
      }
      return out;
    });
    for (const t of texts) {
      if (/[⟦⟧áéíóúÁÉÍÓÚçñ]/.test(t)) continue; // transformed
      // Content, shown in English where the language has none (labels may be joined by separators).
      if (t.split(/ · |, /).every((part) => corpus.includes(part))) continue;
      if (/^(\d[\d.,]*\s*)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}$/.test(t)) continue; // a date from Intl
      if (/^[A-ZÄÖÜ]{1,2}$/.test(t) || t === "ERASMI Toolkit") continue; // the brand and initials
      untransformed.push(`${path}: ${JSON.stringify(t)}`);
    }
  }
  expect(untransformed, untransformed.join("\n")).toEqual([]);
  console.assertClean();
});

test("a right-to-left fixture language mirrors the layout without horizontal scrolling", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await withFixtureLanguages(page);
  await page.goto("/");
  await appReady(page);
  await page.locator(".lang-switch select").selectOption("ar-XB");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // Mirrored: the brand sits at the right edge, the language switch at the left.
  const brand = (await page.locator(".brand").boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(brand.x + brand.width).toBeGreaterThan(viewport.width - 40);
  for (const path of routes) {
    await page.goto(path);
    await appReady(page);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.goto(`/module/${first.id}/lesson/${first.lessons[0]}`);
  await appReady(page);
  await page.screenshot({ path: `tests/e2e/screenshots/${testInfo.project.name}-rtl-lesson.png`, fullPage: true });
  await expectNoAxeViolations(page);
});
