import { expect, test } from "@playwright/test";
import { appReady, expectNoAxeViolations, pageSettled, watchConsole } from "./helpers";
import { mainRoutes } from "./routes";
import { mkdirSync } from "node:fs";

// Every main route in both languages and both colour themes: no accessibility violations in dark
// mode (the light theme is scanned in foundation.spec.ts), and screenshots at phone, tablet and
// laptop size for people to review (tests/e2e/screenshots/look/, ignored by git).
const routes = mainRoutes;
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
          await pageSettled(page);
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

test("on a phone the main navigation is one bar at the bottom of the screen, every name fits, and every control is at least 44 px", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "this test sets its own viewport");
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 360, height: 640 });
  for (const lang of ["en", "de"]) {
    await page.goto("/settings");
    await appReady(page);
    await page.locator(".lang-switch select").selectOption(lang);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    for (const route of routes) {
      await page.goto(route.path);
      await pageSettled(page);
      const nav = await page.evaluate(() => {
        const links = [...document.querySelectorAll<HTMLElement>(".site-nav a")];
        return links.map((a) => {
          const r = a.getBoundingClientRect();
          return { text: a.textContent, top: Math.round(r.top), bottom: Math.round(r.bottom), height: r.height, width: r.width, cut: a.scrollWidth > a.clientWidth };
        });
      });
      expect(nav, `${route.path} (${lang})`).toHaveLength(6);
      for (const link of nav) {
        expect(link.bottom, `${link.text} is in the bar at the bottom`).toBeGreaterThanOrEqual(600);
        expect(link.top, `${link.text} is in one row with the others`).toBe(nav[0].top);
        expect(link.cut, `"${link.text}" fits its place in the bar (${lang})`).toBe(false);
      }
      // The bar never hides the end of the page: the footer can be scrolled above it.
      // Scrolled again on each try, in case a late part of the page (an image, fonts) grows it.
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              window.scrollTo(0, document.documentElement.scrollHeight);
              const footer = document.querySelector(".site-footer p")!.getBoundingClientRect();
              const bar = document.querySelector(".site-nav")!.getBoundingClientRect();
              return footer.bottom > bar.top;
            }),
          { message: `${route.path} (${lang}): the footer ends above the navigation bar` },
        )
        .toBe(false);
      // Touch targets: every button, field, menu and navigation link, and the label around each
      // checkbox and radio button. Links inside running text are exempt, as WCAG allows.
      const small = await page.evaluate(() => {
        const found: string[] = [];
        const seen = new Set<Element>();
        const controls = document.querySelectorAll<HTMLElement>(
          "button, select, textarea, summary, a.button, nav a, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not(.file-input), label:has(> input[type=checkbox]), label:has(> input[type=radio])",
        );
        for (const el of controls) {
          if (seen.has(el) || el.closest(".visually-hidden, .skip-link, svg")) continue;
          seen.add(el);
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue; // not rendered (closed menu, hidden on phones)
          if (el.matches("nav.breadcrumb a")) continue; // text links in a line of text
          if (r.height < 43.5 || r.width < 43.5) found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
        return found;
      });
      expect(small, `${route.path} (${lang}): controls smaller than 44 px`).toEqual([]);
    }
  }
  await page.screenshot({ path: "tests/e2e/screenshots/look/phone-navigation-bar.png" });
});

test("on a 360 px phone, the larger text sizes never make a page wider than the screen", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "this test sets its own viewport");
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto("/settings");
  await appReady(page);
  // German has the longest words.
  await page.locator(".lang-switch select").selectOption("de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  for (const size of ["large", "larger"]) {
    await page.goto("/settings");
    await appReady(page);
    await page.getByTestId(`text-size-${size}`).check();
    for (const route of routes) {
      await page.goto(route.path);
      // The page's own content, not its loading skeleton, is what must fit.
      await pageSettled(page);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("body *")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".visually-hidden, .skip-link"))
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") ?? ""} ends at ${Math.round(e.getBoundingClientRect().right)} px`),
      );
      expect.soft(wide, `${route.path} at ${size} text: elements past the right edge`).toEqual([]);
    }
  }
});

test("a lesson prints as text and activity, without the controls around them", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "printing does not depend on the viewport");
  const console = watchConsole(page);
  const lesson = routes.find((r) => r.name === "lesson")!;
  await page.goto(lesson.path);
  await appReady(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("lesson").locator("h1")).toBeVisible();
  await expect(page.locator(".activity")).toBeVisible();
  for (const hidden of [".site-header", ".site-footer", "[data-testid=mark-done]", ".pager", ".note", ".lesson-tools"]) {
    await expect(page.locator(hidden).first(), `${hidden} is not printed`).toBeHidden();
  }
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(pages).toBeGreaterThan(0);
  expect(pages, "a lesson prints on a few pages, not dozens").toBeLessThanOrEqual(6);
  await page.screenshot({ path: "tests/e2e/screenshots/look/lesson-print.png", fullPage: true });
  console.assertClean();
});
