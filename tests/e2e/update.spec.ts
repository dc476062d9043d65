import { expect, test } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { resolve } from "node:path";
import { appReady } from "./helpers";

// Build A is dist/ (the release under test); build B is target/update/next, made by
// tools/build-next.mjs: one IndexedDB schema version ahead with a migration, and a changed
// module title. One server serves a symlink that is switched from A to B mid-quiz.
const A = resolve("dist");
const B = resolve("target/update/next");
const LIVE = resolve("target/update/live");
const PORT = 4181;
const ORIGIN = `http://127.0.0.1:${PORT}`;

function point(to: string) {
  rmSync(LIVE, { force: true, recursive: true });
  symlinkSync(to, LIVE, "dir");
}

/** A build's content-hashed files (js, wasm, css): the main module and those index.html loads,
 * and the parts of the app fetched when their pages open. */
function shellFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(n))
    .map((n) => `/${n}`);
}

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  expect(existsSync(`${B}/index.html`), "build B is missing: run `node tools/build-next.mjs` (make test does)").toBe(true);
  point(A);
  server = spawn("node", ["tools/serve.mjs", "--dir", LIVE, "--host", "127.0.0.1", "--port", String(PORT)], { stdio: "ignore" });
  // The server compresses every file before it listens: allow it a minute.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${ORIGIN}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the update test's server did not start");
});

test.afterAll(() => {
  server?.kill();
  rmSync(LIVE, { force: true, recursive: true });
});

test("an update with a schema migration keeps the quiz attempt in progress and serves only the new build", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one run is enough: the update path does not depend on the screen");
  const context = await browser.newContext({ baseURL: ORIGIN });
  const page = await context.newPage();
  const catalog = JSON.parse(readFileSync(`${A}/content/catalog.json`, "utf8"));
  const module = catalog.modules[0];
  const quiz = `/module/${module.id}/quiz`;

  // Build A: wait for its service worker to control the page, then start the quiz.
  await page.goto(quiz);
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await page.getByTestId("question").getByRole("radio").first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 2 of")).toBeVisible();
  await page.getByTestId("question").getByRole("radio").first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("feedback")).toBeVisible();
  const cacheA = await page.evaluate(() => caches.keys());

  // Build B goes live; the page looks for an update as the browser would on its next check.
  point(B);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const prompt = page.getByTestId("update-banner");
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(prompt).toContainText("A new version of ERASMI Toolkit is ready");

  const served: { url: string; fromSw: boolean }[] = [];
  page.on("response", (r) => served.push({ url: new URL(r.url()).pathname, fromSw: r.fromServiceWorker() }));
  await Promise.all([page.waitForEvent("load"), page.getByTestId("update-reload").click()]);
  await appReady(page);

  // Same page, same attempt: question 2 answered, under build B's content.
  await expect(page).toHaveURL(new RegExp(`${quiz}$`));
  await expect(page.getByText("Question 2 of")).toBeVisible();
  await expect(page.locator(".breadcrumb")).toContainText(`${module.title.en} (updated)`);
  const db = await page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[]; answers: number[] }>((done, fail) => {
        const open = indexedDB.open("erasmi");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const d = open.result;
          const req = d.transaction("quiz_attempts").objectStore("quiz_attempts").getAll();
          req.onsuccess = () => {
            done({
              version: d.version,
              stores: Array.from(d.objectStoreNames),
              answers: req.result.map((a: { answers: object }) => Object.keys(a.answers).length),
            });
            d.close();
          };
        };
      }),
  );
  expect(db.version).toBe(4);
  expect(db.stores).toContain("update_probe");
  expect(db.answers).toEqual([2]);

  // Nothing came from build A after the switch: its cache is gone, and every hashed file the
  // page loaded belongs to build B.
  const cacheB = await page.evaluate(() => caches.keys());
  expect(cacheB).toHaveLength(1);
  expect(cacheA).not.toContain(cacheB[0]);
  const ofA = new Set(shellFiles(A));
  const ofB = new Set(shellFiles(B));
  const hashed = served.filter((s) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(s.url));
  expect(hashed.length).toBeGreaterThan(0);
  for (const s of hashed) {
    expect(ofA.has(s.url) && !ofB.has(s.url), `${s.url} is build A's`).toBe(false);
    expect(ofB.has(s.url), `${s.url} belongs to build B`).toBe(true);
  }
  const title = await page.evaluate(async () => (await (await fetch("/content/catalog.json")).json()).modules[0].title.en);
  expect(title).toBe(`${module.title.en} (updated)`);
  await context.close();
});
