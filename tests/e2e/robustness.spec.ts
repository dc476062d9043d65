import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { appReady, databaseContents } from "./helpers";

const catalog = JSON.parse(readFileSync("content/catalog.json", "utf8"));
const first = catalog.modules[0];
const de = JSON.parse(readFileSync("content/i18n/de.json", "utf8"));
const en = JSON.parse(readFileSync("content/i18n/en.json", "utf8"));

test("when the app stops on an error it says so, copies the details, reloads, and nothing saved is lost", async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/module/${first.id}/lesson/${first.lessons[0]}`);
  await appReady(page);
  await page.getByTestId("mark-done").click();
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "true");

  // Stop the app the way a bug would.
  await page.evaluate(() => {
    try {
      (window as unknown as { wasmBindings: { debug_panic: () => void } }).wasmBindings.debug_panic();
    } catch {
      // The module aborts after the panic hook has run.
    }
  });
  const screen = page.getByTestId("panic-screen");
  await expect(screen).toBeVisible();
  await expect(screen.getByRole("heading", { level: 1 })).toHaveText(en["panic.title"]);
  await expect(page.getByRole("button", { name: en["panic.reload"] })).toBeFocused();
  // The page behind it no longer takes clicks.
  expect(await page.evaluate(() => document.querySelector("header")!.closest("[inert]") !== null)).toBe(true);

  await page.getByRole("button", { name: en["panic.copy"] }).click();
  await expect(page.locator("#panic-status")).toHaveText(en["panic.copied"]);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("debug_panic");
  expect(copied).toContain(`/module/${first.id}/lesson/${first.lessons[0]}`);
  await page.screenshot({ path: "tests/e2e/screenshots/desktop-panic-screen.png" });

  await page.getByRole("button", { name: en["panic.reload"] }).click();
  await appReady(page);
  await expect(page.getByTestId("panic-screen")).toHaveCount(0);
  await expect(page.getByTestId("mark-done")).toHaveAttribute("aria-pressed", "true");
});

test("the error screen speaks the language the app was showing", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the phone layout is checked here");
  await page.goto("/settings");
  await appReady(page);
  await page.locator(".lang-switch select").selectOption("de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.evaluate(() => {
    try {
      (window as unknown as { wasmBindings: { debug_panic: () => void } }).wasmBindings.debug_panic();
    } catch {}
  });
  const screen = page.getByTestId("panic-screen");
  await expect(screen.getByRole("heading", { level: 1 })).toHaveText(de["panic.title"]);
  await expect(screen).toHaveAttribute("lang", "de");
  await expect(page.getByRole("button", { name: de["panic.reload"] })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "tests/e2e/screenshots/phone-panic-screen-de.png" });
});

// The bad-input corpus in tests/bad-input/: module files, backups (data.spec.ts), assignment and
// report codes, and addresses. Each case gets its own message and leaves the stored data as it was.
const corpus = (kind: string) => {
  const dir = `tests/bad-input/${kind}`;
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, "utf8"));
  return Object.entries(expected).map(([name, want]) => ({ name, text: readFileSync(`${dir}/${name}`, "utf8"), want }));
};
/** The fixed words of a message, with `{file}` filled, up to its next placeholder. */
const fixedWords = (key: string, file = "") => en[key].replace("{file}", file).split("{")[0].trim();

test("every bad module file in the corpus is explained on the module page, and the rest of the app works", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  const cases = corpus("content") as { name: string; text: string; want: { key: string; detail: string } }[];
  expect(cases.length).toBeGreaterThanOrEqual(10);
  let body = "";
  await page.route("**/content/modules/quiz-fixture.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
  await page.goto("/");
  await appReady(page);
  const before = await databaseContents(page);
  for (const c of cases) {
    body = c.text;
    await page.goto("/module/quiz-fixture");
    await appReady(page);
    const error = page.getByTestId("content-error");
    await expect(error, c.name).toContainText(fixedWords(c.want.key, "content/modules/quiz-fixture.json"));
    await expect(error, c.name).toContainText(c.want.detail);
    await expect(error).toContainText(en["error.content.what_to_do"]);
  }
  await page.goto(`/module/${first.id}`);
  await appReady(page);
  await expect(page.getByTestId("content-error")).toHaveCount(0);
  expect(await databaseContents(page)).toEqual(before);
});

test("every bad assignment code in the corpus is refused on the receive page, every bad report code by the import", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  const cases = corpus("codes") as { name: string; text: string; want: string }[];
  expect(cases.length).toBeGreaterThanOrEqual(20);
  await page.goto("/assign");
  await appReady(page);
  const before = await databaseContents(page);
  for (const c of cases.filter((c) => c.name.startsWith("a"))) {
    await page.goto("/assign");
    await appReady(page);
    await page.locator("#paste-code").fill(c.text);
    if (c.want === "code.error.empty") {
      // Nothing but spaces is not a code yet: the page keeps explaining what to paste.
      await expect(page.getByText(en["assign.receive.paste_help"])).toBeVisible();
    } else {
      await expect(page.getByTestId("code-error"), c.name).toContainText(fixedWords(c.want));
      await expect(page.getByTestId("code-error")).toContainText(en["restore.unchanged"]);
    }
    await expect(page.getByTestId("accept")).toHaveCount(0);
  }
  // The trainer area (switched on in settings) imports reports.
  await page.goto("/settings");
  await appReady(page);
  await page.getByTestId("trainer-toggle").check();
  await page.goto("/trainer");
  await appReady(page);
  const outcome = page.getByTestId("import-outcome");
  for (const c of cases.filter((c) => c.name.startsWith("r"))) {
    await page.getByTestId("import-codes").fill(c.text);
    await page.getByTestId("import-button").click();
    await expect(outcome, c.name).toContainText(fixedWords(c.want));
    await expect(outcome).toContainText(en["trainer.import.done"].replace("{count}", "0"));
  }
  const after = await databaseContents(page);
  // Switching the trainer area on is the one change made, and it is a device setting.
  for (const store of Object.keys(before).filter((s) => s !== "settings")) expect(after[store], store).toEqual(before[store]);
});

test("addresses with unknown ids each say what is missing", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one viewport is enough");
  const cases: { path: string; testid: string; text: string }[] = JSON.parse(readFileSync("tests/bad-input/urls.json", "utf8"));
  expect(cases.length).toBeGreaterThanOrEqual(8);
  await page.goto("/");
  await appReady(page);
  const before = await databaseContents(page);
  page.on("dialog", () => {
    throw new Error("an address opened a dialog");
  });
  for (const c of cases) {
    await page.goto(c.path);
    await appReady(page);
    const where = c.testid === "main" ? page.locator("main") : page.getByTestId(c.testid);
    await expect(where, c.path).toBeVisible();
    await expect(where, c.path).toContainText(c.text);
  }
  expect(await databaseContents(page)).toEqual(before);
});
