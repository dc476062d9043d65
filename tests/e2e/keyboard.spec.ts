import { expect, Locator, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, watchConsole } from "./helpers";

// A keyboard-only journey: the skip link, a module opened from the catalog, a lesson marked done
// and a setting changed, with no mouse. (A whole quiz by keyboard is in quiz.spec.ts.)
const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const first = read("catalog.json").modules[0];
const module = read(`modules/${first.id}.json`);
const en = read("i18n/en.json");

async function tabTo(page: Page, target: Locator, key = "Tab", max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${target} with ${key}`);
}

test("keyboard only: skip link, a module from the catalog, a lesson marked done, the theme changed", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "a keyboard journey on one viewport");
  const console = watchConsole(page);
  await page.goto("/");
  await appReady(page);

  // The first Tab reaches the skip link; Enter moves on to the main content.
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // A module from the catalog: focus moves to the new page's heading.
  await tabTo(page, page.getByRole("link", { name: first.title.en }).first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/module/${first.id}`);
  await expect(page.locator("main h1")).toBeFocused();

  // The first lesson, marked done.
  await tabTo(page, page.getByRole("link", { name: module.lessons[0].title.en }));
  await page.keyboard.press("Enter");
  await expect(page.locator("main h1")).toHaveText(module.lessons[0].title.en);
  const done = page.getByTestId("mark-done");
  await tabTo(page, done);
  await page.keyboard.press("Enter");
  await expect(done).toHaveAttribute("aria-pressed", "true");

  // Settings, from the footer link; the colour theme changed with the arrow keys.
  await tabTo(page, page.getByRole("link", { name: en["nav.settings"] ?? "Settings" }).last());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/settings");
  await tabTo(page, page.getByTestId("theme-system"));
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("theme-dark")).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  console.assertClean();
});
