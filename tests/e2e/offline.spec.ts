import { chromium, expect, Page, test } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appReady } from "./helpers";

const read = (f: string) => JSON.parse(readFileSync(`content/${f}`, "utf8"));
const catalog = read("catalog.json");
const cases = read("cases.json").cases;

async function waitUntilStoredOffline(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  await page.goto("/settings");
  await appReady(page);
  await expect(page.getByTestId("offline-status")).toContainText("Everything is stored on this device", { timeout: 60_000 });
}

/** Opens the first lesson of `entry` and checks that the service worker answered with the
 * lesson's own page, which shows the text before the app starts, and that the app then drew it. */
async function openStoredLesson(page: Page, entry: { id: string; lessons: string[] }) {
  const lessonPath = `/module/${entry.id}/lesson/${entry.lessons[0]}`;
  const response = await page.goto(lessonPath);
  expect(response?.fromServiceWorker()).toBe(true);
  expect(await response?.text()).toContain(`data-path="${lessonPath}"`);
  await appReady(page);
  await expect(page.locator(".lesson .prose p").first()).toBeVisible();
}

/** Answers the question on screen with whatever input it offers, checks it and moves on. */
async function answerAnything(page: Page) {
  const q = page.getByTestId("question");
  const groups = q.locator("fieldset.options");
  for (let g = 0; g < (await groups.count()); g++) {
    await groups.nth(g).locator("input").first().check();
  }
  const texts = q.locator("input[type=text]");
  for (let i = 0; i < (await texts.count()); i++) await texts.nth(i).fill("x");
  const selects = q.locator("select");
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: 1 });
  await page.getByTestId("check").click();
  await page.getByTestId("next").click();
}

test("after one visit, every module, a lesson, a case, search and a whole quiz work offline", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough for the offline journey");
  test.setTimeout(180_000);
  await page.goto("/");
  await appReady(page);
  await waitUntilStoredOffline(page);
  // Every part of the app is stored.
  const parts = await page.evaluate(async () => {
    const names = [];
    for (const key of await caches.keys()) {
      for (const r of await (await caches.open(key)).keys()) {
        const m = new URL(r.url).pathname.match(/^\/(split-[a-z]+)-[0-9a-f]+\.wasm$/);
        if (m) names.push(m[1]);
      }
    }
    return names.sort();
  });
  expect(parts).toEqual(["split-assigned", "split-learn", "split-library", "split-records", "split-work"]);

  // Cut the network: the browser is offline, and any request that still reaches the network fails.
  await context.setOffline(true);
  await context.route("**/*", (route) => route.abort("internetdisconnected"));

  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await appReady(page);
  await expect(page.getByTestId("online-indicator")).toHaveText("Offline");

  for (const entry of catalog.modules) {
    await page.goto(`/module/${entry.id}`);
    await appReady(page);
    await expect(page.getByTestId("content-error")).toHaveCount(0);
    await expect(page.locator(".lesson-list a")).toHaveCount(entry.lessons.length);
  }
  const entry = catalog.modules[1];
  await openStoredLesson(page, entry);
  await page.goto(`/cases/${cases[0].id}`);
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText(cases[0].title.en);
  await page.goto("/search?q=network");
  await appReady(page);
  await expect(page.getByTestId("search-count")).toContainText("results");

  // Every other part of the app is stored too, though this visit never opened its pages.
  for (const path of ["/progress", "/profiles", "/trainer", "/assign", "/glossary", "/about"]) {
    await page.goto(path);
    await appReady(page);
    await expect(page.getByTestId("page-unavailable"), path).toHaveCount(0);
  }

  // A worksheet, offline: a health check with its statements.
  await page.goto("/tools/health-check");
  await appReady(page);
  await page.getByLabel("Name of the network").fill("Netzwerk offline");
  await page.getByTestId("create-worksheet").click();
  await page.getByTestId("run-check").click();
  await expect(page.locator(".health-dimension")).toHaveCount(read("health-check.json").dimensions.length);

  // A whole quiz, offline.
  const module = read(`modules/${entry.id}.json`);
  await page.goto(`/module/${entry.id}/quiz`);
  await appReady(page);
  await page.getByTestId("start-quiz").click();
  for (let i = 0; i < module.quiz.questions.length; i++) await answerAnything(page);
  await expect(page.getByTestId("score")).toBeVisible();
  const score = await page.getByTestId("score").textContent();

  // Back online: the attempt is still there.
  await context.unroute("**/*");
  await context.setOffline(false);
  await page.goto(`/module/${entry.id}/quiz`);
  await appReady(page);
  await expect(page.getByTestId("history").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("history")).toContainText(score!.split("%")[0]);
});

test("behind a host that redirects page.html to page, the stored pages still answer offline", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  test.setTimeout(120_000);
  // Like Netlify's and Cloudflare Pages' pretty URLs: `/index.html` → `/`, `/….html` → `/…`.
  let redirects = 0;
  await context.route(/\/(index|module\/[^?]*)\.html(\?.*)?$/, (route) => {
    redirects += 1;
    const url = new URL(route.request().url());
    url.pathname = url.pathname === "/index.html" ? "/" : url.pathname.replace(/\.html$/, "");
    return route.fulfill({ status: 308, headers: { location: url.toString() } });
  });
  await page.goto("/");
  await appReady(page);
  await waitUntilStoredOffline(page);
  // The service worker stored the shell and every lesson page through the redirect.
  expect(redirects).toBeGreaterThan(catalog.modules.length);
  await context.setOffline(true);
  await context.route("**/*", (route) => route.abort("internetdisconnected"));

  await openStoredLesson(page, catalog.modules[0]);
  const shellResponse = await page.goto("/glossary");
  expect(shellResponse?.fromServiceWorker()).toBe(true);
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Glossary");
});

test("Chromium finds the app installable", async ({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "installability does not depend on the viewport");
  // A persistent context: an incognito one always reports "in-incognito".
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "erasmi-install-")), {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const page = await context.newPage();
    await page.goto(testInfo.project.use.baseURL + "/");
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const manifest = await page.evaluate(async () => (await fetch("/manifest.webmanifest")).json());
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  } finally {
    await context.close();
  }
});

test("where the browser asks to save data, content waits for the learner, who sees its size first", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "connection", { get: () => ({ saveData: true, effectiveType: "3g" }) });
  });
  await page.goto("/settings");
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  await page.reload();
  await appReady(page);
  // Only the app shell and the start-up content are stored; the modules wait.
  const status = page.getByTestId("offline-status");
  await expect(status).toContainText("Storing for offline use");
  await expect(page.getByTestId("save-data")).toBeVisible();
  const download = page.getByTestId("download-all");
  await expect(download).toHaveText(/Download everything for offline use \(\d+(\.\d)? MB\)/);
  await page.waitForTimeout(3000);
  await expect(status).toContainText("Storing for offline use");
  await download.click();
  await expect(status).toContainText("Everything is stored on this device", { timeout: 60_000 });
  await expect(download).toHaveCount(0);
});
