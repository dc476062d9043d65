import { expect, Page, TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { shippedModule as shipModule } from "../../tools/prerender.mjs";

/** Collects console errors and CSP violations; call `assertClean()` at the end of a test. */
export function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  // No request ever leaves the app's own origin (the test servers all run on 127.0.0.1).
  page.context().on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.hostname !== "127.0.0.1") {
      problems.push(`third-party request: ${req.method()} ${req.url()}`);
    }
  });
  return {
    problems,
    assertClean() {
      expect(problems, problems.join("\n")).toEqual([]);
    },
  };
}

/** Waits until the app has replaced the static loading screen. */
export async function appReady(page: Page) {
  await expect(page.locator("#boot")).toHaveCount(0);
  await expect(page.locator("main h1")).toBeVisible();
}

/** A module as the build ships it: checked, with its markdown parsed into the trees the app
 * draws (the app has no markdown parser). Runs the content tool the build runs. */
export function shippedModule(module: object): string {
  return shipModule(JSON.stringify(module));
}

/** Waits until the page has drawn everything it loads: no part of it is still marked busy. */
export async function pageSettled(page: Page) {
  await appReady(page);
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

/** Runs axe (WCAG 2.1 A/AA) and fails on any violation, listing them. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, summary.join("\n")).toEqual([]);
}

/** Saves a full-page screenshot for people to review (tests/e2e/screenshots, ignored by git). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = "tests/e2e/screenshots";
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-${name}.png`, fullPage: true });
}

/** Every record in the app's database, store by store, read with the plain IndexedDB API. */
export async function databaseContents(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open("erasmi");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, "readonly");
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const req = tx.objectStore(n).getAll();
            req.onsuccess = () => (out[n] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

