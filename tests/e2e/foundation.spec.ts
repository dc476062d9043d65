import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, expectNoAxeViolations, screenshot, watchConsole } from "./helpers";
import { mainRoutes } from "./routes";

const catalog = JSON.parse(readFileSync("content/catalog.json", "utf8"));
const first = catalog.modules[0];
const second = catalog.modules[1];

test("open a module and a lesson, reload, and the catalog offers that lesson to continue", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.goto("/");
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Learning modules");
  // The tab (and the history list, and a screen reader) names the page.
  await expect(page).toHaveTitle("Learning modules – ERASMI Toolkit");
  await expect(page.locator(".module-card")).toHaveCount(catalog.modules.length);
  await expect(page.getByTestId("continue")).toHaveCount(0);
  // Cards name the competences a module builds, as competences.json names them.
  const competences = JSON.parse(readFileSync("content/competences.json", "utf8")).competences;
  const firstCompetence = competences.find((c) => c.id === first.competences[0]).name.en;
  await expect(page.locator(".module-card").first().locator(".chip").first()).toHaveText(firstCompetence);

  await page.getByRole("link", { name: second.title.en }).click();
  await expect(page).toHaveURL(`/module/${second.id}`);
  await expect(page.locator("main h1")).toHaveText(second.title.en);
  await expect(page).toHaveTitle(`${second.title.en} – ERASMI Toolkit`);

  const lessonLinks = page.locator(".lesson-list a");
  await expect(lessonLinks).toHaveCount(second.lessons.length);
  await lessonLinks.nth(1).click();
  await expect(page).toHaveURL(`/module/${second.id}/lesson/${second.lessons[1]}`);
  const lessonTitle = await page.locator("main h1").textContent();
  expect(lessonTitle?.length).toBeGreaterThan(3);
  await expect(page.getByTestId("lesson").locator(".prose p").first()).toBeVisible();
  await expect(page).toHaveTitle(`${lessonTitle} – ERASMI Toolkit`);

  // A reload lands on the same lesson (deep link), then the catalog remembers it from IndexedDB.
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText(lessonTitle!);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Modules" }).click();
  await expect(page.locator("main h1")).toHaveText("Learning modules");
  await page.reload();
  await appReady(page);
  const continueCard = page.getByTestId("continue");
  await expect(continueCard).toContainText(second.title.en);
  await expect(continueCard).toContainText(`lesson 2 of ${second.lessons.length}`);
  await continueCard.getByRole("link", { name: "Continue" }).click();
  await expect(page.locator("main h1")).toHaveText(lessonTitle!);
  consoleWatch.assertClean();
});

