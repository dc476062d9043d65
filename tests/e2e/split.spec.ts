import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, screenshot, watchConsole } from "./helpers";

// The release wasm is cut into a main module and one file per part of the app (ARCHITECTURE.md,
// "Code splitting"). These journeys run with no service worker, so every file really comes from
// the network.
test.use({ serviceWorkers: "block" });

const en = JSON.parse(readFileSync("content/i18n/en.json", "utf8"));
const de = JSON.parse(readFileSync("content/i18n/de.json", "utf8"));

/** The wasm files the page fetched, by name without the content hash. */
function wasmRequests(page: Page) {
  const names: string[] = [];
  page.on("request", (req) => {
    const m = new URL(req.url()).pathname.match(/^\/(.+?)(-[0-9a-f]{16})?(_bg)?\.wasm$/);
    if (m) names.push(m[1]);
  });
  return names;
}

/** The UI string files the page fetched. */
function stringRequests(page: Page) {
  const paths: string[] = [];
  page.on("request", (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith("/content/i18n/") && path !== "/content/i18n/languages.json") paths.push(path);
  });
  return paths;
}

test("the catalog needs only the main wasm and start-up's strings; a part and all strings come when one of its pages opens", async ({ page }) => {
  const console = watchConsole(page);
  const fetched = wasmRequests(page);
  const strings = stringRequests(page);
  await page.goto("/");
  await appReady(page);
  expect(fetched).toEqual(["erasmi"]);
  expect(strings).toEqual(["/content/i18n/shell/en.json"]);
  await expect(page.locator("main h1")).toHaveText(en["catalog.title"]);
  await expect(page.locator(".module-card .meta").first()).toContainText(en["module.lesson_count"].replace("{count}", ""));

  await page.locator(".site-nav a[href='/tools']").first().click();
  await expect(page.locator("main h1")).toHaveText(en["tools.title"]);
  expect(fetched).toContain("split-work");
  expect(fetched.filter((n) => n.startsWith("split-") && n !== "split-work")).toEqual([]);
  expect(strings).toEqual(["/content/i18n/shell/en.json", "/content/i18n/en.json"]);
  // The page's own strings are there, not their keys.
  await expect(page.locator("main")).not.toContainText(/\btools\.[a-z_]+/);

  // Back to the catalog: nothing is fetched again.
  const before = fetched.length;
  await page.goBack();
  await expect(page.locator(".module-card").first()).toBeVisible();
  expect(fetched.length).toBe(before);
  console.assertClean();
});

test.describe("a German learner", () => {
  test.use({ locale: "de-DE" });
  test("the catalog in German loads start-up's strings of German and English only", async ({ page }) => {
    const console = watchConsole(page);
    const strings = stringRequests(page);
    await page.goto("/");
    await appReady(page);
    await expect(page.locator("main h1")).toHaveText(de["catalog.title"]);
    expect([...strings].sort()).toEqual(["/content/i18n/shell/de.json", "/content/i18n/shell/en.json"]);
    // A page of a part brings all German strings; its text is German.
    await page.locator(".site-nav a[href='/progress']").first().click();
    await expect(page.locator("main h1")).toHaveText(de["progress.title"]);
    expect(strings).toContain("/content/i18n/de.json");
    console.assertClean();
  });
});

test("the learner's assignments on the catalog bring a small part of their own, only for a learner who has one", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const catalog = JSON.parse(readFileSync("content/catalog.json", "utf8"));
  // A trainer makes an assignment of one module.
  const trainer = await (await browser.newContext({ serviceWorkers: "block" })).newPage();
  await trainer.goto("/trainer");
  await appReady(trainer);
  await trainer.getByTestId("trainer-on").click();
  await trainer.getByLabel("Title", { exact: true }).fill("Netzwerk Süd – Einführung");
  await trainer.getByLabel("Your name as trainer").fill("Jonas Weber");
  await trainer.getByRole("checkbox", { name: catalog.modules[0].title.en }).check();
  await trainer.getByTestId("create-assignment").click();
  const link = new URL(await trainer.getByTestId("assignment-link").inputValue());

  // The learner accepts it, then opens the catalog.
  const learner = await browser.newContext({ serviceWorkers: "block" });
  const accept = await learner.newPage();
  await accept.goto(link.pathname + link.hash);
  await appReady(accept);
  await accept.getByTestId("accept").click();
  await expect(accept).toHaveURL(/\/assignment\/a-/);
  await accept.close();
  const page = await learner.newPage();
  const fetched = wasmRequests(page);
  await page.goto("/");
  await appReady(page);
  const mine = page.getByTestId("my-assignments");
  await expect(mine.locator("li")).toHaveCount(1);
  await expect(mine).toContainText("Netzwerk Süd – Einführung");
  await expect(mine).toContainText("0 of 1 task complete");
  expect(fetched).toContain("split-assigned");
  expect(fetched.filter((n) => n.startsWith("split-") && n !== "split-assigned")).toEqual([]);
  // The cards are there as for anyone else.
  await expect(page.locator(".module-card")).toHaveCount(Math.min(catalog.modules.length, 24));
  await screenshot(page, testInfo, "catalog-assigned");
});

