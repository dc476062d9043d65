import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, databaseContents, screenshot, shippedModule, watchConsole } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const catalog = read("catalog.json");
const entry = catalog.modules[3];
const module = read(`modules/${entry.id}.json`);

test("reading a lesson to its end marks it done", async ({ page }) => {
  const lesson = module.lessons[1];
  await page.goto(`/module/${entry.id}/lesson/${lesson.id}`);
  await appReady(page);
  const done = page.getByTestId("mark-done");
  await expect(done).toHaveAttribute("aria-pressed", "false");
  await page.locator(".end-of-lesson").scrollIntoViewIfNeeded();
  await expect(done).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/module/${entry.id}`);
  await appReady(page);
  await expect(page.locator(".lesson-item.done")).toHaveCount(1);
});

test("the time spent in a module is saved when the learner leaves it, and the progress page shows it", async ({ page }) => {
  const console = watchConsole(page);
  await page.goto(`/module/${entry.id}/lesson/${module.lessons[0].id}`);
  await appReady(page);
  // Time counts while the learner is active: a key press now, and another after a while.
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(1500);
  await page.keyboard.press("ArrowDown");
  // Leaving the module ends its stretch of time, which is written then.
  await page.locator(".site-nav a[href='/']").first().click();
  await expect(page.locator(".module-card").first()).toBeVisible();
  const saved = async () => {
    const records = ((await databaseContents(page)).activity ?? []) as { module: string; ms: number }[];
    return records.filter((r) => r.module === entry.id).reduce((sum, r) => sum + r.ms, 0);
  };
  await expect.poll(saved).toBeGreaterThanOrEqual(1500);
  await page.locator(".site-nav a[href='/progress']").first().click();
  // Under a minute, but not nothing.
  await expect(page.getByTestId("stat-time")).toHaveText("< 1 min");
  console.assertClean();
});

test("a note typed just before the learner switches away from the app is saved at once", async ({ page }) => {
  const lesson = module.lessons[1];
  await page.clock.install();
  await page.goto(`/module/${entry.id}/lesson/${lesson.id}`);
  await appReady(page);
  // The page's clock stands still from here: the pause after typing never passes, as in a
  // phone's background tab, which the system freezes and may discard.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
  await page.getByTestId("note").fill("Call the job centre before Friday.");
  const notes = async () => ((await databaseContents(page)).notes ?? []) as { text: string }[];
  await page.waitForTimeout(1000);
  expect(await notes()).toEqual([]);
  // The learner switches to another app: the page is hidden.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  await expect.poll(async () => (await notes()).map((n) => n.text)).toEqual(["Call the job centre before Friday."]);
});

test("a note is saved as it is typed and found after a reload and on the saved page", async ({ page }) => {
  const lesson = module.lessons[0];
  await page.goto(`/module/${entry.id}/lesson/${lesson.id}`);
  await appReady(page);
  const note = page.getByTestId("note");
  await note.fill("Ask the migrant women's association about the Tuesday meeting.");
  await expect(page.getByText("Note saved")).toBeVisible();
  await page.getByTestId("bookmark").click();
  await expect(page.getByTestId("bookmark")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await appReady(page);
  await expect(page.getByTestId("note")).toHaveValue("Ask the migrant women's association about the Tuesday meeting.");
  await expect(page.getByTestId("bookmark")).toHaveAttribute("aria-pressed", "true");
  await page.goto("/saved");
  await appReady(page);
  await expect(page.getByTestId("notes")).toContainText("Tuesday meeting");
  await expect(page.getByTestId("bookmarks")).toContainText(lesson.title.en);
  await page.getByTestId("bookmarks").getByRole("link", { name: lesson.title.en }).click();
  await expect(page.locator("main h1")).toHaveText(lesson.title.en);
});

test("search folds umlauts: Öffentlichkeit and Oeffentlichkeit find the same, and a result opens", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "languages", { get: () => ["de"] });
  });
  await page.goto("/search?q=%C3%96ffentlichkeit");
  await appReady(page);
  const count = page.getByTestId("search-count");
  await expect(count).toContainText("Treffer");
  const umlaut = await page.locator(".search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(umlaut.length).toBeGreaterThan(0);
  await expect(page.locator(".search-results mark").first()).toContainText(/Öffentlichkeit/i);

  await page.locator("#search-field").fill("Oeffentlichkeit");
  await expect(page).toHaveURL(/q=Oeffentlichkeit/);
  await expect(page.locator(".search-results mark").first()).toBeVisible();
  const spelled = await page.locator(".search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(spelled).toEqual(umlaut);

  // Keyboard: from the field, the arrow key moves to the first result; Enter opens it.
  await page.locator("#search-field").focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(".search-results a").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(umlaut[0].replace(/[?#]/g, "\\$&") + "$"));
});

test("the header search field opens the search page", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("searchbox", { name: "Search the toolkit" }).fill("trust");
  await page.getByRole("searchbox", { name: "Search the toolkit" }).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=trust$/);
  await expect(page.getByTestId("search-count")).toContainText("results");
});

test("a query typed on the search page stays in the address: a reload, a result and the back button keep it; the header search replaces it", async ({ page }) => {
  await page.goto("/search?q=trust");
  await appReady(page);
  const field = page.locator("#search-field");
  await expect(page.getByTestId("search-count")).toContainText("results");

  // Typed, then at once a new search from the header: the header's query wins.
  await field.fill("network");
  await expect(page).toHaveURL(/\/search\?q=network$/);
  await expect(page.locator(".search-results mark").first()).toContainText(/network/i);
  const header = page.getByRole("banner").getByRole("searchbox", { name: "Search the toolkit" });
  await header.fill("trust");
  await header.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=trust$/);
  await expect(field).toHaveValue("trust");
  await expect(page.locator(".search-results mark").first()).toContainText(/trust/i);

  // Typed, then a result at once; back comes to the same query and results.
  await field.fill("action plan");
  await expect(page.locator(".search-results mark").first()).toContainText(/action|plan/i);
  const first = page.locator(".search-results a").first();
  const href = await first.getAttribute("href");
  await first.click();
  await expect(page).toHaveURL(new RegExp(href!.replace(/[?#]/g, "\\$&") + "$"));
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=action%20plan$/);
  await expect(field).toHaveValue("action plan");
  await expect(page.locator(".search-results a").first()).toHaveAttribute("href", href!);

  await page.reload();
  await appReady(page);
  await expect(field).toHaveValue("action plan");
  await expect(page.locator(".search-results a").first()).toHaveAttribute("href", href!);
});

test("a 1 MB lesson with a huge table and deeply nested lists renders and the page keeps answering", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  test.setTimeout(120_000);
  const consoleWatch = watchConsole(page);
  const module = JSON.parse(readFileSync("tests/e2e/fixtures/hostile-module.json", "utf8"));
  const table = ["| " + Array.from({ length: 40 }, (_, i) => `Column ${i}`).join(" | ") + " |", "|" + " --- |".repeat(40)];
  for (let r = 0; r < 400; r++) table.push("| " + Array.from({ length: 40 }, (_, i) => `r${r}c${i}`).join(" | ") + " |");
  const nested = Array.from({ length: 300 }, (_, d) => `${"  ".repeat(d)}- level ${d}`).join("\n");
  const quotes = ">".repeat(5000) + " deep quote";
  let body = `## A heavy lesson\n\n${table.join("\n")}\n\n${nested}\n\n${quotes}\n\n`;
  const paragraph = "Regional networks for inclusion need shared goals, clear roles and regular exchange between partners. ";
  while (body.length < 1_050_000) body += paragraph.repeat(20) + "\n\n";
  body += "The last paragraph of the heavy lesson.\n";
  module.lessons[0].body = { en: body, de: body };
  // Parsed as the build parses it: the app draws the tree.
  const shipped = shippedModule(module);
  await page.route("**/content/modules/hostile-module.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: shipped }),
  );
  await page.goto("/module/hostile-module/lesson/attack");
  await appReady(page);
  const lesson = page.getByTestId("lesson");
  await expect(lesson).toContainText("The last paragraph of the heavy lesson.", { timeout: 60_000 });
  await expect(lesson.locator("table tbody tr")).toHaveCount(400);
  await expect(lesson).toContainText("deep quote");
  // The page still answers: a click is handled.
  await page.getByTestId("mark-done").click();
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "true");
  // The table scrolls inside its own box; the page does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  consoleWatch.assertClean();
});

