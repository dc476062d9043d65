import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, watchConsole } from "./helpers";

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

test("hostile markdown in a module renders inert", async ({ page }) => {
  const consoleWatch = watchConsole(page);
  const hostile = readFileSync("tests/e2e/fixtures/hostile-module.json", "utf8");
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