test("opening a lesson straight from its address fetches the learning part while the app starts", async ({ page }) => {
  const catalog = JSON.parse(readFileSync("content/catalog.json", "utf8"));
  const entry = catalog.modules[0];
  const fetched = wasmRequests(page);
  await page.goto(`/module/${entry.id}/lesson/${entry.lessons[0]}`);
  await appReady(page);
  await expect(page.locator(".lesson .prose p").first()).toBeVisible();
  expect(fetched).toContain("split-learn");
  expect(fetched.filter((n) => n.startsWith("split-") && n !== "split-learn")).toEqual([]);
});

test("while a page's part loads, the previous page stays under a progress bar; then focus moves to the new heading", async ({ page }) => {
  const catalog = JSON.parse(readFileSync("content/catalog.json", "utf8"));
  const first = catalog.modules[0];
  let release = () => {};
  const arrived = new Promise<void>((r) => (release = r));
  await page.route("**/split-learn-*.wasm", async (route) => {
    await arrived;
    await route.continue();
  });
  await page.goto("/");
  await appReady(page);
  const heading = page.locator("main h1");
  const catalogTitle = await heading.textContent();
  await page.getByRole("link", { name: first.title.en }).first().click();
  await expect(page.getByTestId("route-progress")).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("aria-busy", "true");
  await expect(heading).toHaveText(catalogTitle!);

  release();
  await expect(heading).toHaveText(first.title.en);
  await expect(heading).toBeFocused();
  await expect(page.getByTestId("route-progress")).toBeHidden();
  await expect(page.locator("main")).not.toHaveAttribute("aria-busy");
});

test("a page whose part cannot be fetched says so in the learner's language, and opens on 'Try again'", async ({ page }, testInfo) => {
  // A learner with no connection opens a part of the app that is not on the device yet.
  await page.route("**/split-work-*.wasm", (route) => route.abort("internetdisconnected"));
  await page.goto("/tools");
  const unavailable = page.getByTestId("page-unavailable");
  await expect(unavailable.locator("h1")).toHaveText(en["unavailable.title"]);
  await expect(unavailable).toContainText(en["unavailable.body"]);
  await expect(page.getByTestId("panic-screen")).toHaveCount(0);
  // The rest of the app still works: the header, and a page from the main wasm.
  await page.locator(".site-nav a[href='/']").first().click();
  await expect(page.locator(".module-card").first()).toBeVisible();

  // In German, reached from within the app.
  await page.locator(".lang-switch select").selectOption("de");
  await page.locator(".site-nav a[href='/tools']").first().click();
  await expect(unavailable.locator("h1")).toHaveText(de["unavailable.title"]);
  await expect(page.getByTestId("page-unavailable-retry")).toHaveText(de["unavailable.retry"]);
  await screenshot(page, testInfo, "page-unavailable-de");

  // The connection is back: "Try again" opens the page.
  await page.unroute("**/split-work-*.wasm");
  await page.getByTestId("page-unavailable-retry").click();
  await expect(page.locator("main h1")).toHaveText(de["tools.title"]);
  await expect(unavailable).toHaveCount(0);
});

/** Holds every request for `part`'s file until `release()` of the returned object is called. */
async function holdPart(page: Page, part: string) {
  let release = () => {};
  const arrived = new Promise<void>((r) => (release = r));
  const held = { count: 0, release };
  await page.route(`**/split-${part}-*.wasm`, async (route) => {
    held.count++;
    await arrived;
    await route.continue();
  });
  return held;
}

test("a link to another page of the same part, followed while the part loads, opens that page", async ({ page }) => {
  // The library part holds the cases and the glossary. A learner on a slow connection taps
  // "Cases", then "Glossary" before the cases have come.
  const held = await holdPart(page, "library");
  await page.goto("/");
  await appReady(page);
  await page.locator(".site-nav a[href='/cases']").click();
  await expect.poll(() => held.count).toBeGreaterThan(0);
  await page.locator(".site-nav a[href='/glossary']").click();
  await expect(page).toHaveURL(/\/glossary$/);
  held.release();
  await expect(page.locator("main h1")).toHaveText(en["glossary.title"]);
  await expect(page.getByTestId("route-progress")).toBeHidden();
  await page.locator(".site-nav a[href='/cases']").click();
  await expect(page.locator("main h1")).toHaveText(en["cases.title"]);
});

test("a page of a part opened from its address shows whole when the app appears, and its part's other pages open at once", async ({ page }) => {
  // Until the part is here the loading screen stays: no header with an empty page under it,
  // whose links to the part's other pages would lead nowhere while the part loads.
  const held = await holdPart(page, "library");
  await page.goto("/cases");
  await expect.poll(() => held.count).toBeGreaterThan(0);
  await expect(page.locator("#boot")).toBeVisible();
  await expect(page.locator(".site-header")).toHaveCount(0);
  held.release();
  // The heading is there in the same frame as the app.
  const heading = await page.waitForFunction(() => !document.getElementById("boot") && (document.querySelector("main h1")?.textContent ?? "(none)"));
  expect(await heading.jsonValue()).toBe(en["cases.title"]);
  await page.locator(".site-nav a[href='/glossary']").click();
  await expect(page.locator("main h1")).toHaveText(en["glossary.title"]);
});
