import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, expectNoAxeViolations, watchConsole } from "./helpers";
import { mkdirSync } from "node:fs";

// Every main route in both languages and both colour themes: no accessibility violations in dark
// mode (the light theme is scanned in foundation.spec.ts), and screenshots at phone, tablet and
// laptop size for people to review (tests/e2e/screenshots/look/, ignored by git).
const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const first = read("catalog.json").modules[0];
const routes = [
  { name: "catalog", path: "/" },
  { name: "module", path: `/module/${first.id}` },
  { name: "lesson", path: `/module/${first.id}/lesson/${first.lessons[0]}` },
  { name: "quiz", path: `/module/${first.id}/quiz` },
  { name: "self-assessment", path: `/module/${first.id}/self-assessment` },
  { name: "cases", path: "/cases" },
  { name: "case", path: `/cases/${read("cases.json").cases[0].id}` },
  { name: "blueprints", path: "/blueprints" },
  { name: "blueprint", path: `/blueprints/${read("blueprints.json").blueprints[0].id}` },
  { name: "glossary", path: "/glossary" },
  { name: "search", path: "/search?q=netzwerk" },
  { name: "saved", path: "/saved" },
  { name: "progress", path: "/progress" },
  { name: "profiles", path: "/profiles" },
  { name: "tools", path: "/tools" },
  { name: "tool-health-check", path: "/tools/health-check" },
  { name: "trainer", path: "/trainer" },
  { name: "settings", path: "/settings" },
  { name: "about", path: "/about" },
  { name: "not-found", path: "/no-such-page" },
];
const sizes = [
  { name: "phone", width: 360, height: 640 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "laptop", width: 1440, height: 900 },
];

for (const lang of ["en", "de"]) {
  test(`every route in ${lang}, dark: no accessibility violations, no horizontal scrolling; screenshots at three sizes in both themes`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "this test sets its own viewports");
    test.setTimeout(600_000);
    const console = watchConsole(page);
    await page.addInitScript((l) => {
      Object.defineProperty(navigator, "languages", { get: () => [l] });
      Object.defineProperty(navigator, "language", { get: () => l });
    }, lang);
    const dir = "tests/e2e/screenshots/look";
    mkdirSync(dir, { recursive: true });
    for (const route of routes) {
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const size of sizes) {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.goto(route.path);
          await appReady(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${route.path} at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `${dir}/${route.name}-${lang}-${scheme}-${size.name}.png`, fullPage: true });
        }
        if (scheme === "dark") await expectNoAxeViolations(page);
      }
    }
    console.assertClean();
  });
}

test("the theme and text size chosen in settings apply at once and after a reload", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/settings");
  await appReady(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByTestId("theme-dark").check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(light);
  await page.getByTestId("text-size-larger").check();
  const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(await fontSize()).toBe("20.8px");
  await expectNoAxeViolations(page);
  await page.reload();
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await fontSize()).toBe("20.8px");
  await expect(page.getByTestId("theme-dark")).toBeChecked();
  // Back to following the system.
  await page.getByTestId("theme-system").check();
  await page.getByTestId("text-size-normal").check();
  expect(await background()).toBe(light);
  expect(await fontSize()).toBe("16px");
});