test("hostile markdown in a module renders inert", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  // The fixture holds hostile markdown, as an author might write it; the app gets what the build
  // makes of it.
  const hostile = shippedModule(JSON.parse(readFileSync("tests/e2e/fixtures/hostile-module.json", "utf8")));
  await page.route("**/content/modules/hostile-module.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: hostile }),
  );
  let dialog = false;
  page.on("dialog", async (d) => {
    dialog = true;
    await d.dismiss();
  });
  await page.goto("/module/hostile-module/lesson/attack");
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("An attack");
  const lesson = page.getByTestId("lesson");
  await expect(lesson).toContainText("the end of the lesson");
  await expect(lesson.locator("script, img, iframe, [onerror], [onclick], [onmouseover]")).toHaveCount(0);
  await expect(lesson.locator('a[href^="javascript:"], a[href^="data:"], a[href^="JaVaScRiPt:"]')).toHaveCount(0);
  await expect(lesson.getByText("script link")).toBeVisible();
  const safe = lesson.getByRole("link", { name: "safe link" });
  await expect(safe).toHaveAttribute("rel", "noopener noreferrer");
  await expect(safe).toHaveAttribute("target", "_blank");
  // A raw HTML block is dropped whole, its text included.
  await expect(lesson.getByText("Hover me")).toHaveCount(0);
  await lesson.getByText("bold").click();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(dialog).toBe(false);
  consoleWatch.assertClean();
});