test("marking a lesson done shows on the module page and survives a reload", async ({ page }) => {
  await page.goto(`/module/${first.id}/lesson/${first.lessons[0]}`);
  await appReady(page);
  await page.getByTestId("mark-done").click();
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/module/${first.id}`);
  await appReady(page);
  await expect(page.locator(".lesson-item.done")).toHaveCount(1);
  await expect(page.locator("main .meta").first()).toContainText(`1 of ${first.lessons.length} lessons done`);
  // Reversible.
  await page.goto(`/module/${first.id}/lesson/${first.lessons[0]}`);
  await appReady(page);
  await page.getByTestId("mark-done").click();
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "false");
});

test("a broken module file shows its error on its own page while other modules work", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  const broken = readFileSync("tests/e2e/fixtures/broken-module.json", "utf8");
  await page.route("**/content/catalog.json", async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.modules.push({
      id: "broken-module",
      version: 1,
      title: { en: "A module with a mistake", de: "Ein Modul mit Fehler" },
      summary: { en: "Its lessons list has a typo.", de: "Die Lektionsliste hat einen Tippfehler." },
      duration_minutes: 10,
      competences: [],
      lessons: ["one"],
    });
    await route.fulfill({ response, json });
  });
  await page.route("**/content/modules/broken-module.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: broken }),
  );
  await page.goto("/");
  await appReady(page);
  await page.getByRole("link", { name: "A module with a mistake" }).click();
  const error = page.getByTestId("content-error");
  await expect(error).toContainText("content/modules/broken-module.json");
  await expect(error).toContainText("line 11, column 25");
  await expect(error).toContainText("lessons[0]");
  await expect(error).toContainText("titel");
  await expect(error).toContainText("Other modules still work");

  await page.goBack();
  await page.getByRole("link", { name: first.title.en }).click();
  await expect(page.locator("main h1")).toHaveText(first.title.en);
  await expect(page.getByTestId("content-error")).toHaveCount(0);
  // The only console errors allowed are none: a broken file is explained on the page.
  consoleWatch.assertClean();
});

test("unknown addresses get a helpful page, and unknown modules and lessons say what is wrong", async ({ page }) => {
  await page.goto("/no-such-page");
  await appReady(page);
  await expect(page.getByTestId("not-found")).toContainText("There is no page at “/no-such-page”");
  await page.getByRole("link", { name: "Go to all modules" }).click();
  await expect(page.locator("main h1")).toHaveText("Learning modules");

  await page.goto("/module/no-such-module");
  await appReady(page);
  await expect(page.getByTestId("content-error")).toContainText("content/modules/no-such-module.json was not found");

  await page.goto(`/module/${first.id}/lesson/no-such-lesson`);
  await appReady(page);
  await expect(page.getByTestId("not-found")).toBeVisible();
});

test("a catalog of 60 modules shows 24 cards at a time, and 'show more' adds the next and moves the focus there", async ({ page }, testInfo) => {
  const consoleWatch = watchConsole(page);
  // 60 entries made from the shipped ones, each with its own id and numbered title.
  const entries = Array.from({ length: 60 }, (_, i) => {
    const e = catalog.modules[i % catalog.modules.length];
    const n = String(i + 1).padStart(2, "0");
    return { ...e, id: `${e.id}-${n}`, title: { en: `${e.title.en} ${n}`, de: `${e.title.de} ${n}` } };
  });
  await page.route("**/content/catalog.json", (route) => route.fulfill({ json: { ...catalog, modules: entries } }));
  await page.goto("/");
  await appReady(page);
  const cards = page.locator(".module-card");
  await expect(cards).toHaveCount(24);
  await expect(page.getByTestId("list-shown")).toHaveText("Showing 24 of 60 modules.");
  const more = page.getByTestId("list-more");
  await expect(more).toHaveText("Show 24 more modules");
  await more.click();
  await expect(cards).toHaveCount(48);
  await expect(cards.nth(24).locator("h2 a")).toBeFocused();
  await expect(cards.nth(24).locator("h2 a")).toHaveText(entries[24].title.en);
  await expect(more).toHaveText("Show 12 more modules");
  await page.getByLabel("Language").selectOption("de");
  await expect(page.getByTestId("list-shown")).toHaveText("48 von 60 Modulen werden angezeigt.");
  await expect(page).toHaveTitle("Lernmodule – ERASMI Toolkit");
  await expect(more).toHaveText("12 weitere Module anzeigen");
  await screenshot(page, testInfo, "catalog-show-more-de");
  await more.click();
  await expect(cards).toHaveCount(60);
  await expect(cards.nth(59).locator("h2 a")).toHaveText(entries[59].title.de);
  await expect(more).toHaveCount(0);
  await expect(page.getByTestId("list-shown")).toHaveCount(0);
  await expectNoAxeViolations(page);
  consoleWatch.assertClean();
});

test("the progress page of 30 modules lists 24 at a time, and 'show more' lists the rest", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  const sources = new Map(catalog.modules.map((m) => [m.id, JSON.parse(readFileSync(`content/modules/${m.id}.json`, "utf8"))]));
  const entries = Array.from({ length: 30 }, (_, i) => {
    const e = catalog.modules[i % catalog.modules.length];
    const n = String(i + 1).padStart(2, "0");
    return { ...e, id: `${e.id}-${n}`, title: { en: `${e.title.en} ${n}`, de: `${e.title.de} ${n}` } };
  });
  await page.route("**/content/catalog.json", (route) => route.fulfill({ json: { ...catalog, modules: entries } }));
  await page.route("**/content/modules/*.json", (route) => {
    const id = new URL(route.request().url()).pathname.split("/").pop()!.replace(/\.json$/, "");
    const entry = entries.find((e) => e.id === id);
    if (!entry) return route.fulfill({ status: 404, body: "" });
    const source = sources.get(id.replace(/-\d\d$/, ""));
    return route.fulfill({ json: { ...source, id, title: entry.title } });
  });
  await page.goto("/progress");
  await appReady(page);
  const rows = page.locator("[data-testid=module-progress] > li");
  await expect(rows).toHaveCount(24);
  await expect(page.getByTestId("stat-modules")).toHaveText("0 / 30");
  await expect(page.getByTestId("list-shown")).toHaveText("Showing 24 of 30 modules.");
  await page.getByTestId("list-more").click();
  await expect(rows).toHaveCount(30);
  await expect(rows.nth(24).locator("h3 a")).toBeFocused();
  await expect(rows.nth(29).locator("h3 a")).toHaveText(entries[29].title.en);
  await expect(page.getByTestId("list-more")).toHaveCount(0);
  consoleWatch.assertClean();
});

test("the language switch changes every string, sets <html lang> and persists", async ({ page }, testInfo) => {
  await page.goto("/");
  await appReady(page);
  await page.getByLabel("Language").selectOption("de");
  await expect(page.locator("main h1")).toHaveText("Lernmodule");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("link", { name: first.title.de })).toBeVisible();
  if (testInfo.project.name === "desktop") {
    // At 1,280 px the German header, the longest, stays on one row: every item on the brand's line.
    const tops = await page.locator(".site-header > *").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(20);
  }
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Lernmodule");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
});

test("the page is served under a CSP whose only inline script is the first screen's, allowed by its hash", async ({ page }) => {
  const response = await page.goto("/");
  const html = await response!.text();
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1];
  expect(meta).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval';/);
  expect(html).not.toContain("unsafe-inline");
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline).toHaveLength(1);
  expect(inline[0]).toContain("erasmi.first-paint");
  expect(meta).toContain(`'sha256-${createHash("sha256").update(inline[0]).digest("base64")}'`);
  await appReady(page);
});

test("the server sends the same Content-Security-Policy as the page, with frame-ancestors", async ({ page }) => {
  const response = await page.goto("/");
  const header = response!.headers()["content-security-policy"];
  expect(header).toContain("frame-ancestors 'none'");
  const html = await response!.text();
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1];
  // The meta element cannot carry frame-ancestors; everything else is the same policy.
  expect(header.replace(/; frame-ancestors 'none'/, "")).toBe(meta);
  for (const directive of ["default-src 'self'", "'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "img-src 'self' blob: data:"]) {
    expect(meta).toContain(directive);
  }
  await appReady(page);
});

test("a journey through every kind of page requests nothing from any other origin", async ({ page, context }) => {
  const requests: string[] = [];
  context.on("request", (req) => requests.push(req.url()));
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) violations.push(msg.text());
  });
  for (const route of mainRoutes) {
    await page.goto(route.path);
    await appReady(page);
  }
  await page.goto(`/module/${first.id}/quiz`);
  await appReady(page);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByTestId("question")).toBeVisible();
  const origins = [...new Set(requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:")).map((u) => new URL(u).origin))];
  expect(requests.length).toBeGreaterThan(20);
  expect(origins).toEqual([new URL(page.url()).origin]);
  expect(violations).toEqual([]);
});

const routes = mainRoutes;

for (const lang of ["en", "de"]) {
  for (const route of routes) {
    test(`${route.name} (${lang}) has no accessibility violations and no console errors`, async ({ page }, testInfo) => {
      const consoleWatch = watchConsole(page);
      await page.addInitScript((l) => {
        Object.defineProperty(navigator, "languages", { get: () => [l] });
        Object.defineProperty(navigator, "language", { get: () => l });
      }, lang);
      await page.goto(route.path);
      await appReady(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expectNoAxeViolations(page);
      await screenshot(page, testInfo, `${route.name}-${lang}`);
      consoleWatch.assertClean();
    });
  }
}

test("the about page names the funding disclaimer, the privacy promise and the app and content versions", async ({ page }) => {
  await page.goto("/about");
  await appReady(page);
  const en = JSON.parse(readFileSync("content/i18n/en.json", "utf8"));
  await expect(page.locator("main")).toContainText(en["about.funding.body"]);
  await expect(page.locator("main")).toContainText(en["about.privacy.body"]);
  await expect(page.locator("main")).toContainText(/App version \d+\.\d+\.\d+/);
  const content = page.getByTestId("content-version");
  await expect(content).toContainText("Content format 1. Module versions:");
  await expect(content).toContainText(`${first.title.en} ${first.version}`);
});