test("a parsed text that links to javascript: is refused: the module says which file is wrong, and nothing runs", async ({ page }, testInfo) => {
  const consoleWatch = watchConsole(page);
  const module = JSON.parse(readFileSync("tests/e2e/fixtures/hostile-module.json", "utf8"));
  // The shape the build ships, with a link no parser would have made.
  const link = (target: object, text: string) => ({ Link: { target, children: [{ Text: text }] } });
  module.lessons[0].body = {
    en: [{ Paragraph: [{ Text: "Read this: " }, link({ External: "javascript:window.__pwned=1" }, "click me")] }],
  };
  module.lessons[0].activity.body = { en: [{ Paragraph: [{ Text: "Try it in your network." }] }] };
  await page.route("**/content/modules/hostile-module.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(module) }),
  );
  await page.goto("/module/hostile-module/lesson/attack");
  await appReady(page);
  const error = page.getByTestId("content-error");
  await expect(error).toContainText("content/modules/hostile-module.json");
  await expect(error).toContainText("lessons[0].body");
  await expect(error).toContainText('link target "javascript:window.__pwned=1" is not allowed');
  await expect(page.getByText("click me")).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  await screenshot(page, testInfo, "content-error-unsafe-link");

  // The same module with a safe link draws it.
  module.lessons[0].body.en[0].Paragraph[1] = link({ External: "https://europa.eu" }, "safe link");
  await page.reload();
  await appReady(page);
  const safe = page.getByTestId("lesson").getByRole("link", { name: "safe link" });
  await expect(safe).toHaveAttribute("href", "https://europa.eu");
  await expect(safe).toHaveAttribute("rel", "noopener noreferrer");
  consoleWatch.assertClean();
});
